/* test-matrix.c -- the matrix builder (matrix.h): every cell type, the
 * totals, coders and rejected codings, picked and grouped columns,
 * speaker rows and chi-square, on a two-document project whose every
 * number is worked out by hand below; and the codings index it reads. */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE /* st_atim, utimensat */
#endif
#include <CUnit/CUnit.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codeer/coding.h"
#include "codeer/error.h"
#include "codeer/involvement.h"
#include "codeer/matrix.h"
#include "codeer/memo.h"
#include "codeer/project.h"
#include "codeer/retrieve.h"
#include "codeer/rule-eval.h"
#include "codeer/scheme.h"
#include "codeer/score.h"
#include "codeer/table.h"
#include "coding/compact.h"
#include "util/alloc.h"
#include "test.h"
#include "util/alloc.h"
#include <sys/stat.h>
#include <unistd.h>

/*
 * mini (tests/data/mini.txt, 50 words): t2 R c30-105 (12 words), t4 R
 * c131-276 (27 words), t5 R c281-429 (4 words). twee: one R turn of 4
 * words. Codings:
 *   anna  mini t2 VB, mini t4 EK, mini c131-140 VB.NET, twee t2 VB
 *   bob   mini t2 VB, mini t5 HAND (rejected)
 */
struct mfx {
	char *root;
	cdr_project *p;
	cdr_schemes *set;
};

static void code(cdr_project *p, const char *coder, const char *doc, size_t a, size_t b, const char *c,
		 const char *status)
{
	cdr_codings *k = NULL;
	CU_ASSERT_EQUAL_FATAL(cdr_codings_load(&k, p, coder, NULL, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_append(k, doc, a, b, c, "manual", "2026-11-25T12:00:00Z", "", status), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_save(k), 0);
	cdr_codings_free(k);
}

static void mfx_open(struct mfx *f)
{
	char *twee;
	const char *paths[2];
	int rc;

	f->p = test_new_project(&f->root);
	twee = test_join(f->root, "twee.txt");
	test_write_file(twee, "I: Vraag?\n\nR: Antwoord een twee drie.\n");
	paths[0] = test_path("tests/data/mini.txt");
	paths[0] = strdup(paths[0]);
	paths[1] = twee;
	rc = cdr_project_add(f->p, paths, 2, NULL, NULL, NULL);
	if (rc != 0)
		fprintf(stderr, "\nadd: %s\n", cdr_error_last());
	CU_ASSERT_EQUAL_FATAL(rc, 0);
	free((char *)paths[0]);
	free(twee);
	CU_ASSERT_EQUAL_FATAL(cdr_schemes_install(f->p, test_path("tests/data/schemes/mini.xml"), 0, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_schemes_load(&f->set, f->p), 0);
	code(f->p, "anna", "mini", 30, 105, "mini/VB", "");
	code(f->p, "anna", "mini", 131, 276, "mini/EK", "");
	code(f->p, "anna", "mini", 131, 140, "mini/VB.NET", "");
	code(f->p, "anna", "twee", 14, 37, "mini/VB", "");
	code(f->p, "bob", "mini", 30, 105, "mini/VB", "");
	code(f->p, "bob", "mini", 281, 429, "mini/HAND", "rejected");
}

static void mfx_close(struct mfx *f)
{
	cdr_schemes_free(f->set);
	test_project_done(f->p, f->root);
}

static long row_of(const cdr_matrix *m, const char *label)
{
	for (size_t i = 0; i < cdr_matrix_rows(m); i++)
		if (strcmp(cdr_matrix_row_label(m, i), label) == 0)
			return (long)i;
	return -1;
}

static long col_of(const cdr_matrix *m, const char *label)
{
	for (size_t j = 0; j < cdr_matrix_cols(m); j++)
		if (strcmp(cdr_matrix_col_label(m, j), label) == 0)
			return (long)j;
	return -1;
}

/* the cell at a row and column label; NAN when either is missing */
static double cell(const cdr_matrix *m, const char *row, const char *col)
{
	long i = row_of(m, row), j = col_of(m, col);
	return i < 0 || j < 0 ? NAN : cdr_matrix_value(m, (size_t)i, (size_t)j);
}

static cdr_matrix *build(struct mfx *f, cdr_matrix_options *o)
{
	cdr_matrix *m = NULL;
	int rc = cdr_matrix_build(&m, f->p, f->set, o);
	if (rc != 0)
		fprintf(stderr, "\nmatrix: %s\n", cdr_error_last());
	CU_ASSERT_EQUAL_FATAL(rc, 0);
	return m;
}

static void test_matrix_count_sums_to_codings(void)
{
	struct mfx f;
	cdr_matrix_options o = { 0 };
	cdr_matrix *m;

	mfx_open(&f);
	m = build(&f, &o);
	/* bob's rejected HAND is left out, and with it the HAND column */
	CU_ASSERT_EQUAL(cdr_matrix_codings(m), 5);
	CU_ASSERT_EQUAL(cdr_matrix_total(m), 5);
	CU_ASSERT_EQUAL(cdr_matrix_rows(m), 2);
	CU_ASSERT_EQUAL(col_of(m, "mini/HAND"), -1);
	CU_ASSERT_EQUAL(cell(m, "mini", "mini/VB"), 2);
	CU_ASSERT_EQUAL(cell(m, "mini", "mini/VB.NET"), 1);
	CU_ASSERT_EQUAL(cell(m, "mini", "mini/EK"), 1);
	CU_ASSERT_EQUAL(cell(m, "twee", "mini/VB"), 1);
	CU_ASSERT_EQUAL(cell(m, "twee", "mini/EK"), 0);
	CU_ASSERT_EQUAL(cdr_matrix_row_total(m, (size_t)row_of(m, "mini")), 4);
	CU_ASSERT_EQUAL(cdr_matrix_col_total(m, (size_t)col_of(m, "mini/VB")), 3);
	cdr_matrix_free(m);
	/* --all keeps the empty HAND column: the same shape for every coder */
	o.all = 1;
	m = build(&f, &o);
	CU_ASSERT(col_of(m, "mini/HAND") >= 0);
	CU_ASSERT_EQUAL(cell(m, "mini", "mini/HAND"), 0);
	cdr_matrix_free(m);
	mfx_close(&f);
}

static void test_matrix_presence_and_docs(void)
{
	struct mfx f;
	cdr_matrix_options o = { 0 };
	cdr_matrix *m;

	mfx_open(&f);
	o.cell = CDR_CELL_PRESENCE;
	m = build(&f, &o);
	CU_ASSERT_EQUAL(cell(m, "mini", "mini/VB"), 1);
	CU_ASSERT_EQUAL(cell(m, "twee", "mini/VB.NET"), 0);
	cdr_matrix_free(m);
	/* documents with a coding: two codings of VB in mini are one document */
	o.cell = CDR_CELL_DOCS;
	m = build(&f, &o);
	CU_ASSERT_EQUAL(cell(m, "mini", "mini/VB"), 1);
	CU_ASSERT_EQUAL(cdr_matrix_col_total(m, (size_t)col_of(m, "mini/VB")), 2);
	CU_ASSERT_EQUAL(cdr_matrix_total(m), 2);
	cdr_matrix_free(m);
	mfx_close(&f);
}

static void test_matrix_words_share_quotes_one_coder(void)
{
	struct mfx f;
	cdr_matrix_options o = { 0 };
	cdr_matrix *m;
	long i, j;

	mfx_open(&f);
	o.coder = "anna";
	o.cell = CDR_CELL_WORDS;
	m = build(&f, &o);
	CU_ASSERT_EQUAL(cell(m, "mini", "mini/VB"), 12);  /* t2 */
	CU_ASSERT_EQUAL(cell(m, "mini", "mini/EK"), 27);  /* t4 */
	CU_ASSERT_EQUAL(cell(m, "twee", "mini/VB"), 4);
	cdr_matrix_free(m);
	/* share: coded words as a percentage of the row's words (mini 50) */
	o.cell = CDR_CELL_SHARE;
	m = build(&f, &o);
	CU_ASSERT_DOUBLE_EQUAL(cell(m, "mini", "mini/VB"), 24.0, 1e-9);
	CU_ASSERT_DOUBLE_EQUAL(cell(m, "mini", "mini/EK"), 54.0, 1e-9);
	cdr_matrix_free(m);
	o.cell = CDR_CELL_QUOTES;
	m = build(&f, &o);
	i = row_of(m, "twee");
	j = col_of(m, "mini/VB");
	CU_ASSERT_FATAL(i >= 0 && j >= 0);
	CU_ASSERT_STRING_EQUAL(cdr_matrix_quotes(m, (size_t)i, (size_t)j), "Antwoord een twee drie.");
	cdr_matrix_free(m);
	mfx_close(&f);
}

static void test_matrix_coder_subtree_group_speaker(void)
{
	struct mfx f;
	cdr_matrix_options o = { 0 };
	const char *codes[] = { "VB+", "EK" };
	cdr_matrix *m;

	mfx_open(&f);
	o.coder = "bob";
	m = build(&f, &o);
	CU_ASSERT_EQUAL(cdr_matrix_codings(m), 1);
	CU_ASSERT_EQUAL(cell(m, "mini", "mini/VB"), 1);
	cdr_matrix_free(m);
	/* VB+ sums VB and VB.NET into one column */
	o.coder = "anna";
	o.codes = codes;
	o.ncodes = 2;
	m = build(&f, &o);
	CU_ASSERT_EQUAL(cdr_matrix_cols(m), 2);
	CU_ASSERT_EQUAL(cell(m, "mini", "mini/VB"), 2);
	CU_ASSERT_EQUAL(cell(m, "mini", "mini/EK"), 1);
	cdr_matrix_free(m);
	/* group columns give the same sums; --codes with them is refused */
	o.cols = CDR_COLS_GROUP;
	CU_ASSERT_EQUAL(cdr_matrix_build(&m, f.p, f.set, &o), CDR_EUSAGE);
	o.codes = NULL;
	o.ncodes = 0;
	m = build(&f, &o);
	CU_ASSERT_EQUAL(cell(m, "mini", "mini/VB"), 2);
	cdr_matrix_free(m);
	/* every coded turn is the respondent's */
	o.cols = CDR_COLS_CODE;
	o.rows = CDR_ROWS_SPEAKER;
	m = build(&f, &o);
	CU_ASSERT_EQUAL(cdr_matrix_rows(m), 1);
	CU_ASSERT_EQUAL(cell(m, "R", "mini/VB"), 2);
	cdr_matrix_free(m);
	mfx_close(&f);
}

/*
 * anna by case: mini (1, 1, 1), twee (1, 0, 0) over VB, VB.NET, EK; n = 4.
 * Expected: mini 1.5 .75 .75, twee .5 .25 .25. chi2 = .25/1.5 + 2(.0625/.75)
 * + .25/.5 + 2(.0625/.25) = 4/3, df = 2, p = exp(-2/3), V = sqrt(4/3 / 4).
 */
static void test_matrix_chi2_by_hand(void)
{
	struct mfx f;
	cdr_matrix_options o = { 0 };
	cdr_matrix *m;
	double chi2, df, p, v;

	mfx_open(&f);
	o.coder = "anna";
	m = build(&f, &o);
	CU_ASSERT_EQUAL_FATAL(cdr_matrix_chi2(m, &chi2, &df, &p, &v), 0);
	CU_ASSERT_DOUBLE_EQUAL(chi2, 4.0 / 3.0, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(df, 2, 0);
	CU_ASSERT_DOUBLE_EQUAL(p, exp(-2.0 / 3.0), 1e-9); /* chi-square with 2 df: p = e^(-x/2) */
	CU_ASSERT_DOUBLE_EQUAL(v, sqrt(1.0 / 3.0), 1e-12);
	cdr_matrix_free(m);
	mfx_close(&f);
}

static void test_matrix_unknown_names(void)
{
	struct mfx f;
	cdr_matrix_options o = { 0 };
	const char *codes[] = { "NOPE" };
	cdr_matrix *m = NULL;

	mfx_open(&f);
	o.codes = codes;
	o.ncodes = 1;
	CU_ASSERT_EQUAL(cdr_matrix_build(&m, f.p, f.set, &o), CDR_ENOTFOUND);
	CU_ASSERT_PTR_NULL(m);
	o.ncodes = 0;
	o.rows = CDR_ROWS_ATTR;
	o.attr = "gemeente";
	CU_ASSERT_EQUAL(cdr_matrix_build(&m, f.p, f.set, &o), CDR_ENOTFOUND);
	o.rows = CDR_ROWS_CASE;
	o.coder = "nobody";
	CU_ASSERT_EQUAL(cdr_matrix_build(&m, f.p, f.set, &o), CDR_ENOTFOUND);
	mfx_close(&f);
}

/*
 * Nested and overlapping codings of one code count each word once. cleo:
 * mini t4 EK (c131-276, 27 words) with s5 EK (c131-157) and s5-s6 EK
 * (c131-211) inside it, mini c131-140 VB.NET inside it too; twee t2 VB
 * (c14-37, 4 words) and c14-22 VB inside it. Added up per coding these
 * would be 46 EK words in a 50-word document and 8 VB words in twee's 5.
 */
static void test_matrix_nested_codings_count_words_once(void)
{
	struct mfx f;
	cdr_matrix_options o = { 0 };
	const char *cleo[] = { "cleo" };
	cdr_matrix *m;
	long mini, twee;

	mfx_open(&f);
	code(f.p, "cleo", "mini", 131, 276, "mini/EK", "");
	code(f.p, "cleo", "mini", 131, 157, "mini/EK", "");
	code(f.p, "cleo", "mini", 131, 211, "mini/EK", "");
	code(f.p, "cleo", "mini", 131, 140, "mini/VB.NET", "");
	code(f.p, "cleo", "twee", 14, 37, "mini/VB", "");
	code(f.p, "cleo", "twee", 14, 22, "mini/VB", "");
	o.coders = cleo;
	o.ncoders = 1;
	o.cell = CDR_CELL_WORDS;
	m = build(&f, &o);
	mini = row_of(m, "mini");
	twee = row_of(m, "twee");
	CU_ASSERT_FATAL(mini >= 0 && twee >= 0);
	CU_ASSERT_EQUAL(cell(m, "mini", "mini/EK"), 27);
	CU_ASSERT_EQUAL(cell(m, "mini", "mini/VB.NET"), 2); /* "Eigen kra" */
	CU_ASSERT_EQUAL(cell(m, "twee", "mini/VB"), 4);
	/* totals are unions too: VB.NET lies inside EK's turn */
	CU_ASSERT_EQUAL(cdr_matrix_row_total(m, (size_t)mini), 27);
	CU_ASSERT(cdr_matrix_row_total(m, (size_t)mini) <= 50);
	CU_ASSERT_EQUAL(cdr_matrix_col_total(m, (size_t)col_of(m, "mini/EK")), 27);
	CU_ASSERT_EQUAL(cdr_matrix_total(m), 31);
	cdr_matrix_free(m);
	/* shares of the row's words: mini 50, twee 5 */
	o.cell = CDR_CELL_SHARE;
	m = build(&f, &o);
	CU_ASSERT_DOUBLE_EQUAL(cell(m, "mini", "mini/EK"), 54.0, 1e-9);
	CU_ASSERT_DOUBLE_EQUAL(cell(m, "twee", "mini/VB"), 80.0, 1e-9);
	CU_ASSERT_DOUBLE_EQUAL(cdr_matrix_row_total(m, (size_t)row_of(m, "mini")), 54.0, 1e-9);
	CU_ASSERT_DOUBLE_EQUAL(cdr_matrix_total(m), 100.0 * 31 / 55, 1e-9);
	for (size_t i = 0; i < cdr_matrix_rows(m); i++) {
		CU_ASSERT(cdr_matrix_row_total(m, i) <= 100);
		for (size_t j = 0; j < cdr_matrix_cols(m); j++)
			CU_ASSERT(cdr_matrix_value(m, i, j) <= 100);
	}
	cdr_matrix_free(m);
	/* counts still count codings */
	o.cell = CDR_CELL_COUNT;
	m = build(&f, &o);
	CU_ASSERT_EQUAL(cell(m, "mini", "mini/EK"), 3);
	cdr_matrix_free(m);
	mfx_close(&f);
}

/*
 * freq counts words as the matrix does: cleo's nested EK codings of mini
 * t4 (27 words) count 27, not 27 + 5 + 16; twee's two VB codings 4, not
 * 4 + 2. The segments are still every coding.
 */
static void test_matrix_freq_words_as_matrix(void)
{
	struct mfx f;
	cdr_matrix_options o = { 0 };
	const char *cleo[] = { "cleo" };
	cdr_freq *fr = NULL;
	cdr_matrix *m;
	size_t n;

	mfx_open(&f);
	code(f.p, "cleo", "mini", 131, 276, "mini/EK", "");
	code(f.p, "cleo", "mini", 131, 157, "mini/EK", "");
	code(f.p, "cleo", "mini", 131, 211, "mini/EK", "");
	code(f.p, "cleo", "twee", 14, 37, "mini/VB", "");
	code(f.p, "cleo", "twee", 14, 22, "mini/VB", "");
	CU_ASSERT_EQUAL_FATAL(cdr_freqs(&fr, &n, f.p, f.set, "cleo"), 0);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(fr[i].code->qualified, "mini/EK") == 0) {
			CU_ASSERT_EQUAL(fr[i].segments, 3);
			CU_ASSERT_EQUAL(fr[i].words, 27);
		} else if (strcmp(fr[i].code->qualified, "mini/VB") == 0) {
			CU_ASSERT_EQUAL(fr[i].segments, 2);
			CU_ASSERT_EQUAL(fr[i].words, 4);
		}
	}
	/* the column totals of a words matrix by document are the same numbers */
	o.coders = cleo;
	o.ncoders = 1;
	o.cell = CDR_CELL_WORDS;
	o.rows = CDR_ROWS_DOC;
	m = build(&f, &o);
	CU_ASSERT_EQUAL(cdr_matrix_col_total(m, (size_t)col_of(m, "mini/EK")), 27);
	CU_ASSERT_EQUAL(cdr_matrix_col_total(m, (size_t)col_of(m, "mini/VB")), 4);
	cdr_matrix_free(m);
	free(fr);
	mfx_close(&f);
}

/* The words of a union of spans: overlapping and touching spans joined,
 * in any order given. */
static void test_matrix_span_union_words(void)
{
	struct mfx f;
	cdr_document *doc = NULL;
	cdr_span spans[] = { { 131, 211 }, { 131, 276 }, { 131, 157 } }, none[1];
	size_t words = 0;

	mfx_open(&f);
	CU_ASSERT_EQUAL_FATAL(cdr_project_doc_load(&doc, f.p, "mini", 1), 0);
	CU_ASSERT_EQUAL(cdr_span_union_words(&words, doc, spans, 3), 0);
	CU_ASSERT_EQUAL(words, 27);
	CU_ASSERT_EQUAL(spans[0].start, 131);
	CU_ASSERT_EQUAL(cdr_span_union_words(&words, doc, none, 0), 0);
	CU_ASSERT_EQUAL(words, 0);
	cdr_document_free(doc);
	mfx_close(&f);
}

/* A list of coders adds exactly those up; an unknown one is refused. */
static void test_matrix_coder_list(void)
{
	struct mfx f;
	cdr_matrix_options o = { 0 };
	const char *both[] = { "anna", "bob" }, *nobody[] = { "anna", "nobody" };
	cdr_matrix *m = NULL;

	mfx_open(&f);
	code(f.p, "cleo", "mini", 30, 105, "mini/VB", "");
	o.coders = both;
	o.ncoders = 2;
	m = build(&f, &o);
	CU_ASSERT_EQUAL(cell(m, "mini", "mini/VB"), 2); /* anna's and bob's, not cleo's */
	CU_ASSERT_EQUAL(cdr_matrix_codings(m), 5);
	cdr_matrix_free(m);
	o.coders = nobody;
	m = NULL;
	CU_ASSERT_EQUAL(cdr_matrix_build(&m, f.p, f.set, &o), CDR_ENOTFOUND);
	CU_ASSERT_PTR_NULL(m);
	mfx_close(&f);
}

/*
 * Co-occurrence counts units, not pairs of codings. dora: mini t4 HAND
 * (c131-276) holding its three sentences s5, s6, s7 coded EK, and s2
 * (c30-61) EK on its own. Segments (coded passages): t4 with HAND and EK,
 * s2 with EK: n(HAND) 1, n(EK) 2, both 1, c = 1 / (1 + 2 - 1) = .5 (pairs
 * of codings gave 3 / (1 + 4 - 3) = 1.5). Sentences: s5-s7 have both, s2
 * EK: 3 / (3 + 4 - 3) = .75. A code with no codings has no c (NAN).
 */
static void test_matrix_cooccur_counts_units(void)
{
	struct mfx f;
	const char *dora[] = { "dora" }, *codes[] = { "HAND", "EK", "VB" };
	cdr_matrix *m = NULL;

	mfx_open(&f);
	code(f.p, "dora", "mini", 131, 276, "mini/HAND", "");
	code(f.p, "dora", "mini", 131, 157, "mini/EK", "");
	code(f.p, "dora", "mini", 158, 211, "mini/EK", "");
	code(f.p, "dora", "mini", 212, 276, "mini/EK", "");
	code(f.p, "dora", "mini", 30, 61, "mini/EK", "");
	CU_ASSERT_EQUAL_FATAL(cdr_cooccur_coders(&m, f.p, f.set, dora, 1, codes, 3, CDR_WITHIN_SEGMENT, 0), 0);
	CU_ASSERT_EQUAL(cdr_matrix_value(m, 0, 0), 1);
	CU_ASSERT_EQUAL(cdr_matrix_value(m, 1, 1), 2);
	CU_ASSERT_EQUAL(cdr_matrix_value(m, 0, 1), 1);
	CU_ASSERT_EQUAL(cdr_matrix_value(m, 1, 0), 1);
	cdr_matrix_free(m);
	CU_ASSERT_EQUAL_FATAL(cdr_cooccur_coders(&m, f.p, f.set, dora, 1, codes, 3, CDR_WITHIN_SEGMENT, 1), 0);
	CU_ASSERT_DOUBLE_EQUAL(cdr_matrix_value(m, 0, 1), 0.5, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(cdr_matrix_value(m, 1, 1), 1.0, 1e-12);
	CU_ASSERT(isnan(cdr_matrix_value(m, 2, 2)));
	CU_ASSERT_DOUBLE_EQUAL(cdr_matrix_value(m, 0, 2), 0.0, 1e-12); /* HAND and VB: 0 / (1 + 0 - 0) */
	cdr_matrix_free(m);
	CU_ASSERT_EQUAL_FATAL(cdr_cooccur_coders(&m, f.p, f.set, dora, 1, codes, 3, CDR_WITHIN_SENTENCE, 1), 0);
	CU_ASSERT_DOUBLE_EQUAL(cdr_matrix_value(m, 0, 1), 0.75, 1e-12);
	cdr_matrix_free(m);
	/* codings that only touch (s2 ends where s3 starts) are two passages */
	code(f.p, "dora", "mini", 61, 105, "mini/VB", "");
	CU_ASSERT_EQUAL_FATAL(cdr_cooccur_coders(&m, f.p, f.set, dora, 1, codes, 3, CDR_WITHIN_SEGMENT, 0), 0);
	CU_ASSERT_EQUAL(cdr_matrix_value(m, 1, 2), 0);
	cdr_matrix_free(m);
	mfx_close(&f);
}

/* JSON numbers of matrices: the shortest decimal that reads back the same. */
static void test_matrix_number_format_round_trips(void)
{
	char buf[32];
	double third = 100.0 / 3.0;

	cdr_number_format(buf, sizeof(buf), 0.1);
	CU_ASSERT_STRING_EQUAL(buf, "0.1");
	cdr_number_format(buf, sizeof(buf), 4);
	CU_ASSERT_STRING_EQUAL(buf, "4");
	cdr_number_format(buf, sizeof(buf), third);
	CU_ASSERT_EQUAL(strtod(buf, NULL), third);
	CU_ASSERT_STRING_EQUAL(buf, "33.333333333333336");
	cdr_number_format(buf, sizeof(buf), NAN);
	CU_ASSERT_STRING_EQUAL(buf, "");
}


/* ---- filters, quotes where codes meet, search-and-code ------------------- */

static void test_matrix_filter_selection(void)
{
	struct mfx f;
	cdr_selection *sel = NULL;
	const char *nodoc[] = { "nope" }, *bad_attr[] = { "rol" }, *no_attr[] = { "rol=x" }, *twee[] = { "twee" };
	const char *lower_r[] = { "r" };
	cdr_filter flt = { 0 };

	mfx_open(&f);
	flt.docs = nodoc;
	flt.ndocs = 1;
	CU_ASSERT_EQUAL(cdr_selection_new(&sel, f.p, &flt), CDR_ENOTFOUND);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "'nope'"));
	CU_ASSERT_PTR_NULL(sel);
	flt = (cdr_filter){ 0 };
	flt.attrs = bad_attr;
	flt.nattrs = 1;
	CU_ASSERT_EQUAL(cdr_selection_new(&sel, f.p, &flt), CDR_EUSAGE);
	flt.attrs = no_attr;
	CU_ASSERT_EQUAL(cdr_selection_new(&sel, f.p, &flt), CDR_ENOTFOUND);
	/* documents: only twee; speakers: r is R */
	flt = (cdr_filter){ 0 };
	flt.docs = twee;
	flt.ndocs = 1;
	flt.speakers = lower_r;
	flt.nspeakers = 1;
	CU_ASSERT_EQUAL_FATAL(cdr_selection_new(&sel, f.p, &flt), 0);
	CU_ASSERT_FALSE(cdr_selection_all(sel));
	CU_ASSERT_TRUE(cdr_selection_by_speaker(sel));
	CU_ASSERT_TRUE(cdr_selection_doc(sel, "twee"));
	CU_ASSERT_FALSE(cdr_selection_doc(sel, "mini"));
	CU_ASSERT_EQUAL(cdr_selection_passage(sel, "twee", 20), 1);  /* R's turn */
	CU_ASSERT_EQUAL(cdr_selection_passage(sel, "twee", 3), 0);   /* I's turn */
	CU_ASSERT_EQUAL(cdr_selection_passage(sel, "mini", 40), 0);  /* another document */
	cdr_selection_free(sel);
	/* no filter passes everything */
	CU_ASSERT_EQUAL_FATAL(cdr_selection_new(&sel, f.p, NULL), 0);
	CU_ASSERT_TRUE(cdr_selection_all(sel));
	CU_ASSERT_EQUAL(cdr_selection_passage(sel, "mini", 0), 1);
	cdr_selection_free(sel);
	mfx_close(&f);
}

static void test_matrix_filter_counts(void)
{
	struct mfx f;
	cdr_matrix_options o = { 0 };
	cdr_filter flt = { 0 };
	const char *twee[] = { "twee" }, *interviewer[] = { "I" }, *mini[] = { "mini" };
	cdr_matrix *m;
	cdr_freq *fr = NULL;
	size_t n = 0;

	mfx_open(&f);
	/* only twee: one row, anna's one VB */
	o.rows = CDR_ROWS_DOC;
	o.all = 1;
	o.filter = &flt;
	flt.docs = twee;
	flt.ndocs = 1;
	m = build(&f, &o);
	CU_ASSERT_EQUAL(cdr_matrix_rows(m), 1);
	CU_ASSERT_EQUAL(cell(m, "twee", "mini/VB"), 1);
	CU_ASSERT_EQUAL(cdr_matrix_total(m), 1);
	cdr_matrix_free(m);
	/* every coding is in an R turn: the interviewer has none */
	flt = (cdr_filter){ 0 };
	flt.speakers = interviewer;
	flt.nspeakers = 1;
	o.all = 0;
	m = build(&f, &o);
	CU_ASSERT_EQUAL(cdr_matrix_total(m), 0);
	CU_ASSERT_EQUAL(cdr_matrix_codings(m), 0);
	cdr_matrix_free(m);
	/* freq on mini only: VB twice (anna, bob), once per document */
	flt = (cdr_filter){ 0 };
	flt.docs = mini;
	flt.ndocs = 1;
	CU_ASSERT_EQUAL_FATAL(cdr_freqs_filtered(&fr, &n, f.p, f.set, NULL, 0, &flt), 0);
	for (size_t i = 0; i < n; i++)
		if (strcmp(fr[i].code->qualified, "mini/VB") == 0) {
			CU_ASSERT_EQUAL(fr[i].segments, 2);
			CU_ASSERT_EQUAL(fr[i].docs, 1);
		}
	free(fr);
	mfx_close(&f);
}

static int count_quote(void *ctx, const cdr_quote *q)
{
	(void)q;
	(*(size_t *)ctx)++;
	return 0;
}

static void test_matrix_quotes_and_near(void)
{
	struct mfx f;
	const cdr_code *ek, *vb, *net;
	size_t n = 0;

	mfx_open(&f);
	CU_ASSERT_EQUAL_FATAL(cdr_schemes_resolve(&ek, f.set, "EK"), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_schemes_resolve(&vb, f.set, "VB"), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_schemes_resolve(&net, f.set, "VB.NET"), 0);
	/* anna's EK (t4) overlaps her VB.NET c131-140 */
	CU_ASSERT_EQUAL(cdr_quotes_near(f.p, f.set, ek, net, 1, -1, NULL, 0, NULL, count_quote, &n), 0);
	CU_ASSERT_EQUAL(n, 1);
	/* VB in t2 ends at c105; EK starts at c131: "I: En eigen kracht? R:"
	 * between, 5 words */
	n = 0;
	CU_ASSERT_EQUAL(cdr_quotes_near(f.p, f.set, vb, ek, 0, 4, NULL, 0, NULL, count_quote, &n), 0);
	CU_ASSERT_EQUAL(n, 0);
	CU_ASSERT_EQUAL(cdr_quotes_near(f.p, f.set, vb, ek, 0, 5, NULL, 0, NULL, count_quote, &n), 0);
	CU_ASSERT_EQUAL(n, 2); /* anna's and bob's VB, each once */
	/* --and: no overlap */
	n = 0;
	CU_ASSERT_EQUAL(cdr_quotes_near(f.p, f.set, vb, ek, 0, -1, NULL, 0, NULL, count_quote, &n), 0);
	CU_ASSERT_EQUAL(n, 0);
	mfx_close(&f);
}

static void test_matrix_kwic_code_once(void)
{
	struct mfx f;
	cdr_kwic_options o = { "buurt", 0, 0, 10, NULL };
	cdr_codings *k = NULL;
	size_t added = 9, skipped = 9, before;

	mfx_open(&f);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_load(&k, f.p, "anna", NULL, NULL), 0);
	before = cdr_codings_count(k);
	cdr_codings_free(k);
	/* a dry run counts and writes nothing */
	CU_ASSERT_EQUAL(cdr_kwic_code(f.p, &o, "mini/VB.NET", "anna", CDR_SCOPE_TURN, 1, NULL, NULL, &added, &skipped), 0);
	CU_ASSERT_EQUAL(added, 2); /* three hits in two turns */
	CU_ASSERT_EQUAL(skipped, 0);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_load(&k, f.p, "anna", NULL, NULL), 0);
	CU_ASSERT_EQUAL(cdr_codings_count(k), before);
	cdr_codings_free(k);
	CU_ASSERT_EQUAL(cdr_kwic_code(f.p, &o, "mini/VB.NET", "anna", CDR_SCOPE_TURN, 0, NULL, NULL, &added, &skipped), 0);
	CU_ASSERT_EQUAL(added, 2);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_load(&k, f.p, "anna", NULL, NULL), 0);
	CU_ASSERT_EQUAL(cdr_codings_count(k), before + 2);
	CU_ASSERT(cdr_codings_find(k, "mini", 131, 276, "mini/VB.NET") >= 0);
	CU_ASSERT_STRING_EQUAL(cdr_codings_get(k, (size_t)cdr_codings_find(k, "mini", 131, 276, "mini/VB.NET"))->origin,
			       "kwic:buurt");
	cdr_codings_free(k);
	/* again: all skipped */
	CU_ASSERT_EQUAL(cdr_kwic_code(f.p, &o, "mini/VB.NET", "anna", CDR_SCOPE_TURN, 0, NULL, NULL, &added, &skipped), 0);
	CU_ASSERT_EQUAL(added, 0);
	CU_ASSERT_EQUAL(skipped, 2);
	/* a phrase is literal: "(" is no error */
	o.pattern = "buurt (";
	o.fixed = 1;
	CU_ASSERT_EQUAL(cdr_kwic_code(f.p, &o, "mini/VB.NET", "anna", CDR_SCOPE_MATCH, 1, NULL, NULL, &added, &skipped), 0);
	CU_ASSERT_EQUAL(added, 0);
	CU_ASSERT_EQUAL(cdr_kwic_code(f.p, &o, "mini/VB.NET", "no/t valid", CDR_SCOPE_MATCH, 1, NULL, NULL, &added,
				      &skipped), CDR_EUSAGE);
	mfx_close(&f);
}

/* cases.h's import as the retrieval filters rely on it: CSV, a column
 * named twice, empty cells that leave values alone */
static int any_doc(void *ctx, const char *doc)
{
	(void)ctx;
	return strcmp(doc, "mini") == 0 || strcmp(doc, "twee") == 0;
}

static void test_matrix_cases_import_csv(void)
{
	cdr_cases *c = NULL;
	char csv[] = "case,docs,regio,map\nm,mini,\"Noord, oost\",A\n";
	char dup[] = "case\tregio\tregio\nm\ta\tb\n";
	char blank[] = "case\tregio\tmap\nm\t\tB\n";
	long i;

	CU_ASSERT_EQUAL_FATAL(cdr_cases_new(&c), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_cases_import_ex(c, csv, strlen(csv), "c.csv", CDR_CASES_CSV, any_doc, NULL), 0);
	CU_ASSERT_FATAL((i = cdr_cases_find(c, "m")) >= 0);
	CU_ASSERT_STRING_EQUAL(cdr_cases_attr_by_name(c, (size_t)i, "regio"), "Noord, oost");
	CU_ASSERT_EQUAL(cdr_cases_of_doc(c, "mini"), i);
	CU_ASSERT_EQUAL(cdr_cases_import_ex(c, dup, strlen(dup), "d.tsv", 0, any_doc, NULL), CDR_EFORMAT);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "d.tsv:1: column 'regio' appears twice"));
	CU_ASSERT_STRING_EQUAL(cdr_cases_attr_by_name(c, (size_t)i, "regio"), "Noord, oost");
	/* an empty cell leaves the value; with the flag it clears it */
	CU_ASSERT_EQUAL(cdr_cases_import_ex(c, blank, strlen(blank), "b.tsv", 0, any_doc, NULL), 0);
	CU_ASSERT_STRING_EQUAL(cdr_cases_attr_by_name(c, (size_t)i, "regio"), "Noord, oost");
	CU_ASSERT_STRING_EQUAL(cdr_cases_attr_by_name(c, (size_t)i, "map"), "B");
	memcpy(blank, "case\tregio\tmap\nm\t\tB\n", sizeof(blank));
	CU_ASSERT_EQUAL(cdr_cases_import_ex(c, blank, strlen(blank), "b.tsv", CDR_CASES_CLEAR_EMPTY, any_doc, NULL), 0);
	CU_ASSERT_STRING_EQUAL(cdr_cases_attr_by_name(c, (size_t)i, "regio"), "");
	cdr_cases_free(c);
}

struct lines {
	size_t n;
	char last[128];
};

static int on_memo_line(void *ctx, cdr_memo_kind kind, const char *id, size_t line, const char *text)
{
	struct lines *l = ctx;
	l->n++;
	snprintf(l->last, sizeof(l->last), "%s %s %zu %s", cdr_memo_kind_name(kind), id, line, text);
	return 0;
}

static void test_matrix_memo_grep(void)
{
	struct mfx f;
	struct lines l = { 0, "" };
	size_t hits = 9;
	char *text = NULL;

	mfx_open(&f);
	CU_ASSERT_EQUAL_FATAL(cdr_memo_write(f.p, CDR_MEMO_PROJECT, "project", "Vraag een.\n\nTweede vraag?", CDR_MEMO_NEW), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_memo_write(f.p, CDR_MEMO_CASE, "mini", "Geen vraag hier.", CDR_MEMO_NEW), 0);
	CU_ASSERT_EQUAL(cdr_memo_write(f.p, CDR_MEMO_PROJECT, "project", "x", CDR_MEMO_NEW), CDR_EEXISTS);
	CU_ASSERT_EQUAL(cdr_memo_get(&text, f.p, CDR_MEMO_PROJECT, "anything"), 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	CU_ASSERT_EQUAL(strncmp(text, "Vraag een.", 10), 0);
	free(text);
	CU_ASSERT_EQUAL(cdr_memo_grep(f.p, "vraag", 0, on_memo_line, &l, &hits), 0);
	CU_ASSERT_EQUAL(hits, 3);
	CU_ASSERT_STRING_EQUAL(l.last, "case mini 1 Geen vraag hier.");
	l.n = 0;
	CU_ASSERT_EQUAL(cdr_memo_grep(f.p, "Vraag", 1, on_memo_line, &l, &hits), 0);
	CU_ASSERT_EQUAL(hits, 1);
	CU_ASSERT_EQUAL(cdr_memo_grep(f.p, "(open", 0, on_memo_line, &l, &hits), CDR_EUSAGE);
	CU_ASSERT_EQUAL(cdr_memo_kind_parse("project"), CDR_MEMO_PROJECT);
	CU_ASSERT_EQUAL(cdr_memo_kind_parse("person"), -1);
	mfx_close(&f);
}

/* ---- rule precision, score cross-tables, involvement ------------------------------------ */

static void code_by(cdr_project *p, const char *coder, const char *doc, size_t a, size_t b, const char *c,
		    const char *origin, const char *status)
{
	cdr_codings *k = NULL;
	CU_ASSERT_EQUAL_FATAL(cdr_codings_load(&k, p, coder, NULL, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_append(k, doc, a, b, c, origin, "2026-11-25T12:00:00Z", "", status), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_save(k), 0);
	cdr_codings_free(k);
}

static const cdr_rule_eval *eval_row(const cdr_rule_eval *rows, size_t n, const char *rule)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(rows[i].rule, rule) == 0)
			return &rows[i];
	return NULL;
}

/* Against bob, who coded only mini (VB at 30-105; a rejected HAND): the
 * proposals in twee do not count, a rejected proposal does, an accepted
 * one counts for its rule. VB#r1: 3 proposals in mini (30-105 overlaps
 * bob's VB, 281-300 and the rejected 300-310 do not): precision 1/3,
 * recall 1/1, F1 0.5. EK#r1: one proposal, bob never coded EK: precision
 * 0, recall undefined. VB.NET#r1: no proposals. */
static void test_matrix_rules_evaluate(void)
{
	struct mfx f;
	cdr_rule_eval *rows = NULL;
	const cdr_rule_eval *e;
	const char *mini = "mini";
	size_t n = 0, want;
	int done = 0;

	mfx_open(&f);
	code_by(f.p, "auto", "mini", 30, 105, "mini/VB", "rule:mini/VB#r1", "");
	code_by(f.p, "auto", "mini", 281, 300, "mini/VB", "rule:mini/VB#r1", "");
	code_by(f.p, "auto", "mini", 300, 310, "mini/VB", "rule:mini/VB#r1", "rejected");
	code_by(f.p, "auto", "mini", 131, 276, "mini/EK", "accept:rule:mini/EK#r1", "");
	code_by(f.p, "auto", "twee", 14, 37, "mini/VB", "rule:mini/VB#r1", "");
	code_by(f.p, "auto", "mini", 200, 210, "mini/VB", "manual", "");
	CU_ASSERT_EQUAL_FATAL(cdr_rules_evaluate(&rows, &n, f.p, f.set, NULL, "bob", &mini, 1), 0);
	want = n;
	CU_ASSERT_EQUAL(n, 3);
	e = eval_row(rows, n, "mini/VB#r1");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_EQUAL(e->proposals, 3);
	CU_ASSERT_EQUAL(e->hits, 1);
	CU_ASSERT_EQUAL(e->hand, 1);
	CU_ASSERT_EQUAL(e->found, 1);
	CU_ASSERT_DOUBLE_EQUAL(e->precision, 1.0 / 3, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(e->recall, 1.0, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(e->f1, 0.5, 1e-12);
	e = eval_row(rows, n, "mini/EK#r1");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_EQUAL(e->proposals, 1);
	CU_ASSERT_EQUAL(e->hits, 0);
	CU_ASSERT_DOUBLE_EQUAL(e->precision, 0.0, 1e-12);
	CU_ASSERT_TRUE(isnan(e->recall));
	CU_ASSERT_TRUE(isnan(e->f1));
	e = eval_row(rows, n, "mini/VB.NET#r1");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_EQUAL(e->proposals, 0);
	CU_ASSERT_TRUE(isnan(e->precision));
	cdr_rules_evaluate_free(rows, n);
	/* against anna, who coded twee too, its proposal counts */
	CU_ASSERT_EQUAL_FATAL(cdr_rules_evaluate(&rows, &n, f.p, f.set, "auto", "anna", NULL, 0), 0);
	e = eval_row(rows, n, "mini/VB#r1");
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_EQUAL(e->proposals, 4);
	CU_ASSERT_EQUAL(e->hits, 2);
	CU_ASSERT_EQUAL(e->hand, 2);
	CU_ASSERT_EQUAL(e->found, 2);
	cdr_rules_evaluate_free(rows, n);
	CU_ASSERT_EQUAL(cdr_rules_evaluate(&rows, &n, f.p, f.set, NULL, "nobody", NULL, 0), CDR_ENOTFOUND);
	CU_ASSERT_EQUAL(cdr_rules_evaluate(&rows, &n, f.p, f.set, "ghost", "bob", NULL, 0), CDR_ENOTFOUND);
	{
		const char *nope = "nope";
		CU_ASSERT_EQUAL(cdr_rules_evaluate(&rows, &n, f.p, f.set, NULL, "bob", &nope, 1), CDR_ENOTFOUND);
	}
	CU_ASSERT_PTR_NULL(rows);
	CU_ASSERT_EQUAL(n, 0);
	for (long i = 0; i < 5000 && !done; i++) {
		int rc;
		cdr_alloc_fail_after(i);
		rc = cdr_rules_evaluate(&rows, &n, f.p, f.set, NULL, "bob", &mini, 1);
		cdr_alloc_fail_after(-1);
		if (rc == 0) {
			CU_ASSERT_EQUAL(n, want);
			e = eval_row(rows, n, "mini/VB#r1");
			CU_ASSERT(e != NULL && e->hits == 1 && e->proposals == 3);
			done = 1;
		} else {
			CU_ASSERT_EQUAL(rc, CDR_ENOMEM);
			CU_ASSERT_PTR_NULL(rows);
		}
		cdr_rules_evaluate_free(rows, n);
		rows = NULL;
	}
	CU_ASSERT_TRUE(done);
	mfx_close(&f);
}

/* the cell of a cross-table at the row (item, value) and column `col` */
static const char *xt_cell(const cdr_table *t, const char *item, const char *value, const char *col)
{
	size_t c = 0;
	for (size_t j = 0; j < cdr_table_cols(t); j++)
		if (strcmp(cdr_table_cell(t, 0, j), col) == 0)
			c = j;
	if (c == 0)
		return NULL;
	for (size_t i = 1; i <= cdr_table_rows(t); i++)
		if (strcmp(cdr_table_cell(t, i, 0), item) == 0 && strcmp(cdr_table_cell(t, i, 1), value) == 0)
			return cdr_table_cell(t, i, c);
	return NULL;
}

/* Three cases by hand: mini (groep A, goed, 2), twee (B, slecht, 4) and
 * drie (A, goed, no number; no documents: a case by its hand values).
 * By groep: goed A 2 B 0, slecht A 0 B 1, total 2 1; getal: the mean of
 * the cases with a number, 2.00 (n 1) and 4.00 (n 1). By vb, derived from
 * anna's VB codings (present in mini and twee, absent in drie): a case
 * without a value for the item is left out. */
static void test_matrix_score_crosstab(void)
{
	struct mfx f;
	cdr_scores *s = NULL;
	cdr_table *t = NULL;
	const char *items[] = { "oordeel", "getal" };
	const char *anna = "anna";
	char *rules;
	int done = 0;

	mfx_open(&f);
	rules = test_join(f.root, "t.rules");
	test_write_file(rules, "item groep: A, B\nitem oordeel: goed, slecht\nitem getal:\n"
			       "item vb: ja, nee\nvb from code mini/VB: present -> ja | absent -> nee\n");
	CU_ASSERT_EQUAL_FATAL(cdr_score_set(f.p, "mini", "groep", "A"), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_score_set(f.p, "mini", "oordeel", "goed"), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_score_set(f.p, "mini", "getal", "2"), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_score_set(f.p, "twee", "groep", "B"), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_score_set(f.p, "twee", "oordeel", "slecht"), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_score_set(f.p, "twee", "getal", "4,0"), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_score_set(f.p, "drie", "groep", "A"), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_score_set(f.p, "drie", "oordeel", "goed"), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_scores_evaluate(&s, f.p, f.set, rules, &anna, 1), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_scores_crosstab(&t, s, f.p, "groep", items, 2), 0);
	CU_ASSERT_EQUAL(cdr_table_cols(t), 4);
	CU_ASSERT_STRING_EQUAL(xt_cell(t, "oordeel", "goed", "A"), "2");
	CU_ASSERT_STRING_EQUAL(xt_cell(t, "oordeel", "goed", "B"), "0");
	CU_ASSERT_STRING_EQUAL(xt_cell(t, "oordeel", "slecht", "B"), "1");
	CU_ASSERT_STRING_EQUAL(xt_cell(t, "oordeel", "total", "A"), "2");
	CU_ASSERT_STRING_EQUAL(xt_cell(t, "getal", "mean", "A"), "2.00");
	CU_ASSERT_STRING_EQUAL(xt_cell(t, "getal", "n", "A"), "1");
	CU_ASSERT_STRING_EQUAL(xt_cell(t, "getal", "mean", "B"), "4.00");
	cdr_table_free(t);
	t = NULL;
	CU_ASSERT_EQUAL_FATAL(cdr_scores_crosstab(&t, s, f.p, "vb", items, 1), 0);
	CU_ASSERT_STRING_EQUAL(xt_cell(t, "oordeel", "goed", "ja"), "1");
	CU_ASSERT_STRING_EQUAL(xt_cell(t, "oordeel", "slecht", "ja"), "1");
	CU_ASSERT_STRING_EQUAL(xt_cell(t, "oordeel", "goed", "nee"), "1");
	cdr_table_free(t);
	t = NULL;
	CU_ASSERT_NOT_EQUAL(cdr_scores_crosstab(&t, s, f.p, "nope", items, 2), 0);
	CU_ASSERT_PTR_NULL(t);
	for (long i = 0; i < 5000 && !done; i++) {
		int rc;
		cdr_alloc_fail_after(i);
		rc = cdr_scores_crosstab(&t, s, f.p, "groep", items, 2);
		cdr_alloc_fail_after(-1);
		if (rc == 0) {
			CU_ASSERT_STRING_EQUAL(xt_cell(t, "oordeel", "goed", "A"), "2");
			done = 1;
		} else {
			CU_ASSERT_EQUAL(rc, CDR_ENOMEM);
			CU_ASSERT_PTR_NULL(t);
		}
		cdr_table_free(t);
		t = NULL;
	}
	CU_ASSERT_TRUE(done);
	cdr_scores_free(s);
	free(rules);
	mfx_close(&f);
}

/* VB by anna in both cases; EK (the first actor) on the same segment in
 * twee only, HAND in mini only (bob's rejected HAND there does not
 * count): with 2 of 2, self 1 of 2, solo 1 of 1, partners (1 + 1) / 2.
 * HAND as the only row: no case has it, so every share is undefined. */
static void test_matrix_involvement(void)
{
	struct mfx f;
	cdr_involvement *rows = NULL;
	const char *anna = "anna", *codes[] = { "VB", "HAND" }, *actors[] = { "EK", "HAND" }, *nope = "NOPE";
	size_t n = 0;
	int done = 0;

	mfx_open(&f);
	code(f.p, "anna", "twee", 14, 20, "mini/EK", "");
	code(f.p, "anna", "mini", 40, 60, "mini/HAND", "");
	CU_ASSERT_EQUAL_FATAL(cdr_involvement_build(&rows, &n, f.p, f.set, &anna, 1, codes, 1, actors, 2), 0);
	CU_ASSERT_EQUAL_FATAL(n, 1);
	CU_ASSERT_STRING_EQUAL(rows[0].code, "mini/VB");
	CU_ASSERT_EQUAL(rows[0].cases, 2);
	CU_ASSERT_EQUAL(rows[0].with, 2);
	CU_ASSERT_EQUAL(rows[0].self, 1);
	CU_ASSERT_EQUAL(rows[0].solo, 1);
	CU_ASSERT_DOUBLE_EQUAL(rows[0].with_pct, 100, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(rows[0].self_pct, 50, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(rows[0].solo_pct, 100, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(rows[0].partners, 1.0, 1e-12);
	cdr_involvement_free(rows, n);
	/* bob: VB in mini, his HAND rejected; the actors touch nothing */
	{
		const char *bob = "bob";
		CU_ASSERT_EQUAL_FATAL(cdr_involvement_build(&rows, &n, f.p, f.set, &bob, 1, codes, 2, actors, 2), 0);
		CU_ASSERT_EQUAL(rows[0].with, 1);
		CU_ASSERT_EQUAL(rows[0].self, 0);
		CU_ASSERT_TRUE(isnan(rows[0].solo_pct));
		CU_ASSERT_DOUBLE_EQUAL(rows[0].partners, 0.0, 1e-12);
		CU_ASSERT_EQUAL(rows[1].with, 0);
		CU_ASSERT_TRUE(isnan(rows[1].self_pct));
		CU_ASSERT_TRUE(isnan(rows[1].partners));
		cdr_involvement_free(rows, n);
	}
	rows = NULL;
	CU_ASSERT_EQUAL(cdr_involvement_build(&rows, &n, f.p, f.set, &anna, 1, codes, 0, actors, 2), CDR_EUSAGE);
	CU_ASSERT_EQUAL(cdr_involvement_build(&rows, &n, f.p, f.set, &anna, 1, codes, 1, actors, 0), CDR_EUSAGE);
	CU_ASSERT_EQUAL(cdr_involvement_build(&rows, &n, f.p, f.set, &anna, 1, &nope, 1, actors, 2), CDR_ENOTFOUND);
	CU_ASSERT_PTR_NULL(rows);
	for (long i = 0; i < 5000 && !done; i++) {
		int rc;
		cdr_alloc_fail_after(i);
		rc = cdr_involvement_build(&rows, &n, f.p, f.set, &anna, 1, codes, 1, actors, 2);
		cdr_alloc_fail_after(-1);
		if (rc == 0) {
			CU_ASSERT(n == 1 && rows[0].self == 1 && rows[0].solo == 1);
			done = 1;
		} else {
			CU_ASSERT_EQUAL(rc, CDR_ENOMEM);
			CU_ASSERT_PTR_NULL(rows);
			n = 0;
		}
		cdr_involvement_free(rows, n);
		rows = NULL;
	}
	CU_ASSERT_TRUE(done);
	mfx_close(&f);
}

/* ---- out of memory ------------------------------------------------------------- */

/* Are two matrices the same: labels, cells, totals and quotes? */
static int same_matrix(const cdr_matrix *a, const cdr_matrix *b)
{
	if (cdr_matrix_rows(a) != cdr_matrix_rows(b) || cdr_matrix_cols(a) != cdr_matrix_cols(b) ||
	    cdr_matrix_total(a) != cdr_matrix_total(b) || cdr_matrix_codings(a) != cdr_matrix_codings(b))
		return 0;
	for (size_t i = 0; i < cdr_matrix_rows(a); i++) {
		if (strcmp(cdr_matrix_row_label(a, i), cdr_matrix_row_label(b, i)) != 0 ||
		    cdr_matrix_row_total(a, i) != cdr_matrix_row_total(b, i))
			return 0;
		for (size_t j = 0; j < cdr_matrix_cols(a); j++) {
			const char *qa, *qb;
			if (cdr_matrix_value(a, i, j) != cdr_matrix_value(b, i, j))
				return 0;
			qa = cdr_matrix_quotes(a, i, j);
			qb = cdr_matrix_quotes(b, i, j);
			if ((qa == NULL) != (qb == NULL) || (qa && strcmp(qa, qb) != 0))
				return 0;
		}
	}
	for (size_t j = 0; j < cdr_matrix_cols(a); j++)
		if (strcmp(cdr_matrix_col_label(a, j), cdr_matrix_col_label(b, j)) != 0 ||
		    cdr_matrix_col_total(a, j) != cdr_matrix_col_total(b, j))
			return 0;
	return 1;
}

/* ---- the codings index (coding/compact.h) ---------------------------------- */

static char *index_path(struct mfx *f, const char *coder)
{
	return cdr_compact_index_path(cdr_project_path(f->p), coder);
}

/* The index holds what the file holds: every readable row, rejected or
 * not, in the file's order. */
static void test_matrix_index_rows_are_the_file(void)
{
	struct mfx f;
	cdr_codings *k = NULL;
	cdr_compact *c = NULL;
	int rebuilt = -1;

	mfx_open(&f);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_load(&k, f.p, "bob", NULL, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_compact_load(&c, f.p, "bob", &rebuilt), 0);
	CU_ASSERT_EQUAL(rebuilt, 1);
	CU_ASSERT_EQUAL_FATAL(cdr_compact_count(c), cdr_codings_count(k));
	for (size_t i = 0; i < cdr_compact_count(c); i++) {
		const cdr_compact_row *r = &cdr_compact_rows(c)[i];
		const cdr_coding *x = cdr_codings_get(k, i);
		CU_ASSERT_STRING_EQUAL(cdr_compact_doc(c, r->doc), x->doc);
		CU_ASSERT_STRING_EQUAL(cdr_compact_code(c, r->code & ~CDR_COMPACT_REJECTED), x->code);
		CU_ASSERT_EQUAL(r->start, x->start);
		CU_ASSERT_EQUAL(r->end, x->end);
		CU_ASSERT_EQUAL(!!(r->code & CDR_COMPACT_REJECTED), strcmp(x->status, "rejected") == 0);
	}
	cdr_compact_free(c);
	/* the second time from the index */
	CU_ASSERT_EQUAL_FATAL(cdr_compact_load(&c, f.p, "bob", &rebuilt), 0);
	CU_ASSERT_EQUAL(rebuilt, 0);
	CU_ASSERT_EQUAL(cdr_compact_count(c), 2);
	cdr_compact_free(c);
	/* a coder without a file has no codings and no index */
	CU_ASSERT_EQUAL_FATAL(cdr_compact_load(&c, f.p, "nobody", &rebuilt), 0);
	CU_ASSERT_EQUAL(cdr_compact_count(c), 0);
	cdr_compact_free(c);
	cdr_codings_free(k);
	mfx_close(&f);
}

/* A coding added after the index was made counts: the index is rebuilt. */
static void test_matrix_index_follows_the_file(void)
{
	struct mfx f;
	cdr_matrix_options o = { 0 };
	cdr_matrix *m;
	char *ipath;
	struct stat before, after;

	mfx_open(&f);
	o.coder = "anna";
	m = build(&f, &o);
	CU_ASSERT_EQUAL(cell(m, "twee", "mini/VB"), 1);
	cdr_matrix_free(m);
	ipath = index_path(&f, "anna");
	CU_ASSERT_EQUAL_FATAL(stat(ipath, &before), 0);
	code(f.p, "anna", "twee", 0, 9, "mini/VB", "");
	m = build(&f, &o);
	CU_ASSERT_EQUAL(cell(m, "twee", "mini/VB"), 2);
	CU_ASSERT_EQUAL(cdr_matrix_codings(m), 5);
	cdr_matrix_free(m);
	CU_ASSERT_EQUAL_FATAL(stat(ipath, &after), 0);
	CU_ASSERT_NOT_EQUAL(before.st_size, after.st_size);
	free(ipath);
	mfx_close(&f);
}

/* An edit that keeps the file's size and modification time is still
 * seen: the index is never trusted over the file. */
static void test_matrix_index_same_size_and_mtime(void)
{
	struct mfx f;
	cdr_matrix_options o = { 0 };
	cdr_matrix *m;
	char *tsv, *data;
	size_t len;
	struct stat st;
	struct timespec times[2];

	mfx_open(&f);
	o.coder = "anna";
	m = build(&f, &o);
	CU_ASSERT_EQUAL(cell(m, "mini", "mini/EK"), 1);
	cdr_matrix_free(m);
	tsv = test_join(cdr_project_path(f.p), "codings/anna.tsv");
	CU_ASSERT_EQUAL_FATAL(stat(tsv, &st), 0);
	data = test_slurp(tsv, &len);
	/* mini/EK becomes mini/VB: as many bytes, in place */
	char *at = strstr(data, "mini/EK");
	CU_ASSERT_PTR_NOT_NULL_FATAL(at);
	memcpy(at, "mini/VB", 7);
	FILE *w = fopen(tsv, "r+b");
	CU_ASSERT_PTR_NOT_NULL_FATAL(w);
	CU_ASSERT_EQUAL(fwrite(data, 1, len, w), len);
	fclose(w);
	times[0] = st.st_atim;
	times[1] = st.st_mtim;
	CU_ASSERT_EQUAL(utimensat(AT_FDCWD, tsv, times, 0), 0);
	m = build(&f, &o);
	CU_ASSERT_EQUAL(col_of(m, "mini/EK"), -1);
	CU_ASSERT_EQUAL(cell(m, "mini", "mini/VB"), 2);
	cdr_matrix_free(m);
	free(data);
	free(tsv);
	mfx_close(&f);
}

/* A damaged index is refused and made again from the file; a missing
 * one too. */
static void test_matrix_index_damaged(void)
{
	struct mfx f;
	cdr_matrix_options o = { 0 };
	cdr_matrix *ref, *m;
	char *ipath, *good, *bad;
	size_t len, len2;

	mfx_open(&f);
	o.coders = (const char *[]){ "anna", "bob" };
	o.ncoders = 2;
	ref = build(&f, &o);
	ipath = index_path(&f, "anna");
	good = test_slurp(ipath, &len);
	CU_ASSERT_FATAL(len > 200);
	/* every byte after the key, changed one at a time, is caught */
	for (size_t at = 120; at < len; at += 7) {
		bad = malloc(len);
		memcpy(bad, good, len);
		bad[at] ^= 0x5a;
		FILE *w = fopen(ipath, "wb");
		CU_ASSERT_EQUAL(fwrite(bad, 1, len, w), len);
		fclose(w);
		m = build(&f, &o);
		CU_ASSERT_TRUE(same_matrix(m, ref));
		cdr_matrix_free(m);
		free(bad);
		bad = test_slurp(ipath, &len2);
		CU_ASSERT_TRUE(len2 == len && memcmp(bad, good, len) == 0);
		free(bad);
	}
	/* cut short, and gone */
	test_write_file(ipath, "cdrcidx\n");
	m = build(&f, &o);
	CU_ASSERT_TRUE(same_matrix(m, ref));
	cdr_matrix_free(m);
	CU_ASSERT_EQUAL(unlink(ipath), 0);
	m = build(&f, &o);
	CU_ASSERT_TRUE(same_matrix(m, ref));
	cdr_matrix_free(m);
	bad = test_slurp(ipath, &len2);
	CU_ASSERT_TRUE(len2 == len && memcmp(bad, good, len) == 0);
	free(bad);
	free(good);
	free(ipath);
	cdr_matrix_free(ref);
	mfx_close(&f);
}

struct matrix_oom {
	struct mfx *f;
	const cdr_matrix_options *o;
	cdr_matrix *ref;
	int cold; /* each attempt without the codings indexes: they are made again */
};

/* A matrix with allocations failing (test_oom_loop): CDR_ENOMEM and no
 * matrix, or the matrix built without faults. */
static int matrix_attempt(void *ctx, long n, int once)
{
	struct matrix_oom *t = ctx;
	cdr_matrix *m = NULL;
	int rc;

	if (t->cold) {
		char *a = index_path(t->f, "anna"), *b = index_path(t->f, "bob");
		unlink(a);
		unlink(b);
		free(a);
		free(b);
	}
	test_fail_alloc(n, once);
	rc = cdr_matrix_build(&m, t->f->p, t->f->set, t->o);
	test_fail_alloc(-1, 0);
	if (rc == 0) {
		CU_ASSERT_TRUE(same_matrix(m, t->ref));
	} else {
		if (rc != CDR_ENOMEM)
			fprintf(stderr, "\nmatrix, allocation %ld failing%s: %s\n", n, once ? " (once)" : "",
				cdr_error_last());
		CU_ASSERT_EQUAL(rc, CDR_ENOMEM);
		CU_ASSERT_PTR_NULL(m);
	}
	cdr_matrix_free(m);
	return rc;
}

static void matrix_oom_loop(struct mfx *f, const cdr_matrix_options *o)
{
	struct matrix_oom t = { f, o, build(f, (cdr_matrix_options *)o), 0 };

	CU_ASSERT(test_oom_loop(matrix_attempt, &t) > 10);
	cdr_matrix_free(t.ref);
}

static void test_matrix_out_of_memory(void)
{
	struct mfx f;
	cdr_matrix_options o = { 0 };
	const char *codes[] = { "VB+", "EK" }, *both[] = { "anna", "bob" };

	mfx_open(&f);
	matrix_oom_loop(&f, &o);
	o.coder = "anna";
	o.cell = CDR_CELL_WORDS;
	matrix_oom_loop(&f, &o);
	o.cell = CDR_CELL_SHARE;
	o.rows = CDR_ROWS_SPEAKER;
	matrix_oom_loop(&f, &o);
	o.cell = CDR_CELL_QUOTES;
	o.rows = CDR_ROWS_DOC;
	o.codes = codes;
	o.ncodes = 2;
	matrix_oom_loop(&f, &o);
	memset(&o, 0, sizeof(o));
	o.coders = both;
	o.ncoders = 2;
	o.cell = CDR_CELL_DOCS;
	o.all = 1;
	matrix_oom_loop(&f, &o);
	/* the indexes made again at every attempt */
	{
		struct matrix_oom t = { &f, &o, build(&f, &o), 1 };
		CU_ASSERT(test_oom_loop(matrix_attempt, &t) > 10);
		cdr_matrix_free(t.ref);
	}
	mfx_close(&f);
}

struct score_oom {
	struct mfx *f;
	const char *rules;
	cdr_scores *ref;
};

/* Score rules evaluated with allocations failing (test_oom_loop):
 * CDR_ENOMEM and no scores, or every value as without faults. */
static int score_attempt(void *ctx, long n, int once)
{
	static const char *anna[] = { "anna" };
	struct score_oom *t = ctx;
	cdr_scores *s = NULL;
	int rc;

	test_fail_alloc(n, once);
	rc = cdr_scores_evaluate(&s, t->f->p, t->f->set, t->rules, anna, 1);
	test_fail_alloc(-1, 0);
	if (rc != 0) {
		if (rc != CDR_ENOMEM)
			fprintf(stderr, "\nscore, allocation %ld failing%s: %s\n", n, once ? " (once)" : "",
				cdr_error_last());
		CU_ASSERT_EQUAL(rc, CDR_ENOMEM);
		CU_ASSERT_PTR_NULL(s);
		cdr_scores_free(s);
		return rc;
	}
	CU_ASSERT_EQUAL_FATAL(cdr_scores_cases(s), cdr_scores_cases(t->ref));
	CU_ASSERT_EQUAL_FATAL(cdr_scores_items(s), cdr_scores_items(t->ref));
	for (size_t c = 0; c < cdr_scores_cases(s); c++) {
		CU_ASSERT_STRING_EQUAL(cdr_scores_case(s, c), cdr_scores_case(t->ref, c));
		for (size_t k = 0; k < cdr_scores_items(s); k++) {
			CU_ASSERT_STRING_EQUAL(cdr_scores_item(s, k), cdr_scores_item(t->ref, k));
			CU_ASSERT_STRING_EQUAL(cdr_scores_value(s, c, k), cdr_scores_value(t->ref, c, k));
			CU_ASSERT_EQUAL(cdr_scores_by_hand(s, c, k), cdr_scores_by_hand(t->ref, c, k));
		}
	}
	cdr_scores_free(s);
	return 0;
}

/* A value by hand, one from a code, one from a count, one from a table. */
static void test_matrix_score_out_of_memory(void)
{
	struct mfx f;
	struct score_oom t = { &f, NULL, NULL };
	const char *anna[] = { "anna" };
	char *rules;

	mfx_open(&f);
	rules = test_join(f.root, "s.rules");
	test_write_file(rules, "item verbinden: ja, nee\n"
			       "verbinden from code mini/VB+: present -> ja | absent -> nee\n"
			       "item kracht: veel, weinig, geen\n"
			       "kracht from count mini/EK: >= 2 -> veel | >= 1 -> weinig | else -> geen\n"
			       "item oordeel: goed, matig\n"
			       "item samen: goed, matig\n"
			       "samen from verbinden, oordeel:\n"
			       "  ja, goed -> goed\n"
			       "  *, * -> matig\n");
	t.rules = rules;
	CU_ASSERT_EQUAL_FATAL(cdr_score_set(f.p, "mini", "oordeel", "goed"), 0);
	if (cdr_scores_evaluate(&t.ref, f.p, f.set, rules, anna, 1) != 0)
		fprintf(stderr, "\nscore: %s\n", cdr_error_last());
	CU_ASSERT_PTR_NOT_NULL_FATAL(t.ref);
	CU_ASSERT_EQUAL_FATAL(cdr_scores_cases(t.ref), 2);
	CU_ASSERT_EQUAL_FATAL(cdr_scores_items(t.ref), 4);
	/* the reference itself: mini has anna's VB and one EK */
	for (size_t c = 0; c < cdr_scores_cases(t.ref); c++)
		if (strcmp(cdr_scores_case(t.ref, c), "mini") == 0) {
			CU_ASSERT_STRING_EQUAL(cdr_scores_value(t.ref, c, 0), "ja");
			CU_ASSERT_STRING_EQUAL(cdr_scores_value(t.ref, c, 1), "weinig");
			CU_ASSERT_STRING_EQUAL(cdr_scores_value(t.ref, c, 2), "goed");
			CU_ASSERT_STRING_EQUAL(cdr_scores_value(t.ref, c, 3), "goed");
		}
	CU_ASSERT(test_oom_loop(score_attempt, &t) > 10);
	cdr_scores_free(t.ref);
	free(rules);
	mfx_close(&f);
}

void test_matrix_register(void)
{
	CU_pSuite s = CU_add_suite("matrix", NULL, NULL);

	CU_add_test(s, "count_sums_to_codings", test_matrix_count_sums_to_codings);
	CU_add_test(s, "presence_and_docs", test_matrix_presence_and_docs);
	CU_add_test(s, "words_share_quotes_one_coder", test_matrix_words_share_quotes_one_coder);
	CU_add_test(s, "coder_subtree_group_speaker", test_matrix_coder_subtree_group_speaker);
	CU_add_test(s, "chi2_by_hand", test_matrix_chi2_by_hand);
	CU_add_test(s, "unknown_names", test_matrix_unknown_names);
	CU_add_test(s, "nested_codings_count_words_once", test_matrix_nested_codings_count_words_once);
	CU_add_test(s, "coder_list", test_matrix_coder_list);
	CU_add_test(s, "freq_words_as_matrix", test_matrix_freq_words_as_matrix);
	CU_add_test(s, "span_union_words", test_matrix_span_union_words);
	CU_add_test(s, "cooccur_counts_units", test_matrix_cooccur_counts_units);
	CU_add_test(s, "number_format_round_trips", test_matrix_number_format_round_trips);
	CU_add_test(s, "filter_selection", test_matrix_filter_selection);
	CU_add_test(s, "filter_counts", test_matrix_filter_counts);
	CU_add_test(s, "quotes_and_near", test_matrix_quotes_and_near);
	CU_add_test(s, "kwic_code_once", test_matrix_kwic_code_once);
	CU_add_test(s, "cases_import_csv", test_matrix_cases_import_csv);
	CU_add_test(s, "memo_grep", test_matrix_memo_grep);
	CU_add_test(s, "rules_evaluate", test_matrix_rules_evaluate);
	CU_add_test(s, "score_crosstab", test_matrix_score_crosstab);
	CU_add_test(s, "involvement", test_matrix_involvement);
	CU_add_test(s, "index_rows_are_the_file", test_matrix_index_rows_are_the_file);
	CU_add_test(s, "index_follows_the_file", test_matrix_index_follows_the_file);
	CU_add_test(s, "index_same_size_and_mtime", test_matrix_index_same_size_and_mtime);
	CU_add_test(s, "index_damaged", test_matrix_index_damaged);
	CU_add_test(s, "out_of_memory", test_matrix_out_of_memory);
	CU_add_test(s, "score_out_of_memory", test_matrix_score_out_of_memory);
}
