/* project.h -- a codeer project: a plain directory that diffs well.
 *
 *   codeer.toml             format version, name, language, created
 *   sources/<id>.txt        normalised text, never changed after adding
 *   sources/<id>.meta       original name, format, encoding, sha256s,
 *                           turns, paragraphs and sentences
 *   cases.tsv               cases, their documents and attributes
 *   schemes/ codings/ memos/  code schemes, per-coder codings, memos
 *
 * Every write is atomic (temporary file, fsync, rename), and commands that
 * write hold an exclusive lock on the project. A change of several files
 * is journaled (.codeer-journal): a process killed halfway leaves a
 * journal, and the next codeer that opens the project or takes its lock
 * completes the change and removes temporary files (.codeer-tmp-*) that
 * killed writers left, so the project shows the old state or the new one. */
#ifndef CODEER_PROJECT_H
#define CODEER_PROJECT_H

#include <stddef.h>

#include "codeer/cases.h"
#include "codeer/document.h"
#include "codeer/ingest.h"

/** The project format this codeer writes and the newest it reads. */
#define CDR_PROJECT_FORMAT 1

typedef struct cdr_project cdr_project;

/** Create a project in `dir` (created when missing; must not hold a project). */
int cdr_project_init(const char *dir, const char *name);

/** Find the project directory: `start` or its nearest parent with codeer.toml. */
int cdr_project_discover(char **out, const char *start);

/** Open a project; refuses newer format versions and damaged files. A
 * change a killed codeer left unfinished is completed first (when no other
 * codeer is writing the project). */
int cdr_project_open(cdr_project **out, const char *dir);

/** cdr_project_open with flags: */
/** leave an unfinished change and temporary files as they are, and read a
 * damaged cases.tsv as no cases (for cdr_project_fsck, which reports them) */
#define CDR_OPEN_FSCK 1u
int cdr_project_open_ex(cdr_project **out, const char *dir, unsigned flags);

/**
 * Take the project's write lock (waits for another codeer writing to the
 * same project; `on_wait` is called once before waiting, may be NULL).
 */
int cdr_project_lock(cdr_project *p, void (*on_wait)(const char *dir));

void cdr_project_free(cdr_project *p);

const char *cdr_project_path(const cdr_project *p);
const char *cdr_project_name(const cdr_project *p);
/** The `coder = "NAME"` of codeer.toml: the coder analyses count when none
 * is named (see cdr_coders_choose), or NULL. */
const char *cdr_project_default_coder(const cdr_project *p);

/** Document ids, in natural order ("interview-2" before "interview-10"). */
size_t cdr_project_doc_count(const cdr_project *p);
const char *cdr_project_doc_id(const cdr_project *p, size_t i);
int cdr_project_has_doc(const cdr_project *p, const char *id);

/** A document's length in code points, from the head of its .meta alone
 * (cheap for a long transcript). */
int cdr_project_doc_length(size_t *out, const cdr_project *p, const char *id);

/** Load a document; with `with_text` 0 only its metadata and structure. */
int cdr_project_doc_load(cdr_document **out, const cdr_project *p, const char *id, int with_text);

/** The project's cases (owned by the project). */
cdr_cases *cdr_project_cases(cdr_project *p);
/** Write cases.tsv atomically (needs the lock). */
int cdr_project_cases_save(cdr_project *p);

typedef struct cdr_add_options {
	const char *case_id;         /* NULL: each document its own case */
	const char *const *attrs;    /* "KEY=VALUE" pairs set on the case */
	size_t nattrs;
	int force;                   /* add a file whose content is already in */
	cdr_ingest_options ingest;
	unsigned jobs;               /* files read at once, each on a thread; 0 or 1: one
				      * after the other. The result is the same for any. */
} cdr_add_options;

/** Called for each document added (for progress and listings). */
typedef void (*cdr_add_cb)(void *ctx, const char *path, const cdr_document *doc);

/**
 * Ingest the files and add them, all or nothing: on any error nothing in
 * the project changes. The same content twice is refused (CDR_EEXISTS)
 * unless opts->force, which gives the copy a new id.
 */
int cdr_project_add(cdr_project *p, const char *const *paths, size_t n,
		    const cdr_add_options *opts, cdr_add_cb cb, void *ctx);

/** Called by cdr_project_fsck once per problem found, with a line such
 * as "sources/x.meta:12: turn ends past the text" (paths relative to the
 * project); a non-zero return stops the check. */
typedef int (*cdr_fsck_cb)(void *ctx, const char *finding);

/**
 * Check a project without changing anything: every source's text against
 * the sha256 and length in its .meta, every .meta parses and its turns,
 * paragraphs and sentences fit its text, every .txt has its .meta, the
 * cases name existing documents, and no temporary file or unfinished
 * change is left. Open it with CDR_OPEN_FSCK. *found receives the number
 * of problems. Returns 0 or a CDR_E* code (the check could not be made).
 */
int cdr_project_fsck(cdr_project *p, cdr_fsck_cb cb, void *ctx, size_t *found);

/** Derive a document id from a file name: lower case, [a-z0-9_-] only. */
int cdr_doc_id_from_path(char **out, const char *path);

#endif
