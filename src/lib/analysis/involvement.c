/* involvement.c -- the actors coded on the same segment as each code of a
 * list, per case (involvement.h): seed 001's Table 4.5, which asks per
 * type of intervention in how many cases it was done, how often the
 * professional took part, how often alone, and how many of the four
 * actors were involved on average.
 *
 * Cases are counted, not codings: a case has a code when any coding of
 * it lies in one of the case's documents, and an actor is involved when
 * any of its codings overlaps any of the code's codings there. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "codeer/cases.h"
#include "codeer/coding.h"
#include "codeer/error.h"
#include "codeer/involvement.h"
#include "codeer/matrix.h"
#include "util/alloc.h"
#include "util/array.h"
#include "util/strmap.h"

#define MAX_ACTORS 32

/* A coding of a row code or of an actor: its document and span. */
struct span {
	size_t doc, start, end;
	size_t col;
};

static int cmp_span(const void *a, const void *b)
{
	const struct span *x = a, *y = b;
	if (x->doc != y->doc)
		return x->doc < y->doc ? -1 : 1;
	return x->start < y->start ? -1 : x->start > y->start;
}

static int push(struct span **v, size_t *n, size_t *cap, struct span s)
{
	if (cdr_grow((void **)v, cap, *n + 1, sizeof(**v)) < 0)
		return CDR_ENOMEM;
	(*v)[(*n)++] = s;
	return 0;
}

static unsigned popcount32(uint32_t x)
{
	unsigned c = 0;
	for (; x; x &= x - 1)
		c++;
	return c;
}

static double pct(size_t part, size_t whole)
{
	return whole ? 100.0 * (double)part / (double)whole : NAN;
}

int cdr_involvement_build(cdr_involvement **out, size_t *n, cdr_project *p, const cdr_schemes *set,
			  const char *const *coders, size_t ncoders, const char *const *codes, size_t ncodes,
			  const char *const *actors, size_t nactors)
{
	cdr_columns *rows = NULL, *acts = NULL;
	cdr_codings **sets = NULL;
	cdr_strmap docmap = { 0 };
	cdr_cases *cases = cdr_project_cases(p);
	struct span *rs = NULL, *as = NULL;
	size_t nrs = 0, nas = 0, rcap = 0, acap = 0, nsets = 0, nrows = 0;
	size_t ndocs = cdr_project_doc_count(p), ncases = cases ? cdr_cases_count(cases) : 0, nslots;
	long *slot_of_doc = NULL;
	unsigned char *present = NULL, *with = NULL;
	uint32_t *mask = NULL;
	cdr_involvement *res = NULL;
	int rc = 0;

	*out = NULL;
	*n = 0;
	if (ncodes == 0)
		return cdr_error_set(CDR_EUSAGE, "no codes to make rows of");
	if (nactors == 0)
		return cdr_error_set(CDR_EUSAGE, "no actors: name the one whose involvement is counted first");
	if (nactors > MAX_ACTORS)
		return cdr_error_set(CDR_EUSAGE, "%zu actors; at most %d", nactors, MAX_ACTORS);
	if ((rc = cdr_columns_make(&rows, set, CDR_COLS_CODE, codes, ncodes)) < 0 ||
	    (rc = cdr_columns_make(&acts, set, CDR_COLS_CODE, actors, nactors)) < 0 ||
	    (rc = cdr_counted_load(&sets, &nsets, p, coders, coders ? ncoders : 0)) < 0)
		goto done;
	nrows = cdr_columns_count(rows);
	/* a slot per case, then one per document in no case */
	nslots = ncases + ndocs;
	if ((slot_of_doc = cdr_calloc(ndocs + 1, sizeof(long))) == NULL ||
	    (present = cdr_calloc(nslots + 1, 1)) == NULL || (with = cdr_calloc(nslots * nrows + 1, 1)) == NULL ||
	    (mask = cdr_calloc(nslots * nrows + 1, sizeof(uint32_t))) == NULL) {
		rc = CDR_ENOMEM;
		goto done;
	}
	for (size_t d = 0; d < ndocs && rc == 0; d++) {
		long c = cases ? cdr_cases_of_doc(cases, cdr_project_doc_id(p, d)) : -1;
		slot_of_doc[d] = c >= 0 ? c : (long)(ncases + d);
		present[slot_of_doc[d]] = 1;
		rc = cdr_strmap_put(&docmap, cdr_project_doc_id(p, d), d);
	}
	for (size_t s = 0; s < nsets && rc == 0; s++)
		for (size_t i = 0; i < cdr_codings_count(sets[s]) && rc == 0; i++) {
			const cdr_coding *k = cdr_codings_get(sets[s], i);
			size_t d;
			long r, a;
			if (strcmp(k->status, "rejected") == 0 || k->end <= k->start || !cdr_strmap_get(&docmap, k->doc, &d))
				continue;
			/* a code may be a row and an actor at once; it counts as both */
			if ((r = cdr_columns_of(rows, k->code)) >= 0)
				rc = push(&rs, &nrs, &rcap, (struct span){ d, k->start, k->end, (size_t)r });
			if (rc == 0 && (a = cdr_columns_of(acts, k->code)) >= 0)
				rc = push(&as, &nas, &acap, (struct span){ d, k->start, k->end, (size_t)a });
		}
	if (rc < 0)
		goto done;
	cdr_sort(rs, nrs, sizeof(*rs), cmp_span);
	cdr_sort(as, nas, sizeof(*as), cmp_span);
	/* both sorted by document and start: walk the actors of each row
	 * coding's document, stopping at the first that starts after it ends */
	for (size_t i = 0, a0 = 0; i < nrs; i++) {
		const struct span *x = &rs[i];
		size_t cell = (size_t)slot_of_doc[x->doc] * nrows + x->col;
		while (a0 < nas && as[a0].doc < x->doc)
			a0++;
		with[cell] = 1;
		for (size_t j = a0; j < nas && as[j].doc == x->doc && as[j].start < x->end; j++)
			if (as[j].end > x->start)
				mask[cell] |= (uint32_t)1 << as[j].col;
	}
	if ((res = cdr_calloc(nrows + 1, sizeof(*res))) == NULL) {
		rc = CDR_ENOMEM;
		goto done;
	}
	for (size_t r = 0; r < nrows; r++) {
		cdr_involvement *e = &res[r];
		if ((e->code = cdr_strdup(cdr_columns_label(rows, r))) == NULL) {
			rc = CDR_ENOMEM;
			goto done;
		}
		for (size_t c = 0; c < nslots; c++) {
			size_t cell = c * nrows + r;
			if (!present[c])
				continue;
			e->cases++;
			if (!with[cell])
				continue;
			e->with++;
			e->actors += popcount32(mask[cell]);
			if (mask[cell] & 1u) {
				e->self++;
				e->solo += mask[cell] == 1u;
			}
		}
		e->with_pct = pct(e->with, e->cases);
		e->self_pct = pct(e->self, e->with);
		e->solo_pct = pct(e->solo, e->self);
		e->partners = e->with ? (double)e->actors / (double)e->with : NAN;
	}
done:
	if (rc < 0) {
		cdr_involvement_free(res, nrows);
	} else {
		*out = res;
		*n = nrows;
	}
	cdr_columns_free(rows);
	cdr_columns_free(acts);
	cdr_counted_free(sets, nsets);
	cdr_strmap_clear(&docmap);
	free(rs);
	free(as);
	free(slot_of_doc);
	free(present);
	free(with);
	free(mask);
	return rc;
}

void cdr_involvement_free(cdr_involvement *rows, size_t n)
{
	for (size_t i = 0; rows && i < n; i++)
		free(rows[i].code);
	free(rows);
}
