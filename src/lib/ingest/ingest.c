/* ingest.c -- pick the reader for a file, run it, and build the document
 * structure. The one entry point for turning a file into a cdr_document. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "codeer/error.h"
#include "codeer/ingest.h"
#include "ingest/document-internal.h"
#include "util/fileio.h"
#include "util/hash.h"

static const struct {
	const char *ext;
	const char *format;
} formats[] = {
	{ "txt", "txt" }, { "text", "txt" }, { "md", "md" }, { "markdown", "md" },
	{ "docx", "docx" }, { "odt", "odt" }, { "srt", "srt" }, { "vtt", "vtt" },
};

const char *cdr_ingest_format_of(const char *filename)
{
	const char *slash = strrchr(filename, '/');
	const char *dot = strrchr(slash ? slash + 1 : filename, '.');

	if (dot == NULL)
		return NULL;
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (strcasecmp(dot + 1, formats[i].ext) == 0)
			return formats[i].format;
	return NULL;
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

int cdr_ingest_bytes(cdr_document **out, const char *bytes, size_t n,
		     const char *name, const cdr_ingest_options *opts)
{
	const char *format = opts && opts->format ? opts->format : cdr_ingest_format_of(name);
	cdr_raw raw = { 0 };
	cdr_document *doc = NULL;
	char digest[CDR_SHA256_HEX_LEN + 1];
	int rc;

	*out = NULL;
	if (format == NULL) {
		const char *dot = strrchr(base_name(name), '.');
		return cdr_error_set(CDR_EFORMAT,
				     "%s: unsupported file type%s%s (codeer reads .txt, .md, .docx, .odt, .srt and .vtt)",
				     name, dot ? " " : "", dot ? dot : "");
	}
	if (n == 0)
		return cdr_error_set(CDR_EFORMAT, "%s: empty file", name);
	if (strcmp(format, "txt") == 0 || strcmp(format, "md") == 0)
		rc = cdr_read_text(&raw, bytes, n, name, opts);
	else if (strcmp(format, "docx") == 0)
		rc = cdr_read_docx(&raw, bytes, n, name, opts);
	else if (strcmp(format, "odt") == 0)
		rc = cdr_read_odt(&raw, bytes, n, name, opts);
	else if (strcmp(format, "srt") == 0 || strcmp(format, "vtt") == 0)
		rc = cdr_read_subtitles(&raw, bytes, n, name, opts, format[0] == 'v');
	else
		rc = cdr_error_set(CDR_EUSAGE, "%s: unknown format '%s'", name, format);
	if (rc < 0)
		goto fail;
	/* Every reader's text obeys the ingest limit: an encoding conversion
	 * may triple a file, and the XML readers check as they go. */
	if (raw.len > cdr_ingest_text_limit(opts)) {
		rc = cdr_raw_too_large(name, cdr_ingest_text_limit(opts));
		goto fail;
	}
	{
		size_t i = 0;
		while (i < raw.len && (raw.text[i] == ' ' || raw.text[i] == '\n' || raw.text[i] == '\t'))
			i++;
		if (i == raw.len) {
			rc = cdr_error_set(CDR_EFORMAT, "%s: no text in the file", name);
			goto fail;
		}
	}
	if ((rc = cdr_document_new(&doc)) < 0)
		goto fail;
	if ((rc = cdr_document_set_info(doc, "format", format)) < 0 ||
	    (rc = cdr_document_set_info(doc, "encoding", raw.encoding)) < 0 ||
	    (rc = cdr_document_set_info(doc, "original", base_name(name))) < 0 ||
	    (rc = cdr_document_set_info(doc, "speaker-regex", opts && opts->speaker_regex ? opts->speaker_regex : "")) < 0)
		goto fail;
	cdr_sha256_hex(digest, bytes, n);
	if ((rc = cdr_document_set_info(doc, "sha256", digest)) < 0)
		goto fail;
	/* Most UTF-8 files are already normal: then both digests are one. */
	if (!(raw.len == n && memcmp(raw.text, bytes, n) == 0))
		cdr_sha256_hex(digest, raw.text, raw.len);
	if ((rc = cdr_document_set_info(doc, "text-sha256", digest)) < 0)
		goto fail;
	if ((rc = cdr_structure_build(doc, &raw, opts, name)) < 0)
		goto fail;
	cdr_raw_free(&raw);
	*out = doc;
	return 0;
fail:
	cdr_raw_free(&raw);
	cdr_document_free(doc);
	return rc;
}

int cdr_ingest_file(cdr_document **out, const char *path, const cdr_ingest_options *opts)
{
	size_t limit = opts && opts->max_bytes ? opts->max_bytes : CDR_INGEST_MAX_BYTES;
	char *bytes;
	size_t n;
	int rc;

	*out = NULL;
	if (cdr_ingest_format_of(path) == NULL && !(opts && opts->format))
		return cdr_ingest_bytes(out, "", 0, path, opts); /* reports the type */
	if ((rc = cdr_file_read(&bytes, &n, path, limit)) < 0)
		return rc;
	rc = cdr_ingest_bytes(out, bytes, n, path, opts);
	free(bytes);
	return rc;
}
