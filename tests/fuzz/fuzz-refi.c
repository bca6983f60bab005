/* fuzz-refi.c -- libFuzzer target for the REFI-QDA readers: the XML
 * reader (a project.qde or a .qdc, through xmlsafe.c), the position map
 * of a source text, and the zip listing of a .qdpx. None of them may
 * crash, leak or read out of bounds, whatever the bytes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "codeer/codeer.h"
#include "exchange/refi-internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy = malloc(size + 1);
	cdr_refi_posmap *m = NULL;
	struct refi_zip_member *members = NULL;
	size_t n = 0;

	if (copy == NULL)
		abort();
	memcpy(copy, data, size);
	copy[size] = '\0';
	cdr_refi_parse_check(copy, size, "fuzz.qde");
	if (cdr_refi_posmap_new(&m, copy, size, size > 0 && data[0] & 1, "fuzz.txt") == 0) {
		/* every position maps inside the text or to nothing */
		size_t len = cdr_refi_posmap_length(m), tlen;
		const char *t = cdr_refi_posmap_text(m, &tlen);
		size_t cps = cdr_utf8_count(t, tlen);
		for (size_t i = 0; i <= len; i++) {
			long o = cdr_refi_posmap_get(m, i);
			if (o > (long)cps)
				abort();
		}
		cdr_refi_posmap_free(m);
	}
	if (refi_zip_list(&members, &n, copy, size, "fuzz.qdpx") == 0)
		refi_zip_list_free(members, n);
	free(copy);
	return 0;
}
