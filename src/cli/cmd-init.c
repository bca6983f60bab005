/* cmd-init.c -- create a new, empty project directory. */
#include "cli/cli.h"

static int init_run(const struct cdr_cmd *cmd, struct cli_ctx *ctx, int argc, char **argv);

const struct cdr_cmd cmd_init = {
	.name = "init",
	.usage = "codeer init [--name NAME] [DIR]",
	.summary = "create a project in DIR (default: the current directory)",
	.help = "Options:\n"
		"  --name NAME  the project's name (default: the directory's name)\n"
		"\nThe project is a plain directory: codeer.toml, sources/, cases.tsv,\n"
		"schemes/, codings/ and memos/. Put it under version control if you like.\n",
	.run = init_run,
};

static int init_run(const struct cdr_cmd *cmd, struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *name = NULL, *dir;
	int c;

	while ((c = cli_getopt(cmd, argc, argv, "+h", opts)) != -1) {
		if (c < -1)
			return CLI_GETOPT_EXIT(c);
		if (c == 'n')
			name = optarg;
	}
	if (argc - optind > 1)
		return cli_usage_error(cmd, "too many arguments");
	dir = optind < argc ? argv[optind] : ctx->project_dir ? ctx->project_dir : ".";
	if (cdr_project_init(dir, name) < 0)
		return cli_lib_error();
	printf("Initialised an empty codeer project in %s\n", dir);
	return EXIT_OK;
}
