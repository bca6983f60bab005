/* alloc.c -- checked allocation wrappers and the fault-injection hook.
 * See alloc.h for why every library allocation passes through here. */
#include <stdlib.h>
#include <string.h>

#include "codeer/error.h"
#include "util/alloc.h"

static long fail_countdown = -1;
static int fail_once;

void cdr_alloc_fail_after(long n)
{
	fail_countdown = n;
	fail_once = 0;
}

void cdr_alloc_fail_once(long n)
{
	fail_countdown = n;
	fail_once = 1;
}

static int should_fail(void)
{
	if (fail_countdown < 0)
		return 0;
	if (fail_countdown == 0) {
		if (fail_once)
			fail_countdown = -1;
		return 1;
	}
	fail_countdown--;
	return 0;
}

void *cdr_malloc(size_t n)
{
	void *p = should_fail() ? NULL : malloc(n ? n : 1);

	if (p == NULL)
		cdr_error_set(CDR_ENOMEM, "out of memory");
	return p;
}

void *cdr_calloc(size_t count, size_t size)
{
	void *p = should_fail() ? NULL : calloc(count ? count : 1, size ? size : 1);

	if (p == NULL)
		cdr_error_set(CDR_ENOMEM, "out of memory");
	return p;
}

void *cdr_realloc(void *old, size_t n)
{
	void *p = should_fail() ? NULL : realloc(old, n ? n : 1);

	if (p == NULL)
		cdr_error_set(CDR_ENOMEM, "out of memory");
	return p;
}

int cdr_grow_slow(void **array, size_t *cap, size_t need, size_t size)
{
	size_t ncap;
	void *p;

	if (need <= *cap)
		return 0;
	ncap = *cap ? *cap : 16;
	while (ncap < need) {
		if (ncap > ((size_t)-1) / 2 / size)
			return cdr_error_set(CDR_ENOMEM, "out of memory");
		ncap *= 2;
	}
	if ((p = cdr_realloc(*array, ncap * size)) == NULL)
		return CDR_ENOMEM;
	*array = p;
	*cap = ncap;
	return 0;
}

char *cdr_strndup(const char *s, size_t n)
{
	char *p = cdr_malloc(n + 1);

	if (p != NULL) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

char *cdr_strdup(const char *s)
{
	return cdr_strndup(s, strlen(s));
}
