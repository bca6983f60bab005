/* pattern-cache.h -- the speaker and header-line patterns of the ingest,
 * compiled once per process. Compiling the default speaker pattern with
 * its JIT took more CPU than reading a small transcript, and `add` of
 * 2,000 files compiled the same pattern 2,000 times. Compiled PCRE2 code
 * is read-only, so threads share it; match data stays each caller's. */
#ifndef CDR_INGEST_PATTERN_CACHE_H
#define CDR_INGEST_PATTERN_CACHE_H

#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif
#include <pcre2.h>

/* The compiled (and, where it can be, JIT-compiled) pattern. NULL with
 * PCRE2's error code and offset when it does not compile; errors are
 * not kept, so each caller reports them. Give the code back with
 * cdr_pattern_put. */
pcre2_code *cdr_pattern_get(const char *pattern, uint32_t flags, int *errcode, PCRE2_SIZE *erroff);
/* Frees the code unless the cache holds it (a full cache, or no memory
 * for an entry, hands out code of the caller's own). */
void cdr_pattern_put(pcre2_code *re);

#endif
