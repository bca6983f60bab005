/* memo.h -- free-text memos on documents, codes and cases, one Markdown
 * file each under memos/ (memos/doc/<doc-id>.md,
 * memos/code/<scheme>/<code>.md, memos/case/<case-id>.md),
 * so they diff and merge like any text. Memos on single codings live in
 * the memo column of the coder's codings file (coding.h). */
#ifndef CODEER_MEMO_H
#define CODEER_MEMO_H

#include <stddef.h>

#include "codeer/project.h"

typedef enum cdr_memo_kind { CDR_MEMO_DOC, CDR_MEMO_CODE, CDR_MEMO_CASE } cdr_memo_kind;

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

/** Called per memo: kind, id ("doc-id" or "scheme/code"), first line. */
typedef int (*cdr_memo_fn)(void *ctx, cdr_memo_kind kind, const char *id, const char *first_line);
int cdr_memo_each(const cdr_project *p, cdr_memo_fn fn, void *ctx);

#endif
