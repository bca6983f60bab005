/* cmd-scheme.c -- manage a project's code schemes: add, list, show, check.
 * The lint of check is the library's (cdr_schemes_lint); this prints it. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "codeer/rule-eval.h"

static int add_exec(struct cli_ctx *ctx, const struct cli_args *a);
static int list_exec(struct cli_ctx *ctx, const struct cli_args *a);
static int show_exec(struct cli_ctx *ctx, const struct cli_args *a);
static int check_exec(struct cli_ctx *ctx, const struct cli_args *a);
static int new_exec(struct cli_ctx *ctx, const struct cli_args *a);
static int diff_exec(struct cli_ctx *ctx, const struct cli_args *a);

static const struct cdr_cmd cmd_scheme_new = {
	.name = "scheme new",
	.summary = "write a valid minimal scheme to start from",
	.args = "ID",
	.min_args = 1,
	.max_args = 1,
	.opts = (const struct cli_opt[]){
		{ "output", 'o', CLI_OPT_STRING, "FILE", "write to FILE (atomically; an existing file is kept)", NULL, 0 },
		{ "title", 0, CLI_OPT_STRING, "TEXT", "the scheme's title (default: the id)", NULL, 0 },
		{ NULL },
	},
	.help = "The scheme has one code, EXAMPLE, with a label and a definition: rename it\n"
		"and add codes, then 'codeer scheme add FILE'. Without -o it goes to\n"
		"standard output.\n",
	.examples = CLI_EXAMPLES("codeer scheme new wijkteams -o wijkteams.xml"),
	.exec = new_exec,
};

static const struct cdr_cmd cmd_scheme_diff = {
	.name = "scheme diff",
	.summary = "what changed between two versions of a scheme",
	.args = "OLD.xml NEW.xml",
	.min_args = 2,
	.max_args = 2,
	.opts = (const struct cli_opt[]){
		CLI_FORMAT_OPTION("table", "tsv", "csv", "json", "md"),
		{ NULL },
	},
	.help = "One row per change: codes added, removed, renamed (a code gone and a new\n"
		"one with its label), and per code a changed label, definition, criteria,\n"
		"rules or place in the tree.\n",
	.examples = CLI_EXAMPLES("codeer scheme diff concept.xml definitief.xml"),
	.exit_status = "0 the schemes are alike; 1 they differ; 2 an error, usage errors included.",
	.exec = diff_exec,
};

static const struct cdr_cmd cmd_scheme_add = {
	.name = "scheme add",
	.summary = "validate schemes and copy them into schemes/",
	.args = "FILE.xml...",
	.min_args = 1,
	.max_args = -1,
	.opts = (const struct cli_opt[]){
		{ "replace", 0, CLI_OPT_FLAG, NULL, "replace a scheme with the same id", NULL, 0 },
		{ "force", 0, CLI_OPT_FLAG, NULL, "with --replace: also when codings use codes the new\nversion lacks", NULL, 0 },
		{ NULL },
	},
	.help = "Every file is validated against the built-in XML Schema and its patterns\n"
		"compiled before any is written. A new version that lacks codes which codings\n"
		"use is refused unless --force: those codings would drop out of every analysis.\n",
	.examples = CLI_EXAMPLES("codeer scheme add ../codeschemes/empowerment.xml ../codeschemes/verbinden.xml",
				 "codeer scheme add --replace empowerment.xml"),
	.exec = add_exec,
};

static const struct cdr_cmd cmd_scheme_list = {
	.name = "scheme list",
	.summary = "one row per scheme: id, codes, rules, title",
	.opts = (const struct cli_opt[]){
		CLI_FORMAT_OPTION("table", "plain", "tsv", "csv", "json", "md", "html"),
		CLI_OUTPUT_OPTION,
		{ NULL },
	},
	.help = "A table: piped, TSV with its header.\n",
	.examples = CLI_EXAMPLES("codeer scheme list", "codeer scheme list -o schemes.json"),
	.exec = list_exec,
};

static const struct cdr_cmd cmd_scheme_show = {
	.name = "scheme show",
	.summary = "the code tree with definitions and rules",
	.args = "ID",
	.min_args = 1,
	.max_args = 1,
	.opts = (const struct cli_opt[]){
		{ "format", 0, CLI_OPT_ENUM, "F",
		  "table: the code tree as text (the default); json: one\n"
		  "document; tsv, csv, md: a row per rule", CLI_CHOICES("table", "json", "tsv", "csv", "md"), 0 },
		{ NULL },
	},
	.examples = CLI_EXAMPLES("codeer scheme show empowerment", "codeer scheme show --format csv verbinden > verbinden.csv"),
	.exec = show_exec,
};

static const struct cdr_cmd cmd_scheme_check = {
	.name = "scheme check",
	.summary = "lint schemes, also on the documents and codings",
	.args = "[ID|FILE.xml]...",
	.max_args = -1,
	.opts = (const struct cli_opt[]){
		{ "max-share", 0, CLI_OPT_STRING, "P", "a rule matching in more than this share of the turns is\n"
		  "too broad (a number above 0, at most 1; default 0.3)", NULL, 0 },
		{ "against", 0, CLI_OPT_STRING, "CODER", "instead of the lint: precision, recall and F1 of each\n"
		  "rule's proposals (coder auto) against this coder's codings", NULL, 0 },
		{ NULL },
	},
	.help = "Reports schemes that fail the XML Schema (with line numbers), invalid patterns\n"
		"(with offset), rules that match nothing in the project, rules that match in\n"
		"more than P of the turns, rules that hit the PCRE2 match limit (catastrophic\n"
		"backtracking), and codings that name a code no scheme defines. FILE.xml\n"
		"arguments are checked as files; IDs name the project's schemes to lint\n"
		"(default: all).\n",
	.examples = CLI_EXAMPLES("codeer scheme check", "codeer scheme check --max-share 0.5 empowerment",
				 "codeer scheme check nieuw.xml", "codeer scheme check --against coder-b verbinden"),
	.exit_status = "0 no problem found; 1 problems found (listed on standard output); 2 an error, usage errors included.",
	.exec = check_exec,
};

const struct cdr_cmd cmd_scheme = {
	.name = "scheme",
	.summary = "add, list, show, check, start and compare code schemes",
	.examples = CLI_EXAMPLES("codeer scheme add ../codeschemes/*.xml", "codeer scheme list", "codeer scheme check"),
	.exit_status = "0 success; 1 scheme check found problems; 2 an error, usage errors included.",
	.subcommands = (const struct cdr_cmd *const[]){ &cmd_scheme_add, &cmd_scheme_list, &cmd_scheme_show,
							&cmd_scheme_check, &cmd_scheme_new, &cmd_scheme_diff, NULL },
};

static void on_installed(void *ctx, const char *id, const char *path)
{
	(void)ctx;
	printf("%s\t%s\n", id, path);
}

/* All files checked before any is written (cdr_schemes_install_checked):
 * a replacement that would orphan codings is refused unless --force. */
static int add_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	int replace = cli_flag(a, "replace"), force = cli_flag(a, "force"), rc;
	cdr_project *p = NULL;
	char *warning = NULL;

	if (force && !replace)
		return cli_usage_error(a->cmd, "--force goes with --replace");
	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		return rc;
	rc = cdr_schemes_install_checked(p, (const char *const *)a->argv, (size_t)a->argc, replace, force, &warning,
					 on_installed, NULL);
	if (rc == CDR_EEXISTS)
		rc = cli_error("%s (use --replace to update it)", cdr_error_last());
	else if (rc < 0 && warning)
		rc = cli_error("%s (put the codes back in the new version, or use --force to replace anyway)",
			       cdr_error_last());
	else if (rc < 0)
		rc = cli_lib_error();
	else if (warning) {
		fflush(stdout);
		fprintf(stderr, "codeer: warning: %s\ncodeer: replaced anyway (--force): those codings stay in codings/, "
				"but no analysis counts them until their codes are back\n", warning);
	}
	free(warning);
	cdr_project_free(p);
	return rc;
}

static size_t rule_count(const cdr_scheme *s, size_t *with_rules)
{
	size_t n = 0;

	*with_rules = 0;
	for (size_t c = 0; c < cdr_scheme_code_count(s); c++) {
		n += cdr_scheme_code(s, c)->nrules;
		*with_rules += cdr_scheme_code(s, c)->nrules > 0;
	}
	return n;
}

/* The project and its schemes, for list, show and check. */
static int open_schemes(struct cli_ctx *ctx, cdr_project **p, cdr_schemes **set)
{
	int rc;

	*p = NULL;
	*set = NULL;
	if ((rc = cli_open_project(ctx, p)) != EXIT_OK)
		return rc;
	return cdr_schemes_load(set, *p) < 0 ? cli_lib_error() : EXIT_OK;
}

static int list_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	static const char *const headers[] = { "scheme", "codes", "coded-by-rules", "rules", "title" };
	cdr_project *p = NULL;
	cdr_schemes *set = NULL;
	cdr_table *t = NULL;
	struct cli_out o;
	int rc;

	/* a table: piped, it keeps its header */
	if ((rc = cli_out_open(&o, cli_str(a, "output"), cli_str(a, "format"), CLI_TABLE)) != EXIT_OK)
		return rc;
	if ((rc = open_schemes(ctx, &p, &set)) != EXIT_OK)
		goto done;
	if (cdr_table_new(&t, 5, headers) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	for (int c = 1; c <= 3; c++)
		cdr_table_set_numeric(t, (size_t)c);
	for (size_t i = 0; i < cdr_schemes_count(set); i++) {
		const cdr_scheme *s = cdr_schemes_get(set, i);
		char codes[32], with[32], rules[32];
		size_t w, r = rule_count(s, &w);
		snprintf(codes, sizeof(codes), "%zu", cdr_scheme_code_count(s));
		snprintf(with, sizeof(with), "%zu", w);
		snprintf(rules, sizeof(rules), "%zu", r);
		const char *row[] = { cdr_scheme_id(s), codes, with, rules, cdr_scheme_title(s) };
		if (cdr_table_add(t, row) < 0) {
			rc = cli_lib_error();
			goto done;
		}
	}
	if (cdr_table_write(t, o.f, o.fmt) < 0)
		rc = cli_lib_error();
done:
	cdr_table_free(t);
	cdr_schemes_free(set);
	cdr_project_free(p);
	return cli_out_close(&o, rc);
}

static void print_field(int indent, const char *name, const char *value)
{
	if (value && *value)
		printf("%*s%s: %s\n", indent, "", name, value);
}

/* A JSON string, or null for a missing or empty value. */
static void json_str(const char *s)
{
	if (s && *s)
		cdr_json_string(stdout, s);
	else
		fputs("null", stdout);
}

static void scheme_show_json(const cdr_scheme *s)
{
	fputs("{\"scheme\": ", stdout);
	cdr_json_string(stdout, cdr_scheme_id(s));
	fputs(", \"title\": ", stdout);
	json_str(cdr_scheme_title(s));
	fputs(", \"description\": ", stdout);
	json_str(cdr_scheme_description(s));
	fputs(",\n \"codes\": [", stdout);
	for (size_t c = 0; c < cdr_scheme_code_count(s); c++) {
		const cdr_code *code = cdr_scheme_code(s, c);
		fputs(c ? ",\n  {" : "\n  {", stdout);
		fputs("\"code\": ", stdout);
		cdr_json_string(stdout, code->qualified);
		fputs(", \"id\": ", stdout);
		cdr_json_string(stdout, code->id);
		fputs(", \"label\": ", stdout);
		json_str(code->label);
		fputs(", \"parent\": ", stdout);
		json_str(code->parent >= 0 ? cdr_scheme_code(s, (size_t)code->parent)->qualified : NULL);
		printf(", \"depth\": %zu, \"line\": %d", code->depth, code->line);
		static const char *const names[] = { "definition", "include", "exclude", "example", "colour" };
		const char *values[] = { code->definition, code->include, code->exclude, code->example, code->colour };
		for (size_t f = 0; f < 5; f++) {
			printf(", \"%s\": ", names[f]);
			json_str(values[f]);
		}
		fputs(", \"rules\": [", stdout);
		for (size_t r = 0; r < code->nrules; r++) {
			const cdr_rule *rule = &code->rules[r];
			fputs(r ? ", {" : "{", stdout);
			fputs("\"id\": ", stdout);
			cdr_json_string(stdout, rule->id);
			fputs(", \"scope\": ", stdout);
			cdr_json_string(stdout, cdr_scope_name(rule->scope));
			printf(", \"caseless\": %s, \"line\": %d, \"pattern\": ", rule->caseless ? "true" : "false", rule->line);
			cdr_json_string(stdout, rule->pattern);
			fputs(", \"unless\": [", stdout);
			for (size_t u = 0; u < rule->nunless; u++) {
				if (u)
					fputs(", ", stdout);
				cdr_json_string(stdout, rule->unless[u]);
			}
			fputs("], \"near\": ", stdout);
			json_str(rule->near);
			if (rule->near)
				printf(", \"near_words\": %zu", rule->near_words);
			else
				fputs(", \"near_words\": null", stdout);
			fputs(", \"speaker\": ", stdout);
			json_str(rule->speaker);
			fputs(", \"speaker_not\": ", stdout);
			json_str(rule->speaker_not);
			fputs("}", stdout);
		}
		fputs("]}", stdout);
	}
	fputs(cdr_scheme_code_count(s) ? "\n ]\n}\n" : "]\n}\n", stdout);
}

/* One rectangular table: a row per rule, and a row for each code without
 * rules (its rule columns empty). Several unless patterns share a cell,
 * one per line (CSV and JSON keep the lines; TSV and Markdown cannot). */
static int scheme_show_table(const cdr_scheme *s, cdr_format fmt)
{
	static const char *const headers[] = { "code", "label", "parent", "depth", "definition", "include", "exclude",
						"example", "rule", "scope", "caseless", "pattern", "unless", "near",
						"near-words", "speaker", "not-speaker" };
	cdr_table *t;
	int rc = EXIT_OK;

	if (cdr_table_new(&t, 17, headers) < 0)
		return cli_lib_error();
	cdr_table_set_numeric(t, 3);
	cdr_table_set_numeric(t, 14);
	for (size_t c = 0; c < cdr_scheme_code_count(s) && rc == EXIT_OK; c++) {
		const cdr_code *code = cdr_scheme_code(s, c);
		char depth[32];
		snprintf(depth, sizeof(depth), "%zu", code->depth);
		for (size_t r = 0; r < (code->nrules ? code->nrules : 1) && rc == EXIT_OK; r++) {
			const cdr_rule *rule = code->nrules ? &code->rules[r] : NULL;
			char words[32] = "", *unless = NULL;
			size_t len = 1;
			for (size_t u = 0; rule && u < rule->nunless; u++)
				len += strlen(rule->unless[u]) + 1;
			if ((unless = calloc(1, len)) == NULL) {
				rc = cli_error("out of memory");
				break;
			}
			for (size_t u = 0; rule && u < rule->nunless; u++) {
				if (u)
					strcat(unless, "\n");
				strcat(unless, rule->unless[u]);
			}
			if (rule && rule->near)
				snprintf(words, sizeof(words), "%zu", rule->near_words);
			const char *row[] = { code->qualified, code->label,
					      code->parent >= 0 ? cdr_scheme_code(s, (size_t)code->parent)->qualified : "",
					      depth, code->definition, code->include, code->exclude, code->example,
					      rule ? rule->id : "", rule ? cdr_scope_name(rule->scope) : "",
					      rule ? (rule->caseless ? "yes" : "no") : "", rule ? rule->pattern : "", unless,
					      rule ? rule->near : "", words, rule ? rule->speaker : "",
					      rule ? rule->speaker_not : "" };
			if (cdr_table_add(t, row) < 0)
				rc = cli_lib_error();
			free(unless);
		}
	}
	if (rc == EXIT_OK && cdr_table_write(t, stdout, fmt) < 0)
		rc = cli_lib_error();
	cdr_table_free(t);
	return rc;
}

static void show_text(const cdr_scheme *s)
{
	printf("%s: %s\n", cdr_scheme_id(s), cdr_scheme_title(s));
	if (*cdr_scheme_description(s))
		printf("%s\n", cdr_scheme_description(s));
	for (size_t c = 0; c < cdr_scheme_code_count(s); c++) {
		const cdr_code *code = cdr_scheme_code(s, c);
		int in = (int)code->depth * 2;
		printf("\n%*s%s  %s\n", in, "", code->qualified, code->label);
		print_field(in + 4, "definition", code->definition);
		print_field(in + 4, "include", code->include);
		print_field(in + 4, "exclude", code->exclude);
		print_field(in + 4, "example", code->example);
		for (size_t r = 0; r < code->nrules; r++) {
			const cdr_rule *rule = &code->rules[r];
			printf("%*srule %s (%s%s): %s\n", in + 4, "", rule->id, cdr_scope_name(rule->scope),
			       rule->caseless ? "" : ", case-sensitive", rule->pattern);
			for (size_t u = 0; u < rule->nunless; u++)
				printf("%*sunless: %s\n", in + 6, "", rule->unless[u]);
			if (rule->near)
				printf("%*snear (%zu words): %s\n", in + 6, "", rule->near_words, rule->near);
			if (rule->speaker)
				printf("%*sspeaker: %s\n", in + 6, "", rule->speaker);
			if (rule->speaker_not)
				printf("%*snot speaker: %s\n", in + 6, "", rule->speaker_not);
		}
	}
}


static int show_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	const char *format = cli_str(a, "format");
	const cdr_scheme *s;
	cdr_project *p = NULL;
	cdr_schemes *set = NULL;
	cdr_format fmt = CDR_FORMAT_TABLE;
	int rc;

	if (format && cdr_format_parse(&fmt, format) < 0)
		return cli_lib_error();
	if ((rc = open_schemes(ctx, &p, &set)) != EXIT_OK)
		goto done;
	if ((s = cdr_schemes_find(set, a->argv[0])) == NULL)
		rc = cli_error("no scheme '%s' in the project (see 'codeer scheme list')", a->argv[0]);
	else if (fmt == CDR_FORMAT_JSON)
		scheme_show_json(s);
	else if (fmt == CDR_FORMAT_TSV || fmt == CDR_FORMAT_CSV || fmt == CDR_FORMAT_MD)
		rc = scheme_show_table(s, fmt);
	else
		show_text(s);
done:
	cdr_schemes_free(set);
	cdr_project_free(p);
	return rc;
}

/* --against: a row per rule with its counts, precision, recall and F1
 * (cdr_rules_evaluate); an undefined share is an empty cell. */
static int check_against(struct cli_ctx *ctx, const struct cli_args *a)
{
	static const char *const headers[] = { "rule", "proposals", "hits", "precision", "coded", "found", "recall", "f1" };
	cdr_project *p = NULL;
	cdr_schemes *set = NULL;
	cdr_rule_eval *rows = NULL;
	cdr_table *t = NULL;
	size_t n = 0;
	int rc;

	if ((rc = open_schemes(ctx, &p, &set)) != EXIT_OK)
		goto done;
	if (cdr_rules_evaluate(&rows, &n, p, set, NULL, cli_str(a, "against"), (const char *const *)a->argv,
			       (size_t)a->argc) < 0 || cdr_table_new(&t, 8, headers) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	for (size_t c = 1; c < 8; c++)
		cdr_table_set_numeric(t, c);
	for (size_t i = 0; i < n && rc == EXIT_OK; i++) {
		char v[7][32];
		const double d[3] = { rows[i].precision, rows[i].recall, rows[i].f1 };
		snprintf(v[0], 32, "%zu", rows[i].proposals);
		snprintf(v[1], 32, "%zu", rows[i].hits);
		snprintf(v[3], 32, "%zu", rows[i].hand);
		snprintf(v[4], 32, "%zu", rows[i].found);
		for (int k = 0; k < 3; k++) {
			char *cell = v[k == 0 ? 2 : k == 1 ? 5 : 6];
			if (d[k] == d[k]) /* not NaN: defined */
				snprintf(cell, 32, "%.2f", d[k]);
			else
				cell[0] = '\0';
		}
		const char *row[] = { rows[i].rule, v[0], v[1], v[2], v[3], v[4], v[5], v[6] };
		if (cdr_table_add(t, row) < 0)
			rc = cli_lib_error();
	}
	/* a table on a terminal, TSV with its header when piped */
	if (rc == EXIT_OK && cdr_table_write(t, stdout, isatty(fileno(stdout)) ? CDR_FORMAT_TABLE : CDR_FORMAT_TSV) < 0)
		rc = cli_lib_error();
done:
	cdr_table_free(t);
	cdr_rules_evaluate_free(rows, n);
	cdr_schemes_free(set);
	cdr_project_free(p);
	return rc;
}

/* The findings of cdr_schemes_lint, one per line on standard output; the
 * count on standard error. */
static int check_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	cdr_lint_options o = { 0 };
	const char *share = cli_str(a, "max-share");
	const char **files = NULL, **ids = NULL;
	cdr_project *p = NULL;
	cdr_schemes *set = NULL;
	cdr_lint lint = { 0 };
	int rc, files_only = 1;

	if (cli_str(a, "against"))
		return check_against(ctx, a);
	if (share) {
		char *end;
		o.max_share = strtod(share, &end);
		if (*share == '\0' || *end || !(o.max_share > 0 && o.max_share <= 1))
			return cli_usage_error(a->cmd, "--max-share must be a number between 0 and 1");
	}
	if ((files = calloc((size_t)a->argc + 1, sizeof(char *))) == NULL ||
	    (ids = calloc((size_t)a->argc + 1, sizeof(char *))) == NULL) {
		rc = cli_error("out of memory");
		goto done;
	}
	/* FILE.xml arguments are checked as files, the others name schemes */
	for (int i = 0; i < a->argc; i++) {
		size_t n = strlen(a->argv[i]);
		if (n > 4 && strcmp(a->argv[i] + n - 4, ".xml") == 0)
			files[o.nfiles++] = a->argv[i];
		else
			ids[o.nschemes++] = a->argv[i];
	}
	o.files = files;
	o.schemes = ids;
	if ((rc = open_schemes(ctx, &p, &set)) != EXIT_OK)
		goto done;
	rc = cdr_schemes_lint(&lint, p, set, &o);
	if (rc == CDR_ENOTFOUND) {
		rc = cli_error("%s (see 'codeer scheme list')", cdr_error_last());
		goto done;
	}
	if (rc < 0) {
		rc = cli_lib_error();
		goto done;
	}
	for (size_t i = 0; i < lint.n; i++) {
		printf("%s\n", lint.v[i].message);
		files_only &= lint.v[i].kind == CDR_LINT_VALID || lint.v[i].kind == CDR_LINT_INVALID;
	}
	/* a file's problem is its one line; the project's are counted */
	if (lint.problems && !files_only) {
		fflush(stdout);
		fprintf(stderr, "codeer: %zu problem%s found\n", lint.problems, lint.problems == 1 ? "" : "s");
	}
	rc = lint.problems ? EXIT_FOUND : EXIT_OK;
done:
	cdr_lint_free(&lint);
	free(files);
	free(ids);
	cdr_schemes_free(set);
	cdr_project_free(p);
	return rc;
}

static int new_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	const char *out = cli_str(a, "output"), *title = cli_str(a, "title");
	char *data = NULL;
	size_t len;
	int rc = EXIT_OK;

	(void)ctx;
	if (cdr_scheme_new_text(&data, &len, a->argv[0], title ? title : a->argv[0], "EXAMPLE", "Example",
				"What this code means, and when a passage gets it. Rename the code and write its definition.") < 0)
		return cli_lib_error();
	if (out == NULL) {
		fwrite(data, 1, len, stdout);
	} else if (access(out, F_OK) == 0) {
		rc = cli_error("%s is already there: nothing was written", out);
	} else if (cdr_output_file(out, data, len) < 0) {
		rc = cli_lib_error();
	} else {
		fprintf(stderr, "wrote %s (scheme '%s'); add it with 'codeer scheme add %s'\n", out, a->argv[0], out);
	}
	free(data);
	return rc;
}

static int diff_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	static const char *const headers[] = { "change", "code", "detail" };
	cdr_scheme *old = NULL, *new = NULL;
	cdr_scheme_diff d = { 0 };
	cdr_table *t = NULL;
	struct cli_out o;
	int rc;

	(void)ctx;
	if ((rc = cli_out_open(&o, NULL, cli_str(a, "format"), CLI_TABLE)) != EXIT_OK)
		return rc;
	if (cdr_scheme_load(&old, a->argv[0]) < 0 || cdr_scheme_load(&new, a->argv[1]) < 0 ||
	    cdr_scheme_diff_make(&d, old, new) < 0 || cdr_table_new(&t, 3, headers) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	for (size_t i = 0; i < d.n; i++) {
		const char *row[] = { d.v[i].kind, d.v[i].code, d.v[i].detail };
		if (cdr_table_add(t, row) < 0) {
			rc = cli_lib_error();
			goto done;
		}
	}
	rc = cdr_table_write(t, o.f, o.fmt) < 0 ? cli_lib_error() : d.n ? EXIT_FOUND : EXIT_OK;
done:
	cdr_table_free(t);
	cdr_scheme_diff_free(&d);
	cdr_scheme_free(old);
	cdr_scheme_free(new);
	return cli_out_close(&o, rc);
}
