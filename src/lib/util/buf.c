/* buf.c -- growable NUL-terminated byte buffer (see buf.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codeer/error.h"
#include "util/alloc.h"
#include "util/buf.h"

int cdr_buf_grow(cdr_buf *b, size_t extra)
{
	if (extra > ((size_t)-1) - b->len - 1)
		return cdr_error_set(CDR_ENOMEM, "out of memory");
	return cdr_grow((void **)&b->data, &b->cap, b->len + extra + 1, 1);
}

int cdr_buf_put(cdr_buf *b, const void *data, size_t n)
{
	int rc;

	if ((rc = cdr_buf_grow(b, n)) < 0)
		return rc;
	if (n)
		memcpy(b->data + b->len, data, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int cdr_buf_puts(cdr_buf *b, const char *s)
{
	return cdr_buf_put(b, s, strlen(s));
}

int cdr_buf_putc(cdr_buf *b, char c)
{
	return cdr_buf_put(b, &c, 1);
}

int cdr_buf_printf(cdr_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n, rc;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return cdr_error_set(CDR_ERROR, "cannot format text");
	if ((rc = cdr_buf_grow(b, (size_t)n)) < 0)
		return rc;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

int cdr_buf_put_size(cdr_buf *b, size_t v)
{
	char digits[24];
	int n = 0;

	do
		digits[sizeof(digits) - 1 - n++] = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	return cdr_buf_put(b, digits + sizeof(digits) - n, (size_t)n);
}

char *cdr_buf_detach(cdr_buf *b, size_t *len)
{
	char *p = b->data;

	if (p == NULL)
		p = cdr_strdup("");
	if (len)
		*len = b->len;
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

void cdr_buf_free(cdr_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

int cdr_buf_json_string(cdr_buf *b, const char *s)
{
	int rc = cdr_buf_putc(b, '"');

	for (const char *run = s; rc == 0; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		if (s > run)
			rc = cdr_buf_put(b, run, (size_t)(s - run));
		if (rc < 0 || c == '\0')
			break;
		if (c == '"' || c == '\\')
			rc = cdr_buf_printf(b, "\\%c", c);
		else if (c == '\n')
			rc = cdr_buf_puts(b, "\\n");
		else if (c == '\t')
			rc = cdr_buf_puts(b, "\\t");
		else if (c == '\r')
			rc = cdr_buf_puts(b, "\\r");
		else
			rc = cdr_buf_printf(b, "\\u%04x", c);
		run = s + 1;
	}
	return rc < 0 ? rc : cdr_buf_putc(b, '"');
}
