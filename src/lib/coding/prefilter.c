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

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/fileio.h"
#include "util/hash.h"

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
	hs_scratch_t *proto;    /* cloned into every thread's state */
	size_t n;
	unsigned char *always;  /* patterns outside the database */
};

struct cand_list {
	cdr_prefilter_cand *v;
	size_t n, cap;
};

struct cdr_prefilter_state {
	hs_scratch_t *scratch;
	struct cand_list *lists;   /* one per pattern */
	unsigned char *all;        /* every region of the last document */
	size_t n;
	/* of the scan under way */
	const cdr_span *regions;
	size_t nregions;
	int failed;
};

#define CACHE_MAGIC "codeer-hs 2\n"

/* No start of match: PCRE2 searches a region from its start in any case
 * (engine.c), and Hyperscan reports where matches end. */
static unsigned flags_of(size_t i, const int *caseless)
{
	return HS_FLAG_PREFILTER | HS_FLAG_UTF8 | HS_FLAG_ALLOWEMPTY | (caseless[i] ? HS_FLAG_CASELESS : 0);
}

/* The cache key: what goes into the compiler, and which compiler. */
static int cache_key(char key[CDR_SHA256_HEX_LEN + 1], const cdr_prefilter *pf, const int *caseless)
{
	cdr_buf b = CDR_BUF_INIT;
	int rc = cdr_buf_printf(&b, "%s%s\n", CACHE_MAGIC, hs_version());

	for (size_t i = 0; i < pf->n && rc == 0; i++)
		rc = cdr_buf_printf(&b, "%s%c%u\n", pf->widened[i] ? pf->widened[i] : "", '\0', flags_of(i, caseless));
	if (rc == 0)
		cdr_sha256_hex(key, b.data, b.len);
	cdr_buf_free(&b);
	return rc;
}

static char *cache_path(const char *dir, const char *key)
{
	cdr_buf b = CDR_BUF_INIT;

	if (cdr_buf_printf(&b, "%s/hs-%.32s.db", dir, key) < 0) {
		cdr_buf_free(&b);
		return NULL;
	}
	return cdr_buf_detach(&b, NULL);
}

/* The file: magic, key, checksum of the rest (hex lines), then the
 * pattern count, always[n], and the serialized database. */
static int cache_load(cdr_prefilter *pf, const char *path, const char *key, cdr_warn_fn warn, void *ctx)
{
	char *data = NULL, sum[CDR_SHA256_HEX_LEN + 1], msg[512];
	size_t len, head = sizeof(CACHE_MAGIC) - 1 + 2 * (4 + CDR_SHA256_HEX_LEN + 1), n;
	const char *p;
	int ok = 0;

	if (access(path, F_OK) != 0)
		return 0;
	if (cdr_file_read(&data, &len, path, (size_t)1 << 30) < 0) {
		if (cdr_error_last_code() == CDR_ENOMEM)
			return CDR_ENOMEM;
		cdr_error_clear();
	} else if (len >= head + 8 && memcmp(data, CACHE_MAGIC, sizeof(CACHE_MAGIC) - 1) == 0) {
		p = data + sizeof(CACHE_MAGIC) - 1;
		cdr_sha256_hex(sum, data + head, len - head);
		memcpy(&n, data + head, 8);
		if (memcmp(p, "key ", 4) == 0 && memcmp(p + 4, key, CDR_SHA256_HEX_LEN) == 0 &&
		    memcmp(p + 4 + CDR_SHA256_HEX_LEN + 1, "sum ", 4) == 0 &&
		    memcmp(p + 8 + CDR_SHA256_HEX_LEN + 1, sum, CDR_SHA256_HEX_LEN) == 0 && n == pf->n &&
		    len >= head + 8 + n) {
			const char *db = data + head + 8 + n;
			memcpy(pf->always, data + head + 8, n);
			ok = len == head + 8 + n || hs_deserialize_database(db, len - head - 8 - n, &pf->db) == HS_SUCCESS;
		}
	}
	free(data);
	if (ok)
		return 1;
	if (warn) {
		snprintf(msg, sizeof(msg), "%s: damaged or unreadable prefilter cache; rebuilding it", path);
		warn(ctx, msg);
	}
	return 0;
}

static void cache_save(const cdr_prefilter *pf, const char *dir, const char *path, const char *key)
{
	cdr_buf b = CDR_BUF_INIT;
	char *db = NULL, sum[CDR_SHA256_HEX_LEN + 1];
	size_t dblen = 0, head = sizeof(CACHE_MAGIC) - 1 + 2 * (4 + CDR_SHA256_HEX_LEN + 1);
	uint64_t n = pf->n;

	if (pf->db && hs_serialize_database(pf->db, &db, &dblen) != HS_SUCCESS)
		return;
	/* the cache only saves time: a failure to write it is no error */
	if ((mkdir(dir, 0777) == 0 || errno == EEXIST) &&
	    cdr_buf_printf(&b, "%skey %s\nsum %064d\n", CACHE_MAGIC, key, 0) == 0 && b.len == head &&
	    cdr_buf_put(&b, &n, 8) == 0 && cdr_buf_put(&b, pf->always, pf->n) == 0 &&
	    (dblen == 0 || cdr_buf_put(&b, db, dblen) == 0)) {
		cdr_sha256_hex(sum, b.data + head, b.len - head);
		memcpy(b.data + head - 1 - CDR_SHA256_HEX_LEN, sum, CDR_SHA256_HEX_LEN);
		if (cdr_file_write_atomic(path, b.data, b.len) < 0)
			cdr_error_clear();
	}
	free(db);
	cdr_buf_free(&b);
}

static int compile_db(cdr_prefilter *pf, const int *caseless)
{
	unsigned int *flags = NULL, *ids = NULL;
	const char **exprs = NULL;
	size_t n = pf->n, m;

	if ((flags = cdr_calloc(n, sizeof(unsigned))) == NULL || (ids = cdr_calloc(n, sizeof(unsigned))) == NULL ||
	    (exprs = cdr_calloc(n, sizeof(char *))) == NULL) {
		free(flags);
		free(ids);
		return CDR_ENOMEM;
	}
	for (;;) {
		hs_compile_error_t *err = NULL;
		m = 0;
		for (size_t i = 0; i < n; i++) {
			if (pf->always[i])
				continue;
			exprs[m] = pf->widened[i];
			flags[m] = flags_of(i, caseless);
			ids[m] = (unsigned)i;
			m++;
		}
		if (m == 0)
			break;
		if (hs_compile_multi(exprs, flags, ids, (unsigned)m, HS_MODE_BLOCK, NULL, &pf->db, &err) == HS_SUCCESS)
			break;
		if (err->expression < 0) {
			hs_free_compile_error(err);
			memset(pf->always, 1, n);
			break;
		}
		/* Hyperscan refused a pattern: PCRE2 alone scans for it */
		pf->always[ids[err->expression]] = 1;
		hs_free_compile_error(err);
	}
	free(flags);
	free(ids);
	free(exprs);
	return 0;
}

static int prepare(cdr_prefilter **out, const char *const *patterns, size_t n)
{
	cdr_prefilter *pf;

	if ((pf = cdr_calloc(1, sizeof(*pf))) == NULL || (pf->always = cdr_calloc(n, 1)) == NULL ||
	    (pf->widened = cdr_calloc(n, sizeof(char *))) == NULL) {
		cdr_prefilter_free(pf);
		return cdr_error_set(CDR_ENOMEM, "out of memory");
	}
	pf->n = n;
	for (size_t i = 0; i < n; i++) {
		cdr_buf b = CDR_BUF_INIT;
		if (widen(&b, patterns[i]) == 0)
			pf->widened[i] = cdr_buf_detach(&b, NULL);
		else
			cdr_buf_free(&b);
		if (pf->widened[i] == NULL)
			pf->always[i] = 1;
	}
	*out = pf;
	return 0;
}

int cdr_prefilter_cached(const char *cache_dir, const char *const *patterns, const int *caseless, size_t n)
{
	cdr_prefilter *pf = NULL;
	char key[CDR_SHA256_HEX_LEN + 1], *path = NULL;
	int found = 0;

	if (cache_dir == NULL || n == 0 || prepare(&pf, patterns, n) < 0) {
		cdr_error_clear();
		return 0;
	}
	if (cache_key(key, pf, caseless) == 0 && (path = cache_path(cache_dir, key)) != NULL)
		found = access(path, R_OK) == 0;
	free(path);
	cdr_prefilter_free(pf);
	return found;
}

int cdr_prefilter_new(cdr_prefilter **out, const char *const *patterns, const int *caseless, size_t n,
		      const char *cache_dir, cdr_warn_fn warn, void *ctx)
{
	cdr_prefilter *pf = NULL;
	char key[CDR_SHA256_HEX_LEN + 1], *path = NULL;
	int rc, loaded = 0;

	*out = NULL;
	if (n == 0)
		return 0;
	if ((rc = prepare(&pf, patterns, n)) < 0)
		return rc;
	if (cache_dir) {
		if (cache_key(key, pf, caseless) < 0 || (path = cache_path(cache_dir, key)) == NULL) {
			rc = cdr_error_set(CDR_ENOMEM, "out of memory");
			goto done;
		}
		if ((loaded = cache_load(pf, path, key, warn, ctx)) < 0) {
			rc = cdr_error_set(CDR_ENOMEM, "out of memory");
			goto done;
		}
		if (!loaded) {
			/* what a damaged file left behind */
			hs_free_database(pf->db);
			pf->db = NULL;
			for (size_t i = 0; i < n; i++)
				pf->always[i] = pf->widened[i] == NULL;
		}
	}
	if (!loaded && (rc = compile_db(pf, caseless)) < 0) {
		rc = cdr_error_set(CDR_ENOMEM, "out of memory");
		goto done;
	}
	if (pf->db && hs_alloc_scratch(pf->db, &pf->proto) != HS_SUCCESS) {
		/* no scratch: no prefilter, PCRE2 alone gives the same codings */
		cdr_prefilter_free(pf);
		pf = NULL;
		goto done;
	}
	if (cache_dir && !loaded)
		cache_save(pf, cache_dir, path, key);
done:
	free(path);
	if (rc < 0) {
		cdr_prefilter_free(pf);
		return rc;
	}
	*out = pf;
	return 0;
}

void cdr_prefilter_free(cdr_prefilter *pf)
{
	if (pf == NULL)
		return;
	hs_free_scratch(pf->proto);
	hs_free_database(pf->db);
	for (size_t i = 0; pf->widened && i < pf->n; i++)
		free(pf->widened[i]);
	free(pf->widened);
	free(pf->always);
	free(pf);
}

int cdr_prefilter_state_new(cdr_prefilter_state **out, const cdr_prefilter *pf)
{
	cdr_prefilter_state *st;

	*out = NULL;
	if ((st = cdr_calloc(1, sizeof(*st))) == NULL || (st->lists = cdr_calloc(pf->n, sizeof(*st->lists))) == NULL ||
	    (st->all = cdr_calloc(pf->n, 1)) == NULL) {
		cdr_prefilter_state_free(st);
		return cdr_error_set(CDR_ENOMEM, "out of memory");
	}
	st->n = pf->n;
	if (pf->proto && hs_clone_scratch(pf->proto, &st->scratch) != HS_SUCCESS) {
		cdr_prefilter_state_free(st);
		return cdr_error_set(CDR_ENOMEM, "out of memory");
	}
	*out = st;
	return 0;
}

void cdr_prefilter_state_free(cdr_prefilter_state *st)
{
	if (st == NULL)
		return;
	hs_free_scratch(st->scratch);
	for (size_t i = 0; st->lists && i < st->n; i++)
		free(st->lists[i].v);
	free(st->lists);
	free(st->all);
	free(st);
}

/* Index of the region holding byte b. */
static size_t region_of(const cdr_prefilter_state *s, size_t b)
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
	cdr_prefilter_state *s = ctx;
	struct cand_list *l = &s->lists[id];
	/* a match ending at `to` lies in the region of its last byte; matches
	 * come in order of their ends, so a region's entries are adjacent */
	size_t g = region_of(s, to ? (size_t)to - 1 : 0);

	(void)from;
	(void)flags;
	if (l->n && l->v[l->n - 1].region == g) {
		l->v[l->n - 1].to = (size_t)to;
		return 0;
	}
	if (cdr_grow((void **)&l->v, &l->cap, l->n + 1, sizeof(*l->v)) < 0) {
		s->failed = 1;
		return 1; /* stop: every region becomes a candidate */
	}
	l->v[l->n].region = g;
	l->v[l->n].to = (size_t)to;
	l->n++;
	return 0;
}

int cdr_prefilter_scan(const cdr_prefilter *pf, cdr_prefilter_state *st, const char *text, size_t len,
		       const cdr_span *regions, size_t nregions)
{
	st->regions = regions;
	st->nregions = nregions;
	st->failed = 0;
	for (size_t p = 0; p < pf->n; p++) {
		st->lists[p].n = 0;
		st->all[p] = pf->always[p];
	}
	if (pf->db == NULL || nregions == 0)
		return 0;
	/* KELVIN SIGN and LONG S fold to ASCII k and s under PCRE2's caseless
	 * Unicode matching, not under the ASCII-mode database */
	if (memmem(text, len, "\xE2\x84\xAA", 3) || memmem(text, len, "\xC5\xBF", 2) || len > 0xFFFFFFFFu ||
	    hs_scan(pf->db, text, (unsigned int)len, 0, st->scratch, on_match, st) != HS_SUCCESS || st->failed) {
		/* cannot scan: every region is a candidate */
		memset(st->all, 1, pf->n);
	}
	return 0;
}

const cdr_prefilter_cand *cdr_prefilter_cands(const cdr_prefilter_state *st, size_t p, size_t *n)
{
	if (st->all[p]) {
		*n = 0;
		return NULL;
	}
	*n = st->lists[p].n;
	/* a pattern with no candidates: a non-NULL empty list */
	return st->lists[p].v ? st->lists[p].v : (const cdr_prefilter_cand *)st;
}

const char *cdr_prefilter_name(const cdr_prefilter *pf)
{
	return pf ? "hyperscan" : "none";
}

#else /* no Hyperscan: PCRE2 scans every region */

int cdr_prefilter_cached(const char *cache_dir, const char *const *patterns, const int *caseless, size_t n)
{
	(void)cache_dir;
	(void)patterns;
	(void)caseless;
	(void)n;
	return 0;
}

int cdr_prefilter_new(cdr_prefilter **out, const char *const *patterns, const int *caseless, size_t n,
		      const char *cache_dir, cdr_warn_fn warn, void *ctx)
{
	(void)patterns;
	(void)caseless;
	(void)n;
	(void)cache_dir;
	(void)warn;
	(void)ctx;
	*out = NULL;
	return 0;
}

void cdr_prefilter_free(cdr_prefilter *pf)
{
	(void)pf;
}

int cdr_prefilter_state_new(cdr_prefilter_state **out, const cdr_prefilter *pf)
{
	(void)pf;
	*out = NULL;
	return 0;
}

void cdr_prefilter_state_free(cdr_prefilter_state *st)
{
	(void)st;
}

int cdr_prefilter_scan(const cdr_prefilter *pf, cdr_prefilter_state *st, const char *text, size_t len,
		       const cdr_span *regions, size_t nregions)
{
	(void)pf;
	(void)st;
	(void)text;
	(void)len;
	(void)regions;
	(void)nregions;
	return 0;
}

const cdr_prefilter_cand *cdr_prefilter_cands(const cdr_prefilter_state *st, size_t p, size_t *n)
{
	(void)st;
	(void)p;
	*n = 0;
	return NULL;
}

const char *cdr_prefilter_name(const cdr_prefilter *pf)
{
	(void)pf;
	return "none";
}

#endif
