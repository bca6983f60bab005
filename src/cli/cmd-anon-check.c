/* cmd-anon-check.c -- list places that look like personal data left in
 * transcripts; exit status 1 when anything is found (like grep). */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static int anon_exec(struct cli_ctx *ctx, const struct cli_args *a);

const struct cdr_cmd cmd_anon_check = {
	.name = "anon-check",
	.summary = "find e-mail addresses, phone numbers, postcodes, BSNs and names left in transcripts",
	.args = "[DOC...]",
	.max_args = -1,
	.opts = (const struct cli_opt[]){
		{ "names", 0, CLI_OPT_STRING, "FILE", "more names to look for, one a line", NULL, 1 },
		{ "no-default-names", 0, CLI_OPT_FLAG, NULL, "do not use the built-in list of first names", NULL, 0 },
		CLI_FORMAT_OPTION("table", "plain", "tsv", "csv", "json", "md", "html"),
		CLI_OUTPUT_OPTION,
		{ NULL },
	},
	.help = "Checks every document, or the ones named. Finds e-mail addresses, Dutch phone\n"
		"numbers (06-12345678, 020 123 4567, +31 6 ...), postcodes (1234 AB), 9-digit\n"
		"numbers that pass the BSN 11-test, and capitalised names from a list: a built-in\n"
		"list of common Dutch first names, the project's anon-names.txt if present, and\n"
		"--names FILE. Piped without --format, one place a line without a header.\n",
	.examples = CLI_EXAMPLES("codeer anon-check", "codeer anon-check --names namen.txt interview-03",
				 "codeer anon-check -o hits.csv"),
	.exit_status = "0 nothing found; 1 something found; 2 an error, usage errors included.",
	.exec = anon_exec,
};

struct scan {
	cdr_table *table;
	const char *doc;
	size_t hits;
};

static int on_hit(void *ctx, const cdr_anon_hit *hit)
{
	struct scan *s = ctx;
	char turn[32], span[64];

	if (hit->turn >= 0)
		snprintf(turn, sizeof(turn), "t%ld", hit->turn + 1);
	else
		turn[0] = '\0';
	snprintf(span, sizeof(span), "c%zu-%zu", hit->span.start, hit->span.end);
	const char *row[] = { s->doc, turn, span, hit->kind, hit->text };
	s->hits++;
	return cdr_table_add(s->table, row);
}

static int add_names_file(cdr_anon *a, const char *path, int must_exist)
{
	FILE *f = fopen(path, "rb");
	char buf[65536];
	size_t n;
	char *all = NULL;
	size_t len = 0;
	int rc = 0;

	if (f == NULL)
		return must_exist ? cli_error("%s: cannot open the names file", path) : 0;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		char *grown = realloc(all, len + n);
		if (grown == NULL) {
			rc = cli_error("out of memory");
			break;
		}
		all = grown;
		memcpy(all + len, buf, n);
		len += n;
	}
	fclose(f);
	if (rc == 0 && len > 0 && cdr_anon_add_names(a, all, len) < 0)
		rc = cli_lib_error();
	free(all);
	return rc;
}

static int anon_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	static const char *const headers[] = { "doc", "turn", "span", "kind", "text" };
	size_t nfiles, ndocs;
	char *const *name_files = cli_list(a, "names", &nfiles);
	int rc;
	cdr_project *p = NULL;
	cdr_anon *anon = NULL;
	struct cli_out o;
	struct scan s = { 0 };

	/* a list, like grep's: piped, one place a line starting with its document */
	if ((rc = cli_out_open(&o, cli_str(a, "output"), cli_str(a, "format"), CLI_LIST)) != EXIT_OK)
		return rc;
	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		goto done;
	if (cdr_anon_new(&anon, !cli_flag(a, "no-default-names")) < 0 || cdr_table_new(&s.table, 5, headers) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	/* a place outside every turn has turn null in JSON, not "" */
	cdr_table_set_nullable(s.table, 1);
	{
		size_t plen = strlen(cdr_project_path(p)) + 32;
		char *local = malloc(plen);
		if (local == NULL) {
			rc = cli_error("out of memory");
			goto done;
		}
		snprintf(local, plen, "%s/anon-names.txt", cdr_project_path(p));
		rc = add_names_file(anon, local, 0);
		free(local);
		if (rc)
			goto done;
	}
	for (size_t i = 0; i < nfiles; i++)
		if ((rc = add_names_file(anon, name_files[i], 1)) != 0)
			goto done;
	ndocs = a->argc ? (size_t)a->argc : cdr_project_doc_count(p);
	for (size_t i = 0; i < ndocs; i++) {
		const char *id = a->argc ? a->argv[i] : cdr_project_doc_id(p, i);
		cdr_document *doc;
		if (cdr_project_doc_load(&doc, p, id, 1) < 0) {
			rc = cli_lib_error();
			goto done;
		}
		s.doc = id;
		rc = cdr_anon_scan(anon, doc, on_hit, &s);
		cdr_document_free(doc);
		if (rc < 0) {
			rc = cli_lib_error();
			goto done;
		}
	}
	/* nothing found: nothing for a person or for grep, but a program
	 * still gets a document it can parse (an empty array, a header) */
	if (s.hits || (o.fmt != CDR_FORMAT_TABLE && o.fmt != CDR_FORMAT_PLAIN))
		cdr_table_write(s.table, o.f, o.fmt);
	if (s.hits > 0)
		fprintf(stderr, "codeer: %zu possible personal data item%s found\n", s.hits, s.hits == 1 ? "" : "s");
	rc = s.hits > 0 ? EXIT_FOUND : EXIT_OK;
done:
	cdr_table_free(s.table);
	cdr_anon_free(anon);
	cdr_project_free(p);
	/* exit 1 is "found something", not a failure: -o still writes its file */
	return cli_out_close(&o, rc == EXIT_FOUND ? EXIT_OK : rc) == EXIT_OK ? rc : EXIT_ERROR;
}
