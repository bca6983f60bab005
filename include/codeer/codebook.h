/* codebook.h -- changing the codebook: codes renamed, merged, moved,
 * removed or added, with the scheme file and every coder's codings
 * changed together in one step, and a log of every change.
 *
 * The log, codebook.log in the project, has a line per change (time,
 * change, codings recoded/archived, per coder), so the road from a first
 * codebook to the final one can be shown and reported. */
#ifndef CODEER_CODEBOOK_H
#define CODEER_CODEBOOK_H

#include <stddef.h>

#include "codeer/project.h"
#include "codeer/table.h"

typedef enum cdr_codebook_op {
	CDR_CODES_RENAME, /* codes[0] gets the id `target` */
	CDR_CODES_MERGE,  /* codes become `target`: an existing code, or codes[0] renamed to it */
	CDR_CODES_MOVE,   /* codes[0] goes under `target` (NULL: to the top) */
	CDR_CODES_REMOVE, /* codes[0] goes; its codings to `target`, or archived with `purge` */
	CDR_CODES_ADD     /* a new code codes[0] in the project's own scheme, under `target` */
} cdr_codebook_op;

typedef struct cdr_codebook_change {
	cdr_codebook_op op;
	const char *const *codes; /* "scheme/code" or a code id only one scheme has */
	size_t ncodes;
	const char *target;
	int purge;
	const char *label;        /* CDR_CODES_ADD (default: the id) */
	const char *definition;   /* CDR_CODES_ADD (default: a line saying it waits for one) */
} cdr_codebook_change;

/** The project's own scheme, made on first use by CDR_CODES_ADD. */
#define CDR_PROJECT_SCHEME "project"

/**
 * Make a codebook change, or with `dry_run` only say what it would do.
 * *report (caller frees) says what changed: which codings of which coders
 * were recoded or archived. Removing a code that codings use is refused
 * (CDR_EUNSAFE, with the counts) unless they go to another code or are
 * archived (purge). Subcodes of a removed or merged code go to its parent
 * or to the merged code. The code's memo follows a rename, is added to
 * the memo of the code a merge or removal recodes into, and is archived
 * otherwise.
 */
int cdr_codebook_apply(cdr_project *p, const cdr_codebook_change *c, int dry_run, char **report);

/** codebook.log as a table: time, change, codings, coders (empty without a log). */
int cdr_codebook_log(cdr_table **out, const cdr_project *p);

#endif
