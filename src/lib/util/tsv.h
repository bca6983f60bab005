/* tsv.h -- the tab-separated files of a project (cases.tsv, codings,
 * source metadata): one record per line, fields split by TAB; a TAB,
 * newline or backslash inside a value is written as \t, \n, \\. */
#ifndef CDR_UTIL_TSV_H
#define CDR_UTIL_TSV_H

#include <stddef.h>

#include "util/buf.h"

/* Append `s` escaped as one TSV field (no separator). */
int cdr_tsv_put(cdr_buf *b, const char *s);

typedef struct cdr_tsv_row {
	char **fields;
	size_t n;
	size_t cap;
} cdr_tsv_row;

/* Split one line (without its newline) into unescaped fields; the row's
 * fields point into `line`, which is modified. */
int cdr_tsv_split(cdr_tsv_row *row, char *line);
/* The same without unescaping: for files people and spreadsheets wrote,
 * where a backslash is just a backslash. */
int cdr_tsv_split_raw(cdr_tsv_row *row, char *line);
void cdr_tsv_row_free(cdr_tsv_row *row);
/* Split `line` in place at tabs into at most `max` fields, without
 * unescaping or allocating (the last field keeps any further tabs), after
 * cutting it at its first CR or LF; returns the number of fields. */
size_t cdr_tsv_split_at_most(char *line, char **v, size_t max);

/* Step through the lines of a buffer: returns 1 with the line (its \n and
 * any \r removed, NUL-terminated in place) or 0 at the end. */
int cdr_next_line(char *data, size_t len, size_t *pos, char **line);

#endif
