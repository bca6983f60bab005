/* alloc.h -- checked allocation for libcodeer, with a fault-injection hook.
 *
 * All library allocations go through these wrappers so that the unit tests
 * can make the N-th allocation fail and check that every caller turns it
 * into CDR_ENOMEM instead of crashing (SQLite's malloc tests). */
#ifndef CDR_UTIL_ALLOC_H
#define CDR_UTIL_ALLOC_H

#include <stddef.h>

void *cdr_malloc(size_t n);
void *cdr_calloc(size_t count, size_t size);
void *cdr_realloc(void *p, size_t n);
/* Grow an array to hold at least `need` elements of `size` bytes;
 * *cap is updated. Returns 0 or CDR_ENOMEM (with the message set).
 * Inline for the common case, room already there: parsers call it per
 * field. */
int cdr_grow_slow(void **array, size_t *cap, size_t need, size_t size);
static inline int cdr_grow(void **array, size_t *cap, size_t need, size_t size)
{
	return need <= *cap ? 0 : cdr_grow_slow(array, cap, need, size);
}
char *cdr_strdup(const char *s);
char *cdr_strndup(const char *s, size_t n);

/* Test hook: fail the allocation after `n` more succeed, and every one
 * after it (-1 disables). */
void cdr_alloc_fail_after(long n);
/* Test hook: fail only the allocation after `n` more succeed; the ones
 * after it succeed again. A caller that takes a failed copy for "absent"
 * and goes on is caught only this way. */
void cdr_alloc_fail_once(long n);

#endif
