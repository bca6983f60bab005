/* prefilter.h -- one pass over a document for all rule patterns at once,
 * to find the regions (turns) where a rule may match, and where in them,
 * so that PCRE2 runs only there. Built on Hyperscan in prefilter mode,
 * which reports a superset of the true matches; PCRE2 then decides.
 * Without Hyperscan (configure --without-hyperscan, or
 * CODEER_PREFILTER=off) every region is a candidate, and the codings are
 * the same byte for byte.
 *
 * The compiled database can be kept in a cache directory (a project's
 * .codeer-cache/), keyed by the patterns, their flags and the Hyperscan
 * version; a damaged cache file is reported and rebuilt. */
#ifndef CDR_CODING_PREFILTER_H
#define CDR_CODING_PREFILTER_H

#include <stddef.h>

#include "codeer/coding.h"
#include "codeer/text.h"

typedef struct cdr_prefilter cdr_prefilter;
/* What one thread needs to scan: Hyperscan's scratch and the candidates. */
typedef struct cdr_prefilter_state cdr_prefilter_state;

/* A region where a pattern may match: no match of it there ends after
 * `to` (a byte of the document), the last end Hyperscan reported. */
typedef struct cdr_prefilter_cand {
	size_t region, to;
} cdr_prefilter_cand;

/* Has the cache directory a database for these patterns? */
int cdr_prefilter_cached(const char *cache_dir, const char *const *patterns, const int *caseless, size_t n);

/* NULL in *out (and 0) when no prefilter is available or wanted. With a
 * cache_dir, the database is read from there when present and sound, and
 * written there after compiling; a damaged file is reported to warn. */
int cdr_prefilter_new(cdr_prefilter **out, const char *const *patterns, const int *caseless, size_t n,
		      const char *cache_dir, cdr_warn_fn warn, void *ctx);
void cdr_prefilter_free(cdr_prefilter *pf);

int cdr_prefilter_state_new(cdr_prefilter_state **out, const cdr_prefilter *pf);
void cdr_prefilter_state_free(cdr_prefilter_state *st);

/* Scan a document whose regions are sorted, disjoint and cover the text. */
int cdr_prefilter_scan(const cdr_prefilter *pf, cdr_prefilter_state *st, const char *text, size_t len,
		       const cdr_span *regions, size_t nregions);

/* The candidates of pattern p after a scan, by region; NULL when every
 * region is a candidate from its start to its end. */
const cdr_prefilter_cand *cdr_prefilter_cands(const cdr_prefilter_state *st, size_t p, size_t *n);

/* "hyperscan" or "none", for messages and benchmarks. */
const char *cdr_prefilter_name(const cdr_prefilter *pf);

#endif
