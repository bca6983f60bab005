/* error.h -- error codes and the last error message of libcodeer.
 *
 * Every fallible function returns 0 on success or one of the negative
 * CDR_E* codes below; the human-readable message for the most recent
 * failure in this thread is kept by cdr_error_last(). */
#ifndef CODEER_ERROR_H
#define CODEER_ERROR_H

enum cdr_error_code {
	CDR_OK = 0,
	CDR_ERROR = -1,      /* generic failure */
	CDR_ENOMEM = -2,     /* out of memory */
	CDR_ENOTFOUND = -3,  /* a file, document, case or turn does not exist */
	CDR_EEXISTS = -4,    /* the object already exists */
	CDR_EFORMAT = -5,    /* malformed input (file, row, reference) */
	CDR_EIO = -6,        /* the operating system refused a read or write */
	CDR_EENCODING = -7,  /* bytes that are not valid in their encoding */
	CDR_ELIMIT = -8,     /* input larger than a safety limit */
	CDR_EVERSION = -9,   /* written by a newer format version */
	CDR_EAMBIGUOUS = -10,/* a reference matches more than one object */
	CDR_EUSAGE = -11,    /* invalid arguments */
	CDR_EUNSAFE = -12    /* input refused for safety (entities, paths) */
};

/**
 * Record an error message (printf-style) and return its code, so that
 * callers can write `return cdr_error_set(CDR_ENOMEM, "out of memory");`.
 */
int cdr_error_set(int code, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/** The message of the most recent error, or "" when there was none. */
const char *cdr_error_last(void);

/** The code of the most recent error (CDR_OK when there was none). */
int cdr_error_last_code(void);

/** Forget the last error. */
void cdr_error_clear(void);

/** A short English name for an error code, e.g. "not found". */
const char *cdr_error_name(int code);

#endif
