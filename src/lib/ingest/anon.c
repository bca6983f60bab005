/* anon.c -- the anonymisation check (see anon.h).
 *
 * One PCRE2 pattern with a named alternative per kind scans the text
 * once. Names are candidates from \p{Lu}\p{Ll}+ words, looked up in a
 * sorted list, so a list of thousands of names costs one search per word. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "codeer/anon.h"
#include "codeer/error.h"
#include "util/alloc.h"
#include "util/array.h"

/* Common Dutch first names that are not also everyday Dutch words. */
static const char *const default_names[] = {
	"Aad", "Anke", "Anne", "Annemarie", "Anouk", "Arjen", "Astrid", "Bart", "Bas",
	"Bram", "Carla", "Cees", "Daan", "Danielle", "Dennis", "Dirk", "Eline",
	"Els", "Emma", "Erik", "Esther", "Eva", "Fatima", "Femke", "Frank", "Freek",
	"Gerard", "Gert", "Hans", "Harm", "Hendrik", "Henk", "Ilse", "Ingrid",
	"Inge", "Jan", "Janneke", "Jasper", "Jeroen", "Joost", "Jos", "Joyce",
	"Karin", "Kees", "Kevin", "Klaas", "Koen", "Laura", "Lars", "Linda",
	"Lisa", "Lotte", "Maaike", "Marco", "Marieke", "Marijke", "Mark", "Martijn",
	"Mehmet", "Mohamed", "Monique", "Niels", "Nicole", "Patrick", "Peter",
	"Piet", "Priscilla", "Rob", "Robert", "Ruud", "Sander", "Sanne", "Saskia",
	"Sophie", "Stefan", "Thijs", "Thomas", "Tim", "Tom", "Wendy", "Willem",
	"Wim", "Youssef", NULL
};

static const char pattern[] =
	"(?<email>[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)*\\.\\p{L}{2,})"
	"|(?<phone>(?<![\\d+])(?:(?:\\+|00)31[ \\t-]?(?:\\(0\\))?[ \\t-]?\\d(?:[ \\t-]?\\d){8}"
	"|\\(0\\d{2,3}\\)[ \\t-]?\\d(?:[ \\t-]?\\d){5,6}"
	"|0\\d(?:[ \\t-]?\\d){8})(?!\\d))"
	"|(?<postcode>\\b[1-9]\\d{3}[ \\t]?(?!SA|SD|SS)[A-Z]{2}\\b)"
	"|(?<bsn>(?<![\\d.])\\d{3}[. ]?\\d{3}[. ]?\\d{3}(?![\\d]))"
	"|(?<name>\\b\\p{Lu}\\p{Ll}+(?:-\\p{Lu}\\p{Ll}+)?\\b)";

struct cdr_anon {
	char **names;
	size_t nnames, cap;
	int sorted;
	pcre2_code *re;
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int add_name(cdr_anon *a, const char *s, size_t n)
{
	char *copy;

	if (cdr_grow((void **)&a->names, &a->cap, a->nnames + 1, sizeof(char *)) < 0 ||
	    (copy = cdr_strndup(s, n)) == NULL)
		return CDR_ENOMEM;
	a->names[a->nnames++] = copy;
	a->sorted = 0;
	return 0;
}

int cdr_anon_new(cdr_anon **out, int with_defaults)
{
	cdr_anon *a = cdr_calloc(1, sizeof(*a));
	int errcode, rc;
	PCRE2_SIZE erroff;

	if (a == NULL)
		return CDR_ENOMEM;
	for (int i = 0; with_defaults && default_names[i]; i++)
		if ((rc = add_name(a, default_names[i], strlen(default_names[i]))) < 0) {
			cdr_anon_free(a);
			return rc;
		}
	a->re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP,
			      &errcode, &erroff, NULL);
	if (a->re == NULL) {
		cdr_anon_free(a);
		return cdr_error_set(CDR_ERROR, "internal error: anonymisation pattern at offset %zu", (size_t)erroff);
	}
	pcre2_jit_compile(a->re, PCRE2_JIT_COMPLETE);
	*out = a;
	return 0;
}

int cdr_anon_add_names(cdr_anon *a, const char *text, size_t len)
{
	const char *p = text, *end = text + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end, *s = p, *e = le;
		while (s < e && (*s == ' ' || *s == '\t'))
			s++;
		while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
			e--;
		if (s < e && *s != '#') {
			int rc = add_name(a, s, (size_t)(e - s));
			if (rc < 0)
				return rc;
		}
		p = le + 1;
	}
	return 0;
}

void cdr_anon_free(cdr_anon *a)
{
	if (a == NULL)
		return;
	for (size_t i = 0; i < a->nnames; i++)
		free(a->names[i]);
	free(a->names);
	pcre2_code_free(a->re);
	free(a);
}

int cdr_bsn_valid(const char *d)
{
	int sum = 0, nonzero = 0;

	for (int i = 0; i < 9; i++) {
		if (d[i] < '0' || d[i] > '9')
			return 0;
		sum += (d[i] - '0') * (i < 8 ? 9 - i : -1);
		nonzero |= d[i] != '0';
	}
	return nonzero && sum % 11 == 0;
}

static const char *const kinds[] = { "email", "phone", "postcode", "bsn", "name" };

int cdr_anon_scan(cdr_anon *a, const cdr_document *doc, cdr_anon_cb cb, void *ctx)
{
	size_t len, pos = 0;
	const char *text = cdr_document_text(doc, &len);
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(a->re, NULL);
	cdr_cp_cursor cur;
	int rc = 0;

	if (md == NULL)
		return cdr_error_set(CDR_ENOMEM, "out of memory");
	if (!a->sorted) {
		cdr_sort(a->names, a->nnames, sizeof(char *), cmp_str);
		a->sorted = 1;
	}
	cdr_cp_cursor_init(&cur, text, len);
	while (pos < len && rc == 0) {
		int m = pcre2_match(a->re, (PCRE2_SPTR)text, len, pos, PCRE2_NO_UTF_CHECK, md, NULL);
		PCRE2_SIZE *ov;
		size_t kind;
		char *hit;

		if (m < 0)
			break;
		ov = pcre2_get_ovector_pointer(md);
		pos = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
		for (kind = 0; kind < 5; kind++) {
			int n = pcre2_substring_number_from_name(a->re, (PCRE2_SPTR)kinds[kind]);
			if (n > 0 && ov[2 * n] != PCRE2_UNSET)
				break;
		}
		if (kind == 5 || (hit = cdr_strndup(text + ov[0], ov[1] - ov[0])) == NULL) {
			if (kind == 5)
				continue;
			rc = CDR_ENOMEM;
			break;
		}
		if (kind == 3) { /* bsn: digits only, then the 11-test */
			char digits[10];
			int k = 0;
			for (const char *s = hit; *s && k < 9; s++)
				if (*s >= '0' && *s <= '9')
					digits[k++] = *s;
			digits[k] = '\0';
			if (k != 9 || !cdr_bsn_valid(digits)) {
				free(hit);
				continue;
			}
		} else if (kind == 4 && cdr_search(&hit, a->names, a->nnames, sizeof(char *), cmp_str) == NULL) {
			free(hit);
			continue;
		}
		{
			cdr_anon_hit h;
			h.span.start = cdr_cp_cursor_at(&cur, ov[0]);
			h.span.end = cdr_cp_cursor_at(&cur, ov[1]);
			h.kind = kinds[kind];
			h.text = hit;
			h.turn = cdr_document_turn_at(doc, h.span.start);
			rc = cb(ctx, &h);
		}
		free(hit);
	}
	pcre2_match_data_free(md);
	return rc;
}
