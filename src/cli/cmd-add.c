/* cmd-add.c -- ingest transcript files into the project, or read one
 * again with other rules (--reread). */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "codeer/autocode.h" /* cdr_cpu_count */
#include "codeer/reread.h"

static int add_exec(struct cli_ctx *ctx, const struct cli_args *a);

const struct cdr_cmd cmd_add = {
	.name = "add",
	.summary = "add transcripts (.txt .md .docx .odt .srt .vtt) to the project",
	.args = "FILE...",
	.min_args = 0, /* FILE... is required unless --reread */
	.max_args = -1,
	.opts = (const struct cli_opt[]){
		{ "case", 0, CLI_OPT_STRING, "ID", "put the documents in case ID (default: a case per document)", NULL, 0 },
		{ "attr", 0, CLI_OPT_STRING, "KEY=VALUE", "set an attribute of the case, e.g. --attr gemeente=Zwolle", NULL, 1 },
		{ "encoding", 0, CLI_OPT_STRING, "NAME",
		  "read text files in this encoding (default: detect;\n"
		  "UTF-8, UTF-16 with a BOM, windows-1252, ISO-8859-1, ...)", NULL, 0 },
		{ "speaker-regex", 0, CLI_OPT_STRING, "RE",
		  "PCRE2 pattern for a turn label at a line start; it needs a\n"
		  "group (?<speaker>...) and may have (?<time>...)", NULL, 0 },
		{ "header-line", 0, CLI_OPT_STRING, "RE",
		  "PCRE2 pattern for a header line such as 'Locatie: ...' at a\n"
		  "line start: kept in the text, but in no turn", NULL, 1 },
		{ "reread", 0, CLI_OPT_STRING, "DOC",
		  "read document DOC again with these options, keeping its\n"
		  "codings; FILE (at most one) is where its file is now", NULL, 0 },
		{ "force", 0, CLI_OPT_FLAG, NULL,
		  "add a file whose content is already in the project (new id);\n"
		  "with --reread: archive the codings whose text is gone", NULL, 0 },
		{ "jobs", 'j', CLI_OPT_INT, "N", "read N files at once (default: one per core)", NULL, 0 },
		{ NULL },
	},
	.help = "All files are added, or none: on an error the project is left as it was.\n",
	.examples = CLI_EXAMPLES("codeer add interviews/*.docx",
				 "codeer add --case wijkteam-zuid --attr gemeente=Zwolle --attr ronde=1 zuid-*.txt",
				 "codeer add --encoding windows-1252 oud-interview.txt",
				 "codeer add --header-line 'Locatie:' --header-line 'Datum:' interview-3.txt",
				 "codeer add --reread interview-3 --speaker-regex '(?<speaker>[A-Z]+):'"),
	.exec = add_exec,
};

struct added {
	FILE *listing;
	FILE *warnings;
};

static void on_added(void *ctx, const char *path, const cdr_document *doc)
{
	struct added *out = ctx;
	const cdr_document_info *info = cdr_document_info_get(doc);

	size_t turns = cdr_document_turn_count(doc), sentences = cdr_document_sentence_count(doc);
	size_t words = cdr_document_words(doc), outside = cdr_ingest_words_outside(doc);

	fprintf(out->listing, "%s\t%s\t%s\t%s\t%zu turn%s\t%zu sentence%s\t%zu word%s\n", info->id, path,
		info->format, info->encoding, turns, turns == 1 ? "" : "s", sentences, sentences == 1 ? "" : "s",
		words, words == 1 ? "" : "s");
	/* most of the text in no turn: the labels were probably not recognised
	 * (a title over a short exchange is no reason to warn) */
	if (outside > words && outside >= 50)
		fprintf(out->warnings,
			"codeer: warning: %s: %zu of its %zu words are outside any speaker turn; "
			"if its speakers have labels codeer did not recognise, give their pattern with --speaker-regex\n",
			path, outside, outside + words);
}

/* add --reread DOC [FILE] */
static int reread_exec(struct cli_ctx *ctx, const struct cli_args *a, const cdr_ingest_options *ingest, size_t nattrs)
{
	cdr_reread_options o = { 0 };
	cdr_project *p = NULL;
	char *report = NULL;
	int rc;

	if (a->argc > 1)
		return cli_usage_error(a->cmd, "--reread reads one file, not %d", a->argc);
	if (cli_str(a, "case") || nattrs)
		return cli_usage_error(a->cmd, "--case and --attr do not go with --reread (see 'codeer cases')");
	o.file = a->argc == 1 ? a->argv[0] : NULL;
	o.force = cli_flag(a, "force");
	o.ingest = *ingest;
	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		return rc;
	rc = cdr_doc_reread(p, cli_str(a, "reread"), &o, &report);
	cdr_project_free(p);
	if (rc < 0) {
		if (rc == CDR_EUNSAFE)
			cli_error("%s\n--force archives them and re-reads the document", cdr_error_last());
		else if (rc == CDR_ENOTFOUND && strstr(cdr_error_last(), "original file"))
			cli_error("%s, as in: codeer add --reread %s FILE", cdr_error_last(), cli_str(a, "reread"));
		else if (rc == CDR_EUSAGE && strstr(cdr_error_last(), "has changed since"))
			cli_error("%s, as in: codeer add --reread %s FILE", cdr_error_last(), cli_str(a, "reread"));
		else
			cli_lib_error();
		return cli_error("nothing was changed");
	}
	fputs(report, stdout);
	free(report);
	return EXIT_OK;
}

static int add_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	cdr_add_options add = { 0 };
	size_t nattrs;
	char *const *attrs = cli_list(a, "attr", &nattrs);
	cdr_project *p = NULL;
	char *listing = NULL, *warnings = NULL;
	size_t listing_len = 0, warnings_len = 0;
	struct added out;
	int rc;

	for (size_t i = 0; i < nattrs; i++)
		if (strchr(attrs[i], '=') == NULL || attrs[i][0] == '=')
			return cli_usage_error(a->cmd, "--attr '%s': expected KEY=VALUE", attrs[i]);
	add.case_id = cli_str(a, "case");
	add.attrs = (const char *const *)attrs;
	add.nattrs = nattrs;
	add.ingest.encoding = cli_str(a, "encoding");
	add.ingest.speaker_regex = cli_str(a, "speaker-regex");
	add.ingest.header_lines = (const char *const *)cli_list(a, "header-line", &add.ingest.nheader_lines);
	add.force = cli_flag(a, "force");
	if (cli_int(a, "jobs", 0) < 0 || cli_int(a, "jobs", 0) > 1024)
		return cli_usage_error(a->cmd, "--jobs takes a number from 1 to 1024 (0: one per core)");
	add.jobs = cli_int(a, "jobs", 0) ? (unsigned)cli_int(a, "jobs", 0) : cdr_cpu_count();
	if (cli_str(a, "reread"))
		return reread_exec(ctx, a, &add.ingest, nattrs);
	if (a->argc == 0)
		return cli_usage_error(a->cmd, "missing arguments: FILE...");
	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		return rc;
	/* The listing and warnings are printed only once the documents are really in. */
	if ((out.listing = open_memstream(&listing, &listing_len)) == NULL ||
	    (out.warnings = open_memstream(&warnings, &warnings_len)) == NULL) {
		if (out.listing)
			fclose(out.listing);
		free(listing);
		cdr_project_free(p);
		return cli_error("out of memory");
	}
	rc = cdr_project_add(p, (const char *const *)a->argv, (size_t)a->argc, &add, on_added, &out);
	fclose(out.listing);
	fclose(out.warnings);
	cdr_project_free(p);
	if (rc < 0) {
		free(listing);
		free(warnings);
		/* the library says what is wrong; the way out is an option here */
		if (rc == CDR_EEXISTS && strstr(cdr_error_last(), "same content"))
			cli_error("%s; --force adds a copy", cdr_error_last());
		else if (rc == CDR_EENCODING && add.ingest.encoding == NULL &&
			 strstr(cdr_error_last(), "cannot be detected"))
			cli_error("%s; name it with --encoding", cdr_error_last());
		else if (rc == CDR_EUSAGE && strncmp(cdr_error_last(), "attribute '", 11) == 0)
			cli_error("--attr%s", cdr_error_last() + 9);
		else
			cli_lib_error();
		return cli_error("nothing was added");
	}
	fwrite(listing, 1, listing_len, stdout);
	fflush(stdout);
	fwrite(warnings, 1, warnings_len, stderr);
	free(listing);
	free(warnings);
	return EXIT_OK;
}
