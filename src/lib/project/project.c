/* project.c -- open, create, lock and fill a project directory.
 *
 * The directory layout is described in include/codeer/project.h. Adding
 * documents is a transaction: every new file is staged next to its
 * target, and only when all files of the command are safely written are
 * they renamed into place, so a bad file in a batch changes nothing. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* strverscmp */
#endif
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "codeer/error.h"
#include "codeer/project.h"
#include "ingest/document-internal.h"
#include "project/config.h"
#include "util/clock.h"
#include "project/meta.h"
#include "util/alloc.h"
#include "util/array.h"
#include "util/buf.h"
#include "util/fileio.h"
#include "util/hash.h"

#define CONFIG_FILE "codeer.toml"
#define META_LIMIT ((size_t)1 << 30)

struct cdr_project {
	char *path;
	cdr_config config;
	char **docs;
	size_t ndocs, docs_cap;
	cdr_cases *cases;
	int lock_fd;
};

static char *join(const char *dir, const char *a, const char *b)
{
	size_t n = strlen(dir) + strlen(a) + (b ? strlen(b) : 0) + 2;
	char *p = cdr_malloc(n);

	if (p)
		snprintf(p, n, "%s/%s%s", dir, a, b ? b : "");
	return p;
}

int cdr_project_init(const char *dir, const char *name)
{
	static const char *const subdirs[] = { "sources", "codings", "schemes", "memos", NULL };
	static const char gitignore[] = ".codeer.lock\n.codeer-tmp-*\n";
	cdr_config cfg = { 0 };
	char created[32], *path = NULL, *data = NULL, *abs = NULL;
	size_t len;
	cdr_txn *txn = NULL;
	int rc;

	if (mkdir(dir, 0777) < 0 && errno != EEXIST)
		return cdr_error_set(CDR_EIO, "cannot create %s: %s", dir, strerror(errno));
	if ((path = join(dir, CONFIG_FILE, NULL)) == NULL)
		return CDR_ENOMEM;
	if (access(path, F_OK) == 0) {
		free(path);
		return cdr_error_set(CDR_EEXISTS, "%s is already a codeer project", dir);
	}
	free(path);
	path = NULL;
	for (int i = 0; subdirs[i]; i++) {
		if ((path = join(dir, subdirs[i], NULL)) == NULL)
			return CDR_ENOMEM;
		if (mkdir(path, 0777) < 0 && errno != EEXIST) {
			rc = cdr_error_set(CDR_EIO, "cannot create %s: %s", path, strerror(errno));
			free(path);
			return rc;
		}
		free(path);
		path = NULL;
	}
	abs = realpath(dir, NULL);
	cdr_now_iso(created);
	cfg.format = CDR_PROJECT_FORMAT;
	cfg.name = (char *)(name ? name : abs && strrchr(abs, '/') ? strrchr(abs, '/') + 1 : dir);
	cfg.language = "nl";
	cfg.created = created;
	if ((rc = cdr_txn_new(&txn)) < 0)
		goto done;
	if ((rc = cdr_config_format(&data, &len, &cfg)) < 0)
		goto done;
	if ((path = join(dir, CONFIG_FILE, NULL)) == NULL || (rc = cdr_txn_write(txn, path, data, len)) < 0)
		goto done;
	free(path);
	/* files the user already has in the directory are left alone */
	if ((path = join(dir, "cases.tsv", NULL)) == NULL ||
	    (access(path, F_OK) != 0 && (rc = cdr_txn_write(txn, path, "case\tdocs\n", 10)) < 0))
		goto done;
	free(path);
	if ((path = join(dir, ".gitignore", NULL)) == NULL ||
	    (access(path, F_OK) != 0 && (rc = cdr_txn_write(txn, path, gitignore, sizeof(gitignore) - 1)) < 0))
		goto done;
	rc = cdr_txn_commit(txn);
done:
	if (path == NULL && rc == 0)
		rc = CDR_ENOMEM;
	cdr_txn_free(txn);
	free(path);
	free(data);
	free(abs);
	return rc;
}

int cdr_project_discover(char **out, const char *start)
{
	char *dir = realpath(start, NULL);
	int first = 1;

	if (dir == NULL)
		return cdr_error_set(CDR_ENOTFOUND, "%s: %s", start, strerror(errno));
	for (;;) {
		char *cfg = join(dir, CONFIG_FILE, NULL);
		char *slash;
		int found;

		if (cfg == NULL) {
			free(dir);
			return CDR_ENOMEM;
		}
		found = access(cfg, F_OK) == 0;
		free(cfg);
		if (found) {
			/* Messages read better with the path as the user wrote it. */
			if (first) {
				free(dir);
				dir = cdr_strdup(start);
			}
			*out = dir;
			return dir ? 0 : CDR_ENOMEM;
		}
		first = 0;
		if (strcmp(dir, "/") == 0)
			break;
		slash = strrchr(dir, '/');
		if (slash == dir)
			slash[1] = '\0'; /* the root is tried last */
		else
			*slash = '\0';
	}
	free(dir);
	return cdr_error_set(CDR_ENOTFOUND,
			     "not in a codeer project (no codeer.toml in %s or its parents); run 'codeer init' or use -C DIR",
			     start);
}

static int natural_cmp(const void *a, const void *b)
{
	return strverscmp(*(char *const *)a, *(char *const *)b);
}

static int scan_sources(cdr_project *p)
{
	char *dir = join(p->path, "sources", NULL);
	DIR *d;
	struct dirent *e;

	if (dir == NULL)
		return CDR_ENOMEM;
	if ((d = opendir(dir)) == NULL) {
		int rc = cdr_error_set(CDR_EFORMAT, "%s: damaged project: cannot read %s: %s",
				       p->path, dir, strerror(errno));
		free(dir);
		return rc;
	}
	free(dir);
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);
		char *id;
		if (n <= 5 || e->d_name[0] == '.' || strcmp(e->d_name + n - 5, ".meta") != 0)
			continue;
		if (cdr_grow((void **)&p->docs, &p->docs_cap, p->ndocs + 1, sizeof(char *)) < 0 ||
		    (id = cdr_strndup(e->d_name, n - 5)) == NULL) {
			closedir(d);
			return CDR_ENOMEM;
		}
		p->docs[p->ndocs++] = id;
	}
	closedir(d);
	cdr_sort(p->docs, p->ndocs, sizeof(char *), natural_cmp);
	return 0;
}

/* Documents missing from cases.tsv form a case of their own. */
static int default_cases(cdr_project *p)
{
	for (size_t i = 0; i < p->ndocs; i++) {
		size_t c;
		int rc;
		if (cdr_cases_of_doc(p->cases, p->docs[i]) >= 0)
			continue;
		if ((rc = cdr_cases_ensure(p->cases, p->docs[i], &c)) < 0 ||
		    (rc = cdr_cases_assign(p->cases, c, p->docs[i])) < 0)
			return rc;
	}
	return 0;
}

int cdr_project_open(cdr_project **out, const char *dir)
{
	cdr_project *p;
	char *path = NULL, *data = NULL;
	size_t len;
	int rc;

	*out = NULL;
	if ((p = cdr_calloc(1, sizeof(*p))) == NULL)
		return CDR_ENOMEM;
	p->lock_fd = -1;
	if ((p->path = cdr_strdup(dir)) == NULL || (path = join(dir, CONFIG_FILE, NULL)) == NULL) {
		rc = CDR_ENOMEM;
		goto fail;
	}
	if ((rc = cdr_file_read(&data, &len, path, 1 << 20)) < 0) {
		if (rc == CDR_ENOTFOUND)
			rc = cdr_error_set(CDR_ENOTFOUND, "%s: not a codeer project (no %s)", dir, CONFIG_FILE);
		goto fail;
	}
	if ((rc = cdr_config_parse(&p->config, data, len, path)) < 0)
		goto fail;
	if (p->config.format > CDR_PROJECT_FORMAT) {
		rc = cdr_error_set(CDR_EVERSION,
				   "%s: written by a newer codeer (project format %ld; this codeer reads up to %d): upgrade codeer",
				   path, p->config.format, CDR_PROJECT_FORMAT);
		goto fail;
	}
	if (p->config.format < 1) {
		rc = cdr_error_set(CDR_EFORMAT, "%s: format %ld is not a valid project format", path, p->config.format);
		goto fail;
	}
	free(data);
	data = NULL;
	free(path);
	if ((rc = scan_sources(p)) < 0)
		goto fail_nopath;
	if ((path = join(dir, "cases.tsv", NULL)) == NULL) {
		rc = CDR_ENOMEM;
		goto fail_nopath;
	}
	rc = cdr_file_read(&data, &len, path, (size_t)1 << 30);
	if (rc == CDR_ENOTFOUND)
		rc = cdr_cases_new(&p->cases);
	else if (rc == 0)
		rc = cdr_cases_parse(&p->cases, data, len, path);
	if (rc < 0)
		goto fail;
	if ((rc = default_cases(p)) < 0)
		goto fail;
	free(data);
	free(path);
	*out = p;
	return 0;
fail:
	free(path);
fail_nopath:
	free(data);
	cdr_project_free(p);
	return rc;
}

int cdr_project_lock(cdr_project *p, void (*on_wait)(const char *dir))
{
	char *path = join(p->path, ".codeer.lock", NULL);
	int fd;

	if (path == NULL)
		return CDR_ENOMEM;
	if (p->lock_fd >= 0) {
		free(path);
		return 0;
	}
	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644)) < 0) {
		int rc = cdr_error_set(CDR_EIO, "%s: the project cannot be written: %s", p->path, strerror(errno));
		free(path);
		return rc;
	}
	free(path);
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		if (errno != EWOULDBLOCK) {
			close(fd);
			return cdr_error_set(CDR_EIO, "%s: cannot lock the project: %s", p->path, strerror(errno));
		}
		if (on_wait)
			on_wait(p->path);
		while (flock(fd, LOCK_EX) < 0) {
			if (errno != EINTR) {
				close(fd);
				return cdr_error_set(CDR_EIO, "%s: cannot lock the project: %s", p->path, strerror(errno));
			}
		}
	}
	p->lock_fd = fd;
	return 0;
}

void cdr_project_free(cdr_project *p)
{
	if (p == NULL)
		return;
	if (p->lock_fd >= 0)
		close(p->lock_fd); /* releases the flock */
	for (size_t i = 0; i < p->ndocs; i++)
		free(p->docs[i]);
	free(p->docs);
	cdr_cases_free(p->cases);
	cdr_config_clear(&p->config);
	free(p->path);
	free(p);
}

const char *cdr_project_path(const cdr_project *p) { return p->path; }
const char *cdr_project_name(const cdr_project *p) { return p->config.name ? p->config.name : ""; }
const char *cdr_project_default_coder(const cdr_project *p) { return p->config.coder; }
size_t cdr_project_doc_count(const cdr_project *p) { return p->ndocs; }
const char *cdr_project_doc_id(const cdr_project *p, size_t i) { return p->docs[i]; }
cdr_cases *cdr_project_cases(cdr_project *p) { return p->cases; }

int cdr_project_has_doc(const cdr_project *p, const char *id)
{
	char *const *hit = cdr_search(&id, p->docs, p->ndocs, sizeof(char *), natural_cmp);
	return hit != NULL;
}

int cdr_project_doc_load(cdr_document **out, const cdr_project *p, const char *id, int with_text)
{
	char *path = NULL, *data = NULL, *text = NULL, digest[65], actual[CDR_SHA256_HEX_LEN + 1];
	size_t len, tlen;
	cdr_document *doc = NULL;
	int rc;

	*out = NULL;
	if (!cdr_project_has_doc(p, id))
		return cdr_error_set(CDR_ENOTFOUND, "no document '%s' in the project (see 'codeer docs')", id);
	if ((rc = cdr_document_new(&doc)) < 0)
		return rc;
	if ((path = join(p->path, "sources/", id)) == NULL || (path = realloc(path, strlen(path) + 6)) == NULL) {
		rc = cdr_error_set(CDR_ENOMEM, "out of memory");
		goto done;
	}
	strcat(path, ".meta");
	if ((rc = cdr_file_read(&data, &len, path, META_LIMIT)) < 0)
		goto done;
	if ((rc = cdr_meta_parse(doc, data, len, path, 0, digest)) < 0)
		goto done;
	if (with_text) {
		strcpy(path + strlen(path) - 5, ".txt");
		if ((rc = cdr_file_read(&text, &tlen, path, CDR_INGEST_MAX_BYTES * 4)) < 0)
			goto done;
		cdr_sha256_hex(actual, text, tlen);
		if (strcmp(actual, digest) != 0) {
			rc = cdr_error_set(CDR_EFORMAT,
					   "%s: changed after it was added (checksum mismatch); sources are immutable: restore the file",
					   path);
			goto done;
		}
		cdr_document_set_text(doc, text, tlen);
		text = NULL;
	}
	*out = doc;
	doc = NULL;
done:
	free(path);
	free(data);
	free(text);
	cdr_document_free(doc);
	return rc;
}

int cdr_project_cases_save(cdr_project *p)
{
	char *path, *data;
	size_t len;
	int rc;

	if ((rc = cdr_cases_format(&data, &len, p->cases)) < 0)
		return rc;
	if ((path = join(p->path, "cases.tsv", NULL)) == NULL) {
		free(data);
		return CDR_ENOMEM;
	}
	rc = cdr_file_write_atomic(path, data, len);
	free(path);
	free(data);
	return rc;
}

/* ---- adding documents -------------------------------------------------- */

struct known {
	char **ids;
	char **digests;
	size_t n, cap;
};

static void known_free(struct known *k)
{
	for (size_t i = 0; i < k->n; i++) {
		free(k->ids[i]);
		free(k->digests[i]);
	}
	free(k->ids);
	free(k->digests);
}

static int known_add(struct known *k, const char *id, const char *digest)
{
	size_t cap = k->cap;

	if (cdr_grow((void **)&k->ids, &cap, k->n + 1, sizeof(char *)) < 0 ||
	    cdr_grow((void **)&k->digests, &k->cap, k->n + 1, sizeof(char *)) < 0)
		return CDR_ENOMEM;
	if ((k->ids[k->n] = cdr_strdup(id)) == NULL)
		return CDR_ENOMEM;
	if ((k->digests[k->n] = cdr_strdup(digest)) == NULL) {
		free(k->ids[k->n]);
		return CDR_ENOMEM;
	}
	k->n++;
	return 0;
}

/* The id and source digest of every document already in the project. */
static int load_known(struct known *k, const cdr_project *p)
{
	for (size_t i = 0; i < p->ndocs; i++) {
		char *path = join(p->path, "sources/", p->docs[i]), *data = NULL, digest[65];
		cdr_document *doc = NULL;
		size_t len;
		int rc;

		if (path == NULL || (path = realloc(path, strlen(path) + 6)) == NULL)
			return cdr_error_set(CDR_ENOMEM, "out of memory");
		strcat(path, ".meta");
		rc = cdr_file_read(&data, &len, path, META_LIMIT);
		if (rc == 0)
			rc = cdr_document_new(&doc);
		if (rc == 0)
			rc = cdr_meta_parse(doc, data, len, path, 1, digest);
		if (rc == 0)
			rc = known_add(k, p->docs[i], cdr_document_info_get(doc)->sha256);
		cdr_document_free(doc);
		free(data);
		free(path);
		if (rc < 0)
			return rc;
	}
	return 0;
}

static const char *known_digest_owner(const struct known *k, const char *digest)
{
	for (size_t i = 0; i < k->n; i++)
		if (strcmp(k->digests[i], digest) == 0)
			return k->ids[i];
	return NULL;
}

static int known_has_id(const struct known *k, const char *id)
{
	for (size_t i = 0; i < k->n; i++)
		if (strcmp(k->ids[i], id) == 0)
			return 1;
	return 0;
}

static int unique_id(char **out, const struct known *k, const char *path)
{
	char *base, *id;
	int rc;

	if ((rc = cdr_doc_id_from_path(&base, path)) < 0)
		return rc;
	if (!known_has_id(k, base)) {
		*out = base;
		return 0;
	}
	if ((id = cdr_malloc(strlen(base) + 24)) == NULL) {
		free(base);
		return CDR_ENOMEM;
	}
	for (unsigned n = 2;; n++) {
		sprintf(id, "%s-%u", base, n);
		if (!known_has_id(k, id))
			break;
	}
	free(base);
	*out = id;
	return 0;
}

static int parse_attr(const char *kv, char **key, const char **value)
{
	const char *eq = strchr(kv, '=');

	if (eq == NULL || eq == kv)
		return cdr_error_set(CDR_EUSAGE, "attribute '%s': expected KEY=VALUE", kv);
	*value = eq + 1;
	return (*key = cdr_strndup(kv, (size_t)(eq - kv))) ? 0 : CDR_ENOMEM;
}

int cdr_project_add(cdr_project *p, const char *const *paths, size_t n,
		    const cdr_add_options *opts, cdr_add_cb cb, void *ctx)
{
	struct known known = { 0 };
	cdr_txn *txn = NULL;
	char **new_ids = NULL, added[32];
	size_t nnew = 0;
	int rc;

	cdr_now_iso(added);
	/* Check the options first: a bad one must not leave anything changed. */
	if (opts && opts->case_id && (*opts->case_id == '\0' || strpbrk(opts->case_id, "\t\n\r") != NULL))
		return cdr_error_set(CDR_EUSAGE, "'%s' is not a valid case id", opts->case_id);
	for (size_t a = 0; opts && a < opts->nattrs; a++) {
		char *key = NULL;
		const char *value = NULL;
		if ((rc = parse_attr(opts->attrs[a], &key, &value)) < 0)
			return rc;
		rc = cdr_cases_attr_name_valid(key) && strpbrk(value, "\t\n\r") == NULL ? 0 :
			cdr_error_set(CDR_EUSAGE, "attribute '%s': '%s' cannot be an attribute name, or the value has a tab or newline",
				      opts->attrs[a], key);
		free(key);
		if (rc < 0)
			return rc;
	}
	if ((rc = cdr_project_lock(p, NULL)) < 0)
		return rc;
	if ((rc = load_known(&known, p)) < 0 || (rc = cdr_txn_new(&txn)) < 0)
		goto done;
	if ((new_ids = cdr_calloc(n ? n : 1, sizeof(char *))) == NULL) {
		rc = CDR_ENOMEM;
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		cdr_document *doc = NULL;
		const char *owner;
		char *meta = NULL, *path = NULL, *id = NULL;
		size_t mlen, tlen;
		const char *text;

		if ((rc = cdr_ingest_file(&doc, paths[i], opts ? &opts->ingest : NULL)) < 0)
			goto done;
		owner = known_digest_owner(&known, cdr_document_info_get(doc)->sha256);
		if (owner && !(opts && opts->force)) {
			rc = cdr_error_set(CDR_EEXISTS, "%s: already in the project as '%s' (same content)",
					   paths[i], owner);
			cdr_document_free(doc);
			goto done;
		}
		if ((rc = unique_id(&id, &known, paths[i])) < 0 ||
		    (rc = cdr_document_set_info(doc, "id", id)) < 0 ||
		    (rc = cdr_document_set_info(doc, "added", added)) < 0 ||
		    (rc = known_add(&known, id, cdr_document_info_get(doc)->sha256)) < 0 ||
		    (rc = cdr_meta_format(&meta, &mlen, doc)) < 0)
			goto doc_done;
		text = cdr_document_text(doc, &tlen);
		if ((path = join(p->path, "sources/", id)) == NULL || (path = realloc(path, strlen(path) + 6)) == NULL) {
			rc = cdr_error_set(CDR_ENOMEM, "out of memory");
			goto doc_done;
		}
		strcat(path, ".txt");
		if ((rc = cdr_txn_write(txn, path, text, tlen)) < 0)
			goto doc_done;
		strcpy(path + strlen(path) - 4, ".meta");
		if ((rc = cdr_txn_write(txn, path, meta, mlen)) < 0)
			goto doc_done;
		if (cb)
			cb(ctx, paths[i], doc);
		new_ids[nnew++] = id;
		id = NULL;
doc_done:
		free(id);
		free(path);
		free(meta);
		cdr_document_free(doc);
		if (rc < 0)
			goto done;
	}
	/* Cases: the named case, or one per document; then the attributes. */
	for (size_t i = 0; i < nnew; i++) {
		char own[128];
		const char *case_id = opts && opts->case_id ? opts->case_id : new_ids[i];
		size_t c;
		/* a case of its own: never one that already exists under that name */
		if (!(opts && opts->case_id) && cdr_cases_find(p->cases, case_id) >= 0) {
			for (unsigned k = 2;; k++) {
				snprintf(own, sizeof(own), "%s-%u", new_ids[i], k);
				if (cdr_cases_find(p->cases, own) < 0)
					break;
			}
			case_id = own;
		}
		if ((rc = cdr_cases_ensure(p->cases, case_id, &c)) < 0 ||
		    (rc = cdr_cases_assign(p->cases, c, new_ids[i])) < 0)
			goto done;
		for (size_t a = 0; opts && a < opts->nattrs; a++) {
			char *key = NULL;
			const char *value = NULL;
			if ((rc = parse_attr(opts->attrs[a], &key, &value)) < 0)
				goto done;
			rc = cdr_cases_set_attr(p->cases, c, key, value);
			free(key);
			if (rc < 0)
				goto done;
		}
	}
	{
		char *data, *path;
		size_t len;
		if ((rc = cdr_cases_format(&data, &len, p->cases)) < 0)
			goto done;
		if ((path = join(p->path, "cases.tsv", NULL)) == NULL) {
			free(data);
			rc = CDR_ENOMEM;
			goto done;
		}
		rc = cdr_txn_write(txn, path, data, len);
		free(path);
		free(data);
		if (rc < 0)
			goto done;
	}
	if ((rc = cdr_txn_commit(txn)) < 0)
		goto done;
	/* The project now lists the new documents. */
	for (size_t i = 0; i < nnew; i++) {
		if (cdr_grow((void **)&p->docs, &p->docs_cap, p->ndocs + 1, sizeof(char *)) < 0)
			break;
		p->docs[p->ndocs++] = new_ids[i];
		new_ids[i] = NULL;
	}
	cdr_sort(p->docs, p->ndocs, sizeof(char *), natural_cmp);
done:
	for (size_t i = 0; i < nnew; i++)
		free(new_ids[i]);
	free(new_ids);
	cdr_txn_free(txn);
	known_free(&known);
	return rc;
}
