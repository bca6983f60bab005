/* test.h -- shared declarations of the CUnit suites: one suite per
 * library layer, registered by test-main.c. Fixtures come from the
 * shipped corpus (corpora/) and tests/data/ under CODEER_SRCDIR. */
#ifndef CDR_TEST_H
#define CDR_TEST_H

#include <CUnit/CUnit.h>
#include <stddef.h>

#include "codeer/project.h"

#ifndef CODEER_SRCDIR
#define CODEER_SRCDIR "."
#endif

/* Path of a file in the source tree (static buffer, valid until next call). */
const char *test_path(const char *relative);
/* A fresh empty directory under /tmp (static buffer). */
const char *test_tmpdir(void);
/* Read a file completely (caller frees); aborts the test run if missing. */
char *test_slurp(const char *path, size_t *len);
/* Like test_slurp, but NULL when the file cannot be opened. */
char *test_slurp_opt(const char *path, size_t *len);
/* Remove a file or a directory tree; a missing path is no error. */
void test_rm_rf(const char *path);
/* "dir/name" in a malloc'ed string (caller frees). */
char *test_join(const char *dir, const char *name);
/* Write a NUL-terminated string to a file; fails the test if it cannot. */
void test_write_file(const char *path, const char *data);
/* A fresh project root/proj in a fresh temporary *root (caller frees *root). */
cdr_project *test_new_project(char **root);
/* Free the project of test_new_project and remove (and free) its root. */
void test_project_done(cdr_project *p, char *root);

/*
 * The out-of-memory loop. attempt(ctx, n, once) prepares what it needs,
 * calls test_fail_alloc(n, once) just before the function under test and
 * test_fail_alloc(-1, 0) right after it, checks the outcome (CDR_ENOMEM
 * with everything as it was, or the whole result) and returns the
 * function's return code. First every allocation from the n-th on fails,
 * for n = 0, 1, ... until the function succeeds: that n is how many
 * allocations it makes. Then only the n-th fails, for every n below that:
 * a caller that takes one failed copy for "absent" and goes on shows up
 * only then. Returns the number of allocations, -1 if it never succeeded.
 */
long test_oom_loop(int (*attempt)(void *ctx, long n, int once), void *ctx);
void test_fail_alloc(long n, int once);

void test_util_register(void);
void test_text_register(void);
void test_ingest_register(void);
void test_store_register(void);
void test_scheme_register(void);
void test_coding_register(void);
void test_agree_register(void);
void test_unitizing_register(void);
void test_matrix_register(void);

#endif
