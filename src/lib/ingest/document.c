/* document.c -- the cdr_document object: accessors, references such as
 * "t12" / "s40" / "c100-250", and the setters used by readers and store. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codeer/error.h"
#include "ingest/document-internal.h"
#include "util/alloc.h"
#include "util/num.h"

static const char *const info_names[INFO_COUNT] = {
	"id", "original", "format", "encoding", "sha256", "added", "speaker-regex", "text-sha256"
};

static void refresh_info(cdr_document *doc)
{
	const char **slots[INFO_COUNT] = {
		&doc->info.id, &doc->info.original, &doc->info.format,
		&doc->info.encoding, &doc->info.sha256, &doc->info.added,
		&doc->info.speaker_regex, &doc->info.text_sha256
	};
	for (int i = 0; i < INFO_COUNT; i++)
		*slots[i] = doc->info_values[i] ? doc->info_values[i] : "";
}

int cdr_document_new(cdr_document **out)
{
	cdr_document *doc = cdr_calloc(1, sizeof(*doc));

	if (doc == NULL)
		return CDR_ENOMEM;
	refresh_info(doc);
	*out = doc;
	return 0;
}

void cdr_document_set_text(cdr_document *doc, char *text, size_t len)
{
	free(doc->text);
	doc->text = text;
	doc->len = len;
	doc->length = cdr_utf8_count(text, len);
	free(doc->cp_marks);
	doc->cp_marks = NULL;
	doc->ncp_marks = 0;
}

int cdr_document_set_info(cdr_document *doc, const char *field, const char *value)
{
	for (int i = 0; i < INFO_COUNT; i++) {
		if (strcmp(field, info_names[i]) == 0) {
			char *copy = cdr_strdup(value ? value : "");
			if (copy == NULL)
				return CDR_ENOMEM;
			free(doc->info_values[i]);
			doc->info_values[i] = copy;
			refresh_info(doc);
			return 0;
		}
	}
	return cdr_error_set(CDR_EUSAGE, "unknown document field '%s'", field);
}

int cdr_document_add_turn(cdr_document *doc, cdr_span span, const char *speaker,
			  const char *time, size_t words)
{
	cdr_turn *t;
	char *sp, *tm;

	if (cdr_grow((void **)&doc->turns, &doc->turns_cap, doc->nturns + 1, sizeof(cdr_turn)) < 0)
		return CDR_ENOMEM;
	if ((sp = cdr_strdup(speaker ? speaker : "")) == NULL)
		return CDR_ENOMEM;
	if ((tm = cdr_strdup(time ? time : "")) == NULL) {
		free(sp);
		return CDR_ENOMEM;
	}
	t = &doc->turns[doc->nturns++];
	t->span = span;
	t->speaker = sp;
	t->time = tm;
	t->words = words;
	doc->words += words;
	return 0;
}

int cdr_document_add_sentence(cdr_document *doc, cdr_span span)
{
	if (cdr_grow((void **)&doc->sentences, &doc->sentences_cap, doc->nsentences + 1, sizeof(cdr_span)) < 0)
		return CDR_ENOMEM;
	doc->sentences[doc->nsentences++] = span;
	return 0;
}

int cdr_document_add_paragraph(cdr_document *doc, cdr_span span)
{
	if (cdr_grow((void **)&doc->paragraphs, &doc->paragraphs_cap, doc->nparagraphs + 1, sizeof(cdr_span)) < 0)
		return CDR_ENOMEM;
	doc->paragraphs[doc->nparagraphs++] = span;
	return 0;
}

int cdr_document_add_header(cdr_document *doc, cdr_span span)
{
	if (cdr_grow((void **)&doc->headers, &doc->headers_cap, doc->nheaders + 1, sizeof(cdr_span)) < 0)
		return CDR_ENOMEM;
	doc->headers[doc->nheaders++] = span;
	return 0;
}

const char *cdr_document_text(const cdr_document *doc, size_t *len_bytes)
{
	if (len_bytes)
		*len_bytes = doc->len;
	return doc->text ? doc->text : "";
}

size_t cdr_document_length(const cdr_document *doc) { return doc->length; }
size_t cdr_document_words(const cdr_document *doc) { return doc->words; }
size_t cdr_ingest_words_outside(const cdr_document *doc) { return doc->words_outside; }
size_t cdr_document_turn_count(const cdr_document *doc) { return doc->nturns; }
size_t cdr_document_sentence_count(const cdr_document *doc) { return doc->nsentences; }
size_t cdr_document_paragraph_count(const cdr_document *doc) { return doc->nparagraphs; }
size_t cdr_document_header_count(const cdr_document *doc) { return doc->nheaders; }

const cdr_span *cdr_document_header(const cdr_document *doc, size_t i)
{
	return i < doc->nheaders ? &doc->headers[i] : NULL;
}

const cdr_turn *cdr_document_turn(const cdr_document *doc, size_t i)
{
	return i < doc->nturns ? &doc->turns[i] : NULL;
}

const cdr_span *cdr_document_sentence(const cdr_document *doc, size_t i)
{
	return i < doc->nsentences ? &doc->sentences[i] : NULL;
}

const cdr_span *cdr_document_paragraph(const cdr_document *doc, size_t i)
{
	return i < doc->nparagraphs ? &doc->paragraphs[i] : NULL;
}

const cdr_document_info *cdr_document_info_get(const cdr_document *doc)
{
	return &doc->info;
}

long cdr_document_turn_at(const cdr_document *doc, size_t cp)
{
	size_t lo = 0, hi = doc->nturns;

	/* turns are sorted and disjoint: binary search on their starts */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (doc->turns[mid].span.start <= cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return -1;
	lo--;
	return cp < doc->turns[lo].span.end || (cp == doc->turns[lo].span.start) ? (long)lo : -1;
}

/* An exact phrase: it must occur exactly once; candidates are listed.
 * The phrase is normalised as the text is, so a phrase typed in another
 * normal form (NFD on macOS) still matches. One forward pass: each hit's
 * code-point offset continues from the previous one (a cursor), so many
 * hits in a long document cost one walk of the text, not one per hit. */
static int find_phrase(cdr_span *out, const cdr_document *doc, const char *phrase)
{
	size_t plen = strlen(phrase), nlen, ncp, hits = 0, first_cp = 0;
	char list[512] = "", *norm = NULL;
	const char *text = doc->text ? doc->text : "", *p;
	cdr_cp_cursor cur;
	int rc;

	if (plen == 0)
		return cdr_error_set(CDR_EFORMAT, "an empty phrase is not a reference");
	rc = cdr_text_normalize(&norm, &nlen, phrase, plen);
	if (rc == CDR_ENOMEM)
		return rc;
	if (rc < 0 || nlen == 0) {
		/* not valid UTF-8 or holds a NUL: it cannot occur in a stored text */
		free(norm);
		return cdr_error_set(CDR_ENOTFOUND,
				     "'%s' is neither a reference (t12, s40, c100-250) nor a phrase in the document", phrase);
	}
	ncp = cdr_utf8_count(norm, nlen);
	cdr_cp_cursor_init(&cur, text, doc->len);
	for (p = text; (p = strstr(p, norm)) != NULL; p += nlen) {
		size_t cp = cdr_cp_cursor_at(&cur, (size_t)(p - text));
		size_t used = strlen(list);
		long t;

		if (hits++ == 0)
			first_cp = cp;
		if (used >= sizeof(list) - 64)
			continue; /* the count still matters; the list is long enough */
		t = cdr_document_turn_at(doc, cp);
		if (t >= 0)
			snprintf(list + used, sizeof(list) - used, "%st%ld c%zu-%zu", hits > 1 ? ", " : "", t + 1, cp,
				 cp + ncp);
		else
			snprintf(list + used, sizeof(list) - used, "%sc%zu-%zu", hits > 1 ? ", " : "", cp, cp + ncp);
	}
	free(norm);
	if (hits == 0)
		return cdr_error_set(CDR_ENOTFOUND, "'%s' is neither a reference (t12, s40, c100-250) nor a phrase in the document",
				     phrase);
	if (hits > 1)
		return cdr_error_set(CDR_EAMBIGUOUS, "the phrase '%s' occurs %zu times: %s; use one of these references",
				     phrase, hits, list);
	out->start = first_cp;
	out->end = first_cp + ncp;
	return 0;
}

int cdr_document_resolve(cdr_span *out, const cdr_document *doc, const char *ref)
{
	const char *p;
	size_t a, b;

	if ((ref[0] == 't' || ref[0] == 's') && (p = cdr_parse_size(ref + 1, &a)) != NULL && *p == '\0') {
		int turn = ref[0] == 't';
		size_t count = turn ? doc->nturns : doc->nsentences;
		if (a < 1 || a > count)
			return cdr_error_set(CDR_ENOTFOUND, "%s: %s %zu out of range (the document has %zu %s)",
					     ref, turn ? "turn" : "sentence", a, count,
					     turn ? (count == 1 ? "turn" : "turns") : (count == 1 ? "sentence" : "sentences"));
		*out = turn ? doc->turns[a - 1].span : doc->sentences[a - 1];
		return 0;
	}
	if (ref[0] == 'c' && (p = cdr_parse_size(ref + 1, &a)) != NULL && *p == '-' &&
	    (p = cdr_parse_size(p + 1, &b)) != NULL && *p == '\0') {
		if (a >= b)
			return cdr_error_set(CDR_EFORMAT, "%s: the start must be below the end", ref);
		if (b > doc->length)
			return cdr_error_set(CDR_ENOTFOUND, "%s: beyond the end of the document (%zu characters)",
					     ref, doc->length);
		out->start = a;
		out->end = b;
		return 0;
	}
	return find_phrase(out, doc, ref);
}

/* Byte offset of code point cp. The marks are a cache: building them
 * does not change the document, and without memory the walk is linear. */
static size_t byte_of(const cdr_document *doc, size_t cp)
{
	cdr_document *m = (cdr_document *)doc;
	size_t i;

	if (m->cp_marks == NULL && doc->length >= 2 * CDR_CP_STEP) {
		size_t n = doc->length / CDR_CP_STEP + 1;
		if ((m->cp_marks = cdr_malloc(n * sizeof(size_t))) != NULL) {
			cdr_cp_cursor cur;
			cdr_cp_cursor_init(&cur, doc->text, doc->len);
			for (i = 0; i < n; i++)
				m->cp_marks[i] = cdr_cp_cursor_byte(&cur, i * CDR_CP_STEP);
			m->ncp_marks = n;
		}
	}
	if (m->cp_marks == NULL)
		return cdr_utf8_offset(doc->text, doc->len, cp);
	if ((i = cp / CDR_CP_STEP) >= doc->ncp_marks)
		i = doc->ncp_marks - 1;
	return doc->cp_marks[i] + cdr_utf8_offset(doc->text + doc->cp_marks[i], doc->len - doc->cp_marks[i],
						   cp - i * CDR_CP_STEP);
}

char *cdr_document_slice(const cdr_document *doc, cdr_span span)
{
	size_t a = byte_of(doc, span.start);
	size_t b = a + cdr_utf8_offset(doc->text + a, doc->len - a, span.end - span.start);

	return cdr_strndup(doc->text + a, b - a);
}

void cdr_document_free(cdr_document *doc)
{
	if (doc == NULL)
		return;
	for (size_t i = 0; i < doc->nturns; i++) {
		free((char *)doc->turns[i].speaker);
		free((char *)doc->turns[i].time);
	}
	free(doc->turns);
	free(doc->sentences);
	free(doc->paragraphs);
	free(doc->headers);
	for (int i = 0; i < INFO_COUNT; i++)
		free(doc->info_values[i]);
	free(doc->text);
	free(doc->cp_marks);
	free(doc);
}

void cdr_raw_free(cdr_raw *raw)
{
	for (size_t i = 0; i < raw->nturns; i++) {
		free(raw->turns[i].speaker);
		free(raw->turns[i].time);
	}
	free(raw->turns);
	free(raw->text);
	free(raw->u16);
	memset(raw, 0, sizeof(*raw));
}

int cdr_raw_end_paragraph(cdr_buf *b)
{
	if (b->len == 0 || (b->len >= 2 && b->data[b->len - 1] == '\n' && b->data[b->len - 2] == '\n'))
		return 0;
	return cdr_buf_puts(b, b->data[b->len - 1] == '\n' ? "\n" : "\n\n");
}

size_t cdr_ingest_text_limit(const cdr_ingest_options *opts)
{
	return opts && opts->max_bytes ? opts->max_bytes : CDR_INGEST_MAX_BYTES;
}

size_t cdr_ingest_xml_text_limit(const cdr_ingest_options *opts)
{
	size_t limit = cdr_ingest_text_limit(opts);

	return limit < CDR_INGEST_MAX_XML ? limit : CDR_INGEST_MAX_XML;
}

int cdr_raw_too_large(const char *name, size_t limit)
{
	return cdr_error_set(CDR_ELIMIT, "%s: its text is larger than the limit of %zu bytes", name, limit);
}

/* Normalise b stretch by stretch between the offsets of raw->turns and
 * move those offsets to the normalised text. */
static int normalize_around_turns(cdr_raw *raw, const cdr_buf *b)
{
	cdr_buf out = CDR_BUF_INIT;
	size_t pos = 0;
	int rc = 0;

	for (size_t i = 0; i <= 3 * raw->nturns && rc == 0; i++) {
		cdr_preset_turn *t = i < 3 * raw->nturns ? &raw->turns[i / 3] : NULL;
		size_t *mark = t == NULL ? NULL : i % 3 == 0 ? &t->from : i % 3 == 1 ? &t->start : &t->end;
		size_t upto = mark ? *mark : b->len;
		char *norm;
		size_t nlen;

		if (upto < pos || upto > b->len) {
			rc = cdr_error_set(CDR_ERROR, "turn offsets out of order");
			break;
		}
		if (upto > pos) {
			if ((rc = cdr_text_normalize(&norm, &nlen, b->data + pos, upto - pos)) < 0)
				break;
			rc = cdr_buf_put(&out, norm, nlen);
			free(norm);
		}
		pos = upto;
		if (mark)
			*mark = out.len;
	}
	if (rc == 0 && (raw->text = cdr_buf_detach(&out, &raw->len)) == NULL)
		rc = CDR_ENOMEM;
	cdr_buf_free(&out);
	return rc;
}

int cdr_raw_take(cdr_raw *raw, cdr_buf *b, const char *name, size_t limit)
{
	size_t bad;
	int rc;

	if (b->len > limit) {
		cdr_buf_free(b);
		return cdr_raw_too_large(name, limit);
	}
	if (!cdr_utf8_valid(b->data ? b->data : "", b->len, &bad)) {
		cdr_buf_free(b);
		return cdr_error_set(CDR_EENCODING, "%s: invalid UTF-8 in the document text", name);
	}
	if (raw->nturns > 0)
		rc = normalize_around_turns(raw, b);
	else
		rc = cdr_text_normalize(&raw->text, &raw->len, b->data ? b->data : "", b->len);
	cdr_buf_free(b);
	if (rc == CDR_EFORMAT || rc == CDR_ELIMIT)
		return cdr_error_set(rc, "%s: %s", name, cdr_error_last());
	raw->encoding = "UTF-8";
	if (rc == 0 && raw->len > limit)
		return cdr_raw_too_large(name, limit);
	return rc;
}
