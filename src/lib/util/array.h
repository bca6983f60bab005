/* array.h -- qsort and bsearch that accept an empty array given as NULL
 * (the C library's do not: passing NULL is undefined even for 0 items). */
#ifndef CDR_UTIL_ARRAY_H
#define CDR_UTIL_ARRAY_H

#include <stdlib.h>

static inline void cdr_sort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

static inline void *cdr_search(const void *key, const void *base, size_t n, size_t size,
			       int (*cmp)(const void *, const void *))
{
	return n > 0 ? bsearch(key, base, n, size, cmp) : NULL;
}

#endif
