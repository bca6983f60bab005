/* reread.c -- read a document's file again with other ingest rules and
 * keep its codings (reread.h). In the coding layer: every coder's codings
 * of the document move along with its text.
 *
 * A coding is identified by its offsets, so a text that stays the same
 * keeps every coding as it is. A changed text (a corrected transcript)
 * moves each coding to where its exact words are now; a coding whose
 * words cannot be placed with certainty is never moved by a guess: the
 * re-read is refused with a list of them, or, when forced, they are
 * archived with the old text so nothing a coder made is lost. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codeer/archive.h"
#include "codeer/coding.h"
#include "codeer/error.h"
#include "codeer/reread.h"
#include "coding/housekeep.h"
#include "project/change.h"
#include "project/meta.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/fileio.h"
#include "util/hash.h"

/* Where each code point of a text starts, in bytes (n + 1 entries). */
static size_t *cp_offsets(const char *t, size_t len, size_t n)
{
	size_t *v = cdr_calloc(n + 1, sizeof(size_t)), k = 0;

	if (v == NULL)
		return NULL;
	for (size_t i = 0; i < len && k < n; i++)
		if (((unsigned char)t[i] & 0xC0) != 0x80)
			v[k++] = i;
	v[k] = len;
	return v;
}

/* The code point at byte offset b (a code point start). */
static size_t cp_at(const size_t *v, size_t n, size_t b)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid] < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Place `what` (bytes) in the new text: the only occurrence, or the one
 * nearest code point `near`. 0 and *at, or 1 when it cannot be placed. */
static int place(size_t *at, const char *t, size_t len, const size_t *v, size_t n, const char *what, size_t wlen,
		 size_t near)
{
	size_t best = 0, best_d = (size_t)-1;
	int tie = 0, found = 0;

	if (wlen == 0 || wlen > len)
		return 1;
	for (size_t b = 0; b + wlen <= len; b++) {
		const char *hit = memchr(t + b, what[0], len - wlen + 1 - b);
		size_t cp, d;
		if (hit == NULL)
			break;
		b = (size_t)(hit - t);
		if (memcmp(hit, what, wlen) != 0)
			continue;
		cp = cp_at(v, n, b);
		d = cp > near ? cp - near : near - cp;
		if (!found || d < best_d) {
			best = cp;
			best_d = d;
			tie = 0;
		} else if (d == best_d) {
			tie = 1;
		}
		found = 1;
	}
	if (!found || tie)
		return 1;
	*at = best;
	return 0;
}

/* "the first words…" of a coding's text, on one line. */
static int first_words(cdr_buf *b, const char *s)
{
	size_t n = 0, words = 0;
	int rc = 0, space = 0;

	for (; *s && rc == 0; s++) {
		int ws = *s == ' ' || *s == '\t' || *s == '\n';
		if (ws) {
			space = 1;
			continue;
		}
		if (space && n && ++words >= 6)
			return cdr_buf_puts(b, "…");
		if (space && n)
			rc = cdr_buf_putc(b, ' ');
		space = 0;
		if (rc == 0)
			rc = cdr_buf_putc(b, *s);
		n++;
	}
	return rc;
}

/* One coding of the document: a copy, since formatting a set sorts it
 * and removing a coding frees its memo. */
struct moved {
	size_t set;
	size_t old_start, old_end;
	size_t start, end; /* new span; unplaced when lost */
	int lost;
	char *code, *origin, *created, *memo, *status;
};

struct lost_ctx {
	const struct moved *mv;
	size_t n, set;
	const char *doc;
};

static int lost_pick(void *ctx, const cdr_coding *k)
{
	const struct lost_ctx *l = ctx;

	if (strcmp(k->doc, l->doc) != 0)
		return 0;
	for (size_t i = 0; i < l->n; i++)
		if (l->mv[i].lost && l->mv[i].set == l->set && l->mv[i].old_start == k->start &&
		    l->mv[i].old_end == k->end && strcmp(l->mv[i].code, k->code) == 0)
			return 1;
	return 0;
}

static int doc_is_not(void *ctx, const cdr_coding *k)
{
	return strcmp(k->doc, (const char *)ctx) != 0;
}

static void moved_free(struct moved *mv, size_t n)
{
	for (size_t i = 0; mv && i < n; i++) {
		free(mv[i].code);
		free(mv[i].origin);
		free(mv[i].created);
		free(mv[i].memo);
		free(mv[i].status);
	}
	free(mv);
}

/* Read the file; without an explicit one it must be the bytes added. */
static int read_file(char **bytes, size_t *n, const cdr_document_info *info, const cdr_reread_options *o,
		     const char **path)
{
	char digest[CDR_SHA256_HEX_LEN + 1];
	int rc;

	*path = o && o->file ? o->file : info->original;
	rc = cdr_file_read(bytes, n, *path, o && o->ingest.max_bytes ? o->ingest.max_bytes : CDR_INGEST_MAX_BYTES);
	if (rc == CDR_ENOTFOUND && !(o && o->file))
		return cdr_error_set(CDR_ENOTFOUND, "%s: the original file of '%s' is not here; name the file to read",
				     *path, info->id);
	if (rc < 0 || (o && o->file))
		return rc;
	cdr_sha256_hex(digest, *bytes, *n);
	if (strcmp(digest, info->sha256) != 0) {
		free(*bytes);
		*bytes = NULL;
		return cdr_error_set(CDR_EUSAGE, "%s: this file has changed since '%s' was added from it (its sha256 differs); "
				     "name the file to read it all the same", *path, info->id);
	}
	return 0;
}

int cdr_doc_reread(cdr_project *p, const char *id, const cdr_reread_options *o, char **report)
{
	cdr_document *old = NULL, *doc = NULL;
	cdr_change *ch = NULL;
	struct cdr_sets sets = { 0 };
	struct moved *mv = NULL;
	size_t nmv = 0, nlost = 0, *v = NULL, *per = NULL, tlen, olen, mlen;
	cdr_ingest_options io;
	cdr_buf out = CDR_BUF_INIT, list = CDR_BUF_INIT;
	char *bytes = NULL, *meta = NULL, entry[600] = "";
	const char *path, *text, *otext;
	const cdr_document_info *info;
	size_t n;
	int rc, same;

	*report = NULL;
	if (!cdr_project_has_doc(p, id))
		return cdr_error_set(CDR_ENOTFOUND, "no document '%s' in the project", id);
	if ((rc = cdr_change_new(&ch, p)) < 0 || (rc = cdr_project_doc_load(&old, p, id, 1)) < 0)
		goto done;
	info = cdr_document_info_get(old);
	if ((rc = read_file(&bytes, &n, info, o, &path)) < 0)
		goto done;
	io = o ? o->ingest : (cdr_ingest_options){ 0 };
	if (io.speaker_regex == NULL && *info->speaker_regex)
		io.speaker_regex = info->speaker_regex;
	if ((rc = cdr_ingest_bytes(&doc, bytes, n, path, &io)) < 0 || (rc = cdr_document_set_info(doc, "id", id)) < 0 ||
	    (rc = cdr_document_set_info(doc, "added", info->added)) < 0 ||
	    (rc = cdr_meta_format(&meta, &mlen, doc)) < 0)
		goto done;
	text = cdr_document_text(doc, &tlen);
	otext = cdr_document_text(old, &olen);
	same = tlen == olen && memcmp(text, otext, tlen) == 0;
	if ((rc = cdr_sets_load(&sets, p)) < 0)
		goto done;
	if ((per = cdr_calloc(sets.n + 1, sizeof(size_t))) == NULL) {
		rc = CDR_ENOMEM;
		goto done;
	}
	if (!same) {
		size_t total = 0, len = cdr_document_length(doc);
		for (size_t s = 0; s < sets.n; s++)
			for (size_t k = 0; k < cdr_codings_count(sets.v[s]); k++)
				total += strcmp(cdr_codings_get(sets.v[s], k)->doc, id) == 0;
		if ((mv = cdr_calloc(total + 1, sizeof(*mv))) == NULL || (v = cp_offsets(text, tlen, len)) == NULL) {
			rc = CDR_ENOMEM;
			goto done;
		}
		for (size_t s = 0; s < sets.n && rc == 0; s++) {
			for (size_t k = 0; k < cdr_codings_count(sets.v[s]) && rc == 0; k++) {
				const cdr_coding *c = cdr_codings_get(sets.v[s], k);
				cdr_span span = { c->start, c->end };
				char *words;
				size_t at;
				if (strcmp(c->doc, id) != 0)
					continue;
				if ((words = cdr_document_slice(old, span)) == NULL) {
					rc = CDR_ENOMEM;
					break;
				}
				mv[nmv].set = s;
				mv[nmv].old_start = c->start;
				mv[nmv].old_end = c->end;
				mv[nmv].code = cdr_strdup(c->code);
				mv[nmv].origin = cdr_strdup(c->origin);
				mv[nmv].created = cdr_strdup(c->created);
				mv[nmv].memo = cdr_strdup(c->memo);
				mv[nmv].status = cdr_strdup(c->status);
				nmv++;
				if (!mv[nmv - 1].code || !mv[nmv - 1].origin || !mv[nmv - 1].created || !mv[nmv - 1].memo ||
				    !mv[nmv - 1].status) {
					free(words);
					rc = CDR_ENOMEM;
					break;
				}
				if (place(&at, text, tlen, v, len, words, strlen(words), c->start) == 0) {
					mv[nmv - 1].start = at;
					mv[nmv - 1].end = at + (c->end - c->start);
				} else {
					mv[nmv - 1].lost = 1;
					nlost++;
					per[s]++;
					if ((rc = cdr_buf_printf(&list, "\n  %s\t%s\tc%zu-%zu\t", sets.names[s], c->code, c->start,
								 c->end)) == 0)
						rc = first_words(&list, words);
				}
				free(words);
			}
		}
		if (rc < 0)
			goto done;
		if (nlost && !(o && o->force)) {
			rc = cdr_error_set(CDR_EUNSAFE, "%s: %zu coding%s of '%s' would not find %s text in the new one "
					   "(coder, code, old span, first words):%s", path, nlost, nlost == 1 ? "" : "s", id,
					   nlost == 1 ? "its" : "their", list.data);
			goto done;
		}
	}
	if ((rc = cdr_buf_printf(&out, "re-read %s from %s: %zu turn%s, %zu sentence%s, %zu header line%s", id, path,
				 cdr_document_turn_count(doc), cdr_document_turn_count(doc) == 1 ? "" : "s",
				 cdr_document_sentence_count(doc), cdr_document_sentence_count(doc) == 1 ? "" : "s",
				 cdr_document_header_count(doc), cdr_document_header_count(doc) == 1 ? "" : "s")) < 0)
		goto done;
	{
		char rel[600];
		snprintf(rel, sizeof(rel), "sources/%s.meta", id);
		if ((rc = cdr_change_write(ch, rel, meta, mlen)) < 0)
			goto done;
		if (!same) {
			snprintf(rel, sizeof(rel), "sources/%s.txt", id);
			if ((rc = cdr_change_write(ch, rel, text, tlen)) < 0)
				goto done;
		}
	}
	if (same) {
		rc = cdr_buf_puts(&out, "; the same text: every coding kept as it was\n");
		goto commit;
	}
	/* the lost codings first, while the sets still hold them */
	if (nlost) {
		char rel[600], to[900];
		cdr_buf sum = CDR_BUF_INIT;
		if ((rc = cdr_archive_entry_create(entry, sizeof(entry), p, id)) < 0)
			goto done;
		for (int k = 0; k < 2 && rc >= 0; k++) {
			snprintf(rel, sizeof(rel), "sources/%s%s", id, k ? ".txt" : ".meta");
			snprintf(to, sizeof(to), "%s/%s%s", entry, id, k ? ".txt" : ".meta");
			rc = cdr_rel_copy(ch, p, rel, to);
		}
		for (size_t s = 0; s < sets.n && rc >= 0; s++) {
			char *data;
			size_t len;
			if (per[s] == 0)
				continue;
			struct lost_ctx l = { mv, nmv, s, id };
			if ((rc = cdr_codings_format(&data, &len, sets.v[s], lost_pick, &l)) < 0)
				break;
			snprintf(to, sizeof(to), "%s/codings-%s.tsv", entry, sets.names[s]);
			rc = cdr_change_write(ch, to, data, len);
			free(data);
		}
		if (rc >= 0 && (rc = cdr_sets_counts_text(&sum, &sets, per)) == 0 &&
		    (rc = cdr_buf_puts(&sum, " whose text was not found when it was re-read; its text and .meta before")) == 0)
			rc = cdr_archive_manifest(ch, entry, "codings", id, NULL, sum.data);
		cdr_buf_free(&sum);
		if (rc < 0)
			goto done;
	}
	/* the document's codings out, then every placed one in at its new
	 * offsets; one that lands on a coding already placed is merged */
	{
		size_t moved = 0, merged = 0;
		for (size_t s = 0; s < sets.n; s++)
			for (size_t k = 0; k < cdr_codings_count(sets.v[s]); k++)
				if (strcmp(cdr_codings_get(sets.v[s], k)->doc, id) == 0)
					sets.dirty[s] = 1;
		for (size_t s = 0; s < sets.n; s++)
			if (sets.dirty[s])
				cdr_codings_filter(sets.v[s], doc_is_not, (void *)id);
		for (size_t i = 0; i < nmv && rc == 0; i++) {
			cdr_codings *c = sets.v[mv[i].set];
			if (mv[i].lost)
				continue;
			if (cdr_codings_find(c, id, mv[i].start, mv[i].end, mv[i].code) >= 0) {
				merged++;
				continue;
			}
			moved += mv[i].start != mv[i].old_start;
			rc = cdr_codings_append(c, id, mv[i].start, mv[i].end, mv[i].code, mv[i].origin, mv[i].created,
						mv[i].memo, mv[i].status);
		}
		if (rc < 0)
			goto done;
		rc = cdr_buf_printf(&out, "; the text changed: %zu coding%s placed on %s text (%zu moved)", nmv - nlost,
				    nmv - nlost == 1 ? "" : "s", nmv - nlost == 1 ? "its" : "their", moved);
		if (rc == 0 && merged)
			rc = cdr_buf_printf(&out, ", %zu the same as another and merged", merged);
		if (rc == 0 && nlost)
			rc = cdr_buf_printf(&out, "; %zu not found, archived in %s", nlost, entry);
		if (rc == 0)
			rc = cdr_buf_putc(&out, '\n');
	}
commit:
	if (rc == 0 && (rc = cdr_sets_stage(&sets, ch)) == 0)
		rc = cdr_change_commit(ch);
	if (rc == 0) {
		*report = out.data;
		out.data = NULL;
	}
done:
	cdr_change_free(ch);
	if (rc < 0 && *entry)
		cdr_archive_entry_drop(p, entry);
	cdr_sets_free(&sets);
	cdr_document_free(old);
	cdr_document_free(doc);
	free(bytes);
	free(meta);
	moved_free(mv, nmv);
	free(v);
	free(per);
	cdr_buf_free(&out);
	cdr_buf_free(&list);
	return rc;
}
