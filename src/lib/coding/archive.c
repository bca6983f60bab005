/* archive.c -- documents and coders out of the project and back
 * (archive.h). In the coding layer: a document's removal takes every
 * coder's codings of it along. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "codeer/archive.h"
#include "codeer/coding.h"
#include "codeer/error.h"
#include "coding/housekeep.h"
#include "project/change.h"
#include "util/alloc.h"
#include "util/array.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/fileio.h"
#include "util/tsv.h"

#define MANIFEST "ARCHIVED"
#define FILE_LIMIT ((size_t)4 << 30)

static int path_of(char *out, size_t cap, const cdr_project *p, const char *rel)
{
	if ((size_t)snprintf(out, cap, "%s/%s", cdr_project_path(p), rel) >= cap)
		return cdr_error_set(CDR_ELIMIT, "%s/%s: path too long", cdr_project_path(p), rel);
	return 0;
}

int cdr_rel_exists(const cdr_project *p, const char *rel)
{
	char path[4096];

	return path_of(path, sizeof(path), p, rel) == 0 && access(path, F_OK) == 0;
}

/* Read a project file; *data NULL and 0 when it is not there. */
int cdr_rel_read(char **data, size_t *len, const cdr_project *p, const char *rel)
{
	char path[4096];
	int rc;

	*data = NULL;
	*len = 0;
	if ((rc = path_of(path, sizeof(path), p, rel)) < 0)
		return rc;
	rc = cdr_file_read(data, len, path, FILE_LIMIT);
	if (rc == CDR_ENOTFOUND) {
		cdr_error_clear();
		*data = NULL;
		return 0;
	}
	return rc;
}

/* Copy project file `from` to `to` in the change; 1 when it was there. */
int cdr_rel_copy(cdr_change *ch, const cdr_project *p, const char *from, const char *to)
{
	char *data;
	size_t len;
	int rc;

	if ((rc = cdr_rel_read(&data, &len, p, from)) < 0 || data == NULL)
		return rc;
	rc = cdr_change_write(ch, to, data, len);
	free(data);
	return rc < 0 ? rc : 1;
}

int cdr_rel_mkdir(const cdr_project *p, const char *rel)
{
	char path[4096];
	int rc;

	if ((rc = path_of(path, sizeof(path), p, rel)) < 0)
		return rc;
	if (mkdir(path, 0777) < 0 && errno != EEXIST)
		return cdr_error_set(CDR_EIO, "cannot create %s: %s", path, strerror(errno));
	return 0;
}

/* A new, empty archive/<time>-<id> (the time sorts the entries); its
 * name, relative to the project, into rel. */
int cdr_archive_entry_create(char *rel, size_t cap, const cdr_project *p, const char *id)
{
	char now[32], stamp[32], path[4096];
	size_t k = 0;
	int rc;

	cdr_now_iso(now);
	for (const char *s = now; *s && k + 1 < sizeof(stamp); s++)
		if (*s != '-' && *s != ':')
			stamp[k++] = *s;
	stamp[k] = '\0';
	if ((rc = cdr_rel_mkdir(p, "archive")) < 0)
		return rc;
	for (unsigned n = 1;; n++) {
		if (n == 1)
			snprintf(rel, cap, "archive/%s-%s", stamp, id);
		else
			snprintf(rel, cap, "archive/%s-%s-%u", stamp, id, n);
		if ((rc = path_of(path, sizeof(path), p, rel)) < 0)
			return rc;
		if (mkdir(path, 0777) == 0)
			return 0;
		if (errno != EEXIST)
			return cdr_error_set(CDR_EIO, "cannot create %s: %s", path, strerror(errno));
	}
}

/* Remove an entry directory that a failed change left empty. */
void cdr_archive_entry_drop(const cdr_project *p, const char *rel)
{
	char path[4096];

	if (path_of(path, sizeof(path), p, rel) == 0)
		rmdir(path);
}

int cdr_archive_manifest(cdr_change *ch, const char *entry, const char *kind, const char *id, const char *extra,
			  const char *summary)
{
	char now[32], rel[4200];
	cdr_buf b = CDR_BUF_INIT;
	int rc;

	cdr_now_iso(now);
	rc = cdr_buf_printf(&b, "kind\t%s\nid\t%s\narchived\t%s\n%ssummary\t%s\n", kind, id, now, extra ? extra : "",
			    summary);
	snprintf(rel, sizeof(rel), "%s/" MANIFEST, entry);
	if (rc == 0)
		rc = cdr_change_write(ch, rel, b.data, b.len);
	cdr_buf_free(&b);
	return rc;
}

/* ---- every coder's codings, loaded once --------------------------------------- */

void cdr_sets_free(struct cdr_sets *s)
{
	for (size_t i = 0; i < s->n && s->v; i++)
		cdr_codings_free(s->v[i]);
	free(s->v);
	free(s->dirty);
	cdr_coders_free(s->names, s->n);
	memset(s, 0, sizeof(*s));
}

int cdr_sets_load(struct cdr_sets *s, const cdr_project *p)
{
	int rc;

	memset(s, 0, sizeof(*s));
	if ((rc = cdr_coders_list(&s->names, &s->n, p)) < 0)
		return rc;
	if (s->n && ((s->v = cdr_calloc(s->n, sizeof(*s->v))) == NULL || (s->dirty = cdr_calloc(s->n, 1)) == NULL)) {
		cdr_sets_free(s);
		return CDR_ENOMEM;
	}
	for (size_t i = 0; i < s->n; i++)
		if ((rc = cdr_codings_load(&s->v[i], p, s->names[i], NULL, NULL)) < 0) {
			cdr_sets_free(s);
			return rc;
		}
	return 0;
}

/* Stage every changed coder's file. */
int cdr_sets_stage(struct cdr_sets *s, cdr_change *ch)
{
	int rc = 0;

	for (size_t i = 0; i < s->n && rc == 0; i++) {
		char *data, rel[300];
		size_t len;
		if (!s->dirty[i])
			continue;
		if ((rc = cdr_codings_format(&data, &len, s->v[i], NULL, NULL)) < 0)
			break;
		snprintf(rel, sizeof(rel), "codings/%s.tsv", s->names[i]);
		rc = cdr_change_write(ch, rel, data, len);
		free(data);
	}
	return rc;
}

/* "7 codings (anna 2, auto 5)" */
int cdr_sets_counts_text(cdr_buf *b, const struct cdr_sets *s, const size_t *per)
{
	size_t total = 0, shown = 0;
	int rc;

	for (size_t i = 0; i < s->n; i++)
		total += per[i];
	if ((rc = cdr_buf_printf(b, "%zu coding%s", total, total == 1 ? "" : "s")) < 0 || total == 0)
		return rc;
	for (size_t i = 0; i < s->n && rc == 0; i++)
		if (per[i])
			rc = cdr_buf_printf(b, "%s%s %zu", shown++ ? ", " : " (", s->names[i], per[i]);
	return rc == 0 ? cdr_buf_putc(b, ')') : rc;
}

static int doc_is(void *ctx, const cdr_coding *k)
{
	return strcmp(k->doc, (const char *)ctx) == 0;
}

static int doc_is_not(void *ctx, const cdr_coding *k)
{
	return strcmp(k->doc, (const char *)ctx) != 0;
}

static int cases_copy(cdr_cases **out, cdr_project *p)
{
	char *data;
	size_t len;
	int rc;

	*out = NULL;
	if ((rc = cdr_cases_format(&data, &len, cdr_project_cases(p))) < 0)
		return rc;
	rc = cdr_cases_parse(out, data, len, "cases.tsv");
	free(data);
	return rc;
}

static int stage_cases(cdr_change *ch, const cdr_cases *cases)
{
	char *data;
	size_t len;
	int rc;

	if ((rc = cdr_cases_format(&data, &len, cases)) < 0)
		return rc;
	rc = cdr_change_write(ch, "cases.tsv", data, len);
	free(data);
	return rc;
}

int cdr_doc_id_valid(const char *id)
{
	if (id == NULL || !((*id >= 'a' && *id <= 'z') || (*id >= '0' && *id <= '9')) || strlen(id) > 200)
		return 0;
	for (const char *s = id; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '.' || *s == '_' || *s == '-'))
			return 0;
	return 1;
}

/* ---- removing documents --------------------------------------------------------- */

int cdr_docs_remove(cdr_project *p, const char *const *ids, size_t n, int purge, char **report)
{
	struct cdr_sets sets = { 0 };
	cdr_change *ch = NULL;
	cdr_cases *cases = NULL;
	cdr_buf out = CDR_BUF_INIT;
	char (*entries)[300] = NULL;
	size_t *per = NULL, made = 0;
	int rc;

	*report = NULL;
	for (size_t i = 0; i < n; i++) {
		if (!cdr_project_has_doc(p, ids[i]))
			return cdr_error_set(CDR_ENOTFOUND, "no document '%s' in the project", ids[i]);
		for (size_t j = 0; j < i; j++)
			if (strcmp(ids[i], ids[j]) == 0)
				return cdr_error_set(CDR_EUSAGE, "document '%s' is named twice", ids[i]);
	}
	if ((rc = cdr_change_new(&ch, p)) < 0 || (rc = cdr_sets_load(&sets, p)) < 0 || (rc = cases_copy(&cases, p)) < 0)
		goto done;
	if ((entries = cdr_calloc(n ? n : 1, sizeof(*entries))) == NULL ||
	    (per = cdr_calloc(sets.n ? sets.n : 1, sizeof(size_t))) == NULL) {
		rc = CDR_ENOMEM;
		goto done;
	}
	for (size_t i = 0; i < n && rc == 0; i++) {
		const char *id = ids[i];
		char rel[600], to[900], extra[400] = "";
		cdr_buf summary = CDR_BUF_INIT;
		long c = cdr_cases_of_doc(cases, id);
		int memo;

		if (!purge) {
			if ((rc = cdr_archive_entry_create(entries[i], sizeof(entries[i]), p, id)) < 0)
				break;
			made++;
		}
		/* the text and its description */
		for (int k = 0; k < 2 && rc == 0; k++) {
			snprintf(rel, sizeof(rel), "sources/%s%s", id, k ? ".txt" : ".meta");
			snprintf(to, sizeof(to), "%s/%s%s", entries[i], id, k ? ".txt" : ".meta");
			if (!purge && (rc = cdr_rel_copy(ch, p, rel, to)) < 0)
				break;
			rc = cdr_change_remove(ch, rel);
		}
		/* every coder's codings of it */
		for (size_t s = 0; s < sets.n && rc == 0; s++) {
			size_t count = 0;
			for (size_t k = 0; k < cdr_codings_count(sets.v[s]); k++)
				count += strcmp(cdr_codings_get(sets.v[s], k)->doc, id) == 0;
			per[s] = count;
			if (count == 0)
				continue;
			if (!purge) {
				char *data;
				size_t len;
				if ((rc = cdr_codings_format(&data, &len, sets.v[s], doc_is, (void *)id)) < 0)
					break;
				snprintf(to, sizeof(to), "%s/codings-%s.tsv", entries[i], sets.names[s]);
				rc = cdr_change_write(ch, to, data, len);
				free(data);
			}
			cdr_codings_filter(sets.v[s], doc_is_not, (void *)id);
			sets.dirty[s] = 1;
		}
		if (rc < 0)
			break;
		rc = cdr_sets_counts_text(&summary, &sets, per);
		/* its memo */
		snprintf(rel, sizeof(rel), "memos/doc/%s.md", id);
		memo = cdr_rel_exists(p, rel);
		if (rc == 0 && memo) {
			snprintf(to, sizeof(to), "%s/memo.md", entries[i]);
			if (!purge)
				rc = cdr_rel_copy(ch, p, rel, to);
			if (rc >= 0)
				rc = cdr_change_remove(ch, rel);
			if (rc >= 0)
				rc = cdr_buf_puts(&summary, ", its memo");
		}
		/* its place in a case (the case stays) */
		if (rc >= 0 && c >= 0) {
			snprintf(extra, sizeof(extra), "case\t%s\n", cdr_cases_id(cases, (size_t)c));
			rc = cdr_buf_printf(&summary, ", case %s", cdr_cases_id(cases, (size_t)c));
			if (rc == 0)
				rc = cdr_cases_rename_doc(cases, id, NULL);
		}
		if (rc >= 0 && !purge)
			rc = cdr_archive_manifest(ch, entries[i], "document", id, extra, summary.data ? summary.data : "");
		if (rc >= 0)
			rc = purge ? cdr_buf_printf(&out, "deleted %s: its text, %s\n", id, summary.data) :
				cdr_buf_printf(&out, "archived %s in %s: its text, %s\n", id, entries[i], summary.data);
		cdr_buf_free(&summary);
		if (rc > 0)
			rc = 0;
	}
	if (rc >= 0 && (rc = cdr_sets_stage(&sets, ch)) == 0 && (rc = stage_cases(ch, cases)) == 0)
		rc = cdr_change_commit(ch);
	if (rc == 0) {
		*report = out.data;
		out.data = NULL;
	}
done:
	cdr_change_free(ch);
	/* a change that failed leaves its archive entries empty: they go */
	for (size_t i = 0; rc < 0 && i < made; i++)
		cdr_archive_entry_drop(p, entries[i]);
	free(entries);
	free(per);
	cdr_buf_free(&out);
	cdr_cases_free(cases);
	cdr_sets_free(&sets);
	return rc;
}

/* ---- renaming a document ----------------------------------------------------------- */

int cdr_doc_rename(cdr_project *p, const char *from, const char *to, char **report)
{
	struct cdr_sets sets = { 0 };
	cdr_change *ch = NULL;
	cdr_cases *cases = NULL;
	cdr_buf out = CDR_BUF_INIT;
	size_t *per = NULL;
	char rel[600], rel2[600];
	int rc;

	*report = NULL;
	if (!cdr_project_has_doc(p, from))
		return cdr_error_set(CDR_ENOTFOUND, "no document '%s' in the project", from);
	if (!cdr_doc_id_valid(to))
		return cdr_error_set(CDR_EUSAGE, "'%s' cannot be a document id (a lower-case letter or digit, then "
				     "lower-case letters, digits, . _ -)", to);
	if (cdr_project_has_doc(p, to))
		return cdr_error_set(CDR_EEXISTS, "the project already has a document '%s'", to);
	if ((rc = cdr_change_new(&ch, p)) < 0 || (rc = cdr_sets_load(&sets, p)) < 0 || (rc = cases_copy(&cases, p)) < 0)
		goto done;
	if ((per = cdr_calloc(sets.n ? sets.n : 1, sizeof(size_t))) == NULL) {
		rc = CDR_ENOMEM;
		goto done;
	}
	if ((rc = cdr_change_doc_move(ch, from, to)) < 0)
		goto done;
	for (size_t s = 0; s < sets.n && rc == 0; s++) {
		rc = cdr_codings_rename_doc(sets.v[s], from, to, &per[s]);
		sets.dirty[s] = per[s] > 0;
	}
	if (rc < 0 || (rc = cdr_buf_printf(&out, "%s is now %s: its text, ", from, to)) < 0 ||
	    (rc = cdr_sets_counts_text(&out, &sets, per)) < 0)
		goto done;
	snprintf(rel, sizeof(rel), "memos/doc/%s.md", from);
	snprintf(rel2, sizeof(rel2), "memos/doc/%s.md", to);
	if (cdr_rel_exists(p, rel)) {
		if ((rc = cdr_rel_copy(ch, p, rel, rel2)) < 0 || (rc = cdr_change_remove(ch, rel)) < 0 ||
		    (rc = cdr_buf_puts(&out, ", its memo")) < 0)
			goto done;
	}
	if (cdr_cases_of_doc(cases, from) >= 0) {
		if ((rc = cdr_buf_printf(&out, ", case %s", cdr_cases_id(cases, (size_t)cdr_cases_of_doc(cases, from)))) < 0 ||
		    (rc = cdr_cases_rename_doc(cases, from, to)) < 0)
			goto done;
	}
	if ((rc = cdr_buf_putc(&out, '\n')) < 0 || (rc = cdr_sets_stage(&sets, ch)) < 0 || (rc = stage_cases(ch, cases)) < 0 ||
	    (rc = cdr_change_commit(ch)) < 0)
		goto done;
	*report = out.data;
	out.data = NULL;
done:
	cdr_change_free(ch);
	free(per);
	cdr_buf_free(&out);
	cdr_cases_free(cases);
	cdr_sets_free(&sets);
	return rc;
}

/* ---- the archive --------------------------------------------------------------------- */

void cdr_archive_list_free(cdr_archive_entry *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].kind);
		free(v[i].id);
		free(v[i].archived);
		free(v[i].summary);
	}
	free(v);
}

/* Read an entry's ARCHIVED file into e (name set by the caller). */
static int manifest_read(cdr_archive_entry *e, const cdr_project *p, char **case_id)
{
	char rel[600], *data, *line;
	size_t len, pos = 0;
	int rc;

	if (case_id)
		*case_id = NULL;
	snprintf(rel, sizeof(rel), "archive/%s/" MANIFEST, e->name);
	if ((rc = cdr_rel_read(&data, &len, p, rel)) < 0)
		return rc;
	if (data == NULL)
		return cdr_error_set(CDR_EFORMAT, "%s/archive/%s: no " MANIFEST " file: not an archive entry",
				     cdr_project_path(p), e->name);
	while (cdr_next_line(data, len, &pos, &line) && rc == 0) {
		char *tab = strchr(line, '\t'), **slot = NULL;
		if (tab == NULL)
			continue;
		*tab++ = '\0';
		if (strcmp(line, "kind") == 0)
			slot = &e->kind;
		else if (strcmp(line, "id") == 0)
			slot = &e->id;
		else if (strcmp(line, "archived") == 0)
			slot = &e->archived;
		else if (strcmp(line, "summary") == 0)
			slot = &e->summary;
		else if (strcmp(line, "case") == 0)
			slot = case_id;
		if (slot && !*slot && (*slot = cdr_strdup(tab)) == NULL)
			rc = CDR_ENOMEM;
	}
	free(data);
	if (rc == 0 && (e->kind == NULL || e->id == NULL))
		rc = cdr_error_set(CDR_EFORMAT, "%s/archive/%s/" MANIFEST ": no kind or id", cdr_project_path(p), e->name);
	if (rc == 0 && ((!e->archived && (e->archived = cdr_strdup("")) == NULL) ||
			(!e->summary && (e->summary = cdr_strdup("")) == NULL)))
		rc = CDR_ENOMEM;
	return rc;
}

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const cdr_archive_entry *)a)->name, ((const cdr_archive_entry *)b)->name);
}

int cdr_archive_list(cdr_archive_entry **out, size_t *n, const cdr_project *p)
{
	cdr_archive_entry *v = NULL;
	size_t count = 0, cap = 0;
	char dir[4096];
	DIR *d;
	struct dirent *e;
	int rc = 0;

	*out = NULL;
	*n = 0;
	if ((rc = path_of(dir, sizeof(dir), p, "archive")) < 0)
		return rc;
	if ((d = opendir(dir)) == NULL)
		return 0;
	while ((e = readdir(d)) != NULL && rc == 0) {
		char rel[600];
		if (e->d_name[0] == '.')
			continue;
		snprintf(rel, sizeof(rel), "archive/%s/" MANIFEST, e->d_name);
		if (!cdr_rel_exists(p, rel))
			continue;
		if (cdr_grow((void **)&v, &cap, count + 1, sizeof(*v)) < 0) {
			rc = CDR_ENOMEM;
			break;
		}
		memset(&v[count], 0, sizeof(*v));
		if ((v[count].name = cdr_strdup(e->d_name)) == NULL) {
			rc = CDR_ENOMEM;
			break;
		}
		count++;
		rc = manifest_read(&v[count - 1], p, NULL);
	}
	closedir(d);
	if (rc < 0) {
		cdr_archive_list_free(v, count);
		return rc;
	}
	cdr_sort(v, count, sizeof(*v), cmp_entry);
	*out = v;
	*n = count;
	return 0;
}

/* Add the codings of archive file `rel` to `coder`'s set; *added, *there. */
static int codings_back(struct cdr_sets *sets, const cdr_project *p, const char *rel, const char *coder, size_t *added,
			size_t *there)
{
	char path[4096];
	cdr_codings *from = NULL;
	size_t s;
	int rc;

	*added = *there = 0;
	if ((rc = path_of(path, sizeof(path), p, rel)) < 0 ||
	    (rc = cdr_codings_load_file(&from, path, coder, NULL, NULL)) < 0)
		return rc;
	for (s = 0; s < sets->n && strcmp(sets->names[s], coder) != 0; s++)
		;
	if (s == sets->n) {
		/* a coder the project no longer has: a set of its own */
		size_t cap = sets->n;
		char *name;
		if (cdr_grow((void **)&sets->names, &cap, sets->n + 1, sizeof(char *)) < 0 ||
		    (cap = sets->n, cdr_grow((void **)&sets->v, &cap, sets->n + 1, sizeof(cdr_codings *))) < 0 ||
		    (cap = sets->n, cdr_grow((void **)&sets->dirty, &cap, sets->n + 1, 1)) < 0 ||
		    (name = cdr_strdup(coder)) == NULL) {
			cdr_codings_free(from);
			return CDR_ENOMEM;
		}
		sets->names[s] = name;
		sets->dirty[s] = 0;
		if ((rc = cdr_codings_load(&sets->v[s], p, coder, NULL, NULL)) < 0) {
			free(name);
			cdr_codings_free(from);
			return rc;
		}
		sets->n++;
	}
	for (size_t i = 0; i < cdr_codings_count(from) && rc == 0; i++) {
		const cdr_coding *k = cdr_codings_get(from, i);
		if (cdr_codings_find(sets->v[s], k->doc, k->start, k->end, k->code) >= 0) {
			(*there)++;
			continue;
		}
		rc = cdr_codings_append(sets->v[s], k->doc, k->start, k->end, k->code, k->origin, k->created, k->memo,
					k->status);
		(*added)++;
	}
	sets->dirty[s] |= *added > 0;
	cdr_codings_free(from);
	return rc;
}

/* Stage the removal of every file of an entry, then of the entry. */
static int entry_remove(cdr_change *ch, const cdr_project *p, const char *name)
{
	char dir[4096], rel[900];
	DIR *d;
	struct dirent *e;
	int rc = 0;

	snprintf(rel, sizeof(rel), "archive/%s", name);
	if ((rc = path_of(dir, sizeof(dir), p, rel)) < 0)
		return rc;
	if ((d = opendir(dir)) == NULL)
		return cdr_error_set(CDR_EIO, "cannot read %s: %s", dir, strerror(errno));
	while ((e = readdir(d)) != NULL && rc == 0) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(rel, sizeof(rel), "archive/%s/%s", name, e->d_name);
		rc = cdr_change_remove(ch, rel);
	}
	closedir(d);
	snprintf(rel, sizeof(rel), "archive/%s", name);
	return rc == 0 ? cdr_change_remove(ch, rel) : rc;
}

/* Each codings-<coder>.tsv of the entry back into its coder's set. */
static int entry_codings_back(struct cdr_sets *sets, const cdr_project *p, const char *name, cdr_buf *out)
{
	char dir[4096], rel[900];
	DIR *d;
	struct dirent *e;
	size_t total = 0, there_total = 0;
	int rc = 0;

	snprintf(rel, sizeof(rel), "archive/%s", name);
	if ((rc = path_of(dir, sizeof(dir), p, rel)) < 0)
		return rc;
	if ((d = opendir(dir)) == NULL)
		return cdr_error_set(CDR_EIO, "cannot read %s: %s", dir, strerror(errno));
	while ((e = readdir(d)) != NULL && rc == 0) {
		size_t len = strlen(e->d_name), added, there;
		char coder[256];
		if (len <= 13 || strncmp(e->d_name, "codings-", 8) != 0 || strcmp(e->d_name + len - 4, ".tsv") != 0)
			continue;
		snprintf(coder, sizeof(coder), "%.*s", (int)(len - 12), e->d_name + 8);
		if (!cdr_coder_valid(coder))
			continue;
		snprintf(rel, sizeof(rel), "archive/%s/%s", name, e->d_name);
		if ((rc = codings_back(sets, p, rel, coder, &added, &there)) < 0)
			break;
		total += added;
		there_total += there;
	}
	closedir(d);
	if (rc == 0)
		rc = cdr_buf_printf(out, "%zu coding%s back", total, total == 1 ? "" : "s");
	if (rc == 0 && there_total)
		rc = cdr_buf_printf(out, " (%zu already there)", there_total);
	return rc;
}

/* The entry `what` names: an entry's name, or the newest of an id. */
static int entry_find(cdr_archive_entry **v, size_t *n, long *index, const cdr_project *p, const char *what,
		      const char *kind)
{
	int rc;

	*index = -1;
	if ((rc = cdr_archive_list(v, n, p)) < 0)
		return rc;
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*v)[i].name, what) == 0 && (kind == NULL || strcmp((*v)[i].kind, kind) == 0))
			*index = (long)i;
	/* the list is oldest first: the last entry of the id is the newest */
	for (size_t i = 0; i < *n && (*index < 0 || strcmp((*v)[*index].name, what) != 0); i++)
		if (strcmp((*v)[i].id, what) == 0 && (kind == NULL || strcmp((*v)[i].kind, kind) == 0))
			*index = (long)i;
	if (*index < 0)
		return cdr_error_set(CDR_ENOTFOUND, "nothing named '%s' in the project's archive", what);
	return 0;
}

static int restore_document(cdr_change *ch, cdr_project *p, const cdr_archive_entry *e, const char *case_id,
			    struct cdr_sets *sets, cdr_buf *out)
{
	char from[900], to[600];
	cdr_cases *cases = NULL;
	size_t c;
	int rc;

	if (cdr_project_has_doc(p, e->id))
		return cdr_error_set(CDR_EEXISTS, "the project has a document '%s' again: give it another id first", e->id);
	snprintf(to, sizeof(to), "memos/doc/%s.md", e->id);
	snprintf(from, sizeof(from), "archive/%s/memo.md", e->name);
	if (cdr_rel_exists(p, from) && cdr_rel_exists(p, to))
		return cdr_error_set(CDR_EEXISTS, "document '%s' has a memo again (%s): move it aside first", e->id, to);
	if ((rc = cdr_buf_printf(out, "restored %s from archive/%s: its text, ", e->id, e->name)) < 0)
		return rc;
	/* the text before its .meta, as adding writes them */
	for (int k = 0; k < 2; k++) {
		snprintf(from, sizeof(from), "archive/%s/%s%s", e->name, e->id, k ? ".meta" : ".txt");
		snprintf(to, sizeof(to), "sources/%s%s", e->id, k ? ".meta" : ".txt");
		if ((rc = cdr_rel_copy(ch, p, from, to)) < 0)
			return rc;
		if (rc == 0)
			return cdr_error_set(CDR_EFORMAT, "%s/%s is missing: the entry cannot be restored",
					     cdr_project_path(p), from);
	}
	if ((rc = entry_codings_back(sets, p, e->name, out)) < 0)
		return rc;
	snprintf(from, sizeof(from), "archive/%s/memo.md", e->name);
	snprintf(to, sizeof(to), "memos/doc/%s.md", e->id);
	if (cdr_rel_exists(p, from)) {
		if ((rc = cdr_rel_mkdir(p, "memos")) < 0 || (rc = cdr_rel_mkdir(p, "memos/doc")) < 0 ||
		    (rc = cdr_rel_copy(ch, p, from, to)) < 0 || (rc = cdr_buf_puts(out, ", its memo")) < 0)
			return rc;
	}
	if ((rc = cases_copy(&cases, p)) < 0)
		return rc;
	/* back in its case (made again if it went); else a case of its own */
	if ((rc = cdr_cases_ensure(cases, case_id ? case_id : e->id, &c)) == 0 &&
	    (rc = cdr_cases_assign(cases, c, e->id)) == 0 &&
	    (rc = cdr_buf_printf(out, ", case %s", case_id ? case_id : e->id)) == 0)
		rc = stage_cases(ch, cases);
	cdr_cases_free(cases);
	return rc;
}

/* An entry `add --reread --force` made: the codings whose words were not
 * found, kept with the document's text and .meta from before. */
static int reread_entry(const cdr_project *p, const cdr_archive_entry *e)
{
	char rel[900];

	snprintf(rel, sizeof(rel), "archive/%s/%s.meta", e->name, e->id);
	return strcmp(e->kind, "codings") == 0 && cdr_rel_exists(p, rel);
}

int cdr_archive_restore(cdr_project *p, const char *what, const char *kind, char **report)
{
	cdr_archive_entry *v = NULL;
	size_t n = 0;
	long i;
	struct cdr_sets sets = { 0 };
	cdr_change *ch = NULL;
	cdr_buf out = CDR_BUF_INIT;
	char *case_id = NULL;
	int rc;

	*report = NULL;
	if ((rc = cdr_change_new(&ch, p)) < 0 || (rc = entry_find(&v, &n, &i, p, what, kind)) < 0 ||
	    (rc = cdr_sets_load(&sets, p)) < 0)
		goto done;
	/* the case the document was in is not in the listing: read it again */
	free(v[i].kind);
	free(v[i].id);
	free(v[i].archived);
	free(v[i].summary);
	v[i].kind = v[i].id = v[i].archived = v[i].summary = NULL;
	if ((rc = manifest_read(&v[i], p, &case_id)) < 0)
		goto done;
	if (strcmp(v[i].kind, "document") == 0) {
		rc = restore_document(ch, p, &v[i], case_id, &sets, &out);
	} else if (strcmp(v[i].kind, "coder") == 0) {
		char rel[600], from[900];
		snprintf(rel, sizeof(rel), "codings/%s.tsv", v[i].id);
		snprintf(from, sizeof(from), "archive/%s/codings-%s.tsv", v[i].name, v[i].id);
		if (!cdr_coder_valid(v[i].id))
			rc = cdr_error_set(CDR_EFORMAT, "archive/%s: '%s' is not a coder name", v[i].name, v[i].id);
		else if (cdr_rel_exists(p, rel))
			rc = cdr_error_set(CDR_EEXISTS, "the project has a coder '%s' again: rename that one first", v[i].id);
		else if ((rc = cdr_rel_copy(ch, p, from, rel)) >= 0)
			rc = cdr_buf_printf(&out, "restored coder %s from archive/%s: %s", v[i].id, v[i].name, v[i].summary);
	} else if (reread_entry(p, &v[i])) {
		/* their offsets fit the text before the re-read, not today's */
		rc = cdr_error_set(CDR_EUSAGE,
				   "archive/%s holds codings of the text of '%s' before it was re-read: their offsets "
				   "fit that text (archive/%s/%s.txt), not the document's text now, so they cannot come "
				   "back as they are; code those passages again (see archive/%s/codings-*.tsv)",
				   v[i].name, v[i].id, v[i].name, v[i].id, v[i].name);
	} else {
		if ((rc = cdr_buf_printf(&out, "restored the codings of %s from archive/%s: ", v[i].id, v[i].name)) == 0)
			rc = entry_codings_back(&sets, p, v[i].name, &out);
	}
	if (rc >= 0)
		rc = cdr_buf_putc(&out, '\n');
	if (rc >= 0 && (rc = cdr_sets_stage(&sets, ch)) == 0 && (rc = entry_remove(ch, p, v[i].name)) == 0)
		rc = cdr_change_commit(ch);
	if (rc == 0) {
		*report = out.data;
		out.data = NULL;
	}
done:
	cdr_change_free(ch);
	cdr_archive_list_free(v, n);
	free(case_id);
	cdr_buf_free(&out);
	cdr_sets_free(&sets);
	return rc;
}

/* ---- coders ---------------------------------------------------------------------------- */

void cdr_coders_stats_free(cdr_coder_stats *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

int cdr_coders_stats(cdr_coder_stats **out, size_t *n, const cdr_project *p)
{
	struct cdr_sets sets;
	cdr_coder_stats *v;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = cdr_sets_load(&sets, p)) < 0)
		return rc;
	if ((v = cdr_calloc(sets.n ? sets.n : 1, sizeof(*v))) == NULL) {
		cdr_sets_free(&sets);
		return CDR_ENOMEM;
	}
	for (size_t s = 0; s < sets.n; s++) {
		cdr_codings *c = sets.v[s];
		const char *prev_doc = NULL;
		v[s].name = sets.names[s];
		sets.names[s] = NULL;
		/* sorted by document when saved; counted over runs of a document */
		for (size_t k = 0; k < cdr_codings_count(c); k++) {
			const cdr_coding *x = cdr_codings_get(c, k);
			int seen = 0;
			if (strcmp(x->status, "rejected") == 0)
				v[s].rejected++;
			else
				v[s].codings++;
			if (prev_doc == NULL || strcmp(prev_doc, x->doc) != 0) {
				for (size_t j = 0; j < k && !seen; j++)
					seen = strcmp(cdr_codings_get(c, j)->doc, x->doc) == 0;
				v[s].docs += !seen;
				prev_doc = x->doc;
			}
			if (*x->created && (!*v[s].first || strcmp(x->created, v[s].first) < 0))
				snprintf(v[s].first, sizeof(v[s].first), "%s", x->created);
			if (*x->created && strcmp(x->created, v[s].last) > 0)
				snprintf(v[s].last, sizeof(v[s].last), "%s", x->created);
		}
	}
	*n = sets.n;
	*out = v;
	cdr_sets_free(&sets);
	return 0;
}

int cdr_coder_rename(cdr_project *p, const char *from, const char *to, int force, char **report)
{
	cdr_change *ch = NULL;
	char rel[300], rel2[300];
	cdr_buf out = CDR_BUF_INIT;
	int rc;

	*report = NULL;
	if (!cdr_coder_valid(to))
		return cdr_error_set(CDR_EUSAGE, "'%s' is not a valid coder name (letters, digits, _ - .)", to);
	if (!cdr_coder_valid(from))
		return cdr_error_set(CDR_EUSAGE, "'%s' is not a valid coder name (letters, digits, _ - .)", from);
	snprintf(rel, sizeof(rel), "codings/%s.tsv", from);
	snprintf(rel2, sizeof(rel2), "codings/%s.tsv", to);
	if (!cdr_rel_exists(p, rel))
		return cdr_error_set(CDR_ENOTFOUND, "no coder '%s' in the project", from);
	if (cdr_rel_exists(p, rel2))
		return cdr_error_set(CDR_EEXISTS, "the project already has a coder '%s'", to);
	if (strcmp(from, CDR_AUTO_CODER) == 0 && !force)
		return cdr_error_set(CDR_EUSAGE, "coder '%s' is the one autocode writes: after a rename the next autocode "
				     "starts a new '%s' with every proposal again", from, from);
	if ((rc = cdr_change_new(&ch, p)) == 0 && (rc = cdr_rel_copy(ch, p, rel, rel2)) >= 0 &&
	    (rc = cdr_change_remove(ch, rel)) == 0 && (rc = cdr_change_commit(ch)) == 0 &&
	    (rc = cdr_buf_printf(&out, "coder %s is now %s\n", from, to)) == 0) {
		*report = out.data;
		out.data = NULL;
	}
	cdr_buf_free(&out);
	cdr_change_free(ch);
	return rc < 0 ? rc : 0;
}

int cdr_coder_remove(cdr_project *p, const char *name, char **report)
{
	cdr_change *ch = NULL;
	cdr_coder_stats *st = NULL;
	size_t nst = 0, i;
	char rel[300], entry[300] = "", to[700], summary[256];
	cdr_buf out = CDR_BUF_INIT;
	int rc;

	*report = NULL;
	if (!cdr_coder_valid(name))
		return cdr_error_set(CDR_EUSAGE, "'%s' is not a valid coder name (letters, digits, _ - .)", name);
	snprintf(rel, sizeof(rel), "codings/%s.tsv", name);
	if (!cdr_rel_exists(p, rel))
		return cdr_error_set(CDR_ENOTFOUND, "no coder '%s' in the project", name);
	if ((rc = cdr_change_new(&ch, p)) < 0 || (rc = cdr_coders_stats(&st, &nst, p)) < 0)
		goto done;
	for (i = 0; i < nst && strcmp(st[i].name, name) != 0; i++)
		;
	snprintf(summary, sizeof(summary), "%zu coding%s, %zu rejected, in %zu document%s", i < nst ? st[i].codings : 0,
		 i < nst && st[i].codings == 1 ? "" : "s", i < nst ? st[i].rejected : 0, i < nst ? st[i].docs : 0,
		 i < nst && st[i].docs == 1 ? "" : "s");
	if ((rc = cdr_archive_entry_create(entry, sizeof(entry), p, name)) < 0)
		goto done;
	snprintf(to, sizeof(to), "%s/codings-%s.tsv", entry, name);
	if ((rc = cdr_rel_copy(ch, p, rel, to)) < 0 || (rc = cdr_change_remove(ch, rel)) < 0 ||
	    (rc = cdr_archive_manifest(ch, entry, "coder", name, NULL, summary)) < 0 || (rc = cdr_change_commit(ch)) < 0)
		goto done;
	if ((rc = cdr_buf_printf(&out, "archived coder %s in %s: %s\n", name, entry, summary)) == 0) {
		*report = out.data;
		out.data = NULL;
	}
done:
	cdr_change_free(ch);
	if (rc < 0 && *entry)
		cdr_archive_entry_drop(p, entry);
	cdr_coders_stats_free(st, nst);
	cdr_buf_free(&out);
	return rc;
}
