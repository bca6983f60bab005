/* utf8.c -- code-point arithmetic on valid UTF-8, through ICU's macros.
 * Users see code-point offsets; PCRE2 and the files work in bytes; these
 * helpers convert between the two. */
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

size_t cdr_utf8_offset(const char *s, size_t n, size_t cp)
{
	size_t i = 0;

	while (i < n && cp > 0) {
		i++;
		while (i < n && U8_IS_TRAIL((uint8_t)s[i]))
			i++;
		cp--;
	}
	return i;
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
	if (cp < c->cp) {
		c->byte = 0;
		c->cp = 0;
	}
	while (c->cp < cp && c->byte < c->len) {
		c->byte++;
		while (c->byte < c->len && U8_IS_TRAIL((uint8_t)c->text[c->byte]))
			c->byte++;
		c->cp++;
	}
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
