/* text-internal.h -- UTF-16 entry points shared inside the text layer and
 * with the readers that decode through ICU. */
#ifndef CDR_TEXT_INTERNAL_H
#define CDR_TEXT_INTERNAL_H

#include <stddef.h>
#include <unicode/utypes.h>

/* Unify line endings, refuse NUL, apply NFC, and encode as UTF-8. *u
 * (the caller's, freed by the caller) becomes the normalised UTF-16,
 * which may be a new buffer. */
int cdr_text_normalize_utf16(char **out, size_t *out_len, UChar **u, int32_t *ulen);

/* cdr_text_decode that also hands over the normalised UTF-16 text (the
 * caller frees *u16), so that segmentation need not convert again. */
int cdr_text_decode16(char **out, size_t *out_len, UChar **u16, int32_t *u16len, const char **encoding,
		      const char *bytes, size_t n, const char *declared, const char *name);

/* Segment UTF-16 text in place (newlines become spaces); see cdr_segmenter_run. */
typedef struct cdr_segmenter cdr_segmenter;
int cdr_segmenter_run16(cdr_segmenter *seg, UChar *u, int32_t ulen, int (*cb)(void *, size_t, size_t),
			void *ctx, size_t *words);

/* Valid UTF-8 to UTF-16 (caller frees); CDR_EENCODING when invalid. */
int cdr_utf8_to_utf16(UChar **out, int32_t *out_len, const char *utf8, size_t n);

/* Words in UTF-16 text: letters/digits runs with the UAX #29 joins. */
size_t cdr_count_words(const UChar *u, int32_t len);

#endif
