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
#include "util/alloc.h"

struct cdr_segmenter {
	UBreakIterator *sentence;
	UBreakIterator *word;
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
	"zgn.", NULL
};

int cdr_segmenter_new(cdr_segmenter **out, const char *locale)
{
	UErrorCode err = U_ZERO_ERROR;
	char loc[64];
	cdr_segmenter *seg;

	if ((seg = cdr_calloc(1, sizeof(*seg))) == NULL)
		return CDR_ENOMEM;
	/* "ss=standard" adds ICU's own abbreviation suppressions where it has them. */
	snprintf(loc, sizeof(loc), "%s@ss=standard", locale ? locale : "nl");
	seg->sentence = ubrk_open(UBRK_SENTENCE, loc, NULL, 0, &err);
	if (U_SUCCESS(err))
		seg->word = ubrk_open(UBRK_WORD, locale ? locale : "nl", NULL, 0, &err);
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
	if (seg->word)
		ubrk_close(seg->word);
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
	for (const char *const *a = abbreviations; *a; a++)
		if (strcmp(token, *a) == 0)
			return 1;
	return 0;
}

/* Walks UTF-16 indices forward and reports the matching UTF-8 byte offset. */
struct u16_cursor {
	const UChar *u;
	int32_t len;
	int32_t pos;
	size_t byte;
};

static size_t u16_to_byte(struct u16_cursor *c, int32_t target)
{
	while (c->pos < target) {
		UChar32 ch;
		U16_NEXT(c->u, c->pos, c->len, ch);
		c->byte += U8_LENGTH(ch);
	}
	return c->byte;
}

int cdr_segmenter_run(cdr_segmenter *seg, const char *utf8, size_t len,
		      cdr_sentence_cb cb, void *ctx, size_t *words)
{
	UErrorCode err = U_ZERO_ERROR;
	struct u16_cursor cur;
	int32_t ulen, start, b;
	int rc = 0;

	if (len > INT32_MAX / 2)
		return cdr_error_set(CDR_ELIMIT, "paragraph of %zu bytes is too long to segment", len);
	if (cdr_grow((void **)&seg->buf, &seg->cap, len + 1, sizeof(UChar)) < 0)
		return CDR_ENOMEM;
	u_strFromUTF8(seg->buf, (int32_t)seg->cap, &ulen, utf8, (int32_t)len, &err);
	if (U_FAILURE(err))
		return cdr_error_set(CDR_EENCODING, "invalid UTF-8 in text");
	for (int32_t i = 0; i < ulen; i++)
		if (seg->buf[i] == '\n')
			seg->buf[i] = ' ';

	if (words) {
		size_t count = 0;
		ubrk_setText(seg->word, seg->buf, ulen, &err);
		if (U_FAILURE(err))
			return cdr_error_set(CDR_ERROR, "word segmentation failed: %s", u_errorName(err));
		ubrk_first(seg->word);
		while (ubrk_next(seg->word) != UBRK_DONE)
			count += ubrk_getRuleStatus(seg->word) >= UBRK_WORD_NONE_LIMIT;
		*words = count;
	}
	if (cb == NULL)
		return 0;

	ubrk_setText(seg->sentence, seg->buf, ulen, &err);
	if (U_FAILURE(err))
		return cdr_error_set(CDR_ERROR, "sentence segmentation failed: %s", u_errorName(err));
	cur.u = seg->buf;
	cur.len = ulen;
	cur.pos = 0;
	cur.byte = 0;
	start = ubrk_first(seg->sentence);
	while ((b = ubrk_next(seg->sentence)) != UBRK_DONE) {
		int32_t s = start, e = b;
		size_t sb, eb;

		if (b < ulen && ends_with_abbreviation(seg->buf, start, b))
			continue;
		start = b;
		while (s < e && is_space(seg->buf[s]))
			s++;
		while (e > s && is_space(seg->buf[e - 1]))
			e--;
		if (s == e)
			continue;
		sb = u16_to_byte(&cur, s);
		eb = u16_to_byte(&cur, e);
		if ((rc = cb(ctx, sb, eb)) < 0)
			return rc;
	}
	return 0;
}
