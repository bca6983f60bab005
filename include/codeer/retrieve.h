/* retrieve.h -- reading coded text back: quotes per code, keyword in
 * context, and frequencies per code. Rejected proposals never count. */
#ifndef CODEER_RETRIEVE_H
#define CODEER_RETRIEVE_H

#include <stddef.h>

#include "codeer/coding.h"
#include "codeer/document.h"
#include "codeer/project.h"
#include "codeer/scheme.h"

/* ---- filters ---------------------------------------------------------------
 * One filter for every retrieval (quotes, kwic, freq, matrix, cooccur): the
 * documents, cases, case attributes and speakers to read. Values of one
 * kind are alternatives (two --doc values: either document); kinds
 * combine (a document of that case AND spoken by that speaker). A kind
 * with no values does not filter. A passage belongs to the speaker of the
 * turn it starts in; a passage outside every turn passes no speaker
 * filter. Speakers compare without regard to ASCII case ("I" is "i").
 * A case that is a stretch of a document (cases.h) narrows the case and
 * attribute filters to that stretch: a passage belongs to the case whose
 * stretch holds its start, else to the case holding the document whole. */
typedef struct cdr_filter {
	const char *const *docs;
	size_t ndocs;
	const char *const *cases;
	size_t ncases;
	const char *const *attrs;    /* "KEY=VALUE"; the same KEY twice: either value */
	size_t nattrs;
	const char *const *speakers;
	size_t nspeakers;
} cdr_filter;

/** A filter checked against a project, ready to apply. */
typedef struct cdr_selection cdr_selection;

/**
 * Check a filter (NULL: everything passes): an unknown document, case or
 * attribute is CDR_ENOTFOUND, an attribute without "=" CDR_EUSAGE, each
 * naming what is wrong. The selection keeps `p` and `f`; free it before
 * them. A document whose stretches the case or attribute filters split is
 * read once here, for where its stretches lie (an error if it cannot be).
 */
int cdr_selection_new(cdr_selection **out, const cdr_project *p, const cdr_filter *f);
void cdr_selection_free(cdr_selection *s);
/** Does the filter pass everything? */
int cdr_selection_all(const cdr_selection *s);
/** Does document `doc` pass the document, case and attribute filters,
 * wholly or in part (some of its stretches)? */
int cdr_selection_doc(const cdr_selection *s, const char *doc);
/** Does case `c` (an index into the project's cases) pass the case and
 * attribute filters and hold a document or stretch the document filter
 * keeps (the filter passes everything: every case does)? */
int cdr_selection_case(const cdr_selection *s, size_t c);
/** Does the filter look at speakers (so turns must be read)? */
int cdr_selection_by_speaker(const cdr_selection *s);
/** Does a passage starting at code point `cp` of a loaded `doc` pass (document, case, attributes and speaker)? */
int cdr_selection_at(const cdr_selection *s, const cdr_document *doc, size_t cp);
/**
 * The same for a passage named by document id, loading the document's
 * structure only when a speaker filter needs it (the last one is kept, so
 * passages in document order load each document once): 1 passes, 0 does
 * not, or a negative CDR_E* code.
 */
int cdr_selection_passage(cdr_selection *s, const char *doc, size_t cp);

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
 * `with_children`; NULL: every code, in one pass over the codings), by
 * `coder` (NULL: all coders), in documents of case `case_id` (NULL: all),
 * in document and text order.
 */
int cdr_quotes(cdr_project *p, const cdr_schemes *set, const cdr_code *code, int with_children,
	       const char *coder, const char *case_id, cdr_quote_fn fn, void *ctx);

/**
 * cdr_quotes with a filter and any coders: `coders` (NULL or none: every
 * coder), `f` (NULL: everything).
 */
int cdr_quotes_filtered(cdr_project *p, const cdr_schemes *set, const cdr_code *code, int with_children,
			const char *const *coders, size_t ncoders, const cdr_filter *f, cdr_quote_fn fn, void *ctx);

/**
 * Segments of `code` that overlap a segment of `other` (`within` < 0), or
 * lie within `within` words of one (0: touching or overlapping), from
 * the same coders and filter; `other` counts with its subcodes when
 * `with_children`. Each segment of `code` comes once.
 */
int cdr_quotes_near(cdr_project *p, const cdr_schemes *set, const cdr_code *code, const cdr_code *other,
		    int with_children, long within, const char *const *coders, size_t ncoders, const cdr_filter *f,
		    cdr_quote_fn fn, void *ctx);

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

/** What cdr_kwic_ex searches. */
typedef struct cdr_kwic_options {
	const char *pattern;   /* PCRE2, or the exact text with `fixed` */
	int fixed;             /* the pattern is a phrase, matched literally */
	int case_sensitive;
	size_t width;
	const cdr_filter *filter; /* NULL: every document and speaker */
} cdr_kwic_options;

/** cdr_kwic with a phrase or a pattern and a filter. */
int cdr_kwic_ex(const cdr_project *p, const cdr_kwic_options *o, cdr_kwic_fn fn, cdr_kwic_limit_fn on_limit,
		void *ctx, size_t *hits);

/** How far a hit reaches when it is coded (scheme.h's scopes): "match",
 * "sentence", "paragraph" or "turn". */
int cdr_scope_parse(cdr_scope *out, const char *name);

/** A hit to be coded, for cdr_kwic_code's report. */
typedef struct cdr_kwic_coding {
	const char *doc;
	cdr_span span;      /* the hit grown to its scope */
	long turn;
	const char *text;   /* the text coded, on one line, cut to 80 code points */
	int exists;         /* the coder has this coding already: skipped */
} cdr_kwic_coding;

/**
 * Code every hit of a search with `code` for `coder`, grown to `scope`
 * (a sentence, paragraph or turn that holds several hits is coded once), origin
 * "kwic:<pattern>". Codings the coder has already (same document, span
 * and code) are skipped and counted in *skipped. With `dry_run` nothing
 * is written; `fn` (may be NULL) sees each coding either way, in
 * document and text order. A hit outside every turn with turn scope, or
 * outside every sentence with sentence scope, is coded as the match.
 * Takes the project lock and writes the coder's file atomically.
 */
int cdr_kwic_code(cdr_project *p, const cdr_kwic_options *o, const char *code, const char *coder, cdr_scope scope,
		  int dry_run, int (*fn)(void *ctx, const cdr_kwic_coding *c), void *ctx, size_t *added,
		  size_t *skipped);

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
/** The same within a filter (NULL: everything). */
int cdr_freqs_filtered(cdr_freq **out, size_t *n, cdr_project *p, const cdr_schemes *set, const char *const *coders,
		       size_t ncoders, const cdr_filter *f);

#endif
