/* fuzz-agree-table.c -- libFuzzer target for reliability tables (agree
 * --table): the input as CSV and as TSV, in each of the three layouts
 * (units by coders, coders by units, counts) and at the nominal and the
 * interval level, then the coefficients computed on what was read. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "codeer/codeer.h"

static void coefficients(const cdr_rdata *d, cdr_level level)
{
	cdr_coef c[4];

	c[0] = cdr_agree_percent(d);
	c[1] = cdr_agree_alpha(d, level);
	c[2] = cdr_agree_fleiss(d);
	c[3] = cdr_agree_gwet(d, CDR_WEIGHTS_NONE, 0);
	if (cdr_rdata_coders(d) == 2) {
		cdr_agree_cohen(d, CDR_WEIGHTS_NONE);
		cdr_agree_holsti(d);
	}
	cdr_agree_conger(d, CDR_WEIGHTS_NONE);
	for (int i = 0; i < 4; i++)
		if (c[i].defined && isnan(c[i].value))
			abort(); /* a defined coefficient has a value */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "t.csv", "t.tsv" };
	static const cdr_table_layout layouts[] = { CDR_LAYOUT_UNITS_BY_CODERS, CDR_LAYOUT_CODERS_BY_UNITS,
						    CDR_LAYOUT_COUNTS };
	static const cdr_level levels[] = { CDR_LEVEL_NOMINAL, CDR_LEVEL_INTERVAL };

	/* read from memory: writing the input to a file and reading it
	 * twelve times cost as much as all the rest */
	for (int f = 0; f < 2; f++) {
		for (int l = 0; l < 3; l++)
			for (int v = 0; v < 2; v++) {
				cdr_rdata *d = NULL;
				char **cols = NULL;
				size_t ncols = 0;
				if (cdr_rdata_parse(&d, &cols, &ncols, (const char *)data, size, names[f], layouts[l],
						    levels[v]) != 0)
					continue;
				coefficients(d, levels[v]);
				cdr_rdata_free(d);
				for (size_t i = 0; i < ncols; i++)
					free(cols[i]);
				free(cols);
			}
	}
	return 0;
}
