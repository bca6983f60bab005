/* cli.h -- the command table and the helpers every subcommand shares.
 *
 * Adding a command: write src/cli/cmd-<name>.c with a `const struct
 * cdr_cmd cmd_<name>` entry (pure data: name, usage, summary, help, run),
 * add one extern line and one table line in main.c, and the file to
 * Makefile.am. A run function parses its options, calls the library and
 * prints; it returns an exit status (0, 1 for "found something", 2 for an
 * error) and never calls exit(). */
#ifndef CDR_CLI_H
#define CDR_CLI_H

#include <getopt.h>
#include <stdio.h>

#include "codeer/codeer.h"

enum { EXIT_OK = 0, EXIT_FOUND = 1, EXIT_ERROR = 2 };

struct cli_ctx {
	const char *project_dir; /* -C DIR, or NULL to search from "." */
};

struct cdr_cmd {
	const char *name;
	const char *usage;    /* the synopsis line(s) */
	const char *summary;  /* one line for `codeer help` */
	const char *help;     /* the option list for --help */
	int (*run)(const struct cdr_cmd *cmd, struct cli_ctx *ctx, int argc, char **argv);
};

/* "codeer: <message>" on stderr; returns EXIT_ERROR. */
int cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The library's last error as above. */
int cli_lib_error(void);
/* "codeer CMD: <message>" and the usage line; returns EXIT_ERROR. */
int cli_usage_error(const struct cdr_cmd *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Print the command's usage and help to stdout; returns EXIT_OK. */
int cli_help(const struct cdr_cmd *cmd);

/* Parse options with getopt_long; handles --help and unknown options.
 * Returns the option character, -1 at the end, or -2 after printing help
 * (exit 0) and -3 after a usage error (exit 2). */
int cli_getopt(const struct cdr_cmd *cmd, int argc, char **argv, const char *shortopts,
	       const struct option *longopts);
/* Turn cli_getopt's -2/-3 into an exit status. */
#define CLI_GETOPT_EXIT(c) ((c) == -2 ? EXIT_OK : EXIT_ERROR)

/* Find and open the project (-C or the nearest parent with codeer.toml). */
int cli_open_project(struct cli_ctx *ctx, cdr_project **out);

/* The output format: --format NAME, else table on a terminal, plain otherwise. */
int cli_format(const char *name, cdr_format *out);

/* Where a command's output goes: standard output, or -o FILE written
 * atomically when the command succeeds. The format is --format's, else the
 * one FILE's extension names (.csv .tsv .json .md .html .txt; any other
 * extension is refused), else `table` on a terminal; piped, a table keeps
 * its header (TSV) and a list prints bare lines for cut and grep. */
enum cli_shape { CLI_LIST, CLI_TABLE };
struct cli_out {
	FILE *f;        /* write here */
	cdr_format fmt; /* in this format */
	const char *path;
	char *mem;
	size_t len;
};
int cli_out_open(struct cli_out *o, const char *path, const char *format_name, enum cli_shape shape);
/* With rc == EXIT_OK write -o's file; release; return the exit status. */
int cli_out_close(struct cli_out *o, int rc);

#endif
