/* autocode.h -- propose codings with the rules of code schemes.
 *
 * An engine compiles every rule of the chosen schemes once (PCRE2 with
 * JIT and a match limit); running it on a document is a pure function
 * (text, schemes -> codings): each rule's matches are filtered by speaker,
 * <unless> and <near>, expanded to their scope (match, sentence,
 * paragraph, turn), and overlapping or touching spans of one code merged. */
#ifndef CODEER_AUTOCODE_H
#define CODEER_AUTOCODE_H

#include <stddef.h>
#include <stdio.h>

#include "codeer/coding.h"
#include "codeer/document.h"
#include "codeer/scheme.h"

/** The project's cache directory (safe to delete; listed in the project's .gitignore). */
#define CDR_CACHE_DIR ".codeer-cache"

/** PCRE2 match limit per match attempt; a rule that hits it keeps what it found in that
 * turn before, and is skipped for the rest of it. */
#define CDR_MATCH_LIMIT 1000000u

typedef struct cdr_engine cdr_engine;

/** One proposed coding, in code points. */
typedef struct cdr_proposal {
	cdr_span span;
	const cdr_code *code;
	char origin[256];   /* "rule:scheme/code#r1" or "#r1+r2" after merging */
} cdr_proposal;

typedef struct cdr_proposals {
	cdr_proposal *v;
	size_t n, cap;
} cdr_proposals;

void cdr_proposals_free(cdr_proposals *p);

/** Called when a rule hits the match limit in a turn (turn is 0-based, -1 outside turns). */
typedef void (*cdr_limit_fn)(void *ctx, const cdr_document *doc, long turn, const cdr_code *code,
			     const cdr_rule *rule);

/**
 * Compile the rules of the schemes named in `ids` (all schemes when n is 0).
 * An invalid pattern gives CDR_EFORMAT naming the scheme file, line, rule,
 * pattern and offset.
 */
int cdr_engine_new(cdr_engine **out, const cdr_schemes *set, const char *const *ids, size_t n);
void cdr_engine_free(cdr_engine *e);
size_t cdr_engine_rule_count(const cdr_engine *e);
/** The prefilter in use: "hyperscan" or "none". */
const char *cdr_engine_prefilter(const cdr_engine *e);
/** Is this scheme one of the engine's? */
int cdr_engine_has_scheme(const cdr_engine *e, const char *scheme_id);

/** Propose codings for one document (appended to out, sorted by start). */
int cdr_engine_run(cdr_engine *e, const cdr_document *doc, cdr_proposals *out,
		   cdr_limit_fn on_limit, void *ctx);

/**
 * Keep the compiled prefilter in `dir` (made when needed), keyed by the
 * patterns and the Hyperscan version: with a database there, the
 * prefilter is used at once instead of after 4 MiB of text. A damaged
 * file is reported to `warn` and rebuilt. The directory may be deleted
 * at any time.
 */
int cdr_engine_set_cache(cdr_engine *e, const char *dir, cdr_warn_fn warn, void *ctx);

/** Where the documents of cdr_engine_map come from and where their proposals go. */
typedef struct cdr_doc_source {
	/* the next item: 1 with *item set, 0 at the end, or an error;
	 * called by one thread at a time, in order */
	int (*next)(void *ctx, void **item);
	/* make the item's document; called on any thread, concurrently */
	int (*load)(void *ctx, void *item, cdr_document **doc);
	/* the proposals of an item, on the calling thread, in item order;
	 * an error stops the run */
	int (*done)(void *ctx, void *item, const cdr_document *doc, const cdr_proposals *props);
	/* release an item (may be NULL) */
	void (*drop)(void *ctx, void *item);
	/* match-limit reports, on the calling thread, before the item's `done` */
	cdr_limit_fn on_limit;
	void *ctx;
	/* optional: the proposals of an item on the thread that coded it,
	 * concurrently, before `done` (work that need not be in order) */
	int (*coded)(void *ctx, void *item, const cdr_document *doc, const cdr_proposals *props);
} cdr_doc_source;

/**
 * Code every item of `src` on `threads` threads (0: one per core). An
 * item whose `load` gives no document (and no error) is not coded: its
 * `done` gets a NULL document and no proposals. The
 * calls to `done` and `on_limit` come in the same order, with the same
 * arguments, whatever the number of threads. At most two documents per
 * thread are held at a time.
 */
int cdr_engine_map(cdr_engine *e, unsigned threads, const cdr_doc_source *src);

/** What cdr_autocode_stream did. */
typedef struct cdr_stream_result {
	size_t docs;          /* records coded */
	size_t codings;       /* codings written */
	size_t bad;           /* lines reported and skipped */
	size_t limit_hits;    /* match-limit reports */
} cdr_stream_result;

/**
 * Code documents without a project: JSON lines on `in`, one record a line
 * ({"id": ..., "text": ..., "case": ..., "attributes": {...}}; blank lines
 * skipped), segmented as a .txt file with the default settings. On `out`,
 * JSON lines (version 2, docs/autocode.md): a header naming the schemes
 * of `set`, then per record in input order, whatever the number of
 * threads, a document line (id, case, attributes, words, words per
 * speaker) and its codings ({"doc", "start", "end", "code", "origin",
 * "speaker", "words"}; offsets in code points, end exclusive). A line
 * that is no such record is reported to `warn` with its number, counted
 * in res->bad and skipped; the other lines are still coded.
 */
int cdr_autocode_stream(cdr_engine *e, const cdr_schemes *set, FILE *in, FILE *out, unsigned threads,
			cdr_warn_fn warn, void *ctx, cdr_stream_result *res);

/** Cores available to this process (at least 1). */
unsigned cdr_cpu_count(void);

/** Per-rule statistics of the runs so far, for `scheme check`. */
typedef struct cdr_rule_stats {
	const cdr_code *code;
	const cdr_rule *rule;
	size_t matches;       /* accepted matches */
	size_t turns;         /* turns with at least one accepted match */
	size_t limit_hits;    /* turns skipped because of the match limit */
} cdr_rule_stats;

size_t cdr_engine_stats(const cdr_engine *e, const cdr_rule_stats **out);
/** Turns seen by all runs so far. */
size_t cdr_engine_turns_seen(const cdr_engine *e);

/** Options of cdr_autocode. */
typedef struct cdr_autocode_options {
	const char *coder;           /* default "auto" */
	const char *const *schemes;  /* scheme ids; none = all */
	size_t nschemes;
	const char *const *docs;     /* document ids; none = all */
	size_t ndocs;
	int dry_run;                 /* report, write nothing */
	unsigned threads;            /* documents coded at once; 0 = one per core */
	int no_cache;                /* do not keep the prefilter in .codeer-cache/ */
	/* per document, with its proposals (dry runs list them from here) */
	void (*on_doc)(void *ctx, const cdr_document *doc, const cdr_proposals *props);
	cdr_limit_fn on_limit;
	cdr_warn_fn on_warn;
	void *ctx;
} cdr_autocode_options;

typedef struct cdr_autocode_result {
	size_t docs;
	size_t codings;      /* rule codings of the coder afterwards, for these docs and schemes */
	size_t added;        /* not there before */
	size_t removed;      /* there before, gone now */
	size_t rejected;     /* kept as rejected */
} cdr_autocode_result;

/**
 * Autocode documents of the project and store the codings under the coder
 * (rule codings of the chosen schemes for those documents are replaced;
 * manual codings, other schemes and rejections are kept). Rerunning gives
 * the same file. Holds the project lock while it runs.
 */
int cdr_autocode(cdr_project *p, const cdr_schemes *set, const cdr_autocode_options *opts,
		 cdr_autocode_result *result);

#endif
