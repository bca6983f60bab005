/* change.h -- one change of several project files: files written and
 * files removed, in one step that a kill cannot leave half done.
 *
 * The writes are a journaled transaction (util/fileio.h). A removal cannot
 * be a rename of the journal, so the change also writes, in the same
 * transaction, a list of the files to remove (.codeer-remove); once the
 * transaction is committed the files are removed and the list goes. A
 * process killed in between leaves the list, and the next codeer that
 * opens the project or takes its lock removes what it names, so the
 * project shows the old state or the new one. Used by the layers above
 * (archiving documents, codes and coders). Needs the project lock. */
#ifndef CDR_PROJECT_CHANGE_H
#define CDR_PROJECT_CHANGE_H

#include <stddef.h>

#include "codeer/project.h"

#define CDR_REMOVE_LIST ".codeer-remove"

typedef struct cdr_change cdr_change;

/* A change of project p; takes the project's lock. */
int cdr_change_new(cdr_change **out, cdr_project *p);
/* Stage `data` as the file `rel` (a path below the project; its directory
 * must exist). */
int cdr_change_write(cdr_change *c, const char *rel, const void *data, size_t len);
/* Remove the file (or empty directory) `rel` when the change commits;
 * directories after the files in them. */
int cdr_change_remove(cdr_change *c, const char *rel);
/* Was anything staged? */
int cdr_change_empty(const cdr_change *c);
/* Commit: the writes, then the removals; then the project re-reads its
 * documents and cases. */
int cdr_change_commit(cdr_change *c);
/* Drops what was staged unless committed. */
void cdr_change_free(cdr_change *c);

/* Stage document `from` as `to`: its text and .meta (with the new id)
 * written, the old ones removed. Codings, cases and memos are the
 * caller's. */
int cdr_change_doc_move(cdr_change *c, const char *from, const char *to);

/* Finish the removals a committed change left (under the lock). */
int cdr_change_recover(const char *root);

/* Re-read the project's document list and cases (project.c). */
int cdr_project_reload(cdr_project *p);

#endif
