/* test-coding.c -- the rule engine (scopes, merging, unless, near,
 * speakers, case, Unicode, the match limit), autocode on a project
 * (idempotent reruns, rejections, manual codings, dry runs), the codings
 * store and import, memos, the lint of scheme check, and retrieval
 * (quotes, frequencies, keyword in context). Expected offsets are computed
 * here from the texts. */
#include <CUnit/CUnit.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "codeer/autocode.h"
#include "codeer/coding.h"
#include "codeer/error.h"
#include "codeer/freq-tree.h"
#include "codeer/ingest.h"
#include "codeer/memo.h"
#include "codeer/project.h"
#include "codeer/retrieve.h"
#include "codeer/scheme.h"
#include "test.h"
#include "util/alloc.h"

/* ---- helpers ------------------------------------------------------------ */

static size_t files_in(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL)
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

/* Byte offset of the k-th (0-based) occurrence of needle in text. */
static size_t off(const char *text, const char *needle, int k)
{
	const char *p = text;

	for (;;) {
		p = strstr(p, needle);
		CU_ASSERT_PTR_NOT_NULL_FATAL(p);
		if (k-- == 0)
			return (size_t)(p - text);
		p++;
	}
}

/* Offset just after the first occurrence of needle. */
static size_t end_of(const char *text, const char *needle)
{
	return off(text, needle, 0) + strlen(needle);
}

/* Code points in the first `bytes` bytes of UTF-8 text. */
static size_t cp(const char *text, size_t bytes)
{
	size_t n = 0;

	for (size_t i = 0; i < bytes; i++)
		n += ((unsigned char)text[i] & 0xC0) != 0x80;
	return n;
}

/* Words as runs of ASCII letters and digits (the texts here are ASCII). */
static size_t ascii_words(const char *s, size_t n)
{
	size_t w = 0;
	int in = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		int alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
		w += alnum && !in;
		in = alnum;
	}
	return w;
}

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
#define SCHEME(id, body) \
	HEAD "<scheme xmlns=\"urn:codeer:scheme:1\" id=\"" id "\" version=\"1\">\n  <title>T</title>\n" body "</scheme>\n"
#define CODE(id, rules) \
	"  <code id=\"" id "\" label=\"" id "\">\n    <definition>" id "</definition>\n" rules "  </code>\n"
#define RULE(id, attrs, pattern) "    <rule id=\"" id "\" " attrs "><pattern>" pattern "</pattern></rule>\n"

/* A temporary project holding the given schemes (NULL-terminated). */
struct fx {
	char *root;
	cdr_project *p;
	cdr_schemes *set;
};

static void fx_open(struct fx *f, const char *const *xml)
{
	char *proj;

	memset(f, 0, sizeof(*f));
	f->root = strdup(test_tmpdir());
	proj = test_join(f->root, "proj");
	CU_ASSERT_EQUAL_FATAL(cdr_project_init(proj, "test"), 0);
	for (size_t i = 0; xml && xml[i]; i++) {
		char name[64], *path;
		snprintf(name, sizeof(name), "schemes/s%zu.xml", i);
		path = test_join(proj, name);
		test_write_file(path, xml[i]);
		free(path);
	}
	CU_ASSERT_EQUAL_FATAL(cdr_project_open(&f->p, proj), 0);
	free(proj);
	if (cdr_schemes_load(&f->set, f->p) != 0)
		fprintf(stderr, "\nschemes: %s\n", cdr_error_last());
	CU_ASSERT_PTR_NOT_NULL_FATAL(f->set);
}

static void fx_close(struct fx *f)
{
	cdr_schemes_free(f->set);
	cdr_project_free(f->p);
	test_rm_rf(f->root);
	free(f->root);
}

static cdr_document *ingest(const char *text)
{
	cdr_document *doc = NULL;
	size_t len;
	int rc = cdr_ingest_bytes(&doc, text, strlen(text), "t.txt", NULL);

	if (rc != 0)
		fprintf(stderr, "\ningest: %s\n", cdr_error_last());
	CU_ASSERT_EQUAL_FATAL(rc, 0);
	/* the texts here are normalised already: offsets in them hold */
	CU_ASSERT_STRING_EQUAL_FATAL(cdr_document_text(doc, &len), text);
	return doc;
}

struct limits {
	long turn[8];
	const cdr_code *code[8];
	size_t n;
};

static void on_limit(void *ctx, const cdr_document *doc, long turn, const cdr_code *code, const cdr_rule *rule)
{
	struct limits *l = ctx;

	(void)doc;
	(void)rule;
	if (l->n < 8) {
		l->turn[l->n] = turn;
		l->code[l->n] = code;
	}
	l->n++;
}

/* Run an engine with all schemes of f over text. */
static void run_text(struct fx *f, const char *text, cdr_proposals *props, struct limits *lim)
{
	cdr_engine *e = NULL;
	cdr_document *doc = ingest(text);
	int rc;

	rc = cdr_engine_new(&e, f->set, NULL, 0);
	if (rc != 0)
		fprintf(stderr, "\nengine: %s\n", cdr_error_last());
	CU_ASSERT_EQUAL_FATAL(rc, 0);
	memset(props, 0, sizeof(*props));
	CU_ASSERT_EQUAL(cdr_engine_run(e, doc, props, lim ? on_limit : NULL, lim), 0);
	cdr_engine_free(e);
	cdr_document_free(doc);
}

static size_t count_code(const cdr_proposals *props, const char *qualified)
{
	size_t n = 0;

	for (size_t i = 0; i < props->n; i++)
		n += strcmp(props->v[i].code->qualified, qualified) == 0;
	return n;
}

/* The proposal of this code with exactly this span, or NULL (printed). */
static const cdr_proposal *find_prop(const cdr_proposals *props, const char *qualified, size_t start, size_t end)
{
	for (size_t i = 0; i < props->n; i++)
		if (strcmp(props->v[i].code->qualified, qualified) == 0 && props->v[i].span.start == start &&
		    props->v[i].span.end == end)
			return &props->v[i];
	fprintf(stderr, "\nno %s c%zu-%zu among:", qualified, start, end);
	for (size_t i = 0; i < props->n; i++)
		fprintf(stderr, " %s c%zu-%zu", props->v[i].code->qualified, props->v[i].span.start, props->v[i].span.end);
	fprintf(stderr, "\n");
	return NULL;
}

static int find_prop_quiet(const cdr_proposals *props, const char *qualified, size_t start, size_t end)
{
	for (size_t i = 0; i < props->n; i++)
		if (strcmp(props->v[i].code->qualified, qualified) == 0 && props->v[i].span.start == start &&
		    props->v[i].span.end == end)
			return 1;
	return 0;
}

static int has_prop(const cdr_proposals *props, const char *qualified, size_t start, size_t end)
{
	return find_prop(props, qualified, start, end) != NULL;
}

/* ---- scopes ----------------------------------------------------------------- */

static const char scope_text[] =
	"I: Hoe gaat het?\n"
	"\n"
	"R: Eerste zin hier. Tweede zin met sleutel erin. Derde zin.\n"
	"Nog een regel in dezelfde alinea.\n"
	"\n"
	"Tweede alinea zonder het woord.\n"
	"\n"
	"I: Dank u.\n";

static void test_coding_scope_expansion(void)
{
	static const char *const xml[] = {
		SCHEME("s",
		       CODE("M", RULE("r1", "scope=\"match\"", "sleutel"))
		       CODE("S", RULE("r1", "scope=\"sentence\"", "sleutel"))
		       CODE("P", RULE("r1", "scope=\"paragraph\"", "sleutel"))
		       CODE("T", RULE("r1", "scope=\"turn\"", "sleutel"))
		       CODE("D", RULE("r1", "", "sleutel"))),
		NULL
	};
	const char *t = scope_text;
	struct fx f;
	cdr_proposals props;
	size_t key = off(t, "sleutel", 0), sent = off(t, "Tweede zin", 0);
	size_t turn = off(t, "Eerste zin", 0);

	fx_open(&f, xml);
	run_text(&f, t, &props, NULL);
	CU_ASSERT_EQUAL(props.n, 5);
	CU_ASSERT_TRUE(has_prop(&props, "s/M", key, key + strlen("sleutel")));
	CU_ASSERT_TRUE(has_prop(&props, "s/S", sent, sent + strlen("Tweede zin met sleutel erin.")));
	CU_ASSERT_TRUE(has_prop(&props, "s/D", sent, sent + strlen("Tweede zin met sleutel erin.")));
	CU_ASSERT_TRUE(has_prop(&props, "s/P", turn, end_of(t, "dezelfde alinea.")));
	CU_ASSERT_TRUE(has_prop(&props, "s/T", turn, end_of(t, "zonder het woord.")));
	/* sorted by start */
	for (size_t i = 1; i < props.n; i++)
		CU_ASSERT_TRUE(props.v[i - 1].span.start <= props.v[i].span.start);
	for (size_t i = 0; i < props.n; i++) {
		char want[64];
		snprintf(want, sizeof(want), "rule:%s#r1", props.v[i].code->qualified);
		CU_ASSERT_STRING_EQUAL(props.v[i].origin, want);
	}
	cdr_proposals_free(&props);
	fx_close(&f);
}

static void test_coding_scope_match_across_sentences(void)
{
	static const char *const xml[] = {
		SCHEME("s",
		       CODE("S", RULE("r1", "scope=\"sentence\"", "sleutel erin\\. Derde"))
		       CODE("M", RULE("r1", "scope=\"match\"", "sleutel erin\\. Derde"))),
		NULL
	};
	const char *t = scope_text;
	struct fx f;
	cdr_proposals props;
	size_t key = off(t, "sleutel erin. Derde", 0);

	fx_open(&f, xml);
	run_text(&f, t, &props, NULL);
	CU_ASSERT_EQUAL(props.n, 2);
	/* both sentences, whole */
	CU_ASSERT_TRUE(has_prop(&props, "s/S", off(t, "Tweede zin", 0), end_of(t, "Derde zin.")));
	CU_ASSERT_TRUE(has_prop(&props, "s/M", key, key + strlen("sleutel erin. Derde")));
	cdr_proposals_free(&props);
	fx_close(&f);
}

/* ---- merging ------------------------------------------------------------------ */

static void test_coding_merge_two_rules_same_sentence(void)
{
	static const char *const xml[] = {
		SCHEME("s",
		       CODE("c", RULE("r1", "", "sleutel") RULE("r2", "", "erin"))),
		NULL
	};
	const char *t = scope_text;
	struct fx f;
	cdr_proposals props;
	size_t sent = off(t, "Tweede zin", 0);

	fx_open(&f, xml);
	run_text(&f, t, &props, NULL);
	CU_ASSERT_EQUAL_FATAL(props.n, 1);
	CU_ASSERT_EQUAL(props.v[0].span.start, sent);
	CU_ASSERT_EQUAL(props.v[0].span.end, sent + strlen("Tweede zin met sleutel erin."));
	CU_ASSERT_STRING_EQUAL(props.v[0].origin, "rule:s/c#r1+r2");
	cdr_proposals_free(&props);
	fx_close(&f);
}

static void test_coding_merge_overlap_same_code_only(void)
{
	static const char *const xml[] = {
		SCHEME("s",
		       /* overlapping matches of one code: merged */
		       CODE("c", RULE("r1", "scope=\"match\"", "zin met sleutel") RULE("r2", "scope=\"match\"", "sleutel erin"))
		       /* the same matches of two codes: kept apart */
		       CODE("d", RULE("r1", "scope=\"match\"", "zin met sleutel"))
		       CODE("e", RULE("r1", "scope=\"match\"", "sleutel erin"))
		       /* touching: merged; a space apart: not */
		       CODE("t", RULE("a", "scope=\"match\"", "Tweede zin") RULE("b", "scope=\"match\"", "\\x20met sleutel"))
		       CODE("g", RULE("a", "scope=\"match\"", "Tweede zin") RULE("b", "scope=\"match\"", "met sleutel"))
		       /* one rule hitting three sentences: three proposals, not merged */
		       CODE("z", RULE("r1", "", "\\bzin\\b"))),
		NULL
	};
	const char *t = scope_text;
	struct fx f;
	cdr_proposals props;
	size_t a = off(t, "zin met sleutel", 0), b = end_of(t, "sleutel erin");
	size_t tw = off(t, "Tweede zin", 0), ms = off(t, "met sleutel", 0);
	const cdr_proposal *p;

	fx_open(&f, xml);
	run_text(&f, t, &props, NULL);
	CU_ASSERT_EQUAL(count_code(&props, "s/c"), 1);
	p = find_prop(&props, "s/c", a, b);
	CU_ASSERT_PTR_NOT_NULL(p);
	if (p)
		CU_ASSERT_STRING_EQUAL(p->origin, "rule:s/c#r1+r2");
	CU_ASSERT_EQUAL(count_code(&props, "s/d"), 1);
	CU_ASSERT_EQUAL(count_code(&props, "s/e"), 1);
	CU_ASSERT_TRUE(has_prop(&props, "s/d", a, a + strlen("zin met sleutel")));
	CU_ASSERT_TRUE(has_prop(&props, "s/e", off(t, "sleutel erin", 0), b));
	CU_ASSERT_EQUAL(count_code(&props, "s/t"), 1);
	p = find_prop(&props, "s/t", tw, end_of(t, "Tweede zin met sleutel"));
	CU_ASSERT_PTR_NOT_NULL(p);
	if (p)
		CU_ASSERT_STRING_EQUAL(p->origin, "rule:s/t#a+b");
	CU_ASSERT_EQUAL(count_code(&props, "s/g"), 2);
	CU_ASSERT_TRUE(has_prop(&props, "s/g", tw, tw + strlen("Tweede zin")));
	CU_ASSERT_TRUE(has_prop(&props, "s/g", ms, ms + strlen("met sleutel")));
	CU_ASSERT_EQUAL(count_code(&props, "s/z"), 3);
	CU_ASSERT_TRUE(has_prop(&props, "s/z", off(t, "Eerste zin", 0), end_of(t, "Eerste zin hier.")));
	CU_ASSERT_TRUE(has_prop(&props, "s/z", off(t, "Derde zin", 0), end_of(t, "Derde zin.")));
	cdr_proposals_free(&props);
	fx_close(&f);
}

/* ---- unless, near --------------------------------------------------------------- */

static void test_coding_unless_vetoes_only_inside(void)
{
	static const char *const xml[] = {
		SCHEME("s",
		       CODE("U1", "    <rule id=\"r1\" scope=\"match\"><pattern>verbind\\w*</pattern>"
				  "<unless>internetverbind\\w*</unless></rule>\n")
		       /* covers only part of the match: no veto */
		       CODE("U2", "    <rule id=\"r1\" scope=\"match\"><pattern>verbind\\w*</pattern>"
				  "<unless>internetverbin</unless></rule>\n")
		       /* inside the match but smaller: no veto */
		       CODE("U3", "    <rule id=\"r1\" scope=\"match\"><pattern>verbind\\w*</pattern>"
				  "<unless>bindin</unless></rule>\n")
		       /* two unless patterns, each vetoing its own match */
		       CODE("U4", "    <rule id=\"r1\" scope=\"match\"><pattern>verbind\\w*</pattern>"
				  "<unless>\\w*verbinding\\b</unless><unless>\\bverbindingsweg</unless></rule>\n")),
		NULL
	};
	static const char t[] = "R: De internetverbinding is traag. Wij verbinden mensen. Een verbindingsweg.\n";
	struct fx f;
	cdr_proposals props;
	size_t inet = off(t, "verbinding ", 0), den = off(t, "verbinden", 0), weg = off(t, "verbindingsweg", 0);

	fx_open(&f, xml);
	run_text(&f, t, &props, NULL);
	CU_ASSERT_EQUAL(count_code(&props, "s/U1"), 2);
	CU_ASSERT_TRUE(has_prop(&props, "s/U1", den, den + strlen("verbinden")));
	CU_ASSERT_TRUE(has_prop(&props, "s/U1", weg, weg + strlen("verbindingsweg")));
	CU_ASSERT_EQUAL(count_code(&props, "s/U2"), 3);
	CU_ASSERT_TRUE(has_prop(&props, "s/U2", inet, inet + strlen("verbinding")));
	CU_ASSERT_EQUAL(count_code(&props, "s/U3"), 3);
	CU_ASSERT_EQUAL(count_code(&props, "s/U4"), 1);
	CU_ASSERT_TRUE(has_prop(&props, "s/U4", den, den + strlen("verbinden")));
	cdr_proposals_free(&props);
	fx_close(&f);
}

static void test_coding_near_word_distance(void)
{
	static const char *const xml[] = {
		SCHEME("s",
		       CODE("N3", "    <rule id=\"r1\" scope=\"match\"><pattern>\\bnetwerk\\b</pattern>"
				  "<near words=\"3\">\\bbuurt\\b</near></rule>\n")
		       CODE("N4", "    <rule id=\"r1\" scope=\"match\"><pattern>\\bnetwerk\\b</pattern>"
				  "<near words=\"4\">\\bbuurt\\b</near></rule>\n")),
		NULL
	};
	/* three words between in turns 1 and 3, four in turns 2 and 4 (near
	 * after the match, then before it); turns 5 and 6 are neighbours */
	static const char t[] =
		"R: netwerk een twee drie buurt.\n\n"
		"R: netwerk een twee drie vier buurt.\n\n"
		"R: buurt, een twee drie, netwerk.\n\n"
		"R: buurt een twee drie vier netwerk.\n\n"
		"I: netwerk\n\n"
		"R: buurt\n";
	struct fx f;
	cdr_proposals props;
	size_t n[5];

	for (int k = 0; k < 5; k++)
		n[k] = off(t, "netwerk", k);
	/* the word counts as built */
	CU_ASSERT_EQUAL_FATAL(ascii_words(t + n[0] + 7, off(t, "buurt", 0) - n[0] - 7), 3);
	CU_ASSERT_EQUAL_FATAL(ascii_words(t + n[1] + 7, off(t, "buurt", 1) - n[1] - 7), 4);
	CU_ASSERT_EQUAL_FATAL(ascii_words(t + off(t, "buurt,", 0) + 5, n[2] - off(t, "buurt,", 0) - 5), 3);
	fx_open(&f, xml);
	run_text(&f, t, &props, NULL);
	CU_ASSERT_EQUAL(count_code(&props, "s/N3"), 2);
	CU_ASSERT_TRUE(has_prop(&props, "s/N3", n[0], n[0] + 7));
	CU_ASSERT_TRUE(has_prop(&props, "s/N3", n[2], n[2] + 7));
	CU_ASSERT_EQUAL(count_code(&props, "s/N4"), 4);
	for (int k = 0; k < 4; k++)
		CU_ASSERT_TRUE(has_prop(&props, "s/N4", n[k], n[k] + 7));
	/* "buurt" in the next turn is not near (one word "R" apart) */
	for (size_t i = 0; i < props.n; i++)
		CU_ASSERT_NOT_EQUAL(props.v[i].span.start, n[4]);
	cdr_proposals_free(&props);
	fx_close(&f);
}

/* ---- speakers, case, Unicode ------------------------------------------------------- */

static void test_coding_speaker_filters(void)
{
	static const char *const xml[] = {
		SCHEME("s",
		       CODE("SP", RULE("r1", "scope=\"turn\" speaker=\"^R$\"", "eigen\\s+kracht"))
		       CODE("SN", RULE("r1", "scope=\"turn\" speaker-not=\"^I$\"", "eigen\\s+kracht"))
		       CODE("SB", RULE("r1", "scope=\"turn\" speaker=\"^R\" speaker-not=\"2$\"", "eigen\\s+kracht"))
		       CODE("ALL", RULE("r1", "scope=\"match\"", "eigen\\s+kracht"))),
		NULL
	};
	static const char t[] =
		"Transcript over eigen kracht.\n\n"
		"I: Wat betekent eigen kracht?\n\n"
		"R: Eigen kracht is belangrijk.\n\n"
		"Respondent 2: Eigen kracht telt ook.\n";
	struct fx f;
	cdr_proposals props;
	size_t r = off(t, "Eigen kracht is", 0), r2 = off(t, "Eigen kracht telt", 0);
	size_t rend = end_of(t, "is belangrijk."), r2end = end_of(t, "telt ook.");

	fx_open(&f, xml);
	run_text(&f, t, &props, NULL);
	CU_ASSERT_EQUAL(count_code(&props, "s/ALL"), 4);
	CU_ASSERT_EQUAL(count_code(&props, "s/SP"), 1);
	CU_ASSERT_TRUE(has_prop(&props, "s/SP", r, rend));
	/* R, Respondent 2 and the preamble (no speaker: a paragraph) */
	CU_ASSERT_EQUAL(count_code(&props, "s/SN"), 3);
	CU_ASSERT_TRUE(has_prop(&props, "s/SN", r, rend));
	CU_ASSERT_TRUE(has_prop(&props, "s/SN", r2, r2end));
	CU_ASSERT_TRUE(has_prop(&props, "s/SN", 0, strlen("Transcript over eigen kracht.")));
	CU_ASSERT_EQUAL(count_code(&props, "s/SB"), 1);
	CU_ASSERT_TRUE(has_prop(&props, "s/SB", r, rend));
	cdr_proposals_free(&props);
	fx_close(&f);
}

static void test_coding_caseless_false(void)
{
	static const char *const xml[] = {
		SCHEME("s",
		       CODE("CS", RULE("r1", "scope=\"match\" caseless=\"false\"", "Buurt"))
		       CODE("CI", RULE("r1", "scope=\"match\"", "Buurt"))),
		NULL
	};
	static const char t[] = "R: buurt Buurt BUURT bUuRt.\n";
	struct fx f;
	cdr_proposals props;
	size_t b = off(t, "Buurt", 0);

	fx_open(&f, xml);
	run_text(&f, t, &props, NULL);
	CU_ASSERT_EQUAL(count_code(&props, "s/CS"), 1);
	CU_ASSERT_TRUE(has_prop(&props, "s/CS", b, b + 5));
	CU_ASSERT_EQUAL(count_code(&props, "s/CI"), 4);
	CU_ASSERT_TRUE(has_prop(&props, "s/CI", off(t, "bUuRt", 0), off(t, "bUuRt", 0) + 5));
	cdr_proposals_free(&props);
	fx_close(&f);
}

static void test_coding_unicode_caseless_word_chars(void)
{
	static const char *const xml[] = {
		SCHEME("s",
		       CODE("U1", RULE("r1", "scope=\"match\"", "\\bco\xc3\xb6rdinatie\\b"))
		       CODE("U2", RULE("r1", "scope=\"match\" caseless=\"false\"", "\\bCo\\wrdinatie\\b"))
		       CODE("U3", RULE("r1", "scope=\"match\"", "\\bco\\w+"))
		       CODE("U4", RULE("r1", "scope=\"match\" caseless=\"false\"", "co\xc3\xb6rdinatie"))),
		NULL
	};
	/* precomposed ö (U+00F6) and Ö (U+00D6), as NFC keeps them */
	static const char t[] =
		"R: De co\xc3\xb6rdinatie van zorg. Co\xc3\xb6rdinatie is lastig. "
		"Zonder CO\xc3\x96RDINATIE gaat het mis. Coordinatie zonder trema.\n";
	static const char *const words[] = { "co\xc3\xb6rdinatie", "Co\xc3\xb6rdinatie", "CO\xc3\x96RDINATIE",
					     "Coordinatie" };
	struct fx f;
	cdr_proposals props;
	size_t s[4], e[4];

	for (int k = 0; k < 4; k++) {
		size_t b = off(t, words[k], 0);
		s[k] = cp(t, b);
		e[k] = cp(t, b + strlen(words[k]));
	}
	CU_ASSERT_EQUAL_FATAL(e[0] - s[0], 11);
	CU_ASSERT_EQUAL_FATAL(s[1] - s[0], 11 + strlen(" van zorg. "));
	fx_open(&f, xml);
	run_text(&f, t, &props, NULL);
	CU_ASSERT_EQUAL(count_code(&props, "s/U1"), 3);
	for (int k = 0; k < 3; k++)
		CU_ASSERT_TRUE(has_prop(&props, "s/U1", s[k], e[k]));
	CU_ASSERT_EQUAL(count_code(&props, "s/U2"), 2);
	CU_ASSERT_TRUE(has_prop(&props, "s/U2", s[1], e[1]));
	CU_ASSERT_TRUE(has_prop(&props, "s/U2", s[3], e[3]));
	/* \w takes ö: whole words */
	CU_ASSERT_EQUAL(count_code(&props, "s/U3"), 4);
	for (int k = 0; k < 4; k++)
		CU_ASSERT_TRUE(has_prop(&props, "s/U3", s[k], e[k]));
	CU_ASSERT_EQUAL(count_code(&props, "s/U4"), 1);
	CU_ASSERT_TRUE(has_prop(&props, "s/U4", s[0], e[0]));
	cdr_proposals_free(&props);
	fx_close(&f);
}

/* ---- the match limit ---------------------------------------------------------------- */

static void test_coding_match_limit_skips_one_turn(void)
{
	static const char *const xml[] = {
		SCHEME("s",
		       CODE("SLOW", RULE("r1", "scope=\"match\"", "(?:a+)+b"))
		       CODE("OK", RULE("r1", "scope=\"match\"", "\\bbuurt\\b"))),
		NULL
	};
	char t[1024];
	struct fx f;
	cdr_proposals props;
	struct limits lim = { .n = 0 };
	cdr_engine *e = NULL;
	cdr_document *doc;
	const cdr_rule_stats *st;
	size_t pos = 0, nst;

	pos += (size_t)snprintf(t + pos, sizeof(t) - pos, "R: eerst aab in de buurt.\n\nR: ");
	for (int i = 0; i < 200; i++)
		t[pos++] = 'a';
	pos += (size_t)snprintf(t + pos, sizeof(t) - pos, "c in de buurt.\n\nR: dan weer aaab bij de buurt.\n");
	fx_open(&f, xml);
	doc = ingest(t);
	CU_ASSERT_EQUAL_FATAL(cdr_document_turn_count(doc), 3);
	CU_ASSERT_EQUAL_FATAL(cdr_engine_new(&e, f.set, NULL, 0), 0);
	memset(&props, 0, sizeof(props));
	CU_ASSERT_EQUAL(cdr_engine_run(e, doc, &props, on_limit, &lim), 0);
	/* reported once, for the middle turn, for SLOW */
	CU_ASSERT_EQUAL_FATAL(lim.n, 1);
	CU_ASSERT_EQUAL(lim.turn[0], 1);
	CU_ASSERT_STRING_EQUAL(lim.code[0]->qualified, "s/SLOW");
	/* SLOW still codes the other turns */
	CU_ASSERT_EQUAL(count_code(&props, "s/SLOW"), 2);
	CU_ASSERT_TRUE(has_prop(&props, "s/SLOW", off(t, "aab", 0), off(t, "aab", 0) + 3));
	CU_ASSERT_TRUE(has_prop(&props, "s/SLOW", off(t, "aaab ", 0), off(t, "aaab ", 0) + 4));
	/* OK codes every buurt, the one in the slow turn too */
	CU_ASSERT_EQUAL(count_code(&props, "s/OK"), 3);
	for (int k = 0; k < 3; k++)
		CU_ASSERT_TRUE(has_prop(&props, "s/OK", off(t, "buurt", k), off(t, "buurt", k) + 5));
	nst = cdr_engine_stats(e, &st);
	CU_ASSERT_EQUAL_FATAL(nst, 2);
	for (size_t i = 0; i < nst; i++) {
		if (strcmp(st[i].code->qualified, "s/SLOW") == 0) {
			CU_ASSERT_EQUAL(st[i].limit_hits, 1);
			CU_ASSERT_EQUAL(st[i].matches, 2);
			CU_ASSERT_EQUAL(st[i].turns, 2);
		} else {
			CU_ASSERT_EQUAL(st[i].limit_hits, 0);
			CU_ASSERT_EQUAL(st[i].matches, 3);
			CU_ASSERT_EQUAL(st[i].turns, 3);
		}
	}
	CU_ASSERT_EQUAL(cdr_engine_turns_seen(e), 3);
	cdr_proposals_free(&props);
	cdr_engine_free(e);
	cdr_document_free(doc);
	fx_close(&f);
}

/* An engine is built from loaded schemes, and a scheme with an invalid
 * pattern does not load: neither in a project nor through install. */
static void test_coding_engine_never_sees_bad_pattern(void)
{
	struct fx f;
	size_t len;
	char *bad = test_slurp(test_path("tests/data/schemes/bad-regex.xml"), &len);
	char *path;
	cdr_schemes *set = (cdr_schemes *)1;
	cdr_engine *e = (cdr_engine *)1;

	fx_open(&f, NULL);
	/* an engine over no schemes: no rules */
	CU_ASSERT_EQUAL_FATAL(cdr_engine_new(&e, f.set, NULL, 0), 0);
	CU_ASSERT_EQUAL(cdr_engine_rule_count(e), 0);
	cdr_engine_free(e);
	CU_ASSERT_EQUAL(cdr_schemes_install(f.p, test_path("tests/data/schemes/bad-regex.xml"), 0, NULL), CDR_EFORMAT);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "at offset"));
	/* put there by hand: the set does not load */
	path = test_join(cdr_project_path(f.p), "schemes/badregex.xml");
	test_write_file(path, bad);
	CU_ASSERT_EQUAL(cdr_schemes_load(&set, f.p), CDR_EFORMAT);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "pattern '\\bverbind(en|ing'"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "at offset"));
	free(path);
	free(bad);
	fx_close(&f);
}

static void test_coding_engine_scheme_selection(void)
{
	size_t len1, len2;
	char *mini = test_slurp(test_path("tests/data/schemes/mini.xml"), &len1);
	char *back = test_slurp(test_path("tests/data/schemes/backtrack.xml"), &len2);
	const char *const xml[] = { mini, back, NULL };
	const char *const only_mini[] = { "mini" }, *const nope[] = { "mini", "nope" };
	struct fx f;
	cdr_engine *e = (cdr_engine *)1;

	fx_open(&f, xml);
	CU_ASSERT_EQUAL_FATAL(cdr_engine_new(&e, f.set, NULL, 0), 0);
	CU_ASSERT_EQUAL(cdr_engine_rule_count(e), 5);
	CU_ASSERT_TRUE(cdr_engine_has_scheme(e, "mini"));
	CU_ASSERT_TRUE(cdr_engine_has_scheme(e, "backtrack"));
	cdr_engine_free(e);
	CU_ASSERT_EQUAL_FATAL(cdr_engine_new(&e, f.set, only_mini, 1), 0);
	CU_ASSERT_EQUAL(cdr_engine_rule_count(e), 3);
	CU_ASSERT_TRUE(cdr_engine_has_scheme(e, "mini"));
	CU_ASSERT_FALSE(cdr_engine_has_scheme(e, "backtrack"));
	cdr_engine_free(e);
	CU_ASSERT_EQUAL(cdr_engine_new(&e, f.set, nope, 2), CDR_ENOTFOUND);
	CU_ASSERT_PTR_NULL(e);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "'nope'"));
	free(mini);
	free(back);
	fx_close(&f);
}

/* ---- the prefilter: with and without it, the same codings ------------------------ */

/* Run an engine over doc with CODEER_PREFILTER set to mode ("on", "off"). */
static void run_mode(cdr_engine *e, const cdr_document *doc, const char *mode, cdr_proposals *props)
{
	const char *old = getenv("CODEER_PREFILTER");
	char *saved = old ? strdup(old) : NULL;

	setenv("CODEER_PREFILTER", mode, 1);
	memset(props, 0, sizeof(*props));
	CU_ASSERT_EQUAL(cdr_engine_run(e, doc, props, NULL, NULL), 0);
	if (saved)
		setenv("CODEER_PREFILTER", saved, 1);
	else
		unsetenv("CODEER_PREFILTER");
	free(saved);
}

/* Are two runs' proposals the same? Prints the differences. */
static int same_proposals(const cdr_proposals *a, const cdr_proposals *b, const char *what)
{
	int same = a->n == b->n;

	for (size_t i = 0; same && i < a->n; i++)
		same = a->v[i].code == b->v[i].code && a->v[i].span.start == b->v[i].span.start &&
		       a->v[i].span.end == b->v[i].span.end && strcmp(a->v[i].origin, b->v[i].origin) == 0;
	if (!same) {
		fprintf(stderr, "\n%s: without the prefilter %zu proposals, with it %zu\n", what, a->n, b->n);
		for (size_t i = 0; i < a->n; i++)
			if (!find_prop_quiet(b, a->v[i].code->qualified, a->v[i].span.start, a->v[i].span.end))
				fprintf(stderr, "  only without: %s c%zu-%zu\n", a->v[i].code->qualified, a->v[i].span.start,
					a->v[i].span.end);
		for (size_t i = 0; i < b->n; i++)
			if (!find_prop_quiet(a, b->v[i].code->qualified, b->v[i].span.start, b->v[i].span.end))
				fprintf(stderr, "  only with: %s c%zu-%zu\n", b->v[i].code->qualified, b->v[i].span.start,
					b->v[i].span.end);
	}
	return same;
}

/* prefilter.h: with or without the prefilter the codings are the same
 * byte for byte. Rules whose matches depend on where a turn ends ($) or
 * on Unicode classes must not be filtered away. */
static void test_coding_prefilter_same_codings(void)
{
	static const char *const xml[] = {
		SCHEME("p",
		       CODE("VB", "    <rule id=\"r1\" scope=\"match\"><pattern>\\bverbind\\w*</pattern>"
				  "<unless>\\binternetverbinding\\w*</unless></rule>\n")
		       CODE("NET", "    <rule id=\"r1\"><pattern>\\bnetwerk\\w*</pattern>"
				   "<near words=\"3\">\\b(?:buurt|wijk)\\w*</near></rule>\n")
		       CODE("EK", RULE("r1", "scope=\"turn\" speaker-not=\"^I$\"", "\\beigen\\s+kracht\\b"))
		       CODE("UNI", RULE("r1", "scope=\"match\"", "\\bco\xc3\xb6rdinatie\\b"))
		       CODE("WORD", RULE("r1", "scope=\"match\"", "\\bco\\w+natie"))
		       /* a turn that ends in "buurt" */
		       CODE("END", RULE("r1", "scope=\"match\"", "buurt\\.?$"))
		       /* a POSIX class, Unicode-aware in PCRE2's UCP mode */
		       CODE("POSIX", RULE("r1", "scope=\"match\"", "co[[:alpha:]]rdinatie"))
		       /* the match limit after a match: "ab" stays, with and
			* without the prefilter, and the rest of the turn is
			* not searched (the "ab" after the a's is not found) */
		       CODE("SLOW", RULE("r1", "scope=\"match\"", "(?:a+)+b"))),
		NULL
	};
	static const char t[] =
		"I: Hoe verbindt u mensen in de buurt\n\n"
		"R: Ik verbind bewoners. De internetverbinding is slecht. Het netwerk in de buurt\n\n"
		"R: De co\xc3\xb6rdinatie in de wijk gaat via de buurt.\n\n"
		"R: Eigen kracht en de wijk.\n\n"
		"R: ab aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaac ab\n";
	struct fx f;
	cdr_document *doc;
	cdr_engine *on = NULL, *off = NULL;
	cdr_proposals p_off, p_on;

	fx_open(&f, xml);
	doc = ingest(t);
	CU_ASSERT_EQUAL_FATAL(cdr_engine_new(&off, f.set, NULL, 0), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_engine_new(&on, f.set, NULL, 0), 0);
	run_mode(off, doc, "off", &p_off);
	run_mode(on, doc, "on", &p_on);
	CU_ASSERT_STRING_EQUAL(cdr_engine_prefilter(off), "none");
	if (strcmp(cdr_engine_prefilter(on), "none") == 0)
		fprintf(stderr, "\n(no prefilter in this build: the comparison is trivial)\n");
	/* what the rules give without a prefilter, from the text */
	CU_ASSERT_EQUAL(count_code(&p_off, "p/VB"), 2);
	CU_ASSERT_EQUAL(count_code(&p_off, "p/NET"), 1);
	CU_ASSERT_EQUAL(count_code(&p_off, "p/EK"), 1);
	CU_ASSERT_EQUAL(count_code(&p_off, "p/UNI"), 1);
	CU_ASSERT_EQUAL(count_code(&p_off, "p/WORD"), 1);
	CU_ASSERT_EQUAL(count_code(&p_off, "p/POSIX"), 1);
	/* $ is the end of the turn: three turns end in buurt */
	CU_ASSERT_EQUAL(count_code(&p_off, "p/END"), 3);
	CU_ASSERT_EQUAL(count_code(&p_off, "p/SLOW"), 1);
	CU_ASSERT_TRUE(same_proposals(&p_off, &p_on, "prefilter"));
	cdr_proposals_free(&p_off);
	cdr_proposals_free(&p_on);
	cdr_engine_free(on);
	cdr_engine_free(off);
	cdr_document_free(doc);
	fx_close(&f);
}

/* The shipped schemes over the whole corpus: the same codings with and
 * without the prefilter. */
static void test_coding_prefilter_shipped_schemes_corpus(void)
{
	const char *names[] = { "bakens-wns", "empowerment", "generalist-models", "maatwerk", "op-weg-naar-maatwerk",
				"verbinden" };
	char *xml[7] = { NULL };
	struct fx f;
	cdr_engine *on = NULL, *off = NULL;
	DIR *d;
	struct dirent *e;
	size_t docs = 0, total = 0, differ = 0;

	for (size_t i = 0; i < 6; i++) {
		char rel[128];
		size_t len;
		snprintf(rel, sizeof(rel), "codeschemes/%s.xml", names[i]);
		xml[i] = test_slurp(test_path(rel), &len);
	}
	fx_open(&f, (const char *const *)xml);
	CU_ASSERT_EQUAL_FATAL(cdr_schemes_count(f.set), 6);
	CU_ASSERT_EQUAL_FATAL(cdr_engine_new(&off, f.set, NULL, 0), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_engine_new(&on, f.set, NULL, 0), 0);
	d = opendir(test_path("corpora"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);
		char rel[512], *path;
		cdr_document *doc = NULL;
		cdr_proposals p_off, p_on;
		if (n < 5 || strcmp(e->d_name + n - 4, ".txt") != 0)
			continue;
		snprintf(rel, sizeof(rel), "corpora/%s", e->d_name);
		path = strdup(test_path(rel));
		CU_ASSERT_EQUAL_FATAL(cdr_ingest_file(&doc, path, NULL), 0);
		run_mode(off, doc, "off", &p_off);
		run_mode(on, doc, "on", &p_on);
		total += p_off.n;
		differ += !same_proposals(&p_off, &p_on, e->d_name);
		docs++;
		cdr_proposals_free(&p_off);
		cdr_proposals_free(&p_on);
		cdr_document_free(doc);
		free(path);
	}
	closedir(d);
	CU_ASSERT_EQUAL(docs, 74);
	CU_ASSERT_TRUE(total > 0);
	CU_ASSERT_EQUAL(differ, 0);
	cdr_engine_free(on);
	cdr_engine_free(off);
	for (size_t i = 0; i < 6; i++)
		free(xml[i]);
	fx_close(&f);
}

/* ---- autocode on a project ------------------------------------------------------------ */

/* The expected autocodings of mini.xml on mini.txt, computed from the text. */
struct expected {
	const char *code;
	size_t start, end;
};

static void mini_expected(struct expected out[4])
{
	size_t len;
	char *t = test_slurp(test_path("tests/data/mini.txt"), &len);
	size_t v2 = off(t, "Ik verbind ", 0) + 3;

	out[0] = (struct expected){ "mini/VB", off(t, "verbindt", 0), end_of(t, "verbindt") };
	out[1] = (struct expected){ "mini/VB", v2, v2 + strlen("verbind") };
	out[2] = (struct expected){ "mini/EK", off(t, "Eigen kracht staat", 0), end_of(t, "zoals de buurt.") };
	out[3] = (struct expected){ "mini/VB.NET", off(t, "Het netwerk in de buurt", 0), end_of(t, "goed vind ik.") };
	free(t);
}

/* A project with tests/data/mini.txt (id "mini") and mini.xml installed. */
static void mini_project(struct fx *f)
{
	const char *paths[] = { test_path("tests/data/mini.txt") };
	char *path = strdup(paths[0]);
	int rc;

	fx_open(f, NULL);
	paths[0] = path;
	rc = cdr_project_add(f->p, paths, 1, NULL, NULL, NULL);
	if (rc != 0)
		fprintf(stderr, "\nadd: %s\n", cdr_error_last());
	CU_ASSERT_EQUAL_FATAL(rc, 0);
	free(path);
	CU_ASSERT_EQUAL_FATAL(cdr_schemes_install(f->p, test_path("tests/data/schemes/mini.xml"), 0, NULL), 0);
	cdr_schemes_free(f->set);
	f->set = NULL;
	CU_ASSERT_EQUAL_FATAL(cdr_schemes_load(&f->set, f->p), 0);
	CU_ASSERT_TRUE_FATAL(cdr_project_has_doc(f->p, "mini"));
}

static int autocode(struct fx *f, const char *coder, cdr_autocode_result *res)
{
	cdr_autocode_options opts = { 0 };
	int rc;

	opts.coder = coder;
	rc = cdr_autocode(f->p, f->set, &opts, res);
	if (rc != 0)
		fprintf(stderr, "\nautocode: %s\n", cdr_error_last());
	return rc;
}

static char *codings_file(struct fx *f, const char *coder, size_t *len)
{
	char name[128], *path, *data;

	snprintf(name, sizeof(name), "codings/%s.tsv", coder);
	path = test_join(cdr_project_path(f->p), name);
	data = test_slurp_opt(path, len);
	free(path);
	return data;
}

static cdr_codings *load_codings(struct fx *f, const char *coder)
{
	cdr_codings *c = NULL;

	CU_ASSERT_EQUAL_FATAL(cdr_codings_load(&c, f->p, coder, NULL, NULL), 0);
	return c;
}

/* SOURCE_DATE_EPOCH for a while; restored by env_restore. */
static char *saved_epoch;

static void env_epoch(const char *value)
{
	if (saved_epoch == NULL) {
		const char *old = getenv("SOURCE_DATE_EPOCH");
		saved_epoch = strdup(old ? old : "");
	}
	setenv("SOURCE_DATE_EPOCH", value, 1);
}

static void env_restore(void)
{
	if (saved_epoch == NULL)
		return;
	if (*saved_epoch)
		setenv("SOURCE_DATE_EPOCH", saved_epoch, 1);
	else
		unsetenv("SOURCE_DATE_EPOCH");
	free(saved_epoch);
	saved_epoch = NULL;
}

static void test_coding_autocode_mini_counts(void)
{
	struct fx f;
	struct expected want[4];
	cdr_autocode_result res;
	cdr_codings *c;

	mini_expected(want);
	mini_project(&f);
	env_epoch("1764028800"); /* 2025-11-25T00:00:00Z */
	CU_ASSERT_EQUAL_FATAL(autocode(&f, NULL, &res), 0);
	CU_ASSERT_EQUAL(res.docs, 1);
	CU_ASSERT_EQUAL(res.codings, 4);
	CU_ASSERT_EQUAL(res.added, 4);
	CU_ASSERT_EQUAL(res.removed, 0);
	CU_ASSERT_EQUAL(res.rejected, 0);
	c = load_codings(&f, "auto");
	CU_ASSERT_EQUAL_FATAL(cdr_codings_count(c), 4);
	for (size_t i = 0; i < 4; i++) {
		char origin[64];
		long k = cdr_codings_find(c, "mini", want[i].start, want[i].end, want[i].code);
		if (k < 0)
			fprintf(stderr, "\nmissing %s c%zu-%zu\n", want[i].code, want[i].start, want[i].end);
		CU_ASSERT_FATAL(k >= 0);
		snprintf(origin, sizeof(origin), "rule:%s#r1", want[i].code);
		CU_ASSERT_STRING_EQUAL(cdr_codings_get(c, (size_t)k)->origin, origin);
		CU_ASSERT_STRING_EQUAL(cdr_codings_get(c, (size_t)k)->created, "2025-11-25T00:00:00Z");
		CU_ASSERT_STRING_EQUAL(cdr_codings_get(c, (size_t)k)->status, "");
	}
	cdr_codings_free(c);
	env_restore();
	fx_close(&f);
}

static void test_coding_autocode_rerun_identical(void)
{
	struct fx f;
	cdr_autocode_result res;
	char *first, *second;
	size_t n1, n2;

	mini_project(&f);
	env_epoch("1764028800");
	CU_ASSERT_EQUAL_FATAL(autocode(&f, NULL, &res), 0);
	first = codings_file(&f, "auto", &n1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(first);
	env_epoch("1900000000");
	CU_ASSERT_EQUAL_FATAL(autocode(&f, NULL, &res), 0);
	CU_ASSERT_EQUAL(res.codings, 4);
	CU_ASSERT_EQUAL(res.added, 0);
	CU_ASSERT_EQUAL(res.removed, 0);
	second = codings_file(&f, "auto", &n2);
	CU_ASSERT_PTR_NOT_NULL_FATAL(second);
	CU_ASSERT_TRUE(n1 == n2 && memcmp(first, second, n1) == 0);
	CU_ASSERT_PTR_NULL(strstr(second, "2030-")); /* 1900000000 is in 2030 */
	free(first);
	free(second);
	env_restore();
	fx_close(&f);
}

/* Mark a coding of the coder rejected, with a memo (as `code reject` does). */
static void reject(struct fx *f, const char *coder, const char *code, size_t start, size_t end, const char *memo)
{
	cdr_codings *c = load_codings(f, coder);
	long i = cdr_codings_find(c, "mini", start, end, code);
	cdr_coding *k;

	CU_ASSERT_FATAL(i >= 0);
	k = cdr_codings_get(c, (size_t)i);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_append(c, k->doc, k->start, k->end, k->code, k->origin, k->created,
						 memo, "rejected"), 0);
	cdr_codings_remove(c, (size_t)i);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_save(c), 0);
	cdr_codings_free(c);
}

static void test_coding_autocode_rejected_survives(void)
{
	struct fx f;
	struct expected want[4];
	cdr_autocode_result res;
	cdr_codings *c;
	cdr_coding *k;
	long i;
	char *created;

	mini_expected(want);
	mini_project(&f);
	env_epoch("1764028800");
	CU_ASSERT_EQUAL_FATAL(autocode(&f, NULL, &res), 0);
	/* reject the VB.NET proposal, with a memo */
	c = load_codings(&f, "auto");
	i = cdr_codings_find(c, "mini", want[3].start, want[3].end, "mini/VB.NET");
	CU_ASSERT_FATAL(i >= 0);
	created = strdup(cdr_codings_get(c, (size_t)i)->created);
	cdr_codings_free(c);
	reject(&f, "auto", "mini/VB.NET", want[3].start, want[3].end, "geen buurtnetwerk");

	env_epoch("1900000000");
	CU_ASSERT_EQUAL_FATAL(autocode(&f, NULL, &res), 0);
	CU_ASSERT_EQUAL(res.codings, 4);
	CU_ASSERT_EQUAL(res.added, 0);
	CU_ASSERT_EQUAL(res.removed, 0);
	CU_ASSERT_EQUAL(res.rejected, 1);
	c = load_codings(&f, "auto");
	CU_ASSERT_EQUAL(cdr_codings_count(c), 4);
	i = cdr_codings_find(c, "mini", want[3].start, want[3].end, "mini/VB.NET");
	CU_ASSERT_FATAL(i >= 0);
	k = cdr_codings_get(c, (size_t)i);
	CU_ASSERT_STRING_EQUAL(k->status, "rejected");
	CU_ASSERT_STRING_EQUAL(k->memo, "geen buurtnetwerk");
	CU_ASSERT_STRING_EQUAL(k->created, created);
	cdr_codings_free(c);
	free(created);
	env_restore();
	fx_close(&f);
}

static void test_coding_autocode_keeps_other_codings(void)
{
	struct fx f;
	cdr_autocode_result res;
	cdr_codings *c;

	mini_project(&f);
	env_epoch("1764028800");
	CU_ASSERT_EQUAL_FATAL(autocode(&f, NULL, &res), 0);
	c = load_codings(&f, "auto");
	/* manual, accepted and other-scheme codings of the same coder stay;
	 * a rule coding of mini that the rules no longer give goes */
	CU_ASSERT_EQUAL(cdr_codings_add(c, "mini", 0, 5, "mini/HAND", "manual", "met de hand"), 0);
	CU_ASSERT_EQUAL(cdr_codings_add(c, "mini", 20, 30, "mini/VB", "accept:rule:mini/VB#r1", ""), 0);
	CU_ASSERT_EQUAL(cdr_codings_add(c, "mini", 1, 3, "ander/X", "rule:ander/X#r1", ""), 0);
	CU_ASSERT_EQUAL(cdr_codings_add(c, "mini", 1, 3, "mini/VB", "rule:mini/VB#r1", ""), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_save(c), 0);
	cdr_codings_free(c);
	CU_ASSERT_EQUAL_FATAL(autocode(&f, NULL, &res), 0);
	CU_ASSERT_EQUAL(res.codings, 4);
	CU_ASSERT_EQUAL(res.added, 0);
	CU_ASSERT_EQUAL(res.removed, 1);
	c = load_codings(&f, "auto");
	CU_ASSERT_EQUAL(cdr_codings_count(c), 7);
	CU_ASSERT_TRUE(cdr_codings_find(c, "mini", 0, 5, "mini/HAND") >= 0);
	CU_ASSERT_TRUE(cdr_codings_find(c, "mini", 20, 30, "mini/VB") >= 0);
	CU_ASSERT_TRUE(cdr_codings_find(c, "mini", 1, 3, "ander/X") >= 0);
	CU_ASSERT_EQUAL(cdr_codings_find(c, "mini", 1, 3, "mini/VB"), -1);
	cdr_codings_free(c);
	env_restore();
	fx_close(&f);
}

/* cdr_codings_find through its index: every coding found at its place
 * after many adds, after a removal shifts them, after save sorts them, and
 * a near miss (another end, code or document) not found. */
static void test_coding_find_by_identity(void)
{
	struct fx f;
	cdr_codings *c;
	char doc[16];
	enum { N = 3000 };

	mini_project(&f);
	c = load_codings(&f, "eva");
	for (size_t i = 0; i < N; i++) {
		snprintf(doc, sizeof(doc), "d%zu", i % 97);
		CU_ASSERT_EQUAL_FATAL(cdr_codings_add(c, doc, i, i + 5, i % 2 ? "mini/VB" : "mini/EK", "manual", ""), 0);
	}
	CU_ASSERT_EQUAL(cdr_codings_add(c, "d5", 5, 10, "mini/VB", "manual", ""), CDR_EEXISTS);
	CU_ASSERT_EQUAL(cdr_codings_find(c, "d5", 5, 10, "mini/VB"), 5);
	CU_ASSERT_EQUAL(cdr_codings_find(c, "d5", 5, 11, "mini/VB"), -1);
	CU_ASSERT_EQUAL(cdr_codings_find(c, "d5", 5, 10, "mini/EK"), -1);
	CU_ASSERT_EQUAL(cdr_codings_find(c, "d6", 5, 10, "mini/VB"), -1);
	CU_ASSERT_EQUAL(cdr_codings_find(c, "nowhere", 5, 10, "mini/VB"), -1);
	cdr_codings_remove(c, 0);
	CU_ASSERT_EQUAL(cdr_codings_find(c, "d5", 5, 10, "mini/VB"), 4);
	CU_ASSERT_EQUAL(cdr_codings_find(c, "d0", 0, 5, "mini/EK"), -1);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_save(c), 0);
	for (size_t i = 1; i < N; i += 37) {
		cdr_coding *k;
		long at;
		snprintf(doc, sizeof(doc), "d%zu", i % 97);
		at = cdr_codings_find(c, doc, i, i + 5, i % 2 ? "mini/VB" : "mini/EK");
		CU_ASSERT_FATAL(at >= 0);
		k = cdr_codings_get(c, (size_t)at);
		CU_ASSERT_STRING_EQUAL(k->doc, doc);
		CU_ASSERT_EQUAL(k->start, i);
	}
	cdr_codings_free(c);
	fx_close(&f);
}

static size_t doc_calls, doc_props;

static void on_doc(void *ctx, const cdr_document *doc, const cdr_proposals *props)
{
	(void)ctx;
	(void)doc;
	doc_calls++;
	doc_props += props->n;
}

static void test_coding_autocode_dry_run_writes_nothing(void)
{
	struct fx f;
	cdr_autocode_options opts = { 0 };
	cdr_autocode_result res;
	char *dir, *before, *after;
	cdr_codings *c;
	size_t n1, n2;

	mini_project(&f);
	dir = test_join(cdr_project_path(f.p), "codings");
	opts.dry_run = 1;
	opts.on_doc = on_doc;
	doc_calls = doc_props = 0;
	CU_ASSERT_EQUAL_FATAL(cdr_autocode(f.p, f.set, &opts, &res), 0);
	CU_ASSERT_EQUAL(doc_calls, 1);
	CU_ASSERT_EQUAL(doc_props, 4);
	CU_ASSERT_EQUAL(res.docs, 1);
	CU_ASSERT_EQUAL(res.codings, 4);
	CU_ASSERT_EQUAL(res.added, 4);
	CU_ASSERT_EQUAL(files_in(dir), 0);
	/* after a real run: a dry run leaves the file as it is */
	CU_ASSERT_EQUAL_FATAL(autocode(&f, NULL, &res), 0);
	c = load_codings(&f, "auto");
	CU_ASSERT_EQUAL(cdr_codings_add(c, "mini", 1, 3, "mini/VB", "rule:mini/VB#r1", ""), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_save(c), 0);
	cdr_codings_free(c);
	before = codings_file(&f, "auto", &n1);
	CU_ASSERT_EQUAL_FATAL(cdr_autocode(f.p, f.set, &opts, &res), 0);
	CU_ASSERT_EQUAL(res.removed, 1);
	after = codings_file(&f, "auto", &n2);
	CU_ASSERT_TRUE(before && after && n1 == n2 && memcmp(before, after, n1) == 0);
	CU_ASSERT_EQUAL(files_in(dir), 1);
	free(before);
	free(after);
	free(dir);
	fx_close(&f);
}

/* ---- the codings store ---------------------------------------------------------------- */

struct warnings {
	char msg[8][512];
	size_t n;
};

static void on_warn(void *ctx, const char *message)
{
	struct warnings *w = ctx;

	if (w->n < 8)
		snprintf(w->msg[w->n], sizeof(w->msg[0]), "%s", message);
	w->n++;
}

static void test_coding_store_broken_rows_kept(void)
{
	static const char file[] =
		"doc\tstart\tend\tcode\torigin\tcreated\tmemo\tstatus\n"
		"mini\t7\t15\tmini/VB\tmanual\t2025-01-01T00:00:00Z\t\t\n"
		"mini\tten\t5\tmini/VB\n"
		"mini\t40\t33\tmini/EK\tmanual\t\t\t\n"
		"mini\t0\t5\tmini/HAND\tmanual\t2025-01-01T00:00:00Z\tmemo\t\n";
	static const char saved[] =
		"doc\tstart\tend\tcode\torigin\tcreated\tmemo\tstatus\n"
		"mini\t0\t5\tmini/HAND\tmanual\t2025-01-01T00:00:00Z\tmemo\t\n"
		"mini\t7\t15\tmini/VB\tmanual\t2025-01-01T00:00:00Z\t\t\n"
		"mini\tten\t5\tmini/VB\n"
		"mini\t40\t33\tmini/EK\tmanual\t\t\t\n";
	struct fx f;
	struct warnings w = { .n = 0 };
	cdr_codings *c = NULL;
	char *path, *data;
	size_t len;

	fx_open(&f, NULL);
	path = test_join(cdr_project_path(f.p), "codings/anna.tsv");
	test_write_file(path, file);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_load(&c, f.p, "anna", on_warn, &w), 0);
	CU_ASSERT_STRING_EQUAL(cdr_codings_coder(c), "anna");
	CU_ASSERT_EQUAL(cdr_codings_count(c), 2);
	CU_ASSERT_EQUAL(cdr_codings_broken(c), 2);
	CU_ASSERT_EQUAL_FATAL(w.n, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(w.msg[0], "anna.tsv:3:"));
	CU_ASSERT_PTR_NOT_NULL(strstr(w.msg[1], "anna.tsv:4:"));
	CU_ASSERT_EQUAL(cdr_codings_save(c), 0);
	cdr_codings_free(c);
	data = test_slurp_opt(path, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(data);
	CU_ASSERT_STRING_EQUAL(data, saved);
	free(data);
	/* loading without a callback works the same */
	CU_ASSERT_EQUAL_FATAL(cdr_codings_load(&c, f.p, "anna", NULL, NULL), 0);
	CU_ASSERT_EQUAL(cdr_codings_broken(c), 2);
	cdr_codings_free(c);
	free(path);
	fx_close(&f);
}

/* A byte-order mark (spreadsheets save one) does not hide the header. */
static void test_coding_store_bom_header(void)
{
	struct fx f;
	struct warnings w = { .n = 0 };
	cdr_codings *c = NULL;
	char *path, *data;
	size_t len;

	fx_open(&f, NULL);
	path = test_join(cdr_project_path(f.p), "codings/anna.tsv");
	test_write_file(path, "\xEF\xBB\xBF" "doc\tstart\tend\tcode\torigin\tcreated\tmemo\tstatus\n"
			      "mini\t7\t15\tmini/VB\tmanual\t2025-01-01T00:00:00Z\t\t\n");
	CU_ASSERT_EQUAL_FATAL(cdr_codings_load(&c, f.p, "anna", on_warn, &w), 0);
	CU_ASSERT_EQUAL(cdr_codings_count(c), 1);
	CU_ASSERT_EQUAL(cdr_codings_broken(c), 0);
	CU_ASSERT_EQUAL(w.n, 0);
	CU_ASSERT_EQUAL(cdr_codings_save(c), 0);
	cdr_codings_free(c);
	data = test_slurp_opt(path, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(data);
	CU_ASSERT_STRING_EQUAL(data, "doc\tstart\tend\tcode\torigin\tcreated\tmemo\tstatus\n"
				     "mini\t7\t15\tmini/VB\tmanual\t2025-01-01T00:00:00Z\t\t\n");
	free(data);
	free(path);
	fx_close(&f);
}

static void test_coding_store_save_sorted(void)
{
	static const char want[] =
		"doc\tstart\tend\tcode\torigin\tcreated\tmemo\tstatus\n"
		"a\t2\t8\ts/A\tmanual\tC\t\t\n"
		"a\t2\t8\ts/Z\tmanual\tC\t\t\n"
		"a\t2\t30\ts/Y\tmanual\tC\tregel1\\nregel2\\tx\\\\y\t\n"
		"a\t10\t11\ts/Y\tmanual\tC\t\trejected\n"
		"a\t10\t12\ts/Y\tmanual\tC\t\t\n"
		"b\t5\t9\ts/X\tmanual\tC\t\t\n";
	struct fx f;
	cdr_codings *c = NULL;
	char *path, *data;
	size_t len;

	fx_open(&f, NULL);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_load(&c, f.p, "bob", NULL, NULL), 0);
	CU_ASSERT_EQUAL(cdr_codings_count(c), 0);
	CU_ASSERT_EQUAL(cdr_codings_append(c, "b", 5, 9, "s/X", "manual", "C", "", ""), 0);
	CU_ASSERT_EQUAL(cdr_codings_append(c, "a", 10, 12, "s/Y", "manual", "C", "", ""), 0);
	CU_ASSERT_EQUAL(cdr_codings_append(c, "a", 2, 30, "s/Y", "manual", "C", "regel1\nregel2\tx\\y", ""), 0);
	CU_ASSERT_EQUAL(cdr_codings_append(c, "a", 2, 8, "s/Z", "manual", "C", "", ""), 0);
	CU_ASSERT_EQUAL(cdr_codings_append(c, "a", 2, 8, "s/A", "manual", "C", "", ""), 0);
	CU_ASSERT_EQUAL(cdr_codings_append(c, "a", 10, 11, "s/Y", "manual", "C", NULL, "rejected"), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_save(c), 0);
	cdr_codings_free(c);
	path = test_join(cdr_project_path(f.p), "codings/bob.tsv");
	data = test_slurp_opt(path, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(data);
	CU_ASSERT_STRING_EQUAL(data, want);
	free(data);
	/* the memo round-trips */
	CU_ASSERT_EQUAL_FATAL(cdr_codings_load(&c, f.p, "bob", NULL, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_count(c), 6);
	CU_ASSERT_STRING_EQUAL(cdr_codings_get(c, 2)->memo, "regel1\nregel2\tx\\y");
	CU_ASSERT_STRING_EQUAL(cdr_codings_get(c, 3)->status, "rejected");
	cdr_codings_free(c);
	free(path);
	fx_close(&f);
}

static void test_coding_store_add_duplicate(void)
{
	struct fx f;
	cdr_codings *c = NULL;

	fx_open(&f, NULL);
	env_epoch("1764028800");
	CU_ASSERT_EQUAL_FATAL(cdr_codings_load(&c, f.p, "anna", NULL, NULL), 0);
	CU_ASSERT_EQUAL(cdr_codings_add(c, "mini", 1, 5, "mini/VB", "manual", ""), 0);
	CU_ASSERT_EQUAL(cdr_codings_add(c, "mini", 1, 5, "mini/VB", "manual", "weer"), CDR_EEXISTS);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "already"));
	CU_ASSERT_EQUAL(cdr_codings_add(c, "mini", 1, 5, "mini/EK", "manual", ""), 0);
	CU_ASSERT_EQUAL(cdr_codings_add(c, "mini", 1, 6, "mini/VB", "manual", ""), 0);
	CU_ASSERT_EQUAL(cdr_codings_add(c, "ander", 1, 5, "mini/VB", "manual", ""), 0);
	CU_ASSERT_EQUAL(cdr_codings_count(c), 4);
	CU_ASSERT_STRING_EQUAL(cdr_codings_get(c, 0)->created, "2025-11-25T00:00:00Z");
	CU_ASSERT_STRING_EQUAL(cdr_codings_get(c, 0)->memo, "");
	CU_ASSERT_STRING_EQUAL(cdr_codings_get(c, 0)->status, "");
	CU_ASSERT_EQUAL(cdr_codings_find(c, "mini", 1, 6, "mini/VB"), 2);
	CU_ASSERT_EQUAL(cdr_codings_find(c, "mini", 1, 7, "mini/VB"), -1);
	cdr_codings_free(c);
	env_restore();
	fx_close(&f);
}

static void test_coding_coder_valid(void)
{
	static const char *const good[] = { "anna", "auto", "A.b-c_1", "x", "0", "coder.2024" };
	static const char *const bad[] = { "", ".verborgen", "a/b", "a b", "../x", "anna\t", "\xc3\xa4", "a:b" };
	char longest[66];

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		CU_ASSERT_TRUE(cdr_coder_valid(good[i]));
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		CU_ASSERT_FALSE(cdr_coder_valid(bad[i]));
	CU_ASSERT_FALSE(cdr_coder_valid(NULL));
	memset(longest, 'a', 64);
	longest[64] = '\0';
	CU_ASSERT_TRUE(cdr_coder_valid(longest));
	longest[64] = 'a';
	longest[65] = '\0';
	CU_ASSERT_FALSE(cdr_coder_valid(longest));
}

static void test_coding_store_invalid_coder_refused(void)
{
	struct fx f;
	cdr_codings *c = (cdr_codings *)1;

	fx_open(&f, NULL);
	CU_ASSERT_EQUAL(cdr_codings_load(&c, f.p, "../x", NULL, NULL), CDR_EUSAGE);
	CU_ASSERT_PTR_NULL(c);
	fx_close(&f);
}

/* ---- accept, reject, unreject ------------------------------------------------------- */

static const char *status_of(cdr_codings *c, size_t start, size_t end, const char *code)
{
	long i = cdr_codings_find(c, "d", start, end, code);

	CU_ASSERT_FATAL(i >= 0);
	return cdr_codings_get(c, (size_t)i)->status;
}

/* Anyone rejects a proposal; a coder's own coding only that coder or with
 * force; a refusal changes nothing; unreject follows the same rules. */
static void test_coding_reject_policy(void)
{
	struct fx f;
	cdr_codings *c = NULL;
	size_t n = 9;

	fx_open(&f, NULL);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_load(&c, f.p, "anna", NULL, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_append(c, "d", 1, 5, "s/A", "manual", "C", "", ""), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_append(c, "d", 6, 9, "s/A", "accept:rule:s/A#r1", "C", "", ""), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_append(c, "d", 1, 5, "s/B", "rule:s/B#r1", "C", "", ""), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_append(c, "d", 20, 30, "s/B", "import:x.tsv", "C", "", ""), 0);
	CU_ASSERT_TRUE(cdr_coding_is_proposal(cdr_codings_get(c, 2)));
	CU_ASSERT_FALSE(cdr_coding_is_proposal(cdr_codings_get(c, 1)));

	/* a proposal: bert may reject it */
	CU_ASSERT_EQUAL(cdr_codings_reject(c, "bert", 0, "d", 0, 10, "s/B", &n), 0);
	CU_ASSERT_EQUAL(n, 1);
	CU_ASSERT_STRING_EQUAL(status_of(c, 1, 5, "s/B"), "rejected");
	CU_ASSERT_STRING_EQUAL(status_of(c, 20, 30, "s/B"), "");
	/* anna's own codings: bert is refused and nothing changes */
	n = 9;
	CU_ASSERT_EQUAL(cdr_codings_reject(c, "bert", 0, "d", 0, 10, "s/A", &n), CDR_EUSAGE);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "d c1-5 s/A is anna's own coding (origin manual)"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "only anna may reject it"));
	CU_ASSERT_PTR_NULL(strstr(cdr_error_last(), "--"));
	CU_ASSERT_EQUAL(n, 0);
	CU_ASSERT_STRING_EQUAL(status_of(c, 1, 5, "s/A"), "");
	CU_ASSERT_STRING_EQUAL(status_of(c, 6, 9, "s/A"), "");
	CU_ASSERT_EQUAL(cdr_codings_reject(c, "bert", 0, "d", 0, 40, "s/B", &n), CDR_EUSAGE);
	CU_ASSERT_STRING_EQUAL(status_of(c, 1, 5, "s/B"), "rejected");
	CU_ASSERT_STRING_EQUAL(status_of(c, 20, 30, "s/B"), "");
	/* anna may; so may bert with force */
	CU_ASSERT_EQUAL(cdr_codings_reject(c, "anna", 0, "d", 0, 10, "s/A", &n), 0);
	CU_ASSERT_EQUAL(n, 2);
	CU_ASSERT_STRING_EQUAL(status_of(c, 6, 9, "s/A"), "rejected");
	CU_ASSERT_EQUAL(cdr_codings_reject(c, "bert", 1, "d", 20, 30, "s/B", &n), 0);
	CU_ASSERT_STRING_EQUAL(status_of(c, 20, 30, "s/B"), "rejected");
	/* unreject: only rejected codings count, under the same rules */
	CU_ASSERT_EQUAL(cdr_codings_unreject(c, "bert", 0, "d", 0, 10, "s/A", &n), CDR_EUSAGE);
	CU_ASSERT_STRING_EQUAL(status_of(c, 1, 5, "s/A"), "rejected");
	CU_ASSERT_EQUAL(cdr_codings_unreject(c, "bert", 0, "d", 0, 10, "s/B", &n), 0);
	CU_ASSERT_EQUAL(n, 1);
	CU_ASSERT_STRING_EQUAL(status_of(c, 1, 5, "s/B"), "");
	CU_ASSERT_EQUAL(cdr_codings_unreject(c, "bert", 0, "d", 0, 10, "s/B", &n), CDR_ENOTFOUND);
	CU_ASSERT_EQUAL(cdr_codings_unreject(c, "anna", 0, "d", 0, 10, "s/A", &n), 0);
	CU_ASSERT_EQUAL(n, 2);
	CU_ASSERT_STRING_EQUAL(status_of(c, 6, 9, "s/A"), "");
	/* nothing within the span */
	CU_ASSERT_EQUAL(cdr_codings_reject(c, "anna", 0, "d", 2, 4, "s/A", &n), CDR_ENOTFOUND);
	CU_ASSERT_EQUAL(cdr_codings_reject(c, "anna", 0, "e", 0, 40, "s/A", &n), CDR_ENOTFOUND);
	cdr_codings_free(c);
	fx_close(&f);
}

/* accept copies as the accepting coder's own, once. */
static void test_coding_accept_copies_once(void)
{
	struct fx f;
	cdr_codings *from = NULL, *to = NULL;
	size_t n = 9;
	long i;

	fx_open(&f, NULL);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_load(&from, f.p, "auto", NULL, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_load(&to, f.p, "anna", NULL, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_append(from, "d", 1, 5, "s/B", "rule:s/B#r1", "C", "m", "rejected"), 0);
	/* a rejection stands: nothing is accepted until it is taken back */
	CU_ASSERT_EQUAL(cdr_codings_accept(to, from, "d", 0, 10, "s/B", &n), CDR_ENOTFOUND);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "rejected"));
	CU_ASSERT_EQUAL(cdr_codings_count(to), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_unreject(from, "auto", 0, "d", 0, 10, "s/B", &n), 0);
	CU_ASSERT_EQUAL(cdr_codings_accept(to, from, "d", 0, 10, "s/B", &n), 0);
	CU_ASSERT_EQUAL(n, 1);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_count(to), 1);
	i = cdr_codings_find(to, "d", 1, 5, "s/B");
	CU_ASSERT_FATAL(i == 0);
	CU_ASSERT_STRING_EQUAL(cdr_codings_get(to, 0)->origin, "accept:rule:s/B#r1");
	CU_ASSERT_STRING_EQUAL(cdr_codings_get(to, 0)->memo, "m");
	CU_ASSERT_STRING_EQUAL(cdr_codings_get(to, 0)->status, "");
	CU_ASSERT_EQUAL(cdr_codings_accept(to, from, "d", 0, 10, "s/B", &n), 0);
	CU_ASSERT_EQUAL(cdr_codings_count(to), 1);
	CU_ASSERT_EQUAL(cdr_codings_accept(to, from, "d", 2, 10, "s/B", &n), CDR_ENOTFOUND);
	cdr_codings_free(from);
	cdr_codings_free(to);
	fx_close(&f);
}

/* rm takes the codings of the code that lie within the span, whatever
 * their origin or status, and nothing else. */
static void test_coding_remove_within(void)
{
	struct fx f;
	cdr_codings *c = NULL;
	size_t n = 9;

	fx_open(&f, NULL);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_load(&c, f.p, "anna", NULL, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_append(c, "d", 1, 5, "s/A", "manual", "C", "", ""), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_append(c, "d", 6, 9, "s/A", "rule:s/A#r1", "C", "", "rejected"), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_append(c, "d", 8, 12, "s/A", "manual", "C", "", ""), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_append(c, "d", 1, 5, "s/A.1", "manual", "C", "", ""), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_append(c, "e", 1, 5, "s/A", "manual", "C", "", ""), 0);

	/* 8-12 sticks out of 0-10; the subcode and the other document stay */
	CU_ASSERT_EQUAL(cdr_codings_remove_within(c, "d", 0, 10, "s/A", &n), 0);
	CU_ASSERT_EQUAL(n, 2);
	CU_ASSERT_EQUAL(cdr_codings_count(c), 3);
	CU_ASSERT(cdr_codings_find(c, "d", 8, 12, "s/A") >= 0);
	CU_ASSERT(cdr_codings_find(c, "d", 1, 5, "s/A.1") >= 0);
	CU_ASSERT(cdr_codings_find(c, "e", 1, 5, "s/A") >= 0);
	n = 9;
	CU_ASSERT_EQUAL(cdr_codings_remove_within(c, "d", 0, 10, "s/A", &n), CDR_ENOTFOUND);
	CU_ASSERT_EQUAL(n, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "no coding of s/A by anna lies within d c0-10"));
	CU_ASSERT_EQUAL(cdr_codings_count(c), 3);
	cdr_codings_free(c);
	fx_close(&f);
}

/* ---- memos ------------------------------------------------------------------------------ */

/* A memo is never replaced unasked; the refusal names the target and no
 * command-line option, and leaves the memo as it was. */
static void test_coding_memo_not_replaced_unasked(void)
{
	struct fx f;
	char *text = NULL;

	fx_open(&f, NULL);
	CU_ASSERT_EQUAL_FATAL(cdr_memo_write(f.p, CDR_MEMO_CODE, "s/A", "een", CDR_MEMO_NEW), 0);
	CU_ASSERT_EQUAL(cdr_memo_write(f.p, CDR_MEMO_CODE, "s/A", "twee", CDR_MEMO_NEW), CDR_EEXISTS);
	CU_ASSERT_STRING_EQUAL(cdr_error_last(), "code s/A already has a memo");
	CU_ASSERT_EQUAL_FATAL(cdr_memo_get(&text, f.p, CDR_MEMO_CODE, "s/A"), 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "een"));
	CU_ASSERT_PTR_NULL(strstr(text, "twee"));
	free(text);
	CU_ASSERT_EQUAL(cdr_memo_write(f.p, CDR_MEMO_CODE, "s/A", "twee", CDR_MEMO_APPEND), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_memo_get(&text, f.p, CDR_MEMO_CODE, "s/A"), 0);
	CU_ASSERT_PTR_NOT_NULL(text && strstr(text, "een") && strstr(text, "twee") ? text : NULL);
	free(text);
	fx_close(&f);
}

/* ---- the lint of scheme check ------------------------------------------------------------ */

static size_t lint_count(const cdr_lint *l, cdr_lint_kind kind)
{
	size_t n = 0;

	for (size_t i = 0; i < l->n; i++)
		n += l->v[i].kind == kind;
	return n;
}

static const cdr_lint_finding *lint_find(const cdr_lint *l, cdr_lint_kind kind, const char *code)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].kind == kind && (code == NULL || (l->v[i].code && strcmp(l->v[i].code, code) == 0)))
			return &l->v[i];
	return NULL;
}

/* On mini.txt, mini/VB#r1 matches in 2 of the 5 turns: too broad at the
 * default 0.3, not at 0.5; a coding whose code is gone is found. */
static void test_coding_lint_project(void)
{
	struct fx f;
	cdr_lint_options o = { 0 };
	cdr_lint l;
	cdr_codings *c = NULL;
	const cdr_lint_finding *x;

	mini_project(&f);
	CU_ASSERT_EQUAL_FATAL(cdr_schemes_lint(&l, f.p, f.set, &o), 0);
	CU_ASSERT_EQUAL(l.n, 1);
	CU_ASSERT_EQUAL(l.problems, 1);
	x = lint_find(&l, CDR_LINT_TOO_BROAD, "mini/VB");
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	CU_ASSERT_STRING_EQUAL(x->rule, "r1");
	CU_ASSERT_PTR_NOT_NULL(strstr(x->message, "mini.xml:7: rule mini/VB#r1 matches in 40% of the turns (2 of 5; more than 30%)"));
	cdr_lint_free(&l);

	o.max_share = 0.5;
	CU_ASSERT_EQUAL(cdr_schemes_lint(&l, f.p, f.set, &o), 0);
	CU_ASSERT_EQUAL(l.n, 0);
	cdr_lint_free(&l);

	CU_ASSERT_EQUAL_FATAL(cdr_codings_load(&c, f.p, "anna", NULL, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_append(c, "mini", 1, 5, "mini/WEG", "manual", "C", "", ""), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_save(c), 0);
	cdr_codings_free(c);
	CU_ASSERT_EQUAL(cdr_schemes_lint(&l, f.p, f.set, &o), 0);
	CU_ASSERT_EQUAL(l.problems, 1);
	cdr_lint_free(&l);
	/* the rules' findings do not hide the codings' */
	o.max_share = 0;
	CU_ASSERT_EQUAL(cdr_schemes_lint(&l, f.p, f.set, &o), 0);
	CU_ASSERT_EQUAL(l.problems, 2);
	CU_ASSERT_EQUAL(lint_count(&l, CDR_LINT_TOO_BROAD), 1);
	x = lint_find(&l, CDR_LINT_UNKNOWN_CODE, "mini/WEG");
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	CU_ASSERT_PTR_NULL(x->rule);
	CU_ASSERT_STRING_EQUAL(x->message, "codings/anna.tsv: mini c1-5: code 'mini/WEG' is in no scheme");
	cdr_lint_free(&l);

	/* out of range and unknown: errors before anything runs */
	o.max_share = 1.5;
	CU_ASSERT_EQUAL(cdr_schemes_lint(&l, f.p, f.set, &o), CDR_EUSAGE);
	CU_ASSERT_EQUAL(l.n, 0);
	cdr_lint_free(&l);
	o.max_share = 0;
	o.schemes = (const char *const[]){ "nope" };
	o.nschemes = 1;
	CU_ASSERT_EQUAL(cdr_schemes_lint(&l, f.p, f.set, &o), CDR_ENOTFOUND);
	CU_ASSERT_STRING_EQUAL(cdr_error_last(), "no scheme 'nope' in the project");
	cdr_lint_free(&l);
	fx_close(&f);
}

/* A rule that backtracks hits the match limit and so matches nothing;
 * linting one scheme leaves the others' rules out. */
static void test_coding_lint_match_limit(void)
{
	struct fx f;
	cdr_lint_options o = { 0 };
	cdr_lint l;
	const cdr_lint_finding *x;

	mini_project(&f);
	CU_ASSERT_EQUAL_FATAL(cdr_schemes_install(f.p, test_path("tests/data/schemes/backtrack.xml"), 0, NULL), 0);
	cdr_schemes_free(f.set);
	CU_ASSERT_EQUAL_FATAL(cdr_schemes_load(&f.set, f.p), 0);
	o.schemes = (const char *const[]){ "backtrack" };
	o.nschemes = 1;
	CU_ASSERT_EQUAL_FATAL(cdr_schemes_lint(&l, f.p, f.set, &o), 0);
	CU_ASSERT_EQUAL(l.problems, 3);
	x = lint_find(&l, CDR_LINT_MATCH_LIMIT, "backtrack/SLOW");
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	CU_ASSERT_STRING_EQUAL(x->rule, "r1");
	CU_ASSERT_PTR_NOT_NULL(strstr(x->message, "hit the PCRE2 match limit in 1 turn (catastrophic backtracking?)"));
	CU_ASSERT_PTR_NOT_NULL(lint_find(&l, CDR_LINT_NO_MATCH, "backtrack/SLOW"));
	CU_ASSERT_PTR_NOT_NULL(lint_find(&l, CDR_LINT_TOO_BROAD, "backtrack/OK"));
	CU_ASSERT_PTR_NULL(lint_find(&l, CDR_LINT_TOO_BROAD, "mini/VB"));
	cdr_lint_free(&l);
	fx_close(&f);
}

/* Files are validated on their own: a bad one is a finding and stops the
 * lint there; good ones alone do not lint the project, good ones with a
 * scheme named do. */
static void test_coding_lint_files(void)
{
	struct fx f;
	cdr_lint_options o = { 0 };
	cdr_lint l;
	const char *files[2];
	const cdr_lint_finding *x;

	mini_project(&f);
	files[0] = strdup(test_path("tests/data/schemes/bad-regex.xml"));
	files[1] = strdup(test_path("tests/data/schemes/mini.xml"));
	o.files = files;
	o.nfiles = 2;
	CU_ASSERT_EQUAL_FATAL(cdr_schemes_lint(&l, f.p, f.set, &o), 0);
	CU_ASSERT_EQUAL(l.n, 2);
	CU_ASSERT_EQUAL(l.problems, 1);
	x = lint_find(&l, CDR_LINT_INVALID, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	CU_ASSERT_PTR_NOT_NULL(strstr(x->message, "missing closing parenthesis at offset 16"));
	x = lint_find(&l, CDR_LINT_VALID, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	CU_ASSERT_PTR_NOT_NULL(strstr(x->message, "mini.xml: valid (scheme 'mini', 4 codes)"));
	cdr_lint_free(&l);

	o.files = files + 1;
	o.nfiles = 1;
	CU_ASSERT_EQUAL(cdr_schemes_lint(&l, f.p, f.set, &o), 0);
	CU_ASSERT_EQUAL(l.n, 1);
	CU_ASSERT_EQUAL(l.problems, 0);
	cdr_lint_free(&l);
	o.schemes = (const char *const[]){ "mini" };
	o.nschemes = 1;
	CU_ASSERT_EQUAL(cdr_schemes_lint(&l, f.p, f.set, &o), 0);
	CU_ASSERT_EQUAL(l.n, 2);
	CU_ASSERT_EQUAL(lint_count(&l, CDR_LINT_VALID), 1);
	CU_ASSERT_EQUAL(lint_count(&l, CDR_LINT_TOO_BROAD), 1);
	cdr_lint_free(&l);
	free((char *)files[0]);
	free((char *)files[1]);
	fx_close(&f);
}

/* Every allocation that fails is CDR_ENOMEM, never a crash or a finding
 * silently left out. */
static void test_coding_lint_out_of_memory(void)
{
	struct fx f;
	cdr_lint_options o = { 0 };
	cdr_lint l;
	cdr_codings *c = NULL;
	size_t want;
	int done = 0;

	mini_project(&f);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_load(&c, f.p, "anna", NULL, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_append(c, "mini", 1, 5, "mini/WEG", "manual", "C", "", ""), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_save(c), 0);
	cdr_codings_free(c);
	CU_ASSERT_EQUAL_FATAL(cdr_schemes_lint(&l, f.p, f.set, &o), 0);
	want = l.n;
	CU_ASSERT_EQUAL(want, 2);
	cdr_lint_free(&l);
	for (long i = 0; i < 5000 && !done; i++) {
		int rc;
		cdr_alloc_fail_after(i);
		rc = cdr_schemes_lint(&l, f.p, f.set, &o);
		cdr_alloc_fail_after(-1);
		if (rc == 0) {
			CU_ASSERT_EQUAL(l.n, want);
			done = 1;
		} else {
			CU_ASSERT_EQUAL(rc, CDR_ENOMEM);
		}
		cdr_lint_free(&l);
	}
	CU_ASSERT_TRUE(done);
	fx_close(&f);
}

/* ---- replacing a scheme --------------------------------------------------------------- */

static void count_installed(void *ctx, const char *id, const char *path)
{
	(void)id;
	(void)path;
	(*(int *)ctx)++;
}

/* A new version without a code that codings use: refused and nothing
 * written, unless forced; a rejected coding counts too. */
static void test_coding_scheme_replace_orphans(void)
{
	static const char v2[] =
		"<scheme xmlns=\"urn:codeer:scheme:1\" id=\"mini\" version=\"2\"><title>T</title>\n"
		"<code id=\"VB\" label=\"V\"><definition>v</definition></code></scheme>\n";
	struct fx f;
	cdr_codings *c = NULL;
	char *path, *installed, *before, *after, *warning = (char *)1;
	const char *paths[1];
	size_t len;
	int calls = 0;

	mini_project(&f);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_load(&c, f.p, "anna", NULL, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_append(c, "mini", 1, 5, "mini/HAND", "manual", "C", "", ""), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_append(c, "mini", 1, 5, "mini/EK", "rule:mini/EK#r1", "C", "", "rejected"), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_append(c, "mini", 1, 5, "mini/VB", "manual", "C", "", ""), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_save(c), 0);
	cdr_codings_free(c);
	path = test_join(f.root, "v2.xml");
	test_write_file(path, v2);
	paths[0] = path;
	installed = test_join(cdr_project_path(f.p), "schemes/mini.xml");
	before = test_slurp(installed, &len);

	CU_ASSERT_EQUAL(cdr_schemes_install_checked(f.p, paths, 1, 1, 0, &warning, count_installed, &calls), CDR_EUNSAFE);
	CU_ASSERT_EQUAL(calls, 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "lacks 2 codes that codings use:\n  mini/EK: 1 coding (anna 1)\n"
						       "  mini/HAND: 1 coding (anna 1)\n"));
	/* the library names no command-line option; the list comes back, so
	 * a caller tells this refusal from others and says what overrides it */
	CU_ASSERT_PTR_NULL(strstr(cdr_error_last(), "--"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(warning);
	CU_ASSERT_PTR_NOT_NULL(strstr(warning, "mini/HAND: 1 coding (anna 1)"));
	free(warning);
	warning = (char *)1;
	after = test_slurp(installed, &len);
	CU_ASSERT_STRING_EQUAL(after, before);
	free(after);
	/* without replace: the scheme is there already, and that is all */
	CU_ASSERT_EQUAL(cdr_schemes_install_checked(f.p, paths, 1, 0, 1, &warning, NULL, NULL), CDR_EEXISTS);
	CU_ASSERT_PTR_NULL(warning);
	CU_ASSERT_PTR_NULL(strstr(cdr_error_last(), "--"));

	CU_ASSERT_EQUAL(cdr_schemes_install_checked(f.p, paths, 1, 1, 1, &warning, count_installed, &calls), 0);
	CU_ASSERT_EQUAL(calls, 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(warning);
	CU_ASSERT_PTR_NOT_NULL(strstr(warning, "mini/HAND: 1 coding (anna 1)"));
	free(warning);
	after = test_slurp(installed, &len);
	CU_ASSERT_STRING_EQUAL(after, v2);
	free(after);
	/* the codings themselves are untouched */
	c = load_codings(&f, "anna");
	CU_ASSERT_EQUAL(cdr_codings_count(c), 3);
	cdr_codings_free(c);

	free(before);
	free(installed);
	free(path);
	fx_close(&f);
}

/* ---- import ------------------------------------------------------------------------- */

static void test_coding_import_csv_quoting(void)
{
	struct fx f;
	struct expected want[4];
	char *csv;
	size_t imported = 9, skipped = 9, len;
	cdr_codings *c;
	long i;
	char *t = test_slurp(test_path("tests/data/mini.txt"), &len);
	size_t phrase = off(t, "Het netwerk in de buurt", 0);

	mini_expected(want);
	mini_project(&f);
	csv = test_join(f.root, "import.csv");
	test_write_file(csv,
		   "doc,code,ref,memo,coder\r\n"
		   "mini,mini/VB,c7-15,\"een memo, met komma en \"\"aanhalingstekens\"\"\",anna\r\n"
		   "mini,EK,t4,,anna\r\n"
		   "mini,VB.NET,\"Het netwerk in de buurt\",,bob\r\n"
		   "\"mini\",\"mini/HAND\",\"c0-2\",\"regel een\nregel twee\",anna\r\n");
	CU_ASSERT_EQUAL_FATAL(cdr_codings_import(f.p, f.set, csv, "standaard", 0, &imported, &skipped), 0);
	CU_ASSERT_EQUAL(imported, 4);
	CU_ASSERT_EQUAL(skipped, 0);
	c = load_codings(&f, "anna");
	CU_ASSERT_EQUAL(cdr_codings_count(c), 3);
	i = cdr_codings_find(c, "mini", 7, 15, "mini/VB");
	CU_ASSERT_FATAL(i >= 0);
	CU_ASSERT_STRING_EQUAL(cdr_codings_get(c, (size_t)i)->memo, "een memo, met komma en \"aanhalingstekens\"");
	CU_ASSERT_STRING_EQUAL(cdr_codings_get(c, (size_t)i)->origin, "manual");
	CU_ASSERT_TRUE(cdr_codings_find(c, "mini", want[2].start, want[2].end, "mini/EK") >= 0);
	i = cdr_codings_find(c, "mini", 0, 2, "mini/HAND");
	CU_ASSERT_FATAL(i >= 0);
	CU_ASSERT_STRING_EQUAL(cdr_codings_get(c, (size_t)i)->memo, "regel een\nregel twee");
	cdr_codings_free(c);
	c = load_codings(&f, "bob");
	CU_ASSERT_EQUAL(cdr_codings_count(c), 1);
	CU_ASSERT_TRUE(cdr_codings_find(c, "mini", phrase, phrase + strlen("Het netwerk in de buurt"), "mini/VB.NET") >= 0);
	cdr_codings_free(c);
	/* the default coder got nothing */
	c = load_codings(&f, "standaard");
	CU_ASSERT_EQUAL(cdr_codings_count(c), 0);
	cdr_codings_free(c);
	/* again: every row is there already */
	CU_ASSERT_EQUAL_FATAL(cdr_codings_import(f.p, f.set, csv, "standaard", 0, &imported, &skipped), 0);
	CU_ASSERT_EQUAL(imported, 0);
	CU_ASSERT_EQUAL(skipped, 4);
	/* override: all rows to the given coder */
	CU_ASSERT_EQUAL_FATAL(cdr_codings_import(f.p, f.set, csv, "carl", 1, &imported, &skipped), 0);
	CU_ASSERT_EQUAL(imported, 4);
	c = load_codings(&f, "carl");
	CU_ASSERT_EQUAL(cdr_codings_count(c), 4);
	cdr_codings_free(c);
	free(csv);
	free(t);
	fx_close(&f);
}

static void test_coding_import_tsv_start_end(void)
{
	struct fx f;
	char *tsv;
	size_t imported, skipped;
	cdr_codings *c;

	mini_project(&f);
	tsv = test_join(f.root, "import.tsv");
	/* a spreadsheet's TSV: backslashes are text, not escapes */
	test_write_file(tsv, "doc\tcode\tstart\tend\tmemo\nmini\tmini/VB\t33\t40\tC:\\map\\tekst\n");
	CU_ASSERT_EQUAL_FATAL(cdr_codings_import(f.p, f.set, tsv, "anna", 0, &imported, &skipped), 0);
	CU_ASSERT_EQUAL(imported, 1);
	c = load_codings(&f, "anna");
	CU_ASSERT_EQUAL_FATAL(cdr_codings_count(c), 1);
	CU_ASSERT_EQUAL(cdr_codings_get(c, 0)->start, 33);
	CU_ASSERT_EQUAL(cdr_codings_get(c, 0)->end, 40);
	CU_ASSERT_STRING_EQUAL(cdr_codings_get(c, 0)->memo, "C:\\map\\tekst");
	cdr_codings_free(c);
	free(tsv);
	fx_close(&f);
}

/* Import `text` as `name`; it must fail with `code` naming name:line:. */
static void import_fails(struct fx *f, const char *name, const char *text, int code, int line)
{
	char *path = test_join(f->root, name), want[256];
	char *dir = test_join(cdr_project_path(f->p), "codings");
	size_t imported = 9, skipped = 9;

	test_write_file(path, text);
	CU_ASSERT_EQUAL(cdr_codings_import(f->p, f->set, path, "anna", 0, &imported, &skipped), code);
	snprintf(want, sizeof(want), "%s:%d:", name, line);
	if (strstr(cdr_error_last(), want) == NULL)
		fprintf(stderr, "\nexpected '%s' in '%s'\n", want, cdr_error_last());
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), want));
	CU_ASSERT_EQUAL(imported, 0);
	CU_ASSERT_EQUAL(files_in(dir), 0);
	free(dir);
	free(path);
}

static void test_coding_import_bad_row_writes_nothing(void)
{
	struct fx f;

	mini_project(&f);
	import_fails(&f, "code.csv", "doc,code,ref\nmini,mini/VB,c7-15\nmini,mini/NOPE,t1\nmini,EK,t4\n", CDR_ENOTFOUND, 3);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "NOPE"));
	import_fails(&f, "doc.csv", "doc,code,ref\nmini,mini/VB,c7-15\n\nnope,mini/VB,t1\n", CDR_ENOTFOUND, 4);
	import_fails(&f, "span.csv", "doc,code,ref\nmini,mini/VB,c15-7\n", CDR_EFORMAT, 2);
	import_fails(&f, "turn.csv", "doc,code,ref\nmini,mini/VB,t1\nmini,mini/VB,t99\n", CDR_ENOTFOUND, 3);
	import_fails(&f, "coder.csv", "doc,code,ref,coder\nmini,mini/VB,t1,anna\nmini,mini/VB,t2,a/b\n", CDR_EFORMAT, 3);
	import_fails(&f, "header.csv", "document,code,ref\nmini,mini/VB,t1\n", CDR_EFORMAT, 1);
	import_fails(&f, "quote.csv", "doc,code,ref,memo\nmini,mini/VB,t1,\"open\n", CDR_EFORMAT, 2);
	/* after a row with a line break in a quoted field, lines still count */
	import_fails(&f, "multi.csv", "doc,code,ref,memo\nmini,mini/VB,t1,\"twee\nregels\"\nmini,mini/NOPE,t2,\n",
		     CDR_ENOTFOUND, 4);
	fx_close(&f);
}

/* A bad row that spans two lines is named by the line it starts on. */
static void test_coding_import_multiline_row_error_names_start_line(void)
{
	struct fx f;

	mini_project(&f);
	import_fails(&f, "start.csv", "doc,code,ref,memo\nmini,mini/NOPE,t1,\"twee\nregels\"\n", CDR_ENOTFOUND, 2);
	fx_close(&f);
}

/* ---- retrieval ------------------------------------------------------------------------ */

struct quotes {
	char code[16][64];
	size_t start[16];
	long turn[16];
	size_t n;
};

static int on_quote(void *ctx, const cdr_quote *q)
{
	struct quotes *r = ctx;

	if (r->n < 16) {
		snprintf(r->code[r->n], sizeof(r->code[0]), "%s", q->coding->code);
		r->start[r->n] = q->coding->start;
		r->turn[r->n] = q->turn;
		CU_ASSERT_STRING_EQUAL(q->coder, "auto");
		CU_ASSERT_STRING_EQUAL(cdr_document_info_get(q->doc)->id, "mini");
	}
	r->n++;
	return 0;
}

static void test_coding_quotes_with_children(void)
{
	struct fx f;
	struct expected want[4];
	cdr_autocode_result res;
	struct quotes q = { .n = 0 };
	const cdr_code *vb, *ek;

	mini_expected(want);
	mini_project(&f);
	CU_ASSERT_EQUAL_FATAL(autocode(&f, NULL, &res), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_schemes_resolve(&vb, f.set, "mini/VB"), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_schemes_resolve(&ek, f.set, "mini/EK"), 0);
	CU_ASSERT_EQUAL(cdr_quotes(f.p, f.set, vb, 0, NULL, NULL, on_quote, &q), 0);
	CU_ASSERT_EQUAL(q.n, 2);
	q.n = 0;
	CU_ASSERT_EQUAL(cdr_quotes(f.p, f.set, vb, 1, NULL, NULL, on_quote, &q), 0);
	CU_ASSERT_EQUAL_FATAL(q.n, 3);
	/* in text order, with their turns */
	CU_ASSERT_STRING_EQUAL(q.code[0], "mini/VB");
	CU_ASSERT_EQUAL(q.start[0], want[0].start);
	CU_ASSERT_EQUAL(q.turn[0], 0);
	CU_ASSERT_STRING_EQUAL(q.code[1], "mini/VB");
	CU_ASSERT_EQUAL(q.start[1], want[1].start);
	CU_ASSERT_EQUAL(q.turn[1], 1);
	CU_ASSERT_STRING_EQUAL(q.code[2], "mini/VB.NET");
	CU_ASSERT_EQUAL(q.start[2], want[3].start);
	CU_ASSERT_EQUAL(q.turn[2], 3);
	q.n = 0;
	CU_ASSERT_EQUAL(cdr_quotes(f.p, f.set, ek, 1, "auto", "mini", on_quote, &q), 0);
	CU_ASSERT_EQUAL(q.n, 1);
	CU_ASSERT_EQUAL(cdr_quotes(f.p, f.set, ek, 1, "niemand", NULL, on_quote, &q), CDR_ENOTFOUND);
	CU_ASSERT_EQUAL(cdr_quotes(f.p, f.set, ek, 1, NULL, "geen-case", on_quote, &q), CDR_ENOTFOUND);
	/* a rejected proposal is no quote */
	reject(&f, "auto", "mini/VB.NET", want[3].start, want[3].end, "");
	q.n = 0;
	CU_ASSERT_EQUAL(cdr_quotes(f.p, f.set, vb, 1, NULL, NULL, on_quote, &q), 0);
	CU_ASSERT_EQUAL(q.n, 2);
	fx_close(&f);
}

static void test_coding_freqs_known_case(void)
{
	struct fx f;
	struct expected want[4];
	cdr_autocode_result res;
	cdr_freq *fr = NULL;
	size_t n = 0, len, wvb, wnet, wek;
	char *t = test_slurp(test_path("tests/data/mini.txt"), &len);
	char *second;
	const char *paths[1];
	static const char tweede[] = "R: Wij verbinden de buurt.\n";
	cdr_codings *c;

	mini_expected(want);
	wvb = ascii_words(t + want[0].start, want[0].end - want[0].start) +
	      ascii_words(t + want[1].start, want[1].end - want[1].start);
	wek = ascii_words(t + want[2].start, want[2].end - want[2].start);
	wnet = ascii_words(t + want[3].start, want[3].end - want[3].start);
	CU_ASSERT_EQUAL_FATAL(wvb, 2);
	mini_project(&f);
	/* a second document, its own case */
	second = test_join(f.root, "tweede.txt");
	test_write_file(second, tweede);
	paths[0] = second;
	CU_ASSERT_EQUAL_FATAL(cdr_project_add(f.p, paths, 1, NULL, NULL, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(autocode(&f, NULL, &res), 0);
	CU_ASSERT_EQUAL(res.docs, 2);
	CU_ASSERT_EQUAL(res.codings, 5);
	/* and a second coder with one coding of the first document */
	c = load_codings(&f, "anna");
	CU_ASSERT_EQUAL(cdr_codings_add(c, "mini", want[1].start, want[1].end, "mini/VB", "manual", ""), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_save(c), 0);
	cdr_codings_free(c);

	CU_ASSERT_EQUAL_FATAL(cdr_freqs(&fr, &n, f.p, f.set, "auto"), 0);
	CU_ASSERT_EQUAL_FATAL(n, 4);
	CU_ASSERT_STRING_EQUAL(fr[0].code->qualified, "mini/VB");
	CU_ASSERT_EQUAL(fr[0].segments, 3);
	CU_ASSERT_EQUAL(fr[0].docs, 2);
	CU_ASSERT_EQUAL(fr[0].cases, 2);
	CU_ASSERT_EQUAL(fr[0].words, wvb + 1);
	CU_ASSERT_STRING_EQUAL(fr[1].code->qualified, "mini/VB.NET");
	CU_ASSERT_EQUAL(fr[1].segments, 1);
	CU_ASSERT_EQUAL(fr[1].docs, 1);
	CU_ASSERT_EQUAL(fr[1].cases, 1);
	CU_ASSERT_EQUAL(fr[1].words, wnet);
	CU_ASSERT_STRING_EQUAL(fr[2].code->qualified, "mini/EK");
	CU_ASSERT_EQUAL(fr[2].segments, 1);
	CU_ASSERT_EQUAL(fr[2].words, wek);
	CU_ASSERT_STRING_EQUAL(fr[3].code->qualified, "mini/HAND");
	CU_ASSERT_EQUAL(fr[3].segments, 0);
	CU_ASSERT_EQUAL(fr[3].docs, 0);
	CU_ASSERT_EQUAL(fr[3].cases, 0);
	CU_ASSERT_EQUAL(fr[3].words, 0);
	free(fr);
	/* all coders: anna's coding counts as a segment, not as a document;
	 * it covers the same span as one of auto's, so its words count once */
	CU_ASSERT_EQUAL_FATAL(cdr_freqs(&fr, &n, f.p, f.set, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(n, 4);
	CU_ASSERT_EQUAL(fr[0].segments, 4);
	CU_ASSERT_EQUAL(fr[0].docs, 2);
	CU_ASSERT_EQUAL(fr[0].cases, 2);
	CU_ASSERT_EQUAL(fr[0].words, wvb + 1);
	free(fr);
	fr = NULL;
	CU_ASSERT_EQUAL(cdr_freqs(&fr, &n, f.p, f.set, "niemand"), CDR_ENOTFOUND);
	CU_ASSERT_PTR_NULL(fr);
	free(second);
	free(t);
	fx_close(&f);
}

/* The tree of the mini scheme (VB with VB.NET below it, EK, HAND) over
 * two documents: auto codes VB in both, VB.NET and EK in mini. */
static void freq_tree_project(struct fx *f)
{
	static const char tweede[] = "R: Wij verbinden de buurt.\n";
	cdr_autocode_result res;
	const char *paths[1];
	char *second;

	mini_project(f);
	second = test_join(f->root, "tweede.txt");
	test_write_file(second, tweede);
	paths[0] = second;
	CU_ASSERT_EQUAL_FATAL(cdr_project_add(f->p, paths, 1, NULL, NULL, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(autocode(f, NULL, &res), 0);
	CU_ASSERT_EQUAL_FATAL(res.codings, 5);
	free(second);
}

static void test_coding_freq_tree_counts(void)
{
	struct fx f;
	cdr_freq_node *v = NULL;
	size_t n = 0;
	const char *auto_coder[] = { "auto", "auto" };

	freq_tree_project(&f);
	CU_ASSERT_EQUAL_FATAL(cdr_freq_tree(&v, &n, f.p, f.set, auto_coder, 1, NULL, 0), 0);
	CU_ASSERT_EQUAL_FATAL(n, 4);
	CU_ASSERT_STRING_EQUAL(v[0].path, "mini/VB");
	CU_ASSERT_STRING_EQUAL(v[1].path, "mini/VB/VB.NET");
	CU_ASSERT_EQUAL(v[1].depth, 1);
	/* own codings: VB in both documents, VB.NET in one */
	CU_ASSERT_EQUAL(v[0].references, 3);
	CU_ASSERT_EQUAL(v[0].files, 2);
	CU_ASSERT_EQUAL(v[1].references, 1);
	CU_ASSERT_EQUAL(v[1].files, 1);
	CU_ASSERT_EQUAL(v[3].references, 0);
	CU_ASSERT_FALSE(v[3].coded);
	CU_ASSERT_STRING_EQUAL(v[3].created, "");
	CU_ASSERT_STRING_NOT_EQUAL(v[0].created, "");
	cdr_freq_tree_free(v, n);
	/* aggregated: VB.NET's coding joins VB's, its document is one of VB's;
	 * a coder named twice counts once */
	CU_ASSERT_EQUAL_FATAL(cdr_freq_tree(&v, &n, f.p, f.set, auto_coder, 2, NULL, 1), 0);
	CU_ASSERT_EQUAL(v[0].references, 4);
	CU_ASSERT_EQUAL(v[0].files, 2);
	CU_ASSERT_EQUAL(v[1].references, 1);
	CU_ASSERT_EQUAL(v[2].references, 1);
	cdr_freq_tree_free(v, n);
	v = NULL;
	{
		const char *nobody[] = { "niemand" };
		CU_ASSERT_EQUAL(cdr_freq_tree(&v, &n, f.p, f.set, nobody, 1, NULL, 0), CDR_ENOTFOUND);
		CU_ASSERT_PTR_NULL(v);
	}
	fx_close(&f);
}

struct freq_tree_oom {
	struct fx *f;
	const char *layout; /* NULL: the code tree */
	size_t n;           /* the nodes of a run without failures */
};

/* Out of memory: CDR_ENOMEM and nothing returned, or the whole tree. */
static int freq_tree_attempt(void *ctx, long n, int once)
{
	struct freq_tree_oom *t = ctx;
	cdr_freq_node *v = NULL;
	size_t nv = 0;
	int rc;

	test_fail_alloc(n, once);
	rc = t->layout ? cdr_freq_tree_layout(&v, &nv, t->f->p, t->f->set, NULL, 0, NULL, 1, t->layout)
		       : cdr_freq_tree(&v, &nv, t->f->p, t->f->set, NULL, 0, NULL, 1);
	test_fail_alloc(-1, 0);
	if (rc == 0) {
		CU_ASSERT_EQUAL(nv, t->n);
		CU_ASSERT_PTR_NOT_NULL(v);
	} else {
		CU_ASSERT_EQUAL(rc, CDR_ENOMEM);
		CU_ASSERT_PTR_NULL(v);
	}
	cdr_freq_tree_free(v, nv);
	return rc;
}

static void test_coding_freq_tree_layout_and_oom(void)
{
	struct fx f;
	cdr_freq_node *v = NULL;
	size_t n = 0;
	struct freq_tree_oom t;
	char *layout;

	freq_tree_project(&f);
	layout = test_join(f.root, "layout.tsv");
	/* VB twice in one column: a coding counts once for the column */
	test_write_file(layout, "column\tsubcolumn\tcodes\nVerbinden\tbreed\tVB+\nVerbinden\tsmal\tVB.NET,EK\n"
				"Rest\t\tHAND\n");
	CU_ASSERT_EQUAL_FATAL(cdr_freq_tree_layout(&v, &n, f.p, f.set, NULL, 0, NULL, 0, layout), 0);
	CU_ASSERT_EQUAL_FATAL(n, 9);
	CU_ASSERT_STRING_EQUAL(v[0].path, "Verbinden");
	CU_ASSERT_PTR_NULL(v[0].code);
	CU_ASSERT_EQUAL(v[0].references, 5); /* VB 3, VB.NET 1, EK 1: each once */
	CU_ASSERT_EQUAL(v[0].files, 2);
	CU_ASSERT_STRING_EQUAL(v[1].path, "Verbinden / breed");
	CU_ASSERT_EQUAL(v[1].references, 4);
	CU_ASSERT_STRING_EQUAL(v[2].path, "Verbinden / breed / mini/VB");
	CU_ASSERT_EQUAL(v[2].depth, 2);
	CU_ASSERT_EQUAL(v[2].references, 3);
	CU_ASSERT_STRING_EQUAL(v[4].name, "smal");
	CU_ASSERT_EQUAL(v[4].references, 2);
	CU_ASSERT_EQUAL(v[4].files, 1);
	/* a row without a subcolumn: its codes right under the column */
	CU_ASSERT_STRING_EQUAL(v[7].path, "Rest");
	CU_ASSERT_EQUAL(v[7].references, 0);
	CU_ASSERT_STRING_EQUAL(v[8].path, "Rest / mini/HAND");
	CU_ASSERT_EQUAL(v[8].depth, 1);
	cdr_freq_tree_free(v, n);
	t.f = &f;
	t.layout = NULL;
	t.n = 4;
	CU_ASSERT(test_oom_loop(freq_tree_attempt, &t) > 10);
	t.layout = layout;
	t.n = 9;
	CU_ASSERT(test_oom_loop(freq_tree_attempt, &t) > 10);
	free(layout);
	fx_close(&f);
}

struct kwic {
	size_t n, bad;
	size_t width;
	const char *text;
};

static int on_kwic(void *ctx, const cdr_kwic_hit *h)
{
	struct kwic *k = ctx;
	size_t mlen = strlen(h->match);

	k->n++;
	/* the text is ASCII: code points are bytes */
	k->bad += strncmp(k->text + h->span.start, h->match, mlen) != 0 || h->span.end - h->span.start != mlen;
	k->bad += strlen(h->left) > k->width || strlen(h->right) > k->width;
	k->bad += strchr(h->left, '\n') != NULL || strchr(h->right, '\n') != NULL;
	k->bad += strcmp(h->doc, "mini") != 0;
	if (h->turn >= 0)
		k->bad += strcmp(h->speaker, "R") != 0 && strcmp(h->speaker, "I") != 0;
	return 0;
}

static size_t count_caseless(const char *text, const char *word)
{
	size_t n = 0, wl = strlen(word);

	for (const char *p = text; *p; p++) {
		size_t i;
		for (i = 0; i < wl; i++) {
			char a = p[i], b = word[i];
			if (a >= 'A' && a <= 'Z')
				a = (char)(a - 'A' + 'a');
			if (a != b)
				break;
		}
		n += i == wl;
	}
	return n;
}

static void test_coding_kwic_hit_count(void)
{
	struct fx f;
	size_t len, hits = 99;
	char *t = test_slurp(test_path("tests/data/mini.txt"), &len);
	struct kwic k = { 0, 0, 20, t };

	mini_project(&f);
	CU_ASSERT_EQUAL(cdr_kwic(f.p, "buurt", 0, 20, on_kwic, NULL, &k, &hits), 0);
	CU_ASSERT_EQUAL(hits, count_caseless(t, "buurt"));
	CU_ASSERT_EQUAL(k.n, hits);
	CU_ASSERT_EQUAL(k.bad, 0);
	k.n = 0;
	CU_ASSERT_EQUAL(cdr_kwic(f.p, "eigen kracht", 0, 20, on_kwic, NULL, &k, &hits), 0);
	CU_ASSERT_EQUAL(hits, count_caseless(t, "eigen kracht"));
	CU_ASSERT_EQUAL(hits, 2);
	CU_ASSERT_EQUAL(cdr_kwic(f.p, "Eigen kracht", 1, 20, on_kwic, NULL, &k, &hits), 0);
	CU_ASSERT_EQUAL(hits, 1);
	k.width = 5;
	CU_ASSERT_EQUAL(cdr_kwic(f.p, "verbind", 1, 5, on_kwic, NULL, &k, &hits), 0);
	CU_ASSERT_EQUAL(hits, count_caseless(t, "verbind"));
	CU_ASSERT_EQUAL(hits, 3);
	CU_ASSERT_EQUAL(cdr_kwic(f.p, "nergens", 0, 20, on_kwic, NULL, &k, &hits), 0);
	CU_ASSERT_EQUAL(hits, 0);
	CU_ASSERT_EQUAL(cdr_kwic(f.p, "(open", 0, 20, on_kwic, NULL, &k, &hits), CDR_EUSAGE);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "at offset"));
	CU_ASSERT_EQUAL(k.bad, 0);
	free(t);
	fx_close(&f);
}

void test_coding_register(void)
{
	CU_pSuite s = CU_add_suite("coding", NULL, NULL);

	CU_add_test(s, "scope_expansion", test_coding_scope_expansion);
	CU_add_test(s, "scope_match_across_sentences", test_coding_scope_match_across_sentences);
	CU_add_test(s, "merge_two_rules_same_sentence", test_coding_merge_two_rules_same_sentence);
	CU_add_test(s, "merge_overlap_same_code_only", test_coding_merge_overlap_same_code_only);
	CU_add_test(s, "unless_vetoes_only_inside", test_coding_unless_vetoes_only_inside);
	CU_add_test(s, "near_word_distance", test_coding_near_word_distance);
	CU_add_test(s, "speaker_filters", test_coding_speaker_filters);
	CU_add_test(s, "caseless_false", test_coding_caseless_false);
	CU_add_test(s, "unicode_caseless_word_chars", test_coding_unicode_caseless_word_chars);
	CU_add_test(s, "match_limit_skips_one_turn", test_coding_match_limit_skips_one_turn);
	CU_add_test(s, "engine_never_sees_bad_pattern", test_coding_engine_never_sees_bad_pattern);
	CU_add_test(s, "engine_scheme_selection", test_coding_engine_scheme_selection);
	CU_add_test(s, "prefilter_same_codings", test_coding_prefilter_same_codings);
	CU_add_test(s, "prefilter_shipped_schemes_corpus", test_coding_prefilter_shipped_schemes_corpus);
	CU_add_test(s, "autocode_mini_counts", test_coding_autocode_mini_counts);
	CU_add_test(s, "autocode_rerun_identical", test_coding_autocode_rerun_identical);
	CU_add_test(s, "autocode_rejected_survives", test_coding_autocode_rejected_survives);
	CU_add_test(s, "autocode_keeps_other_codings", test_coding_autocode_keeps_other_codings);
	CU_add_test(s, "find_by_identity", test_coding_find_by_identity);
	CU_add_test(s, "autocode_dry_run_writes_nothing", test_coding_autocode_dry_run_writes_nothing);
	CU_add_test(s, "store_broken_rows_kept", test_coding_store_broken_rows_kept);
	CU_add_test(s, "store_bom_header", test_coding_store_bom_header);
	CU_add_test(s, "store_save_sorted", test_coding_store_save_sorted);
	CU_add_test(s, "store_add_duplicate", test_coding_store_add_duplicate);
	CU_add_test(s, "coder_valid", test_coding_coder_valid);
	CU_add_test(s, "store_invalid_coder_refused", test_coding_store_invalid_coder_refused);
	CU_add_test(s, "reject_policy", test_coding_reject_policy);
	CU_add_test(s, "accept_copies_once", test_coding_accept_copies_once);
	CU_add_test(s, "remove_within", test_coding_remove_within);
	CU_add_test(s, "memo_not_replaced_unasked", test_coding_memo_not_replaced_unasked);
	CU_add_test(s, "lint_project", test_coding_lint_project);
	CU_add_test(s, "lint_match_limit", test_coding_lint_match_limit);
	CU_add_test(s, "lint_files", test_coding_lint_files);
	CU_add_test(s, "lint_out_of_memory", test_coding_lint_out_of_memory);
	CU_add_test(s, "scheme_replace_orphans", test_coding_scheme_replace_orphans);
	CU_add_test(s, "import_csv_quoting", test_coding_import_csv_quoting);
	CU_add_test(s, "import_tsv_start_end", test_coding_import_tsv_start_end);
	CU_add_test(s, "import_bad_row_writes_nothing", test_coding_import_bad_row_writes_nothing);
	CU_add_test(s, "import_multiline_row_error_names_start_line",
		    test_coding_import_multiline_row_error_names_start_line);
	CU_add_test(s, "quotes_with_children", test_coding_quotes_with_children);
	CU_add_test(s, "freqs_known_case", test_coding_freqs_known_case);
	CU_add_test(s, "freq_tree_counts", test_coding_freq_tree_counts);
	CU_add_test(s, "freq_tree_layout_and_oom", test_coding_freq_tree_layout_and_oom);
	CU_add_test(s, "kwic_hit_count", test_coding_kwic_hit_count);
}
