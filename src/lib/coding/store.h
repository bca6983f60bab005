/* store.h -- what the coding layer shares about codings files beyond
 * codeer/coding.h: saving one coder's file as part of a transaction, so
 * that a change of several coders' files is one step, and how a coding's
 * memo is freed. */
#ifndef CDR_CODING_STORE_H
#define CDR_CODING_STORE_H

#include "codeer/coding.h"
#include "util/fileio.h"

/* As cdr_codings_save, but staged in `txn` (NULL: written at once). */
int cdr_codings_stage(cdr_codings *c, cdr_txn *txn);

/* Free a coding's memo when it has one of its own: an empty memo is shared
 * by the set's codings (the loader allocates nothing per row). */
void cdr_coding_memo_release(char *memo);

#endif
