/* matrix.h -- code-by-case (and by document, speaker or attribute)
 * matrices, their totals and chi-square, and code co-occurrence: the
 * tables a thesis is made of. */
#ifndef CODEER_MATRIX_H
#define CODEER_MATRIX_H

#include <stddef.h>
#include <stdio.h>

#include "codeer/coding.h"
#include "codeer/document.h"
#include "codeer/project.h"
#include "codeer/retrieve.h"
#include "codeer/scheme.h"

typedef enum cdr_rows { CDR_ROWS_CASE, CDR_ROWS_DOC, CDR_ROWS_SPEAKER, CDR_ROWS_ATTR } cdr_rows;
typedef enum cdr_cols { CDR_COLS_CODE, CDR_COLS_GROUP, CDR_COLS_SCHEME } cdr_cols;
typedef enum cdr_cell {
	CDR_CELL_COUNT,     /* codings */
	CDR_CELL_PRESENCE,  /* 1 when there is a coding, else 0 */
	CDR_CELL_DOCS,      /* documents with a coding */
	CDR_CELL_WORDS,     /* words coded, each word once per cell however many codings cover it */
	CDR_CELL_SHARE,     /* those words as a percentage of the row's words */
	CDR_CELL_QUOTES     /* the coded text itself */
} cdr_cell;

typedef struct cdr_matrix_options {
	cdr_rows rows;
	const char *attr;            /* for CDR_ROWS_ATTR */
	cdr_cols cols;
	const char *const *codes;    /* columns to pick, in order; "CODE+" adds its subtree to it */
	size_t ncodes;
	cdr_cell cell;
	const char *coder;           /* one coder; NULL: every coder's codings (when ncoders is 0) */
	int all;                     /* keep rows and columns without codings */
	const char *const *coders;   /* these coders' codings, added up (see cdr_coders_choose); */
	size_t ncoders;              /* when ncoders > 0 they replace `coder` */
	const cdr_filter *filter;    /* only these documents, cases and speakers (NULL: all); rows
					of documents the filter leaves out are not made, and a share
					is of the words the filter keeps */
} cdr_matrix_options;

int cdr_rows_parse(cdr_matrix_options *o, const char *spec);
int cdr_cols_parse(cdr_cols *out, const char *name);
int cdr_cell_parse(cdr_cell *out, const char *name);

typedef struct cdr_matrix cdr_matrix;

/**
 * Build a matrix. Errors: CDR_ENOTFOUND for an unknown attribute, code or
 * coder. A case without the attribute asked for gets the row "(missing)".
 */
int cdr_matrix_build(cdr_matrix **out, cdr_project *p, const cdr_schemes *set, const cdr_matrix_options *o);
void cdr_matrix_free(cdr_matrix *m);

size_t cdr_matrix_rows(const cdr_matrix *m);
size_t cdr_matrix_cols(const cdr_matrix *m);
const char *cdr_matrix_row_label(const cdr_matrix *m, size_t i);
const char *cdr_matrix_col_label(const cdr_matrix *m, size_t j);
double cdr_matrix_value(const cdr_matrix *m, size_t i, size_t j);
/**
 * Totals: sums for counts and presence, distinct documents for docs; for
 * words and shares the words coded with any code of the row (column, or
 * matrix), each word once, so a total is no sum of its cells when codes
 * overlap.
 */
double cdr_matrix_row_total(const cdr_matrix *m, size_t i);
double cdr_matrix_col_total(const cdr_matrix *m, size_t j);
double cdr_matrix_total(const cdr_matrix *m);
/** The coded texts of a cell (CDR_CELL_QUOTES), separated by " | ". */
const char *cdr_matrix_quotes(const cdr_matrix *m, size_t i, size_t j);
/** How many codings went into the matrix. */
size_t cdr_matrix_codings(const cdr_matrix *m);

/**
 * The words of the text that `spans` cover, each word once: spans that
 * overlap or touch are joined first, so a word is neither counted twice
 * nor cut in two (words and shares count so; freq's words too). Sorts
 * `spans` by start; they must lie within the document.
 */
int cdr_span_union_words(size_t *words, const cdr_document *doc, cdr_span *spans, size_t n);

/*
 * The parts of the builder that analyses filling a matrix in their own
 * way (co-occurrence) share with it.
 */

/**
 * The columns of a matrix: with `codes`, those codes in order (code
 * columns only: "CODE+" takes its subtree into the code's column, a code
 * named twice counts where named last); else every code of the schemes in
 * a column of its own, of its top-level code or of its scheme. Errors:
 * CDR_ENOTFOUND for an unknown code, CDR_EUSAGE for codes with group or
 * scheme columns. `set` must outlive the columns.
 */
typedef struct cdr_columns cdr_columns;
int cdr_columns_make(cdr_columns **out, const cdr_schemes *set, cdr_cols kind, const char *const *codes,
		     size_t ncodes);
void cdr_columns_free(cdr_columns *c);
size_t cdr_columns_count(const cdr_columns *c);
const char *cdr_columns_label(const cdr_columns *c, size_t j);
/** The column of a qualified code, or -1 when it falls in none. */
long cdr_columns_of(const cdr_columns *c, const char *code);

/**
 * The codings an analysis reads: one set per coder of `coders` (ncoders >
 * 0), else of every coder, in the project's order of coders; rejected
 * proposals are in them (the caller leaves them out). Errors:
 * CDR_ENOTFOUND for a coder the project does not have.
 */
int cdr_counted_load(cdr_codings ***out, size_t *n, const cdr_project *p, const char *const *coders,
		       size_t ncoders);
void cdr_counted_free(cdr_codings **sets, size_t n);

/**
 * The words of each row of `m` (made with options `o`) as a share is
 * divided by them, into rw[row], and of all rows the filter keeps into
 * *total: a document's words turn by turn, each turn for the row of the
 * case whose stretch holds it (or of its speaker, or its document).
 * Rows of `m` are found by label; `rw` has one slot per row, zeroed.
 */
int cdr_matrix_row_words(double *rw, double *total, cdr_project *p, const cdr_matrix_options *o,
			 const cdr_matrix *m);

/**
 * Partial matrices, for corpora split over projects or machines: the sums
 * a matrix is made of (codings, documents and coded words per row, column
 * and cell; the words of each row and of the whole), for every row and
 * column of the options' rows, columns, coders and filter, written to f
 * as a versioned TSV file (docs/matrix.md describes it). `cell` and `all`
 * of the options are not used: the merge chooses them.
 */
int cdr_matrix_partial_write(FILE *f, cdr_project *p, const cdr_schemes *set, const cdr_matrix_options *o);

/**
 * Add partial matrices up into the matrix of `cell` the whole corpus
 * gives: rows in the order the files bring them (attribute values and
 * speakers sorted), rows and columns without codings left out unless
 * `all` (picked code columns always kept). *corner receives the rows'
 * name ("case", "doc", "speaker" or the attribute; caller frees). Files
 * made with other rows or columns are refused; quotes do not add up.
 */
int cdr_matrix_merge(cdr_matrix **out, char **corner, const char *const *files, size_t n, cdr_cell cell, int all);

/** A count matrix from its parts (copied): labels, cells row by row, totals, codings counted. */
int cdr_matrix_from(cdr_matrix **out, const char *const *rows, size_t nr, const char *const *cols, size_t nc,
		    const double *cells, const double *row_totals, const double *col_totals, double total,
		    size_t codings);

/**
 * Pearson's chi-square test of independence on the cells (counts), with
 * Cramér's V: chi2 = sum (O - E)^2 / E, df = (r - 1)(c - 1),
 * p = Q(df/2, chi2/2), V = sqrt(chi2 / (n (min(r, c) - 1))). Rows and
 * columns that are all zero are left out.
 */
int cdr_matrix_chi2(const cdr_matrix *m, double *chi2, double *df, double *p, double *v);

typedef enum cdr_within { CDR_WITHIN_SEGMENT, CDR_WITHIN_SENTENCE, CDR_WITHIN_TURN, CDR_WITHIN_DOCUMENT } cdr_within;
int cdr_within_parse(cdr_within *out, const char *name);

/**
 * Co-occurrence: for each pair of codes, the number of units holding both,
 * and per code (the diagonal) the units holding it; a unit counts once for
 * a pair however many codings of the two codes touch it. A code touches a
 * unit when one of its codings shares at least one character with it.
 * Units: CDR_WITHIN_SENTENCE, _TURN and _DOCUMENT are the document's
 * sentences, turns and documents; CDR_WITHIN_SEGMENT units are coded
 * passages: the spans of all codings counted (every code, whatever
 * `codes` picks) joined where they overlap, each joined stretch one unit.
 * With `jaccard`, the cells are n12 / (n1 + n2 - n12), ATLAS.ti's
 * c-coefficient, between 0 and 1 (undefined, NAN, for two codes that
 * occur nowhere). The totals of a code are its units. `coder` is one
 * coder, NULL every coder. Errors as cdr_columns_make and cdr_counted_load.
 */
int cdr_cooccur(cdr_matrix **out, cdr_project *p, const cdr_schemes *set, const char *coder,
		const char *const *codes, size_t ncodes, cdr_within within, int jaccard);
/** The same over the codings of `coders` added up (NULL or none: every coder). */
int cdr_cooccur_coders(cdr_matrix **out, cdr_project *p, const cdr_schemes *set, const char *const *coders,
		       size_t ncoders, const char *const *codes, size_t ncodes, cdr_within within, int jaccard);
/** The same with only the codings a filter keeps (NULL: all); units are the documents' whole
 * sentences and turns, whichever codings of them the filter keeps. */
int cdr_cooccur_filtered(cdr_matrix **out, cdr_project *p, const cdr_schemes *set, const char *const *coders,
			 size_t ncoders, const char *const *codes, size_t ncodes, cdr_within within, int jaccard,
			 const cdr_filter *f);

#endif
