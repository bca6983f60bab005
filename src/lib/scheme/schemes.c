/* schemes.c -- the set of code schemes a project uses (schemes/<id>.xml):
 * loading them all, installing a new one, resolving code references. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "codeer/error.h"
#include "codeer/project.h"
#include "codeer/scheme.h"
#include "util/alloc.h"
#include "util/array.h"
#include "util/buf.h"
#include "util/fileio.h"

struct cdr_schemes {
	cdr_scheme **v;
	size_t n, cap;
};

static int cmp_scheme(const void *a, const void *b)
{
	return strcmp(cdr_scheme_id(*(cdr_scheme *const *)a), cdr_scheme_id(*(cdr_scheme *const *)b));
}

int cdr_schemes_load(cdr_schemes **out, const cdr_project *p)
{
	cdr_schemes *set;
	char dir[4096];
	DIR *d;
	struct dirent *e;
	int rc = 0;

	if ((set = cdr_calloc(1, sizeof(*set))) == NULL)
		return CDR_ENOMEM;
	snprintf(dir, sizeof(dir), "%s/schemes", cdr_project_path(p));
	if ((d = opendir(dir)) == NULL) {
		*out = set; /* no schemes yet */
		return 0;
	}
	while ((e = readdir(d)) != NULL && rc == 0) {
		size_t n = strlen(e->d_name);
		char path[4400];
		cdr_scheme *s;
		if (n < 5 || e->d_name[0] == '.' || strcmp(e->d_name + n - 4, ".xml") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if ((rc = cdr_scheme_load(&s, path)) < 0)
			break;
		if ((rc = cdr_grow((void **)&set->v, &set->cap, set->n + 1, sizeof(cdr_scheme *))) < 0) {
			cdr_scheme_free(s);
			break;
		}
		set->v[set->n++] = s;
	}
	closedir(d);
	if (rc < 0) {
		cdr_schemes_free(set);
		return rc;
	}
	cdr_sort(set->v, set->n, sizeof(cdr_scheme *), cmp_scheme);
	for (size_t i = 1; i < set->n; i++)
		if (strcmp(cdr_scheme_id(set->v[i]), cdr_scheme_id(set->v[i - 1])) == 0) {
			rc = cdr_error_set(CDR_EFORMAT, "%s and %s both define scheme '%s'",
					   cdr_scheme_path(set->v[i - 1]), cdr_scheme_path(set->v[i]),
					   cdr_scheme_id(set->v[i]));
			cdr_schemes_free(set);
			return rc;
		}
	*out = set;
	return 0;
}

int cdr_schemes_load_files(cdr_schemes **out, const char *const *paths, size_t n)
{
	cdr_schemes *set;
	int rc = 0;

	*out = NULL;
	if ((set = cdr_calloc(1, sizeof(*set))) == NULL)
		return CDR_ENOMEM;
	for (size_t i = 0; i < n && rc == 0; i++) {
		cdr_scheme *s;
		if ((rc = cdr_scheme_load(&s, paths[i])) < 0)
			break;
		for (size_t k = 0; k < set->n && rc == 0; k++)
			if (strcmp(cdr_scheme_id(set->v[k]), cdr_scheme_id(s)) == 0)
				rc = cdr_error_set(CDR_EFORMAT, "%s and %s both define scheme '%s'",
						   cdr_scheme_path(set->v[k]), paths[i], cdr_scheme_id(s));
		if (rc == 0 && (rc = cdr_grow((void **)&set->v, &set->cap, set->n + 1, sizeof(cdr_scheme *))) == 0)
			set->v[set->n++] = s;
		else
			cdr_scheme_free(s);
	}
	if (rc < 0) {
		cdr_schemes_free(set);
		return rc;
	}
	/* in id order, as a project's schemes are */
	cdr_sort(set->v, set->n, sizeof(cdr_scheme *), cmp_scheme);
	*out = set;
	return 0;
}

void cdr_schemes_free(cdr_schemes *set)
{
	if (set == NULL)
		return;
	for (size_t i = 0; i < set->n; i++)
		cdr_scheme_free(set->v[i]);
	free(set->v);
	free(set);
}

size_t cdr_schemes_count(const cdr_schemes *set) { return set->n; }
const cdr_scheme *cdr_schemes_get(const cdr_schemes *set, size_t i) { return i < set->n ? set->v[i] : NULL; }

const cdr_scheme *cdr_schemes_find(const cdr_schemes *set, const char *id)
{
	for (size_t i = 0; i < set->n; i++)
		if (strcmp(cdr_scheme_id(set->v[i]), id) == 0)
			return set->v[i];
	return NULL;
}

const cdr_scheme *cdr_schemes_scheme_of(const cdr_schemes *set, const cdr_code *code)
{
	size_t len = (size_t)(strchr(code->qualified, '/') - code->qualified);

	for (size_t i = 0; i < set->n; i++) {
		const char *id = cdr_scheme_id(set->v[i]);
		if (strncmp(id, code->qualified, len) == 0 && id[len] == '\0')
			return set->v[i];
	}
	return NULL;
}

int cdr_scheme_code_is_below(const cdr_scheme *s, const cdr_code *code, const cdr_code *ancestor)
{
	while (code->parent >= 0) {
		code = cdr_scheme_code(s, (size_t)code->parent);
		if (code == ancestor)
			return 1;
	}
	return 0;
}

int cdr_schemes_resolve(const cdr_code **out, const cdr_schemes *set, const char *ref)
{
	const char *slash = strchr(ref, '/');
	const cdr_code *found = NULL;
	cdr_buf candidates = CDR_BUF_INIT;
	size_t hits = 0;
	int rc;

	*out = NULL;
	if (slash != NULL) {
		char scheme[256];
		const cdr_scheme *s;
		long c;
		snprintf(scheme, sizeof(scheme), "%.*s", (int)(slash - ref), ref);
		if ((s = cdr_schemes_find(set, scheme)) == NULL)
			return cdr_error_set(CDR_ENOTFOUND, "no scheme '%s' in the project (see 'codeer scheme list')", scheme);
		if ((c = cdr_scheme_find(s, slash + 1)) < 0)
			return cdr_error_set(CDR_ENOTFOUND, "no code '%s' in scheme '%s' (see 'codeer codes')", slash + 1, scheme);
		*out = cdr_scheme_code(s, (size_t)c);
		return 0;
	}
	for (size_t i = 0; i < set->n; i++) {
		long c = cdr_scheme_find(set->v[i], ref);
		if (c < 0)
			continue;
		found = cdr_scheme_code(set->v[i], (size_t)c);
		if (hits++)
			cdr_buf_puts(&candidates, ", ");
		cdr_buf_puts(&candidates, found->qualified);
	}
	if (hits == 1) {
		cdr_buf_free(&candidates);
		*out = found;
		return 0;
	}
	if (hits == 0)
		rc = cdr_error_set(CDR_ENOTFOUND, "no code '%s' in the project's schemes (see 'codeer codes')", ref);
	else
		rc = cdr_error_set(CDR_EAMBIGUOUS, "code '%s' is in several schemes: %s; name one as scheme/code",
				   ref, candidates.data);
	cdr_buf_free(&candidates);
	return rc;
}

int cdr_schemes_install(cdr_project *p, const char *path, int replace, char **id_out)
{
	cdr_scheme *s = NULL;
	char *data = NULL, target[4400];
	size_t len;
	int rc;

	if ((rc = cdr_file_read(&data, &len, path, (size_t)16 << 20)) < 0)
		return rc;
	if ((rc = cdr_scheme_parse(&s, data, len, path)) < 0)
		goto done;
	snprintf(target, sizeof(target), "%s/schemes/%s.xml", cdr_project_path(p), cdr_scheme_id(s));
	if (!replace && access(target, F_OK) == 0) {
		rc = cdr_error_set(CDR_EEXISTS, "%s: the project already has a scheme '%s'", path, cdr_scheme_id(s));
		goto done;
	}
	if ((rc = cdr_project_lock(p, NULL)) < 0)
		goto done;
	if ((rc = cdr_file_write_atomic(target, data, len)) < 0)
		goto done;
	if (id_out && (*id_out = cdr_strdup(cdr_scheme_id(s))) == NULL)
		rc = CDR_ENOMEM;
done:
	cdr_scheme_free(s);
	free(data);
	return rc;
}
