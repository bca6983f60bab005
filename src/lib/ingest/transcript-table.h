/* transcript-table.h -- transcripts laid out as a table in a .docx or .odt: a
 * speaker column and a text column, often a time column first (what
 * transcription services and f4/f5 export). The readers collect a table's
 * cells; transcript-table.c decides whether it is such a transcript and writes its
 * rows as turns the reader already knows. */
#ifndef CDR_INGEST_TRANSCRIPT_TABLE_H
#define CDR_INGEST_TRANSCRIPT_TABLE_H

#include <stddef.h>

#include "ingest/document-internal.h"
#include "util/buf.h"

typedef struct cdr_ttable_row {
	char **cells;          /* each cell's text as the reader wrote it */
	size_t ncells, cap;
} cdr_ttable_row;

typedef struct cdr_ttable {
	cdr_ttable_row *rows;
	size_t nrows, cap;
	size_t header_rows;    /* rows the file marks as headings (repeated on each page) */
	size_t chars;          /* all cell text so far, for the reader's limit */
} cdr_ttable;

/* A table has at most this many columns to be read as a transcript. */
#define CDR_TTABLE_MAX_COLUMNS 6

/* The length of a clock time at s ("1:02", "00:01:02", "00:01:02.5",
 * "00:01:02,250"; with `f4` also f4's "00:00:05-2"), or 0. More digits
 * right after it make it no time ("10:305"). */
size_t cdr_clock_len(const char *s, size_t n, int f4);

int cdr_ttable_add_row(cdr_ttable *t);
/* Add a cell to the last row; takes `text` (NULL is an empty cell). */
int cdr_ttable_add_cell(cdr_ttable *t, char *text);
void cdr_ttable_free(cdr_ttable *t);

/* When `t` looks like a transcript, append its rows to `b` as paragraphs
 * "TIME SPEAKER: TEXT", record each as a turn in `raw` (raw->mixed) and
 * return 1; otherwise append nothing and return 0. Negative on error. */
int cdr_ttable_write(cdr_raw *raw, cdr_buf *b, const cdr_ttable *t);

#endif
