/* score.h -- ordinal scores and combined judgements per case, from code
 * presence and counts, case attributes, values set by hand, and tables
 * that combine them (the "matrix maatwerk" of an ATLAS-ti thesis).
 *
 * A rules file declares items and how derived items follow:
 *
 *   # an item and its values, best first
 *   item passendheid: Volledig, Beperkt, Geen
 *   item maatwerk: Volledig, Deels, Beperkt, Nauwelijks, Geen
 *
 *   # a derived item: a table over other items (* matches any value)
 *   maatwerk from passendheid, eigenaarschap:
 *     Volledig, Volledig -> Volledig
 *     *, Geen -> ...
 *
 *   # from codes (a code with + includes its subtree) or an attribute
 *   vraag from code maatwerk/F1+:        present -> ja | absent -> nee
 *   steun from count maatwerk/DLP1+:     >= 2 -> veel | >= 1 -> wat | else -> geen
 *   rol   from attr rol:                 wijkcoach -> ja | * -> nee
 *   tijd  from attr tijdscore:           >= 2.5 -> voldoende | < 2.5 -> onvoldoende
 *
 *   # the mean of items that hold numbers (a baken from its statements)
 *   baken1 from mean b1a, b1b, b1c:
 *
 * A cell of a table row or an attribute row may be ">= N" or "< N", a
 * threshold on a number (written with a dot; "2,5" in the data reads as 2.5).
 *
 * Values set by hand (`codeer score set`) are kept in scores.tsv and
 * take precedence over a derivation. */
#ifndef CODEER_SCORE_H
#define CODEER_SCORE_H

#include <stddef.h>

#include "codeer/project.h"
#include "codeer/scheme.h"
#include "codeer/table.h"

typedef struct cdr_scores cdr_scores;

/**
 * Read the rules and evaluate them for every case, counting the codings
 * of `coders` added up (NULL or none: every coder; cdr_coders_choose says
 * which to count). Errors name the rules file and line: unknown items or
 * values, a cycle (the items in it), a table row with the wrong number of
 * values; an unknown coder is CDR_ENOTFOUND.
 */
int cdr_scores_evaluate(cdr_scores **out, cdr_project *p, const cdr_schemes *set, const char *rules_path,
			const char *const *coders, size_t ncoders);
void cdr_scores_free(cdr_scores *s);

size_t cdr_scores_items(const cdr_scores *s);
const char *cdr_scores_item(const cdr_scores *s, size_t i);
size_t cdr_scores_cases(const cdr_scores *s);
const char *cdr_scores_case(const cdr_scores *s, size_t c);
/** The value of item i for case c, "" when it cannot be decided. */
const char *cdr_scores_value(const cdr_scores *s, size_t c, size_t i);
/** Was it set by hand? */
int cdr_scores_by_hand(const cdr_scores *s, size_t c, size_t i);

/**
 * Count the cases per value of each item against `by` (an item of the
 * rules, else a case attribute): columns "item", "value" and one per
 * group (the item's declared values in order, else the values present in
 * natural order); per item a row per declared value and a "total" row, or
 * for an item without declared values (a mean) the rows "mean" and "n".
 * A case without a value for the item or for `by` is left out, as the
 * studies leave out cases with missing information.
 */
int cdr_scores_crosstab(cdr_table **out, const cdr_scores *s, cdr_project *p, const char *by,
			const char *const *items, size_t nitems);

/** Set a value by hand (scores.tsv, atomically); an empty value removes it. */
int cdr_score_set(cdr_project *p, const char *case_id, const char *item, const char *value);
/** Import hand values: a TSV whose header is "case" and one column per item. */
int cdr_score_import(cdr_project *p, const char *path, size_t *imported);

#endif
