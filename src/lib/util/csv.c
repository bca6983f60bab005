/* csv.c -- RFC 4180 records and plain TSV lines, parsed in place (csv.h). */
#include <string.h>

#include "codeer/error.h"
#include "util/alloc.h"
#include "util/csv.h"

void cdr_csv_init(cdr_csv *c, char *data, size_t len, char sep)
{
	c->data = data;
	c->len = len;
	c->pos = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	c->sep = sep;
	c->line = 0;
	c->next_line = 1;
}

static int add_field(cdr_tsv_row *row, char *f)
{
	if (cdr_grow((void **)&row->fields, &row->cap, row->n + 1, sizeof(char *)) < 0)
		return CDR_ENOMEM;
	row->fields[row->n++] = f;
	return 0;
}

int cdr_csv_next(cdr_csv *c, cdr_tsv_row *row)
{
	char *d = c->data;
	size_t i = c->pos;
	char *w;

	row->n = 0;
	if (i >= c->len)
		return 0;
	c->line = c->next_line++;
	if (c->sep == '\t') {
		char *line;
		size_t pos = c->pos;
		cdr_next_line(d, c->len, &pos, &line);
		c->pos = pos;
		return cdr_tsv_split_raw(row, line) < 0 ? CDR_ENOMEM : 1;
	}
	w = d + i;
	if (add_field(row, w) < 0)
		return CDR_ENOMEM;
	for (;;) {
		if (i >= c->len) {
			*w = '\0';
			c->pos = i;
			return 1;
		}
		if (d[i] == '"' && w == row->fields[row->n - 1]) {
			/* a quoted field */
			i++;
			for (;;) {
				if (i >= c->len)
					return cdr_error_set(CDR_EFORMAT, "unterminated quoted field");
				if (d[i] == '"') {
					if (i + 1 < c->len && d[i + 1] == '"') {
						*w++ = '"';
						i += 2;
						continue;
					}
					i++;
					break;
				}
				if (d[i] == '\n')
					c->next_line++;
				*w++ = d[i++];
			}
			continue;
		}
		if (d[i] == c->sep) {
			*w = '\0';
			i++;
			w = d + i;
			if (add_field(row, w) < 0)
				return CDR_ENOMEM;
			continue;
		}
		if (d[i] == '\r' && i + 1 < c->len && d[i + 1] == '\n')
			i++;
		if (d[i] == '\n') {
			*w = '\0';
			c->pos = i + 1;
			return 1;
		}
		*w++ = d[i++];
	}
}
