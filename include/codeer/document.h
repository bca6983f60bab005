/* document.h -- a transcript as codeer holds it: normalised UTF-8 text and
 * its structure (speaker turns, paragraphs, sentences), all as code-point
 * spans into the text.
 *
 * A document is built once, when a file is ingested, and is read-only
 * afterwards; the project store saves and loads it. */
#ifndef CODEER_DOCUMENT_H
#define CODEER_DOCUMENT_H

#include <stddef.h>

#include "codeer/text.h"

typedef struct cdr_document cdr_document;

/** One speaker turn. The span covers what was said, not the label. */
typedef struct cdr_turn {
	cdr_span span;
	const char *speaker; /* as written ("R", "Respondent 3"), "" when none */
	const char *time;    /* start time as written ("00:12:03"), "" when none */
	size_t words;
} cdr_turn;

/** Descriptive fields, filled by the reader and the store. */
typedef struct cdr_document_info {
	const char *id;        /* short unique id, e.g. "interview-03" */
	const char *original;  /* file name as added */
	const char *format;    /* txt, md, docx, odt, srt, vtt */
	const char *encoding;  /* encoding the bytes were read as */
	const char *sha256;    /* digest of the original bytes */
	const char *added;     /* UTC time of ingestion, ISO 8601 */
	const char *speaker_regex; /* the custom turn pattern, "" for the default */
	const char *text_sha256;   /* digest of the normalised text */
} cdr_document_info;

/** The normalised text, NUL-terminated; *len_bytes receives its size. */
const char *cdr_document_text(const cdr_document *doc, size_t *len_bytes);
/** Length in code points. */
size_t cdr_document_length(const cdr_document *doc);
size_t cdr_document_words(const cdr_document *doc);

size_t cdr_document_turn_count(const cdr_document *doc);
const cdr_turn *cdr_document_turn(const cdr_document *doc, size_t i);
size_t cdr_document_sentence_count(const cdr_document *doc);
const cdr_span *cdr_document_sentence(const cdr_document *doc, size_t i);
size_t cdr_document_paragraph_count(const cdr_document *doc);
const cdr_span *cdr_document_paragraph(const cdr_document *doc, size_t i);

/** Header lines (see cdr_ingest_options.header_lines): outside every
 * turn, paragraph and sentence, in the order of the text. */
size_t cdr_document_header_count(const cdr_document *doc);
const cdr_span *cdr_document_header(const cdr_document *doc, size_t i);

const cdr_document_info *cdr_document_info_get(const cdr_document *doc);
/** Set one descriptive field by name ("id", "original", ...). */
int cdr_document_set_info(cdr_document *doc, const char *field, const char *value);

/** Index of the turn containing code point `cp`, or -1. */
long cdr_document_turn_at(const cdr_document *doc, size_t cp);

/**
 * Resolve a human reference: "t12" (turn 12, 1-based), "s40" (sentence 40),
 * "c100-250" (code points), or else an exact phrase that must occur once.
 * Errors: CDR_ENOTFOUND when out of range (the message gives the range)
 * or the phrase is absent, CDR_EAMBIGUOUS when the phrase occurs more than
 * once (the message lists each place), CDR_EFORMAT for c-ranges that are
 * reversed.
 */
int cdr_document_resolve(cdr_span *out, const cdr_document *doc, const char *ref);

/** Copy of the text of a code-point span (caller frees). */
char *cdr_document_slice(const cdr_document *doc, cdr_span span);

void cdr_document_free(cdr_document *doc);

#endif
