/* fuzz-import.c -- libFuzzer target for importing codings: the input as a
 * TSV and as a CSV file (header, quoting, escapes, refs t/s/c/phrase or
 * start and end, coder, origin, created and status columns) into a small
 * project, every row checked against its documents and scheme. */
#include <stdint.h>
#include <stdlib.h>

#include "fuzz-project.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "in.tsv", "in.csv" };
	size_t imported, skipped;

	if (fz_p == NULL)
		fz_setup();
	for (int i = 0; i < 2; i++) {
		const char *path = fz_input(names[i], data, size);
		if (cdr_codings_import(fz_p, fz_set, path, "fz", i, &imported, &skipped) == 0 && imported > 0)
			fz_reset();
	}
	return 0;
}
