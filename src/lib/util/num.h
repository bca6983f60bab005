/* num.h -- decimal numbers in text: offsets in codings files, meta files
 * and references such as c100-250. */
#ifndef CDR_UTIL_NUM_H
#define CDR_UTIL_NUM_H

#include <stddef.h>

/* Parse the unsigned decimal number at s (digits only, no sign or space);
 * returns the end of the digits, or NULL when s starts with no digit or
 * the number overflows. */
const char *cdr_parse_size(const char *s, size_t *out);

/* The same for a whole field: 0, or -1 when anything follows the digits. */
int cdr_parse_size_field(const char *s, size_t *out);

#endif
