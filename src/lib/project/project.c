/* project.c -- open, create, lock and fill a project directory.
 *
 * The directory layout is described in include/codeer/project.h. Adding
 * documents is a transaction: the files are read on several threads
 * (ingest/ingest-parallel.c) and taken here in command-line order; every
 * new file is staged next to its target, and only when all files of the
 * command are written, and then synced together, are they renamed into
 * place, so a bad file in a batch changes nothing. The
 * transaction is journaled (util/fileio.c), so a process killed while it
 * renames leaves a journal that the next command completes: opening a
 * project, and taking its lock, first finish such a change and remove
 * the temporary files that dead writers left behind. */
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
#include "ingest/ingest-parallel.h"
#include "project/change.h"
#include "project/config.h"
#include "project/meta.h"
#include "project/project-internal.h"
#include "util/clock.h"
#include "util/alloc.h"
#include "util/array.h"
#include "util/buf.h"
#include "util/fileio.h"
#include "util/hash.h"
#include "util/strmap.h"

#define CONFIG_FILE "codeer.toml"

struct cdr_project {
	char *path;
	cdr_config config;
	char **docs;
	size_t ndocs, docs_cap;
	cdr_cases *cases;
	int lock_fd;
	char *cases_error; /* CDR_OPEN_FSCK: why cases.tsv could not be read */
};

/* How deep below the project directory temporary files are looked for
 * (memos/code/<scheme>/ is the deepest place codeer writes). */
#define SWEEP_DEPTH 3

static char *join(const char *dir, const char *a, const char *b)
{
	size_t n = strlen(dir) + strlen(a) + (b ? strlen(b) : 0) + 2;
	char *p = cdr_malloc(n);

	if (p)
		snprintf(p, n, "%s/%s%s", dir, a, b ? b : "");
	return p;
}

/* "<dir>/sources/<id><ext>" */
static char *source_path(const char *dir, const char *id, const char *ext)
{
	size_t n = strlen(dir) + strlen(id) + strlen(ext) + sizeof("/sources/");
	char *p = cdr_malloc(n);

	if (p)
		snprintf(p, n, "%s/sources/%s%s", dir, id, ext);
	return p;
}

int cdr_project_init(const char *dir, const char *name)
{
	static const char *const subdirs[] = { "sources", "codings", "schemes", "memos", NULL };
	static const char gitignore[] = ".codeer.lock\n.codeer-tmp-*\n.codeer-journal\n.codeer-cache/\n";
	cdr_config cfg = { 0 };
	char created[32], *path = NULL, *data = NULL, *abs = NULL;
	size_t len;
	cdr_txn *txn = NULL;
	int rc;

	if (mkdir(dir, 0777) < 0 && errno != EEXIST)
		return cdr_error_set(CDR_EIO, "cannot create %s: %s", dir, strerror(errno));
	/* an init killed halfway left a journal: finishing it may make this a project */
	if ((rc = cdr_journal_recover(dir, NULL)) < 0)
		return rc;
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
	if ((rc = cdr_txn_new_journaled(&txn, dir)) < 0)
		goto done;
	/* files the user already has in the directory are left alone */
	if ((path = join(dir, "cases.tsv", NULL)) == NULL ||
	    (access(path, F_OK) != 0 && (rc = cdr_txn_write(txn, path, "case\tdocs\n", 10)) < 0))
		goto done;
	free(path);
	if ((path = join(dir, ".gitignore", NULL)) == NULL ||
	    (access(path, F_OK) != 0 && (rc = cdr_txn_write(txn, path, gitignore, sizeof(gitignore) - 1)) < 0))
		goto done;
	free(path);
	path = NULL;
	/* codeer.toml last: the directory is a project only when the rest is there */
	if ((rc = cdr_config_format(&data, &len, &cfg)) < 0)
		goto done;
	if ((path = join(dir, CONFIG_FILE, NULL)) == NULL) {
		rc = CDR_ENOMEM;
		goto done;
	}
	if ((rc = cdr_txn_write(txn, path, data, len)) == 0)
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

/* Read the document list and cases.tsv (again, after a recovery). With
 * `cases_error`, a cases.tsv that cannot be read counts as none and the
 * reason is kept there (for fsck). */
static int load_lists(cdr_project *p, char **cases_error)
{
	char *path, *data = NULL;
	cdr_cases *cases = NULL;
	size_t len;
	int rc;

	for (size_t i = 0; i < p->ndocs; i++)
		free(p->docs[i]);
	p->ndocs = 0;
	if ((rc = scan_sources(p)) < 0)
		return rc;
	if ((path = join(p->path, "cases.tsv", NULL)) == NULL)
		return CDR_ENOMEM;
	rc = cdr_file_read(&data, &len, path, (size_t)1 << 30);
	if (rc == CDR_ENOTFOUND) {
		cdr_error_clear();
		rc = cdr_cases_new(&cases);
	} else if (rc == 0) {
		rc = cdr_cases_parse(&cases, data, len, path);
	}
	free(data);
	free(path);
	if (rc < 0 && rc != CDR_ENOMEM && cases_error) {
		if ((*cases_error = cdr_strdup(cdr_error_last())) == NULL)
			return CDR_ENOMEM;
		rc = cdr_cases_new(&cases);
	}
	if (rc < 0)
		return rc;
	cdr_cases_free(p->cases);
	p->cases = cases;
	return default_cases(p);
}

int cdr_project_reload(cdr_project *p)
{
	return load_lists(p, NULL);
}

const char *cdr_project_cases_error(const cdr_project *p)
{
	return p->cases_error;
}

/* Under the lock, taken at `since`: finish a change a killed writer left
 * (its journal), then remove temporary files older than the lock, which
 * only writers that died can have left. *changed: files were renamed. */
static int recover_locked(cdr_project *p, const struct timespec *since, int *changed)
{
	int outcome = CDR_JOURNAL_NONE, rc, pending;
	char *path;

	if ((rc = cdr_journal_recover(p->path, &outcome)) < 0)
		return rc;
	*changed = outcome == CDR_JOURNAL_ROLLED_FORWARD;
	/* a committed change's removals come after its renames */
	if ((path = join(p->path, CDR_REMOVE_LIST, NULL)) == NULL)
		return CDR_ENOMEM;
	pending = access(path, F_OK) == 0;
	free(path);
	if (pending && (rc = cdr_change_recover(p->path)) < 0)
		return rc;
	*changed |= pending;
	/* a temporary file that cannot be removed harms no one: fsck lists it */
	if ((rc = cdr_tmp_sweep(p->path, since, SWEEP_DEPTH, NULL, NULL)) == CDR_ENOMEM)
		return rc;
	cdr_error_clear();
	return 0;
}

static int stop_at_first(void *ctx, const char *path)
{
	(void)ctx;
	(void)path;
	return 1;
}

/* When opening: is there anything a killed writer left? If so, and no
 * other codeer is writing (the lock is free), clean up now, so that even
 * a command that only reads sees the old state or the new one. */
static int recover_on_open(cdr_project *p)
{
	struct timespec since;
	char *path;
	int complete, rc, fd, changed = 0;

	if ((rc = cdr_journal_check(p->path, &complete)) < 0)
		return rc;
	if (rc == 0) {
		/* removals a committed change left (change.h) */
		if ((path = join(p->path, CDR_REMOVE_LIST, NULL)) == NULL)
			return CDR_ENOMEM;
		rc = access(path, F_OK) == 0;
		free(path);
	}
	if (rc == 0 && (rc = cdr_tmp_sweep(p->path, NULL, SWEEP_DEPTH, stop_at_first, NULL)) <= 0)
		return rc;
	if ((path = join(p->path, ".codeer.lock", NULL)) == NULL)
		return CDR_ENOMEM;
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	free(path);
	if (fd < 0)
		return 0; /* a project we may not write: read it as it is */
	if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
		close(fd); /* another codeer is writing: its files are not stale */
		return 0;
	}
	clock_gettime(CLOCK_REALTIME, &since);
	rc = recover_locked(p, &since, &changed);
	close(fd);
	return rc;
}

int cdr_project_open(cdr_project **out, const char *dir)
{
	return cdr_project_open_ex(out, dir, 0);
}

int cdr_project_open_ex(cdr_project **out, const char *dir, unsigned flags)
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
	if (!(flags & CDR_OPEN_FSCK) && (rc = recover_on_open(p)) < 0)
		goto fail;
	/* fsck reports a damaged cases.tsv; the documents can still be checked */
	if ((rc = load_lists(p, (flags & CDR_OPEN_FSCK) ? &p->cases_error : NULL)) < 0)
		goto fail;
	free(data);
	free(path);
	*out = p;
	return 0;
fail:
	free(path);
	free(data);
	cdr_project_free(p);
	return rc;
}

int cdr_project_lock(cdr_project *p, void (*on_wait)(const char *dir))
{
	char *path = join(p->path, ".codeer.lock", NULL);
	struct timespec since;
	int fd, rc, changed = 0;

	if (path == NULL)
		return CDR_ENOMEM;
	if (p->lock_fd >= 0) {
		free(path);
		return 0;
	}
	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644)) < 0) {
		rc = cdr_error_set(CDR_EIO, "%s: the project cannot be written: %s", p->path, strerror(errno));
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
	clock_gettime(CLOCK_REALTIME, &since);
	/* A writer killed since this project was opened may have left a
	 * change to finish; then the lists read at open are out of date. */
	if ((rc = recover_locked(p, &since, &changed)) < 0 || (changed && (rc = load_lists(p, NULL)) < 0)) {
		close(fd);
		return rc;
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
	free(p->cases_error);
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

int cdr_project_doc_length(size_t *out, const cdr_project *p, const char *id)
{
	char *path = NULL, *data = NULL, digest[65];
	cdr_document *doc = NULL;
	size_t len;
	int rc;

	*out = 0;
	if (!cdr_project_has_doc(p, id))
		return cdr_error_set(CDR_ENOTFOUND, "no document '%s' in the project (see 'codeer docs')", id);
	if ((rc = cdr_document_new(&doc)) < 0)
		return rc;
	if ((path = source_path(p->path, id, ".meta")) == NULL) {
		rc = CDR_ENOMEM;
		goto done;
	}
	/* the head says the length: no need to parse thousands of turns */
	if ((rc = cdr_file_read(&data, &len, path, CDR_META_LIMIT)) == 0 &&
	    (rc = cdr_meta_parse(doc, data, len, path, 1, digest)) == 0)
		*out = cdr_document_length(doc);
done:
	cdr_document_free(doc);
	free(path);
	free(data);
	return rc;
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
	/* room for ".meta", so the same buffer names the ".txt" below */
	if ((path = source_path(p->path, id, ".meta")) == NULL) {
		rc = CDR_ENOMEM;
		goto done;
	}
	if ((rc = cdr_file_read(&data, &len, path, CDR_META_LIMIT)) < 0)
		goto done;
	if ((rc = cdr_meta_parse(doc, data, len, path, 0, digest)) < 0)
		goto done;
	if (with_text) {
		strcpy(path + strlen(path) - 5, ".txt");
		if ((rc = cdr_file_read(&text, &tlen, path, CDR_SOURCE_LIMIT)) < 0)
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

/* Every id and source digest the add knows of: the project's documents,
 * then each new one as it is taken. Looked up by hash, as a batch of
 * thousands of files asks once per file. */
struct known {
	char **ids;
	char **digests;
	size_t n, cap;
	cdr_strmap by_id, by_digest; /* the first entry of each id and digest */
};

static void known_free(struct known *k)
{
	for (size_t i = 0; i < k->n; i++) {
		free(k->ids[i]);
		free(k->digests[i]);
	}
	free(k->ids);
	free(k->digests);
	cdr_strmap_clear(&k->by_id);
	cdr_strmap_clear(&k->by_digest);
}

static int known_add(struct known *k, const char *id, const char *digest)
{
	size_t cap = k->cap, first;

	if (cdr_grow((void **)&k->ids, &cap, k->n + 1, sizeof(char *)) < 0 ||
	    cdr_grow((void **)&k->digests, &k->cap, k->n + 1, sizeof(char *)) < 0)
		return CDR_ENOMEM;
	if ((k->ids[k->n] = cdr_strdup(id)) == NULL)
		return CDR_ENOMEM;
	if ((k->digests[k->n] = cdr_strdup(digest)) == NULL) {
		free(k->ids[k->n]);
		return CDR_ENOMEM;
	}
	if ((!cdr_strmap_get(&k->by_id, id, &first) && cdr_strmap_put(&k->by_id, k->ids[k->n], k->n) < 0) ||
	    (!cdr_strmap_get(&k->by_digest, digest, &first) &&
	     cdr_strmap_put(&k->by_digest, k->digests[k->n], k->n) < 0)) {
		/* the maps may hold the new strings: they stay, as entry n */
		k->n++;
		return CDR_ENOMEM;
	}
	k->n++;
	return 0;
}

/* The id and source digest of every document already in the project. */
static int load_known(struct known *k, const cdr_project *p)
{
	for (size_t i = 0; i < p->ndocs; i++) {
		char *path = source_path(p->path, p->docs[i], ".meta"), *data = NULL, digest[65];
		cdr_document *doc = NULL;
		size_t len;
		int rc;

		if (path == NULL)
			return CDR_ENOMEM;
		rc = cdr_file_read(&data, &len, path, CDR_META_LIMIT);
		if (rc == 0)
			rc = cdr_document_new(&doc);
		if (rc == 0)
			rc = cdr_meta_parse(doc, data, len, path, 1, digest);
		if (rc == 0)
			rc = known_add(k, p->docs[i], cdr_document_info_get(doc)->sha256);
		/* the text's digest too ("t:" before it): the same text from another
		 * format is the same document */
		if (rc == 0) {
			char tagged[CDR_SHA256_HEX_LEN + 3];
			snprintf(tagged, sizeof(tagged), "t:%s", digest);
			rc = known_add(k, p->docs[i], tagged);
		}
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
	size_t i;

	return cdr_strmap_get(&k->by_digest, digest, &i) ? k->ids[i] : NULL;
}

static int known_has_id(const struct known *k, const char *id)
{
	size_t i;

	return cdr_strmap_get(&k->by_id, id, &i);
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

/* A copy of the cases (through their file form, which reads back the same). */
static int cases_copy(cdr_cases **out, const cdr_cases *cases)
{
	char *data;
	size_t len;
	int rc;

	*out = NULL;
	if ((rc = cdr_cases_format(&data, &len, cases)) < 0)
		return rc;
	rc = cdr_cases_parse(out, data, len, "cases.tsv");
	free(data);
	return rc;
}

/* What the documents of one add share, as they come in file order. */
struct adding {
	cdr_project *p;
	const char *const *paths;
	const cdr_add_options *opts;
	struct known known;
	cdr_txn *txn;
	char **new_ids;
	size_t nnew;
	char added[32];
	cdr_add_cb cb;
	void *cb_ctx;
};

/* Take one read document (cdr_ingest_files's callback, in file order):
 * refuse a duplicate, give it its id, and stage its .txt and .meta. */
static int take_doc(void *ctx, size_t i, cdr_document *doc)
{
	struct adding *a = ctx;
	const cdr_add_options *opts = a->opts;
	const char *owner, *text;
	char *meta = NULL, *path = NULL, *id = NULL, text_digest[CDR_SHA256_HEX_LEN + 3];
	size_t mlen, tlen;
	int rc;

	text = cdr_document_text(doc, &tlen);
	memcpy(text_digest, "t:", 2);
	/* the reader's digest of the text, which the .meta will state; on
	 * this thread a second pass over every byte would be in the way */
	if (strlen(cdr_document_info_get(doc)->text_sha256) == CDR_SHA256_HEX_LEN)
		memcpy(text_digest + 2, cdr_document_info_get(doc)->text_sha256, CDR_SHA256_HEX_LEN + 1);
	else
		cdr_sha256_hex(text_digest + 2, text, tlen);
	owner = known_digest_owner(&a->known, cdr_document_info_get(doc)->sha256);
	if (owner == NULL && (owner = known_digest_owner(&a->known, text_digest)) != NULL && !(opts && opts->force)) {
		rc = cdr_error_set(CDR_EEXISTS, "%s: already in the project as '%s' (same content: the same text, "
				   "read from another file)", a->paths[i], owner);
		goto done;
	}
	if (owner && !(opts && opts->force)) {
		rc = cdr_error_set(CDR_EEXISTS, "%s: already in the project as '%s' (same content)", a->paths[i], owner);
		goto done;
	}
	if ((rc = unique_id(&id, &a->known, a->paths[i])) < 0 ||
	    (rc = cdr_document_set_info(doc, "id", id)) < 0 ||
	    (rc = cdr_document_set_info(doc, "added", a->added)) < 0 ||
	    (rc = known_add(&a->known, id, cdr_document_info_get(doc)->sha256)) < 0 ||
	    (rc = known_add(&a->known, id, text_digest)) < 0 ||
	    (rc = cdr_meta_format(&meta, &mlen, doc)) < 0)
		goto done;
	/* the .txt before its .meta: a document is listed by its .meta */
	if ((path = source_path(a->p->path, id, ".txt")) == NULL) {
		rc = CDR_ENOMEM;
		goto done;
	}
	if ((rc = cdr_txn_write(a->txn, path, text, tlen)) < 0)
		goto done;
	free(path);
	if ((path = source_path(a->p->path, id, ".meta")) == NULL) {
		rc = CDR_ENOMEM;
		goto done;
	}
	if ((rc = cdr_txn_write(a->txn, path, meta, mlen)) < 0)
		goto done;
	if (a->cb)
		a->cb(a->cb_ctx, a->paths[i], doc);
	a->new_ids[a->nnew++] = id;
	id = NULL;
done:
	free(id);
	free(path);
	free(meta);
	cdr_document_free(doc);
	return rc;
}

int cdr_project_add(cdr_project *p, const char *const *paths, size_t n,
		    const cdr_add_options *opts, cdr_add_cb cb, void *ctx)
{
	struct adding a = { .p = p, .paths = paths, .opts = opts, .cb = cb, .cb_ctx = ctx };
	cdr_cases *cases = NULL;
	int rc;

	cdr_now_iso(a.added);
	/* Check the options first: a bad one must not leave anything changed. */
	if (opts && opts->case_id && (*opts->case_id == '\0' || strpbrk(opts->case_id, "\t\n\r") != NULL))
		return cdr_error_set(CDR_EUSAGE, "'%s' is not a valid case id", opts->case_id);
	for (size_t i = 0; opts && i < opts->nattrs; i++) {
		char *key = NULL;
		const char *value = NULL;
		if ((rc = parse_attr(opts->attrs[i], &key, &value)) < 0)
			return rc;
		rc = cdr_cases_attr_name_valid(key) && strpbrk(value, "\t\n\r") == NULL ? 0 :
			cdr_error_set(CDR_EUSAGE, "attribute '%s': '%s' cannot be an attribute name, or the value has a tab or newline",
				      opts->attrs[i], key);
		free(key);
		if (rc < 0)
			return rc;
	}
	if ((rc = cdr_project_lock(p, NULL)) < 0)
		return rc;
	if ((rc = load_known(&a.known, p)) < 0 || (rc = cdr_txn_new_journaled(&a.txn, p->path)) < 0)
		goto done;
	/* every file written first, then all synced at once before the commit */
	cdr_txn_defer_sync(a.txn);
	if ((a.new_ids = cdr_calloc(n ? n : 1, sizeof(char *))) == NULL) {
		rc = CDR_ENOMEM;
		goto done;
	}
	/* the files are read on `jobs` threads and taken here in their order,
	 * so ids, messages and the files written do not depend on `jobs` */
	if ((rc = cdr_ingest_files(paths, n, opts ? &opts->ingest : NULL, opts ? opts->jobs : 1, take_doc, &a)) < 0)
		goto done;
	/* Cases: the named case, or one per document; then the attributes.
	 * They change a copy, so that a failure leaves the project's own. */
	if ((rc = cases_copy(&cases, p->cases)) < 0)
		goto done;
	for (size_t i = 0; i < a.nnew; i++) {
		char own[128];
		const char *case_id = opts && opts->case_id ? opts->case_id : a.new_ids[i];
		size_t c;
		/* a case of its own: never one that already exists under that name */
		if (!(opts && opts->case_id) && cdr_cases_find(cases, case_id) >= 0) {
			for (unsigned k = 2;; k++) {
				snprintf(own, sizeof(own), "%s-%u", a.new_ids[i], k);
				if (cdr_cases_find(cases, own) < 0)
					break;
			}
			case_id = own;
		}
		if ((rc = cdr_cases_ensure(cases, case_id, &c)) < 0 ||
		    (rc = cdr_cases_assign(cases, c, a.new_ids[i])) < 0)
			goto done;
		for (size_t k = 0; opts && k < opts->nattrs; k++) {
			char *key = NULL;
			const char *value = NULL;
			if ((rc = parse_attr(opts->attrs[k], &key, &value)) < 0)
				goto done;
			rc = cdr_cases_set_attr(cases, c, key, value);
			free(key);
			if (rc < 0)
				goto done;
		}
	}
	{
		char *data, *path;
		size_t len;
		if ((rc = cdr_cases_format(&data, &len, cases)) < 0)
			goto done;
		if ((path = join(p->path, "cases.tsv", NULL)) == NULL) {
			free(data);
			rc = CDR_ENOMEM;
			goto done;
		}
		rc = cdr_txn_write(a.txn, path, data, len);
		free(path);
		free(data);
		if (rc < 0)
			goto done;
	}
	/* room for the new ids now: after the commit nothing may fail */
	if ((rc = cdr_grow((void **)&p->docs, &p->docs_cap, p->ndocs + a.nnew, sizeof(char *))) < 0)
		goto done;
	if ((rc = cdr_txn_commit(a.txn)) < 0)
		goto done;
	/* The project now lists the new documents and their cases. */
	for (size_t i = 0; i < a.nnew; i++) {
		p->docs[p->ndocs++] = a.new_ids[i];
		a.new_ids[i] = NULL;
	}
	cdr_sort(p->docs, p->ndocs, sizeof(char *), natural_cmp);
	cdr_cases_free(p->cases);
	p->cases = cases;
	cases = NULL;
done:
	for (size_t i = 0; i < a.nnew; i++)
		free(a.new_ids[i]);
	free(a.new_ids);
	cdr_cases_free(cases);
	cdr_txn_free(a.txn);
	known_free(&a.known);
	return rc;
}
