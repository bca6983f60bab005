/* text-internal.h -- UTF-16 entry points shared inside the text layer and
 * with the readers that decode through ICU. */
#ifndef CDR_TEXT_INTERNAL_H
#define CDR_TEXT_INTERNAL_H

#include <stddef.h>
#include <unicode/utypes.h>

/* Unify line endings, refuse NUL, apply NFC, and encode as UTF-8. */
int cdr_text_normalize_utf16(char **out, size_t *out_len, UChar *u, int32_t ulen);

#endif
