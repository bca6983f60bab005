/* version.c -- versions of codings files and memos (version.h).
 *
 * A version is the start of the SHA-256 of the file's bytes: it changes
 * exactly when the content does. Times and inode numbers would be cheaper
 * but can repeat (a same-sized write within one clock tick, an inode
 * reused by the next atomic rename), and a repeated version would let a
 * stale writer through. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "codeer/coding.h"
#include "codeer/error.h"
#include "codeer/version.h"
#include "util/alloc.h"
#include "util/array.h"

static void digest_hex(char out[CDR_VERSION_SIZE], struct sha256_ctx *ctx)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char d[SHA256_DIGEST_SIZE];

	sha256_digest(ctx, sizeof(d), d);
	for (size_t i = 0; i < (CDR_VERSION_SIZE - 1) / 2; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[CDR_VERSION_SIZE - 1] = '\0';
}

/* Feed a file's bytes to ctx; *exists says whether there was a file. */
static int hash_file(struct sha256_ctx *ctx, const char *path, int *exists)
{
	unsigned char buf[65536];
	int fd;

	*exists = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		if (errno == ENOENT)
			return 0;
		return cdr_error_set(CDR_EIO, "%s: %s", path, strerror(errno));
	}
	for (;;) {
		ssize_t n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int rc = cdr_error_set(CDR_EIO, "%s: %s", path, strerror(errno));
			close(fd);
			return rc;
		}
		if (n == 0)
			break;
		sha256_update(ctx, (size_t)n, buf);
	}
	close(fd);
	*exists = 1;
	return 0;
}

int cdr_codings_version(char out[CDR_VERSION_SIZE], const cdr_project *p, const char *coder)
{
	struct sha256_ctx ctx;
	char path[4400];
	int exists, rc;

	out[0] = '\0';
	if (!cdr_coder_valid(coder))
		return cdr_error_set(CDR_EUSAGE, "'%s' is not a valid coder name (letters, digits, _ - .)", coder);
	snprintf(path, sizeof(path), "%s/codings/%s.tsv", cdr_project_path(p), coder);
	sha256_init(&ctx);
	if ((rc = hash_file(&ctx, path, &exists)) < 0)
		return rc;
	if (exists)
		digest_hex(out, &ctx);
	return 0;
}

int cdr_memo_version(char out[CDR_VERSION_SIZE], const cdr_project *p, cdr_memo_kind kind, const char *id)
{
	struct sha256_ctx ctx;
	char *text = NULL;
	int rc;

	out[0] = '\0';
	/* through cdr_memo_get, so the version is of the file it reads */
	if ((rc = cdr_memo_get(&text, p, kind, id)) < 0 || text == NULL)
		return rc;
	sha256_init(&ctx);
	sha256_update(&ctx, strlen(text), (const unsigned char *)text);
	free(text);
	digest_hex(out, &ctx);
	return 0;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every file below dir, in name order: its path below memos/, a NUL, its
 * bytes' digest. *any is set when there was a file. */
static int hash_tree(struct sha256_ctx *ctx, const char *dir, const char *rel, int depth, int *any)
{
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	DIR *d;
	int rc = 0;

	if (depth > 8 || (d = opendir(dir)) == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		char *name;
		if (e->d_name[0] == '.')
			continue;
		if (cdr_grow((void **)&names, &cap, n + 1, sizeof(char *)) < 0 || (name = cdr_strdup(e->d_name)) == NULL) {
			rc = CDR_ENOMEM;
			break;
		}
		names[n++] = name;
	}
	closedir(d);
	if (rc == 0)
		cdr_sort(names, n, sizeof(char *), cmp_name);
	for (size_t i = 0; i < n && rc == 0; i++) {
		char path[4400], sub[4400];
		struct stat st;
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		snprintf(sub, sizeof(sub), "%s%s%s", rel, *rel ? "/" : "", names[i]);
		if (stat(path, &st) < 0)
			continue; /* removed meanwhile: as if it had not been there */
		if (S_ISDIR(st.st_mode)) {
			rc = hash_tree(ctx, path, sub, depth + 1, any);
		} else if (S_ISREG(st.st_mode)) {
			struct sha256_ctx file;
			char v[CDR_VERSION_SIZE];
			int exists;
			sha256_init(&file);
			if ((rc = hash_file(&file, path, &exists)) < 0 || !exists)
				continue;
			digest_hex(v, &file);
			sha256_update(ctx, strlen(sub) + 1, (const unsigned char *)sub);
			sha256_update(ctx, sizeof(v), (const unsigned char *)v);
			*any = 1;
		}
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}

int cdr_memos_version(char out[CDR_VERSION_SIZE], const cdr_project *p)
{
	struct sha256_ctx ctx;
	char dir[4400];
	int any = 0, rc;

	out[0] = '\0';
	snprintf(dir, sizeof(dir), "%s/memos", cdr_project_path(p));
	sha256_init(&ctx);
	if ((rc = hash_tree(&ctx, dir, "", 0, &any)) < 0)
		return rc;
	if (any)
		digest_hex(out, &ctx);
	return 0;
}
