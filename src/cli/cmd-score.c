/* cmd-score.c -- scores and combined judgements per case from a rules
 * file; values set by hand where judgement, not a pattern, decides. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static int score_run(const struct cdr_cmd *cmd, struct cli_ctx *ctx, int argc, char **argv);

const struct cdr_cmd cmd_score = {
	.name = "score",
	.usage = "codeer score [--coder NAME] [--items A,B] [--format F] [-o FILE] RULES\n"
		 "       codeer score set CASE ITEM VALUE\n"
		 "       codeer score import FILE.tsv",
	.summary = "scores and combined judgements per case (the matrix maatwerk)",
	.help = "RULES declares items with their values and how derived items follow from\n"
		"other items (a table with * wildcards), from code presence or counts, or from a\n"
		"case attribute; see docs/score.md. Values set by hand (score set, score import)\n"
		"are kept in scores.tsv and win over derivations.\n"
		"\nOptions:\n"
		"  --coder NAME   whose codings count: NAME, A,B or all (added up); default: the\n"
		"                 project's default coder, else the only coder with codings\n"
		"  --items LIST   only these items, in this order\n"
		"  --format F     table, tsv, csv, json, md or html\n"
		"  -o FILE        write to FILE (atomically; the format from its extension)\n"
		"\nimport reads a TSV whose header is 'case' and one column per item.\n",
	.run = score_run,
};

/* The coders counted: cdr_coders_choose's policy, with the options that
 * get a user out of an ambiguous project. */
static int choose_coders(cdr_project *p, const char *requested, char ***names, size_t *n, int *implicit)
{
	int rc = cdr_coders_choose(names, n, implicit, p, requested);

	if (rc == CDR_EAMBIGUOUS)
		return cli_error("%s (--coder NAME, or --coder all to add them up)", cdr_error_last());
	return rc < 0 ? cli_lib_error() : EXIT_OK;
}

/* Without --coder, say whose codings were counted (after the output). */
static void coders_note(char **names, size_t n, int implicit)
{
	if (implicit && n == 1)
		fprintf(stderr, "codeer: counting the codings of coder %s\n", names[0]);
}

static int score_run(const struct cdr_cmd *cmd, struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "coder", required_argument, NULL, 'c' },
		{ "items", required_argument, NULL, 'i' },
		{ "format", required_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *coder = NULL, *format_name = NULL, *items = NULL, *outpath = NULL;
	char **coders = NULL;
	size_t ncoders = 0;
	cdr_project *p = NULL;
	cdr_schemes *set = NULL;
	cdr_scores *s = NULL;
	cdr_table *t = NULL;
	struct cli_out out = { 0 };
	int implicit = 0, c, rc;

	while ((c = cli_getopt(cmd, argc, argv, "ho:", opts)) != -1) {
		if (c < -1)
			return CLI_GETOPT_EXIT(c);
		if (c == 'c')
			coder = optarg;
		else if (c == 'i')
			items = optarg;
		else if (c == 'F')
			format_name = optarg;
		else if (c == 'o')
			outpath = optarg;
	}
	if (optind >= argc)
		return cli_usage_error(cmd, "which rules file?");
	if (strcmp(argv[optind], "set") == 0 && argc - optind != 4)
		return cli_usage_error(cmd, "set takes CASE ITEM VALUE");
	if (strcmp(argv[optind], "import") == 0 && argc - optind != 2)
		return cli_usage_error(cmd, "import takes one file");
	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		return rc;
	if (strcmp(argv[optind], "set") == 0) {
		rc = cdr_score_set(p, argv[optind + 1], argv[optind + 2], argv[optind + 3]) < 0 ? cli_lib_error() : EXIT_OK;
		goto done;
	}
	if (strcmp(argv[optind], "import") == 0) {
		size_t n;
		if (cdr_score_import(p, argv[optind + 1], &n) < 0)
			rc = cli_lib_error();
		else
			printf("%zu value%s set by hand\n", n, n == 1 ? "" : "s");
		goto done;
	}
	if (argc - optind != 1) {
		rc = cli_usage_error(cmd, "one rules file, please");
		goto done;
	}
	if ((rc = cli_out_open(&out, outpath, format_name, CLI_TABLE)) != EXIT_OK ||
	    (rc = choose_coders(p, coder, &coders, &ncoders, &implicit)) != EXIT_OK)
		goto done;
	if (cdr_schemes_load(&set, p) < 0 ||
	    cdr_scores_evaluate(&s, p, set, argv[optind], (const char *const *)coders, ncoders) < 0) {
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
		if (items) {
			char *copy = strdup(items), *save = NULL;
			for (char *tok = strtok_r(copy, ",", &save); tok && rc == EXIT_OK; tok = strtok_r(NULL, ",", &save)) {
				size_t i;
				for (i = 0; i < n && strcmp(cdr_scores_item(s, i), tok) != 0; i++)
					;
				if (i == n)
					rc = cli_error("%s: no item '%s'", argv[optind], tok);
				else if (ncols < n)
					cols[ncols++] = i;
			}
			free(copy);
		} else {
			for (size_t i = 0; i < n; i++)
				cols[ncols++] = i;
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
		coders_note(coders, ncoders, implicit);
	cdr_coders_free(coders, ncoders);
	cdr_table_free(t);
	cdr_scores_free(s);
	cdr_schemes_free(set);
	cdr_project_free(p);
	return rc;
}
