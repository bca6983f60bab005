/* coding.h -- codings: a code attached to a span of a document by a coder.
 *
 * Each coder has one file, codings/<coder>.tsv, with a header and one row
 * per coding: doc, start, end (code points), code ("scheme/code"), origin
 * ("manual", "rule:<scheme>/<code>#<rule>", "accept:<origin>" or
 * "import:<file>"), created (UTC), memo, status ("" or "rejected").
 * Rows that cannot be read are reported with their line number, kept
 * verbatim and written back unchanged, so a hand edit gone wrong loses
 * nothing. */
#ifndef CODEER_CODING_H
#define CODEER_CODING_H

#include <stddef.h>

#include "codeer/project.h"

/* A coding in a set; its doc, code, start and end identify it and must not
 * change. Its strings are shared by the set's codings (the
 * memo excepted): never free them; change a status with
 * cdr_codings_set_status. */
typedef struct cdr_coding {
	char *doc;
	size_t start, end;
	char *code;
	char *origin;
	char *created;
	char *memo;
	char *status;
} cdr_coding;

typedef struct cdr_codings cdr_codings;

/** Called once per unreadable row with "file:line: what is wrong". */
typedef void (*cdr_warn_fn)(void *ctx, const char *message);

/** Is `name` a valid coder name ([A-Za-z0-9_.-], not starting with '.')? */
int cdr_coder_valid(const char *name);

/** Load a coder's codings; a coder without a file has none. */
int cdr_codings_load(cdr_codings **out, const cdr_project *p, const char *coder,
		     cdr_warn_fn warn, void *ctx);
/** Load codings kept elsewhere (an archive) as coder `coder`'s; saving them
 * writes `path`. */
int cdr_codings_load_file(cdr_codings **out, const char *path, const char *coder, cdr_warn_fn warn, void *ctx);
/** Write the file atomically, rows sorted by doc, start, end, code. */
int cdr_codings_save(cdr_codings *c);
/** The file's bytes as cdr_codings_save writes them (caller frees); with
 * `pick`, a file of only the codings it picks (unreadable rows left out),
 * for a change of several files written together. */
int cdr_codings_format(char **out, size_t *len, cdr_codings *c, int (*pick)(void *ctx, const cdr_coding *k),
		       void *ctx);
/** The path of the set's file. */
const char *cdr_codings_path(const cdr_codings *c);
/** Document `from` becomes `to` in every coding; *n (may be NULL) how many. */
int cdr_codings_rename_doc(cdr_codings *c, const char *from, const char *to, size_t *n);
/**
 * Every coding of code `from` gets code `to`; one whose span `to` already
 * codes is dropped (it would be the same coding twice). *n (may be NULL)
 * receives how many codings had `from`, *dropped (may be NULL) how many of
 * them were dropped.
 */
int cdr_codings_recode(cdr_codings *c, const char *from, const char *to, size_t *n, size_t *dropped);
void cdr_codings_free(cdr_codings *c);

const char *cdr_codings_coder(const cdr_codings *c);
size_t cdr_codings_count(const cdr_codings *c);
cdr_coding *cdr_codings_get(cdr_codings *c, size_t i);
/** Rows kept verbatim because they could not be read. */
size_t cdr_codings_broken(const cdr_codings *c);
/** Replace the memo of coding i ("" clears it). */
int cdr_codings_set_memo(cdr_codings *c, size_t i, const char *memo);

/**
 * Add a coding (strings are copied; created is now). A coding with the
 * same doc, span and code already there gives CDR_EEXISTS.
 */
int cdr_codings_add(cdr_codings *c, const char *doc, size_t start, size_t end,
		    const char *code, const char *origin, const char *memo);
/** Append without the duplicate check (for bulk writers that know better). */
int cdr_codings_append(cdr_codings *c, const char *doc, size_t start, size_t end, const char *code,
		       const char *origin, const char *created, const char *memo, const char *status);
/** Index of the coding with this doc, span and code, or -1. */
long cdr_codings_find(const cdr_codings *c, const char *doc, size_t start, size_t end, const char *code);
/** Set the status of coding i ("" or "rejected"). */
int cdr_codings_set_status(cdr_codings *c, size_t i, const char *status);
/** Remove the coding at index i. */
void cdr_codings_remove(cdr_codings *c, size_t i);
/** Remove every coding for which keep() returns 0. */
void cdr_codings_filter(cdr_codings *c, int (*keep)(void *ctx, const cdr_coding *k), void *ctx);

/* ---- remove, accept, reject, unreject ------------------------------------
 * A coding is a proposal when the rules made it (origin "rule:..."), and a
 * coder's own coding otherwise (manual, import:..., accept:...). These act
 * on the codings of `code` in `doc` that lie within [start, end), and
 * change nothing when they refuse. *n (may be NULL) receives how many
 * codings they acted on; none lying within is CDR_ENOTFOUND. */

/** Is k a proposal of the rules rather than a coder's own coding? */
int cdr_coding_is_proposal(const cdr_coding *k);

/**
 * Remove the set's codings of `code` in `doc` that lie within [start,
 * end), whatever their origin or status: a coder removes codings from the
 * coder's own set only (the caller loads that set), and a removed proposal
 * comes back with the next autocode, where a rejection would stay. Only
 * `code` itself counts, not its subcodes.
 */
int cdr_codings_remove_within(cdr_codings *c, const char *doc, size_t start, size_t end, const char *code,
			      size_t *n);

/**
 * Copy the codings of `from` into `to` as to's own (origin
 * "accept:<origin>", memo kept, not rejected). Codings `to` has already
 * are left as they are (and counted).
 */
int cdr_codings_accept(cdr_codings *to, const cdr_codings *from, const char *doc, size_t start, size_t end,
		       const char *code, size_t *n);

/**
 * Mark codings of `from` as rejected on behalf of coder `by`: reruns of
 * autocode keep a rejected proposal rejected, and analyses leave rejected
 * codings out. Rejecting is for proposals; a coder's own coding may be
 * rejected only by that coder (by == the set's coder) or with `force`,
 * otherwise CDR_EUSAGE names the coding and who may reject it.
 */
int cdr_codings_reject(cdr_codings *from, const char *by, int force, const char *doc, size_t start, size_t end,
		       const char *code, size_t *n);

/**
 * Bring rejected codings of `from` back (status ""), on behalf of `by`,
 * under the rules of cdr_codings_reject. Only rejected codings count:
 * none lying within is CDR_ENOTFOUND.
 */
int cdr_codings_unreject(cdr_codings *from, const char *by, int force, const char *doc, size_t start, size_t end,
			 const char *code, size_t *n);

/** Names of the coders with a codings file, sorted. */
int cdr_coders_list(char ***out, size_t *n, const cdr_project *p);
void cdr_coders_free(char **names, size_t n);

/**
 * The coders an analysis counts. `requested` is a coder, a comma-separated
 * list of coders, "all" (every coder with codings), or NULL: then the
 * project's default coder (cdr_project_default_coder), else the only coder
 * with codings. Several coders and no default give CDR_EAMBIGUOUS with the
 * coders named, because adding coders up counts one passage once per
 * coder. An unknown coder is CDR_ENOTFOUND. *implicit (may be NULL) tells
 * whether the choice was made without a name, so the caller can say which
 * coders were counted. *out is sorted as named; free with cdr_coders_free.
 */
int cdr_coders_choose(char ***out, size_t *n, int *implicit, const cdr_project *p, const char *requested);

/**
 * `s` with TAB, newline, carriage return and backslash written as \t, \n,
 * \r and \\, as in codings files: a TSV export that reads back the same
 * (caller frees; NULL when out of memory).
 */
char *cdr_codings_escape(const char *s);

typedef struct cdr_schemes cdr_schemes;

/**
 * Import codings from a TSV or CSV file (CSV when the name ends in .csv).
 * The header names the columns: doc, code, and either ref (t12, s40,
 * c100-250 or an exact phrase) or start and end; optional memo and coder.
 * Rows go to the coder of their coder column, else to `coder`; with
 * `override`, all rows go to `coder`. Every row is checked (the
 * document exists, the code is in a scheme, the place resolves) before
 * anything is written; errors name the file and line. Codings that are
 * already there are skipped and counted in *skipped.
 */
int cdr_codings_import(cdr_project *p, const cdr_schemes *set, const char *path, const char *coder,
		       int override, size_t *imported, size_t *skipped);

/**
 * Add schemes to the project, or replace them, without orphaning codings:
 * every file is validated and checked first, then all are installed (each
 * as cdr_schemes_install does), so a refusal writes nothing. An existing
 * scheme is replaced only with `replace`. When the new version of a scheme
 * lacks codes of the current one that codings use (any coder's, rejected
 * codings included), their codings would silently drop out of every
 * analysis: CDR_EUNSAFE lists each such code with how many codings of which
 * coders use it, unless `force`; then the schemes are installed. In both
 * cases *warning (may be NULL; caller frees) holds that list, and it stays
 * NULL otherwise, so a caller tells this refusal from others (an unsafe
 * file, say) and can name what overrides it. A scheme that is there
 * already without `replace` is CDR_EEXISTS. on_installed
 * (may be NULL) is called per installed file with the scheme id.
 */
int cdr_schemes_install_checked(cdr_project *p, const char *const *paths, size_t n, int replace, int force,
				char **warning, void (*on_installed)(void *ctx, const char *id, const char *path),
				void *ctx);

/* ---- the lint of `scheme check` ----------------------------------------
 * Everything that makes a scheme unfit for the corpus at hand, as a list
 * of findings that every front end shows the same way. */

typedef enum cdr_lint_kind {
	CDR_LINT_VALID,        /* a scheme file that is valid: not a problem, its message says so */
	CDR_LINT_INVALID,      /* a scheme file that cannot be read, is not well-formed or fails the
				  XML Schema (duplicate code ids included) */
	CDR_LINT_PATTERN,      /* a pattern that does not compile */
	CDR_LINT_MATCH_LIMIT,  /* a rule that hit the PCRE2 match limit (catastrophic backtracking) */
	CDR_LINT_NO_MATCH,     /* a rule that matches nothing in the project's documents */
	CDR_LINT_TOO_BROAD,    /* a rule that matches in more than max_share of the turns */
	CDR_LINT_UNKNOWN_CODE  /* a coding whose code no scheme defines */
} cdr_lint_kind;

typedef struct cdr_lint_finding {
	cdr_lint_kind kind;
	char *code;     /* "scheme/code", or NULL when the finding is about a file */
	char *rule;     /* the rule id, or NULL */
	char *message;  /* "file:line: what is wrong", ready to show */
} cdr_lint_finding;

typedef struct cdr_lint {
	cdr_lint_finding *v;
	size_t n, cap;
	size_t problems;  /* findings other than CDR_LINT_VALID */
} cdr_lint;

typedef struct cdr_lint_options {
	const char *const *files;    /* scheme files to validate, not installed */
	size_t nfiles;
	const char *const *schemes;  /* the project's schemes to lint; none = all */
	size_t nschemes;
	double max_share;            /* a rule matching in more of the turns is too broad; 0: 0.3 */
} cdr_lint_options;

#define CDR_LINT_MAX_SHARE 0.3

/**
 * Lint schemes. Each file is validated (a VALID or an INVALID finding).
 * The project's schemes are linted when no file is given, or when
 * schemes are named too and every file is valid: their patterns are
 * compiled (all failures listed; then nothing else), then the rules run
 * over every document of the project, which finds rules that hit the
 * match limit, match nothing, or match in more than max_share of the
 * turns; then every coder's codings are read for codes no scheme defines.
 * A named scheme the project lacks is CDR_ENOTFOUND before anything runs;
 * a max_share outside (0, 1] is CDR_EUSAGE. Findings come in that order;
 * *out is filled even on error (free it with cdr_lint_free).
 */
int cdr_schemes_lint(cdr_lint *out, const cdr_project *p, const cdr_schemes *set, const cdr_lint_options *opts);
void cdr_lint_free(cdr_lint *l);

#endif
