/* num.c -- decimal numbers in text (num.h). */
#include <errno.h>
#include <stdlib.h>

#include "util/num.h"

const char *cdr_parse_size(const char *s, size_t *out)
{
	char *end;
	unsigned long long v;

	if (*s < '0' || *s > '9')
		return NULL;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0)
		return NULL;
	*out = (size_t)v;
	return end;
}

int cdr_parse_size_field(const char *s, size_t *out)
{
	const char *end = cdr_parse_size(s, out);
	return end && *end == '\0' ? 0 : -1;
}
