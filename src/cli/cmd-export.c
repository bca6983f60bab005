/* cmd-export.c -- the project as REFI-QDA, for ATLAS.ti, MAXQDA, NVivo,
 * QualCoder and other QDA programs: a codebook (.qdc) or a whole project
 * (.qdpx). docs/exchange.md says what maps to what. */
#include <stdlib.h>

#include "cli/cli.h"

static int export_exec(struct cli_ctx *ctx, const struct cli_args *a);

const struct cdr_cmd cmd_export = {
	.name = "export",
	.summary = "write the project as REFI-QDA: a codebook (.qdc) or a project (.qdpx)",
	.opts = (const struct cli_opt[]){
		{ "qdc", 0, CLI_OPT_STRING, "FILE", "write the code schemes as a REFI-QDA codebook", NULL, 0 },
		{ "qdpx", 0, CLI_OPT_STRING, "FILE",
		  "write the whole project (sources, cases, codebook, every\n"
		  "coder's codings, memos) as a REFI-QDA project", NULL, 0 },
		{ NULL },
	},
	.help = "Both files are checked against the official REFI-QDA schemas before they are\n"
		"written, and written atomically. Rejected codings and the rules of the schemes\n"
		"are not exported; docs/exchange.md lists what else other programs cannot hold.\n",
	.examples = CLI_EXAMPLES("codeer export --qdc codeboek.qdc",
				 "codeer export --qdpx scriptie.qdpx  # for a supervisor's ATLAS.ti or MAXQDA"),
	.exec = export_exec,
};

static int export_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	const char *qdc = cli_str(a, "qdc"), *qdpx = cli_str(a, "qdpx");
	cdr_project *p = NULL;
	int rc;

	if (qdc == NULL && qdpx == NULL)
		return cli_usage_error(a->cmd, "name the file to write with --qdc FILE or --qdpx FILE");
	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		return rc;
	if (qdc && cdr_refi_export_qdc(p, qdc) < 0) {
		cdr_project_free(p);
		return cli_lib_error();
	}
	if (qdpx && cdr_refi_export_qdpx(p, qdpx) < 0) {
		cdr_project_free(p);
		return cli_lib_error();
	}
	cdr_project_free(p);
	return EXIT_OK;
}
