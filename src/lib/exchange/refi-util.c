/* refi-util.c -- small pieces the REFI reader and writer share: GUIDs
 * made from names, XML escaping, ids from names, code descriptions, the
 * type of a variable. Each is one rule, written once, because a round
 * trip is only exact when both directions apply the same rule. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "codeer/error.h"
#include "exchange/refi-internal.h"
#include "util/alloc.h"
#include "util/hash.h"

void refi_guid(char out[37], const char *kind, const char *name)
{
	char hex[CDR_SHA256_HEX_LEN + 1];
	cdr_buf b = CDR_BUF_INIT;
	size_t k = 0;

	/* kind and name joined by a NUL, so "a" + "b:c" and "a:b" + "c" differ */
	if (cdr_buf_puts(&b, kind) < 0 || cdr_buf_putc(&b, '\0') < 0 || cdr_buf_puts(&b, name) < 0) {
		/* out of memory: hash what there is; the GUID stays well-formed */
		cdr_sha256_hex(hex, kind, strlen(kind));
	} else {
		cdr_sha256_hex(hex, b.data, b.len);
	}
	cdr_buf_free(&b);
	/* version 8 (custom), RFC 4122 variant */
	hex[12] = '8';
	hex[16] = "89ab"[(hex[16] >= 'a' ? hex[16] - 'a' + 10 : hex[16] - '0') & 3];
	for (size_t i = 0; i < 32; i++) {
		if (i == 8 || i == 12 || i == 16 || i == 20)
			out[k++] = '-';
		out[k++] = hex[i];
	}
	out[k] = '\0';
}

static int put_escaped(cdr_buf *b, const char *s, int attr)
{
	for (const char *p = s; *p; p++) {
		const char *rep = NULL;
		switch (*p) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = attr ? "&quot;" : NULL; break;
		case '\n': rep = attr ? "&#10;" : NULL; break;
		case '\t': rep = attr ? "&#9;" : NULL; break;
		/* a CR would become LF when read back: keep it as a reference */
		case '\r': rep = "&#13;"; break;
		}
		if (rep ? cdr_buf_puts(b, rep) < 0 : cdr_buf_putc(b, *p) < 0)
			return CDR_ENOMEM;
	}
	return 0;
}

int refi_put_text(cdr_buf *b, const char *s)
{
	return put_escaped(b, s, 0);
}

int refi_put_attr(cdr_buf *b, const char *name, const char *value)
{
	if (cdr_buf_putc(b, ' ') < 0 || cdr_buf_puts(b, name) < 0 || cdr_buf_puts(b, "=\"") < 0 ||
	    put_escaped(b, value, 1) < 0 || cdr_buf_putc(b, '"') < 0)
		return CDR_ENOMEM;
	return 0;
}

/* Letters with accents lose them (NFD, marks dropped); other characters
 * outside ASCII are dropped. */
static char *ascii_fold(const char *s)
{
	UErrorCode err = U_ZERO_ERROR;
	const UNormalizer2 *nfd = unorm2_getNFDInstance(&err);
	UChar *u = NULL, *d = NULL;
	int32_t ulen = 0, dlen;
	char *out;
	size_t n = strlen(s), k = 0;

	if (U_FAILURE(err) || n > (size_t)1 << 20)
		return cdr_strdup("");
	if ((u = cdr_malloc((n + 1) * sizeof(UChar))) == NULL)
		return NULL;
	u_strFromUTF8Lenient(u, (int32_t)n + 1, &ulen, s, (int32_t)n, &err);
	if (U_FAILURE(err) || (d = cdr_malloc(((size_t)ulen * 4 + 1) * sizeof(UChar))) == NULL) {
		free(u);
		return U_FAILURE(err) ? cdr_strdup("") : NULL;
	}
	dlen = unorm2_normalize(nfd, u, ulen, d, ulen * 4 + 1, &err);
	free(u);
	if (U_FAILURE(err)) {
		free(d);
		return cdr_strdup("");
	}
	if ((out = cdr_malloc((size_t)dlen + 1)) == NULL) {
		free(d);
		return NULL;
	}
	for (int32_t i = 0; i < dlen; i++)
		if (d[i] < 0x80)
			out[k++] = (char)d[i];
		else if (u_isspace(d[i]) || u_ispunct(d[i]))
			out[k++] = ' ';
	out[k] = '\0';
	free(d);
	return out;
}

static int id_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
	       c == '-';
}

static int alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

char *refi_slug(const char *name, const char *fallback, size_t max)
{
	char *f = ascii_fold(name ? name : ""), *out;
	size_t k = 0;
	int dash = 0;

	if (f == NULL)
		return NULL;
	if ((out = cdr_malloc(strlen(f) + 1)) == NULL) {
		free(f);
		return NULL;
	}
	for (const char *p = f; *p; p++) {
		if (id_char(*p) && (k > 0 || alnum(*p))) {
			if (dash && k > 0)
				out[k++] = '-';
			dash = 0;
			out[k++] = *p;
		} else {
			dash = 1;
		}
	}
	out[k] = '\0';
	free(f);
	if (max > 0 && k > max) {
		/* cut at a word boundary when there is one in the second half */
		size_t cut = max;
		while (cut > max / 2 && out[cut] != '-')
			cut--;
		k = out[cut] == '-' ? cut : max;
		out[k] = '\0';
	}
	while (k > 0 && !alnum(out[k - 1]))
		out[--k] = '\0';
	if (k == 0) {
		free(out);
		return cdr_strdup(fallback);
	}
	return out;
}

char *refi_coder_name(const char *name)
{
	return refi_slug(name, "refi", 64);
}

static const char *const MARK_INCLUDE = "\n\nInclude: ";
static const char *const MARK_EXCLUDE = "\n\nExclude: ";
static const char *const MARK_EXAMPLE = "\n\nExample: ";

char *refi_code_description(const char *definition, const char *include, const char *exclude, const char *example,
			    const char *label)
{
	cdr_buf b = CDR_BUF_INIT;
	int rc = 0;

	include = include ? include : "";
	exclude = exclude ? exclude : "";
	example = example ? example : "";
	/* a definition that only repeats the label says nothing: no Description
	 * (and an import without one gives the label as definition) */
	if (strcmp(definition, label) == 0 && !*include && !*exclude && !*example)
		return cdr_strdup("");
	rc = cdr_buf_puts(&b, definition);
	if (rc == 0 && *include)
		rc = cdr_buf_printf(&b, "%s%s", MARK_INCLUDE, include);
	if (rc == 0 && *exclude)
		rc = cdr_buf_printf(&b, "%s%s", MARK_EXCLUDE, exclude);
	if (rc == 0 && *example)
		rc = cdr_buf_printf(&b, "%s%s", MARK_EXAMPLE, example);
	if (rc < 0) {
		cdr_buf_free(&b);
		return NULL;
	}
	return b.data ? cdr_buf_detach(&b, NULL) : cdr_strdup("");
}

static int space(char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

static char *trimmed(const char *s, size_t n)
{
	while (n > 0 && space(*s))
		s++, n--;
	while (n > 0 && space(s[n - 1]))
		n--;
	return cdr_strndup(s, n);
}

int refi_code_description_split(const char *desc, const char *label, char **definition, char **include,
				char **exclude, char **example)
{
	const char *marks[3] = { MARK_INCLUDE, MARK_EXCLUDE, MARK_EXAMPLE };
	char **parts[4] = { definition, include, exclude, example };
	const char *at[4], *p;
	size_t k;

	desc = desc ? desc : "";
	at[0] = desc;
	p = desc;
	for (k = 0; k < 4; k++)
		*parts[k] = NULL;
	/* the criteria follow the definition in this order, each at most once */
	for (k = 0; k < 3; k++) {
		const char *m = strstr(p, marks[k]);
		at[k + 1] = m;
		if (m)
			p = m + strlen(marks[k]);
	}
	for (k = 0; k < 4; k++) {
		const char *start = at[k], *end = NULL;
		if (start == NULL)
			continue;
		if (k > 0)
			start += strlen(marks[k - 1]);
		for (size_t j = k + 1; j < 4 && end == NULL; j++)
			end = at[j];
		if (end == NULL)
			end = start + strlen(start);
		if ((*parts[k] = trimmed(start, (size_t)(end - start))) == NULL)
			goto oom;
	}
	if (**definition == '\0') {
		free(*definition);
		if ((*definition = cdr_strdup(label)) == NULL)
			goto oom;
	}
	for (k = 1; k < 4; k++)
		if (*parts[k] == NULL && (*parts[k] = cdr_strdup("")) == NULL)
			goto oom;
	return 0;
oom:
	for (k = 0; k < 4; k++) {
		free(*parts[k]);
		*parts[k] = NULL;
	}
	return CDR_ENOMEM;
}

static int digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return n > 0;
}

static int is_integer(const char *s)
{
	if (*s == '-')
		s++;
	return digits(s, strlen(s)) && strlen(s) < 19;
}

static int is_decimal(const char *s)
{
	const char *dot;

	if (*s == '-')
		s++;
	if ((dot = strchr(s, '.')) == NULL)
		return 0;
	return digits(s, (size_t)(dot - s)) && digits(dot + 1, strlen(dot + 1));
}

static int is_date(const char *s)
{
	int m, d;

	if (strlen(s) < 10 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) || s[7] != '-' || !digits(s + 8, 2))
		return 0;
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	return m >= 1 && m <= 12 && d >= 1 && d <= 31 && s[0] != '0';
}

int refi_is_datetime(const char *s)
{
	const char *t;

	if (s == NULL || !is_date(s))
		return 0;
	t = s + 10;
	if (*t != 'T' || !digits(t + 1, 2) || t[3] != ':' || !digits(t + 4, 2) || t[6] != ':' || !digits(t + 7, 2))
		return 0;
	t += 9;
	return strcmp(t, "") == 0 || strcmp(t, "Z") == 0;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * days_from_civil), so that no timegm, which C11 lacks, is needed. */
static long long days_from_civil(long long y, unsigned m, unsigned d)
{
	long long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long long)doe - 719468;
}

long long refi_datetime_seconds(const char *s)
{
	int n[6];

	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d", &n[0], &n[1], &n[2], &n[3], &n[4], &n[5]) != 6)
		return 0;
	return days_from_civil(n[0], (unsigned)n[1], (unsigned)n[2]) * 86400 + n[3] * 3600 + n[4] * 60 + n[5];
}

void refi_datetime_format(char out[32], long long seconds)
{
	time_t t = (time_t)seconds;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

const char *refi_value_type(const char *const *values, size_t n)
{
	int integer = 1, decimal = 1, boolean = 1, date = 1, datetime = 1;
	size_t seen = 0;

	for (size_t i = 0; i < n; i++) {
		const char *v = values[i];
		if (*v == '\0')
			continue;
		seen++;
		integer &= is_integer(v);
		decimal &= is_integer(v) || is_decimal(v);
		boolean &= strcmp(v, "true") == 0 || strcmp(v, "false") == 0;
		date &= is_date(v) && v[10] == '\0';
		datetime &= refi_is_datetime(v);
	}
	if (seen == 0)
		return "Text";
	return boolean ? "Boolean" : integer ? "Integer" : decimal ? "Float" : date ? "Date" :
	       datetime ? "DateTime" : "Text";
}
