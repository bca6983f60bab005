/* cmd-score.c -- scores and combined judgements per case from a rules
 * file; values set by hand where judgement, not a pattern, decides. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static int score_exec(struct cli_ctx *ctx, const struct cli_args *a);
static int score_set_exec(struct cli_ctx *ctx, const struct cli_args *a);
static int score_import_exec(struct cli_ctx *ctx, const struct cli_args *a);

static const struct cdr_cmd cmd_score_set = {
	.name = "score set",
	.summary = "set a value by hand (an empty VALUE removes it)",
	.args = "CASE ITEM VALUE",
	.min_args = 3,
	.max_args = 3,
	.help = "The value is kept in scores.tsv and wins over the rules' derivation.\n",
	.examples = CLI_EXAMPLES("codeer score set 1.3 passendheid Beperkt", "codeer score set 1.3 passendheid ''"),
	.exec = score_set_exec,
};

static const struct cdr_cmd cmd_score_import = {
	.name = "score import",
	.summary = "set values by hand from a table",
	.args = "FILE.tsv",
	.min_args = 1,
	.max_args = 1,
	.help = "FILE.tsv has the header 'case' and one column per item; empty cells are skipped.\n",
	.examples = CLI_EXAMPLES("codeer score import oordelen.tsv"),
	.exec = score_import_exec,
};

const struct cdr_cmd cmd_score = {
	.name = "score",
	.summary = "scores and combined judgements per case (the matrix maatwerk)",
	.args = "RULES",
	.min_args = 1,
	.max_args = 1,
	.opts = (const struct cli_opt[]){
		{ "coder", 0, CLI_OPT_STRING, "NAME",
		  "whose codings count: NAME, A,B or all (added up); default: the\n"
		  "project's default coder, else the only coder with codings", NULL, 0 },
		{ "items", 0, CLI_OPT_LIST, "A,B", "only these items, in this order", NULL, 0 },
		{ "crosstab", 0, CLI_OPT_STRING, "NAME",
		  "count the cases per value of each of --items against\n"
		  "NAME (an item or a case attribute), with totals; means\n"
		  "for items without declared values", NULL, 0 },
		{ "transpose", 0, CLI_OPT_FLAG, NULL, "a row per item and a column per case (Tabel 14's layout)", NULL, 0 },
		CLI_FORMAT_OPTION("table", "plain", "tsv", "csv", "json", "md", "html"),
		CLI_OUTPUT_OPTION,
		{ NULL },
	},
	.help = "RULES declares items with their values and how derived items follow from\n"
		"other items (a table with * wildcards), from code presence or counts, or from a\n"
		"case attribute; see docs/score.md. Values set by hand (score set, score import)\n"
		"are kept in scores.tsv and win over derivations.\n",
	.examples = CLI_EXAMPLES("codeer score --coder auto codeschemes/maatwerk-score.rules",
				 "codeer score --coder auto --items passendheid,maatwerk -o scores.csv maatwerk-score.rules",
				 "codeer score --items maatwerk-wg --crosstab problematiek maatwerk-score.rules"),
	.subcommands = (const struct cdr_cmd *const[]){ &cmd_score_set, &cmd_score_import, NULL },
	.exec = score_exec,
};

static int score_set_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	cdr_project *p = NULL;
	int rc;

	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		return rc;
	rc = cdr_score_set(p, a->argv[0], a->argv[1], a->argv[2]) < 0 ? cli_lib_error() : EXIT_OK;
	cdr_project_free(p);
	return rc;
}

static int score_import_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	cdr_project *p = NULL;
	size_t n;
	int rc;

	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		return rc;
	if (cdr_score_import(p, a->argv[0], &n) < 0)
		rc = cli_lib_error();
	else
		printf("%zu value%s set by hand\n", n, n == 1 ? "" : "s");
	cdr_project_free(p);
	return rc;
}

/* Tabel 14's layout: the items down, the cases across. */
static int write_transposed(const cdr_scores *s, const size_t *cols, size_t ncols, struct cli_out *out)
{
	size_t n = cdr_scores_cases(s);
	const char **row = calloc(n + 1, sizeof(char *));
	cdr_table *t = NULL;
	int rc = EXIT_OK;

	if (row == NULL)
		return cli_error("out of memory");
	row[0] = "item";
	for (size_t c = 0; c < n; c++)
		row[c + 1] = cdr_scores_case(s, c);
	if (cdr_table_new(&t, n + 1, row) < 0)
		rc = cli_lib_error();
	for (size_t c = 0; rc == EXIT_OK && c < n; c++)
		cdr_table_set_nullable(t, c + 1);
	for (size_t k = 0; rc == EXIT_OK && k < ncols; k++) {
		row[0] = cdr_scores_item(s, cols[k]);
		for (size_t c = 0; c < n; c++)
			row[c + 1] = cdr_scores_value(s, c, cols[k]);
		if (cdr_table_add(t, row) < 0)
			rc = cli_lib_error();
	}
	if (rc == EXIT_OK && cdr_table_write(t, out->f, out->fmt) < 0)
		rc = cli_lib_error();
	cdr_table_free(t);
	free(row);
	return rc;
}

static int score_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	const char *rules = a->argv[0];
	size_t nitems;
	char *const *items = cli_list(a, "items", &nitems);
	char **coders = NULL;
	size_t ncoders = 0;
	cdr_project *p = NULL;
	cdr_schemes *set = NULL;
	cdr_scores *s = NULL;
	cdr_table *t = NULL;
	struct cli_out out = { 0 };
	int implicit = 0, rc;

	if ((rc = cli_out_open(&out, cli_str(a, "output"), cli_str(a, "format"), CLI_TABLE)) != EXIT_OK ||
	    (rc = cli_open_project(ctx, &p)) != EXIT_OK ||
	    (rc = cli_coders_choose(p, cli_str(a, "coder"), &coders, &ncoders, &implicit)) != EXIT_OK)
		goto done;
	if (cdr_schemes_load(&set, p) < 0 ||
	    cdr_scores_evaluate(&s, p, set, rules, (const char *const *)coders, ncoders) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	if (cli_str(a, "crosstab")) {
		int e;
		if (nitems == 0) {
			rc = cli_usage_error(a->cmd, "--crosstab needs --items: the items to count");
			goto done;
		}
		e = cdr_scores_crosstab(&t, s, p, cli_str(a, "crosstab"), (const char *const *)items, nitems);
		if (e == CDR_ENOTFOUND)
			rc = cli_error("%s: %s", rules, cdr_error_last());
		else if (e < 0 || cdr_table_write(t, out.f, out.fmt) < 0)
			rc = cli_lib_error();
		goto done;
	}
	{
		size_t n = cdr_scores_items(s), ncols = 0, *cols = calloc(n + 1, sizeof(size_t));
		const char **row = calloc(n + 2, sizeof(char *));
		if (cols == NULL || row == NULL) {
			free(cols);
			free(row);
			rc = cli_error("out of memory");
			goto done;
		}
		if (nitems) {
			for (size_t k = 0; k < nitems && rc == EXIT_OK; k++) {
				size_t i;
				for (i = 0; i < n && strcmp(cdr_scores_item(s, i), items[k]) != 0; i++)
					;
				if (i == n)
					rc = cli_error("%s: no item '%s'", rules, items[k]);
				else if (ncols < n)
					cols[ncols++] = i;
			}
		} else {
			for (size_t i = 0; i < n; i++)
				cols[ncols++] = i;
		}
		if (cli_flag(a, "transpose")) {
			rc = rc == EXIT_OK ? write_transposed(s, cols, ncols, &out) : rc;
			free(cols);
			free(row);
			goto done;
		}
		row[0] = "case";
		for (size_t k = 0; k < ncols; k++)
			row[k + 1] = cdr_scores_item(s, cols[k]);
		if (rc == EXIT_OK && cdr_table_new(&t, ncols + 1, row) < 0)
			rc = cli_lib_error();
		/* a value that cannot be decided is no value: null in JSON */
		for (size_t k = 0; rc == EXIT_OK && k < ncols; k++)
			cdr_table_set_nullable(t, k + 1);
		for (size_t cs = 0; rc == EXIT_OK && cs < cdr_scores_cases(s); cs++) {
			row[0] = cdr_scores_case(s, cs);
			for (size_t k = 0; k < ncols; k++)
				row[k + 1] = cdr_scores_value(s, cs, cols[k]);
			if (cdr_table_add(t, row) < 0)
				rc = cli_lib_error();
		}
		if (rc == EXIT_OK && cdr_table_write(t, out.f, out.fmt) < 0)
			rc = cli_lib_error();
		free(cols);
		free(row);
	}
done:
	if ((rc = cli_out_close(&out, rc)) == EXIT_OK)
		cli_coders_note(coders, ncoders, implicit);
	cdr_coders_free(coders, ncoders);
	cdr_table_free(t);
	cdr_scores_free(s);
	cdr_schemes_free(set);
	cdr_project_free(p);
	return rc;
}
