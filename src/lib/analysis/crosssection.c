/* crosssection.c -- the dwarsdoorsnede (crosssection.h). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* strverscmp */
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codeer/coding.h"
#include "codeer/crosssection.h"
#include "codeer/error.h"
#include "util/alloc.h"
#include "util/array.h"
#include "util/buf.h"
#include "util/fileio.h"
#include "util/tsv.h"

struct column {
	char *label;
	char *col, *sub;  /* the layout's column and subcolumn ("" for none) */
	const cdr_code **codes;
	size_t ncodes, cap;
};

struct layout {
	struct column *v;
	size_t n, cap;
};

static void layout_free(struct layout *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].label);
		free(l->v[i].col);
		free(l->v[i].sub);
		free(l->v[i].codes);
	}
	free(l->v);
}

static int col_add(struct column *c, const cdr_code *code)
{
	for (size_t i = 0; i < c->ncodes; i++)
		if (c->codes[i] == code)
			return 0;
	if (cdr_grow((void **)&c->codes, &c->cap, c->ncodes + 1, sizeof(cdr_code *)) < 0)
		return CDR_ENOMEM;
	c->codes[c->ncodes++] = code;
	return 0;
}

/* One code spec: ID, ID+ (with subtree), A-B (range in scheme order). */
static int add_spec(struct column *c, const cdr_schemes *set, char *spec, const char *path, size_t line)
{
	size_t len = strlen(spec);
	char *dash = NULL;
	const cdr_code *a, *b;
	int rc;

	if (len && spec[len - 1] == '+') {
		const cdr_scheme *s;
		spec[len - 1] = '\0';
		if (cdr_schemes_resolve(&a, set, spec) < 0)
			return cdr_error_set(CDR_ENOTFOUND, "%s:%zu: %s", path, line, cdr_error_last());
		s = cdr_schemes_scheme_of(set, a);
		if ((rc = col_add(c, a)) < 0)
			return rc;
		for (size_t i = 0; i < cdr_scheme_code_count(s); i++)
			if (cdr_scheme_code_is_below(s, cdr_scheme_code(s, i), a) &&
			    (rc = col_add(c, cdr_scheme_code(s, i))) < 0)
				return rc;
		return 0;
	}
	/* a range: the dash that splits two known codes (ids may hold dashes) */
	for (char *d = strchr(spec, '-'); d; d = strchr(d + 1, '-')) {
		*d = '\0';
		if (cdr_schemes_resolve(&a, set, spec) == 0 && cdr_schemes_resolve(&b, set, d + 1) == 0) {
			dash = d;
			break;
		}
		*d = '-';
	}
	if (dash) {
		const cdr_scheme *s = cdr_schemes_scheme_of(set, a);
		long from = -1, to = -1;
		for (size_t i = 0; i < cdr_scheme_code_count(s); i++) {
			if (cdr_scheme_code(s, i) == a)
				from = (long)i;
			if (cdr_scheme_code(s, i) == b)
				to = (long)i;
		}
		if (cdr_schemes_scheme_of(set, b) != s || to < from)
			return cdr_error_set(CDR_EFORMAT, "%s:%zu: the range %s-%s does not run forward in one scheme", path,
					     line, spec, dash + 1);
		for (long i = from; i <= to; i++)
			if ((rc = col_add(c, cdr_scheme_code(s, (size_t)i))) < 0)
				return rc;
		return 0;
	}
	if (cdr_schemes_resolve(&a, set, spec) < 0)
		return cdr_error_set(CDR_ENOTFOUND, "%s:%zu: %s", path, line, cdr_error_last());
	return col_add(c, a);
}

/* Names go into headers of every format, and a caller may join a column
 * and its subcolumn with a control character (report.c does). */
static int has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20)
			return 1;
	return 0;
}

static int read_layout(struct layout *l, const cdr_schemes *set, const char *path, const char *subsep)
{
	char *data = NULL, *line;
	size_t len, pos = 0, lineno = 0;
	cdr_tsv_row row = { 0 };
	int rc;

	memset(l, 0, sizeof(*l));
	if ((rc = cdr_file_read(&data, &len, path, (size_t)4 << 20)) < 0)
		return rc;
	while (rc == 0 && cdr_next_line(data, len, &pos, &line)) {
		struct column *c;
		lineno++;
		if (*line == '\0' || *line == '#')
			continue;
		if ((rc = cdr_tsv_split_raw(&row, line)) < 0)
			break;
		if (lineno == 1) {
			if (row.n < 3 || strcmp(row.fields[0], "column") != 0 || strcmp(row.fields[2], "codes") != 0)
				rc = cdr_error_set(CDR_EFORMAT, "%s:1: the header must be column<TAB>subcolumn<TAB>codes", path);
			continue;
		}
		if (row.n != 3) {
			rc = cdr_error_set(CDR_EFORMAT, "%s:%zu: expected column, subcolumn and codes", path, lineno);
			break;
		}
		if (has_control(row.fields[0]) || has_control(row.fields[1])) {
			rc = cdr_error_set(CDR_EFORMAT, "%s:%zu: a column name holds a control character", path, lineno);
			break;
		}
		if (cdr_grow((void **)&l->v, &l->cap, l->n + 1, sizeof(struct column)) < 0) {
			rc = CDR_ENOMEM;
			break;
		}
		c = &l->v[l->n++];
		memset(c, 0, sizeof(*c));
		{
			cdr_buf label = CDR_BUF_INIT;
			cdr_buf_puts(&label, row.fields[0]);
			if (*row.fields[1])
				cdr_buf_printf(&label, "%s%s", subsep, row.fields[1]);
			if ((c->label = cdr_buf_detach(&label, NULL)) == NULL ||
			    (c->col = cdr_strdup(row.fields[0])) == NULL || (c->sub = cdr_strdup(row.fields[1])) == NULL) {
				rc = CDR_ENOMEM;
				break;
			}
		}
		{
			char *save = NULL;
			for (char *tok = strtok_r(row.fields[2], ",", &save); tok && rc == 0; tok = strtok_r(NULL, ",", &save)) {
				while (*tok == ' ')
					tok++;
				if (*tok)
					rc = add_spec(c, set, tok, path, lineno);
			}
		}
	}
	cdr_tsv_row_free(&row);
	free(data);
	if (rc == 0 && l->n == 0)
		rc = cdr_error_set(CDR_EFORMAT, "%s: no columns", path);
	if (rc < 0)
		layout_free(l);
	return rc;
}

/* ---- a layout on its own, for the counts per column (freq --layout) ---- */

struct cdr_cs_layout {
	struct layout l;
};

int cdr_cs_layout_load(cdr_cs_layout **out, const cdr_schemes *set, const char *path)
{
	cdr_cs_layout *x;
	int rc;

	*out = NULL;
	if ((x = cdr_calloc(1, sizeof(*x))) == NULL)
		return CDR_ENOMEM;
	if ((rc = read_layout(&x->l, set, path, " / ")) < 0) {
		free(x);
		return rc;
	}
	*out = x;
	return 0;
}

void cdr_cs_layout_free(cdr_cs_layout *x)
{
	if (x == NULL)
		return;
	layout_free(&x->l);
	free(x);
}

size_t cdr_cs_layout_rows(const cdr_cs_layout *x) { return x->l.n; }
const char *cdr_cs_layout_column(const cdr_cs_layout *x, size_t i) { return x->l.v[i].col; }
const char *cdr_cs_layout_subcolumn(const cdr_cs_layout *x, size_t i) { return x->l.v[i].sub; }

const cdr_code *const *cdr_cs_layout_codes(const cdr_cs_layout *x, size_t i, size_t *n)
{
	*n = x->l.v[i].ncodes;
	return x->l.v[i].codes;
}

struct hit {
	const cdr_coding *k;
	long case_index;
	char *text; /* the quote, for CDR_CS_QUOTES and a code in the layout */
};

static int cmp_hit(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;
	int r = strverscmp(x->k->doc, y->k->doc);
	return r ? r : (x->k->start > y->k->start) - (x->k->start < y->k->start);
}

static int in_layout(const struct layout *l, const char *code)
{
	for (size_t col = 0; col < l->n; col++)
		for (size_t ci = 0; ci < l->v[col].ncodes; ci++)
			if (strcmp(l->v[col].codes[ci]->qualified, code) == 0)
				return 1;
	return 0;
}

/* The quotes of the hits (sorted by document) whose code is in the
 * layout: each document loaded once, not once per code of each column. */
static int quote_hits(struct hit *hits, size_t n, const struct layout *l, cdr_project *p)
{
	cdr_document *doc = NULL;
	int rc = 0;

	for (size_t h = 0; h < n && rc == 0; h++) {
		const cdr_coding *k = hits[h].k;
		if (!in_layout(l, k->code))
			continue;
		if (doc == NULL || strcmp(cdr_document_info_get(doc)->id, k->doc) != 0) {
			cdr_document_free(doc);
			doc = NULL;
			if ((rc = cdr_project_doc_load(&doc, p, k->doc, 1)) < 0)
				break;
		}
		if ((hits[h].text = cdr_document_slice(doc, (cdr_span){ k->start, k->end })) == NULL)
			rc = CDR_ENOMEM;
	}
	cdr_document_free(doc);
	return rc;
}

int cdr_crosssection(cdr_table **out, cdr_project *p, const cdr_schemes *set, const cdr_cs_options *o)
{
	struct layout l;
	cdr_cases *cases = cdr_project_cases(p);
	char **coders = NULL;
	size_t ncoders = 0, ncases = cdr_cases_count(cases), nhits = 0, hcap = 0;
	cdr_codings **sets = NULL;
	struct hit *hits = NULL;
	cdr_buf *cells = NULL;
	size_t *order = NULL;
	long group = -1;
	const char **row = NULL;
	/* the coders counted: o->coders, else the one o->coder, else all */
	const char *const *wanted = o->ncoders ? o->coders : o->coder ? &o->coder : NULL;
	size_t nwanted = o->ncoders ? o->ncoders : o->coder ? 1 : 0;
	int rc;

	*out = NULL;
	if (o->group) {
		for (size_t a = 0; a < cdr_cases_attr_count(cases); a++)
			if (strcmp(cdr_cases_attr_name(cases, a), o->group) == 0)
				group = (long)a;
		if (group < 0)
			return cdr_error_set(CDR_ENOTFOUND, "no case attribute '%s' (see 'codeer cases')", o->group);
	}
	if ((rc = read_layout(&l, set, o->layout, o->subsep ? o->subsep : " / ")) < 0)
		return rc;
	if ((rc = cdr_coders_list(&coders, &ncoders, p)) < 0)
		goto done;
	if ((sets = cdr_calloc(ncoders + 1, sizeof(cdr_codings *))) == NULL ||
	    (cells = cdr_calloc(ncases * l.n + 1, sizeof(cdr_buf))) == NULL ||
	    (order = cdr_calloc(ncases + 1, sizeof(size_t))) == NULL ||
	    (row = cdr_calloc(l.n + 3, sizeof(char *))) == NULL) {
		rc = CDR_ENOMEM;
		goto done;
	}
	for (size_t k = 0; k < nwanted; k++) {
		int found = 0;
		for (size_t c = 0; c < ncoders; c++)
			found |= strcmp(coders[c], wanted[k]) == 0;
		if (!found) {
			rc = cdr_error_set(CDR_ENOTFOUND, "no coder '%s' in the project (see 'codeer code list')", wanted[k]);
			goto done;
		}
	}
	for (size_t c = 0; c < ncoders; c++) {
		int counted = nwanted == 0;
		for (size_t k = 0; k < nwanted; k++)
			counted |= strcmp(coders[c], wanted[k]) == 0;
		if (!counted)
			continue;
		if ((rc = cdr_codings_load(&sets[c], p, coders[c], NULL, NULL)) < 0)
			goto done;
		for (size_t i = 0; i < cdr_codings_count(sets[c]); i++) {
			const cdr_coding *k = cdr_codings_get(sets[c], i);
			long ci;
			if (strcmp(k->status, "rejected") == 0)
				continue;
			/* a coding belongs to the case whose stretch holds its start */
			if ((rc = cdr_cases_case_at(cases, p, k->doc, k->start, &ci)) < 0)
				goto done;
			if (ci < 0)
				continue;
			if (cdr_grow((void **)&hits, &hcap, nhits + 1, sizeof(*hits)) < 0) {
				rc = CDR_ENOMEM;
				goto done;
			}
			hits[nhits].k = k;
			hits[nhits].text = NULL;
			hits[nhits++].case_index = ci;
		}
	}
	cdr_sort(hits, nhits, sizeof(*hits), cmp_hit);
	if (o->cell == CDR_CS_QUOTES && (rc = quote_hits(hits, nhits, &l, p)) < 0)
		goto done;
	/* per column: the codes in layout order, each once, with its segments */
	for (size_t col = 0; col < l.n; col++) {
		const struct column *c = &l.v[col];
		for (size_t ci = 0; ci < c->ncodes; ci++) {
			const cdr_code *code = c->codes[ci];
			unsigned char *listed = cdr_calloc(ncases + 1, 1);
			if (listed == NULL) {
				rc = CDR_ENOMEM;
				goto done;
			}
			for (size_t h = 0; h < nhits && rc == 0; h++) {
				const cdr_coding *k = hits[h].k;
				cdr_buf *cell = &cells[(size_t)hits[h].case_index * l.n + col];
				if (strcmp(k->code, code->qualified) != 0)
					continue;
				if (!listed[hits[h].case_index] || o->cell != CDR_CS_CODES) {
					if (o->cell == CDR_CS_CODES) {
						rc = cdr_buf_printf(cell, "%s%s", cell->len ? ", " : "", code->id);
					} else if (o->cell == CDR_CS_MEMOS) {
						if (*k->memo)
							rc = cdr_buf_printf(cell, "%s%s: %s", cell->len ? "; " : "", code->id, k->memo);
					} else {
						rc = cdr_buf_printf(cell, "%s%s: %s", cell->len ? " | " : "", code->id, hits[h].text);
					}
					listed[hits[h].case_index] = 1;
				}
			}
			free(listed);
			if (rc < 0)
				goto done;
		}
	}
	/* rows: cases, grouped by the attribute when asked */
	for (size_t c = 0; c < ncases; c++)
		order[c] = c;
	if (group >= 0) {
		for (size_t i = 1; i < ncases; i++) {
			size_t x = order[i], j = i;
			const char *vx = cdr_cases_attr(cases, x, (size_t)group);
			while (j > 0 && strverscmp(cdr_cases_attr(cases, order[j - 1], (size_t)group), vx) > 0) {
				order[j] = order[j - 1];
				j--;
			}
			order[j] = x;
		}
	}
	{
		size_t k = 0;
		if (group >= 0)
			row[k++] = o->group;
		row[k++] = "case";
		for (size_t col = 0; col < l.n; col++)
			row[k++] = l.v[col].label;
		if ((rc = cdr_table_new(out, k, row)) < 0)
			goto done;
	}
	for (size_t r = 0; r < ncases && rc == 0; r++) {
		size_t c = order[r], k = 0;
		int any = 0;
		for (size_t col = 0; col < l.n; col++)
			any |= cells[c * l.n + col].len > 0;
		if (!any && !o->all)
			continue;
		if (group >= 0) {
			const char *v = cdr_cases_attr(cases, c, (size_t)group);
			row[k++] = *v ? v : "(missing)";
		}
		row[k++] = cdr_cases_id(cases, c);
		for (size_t col = 0; col < l.n; col++)
			row[k++] = cells[c * l.n + col].data ? cells[c * l.n + col].data : "";
		rc = cdr_table_add(*out, row);
	}
done:
	if (rc < 0) {
		cdr_table_free(*out);
		*out = NULL;
	}
	for (size_t h = 0; h < nhits; h++)
		free(hits[h].text);
	for (size_t i = 0; cells && i < ncases * l.n; i++)
		cdr_buf_free(&cells[i]);
	free(cells);
	free(order);
	free(row);
	free(hits);
	for (size_t c = 0; sets && c < ncoders; c++)
		cdr_codings_free(sets[c]);
	free(sets);
	cdr_coders_free(coders, ncoders);
	layout_free(&l);
	return rc;
}
