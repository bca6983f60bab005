/* partial-stream.c -- a partial matrix from the output of `codeer
 * autocode --stream` (partial-stream.h), with no project: the same sums,
 * in the same versioned file, as `codeer matrix --partial` writes for a
 * project holding those documents and codings (partial.c; docs/matrix.md
 * describes the file).
 *
 * The stream (version 2, docs/autocode.md) brings each document's line
 * (id, case, attributes, words, words per speaker) before its codings,
 * and each coding its speaker and its place on the document's words, so
 * the documents are summed one at a time: codings per cell, documents
 * once per cell, row, column and in all, and coded words from the union
 * of the spans per cell, row, column and in all, as the matrix builder
 * joins them (overlapping or touching spans joined; the words of a joined
 * run are its largest word end less its smallest word start among the
 * spans that hold a word). Memory: the rows and the cells used, and one
 * document's codings. */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codeer/error.h"
#include "codeer/partial-stream.h"
#include "util/alloc.h"
#include "util/array.h"
#include "util/strmap.h"

/* the file partial.c writes and merges */
#define MAGIC "codeer-partial-matrix"
#define PARTIAL_VERSION 1
#define STREAM_VERSION 2

struct sums {
	double count, docs, words, all_words;
};

/* A coding of the current document that falls in a column and a row. */
struct span {
	size_t start, end, from, to; /* code points; words [from, to) */
	size_t row, col;
};

/* A cell used: its row and column, its sums. */
struct cell {
	size_t row, col;
	struct sums s;
};

struct ps {
	const cdr_matrix_options *o;
	const char *name;
	size_t line;
	cdr_columns *cols;
	size_t nc;
	struct sums *c, tot;
	/* rows, in the order they come */
	char **rowl;
	struct sums *r;
	size_t nr, rcap, rscap;
	cdr_strmap rowmap;
	/* cells used: an open-addressing table of row * nc + col + 1 */
	struct cell *cells;
	size_t ncells, cellcap, *slot, nslots;
	/* the current document */
	char *doc;
	long docrow;          /* its row, for rows other than speakers */
	struct span *v;
	size_t nv, vcap;
};

#define BAD(ps, ...) cdr_error_set(CDR_EFORMAT, __VA_ARGS__)

/* The row of a label, made when new. */
static int row_of(struct ps *ps, const char *label, size_t *out)
{
	if (cdr_strmap_get(&ps->rowmap, label, out))
		return 0;
	if (strpbrk(label, "\t\n\r") != NULL)
		return cdr_error_set(CDR_EFORMAT, "%s:%zu: row '%s' holds a tab or a line break", ps->name, ps->line,
				     label);
	if (cdr_grow((void **)&ps->rowl, &ps->rcap, ps->nr + 1, sizeof(char *)) < 0 ||
	    cdr_grow((void **)&ps->r, &ps->rscap, ps->nr + 1, sizeof(struct sums)) < 0 ||
	    (ps->rowl[ps->nr] = cdr_strdup(label)) == NULL)
		return CDR_ENOMEM;
	memset(&ps->r[ps->nr], 0, sizeof(struct sums));
	if (cdr_strmap_put(&ps->rowmap, ps->rowl[ps->nr], ps->nr) < 0) {
		free(ps->rowl[ps->nr]);
		return CDR_ENOMEM;
	}
	*out = ps->nr++;
	return 0;
}

static size_t hash_key(size_t key)
{
	key ^= key >> 33;
	key *= 0xff51afd7ed558ccdULL;
	key ^= key >> 33;
	return key;
}

/* The sums of cell (row, col), made when new. */
static struct sums *cell_of(struct ps *ps, size_t row, size_t col)
{
	size_t key = row * ps->nc + col + 1, i;

	if (2 * (ps->ncells + 1) > ps->nslots) {
		size_t n = ps->nslots ? 2 * ps->nslots : 64, *slot = cdr_calloc(n, sizeof(size_t));
		if (slot == NULL)
			return NULL;
		/* slots hold a cell's index + 1; 0 is free */
		for (size_t k = 0; k < ps->ncells; k++) {
			size_t kk = ps->cells[k].row * ps->nc + ps->cells[k].col + 1;
			for (i = hash_key(kk) & (n - 1); slot[i]; i = (i + 1) & (n - 1))
				;
			slot[i] = k + 1;
		}
		free(ps->slot);
		ps->slot = slot;
		ps->nslots = n;
	}
	for (i = hash_key(key) & (ps->nslots - 1); ps->slot[i]; i = (i + 1) & (ps->nslots - 1)) {
		struct cell *c = &ps->cells[ps->slot[i] - 1];
		if (c->row == row && c->col == col)
			return &c->s;
	}
	if (cdr_grow((void **)&ps->cells, &ps->cellcap, ps->ncells + 1, sizeof(struct cell)) < 0)
		return NULL;
	ps->cells[ps->ncells] = (struct cell){ row, col, { 0, 0, 0, 0 } };
	ps->slot[i] = ++ps->ncells;
	return &ps->cells[ps->ncells - 1].s;
}

/* ---- one document's codings into the sums ---------------------------- */

static int cmp_start(const void *a, const void *b)
{
	const struct span *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

static int cmp_cell(const void *a, const void *b)
{
	const struct span *x = a, *y = b;
	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return cmp_start(a, b);
}

static int cmp_row(const void *a, const void *b)
{
	const struct span *x = a, *y = b;
	return x->row != y->row ? (x->row < y->row ? -1 : 1) : cmp_start(a, b);
}

static int cmp_col(const void *a, const void *b)
{
	const struct span *x = a, *y = b;
	return x->col != y->col ? (x->col < y->col ? -1 : 1) : cmp_start(a, b);
}

/* The words of spans sorted by start, each word once: runs that overlap
 * or touch are joined, and a run's words are its largest word end less
 * the smallest word start of its spans that hold a word. */
static double union_words(const struct span *v, size_t n)
{
	double words = 0;

	for (size_t i = 0; i < n;) {
		size_t end = v[i].end, to = 0, from = (size_t)-1;
		for (size_t j = i; i < n && (i == j || v[i].start <= end); i++) {
			if (v[i].end > end)
				end = v[i].end;
			if (v[i].to > v[i].from) {
				if (v[i].from < from)
					from = v[i].from;
				if (v[i].to > to)
					to = v[i].to;
			}
		}
		if (from != (size_t)-1)
			words += (double)(to - from);
	}
	return words;
}

static int sum_doc(struct ps *ps, struct span *v, size_t n);

/* The current document's codings into the sums. */
static int flush_doc(struct ps *ps)
{
	int rc = sum_doc(ps, ps->v, ps->nv);

	ps->nv = 0;
	free(ps->doc);
	ps->doc = NULL;
	return rc;
}

/* Sorted by cell, row, column and start alone, each group of spans a
 * union; the document counted once per group. */
static int sum_doc(struct ps *ps, struct span *v, size_t n)
{
	static int (*const order[])(const void *, const void *) = { cmp_cell, cmp_row, cmp_col, cmp_start };

	for (int pass = 0; pass < 4; pass++) {
		cdr_sort(v, n, sizeof(*v), order[pass]);
		for (size_t i = 0, j; i < n; i = j) {
			struct sums *s;
			for (j = i + 1; j < n; j++)
				if ((pass == 0 && (v[j].row != v[i].row || v[j].col != v[i].col)) ||
				    (pass == 1 && v[j].row != v[i].row) || (pass == 2 && v[j].col != v[i].col))
					break;
			if (pass == 0 && (s = cell_of(ps, v[i].row, v[i].col)) == NULL)
				return CDR_ENOMEM;
			s = pass == 0 ? s : pass == 1 ? &ps->r[v[i].row] : pass == 2 ? &ps->c[v[i].col] : &ps->tot;
			s->count += (double)(j - i);
			s->docs += 1;
			s->words += union_words(v + i, j - i);
		}
	}
	return 0;
}

/* ---- the lines ------------------------------------------------------------ */

static int get_size(json_t *j, const char *key, size_t *out)
{
	json_t *v = json_object_get(j, key);
	if (!json_is_integer(v) || json_integer_value(v) < 0)
		return 0;
	*out = (size_t)json_integer_value(v);
	return 1;
}

static int header_line(struct ps *ps, json_t *j, const cdr_schemes *set)
{
	json_t *v = json_object_get(j, "version"), *schemes = json_object_get(j, "schemes"), *s;
	size_t i;

	if (!json_is_string(json_object_get(j, "codeer")) ||
	    strcmp(json_string_value(json_object_get(j, "codeer")), "autocode-stream") != 0)
		return BAD(ps, "%s: not the output of 'codeer autocode --stream' (no header line)", ps->name);
	if (!json_is_integer(v))
		return BAD(ps, "%s:%zu: the header has no \"version\" (a number)", ps->name, ps->line);
	if (json_integer_value(v) != STREAM_VERSION)
		return BAD(ps, "%s: autocode stream version %lld; this codeer reads version %d", ps->name,
			   (long long)json_integer_value(v), STREAM_VERSION);
	if (!json_is_array(schemes))
		return BAD(ps, "%s:%zu: the header names no schemes", ps->name, ps->line);
	/* the columns come from the scheme files: they must be the stream's */
	json_array_foreach(schemes, i, s) {
		if (!json_is_string(s) || cdr_schemes_find(set, json_string_value(s)) == NULL)
			return BAD(ps, "%s: coded with scheme '%s', which the scheme files given do not hold", ps->name,
				   json_is_string(s) ? json_string_value(s) : "?");
	}
	if (json_array_size(schemes) != cdr_schemes_count(set))
		return BAD(ps, "%s: coded with %zu schemes, where %zu scheme files are given", ps->name,
			   json_array_size(schemes), cdr_schemes_count(set));
	return 0;
}

static int document_line(struct ps *ps, json_t *j)
{
	json_t *id = json_object_get(j, "document"), *c = json_object_get(j, "case");
	json_t *attrs = json_object_get(j, "attributes"), *speakers = json_object_get(j, "speakers"), *v;
	const char *label, *key;
	size_t words, row;
	int rc;

	if (!json_is_string(id) || !*json_string_value(id) || (c && !json_is_null(c) && !json_is_string(c)) ||
	    (attrs && !json_is_object(attrs)) || !json_is_object(speakers) || !get_size(j, "words", &words))
		return BAD(ps, "%s:%zu: a document line needs \"document\", \"words\" and \"speakers\"", ps->name,
			   ps->line);
	if ((ps->doc = cdr_strdup(json_string_value(id))) == NULL)
		return CDR_ENOMEM;
	ps->tot.all_words += (double)words;
	ps->docrow = -1;
	if (ps->o->rows == CDR_ROWS_SPEAKER) {
		json_object_foreach(speakers, key, v) {
			if (!json_is_integer(v) || json_integer_value(v) < 0)
				return BAD(ps, "%s:%zu: a speaker's words are not a number", ps->name, ps->line);
			if ((rc = row_of(ps, *key ? key : "(no speaker)", &row)) < 0)
				return rc;
			ps->r[row].all_words += (double)json_integer_value(v);
		}
		return 0;
	}
	label = ps->doc;
	if (ps->o->rows == CDR_ROWS_CASE && json_is_string(c))
		label = json_string_value(c);
	else if (ps->o->rows == CDR_ROWS_ATTR) {
		v = json_object_get(attrs, ps->o->attr);
		label = json_is_string(v) && *json_string_value(v) ? json_string_value(v) : "(missing)";
	}
	if ((rc = row_of(ps, label, &row)) < 0)
		return rc;
	ps->r[row].all_words += (double)words;
	ps->docrow = (long)row;
	return 0;
}

static int coding_line(struct ps *ps, json_t *j)
{
	json_t *doc = json_object_get(j, "doc"), *code = json_object_get(j, "code");
	json_t *speaker = json_object_get(j, "speaker"), *w = json_object_get(j, "words");
	struct span sp;
	long col;
	size_t row;

	if (!json_is_string(doc) || !json_is_string(code) || !get_size(j, "start", &sp.start) ||
	    !get_size(j, "end", &sp.end) || sp.end < sp.start || !json_is_array(w) || json_array_size(w) != 2 ||
	    !json_is_integer(json_array_get(w, 0)) || !json_is_integer(json_array_get(w, 1)) ||
	    json_integer_value(json_array_get(w, 0)) < 0 ||
	    json_integer_value(json_array_get(w, 1)) < json_integer_value(json_array_get(w, 0)) ||
	    (speaker && !json_is_null(speaker) && !json_is_string(speaker)))
		return BAD(ps, "%s:%zu: a coding line needs \"doc\", \"start\", \"end\", \"code\" and \"words\"", ps->name,
			   ps->line);
	if (ps->doc == NULL || strcmp(ps->doc, json_string_value(doc)) != 0)
		return BAD(ps, "%s:%zu: a coding of '%s' that does not follow its document's line", ps->name, ps->line,
			   json_string_value(doc));
	sp.from = (size_t)json_integer_value(json_array_get(w, 0));
	sp.to = (size_t)json_integer_value(json_array_get(w, 1));
	if ((col = cdr_columns_of(ps->cols, json_string_value(code))) < 0)
		return 0; /* a code in no column */
	if (ps->o->rows == CDR_ROWS_SPEAKER) {
		const char *label = json_is_string(speaker) && *json_string_value(speaker) ? json_string_value(speaker)
											   : "(no speaker)";
		/* as in a project: a coding outside every turn counts in the
		 * row "(no speaker)", which speaker rows always have */
		if (!cdr_strmap_get(&ps->rowmap, label, &row))
			return 0;
	} else {
		row = (size_t)ps->docrow;
	}
	sp.row = row;
	sp.col = (size_t)col;
	if (cdr_grow((void **)&ps->v, &ps->vcap, ps->nv + 1, sizeof(*ps->v)) < 0)
		return CDR_ENOMEM;
	ps->v[ps->nv++] = sp;
	return 0;
}

/* ---- the file ---------------------------------------------------------- */

static int write_partial(FILE *f, struct ps *ps)
{
	const cdr_matrix_options *o = ps->o;

	fprintf(f, "%s\t%d\n", MAGIC, PARTIAL_VERSION);
	if (o->rows == CDR_ROWS_ATTR)
		fprintf(f, "rows\tattr:%s\n", o->attr);
	else
		fprintf(f, "rows\t%s\n", o->rows == CDR_ROWS_CASE ? "case" : o->rows == CDR_ROWS_DOC ? "doc" : "speaker");
	fprintf(f, "cols\t%s\n", o->cols == CDR_COLS_CODE ? "code" : o->cols == CDR_COLS_GROUP ? "group" : "scheme");
	fprintf(f, "picked\t%d\n", o->ncodes && o->cols == CDR_COLS_CODE);
	fprintf(f, "order\t%s\n", o->rows == CDR_ROWS_ATTR || o->rows == CDR_ROWS_SPEAKER ? "sorted" : "natural");
	fputs("# col\tlabel\tcodings\tdocs\twords\n", f);
	for (size_t j = 0; j < ps->nc; j++) {
		if (strpbrk(cdr_columns_label(ps->cols, j), "\t\n\r") != NULL)
			return cdr_error_set(CDR_EFORMAT, "column '%s' holds a tab or a line break",
					     cdr_columns_label(ps->cols, j));
		fprintf(f, "col\t%s\t%.17g\t%.17g\t%.17g\n", cdr_columns_label(ps->cols, j), ps->c[j].count, ps->c[j].docs,
			ps->c[j].words);
	}
	fputs("# row\tlabel\tcodings\tdocs\twords\tall words\n", f);
	for (size_t i = 0; i < ps->nr; i++)
		fprintf(f, "row\t%s\t%.17g\t%.17g\t%.17g\t%.17g\n", ps->rowl[i], ps->r[i].count, ps->r[i].docs,
			ps->r[i].words, ps->r[i].all_words);
	fputs("# cell\trow\tcol\tcodings\tdocs\twords (rows and columns numbered from 0; empty cells left out)\n", f);
	for (size_t k = 0; k < ps->ncells; k++)
		fprintf(f, "cell\t%zu\t%zu\t%.17g\t%.17g\t%.17g\n", ps->cells[k].row, ps->cells[k].col,
			ps->cells[k].s.count, ps->cells[k].s.docs, ps->cells[k].s.words);
	fprintf(f, "total\t%.17g\t%.17g\t%.17g\t%.17g\n", ps->tot.count, ps->tot.docs, ps->tot.words,
		ps->tot.all_words);
	return ferror(f) ? cdr_error_set(CDR_EIO, "cannot write the partial matrix") : 0;
}

static int cmp_cells(const void *a, const void *b)
{
	const struct cell *x = a, *y = b;
	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	return x->col < y->col ? -1 : x->col > y->col;
}

int cdr_matrix_partial_stream(FILE *out, FILE *in, const char *name, const cdr_schemes *set,
			      const cdr_matrix_options *o)
{
	struct ps ps;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int rc = 0, header = 0;

	memset(&ps, 0, sizeof(ps));
	ps.o = o;
	ps.name = name;
	if ((rc = cdr_columns_make(&ps.cols, set, o->cols, o->codes, o->ncodes)) < 0)
		return rc;
	ps.nc = cdr_columns_count(ps.cols);
	if ((ps.c = cdr_calloc(ps.nc + 1, sizeof(struct sums))) == NULL)
		rc = CDR_ENOMEM;
	/* as in a project: outside every turn is a row of its own */
	if (rc == 0 && o->rows == CDR_ROWS_SPEAKER) {
		size_t none;
		rc = row_of(&ps, "(no speaker)", &none);
	}
	while (rc == 0 && (n = getline(&line, &cap, in)) >= 0) {
		json_error_t err;
		json_t *j;
		ps.line++;
		if (strspn(line, " \t\r\n") == (size_t)n)
			continue;
		if ((j = json_loadb(line, (size_t)n, JSON_REJECT_DUPLICATES, &err)) == NULL || !json_is_object(j)) {
			rc = BAD(&ps, "%s:%zu: not a JSON object (%s)", name, ps.line, j ? "another value" : err.text);
		} else if (!header) {
			rc = header_line(&ps, j, set);
			header = 1;
		} else if (json_object_get(j, "document")) {
			if (ps.doc == NULL || (rc = flush_doc(&ps)) == 0)
				rc = document_line(&ps, j);
		} else {
			rc = coding_line(&ps, j);
		}
		json_decref(j);
	}
	if (rc == 0 && ferror(in))
		rc = cdr_error_set(CDR_EIO, "%s: cannot read: %s", name, strerror(errno));
	if (rc == 0 && !header)
		rc = BAD(&ps, "%s: empty: not the output of 'codeer autocode --stream'", name);
	if (rc == 0 && ps.doc)
		rc = flush_doc(&ps);
	if (rc == 0) {
		/* cells by row and column, as partial.c writes them */
		cdr_sort(ps.cells, ps.ncells, sizeof(*ps.cells), cmp_cells);
		/* as the builder: a matrix has a row */
		size_t none;
		if (ps.nr == 0 && row_of(&ps, "(missing)", &none) < 0)
			rc = CDR_ENOMEM;
	}
	if (rc == 0)
		rc = write_partial(out, &ps);
	free(line);
	cdr_columns_free(ps.cols);
	free(ps.c);
	for (size_t i = 0; i < ps.nr; i++)
		free(ps.rowl[i]);
	free(ps.rowl);
	free(ps.r);
	cdr_strmap_clear(&ps.rowmap);
	free(ps.cells);
	free(ps.slot);
	free(ps.doc);
	free(ps.v);
	return rc;
}
