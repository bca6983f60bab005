/* memo.c -- memos on documents, codes, cases and the project, as Markdown
 * files (memo.h). */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <dirent.h>
#include <pcre2.h>
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

const char *cdr_memo_kind_name(cdr_memo_kind kind)
{
	static const char *const names[] = { "doc", "code", "case", "project" };
	return (unsigned)kind < 4 ? names[kind] : "?";
}

int cdr_memo_kind_parse(const char *name)
{
	for (int k = 0; k < 4; k++)
		if (strcmp(name, cdr_memo_kind_name((cdr_memo_kind)k)) == 0)
			return k;
	return -1;
}

/* memos/doc/<id>.md, memos/case/<id>.md, memos/code/<scheme>/<code>.md or
 * memos/project.md; ids never hold "..", and a code id's only slash
 * separates scheme and code. */
static int memo_path(char *out, size_t cap, const cdr_project *p, cdr_memo_kind kind, const char *id, int mkdirs)
{
	const char *slash = strchr(id, '/');
	const char *sub = kind == CDR_MEMO_DOC ? "doc" : kind == CDR_MEMO_CASE ? "case" : "code";

	if (kind == CDR_MEMO_PROJECT) {
		if (mkdirs) {
			snprintf(out, cap, "%s/memos", cdr_project_path(p));
			mkdir(out, 0777);
		}
		snprintf(out, cap, "%s/memos/project.md", cdr_project_path(p));
		return 0;
	}
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
		return kind == CDR_MEMO_PROJECT ? cdr_error_set(CDR_EEXISTS, "the project already has a memo")
			: cdr_error_set(CDR_EEXISTS, "%s %s already has a memo",
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

/* The memos of one flat kind (doc, case), sorted. */
static int each_flat(const cdr_project *p, cdr_memo_kind kind, cdr_memo_fn fn, void *ctx)
{
	char dir[4096], **names = NULL;
	size_t n = 0;
	int rc;

	snprintf(dir, sizeof(dir), "%s/memos/%s", cdr_project_path(p), cdr_memo_kind_name(kind));
	if ((rc = list_md(&names, &n, dir)) < 0)
		return rc;
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = report(p, kind, names[i], fn, ctx);
	free_names(names, n);
	return rc;
}

int cdr_memo_each(const cdr_project *p, cdr_memo_fn fn, void *ctx)
{
	char dir[4096], **names = NULL, **schemes = NULL;
	size_t n = 0, ns = 0;
	int rc;

	if ((rc = report(p, CDR_MEMO_PROJECT, "project", fn, ctx)) < 0 || (rc = each_flat(p, CDR_MEMO_DOC, fn, ctx)) < 0 ||
	    (rc = each_flat(p, CDR_MEMO_CASE, fn, ctx)) < 0)
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

/* ---- grep ---------------------------------------------------------------- */

struct grep {
	const cdr_project *p;
	pcre2_code *re;
	pcre2_match_data *md;
	cdr_memo_line_fn fn;
	void *ctx;
	size_t hits;
};

/* Each line of one memo against the pattern (cdr_memo_each gives only
 * the first line, so the whole memo is read here). */
static int grep_memo(void *ctx, cdr_memo_kind kind, const char *id, const char *first_line)
{
	struct grep *g = ctx;
	char *text, *line, *next;
	size_t lineno = 0;
	int rc = 0;

	(void)first_line;
	if ((rc = cdr_memo_get(&text, g->p, kind, id)) < 0 || text == NULL)
		return rc;
	for (line = text; line && *line && rc == 0; line = next) {
		int m;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		lineno++;
		m = pcre2_match(g->re, (PCRE2_SPTR)line, PCRE2_ZERO_TERMINATED, 0, 0, g->md, NULL);
		if (m >= 0) {
			g->hits++;
			rc = g->fn(g->ctx, kind, id, lineno, line);
		} else if (m != PCRE2_ERROR_NOMATCH) {
			rc = cdr_error_set(CDR_EUSAGE, "memo %s: the pattern could not be matched (PCRE2 error %d)", id, m);
		}
	}
	free(text);
	return rc;
}

int cdr_memo_grep(const cdr_project *p, const char *pattern, int case_sensitive, cdr_memo_line_fn fn, void *ctx,
		  size_t *hits)
{
	struct grep g = { p, NULL, NULL, fn, ctx, 0 };
	PCRE2_SIZE erroff;
	int errcode, rc;

	if (hits)
		*hits = 0;
	g.re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
			     PCRE2_UTF | PCRE2_UCP | (case_sensitive ? 0 : PCRE2_CASELESS), &errcode, &erroff, NULL);
	if (g.re == NULL) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(errcode, msg, sizeof(msg));
		return cdr_error_set(CDR_EUSAGE, "pattern '%s': %s at offset %zu", pattern, (char *)msg, (size_t)erroff);
	}
	if ((g.md = pcre2_match_data_create_from_pattern(g.re, NULL)) == NULL) {
		pcre2_code_free(g.re);
		return CDR_ENOMEM;
	}
	rc = cdr_memo_each(p, grep_memo, &g);
	pcre2_match_data_free(g.md);
	pcre2_code_free(g.re);
	if (hits)
		*hits = g.hits;
	return rc;
}
