/* cases.h -- cases and their attributes (cases.tsv).
 *
 * A case is the unit a researcher compares: a respondent, a professional,
 * a family. Each document belongs to exactly one case (by default a case
 * of its own, named after the document); attributes such as gemeente, rol
 * or ronde belong to cases. */
#ifndef CODEER_CASES_H
#define CODEER_CASES_H

#include <stddef.h>

typedef struct cdr_cases cdr_cases;

int cdr_cases_new(cdr_cases **out);
/** Parse cases.tsv text (`data` is modified); errors name `name` and the line. */
int cdr_cases_parse(cdr_cases **out, char *data, size_t len, const char *name);
/** Serialise as cases.tsv (caller frees *out). */
int cdr_cases_format(char **out, size_t *out_len, const cdr_cases *cases);
void cdr_cases_free(cdr_cases *cases);

size_t cdr_cases_count(const cdr_cases *cases);
const char *cdr_cases_id(const cdr_cases *cases, size_t i);
/** Index of a case, or -1. */
long cdr_cases_find(const cdr_cases *cases, const char *id);
/** Index of the case holding document `doc` as a whole, or -1. */
long cdr_cases_of_doc(const cdr_cases *cases, const char *doc);

struct cdr_project;

/**
 * Stretches: a case may hold a range of turns of a document
 * ("DOC:t3-t9" in the docs column of cases.tsv) rather than the whole
 * of it, as a professional discusses several dossiers in one interview.
 * The stretches of one document do not overlap; the rest of the document
 * belongs to the case that holds it as a whole, if any.
 *
 * The case of code point `offset` of document `doc` (where a coding
 * starts): the case whose stretch contains it, else the case holding the
 * whole document, else -1, in *out. A stretch covers its first turn's
 * label and ends where its last turn ends. The first question about a
 * document with stretches loads its turns from `p`; a stretch past the
 * document's last turn holds only the turns there are. Returns 0 or a
 * CDR_E* code (the document cannot be read).
 */
int cdr_cases_case_at(cdr_cases *cases, const struct cdr_project *p, const char *doc, size_t offset, long *out);
/** Stretches of case `i`, in the order of cases.tsv: document and turns
 * (1-based, inclusive). */
size_t cdr_cases_stretch_count(const cdr_cases *cases, size_t i);
const char *cdr_cases_stretch(const cdr_cases *cases, size_t i, size_t s, size_t *first, size_t *last);
/** Give case `i` turns first..last (1-based) of `doc`; a stretch of
 * another case that overlaps them is taken out of that case. */
int cdr_cases_add_stretch(cdr_cases *cases, size_t i, const char *doc, size_t first, size_t last);
/** Parse "DOC:tA-tB" or "DOC:tA"; *doc_len is the length of DOC.
 * Returns 1 when `token` names a stretch, 0 when it has no ':' (a whole
 * document), CDR_EFORMAT (message set) when it is malformed. */
int cdr_cases_parse_stretch(const char *token, size_t *doc_len, size_t *first, size_t *last);

size_t cdr_cases_attr_count(const cdr_cases *cases);
const char *cdr_cases_attr_name(const cdr_cases *cases, size_t a);
/** Value of attribute `a` of case `i`; "" when the case does not have it. */
const char *cdr_cases_attr(const cdr_cases *cases, size_t i, size_t a);
/** Value by attribute name, or NULL when no such attribute exists. */
const char *cdr_cases_attr_by_name(const cdr_cases *cases, size_t i, const char *name);

size_t cdr_cases_doc_count(const cdr_cases *cases, size_t i);
const char *cdr_cases_doc(const cdr_cases *cases, size_t i, size_t d);

/** Can `name` be an attribute (not empty, no tab/newline/'=', not case/docs)? */
int cdr_cases_attr_name_valid(const char *name);

/** Create the case if needed; returns its index through *index. */
int cdr_cases_ensure(cdr_cases *cases, const char *id, size_t *index);
int cdr_cases_set_attr(cdr_cases *cases, size_t i, const char *name, const char *value);
/** Put `doc` into case `i`, taking it out of any other case. */
int cdr_cases_assign(cdr_cases *cases, size_t i, const char *doc);
/** Rename document `doc` in its case (and its stretches) to `to`, or take
 * it out of its case and drop its stretches when `to` is NULL (the cases
 * stay, with their attributes). */
int cdr_cases_rename_doc(cdr_cases *cases, const char *doc, const char *to);
/** Drop cases that hold no documents, no stretches and no attribute values. */
void cdr_cases_prune(cdr_cases *cases);

/**
 * Merge a user's TSV (header: case, optional docs, attribute columns).
 * `doc_exists` says whether a document id is in the project. A column
 * named twice is refused; an empty cell leaves the case's value as it is.
 * Nothing is changed when an error is returned.
 */
int cdr_cases_import(cdr_cases *cases, char *data, size_t len, const char *name,
		     int (*doc_exists)(void *ctx, const char *doc), void *ctx);

/** cdr_cases_import's flags: */
#define CDR_CASES_CSV 1u         /* the data is CSV (RFC 4180: commas, quoted fields), not TSV */
#define CDR_CASES_CLEAR_EMPTY 2u /* an empty cell clears the case's value */
int cdr_cases_import_ex(cdr_cases *cases, char *data, size_t len, const char *name, unsigned flags,
			int (*doc_exists)(void *ctx, const char *doc), void *ctx);

#endif
