/* test-main.c -- the CUnit runner: registers every suite, runs them, and
 * prints CUnit's summary (to fd 9 when make check provides it, so that the
 * summary reaches the terminal and not only the log). */
#define _GNU_SOURCE
#include <CUnit/Basic.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

char *test_slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data;
	long size;

	if (f == NULL) {
		fprintf(stderr, "missing fixture %s\n", path);
		exit(2);
	}
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	fseek(f, 0, SEEK_SET);
	data = malloc((size_t)size + 1);
	*len = fread(data, 1, (size_t)size, f);
	data[*len] = '\0';
	fclose(f);
	return data;
}

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
	CU_basic_set_mode(CU_BRM_NORMAL);
	CU_basic_run_tests();
	failures = CU_get_number_of_failures();
	CU_cleanup_registry();
	return failures ? 1 : 0;
}
