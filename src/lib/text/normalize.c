/* normalize.c -- the one normal form of every text codeer stores:
 * UTF-8, LF line endings, Unicode NFC, no NUL characters.
 *
 * Offsets are only stable if every reader produces exactly this form, so
 * all of them end here. NFC is skipped when ICU's quick check says the
 * text is already normalised (the common case for Dutch transcripts).
 *
 * ICU counts in int32_t: every size below is computed in size_t or
 * int64_t and checked against INT32_MAX before it reaches ICU, so a huge
 * text is refused (CDR_ELIMIT) instead of wrapping around. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "codeer/error.h"
#include "codeer/text.h"
#include "text/text-internal.h"
#include "util/alloc.h"

/* In place; returns the new length or -1 (message set) on a NUL. */
static int32_t unify_lines(UChar *u, int32_t len)
{
	int32_t r = 0, w = 0, line = 1;

	/* Fast path: skip the prefix that needs no change (usually all of it). */
	while (r < len && (u[r] >= 0x20 || u[r] == '\t' || u[r] == '\n') && u[r] != 0x85 &&
	       u[r] != 0x2028 && u[r] != 0x2029) {
		line += u[r] == '\n';
		r++;
	}
	w = r;
	while (r < len) {
		UChar c = u[r++];
		switch (c) {
		case 0:
			cdr_error_set(CDR_EFORMAT, "line %d: contains a NUL character (a binary file, or the wrong encoding?)",
				      (int)line);
			return -1;
		case '\r':
			if (r < len && u[r] == '\n')
				r++;
			c = '\n';
			break;
		case 0x0B: case 0x0C: case 0x85: case 0x2028: case 0x2029:
			c = '\n';
			break;
		}
		if (c == '\n')
			line++;
		u[w++] = c;
	}
	return w;
}

/* A buffer size for ICU: at most INT32_MAX. */
static int32_t clamp32(int64_t n)
{
	return n > INT32_MAX ? INT32_MAX : (int32_t)n;
}

int cdr_text_normalize_utf16(char **out, size_t *out_len, UChar **uptr, int32_t *ulenptr)
{
	UErrorCode err = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&err);
	UChar *u = *uptr, *norm = NULL;
	int32_t ulen = *ulenptr;
	const UChar *src = u;
	int32_t len, span, ncap, nlen, blen, ucap;
	char *utf8;

	if (U_FAILURE(err))
		return cdr_error_set(CDR_ERROR, "cannot load Unicode normalisation data: %s", u_errorName(err));
	if ((len = unify_lines(u, ulen)) < 0)
		return CDR_EFORMAT;
	span = unorm2_spanQuickCheckYes(nfc, u, len, &err);
	if (U_SUCCESS(err) && span < len) {
		ncap = clamp32((int64_t)len + len / 4 + 16);
		if ((norm = cdr_malloc((size_t)ncap * sizeof(UChar))) == NULL)
			return CDR_ENOMEM;
		memcpy(norm, u, (size_t)span * sizeof(UChar));
		nlen = unorm2_normalizeSecondAndAppend(nfc, norm, span, ncap, u + span, len - span, &err);
		if (err == U_BUFFER_OVERFLOW_ERROR) {
			UChar *bigger;
			if (nlen >= INT32_MAX || ncap == INT32_MAX) {
				free(norm);
				return cdr_error_set(CDR_ELIMIT, "text too large to normalise");
			}
			err = U_ZERO_ERROR;
			if ((bigger = cdr_realloc(norm, ((size_t)nlen + 1) * sizeof(UChar))) == NULL) {
				free(norm);
				return CDR_ENOMEM;
			}
			norm = bigger;
			nlen = unorm2_normalizeSecondAndAppend(nfc, norm, span, nlen + 1, u + span, len - span, &err);
		}
		if (U_FAILURE(err)) {
			free(norm);
			return cdr_error_set(CDR_ERROR, "normalisation failed: %s", u_errorName(err));
		}
		src = norm;
		len = nlen;
	} else if (U_FAILURE(err)) {
		return cdr_error_set(CDR_ERROR, "normalisation failed: %s", u_errorName(err));
	}
	/* the caller keeps the normalised UTF-16 (for segmentation) */
	if (norm) {
		free(u);
		*uptr = norm;
	}
	*ulenptr = len;
	/* A UTF-16 unit never needs more than 3 UTF-8 bytes; ICU takes at most
	 * INT32_MAX, and a text that needs more is refused below. */
	ucap = clamp32((int64_t)len * 3 + 1);
	if ((utf8 = cdr_malloc((size_t)ucap)) == NULL)
		return CDR_ENOMEM;
	u_strToUTF8(utf8, ucap, &blen, src, len, &err);
	if (err == U_BUFFER_OVERFLOW_ERROR || err == U_STRING_NOT_TERMINATED_WARNING) {
		free(utf8);
		return cdr_error_set(CDR_ELIMIT, "text too large: more than %d bytes of UTF-8", INT32_MAX - 1);
	}
	if (U_FAILURE(err)) {
		free(utf8);
		return cdr_error_set(CDR_EENCODING, "text contains an unpaired surrogate: %s", u_errorName(err));
	}
	*out = utf8;
	*out_len = (size_t)blen;
	return 0;
}

int cdr_utf8_to_utf16(UChar **out, int32_t *out_len, const char *utf8, size_t n)
{
	UErrorCode err = U_ZERO_ERROR;
	UChar *u;

	/* UTF-8 never has fewer bytes than UTF-16 units, so n + 1 units hold it */
	if (n >= INT32_MAX / 2)
		return cdr_error_set(CDR_ELIMIT, "text of %zu bytes is too large", n);
	if ((u = cdr_malloc((n + 1) * sizeof(UChar))) == NULL)
		return CDR_ENOMEM;
	u_strFromUTF8(u, (int32_t)n + 1, out_len, utf8, (int32_t)n, &err);
	if (U_FAILURE(err)) {
		free(u);
		return cdr_error_set(CDR_EENCODING, "invalid UTF-8");
	}
	*out = u;
	return 0;
}

int cdr_text_normalize(char **out, size_t *out_len, const char *utf8, size_t n)
{
	UChar *u;
	int32_t ulen;
	int rc;

	if ((rc = cdr_utf8_to_utf16(&u, &ulen, utf8, n)) < 0)
		return rc;
	rc = cdr_text_normalize_utf16(out, out_len, &u, &ulen);
	free(u);
	return rc;
}
