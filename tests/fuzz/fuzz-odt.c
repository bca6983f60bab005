/* fuzz-odt.c -- libFuzzer target for the .odt reader. Every input is
 * read twice: as the .odt file itself (zip, bounded inflation), and as
 * the content.xml of an otherwise valid archive built here, so that the
 * fuzzer also reaches the safe XML parser and the text walker without
 * having to forge zip checksums. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "codeer/codeer.h"

static void ingest(const char *bytes, size_t size)
{
	cdr_document *doc = NULL;

	if (cdr_ingest_bytes(&doc, bytes, size, "x.odt", NULL) == 0) {
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

/* A zip in memory holding `data` as content.xml (caller frees). */
static char *wrap(const uint8_t *data, size_t size, size_t *out_len)
{
	zip_error_t ze;
	zip_source_t *mem, *member;
	zip_t *za;
	zip_stat_t st;
	char *out = NULL;

	zip_error_init(&ze);
	if ((mem = zip_source_buffer_create(NULL, 0, 0, &ze)) == NULL)
		return NULL;
	zip_source_keep(mem);
	if ((za = zip_open_from_source(mem, ZIP_TRUNCATE, &ze)) == NULL)
		goto done;
	if ((member = zip_source_buffer(za, data, size, 0)) == NULL ||
	    zip_file_add(za, "content.xml", member, 0) < 0) {
		zip_source_free(member);
		zip_discard(za);
		goto done;
	}
	if (zip_close(za) < 0) {
		zip_discard(za);
		goto done;
	}
	zip_stat_init(&st);
	if (zip_source_stat(mem, &st) < 0 || zip_source_open(mem) < 0)
		goto done;
	if ((out = malloc(st.size ? st.size : 1)) != NULL &&
	    zip_source_read(mem, out, st.size) != (zip_int64_t)st.size) {
		free(out);
		out = NULL;
	}
	*out_len = st.size;
	zip_source_close(mem);
done:
	zip_source_free(mem);
	zip_error_fini(&ze);
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t zlen = 0;
	char *z;

	ingest((const char *)data, size);
	if ((z = wrap(data, size, &zlen)) != NULL) {
		ingest(z, zlen);
		free(z);
	}
	return 0;
}
