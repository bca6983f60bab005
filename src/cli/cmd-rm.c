/* cmd-rm.c -- take documents out of the project, into its archive (or,
 * with --purge, delete them). The library does the work (archive.h). */
#include <stdlib.h>

#include "cli/cli.h"

static int rm_exec(struct cli_ctx *ctx, const struct cli_args *a);

const struct cdr_cmd cmd_rm = {
	.name = "rm",
	.summary = "move documents and their codings to the project's archive",
	.args = "DOC...",
	.min_args = 1,
	.max_args = -1,
	.opts = (const struct cli_opt[]){
		{ "purge", 0, CLI_OPT_FLAG, NULL, "delete for good instead of archiving (says what it deleted)", NULL, 0 },
		{ NULL },
	},
	.help = "Each document goes to archive/<time>-<doc>/ with its text, every coder's\n"
		"codings of it, its memo and the name of its case; 'codeer restore DOC'\n"
		"brings it back. All documents or none.\n",
	.examples = CLI_EXAMPLES("codeer rm interview-03", "codeer restore interview-03",
				 "codeer rm --purge proefinterview"),
	.exec = rm_exec,
};

static int rm_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	cdr_project *p = NULL;
	char *report = NULL;
	int rc;

	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		return rc;
	if (cdr_docs_remove(p, (const char *const *)a->argv, (size_t)a->argc, cli_flag(a, "purge"), &report) < 0) {
		cli_lib_error();
		rc = cli_error("nothing was removed");
	} else {
		fputs(report, stdout);
	}
	free(report);
	cdr_project_free(p);
	return rc;
}
