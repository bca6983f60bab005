/* prefilter.h -- one pass over a document for all rule patterns at once,
 * to find the regions (turns) where a rule may match, so that PCRE2 runs
 * only there. Built on Hyperscan in prefilter mode, which reports a
 * superset of the true matches; PCRE2 then decides. Without Hyperscan
 * (configure --without-hyperscan, or CODEER_PREFILTER=off) every region
 * is a candidate, and the codings are the same byte for byte. */
#ifndef CDR_CODING_PREFILTER_H
#define CDR_CODING_PREFILTER_H

#include <stddef.h>

#include "codeer/text.h"

typedef struct cdr_prefilter cdr_prefilter;

/* NULL in *out (and 0) when no prefilter is available or wanted. */
int cdr_prefilter_new(cdr_prefilter **out, const char *const *patterns, const int *caseless, size_t n);
void cdr_prefilter_free(cdr_prefilter *pf);

/* Mark cand[p * nregions + r] = 1 where pattern p may match in region r
 * (regions sorted, disjoint, covering the text). */
int cdr_prefilter_scan(cdr_prefilter *pf, const char *text, size_t len, const cdr_span *regions,
		       size_t nregions, unsigned char *cand);

/* "hyperscan" or "none", for messages and benchmarks. */
const char *cdr_prefilter_name(const cdr_prefilter *pf);

#endif
