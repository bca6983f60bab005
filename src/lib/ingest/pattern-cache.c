/* pattern-cache.c -- compiled ingest patterns kept for the process
 * (pattern-cache.h). The entries live until the process ends, like ICU's
 * own caches: a program reads a handful of patterns, not thousands. */
#include <pthread.h>
#include <string.h>

#include "ingest/pattern-cache.h"
#include "util/alloc.h"

#define CACHE_SIZE 16

static struct entry {
	char *pattern;
	uint32_t flags;
	pcre2_code *re;
} cache[CACHE_SIZE];
static size_t ncache;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

pcre2_code *cdr_pattern_get(const char *pattern, uint32_t flags, int *errcode, PCRE2_SIZE *erroff)
{
	pcre2_code *re = NULL;
	char *copy;

	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < ncache && re == NULL; i++)
		if (cache[i].flags == flags && strcmp(cache[i].pattern, pattern) == 0)
			re = cache[i].re;
	if (re == NULL && (re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, flags, errcode, erroff,
					      NULL)) != NULL) {
		pcre2_jit_compile(re, PCRE2_JIT_COMPLETE); /* the interpreter remains without JIT */
		/* without room or memory for an entry the code is the caller's */
		if (ncache < CACHE_SIZE && (copy = cdr_strdup(pattern)) != NULL) {
			cache[ncache].pattern = copy;
			cache[ncache].flags = flags;
			cache[ncache].re = re;
			ncache++;
		}
	}
	pthread_mutex_unlock(&lock);
	return re;
}

void cdr_pattern_put(pcre2_code *re)
{
	int cached = 0;

	if (re == NULL)
		return;
	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < ncache && !cached; i++)
		cached = cache[i].re == re;
	pthread_mutex_unlock(&lock);
	if (!cached)
		pcre2_code_free(re);
}
