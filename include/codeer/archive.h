/* archive.h -- taking documents, coders and codings out of a project, and
 * bringing them back.
 *
 * Nothing a user made is deleted silently: a removed document (its text,
 * .meta, every coder's codings of it, its memo, the case it was in) or a
 * removed coder goes to archive/<time>-<id>/ inside the project, with a
 * file ARCHIVED that says what it holds, and can be restored from there.
 * Only a purge deletes, and it says what it deleted. Every change here is
 * one step under the project lock: a kill leaves the old state or the
 * new one. */
#ifndef CODEER_ARCHIVE_H
#define CODEER_ARCHIVE_H

#include <stddef.h>

#include "codeer/project.h"

/**
 * Remove documents from the project, all or none. Without `purge` each
 * goes to an archive entry of its own; with it, everything is deleted.
 * *report (caller frees) gets one line per document saying what was
 * archived (and where) or deleted.
 */
int cdr_docs_remove(cdr_project *p, const char *const *ids, size_t n, int purge, char **report);

/** Can `id` be a document id ([a-z0-9], then [a-z0-9._-])? */
int cdr_doc_id_valid(const char *id);

/**
 * Give document `from` the id `to` everywhere: its source files, every
 * coder's codings, its case, its memo; in one step. *report (caller
 * frees) says what moved.
 */
int cdr_doc_rename(cdr_project *p, const char *from, const char *to, char **report);

typedef struct cdr_archive_entry {
	char *name;     /* the directory under archive/ */
	char *kind;     /* "document", "coder" or "codings" */
	char *id;       /* the document, the coder, or the code */
	char *archived; /* when (UTC) */
	char *summary;  /* what it holds */
} cdr_archive_entry;

/** The project's archive, oldest first. */
int cdr_archive_list(cdr_archive_entry **out, size_t *n, const cdr_project *p);
void cdr_archive_list_free(cdr_archive_entry *v, size_t n);

/**
 * Bring an archive entry back into the project and remove it from the
 * archive. `what` is an entry's name, or an id: then the newest entry of
 * that id (of `kind` when not NULL). A document or coder that is in the
 * project again is CDR_EEXISTS; codings already there are not doubled.
 */
int cdr_archive_restore(cdr_project *p, const char *what, const char *kind, char **report);

/* ---- coders ----------------------------------------------------------------- */

typedef struct cdr_coder_stats {
	char *name;
	size_t codings;      /* not rejected */
	size_t rejected;
	size_t docs;         /* documents with at least one coding */
	char first[32];      /* earliest and latest created time, "" when none */
	char last[32];
} cdr_coder_stats;

/** Every coder with a codings file and its counts, by name. */
int cdr_coders_stats(cdr_coder_stats **out, size_t *n, const cdr_project *p);
void cdr_coders_stats_free(cdr_coder_stats *v, size_t n);

/** The coder autocode writes. */
#define CDR_AUTO_CODER "auto"

/**
 * Rename a coder (its codings file). The coder autocode writes is renamed
 * only with `force` (CDR_EUSAGE otherwise): autocode would start a new
 * one under the old name.
 */
int cdr_coder_rename(cdr_project *p, const char *from, const char *to, int force, char **report);
/** Archive a coder's codings file (restore with cdr_archive_restore). */
int cdr_coder_remove(cdr_project *p, const char *name, char **report);

#endif
