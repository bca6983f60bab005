/* test-util.c -- the util layer: TSV escaping and line stepping, the
 * growable buffer, bounded reads and transactional writes, table output in
 * every format, and the allocation fault hook driven through the readers. */
#include <CUnit/CUnit.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "codeer/cases.h"
#include "codeer/document.h"
#include "codeer/error.h"
#include "codeer/ingest.h"
#include "codeer/table.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/fileio.h"
#include "util/hash.h"
#include "util/tsv.h"
#include "util/num.h"
#include "util/strmap.h"
#include "test.h"

/* ---- helpers ------------------------------------------------------------ */

static char *make_tmpdir(void)
{
	char *dir = strdup(test_tmpdir());
	CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
	return dir;
}

/* Number of entries in `dir` whose name starts with `prefix`. */
static int count_prefixed(const char *dir, const char *prefix)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		n += strncmp(e->d_name, prefix, strlen(prefix)) == 0;
	closedir(d);
	return n;
}

/* Number of entries in `dir` other than . and .. */
static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

static void write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(fwrite(data, 1, len, f), len);
	fclose(f);
}

/* Render a table into a malloc'ed string. */
static char *render(const cdr_table *t, cdr_format fmt)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	int rc;

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	rc = cdr_table_write(t, f, fmt);
	fclose(f);
	CU_ASSERT_EQUAL(rc, 0);
	return out;
}

/* A two-column table with awkward cells, used by every format test. */
static cdr_table *awkward_table(void)
{
	static const char *const headers[] = { "naam", "tekst" };
	static const char *const r1[] = { "a,b", "zei \"ja\"" };
	static const char *const r2[] = { "regel1\nregel2", "tab\there" };
	static const char *const r3[] = { "pijp|teken", "back\\slash" };
	cdr_table *t = NULL;

	CU_ASSERT_EQUAL_FATAL(cdr_table_new(&t, 2, headers), 0);
	CU_ASSERT_EQUAL(cdr_table_add(t, r1), 0);
	CU_ASSERT_EQUAL(cdr_table_add(t, r2), 0);
	CU_ASSERT_EQUAL(cdr_table_add(t, r3), 0);
	CU_ASSERT_EQUAL(cdr_table_rows(t), 3);
	return t;
}

/* ---- TSV ------------------------------------------------------------------ */

static void test_util_tsv_escape_round_trip(void)
{
	const char *value = "tab\there\nnew line\\back\rcr";
	cdr_buf b = CDR_BUF_INIT;
	cdr_tsv_row row = { 0 };
	char *line;

	CU_ASSERT_EQUAL(cdr_buf_puts(&b, "key\t"), 0);
	CU_ASSERT_EQUAL(cdr_tsv_put(&b, value), 0);
	/* the escaped field holds no raw TAB, LF or CR */
	CU_ASSERT_STRING_EQUAL(b.data + 4, "tab\\there\\nnew line\\\\back\\rcr");
	CU_ASSERT_EQUAL(cdr_buf_puts(&b, "\tlast"), 0);
	line = cdr_buf_detach(&b, NULL);
	CU_ASSERT_EQUAL(cdr_tsv_split(&row, line), 0);
	CU_ASSERT_EQUAL_FATAL(row.n, 3);
	CU_ASSERT_STRING_EQUAL(row.fields[0], "key");
	CU_ASSERT_STRING_EQUAL(row.fields[1], value);
	CU_ASSERT_STRING_EQUAL(row.fields[2], "last");
	cdr_tsv_row_free(&row);
	free(line);
}

static void test_util_tsv_split_empty_fields(void)
{
	char line[] = "a\t\tc\t";
	cdr_tsv_row row = { 0 };

	CU_ASSERT_EQUAL(cdr_tsv_split(&row, line), 0);
	CU_ASSERT_EQUAL_FATAL(row.n, 4);
	CU_ASSERT_STRING_EQUAL(row.fields[0], "a");
	CU_ASSERT_STRING_EQUAL(row.fields[1], "");
	CU_ASSERT_STRING_EQUAL(row.fields[2], "c");
	CU_ASSERT_STRING_EQUAL(row.fields[3], "");
	cdr_tsv_row_free(&row);
}

static void test_util_next_line_crlf(void)
{
	char data[] = "een\r\ntwee\r\n\r\ndrie\nvier";
	size_t pos = 0;
	char *line;

	CU_ASSERT_EQUAL_FATAL(cdr_next_line(data, strlen("een\r\ntwee\r\n\r\ndrie\nvier"), &pos, &line), 1);
	CU_ASSERT_STRING_EQUAL(line, "een");
	CU_ASSERT_EQUAL(pos, 5);
	CU_ASSERT_EQUAL_FATAL(cdr_next_line(data, 22, &pos, &line), 1);
	CU_ASSERT_STRING_EQUAL(line, "twee");
	CU_ASSERT_EQUAL_FATAL(cdr_next_line(data, 22, &pos, &line), 1);
	CU_ASSERT_STRING_EQUAL(line, "");
	CU_ASSERT_EQUAL_FATAL(cdr_next_line(data, 22, &pos, &line), 1);
	CU_ASSERT_STRING_EQUAL(line, "drie");
	CU_ASSERT_EQUAL_FATAL(cdr_next_line(data, 22, &pos, &line), 1);
	CU_ASSERT_STRING_EQUAL(line, "vier");
	CU_ASSERT_EQUAL(cdr_next_line(data, 22, &pos, &line), 0);
}

/* ---- buffer --------------------------------------------------------------- */

static void test_util_buf_printf_growth(void)
{
	cdr_buf b = CDR_BUF_INIT;
	char big[10001];
	char *s;
	size_t len;

	for (int i = 0; i < 1000; i++)
		CU_ASSERT_EQUAL(cdr_buf_printf(&b, "%04d,", i), 0);
	CU_ASSERT_EQUAL(b.len, 5000);
	CU_ASSERT_TRUE(b.cap > b.len);
	CU_ASSERT_EQUAL(strlen(b.data), 5000);
	CU_ASSERT_NSTRING_EQUAL(b.data, "0000,0001,", 10);
	CU_ASSERT_NSTRING_EQUAL(b.data + 4995, "0999,", 5);
	memset(big, 'x', 10000);
	big[10000] = '\0';
	CU_ASSERT_EQUAL(cdr_buf_printf(&b, "[%s]", big), 0);
	CU_ASSERT_EQUAL(b.len, 15002);
	CU_ASSERT_EQUAL(b.data[5000], '[');
	CU_ASSERT_EQUAL(b.data[15001], ']');
	CU_ASSERT_EQUAL(b.data[15002], '\0');
	s = cdr_buf_detach(&b, &len);
	CU_ASSERT_EQUAL(len, 15002);
	CU_ASSERT_PTR_NULL(b.data);
	CU_ASSERT_EQUAL(b.len, 0);
	free(s);
}

/* ---- files ---------------------------------------------------------------- */

static void test_util_txn_commit_writes_both_files(void)
{
	char *dir = make_tmpdir();
	char *a = test_join(dir, "a.tsv"), *b = test_join(dir, "b.txt");
	cdr_txn *txn = NULL;
	char *data;
	size_t len;

	CU_ASSERT_EQUAL_FATAL(cdr_txn_new(&txn), 0);
	CU_ASSERT_EQUAL(cdr_txn_write(txn, a, "een\ttwee\n", 9), 0);
	CU_ASSERT_EQUAL(cdr_txn_write(txn, b, "drie", 4), 0);
	/* staged only: the targets do not exist yet, the temp files do */
	CU_ASSERT_EQUAL(access(a, F_OK), -1);
	CU_ASSERT_EQUAL(access(b, F_OK), -1);
	CU_ASSERT_EQUAL(count_prefixed(dir, ".codeer-tmp-"), 2);
	CU_ASSERT_EQUAL(cdr_txn_commit(txn), 0);
	CU_ASSERT_EQUAL(cdr_file_read(&data, &len, a, 1024), 0);
	CU_ASSERT_EQUAL(len, 9);
	CU_ASSERT_STRING_EQUAL(data, "een\ttwee\n");
	free(data);
	CU_ASSERT_EQUAL(cdr_file_read(&data, &len, b, 1024), 0);
	CU_ASSERT_STRING_EQUAL(data, "drie");
	free(data);
	cdr_txn_free(txn);
	CU_ASSERT_EQUAL(count_prefixed(dir, ".codeer-tmp-"), 0);
	CU_ASSERT_EQUAL(count_entries(dir), 2);
	test_rm_rf(dir);
	free(a);
	free(b);
	free(dir);
}

static void test_util_txn_free_without_commit_leaves_nothing(void)
{
	char *dir = make_tmpdir();
	char *a = test_join(dir, "a.tsv"), *b = test_join(dir, "b.txt");
	cdr_txn *txn = NULL;

	CU_ASSERT_EQUAL_FATAL(cdr_txn_new(&txn), 0);
	CU_ASSERT_EQUAL(cdr_txn_write(txn, a, "een", 3), 0);
	CU_ASSERT_EQUAL(cdr_txn_write(txn, b, "twee", 4), 0);
	CU_ASSERT_EQUAL(count_prefixed(dir, ".codeer-tmp-"), 2);
	cdr_txn_free(txn);
	CU_ASSERT_EQUAL(count_prefixed(dir, ".codeer-tmp-"), 0);
	CU_ASSERT_EQUAL(count_entries(dir), 0);
	CU_ASSERT_EQUAL(access(a, F_OK), -1);
	CU_ASSERT_EQUAL(access(b, F_OK), -1);
	test_rm_rf(dir);
	free(a);
	free(b);
	free(dir);
}

static void test_util_txn_replaces_existing_file(void)
{
	char *dir = make_tmpdir();
	char *a = test_join(dir, "cases.tsv");
	char *data;
	size_t len;

	write_file(a, "oud\n", 4);
	CU_ASSERT_EQUAL(cdr_file_write_atomic(a, "nieuw\n", 6), 0);
	CU_ASSERT_EQUAL(cdr_file_read(&data, &len, a, 1024), 0);
	CU_ASSERT_STRING_EQUAL(data, "nieuw\n");
	free(data);
	CU_ASSERT_EQUAL(count_entries(dir), 1);
	test_rm_rf(dir);
	free(a);
	free(dir);
}

static void test_util_txn_write_into_missing_dir_fails(void)
{
	char *dir = make_tmpdir();
	char *a = test_join(dir, "bestaat-niet/a.txt");
	cdr_txn *txn = NULL;

	CU_ASSERT_EQUAL_FATAL(cdr_txn_new(&txn), 0);
	CU_ASSERT_EQUAL(cdr_txn_write(txn, a, "x", 1), CDR_EIO);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "bestaat-niet"));
	cdr_txn_free(txn);
	CU_ASSERT_EQUAL(count_entries(dir), 0);
	test_rm_rf(dir);
	free(a);
	free(dir);
}

static void test_util_file_read_limit(void)
{
	char *dir = make_tmpdir();
	char *a = test_join(dir, "honderd.txt");
	char content[100], *data = (char *)1;
	size_t len = 7;

	memset(content, 'a', sizeof(content));
	write_file(a, content, sizeof(content));
	CU_ASSERT_EQUAL(cdr_file_read(&data, &len, a, 99), CDR_ELIMIT);
	CU_ASSERT_PTR_NULL(data);
	CU_ASSERT_EQUAL(len, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), a));
	CU_ASSERT_EQUAL(cdr_file_read(&data, &len, a, 100), 0);
	CU_ASSERT_EQUAL(len, 100);
	CU_ASSERT_EQUAL(data[99], 'a');
	CU_ASSERT_EQUAL(data[100], '\0');
	free(data);
	test_rm_rf(dir);
	free(a);
	free(dir);
}

static void test_util_file_read_missing(void)
{
	char *dir = make_tmpdir();
	char *a = test_join(dir, "weg.txt");
	char *data;
	size_t len;

	CU_ASSERT_EQUAL(cdr_file_read(&data, &len, a, 1024), CDR_ENOTFOUND);
	CU_ASSERT_EQUAL(cdr_error_last_code(), CDR_ENOTFOUND);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), a));
	test_rm_rf(dir);
	free(a);
	free(dir);
}

static void test_util_file_read_directory(void)
{
	char *dir = make_tmpdir();
	char *data;
	size_t len;

	CU_ASSERT_EQUAL(cdr_file_read(&data, &len, dir, 1024), CDR_EIO);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "is a directory"));
	test_rm_rf(dir);
	free(dir);
}

/* ---- tables --------------------------------------------------------------- */

static void test_util_table_csv_rfc4180(void)
{
	cdr_table *t = awkward_table();
	char *out = render(t, CDR_FORMAT_CSV);

	CU_ASSERT_STRING_EQUAL(out,
		"naam,tekst\r\n"
		"\"a,b\",\"zei \"\"ja\"\"\"\r\n"
		"\"regel1\nregel2\",tab\there\r\n"
		"pijp|teken,back\\slash\r\n");
	free(out);
	cdr_table_free(t);
}

static void test_util_table_json_escaping(void)
{
	static const char *const headers[] = { "id", "n", "tekst" };
	static const char *const r1[] = { "a\"b", "12", "x\\y\nz\t\x01" };
	static const char *const r2[] = { "coördinatie", "geen getal", NULL };
	cdr_table *t = NULL;
	char *out;

	CU_ASSERT_EQUAL_FATAL(cdr_table_new(&t, 3, headers), 0);
	cdr_table_set_numeric(t, 1);
	CU_ASSERT_EQUAL(cdr_table_add(t, r1), 0);
	CU_ASSERT_EQUAL(cdr_table_add(t, r2), 0);
	out = render(t, CDR_FORMAT_JSON);
	CU_ASSERT_STRING_EQUAL(out,
		"[\n"
		" {\"id\": \"a\\\"b\", \"n\": 12, \"tekst\": \"x\\\\y\\nz\\t\\u0001\"},\n"
		" {\"id\": \"coördinatie\", \"n\": \"geen getal\", \"tekst\": \"\"}\n"
		"]\n");
	free(out);
	/* cells read back as stored: header in row 0, NULL as "", tabs kept */
	CU_ASSERT_EQUAL(cdr_table_rows(t), 2);
	CU_ASSERT_EQUAL(cdr_table_cols(t), 3);
	CU_ASSERT_STRING_EQUAL(cdr_table_cell(t, 0, 2), "tekst");
	CU_ASSERT_STRING_EQUAL(cdr_table_cell(t, 1, 2), "x\\y\nz\t\x01");
	CU_ASSERT_STRING_EQUAL(cdr_table_cell(t, 2, 2), "");
	CU_ASSERT_STRING_EQUAL(cdr_table_cell(t, 3, 0), "");
	CU_ASSERT_STRING_EQUAL(cdr_table_cell(t, 1, 3), "");
	cdr_table_free(t);
}

static void test_util_table_json_numeric_column_stays_valid_json(void)
{
	static const char *const headers[] = { "n" };
	static const char *const rows[][1] = { { "7" }, { "nan" }, { "0x1F" }, { "inf" } };
	cdr_table *t = NULL;
	char *out;

	CU_ASSERT_EQUAL_FATAL(cdr_table_new(&t, 1, headers), 0);
	cdr_table_set_numeric(t, 0);
	for (size_t i = 0; i < 4; i++)
		CU_ASSERT_EQUAL(cdr_table_add(t, rows[i]), 0);
	out = render(t, CDR_FORMAT_JSON);
	/* only real JSON numbers go out unquoted */
	CU_ASSERT_STRING_EQUAL(out,
		"[\n"
		" {\"n\": 7},\n"
		" {\"n\": \"nan\"},\n"
		" {\"n\": \"0x1F\"},\n"
		" {\"n\": \"inf\"}\n"
		"]\n");
	free(out);
	cdr_table_free(t);
}

static void test_util_table_json_empty(void)
{
	static const char *const headers[] = { "id" };
	cdr_table *t = NULL;
	char *out;

	CU_ASSERT_EQUAL_FATAL(cdr_table_new(&t, 1, headers), 0);
	out = render(t, CDR_FORMAT_JSON);
	CU_ASSERT_STRING_EQUAL(out, "[]\n");
	free(out);
	cdr_table_free(t);
}

static void test_util_table_markdown(void)
{
	static const char *const headers[] = { "code", "n" };
	static const char *const r1[] = { "eigen kracht", "12" };
	static const char *const r2[] = { "a|b", "3" };
	cdr_table *t = NULL;
	char *out;

	CU_ASSERT_EQUAL_FATAL(cdr_table_new(&t, 2, headers), 0);
	cdr_table_set_numeric(t, 1);
	CU_ASSERT_EQUAL(cdr_table_add(t, r1), 0);
	CU_ASSERT_EQUAL(cdr_table_add(t, r2), 0);
	out = render(t, CDR_FORMAT_MD);
	CU_ASSERT_STRING_EQUAL(out,
		"| code         |   n |\n"
		"| ------------ | --: |\n"
		"| eigen kracht |  12 |\n"
		"| a\\|b" "         " " |   3 |\n");
	free(out);
	cdr_table_free(t);
}

static void test_util_table_plain_no_header(void)
{
	cdr_table *t = awkward_table();
	char *out = render(t, CDR_FORMAT_PLAIN);

	CU_ASSERT_STRING_EQUAL(out,
		"a,b\tzei \"ja\"\n"
		"regel1 regel2\ttab here\n"
		"pijp|teken\tback\\slash\n");
	free(out);
	cdr_table_free(t);
}

static void test_util_table_tsv_has_header(void)
{
	cdr_table *t = awkward_table();
	char *out = render(t, CDR_FORMAT_TSV);

	CU_ASSERT_NSTRING_EQUAL(out, "naam\ttekst\na,b\t", 13);
	free(out);
	cdr_table_free(t);
}

static void test_util_table_aligned_counts_code_points(void)
{
	static const char *const headers[] = { "naam", "n" };
	static const char *const r1[] = { "cliënt", "7" };
	static const char *const r2[] = { "wijk", "12" };
	cdr_table *t = NULL;
	char *out;

	CU_ASSERT_EQUAL_FATAL(cdr_table_new(&t, 2, headers), 0);
	cdr_table_set_numeric(t, 1);
	CU_ASSERT_EQUAL(cdr_table_add(t, r1), 0);
	CU_ASSERT_EQUAL(cdr_table_add(t, r2), 0);
	out = render(t, CDR_FORMAT_TABLE);
	CU_ASSERT_STRING_EQUAL(out,
		"naam    n\n"
		"cliënt   7\n"
		"wijk    12\n");
	free(out);
	cdr_table_free(t);
}

static void test_util_format_parse(void)
{
	cdr_format f = CDR_FORMAT_TABLE;

	CU_ASSERT_EQUAL(cdr_format_parse(&f, "csv"), 0);
	CU_ASSERT_EQUAL(f, CDR_FORMAT_CSV);
	CU_ASSERT_EQUAL(cdr_format_parse(&f, "plain"), 0);
	CU_ASSERT_EQUAL(f, CDR_FORMAT_PLAIN);
	CU_ASSERT_EQUAL(cdr_format_parse(&f, "xml"), CDR_EUSAGE);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "'xml'"));
	CU_ASSERT_EQUAL(f, CDR_FORMAT_PLAIN);
}

/* ---- allocation failures ---------------------------------------------------- */

#define MAX_ALLOCS 20000

/* Is `doc` the same as the reference document? */
static int same_document(const cdr_document *a, const cdr_document *b)
{
	size_t la, lb;
	const char *ta = cdr_document_text(a, &la), *tb = cdr_document_text(b, &lb);

	if (la != lb || memcmp(ta, tb, la) != 0)
		return 0;
	if (cdr_document_turn_count(a) != cdr_document_turn_count(b) ||
	    cdr_document_sentence_count(a) != cdr_document_sentence_count(b) ||
	    cdr_document_paragraph_count(a) != cdr_document_paragraph_count(b) ||
	    cdr_document_words(a) != cdr_document_words(b))
		return 0;
	for (size_t i = 0; i < cdr_document_turn_count(a); i++) {
		const cdr_turn *x = cdr_document_turn(a, i), *y = cdr_document_turn(b, i);
		if (x->span.start != y->span.start || x->span.end != y->span.end ||
		    strcmp(x->speaker, y->speaker) != 0 || strcmp(x->time, y->time) != 0)
			return 0;
	}
	return strcmp(cdr_document_info_get(a)->sha256, cdr_document_info_get(b)->sha256) == 0 &&
	       strcmp(cdr_document_info_get(a)->encoding, cdr_document_info_get(b)->encoding) == 0;
}

/* Run `fn(arg)` in a child process, so that a crash (or a sanitizer
 * report) becomes a failed test instead of the end of the test run. The
 * child reports the number of problems it found as its exit status. */
static void run_isolated(int (*fn)(const void *), const void *arg, const char *what)
{
	pid_t pid;
	int status = 0;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0) {
		int problems = fn(arg);
		fflush(stderr);
		_exit(problems > 100 ? 100 : problems);
	}
	CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
	if (WIFSIGNALED(status))
		fprintf(stderr, "\n%s: crashed with signal %d\n", what, WTERMSIG(status));
	else if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
		fprintf(stderr, "\n%s: %d problem(s)\n", what, WEXITSTATUS(status));
	CU_ASSERT_TRUE(WIFEXITED(status));
	CU_ASSERT_EQUAL(WIFEXITED(status) ? WEXITSTATUS(status) : -1, 0);
}

/* Fail the N-th allocation of ingesting `rel` for N = 0, 1, ... until the
 * call succeeds; every failure must be CDR_ENOMEM, the success complete.
 * Runs in a child process; returns the number of problems. */
static int alloc_fail_ingest_child(const void *arg)
{
	const char *rel = arg;
	size_t n;
	char *bytes = test_slurp(test_path(rel), &n);
	const char *name = strrchr(rel, '/') + 1;
	cdr_document *ref = NULL, *doc = NULL;
	long i;
	int rc = -1, problems = 0, succeeded = 0;

	if (cdr_ingest_bytes(&ref, bytes, n, name, NULL) != 0) {
		fprintf(stderr, "\n%s: %s\n", rel, cdr_error_last());
		return 1;
	}
	for (i = 0; i < MAX_ALLOCS; i++) {
		doc = NULL;
		cdr_alloc_fail_after(i);
		rc = cdr_ingest_bytes(&doc, bytes, n, name, NULL);
		cdr_alloc_fail_after(-1);
		if (rc == 0) {
			succeeded = 1;
			if (!same_document(doc, ref)) {
				fprintf(stderr, "\n%s: allocation %ld failed but ingest succeeded with a different document\n",
					rel, i);
				problems++;
			}
			cdr_document_free(doc);
			break;
		}
		if (rc != CDR_ENOMEM) {
			fprintf(stderr, "\n%s: allocation %ld failed: rc %d (%s) instead of CDR_ENOMEM\n",
				rel, i, rc, cdr_error_last());
			problems++;
		}
		if (doc != NULL) {
			fprintf(stderr, "\n%s: allocation %ld failed but a document was returned\n", rel, i);
			problems++;
		}
	}
	if (!succeeded || i < 10) {
		fprintf(stderr, "\n%s: never succeeded, or too few allocations (%ld)\n", rel, i);
		problems++;
	}
	cdr_document_free(ref);
	free(bytes);
	return problems;
}

static void alloc_fail_ingest(const char *rel)
{
	run_isolated(alloc_fail_ingest_child, rel, rel);
}

static void test_util_alloc_fail_ingest_txt(void)
{
	alloc_fail_ingest("corpora/s003-participant-9.txt");
}

static void test_util_alloc_fail_ingest_cp1252(void)
{
	alloc_fail_ingest("corpora/formats/s004-interviews-eigen-kracht-cp1252.txt");
}

static void test_util_alloc_fail_ingest_docx(void)
{
	alloc_fail_ingest("corpora/formats/s002-mee-interview-word.docx");
}

static void test_util_alloc_fail_ingest_odt(void)
{
	alloc_fail_ingest("corpora/formats/s003-participant-12-writer.odt");
}

static void test_util_alloc_fail_ingest_vtt(void)
{
	alloc_fail_ingest("corpora/formats/s002-buurtzorg-casussen-ondertitels.vtt");
}

static void test_util_alloc_fail_ingest_srt(void)
{
	alloc_fail_ingest("corpora/formats/s002-frion-casussen-ondertitels.srt");
}

static int alloc_fail_cases_parse_child(const void *arg)
{
	size_t n;
	char *data = test_slurp(test_path(arg), &n);
	char *copy = malloc(n + 1);
	cdr_cases *cases = NULL, *ref = NULL;
	char *ref_text = NULL, *text = NULL;
	size_t ref_len, len;
	long i;
	int rc = -1, problems = 0, succeeded = 0;

	memcpy(copy, data, n + 1);
	if (cdr_cases_parse(&ref, copy, n, "cases.tsv") != 0 || cdr_cases_format(&ref_text, &ref_len, ref) != 0) {
		fprintf(stderr, "\ncases.tsv: %s\n", cdr_error_last());
		return 1;
	}
	for (i = 0; i < MAX_ALLOCS; i++) {
		memcpy(copy, data, n + 1); /* parsing writes into the buffer */
		cases = NULL;
		cdr_alloc_fail_after(i);
		rc = cdr_cases_parse(&cases, copy, n, "cases.tsv");
		cdr_alloc_fail_after(-1);
		if (rc == 0) {
			succeeded = 1;
			if (cdr_cases_format(&text, &len, cases) != 0 || len != ref_len || memcmp(text, ref_text, len) != 0) {
				fprintf(stderr, "\ncases.tsv: allocation %ld failed but the parse succeeded with different cases\n", i);
				problems++;
			}
			free(text);
			cdr_cases_free(cases);
			break;
		}
		if (rc != CDR_ENOMEM) {
			fprintf(stderr, "\ncases.tsv: allocation %ld failed: rc %d (%s) instead of CDR_ENOMEM\n",
				i, rc, cdr_error_last());
			problems++;
		}
	}
	if (!succeeded || i < 55) {
		fprintf(stderr, "\ncases.tsv: never succeeded, or too few allocations (%ld)\n", i);
		problems++;
	}
	free(ref_text);
	cdr_cases_free(ref);
	free(copy);
	free(data);
	return problems;
}

static void test_util_alloc_fail_cases_parse(void)
{
	run_isolated(alloc_fail_cases_parse_child, "corpora/cases.tsv", "cdr_cases_parse");
}

/* ---- crash safety: the journal ---------------------------------------------- */

/* A fingerprint of every file below `dir` (the lock file aside): names
 * and contents, in a stable order. Caller frees. */
static void snap_into(cdr_buf *b, const char *dir, const char *rel)
{
	struct dirent **names = NULL;
	int n = scandir(dir, &names, NULL, alphasort);

	for (int i = 0; i < n; i++) {
		const char *name = names[i]->d_name;
		char *path = test_join(dir, name), sub[1024];
		struct stat st;
		if (strcmp(name, ".") != 0 && strcmp(name, "..") != 0 && strcmp(name, ".codeer.lock") != 0 &&
		    lstat(path, &st) == 0) {
			snprintf(sub, sizeof(sub), "%s%s%s", rel, *rel ? "/" : "", name);
			if (S_ISDIR(st.st_mode)) {
				snap_into(b, path, sub);
			} else {
				size_t len;
				char *data = test_slurp(path, &len), digest[65];
				cdr_sha256_hex(digest, data, len);
				cdr_buf_printf(b, "%s %s\n", sub, digest);
				free(data);
			}
		}
		free(path);
		free(names[i]);
	}
	free(names);
}

static char *snap(const char *dir)
{
	cdr_buf b = CDR_BUF_INIT;

	snap_into(&b, dir, "");
	return b.data ? b.data : strdup("");
}

/* Three files, two of them replacing old ones, in one journaled commit. */
static int commit_three(const char *dir, const char *version)
{
	char *a = test_join(dir, "a.txt"), *b = test_join(dir, "sub/b.txt"), *c = test_join(dir, "c.txt");
	cdr_txn *txn = NULL;
	int rc;

	if ((rc = cdr_txn_new_journaled(&txn, dir)) == 0 && (rc = cdr_txn_write(txn, a, version, strlen(version))) == 0 &&
	    (rc = cdr_txn_write(txn, b, version, strlen(version))) == 0 &&
	    (rc = cdr_txn_write(txn, c, version, strlen(version))) == 0)
		rc = cdr_txn_commit(txn);
	cdr_txn_free(txn);
	free(a);
	free(b);
	free(c);
	return rc;
}

/* Kill the commit at its n-th rename or fsync (a child process ends with
 * 137 there); then recovery must give the old files or the new ones,
 * never a mix, and leave no journal. */
static void test_util_journal_kill_at_every_step(void)
{
	static const char *const kinds[] = { "rename", "fsync" };
	char *dir = make_tmpdir(), *old_state, *new_state;
	char *sub = test_join(dir, "sub");
	int killed = 0;

	CU_ASSERT_EQUAL_FATAL(mkdir(sub, 0777), 0);
	CU_ASSERT_EQUAL_FATAL(commit_three(dir, "oud\n"), 0);
	old_state = snap(dir);
	CU_ASSERT_EQUAL_FATAL(commit_three(dir, "nieuw\n"), 0);
	new_state = snap(dir);
	CU_ASSERT_EQUAL_FATAL(commit_three(dir, "oud\n"), 0);
	for (size_t k = 0; k < 2; k++) {
		for (long n = 1; n <= 20; n++) {
			pid_t pid;
			int status = 0, outcome = -1;
			char *now;
			struct timespec later;

			fflush(stdout);
			fflush(stderr);
			if ((pid = fork()) == 0) {
				cdr_fault_after(kinds[k], n);
				_exit(commit_three(dir, "nieuw\n") == 0 ? 0 : 1);
			}
			CU_ASSERT_EQUAL_FATAL(waitpid(pid, &status, 0), pid);
			CU_ASSERT_TRUE(WIFEXITED(status));
			CU_ASSERT(WEXITSTATUS(status) == 0 || WEXITSTATUS(status) == 137);
			killed += WEXITSTATUS(status) == 137;
			CU_ASSERT_EQUAL(cdr_journal_recover(dir, &outcome), 0);
			clock_gettime(CLOCK_REALTIME, &later);
			later.tv_sec++;
			CU_ASSERT_EQUAL(cdr_tmp_sweep(dir, &later, 3, NULL, NULL), 0);
			now = snap(dir);
			if (strcmp(now, old_state) != 0 && strcmp(now, new_state) != 0)
				fprintf(stderr, "\n%s:%ld: a mix of old and new:\n%s\n", kinds[k], n, now);
			CU_ASSERT(strcmp(now, old_state) == 0 || strcmp(now, new_state) == 0);
			/* once the journal is written, the change is completed */
			if (outcome == CDR_JOURNAL_ROLLED_FORWARD)
				CU_ASSERT_STRING_EQUAL(now, new_state);
			free(now);
			CU_ASSERT_EQUAL(commit_three(dir, "oud\n"), 0);
		}
	}
	/* each kind killed the commit at least at the first steps */
	CU_ASSERT(killed >= 10);
	free(old_state);
	free(new_state);
	free(sub);
	test_rm_rf(dir);
	free(dir);
}

/* A journal without its end line was never committed: its staged files
 * are removed and the targets keep their old content. */
static void test_util_journal_incomplete_rolls_back(void)
{
	char *dir = make_tmpdir(), *j = test_join(dir, CDR_JOURNAL_NAME);
	char *a = test_join(dir, "a.txt"), *t = test_join(dir, ".codeer-tmp-abc123");
	char *data;
	size_t len;
	int outcome = -1, complete = -1;

	test_write_file(a, "oud");
	test_write_file(t, "nieuw");
	test_write_file(j, "codeer-journal\t1\nrename\t.codeer-tmp-abc123\ta.txt\n");
	CU_ASSERT_EQUAL(cdr_journal_check(dir, &complete), 1);
	CU_ASSERT_EQUAL(complete, 0);
	CU_ASSERT_EQUAL(cdr_journal_recover(dir, &outcome), 0);
	CU_ASSERT_EQUAL(outcome, CDR_JOURNAL_ROLLED_BACK);
	CU_ASSERT_EQUAL(access(t, F_OK), -1);
	CU_ASSERT_EQUAL(access(j, F_OK), -1);
	CU_ASSERT_EQUAL_FATAL(cdr_file_read(&data, &len, a, 64), 0);
	CU_ASSERT_STRING_EQUAL(data, "oud");
	free(data);
	/* a complete one is rolled forward */
	test_write_file(t, "nieuw");
	test_write_file(j, "codeer-journal\t1\nrename\t.codeer-tmp-abc123\ta.txt\nend\t1\n");
	CU_ASSERT_EQUAL(cdr_journal_check(dir, &complete), 1);
	CU_ASSERT_EQUAL(complete, 1);
	CU_ASSERT_EQUAL(cdr_journal_recover(dir, &outcome), 0);
	CU_ASSERT_EQUAL(outcome, CDR_JOURNAL_ROLLED_FORWARD);
	CU_ASSERT_EQUAL_FATAL(cdr_file_read(&data, &len, a, 64), 0);
	CU_ASSERT_STRING_EQUAL(data, "nieuw");
	free(data);
	CU_ASSERT_EQUAL(cdr_journal_check(dir, &complete), 0);
	/* a journal may not name files outside its directory */
	test_write_file(j, "codeer-journal\t1\nrename\t.codeer-tmp-abc123\t../a.txt\nend\t1\n");
	CU_ASSERT_EQUAL(cdr_journal_recover(dir, &outcome), 0);
	CU_ASSERT_EQUAL(outcome, CDR_JOURNAL_ROLLED_BACK);
	test_rm_rf(dir);
	free(dir);
	free(j);
	free(a);
	free(t);
}

/* Temporary files older than the given time go; newer ones stay. */
static void test_util_tmp_sweep_by_age(void)
{
	char *dir = make_tmpdir(), *sub = test_join(dir, "sources");
	char *old = test_join(sub, ".codeer-tmp-old111"), *young = test_join(dir, ".codeer-tmp-new222");
	char *keep = test_join(sub, "x.txt");
	struct timespec cut;
	struct timeval past[2] = { { 1000000000, 0 }, { 1000000000, 0 } };

	CU_ASSERT_EQUAL_FATAL(mkdir(sub, 0777), 0);
	test_write_file(old, "x");
	test_write_file(keep, "x");
	CU_ASSERT_EQUAL(utimes(old, past), 0);
	CU_ASSERT_EQUAL(utimes(keep, past), 0);
	clock_gettime(CLOCK_REALTIME, &cut);
	cut.tv_sec -= 60;
	test_write_file(young, "x");
	CU_ASSERT_EQUAL(cdr_tmp_sweep(dir, &cut, 3, NULL, NULL), 0);
	CU_ASSERT_EQUAL(access(old, F_OK), -1);
	CU_ASSERT_EQUAL(access(young, F_OK), 0);
	CU_ASSERT_EQUAL(access(keep, F_OK), 0);
	test_rm_rf(dir);
	free(dir);
	free(sub);
	free(old);
	free(young);
	free(keep);
}

/* ---- allocation failures in adding a document -------------------------------- */

/* The cases and documents the project object holds, as text. */
static char *project_state(cdr_project *p)
{
	cdr_buf b = CDR_BUF_INIT;
	char *cases = NULL;
	size_t len;

	for (size_t i = 0; i < cdr_project_doc_count(p); i++)
		cdr_buf_printf(&b, "%s\n", cdr_project_doc_id(p, i));
	if (cdr_cases_format(&cases, &len, cdr_project_cases(p)) == 0)
		cdr_buf_put(&b, cases, len);
	free(cases);
	return b.data ? b.data : strdup("");
}

/* Fail the N-th allocation of cdr_project_add for N = 0, 1, ... until it
 * succeeds: every failure is CDR_ENOMEM, and the project (its files and
 * the open object) is exactly as before. */
static int alloc_fail_add_child(const void *arg)
{
	char *root = NULL, *file, *dir_state, *obj_state;
	cdr_project *p = test_new_project(&root);
	const char *paths[2];
	cdr_add_options opts = { 0 };
	static const char *const attrs[] = { "gemeente=Zwolle" };
	long i;
	int rc = -1, problems = 0, succeeded = 0;

	(void)arg;
	/* one document in already, so the add has cases and digests to keep */
	file = test_join(root, "eerste.txt");
	test_write_file(file, "I: Hoe gaat het?\n\nR: Goed, dank je.\n");
	paths[0] = file;
	if (cdr_project_add(p, paths, 1, NULL, NULL, NULL) != 0) {
		fprintf(stderr, "\nadd: %s\n", cdr_error_last());
		return 1;
	}
	free(file);
	file = test_join(root, "tweede.txt");
	test_write_file(file, "I: En verder?\n\nR: Ook goed. Café en crème.\n");
	paths[0] = file;
	paths[1] = test_path("corpora/s000-professional-2.txt");
	opts.attrs = attrs;
	opts.nattrs = 1;
	dir_state = snap(cdr_project_path(p));
	obj_state = project_state(p);
	for (i = 0; i < MAX_ALLOCS; i++) {
		char *now, *obj;
		cdr_alloc_fail_after(i);
		rc = cdr_project_add(p, paths, 2, &opts, NULL, NULL);
		cdr_alloc_fail_after(-1);
		if (rc == 0) {
			succeeded = 1;
			break;
		}
		if (rc != CDR_ENOMEM) {
			fprintf(stderr, "\nadd: allocation %ld failed: rc %d (%s) instead of CDR_ENOMEM\n", i, rc,
				cdr_error_last());
			problems++;
		}
		now = snap(cdr_project_path(p));
		obj = project_state(p);
		if (strcmp(now, dir_state) != 0) {
			fprintf(stderr, "\nadd: allocation %ld failed and the project's files changed:\n%s\n", i, now);
			problems++;
		}
		if (strcmp(obj, obj_state) != 0) {
			fprintf(stderr, "\nadd: allocation %ld failed and the open project changed:\n%s\n", i, obj);
			problems++;
		}
		free(now);
		free(obj);
		if (problems > 5)
			break;
	}
	if (!succeeded || i < 50) {
		fprintf(stderr, "\nadd: never succeeded, or too few allocations (%ld)\n", i);
		problems++;
	} else if (cdr_project_doc_count(p) != 3) {
		fprintf(stderr, "\nadd: %zu documents after the add\n", cdr_project_doc_count(p));
		problems++;
	}
	free(dir_state);
	free(obj_state);
	free(file);
	test_project_done(p, root);
	return problems;
}

static void test_util_alloc_fail_project_add(void)
{
	run_isolated(alloc_fail_add_child, NULL, "cdr_project_add");
}

static void test_util_alloc_hook_reset(void)
{
	void *p;

	cdr_alloc_fail_after(0);
	p = cdr_malloc(16);
	CU_ASSERT_PTR_NULL(p);
	CU_ASSERT_EQUAL(cdr_error_last_code(), CDR_ENOMEM);
	cdr_alloc_fail_after(-1);
	p = cdr_malloc(16);
	CU_ASSERT_PTR_NOT_NULL(p);
	free(p);
}

/* The hash table behind case and document lookups: every key found after
 * growth, a put replaces, reset empties without freeing. */
static void test_util_strmap_put_get_grow_reset(void)
{
	enum { N = 5000 };
	static char keys[N][16];
	cdr_strmap m = { 0 };
	size_t v = 0;

	CU_ASSERT_EQUAL(cdr_strmap_get(&m, "x", &v), 0);
	for (size_t i = 0; i < N; i++) {
		snprintf(keys[i], sizeof(keys[i]), "doc-%zu", i);
		CU_ASSERT_EQUAL_FATAL(cdr_strmap_put(&m, keys[i], i), 0);
	}
	CU_ASSERT_EQUAL(m.n, N);
	CU_ASSERT(m.cap >= 2 * N);
	for (size_t i = 0; i < N; i += 97) {
		CU_ASSERT_EQUAL(cdr_strmap_get(&m, keys[i], &v), 1);
		CU_ASSERT_EQUAL(v, i);
	}
	CU_ASSERT_EQUAL(cdr_strmap_get(&m, "doc-5000", &v), 0);
	/* an equal key under another pointer replaces the entry */
	CU_ASSERT_EQUAL(cdr_strmap_put(&m, "doc-7", 42), 0);
	CU_ASSERT_EQUAL(m.n, N);
	CU_ASSERT_EQUAL(cdr_strmap_get(&m, keys[7], &v), 1);
	CU_ASSERT_EQUAL(v, 42);
	cdr_strmap_reset(&m);
	CU_ASSERT_EQUAL(m.n, 0);
	CU_ASSERT_EQUAL(cdr_strmap_get(&m, keys[7], &v), 0);
	CU_ASSERT_EQUAL(cdr_strmap_put(&m, keys[3], 3), 0);
	CU_ASSERT_EQUAL(cdr_strmap_get(&m, "doc-3", &v), 1);
	CU_ASSERT_EQUAL(v, 3);
	cdr_strmap_clear(&m);
	CU_ASSERT_PTR_NULL(m.slots);
}

/* Lookups by case id and by document follow assignment and pruning. */
static void test_util_cases_lookup_after_assign_and_prune(void)
{
	cdr_cases *c = NULL;
	size_t a, b, z;

	CU_ASSERT_EQUAL_FATAL(cdr_cases_new(&c), 0);
	CU_ASSERT_EQUAL(cdr_cases_ensure(c, "A", &a), 0);
	CU_ASSERT_EQUAL(cdr_cases_ensure(c, "empty", &z), 0);
	CU_ASSERT_EQUAL(cdr_cases_ensure(c, "B", &b), 0);
	CU_ASSERT_EQUAL(cdr_cases_assign(c, a, "d1"), 0);
	CU_ASSERT_EQUAL(cdr_cases_assign(c, a, "d2"), 0);
	CU_ASSERT_EQUAL(cdr_cases_of_doc(c, "d2"), (long)a);
	/* moving d2 to B takes it out of A */
	CU_ASSERT_EQUAL(cdr_cases_assign(c, b, "d2"), 0);
	CU_ASSERT_EQUAL(cdr_cases_of_doc(c, "d2"), (long)b);
	CU_ASSERT_EQUAL(cdr_cases_doc_count(c, a), 1);
	CU_ASSERT_EQUAL(cdr_cases_of_doc(c, "d3"), -1);
	/* pruning the empty case shifts B down one place */
	cdr_cases_prune(c);
	CU_ASSERT_EQUAL(cdr_cases_count(c), 2);
	CU_ASSERT_EQUAL(cdr_cases_find(c, "empty"), -1);
	CU_ASSERT_EQUAL(cdr_cases_find(c, "B"), 1);
	CU_ASSERT_EQUAL(cdr_cases_of_doc(c, "d2"), 1);
	CU_ASSERT_EQUAL(cdr_cases_of_doc(c, "d1"), 0);
	cdr_cases_free(c);
}

/* Offsets in files and references: digits only, overflow refused. */
static void test_util_parse_size(void)
{
	size_t v = 7;
	const char *s = "250-300";

	CU_ASSERT_PTR_EQUAL(cdr_parse_size(s, &v), s + 3);
	CU_ASSERT_EQUAL(v, 250);
	CU_ASSERT_PTR_NULL(cdr_parse_size("-1", &v));
	CU_ASSERT_PTR_NULL(cdr_parse_size(" 1", &v));
	CU_ASSERT_PTR_NULL(cdr_parse_size("99999999999999999999999", &v));
	CU_ASSERT_EQUAL(cdr_parse_size_field("42", &v), 0);
	CU_ASSERT_EQUAL(v, 42);
	CU_ASSERT_EQUAL(cdr_parse_size_field("42x", &v), -1);
	CU_ASSERT_EQUAL(cdr_parse_size_field("", &v), -1);
}

void test_util_register(void)
{
	CU_pSuite s = CU_add_suite("util", NULL, NULL);

	CU_add_test(s, "tsv_escape_round_trip", test_util_tsv_escape_round_trip);
	CU_add_test(s, "strmap_put_get_grow_reset", test_util_strmap_put_get_grow_reset);
	CU_add_test(s, "parse_size", test_util_parse_size);
	CU_add_test(s, "cases_lookup_after_assign_and_prune", test_util_cases_lookup_after_assign_and_prune);
	CU_add_test(s, "tsv_split_empty_fields", test_util_tsv_split_empty_fields);
	CU_add_test(s, "next_line_crlf", test_util_next_line_crlf);
	CU_add_test(s, "buf_printf_growth", test_util_buf_printf_growth);
	CU_add_test(s, "txn_commit_writes_both_files", test_util_txn_commit_writes_both_files);
	CU_add_test(s, "txn_free_without_commit_leaves_nothing", test_util_txn_free_without_commit_leaves_nothing);
	CU_add_test(s, "txn_replaces_existing_file", test_util_txn_replaces_existing_file);
	CU_add_test(s, "txn_write_into_missing_dir_fails", test_util_txn_write_into_missing_dir_fails);
	CU_add_test(s, "file_read_limit", test_util_file_read_limit);
	CU_add_test(s, "file_read_missing", test_util_file_read_missing);
	CU_add_test(s, "file_read_directory", test_util_file_read_directory);
	CU_add_test(s, "table_csv_rfc4180", test_util_table_csv_rfc4180);
	CU_add_test(s, "table_json_escaping", test_util_table_json_escaping);
	CU_add_test(s, "table_json_numeric_column_stays_valid_json", test_util_table_json_numeric_column_stays_valid_json);
	CU_add_test(s, "table_json_empty", test_util_table_json_empty);
	CU_add_test(s, "table_markdown", test_util_table_markdown);
	CU_add_test(s, "table_plain_no_header", test_util_table_plain_no_header);
	CU_add_test(s, "table_tsv_has_header", test_util_table_tsv_has_header);
	CU_add_test(s, "table_aligned_counts_code_points", test_util_table_aligned_counts_code_points);
	CU_add_test(s, "format_parse", test_util_format_parse);
	CU_add_test(s, "alloc_hook_reset", test_util_alloc_hook_reset);
	CU_add_test(s, "alloc_fail_ingest_txt", test_util_alloc_fail_ingest_txt);
	CU_add_test(s, "alloc_fail_ingest_cp1252", test_util_alloc_fail_ingest_cp1252);
	CU_add_test(s, "alloc_fail_ingest_docx", test_util_alloc_fail_ingest_docx);
	CU_add_test(s, "alloc_fail_ingest_odt", test_util_alloc_fail_ingest_odt);
	CU_add_test(s, "alloc_fail_ingest_vtt", test_util_alloc_fail_ingest_vtt);
	CU_add_test(s, "alloc_fail_ingest_srt", test_util_alloc_fail_ingest_srt);
	CU_add_test(s, "alloc_fail_cases_parse", test_util_alloc_fail_cases_parse);
	CU_add_test(s, "alloc_fail_project_add", test_util_alloc_fail_project_add);
	CU_add_test(s, "journal_kill_at_every_step", test_util_journal_kill_at_every_step);
	CU_add_test(s, "journal_incomplete_rolls_back", test_util_journal_incomplete_rolls_back);
	CU_add_test(s, "tmp_sweep_by_age", test_util_tmp_sweep_by_age);
}
