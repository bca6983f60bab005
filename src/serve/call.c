/* call.c -- what every API handler shares: reading the query and the JSON
 * body, answering with JSON or with an error whose status follows the
 * library's error code, and building JSON with every allocation checked. */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	c->status = status;
	c->out = out;
	return status >= 400 ? -1 : 0;
}

int call_error(struct serve_call *c, unsigned status, const char *fmt, ...)
{
	char msg[1200];
	json_t *o;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
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

json_t *jstr(const char *s)
{
	size_t n, bad, at = 0;
	json_t *v;
	char *fixed;

	if (s == NULL)
		return json_null();
	n = strlen(s);
	if (cdr_utf8_valid(s, n, &bad))
		return json_stringn_nocheck(s, n);
	/* a hand-edited file may hold bytes that are not UTF-8: each becomes
	 * U+FFFD, so the rest still shows */
	if ((fixed = malloc(n * 3 + 1)) == NULL)
		return NULL;
	size_t w = 0;
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
	v = json_stringn_nocheck(fixed, w);
	free(fixed);
	return v;
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
