/* matrix.c -- code matrices (matrix.h): the builder, its phases, the
 * words of coded spans counted once, and chi-square.
 *
 * The codings are read once. Only cells that need the text (words,
 * shares, quotes) or the turns (speaker rows), or that count a document
 * once (docs), sort them by document, and documents are loaded one at a
 * time and only then: a count matrix over a million codings never opens
 * a document. The codings come from each coder's compact index
 * (coding/compact.h), so a coding is a few integers: its code's column
 * and its document's project index are looked up once per distinct code
 * and document, and a document's row once per document (per coding only
 * in a document that holds stretches of cases). */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codeer/coding.h"
#include "codeer/error.h"
#include "codeer/matrix.h"
#include "coding/compact.h"
#include "util/alloc.h"
#include "util/array.h"
#include "util/buf.h"
#include "util/strmap.h"

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
	for (size_t i = 0; m->rowl && i < m->nr; i++)
		free(m->rowl[i]);
	for (size_t j = 0; m->coll && j < m->nc; j++)
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

int cdr_matrix_from(cdr_matrix **out, const char *const *rows, size_t nr, const char *const *cols, size_t nc,
		    const double *cells, const double *row_totals, const double *col_totals, double total,
		    size_t codings)
{
	cdr_matrix *m;

	*out = NULL;
	if ((m = cdr_calloc(1, sizeof(*m))) == NULL)
		return CDR_ENOMEM;
	m->cell = CDR_CELL_COUNT;
	if ((m->rowl = cdr_calloc(nr + 1, sizeof(char *))) == NULL ||
	    (m->coll = cdr_calloc(nc + 1, sizeof(char *))) == NULL ||
	    (m->v = cdr_calloc(nr * nc + 1, sizeof(double))) == NULL ||
	    (m->rtot = cdr_calloc(nr + 1, sizeof(double))) == NULL ||
	    (m->ctot = cdr_calloc(nc + 1, sizeof(double))) == NULL) {
		cdr_matrix_free(m);
		return CDR_ENOMEM;
	}
	m->nr = nr;
	m->nc = nc;
	for (size_t i = 0; i < nr; i++)
		if ((m->rowl[i] = cdr_strdup(rows[i])) == NULL) {
			cdr_matrix_free(m);
			return CDR_ENOMEM;
		}
	for (size_t j = 0; j < nc; j++)
		if ((m->coll[j] = cdr_strdup(cols[j])) == NULL) {
			cdr_matrix_free(m);
			return CDR_ENOMEM;
		}
	if (nr && nc)
		memcpy(m->v, cells, nr * nc * sizeof(double));
	if (nr)
		memcpy(m->rtot, row_totals, nr * sizeof(double));
	if (nc)
		memcpy(m->ctot, col_totals, nc * sizeof(double));
	m->tot = total;
	m->ncodings = codings;
	*out = m;
	return 0;
}

/* ---- labels ------------------------------------------------------------ */

struct labels {
	char **v;
	size_t n, cap;
};

/* The index of `s`, added when new. A linear search: columns are codes
 * and rows are cases, documents or speakers, added once each. */
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

static long map_get(const cdr_strmap *m, const char *s)
{
	size_t i;
	return cdr_strmap_get(m, s, &i) ? (long)i : -1;
}

/* ---- columns ------------------------------------------------------------ */

struct cdr_columns {
	struct labels labels;
	cdr_strmap codes; /* qualified code (the schemes' string) -> column */
};

void cdr_columns_free(cdr_columns *c)
{
	if (c == NULL)
		return;
	labels_free(&c->labels);
	cdr_strmap_clear(&c->codes);
	free(c);
}

size_t cdr_columns_count(const cdr_columns *c) { return c->labels.n; }
const char *cdr_columns_label(const cdr_columns *c, size_t j) { return c->labels.v[j]; }
long cdr_columns_of(const cdr_columns *c, const char *code) { return map_get(&c->codes, code); }

/* The codes picked, in order, each its own column; CODE+ takes its
 * subtree into that column. A code named twice counts where named last. */
static int columns_pick(cdr_columns *c, const cdr_schemes *set, const char *const *codes, size_t ncodes)
{
	int rc = 0;

	for (size_t i = 0; i < ncodes && rc == 0; i++) {
		char ref[512];
		size_t len = strlen(codes[i]);
		int subtree = len > 0 && codes[i][len - 1] == '+';
		const cdr_code *code;
		long col;
		snprintf(ref, sizeof(ref), "%.*s", (int)(subtree ? len - 1 : len), codes[i]);
		if ((rc = cdr_schemes_resolve(&code, set, ref)) < 0)
			break;
		if ((col = labels_add(&c->labels, code->qualified)) < 0)
			return (int)col;
		rc = cdr_strmap_put(&c->codes, code->qualified, (size_t)col);
		if (subtree) {
			const cdr_scheme *s = cdr_schemes_scheme_of(set, code);
			for (size_t k = 0; k < cdr_scheme_code_count(s) && rc == 0; k++)
				if (cdr_scheme_code_is_below(s, cdr_scheme_code(s, k), code))
					rc = cdr_strmap_put(&c->codes, cdr_scheme_code(s, k)->qualified, (size_t)col);
		}
	}
	return rc;
}

/* Every code of the schemes, in scheme order, in a column of its own, of
 * its top-level code or of its scheme. */
static int columns_all(cdr_columns *c, const cdr_schemes *set, cdr_cols kind)
{
	int rc = 0;

	for (size_t si = 0; si < cdr_schemes_count(set) && rc == 0; si++) {
		const cdr_scheme *s = cdr_schemes_get(set, si);
		long scheme_col = -1;
		if (kind == CDR_COLS_SCHEME && (scheme_col = labels_add(&c->labels, cdr_scheme_id(s))) < 0)
			return (int)scheme_col;
		for (size_t k = 0; k < cdr_scheme_code_count(s) && rc == 0; k++) {
			const cdr_code *code = cdr_scheme_code(s, k), *top = code;
			long col;
			while (top->parent >= 0)
				top = cdr_scheme_code(s, (size_t)top->parent);
			if (kind == CDR_COLS_SCHEME)
				col = scheme_col;
			else if (kind == CDR_COLS_GROUP)
				col = labels_add(&c->labels, top->qualified);
			else
				col = labels_add(&c->labels, code->qualified);
			if (col < 0)
				return (int)col;
			rc = cdr_strmap_put(&c->codes, code->qualified, (size_t)col);
		}
	}
	return rc;
}

int cdr_columns_make(cdr_columns **out, const cdr_schemes *set, cdr_cols kind, const char *const *codes,
		     size_t ncodes)
{
	cdr_columns *c;
	int rc;

	*out = NULL;
	/* Picking codes under group or scheme columns would drop codings from
	 * a column without its label saying so; CODE+ is a group column. */
	if (ncodes && kind != CDR_COLS_CODE)
		return cdr_error_set(CDR_EUSAGE, "codes are picked as columns of their own: a group or scheme column "
						 "missing some of its codes would not say so; pick a group as CODE+");
	if ((c = cdr_calloc(1, sizeof(*c))) == NULL)
		return CDR_ENOMEM;
	rc = ncodes ? columns_pick(c, set, codes, ncodes) : columns_all(c, set, kind);
	if (rc < 0) {
		cdr_columns_free(c);
		return rc;
	}
	*out = c;
	return 0;
}

/* ---- the codings counted -------------------------------------------------- */

void cdr_counted_free(cdr_codings **sets, size_t n)
{
	for (size_t i = 0; i < n; i++)
		cdr_codings_free(sets[i]);
	free(sets);
}

/* The coders to load: the project's coders, in its order and each once,
 * those named in `coders` (none: all). A name the project does not have
 * is CDR_ENOTFOUND. *names holds every coder; (*wanted)[i] says whether
 * coder i is loaded. */
static int counted_names(char ***names, size_t *nnames, unsigned char **wanted, const cdr_project *p,
			 const char *const *coders, size_t ncoders)
{
	int rc;

	*wanted = NULL;
	if ((rc = cdr_coders_list(names, nnames, p)) < 0)
		return rc;
	for (size_t k = 0; k < ncoders && rc == 0; k++) {
		int found = 0;
		for (size_t i = 0; i < *nnames; i++)
			found |= strcmp((*names)[i], coders[k]) == 0;
		if (!found)
			rc = cdr_error_set(CDR_ENOTFOUND, "no coder '%s' in the project (see 'codeer code list')",
					   coders[k]);
	}
	if (rc == 0 && (*wanted = cdr_calloc(*nnames ? *nnames : 1, 1)) == NULL)
		rc = CDR_ENOMEM;
	for (size_t i = 0; i < *nnames && rc == 0; i++) {
		(*wanted)[i] = ncoders == 0;
		for (size_t k = 0; k < ncoders; k++)
			(*wanted)[i] |= strcmp(coders[k], (*names)[i]) == 0;
	}
	if (rc < 0) {
		cdr_coders_free(*names, *nnames);
		free(*wanted);
		*names = NULL;
		*nnames = 0;
		*wanted = NULL;
	}
	return rc;
}

int cdr_counted_load(cdr_codings ***out, size_t *n, const cdr_project *p, const char *const *coders,
		       size_t ncoders)
{
	char **names = NULL;
	unsigned char *wanted = NULL;
	size_t nnames = 0, nsets = 0;
	cdr_codings **sets = NULL;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = counted_names(&names, &nnames, &wanted, p, coders, ncoders)) < 0)
		return rc;
	if ((sets = cdr_calloc(nnames ? nnames : 1, sizeof(cdr_codings *))) == NULL)
		rc = CDR_ENOMEM;
	for (size_t i = 0; i < nnames && rc == 0; i++)
		if (wanted[i] && (rc = cdr_codings_load(&sets[nsets], p, names[i], NULL, NULL)) == 0)
			nsets++;
	cdr_coders_free(names, nnames);
	free(wanted);
	if (rc < 0) {
		cdr_counted_free(sets, nsets);
		return rc;
	}
	*out = sets;
	*n = nsets;
	return 0;
}

/* The same coders' codings as compact rows (coding/compact.h), for the
 * builder: what it reads of a million codings fits in a few integers
 * each, read from the coder's index rather than parsed from the file. */
static void compact_free(cdr_compact **sets, size_t n)
{
	for (size_t i = 0; i < n; i++)
		cdr_compact_free(sets[i]);
	free(sets);
}

static int compact_load(cdr_compact ***out, size_t *n, const cdr_project *p, const char *const *coders,
			size_t ncoders)
{
	char **names = NULL;
	unsigned char *wanted = NULL;
	size_t nnames = 0, nsets = 0;
	cdr_compact **sets = NULL;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = counted_names(&names, &nnames, &wanted, p, coders, ncoders)) < 0)
		return rc;
	if ((sets = cdr_calloc(nnames ? nnames : 1, sizeof(*sets))) == NULL)
		rc = CDR_ENOMEM;
	for (size_t i = 0; i < nnames && rc == 0; i++)
		if (wanted[i] && (rc = cdr_compact_load(&sets[nsets], p, names[i], NULL)) == 0)
			nsets++;
	cdr_coders_free(names, nnames);
	free(wanted);
	if (rc < 0) {
		compact_free(sets, nsets);
		return rc;
	}
	*out = sets;
	*n = nsets;
	return 0;
}

/* ---- words: each word once ------------------------------------------------ */

/* A coded span of the current document on its way into a words or share
 * cell. Codings of one code often overlap (a turn and a sentence in it,
 * two coders' versions of one passage): their words are counted once,
 * from the union of the spans, per cell and per total. */
struct wspan {
	cdr_span span; /* first: union_words reads spans at a stride */
	size_t row, col;
};

/* The words of the union of n spans sorted by start, `stride` bytes
 * apart. Spans that overlap or touch are joined first, so a word is
 * neither counted twice nor cut in two at a boundary. */
static int union_words(const cdr_document *doc, const void *base, size_t stride, size_t n, size_t *words)
{
#define SPAN(i) ((const cdr_span *)((const char *)base + (i) * stride))
	*words = 0;
	for (size_t i = 0; i < n;) {
		size_t start = SPAN(i)->start, end = SPAN(i)->end;
		char *text;
		for (i++; i < n && SPAN(i)->start <= end; i++)
			if (SPAN(i)->end > end)
				end = SPAN(i)->end;
		if ((text = cdr_document_slice(doc, (cdr_span){ start, end })) == NULL)
			return CDR_ENOMEM;
		*words += cdr_text_words(text, strlen(text));
		free(text);
	}
	return 0;
#undef SPAN
}

static int cmp_span(const void *a, const void *b)
{
	const cdr_span *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

int cdr_span_union_words(size_t *words, const cdr_document *doc, cdr_span *spans, size_t n)
{
	cdr_sort(spans, n, sizeof(*spans), cmp_span);
	return union_words(doc, spans, sizeof(*spans), n, words);
}

static int cmp_ws_row(const void *a, const void *b)
{
	const struct wspan *x = a, *y = b;
	return x->row != y->row ? (x->row < y->row ? -1 : 1) : cmp_span(a, b);
}

static int cmp_ws_col(const void *a, const void *b)
{
	const struct wspan *x = a, *y = b;
	return x->col != y->col ? (x->col < y->col ? -1 : 1) : cmp_span(a, b);
}

static int cmp_ws_cell(const void *a, const void *b)
{
	const struct wspan *x = a, *y = b;
	return x->row != y->row ? (x->row < y->row ? -1 : 1) : cmp_ws_col(a, b);
}

/* Add one document's spans to the cells, the row and column totals and
 * the grand total, each group of spans as one union: sorted by cell, then
 * by row, by column and by start alone. */
static int flush_words(cdr_matrix *m, const cdr_document *doc, struct wspan *v, size_t n)
{
	static int (*const order[])(const void *, const void *) = { cmp_ws_cell, cmp_ws_row, cmp_ws_col, cmp_span };
	int rc = 0;

	for (int pass = 0; pass < 4 && rc == 0; pass++) {
		cdr_sort(v, n, sizeof(*v), order[pass]);
		for (size_t i = 0, j; i < n && rc == 0; i = j) {
			size_t w;
			for (j = i + 1; j < n; j++)
				if ((pass == 0 && (v[j].row != v[i].row || v[j].col != v[i].col)) ||
				    (pass == 1 && v[j].row != v[i].row) || (pass == 2 && v[j].col != v[i].col))
					break;
			if ((rc = union_words(doc, v + i, sizeof(*v), j - i, &w)) < 0)
				break;
			if (pass == 0)
				m->v[v[i].row * m->nc + v[i].col] += (double)w;
			else if (pass == 1)
				m->rtot[v[i].row] += (double)w;
			else if (pass == 2)
				m->ctot[v[i].col] += (double)w;
			else
				m->tot += (double)w;
		}
	}
	return rc;
}

/* ---- the builder, phase by phase ----------------------------------------- */

/* A coding that falls in a column, of a document of the project. */
struct item {
	size_t start, end;
	uint32_t doc;  /* the document's project index */
	uint32_t col;
	uint32_t rank; /* the document's place in the order of its id's bytes */
	uint32_t seq;  /* the coding's place in the coders' files, in order */
};

/* By document id, then start, then as the files have them: the order in
 * which quotes are joined. */
static int cmp_item(const void *a, const void *b)
{
	const struct item *x = a, *y = b;
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int cmp_label(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	/* "(missing)" and "(no speaker)" sort last */
	if ((*x == '(') != (*y == '('))
		return *x == '(' ? 1 : -1;
	return strcmp(x, y);
}

/* What the phases of cdr_matrix_build share. */
struct build {
	const cdr_matrix_options *o;
	cdr_project *p;
	cdr_cases *cases;
	long attr;                 /* CDR_ROWS_ATTR: the attribute's index */
	int words;                 /* words or shares: spans united per document */
	int need_doc;              /* the cells or rows need the documents loaded */
	cdr_columns *cols;
	cdr_compact **sets;
	size_t nsets;
	cdr_strmap docmap;         /* document id -> project index */
	long *doc_case;            /* per project document: its case, or -1 */
	long *doc_row;             /* per project document: its row as a whole; -2 not yet known */
	int sorted;                /* codings sorted by document first; else straight into the cells */
	unsigned char *stretched;  /* per project document: 1 when a case holds a stretch of it */
	struct item *items;
	size_t nitems;
	struct labels rows;
	cdr_strmap rowmap;         /* row label -> row */
	cdr_matrix *m;
	long *last_cell, *last_row, *last_col, last_any; /* docs: the document counted last */
	double *row_words, total_words;                  /* shares: the words of each row */
	cdr_selection *sel;        /* the filter */
};

/* CDR_ROWS_ATTR: the attribute must exist. */
static int resolve_attr(struct build *b)
{
	for (size_t a = 0; a < cdr_cases_attr_count(b->cases); a++)
		if (strcmp(cdr_cases_attr_name(b->cases, a), b->o->attr) == 0)
			b->attr = (long)a;
	if (b->attr < 0)
		return cdr_error_set(CDR_ENOTFOUND, "no case attribute '%s' (see 'codeer cases')", b->o->attr);
	return 0;
}

/* Each document of the project: its index, and its case (the first case
 * that lists it). */
static int map_documents(struct build *b)
{
	size_t n = cdr_project_doc_count(b->p);
	int rc = 0;

	if ((b->doc_case = cdr_calloc(n + 1, sizeof(long))) == NULL)
		return CDR_ENOMEM;
	for (size_t d = 0; d < n && rc == 0; d++) {
		b->doc_case[d] = cdr_cases_of_doc(b->cases, cdr_project_doc_id(b->p, d));
		rc = cdr_strmap_put(&b->docmap, cdr_project_doc_id(b->p, d), d);
	}
	return rc;
}

struct doc_id {
	const char *id;
	size_t d;
};

static int cmp_doc_id(const void *a, const void *b)
{
	return strcmp(((const struct doc_id *)a)->id, ((const struct doc_id *)b)->id);
}

/* rank[d]: the place of document d's id in byte order. */
static int doc_ranks(uint32_t **rank, const cdr_project *p)
{
	size_t n = cdr_project_doc_count(p);
	struct doc_id *order;

	if ((*rank = cdr_calloc(n + 1, sizeof(**rank))) == NULL ||
	    (order = cdr_calloc(n + 1, sizeof(*order))) == NULL)
		return CDR_ENOMEM;
	for (size_t d = 0; d < n; d++)
		order[d] = (struct doc_id){ cdr_project_doc_id(p, d), d };
	cdr_sort(order, n, sizeof(*order), cmp_doc_id);
	for (size_t i = 0; i < n; i++)
		(*rank)[order[i].d] = (uint32_t)i;
	free(order);
	return 0;
}

static int item_row(struct build *b, const struct item *k, const cdr_document *doc, long *row);
static int add_coding(struct build *b, size_t row, size_t col, long docno, const char *quote);

/* One set's codings that fall in a column, rejected proposals and
 * documents no longer in the project left out. Its documents and codes
 * are looked up once each. */
static int select_set(struct build *b, const cdr_compact *set, const uint32_t *rank, size_t *cap, size_t *seq)
{
	const cdr_compact_row *rows = cdr_compact_rows(set);
	size_t n = cdr_compact_count(set), nd = cdr_compact_doc_count(set), nc = cdr_compact_code_count(set);
	long *docno = cdr_malloc((nd + 1) * sizeof(long)), *col = cdr_malloc((nc + 1) * sizeof(long));
	int all = cdr_selection_all(b->sel), rc = 0;

	if (docno == NULL || col == NULL) {
		free(docno);
		free(col);
		return CDR_ENOMEM;
	}
	for (size_t d = 0; d < nd; d++)
		docno[d] = map_get(&b->docmap, cdr_compact_doc(set, d));
	for (size_t c = 0; c < nc; c++)
		col[c] = cdr_columns_of(b->cols, cdr_compact_code(set, c));
	/* room for every row at once: one allocation per set, not per row;
	 * none when the codings go straight into their cells */
	if (b->sorted && cdr_grow((void **)&b->items, cap, b->nitems + n, sizeof(*b->items)) < 0)
		rc = CDR_ENOMEM;
	for (size_t i = 0; i < n && rc == 0; i++, (*seq)++) {
		const cdr_compact_row *r = &rows[i];
		long k, d;
		int pass;
		if ((r->code & CDR_COMPACT_REJECTED) || (k = col[r->code]) < 0 || (d = docno[r->doc]) < 0)
			continue;
		if (!all && (pass = cdr_selection_passage(b->sel, cdr_compact_doc(set, r->doc), r->start)) <= 0) {
			rc = pass;
			continue;
		}
		struct item it = { r->start, r->end, (uint32_t)d, (uint32_t)k, rank ? rank[d] : 0, (uint32_t)*seq };
		if (b->sorted) {
			b->items[b->nitems++] = it;
		} else {
			/* counts and presence: the cell, at once */
			long row;
			if ((rc = item_row(b, &it, NULL, &row)) == 0 && row >= 0)
				rc = add_coding(b, (size_t)row, (size_t)k, d, NULL);
		}
	}
	free(docno);
	free(col);
	return rc;
}

/* The codings that fall in a column, rejected proposals left out; by
 * document when documents are loaded (one at a time) or counted once per
 * cell (docs). Counts and presence do not need the order. */
static int select_codings(struct build *b)
{
	int sorted = b->sorted, rc = 0;
	size_t cap = 0, seq = 0;
	uint32_t *rank = NULL;

	if (sorted && (rc = doc_ranks(&rank, b->p)) < 0) {
		free(rank);
		return rc;
	}
	for (size_t s = 0; s < b->nsets && rc == 0; s++)
		rc = select_set(b, b->sets[s], rank, &cap, &seq);
	if (rc == 0 && sorted)
		cdr_sort(b->items, b->nitems, sizeof(*b->items), cmp_item);
	free(rank);
	return rc;
}

/* Each document's row as a whole, known once asked for; and which
 * documents hold stretches of cases, whose codings find their row one by
 * one. */
static int map_doc_rows(struct build *b)
{
	size_t n = cdr_project_doc_count(b->p);

	if ((b->doc_row = cdr_malloc((n + 1) * sizeof(long))) == NULL ||
	    (b->stretched = cdr_calloc(n + 1, 1)) == NULL)
		return CDR_ENOMEM;
	for (size_t d = 0; d < n; d++)
		b->doc_row[d] = -2;
	for (size_t c = 0; c < cdr_cases_count(b->cases); c++)
		for (size_t s = 0; s < cdr_cases_stretch_count(b->cases, c); s++) {
			size_t first, last;
			long d = map_get(&b->docmap, cdr_cases_stretch(b->cases, c, s, &first, &last));
			if (d >= 0)
				b->stretched[d] = 1;
		}
	return 0;
}

/* The row of case c (-1: none) of document d for rows other than
 * speakers. */
static const char *case_row_label(const struct build *b, long c, size_t d)
{
	const char *v;

	switch (b->o->rows) {
	case CDR_ROWS_CASE:
		return c >= 0 ? cdr_cases_id(b->cases, (size_t)c) : cdr_project_doc_id(b->p, d);
	case CDR_ROWS_ATTR:
		v = c >= 0 ? cdr_cases_attr(b->cases, (size_t)c, (size_t)b->attr) : "";
		return *v ? v : "(missing)";
	default:
		return cdr_project_doc_id(b->p, d);
	}
}

static const char *speaker_label(const cdr_document *doc, size_t turn)
{
	const char *sp = cdr_document_turn(doc, turn)->speaker;
	return *sp ? sp : "(no speaker)";
}

/* Does case c pass the filter, with a document or stretch it keeps?
 * Without a filter of documents every case is a row, documents or not. */
static int case_selected(const struct build *b, size_t c)
{
	return cdr_selection_case(b->sel, c);
}

/* Every row there can be, in order: cases and documents in project
 * order, attribute values and speakers sorted. */
static int make_rows(struct build *b)
{
	int rc = 0;

	switch (b->o->rows) {
	case CDR_ROWS_CASE:
		for (size_t c = 0; c < cdr_cases_count(b->cases) && rc == 0; c++)
			if (case_selected(b, c) && labels_add(&b->rows, cdr_cases_id(b->cases, c)) < 0)
				rc = CDR_ENOMEM;
		break;
	case CDR_ROWS_DOC:
		for (size_t d = 0; d < cdr_project_doc_count(b->p) && rc == 0; d++)
			if (cdr_selection_doc(b->sel, cdr_project_doc_id(b->p, d)) &&
			    labels_add(&b->rows, cdr_project_doc_id(b->p, d)) < 0)
				rc = CDR_ENOMEM;
		break;
	case CDR_ROWS_ATTR:
		for (size_t c = 0; c < cdr_cases_count(b->cases) && rc == 0; c++) {
			const char *v = cdr_cases_attr(b->cases, c, (size_t)b->attr);
			if (case_selected(b, c) && labels_add(&b->rows, *v ? v : "(missing)") < 0)
				rc = CDR_ENOMEM;
		}
		if (rc == 0)
			cdr_sort(b->rows.v, b->rows.n, sizeof(char *), cmp_label);
		break;
	case CDR_ROWS_SPEAKER:
		for (size_t d = 0; d < cdr_project_doc_count(b->p) && rc == 0; d++) {
			cdr_document *sd;
			if (!cdr_selection_doc(b->sel, cdr_project_doc_id(b->p, d)))
				continue;
			if ((rc = cdr_project_doc_load(&sd, b->p, cdr_project_doc_id(b->p, d), 0)) < 0)
				break;
			for (size_t t = 0; t < cdr_document_turn_count(sd) && rc == 0; t++)
				if (cdr_selection_at(b->sel, sd, cdr_document_turn(sd, t)->span.start) &&
				    labels_add(&b->rows, speaker_label(sd, t)) < 0)
					rc = CDR_ENOMEM;
			cdr_document_free(sd);
		}
		/* text outside every turn (a header before the first speaker)
		 * is a row too, so that no coding there drops out of the
		 * table; like any row, shown when it has codings or with --all */
		if (rc == 0 && labels_add(&b->rows, "(no speaker)") < 0)
			rc = CDR_ENOMEM;
		if (rc == 0)
			cdr_sort(b->rows.v, b->rows.n, sizeof(char *), cmp_label);
		break;
	}
	if (rc == 0 && b->rows.n == 0 && labels_add(&b->rows, "(missing)") < 0)
		rc = CDR_ENOMEM;
	for (size_t i = 0; i < b->rows.n && rc == 0; i++)
		rc = cdr_strmap_put(&b->rowmap, b->rows.v[i], i);
	return rc;
}

/* The matrix with every row and column there can be, all zero. */
static int make_cells(struct build *b)
{
	cdr_matrix *m;
	size_t nr = b->rows.n, nc = cdr_columns_count(b->cols);

	if ((m = b->m = cdr_calloc(1, sizeof(*m))) == NULL)
		return CDR_ENOMEM;
	m->cell = b->o->cell;
	m->nr = nr;
	m->nc = nc;
	if ((m->v = cdr_calloc(nr * nc + 1, sizeof(double))) == NULL ||
	    (m->rtot = cdr_calloc(nr + 1, sizeof(double))) == NULL ||
	    (m->ctot = cdr_calloc(nc + 1, sizeof(double))) == NULL ||
	    (m->rused = cdr_calloc(nr + 1, 1)) == NULL || (m->cused = cdr_calloc(nc + 1, 1)) == NULL ||
	    (b->last_cell = cdr_malloc((nr * nc + 1) * sizeof(long))) == NULL ||
	    (b->last_row = cdr_malloc((nr + 1) * sizeof(long))) == NULL ||
	    (b->last_col = cdr_malloc((nc + 1) * sizeof(long))) == NULL ||
	    (b->row_words = cdr_calloc(nr + 1, sizeof(double))) == NULL ||
	    (b->o->cell == CDR_CELL_QUOTES && (m->quotes = cdr_calloc(nr * nc + 1, sizeof(cdr_buf))) == NULL))
		return CDR_ENOMEM;
	for (size_t i = 0; i < nr * nc; i++)
		b->last_cell[i] = -1;
	for (size_t i = 0; i < nr; i++)
		b->last_row[i] = -1;
	for (size_t j = 0; j < nc; j++)
		b->last_col[j] = -1;
	return 0;
}

/* Shares: the words of each row (of the speaker's turns for speaker
 * rows), and of the whole project for the total row. A document's words
 * are its turns' words, so they go turn by turn: a turn in a case's
 * stretch counts for that case's row (the row its codings fall in), and
 * only the turns the filter keeps count at all. */
static int count_row_words(struct build *b)
{
	int rc = 0;

	for (size_t d = 0; d < cdr_project_doc_count(b->p) && rc == 0; d++) {
		const char *id = cdr_project_doc_id(b->p, d);
		cdr_document *sd;
		if (!cdr_selection_doc(b->sel, id))
			continue;
		if ((rc = cdr_project_doc_load(&sd, b->p, id, 0)) < 0)
			break;
		for (size_t t = 0; t < cdr_document_turn_count(sd) && rc == 0; t++) {
			const cdr_turn *turn = cdr_document_turn(sd, t);
			const char *label;
			long r, c = b->doc_case[d];
			if (!cdr_selection_at(b->sel, sd, turn->span.start))
				continue;
			b->total_words += (double)turn->words;
			if (b->o->rows == CDR_ROWS_SPEAKER)
				label = speaker_label(sd, t);
			else if (b->o->rows == CDR_ROWS_DOC ||
				 (rc = cdr_cases_case_at(b->cases, b->p, id, turn->span.start, &c)) == 0)
				label = case_row_label(b, c, d);
			else
				break;
			if ((r = map_get(&b->rowmap, label)) >= 0)
				b->row_words[r] += (double)turn->words;
		}
		cdr_document_free(sd);
	}
	return rc;
}

/* One coding into its cell (words wait for their document's union). */
static int add_coding(struct build *b, size_t row, size_t col, long docno, const char *quote)
{
	cdr_matrix *m = b->m;
	size_t cell = row * m->nc + col;
	int rc = 0;

	m->ncodings++;
	m->rused[row] = m->cused[col] = 1;
	switch (b->o->cell) {
	case CDR_CELL_WORDS:
	case CDR_CELL_SHARE:
		break;
	case CDR_CELL_DOCS:
		/* each document once per cell, row, column and in all */
		if (b->last_cell[cell] != docno) {
			m->v[cell] += 1;
			b->last_cell[cell] = docno;
		}
		if (b->last_row[row] != docno) {
			m->rtot[row] += 1;
			b->last_row[row] = docno;
		}
		if (b->last_col[col] != docno) {
			m->ctot[col] += 1;
			b->last_col[col] = docno;
		}
		if (b->last_any != docno) {
			m->tot += 1;
			b->last_any = docno;
		}
		break;
	case CDR_CELL_QUOTES:
		if (m->quotes[cell].len)
			rc = cdr_buf_puts(&m->quotes[cell], " | ");
		if (rc == 0)
			rc = cdr_buf_puts(&m->quotes[cell], quote);
		m->v[cell] += 1; /* the cell still knows how many codings it holds */
		break;
	default:
		m->v[cell] += 1;
		break;
	}
	return rc;
}

/* The row of a coding (-1: none); `doc` is its document, loaded for
 * speaker rows. */
static int item_row(struct build *b, const struct item *k, const cdr_document *doc, long *row)
{
	long docno = (long)k->doc, c;
	int rc;

	if (b->o->rows == CDR_ROWS_SPEAKER) {
		long t = cdr_document_turn_at(doc, k->start);
		*row = map_get(&b->rowmap, t >= 0 ? speaker_label(doc, (size_t)t) : "(no speaker)");
	} else if (!b->stretched[docno] || b->o->rows == CDR_ROWS_DOC) {
		if (b->doc_row[docno] == -2)
			b->doc_row[docno] = map_get(&b->rowmap, case_row_label(b, b->doc_case[docno], (size_t)docno));
		*row = b->doc_row[docno];
	} else {
		/* a coding belongs to the case whose stretch holds its start */
		if ((rc = cdr_cases_case_at(b->cases, b->p, cdr_project_doc_id(b->p, k->doc), k->start, &c)) < 0)
			return rc;
		*row = map_get(&b->rowmap, case_row_label(b, c, (size_t)docno));
	}
	return 0;
}

/* The codings into the cells, document by document when they need the
 * text or the turns. */
static int fill_cells(struct build *b)
{
	const cdr_matrix_options *o = b->o;
	long loaded = -1;
	cdr_document *doc = NULL;
	struct wspan *ws = NULL;
	size_t nws = 0, wcap = 0;
	int rc = 0;

	for (size_t i = 0; i < b->nitems && rc == 0; i++) {
		const struct item *k = &b->items[i];
		long docno = (long)k->doc, row;
		const char *id = cdr_project_doc_id(b->p, k->doc);
		size_t col = k->col;
		char *quote = NULL;

		if (b->need_doc && loaded != docno) {
			if (b->words && doc && (rc = flush_words(b->m, doc, ws, nws)) < 0)
				break;
			nws = 0;
			cdr_document_free(doc);
			doc = NULL;
			if ((rc = cdr_project_doc_load(&doc, b->p, id, o->cell != CDR_CELL_COUNT &&
							o->cell != CDR_CELL_PRESENCE && o->cell != CDR_CELL_DOCS)) < 0)
				break;
			loaded = docno;
		}
		if ((rc = item_row(b, k, doc, &row)) < 0)
			break;
		if (row < 0)
			continue;
		/* a span past the end of its (changed) document has no text */
		if ((b->words || o->cell == CDR_CELL_QUOTES) && k->end > cdr_document_length(doc))
			continue;
		if (b->words) {
			/* counted when the document is done: see flush_words */
			if (cdr_grow((void **)&ws, &wcap, nws + 1, sizeof(*ws)) < 0) {
				rc = CDR_ENOMEM;
				break;
			}
			ws[nws++] = (struct wspan){ { k->start, k->end }, (size_t)row, col };
		} else if (o->cell == CDR_CELL_QUOTES &&
			   (quote = cdr_document_slice(doc, (cdr_span){ k->start, k->end })) == NULL) {
			rc = CDR_ENOMEM;
			break;
		}
		rc = add_coding(b, (size_t)row, col, docno, quote);
		free(quote);
	}
	if (rc == 0 && b->words && doc)
		rc = flush_words(b->m, doc, ws, nws);
	cdr_document_free(doc);
	free(ws);
	return rc;
}

/* Presence from counts, the totals that are sums (docs, words and shares
 * have theirs already), and shares as percentages. */
static void finish_totals(struct build *b)
{
	cdr_matrix *m = b->m;

	if (b->o->cell != CDR_CELL_DOCS && !b->words) {
		for (size_t i = 0; i < m->nr; i++)
			for (size_t j = 0; j < m->nc; j++) {
				double *x = &m->v[i * m->nc + j];
				if (b->o->cell == CDR_CELL_PRESENCE)
					*x = *x > 0;
				m->rtot[i] += *x;
				m->ctot[j] += *x;
				m->tot += *x;
			}
	}
	if (b->o->cell == CDR_CELL_SHARE) {
		double col_base = b->total_words > 0 ? b->total_words : 1;
		for (size_t i = 0; i < m->nr; i++) {
			double base = b->row_words[i] > 0 ? b->row_words[i] : 1;
			for (size_t j = 0; j < m->nc; j++)
				m->v[i * m->nc + j] = 100.0 * m->v[i * m->nc + j] / base;
			m->rtot[i] = 100.0 * m->rtot[i] / base;
		}
		for (size_t j = 0; j < m->nc; j++)
			m->ctot[j] = 100.0 * m->ctot[j] / col_base;
		m->tot = 100.0 * m->tot / col_base;
	}
}

/* The labels into the matrix, and rows and columns without codings
 * dropped unless all are asked for; picked code columns always stay. */
static int drop_empty(struct build *b)
{
	cdr_matrix *m = b->m;
	const cdr_matrix_options *o = b->o;
	size_t w = 0, keep_cols = 0;
	size_t *colmap = cdr_malloc((m->nc + 1) * sizeof(size_t));

	if (colmap == NULL)
		return CDR_ENOMEM;
	for (size_t j = 0; j < m->nc; j++)
		if (o->all || m->cused[j] || (o->ncodes && o->cols == CDR_COLS_CODE))
			colmap[keep_cols++] = j;
	if ((m->rowl = cdr_calloc(m->nr + 1, sizeof(char *))) == NULL ||
	    (m->coll = cdr_calloc(keep_cols + 1, sizeof(char *))) == NULL) {
		free(colmap);
		return CDR_ENOMEM;
	}
	for (size_t j = 0; j < keep_cols; j++) {
		m->coll[j] = b->cols->labels.v[colmap[j]];
		b->cols->labels.v[colmap[j]] = NULL;
		m->ctot[j] = m->ctot[colmap[j]];
	}
	for (size_t i = 0; i < m->nr; i++) {
		if (!(o->all || m->rused[i]))
			continue;
		m->rowl[w] = b->rows.v[i];
		b->rows.v[i] = NULL;
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
	return 0;
}

int cdr_matrix_build(cdr_matrix **out, cdr_project *p, const cdr_schemes *set, const cdr_matrix_options *o)
{
	struct build b = { 0 };
	const char *one[1] = { o->coder };
	const char *const *coders = o->ncoders ? o->coders : o->coder ? one : NULL;
	size_t ncoders = o->ncoders ? o->ncoders : o->coder ? 1 : 0;
	int rc = 0;

	*out = NULL;
	b.o = o;
	b.p = p;
	b.cases = cdr_project_cases(p);
	b.attr = -1;
	b.last_any = -1;
	b.words = o->cell == CDR_CELL_WORDS || o->cell == CDR_CELL_SHARE;
	b.need_doc = b.words || o->cell == CDR_CELL_QUOTES || o->rows == CDR_ROWS_SPEAKER;
	b.sorted = b.need_doc || o->cell == CDR_CELL_DOCS;
	if ((rc = cdr_selection_new(&b.sel, p, o->filter)) < 0 ||
	    (o->rows == CDR_ROWS_ATTR && (rc = resolve_attr(&b)) < 0) ||
	    (rc = cdr_columns_make(&b.cols, set, o->cols, o->codes, o->ncodes)) < 0 ||
	    (rc = compact_load(&b.sets, &b.nsets, p, coders, ncoders)) < 0 || (rc = map_documents(&b)) < 0 ||
	    (rc = make_rows(&b)) < 0 || (rc = map_doc_rows(&b)) < 0 || (rc = make_cells(&b)) < 0 ||
	    (o->cell == CDR_CELL_SHARE && (rc = count_row_words(&b)) < 0) || (rc = select_codings(&b)) < 0 ||
	    (rc = fill_cells(&b)) < 0)
		goto done;
	finish_totals(&b);
	rc = drop_empty(&b);
done:
	cdr_selection_free(b.sel);
	cdr_columns_free(b.cols);
	compact_free(b.sets, b.nsets);
	cdr_strmap_clear(&b.docmap);
	free(b.doc_case);
	free(b.doc_row);
	free(b.stretched);
	free(b.items);
	labels_free(&b.rows);
	cdr_strmap_clear(&b.rowmap);
	free(b.last_cell);
	free(b.last_row);
	free(b.last_col);
	free(b.row_words);
	if (rc < 0) {
		cdr_matrix_free(b.m);
		return rc;
	}
	*out = b.m;
	return 0;
}

int cdr_matrix_row_words(double *rw, double *total, cdr_project *p, const cdr_matrix_options *o,
			 const cdr_matrix *m)
{
	struct build b = { 0 };
	int rc;

	*total = 0;
	b.o = o;
	b.p = p;
	b.cases = cdr_project_cases(p);
	b.attr = -1;
	b.row_words = rw;
	if ((rc = cdr_selection_new(&b.sel, p, o->filter)) < 0 ||
	    (o->rows == CDR_ROWS_ATTR && (rc = resolve_attr(&b)) < 0) || (rc = map_documents(&b)) < 0)
		goto done;
	for (size_t i = 0; i < m->nr && rc == 0; i++)
		rc = cdr_strmap_put(&b.rowmap, m->rowl[i], i);
	if (rc == 0)
		rc = count_row_words(&b);
	*total = b.total_words;
done:
	cdr_selection_free(b.sel);
	cdr_strmap_clear(&b.docmap);
	cdr_strmap_clear(&b.rowmap);
	free(b.doc_case);
	return rc;
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
