/* meta.c -- read and write sources/<id>.meta.
 *
 * The file is line-oriented TSV so it diffs well:
 *   codeer-meta<TAB>1
 *   id / original / format / encoding / sha256 / text-sha256 / added /
 *   speaker-regex / length / words  (key<TAB>value)
 *   turn<TAB>start<TAB>end<TAB>words<TAB>speaker<TAB>time
 *   para<TAB>start<TAB>end
 *   sent<TAB>start<TAB>end
 *   head<TAB>start<TAB>end   (a header line; only in version 2)
 * Offsets are code points into sources/<id>.txt. A document without
 * header lines is written as version 1, so older codeers read it; one
 * with header lines as version 2, which they refuse by its version
 * instead of a line they do not know.
 *
 * A .meta is read as untrusted input (fuzz-meta): a key given twice, a NUL
 * byte, or a turn, paragraph or sentence that starts before the length
 * line or ends past it is refused with its line, so a parsed document
 * never points outside its text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codeer/error.h"
#include "ingest/document-internal.h"
#include "project/meta.h"
#include "util/buf.h"
#include "util/hash.h"
#include "util/num.h"
#include "util/tsv.h"

static const char *const info_keys[] = {
	"id", "original", "format", "encoding", "sha256", "added", "speaker-regex", NULL
};

/* "key<TAB>start<TAB>end" and a TAB or newline: no printf in the hot loop. */
static int put_fields(cdr_buf *b, const char *key, size_t start, size_t end, int more)
{
	int rc = cdr_buf_puts(b, key);

	if (rc == 0)
		rc = cdr_buf_putc(b, '\t');
	if (rc == 0)
		rc = cdr_buf_put_size(b, start);
	if (rc == 0)
		rc = cdr_buf_putc(b, '\t');
	if (rc == 0)
		rc = cdr_buf_put_size(b, end);
	return rc ? rc : cdr_buf_putc(b, more ? '\t' : '\n');
}

int cdr_meta_format(char **out, size_t *out_len, const cdr_document *doc)
{
	const cdr_document_info *info = cdr_document_info_get(doc);
	const char *values[] = { info->id, info->original, info->format, info->encoding,
				 info->sha256, info->added, info->speaker_regex };
	cdr_buf b = CDR_BUF_INIT;
	char digest[CDR_SHA256_HEX_LEN + 1];
	size_t len;
	const char *text = cdr_document_text(doc, &len);
	int rc;

	if (strlen(info->text_sha256) == CDR_SHA256_HEX_LEN)
		memcpy(digest, info->text_sha256, sizeof(digest));
	else
		cdr_sha256_hex(digest, text, len);
	rc = cdr_buf_printf(&b, "codeer-meta\t%d\n", cdr_document_header_count(doc) ? CDR_META_VERSION : 1);
	for (int i = 0; info_keys[i] && rc == 0; i++) {
		rc = cdr_buf_printf(&b, "%s\t", info_keys[i]);
		if (rc == 0)
			rc = cdr_tsv_put(&b, values[i]);
		if (rc == 0)
			rc = cdr_buf_putc(&b, '\n');
	}
	if (rc == 0)
		rc = cdr_buf_printf(&b, "text-sha256\t%s\nlength\t%zu\nwords\t%zu\n", digest,
				    cdr_document_length(doc), cdr_document_words(doc));
	for (size_t i = 0; i < cdr_document_turn_count(doc) && rc == 0; i++) {
		const cdr_turn *t = cdr_document_turn(doc, i);
		rc = put_fields(&b, "turn", t->span.start, t->span.end, 1);
		if (rc == 0)
			rc = cdr_buf_put_size(&b, t->words);
		if (rc == 0)
			rc = cdr_buf_putc(&b, '\t');
		if (rc == 0)
			rc = cdr_tsv_put(&b, t->speaker);
		if (rc == 0)
			rc = cdr_buf_putc(&b, '\t');
		if (rc == 0)
			rc = cdr_tsv_put(&b, t->time);
		if (rc == 0)
			rc = cdr_buf_putc(&b, '\n');
	}
	for (size_t i = 0; i < cdr_document_paragraph_count(doc) && rc == 0; i++) {
		const cdr_span *s = cdr_document_paragraph(doc, i);
		rc = put_fields(&b, "para", s->start, s->end, 0);
	}
	for (size_t i = 0; i < cdr_document_sentence_count(doc) && rc == 0; i++) {
		const cdr_span *s = cdr_document_sentence(doc, i);
		rc = put_fields(&b, "sent", s->start, s->end, 0);
	}
	for (size_t i = 0; i < cdr_document_header_count(doc) && rc == 0; i++) {
		const cdr_span *s = cdr_document_header(doc, i);
		rc = put_fields(&b, "head", s->start, s->end, 0);
	}
	if (rc < 0) {
		cdr_buf_free(&b);
		return rc;
	}
	*out = cdr_buf_detach(&b, out_len);
	return *out ? 0 : CDR_ENOMEM;
}

/* The keys that may appear once each, and where they were first seen. */
static const char *const once_keys[] = {
	"id", "original", "format", "encoding", "sha256", "added", "speaker-regex", "text-sha256",
	"length", "words", NULL
};
#define NKEYS (sizeof(once_keys) / sizeof(once_keys[0]) - 1)
enum { KEY_LENGTH = 8 }; /* once_keys[KEY_LENGTH] is "length" */

int cdr_meta_parse(cdr_document *doc, char *data, size_t len, const char *name,
		   int head_only, char text_sha256[65])
{
	cdr_tsv_row row = { 0 };
	size_t pos = 0, lineno = 0, prev_end = 0, seen[NKEYS] = { 0 };
	const char *nul;
	char *line;
	int rc = 0;

	text_sha256[0] = '\0';
	if ((nul = memchr(data, '\0', len)) != NULL) {
		size_t at = 1;
		for (const char *q = data; q < nul; q++)
			at += *q == '\n';
		return cdr_error_set(CDR_EFORMAT, "%s:%zu: contains a NUL byte", name, at);
	}
	while (cdr_next_line(data, len, &pos, &line)) {
		const char *key;
		cdr_span s;
		size_t words;

		lineno++;
		if (*line == '\0' && lineno > 1)
			continue;
		if ((rc = cdr_tsv_split(&row, line)) < 0)
			break;
		key = row.fields[0];
		if (lineno == 1) {
			size_t version;
			if (strcmp(key, "codeer-meta") != 0 || row.n != 2 || cdr_parse_size_field(row.fields[1], &version) < 0) {
				rc = cdr_error_set(CDR_EFORMAT, "%s:1: not a codeer source description", name);
				break;
			}
			if (version > CDR_META_VERSION) {
				rc = cdr_error_set(CDR_EVERSION, "%s: written by a newer codeer (meta version %zu, this codeer reads %d)",
						   name, version, CDR_META_VERSION);
				break;
			}
			continue;
		}
		if (strcmp(key, "turn") == 0 || strcmp(key, "para") == 0 || strcmp(key, "sent") == 0 ||
		    strcmp(key, "head") == 0) {
			int turn = key[0] == 't';
			const char *what = turn ? "turn" : key[0] == 'p' ? "paragraph" : key[0] == 'h' ? "header line" :
				"sentence";
			if (head_only)
				break;
			if (row.n != (turn ? 6u : 3u) || cdr_parse_size_field(row.fields[1], &s.start) < 0 ||
			    cdr_parse_size_field(row.fields[2], &s.end) < 0 || s.end < s.start ||
			    (turn && cdr_parse_size_field(row.fields[3], &words) < 0)) {
				rc = cdr_error_set(CDR_EFORMAT, "%s:%zu: malformed %s line", name, lineno, key);
				break;
			}
			if (!seen[KEY_LENGTH]) {
				rc = cdr_error_set(CDR_EFORMAT, "%s:%zu: %s before the length line", name, lineno, what);
				break;
			}
			if (s.end > doc->length) {
				rc = cdr_error_set(CDR_EFORMAT, "%s:%zu: %s ends past the text (length %zu)", name, lineno,
						   what, doc->length);
				break;
			}
			if (turn) {
				if (s.start < prev_end) {
					rc = cdr_error_set(CDR_EFORMAT, "%s:%zu: turns overlap or are out of order", name, lineno);
					break;
				}
				prev_end = s.end;
				rc = cdr_document_add_turn(doc, s, row.fields[4], row.fields[5], words);
				doc->words -= words; /* the stored total is authoritative */
			} else if (key[0] == 'p') {
				rc = cdr_document_add_paragraph(doc, s);
			} else if (key[0] == 'h') {
				rc = cdr_document_add_header(doc, s);
			} else {
				rc = cdr_document_add_sentence(doc, s);
			}
			if (rc < 0)
				break;
			continue;
		}
		if (row.n != 2) {
			rc = cdr_error_set(CDR_EFORMAT, "%s:%zu: expected 'key<TAB>value'", name, lineno);
			break;
		}
		for (size_t k = 0; k < NKEYS; k++) {
			if (strcmp(key, once_keys[k]) != 0)
				continue;
			if (seen[k]) /* a later line must not silently override an earlier one */
				rc = cdr_error_set(CDR_EFORMAT, "%s:%zu: '%s' given twice (first on line %zu)", name, lineno,
						   key, seen[k]);
			seen[k] = lineno;
			break;
		}
		if (rc < 0)
			break;
		if (strcmp(key, "text-sha256") == 0) {
			snprintf(text_sha256, 65, "%s", row.fields[1]);
			rc = cdr_document_set_info(doc, key, row.fields[1]);
		} else if (strcmp(key, "length") == 0 || strcmp(key, "words") == 0) {
			size_t v;
			if (cdr_parse_size_field(row.fields[1], &v) < 0) {
				rc = cdr_error_set(CDR_EFORMAT, "%s:%zu: '%s' is not a number", name, lineno, row.fields[1]);
				break;
			}
			if (key[0] == 'l')
				doc->length = v;
			else
				doc->words = v;
		} else {
			for (int i = 0; info_keys[i]; i++)
				if (strcmp(key, info_keys[i]) == 0 &&
				    (rc = cdr_document_set_info(doc, key, row.fields[1])) < 0)
					break;
			if (rc < 0)
				break;
		}
	}
	cdr_tsv_row_free(&row);
	if (rc == 0 && lineno == 0)
		rc = cdr_error_set(CDR_EFORMAT, "%s: empty file", name);
	if (rc == 0 && text_sha256[0] == '\0')
		rc = cdr_error_set(CDR_EFORMAT, "%s: no text-sha256 line", name);
	return rc;
}
