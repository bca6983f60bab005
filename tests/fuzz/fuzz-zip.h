/* fuzz-zip.h -- the whole libFuzzer target for a zip-based reader (.docx,
 * .odt). The including file defines FUZZ_ZIP_NAME (the file name that
 * picks the reader, e.g. "x.docx") and FUZZ_ZIP_MEMBER (the XML member the
 * reader parses, e.g. "word/document.xml"). Every input is read twice: as
 * the file itself (zip, bounded inflation), and as FUZZ_ZIP_MEMBER of an
 * otherwise valid archive built here, so that the fuzzer also reaches the
 * safe XML parser and the text walker without having to forge zip
 * checksums. */
#ifndef CDR_FUZZ_ZIP_H
#define CDR_FUZZ_ZIP_H

#if !defined(FUZZ_ZIP_NAME) || !defined(FUZZ_ZIP_MEMBER)
#error "define FUZZ_ZIP_NAME and FUZZ_ZIP_MEMBER before including fuzz-zip.h"
#endif

#include <zip.h>

#include "fuzz-common.h"

/* A zip in memory holding `data` as FUZZ_ZIP_MEMBER (caller frees). */
static char *wrap(const uint8_t *data, size_t size, size_t *out_len)
{
	zip_error_t ze;
	zip_source_t *mem, *member;
	zip_t *za;
	zip_stat_t st;
	zip_int64_t idx;
	char *out = NULL;

	zip_error_init(&ze);
	if ((mem = zip_source_buffer_create(NULL, 0, 0, &ze)) == NULL)
		return NULL;
	zip_source_keep(mem);
	if ((za = zip_open_from_source(mem, ZIP_TRUNCATE, &ze)) == NULL)
		goto done;
	if ((member = zip_source_buffer(za, data, size, 0)) == NULL ||
	    (idx = zip_file_add(za, FUZZ_ZIP_MEMBER, member, 0)) < 0) {
		zip_source_free(member);
		zip_discard(za);
		goto done;
	}
	/* stored, not deflated: setting up deflate for every input took half
	 * the target's time, and the raw inputs (the seeds are real, deflated
	 * archives) already reach the reader's bounded inflation */
	if (zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_STORE, 0) < 0) {
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

	fuzz_ingest((const char *)data, size, FUZZ_ZIP_NAME);
	if ((z = wrap(data, size, &zlen)) != NULL) {
		fuzz_ingest(z, zlen, FUZZ_ZIP_NAME);
		free(z);
	}
	return 0;
}

#endif
