/* crosssection.h -- the "dwarsdoorsnede": one row per case, columns
 * defined by a layout file that maps each column to a set of codes, each
 * cell holding the codes present (and optionally their segments or the
 * coders' memos), like the appendix tables of an ATLAS-ti thesis.
 *
 * The layout is a TSV file with the header "column<TAB>subcolumn<TAB>codes";
 * codes are comma-separated: an id ("H1"), a range in scheme order
 * ("F1.1-F1.9"), a code with its subtree ("DK.MOT+"), or scheme/code. */
#ifndef CODEER_CROSSSECTION_H
#define CODEER_CROSSSECTION_H

#include <stddef.h>

#include "codeer/project.h"
#include "codeer/scheme.h"
#include "codeer/table.h"

typedef enum cdr_cs_cell { CDR_CS_CODES, CDR_CS_QUOTES, CDR_CS_MEMOS } cdr_cs_cell;

typedef struct cdr_cs_options {
	const char *layout;        /* path of the layout file */
	const char *group;         /* a case attribute to group and sort rows by, or NULL */
	const char *coder;         /* one coder; NULL: every coder (when ncoders is 0) */
	cdr_cs_cell cell;
	int all;                   /* keep cases without any coding in the layout */
	const char *subsep;        /* between column and subcolumn in a header; NULL: " / " */
	const char *const *coders; /* these coders' codings together (see cdr_coders_choose); */
	size_t ncoders;            /* when ncoders > 0 they replace `coder` */
} cdr_cs_options;

/**
 * Build the cross-section as a table (first columns: the group attribute
 * if any, then "case"). Errors name the layout file and line (a code that
 * no scheme has, a malformed row), or the unknown attribute.
 */
int cdr_crosssection(cdr_table **out, cdr_project *p, const cdr_schemes *set, const cdr_cs_options *o);

/** A layout read on its own (freq --layout counts per row): its rows in
 * file order, each with its column, subcolumn ("" when none) and codes,
 * each code once, in layout order. Errors as cdr_crosssection's. */
typedef struct cdr_cs_layout cdr_cs_layout;
int cdr_cs_layout_load(cdr_cs_layout **out, const cdr_schemes *set, const char *path);
void cdr_cs_layout_free(cdr_cs_layout *l);
size_t cdr_cs_layout_rows(const cdr_cs_layout *l);
const char *cdr_cs_layout_column(const cdr_cs_layout *l, size_t i);
const char *cdr_cs_layout_subcolumn(const cdr_cs_layout *l, size_t i);
const cdr_code *const *cdr_cs_layout_codes(const cdr_cs_layout *l, size_t i, size_t *n);

#endif
