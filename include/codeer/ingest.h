/* ingest.h -- turn a transcript file into a cdr_document.
 *
 * Readers: .txt and .md (any encoding), .docx and .odt (zip + XML, read
 * with size limits and without entity expansion), .srt and .vtt (cue
 * timestamps kept per turn). Speaker turns are recognised by a default
 * pattern for common transcript styles or by the caller's own. */
#ifndef CODEER_INGEST_H
#define CODEER_INGEST_H

#include <stddef.h>

#include "codeer/document.h"

typedef struct cdr_ingest_options {
	const char *encoding;      /* NULL: detect */
	const char *speaker_regex; /* NULL: the default; needs a group (?<speaker>...) */
	const char *locale;        /* sentence rules; NULL: "nl" */
	const char *format;        /* NULL: from the file name's extension */
	size_t max_bytes;          /* largest input file; 0: CDR_INGEST_MAX_BYTES */
	/* PCRE2 patterns of header lines ("Locatie: ...", "Datum: ..."),
	 * matched at a line start before the speaker pattern: such a line is
	 * no turn and no part of one, and is marked as a header */
	const char *const *header_lines;
	size_t nheader_lines;
} cdr_ingest_options;

#define CDR_INGEST_MAX_BYTES ((size_t)512 << 20)
/* Largest XML part inflated from a .docx/.odt (a zip bomb stops here). */
#define CDR_INGEST_MAX_XML ((size_t)64 << 20)

/** The pattern used when no --speaker-regex is given. */
extern const char *const cdr_default_speaker_regex;

/** Read and structure one file. Errors name the file. */
int cdr_ingest_file(cdr_document **out, const char *path, const cdr_ingest_options *opts);

/** The same from bytes in memory (`name` is used for the format and messages). */
int cdr_ingest_bytes(cdr_document **out, const char *bytes, size_t n,
		     const char *name, const cdr_ingest_options *opts);

/** Words that the ingest of `doc` found in paragraphs of no turn (a
 * preamble, text around a transcript table); not counted in
 * cdr_document_words. 0 for a document read back from a project. */
size_t cdr_ingest_words_outside(const cdr_document *doc);

/** The format name for a file name ("docx"), or NULL when unsupported. */
const char *cdr_ingest_format_of(const char *filename);

#endif
