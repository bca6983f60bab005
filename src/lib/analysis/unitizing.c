/* unitizing.c -- Krippendorff's alpha for unitizing (unitizing.h): the
 * coefficient on coders' own segments of a continuum, and the continuum
 * built from a project's codings of one code.
 *
 * Segments are kept sorted by category, coder and start, so a coder's
 * units of a category are a run of the array and each coder's sections
 * (units and the gaps between them) can be walked in order without being
 * stored. The observed disagreement walks two coders' sections side by
 * side, visiting each overlapping pair once (pairs that do not overlap
 * are 0 by the definition of δ²): O(m² N) for m coders and N units. The
 * expected disagreement sums, for each unit, over the gaps at least as
 * long as it; with the gap lengths sorted and summed from the top that
 * is one binary search per unit: O(N log N). */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "codeer/coding.h"
#include "codeer/error.h"
#include "codeer/unitizing.h"
#include "util/alloc.h"
#include "util/array.h"
#include "util/buf.h"

struct useg {
	size_t cat, coder, start, length;
};

struct cdr_udata {
	size_t begin, length, coders;
	struct useg *segs;   /* sorted by cat, coder, start */
	size_t nsegs, cap;
	char **cats;         /* in order of first use */
	size_t ncats, cats_cap;
};

int cdr_udata_new(cdr_udata **out, size_t begin, size_t length, size_t coders)
{
	cdr_udata *d;

	*out = NULL;
	if (length > SIZE_MAX - begin)
		return cdr_error_set(CDR_EUSAGE, "the continuum ends past the largest position");
	if ((d = cdr_calloc(1, sizeof(*d))) == NULL)
		return CDR_ENOMEM;
	d->begin = begin;
	d->length = length;
	d->coders = coders;
	*out = d;
	return 0;
}

void cdr_udata_free(cdr_udata *d)
{
	if (d == NULL)
		return;
	for (size_t i = 0; i < d->ncats; i++)
		free(d->cats[i]);
	free(d->cats);
	free(d->segs);
	free(d);
}

size_t cdr_udata_begin(const cdr_udata *d) { return d->begin; }
size_t cdr_udata_length(const cdr_udata *d) { return d->length; }
size_t cdr_udata_coders(const cdr_udata *d) { return d->coders; }
size_t cdr_udata_category_count(const cdr_udata *d) { return d->ncats; }
const char *cdr_udata_category(const cdr_udata *d, size_t i) { return d->cats[i]; }

/* Index of a category, or ncats when there is none by that name. */
static size_t cat_find(const cdr_udata *d, const char *name)
{
	size_t i = 0;

	while (i < d->ncats && strcmp(d->cats[i], name) != 0)
		i++;
	return i;
}

size_t cdr_udata_units(const cdr_udata *d, const char *category)
{
	size_t c, n = 0;

	if (category == NULL)
		return d->nsegs;
	c = cat_find(d, category);
	for (size_t i = 0; i < d->nsegs; i++)
		n += d->segs[i].cat == c;
	return n;
}

/* The first segment not before (cat, coder, start). */
static size_t seg_lower(const cdr_udata *d, size_t cat, size_t coder, size_t start)
{
	size_t lo = 0, hi = d->nsegs;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct useg *s = &d->segs[mid];
		if (s->cat != cat ? s->cat < cat : s->coder != coder ? s->coder < coder : s->start < start)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int cdr_udata_add(cdr_udata *d, size_t coder, size_t start, size_t length, const char *category)
{
	size_t cat, at;

	if (category == NULL)
		return cdr_error_set(CDR_EUSAGE, "a unit needs a category");
	if (coder >= d->coders)
		return cdr_error_set(CDR_EUSAGE, "no coder %zu (the data have coders 0 to %zu)", coder,
				     d->coders ? d->coders - 1 : 0);
	if (length == 0)
		return cdr_error_set(CDR_EUSAGE, "a unit needs a length of at least 1 (coder %zu at %zu)", coder, start);
	if (start < d->begin || start - d->begin > d->length || length > d->length - (start - d->begin))
		return cdr_error_set(CDR_EUSAGE, "a unit of coder %zu at %zu, %zu long, leaves the continuum [%zu, %zu)",
				     coder, start, length, d->begin, d->begin + d->length);
	cat = cat_find(d, category);
	at = seg_lower(d, cat, coder, start);
	if (cat < d->ncats) {
		const struct useg *prev = at > 0 ? &d->segs[at - 1] : NULL;
		const struct useg *next = at < d->nsegs ? &d->segs[at] : NULL;
		const struct useg *hit = NULL;
		if (prev && prev->cat == cat && prev->coder == coder && prev->start + prev->length > start)
			hit = prev;
		else if (next && next->cat == cat && next->coder == coder && next->start < start + length)
			hit = next;
		if (hit)
			return cdr_error_set(CDR_EUSAGE, "unit [%zu, %zu) of coder %zu overlaps their unit [%zu, %zu) of '%s'",
					     start, start + length, coder, hit->start, hit->start + hit->length, category);
	}
	/* room first, so that a failure leaves no category without units */
	if (cdr_grow((void **)&d->segs, &d->cap, d->nsegs + 1, sizeof(struct useg)) < 0)
		return CDR_ENOMEM;
	if (cat == d->ncats) {
		if (cdr_grow((void **)&d->cats, &d->cats_cap, d->ncats + 1, sizeof(char *)) < 0 ||
		    (d->cats[d->ncats] = cdr_strdup(category)) == NULL)
			return CDR_ENOMEM;
		d->ncats++;
		/* a new category sorts after every segment there is */
		at = d->nsegs;
	}
	memmove(&d->segs[at + 1], &d->segs[at], (d->nsegs - at) * sizeof(struct useg));
	d->segs[at].cat = cat;
	d->segs[at].coder = coder;
	d->segs[at].start = start;
	d->segs[at].length = length;
	d->nsegs++;
	return 0;
}

/* ---- the coefficient ------------------------------------------------------ */

/* One coder's sections of a category, walked in order: each call to
 * walk_next makes the next unit or gap current. */
struct walk {
	const struct useg *u, *end; /* the coder's units not yet reached */
	size_t at, stop;            /* where the next section starts; the continuum's end */
	size_t s, l;                /* the current section */
	int unit;
};

static void walk_next(struct walk *w)
{
	w->s = w->at;
	if (w->u < w->end && w->u->start == w->at) {
		w->l = w->u->length;
		w->unit = 1;
		w->u++;
	} else {
		w->l = (w->u < w->end ? w->u->start : w->stop) - w->at;
		w->unit = 0;
	}
	w->at = w->s + w->l;
}

static void walk_start(struct walk *w, const struct useg *units, size_t n, const cdr_udata *d)
{
	w->u = units;
	w->end = units + n;
	w->at = d->begin;
	w->stop = d->begin + d->length;
	walk_next(w);
}

/* δ² of two sections (Krippendorff 2004): the squared distances of the
 * ends of two overlapping units; a unit's squared length when the other
 * coder's gap contains it; else 0. */
static double delta2(const struct walk *a, const struct walk *b)
{
	size_t ea = a->s + a->l, eb = b->s + b->l;

	if (a->unit && b->unit) {
		double ds = (double)a->s - (double)b->s, de = (double)ea - (double)eb;
		return a->s < eb && b->s < ea ? ds * ds + de * de : 0;
	}
	if (a->unit && b->s <= a->s && ea <= eb)
		return (double)a->l * (double)a->l;
	if (b->unit && a->s <= b->s && eb <= ea)
		return (double)b->l * (double)b->l;
	return 0;
}

/* Σ over the sections of two coders of δ², each unordered pair once. */
static double pair_disagreement(const struct useg *u1, size_t n1, const struct useg *u2, size_t n2,
				const cdr_udata *d)
{
	struct walk a, b;
	double sum = 0;

	walk_start(&a, u1, n1, d);
	walk_start(&b, u2, n2, d);
	for (;;) {
		size_t ea, eb;
		sum += delta2(&a, &b);
		ea = a.s + a.l;
		eb = b.s + b.l;
		if (ea == a.stop && eb == b.stop)
			break;
		if (ea <= eb)
			walk_next(&a);
		if (eb <= ea)
			walk_next(&b);
	}
	return sum;
}

static int cmp_size(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;
	return (a > b) - (a < b);
}

/* uD_o and uD_e of category `cat` (at least one unit, two coders, L > 0). */
static int category_parts(const cdr_udata *d, size_t cat, double *observed, double *expected, size_t *units)
{
	size_t m = d->coders, lo = seg_lower(d, cat, 0, 0), hi = seg_lower(d, cat + 1, 0, 0);
	size_t n = hi - lo, ngaps = 0;
	size_t *first = cdr_calloc(m + 1, sizeof(size_t)), *gaps = NULL;
	uint64_t *above = NULL;     /* above[k] = Σ gaps[k..] */
	double L = (double)d->length, sum = 0, num = 0, den;
	const struct useg *s = d->segs + lo;

	if (first == NULL)
		return CDR_ENOMEM;
	/* coder r's units are s[first[r] .. first[r + 1]) */
	for (size_t r = 0, i = 0; r < m; r++) {
		while (i < n && s[i].coder < r)
			i++;
		first[r] = i;
	}
	first[m] = n;
	for (size_t i = 0; i < m; i++)
		for (size_t j = i + 1; j < m; j++)
			sum += pair_disagreement(s + first[i], first[i + 1] - first[i], s + first[j],
						 first[j + 1] - first[j], d);
	/* Σ_i Σ_j≠i counts each unordered pair twice */
	*observed = 2 * sum / ((double)m * (double)(m - 1) * L * L);

	/* every coder's gaps: at most one more than their units */
	if ((gaps = cdr_malloc((n + m) * sizeof(size_t))) == NULL ||
	    (above = cdr_malloc((n + m + 1) * sizeof(uint64_t))) == NULL) {
		free(first);
		free(gaps);
		return CDR_ENOMEM;
	}
	for (size_t r = 0; r < m; r++) {
		struct walk w;
		walk_start(&w, s + first[r], first[r + 1] - first[r], d);
		for (;;) {
			if (!w.unit)
				gaps[ngaps++] = w.l;
			if (w.at == w.stop)
				break;
			walk_next(&w);
		}
	}
	cdr_sort(gaps, ngaps, sizeof(size_t), cmp_size);
	above[ngaps] = 0;
	for (size_t k = ngaps; k-- > 0;)
		above[k] = above[k + 1] + gaps[k];

	den = (double)m * L * ((double)m * L - 1);
	for (size_t i = 0; i < n; i++) {
		size_t l = s[i].length, k = 0, top = ngaps;
		double dl = (double)l;
		uint64_t fits;
		/* k: the first gap at least l long */
		while (k < top) {
			size_t mid = k + (top - k) / 2;
			if (gaps[mid] < l)
				k = mid + 1;
			else
				top = mid;
		}
		/* Σ (g − l + 1) over those gaps; each term is at least 1 */
		fits = above[k] - (uint64_t)(ngaps - k) * (uint64_t)(l - 1);
		/* (2l³ − 3l² + l)/3 = l(l − 1)(2l − 1)/3 */
		num += (double)(n - 1) * dl * (dl - 1) * (2 * dl - 1) / 3 + dl * dl * (double)fits;
		den -= dl * (dl - 1);
	}
	*expected = 2 / L * num / den;
	*units = n;
	free(first);
	free(gaps);
	free(above);
	return 0;
}

static cdr_ualpha result(double observed, double expected, const char *why, size_t units)
{
	cdr_ualpha r;

	r.observed = observed;
	r.expected = expected;
	r.alpha.value = NAN;
	r.alpha.defined = 0;
	r.alpha.why = why;
	r.alpha.se = NAN;
	r.alpha.lo = NAN;
	r.alpha.hi = NAN;
	r.alpha.units = units;
	r.alpha.rc = 0;
	if (why == NULL) {
		if (expected > 0) {
			r.alpha.value = 1 - observed / expected;
			r.alpha.defined = 1;
		} else {
			r.alpha.why = "expected disagreement is 0: every coder cut the whole continuum into units of length 1";
		}
	}
	return r;
}

static const char no_memory[] = "out of memory";

/* Out of memory is an error, not an undefined value (agree.h: rc). */
static cdr_ualpha out_of_memory(void)
{
	cdr_ualpha r = result(NAN, NAN, no_memory, 0);

	r.alpha.rc = cdr_error_set(CDR_ENOMEM, "out of memory");
	return r;
}

/* The reasons every category shares. */
static const char *data_unusable(const cdr_udata *d)
{
	if (d->coders < 2)
		return "unitizing alpha needs two or more coders";
	if (d->length == 0)
		return "the continuum is empty";
	return NULL;
}

cdr_ualpha cdr_unitizing_alpha(const cdr_udata *d, const char *category)
{
	const char *why = data_unusable(d);
	size_t cat, units = 0;
	double observed, expected;

	if (why)
		return result(NAN, NAN, why, 0);
	cat = category ? cat_find(d, category) : d->ncats;
	if (cat == d->ncats)
		return result(0, 0, "no coder marked a unit of this category", 0);
	if (category_parts(d, cat, &observed, &expected, &units) < 0)
		return out_of_memory();
	return result(observed, expected, NULL, units);
}

cdr_ualpha cdr_unitizing_alpha_all(const cdr_udata *d)
{
	const char *why = data_unusable(d);
	double so = 0, se = 0;
	size_t units = 0;

	if (why)
		return result(NAN, NAN, why, 0);
	if (d->ncats == 0)
		return result(0, 0, "no coder marked any unit", 0);
	for (size_t c = 0; c < d->ncats; c++) {
		double o, e;
		size_t n;
		if (category_parts(d, c, &o, &e, &n) < 0)
			return out_of_memory();
		so += o;
		se += e;
		units += n;
	}
	/* the means; their ratio is that of the sums */
	return result(so / (double)d->ncats, se / (double)d->ncats, NULL, units);
}

/* The same sums as cdr_unitizing_alpha_all, from results computed one
 * category at a time (cdr_agreement_unitizing gives one code per
 * continuum). */
cdr_ualpha cdr_unitizing_pool(const cdr_ualpha *per_category, size_t n)
{
	double so = 0, se = 0;
	size_t with_units = 0, units = 0;

	for (size_t i = 0; i < n; i++) {
		const cdr_ualpha *r = &per_category[i];
		if (isnan(r->observed)) /* the continuum is unusable for every category */
			return result(NAN, NAN, r->alpha.why ? r->alpha.why : "the continuum is unusable", 0);
		if (r->alpha.units == 0)
			continue;
		so += r->observed;
		se += r->expected;
		units += r->alpha.units;
		with_units++;
	}
	if (with_units == 0)
		return result(0, 0, "no coder marked any unit", 0);
	return result(so / (double)with_units, se / (double)with_units, NULL, units);
}

/* ---- from a project --------------------------------------------------------- */

/* A coding of the code, placed in the list of documents. */
struct placed {
	size_t doc, start, end;
};

static int cmp_placed(const void *x, const void *y)
{
	const struct placed *a = x, *b = y;

	if (a->doc != b->doc)
		return (a->doc > b->doc) - (a->doc < b->doc);
	if (a->start != b->start)
		return (a->start > b->start) - (a->start < b->start);
	return (a->end > b->end) - (a->end < b->end);
}

/* A document id and its place in the continuum. */
struct docref {
	const char *id;
	size_t index;   /* in the order of the continuum */
};

static int cmp_docref(const void *x, const void *y)
{
	return strcmp(((const struct docref *)x)->id, ((const struct docref *)y)->id);
}

/* Does coder set k have a coding (not rejected) in document id? */
static int coded_in(cdr_codings *k, const char *id)
{
	for (size_t i = 0; i < cdr_codings_count(k); i++) {
		const cdr_coding *cd = cdr_codings_get(k, i);
		if (strcmp(cd->doc, id) == 0 && strcmp(cd->status, "rejected") != 0)
			return 1;
	}
	return 0;
}

/* One coder's codings of the code, joined where they overlap, into d. */
static int add_coder(cdr_udata *d, size_t coder, cdr_codings *k, const char *code, const struct docref *byid,
		     size_t ndocs, const size_t *offset, const size_t *length, cdr_unitizing_info *info)
{
	struct placed *v = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;

	for (size_t i = 0; i < cdr_codings_count(k); i++) {
		const cdr_coding *cd = cdr_codings_get(k, i);
		struct docref key = { cd->doc, 0 };
		const struct docref *hit;
		size_t end;
		if (strcmp(cd->status, "rejected") == 0 || strcmp(cd->code, code) != 0 ||
		    (hit = cdr_search(&key, byid, ndocs, sizeof(struct docref), cmp_docref)) == NULL)
			continue;
		/* a span past the end of its document (a hand edit) is cut there */
		end = cd->end < length[hit->index] ? cd->end : length[hit->index];
		if (cd->start >= end)
			continue;
		if (cdr_grow((void **)&v, &cap, n + 1, sizeof(struct placed)) < 0) {
			free(v);
			return CDR_ENOMEM;
		}
		v[n].doc = hit->index;
		v[n].start = cd->start;
		v[n++].end = end;
	}
	info->codings += n;
	cdr_sort(v, n, sizeof(struct placed), cmp_placed);
	for (size_t i = 0; i < n && rc == 0;) {
		struct placed u = v[i++];
		/* overlapping codings join; touching ones stay apart */
		while (i < n && v[i].doc == u.doc && v[i].start < u.end) {
			if (v[i].end > u.end)
				u.end = v[i].end;
			info->merged++;
			i++;
		}
		rc = cdr_udata_add(d, coder, offset[u.doc] + u.start, u.end - u.start, code);
	}
	free(v);
	return rc;
}

int cdr_agreement_unitizing(cdr_udata **out, cdr_project *p, const char *const *coders, size_t ncoders,
			    const char *code, const char *const *docs, size_t ndocs, cdr_unitizing_info *info)
{
	cdr_unitizing_info local = { 0, 0, 0 };
	cdr_codings **sets = NULL;
	struct docref *byid = NULL;
	size_t *offset = NULL, *length = NULL, nplaced = 0, total = 0, ndoc = cdr_project_doc_count(p);
	char **known = NULL;
	size_t nknown = 0;
	cdr_udata *d = NULL;
	int rc = 0;

	*out = NULL;
	if (info == NULL)
		info = &local;
	memset(info, 0, sizeof(*info));
	if (ncoders < 2)
		return cdr_error_set(CDR_EUSAGE, "unitizing alpha needs two or more coders");
	if (code == NULL || strchr(code, '/') == NULL)
		return cdr_error_set(CDR_EUSAGE, "code '%s' is not qualified (use scheme/code)", code ? code : "");
	if ((rc = cdr_coders_list(&known, &nknown, p)) < 0)
		return rc;
	if ((sets = cdr_calloc(ncoders, sizeof(cdr_codings *))) == NULL ||
	    (byid = cdr_calloc(ndoc, sizeof(struct docref))) == NULL ||
	    (offset = cdr_calloc(ndoc, sizeof(size_t))) == NULL ||
	    (length = cdr_calloc(ndoc, sizeof(size_t))) == NULL) {
		rc = CDR_ENOMEM;
		goto done;
	}
	for (size_t c = 0; c < ncoders; c++) {
		int found = 0;
		for (size_t e = 0; e < c; e++)
			if (strcmp(coders[c], coders[e]) == 0) {
				rc = cdr_error_set(CDR_EUSAGE, "coder '%s' is named twice", coders[c]);
				goto done;
			}
		for (size_t i = 0; i < nknown && !found; i++)
			found = strcmp(known[i], coders[c]) == 0;
		if (!cdr_coder_valid(coders[c]) || !found) {
			rc = cdr_error_set(CDR_ENOTFOUND, "no coder '%s' in the project (see 'codeer code list')",
					   coders[c]);
			goto done;
		}
		if ((rc = cdr_codings_load(&sets[c], p, coders[c], NULL, NULL)) < 0)
			goto done;
	}
	for (size_t i = 0; i < ndocs; i++)
		if (!cdr_project_has_doc(p, docs[i])) {
			rc = cdr_error_set(CDR_ENOTFOUND, "no document '%s' in the project (see 'codeer docs')", docs[i]);
			goto done;
		}
	/* the documents, in the project's order */
	for (size_t di = 0; di < ndoc; di++) {
		const char *id = cdr_project_doc_id(p, di);
		int take = 0;
		if (ndocs) {
			for (size_t i = 0; i < ndocs && !take; i++)
				take = strcmp(docs[i], id) == 0;
		} else {
			take = 1;
			for (size_t c = 0; c < ncoders && take; c++)
				take = coded_in(sets[c], id);
		}
		if (take) {
			byid[nplaced].id = id;
			byid[nplaced].index = nplaced;
			nplaced++;
		}
	}
	if (nplaced == 0) {
		cdr_buf names = CDR_BUF_INIT;
		for (size_t c = 0; c < ncoders; c++)
			cdr_buf_printf(&names, "%s%s", c ? (c + 1 == ncoders ? " and " : ", ") : "", coders[c]);
		rc = cdr_error_set(CDR_ENOTFOUND, "coders %s have no document in common", names.data ? names.data : "");
		cdr_buf_free(&names);
		goto done;
	}
	for (size_t i = 0; i < nplaced; i++) {
		cdr_document *doc = NULL;
		if ((rc = cdr_project_doc_load(&doc, p, byid[i].id, 0)) < 0)
			goto done;
		length[i] = cdr_document_length(doc);
		cdr_document_free(doc);
		offset[i] = total;
		if (length[i] > SIZE_MAX - total) {
			rc = cdr_error_set(CDR_ELIMIT, "the documents are too long to put end to end");
			goto done;
		}
		total += length[i];
	}
	cdr_sort(byid, nplaced, sizeof(struct docref), cmp_docref);
	if ((rc = cdr_udata_new(&d, 0, total, ncoders)) < 0)
		goto done;
	for (size_t c = 0; c < ncoders && rc == 0; c++)
		rc = add_coder(d, c, sets[c], code, byid, nplaced, offset, length, info);
	info->docs = nplaced;
done:
	for (size_t c = 0; sets && c < ncoders; c++)
		cdr_codings_free(sets[c]);
	free(sets);
	free(byid);
	free(offset);
	free(length);
	cdr_coders_free(known, nknown);
	if (rc < 0) {
		cdr_udata_free(d);
		return rc;
	}
	*out = d;
	return 0;
}
