/* call.c -- what every API handler shares: reading the query and the JSON
 * body, answering with JSON or with an error whose status follows the
 * library's error code, building JSON with every allocation checked, and
 * the documents' lengths that writes check their offsets against. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* st_mtim and st_ctim */
#endif
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/stat.h>

#include <microhttpd.h>

#include "serve/serve.h"

const char *call_arg(struct serve_call *c, const char *name)
{
	return MHD_lookup_connection_value(c->con, MHD_GET_ARGUMENT_KIND, name);
}

int call_answer(struct serve_call *c, unsigned status, json_t *out)
{
	if (out == NULL)
		return call_nomem(c);
	json_decref(c->out);
	free(c->text);
	c->text = NULL;
	c->status = status;
	c->out = out;
	return status >= 400 ? -1 : 0;
}

int call_answer_text(struct serve_call *c, char *text, size_t len)
{
	if (text == NULL)
		return call_nomem(c);
	json_decref(c->out);
	c->out = NULL;
	free(c->text);
	c->status = 200;
	c->text = text;
	c->text_len = len;
	return 0;
}

int call_error(struct serve_call *c, unsigned status, const char *fmt, ...)
{
	char msg[1200];
	json_t *o;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	free(c->text);
	c->text = NULL;
	/* the answer of last resort needs no allocation (server.c) */
	if ((o = json_object()) == NULL || jset(o, "error", jstr(msg)) < 0) {
		json_decref(o);
		json_decref(c->out);
		c->out = NULL;
		c->status = 500;
		return -1;
	}
	json_decref(c->out);
	c->out = o;
	c->status = status;
	return -1;
}

int call_nomem(struct serve_call *c)
{
	return call_error(c, 500, "out of memory");
}

int call_lib_error(struct serve_call *c)
{
	unsigned status;

	switch (cdr_error_last_code()) {
	case CDR_ENOTFOUND: status = 404; break;
	case CDR_EEXISTS: status = 409; break;
	case CDR_EFORMAT:
	case CDR_EAMBIGUOUS:
	case CDR_EENCODING: status = 400; break;
	/* the library refuses what the rules forbid (another coder's own
	 * coding, say) as a usage error: here that is a forbidden action */
	case CDR_EUSAGE:
	case CDR_EUNSAFE: status = 403; break;
	case CDR_ELIMIT: status = 413; break;
	default: status = 500; break;
	}
	return call_error(c, status, "%s", *cdr_error_last() ? cdr_error_last() : "internal error");
}

static json_t *field(struct serve_call *c, const char *name)
{
	return c->in ? json_object_get(c->in, name) : NULL;
}

const char *call_str(struct serve_call *c, const char *name)
{
	json_t *v = field(c, name);

	if (v == NULL || json_is_null(v)) {
		call_error(c, 400, "the request lacks \"%s\"", name);
		return NULL;
	}
	if (!json_is_string(v)) {
		call_error(c, 400, "\"%s\" must be a string", name);
		return NULL;
	}
	return json_string_value(v);
}

int call_opt_str(struct serve_call *c, const char *name, const char **out)
{
	json_t *v = field(c, name);

	*out = NULL;
	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return call_error(c, 400, "\"%s\" must be a string or null", name);
	*out = json_string_value(v);
	return 0;
}

int call_opt_size(struct serve_call *c, const char *name, size_t *out, int *given)
{
	json_t *v = field(c, name);

	*given = 0;
	*out = 0;
	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) < 0)
		return call_error(c, 400, "\"%s\" must be an offset (a whole number, 0 or more)", name);
	*out = (size_t)json_integer_value(v);
	*given = 1;
	return 0;
}

int call_size(struct serve_call *c, const char *name, size_t *out)
{
	int given;

	if (call_opt_size(c, name, out, &given) < 0)
		return -1;
	return given ? 0 : call_error(c, 400, "the request lacks \"%s\"", name);
}

int call_coder_ok(struct serve_call *c, const char *coder)
{
	if (!cdr_coder_valid(coder))
		return call_error(c, 400, "'%s' is not a valid coder name (letters, digits, _ - .)", coder);
	return 0;
}

/* ---- document lengths ------------------------------------------------------- */

/* Every write checks its offsets against the document's length, which the
 * head of its .meta gives; reading that file means reading megabytes for a
 * long transcript. The length is kept for as long as the file stays the
 * same: the same device, inode, size and modification and change times.
 * Writes replace a .meta by renaming a new file over it, so a new inode
 * tells any change made meanwhile; the stat is taken before the read, so a
 * change during the read makes the next stat differ and the file is read
 * again. */
#define LENGTHS 16

struct known_length {
	char *doc;
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtime, ctime;
	size_t length;
};

static struct known_length lengths[LENGTHS];
static size_t lengths_next;
static pthread_mutex_t lengths_lock = PTHREAD_MUTEX_INITIALIZER;

static int same_file(const struct known_length *k, const struct stat *st)
{
	return k->dev == st->st_dev && k->ino == st->st_ino && k->size == st->st_size &&
	       k->mtime.tv_sec == st->st_mtim.tv_sec && k->mtime.tv_nsec == st->st_mtim.tv_nsec &&
	       k->ctime.tv_sec == st->st_ctim.tv_sec && k->ctime.tv_nsec == st->st_ctim.tv_nsec;
}

int call_doc_length(struct serve_call *c, const char *doc, size_t *out)
{
	char path[PATH_MAX];
	struct stat st;
	int known = 0, n;
	size_t i;

	n = snprintf(path, sizeof(path), "%s/sources/%s.meta", serve_dir(c->srv), doc);
	if (n > 0 && (size_t)n < sizeof(path) && stat(path, &st) == 0) {
		pthread_mutex_lock(&lengths_lock);
		for (i = 0; i < LENGTHS && !known; i++) {
			if (lengths[i].doc && strcmp(lengths[i].doc, doc) == 0 && same_file(&lengths[i], &st)) {
				*out = lengths[i].length;
				known = 1;
			}
		}
		pthread_mutex_unlock(&lengths_lock);
		if (known)
			return 0;
	} else {
		n = -1;
	}
	if (cdr_project_doc_length(out, c->p, doc) < 0)
		return call_lib_error(c);
	if (n < 0)
		return 0;
	/* remember it; a failed allocation only means reading it next time */
	pthread_mutex_lock(&lengths_lock);
	for (i = 0; i < LENGTHS; i++)
		if (lengths[i].doc && strcmp(lengths[i].doc, doc) == 0)
			break;
	if (i == LENGTHS) {
		i = lengths_next;
		lengths_next = (lengths_next + 1) % LENGTHS;
		free(lengths[i].doc);
		lengths[i].doc = strdup(doc);
	}
	if (lengths[i].doc) {
		lengths[i].dev = st.st_dev;
		lengths[i].ino = st.st_ino;
		lengths[i].size = st.st_size;
		lengths[i].mtime = st.st_mtim;
		lengths[i].ctime = st.st_ctim;
		lengths[i].length = *out;
	}
	pthread_mutex_unlock(&lengths_lock);
	return 0;
}

void call_forget_lengths(void)
{
	pthread_mutex_lock(&lengths_lock);
	for (size_t i = 0; i < LENGTHS; i++) {
		free(lengths[i].doc);
		lengths[i].doc = NULL;
	}
	lengths_next = 0;
	pthread_mutex_unlock(&lengths_lock);
}

/* ---- schemes ------------------------------------------------------------------ */

static pthread_mutex_t schemes_lock = PTHREAD_MUTEX_INITIALIZER;

int call_schemes(struct serve_call *c, cdr_schemes **out)
{
	int rc;

	pthread_mutex_lock(&schemes_lock);
	rc = cdr_schemes_load(out, c->p);
	pthread_mutex_unlock(&schemes_lock);
	return rc < 0 ? call_lib_error(c) : 0;
}

/* ---- JSON ------------------------------------------------------------------ */

/* A copy of s with each byte that is not UTF-8 as U+FFFD: a hand-edited
 * file may hold such bytes, and the rest should still show. */
static char *utf8_fixed(const char *s, size_t n, size_t *len)
{
	size_t bad, at = 0, w = 0;
	char *fixed = malloc(n * 3 + 1);

	if (fixed == NULL)
		return NULL;
	while (at < n) {
		if (cdr_utf8_valid(s + at, n - at, &bad)) {
			memcpy(fixed + w, s + at, n - at);
			w += n - at;
			break;
		}
		memcpy(fixed + w, s + at, bad);
		w += bad;
		memcpy(fixed + w, "\xEF\xBF\xBD", 3);
		w += 3;
		at += bad + 1;
	}
	fixed[w] = '\0';
	*len = w;
	return fixed;
}

/* s itself when it is UTF-8, else a fixed copy in *owned (free it); NULL
 * without memory. *n is the length of what is returned. */
static const char *as_utf8(const char *s, size_t *n, char **owned)
{
	size_t bad, len = strlen(s);

	*owned = NULL;
	*n = len;
	if (cdr_utf8_valid(s, len, &bad))
		return s;
	return *owned = utf8_fixed(s, len, n);
}

json_t *jstr(const char *s)
{
	char *owned;
	size_t n;
	const char *u;
	json_t *v;

	if (s == NULL)
		return json_null();
	if ((u = as_utf8(s, &n, &owned)) == NULL)
		return NULL;
	v = json_stringn_nocheck(u, n);
	free(owned);
	return v;
}

int put_str(cdr_buf *b, const char *s)
{
	char *owned;
	size_t n;
	const char *u;
	int rc;

	if ((u = as_utf8(s, &n, &owned)) == NULL)
		return CDR_ENOMEM;
	rc = cdr_buf_json_string(b, u);
	free(owned);
	return rc;
}

int put_str_or_null(cdr_buf *b, const char *s)
{
	return s && *s ? put_str(b, s) : cdr_buf_puts(b, "null");
}

json_t *jstr_or_null(const char *s)
{
	return s && *s ? jstr(s) : json_null();
}

json_t *jversion(const char *v)
{
	return jstr_or_null(v);
}

int jset(json_t *obj, const char *key, json_t *value)
{
	if (value == NULL)
		return -1;
	return json_object_set_new(obj, key, value);
}

int jpush(json_t *arr, json_t *value)
{
	if (value == NULL)
		return -1;
	return json_array_append_new(arr, value);
}
