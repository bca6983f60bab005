/* retrieve.h -- reading coded text back: quotes per code, keyword in
 * context, and frequencies per code. Rejected proposals never count. */
#ifndef CODEER_RETRIEVE_H
#define CODEER_RETRIEVE_H

#include <stddef.h>

#include "codeer/coding.h"
#include "codeer/document.h"
#include "codeer/project.h"
#include "codeer/scheme.h"

/** One coded segment with where it is. */
typedef struct cdr_quote {
	const char *coder;
	const cdr_coding *coding;
	const cdr_document *doc;   /* loaded with its text */
	long turn;                 /* 0-based, -1 outside turns */
} cdr_quote;

typedef int (*cdr_quote_fn)(void *ctx, const cdr_quote *q);

/**
 * Every segment coded `code` (a resolved code; its subcodes too when
 * `with_children`), by `coder` (NULL: all coders), in documents of case
 * `case_id` (NULL: all), in document and text order.
 */
int cdr_quotes(cdr_project *p, const cdr_schemes *set, const cdr_code *code, int with_children,
	       const char *coder, const char *case_id, cdr_quote_fn fn, void *ctx);

/** A keyword-in-context hit; left/right are at most `width` code points. */
typedef struct cdr_kwic_hit {
	const char *doc;
	long turn;
	const char *speaker;
	cdr_span span;
	const char *left, *match, *right;
} cdr_kwic_hit;

typedef int (*cdr_kwic_fn)(void *ctx, const cdr_kwic_hit *hit);

/** Called when the pattern hits PCRE2's match limit: the rest of that document is not searched. */
typedef void (*cdr_kwic_limit_fn)(void *ctx, const char *doc);

/** Search all documents (PCRE2, UTF, caseless unless `case_sensitive`). */
int cdr_kwic(const cdr_project *p, const char *pattern, int case_sensitive, size_t width,
	     cdr_kwic_fn fn, cdr_kwic_limit_fn on_limit, void *ctx, size_t *hits);

/** Frequencies of one code. */
typedef struct cdr_freq {
	const cdr_code *code;
	size_t segments, docs, cases;
	size_t words; /* of the coded text, each word once per document however many codings cover it */
} cdr_freq;

/**
 * Frequencies for every code of the schemes (in scheme order), from the
 * codings of `coder` (NULL: all coders).
 */
int cdr_freqs(cdr_freq **out, size_t *n, cdr_project *p, const cdr_schemes *set, const char *coder);
/** The same over the codings of `coders` added up (NULL or none: every coder). */
int cdr_freqs_coders(cdr_freq **out, size_t *n, cdr_project *p, const cdr_schemes *set, const char *const *coders,
		     size_t ncoders);

#endif
