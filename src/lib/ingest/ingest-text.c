/* ingest-text.c -- the .txt and .md reader: decode the bytes (any
 * encoding, see text/decode.c) and leave the structure to structure.c.
 * Markdown is kept as written, so offsets match what the user sees in the
 * file; the speaker pattern accepts **R:** style labels. */
#include "codeer/text.h"
#include "ingest/document-internal.h"

int cdr_read_text(cdr_raw *raw, const char *bytes, size_t n, const char *name,
		  const cdr_ingest_options *opts)
{
	return cdr_text_decode(&raw->text, &raw->len, &raw->encoding, bytes, n,
			       opts ? opts->encoding : NULL, name);
}
