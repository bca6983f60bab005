/* zipread.h -- read one member of a zip archive held in memory, refusing
 * archives that are not zips, damaged or truncated, and members that
 * inflate past a limit (zip bombs). Nothing is ever written to disk. */
#ifndef CDR_ZIPREAD_H
#define CDR_ZIPREAD_H

#include <stddef.h>

int cdr_zip_read_member(char **out, size_t *out_len, const char *bytes, size_t n,
			const char *member, size_t limit, const char *name);

#endif
