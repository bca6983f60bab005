/* edit.c -- change a scheme file as a tree: rename, move, remove and add
 * codes; write a minimal scheme to start from; compare two schemes.
 *
 * Edits work on the XML itself (libxml2), not on cdr_scheme, so that the
 * file keeps its comments, rules, criteria and layout: a codebook change
 * shows in a diff as the lines that changed. Every result is parsed and
 * validated again before it is handed back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "codeer/error.h"
#include "codeer/scheme.h"
#include "ingest/xmlsafe.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/fileio.h"

#define NS "urn:codeer:scheme:1"

struct cdr_scheme_edit {
	xmlDocPtr doc;
	char *name;
};

int cdr_scheme_edit_open(cdr_scheme_edit **out, const char *data, size_t len, const char *name)
{
	cdr_scheme_edit *e;
	int rc;

	*out = NULL;
	if ((e = cdr_calloc(1, sizeof(*e))) == NULL)
		return CDR_ENOMEM;
	if ((e->name = cdr_strdup(name)) == NULL) {
		free(e);
		return CDR_ENOMEM;
	}
	if ((rc = cdr_xml_parse(&e->doc, data, len, name)) < 0) {
		cdr_scheme_edit_free(e);
		return rc;
	}
	*out = e;
	return 0;
}

void cdr_scheme_edit_free(cdr_scheme_edit *e)
{
	if (e == NULL)
		return;
	xmlFreeDoc(e->doc);
	free(e->name);
	free(e);
}

static int is_code(const xmlNode *n)
{
	return cdr_xml_is(n, NS, "code");
}

static xmlNodePtr find_code(xmlNodePtr node, const char *id)
{
	for (xmlNodePtr k = node->children; k; k = k->next) {
		if (!is_code(k))
			continue;
		xmlChar *v = xmlGetProp(k, (const xmlChar *)"id");
		int hit = v && strcmp((const char *)v, id) == 0;
		xmlFree(v);
		if (hit)
			return k;
		xmlNodePtr below = find_code(k, id);
		if (below)
			return below;
	}
	return NULL;
}

static xmlNodePtr need_code(cdr_scheme_edit *e, const char *id)
{
	xmlNodePtr n = find_code(xmlDocGetRootElement(e->doc), id);

	if (n == NULL)
		cdr_error_set(CDR_ENOTFOUND, "%s: no code '%s' in the scheme", e->name, id);
	return n;
}

int cdr_scheme_edit_has(const cdr_scheme_edit *e, const char *id)
{
	return find_code(xmlDocGetRootElement(e->doc), id) != NULL;
}

int cdr_scheme_edit_rename(cdr_scheme_edit *e, const char *id, const char *new_id)
{
	xmlNodePtr n = need_code(e, id);

	if (n == NULL)
		return CDR_ENOTFOUND;
	if (strcmp(id, new_id) != 0 && find_code(xmlDocGetRootElement(e->doc), new_id))
		return cdr_error_set(CDR_EEXISTS, "%s: the scheme already has a code '%s'", e->name, new_id);
	return xmlSetProp(n, (const xmlChar *)"id", (const xmlChar *)new_id) ? 0 : CDR_ENOMEM;
}

/* The indentation of the lines of `n`'s children: its own plus two spaces. */
static void indent_of(const xmlNode *n, char *out, size_t cap)
{
	const xmlNode *prev = n->prev;
	const char *s = "", *nl;

	if (prev && prev->type == XML_TEXT_NODE && prev->content && (nl = strrchr((const char *)prev->content, '\n')))
		s = nl + 1;
	snprintf(out, cap, "%s", s);
}

/* Put `child` as the last element of `parent`, indented like its siblings. */
static int append_child(xmlNodePtr parent, xmlNodePtr child)
{
	char ind[128], text[160];
	xmlNodePtr last = parent->last, ws;

	indent_of(parent, ind, sizeof(ind));
	snprintf(text, sizeof(text), "\n%s  ", ind);
	if ((ws = xmlNewText((const xmlChar *)text)) == NULL)
		return CDR_ENOMEM;
	/* the white space before the closing tag stays last */
	if (last && last->type == XML_TEXT_NODE && xmlIsBlankNode(last)) {
		/* child first: libxml2 merges text put next to text */
		xmlAddPrevSibling(last, child);
		xmlAddPrevSibling(child, ws);
		return 0;
	}
	xmlAddChild(parent, ws);
	xmlAddChild(parent, child);
	snprintf(text, sizeof(text), "\n%s", ind);
	if ((ws = xmlNewText((const xmlChar *)text)) == NULL)
		return CDR_ENOMEM;
	xmlAddChild(parent, ws);
	return 0;
}

/* Take `n` out of the tree with the white space before it. */
static void unlink_node(xmlNodePtr n)
{
	xmlNodePtr prev = n->prev;

	if (prev && prev->type == XML_TEXT_NODE && xmlIsBlankNode(prev)) {
		xmlUnlinkNode(prev);
		xmlFreeNode(prev);
	}
	xmlUnlinkNode(n);
}

/* Re-indent a moved subtree by `delta` levels of two spaces. */
static void reindent(xmlNodePtr n, int delta)
{
	for (xmlNodePtr k = n->children; k; k = k->next) {
		if (k->type == XML_TEXT_NODE && k->content && strchr((const char *)k->content, '\n') &&
		    xmlIsBlankNode(k)) {
			cdr_buf b = CDR_BUF_INIT;
			const char *s = (const char *)k->content;
			const char *nl = strrchr(s, '\n');
			long width = (long)strlen(nl + 1) + 2L * delta;
			if (width < 0)
				width = 0;
			if (cdr_buf_put(&b, s, (size_t)(nl - s) + 1) == 0 && cdr_buf_printf(&b, "%*s", (int)width, "") == 0)
				xmlNodeSetContent(k, (const xmlChar *)b.data);
			cdr_buf_free(&b);
		} else if (k->type == XML_ELEMENT_NODE) {
			reindent(k, delta);
		}
	}
}

static int depth_of(const xmlNode *n)
{
	int d = 0;

	for (const xmlNode *k = n->parent; k && k->type == XML_ELEMENT_NODE; k = k->parent)
		d++;
	return d;
}

static int move_under(xmlNodePtr n, xmlNodePtr parent)
{
	int before = depth_of(n);

	unlink_node(n);
	reindent(n, depth_of(parent) + 1 - before);
	return append_child(parent, n);
}

int cdr_scheme_edit_move(cdr_scheme_edit *e, const char *id, const char *parent)
{
	xmlNodePtr n = need_code(e, id), to;

	if (n == NULL)
		return CDR_ENOTFOUND;
	if (parent == NULL) {
		to = xmlDocGetRootElement(e->doc);
	} else {
		if ((to = need_code(e, parent)) == NULL)
			return CDR_ENOTFOUND;
		for (xmlNodePtr k = to; k; k = k->parent)
			if (k == n)
				return cdr_error_set(CDR_EUSAGE, "%s: code '%s' cannot go under '%s', which lies within it",
						     e->name, id, parent);
	}
	if (n->parent == to)
		return 0;
	return move_under(n, to);
}

int cdr_scheme_edit_remove(cdr_scheme_edit *e, const char *id, const char *children_to)
{
	xmlNodePtr n = need_code(e, id), to, k, next;
	int rc;

	if (n == NULL)
		return CDR_ENOTFOUND;
	to = children_to ? need_code(e, children_to) : n->parent;
	if (to == NULL)
		return CDR_ENOTFOUND;
	for (k = n->children; k; k = next) {
		next = k->next;
		if (is_code(k) && (rc = move_under(k, to)) < 0)
			return rc;
	}
	unlink_node(n);
	xmlFreeNode(n);
	return 0;
}

static int has_rule(const xmlNode *code, const char *id)
{
	for (const xmlNode *k = code->children; k; k = k->next) {
		if (!cdr_xml_is(k, NS, "rule"))
			continue;
		xmlChar *v = xmlGetProp(k, (const xmlChar *)"id");
		int hit = v && strcmp((const char *)v, id) == 0;
		xmlFree(v);
		if (hit)
			return 1;
	}
	return 0;
}

int cdr_scheme_edit_take_rules(cdr_scheme_edit *e, const char *from, const char *to, size_t *n)
{
	xmlNodePtr a = need_code(e, from), b, next, before = NULL;
	size_t moved = 0;

	if (n)
		*n = 0;
	if (a == NULL || (b = need_code(e, to)) == NULL)
		return CDR_ENOTFOUND;
	/* a rule goes after the rules `to` has, before its subcodes */
	for (xmlNodePtr k = b->children; k && before == NULL; k = k->next)
		if (is_code(k))
			before = k;
	for (xmlNodePtr k = a->children; k; k = next) {
		xmlChar *v;
		next = k->next;
		if (!cdr_xml_is(k, NS, "rule"))
			continue;
		/* rule ids are unique within a code: a taken one that clashes says where it came from */
		v = xmlGetProp(k, (const xmlChar *)"id");
		if (v && has_rule(b, (const char *)v)) {
			char id[512];
			for (unsigned i = 1;; i++) {
				if (i == 1)
					snprintf(id, sizeof(id), "%s-%s", from, (const char *)v);
				else
					snprintf(id, sizeof(id), "%s-%s-%u", from, (const char *)v, i);
				if (!has_rule(b, id))
					break;
			}
			if (!xmlSetProp(k, (const xmlChar *)"id", (const xmlChar *)id)) {
				xmlFree(v);
				return CDR_ENOMEM;
			}
		}
		xmlFree(v);
		if (before) {
			char ind[160], text[200];
			xmlNodePtr ws;
			int delta = depth_of(before) - depth_of(k);
			unlink_node(k);
			reindent(k, delta);
			indent_of(before, ind, sizeof(ind));
			xmlAddPrevSibling(before, k);
			snprintf(text, sizeof(text), "\n%s", ind);
			if ((ws = xmlNewText((const xmlChar *)text)) == NULL)
				return CDR_ENOMEM;
			/* element, then white space: libxml2 merges text put next to text */
			xmlAddNextSibling(k, ws);
		} else {
			int rc = move_under(k, b);
			if (rc < 0)
				return rc;
		}
		moved++;
	}
	if (n)
		*n = moved;
	return 0;
}

int cdr_scheme_edit_add(cdr_scheme_edit *e, const char *id, const char *label, const char *definition,
			const char *parent)
{
	xmlNodePtr root = xmlDocGetRootElement(e->doc), to = root, n, def;
	xmlNsPtr ns = root->ns;

	if (find_code(root, id))
		return cdr_error_set(CDR_EEXISTS, "%s: the scheme already has a code '%s'", e->name, id);
	if (parent && (to = need_code(e, parent)) == NULL)
		return CDR_ENOTFOUND;
	if ((n = xmlNewNode(ns, (const xmlChar *)"code")) == NULL)
		return CDR_ENOMEM;
	if (!xmlSetProp(n, (const xmlChar *)"id", (const xmlChar *)id) ||
	    !xmlSetProp(n, (const xmlChar *)"label", (const xmlChar *)label) ||
	    (def = xmlNewTextChild(n, ns, (const xmlChar *)"definition", NULL)) == NULL) {
		xmlFreeNode(n);
		return CDR_ENOMEM;
	}
	xmlNodeAddContent(def, (const xmlChar *)definition);
	{
		/* its definition on a line of its own, as hand-written schemes have it */
		char ind[160];
		xmlNodePtr ws;
		int d = depth_of(to) + 1;
		snprintf(ind, sizeof(ind), "\n%*s", 2 * d + 2, "");
		if ((ws = xmlNewText((const xmlChar *)ind)) == NULL) {
			xmlFreeNode(n);
			return CDR_ENOMEM;
		}
		xmlAddPrevSibling(def, ws);
		snprintf(ind, sizeof(ind), "\n%*s", 2 * d, "");
		if ((ws = xmlNewText((const xmlChar *)ind)) == NULL) {
			xmlFreeNode(n);
			return CDR_ENOMEM;
		}
		xmlAddChild(n, ws);
	}
	return append_child(to, n);
}

int cdr_scheme_edit_save(cdr_scheme_edit *e, char **out, size_t *len)
{
	xmlChar *mem = NULL;
	int size = 0;
	cdr_scheme *check = NULL;
	int rc;

	*out = NULL;
	xmlDocDumpMemoryEnc(e->doc, &mem, &size, "UTF-8");
	if (mem == NULL)
		return CDR_ENOMEM;
	/* the result must be a valid scheme, or nothing is written */
	if ((rc = cdr_scheme_parse(&check, (const char *)mem, (size_t)size, e->name)) < 0) {
		xmlFree(mem);
		return rc;
	}
	cdr_scheme_free(check);
	if ((*out = cdr_strndup((const char *)mem, (size_t)size)) == NULL) {
		xmlFree(mem);
		return CDR_ENOMEM;
	}
	*len = (size_t)size;
	xmlFree(mem);
	return 0;
}

/* ---- a scheme to start from ---------------------------------------------- */

static int put_escaped(cdr_buf *b, const char *s)
{
	int rc = 0;

	for (; *s && rc == 0; s++) {
		switch (*s) {
		case '&': rc = cdr_buf_puts(b, "&amp;"); break;
		case '<': rc = cdr_buf_puts(b, "&lt;"); break;
		case '>': rc = cdr_buf_puts(b, "&gt;"); break;
		case '"': rc = cdr_buf_puts(b, "&quot;"); break;
		default: rc = cdr_buf_putc(b, *s);
		}
	}
	return rc;
}

int cdr_scheme_id_valid(const char *id)
{
	if (id == NULL || !((*id >= 'a' && *id <= 'z') || (*id >= 'A' && *id <= 'Z') || (*id >= '0' && *id <= '9')))
		return 0;
	for (const char *s = id; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '.' ||
		      *s == '_' || *s == '-'))
			return 0;
	return strlen(id) <= 200;
}

int cdr_scheme_new_text(char **out, size_t *len, const char *id, const char *title, const char *code_id,
			const char *code_label, const char *definition)
{
	cdr_buf b = CDR_BUF_INIT;
	cdr_scheme *check = NULL;
	int rc;

	*out = NULL;
	if (!cdr_scheme_id_valid(id))
		return cdr_error_set(CDR_EUSAGE, "'%s' cannot be a scheme id (a letter or digit, then letters, digits, . _ -)", id);
	if (!cdr_scheme_id_valid(code_id))
		return cdr_error_set(CDR_EUSAGE, "'%s' cannot be a code id (a letter or digit, then letters, digits, . _ -)",
				     code_id);
	rc = cdr_buf_printf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
			     "<scheme xmlns=\"" NS "\" id=\"%s\" version=\"1\" lang=\"nl\">\n  <title>", id);
	if (rc == 0)
		rc = put_escaped(&b, title);
	if (rc == 0)
		rc = cdr_buf_printf(&b, "</title>\n  <code id=\"%s\" label=\"", code_id);
	if (rc == 0)
		rc = put_escaped(&b, code_label);
	if (rc == 0)
		rc = cdr_buf_puts(&b, "\">\n    <definition>");
	if (rc == 0)
		rc = put_escaped(&b, definition);
	if (rc == 0)
		rc = cdr_buf_puts(&b, "</definition>\n  </code>\n</scheme>\n");
	if (rc == 0 && (rc = cdr_scheme_parse(&check, b.data, b.len, id)) == 0) {
		cdr_scheme_free(check);
		*out = b.data;
		*len = b.len;
		return 0;
	}
	cdr_buf_free(&b);
	return rc;
}

/* ---- comparing two versions of a scheme ------------------------------------ */

static int same(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "") == 0;
}

static int rules_same(const cdr_code *a, const cdr_code *b)
{
	if (a->nrules != b->nrules)
		return 0;
	for (size_t r = 0; r < a->nrules; r++) {
		const cdr_rule *x = &a->rules[r], *y = &b->rules[r];
		if (!same(x->id, y->id) || !same(x->pattern, y->pattern) || x->scope != y->scope ||
		    x->caseless != y->caseless || !same(x->near, y->near) || x->near_words != y->near_words ||
		    !same(x->speaker, y->speaker) || !same(x->speaker_not, y->speaker_not) || x->nunless != y->nunless)
			return 0;
		for (size_t u = 0; u < x->nunless; u++)
			if (!same(x->unless[u], y->unless[u]))
				return 0;
	}
	return 1;
}

static const char *parent_id(const cdr_scheme *s, const cdr_code *c)
{
	return c->parent >= 0 ? cdr_scheme_code(s, (size_t)c->parent)->id : "";
}

static int diff_add(cdr_scheme_diff *d, const char *kind, const char *code, const char *detail)
{
	cdr_scheme_change *c;

	if (cdr_grow((void **)&d->v, &d->cap, d->n + 1, sizeof(*c)) < 0)
		return CDR_ENOMEM;
	c = &d->v[d->n];
	c->kind = kind;
	c->code = cdr_strdup(code);
	c->detail = cdr_strdup(detail);
	if (c->code == NULL || c->detail == NULL) {
		free(c->code);
		free(c->detail);
		return CDR_ENOMEM;
	}
	d->n++;
	return 0;
}

void cdr_scheme_diff_free(cdr_scheme_diff *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].code);
		free(d->v[i].detail);
	}
	free(d->v);
	memset(d, 0, sizeof(*d));
}

int cdr_scheme_diff_make(cdr_scheme_diff *d, const cdr_scheme *old, const cdr_scheme *new)
{
	size_t no = cdr_scheme_code_count(old), nn = cdr_scheme_code_count(new);
	char *renamed_old = NULL, *renamed_new = NULL, detail[1024];
	int rc = 0;

	memset(d, 0, sizeof(*d));
	if ((renamed_old = cdr_calloc(no + 1, 1)) == NULL || (renamed_new = cdr_calloc(nn + 1, 1)) == NULL) {
		free(renamed_old);
		return CDR_ENOMEM;
	}
	/* a code gone and a code new with the same label: renamed */
	for (size_t i = 0; i < no && rc == 0; i++) {
		const cdr_code *a = cdr_scheme_code(old, i);
		if (cdr_scheme_find(new, a->id) >= 0)
			continue;
		for (size_t j = 0; j < nn; j++) {
			const cdr_code *b = cdr_scheme_code(new, j);
			if (renamed_new[j] || cdr_scheme_find(old, b->id) >= 0 || strcmp(a->label, b->label) != 0)
				continue;
			renamed_old[i] = renamed_new[j] = 1;
			snprintf(detail, sizeof(detail), "%s -> %s (label '%s')", a->id, b->id, a->label);
			rc = diff_add(d, "renamed", a->id, detail);
			break;
		}
	}
	for (size_t i = 0; i < no && rc == 0; i++) {
		const cdr_code *a = cdr_scheme_code(old, i);
		if (!renamed_old[i] && cdr_scheme_find(new, a->id) < 0) {
			snprintf(detail, sizeof(detail), "label '%s'", a->label);
			rc = diff_add(d, "removed", a->id, detail);
		}
	}
	for (size_t j = 0; j < nn && rc == 0; j++) {
		const cdr_code *b = cdr_scheme_code(new, j);
		if (!renamed_new[j] && cdr_scheme_find(old, b->id) < 0) {
			snprintf(detail, sizeof(detail), "label '%s'%s%s", b->label, b->parent >= 0 ? ", under " : "",
				 parent_id(new, b));
			rc = diff_add(d, "added", b->id, detail);
		}
	}
	/* codes in both (a renamed one compared under its new id) */
	for (size_t j = 0; j < nn && rc == 0; j++) {
		const cdr_code *b = cdr_scheme_code(new, j), *a = NULL;
		long i = cdr_scheme_find(old, b->id);
		if (i >= 0) {
			a = cdr_scheme_code(old, (size_t)i);
		} else if (renamed_new[j]) {
			for (size_t k = 0; k < no && a == NULL; k++)
				if (renamed_old[k] && strcmp(cdr_scheme_code(old, k)->label, b->label) == 0 &&
				    cdr_scheme_find(new, cdr_scheme_code(old, k)->id) < 0)
					a = cdr_scheme_code(old, k);
		}
		if (a == NULL)
			continue;
		if (rc == 0 && !same(a->label, b->label)) {
			snprintf(detail, sizeof(detail), "'%s' -> '%s'", a->label, b->label);
			rc = diff_add(d, "label", b->id, detail);
		}
		if (rc == 0 && !same(a->definition, b->definition))
			rc = diff_add(d, "definition", b->id, "the definition changed");
		if (rc == 0 && (!same(a->include, b->include) || !same(a->exclude, b->exclude) || !same(a->example, b->example)))
			rc = diff_add(d, "criteria", b->id, "inclusion, exclusion or example changed");
		if (rc == 0 && !rules_same(a, b)) {
			snprintf(detail, sizeof(detail), "%zu rule%s -> %zu", a->nrules, a->nrules == 1 ? "" : "s", b->nrules);
			rc = diff_add(d, "rules", b->id, detail);
		}
		if (rc == 0 && !same(parent_id(old, a), parent_id(new, b))) {
			snprintf(detail, sizeof(detail), "under '%s' -> under '%s'", *parent_id(old, a) ? parent_id(old, a) : "(top)",
				 *parent_id(new, b) ? parent_id(new, b) : "(top)");
			rc = diff_add(d, "moved", b->id, detail);
		}
	}
	free(renamed_old);
	free(renamed_new);
	if (rc < 0)
		cdr_scheme_diff_free(d);
	return rc;
}
