/* refi-pos.c -- REFI character positions to codeer code-point offsets.
 *
 * A REFI position counts code points of the source's plain text file, a
 * leading byte-order mark not counted, CR LF as two (one for ATLAS.ti),
 * a character outside the BMP as one (two for NVivo, which counts UTF-16
 * code units; see exchange.h and docs/exchange.md). codeer stores the text with LF
 * line ends and in NFC (text/normalize.c). The map is built in the same
 * two steps as that normalisation, so it is exact:
 *   1. line ends: CR LF becomes LF (the position between CR and LF has no
 *      image), a lone CR, VT, FF, NEL, LS or PS becomes LF (one for one);
 *   2. NFC, piecewise between normalisation boundaries (ICU's
 *      hasBoundaryBefore): a piece NFC leaves alone maps one for one; a
 *      piece it changes maps only at its ends, since a position inside
 *      (between e and a combining acute that become é) has no image.
 * The result is checked against cdr_text_normalize, the function every
 * reader ends in, so the text the map belongs to is the one codeer stores. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "codeer/error.h"
#include "codeer/exchange.h"
#include "codeer/text.h"
#include "util/alloc.h"
#include "util/buf.h"

struct cdr_refi_posmap {
	long *map;      /* per REFI position 0..length: codeer offset or -1 */
	size_t length;  /* REFI characters */
	char *text;     /* normalised UTF-8 */
	size_t text_len;
};

void cdr_refi_posmap_free(cdr_refi_posmap *m)
{
	if (m == NULL)
		return;
	free(m->map);
	free(m->text);
	free(m);
}

const char *cdr_refi_posmap_text(const cdr_refi_posmap *m, size_t *len)
{
	if (len)
		*len = m->text_len;
	return m->text;
}

size_t cdr_refi_posmap_length(const cdr_refi_posmap *m)
{
	return m->length;
}

long cdr_refi_posmap_get(const cdr_refi_posmap *m, size_t pos)
{
	return pos <= m->length ? m->map[pos] : -1;
}

static int is_line_end(UChar32 c)
{
	return c == '\r' || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 || c == 0x2029;
}

/* Append code points to UTF-8. */
static int put_cps(cdr_buf *b, const UChar32 *cp, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		uint8_t u[4];
		int32_t k = 0;
		UBool err = 0;
		U8_APPEND(u, k, 4, cp[i], err);
		if (err || cdr_buf_put(b, u, (size_t)k) < 0)
			return err ? cdr_error_set(CDR_EENCODING, "not a Unicode character") : CDR_ENOMEM;
	}
	return 0;
}

/* NFC of L[a, b) as code points into *out (caller frees). */
static int nfc_piece(UChar32 **out, size_t *nout, const UNormalizer2 *nfc, const UChar32 *l, size_t n)
{
	UErrorCode err = U_ZERO_ERROR;
	UChar *u = NULL, *v = NULL;
	int32_t ulen = 0, vlen, vcap;
	UChar32 *cp = NULL;
	size_t k = 0;
	int rc = CDR_ENOMEM;

	if ((u = cdr_malloc((2 * n + 1) * sizeof(UChar))) == NULL)
		return CDR_ENOMEM;
	for (size_t i = 0; i < n; i++)
		U16_APPEND_UNSAFE(u, ulen, l[i]);
	vcap = ulen * 3 + 16;
	if ((v = cdr_malloc((size_t)vcap * sizeof(UChar))) == NULL)
		goto done;
	vlen = unorm2_normalize(nfc, u, ulen, v, vcap, &err);
	if (U_FAILURE(err)) {
		rc = cdr_error_set(CDR_ERROR, "normalisation failed: %s", u_errorName(err));
		goto done;
	}
	if ((cp = cdr_malloc(((size_t)vlen + 1) * sizeof(UChar32))) == NULL)
		goto done;
	for (int32_t i = 0; i < vlen;) {
		UChar32 c;
		U16_NEXT(v, i, vlen, c);
		cp[k++] = c;
	}
	*out = cp;
	*nout = k;
	cp = NULL;
	rc = 0;
done:
	free(u);
	free(v);
	free(cp);
	return rc;
}

int cdr_refi_posmap_new(cdr_refi_posmap **out, const char *utf8, size_t n, int rules, const char *name)
{
	int crlf_one = (rules & CDR_REFI_CRLF_ONE) != 0, utf16 = (rules & CDR_REFI_UTF16) != 0;
	UErrorCode err = U_ZERO_ERROR;
	const UNormalizer2 *nfc = unorm2_getNFCInstance(&err);
	cdr_refi_posmap *m = NULL;
	UChar32 *cps = NULL, *l = NULL;
	long *lmap = NULL;
	size_t ncp = 0, nl = 0, r = 0, line = 1, bad;
	cdr_buf text = CDR_BUF_INIT;
	char *check = NULL;
	size_t check_len = 0, outpos = 0;
	int rc = CDR_ENOMEM;

	*out = NULL;
	if (U_FAILURE(err))
		return cdr_error_set(CDR_ERROR, "cannot load Unicode normalisation data: %s", u_errorName(err));
	if (!cdr_utf8_valid(utf8, n, &bad))
		return cdr_error_set(CDR_EENCODING, "%s: not UTF-8 (byte %zu)", name, bad);
	if (n >= 3 && memcmp(utf8, "\xEF\xBB\xBF", 3) == 0)
		utf8 += 3, n -= 3;
	if (n > (size_t)INT32_MAX)
		return cdr_error_set(CDR_ELIMIT, "%s: text too large", name);
	if ((m = cdr_calloc(1, sizeof(*m))) == NULL || (cps = cdr_malloc((n + 1) * sizeof(UChar32))) == NULL ||
	    (l = cdr_malloc((n + 1) * sizeof(UChar32))) == NULL || (m->map = cdr_malloc((n + 2) * sizeof(long))) == NULL ||
	    (lmap = cdr_malloc((n + 2) * sizeof(long))) == NULL)
		goto fail;
	for (size_t i = 0; i < n;) {
		UChar32 c;
		U8_NEXT_UNSAFE(utf8, i, c);
		cps[ncp++] = c;
	}
	/* step 1: line ends; m->map holds positions into l for now */
	for (size_t i = 0; i < ncp; i++) {
		UChar32 c = cps[i];
		if (c == 0) {
			rc = cdr_error_set(CDR_EFORMAT, "%s:%zu: contains a NUL character", name, line);
			goto fail;
		}
		m->map[r++] = (long)nl;
		/* the position between the two halves of a surrogate pair has no image */
		if (utf16 && c > 0xFFFF)
			m->map[r++] = -1;
		if (c == '\r' && i + 1 < ncp && cps[i + 1] == '\n') {
			if (!crlf_one)
				m->map[r++] = -1;
			i++;
			c = '\n';
		} else if (is_line_end(c)) {
			c = '\n';
		}
		line += c == '\n';
		l[nl++] = c;
	}
	m->map[r] = (long)nl;
	m->length = r;
	/* step 2: NFC piece by piece */
	for (size_t a = 0; a < nl;) {
		size_t b = a + 1;
		/* below U+0300 every character is a piece of its own that NFC keeps */
		if (l[a] < 0x300 && (b == nl || l[b] < 0x300)) {
			lmap[a] = (long)outpos++;
			if (put_cps(&text, l + a, 1) < 0)
				goto fail;
			a = b;
			continue;
		}
		while (b < nl && !unorm2_hasBoundaryBefore(nfc, l[b]))
			b++;
		{
			UChar32 *piece = NULL;
			size_t np = 0;
			if ((rc = nfc_piece(&piece, &np, nfc, l + a, b - a)) < 0)
				goto fail;
			rc = CDR_ENOMEM;
			if (np == b - a && memcmp(piece, l + a, np * sizeof(UChar32)) == 0) {
				for (size_t k = a; k < b; k++)
					lmap[k] = (long)(outpos + (k - a));
			} else {
				lmap[a] = (long)outpos;
				for (size_t k = a + 1; k < b; k++)
					lmap[k] = -1;
			}
			outpos += np;
			if (put_cps(&text, piece, np) < 0) {
				free(piece);
				goto fail;
			}
			free(piece);
		}
		a = b;
	}
	lmap[nl] = (long)outpos;
	for (size_t i = 0; i <= m->length; i++)
		if (m->map[i] >= 0)
			m->map[i] = lmap[m->map[i]];
	if (text.data == NULL && cdr_buf_puts(&text, "") < 0)
		goto fail;
	/* the map is only right for the text codeer really stores */
	if ((rc = cdr_text_normalize(&check, &check_len, utf8, n)) < 0)
		goto fail;
	if (check_len != text.len || memcmp(check, text.data, check_len) != 0) {
		rc = cdr_error_set(CDR_ERROR, "%s: the position map does not match the normalised text", name);
		goto fail;
	}
	free(check);
	free(cps);
	free(l);
	free(lmap);
	m->text_len = text.len;
	m->text = cdr_buf_detach(&text, NULL);
	*out = m;
	return 0;
fail:
	free(check);
	free(cps);
	free(l);
	free(lmap);
	cdr_buf_free(&text);
	cdr_refi_posmap_free(m);
	return rc;
}
