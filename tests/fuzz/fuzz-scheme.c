/* fuzz-scheme.c -- libFuzzer target for the code scheme reader: XML with
 * its schema, ids, parents and rules, then every code walked and every
 * pattern compiled as autocode would. */
#include <stdint.h>
#include <stdlib.h>

#include "codeer/codeer.h"

static void report(void *ctx, const cdr_code *code, const cdr_rule *rule, const char *msg)
{
	(void)code;
	(void)rule;
	(void)msg;
	(*(size_t *)ctx)++;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cdr_scheme *s = NULL;
	size_t failed = 0;

	if (cdr_scheme_parse(&s, (const char *)data, size, "fuzz.xml") == 0) {
		for (size_t i = 0; i < cdr_scheme_code_count(s); i++)
			if (cdr_scheme_code(s, i) == NULL)
				abort();
		cdr_scheme_check_patterns(s, report, &failed);
		cdr_scheme_free(s);
	} else if (s != NULL) {
		abort(); /* a refused scheme must not be handed out */
	}
	return 0;
}
