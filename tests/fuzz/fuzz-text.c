/* fuzz-text.c -- libFuzzer target for the plain-text reader: decoding
 * (detected and declared Windows-1252), turn and sentence structure, the
 * .meta round trip of the result, references and the anonymisation check. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codeer/codeer.h"
#include "ingest/document-internal.h"
#include "project/meta.h"

static int count_hit(void *ctx, const cdr_anon_hit *h)
{
	(*(size_t *)ctx) += h->span.end > h->span.start;
	return 0;
}

/* The structure written to .meta must read back the same. */
static void meta_round_trip(const cdr_document *doc)
{
	char *meta = NULL, digest[65];
	size_t len;
	cdr_document *back = NULL;

	if (cdr_meta_format(&meta, &len, doc) != 0)
		return;
	if (cdr_document_new(&back) == 0) {
		if (cdr_meta_parse(back, meta, len, "x.meta", 0, digest) != 0) {
			fprintf(stderr, "meta of a fresh document does not parse: %s\n", cdr_error_last());
			abort();
		}
		if (cdr_document_turn_count(back) != cdr_document_turn_count(doc) ||
		    cdr_document_sentence_count(back) != cdr_document_sentence_count(doc) ||
		    cdr_document_paragraph_count(back) != cdr_document_paragraph_count(doc) ||
		    cdr_document_words(back) != cdr_document_words(doc))
			abort();
		for (size_t i = 0; i < cdr_document_turn_count(doc); i++) {
			const cdr_turn *a = cdr_document_turn(doc, i), *b = cdr_document_turn(back, i);
			if (a->span.start != b->span.start || a->span.end != b->span.end ||
			    strcmp(a->speaker, b->speaker) != 0 || strcmp(a->time, b->time) != 0)
				abort();
		}
		cdr_document_free(back);
	}
	free(meta);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static cdr_anon *anon;
	const char *bytes = (const char *)data;
	cdr_document *doc = NULL;
	char *out = NULL;
	size_t len;
	const char *enc;

	if (anon == NULL && cdr_anon_new(&anon, 1) != 0)
		abort();
	if (cdr_ingest_bytes(&doc, bytes, size, "x.txt", NULL) == 0) {
		size_t hits = 0, tlen;
		const char *text = cdr_document_text(doc, &tlen);
		cdr_span s;
		char *p;

		/* spans stay inside the text and in order */
		for (size_t i = 0; i < cdr_document_turn_count(doc); i++) {
			const cdr_turn *t = cdr_document_turn(doc, i);
			char *slice;
			if (t->span.start > t->span.end || t->span.end > cdr_document_length(doc))
				abort();
			if ((slice = cdr_document_slice(doc, t->span)) != NULL)
				free(slice);
		}
		for (size_t i = 0; i < cdr_document_sentence_count(doc); i++) {
			const cdr_span *sp = cdr_document_sentence(doc, i);
			if (sp->start >= sp->end || sp->end > cdr_document_length(doc))
				abort();
		}
		if (cdr_document_resolve(&s, doc, "t1") == 0 && cdr_document_turn_at(doc, s.start) != 0)
			abort();
		cdr_document_resolve(&s, doc, "s1");
		if ((p = cdr_text_preview(text, tlen, 20)) != NULL)
			free(p);
		cdr_anon_scan(anon, doc, count_hit, &hits);
		meta_round_trip(doc);
		cdr_document_free(doc);
	}
	if (cdr_text_decode(&out, &len, &enc, bytes, size, "windows-1252", "x.txt") == 0) {
		if (strlen(out) != len)
			abort();
		free(out);
	}
	return 0;
}
