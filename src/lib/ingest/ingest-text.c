/* ingest-text.c -- the .txt and .md reader: decode the bytes (any
 * encoding, see text/decode.c) and leave the structure to structure.c.
 * Markdown is kept as written, so offsets match what the user sees in the
 * file; the speaker pattern accepts **R:** style labels. */
#include "codeer/text.h"
#include "text/text-internal.h"
#include "ingest/document-internal.h"

int cdr_read_text(cdr_raw *raw, const char *bytes, size_t n, const char *name,
		  const cdr_ingest_options *opts)
{
	UChar *u16 = NULL;
	int rc = cdr_text_decode16(&raw->text, &raw->len, &u16, &raw->u16len, &raw->encoding, bytes, n,
				   opts ? opts->encoding : NULL, name);

	raw->u16 = u16;
	return rc;
}
