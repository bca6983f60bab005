/* fuzz-meta.c -- libFuzzer target for the project's own files: a source
 * description (.meta), cases.tsv (parse, format, parse again, import) and
 * codeer.toml. Each parser gets its own NUL-terminated copy, as the store
 * hands it a buffer from cdr_file_read. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "codeer/codeer.h"
#include "ingest/document-internal.h"
#include "project/config.h"
#include "project/meta.h"

static char *copy(const uint8_t *data, size_t size)
{
	char *c = malloc(size + 1);

	if (c == NULL)
		abort();
	memcpy(c, data, size);
	c[size] = '\0';
	return c;
}

static int doc_exists(void *ctx, const char *doc)
{
	(void)ctx;
	return doc[0] == 's' || strcmp(doc, "d1") == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char digest[65], *c;
	cdr_document *doc = NULL;
	cdr_cases *cases = NULL;
	cdr_config cfg;

	for (int head_only = 0; head_only < 2; head_only++) {
		c = copy(data, size);
		if (cdr_document_new(&doc) == 0) {
			if (cdr_meta_parse(doc, c, size, "x.meta", head_only, digest) == 0) {
				for (size_t i = 0; i < cdr_document_turn_count(doc); i++)
					if (cdr_document_turn(doc, i)->span.end > cdr_document_length(doc))
						abort();
				cdr_document_turn_at(doc, 0);
			}
			cdr_document_free(doc);
		}
		free(c);
	}

	c = copy(data, size);
	if (cdr_cases_parse(&cases, c, size, "cases.tsv") == 0) {
		char *text = NULL, *again = NULL;
		size_t len, len2;
		cdr_cases *back = NULL;

		for (size_t i = 0; i < cdr_cases_count(cases); i++)
			for (size_t a = 0; a < cdr_cases_attr_count(cases); a++)
				cdr_cases_attr(cases, i, a);
		/* what codeer writes, it must read back unchanged */
		if (cdr_cases_format(&text, &len, cases) == 0) {
			char *t2 = copy((const uint8_t *)text, len);
			if (cdr_cases_parse(&back, t2, len, "cases.tsv") != 0)
				abort();
			if (cdr_cases_format(&again, &len2, back) != 0 || len2 != len || memcmp(again, text, len) != 0)
				abort();
			free(again);
			cdr_cases_free(back);
			free(t2);
			free(text);
		}
		cdr_cases_free(cases);
	}
	free(c);

	if (cdr_cases_new(&cases) == 0) {
		size_t i;
		if (cdr_cases_ensure(cases, "s1", &i) == 0)
			cdr_cases_assign(cases, i, "s1");
		c = copy(data, size);
		cdr_cases_import(cases, c, size, "import.tsv", doc_exists, NULL);
		free(c);
		cdr_cases_free(cases);
	}

	c = copy(data, size);
	if (cdr_config_parse(&cfg, c, size, "codeer.toml") == 0) {
		char *text = NULL;
		size_t len;
		if (cdr_config_format(&text, &len, &cfg) == 0)
			free(text);
	}
	cdr_config_clear(&cfg);
	free(c);
	return 0;
}
