/* cmd-matrix.c -- code matrices: by case, document, speaker or case
 * attribute; counts, presence, documents, words, shares or quotes; and
 * partial matrices of parts of a corpus (--partial, of a project or of
 * autocode --stream output) added up (--merge). */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "codeer/partial-stream.h"

static int matrix_exec(struct cli_ctx *ctx, const struct cli_args *a);

const struct cdr_cmd cmd_matrix = {
	.name = "matrix",
	.summary = "cross-tabulate codes by case, document, speaker or attribute",
	.opts = (const struct cli_opt[]){
		{ "rows", 0, CLI_OPT_STRING, "case|doc|speaker|attr:NAME",
		  "case (default), doc, speaker, or attr:NAME (a case attribute;\n"
		  "cases without it form the row \"(missing)\")", NULL, 0 },
		{ "cols", 0, CLI_OPT_ENUM, NULL, "code (default), group (top-level codes with their subtrees),\nor scheme",
		  CLI_CHOICES("code", "group", "scheme"), 0 },
		{ "codes", 0, CLI_OPT_LIST, "C1,C2+,...", "pick and order the columns; CODE+ takes the code with its subtree",
		  NULL, 0 },
		{ "cell", 0, CLI_OPT_ENUM, NULL,
		  "count (codings, default), presence (0/1), docs, words (coded,\n"
		  "each word once), share (% of the row's words coded), quotes",
		  CLI_CHOICES("count", "presence", "docs", "words", "share", "quotes"), 0 },
		{ "coder", 0, CLI_OPT_STRING, "NAME",
		  "whose codings: NAME, A,B or all (added up); default: the\n"
		  "project's default coder, else the only coder with codings", NULL, 0 },
		{ "doc", 0, CLI_OPT_STRING, "ID", "only this document (repeat for more)", NULL, 1 },
		{ "case", 0, CLI_OPT_STRING, "ID", "only the documents of this case (repeat for more)", NULL, 1 },
		{ "attr", 0, CLI_OPT_STRING, "KEY=VALUE", "only cases with this attribute value (repeat for more)", NULL, 1 },
		{ "speaker", 0, CLI_OPT_STRING, "NAME", "only codings that start in this speaker's turns (repeat\nfor more)",
		  NULL, 1 },
		{ "percent", 0, CLI_OPT_ENUM, NULL, "cells as percentages of their row or column total",
		  CLI_CHOICES("row", "col"), 0 },
		{ "all", 0, CLI_OPT_FLAG, NULL, "keep rows and columns without codings (the same shape every time)", NULL, 0 },
		{ "chi2", 0, CLI_OPT_FLAG, NULL,
		  "Pearson's chi-square and Cramér's V for the counts, in the\n"
		  "output (not with csv or tsv: see docs/matrix.md)", NULL, 0 },
		{ "partial", 0, CLI_OPT_FLAG, NULL, "write the sums of this project's part of a corpus, to be\nadded up with --merge",
		  NULL, 0 },
		{ "merge", 0, CLI_OPT_FLAG, NULL, "add up the partial matrices FILE... and print the matrix\n"
		  "of the whole corpus (no project needed)", NULL, 0 },
		{ "from-stream", 0, CLI_OPT_STRING, "FILE", "with --partial: the sums of autocode --stream output in\n"
		  "FILE (- for standard input) instead of a project's", NULL, 0 },
		{ "scheme", 0, CLI_OPT_STRING, "FILE.xml", "with --from-stream: a scheme file the stream was coded\n"
		  "with (repeat for each; they make the columns)", NULL, 1 },
		CLI_FORMAT_OPTION("table", "plain", "tsv", "csv", "json", "md", "html"),
		{ "bom", 0, CLI_OPT_FLAG, NULL, "start CSV with a UTF-8 byte-order mark (for Excel)", NULL, 0 },
		CLI_OUTPUT_OPTION,
		{ NULL },
	},
	.examples = CLI_EXAMPLES("codeer matrix --coder auto --rows attr:gemeente --cols group --chi2",
				 "codeer matrix --coder all --codes \"VB+, EK\" --cell words",
				 "codeer matrix --coder auto --bom -o matrix.csv  # for Excel",
				 "codeer matrix --coder auto --rows doc --speaker R --cell share",
				 "codeer matrix --coder auto --partial -o part1.tsv",
				 "codeer matrix --partial --from-stream codings.jsonl --scheme schemes/empowerment.xml -o part2.tsv",
				 "codeer matrix --merge part1.tsv part2.tsv --cell words"),
	.args = "[FILE...]",
	.max_args = -1,
	.exec = matrix_exec,
};

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

/* --merge: partial matrices added up; rows, columns, coders and filters
 * were chosen when the partials were made. */
static int merge_exec(const struct cli_args *a)
{
	static const char *const fixed[] = { "rows", "cols", "codes", "coder", "doc", "case", "attr", "speaker" };
	const char *percent_name = cli_str(a, "percent");
	int percent = percent_name ? percent_name[0] : 0, chi2 = cli_flag(a, "chi2"), rc;
	double x2 = 0, df = 0, pv = 0, v = 0;
	cdr_cell cell = CDR_CELL_COUNT;
	cdr_matrix *m = NULL;
	char *corner = NULL;
	struct cli_out out = { 0 };

	for (size_t i = 0; i < sizeof(fixed) / sizeof(*fixed); i++)
		if (cli_str(a, fixed[i]))
			return cli_usage_error(a->cmd, "--%s is chosen when the partial matrices are made; "
						       "leave it out of --merge", fixed[i]);
	if (cli_flag(a, "partial"))
		return cli_usage_error(a->cmd, "--partial makes a partial matrix, --merge adds them up: one or the other");
	if (a->argc == 0)
		return cli_usage_error(a->cmd, "--merge needs the partial matrices: FILE...");
	if (cli_str(a, "cell") && cdr_cell_parse(&cell, cli_str(a, "cell")) < 0)
		return cli_usage_error(a->cmd, "%s", cdr_error_last());
	if (cell == CDR_CELL_QUOTES)
		return cli_usage_error(a->cmd, "--cell quotes does not add up: a partial matrix holds sums only");
	if ((rc = cli_out_open(&out, cli_str(a, "output"), cli_str(a, "format"), CLI_TABLE)) != EXIT_OK)
		goto done;
	if (chi2 && (out.fmt == CDR_FORMAT_CSV || out.fmt == CDR_FORMAT_TSV || out.fmt == CDR_FORMAT_PLAIN)) {
		rc = cli_usage_error(a->cmd, "--chi2 has no place in a %s table; use --format json, html, md or table "
					     "(or leave out --chi2)", out.fmt == CDR_FORMAT_CSV ? "CSV" : "TSV");
		goto done;
	}
	if (cdr_matrix_merge(&m, &corner, (const char *const *)a->argv, (size_t)a->argc, cell, cli_flag(a, "all")) < 0 ||
	    (chi2 && cdr_matrix_chi2(m, &x2, &df, &pv, &v) < 0)) {
		rc = cli_lib_error();
		goto done;
	}
	if (chi2 && out.fmt == CDR_FORMAT_JSON)
		write_chi2_json_open(out.f);
	if ((rc = write_matrix(out.f, m, corner, out.fmt, percent, cell, cli_flag(a, "bom"))) == EXIT_OK && chi2)
		write_chi2(out.f, out.fmt, x2, df, pv, v);
done:
	rc = cli_out_close(&out, rc);
	cdr_matrix_free(m);
	free(corner);
	return rc;
}

/* --partial --from-stream: the sums of autocode --stream output, with
 * the columns of the scheme files it was coded with; no project. */
static int stream_partial_exec(const struct cli_args *a)
{
	static const char *const fixed[] = { "coder", "doc", "case", "attr", "speaker" };
	const char *path = cli_str(a, "from-stream");
	size_t nfiles = 0;
	const char *const *files = (const char *const *)cli_list(a, "scheme", &nfiles);
	cdr_matrix_options o = { 0 };
	cdr_schemes *set = NULL;
	struct cli_out out = { 0 };
	FILE *in = NULL;
	int rc;

	if (!cli_flag(a, "partial"))
		return cli_usage_error(a->cmd, "--from-stream makes a partial matrix: add --partial (and add the "
					       "partial matrices up with --merge)");
	for (size_t i = 0; i < sizeof(fixed) / sizeof(*fixed); i++)
		if (cli_str(a, fixed[i]))
			return cli_usage_error(a->cmd, "--%s does not go with --from-stream: the stream holds the rule "
						       "codings of every document it coded (choose the documents "
						       "before coding them)", fixed[i]);
	if (nfiles == 0)
		return cli_usage_error(a->cmd, "--from-stream needs the scheme files the stream was coded with: "
					       "--scheme FILE.xml (repeat for more)");
	if ((cli_str(a, "rows") && cdr_rows_parse(&o, cli_str(a, "rows")) < 0) ||
	    (cli_str(a, "cols") && cdr_cols_parse(&o.cols, cli_str(a, "cols")) < 0))
		return cli_usage_error(a->cmd, "%s", cdr_error_last());
	o.codes = (const char *const *)cli_list(a, "codes", &o.ncodes);
	if (strcmp(path, "-") == 0)
		in = stdin;
	else if ((in = fopen(path, "r")) == NULL)
		return cli_error("%s: cannot read: %s", path, strerror(errno));
	if ((rc = cli_out_open(&out, cli_str(a, "output"), NULL, CLI_TABLE)) != EXIT_OK)
		goto done;
	if (cdr_schemes_load_files(&set, files, nfiles) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	if ((rc = cdr_matrix_partial_stream(out.f, in, in == stdin ? "standard input" : path, set, &o)) < 0)
		rc = rc == CDR_EUSAGE ? cli_error("%s (--codes goes with --cols code)", cdr_error_last())
				      : cli_lib_error();
done:
	rc = cli_out_close(&out, rc);
	if (in && in != stdin)
		fclose(in);
	cdr_schemes_free(set);
	return rc;
}

static int matrix_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	cdr_matrix_options o = { 0 };
	cdr_filter f = { 0 };
	const char *corner, *percent_name = cli_str(a, "percent");
	char **coders = NULL;
	size_t ncoders = 0;
	int percent = percent_name ? percent_name[0] : 0, chi2 = cli_flag(a, "chi2"), implicit = 0, rc = EXIT_OK;
	double x2 = 0, df = 0, pv = 0, v = 0;
	cdr_project *p = NULL;
	cdr_schemes *set = NULL;
	cdr_matrix *m = NULL;
	struct cli_out out = { 0 };

	if (cli_flag(a, "merge") && (cli_str(a, "from-stream") || cli_str(a, "scheme")))
		return cli_usage_error(a->cmd, "--from-stream and --scheme make a partial matrix; --merge adds them "
					       "up: one or the other");
	if (cli_flag(a, "merge"))
		return merge_exec(a);
	if (a->argc > 0)
		return cli_usage_error(a->cmd, "unexpected argument '%s' (files go with --merge)", a->argv[0]);
	if (cli_flag(a, "partial") && (cli_str(a, "cell") || cli_str(a, "percent") || cli_flag(a, "chi2") ||
				       cli_flag(a, "all") || cli_str(a, "format") || cli_flag(a, "bom")))
		return cli_usage_error(a->cmd, "a partial matrix holds every sum of every row and column; choose "
					       "--cell, --percent, --chi2, --all, --format and --bom with --merge");
	if (cli_str(a, "from-stream"))
		return stream_partial_exec(a);
	if (cli_str(a, "scheme"))
		return cli_usage_error(a->cmd, "--scheme goes with --from-stream (a project's matrix has the "
					       "project's schemes)");
	if ((cli_str(a, "rows") && cdr_rows_parse(&o, cli_str(a, "rows")) < 0) ||
	    (cli_str(a, "cols") && cdr_cols_parse(&o.cols, cli_str(a, "cols")) < 0) ||
	    (cli_str(a, "cell") && cdr_cell_parse(&o.cell, cli_str(a, "cell")) < 0))
		return cli_usage_error(a->cmd, "%s", cdr_error_last());
	o.codes = (const char *const *)cli_list(a, "codes", &o.ncodes);
	o.all = cli_flag(a, "all");
	f.docs = (const char *const *)cli_list(a, "doc", &f.ndocs);
	f.cases = (const char *const *)cli_list(a, "case", &f.ncases);
	f.attrs = (const char *const *)cli_list(a, "attr", &f.nattrs);
	f.speakers = (const char *const *)cli_list(a, "speaker", &f.nspeakers);
	o.filter = &f;
	if ((rc = cli_out_open(&out, cli_str(a, "output"), cli_str(a, "format"), CLI_TABLE)) != EXIT_OK)
		goto done;
	if (chi2 && (out.fmt == CDR_FORMAT_CSV || out.fmt == CDR_FORMAT_TSV || out.fmt == CDR_FORMAT_PLAIN)) {
		rc = cli_usage_error(a->cmd, "--chi2 has no place in a %s table; use --format json, html, md or table "
					     "(or leave out --chi2)", out.fmt == CDR_FORMAT_CSV ? "CSV" : "TSV");
		goto done;
	}
	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK ||
	    (rc = cli_coders_choose(p, cli_str(a, "coder"), &coders, &ncoders, &implicit)) != EXIT_OK)
		goto done;
	o.coders = (const char *const *)coders;
	o.ncoders = ncoders;
	if (cdr_schemes_load(&set, p) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	if (cli_flag(a, "partial")) {
		if ((rc = cdr_matrix_partial_write(out.f, p, set, &o)) < 0)
			rc = rc == CDR_EUSAGE ? cli_error("%s (--codes goes with --cols code)", cdr_error_last())
					      : cli_lib_error();
		goto done;
	}
	if ((rc = cdr_matrix_build(&m, p, set, &o)) < 0) {
		/* the only usage the library refuses: codes picked under group or scheme columns */
		rc = rc == CDR_EUSAGE ? cli_error("%s (--codes goes with --cols code)", cdr_error_last()) : cli_lib_error();
		goto done;
	}
	if (chi2 && cdr_matrix_chi2(m, &x2, &df, &pv, &v) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	corner = o.rows == CDR_ROWS_CASE ? "case" : o.rows == CDR_ROWS_DOC ? "doc" :
		 o.rows == CDR_ROWS_SPEAKER ? "speaker" : o.attr;
	if (chi2 && out.fmt == CDR_FORMAT_JSON)
		write_chi2_json_open(out.f);
	if ((rc = write_matrix(out.f, m, corner, out.fmt, percent, o.cell, cli_flag(a, "bom"))) == EXIT_OK && chi2)
		write_chi2(out.f, out.fmt, x2, df, pv, v);
done:
	if ((rc = cli_out_close(&out, rc)) == EXIT_OK)
		cli_coders_note(coders, ncoders, implicit);
	cdr_matrix_free(m);
	cdr_schemes_free(set);
	cdr_project_free(p);
	cdr_coders_free(coders, ncoders);
	return rc;
}
