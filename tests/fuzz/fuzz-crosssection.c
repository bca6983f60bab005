/* fuzz-crosssection.c -- libFuzzer target for cross-section layouts: the
 * input as a layout file (column, subcolumn, code lists with ranges and
 * subtrees), built over a small project with each kind of cell, grouped
 * by an attribute and not. */
#include <stdint.h>
#include <stdlib.h>

#include "fuzz-project.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const cdr_cs_cell cells[] = { CDR_CS_CODES, CDR_CS_QUOTES, CDR_CS_MEMOS };
	cdr_cs_options o = { 0 };

	if (fz_p == NULL)
		fz_setup();
	o.layout = fz_input("layout.tsv", data, size);
	for (int i = 0; i < 3; i++) {
		cdr_table *t = NULL;
		o.cell = cells[i];
		o.group = i == 1 ? "rol" : NULL;
		o.all = i == 2;
		if (cdr_crosssection(&t, fz_p, fz_set, &o) == 0)
			cdr_table_free(t);
	}
	return 0;
}
