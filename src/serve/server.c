/* server.c -- the HTTP side of `codeer serve`: the libmicrohttpd daemon,
 * the token, the Host and Origin checks, the body size limit, routing to
 * the page's files and the API handlers, and a clean stop on SIGINT or
 * SIGTERM (docs/serve.md, "Security").
 *
 * Every connection has a thread of its own, and every API call opens the
 * project afresh; writers serialise on the project lock as the command
 * line does, so two coders writing at once both get their turn. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* strcasecmp, getrandom */
#endif
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <microhttpd.h>
#include <nettle/base64.h>
#include <nettle/sha2.h>

#include "serve/serve.h"

#define TOKEN_HEADER "X-Codeer-Token"
/* Bodies beyond the limit are read and dropped, so the client gets its
 * 413 instead of a broken connection; past this much the connection is
 * simply closed. */
#define DISCARD_LIMIT ((size_t)64 << 20)

struct serve {
	struct MHD_Daemon *d;
	int port;
	char token[33];
	char dir[PATH_MAX];
	char *coder;
	char *csp;     /* the page's Content-Security-Policy */
	sigset_t sigs;
};

/* One request: its body as it arrives. */
struct req {
	char *body;
	size_t len, cap;
	size_t seen;   /* bytes received, kept or not */
	int too_big;
};

int serve_port(const struct serve *s) { return s->port; }
const char *serve_token(const struct serve *s) { return s->token; }
const char *serve_dir(const struct serve *s) { return s->dir; }
const char *serve_coder(const struct serve *s) { return s->coder; }

/* 128 random bits as hex: from getrandom, else /dev/urandom. */
static int make_token(char out[33])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char r[16];
	size_t got = 0;

	while (got < sizeof(r)) {
		ssize_t n = getrandom(r + got, sizeof(r) - got, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	if (got < sizeof(r)) {
		int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
		got = 0;
		while (fd >= 0 && got < sizeof(r)) {
			ssize_t n = read(fd, r + got, sizeof(r) - got);
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
			got += (size_t)n;
		}
		if (fd >= 0)
			close(fd);
		if (got < sizeof(r))
			return cdr_error_set(CDR_EIO, "no random numbers for the page's token");
	}
	for (size_t i = 0; i < sizeof(r); i++) {
		out[2 * i] = hex[r[i] >> 4];
		out[2 * i + 1] = hex[r[i] & 15];
	}
	out[32] = '\0';
	return 0;
}

/* Compare without leaking through timing how much of the token matched. */
static int token_equal(const char *given, const char *token)
{
	size_t n = strlen(token);
	unsigned char diff = 0;

	if (given == NULL || strlen(given) != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		diff |= (unsigned char)(given[i] ^ token[i]);
	return diff == 0;
}

/* "localhost" or an IP address literal ("[::1]" with brackets): names a
 * web site cannot point at this machine through DNS rebinding. */
static int host_allowed(const char *host, size_t n)
{
	char buf[64];
	unsigned char addr[16];

	if (n == 0 || n >= sizeof(buf))
		return 0;
	memcpy(buf, host, n);
	buf[n] = '\0';
	if (strcasecmp(buf, "localhost") == 0)
		return 1;
	if (buf[0] == '[' && buf[n - 1] == ']') {
		buf[n - 1] = '\0';
		return inet_pton(AF_INET6, buf + 1, addr) == 1;
	}
	return inet_pton(AF_INET, buf, addr) == 1;
}

/* HOST[:PORT] with an allowed host and our port (none only for port 80). */
static int authority_ok(const struct serve *s, const char *a)
{
	const char *colon, *end = a + strlen(a);
	char *stop;
	long port;

	if (*a == '[') {
		const char *close = strchr(a, ']');
		if (close == NULL)
			return 0;
		colon = close[1] == ':' ? close + 1 : NULL;
		if (colon == NULL && close[1] != '\0')
			return 0;
	} else {
		colon = strchr(a, ':');
	}
	if (colon == NULL)
		return s->port == 80 && host_allowed(a, (size_t)(end - a));
	if (!host_allowed(a, (size_t)(colon - a)) || colon[1] < '0' || colon[1] > '9')
		return 0;
	errno = 0;
	port = strtol(colon + 1, &stop, 10);
	return errno == 0 && *stop == '\0' && port == s->port;
}

static int origin_ok(const struct serve *s, const char *origin)
{
	return strncmp(origin, "http://", 7) == 0 && authority_ok(s, origin + 7);
}

static void add_common_headers(struct MHD_Response *r, const char *type)
{
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	/* the page's address carries the token: never send it on */
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
}

/* The answer: `out` as JSON, or `text` (taken over) when it is given. */
static enum MHD_Result send_json_text(struct MHD_Connection *con, unsigned status, json_t *out, char *text,
				      size_t len)
{
	static const char nomem[] = "{\"error\": \"out of memory\"}";
	struct MHD_Response *r = NULL;
	enum MHD_Result ret;

	if (text == NULL && out != NULL && (text = json_dumps(out, JSON_COMPACT)) != NULL)
		len = strlen(text);
	if (text != NULL)
		r = MHD_create_response_from_buffer(len, text, MHD_RESPMEM_MUST_FREE);
	if (r == NULL) {
		free(text);
		status = 500;
		r = MHD_create_response_from_buffer(sizeof(nomem) - 1, (void *)nomem, MHD_RESPMEM_PERSISTENT);
		if (r == NULL)
			return MHD_NO;
	}
	add_common_headers(r, "application/json");
	ret = MHD_queue_response(con, status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result send_json(struct MHD_Connection *con, unsigned status, json_t *out)
{
	return send_json_text(con, status, out, NULL, 0);
}

static enum MHD_Result send_error(struct MHD_Connection *con, unsigned status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static enum MHD_Result send_error(struct MHD_Connection *con, unsigned status, const char *fmt, ...)
{
	char msg[512];
	json_t *o = json_object();
	enum MHD_Result ret;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (o && jset(o, "error", jstr(msg)) < 0) {
		json_decref(o);
		o = NULL;
	}
	ret = send_json(con, status, o);
	json_decref(o);
	return ret;
}

static const char *asset_type(const char *name)
{
	static const struct { const char *ext, *type; } types[] = {
		{ ".html", "text/html; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" },
		{ ".css", "text/css; charset=utf-8" },
		{ ".json", "application/json" },
		{ ".svg", "image/svg+xml" },
		{ ".png", "image/png" },
		{ ".ico", "image/x-icon" },
		{ ".woff2", "font/woff2" },
		{ ".txt", "text/plain; charset=utf-8" },
	};
	const char *dot = strrchr(name, '.');

	for (size_t i = 0; dot && i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(dot, types[i].ext) == 0)
			return types[i].type;
	return "application/octet-stream";
}

/* The Content-Security-Policy of the page: it runs only its own files and
 * the inline scripts of index.html (by their SHA-256, so no other inline
 * script runs), talks only to this server, and is framed by nobody.
 * Inline style attributes stay allowed for the codes' colours. */
static char *make_csp(void)
{
	static const char head[] = "default-src 'self'; script-src 'self'";
	static const char tail[] = "; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
				   "frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
	const struct serve_asset *a = NULL;
	size_t cap = sizeof(head) + sizeof(tail), len;
	char *csp;

	for (const struct serve_asset *x = serve_assets; x->name; x++)
		if (strcmp(x->name, "index.html") == 0)
			a = x;
	/* each hash adds " 'sha256-' + 44 + "'" */
	for (const char *p = a ? (const char *)a->data : NULL; p && (p = strstr(p, "<script")) != NULL; p += 7)
		cap += 56;
	if ((csp = malloc(cap)) == NULL)
		return NULL;
	memcpy(csp, head, sizeof(head));
	len = sizeof(head) - 1;
	for (const char *p = a ? (const char *)a->data : NULL; p && (p = strstr(p, "<script")) != NULL; p += 7) {
		const char *gt = strchr(p, '>'), *end;
		char b64[BASE64_ENCODE_RAW_LENGTH(SHA256_DIGEST_SIZE) + 1];
		unsigned char digest[SHA256_DIGEST_SIZE];
		struct sha256_ctx ctx;
		if (gt == NULL || (end = strstr(gt, "</script>")) == NULL)
			break;
		if (memmem(p, (size_t)(gt - p), "src=", 4) != NULL)
			continue;
		sha256_init(&ctx);
		sha256_update(&ctx, (size_t)(end - gt - 1), (const unsigned char *)gt + 1);
		sha256_digest(&ctx, sizeof(digest), digest);
		base64_encode_raw((char *)b64, sizeof(digest), digest);
		b64[sizeof(b64) - 1] = '\0';
		len += (size_t)snprintf(csp + len, cap - len, " 'sha256-%s'", b64);
	}
	memcpy(csp + len, tail, sizeof(tail));
	return csp;
}

static enum MHD_Result send_asset(struct serve *s, struct MHD_Connection *con, const struct serve_asset *a)
{
	struct MHD_Response *r;
	enum MHD_Result ret;

	r = MHD_create_response_from_buffer(a->len, (void *)a->data, MHD_RESPMEM_PERSISTENT);
	if (r == NULL)
		return MHD_NO;
	add_common_headers(r, asset_type(a->name));
	MHD_add_response_header(r, "Content-Security-Policy", s->csp);
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	ret = MHD_queue_response(con, MHD_HTTP_OK, r);
	MHD_destroy_response(r);
	return ret;
}

static const struct serve_asset *find_asset(const char *name)
{
	for (const struct serve_asset *a = serve_assets; a->name; a++)
		if (strcmp(a->name, name) == 0)
			return a;
	return NULL;
}

static const struct route {
	const char *path;
	int write;
	serve_handler fn;
} routes[] = {
	{ "/api/project", 0, api_project },
	{ "/api/docs", 0, api_docs },
	{ "/api/doc", 0, api_doc },
	{ "/api/codebook", 0, api_codebook },
	{ "/api/codings", 0, api_codings },
	{ "/api/memos", 0, api_memos_get },
	{ "/api/compare", 0, api_compare },
	{ "/api/quotes", 0, api_quotes },
	{ "/api/matrix", 0, api_matrix },
	{ "/api/codings/add", 1, api_codings_add },
	{ "/api/codings/remove", 1, api_codings_remove },
	{ "/api/codings/memo", 1, api_codings_memo },
	{ "/api/codings/accept", 1, api_codings_accept },
	{ "/api/codings/reject", 1, api_codings_reject },
	{ "/api/codings/unreject", 1, api_codings_unreject },
	{ "/api/memos", 1, api_memos_post },
};

static enum MHD_Result run_api(struct serve *s, struct MHD_Connection *con, const char *url, const char *method,
			       struct req *q)
{
	int post = strcmp(method, "POST") == 0, path_known = 0;
	const struct route *route = NULL;
	struct serve_call c = { 0 };
	enum MHD_Result ret;

	for (size_t i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		if (strcmp(routes[i].path, url) != 0)
			continue;
		path_known = 1;
		if (routes[i].write == post)
			route = &routes[i];
	}
	if (!path_known)
		return send_error(con, 404, "no such API call: %s", url);
	if (route == NULL || (!post && strcmp(method, "GET") != 0))
		return send_error(con, 405, "%s %s is not an API call", method, url);
	c.srv = s;
	c.con = con;
	c.status = 200;
	if (post) {
		json_error_t err;
		c.body = q->body ? q->body : "";
		c.len = q->len;
		c.in = json_loadb(c.body, c.len, JSON_REJECT_DUPLICATES, &err);
		if (c.in == NULL)
			return send_error(con, 400, "malformed JSON at line %d, column %d: %s", err.line, err.column,
					  err.text);
		if (!json_is_object(c.in)) {
			json_decref(c.in);
			return send_error(con, 400, "the request body must be a JSON object");
		}
	}
	cdr_error_clear();
	if (cdr_project_open(&c.p, s->dir) < 0)
		call_lib_error(&c);
	else
		route->fn(&c);
	if (c.out == NULL && c.text == NULL && c.status < 400)
		call_error(&c, 500, "internal error: no answer");
	if (c.status >= 500)
		fprintf(stderr, "codeer: %s %s: %s\n", method, url,
			json_string_value(json_object_get(c.out, "error")) ? json_string_value(json_object_get(c.out, "error"))
									    : "out of memory");
	/* free the project first: that releases its lock before the answer
	 * travels */
	cdr_project_free(c.p);
	ret = send_json_text(con, c.status, c.out, c.text, c.text_len);
	json_decref(c.out);
	json_decref(c.in);
	return ret;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *con, const char *url, const char *method,
				  const char *version, const char *upload, size_t *upload_size, void **con_cls)
{
	struct serve *s = cls;
	struct req *q = *con_cls;
	const char *host, *origin, *token;
	int api;

	(void)version;
	if (q == NULL) {
		const char *length = MHD_lookup_connection_value(con, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
		if ((q = calloc(1, sizeof(*q))) == NULL)
			return MHD_NO;
		if (length && strtoull(length, NULL, 10) > SERVE_BODY_LIMIT)
			q->too_big = 1;
		*con_cls = q;
		return MHD_YES;
	}
	if (*upload_size) {
		size_t n = *upload_size;
		q->seen += n;
		*upload_size = 0;
		if (q->seen > DISCARD_LIMIT)
			return MHD_NO;
		if (q->too_big || q->len + n > SERVE_BODY_LIMIT) {
			q->too_big = 1;
			return MHD_YES;
		}
		if (q->len + n + 1 > q->cap) {
			size_t cap = q->cap ? q->cap : 4096;
			char *b;
			while (cap < q->len + n + 1)
				cap *= 2;
			if ((b = realloc(q->body, cap)) == NULL)
				return MHD_NO;
			q->body = b;
			q->cap = cap;
		}
		memcpy(q->body + q->len, upload, n);
		q->len += n;
		q->body[q->len] = '\0';
		return MHD_YES;
	}
	/* the whole request is in: check who asks, then answer */
	host = MHD_lookup_connection_value(con, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
	if (host == NULL || !authority_ok(s, host))
		return send_error(con, 421, "this server answers only to localhost or an IP address on port %d", s->port);
	if (strcmp(url, "/favicon.ico") == 0)
		return send_error(con, 404, "no icon");
	api = strncmp(url, "/api/", 5) == 0;
	token = MHD_lookup_connection_value(con, MHD_HEADER_KIND, TOKEN_HEADER);
	if (!api && token == NULL)
		token = MHD_lookup_connection_value(con, MHD_GET_ARGUMENT_KIND, "token");
	if (!token_equal(token, s->token))
		return send_error(con, 403, token ? "wrong token: open the address codeer serve printed"
						  : "no token: open the address codeer serve printed");
	origin = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Origin");
	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0 && origin && !origin_ok(s, origin))
		return send_error(con, 403, "requests from %s are not accepted", origin);
	if (q->too_big)
		return send_error(con, 413, "the request body is larger than %zu bytes", SERVE_BODY_LIMIT);
	if (api)
		return run_api(s, con, url, method, q);
	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
		return send_error(con, 405, "%s is not allowed on %s", method, url);
	{
		const struct serve_asset *a = find_asset(strcmp(url, "/") == 0 ? "index.html" : url + 1);
		if (a == NULL)
			return send_error(con, 404, "no page %s", url);
		return send_asset(s, con, a);
	}
}

static void on_completed(void *cls, struct MHD_Connection *con, void **con_cls, enum MHD_RequestTerminationCode why)
{
	struct req *q = *con_cls;

	(void)cls;
	(void)con;
	(void)why;
	if (q) {
		free(q->body);
		free(q);
		*con_cls = NULL;
	}
}

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	fputs("codeer: http: ", stderr);
	vfprintf(stderr, fmt, ap);
}

int serve_start(struct serve **out, const struct serve_options *o)
{
	const char *bind_addr = o->bind ? o->bind : "127.0.0.1";
	struct sockaddr_storage sa = { 0 };
	struct sockaddr_in *sin = (struct sockaddr_in *)&sa;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&sa;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION | MHD_USE_ERROR_LOG;
	const union MHD_DaemonInfo *info;
	struct serve *s;
	cdr_project *p = NULL;
	cdr_schemes *set = NULL;
	int rc;

	*out = NULL;
	if (inet_pton(AF_INET, bind_addr, &sin->sin_addr) == 1) {
		sin->sin_family = AF_INET;
		sin->sin_port = htons((uint16_t)o->port);
	} else if (inet_pton(AF_INET6, bind_addr, &sin6->sin6_addr) == 1) {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons((uint16_t)o->port);
		flags |= MHD_USE_IPv6;
	} else {
		return cdr_error_set(CDR_EUSAGE, "'%s' is not an IP address", bind_addr);
	}
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return cdr_error_set(CDR_ENOMEM, "out of memory");
	if (realpath(o->project_dir, s->dir) == NULL) {
		rc = cdr_error_set(CDR_EIO, "%s: %s", o->project_dir, strerror(errno));
		free(s);
		return rc;
	}
	if ((o->coder && (s->coder = strdup(o->coder)) == NULL)) {
		free(s);
		return cdr_error_set(CDR_ENOMEM, "out of memory");
	}
	if ((rc = make_token(s->token)) < 0)
		goto fail;
	if ((s->csp = make_csp()) == NULL) {
		rc = cdr_error_set(CDR_ENOMEM, "out of memory");
		goto fail;
	}
	/* libxml2 readies itself once, before there are threads; loading the
	 * schemes once also checks the project before anything listens */
	xmlInitParser();
	if ((rc = cdr_project_open(&p, s->dir)) < 0 || (rc = cdr_schemes_load(&set, p)) < 0) {
		cdr_project_free(p);
		goto fail;
	}
	cdr_schemes_free(set);
	cdr_project_free(p);
	/* the threads MHD starts inherit this mask: the signals reach only
	 * serve_wait */
	sigemptyset(&s->sigs);
	sigaddset(&s->sigs, SIGINT);
	sigaddset(&s->sigs, SIGTERM);
	sigaddset(&s->sigs, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &s->sigs, NULL);
	signal(SIGPIPE, SIG_IGN);
	s->d = MHD_start_daemon(flags, (uint16_t)o->port, NULL, NULL, on_request, s,
				MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, NULL, /* first, or MHD logs before it */
				MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
				MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
				MHD_OPTION_CONNECTION_LIMIT, (unsigned)64,
				MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60,
				MHD_OPTION_END);
	if (s->d == NULL) {
		int err = errno;
		pthread_sigmask(SIG_UNBLOCK, &s->sigs, NULL);
		rc = cdr_error_set(CDR_EIO, "cannot listen on %s port %d%s%s", bind_addr, o->port, err ? ": " : "",
				   err ? strerror(err) : "");
		goto fail;
	}
	s->port = o->port;
	if ((info = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_LISTEN_FD)) != NULL) {
		struct sockaddr_storage got;
		socklen_t len = sizeof(got);
		if (getsockname(info->listen_fd, (struct sockaddr *)&got, &len) == 0)
			s->port = ntohs(got.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&got)->sin6_port
								  : ((struct sockaddr_in *)&got)->sin_port);
	}
	*out = s;
	return 0;
fail:
	free(s->csp);
	free(s->coder);
	free(s);
	return rc;
}

int serve_wait(struct serve *s)
{
	int sig = 0;

	while (sigwait(&s->sigs, &sig) != 0)
		;
	return sig;
}

void serve_stop(struct serve *s)
{
	if (s == NULL)
		return;
	/* the signals stay blocked: a second Ctrl-C while stopping must not
	 * kill the process halfway */
	if (s->d)
		MHD_stop_daemon(s->d);
	call_forget_lengths();
	free(s->csp);
	free(s->coder);
	free(s);
}
