/* cli.c -- helpers shared by the subcommands: messages, option parsing
 * with --help, finding the project, choosing the output format. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

int cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("codeer: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_ERROR;
}

int cli_lib_error(void)
{
	return cli_error("%s", cdr_error_last());
}

int cli_usage_error(const struct cdr_cmd *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "codeer %s: ", cmd->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nusage: %s\n", cmd->usage);
	return EXIT_ERROR;
}

int cli_help(const struct cdr_cmd *cmd)
{
	printf("usage: %s\n\n%s\n", cmd->usage, cmd->summary);
	if (cmd->help && *cmd->help)
		printf("\n%s", cmd->help);
	return EXIT_OK;
}

int cli_getopt(const struct cdr_cmd *cmd, int argc, char **argv, const char *shortopts,
	       const struct option *longopts)
{
	char opts[64];
	int c;

	/* a leading ':' makes getopt tell a missing value from an unknown option */
	if (shortopts[0] == '+')
		snprintf(opts, sizeof(opts), "+:%s", shortopts + 1);
	else
		snprintf(opts, sizeof(opts), ":%s", shortopts);
	opterr = 0;
	c = getopt_long(argc, argv, opts, longopts, NULL);
	if (c == 'h') {
		cli_help(cmd);
		return -2;
	}
	if (c == ':') {
		cli_usage_error(cmd, "option '%s' needs a value", argv[optind - 1]);
		return -3;
	}
	if (c == '?') {
		const char *arg = argv[optind - 1];
		if (strncmp(arg, "--", 2) == 0)
			cli_usage_error(cmd, "unknown option '%s'", arg);
		else
			cli_usage_error(cmd, "unknown option '-%c'", optopt);
		return -3;
	}
	return c;
}

int cli_open_project(struct cli_ctx *ctx, cdr_project **out)
{
	char *dir = NULL;
	int rc;

	if ((rc = cdr_project_discover(&dir, ctx->project_dir ? ctx->project_dir : ".")) < 0)
		return cli_lib_error();
	rc = cdr_project_open(out, dir);
	free(dir);
	return rc < 0 ? cli_lib_error() : EXIT_OK;
}

int cli_format(const char *name, cdr_format *out)
{
	if (name == NULL) {
		*out = isatty(STDOUT_FILENO) ? CDR_FORMAT_TABLE : CDR_FORMAT_PLAIN;
		return 0;
	}
	return cdr_format_parse(out, name) < 0 ? cli_lib_error() : 0;
}
