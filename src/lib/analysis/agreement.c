/* agreement.c -- from codings to reliability data (agreement.h).
 *
 * Units are the document's turns, sentences or paragraphs, whole
 * documents, characters, or (segment level) the coded segments
 * themselves. A coder "codes a unit" with a code when one of the coder's
 * codings of that code overlaps the unit. Character units are runs of
 * characters that every coder codes alike, weighted by their length, so
 * the data stay as small as the codings. Rejected proposals never count.
 *
 * Each variable's units are also summed into a table of the distinct
 * patterns of values with their counts (cdr_rdata_sum), from which the
 * coefficients are computed, so that partial tables of parts of a corpus
 * (agreement-partial.c) add up to the same numbers; with --by, the units
 * are summed per case (or document) as well, a unit counting for the case
 * that holds its start. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codeer/agreement.h"
#include "codeer/error.h"
#include "codeer/text.h"
#include "util/alloc.h"
#include "util/array.h"
#include "util/buf.h"
#include "util/strmap.h"

#include "agreement-priv.h"

/* One coder's codings of one code in one document, sorted by start. */
struct seg {
	size_t start, end;
};

int cdr_unit_kind_parse(cdr_unit_kind *out, const char *name)
{
	static const char *const names[] = { "turn", "sentence", "paragraph", "document", "char" };
	for (int i = 0; i < 5; i++)
		if (strcmp(name, names[i]) == 0) {
			*out = (cdr_unit_kind)i;
			return 0;
		}
	return cdr_error_set(CDR_EUSAGE, "unknown unit '%s' (use turn, sentence, paragraph, document or char)", name);
}

const char *cdr_unit_kind_name(cdr_unit_kind kind)
{
	static const char *const names[] = { "turn", "sentence", "paragraph", "document", "char" };
	return names[kind];
}

void cdr_agreement_var_free(struct variable *v)
{
	free(v->name);
	free(v->values);
	free(v->weights);
	free(v->units);
	cdr_rdata_free(v->data);
	cdr_rdata_free(v->table);
	for (size_t i = 0; i < v->nlabels; i++)
		free(v->labels[i]);
	free(v->labels);
}

void cdr_agreement_free(cdr_agreement *a)
{
	if (a == NULL)
		return;
	for (size_t i = 0; i < a->nvars; i++)
		cdr_agreement_var_free(&a->vars[i]);
	free(a->vars);
	cdr_rdata_free(a->overall);
	cdr_rdata_free(a->overall_table);
	for (size_t i = 0; i < a->ngroups; i++) {
		free(a->groups[i].label);
		free(a->groups[i].values);
		free(a->groups[i].weights);
		cdr_rdata_free(a->groups[i].table);
	}
	free(a->groups);
	for (size_t i = 0; i < a->ncoders; i++)
		free(a->coders[i]);
	free(a->coders);
	for (size_t i = 0; i < a->ndocs; i++)
		free(a->docs[i]);
	free(a->docs);
	for (size_t i = 0; i < a->nleft; i++) {
		free(a->left[i].doc);
		free(a->left[i].by);
	}
	free(a->left);
	free(a);
}

size_t cdr_agreement_count(const cdr_agreement *a) { return a->nvars; }
const char *cdr_agreement_name(const cdr_agreement *a, size_t i) { return a->vars[i].name; }
const cdr_rdata *cdr_agreement_data(const cdr_agreement *a, size_t i) { return a->vars[i].data; }
const cdr_rdata *cdr_agreement_overall(const cdr_agreement *a) { return a->overall; }
const cdr_rdata *cdr_agreement_table(const cdr_agreement *a, size_t i) { return a->vars[i].table; }
const cdr_rdata *cdr_agreement_overall_table(const cdr_agreement *a) { return a->overall_table; }
size_t cdr_agreement_group_count(const cdr_agreement *a) { return a->ngroups; }
const char *cdr_agreement_group(const cdr_agreement *a, size_t i) { return a->groups[i].label; }
const cdr_rdata *cdr_agreement_group_table(const cdr_agreement *a, size_t i) { return a->groups[i].table; }
size_t cdr_agreement_group_units(const cdr_agreement *a, size_t i) { return a->groups[i].wunits; }
size_t cdr_agreement_group_coded(const cdr_agreement *a, size_t i) { return a->groups[i].wcoded; }
size_t cdr_agreement_doc_count(const cdr_agreement *a) { return a->ndocs; }
const char *cdr_agreement_doc(const cdr_agreement *a, size_t i) { return a->docs[i]; }
size_t cdr_agreement_left_out_count(const cdr_agreement *a) { return a->nleft; }
const char *cdr_agreement_left_out(const cdr_agreement *a, size_t i) { return a->left[i].doc; }
int cdr_agreement_left_out_by(const cdr_agreement *a, size_t i, size_t c) { return a->left[i].by[c]; }
size_t cdr_agreement_chars(const cdr_agreement *a) { return a->chars; }
size_t cdr_agreement_units(const cdr_agreement *a, size_t i) { return a->vars[i].wunits; }
size_t cdr_agreement_coded(const cdr_agreement *a, size_t i) { return a->vars[i].wcoded; }
size_t cdr_agreement_conflicts(const cdr_agreement *a) { return a->conflicts; }

static int var_add_unit(struct variable *v, size_t ncoders, const double *values, double weight,
			struct unitref ref, int weighted)
{
	if (cdr_grow((void **)&v->values, &v->cap, (v->nunits + 1) * ncoders, sizeof(double)) < 0 ||
	    cdr_grow((void **)&v->units, &v->ucap, v->nunits + 1, sizeof(struct unitref)) < 0 ||
	    (weighted && cdr_grow((void **)&v->weights, &v->wcap, v->nunits + 1, sizeof(double)) < 0))
		return CDR_ENOMEM;
	memcpy(v->values + v->nunits * ncoders, values, ncoders * sizeof(double));
	if (weighted)
		v->weights[v->nunits] = weight;
	v->units[v->nunits++] = ref;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return (x > y) - (x < y);
}

static int cmp_seg(const void *a, const void *b)
{
	const struct seg *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start ? 1 : (x->end > y->end) - (x->end < y->end);
}

/* The segments of coder c, code, doc. */
static int segs_of(struct seg **out, size_t *n, cdr_codings *k, const char *doc, const char *code)
{
	size_t cap = 0;

	*out = NULL;
	*n = 0;
	for (size_t i = 0; i < cdr_codings_count(k); i++) {
		const cdr_coding *cd = cdr_codings_get(k, i);
		if (strcmp(cd->status, "rejected") == 0 || strcmp(cd->doc, doc) != 0 || strcmp(cd->code, code) != 0)
			continue;
		if (cdr_grow((void **)out, &cap, *n + 1, sizeof(struct seg)) < 0)
			return CDR_ENOMEM;
		(*out)[*n].start = cd->start;
		(*out)[(*n)++].end = cd->end;
	}
	cdr_sort(*out, *n, sizeof(struct seg), cmp_seg);
	return 0;
}

/* Does a segment of `segs` overlap [a, b)? */
static int overlaps(const struct seg *segs, size_t n, size_t a, size_t b)
{
	size_t lo = 0, hi = n;

	/* the first segment starting at or after b bounds the search */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (segs[mid].start < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* any of those that ends after a overlaps (ends are not sorted) */
	for (size_t i = 0; i < lo; i++)
		if (segs[i].end > a)
			return 1;
	return 0;
}

/* The unit spans of a document. */
static int doc_units(cdr_span **out, size_t *n, const cdr_document *doc, cdr_unit_kind kind)
{
	size_t count = kind == CDR_UNIT_TURN ? cdr_document_turn_count(doc) :
		       kind == CDR_UNIT_SENTENCE ? cdr_document_sentence_count(doc) :
		       kind == CDR_UNIT_PARAGRAPH ? cdr_document_paragraph_count(doc) : 1;
	cdr_span *v = cdr_malloc((count ? count : 1) * sizeof(cdr_span));

	if (v == NULL)
		return CDR_ENOMEM;
	for (size_t i = 0; i < count; i++) {
		switch (kind) {
		case CDR_UNIT_TURN: v[i] = cdr_document_turn(doc, i)->span; break;
		case CDR_UNIT_SENTENCE: v[i] = *cdr_document_sentence(doc, i); break;
		case CDR_UNIT_PARAGRAPH: v[i] = *cdr_document_paragraph(doc, i); break;
		default: v[i].start = 0; v[i].end = cdr_document_length(doc); break;
		}
	}
	*out = v;
	*n = count;
	return 0;
}

struct build {
	cdr_agreement *a;
	cdr_codings **sets;
	const cdr_agree_options *o;
	char **codes;
	size_t ncodes;
	const cdr_code **children;  /* --exclusive */
	size_t nchildren, children_cap;
	double *row;
	/* --by: the current document cut where its case changes */
	struct region *regions;
	size_t nregions, regions_cap;
	cdr_strmap group_of;        /* label -> index into a->groups */
};

/* A piece of a document that counts for one case (--by case), or the whole
 * document (--by doc). */
struct region {
	size_t start, end, group;
};

/* The group a unit starting at `offset` counts for: the region holding it
 * (a unit past the last region's end, the last). 0 without --by. */
static size_t group_at(const struct build *B, size_t offset)
{
	for (size_t i = 0; i < B->nregions; i++)
		if (offset < B->regions[i].end || i + 1 == B->nregions)
			return B->regions[i].group;
	return 0;
}

static int group_index(struct build *B, const char *label, size_t key, size_t *out)
{
	cdr_agreement *a = B->a;
	struct group *g;

	if (cdr_strmap_get(&B->group_of, label, out))
		return 0;
	if (cdr_grow((void **)&a->groups, &a->groups_cap, a->ngroups + 1, sizeof(struct group)) < 0)
		return CDR_ENOMEM;
	g = &a->groups[a->ngroups];
	memset(g, 0, sizeof(*g));
	if ((g->label = cdr_strdup(label)) == NULL)
		return CDR_ENOMEM;
	g->key = key;
	*out = a->ngroups++;
	return cdr_strmap_put(&B->group_of, g->label, *out) < 0 ? CDR_ENOMEM : 0;
}

/*
 * --by: cut document di where the case changes. Stretches of cases begin
 * and end where turns end (cases.h), so the document is looked at turn by
 * turn: each piece from the end of one turn to the end of the next
 * belongs to one case, the one cdr_cases_case_at gives for its start (a
 * document without a case is its own). Neighbours of one case are joined.
 */
static int doc_regions(struct build *B, cdr_project *p, size_t di, const cdr_document *doc)
{
	cdr_agreement *a = B->a;
	cdr_cases *cases = cdr_project_cases(p);
	size_t len = cdr_document_length(doc), nt = cdr_document_turn_count(doc), at = 0;
	int rc = 0;

	B->nregions = 0;
	for (size_t t = 0; t <= nt && rc == 0; t++) {
		size_t end = t < nt ? cdr_document_turn(doc, t)->span.end : len, g;
		long c = -1;
		if (end <= at && !(t == nt && B->nregions == 0))
			continue;
		if (end < at)
			end = at;
		if (B->o->by == CDR_AGREE_BY_CASE && (rc = cdr_cases_case_at(cases, p, a->docs[di], at, &c)) < 0)
			break;
		if (c >= 0)
			rc = group_index(B, cdr_cases_id(cases, (size_t)c), (size_t)c, &g);
		else
			rc = group_index(B, a->docs[di], cdr_cases_count(cases) + di, &g);
		if (rc < 0)
			break;
		if (B->nregions > 0 && B->regions[B->nregions - 1].group == g) {
			B->regions[B->nregions - 1].end = end;
		} else {
			if (cdr_grow((void **)&B->regions, &B->regions_cap, B->nregions + 1, sizeof(struct region)) < 0)
				return CDR_ENOMEM;
			B->regions[B->nregions++] = (struct region){ at, end, g };
		}
		at = end;
	}
	return rc;
}

/* Every coder's segments of one code in one document. */
struct coder_segs {
	struct seg **v;
	size_t *n;
};

static int coder_segs_load(struct coder_segs *cs, struct build *B, size_t di, const char *code)
{
	cdr_agreement *a = B->a;
	int rc = 0;

	cs->v = cdr_calloc(a->ncoders, sizeof(struct seg *));
	cs->n = cdr_calloc(a->ncoders, sizeof(size_t));
	if (cs->v == NULL || cs->n == NULL)
		return CDR_ENOMEM;
	for (size_t c = 0; c < a->ncoders && rc == 0; c++)
		rc = segs_of(&cs->v[c], &cs->n[c], B->sets[c], a->docs[di], code);
	return rc;
}

static void coder_segs_free(struct coder_segs *cs, size_t ncoders)
{
	for (size_t c = 0; cs->v && c < ncoders; c++)
		free(cs->v[c]);
	free(cs->v);
	free(cs->n);
}

/* Binary presence per unit of one code in one document. */
static int code_units(struct build *B, size_t vi, size_t di, const cdr_document *doc, const cdr_span *units,
		      size_t nunits, const char *code)
{
	cdr_agreement *a = B->a;
	struct coder_segs cs;
	int rc = coder_segs_load(&cs, B, di, code);

	for (size_t u = 0; u < nunits && rc == 0; u++) {
		int any = 0;
		struct unitref ref = { di, units[u].start, units[u].end, cdr_document_turn_at(doc, units[u].start),
				       group_at(B, units[u].start) };
		for (size_t c = 0; c < a->ncoders; c++) {
			B->row[c] = overlaps(cs.v[c], cs.n[c], units[u].start, units[u].end);
			any |= B->row[c] != 0;
		}
		if (any || !B->o->only_coded)
			rc = var_add_unit(&a->vars[vi], a->ncoders, B->row, 1, ref, 0);
	}
	coder_segs_free(&cs, a->ncoders);
	return rc;
}

/* Character units: runs between every boundary of every coder's segments. */
static int code_chars(struct build *B, size_t vi, size_t di, const cdr_document *doc, const char *code)
{
	cdr_agreement *a = B->a;
	struct coder_segs cs;
	size_t *bounds = NULL, nb = 0, bcap = 0;
	size_t length = cdr_document_length(doc);
	int rc;

	if ((rc = coder_segs_load(&cs, B, di, code)) < 0)
		goto done;
	if ((rc = cdr_grow((void **)&bounds, &bcap, 2, sizeof(size_t))) < 0)
		goto done;
	bounds[nb++] = 0;
	bounds[nb++] = length;
	/* --by case: a run never crosses from one case into the next */
	for (size_t r = 0; r + 1 < B->nregions; r++) {
		if ((rc = cdr_grow((void **)&bounds, &bcap, nb + 1, sizeof(size_t))) < 0)
			goto done;
		bounds[nb++] = B->regions[r].end < length ? B->regions[r].end : length;
	}
	for (size_t c = 0; c < a->ncoders; c++)
		for (size_t i = 0; i < cs.n[c]; i++) {
			if ((rc = cdr_grow((void **)&bounds, &bcap, nb + 2, sizeof(size_t))) < 0)
				goto done;
			bounds[nb++] = cs.v[c][i].start < length ? cs.v[c][i].start : length;
			bounds[nb++] = cs.v[c][i].end < length ? cs.v[c][i].end : length;
		}
	cdr_sort(bounds, nb, sizeof(size_t), cmp_size);
	for (size_t i = 0; i + 1 < nb && rc == 0; i++) {
		size_t s = bounds[i], e = bounds[i + 1];
		int any = 0;
		struct unitref ref = { di, s, e, cdr_document_turn_at(doc, s), group_at(B, s) };
		if (e == s)
			continue;
		for (size_t c = 0; c < a->ncoders; c++) {
			B->row[c] = overlaps(cs.v[c], cs.n[c], s, e);
			any |= B->row[c] != 0;
		}
		if (any || !B->o->only_coded)
			rc = var_add_unit(&a->vars[vi], a->ncoders, B->row, (double)(e - s), ref, 1);
	}
done:
	coder_segs_free(&cs, a->ncoders);
	free(bounds);
	return rc;
}

/* Segment level (MAXQDA): each coder's segment is a unit; another coder
 * agrees when one of their segments of the code overlaps it by at least
 * the given share of the two segments' union. */
static int code_segments(struct build *B, size_t vi, size_t di, const cdr_document *doc, const char *code)
{
	cdr_agreement *a = B->a;
	struct coder_segs cs;
	int rc = coder_segs_load(&cs, B, di, code);

	for (size_t c = 0; c < a->ncoders && rc == 0; c++) {
		for (size_t i = 0; i < cs.n[c] && rc == 0; i++) {
			struct seg s = cs.v[c][i];
			struct unitref ref = { di, s.start, s.end, cdr_document_turn_at(doc, s.start), group_at(B, s.start) };
			for (size_t o = 0; o < a->ncoders; o++) {
				int match = o == c;
				for (size_t j = 0; j < cs.n[o] && !match; j++) {
					struct seg t = cs.v[o][j];
					size_t lo = s.start > t.start ? s.start : t.start, hi = s.end < t.end ? s.end : t.end;
					size_t ulo = s.start < t.start ? s.start : t.start, uhi = s.end > t.end ? s.end : t.end;
					if (hi > lo && 100.0 * (double)(hi - lo) / (double)(uhi - ulo) >= B->o->overlap)
						match = 1;
				}
				B->row[o] = match;
			}
			rc = var_add_unit(&a->vars[vi], a->ncoders, B->row, 1, ref, 0);
		}
	}
	coder_segs_free(&cs, a->ncoders);
	return rc;
}

/* --exclusive: per unit, which child of the group each coder used. */
static int group_units(struct build *B, size_t di, const cdr_document *doc, const cdr_span *units, size_t nunits)
{
	cdr_agreement *a = B->a;
	size_t nk = B->nchildren;
	struct seg **segs = cdr_calloc(a->ncoders * nk + 1, sizeof(struct seg *));
	size_t *nsegs = cdr_calloc(a->ncoders * nk + 1, sizeof(size_t));
	int rc = 0;

	if (segs == NULL || nsegs == NULL) {
		free(segs);
		free(nsegs);
		return CDR_ENOMEM;
	}
	for (size_t c = 0; c < a->ncoders && rc == 0; c++)
		for (size_t k = 0; k < nk && rc == 0; k++)
			rc = segs_of(&segs[c * nk + k], &nsegs[c * nk + k], B->sets[c], a->docs[di],
				     B->children[k]->qualified);
	for (size_t u = 0; u < nunits && rc == 0; u++) {
		int any = 0;
		struct unitref ref = { di, units[u].start, units[u].end, cdr_document_turn_at(doc, units[u].start),
				       group_at(B, units[u].start) };
		for (size_t c = 0; c < a->ncoders; c++) {
			size_t hits = 0;
			B->row[c] = 0;
			for (size_t k = 0; k < nk; k++)
				if (overlaps(segs[c * nk + k], nsegs[c * nk + k], units[u].start, units[u].end)) {
					if (hits++ == 0)
						B->row[c] = (double)(k + 1);
				}
			if (hits > 1)
				a->conflicts++;
			any |= B->row[c] != 0;
		}
		if (any || !B->o->only_coded)
			rc = var_add_unit(&a->vars[0], a->ncoders, B->row, 1, ref, 0);
	}
	for (size_t i = 0; i < a->ncoders * nk; i++)
		free(segs[i]);
	free(segs);
	free(nsegs);
	return rc;
}

static int add_var(cdr_agreement *a, const char *name)
{
	if (cdr_grow((void **)&a->vars, &a->vars_cap, a->nvars + 1, sizeof(struct variable)) < 0)
		return CDR_ENOMEM;
	memset(&a->vars[a->nvars], 0, sizeof(struct variable));
	if ((a->vars[a->nvars].name = cdr_strdup(name)) == NULL)
		return CDR_ENOMEM;
	a->nvars++;
	return 0;
}

/* Turn a variable's collected rows into reliability data, counting its
 * units and coded units (a run of characters as its length). */
static int finish_var(struct variable *v, size_t ncoders)
{
	int rc = cdr_rdata_new(&v->data, v->nunits, ncoders);

	for (size_t u = 0; u < v->nunits && rc == 0; u++) {
		size_t w = v->weights ? (size_t)v->weights[u] : 1;
		int any = 0;
		for (size_t c = 0; c < ncoders && rc == 0; c++) {
			double x = v->values[u * ncoders + c];
			rc = cdr_rdata_set(v->data, u, c, x);
			any |= !isnan(x) && x != 0;
		}
		v->wunits += w;
		v->wcoded += any ? w : 0;
		if (v->weights)
			rc = cdr_rdata_set_weight(v->data, u, v->weights[u]);
	}
	if (rc == 0)
		rc = cdr_rdata_sum(&v->table, (const cdr_rdata *const *)&v->data, 1, ncoders);
	return rc;
}

/* --by: every unit of every variable into its group's table. */
static int finish_groups(cdr_agreement *a)
{
	size_t nc = a->ncoders;
	int rc = 0;

	for (size_t vi = 0; vi < a->nvars; vi++) {
		const struct variable *v = &a->vars[vi];
		for (size_t u = 0; u < v->nunits; u++) {
			struct group *g = &a->groups[v->units[u].group];
			double w = v->weights ? v->weights[u] : 1;
			int any = 0;
			if (cdr_grow((void **)&g->values, &g->cap, (g->n + 1) * nc, sizeof(double)) < 0 ||
			    cdr_grow((void **)&g->weights, &g->wcap, g->n + 1, sizeof(double)) < 0)
				return CDR_ENOMEM;
			memcpy(g->values + g->n * nc, v->values + u * nc, nc * sizeof(double));
			for (size_t c = 0; c < nc; c++)
				any |= !isnan(v->values[u * nc + c]) && v->values[u * nc + c] != 0;
			g->weights[g->n++] = w;
			g->wunits += (size_t)w;
			g->wcoded += any ? (size_t)w : 0;
		}
	}
	for (size_t i = 0; i < a->ngroups && rc == 0; i++) {
		struct group *g = &a->groups[i];
		cdr_rdata *d = NULL;
		if ((rc = cdr_rdata_new(&d, g->n, nc)) < 0)
			break;
		for (size_t u = 0; u < g->n && rc == 0; u++) {
			for (size_t c = 0; c < nc && rc == 0; c++)
				rc = cdr_rdata_set(d, u, c, g->values[u * nc + c]);
			if (rc == 0)
				rc = cdr_rdata_set_weight(d, u, g->weights[u]);
		}
		if (rc == 0)
			rc = cdr_rdata_sum(&g->table, (const cdr_rdata *const *)&d, 1, nc);
		cdr_rdata_free(d);
		free(g->values);
		free(g->weights);
		g->values = g->weights = NULL;
	}
	return rc;
}

static int cmp_group(const void *x, const void *y)
{
	const struct group *a = x, *b = y;
	return (a->key > b->key) - (a->key < b->key);
}

int cdr_agreement_finish_overall(cdr_agreement *a, int exclusive)
{
	const cdr_rdata **parts;
	int rc;

	if (exclusive)
		return 0;
	if ((parts = cdr_calloc(a->nvars + 1, sizeof(*parts))) == NULL)
		return CDR_ENOMEM;
	for (size_t i = 0; i < a->nvars; i++)
		parts[i] = a->vars[i].table;
	rc = cdr_rdata_sum(&a->overall_table, parts, a->nvars, a->ncoders);
	free(parts);
	return rc;
}

static int cmp_unitref(const void *x, const void *y)
{
	const struct unitref *a = x, *b = y;
	return (a->start > b->start) - (a->start < b->start);
}

/* Characters of one document in character units of any variable from
 * index `from[vi]` on (the units this document added), each counted once. */
static int count_chars(cdr_agreement *a, const size_t *from)
{
	struct unitref *all = NULL;
	size_t n = 0, cap = 0, end = 0;

	for (size_t vi = 0; vi < a->nvars; vi++) {
		const struct variable *v = &a->vars[vi];
		for (size_t u = from[vi]; u < v->nunits; u++) {
			if (cdr_grow((void **)&all, &cap, n + 1, sizeof(struct unitref)) < 0) {
				free(all);
				return CDR_ENOMEM;
			}
			all[n++] = v->units[u];
		}
	}
	cdr_sort(all, n, sizeof(struct unitref), cmp_unitref);
	for (size_t i = 0; i < n; i++) {
		size_t s = all[i].start > end ? all[i].start : end;
		if (all[i].end > s)
			a->chars += all[i].end - s;
		if (all[i].end > end)
			end = all[i].end;
	}
	free(all);
	return 0;
}

/* All codes pooled: every (unit, code) one binary item. */
static int finish_overall(cdr_agreement *a)
{
	size_t total = 0, at = 0;
	int rc;

	for (size_t i = 0; i < a->nvars; i++)
		total += a->vars[i].nunits;
	if ((rc = cdr_rdata_new(&a->overall, total, a->ncoders)) < 0)
		return rc;
	for (size_t i = 0; i < a->nvars && rc == 0; i++) {
		const struct variable *v = &a->vars[i];
		for (size_t u = 0; u < v->nunits && rc == 0; u++, at++) {
			for (size_t c = 0; c < a->ncoders && rc == 0; c++)
				rc = cdr_rdata_set(a->overall, at, c, v->values[u * a->ncoders + c]);
			if (rc == 0 && v->weights)
				rc = cdr_rdata_set_weight(a->overall, at, v->weights[u]);
		}
	}
	return rc;
}

/* Does the coder have a codings file? 1 or 0, or a CDR_E* code when the
 * list could not be read (out of memory is no "no such coder"). */
static int coder_exists(const cdr_project *p, const char *coder)
{
	char **names;
	size_t n;
	int found = 0, rc;

	if ((rc = cdr_coders_list(&names, &n, p)) < 0)
		return rc;
	for (size_t i = 0; i < n; i++)
		found |= strcmp(names[i], coder) == 0;
	cdr_coders_free(names, n);
	return found;
}

/* The ids of the documents a coder has a coding in (not a rejected
 * proposal), sorted and distinct; the strings belong to the codings. */
static int coded_docs(const char ***out, size_t *n, cdr_codings *k)
{
	const char **v = NULL;
	size_t cap = 0, m = 0;

	*out = NULL;
	*n = 0;
	for (size_t i = 0; i < cdr_codings_count(k); i++) {
		const cdr_coding *cd = cdr_codings_get(k, i);
		if (strcmp(cd->status, "rejected") == 0 || (m > 0 && strcmp(v[m - 1], cd->doc) == 0))
			continue; /* codings come in runs of one document */
		if (cdr_grow((void **)&v, &cap, m + 1, sizeof(char *)) < 0) {
			free(v);
			return CDR_ENOMEM;
		}
		v[m++] = cd->doc;
	}
	cdr_sort(v, m, sizeof(char *), cmp_str);
	*n = 0;
	for (size_t i = 0; i < m; i++)
		if (*n == 0 || strcmp(v[*n - 1], v[i]) != 0)
			v[(*n)++] = v[i];
	*out = v;
	return 0;
}

/* The documents every coder coded (with all_docs: any coder), sorted;
 * those some coders coded and others did not are, without all_docs,
 * remembered as left out, with who did not code them. */
static int common_docs(struct build *B, const cdr_project *p)
{
	cdr_agreement *a = B->a;
	const char ***ids = cdr_calloc(a->ncoders, sizeof(char **));
	size_t *nids = cdr_calloc(a->ncoders, sizeof(size_t)), cap = 0;
	unsigned char *missing = cdr_calloc(a->ncoders, 1);
	int rc = 0;

	if (ids == NULL || nids == NULL || missing == NULL)
		rc = CDR_ENOMEM;
	for (size_t c = 0; c < a->ncoders && rc == 0; c++)
		rc = coded_docs(&ids[c], &nids[c], B->sets[c]);
	for (size_t d = 0; d < cdr_project_doc_count(p) && rc == 0; d++) {
		const char *id = cdr_project_doc_id(p, d);
		size_t have = 0;
		for (size_t c = 0; c < a->ncoders; c++) {
			missing[c] = cdr_search(&id, ids[c], nids[c], sizeof(char *), cmp_str) == NULL;
			have += !missing[c];
		}
		if (have == 0)
			continue;
		if (have < a->ncoders && !B->o->all_docs) {
			struct left_out *l;
			if (cdr_grow((void **)&a->left, &a->left_cap, a->nleft + 1, sizeof(struct left_out)) < 0) {
				rc = CDR_ENOMEM;
				break;
			}
			l = &a->left[a->nleft];
			l->by = NULL;
			if ((l->doc = cdr_strdup(id)) == NULL || (l->by = cdr_malloc(a->ncoders)) == NULL) {
				free(l->doc);
				rc = CDR_ENOMEM;
				break;
			}
			memcpy(l->by, missing, a->ncoders);
			a->nleft++;
			continue;
		}
		if (cdr_grow((void **)&a->docs, &cap, a->ndocs + 1, sizeof(char *)) < 0 ||
		    (a->docs[a->ndocs] = cdr_strdup(id)) == NULL) {
			rc = CDR_ENOMEM;
			break;
		}
		a->ndocs++;
	}
	for (size_t c = 0; ids && c < a->ncoders; c++)
		free(ids[c]);
	free(ids);
	free(nids);
	free(missing);
	if (rc == 0)
		cdr_sort(a->docs, a->ndocs, sizeof(char *), cmp_str);
	return rc;
}

/* The codes the coders used in the documents, in scheme order. */
static int used_codes(struct build *B, const cdr_schemes *set)
{
	cdr_agreement *a = B->a;
	char **seen = NULL;
	size_t nseen = 0, cap = 0, ccap = 0;

	for (size_t c = 0; c < a->ncoders; c++)
		for (size_t i = 0; i < cdr_codings_count(B->sets[c]); i++) {
			const cdr_coding *cd = cdr_codings_get(B->sets[c], i);
			const char *key = cd->doc;
			if (strcmp(cd->status, "rejected") == 0 ||
			    cdr_search(&key, a->docs, a->ndocs, sizeof(char *), cmp_str) == NULL)
				continue;
			key = cd->code;
			if (cdr_search(&key, seen, nseen, sizeof(char *), cmp_str))
				continue;
			if (cdr_grow((void **)&seen, &cap, nseen + 1, sizeof(char *)) < 0) {
				free(seen);
				return CDR_ENOMEM;
			}
			seen[nseen++] = cd->code;
			cdr_sort(seen, nseen, sizeof(char *), cmp_str);
		}
	/* scheme order first, then codes no scheme knows (by name) */
	for (size_t s = 0; s < cdr_schemes_count(set); s++) {
		const cdr_scheme *scheme = cdr_schemes_get(set, s);
		for (size_t i = 0; i < cdr_scheme_code_count(scheme); i++) {
			const char *q = cdr_scheme_code(scheme, i)->qualified;
			char **hit = cdr_search(&q, seen, nseen, sizeof(char *), cmp_str);
			if (hit == NULL)
				continue;
			if (cdr_grow((void **)&B->codes, &ccap, B->ncodes + 1, sizeof(char *)) < 0 ||
			    (B->codes[B->ncodes] = cdr_strdup(q)) == NULL) {
				free(seen);
				return CDR_ENOMEM;
			}
			B->ncodes++;
			*hit = (char *)""; /* taken */
		}
	}
	for (size_t i = 0; i < nseen; i++) {
		if (*seen[i] == '\0')
			continue;
		if (cdr_grow((void **)&B->codes, &ccap, B->ncodes + 1, sizeof(char *)) < 0 ||
		    (B->codes[B->ncodes] = cdr_strdup(seen[i])) == NULL) {
			free(seen);
			return CDR_ENOMEM;
		}
		B->ncodes++;
	}
	free(seen);
	return 0;
}

int cdr_agreement_build(cdr_agreement **out, cdr_project *p, const cdr_schemes *set,
			const cdr_agree_options *o)
{
	struct build B = { 0 };
	cdr_agreement *a;
	size_t *from = NULL; /* per variable: its units before the current document */
	int rc = 0;

	*out = NULL;
	if (o->ncoders < 2)
		return cdr_error_set(CDR_EUSAGE, "agreement needs two or more coders");
	if ((a = cdr_calloc(1, sizeof(*a))) == NULL)
		return CDR_ENOMEM;
	B.a = a;
	B.o = o;
	a->unit = o->unit;
	if ((a->coders = cdr_calloc(o->ncoders, sizeof(char *))) == NULL ||
	    (B.sets = cdr_calloc(o->ncoders, sizeof(cdr_codings *))) == NULL ||
	    (B.row = cdr_calloc(o->ncoders, sizeof(double))) == NULL) {
		rc = CDR_ENOMEM;
		goto done;
	}
	for (size_t c = 0; c < o->ncoders; c++) {
		for (size_t d = 0; d < c; d++)
			if (strcmp(o->coders[c], o->coders[d]) == 0) {
				rc = cdr_error_set(CDR_EUSAGE, "coder '%s' is named twice", o->coders[c]);
				goto done;
			}
		rc = cdr_coder_valid(o->coders[c]) ? coder_exists(p, o->coders[c]) : 0;
		/* a part of a corpus may hold none of a coder's documents: there the
		 * coder coded nothing, as in the whole corpus */
		if (rc == 0 && o->partial && cdr_coder_valid(o->coders[c]))
			rc = 1;
		if (rc <= 0) {
			if (rc == 0)
				rc = cdr_error_set(CDR_ENOTFOUND, "no coder '%s' in the project (see 'codeer code list')",
						   o->coders[c]);
			goto done;
		}
		if ((a->coders[c] = cdr_strdup(o->coders[c])) == NULL) {
			rc = CDR_ENOMEM;
			goto done;
		}
		a->ncoders++;
		if ((rc = cdr_codings_load(&B.sets[c], p, o->coders[c], NULL, NULL)) < 0)
			goto done;
	}
	if (o->ndocs) {
		if ((a->docs = cdr_calloc(o->ndocs, sizeof(char *))) == NULL) {
			rc = CDR_ENOMEM;
			goto done;
		}
		for (size_t d = 0; d < o->ndocs; d++) {
			if (!cdr_project_has_doc(p, o->docs[d])) {
				rc = cdr_error_set(CDR_ENOTFOUND, "no document '%s' in the project (see 'codeer docs')", o->docs[d]);
				goto done;
			}
			if ((a->docs[a->ndocs] = cdr_strdup(o->docs[d])) == NULL) {
				rc = CDR_ENOMEM;
				goto done;
			}
			a->ndocs++;
		}
		cdr_sort(a->docs, a->ndocs, sizeof(char *), cmp_str);
	} else if ((rc = common_docs(&B, p)) < 0) {
		goto done;
	}
	if (a->ndocs == 0 && !o->partial) {
		cdr_buf names = CDR_BUF_INIT;
		for (size_t c = 0; c < a->ncoders; c++)
			cdr_buf_printf(&names, "%s%s", c ? (c + 1 == a->ncoders ? " and " : ", ") : "", a->coders[c]);
		if (o->all_docs)
			rc = cdr_error_set(CDR_ENOTFOUND, "coders %s have not coded any document", names.data ? names.data : "");
		else
			rc = cdr_error_set(CDR_ENOTFOUND, "coders %s have no document in common%s", names.data ? names.data : "",
					   a->nleft ? ", only documents some of them did not code" : "");
		cdr_buf_free(&names);
		goto done;
	}
	if (o->exclusive && (o->unit == CDR_UNIT_CHAR || o->overlap > 0)) {
		/* a group's choice is made per unit; runs and segments belong to one code */
		rc = cdr_error_set(CDR_EUSAGE, "the subcodes of %s are compared per turn, sentence, paragraph or "
				   "document, not per %s", o->exclusive, o->overlap > 0 ? "segment" : "character");
		goto done;
	}
	if (o->exclusive) {
		const cdr_code *group;
		const cdr_scheme *scheme;
		char sid[256];
		if ((rc = cdr_schemes_resolve(&group, set, o->exclusive)) < 0)
			goto done;
		snprintf(sid, sizeof(sid), "%.*s", (int)(strchr(group->qualified, '/') - group->qualified), group->qualified);
		scheme = cdr_schemes_find(set, sid);
		for (size_t i = 0; i < cdr_scheme_code_count(scheme); i++) {
			const cdr_code *k = cdr_scheme_code(scheme, i);
			if (k->parent < 0 || cdr_scheme_code(scheme, (size_t)k->parent) != group)
				continue;
			if (cdr_grow((void **)&B.children, &B.children_cap, B.nchildren + 1, sizeof(cdr_code *)) < 0) {
				rc = CDR_ENOMEM;
				goto done;
			}
			B.children[B.nchildren++] = k;
		}
		if (B.nchildren < 2) {
			rc = cdr_error_set(CDR_EUSAGE, "%s needs two or more subcodes to be compared as one choice",
					   group->qualified);
			goto done;
		}
		if ((rc = add_var(a, group->qualified)) < 0)
			goto done;
		if ((a->vars[0].labels = cdr_calloc(B.nchildren + 1, sizeof(char *))) == NULL ||
		    (a->vars[0].labels[0] = cdr_strdup("(none)")) == NULL) {
			rc = CDR_ENOMEM;
			goto done;
		}
		a->vars[0].nlabels = 1;
		for (size_t k = 0; k < B.nchildren; k++) {
			if ((a->vars[0].labels[k + 1] = cdr_strdup(B.children[k]->qualified)) == NULL) {
				rc = CDR_ENOMEM;
				goto done;
			}
			a->vars[0].nlabels++;
		}
	} else if (o->ncodes) {
		if ((B.codes = cdr_calloc(o->ncodes, sizeof(char *))) == NULL) {
			rc = CDR_ENOMEM;
			goto done;
		}
		for (size_t i = 0; i < o->ncodes; i++) {
			const cdr_code *code;
			if ((rc = cdr_schemes_resolve(&code, set, o->codes[i])) < 0)
				goto done;
			if ((B.codes[B.ncodes++] = cdr_strdup(code->qualified)) == NULL) {
				rc = CDR_ENOMEM;
				goto done;
			}
		}
	} else if ((rc = used_codes(&B, set)) < 0) {
		goto done;
	}
	for (size_t i = 0; i < B.ncodes && rc == 0; i++)
		rc = add_var(a, B.codes[i]);
	if (rc == 0 && (from = cdr_calloc(a->nvars + 1, sizeof(size_t))) == NULL)
		rc = CDR_ENOMEM;
	/* document by document: memory stays bounded by one document */
	for (size_t di = 0; di < a->ndocs && rc == 0; di++) {
		cdr_document *doc = NULL;
		cdr_span *units = NULL;
		size_t nunits = 0;
		if ((rc = cdr_project_doc_load(&doc, p, a->docs[di], 0)) < 0)
			break;
		for (size_t vi = 0; vi < a->nvars; vi++)
			from[vi] = a->vars[vi].nunits;
		if (o->by != CDR_AGREE_BY_NONE)
			rc = doc_regions(&B, p, di, doc);
		if (rc == 0 && o->unit == CDR_UNIT_DOCUMENT && o->overlap <= 0 && o->by != CDR_AGREE_BY_NONE) {
			/* per case, a document is cut into the pieces its cases hold */
			if ((units = cdr_calloc(B.nregions + 1, sizeof(cdr_span))) == NULL)
				rc = CDR_ENOMEM;
			for (size_t r = 0; rc == 0 && r < B.nregions; r++)
				units[nunits++] = (cdr_span){ B.regions[r].start, B.regions[r].end };
		} else if (rc == 0 && o->unit != CDR_UNIT_CHAR && o->overlap <= 0) {
			rc = doc_units(&units, &nunits, doc, o->unit);
		}
		/* what a code nobody coded here adds: every unit, uncoded */
		if (!o->only_coded && o->overlap <= 0)
			a->blank += o->unit == CDR_UNIT_CHAR ? cdr_document_length(doc) : nunits;
		if (rc == 0 && o->exclusive)
			rc = group_units(&B, di, doc, units, nunits);
		for (size_t vi = 0; rc == 0 && !o->exclusive && vi < a->nvars; vi++) {
			if (o->overlap > 0)
				rc = code_segments(&B, vi, di, doc, a->vars[vi].name);
			else if (o->unit == CDR_UNIT_CHAR)
				rc = code_chars(&B, vi, di, doc, a->vars[vi].name);
			else
				rc = code_units(&B, vi, di, doc, units, nunits, a->vars[vi].name);
		}
		if (rc == 0 && o->unit == CDR_UNIT_CHAR && o->overlap <= 0)
			rc = count_chars(a, from);
		free(units);
		cdr_document_free(doc);
	}
	for (size_t vi = 0; vi < a->nvars && rc == 0; vi++)
		rc = finish_var(&a->vars[vi], a->ncoders);
	if (rc == 0 && !o->exclusive)
		rc = finish_overall(a);
	if (rc == 0)
		rc = cdr_agreement_finish_overall(a, o->exclusive != NULL);
	if (rc == 0 && o->by != CDR_AGREE_BY_NONE && (rc = finish_groups(a)) == 0)
		cdr_sort(a->groups, a->ngroups, sizeof(struct group), cmp_group);
done:
	free(B.regions);
	cdr_strmap_clear(&B.group_of);
	for (size_t c = 0; B.sets && c < o->ncoders; c++)
		cdr_codings_free(B.sets[c]);
	free(B.sets);
	for (size_t i = 0; i < B.ncodes; i++)
		free(B.codes[i]);
	free(B.codes);
	free(B.children);
	free(B.row);
	free(from);
	if (rc < 0) {
		cdr_agreement_free(a);
		return rc;
	}
	*out = a;
	return 0;
}

/* ---- the per-code summary ------------------------------------------------ */

static int cmp_row(const void *x, const void *y)
{
	const cdr_agreement_row *a = x, *b = y;
	int c;

	/* worst first; undefined last; then by code id, then (never equal
	 * names, but a total order all the same) by position */
	if (a->key.defined != b->key.defined)
		return a->key.defined ? -1 : 1;
	if (a->key.defined && a->key.value != b->key.value)
		return a->key.value < b->key.value ? -1 : 1;
	if ((c = strcmp(a->code, b->code)) != 0)
		return c;
	return (a->index > b->index) - (a->index < b->index);
}

int cdr_agreement_summary(cdr_agreement_row **out, const cdr_agreement *a, const cdr_coef_spec *by)
{
	static const cdr_coef_spec alpha = { CDR_COEF_ALPHA, CDR_WEIGHTS_NONE, CDR_LEVEL_NOMINAL, 0 };
	cdr_coef_choice kappa = cdr_agree_kappa_choice(a->ncoders);
	cdr_agreement_row *rows;

	*out = NULL;
	if ((rows = cdr_calloc(a->nvars ? a->nvars : 1, sizeof(*rows))) == NULL)
		return CDR_ENOMEM;
	for (size_t i = 0; i < a->nvars; i++) {
		/* the sums, so that a merge of partial tables orders as the whole does */
		const cdr_rdata *d = a->vars[i].table;
		cdr_agreement_row *r = &rows[i];
		r->index = i;
		r->code = a->vars[i].name;
		r->units = a->vars[i].wunits;
		r->coded = a->vars[i].wcoded;
		r->percent = cdr_agree_percent(d);
		r->kappa = cdr_agree_compute(d, &kappa.spec);
		r->alpha = cdr_agree_compute(d, &alpha);
		r->key = cdr_agree_compute(d, by ? by : &alpha);
		if (r->percent.rc < 0 || r->kappa.rc < 0 || r->alpha.rc < 0 || r->key.rc < 0) {
			free(rows);
			return CDR_ENOMEM;
		}
		/* a NaN value would break the order; it is never defined */
		if (r->key.defined && isnan(r->key.value))
			r->key.defined = 0;
	}
	cdr_sort(rows, a->nvars, sizeof(*rows), cmp_row);
	*out = rows;
	return 0;
}

static const char *value_label(const struct variable *v, double x)
{
	if (isnan(x))
		return "";
	if (v->labels && x >= 0 && (size_t)x < v->nlabels)
		return v->labels[(size_t)x];
	return x != 0 ? "yes" : "no";
}

int cdr_agreement_disagreements(const cdr_agreement *a, cdr_project *p, cdr_disagreement_fn fn, void *ctx)
{
	cdr_document *doc = NULL;
	size_t loaded = (size_t)-1;
	const char **values = cdr_calloc(a->ncoders, sizeof(char *));
	int rc = 0;

	if (values == NULL)
		return CDR_ENOMEM;
	for (size_t vi = 0; vi < a->nvars && rc == 0; vi++) {
		const struct variable *v = &a->vars[vi];
		for (size_t u = 0; u < v->nunits && rc == 0; u++) {
			const double *row = v->values + u * a->ncoders;
			const struct unitref *ref = &v->units[u];
			int differ = 0;
			char *text, *preview;
			cdr_disagreement dis;
			for (size_t c = 1; c < a->ncoders; c++)
				differ |= !(isnan(row[c]) && isnan(row[0])) && row[c] != row[0];
			if (!differ)
				continue;
			if (loaded != ref->doc) {
				cdr_document_free(doc);
				doc = NULL;
				if ((rc = cdr_project_doc_load(&doc, p, a->docs[ref->doc], 1)) < 0)
					break;
				loaded = ref->doc;
			}
			if ((text = cdr_document_slice(doc, (cdr_span){ ref->start, ref->end })) == NULL) {
				rc = CDR_ENOMEM;
				break;
			}
			preview = cdr_text_preview(text, strlen(text), 160);
			free(text);
			if (preview == NULL) {
				rc = CDR_ENOMEM;
				break;
			}
			for (size_t c = 0; c < a->ncoders; c++)
				values[c] = value_label(v, row[c]);
			dis.variable = v->name;
			dis.doc = a->docs[ref->doc];
			dis.span.start = ref->start;
			dis.span.end = ref->end;
			dis.turn = ref->turn;
			dis.speaker = ref->turn >= 0 ? cdr_document_turn(doc, (size_t)ref->turn)->speaker : "";
			dis.text = preview;
			dis.values = values;
			rc = fn(ctx, &dis);
			free(preview);
		}
	}
	cdr_document_free(doc);
	free(values);
	return rc;
}

/* ---- consensus coders ---------------------------------------------------- */

struct edge {
	size_t at;
	int delta;
};

static int cmp_edge(const void *a, const void *b)
{
	const struct edge *x = a, *y = b;
	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return x->delta - y->delta; /* ends before starts at one point: no zero-length runs */
}

/* Is this the coder autocode writes (by name, or by holding rule codings)? */
static int rules_coder(const char *name, cdr_codings *k)
{
	if (strcmp(name, "auto") == 0)
		return 1;
	for (size_t i = 0; i < cdr_codings_count(k); i++)
		if (strncmp(cdr_codings_get(k, i)->origin, "rule:", 5) == 0)
			return 1;
	return 0;
}

static const char *const merge_rule_names[] = { "both", "either", "majority" };

int cdr_merge_rule_parse(cdr_merge_rule *out, const char *name)
{
	for (int i = 0; i < 3; i++)
		if (strcmp(name, merge_rule_names[i]) == 0) {
			*out = (cdr_merge_rule)i;
			return 0;
		}
	return cdr_error_set(CDR_EUSAGE, "unknown rule '%s' (use both, either or majority)", name);
}

const char *cdr_merge_rule_name(cdr_merge_rule rule)
{
	return merge_rule_names[rule];
}

int cdr_agreement_merge(cdr_project *p, const char *const *coders, size_t ncoders, const char *into,
			cdr_merge_rule rule, int force, size_t *written)
{
	cdr_codings **sets = NULL, *out = NULL;
	char origin[512];
	size_t need;
	int rc = 0;

	*written = 0;
	if (ncoders < 2)
		return cdr_error_set(CDR_EUSAGE, "a consensus needs two or more coders");
	if (!cdr_coder_valid(into))
		return cdr_error_set(CDR_EUSAGE, "'%s' is not a valid coder name", into);
	for (size_t c = 0; c < ncoders; c++) {
		if (strcmp(coders[c], into) == 0)
			return cdr_error_set(CDR_EUSAGE, "the consensus coder '%s' cannot be one of the coders merged", into);
		int found = cdr_coder_valid(coders[c]) ? coder_exists(p, coders[c]) : 0;
		if (found < 0)
			return found;
		if (found == 0)
			return cdr_error_set(CDR_ENOTFOUND, "no coder '%s' in the project (see 'codeer code list')", coders[c]);
	}
	need = rule == CDR_MERGE_BOTH ? ncoders : rule == CDR_MERGE_EITHER ? 1 : ncoders / 2 + 1;
	snprintf(origin, sizeof(origin), "consensus:%s:", cdr_merge_rule_name(rule));
	for (size_t c = 0; c < ncoders; c++)
		snprintf(origin + strlen(origin), sizeof(origin) - strlen(origin), "%s%s", c ? "+" : "", coders[c]);
	if ((rc = cdr_project_lock(p, NULL)) < 0)
		return rc;
	if ((sets = cdr_calloc(ncoders, sizeof(cdr_codings *))) == NULL)
		return CDR_ENOMEM;
	for (size_t c = 0; c < ncoders && rc == 0; c++)
		rc = cdr_codings_load(&sets[c], p, coders[c], NULL, NULL);
	if (rc == 0)
		rc = cdr_codings_load(&out, p, into, NULL, NULL);
	if (rc < 0)
		goto done;
	/* the file is rewritten whole: what the coder has now would be lost */
	if (rules_coder(into, out)) {
		rc = cdr_error_set(CDR_EUSAGE,
				   "coder '%s' holds the codings of the rules (codeer autocode rewrites them); "
				   "a consensus is never written into it",
				   into);
		goto done;
	}
	if (cdr_codings_count(out) > 0 && !force) {
		size_t n = cdr_codings_count(out);
		rc = cdr_error_set(CDR_EEXISTS,
				   "coder '%s' already has %zu coding%s, which the consensus would replace",
				   into, n, n == 1 ? "" : "s");
		goto done;
	}
	while (cdr_codings_count(out) > 0)
		cdr_codings_remove(out, cdr_codings_count(out) - 1);
	/* per document and code: coverage counts over the coders' unions */
	for (size_t d = 0; d < cdr_project_doc_count(p) && rc == 0; d++) {
		const char *doc = cdr_project_doc_id(p, d);
		char **codes = NULL;
		size_t ncodes = 0, cap = 0;
		for (size_t c = 0; c < ncoders && rc == 0; c++)
			for (size_t i = 0; i < cdr_codings_count(sets[c]) && rc == 0; i++) {
				const cdr_coding *cd = cdr_codings_get(sets[c], i);
				int have = 0;
				if (strcmp(cd->doc, doc) != 0 || strcmp(cd->status, "rejected") == 0)
					continue;
				for (size_t k = 0; k < ncodes && !have; k++)
					have = strcmp(codes[k], cd->code) == 0;
				if (!have) {
					if (cdr_grow((void **)&codes, &cap, ncodes + 1, sizeof(char *)) < 0)
						rc = CDR_ENOMEM;
					else
						codes[ncodes++] = cd->code;
				}
			}
		for (size_t k = 0; k < ncodes && rc == 0; k++) {
			struct edge *edges = NULL;
			size_t nedges = 0, ecap = 0;
			for (size_t c = 0; c < ncoders && rc == 0; c++) {
				struct seg *segs;
				size_t n;
				if ((rc = segs_of(&segs, &n, sets[c], doc, codes[k])) < 0)
					break;
				/* the coder's union: overlapping segments count once */
				for (size_t i = 0; i < n && rc == 0;) {
					size_t s = segs[i].start, e = segs[i].end;
					while (++i < n && segs[i].start <= e)
						if (segs[i].end > e)
							e = segs[i].end;
					if (cdr_grow((void **)&edges, &ecap, nedges + 2, sizeof(struct edge)) < 0) {
						rc = CDR_ENOMEM;
						break;
					}
					edges[nedges++] = (struct edge){ s, +1 };
					edges[nedges++] = (struct edge){ e, -1 };
				}
				free(segs);
			}
			cdr_sort(edges, nedges, sizeof(struct edge), cmp_edge);
			{
				int count = 0;
				size_t open_at = 0;
				for (size_t i = 0; i < nedges && rc == 0; i++) {
					int before = count >= (int)need;
					count += edges[i].delta;
					if (!before && count >= (int)need)
						open_at = edges[i].at;
					else if (before && count < (int)need && edges[i].at > open_at) {
						rc = cdr_codings_add(out, doc, open_at, edges[i].at, codes[k], origin, "");
						if (rc == CDR_EEXISTS)
							rc = 0;
						else if (rc == 0)
							(*written)++;
					}
				}
			}
			free(edges);
		}
		free(codes);
	}
	if (rc == 0)
		rc = cdr_codings_save(out);
done:
	for (size_t c = 0; sets && c < ncoders; c++)
		cdr_codings_free(sets[c]);
	free(sets);
	cdr_codings_free(out);
	return rc;
}
