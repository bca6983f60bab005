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
		"  --cell K        count (codings, default), presence (0/1), docs, words (coded),\n"
		"                  share (% of the row's words coded), quotes (the coded text)\n"
		"  --coder NAME    one coder's codings (default: every coder's, rejected ones left out)\n"
		"  --percent P     cells as percentages of their row or column total\n"
		"  --all           keep rows and columns without codings (the same shape every time)\n"
		"  --chi2          Pearson's chi-square and Cramér's V for the counts\n"
		"  --format F      table, tsv, csv, json, md or html\n"
		"  --bom           start CSV with a UTF-8 byte-order mark (for Excel)\n"
		"  -o FILE         write to FILE (atomically) instead of standard output\n",
	.run = matrix_run,
};

static void number(char *buf, size_t n, double x, int percent, cdr_cell cell)
{
	if (isnan(x))
		snprintf(buf, n, "%s", "");
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
			number(buf[j + 1], 64, x, percent != 0, cell);
			row[j + 1] = buf[j + 1];
		}
		if (cdr_table_add(t, row) < 0)
			goto nomem;
	}
	if (bom && fmt == CDR_FORMAT_CSV)
		fputs("\xEF\xBB\xBF", f);
	cdr_table_write(t, f, fmt);
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
	const char *format_name = NULL, *outpath = NULL, *corner;
	char *codes_copy = NULL, **codes = NULL;
	int percent = 0, chi2 = 0, bom = 0, c, rc = EXIT_OK;
	cdr_project *p = NULL;
	cdr_schemes *set = NULL;
	cdr_matrix *m = NULL;
	cdr_format fmt;
	char *mem = NULL;
	size_t memlen = 0;
	FILE *out = stdout;

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
		case 'C': o.coder = optarg; break;
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
	if ((rc = cli_format(outpath && !format_name ? "csv" : format_name, &fmt)) != 0 ||
	    (rc = cli_open_project(ctx, &p)) != EXIT_OK)
		goto done;
	if (cdr_schemes_load(&set, p) < 0 || cdr_matrix_build(&m, p, set, &o) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	if (outpath && (out = open_memstream(&mem, &memlen)) == NULL) {
		rc = cli_error("out of memory");
		goto done;
	}
	corner = o.rows == CDR_ROWS_CASE ? "case" : o.rows == CDR_ROWS_DOC ? "doc" :
		 o.rows == CDR_ROWS_SPEAKER ? "speaker" : o.attr;
	if ((rc = write_matrix(out, m, corner, fmt, percent, o.cell, bom)) == EXIT_OK && chi2) {
		double x2, df, pv, v;
		if (cdr_matrix_chi2(m, &x2, &df, &pv, &v) < 0) {
			rc = cli_lib_error();
		} else {
			FILE *f = fmt == CDR_FORMAT_TABLE || fmt == CDR_FORMAT_MD || fmt == CDR_FORMAT_PLAIN ? out : stderr;
			fprintf(f, "%schi-square = %.4f, df = %.0f, p = %.4g, Cramér's V = %.4f\n",
				fmt == CDR_FORMAT_MD ? "\n" : "", x2, df, pv, v);
		}
	}
	if (outpath) {
		fclose(out);
		out = NULL;
		if (rc == EXIT_OK && cdr_output_file(outpath, mem, memlen) < 0)
			rc = cli_lib_error();
	}
done:
	if (outpath && out)
		fclose(out);
	free(mem);
	cdr_matrix_free(m);
	cdr_schemes_free(set);
	cdr_project_free(p);
	free(codes);
	free(codes_copy);
	return rc;
}
