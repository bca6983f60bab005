/* report-gather.c -- read the project before the page is written.
 *
 * The codes of the schemes with their frequencies, the documents, the
 * quotes of every code (as HTML, one buffer per code) and the codes on
 * each turn for the transcripts, and the cross-sections read back from
 * their tables. Writes nothing to the page itself; an error here fails the
 * report before any HTML is out. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* open_memstream */
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report-internal.h"

int rpt_gather_codes(struct report *r)
{
	const cdr_report_options *o = r->o;
	size_t n = 0;

	for (size_t s = 0; s < cdr_schemes_count(r->set); s++)
		n += cdr_scheme_code_count(cdr_schemes_get(r->set, s));
	if ((r->codes = cdr_calloc(n + 1, sizeof(*r->codes))) == NULL ||
	    (r->selected = cdr_calloc(n + 1, sizeof(char *))) == NULL)
		return CDR_ENOMEM;
	for (size_t s = 0; s < cdr_schemes_count(r->set); s++) {
		const cdr_scheme *sc = cdr_schemes_get(r->set, s);
		for (size_t k = 0; k < cdr_scheme_code_count(sc); k++) {
			struct rcode *rc = &r->codes[r->ncodes++];
			rc->code = cdr_scheme_code(sc, k);
			rc->scheme = sc;
			rc->name = rc->code->id;
			rc->selected = o->ncodes == 0;
		}
	}
	/* a bare id is enough unless two schemes have it */
	for (size_t i = 0; i < r->ncodes; i++)
		for (size_t j = 0; j < r->ncodes; j++)
			if (i != j && strcmp(r->codes[i].code->id, r->codes[j].code->id) == 0)
				r->codes[i].name = r->codes[i].code->qualified;
	for (size_t i = 0; i < o->ncodes; i++) {
		char ref[512];
		size_t len = strlen(o->codes[i]);
		int subtree = len > 0 && o->codes[i][len - 1] == '+';
		const cdr_code *c;
		long ci;
		int rc;
		snprintf(ref, sizeof(ref), "%.*s", (int)(subtree ? len - 1 : len), o->codes[i]);
		if ((rc = cdr_schemes_resolve(&c, r->set, ref)) < 0)
			return rc;
		if ((ci = rpt_find_code(r, c)) < 0)
			continue;
		r->codes[ci].selected = 1;
		for (size_t j = 0; subtree && j < r->ncodes; j++)
			if (r->codes[j].scheme == r->codes[ci].scheme && cdr_scheme_code_is_below(r->codes[j].scheme, r->codes[j].code, c))
				r->codes[j].selected = 1;
	}
	for (size_t i = 0; i < r->ncodes; i++)
		if (r->codes[i].selected)
			r->selected[r->nselected++] = r->codes[i].code->qualified;
	return 0;
}

int rpt_gather_freqs(struct report *r)
{
	cdr_freq *f;
	size_t n;
	int rc;

	if ((rc = cdr_freqs(&f, &n, r->p, r->set, r->coder)) < 0)
		return rc;
	for (size_t i = 0; i < n; i++) {
		long ci = rpt_find_code(r, f[i].code);
		if (ci < 0 || !r->codes[ci].selected)
			continue;
		r->codes[ci].segments = f[i].segments;
		r->codes[ci].docs = f[i].docs;
		r->codes[ci].cases = f[i].cases;
		r->codes[ci].words = f[i].words;
		r->segments += f[i].segments;
	}
	free(f);
	return 0;
}

int rpt_gather_docs(struct report *r)
{
	cdr_cases *cases = cdr_project_cases(r->p);
	cdr_matrix_options mo = { 0 };
	cdr_matrix *m = NULL;
	int rc;

	r->ndocs = cdr_project_doc_count(r->p);
	if ((r->docs = cdr_calloc(r->ndocs + 1, sizeof(*r->docs))) == NULL)
		return CDR_ENOMEM;
	for (size_t i = 0; i < r->ndocs; i++) {
		cdr_document *doc;
		long ci;
		r->docs[i].id = cdr_project_doc_id(r->p, i);
		ci = cdr_cases_of_doc(cases, r->docs[i].id);
		r->docs[i].case_id = ci >= 0 ? cdr_cases_id(cases, (size_t)ci) : "";
		if ((rc = cdr_project_doc_load(&doc, r->p, r->docs[i].id, 0)) < 0)
			return rc;
		r->docs[i].turns = cdr_document_turn_count(doc);
		r->docs[i].words = cdr_document_words(doc);
		r->turns += r->docs[i].turns;
		r->words += r->docs[i].words;
		cdr_document_free(doc);
	}
	/* codings per document: the row totals of a document-by-code matrix */
	if (r->nselected == 0)
		return 0;
	mo.rows = CDR_ROWS_DOC;
	mo.cols = CDR_COLS_CODE;
	mo.codes = r->o->ncodes ? r->selected : NULL;
	mo.ncodes = r->o->ncodes ? r->nselected : 0;
	mo.cell = CDR_CELL_COUNT;
	mo.coder = r->coder;
	mo.all = 1;
	if ((rc = cdr_matrix_build(&m, r->p, r->set, &mo)) < 0)
		return rc;
	for (size_t i = 0; i < cdr_matrix_rows(m); i++) {
		long d = rpt_find_doc(r, cdr_matrix_row_label(m, i));
		if (d >= 0)
			r->docs[d].codings = (size_t)cdr_matrix_row_total(m, i);
	}
	cdr_matrix_free(m);
	return 0;
}

static int on_quote(void *ctx, const cdr_quote *q)
{
	struct report *r = ctx;
	const cdr_code *c;
	const cdr_turn *turn = q->turn >= 0 ? cdr_document_turn(q->doc, (size_t)q->turn) : NULL;
	const char *docid = cdr_document_info_get(q->doc)->id;
	struct rcode *rc;
	char *text;
	long ci, d;
	FILE *f;

	if (cdr_schemes_resolve(&c, r->set, q->coding->code) < 0) {
		cdr_error_clear();
		return 0;
	}
	if ((ci = rpt_find_code(r, c)) < 0 || !r->codes[ci].selected)
		return 0;
	rc = &r->codes[ci];
	if (rc->qf == NULL && (rc->qf = open_memstream(&rc->qbuf, &rc->qlen)) == NULL)
		return cdr_error_set(CDR_ENOMEM, "out of memory");
	if ((text = cdr_document_slice(q->doc, (cdr_span){ q->coding->start, q->coding->end })) == NULL)
		return cdr_error_set(CDR_ENOMEM, "out of memory");
	f = rc->qf;
	rc->nquotes++;
	if (r->o->max_quotes >= 0 && rc->shown >= (size_t)r->o->max_quotes) {
		free(text);
		return 0;
	}
	rc->shown++;
	fputs("<li><blockquote>", f);
	rpt_esc(f, text);
	fputs("</blockquote><p class=\"src\">", f);
	rpt_doc_link(r, f, docid, turn ? q->turn + 1 : 0);
	rpt_esc(f, docid);
	if (turn)
		fprintf(f, " t%ld", q->turn + 1);
	fputs(r->o->no_transcripts ? "" : "</a>", f);
	if (turn && *turn->speaker) {
		fputs(" · <span class=\"spk\">", f);
		rpt_esc(f, turn->speaker);
		fputs("</span>", f);
	}
	fprintf(f, " · c%zu–%zu · <span class=\"coder\">", q->coding->start, q->coding->end);
	rpt_esc(f, q->coder);
	fputs("</span></p>", f);
	if (q->coding->memo && *q->coding->memo) {
		fputs("<p class=\"memo\">memo: ", f);
		rpt_esc(f, q->coding->memo);
		fputs("</p>", f);
	}
	fputs("</li>\n", f);
	free(text);
	/* the codes on each turn, for the transcripts' chips */
	if (!r->o->no_transcripts && q->turn >= 0 && (d = rpt_find_doc(r, docid)) >= 0) {
		if (cdr_grow((void **)&r->marks, &r->mcap, r->nmarks + 1, sizeof(*r->marks)) < 0)
			return CDR_ENOMEM;
		r->marks[r->nmarks++] = (struct mark){ (size_t)d, q->turn, (size_t)ci };
	}
	return 0;
}

static int cmp_mark(const void *x, const void *y)
{
	const struct mark *a = x, *b = y;

	if (a->doc != b->doc)
		return a->doc < b->doc ? -1 : 1;
	if (a->turn != b->turn)
		return a->turn < b->turn ? -1 : 1;
	return a->code < b->code ? -1 : a->code > b->code;
}

int rpt_gather_quotes(struct report *r)
{
	int rc = 0;

	/* one pass over every coding, dealt out code by code: a pass per code
	 * would read every coder's file again for each */
	rc = cdr_quotes(r->p, r->set, NULL, 1, r->coder, NULL, on_quote, r);
	for (size_t i = 0; i < r->ncodes; i++)
		if (r->codes[i].qf) {
			if (fclose(r->codes[i].qf) != 0 && rc == 0)
				rc = cdr_error_set(CDR_ENOMEM, "out of memory");
			r->codes[i].qf = NULL;
		}
	cdr_sort(r->marks, r->nmarks, sizeof(*r->marks), cmp_mark);
	return rc;
}

/* The table of cdr_crosssection as rows of fields pointing into it (the
 * table stays alive in the xsect). Row 0: the header. */
static int table_rows(const cdr_table *t, cdr_tsv_row **rows, size_t *n)
{
	size_t nrows = cdr_table_rows(t) + 1, ncols = cdr_table_cols(t);

	if ((*rows = cdr_calloc(nrows, sizeof(cdr_tsv_row))) == NULL)
		return CDR_ENOMEM;
	for (size_t i = 0; i < nrows; i++) {
		cdr_tsv_row *row = &(*rows)[(*n)++];
		if ((row->fields = cdr_calloc(ncols + 1, sizeof(char *))) == NULL)
			return CDR_ENOMEM;
		row->cap = ncols + 1;
		for (size_t j = 0; j < ncols; j++)
			row->fields[row->n++] = (char *)cdr_table_cell(t, i, j);
	}
	return 0;
}

void rpt_xsect_free(struct xsect *x)
{
	for (size_t i = 0; i < x->nids; i++)
		cdr_tsv_row_free(&x->ids[i]);
	for (size_t i = 0; i < x->ntext; i++)
		cdr_tsv_row_free(&x->text[i]);
	free(x->ids);
	free(x->text);
	cdr_table_free(x->ids_table);
	cdr_table_free(x->text_table);
}

/* Before anything is written: a layout with an error fails the report. */
int rpt_gather_crosssections(struct report *r)
{
	const cdr_report_options *o = r->o;
	int rc = 0;

	if (o->nlayouts == 0)
		return 0;
	if ((r->xs = cdr_calloc(o->nlayouts, sizeof(*r->xs))) == NULL)
		return CDR_ENOMEM;
	for (size_t i = 0; i < o->nlayouts && rc == 0; i++) {
		struct xsect *x = &r->xs[r->nxs++];
		cdr_cs_options co = { 0 };
		x->layout = o->layouts[i];
		co.layout = o->layouts[i];
		co.coder = r->coder;
		co.cell = CDR_CS_CODES;
		co.subsep = XS_SUBSEP; /* a column's own name may hold " / " */
		if ((rc = cdr_crosssection(&x->ids_table, r->p, r->set, &co)) < 0 ||
		    (rc = table_rows(x->ids_table, &x->ids, &x->nids)) < 0 || o->layout_cell == CDR_CS_CODES)
			continue;
		co.cell = o->layout_cell;
		co.all = 1;
		if ((rc = cdr_crosssection(&x->text_table, r->p, r->set, &co)) < 0)
			break;
		rc = table_rows(x->text_table, &x->text, &x->ntext);
	}
	return rc;
}
