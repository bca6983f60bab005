/* fuzz-serve.c -- libFuzzer target for the coding page's write requests:
 * the input is a request body, parsed as the server parses it (JSON,
 * duplicate keys refused) and, when it is an object, handed to every
 * write handler of the API (codings add, remove, memo, accept, reject,
 * unreject; memos) over a small project, as the server would after its
 * checks. A "base" of "current" is replaced by the coder's current
 * version (of "from" for reject and unreject, of the memo for memos), so
 * that inputs get past the stale-write check to the writes. Every answer
 * must be an object: an error with a 4xx status or a success. The server
 * itself (server.c) is not linked: what it would give a handler is here. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-project.h"
#include "serve/serve.h"

/* server.c's accessors, for the handlers */
const char *serve_dir(const struct serve *s)
{
	(void)s;
	return fz_dir;
}

const char *serve_coder(const struct serve *s)
{
	(void)s;
	return "anna";
}

static void current_base(json_t *in, int from)
{
	const char *coder = json_string_value(json_object_get(in, from ? "from" : "coder"));
	char v[CDR_VERSION_SIZE];

	if (coder && cdr_coder_valid(coder) && cdr_codings_version(v, fz_p, coder) == 0)
		json_object_set_new(in, "base", *v ? json_string(v) : json_null());
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const serve_handler handlers[] = { api_codings_add, api_codings_remove, api_codings_memo,
						  api_codings_accept, api_codings_reject, api_codings_unreject,
						  api_memos_post };
	json_error_t err;
	json_t *in;
	int wrote = 0;

	if (fz_p == NULL)
		fz_setup();
	if ((in = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &err)) == NULL)
		return 0;
	if (!json_is_object(in)) {
		json_decref(in);
		return 0;
	}
	for (size_t h = 0; h < sizeof(handlers) / sizeof(handlers[0]); h++) {
		struct serve_call c = { 0 };
		const char *base = json_string_value(json_object_get(in, "base"));
		json_t *copy = json_deep_copy(in);

		if (copy == NULL)
			abort();
		if (base && strcmp(base, "current") == 0 && h < 6)
			current_base(copy, h == 4 || h == 5);
		c.body = (const char *)data;
		c.len = size;
		c.in = copy;
		c.p = fz_p;
		c.status = 200;
		cdr_error_clear();
		handlers[h](&c);
		if (c.out == NULL || !json_is_object(c.out))
			abort(); /* every call answers with an object */
		if (c.status >= 500)
			abort(); /* a request cannot make the server fail */
		wrote |= c.status < 300;
		json_decref(c.out);
		json_decref(copy);
	}
	json_decref(in);
	if (wrote)
		fz_reset();
	return 0;
}
