/* partial-stream.h -- partial matrices from the output of `codeer
 * autocode --stream`, with no project: the link between coding a corpus
 * in parts (on many machines) and adding its matrices up with
 * cdr_matrix_merge (matrix.h). */
#ifndef CODEER_PARTIAL_STREAM_H
#define CODEER_PARTIAL_STREAM_H

#include <stdio.h>

#include "codeer/matrix.h"
#include "codeer/scheme.h"

/**
 * Read the JSON lines `autocode --stream` writes (version 2: a header,
 * then each document's line followed by its codings' lines) from `in`
 * and write, to `out`, the partial matrix a project holding those
 * documents, with each document in the case the stream gives it (or its
 * own), would give for the rows, columns and picked codes of `o` (the
 * file cdr_matrix_partial_write writes). The columns come from `set`,
 * which must hold the schemes the stream was coded with. `name` names
 * the input in messages. Filters and coders of `o` are not used. Errors:
 * CDR_EFORMAT naming the line for input that is no such stream (nothing
 * is written then), CDR_ENOTFOUND or CDR_EUSAGE for picked codes as in
 * cdr_columns_make.
 */
int cdr_matrix_partial_stream(FILE *out, FILE *in, const char *name, const cdr_schemes *set,
			      const cdr_matrix_options *o);

#endif
