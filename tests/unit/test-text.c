/* test-text.c -- the text layer: decoding any encoding to normalised UTF-8,
 * code-point arithmetic, previews, and Dutch sentence/word segmentation. */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codeer/document.h"
#include "codeer/error.h"
#include "codeer/ingest.h"
#include "codeer/text.h"
#include "test.h"

/* ---- decoding --------------------------------------------------------------- */

/* Decode `n` bytes; returns the code, the text through *out (or NULL). */
static int decode(char **out, const char **enc, const char *bytes, size_t n, const char *declared)
{
	size_t len = 0;
	int rc;

	*out = NULL;
	*enc = NULL;
	rc = cdr_text_decode(out, &len, enc, bytes, n, declared, "interview.txt");
	if (rc == 0) {
		CU_ASSERT_PTR_NOT_NULL_FATAL(*out);
		CU_ASSERT_EQUAL(strlen(*out), len); /* NUL-terminated, no NUL inside */
	} else {
		CU_ASSERT_PTR_NULL(*out);
	}
	return rc;
}

static void test_text_decode_utf8_bom_stripped(void)
{
	static const char in[] = "\xEF\xBB\xBFR: co\xC3\xB6rdinatie\n";
	const char *enc;
	char *out;

	CU_ASSERT_EQUAL_FATAL(decode(&out, &enc, in, sizeof(in) - 1, NULL), 0);
	CU_ASSERT_STRING_EQUAL(out, "R: co\xC3\xB6rdinatie\n");
	CU_ASSERT_STRING_EQUAL(enc, "UTF-8");
	free(out);
}

static void test_text_decode_utf8_plain(void)
{
	static const char in[] = "Caf\xC3\xA9 \xE2\x80\x9C" "citaat\xE2\x80\x9D";
	const char *enc;
	char *out;

	CU_ASSERT_EQUAL_FATAL(decode(&out, &enc, in, sizeof(in) - 1, NULL), 0);
	CU_ASSERT_STRING_EQUAL(out, in);
	CU_ASSERT_STRING_EQUAL(enc, "UTF-8");
	free(out);
}

static void test_text_decode_utf16le_bom(void)
{
	/* BOM, then "Hé\n€" in UTF-16LE */
	static const char in[] = "\xFF\xFE" "H\0" "\xE9\0" "\n\0" "\xAC\x20";
	const char *enc;
	char *out;

	CU_ASSERT_EQUAL_FATAL(decode(&out, &enc, in, sizeof(in) - 1, NULL), 0);
	CU_ASSERT_STRING_EQUAL(out, "H\xC3\xA9\n\xE2\x82\xAC");
	CU_ASSERT_STRING_EQUAL(enc, "UTF-16LE");
	free(out);
}

static void test_text_decode_utf16be_bom(void)
{
	static const char in[] = "\xFE\xFF" "\0H" "\0\xE9" "\0\n" "\x20\xAC";
	const char *enc;
	char *out;

	CU_ASSERT_EQUAL_FATAL(decode(&out, &enc, in, sizeof(in) - 1, NULL), 0);
	CU_ASSERT_STRING_EQUAL(out, "H\xC3\xA9\n\xE2\x82\xAC");
	CU_ASSERT_STRING_EQUAL(enc, "UTF-16BE");
	free(out);
}

static void test_text_decode_utf16le_without_bom_ascii_detected(void)
{
	/* ASCII-only text as UTF-16LE without a BOM: half its bytes are NUL,
	 * which is the sign decode.c looks for to detect UTF-16 */
	static const char ascii[] = "Dit is een interview over de wijk, met de wijkcoach.\n";
	char in[2 * sizeof(ascii)];
	const char *enc;
	char *out;
	size_t n = 0;

	for (size_t i = 0; ascii[i]; i++) {
		in[n++] = ascii[i];
		in[n++] = '\0';
	}
	CU_ASSERT_EQUAL_FATAL(decode(&out, &enc, in, n, NULL), 0);
	CU_ASSERT_STRING_EQUAL(out, ascii);
	CU_ASSERT_STRING_EQUAL(enc, "UTF-16LE");
	free(out);
}

static void test_text_decode_utf16le_without_bom_dutch_detected(void)
{
	/* "De coördinatie in de wijk gaat goed.\n" as UTF-16LE, no BOM */
	static const char text[] = "De co\xF6rdinatie in de wijk gaat goed, zegt de wijkcoach.\n";
	char in[2 * sizeof(text)];
	const char *enc;
	char *out;
	size_t n = 0;

	for (size_t i = 0; text[i]; i++) {
		in[n++] = text[i];
		in[n++] = '\0';
	}
	CU_ASSERT_EQUAL_FATAL(decode(&out, &enc, in, n, NULL), 0);
	CU_ASSERT_STRING_EQUAL(out, "De co\xC3\xB6rdinatie in de wijk gaat goed, zegt de wijkcoach.\n");
	CU_ASSERT_STRING_EQUAL(enc, "UTF-16LE");
	free(out);
}

static void test_text_decode_cp1252_detected(void)
{
	static const char in[] = "co\xF6rdinatie \x93" "citaat\x94 \x85 caf\xE9";
	const char *enc;
	char *out;

	CU_ASSERT_EQUAL_FATAL(decode(&out, &enc, in, sizeof(in) - 1, NULL), 0);
	CU_ASSERT_STRING_EQUAL(out, "co\xC3\xB6rdinatie \xE2\x80\x9C" "citaat\xE2\x80\x9D \xE2\x80\xA6 caf\xC3\xA9");
	CU_ASSERT_STRING_EQUAL(enc, "windows-1252");
	free(out);
}

static void test_text_decode_cp1252_declared(void)
{
	static const char in[] = "co\xF6rdinatie \x93" "citaat\x94";
	const char *enc;
	char *out;

	CU_ASSERT_EQUAL_FATAL(decode(&out, &enc, in, sizeof(in) - 1, "windows-1252"), 0);
	CU_ASSERT_STRING_EQUAL(out, "co\xC3\xB6rdinatie \xE2\x80\x9C" "citaat\xE2\x80\x9D");
	CU_ASSERT_STRING_EQUAL(enc, "windows-1252");
	free(out);
}

static void test_text_decode_latin1_declared(void)
{
	static const char in[] = "Cli\xEBnt in Zw\xF6lle, caf\xE9";
	const char *enc;
	char *out;

	CU_ASSERT_EQUAL_FATAL(decode(&out, &enc, in, sizeof(in) - 1, "ISO-8859-1"), 0);
	CU_ASSERT_STRING_EQUAL(out, "Cli\xC3\xABnt in Zw\xC3\xB6lle, caf\xC3\xA9");
	CU_ASSERT_STRING_EQUAL(enc, "ISO-8859-1");
	free(out);
}

static void test_text_decode_declared_overrides_utf8_guess(void)
{
	/* Valid UTF-8 bytes, but the user says they are Windows-1252. */
	static const char in[] = "caf\xC3\xA9";
	const char *enc;
	char *out;

	CU_ASSERT_EQUAL_FATAL(decode(&out, &enc, in, sizeof(in) - 1, "windows-1252"), 0);
	CU_ASSERT_STRING_EQUAL(out, "caf\xC3\x83\xC2\xA9");
	free(out);
}

static void test_text_decode_unknown_encoding(void)
{
	const char *enc;
	char *out;

	CU_ASSERT_EQUAL(decode(&out, &enc, "abc", 3, "klingon-8"), CDR_EUSAGE);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "klingon-8"));
}

static void test_text_decode_invalid_utf8_declared(void)
{
	static const char in[] = "Regel een\nRegel twee\nRegel \xFF drie\n";
	size_t at = (size_t)(strchr(in, '\xFF') - in);
	char expect[64];
	const char *enc;
	char *out;

	CU_ASSERT_EQUAL(decode(&out, &enc, in, sizeof(in) - 1, "UTF-8"), CDR_EENCODING);
	snprintf(expect, sizeof(expect), "byte offset %zu", at);
	CU_ASSERT_EQUAL(at, 27);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), expect));
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "line 3"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "interview.txt"));
}

static void test_text_decode_invalid_utf8_after_bom(void)
{
	/* the offset counts the BOM: it is an offset into the file */
	static const char in[] = "\xEF\xBB\xBF" "ab\ncd\xC3(";
	const char *enc;
	char *out;

	CU_ASSERT_EQUAL(decode(&out, &enc, in, sizeof(in) - 1, NULL), CDR_EENCODING);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "byte offset 8"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "line 2"));
}

static void test_text_decode_invalid_cp1252_declared_utf16(void)
{
	/* an odd number of bytes cannot be UTF-16 */
	static const char in[] = "\xFF\xFE" "a\0b";
	const char *enc;
	char *out;

	CU_ASSERT_EQUAL(decode(&out, &enc, in, sizeof(in) - 1, NULL), CDR_EENCODING);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "interview.txt"));
}

static void test_text_decode_invalid_utf16_offset_counts_bom(void)
{
	/* BOM, "a\nb", an unpaired low surrogate at file offset 8, "c" */
	static const char in[] = "\xFF\xFE" "a\0\n\0b\0" "\x00\xDC" "c\0";
	const char *enc;
	char *out;

	CU_ASSERT_EQUAL(decode(&out, &enc, in, sizeof(in) - 1, NULL), CDR_EENCODING);
	/* like the UTF-8 message, the offset is one into the file */
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "byte offset 8"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "line 2"));
}

static void test_text_decode_nul_is_format_error(void)
{
	static const char in[] = "I: hallo\n\nR: da\0g";
	const char *enc;
	char *out;

	CU_ASSERT_EQUAL(decode(&out, &enc, in, sizeof(in) - 1, NULL), CDR_EFORMAT);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "interview.txt"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "NUL"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "line 3"));
}

static void test_text_decode_line_endings(void)
{
	static const char in[] = "een\r\ntwee\rdrie\n\r\nvier\r";
	const char *enc;
	char *out;

	CU_ASSERT_EQUAL_FATAL(decode(&out, &enc, in, sizeof(in) - 1, NULL), 0);
	CU_ASSERT_STRING_EQUAL(out, "een\ntwee\ndrie\n\nvier\n");
	free(out);
}

static void test_text_decode_line_endings_utf16(void)
{
	static const char in[] = "\xFF\xFE" "a\0\r\0\n\0b\0\r\0c\0";
	const char *enc;
	char *out;

	CU_ASSERT_EQUAL_FATAL(decode(&out, &enc, in, sizeof(in) - 1, NULL), 0);
	CU_ASSERT_STRING_EQUAL(out, "a\nb\nc");
	free(out);
}

static void test_text_decode_nfd_becomes_nfc(void)
{
	/* "Café en idée" with combining acute accents (NFD) */
	static const char in[] = "Cafe\xCC\x81 en ide\xCC\x81" "e";
	const char *enc;
	char *out;

	CU_ASSERT_EQUAL_FATAL(decode(&out, &enc, in, sizeof(in) - 1, NULL), 0);
	CU_ASSERT_STRING_EQUAL(out, "Caf\xC3\xA9 en id\xC3\xA9" "e");
	CU_ASSERT_EQUAL(cdr_utf8_count(out, strlen(out)), 12);
	free(out);
}

static void test_text_nfd_document_offsets_count_code_points(void)
{
	static const char in[] = "R: Cafe\xCC\x81 is dicht.\n\nI: Nee.\n";
	cdr_document *doc = NULL;
	const cdr_turn *t;
	char *s;

	CU_ASSERT_EQUAL_FATAL(cdr_ingest_bytes(&doc, in, sizeof(in) - 1, "nfd.txt", NULL), 0);
	CU_ASSERT_EQUAL(cdr_document_length(doc), 27); /* NFC: one code point for é */
	CU_ASSERT_EQUAL_FATAL(cdr_document_turn_count(doc), 2);
	t = cdr_document_turn(doc, 0);
	CU_ASSERT_EQUAL(t->span.start, 3);
	CU_ASSERT_EQUAL(t->span.end, 17);
	t = cdr_document_turn(doc, 1);
	CU_ASSERT_EQUAL(t->span.start, 22);
	CU_ASSERT_EQUAL(t->span.end, 26);
	s = cdr_document_slice(doc, cdr_document_turn(doc, 0)->span);
	CU_ASSERT_STRING_EQUAL(s, "Caf\xC3\xA9 is dicht.");
	free(s);
	cdr_document_free(doc);
}

static void test_text_normalize_already_nfc(void)
{
	static const char in[] = "co\xC3\xB6rdinatie\r\n";
	char *out = NULL;
	size_t len = 0;

	CU_ASSERT_EQUAL_FATAL(cdr_text_normalize(&out, &len, in, sizeof(in) - 1), 0);
	CU_ASSERT_STRING_EQUAL(out, "co\xC3\xB6rdinatie\n");
	CU_ASSERT_EQUAL(len, 13);
	free(out);
}

/* ---- code points ---------------------------------------------------------------- */

/* "a", "é" (2 bytes), "€" (3), U+1D11E (4), "b": 11 bytes, 5 code points */
static const char mixed[] = "a\xC3\xA9\xE2\x82\xAC\xF0\x9D\x84\x9E" "b";

static void test_text_utf8_count(void)
{
	CU_ASSERT_EQUAL(cdr_utf8_count(mixed, 11), 5);
	CU_ASSERT_EQUAL(cdr_utf8_count(mixed, 3), 2);
	CU_ASSERT_EQUAL(cdr_utf8_count("", 0), 0);
}

static void test_text_utf8_offset(void)
{
	CU_ASSERT_EQUAL(cdr_utf8_offset(mixed, 11, 0), 0);
	CU_ASSERT_EQUAL(cdr_utf8_offset(mixed, 11, 1), 1);
	CU_ASSERT_EQUAL(cdr_utf8_offset(mixed, 11, 2), 3);
	CU_ASSERT_EQUAL(cdr_utf8_offset(mixed, 11, 3), 6);
	CU_ASSERT_EQUAL(cdr_utf8_offset(mixed, 11, 4), 10);
	CU_ASSERT_EQUAL(cdr_utf8_offset(mixed, 11, 5), 11);
	CU_ASSERT_EQUAL(cdr_utf8_offset(mixed, 11, 99), 11); /* clamped */
}

/* The eight-byte ASCII steps of cdr_utf8_offset and the cursor against a
 * character-by-character count, over texts mixing ASCII runs of every
 * length with two-, three- and four-byte characters, every offset in
 * and beyond the text, forward and back. */
static void test_text_utf8_offset_ascii_runs(void)
{
	static const char *const wide[] = { "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9D\x84\x9E" };
	char text[512];
	size_t starts[512], len = 0, ncp = 0, bad = 0;
	unsigned seed = 7;

	while (len < sizeof(text) - 24) {
		size_t run = (seed = seed * 1103515245u + 12345u) >> 16 & 15;
		for (size_t i = 0; i < run; i++) {
			starts[ncp++] = len;
			text[len++] = (char)('a' + i);
		}
		starts[ncp++] = len;
		memcpy(text + len, wide[run % 3], strlen(wide[run % 3]));
		len += strlen(wide[run % 3]);
	}
	starts[ncp] = len;
	CU_ASSERT_TRUE_FATAL(cdr_utf8_valid(text, len, &bad));
	for (size_t from = 0; from <= ncp; from += 37) {
		cdr_cp_cursor cur;
		cdr_cp_cursor_init(&cur, text, len);
		for (size_t cp = 0; cp <= ncp + 9; cp++) {
			size_t want = cp <= ncp ? starts[cp] : len;
			CU_ASSERT_EQUAL(cdr_utf8_offset(text, len, cp), want);
			CU_ASSERT_EQUAL(cdr_cp_cursor_byte(&cur, cp), want);
			if (from <= ncp && cp >= from)
				CU_ASSERT_EQUAL(starts[from] + cdr_utf8_offset(text + starts[from], len - starts[from], cp - from),
						want);
		}
		/* back to an earlier place: the cursor starts over */
		CU_ASSERT_EQUAL(cdr_cp_cursor_byte(&cur, from), starts[from]);
		CU_ASSERT_EQUAL(cdr_cp_cursor_at(&cur, starts[from]), from);
	}
}

static void test_text_utf8_valid(void)
{
	size_t bad = 0;

	CU_ASSERT_TRUE(cdr_utf8_valid(mixed, 11, &bad));
	CU_ASSERT_FALSE(cdr_utf8_valid("ab\xC3", 3, &bad)); /* truncated sequence */
	CU_ASSERT_EQUAL(bad, 2);
	CU_ASSERT_FALSE(cdr_utf8_valid("a\xC0\xAF", 3, &bad)); /* overlong "/" */
	CU_ASSERT_EQUAL(bad, 1);
	CU_ASSERT_FALSE(cdr_utf8_valid("\xED\xA0\x80", 3, &bad)); /* surrogate */
	CU_ASSERT_EQUAL(bad, 0);
}

static void test_text_cp_cursor(void)
{
	cdr_cp_cursor c;

	cdr_cp_cursor_init(&c, mixed, 11);
	CU_ASSERT_EQUAL(cdr_cp_cursor_at(&c, 0), 0);
	CU_ASSERT_EQUAL(cdr_cp_cursor_at(&c, 3), 2);
	CU_ASSERT_EQUAL(cdr_cp_cursor_at(&c, 6), 3);
	CU_ASSERT_EQUAL(cdr_cp_cursor_at(&c, 11), 5);
	/* going back restarts */
	CU_ASSERT_EQUAL(cdr_cp_cursor_at(&c, 1), 1);
	CU_ASSERT_EQUAL(cdr_cp_cursor_at(&c, 10), 4);
	/* past the end is clamped */
	CU_ASSERT_EQUAL(cdr_cp_cursor_at(&c, 500), 5);
}

/* ---- previews ------------------------------------------------------------------- */

static void test_text_preview_collapses_white_space(void)
{
	static const char in[] = "  Een\n\n  twee\tdrie  \n";
	char *p = cdr_text_preview(in, sizeof(in) - 1, 100);

	CU_ASSERT_STRING_EQUAL(p, "Een twee drie");
	free(p);
}

static void test_text_preview_cut_with_ellipsis(void)
{
	static const char in[] = "Dit is een lange zin";
	char *p = cdr_text_preview(in, sizeof(in) - 1, 6);

	CU_ASSERT_STRING_EQUAL(p, "Dit is\xE2\x80\xA6");
	free(p);
}

static void test_text_preview_cut_counts_code_points(void)
{
	static const char in[] = "Co\xC3\xB6rdinatie is lastig";
	char *p = cdr_text_preview(in, sizeof(in) - 1, 5);

	CU_ASSERT_STRING_EQUAL(p, "Co\xC3\xB6rd\xE2\x80\xA6");
	free(p);
}

static void test_text_preview_exact_length_not_cut(void)
{
	char *p = cdr_text_preview("abcdef", 6, 6);

	CU_ASSERT_STRING_EQUAL(p, "abcdef");
	free(p);
}

/* ---- segmentation --------------------------------------------------------------- */

struct sentences {
	const char *text;
	char *s[32];
	size_t n;
};

static int collect(void *ctx, size_t a, size_t b)
{
	struct sentences *st = ctx;
	size_t len = strlen(st->text);

	/* the segmenter reports code points: turn them into bytes */
	a = cdr_utf8_offset(st->text, len, a);
	b = cdr_utf8_offset(st->text, len, b);
	if (st->n < 32) {
		st->s[st->n] = malloc(b - a + 1);
		memcpy(st->s[st->n], st->text + a, b - a);
		st->s[st->n][b - a] = '\0';
	}
	st->n++;
	return 0;
}

static void segment(struct sentences *st, const char *text, size_t *words)
{
	cdr_segmenter *seg = NULL;

	memset(st, 0, sizeof(*st));
	st->text = text;
	CU_ASSERT_EQUAL_FATAL(cdr_segmenter_new(&seg, "nl"), 0);
	CU_ASSERT_EQUAL(cdr_segmenter_run(seg, text, strlen(text), collect, st, words), 0);
	cdr_segmenter_free(seg);
}

static void sentences_free(struct sentences *st)
{
	for (size_t i = 0; i < st->n && i < 32; i++)
		free(st->s[i]);
}

static void test_text_segment_abbreviation_bijv(void)
{
	struct sentences st;

	segment(&st, "Dat doen we bijv. Samen met de buurt. En verder.", NULL);
	CU_ASSERT_EQUAL_FATAL(st.n, 2);
	CU_ASSERT_STRING_EQUAL(st.s[0], "Dat doen we bijv. Samen met de buurt.");
	CU_ASSERT_STRING_EQUAL(st.s[1], "En verder.");
	sentences_free(&st);
}

static void test_text_segment_abbreviation_oa(void)
{
	struct sentences st;

	segment(&st, "We werken o.a. Samen met Buurtzorg. Dat gaat goed.", NULL);
	CU_ASSERT_EQUAL_FATAL(st.n, 2);
	CU_ASSERT_STRING_EQUAL(st.s[0], "We werken o.a. Samen met Buurtzorg.");
	sentences_free(&st);
}

static void test_text_segment_abbreviation_dwz(void)
{
	struct sentences st;

	segment(&st, "Het is maatwerk, d.w.z. Ieder gezin krijgt iets anders. Klopt.", NULL);
	CU_ASSERT_EQUAL_FATAL(st.n, 2);
	CU_ASSERT_STRING_EQUAL(st.s[0], "Het is maatwerk, d.w.z. Ieder gezin krijgt iets anders.");
	CU_ASSERT_STRING_EQUAL(st.s[1], "Klopt.");
	sentences_free(&st);
}

static void test_text_segment_initials(void)
{
	struct sentences st;

	segment(&st, "Ik sprak met J. de Vries. Daarna met P. Jansen van de gemeente. Hij was positief.", NULL);
	CU_ASSERT_EQUAL_FATAL(st.n, 3);
	CU_ASSERT_STRING_EQUAL(st.s[0], "Ik sprak met J. de Vries.");
	CU_ASSERT_STRING_EQUAL(st.s[1], "Daarna met P. Jansen van de gemeente.");
	CU_ASSERT_STRING_EQUAL(st.s[2], "Hij was positief.");
	sentences_free(&st);
}

static void test_text_segment_question_and_exclamation(void)
{
	struct sentences st;

	segment(&st, "Hoe gaat het? Goed! En verder gaat alles zijn gang.", NULL);
	CU_ASSERT_EQUAL_FATAL(st.n, 3);
	CU_ASSERT_STRING_EQUAL(st.s[0], "Hoe gaat het?");
	CU_ASSERT_STRING_EQUAL(st.s[1], "Goed!");
	CU_ASSERT_STRING_EQUAL(st.s[2], "En verder gaat alles zijn gang.");
	sentences_free(&st);
}

static void test_text_segment_period_ends_sentence(void)
{
	struct sentences st;

	/* "etc." is not in the list on purpose: it often ends a sentence */
	segment(&st, "We hebben overleg, intervisie etc. Daarna gaan we naar huis.", NULL);
	CU_ASSERT_EQUAL(st.n, 2);
	sentences_free(&st);
}

static void test_text_segment_hard_wrap_is_a_space(void)
{
	struct sentences st;

	segment(&st, "Een zin die over\ntwee regels loopt. Tweede zin.", NULL);
	CU_ASSERT_EQUAL_FATAL(st.n, 2);
	/* offsets point into the original text, newline included */
	CU_ASSERT_STRING_EQUAL(st.s[0], "Een zin die over\ntwee regels loopt.");
	sentences_free(&st);
}

static void test_text_segment_offsets_are_code_points_trimmed(void)
{
	struct sentences st;

	segment(&st, "  Co\xC3\xB6rdinatie is lastig.   Echt waar.  ", NULL);
	CU_ASSERT_EQUAL_FATAL(st.n, 2);
	CU_ASSERT_STRING_EQUAL(st.s[0], "Co\xC3\xB6rdinatie is lastig.");
	CU_ASSERT_STRING_EQUAL(st.s[1], "Echt waar.");
	sentences_free(&st);
}

static void test_text_segment_word_count(void)
{
	struct sentences st;
	size_t words = 0;

	segment(&st, "Dat doen we bijv. Samen met de buurt.", &words);
	CU_ASSERT_EQUAL(words, 8);
	sentences_free(&st);
	segment(&st, "In 2016 waren er 3 teams, zo'n 40 co\xC3\xB6rdinatoren!", &words);
	CU_ASSERT_EQUAL(words, 9);
	sentences_free(&st);
}

static void test_text_segment_words_without_callback(void)
{
	cdr_segmenter *seg = NULL;
	size_t words = 0;
	const char *text = "Euh, nou even kijken... Ja.";

	CU_ASSERT_EQUAL_FATAL(cdr_segmenter_new(&seg, NULL), 0);
	CU_ASSERT_EQUAL(cdr_segmenter_run(seg, text, strlen(text), NULL, NULL, &words), 0);
	CU_ASSERT_EQUAL(words, 5);
	cdr_segmenter_free(seg);
}

/* A callback that fails on the second sentence. */
static int fail_second(void *ctx, size_t a, size_t b)
{
	int *calls = ctx;

	(void)a;
	(void)b;
	return ++*calls == 2 ? CDR_EUSAGE : 0;
}

static void test_text_segment_callback_error_stops(void)
{
	cdr_segmenter *seg = NULL;
	const char *text = "Een. Twee. Drie. Vier.";
	int calls = 0;

	CU_ASSERT_EQUAL_FATAL(cdr_segmenter_new(&seg, "nl"), 0);
	CU_ASSERT_EQUAL(cdr_segmenter_run(seg, text, strlen(text), fail_second, &calls, NULL), CDR_EUSAGE);
	CU_ASSERT_EQUAL(calls, 2);
	cdr_segmenter_free(seg);
}

void test_text_register(void)
{
	CU_pSuite s = CU_add_suite("text", NULL, NULL);

	CU_add_test(s, "decode_utf8_bom_stripped", test_text_decode_utf8_bom_stripped);
	CU_add_test(s, "decode_utf8_plain", test_text_decode_utf8_plain);
	CU_add_test(s, "decode_utf16le_bom", test_text_decode_utf16le_bom);
	CU_add_test(s, "decode_utf16be_bom", test_text_decode_utf16be_bom);
	CU_add_test(s, "decode_utf16le_without_bom_ascii_detected", test_text_decode_utf16le_without_bom_ascii_detected);
	CU_add_test(s, "decode_utf16le_without_bom_dutch_detected", test_text_decode_utf16le_without_bom_dutch_detected);
	CU_add_test(s, "decode_cp1252_detected", test_text_decode_cp1252_detected);
	CU_add_test(s, "decode_cp1252_declared", test_text_decode_cp1252_declared);
	CU_add_test(s, "decode_latin1_declared", test_text_decode_latin1_declared);
	CU_add_test(s, "decode_declared_overrides_utf8_guess", test_text_decode_declared_overrides_utf8_guess);
	CU_add_test(s, "decode_unknown_encoding", test_text_decode_unknown_encoding);
	CU_add_test(s, "decode_invalid_utf8_declared", test_text_decode_invalid_utf8_declared);
	CU_add_test(s, "decode_invalid_utf8_after_bom", test_text_decode_invalid_utf8_after_bom);
	CU_add_test(s, "decode_invalid_cp1252_declared_utf16", test_text_decode_invalid_cp1252_declared_utf16);
	CU_add_test(s, "decode_invalid_utf16_offset_counts_bom", test_text_decode_invalid_utf16_offset_counts_bom);
	CU_add_test(s, "decode_nul_is_format_error", test_text_decode_nul_is_format_error);
	CU_add_test(s, "decode_line_endings", test_text_decode_line_endings);
	CU_add_test(s, "decode_line_endings_utf16", test_text_decode_line_endings_utf16);
	CU_add_test(s, "decode_nfd_becomes_nfc", test_text_decode_nfd_becomes_nfc);
	CU_add_test(s, "nfd_document_offsets_count_code_points", test_text_nfd_document_offsets_count_code_points);
	CU_add_test(s, "normalize_already_nfc", test_text_normalize_already_nfc);
	CU_add_test(s, "utf8_count", test_text_utf8_count);
	CU_add_test(s, "utf8_offset", test_text_utf8_offset);
	CU_add_test(s, "utf8_offset_ascii_runs", test_text_utf8_offset_ascii_runs);
	CU_add_test(s, "utf8_valid", test_text_utf8_valid);
	CU_add_test(s, "cp_cursor", test_text_cp_cursor);
	CU_add_test(s, "preview_collapses_white_space", test_text_preview_collapses_white_space);
	CU_add_test(s, "preview_cut_with_ellipsis", test_text_preview_cut_with_ellipsis);
	CU_add_test(s, "preview_cut_counts_code_points", test_text_preview_cut_counts_code_points);
	CU_add_test(s, "preview_exact_length_not_cut", test_text_preview_exact_length_not_cut);
	CU_add_test(s, "segment_abbreviation_bijv", test_text_segment_abbreviation_bijv);
	CU_add_test(s, "segment_abbreviation_oa", test_text_segment_abbreviation_oa);
	CU_add_test(s, "segment_abbreviation_dwz", test_text_segment_abbreviation_dwz);
	CU_add_test(s, "segment_initials", test_text_segment_initials);
	CU_add_test(s, "segment_question_and_exclamation", test_text_segment_question_and_exclamation);
	CU_add_test(s, "segment_period_ends_sentence", test_text_segment_period_ends_sentence);
	CU_add_test(s, "segment_hard_wrap_is_a_space", test_text_segment_hard_wrap_is_a_space);
	CU_add_test(s, "segment_offsets_are_code_points_trimmed", test_text_segment_offsets_are_code_points_trimmed);
	CU_add_test(s, "segment_word_count", test_text_segment_word_count);
	CU_add_test(s, "segment_words_without_callback", test_text_segment_words_without_callback);
	CU_add_test(s, "segment_callback_error_stops", test_text_segment_callback_error_stops);
}
