/* fuzz-agree-partial.c -- libFuzzer target for partial agreement tables
 * (agree --merge FILE...): the input merged alone and twice over (the
 * second a copy, so the parts' heads are compared), then every coefficient
 * computed on the summed tables. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "fuzz-project.h"

static void coefficients(const cdr_rdata *d)
{
	cdr_coef_choice rows[CDR_AGREE_COEFS_MAX];
	size_t n;

	if (d == NULL || cdr_agree_coefs(rows, &n, cdr_rdata_coders(d), CDR_LEVEL_NOMINAL, CDR_WEIGHTS_NONE,
					 CDR_LAYOUT_UNITS_BY_CODERS) < 0)
		return;
	for (size_t i = 0; i < n; i++) {
		cdr_coef c = cdr_agree_compute(d, &rows[i].spec);
		if (c.defined && isnan(c.value))
			abort(); /* a defined coefficient has a value */
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char p0[400], p1[400];
	const char *files[2] = { p0, p1 };

	if (fz_tmp[0] == '\0')
		fz_setup();
	fz_put(fz_path(p0, sizeof(p0), "part-0.tsv"), data, size);
	fz_put(fz_path(p1, sizeof(p1), "part-1.tsv"), data, size);
	for (size_t n = 1; n <= 2; n++) {
		cdr_agreement *a = NULL;
		cdr_agree_partial_info info;
		if (cdr_agreement_partial_merge(&a, &info, files, n) != 0)
			continue;
		for (size_t i = 0; i < cdr_agreement_count(a); i++)
			coefficients(cdr_agreement_table(a, i));
		coefficients(cdr_agreement_overall_table(a));
		cdr_agreement_free(a);
		cdr_agree_partial_info_clear(&info);
	}
	return 0;
}
