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
	cdr_unit_kind unit;
	int only_coded;              /* leave out units no coder coded */
	const char *exclusive;       /* a code whose children are one nominal variable */
	double overlap;              /* > 0: segment level, matching at >= this % overlap */
} cdr_agree_options;

typedef struct cdr_agreement cdr_agreement;

/**
 * Build the comparison. Errors: CDR_ENOTFOUND for an unknown coder, code
 * or document, or when the coders have no document in common; CDR_EUSAGE
 * for fewer than two coders.
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
size_t cdr_agreement_doc_count(const cdr_agreement *a);
/** Characters compared, for --unit char (units are weighted runs). */
size_t cdr_agreement_chars(const cdr_agreement *a);
/** Units where a coder had two codes of an --exclusive group (the first was taken). */
size_t cdr_agreement_conflicts(const cdr_agreement *a);

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

/**
 * Write a consensus coder: for each document and code, the characters
 * coded by all coders (both), by any (either) or by more than half
 * (majority). Replaces the consensus coder's file. *written receives the
 * number of codings.
 */
int cdr_agreement_merge(cdr_project *p, const char *const *coders, size_t ncoders, const char *into,
			cdr_merge_rule rule, size_t *written);

#endif
