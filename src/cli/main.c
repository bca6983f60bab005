/* main.c -- the codeer program: global options, then one subcommand from
 * the table below (exact name or unique prefix, as tmux does). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"

extern const struct cdr_cmd cmd_add;
extern const struct cdr_cmd cmd_agree;
extern const struct cdr_cmd cmd_anon_check;
extern const struct cdr_cmd cmd_autocode;
extern const struct cdr_cmd cmd_cases;
extern const struct cdr_cmd cmd_code;
extern const struct cdr_cmd cmd_coders;
extern const struct cdr_cmd cmd_codes;
extern const struct cdr_cmd cmd_cooccur;
extern const struct cdr_cmd cmd_crosssection;
extern const struct cdr_cmd cmd_docs;
extern const struct cdr_cmd cmd_export;
extern const struct cdr_cmd cmd_freq;
extern const struct cdr_cmd cmd_fsck;
extern const struct cdr_cmd cmd_import;
extern const struct cdr_cmd cmd_init;
extern const struct cdr_cmd cmd_involvement;
extern const struct cdr_cmd cmd_kwic;
extern const struct cdr_cmd cmd_matrix;
extern const struct cdr_cmd cmd_memo;
extern const struct cdr_cmd cmd_mv;
extern const struct cdr_cmd cmd_quotes;
extern const struct cdr_cmd cmd_report;
extern const struct cdr_cmd cmd_restore;
extern const struct cdr_cmd cmd_rm;
extern const struct cdr_cmd cmd_scheme;
extern const struct cdr_cmd cmd_score;
extern const struct cdr_cmd cmd_serve;
extern const struct cdr_cmd cmd_show;

static const struct cdr_cmd *const commands[] = {
	&cmd_add,
	&cmd_agree,
	&cmd_anon_check,
	&cmd_autocode,
	&cmd_cases,
	&cmd_code,
	&cmd_coders,
	&cmd_codes,
	&cmd_cooccur,
	&cmd_crosssection,
	&cmd_docs,
	&cmd_export,
	&cmd_freq,
	&cmd_fsck,
	&cmd_import,
	&cmd_init,
	&cmd_involvement,
	&cmd_kwic,
	&cmd_matrix,
	&cmd_memo,
	&cmd_mv,
	&cmd_quotes,
	&cmd_report,
	&cmd_restore,
	&cmd_rm,
	&cmd_scheme,
	&cmd_score,
	&cmd_serve,
	&cmd_show,
	NULL
};

static void usage(FILE *f)
{
	fputs("usage: codeer [-C DIR] <command> [options] [args]\n\n"
	      "Qualitative coding of interview transcripts, from the command line.\n\n"
	      "Commands:\n", f);
	for (int i = 0; commands[i]; i++)
		fprintf(f, "  %-13s %s\n", commands[i]->name, commands[i]->summary);
	fputs("\nGlobal options:\n"
	      "  -C DIR        use the project in DIR (or the one DIR is in) instead of the current one\n"
	      "  --version     print the version\n"
	      "  -h, --help    this help; 'codeer help COMMAND' or 'codeer COMMAND --help' for one command\n"
	      "\nExit status: 0 success; 1 ran fine but found something to report (anon-check,\n"
	      "scheme check, scheme diff, fsck) or nothing (kwic, quotes), as each command\n"
	      "documents; 2 an error, usage errors and a failed write to standard output included.\n", f);
}

static const struct cdr_cmd *find_command(const char *name)
{
	const struct cdr_cmd *found = NULL;
	size_t n = strlen(name);
	int matches = 0;

	for (int i = 0; commands[i]; i++) {
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
		if (strncmp(commands[i]->name, name, n) == 0) {
			found = commands[i];
			matches++;
		}
	}
	if (matches == 1)
		return found;
	if (matches > 1) {
		fprintf(stderr, "codeer: ambiguous command: %s, could be:", name);
		for (int i = 0; commands[i]; i++)
			if (strncmp(commands[i]->name, name, n) == 0)
				fprintf(stderr, " %s", commands[i]->name);
		fputc('\n', stderr);
		return NULL;
	}
	fprintf(stderr, "codeer: unknown command '%s' (see 'codeer --help')\n", name);
	return NULL;
}

/* The date man pages carry: SOURCE_DATE_EPOCH's, for reproducible builds. */
static void man_date(char out[16])
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	time_t t = sde && *sde ? (time_t)strtoll(sde, NULL, 10) : time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 16, "%Y-%m-%d", &tm);
}

/* codeer help [CMD [SUB]] for people; --man, --man-index, --completion and
 * --options make the installed man pages and completions and feed the test
 * that keeps docs/ and the tables in step. */
static int help(int argc, char **argv)
{
	const struct cdr_cmd *cmd = NULL;
	char date[16];

	if (argc < 2) {
		usage(stdout);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "--completion") == 0 && argc == 3)
		return cli_completion_write(stdout, commands, argv[2]);
	if (strcmp(argv[1], "--man-index") == 0 && argc == 2) {
		man_date(date);
		return cli_man_index_write(stdout, commands, date);
	}
	if (strcmp(argv[1], "--commands") == 0 && argc == 2) {
		for (int k = 0; commands[k]; k++)
			printf("%s\n", commands[k]->name);
		return EXIT_OK;
	}
	if ((strcmp(argv[1], "--man") == 0 && (argc == 3 || argc == 4)) ||
	    (strcmp(argv[1], "--options") == 0 && argc == 3)) {
		if ((cmd = find_command(argv[2])) == NULL || strcmp(cmd->name, argv[2]) != 0)
			return cli_error("no command '%s'", argv[2]);
		if (argv[1][2] == 'o') {
			cli_options_write(stdout, cmd);
			return EXIT_OK;
		}
		man_date(date);
		return cli_man_write(stdout, cmd, argc == 4 ? argv[3] : NULL, date);
	}
	if (argv[1][0] == '-') {
		fprintf(stderr, "usage: codeer help [COMMAND [SUBCOMMAND]]\n"
				"       codeer help --man COMMAND [DOCS.md] | --man-index | --completion bash|zsh | "
				"--options COMMAND | --commands\n");
		return EXIT_ERROR;
	}
	if ((cmd = find_command(argv[1])) == NULL)
		return EXIT_ERROR;
	if (argc > 2) {
		const struct cdr_cmd *sub = NULL;
		for (int k = 0; cmd->subcommands && cmd->subcommands[k]; k++)
			if (strcmp(strrchr(cmd->subcommands[k]->name, ' ') + 1, argv[2]) == 0)
				sub = cmd->subcommands[k];
		if (sub == NULL)
			return cli_error("'%s' has no subcommand '%s'", cmd->name, argv[2]);
		cmd = sub;
	}
	cli_help_write(stdout, cmd);
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	struct cli_ctx ctx = { NULL };
	const struct cdr_cmd *cmd;
	int i = 1, rc;

	while (i < argc && argv[i][0] == '-') {
		if (strcmp(argv[i], "-C") == 0 && i + 1 < argc) {
			ctx.project_dir = argv[i + 1];
			i += 2;
		} else if (strncmp(argv[i], "-C", 2) == 0 && argv[i][2]) {
			ctx.project_dir = argv[i] + 2;
			i++;
		} else if (strcmp(argv[i], "--version") == 0) {
			printf("codeer %s\n", CODEER_VERSION);
			return EXIT_OK;
		} else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			usage(stdout);
			return EXIT_OK;
		} else {
			fprintf(stderr, "codeer: unknown option '%s'\n", argv[i]);
			usage(stderr);
			return EXIT_ERROR;
		}
	}
	if (i >= argc) {
		usage(stderr);
		return EXIT_ERROR;
	}
	if (strcmp(argv[i], "help") == 0)
		return help(argc - i, argv + i);
	if ((cmd = find_command(argv[i])) == NULL)
		return EXIT_ERROR;
	rc = cli_dispatch(cmd, &ctx, argc - i, argv + i);
	/* as git does: output that did not reach its reader is an error */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "codeer: cannot write to standard output: %s\n", strerror(errno ? errno : EIO));
		return EXIT_ERROR;
	}
	return rc;
}
