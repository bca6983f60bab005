/* document-internal.h -- the fields of cdr_document and the reader
 * contract, shared by the readers, the structure pass and the store. */
#ifndef CDR_DOCUMENT_INTERNAL_H
#define CDR_DOCUMENT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "codeer/document.h"
#include "codeer/ingest.h"

enum { INFO_ID, INFO_ORIGINAL, INFO_FORMAT, INFO_ENCODING, INFO_SHA256,
       INFO_ADDED, INFO_SPEAKER_REGEX, INFO_TEXT_SHA256, INFO_COUNT };

struct cdr_document {
	char *text;
	size_t len;        /* bytes */
	size_t length;     /* code points */
	size_t words;
	size_t words_outside; /* in paragraphs of no turn; known only after ingest */
	cdr_turn *turns;
	size_t nturns, turns_cap;
	cdr_span *sentences;
	size_t nsentences, sentences_cap;
	cdr_span *paragraphs;
	size_t nparagraphs, paragraphs_cap;
	cdr_span *headers;
	size_t nheaders, headers_cap;
	char *info_values[INFO_COUNT];
	cdr_document_info info;
	/* byte offset of every CDR_CP_STEP-th code point, built on the first
	 * slice: a slice costs O(CDR_CP_STEP), not O(offset) */
	size_t *cp_marks;
	size_t ncp_marks;
};

#define CDR_CP_STEP 256

int cdr_document_new(cdr_document **out);
/* Takes ownership of `text` (normalised UTF-8, NUL-terminated). */
void cdr_document_set_text(cdr_document *doc, char *text, size_t len);
int cdr_document_add_turn(cdr_document *doc, cdr_span span, const char *speaker,
			  const char *time, size_t words);
int cdr_document_add_sentence(cdr_document *doc, cdr_span span);
int cdr_document_add_paragraph(cdr_document *doc, cdr_span span);
int cdr_document_add_header(cdr_document *doc, cdr_span span);

/* A turn a reader already knows (subtitle cues, rows of a transcript
 * table), in bytes of its text. */
typedef struct cdr_preset_turn {
	size_t start, end;
	size_t from;       /* where its label starts; used when the raw is mixed */
	char *speaker;
	char *time;
} cdr_preset_turn;

/* What a reader hands to the structure pass. */
typedef struct cdr_raw {
	char *text;            /* normalised UTF-8 */
	size_t len;
	const char *encoding;
	cdr_preset_turn *turns; /* NULL: find turns with the speaker pattern */
	size_t nturns, turns_cap;
	int mixed;              /* the turns cover part of the text: search the rest */
	unsigned short *u16;    /* the same text in UTF-16, when the reader has it */
	int32_t u16len;
} cdr_raw;

void cdr_raw_free(cdr_raw *raw);

/* Readers: bytes -> cdr_raw. `name` is for messages. */
int cdr_read_text(cdr_raw *raw, const char *bytes, size_t n, const char *name,
		  const cdr_ingest_options *opts);
int cdr_read_docx(cdr_raw *raw, const char *bytes, size_t n, const char *name,
		  const cdr_ingest_options *opts);
int cdr_read_odt(cdr_raw *raw, const char *bytes, size_t n, const char *name,
		 const cdr_ingest_options *opts);
int cdr_read_subtitles(cdr_raw *raw, const char *bytes, size_t n, const char *name,
		       const cdr_ingest_options *opts, int webvtt);

/* The speaker pattern, compiled once per document: matches at a line start. */
typedef struct cdr_speaker_matcher cdr_speaker_matcher;
int cdr_speaker_matcher_new(cdr_speaker_matcher **out, const char *pattern, const char *name);
/* 1 with the label's speaker/time (caller frees) and the content offset; 0 no label. */
int cdr_speaker_matcher_match(cdr_speaker_matcher *m, const char *line, size_t len,
			      char **speaker, char **time, size_t *content);
void cdr_speaker_matcher_free(cdr_speaker_matcher *m);

/* Find turns, paragraphs and sentences; fills `doc` (which takes the text). */
int cdr_structure_build(cdr_document *doc, cdr_raw *raw, const cdr_ingest_options *opts,
			const char *name);



#include "util/buf.h"
/* For readers of structured formats: end a paragraph in `b` with a blank
 * line, without piling up blank lines for empty paragraphs. */
int cdr_raw_end_paragraph(cdr_buf *b);
/* Normalise a reader's UTF-8 buffer into raw->text (consumes b); the
 * normalised text may not be longer than `limit` bytes. The offsets of
 * raw->turns, into b, are moved along: each stretch between two of them
 * is normalised by itself, so they must lie where nothing composes across
 * (after a space, before a line break). */
int cdr_raw_take(cdr_raw *raw, cdr_buf *b, const char *name, size_t limit);
/* The largest text a reader may produce: the ingest limit (opts->max_bytes
 * or CDR_INGEST_MAX_BYTES), so that no input inflates past what a file
 * may be. */
size_t cdr_ingest_text_limit(const cdr_ingest_options *opts);
/* The same for the text of a .docx or .odt: at most the largest XML part
 * (CDR_INGEST_MAX_XML) as well. Only <text:s text:c="n"/> makes more text
 * than markup, and a few kilobytes of those must not become gigabytes. */
size_t cdr_ingest_xml_text_limit(const cdr_ingest_options *opts);
/* CDR_ELIMIT with a message naming the file and the limit. */
int cdr_raw_too_large(const char *name, size_t limit);
#endif
