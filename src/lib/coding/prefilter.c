/* prefilter.c -- the Hyperscan prefilter of the rule engine (prefilter.h).
 *
 * Patterns Hyperscan cannot take even in prefilter mode are marked as
 * candidates everywhere, so correctness never depends on Hyperscan. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* memmem */
#endif
#include <stdlib.h>
#include <string.h>

#include "codeer/error.h"
#include "coding/prefilter.h"
#include "util/alloc.h"

#ifdef HAVE_HYPERSCAN
#include <hs/hs.h>

#include "util/buf.h"

/*
 * Hyperscan compiles Unicode classes (HS_FLAG_UCP) very slowly: about 17 s
 * for the shipped schemes. So the patterns are rewritten into ASCII-mode
 * patterns that match a superset: assertions (\b \B ^ $ \A \z \Z \G) are
 * dropped, \w \s \d \h \v and every positive character class also
 * accept any non-ASCII character, and every non-ASCII character of the
 * pattern becomes "any non-ASCII character". Dropping an assertion or
 * widening a class only widens the set of matches, which is all a
 * prefilter needs. Patterns with a negated class or \Q...\E stay out of
 * the database (always scanned). The two ASCII letters whose case
 * variants are not ASCII (k and s: KELVIN SIGN, LONG S) are handled by
 * scanning such documents fully.
 */
static int widen(cdr_buf *b, const char *p)
{
	static const char any[] = "\\x{80}-\\x{10FFFF}";
	int in_class = 0, rc = 0;

	for (; *p && rc == 0; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '\\' && p[1]) {
			char n = p[1];
			if (n == 'Q')
				return -1; /* quoted runs: not worth rewriting */
			if (!in_class && strchr("bBAzZG", n)) {
				p++;
				continue;
			}
			if (strchr("wsdhv", n)) {
				rc = in_class ? cdr_buf_printf(b, "\\%c", n) : cdr_buf_printf(b, "[\\%c%s]", n, any);
				p++;
				continue;
			}
			if (strchr("WSDHVNRX", n) == NULL && !(n >= '0' && n <= '9') && n != 'p' && n != 'P' &&
			    n != 'x' && n != 'k' && n != 'g' && !strchr("tnrfae.^$|()[]{}*+?\\/-:#\"' <>=!&,;@%~`_", n))
				return -1; /* an escape we do not know: keep it out */
			rc = cdr_buf_put(b, p, 2);
			p++;
			continue;
		}
		if (c >= 0x80) {
			while ((p[1] & 0xC0) == 0x80)
				p++;
			/* in a class the highest code point stands in: a range that
			 * ends in it ("a-é") then covers every character it did */
			rc = in_class ? cdr_buf_puts(b, "\\x{10FFFF}") : cdr_buf_printf(b, "[%s]", any);
			continue;
		}
		if (!in_class && (c == '^' || c == '$'))
			continue;
		if (c == '[' && !in_class) {
			if (p[1] == '^')
				return -1; /* a negated class must not be widened */
			in_class = 1;
			rc = cdr_buf_putc(b, '[');
			if (rc == 0 && p[1] == ']')
				rc = cdr_buf_putc(b, *++p);
			continue;
		}
		if (c == '[' && in_class && p[1] == ':') {
			/* a POSIX class: copy it whole, the class gets widened at its end */
			const char *end = strstr(p, ":]");
			if (end == NULL)
				return -1;
			rc = cdr_buf_put(b, p, (size_t)(end + 2 - p));
			p = end + 1;
			continue;
		}
		if (c == ']' && in_class) {
			/* every positive class also takes any non-ASCII character */
			in_class = 0;
			rc = cdr_buf_printf(b, "%s]", any);
			continue;
		}
		rc = cdr_buf_putc(b, (char)c);
	}
	return in_class ? -1 : rc;
}

struct cdr_prefilter {
	char **widened;         /* the ASCII-mode superset patterns */
	hs_database_t *db;
	hs_scratch_t *scratch;
	size_t n;
	unsigned char *always;  /* patterns outside the database */
	unsigned int *ids;      /* database id -> pattern index */
};

int cdr_prefilter_new(cdr_prefilter **out, const char *const *patterns, const int *caseless, size_t n)
{
	cdr_prefilter *pf;
	unsigned int *flags = NULL, *ids = NULL;
	const char **exprs = NULL;
	size_t m;

	*out = NULL;
	if (n == 0)
		return 0;
	if ((pf = cdr_calloc(1, sizeof(*pf))) == NULL || (pf->always = cdr_calloc(n, 1)) == NULL ||
	    (flags = cdr_calloc(n, sizeof(unsigned))) == NULL || (ids = cdr_calloc(n, sizeof(unsigned))) == NULL ||
	    (exprs = cdr_calloc(n, sizeof(char *))) == NULL)
		goto nomem;
	pf->n = n;
	if ((pf->widened = cdr_calloc(n, sizeof(char *))) == NULL)
		goto nomem;
	for (size_t i = 0; i < n; i++) {
		cdr_buf b = CDR_BUF_INIT;
		if (widen(&b, patterns[i]) == 0)
			pf->widened[i] = cdr_buf_detach(&b, NULL);
		else
			cdr_buf_free(&b);
		if (pf->widened[i] == NULL)
			pf->always[i] = 1;
	}
	for (;;) {
		hs_compile_error_t *err = NULL;
		m = 0;
		for (size_t i = 0; i < n; i++) {
			if (pf->always[i])
				continue;
			exprs[m] = pf->widened[i];
			flags[m] = HS_FLAG_PREFILTER | HS_FLAG_UTF8 | HS_FLAG_ALLOWEMPTY |
				   (caseless[i] ? HS_FLAG_CASELESS : 0);
			ids[m] = (unsigned)i;
			m++;
		}
		if (m == 0)
			break;
		if (hs_compile_multi(exprs, flags, ids, (unsigned)m, HS_MODE_BLOCK, NULL, &pf->db, &err) == HS_SUCCESS)
			break;
		/* drop the pattern Hyperscan refused and try again */
		if (err->expression < 0) {
			hs_free_compile_error(err);
			memset(pf->always, 1, n);
			break;
		}
		pf->always[ids[err->expression]] = 1;
		hs_free_compile_error(err);
	}
	if (pf->db && hs_alloc_scratch(pf->db, &pf->scratch) != HS_SUCCESS) {
		cdr_prefilter_free(pf);
		pf = NULL;
		cdr_error_clear();
	}
	free(flags);
	free(exprs);
	if (pf)
		pf->ids = ids;
	else
		free(ids);
	*out = pf;
	return 0;
nomem:
	free(flags);
	free(ids);
	free(exprs);
	cdr_prefilter_free(pf);
	return cdr_error_set(CDR_ENOMEM, "out of memory");
}

void cdr_prefilter_free(cdr_prefilter *pf)
{
	if (pf == NULL)
		return;
	hs_free_scratch(pf->scratch);
	hs_free_database(pf->db);
	for (size_t i = 0; pf->widened && i < pf->n; i++)
		free(pf->widened[i]);
	free(pf->widened);
	free(pf->always);
	free(pf->ids);
	free(pf);
}

struct scan {
	const cdr_span *regions;
	size_t nregions;
	unsigned char *cand;
};

/* Index of the region holding byte b. */
static size_t region_of(const struct scan *s, size_t b)
{
	size_t lo = 0, hi = s->nregions;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->regions[mid].start <= b)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? lo - 1 : 0;
}

static int on_match(unsigned int id, unsigned long long from, unsigned long long to, unsigned int flags, void *ctx)
{
	struct scan *s = ctx;

	(void)from;
	(void)flags;
	/* a match ending at `to` lies in the region of its last byte */
	s->cand[id * s->nregions + region_of(s, to ? (size_t)to - 1 : 0)] = 1;
	return 0;
}

int cdr_prefilter_scan(cdr_prefilter *pf, const char *text, size_t len, const cdr_span *regions,
		       size_t nregions, unsigned char *cand)
{
	struct scan s = { regions, nregions, cand };

	for (size_t p = 0; p < pf->n; p++)
		if (pf->always[p])
			memset(cand + p * nregions, 1, nregions);
	if (pf->db == NULL || nregions == 0)
		return 0;
	/* KELVIN SIGN and LONG S fold to ASCII k and s under PCRE2's caseless
	 * Unicode matching, not under the ASCII-mode database */
	if (memmem(text, len, "\xE2\x84\xAA", 3) || memmem(text, len, "\xC5\xBF", 2) || len > 0xFFFFFFFFu ||
	    hs_scan(pf->db, text, (unsigned int)len, 0, pf->scratch, on_match, &s) != HS_SUCCESS) {
		/* cannot scan: every region is a candidate */
		memset(cand, 1, pf->n * nregions);
	}
	return 0;
}

const char *cdr_prefilter_name(const cdr_prefilter *pf)
{
	return pf ? "hyperscan" : "none";
}

#else /* no Hyperscan: PCRE2 scans every region */

int cdr_prefilter_new(cdr_prefilter **out, const char *const *patterns, const int *caseless, size_t n)
{
	(void)patterns;
	(void)caseless;
	(void)n;
	*out = NULL;
	return 0;
}

void cdr_prefilter_free(cdr_prefilter *pf)
{
	(void)pf;
}

int cdr_prefilter_scan(cdr_prefilter *pf, const char *text, size_t len, const cdr_span *regions,
		       size_t nregions, unsigned char *cand)
{
	(void)pf;
	(void)text;
	(void)len;
	(void)regions;
	(void)nregions;
	(void)cand;
	return 0;
}

const char *cdr_prefilter_name(const cdr_prefilter *pf)
{
	(void)pf;
	return "none";
}

#endif
