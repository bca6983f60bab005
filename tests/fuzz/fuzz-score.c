/* fuzz-score.c -- libFuzzer target for scores: the input as a rules file
 * (items, tables, derivations from codes, counts and attributes),
 * evaluated for every case of a small project, and as a file of values
 * set by hand (score import). */
#include <stdint.h>
#include <stdlib.h>

#include "fuzz-project.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path;
	cdr_scores *s = NULL;
	size_t imported;

	if (fz_p == NULL)
		fz_setup();
	path = fz_input("x.rules", data, size);
	if (cdr_scores_evaluate(&s, fz_p, fz_set, path, NULL, 0) == 0) {
		for (size_t c = 0; c < cdr_scores_cases(s); c++)
			for (size_t i = 0; i < cdr_scores_items(s); i++)
				if (cdr_scores_value(s, c, i) == NULL)
					abort();
		cdr_scores_free(s);
	}
	path = fz_input("hand.tsv", data, size);
	if (cdr_score_import(fz_p, path, &imported) == 0)
		fz_reset();
	return 0;
}
