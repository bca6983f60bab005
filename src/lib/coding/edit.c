/* edit.c -- a coder's codings of one document as a text file to edit by
 * hand, and the edited file read back (edit.h; the format is in
 * docs/code.md, "code edit").
 *
 * The file shows each of the coder's codings once, on the line of the
 * turn it starts in, so reading it back is a comparison of two sets of
 * (code, start, end): what the file showed and what it holds now. A code
 * moved from one turn line to another is then a removal and an addition,
 * and a coding the user did not touch is never rewritten. Everything is
 * checked before anything is reported as a change, and every mistake is
 * reported with its line, so the editor can be reopened on all of them. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codeer/edit.h"
#include "codeer/error.h"
#include "codeer/text.h"
#include "util/alloc.h"
#include "util/array.h"
#include "util/buf.h"

/* The text is wrapped to this many code points after its indent. */
#define WRAP 72
#define INDENT "    "
/* A part of a turn is quoted in a comment up to this many code points. */
#define QUOTE 60

/* ---- small helpers ------------------------------------------------------- */

static size_t cp_len(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static int is_rejected(const cdr_coding *c)
{
	return strcmp(c->status, "rejected") == 0;
}

/* The turn a coding is shown at: the one it starts in; one that starts
 * outside every turn (a title before the first label) at the next turn,
 * else the last. */
static size_t home_turn(const cdr_document *doc, size_t start)
{
	long t = cdr_document_turn_at(doc, start);
	size_t n = cdr_document_turn_count(doc);

	if (t >= 0)
		return (size_t)t;
	for (size_t i = 0; i < n; i++)
		if (cdr_document_turn(doc, i)->span.start >= start)
			return i;
	return n - 1;
}

/* The code as short as the schemes allow: its id when no other scheme has
 * a code with that id, else scheme/code. */
static const char *short_code(const cdr_schemes *set, const char *qualified)
{
	const char *slash = strchr(qualified, '/'), *id;
	size_t hits = 0;
	int own = 0;

	if (slash == NULL)
		return qualified;
	id = slash + 1;
	for (size_t i = 0; i < cdr_schemes_count(set); i++) {
		const cdr_scheme *s = cdr_schemes_get(set, i);
		long c = cdr_scheme_find(s, id);
		if (c < 0)
			continue;
		hits++;
		own |= strcmp(cdr_scheme_code(s, (size_t)c)->qualified, qualified) == 0;
	}
	return hits == 1 && own ? id : qualified;
}

/* ---- the shown codings --------------------------------------------------- */

/* A coding as the file shows it (or a reading of an entry). */
struct entry {
	size_t start, end;
	const char *code; /* scheme/code: the set's string, or a code's qualified id */
	size_t turn;      /* 0-based */
	size_t line;      /* where read (0: not read) */
	int seen;         /* old ones: the edited file still has it */
};

static int entry_cmp(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return strcmp(x->code, y->code);
}

/* The coder's codings of the document that the file shows, sorted. */
static int shown_codings(struct entry **out, size_t *n, const cdr_document *doc, const char *doc_id,
			 const cdr_codings *k)
{
	cdr_codings *kk = (cdr_codings *)k; /* cdr_codings_get takes no const */
	struct entry *v = NULL;
	size_t cap = 0, m = 0;

	for (size_t i = 0; i < cdr_codings_count(k); i++) {
		const cdr_coding *c = cdr_codings_get(kk, i);
		if (strcmp(c->doc, doc_id) != 0 || is_rejected(c))
			continue;
		if (cdr_grow((void **)&v, &cap, m + 1, sizeof(*v)) < 0) {
			free(v);
			return CDR_ENOMEM;
		}
		v[m++] = (struct entry){ c->start, c->end, c->code, home_turn(doc, c->start), 0, 0 };
	}
	cdr_sort(v, m, sizeof(*v), entry_cmp);
	*out = v;
	*n = m;
	return 0;
}

/* ---- writing ------------------------------------------------------------- */

/* Each line of s (split at line breaks) wrapped at spaces to WRAP code
 * points; a word longer than that has a line of its own. Calls line() per
 * output line with the bytes (no indent, no trailing spaces). */
static int wrap(const char *s, size_t n, int (*line)(void *ctx, const char *p, size_t len), void *ctx)
{
	size_t i = 0;
	int rc;

	while (i < n) {
		size_t eol = i;
		while (eol < n && s[eol] != '\n')
			eol++;
		/* one paragraph of the turn: [i, eol); an empty one a blank line */
		size_t a = i;
		if (eol == i && i > 0 && (rc = line(ctx, NULL, 0)) < 0)
			return rc;
		while (a < eol) {
			while (a < eol && is_space(s[a]))
				a++;
			if (a >= eol)
				break;
			size_t b = a, last_fit = 0, width = 0;
			while (b < eol) {
				size_t w = b;
				while (w < eol && !is_space(s[w]))
					w++;
				width += cp_len(s + b, w - b);
				if (width > WRAP && last_fit)
					break;
				last_fit = w;
				b = w;
				while (b < eol && is_space(s[b])) {
					width++;
					b++;
				}
			}
			if ((rc = line(ctx, s + a, last_fit - a)) < 0)
				return rc;
			a = last_fit;
		}
		i = eol + 1;
	}
	return 0;
}

static int put_text_line(void *ctx, const char *p, size_t len)
{
	cdr_buf *b = ctx;
	if (len == 0)
		return cdr_buf_putc(b, '\n') < 0 ? CDR_ENOMEM : 0;
	if (cdr_buf_puts(b, INDENT) < 0 || cdr_buf_put(b, p, len) < 0 || cdr_buf_putc(b, '\n') < 0)
		return CDR_ENOMEM;
	return 0;
}

static int put_entry(cdr_buf *b, const struct entry *e, const cdr_turn *t, const cdr_schemes *set)
{
	if (cdr_buf_puts(b, short_code(set, e->code)) < 0)
		return CDR_ENOMEM;
	if (e->start == t->span.start && e->end == t->span.end)
		return 0;
	return cdr_buf_printf(b, "[c%zu-%zu]", e->start, e->end) < 0 ? CDR_ENOMEM : 0;
}

/* "#   CODE[cA-B] "the words..."" under the turn line: what a part says. */
static int put_quote(cdr_buf *b, const struct entry *e, const cdr_document *doc, const cdr_schemes *set,
		     const cdr_turn *t)
{
	cdr_span sp = { e->start, e->end };
	size_t len = cdr_document_length(doc);
	char *q;

	if (sp.end > len || sp.start >= sp.end)
		return 0;
	if (sp.end - sp.start > QUOTE)
		sp.end = sp.start + QUOTE;
	if ((q = cdr_document_slice(doc, sp)) == NULL)
		return CDR_ENOMEM;
	for (char *c = q; *c; c++)
		if (is_space(*c))
			*c = ' ';
	int rc = cdr_buf_puts(b, "#   ") < 0 || put_entry(b, e, t, set) < 0 ||
		 cdr_buf_printf(b, " \"%s%s\"\n", q, e->end - e->start > QUOTE ? "…" : "") < 0;
	free(q);
	return rc ? CDR_ENOMEM : 0;
}

static int put_header(cdr_buf *b, const char *doc_id, const char *coder)
{
	return cdr_buf_printf(
		       b,
		       "# codeer code edit: document %s, coder %s\n"
		       "#\n"
		       "# Each turn is a line \"tN SPEAKER [TIME] || CODES\" with its text below it.\n"
		       "# Edit the codes after \"||\", separated by commas or spaces:\n"
		       "#   CODE           codes the whole turn\n"
		       "#   CODE[cA-B]     codes the code points A up to B of the turn\n"
		       "#   CODE[sN]       codes sentence N, which lies in the turn\n"
		       "#   CODE[\"words\"]  codes these words, which occur once in the turn\n"
		       "# CODE is a code id, or scheme/code (the codes are listed at the end). A\n"
		       "# code taken away removes that coding of %s's; a code added is a new\n"
		       "# coding. The text cannot be changed here; lines starting with # are\n"
		       "# comments. Save and quit to apply, quit without saving to change nothing.\n",
		       doc_id, coder, coder) < 0
		       ? CDR_ENOMEM
		       : 0;
}

static int put_codebook(cdr_buf *b, const cdr_schemes *set)
{
	size_t width = 0;

	for (size_t i = 0; i < cdr_schemes_count(set); i++) {
		const cdr_scheme *s = cdr_schemes_get(set, i);
		for (size_t c = 0; c < cdr_scheme_code_count(s); c++) {
			const cdr_code *code = cdr_scheme_code(s, c);
			size_t w = strlen(short_code(set, code->qualified)) + 2 * code->depth;
			if (w > width)
				width = w;
		}
	}
	if (cdr_buf_puts(b, "# The codes:\n") < 0)
		return CDR_ENOMEM;
	if (cdr_schemes_count(set) == 0 && cdr_buf_puts(b, "#   (none: the project has no scheme)\n") < 0)
		return CDR_ENOMEM;
	for (size_t i = 0; i < cdr_schemes_count(set); i++) {
		const cdr_scheme *s = cdr_schemes_get(set, i);
		for (size_t c = 0; c < cdr_scheme_code_count(s); c++) {
			const cdr_code *code = cdr_scheme_code(s, c);
			const char *name = short_code(set, code->qualified);
			int pad = (int)(width - 2 * code->depth);
			if (cdr_buf_printf(b, "#   %*s%-*s  %s\n", (int)(2 * code->depth), "", pad, name, code->label) < 0)
				return CDR_ENOMEM;
		}
	}
	return 0;
}

int cdr_edit_write(char **out, size_t *len, const cdr_document *doc, const char *doc_id, const cdr_schemes *set,
		   const cdr_codings *k)
{
	size_t nturns = cdr_document_turn_count(doc), nshown = 0, at = 0;
	struct entry *shown = NULL;
	cdr_buf b = CDR_BUF_INIT;
	int rc;

	*out = NULL;
	*len = 0;
	if (nturns == 0)
		return cdr_error_set(CDR_ENOTFOUND, "%s has no turns to code", doc_id);
	if ((rc = shown_codings(&shown, &nshown, doc, doc_id, k)) < 0 || (rc = put_header(&b, doc_id, cdr_codings_coder(k))) < 0)
		goto done;
	for (size_t t = 0; t < nturns && rc == 0; t++) {
		const cdr_turn *turn = cdr_document_turn(doc, t);
		size_t first = at, nq = 0;
		char *text;
		rc = cdr_buf_printf(&b, "\nt%zu%s%s%s%s%s ||", t + 1, *turn->speaker ? " " : "", turn->speaker,
				    *turn->time ? " [" : "", turn->time, *turn->time ? "]" : "") < 0
			     ? CDR_ENOMEM
			     : 0;
		/* the codings shown here: those whose home is this turn, in order */
		for (size_t i = 0; i < nshown && rc == 0; i++) {
			if (shown[i].turn != t)
				continue;
			rc = cdr_buf_puts(&b, nq++ ? ", " : " ") < 0 ? CDR_ENOMEM : put_entry(&b, &shown[i], turn, set);
		}
		if (rc == 0 && cdr_buf_putc(&b, '\n') < 0)
			rc = CDR_ENOMEM;
		for (size_t i = first; i < nshown && rc == 0; i++)
			if (shown[i].turn == t && !(shown[i].start == turn->span.start && shown[i].end == turn->span.end))
				rc = put_quote(&b, &shown[i], doc, set, turn);
		if (rc < 0)
			break;
		if ((text = cdr_document_slice(doc, turn->span)) == NULL) {
			rc = cdr_error_set(CDR_ENOMEM, "out of memory");
			break;
		}
		rc = wrap(text, strlen(text), put_text_line, &b);
		free(text);
	}
	if (rc == 0 && (cdr_buf_putc(&b, '\n') < 0 || put_codebook(&b, set) < 0))
		rc = CDR_ENOMEM;
done:
	free(shown);
	if (rc < 0) {
		cdr_buf_free(&b);
		return rc == CDR_ENOMEM ? cdr_error_set(CDR_ENOMEM, "out of memory") : rc;
	}
	*out = cdr_buf_detach(&b, len);
	if (*out == NULL)
		return cdr_error_set(CDR_ENOMEM, "out of memory");
	return 0;
}

/* ---- reading ------------------------------------------------------------- */

struct reader {
	cdr_edit_result *r;
	const cdr_document *doc;
	const char *doc_id;
	const cdr_schemes *set;
	const cdr_codings *k;
	struct entry *old;      /* what the file showed, sorted */
	size_t nold;
	struct entry *now;      /* what it holds */
	size_t nnow, capnow;
	size_t *turn_line;      /* per turn: the line of its turn line, 0 when none */
	/* the turn being read, and how far its text has been matched */
	long turn;
	char *expect;           /* the turn's text, whitespace collapsed */
	size_t expect_len, pos;
	size_t last_line;       /* the turn's last line read */
	int text_bad;
};

static int add_error(struct reader *rd, size_t line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int add_error(struct reader *rd, size_t line, const char *fmt, ...)
{
	cdr_edit_result *r = rd->r;
	char *m;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || cdr_grow((void **)&r->errors, &r->ecap, r->nerrors + 1, sizeof(*r->errors)) < 0 ||
	    (m = cdr_malloc((size_t)n + 1)) == NULL)
		return cdr_error_set(CDR_ENOMEM, "out of memory");
	va_start(ap, fmt);
	vsnprintf(m, (size_t)n + 1, fmt, ap);
	va_end(ap);
	r->errors[r->nerrors++] = (cdr_edit_error){ line, m };
	return 0;
}

/* s with every run of whitespace one space, trimmed (caller frees). */
static char *collapse(const char *s, size_t n, size_t *out_len)
{
	char *o = cdr_malloc(n + 1);
	size_t w = 0;
	int gap = 0;

	if (o == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (is_space(s[i])) {
			gap = w > 0;
			continue;
		}
		if (gap)
			o[w++] = ' ';
		gap = 0;
		o[w++] = s[i];
	}
	o[w] = '\0';
	*out_len = w;
	return o;
}

/* The end of a turn's block: all its text must have been there. */
static int end_turn(struct reader *rd)
{
	int rc = 0;

	if (rd->turn >= 0 && !rd->text_bad && rd->pos < rd->expect_len)
		rc = add_error(rd, rd->last_line,
			       "t%ld: the end of the turn's text is missing (the text cannot be changed here)", rd->turn + 1);
	free(rd->expect);
	rd->expect = NULL;
	rd->turn = -1;
	return rc;
}

static int start_turn(struct reader *rd, size_t t, size_t line)
{
	const cdr_turn *turn = cdr_document_turn(rd->doc, t);
	char *text = cdr_document_slice(rd->doc, turn->span);

	if (text == NULL || (rd->expect = collapse(text, strlen(text), &rd->expect_len)) == NULL) {
		free(text);
		return cdr_error_set(CDR_ENOMEM, "out of memory");
	}
	free(text);
	rd->turn = (long)t;
	rd->pos = 0;
	rd->text_bad = 0;
	rd->last_line = line;
	return 0;
}

/* A text line of the current turn: the next words of its text. */
static int text_line(struct reader *rd, const char *s, size_t n, size_t line)
{
	size_t len;
	char *c;
	int ok;

	rd->last_line = line;
	if (rd->text_bad)
		return 0;
	if ((c = collapse(s, n, &len)) == NULL)
		return cdr_error_set(CDR_ENOMEM, "out of memory");
	if (len == 0) {
		free(c);
		return 0;
	}
	ok = rd->pos + (rd->pos > 0) + len <= rd->expect_len && (rd->pos == 0 || rd->expect[rd->pos] == ' ') &&
	     memcmp(rd->expect + rd->pos + (rd->pos > 0), c, len) == 0;
	free(c);
	if (ok) {
		rd->pos += (rd->pos > 0) + len;
		/* a word must end where the line does */
		if (rd->pos == rd->expect_len || rd->expect[rd->pos] == ' ')
			return 0;
	}
	rd->text_bad = 1;
	return add_error(rd, line,
			 "t%ld: the turn's text differs from the document here; only the codes after || can be "
			 "changed (restore the text, or quit without saving)",
			 rd->turn + 1);
}

static struct entry *find_old(struct reader *rd, size_t start, size_t end, const char *code)
{
	struct entry key = { start, end, code, 0, 0, 0 };
	return cdr_search(&key, rd->old, rd->nold, sizeof(key), entry_cmp);
}

/* The one place of `phrase` in the turn, as code points. */
static int find_phrase(struct reader *rd, const cdr_turn *turn, const char *phrase, size_t plen, size_t *start,
		       size_t *end, size_t *hits)
{
	char *text = cdr_document_slice(rd->doc, turn->span), *norm = NULL;
	size_t nlen = 0;

	*hits = 0;
	if (text == NULL)
		return cdr_error_set(CDR_ENOMEM, "out of memory");
	/* typed in another normal form (NFD on macOS), it is still found */
	if (cdr_text_normalize(&norm, &nlen, phrase, plen) < 0) {
		free(text);
		return cdr_error_last_code() == CDR_ENOMEM ? CDR_ENOMEM : 0;
	}
	if (nlen > 0)
		for (const char *p = strstr(text, norm); p; p = strstr(p + 1, norm)) {
			if ((*hits)++ == 0) {
				*start = turn->span.start + cp_len(text, (size_t)(p - text));
				*end = *start + cp_len(norm, nlen);
			}
		}
	free(norm);
	free(text);
	return 0;
}

/* One entry of a turn line: CODE, CODE[cA-B], CODE[sN] or CODE["words"]. */
static int read_entry(struct reader *rd, size_t t, size_t line, const char *item, size_t ilen, const char *code,
		      size_t clen, const char *ref, size_t rlen, int phrase)
{
	const cdr_turn *turn = cdr_document_turn(rd->doc, t);
	size_t start = turn->span.start, end = turn->span.end, doclen = cdr_document_length(rd->doc);
	char name[600], refbuf[64];
	const cdr_code *c = NULL;
	const char *qualified;
	struct entry *old;

	if (clen >= sizeof(name) || clen == 0)
		return add_error(rd, line, "t%zu: '%.*s' is not a code", t + 1, (int)ilen, item);
	memcpy(name, code, clen);
	name[clen] = '\0';
	if (phrase) {
		size_t hits;
		int rc = find_phrase(rd, turn, ref, rlen, &start, &end, &hits);
		if (rc < 0)
			return rc;
		if (hits != 1)
			return add_error(rd, line, "t%zu: \"%.*s\" occurs %zu times in the turn; it must occur once (or "
						   "give the code points as [cA-B])",
					 t + 1, (int)rlen, ref, hits);
	} else if (ref) {
		char tail;
		snprintf(refbuf, sizeof(refbuf), "%.*s", (int)(rlen < sizeof(refbuf) ? rlen : sizeof(refbuf) - 1), ref);
		if (rlen < sizeof(refbuf) && sscanf(refbuf, "c%zu-%zu%c", &start, &end, &tail) == 2 && refbuf[1] >= '0' &&
		    refbuf[1] <= '9') {
			if (start >= end || end > doclen)
				return add_error(rd, line, "t%zu: [%s] is no span of the document (it has %zu code points)",
						 t + 1, refbuf, doclen);
		} else if (rlen < sizeof(refbuf) && sscanf(refbuf, "s%zu%c", &start, &tail) == 1 && refbuf[1] >= '0' &&
			   refbuf[1] <= '9') {
			size_t ns = cdr_document_sentence_count(rd->doc), sn = start;
			if (sn == 0 || sn > ns)
				return add_error(rd, line, "t%zu: [%s]: the document has sentences s1 to s%zu", t + 1, refbuf,
						 ns);
			start = cdr_document_sentence(rd->doc, sn - 1)->start;
			end = cdr_document_sentence(rd->doc, sn - 1)->end;
		} else {
			return add_error(rd, line,
					 "t%zu: '%.*s' is no place in a turn: write CODE[cA-B], CODE[sN] or CODE[\"words\"]",
					 t + 1, (int)ilen, item);
		}
	}
	if (cdr_schemes_resolve(&c, rd->set, name) == 0) {
		qualified = c->qualified;
	} else if (strchr(name, '/') && find_old(rd, start, end, name)) {
		/* a code the schemes lost: kept as it was, never made anew */
		qualified = find_old(rd, start, end, name)->code;
	} else {
		return add_error(rd, line, "t%zu: %s", t + 1, cdr_error_last());
	}
	old = find_old(rd, start, end, qualified);
	if (old == NULL) {
		/* new: within the turn it is written at, and not a rejected one */
		if (start < turn->span.start || end > turn->span.end)
			return add_error(rd, line, "t%zu: %s c%zu-%zu is not within t%zu (c%zu-%zu); a new coding goes on "
						   "the line of its turn",
					 t + 1, short_code(rd->set, qualified), start, end, t + 1, turn->span.start,
					 turn->span.end);
		if (cdr_codings_find(rd->k, rd->doc_id, start, end, qualified) >= 0)
			return add_error(rd, line, "t%zu: %s c%zu-%zu is a coding %s rejected; unreject it to use it again",
					 t + 1, short_code(rd->set, qualified), start, end, cdr_codings_coder(rd->k));
	}
	if (cdr_grow((void **)&rd->now, &rd->capnow, rd->nnow + 1, sizeof(*rd->now)) < 0)
		return cdr_error_set(CDR_ENOMEM, "out of memory");
	rd->now[rd->nnow++] = (struct entry){ start, end, qualified, t, line, 0 };
	return 0;
}

/* The codes after "||". */
static int read_codes(struct reader *rd, size_t t, size_t line, const char *s, size_t n)
{
	size_t i = 0;
	int rc;

	while (i < n) {
		size_t item = i, code, clen, ref = 0, rlen = 0;
		int has_ref = 0, phrase = 0;
		if (is_space(s[i]) || s[i] == ',') {
			i++;
			continue;
		}
		code = i;
		while (i < n && !is_space(s[i]) && s[i] != ',' && s[i] != '[')
			i++;
		clen = i - code;
		if (i < n && s[i] == '[') {
			has_ref = 1;
			i++;
			if (i < n && s[i] == '"') {
				phrase = 1;
				ref = ++i;
				while (i < n && s[i] != '"')
					i++;
				rlen = i - ref;
				if (i < n)
					i++;
				if (i >= n || s[i] != ']' || rlen == 0) {
					while (i < n && s[i] != ']')
						i++;
					return add_error(rd, line, "t%zu: '%.*s' is not an entry: write CODE[\"words\"] with the "
								   "words between double quotes",
							 t + 1, (int)(i - item + (i < n)), s + item);
				}
			} else {
				ref = i;
				while (i < n && s[i] != ']' && !is_space(s[i]) && s[i] != ',')
					i++;
				rlen = i - ref;
				if (i >= n || s[i] != ']')
					return add_error(rd, line, "t%zu: '%.*s' is not an entry: a '[' needs its ']'", t + 1,
							 (int)(i - item), s + item);
			}
			i++; /* the ']' */
			if (i < n && !is_space(s[i]) && s[i] != ',') {
				while (i < n && !is_space(s[i]) && s[i] != ',')
					i++;
				return add_error(rd, line, "t%zu: '%.*s' is not an entry: put a comma or a space after ']'",
						 t + 1, (int)(i - item), s + item);
			}
		}
		if ((rc = read_entry(rd, t, line, s + item, i - item, s + code, clen, has_ref ? s + ref : NULL, rlen,
				     phrase)) < 0)
			return rc;
	}
	return 0;
}

/* "tN ..." at the start of a line: a turn line (*num its N, 0 if too big). */
static int is_turn_line(const char *s, size_t n, size_t *num)
{
	size_t i = 1, v = 0;
	int big = 0;

	if (n < 2 || s[0] != 't' || s[1] < '0' || s[1] > '9')
		return 0;
	while (i < n && s[i] >= '0' && s[i] <= '9') {
		if (v > ((size_t)-1 - 9) / 10)
			big = 1;
		else
			v = v * 10 + (size_t)(s[i] - '0');
		i++;
	}
	if (i < n && !is_space(s[i]) && s[i] != '|')
		return 0;
	*num = big ? 0 : v;
	return 1;
}

static int turn_line(struct reader *rd, const char *s, size_t n, size_t line)
{
	size_t num = 0, nturns = cdr_document_turn_count(rd->doc);
	const char *bars = NULL;
	int rc;

	if ((rc = end_turn(rd)) < 0)
		return rc;
	is_turn_line(s, n, &num);
	if (num == 0 || num > nturns) {
		rd->turn = -2; /* no turn: its text lines are not checked */
		return add_error(rd, line, "%.*s: the document has turns t1 to t%zu", (int)strcspn(s, " \t|"), s, nturns);
	}
	if (rd->turn_line[num - 1]) {
		rd->turn = -2;
		return add_error(rd, line, "t%zu appears twice (also on line %zu)", num, rd->turn_line[num - 1]);
	}
	rd->turn_line[num - 1] = line;
	if ((rc = start_turn(rd, num - 1, line)) < 0)
		return rc;
	/* the codes follow the last "||": a speaker may hold one, a code never */
	for (size_t i = 0; i + 1 < n; i++)
		if (s[i] == '|' && s[i + 1] == '|')
			bars = s + i;
	if (bars == NULL)
		return add_error(rd, line, "t%zu: the turn line has no \"||\" before its codes", num);
	return read_codes(rd, num - 1, line, bars + 2, (size_t)(s + n - bars - 2));
}

/* Turns without a turn line: one error per run of them, above the line of
 * the next turn there is (or at the end). */
static int missing_turns(struct reader *rd, size_t nlines)
{
	size_t nturns = cdr_document_turn_count(rd->doc);
	int rc;

	for (size_t t = 0; t < nturns; t++) {
		size_t a = t, at = nlines + 1;
		if (rd->turn_line[t])
			continue;
		while (t + 1 < nturns && !rd->turn_line[t + 1])
			t++;
		if (t + 1 < nturns)
			at = rd->turn_line[t + 1];
		if (a == t)
			rc = add_error(rd, at, "t%zu is missing: every turn keeps its line (empty its codes to remove them)",
				       a + 1);
		else
			rc = add_error(rd, at, "t%zu to t%zu are missing: every turn keeps its line (empty its codes to "
					       "remove them)",
				       a + 1, t + 1);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* Errors by line, in the order found within a line (an insertion sort:
 * stable, and the list is short). */
static void sort_errors(cdr_edit_result *r)
{
	for (size_t i = 1; i < r->nerrors; i++) {
		cdr_edit_error e = r->errors[i];
		size_t j = i;
		for (; j > 0 && r->errors[j - 1].line > e.line; j--)
			r->errors[j] = r->errors[j - 1];
		r->errors[j] = e;
	}
}

static int change_cmp(const void *a, const void *b)
{
	const cdr_edit_change *x = a, *y = b;
	if (x->add != y->add)
		return x->add - y->add;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return strcmp(x->code, y->code);
}

static int add_change(cdr_edit_result *r, int add, const struct entry *e)
{
	char *code;
	if (cdr_grow((void **)&r->changes, &r->cap, r->nchanges + 1, sizeof(*r->changes)) < 0 ||
	    (code = cdr_strdup(e->code)) == NULL)
		return cdr_error_set(CDR_ENOMEM, "out of memory");
	r->changes[r->nchanges++] = (cdr_edit_change){ add, e->turn + 1, e->start, e->end, code };
	return 0;
}

/* The two sets compared: what the file showed and no longer holds is
 * removed, what it holds and did not show is added. */
static int diff(struct reader *rd)
{
	int rc = 0;

	cdr_sort(rd->now, rd->nnow, sizeof(*rd->now), entry_cmp);
	for (size_t i = 0; i < rd->nnow && rc == 0; i++) {
		struct entry *old;
		if (i > 0 && entry_cmp(&rd->now[i - 1], &rd->now[i]) == 0)
			continue; /* written twice: one coding */
		if ((old = find_old(rd, rd->now[i].start, rd->now[i].end, rd->now[i].code)) != NULL)
			old->seen = 1;
		else
			rc = add_change(rd->r, 1, &rd->now[i]);
	}
	for (size_t i = 0; i < rd->nold && rc == 0; i++)
		if (!rd->old[i].seen)
			rc = add_change(rd->r, 0, &rd->old[i]);
	if (rc == 0)
		cdr_sort(rd->r->changes, rd->r->nchanges, sizeof(*rd->r->changes), change_cmp);
	return rc;
}

void cdr_edit_result_free(cdr_edit_result *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->nchanges; i++)
		free(r->changes[i].code);
	for (size_t i = 0; i < r->nerrors; i++)
		free(r->errors[i].message);
	free(r->changes);
	free(r->errors);
	memset(r, 0, sizeof(*r));
}

int cdr_edit_read(cdr_edit_result *r, const char *text, size_t len, const cdr_document *doc, const char *doc_id,
		  const cdr_schemes *set, const cdr_codings *k)
{
	struct reader rd = { .r = r, .doc = doc, .doc_id = doc_id, .set = set, .k = k, .turn = -1 };
	size_t nturns = cdr_document_turn_count(doc), line = 0, i = 0, turn_lines = 0, other = 0;
	int rc;

	memset(r, 0, sizeof(*r));
	if (nturns == 0)
		return cdr_error_set(CDR_ENOTFOUND, "%s has no turns to code", doc_id);
	if ((rc = shown_codings(&rd.old, &rd.nold, doc, doc_id, k)) < 0)
		return cdr_error_set(CDR_ENOMEM, "out of memory");
	if ((rd.turn_line = cdr_calloc(nturns, sizeof(size_t))) == NULL) {
		rc = cdr_error_set(CDR_ENOMEM, "out of memory");
		goto done;
	}
	while (i < len && rc == 0) {
		size_t eol = i, n;
		const char *s = text + i;
		size_t num;
		while (eol < len && text[eol] != '\n')
			eol++;
		n = eol - i;
		if (n > 0 && s[n - 1] == '\r')
			n--;
		line++;
		i = eol + 1;
		if (n > 0 && s[0] == '#')
			continue;
		if (is_turn_line(s, n, &num)) {
			turn_lines++;
			rc = turn_line(&rd, s, n, line);
			continue;
		}
		size_t j = 0;
		while (j < n && is_space(s[j]))
			j++;
		if (j == n)
			continue;
		other++;
		if (rd.turn >= 0)
			rc = text_line(&rd, s, n, line);
		else if (rd.turn == -1)
			rc = add_error(&rd, line, "text before the first turn line (a comment starts with #)");
	}
	if (rc == 0)
		rc = end_turn(&rd);
	if (rc == 0 && turn_lines == 0 && other == 0) {
		r->empty = 1;
		goto done;
	}
	if (rc == 0)
		rc = missing_turns(&rd, line);
	if (rc == 0 && r->nerrors == 0)
		rc = diff(&rd);
	if (rc == 0 && r->nerrors > 0) {
		sort_errors(r);
		for (size_t c = 0; c < r->nchanges; c++)
			free(r->changes[c].code);
		r->nchanges = 0;
	}
done:
	free(rd.expect);
	free(rd.old);
	free(rd.now);
	free(rd.turn_line);
	if (rc < 0)
		cdr_edit_result_free(r);
	return rc;
}

/* ---- marking errors ------------------------------------------------------ */

static int is_error_line(const char *s, size_t n)
{
	return n >= 8 && memcmp(s, "# error:", 8) == 0;
}

static int put_errors(cdr_buf *b, const cdr_edit_result *r, size_t *e, size_t upto)
{
	for (; *e < r->nerrors && r->errors[*e].line <= upto; (*e)++)
		if (cdr_buf_printf(b, "# error: %s\n", r->errors[*e].message) < 0)
			return CDR_ENOMEM;
	return 0;
}

int cdr_edit_mark(char **out, size_t *len, const char *text, size_t text_len, const cdr_edit_result *r)
{
	cdr_buf b = CDR_BUF_INIT;
	size_t i = 0, line = 0, e = 0;
	int rc = 0;

	*out = NULL;
	*len = 0;
	while (i < text_len && rc == 0) {
		size_t eol = i;
		while (eol < text_len && text[eol] != '\n')
			eol++;
		line++;
		if (!is_error_line(text + i, eol - i))
			rc = put_errors(&b, r, &e, line) < 0 || cdr_buf_put(&b, text + i, eol - i) < 0 ||
					     cdr_buf_putc(&b, '\n') < 0
				     ? CDR_ENOMEM
				     : 0;
		i = eol + 1;
	}
	if (rc == 0)
		rc = put_errors(&b, r, &e, (size_t)-1);
	if (rc < 0 || (*out = cdr_buf_detach(&b, len)) == NULL) {
		cdr_buf_free(&b);
		return cdr_error_set(CDR_ENOMEM, "out of memory");
	}
	return 0;
}

/* ---- applying ------------------------------------------------------------ */

struct removal {
	const char *doc;
	const cdr_edit_result *r;
};

static int keep_unremoved(void *ctx, const cdr_coding *c)
{
	const struct removal *rm = ctx;

	if (strcmp(c->doc, rm->doc) != 0 || is_rejected(c))
		return 1;
	for (size_t i = 0; i < rm->r->nchanges; i++) {
		const cdr_edit_change *ch = &rm->r->changes[i];
		if (!ch->add && ch->start == c->start && ch->end == c->end && strcmp(ch->code, c->code) == 0)
			return 0;
	}
	return 1;
}

int cdr_edit_apply(cdr_codings *k, const char *doc_id, const cdr_edit_result *r)
{
	struct removal rm = { doc_id, r };
	size_t added = 0;
	int rc = 0;

	/* all checked before anything changes */
	for (size_t i = 0; i < r->nchanges; i++) {
		const cdr_edit_change *ch = &r->changes[i];
		long at = cdr_codings_find(k, doc_id, ch->start, ch->end, ch->code);
		if (ch->add && at >= 0)
			return cdr_error_set(CDR_EEXISTS, "%s c%zu-%zu is already coded %s by %s", doc_id, ch->start,
					     ch->end, ch->code, cdr_codings_coder(k));
		if (!ch->add && (at < 0 || is_rejected(cdr_codings_get(k, (size_t)at))))
			return cdr_error_set(CDR_ENOTFOUND, "%s c%zu-%zu: no coding of %s by %s to remove", doc_id,
					     ch->start, ch->end, ch->code, cdr_codings_coder(k));
	}
	for (size_t i = 0; i < r->nchanges && rc == 0; i++) {
		const cdr_edit_change *ch = &r->changes[i];
		if (ch->add && (rc = cdr_codings_add(k, doc_id, ch->start, ch->end, ch->code, "manual", "")) == 0)
			added++;
	}
	if (rc < 0) {
		/* take back what was added: the set is as it was */
		for (size_t i = 0; i < r->nchanges && added > 0; i++) {
			const cdr_edit_change *ch = &r->changes[i];
			long at;
			if (ch->add && (at = cdr_codings_find(k, doc_id, ch->start, ch->end, ch->code)) >= 0) {
				cdr_codings_remove(k, (size_t)at);
				added--;
			}
		}
		return rc;
	}
	cdr_codings_filter(k, keep_unremoved, &rm);
	return 0;
}
