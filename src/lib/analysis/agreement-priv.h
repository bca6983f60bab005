/* agreement-priv.h -- the comparison of coders (agreement.h) as
 * agreement.c builds it and agreement-partial.c writes, reads and adds it
 * up. Not a public header: only these two files include it. */
#ifndef CDR_ANALYSIS_AGREEMENT_PRIV_H
#define CDR_ANALYSIS_AGREEMENT_PRIV_H

#include <stddef.h>

#include "codeer/agreement.h"

struct unitref {
	size_t doc;
	size_t start, end;
	long turn;
	size_t group;            /* --by: the case (or document) it counts for */
};

struct variable {
	char *name;
	double *values;          /* nunits * ncoders while building */
	double *weights;         /* NULL unless character units */
	struct unitref *units;
	size_t nunits, cap, wcap, ucap;
	cdr_rdata *data;         /* every unit; NULL in a merge of partial tables */
	cdr_rdata *table;        /* the sums: distinct rows with their weights */
	char **labels;           /* --exclusive: label of value v (0 = none) */
	size_t nlabels;
	size_t wunits, wcoded;   /* units and coded units, runs counted by their weight */
};

/* A document some coders coded and others did not. */
struct left_out {
	char *doc;
	unsigned char *by;       /* per coder: 1 = did not code it */
};

/* --by: one case (or document) and the sums of its units over all codes. */
struct group {
	char *label;
	size_t key;              /* order: the case's place in the cases table, then documents */
	double *values, *weights;
	size_t n, cap, wcap;
	cdr_rdata *table;
	size_t wunits, wcoded;
};

struct cdr_agreement {
	char **coders;
	size_t ncoders;
	char **docs;
	size_t ndocs;
	struct variable *vars;
	size_t nvars, vars_cap;
	cdr_rdata *overall;         /* every (unit, code); NULL for --exclusive or a merge */
	cdr_rdata *overall_table;   /* its sums; NULL for --exclusive */
	size_t chars, conflicts;
	cdr_unit_kind unit;
	struct left_out *left;
	size_t nleft, left_cap;
	/* what a code no coder used adds here: every unit uncoded (partial tables) */
	size_t blank;
	struct group *groups;
	size_t ngroups, groups_cap;
};

/* Free a variable's contents (not the variable). */
void cdr_agreement_var_free(struct variable *v);
/* The overall table of a (the sum of its variables' tables), unless --exclusive. */
int cdr_agreement_finish_overall(cdr_agreement *a, int exclusive);

#endif
