/* utf8.c -- code-point arithmetic on valid UTF-8, through ICU's macros.
 * Users see code-point offsets; PCRE2 and the files work in bytes; these
 * helpers convert between the two. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/utf8.h>

#include "codeer/text.h"
#include "util/alloc.h"

size_t cdr_utf8_count(const char *s, size_t n)
{
	size_t count = 0;

	for (size_t i = 0; i < n; i++)
		count += !U8_IS_TRAIL((uint8_t)s[i]);
	return count;
}

/* From byte i (a character's start), the byte `cp` characters on. Runs
 * of ASCII, most of a Dutch transcript, go eight bytes at a time. */
static size_t skip_cps(const char *s, size_t n, size_t i, size_t *cp)
{
	while (i < n && *cp > 0) {
		uint64_t w;
		if (*cp >= 8 && i + 8 <= n) {
			memcpy(&w, s + i, 8);
			if ((w & UINT64_C(0x8080808080808080)) == 0) {
				i += 8;
				*cp -= 8;
				continue;
			}
		}
		i++;
		while (i < n && U8_IS_TRAIL((uint8_t)s[i]))
			i++;
		(*cp)--;
	}
	return i;
}

size_t cdr_utf8_offset(const char *s, size_t n, size_t cp)
{
	return skip_cps(s, n, 0, &cp);
}

void cdr_cp_cursor_init(cdr_cp_cursor *c, const char *text, size_t len)
{
	c->text = text;
	c->len = len;
	c->byte = 0;
	c->cp = 0;
}

size_t cdr_cp_cursor_at(cdr_cp_cursor *c, size_t byte)
{
	if (byte > c->len)
		byte = c->len;
	if (byte < c->byte) {
		c->byte = 0;
		c->cp = 0;
	}
	c->cp += cdr_utf8_count(c->text + c->byte, byte - c->byte);
	c->byte = byte;
	return c->cp;
}

size_t cdr_cp_cursor_byte(cdr_cp_cursor *c, size_t cp)
{
	size_t ahead;

	if (cp < c->cp) {
		c->byte = 0;
		c->cp = 0;
	}
	ahead = cp - c->cp;
	c->byte = skip_cps(c->text, c->len, c->byte, &ahead);
	/* what is left of `ahead` lay beyond the end */
	c->cp = cp - ahead;
	return c->byte;
}

char *cdr_text_preview(const char *s, size_t n, size_t max_cp)
{
	char *out = cdr_malloc(n + 4), *w = out;
	size_t cps = 0, i = 0;

	if (out == NULL)
		return NULL;
	while (i < n && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t'))
		i++;
	while (i < n) {
		if (s[i] == ' ' || s[i] == '\n' || s[i] == '\t') {
			while (i < n && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t'))
				i++;
			if (i < n)
				*w++ = ' ', cps++;
			continue;
		}
		if (cps >= max_cp) {
			while (w > out && w[-1] == ' ')
				w--;
			memcpy(w, "\xE2\x80\xA6", 3); /* … */
			w += 3;
			break;
		}
		do
			*w++ = s[i++];
		while (i < n && U8_IS_TRAIL((uint8_t)s[i]));
		cps++;
	}
	*w = '\0';
	return out;
}
