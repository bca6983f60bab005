/* compact.h -- a coder's codings as flat rows, for analyses that count.
 *
 * A matrix over a million codings needs of each coding only its document,
 * code, span and whether it was rejected. cdr_compact_load gives exactly
 * that, read from an index of codings/<coder>.tsv kept in .codeer-cache/
 * (see compact.c): no string is copied and nothing is allocated per row.
 * The index is a cache: keyed by the codings file's size, times, inode and
 * a hash of its first and last bytes, checksummed, rebuilt from the file
 * when it is missing, stale or damaged, and never read in place of the
 * file it no longer matches. It is not for editing codings: that is
 * cdr_codings (codeer/coding.h). */
#ifndef CDR_CODING_COMPACT_H
#define CDR_CODING_COMPACT_H

#include <stddef.h>
#include <stdint.h>

#include "codeer/coding.h"

/* The code of a rejected coding carries this bit. */
#define CDR_COMPACT_REJECTED 0x80000000u

typedef struct cdr_compact_row {
	uint32_t doc;  /* index into the set's document ids */
	uint32_t code; /* index into the set's codes, | CDR_COMPACT_REJECTED */
	uint64_t start, end;
} cdr_compact_row;

typedef struct cdr_compact cdr_compact;

/* The readable codings of `coder` (a coder without a file has none), in
 * the file's order. The index is read, or made and written when it does
 * not match the file; a project that cannot be written to still loads.
 * *rebuilt (may be NULL) says whether the file itself was read. */
int cdr_compact_load(cdr_compact **out, const cdr_project *p, const char *coder, int *rebuilt);
/* The same rows from a set loaded in full. */
int cdr_compact_from_codings(cdr_compact **out, const cdr_codings *c);
void cdr_compact_free(cdr_compact *c);

size_t cdr_compact_count(const cdr_compact *c);
const cdr_compact_row *cdr_compact_rows(const cdr_compact *c);
size_t cdr_compact_doc_count(const cdr_compact *c);
const char *cdr_compact_doc(const cdr_compact *c, size_t i);
size_t cdr_compact_code_count(const cdr_compact *c);
const char *cdr_compact_code(const cdr_compact *c, size_t i);

/* The index's path for `coder` in project directory `dir` (caller frees). */
char *cdr_compact_index_path(const char *dir, const char *coder);

#endif
