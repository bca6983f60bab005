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
/* Rename every staged file into place, then fsync the directories. */
int cdr_txn_commit(cdr_txn *txn);
/* Remove the staged files (also done by free when not committed). */
void cdr_txn_free(cdr_txn *txn);

/* A one-file transaction. */
int cdr_file_write_atomic(const char *path, const void *data, size_t len);

#endif
