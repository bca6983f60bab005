/* table.h -- every list and matrix codeer prints, in every output format:
 * aligned text for people, TSV/CSV (RFC 4180) for programs and
 * spreadsheets, JSON, and Markdown. */
#ifndef CODEER_TABLE_H
#define CODEER_TABLE_H

#include <stddef.h>
#include <stdio.h>

typedef enum cdr_format {
	CDR_FORMAT_TABLE, /* aligned columns with a header, for terminals */
	CDR_FORMAT_PLAIN, /* TSV without a header: for cut, grep, sort */
	CDR_FORMAT_TSV,
	CDR_FORMAT_CSV,
	CDR_FORMAT_JSON,
	CDR_FORMAT_MD,
	CDR_FORMAT_HTML   /* a <table>, escaped; the caller writes the page around it */
} cdr_format;

/** Parse "table", "tsv", "csv", "json", "md", "html" (or "plain"). */
int cdr_format_parse(cdr_format *out, const char *name);

typedef struct cdr_table cdr_table;

int cdr_table_new(cdr_table **out, size_t ncols, const char *const *headers);
/** Append a row of ncols cells (copied; NULL is an empty cell). */
int cdr_table_add(cdr_table *t, const char *const *cells);
size_t cdr_table_rows(const cdr_table *t);
size_t cdr_table_cols(const cdr_table *t);
/** A cell as stored (row 0 is the header, rows 1 to cdr_table_rows the
 * body); "" for an empty cell. */
const char *cdr_table_cell(const cdr_table *t, size_t row, size_t col);
/** Mark a column as numeric: right-aligned, and a JSON number (an empty
 * cell is JSON null: a value that is missing or undefined). */
void cdr_table_set_numeric(cdr_table *t, size_t col);
/** Mark a text column whose empty cells mean "no value": JSON null
 * instead of "". */
void cdr_table_set_nullable(cdr_table *t, size_t col);
int cdr_table_write(const cdr_table *t, FILE *f, cdr_format fmt);
void cdr_table_free(cdr_table *t);

/**
 * Write a whole output file atomically (temporary file, fsync, rename):
 * a path that cannot be written leaves no partial file behind.
 */
int cdr_output_file(const char *path, const void *data, size_t len);

/** Write `s` with HTML's special characters escaped. */
void cdr_html_escape(FILE *f, const char *s);

/** Write `s` as a JSON string literal (with quotes). */
void cdr_json_string(FILE *f, const char *s);

/**
 * Format `x` as the shortest decimal that reads back as the same double
 * ("%.15g" up to "%.17g"), for JSON at full precision; NaN and infinities
 * give "" (a numeric column writes that as null). `size` of 32 is enough.
 */
void cdr_number_format(char *buf, size_t size, double x);
/** Write `x` as a JSON number at full precision, or null when it is not finite. */
void cdr_json_number(FILE *f, double x);

#endif
