/* fileio.h -- whole-file reads with a size bound, and atomic writes.
 *
 * Writes go through a transaction: every file is written to a temporary
 * name beside its target and fsync'ed; only when all are written are they
 * renamed into place. A failure before commit leaves the directory exactly
 * as it was. */
#ifndef CDR_UTIL_FILEIO_H
#define CDR_UTIL_FILEIO_H

#include <stddef.h>

/* Read a whole file; refuses files larger than `limit` bytes (CDR_ELIMIT).
 * Errors name `path`. The data is NUL-terminated for convenience. */
int cdr_file_read(char **out, size_t *out_len, const char *path, size_t limit);

typedef struct cdr_txn cdr_txn;

int cdr_txn_new(cdr_txn **out);
/* Write `data` to a temporary file that becomes `path` on commit. */
int cdr_txn_write(cdr_txn *txn, const char *path, const void *data, size_t len);
/* Write the files of this transaction without an fsync each; the commit
 * fsyncs them all, after the last is written and before any is renamed
 * or named in a journal. For a batch of many files: one wait for the disk
 * instead of one per file, with the same guarantees. */
void cdr_txn_defer_sync(cdr_txn *txn);
/* Rename every staged file into place, then fsync the directories. */
int cdr_txn_commit(cdr_txn *txn);
/* Remove the staged files (also done by free when not committed). */
void cdr_txn_free(cdr_txn *txn);

/* A one-file transaction. */
int cdr_file_write_atomic(const char *path, const void *data, size_t len);

/* ---- crash safety of transactions of several files --------------------------
 * A journaled transaction keeps its journal in `root` (the project
 * directory); every file it writes must lie below `root`. A commit of two
 * or more files writes <root>/.codeer-journal listing the renames before
 * the first one and removes it after the last, so that a process killed
 * in between leaves a journal that cdr_journal_recover completes. Call
 * the recovery and the sweep only under the project's lock. */
#define CDR_TMP_PREFIX ".codeer-tmp-"
#define CDR_JOURNAL_NAME ".codeer-journal"

int cdr_txn_new_journaled(cdr_txn **out, const char *root);

enum { CDR_JOURNAL_NONE, CDR_JOURNAL_ROLLED_FORWARD, CDR_JOURNAL_ROLLED_BACK };

/* Finish what a journal in `root` started: a complete journal's renames
 * are done (those already done are skipped), an incomplete one's staged
 * files removed; then the journal goes. *outcome (may be NULL) says which. */
int cdr_journal_recover(const char *root, int *outcome);

/* Without changing anything: 1 when `root` holds a journal (*complete
 * tells whether it was committed), 0 when not, or a CDR_E* code. */
int cdr_journal_check(const char *root, int *complete);

/* Temporary files (CDR_TMP_PREFIX*) in `dir` and its subdirectories down
 * to `depth` levels (hidden directories skipped) that were last modified
 * before `before` (NULL: all): removed, or, when `found` is given, handed
 * to it instead (a non-zero return stops the walk). */
struct timespec;
int cdr_tmp_sweep(const char *dir, const struct timespec *before, int depth,
		  int (*found)(void *ctx, const char *path), void *ctx);

/* Test hook: the n-th rename ("rename") or fsync ("fsync") from now ends
 * the process with _exit(137), as a SIGKILL there would; "write" ends it
 * halfway through the n-th file written. NULL or n < 1 disables. The
 * environment variable CODEER_FAULT=rename:N (fsync:N, write:N) does the
 * same for a whole process. */
void cdr_fault_after(const char *kind, long n);

#endif
