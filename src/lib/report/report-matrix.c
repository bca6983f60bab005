/* report-matrix.c -- the two heatmaps of the report: codes by case
 * (matrix.h) and code co-occurrence, with their colour legends. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "report-internal.h"

/* cell colour and whether its number is drawn in white */
static int cell_fill(char fill[16], double v, double max)
{
	double t = rpt_heat(v, max);

	if (t <= 0) {
		snprintf(fill, 16, "%s", "#f6f7f9");
		return 0;
	}
	rpt_ramp(fill, t);
	return t > 0.55;
}

static void legend(FILE *f, double max, const char *what)
{
	fputs("<div class=\"legend\">", f);
	fputs("<i style=\"background:#f6f7f9\"></i> 0", f);
	for (int k = 1; k <= 5; k++) {
		/* five steps up to the largest count, or each count when there are fewer */
		double v = max <= 5 ? (double)k : ceil((double)k * max / 5.0);
		char fill[16];
		if (v > max)
			break;
		cell_fill(fill, v, max);
		fprintf(f, " <i style=\"background:%s\"></i> ", fill);
		rpt_put_num(f, v);
	}
	fprintf(f, " <span style=\"margin-left:8px\">%s</span></div>\n", what);
}

/* Above this many cells the heatmap is a table: a picture with a hover
 * title per cell grows by some 170 bytes a cell (2,000 cases by 113
 * codes made 38 MB), a table cell with a shade class by about 20. */
#define HEAT_SVG_CELLS 20000
#define HEAT_LEVELS 6

/* The shade of a count as one of HEAT_LEVELS steps of the same ramp. */
static int heat_level(double v, double max)
{
	int k;

	if (!(v > 0) || !(max > 0))
		return 0;
	k = (int)ceil(pow(v / max, 0.6) * HEAT_LEVELS);
	return k < 1 ? 1 : k > HEAT_LEVELS ? HEAT_LEVELS : k;
}

static void heat_table(struct report *r, const cdr_matrix *m, double max)
{
	FILE *f = r->out;
	size_t nr = cdr_matrix_rows(m), nc = cdr_matrix_cols(m);

	fputs("<style>", f);
	for (int k = 1; k <= HEAT_LEVELS; k++) {
		char fill[16];
		double t = 0.14 + 0.86 * (double)k / HEAT_LEVELS;
		rpt_ramp(fill, t);
		fprintf(f, "table.heat-t td.h%d{background:%s%s}", k, fill, t > 0.55 ? ";color:#fff" : "");
	}
	fputs("</style>\n<div class=\"scroll\"><table class=\"heat-t\"><thead><tr><th>case</th>", f);
	for (size_t j = 0; j < nc; j++) {
		const char *label = cdr_matrix_col_label(m, j);
		const struct rcode *c = rpt_code_by_name(r, label);
		fputs("<th title=\"", f);
		rpt_esc(f, label);
		if (c) {
			fputs(": ", f);
			rpt_esc(f, c->code->label);
		}
		fputs("\">", f);
		if (c && c->nquotes) {
			fputs("<a href=\"#code-", f);
			rpt_put_anchor(f, c->code->qualified);
			fputs("\">", f);
		}
		rpt_esc_cut(f, c ? c->name : label, 28);
		fputs(c && c->nquotes ? "</a></th>" : "</th>", f);
	}
	fputs("<th>total</th></tr></thead>\n<tbody>\n", f);
	for (size_t i = 0; i <= nr; i++) {
		fputs(i < nr ? "<tr><th>" : "</tbody>\n<tfoot><tr><th>", f);
		rpt_esc(f, i < nr ? cdr_matrix_row_label(m, i) : "total");
		fputs("</th>", f);
		for (size_t j = 0; j <= nc; j++) {
			double v = i < nr && j < nc ? cdr_matrix_value(m, i, j) :
				   i < nr ? cdr_matrix_row_total(m, i) :
				   j < nc ? cdr_matrix_col_total(m, j) : cdr_matrix_total(m);
			int k = i < nr && j < nc ? heat_level(v, max) : 0;
			if (i < nr && j < nc && !(v > 0)) {
				fputs("<td></td>", f);
				continue;
			}
			if (k)
				fprintf(f, "<td class=\"h%d\">", k);
			else
				fputs("<td class=\"tot\">", f);
			rpt_put_num(f, v);
			fputs("</td>", f);
		}
		fputs(i < nr ? "</tr>\n" : "</tr></tfoot>\n", f);
	}
	fputs("</table></div>\n<div class=\"legend\"><i style=\"background:#f6f7f9\"></i> 0", f);
	/* each step's counts: the whole numbers v with heat_level(v) == k */
	for (int k = 1, lo = 1; k <= HEAT_LEVELS && lo <= max; k++) {
		char fill[16];
		int hi = lo;
		while (hi + 1 <= max && heat_level(hi + 1, max) == k)
			hi++;
		if (heat_level(lo, max) != k)
			continue;
		rpt_ramp(fill, 0.14 + 0.86 * (double)k / HEAT_LEVELS);
		fprintf(f, " <i style=\"background:%s\"></i> %d%s", fill, lo, hi > lo ? "–" : "");
		if (hi > lo)
			fprintf(f, "%d", hi);
		lo = hi + 1;
	}
	fputs(" <span style=\"margin-left:8px\">coded segments</span></div>\n", f);
}

void rpt_heatmap(struct report *r)
{
	FILE *f = r->out;
	cdr_matrix_options mo = { 0 };
	cdr_matrix *m = NULL;
	cdr_cases *cases = cdr_project_cases(r->p);
	size_t nr, nc, rowchars = 5, colchars = 5;
	/* sizes in px; a label of 12px system-ui takes about 6.6px per character */
	double max = 0, cw, ch = 24, charw = 6.6, left, top, width, height, gap = 8, totw = 44, right = 0, fit = 1130;

	fputs("<section class=\"part\" id=\"matrix\">\n<h2>Codes by case</h2>\n", f);
	mo.rows = CDR_ROWS_CASE;
	mo.cols = CDR_COLS_CODE;
	mo.codes = r->o->ncodes ? r->selected : NULL;
	mo.ncodes = r->o->ncodes ? r->nselected : 0;
	mo.cell = CDR_CELL_COUNT;
	mo.coder = r->coder;
	if (r->nselected == 0 || cdr_matrix_build(&m, r->p, r->set, &mo) < 0 || cdr_matrix_total(m) <= 0) {
		cdr_error_clear();
		fputs("<p class=\"note\">No codings yet.</p>\n</section>\n", f);
		cdr_matrix_free(m);
		return;
	}
	nr = cdr_matrix_rows(m);
	nc = cdr_matrix_cols(m);
	for (size_t i = 0; i < nr; i++) {
		size_t n = rpt_cp_len(cdr_matrix_row_label(m, i));
		if (n > rowchars)
			rowchars = n;
		for (size_t j = 0; j < nc; j++)
			if (cdr_matrix_value(m, i, j) > max)
				max = cdr_matrix_value(m, i, j);
	}
	if (rowchars > 34)
		rowchars = 34;
	for (size_t j = 0; j < nc; j++) {
		const struct rcode *c = rpt_code_by_name(r, cdr_matrix_col_label(m, j));
		size_t n = rpt_cp_len(c ? c->name : cdr_matrix_col_label(m, j));
		if (n > colchars)
			colchars = n;
	}
	if (colchars > 28)
		colchars = 28;
	left = (double)rowchars * charw + 14;
	top = (double)colchars * charw * 0.7071 + 18;
	/* columns as wide as fits the page (1366px screens), within 24..34px */
	cw = (fit - left - gap - totw - 40) / (double)nc;
	cw = cw < 24 ? 24 : cw > 34 ? 34 : floor(cw);
	/* the rotated labels reach up and right of their column */
	for (size_t j = 0; j <= nc; j++) {
		const struct rcode *c = j < nc ? rpt_code_by_name(r, cdr_matrix_col_label(m, j)) : NULL;
		size_t n = j < nc ? rpt_cp_len(c ? c->name : cdr_matrix_col_label(m, j)) : 5;
		double x = left + (double)j * cw + cw / 2 + (j == nc ? gap + (totw - cw) / 2 : 0);
		double reach = x + (double)(n > 28 ? 28 : n) * charw * 0.7071 + 8 - (left + (double)nc * cw + gap + totw);
		if (reach > right)
			right = reach;
	}
	width = left + (double)nc * cw + gap + totw + right;
	height = top + (double)nr * ch + gap + ch + 4;
	rpt_counted_note(r);
	if (r->o->heatmap == 1 || (r->o->heatmap == 0 && nr * (nc + 1) > HEAT_SVG_CELLS)) {
		fprintf(f, "<p class=\"note\">Coded segments per case and code (%zu %s, %zu %s with codings), as a table. The darker the cell, the more segments.<span class=\"screen\"> Hover a code for "
			   "its label; click it for its quotes.</span></p>\n",
			nr, rpt_plural(nr, "case", "cases"), nc, rpt_plural(nc, "code", "codes"));
		heat_table(r, m, max);
		fputs("</section>\n", f);
		cdr_matrix_free(m);
		return;
	}
	fprintf(f, "<p class=\"note\">Coded segments per case and code (%zu %s, %zu %s with codings). The darker the cell, "
		   "the more segments.<span class=\"screen\"> Hover a cell for its case and code; click a code for its "
		   "quotes, a case for its transcript.</span></p>\n",
		nr, rpt_plural(nr, "case", "cases"), nc, rpt_plural(nc, "code", "codes"));
	fprintf(f, "<div class=\"scroll\"><svg class=\"heat\" role=\"img\" "
		   "width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" aria-label=\"codes by case\">\n",
		width, height, width, height);
	/* column labels, rotated */
	for (size_t j = 0; j <= nc; j++) {
		double x = left + (double)j * cw + cw / 2 + (j == nc ? gap + (totw - cw) / 2 : 0), y = top - 6;
		const char *label = j < nc ? cdr_matrix_col_label(m, j) : "total";
		const struct rcode *c = j < nc ? rpt_code_by_name(r, label) : NULL;
		if (c && c->nquotes) {
			fputs("<a href=\"#code-", f);
			rpt_put_anchor(f, c->code->qualified);
			fputs("\">", f);
		}
		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" transform=\"rotate(-45 %.1f %.1f)\"%s><title>", x, y, x, y,
			j == nc ? " font-weight=\"600\"" : "");
		rpt_esc(f, label);
		if (c) {
			fputs(": ", f);
			rpt_esc(f, c->code->label);
		}
		fputs("</title>", f);
		rpt_esc_cut(f, c ? c->name : label, 28);
		fputs(c && c->nquotes ? "</text></a>\n" : "</text>\n", f);
	}
	/* rows */
	for (size_t i = 0; i <= nr; i++) {
		double y = top + (double)i * ch + (i == nr ? gap : 0);
		const char *label = i < nr ? cdr_matrix_row_label(m, i) : "total";
		long ci = i < nr ? cdr_cases_find(cases, label) : -1;
		const char *doc = ci >= 0 && cdr_cases_doc_count(cases, (size_t)ci) && !r->o->no_transcripts
					  ? cdr_cases_doc(cases, (size_t)ci, 0) : NULL;
		if (doc)
			rpt_doc_link(r, f, doc, 0);
		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" dominant-baseline=\"central\"%s><title>", left - 8,
			y + ch / 2, i == nr ? " font-weight=\"600\"" : "");
		rpt_esc(f, label);
		fputs(i < nr ? " (case)" : "", f);
		fputs("</title>", f);
		rpt_esc_cut(f, label, 34);
		fputs(doc ? "</text></a>\n" : "</text>\n", f);
		for (size_t j = 0; j <= nc; j++) {
			double x = left + (double)j * cw + (j == nc ? gap : 0);
			const char *col = j < nc ? cdr_matrix_col_label(m, j) : "total";
			double v = i < nr && j < nc ? cdr_matrix_value(m, i, j) :
				   i < nr ? cdr_matrix_row_total(m, i) :
				   j < nc ? cdr_matrix_col_total(m, j) : cdr_matrix_total(m);
			fputs("<g><title>", f);
			rpt_esc(f, label);
			fputs(" × ", f);
			rpt_esc(f, col);
			fputs(": ", f);
			rpt_put_num(f, v);
			fprintf(f, " coded %s</title>", v == 1 ? "segment" : "segments");
			if (i < nr && j < nc) {
				char fill[16];
				int white = cell_fill(fill, v, max);
				fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.0f\" height=\"%.0f\" rx=\"2\" fill=\"%s\"/>", x + 1,
					y + 1, cw - 2, ch - 2, fill);
				if (v > 0) {
					fprintf(f, "<text class=\"in%s\" x=\"%.1f\" y=\"%.1f\">", white ? " w" : "", x + cw / 2, y + ch / 2);
					rpt_put_num(f, v);
					fputs("</text>", f);
				}
			} else {
				fprintf(f, "<text class=\"tot\" x=\"%.1f\" y=\"%.1f\">", x + (j == nc ? totw : cw) / 2, y + ch / 2);
				rpt_put_num(f, v);
				fputs("</text>", f);
			}
			fputs("</g>\n", f);
		}
	}
	fputs("</svg></div>\n", f);
	legend(f, max, "coded segments");
	fputs("</section>\n", f);
	cdr_matrix_free(m);
}

static const char *within_name(cdr_within w)
{
	switch (w) {
	case CDR_WITHIN_SENTENCE: return "sentences holding both codes";
	case CDR_WITHIN_TURN: return "turns holding both codes";
	case CDR_WITHIN_DOCUMENT: return "documents holding both codes";
	default: return "pairs of overlapping coded segments";
	}
}

int rpt_cooccurrence(struct report *r)
{
	FILE *f = r->out;
	cdr_matrix *m = NULL;
	size_t n, *idx = NULL, k = 0;
	double max = 0;
	int rc;

	fputs("<section class=\"part\" id=\"cooccurrence\">\n<h2>Co-occurrence</h2>\n", f);
	if (r->nselected == 0) {
		fputs("<p class=\"note\">No codes.</p>\n</section>\n", f);
		return 0;
	}
	if ((rc = cdr_cooccur(&m, r->p, r->set, r->coder, r->o->ncodes ? r->selected : NULL,
			      r->o->ncodes ? r->nselected : 0, r->o->within, 0)) < 0)
		return rc;
	n = cdr_matrix_cols(m);
	if ((idx = cdr_calloc(n + 1, sizeof(size_t))) == NULL) {
		cdr_matrix_free(m);
		return CDR_ENOMEM;
	}
	for (size_t j = 0; j < n; j++)
		if (cdr_matrix_value(m, j, j) > 0)
			idx[k++] = j;
	for (size_t a = 0; a < k; a++)
		for (size_t b = 0; b < k; b++)
			if (a != b && cdr_matrix_value(m, idx[a], idx[b]) > max)
				max = cdr_matrix_value(m, idx[a], idx[b]);
	if (k == 0) {
		fputs("<p class=\"note\">No codings yet.</p>\n", f);
	} else {
		rpt_counted_note(r);
		fprintf(f, "<p class=\"note\">Each cell counts the %s; the diagonal (grey) counts the %s with the code "
			   "itself. %s</p>\n",
			within_name(r->o->within),
			r->o->within == CDR_WITHIN_SEGMENT ? "segments" :
			r->o->within == CDR_WITHIN_SENTENCE ? "sentences" :
			r->o->within == CDR_WITHIN_TURN ? "turns" : "documents",
			max > 0 ? "" : "No two codes occur together.");
		fputs("<div class=\"scroll\"><table class=\"co\">\n<thead><tr><th></th>", f);
		for (size_t b = 0; b < k; b++) {
			const char *label = cdr_matrix_col_label(m, idx[b]);
			const struct rcode *c = rpt_code_by_name(r, label);
			fputs("<th class=\"v\" title=\"", f);
			rpt_esc(f, label);
			if (c) {
				fputs(": ", f);
				rpt_esc(f, c->code->label);
			}
			fputs("\"><span>", f);
			rpt_esc_cut(f, c ? c->name : label, 28);
			fputs("</span></th>", f);
		}
		fputs("</tr></thead>\n<tbody>\n", f);
		for (size_t a = 0; a < k; a++) {
			const char *rl = cdr_matrix_row_label(m, idx[a]);
			const struct rcode *rcode = rpt_code_by_name(r, rl);
			fputs("<tr><th title=\"", f);
			rpt_esc(f, rl);
			if (rcode) {
				fputs(": ", f);
				rpt_esc(f, rcode->code->label);
			}
			fputs("\">", f);
			if (rcode && rcode->nquotes) {
				fputs("<a href=\"#code-", f);
				rpt_put_anchor(f, rcode->code->qualified);
				fputs("\">", f);
			}
			rpt_esc_cut(f, rcode ? rcode->name : rl, 28);
			fputs(rcode && rcode->nquotes ? "</a></th>" : "</th>", f);
			for (size_t b = 0; b < k; b++) {
				double v = cdr_matrix_value(m, idx[a], idx[b]);
				const char *cl = cdr_matrix_col_label(m, idx[b]);
				const struct rcode *ccode = rpt_code_by_name(r, cl);
				fputs("<td", f);
				if (a == b) {
					fputs(" class=\"dg\"", f);
				} else if (v > 0) {
					char fill[16];
					int white = cell_fill(fill, v, max);
					fprintf(f, "%s style=\"background:%s\"", white ? " class=\"w\"" : "", fill);
				}
				fputs(" title=\"", f);
				rpt_esc(f, rcode ? rcode->name : rl);
				fputs(" × ", f);
				rpt_esc(f, ccode ? ccode->name : cl);
				fputs(": ", f);
				rpt_put_num(f, v);
				fputs("\">", f);
				if (v > 0)
					rpt_put_num(f, v);
				fputs("</td>", f);
			}
			fputs("</tr>\n", f);
		}
		fputs("</tbody>\n</table></div>\n", f);
		if (max > 0)
			legend(f, max, within_name(r->o->within));
	}
	fputs("</section>\n", f);
	free(idx);
	cdr_matrix_free(m);
	return 0;
}
