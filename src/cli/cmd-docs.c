/* cmd-docs.c -- list the documents of the project, one per line. */
#include <stdlib.h>

#include "cli/cli.h"

static int docs_run(const struct cdr_cmd *cmd, struct cli_ctx *ctx, int argc, char **argv);

const struct cdr_cmd cmd_docs = {
	.name = "docs",
	.usage = "codeer docs [--format table|plain|tsv|csv|json|md|html] [-o FILE]",
	.summary = "list documents with their case, format, turns, sentences and words",
	.help = "Options:\n"
		"  --format F   output format (default: table on a terminal, tab-separated lines\n"
		"               without a header when piped, for cut and grep)\n"
		"  -o FILE      write to FILE (atomically); the format from its extension\n",
	.run = docs_run,
};

/* JSON by hand: a document in no case has case null, not "". */
static void write_json(FILE *f, const cdr_table *t)
{
	size_t n = cdr_table_rows(t);

	fputc('[', f);
	for (size_t r = 1; r <= n; r++) {
		fputs(r > 1 ? ",\n {" : "\n {", f);
		for (size_t c = 0; c < cdr_table_cols(t); c++) {
			const char *s = cdr_table_cell(t, r, c);
			fputs(c ? ", " : "", f);
			cdr_json_string(f, cdr_table_cell(t, 0, c));
			fputs(": ", f);
			if (c >= 4 && c <= 7)
				fputs(s, f);
			else if (*s == '\0')
				fputs("null", f);
			else
				cdr_json_string(f, s);
		}
		fputc('}', f);
	}
	fputs(n ? "\n]\n" : "]\n", f);
}

static int docs_run(const struct cdr_cmd *cmd, struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const headers[] = {
		"doc", "case", "format", "encoding", "turns", "sentences", "words", "chars", "original"
	};
	const char *format_name = NULL, *outpath = NULL;
	struct cli_out o;
	cdr_project *p = NULL;
	cdr_table *t = NULL;
	int c, rc;

	while ((c = cli_getopt(cmd, argc, argv, "ho:", opts)) != -1) {
		if (c < -1)
			return CLI_GETOPT_EXIT(c);
		if (c == 'F')
			format_name = optarg;
		else if (c == 'o')
			outpath = optarg;
	}
	if (optind < argc)
		return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
	/* a list: piped, one document a line starting with its id */
	if ((rc = cli_out_open(&o, outpath, format_name, CLI_LIST)) != EXIT_OK)
		return rc;
	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		goto done;
	if (cdr_table_new(&t, 9, headers) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	for (int col = 4; col <= 7; col++)
		cdr_table_set_numeric(t, (size_t)col);
	for (size_t i = 0; i < cdr_project_doc_count(p); i++) {
		const char *id = cdr_project_doc_id(p, i);
		cdr_cases *cases = cdr_project_cases(p);
		cdr_document *doc;
		const cdr_document_info *info;
		char turns[32], sentences[32], words[32], chars[32];
		long ci;

		if (cdr_project_doc_load(&doc, p, id, 0) < 0) {
			rc = cli_lib_error();
			goto done;
		}
		info = cdr_document_info_get(doc);
		ci = cdr_cases_of_doc(cases, id);
		snprintf(turns, sizeof(turns), "%zu", cdr_document_turn_count(doc));
		snprintf(sentences, sizeof(sentences), "%zu", cdr_document_sentence_count(doc));
		snprintf(words, sizeof(words), "%zu", cdr_document_words(doc));
		snprintf(chars, sizeof(chars), "%zu", cdr_document_length(doc));
		{
			const char *row[] = { id, ci >= 0 ? cdr_cases_id(cases, (size_t)ci) : "", info->format,
					      info->encoding, turns, sentences, words, chars, info->original };
			rc = cdr_table_add(t, row);
		}
		cdr_document_free(doc);
		if (rc < 0) {
			rc = cli_lib_error();
			goto done;
		}
	}
	if (o.fmt == CDR_FORMAT_JSON)
		write_json(o.f, t);
	else
		cdr_table_write(t, o.f, o.fmt);
	rc = EXIT_OK;
done:
	cdr_table_free(t);
	cdr_project_free(p);
	return cli_out_close(&o, rc);
}
