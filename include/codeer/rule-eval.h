/* rule-eval.h -- how well each rule of a scheme agrees with a coder who
 * codes by hand: precision, recall and F1 per rule, from the proposals a
 * rule made (the codings of the rule coder whose origin names the rule)
 * and the hand coder's codings of the rule's code. */
#ifndef CODEER_RULE_EVAL_H
#define CODEER_RULE_EVAL_H

#include <stddef.h>

#include "codeer/project.h"
#include "codeer/scheme.h"

typedef struct cdr_rule_eval {
	char *rule;         /* "scheme/code#rule" */
	size_t proposals;   /* the rule's proposals in the documents the hand coder coded */
	size_t hits;        /* of those, proposals that overlap a hand coding of the code */
	size_t hand;        /* the hand coder's codings of the code */
	size_t found;       /* of those, codings that a proposal of the rule overlaps */
	double precision;   /* hits / proposals; NAN when there are no proposals */
	double recall;      /* found / hand; NAN when the coder never used the code */
	double f1;          /* harmonic mean of the two; NAN when either is */
} cdr_rule_eval;

/**
 * Evaluate every rule of the schemes named (none: all) against coder
 * `against`, counting the proposals of `rules_coder` (NULL: "auto"),
 * rejected ones included: a rejection is a judgement on the proposal, and
 * the rule made it. Only documents the hand coder coded at all count, so
 * a coder who coded part of a corpus is not charged with the rest. A
 * proposal and a hand coding match when they are of the same code in the
 * same document and their spans overlap. An unknown coder or scheme is
 * CDR_ENOTFOUND.
 */
int cdr_rules_evaluate(cdr_rule_eval **out, size_t *n, cdr_project *p, const cdr_schemes *set, const char *rules_coder,
		       const char *against, const char *const *schemes, size_t nschemes);
void cdr_rules_evaluate_free(cdr_rule_eval *rows, size_t n);

#endif
