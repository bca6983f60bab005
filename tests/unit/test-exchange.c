/* test-exchange.c -- the REFI-QDA exchange layer: positions, the small
 * rules both directions share, schema validity of exports (checked here
 * with libxml2 directly against the schema files, not through the code
 * under test), and the round trips export-import-export and
 * import-export-import. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include "codeer/codeer.h"
#include "exchange/refi-internal.h"
#include "util/alloc.h"
#include "test.h"

void test_exchange_register(void);

static cdr_refi_posmap *map_of(const char *s, int rules)
{
	cdr_refi_posmap *m = NULL;

	CU_ASSERT_EQUAL_FATAL(cdr_refi_posmap_new(&m, s, strlen(s), rules, "t"), 0);
	return m;
}

static void test_exchange_pos_plain(void)
{
	cdr_refi_posmap *m = map_of("abc\ndef", 0);
	size_t len;

	CU_ASSERT_EQUAL(cdr_refi_posmap_length(m), 7);
	for (size_t i = 0; i <= 7; i++)
		CU_ASSERT_EQUAL(cdr_refi_posmap_get(m, i), (long)i);
	CU_ASSERT_EQUAL(cdr_refi_posmap_get(m, 8), -1);
	CU_ASSERT_STRING_EQUAL(cdr_refi_posmap_text(m, &len), "abc\ndef");
	cdr_refi_posmap_free(m);
}

static void test_exchange_pos_crlf_counts_two(void)
{
	cdr_refi_posmap *m = map_of("ab\r\ncd", 0);

	/* a b CR LF c d: six characters; codeer keeps a b LF c d */
	CU_ASSERT_EQUAL(cdr_refi_posmap_length(m), 6);
	CU_ASSERT_EQUAL(cdr_refi_posmap_get(m, 2), 2);
	CU_ASSERT_EQUAL(cdr_refi_posmap_get(m, 3), -1);  /* between CR and LF */
	CU_ASSERT_EQUAL(cdr_refi_posmap_get(m, 4), 3);
	CU_ASSERT_EQUAL(cdr_refi_posmap_get(m, 6), 5);
	CU_ASSERT_STRING_EQUAL(cdr_refi_posmap_text(m, NULL), "ab\ncd");
	cdr_refi_posmap_free(m);
}

static void test_exchange_pos_crlf_counts_one_for_atlas(void)
{
	cdr_refi_posmap *m = map_of("ab\r\ncd", CDR_REFI_CRLF_ONE);

	CU_ASSERT_EQUAL(cdr_refi_posmap_length(m), 5);
	for (size_t i = 0; i <= 5; i++)
		CU_ASSERT_EQUAL(cdr_refi_posmap_get(m, i), (long)i);
	cdr_refi_posmap_free(m);
}

static void test_exchange_pos_bom_not_counted(void)
{
	cdr_refi_posmap *m = map_of("\xEF\xBB\xBFhallo", 0);

	CU_ASSERT_EQUAL(cdr_refi_posmap_length(m), 5);
	CU_ASSERT_EQUAL(cdr_refi_posmap_get(m, 0), 0);
	CU_ASSERT_EQUAL(cdr_refi_posmap_get(m, 5), 5);
	CU_ASSERT_STRING_EQUAL(cdr_refi_posmap_text(m, NULL), "hallo");
	cdr_refi_posmap_free(m);
}

static void test_exchange_pos_combining_joined(void)
{
	/* "cafe" + COMBINING ACUTE + " x": NFC makes "café x" */
	cdr_refi_posmap *m = map_of("cafe\xCC\x81 x", 0);

	CU_ASSERT_EQUAL(cdr_refi_posmap_length(m), 7);
	CU_ASSERT_EQUAL(cdr_refi_posmap_get(m, 3), 3);   /* before e */
	CU_ASSERT_EQUAL(cdr_refi_posmap_get(m, 4), -1);  /* between e and the accent */
	CU_ASSERT_EQUAL(cdr_refi_posmap_get(m, 5), 4);   /* after é */
	CU_ASSERT_EQUAL(cdr_refi_posmap_get(m, 7), 6);
	CU_ASSERT_STRING_EQUAL(cdr_refi_posmap_text(m, NULL), "caf\xC3\xA9 x");
	cdr_refi_posmap_free(m);
}

static void test_exchange_pos_combining_kept(void)
{
	/* q + COMBINING ACUTE has no composed form: two characters on both sides */
	cdr_refi_posmap *m = map_of("q\xCC\x81z", 0);

	CU_ASSERT_EQUAL(cdr_refi_posmap_length(m), 3);
	for (size_t i = 0; i <= 3; i++)
		CU_ASSERT_EQUAL(cdr_refi_posmap_get(m, i), (long)i);
	cdr_refi_posmap_free(m);
}

static void test_exchange_pos_outside_bmp_is_one(void)
{
	/* U+1F600 is one character (a code point), as QualCoder counts */
	cdr_refi_posmap *m = map_of("a\xF0\x9F\x98\x80" "b", 0);

	CU_ASSERT_EQUAL(cdr_refi_posmap_length(m), 3);
	CU_ASSERT_EQUAL(cdr_refi_posmap_get(m, 2), 2);
	CU_ASSERT_EQUAL(cdr_refi_posmap_get(m, 3), 3);
	cdr_refi_posmap_free(m);
}

/* ---- NVivo: positions in UTF-16 code units --------------------------------
 * U+1F600 is one code point and two UTF-16 units. Each test below uses a
 * position or a length that differs between the two counts, so it fails
 * if a file NVivo wrote were counted in code points. */

#define EMOJI "\xF0\x9F\x98\x80"

/* Whether codeer's text between REFI positions a and b is `want`. */
static int slice_is(const cdr_refi_posmap *m, size_t a, size_t b, const char *want)
{
	size_t len, from, to;
	const char *t = cdr_refi_posmap_text(m, &len);
	long s = cdr_refi_posmap_get(m, a), e = cdr_refi_posmap_get(m, b);

	if (s < 0 || e < s) {
		fprintf(stderr, "\n%zu-%zu: no place (%ld, %ld), want '%s'\n", a, b, s, e, want);
		return 0;
	}
	from = cdr_utf8_offset(t, len, (size_t)s);
	to = cdr_utf8_offset(t, len, (size_t)e);
	if (to - from != strlen(want) || memcmp(t + from, want, to - from) != 0) {
		fprintf(stderr, "\n%zu-%zu: '%.*s', want '%s'\n", a, b, (int)(to - from), t + from, want);
		return 0;
	}
	return 1;
}

static void test_exchange_pos_utf16_emoji_around_selection(void)
{
	/* units: a0 b1 E2,3 c4 d5 E6,7 e8 f9; code points: a0 b1 E2 c3 d4 E5 e6 f7 */
	cdr_refi_posmap *m = map_of("ab" EMOJI "cd" EMOJI "ef", CDR_REFI_UTF16);

	CU_ASSERT_EQUAL(cdr_refi_posmap_length(m), 10);
	CU_ASSERT(slice_is(m, 0, 2, "ab"));                    /* before every emoji */
	CU_ASSERT(slice_is(m, 4, 6, "cd"));                    /* after one */
	CU_ASSERT(slice_is(m, 8, 10, "ef"));                   /* after two, to the end */
	CU_ASSERT(slice_is(m, 1, 5, "b" EMOJI "c"));           /* one inside */
	CU_ASSERT(slice_is(m, 2, 4, EMOJI));                   /* the emoji alone */
	CU_ASSERT(slice_is(m, 5, 8, "d" EMOJI));               /* ends right after one */
	CU_ASSERT(slice_is(m, 0, 10, "ab" EMOJI "cd" EMOJI "ef"));
	CU_ASSERT_EQUAL(cdr_refi_posmap_get(m, 11), -1);
	CU_ASSERT_STRING_EQUAL(cdr_refi_posmap_text(m, NULL), "ab" EMOJI "cd" EMOJI "ef");
	cdr_refi_posmap_free(m);
}

static void test_exchange_pos_utf16_between_halves_has_no_place(void)
{
	/* units: x0 E1,2 E3,4 y5; code points x0 E1 E2 y3 */
	cdr_refi_posmap *m = map_of("x" EMOJI EMOJI "y", CDR_REFI_UTF16);
	const long want[] = { 0, 1, -1, 2, -1, 3, 4 };

	CU_ASSERT_EQUAL_FATAL(cdr_refi_posmap_length(m), 6);
	/* every other position has its own place: nothing is moved to a neighbour */
	for (size_t i = 0; i <= 6; i++)
		CU_ASSERT_EQUAL(cdr_refi_posmap_get(m, i), want[i]);
	cdr_refi_posmap_free(m);
	/* the same text counted in code points: four characters, all with a place */
	m = map_of("x" EMOJI EMOJI "y", 0);
	CU_ASSERT_EQUAL(cdr_refi_posmap_length(m), 4);
	for (size_t i = 0; i <= 4; i++)
		CU_ASSERT_EQUAL(cdr_refi_posmap_get(m, i), (long)i);
	cdr_refi_posmap_free(m);
}

static void test_exchange_pos_utf16_with_crlf_and_bom(void)
{
	/* BOM, E a CR LF b E CR LF c; codeer keeps E a LF b E LF c (offsets 0..7) */
	const char *text = "\xEF\xBB\xBF" EMOJI "a\r\nb" EMOJI "\r\nc";
	/* CR LF as two: E0,1 a2 CR3 LF4 b5 E6,7 CR8 LF9 c10 */
	const long two[] = { 0, -1, 1, 2, -1, 3, 4, -1, 5, -1, 6, 7 };
	/* CR LF as one as well: E0,1 a2 CRLF3 b4 E5,6 CRLF7 c8 */
	const long one[] = { 0, -1, 1, 2, 3, 4, -1, 5, 6, 7 };
	cdr_refi_posmap *m = map_of(text, CDR_REFI_UTF16);

	CU_ASSERT_EQUAL_FATAL(cdr_refi_posmap_length(m), 11);
	for (size_t i = 0; i <= 11; i++)
		CU_ASSERT_EQUAL(cdr_refi_posmap_get(m, i), two[i]);
	CU_ASSERT(slice_is(m, 5, 8, "b" EMOJI));
	CU_ASSERT_STRING_EQUAL(cdr_refi_posmap_text(m, NULL), EMOJI "a\nb" EMOJI "\nc");
	cdr_refi_posmap_free(m);
	m = map_of(text, CDR_REFI_UTF16 | CDR_REFI_CRLF_ONE);
	CU_ASSERT_EQUAL_FATAL(cdr_refi_posmap_length(m), 9);
	for (size_t i = 0; i <= 9; i++)
		CU_ASSERT_EQUAL(cdr_refi_posmap_get(m, i), one[i]);
	CU_ASSERT(slice_is(m, 4, 7, "b" EMOJI));
	CU_ASSERT_STRING_EQUAL(cdr_refi_posmap_text(m, NULL), EMOJI "a\nb" EMOJI "\nc");
	cdr_refi_posmap_free(m);
}

static void test_exchange_pos_utf16_with_combining(void)
{
	/* e + COMBINING ACUTE after an emoji: units E0,1 e2 acute3 z4; NFC makes E é z */
	cdr_refi_posmap *m = map_of(EMOJI "e\xCC\x81z", CDR_REFI_UTF16);
	const long want[] = { 0, -1, 1, -1, 2, 3 };

	CU_ASSERT_EQUAL_FATAL(cdr_refi_posmap_length(m), 5);
	for (size_t i = 0; i <= 5; i++)
		CU_ASSERT_EQUAL(cdr_refi_posmap_get(m, i), want[i]);
	CU_ASSERT(slice_is(m, 2, 4, "\xC3\xA9"));
	cdr_refi_posmap_free(m);
}

/* ---- an NVivo project imported -------------------------------------------- */

#define NV_USER "11111111-1111-4111-8111-111111111111"
#define NV_CODE "22222222-2222-4222-8222-222222222222"
#define NV_SRC "33333333-3333-4333-8333-333333333333"
/* selection aaaaaaaa-...-00000000000n from a to b, with one coding */
#define NV_SEL(n, a, b)                                                                                          \
	"<PlainTextSelection guid=\"aaaaaaaa-0000-4000-8000-00000000000" #n "\" startPosition=\"" #a               \
	"\" endPosition=\"" #b "\" creatingUser=\"" NV_USER "\"><Coding guid=\"cccccccc-0000-4000-8000-00000000000" #n \
	"\" creatingUser=\"" NV_USER "\"><CodeRef targetGUID=\"" NV_CODE "\"/></Coding></PlainTextSelection>"

struct reports {
	char text[4096];
	size_t n;
};

static void collect(void *ctx, const char *message)
{
	struct reports *r = ctx;
	size_t have = strlen(r->text);

	snprintf(r->text + have, sizeof(r->text) - have, "%s\n", message);
	r->n++;
}

/*
 * A .qdpx as NVivo for Windows writes it: a byte-order mark, CR LF and
 * emoji in the text, positions in UTF-16 units with CR LF as two.
 *   text  J0 a1 _2 E3,4 _5 m6 o7 o8 i9 CR10 LF11 R12 :13 _14 E15,16 E17,18 _19 v20..n28 .29 CR30 LF31
 *   codeer J0 a1 _2 E3 _4 m5 o6 o7 i8 LF9 R10 :11 _12 E13 E14 _15 v16..n24 .25 LF26
 * Imported into root/nvivo; returns the import's return code.
 */
static int import_nvivo(const char *root, struct reports *r, cdr_refi_stats *st)
{
	const char *text = "\xEF\xBB\xBFJa " EMOJI " mooi\r\nR: " EMOJI EMOJI " verbinden.\r\n";
	const char *qde =
		"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
		"<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"proef\" origin=\"NVivo for Windows 12.6\">\n"
		"<Users><User guid=\"" NV_USER "\" name=\"Anna de Vries\"/></Users>\n"
		"<CodeBook><Codes><Code guid=\"" NV_CODE "\" name=\"Verbinden\" isCodable=\"true\"/></Codes></CodeBook>\n"
		"<Sources><TextSource guid=\"" NV_SRC "\" name=\"gesprek.txt\" plainTextPath=\"internal://" NV_SRC ".txt\">"
		NV_SEL(1, 20, 29)    /* verbinden */
		NV_SEL(2, 6, 10)     /* mooi */
		NV_SEL(3, 15, 19)    /* both emoji */
		NV_SEL(4, 16, 29)    /* starts between halves */
		NV_SEL(5, 12, 18)    /* ends between halves */
		"</TextSource></Sources>\n</Project>\n";
	const char *names[] = { "project.qde", "sources/" NV_SRC ".txt" }, *data[] = { qde, text };
	size_t lens[] = { strlen(qde), strlen(text) }, zlen = 0;
	char *zip = NULL, *path = test_join(root, "nvivo.qdpx"), *dir = test_join(root, "nvivo");
	FILE *f;
	int rc;

	memset(r, 0, sizeof(*r));
	CU_ASSERT_EQUAL_FATAL(refi_zip_build(&zip, &zlen, names, data, lens, 2), 0);
	f = fopen(path, "wb");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(fwrite(zip, 1, zlen, f), zlen);
	fclose(f);
	rc = cdr_refi_import_qdpx(path, dir, collect, r, st);
	free(zip);
	free(path);
	free(dir);
	return rc;
}

static void test_exchange_import_nvivo_utf16(void)
{
	char *root = strdup(test_tmpdir()), *dir = test_join(root, "nvivo");
	struct reports r;
	cdr_refi_stats st = { 0 };
	cdr_project *p = NULL;
	cdr_codings *c = NULL;

	CU_ASSERT_EQUAL_FATAL(import_nvivo(root, &r, &st), 0);
	CU_ASSERT_EQUAL(st.codings, 3);
	CU_ASSERT_EQUAL(st.left_out, 2);
	CU_ASSERT_EQUAL_FATAL(cdr_project_open(&p, dir), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_load(&c, p, "Anna-de-Vries", NULL, NULL), 0);
	CU_ASSERT_EQUAL(cdr_codings_count(c), 3);
	CU_ASSERT(cdr_codings_find(c, "gesprek", 16, 25, "proef/Verbinden") >= 0);  /* verbinden */
	CU_ASSERT(cdr_codings_find(c, "gesprek", 5, 9, "proef/Verbinden") >= 0);    /* mooi */
	CU_ASSERT(cdr_codings_find(c, "gesprek", 13, 15, "proef/Verbinden") >= 0);  /* the two emoji */
	cdr_codings_free(c);
	/* a position between the halves of an emoji is refused with the selection's GUID, never moved */
	CU_ASSERT_EQUAL(r.n, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.text, "selection aaaaaaaa-0000-4000-8000-000000000004 in source 'gesprek.txt': "
					      "position 16 falls inside"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.text, "selection aaaaaaaa-0000-4000-8000-000000000005 in source 'gesprek.txt': "
					      "position 18 falls inside"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.text, "outside the BMP"));
	cdr_project_free(p);
	free(dir);
	test_rm_rf(root);
	free(root);
}

static void test_exchange_import_nvivo_exports_code_points(void)
{
	char *root = strdup(test_tmpdir()), *dir = test_join(root, "nvivo"), *xml = NULL;
	struct reports r;
	cdr_refi_stats st = { 0 };
	cdr_project *p = NULL;
	size_t len = 0;

	/* codeer's export has no UTF-16 count: it writes its own text and counts
	 * code points (docs/exchange.md), so "verbinden", at 20-29 in NVivo's
	 * units, leaves at 16-25 with origin codeer */
	CU_ASSERT_EQUAL_FATAL(import_nvivo(root, &r, &st), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_project_open(&p, dir), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_refi_project_xml(&xml, &len, p), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(xml, "origin=\"codeer "));
	CU_ASSERT_PTR_NULL(strstr(xml, "NVivo"));
	CU_ASSERT_PTR_NOT_NULL(strstr(xml, "startPosition=\"16\" endPosition=\"25\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(xml, "startPosition=\"5\" endPosition=\"9\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(xml, "startPosition=\"13\" endPosition=\"15\""));
	CU_ASSERT_PTR_NULL(strstr(xml, "startPosition=\"20\""));
	free(xml);
	cdr_project_free(p);
	free(dir);
	test_rm_rf(root);
	free(root);
}

static void test_exchange_pos_other_line_ends(void)
{
	/* a lone CR and U+2028 each become one LF: one for one */
	cdr_refi_posmap *m = map_of("a\rb\xE2\x80\xA8" "c", 0);

	CU_ASSERT_EQUAL(cdr_refi_posmap_length(m), 5);
	for (size_t i = 0; i <= 5; i++)
		CU_ASSERT_EQUAL(cdr_refi_posmap_get(m, i), (long)i);
	CU_ASSERT_STRING_EQUAL(cdr_refi_posmap_text(m, NULL), "a\nb\nc");
	cdr_refi_posmap_free(m);
}

static void test_exchange_pos_refuses_nul_and_bad_utf8(void)
{
	cdr_refi_posmap *m = NULL;

	CU_ASSERT_EQUAL(cdr_refi_posmap_new(&m, "a\0b", 3, 0, "t"), CDR_EFORMAT);
	CU_ASSERT_PTR_NULL(m);
	CU_ASSERT_EQUAL(cdr_refi_posmap_new(&m, "a\xFF", 2, 0, "t"), CDR_EENCODING);
	CU_ASSERT_PTR_NULL(m);
}

static void test_exchange_pos_nomem(void)
{
	for (long n = 0; n < 40; n++) {
		cdr_refi_posmap *m = NULL;
		int rc;
		cdr_alloc_fail_after(n);
		rc = cdr_refi_posmap_new(&m, "cafe\xCC\x81\r\nx", 9, 0, "t");
		cdr_alloc_fail_after(-1);
		if (rc == 0) {
			cdr_refi_posmap_free(m);
			break;
		}
		CU_ASSERT_EQUAL(rc, CDR_ENOMEM);
		CU_ASSERT_PTR_NULL(m);
	}
}

static void test_exchange_description_round_trip(void)
{
	char *d = refi_code_description("Def.", "In.", "", "Ex.", "Label"), *a, *b, *c, *e;

	CU_ASSERT_STRING_EQUAL(d, "Def.\n\nInclude: In.\n\nExample: Ex.");
	CU_ASSERT_EQUAL(refi_code_description_split(d, "Label", &a, &b, &c, &e), 0);
	CU_ASSERT_STRING_EQUAL(a, "Def.");
	CU_ASSERT_STRING_EQUAL(b, "In.");
	CU_ASSERT_STRING_EQUAL(c, "");
	CU_ASSERT_STRING_EQUAL(e, "Ex.");
	free(d), free(a), free(b), free(c), free(e);
	/* a definition that is the label: no Description, and none gives the label */
	d = refi_code_description("Label", "", "", "", "Label");
	CU_ASSERT_STRING_EQUAL(d, "");
	CU_ASSERT_EQUAL(refi_code_description_split(NULL, "Label", &a, &b, &c, &e), 0);
	CU_ASSERT_STRING_EQUAL(a, "Label");
	free(d), free(a), free(b), free(c), free(e);
}

static void test_exchange_slug(void)
{
	char *s = refi_slug("Baken 1: één vraag!", "x", 40);

	CU_ASSERT_STRING_EQUAL(s, "Baken-1-een-vraag");
	free(s);
	s = refi_slug("   ", "codes", 40);
	CU_ASSERT_STRING_EQUAL(s, "codes");
	free(s);
	s = refi_slug("een heel lange naam van een code die niet past", "x", 20);
	CU_ASSERT_STRING_EQUAL(s, "een-heel-lange-naam");
	free(s);
}

static void test_exchange_value_type(void)
{
	const char *ints[] = { "1", "", "-20" }, *floats[] = { "1", "2.5" }, *bools[] = { "true", "false" },
		   *dates[] = { "2024-03-01" }, *text[] = { "Zwolle", "3" };

	CU_ASSERT_STRING_EQUAL(refi_value_type(ints, 3), "Integer");
	CU_ASSERT_STRING_EQUAL(refi_value_type(floats, 2), "Float");
	CU_ASSERT_STRING_EQUAL(refi_value_type(bools, 2), "Boolean");
	CU_ASSERT_STRING_EQUAL(refi_value_type(dates, 1), "Date");
	CU_ASSERT_STRING_EQUAL(refi_value_type(text, 2), "Text");
	CU_ASSERT_STRING_EQUAL(refi_value_type(NULL, 0), "Text");
}

/* ---- a project to export ------------------------------------------------ */

static cdr_project *sample_project(char **root)
{
	cdr_project *p = test_new_project(root);
	char *txt = test_join(*root, "gesprek.txt");
	const char *paths[] = { txt };
	const char *attrs[] = { "gemeente=Zwolle", "ronde=2" };
	cdr_add_options opts = { 0 };
	cdr_codings *c = NULL;

	/* CRLF, a BOM, a combining accent and a character outside the BMP */
	test_write_file(txt, "\xEF\xBB\xBFI: Hoe gaat het?\r\nR: Goed, cafe\xCC\x81 \xF0\x9F\x98\x80 en verbinden.\r\n");
	opts.case_id = "anna-b";
	opts.attrs = attrs;
	opts.nattrs = 2;
	CU_ASSERT_EQUAL_FATAL(cdr_project_add(p, paths, 1, &opts, NULL, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_schemes_install(p, test_path("tests/data/schemes/mini.xml"), 0, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_load(&c, p, "anna", NULL, NULL), 0);
	CU_ASSERT_EQUAL(cdr_codings_append(c, "gesprek", 19, 32, "mini/VB", "manual", "2025-01-02T03:04:05Z", "twijfel", ""), 0);
	CU_ASSERT_EQUAL(cdr_codings_append(c, "gesprek", 0, 16, "mini/VB", "manual", "2025-01-02T03:04:05Z", "", "rejected"), 0);
	CU_ASSERT_EQUAL(cdr_codings_save(c), 0);
	cdr_codings_free(c);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_load(&c, p, "bob", NULL, NULL), 0);
	CU_ASSERT_EQUAL(cdr_codings_append(c, "gesprek", 17, 33, "mini/VB", "manual", "2025-01-02T03:04:06Z", "", ""), 0);
	CU_ASSERT_EQUAL(cdr_codings_save(c), 0);
	cdr_codings_free(c);
	CU_ASSERT_EQUAL(cdr_memo_set(p, CDR_MEMO_DOC, "gesprek", "Gesprek in de wijk.", 0), 0);
	CU_ASSERT_EQUAL(cdr_memo_set(p, CDR_MEMO_CODE, "mini/VB", "Alleen sociale verbindingen.", 0), 0);
	CU_ASSERT_EQUAL(cdr_memo_set(p, CDR_MEMO_CASE, "anna-b", "Wijkteam zuid.", 0), 0);
	free(txt);
	return p;
}

/* Validate with libxml2 against the schema file in the source tree. */
static int valid_against(const char *xml, size_t len, const char *xsd_file)
{
	xmlSchemaParserCtxtPtr pctx = xmlSchemaNewParserCtxt(test_path(xsd_file));
	xmlSchemaPtr schema = xmlSchemaParse(pctx);
	xmlSchemaValidCtxtPtr vctx = schema ? xmlSchemaNewValidCtxt(schema) : NULL;
	xmlDocPtr doc = xmlReadMemory(xml, (int)len, "export.xml", NULL, XML_PARSE_NONET);
	int ok = vctx && doc && xmlSchemaValidateDoc(vctx, doc) == 0;

	xmlFreeDoc(doc);
	xmlSchemaFreeValidCtxt(vctx);
	xmlSchemaFree(schema);
	xmlSchemaFreeParserCtxt(pctx);
	return ok;
}

/* GUIDs replaced by their order of first appearance: "apart from GUID order". */
static char *canon(const char *xml)
{
	char seen[512][37];
	size_t nseen = 0, n = strlen(xml), k = 0;
	char *out = malloc(n + 1);

	for (size_t i = 0; i < n;) {
		int is_guid = i + 36 <= n;
		for (size_t j = 0; j < 36 && is_guid; j++) {
			char c = xml[i + j];
			is_guid = (j == 8 || j == 13 || j == 18 || j == 23) ? c == '-' :
				  ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
		}
		if (!is_guid) {
			out[k++] = xml[i++];
			continue;
		}
		size_t s;
		for (s = 0; s < nseen && memcmp(seen[s], xml + i, 36) != 0; s++)
			;
		if (s == nseen && nseen < 512)
			memcpy(seen[nseen++], xml + i, 36);
		k += (size_t)sprintf(out + k, "G%zu", s);
		i += 36;
	}
	out[k] = '\0';
	return out;
}

static void test_exchange_export_valid(void)
{
	char *root, *xml = NULL;
	size_t len = 0;
	cdr_project *p = sample_project(&root);

	CU_ASSERT_EQUAL_FATAL(cdr_refi_project_xml(&xml, &len, p), 0);
	CU_ASSERT(valid_against(xml, len, "src/lib/exchange/Project-mrt2019.xsd"));
	/* a rejected coding is not exported; both coders are users */
	CU_ASSERT_PTR_NULL(strstr(xml, "startPosition=\"0\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(xml, "name=\"anna\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(xml, "name=\"bob\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(xml, "<IntegerValue>2</IntegerValue>"));
	free(xml);
	CU_ASSERT_EQUAL_FATAL(cdr_refi_codebook_xml(&xml, &len, p), 0);
	CU_ASSERT(valid_against(xml, len, "src/lib/exchange/Codebook.xsd"));
	free(xml);
	test_project_done(p, root);
}

/* Every file of project b is in a, with the same bytes (a .meta's time of
 * adding aside), and a has no file b lacks; codeer.toml (its time of
 * creation) and the lock are left out. Returns the files compared. */
static size_t same_tree(const char *a, const char *b, const char *rel)
{
	char *da = rel[0] ? test_join(a, rel) : strdup(a), *db = rel[0] ? test_join(b, rel) : strdup(b);
	DIR *d = opendir(da);
	struct dirent *e;
	size_t n = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	while ((e = readdir(d)) != NULL) {
		char sub[1024], *pa, *pb, *ta, *tb;
		size_t la = 0, lb = 0;
		struct stat st;
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 || strcmp(e->d_name, ".codeer.lock") == 0 ||
		    strcmp(e->d_name, "codeer.toml") == 0)
			continue;
		snprintf(sub, sizeof(sub), "%s%s%s", rel, rel[0] ? "/" : "", e->d_name);
		pa = test_join(a, sub);
		pb = test_join(b, sub);
		CU_ASSERT_EQUAL(stat(pa, &st), 0);
		if (S_ISDIR(st.st_mode)) {
			n += same_tree(a, b, sub);
		} else {
			ta = test_slurp_opt(pa, &la);
			tb = test_slurp_opt(pb, &lb);
			CU_ASSERT_PTR_NOT_NULL(tb);
			if (ta && tb && strstr(sub, ".meta")) {
				char *x = strstr(ta, "\nadded\t"), *y = strstr(tb, "\nadded\t");
				if (x && y)
					memset(x, ' ', 29), memset(y, ' ', 29);
			}
			if (ta && tb && strcmp(ta, tb) != 0) {
				fprintf(stderr, "\n%s differs:\n%s\n---\n%s\n", sub, ta, tb);
				CU_FAIL("a file of the project differs");
			}
			free(ta);
			free(tb);
			n++;
		}
		free(pa);
		free(pb);
	}
	closedir(d);
	free(da);
	free(db);
	return n;
}

static void same_project(const char *a, const char *b)
{
	CU_ASSERT(same_tree(a, b, "") >= 8);
	CU_ASSERT(same_tree(b, a, "") >= 8);
}

static void test_exchange_round_trips(void)
{
	char *root, *xml1 = NULL, *xml2 = NULL, *c1, *c2, path[4096], p2dir[4096], p3dir[4096], out2[4096];
	size_t len;
	cdr_project *p = sample_project(&root), *p2 = NULL;
	cdr_refi_stats st;

	snprintf(path, sizeof(path), "%s/x", root);
	mkdir(path, 0777);
	snprintf(path, sizeof(path), "%s/x/e.qdpx", root);
	CU_ASSERT_EQUAL_FATAL(cdr_refi_export_qdpx(p, path), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_refi_project_xml(&xml1, &len, p), 0);
	snprintf(p2dir, sizeof(p2dir), "%s/p2", root);
	CU_ASSERT_EQUAL_FATAL(cdr_refi_import_qdpx(path, p2dir, NULL, NULL, &st), 0);
	CU_ASSERT_EQUAL(st.left_out, 0);
	CU_ASSERT_EQUAL(st.codings, 2);
	CU_ASSERT_EQUAL_FATAL(cdr_project_open(&p2, p2dir), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_refi_project_xml(&xml2, &len, p2), 0);
	/* export, import, export: the same XML apart from the GUIDs */
	c1 = canon(xml1);
	c2 = canon(xml2);
	CU_ASSERT_STRING_EQUAL(c1, c2);
	free(c1), free(c2), free(xml1), free(xml2);
	/* import, export, import: the same project */
	snprintf(out2, sizeof(out2), "%s/y", root);
	mkdir(out2, 0777);
	snprintf(out2, sizeof(out2), "%s/y/e.qdpx", root);
	CU_ASSERT_EQUAL_FATAL(cdr_refi_export_qdpx(p2, out2), 0);
	snprintf(p3dir, sizeof(p3dir), "%s/p3", root);
	CU_ASSERT_EQUAL_FATAL(cdr_refi_import_qdpx(out2, p3dir, NULL, NULL, &st), 0);
	same_project(p2dir, p3dir);
	cdr_project_free(p2);
	test_project_done(p, root);
}

static void test_exchange_failed_import_leaves_nothing(void)
{
	char *root = (char *)test_tmpdir(), *qdpx, *dir;
	cdr_refi_stats st;
	DIR *d;
	struct dirent *e;
	size_t entries = 0;

	root = strdup(root);
	qdpx = test_join(root, "kapot.qdpx");
	dir = test_join(root, "nieuw");
	test_write_file(qdpx, "PK\x03\x04 not really a zip");
	CU_ASSERT_EQUAL(cdr_refi_import_qdpx(qdpx, dir, NULL, NULL, &st), CDR_EFORMAT);
	/* only the file itself is there: no project, no temporary directory */
	d = opendir(root);
	while ((e = readdir(d)) != NULL)
		entries += e->d_name[0] != '.' || strncmp(e->d_name, ".codeer", 7) == 0;
	closedir(d);
	CU_ASSERT_EQUAL(entries, 1);
	free(qdpx);
	free(dir);
	test_rm_rf(root);
	free(root);
}

void test_exchange_register(void)
{
	CU_pSuite s = CU_add_suite("exchange", NULL, NULL);

	CU_add_test(s, "pos_plain", test_exchange_pos_plain);
	CU_add_test(s, "pos_crlf_counts_two", test_exchange_pos_crlf_counts_two);
	CU_add_test(s, "pos_crlf_counts_one_for_atlas", test_exchange_pos_crlf_counts_one_for_atlas);
	CU_add_test(s, "pos_bom_not_counted", test_exchange_pos_bom_not_counted);
	CU_add_test(s, "pos_combining_joined", test_exchange_pos_combining_joined);
	CU_add_test(s, "pos_combining_kept", test_exchange_pos_combining_kept);
	CU_add_test(s, "pos_outside_bmp_is_one", test_exchange_pos_outside_bmp_is_one);
	CU_add_test(s, "pos_utf16_emoji_around_selection", test_exchange_pos_utf16_emoji_around_selection);
	CU_add_test(s, "pos_utf16_between_halves_has_no_place", test_exchange_pos_utf16_between_halves_has_no_place);
	CU_add_test(s, "pos_utf16_with_crlf_and_bom", test_exchange_pos_utf16_with_crlf_and_bom);
	CU_add_test(s, "pos_utf16_with_combining", test_exchange_pos_utf16_with_combining);
	CU_add_test(s, "import_nvivo_utf16", test_exchange_import_nvivo_utf16);
	CU_add_test(s, "import_nvivo_exports_code_points", test_exchange_import_nvivo_exports_code_points);
	CU_add_test(s, "pos_other_line_ends", test_exchange_pos_other_line_ends);
	CU_add_test(s, "pos_refuses_nul_and_bad_utf8", test_exchange_pos_refuses_nul_and_bad_utf8);
	CU_add_test(s, "pos_nomem", test_exchange_pos_nomem);
	CU_add_test(s, "description_round_trip", test_exchange_description_round_trip);
	CU_add_test(s, "slug", test_exchange_slug);
	CU_add_test(s, "value_type", test_exchange_value_type);
	CU_add_test(s, "export_valid", test_exchange_export_valid);
	CU_add_test(s, "round_trips", test_exchange_round_trips);
	CU_add_test(s, "failed_import_leaves_nothing", test_exchange_failed_import_leaves_nothing);
}
