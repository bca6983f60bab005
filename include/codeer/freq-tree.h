/* freq-tree.h -- code frequencies as a tree, the way NVivo lists its
 * nodes: per code its Files (documents with at least one coding of it) and
 * References (its codings), either its own or aggregated over its subtree,
 * with the dates the code was created and last modified.
 *
 * Not for words or cases per code: cdr_freqs_filtered (retrieve.h) counts
 * those. Rejected proposals never count. */
#ifndef CODEER_FREQ_TREE_H
#define CODEER_FREQ_TREE_H

#include <stddef.h>

#include "codeer/project.h"
#include "codeer/retrieve.h"
#include "codeer/scheme.h"

typedef struct cdr_freq_node {
	const cdr_code *code; /* NULL for a column or row of a layout */
	char *name;           /* the code's label, or the column's or subcolumn's name */
	char *path;           /* "scheme/TOP/.../ID": the ids from the top of the scheme down;
			       * in a layout "COLUMN / SUBCOLUMN / scheme/ID" */
	size_t depth;        /* 0 for a code at the top of its scheme */
	size_t files;        /* documents with a coding (of the subtree, aggregated) */
	size_t references;   /* codings (of the subtree, aggregated: each once) */
	int coded;           /* the code or a code below it has a coding */
	char created[32];    /* ISO 8601 UTC, or "" when nothing dates the code */
	char modified[32];
} cdr_freq_node;

/**
 * One node per code of every scheme of `set`, in scheme order (each parent
 * before its children), counting the codings of `coders` added up (none:
 * every coder) that `f` keeps (NULL: all). With `aggregate` a code counts
 * its own codings and those of every code below it: References is their
 * number, Files the documents any of them is in, each once.
 *
 * The dates come from codebook.log (codebook.h) where it records the code:
 * created when a change made it (`add`, or `rename`/`merge ... into` that
 * gave it its id, following renames back), modified at the last change
 * that made it, renamed it, merged into it, moved it or recoded codings
 * into it. A code that came with its scheme file has no recorded birth: it
 * is created at its first coding. Modified is the later of its last
 * recorded change and its last coding (a coding changes what the code
 * holds, as NVivo counts it). Codings count for the dates as for the
 * counts: the coders' and within the filter, own codings only.
 */
int cdr_freq_tree(cdr_freq_node **out, size_t *n, cdr_project *p, const cdr_schemes *set,
		  const char *const *coders, size_t ncoders, const cdr_filter *f, int aggregate);
/**
 * The tree of a layout (the column, subcolumn and codes of crosssection.h):
 * a node per column, under it a node per subcolumn, under each its codes
 * (a row without a subcolumn puts its codes right under the column). A
 * column or subcolumn counts the codings of all its codes, each coding
 * once and each document once (so a code in two rows of a column counts
 * once for the column); a code counts as in cdr_freq_tree. A column or
 * subcolumn is created with its earliest code and modified with its
 * latest. Layout errors name the file and line.
 */
int cdr_freq_tree_layout(cdr_freq_node **out, size_t *n, cdr_project *p, const cdr_schemes *set,
			 const char *const *coders, size_t ncoders, const cdr_filter *f, int aggregate,
			 const char *layout);
/** Free the nodes (NULL is fine). */
void cdr_freq_tree_free(cdr_freq_node *v, size_t n);

#endif
