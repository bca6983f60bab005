/* change.c -- writes and removals of project files in one step (change.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "codeer/error.h"
#include "ingest/document-internal.h"
#include "project/change.h"
#include "project/meta.h"
#include "project/project-internal.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/tsv.h"
#include "util/fileio.h"

struct cdr_change {
	cdr_project *p;
	cdr_txn *txn;
	size_t writes;
	char **removals;
	size_t n, cap;
	int committed;
};

static char *join(const char *dir, const char *rel)
{
	size_t n = strlen(dir) + strlen(rel) + 2;
	char *s = cdr_malloc(n);

	if (s)
		snprintf(s, n, "%s/%s", dir, rel);
	return s;
}

/* A relative path without "..", tabs or newlines: the list is one a line. */
static int valid_rel(const char *rel)
{
	if (*rel == '\0' || *rel == '/' || strpbrk(rel, "\t\n\r"))
		return 0;
	for (const char *s = rel; (s = strstr(s, "..")) != NULL; s += 2)
		if ((s == rel || s[-1] == '/') && (s[2] == '\0' || s[2] == '/'))
			return 0;
	return 1;
}

int cdr_change_new(cdr_change **out, cdr_project *p)
{
	cdr_change *c;
	int rc;

	*out = NULL;
	if ((rc = cdr_project_lock(p, NULL)) < 0)
		return rc;
	if ((c = cdr_calloc(1, sizeof(*c))) == NULL)
		return CDR_ENOMEM;
	c->p = p;
	if ((rc = cdr_txn_new_journaled(&c->txn, cdr_project_path(p))) < 0) {
		free(c);
		return rc;
	}
	*out = c;
	return 0;
}

int cdr_change_write(cdr_change *c, const char *rel, const void *data, size_t len)
{
	char *path;
	int rc;

	if (!valid_rel(rel))
		return cdr_error_set(CDR_EUSAGE, "'%s' cannot be written in the project", rel);
	if ((path = join(cdr_project_path(c->p), rel)) == NULL)
		return CDR_ENOMEM;
	rc = cdr_txn_write(c->txn, path, data, len);
	free(path);
	if (rc == 0)
		c->writes++;
	return rc;
}

int cdr_change_remove(cdr_change *c, const char *rel)
{
	char *copy;

	if (!valid_rel(rel))
		return cdr_error_set(CDR_EUSAGE, "'%s' cannot be removed from the project", rel);
	if (cdr_grow((void **)&c->removals, &c->cap, c->n + 1, sizeof(char *)) < 0 || (copy = cdr_strdup(rel)) == NULL)
		return CDR_ENOMEM;
	c->removals[c->n++] = copy;
	return 0;
}

int cdr_change_empty(const cdr_change *c)
{
	return c->writes == 0 && c->n == 0;
}

/* Remove what the list names; a file already gone was removed before a kill. */
static int remove_listed(const char *root, char *data, size_t len)
{
	size_t pos = 0;
	char *line;
	int rc = 0;

	while (cdr_next_line(data, len, &pos, &line)) {
		char *path;
		if (*line == '\0' || !valid_rel(line))
			continue;
		if ((path = join(root, line)) == NULL)
			return CDR_ENOMEM;
		if (remove(path) < 0 && errno != ENOENT && rc == 0)
			rc = cdr_error_set(CDR_EIO, "%s: cannot remove %s: %s", root, line, strerror(errno));
		free(path);
	}
	return rc;
}

int cdr_change_recover(const char *root)
{
	char *path = join(root, CDR_REMOVE_LIST), *data = NULL;
	size_t len;
	int rc;

	if (path == NULL)
		return CDR_ENOMEM;
	rc = cdr_file_read(&data, &len, path, (size_t)64 << 20);
	if (rc == CDR_ENOTFOUND) {
		cdr_error_clear();
		free(path);
		return 0;
	}
	if (rc == 0 && (rc = remove_listed(root, data, len)) == 0 && unlink(path) < 0 && errno != ENOENT)
		rc = cdr_error_set(CDR_EIO, "%s: cannot remove %s: %s", root, CDR_REMOVE_LIST, strerror(errno));
	free(data);
	free(path);
	return rc;
}

int cdr_change_commit(cdr_change *c)
{
	cdr_buf list = CDR_BUF_INIT;
	int rc = 0;

	for (size_t i = 0; i < c->n && rc == 0; i++)
		rc = cdr_buf_printf(&list, "%s\n", c->removals[i]);
	/* the list travels in the transaction: committed with the writes or not at all */
	if (rc == 0 && c->n > 0)
		rc = cdr_change_write(c, CDR_REMOVE_LIST, list.data, list.len);
	cdr_buf_free(&list);
	if (rc == 0)
		rc = cdr_txn_commit(c->txn);
	if (rc < 0)
		return rc;
	c->committed = 1;
	if (c->n > 0 && (rc = cdr_change_recover(cdr_project_path(c->p))) < 0)
		return rc;
	return cdr_project_reload(c->p);
}

void cdr_change_free(cdr_change *c)
{
	if (c == NULL)
		return;
	cdr_txn_free(c->txn);
	for (size_t i = 0; i < c->n; i++)
		free(c->removals[i]);
	free(c->removals);
	free(c);
}

/* ---- a document under a new id --------------------------------------------- */

int cdr_change_doc_move(cdr_change *c, const char *from, const char *to)
{
	const char *dir = cdr_project_path(c->p);
	char *path = NULL, *text = NULL, *meta = NULL, *data = NULL, digest[65], rel[600];
	size_t tlen, mlen, len;
	cdr_document *doc = NULL;
	int rc;

	if (strlen(from) > 256 || strlen(to) > 256)
		return cdr_error_set(CDR_EUSAGE, "document id too long");
	snprintf(rel, sizeof(rel), "sources/%s.meta", from);
	if ((path = join(dir, rel)) == NULL)
		return CDR_ENOMEM;
	if ((rc = cdr_file_read(&data, &len, path, CDR_META_LIMIT)) < 0 || (rc = cdr_document_new(&doc)) < 0 ||
	    (rc = cdr_meta_parse(doc, data, len, path, 0, digest)) < 0)
		goto done;
	free(path);
	snprintf(rel, sizeof(rel), "sources/%s.txt", from);
	if ((path = join(dir, rel)) == NULL) {
		rc = CDR_ENOMEM;
		goto done;
	}
	if ((rc = cdr_file_read(&text, &tlen, path, CDR_SOURCE_LIMIT)) < 0)
		goto done;
	/* the .meta is written from the text it describes */
	cdr_document_set_text(doc, text, tlen);
	text = NULL;
	if ((rc = cdr_document_set_info(doc, "id", to)) < 0 || (rc = cdr_meta_format(&meta, &mlen, doc)) < 0)
		goto done;
	{
		size_t n;
		const char *t = cdr_document_text(doc, &n);
		snprintf(rel, sizeof(rel), "sources/%s.txt", to);
		if ((rc = cdr_change_write(c, rel, t, n)) < 0)
			goto done;
	}
	snprintf(rel, sizeof(rel), "sources/%s.meta", to);
	if ((rc = cdr_change_write(c, rel, meta, mlen)) < 0)
		goto done;
	/* the old .meta first: a document is listed by its .meta */
	snprintf(rel, sizeof(rel), "sources/%s.meta", from);
	if ((rc = cdr_change_remove(c, rel)) < 0)
		goto done;
	snprintf(rel, sizeof(rel), "sources/%s.txt", from);
	rc = cdr_change_remove(c, rel);
done:
	cdr_document_free(doc);
	free(path);
	free(text);
	free(meta);
	free(data);
	return rc;
}
