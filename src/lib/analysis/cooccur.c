/* cooccur.c -- code co-occurrence (matrix.h): for each pair of codes the
 * units holding both, per code the units holding it, or ATLAS.ti's
 * c-coefficient of the two.
 *
 * The codings are read once, sorted by document and start, and walked a
 * document at a time; a document is loaded only for sentence and turn
 * units. A unit counts once for a code and once for a pair, however many
 * codings touch it. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "codeer/coding.h"
#include "codeer/error.h"
#include "codeer/matrix.h"
#include "util/alloc.h"
#include "util/array.h"
#include "util/strmap.h"

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

/* A coding on its way into the table: `code` is its column, or NO_COLUMN
 * for a code the table leaves out (it still joins passages into segment
 * units, so the units do not depend on the codes picked). */
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

/* The counted codings of the project's documents, with their columns;
 * *ncounted: those in a column. */
static int collect(struct occ **out, size_t *nocc, size_t *ncounted, cdr_project *p, cdr_codings **sets,
		   size_t nsets, const cdr_columns *cols, cdr_within within, cdr_selection *sel)
{
	cdr_strmap docmap = { 0 };
	struct occ *occ = NULL;
	size_t cap = 0;
	int rc = 0;

	*nocc = *ncounted = 0;
	for (size_t d = 0; d < cdr_project_doc_count(p) && rc == 0; d++)
		rc = cdr_strmap_put(&docmap, cdr_project_doc_id(p, d), d);
	for (size_t s = 0; s < nsets && rc == 0; s++)
		for (size_t i = 0; i < cdr_codings_count(sets[s]); i++) {
			const cdr_coding *k = cdr_codings_get(sets[s], i);
			size_t d;
			long col;
			int pass;
			if (strcmp(k->status, "rejected") == 0 || !cdr_strmap_get(&docmap, k->doc, &d) || k->end <= k->start)
				continue;
			col = cdr_columns_of(cols, k->code);
			if (col < 0 && within != CDR_WITHIN_SEGMENT)
				continue;
			if ((pass = cdr_selection_passage(sel, k->doc, k->start)) <= 0) {
				if ((rc = pass) < 0)
					break;
				continue;
			}
			if (cdr_grow((void **)&occ, &cap, *nocc + 1, sizeof(*occ)) < 0) {
				rc = CDR_ENOMEM;
				break;
			}
			occ[(*nocc)++] = (struct occ){ d, k->start, k->end, col < 0 ? NO_COLUMN : (size_t)col };
			*ncounted += col >= 0;
		}
	cdr_strmap_clear(&docmap);
	if (rc == 0)
		cdr_sort(occ, *nocc, sizeof(*occ), cmp_occ);
	*out = occ;
	return rc;
}

/* The units of one document's codings occ[0..n) into v (n x n codes). */
static int count_document(cdr_project *p, const struct occ *occ, size_t nocc, cdr_within within, struct unit *u,
			  double *v, size_t n)
{
	cdr_document *doc = NULL;
	size_t nunits = 1;
	int rc;

	if (within == CDR_WITHIN_SEGMENT) {
		/* a passage: codings joined while the next starts before the
		 * passage ends (sharing a character; touching is not enough) */
		for (size_t a = 0; a < nocc;) {
			size_t end = occ[a].end;
			for (; a < nocc && occ[a].start < end; a++) {
				unit_touch(u, occ[a].code);
				if (occ[a].end > end)
					end = occ[a].end;
			}
			unit_count(u, v, n);
		}
		return 0;
	}
	if (within != CDR_WITHIN_DOCUMENT) {
		if ((rc = cdr_project_doc_load(&doc, p, cdr_project_doc_id(p, occ[0].doc), 0)) < 0)
			return rc;
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
		for (size_t a = 0; a < nocc && occ[a].start < ue; a++)
			if (occ[a].end > us)
				unit_touch(u, occ[a].code);
		unit_count(u, v, n);
	}
	cdr_document_free(doc);
	return 0;
}

/* n12 / (n1 + n2 - n12) in place. n12 <= min(n1, n2) since every unit
 * with both has each: the coefficient lies in [0, 1]; with neither code
 * anywhere it is undefined (NAN), not 0. */
static int to_c_coefficient(double *v, size_t n)
{
	double *diag = cdr_calloc(n + 1, sizeof(double));

	if (diag == NULL)
		return CDR_ENOMEM;
	for (size_t x = 0; x < n; x++)
		diag[x] = v[x * n + x];
	for (size_t x = 0; x < n; x++)
		for (size_t y = 0; y < n; y++) {
			double both = v[x * n + y], any = diag[x] + diag[y] - both;
			v[x * n + y] = any > 0 ? both / any : NAN;
		}
	free(diag);
	return 0;
}

int cdr_cooccur(cdr_matrix **out, cdr_project *p, const cdr_schemes *set, const char *coder,
		const char *const *codes, size_t ncodes, cdr_within within, int jaccard)
{
	return cdr_cooccur_coders(out, p, set, coder ? &coder : NULL, coder ? 1 : 0, codes, ncodes, within, jaccard);
}

int cdr_cooccur_coders(cdr_matrix **out, cdr_project *p, const cdr_schemes *set, const char *const *coders,
		       size_t ncoders, const char *const *codes, size_t ncodes, cdr_within within, int jaccard)
{
	return cdr_cooccur_filtered(out, p, set, coders, ncoders, codes, ncodes, within, jaccard, NULL);
}

int cdr_cooccur_filtered(cdr_matrix **out, cdr_project *p, const cdr_schemes *set, const char *const *coders,
			 size_t ncoders, const char *const *codes, size_t ncodes, cdr_within within, int jaccard,
			 const cdr_filter *f)
{
	cdr_selection *sel = NULL;
	cdr_columns *cols = NULL;
	cdr_codings **sets = NULL;
	struct occ *occ = NULL;
	struct unit u = { 0 };
	const char **labels = NULL;
	double *v = NULL, *tot = NULL;
	size_t nsets = 0, nocc = 0, ncounted = 0, n = 0;
	int rc;

	*out = NULL;
	if ((rc = cdr_selection_new(&sel, p, f)) < 0 ||
	    (rc = cdr_columns_make(&cols, set, CDR_COLS_CODE, codes, ncodes)) < 0 ||
	    (rc = cdr_counted_load(&sets, &nsets, p, coders, coders ? ncoders : 0)) < 0 ||
	    (rc = collect(&occ, &nocc, &ncounted, p, sets, nsets, cols, within, sel)) < 0)
		goto done;
	n = cdr_columns_count(cols);
	if ((v = cdr_calloc(n * n + 1, sizeof(double))) == NULL || (tot = cdr_calloc(n + 1, sizeof(double))) == NULL ||
	    (labels = cdr_calloc(n + 1, sizeof(char *))) == NULL || (u.seen = cdr_calloc(n + 1, 1)) == NULL ||
	    (u.hit = cdr_calloc(n + 1, sizeof(size_t))) == NULL) {
		rc = CDR_ENOMEM;
		goto done;
	}
	for (size_t i = 0, j; i < nocc && rc == 0; i = j) {
		for (j = i; j < nocc && occ[j].doc == occ[i].doc; j++)
			;
		rc = count_document(p, occ + i, j - i, within, &u, v, n);
	}
	if (rc < 0)
		goto done;
	/* a code's total is its units, whatever the measure */
	for (size_t x = 0; x < n; x++) {
		tot[x] = v[x * n + x];
		labels[x] = cdr_columns_label(cols, x);
	}
	if ((jaccard && (rc = to_c_coefficient(v, n)) < 0) ||
	    (rc = cdr_matrix_from(out, labels, n, labels, n, v, tot, tot, 0, ncounted)) < 0)
		goto done;
done:
	cdr_selection_free(sel);
	cdr_columns_free(cols);
	cdr_counted_free(sets, nsets);
	free(occ);
	free(u.seen);
	free(u.hit);
	free(labels);
	free(v);
	free(tot);
	return rc;
}
