/* zipread.c -- bounded reads of a single zip member through libzip.
 *
 * The declared size in the central directory is checked first, but it can
 * lie, so the inflated bytes are counted as they come and reading stops
 * one byte past the limit. */
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "codeer/error.h"
#include "ingest/zipread.h"
#include "util/alloc.h"

static int open_error(int zerr, const char *bytes, size_t n, const char *name)
{
	switch (zerr) {
	case ZIP_ER_NOZIP:
		/* A zip that starts like one but lost its end is truncated. */
		if (n >= 4 && memcmp(bytes, "PK\x03\x04", 4) == 0)
			return cdr_error_set(CDR_EFORMAT, "%s: damaged or truncated zip archive (no central directory)", name);
		return cdr_error_set(CDR_EFORMAT, "%s: not a zip archive (is it really a .docx/.odt file?)", name);
	case ZIP_ER_INCONS:
	case ZIP_ER_EOF:
	case ZIP_ER_READ:
	case ZIP_ER_SEEK:
		return cdr_error_set(CDR_EFORMAT, "%s: damaged or truncated zip archive", name);
	case ZIP_ER_MEMORY:
		return cdr_error_set(CDR_ENOMEM, "out of memory");
	default: {
		zip_error_t ze;
		int rc;
		zip_error_init_with_code(&ze, zerr);
		rc = cdr_error_set(CDR_EFORMAT, "%s: cannot open zip archive: %s", name, zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return rc;
	}
	}
}

int cdr_zip_read_member(char **out, size_t *out_len, const char *bytes, size_t n,
			const char *member, size_t limit, const char *name)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za = NULL;
	zip_file_t *zf = NULL;
	zip_stat_t st;
	char *buf = NULL;
	size_t len = 0, cap = 0;
	int rc = 0;

	*out = NULL;
	*out_len = 0;
	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(bytes, n, 0, &ze)) == NULL) {
		zip_error_fini(&ze);
		return cdr_error_set(CDR_ENOMEM, "out of memory");
	}
	if ((za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze)) == NULL) {
		rc = open_error(zip_error_code_zip(&ze), bytes, n, name);
		zip_source_free(src);
		zip_error_fini(&ze);
		return rc;
	}
	zip_error_fini(&ze);
	zip_stat_init(&st);
	if (zip_stat(za, member, 0, &st) < 0) {
		rc = cdr_error_set(CDR_EFORMAT, "%s: the archive has no %s", name, member);
		goto done;
	}
	if ((st.valid & ZIP_STAT_SIZE) && st.size > limit) {
		rc = cdr_error_set(CDR_ELIMIT, "%s: %s would inflate to %llu bytes, past the limit of %zu",
				   name, member, (unsigned long long)st.size, limit);
		goto done;
	}
	if ((zf = zip_fopen(za, member, 0)) == NULL) {
		rc = cdr_error_set(CDR_EFORMAT, "%s: cannot read %s: %s", name, member, zip_strerror(za));
		goto done;
	}
	for (;;) {
		zip_int64_t got;
		if ((rc = cdr_grow((void **)&buf, &cap, len + 65536 + 1, 1)) < 0)
			goto done;
		got = zip_fread(zf, buf + len, 65536);
		if (got < 0) {
			rc = cdr_error_set(CDR_EFORMAT, "%s: %s is damaged: %s", name, member,
					   zip_error_strerror(zip_file_get_error(zf)));
			goto done;
		}
		if (got == 0)
			break;
		len += (size_t)got;
		if (len > limit) {
			rc = cdr_error_set(CDR_ELIMIT, "%s: %s inflates past the limit of %zu bytes (a zip bomb?)",
					   name, member, limit);
			goto done;
		}
	}
	buf[len] = '\0';
	*out = buf;
	*out_len = len;
	buf = NULL;
done:
	if (zf)
		zip_fclose(zf);
	zip_discard(za);
	free(buf);
	return rc;
}
