/* agree.c -- agreement coefficients on reliability data (agree.h).
 *
 * Every coefficient is computed from per-unit category counts in one or
 * two passes, so a million units by five coders takes a fraction of a
 * second. Categories are the distinct values in the data, in numeric
 * order. Formulas and their sources: docs/agreement.md. cdr_rdata_sum
 * folds equal rows into one with their weights added: the sums partial
 * agreement tables carry. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "codeer/agree.h"
#include "codeer/error.h"
#include "util/alloc.h"
#include "util/array.h"

struct cats {
	double *v;
	size_t q, cap;
};

struct cdr_rdata {
	size_t units, coders;
	double *v; /* units * coders, row-major */
	double *w; /* weight (multiplicity) per unit; NULL: all 1 */
	/* computed on first use by a coefficient, dropped by any change: the
	 * categories, and each value's category index (MISSING for NAN) */
	struct cats cats;
	uint32_t *idx;
	double *multi_pi;          /* the unweighted multi-rater core, once */
	double multi_pa, multi_w_pairable, multi_w_rated;
	size_t multi_pairable, multi_rated;
};

#define MISSING UINT32_MAX

int cdr_level_parse(cdr_level *out, const char *name)
{
	static const char *const names[] = { "nominal", "ordinal", "interval", "ratio" };
	for (int i = 0; i < 4; i++)
		if (strcmp(name, names[i]) == 0) {
			*out = (cdr_level)i;
			return 0;
		}
	return cdr_error_set(CDR_EUSAGE, "unknown level '%s' (use nominal, ordinal, interval or ratio)", name);
}

const char *cdr_level_name(cdr_level level)
{
	static const char *const names[] = { "nominal", "ordinal", "interval", "ratio" };
	return names[level];
}

int cdr_weights_parse(cdr_weights *out, const char *name)
{
	if (strcmp(name, "none") == 0)
		*out = CDR_WEIGHTS_NONE;
	else if (strcmp(name, "linear") == 0)
		*out = CDR_WEIGHTS_LINEAR;
	else if (strcmp(name, "quadratic") == 0)
		*out = CDR_WEIGHTS_QUADRATIC;
	else
		return cdr_error_set(CDR_EUSAGE, "unknown weights '%s' (use none, linear or quadratic)", name);
	return 0;
}

int cdr_rdata_new(cdr_rdata **out, size_t units, size_t coders)
{
	cdr_rdata *d;

	if (coders && units > ((size_t)-1) / sizeof(double) / coders)
		return cdr_error_set(CDR_ENOMEM, "out of memory");
	if ((d = cdr_calloc(1, sizeof(*d))) == NULL)
		return CDR_ENOMEM;
	if ((d->v = cdr_malloc((units * coders > 0 ? units * coders : 1) * sizeof(double))) == NULL) {
		free(d);
		return CDR_ENOMEM;
	}
	for (size_t i = 0; i < units * coders; i++)
		d->v[i] = NAN;
	d->units = units;
	d->coders = coders;
	*out = d;
	return 0;
}

int cdr_rdata_adopt(cdr_rdata **out, double *values, size_t units, size_t coders)
{
	cdr_rdata *d;

	*out = NULL;
	if ((d = cdr_calloc(1, sizeof(*d))) == NULL) {
		free(values);
		return CDR_ENOMEM;
	}
	if (values == NULL && (values = cdr_malloc(sizeof(double))) == NULL) {
		free(d);
		return CDR_ENOMEM;
	}
	d->v = values;
	d->units = units;
	d->coders = coders;
	*out = d;
	return 0;
}

static void drop_cache(cdr_rdata *d)
{
	free(d->cats.v);
	free(d->idx);
	free(d->multi_pi);
	memset(&d->cats, 0, sizeof(d->cats));
	d->idx = NULL;
	d->multi_pi = NULL;
}

void cdr_rdata_free(cdr_rdata *d)
{
	if (d == NULL)
		return;
	drop_cache(d);
	free(d->w);
	free(d->v);
	free(d);
}

size_t cdr_rdata_units(const cdr_rdata *d) { return d->units; }
size_t cdr_rdata_coders(const cdr_rdata *d) { return d->coders; }

int cdr_rdata_set(cdr_rdata *d, size_t unit, size_t coder, double value)
{
	/* a cell outside the data is a caller's error, never a write past it */
	if (unit >= d->units || coder >= d->coders)
		return cdr_error_set(CDR_ERROR, "no cell for unit %zu and coder %zu: the data have %zu units and %zu coders",
				     unit + 1, coder + 1, d->units, d->coders);
	if (d->idx)
		drop_cache(d);
	d->v[unit * d->coders + coder] = value;
	return 0;
}

double cdr_rdata_get(const cdr_rdata *d, size_t unit, size_t coder)
{
	return d->v[unit * d->coders + coder];
}

int cdr_rdata_set_weight(cdr_rdata *d, size_t unit, double weight)
{
	if (unit >= d->units)
		return cdr_error_set(CDR_ERROR, "no unit %zu: the data have %zu units", unit + 1, d->units);
	if (d->w == NULL) {
		if ((d->w = cdr_malloc((d->units ? d->units : 1) * sizeof(double))) == NULL)
			return CDR_ENOMEM;
		for (size_t u = 0; u < d->units; u++)
			d->w[u] = 1;
	}
	d->w[unit] = weight;
	return 0;
}

static double unit_weight(const cdr_rdata *d, size_t u)
{
	return d->w ? d->w[u] : 1.0;
}

double cdr_rdata_weight(const cdr_rdata *d, size_t unit)
{
	return unit < d->units ? unit_weight(d, unit) : 0;
}

/* ---- sums: distinct rows with their weights ---------------------------- */

struct rowref {
	const double *v;
	double w;
};

static size_t sum_coders; /* for cmp_rowref: qsort has no context */

static int cmp_value(double x, double y)
{
	if (isnan(x) || isnan(y))
		return isnan(y) - isnan(x); /* missing first */
	return (x > y) - (x < y);
}

static int cmp_rowref(const void *a, const void *b)
{
	const struct rowref *x = a, *y = b;
	for (size_t c = 0; c < sum_coders; c++) {
		int k = cmp_value(x->v[c], y->v[c]);
		if (k)
			return k;
	}
	return 0;
}

int cdr_rdata_sum(cdr_rdata **out, const cdr_rdata *const *parts, size_t n, size_t coders)
{
	struct rowref *rows = NULL;
	size_t total = 0, k = 0, distinct = 0;
	cdr_rdata *d = NULL;
	int rc;

	*out = NULL;
	for (size_t i = 0; i < n; i++) {
		if (parts[i]->coders != coders)
			return cdr_error_set(CDR_EUSAGE, "tables of %zu and %zu coders cannot be added up", coders,
					     parts[i]->coders);
		total += parts[i]->units;
	}
	if ((rows = cdr_malloc((total ? total : 1) * sizeof(*rows))) == NULL)
		return CDR_ENOMEM;
	for (size_t i = 0; i < n; i++)
		for (size_t u = 0; u < parts[i]->units; u++)
			rows[k++] = (struct rowref){ parts[i]->v + u * coders, unit_weight(parts[i], u) };
	sum_coders = coders;
	cdr_sort(rows, total, sizeof(*rows), cmp_rowref);
	/* equal rows are neighbours now: fold their weights into the first */
	for (size_t i = 0; i < total; i++) {
		if (distinct > 0 && cmp_rowref(&rows[distinct - 1], &rows[i]) == 0)
			rows[distinct - 1].w += rows[i].w;
		else
			rows[distinct++] = rows[i];
	}
	if ((rc = cdr_rdata_new(&d, distinct, coders)) < 0 || (distinct && (rc = cdr_rdata_set_weight(d, 0, 1)) < 0)) {
		cdr_rdata_free(d);
		free(rows);
		return rc;
	}
	for (size_t i = 0; i < distinct; i++) {
		memcpy(d->v + i * coders, rows[i].v, coders * sizeof(double));
		d->w[i] = rows[i].w;
	}
	free(rows);
	*out = d;
	return 0;
}

/* ---- categories and per-unit counts ------------------------------------ */

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* The distinct values of the data, sorted. Small category sets (the usual
 * case) are kept sorted as they grow; large ones are sorted once. */
static int cats_of(struct cats *c, const cdr_rdata *d)
{
	size_t n = d->units * d->coders;

	memset(c, 0, sizeof(*c));
	for (size_t i = 0; i < n; i++) {
		double x = d->v[i];
		size_t lo = 0, hi = c->q;
		if (isnan(x) || (i > 0 && x == d->v[i - 1]))
			continue; /* missing, or the value just seen */
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (c->v[mid] < x)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < c->q && c->v[lo] == x)
			continue;
		if (c->q >= 4096) {
			/* many distinct values: collect all, then sort and dedupe */
			size_t m = c->q;
			if (cdr_grow((void **)&c->v, &c->cap, n, sizeof(double)) < 0)
				return CDR_ENOMEM;
			for (size_t j = i; j < n; j++)
				if (!isnan(d->v[j]))
					c->v[m++] = d->v[j];
			cdr_sort(c->v, m, sizeof(double), cmp_double);
			c->q = 0;
			for (size_t j = 0; j < m; j++)
				if (c->q == 0 || c->v[c->q - 1] != c->v[j])
					c->v[c->q++] = c->v[j];
			return 0;
		}
		if (cdr_grow((void **)&c->v, &c->cap, c->q + 1, sizeof(double)) < 0)
			return CDR_ENOMEM;
		memmove(c->v + lo + 1, c->v + lo, (c->q - lo) * sizeof(double));
		c->v[lo] = x;
		c->q++;
	}
	return 0;
}

static size_t cat_index(const struct cats *c, double x)
{
	size_t lo = 0, hi = c->q;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->v[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The common table has small whole numbers for categories (1 to 5, 0 and
 * 1): each value's index is then looked up, not searched for. Returns 0
 * when the data is not like that, 1 when done, CDR_ENOMEM. */
#define SMALL_CATS 4096

static int prepare_small(cdr_rdata *d, size_t n)
{
	unsigned char seen[SMALL_CATS] = { 0 };
	uint32_t index[SMALL_CATS];
	size_t q = 0, top = 0; /* top: one past the largest value seen */

	for (size_t i = 0; i < n; i++) {
		double x = d->v[i];
		if (isnan(x))
			continue;
		/* -0 is left to the general path, which keeps the value seen */
		if (!(x >= 0 && x < SMALL_CATS) || (double)(size_t)x != x || signbit(x))
			return 0;
		seen[(size_t)x] = 1;
		if ((size_t)x >= top)
			top = (size_t)x + 1;
	}
	for (size_t k = 0; k < top; k++)
		q += seen[k];
	if ((d->cats.v = cdr_malloc((q ? q : 1) * sizeof(double))) == NULL ||
	    (d->idx = cdr_malloc((n ? n : 1) * sizeof(uint32_t))) == NULL)
		return CDR_ENOMEM;
	d->cats.cap = q ? q : 1;
	for (size_t k = 0; k < top; k++)
		if (seen[k]) {
			index[k] = (uint32_t)d->cats.q;
			d->cats.v[d->cats.q++] = (double)k;
		}
	for (size_t i = 0; i < n; i++)
		d->idx[i] = isnan(d->v[i]) ? MISSING : index[(size_t)d->v[i]];
	return 1;
}

/* The categories and value indices of the data, computed once: every
 * coefficient then runs on small integers. Logically const. */
static const struct cats *prepared(const cdr_rdata *cd)
{
	cdr_rdata *d = (cdr_rdata *)cd;
	size_t n = d->units * d->coders;
	int small;

	if (d->idx)
		return &d->cats;
	if ((small = prepare_small(d, n)) != 0) {
		if (small > 0)
			return &d->cats;
		drop_cache(d);
		return NULL;
	}
	if (cats_of(&d->cats, d) < 0 || (d->idx = cdr_malloc((n ? n : 1) * sizeof(uint32_t))) == NULL) {
		drop_cache(d);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		double x = d->v[i];
		if (isnan(x))
			d->idx[i] = MISSING;
		else if (i > 0 && x == d->v[i - 1])
			d->idx[i] = d->idx[i - 1];
		else
			d->idx[i] = (uint32_t)cat_index(&d->cats, x);
	}
	return &d->cats;
}

/* Agreement weight of categories i and j among q ordered categories. */
static double weight(cdr_weights w, size_t i, size_t j, size_t q)
{
	double d;

	if (w == CDR_WEIGHTS_NONE || q < 2)
		return i == j;
	d = fabs((double)i - (double)j) / (double)(q - 1);
	return w == CDR_WEIGHTS_LINEAR ? 1.0 - d : 1.0 - d * d;
}

static cdr_coef undefined(const char *why, size_t units)
{
	cdr_coef c = { NAN, 0, why, NAN, NAN, NAN, units, 0 };
	return c;
}

static cdr_coef defined(double value, size_t units)
{
	cdr_coef c = { value, 1, NULL, NAN, NAN, NAN, units, 0 };
	return c;
}

static const char no_memory[] = "out of memory";

/* Out of memory is an error, not a coefficient that happens to be
 * undefined: rc tells the caller to stop (docs/hacking.md). */
static cdr_coef out_of_memory(void)
{
	cdr_coef c = undefined(no_memory, 0);

	c.rc = cdr_error_set(CDR_ENOMEM, "out of memory");
	return c;
}
static const char chance_is_one[] =
	"chance agreement is 1 (all values fall in one category): the coefficient is 0/0";

/*
 * The multi-rater core (Gwet 2014, ch. 2 and 4): r_ik = values of unit i in
 * category k, r_i = values of unit i. Observed agreement
 *   p_a = mean over units with r_i >= 2 of sum_k r_ik (r*_ik - 1) / (r_i (r_i - 1)),
 * r*_ik = sum_l w_kl r_il; and the classification shares
 *   pi_k = mean over units with r_i >= 1 of r_ik / r_i.
 */
struct multi {
	double pa;
	double *pi;
	size_t q;
	size_t n_pairable, n_rated;   /* units */
	double w_pairable, w_rated;   /* the same, weighted */
};

static int multi_compute(struct multi *m, const cdr_rdata *d, const struct cats *c, cdr_weights w)
{
	double *r = cdr_calloc(c->q ? c->q : 1, sizeof(double));
	size_t *present = cdr_calloc(d->coders ? d->coders : 1, sizeof(size_t));
	double sum_pa = 0;

	memset(m, 0, sizeof(*m));
	m->q = c->q;
	if (r == NULL || present == NULL || (m->pi = cdr_calloc(c->q ? c->q : 1, sizeof(double))) == NULL) {
		free(r);
		free(present);
		return CDR_ENOMEM;
	}
	for (size_t u = 0; u < d->units; u++) {
		const uint32_t *row = d->idx + u * d->coders;
		size_t ri = 0, np = 0;
		double wu;
		for (size_t j = 0; j < d->coders; j++) {
			size_t k;
			if (row[j] == MISSING)
				continue;
			k = row[j];
			if (r[k] == 0)
				present[np++] = k;
			r[k] += 1;
			ri++;
		}
		if (ri == 0)
			continue;
		wu = unit_weight(d, u);
		m->n_rated++;
		m->w_rated += wu;
		for (size_t a = 0; a < np; a++) {
			size_t k = present[a];
			m->pi[k] += wu * r[k] / (double)ri;
			if (ri >= 2) {
				double rstar = r[k];
				if (w != CDR_WEIGHTS_NONE) {
					rstar = 0;
					for (size_t b = 0; b < np; b++)
						rstar += weight(w, k, present[b], c->q) * r[present[b]];
				}
				sum_pa += wu * r[k] * (rstar - 1) / ((double)ri * (double)(ri - 1));
			}
		}
		if (ri >= 2) {
			m->n_pairable++;
			m->w_pairable += wu;
		}
		for (size_t a = 0; a < np; a++)
			r[present[a]] = 0;
	}
	for (size_t k = 0; k < c->q; k++)
		m->pi[k] /= m->w_rated > 0 ? m->w_rated : 1;
	m->pa = m->w_pairable > 0 ? sum_pa / m->w_pairable : NAN;
	free(r);
	free(present);
	return 0;
}

static void multi_free(struct multi *m)
{
	free(m->pi);
}

/* The unweighted core is the same for percent, Fleiss, BP and AC1:
 * compute it once per data set (a copy is handed out). */
static int multi_cached(struct multi *m, const cdr_rdata *cd, const struct cats *c, cdr_weights w)
{
	cdr_rdata *d = (cdr_rdata *)cd;
	int rc;

	if (w != CDR_WEIGHTS_NONE)
		return multi_compute(m, d, c, w);
	if (d->multi_pi == NULL) {
		struct multi fresh;
		if ((rc = multi_compute(&fresh, d, c, w)) < 0)
			return rc;
		d->multi_pi = fresh.pi;
		d->multi_pa = fresh.pa;
		d->multi_pairable = fresh.n_pairable;
		d->multi_rated = fresh.n_rated;
		d->multi_w_pairable = fresh.w_pairable;
		d->multi_w_rated = fresh.w_rated;
	}
	memset(m, 0, sizeof(*m));
	m->q = c->q;
	m->pa = d->multi_pa;
	m->n_pairable = d->multi_pairable;
	m->n_rated = d->multi_rated;
	m->w_pairable = d->multi_w_pairable;
	m->w_rated = d->multi_w_rated;
	if ((m->pi = cdr_malloc((c->q ? c->q : 1) * sizeof(double))) == NULL)
		return CDR_ENOMEM;
	memcpy(m->pi, d->multi_pi, c->q * sizeof(double));
	return 0;
}

/* Sum of all agreement weights, T_w (q for no weights). */
static double total_weight(cdr_weights w, size_t q)
{
	double t = 0;

	if (w == CDR_WEIGHTS_NONE)
		return (double)q;
	for (size_t i = 0; i < q; i++)
		for (size_t j = 0; j < q; j++)
			t += weight(w, i, j, q);
	return t;
}

cdr_coef cdr_agree_percent(const cdr_rdata *d)
{
	const struct cats *c = prepared(d);
	struct multi m;
	cdr_coef out;

	if (c == NULL || multi_cached(&m, d, c, CDR_WEIGHTS_NONE) < 0) {
		return out_of_memory();
	}
	out = m.n_pairable ? defined(m.pa, m.n_pairable) : undefined("no unit has values from two coders", 0);
	multi_free(&m);
	return out;
}

/* Chance-corrected agreement from p_a and p_e. */
static cdr_coef corrected(double pa, double pe, size_t units)
{
	if (units == 0)
		return undefined("no unit has values from two coders", 0);
	if (fabs(1.0 - pe) < 1e-15)
		return undefined(chance_is_one, units);
	return defined((pa - pe) / (1.0 - pe), units);
}

cdr_coef cdr_agree_fleiss(const cdr_rdata *d)
{
	const struct cats *c = prepared(d);
	struct multi m;
	double pe = 0;
	cdr_coef out;

	if (c == NULL || multi_cached(&m, d, c, CDR_WEIGHTS_NONE) < 0) {
		return out_of_memory();
	}
	for (size_t k = 0; k < c->q; k++)
		pe += m.pi[k] * m.pi[k];
	out = corrected(m.pa, pe, m.n_pairable);
	multi_free(&m);
	return out;
}

cdr_coef cdr_agree_brennan_prediger(const cdr_rdata *d, cdr_weights w, size_t q)
{
	const struct cats *c = prepared(d);
	struct multi m;
	cdr_coef out;
	size_t qq;

	if (c == NULL || multi_cached(&m, d, c, w) < 0) {
		return out_of_memory();
	}
	qq = q ? q : c->q;
	if (qq < 2)
		out = undefined("fewer than two categories: chance agreement is 1", m.n_pairable);
	else if (q && q < c->q)
		out = undefined("the data have more categories than the number given", m.n_pairable);
	else
		out = corrected(m.pa, total_weight(w, qq) / ((double)qq * (double)qq), m.n_pairable);
	multi_free(&m);
	return out;
}

cdr_coef cdr_agree_gwet(const cdr_rdata *d, cdr_weights w, size_t q)
{
	const struct cats *c = prepared(d);
	struct multi m;
	double s = 0;
	cdr_coef out;
	size_t qq;

	if (c == NULL || multi_cached(&m, d, c, w) < 0) {
		return out_of_memory();
	}
	qq = q ? q : c->q;
	for (size_t k = 0; k < c->q; k++)
		s += m.pi[k] * (1.0 - m.pi[k]);
	if (qq < 2)
		out = undefined("fewer than two categories: AC1 needs at least two", m.n_pairable);
	else if (q && q < c->q)
		out = undefined("the data have more categories than the number given", m.n_pairable);
	else
		out = corrected(m.pa, total_weight(w, qq) / ((double)qq * (double)(qq - 1)) * s, m.n_pairable);
	multi_free(&m);
	return out;
}

/* ---- two coders: Cohen and Scott --------------------------------------- */

/* The categories of the units both coders coded: Cohen's and Scott's
 * coefficients see only those units, so a value that occurs only where
 * one coder is missing must not shift the weight scale (as irr's kappa2
 * and NLTK also do). */
static int pair_cats(struct cats *c, const cdr_rdata *d)
{
	size_t cap = 0;

	memset(c, 0, sizeof(*c));
	for (size_t u = 0; u < d->units; u++) {
		double a = d->v[u * 2], b = d->v[u * 2 + 1];
		if (isnan(a) || isnan(b))
			continue;
		if (cdr_grow((void **)&c->v, &cap, c->q + 2, sizeof(double)) < 0)
			return CDR_ENOMEM;
		c->v[c->q++] = a;
		c->v[c->q++] = b;
	}
	cdr_sort(c->v, c->q, sizeof(double), cmp_double);
	{
		size_t w = 0;
		for (size_t i = 0; i < c->q; i++)
			if (w == 0 || c->v[w - 1] != c->v[i])
				c->v[w++] = c->v[i];
		c->q = w;
	}
	return 0;
}

/* The q x q table of joint proportions over units both coders coded. */
static int joint_table(double **out, size_t *n, double *wn, const cdr_rdata *d, const struct cats *c)
{
	double *p = cdr_calloc(c->q > 0 ? c->q * c->q : 1, sizeof(double));

	*n = 0;
	*wn = 0;
	if (p == NULL)
		return CDR_ENOMEM;
	for (size_t u = 0; u < d->units; u++) {
		double a = d->v[u * 2], b = d->v[u * 2 + 1], wu = unit_weight(d, u);
		if (isnan(a) || isnan(b))
			continue;
		p[cat_index(c, a) * c->q + cat_index(c, b)] += wu;
		(*n)++;
		*wn += wu;
	}
	for (size_t i = 0; i < c->q * c->q && *wn > 0; i++)
		p[i] /= *wn;
	*out = p;
	return 0;
}

cdr_coef cdr_agree_cohen(const cdr_rdata *d, cdr_weights w)
{
	struct cats c;
	double *p = NULL, *row = NULL, *col = NULL, po = 0, pe = 0, var = 0, k, wn = 0;
	size_t n = 0, q;
	cdr_coef out;

	if (d->coders != 2)
		return undefined("Cohen's kappa is for exactly two coders (use Fleiss' kappa)", 0);
	if (pair_cats(&c, d) < 0 || joint_table(&p, &n, &wn, d, &c) < 0 ||
	    (row = cdr_calloc(c.q ? c.q : 1, sizeof(double))) == NULL ||
	    (col = cdr_calloc(c.q ? c.q : 1, sizeof(double))) == NULL) {
		out = out_of_memory();
		goto done;
	}
	q = c.q;
	for (size_t i = 0; i < q; i++)
		for (size_t j = 0; j < q; j++) {
			row[i] += p[i * q + j];
			col[j] += p[i * q + j];
		}
	for (size_t i = 0; i < q; i++)
		for (size_t j = 0; j < q; j++) {
			po += weight(w, i, j, q) * p[i * q + j];
			pe += weight(w, i, j, q) * row[i] * col[j];
		}
	out = corrected(po, pe, n);
	if (!out.defined)
		goto done;
	/* Fleiss, Cohen & Everitt (1969): large-sample variance of kappa_w */
	k = out.value;
	for (size_t i = 0; i < q; i++) {
		double wi = 0;
		for (size_t j = 0; j < q; j++)
			wi += col[j] * weight(w, i, j, q);
		for (size_t j = 0; j < q; j++) {
			double wj = 0, t;
			for (size_t h = 0; h < q; h++)
				wj += row[h] * weight(w, h, j, q);
			t = weight(w, i, j, q) - (wi + wj) * (1.0 - k);
			var += p[i * q + j] * t * t;
		}
	}
	var -= (k - pe * (1.0 - k)) * (k - pe * (1.0 - k));
	var /= wn * (1.0 - pe) * (1.0 - pe);
	out.se = var > 0 ? sqrt(var) : 0;
done:
	free(c.v);
	free(p);
	free(row);
	free(col);
	return out;
}

cdr_coef cdr_agree_scott(const cdr_rdata *d)
{
	struct cats c;
	double *p = NULL, po = 0, pe = 0, wn = 0;
	size_t n = 0, q;
	cdr_coef out;

	if (d->coders != 2)
		return undefined("Scott's pi is for exactly two coders (use Fleiss' kappa)", 0);
	if (pair_cats(&c, d) < 0 || joint_table(&p, &n, &wn, d, &c) < 0) {
		free(c.v);
		return out_of_memory();
	}
	q = c.q;
	for (size_t i = 0; i < q; i++) {
		double share = 0;
		for (size_t j = 0; j < q; j++)
			share += (p[i * q + j] + p[j * q + i]) / 2.0;
		po += p[i * q + i];
		pe += share * share;
	}
	out = corrected(po, pe, n);
	free(c.v);
	free(p);
	return out;
}

/* ---- Krippendorff's alpha ------------------------------------------------ */

/*
 * Krippendorff (2011, "Computing Krippendorff's alpha-reliability"):
 * alpha = 1 - D_o / D_e over the pairable values (units with m_u >= 2),
 *   D_o = 1/n sum_u 1/(m_u - 1) sum_{i != j in u} delta^2(x_i, x_j)
 *   D_e = 1/(n (n - 1)) sum_{c, k} n_c n_k delta^2(c, k).
 */
static double delta2(cdr_level level, const struct cats *c, const double *cum, const double *nc,
		     size_t a, size_t b, double scale)
{
	double x = c->v[a] / scale, y = c->v[b] / scale;

	switch (level) {
	case CDR_LEVEL_NOMINAL:
		return a != b;
	case CDR_LEVEL_INTERVAL:
		return (x - y) * (x - y);
	case CDR_LEVEL_RATIO:
		return x + y == 0 ? 0 : ((x - y) / (x + y)) * ((x - y) / (x + y));
	case CDR_LEVEL_ORDINAL: {
		size_t lo = a < b ? a : b, hi = a < b ? b : a;
		double s = cum[hi] - (lo ? cum[lo - 1] : 0) - (nc[a] + nc[b]) / 2.0;
		return s * s;
	}
	}
	return 0;
}

cdr_coef cdr_agree_alpha(const cdr_rdata *d, cdr_level level)
{
	const struct cats *c = prepared(d);
	double *nc = NULL, *cum = NULL, *cnt = NULL, n = 0, d_o = 0, d_e = 0, scale = 1, largest = 0;
	size_t *present = NULL, units = 0;
	cdr_coef out;

	if (c == NULL || (nc = cdr_calloc(c->q ? c->q : 1, sizeof(double))) == NULL ||
	    (cum = cdr_calloc(c->q ? c->q : 1, sizeof(double))) == NULL ||
	    (cnt = cdr_calloc(c->q ? c->q : 1, sizeof(double))) == NULL ||
	    (present = cdr_calloc(c->q ? c->q : 1, sizeof(size_t))) == NULL) {
		out = out_of_memory();
		goto done;
	}
	if ((level == CDR_LEVEL_ORDINAL || level == CDR_LEVEL_RATIO) && c->q > 20000) {
		out = undefined("more than 20000 distinct values: ordinal and ratio alpha need fewer", 0);
		goto done;
	}
	/* interval and ratio alpha do not change when every value is divided
	 * by the same number; huge values would overflow the squares (1e162
	 * squared is infinite: NaN) and tiny ones underflow them (no
	 * variation), so such values are divided by the largest */
	for (size_t k = 0; k < c->q && level != CDR_LEVEL_NOMINAL; k++)
		if (fabs(c->v[k]) > largest)
			largest = fabs(c->v[k]);
	if (largest > 1e100 || (largest > 0 && largest < 1e-100))
		scale = largest;
	/* pass 1: the values n_c of pairable units */
	for (size_t u = 0; u < d->units; u++) {
		const uint32_t *row = d->idx + u * d->coders;
		size_t m = 0;
		for (size_t j = 0; j < d->coders; j++)
			m += row[j] != MISSING;
		if (m < 2)
			continue;
		units++;
		for (size_t j = 0; j < d->coders; j++)
			if (row[j] != MISSING)
				nc[row[j]] += unit_weight(d, u);
		n += unit_weight(d, u) * (double)m;
	}
	if (units == 0) {
		out = undefined("no unit has values from two coders", 0);
		goto done;
	}
	for (size_t k = 0; k < c->q; k++)
		cum[k] = nc[k] + (k ? cum[k - 1] : 0);
	/* pass 2: observed disagreement within units, from each unit's counts
	 * per category: the pairs of values of a unit with a million values (a
	 * counts table allows that) are too many to visit one by one */
	for (size_t u = 0; u < d->units; u++) {
		const uint32_t *row = d->idx + u * d->coders;
		size_t m = 0, np = 0;
		double sum = 0;
		for (size_t j = 0; j < d->coders; j++)
			if (row[j] != MISSING) {
				if (cnt[row[j]] == 0)
					present[np++] = row[j];
				cnt[row[j]] += 1;
				m++;
			}
		if (m >= 2) {
			if (level == CDR_LEVEL_NOMINAL) {
				/* ordered pairs of different values: m^2 - sum of n_k^2 */
				double same = 0;
				for (size_t a = 0; a < np; a++)
					same += cnt[present[a]] * cnt[present[a]];
				sum = (double)m * (double)m - same;
			} else if (level == CDR_LEVEL_INTERVAL) {
				/* sum over ordered pairs of (x - y)^2 = 2 m sum (x - mean)^2 */
				double s1 = 0, mean;
				for (size_t a = 0; a < np; a++)
					s1 += cnt[present[a]] * (c->v[present[a]] / scale);
				mean = s1 / (double)m;
				for (size_t a = 0; a < np; a++) {
					double e = c->v[present[a]] / scale - mean;
					sum += cnt[present[a]] * e * e;
				}
				sum *= 2 * (double)m;
			} else {
				/* pairs of categories present: at most 20000 (above) */
				for (size_t a = 0; a < np; a++)
					for (size_t b = a + 1; b < np; b++)
						sum += 2 * cnt[present[a]] * cnt[present[b]] *
						       delta2(level, c, cum, nc, present[a], present[b], scale);
			}
			d_o += unit_weight(d, u) * sum / (double)(m - 1);
		}
		for (size_t a = 0; a < np; a++)
			cnt[present[a]] = 0;
	}
	d_o /= n;
	/* expected disagreement over all pairs of pairable values */
	if (level == CDR_LEVEL_NOMINAL) {
		double sq = 0;
		for (size_t k = 0; k < c->q; k++)
			sq += nc[k] * nc[k];
		d_e = (n * n - sq) / (n * (n - 1));
	} else if (level == CDR_LEVEL_INTERVAL) {
		double s1 = 0, s2 = 0, mean;
		for (size_t k = 0; k < c->q; k++)
			s1 += nc[k] * (c->v[k] / scale);
		mean = s1 / n;
		for (size_t k = 0; k < c->q; k++)
			s2 += nc[k] * (c->v[k] / scale - mean) * (c->v[k] / scale - mean);
		d_e = 2 * n * s2 / (n * (n - 1));
	} else {
		for (size_t a = 0; a < c->q; a++)
			for (size_t b = a + 1; b < c->q; b++)
				d_e += 2 * nc[a] * nc[b] * delta2(level, c, cum, nc, a, b, scale);
		d_e /= n * (n - 1);
	}
	if (d_e <= 0)
		out = undefined("no variation: every pairable value is the same, so expected disagreement is 0", units);
	else
		out = defined(1.0 - d_o / d_e, units);
done:
	free(nc);
	free(cum);
	free(cnt);
	free(present);
	return out;
}

/* ---- Conger's kappa ------------------------------------------------------ */

/*
 * Conger (1980), as Gwet (2014) and irrCAC's conger.kappa.raw
 * compute it. p_a is the multi-rater core above. Each coder g has
 * classification shares p_gk = n_gk / n_g over the units g coded, and
 * chance agreement is the mean over ordered pairs of different coders of
 * the pair's Cohen chance agreement:
 *   p_e = sum_{g != h} sum_kl w_kl p_gk p_hl / (r (r - 1))
 *       = sum_g s_g / (r (r - 1)),  s_g = sum_l p_gl v_gl,
 *   v_gl = sum_k c_gk w_kl,  c_gk = sum_{h != g} p_hk.
 * A coder with no values at all has no shares and is left out of r.
 *
 * The variance is Gwet's linearisation (irrCAC): over the n units with a
 * value, kappa_i = (n / n2)(p_a,i - p_e [r_i >= 2]) / (1 - p_e) with n2 the
 * units with two or more values, p_e,i = sum_g lambda_ig / (r (r - 1)),
 *   lambda_ig = (n / n_g)(v_g,x_ig - (1 - n_g / n) s_g)  if g coded unit i,
 *             = s_g                                       otherwise,
 *   x_i = kappa_i - 2 (1 - kappa)(p_e,i - p_e) / (1 - p_e),
 *   var = sum_i (x_i - kappa)^2 / (n (n - 1)).
 * The v_g and s_g make each unit cost O(r), not O(r q^2).
 */
cdr_coef cdr_agree_conger(const cdr_rdata *d, cdr_weights w)
{
	const struct cats *c = prepared(d);
	size_t r = d->coders, q, rr = 0;
	double *ng = NULL, *p = NULL, *colsum = NULL, *v = NULL, *s = NULL, *cnt = NULL;
	size_t *present = NULL;
	double pe = 0, n = 0, n2 = 0, var = 0, k;
	struct multi m = { 0 };
	cdr_coef out;

	if (c == NULL || multi_cached(&m, d, c, w) < 0)
		return out_of_memory();
	q = c->q;
	if ((ng = cdr_calloc(r ? r : 1, sizeof(double))) == NULL ||
	    (p = cdr_calloc(r * q > 0 ? r * q : 1, sizeof(double))) == NULL ||
	    (v = cdr_calloc(r * q > 0 ? r * q : 1, sizeof(double))) == NULL ||
	    (colsum = cdr_calloc(q ? q : 1, sizeof(double))) == NULL ||
	    (cnt = cdr_calloc(q ? q : 1, sizeof(double))) == NULL ||
	    (present = cdr_calloc(r ? r : 1, sizeof(size_t))) == NULL ||
	    (s = cdr_calloc(r ? r : 1, sizeof(double))) == NULL) {
		out = out_of_memory();
		goto done;
	}
	/* every coder's values per category, and the units with a value */
	for (size_t u = 0; u < d->units; u++) {
		const uint32_t *row = d->idx + u * r;
		double wu = unit_weight(d, u);
		int any = 0;
		for (size_t g = 0; g < r; g++)
			if (row[g] != MISSING) {
				p[g * q + row[g]] += wu;
				ng[g] += wu;
				any = 1;
			}
		n += any ? wu : 0;
	}
	for (size_t g = 0; g < r; g++) {
		if (ng[g] <= 0)
			continue; /* no values: no shares, not a coder here */
		rr++;
		for (size_t k2 = 0; k2 < q; k2++) {
			p[g * q + k2] /= ng[g];
			colsum[k2] += p[g * q + k2];
		}
	}
	if (m.n_pairable == 0 || rr < 2) {
		out = undefined("no unit has values from two coders", 0);
		goto done;
	}
	for (size_t g = 0; g < r; g++) {
		if (ng[g] <= 0)
			continue;
		for (size_t l = 0; l < q; l++) {
			double sum = 0;
			if (w == CDR_WEIGHTS_NONE) {
				sum = colsum[l] - p[g * q + l];
			} else {
				for (size_t k2 = 0; k2 < q; k2++)
					sum += (colsum[k2] - p[g * q + k2]) * weight(w, k2, l, q);
			}
			v[g * q + l] = sum;
			s[g] += p[g * q + l] * sum;
		}
		pe += s[g];
	}
	pe /= (double)rr * (double)(rr - 1);
	out = corrected(m.pa, pe, m.n_pairable);
	if (!out.defined || n <= 1)
		goto done;
	k = out.value;
	n2 = m.w_pairable;
	/* Gwet's linearised variance, unit by unit */
	for (size_t u = 0; u < d->units; u++) {
		const uint32_t *row = d->idx + u * r;
		double wu = unit_weight(d, u), pa_i = 0, pe_i = 0, x;
		size_t ri = 0, np = 0;
		for (size_t g = 0; g < r; g++) {
			if (row[g] == MISSING)
				continue;
			if (cnt[row[g]] == 0)
				present[np++] = row[g];
			cnt[row[g]] += 1;
			ri++;
		}
		if (ri == 0)
			continue;
		if (ri >= 2) {
			for (size_t a = 0; a < np; a++) {
				size_t kk = present[a];
				double rstar = cnt[kk];
				if (w != CDR_WEIGHTS_NONE) {
					rstar = 0;
					for (size_t b = 0; b < np; b++)
						rstar += weight(w, kk, present[b], q) * cnt[present[b]];
				}
				pa_i += cnt[kk] * (rstar - 1);
			}
			pa_i /= (double)ri * (double)(ri - 1);
		}
		for (size_t a = 0; a < np; a++)
			cnt[present[a]] = 0;
		for (size_t g = 0; g < r; g++) {
			if (ng[g] <= 0)
				continue;
			if (row[g] == MISSING)
				pe_i += s[g];
			else
				pe_i += (n / ng[g]) * (v[g * q + row[g]] - (1.0 - ng[g] / n) * s[g]);
		}
		pe_i /= (double)rr * (double)(rr - 1);
		x = (n / n2) * (pa_i - (ri >= 2 ? pe : 0)) / (1.0 - pe);
		x -= 2.0 * (1.0 - k) * (pe_i - pe) / (1.0 - pe);
		var += wu * (x - k) * (x - k);
	}
	var /= n * (n - 1);
	out.se = var > 0 ? sqrt(var) : 0;
done:
	multi_free(&m);
	free(ng);
	free(p);
	free(v);
	free(colsum);
	free(cnt);
	free(present);
	free(s);
	return out;
}

/* ---- Holsti's coefficient ------------------------------------------------ */

/*
 * Holsti (1969, p. 140): CR = 2M / (N1 + N2), N1 and N2 the coding
 * decisions of the two coders (here: their values), M those on which they
 * agree (units both gave the same value). Unlike percent agreement, a unit
 * only one coder coded counts, as a decision the other did not share.
 * Three or more coders: the mean of CR over the pairs of coders that have
 * values between them.
 */
cdr_coef cdr_agree_holsti(const cdr_rdata *d)
{
	const struct cats *c = prepared(d);
	size_t r = d->coders, units = 0, pairs = 0;
	double *agree = NULL, *ng = NULL, sum = 0;
	cdr_coef out;

	if (r < 2)
		return undefined("Holsti's coefficient needs two coders", 0);
	if (c == NULL || (agree = cdr_calloc(r * r, sizeof(double))) == NULL ||
	    (ng = cdr_calloc(r, sizeof(double))) == NULL) {
		free(agree);
		return out_of_memory();
	}
	for (size_t u = 0; u < d->units; u++) {
		const uint32_t *row = d->idx + u * r;
		double wu = unit_weight(d, u);
		int any = 0;
		for (size_t g = 0; g < r; g++) {
			if (row[g] == MISSING)
				continue;
			any = 1;
			ng[g] += wu;
			for (size_t h = g + 1; h < r; h++)
				if (row[h] == row[g])
					agree[g * r + h] += wu;
		}
		units += (size_t)any;
	}
	for (size_t g = 0; g < r; g++)
		for (size_t h = g + 1; h < r; h++)
			if (ng[g] + ng[h] > 0) {
				sum += 2.0 * agree[g * r + h] / (ng[g] + ng[h]);
				pairs++;
			}
	out = pairs ? defined(sum / (double)pairs, units) : undefined("no coder has a value", 0);
	free(agree);
	free(ng);
	return out;
}

/* ---- dispatch and bootstrap --------------------------------------------- */

cdr_coef cdr_agree_compute(const cdr_rdata *d, const cdr_coef_spec *spec)
{
	switch (spec->kind) {
	case CDR_COEF_PERCENT: return cdr_agree_percent(d);
	case CDR_COEF_COHEN: return cdr_agree_cohen(d, spec->weights);
	case CDR_COEF_SCOTT: return cdr_agree_scott(d);
	case CDR_COEF_FLEISS: return cdr_agree_fleiss(d);
	case CDR_COEF_BP: return cdr_agree_brennan_prediger(d, spec->weights, spec->q);
	case CDR_COEF_GWET: return cdr_agree_gwet(d, spec->weights, spec->q);
	case CDR_COEF_ALPHA: return cdr_agree_alpha(d, spec->level);
	case CDR_COEF_CONGER: return cdr_agree_conger(d, spec->weights);
	case CDR_COEF_HOLSTI: return cdr_agree_holsti(d);
	}
	return undefined("unknown coefficient", 0);
}

/* The choice of coefficients is the library's, so that the command line,
 * the report and any other caller list the same ones for the same data. */
int cdr_agree_coefs(cdr_coef_choice *out, size_t *n, size_t ncoders, cdr_level level, cdr_weights w,
		    cdr_table_layout layout)
{
	static const char *const alpha_names[] = { "Krippendorff's alpha, nominal", "Krippendorff's alpha, ordinal",
						   "Krippendorff's alpha, interval", "Krippendorff's alpha, ratio" };
	/* weighted variants where the categories have an order to weigh */
	int ordered = level != CDR_LEVEL_NOMINAL;
	/* Holsti, Cohen, Scott and Conger need to know which coder gave which value */
	int counts = layout == CDR_LAYOUT_COUNTS;
	size_t k = 0;

	*n = 0;
	if (w != CDR_WEIGHTS_NONE && !ordered)
		return cdr_error_set(CDR_EUSAGE, "%s weights need ordered categories: nominal data have no order",
				     w == CDR_WEIGHTS_LINEAR ? "linear" : "quadratic");
#define CHOICE(i, nm, kind, wt) (out[k++] = (cdr_coef_choice){ i, nm, { kind, wt, level, 0 } })
	CHOICE("percent", "percent agreement", CDR_COEF_PERCENT, CDR_WEIGHTS_NONE);
	if (!counts)
		CHOICE("holsti", "Holsti's coefficient", CDR_COEF_HOLSTI, CDR_WEIGHTS_NONE);
	if (ncoders == 2 && !counts) {
		CHOICE("cohen", "Cohen's kappa", CDR_COEF_COHEN, CDR_WEIGHTS_NONE);
		if (ordered) {
			CHOICE("cohen_linear", "Cohen's kappa, linear weights", CDR_COEF_COHEN, CDR_WEIGHTS_LINEAR);
			CHOICE("cohen_quadratic", "Cohen's kappa, quadratic weights", CDR_COEF_COHEN, CDR_WEIGHTS_QUADRATIC);
		}
		CHOICE("scott", "Scott's pi", CDR_COEF_SCOTT, CDR_WEIGHTS_NONE);
	}
	CHOICE("fleiss", "Fleiss' kappa", CDR_COEF_FLEISS, CDR_WEIGHTS_NONE);
	if (!counts) {
		CHOICE("conger", "Conger's kappa", CDR_COEF_CONGER, CDR_WEIGHTS_NONE);
		if (ordered) {
			CHOICE("conger_linear", "Conger's kappa, linear weights", CDR_COEF_CONGER, CDR_WEIGHTS_LINEAR);
			CHOICE("conger_quadratic", "Conger's kappa, quadratic weights", CDR_COEF_CONGER,
			       CDR_WEIGHTS_QUADRATIC);
		}
	}
	CHOICE("brennan_prediger", "Brennan-Prediger kappa", CDR_COEF_BP, CDR_WEIGHTS_NONE);
	CHOICE("gwet_ac1", "Gwet's AC1", CDR_COEF_GWET, CDR_WEIGHTS_NONE);
	if (w == CDR_WEIGHTS_LINEAR)
		CHOICE("gwet_ac2_linear", "Gwet's AC2, linear weights", CDR_COEF_GWET, CDR_WEIGHTS_LINEAR);
	else if (w == CDR_WEIGHTS_QUADRATIC)
		CHOICE("gwet_ac2_quadratic", "Gwet's AC2, quadratic weights", CDR_COEF_GWET, CDR_WEIGHTS_QUADRATIC);
	CHOICE("krippendorff_alpha", alpha_names[level], CDR_COEF_ALPHA, CDR_WEIGHTS_NONE);
#undef CHOICE
	*n = k;
	return 0;
}

cdr_coef_choice cdr_agree_kappa_choice(size_t ncoders)
{
	if (ncoders == 2)
		return (cdr_coef_choice){ "cohen", "Cohen's kappa", { CDR_COEF_COHEN, CDR_WEIGHTS_NONE, CDR_LEVEL_NOMINAL, 0 } };
	return (cdr_coef_choice){ "fleiss", "Fleiss' kappa", { CDR_COEF_FLEISS, CDR_WEIGHTS_NONE, CDR_LEVEL_NOMINAL, 0 } };
}

/* xoshiro256** (Blackman & Vigna), seeded by splitmix64: the same seed
 * gives the same resamples on every machine. */
struct rng {
	uint64_t s[4];
};

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t rng_next(struct rng *r)
{
	uint64_t result = rotl(r->s[1] * 5, 7) * 9, t = r->s[1] << 17;

	r->s[2] ^= r->s[0];
	r->s[3] ^= r->s[1];
	r->s[1] ^= r->s[2];
	r->s[0] ^= r->s[3];
	r->s[2] ^= t;
	r->s[3] = rotl(r->s[3], 45);
	return result;
}

/* uniform in [0, n) without modulo bias (Lemire's method) */
static size_t rng_below(struct rng *r, size_t n)
{
	unsigned __int128 m = (unsigned __int128)rng_next(r) * n;
	uint64_t l = (uint64_t)m;

	if (l < n) {
		uint64_t t = (uint64_t)(-(uint64_t)n) % n;
		while (l < t) {
			m = (unsigned __int128)rng_next(r) * n;
			l = (uint64_t)m;
		}
	}
	return (size_t)(m >> 64);
}

int cdr_agree_bootstrap(cdr_coef *c, const cdr_rdata *d, const cdr_coef_spec *spec,
			size_t replicates, uint64_t seed, double level)
{
	cdr_rdata *sample;
	double *values;
	size_t got = 0;
	struct rng r;
	uint64_t x = seed;
	int rc;

	c->lo = c->hi = NAN;
	if (replicates == 0 || d->units == 0)
		return 0;
	if ((rc = cdr_rdata_new(&sample, d->units, d->coders)) < 0)
		return rc;
	if ((values = cdr_malloc(replicates * sizeof(double))) == NULL) {
		cdr_rdata_free(sample);
		return CDR_ENOMEM;
	}
	for (int i = 0; i < 4; i++)
		r.s[i] = splitmix64(&x);
	for (size_t b = 0; b < replicates; b++) {
		cdr_coef e;
		for (size_t u = 0; u < d->units; u++) {
			size_t from = rng_below(&r, d->units);
			memcpy(sample->v + u * d->coders, d->v + from * d->coders, d->coders * sizeof(double));
			if (d->w && cdr_rdata_set_weight(sample, u, d->w[from]) < 0) {
				free(values);
				cdr_rdata_free(sample);
				return CDR_ENOMEM;
			}
		}
		drop_cache(sample); /* filled behind cdr_rdata_set's back */
		e = cdr_agree_compute(sample, spec);
		if (e.rc < 0) {
			free(values);
			cdr_rdata_free(sample);
			return e.rc;
		}
		if (e.defined)
			values[got++] = e.value;
	}
	if (got > 0) {
		double a = (1.0 - level) / 2.0;
		size_t lo, hi;
		cdr_sort(values, got, sizeof(double), cmp_double);
		/* percentile method, nearest rank */
		lo = (size_t)floor(a * (double)(got - 1) + 0.5);
		hi = (size_t)floor((1.0 - a) * (double)(got - 1) + 0.5);
		c->lo = values[lo];
		c->hi = values[hi];
	}
	free(values);
	cdr_rdata_free(sample);
	return 0;
}
