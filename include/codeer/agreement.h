/* agreement.h -- coders compared on a project: their codings turned into
 * reliability data (agree.h), per code and overall, with the units where
 * they disagree; and consensus coders made from several coders. */
#ifndef CODEER_AGREEMENT_H
#define CODEER_AGREEMENT_H

#include <stddef.h>
#include <stdio.h>

#include "codeer/agree.h"
#include "codeer/coding.h"
#include "codeer/project.h"
#include "codeer/scheme.h"

typedef enum cdr_unit_kind {
	CDR_UNIT_TURN,
	CDR_UNIT_SENTENCE,
	CDR_UNIT_PARAGRAPH,
	CDR_UNIT_DOCUMENT,
	CDR_UNIT_CHAR
} cdr_unit_kind;

int cdr_unit_kind_parse(cdr_unit_kind *out, const char *name);
const char *cdr_unit_kind_name(cdr_unit_kind kind);

/** --by: agreement per case (a stretch counts only its own units) or per document. */
typedef enum cdr_agree_by { CDR_AGREE_BY_NONE, CDR_AGREE_BY_CASE, CDR_AGREE_BY_DOC } cdr_agree_by;

typedef struct cdr_agree_options {
	const char *const *coders;   /* two or more */
	size_t ncoders;
	const char *const *codes;    /* codes to compare; none: every code the coders used */
	size_t ncodes;
	const char *const *docs;     /* documents; none: those every coder coded */
	size_t ndocs;
	int all_docs;                /* no docs given: those any coder coded; a coder who
					did not touch one coded nothing in it */
	cdr_unit_kind unit;
	int only_coded;              /* leave out units no coder coded */
	const char *exclusive;       /* a code whose children are one nominal variable */
	double overlap;              /* > 0: segment level, matching at >= this % overlap */
	cdr_agree_by by;             /* also the sums per case or document (cdr_agreement_group_*) */
	int partial;                 /* a part of a corpus: no document in common, or a coder
					without codings here, is no error */
} cdr_agree_options;

typedef struct cdr_agreement cdr_agreement;

/**
 * Build the comparison. Errors: CDR_ENOTFOUND for an unknown coder, code
 * or document, or when the coders have no document in common (when some
 * of them coded documents the others did not, the message says "only
 * documents some of them did not code", which all_docs would compare);
 * CDR_EUSAGE for fewer than two coders, a coder named twice, an exclusive
 * group with character or segment units ("... not per character" / "not
 * per segment"), or one with fewer than two subcodes.
 */
int cdr_agreement_build(cdr_agreement **out, cdr_project *p, const cdr_schemes *set,
			const cdr_agree_options *o);
void cdr_agreement_free(cdr_agreement *a);

/** The variables compared: one per code (or one for --exclusive). */
size_t cdr_agreement_count(const cdr_agreement *a);
const char *cdr_agreement_name(const cdr_agreement *a, size_t i);
const cdr_rdata *cdr_agreement_data(const cdr_agreement *a, size_t i);
/** All codes pooled (each unit x code one binary item); NULL for --exclusive. */
const cdr_rdata *cdr_agreement_overall(const cdr_agreement *a);
/**
 * The sums the coefficients are computed from (cdr_rdata_sum): the
 * distinct rows of variable i's data with their weights, and of all codes
 * together (NULL for --exclusive). The coefficients of an agreement are
 * those of its tables, so that partial tables added up give the same
 * numbers as the whole corpus; the data (cdr_agreement_data) are for the
 * bootstrap, which resamples units, and are NULL in a merge.
 */
const cdr_rdata *cdr_agreement_table(const cdr_agreement *a, size_t i);
const cdr_rdata *cdr_agreement_overall_table(const cdr_agreement *a);

/**
 * With `by`: the cases (or documents), in the order of the cases table
 * (documents without a case, and --by doc, by id), each with the table of
 * its units over all codes, its units and coded units (over all codes,
 * as the "all codes" counts). A unit counts for the case whose stretch
 * holds its start; character runs are cut where the case changes, and
 * with --unit document a document is cut into its cases' pieces.
 */
size_t cdr_agreement_group_count(const cdr_agreement *a);
const char *cdr_agreement_group(const cdr_agreement *a, size_t i);
const cdr_rdata *cdr_agreement_group_table(const cdr_agreement *a, size_t i);
size_t cdr_agreement_group_units(const cdr_agreement *a, size_t i);
size_t cdr_agreement_group_coded(const cdr_agreement *a, size_t i);

/** The documents compared, sorted by id. */
size_t cdr_agreement_doc_count(const cdr_agreement *a);
const char *cdr_agreement_doc(const cdr_agreement *a, size_t i);
/**
 * Documents left out because some of the coders coded them and others did
 * not (only when neither docs nor all_docs was given), in project order.
 * Documents none of the coders coded are not listed.
 */
size_t cdr_agreement_left_out_count(const cdr_agreement *a);
const char *cdr_agreement_left_out(const cdr_agreement *a, size_t i);
/** Did coder c (0-based, as in the options) not code left-out document i? */
int cdr_agreement_left_out_by(const cdr_agreement *a, size_t i, size_t c);
/**
 * For --unit char: the characters compared, each counted once (the
 * documents' lengths; with only_coded, the characters some coder coded
 * with some code). 0 for other units.
 */
size_t cdr_agreement_chars(const cdr_agreement *a);
/**
 * Units of variable i as the coefficients count them: for --unit char
 * characters (a run of n characters coded alike is n units), for --overlap
 * segments, else turns, sentences, paragraphs or documents. Over all codes
 * the units add up: characters x codes for --unit char.
 */
size_t cdr_agreement_units(const cdr_agreement *a, size_t i);
/** Of those, the units that at least one coder coded (chose a subcode of, for --exclusive). */
size_t cdr_agreement_coded(const cdr_agreement *a, size_t i);
/** Units where a coder had two codes of an --exclusive group (the first was taken). */
size_t cdr_agreement_conflicts(const cdr_agreement *a);

/** One variable's line of a per-code summary. */
typedef struct cdr_agreement_row {
	size_t index;       /* the variable: cdr_agreement_name(a, index), _data, ... */
	const char *code;   /* its name (the agreement's) */
	size_t units, coded; /* cdr_agreement_units and cdr_agreement_coded */
	cdr_coef percent;   /* percent agreement */
	cdr_coef kappa;     /* cdr_agree_kappa_choice: Cohen's for two coders, Fleiss' for more */
	cdr_coef alpha;     /* Krippendorff's alpha, nominal */
	cdr_coef key;       /* the coefficient the rows are ordered by */
} cdr_agreement_row;

/**
 * The per-code summary, worst first: *out receives cdr_agreement_count(a)
 * rows (free() them), ordered by the coefficient `by` (NULL: Krippendorff's
 * alpha, nominal), lowest first so that the codes whose definitions need
 * work come first; codes where it is undefined last; ties by code id. The
 * order is total, so every caller (the command line, the report) shows the
 * same codes in the same order. CDR_ENOMEM.
 */
int cdr_agreement_summary(cdr_agreement_row **out, const cdr_agreement *a, const cdr_coef_spec *by);

/** A unit where the coders differ. */
typedef struct cdr_disagreement {
	const char *variable;      /* the code (or the group) */
	const char *doc;
	cdr_span span;             /* the unit, code points */
	long turn;                 /* 0-based, -1 outside turns */
	const char *speaker;
	const char *text;          /* the unit's text (a preview for long units) */
	const char *const *values; /* per coder: "yes"/"no", or the code of the group */
} cdr_disagreement;

typedef int (*cdr_disagreement_fn)(void *ctx, const cdr_disagreement *d);

/** Every disagreement, variable by variable, in document order. */
int cdr_agreement_disagreements(const cdr_agreement *a, cdr_project *p, cdr_disagreement_fn fn, void *ctx);

/**
 * Partial agreement tables (docs/agreement.md, "Partial agreement
 * tables"): the sums of one part of a corpus, as a versioned TSV file that
 * cdr_agreement_partial_merge adds up into the agreement of the whole.
 * `o` is what `a` was built with (by must be CDR_AGREE_BY_NONE: CDR_EUSAGE).
 * CDR_EFORMAT for a code or document name with a tab or line break,
 * CDR_EIO when the file cannot be written.
 */
int cdr_agreement_partial_write(FILE *f, const cdr_agreement *a, const cdr_agree_options *o);

/** What the partial tables were made with, for the caller's output. */
typedef struct cdr_agree_partial_info {
	char **coders;
	size_t ncoders;
	cdr_unit_kind unit;
	double overlap;
	int only_coded;
	char *exclusive;          /* NULL: none */
} cdr_agree_partial_info;

void cdr_agree_partial_info_clear(cdr_agree_partial_info *info);

/**
 * Add partial tables up: *out is the agreement of the whole corpus, with
 * tables but no unit data (no bootstrap, no disagreements). Refused with
 * CDR_EFORMAT, naming the file (and line for a bad line): a file that is
 * not a partial table, of another version, incomplete, or made with other
 * coders, unit, overlap, --only-coded, --exclusive group or --codes than
 * the files before it. CDR_ENOTFOUND when no part compared a document.
 */
int cdr_agreement_partial_merge(cdr_agreement **out, cdr_agree_partial_info *info, const char *const *files,
				size_t n);

typedef enum cdr_merge_rule { CDR_MERGE_BOTH, CDR_MERGE_EITHER, CDR_MERGE_MAJORITY } cdr_merge_rule;

/** "both", "either" or "majority"; CDR_EUSAGE for any other name. */
int cdr_merge_rule_parse(cdr_merge_rule *out, const char *name);
const char *cdr_merge_rule_name(cdr_merge_rule rule);

/**
 * Write a consensus coder: for each document and code, the characters
 * coded by all coders (both), by any (either) or by more than half
 * (majority). *written receives the number of codings.
 *
 * The consensus coder's file is written from scratch, so a coder that
 * already has codings (hand codings, memos, proposals) is refused with
 * CDR_EEXISTS, the message saying how many would be replaced, unless
 * `force`; the rules' coder ("auto", or any coder holding codings of
 * rules) is refused even with `force` (CDR_EUSAGE, the message saying
 * that the coder holds the rules' codings), since autocode rewrites it. A
 * refusal writes nothing. Fewer than two coders is CDR_EUSAGE.
 */
int cdr_agreement_merge(cdr_project *p, const char *const *coders, size_t ncoders, const char *into,
			cdr_merge_rule rule, int force, size_t *written);

#endif
