/* stream.c -- autocode without a project: JSON lines of documents in,
 * JSON lines of documents and their codings out (cdr_autocode_stream in
 * autocode.h; the format is described in docs/autocode.md, Streaming).
 *
 * This is the per-document entry point a distributed engine maps over the
 * partitions of a corpus. The reading thread only cuts the input into
 * lines; parsing, checking, segmenting, coding and writing a document's
 * output lines happen on whichever thread codes it, and the calling thread
 * writes the finished lines in input order (cdr_engine_map), so the output
 * does not depend on the number of threads and no step that grows with
 * the text is serial. A bad line is reported with its number and skipped:
 * one broken record in ten million should not cost the other records
 * their codings, and the caller still learns (from `bad`) that the run
 * was not clean.
 *
 * Each document's line carries what a table of the whole corpus needs
 * besides the codings (case, attributes, words, words per speaker), and
 * each coding its speaker and its place on the document's words, so that
 * partial matrices can be made from this output alone (matrix.h,
 * cdr_matrix_partial_stream). */
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codeer/autocode.h"
#include "codeer/error.h"
#include "codeer/ingest.h"
#include "codeer/table.h"
#include "util/alloc.h"
#include "util/buf.h"

#define STREAM_VERSION 2

struct line_item {
	size_t line;
	char *raw;          /* the input line, until it is parsed */
	size_t rawlen;
	char *id;
	char bad[256];      /* why the line is skipped; empty when it is good */
	cdr_buf out;        /* the document's output lines, made on its thread */
	size_t ncodings;
};

struct stream {
	FILE *in, *out;
	cdr_warn_fn warn;
	void *ctx;
	char *buf;
	size_t cap, line;
	cdr_stream_result *res;
};

static void report(struct stream *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void report(struct stream *s, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (s->warn)
		s->warn(s->ctx, msg);
}

static void item_free(struct line_item *it)
{
	if (it == NULL)
		return;
	free(it->raw);
	free(it->id);
	cdr_buf_free(&it->out);
	free(it);
}

/* Check one record: an object with a non-empty string "id" and a string
 * "text" with some non-blank character; "case" a string and "attributes"
 * an object of strings when present. Other keys are ignored, so records
 * may carry more than codeer reads. */
static const char *check_record(json_t *j, const char **id, const char **text, size_t *len)
{
	json_t *v;
	const char *key;

	if (!json_is_object(j))
		return "not a JSON object";
	v = json_object_get(j, "id");
	if (!json_is_string(v) || json_string_length(v) == 0)
		return "no \"id\" (a non-empty string)";
	*id = json_string_value(v);
	if (strlen(*id) != json_string_length(v) || strpbrk(*id, "\t\n\r") != NULL)
		return "the \"id\" holds a tab, a line break or a NUL";
	v = json_object_get(j, "text");
	if (!json_is_string(v))
		return "no \"text\" (a string)";
	*text = json_string_value(v);
	*len = json_string_length(v);
	if (strspn(*text, " \t\r\n") == *len)
		return "the \"text\" is empty";
	v = json_object_get(j, "case");
	if (v && !json_is_string(v) && !json_is_null(v))
		return "\"case\" is not a string";
	if (json_is_string(v) && (strlen(json_string_value(v)) != json_string_length(v) ||
				  strpbrk(json_string_value(v), "\t\n\r") != NULL))
		return "the \"case\" holds a tab, a line break or a NUL";
	v = json_object_get(j, "attributes");
	if (v && !json_is_object(v) && !json_is_null(v))
		return "\"attributes\" is not an object";
	json_object_foreach(v, key, j)
		if (!json_is_string(j))
			return "an attribute's value is not a string";
	return NULL;
}

/* The next line, as it is: parsing waits for a coding thread. */
static int next_item(void *ctx, void **item)
{
	struct stream *s = ctx;

	for (;;) {
		ssize_t n = getline(&s->buf, &s->cap, s->in);
		struct line_item *it;

		if (n < 0) {
			if (ferror(s->in))
				return cdr_error_set(CDR_EIO, "cannot read the documents: %s", "read error");
			return 0;
		}
		s->line++;
		if (strspn(s->buf, " \t\r\n") == (size_t)n)
			continue; /* a blank line is no record */
		if ((it = cdr_calloc(1, sizeof(*it))) == NULL)
			return CDR_ENOMEM;
		/* the item takes the line; getline makes the next one */
		it->raw = s->buf;
		it->rawlen = (size_t)n;
		it->line = s->line;
		s->buf = NULL;
		s->cap = 0;
		*item = it;
		return 1;
	}
}

/* The document's line, up to its words: id, case and attributes. */
static int doc_head(struct line_item *it, json_t *j)
{
	json_t *c = json_object_get(j, "case"), *attrs = json_object_get(j, "attributes"), *v;
	const char *key;
	int rc, first = 1;

	rc = cdr_buf_puts(&it->out, "{\"document\": ");
	if (rc == 0)
		rc = cdr_buf_json_string(&it->out, it->id);
	if (rc == 0)
		rc = cdr_buf_puts(&it->out, ", \"case\": ");
	if (rc == 0)
		rc = json_is_string(c) ? cdr_buf_json_string(&it->out, json_string_value(c)) : cdr_buf_puts(&it->out, "null");
	if (rc == 0)
		rc = cdr_buf_puts(&it->out, ", \"attributes\": {");
	json_object_foreach(attrs, key, v) {
		if (rc == 0 && !first)
			rc = cdr_buf_puts(&it->out, ", ");
		if (rc == 0)
			rc = cdr_buf_json_string(&it->out, key);
		if (rc == 0)
			rc = cdr_buf_puts(&it->out, ": ");
		if (rc == 0)
			rc = cdr_buf_json_string(&it->out, json_string_value(v));
		first = 0;
	}
	if (rc == 0)
		rc = cdr_buf_putc(&it->out, '}');
	return rc;
}

/* Parse, check and segment one line (any thread). A bad line becomes an
 * item without a document, reported in order when its turn comes. The
 * text is segmented as `codeer add` does a .txt file with the default
 * settings. */
static int load_item(void *ctx, void *item, cdr_document **doc)
{
	struct line_item *it = item;
	cdr_ingest_options o = { 0 };
	const char *id = NULL, *text = NULL, *why;
	size_t len = 0;
	json_error_t err;
	json_t *j;
	char name[64];
	int rc;

	(void)ctx;
	*doc = NULL;
	j = json_loadb(it->raw, it->rawlen, JSON_REJECT_DUPLICATES, &err);
	free(it->raw);
	it->raw = NULL;
	if (j == NULL) {
		snprintf(it->bad, sizeof(it->bad), "line %zu: not JSON (%s); skipped", it->line, err.text);
		return 0;
	}
	if ((why = check_record(j, &id, &text, &len)) != NULL) {
		snprintf(it->bad, sizeof(it->bad), "line %zu: %s; skipped", it->line, why);
		json_decref(j);
		return 0;
	}
	if ((it->id = cdr_strdup(id)) == NULL || doc_head(it, j) < 0) {
		json_decref(j);
		return CDR_ENOMEM;
	}
	o.format = "txt";
	snprintf(name, sizeof(name), "line %zu", it->line);
	rc = cdr_ingest_bytes(doc, text, len, name, &o);
	json_decref(j);
	if (rc >= 0 && (rc = cdr_document_set_info(*doc, "id", it->id)) < 0) {
		cdr_document_free(*doc);
		*doc = NULL;
	}
	return rc;
}

/* ---- words: where a coding lies on the document's words --------------- */

/*
 * A coding's "words" [F, T]: its words are T - F, and the words of any
 * run of codings that overlap or touch (joined as matrix and freq join
 * them before counting) are the largest T minus the smallest F of those
 * that hold a word. T is the number of words that start before the
 * coding's end; F is T less the coding's own words (a word cut at either
 * edge counts, as in cdr_text_words). Both come from the words of the
 * whitespace-separated chunks, where counting starts afresh: G(x), the
 * words starting before byte x, is G at the chunk start plus the words
 * of the chunk up to x.
 */
struct anchor {
	size_t byte; /* a byte offset after white space (or 0) */
	size_t g;    /* the words that start before it */
};

struct marks {
	struct anchor *v; /* increasing */
	size_t n, cap, total;
};

static int is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

static int marks_make(struct marks *m, const char *text, size_t len)
{
	size_t g = 0, prev = 0;

	memset(m, 0, sizeof(*m));
	for (size_t b = 0; b == 0 || b < len; b++) {
		if (b != 0 && !is_space(text[b - 1]))
			continue;
		g += cdr_text_words(text + prev, b - prev);
		if (cdr_grow((void **)&m->v, &m->cap, m->n + 1, sizeof(*m->v)) < 0)
			return CDR_ENOMEM;
		m->v[m->n++] = (struct anchor){ b, g };
		prev = b;
	}
	m->total = g + cdr_text_words(text + prev, len - prev);
	return 0;
}

static void marks_free(struct marks *m)
{
	free(m->v);
}

/* The last anchor at or before byte x. */
static size_t anchor_at(const struct marks *m, size_t x)
{
	size_t lo = 0, hi = m->n;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->v[mid].byte <= x)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* G(x): the words that start before byte x. */
static size_t words_before(const struct marks *m, const char *text, size_t x)
{
	size_t a = anchor_at(m, x);
	return m->v[a].g + cdr_text_words(text + m->v[a].byte, x - m->v[a].byte);
}

/* The F of a coding that starts at byte x: the next chunk start less the
 * words from x to it (no word starts between a chunk start and x, and a
 * word cut at x counts once). */
static size_t words_from(const struct marks *m, const char *text, size_t len, size_t x)
{
	size_t a = anchor_at(m, x), next, g;

	if (a + 1 < m->n) {
		next = m->v[a + 1].byte;
		g = m->v[a + 1].g;
	} else {
		next = len;
		g = m->total;
	}
	return g - cdr_text_words(text + x, next - x);
}

/* ---- the output lines ---------------------------------------------------- */

struct pos {
	size_t cp, i;
	int end;
};

static int cmp_pos(const void *a, const void *b)
{
	const struct pos *x = a, *y = b;
	return x->cp < y->cp ? -1 : x->cp > y->cp;
}

/* The document's words per speaker, in the order of its turns (a
 * transcript has few speakers and many turns). */
static int put_speakers(cdr_buf *b, const cdr_document *doc)
{
	size_t n = cdr_document_turn_count(doc), nsp = 0, *words = NULL;
	const char **sp = NULL;
	int rc = 0;

	if (n && ((sp = cdr_calloc(n, sizeof(char *))) == NULL || (words = cdr_calloc(n, sizeof(size_t))) == NULL))
		rc = CDR_ENOMEM;
	for (size_t t = 0; t < n && rc == 0; t++) {
		const cdr_turn *turn = cdr_document_turn(doc, t);
		size_t k = 0;
		while (k < nsp && strcmp(sp[k], turn->speaker) != 0)
			k++;
		if (k == nsp)
			sp[nsp++] = turn->speaker;
		words[k] += turn->words;
	}
	if (rc == 0)
		rc = cdr_buf_puts(b, ", \"speakers\": {");
	for (size_t k = 0; k < nsp && rc == 0; k++) {
		if (k > 0)
			rc = cdr_buf_puts(b, ", ");
		if (rc == 0)
			rc = cdr_buf_json_string(b, sp[k]);
		if (rc == 0)
			rc = cdr_buf_printf(b, ": %zu", words[k]);
	}
	if (rc == 0)
		rc = cdr_buf_puts(b, "}}\n");
	free(sp);
	free(words);
	return rc;
}

/* The document's line and its codings' lines, on the thread that coded
 * it. */
static int coded_item(void *ctx, void *item, const cdr_document *doc, const cdr_proposals *props)
{
	struct line_item *it = item;
	size_t len, *bytes = NULL, *from = NULL, *to = NULL, n = props->n;
	const char *text = cdr_document_text(doc, &len);
	struct pos *pos = NULL;
	struct marks m;
	cdr_cp_cursor cur;
	int rc;

	(void)ctx;
	memset(&m, 0, sizeof(m));
	if ((rc = cdr_buf_printf(&it->out, ", \"words\": %zu", cdr_document_words(doc))) < 0 ||
	    (rc = put_speakers(&it->out, doc)) < 0)
		return CDR_ENOMEM;
	if (n == 0)
		return 0;
	if ((pos = cdr_malloc(2 * n * sizeof(*pos))) == NULL || (bytes = cdr_malloc(2 * n * sizeof(size_t))) == NULL ||
	    (from = cdr_malloc(n * sizeof(size_t))) == NULL || (to = cdr_malloc(n * sizeof(size_t))) == NULL ||
	    marks_make(&m, text, len) < 0) {
		rc = CDR_ENOMEM;
		goto done;
	}
	/* code points to bytes in one pass: the offsets in increasing order */
	for (size_t i = 0; i < n; i++) {
		pos[2 * i] = (struct pos){ props->v[i].span.start, i, 0 };
		pos[2 * i + 1] = (struct pos){ props->v[i].span.end, i, 1 };
	}
	qsort(pos, 2 * n, sizeof(*pos), cmp_pos);
	cdr_cp_cursor_init(&cur, text, len);
	for (size_t k = 0; k < 2 * n; k++)
		bytes[2 * pos[k].i + pos[k].end] = cdr_cp_cursor_byte(&cur, pos[k].cp);
	for (size_t i = 0; i < n; i++) {
		size_t bs = bytes[2 * i], be = bytes[2 * i + 1], own = cdr_text_words(text + bs, be - bs);
		to[i] = words_before(&m, text, be);
		from[i] = own ? words_from(&m, text, len, bs) : to[i];
	}
	for (size_t i = 0; i < n && rc == 0; i++) {
		const cdr_proposal *p = &props->v[i];
		long turn = cdr_document_turn_at(doc, p->span.start);
		cdr_buf *b = &it->out;
		if ((rc = cdr_buf_puts(b, "{\"doc\": ")) < 0 || (rc = cdr_buf_json_string(b, it->id)) < 0 ||
		    (rc = cdr_buf_printf(b, ", \"start\": %zu, \"end\": %zu, \"code\": ", p->span.start, p->span.end)) < 0 ||
		    (rc = cdr_buf_json_string(b, p->code->qualified)) < 0 || (rc = cdr_buf_puts(b, ", \"origin\": ")) < 0 ||
		    (rc = cdr_buf_json_string(b, p->origin)) < 0 || (rc = cdr_buf_puts(b, ", \"speaker\": ")) < 0)
			break;
		rc = turn >= 0 ? cdr_buf_json_string(b, cdr_document_turn(doc, (size_t)turn)->speaker) : cdr_buf_puts(b, "null");
		if (rc == 0)
			rc = cdr_buf_printf(b, ", \"words\": [%zu, %zu]}\n", from[i], to[i]);
	}
	it->ncodings = n;
done:
	marks_free(&m);
	free(pos);
	free(bytes);
	free(from);
	free(to);
	return rc < 0 ? CDR_ENOMEM : 0;
}

/* In input order: a bad line's report, or a document's lines. */
static int done_item(void *ctx, void *item, const cdr_document *doc, const cdr_proposals *props)
{
	struct stream *s = ctx;
	struct line_item *it = item;

	(void)props;
	if (doc == NULL) {
		report(s, "%s", it->bad);
		s->res->bad++;
		return 0;
	}
	s->res->docs++;
	s->res->codings += it->ncodings;
	if (fwrite(it->out.data, 1, it->out.len, s->out) != it->out.len || ferror(s->out))
		return cdr_error_set(CDR_EIO, "cannot write the codings");
	return 0;
}

static void drop_item(void *ctx, void *item)
{
	(void)ctx;
	item_free(item);
}

static void on_limit(void *ctx, const cdr_document *doc, long turn, const cdr_code *code, const cdr_rule *rule)
{
	struct stream *s = ctx;

	s->res->limit_hits++;
	if (turn >= 0)
		report(s, "%s t%ld: rule %s#%s hit the match limit; skipped for the rest of that turn",
		       cdr_document_info_get(doc)->id, turn + 1, code->qualified, rule->id);
	else
		report(s, "%s: rule %s#%s hit the match limit; skipped for the rest of that region", cdr_document_info_get(doc)->id,
		       code->qualified, rule->id);
}

/* The first line: what made the output, and with which schemes. */
static int write_header(FILE *out, const cdr_schemes *set)
{
	fprintf(out, "{\"codeer\": \"autocode-stream\", \"version\": %d, \"schemes\": [", STREAM_VERSION);
	for (size_t i = 0; i < cdr_schemes_count(set); i++) {
		if (i)
			fputs(", ", out);
		cdr_json_string(out, cdr_scheme_id(cdr_schemes_get(set, i)));
	}
	fputs("]}\n", out);
	return ferror(out) ? cdr_error_set(CDR_EIO, "cannot write the codings") : 0;
}

int cdr_autocode_stream(cdr_engine *e, const cdr_schemes *set, FILE *in, FILE *out, unsigned threads,
			cdr_warn_fn warn, void *ctx, cdr_stream_result *res)
{
	struct stream s = { in, out, warn, ctx, NULL, 0, 0, res };
	cdr_doc_source src = { next_item, load_item, done_item, drop_item, on_limit, &s, coded_item };
	int rc;

	memset(res, 0, sizeof(*res));
	/* jansson seeds its hash function on first use, racily: seed it
	 * here, before the threads parse */
	json_object_seed(0);
	if ((rc = write_header(out, set)) < 0)
		return rc;
	rc = cdr_engine_map(e, threads, &src);
	free(s.buf);
	if (rc == 0 && fflush(out) != 0)
		rc = cdr_error_set(CDR_EIO, "cannot write the codings");
	return rc;
}
