/* refi-zip.c -- the .qdpx container: list a zip's members before any is
 * read, and write one. Members are only ever read into memory (through
 * ingest/zipread.c, with a size limit), never extracted, but a member
 * whose name climbs out of the archive (zip-slip), is absolute, or is a
 * symbolic link is refused all the same: such an archive was not made by
 * a QDA program, and another tool might extract it. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zip.h>

#include "codeer/error.h"
#include "exchange/refi-internal.h"
#include "util/alloc.h"

void refi_zip_list_free(struct refi_zip_member *m, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(m[i].name);
	free(m);
}

static int unsafe_name(const char *s)
{
	if (*s == '/' || *s == '\\' || (s[0] && s[1] == ':'))
		return 1;  /* absolute, or a drive letter */
	for (const char *p = s; *p;) {
		size_t n = strcspn(p, "/\\");
		if (n == 2 && p[0] == '.' && p[1] == '.')
			return 1;
		p += n;
		if (*p)
			p++;
	}
	return 0;
}

int refi_zip_list(struct refi_zip_member **out, size_t *n, const char *bytes, size_t len, const char *name)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;
	zip_int64_t count;
	struct refi_zip_member *v = NULL;
	size_t nv = 0;
	unsigned long long total = 0;
	int rc = 0;

	*out = NULL;
	*n = 0;
	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(bytes, len, 0, &ze)) == NULL) {
		zip_error_fini(&ze);
		return CDR_ENOMEM;
	}
	if ((za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze)) == NULL) {
		zip_source_free(src);
		zip_error_fini(&ze);
		return cdr_error_set(CDR_EFORMAT, "%s: not a zip archive, or a damaged one (a .qdpx is a zip)", name);
	}
	zip_error_fini(&ze);
	count = zip_get_num_entries(za, 0);
	if (count > CDR_REFI_MAX_MEMBERS) {
		rc = cdr_error_set(CDR_ELIMIT, "%s: %lld members in the archive, past the limit of %d", name,
				   (long long)count, CDR_REFI_MAX_MEMBERS);
		goto done;
	}
	if ((v = cdr_calloc(count > 0 ? (size_t)count : 1, sizeof(*v))) == NULL) {
		rc = CDR_ENOMEM;
		goto done;
	}
	for (zip_int64_t i = 0; i < count; i++) {
		zip_stat_t st;
		zip_uint8_t opsys;
		zip_uint32_t attrs;
		zip_stat_init(&st);
		if (zip_stat_index(za, (zip_uint64_t)i, 0, &st) < 0 || !(st.valid & ZIP_STAT_NAME)) {
			rc = cdr_error_set(CDR_EFORMAT, "%s: member %lld cannot be read", name, (long long)i);
			goto done;
		}
		if (unsafe_name(st.name)) {
			rc = cdr_error_set(CDR_EUNSAFE, "%s: member '%s' has an absolute path or one that leaves the archive: refused",
					   name, st.name);
			goto done;
		}
		if (zip_file_get_external_attributes(za, (zip_uint64_t)i, 0, &opsys, &attrs) == 0 &&
		    opsys == ZIP_OPSYS_UNIX && S_ISLNK((attrs >> 16) & 0xFFFF)) {
			rc = cdr_error_set(CDR_EUNSAFE, "%s: member '%s' is a symbolic link: refused", name, st.name);
			goto done;
		}
		total += (st.valid & ZIP_STAT_SIZE) ? st.size : 0;
		/* the sizes the directory declares; zipread.c counts the real ones */
		if (total > (unsigned long long)CDR_REFI_MAX_FILE * 4) {
			rc = cdr_error_set(CDR_ELIMIT, "%s: the archive would inflate past %zu bytes (a zip bomb?)", name,
					   (size_t)CDR_REFI_MAX_FILE * 4);
			goto done;
		}
		if ((v[nv].name = cdr_strdup(st.name)) == NULL) {
			rc = CDR_ENOMEM;
			goto done;
		}
		v[nv++].size = (st.valid & ZIP_STAT_SIZE) ? (size_t)st.size : 0;
	}
done:
	zip_discard(za);
	if (rc < 0) {
		refi_zip_list_free(v, nv);
		return rc;
	}
	*out = v;
	*n = nv;
	return 0;
}

int refi_zip_build(char **out, size_t *out_len, const char *const *names, const char *const *data,
		   const size_t *lens, size_t n)
{
	zip_error_t ze;
	zip_source_t *src;
	zip_t *za;
	zip_stat_t st;
	char *buf = NULL;
	int rc = 0;

	*out = NULL;
	*out_len = 0;
	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(NULL, 0, 0, &ze)) == NULL) {
		zip_error_fini(&ze);
		return CDR_ENOMEM;
	}
	zip_source_keep(src);
	if ((za = zip_open_from_source(src, ZIP_TRUNCATE, &ze)) == NULL) {
		zip_source_free(src);
		zip_error_fini(&ze);
		return cdr_error_set(CDR_ERROR, "cannot create a zip archive");
	}
	zip_error_fini(&ze);
	for (size_t i = 0; i < n && rc == 0; i++) {
		zip_source_t *part = zip_source_buffer(za, data[i], lens[i], 0);
		zip_int64_t idx;
		if (part == NULL || (idx = zip_file_add(za, names[i], part, ZIP_FL_ENC_UTF_8)) < 0) {
			zip_source_free(part);
			rc = cdr_error_set(CDR_ERROR, "cannot add %s to the zip archive: %s", names[i], zip_strerror(za));
			break;
		}
		/* a fixed time: the same project gives the same bytes */
		zip_file_set_mtime(za, (zip_uint64_t)idx, 315532800 + 86400, 0);
	}
	if (rc < 0) {
		zip_discard(za);
		zip_source_free(src);
		return rc;
	}
	if (zip_close(za) < 0) {
		rc = cdr_error_set(CDR_ERROR, "cannot write the zip archive: %s", zip_strerror(za));
		zip_discard(za);
		zip_source_free(src);
		return rc;
	}
	zip_stat_init(&st);
	if (zip_source_stat(src, &st) < 0 || zip_source_open(src) < 0) {
		zip_source_free(src);
		return cdr_error_set(CDR_ERROR, "cannot read back the zip archive");
	}
	if ((buf = cdr_malloc((size_t)st.size + 1)) == NULL) {
		zip_source_close(src);
		zip_source_free(src);
		return CDR_ENOMEM;
	}
	if (zip_source_read(src, buf, st.size) != (zip_int64_t)st.size) {
		free(buf);
		zip_source_close(src);
		zip_source_free(src);
		return cdr_error_set(CDR_ERROR, "cannot read back the zip archive");
	}
	zip_source_close(src);
	zip_source_free(src);
	*out = buf;
	*out_len = (size_t)st.size;
	return 0;
}
