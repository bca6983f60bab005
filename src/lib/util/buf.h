/* buf.h -- a growable byte buffer, always NUL-terminated.
 * Used to build texts, TSV files and messages without fixed limits. */
#ifndef CDR_UTIL_BUF_H
#define CDR_UTIL_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct cdr_buf {
	char *data;
	size_t len;
	size_t cap;
} cdr_buf;

#define CDR_BUF_INIT { NULL, 0, 0 }

int cdr_buf_grow(cdr_buf *b, size_t extra);
int cdr_buf_put(cdr_buf *b, const void *data, size_t n);
int cdr_buf_puts(cdr_buf *b, const char *s);
int cdr_buf_putc(cdr_buf *b, char c);
int cdr_buf_printf(cdr_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* Append a decimal number (the hot path of writing offsets). */
int cdr_buf_put_size(cdr_buf *b, size_t v);
/* Hand the data over to the caller (who frees it) and reset the buffer. */
char *cdr_buf_detach(cdr_buf *b, size_t *len);
void cdr_buf_free(cdr_buf *b);

/* A JSON string (quotes and escapes) as cdr_json_string writes it. */
int cdr_buf_json_string(cdr_buf *b, const char *s);

#endif
