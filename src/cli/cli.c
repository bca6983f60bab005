/* cli.c -- what every subcommand shares: messages, finding the project,
 * where output goes, which coders are counted, and the one parser that
 * reads a command line against a command's table entry. */
#include <errno.h>
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
	fputs("\nusage: ", stderr);
	cli_synopsis_write(stderr, cmd, "       ");
	return EXIT_ERROR;
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

int cli_coders_choose(cdr_project *p, const char *requested, char ***names, size_t *n, int *implicit)
{
	int rc = cdr_coders_choose(names, n, implicit, p, requested);

	if (rc == CDR_EAMBIGUOUS)
		return cli_error("%s (--coder NAME, or --coder all to add them up)", cdr_error_last());
	return rc < 0 ? cli_lib_error() : EXIT_OK;
}

const char *cli_hand_coder(void)
{
	const char *c = getenv("CODEER_CODER");

	if (c && cdr_coder_valid(c))
		return c;
	c = getenv("USER");
	return c && cdr_coder_valid(c) ? c : "me";
}

void cli_coders_note(char *const *names, size_t n, int implicit)
{
	if (implicit && n == 1)
		fprintf(stderr, "codeer: counting the codings of coder %s\n", names[0]);
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

/* ---- the declarative table: one parser for every command ----------- */

static size_t count_opts(const struct cdr_cmd *cmd)
{
	size_t n = 0;

	while (cmd->opts && cmd->opts[n].name)
		n++;
	return n;
}

void cli_list_free(char **items, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(items[i]);
	free(items);
}

static int push_item(char ***items, size_t *n, const char *s, size_t len)
{
	char **grown = realloc(*items, (*n + 1) * sizeof(char *));
	char *copy;

	if (grown == NULL)
		return -1;
	*items = grown;
	if ((copy = strndup(s, len)) == NULL)
		return -1;
	(*items)[(*n)++] = copy;
	return 0;
}

int cli_split_list(char ***out, size_t *n, const char *s, const char *what)
{
	const char *p = s;

	for (;;) {
		const char *comma = strchr(p, ','), *end = comma ? comma : p + strlen(p);
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		if (end == p)
			return cli_error("%s: an empty item in '%s'", what, s);
		if (push_item(out, n, p, (size_t)(end - p)) < 0)
			return cli_error("out of memory");
		if (comma == NULL)
			return EXIT_OK;
		p = comma + 1;
	}
}

static const struct cli_opt *find_long(const struct cdr_cmd *cmd, const char *name, size_t len, int *ambiguous)
{
	const struct cli_opt *found = NULL;
	int matches = 0;

	*ambiguous = 0;
	for (size_t i = 0; cmd->opts && cmd->opts[i].name; i++) {
		const char *o = cmd->opts[i].name;
		if (strlen(o) == len && strncmp(o, name, len) == 0)
			return &cmd->opts[i];
		if (strncmp(o, name, len) == 0) {
			found = &cmd->opts[i];
			matches++;
		}
	}
	/* a unique abbreviation, as getopt_long allows */
	if (matches > 1)
		*ambiguous = 1;
	return matches == 1 ? found : NULL;
}

static const struct cli_opt *find_short(const struct cdr_cmd *cmd, char c)
{
	for (size_t i = 0; cmd->opts && cmd->opts[i].name; i++)
		if (cmd->opts[i].letter == c)
			return &cmd->opts[i];
	return NULL;
}

static void choices_write(FILE *f, const char *const *choices, const char *sep)
{
	for (size_t i = 0; choices[i]; i++)
		fprintf(f, "%s%s", i ? sep : "", choices[i]);
}

/* Store one option's value; returns 0 or an exit status after a message. */
static int take_value(const struct cdr_cmd *cmd, const struct cli_opt *o, struct cli_value *v, const char *value)
{
	v->count++;
	switch (o->type) {
	case CLI_OPT_FLAG:
		return 0;
	case CLI_OPT_STRING:
		v->str = value;
		if (o->repeat && push_item(&v->items, &v->nitems, value, strlen(value)) < 0)
			return cli_error("out of memory");
		return 0;
	case CLI_OPT_INT: {
		char *end;
		errno = 0;
		long n = strtol(value, &end, 10);
		if (*value == '\0' || *end != '\0' || errno)
			return cli_usage_error(cmd, "--%s takes a whole number, not '%s'", o->name, value);
		v->str = value;
		v->num = n;
		return 0;
	}
	case CLI_OPT_LIST: {
		char opt[64];
		snprintf(opt, sizeof(opt), "--%s", o->name);
		if (!o->repeat) {
			cli_list_free(v->items, v->nitems);
			v->items = NULL;
			v->nitems = 0;
		}
		v->str = value;
		if (cli_split_list(&v->items, &v->nitems, value, opt) != EXIT_OK)
			return EXIT_ERROR;
		return 0;
	}
	case CLI_OPT_ENUM:
		for (int i = 0; o->choices[i]; i++)
			if (strcmp(o->choices[i], value) == 0) {
				v->str = value;
				v->choice = i;
				return 0;
			}
		fprintf(stderr, "codeer %s: --%s takes ", cmd->name, o->name);
		choices_write(stderr, o->choices, ", ");
		fprintf(stderr, "; not '%s'\n", value);
		fputs("usage: ", stderr);
		cli_synopsis_write(stderr, cmd, "       ");
		return EXIT_ERROR;
	}
	return 0;
}

static void args_free(struct cli_args *a)
{
	for (size_t i = 0; i < a->nopts; i++)
		cli_list_free(a->v[i].items, a->v[i].nitems);
	free(a->v);
	free(a->argv);
}

/* Returns EXIT_OK with *a filled, or an exit status; -1 after --help. */
static int parse(const struct cdr_cmd *cmd, int argc, char **argv, struct cli_args *a)
{
	int only_args = 0, rc;

	memset(a, 0, sizeof(*a));
	a->cmd = cmd;
	a->nopts = count_opts(cmd);
	if ((a->v = calloc(a->nopts + 1, sizeof(*a->v))) == NULL ||
	    (a->argv = calloc((size_t)argc + 1, sizeof(char *))) == NULL)
		return cli_error("out of memory");
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i], *value = NULL, *eq;
		const struct cli_opt *o;
		int ambiguous = 0;
		if (only_args || arg[0] != '-' || arg[1] == '\0') {
			a->argv[a->argc++] = argv[i];
			continue;
		}
		if (strcmp(arg, "--") == 0) {
			only_args = 1;
			continue;
		}
		if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
			cli_help_write(stdout, cmd);
			return -1;
		}
		if (arg[1] == '-') {
			size_t len = (eq = strchr(arg + 2, '=')) ? (size_t)(eq - arg - 2) : strlen(arg + 2);
			if ((o = find_long(cmd, arg + 2, len, &ambiguous)) == NULL)
				return cli_usage_error(cmd, "%s option '%.*s'", ambiguous ? "ambiguous" : "unknown",
						       (int)(len + 2), arg);
			if (eq)
				value = eq + 1;
		} else {
			if ((o = find_short(cmd, arg[1])) == NULL)
				return cli_usage_error(cmd, "unknown option '-%c'", arg[1]);
			if (arg[2])
				value = arg + 2;
			if (value && o->type == CLI_OPT_FLAG)
				return cli_usage_error(cmd, "unknown option '%s'", arg);
		}
		if (o->type == CLI_OPT_FLAG && value)
			return cli_usage_error(cmd, "option '--%s' takes no value", o->name);
		if (o->type != CLI_OPT_FLAG && value == NULL) {
			if (i + 1 >= argc)
				return cli_usage_error(cmd, "option '%s' needs a value", arg);
			value = argv[++i];
		}
		if ((rc = take_value(cmd, o, &a->v[o - cmd->opts], value)) != 0)
			return rc;
	}
	if (a->argc < cmd->min_args)
		return cli_usage_error(cmd, "missing arguments: %s", cmd->args ? cmd->args : "");
	if (cmd->max_args >= 0 && a->argc > cmd->max_args)
		return cli_usage_error(cmd, "unexpected argument '%s'", a->argv[cmd->max_args]);
	return EXIT_OK;
}

static const struct cdr_cmd *find_sub(const struct cdr_cmd *cmd, const char *word)
{
	for (size_t i = 0; cmd->subcommands && cmd->subcommands[i]; i++) {
		const char *name = strrchr(cmd->subcommands[i]->name, ' ');
		if (strcmp(name ? name + 1 : cmd->subcommands[i]->name, word) == 0)
			return cmd->subcommands[i];
	}
	return NULL;
}

/* Do argv[1..at-1] read as options of sub, with their values, and
 * nothing else? */
static int options_of(const struct cdr_cmd *sub, char **argv, int at)
{
	for (int j = 1; j < at; j++) {
		const char *arg = argv[j], *eq = NULL;
		const struct cli_opt *o;
		int ambiguous = 0, inline_value;
		if (arg[0] != '-' || arg[1] == '\0' || strcmp(arg, "--") == 0)
			return 0;
		if (arg[1] == '-') {
			size_t len = (eq = strchr(arg + 2, '=')) ? (size_t)(eq - arg - 2) : strlen(arg + 2);
			o = find_long(sub, arg + 2, len, &ambiguous);
			inline_value = eq != NULL;
		} else {
			o = find_short(sub, arg[1]);
			inline_value = arg[2] != '\0';
		}
		if (o == NULL)
			return 0;
		if (o->type != CLI_OPT_FLAG && !inline_value && ++j >= at)
			return 0;
	}
	return 1;
}

/* `codeer code --coder ana add DOC REF CODE`: options written before the
 * subcommand's name belong to it, as if written after the name. Finds
 * that name behind options the subcommand knows; NULL when there is none. */
static const struct cdr_cmd *sub_behind_options(const struct cdr_cmd *cmd, int argc, char **argv, int *at)
{
	for (int i = 2; i < argc; i++) {
		const struct cdr_cmd *sub;
		if (strcmp(argv[i], "--") == 0)
			return NULL;
		if (argv[i][0] != '-' && (sub = find_sub(cmd, argv[i])) != NULL && options_of(sub, argv, i)) {
			*at = i;
			return sub;
		}
	}
	return NULL;
}

int cli_dispatch(const struct cdr_cmd *cmd, struct cli_ctx *ctx, int argc, char **argv)
{
	struct cli_args a;
	const struct cdr_cmd *behind;
	int rc, at;

	if (cmd->subcommands && argc > 2 && argv[1][0] == '-' && (behind = sub_behind_options(cmd, argc, argv, &at))) {
		char **moved = malloc(sizeof(char *) * ((size_t)argc + 1));
		if (moved == NULL)
			return cli_error("out of memory");
		moved[0] = argv[0];
		moved[1] = argv[at];
		memcpy(moved + 2, argv + 1, sizeof(char *) * (size_t)(at - 1));
		memcpy(moved + at + 1, argv + at + 1, sizeof(char *) * (size_t)(argc - at - 1));
		moved[argc] = NULL;
		rc = cli_dispatch(behind, ctx, argc - 1, moved + 1);
		free(moved);
		return rc;
	}
	if (cmd->subcommands && argc > 1 && argv[1][0] != '-') {
		const struct cdr_cmd *sub = find_sub(cmd, argv[1]);
		if (sub)
			return cli_dispatch(sub, ctx, argc - 1, argv + 1);
		/* a word where only a subcommand can stand */
		if (cmd->exec == NULL || cmd->max_args == 0) {
			char names[256] = "";
			for (size_t i = 0; cmd->subcommands[i]; i++) {
				size_t len = strlen(names);
				snprintf(names + len, sizeof(names) - len, "%s%s", i ? ", " : "",
					 strrchr(cmd->subcommands[i]->name, ' ') + 1);
			}
			return cli_usage_error(cmd, "unknown subcommand '%s' (%s)", argv[1], names);
		}
	}
	if (cmd->exec == NULL) {
		if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
			cli_help_write(stdout, cmd);
			return EXIT_OK;
		}
		if (argc > 1 && argv[1][0] == '-')
			return cli_usage_error(cmd, "'%s' is not an option of a subcommand after it", argv[1]);
		return cli_usage_error(cmd, "which one?");
	}
	rc = parse(cmd, argc, argv, &a);
	if (rc == EXIT_OK) {
		rc = cmd->exec(ctx, &a);
		/* an exec returns an exit status; a library code slipping
		 * through is an error, never a success */
		if (rc < 0 || rc > EXIT_ERROR)
			rc = EXIT_ERROR;
	} else if (rc < 0) {
		rc = EXIT_OK; /* --help was answered */
	}
	args_free(&a);
	return rc;
}

static const struct cli_value *value_of(const struct cli_args *a, const char *name, enum cli_type *type)
{
	for (size_t i = 0; i < a->nopts; i++)
		if (strcmp(a->cmd->opts[i].name, name) == 0) {
			if (type)
				*type = a->cmd->opts[i].type;
			return &a->v[i];
		}
	fprintf(stderr, "codeer: internal error: %s has no option --%s\n", a->cmd->name, name);
	abort();
}

const char *cli_str(const struct cli_args *a, const char *name) { return value_of(a, name, NULL)->str; }
int cli_flag(const struct cli_args *a, const char *name) { return value_of(a, name, NULL)->count > 0; }

long cli_int(const struct cli_args *a, const char *name, long dflt)
{
	const struct cli_value *v = value_of(a, name, NULL);

	return v->count ? v->num : dflt;
}

int cli_choice(const struct cli_args *a, const char *name, int dflt)
{
	const struct cli_value *v = value_of(a, name, NULL);

	return v->count ? v->choice : dflt;
}

char *const *cli_list(const struct cli_args *a, const char *name, size_t *n)
{
	const struct cli_value *v = value_of(a, name, NULL);

	*n = v->nitems;
	return v->items;
}
