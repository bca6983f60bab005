/* docid.c -- short document ids from file names: "Interview Cliënt 3.docx"
 * becomes "interview-client-3". ICU transliterates to ASCII so that ids
 * are easy to type and stable across file systems. */
#include <stdlib.h>
#include <string.h>

#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include "codeer/error.h"
#include "codeer/project.h"
#include "util/alloc.h"

static int transliterate(char *out, size_t cap, const char *in, size_t n)
{
	static const char id_rule[] = "Any-Latin; Latin-ASCII";
	UErrorCode err = U_ZERO_ERROR;
	UChar rule[32], buf[512];
	int32_t len, limit, blen;
	UTransliterator *t;

	u_uastrcpy(rule, id_rule);
	t = utrans_openU(rule, -1, UTRANS_FORWARD, NULL, 0, NULL, &err);
	if (U_FAILURE(err))
		return -1;
	u_strFromUTF8(buf, 256, &len, in, (int32_t)(n > 200 ? 200 : n), &err);
	limit = len;
	if (U_SUCCESS(err))
		utrans_transUChars(t, buf, &len, 511, 0, &limit, &err);
	utrans_close(t);
	if (U_FAILURE(err))
		return -1;
	u_strToUTF8(out, (int32_t)cap, &blen, buf, len, &err);
	return U_SUCCESS(err) && (size_t)blen < cap ? 0 : -1;
}

int cdr_doc_id_from_path(char **out, const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	const char *dot = strrchr(base, '.');
	size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	char ascii[1024], *id, *w;
	const char *src = ascii;
	size_t k = 0;

	while (k < n && (unsigned char)base[k] < 0x80)
		k++;
	/* ASCII names need no transliteration, and opening an ICU
	 * transliterator costs more than reading a 1 MB transcript */
	if (k == n || transliterate(ascii, sizeof(ascii), base, n) < 0) {
		if (n >= sizeof(ascii))
			n = sizeof(ascii) - 1;
		memcpy(ascii, base, n);
		ascii[n] = '\0';
	}
	if ((id = cdr_malloc(strlen(src) + 4)) == NULL)
		return CDR_ENOMEM;
	w = id;
	for (; *src && w - id < 64; src++) {
		unsigned char c = (unsigned char)*src;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')
			*w++ = (char)c;
		else if (c >= 'A' && c <= 'Z')
			*w++ = (char)(c - 'A' + 'a');
		else if (w > id && w[-1] != '-')
			*w++ = '-';
	}
	while (w > id && w[-1] == '-')
		w--;
	if (w == id) {
		memcpy(id, "doc", 3);
		w = id + 3;
	}
	*w = '\0';
	*out = id;
	return 0;
}
