/* cli-help.c -- everything a person reads about a command, made from its
 * table entry: the synopsis, --help, the man page (with the prose of the
 * command's docs page) and the bash and zsh completions. Nothing here is
 * written by hand per command, so help, man page, completion and parser
 * cannot disagree. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>

#include "cli/cli.h"

#define WIDTH 80
#define HELP_COLUMN 24

static void choices_write(FILE *f, const char *const *choices, const char *sep)
{
	for (size_t i = 0; choices[i]; i++)
		fprintf(f, "%s%s", i ? sep : "", choices[i]);
}

/* The value as the synopsis shows it: the choices when they are few. */
static void value_name(char *buf, size_t n, const struct cli_opt *o)
{
	size_t len = 0;

	buf[0] = '\0';
	if (o->type == CLI_OPT_FLAG)
		return;
	if (o->type == CLI_OPT_ENUM) {
		for (size_t i = 0; o->choices[i]; i++)
			len += strlen(o->choices[i]) + 1;
		if (len <= 28 || o->value == NULL) {
			for (size_t i = 0; o->choices[i]; i++)
				len = strlen(buf), snprintf(buf + len, n - len, "%s%s", i ? "|" : "", o->choices[i]);
			return;
		}
	}
	snprintf(buf, n, "%s", o->value ? o->value : "VALUE");
}

/* "[--rows R]", "[-o FILE]", "[--attr KEY=VALUE]..." */
static void opt_synopsis(char *buf, size_t n, const struct cli_opt *o)
{
	char v[128];

	value_name(v, sizeof(v), o);
	if (o->letter)
		snprintf(buf, n, "[-%c%s%s]%s", o->letter, *v ? " " : "", v, o->repeat ? "..." : "");
	else
		snprintf(buf, n, "[--%s%s%s]%s", o->name, *v ? " " : "", v, o->repeat ? "..." : "");
}

static void synopsis_one(FILE *f, const struct cdr_cmd *cmd, const char *prefix)
{
	size_t col = strlen("usage: codeer ") + strlen(cmd->name), indent = col + 1;
	char word[256];

	fprintf(f, "codeer %s", cmd->name);
	for (size_t i = 0; cmd->opts && cmd->opts[i].name; i++) {
		opt_synopsis(word, sizeof(word), &cmd->opts[i]);
		if (col + 1 + strlen(word) > WIDTH - 2) {
			fprintf(f, "\n%s%*s", prefix, (int)(indent - strlen("usage: ")), "");
			col = indent;
		} else {
			fputc(' ', f);
			col++;
		}
		fputs(word, f);
		col += strlen(word);
	}
	if (cmd->args && *cmd->args) {
		if (col + 1 + strlen(cmd->args) > WIDTH - 2)
			fprintf(f, "\n%s%*s", prefix, (int)(indent - strlen("usage: ")), "");
		else
			fputc(' ', f);
		fputs(cmd->args, f);
	}
	fputc('\n', f);
}

void cli_synopsis_write(FILE *f, const struct cdr_cmd *cmd, const char *prefix)
{
	if (cmd->exec)
		synopsis_one(f, cmd, prefix);
	for (size_t i = 0; cmd->subcommands && cmd->subcommands[i]; i++) {
		if (i || cmd->exec)
			fputs(prefix, f);
		synopsis_one(f, cmd->subcommands[i], prefix);
	}
}

/* Help text may hold '\n' for a continuation line: indent it. */
static void help_lines(FILE *f, const char *help, int column)
{
	for (const char *s = help; *s; s++) {
		fputc(*s, f);
		if (*s == '\n')
			fprintf(f, "%*s", column, "");
	}
}

static void options_help(FILE *f, const struct cli_opt *opts)
{
	char v[128], left[192];

	for (size_t i = 0; opts && opts[i].name; i++) {
		const struct cli_opt *o = &opts[i];
		int len;
		value_name(v, sizeof(v), o);
		if (o->letter)
			len = snprintf(left, sizeof(left), "  -%c, --%s%s%s", o->letter, o->name, *v ? " " : "", v);
		else
			len = snprintf(left, sizeof(left), "  --%s%s%s", o->name, *v ? " " : "", v);
		fputs(left, f);
		if (len >= HELP_COLUMN - 1)
			fprintf(f, "\n%*s", HELP_COLUMN, "");
		else
			fprintf(f, "%*s", HELP_COLUMN - len, "");
		help_lines(f, o->help ? o->help : "", HELP_COLUMN);
		if (o->type == CLI_OPT_ENUM && o->value && strchr(v, '|') == NULL) {
			fprintf(f, "\n%*sone of: ", HELP_COLUMN, "");
			for (size_t k = 0; o->choices[k]; k++)
				fprintf(f, "%s%s", k ? ", " : "", o->choices[k]);
		}
		if (o->repeat)
			fputs(o->type == CLI_OPT_LIST ? " (repeatable; lists add up)" : " (repeatable)", f);
		fputc('\n', f);
	}
	fprintf(f, "  -h, --help%*sthis help\n", HELP_COLUMN - 12, "");
}

static const char *exit_status(const struct cdr_cmd *cmd)
{
	return cmd->exit_status ? cmd->exit_status : "0 success; 2 error, usage errors included.";
}

void cli_help_write(FILE *f, const struct cdr_cmd *cmd)
{
	fputs("usage: ", f);
	cli_synopsis_write(f, cmd, "       ");
	fprintf(f, "\n%c%s.\n", cmd->summary[0] >= 'a' && cmd->summary[0] <= 'z' ? cmd->summary[0] - 32 : cmd->summary[0],
		cmd->summary + 1);
	if (cmd->subcommands) {
		fputs("\nSubcommands:\n", f);
		for (size_t i = 0; cmd->subcommands[i]; i++)
			fprintf(f, "  %-22s %s\n", cmd->subcommands[i]->name, cmd->subcommands[i]->summary);
		fprintf(f, "'codeer %s SUBCOMMAND --help' tells more.\n", cmd->name);
	}
	if (cmd->exec) {
		fputs("\nOptions:\n", f);
		options_help(f, cmd->opts);
	}
	if (cmd->help && *cmd->help)
		fprintf(f, "\n%s", cmd->help);
	if (cmd->examples && cmd->examples[0]) {
		fputs("\nExamples:\n", f);
		for (size_t i = 0; cmd->examples[i]; i++)
			fprintf(f, "  %s\n", cmd->examples[i]);
	}
	fprintf(f, "\nExit status: %s\n", exit_status(cmd));
}

void cli_options_write(FILE *f, const struct cdr_cmd *cmd)
{
	for (size_t i = 0; cmd->opts && cmd->opts[i].name; i++)
		fprintf(f, "--%s\n", cmd->opts[i].name);
	for (size_t i = 0; cmd->subcommands && cmd->subcommands[i]; i++)
		cli_options_write(f, cmd->subcommands[i]);
}

/* ---- man pages ----------------------------------------------------- */

/* Text for troff: backslashes and hyphens escaped, a line never starting
 * with a control character; `code` and **strong** in bold. */
static void troff_text(FILE *f, const char *s, int markdown)
{
	int code = 0, bold = 0;

	if (*s == '.' || *s == '\'')
		fputs("\\&", f);
	for (; *s; s++) {
		if (markdown && *s == '`') {
			fputs(code ? "\\fR" : "\\fB", f);
			code = !code;
		} else if (markdown && !code && s[0] == '*' && s[1] == '*') {
			fputs(bold ? "\\fR" : "\\fB", f);
			bold = !bold;
			s++;
		} else if (*s == '\\') {
			fputs("\\e", f);
		} else if (*s == '-') {
			fputs("\\-", f);
		} else {
			fputc(*s, f);
		}
	}
	if (code || bold)
		fputs("\\fR", f);
}

static void troff_upper(FILE *f, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fputc(s[i] >= 'a' && s[i] <= 'z' ? s[i] - 32 : s[i], f);
}

static int skipped_section(const char *title)
{
	return strcasecmp(title, "options") == 0 || strcasecmp(title, "usage") == 0 ||
	       strcasecmp(title, "synopsis") == 0;
}

/* The docs page, Markdown, as the DESCRIPTION: its title is dropped, its
 * sections become subsections, and the sections the table gives better
 * (Synopsis, Options) are left to the table. */
static int docs_write(FILE *f, const char *path)
{
	FILE *in = fopen(path, "r");
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int fenced = 0, skipping = 0, para = 0, table = 0;

	if (in == NULL)
		return cli_error("%s: %s", path, strerror(errno));
	while ((len = getline(&line, &cap, in)) > 0) {
		if (line[len - 1] == '\n')
			line[--len] = '\0';
		if (strncmp(line, "```", 3) == 0) {
			if (!skipping)
				fputs(fenced ? ".fi\n.RE\n" : ".PP\n.RS 4\n.nf\n", f);
			fenced = !fenced;
			continue;
		}
		if (fenced) {
			if (!skipping) {
				troff_text(f, line, 0);
				fputc('\n', f);
			}
			continue;
		}
		if (line[0] == '#') {
			int level = 0;
			while (line[level] == '#')
				level++;
			const char *title = line + level + (line[level] == ' ');
			if (table)
				fputs(".fi\n", f), table = 0;
			if (level == 1)
				continue;
			skipping = level == 2 && skipped_section(title);
			if (!skipping && level >= 2) {
				fputs(".SS \"", f);
				troff_text(f, title, 1);
				fputs("\"\n", f);
			}
			para = 0;
			continue;
		}
		if (skipping)
			continue;
		if (line[0] == '|') {
			if (!table)
				fputs(".PP\n.nf\n", f), table = 1;
			if (strspn(line, "|-: ") != strlen(line)) {
				troff_text(f, line, 1);
				fputc('\n', f);
			}
			continue;
		}
		if (table)
			fputs(".fi\n", f), table = 0;
		if (line[0] == '\0') {
			para = 0;
			continue;
		}
		if ((line[0] == '-' || line[0] == '*') && line[1] == ' ') {
			fputs(".IP \\(bu 2\n", f);
			troff_text(f, line + 2, 1);
			fputc('\n', f);
			para = 1;
			continue;
		}
		if (!para)
			fputs(".PP\n", f);
		para = 1;
		troff_text(f, line + strspn(line, " "), 1);
		fputc('\n', f);
	}
	if (fenced)
		fputs(".fi\n.RE\n", f);
	if (table)
		fputs(".fi\n", f);
	free(line);
	fclose(in);
	return EXIT_OK;
}

static void man_header(FILE *f, const char *page, const char *date)
{
	fputs(".\\\" generated from codeer's command table and docs/: do not edit\n.TH \"", f);
	troff_upper(f, page, strlen(page));
	fprintf(f, "\" 1 \"%s\" \"codeer %s\" \"codeer manual\"\n", date, CODEER_VERSION);
}

static void man_options(FILE *f, const struct cdr_cmd *cmd)
{
	char v[128];

	for (size_t i = 0; cmd->opts && cmd->opts[i].name; i++) {
		const struct cli_opt *o = &cmd->opts[i];
		value_name(v, sizeof(v), o);
		fputs(".TP\n", f);
		if (o->letter)
			fprintf(f, "\\fB\\-%c\\fR, ", o->letter);
		fputs("\\fB\\-\\-", f);
		troff_text(f, o->name, 0);
		fputs("\\fR", f);
		if (*v) {
			fputs(" \\fI", f);
			troff_text(f, v, 0);
			fputs("\\fR", f);
		}
		fputc('\n', f);
		for (const char *s = o->help ? o->help : ""; *s;) {
			const char *nl = strchr(s, '\n');
			char *part = strndup(s, nl ? (size_t)(nl - s) : strlen(s));
			if (part) {
				troff_text(f, part, 0);
				fputc('\n', f);
				free(part);
			}
			s = nl ? nl + 1 : s + strlen(s);
		}
		if (o->type == CLI_OPT_ENUM && strchr(v, '|') == NULL) {
			fputs("One of: ", f);
			for (size_t k = 0; o->choices[k]; k++) {
				fputs(k ? ", " : "", f);
				troff_text(f, o->choices[k], 0);
			}
			fputs(".\n", f);
		}
		if (o->repeat)
			fputs("May be given more than once.\n", f);
	}
}

int cli_man_write(FILE *f, const struct cdr_cmd *cmd, const char *docs_path, const char *date)
{
	char page[128], *sp;
	int rc = EXIT_OK;

	snprintf(page, sizeof(page), "codeer-%s", cmd->name);
	while ((sp = strchr(page, ' ')) != NULL)
		*sp = '-';
	man_header(f, page, date);
	fputs(".SH NAME\n", f);
	troff_text(f, page, 0);
	fputs(" \\- ", f);
	troff_text(f, cmd->summary, 0);
	fputs("\n.SH SYNOPSIS\n.nf\n", f);
	{
		char *syn = NULL;
		size_t len = 0;
		FILE *m = open_memstream(&syn, &len);
		if (m == NULL)
			return cli_error("out of memory");
		cli_synopsis_write(m, cmd, "");
		fclose(m);
		for (char *line = syn, *nl; line && *line; line = nl ? nl + 1 : NULL) {
			if ((nl = strchr(line, '\n')) != NULL)
				*nl = '\0';
			troff_text(f, line + strspn(line, " "), 0);
			fputc('\n', f);
			if (nl == NULL)
				break;
		}
		free(syn);
	}
	fputs(".fi\n.SH DESCRIPTION\n", f);
	if (docs_path) {
		rc = docs_write(f, docs_path);
	} else {
		troff_text(f, cmd->summary, 0);
		fputs(".\n", f);
	}
	for (size_t i = 0; cmd->subcommands && cmd->subcommands[i]; i++) {
		const struct cdr_cmd *sub = cmd->subcommands[i];
		fputs(".SH \"", f);
		troff_upper(f, sub->name, strlen(sub->name));
		fputs("\"\n", f);
		troff_text(f, sub->summary, 0);
		fputs(".\n", f);
		man_options(f, sub);
	}
	if (cmd->exec && cmd->opts && cmd->opts[0].name) {
		fputs(".SH OPTIONS\n", f);
		man_options(f, cmd);
	}
	if (cmd->examples && cmd->examples[0]) {
		fputs(".SH EXAMPLES\n.nf\n", f);
		for (size_t i = 0; cmd->examples[i]; i++) {
			troff_text(f, cmd->examples[i], 0);
			fputc('\n', f);
		}
		fputs(".fi\n", f);
	}
	fputs(".SH \"EXIT STATUS\"\n", f);
	troff_text(f, exit_status(cmd), 0);
	fputs("\n.SH \"SEE ALSO\"\n\\fBcodeer\\fR(1)\n", f);
	return rc;
}

int cli_man_index_write(FILE *f, const struct cdr_cmd *const *commands, const char *date)
{
	man_header(f, "codeer", date);
	fputs(".SH NAME\ncodeer \\- qualitative coding of interview transcripts\n"
	      ".SH SYNOPSIS\n\\fBcodeer\\fR [\\fB\\-C\\fR \\fIDIR\\fR] \\fICOMMAND\\fR [\\fIoptions\\fR] [\\fIargs\\fR]\n"
	      ".SH DESCRIPTION\ncodeer ingests transcripts into a project directory of plain UTF\\-8 text and TSV, "
	      "codes them with code schemes (PCRE2 rules and coding by hand), and makes the tables a thesis "
	      "needs: code\\-by\\-case matrices, cross\\-sections, co\\-occurrence, quotes and agreement between "
	      "coders.\nCommands find their project as git does: the current directory or its nearest parent "
	      "that holds one; \\fB\\-C\\fR \\fIDIR\\fR names another.\n.SH COMMANDS\n", f);
	for (size_t i = 0; commands[i]; i++) {
		fputs(".TP\n\\fBcodeer\\-", f);
		troff_text(f, commands[i]->name, 0);
		fputs("\\fR(1)\n", f);
		troff_text(f, commands[i]->summary, 0);
		fputc('\n', f);
	}
	fputs(".SH \"EXIT STATUS\"\n0 success; 1 ran fine but found something to report or nothing found, as each "
	      "command documents; 2 any error, usage errors included.\n.SH ENVIRONMENT\n.TP\n.B NO_COLOR\n"
	      "no colour in output for people\n.TP\n.B SOURCE_DATE_EPOCH\nthe time codeer writes into codings and "
	      "reports, for reproducible output\n", f);
	return EXIT_OK;
}

/* ---- completions --------------------------------------------------- */

static void words_of_opts(FILE *f, const struct cdr_cmd *cmd)
{
	for (size_t i = 0; cmd->opts && cmd->opts[i].name; i++)
		fprintf(f, "%s--%s", i ? " " : "", cmd->opts[i].name);
	fprintf(f, "%s--help", cmd->opts && cmd->opts[0].name ? " " : "");
}

static void bash_command(FILE *f, const struct cdr_cmd *cmd)
{
	fprintf(f, "\t\"%s\")\n\t\tcase $prev in\n", cmd->name);
	for (size_t i = 0; cmd->opts && cmd->opts[i].name; i++)
		if (cmd->opts[i].type == CLI_OPT_ENUM) {
			fprintf(f, "\t\t--%s) COMPREPLY=($(compgen -W \"", cmd->opts[i].name);
			choices_write(f, cmd->opts[i].choices, " ");
			fputs("\" -- \"$cur\")); return ;;\n", f);
		}
	fputs("\t\tesac\n\t\tif [[ $cur == -* ]]; then COMPREPLY=($(compgen -W \"", f);
	words_of_opts(f, cmd);
	fputs("\" -- \"$cur\"))", f);
	if (cmd->subcommands) {
		fputs("\n\t\telse COMPREPLY=($(compgen -W \"", f);
		for (size_t i = 0; cmd->subcommands[i]; i++)
			fprintf(f, "%s%s", i ? " " : "", strrchr(cmd->subcommands[i]->name, ' ') + 1);
		fputs("\" -- \"$cur\"))", f);
	}
	fputs("; fi ;;\n", f);
	for (size_t i = 0; cmd->subcommands && cmd->subcommands[i]; i++)
		bash_command(f, cmd->subcommands[i]);
}

static void bash_keys(FILE *f, const struct cdr_cmd *cmd, int *first)
{
	fprintf(f, "%s\"%s\"", *first ? "" : "|", cmd->name);
	*first = 0;
	for (size_t i = 0; cmd->subcommands && cmd->subcommands[i]; i++)
		bash_keys(f, cmd->subcommands[i], first);
}

static void zsh_quote(FILE *f, const char *s, size_t n)
{
	for (size_t i = 0; i < n && s[i] && s[i] != '\n'; i++) {
		if (s[i] == '\'')
			fputs("'\\''", f);
		else if (s[i] == '[' || s[i] == ']' || s[i] == ':' || s[i] == '\\')
			fprintf(f, "\\%c", s[i]);
		else
			fputc(s[i], f);
	}
}

static void zsh_command(FILE *f, const struct cdr_cmd *cmd)
{
	fprintf(f, "\t\"%s\")\n\t\t_arguments -s \\\n", cmd->name);
	for (size_t i = 0; cmd->opts && cmd->opts[i].name; i++) {
		const struct cli_opt *o = &cmd->opts[i];
		fprintf(f, "\t\t\t'%s--%s[", o->repeat ? "*" : "", o->name);
		zsh_quote(f, o->help ? o->help : "", 200);
		fputc(']', f);
		if (o->type == CLI_OPT_ENUM) {
			fputs(":", f);
			zsh_quote(f, o->value ? o->value : "value", 40);
			fputs(":(", f);
			choices_write(f, o->choices, " ");
			fputc(')', f);
		} else if (o->type != CLI_OPT_FLAG) {
			fputs(":", f);
			zsh_quote(f, o->value ? o->value : "value", 40);
			fputs(strcmp(o->value ? o->value : "", "FILE") == 0 || strcmp(o->value ? o->value : "", "DIR") == 0
				      ? ":_files"
				      : ":",
			      f);
		}
		fputs("' \\\n", f);
	}
	fputs("\t\t\t'*:file:_files' ;;\n", f);
	for (size_t i = 0; cmd->subcommands && cmd->subcommands[i]; i++)
		zsh_command(f, cmd->subcommands[i]);
}

int cli_completion_write(FILE *f, const struct cdr_cmd *const *commands, const char *shell)
{
	int first = 1;

	if (strcmp(shell, "bash") == 0) {
		fputs("# bash completion for codeer, generated from its command table: do not edit\n"
		      "_codeer() {\n\tlocal cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} key= w i=1\n"
		      "\tCOMPREPLY=()\n"
		      "\twhile [ $i -lt $COMP_CWORD ]; do\n\t\tw=${COMP_WORDS[i]}\n\t\tcase $w in\n"
		      "\t\t-C) i=$((i + 1)) ;;\n\t\t-*) ;;\n\t\t*) case \"${key:+$key }$w\" in\n\t\t\t", f);
		for (size_t i = 0; commands[i]; i++)
			bash_keys(f, commands[i], &first);
		fputs(") key=\"${key:+$key }$w\" ;;\n\t\t\t*) break ;;\n\t\t\tesac ;;\n\t\tesac\n\t\ti=$((i + 1))\n"
		      "\tdone\n\tcase $key in\n\t\"\")\n\t\tif [[ $cur == -* ]]; then COMPREPLY=($(compgen -W \"-C "
		      "--help --version\" -- \"$cur\"))\n\t\telse COMPREPLY=($(compgen -W \"help", f);
		for (size_t i = 0; commands[i]; i++)
			fprintf(f, " %s", commands[i]->name);
		fputs("\" -- \"$cur\")); fi ;;\n", f);
		for (size_t i = 0; commands[i]; i++)
			bash_command(f, commands[i]);
		fputs("\tesac\n}\ncomplete -o default -F _codeer codeer\n", f);
		return EXIT_OK;
	}
	if (strcmp(shell, "zsh") == 0) {
		fputs("#compdef codeer\n# zsh completion for codeer, generated from its command table: do not edit\n"
		      "_codeer() {\n\tlocal -a commands\n\tcommands=(\n", f);
		for (size_t i = 0; commands[i]; i++) {
			fprintf(f, "\t\t'%s:", commands[i]->name);
			zsh_quote(f, commands[i]->summary, 200);
			fputs("'\n", f);
		}
		fputs("\t)\n\tif (( CURRENT == 2 )); then\n\t\t_describe -t commands 'codeer command' commands\n"
		      "\t\treturn\n\tfi\n\tlocal key=$words[2]\n"
		      "\tif (( CURRENT > 3 )) && [[ $words[3] != -* ]]; then\n\t\tcase \"$key $words[3]\" in\n\t\t", f);
		first = 1;
		for (size_t i = 0; commands[i]; i++)
			for (size_t k = 0; commands[i]->subcommands && commands[i]->subcommands[k]; k++) {
				fprintf(f, "%s\"%s\"", first ? "" : "|", commands[i]->subcommands[k]->name);
				first = 0;
			}
		fputs(first ? "\"\"" : "", f);
		fputs(") key=\"$key $words[3]\" ;;\n\t\tesac\n\tfi\n\tcase $key in\n", f);
		for (size_t i = 0; commands[i]; i++)
			zsh_command(f, commands[i]);
		fputs("\tesac\n}\n_codeer \"$@\"\n", f);
		return EXIT_OK;
	}
	return cli_error("no completion for the shell '%s' (bash or zsh)", shell);
}
