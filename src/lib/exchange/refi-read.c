/* refi-read.c -- a project.qde or a .qdc, as XML text, into the model of
 * refi-internal.h. The XML is parsed by ingest/xmlsafe.c (no DTD, no
 * entities, no network). Nothing is checked here that the importer checks
 * against the project (positions, references); what is read is only what
 * the elements say, with their GUIDs for the messages. Elements codeer
 * does not take (graphs, links, picture or audio selections) are counted
 * so that the import can say they were left out. */
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "codeer/error.h"
#include "exchange/refi-internal.h"
#include "ingest/xmlsafe.h"
#include "util/alloc.h"

struct reader {
	const char *ns;
	const char *name;
	int rc;
};

static int is(const struct reader *r, const xmlNode *n, const char *local)
{
	return cdr_xml_is(n, r->ns, local);
}

/* The attribute, trimmed of white space for GUIDs and numbers (XML Schema
 * tokens), kept verbatim for names; NULL when absent. */
static char *attr(struct reader *r, const xmlNode *n, const char *name, int trim)
{
	xmlChar *v;
	const char *a;
	size_t len;
	char *s;

	if (r->rc < 0 || (v = xmlGetProp(n, (const xmlChar *)name)) == NULL)
		return NULL;
	a = (const char *)v;
	len = strlen(a);
	if (trim) {
		while (*a == ' ' || *a == '\t' || *a == '\n' || *a == '\r')
			a++, len--;
		while (len > 0 && (a[len - 1] == ' ' || a[len - 1] == '\t' || a[len - 1] == '\n' || a[len - 1] == '\r'))
			len--;
	}
	if ((s = cdr_strndup(a, len)) == NULL)
		r->rc = CDR_ENOMEM;
	xmlFree(v);
	return s;
}

static char *content(struct reader *r, const xmlNode *n)
{
	xmlChar *v;
	char *s;

	if (r->rc < 0)
		return NULL;
	v = xmlNodeGetContent(n);
	if ((s = cdr_strdup(v ? (const char *)v : "")) == NULL)
		r->rc = CDR_ENOMEM;
	xmlFree(v);
	return s;
}

/* Grow an array by one zeroed element; NULL (rc set) when out of memory. */
static void *push(struct reader *r, void **array, size_t *n, size_t size)
{
	void *grown;

	if (r->rc < 0)
		return NULL;
	if ((grown = cdr_realloc(*array, (*n + 1) * size)) == NULL) {
		r->rc = CDR_ENOMEM;
		return NULL;
	}
	*array = grown;
	memset((char *)grown + *n * size, 0, size);
	return (char *)grown + (*n)++ * size;
}

static void push_ref(struct reader *r, char ***refs, size_t *n, const xmlNode *node)
{
	char **slot;
	char *g = attr(r, node, "targetGUID", 1);

	/* a codebook's MemberCode names its code with guid */
	if (g == NULL && r->rc == 0)
		g = attr(r, node, "guid", 1);
	if (g == NULL) {
		if (r->rc == 0)
			r->rc = cdr_error_set(CDR_EFORMAT, "%s:%d: %s without targetGUID", r->name, (int)node->line,
					      (const char *)node->name);
		return;
	}
	if ((slot = push(r, (void **)refs, n, sizeof(char *))) == NULL) {
		free(g);
		return;
	}
	*slot = g;
}

static char *need_guid(struct reader *r, const xmlNode *n)
{
	char *g = attr(r, n, "guid", 1);

	if (g == NULL && r->rc == 0)
		r->rc = cdr_error_set(CDR_EFORMAT, "%s:%d: %s without guid", r->name, (int)n->line, (const char *)n->name);
	return g;
}

static void read_codes(struct reader *r, refi_model *m, const xmlNode *parent, long up)
{
	for (const xmlNode *k = parent->children; k && r->rc == 0; k = k->next) {
		struct refi_code *c;
		long self;
		char *codable;
		if (!is(r, k, "Code"))
			continue;
		if ((c = push(r, (void **)&m->codes, &m->ncodes, sizeof(*c))) == NULL)
			return;
		self = (long)m->ncodes - 1;
		c->parent = up;
		c->guid = need_guid(r, k);
		c->name = attr(r, k, "name", 0);
		c->color = attr(r, k, "color", 1);
		codable = attr(r, k, "isCodable", 1);
		c->codable = codable == NULL || strcmp(codable, "true") == 0 || strcmp(codable, "1") == 0;
		free(codable);
		for (const xmlNode *d = k->children; d && r->rc == 0; d = d->next) {
			/* c may move when the array grows below: index it each time */
			if (is(r, d, "Description") && m->codes[self].desc == NULL)
				m->codes[self].desc = content(r, d);
			else if (is(r, d, "NoteRef"))
				push_ref(r, &m->codes[self].notes, &m->codes[self].nnotes, d);
		}
		read_codes(r, m, k, self);
	}
}

static void read_value(struct reader *r, struct refi_value **values, size_t *n, const xmlNode *node)
{
	struct refi_value *v;

	if ((v = push(r, (void **)values, n, sizeof(*v))) == NULL)
		return;
	for (const xmlNode *k = node->children; k && r->rc == 0; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		if (is(r, k, "VariableRef"))
			v->var = attr(r, k, "targetGUID", 1);
		else if (v->value == NULL && (is(r, k, "TextValue") || is(r, k, "BooleanValue") ||
					      is(r, k, "IntegerValue") || is(r, k, "FloatValue") ||
					      is(r, k, "DateValue") || is(r, k, "DateTimeValue")))
			v->value = content(r, k);
	}
	if (r->rc == 0 && v->var == NULL)
		r->rc = cdr_error_set(CDR_EFORMAT, "%s:%d: VariableValue without VariableRef", r->name, (int)node->line);
}

static void read_coding(struct reader *r, struct refi_sel *s, const xmlNode *node)
{
	struct refi_coding *c;

	if ((c = push(r, (void **)&s->codings, &s->ncodings, sizeof(*c))) == NULL)
		return;
	c->guid = need_guid(r, node);
	c->user = attr(r, node, "creatingUser", 1);
	c->created = attr(r, node, "creationDateTime", 1);
	for (const xmlNode *k = node->children; k && r->rc == 0; k = k->next)
		if (is(r, k, "CodeRef") && c->code == NULL)
			c->code = attr(r, k, "targetGUID", 1);
		else if (is(r, k, "NoteRef"))
			push_ref(r, &c->notes, &c->nnotes, k);
	if (r->rc == 0 && c->code == NULL)
		r->rc = cdr_error_set(CDR_EFORMAT, "%s:%d: Coding %s without CodeRef", r->name, (int)node->line,
				      c->guid ? c->guid : "");
}

static void read_selection(struct reader *r, struct refi_source *src, const xmlNode *node)
{
	struct refi_sel *s;

	if ((s = push(r, (void **)&src->sels, &src->nsels, sizeof(*s))) == NULL)
		return;
	s->guid = need_guid(r, node);
	s->start_s = attr(r, node, "startPosition", 1);
	s->end_s = attr(r, node, "endPosition", 1);
	s->user = attr(r, node, "creatingUser", 1);
	s->created = attr(r, node, "creationDateTime", 1);
	for (const xmlNode *k = node->children; k && r->rc == 0; k = k->next)
		if (is(r, k, "Description") && s->desc == NULL)
			s->desc = content(r, k);
		else if (is(r, k, "Coding"))
			read_coding(r, s, k);
		else if (is(r, k, "NoteRef"))
			push_ref(r, &s->notes, &s->nnotes, k);
}

static void read_source(struct reader *r, refi_model *m, const xmlNode *node)
{
	struct refi_source *s;

	if ((s = push(r, (void **)&m->sources, &m->nsources, sizeof(*s))) == NULL)
		return;
	s->guid = need_guid(r, node);
	if (r->rc == 0 && (s->kind = cdr_strdup((const char *)node->name)) == NULL)
		r->rc = CDR_ENOMEM;
	s->name = attr(r, node, "name", 0);
	s->path = attr(r, node, "plainTextPath", 1);
	s->rich_path = attr(r, node, "richTextPath", 1);
	s->created = attr(r, node, "creationDateTime", 1);
	for (const xmlNode *k = node->children; k && r->rc == 0; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		if (is(r, k, "Description") && s->desc == NULL)
			s->desc = content(r, k);
		else if (is(r, k, "PlainTextContent") && s->content == NULL)
			s->content = content(r, k);
		else if (is(r, k, "PlainTextSelection"))
			read_selection(r, s, k);
		else if (is(r, k, "NoteRef"))
			push_ref(r, &s->notes, &s->nnotes, k);
		else if (is(r, k, "VariableValue"))
			read_value(r, &s->values, &s->nvalues, k);
		else if (strlen((const char *)k->name) > 9 &&
			 strcmp((const char *)k->name + strlen((const char *)k->name) - 9, "Selection") == 0)
			s->nother++;
	}
}

/* Sets of a project and of a codebook alike: members that are not codes
 * (sources, notes, other sets) are counted, for the report. */
static void read_sets(struct reader *r, refi_model *m, const xmlNode *sets)
{
	for (const xmlNode *s = sets->children; s && r->rc == 0; s = s->next) {
		struct refi_set *x;
		if (!is(r, s, "Set") || (x = push(r, (void **)&m->sets, &m->nsets, sizeof(*x))) == NULL)
			continue;
		x->guid = need_guid(r, s);
		x->name = attr(r, s, "name", 0);
		for (const xmlNode *d = s->children; d && r->rc == 0; d = d->next)
			if (is(r, d, "Description") && x->desc == NULL)
				x->desc = content(r, d);
			else if (is(r, d, "MemberCode"))
				push_ref(r, &x->codes, &x->ncodes, d);
			else if (d->type == XML_ELEMENT_NODE && !is(r, d, "Description"))
				x->nother++;
	}
}

static void read_project(struct reader *r, refi_model *m, const xmlNode *root)
{
	m->name = attr(r, root, "name", 0);
	m->origin = attr(r, root, "origin", 0);
	for (const xmlNode *k = root->children; k && r->rc == 0; k = k->next) {
		if (is(r, k, "Users")) {
			for (const xmlNode *u = k->children; u && r->rc == 0; u = u->next) {
				struct refi_user *x;
				if (!is(r, u, "User") || (x = push(r, (void **)&m->users, &m->nusers, sizeof(*x))) == NULL)
					continue;
				x->guid = need_guid(r, u);
				x->name = attr(r, u, "name", 0);
				x->id = attr(r, u, "id", 0);
			}
		} else if (is(r, k, "CodeBook")) {
			for (const xmlNode *c = k->children; c && r->rc == 0; c = c->next)
				if (is(r, c, "Codes"))
					read_codes(r, m, c, -1);
		} else if (is(r, k, "Variables")) {
			for (const xmlNode *v = k->children; v && r->rc == 0; v = v->next) {
				struct refi_var *x;
				if (!is(r, v, "Variable") || (x = push(r, (void **)&m->vars, &m->nvars, sizeof(*x))) == NULL)
					continue;
				x->guid = need_guid(r, v);
				x->name = attr(r, v, "name", 0);
				x->type = attr(r, v, "typeOfVariable", 1);
			}
		} else if (is(r, k, "Cases")) {
			for (const xmlNode *c = k->children; c && r->rc == 0; c = c->next) {
				struct refi_case *x;
				if (!is(r, c, "Case") || (x = push(r, (void **)&m->cases, &m->ncases, sizeof(*x))) == NULL)
					continue;
				x->guid = need_guid(r, c);
				x->name = attr(r, c, "name", 0);
				for (const xmlNode *d = c->children; d && r->rc == 0; d = d->next)
					if (is(r, d, "Description") && x->desc == NULL)
						x->desc = content(r, d);
					else if (is(r, d, "VariableValue"))
						read_value(r, &x->values, &x->nvalues, d);
					else if (is(r, d, "SourceRef"))
						push_ref(r, &x->sources, &x->nsources, d);
			}
		} else if (is(r, k, "Sources")) {
			for (const xmlNode *s = k->children; s && r->rc == 0; s = s->next)
				if (s->type == XML_ELEMENT_NODE)
					read_source(r, m, s);
		} else if (is(r, k, "Notes")) {
			for (const xmlNode *n = k->children; n && r->rc == 0; n = n->next) {
				struct refi_note *x;
				if (!is(r, n, "Note") || (x = push(r, (void **)&m->notes, &m->nnotes, sizeof(*x))) == NULL)
					continue;
				x->guid = need_guid(r, n);
				x->name = attr(r, n, "name", 0);
				x->path = attr(r, n, "plainTextPath", 1);
				if ((x->time = attr(r, n, "modifiedDateTime", 1)) == NULL)
					x->time = attr(r, n, "creationDateTime", 1);
				for (const xmlNode *d = n->children; d && r->rc == 0; d = d->next)
					if (is(r, d, "PlainTextContent") && x->content == NULL)
						x->content = content(r, d);
			}
		} else if (is(r, k, "Sets")) {
			read_sets(r, m, k);
		} else if (is(r, k, "NoteRef")) {
			push_ref(r, &m->project_notes, &m->nproject_notes, k);
		} else if (is(r, k, "Graphs")) {
			m->ngraphs++;
		} else if (is(r, k, "Links")) {
			m->nlinks++;
		}
	}
}

/* A codebook has the same Codes and Sets, in its own namespace. */
static void read_codebook(struct reader *r, refi_model *m, const xmlNode *root)
{
	m->origin = attr(r, root, "origin", 0);
	for (const xmlNode *k = root->children; k && r->rc == 0; k = k->next) {
		if (is(r, k, "Codes")) {
			read_codes(r, m, k, -1);
		} else if (is(r, k, "Sets")) {
			read_sets(r, m, k);
		}
	}
}

int refi_model_parse(refi_model **out, const char *xml, size_t len, const char *name)
{
	xmlDocPtr doc = NULL;
	xmlNode *root;
	struct reader r = { NULL, name, 0 };
	refi_model *m;
	int rc;

	*out = NULL;
	if (len > CDR_REFI_MAX_XML)
		return cdr_error_set(CDR_ELIMIT, "%s: XML of %zu bytes, past the limit of %zu", name, len,
				     (size_t)CDR_REFI_MAX_XML);
	if ((rc = cdr_xml_parse(&doc, xml, len, name)) < 0)
		return rc;
	root = xmlDocGetRootElement(doc);
	if ((m = cdr_calloc(1, sizeof(*m))) == NULL) {
		xmlFreeDoc(doc);
		return CDR_ENOMEM;
	}
	if (root && cdr_xml_is(root, REFI_NS_PROJECT, "Project")) {
		r.ns = REFI_NS_PROJECT;
		m->kind = CDR_REFI_PROJECT;
		read_project(&r, m, root);
	} else if (root && cdr_xml_is(root, REFI_NS_CODEBOOK, "CodeBook")) {
		r.ns = REFI_NS_CODEBOOK;
		m->kind = CDR_REFI_CODEBOOK;
		read_codebook(&r, m, root);
	} else {
		r.rc = cdr_error_set(CDR_EFORMAT,
				     "%s: not REFI-QDA: the root element is not a Project (" REFI_NS_PROJECT
				     ") or a CodeBook (" REFI_NS_CODEBOOK ")", name);
	}
	xmlFreeDoc(doc);
	if (r.rc < 0) {
		refi_model_free(m);
		return r.rc;
	}
	*out = m;
	return 0;
}

static void free_refs(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static void free_values(struct refi_value *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].var);
		free(v[i].value);
	}
	free(v);
}

void refi_model_free(refi_model *m)
{
	if (m == NULL)
		return;
	free(m->name);
	free(m->origin);
	for (size_t i = 0; i < m->nusers; i++) {
		free(m->users[i].guid);
		free(m->users[i].name);
		free(m->users[i].id);
	}
	free(m->users);
	for (size_t i = 0; i < m->ncodes; i++) {
		struct refi_code *c = &m->codes[i];
		free(c->guid), free(c->name), free(c->desc), free(c->color);
		free_refs(c->notes, c->nnotes);
	}
	free(m->codes);
	for (size_t i = 0; i < m->nvars; i++)
		free(m->vars[i].guid), free(m->vars[i].name), free(m->vars[i].type);
	free(m->vars);
	for (size_t i = 0; i < m->ncases; i++) {
		struct refi_case *c = &m->cases[i];
		free(c->guid), free(c->name), free(c->desc);
		free_values(c->values, c->nvalues);
		free_refs(c->sources, c->nsources);
	}
	free(m->cases);
	for (size_t i = 0; i < m->nsources; i++) {
		struct refi_source *s = &m->sources[i];
		free(s->guid), free(s->name), free(s->kind), free(s->path), free(s->rich_path), free(s->content);
		free(s->desc), free(s->created);
		for (size_t j = 0; j < s->nsels; j++) {
			struct refi_sel *x = &s->sels[j];
			free(x->guid), free(x->user), free(x->created), free(x->desc), free(x->start_s), free(x->end_s);
			for (size_t k = 0; k < x->ncodings; k++) {
				struct refi_coding *c = &x->codings[k];
				free(c->guid), free(c->code), free(c->user), free(c->created);
				free_refs(c->notes, c->nnotes);
			}
			free(x->codings);
			free_refs(x->notes, x->nnotes);
		}
		free(s->sels);
		free_values(s->values, s->nvalues);
		free_refs(s->notes, s->nnotes);
	}
	free(m->sources);
	for (size_t i = 0; i < m->nnotes; i++)
		free(m->notes[i].guid), free(m->notes[i].name), free(m->notes[i].content), free(m->notes[i].path),
			free(m->notes[i].time);
	free(m->notes);
	for (size_t i = 0; i < m->nsets; i++) {
		free(m->sets[i].guid), free(m->sets[i].name), free(m->sets[i].desc);
		free_refs(m->sets[i].codes, m->sets[i].ncodes);
	}
	free(m->sets);
	free_refs(m->project_notes, m->nproject_notes);
	free(m);
}

/* GUIDs compare without case and braces ({...} is allowed by the schema). */
static int guid_eq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return 0;
	if (*a == '{')
		a++;
	if (*b == '{')
		b++;
	for (; *a && *a != '}' && *b && *b != '}'; a++, b++) {
		char x = *a >= 'A' && *a <= 'F' ? (char)(*a + 32) : *a;
		char y = *b >= 'A' && *b <= 'F' ? (char)(*b + 32) : *b;
		if (x != y)
			return 0;
	}
	return (*a == '\0' || *a == '}') && (*b == '\0' || *b == '}');
}

#define FINDER(fn, arr, count) \
	long fn(const refi_model *m, const char *guid) \
	{ \
		for (size_t i = 0; i < m->count; i++) \
			if (guid_eq(m->arr[i].guid, guid)) \
				return (long)i; \
		return -1; \
	}
FINDER(refi_find_code, codes, ncodes)
FINDER(refi_find_user, users, nusers)
FINDER(refi_find_note, notes, nnotes)
FINDER(refi_find_var, vars, nvars)
FINDER(refi_find_source, sources, nsources)

int cdr_refi_parse_check(const char *xml, size_t len, const char *name)
{
	refi_model *m = NULL;
	int rc = refi_model_parse(&m, xml, len, name);

	refi_model_free(m);
	return rc;
}
