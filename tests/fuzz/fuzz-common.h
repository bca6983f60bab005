/* fuzz-common.h -- what the reader fuzz targets share: ingest one input
 * under a file name (the name picks the reader) and check the document it
 * gives. Included by the fuzz-*.c that need it (each is built alone by
 * `make fuzz`), so everything here is static. */
#ifndef CDR_FUZZ_COMMON_H
#define CDR_FUZZ_COMMON_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "codeer/codeer.h"

/* Ingest `bytes` as a file called `name`; abort on a turn outside the
 * text, or on a document handed out by a failed reader. */
static void fuzz_ingest(const char *bytes, size_t size, const char *name)
{
	cdr_document *doc = NULL;

	if (cdr_ingest_bytes(&doc, bytes, size, name, NULL) == 0) {
		for (size_t i = 0; i < cdr_document_turn_count(doc); i++) {
			const cdr_turn *t = cdr_document_turn(doc, i);
			char *slice;
			if (t->span.start > t->span.end || t->span.end > cdr_document_length(doc))
				abort();
			slice = cdr_document_slice(doc, t->span);
			free(slice);
		}
		cdr_document_free(doc);
	} else if (doc != NULL) {
		abort(); /* a failed reader must not hand out a document */
	}
}

#endif
