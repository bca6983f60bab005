/* cases.c -- the case table: cases, the documents in each, attributes.
 *
 * On disk (cases.tsv): a header "case<TAB>docs<TAB>attr..." and one row
 * per case, documents comma-separated. Every document is in one case as
 * a whole, or in none; a docs entry "DOC:tA-tB" gives a case a stretch of
 * turns of a document instead, for a case below the document (a dossier
 * discussed in part of an interview). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "codeer/cases.h"
#include "codeer/document.h"
#include "codeer/error.h"
#include "codeer/project.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/strmap.h"
#include "util/csv.h"
#include "util/tsv.h"

struct case_rec {
	char *id;
	char **docs;
	size_t ndocs, docs_cap;
	char **values;   /* nattrs entries, NULL = not set */
	size_t values_cap;
};

/* A stretch of turns of a document that belongs to a case. Its code-point
 * range [lo, hi) is found the first time its document is asked about. */
struct stretch {
	char *doc;
	size_t case_index;
	size_t first, last; /* turns, 1-based, inclusive */
	int resolved;
	size_t lo, hi;
};

struct cdr_cases {
	struct case_rec *v;
	size_t n, cap;
	struct stretch *st; /* in the order of cases.tsv */
	size_t nst, st_cap;
	char **attrs;
	size_t nattrs, attrs_cap;
	/* case id -> case and document -> case: a lookup per document or per
	 * row stays O(1) on projects of thousands of documents */
	cdr_strmap by_id, by_doc;
};

int cdr_cases_new(cdr_cases **out)
{
	return (*out = cdr_calloc(1, sizeof(cdr_cases))) ? 0 : CDR_ENOMEM;
}

static void case_free(struct case_rec *c)
{
	free(c->id);
	for (size_t d = 0; d < c->ndocs; d++)
		free(c->docs[d]);
	free(c->docs);
	for (size_t a = 0; a < c->values_cap; a++)
		free(c->values[a]);
	free(c->values);
}

void cdr_cases_free(cdr_cases *cases)
{
	if (cases == NULL)
		return;
	for (size_t i = 0; i < cases->n; i++)
		case_free(&cases->v[i]);
	free(cases->v);
	for (size_t a = 0; a < cases->nattrs; a++)
		free(cases->attrs[a]);
	free(cases->attrs);
	for (size_t s = 0; s < cases->nst; s++)
		free(cases->st[s].doc);
	free(cases->st);
	cdr_strmap_clear(&cases->by_id);
	cdr_strmap_clear(&cases->by_doc);
	free(cases);
}

size_t cdr_cases_count(const cdr_cases *cases) { return cases->n; }
const char *cdr_cases_id(const cdr_cases *cases, size_t i) { return cases->v[i].id; }
size_t cdr_cases_attr_count(const cdr_cases *cases) { return cases->nattrs; }
const char *cdr_cases_attr_name(const cdr_cases *cases, size_t a) { return cases->attrs[a]; }
size_t cdr_cases_doc_count(const cdr_cases *cases, size_t i) { return cases->v[i].ndocs; }
const char *cdr_cases_doc(const cdr_cases *cases, size_t i, size_t d) { return cases->v[i].docs[d]; }

const char *cdr_cases_attr(const cdr_cases *cases, size_t i, size_t a)
{
	const struct case_rec *c = &cases->v[i];
	return a < c->values_cap && c->values[a] ? c->values[a] : "";
}

static long attr_index(const cdr_cases *cases, const char *name)
{
	for (size_t a = 0; a < cases->nattrs; a++)
		if (strcmp(cases->attrs[a], name) == 0)
			return (long)a;
	return -1;
}

const char *cdr_cases_attr_by_name(const cdr_cases *cases, size_t i, const char *name)
{
	long a = attr_index(cases, name);
	return a < 0 ? NULL : cdr_cases_attr(cases, i, (size_t)a);
}

long cdr_cases_find(const cdr_cases *cases, const char *id)
{
	size_t i;
	return cdr_strmap_get(&cases->by_id, id, &i) ? (long)i : -1;
}

long cdr_cases_of_doc(const cdr_cases *cases, const char *doc)
{
	size_t i;
	return cdr_strmap_get(&cases->by_doc, doc, &i) ? (long)i : -1;
}

int cdr_cases_ensure(cdr_cases *cases, const char *id, size_t *index)
{
	long found = cdr_cases_find(cases, id);
	struct case_rec *c;

	if (found >= 0) {
		*index = (size_t)found;
		return 0;
	}
	if (*id == '\0' || strpbrk(id, "\t\n\r") != NULL)
		return cdr_error_set(CDR_EFORMAT, "'%s' is not a valid case id", id);
	if (cdr_grow((void **)&cases->v, &cases->cap, cases->n + 1, sizeof(*c)) < 0)
		return CDR_ENOMEM;
	c = &cases->v[cases->n];
	memset(c, 0, sizeof(*c));
	if ((c->id = cdr_strdup(id)) == NULL)
		return CDR_ENOMEM;
	if (cdr_strmap_put(&cases->by_id, c->id, cases->n) < 0) {
		free(c->id);
		return CDR_ENOMEM;
	}
	*index = cases->n++;
	return 0;
}

int cdr_cases_attr_name_valid(const char *name)
{
	return *name != '\0' && strpbrk(name, "\t\n\r=") == NULL && strcasecmp(name, "case") != 0 &&
	       strcasecmp(name, "docs") != 0;
}

static int ensure_attr(cdr_cases *cases, const char *name, size_t *index)
{
	long a = attr_index(cases, name);
	char *copy;

	if (a >= 0) {
		*index = (size_t)a;
		return 0;
	}
	if (!cdr_cases_attr_name_valid(name))
		return cdr_error_set(CDR_EFORMAT, "'%s' cannot be an attribute name", name);
	if (cdr_grow((void **)&cases->attrs, &cases->attrs_cap, cases->nattrs + 1, sizeof(char *)) < 0 ||
	    (copy = cdr_strdup(name)) == NULL)
		return CDR_ENOMEM;
	cases->attrs[cases->nattrs] = copy;
	*index = cases->nattrs++;
	return 0;
}

int cdr_cases_set_attr(cdr_cases *cases, size_t i, const char *name, const char *value)
{
	struct case_rec *c = &cases->v[i];
	size_t a, old_cap = c->values_cap;
	char *copy;
	int rc;

	if ((rc = ensure_attr(cases, name, &a)) < 0)
		return rc;
	if (cdr_grow((void **)&c->values, &c->values_cap, a + 1, sizeof(char *)) < 0)
		return CDR_ENOMEM;
	memset(c->values + old_cap, 0, (c->values_cap - old_cap) * sizeof(char *));
	copy = value && *value ? cdr_strdup(value) : NULL;
	if (value && *value && copy == NULL)
		return CDR_ENOMEM;
	free(c->values[a]);
	c->values[a] = copy;
	return 0;
}

int cdr_cases_assign(cdr_cases *cases, size_t i, const char *doc)
{
	struct case_rec *c;
	long old = cdr_cases_of_doc(cases, doc);
	char *copy;

	if (old == (long)i)
		return 0;
	c = &cases->v[i];
	if (cdr_grow((void **)&c->docs, &c->docs_cap, c->ndocs + 1, sizeof(char *)) < 0 ||
	    (copy = cdr_strdup(doc)) == NULL)
		return CDR_ENOMEM;
	/* the map takes the new copy before the old one is freed */
	if (cdr_strmap_put(&cases->by_doc, copy, i) < 0) {
		free(copy);
		return CDR_ENOMEM;
	}
	if (old >= 0) {
		struct case_rec *o = &cases->v[old];
		for (size_t d = 0; d < o->ndocs; d++) {
			if (strcmp(o->docs[d], doc) == 0) {
				free(o->docs[d]);
				memmove(o->docs + d, o->docs + d + 1, (o->ndocs - d - 1) * sizeof(char *));
				o->ndocs--;
				break;
			}
		}
	}
	c->docs[c->ndocs++] = copy;
	return 0;
}

void cdr_cases_prune(cdr_cases *cases)
{
	size_t w = 0;

	for (size_t i = 0; i < cases->n; i++) {
		struct case_rec *c = &cases->v[i];
		int keep = c->ndocs > 0 || cdr_cases_stretch_count(cases, i) > 0;
		for (size_t a = 0; a < c->values_cap && !keep; a++)
			keep = c->values[a] != NULL;
		if (keep) {
			/* a kept case's stretches follow it to its new index */
			for (size_t s = 0; s < cases->nst; s++)
				if (cases->st[s].case_index == i)
					cases->st[s].case_index = w;
			cases->v[w++] = *c;
		} else {
			case_free(c);
		}
	}
	cases->n = w;
	/* case indices moved and ids were freed: refill the maps in place
	 * (fewer keys than before, so no allocation) */
	cdr_strmap_reset(&cases->by_id);
	cdr_strmap_reset(&cases->by_doc);
	for (size_t i = 0; i < cases->n; i++) {
		cdr_strmap_put(&cases->by_id, cases->v[i].id, i);
		for (size_t d = 0; d < cases->v[i].ndocs; d++)
			cdr_strmap_put(&cases->by_doc, cases->v[i].docs[d], i);
	}
}

/* The stretches of a renamed document follow it; those of a removed one go. */
static int rename_stretches(cdr_cases *cases, const char *doc, const char *to)
{
	size_t w = 0;

	for (size_t s = 0; s < cases->nst; s++) {
		struct stretch *st = &cases->st[s];
		if (strcmp(st->doc, doc) == 0) {
			char *copy = NULL;
			if (to && (copy = cdr_strdup(to)) == NULL)
				return CDR_ENOMEM;
			free(st->doc);
			if (copy == NULL)
				continue;
			st->doc = copy;
		}
		cases->st[w++] = *st;
	}
	cases->nst = w;
	return 0;
}

int cdr_cases_rename_doc(cdr_cases *cases, const char *doc, const char *to)
{
	long i = cdr_cases_of_doc(cases, doc);
	struct case_rec *c;
	char *copy = NULL;
	int rc;

	if ((rc = rename_stretches(cases, doc, to)) < 0)
		return rc;
	if (i < 0)
		return 0;
	if (to && (copy = cdr_strdup(to)) == NULL)
		return CDR_ENOMEM;
	c = &cases->v[i];
	for (size_t d = 0; d < c->ndocs; d++) {
		if (strcmp(c->docs[d], doc) != 0)
			continue;
		free(c->docs[d]);
		if (copy) {
			c->docs[d] = copy;
		} else {
			memmove(c->docs + d, c->docs + d + 1, (c->ndocs - d - 1) * sizeof(char *));
			c->ndocs--;
		}
		break;
	}
	/* a key was freed: refill the document map in place (no more keys
	 * than before, so no allocation) */
	cdr_strmap_reset(&cases->by_doc);
	for (size_t k = 0; k < cases->n; k++)
		for (size_t d = 0; d < cases->v[k].ndocs; d++)
			cdr_strmap_put(&cases->by_doc, cases->v[k].docs[d], k);
	return 0;
}

/* ---- stretches */

size_t cdr_cases_stretch_count(const cdr_cases *cases, size_t i)
{
	size_t n = 0;
	for (size_t s = 0; s < cases->nst; s++)
		n += cases->st[s].case_index == i;
	return n;
}

const char *cdr_cases_stretch(const cdr_cases *cases, size_t i, size_t s, size_t *first, size_t *last)
{
	for (size_t k = 0; k < cases->nst; k++) {
		const struct stretch *st = &cases->st[k];
		if (st->case_index != i || s-- > 0)
			continue;
		*first = st->first;
		*last = st->last;
		return st->doc;
	}
	return NULL;
}

static int parse_turn(const char **p, size_t *out)
{
	size_t v = 0;

	if (**p != 't' || (*p)[1] < '0' || (*p)[1] > '9')
		return -1;
	for (++*p; **p >= '0' && **p <= '9'; ++*p) {
		if (v > 100000000)
			return -1;
		v = v * 10 + (size_t)(**p - '0');
	}
	*out = v;
	return v > 0 ? 0 : -1;
}

int cdr_cases_parse_stretch(const char *token, size_t *doc_len, size_t *first, size_t *last)
{
	const char *colon = strchr(token, ':'), *p;

	if (colon == NULL)
		return 0;
	p = colon + 1;
	if (colon == token || parse_turn(&p, first) < 0)
		goto bad;
	*last = *first;
	if (*p == '-') {
		p++;
		if (parse_turn(&p, last) < 0)
			goto bad;
	}
	if (*p != '\0' || *last < *first)
		goto bad;
	*doc_len = (size_t)(colon - token);
	return 1;
bad:
	return cdr_error_set(CDR_EFORMAT, "'%s' is not a document or a stretch of turns (DOC:tFIRST-tLAST)",
			     token);
}

int cdr_cases_add_stretch(cdr_cases *cases, size_t i, const char *doc, size_t first, size_t last)
{
	size_t w = 0;
	struct stretch *st;
	char *copy;

	if (cdr_grow((void **)&cases->st, &cases->st_cap, cases->nst + 1, sizeof(*st)) < 0 ||
	    (copy = cdr_strdup(doc)) == NULL)
		return CDR_ENOMEM;
	/* turns move to the new case, as a document listed again moves */
	for (size_t s = 0; s < cases->nst; s++) {
		st = &cases->st[s];
		if (strcmp(st->doc, doc) == 0 && st->first <= last && first <= st->last) {
			free(st->doc);
			continue;
		}
		cases->st[w++] = *st;
	}
	cases->nst = w;
	cases->st[cases->nst++] = (struct stretch){ copy, i, first, last, 0, 0, 0 };
	return 0;
}

/* One entry of a docs cell: a stretch or a whole document. With `staged`
 * (an import), the document part is resolved through `resolve` and a
 * document or turns listed twice in the file are refused. */
static int stretch_or_doc(cdr_cases *cases, size_t i, const char *tok, const char *name, size_t lineno,
			  char *(*resolve)(const char *token, void *ctx), void *ctx, const char *what)
{
	size_t dlen = 0, first = 0, last = 0;
	char *doc, *id;
	int rc = cdr_cases_parse_stretch(tok, &dlen, &first, &last);

	if (rc < 0)
		return cdr_error_set(rc, "%s:%zu: %s", name, lineno, cdr_error_last());
	if (rc == 0) {
		if (resolve == NULL)
			return cdr_cases_assign(cases, i, tok);
		if ((id = resolve(tok, ctx)) == NULL)
			return cdr_error_set(CDR_ENOTFOUND, "%s:%zu: no %s '%s' in the project", name, lineno, what, tok);
		if (cdr_cases_of_doc(cases, id) >= 0)
			rc = cdr_error_set(CDR_EFORMAT, "%s:%zu: document '%s' is listed in two cases", name, lineno, id);
		else
			rc = cdr_cases_assign(cases, i, id);
		free(id);
		return rc;
	}
	if ((doc = cdr_strndup(tok, dlen)) == NULL)
		return CDR_ENOMEM;
	id = doc;
	if (resolve && (id = resolve(doc, ctx)) == NULL) {
		rc = cdr_error_set(CDR_ENOTFOUND, "%s:%zu: no %s '%s' in the project", name, lineno, what, doc);
		free(doc);
		return rc;
	}
	/* in one file, turns of a document belong to one case */
	for (size_t s = 0; s < cases->nst; s++) {
		const struct stretch *st = &cases->st[s];
		if (strcmp(st->doc, id) == 0 && st->first <= last && first <= st->last) {
			rc = cdr_error_set(CDR_EFORMAT, "%s:%zu: turns of '%s' are listed twice ('%s' overlaps t%zu-t%zu of case '%s')",
					   name, lineno, id, tok, st->first, st->last, cases->v[st->case_index].id);
			break;
		}
	}
	if (rc == 1)
		rc = cdr_cases_add_stretch(cases, i, id, first, last);
	if (id != doc)
		free(id);
	free(doc);
	return rc;
}

static int format_stretches(cdr_buf *b, const cdr_cases *cases, size_t i, int comma)
{
	int rc = 0;

	for (size_t s = 0; s < cases->nst && rc == 0; s++) {
		const struct stretch *st = &cases->st[s];
		if (st->case_index != i)
			continue;
		if (comma)
			rc = cdr_buf_putc(b, ',');
		comma = 1;
		if (rc == 0)
			rc = cdr_tsv_put(b, st->doc);
		if (rc == 0)
			rc = st->first == st->last ? cdr_buf_printf(b, ":t%zu", st->first)
						   : cdr_buf_printf(b, ":t%zu-t%zu", st->first, st->last);
	}
	return rc;
}

/* The code points of each stretch of `doc`, from its turns: from the end
 * of the turn before the first (so the first turn's label is inside) to the
 * end of the last turn, or to the end of the document when the last turn
 * is the document's last. */
static int resolve_stretches(cdr_cases *cases, const cdr_project *p, const char *doc)
{
	cdr_document *d = NULL;
	size_t nt;
	int rc;

	if ((rc = cdr_project_doc_load(&d, p, doc, 0)) < 0)
		return rc;
	nt = cdr_document_turn_count(d);
	for (size_t s = 0; s < cases->nst; s++) {
		struct stretch *st = &cases->st[s];
		if (st->resolved || strcmp(st->doc, doc) != 0)
			continue;
		st->resolved = 1;
		if (st->first > nt) {
			st->lo = st->hi = 0; /* no such turns: holds nothing */
			continue;
		}
		st->lo = st->first == 1 ? 0 : cdr_document_turn(d, st->first - 2)->span.end;
		st->hi = st->last >= nt ? (size_t)-1 : cdr_document_turn(d, st->last - 1)->span.end;
	}
	cdr_document_free(d);
	return 0;
}

int cdr_cases_case_at(cdr_cases *cases, const cdr_project *p, const char *doc, size_t offset, long *out)
{
	int rc;

	for (size_t s = 0; s < cases->nst; s++) {
		struct stretch *st = &cases->st[s];
		if (strcmp(st->doc, doc) != 0)
			continue;
		if (!st->resolved && (rc = resolve_stretches(cases, p, doc)) < 0)
			return rc;
		if (offset >= st->lo && offset < st->hi) {
			*out = (long)st->case_index;
			return 0;
		}
	}
	*out = cdr_cases_of_doc(cases, doc);
	return 0;
}

static int split_docs(cdr_cases *cases, size_t i, char *list, const char *name, size_t lineno)
{
	char *save = NULL;
	int rc;

	for (char *tok = strtok_r(list, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char *end;
		while (*tok == ' ')
			tok++;
		end = tok + strlen(tok);
		while (end > tok && end[-1] == ' ')
			*--end = '\0';
		if (*tok == '\0')
			continue;
		if ((rc = stretch_or_doc(cases, i, tok, name, lineno, NULL, NULL, NULL)) < 0)
			return rc;
	}
	return 0;
}

int cdr_cases_parse(cdr_cases **out, char *data, size_t len, const char *name)
{
	cdr_cases *cases;
	cdr_tsv_row row = { 0 }, header = { 0 };
	size_t pos = 0, lineno = 0, *cols = NULL;
	char *line;
	int rc;

	if ((rc = cdr_cases_new(&cases)) < 0)
		return rc;
	if (!cdr_next_line(data, len, &pos, &line)) {
		*out = cases;
		return 0;
	}
	lineno = 1;
	if ((rc = cdr_tsv_split(&header, line)) < 0)
		goto fail;
	if (header.n < 2 || strcmp(header.fields[0], "case") != 0 || strcmp(header.fields[1], "docs") != 0) {
		rc = cdr_error_set(CDR_EFORMAT, "%s:1: the header must start with 'case<TAB>docs'", name);
		goto fail;
	}
	if ((cols = cdr_calloc(header.n, sizeof(size_t))) == NULL) {
		rc = CDR_ENOMEM;
		goto fail;
	}
	for (size_t f = 2; f < header.n; f++)
		if ((rc = ensure_attr(cases, header.fields[f], &cols[f])) < 0) {
			if (rc != CDR_ENOMEM)
				rc = cdr_error_set(CDR_EFORMAT, "%s:1: %s", name, cdr_error_last());
			goto fail;
		}
	while (cdr_next_line(data, len, &pos, &line)) {
		size_t i;
		lineno++;
		if (*line == '\0')
			continue;
		if ((rc = cdr_tsv_split(&row, line)) < 0)
			goto fail;
		if (row.n != header.n) {
			rc = cdr_error_set(CDR_EFORMAT, "%s:%zu: expected %zu fields, found %zu", name, lineno,
					   header.n, row.n);
			goto fail;
		}
		if (cdr_cases_find(cases, row.fields[0]) >= 0) {
			rc = cdr_error_set(CDR_EFORMAT, "%s:%zu: case '%s' appears twice", name, lineno, row.fields[0]);
			goto fail;
		}
		if ((rc = cdr_cases_ensure(cases, row.fields[0], &i)) < 0) {
			if (rc != CDR_ENOMEM)
				rc = cdr_error_set(rc, "%s:%zu: %s", name, lineno, cdr_error_last());
			goto fail;
		}
		if ((rc = split_docs(cases, i, row.fields[1], name, lineno)) < 0)
			goto fail;
		for (size_t f = 2; f < row.n; f++)
			if ((rc = cdr_cases_set_attr(cases, i, cases->attrs[cols[f]], row.fields[f])) < 0)
				goto fail;
	}
	free(cols);
	cdr_tsv_row_free(&row);
	cdr_tsv_row_free(&header);
	*out = cases;
	return 0;
fail:
	free(cols);
	cdr_tsv_row_free(&row);
	cdr_tsv_row_free(&header);
	cdr_cases_free(cases);
	return rc;
}

int cdr_cases_format(char **out, size_t *out_len, const cdr_cases *cases)
{
	cdr_buf b = CDR_BUF_INIT;
	int rc = cdr_buf_puts(&b, "case\tdocs");

	for (size_t a = 0; a < cases->nattrs && rc == 0; a++)
		if ((rc = cdr_buf_putc(&b, '\t')) == 0)
			rc = cdr_tsv_put(&b, cases->attrs[a]);
	if (rc == 0)
		rc = cdr_buf_putc(&b, '\n');
	for (size_t i = 0; i < cases->n && rc == 0; i++) {
		const struct case_rec *c = &cases->v[i];
		rc = cdr_tsv_put(&b, c->id);
		if (rc == 0)
			rc = cdr_buf_putc(&b, '\t');
		for (size_t d = 0; d < c->ndocs && rc == 0; d++) {
			if (d > 0)
				rc = cdr_buf_putc(&b, ',');
			if (rc == 0)
				rc = cdr_tsv_put(&b, c->docs[d]);
		}
		rc = rc < 0 ? rc : format_stretches(&b, cases, i, c->ndocs > 0);
		for (size_t a = 0; a < cases->nattrs && rc == 0; a++)
			if ((rc = cdr_buf_putc(&b, '\t')) == 0)
				rc = cdr_tsv_put(&b, cdr_cases_attr(cases, i, a));
		if (rc == 0)
			rc = cdr_buf_putc(&b, '\n');
	}
	if (rc < 0) {
		cdr_buf_free(&b);
		return rc;
	}
	*out = cdr_buf_detach(&b, out_len);
	return *out ? 0 : CDR_ENOMEM;
}

/* Resolve a document named in an import file: an id, or a file name. */
static char *resolve_doc(const char *token, int (*doc_exists)(void *, const char *), void *ctx)
{
	char *id = NULL;

	if (doc_exists(ctx, token))
		return cdr_strdup(token);
	if (cdr_doc_id_from_path(&id, token) == 0 && doc_exists(ctx, id))
		return id;
	free(id);
	return NULL;
}

struct resolve_ctx {
	int (*doc_exists)(void *, const char *);
	void *ctx;
};

static char *resolve_import_doc(const char *token, void *ctx)
{
	const struct resolve_ctx *rx = ctx;
	return resolve_doc(token, rx->doc_exists, rx->ctx);
}

int cdr_cases_import(cdr_cases *cases, char *data, size_t len, const char *name,
		     int (*doc_exists)(void *ctx, const char *doc), void *ctx)
{
	return cdr_cases_import_ex(cases, data, len, name, 0, doc_exists, ctx);
}

int cdr_cases_import_ex(cdr_cases *cases, char *data, size_t len, const char *name, unsigned flags,
			int (*doc_exists)(void *ctx, const char *doc), void *ctx)
{
	cdr_cases *staged = NULL;
	cdr_tsv_row header = { 0 }, row = { 0 };
	cdr_csv csv;
	size_t docs_col = 0;
	int has_docs = 0, rc;
	struct resolve_ctx rx = { doc_exists, ctx };

	/* Spreadsheets like to start with a byte-order mark (cdr_csv skips it). */
	cdr_csv_init(&csv, data, len, (flags & CDR_CASES_CSV) ? ',' : '\t');
	if ((rc = cdr_csv_next(&csv, &header)) <= 0) {
		if (rc < 0)
			return cdr_error_set(rc, "%s:%zu: %s", name, csv.line, cdr_error_last());
		return cdr_error_set(CDR_EFORMAT, "%s: empty file", name);
	}
	if (strcasecmp(header.fields[0], "case") != 0) {
		rc = cdr_error_set(CDR_EFORMAT, "%s:1: the first column must be named 'case' (%s header)", name,
				   (flags & CDR_CASES_CSV) ? "comma-separated" : "tab-separated");
		goto done;
	}
	for (size_t f = 1; f < header.n; f++) {
		int docs = strcasecmp(header.fields[f], "docs") == 0 || strcasecmp(header.fields[f], "doc") == 0;
		/* two columns of one name: which one holds the value? */
		for (size_t g = 0; g < f; g++)
			if (strcmp(header.fields[g], header.fields[f]) == 0 ||
			    (docs && has_docs && g == docs_col) || (g == 0 && strcasecmp(header.fields[f], "case") == 0)) {
				rc = cdr_error_set(CDR_EFORMAT, "%s:1: column '%s' appears twice", name, header.fields[f]);
				goto done;
			}
		if (docs) {
			has_docs = 1;
			docs_col = f;
		}
	}
	/* Validate everything into a staging table before touching `cases`. */
	if ((rc = cdr_cases_new(&staged)) < 0)
		goto done;
	while ((rc = cdr_csv_next(&csv, &row)) != 0) {
		size_t i, lineno = csv.line;
		if (rc < 0) {
			rc = cdr_error_set(rc, "%s:%zu: %s", name, lineno, cdr_error_last());
			goto done;
		}
		rc = 0;
		if (row.n == 1 && *row.fields[0] == '\0')
			continue;
		if (row.n > header.n) {
			rc = cdr_error_set(CDR_EFORMAT, "%s:%zu: %zu fields but the header names %zu", name, lineno,
					   row.n, header.n);
			goto done;
		}
		if (cdr_cases_find(staged, row.fields[0]) >= 0) {
			rc = cdr_error_set(CDR_EFORMAT, "%s:%zu: case '%s' appears twice", name, lineno, row.fields[0]);
			goto done;
		}
		if ((rc = cdr_cases_ensure(staged, row.fields[0], &i)) < 0) {
			rc = cdr_error_set(rc, "%s:%zu: %s", name, lineno, cdr_error_last());
			goto done;
		}
		for (size_t f = 1; f < header.n; f++) {
			const char *value = f < row.n ? row.fields[f] : "";
			if (has_docs && f == docs_col) {
				char *list = cdr_strdup(value), *save = NULL;
				if (list == NULL) {
					rc = CDR_ENOMEM;
					goto done;
				}
				for (char *tok = strtok_r(list, ",", &save); tok && rc == 0; tok = strtok_r(NULL, ",", &save)) {
					char *end;
					while (*tok == ' ')
						tok++;
					end = tok + strlen(tok);
					while (end > tok && end[-1] == ' ')
						*--end = '\0';
					if (*tok == '\0')
						continue;
					rc = stretch_or_doc(staged, i, tok, name, lineno, resolve_import_doc, &rx,
							    "document");
				}
				free(list);
				if (rc < 0)
					goto done;
			} else if ((rc = cdr_cases_set_attr(staged, i, header.fields[f], value)) < 0) {
				rc = cdr_error_set(rc, "%s:1: %s", name, cdr_error_last());
				goto done;
			}
		}
	}
	/* Apply: attributes in header order, then documents. An empty cell
	 * leaves the value as it was, unless asked to clear it: a sheet with
	 * a column left blank for some cases wipes nothing. */
	for (size_t s = 0; s < staged->n && rc == 0; s++) {
		size_t i;
		if ((rc = cdr_cases_ensure(cases, staged->v[s].id, &i)) < 0)
			break;
		for (size_t a = 0; a < staged->nattrs && rc == 0; a++) {
			const char *v = cdr_cases_attr(staged, s, a);
			if (*v || (flags & CDR_CASES_CLEAR_EMPTY) || cdr_cases_attr_by_name(cases, i, staged->attrs[a]) == NULL)
				rc = cdr_cases_set_attr(cases, i, staged->attrs[a], v);
		}
		for (size_t d = 0; d < staged->v[s].ndocs && rc == 0; d++)
			rc = cdr_cases_assign(cases, i, staged->v[s].docs[d]);
		for (size_t k = 0; k < staged->nst && rc == 0; k++)
			if (staged->st[k].case_index == s)
				rc = cdr_cases_add_stretch(cases, i, staged->st[k].doc, staged->st[k].first,
							   staged->st[k].last);
	}
	if (rc == 0)
		cdr_cases_prune(cases);
done:
	cdr_cases_free(staged);
	cdr_tsv_row_free(&header);
	cdr_tsv_row_free(&row);
	return rc;
}
