/* meta.h -- sources/<id>.meta: a document's description and structure,
 * written once when the document is added. */
#ifndef CDR_PROJECT_META_H
#define CDR_PROJECT_META_H

#include <stddef.h>

#include "codeer/document.h"

/* the newest version written: 2 adds header lines */
#define CDR_META_VERSION 2

/* Serialise `doc` (text digest included) as a .meta file. */
int cdr_meta_format(char **out, size_t *out_len, const cdr_document *doc);

/* Parse a .meta file into `doc` (info and structure; not the text).
 * `data` is modified. With `head_only`, stop before the structure. The
 * text digest is returned through *text_sha256 (static buffer of doc). */
int cdr_meta_parse(cdr_document *doc, char *data, size_t len, const char *name,
		   int head_only, char text_sha256[65]);

#endif
