/* housekeep.h -- what archive.c and codebook.c share: every coder's
 * codings loaded once and staged together, archive entries, and project
 * files read, copied and made by their place in the project. */
#ifndef CDR_CODING_HOUSEKEEP_H
#define CDR_CODING_HOUSEKEEP_H

#include <stddef.h>

#include "codeer/coding.h"
#include "project/change.h"
#include "util/buf.h"

struct cdr_sets {
	char **names;
	cdr_codings **v;
	size_t n;
	char *dirty; /* per set: changed, to be staged */
};

int cdr_sets_load(struct cdr_sets *s, const cdr_project *p);
/* Stage every changed coder's file. */
int cdr_sets_stage(struct cdr_sets *s, cdr_change *ch);
void cdr_sets_free(struct cdr_sets *s);
/* "7 codings (anna 2, auto 5)", per[i] counting set i */
int cdr_sets_counts_text(cdr_buf *b, const struct cdr_sets *s, const size_t *per);

int cdr_rel_exists(const cdr_project *p, const char *rel);
/* A project file's bytes; *data NULL when it is not there. */
int cdr_rel_read(char **data, size_t *len, const cdr_project *p, const char *rel);
/* Copy a project file in the change: 1 when it was there, 0 when not. */
int cdr_rel_copy(cdr_change *ch, const cdr_project *p, const char *from, const char *to);
int cdr_rel_mkdir(const cdr_project *p, const char *rel);

/* A new empty archive/<time>-<id>, its place into rel; and its removal
 * when the change that was to fill it failed. */
int cdr_archive_entry_create(char *rel, size_t cap, const cdr_project *p, const char *id);
void cdr_archive_entry_drop(const cdr_project *p, const char *rel);
/* The entry's ARCHIVED file: kind, id, extra lines ("key\tvalue\n"), summary. */
int cdr_archive_manifest(cdr_change *ch, const char *entry, const char *kind, const char *id, const char *extra,
			 const char *summary);

#endif
