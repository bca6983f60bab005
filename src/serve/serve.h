/* serve.h -- the coding page's server inside the codeer program
 * (docs/serve.md): an HTTP server (libmicrohttpd) that serves the page
 * built into the program and a JSON API (jansson) over libcodeer.
 *
 * The first part is what `codeer serve` (src/cli/cmd-serve.c) calls; the
 * rest is shared by server.c, call.c, api-read.c and api-write.c. The API
 * holds no analysis policy: every answer comes from the same library
 * calls as the command line's, under the same project lock. */
#ifndef CDR_SERVE_H
#define CDR_SERVE_H

#include <jansson.h>
#include <stddef.h>

#include "codeer/codeer.h"
#include "util/buf.h"

/* ---- starting and stopping ------------------------------------------- */

struct serve_options {
	const char *project_dir; /* the project's directory */
	const char *bind;        /* an IPv4 or IPv6 address (NULL: 127.0.0.1) */
	int port;                /* 0: any free port */
	const char *coder;       /* the coder the page starts with, or NULL */
};

struct serve;

/* Listen and answer requests in threads of their own. SIGINT and SIGTERM
 * are blocked in every thread from here on: serve_wait takes them.
 * Errors come back as a CDR_E* code with the message set. */
int serve_start(struct serve **out, const struct serve_options *o);
/* The port listened on (the one picked when 0 was asked) and the token. */
int serve_port(const struct serve *s);
const char *serve_token(const struct serve *s);
/* Wait for SIGINT or SIGTERM; returns the signal. */
int serve_wait(struct serve *s);
/* Stop listening, let requests under way finish, release everything. */
void serve_stop(struct serve *s);

/* ---- one API call ------------------------------------------------------- */

#define SERVE_BODY_LIMIT ((size_t)1 << 20)

/* What a handler gets and fills. The project is opened afresh for every
 * call, so that what the command line changed meanwhile is seen. */
struct serve_call {
	const struct serve *srv;
	void *con;            /* the MHD connection, for the query */
	const char *body;     /* POST: the request body (NUL-terminated) */
	size_t len;
	json_t *in;           /* POST: the parsed body, an object */
	cdr_project *p;       /* open for the call */
	unsigned status;      /* the answer: status and JSON */
	json_t *out;
	char *text;           /* or JSON text written by hand (a long transcript) */
	size_t text_len;
};

typedef int (*serve_handler)(struct serve_call *c);

/* The project's directory and the coder given with --coder (or NULL). */
const char *serve_dir(const struct serve *s);
const char *serve_coder(const struct serve *s);

/* A query argument (decoded), or NULL. */
const char *call_arg(struct serve_call *c, const char *name);

/* Answer with an error: {"error": message}; returns -1 so a handler can
 * `return call_error(...)`. */
int call_error(struct serve_call *c, unsigned status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The library's last error, with the status its code calls for. */
int call_lib_error(struct serve_call *c);
/* Out of memory while building the answer. */
int call_nomem(struct serve_call *c);
/* Answer `status` with `out` (taken over; NULL means out of memory). */
int call_answer(struct serve_call *c, unsigned status, json_t *out);
/* Answer 200 with JSON text written by hand (taken over), for answers of
 * megabytes that a tree of jansson values would make slowly. */
int call_answer_text(struct serve_call *c, char *text, size_t len);

/* The body's fields. Missing or of the wrong type: 400 and NULL / -1. */
const char *call_str(struct serve_call *c, const char *name);
/* An optional string: NULL when absent or null, else as call_str. */
int call_opt_str(struct serve_call *c, const char *name, const char **out);
int call_size(struct serve_call *c, const char *name, size_t *out);
/* An optional offset: *given says whether it was there. */
int call_opt_size(struct serve_call *c, const char *name, size_t *out, int *given);

/* Loading schemes parses and validates XML; libxml2's compiled schema is
 * made once, so the first loads must not race: every call loads through
 * here. */
int call_schemes(struct serve_call *c, cdr_schemes **out);
/* A document's length in code points (the document must be in the
 * project), kept between calls while its .meta stays the same file. */
int call_doc_length(struct serve_call *c, const char *doc, size_t *out);
/* Forget the lengths kept (serve_stop). */
void call_forget_lengths(void);
/* A coder named in a request: a valid name (400 otherwise). */
int call_coder_ok(struct serve_call *c, const char *coder);

/* JSON helpers: a string (invalid UTF-8 made valid; NULL stays null),
 * a string or null when empty, and setting a key with the result checked.
 * jset returns -1 when value is NULL (out of memory) or setting fails. */
json_t *jstr(const char *s);
json_t *jstr_or_null(const char *s);
/* jstr and jstr_or_null as JSON text into a buffer (bytes that are not
 * UTF-8 as U+FFFD). 0 or CDR_ENOMEM. */
int put_str(cdr_buf *b, const char *s);
int put_str_or_null(cdr_buf *b, const char *s);
json_t *jversion(const char *v);
int jset(json_t *obj, const char *key, json_t *value);
int jpush(json_t *arr, json_t *value);

/* A coding as the API shows it (api-read.c). */
json_t *serve_coding_json(const char *coder, const cdr_coding *k);
/* A memo's kind ("doc", "code", "case") and target checked (404 for one
 * the project lacks); a code's id is written as scheme/code into id. */
int serve_memo_target(struct serve_call *c, const char *kind_name, const char *target, cdr_memo_kind *kind,
		      char *id, size_t idcap);

/* ---- the handlers ----------------------------------------------------- */

int api_project(struct serve_call *c);
int api_docs(struct serve_call *c);
int api_doc(struct serve_call *c);
int api_codebook(struct serve_call *c);
int api_codings(struct serve_call *c);
int api_memos_get(struct serve_call *c);
int api_compare(struct serve_call *c);
int api_quotes(struct serve_call *c);
int api_matrix(struct serve_call *c);

int api_codings_add(struct serve_call *c);
int api_codings_remove(struct serve_call *c);
int api_codings_memo(struct serve_call *c);
int api_codings_accept(struct serve_call *c);
int api_codings_reject(struct serve_call *c);
int api_codings_unreject(struct serve_call *c);
int api_memos_post(struct serve_call *c);

/* ---- the page: files of src/serve/assets/, built in ---------------------- */

struct serve_asset {
	const char *name;           /* "index.html" */
	const unsigned char *data;
	size_t len;
};
/* Generated from src/serve/assets/ (serve-assets.c); ends with a NULL name. */
extern const struct serve_asset serve_assets[];

#endif
