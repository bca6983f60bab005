/* text.h -- Unicode text for libcodeer: decoding any encoding into
 * normalised UTF-8, code-point offsets, and sentence/word segmentation.
 *
 * All of it goes through ICU. Offsets handed to users are code points into
 * the normalised text, [start, end); byte offsets appear only inside the
 * library and are named *_byte. */
#ifndef CODEER_TEXT_H
#define CODEER_TEXT_H

#include <stddef.h>

/** A half-open range [start, end). */
typedef struct cdr_span {
	size_t start;
	size_t end;
} cdr_span;

/**
 * Decode `bytes` and normalise them: strip a BOM, convert to UTF-8, unify
 * line endings to LF, apply Unicode NFC.
 *
 * @param out        receives the normalised UTF-8 text (NUL-terminated)
 * @param out_len    its length in bytes
 * @param encoding   receives the encoding used (static string or ICU name)
 * @param bytes      the raw file contents
 * @param declared   an encoding name given by the user, or NULL to detect
 * @param name       the file name used in error messages
 * @return 0, CDR_EENCODING (message names the byte offset and line),
 *         CDR_EFORMAT (NUL characters: a binary file), CDR_ENOMEM
 */
int cdr_text_decode(char **out, size_t *out_len, const char **encoding,
		    const char *bytes, size_t n, const char *declared,
		    const char *name);

/** Normalise text already known to be valid UTF-8 (line endings + NFC). */
int cdr_text_normalize(char **out, size_t *out_len, const char *utf8, size_t n);

/** Check that `s` is valid UTF-8; on failure *bad_at is the byte offset. */
int cdr_utf8_valid(const char *s, size_t n, size_t *bad_at);

/** Number of code points in valid UTF-8. */
size_t cdr_utf8_count(const char *s, size_t n);

/** Byte offset of code point `cp` (clamped to n). */
size_t cdr_utf8_offset(const char *s, size_t n, size_t cp);

/**
 * A one-line preview of text: white space runs become one space, and
 * text longer than `max_cp` code points is cut with "…". Caller frees.
 */
char *cdr_text_preview(const char *s, size_t n, size_t max_cp);

/**
 * A forward cursor that turns increasing byte offsets into code-point
 * offsets in linear total time (it restarts when asked to go back).
 */
typedef struct cdr_cp_cursor {
	const char *text;
	size_t len;
	size_t byte;
	size_t cp;
} cdr_cp_cursor;

void cdr_cp_cursor_init(cdr_cp_cursor *c, const char *text, size_t len);
size_t cdr_cp_cursor_at(cdr_cp_cursor *c, size_t byte);

/**
 * Move the cursor forward to code point `cp` and return its byte offset
 * (restarts from the beginning when asked to go back).
 */
size_t cdr_cp_cursor_byte(cdr_cp_cursor *c, size_t cp);

/** Words in UTF-8 text, counted as the segmenter counts them. */
size_t cdr_text_words(const char *utf8, size_t len);

/** Sentence and word segmentation with Dutch rules. */
typedef struct cdr_segmenter cdr_segmenter;

/** `locale` such as "nl"; its abbreviations ("bijv.", "o.a.") do not end a sentence. */
int cdr_segmenter_new(cdr_segmenter **out, const char *locale);
void cdr_segmenter_free(cdr_segmenter *seg);

/** Called per sentence with code-point offsets relative to the region, trimmed of white space. */
typedef int (*cdr_sentence_cb)(void *ctx, size_t start_cp, size_t end_cp);

/**
 * Segment one region (a paragraph of a turn) into sentences, and count
 * its words (letters or numbers between word boundaries).
 */
int cdr_segmenter_run(cdr_segmenter *seg, const char *utf8, size_t len,
		      cdr_sentence_cb cb, void *ctx, size_t *words);

#endif
