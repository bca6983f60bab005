/* version.h -- versions of a project's files, for writers that must not
 * overwrite newer data.
 *
 * A version is an opaque short string that changes whenever the file's
 * content changes, whoever changed it (codeer, a text editor, git). A
 * writer reads the version together with the data; before it writes, it
 * takes the project lock and compares: a file that changed in between is
 * refused rather than overwritten. The coding page works this way. A file
 * that does not exist has the empty version "". */
#ifndef CODEER_VERSION_H
#define CODEER_VERSION_H

#include "codeer/memo.h"
#include "codeer/project.h"

/** Room for a version and its NUL. */
#define CDR_VERSION_SIZE 17

/** The version of codings/<coder>.tsv ("" when the coder has no file). */
int cdr_codings_version(char out[CDR_VERSION_SIZE], const cdr_project *p, const char *coder);

/** The version of one memo ("" when there is none). */
int cdr_memo_version(char out[CDR_VERSION_SIZE], const cdr_project *p, cdr_memo_kind kind, const char *id);

/** One version for all memos together: it changes when any memo is
 * written, added or removed. */
int cdr_memos_version(char out[CDR_VERSION_SIZE], const cdr_project *p);

#endif
