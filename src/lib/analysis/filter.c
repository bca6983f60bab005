/* filter.c -- the one filter of every retrieval (retrieve.h): documents,
 * cases, case attributes and speakers.
 *
 * A filter is checked once against the project, when the selection is
 * made: the documents that pass the document, case and attribute filters
 * are decided then and kept in a hash set, so a million codings cost a
 * lookup each. A case may be a stretch of turns of a document (cases.h):
 * where the stretches of a document belong to cases the case and
 * attribute filters decide differently, the document passes in part and
 * each passage is decided by the case that holds its start, as matrix
 * rows decide it. Speakers need the turns, so they are decided per
 * passage; the selection keeps the structure of the last document it
 * loaded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "codeer/error.h"
#include "codeer/retrieve.h"
#include "util/alloc.h"
#include "util/strmap.h"

/* How a document passes: in the set's values, by the low bit. */
#define PASS_PART 1u /* some of its stretches pass and some parts do not */

struct cdr_selection {
	const cdr_project *p;
	cdr_cases *cases;
	const cdr_filter *f; /* the caller's, alive as long as the selection */
	int all;            /* nothing filtered */
	int by_doc;         /* documents, cases or attributes filtered */
	cdr_strmap docs;    /* the documents that pass, when by_doc: index * 2 | PASS_PART */
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

/* Does case c (-1: none) pass the case and attribute filters? */
static int case_passes(const cdr_cases *cases, long c, const cdr_filter *f)
{
	if (f->ncases) {
		int pass = 0;
		for (size_t i = 0; i < f->ncases && c >= 0; i++)
			pass |= strcmp(f->cases[i], cdr_cases_id(cases, (size_t)c)) == 0;
		if (!pass)
			return 0;
	}
	return case_has_attrs(cases, c, f);
}

/* Does document `id` pass the document filter? */
static int doc_named(const cdr_filter *f, const char *id)
{
	int pass = f->ndocs == 0;

	for (size_t i = 0; i < f->ndocs && !pass; i++)
		pass = strcmp(f->docs[i], id) == 0;
	return pass;
}

/* What the case and attribute filters make of the stretches of each
 * document, by its index in `marks`: bit 0, a stretch of it passes; bit
 * 1, a stretch of it does not. */
static int mark_stretches(const cdr_selection *s, unsigned char *marks)
{
	cdr_strmap index = { 0 };
	int rc = 0;

	for (size_t d = 0; d < cdr_project_doc_count(s->p) && rc == 0; d++)
		rc = cdr_strmap_put(&index, cdr_project_doc_id(s->p, d), d);
	for (size_t c = 0; c < cdr_cases_count(s->cases) && rc == 0; c++) {
		unsigned char bit = case_passes(s->cases, (long)c, s->f) ? 1 : 2;
		for (size_t k = 0; k < cdr_cases_stretch_count(s->cases, c); k++) {
			size_t first, last, d;
			if (cdr_strmap_get(&index, cdr_cases_stretch(s->cases, c, k, &first, &last), &d))
				marks[d] |= bit;
		}
	}
	cdr_strmap_clear(&index);
	return rc;
}

/* Which documents pass, wholly or in part. A document with stretches of
 * cases that pass and of cases that do not, or whose stretches and rest
 * decide differently, passes in part; its stretches are resolved to code
 * points now, so that deciding a passage later reads nothing. */
static int choose_docs(cdr_selection *s)
{
	size_t n = cdr_project_doc_count(s->p);
	unsigned char *marks = cdr_calloc(n + 1, 1);
	int rc;

	if (marks == NULL)
		return CDR_ENOMEM;
	rc = s->f->ncases || s->f->nattrs ? mark_stretches(s, marks) : 0;
	for (size_t d = 0; d < n && rc == 0; d++) {
		const char *id = cdr_project_doc_id(s->p, d);
		unsigned pass_rest, how;
		long c;
		if (!doc_named(s->f, id))
			continue;
		c = cdr_cases_of_doc(s->cases, id);
		pass_rest = case_passes(s->cases, c, s->f) ? 1 : 2;
		/* the rest of a document counts even when stretches cover it all:
		 * which turns there are is known only when it is read */
		if ((marks[d] | pass_rest) == 2)
			continue;
		how = (marks[d] | pass_rest) == 1 ? 0 : PASS_PART;
		if (how == PASS_PART && (rc = cdr_cases_case_at(s->cases, s->p, id, 0, &c)) < 0)
			break;
		rc = cdr_strmap_put(&s->docs, id, d * 2 | how);
	}
	free(marks);
	return rc;
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
	s->cases = cases;
	s->f = f;
	s->all = f == NULL || (f->ndocs == 0 && f->ncases == 0 && f->nattrs == 0 && f->nspeakers == 0);
	s->by_doc = f && (f->ndocs || f->ncases || f->nattrs);
	if (f) {
		s->speakers = f->speakers;
		s->nspeakers = f->nspeakers;
	}
	if (s->by_doc && (rc = choose_docs(s)) < 0) {
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

/* Is document `id` in the project and kept by the document filter? */
static int doc_kept(const cdr_selection *s, const char *id)
{
	return cdr_project_has_doc(s->p, id) && (!s->by_doc || doc_named(s->f, id));
}

int cdr_selection_case(const cdr_selection *s, size_t c)
{
	size_t first, last;

	if (s == NULL || s->all)
		return 1;
	if (s->by_doc && !case_passes(s->cases, (long)c, s->f))
		return 0;
	for (size_t d = 0; d < cdr_cases_doc_count(s->cases, c); d++)
		if (doc_kept(s, cdr_cases_doc(s->cases, c, d)))
			return 1;
	for (size_t k = 0; k < cdr_cases_stretch_count(s->cases, c); k++)
		if (doc_kept(s, cdr_cases_stretch(s->cases, c, k, &first, &last)))
			return 1;
	return 0;
}

int cdr_selection_by_speaker(const cdr_selection *s)
{
	return s && s->nspeakers > 0;
}

/* Does code point cp of document `id` pass the document, case and
 * attribute filters? */
static int doc_at(const cdr_selection *s, const char *id, size_t cp)
{
	size_t v;
	long c;

	if (!s->by_doc)
		return 1;
	if (!cdr_strmap_get(&s->docs, id, &v))
		return 0;
	if (!(v & PASS_PART))
		return 1;
	/* the stretches of a document passing in part were resolved when
	 * the selection was made, so this reads nothing and cannot fail */
	if (cdr_cases_case_at(s->cases, s->p, id, cp, &c) < 0)
		return 0;
	return case_passes(s->cases, c, s->f);
}

int cdr_selection_at(const cdr_selection *s, const cdr_document *doc, size_t cp)
{
	long t;
	const char *sp;

	if (s == NULL || s->all)
		return 1;
	if (!doc_at(s, cdr_document_info_get(doc)->id, cp))
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
	if (!doc_at(s, doc, cp))
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
