/* config.h -- codeer.toml, the project's identity card. codeer writes and
 * reads a flat subset of TOML: `key = "string"` and `key = 123` lines,
 * comments with #. Anything else is reported with its line number. */
#ifndef CDR_PROJECT_CONFIG_H
#define CDR_PROJECT_CONFIG_H

#include <stddef.h>

typedef struct cdr_config {
	long format;
	char *name;
	char *language;
	char *created;
	char *coder;  /* the coder analyses count when none is named, or NULL */
} cdr_config;

int cdr_config_parse(cdr_config *cfg, char *data, size_t len, const char *name);
int cdr_config_format(char **out, size_t *out_len, const cdr_config *cfg);
void cdr_config_clear(cdr_config *cfg);

#endif
