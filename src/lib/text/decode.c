/* decode.c -- raw bytes in any encoding to normalised UTF-8.
 *
 * Order of decisions: a byte-order mark wins; else an encoding the user
 * named; else valid UTF-8 is UTF-8; else ICU's charset detector guesses
 * (ISO-8859-1 is read as its superset Windows-1252, as browsers do).
 * Errors name the byte offset and line so the user can find the spot. */
#include <string.h>
#include <strings.h>
#include <stdlib.h>

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "codeer/error.h"
#include "codeer/text.h"
#include "text/text-internal.h"
#include "util/alloc.h"

static size_t line_of(const char *bytes, size_t off)
{
	size_t line = 1;

	for (size_t i = 0; i < off; i++)
		if (bytes[i] == '\n')
			line++;
	return line;
}

int cdr_utf8_valid(const char *s, size_t n, size_t *bad_at)
{
	size_t i = 0;

	if (n > INT32_MAX) {
		/* U8_NEXT works on int32_t indices: validate in chunks. */
		size_t done = 0;
		while (done < n) {
			size_t chunk = n - done > (1u << 30) ? (1u << 30) : n - done;
			size_t bad;
			/* back off to a character boundary so no sequence is split */
			while (chunk < n - done && U8_IS_TRAIL((uint8_t)s[done + chunk]))
				chunk--;
			if (!cdr_utf8_valid(s + done, chunk, &bad)) {
				*bad_at = done + bad;
				return 0;
			}
			done += chunk;
		}
		return 1;
	}
	while (i < n) {
		/* ASCII fast path */
		if ((uint8_t)s[i] < 0x80) {
			i++;
			continue;
		}
		int32_t j = (int32_t)i;
		UChar32 c;
		U8_NEXT(s, j, (int32_t)n, c);
		if (c < 0) {
			*bad_at = i;
			return 0;
		}
		i = (size_t)j;
	}
	return 1;
}

/* Decode `n` bytes with an ICU converter, stopping at the first invalid
 * sequence so that we can say where it is. */
static int icu_decode(UChar **out, int32_t *out_len, const char *bytes, size_t n,
		      const char *encoding, const char *name, size_t skipped)
{
	UErrorCode err = U_ZERO_ERROR;
	UConverter *cnv = ucnv_open(encoding, &err);
	UChar *buf = NULL, *target;
	const char *source = bytes;
	size_t cap;

	if (U_FAILURE(err))
		return cdr_error_set(CDR_EUSAGE, "%s: unknown encoding '%s'", name, encoding);
	ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &err);
	cap = n * 2 + 2; /* no single-byte or UTF-16 input needs more */
	if (cap > INT32_MAX) {
		ucnv_close(cnv);
		return cdr_error_set(CDR_ELIMIT, "%s: too large to decode", name);
	}
	if ((buf = cdr_malloc(cap * sizeof(UChar))) == NULL) {
		ucnv_close(cnv);
		return CDR_ENOMEM;
	}
	target = buf;
	ucnv_toUnicode(cnv, &target, buf + cap, &source, bytes + n, NULL, 1, &err);
	if (U_FAILURE(err)) {
		char bad[8];
		int8_t blen = sizeof(bad);
		UErrorCode e2 = U_ZERO_ERROR;
		size_t at;

		ucnv_getInvalidChars(cnv, bad, &blen, &e2);
		at = (size_t)(source - bytes) - (U_SUCCESS(e2) ? (size_t)blen : 0);
		ucnv_close(cnv);
		free(buf);
		if (err == U_BUFFER_OVERFLOW_ERROR)
			return cdr_error_set(CDR_ELIMIT, "%s: decoded text too large", name);
		return cdr_error_set(CDR_EENCODING, "%s: byte offset %zu (line %zu): invalid %s sequence",
				     name, at + skipped, line_of(bytes, at), encoding);
	}
	ucnv_close(cnv);
	*out = buf;
	*out_len = (int32_t)(target - buf);
	return 0;
}

static int is_utf8_name(const char *e)
{
	return strcasecmp(e, "utf-8") == 0 || strcasecmp(e, "utf8") == 0;
}

/* Not UTF-8 and no BOM. Transcripts in the Dutch social domain that are
 * not UTF-8 are nearly always Windows-1252 (or Latin-1, its subset), so
 * that is the answer unless the bytes are full of NULs, the sign of
 * UTF-16 without a BOM, where ICU's detector tells LE from BE. The
 * detector is not trusted for short Latin text: it guesses wildly. */
static const char *detect(const char *bytes, size_t n)
{
	UErrorCode err = U_ZERO_ERROR;
	UCharsetDetector *det;
	const UCharsetMatch **all;
	const char *found = "windows-1252";
	size_t nuls = 0;
	int32_t count = 0;

	for (size_t i = 0; i < n; i++)
		nuls += bytes[i] == 0;
	if (n < 2 || nuls * 10 < n)
		return found;
	if ((det = ucsdet_open(&err)) == NULL || U_FAILURE(err))
		return NULL;
	/* The detector only needs a sample; 64 KiB keeps it cheap. */
	ucsdet_setText(det, bytes, (int32_t)(n > 65536 ? 65536 : n), &err);
	all = ucsdet_detectAll(det, &count, &err);
	found = NULL;
	for (int32_t i = 0; U_SUCCESS(err) && i < count && found == NULL; i++) {
		const char *name = ucsdet_getName(all[i], &err);
		if (U_SUCCESS(err) && (strcmp(name, "UTF-16LE") == 0 || strcmp(name, "UTF-16BE") == 0))
			found = name[6] == 'L' ? "UTF-16LE" : "UTF-16BE";
	}
	if (found == NULL && n % 2 == 0) {
		/* Mostly-ASCII UTF-16: the NULs sit in the high bytes. */
		size_t odd = 0, even = 0;
		for (size_t i = 0; i < n; i++)
			if (bytes[i] == 0)
				*(i % 2 ? &odd : &even) += 1;
		if (odd > 4 * even)
			found = "UTF-16LE";
		else if (even > 4 * odd)
			found = "UTF-16BE";
	}
	ucsdet_close(det);
	return found;
}

/* What a file that is no text at all most likely is, from its first
 * bytes; NULL when they name nothing known. */
static const char *magic(const char *b, size_t n)
{
	static const struct {
		const char *bytes;
		size_t len;
		const char *what;
	} known[] = {
		{ "%PDF", 4, "a PDF" },
		{ "PK\x03\x04", 4, "a zip archive (a .docx, .odt or .xlsx under another name?)" },
		{ "\xD0\xCF\x11\xE0", 4, "an old Word or Excel file (.doc, .xls)" },
		{ "{\\rtf", 5, "an RTF document" },
		{ "\x89PNG", 4, "a PNG image" },
		{ "\xFF\xD8\xFF", 3, "a JPEG image" },
		{ "ID3", 3, "an MP3 recording" },
		{ "RIFF", 4, "a WAV recording" },
		{ "OggS", 4, "an Ogg recording" },
		{ "\x7F" "ELF", 4, "a program" },
	};
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (n >= known[i].len && memcmp(b, known[i].bytes, known[i].len) == 0)
			return known[i].what;
	return NULL;
}

/* Bytes that are no text: NULs (UTF-16 is ruled out before) and control
 * characters other than tab, line feed, vertical tab, form feed, carriage
 * return and DOS's end-of-file mark (Ctrl-Z) in more than one in a
 * hundred of the first 64 KiB, and at least four: a stray one in a short
 * transcript is a typo, not a binary file. No transcript in any 8-bit
 * encoding has them; every binary format does. */
static int looks_binary(const char *b, size_t n)
{
	size_t sample = n > 65536 ? 65536 : n, ctl = 0;

	for (size_t i = 0; i < sample; i++) {
		unsigned char c = (unsigned char)b[i];
		/* (a single NUL is reported where it is, by the normaliser) */
		ctl += (c < 0x20 && c != '\t' && c != '\n' && c != 0x0B && c != '\f' && c != '\r' && c != 0x1A) ||
		       c == 0x7F;
	}
	return ctl >= 4 && ctl * 100 > sample;
}

static int not_text(const char *name, const char *what)
{
	return cdr_error_set(CDR_EENCODING, "%s: this is %s, not text; save the transcript as text (.txt), "
					    "Word (.docx) or OpenDocument (.odt) and add that file", name, what);
}

int cdr_text_decode(char **out, size_t *out_len, const char **encoding,
		    const char *bytes, size_t n, const char *declared,
		    const char *name)
{
	return cdr_text_decode16(out, out_len, NULL, NULL, encoding, bytes, n, declared, name);
}

int cdr_text_decode16(char **out, size_t *out_len, UChar **u16, int32_t *u16len, const char **encoding,
		      const char *bytes, size_t n, const char *declared, const char *name)
{
	const char *enc = declared;
	const char *start = bytes;
	UChar *u = NULL;
	int32_t ulen = 0;
	size_t bad = 0;
	int rc;

	*out = NULL;
	*out_len = 0;
	if (n >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) {
		enc = "UTF-8";
		bytes += 3;
		n -= 3;
	} else if (n >= 2 && memcmp(bytes, "\xFF\xFE", 2) == 0) {
		enc = "UTF-16LE";
		bytes += 2;
		n -= 2;
	} else if (n >= 2 && memcmp(bytes, "\xFE\xFF", 2) == 0) {
		enc = "UTF-16BE";
		bytes += 2;
		n -= 2;
	}
	/* A file that is no text is refused, not read as windows-1252 into a
	 * page of garbage that would then be coded: first by its signature
	 * (zip and Word files hold NULs that could pass for UTF-16), then,
	 * after UTF-16 is ruled out, by its control characters. A named
	 * encoding is the user's word and is kept. */
	if (enc == NULL && magic(bytes, n))
		return not_text(name, magic(bytes, n));
	/* NUL bytes are valid UTF-8 but, in a transcript, the sign of UTF-16. */
	if (enc == NULL && memchr(bytes, 0, n > 65536 ? 65536 : n) != NULL) {
		const char *guess = detect(bytes, n);
		if (guess && strncmp(guess, "UTF-16", 6) == 0)
			enc = guess;
	}
	if (enc == NULL && looks_binary(bytes, n))
		return not_text(name, "a binary file");
	if (enc == NULL || is_utf8_name(enc)) {
		/* ICU's converter validates as it goes: one pass for valid text;
		 * only on failure do we walk the bytes to say where. */
		rc = cdr_utf8_to_utf16(&u, &ulen, bytes, n);
		if (rc == 0) {
			enc = "UTF-8";
			goto normalize;
		}
		if (rc != CDR_EENCODING)
			return rc;
		if (!cdr_utf8_valid(bytes, n, &bad) && enc != NULL)
			return cdr_error_set(CDR_EENCODING, "%s: byte offset %zu (line %zu): invalid UTF-8",
					     name, bad + (size_t)(bytes - start), line_of(bytes, bad));
		if ((enc = detect(bytes, n)) == NULL)
			return cdr_error_set(CDR_EENCODING,
				"%s: not UTF-8 (invalid byte at offset %zu, line %zu) and the encoding cannot be detected",
				name, bad + (size_t)(bytes - start), line_of(bytes, bad));
	}
	if ((rc = icu_decode(&u, &ulen, bytes, n, enc, name, (size_t)(bytes - start))) < 0)
		return rc;
normalize:
	rc = cdr_text_normalize_utf16(out, out_len, &u, &ulen);
	if (rc == 0 && u16) {
		*u16 = u;
		*u16len = ulen;
	} else {
		free(u);
	}
	if (rc == CDR_EFORMAT)
		return cdr_error_set(CDR_EFORMAT, "%s: %s", name, cdr_error_last());
	if (rc == 0)
		*encoding = enc;
	return rc;
}
