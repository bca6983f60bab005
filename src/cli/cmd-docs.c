/* cmd-docs.c -- list the documents of the project, one per line. */
#include <stdlib.h>

#include "cli/cli.h"

static int docs_exec(struct cli_ctx *ctx, const struct cli_args *a);

const struct cdr_cmd cmd_docs = {
	.name = "docs",
	.summary = "list documents with their case, format, turns, sentences and words",
	.opts = (const struct cli_opt[]){
		CLI_FORMAT_OPTION("table", "plain", "tsv", "csv", "json", "md", "html"),
		CLI_OUTPUT_OPTION,
		{ NULL },
	},
	.help = "Piped without --format, tab-separated lines without a header, one document\n"
		"a line starting with its id, for cut and grep.\n",
	.examples = CLI_EXAMPLES("codeer docs", "codeer docs --format tsv | cut -f1,2", "codeer docs -o docs.csv"),
	.exit_status = "0 success, also for a project without documents (the list is empty); "
		       "2 an error, usage errors included (nothing is written to -o FILE then).",
	.exec = docs_exec,
};

static int docs_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	static const char *const headers[] = {
		"doc", "case", "format", "encoding", "turns", "sentences", "words", "chars", "original"
	};
	struct cli_out o;
	cdr_project *p = NULL;
	cdr_table *t = NULL;
	int rc;

	/* a list: piped, one document a line starting with its id */
	if ((rc = cli_out_open(&o, cli_str(a, "output"), cli_str(a, "format"), CLI_LIST)) != EXIT_OK)
		return rc;
	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		goto done;
	if (cdr_table_new(&t, 9, headers) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	for (size_t col = 0; col < 9; col++) {
		/* a document in no case has case null in JSON, not "" */
		if (col >= 4 && col <= 7)
			cdr_table_set_numeric(t, col);
		else
			cdr_table_set_nullable(t, col);
	}
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
	cdr_table_write(t, o.f, o.fmt);
	rc = EXIT_OK;
done:
	cdr_table_free(t);
	cdr_project_free(p);
	return cli_out_close(&o, rc);
}
