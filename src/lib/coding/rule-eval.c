/* rule-eval.c -- precision, recall and F1 per rule against a hand coder
 * (rule-eval.h): where a rule proposes what the coder would not code, and
 * what the coder codes that the rule misses. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codeer/coding.h"
#include "codeer/error.h"
#include "codeer/rule-eval.h"
#include "util/alloc.h"

static int coder_known(char **names, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return 1;
	return 0;
}

static int overlaps(const cdr_coding *a, const cdr_coding *b)
{
	return strcmp(a->doc, b->doc) == 0 && a->start < b->end && b->start < a->end;
}

/* Did the hand coder code document `doc` at all? */
static int doc_coded(cdr_codings *hand, const char *doc)
{
	for (size_t i = 0; i < cdr_codings_count(hand); i++)
		if (strcmp(cdr_codings_get(hand, i)->doc, doc) == 0)
			return 1;
	return 0;
}

/* Is the proposal `x` one of rule `r` of code `c`? Its origin is
 * "rule:<scheme>/<code>#<rule>", or "accept:" followed by that. */
static int by_rule(const cdr_coding *x, const cdr_code *c, const cdr_rule *r)
{
	const char *o = x->origin;
	size_t ql = strlen(c->qualified);

	if (strncmp(o, "accept:", 7) == 0)
		o += 7;
	return strncmp(o, "rule:", 5) == 0 && strncmp(o + 5, c->qualified, ql) == 0 && o[5 + ql] == '#' &&
	       strcmp(o + 6 + ql, r->id) == 0;
}

int cdr_rules_evaluate(cdr_rule_eval **out, size_t *n, cdr_project *p, const cdr_schemes *set, const char *rules_coder,
		       const char *against, const char *const *schemes, size_t nschemes)
{
	char **names = NULL;
	size_t nnames = 0, cap = 0;
	cdr_codings *auto_cd = NULL, *hand = NULL;
	cdr_rule_eval *rows = NULL;
	unsigned char *doc_ok = NULL;
	int rc;

	*out = NULL;
	*n = 0;
	if (rules_coder == NULL)
		rules_coder = "auto";
	for (size_t k = 0; k < nschemes; k++)
		if (cdr_schemes_find(set, schemes[k]) == NULL)
			return cdr_error_set(CDR_ENOTFOUND, "no scheme '%s' in the project", schemes[k]);
	if ((rc = cdr_coders_list(&names, &nnames, p)) < 0)
		return rc;
	if (!coder_known(names, nnames, against))
		rc = cdr_error_set(CDR_ENOTFOUND, "no coder '%s' in the project", against);
	else if (!coder_known(names, nnames, rules_coder))
		rc = cdr_error_set(CDR_ENOTFOUND, "no codings of coder '%s' to evaluate (run autocode first)", rules_coder);
	cdr_coders_free(names, nnames);
	if (rc < 0)
		return rc;
	if ((rc = cdr_codings_load(&auto_cd, p, rules_coder, NULL, NULL)) < 0 ||
	    (rc = cdr_codings_load(&hand, p, against, NULL, NULL)) < 0)
		goto done;
	/* which proposals lie in documents the hand coder coded */
	if ((doc_ok = cdr_calloc(cdr_codings_count(auto_cd) + 1, 1)) == NULL) {
		rc = CDR_ENOMEM;
		goto done;
	}
	for (size_t i = 0; i < cdr_codings_count(auto_cd); i++) {
		const cdr_coding *x = cdr_codings_get(auto_cd, i);
		doc_ok[i] = i > 0 && strcmp(cdr_codings_get(auto_cd, i - 1)->doc, x->doc) == 0 ? doc_ok[i - 1]
												: (unsigned char)doc_coded(hand, x->doc);
	}
	for (size_t si = 0; si < cdr_schemes_count(set) && rc == 0; si++) {
		const cdr_scheme *s = cdr_schemes_get(set, si);
		int wanted = nschemes == 0;
		for (size_t k = 0; k < nschemes; k++)
			wanted |= strcmp(schemes[k], cdr_scheme_id(s)) == 0;
		if (!wanted)
			continue;
		for (size_t ci = 0; ci < cdr_scheme_code_count(s) && rc == 0; ci++) {
			const cdr_code *c = cdr_scheme_code(s, ci);
			for (size_t ri = 0; ri < c->nrules && rc == 0; ri++) {
				const cdr_rule *r = &c->rules[ri];
				cdr_rule_eval *e;
				if (cdr_grow((void **)&rows, &cap, *n + 1, sizeof(*rows)) < 0) {
					rc = CDR_ENOMEM;
					break;
				}
				e = &rows[(*n)++];
				memset(e, 0, sizeof(*e));
				{
					size_t len = strlen(c->qualified) + strlen(r->id) + 2;
					if ((e->rule = cdr_calloc(1, len)) == NULL) {
						rc = CDR_ENOMEM;
						break;
					}
					snprintf(e->rule, len, "%s#%s", c->qualified, r->id);
				}
				for (size_t i = 0; i < cdr_codings_count(auto_cd); i++) {
					const cdr_coding *x = cdr_codings_get(auto_cd, i);
					int hit = 0;
					if (!doc_ok[i] || strcmp(x->code, c->qualified) != 0 || !by_rule(x, c, r))
						continue;
					e->proposals++;
					for (size_t j = 0; j < cdr_codings_count(hand) && !hit; j++) {
						const cdr_coding *h = cdr_codings_get(hand, j);
						hit = strcmp(h->code, c->qualified) == 0 && strcmp(h->status, "rejected") != 0 &&
						      overlaps(x, h);
					}
					e->hits += hit;
				}
				for (size_t j = 0; j < cdr_codings_count(hand); j++) {
					const cdr_coding *h = cdr_codings_get(hand, j);
					int found = 0;
					if (strcmp(h->code, c->qualified) != 0 || strcmp(h->status, "rejected") == 0)
						continue;
					e->hand++;
					for (size_t i = 0; i < cdr_codings_count(auto_cd) && !found; i++) {
						const cdr_coding *x = cdr_codings_get(auto_cd, i);
						found = strcmp(x->code, c->qualified) == 0 && by_rule(x, c, r) && overlaps(x, h);
					}
					e->found += found;
				}
				e->precision = e->proposals ? (double)e->hits / (double)e->proposals : NAN;
				e->recall = e->hand ? (double)e->found / (double)e->hand : NAN;
				e->f1 = isnan(e->precision) || isnan(e->recall) ? NAN
				      : e->precision + e->recall > 0 ? 2 * e->precision * e->recall / (e->precision + e->recall)
								      : 0;
			}
		}
	}
done:
	free(doc_ok);
	cdr_codings_free(auto_cd);
	cdr_codings_free(hand);
	if (rc < 0) {
		cdr_rules_evaluate_free(rows, *n);
		*n = 0;
		return rc;
	}
	*out = rows;
	return 0;
}

void cdr_rules_evaluate_free(cdr_rule_eval *rows, size_t n)
{
	for (size_t i = 0; rows && i < n; i++)
		free(rows[i].rule);
	free(rows);
}
