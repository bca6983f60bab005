/* fileio.c -- bounded whole-file reads and transactional atomic writes.
 *
 * The write protocol is the classic one: temp file in the same directory,
 * write, fsync, rename over the target, fsync the directory. Renames of a
 * transaction happen only after every temp file is safely on disk. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "codeer/error.h"
#include "util/alloc.h"
#include "util/fileio.h"

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
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		int err = errno;
		close(fd);
		return cdr_error_set(CDR_EIO, "%s: %s", path,
				     S_ISDIR(st.st_mode) ? "is a directory" :
				     err ? strerror(err) : "not a regular file");
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
};

struct cdr_txn {
	struct staged *files;
	size_t n, cap;
	int committed;
};

int cdr_txn_new(cdr_txn **out)
{
	return (*out = cdr_calloc(1, sizeof(cdr_txn))) ? 0 : CDR_ENOMEM;
}

static int write_all(int fd, const char *data, size_t len)
{
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

	if (cdr_grow((void **)&txn->files, &txn->cap, txn->n + 1, sizeof(struct staged)) < 0)
		return CDR_ENOMEM;
	if ((dir = dir_of(path)) == NULL || (final = cdr_strdup(path)) == NULL)
		goto nomem;
	tlen = strlen(dir) + 32;
	if ((tmp = cdr_malloc(tlen)) == NULL)
		goto nomem;
	snprintf(tmp, tlen, "%s/.codeer-tmp-XXXXXX", dir);
	if ((fd = mkstemp(tmp)) < 0) {
		cdr_error_set(CDR_EIO, "cannot write in %s: %s", dir, strerror(errno));
		goto fail;
	}
	if (fchmod(fd, 0644) < 0 || write_all(fd, data, len) < 0 || fsync(fd) < 0) {
		cdr_error_set(CDR_EIO, "cannot write %s: %s", path, strerror(errno));
		close(fd);
		unlink(tmp);
		goto fail;
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

static void fsync_dir(const char *path)
{
	char *dir = dir_of(path);
	int fd;

	if (dir == NULL)
		return;
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

int cdr_txn_commit(cdr_txn *txn)
{
	size_t i;

	for (i = 0; i < txn->n; i++) {
		if (rename(txn->files[i].tmp, txn->files[i].path) < 0)
			return cdr_error_set(CDR_EIO, "cannot rename into %s: %s",
					     txn->files[i].path, strerror(errno));
		free(txn->files[i].tmp);
		txn->files[i].tmp = NULL;
	}
	for (i = 0; i < txn->n; i++)
		fsync_dir(txn->files[i].path);
	txn->committed = 1;
	return 0;
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
	free(txn->files);
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
