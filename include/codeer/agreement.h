/* agreement.h -- coders compared on a project: their codings turned into
 * reliability data (agree.h), per code and overall, with the units where
 * they disagree; and consensus coders made from several coders. */
#ifndef CODEER_AGREEMENT_H
#define CODEER_AGREEMENT_H

#include <stddef.h>

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
