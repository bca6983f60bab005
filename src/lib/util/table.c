/* table.c -- one table model, five output formats (see table.h).
 * Widths in the aligned format count code points, so Dutch diacritics
 * line up. CSV follows RFC 4180: CRLF, fields quoted when needed. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codeer/error.h"
#include "codeer/table.h"
#include "codeer/text.h"
#include "util/alloc.h"
#include "util/fileio.h"

struct cdr_table {
	size_t ncols;
	char **cells;  /* (rows + 1) * ncols, row 0 is the header */
	size_t nrows;  /* including the header */
	size_t cap;
	unsigned char *numeric;
	unsigned char *nullable; /* an empty cell is JSON null */
};

int cdr_format_parse(cdr_format *out, const char *name)
{
	static const struct { const char *name; cdr_format f; } names[] = {
		{ "table", CDR_FORMAT_TABLE }, { "plain", CDR_FORMAT_PLAIN }, { "tsv", CDR_FORMAT_TSV },
		{ "csv", CDR_FORMAT_CSV }, { "json", CDR_FORMAT_JSON }, { "md", CDR_FORMAT_MD },
		{ "html", CDR_FORMAT_HTML },
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(name, names[i].name) == 0) {
			*out = names[i].f;
			return 0;
		}
	return cdr_error_set(CDR_EUSAGE, "unknown format '%s' (use table, tsv, csv, json, md or html)", name);
}

int cdr_table_new(cdr_table **out, size_t ncols, const char *const *headers)
{
	cdr_table *t = cdr_calloc(1, sizeof(*t));
	int rc;

	if (t == NULL)
		return CDR_ENOMEM;
	t->ncols = ncols;
	if ((t->numeric = cdr_calloc(ncols, 1)) == NULL || (t->nullable = cdr_calloc(ncols, 1)) == NULL ||
	    (rc = cdr_table_add(t, headers)) < 0) {
		cdr_table_free(t);
		return CDR_ENOMEM;
	}
	*out = t;
	return 0;
}

int cdr_table_add(cdr_table *t, const char *const *cells)
{
	if (cdr_grow((void **)&t->cells, &t->cap, (t->nrows + 1) * t->ncols, sizeof(char *)) < 0)
		return CDR_ENOMEM;
	for (size_t c = 0; c < t->ncols; c++) {
		char *copy = cdr_strdup(cells[c] ? cells[c] : "");
		if (copy == NULL) {
			for (size_t k = 0; k < c; k++)
				free(t->cells[t->nrows * t->ncols + k]);
			return CDR_ENOMEM;
		}
		t->cells[t->nrows * t->ncols + c] = copy;
	}
	t->nrows++;
	return 0;
}

size_t cdr_table_rows(const cdr_table *t) { return t->nrows - 1; }
size_t cdr_table_cols(const cdr_table *t) { return t->ncols; }

const char *cdr_table_cell(const cdr_table *t, size_t row, size_t col)
{
	return row < t->nrows && col < t->ncols ? t->cells[row * t->ncols + col] : "";
}

void cdr_table_set_numeric(cdr_table *t, size_t col)
{
	if (col < t->ncols)
		t->numeric[col] = t->nullable[col] = 1;
}

void cdr_table_set_nullable(cdr_table *t, size_t col)
{
	if (col < t->ncols)
		t->nullable[col] = 1;
}

void cdr_table_free(cdr_table *t)
{
	if (t == NULL)
		return;
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->numeric);
	free(t->nullable);
	free(t);
}

int cdr_output_file(const char *path, const void *data, size_t len)
{
	return cdr_file_write_atomic(path, data, len);
}

void cdr_html_escape(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '"': fputs("&quot;", f); break;
		default: fputc(*s, f); break;
		}
	}
}

void cdr_json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c == '\r')
			fputs("\\r", f);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

void cdr_number_format(char *buf, size_t size, double x)
{
	if (size == 0)
		return;
	if (!isfinite(x)) {
		buf[0] = '\0';
		return;
	}
	/* the shortest of 15, 16 and 17 significant digits that round-trips:
	 * 0.1 stays "0.1", a third gets all its digits */
	for (int digits = 15; digits <= 17; digits++) {
		snprintf(buf, size, "%.*g", digits, x);
		if (strtod(buf, NULL) == x)
			break;
	}
}

void cdr_json_number(FILE *f, double x)
{
	char buf[32];

	cdr_number_format(buf, sizeof(buf), x);
	fputs(*buf ? buf : "null", f);
}

/* Plain/TSV cells may not hold tabs or newlines: they become spaces. */
static void put_flat(FILE *f, const char *s)
{
	for (; *s; s++)
		fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, f);
}

static void put_csv(FILE *f, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static void put_md(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '|')
			fputs("\\|", f);
		else
			fputc(*s == '\n' || *s == '\t' ? ' ' : *s, f);
	}
}

/* A JSON number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static int is_number(const char *s)
{
	if (*s == '-')
		s++;
	if (*s == '0')
		s++;
	else if (*s >= '1' && *s <= '9')
		while (*s >= '0' && *s <= '9')
			s++;
	else
		return 0;
	if (*s == '.') {
		if (!(*++s >= '0' && *s <= '9'))
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (!(*s >= '0' && *s <= '9'))
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return *s == '\0';
}

int cdr_table_write(const cdr_table *t, FILE *f, cdr_format fmt)
{
	size_t first = (fmt == CDR_FORMAT_PLAIN) ? 1 : 0;
	size_t *width = NULL;

	if (fmt == CDR_FORMAT_TABLE || fmt == CDR_FORMAT_MD) {
		if ((width = cdr_calloc(t->ncols, sizeof(size_t))) == NULL)
			return CDR_ENOMEM;
		for (size_t r = 0; r < t->nrows; r++)
			for (size_t c = 0; c < t->ncols; c++) {
				const char *s = t->cells[r * t->ncols + c];
				size_t w = cdr_utf8_count(s, strlen(s));
				if (w > width[c])
					width[c] = w;
			}
		for (size_t c = 0; c < t->ncols && fmt == CDR_FORMAT_MD; c++)
			if (width[c] < 3)
				width[c] = 3;
	}
	if (fmt == CDR_FORMAT_HTML) {
		fputs("<table>\n<thead><tr>", f);
		for (size_t c = 0; c < t->ncols; c++) {
			fputs(t->numeric[c] ? "<th class=\"num\">" : "<th>", f);
			cdr_html_escape(f, t->cells[c]);
			fputs("</th>", f);
		}
		fputs("</tr></thead>\n<tbody>\n", f);
		for (size_t r = 1; r < t->nrows; r++) {
			fputs("<tr>", f);
			for (size_t c = 0; c < t->ncols; c++) {
				fputs(t->numeric[c] ? "<td class=\"num\">" : "<td>", f);
				cdr_html_escape(f, t->cells[r * t->ncols + c]);
				fputs("</td>", f);
			}
			fputs("</tr>\n", f);
		}
		fputs("</tbody>\n</table>\n", f);
		return 0;
	}
	if (fmt == CDR_FORMAT_JSON) {
		fputs("[", f);
		for (size_t r = 1; r < t->nrows; r++) {
			fputs(r > 1 ? ",\n {" : "\n {", f);
			for (size_t c = 0; c < t->ncols; c++) {
				const char *s = t->cells[r * t->ncols + c];
				if (c)
					fputs(", ", f);
				cdr_json_string(f, t->cells[c]);
				fputs(": ", f);
				if (t->numeric[c] && is_number(s))
					fputs(s, f);
				else if (t->nullable[c] && *s == '\0')
					fputs("null", f);
				else
					cdr_json_string(f, s);
			}
			fputs("}", f);
		}
		fputs(t->nrows > 1 ? "\n]\n" : "]\n", f);
		return 0;
	}
	for (size_t r = first; r < t->nrows; r++) {
		if (fmt == CDR_FORMAT_MD)
			fputs("| ", f);
		for (size_t c = 0; c < t->ncols; c++) {
			const char *s = t->cells[r * t->ncols + c];
			int last = c + 1 == t->ncols;
			switch (fmt) {
			case CDR_FORMAT_TABLE: {
				size_t pad = width[c] - cdr_utf8_count(s, strlen(s));
				if (t->numeric[c] && r > 0)
					fprintf(f, "%*s", (int)pad, "");
				put_flat(f, s);
				if (!last && !(t->numeric[c] && r > 0))
					fprintf(f, "%*s", (int)pad, "");
				if (!last)
					fputs("  ", f);
				break;
			}
			case CDR_FORMAT_MD: {
				size_t pad = width[c] - cdr_utf8_count(s, strlen(s));
				if (t->numeric[c])
					fprintf(f, "%*s", (int)pad, "");
				put_md(f, s);
				if (!t->numeric[c])
					fprintf(f, "%*s", (int)pad, "");
				fputs(last ? " |" : " | ", f);
				break;
			}
			case CDR_FORMAT_CSV:
				put_csv(f, s);
				if (!last)
					fputc(',', f);
				break;
			default:
				put_flat(f, s);
				if (!last)
					fputc('\t', f);
				break;
			}
		}
		fputs(fmt == CDR_FORMAT_CSV ? "\r\n" : "\n", f);
		if (fmt == CDR_FORMAT_MD && r == 0) {
			fputs("|", f);
			for (size_t c = 0; c < t->ncols; c++) {
				fputc(' ', f);
				for (size_t k = 0; k < width[c]; k++)
					fputc(k + 1 == width[c] && t->numeric[c] ? ':' : '-', f);
				fputs(" |", f);
			}
			fputc('\n', f);
		}
	}
	free(width);
	return 0;
}
