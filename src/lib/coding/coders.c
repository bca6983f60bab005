/* coders.c -- which coders an analysis counts.
 *
 * Adding every coder up counts a passage once per coder that coded it
 * (the rules, the coder who accepted a proposal, a second hand coder), so
 * frequencies, matrices and chi-square would be inflated without a word.
 * The rule lives here, once, for every command and the report: a named
 * coder or list, "all" on request, else the project's default coder, else
 * the only coder there is; several coders and no default is an error that
 * names them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codeer/coding.h"
#include "codeer/error.h"
#include "util/alloc.h"
#include "util/buf.h"

/* Does the coder's file hold a row below its header? */
static int has_rows(const cdr_project *p, const char *coder)
{
	char path[4096], head[512];
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "%s/codings/%s.tsv", cdr_project_path(p), coder);
	if ((f = fopen(path, "rb")) == NULL)
		return 0;
	n = fread(head, 1, sizeof(head), f);
	fclose(f);
	for (size_t i = 0; i < n; i++)
		if (head[i] == '\n') {
			for (size_t j = i + 1; j < n; j++)
				if (head[j] != '\n' && head[j] != '\r')
					return 1;
			return 0;
		}
	return 0;
}

static int index_of(char **names, size_t n, const char *name, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(names[i]) == len && memcmp(names[i], name, len) == 0)
			return (int)i;
	return -1;
}

static int list_message(cdr_buf *b, char **names, size_t n)
{
	int rc = 0;

	for (size_t i = 0; i < n && rc == 0; i++)
		rc = cdr_buf_printf(b, "%s%s", i ? ", " : "", names[i]);
	return rc;
}

static int push(char ***out, size_t *n, size_t *cap, const char *name, size_t len)
{
	char *copy;

	if (index_of(*out, *n, name, len) >= 0)
		return 0;
	if (cdr_grow((void **)out, cap, *n + 1, sizeof(char *)) < 0 || (copy = cdr_strndup(name, len)) == NULL)
		return CDR_ENOMEM;
	(*out)[(*n)++] = copy;
	return 0;
}

static int unknown(char **all, size_t nall, const char *name, size_t len)
{
	cdr_buf b = CDR_BUF_INIT;
	int rc;

	if (list_message(&b, all, nall) < 0) {
		cdr_buf_free(&b);
		return CDR_ENOMEM;
	}
	if (nall)
		rc = cdr_error_set(CDR_ENOTFOUND, "no coder '%.*s' in the project (coders: %s)", (int)len, name,
				   b.data ? b.data : "");
	else
		rc = cdr_error_set(CDR_ENOTFOUND, "no coder '%.*s' in the project (it has no codings yet)", (int)len,
				   name);
	cdr_buf_free(&b);
	return rc;
}

int cdr_coders_choose(char ***out, size_t *n, int *implicit, const cdr_project *p, const char *requested)
{
	char **all = NULL, **with_rows = NULL, **chosen = NULL;
	size_t nall = 0, nrows = 0, nchosen = 0, cap = 0, rcap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (implicit)
		*implicit = requested == NULL;
	if ((rc = cdr_coders_list(&all, &nall, p)) < 0)
		return rc;
	for (size_t i = 0; i < nall && rc == 0; i++)
		if (has_rows(p, all[i]))
			rc = push(&with_rows, &nrows, &rcap, all[i], strlen(all[i]));
	if (rc < 0)
		goto done;
	if (requested == NULL && cdr_project_default_coder(p)) {
		const char *d = cdr_project_default_coder(p);
		if (index_of(all, nall, d, strlen(d)) < 0) {
			rc = unknown(all, nall, d, strlen(d));
			goto done;
		}
		rc = push(&chosen, &nchosen, &cap, d, strlen(d));
	} else if (requested == NULL) {
		if (nrows > 1) {
			cdr_buf b = CDR_BUF_INIT;
			if ((rc = list_message(&b, with_rows, nrows)) == 0)
				rc = cdr_error_set(CDR_EAMBIGUOUS,
						   "the project has codings of %zu coders (%s): name the coder to count, "
						   "or all of them",
						   nrows, b.data);
			cdr_buf_free(&b);
			goto done;
		}
		if (nrows == 1)
			rc = push(&chosen, &nchosen, &cap, with_rows[0], strlen(with_rows[0]));
	} else if (strcmp(requested, "all") == 0) {
		for (size_t i = 0; i < nrows && rc == 0; i++)
			rc = push(&chosen, &nchosen, &cap, with_rows[i], strlen(with_rows[i]));
	} else {
		for (const char *s = requested; rc == 0;) {
			const char *comma = strchr(s, ',');
			size_t len = comma ? (size_t)(comma - s) : strlen(s);
			while (len && (*s == ' ' || *s == '\t'))
				s++, len--;
			while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
				len--;
			if (len == 0)
				rc = cdr_error_set(CDR_EUSAGE, "an empty coder name in '%s'", requested);
			else if (index_of(all, nall, s, len) < 0)
				rc = unknown(all, nall, s, len);
			else
				rc = push(&chosen, &nchosen, &cap, s, len);
			if (comma == NULL)
				break;
			s = comma + 1;
		}
	}
	if (rc == 0) {
		*out = chosen;
		*n = nchosen;
		chosen = NULL;
		nchosen = 0;
	}
done:
	cdr_coders_free(chosen, nchosen);
	cdr_coders_free(with_rows, nrows);
	cdr_coders_free(all, nall);
	return rc;
}
