/* matrix.c -- code matrices, chi-square and co-occurrence (matrix.h).
 *
 * The codings are read once and sorted by document, so documents are
 * loaded one at a time and only when a cell needs their text (words,
 * shares, quotes) or structure (speakers); a count matrix over a million
 * codings never opens a document. Every lookup (document -> case, code ->
 * column, label -> row) is a binary search. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codeer/coding.h"
#include "codeer/error.h"
#include "codeer/matrix.h"
#include "util/alloc.h"
#include "util/array.h"
#include "util/strmap.h"
#include "util/buf.h"

struct cdr_matrix {
	char **rowl, **coll;
	size_t nr, nc;
	double *v;
	cdr_buf *quotes;          /* nr * nc, CDR_CELL_QUOTES only */
	double *rtot, *ctot, tot;
	unsigned char *rused, *cused;
	size_t ncodings;
	cdr_cell cell;
};

int cdr_rows_parse(cdr_matrix_options *o, const char *spec)
{
	if (strcmp(spec, "case") == 0)
		o->rows = CDR_ROWS_CASE;
	else if (strcmp(spec, "doc") == 0)
		o->rows = CDR_ROWS_DOC;
	else if (strcmp(spec, "speaker") == 0)
		o->rows = CDR_ROWS_SPEAKER;
	else if (strncmp(spec, "attr:", 5) == 0 && spec[5]) {
		o->rows = CDR_ROWS_ATTR;
		o->attr = spec + 5;
	} else
		return cdr_error_set(CDR_EUSAGE, "unknown rows '%s' (use case, doc, speaker or attr:NAME)", spec);
	return 0;
}

int cdr_cols_parse(cdr_cols *out, const char *name)
{
	if (strcmp(name, "code") == 0)
		*out = CDR_COLS_CODE;
	else if (strcmp(name, "group") == 0)
		*out = CDR_COLS_GROUP;
	else if (strcmp(name, "scheme") == 0)
		*out = CDR_COLS_SCHEME;
	else
		return cdr_error_set(CDR_EUSAGE, "unknown columns '%s' (use code, group or scheme)", name);
	return 0;
}

int cdr_cell_parse(cdr_cell *out, const char *name)
{
	static const char *const names[] = { "count", "presence", "docs", "words", "share", "quotes" };
	for (int i = 0; i < 6; i++)
		if (strcmp(name, names[i]) == 0) {
			*out = (cdr_cell)i;
			return 0;
		}
	return cdr_error_set(CDR_EUSAGE, "unknown cell '%s' (use count, presence, docs, words, share or quotes)", name);
}

void cdr_matrix_free(cdr_matrix *m)
{
	if (m == NULL)
		return;
	for (size_t i = 0; i < m->nr; i++)
		free(m->rowl[i]);
	for (size_t j = 0; j < m->nc; j++)
		free(m->coll[j]);
	if (m->quotes)
		for (size_t i = 0; i < m->nr * m->nc; i++)
			cdr_buf_free(&m->quotes[i]);
	free(m->quotes);
	free(m->rowl);
	free(m->coll);
	free(m->v);
	free(m->rtot);
	free(m->ctot);
	free(m->rused);
	free(m->cused);
	free(m);
}

size_t cdr_matrix_rows(const cdr_matrix *m) { return m->nr; }
size_t cdr_matrix_cols(const cdr_matrix *m) { return m->nc; }
const char *cdr_matrix_row_label(const cdr_matrix *m, size_t i) { return m->rowl[i]; }
const char *cdr_matrix_col_label(const cdr_matrix *m, size_t j) { return m->coll[j]; }
double cdr_matrix_value(const cdr_matrix *m, size_t i, size_t j) { return m->v[i * m->nc + j]; }
double cdr_matrix_row_total(const cdr_matrix *m, size_t i) { return m->rtot[i]; }
double cdr_matrix_col_total(const cdr_matrix *m, size_t j) { return m->ctot[j]; }
double cdr_matrix_total(const cdr_matrix *m) { return m->tot; }
size_t cdr_matrix_codings(const cdr_matrix *m) { return m->ncodings; }

const char *cdr_matrix_quotes(const cdr_matrix *m, size_t i, size_t j)
{
	return m->quotes && m->quotes[i * m->nc + j].data ? m->quotes[i * m->nc + j].data : "";
}

/* ---- string -> index maps -------------------------------------------- */

/* a hash table: one lookup per coding, a million codings a run */
struct map {
	cdr_strmap t;
};

static int map_put(struct map *m, const char *s, size_t index)
{
	return cdr_strmap_put(&m->t, s, index);
}

static long map_get(const struct map *m, const char *s)
{
	size_t i;
	return cdr_strmap_get(&m->t, s, &i) ? (long)i : -1;
}

/* ---- building ---------------------------------------------------------- */

struct labels {
	char **v;
	size_t n, cap;
};

static long labels_add(struct labels *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i], s) == 0)
			return (long)i;
	if (cdr_grow((void **)&l->v, &l->cap, l->n + 1, sizeof(char *)) < 0 || (l->v[l->n] = cdr_strdup(s)) == NULL)
		return CDR_ENOMEM;
	return (long)l->n++;
}

static void labels_free(struct labels *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

/* Columns: labels and the code -> column map. */
static int make_columns(struct labels *cols, struct map *codemap, const cdr_schemes *set, const cdr_matrix_options *o)
{
	int rc = 0;

	/* Picking codes under group or scheme columns would drop codings from
	 * a column without its label saying so; CODE+ is a group column. */
	if (o->ncodes && o->cols != CDR_COLS_CODE)
		return cdr_error_set(CDR_EUSAGE, "--codes picks columns of --cols code; for a group, name it with its subtree (CODE+)");
	if (o->cols == CDR_COLS_CODE && o->ncodes) {
		for (size_t i = 0; i < o->ncodes && rc == 0; i++) {
			char ref[512];
			size_t len = strlen(o->codes[i]);
			int subtree = len > 0 && o->codes[i][len - 1] == '+';
			const cdr_code *code;
			long col;
			snprintf(ref, sizeof(ref), "%.*s", (int)(subtree ? len - 1 : len), o->codes[i]);
			if ((rc = cdr_schemes_resolve(&code, set, ref)) < 0)
				break;
			if ((col = labels_add(cols, code->qualified)) < 0)
				return (int)col;
			rc = map_put(codemap, code->qualified, (size_t)col);
			if (subtree) {
				const cdr_scheme *s = cdr_schemes_scheme_of(set, code);
				for (size_t k = 0; k < cdr_scheme_code_count(s) && rc == 0; k++)
					if (cdr_scheme_code_is_below(s, cdr_scheme_code(s, k), code))
						rc = map_put(codemap, cdr_scheme_code(s, k)->qualified, (size_t)col);
			}
		}
		return rc;
	}
	for (size_t si = 0; si < cdr_schemes_count(set) && rc == 0; si++) {
		const cdr_scheme *s = cdr_schemes_get(set, si);
		long scheme_col = -1;
		if (o->cols == CDR_COLS_SCHEME && (scheme_col = labels_add(cols, cdr_scheme_id(s))) < 0)
			return (int)scheme_col;
		for (size_t k = 0; k < cdr_scheme_code_count(s) && rc == 0; k++) {
			const cdr_code *code = cdr_scheme_code(s, k), *top = code;
			long col;
			while (top->parent >= 0)
				top = cdr_scheme_code(s, (size_t)top->parent);
			if (o->cols == CDR_COLS_SCHEME)
				col = scheme_col;
			else if (o->cols == CDR_COLS_GROUP)
				col = labels_add(cols, top->qualified);
			else
				col = labels_add(cols, code->qualified);
			if (col < 0)
				return (int)col;
			rc = map_put(codemap, code->qualified, (size_t)col);
		}
	}
	return rc;
}

struct doc_case {
	const char *doc;
	long c;
};

static int cmp_doc_case(const void *a, const void *b)
{
	return strcmp(((const struct doc_case *)a)->doc, ((const struct doc_case *)b)->doc);
}

struct item {
	const cdr_coding *k;
	size_t col;
};

static int cmp_item(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	int r = strcmp(x->k->doc, y->k->doc);
	if (r)
		return r;
	return x->k->start < y->k->start ? -1 : x->k->start > y->k->start;
}

static int cmp_label(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	/* "(missing)" and "(no speaker)" sort last */
	if ((*x == '(') != (*y == '('))
		return *x == '(' ? 1 : -1;
	return strcmp(x, y);
}

/* The codings of the coders asked for, or of all (rejected proposals are
 * left out by the callers). */
struct coded {
	cdr_codings **sets;
	size_t nsets;
	char **names;
	size_t nnames;
};

static void coded_free(struct coded *c)
{
	for (size_t i = 0; i < c->nsets; i++)
		cdr_codings_free(c->sets[i]);
	free(c->sets);
	cdr_coders_free(c->names, c->nnames);
}

/* `coders` (ncoders > 0), else the one `coder`, else every coder. */
static int coded_load(struct coded *c, const cdr_project *p, const char *const *coders, size_t ncoders,
		      const char *coder)
{
	int rc;

	memset(c, 0, sizeof(*c));
	if (ncoders == 0 && coder) {
		coders = &coder;
		ncoders = 1;
	}
	if ((rc = cdr_coders_list(&c->names, &c->nnames, p)) < 0)
		return rc;
	for (size_t k = 0; k < ncoders; k++) {
		int found = 0;
		for (size_t i = 0; i < c->nnames; i++)
			found |= strcmp(c->names[i], coders[k]) == 0;
		if (!found)
			return cdr_error_set(CDR_ENOTFOUND, "no coder '%s' in the project (see 'codeer code list')",
					     coders[k]);
	}
	if ((c->sets = cdr_calloc(c->nnames ? c->nnames : 1, sizeof(cdr_codings *))) == NULL)
		return CDR_ENOMEM;
	for (size_t i = 0; i < c->nnames; i++) {
		int wanted = ncoders == 0;
		for (size_t k = 0; k < ncoders; k++)
			wanted |= strcmp(coders[k], c->names[i]) == 0;
		if (!wanted)
			continue;
		if ((rc = cdr_codings_load(&c->sets[c->nsets], p, c->names[i], NULL, NULL)) < 0)
			return rc;
		c->nsets++;
	}
	return 0;
}

/* ---- words and shares: each word once ------------------------------ */

/* A coded span of the current document on its way into a words or share
 * cell. Codings of one code often overlap (a turn and a sentence in it,
 * two coders' versions of one passage): their words are counted once,
 * from the union of the spans, per cell and per total. */
struct wspan {
	size_t row, col, start, end;
};

static int cmp_ws_start(const void *a, const void *b)
{
	const struct wspan *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

static int cmp_ws_row(const void *a, const void *b)
{
	const struct wspan *x = a, *y = b;
	return x->row != y->row ? (x->row < y->row ? -1 : 1) : cmp_ws_start(a, b);
}

static int cmp_ws_col(const void *a, const void *b)
{
	const struct wspan *x = a, *y = b;
	return x->col != y->col ? (x->col < y->col ? -1 : 1) : cmp_ws_start(a, b);
}

static int cmp_ws_cell(const void *a, const void *b)
{
	const struct wspan *x = a, *y = b;
	return x->row != y->row ? (x->row < y->row ? -1 : 1) : cmp_ws_col(a, b);
}

/* The words of the union of v[0..n), sorted by start. Spans that overlap
 * or touch are joined first, so a word is neither counted twice nor cut
 * in two at a boundary. */
static int union_words(const cdr_document *doc, const struct wspan *v, size_t n, double *words)
{
	*words = 0;
	for (size_t i = 0; i < n;) {
		size_t start = v[i].start, end = v[i].end;
		char *text;
		for (i++; i < n && v[i].start <= end; i++)
			if (v[i].end > end)
				end = v[i].end;
		if ((text = cdr_document_slice(doc, (cdr_span){ start, end })) == NULL)
			return CDR_ENOMEM;
		*words += (double)cdr_text_words(text, strlen(text));
		free(text);
	}
	return 0;
}

/* Add one document's spans to the cells, the row and column totals and
 * the grand total, each group of spans as one union: sorted by cell, then
 * by row, by column and by start alone. */
static int flush_words(cdr_matrix *m, const cdr_document *doc, struct wspan *v, size_t n)
{
	static int (*const order[])(const void *, const void *) = { cmp_ws_cell, cmp_ws_row, cmp_ws_col,
								     cmp_ws_start };
	int rc = 0;

	for (int pass = 0; pass < 4 && rc == 0; pass++) {
		cdr_sort(v, n, sizeof(*v), order[pass]);
		for (size_t i = 0, j; i < n && rc == 0; i = j) {
			double w;
			for (j = i + 1; j < n; j++)
				if ((pass == 0 && (v[j].row != v[i].row || v[j].col != v[i].col)) ||
				    (pass == 1 && v[j].row != v[i].row) || (pass == 2 && v[j].col != v[i].col))
					break;
			if ((rc = union_words(doc, v + i, j - i, &w)) < 0)
				break;
			if (pass == 0)
				m->v[v[i].row * m->nc + v[i].col] += w;
			else if (pass == 1)
				m->rtot[v[i].row] += w;
			else if (pass == 2)
				m->ctot[v[i].col] += w;
			else
				m->tot += w;
		}
	}
	return rc;
}

int cdr_matrix_build(cdr_matrix **out, cdr_project *p, const cdr_schemes *set, const cdr_matrix_options *o)
{
	cdr_matrix *m = NULL;
	struct labels cols = { 0 }, rows = { 0 };
	struct map codemap = { 0 }, rowmap = { 0 };
	struct coded coded;
	struct doc_case *dc = NULL;
	struct item *items = NULL;
	struct doc_case *prev_hit = NULL;
	const char *prev_doc = NULL;
	size_t nitems = 0, icap = 0, ndc = 0;
	cdr_cases *cases = cdr_project_cases(p);
	long attr_index = -1;
	long *last_cell = NULL, *last_row = NULL, *last_col = NULL, last_any = -1;
	double *row_words = NULL, total_words = 0;
	struct wspan *ws = NULL;
	size_t nws = 0, wcap = 0;
	cdr_document *doc = NULL;
	int words = o->cell == CDR_CELL_WORDS || o->cell == CDR_CELL_SHARE;
	int rc = 0, need_doc = o->cell == CDR_CELL_WORDS || o->cell == CDR_CELL_SHARE ||
			      o->cell == CDR_CELL_QUOTES || o->rows == CDR_ROWS_SPEAKER;

	*out = NULL;
	memset(&coded, 0, sizeof(coded));
	if (o->rows == CDR_ROWS_ATTR) {
		for (size_t a = 0; a < cdr_cases_attr_count(cases); a++)
			if (strcmp(cdr_cases_attr_name(cases, a), o->attr) == 0)
				attr_index = (long)a;
		if (attr_index < 0)
			return cdr_error_set(CDR_ENOTFOUND, "no case attribute '%s' (see 'codeer cases')", o->attr);
	}
	if ((rc = make_columns(&cols, &codemap, set, o)) < 0)
		goto done;
	if ((rc = coded_load(&coded, p, o->coders, o->ncoders, o->coder)) < 0)
		goto done;
	/* document -> case */
	if ((dc = cdr_calloc(cdr_project_doc_count(p) + 1, sizeof(*dc))) == NULL) {
		rc = CDR_ENOMEM;
		goto done;
	}
	for (size_t d = 0; d < cdr_project_doc_count(p); d++) {
		dc[ndc].doc = cdr_project_doc_id(p, d);
		dc[ndc++].c = -1;
	}
	cdr_sort(dc, ndc, sizeof(*dc), cmp_doc_case);
	/* one pass over the cases' documents instead of cdr_cases_of_doc per
	 * document (quadratic: 0.2 s for 10,000 documents); the first case
	 * that lists a document wins, as in cdr_cases_of_doc */
	for (size_t c = 0; c < cdr_cases_count(cases); c++)
		for (size_t d = 0; d < cdr_cases_doc_count(cases, c); d++) {
			struct doc_case key = { cdr_cases_doc(cases, c, d), 0 },
					*hit = cdr_search(&key, dc, ndc, sizeof(*dc), cmp_doc_case);
			if (hit && hit->c < 0)
				hit->c = (long)c;
		}
	/* the codings that fall in a column */
	for (size_t s = 0; s < coded.nsets; s++)
		for (size_t i = 0; i < cdr_codings_count(coded.sets[s]); i++) {
			const cdr_coding *k = cdr_codings_get(coded.sets[s], i);
			long col;
			if (strcmp(k->status, "rejected") == 0 || (col = map_get(&codemap, k->code)) < 0)
				continue;
			if (cdr_grow((void **)&items, &icap, nitems + 1, sizeof(*items)) < 0) {
				rc = CDR_ENOMEM;
				goto done;
			}
			items[nitems].k = k;
			items[nitems++].col = (size_t)col;
		}
	/* by document: one document loaded at a time, and a document counted
	 * once per cell for docs; counts and presence do not need the order */
	if (need_doc || o->cell == CDR_CELL_DOCS)
		cdr_sort(items, nitems, sizeof(*items), cmp_item);
	/* the row universe, in order */
	switch (o->rows) {
	case CDR_ROWS_CASE:
		for (size_t c = 0; c < cdr_cases_count(cases) && rc == 0; c++)
			if (labels_add(&rows, cdr_cases_id(cases, c)) < 0)
				rc = CDR_ENOMEM;
		break;
	case CDR_ROWS_DOC:
		for (size_t d = 0; d < cdr_project_doc_count(p) && rc == 0; d++)
			if (labels_add(&rows, cdr_project_doc_id(p, d)) < 0)
				rc = CDR_ENOMEM;
		break;
	case CDR_ROWS_ATTR:
		for (size_t c = 0; c < cdr_cases_count(cases) && rc == 0; c++) {
			const char *v = cdr_cases_attr(cases, c, (size_t)attr_index);
			if (labels_add(&rows, *v ? v : "(missing)") < 0)
				rc = CDR_ENOMEM;
		}
		if (rc == 0)
			cdr_sort(rows.v, rows.n, sizeof(char *), cmp_label);
		break;
	case CDR_ROWS_SPEAKER:
		for (size_t d = 0; d < cdr_project_doc_count(p) && rc == 0; d++) {
			cdr_document *sd;
			if ((rc = cdr_project_doc_load(&sd, p, cdr_project_doc_id(p, d), 0)) < 0)
				break;
			for (size_t t = 0; t < cdr_document_turn_count(sd) && rc == 0; t++) {
				const char *sp = cdr_document_turn(sd, t)->speaker;
				if (labels_add(&rows, *sp ? sp : "(no speaker)") < 0)
					rc = CDR_ENOMEM;
			}
			cdr_document_free(sd);
		}
		if (rc == 0)
			cdr_sort(rows.v, rows.n, sizeof(char *), cmp_label);
		break;
	}
	if (rc < 0)
		goto done;
	if (rows.n == 0 && labels_add(&rows, "(missing)") < 0) {
		rc = CDR_ENOMEM;
		goto done;
	}
	for (size_t i = 0; i < rows.n && rc == 0; i++)
		rc = map_put(&rowmap, rows.v[i], i);
	if (rc < 0)
		goto done;
	/* the cells */
	if ((m = cdr_calloc(1, sizeof(*m))) == NULL) {
		rc = CDR_ENOMEM;
		goto done;
	}
	m->cell = o->cell;
	m->nr = rows.n;
	m->nc = cols.n;
	if ((m->v = cdr_calloc(m->nr * m->nc + 1, sizeof(double))) == NULL ||
	    (m->rtot = cdr_calloc(m->nr + 1, sizeof(double))) == NULL ||
	    (m->ctot = cdr_calloc(m->nc + 1, sizeof(double))) == NULL ||
	    (m->rused = cdr_calloc(m->nr + 1, 1)) == NULL || (m->cused = cdr_calloc(m->nc + 1, 1)) == NULL ||
	    (last_cell = cdr_malloc((m->nr * m->nc + 1) * sizeof(long))) == NULL ||
	    (last_row = cdr_malloc((m->nr + 1) * sizeof(long))) == NULL ||
	    (last_col = cdr_malloc((m->nc + 1) * sizeof(long))) == NULL ||
	    (row_words = cdr_calloc(m->nr + 1, sizeof(double))) == NULL ||
	    (o->cell == CDR_CELL_QUOTES && (m->quotes = cdr_calloc(m->nr * m->nc + 1, sizeof(cdr_buf))) == NULL)) {
		rc = CDR_ENOMEM;
		goto done;
	}
	for (size_t i = 0; i < m->nr * m->nc; i++)
		last_cell[i] = -1;
	for (size_t i = 0; i < m->nr; i++)
		last_row[i] = -1;
	for (size_t j = 0; j < m->nc; j++)
		last_col[j] = -1;
	/* the words of each row, for shares */
	if (o->cell == CDR_CELL_SHARE) {
		for (size_t d = 0; d < ndc && rc == 0; d++) {
			cdr_document *sd;
			long r = -1;
			if ((rc = cdr_project_doc_load(&sd, p, dc[d].doc, 0)) < 0)
				break;
			total_words += (double)cdr_document_words(sd);
			if (o->rows == CDR_ROWS_SPEAKER) {
				for (size_t t = 0; t < cdr_document_turn_count(sd); t++) {
					const char *sp = cdr_document_turn(sd, t)->speaker;
					if ((r = map_get(&rowmap, *sp ? sp : "(no speaker)")) >= 0)
						row_words[r] += (double)cdr_document_turn(sd, t)->words;
				}
			} else {
				const char *label = dc[d].doc;
				if (o->rows == CDR_ROWS_CASE)
					label = dc[d].c >= 0 ? cdr_cases_id(cases, (size_t)dc[d].c) : dc[d].doc;
				else if (o->rows == CDR_ROWS_ATTR) {
					const char *v = dc[d].c >= 0 ? cdr_cases_attr(cases, (size_t)dc[d].c, (size_t)attr_index) : "";
					label = *v ? v : "(missing)";
				}
				if ((r = map_get(&rowmap, label)) >= 0)
					row_words[r] += (double)cdr_document_words(sd);
			}
			cdr_document_free(sd);
		}
		if (rc < 0)
			goto done;
	}
	for (size_t i = 0; i < nitems && rc == 0; i++) {
		const cdr_coding *k = items[i].k;
		size_t col = items[i].col;
		struct doc_case key = { k->doc, 0 }, *hit;
		long docno, row;
		const char *label;
		double amount = 1;
		char *text = NULL;

		/* the codings of a document mostly follow each other */
		if (prev_doc == NULL || strcmp(prev_doc, k->doc) != 0) {
			prev_hit = cdr_search(&key, dc, ndc, sizeof(*dc), cmp_doc_case);
			prev_doc = k->doc;
		}
		hit = prev_hit;
		if (hit == NULL)
			continue; /* a coding of a document no longer in the project */
		docno = (long)(hit - dc);
		if (need_doc && (doc == NULL || strcmp(cdr_document_info_get(doc)->id, k->doc) != 0)) {
			if (words && doc && (rc = flush_words(m, doc, ws, nws)) < 0)
				break;
			nws = 0;
			cdr_document_free(doc);
			doc = NULL;
			if ((rc = cdr_project_doc_load(&doc, p, k->doc, o->cell != CDR_CELL_COUNT &&
							o->cell != CDR_CELL_PRESENCE && o->cell != CDR_CELL_DOCS)) < 0)
				break;
		}
		switch (o->rows) {
		case CDR_ROWS_CASE:
			label = hit->c >= 0 ? cdr_cases_id(cases, (size_t)hit->c) : k->doc;
			break;
		case CDR_ROWS_DOC:
			label = k->doc;
			break;
		case CDR_ROWS_ATTR:
			label = hit->c >= 0 ? cdr_cases_attr(cases, (size_t)hit->c, (size_t)attr_index) : "";
			if (*label == '\0')
				label = "(missing)";
			break;
		default: {
			long t = cdr_document_turn_at(doc, k->start);
			label = t >= 0 ? cdr_document_turn(doc, (size_t)t)->speaker : "";
			if (*label == '\0')
				label = "(no speaker)";
		}
		}
		if ((row = map_get(&rowmap, label)) < 0)
			continue;
		if (words || o->cell == CDR_CELL_QUOTES) {
			if (k->end > cdr_document_length(doc))
				continue;
		}
		if (words) {
			/* counted when the document is done: see flush_words */
			if (cdr_grow((void **)&ws, &wcap, nws + 1, sizeof(*ws)) < 0) {
				rc = CDR_ENOMEM;
				break;
			}
			ws[nws++] = (struct wspan){ (size_t)row, col, k->start, k->end };
			amount = 0;
		} else if (o->cell == CDR_CELL_QUOTES &&
			   (text = cdr_document_slice(doc, (cdr_span){ k->start, k->end })) == NULL) {
			rc = CDR_ENOMEM;
			break;
		}
		m->ncodings++;
		m->rused[row] = m->cused[col] = 1;
		{
			size_t cell = (size_t)row * m->nc + col;
			switch (o->cell) {
			case CDR_CELL_DOCS:
				if (last_cell[cell] != docno) {
					m->v[cell] += 1;
					last_cell[cell] = docno;
				}
				if (last_row[row] != docno) {
					m->rtot[row] += 1;
					last_row[row] = docno;
				}
				if (last_col[col] != docno) {
					m->ctot[col] += 1;
					last_col[col] = docno;
				}
				if (last_any != docno) {
					m->tot += 1;
					last_any = docno;
				}
				break;
			case CDR_CELL_QUOTES:
				if (m->quotes[cell].len)
					rc = cdr_buf_puts(&m->quotes[cell], " | ");
				if (rc == 0)
					rc = cdr_buf_puts(&m->quotes[cell], text);
				/* fall through to count the codings */
				m->v[cell] += 1;
				break;
			default:
				m->v[cell] += amount;
				break;
			}
		}
		free(text);
	}
	if (rc == 0 && words && doc)
		rc = flush_words(m, doc, ws, nws);
	if (rc < 0)
		goto done;
	/* presence, shares and the additive totals (docs, words and shares
	 * have theirs already) */
	if (o->cell != CDR_CELL_DOCS && !words) {
		for (size_t i = 0; i < m->nr; i++)
			for (size_t j = 0; j < m->nc; j++) {
				double *x = &m->v[i * m->nc + j];
				if (o->cell == CDR_CELL_PRESENCE)
					*x = *x > 0;
				m->rtot[i] += *x;
				m->ctot[j] += *x;
				m->tot += *x;
			}
	}
	if (o->cell == CDR_CELL_SHARE) {
		double col_base = total_words > 0 ? total_words : 1;
		for (size_t i = 0; i < m->nr; i++) {
			double base = row_words[i] > 0 ? row_words[i] : 1;
			for (size_t j = 0; j < m->nc; j++)
				m->v[i * m->nc + j] = 100.0 * m->v[i * m->nc + j] / base;
			m->rtot[i] = 100.0 * m->rtot[i] / base;
		}
		for (size_t j = 0; j < m->nc; j++)
			m->ctot[j] = 100.0 * m->ctot[j] / col_base;
		m->tot = 100.0 * m->tot / col_base;
	}
	/* the labels, and rows and columns without codings dropped unless --all */
	{
		size_t w = 0, keep_cols = 0;
		size_t *colmap = cdr_malloc((m->nc + 1) * sizeof(size_t));
		if (colmap == NULL) {
			rc = CDR_ENOMEM;
			goto done;
		}
		for (size_t j = 0; j < m->nc; j++)
			if (o->all || m->cused[j] || (o->ncodes && o->cols == CDR_COLS_CODE))
				colmap[keep_cols++] = j;
		if ((m->rowl = cdr_calloc(m->nr + 1, sizeof(char *))) == NULL ||
		    (m->coll = cdr_calloc(keep_cols + 1, sizeof(char *))) == NULL) {
			free(colmap);
			rc = CDR_ENOMEM;
			goto done;
		}
		for (size_t j = 0; j < keep_cols; j++) {
			m->coll[j] = cols.v[colmap[j]];
			cols.v[colmap[j]] = NULL;
			m->ctot[j] = m->ctot[colmap[j]];
		}
		for (size_t i = 0; i < m->nr; i++) {
			if (!(o->all || m->rused[i]))
				continue;
			m->rowl[w] = rows.v[i];
			rows.v[i] = NULL;
			m->rtot[w] = m->rtot[i];
			for (size_t j = 0; j < keep_cols; j++) {
				m->v[w * keep_cols + j] = m->v[i * m->nc + colmap[j]];
				if (m->quotes) {
					cdr_buf q = m->quotes[i * m->nc + colmap[j]];
					m->quotes[i * m->nc + colmap[j]] = (cdr_buf)CDR_BUF_INIT;
					m->quotes[w * keep_cols + j] = q;
				}
			}
			w++;
		}
		if (m->quotes)
			for (size_t x = w * keep_cols; x < m->nr * m->nc; x++)
				cdr_buf_free(&m->quotes[x]);
		m->nr = w;
		m->nc = keep_cols;
		free(colmap);
	}
done:
	cdr_document_free(doc);
	labels_free(&cols);
	labels_free(&rows);
	cdr_strmap_clear(&codemap.t);
	cdr_strmap_clear(&rowmap.t);
	free(items);
	free(dc);
	free(last_cell);
	free(last_row);
	free(last_col);
	free(row_words);
	free(ws);
	coded_free(&coded);
	if (rc < 0) {
		cdr_matrix_free(m);
		return rc;
	}
	*out = m;
	return 0;
}

/* ---- chi-square ------------------------------------------------------ */

/* Regularised upper incomplete gamma Q(a, x), by the series for
 * x < a + 1 and the continued fraction otherwise (Press et al.,
 * Numerical Recipes, 2nd ed., 6.2): enough for p-values. */
static double gamma_q(double a, double x)
{
	double gln = lgamma(a);

	if (x <= 0)
		return 1.0;
	if (x < a + 1) {
		double ap = a, sum = 1.0 / a, del = sum;
		for (int n = 0; n < 1000; n++) {
			ap += 1;
			del *= x / ap;
			sum += del;
			if (fabs(del) < fabs(sum) * 1e-15)
				break;
		}
		return 1.0 - sum * exp(-x + a * log(x) - gln);
	} else {
		double b = x + 1 - a, c = 1.0 / 1e-300, d = 1.0 / b, h = d;
		for (int i = 1; i < 1000; i++) {
			double an = -i * (i - a), del;
			b += 2;
			d = an * d + b;
			if (fabs(d) < 1e-300)
				d = 1e-300;
			c = b + an / c;
			if (fabs(c) < 1e-300)
				c = 1e-300;
			d = 1.0 / d;
			del = d * c;
			h *= del;
			if (fabs(del - 1) < 1e-15)
				break;
		}
		return exp(-x + a * log(x) - gln) * h;
	}
}

int cdr_matrix_chi2(const cdr_matrix *m, double *chi2, double *df, double *p, double *v)
{
	double n = 0, sum = 0;
	size_t r = 0, c = 0;
	double *rs = cdr_calloc(m->nr + 1, sizeof(double)), *cs = cdr_calloc(m->nc + 1, sizeof(double));

	if (rs == NULL || cs == NULL) {
		free(rs);
		free(cs);
		return CDR_ENOMEM;
	}
	for (size_t i = 0; i < m->nr; i++)
		for (size_t j = 0; j < m->nc; j++) {
			rs[i] += m->v[i * m->nc + j];
			cs[j] += m->v[i * m->nc + j];
			n += m->v[i * m->nc + j];
		}
	for (size_t i = 0; i < m->nr; i++)
		r += rs[i] > 0;
	for (size_t j = 0; j < m->nc; j++)
		c += cs[j] > 0;
	if (n <= 0 || r < 2 || c < 2) {
		free(rs);
		free(cs);
		return cdr_error_set(CDR_EUSAGE, "chi-square needs two or more rows and columns with counts");
	}
	for (size_t i = 0; i < m->nr; i++)
		for (size_t j = 0; j < m->nc; j++) {
			double e = rs[i] * cs[j] / n, o = m->v[i * m->nc + j];
			if (e > 0)
				sum += (o - e) * (o - e) / e;
		}
	*chi2 = sum;
	*df = (double)((r - 1) * (c - 1));
	*p = gamma_q(*df / 2.0, sum / 2.0);
	*v = sqrt(sum / (n * (double)((r < c ? r : c) - 1)));
	free(rs);
	free(cs);
	return 0;
}

/* ---- co-occurrence ---------------------------------------------------- */

int cdr_within_parse(cdr_within *out, const char *name)
{
	static const char *const names[] = { "segment", "sentence", "turn", "document" };
	for (int i = 0; i < 4; i++)
		if (strcmp(name, names[i]) == 0) {
			*out = (cdr_within)i;
			return 0;
		}
	return cdr_error_set(CDR_EUSAGE, "unknown unit '%s' (use segment, sentence, turn or document)", name);
}

/* A coding on its way into the co-occurrence table: `code` is its column,
 * or NO_COLUMN for a code the table leaves out (it still joins passages
 * under --within segment, so the units do not depend on --codes). */
struct occ {
	size_t doc, start, end;
	size_t code;
};

#define NO_COLUMN ((size_t)-1)

static int cmp_occ(const void *a, const void *b)
{
	const struct occ *x = a, *y = b;
	if (x->doc != y->doc)
		return x->doc < y->doc ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->code < y->code ? -1 : x->code > y->code;
}

/* The codes touching one unit, each once. */
struct unit {
	unsigned char *seen; /* n */
	size_t *hit;         /* the codes seen, in the order met */
	size_t nhit;
};

static void unit_touch(struct unit *u, size_t code)
{
	if (code != NO_COLUMN && !u->seen[code]) {
		u->seen[code] = 1;
		u->hit[u->nhit++] = code;
	}
}

/* Count the unit once for each code and once for each pair, and clear it. */
static void unit_count(struct unit *u, double *v, size_t n)
{
	for (size_t a = 0; a < u->nhit; a++)
		for (size_t b = 0; b < u->nhit; b++)
			v[u->hit[a] * n + u->hit[b]] += 1;
	for (size_t a = 0; a < u->nhit; a++)
		u->seen[u->hit[a]] = 0;
	u->nhit = 0;
}

int cdr_cooccur(cdr_matrix **out, cdr_project *p, const cdr_schemes *set, const char *coder,
		const char *const *codes, size_t ncodes, cdr_within within, int jaccard)
{
	return cdr_cooccur_coders(out, p, set, coder ? &coder : NULL, coder ? 1 : 0, codes, ncodes, within, jaccard);
}

int cdr_cooccur_coders(cdr_matrix **out, cdr_project *p, const cdr_schemes *set, const char *const *coders,
		       size_t ncoders, const char *const *codes, size_t ncodes, cdr_within within, int jaccard)
{
	cdr_matrix_options o = { 0 };
	struct labels cols = { 0 };
	struct map codemap = { 0 }, docmap = { 0 };
	struct coded coded;
	struct occ *occ = NULL;
	struct unit u = { 0 };
	size_t nocc = 0, ocap = 0, ncounted = 0, n;
	cdr_matrix *m = NULL;
	int rc;

	*out = NULL;
	memset(&coded, 0, sizeof(coded));
	o.cols = CDR_COLS_CODE;
	o.codes = codes;
	o.ncodes = ncodes;
	if ((rc = make_columns(&cols, &codemap, set, &o)) < 0 ||
	    (rc = coded_load(&coded, p, coders, coders ? ncoders : 0, NULL)) < 0)
		goto done;
	for (size_t d = 0; d < cdr_project_doc_count(p) && rc == 0; d++)
		rc = map_put(&docmap, cdr_project_doc_id(p, d), d);
	for (size_t s = 0; s < coded.nsets && rc == 0; s++)
		for (size_t i = 0; i < cdr_codings_count(coded.sets[s]); i++) {
			const cdr_coding *k = cdr_codings_get(coded.sets[s], i);
			long col, d;
			if (strcmp(k->status, "rejected") == 0 || (d = map_get(&docmap, k->doc)) < 0 || k->end <= k->start)
				continue;
			col = map_get(&codemap, k->code);
			if (col < 0 && within != CDR_WITHIN_SEGMENT)
				continue;
			if (cdr_grow((void **)&occ, &ocap, nocc + 1, sizeof(*occ)) < 0) {
				rc = CDR_ENOMEM;
				break;
			}
			occ[nocc++] = (struct occ){ (size_t)d, k->start, k->end, col < 0 ? NO_COLUMN : (size_t)col };
			ncounted += col >= 0;
		}
	if (rc < 0)
		goto done;
	cdr_sort(occ, nocc, sizeof(*occ), cmp_occ);
	n = cols.n;
	if ((m = cdr_calloc(1, sizeof(*m))) == NULL || (m->v = cdr_calloc(n * n + 1, sizeof(double))) == NULL ||
	    (m->rtot = cdr_calloc(n + 1, sizeof(double))) == NULL || (m->ctot = cdr_calloc(n + 1, sizeof(double))) == NULL ||
	    (m->rowl = cdr_calloc(n + 1, sizeof(char *))) == NULL || (m->coll = cdr_calloc(n + 1, sizeof(char *))) == NULL ||
	    (u.seen = cdr_calloc(n + 1, 1)) == NULL || (u.hit = cdr_calloc(n + 1, sizeof(size_t))) == NULL) {
		rc = CDR_ENOMEM;
		goto done;
	}
	m->nr = m->nc = n;
	m->cell = CDR_CELL_COUNT;
	for (size_t j = 0; j < n; j++) {
		if ((m->rowl[j] = cdr_strdup(cols.v[j])) == NULL || (m->coll[j] = cdr_strdup(cols.v[j])) == NULL) {
			rc = CDR_ENOMEM;
			goto done;
		}
	}
	/* document by document; a unit counts once for a code and once for a
	 * pair, however many codings touch it */
	for (size_t i = 0; i < nocc && rc == 0;) {
		size_t j = i, d = occ[i].doc;
		cdr_document *doc = NULL;
		while (j < nocc && occ[j].doc == d)
			j++;
		if (within == CDR_WITHIN_SEGMENT) {
			/* a passage: codings joined while the next starts before the
			 * passage ends (sharing a character; touching is not enough) */
			for (size_t a = i; a < j;) {
				size_t end = occ[a].end;
				for (; a < j && occ[a].start < end; a++) {
					unit_touch(&u, occ[a].code);
					if (occ[a].end > end)
						end = occ[a].end;
				}
				unit_count(&u, m->v, n);
			}
		} else {
			size_t nunits = 1;
			if (within != CDR_WITHIN_DOCUMENT) {
				if ((rc = cdr_project_doc_load(&doc, p, cdr_project_doc_id(p, d), 0)) < 0)
					break;
				nunits = within == CDR_WITHIN_TURN ? cdr_document_turn_count(doc) : cdr_document_sentence_count(doc);
			}
			for (size_t k = 0; k < nunits; k++) {
				size_t us = 0, ue = (size_t)-1;
				if (doc) {
					const cdr_span *s = within == CDR_WITHIN_TURN ? &cdr_document_turn(doc, k)->span
										     : cdr_document_sentence(doc, k);
					us = s->start;
					ue = s->end;
				}
				/* sorted by start: nothing from here on reaches the unit */
				for (size_t a = i; a < j && occ[a].start < ue; a++)
					if (occ[a].end > us)
						unit_touch(&u, occ[a].code);
				unit_count(&u, m->v, n);
			}
			cdr_document_free(doc);
		}
		i = j;
	}
	if (rc < 0)
		goto done;
	for (size_t x = 0; x < n; x++)
		m->rtot[x] = m->ctot[x] = m->v[x * n + x];
	if (jaccard) {
		double *diag = cdr_calloc(n + 1, sizeof(double));
		if (diag == NULL) {
			rc = CDR_ENOMEM;
			goto done;
		}
		for (size_t x = 0; x < n; x++)
			diag[x] = m->v[x * n + x];
		/* n12 <= min(n1, n2) since every unit with both has each: the
		 * coefficient lies in [0, 1]; with neither code anywhere it is
		 * undefined (NAN), not 0 */
		for (size_t x = 0; x < n; x++)
			for (size_t y = 0; y < n; y++) {
				double both = m->v[x * n + y], any = diag[x] + diag[y] - both;
				m->v[x * n + y] = any > 0 ? both / any : NAN;
			}
		free(diag);
	}
	m->ncodings = ncounted;
done:
	labels_free(&cols);
	cdr_strmap_clear(&codemap.t);
	cdr_strmap_clear(&docmap.t);
	free(occ);
	free(u.seen);
	free(u.hit);
	coded_free(&coded);
	if (rc < 0) {
		cdr_matrix_free(m);
		return rc;
	}
	*out = m;
	return 0;
}
