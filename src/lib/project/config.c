/* config.c -- parse and write codeer.toml (see config.h for the subset). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "codeer/error.h"
#include "project/config.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/tsv.h"

static char *skip_space(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* Parse a TOML basic string starting at the opening quote. */
static int parse_string(char **out, char *s, char **rest)
{
	cdr_buf b = CDR_BUF_INIT;
	int rc = 0;

	for (s++; *s && *s != '"' && rc == 0; s++) {
		if (*s == '\\') {
			s++;
			switch (*s) {
			case '"': rc = cdr_buf_putc(&b, '"'); break;
			case '\\': rc = cdr_buf_putc(&b, '\\'); break;
			case 'n': rc = cdr_buf_putc(&b, '\n'); break;
			case 't': rc = cdr_buf_putc(&b, '\t'); break;
			default:
				cdr_buf_free(&b);
				return -1;
			}
		} else {
			rc = cdr_buf_putc(&b, *s);
		}
	}
	if (rc < 0 || *s != '"') {
		cdr_buf_free(&b);
		return rc < 0 ? rc : -1;
	}
	*rest = s + 1;
	*out = cdr_buf_detach(&b, NULL);
	return *out ? 0 : CDR_ENOMEM;
}

int cdr_config_parse(cdr_config *cfg, char *data, size_t len, const char *name)
{
	size_t pos = 0, lineno = 0;
	char *line;

	memset(cfg, 0, sizeof(*cfg));
	cfg->format = -1;
	while (cdr_next_line(data, len, &pos, &line)) {
		char *key, *eq, *v, *end, *str = NULL;
		lineno++;
		line = skip_space(line);
		if (*line == '\0' || *line == '#')
			continue;
		if ((eq = strchr(line, '=')) == NULL)
			return cdr_error_set(CDR_EFORMAT, "%s:%zu: expected 'key = value'", name, lineno);
		key = line;
		end = eq;
		while (end > key && (end[-1] == ' ' || end[-1] == '\t'))
			end--;
		*end = '\0';
		v = skip_space(eq + 1);
		if (*v == '"') {
			int rc = parse_string(&str, v, &end);
			if (rc == CDR_ENOMEM)
				return rc;
			if (rc < 0)
				return cdr_error_set(CDR_EFORMAT, "%s:%zu: unterminated or malformed string", name, lineno);
		} else {
			errno = 0;
			long n = strtol(v, &end, 10);
			if (end == v || errno)
				return cdr_error_set(CDR_EFORMAT, "%s:%zu: value of '%s' must be a number or a \"string\"",
						     name, lineno, key);
			if (strcmp(key, "format") == 0)
				cfg->format = n;
		}
		end = skip_space(end);
		if (*end != '\0' && *end != '#') {
			free(str);
			return cdr_error_set(CDR_EFORMAT, "%s:%zu: unexpected text after the value", name, lineno);
		}
		if (str == NULL)
			continue;
		if (strcmp(key, "name") == 0) {
			free(cfg->name);
			cfg->name = str;
		} else if (strcmp(key, "language") == 0) {
			free(cfg->language);
			cfg->language = str;
		} else if (strcmp(key, "created") == 0) {
			free(cfg->created);
			cfg->created = str;
		} else if (strcmp(key, "coder") == 0) {
			free(cfg->coder);
			cfg->coder = str;
		} else {
			free(str); /* keys of later minor versions are ignored */
		}
	}
	if (cfg->format < 0)
		return cdr_error_set(CDR_EFORMAT, "%s: no 'format = N' line: not a codeer project file", name);
	return 0;
}

static int put_string(cdr_buf *b, const char *key, const char *value)
{
	int rc = cdr_buf_printf(b, "%s = \"", key);

	for (const char *s = value ? value : ""; *s && rc == 0; s++) {
		if (*s == '"' || *s == '\\')
			rc = cdr_buf_putc(b, '\\');
		if (rc == 0)
			rc = *s == '\n' ? cdr_buf_puts(b, "\\n") : *s == '\t' ? cdr_buf_puts(b, "\\t") : cdr_buf_putc(b, *s);
	}
	return rc ? rc : cdr_buf_puts(b, "\"\n");
}

int cdr_config_format(char **out, size_t *out_len, const cdr_config *cfg)
{
	cdr_buf b = CDR_BUF_INIT;
	int rc = cdr_buf_printf(&b, "# codeer project\nformat = %ld\n", cfg->format);

	if (rc == 0)
		rc = put_string(&b, "name", cfg->name);
	if (rc == 0)
		rc = put_string(&b, "language", cfg->language);
	if (rc == 0)
		rc = put_string(&b, "created", cfg->created);
	if (rc == 0 && cfg->coder)
		rc = put_string(&b, "coder", cfg->coder);
	if (rc < 0) {
		cdr_buf_free(&b);
		return rc;
	}
	*out = cdr_buf_detach(&b, out_len);
	return *out ? 0 : CDR_ENOMEM;
}

void cdr_config_clear(cdr_config *cfg)
{
	free(cfg->name);
	free(cfg->language);
	free(cfg->created);
	free(cfg->coder);
	memset(cfg, 0, sizeof(*cfg));
}
