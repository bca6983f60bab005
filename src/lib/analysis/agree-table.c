/* agree-table.c -- read any reliability table (units x coders, coders x
 * units, or category counts) from CSV/TSV into cdr_rdata, for the
 * generic mode of `codeer agree --table`. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "codeer/agree.h"
#include "codeer/error.h"
#include "util/alloc.h"
#include "util/csv.h"
#include "util/fileio.h"

int cdr_table_layout_parse(cdr_table_layout *out, const char *name)
{
	if (strcmp(name, "units-by-coders") == 0)
		*out = CDR_LAYOUT_UNITS_BY_CODERS;
	else if (strcmp(name, "coders-by-units") == 0)
		*out = CDR_LAYOUT_CODERS_BY_UNITS;
	else if (strcmp(name, "counts") == 0)
		*out = CDR_LAYOUT_COUNTS;
	else
		return cdr_error_set(CDR_EUSAGE, "unknown layout '%s' (use units-by-coders, coders-by-units or counts)", name);
	return 0;
}

/* A whole number of up to 15 digits, the usual cell, with at most spaces
 * around it: read without strtod. */
static int small_whole(const char *s, double *out)
{
	long long v = 0;
	int n = 0, neg;

	while (*s == ' ')
		s++;
	neg = *s == '-';
	s += neg;
	while (*s >= '0' && *s <= '9' && n < 15)
		v = v * 10 + (*s++ - '0'), n++;
	while (*s == ' ')
		s++;
	if (n == 0 || *s)
		return -1;
	*out = (double)(neg ? -v : v);
	return 0;
}

static int parse_number(const char *s, double *out)
{
	char *end;

	if (small_whole(s, out) == 0)
		return 0;
	errno = 0;
	*out = strtod(s, &end);
	if (end == s || *end != '\0' || errno || !isfinite(*out)) {
		/* a decimal comma, as Dutch spreadsheets write */
		char buf[64];
		char *comma;
		if (strlen(s) >= sizeof(buf) || (comma = strchr(strcpy(buf, s), ',')) == NULL)
			return -1;
		*comma = '.';
		errno = 0;
		*out = strtod(buf, &end);
		return end != buf && *end == '\0' && !errno && isfinite(*out) ? 0 : -1;
	}
	return 0;
}

/* A counts table becomes a unit-by-value grid: these bound its size. */
#define COUNTS_MAX ((size_t)1000000)        /* values (coders) of one unit */
#define COUNTS_CELLS_MAX ((size_t)20000000) /* values of all units (160 MB) */

/* The table as it is read: each row's cells become numbers at once (a
 * grid of strings first cost as much as the whole computation). */
struct reader {
	const char *path;
	cdr_table_layout layout;
	cdr_level level;
	size_t first;           /* 1 when the first column names the row */
	size_t width;           /* cells per row after it */
	size_t rows;
	double *v;              /* rows * width, as in the file */
	size_t cap;
	char **rownames;        /* the first column, for coders-by-units */
	size_t rcap;
	char **labels;          /* text categories, by first appearance */
	size_t nlabels, lcap;
	size_t most;            /* counts: the largest sum of a row */
};

/* Leading and trailing spaces go: spreadsheets pad. */
static char *trim(char *f)
{
	char *e;

	while (*f == ' ')
		f++;
	if (*f) {
		e = f + strlen(f);
		while (e > f && e[-1] == ' ')
			*--e = '\0';
	}
	return f;
}

static int is_missing(const char *c)
{
	return *c == '\0' || strcmp(c, "NA") == 0 || strcmp(c, "*") == 0 || strcmp(c, ".") == 0;
}

/* One cell of a units or coders table: a number, NAN when missing, or at
 * the nominal level a text category (its index among the texts seen, far
 * from numbers). */
static int value_cell(struct reader *r, char *raw, size_t line, size_t col, double *x)
{
	const char *cell;
	size_t i;

	if (small_whole(raw, x) == 0)
		return 0;
	cell = trim(raw);
	if (is_missing(cell)) {
		*x = NAN;
		return 0;
	}
	if (parse_number(cell, x) == 0)
		return 0;
	if (r->level != CDR_LEVEL_NOMINAL)
		return cdr_error_set(CDR_EFORMAT, "%s:%zu: column %zu: '%s' is not a number (needed at the %s level)",
				     r->path, line, col, cell, cdr_level_name(r->level));
	for (i = 0; i < r->nlabels && strcmp(r->labels[i], cell) != 0; i++)
		;
	if (i == r->nlabels) {
		if (cdr_grow((void **)&r->labels, &r->lcap, r->nlabels + 1, sizeof(char *)) < 0 ||
		    (r->labels[r->nlabels] = cdr_strdup(cell)) == NULL)
			return CDR_ENOMEM;
		r->nlabels++;
	}
	*x = 1e15 + (double)i;
	return 0;
}

/* One cell of a counts table: a whole number of coders, 0 when empty,
 * bounded before adding so that no sum can wrap. */
static int count_cell(struct reader *r, char *raw, size_t line, size_t col, size_t *sum, double *x)
{
	const char *cell;
	int bad;

	*x = 0;
	bad = small_whole(raw, x) < 0 && *(cell = trim(raw)) && parse_number(cell, x) < 0;
	if (bad || *x < 0 || *x != floor(*x))
		return cdr_error_set(CDR_EFORMAT, "%s:%zu: column %zu: '%s' is not a count", r->path, line, col,
				     trim(raw));
	if (*x > (double)COUNTS_MAX)
		return cdr_error_set(CDR_ELIMIT, "%s:%zu: column %zu: the count %s is more than %zu, "
				     "the most values a unit can have", r->path, line, col, trim(raw), (size_t)COUNTS_MAX);
	if (*x > (double)(COUNTS_MAX - *sum))
		return cdr_error_set(CDR_ELIMIT, "%s:%zu: column %zu: the counts of this unit add up "
				     "to more than %zu, the most values a unit can have", r->path, line, col,
				     (size_t)COUNTS_MAX);
	*sum += (size_t)*x;
	return 0;
}

static int read_row(struct reader *r, const cdr_tsv_row *row, size_t line)
{
	double *out;
	size_t sum = 0;
	int rc = 0;

	/* room for one more even when a row has no cells after its label */
	if (cdr_grow((void **)&r->v, &r->cap, (r->rows + 1) * r->width + 1, sizeof(double)) < 0)
		return CDR_ENOMEM;
	if (r->layout == CDR_LAYOUT_CODERS_BY_UNITS) {
		char *name = NULL, label[32];
		snprintf(label, sizeof(label), "coder %zu", r->rows + 1);
		if (cdr_grow((void **)&r->rownames, &r->rcap, r->rows + 1, sizeof(char *)) < 0 ||
		    (name = cdr_strdup(r->first ? trim(row->fields[0]) : label)) == NULL)
			return CDR_ENOMEM;
		r->rownames[r->rows] = name;
	}
	out = r->v + r->rows * r->width;
	for (size_t k = 0; k < r->width && rc == 0; k++) {
		char *cell = row->fields[r->first + k];
		if (r->layout == CDR_LAYOUT_COUNTS)
			rc = count_cell(r, cell, line, r->first + k + 1, &sum, &out[k]);
		else
			rc = value_cell(r, cell, line, r->first + k + 1, &out[k]);
	}
	if (sum > r->most)
		r->most = sum;
	r->rows++;
	return rc;
}

static void reader_free(struct reader *r)
{
	free(r->v);
	for (size_t i = 0; r->rownames && i < r->rows; i++)
		free(r->rownames[i]);
	free(r->rownames);
	for (size_t i = 0; i < r->nlabels; i++)
		free(r->labels[i]);
	free(r->labels);
}

/* A unit with counts n_k becomes a unit with sum n_k values. */
static int expand_counts(cdr_rdata **out, const struct reader *r, char **header)
{
	double *cat;
	int rc = 0;

	if (r->most > 0 && r->rows > COUNTS_CELLS_MAX / r->most)
		return cdr_error_set(CDR_ELIMIT, "%s: %zu units of up to %zu values are more than the limit of %zu "
				     "values in all", r->path, r->rows, r->most, (size_t)COUNTS_CELLS_MAX);
	if ((cat = cdr_calloc(r->width ? r->width : 1, sizeof(double))) == NULL)
		return CDR_ENOMEM;
	for (size_t k = 0; k < r->width; k++)
		if (parse_number(header[r->first + k], &cat[k]) < 0)
			cat[k] = (double)k; /* category names: their order */
	if ((rc = cdr_rdata_new(out, r->rows, r->most)) == 0)
		for (size_t u = 0; u < r->rows && rc == 0; u++) {
			size_t j = 0;
			for (size_t k = 0; k < r->width && rc == 0; k++)
				for (size_t i = 0; i < (size_t)r->v[u * r->width + k] && rc == 0; i++)
					rc = cdr_rdata_set(*out, u, j++, cat[k]);
		}
	free(cat);
	return rc;
}

/* The table in data (len bytes, parsed in place, then freed). */
static int parse_table(cdr_rdata **out, char ***names, size_t *nnames, char *data, size_t len, const char *path,
		       cdr_table_layout layout, cdr_level level)
{
	struct reader r = { .path = path, .layout = layout, .level = level };
	char **header = NULL;
	size_t plen = strlen(path), nheader = 0;
	cdr_csv csv;
	cdr_tsv_row row = { 0 };
	cdr_rdata *d = NULL;
	int rc;

	*out = NULL;
	*names = NULL;
	*nnames = 0;
	cdr_csv_init(&csv, data, len, plen > 4 && strcasecmp(path + plen - 4, ".tsv") == 0 ? '\t' : ',');
	if ((rc = cdr_csv_next(&csv, &row)) <= 0) {
		rc = rc < 0 ? cdr_error_set(rc, "%s:%zu: %s", path, csv.line, cdr_error_last())
			    : cdr_error_set(CDR_EFORMAT, "%s: empty file", path);
		goto done;
	}
	if ((header = cdr_calloc(row.n, sizeof(char *))) == NULL) {
		rc = CDR_ENOMEM;
		goto done;
	}
	for (; nheader < row.n; nheader++)
		if ((header[nheader] = cdr_strdup(trim(row.fields[nheader]))) == NULL) {
			rc = CDR_ENOMEM;
			goto done;
		}
	r.first = strcasecmp(header[0], "unit") == 0 || strcasecmp(header[0], "coder") == 0 ||
		  strcasecmp(header[0], "units") == 0 || header[0][0] == '\0';
	r.width = nheader - r.first;
	while ((rc = cdr_csv_next(&csv, &row)) > 0) {
		if (row.n == 1 && *row.fields[0] == '\0')
			continue;
		if (row.n != nheader) {
			rc = cdr_error_set(CDR_EFORMAT, "%s:%zu: %zu cells, but the header has %zu (a ragged table)",
					   path, csv.line, row.n, nheader);
			goto done;
		}
		if ((rc = read_row(&r, &row, csv.line)) < 0)
			goto done;
	}
	if (rc < 0) {
		rc = cdr_error_set(rc, "%s:%zu: %s", path, csv.line, cdr_error_last());
		goto done;
	}
	if (layout == CDR_LAYOUT_COUNTS) {
		rc = expand_counts(&d, &r, header);
	} else if (layout == CDR_LAYOUT_CODERS_BY_UNITS) {
		/* a row per coder: turned into a row per unit */
		if ((rc = cdr_rdata_new(&d, r.width, r.rows)) == 0)
			for (size_t c = 0; c < r.rows && rc == 0; c++)
				for (size_t u = 0; u < r.width && rc == 0; u++)
					rc = cdr_rdata_set(d, u, c, r.v[c * r.width + u]);
	} else {
		rc = cdr_rdata_adopt(&d, r.v, r.rows, r.width);
		r.v = NULL;
	}
	if (rc < 0)
		goto done;
	/* names: coders (or categories, for counts) */
	if (layout == CDR_LAYOUT_CODERS_BY_UNITS) {
		*names = r.rownames;
		*nnames = r.rows;
		r.rownames = NULL;
	} else {
		if ((*names = cdr_calloc(nheader ? nheader : 1, sizeof(char *))) == NULL) {
			rc = CDR_ENOMEM;
			goto done;
		}
		for (size_t k = r.first; k < nheader; k++)
			(*names)[(*nnames)++] = header[k], header[k] = NULL;
	}
	*out = d;
	d = NULL;
done:
	for (size_t i = 0; header && i < nheader; i++)
		free(header[i]);
	free(header);
	cdr_tsv_row_free(&row);
	reader_free(&r);
	free(data);
	cdr_rdata_free(d);
	return rc;
}

int cdr_rdata_read(cdr_rdata **out, char ***names, size_t *nnames, const char *path,
		   cdr_table_layout layout, cdr_level level)
{
	char *data = NULL;
	size_t len;
	int rc;

	*out = NULL;
	*names = NULL;
	*nnames = 0;
	if ((rc = cdr_file_read(&data, &len, path, (size_t)1 << 31)) < 0)
		return rc;
	return parse_table(out, names, nnames, data, len, path, layout, level);
}

int cdr_rdata_parse(cdr_rdata **out, char ***names, size_t *nnames, const char *data, size_t len,
		    const char *name, cdr_table_layout layout, cdr_level level)
{
	char *copy = cdr_malloc(len + 1);

	*out = NULL;
	*names = NULL;
	*nnames = 0;
	if (copy == NULL)
		return CDR_ENOMEM;
	memcpy(copy, data, len);
	copy[len] = '\0';
	return parse_table(out, names, nnames, copy, len, name, layout, level);
}
