/* cmd-docs.c -- list the documents of the project, one per line. */
#include <stdlib.h>

#include "cli/cli.h"

static int docs_run(const struct cdr_cmd *cmd, struct cli_ctx *ctx, int argc, char **argv);

const struct cdr_cmd cmd_docs = {
	.name = "docs",
	.usage = "codeer docs [--format table|tsv|csv|json|md]",
	.summary = "list documents with their case, format, turns, sentences and words",
	.help = "Options:\n"
		"  --format F   output format (default: table on a terminal, tab-separated lines\n"
		"               without a header when piped)\n",
	.run = docs_run,
};

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
	const char *format_name = NULL;
	cdr_format fmt;
	cdr_project *p = NULL;
	cdr_table *t = NULL;
	int c, rc;

	while ((c = cli_getopt(cmd, argc, argv, "h", opts)) != -1) {
		if (c < -1)
			return CLI_GETOPT_EXIT(c);
		if (c == 'F')
			format_name = optarg;
	}
	if (optind < argc)
		return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
	if ((rc = cli_format(format_name, &fmt)) != 0)
		return rc;
	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		return rc;
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
	cdr_table_write(t, stdout, fmt);
	rc = EXIT_OK;
done:
	cdr_table_free(t);
	cdr_project_free(p);
	return rc;
}
