/* edit.h -- one coder's codings of a document as a text file to edit by
 * hand (`codeer code edit`), and that file read back exactly.
 *
 * The file (docs/code.md, "code edit") holds every turn of the document:
 * a turn line "tN SPEAKER [TIME] || CODES" and the turn's text below it,
 * indented and wrapped. CODES lists the coder's codings that start in the
 * turn: a code alone is a coding of the whole turn, CODE[cA-B] one of the
 * code points A up to B; in an edit CODE[sN] (sentence N) and
 * CODE["words"] (a phrase that occurs once in the turn) name a part of
 * the turn too. Lines starting with '#' are comments. Reading the edited
 * file gives the codings added and removed, or every mistake with its
 * line; nothing is written until the caller applies the changes. */
#ifndef CODEER_EDIT_H
#define CODEER_EDIT_H

#include <stddef.h>

#include "codeer/coding.h"
#include "codeer/document.h"
#include "codeer/scheme.h"

/** One change an edit makes to the coder's codings. */
typedef struct cdr_edit_change {
	int add;              /* 1: a coding to add; 0: one to remove */
	size_t turn;          /* the turn (1-based) whose line names it */
	size_t start, end;    /* code points */
	char *code;           /* scheme/code */
} cdr_edit_change;

/** A mistake in the edited file. */
typedef struct cdr_edit_error {
	size_t line;          /* 1-based, in the file as read */
	char *message;
} cdr_edit_error;

typedef struct cdr_edit_result {
	cdr_edit_change *changes;   /* removals first, then additions, each by place */
	size_t nchanges, cap;
	cdr_edit_error *errors;     /* in line order; none when the file is good */
	size_t nerrors, ecap;
	int empty;                  /* the file has no turn line at all: the user gave up */
} cdr_edit_result;

/**
 * The file for coder `k`'s codings of document `doc_id` (`doc` loaded
 * with its text), with the codes written as short as the schemes allow
 * (the code id when no other scheme has it). Rejected codings are left
 * out: an edit neither shows nor changes them. Caller frees *out.
 */
int cdr_edit_write(char **out, size_t *len, const cdr_document *doc, const char *doc_id, const cdr_schemes *set,
		   const cdr_codings *k);

/**
 * Read an edited file against the document, the schemes and the codings
 * it was written from. Fills r with the changes, or with the errors (then
 * no changes): an unknown or ambiguous code, an entry that is no code, a
 * span outside its turn, a turn line that is missing, repeated or names
 * no turn, a turn's text changed. Returns 0 whether or not the file had
 * errors; a negative CDR_E* code only when reading failed (memory).
 * Free r with cdr_edit_result_free.
 */
int cdr_edit_read(cdr_edit_result *r, const char *text, size_t len, const cdr_document *doc, const char *doc_id,
		  const cdr_schemes *set, const cdr_codings *k);
void cdr_edit_result_free(cdr_edit_result *r);

/**
 * The file again with each error of r as a comment "# error: ..." on the
 * line above the line it is about, and the error comments of an earlier
 * round taken out. Caller frees *out.
 */
int cdr_edit_mark(char **out, size_t *len, const char *text, size_t text_len, const cdr_edit_result *r);

/**
 * Apply r's changes to k, the coder's codings of `doc_id` in the version
 * the file was written from: removals take out exactly the codings the
 * file showed, additions are manual codings made now. A change that no
 * longer fits (a coding to remove gone, one to add there already) is
 * CDR_ENOTFOUND / CDR_EEXISTS and k is left as it was.
 */
int cdr_edit_apply(cdr_codings *k, const char *doc_id, const cdr_edit_result *r);

#endif
