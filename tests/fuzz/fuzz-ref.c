/* fuzz-ref.c -- libFuzzer target for references to a place in a document:
 * turns (t12), sentences (s40), code point ranges (c100-250) and exact
 * phrases. The input is a reference into a fixed transcript; when it holds
 * a NUL byte, the bytes before it are the document's text and those after
 * it the reference, so phrases meet every kind of text. A place found
 * must lie inside the text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "codeer/codeer.h"

static const char fixed[] =
	"I: Hoe verbindt u mensen?\n\n"
	"R: Ik verbind bewoners met elkaar. De internetverbinding in de wijk is slecht.\n\n"
	"I: En eigen kracht?\n\n"
	"R: Eigen kracht staat voorop. Het netwerk in de buurt helpt. Het netwerk is er.\n";

static void resolve(const cdr_document *doc, const char *ref)
{
	cdr_span s;

	if (cdr_document_resolve(&s, doc, ref) != 0)
		return;
	if (s.start > s.end || s.end > cdr_document_length(doc))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static cdr_document *base;
	const uint8_t *nul = memchr(data, 0, size);
	char *ref;

	if (base == NULL && cdr_ingest_bytes(&base, fixed, sizeof(fixed) - 1, "fixed.txt", NULL) != 0)
		abort();
	if (nul == NULL) {
		if ((ref = malloc(size + 1)) == NULL)
			abort();
		memcpy(ref, data, size);
		ref[size] = '\0';
		resolve(base, ref);
	} else {
		cdr_document *doc = NULL;
		size_t n = (size_t)(nul - data);
		if ((ref = strndup((const char *)nul + 1, size - n - 1)) == NULL)
			abort();
		if (cdr_ingest_bytes(&doc, (const char *)data, n, "x.txt", NULL) == 0) {
			resolve(doc, ref);
			cdr_document_free(doc);
		}
	}
	free(ref);
	return 0;
}
