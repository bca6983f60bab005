/* stream.c -- autocode without a project: JSON lines of documents in,
 * JSON lines of codings out (cdr_autocode_stream in autocode.h).
 *
 * This is the per-document entry point a distributed engine maps over the
 * partitions of a corpus. Lines are read and checked one at a time, in
 * order, by whichever worker takes the next item; the documents are
 * segmented and coded on all threads; the codings are written in input
 * order by cdr_engine_map, so the output does not depend on the number of
 * threads. A bad line is reported with its number and skipped: one broken
 * record in ten million should not cost the other records their codings,
 * and the caller still learns (from `bad`) that the run was not clean. */
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codeer/autocode.h"
#include "codeer/error.h"
#include "codeer/ingest.h"
#include "codeer/table.h"
#include "util/alloc.h"

struct line_item {
	size_t line;
	char *id, *text;
	size_t len;
};

struct stream {
	FILE *in, *out;
	cdr_warn_fn warn;
	void *ctx;
	char *buf;
	size_t cap, line;
	cdr_stream_result *res;
};

static void report(struct stream *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void report(struct stream *s, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (s->warn)
		s->warn(s->ctx, msg);
}

static void item_free(struct line_item *it)
{
	if (it == NULL)
		return;
	free(it->id);
	free(it->text);
	free(it);
}

/* Check one record: an object with a non-empty string "id" and a string
 * "text" with some non-blank character; "case" a string and "attributes"
 * an object of strings when present (they travel with the document to the
 * tables built later, and are not needed for coding). Other keys are
 * ignored, so records may carry more than codeer reads. */
static const char *check_record(json_t *j, const char **id, const char **text, size_t *len)
{
	json_t *v;
	const char *key;

	if (!json_is_object(j))
		return "not a JSON object";
	v = json_object_get(j, "id");
	if (!json_is_string(v) || json_string_length(v) == 0)
		return "no \"id\" (a non-empty string)";
	*id = json_string_value(v);
	if (strlen(*id) != json_string_length(v) || strpbrk(*id, "\t\n\r") != NULL)
		return "the \"id\" holds a tab, a line break or a NUL";
	v = json_object_get(j, "text");
	if (!json_is_string(v))
		return "no \"text\" (a string)";
	*text = json_string_value(v);
	*len = json_string_length(v);
	if (strspn(*text, " \t\r\n") == *len)
		return "the \"text\" is empty";
	v = json_object_get(j, "case");
	if (v && !json_is_string(v) && !json_is_null(v))
		return "\"case\" is not a string";
	v = json_object_get(j, "attributes");
	if (v && !json_is_object(v) && !json_is_null(v))
		return "\"attributes\" is not an object";
	json_object_foreach(v, key, j)
		if (!json_is_string(j))
			return "an attribute's value is not a string";
	return NULL;
}

static int next_item(void *ctx, void **item)
{
	struct stream *s = ctx;

	for (;;) {
		ssize_t n = getline(&s->buf, &s->cap, s->in);
		const char *id = NULL, *text = NULL, *why;
		size_t len = 0;
		json_error_t err;
		json_t *j;
		struct line_item *it;

		if (n < 0) {
			if (ferror(s->in))
				return cdr_error_set(CDR_EIO, "cannot read the documents: %s", "read error");
			return 0;
		}
		s->line++;
		if (strspn(s->buf, " \t\r\n") == (size_t)n)
			continue; /* a blank line is no record */
		if ((j = json_loadb(s->buf, (size_t)n, JSON_REJECT_DUPLICATES, &err)) == NULL) {
			report(s, "line %zu: not JSON (%s); skipped", s->line, err.text);
			s->res->bad++;
			continue;
		}
		if ((why = check_record(j, &id, &text, &len)) != NULL) {
			report(s, "line %zu: %s; skipped", s->line, why);
			s->res->bad++;
			json_decref(j);
			continue;
		}
		if ((it = cdr_calloc(1, sizeof(*it))) == NULL || (it->id = cdr_strdup(id)) == NULL ||
		    (it->text = cdr_malloc(len + 1)) == NULL) {
			item_free(it);
			json_decref(j);
			return CDR_ENOMEM;
		}
		memcpy(it->text, text, len + 1);
		it->len = len;
		it->line = s->line;
		json_decref(j);
		*item = it;
		return 1;
	}
}

/* Segmented as `codeer add` does a .txt file with the default settings. */
static int load_item(void *ctx, void *item, cdr_document **doc)
{
	struct line_item *it = item;
	cdr_ingest_options o = { 0 };
	char name[64];
	int rc;

	(void)ctx;
	o.format = "txt";
	snprintf(name, sizeof(name), "line %zu", it->line);
	*doc = NULL;
	if ((rc = cdr_ingest_bytes(doc, it->text, it->len, name, &o)) < 0)
		return rc;
	/* the text is in the document now */
	free(it->text);
	it->text = NULL;
	if ((rc = cdr_document_set_info(*doc, "id", it->id)) < 0) {
		cdr_document_free(*doc);
		*doc = NULL;
	}
	return rc;
}

static int done_item(void *ctx, void *item, const cdr_document *doc, const cdr_proposals *props)
{
	struct stream *s = ctx;
	struct line_item *it = item;

	(void)doc;
	s->res->docs++;
	for (size_t i = 0; i < props->n; i++) {
		const cdr_proposal *p = &props->v[i];
		fputs("{\"doc\": ", s->out);
		cdr_json_string(s->out, it->id);
		fprintf(s->out, ", \"start\": %zu, \"end\": %zu, \"code\": ", p->span.start, p->span.end);
		cdr_json_string(s->out, p->code->qualified);
		fputs(", \"origin\": ", s->out);
		cdr_json_string(s->out, p->origin);
		fputs("}\n", s->out);
	}
	s->res->codings += props->n;
	if (ferror(s->out))
		return cdr_error_set(CDR_EIO, "cannot write the codings");
	return 0;
}

static void drop_item(void *ctx, void *item)
{
	(void)ctx;
	item_free(item);
}

static void on_limit(void *ctx, const cdr_document *doc, long turn, const cdr_code *code, const cdr_rule *rule)
{
	struct stream *s = ctx;

	s->res->limit_hits++;
	if (turn >= 0)
		report(s, "%s t%ld: rule %s#%s hit the match limit; skipped for that turn",
		       cdr_document_info_get(doc)->id, turn + 1, code->qualified, rule->id);
	else
		report(s, "%s: rule %s#%s hit the match limit; skipped", cdr_document_info_get(doc)->id,
		       code->qualified, rule->id);
}

int cdr_autocode_stream(cdr_engine *e, FILE *in, FILE *out, unsigned threads, cdr_warn_fn warn, void *ctx,
			cdr_stream_result *res)
{
	struct stream s = { in, out, warn, ctx, NULL, 0, 0, res };
	cdr_doc_source src = { next_item, load_item, done_item, drop_item, on_limit, &s };
	int rc;

	memset(res, 0, sizeof(*res));
	rc = cdr_engine_map(e, threads, &src);
	free(s.buf);
	if (rc == 0 && fflush(out) != 0)
		rc = cdr_error_set(CDR_EIO, "cannot write the codings");
	return rc;
}
