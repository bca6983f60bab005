/* matrix.h -- code-by-case (and by document, speaker or attribute)
 * matrices, their totals and chi-square, and code co-occurrence: the
 * tables a thesis is made of. */
#ifndef CODEER_MATRIX_H
#define CODEER_MATRIX_H

#include <stddef.h>

#include "codeer/project.h"
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
 * c-coefficient, between 0 and 1. `coder` is one coder, NULL every coder.
 */
int cdr_cooccur(cdr_matrix **out, cdr_project *p, const cdr_schemes *set, const char *coder,
		const char *const *codes, size_t ncodes, cdr_within within, int jaccard);
/** The same over the codings of `coders` added up (NULL or none: every coder). */
int cdr_cooccur_coders(cdr_matrix **out, cdr_project *p, const cdr_schemes *set, const char *const *coders,
		       size_t ncoders, const char *const *codes, size_t ncodes, cdr_within within, int jaccard);

#endif
