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

struct grid {
	char *data;         /* the file, parsed in place */
	char **cells;       /* rows * cols, pointing into data */
	size_t rows, cols;
	size_t *lines;      /* file line of each row */
};

static void grid_free(struct grid *g)
{
	free(g->cells);
	free(g->lines);
	free(g->data);
}

static int read_grid(struct grid *g, char ***header_out, size_t *nheader, const char *path)
{
	char *data = NULL;
	size_t len, plen = strlen(path), cap = 0, lcap = 0;
	cdr_csv csv;
	cdr_tsv_row row = { 0 };
	int rc;

	memset(g, 0, sizeof(*g));
	if ((rc = cdr_file_read(&data, &len, path, (size_t)1 << 31)) < 0)
		return rc;
	g->data = data;
	cdr_csv_init(&csv, data, len, plen > 4 && strcasecmp(path + plen - 4, ".tsv") == 0 ? '\t' : ',');
	if ((rc = cdr_csv_next(&csv, &row)) <= 0) {
		rc = rc < 0 ? rc : cdr_error_set(CDR_EFORMAT, "%s: empty file", path);
		goto done;
	}
	g->cols = row.n;
	if ((*header_out = cdr_calloc(row.n, sizeof(char *))) == NULL) {
		rc = CDR_ENOMEM;
		goto done;
	}
	for (size_t i = 0; i < row.n; i++) {
		if (((*header_out)[i] = cdr_strdup(row.fields[i])) == NULL) {
			rc = CDR_ENOMEM;
			goto done;
		}
		(*nheader)++;
	}
	while ((rc = cdr_csv_next(&csv, &row)) > 0) {
		if (row.n == 1 && *row.fields[0] == '\0')
			continue;
		if (row.n != g->cols) {
			rc = cdr_error_set(CDR_EFORMAT, "%s:%zu: %zu cells, but the header has %zu (a ragged table)",
					   path, csv.line, row.n, g->cols);
			goto done;
		}
		if (cdr_grow((void **)&g->cells, &cap, (g->rows + 1) * g->cols, sizeof(char *)) < 0 ||
		    cdr_grow((void **)&g->lines, &lcap, g->rows + 1, sizeof(size_t)) < 0) {
			rc = CDR_ENOMEM;
			goto done;
		}
		for (size_t i = 0; i < g->cols; i++) {
			/* trim spaces: spreadsheets pad */
			char *f = row.fields[i], *e;
			while (*f == ' ')
				f++;
			if (*f) {
				e = f + strlen(f);
				while (e > f && e[-1] == ' ')
					*--e = '\0';
			}
			g->cells[g->rows * g->cols + i] = f;
		}
		g->lines[g->rows++] = csv.line;
	}
	if (rc < 0)
		rc = cdr_error_set(rc, "%s:%zu: %s", path, csv.line, cdr_error_last());
done:
	cdr_tsv_row_free(&row);
	return rc < 0 ? rc : 0;
}

static int parse_number(const char *s, double *out)
{
	char *end;
	const char *d = s + (*s == '-');

	/* the common case, a small whole number, without strtod */
	if (*d >= '0' && *d <= '9') {
		long long v = 0;
		int n = 0;
		while (*d >= '0' && *d <= '9' && n < 15)
			v = v * 10 + (*d++ - '0'), n++;
		if (*d == '\0') {
			*out = (double)(*s == '-' ? -v : v);
			return 0;
		}
	}

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

int cdr_rdata_read(cdr_rdata **out, char ***names, size_t *nnames, const char *path,
		   cdr_table_layout layout, cdr_level level)
{
	struct grid g;
	char **header = NULL, **labels = NULL;
	size_t nheader = 0, nlabels = 0, lcap = 0, first, units, coders;
	cdr_rdata *d = NULL;
	int rc;

	*out = NULL;
	*names = NULL;
	*nnames = 0;
	if ((rc = read_grid(&g, &header, &nheader, path)) < 0)
		goto done;
	first = nheader > 0 && (strcasecmp(header[0], "unit") == 0 || strcasecmp(header[0], "coder") == 0 ||
				strcasecmp(header[0], "units") == 0 || header[0][0] == '\0');
	if (layout == CDR_LAYOUT_CODERS_BY_UNITS) {
		units = nheader - first;
		coders = g.rows;
	} else {
		units = g.rows;
		coders = nheader - first;
	}
	if (layout == CDR_LAYOUT_COUNTS) {
		/* a unit with counts n_k becomes a unit with sum n_k values */
		size_t most = 0;
		double *cat = cdr_calloc(coders ? coders : 1, sizeof(double));
		if (cat == NULL) {
			rc = CDR_ENOMEM;
			goto done;
		}
		for (size_t k = 0; k < coders; k++)
			if (parse_number(header[first + k], &cat[k]) < 0)
				cat[k] = (double)k; /* category names: their order */
		for (size_t u = 0; u < units && rc == 0; u++) {
			size_t m = 0;
			for (size_t k = 0; k < coders; k++) {
				const char *cell = g.cells[u * g.cols + first + k];
				double x = 0;
				if (*cell && (parse_number(cell, &x) < 0 || x < 0 || x != floor(x))) {
					rc = cdr_error_set(CDR_EFORMAT, "%s:%zu: column %zu: '%s' is not a count", path,
							   g.lines[u], first + k + 1, cell);
					break;
				}
				/* bounded before adding: no sum can wrap, no cast overflow */
				if (x > (double)COUNTS_MAX) {
					rc = cdr_error_set(CDR_ELIMIT, "%s:%zu: column %zu: the count %s is more than %zu, "
							   "the most values a unit can have", path, g.lines[u], first + k + 1,
							   cell, (size_t)COUNTS_MAX);
					break;
				}
				if (x > (double)(COUNTS_MAX - m)) {
					rc = cdr_error_set(CDR_ELIMIT, "%s:%zu: column %zu: the counts of this unit add up "
							   "to more than %zu, the most values a unit can have", path,
							   g.lines[u], first + k + 1, (size_t)COUNTS_MAX);
					break;
				}
				m += (size_t)x;
			}
			if (m > most)
				most = m;
		}
		if (rc == 0 && most > 0 && units > COUNTS_CELLS_MAX / most)
			rc = cdr_error_set(CDR_ELIMIT, "%s: %zu units of up to %zu values are more than the limit of %zu "
					   "values in all", path, units, most, (size_t)COUNTS_CELLS_MAX);
		if (rc == 0 && (rc = cdr_rdata_new(&d, units, most)) == 0) {
			for (size_t u = 0; u < units && rc == 0; u++) {
				size_t j = 0;
				for (size_t k = 0; k < coders && rc == 0; k++) {
					double x = 0;
					const char *cell = g.cells[u * g.cols + first + k];
					if (*cell)
						parse_number(cell, &x);
					for (size_t r = 0; r < (size_t)x && rc == 0; r++)
						rc = cdr_rdata_set(d, u, j++, cat[k]);
				}
			}
		}
		free(cat);
		if (rc < 0)
			goto done;
	} else {
		if ((rc = cdr_rdata_new(&d, units, coders)) < 0)
			goto done;
		for (size_t r = 0; r < g.rows && rc == 0; r++) {
			for (size_t k = first; k < g.cols && rc == 0; k++) {
				const char *cell = g.cells[r * g.cols + k];
				size_t u = layout == CDR_LAYOUT_CODERS_BY_UNITS ? k - first : r;
				size_t c = layout == CDR_LAYOUT_CODERS_BY_UNITS ? r : k - first;
				double x;
				if (*cell == '\0' || strcmp(cell, "NA") == 0 || strcmp(cell, "*") == 0 || strcmp(cell, ".") == 0)
					continue;
				if (parse_number(cell, &x) < 0) {
					if (level != CDR_LEVEL_NOMINAL) {
						rc = cdr_error_set(CDR_EFORMAT,
								   "%s:%zu: column %zu: '%s' is not a number (needed at the %s level)",
								   path, g.lines[r], k + 1, cell, cdr_level_name(level));
						break;
					}
					/* a text category: its index among the texts seen, far from numbers */
					{
						size_t i;
						for (i = 0; i < nlabels && strcmp(labels[i], cell) != 0; i++)
							;
						if (i == nlabels) {
							if (cdr_grow((void **)&labels, &lcap, nlabels + 1, sizeof(char *)) < 0 ||
							    (labels[nlabels] = cdr_strdup(cell)) == NULL) {
								rc = CDR_ENOMEM;
								break;
							}
							nlabels++;
						}
						x = 1e15 + (double)i;
					}
				}
				rc = cdr_rdata_set(d, u, c, x);
			}
		}
		if (rc < 0)
			goto done;
	}
	/* names: coders (or categories, for counts) */
	if (layout == CDR_LAYOUT_CODERS_BY_UNITS) {
		if ((*names = cdr_calloc(g.rows ? g.rows : 1, sizeof(char *))) == NULL) {
			rc = CDR_ENOMEM;
			goto done;
		}
		for (size_t r = 0; r < g.rows; r++) {
			char label[32];
			snprintf(label, sizeof(label), "coder %zu", r + 1);
			if (((*names)[r] = cdr_strdup(first ? g.cells[r * g.cols] : label)) == NULL) {
				rc = CDR_ENOMEM;
				goto done;
			}
			(*nnames)++;
		}
	} else {
		if ((*names = cdr_calloc(nheader ? nheader : 1, sizeof(char *))) == NULL) {
			rc = CDR_ENOMEM;
			goto done;
		}
		for (size_t k = first; k < nheader; k++) {
			if (((*names)[*nnames] = cdr_strdup(header[k])) == NULL) {
				rc = CDR_ENOMEM;
				goto done;
			}
			(*nnames)++;
		}
	}
	*out = d;
	d = NULL;
done:
	if (rc < 0 && *names) {
		for (size_t i = 0; i < *nnames; i++)
			free((*names)[i]);
		free(*names);
		*names = NULL;
		*nnames = 0;
	}
	for (size_t i = 0; header && i < nheader; i++)
		free(header[i]);
	free(header);
	for (size_t i = 0; i < nlabels; i++)
		free(labels[i]);
	free(labels);
	grid_free(&g);
	cdr_rdata_free(d);
	return rc;
}
