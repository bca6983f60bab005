/* cmd-mv.c -- give a document another id everywhere (archive.h). */
#include <stdlib.h>

#include "cli/cli.h"

static int mv_exec(struct cli_ctx *ctx, const struct cli_args *a);

const struct cdr_cmd cmd_mv = {
	.name = "mv",
	.summary = "give a document another id (sources, codings, case, memo)",
	.args = "DOC NEW-ID",
	.min_args = 2,
	.max_args = 2,
	.opts = (const struct cli_opt[]){ { NULL } },
	.help = "The document's text and .meta, every coder's codings of it, its place in\n"
		"its case and its memo change in one step.\n",
	.examples = CLI_EXAMPLES("codeer mv interview-03 wijk-zuid-03"),
	.exec = mv_exec,
};

static int mv_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	cdr_project *p = NULL;
	char *report = NULL;
	int rc;

	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		return rc;
	if (cdr_doc_rename(p, a->argv[0], a->argv[1], &report) < 0)
		rc = cli_lib_error();
	else
		fputs(report, stdout);
	free(report);
	cdr_project_free(p);
	return rc;
}
