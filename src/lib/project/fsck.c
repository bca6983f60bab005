/* fsck.c -- check a project's files against each other without changing
 * them (codeer fsck): sources against their descriptions, the cases
 * against the documents, and what an interrupted command left behind.
 *
 * Every problem becomes one line, "place: what is wrong", with the place
 * relative to the project ("sources/x.meta:12"), so that the list reads
 * the same wherever the project lies. The codings are checked by the
 * caller, through the coding layer, which this layer may not call. */
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codeer/error.h"
#include "codeer/project.h"
#include "codeer/text.h"
#include "ingest/document-internal.h"
#include "project/meta.h"
#include "project/project-internal.h"
#include "util/alloc.h"
#include "util/fileio.h"
#include "util/hash.h"

struct fsck {
	cdr_project *p;
	cdr_fsck_cb cb;
	void *ctx;
	size_t found;
	int stop;
};

static int report(struct fsck *f, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

static int report(struct fsck *f, const char *fmt, ...)
{
	va_list ap;
	char line[1024];

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	f->found++;
	if (f->cb && f->cb(f->ctx, line) != 0)
		f->stop = 1;
	return 0;
}

/* `path` without the project directory in front. */
static const char *relative(const cdr_project *p, const char *path)
{
	size_t n = strlen(cdr_project_path(p));

	if (strncmp(path, cdr_project_path(p), n) == 0 && path[n] == '/')
		return path + n + 1;
	return path;
}

/* A library message that starts with the project's path: cut it off. */
static const char *relative_message(const cdr_project *p, const char *msg)
{
	return relative(p, msg);
}

static char *path_of(const cdr_project *p, const char *rel)
{
	size_t n = strlen(cdr_project_path(p)) + strlen(rel) + 2;
	char *s = cdr_malloc(n);

	if (s)
		snprintf(s, n, "%s/%s", cdr_project_path(p), rel);
	return s;
}

/* One document: its .meta parses (structure within its length), its .txt
 * is there, has the recorded digest, is valid UTF-8 and has that length. */
static int check_doc(struct fsck *f, const char *id)
{
	char rel_meta[512], rel_txt[512], digest[65], actual[CDR_SHA256_HEX_LEN + 1];
	char *path = NULL, *data = NULL, *text = NULL;
	cdr_document *doc = NULL;
	size_t len, tlen, bad;
	int rc;

	snprintf(rel_meta, sizeof(rel_meta), "sources/%s.meta", id);
	snprintf(rel_txt, sizeof(rel_txt), "sources/%s.txt", id);
	if ((path = path_of(f->p, rel_meta)) == NULL)
		return CDR_ENOMEM;
	rc = cdr_file_read(&data, &len, path, CDR_META_LIMIT);
	free(path);
	path = NULL;
	if (rc == CDR_ENOMEM)
		return rc;
	if (rc < 0) {
		report(f, "%s", relative_message(f->p, cdr_error_last()));
		return 0;
	}
	if ((rc = cdr_document_new(&doc)) < 0)
		goto done;
	if ((rc = cdr_meta_parse(doc, data, len, rel_meta, 0, digest)) < 0) {
		if (rc != CDR_ENOMEM)
			rc = report(f, "%s", cdr_error_last());
		goto done;
	}
	if (strcmp(cdr_document_info_get(doc)->id, id) != 0)
		report(f, "%s: its id is '%s', not '%s' as its name says", rel_meta, cdr_document_info_get(doc)->id, id);
	if ((path = path_of(f->p, rel_txt)) == NULL) {
		rc = CDR_ENOMEM;
		goto done;
	}
	rc = cdr_file_read(&text, &tlen, path, CDR_SOURCE_LIMIT);
	if (rc == CDR_ENOMEM)
		goto done;
	if (rc == CDR_ENOTFOUND) {
		rc = report(f, "%s: missing (the text of %s)", rel_txt, rel_meta);
		goto done;
	}
	if (rc < 0) {
		rc = report(f, "%s", relative_message(f->p, cdr_error_last()));
		goto done;
	}
	cdr_sha256_hex(actual, text, tlen);
	if (strcmp(actual, digest) != 0) {
		rc = report(f, "%s: does not match the sha256 in %s (changed after it was added)", rel_txt, rel_meta);
		goto done;
	}
	if (!cdr_utf8_valid(text, tlen, &bad)) {
		rc = report(f, "%s: invalid UTF-8 at byte %zu", rel_txt, bad);
		goto done;
	}
	if (cdr_utf8_count(text, tlen) != cdr_document_length(doc))
		report(f, "%s: length %zu, but %s has %zu characters", rel_meta, cdr_document_length(doc), rel_txt,
		       cdr_utf8_count(text, tlen));
	rc = 0;
done:
	cdr_document_free(doc);
	free(path);
	free(text);
	free(data);
	return rc;
}

/* A .txt in sources/ without its .meta is no document of the project. */
static int check_orphans(struct fsck *f)
{
	char *dir = path_of(f->p, "sources");
	DIR *d;
	struct dirent *e;
	int rc = 0;

	if (dir == NULL)
		return CDR_ENOMEM;
	d = opendir(dir);
	free(dir);
	if (d == NULL)
		return 0; /* opening the project already needed it */
	while (!f->stop && (e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);
		char *id;
		if (n <= 4 || e->d_name[0] == '.' || strcmp(e->d_name + n - 4, ".txt") != 0)
			continue;
		if ((id = cdr_strndup(e->d_name, n - 4)) == NULL) {
			rc = CDR_ENOMEM;
			break;
		}
		if (!cdr_project_has_doc(f->p, id))
			report(f, "sources/%s: no sources/%s.meta beside it (not a document of the project)", e->d_name, id);
		free(id);
	}
	closedir(d);
	return rc;
}

static int check_cases(struct fsck *f)
{
	const cdr_cases *cases = cdr_project_cases(f->p);

	if (cdr_project_cases_error(f->p)) {
		report(f, "%s", relative_message(f->p, cdr_project_cases_error(f->p)));
		return 0;
	}
	for (size_t i = 0; i < cdr_cases_count(cases) && !f->stop; i++)
		for (size_t d = 0; d < cdr_cases_doc_count(cases, i) && !f->stop; d++)
			if (!cdr_project_has_doc(f->p, cdr_cases_doc(cases, i, d)))
				report(f, "cases.tsv: case '%s' names document '%s', which is not in the project",
				       cdr_cases_id(cases, i), cdr_cases_doc(cases, i, d));
	return 0;
}

static int on_tmp(void *ctx, const char *path)
{
	struct fsck *f = ctx;

	report(f, "%s: a temporary file left by an interrupted command (the next codeer command removes it)",
	       relative(f->p, path));
	return f->stop;
}

int cdr_project_fsck(cdr_project *p, cdr_fsck_cb cb, void *ctx, size_t *found)
{
	struct fsck f = { p, cb, ctx, 0, 0 };
	int complete, rc;

	*found = 0;
	if ((rc = cdr_journal_check(cdr_project_path(p), &complete)) < 0)
		return rc;
	if (rc == 1)
		report(&f, complete ? CDR_JOURNAL_NAME ": an unfinished change (the next command completes it)" :
				      CDR_JOURNAL_NAME ": an unfinished change that never started (the next command undoes it)");
	if (!f.stop && (rc = cdr_tmp_sweep(cdr_project_path(p), NULL, 3, on_tmp, &f)) < 0)
		return rc;
	for (size_t i = 0; i < cdr_project_doc_count(p) && !f.stop; i++)
		if ((rc = check_doc(&f, cdr_project_doc_id(p, i))) < 0)
			return rc;
	if (!f.stop && (rc = check_orphans(&f)) < 0)
		return rc;
	if (!f.stop)
		check_cases(&f);
	*found = f.found;
	return 0;
}
