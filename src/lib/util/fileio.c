/* fileio.c -- bounded whole-file reads and transactional atomic writes.
 *
 * The write protocol is the classic one: temp file in the same directory,
 * write, fsync, rename over the target, fsync the directory. Renames of a
 * transaction happen only after every temp file is safely on disk. A
 * transaction of many files (an add of thousands) defers the syncs:
 * every file is written first, then all are synced at once, before any
 * is named in a journal or renamed -- one wait for the disk instead of
 * one per file, with the same guarantees.
 *
 * A transaction of several files is only all-or-nothing against a crash
 * (SIGKILL, power loss) if something remembers which renames belong
 * together: a journaled transaction writes the list of its renames to
 * <root>/.codeer-journal (itself atomically, so it is complete or absent)
 * before the first rename, and removes it after the last. Whoever finds a
 * journal finishes its renames (cdr_journal_recover); temp files of a
 * transaction that never reached its journal are swept away
 * (cdr_tmp_sweep). Renaming is idempotent, so a crash during recovery is
 * recovered the same way.
 *
 * CODEER_FAULT=rename:N (or fsync:N) makes the N-th rename (fsync) of the
 * process end it with _exit(137) just before it happens: a SIGKILL at a
 * chosen point, for the tests. CODEER_FAULT=write:N ends it in the middle
 * of the N-th file written, after half of its bytes: a torn temporary
 * file. */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE /* d_type in struct dirent */
#endif
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* sync_file_range, syncfs */
#endif
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "codeer/error.h"
#include "util/alloc.h"
#include "util/fileio.h"

/* ---- fault injection ----------------------------------------------------- */

enum { FAULT_RENAME, FAULT_FSYNC, FAULT_WRITE, FAULT_KINDS };
static const char *const fault_names[FAULT_KINDS] = { "rename", "fsync", "write" };
static long fault_left[FAULT_KINDS] = { -1, -1, -1 };
static int fault_env_read;

void cdr_fault_after(const char *kind, long n)
{
	fault_env_read = 1;
	for (int k = 0; k < FAULT_KINDS; k++)
		fault_left[k] = kind && strcmp(kind, fault_names[k]) == 0 ? n : -1;
}

/* Is the fault set for this point? Counts it down; reads CODEER_FAULT
 * the first time. */
static int fault_due(int kind)
{
	if (!fault_env_read) {
		const char *e = getenv("CODEER_FAULT"), *colon;
		fault_env_read = 1;
		if (e && (colon = strchr(e, ':')) != NULL) {
			long n = strtol(colon + 1, NULL, 10);
			for (int k = 0; k < FAULT_KINDS && n > 0; k++)
				if (strlen(fault_names[k]) == (size_t)(colon - e) &&
				    strncmp(e, fault_names[k], (size_t)(colon - e)) == 0)
					fault_left[k] = n;
		}
	}
	return fault_left[kind] > 0 && --fault_left[kind] == 0;
}

static void fault_point(int kind)
{
	if (fault_due(kind))
		_exit(137);
}

static int do_rename(const char *from, const char *to)
{
	fault_point(FAULT_RENAME);
	return rename(from, to);
}

static int do_fsync(int fd)
{
	fault_point(FAULT_FSYNC);
	return fsync(fd);
}

/* ---- reading --------------------------------------------------------------- */

int cdr_file_read(char **out, size_t *out_len, const char *path, size_t limit)
{
	struct stat st;
	char *data = NULL;
	size_t len = 0, cap;
	int fd;

	*out = NULL;
	*out_len = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return cdr_error_set(errno == ENOENT ? CDR_ENOTFOUND : CDR_EIO,
				     "%s: %s", path, strerror(errno));
	if (fstat(fd, &st) < 0) {
		int err = errno;
		close(fd);
		return cdr_error_set(CDR_EIO, "%s: %s", path, strerror(err));
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return cdr_error_set(CDR_EIO, "%s: %s", path, S_ISDIR(st.st_mode) ? "is a directory" : "not a regular file");
	}
	if ((size_t)st.st_size > limit) {
		close(fd);
		return cdr_error_set(CDR_ELIMIT, "%s: file is %lld bytes, larger than the limit of %zu bytes",
				     path, (long long)st.st_size, limit);
	}
	cap = (size_t)st.st_size + 1;
	if ((data = cdr_malloc(cap)) == NULL) {
		close(fd);
		return CDR_ENOMEM;
	}
	for (;;) {
		ssize_t n = read(fd, data + len, cap - 1 - len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			cdr_error_set(CDR_EIO, "%s: %s", path, strerror(errno));
			goto fail;
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (len == cap - 1) {
			/* The file grew while we read it: keep going up to the limit. */
			if (len >= limit) {
				char probe;
				if (read(fd, &probe, 1) > 0) {
					cdr_error_set(CDR_ELIMIT, "%s: larger than the limit of %zu bytes", path, limit);
					goto fail;
				}
				break;
			}
			if (cdr_grow((void **)&data, &cap, cap * 2 < limit + 1 ? cap * 2 : limit + 1, 1) < 0)
				goto fail;
		}
	}
	close(fd);
	data[len] = '\0';
	*out = data;
	*out_len = len;
	return 0;
fail:
	close(fd);
	free(data);
	return cdr_error_last_code();
}

struct staged {
	char *tmp;
	char *path;
	dev_t dev; /* the file system it is on */
};

struct cdr_txn {
	struct staged *files;
	size_t n, cap;
	int committed;
	int defer_sync; /* fsync the files at commit, all together */
	int sync_fd;    /* deferred: a directory of the files, opened before the
			 * first is written, so that its syncfs reports every
			 * write error since; -1 until then */
	dev_t sync_dev;
	char *root; /* journaled: the directory of the journal, else NULL */
};

int cdr_txn_new(cdr_txn **out)
{
	return (*out = cdr_calloc(1, sizeof(cdr_txn))) ? 0 : CDR_ENOMEM;
}

int cdr_txn_new_journaled(cdr_txn **out, const char *root)
{
	cdr_txn *txn;

	*out = NULL;
	if ((txn = cdr_calloc(1, sizeof(cdr_txn))) == NULL)
		return CDR_ENOMEM;
	if ((txn->root = cdr_strdup(root)) == NULL) {
		free(txn);
		return CDR_ENOMEM;
	}
	*out = txn;
	return 0;
}

void cdr_txn_defer_sync(cdr_txn *txn)
{
	if (!txn->defer_sync && txn->n == 0) {
		txn->defer_sync = 1;
		txn->sync_fd = -1;
	}
}

/* The part of `path` below the journal's directory, or NULL. */
static const char *below_root(const cdr_txn *txn, const char *path)
{
	size_t n = strlen(txn->root);

	if (strncmp(path, txn->root, n) != 0 || path[n] != '/' || path[n + 1] == '\0')
		return NULL;
	return path + n + 1;
}

static int write_all(int fd, const char *data, size_t len)
{
	if (fault_due(FAULT_WRITE)) {
		/* torn: half of the bytes reach the file, then the process dies */
		ssize_t torn = write(fd, data, len / 2);
		(void)torn;
		_exit(137);
	}
	while (len > 0) {
		ssize_t n = write(fd, data, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

static char *dir_of(const char *path)
{
	char *copy = cdr_strdup(path), *dir;

	if (copy == NULL)
		return NULL;
	dir = cdr_strdup(dirname(copy));
	free(copy);
	return dir;
}

int cdr_txn_write(cdr_txn *txn, const char *path, const void *data, size_t len)
{
	char *dir = NULL, *tmp = NULL, *final = NULL;
	size_t tlen;
	int fd = -1;

	/* a journal names files by their place below its directory, one a line */
	if (txn->root && (below_root(txn, path) == NULL || strpbrk(path, "\t\n\r") != NULL))
		return cdr_error_set(CDR_EUSAGE, "%s: cannot be written in a transaction of %s", path, txn->root);
	if (cdr_grow((void **)&txn->files, &txn->cap, txn->n + 1, sizeof(struct staged)) < 0)
		return CDR_ENOMEM;
	if ((dir = dir_of(path)) == NULL || (final = cdr_strdup(path)) == NULL)
		goto nomem;
	tlen = strlen(dir) + 32;
	if ((tmp = cdr_malloc(tlen)) == NULL)
		goto nomem;
	snprintf(tmp, tlen, "%s/" CDR_TMP_PREFIX "XXXXXX", dir);
	if (txn->defer_sync && txn->sync_fd < 0) {
		struct stat st;
		if ((txn->sync_fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0 || fstat(txn->sync_fd, &st) < 0) {
			cdr_error_set(CDR_EIO, "cannot write in %s: %s", dir, strerror(errno));
			if (txn->sync_fd >= 0)
				close(txn->sync_fd);
			txn->sync_fd = -1;
			goto fail;
		}
		txn->sync_dev = st.st_dev;
	}
	if ((fd = mkstemp(tmp)) < 0) {
		cdr_error_set(CDR_EIO, "cannot write in %s: %s", dir, strerror(errno));
		goto fail;
	}
	if (fchmod(fd, 0644) < 0 || write_all(fd, data, len) < 0 || (!txn->defer_sync && do_fsync(fd) < 0)) {
		cdr_error_set(CDR_EIO, "cannot write %s: %s", path, strerror(errno));
		close(fd);
		unlink(tmp);
		goto fail;
	}
	if (txn->defer_sync) {
		struct stat st;
		if (fstat(fd, &st) < 0) {
			cdr_error_set(CDR_EIO, "cannot write %s: %s", path, strerror(errno));
			close(fd);
			unlink(tmp);
			goto fail;
		}
		txn->files[txn->n].dev = st.st_dev;
#ifdef SYNC_FILE_RANGE_WRITE
		/* the disk can start on it while the next files are made */
		sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
#endif
	}
	if (close(fd) < 0) {
		cdr_error_set(CDR_EIO, "cannot write %s: %s", path, strerror(errno));
		unlink(tmp);
		goto fail;
	}
	txn->files[txn->n].tmp = tmp;
	txn->files[txn->n].path = final;
	txn->n++;
	free(dir);
	return 0;
nomem:
	cdr_error_set(CDR_ENOMEM, "out of memory");
fail:
	free(dir);
	free(tmp);
	free(final);
	return cdr_error_last_code();
}

/* fsync the directory that holds `path` (so a rename in it is durable). */
static void fsync_dir(const char *path)
{
	char *dir = dir_of(path);
	int fd;

	if (dir == NULL)
		return;
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		do_fsync(fd);
		close(fd);
	}
	free(dir);
}

static void fsync_dir_itself(const char *dir)
{
	int fd;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		do_fsync(fd);
		close(fd);
	}
}

static char *join2(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = cdr_malloc(n);

	if (p)
		snprintf(p, n, "%s/%s", dir, name);
	return p;
}

/* The journal: a header, one "rename<TAB>temp<TAB>target" line per file
 * (paths below the root), and "end<TAB>count": a journal without its end
 * line was never committed. */
static int journal_write(cdr_txn *txn)
{
	cdr_txn *jt = NULL;
	char *data = NULL, *path = NULL;
	size_t len = 0, cap = 64, i;
	int rc;

	for (i = 0; i < txn->n; i++)
		cap += strlen(txn->files[i].tmp) + strlen(txn->files[i].path) + 16;
	if ((data = cdr_malloc(cap)) == NULL || (path = join2(txn->root, CDR_JOURNAL_NAME)) == NULL) {
		free(data);
		return CDR_ENOMEM;
	}
	if (access(path, F_OK) == 0) {
		rc = cdr_error_set(CDR_EIO, "%s: an unfinished change is still waiting to be completed", txn->root);
		goto done;
	}
	len += (size_t)snprintf(data + len, cap - len, "codeer-journal\t1\n");
	for (i = 0; i < txn->n; i++)
		len += (size_t)snprintf(data + len, cap - len, "rename\t%s\t%s\n", below_root(txn, txn->files[i].tmp),
					below_root(txn, txn->files[i].path));
	len += (size_t)snprintf(data + len, cap - len, "end\t%zu\n", txn->n);
	/* the journal itself is a one-file transaction: complete or absent */
	if ((rc = cdr_txn_new(&jt)) == 0 && (rc = cdr_txn_write(jt, path, data, len)) == 0)
		rc = cdr_txn_commit(jt);
done:
	cdr_txn_free(jt);
	free(data);
	free(path);
	return rc;
}

static void journal_remove(const char *root)
{
	char *path = join2(root, CDR_JOURNAL_NAME);

	if (path != NULL) {
		unlink(path);
		free(path);
		fsync_dir_itself(root);
	}
}

static int same_dir(const char *a, const char *b)
{
	const char *sa = strrchr(a, '/'), *sb = strrchr(b, '/');
	size_t na = sa ? (size_t)(sa - a) : 0, nb = sb ? (size_t)(sb - b) : 0;

	return na == nb && strncmp(a, b, na) == 0;
}

/* fsync each directory the files were renamed into, once: a batch of
 * thousands of files in sources/ needs one, not one per file. */
static void fsync_dirs_once(const cdr_txn *txn)
{
	size_t dirs[16], ndirs = 0; /* a change touches a few directories; past 16 some are synced twice */

	for (size_t i = 0; i < txn->n; i++) {
		size_t d = 0;
		while (d < ndirs && !same_dir(txn->files[dirs[d]].path, txn->files[i].path))
			d++;
		if (d < ndirs)
			continue;
		fsync_dir(txn->files[i].path);
		if (ndirs < sizeof(dirs) / sizeof(dirs[0]))
			dirs[ndirs++] = i;
	}
}

/* A deferred transaction's files, on disk before anything names them:
 * when they all lie on one file system, one syncfs(2) writes them (and
 * whatever else is pending there) in one go, where an fsync per file
 * waits for the disk once per file -- seconds for a few thousand small
 * files. Elsewhere, or on files spread over file systems, each file is
 * fsync'ed, after the last is written. */
static int sync_staged(cdr_txn *txn)
{
	size_t i = 0;
	int fd;

	if (txn->n == 0)
		return 0;
#ifdef __linux__
	for (i = 0; i < txn->n && txn->files[i].dev == txn->sync_dev; i++)
		;
	if (i == txn->n) {
		fault_point(FAULT_FSYNC);
		if (syncfs(txn->sync_fd) < 0)
			return cdr_error_set(CDR_EIO, "cannot write %s: %s", txn->files[0].path, strerror(errno));
		return 0;
	}
#endif
	for (i = 0; i < txn->n; i++) {
		if ((fd = open(txn->files[i].tmp, O_RDONLY | O_CLOEXEC)) < 0 || do_fsync(fd) < 0) {
			int err = errno;
			if (fd >= 0)
				close(fd);
			return cdr_error_set(CDR_EIO, "cannot write %s: %s", txn->files[i].path, strerror(err));
		}
		close(fd);
	}
	return 0;
}

int cdr_txn_commit(cdr_txn *txn)
{
	int journaled = txn->root != NULL && txn->n > 1;
	size_t i;
	int rc;

	if (txn->defer_sync && (rc = sync_staged(txn)) < 0)
		return rc;
	if (journaled) {
		/* the temp files' names must be on disk before a journal names them
		 * (once per directory: a batch writes runs of files in one) */
		for (i = 0; i < txn->n; i++)
			if (i == 0 || !same_dir(txn->files[i].tmp, txn->files[i - 1].tmp))
				fsync_dir(txn->files[i].tmp);
		if ((rc = journal_write(txn)) < 0)
			return rc;
	}
	for (i = 0; i < txn->n; i++) {
		/* Past the journal, a failed rename leaves the journal in place:
		 * the next command that takes the lock finishes the renames. */
		if (do_rename(txn->files[i].tmp, txn->files[i].path) < 0)
			return cdr_error_set(CDR_EIO, "cannot rename into %s: %s",
					     txn->files[i].path, strerror(errno));
		free(txn->files[i].tmp);
		txn->files[i].tmp = NULL;
	}
	fsync_dirs_once(txn);
	if (journaled)
		journal_remove(txn->root);
	txn->committed = 1;
	return 0;
}

/* ---- recovery ---------------------------------------------------------------- */

/* A journal entry's path: relative, no "..", no empty part. */
static int safe_relative(const char *p)
{
	if (*p == '\0' || *p == '/')
		return 0;
	for (const char *s = p; *s;) {
		const char *slash = strchr(s, '/');
		size_t n = slash ? (size_t)(slash - s) : strlen(s);
		if (n == 0 || (n == 2 && s[0] == '.' && s[1] == '.') || (n == 1 && s[0] == '.'))
			return 0;
		s += n + (slash != NULL);
	}
	return 1;
}

static int is_tmp_name(const char *path)
{
	const char *base = strrchr(path, '/');

	base = base ? base + 1 : path;
	return strncmp(base, CDR_TMP_PREFIX, sizeof(CDR_TMP_PREFIX) - 1) == 0;
}

struct jentry {
	char *tmp, *target; /* point into the journal's data */
};

int cdr_journal_recover(const char *root, int *outcome)
{
	char *path = NULL, *data = NULL, *line, *from = NULL, *to = NULL;
	struct jentry *e = NULL;
	size_t len, pos = 0, n = 0, cap = 0, lineno = 0, count = 0;
	int rc, complete = 0, bad = 0;

	if (outcome)
		*outcome = CDR_JOURNAL_NONE;
	if ((path = join2(root, CDR_JOURNAL_NAME)) == NULL)
		return CDR_ENOMEM;
	rc = cdr_file_read(&data, &len, path, (size_t)256 << 20);
	if (rc == CDR_ENOTFOUND) {
		cdr_error_clear();
		free(path);
		return 0;
	}
	if (rc < 0)
		goto done;
	while (pos < len && !bad) {
		char *nl = memchr(data + pos, '\n', len - pos), *f1, *f2 = NULL;
		line = data + pos;
		if (nl == NULL) { /* a last line without its newline: never finished */
			bad = 1;
			break;
		}
		*nl = '\0';
		pos = (size_t)(nl - data) + 1;
		lineno++;
		if (lineno == 1) {
			bad = strcmp(line, "codeer-journal\t1") != 0;
			continue;
		}
		if (complete) { /* nothing may follow the end line */
			bad = 1;
			break;
		}
		if (strncmp(line, "end\t", 4) == 0) {
			char *endp;
			count = (size_t)strtoull(line + 4, &endp, 10);
			complete = *endp == '\0' && count == n;
			bad = !complete;
			continue;
		}
		f1 = line + 7;
		if (strncmp(line, "rename\t", 7) != 0 || (f2 = strchr(f1, '\t')) == NULL) {
			bad = 1;
			break;
		}
		*f2++ = '\0';
		if (!safe_relative(f1) || !safe_relative(f2) || !is_tmp_name(f1) || strchr(f2, '\t')) {
			bad = 1;
			break;
		}
		if (cdr_grow((void **)&e, &cap, n + 1, sizeof(*e)) < 0) {
			rc = CDR_ENOMEM;
			goto done;
		}
		e[n].tmp = f1;
		e[n].target = f2;
		n++;
	}
	if (!complete)
		bad = 1;
	for (size_t i = 0; i < n; i++) {
		free(from);
		free(to);
		to = NULL;
		if ((from = join2(root, e[i].tmp)) == NULL || (to = join2(root, e[i].target)) == NULL) {
			rc = CDR_ENOMEM;
			goto done;
		}
		if (bad) {
			/* never committed: its staged files go */
			unlink(from);
			continue;
		}
		/* a temp file that is gone was renamed before the crash */
		if (access(from, F_OK) == 0 && do_rename(from, to) < 0) {
			rc = cdr_error_set(CDR_EIO, "%s: cannot complete an unfinished change (renaming %s into %s): %s",
					   root, e[i].tmp, e[i].target, strerror(errno));
			goto done;
		}
	}
	for (size_t i = 0; i < n && !bad; i++) {
		free(to);
		if ((to = join2(root, e[i].target)) == NULL) {
			rc = CDR_ENOMEM;
			goto done;
		}
		fsync_dir(to);
	}
	if (unlink(path) < 0 && errno != ENOENT) {
		rc = cdr_error_set(CDR_EIO, "%s: cannot remove %s: %s", root, CDR_JOURNAL_NAME, strerror(errno));
		goto done;
	}
	fsync_dir_itself(root);
	if (outcome)
		*outcome = bad ? CDR_JOURNAL_ROLLED_BACK : CDR_JOURNAL_ROLLED_FORWARD;
	rc = 0;
done:
	free(from);
	free(to);
	free(e);
	free(data);
	free(path);
	return rc;
}

int cdr_journal_check(const char *root, int *complete)
{
	char *path = join2(root, CDR_JOURNAL_NAME), *data = NULL;
	size_t len;
	int rc;

	*complete = 0;
	if (path == NULL)
		return CDR_ENOMEM;
	rc = cdr_file_read(&data, &len, path, (size_t)256 << 20);
	free(path);
	if (rc == CDR_ENOTFOUND) {
		cdr_error_clear();
		return 0;
	}
	if (rc < 0)
		return rc;
	/* complete: the header first and an end line last */
	if (len > 0 && data[len - 1] == '\n' && strncmp(data, "codeer-journal\t1\n", 17) == 0) {
		char *last;
		data[len - 1] = '\0';
		last = strrchr(data, '\n');
		*complete = last != NULL && strncmp(last + 1, "end\t", 4) == 0;
	}
	free(data);
	return 1;
}

static int older(const struct stat *st, const struct timespec *before)
{
	return st->st_mtim.tv_sec < before->tv_sec ||
	       (st->st_mtim.tv_sec == before->tv_sec && st->st_mtim.tv_nsec < before->tv_nsec);
}

int cdr_tmp_sweep(const char *dir, const struct timespec *before, int depth,
		  int (*found)(void *ctx, const char *path), void *ctx)
{
	DIR *d;
	struct dirent *ent;
	int rc = 0;

	if ((d = opendir(dir)) == NULL)
		return 0; /* nothing there to sweep */
	while (rc == 0 && (ent = readdir(d)) != NULL) {
		struct stat st;
		char *path;
		int tmp = strncmp(ent->d_name, CDR_TMP_PREFIX, sizeof(CDR_TMP_PREFIX) - 1) == 0;

		if (!tmp && (ent->d_name[0] == '.' || depth <= 0))
			continue; /* ., .., .git and the like are not the project's */
#if defined(_DIRENT_HAVE_D_TYPE) && defined(DT_DIR)
		/* sources/ may hold tens of thousands of files: no lstat for those */
		if (!tmp && ent->d_type != DT_DIR && ent->d_type != DT_UNKNOWN)
			continue;
#endif
		if ((path = join2(dir, ent->d_name)) == NULL) {
			rc = CDR_ENOMEM;
			break;
		}
		if (lstat(path, &st) == 0) {
			if (tmp && S_ISREG(st.st_mode) && (before == NULL || older(&st, before))) {
				if (found)
					rc = found(ctx, path);
				else if (unlink(path) < 0 && errno != ENOENT)
					rc = cdr_error_set(CDR_EIO, "cannot remove %s: %s", path, strerror(errno));
			} else if (!tmp && S_ISDIR(st.st_mode)) {
				rc = cdr_tmp_sweep(path, before, depth - 1, found, ctx);
			}
		}
		free(path);
	}
	closedir(d);
	return rc;
}

void cdr_txn_free(cdr_txn *txn)
{
	size_t i;

	if (txn == NULL)
		return;
	for (i = 0; i < txn->n; i++) {
		if (txn->files[i].tmp) {
			unlink(txn->files[i].tmp);
			free(txn->files[i].tmp);
		}
		free(txn->files[i].path);
	}
	if (txn->defer_sync && txn->sync_fd >= 0)
		close(txn->sync_fd);
	free(txn->files);
	free(txn->root);
	free(txn);
}

int cdr_file_write_atomic(const char *path, const void *data, size_t len)
{
	cdr_txn *txn;
	int rc;

	if ((rc = cdr_txn_new(&txn)) < 0)
		return rc;
	if ((rc = cdr_txn_write(txn, path, data, len)) == 0)
		rc = cdr_txn_commit(txn);
	cdr_txn_free(txn);
	return rc;
}
