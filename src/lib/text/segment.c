/* segment.c -- sentences and words through ICU break iterators, with the
 * Dutch abbreviations that must not end a sentence.
 *
 * UAX #29 breaks after "bijv. Amsterdam" because a capital follows the
 * period; transcripts are full of such abbreviations and of initials
 * ("J. de Vries"), so a boundary right after one of them is dropped.
 * Regions never contain blank lines (the caller splits paragraphs), so a
 * lone newline inside a region is a hard wrap and is read as a space. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include "codeer/error.h"
#include "codeer/text.h"
#include "text/text-internal.h"
#include "util/alloc.h"
#include "util/array.h"

struct cdr_segmenter {
	UBreakIterator *sentence;
	UChar *buf;
	size_t cap;
};

/* Dutch abbreviations that rarely end a sentence ("etc." and "enz." often
 * do, so they are not here). Lower case, with their periods. */
static const char *const abbreviations[] = {
	"a.d.h.v.", "a.s.", "a.u.b.", "b.v.", "bijv.", "blz.", "bv.", "c.q.",
	"ca.", "cf.", "d.m.v.", "d.w.z.", "dhr.", "dr.", "drs.", "e.d.", "e.g.",
	"evt.", "excl.", "i.c.m.", "i.e.", "i.o.m.", "i.p.v.", "i.s.m.", "i.v.m.",
	"incl.", "ing.", "ir.", "jl.", "m.a.w.", "m.b.t.", "m.b.v.", "m.n.",
	"mevr.", "mr.", "mw.", "n.a.v.", "nl.", "nr.", "o.a.", "o.b.v.", "o.i.d.",
	"p.w.", "pag.", "prof.", "resp.", "s.v.p.", "t.a.v.", "t.b.v.", "t.o.v.",
	"t.z.t.", "tel.", "vgl.", "vlgs.", "vnl.", "vs.", "z.g.a.n.", "z.s.m.",
	"zgn."
};
static const size_t n_abbreviations = sizeof(abbreviations) / sizeof(abbreviations[0]);

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Word classes for counting words: a word is a run of letters and digits
 * (with their combining marks), joined across ' ’ . between letters or
 * digits, : · between letters, and , ; between digits -- the joins of
 * UAX #29 (WB6-WB12). The unit tests check that the count equals ICU's
 * word break iterator on the whole corpus; this loop is 3x faster. */
enum { W_OTHER, W_LETTER, W_DIGIT, W_EXTEND, W_MID_LETTER, W_MID_NUM, W_MID_BOTH };

/* Word classes of the ASCII characters (the fast path). */
static const signed char ascii_class[128] = {
	W_OTHER, W_OTHER, W_OTHER, W_OTHER, W_OTHER, W_OTHER, W_OTHER, W_OTHER,
	W_OTHER, W_OTHER, W_OTHER, W_OTHER, W_OTHER, W_OTHER, W_OTHER, W_OTHER,
	W_OTHER, W_OTHER, W_OTHER, W_OTHER, W_OTHER, W_OTHER, W_OTHER, W_OTHER,
	W_OTHER, W_OTHER, W_OTHER, W_OTHER, W_OTHER, W_OTHER, W_OTHER, W_OTHER,
	W_OTHER, W_OTHER, W_OTHER, W_OTHER, W_OTHER, W_OTHER, W_OTHER, W_MID_BOTH,
	W_OTHER, W_OTHER, W_OTHER, W_OTHER, W_MID_NUM, W_OTHER, W_MID_BOTH, W_OTHER,
	W_DIGIT, W_DIGIT, W_DIGIT, W_DIGIT, W_DIGIT, W_DIGIT, W_DIGIT, W_DIGIT,
	W_DIGIT, W_DIGIT, W_MID_LETTER, W_MID_NUM, W_OTHER, W_OTHER, W_OTHER, W_OTHER,
	W_OTHER, W_LETTER, W_LETTER, W_LETTER, W_LETTER, W_LETTER, W_LETTER, W_LETTER,
	W_LETTER, W_LETTER, W_LETTER, W_LETTER, W_LETTER, W_LETTER, W_LETTER, W_LETTER,
	W_LETTER, W_LETTER, W_LETTER, W_LETTER, W_LETTER, W_LETTER, W_LETTER, W_LETTER,
	W_LETTER, W_LETTER, W_LETTER, W_OTHER, W_OTHER, W_OTHER, W_OTHER, W_EXTEND,
	W_OTHER, W_LETTER, W_LETTER, W_LETTER, W_LETTER, W_LETTER, W_LETTER, W_LETTER,
	W_LETTER, W_LETTER, W_LETTER, W_LETTER, W_LETTER, W_LETTER, W_LETTER, W_LETTER,
	W_LETTER, W_LETTER, W_LETTER, W_LETTER, W_LETTER, W_LETTER, W_LETTER, W_LETTER,
	W_LETTER, W_LETTER, W_LETTER, W_OTHER, W_OTHER, W_OTHER, W_OTHER, W_OTHER,
};

static int word_class_slow(UChar32 c)
{
	switch (c) {
	case '\'': case '.': case 0x2018: case 0x2019: case 0x2024: case 0xFE52: case 0xFF07: case 0xFF0E:
		return W_MID_BOTH;
	case ':': case 0xB7: case 0x387: case 0x55F: case 0x5F4: case 0x2027: case 0xFE13: case 0xFE55: case 0xFF1A:
		return W_MID_LETTER;
	case ',': case ';': case 0x37E: case 0x589: case 0x60C: case 0x60D: case 0x66C: case 0x7F8: case 0x2044:
	case 0xFE10: case 0xFE14: case 0xFE50: case 0xFE54: case 0xFF0C: case 0xFF1B:
		return W_MID_NUM;
	case '_': case 0x200D:
		return W_EXTEND;
	}
	switch (u_charType(c)) {
	case U_UPPERCASE_LETTER: case U_LOWERCASE_LETTER: case U_TITLECASE_LETTER:
	case U_MODIFIER_LETTER: case U_OTHER_LETTER: case U_LETTER_NUMBER:
		return W_LETTER;
	case U_DECIMAL_DIGIT_NUMBER:
		return W_DIGIT;
	case U_NON_SPACING_MARK: case U_ENCLOSING_MARK: case U_COMBINING_SPACING_MARK:
	case U_CONNECTOR_PUNCTUATION: case U_FORMAT_CHAR:
		return W_EXTEND;
	default:
		return W_OTHER;
	}
}

static inline int word_class(UChar32 c)
{
	return c < 0x80 ? ascii_class[c] : word_class_slow(c);
}

static int joins(int mid, int before, int after)
{
	if (mid == W_MID_BOTH)
		return before == after && (before == W_LETTER || before == W_DIGIT);
	if (mid == W_MID_LETTER)
		return before == W_LETTER && after == W_LETTER;
	return before == W_DIGIT && after == W_DIGIT;
}

/* One loop for both encodings: NEXT reads a code point at *i. */
#define COUNT_WORDS(NEXT)                                                        \
	size_t words = 0;                                                        \
	int32_t i = 0;                                                           \
	int in_word = 0, last = W_OTHER;                                         \
	while (i < len) {                                                        \
		UChar32 c;                                                       \
		int k;                                                           \
		NEXT(u, i, len, c);                                              \
		k = c < 0 ? W_OTHER : word_class(c);                             \
		if (k == W_LETTER || k == W_DIGIT) {                             \
			words += !in_word;                                       \
			in_word = 1;                                             \
			last = k;                                                \
		} else if (k == W_EXTEND) {                                      \
			continue;                                                \
		} else if (k >= W_MID_LETTER && in_word && i < len) {            \
			int32_t j = i;                                           \
			UChar32 next;                                            \
			NEXT(u, j, len, next);                                   \
			if (next < 0 || !joins(k, last, word_class(next)))       \
				in_word = 0;                                     \
		} else {                                                         \
			in_word = 0;                                             \
		}                                                                \
	}                                                                        \
	return words

size_t cdr_text_words(const char *utf8, size_t n)
{
	const uint8_t *u = (const uint8_t *)utf8;
	int32_t len = n > INT32_MAX ? INT32_MAX : (int32_t)n;
	COUNT_WORDS(U8_NEXT);
}

size_t cdr_count_words(const UChar *u, int32_t len)
{
	COUNT_WORDS(U16_NEXT);
}

/* The same count, turning newlines into spaces on the way, with a fast
 * path for ASCII (the hot loop of ingestion). */
static size_t cdr_count_words_unwrap(UChar *u, int32_t len)
{
	size_t words = 0;
	int32_t i = 0;
	int in_word = 0, last = W_OTHER;

	while (i < len) {
		UChar32 c = u[i];
		int k;
		if (c < 0x80) {
			if (c == '\n')
				u[i] = ' ';
			i++;
			k = ascii_class[c];
		} else {
			U16_NEXT(u, i, len, c);
			k = word_class(c);
		}
		if (k == W_LETTER || k == W_DIGIT) {
			words += !in_word;
			in_word = 1;
			last = k;
		} else if (k == W_EXTEND) {
			continue;
		} else if (k >= W_MID_LETTER && in_word && i < len) {
			int32_t j = i;
			UChar32 next;
			U16_NEXT(u, j, len, next);
			if (!joins(k, last, word_class(next)))
				in_word = 0;
		} else {
			in_word = 0;
		}
	}
	return words;
}

int cdr_segmenter_new(cdr_segmenter **out, const char *locale)
{
	UErrorCode err = U_ZERO_ERROR;
	char loc[64];
	cdr_segmenter *seg;

	if ((seg = cdr_calloc(1, sizeof(*seg))) == NULL)
		return CDR_ENOMEM;
	snprintf(loc, sizeof(loc), "%s", locale ? locale : "nl");
	seg->sentence = ubrk_open(UBRK_SENTENCE, loc, NULL, 0, &err);
	if (U_FAILURE(err)) {
		cdr_segmenter_free(seg);
		return cdr_error_set(CDR_ERROR, "cannot open ICU break iterators: %s", u_errorName(err));
	}
	*out = seg;
	return 0;
}

void cdr_segmenter_free(cdr_segmenter *seg)
{
	if (seg == NULL)
		return;
	if (seg->sentence)
		ubrk_close(seg->sentence);
	free(seg->buf);
	free(seg);
}

static int is_space(UChar c)
{
	return u_isUWhiteSpace(c);
}

/* Does the text before `end` finish with a period that does not end a sentence? */
static int ends_with_abbreviation(const UChar *u, int32_t start, int32_t end)
{
	int32_t e = end, t;
	char token[16];
	int len = 0;

	while (e > start && is_space(u[e - 1]))
		e--;
	if (e <= start || u[e - 1] != '.')
		return 0;
	t = e;
	while (t > start && !is_space(u[t - 1]) && u[t - 1] != '(' && u[t - 1] != '"' &&
	       u[t - 1] != 0x201C && u[t - 1] != 0x2018)
		t--;
	/* An initial: one capital letter and its period ("J. de Vries"). */
	if (e - t == 2 && u_isupper(u[t]))
		return 1;
	if (e - t >= (int32_t)sizeof(token))
		return 0;
	for (int32_t i = t; i < e; i++) {
		UChar32 c = u_tolower(u[i]);
		if (c > 0x7f)
			return 0;
		token[len++] = (char)c;
	}
	token[len] = '\0';
	{
		const char *key = token;
		return cdr_search(&key, abbreviations, n_abbreviations, sizeof(char *), cmp_str) != NULL;
	}
}

/* Walks UTF-16 indices forward and reports the code-point offset: the
 * same index less the surrogate pairs passed (none in most texts). */
struct u16_cursor {
	const UChar *u;
	int32_t pos;
	size_t pairs;
};

static size_t u16_to_cp(struct u16_cursor *c, int32_t target)
{
	for (; c->pos < target; c->pos++)
		c->pairs += U16_IS_TRAIL(c->u[c->pos]) && c->pos > 0 && U16_IS_LEAD(c->u[c->pos - 1]);
	return (size_t)target - c->pairs;
}

int cdr_segmenter_run(cdr_segmenter *seg, const char *utf8, size_t len,
		      cdr_sentence_cb cb, void *ctx, size_t *words)
{
	UErrorCode err = U_ZERO_ERROR;
	int32_t ulen;

	if (len > INT32_MAX / 2)
		return cdr_error_set(CDR_ELIMIT, "paragraph of %zu bytes is too long to segment", len);
	if (cdr_grow((void **)&seg->buf, &seg->cap, len + 1, sizeof(UChar)) < 0)
		return CDR_ENOMEM;
	u_strFromUTF8(seg->buf, (int32_t)seg->cap, &ulen, utf8, (int32_t)len, &err);
	if (U_FAILURE(err))
		return cdr_error_set(CDR_EENCODING, "invalid UTF-8 in text");
	return cdr_segmenter_run16(seg, seg->buf, ulen, cb, ctx, words);
}

int cdr_segmenter_run16(cdr_segmenter *seg, UChar *u, int32_t ulen, int (*cb)(void *, size_t, size_t),
			void *ctx, size_t *words)
{
	UErrorCode err = U_ZERO_ERROR;
	struct u16_cursor cur = { NULL, 0, 0 };
	int32_t start, b;
	int rc = 0;

	/* a lone newline inside a region is a hard wrap: read it as a space */
	if (words)
		*words = cdr_count_words_unwrap(u, ulen);
	else
		for (int32_t i = 0; i < ulen; i++)
			if (u[i] == '\n')
				u[i] = ' ';
	if (cb == NULL)
		return 0;

	ubrk_setText(seg->sentence, u, ulen, &err);
	if (U_FAILURE(err))
		return cdr_error_set(CDR_ERROR, "sentence segmentation failed: %s", u_errorName(err));
	cur.u = u;
	start = ubrk_first(seg->sentence);
	while ((b = ubrk_next(seg->sentence)) != UBRK_DONE) {
		int32_t s = start, e = b;
		size_t sc, ec;

		if (b < ulen && ends_with_abbreviation(u, start, b))
			continue;
		start = b;
		while (s < e && is_space(u[s]))
			s++;
		while (e > s && is_space(u[e - 1]))
			e--;
		if (s == e)
			continue;
		sc = u16_to_cp(&cur, s);
		ec = u16_to_cp(&cur, e);
		if ((rc = cb(ctx, sc, ec)) < 0)
			return rc;
	}
	return 0;
}
