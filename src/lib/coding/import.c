/* import.c -- codings from a spreadsheet or another tool (coding.h):
 * all rows checked first, then every coder's file written in one
 * journaled transaction.
 *
 * A file written by `codeer code export` comes back as it was: its origin,
 * created and status columns are read, and (in TSV) its escapes undone. A
 * file people made has no such columns; its backslashes stay text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "codeer/coding.h"
#include "codeer/error.h"
#include "codeer/scheme.h"
#include "coding/store.h"
#include "util/alloc.h"
#include "util/array.h"
#include "util/csv.h"
#include "util/fileio.h"
#include "util/clock.h"

struct row {
	char *coder, *doc, *code, *memo, *origin, *created, *status;
	size_t start, end;
};

/* Undo codeer's TSV escapes (\t \n \r \\) in place; any other backslash
 * is kept as it is. */
static void unescape(char *s)
{
	char *w = s;

	for (; *s; s++) {
		if (*s == '\\' && (s[1] == 't' || s[1] == 'n' || s[1] == 'r' || s[1] == '\\')) {
			s++;
			*w++ = *s == 't' ? '\t' : *s == 'n' ? '\n' : *s == 'r' ? '\r' : '\\';
		} else {
			*w++ = *s;
		}
	}
	*w = '\0';
}

/* The origins codeer writes; anything else in an origin cell is a mistake
 * (and "rule:" decides who may reject a coding, see store.c). */
static int origin_valid(const char *o)
{
	return strcmp(o, "manual") == 0 || (strncmp(o, "rule:", 5) == 0 && o[5]) ||
	       (strncmp(o, "accept:", 7) == 0 && o[7]) || (strncmp(o, "import:", 7) == 0 && o[7]);
}

static long column(const cdr_tsv_row *header, const char *name)
{
	for (size_t i = 0; i < header->n; i++)
		if (strcasecmp(header->fields[i], name) == 0)
			return (long)i;
	return -1;
}

static const char *field(const cdr_tsv_row *r, long col)
{
	return col >= 0 && (size_t)col < r->n ? r->fields[col] : "";
}

static int cmp_row(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	int r = strcmp(x->coder, y->coder);
	return r ? r : strcmp(x->doc, y->doc);
}

int cdr_codings_import(cdr_project *p, const cdr_schemes *set, const char *path, const char *coder,
		       int override, size_t *imported, size_t *skipped)
{
	char *data = NULL;
	size_t len, n = 0, cap = 0, plen = strlen(path);
	char now[32];
	cdr_csv csv;
	cdr_tsv_row header = { 0 }, rec = { 0 };
	struct row *rows = NULL;
	cdr_document *doc = NULL;
	cdr_txn *txn = NULL;
	long c_doc, c_code, c_ref, c_start, c_end, c_memo, c_coder, c_origin, c_created, c_status;
	int rc, escaped;

	*imported = *skipped = 0;
	if ((rc = cdr_file_read(&data, &len, path, (size_t)1 << 30)) < 0)
		return rc;
	/* a UTF-8 byte-order mark is skipped by the reader (util/csv.c); a
	 * UTF-16 one means "Unicode text" from a spreadsheet */
	if (len >= 2 && (((unsigned char)data[0] == 0xFF && (unsigned char)data[1] == 0xFE) ||
			 ((unsigned char)data[0] == 0xFE && (unsigned char)data[1] == 0xFF))) {
		rc = cdr_error_set(CDR_EENCODING, "%s: UTF-16 text; save the file as UTF-8 (CSV UTF-8 or TSV)", path);
		goto done;
	}
	cdr_csv_init(&csv, data, len, plen > 4 && strcasecmp(path + plen - 4, ".csv") == 0 ? ',' : '\t');
	if ((rc = cdr_csv_next(&csv, &header)) <= 0) {
		rc = rc < 0 ? rc : cdr_error_set(CDR_EFORMAT, "%s: empty file", path);
		goto done;
	}
	c_doc = column(&header, "doc");
	c_code = column(&header, "code");
	c_ref = column(&header, "ref");
	c_start = column(&header, "start");
	c_end = column(&header, "end");
	c_memo = column(&header, "memo");
	c_coder = override ? -1 : column(&header, "coder");
	c_origin = column(&header, "origin");
	c_created = column(&header, "created");
	c_status = column(&header, "status");
	/* only codeer's own export has these columns, and escapes its TSV */
	escaped = csv.sep == '\t' && (c_origin >= 0 || c_created >= 0 || c_status >= 0);
	if (c_doc < 0 || c_code < 0 || (c_ref < 0 && (c_start < 0 || c_end < 0))) {
		rc = cdr_error_set(CDR_EFORMAT, "%s:1: the header must name the columns doc, code, and ref or start and end",
				   path);
		goto done;
	}
	while ((rc = cdr_csv_next(&csv, &rec)) > 0) {
		const char *d = field(&rec, c_doc), *who = c_coder >= 0 ? field(&rec, c_coder) : coder;
		const cdr_code *code;
		cdr_span span;
		struct row *r;

		if (rec.n == 1 && *rec.fields[0] == '\0')
			continue; /* blank line */
		for (size_t f = 0; escaped && f < rec.n; f++)
			unescape(rec.fields[f]);
		if (!origin_valid(*field(&rec, c_origin) ? field(&rec, c_origin) : "manual")) {
			rc = cdr_error_set(CDR_EFORMAT, "%s:%zu: origin '%s' is not manual, rule:..., accept:... or import:...",
					   path, csv.line, field(&rec, c_origin));
			goto done;
		}
		if (*field(&rec, c_status) && strcmp(field(&rec, c_status), "rejected") != 0) {
			rc = cdr_error_set(CDR_EFORMAT, "%s:%zu: status '%s' is neither empty nor rejected", path, csv.line,
					   field(&rec, c_status));
			goto done;
		}
		if (!cdr_coder_valid(who)) {
			rc = cdr_error_set(CDR_EFORMAT, "%s:%zu: '%s' is not a valid coder name", path, csv.line, who);
			goto done;
		}
		if (doc == NULL || strcmp(cdr_document_info_get(doc)->id, d) != 0) {
			cdr_document_free(doc);
			doc = NULL;
			if ((rc = cdr_project_doc_load(&doc, p, d, 1)) < 0) {
				rc = cdr_error_set(rc, "%s:%zu: %s", path, csv.line, cdr_error_last());
				goto done;
			}
		}
		if ((rc = cdr_schemes_resolve(&code, set, field(&rec, c_code))) < 0) {
			rc = cdr_error_set(rc, "%s:%zu: %s", path, csv.line, cdr_error_last());
			goto done;
		}
		if (c_ref >= 0 && *field(&rec, c_ref)) {
			rc = cdr_document_resolve(&span, doc, field(&rec, c_ref));
		} else {
			char ref[80];
			snprintf(ref, sizeof(ref), "c%s-%s", field(&rec, c_start), field(&rec, c_end));
			rc = cdr_document_resolve(&span, doc, ref);
		}
		if (rc < 0) {
			rc = cdr_error_set(rc, "%s:%zu: %s: %s", path, csv.line, d, cdr_error_last());
			goto done;
		}
		if ((rc = cdr_grow((void **)&rows, &cap, n + 1, sizeof(*rows))) < 0)
			goto done;
		r = &rows[n++];
		r->coder = cdr_strdup(who);
		r->doc = cdr_strdup(d);
		r->code = cdr_strdup(code->qualified);
		r->memo = cdr_strdup(field(&rec, c_memo));
		r->origin = cdr_strdup(*field(&rec, c_origin) ? field(&rec, c_origin) : "manual");
		r->created = cdr_strdup(field(&rec, c_created));
		r->status = cdr_strdup(field(&rec, c_status));
		r->start = span.start;
		r->end = span.end;
		if (!r->coder || !r->doc || !r->code || !r->memo || !r->origin || !r->created || !r->status) {
			rc = cdr_error_set(CDR_ENOMEM, "out of memory");
			goto done;
		}
	}
	if (rc < 0) {
		rc = cdr_error_set(rc, "%s:%zu: %s", path, csv.line, cdr_error_last());
		goto done;
	}
	if ((rc = cdr_project_lock(p, NULL)) < 0)
		goto done;
	/* one coder's file after another: a kill in between must not keep some */
	if ((rc = cdr_txn_new_journaled(&txn, cdr_project_path(p))) < 0)
		goto done;
	cdr_now_iso(now);
	cdr_sort(rows, n, sizeof(*rows), cmp_row);
	for (size_t i = 0; i < n && rc == 0;) {
		cdr_codings *k;
		size_t j = i;
		if ((rc = cdr_codings_load(&k, p, rows[i].coder, NULL, NULL)) < 0)
			break;
		for (; j < n && strcmp(rows[j].coder, rows[i].coder) == 0 && rc == 0; j++) {
			const struct row *r = &rows[j];
			if (cdr_codings_find(k, r->doc, r->start, r->end, r->code) >= 0) {
				(*skipped)++;
				continue;
			}
			rc = cdr_codings_append(k, r->doc, r->start, r->end, r->code, r->origin, *r->created ? r->created : now,
						r->memo, r->status);
			if (rc == 0)
				(*imported)++;
		}
		if (rc == 0)
			rc = cdr_codings_stage(k, txn);
		cdr_codings_free(k);
		i = j;
	}
	if (rc == 0)
		rc = cdr_txn_commit(txn);
done:
	cdr_txn_free(txn);
	for (size_t i = 0; i < n; i++) {
		free(rows[i].coder);
		free(rows[i].doc);
		free(rows[i].code);
		free(rows[i].memo);
		free(rows[i].origin);
		free(rows[i].created);
		free(rows[i].status);
	}
	free(rows);
	cdr_document_free(doc);
	cdr_tsv_row_free(&header);
	cdr_tsv_row_free(&rec);
	free(data);
	return rc;
}
