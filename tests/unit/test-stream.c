/* test-stream.c -- autocode --stream without a project (its lines, the
 * words of each coding's place) and partial matrices made of its output
 * (the words of overlapping, touching and wordless codings counted once;
 * refused input), with the out-of-memory loop over both. */
#define _GNU_SOURCE /* fmemopen, open_memstream */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codeer/autocode.h"
#include "codeer/error.h"
#include "codeer/partial-stream.h"
#include "codeer/scheme.h"
#include "test.h"

void test_stream_register(void);

static const char scheme_xml[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<scheme xmlns=\"urn:codeer:scheme:1\" id=\"s\" version=\"1\" lang=\"nl\">\n"
	"  <title>t</title>\n"
	"  <code id=\"CUT\" label=\"c\"><definition>d</definition><rule id=\"r1\" scope=\"match\"><pattern>'n mooi</pattern></rule></code>\n"
	"  <code id=\"MARK\" label=\"m\"><definition>d</definition><rule id=\"r1\" scope=\"match\"><pattern>[?!]</pattern></rule></code>\n"
	"</scheme>\n";

struct fx {
	const char *dir;
	char *path;
	cdr_schemes *set;
	cdr_engine *e;
};

static void fx_open(struct fx *f)
{
	const char *paths[1];

	f->dir = test_tmpdir();
	f->path = test_join(f->dir, "s.xml");
	test_write_file(f->path, scheme_xml);
	paths[0] = f->path;
	f->set = NULL;
	f->e = NULL;
	CU_ASSERT_EQUAL_FATAL(cdr_schemes_load_files(&f->set, paths, 1), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_engine_new(&f->e, f->set, NULL, 0), 0);
}

static void fx_close(struct fx *f)
{
	cdr_engine_free(f->e);
	cdr_schemes_free(f->set);
	test_rm_rf(f->dir);
	free(f->path);
}

/* Run the stream over `in` on one thread; the output in *out (caller
 * frees). */
static int run_stream(struct fx *f, const char *in, char **out, cdr_stream_result *res)
{
	FILE *fin = fmemopen((void *)in, strlen(in), "r");
	size_t len = 0;
	FILE *fout = open_memstream(out, &len);
	int rc;

	CU_ASSERT_PTR_NOT_NULL_FATAL(fin);
	CU_ASSERT_PTR_NOT_NULL_FATAL(fout);
	rc = cdr_autocode_stream(f->e, f->set, fin, fout, 1, NULL, NULL, res);
	fclose(fin);
	fclose(fout);
	return rc;
}

static const char doc_line[] = "{\"id\": \"d1\", \"text\": \"I: Zo'n mooie buurt?\\n\\nR: Ja!\", \"case\": \"k\", "
			       "\"attributes\": {\"gemeente\": \"Zwolle\"}}\n";

/* A header, the document's line and its codings with their speakers
 * and places on the words. The text's words, labels included: I(0)
 * Zo'n(1) mooie(2) buurt(3) R(4) Ja(5); "'n mooi" cuts "Zo'n" after its
 * apostrophe and "mooie" before its end, and both count: [1, 3]; a mark
 * holds no word and sits after the words that start before it. The
 * document's words are those of its turns, labels left out. */
static void test_stream_lines(void)
{
	struct fx f;
	cdr_stream_result res;
	char *out = NULL;

	fx_open(&f);
	CU_ASSERT_EQUAL(run_stream(&f, doc_line, &out, &res), 0);
	CU_ASSERT_EQUAL(res.docs, 1);
	CU_ASSERT_EQUAL(res.codings, 3);
	CU_ASSERT_EQUAL(res.bad, 0);
	CU_ASSERT_STRING_EQUAL(out,
		"{\"codeer\": \"autocode-stream\", \"version\": 2, \"schemes\": [\"s\"]}\n"
		"{\"document\": \"d1\", \"case\": \"k\", \"attributes\": {\"gemeente\": \"Zwolle\"}, \"words\": 4, "
		"\"speakers\": {\"I\": 3, \"R\": 1}}\n"
		"{\"doc\": \"d1\", \"start\": 5, \"end\": 12, \"code\": \"s/CUT\", \"origin\": \"rule:s/CUT#r1\", "
		"\"speaker\": \"I\", \"words\": [1, 3]}\n"
		"{\"doc\": \"d1\", \"start\": 19, \"end\": 20, \"code\": \"s/MARK\", \"origin\": \"rule:s/MARK#r1\", "
		"\"speaker\": \"I\", \"words\": [4, 4]}\n"
		"{\"doc\": \"d1\", \"start\": 27, \"end\": 28, \"code\": \"s/MARK\", \"origin\": \"rule:s/MARK#r1\", "
		"\"speaker\": \"R\", \"words\": [6, 6]}\n");
	free(out);
	fx_close(&f);
}

/* A bad line is counted and skipped, in order; the others are coded and
 * a document without case or attributes says so. */
static void test_stream_bad_line_skipped(void)
{
	struct fx f;
	cdr_stream_result res;
	char *out = NULL;

	fx_open(&f);
	CU_ASSERT_EQUAL(run_stream(&f, "{\"id\": \"a\"}\nnot json\n{\"id\": \"b\", \"text\": \"Ja!\"}\n", &out, &res), 0);
	CU_ASSERT_EQUAL(res.bad, 2);
	CU_ASSERT_EQUAL(res.docs, 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "{\"document\": \"b\", \"case\": null, \"attributes\": {}, \"words\": 1, "
					   "\"speakers\": {\"\": 1}}\n"));
	CU_ASSERT_PTR_NULL(strstr(out, "\"a\""));
	free(out);
	fx_close(&f);
}

struct stream_oom {
	struct fx *f;
	const char *want;
};

static int stream_attempt(void *ctx, long n, int once)
{
	struct stream_oom *t = ctx;
	cdr_stream_result res;
	char *out = NULL;
	int rc;

	test_fail_alloc(n, once);
	rc = run_stream(t->f, doc_line, &out, &res);
	test_fail_alloc(-1, 0);
	if (rc == 0) {
		CU_ASSERT_STRING_EQUAL(out, t->want);
	} else {
		CU_ASSERT_EQUAL(rc, CDR_ENOMEM);
	}
	free(out);
	return rc;
}

static void test_stream_oom(void)
{
	struct fx f;
	cdr_stream_result res;
	struct stream_oom t;
	char *want = NULL;

	fx_open(&f);
	CU_ASSERT_EQUAL_FATAL(run_stream(&f, doc_line, &want, &res), 0);
	t.f = &f;
	t.want = want;
	CU_ASSERT(test_oom_loop(stream_attempt, &t) > 5);
	free(want);
	fx_close(&f);
}

/* ---- partial matrices from the stream ------------------------------------ */

/* Codings of one code in one document: two that overlap (words 0-3 and
 * 1-4: four words, not six), one without a word touching them (no
 * word more), one apart (one word), and one of another document of the
 * same case. */
static const char stream_in[] =
	"{\"codeer\": \"autocode-stream\", \"version\": 2, \"schemes\": [\"s\"]}\n"
	"{\"document\": \"d1\", \"case\": \"k\", \"attributes\": {}, \"words\": 10, \"speakers\": {\"\": 10}}\n"
	"{\"doc\": \"d1\", \"start\": 0, \"end\": 10, \"code\": \"s/CUT\", \"speaker\": \"\", \"words\": [0, 3]}\n"
	"{\"doc\": \"d1\", \"start\": 5, \"end\": 15, \"code\": \"s/CUT\", \"speaker\": \"\", \"words\": [1, 4]}\n"
	"{\"doc\": \"d1\", \"start\": 15, \"end\": 16, \"code\": \"s/CUT\", \"speaker\": \"\", \"words\": [4, 4]}\n"
	"{\"doc\": \"d1\", \"start\": 20, \"end\": 25, \"code\": \"s/CUT\", \"speaker\": \"\", \"words\": [6, 7]}\n"
	"{\"document\": \"d2\", \"case\": \"k\", \"words\": 5, \"speakers\": {}}\n"
	"{\"doc\": \"d2\", \"start\": 0, \"end\": 3, \"code\": \"s/MARK\", \"speaker\": null, \"words\": [0, 1]}\n";

static const char partial_want[] =
	"codeer-partial-matrix\t1\n"
	"rows\tcase\n"
	"cols\tcode\n"
	"picked\t0\n"
	"order\tnatural\n"
	"# col\tlabel\tcodings\tdocs\twords\n"
	"col\ts/CUT\t4\t1\t5\n"
	"col\ts/MARK\t1\t1\t1\n"
	"# row\tlabel\tcodings\tdocs\twords\tall words\n"
	"row\tk\t5\t2\t6\t15\n"
	"# cell\trow\tcol\tcodings\tdocs\twords (rows and columns numbered from 0; empty cells left out)\n"
	"cell\t0\t0\t4\t1\t5\n"
	"cell\t0\t1\t1\t1\t1\n"
	"total\t5\t2\t6\t15\n";

static int run_partial(struct fx *f, const char *in, char **out, cdr_rows rows)
{
	FILE *fin = fmemopen((void *)in, strlen(in), "r");
	size_t len = 0;
	FILE *fout = open_memstream(out, &len);
	cdr_matrix_options o = { 0 };
	int rc;

	o.rows = rows;
	CU_ASSERT_PTR_NOT_NULL_FATAL(fin);
	CU_ASSERT_PTR_NOT_NULL_FATAL(fout);
	rc = cdr_matrix_partial_stream(fout, fin, "in", f->set, &o);
	fclose(fin);
	fclose(fout);
	return rc;
}

static void test_stream_partial_words_once(void)
{
	struct fx f;
	char *out = NULL;

	fx_open(&f);
	CU_ASSERT_EQUAL(run_partial(&f, stream_in, &out, CDR_ROWS_CASE), 0);
	CU_ASSERT_STRING_EQUAL(out, partial_want);
	free(out);
	/* speaker rows: a turn without a label is "(no speaker)", and so
	 * is a coding outside every turn */
	CU_ASSERT_EQUAL(run_partial(&f, stream_in, &out, CDR_ROWS_SPEAKER), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "row\t(no speaker)\t5\t2\t6\t10\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "total\t5\t2\t6\t15\n"));
	free(out);
	fx_close(&f);
}

/* A coding outside every turn counts in "(no speaker)", as in a project,
 * whichever document comes first, also when every turn has a speaker. */
static void test_stream_partial_outside_turns(void)
{
	const char *d1 = strstr(stream_in, "{\"document\": \"d1\""), *d2 = strstr(stream_in, "{\"document\": \"d2\"");
	static const char labelled[] =
		"{\"codeer\": \"autocode-stream\", \"version\": 2, \"schemes\": [\"s\"]}\n"
		"{\"document\": \"d2\", \"case\": \"k\", \"words\": 5, \"speakers\": {}}\n"
		"{\"doc\": \"d2\", \"start\": 0, \"end\": 3, \"code\": \"s/MARK\", \"speaker\": null, \"words\": [0, 1]}\n"
		"{\"document\": \"d1\", \"case\": \"k\", \"words\": 10, \"speakers\": {\"R\": 10}}\n"
		"{\"doc\": \"d1\", \"start\": 0, \"end\": 10, \"code\": \"s/CUT\", \"speaker\": \"R\", \"words\": [0, 3]}\n"
		"{\"doc\": \"d1\", \"start\": 5, \"end\": 15, \"code\": \"s/CUT\", \"speaker\": \"R\", \"words\": [1, 4]}\n"
		"{\"doc\": \"d1\", \"start\": 15, \"end\": 16, \"code\": \"s/CUT\", \"speaker\": \"R\", \"words\": [4, 4]}\n"
		"{\"doc\": \"d1\", \"start\": 20, \"end\": 25, \"code\": \"s/CUT\", \"speaker\": \"R\", \"words\": [6, 7]}\n";
	char *later = NULL, *out = NULL;
	struct fx f;

	fx_open(&f);
	/* d2, with its coding outside every turn, before d1 */
	CU_ASSERT_EQUAL_FATAL(asprintf(&later, "%.*s%s%.*s", (int)(d1 - stream_in), stream_in, d2, (int)(d2 - d1), d1) > 0, 1);
	CU_ASSERT_EQUAL(run_partial(&f, later, &out, CDR_ROWS_SPEAKER), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "row\t(no speaker)\t5\t2\t6\t10\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "total\t5\t2\t6\t15\n"));
	free(out);
	/* every turn has a speaker: d2's coding outside them still counts */
	CU_ASSERT_EQUAL(run_partial(&f, labelled, &out, CDR_ROWS_SPEAKER), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "row\tR\t4\t1\t5\t10\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "row\t(no speaker)\t1\t1\t1\t0\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "total\t5\t2\t6\t15\n"));
	free(out);
	free(later);
	fx_close(&f);
}

/* What is no stream of version 2 is refused, naming the line, and
 * nothing is written. */
static void test_stream_partial_refused(void)
{
	static const struct {
		const char *in, *msg;
	} bad[] = {
		{ "{\"doc\": \"d1\", \"start\": 0, \"end\": 1, \"code\": \"s/CUT\", \"words\": [0, 1]}\n",
		  "in: not the output of 'codeer autocode --stream' (no header line)" },
		{ "{\"codeer\": \"autocode-stream\", \"version\": 3, \"schemes\": [\"s\"]}\n",
		  "in: autocode stream version 3; this codeer reads version 2" },
		{ "{\"codeer\": \"autocode-stream\", \"version\": 2, \"schemes\": [\"other\"]}\n",
		  "in: coded with scheme 'other', which the scheme files given do not hold" },
		{ "{\"codeer\": \"autocode-stream\", \"version\": 2, \"schemes\": [\"s\"]}\n"
		  "{\"doc\": \"d1\", \"start\": 0, \"end\": 1, \"code\": \"s/CUT\", \"words\": [0, 1]}\n",
		  "in:2: a coding of 'd1' that does not follow its document's line" },
		{ "{\"codeer\": \"autocode-stream\", \"version\": 2, \"schemes\": [\"s\"]}\n"
		  "{\"document\": \"d1\", \"words\": 3, \"speakers\": {}}\n"
		  "{\"doc\": \"d1\", \"start\": 0, \"end\": 1, \"code\": \"s/CUT\", \"words\": [2, 1]}\n",
		  "in:3: a coding line needs \"doc\", \"start\", \"end\", \"code\" and \"words\"" },
		{ "", "in: empty: not the output of 'codeer autocode --stream'" },
	};
	struct fx f;

	fx_open(&f);
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		char *out = NULL;
		CU_ASSERT_EQUAL(run_partial(&f, bad[i].in, &out, CDR_ROWS_CASE), CDR_EFORMAT);
		CU_ASSERT_STRING_EQUAL(cdr_error_last(), bad[i].msg);
		CU_ASSERT_STRING_EQUAL(out, "");
		free(out);
	}
	fx_close(&f);
}

static int partial_attempt(void *ctx, long n, int once)
{
	struct fx *f = ctx;
	char *out = NULL;
	int rc;

	test_fail_alloc(n, once);
	rc = run_partial(f, stream_in, &out, CDR_ROWS_CASE);
	test_fail_alloc(-1, 0);
	if (rc == 0) {
		CU_ASSERT_STRING_EQUAL(out, partial_want);
	} else {
		CU_ASSERT_EQUAL(rc, CDR_ENOMEM);
		CU_ASSERT_STRING_EQUAL(out, "");
	}
	free(out);
	return rc;
}

static void test_stream_partial_oom(void)
{
	struct fx f;

	fx_open(&f);
	CU_ASSERT(test_oom_loop(partial_attempt, &f) > 5);
	fx_close(&f);
}

void test_stream_register(void)
{
	CU_pSuite s = CU_add_suite("stream", NULL, NULL);

	CU_add_test(s, "lines", test_stream_lines);
	CU_add_test(s, "bad_line_skipped", test_stream_bad_line_skipped);
	CU_add_test(s, "oom", test_stream_oom);
	CU_add_test(s, "partial_words_once", test_stream_partial_words_once);
	CU_add_test(s, "partial_outside_turns", test_stream_partial_outside_turns);
	CU_add_test(s, "partial_refused", test_stream_partial_refused);
	CU_add_test(s, "partial_oom", test_stream_partial_oom);
}
