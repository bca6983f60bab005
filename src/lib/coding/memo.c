/* memo.c -- memos on documents and codes, as Markdown files (memo.h). */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "codeer/error.h"
#include "codeer/memo.h"
#include "util/alloc.h"
#include "util/array.h"
#include "util/buf.h"
#include "util/fileio.h"

#define MEMO_LIMIT ((size_t)16 << 20)

/* memos/doc/<id>.md, memos/case/<id>.md or memos/code/<scheme>/<code>.md;
 * ids never hold "..", and a code id's only slash separates scheme and code. */
static int memo_path(char *out, size_t cap, const cdr_project *p, cdr_memo_kind kind, const char *id, int mkdirs)
{
	const char *slash = strchr(id, '/');
	const char *sub = kind == CDR_MEMO_DOC ? "doc" : kind == CDR_MEMO_CASE ? "case" : "code";

	if (*id == '\0' || strstr(id, "..") || id[0] == '.' || (kind != CDR_MEMO_CODE && slash) ||
	    (kind == CDR_MEMO_CODE && (slash == NULL || strchr(slash + 1, '/'))))
		return cdr_error_set(CDR_EUSAGE, "'%s' cannot name a memo", id);
	if (mkdirs) {
		snprintf(out, cap, "%s/memos", cdr_project_path(p));
		mkdir(out, 0777);
		snprintf(out, cap, "%s/memos/%s", cdr_project_path(p), sub);
		mkdir(out, 0777);
		if (kind == CDR_MEMO_CODE) {
			snprintf(out, cap, "%s/memos/code/%.*s", cdr_project_path(p), (int)(slash - id), id);
			mkdir(out, 0777);
		}
	}
	snprintf(out, cap, "%s/memos/%s/%s.md", cdr_project_path(p), sub, id);
	return 0;
}

int cdr_memo_get(char **out, const cdr_project *p, cdr_memo_kind kind, const char *id)
{
	char path[4096];
	size_t len;
	int rc;

	*out = NULL;
	if ((rc = memo_path(path, sizeof(path), p, kind, id, 0)) < 0)
		return rc;
	rc = cdr_file_read(out, &len, path, MEMO_LIMIT);
	if (rc == CDR_ENOTFOUND) {
		cdr_error_clear();
		return 0;
	}
	return rc;
}

int cdr_memo_set(cdr_project *p, cdr_memo_kind kind, const char *id, const char *text, int append)
{
	char path[4096], *old = NULL;
	cdr_buf b = CDR_BUF_INIT;
	int rc;

	if ((rc = cdr_project_lock(p, NULL)) < 0 || (rc = memo_path(path, sizeof(path), p, kind, id, 1)) < 0)
		return rc;
	if (append && (rc = cdr_memo_get(&old, p, kind, id)) < 0)
		return rc;
	if (old && *old) {
		size_t n = strlen(old);
		rc = cdr_buf_puts(&b, old);
		if (rc == 0)
			rc = cdr_buf_puts(&b, n && old[n - 1] == '\n' ? "\n" : "\n\n");
	}
	if (rc == 0)
		rc = cdr_buf_puts(&b, text);
	if (rc == 0 && b.len && b.data[b.len - 1] != '\n')
		rc = cdr_buf_putc(&b, '\n');
	free(old);
	if (rc == 0) {
		if (b.len == 0 || (b.len == 1 && b.data[0] == '\n')) {
			if (unlink(path) < 0 && errno != ENOENT)
				rc = cdr_error_set(CDR_EIO, "%s: %s", path, strerror(errno));
		} else {
			rc = cdr_file_write_atomic(path, b.data, b.len);
		}
	}
	cdr_buf_free(&b);
	return rc;
}

int cdr_memo_write(cdr_project *p, cdr_memo_kind kind, const char *id, const char *text, cdr_memo_mode mode)
{
	char *old = NULL;
	int rc;

	if (mode != CDR_MEMO_NEW)
		return cdr_memo_set(p, kind, id, text, mode == CDR_MEMO_APPEND);
	/* under the lock, so that no other writer slips a memo in between */
	if ((rc = cdr_project_lock(p, NULL)) < 0 || (rc = cdr_memo_get(&old, p, kind, id)) < 0)
		return rc;
	if (old != NULL) {
		free(old);
		return cdr_error_set(CDR_EEXISTS, "%s %s already has a memo",
				     kind == CDR_MEMO_DOC ? "document" : kind == CDR_MEMO_CASE ? "case" : "code", id);
	}
	return cdr_memo_set(p, kind, id, text, 0);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.md files of a directory, sorted, without their extension. */
static int list_md(char ***out, size_t *n, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t cap = 0;

	*out = NULL;
	*n = 0;
	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		char *name;
		if (e->d_name[0] == '.' || len <= 3 || strcmp(e->d_name + len - 3, ".md") != 0)
			continue;
		if (cdr_grow((void **)out, &cap, *n + 1, sizeof(char *)) < 0 || (name = cdr_strndup(e->d_name, len - 3)) == NULL) {
			closedir(d);
			return CDR_ENOMEM;
		}
		(*out)[(*n)++] = name;
	}
	closedir(d);
	cdr_sort(*out, *n, sizeof(char *), cmp_str);
	return 0;
}

static void free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

static int report(const cdr_project *p, cdr_memo_kind kind, const char *id, cdr_memo_fn fn, void *ctx)
{
	char *text, *nl;
	int rc;

	if ((rc = cdr_memo_get(&text, p, kind, id)) < 0 || text == NULL)
		return rc;
	if ((nl = strchr(text, '\n')) != NULL)
		*nl = '\0';
	rc = fn(ctx, kind, id, text);
	free(text);
	return rc;
}

int cdr_memo_each(const cdr_project *p, cdr_memo_fn fn, void *ctx)
{
	char dir[4096], **names = NULL, **schemes = NULL;
	size_t n = 0, ns = 0;
	int rc;

	snprintf(dir, sizeof(dir), "%s/memos/doc", cdr_project_path(p));
	if ((rc = list_md(&names, &n, dir)) < 0)
		return rc;
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = report(p, CDR_MEMO_DOC, names[i], fn, ctx);
	free_names(names, n);
	if (rc < 0)
		return rc;
	/* code memos: one directory per scheme */
	snprintf(dir, sizeof(dir), "%s/memos/code", cdr_project_path(p));
	{
		DIR *d = opendir(dir);
		struct dirent *e;
		size_t cap = 0;
		while (d && (e = readdir(d)) != NULL) {
			char *name;
			if (e->d_name[0] == '.')
				continue;
			if (cdr_grow((void **)&schemes, &cap, ns + 1, sizeof(char *)) < 0 ||
			    (name = cdr_strdup(e->d_name)) == NULL) {
				closedir(d);
				free_names(schemes, ns);
				return CDR_ENOMEM;
			}
			schemes[ns++] = name;
		}
		if (d)
			closedir(d);
		cdr_sort(schemes, ns, sizeof(char *), cmp_str);
	}
	for (size_t s = 0; s < ns && rc == 0; s++) {
		char sub[4400];
		snprintf(sub, sizeof(sub), "%s/%s", dir, schemes[s]);
		if ((rc = list_md(&names, &n, sub)) < 0)
			break;
		for (size_t i = 0; i < n && rc == 0; i++) {
			char id[600];
			snprintf(id, sizeof(id), "%s/%s", schemes[s], names[i]);
			rc = report(p, CDR_MEMO_CODE, id, fn, ctx);
		}
		free_names(names, n);
	}
	free_names(schemes, ns);
	return rc;
}
