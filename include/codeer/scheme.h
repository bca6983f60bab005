/* scheme.h -- code schemes: a tree of codes with definitions and the
 * regex rules that propose codings.
 *
 * A scheme is an XML file valid against codeschemes/codescheme.xsd (the
 * schema is built into libcodeer). Codes are referred to as
 * "scheme/code" (e.g. "verbinden/VM.1") wherever codings are stored. */
#ifndef CODEER_SCHEME_H
#define CODEER_SCHEME_H

#include <stddef.h>

typedef enum cdr_scope {
	CDR_SCOPE_MATCH,
	CDR_SCOPE_SENTENCE,
	CDR_SCOPE_PARAGRAPH,
	CDR_SCOPE_TURN
} cdr_scope;

const char *cdr_scope_name(cdr_scope scope);

typedef struct cdr_rule {
	const char *id;
	cdr_scope scope;
	int caseless;
	const char *pattern;
	const char *const *unless;  /* patterns whose matches veto a match inside them */
	size_t nunless;
	const char *near;           /* the match counts only with this within near_words words */
	size_t near_words;
	const char *speaker;        /* only turns whose speaker matches; NULL = all */
	const char *speaker_not;    /* not turns whose speaker matches */
	int line;                   /* line of <rule> in the scheme file */
} cdr_rule;

typedef struct cdr_code {
	const char *id;
	const char *qualified;      /* "scheme/id" */
	const char *label;
	const char *definition;
	const char *include;
	const char *exclude;
	const char *example;
	const char *colour;         /* "#rrggbb" or "" */
	long parent;                /* index of the parent code, -1 at the top */
	size_t depth;
	const cdr_rule *rules;
	size_t nrules;
	int line;
} cdr_code;

typedef struct cdr_scheme cdr_scheme;

/** The XML Schema every scheme must satisfy (NUL-terminated). */
extern const char cdr_scheme_xsd[];

/**
 * Parse and validate a scheme. Errors: CDR_EFORMAT with "name:line: ..."
 * for XML that is not well-formed or not valid against the schema.
 */
int cdr_scheme_parse(cdr_scheme **out, const char *data, size_t len, const char *name);
int cdr_scheme_load(cdr_scheme **out, const char *path);
void cdr_scheme_free(cdr_scheme *s);

const char *cdr_scheme_id(const cdr_scheme *s);
const char *cdr_scheme_title(const cdr_scheme *s);
const char *cdr_scheme_description(const cdr_scheme *s);
const char *cdr_scheme_path(const cdr_scheme *s);
size_t cdr_scheme_code_count(const cdr_scheme *s);
/** Codes in document order (a parent before its children). */
const cdr_code *cdr_scheme_code(const cdr_scheme *s, size_t i);
/** Called per pattern that fails, with its code, its rule and the message. */
typedef void (*cdr_pattern_report_fn)(void *ctx, const cdr_code *code, const cdr_rule *rule, const char *message);
/**
 * Compile every pattern of the scheme (as autocode will) and report each
 * one that fails: "file:line: rule scheme/code#id: pattern '...': why at
 * offset N". Returns how many failed; cdr_scheme_parse refuses a scheme
 * with any, giving the first.
 */
size_t cdr_scheme_check_patterns(const cdr_scheme *s, cdr_pattern_report_fn report, void *ctx);

/** Index of the code with this id (not qualified), or -1. */
long cdr_scheme_find(const cdr_scheme *s, const char *id);

/* ---- editing a scheme file (edit.c) -------------------------------------
 * Changes made on the XML itself, so comments, rules and layout stay; the
 * result is validated again by cdr_scheme_edit_save. */

typedef struct cdr_scheme_edit cdr_scheme_edit;

int cdr_scheme_edit_open(cdr_scheme_edit **out, const char *data, size_t len, const char *name);
void cdr_scheme_edit_free(cdr_scheme_edit *e);
/** Is there a code with this id? */
int cdr_scheme_edit_has(const cdr_scheme_edit *e, const char *id);
int cdr_scheme_edit_rename(cdr_scheme_edit *e, const char *id, const char *new_id);
/** Make `id` the last child of `parent` (NULL: a top-level code). */
int cdr_scheme_edit_move(cdr_scheme_edit *e, const char *id, const char *parent);
/** Remove code `id`; its subcodes go under `children_to` (NULL: its parent). */
int cdr_scheme_edit_remove(cdr_scheme_edit *e, const char *id, const char *children_to);
/** Move the rules of `from` to `to` (a clashing rule id gets "<from>-" before
 * it); *n (may be NULL) how many. */
int cdr_scheme_edit_take_rules(cdr_scheme_edit *e, const char *from, const char *to, size_t *n);
/** Add a code with a label and a definition under `parent` (NULL: at the top). */
int cdr_scheme_edit_add(cdr_scheme_edit *e, const char *id, const char *label, const char *definition,
			const char *parent);
/** The changed file (caller frees), or CDR_EFORMAT when it is no valid scheme. */
int cdr_scheme_edit_save(cdr_scheme_edit *e, char **out, size_t *len);

/** Can `id` be a scheme or code id (a letter or digit, then letters, digits, . _ -)? */
int cdr_scheme_id_valid(const char *id);
/** The text of a minimal valid scheme with one code (caller frees). */
int cdr_scheme_new_text(char **out, size_t *len, const char *id, const char *title, const char *code_id,
			const char *code_label, const char *definition);

/** One difference between two versions of a scheme. */
typedef struct cdr_scheme_change {
	const char *kind; /* "added", "removed", "renamed" (a code gone and one new with its label),
			     "label", "definition", "criteria", "rules", "moved" */
	char *code;       /* the code id (the old one for removed and renamed) */
	char *detail;
} cdr_scheme_change;

typedef struct cdr_scheme_diff {
	cdr_scheme_change *v;
	size_t n, cap;
} cdr_scheme_diff;

/** What changed from `old` to `new`: renamed first, then removed, added, and
 * per code in the new order its label, definition, criteria, rules, place. */
int cdr_scheme_diff_make(cdr_scheme_diff *d, const cdr_scheme *old, const cdr_scheme *new);
void cdr_scheme_diff_free(cdr_scheme_diff *d);

/* ---- the schemes of a project (schemes/<id>.xml) ---------------------- */

typedef struct cdr_project cdr_project;
typedef struct cdr_schemes cdr_schemes;

/** Load every scheme of the project (an empty set when there are none). */
int cdr_schemes_load(cdr_schemes **out, const cdr_project *p);
/** The same from scheme files outside a project (no project needed). */
int cdr_schemes_load_files(cdr_schemes **out, const char *const *paths, size_t n);
void cdr_schemes_free(cdr_schemes *set);
size_t cdr_schemes_count(const cdr_schemes *set);
const cdr_scheme *cdr_schemes_get(const cdr_schemes *set, size_t i);
/** The scheme with this id, or NULL. */
const cdr_scheme *cdr_schemes_find(const cdr_schemes *set, const char *id);
/** The scheme a code of the set belongs to (from its qualified id). */
const cdr_scheme *cdr_schemes_scheme_of(const cdr_schemes *set, const cdr_code *code);
/** Is `code` somewhere below `ancestor` in scheme s (not `ancestor` itself)? */
int cdr_scheme_code_is_below(const cdr_scheme *s, const cdr_code *code, const cdr_code *ancestor);

/**
 * Resolve a code reference: "scheme/code", or a bare code id when only one
 * scheme has it. CDR_ENOTFOUND / CDR_EAMBIGUOUS (the message lists the
 * candidates) on failure.
 */
int cdr_schemes_resolve(const cdr_code **out, const cdr_schemes *set, const char *ref);

/**
 * Validate a scheme file and copy it into the project as schemes/<id>.xml
 * (atomically). An existing scheme with that id is replaced only with
 * `replace`. *id_out (may be NULL) receives the scheme id (caller frees).
 */
int cdr_schemes_install(cdr_project *p, const char *path, int replace, char **id_out);

#endif
