/* hs-raw.c -- the floor for autocode in scripts/bench: Hyperscan alone,
 * one core, compiling the given patterns (caseless, UTF-8, no start of
 * match) and scanning the given files once, counting matches. It does
 * none of codeer's work (turns, scopes, <unless>, <near>, storing); it
 * shows how close autocode gets to the engine it is built on.
 *
 * Usage: hs-raw PATTERNS-FILE FILE...   (one pattern a line)
 * Prints: patterns, compiled, compile seconds, scan seconds, bytes, matches. */
#include <hs/hs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int on_match(unsigned int id, unsigned long long from, unsigned long long to, unsigned int flags, void *ctx)
{
	(void)id;
	(void)from;
	(void)to;
	(void)flags;
	(*(unsigned long long *)ctx)++;
	return 0;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, r;

	if (f == NULL)
		return NULL;
	do {
		if (n == cap) {
			char *nb = realloc(buf, cap = cap ? 2 * cap : 1 << 20);
			if (nb == NULL) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
		}
		r = fread(buf + n, 1, cap - n, f);
		n += r;
	} while (r > 0);
	fclose(f);
	*len = n;
	return buf;
}

int main(int argc, char **argv)
{
	char **pats = NULL, *line = NULL;
	unsigned *flags = NULL, *ids = NULL;
	size_t cap = 0, n = 0, lcap = 0, bytes = 0, total;
	ssize_t len;
	unsigned long long matches = 0;
	hs_database_t *db = NULL;
	hs_scratch_t *scratch = NULL;
	hs_compile_error_t *err = NULL;
	double t0, t1, t2;
	FILE *pf;

	if (argc < 3) {
		fprintf(stderr, "usage: hs-raw PATTERNS-FILE FILE...\n");
		return 2;
	}
	if ((pf = fopen(argv[1], "r")) == NULL) {
		perror(argv[1]);
		return 2;
	}
	while ((len = getline(&line, &lcap, pf)) > 0) {
		if (line[len - 1] == '\n')
			line[--len] = '\0';
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			if ((pats = realloc(pats, cap * sizeof(*pats))) == NULL ||
			    (flags = realloc(flags, cap * sizeof(*flags))) == NULL ||
			    (ids = realloc(ids, cap * sizeof(*ids))) == NULL)
				return 2;
		}
		if ((pats[n] = strdup(line)) == NULL)
			return 2;
		flags[n] = HS_FLAG_CASELESS | HS_FLAG_UTF8 | HS_FLAG_ALLOWEMPTY;
		ids[n] = (unsigned)n;
		n++;
	}
	fclose(pf);
	free(line);
	total = n;
	t0 = now();
	/* a pattern Hyperscan refuses is left out (and counted), as rg falls back */
	for (;;) {
		if (hs_compile_multi((const char *const *)pats, flags, ids, (unsigned)n, HS_MODE_BLOCK, NULL, &db, &err) ==
		    HS_SUCCESS)
			break;
		if (err->expression < 0 || n == 0) {
			fprintf(stderr, "hs-raw: %s\n", err->message);
			return 2;
		}
		pats[err->expression] = pats[n - 1];
		flags[err->expression] = flags[n - 1];
		n--;
		hs_free_compile_error(err);
	}
	if (hs_alloc_scratch(db, &scratch) != HS_SUCCESS)
		return 2;
	t1 = now();
	for (int i = 2; i < argc; i++) {
		size_t flen;
		char *text = slurp(argv[i], &flen);
		if (text == NULL) {
			perror(argv[i]);
			return 2;
		}
		bytes += flen;
		hs_scan(db, text, (unsigned)flen, 0, scratch, on_match, &matches);
		free(text);
	}
	t2 = now();
	printf("patterns %zu compiled %zu compile %.3f s scan %.3f s bytes %zu matches %llu\n", total, n, t1 - t0,
	       t2 - t1, bytes, matches);
	hs_free_scratch(scratch);
	hs_free_database(db);
	return 0;
}
