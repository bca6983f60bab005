/* project-internal.h -- what the project layer's own files (fsck.c) need
 * of a cdr_project beyond the public API. */
#ifndef CDR_PROJECT_INTERNAL_H
#define CDR_PROJECT_INTERNAL_H

#include "codeer/project.h"

/* Opened with CDR_OPEN_FSCK: why cases.tsv could not be read, or NULL. */
const char *cdr_project_cases_error(const cdr_project *p);

/* The size limit of a .meta file and of a source text. */
#define CDR_META_LIMIT ((size_t)1 << 30)
#define CDR_SOURCE_LIMIT (CDR_INGEST_MAX_BYTES * 4)

#endif
