/* test-main.c -- the CUnit runner: registers every suite, runs them, and
 * prints CUnit's summary (to fd 9 when make check provides it, so that the
 * summary reaches the terminal and not only the log). */
#define _GNU_SOURCE
#include <CUnit/Basic.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "codeer/project.h"
#include "util/alloc.h"
#include "test.h"

const char *test_path(const char *relative)
{
	static char buf[4096];
	const char *src = getenv("CODEER_SRCDIR");

	snprintf(buf, sizeof(buf), "%s/%s", src && *src ? src : CODEER_SRCDIR, relative);
	return buf;
}

const char *test_tmpdir(void)
{
	static char buf[256];

	snprintf(buf, sizeof(buf), "/tmp/codeer-test-XXXXXX");
	if (mkdtemp(buf) == NULL) {
		perror("mkdtemp");
		exit(2);
	}
	return buf;
}

char *test_slurp_opt(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data;
	long size;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	fseek(f, 0, SEEK_SET);
	data = malloc((size_t)size + 1);
	*len = fread(data, 1, (size_t)size, f);
	data[*len] = '\0';
	fclose(f);
	return data;
}

char *test_slurp(const char *path, size_t *len)
{
	char *data = test_slurp_opt(path, len);

	if (data == NULL) {
		fprintf(stderr, "missing fixture %s\n", path);
		exit(2);
	}
	return data;
}

void test_rm_rf(const char *path)
{
	struct stat st;
	DIR *d;
	struct dirent *e;
	char child[4096];

	if (lstat(path, &st) < 0)
		return;
	if (S_ISDIR(st.st_mode) && (d = opendir(path)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			snprintf(child, sizeof(child), "%s/%s", path, e->d_name);
			test_rm_rf(child);
		}
		closedir(d);
		rmdir(path);
	} else {
		unlink(path);
	}
}

char *test_join(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);
	snprintf(p, n, "%s/%s", dir, name);
	return p;
}

void test_write_file(const char *path, const char *data)
{
	FILE *f = fopen(path, "wb");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs(data, f);
	fclose(f);
}

cdr_project *test_new_project(char **root)
{
	char *proj;
	cdr_project *p = NULL;

	*root = strdup(test_tmpdir());
	proj = test_join(*root, "proj");
	CU_ASSERT_EQUAL_FATAL(cdr_project_init(proj, "test"), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_project_open(&p, proj), 0);
	free(proj);
	return p;
}

void test_project_done(cdr_project *p, char *root)
{
	cdr_project_free(p);
	test_rm_rf(root);
	free(root);
}

void test_fail_alloc(long n, int once)
{
	if (once)
		cdr_alloc_fail_once(n);
	else
		cdr_alloc_fail_after(n);
}

long test_oom_loop(int (*attempt)(void *ctx, long n, int once), void *ctx)
{
	long total = -1;

	for (long n = 0; n < 200000; n++)
		if (attempt(ctx, n, 0) == 0) {
			total = n;
			break;
		}
	cdr_alloc_fail_after(-1);
	CU_ASSERT(total >= 0);
	for (long n = 0; n < total; n++)
		attempt(ctx, n, 1);
	cdr_alloc_fail_after(-1);
	return total;
}

/* the REFI-QDA exchange suite (test-exchange.c) */
void test_exchange_register(void);
/* autocode --stream and partial matrices of its output (test-stream.c) */
void test_stream_register(void);

int main(void)
{
	unsigned failures;

	if (fcntl(9, F_GETFD) != -1)
		dup2(9, STDOUT_FILENO);
	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	test_util_register();
	test_text_register();
	test_ingest_register();
	test_store_register();
	test_scheme_register();
	test_coding_register();
	test_agree_register();
	test_unitizing_register();
	test_matrix_register();
	test_exchange_register();
	test_stream_register();
	CU_basic_set_mode(CU_BRM_NORMAL);
	CU_basic_run_tests();
	failures = CU_get_number_of_failures();
	CU_cleanup_registry();
	return failures ? 1 : 0;
}
