/* fuzz-refi.c -- libFuzzer target for the REFI-QDA readers: the XML
 * reader (a project.qde or a .qdc, through xmlsafe.c), the position map
 * of a source text, and the zip listing of a .qdpx. None of them may
 * crash, leak or read out of bounds, whatever the bytes.
 *
 * Every reader gets the whole input. The position map's rules (how the
 * program that wrote the file counts, exchange.h) come from the first
 * byte of the text, after a leading byte-order mark when there is one:
 * bit 0 is CDR_REFI_CRLF_ONE (ATLAS.ti), bit 1 CDR_REFI_UTF16 (NVivo).
 * The mark is skipped so that a text that starts with one, as QualCoder
 * writes them, is read under all four rules and not always under
 * 0xEF's. Inputs that begin with '<' (XML) or "PK" (zip) count in code
 * points with CR LF as two, as they always did here; a text seed picks
 * its rule with its first letter: "I: ..." (0x49) ATLAS.ti, "R: ..."
 * (0x52) NVivo, "D: ..." (0x44) neither, "C: ..." (0x43) both.
 *
 * Under any rules the map must agree with the same text counted in code
 * points with CR LF as two: the rules only add a position with no place
 * between the two UTF-16 halves of a character outside the BMP, and
 * take away the one between CR and LF; every other position maps to the
 * same offset. That map in turn starts at 0, ends at the text's last
 * offset and never goes back. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "codeer/codeer.h"
#include "exchange/refi-internal.h"

/* The rules the input asks for (above). */
static int rules_of(const uint8_t *data, size_t size)
{
	size_t at = size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;

	return at < size ? data[at] & (CDR_REFI_CRLF_ONE | CDR_REFI_UTF16) : 0;
}

/* Code points of valid UTF-8 (the map accepted it) into a new array. */
static uint32_t *code_points(const char *s, size_t n, size_t *count)
{
	uint32_t *cp = malloc((n + 1) * sizeof(uint32_t));
	size_t k = 0;

	if (cp == NULL)
		abort();
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)s[i];
		size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
		uint32_t v = len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
		for (size_t j = 1; j < len; j++)
			v = (v << 6) | ((unsigned char)s[i + j] & 0x3F);
		cp[k++] = v;
		i += len;
	}
	*count = k;
	return cp;
}

/* The map counted in code points, CR LF as two: inside the text, from 0 to its end, never back. */
static void check_base(const cdr_refi_posmap *base)
{
	size_t len = cdr_refi_posmap_length(base), tlen;
	const char *t = cdr_refi_posmap_text(base, &tlen);
	long cps = (long)cdr_utf8_count(t, tlen), last = 0;

	if (cdr_refi_posmap_get(base, 0) != 0 || cdr_refi_posmap_get(base, len) != cps ||
	    cdr_refi_posmap_get(base, len + 1) != -1)
		abort();
	for (size_t i = 0; i <= len; i++) {
		long o = cdr_refi_posmap_get(base, i);
		if (o > cps || o < -1 || (o >= 0 && o < last))
			abort();
		if (o >= 0)
			last = o;
	}
}

/* `m` (under `rules`) against `base` (code points, CR LF as two), walking the text's code points. */
static void check_rules(const cdr_refi_posmap *m, const cdr_refi_posmap *base, const char *text, size_t size, int rules)
{
	size_t n, p = 0, q = 0;
	uint32_t *cp;

	if (size >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		text += 3, size -= 3;
	cp = code_points(text, size, &n);
	if (strcmp(cdr_refi_posmap_text(m, NULL), cdr_refi_posmap_text(base, NULL)) != 0)
		abort();
	for (size_t i = 0; i < n; i++) {
		if (cdr_refi_posmap_get(m, q) != cdr_refi_posmap_get(base, p))
			abort();
		if (cp[i] == '\r' && i + 1 < n && cp[i + 1] == '\n') {
			/* between CR and LF: no place, or no position at all */
			if (cdr_refi_posmap_get(base, p + 1) != -1)
				abort();
			if (!(rules & CDR_REFI_CRLF_ONE) && cdr_refi_posmap_get(m, ++q) != -1)
				abort();
			i++, p += 2, q++;
			continue;
		}
		if ((rules & CDR_REFI_UTF16) && cp[i] > 0xFFFF && cdr_refi_posmap_get(m, ++q) != -1)
			abort();
		p++, q++;
	}
	if (p != cdr_refi_posmap_length(base) || q != cdr_refi_posmap_length(m) ||
	    cdr_refi_posmap_get(m, q) != cdr_refi_posmap_get(base, p))
		abort();
	free(cp);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size + 1);
	cdr_refi_posmap *m = NULL, *base = NULL;
	struct refi_zip_member *members = NULL;
	int rules = rules_of(data, size), rc, base_rc;
	size_t n = 0;

	if (copy == NULL)
		abort();
	memcpy(copy, data, size);
	copy[size] = '\0';
	cdr_refi_parse_check(copy, size, "fuzz.qde");
	rc = cdr_refi_posmap_new(&m, copy, size, rules, "fuzz.txt");
	base_rc = rules == 0 ? rc : cdr_refi_posmap_new(&base, copy, size, 0, "fuzz.txt");
	/* how positions are counted decides nothing about whether a text is read */
	if (rc != base_rc)
		abort();
	if (rc == 0) {
		check_base(base ? base : m);
		if (base)
			check_rules(m, base, copy, size, rules);
	}
	cdr_refi_posmap_free(m);
	cdr_refi_posmap_free(base);
	if (refi_zip_list(&members, &n, copy, size, "fuzz.qdpx") == 0)
		refi_zip_list_free(members, n);
	free(copy);
	return 0;
}
