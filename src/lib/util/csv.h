/* csv.h -- read delimited files written by people and spreadsheets:
 * RFC 4180 CSV (quoted fields, doubled quotes, newlines inside quotes) or
 * plain TSV. A byte-order mark at the start is skipped. */
#ifndef CDR_UTIL_CSV_H
#define CDR_UTIL_CSV_H

#include <stddef.h>

#include "util/tsv.h"

typedef struct cdr_csv {
	char *data;        /* modified in place */
	size_t len, pos;
	char sep;          /* ',' or '\t' */
	size_t line;       /* line where the last record started (1-based) */
	size_t next_line;  /* line where the next record starts */
} cdr_csv;

void cdr_csv_init(cdr_csv *c, char *data, size_t len, char sep);
/* Next record into row (fields point into data); 0 at the end, 1 with a
 * record, CDR_EFORMAT for an unterminated quote (line set). */
int cdr_csv_next(cdr_csv *c, cdr_tsv_row *row);

#endif
