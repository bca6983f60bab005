/* partial.c -- partial matrices (matrix.h): the raw sums of one part of a
 * corpus, written as a versioned TSV file, and the merge that adds parts
 * up into the matrix the whole corpus gives.
 *
 * A matrix is a sum over documents: counts, documents (each document lies
 * in one part), words coded (joined per document) and all words of a row
 * add up across parts, and presence and shares are computed from the sums
 * afterwards. So a partial carries, for every row, column and cell, the
 * codings, the documents and the coded words, and for every row and the
 * whole its words; and every row and column, used or not, so that the
 * merge decides what is empty with the whole corpus in view. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* strverscmp: documents in the project's order */
#endif
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codeer/error.h"
#include "codeer/matrix.h"
#include "codeer/project.h"
#include "codeer/retrieve.h"
#include "util/alloc.h"
#include "util/strmap.h"
#include "util/tsv.h"

#define MAGIC "codeer-partial-matrix"
#define PARTIAL_VERSION 1

/* The three sums of a row, column, cell or the whole, and for rows and the
 * whole the words of their documents (shares). */
struct sums {
	double count, docs, words, all_words;
};

static int label_ok(const char *s)
{
	return strpbrk(s, "\t\n\r") == NULL;
}

int cdr_matrix_partial_write(FILE *f, cdr_project *p, const cdr_schemes *set, const cdr_matrix_options *opts)
{
	static const cdr_cell cells[3] = { CDR_CELL_COUNT, CDR_CELL_DOCS, CDR_CELL_WORDS };
	cdr_matrix_options o = *opts;
	cdr_matrix *m[3] = { NULL, NULL, NULL };
	double *rw = NULL, tw = 0;
	size_t nr, nc;
	int rc = 0;

	/* every row and column, so the merge sees what is empty overall */
	o.all = 1;
	for (int k = 0; k < 3 && rc == 0; k++) {
		o.cell = cells[k];
		rc = cdr_matrix_build(&m[k], p, set, &o);
	}
	if (rc < 0)
		goto done;
	nr = cdr_matrix_rows(m[0]);
	nc = cdr_matrix_cols(m[0]);
	for (int k = 1; k < 3; k++)
		if (cdr_matrix_rows(m[k]) != nr || cdr_matrix_cols(m[k]) != nc) {
			rc = cdr_error_set(CDR_EFORMAT, "the project changed while its partial matrix was made");
			goto done;
		}
	if ((rw = cdr_calloc(nr + 1, sizeof(double))) == NULL) {
		rc = CDR_ENOMEM;
		goto done;
	}
	if ((rc = cdr_matrix_row_words(rw, &tw, p, &o, m[0])) < 0)
		goto done;
	fprintf(f, "%s\t%d\n", MAGIC, PARTIAL_VERSION);
	if (o.rows == CDR_ROWS_ATTR)
		fprintf(f, "rows\tattr:%s\n", o.attr);
	else
		fprintf(f, "rows\t%s\n", o.rows == CDR_ROWS_CASE ? "case" : o.rows == CDR_ROWS_DOC ? "doc" : "speaker");
	fprintf(f, "cols\t%s\n", o.cols == CDR_COLS_CODE ? "code" : o.cols == CDR_COLS_GROUP ? "group" : "scheme");
	/* picked code columns are kept even when empty; attribute values and
	 * speakers are sorted as the builder sorts them, documents in the
	 * project's (natural) order; cases too, since no part knows where
	 * its cases stand in the other parts' tables */
	fprintf(f, "picked\t%d\n", o.ncodes && o.cols == CDR_COLS_CODE);
	fprintf(f, "order\t%s\n", o.rows == CDR_ROWS_ATTR || o.rows == CDR_ROWS_SPEAKER ? "sorted" : "natural");
	fputs("# col\tlabel\tcodings\tdocs\twords\n", f);
	for (size_t j = 0; j < nc; j++) {
		if (!label_ok(cdr_matrix_col_label(m[0], j))) {
			rc = cdr_error_set(CDR_EFORMAT, "column '%s' holds a tab or a line break", cdr_matrix_col_label(m[0], j));
			goto done;
		}
		fprintf(f, "col\t%s\t%.17g\t%.17g\t%.17g\n", cdr_matrix_col_label(m[0], j), cdr_matrix_col_total(m[0], j),
			cdr_matrix_col_total(m[1], j), cdr_matrix_col_total(m[2], j));
	}
	fputs("# row\tlabel\tcodings\tdocs\twords\tall words\n", f);
	for (size_t i = 0; i < nr; i++) {
		if (!label_ok(cdr_matrix_row_label(m[0], i))) {
			rc = cdr_error_set(CDR_EFORMAT, "row '%s' holds a tab or a line break", cdr_matrix_row_label(m[0], i));
			goto done;
		}
		fprintf(f, "row\t%s\t%.17g\t%.17g\t%.17g\t%.17g\n", cdr_matrix_row_label(m[0], i),
			cdr_matrix_row_total(m[0], i), cdr_matrix_row_total(m[1], i), cdr_matrix_row_total(m[2], i), rw[i]);
	}
	fputs("# cell\trow\tcol\tcodings\tdocs\twords (rows and columns numbered from 0; empty cells left out)\n", f);
	for (size_t i = 0; i < nr; i++)
		for (size_t j = 0; j < nc; j++)
			if (cdr_matrix_value(m[0], i, j) > 0)
				fprintf(f, "cell\t%zu\t%zu\t%.17g\t%.17g\t%.17g\n", i, j, cdr_matrix_value(m[0], i, j),
					cdr_matrix_value(m[1], i, j), cdr_matrix_value(m[2], i, j));
	fprintf(f, "total\t%.17g\t%.17g\t%.17g\t%.17g\n", cdr_matrix_total(m[0]), cdr_matrix_total(m[1]),
		cdr_matrix_total(m[2]), tw);
	if (ferror(f))
		rc = cdr_error_set(CDR_EIO, "cannot write the partial matrix");
done:
	for (int k = 0; k < 3; k++)
		cdr_matrix_free(m[k]);
	free(rw);
	return rc;
}

/* ---- merge ------------------------------------------------------------- */

struct merged {
	char rows[512], cols[32];
	int picked, sorted, have_header;
	char **rowl, **coll;
	size_t nr, nc, rcap, rscap, ccap;
	cdr_strmap rowmap;
	struct sums *r, *c, tot;
	struct sums *cell;          /* nr * nc, grown as rows come */
	size_t cellcap;
};

static int parse_num(const char *s, double *out)
{
	char *end;
	*out = strtod(s, &end);
	return end != s && *end == '\0' && *out >= 0;
}

static int add_row(struct merged *g, const char *label, size_t *out)
{
	if (cdr_strmap_get(&g->rowmap, label, out))
		return 0;
	if (cdr_grow((void **)&g->rowl, &g->rcap, g->nr + 1, sizeof(char *)) < 0 ||
	    cdr_grow((void **)&g->r, &g->rscap, g->nr + 1, sizeof(struct sums)) < 0)
		return CDR_ENOMEM;
	if ((g->rowl[g->nr] = cdr_strdup(label)) == NULL)
		return CDR_ENOMEM;
	memset(&g->r[g->nr], 0, sizeof(struct sums));
	*out = g->nr;
	/* the map keeps the key pointer: the copy's, not the line's */
	if (cdr_strmap_put(&g->rowmap, g->rowl[g->nr], g->nr) < 0) {
		free(g->rowl[g->nr]);
		return CDR_ENOMEM;
	}
	g->nr++;
	return 0;
}

static int read_partial(struct merged *g, const char *path)
{
	FILE *f = fopen(path, "r");
	char *line = NULL, *v[8];
	size_t cap = 0, lineno = 0, col = 0, *rowof = NULL, nrows = 0, rowcap = 0;
	struct sums *cells = NULL;
	size_t ncells = 0, cellcap = 0, *cell_rc = NULL, cellrc_cap = 0;
	int rc = 0, state = 0; /* 0 magic, 1 header, 2 body, 3 after total */

	if (f == NULL)
		return cdr_error_set(CDR_EIO, "%s: cannot read: %s", path, strerror(errno));
	while (rc == 0 && getline(&line, &cap, f) >= 0) {
		size_t n;
		double x[4] = { 0, 0, 0, 0 };
		lineno++;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		n = cdr_tsv_split_at_most(line, v, 8);
#define BAD(...) (rc = cdr_error_set(CDR_EFORMAT, __VA_ARGS__))
		if (state == 0) {
			if (n != 2 || strcmp(v[0], MAGIC) != 0)
				BAD("%s: not a partial matrix (made by 'codeer matrix --partial')", path);
			else if (atoi(v[1]) != PARTIAL_VERSION)
				BAD("%s: partial matrix version %s; this codeer reads version %d", path, v[1], PARTIAL_VERSION);
			state = 1;
			continue;
		}
		if (n == 2 && state == 1 && strcmp(v[0], "col") != 0) {
			char *dst = strcmp(v[0], "rows") == 0 ? g->rows : strcmp(v[0], "cols") == 0 ? g->cols : NULL;
			int num = strcmp(v[0], "picked") == 0 ? atoi(v[1]) :
				  strcmp(v[0], "order") != 0 ? -1 : strcmp(v[1], "sorted") == 0 ? 1 :
				  strcmp(v[1], "natural") == 0 ? 2 : strcmp(v[1], "given") == 0 ? 0 : -1;
			if (dst) {
				if (g->have_header && strcmp(dst, v[1]) != 0)
					BAD("%s: %s are '%s', where the partial matrices before have '%s'", path, v[0], v[1], dst);
				else if (strlen(v[1]) >= 32 && dst == g->cols)
					BAD("%s:%zu: unknown columns", path, lineno);
				else
					snprintf(dst, dst == g->rows ? sizeof(g->rows) : sizeof(g->cols), "%s", v[1]);
			} else if (num >= 0 && strcmp(v[0], "picked") == 0) {
				g->picked = num;
			} else if (num >= 0) {
				g->sorted = num;
			} else {
				BAD("%s:%zu: unknown line '%s'", path, lineno, v[0]);
			}
			continue;
		}
		state = state < 2 ? 2 : state;
		if (strcmp(v[0], "col") == 0 && n == 5) {
			if (!parse_num(v[2], &x[0]) || !parse_num(v[3], &x[1]) || !parse_num(v[4], &x[2]))
				BAD("%s:%zu: a column's sums are not numbers", path, lineno);
			else if (g->have_header && (col >= g->nc || strcmp(g->coll[col], v[1]) != 0))
				BAD("%s:%zu: column '%s' is not the column of the partial matrices before (%s): they were "
				    "made with other schemes or other columns", path, lineno, v[1],
				    col < g->nc ? g->coll[col] : "none");
			else if (!g->have_header) {
				if (cdr_grow((void **)&g->coll, &g->ccap, g->nc + 1, sizeof(char *)) < 0 ||
				    (g->coll[g->nc] = cdr_strdup(v[1])) == NULL ||
				    (g->c = realloc(g->c, (g->nc + 1) * sizeof(struct sums))) == NULL)
					rc = CDR_ENOMEM;
				else
					memset(&g->c[g->nc++], 0, sizeof(struct sums));
			}
			if (rc == 0) {
				g->c[col].count += x[0];
				g->c[col].docs += x[1];
				g->c[col].words += x[2];
				col++;
			}
		} else if (strcmp(v[0], "row") == 0 && n == 6) {
			size_t r = 0;
			if (!parse_num(v[2], &x[0]) || !parse_num(v[3], &x[1]) || !parse_num(v[4], &x[2]) ||
			    !parse_num(v[5], &x[3]))
				BAD("%s:%zu: a row's sums are not numbers", path, lineno);
			else if ((rc = add_row(g, v[1], &r)) == 0 &&
				 (rc = cdr_grow((void **)&rowof, &rowcap, nrows + 1, sizeof(size_t))) == 0) {
				rowof[nrows++] = r;
				g->r[r].count += x[0];
				g->r[r].docs += x[1];
				g->r[r].words += x[2];
				g->r[r].all_words += x[3];
			}
		} else if (strcmp(v[0], "cell") == 0 && n == 6) {
			char *e1, *e2;
			unsigned long i = strtoul(v[1], &e1, 10), j = strtoul(v[2], &e2, 10);
			if (*e1 || *e2 || i >= nrows || j >= col || !parse_num(v[3], &x[0]) || !parse_num(v[4], &x[1]) ||
			    !parse_num(v[5], &x[2]))
				BAD("%s:%zu: a cell names no row and column of the file, or its sums are not numbers", path,
				    lineno);
			else if (cdr_grow((void **)&cells, &cellcap, ncells + 1, sizeof(*cells)) < 0 ||
				 cdr_grow((void **)&cell_rc, &cellrc_cap, 2 * ncells + 2, sizeof(size_t)) < 0)
				rc = CDR_ENOMEM;
			else {
				cells[ncells] = (struct sums){ x[0], x[1], x[2], 0 };
				cell_rc[2 * ncells] = rowof[i];
				cell_rc[2 * ncells + 1] = j;
				ncells++;
			}
		} else if (strcmp(v[0], "total") == 0 && n == 5 && state == 2) {
			if (!parse_num(v[1], &x[0]) || !parse_num(v[2], &x[1]) || !parse_num(v[3], &x[2]) ||
			    !parse_num(v[4], &x[3]))
				BAD("%s:%zu: the totals are not numbers", path, lineno);
			else {
				g->tot.count += x[0];
				g->tot.docs += x[1];
				g->tot.words += x[2];
				g->tot.all_words += x[3];
				state = 3;
			}
		} else {
			BAD("%s:%zu: unknown or incomplete line '%s'", path, lineno, v[0]);
		}
#undef BAD
	}
	if (rc == 0 && ferror(f))
		rc = cdr_error_set(CDR_EIO, "%s: cannot read", path);
	if (rc == 0 && state != 3)
		rc = cdr_error_set(CDR_EFORMAT, "%s: incomplete partial matrix (no totals line at the end)", path);
	if (rc == 0 && g->have_header && col != g->nc)
		rc = cdr_error_set(CDR_EFORMAT, "%s: %zu columns, where the partial matrices before have %zu: they "
						"were made with other schemes or other columns", path, col, g->nc);
	/* the cells into the grid, now that every row is known */
	if (rc == 0 && g->nr * g->nc > g->cellcap) {
		struct sums *nv = cdr_calloc(g->nr * g->nc + 1, sizeof(*nv));
		if (nv == NULL)
			rc = CDR_ENOMEM;
		else {
			/* the rows before keep their place: row-major, the same width */
			if (g->cell)
				memcpy(nv, g->cell, g->cellcap * sizeof(*nv));
			free(g->cell);
			g->cell = nv;
			g->cellcap = g->nr * g->nc;
		}
	}
	for (size_t k = 0; k < ncells && rc == 0; k++) {
		struct sums *s = &g->cell[cell_rc[2 * k] * g->nc + cell_rc[2 * k + 1]];
		s->count += cells[k].count;
		s->docs += cells[k].docs;
		s->words += cells[k].words;
	}
	g->have_header = 1;
	free(line);
	free(rowof);
	free(cells);
	free(cell_rc);
	fclose(f);
	return rc;
}

static int cmp_natural(const void *a, const void *b)
{
	return strverscmp(*(char *const *)a, *(char *const *)b);
}

static int cmp_label(const void *a, const void *b)
{
	const char *x = *(char *const *)a, *y = *(char *const *)b;
	/* "(missing)" and "(no speaker)" sort last, as in the builder */
	if ((*x == '(') != (*y == '('))
		return *x == '(' ? 1 : -1;
	return strcmp(x, y);
}

int cdr_matrix_merge(cdr_matrix **out, char **corner, const char *const *files, size_t n, cdr_cell cell, int all)
{
	struct merged g;
	size_t *order = NULL, *keepc = NULL, nr = 0, nc = 0;
	double *v = NULL, *rt = NULL, *ct = NULL, tot = 0;
	const char **rl = NULL, **cl = NULL;
	int rc = 0;

	*out = NULL;
	*corner = NULL;
	memset(&g, 0, sizeof(g));
	if (cell == CDR_CELL_QUOTES)
		return cdr_error_set(CDR_EUSAGE, "quotes do not add up: a partial matrix holds sums only");
	for (size_t k = 0; k < n && rc == 0; k++)
		rc = read_partial(&g, files[k]);
	if (rc < 0)
		goto done;
	if ((order = cdr_calloc(g.nr + 1, sizeof(size_t))) == NULL || (keepc = cdr_calloc(g.nc + 1, sizeof(size_t))) == NULL ||
	    (rl = cdr_calloc(g.nr + 1, sizeof(char *))) == NULL || (cl = cdr_calloc(g.nc + 1, sizeof(char *))) == NULL ||
	    (v = cdr_calloc(g.nr * g.nc + 1, sizeof(double))) == NULL || (rt = cdr_calloc(g.nr + 1, sizeof(double))) == NULL ||
	    (ct = cdr_calloc(g.nc + 1, sizeof(double))) == NULL) {
		rc = CDR_ENOMEM;
		goto done;
	}
	/* rows: documents and cases in natural order, attribute values and
	 * speakers sorted as the builder sorts them */
	for (size_t i = 0; i < g.nr; i++)
		rl[i] = g.rowl[i];
	if (g.sorted)
		qsort(rl, g.nr, sizeof(char *), g.sorted == 2 ? cmp_natural : cmp_label);
	for (size_t i = 0; i < g.nr; i++)
		cdr_strmap_get(&g.rowmap, rl[i], &order[i]);
	for (size_t j = 0; j < g.nc; j++)
		if (all || g.picked || g.c[j].count > 0) {
			cl[nc] = g.coll[j];
			keepc[nc++] = j;
		}
	for (size_t k = 0; k < g.nr; k++) {
		size_t i = order[k];
		const struct sums *r = &g.r[i];
		double base = r->all_words > 0 ? r->all_words : 1;
		if (!(all || r->count > 0))
			continue;
		rl[nr] = g.rowl[i];
		for (size_t jj = 0; jj < nc; jj++) {
			const struct sums *s = &g.cell[i * g.nc + keepc[jj]];
			double x = cell == CDR_CELL_COUNT ? s->count : cell == CDR_CELL_PRESENCE ? s->count > 0 :
				   cell == CDR_CELL_DOCS ? s->docs : s->words;
			if (cell == CDR_CELL_SHARE)
				x = 100.0 * x / base;
			v[nr * nc + jj] = x;
		}
		rt[nr] = cell == CDR_CELL_DOCS ? r->docs : cell == CDR_CELL_WORDS ? r->words :
			 cell == CDR_CELL_SHARE ? 100.0 * r->words / base : 0;
		nr++;
	}
	if (cell == CDR_CELL_COUNT || cell == CDR_CELL_PRESENCE) {
		/* sums of the cells, as the builder makes them */
		for (size_t i = 0; i < nr; i++)
			for (size_t j = 0; j < nc; j++) {
				rt[i] += v[i * nc + j];
				ct[j] += v[i * nc + j];
				tot += v[i * nc + j];
			}
	} else {
		double col_base = g.tot.all_words > 0 ? g.tot.all_words : 1;
		for (size_t jj = 0; jj < nc; jj++) {
			const struct sums *c = &g.c[keepc[jj]];
			ct[jj] = cell == CDR_CELL_DOCS ? c->docs : cell == CDR_CELL_WORDS ? c->words : 100.0 * c->words / col_base;
		}
		tot = cell == CDR_CELL_DOCS ? g.tot.docs : cell == CDR_CELL_WORDS ? g.tot.words :
		      100.0 * g.tot.words / col_base;
	}
	if ((rc = cdr_matrix_from(out, rl, nr, cl, nc, v, rt, ct, tot, (size_t)g.tot.count)) < 0)
		goto done;
	if ((*corner = cdr_strdup(strncmp(g.rows, "attr:", 5) == 0 ? g.rows + 5 : g.rows)) == NULL) {
		cdr_matrix_free(*out);
		*out = NULL;
		rc = CDR_ENOMEM;
	}
done:
	for (size_t i = 0; i < g.nr; i++)
		free(g.rowl[i]);
	for (size_t j = 0; j < g.nc; j++)
		free(g.coll[j]);
	free(g.rowl);
	free(g.coll);
	free(g.r);
	free(g.c);
	free(g.cell);
	cdr_strmap_clear(&g.rowmap);
	free(order);
	free(keepc);
	free(rl);
	free(cl);
	free(v);
	free(rt);
	free(ct);
	return rc;
}
