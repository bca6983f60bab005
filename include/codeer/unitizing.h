/* unitizing.h -- agreement on where the units are: Krippendorff's alpha
 * for unitizing (|uα), comparing coders who each cut a continuum into
 * their own segments instead of coding units given to them.
 *
 * The data are one continuum [begin, begin + length) of positions (code
 * points, for a text) and, per coder, segments: a start, a length and a
 * category. For one category each coder's continuum falls into sections,
 * the coder's units of that category and the gaps between them, and
 *
 *   uα_c = 1 − uD_o,c / uD_e,c
 *
 *   uD_o,c = Σ_i Σ_j≠i Σ_g Σ_h δ²(ig, jh) / (m (m − 1) L²)
 *
 * over coders i, j (m of them), sections g of coder i and h of coder j,
 * L the length of the continuum. With b the start, e = b + l the end and
 * l the length of a section, δ² of two units that overlap is
 * (b_ig − b_jh)² + (e_ig − e_jh)²; of a unit and a gap that contains it,
 * the unit's l²; of anything else, 0. So coders who mark the same units
 * disagree by nothing, a shifted or stretched unit by the squares of how
 * far its ends moved, and a unit the other coder did not see by its
 * length squared.
 *
 *   uD_e,c = (2/L) Σ_i Σ_g w_ig [ (N_c − 1)(2l³ − 3l² + l)/3
 *                                + l² Σ_j Σ_h (1 − w_jh)[l_jh ≥ l](l_jh − l + 1) ]
 *            / ( mL (mL − 1) − Σ_i Σ_g w_ig l (l − 1) )
 *
 * with l = l_ig, w = 1 for a unit and 0 for a gap, and N_c the units of
 * category c of all coders: the disagreement expected when every unit
 * could have been put at any place the coders' units and gaps allow
 * (Krippendorff 2004). Over all categories (those with units),
 * uα = 1 − Σ_c uD_o,c / Σ_c uD_e,c.
 *
 * Sources: Krippendorff, K. (1995). On the reliability of unitizing
 * continuous data. Sociological Methodology, 25, 47–76. Krippendorff, K.
 * (2004). Content Analysis: An Introduction to Its Methodology (2nd ed.),
 * section 12.4, Sage. The formulas are those of DKPro Statistics
 * (KrippendorffAlphaUnitizingAgreement, formerly AlphaUnitizedAgreement),
 * whose test values the unit tests reproduce. Krippendorff, Mathet,
 * Bouvry and Widlöcher ("On the reliability of unitizing textual
 * continua: further developments", Quality & Quantity, 2016) revised
 * the coefficient because it behaves unexpectedly with more than two
 * coders; the 2004 form is the one computed here.
 *
 * A coder's units of one category may not overlap; units of different
 * categories may, and so may adjacent units (end of one = start of the
 * next: two units, not one). */
#ifndef CODEER_UNITIZING_H
#define CODEER_UNITIZING_H

#include <stddef.h>

#include "codeer/agree.h"
#include "codeer/project.h"

/** Unitizing data: coders' segments on one continuum. */
typedef struct cdr_udata cdr_udata;

/** A continuum [begin, begin + length) for `coders` coders, no segments yet. */
int cdr_udata_new(cdr_udata **out, size_t begin, size_t length, size_t coders);
void cdr_udata_free(cdr_udata *d);

/**
 * Coder `coder` (0-based) marks [start, start + length) as a unit of
 * `category` (copied). CDR_EUSAGE, with the reason, when the coder does
 * not exist, the length is 0, the segment leaves the continuum, or it
 * overlaps a unit of the same coder and category.
 */
int cdr_udata_add(cdr_udata *d, size_t coder, size_t start, size_t length, const char *category);

size_t cdr_udata_begin(const cdr_udata *d);
size_t cdr_udata_length(const cdr_udata *d);
size_t cdr_udata_coders(const cdr_udata *d);
/** The categories, in the order they were first used. */
size_t cdr_udata_category_count(const cdr_udata *d);
const char *cdr_udata_category(const cdr_udata *d, size_t i);
/** Units of a category (NULL: of every category), all coders together. */
size_t cdr_udata_units(const cdr_udata *d, const char *category);

/** Unitizing alpha with its parts. */
typedef struct cdr_ualpha {
	double observed;   /* uD_o; NAN for fewer than two coders or an empty continuum */
	double expected;   /* uD_e; likewise */
	cdr_coef alpha;    /* 1 − uD_o/uD_e, or why it is undefined; .units: units compared */
} cdr_ualpha;

/**
 * |uα of one category. Undefined, saying why, for fewer than two coders,
 * an empty continuum, a category no coder marked a unit of (observed and
 * expected are then 0), expected disagreement 0, or no memory.
 */
cdr_ualpha cdr_unitizing_alpha(const cdr_udata *d, const char *category);

/**
 * uα over all categories with units: 1 − Σ_c uD_o,c / Σ_c uD_e,c.
 * observed and expected are the means over those categories (as DKPro
 * reports them; their ratio is that of the sums).
 */
cdr_ualpha cdr_unitizing_alpha_all(const cdr_udata *d);

/**
 * uα over several categories each computed on its own unitizing data
 * (cdr_unitizing_alpha, one result per category), all of the same
 * continuum and coders: what cdr_unitizing_alpha_all gives on one
 * continuum holding every category, since a category's disagreements
 * depend only on its own units. 1 − Σ uD_o / Σ uD_e over the categories
 * with units (alpha.units > 0); observed and expected are the means over
 * those, alpha.units the units of all. Undefined, saying why, when the
 * continuum is unusable (observed NAN: that reason), no category has
 * units, or the expected disagreement is 0.
 */
cdr_ualpha cdr_unitizing_pool(const cdr_ualpha *per_category, size_t n);

/** What cdr_agreement_unitizing put together. */
typedef struct cdr_unitizing_info {
	size_t docs;      /* documents placed end to end */
	size_t codings;   /* codings of the code taken (rejected ones are not) */
	size_t merged;    /* codings that overlapped another of the same coder and joined it */
} cdr_unitizing_info;

/**
 * Unitizing data for one code (qualified, "scheme/code") from the coders'
 * codings: one continuum, coder k the k-th of `coders`, one category (the
 * code). Rejected codings do not count.
 *
 * The documents (ids; none: those every coder has a coding in) are put
 * end to end, in the project's document order whatever order they are
 * given in, each taking its length in code points. One continuum, not
 * one per document, because uα is defined on a single continuum and is
 * one coefficient for the whole sample: its expected disagreement
 * weighs every unit against every place in all of the data, and a
 * document with few units gives a per-document alpha that is mostly
 * noise (or none, when nobody coded there). A unit never crosses from one
 * document into the next; where a document ends in a coder's gap and the
 * next begins in one, the two are one gap, so the expected disagreement
 * (not the observed) depends a little on the order of the documents,
 * which is why that order is fixed.
 *
 * A coder's codings of the code that overlap one another are joined into
 * one unit (the coder marked that stretch); adjacent ones stay two units.
 *
 * Errors: CDR_EUSAGE for fewer than two coders, a coder named twice or a
 * code that is not qualified; CDR_ENOTFOUND for an unknown coder or
 * document, or when the coders have no document in common. `info` may be
 * NULL.
 */
int cdr_agreement_unitizing(cdr_udata **out, cdr_project *p, const char *const *coders, size_t ncoders,
			    const char *code, const char *const *docs, size_t ndocs, cdr_unitizing_info *info);

#endif
