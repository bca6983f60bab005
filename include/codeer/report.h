/* report.h -- the whole project in one HTML page: the corpus, code
 * frequencies, the code-by-case heatmap, co-occurrence, agreement between
 * coders, the quotes per code and the transcripts they come from.
 *
 * The page is self-contained (inline CSS and SVG, no fonts, images or
 * scripts from elsewhere), works without JavaScript, and prints: closed
 * sections open on paper, and every coloured cell carries its number. */
#ifndef CODEER_REPORT_H
#define CODEER_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "codeer/agreement.h"
#include "codeer/crosssection.h"
#include "codeer/matrix.h"
#include "codeer/project.h"
#include "codeer/scheme.h"

typedef struct cdr_report_options {
	const char *title;            /* NULL: the project's name */
	const char *coder;            /* whose codings the frequencies, heatmap, co-occurrence,
				       * cross-sections, quotes and transcripts count: a coder, or
				       * "all" (every coder's added up); NULL: cdr_coders_choose's
				       * default (the project's default coder, else the only coder
				       * with codings; several and no default is CDR_EAMBIGUOUS).
				       * Rejected codings never count. */
	const char *const *codes;     /* codes to report, in scheme order; "CODE+" adds its subtree;
				       * none: every code of the schemes */
	size_t ncodes;
	const char *const *coders;    /* agreement between these (two or more); none: the first two
				       * hand coders (every coder but "auto", the rules) in name
				       * order; with fewer than two, the section says so */
	size_t ncoders;
	cdr_within within;            /* the unit of co-occurrence (default: overlapping segments) */
	cdr_unit_kind unit;           /* the unit of agreement (default: turn) */
	const char *const *layouts;   /* cross-section layout files (crosssection.h): with one or
				       * more, a "Cross-section" section with a table per layout */
	size_t nlayouts;
	cdr_cs_cell layout_cell;      /* what the cross-section cells hold besides the code ids:
				       * CDR_CS_CODES (only the ids), CDR_CS_QUOTES or CDR_CS_MEMOS */
	int no_transcripts;           /* leave the transcripts out (large projects): links to
				       * documents and turns become plain references */
	int heatmap;                  /* the code-by-case heatmap: 0 a picture up to 20,000 cells
				       * and a table above, 1 always a table, 2 always a picture */
	long max_quotes;              /* at most this many quotes per code, the first in document
				       * order, and a line saying how many more and how to list
				       * them; negative: every quote */
} cdr_report_options;

/**
 * Write the report as one HTML5 document to `out`; the page says whose
 * codings it counted. Errors, all before anything is written:
 * CDR_ENOTFOUND for an unknown code or coder (also one named in o->coders;
 * when the coders are not named, a comparison that cannot be made is a
 * note in the report instead), CDR_EAMBIGUOUS when o->coder is NULL and
 * the project has several coders and no default coder (the message names
 * them), CDR_EUSAGE for a list of coders in o->coder, a layout's error as
 * cdr_crosssection gives it; CDR_EIO when `out` fails.
 */
int cdr_report_write(cdr_project *p, const cdr_schemes *set, const cdr_report_options *o, FILE *out);

#endif
