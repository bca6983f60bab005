/* memo.h -- free-text memos on documents, codes, cases and the project,
 * one Markdown file each under memos/ (memos/doc/<doc-id>.md,
 * memos/code/<scheme>/<code>.md, memos/case/<case-id>.md,
 * memos/project.md),
 * so they diff and merge like any text. Memos on single codings live in
 * the memo column of the coder's codings file (coding.h). */
#ifndef CODEER_MEMO_H
#define CODEER_MEMO_H

#include <stddef.h>

#include "codeer/project.h"

/* The project's memo (research questions, the road taken) has the id "project". */
typedef enum cdr_memo_kind { CDR_MEMO_DOC, CDR_MEMO_CODE, CDR_MEMO_CASE, CDR_MEMO_PROJECT } cdr_memo_kind;

/** "doc", "code", "case" or "project". */
const char *cdr_memo_kind_name(cdr_memo_kind kind);
/** The kind named so, or -1. */
int cdr_memo_kind_parse(const char *name);

/** The memo, or NULL in *out when there is none (caller frees). */
int cdr_memo_get(char **out, const cdr_project *p, cdr_memo_kind kind, const char *id);
/** Replace the memo (atomically); an empty text removes it. With `append`,
 * the text is added as a new paragraph. */
int cdr_memo_set(cdr_project *p, cdr_memo_kind kind, const char *id, const char *text, int append);

/** How cdr_memo_write treats a memo that is already there. */
typedef enum cdr_memo_mode {
	CDR_MEMO_NEW,     /* refuse: a memo is never replaced unasked */
	CDR_MEMO_REPLACE, /* replace it */
	CDR_MEMO_APPEND   /* add the text as a new paragraph */
} cdr_memo_mode;

/**
 * Write a memo (atomically, under the project lock). With CDR_MEMO_NEW a
 * target that already has a memo gives CDR_EEXISTS naming it, and the memo
 * stays as it was; the check and the write happen under one lock.
 */
int cdr_memo_write(cdr_project *p, cdr_memo_kind kind, const char *id, const char *text, cdr_memo_mode mode);

/** Called per memo: kind, id ("doc-id", "scheme/code", "case-id" or
 * "project"), first line. The project's memo comes first, then those on
 * documents, cases and codes, each sorted by id. */
typedef int (*cdr_memo_fn)(void *ctx, cdr_memo_kind kind, const char *id, const char *first_line);
int cdr_memo_each(const cdr_project *p, cdr_memo_fn fn, void *ctx);

/** One line of a memo that matched cdr_memo_grep (line: 1-based). */
typedef int (*cdr_memo_line_fn)(void *ctx, cdr_memo_kind kind, const char *id, size_t line, const char *text);

/**
 * Every line of every memo that matches `pattern` (PCRE2, UTF, caseless
 * unless `case_sensitive`), in cdr_memo_each's order; *hits (may be NULL)
 * receives how many. A pattern that does not compile is CDR_EUSAGE.
 */
int cdr_memo_grep(const cdr_project *p, const char *pattern, int case_sensitive, cdr_memo_line_fn fn, void *ctx,
		  size_t *hits);

#endif
