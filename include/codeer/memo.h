/* memo.h -- free-text memos on documents and codes, one Markdown file
 * each under memos/ (memos/doc/<doc-id>.md, memos/code/<scheme>/<code>.md),
 * so they diff and merge like any text. Memos on single codings live in
 * the memo column of the coder's codings file (coding.h). */
#ifndef CODEER_MEMO_H
#define CODEER_MEMO_H

#include <stddef.h>

#include "codeer/project.h"

typedef enum cdr_memo_kind { CDR_MEMO_DOC, CDR_MEMO_CODE } cdr_memo_kind;

/** The memo, or NULL in *out when there is none (caller frees). */
int cdr_memo_get(char **out, const cdr_project *p, cdr_memo_kind kind, const char *id);
/** Replace the memo (atomically); an empty text removes it. With `append`,
 * the text is added as a new paragraph. */
int cdr_memo_set(cdr_project *p, cdr_memo_kind kind, const char *id, const char *text, int append);

/** Called per memo: kind, id ("doc-id" or "scheme/code"), first line. */
typedef int (*cdr_memo_fn)(void *ctx, cdr_memo_kind kind, const char *id, const char *first_line);
int cdr_memo_each(const cdr_project *p, cdr_memo_fn fn, void *ctx);

#endif
