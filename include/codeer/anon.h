/* anon.h -- find personal data left in an "anonymised" transcript:
 * e-mail addresses, Dutch phone numbers, postcodes (1234 AB), BSN-like
 * 9-digit numbers that pass the 11-test, and capitalised names from a
 * list. It flags places to look at; it does not judge them. */
#ifndef CODEER_ANON_H
#define CODEER_ANON_H

#include <stddef.h>

#include "codeer/document.h"

typedef struct cdr_anon_hit {
	cdr_span span;        /* code points */
	const char *kind;     /* "email", "phone", "postcode", "bsn", "name" */
	const char *text;     /* the matched text */
	long turn;            /* 0-based turn index, or -1 */
} cdr_anon_hit;

typedef struct cdr_anon cdr_anon;

/** A checker with the built-in list of common Dutch first names (or none). */
int cdr_anon_new(cdr_anon **out, int default_names);
/** Add names, one per line (# comments, blank lines ignored). */
int cdr_anon_add_names(cdr_anon *a, const char *text, size_t len);
void cdr_anon_free(cdr_anon *a);

typedef int (*cdr_anon_cb)(void *ctx, const cdr_anon_hit *hit);
/** Report every hit in text order; returns the callback's error or 0. */
int cdr_anon_scan(cdr_anon *a, const cdr_document *doc, cdr_anon_cb cb, void *ctx);

/** The Dutch 11-test for a 9-digit BSN ("123456782" passes). */
int cdr_bsn_valid(const char *digits9);

#endif
