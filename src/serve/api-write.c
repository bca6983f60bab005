/* api-write.c -- the POST calls of the coding page's API (docs/serve.md,
 * "Writing"): add and remove codings, a coding's memo, accept, reject and
 * unreject, and memos on documents, codes and cases.
 *
 * Each write checks everything in the request first (coder, document,
 * code, offsets), then takes the project lock, compares the version the
 * page read ("base") with the file's current one, and only then loads,
 * changes and saves through the library, atomically. A refusal at any
 * step writes nothing; a stale base is 409 with the current version. */
#include <stdlib.h>
#include <string.h>

#include "serve/serve.h"

/* "base": a version string, or null for a file that did not exist. The
 * key must be there: a write that names no base could overwrite anything. */
static int call_base(struct serve_call *c, const char **out)
{
	json_t *v = json_object_get(c->in, "base");

	*out = NULL;
	if (v == NULL)
		return call_error(c, 400, "the request lacks \"base\" (the version it was made against)");
	if (json_is_null(v)) {
		*out = "";
		return 0;
	}
	if (!json_is_string(v))
		return call_error(c, 400, "\"base\" must be a version string or null");
	*out = json_string_value(v);
	return 0;
}

/* 409 with the file's current version, which the page reloads at. */
static int conflict(struct serve_call *c, const char *current, const char *message)
{
	call_error(c, 409, "%s", message);
	if (c->out && jset(c->out, "version", jversion(current)) < 0)
		return call_nomem(c);
	return -1;
}

static int stale(struct serve_call *c, const char *what, const char *current)
{
	char msg[1200];

	snprintf(msg, sizeof(msg), "%s changed since the page read it: reload and try again", what);
	return conflict(c, current, msg);
}

/* Lock, and refuse when the coder's codings are not at `base`. */
static int begin(struct serve_call *c, const char *coder, const char *base)
{
	char cur[CDR_VERSION_SIZE], what[128];

	if (cdr_project_lock(c->p, NULL) < 0 || cdr_codings_version(cur, c->p, coder) < 0)
		return call_lib_error(c);
	if (strcmp(cur, base) != 0) {
		snprintf(what, sizeof(what), "%s's codings", coder);
		return stale(c, what, cur);
	}
	return 0;
}

/* Save, then answer `status` with the coder's new version, and under
 * `key` (when not NULL) the coding given, and the count when `with_count`. */
static int finish(struct serve_call *c, cdr_codings *set, unsigned status, const char *key, json_t *coding,
		  size_t count, int with_count)
{
	char v[CDR_VERSION_SIZE];
	json_t *o;

	if (cdr_codings_save(set) < 0 || cdr_codings_version(v, c->p, cdr_codings_coder(set)) < 0) {
		json_decref(coding);
		return call_lib_error(c);
	}
	if ((o = json_object()) == NULL) {
		json_decref(coding);
		return call_nomem(c);
	}
	/* jset takes `coding` over, also when it fails */
	if ((key && jset(o, key, coding) < 0) || jset(o, "coder", jstr(cdr_codings_coder(set))) < 0 ||
	    jset(o, "version", jversion(v)) < 0 || (with_count && jset(o, "count", json_integer((json_int_t)count)) < 0)) {
		json_decref(o);
		return call_nomem(c);
	}
	return call_answer(c, status, o);
}

/* What a coding call names: coder, base, doc, span and code, all checked
 * against the project before anything is locked. */
struct target {
	const char *coder, *base, *doc;
	size_t start, end;
	int whole;          /* no span given: the whole document */
	char code[600];     /* scheme/code */
};

static int read_target(struct serve_call *c, struct target *t, int span_optional)
{
	cdr_schemes *set = NULL;
	const cdr_code *code;
	const char *ref;
	int has_start, has_end;
	size_t length;

	if ((t->coder = call_str(c, "coder")) == NULL || call_coder_ok(c, t->coder) < 0 || call_base(c, &t->base) < 0 ||
	    (t->doc = call_str(c, "doc")) == NULL || (ref = call_str(c, "code")) == NULL ||
	    call_opt_size(c, "start", &t->start, &has_start) < 0 || call_opt_size(c, "end", &t->end, &has_end) < 0)
		return -1;
	if (!cdr_project_has_doc(c->p, t->doc))
		return call_error(c, 404, "no document '%s' in the project", t->doc);
	/* every write checks its offsets: the length alone, not the structure */
	if (call_doc_length(c, t->doc, &length) < 0)
		return -1;
	t->whole = !has_start && !has_end;
	if (t->whole && span_optional) {
		t->start = 0;
		t->end = length;
	} else if (!has_start || !has_end) {
		return call_error(c, 400, "the request needs both \"start\" and \"end\"%s",
				  span_optional ? ", or neither for the whole document" : "");
	} else if (t->start >= t->end || t->end > length) {
		return call_error(c, 400, "%zu-%zu is not a span of %s, which has %zu characters (start < end <= %zu)",
				  t->start, t->end, t->doc, length, length);
	}
	if (call_schemes(c, &set) < 0)
		return -1;
	if (cdr_schemes_resolve(&code, set, ref) < 0) {
		cdr_schemes_free(set);
		return call_lib_error(c);
	}
	snprintf(t->code, sizeof(t->code), "%s", code->qualified);
	cdr_schemes_free(set);
	return 0;
}

int api_codings_add(struct serve_call *c)
{
	struct target t;
	const char *memo;
	cdr_codings *set = NULL;
	long i;
	int rc;

	if (read_target(c, &t, 0) < 0 || call_opt_str(c, "memo", &memo) < 0 || begin(c, t.coder, t.base) < 0)
		return -1;
	if (cdr_codings_load(&set, c->p, t.coder, NULL, NULL) < 0)
		return call_lib_error(c);
	rc = cdr_codings_add(set, t.doc, t.start, t.end, t.code, "manual", memo ? memo : "");
	if (rc == CDR_EEXISTS) {
		rc = conflict(c, t.base, cdr_error_last());
	} else if (rc < 0) {
		rc = call_lib_error(c);
	} else {
		/* saving sorts the rows: find the coding after the save */
		rc = finish(c, set, 201, NULL, NULL, 0, 0);
		if (rc == 0 && (i = cdr_codings_find(set, t.doc, t.start, t.end, t.code)) >= 0 &&
		    jset(c->out, "coding", serve_coding_json(t.coder, cdr_codings_get(set, (size_t)i))) < 0)
			rc = call_nomem(c);
	}
	cdr_codings_free(set);
	return rc;
}

/* The coder's own coding at exactly this place, or 404. A coder removes
 * only codings of the coder's own set: the page loads no other. */
static long find_own(struct serve_call *c, cdr_codings *set, const struct target *t)
{
	long i = cdr_codings_find(set, t->doc, t->start, t->end, t->code);

	if (i < 0)
		call_error(c, 404, "%s has no coding %s c%zu-%zu %s", t->coder, t->doc, t->start, t->end, t->code);
	return i;
}

int api_codings_remove(struct serve_call *c)
{
	struct target t;
	cdr_codings *set = NULL;
	json_t *gone;
	long i;
	int rc = -1;

	if (read_target(c, &t, 0) < 0 || begin(c, t.coder, t.base) < 0)
		return -1;
	if (cdr_codings_load(&set, c->p, t.coder, NULL, NULL) < 0)
		return call_lib_error(c);
	if ((i = find_own(c, set, &t)) >= 0) {
		if ((gone = serve_coding_json(t.coder, cdr_codings_get(set, (size_t)i))) == NULL) {
			rc = call_nomem(c);
		} else {
			cdr_codings_remove(set, (size_t)i);
			rc = finish(c, set, 200, "removed", gone, 0, 0);
		}
	}
	cdr_codings_free(set);
	return rc;
}

int api_codings_memo(struct serve_call *c)
{
	struct target t;
	const char *memo;
	cdr_codings *set = NULL;
	long i;
	int rc = -1;

	if (read_target(c, &t, 0) < 0 || (memo = call_str(c, "memo")) == NULL || begin(c, t.coder, t.base) < 0)
		return -1;
	if (cdr_codings_load(&set, c->p, t.coder, NULL, NULL) < 0)
		return call_lib_error(c);
	if ((i = find_own(c, set, &t)) >= 0) {
		if (cdr_codings_set_memo(set, (size_t)i, memo) < 0) {
			rc = call_lib_error(c);
		} else {
			rc = finish(c, set, 200, NULL, NULL, 0, 0);
			if (rc == 0 && (i = cdr_codings_find(set, t.doc, t.start, t.end, t.code)) >= 0 &&
			    jset(c->out, "coding", serve_coding_json(t.coder, cdr_codings_get(set, (size_t)i))) < 0)
				rc = call_nomem(c);
		}
	}
	cdr_codings_free(set);
	return rc;
}

enum judgement { ACCEPT, REJECT, UNREJECT };

/* accept copies from `from` into the coder's set (the coder's file
 * changes); reject and unreject mark codings in from's set (from's file
 * changes). The base is the version of the file that changes. */
static int judge(struct serve_call *c, enum judgement what)
{
	struct target t;
	const char *from;
	cdr_codings *src = NULL, *dst = NULL;
	size_t n = 0;
	int rc;

	if (read_target(c, &t, 1) < 0 || (from = call_str(c, "from")) == NULL || call_coder_ok(c, from) < 0 ||
	    begin(c, what == ACCEPT ? t.coder : from, t.base) < 0)
		return -1;
	if (cdr_codings_load(&src, c->p, from, NULL, NULL) < 0 ||
	    (what == ACCEPT && cdr_codings_load(&dst, c->p, t.coder, NULL, NULL) < 0)) {
		rc = call_lib_error(c);
		goto done;
	}
	if (what == ACCEPT)
		rc = cdr_codings_accept(dst, src, t.doc, t.start, t.end, t.code, &n);
	else if (what == REJECT)
		rc = cdr_codings_reject(src, t.coder, 0, t.doc, t.start, t.end, t.code, &n);
	else
		rc = cdr_codings_unreject(src, t.coder, 0, t.doc, t.start, t.end, t.code, &n);
	if (rc < 0)
		rc = call_lib_error(c);
	else
		rc = finish(c, what == ACCEPT ? dst : src, 200, NULL, NULL, n, 1);
done:
	cdr_codings_free(src);
	cdr_codings_free(dst);
	return rc;
}

int api_codings_accept(struct serve_call *c) { return judge(c, ACCEPT); }
int api_codings_reject(struct serve_call *c) { return judge(c, REJECT); }
int api_codings_unreject(struct serve_call *c) { return judge(c, UNREJECT); }

int api_memos_post(struct serve_call *c)
{
	const char *kind_name, *target, *text, *base;
	char id[1024], cur[CDR_VERSION_SIZE], what[1100];
	cdr_memo_kind kind;
	json_t *o;

	if ((kind_name = call_str(c, "kind")) == NULL || (target = call_str(c, "target")) == NULL ||
	    (text = call_str(c, "text")) == NULL || call_base(c, &base) < 0 ||
	    serve_memo_target(c, kind_name, target, &kind, id, sizeof(id)) < 0)
		return -1;
	if (cdr_project_lock(c->p, NULL) < 0 || cdr_memo_version(cur, c->p, kind, id) < 0)
		return call_lib_error(c);
	if (strcmp(cur, base) != 0) {
		snprintf(what, sizeof(what), "the memo on %s %s", kind_name, id);
		return stale(c, what, cur);
	}
	if (cdr_memo_set(c->p, kind, id, text, 0) < 0 || cdr_memo_version(cur, c->p, kind, id) < 0)
		return call_lib_error(c);
	if ((o = json_object()) == NULL || jset(o, "kind", jstr(kind_name)) < 0 || jset(o, "target", jstr(id)) < 0 ||
	    jset(o, "version", jversion(cur)) < 0) {
		json_decref(o);
		o = NULL;
	}
	return call_answer(c, 200, o);
}
