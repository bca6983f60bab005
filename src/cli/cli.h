/* cli.h -- the command table and the helpers every subcommand shares.
 *
 * Adding a command: write src/cli/cmd-<name>.c with a `const struct
 * cdr_cmd cmd_<name>` entry (pure data: name, summary, arguments, options
 * with their types and help, examples, exec), add one extern line and one
 * table line in main.c, and the file and name to Makefile.am; docs/hacking.md
 * has the whole recipe. The parser (cli_dispatch) checks the command line
 * against the entry; an exec function reads what was given, calls the
 * library and prints. It returns an exit status (0, 1 for "found
 * something" or "found nothing" as the command documents, 2 for an error)
 * and never calls exit(). */
#ifndef CDR_CLI_H
#define CDR_CLI_H

#include <stdio.h>

#include "codeer/codeer.h"

enum { EXIT_OK = 0, EXIT_FOUND = 1, EXIT_ERROR = 2 };

struct cli_ctx {
	const char *project_dir; /* -C DIR, or NULL to search from "." */
};

/* An option in a command's table: the one place that says what the
 * option is called, what it takes and what it does. Parsing, --help, the
 * man pages and the shell completions are all made from it. */
enum cli_type {
	CLI_OPT_FLAG,   /* --force: on or off */
	CLI_OPT_STRING, /* --coder NAME */
	CLI_OPT_INT,    /* --width N: a whole number */
	CLI_OPT_LIST,   /* --codes A,B,C: comma-separated, spaces trimmed, no empty items */
	CLI_OPT_ENUM    /* --cell count|presence|...: one of .choices */
};

struct cli_opt {
	const char *name;            /* long name without "--" */
	char letter;                 /* short form (-o), or 0 */
	enum cli_type type;
	const char *value;           /* the value's name in help: "NAME", "LIST" */
	const char *help;            /* what it does; '\n' starts a continuation line */
	const char *const *choices;  /* CLI_OPT_ENUM: the values, NULL-terminated */
	int repeat;                  /* may be given again: strings collect, lists append */
};
#define CLI_CHOICES(...) ((const char *const[]){ __VA_ARGS__, NULL })
#define CLI_EXAMPLES(...) ((const char *const[]){ __VA_ARGS__, NULL })
/* The options most tables carry. */
#define CLI_FORMAT_OPTION(...) { "format", 0, CLI_OPT_ENUM, "F", "output format (default: table on a terminal)", \
			      CLI_CHOICES(__VA_ARGS__), 0 }
#define CLI_OUTPUT_OPTION { "output", 'o', CLI_OPT_STRING, "FILE", \
			 "write to FILE, atomically, as its extension says\n" \
			 "(.csv .tsv .json .md .html .txt) unless --format is given", NULL, 0 }

/* What the parser found: the positional arguments, and per option of the
 * table (same index) whether and how it was given. */
struct cli_value {
	int count;          /* times given (0: not given) */
	const char *str;    /* CLI_OPT_STRING, CLI_OPT_ENUM, CLI_OPT_INT: the last value */
	long num;           /* CLI_OPT_INT */
	int choice;         /* CLI_OPT_ENUM: index into .choices */
	char **items;       /* CLI_OPT_LIST and repeated CLI_OPT_STRING: every value */
	size_t nitems;
};

struct cli_args {
	const struct cdr_cmd *cmd;
	int argc;
	char **argv;        /* positional arguments (not owned) */
	struct cli_value *v;
	size_t nopts;
};

struct cdr_cmd {
	const char *name;     /* "matrix"; a subcommand's is "code add" */
	const char *summary;  /* one line for `codeer help` */
	const char *help;     /* prose for --help after the options */
	/* the parser checks everything these say */
	const char *args;                      /* positional arguments in the synopsis: "DOC [REF]" */
	int min_args, max_args;                /* max_args < 0: any number */
	const struct cli_opt *opts;            /* ends with { NULL } */
	const char *const *examples;           /* "command  # what it does", NULL-terminated */
	const char *exit_status;               /* when not the usual "0 success, 2 error" */
	const struct cdr_cmd *const *subcommands; /* NULL-terminated; then .exec may be NULL */
	int (*exec)(struct cli_ctx *ctx, const struct cli_args *args);
};

/* Run a table-described command on argv (argv[0] is its name): parse,
 * answer --help, report usage errors, call .exec or a subcommand. */
int cli_dispatch(const struct cdr_cmd *cmd, struct cli_ctx *ctx, int argc, char **argv);

/* Reading parsed options by name (a name not in the table is a bug and
 * aborts). Not given: NULL, 0, the default. */
const char *cli_str(const struct cli_args *a, const char *name);
int cli_flag(const struct cli_args *a, const char *name);
long cli_int(const struct cli_args *a, const char *name, long dflt);
int cli_choice(const struct cli_args *a, const char *name, int dflt);
char *const *cli_list(const struct cli_args *a, const char *name, size_t *n);
/* Split "A, B,C" into items: spaces trimmed, empty items refused. */
int cli_split_list(char ***out, size_t *n, const char *s, const char *what);
void cli_list_free(char **items, size_t n);

/* Help, man pages and completions, made from the tables (cli-help.c). */
void cli_help_write(FILE *f, const struct cdr_cmd *cmd);
void cli_synopsis_write(FILE *f, const struct cdr_cmd *cmd, const char *prefix);
/* A man page: the table's synopsis, options, examples and exit status,
 * and the prose of the docs page (Markdown) when one is given. */
int cli_man_write(FILE *f, const struct cdr_cmd *cmd, const char *docs_path, const char *date);
int cli_man_index_write(FILE *f, const struct cdr_cmd *const *commands, const char *date);
int cli_completion_write(FILE *f, const struct cdr_cmd *const *commands, const char *shell);
void cli_options_write(FILE *f, const struct cdr_cmd *cmd);

/* "codeer: <message>" on stderr; returns EXIT_ERROR. */
int cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The library's last error as above. */
int cli_lib_error(void);
/* "codeer CMD: <message>" and the usage line; returns EXIT_ERROR. */
int cli_usage_error(const struct cdr_cmd *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Find and open the project (-C or the nearest parent with codeer.toml). */
int cli_open_project(struct cli_ctx *ctx, cdr_project **out);

/* The output format of a list without -o: --format NAME, else table on a
 * terminal, bare lines otherwise. */
int cli_format(const char *name, cdr_format *out);

/* The coders an analysis counts: cdr_coders_choose's policy, with the
 * options that get a user out of an ambiguous project added to its error. */
int cli_coders_choose(cdr_project *p, const char *requested, char ***names, size_t *n, int *implicit);
/* The coder a hand coding is made for when none is named: $CODEER_CODER,
 * else $USER, else "me" (code add, code edit, kwic --code). */
const char *cli_hand_coder(void);
/* Without --coder, say on stderr whose codings were counted. */
void cli_coders_note(char *const *names, size_t n, int implicit);

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
