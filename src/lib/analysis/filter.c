/* filter.c -- the one filter of every retrieval (retrieve.h): documents,
 * cases, case attributes and speakers.
 *
 * A filter is checked once against the project, when the selection is
 * made: the documents that pass the document, case and attribute filters
 * are decided then and kept in a hash set, so a million codings cost a
 * lookup each. Speakers need the turns, so they are decided per passage;
 * the selection keeps the structure of the last document it loaded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "codeer/error.h"
#include "codeer/retrieve.h"
#include "util/alloc.h"
#include "util/strmap.h"

struct cdr_selection {
	const cdr_project *p;
	int all;            /* nothing filtered */
	int by_doc;         /* documents, cases or attributes filtered */
	cdr_strmap docs;    /* the documents that pass, when by_doc */
	const char *const *speakers;
	size_t nspeakers;
	cdr_document *doc;  /* structure of the last document cdr_selection_passage read */
};

void cdr_selection_free(cdr_selection *s)
{
	if (s == NULL)
		return;
	cdr_strmap_clear(&s->docs);
	cdr_document_free(s->doc);
	free(s);
}

/* Does case c have the attributes asked for: for each key named, one of
 * the values given for it? */
static int case_has_attrs(const cdr_cases *cases, long c, const cdr_filter *f)
{
	for (size_t i = 0; i < f->nattrs; i++) {
		const char *eq = strchr(f->attrs[i], '=');
		size_t klen = (size_t)(eq - f->attrs[i]);
		int ok = 0;
		/* the first pair of each key decides for all pairs of that key */
		int first = 1;
		for (size_t j = 0; j < i && first; j++)
			first = !(strncmp(f->attrs[j], f->attrs[i], klen + 1) == 0);
		if (!first)
			continue;
		for (size_t j = i; j < f->nattrs && !ok; j++) {
			char key[256];
			const char *v;
			if (strncmp(f->attrs[j], f->attrs[i], klen + 1) != 0)
				continue;
			snprintf(key, sizeof(key), "%.*s", (int)klen, f->attrs[i]);
			v = c >= 0 ? cdr_cases_attr_by_name(cases, (size_t)c, key) : "";
			ok = v && strcmp(v, f->attrs[j] + klen + 1) == 0;
		}
		if (!ok)
			return 0;
	}
	return 1;
}

int cdr_selection_new(cdr_selection **out, const cdr_project *p, const cdr_filter *f)
{
	cdr_selection *s;
	cdr_cases *cases = cdr_project_cases((cdr_project *)p);
	int rc = 0;

	*out = NULL;
	if (f) {
		for (size_t i = 0; i < f->ndocs; i++)
			if (!cdr_project_has_doc(p, f->docs[i]))
				return cdr_error_set(CDR_ENOTFOUND, "no document '%s' in the project (see 'codeer docs')",
						     f->docs[i]);
		for (size_t i = 0; i < f->ncases; i++)
			if (cdr_cases_find(cases, f->cases[i]) < 0)
				return cdr_error_set(CDR_ENOTFOUND, "no case '%s' in the project (see 'codeer cases')",
						     f->cases[i]);
		for (size_t i = 0; i < f->nattrs; i++) {
			const char *eq = strchr(f->attrs[i], '=');
			char key[256];
			int known = 0;
			if (eq == NULL || eq == f->attrs[i] || (size_t)(eq - f->attrs[i]) >= sizeof(key))
				return cdr_error_set(CDR_EUSAGE, "attribute filter '%s' is not KEY=VALUE", f->attrs[i]);
			snprintf(key, sizeof(key), "%.*s", (int)(eq - f->attrs[i]), f->attrs[i]);
			for (size_t a = 0; a < cdr_cases_attr_count(cases); a++)
				known |= strcmp(cdr_cases_attr_name(cases, a), key) == 0;
			if (!known)
				return cdr_error_set(CDR_ENOTFOUND, "no case attribute '%s' in the project (see 'codeer cases')",
						     key);
		}
		for (size_t i = 0; i < f->nspeakers; i++)
			if (*f->speakers[i] == '\0')
				return cdr_error_set(CDR_EUSAGE, "an empty speaker name filters nothing");
	}
	if ((s = cdr_calloc(1, sizeof(*s))) == NULL)
		return CDR_ENOMEM;
	s->p = p;
	s->all = f == NULL || (f->ndocs == 0 && f->ncases == 0 && f->nattrs == 0 && f->nspeakers == 0);
	s->by_doc = f && (f->ndocs || f->ncases || f->nattrs);
	if (f) {
		s->speakers = f->speakers;
		s->nspeakers = f->nspeakers;
	}
	for (size_t d = 0; s->by_doc && d < cdr_project_doc_count(p) && rc == 0; d++) {
		const char *id = cdr_project_doc_id(p, d);
		long c = cdr_cases_of_doc(cases, id);
		int pass = 1;
		if (f->ndocs) {
			pass = 0;
			for (size_t i = 0; i < f->ndocs; i++)
				pass |= strcmp(f->docs[i], id) == 0;
		}
		if (pass && f->ncases) {
			pass = 0;
			for (size_t i = 0; i < f->ncases && c >= 0; i++)
				pass |= strcmp(f->cases[i], cdr_cases_id(cases, (size_t)c)) == 0;
		}
		if (pass && f->nattrs)
			pass = case_has_attrs(cases, c, f);
		if (pass)
			rc = cdr_strmap_put(&s->docs, id, d);
	}
	if (rc < 0) {
		cdr_selection_free(s);
		return rc;
	}
	*out = s;
	return 0;
}

int cdr_selection_all(const cdr_selection *s)
{
	return s == NULL || s->all;
}

int cdr_selection_doc(const cdr_selection *s, const char *doc)
{
	size_t i;

	return s == NULL || !s->by_doc || cdr_strmap_get(&s->docs, doc, &i);
}

int cdr_selection_by_speaker(const cdr_selection *s)
{
	return s && s->nspeakers > 0;
}

int cdr_selection_at(const cdr_selection *s, const cdr_document *doc, size_t cp)
{
	long t;
	const char *sp;

	if (s == NULL || s->all)
		return 1;
	if (!cdr_selection_doc(s, cdr_document_info_get(doc)->id))
		return 0;
	if (s->nspeakers == 0)
		return 1;
	if ((t = cdr_document_turn_at(doc, cp)) < 0)
		return 0;
	sp = cdr_document_turn(doc, (size_t)t)->speaker;
	for (size_t i = 0; i < s->nspeakers; i++)
		if (strcasecmp(sp, s->speakers[i]) == 0)
			return 1;
	return 0;
}

int cdr_selection_passage(cdr_selection *s, const char *doc, size_t cp)
{
	int rc;

	if (s == NULL || s->all)
		return 1;
	if (!cdr_selection_doc(s, doc))
		return 0;
	if (s->nspeakers == 0)
		return 1;
	if (s->doc == NULL || strcmp(cdr_document_info_get(s->doc)->id, doc) != 0) {
		cdr_document_free(s->doc);
		s->doc = NULL;
		if (!cdr_project_has_doc(s->p, doc))
			return 0;
		if ((rc = cdr_project_doc_load(&s->doc, s->p, doc, 0)) < 0)
			return rc;
	}
	return cdr_selection_at(s, s->doc, cp);
}
