/* cmd-init.c -- create a new, empty project directory. */
#include "cli/cli.h"

static int init_exec(struct cli_ctx *ctx, const struct cli_args *a);

const struct cdr_cmd cmd_init = {
	.name = "init",
	.summary = "create a project in DIR (default: the current directory)",
	.args = "[DIR]",
	.max_args = 1,
	.opts = (const struct cli_opt[]){
		{ "name", 0, CLI_OPT_STRING, "NAME", "the project's name (default: the directory's name)", NULL, 0 },
		{ NULL },
	},
	.help = "The project is a plain directory: codeer.toml, sources/, cases.tsv,\n"
		"schemes/, codings/ and memos/. Put it under version control if you like.\n",
	.examples = CLI_EXAMPLES("codeer init thesis", "codeer init --name \"Wijkteams Zwolle\" ."),
	.exec = init_exec,
};

static int init_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	const char *dir = a->argc ? a->argv[0] : ctx->project_dir ? ctx->project_dir : ".";

	if (cdr_project_init(dir, cli_str(a, "name")) < 0)
		return cli_lib_error();
	printf("Initialised an empty codeer project in %s\n", dir);
	return EXIT_OK;
}
