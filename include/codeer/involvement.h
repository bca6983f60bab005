/* involvement.h -- who takes part in what: for each code of a list (an
 * intervention), the cases with it, and the actors whose codings overlap
 * its codings, the first actor standing apart (the professional). Seed
 * 001's Table 4.5 ("Betrokkenheid professional en anderen bij bepaalde
 * interventies") made from codings. */
#ifndef CODEER_INVOLVEMENT_H
#define CODEER_INVOLVEMENT_H

#include <stddef.h>

#include "codeer/project.h"
#include "codeer/scheme.h"

typedef struct cdr_involvement {
	char *code;       /* the row's code, as the columns name it */
	size_t cases;     /* the cases counted: every case with a document */
	size_t with;      /* cases with a coding of the code */
	size_t self;      /* of those, cases where a coding of the first actor overlaps one of the code */
	size_t solo;      /* of those, cases where no coding of another actor does */
	size_t actors;    /* over the `with` cases, the actors involved added up */
	double with_pct;  /* with / cases * 100; NAN when there are no cases */
	double self_pct;  /* self / with * 100; NAN when with is 0 */
	double solo_pct;  /* solo / self * 100; NAN when self is 0 */
	double partners;  /* actors / with, the mean number of actors; NAN when with is 0 */
} cdr_involvement;

/**
 * A row per code of `codes`, over the codings of `coders` added up (NULL
 * or none: every coder), rejected proposals left out. An actor is
 * involved in a code in a case when one of the actor's codings shares a
 * character with one of the code's codings in a document of the case:
 * the two are coded on the same segment. Codes and actors are named as
 * the matrix's columns are ("CODE+" takes a code with its subtree).
 * A document in no case counts as a case of its own. Errors: CDR_EUSAGE
 * without codes or actors or with more than 32 actors, CDR_ENOTFOUND for
 * an unknown code or coder.
 */
int cdr_involvement_build(cdr_involvement **out, size_t *n, cdr_project *p, const cdr_schemes *set,
			  const char *const *coders, size_t ncoders, const char *const *codes, size_t ncodes,
			  const char *const *actors, size_t nactors);
void cdr_involvement_free(cdr_involvement *rows, size_t n);

#endif
