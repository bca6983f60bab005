/* test.h -- shared declarations of the CUnit suites: one suite per
 * library layer, registered by test-main.c. Fixtures come from the
 * shipped corpus (corpora/) and tests/data/ under CODEER_SRCDIR. */
#ifndef CDR_TEST_H
#define CDR_TEST_H

#include <CUnit/CUnit.h>

#ifndef CODEER_SRCDIR
#define CODEER_SRCDIR "."
#endif

/* Path of a file in the source tree (static buffer, valid until next call). */
const char *test_path(const char *relative);
/* A fresh empty directory under /tmp (static buffer). */
const char *test_tmpdir(void);
/* Read a file completely (caller frees); aborts the test run if missing. */
char *test_slurp(const char *path, size_t *len);

void test_util_register(void);
void test_text_register(void);
void test_ingest_register(void);
void test_store_register(void);
void test_scheme_register(void);
void test_coding_register(void);
void test_agree_register(void);
void test_unitizing_register(void);

#endif
