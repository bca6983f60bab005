/* ingest-parallel.h -- read, decode and structure many files on several
 * threads, and hand their documents on in the order of the files.
 *
 * For `codeer add`: the reading is most of its work, and files are
 * independent, so they are read at once; what depends on the order
 * (ids, duplicates, the files written) stays with the caller, which gets
 * the documents one after the other as if they had been read so. */
#ifndef CDR_INGEST_PARALLEL_H
#define CDR_INGEST_PARALLEL_H

#include <stddef.h>

#include "codeer/ingest.h"

/* Receives the document of paths[i] and owns it from then on; called on
 * the calling thread for i = 0, 1, 2, ... in order. A negative return
 * stops the reading and is returned. */
typedef int (*cdr_ingest_each_cb)(void *ctx, size_t i, cdr_document *doc);

/* Ingest paths[0..n) with `jobs` threads (0 or 1: one file after the
 * other on the calling thread) and call `each` for each document in
 * order. The first file in order that cannot be read ends it with that
 * file's error, exactly as reading them one by one would: documents of
 * later files already read are dropped, and `each` sees none of them.
 * At most two documents per thread wait in memory. Returns 0 or the
 * first error. */
int cdr_ingest_files(const char *const *paths, size_t n, const cdr_ingest_options *opts, unsigned jobs,
		     cdr_ingest_each_cb each, void *ctx);

#endif
