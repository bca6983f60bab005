/* error.c -- the thread-local "last error" of libcodeer.
 *
 * Functions return a negative code; the message that explains it to a user
 * lives here until the next error replaces it (the libgit2 convention). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "codeer/error.h"

static _Thread_local char last_message[1024];
static _Thread_local int last_code;

int cdr_error_set(int code, const char *fmt, ...)
{
	char message[sizeof(last_message)];
	va_list ap;

	/* via a copy: callers often wrap the last message in a new one */
	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	memcpy(last_message, message, sizeof(message));
	last_code = code;
	return code;
}

const char *cdr_error_last(void)
{
	return last_message;
}

int cdr_error_last_code(void)
{
	return last_code;
}

void cdr_error_clear(void)
{
	last_message[0] = '\0';
	last_code = CDR_OK;
}

const char *cdr_error_name(int code)
{
	switch (code) {
	case CDR_OK: return "success";
	case CDR_ENOMEM: return "out of memory";
	case CDR_ENOTFOUND: return "not found";
	case CDR_EEXISTS: return "already exists";
	case CDR_EFORMAT: return "malformed input";
	case CDR_EIO: return "input/output error";
	case CDR_EENCODING: return "invalid encoding";
	case CDR_ELIMIT: return "size limit exceeded";
	case CDR_EVERSION: return "unsupported format version";
	case CDR_EAMBIGUOUS: return "ambiguous reference";
	case CDR_EUSAGE: return "invalid usage";
	case CDR_EUNSAFE: return "unsafe input refused";
	default: return "error";
	}
}
