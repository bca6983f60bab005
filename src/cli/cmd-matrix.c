/* cmd-matrix.c -- code matrices: by case, document, speaker or case
 * attribute; counts, presence, documents, words, shares or quotes. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static int matrix_run(const struct cdr_cmd *cmd, struct cli_ctx *ctx, int argc, char **argv);

const struct cdr_cmd cmd_matrix = {
	.name = "matrix",
	.usage = "codeer matrix [--rows case|doc|speaker|attr:NAME] [--cols code|group|scheme] [--codes C1,C2+,...]\n"
		 "                     [--cell count|presence|docs|words|share|quotes] [--coder NAME] [--percent row|col]\n"
		 "                     [--all] [--chi2] [--format F] [--bom] [-o FILE]",
	.summary = "cross-tabulate codes by case, document, speaker or attribute",
	.help = "Options:\n"
		"  --rows R        case (default), doc, speaker, or attr:NAME (a case attribute;\n"
		"                  cases without it form the row \"(missing)\")\n"
		"  --cols C        code (default), group (top-level codes with their subtrees),\n"
		"                  or scheme\n"
		"  --codes LIST    pick and order the columns; CODE+ takes the code with its subtree\n"
		"  --cell K        count (codings, default), presence (0/1), docs, words (coded,\n"
		"                  each word once), share (% of the row's words coded), quotes\n"
		"  --coder NAME    whose codings: NAME, A,B or all (added up); default: the\n"
		"                  project's default coder, else the only coder with codings\n"
		"  --percent P     cells as percentages of their row or column total\n"
		"  --all           keep rows and columns without codings (the same shape every time)\n"
		"  --chi2          Pearson's chi-square and Cramér's V for the counts, in the\n"
		"                  output (not with csv or tsv: see docs/matrix.md)\n"
		"  --format F      table, tsv, csv, json, md or html\n"
		"  --bom           start CSV with a UTF-8 byte-order mark (for Excel)\n"
		"  -o FILE         write to FILE (atomically; the format from its extension)\n",
	.run = matrix_run,
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

/* Without --coder, say whose codings were counted (after the output, and
 * only when there is any). */
static void coders_note(char **names, size_t n, int implicit)
{
	if (implicit && n == 1)
		fprintf(stderr, "codeer: counting the codings of coder %s\n", names[0]);
}

/* A cell as text: for JSON every digit a double holds (empty for an
 * undefined cell, which the table writes as null); for people and
 * spreadsheets counts as integers, shares and percentages to one decimal. */
static void number(char *buf, size_t n, double x, int percent, cdr_cell cell, cdr_format fmt)
{
	if (isnan(x))
		snprintf(buf, n, "%s", "");
	else if (fmt == CDR_FORMAT_JSON)
		cdr_number_format(buf, n, x);
	else if (percent || cell == CDR_CELL_SHARE)
		snprintf(buf, n, "%.1f", x);
	else
		snprintf(buf, n, "%.0f", x);
}

static int write_matrix(FILE *f, const cdr_matrix *m, const char *corner, cdr_format fmt, int percent, cdr_cell cell,
			int bom)
{
	size_t nc = cdr_matrix_cols(m), ncols = nc + 2;
	const char **row = calloc(ncols, sizeof(char *));
	char **buf = calloc(ncols, sizeof(char *));
	cdr_table *t = NULL;
	int rc = 0, quotes = cell == CDR_CELL_QUOTES;

	if (row == NULL || buf == NULL)
		goto nomem;
	for (size_t j = 0; j < ncols; j++)
		if ((buf[j] = malloc(64)) == NULL)
			goto nomem;
	row[0] = corner;
	for (size_t j = 0; j < nc; j++)
		row[j + 1] = cdr_matrix_col_label(m, j);
	row[nc + 1] = "total";
	if (cdr_table_new(&t, quotes ? nc + 1 : ncols, row) < 0)
		goto nomem;
	for (size_t j = 1; j < ncols && !quotes; j++)
		cdr_table_set_numeric(t, j);
	for (size_t i = 0; i <= cdr_matrix_rows(m); i++) {
		int total = i == cdr_matrix_rows(m);
		double rt = total ? cdr_matrix_total(m) : cdr_matrix_row_total(m, i);
		if (total && quotes)
			break;
		row[0] = total ? "total" : cdr_matrix_row_label(m, i);
		for (size_t j = 0; j <= nc; j++) {
			double x = j == nc ? rt : total ? cdr_matrix_col_total(m, j) : cdr_matrix_value(m, i, j);
			if (quotes && j < nc) {
				row[j + 1] = cdr_matrix_quotes(m, i, j);
				continue;
			}
			if (percent == 'r')
				x = rt > 0 ? 100.0 * x / rt : NAN;
			else if (percent == 'c') {
				double ct = j == nc ? cdr_matrix_total(m) : cdr_matrix_col_total(m, j);
				x = ct > 0 ? 100.0 * x / ct : NAN;
			}
			number(buf[j + 1], 64, x, percent != 0, cell, fmt);
			row[j + 1] = buf[j + 1];
		}
		if (cdr_table_add(t, row) < 0)
			goto nomem;
	}
	if (bom && fmt == CDR_FORMAT_CSV)
		fputs("\xEF\xBB\xBF", f);
	if (cdr_table_write(t, f, fmt) < 0)
		goto nomem;
	goto done;
nomem:
	rc = cli_error("out of memory");
done:
	cdr_table_free(t);
	for (size_t j = 0; buf && j < ncols; j++)
		free(buf[j]);
	free(buf);
	free(row);
	return rc;
}

/* The chi-square test in the output itself: a "chi2" object next to the
 * matrix in JSON, a paragraph under the HTML table, a line under the
 * aligned and Markdown tables (CSV and TSV are refused before: one
 * rectangular table has no place for it). */
static void write_chi2_json_open(FILE *f)
{
	fputs("{\"matrix\": ", f);
}

static void write_chi2(FILE *f, cdr_format fmt, double x2, double df, double pv, double v)
{
	switch (fmt) {
	case CDR_FORMAT_JSON:
		fputs(", \"chi2\": {\"statistic\": ", f);
		cdr_json_number(f, x2);
		fputs(", \"df\": ", f);
		cdr_json_number(f, df);
		fputs(", \"p\": ", f);
		cdr_json_number(f, pv);
		fputs(", \"cramers_v\": ", f);
		cdr_json_number(f, v);
		fputs("}}\n", f);
		break;
	case CDR_FORMAT_HTML:
		fprintf(f, "<p class=\"chi2\">Pearson&#8217;s chi-square = %.4f, df = %.0f, p = %.4g, Cram&#233;r&#8217;s V = %.4f</p>\n",
			x2, df, pv, v);
		break;
	default:
		fprintf(f, "%schi-square = %.4f, df = %.0f, p = %.4g, Cramér's V = %.4f\n", fmt == CDR_FORMAT_MD ? "\n" : "",
			x2, df, pv, v);
		break;
	}
}

static int matrix_run(const struct cdr_cmd *cmd, struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "rows", required_argument, NULL, 'r' },
		{ "cols", required_argument, NULL, 'c' },
		{ "codes", required_argument, NULL, 'k' },
		{ "cell", required_argument, NULL, 'l' },
		{ "coder", required_argument, NULL, 'C' },
		{ "percent", required_argument, NULL, 'p' },
		{ "all", no_argument, NULL, 'a' },
		{ "chi2", no_argument, NULL, 'x' },
		{ "format", required_argument, NULL, 'F' },
		{ "bom", no_argument, NULL, 'b' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	cdr_matrix_options o = { 0 };
	const char *format_name = NULL, *outpath = NULL, *corner, *coder = NULL;
	char *codes_copy = NULL, **codes = NULL, **coders = NULL;
	size_t ncoders = 0;
	int percent = 0, chi2 = 0, bom = 0, implicit = 0, c, rc = EXIT_OK;
	double x2 = 0, df = 0, pv = 0, v = 0;
	cdr_project *p = NULL;
	cdr_schemes *set = NULL;
	cdr_matrix *m = NULL;
	struct cli_out out = { 0 };

	while ((c = cli_getopt(cmd, argc, argv, "ho:", opts)) != -1) {
		switch (c) {
		case 'r':
			if (cdr_rows_parse(&o, optarg) < 0)
				return cli_usage_error(cmd, "%s", cdr_error_last());
			break;
		case 'c':
			if (cdr_cols_parse(&o.cols, optarg) < 0)
				return cli_usage_error(cmd, "%s", cdr_error_last());
			break;
		case 'l':
			if (cdr_cell_parse(&o.cell, optarg) < 0)
				return cli_usage_error(cmd, "%s", cdr_error_last());
			break;
		case 'k': free(codes_copy); codes_copy = strdup(optarg); break;
		case 'C': coder = optarg; break;
		case 'p':
			if (strcmp(optarg, "row") != 0 && strcmp(optarg, "col") != 0)
				return cli_usage_error(cmd, "--percent takes row or col");
			percent = optarg[0];
			break;
		case 'a': o.all = 1; break;
		case 'x': chi2 = 1; break;
		case 'F': format_name = optarg; break;
		case 'b': bom = 1; break;
		case 'o': outpath = optarg; break;
		default:
			free(codes_copy);
			return CLI_GETOPT_EXIT(c);
		}
	}
	if (optind < argc) {
		free(codes_copy);
		return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
	}
	if (codes_copy) {
		char *save = NULL;
		for (char *tok = strtok_r(codes_copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
			char **grown = realloc(codes, (o.ncodes + 1) * sizeof(char *));
			if (grown == NULL) {
				rc = cli_error("out of memory");
				goto done;
			}
			codes = grown;
			codes[o.ncodes++] = tok;
		}
		o.codes = (const char *const *)codes;
	}
	if ((rc = cli_out_open(&out, outpath, format_name, CLI_TABLE)) != EXIT_OK)
		goto done;
	if (chi2 && (out.fmt == CDR_FORMAT_CSV || out.fmt == CDR_FORMAT_TSV || out.fmt == CDR_FORMAT_PLAIN)) {
		rc = cli_usage_error(cmd, "--chi2 has no place in a %s table; use --format json, html, md or table "
				     "(or leave out --chi2)", out.fmt == CDR_FORMAT_CSV ? "CSV" : "TSV");
		goto done;
	}
	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK ||
	    (rc = choose_coders(p, coder, &coders, &ncoders, &implicit)) != EXIT_OK)
		goto done;
	o.coders = (const char *const *)coders;
	o.ncoders = ncoders;
	if (cdr_schemes_load(&set, p) < 0 || cdr_matrix_build(&m, p, set, &o) < 0 ||
	    (chi2 && cdr_matrix_chi2(m, &x2, &df, &pv, &v) < 0)) {
		rc = cli_lib_error();
		goto done;
	}
	corner = o.rows == CDR_ROWS_CASE ? "case" : o.rows == CDR_ROWS_DOC ? "doc" :
		 o.rows == CDR_ROWS_SPEAKER ? "speaker" : o.attr;
	if (chi2 && out.fmt == CDR_FORMAT_JSON)
		write_chi2_json_open(out.f);
	if ((rc = write_matrix(out.f, m, corner, out.fmt, percent, o.cell, bom)) == EXIT_OK && chi2)
		write_chi2(out.f, out.fmt, x2, df, pv, v);
done:
	if ((rc = cli_out_close(&out, rc)) == EXIT_OK)
		coders_note(coders, ncoders, implicit);
	cdr_matrix_free(m);
	cdr_schemes_free(set);
	cdr_project_free(p);
	cdr_coders_free(coders, ncoders);
	free(codes);
	free(codes_copy);
	return rc;
}
