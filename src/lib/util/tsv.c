/* tsv.c -- escaping, splitting and line stepping for TSV project files. */
#include <stdlib.h>
#include <string.h>

#include "util/alloc.h"
#include "util/tsv.h"

int cdr_tsv_put(cdr_buf *b, const char *s)
{
	const char *start = s;
	int rc;

	for (; *s; s++) {
		const char *esc = NULL;
		switch (*s) {
		case '\t': esc = "\\t"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\\': esc = "\\\\"; break;
		}
		if (esc) {
			if ((rc = cdr_buf_put(b, start, (size_t)(s - start))) < 0 ||
			    (rc = cdr_buf_puts(b, esc)) < 0)
				return rc;
			start = s + 1;
		}
	}
	return cdr_buf_put(b, start, (size_t)(s - start));
}

static void unescape(char *s)
{
	char *w = s;

	for (; *s; s++) {
		if (*s == '\\' && s[1]) {
			s++;
			switch (*s) {
			case 't': *w++ = '\t'; break;
			case 'n': *w++ = '\n'; break;
			case 'r': *w++ = '\r'; break;
			default: *w++ = *s; break;
			}
		} else {
			*w++ = *s;
		}
	}
	*w = '\0';
}

static int split(cdr_tsv_row *row, char *line, int escaped);

int cdr_tsv_split(cdr_tsv_row *row, char *line)
{
	return split(row, line, 1);
}

int cdr_tsv_split_raw(cdr_tsv_row *row, char *line)
{
	return split(row, line, 0);
}

static int split(cdr_tsv_row *row, char *line, int escaped)
{
	char *p = line;

	row->n = 0;
	for (;;) {
		char *tab = strchr(p, '\t');
		if (cdr_grow((void **)&row->fields, &row->cap, row->n + 1, sizeof(char *)) < 0)
			return -2;
		row->fields[row->n++] = p;
		if (tab == NULL)
			break;
		*tab = '\0';
		p = tab + 1;
	}
	for (size_t i = 0; escaped && i < row->n; i++)
		unescape(row->fields[i]);
	return 0;
}

void cdr_tsv_row_free(cdr_tsv_row *row)
{
	free(row->fields);
	row->fields = NULL;
	row->n = row->cap = 0;
}

int cdr_next_line(char *data, size_t len, size_t *pos, char **line)
{
	char *start, *nl;
	size_t end;

	if (*pos >= len)
		return 0;
	start = data + *pos;
	nl = memchr(start, '\n', len - *pos);
	end = nl ? (size_t)(nl - data) : len;
	*pos = nl ? end + 1 : len;
	data[end] = '\0';
	if (end > (size_t)(start - data) && data[end - 1] == '\r')
		data[end - 1] = '\0';
	*line = start;
	return 1;
}

size_t cdr_tsv_split_at_most(char *line, char **v, size_t max)
{
	size_t n = 0;

	line[strcspn(line, "\r\n")] = '\0';
	while (n < max) {
		v[n++] = line;
		if ((line = strchr(line, '\t')) == NULL)
			break;
		*line++ = '\0';
	}
	return n;
}
