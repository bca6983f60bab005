/* fuzz-subtitle.c -- libFuzzer target for the SubRip and WebVTT reader:
 * every input is read both as .srt and as .vtt. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "codeer/codeer.h"

static void one(const uint8_t *data, size_t size, const char *name)
{
	cdr_document *doc = NULL;

	if (cdr_ingest_bytes(&doc, (const char *)data, size, name, NULL) == 0) {
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
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	one(data, size, "x.srt");
	one(data, size, "x.vtt");
	return 0;
}
