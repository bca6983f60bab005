/* cli.c -- helpers shared by the subcommands: messages, option parsing
 * with --help, finding the project, choosing the output format. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
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

/* The format a file name asks for; -1 for an extension codeer cannot write. */
static int format_of_path(const char *path, cdr_format *out)
{
	static const struct { const char *ext; cdr_format f; } exts[] = {
		{ "csv", CDR_FORMAT_CSV }, { "tsv", CDR_FORMAT_TSV }, { "tab", CDR_FORMAT_TSV },
		{ "json", CDR_FORMAT_JSON }, { "md", CDR_FORMAT_MD }, { "markdown", CDR_FORMAT_MD },
		{ "html", CDR_FORMAT_HTML }, { "htm", CDR_FORMAT_HTML }, { "txt", CDR_FORMAT_TABLE },
	};
	const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');

	if (dot == NULL || (slash && dot < slash) || dot == (slash ? slash + 1 : path))
		return -1;
	for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		if (strcasecmp(dot + 1, exts[i].ext) == 0) {
			*out = exts[i].f;
			return 0;
		}
	return -1;
}

/* Spreadsheet and document formats: a CSV under such a name only fails
 * later, in the program that opens it. */
static int foreign_extension(const char *path)
{
	static const char *const exts[] = { "xlsx", "xls", "ods", "odt", "docx", "doc", "pdf", "sav", "zip" };
	const char *dot = strrchr(path, '.'), *slash = strrchr(path, '/');

	if (dot == NULL || (slash && dot < slash))
		return 0;
	for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		if (strcasecmp(dot + 1, exts[i]) == 0)
			return 1;
	return 0;
}

int cli_out_open(struct cli_out *o, const char *path, const char *format_name, enum cli_shape shape)
{
	memset(o, 0, sizeof(*o));
	o->f = stdout;
	if (path && foreign_extension(path))
		return cli_error("%s: codeer cannot write %s files (write .csv, .tsv, .json, .md, .html or .txt)", path,
				 strrchr(path, '.') + 1);
	if (format_name) {
		if (cdr_format_parse(&o->fmt, format_name) < 0)
			return cli_lib_error();
	} else if (path) {
		if (format_of_path(path, &o->fmt) < 0)
			return cli_error("%s: no format for this file name (name it .csv, .tsv, .json, .md, .html or "
					 ".txt, or give --format)", path);
	} else if (isatty(STDOUT_FILENO)) {
		o->fmt = CDR_FORMAT_TABLE;
	} else {
		o->fmt = shape == CLI_TABLE ? CDR_FORMAT_TSV : CDR_FORMAT_PLAIN;
	}
	if (path) {
		if ((o->f = open_memstream(&o->mem, &o->len)) == NULL)
			return cli_error("out of memory");
		o->path = path;
	}
	return EXIT_OK;
}

int cli_out_close(struct cli_out *o, int rc)
{
	if (o->path && o->f) {
		if (fclose(o->f) != 0 && rc == EXIT_OK)
			rc = cli_error("out of memory");
		o->f = NULL;
		if (rc == EXIT_OK && cdr_output_file(o->path, o->mem, o->len) < 0)
			rc = cli_lib_error();
	}
	free(o->mem);
	o->mem = NULL;
	return rc;
}
