/* text-internal.h -- UTF-16 entry points shared inside the text layer and
 * with the readers that decode through ICU. */
#ifndef CDR_TEXT_INTERNAL_H
#define CDR_TEXT_INTERNAL_H

#include <stddef.h>
#include <unicode/utypes.h>

/* Unify line endings, refuse NUL, apply NFC, and encode as UTF-8. */
int cdr_text_normalize_utf16(char **out, size_t *out_len, UChar *u, int32_t ulen);

/* Valid UTF-8 to UTF-16 (caller frees); CDR_EENCODING when invalid. */
int cdr_utf8_to_utf16(UChar **out, int32_t *out_len, const char *utf8, size_t n);

/* Words in UTF-16 text: letters/digits runs with the UAX #29 joins. */
size_t cdr_count_words(const UChar *u, int32_t len);

#endif
