/* scheme.c -- load a code scheme: safe XML parse, validation against the
 * built-in XML Schema (errors with line numbers), then a flat array of
 * codes in document order with parent links. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include "codeer/error.h"
#include "codeer/scheme.h"
#include "ingest/xmlsafe.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/fileio.h"

#define NS "urn:codeer:scheme:1"
#define SCHEME_LIMIT ((size_t)16 << 20)

struct rule_rec {
	cdr_rule rule;
	char **unless;
};

struct code_rec {
	cdr_code code;
	struct rule_rec *rules;
	cdr_rule *flat_rules;
};

struct cdr_scheme {
	char *id, *title, *description, *path;
	struct code_rec *codes;
	size_t n, cap;
	/* every string of the scheme, freed together */
	char **strings;
	size_t nstrings, strings_cap;
	/* a string could not be kept: NULL then means "out of memory", not
	 * "absent", so the scheme is refused rather than read without, say,
	 * a rule's speaker filter */
	int nomem;
};

const char *cdr_scope_name(cdr_scope scope)
{
	static const char *const names[] = { "match", "sentence", "paragraph", "turn" };
	return names[scope];
}

static char *keep(cdr_scheme *s, char *str)
{
	if (str == NULL) {
		s->nomem = 1;
		return NULL;
	}
	if (cdr_grow((void **)&s->strings, &s->strings_cap, s->nstrings + 1, sizeof(char *)) < 0) {
		free(str);
		s->nomem = 1;
		return NULL;
	}
	s->strings[s->nstrings++] = str;
	return str;
}

static char *keep_dup(cdr_scheme *s, const char *str)
{
	return keep(s, cdr_strdup(str ? str : ""));
}

/* Text content of an element, trimmed at both ends. */
static char *text_of(cdr_scheme *s, const xmlNode *node)
{
	xmlChar *c = xmlNodeGetContent(node);
	const char *a = c ? (const char *)c : "";
	size_t n;
	char *r;

	while (*a == ' ' || *a == '\n' || *a == '\t' || *a == '\r')
		a++;
	n = strlen(a);
	while (n > 0 && (a[n - 1] == ' ' || a[n - 1] == '\n' || a[n - 1] == '\t' || a[n - 1] == '\r'))
		n--;
	r = keep(s, cdr_strndup(a, n));
	xmlFree(c);
	return r;
}

/* Attribute values are XML Schema tokens: the schema accepts them with
 * white space around, so it is trimmed here as the schema does. */
static char *attr_of(cdr_scheme *s, const xmlNode *node, const char *name)
{
	xmlChar *v = xmlGetProp(node, (const xmlChar *)name);
	const char *a;
	size_t n;
	char *r;

	if (v == NULL)
		return NULL;
	a = (const char *)v;
	while (*a == ' ' || *a == '\t' || *a == '\n' || *a == '\r')
		a++;
	n = strlen(a);
	while (n > 0 && (a[n - 1] == ' ' || a[n - 1] == '\t' || a[n - 1] == '\n' || a[n - 1] == '\r'))
		n--;
	r = keep(s, cdr_strndup(a, n));
	xmlFree(v);
	return r;
}

static int is(const xmlNode *n, const char *local)
{
	return cdr_xml_is(n, NS, local);
}

static int add_rule(cdr_scheme *s, struct code_rec *c, size_t *cap, const xmlNode *node)
{
	struct rule_rec *r;
	size_t ucap = 0;
	char *v;

	if (cdr_grow((void **)&c->rules, cap, c->code.nrules + 1, sizeof(*r)) < 0)
		return CDR_ENOMEM;
	r = &c->rules[c->code.nrules++];
	memset(r, 0, sizeof(*r));
	r->rule.id = attr_of(s, node, "id");
	r->rule.scope = CDR_SCOPE_SENTENCE;
	if ((v = attr_of(s, node, "scope")) != NULL)
		r->rule.scope = strcmp(v, "match") == 0 ? CDR_SCOPE_MATCH :
				strcmp(v, "turn") == 0 ? CDR_SCOPE_TURN :
				strcmp(v, "paragraph") == 0 ? CDR_SCOPE_PARAGRAPH : CDR_SCOPE_SENTENCE;
	v = attr_of(s, node, "caseless");
	r->rule.caseless = v == NULL || strcmp(v, "true") == 0 || strcmp(v, "1") == 0;
	r->rule.speaker = attr_of(s, node, "speaker");
	r->rule.speaker_not = attr_of(s, node, "speaker-not");
	r->rule.line = (int)xmlGetLineNo(node);
	for (const xmlNode *k = node->children; k; k = k->next) {
		if (is(k, "pattern")) {
			r->rule.pattern = text_of(s, k);
		} else if (is(k, "unless")) {
			if (cdr_grow((void **)&r->unless, &ucap, r->rule.nunless + 1, sizeof(char *)) < 0)
				return CDR_ENOMEM;
			r->unless[r->rule.nunless++] = text_of(s, k);
		} else if (is(k, "near")) {
			char *w = attr_of(s, k, "words");
			r->rule.near = text_of(s, k);
			r->rule.near_words = w ? (size_t)strtoul(w, NULL, 10) : 0;
		}
	}
	r->rule.unless = (const char *const *)r->unless;
	return r->rule.id && r->rule.pattern ? 0 : CDR_ENOMEM;
}

static int add_code(cdr_scheme *s, const xmlNode *node, long parent, size_t depth)
{
	struct code_rec *c;
	size_t index = s->n, rcap = 0;
	char qualified[512];
	int rc;

	if (cdr_grow((void **)&s->codes, &s->cap, s->n + 1, sizeof(*c)) < 0)
		return CDR_ENOMEM;
	c = &s->codes[s->n++];
	memset(c, 0, sizeof(*c));
	c->code.id = attr_of(s, node, "id");
	c->code.label = attr_of(s, node, "label");
	c->code.colour = attr_of(s, node, "colour");
	if (c->code.colour == NULL)
		c->code.colour = "";
	snprintf(qualified, sizeof(qualified), "%s/%s", s->id, c->code.id ? c->code.id : "");
	c->code.qualified = keep_dup(s, qualified);
	c->code.parent = parent;
	c->code.depth = depth;
	c->code.line = (int)xmlGetLineNo(node);
	c->code.include = c->code.exclude = c->code.example = "";
	for (const xmlNode *k = node->children; k; k = k->next) {
		if (is(k, "definition"))
			s->codes[index].code.definition = text_of(s, k);
		else if (is(k, "include"))
			s->codes[index].code.include = text_of(s, k);
		else if (is(k, "exclude"))
			s->codes[index].code.exclude = text_of(s, k);
		else if (is(k, "example"))
			s->codes[index].code.example = text_of(s, k);
		else if (is(k, "rule") && (rc = add_rule(s, &s->codes[index], &rcap, k)) < 0)
			return rc;
	}
	for (const xmlNode *k = node->children; k; k = k->next)
		if (is(k, "code") && (rc = add_code(s, k, (long)index, depth + 1)) < 0)
			return rc;
	return 0;
}

struct validation {
	cdr_buf all;
	const char *name;
	size_t count;
};

/* The id="..." of the element an error is about, for "code 'VB'". */
static void id_of_node(const xmlError *e, char *out, size_t cap)
{
	const xmlNode *n = e->node;
	xmlChar *v;

	out[0] = '\0';
	if (n == NULL || n->type != XML_ELEMENT_NODE)
		return;
	if ((v = xmlGetProp(n, (const xmlChar *)"id")) != NULL) {
		snprintf(out, cap, " '%s'", (const char *)v);
		xmlFree(v);
	}
}

/* libxml2's message in plain words where a common mistake is behind it;
 * otherwise its own words without the namespace in every element name. */
static void explain(cdr_buf *b, const xmlError *e, const char *msg)
{
	char id[160], elem[64] = "";
	const char *q;

	id_of_node(e, id, sizeof(id));
	if (strncmp(msg, "Element '", 9) == 0 && (q = strchr(msg + 9, '\'')) != NULL) {
		const char *local = msg + 9, *brace = memchr(local, '}', (size_t)(q - local));
		if (brace)
			local = brace + 1;
		snprintf(elem, sizeof(elem), "%.*s", (int)(q - local), local);
	}
	if (strstr(msg, "No matching global declaration available for the validation root"))
		cdr_buf_printf(b, "the root element <%s> is not in the scheme namespace: add xmlns=\"" NS "\" to it", elem);
	else if (strcmp(elem, "code") == 0 && strstr(msg, "Missing child element") && strstr(msg, "definition"))
		cdr_buf_printf(b, "code%s has no definition: a code needs a <definition> as its first element", id);
	else if (strstr(msg, "This element is not expected") && strstr(msg, "Expected is ( {" NS "}definition )")) {
		/* the element is where the definition should be: name its code */
		const xmlNode *n = e->node;
		xmlChar *v = n && n->parent && n->parent->type == XML_ELEMENT_NODE ?
			xmlGetProp(n->parent, (const xmlChar *)"id") : NULL;
		cdr_buf_printf(b, "code%s%s%s has no definition: a code needs a <definition> as its first element (found <%s>)",
			       v ? " '" : "", v ? (const char *)v : "", v ? "'" : "", elem);
		xmlFree(v);
	}
	else if (strstr(msg, "The attribute 'label' is required"))
		cdr_buf_printf(b, "%s%s has no label: add label=\"...\"", elem, id);
	else if (strstr(msg, "The attribute 'id' is required"))
		cdr_buf_printf(b, "a <%s> has no id: add id=\"...\"", elem);
	else if (strstr(msg, "Duplicate key-sequence")) {
		const char *k = strchr(msg, '[');
		const char *kend = k ? strchr(k, ']') : NULL;
		cdr_buf_printf(b, "the id %.*s is used twice: ids of codes must be unique in the scheme (of rules, in their code)",
			       k && kend ? (int)(kend - k - 1) : 0, k ? k + 1 : "");
	} else if (strstr(msg, "[facet 'pattern']") && strstr(msg, "attribute 'id'")) {
		const char *q1 = strstr(msg, "The value '"), *q2 = q1 ? strchr(q1 + 11, '\'') : NULL;
		cdr_buf_printf(b, "%s id '%.*s': an id starts with a letter or digit and holds only letters, digits, '.', '_' "
			       "and '-'", elem, q1 && q2 ? (int)(q2 - q1 - 11) : 0, q1 ? q1 + 11 : "");
	}
	else if (strstr(msg, "Missing child element") && strstr(msg, "title"))
		cdr_buf_puts(b, "the scheme has no <title>: add one as the first element");
	else if (strstr(msg, "Missing child element") && strcmp(elem, "scheme") == 0)
		cdr_buf_puts(b, "the scheme has no code: a scheme needs at least one <code>");
	else {
		/* "{urn:codeer:scheme:1}code" reads as "code" */
		for (const char *s = msg; *s;) {
			const char *ns = strstr(s, "{" NS "}");
			if (ns == NULL) {
				cdr_buf_puts(b, s);
				break;
			}
			cdr_buf_put(b, s, (size_t)(ns - s));
			s = ns + sizeof(NS) + 1;
		}
	}
}

static void on_invalid(void *ctx, const xmlError *e)
{
	struct validation *v = ctx;
	char msg[512];
	size_t n;

	/* libxml2 follows some errors with a warning that says nothing more */
	if (e == NULL || v->count >= 50 || e->level == XML_ERR_WARNING ||
	    (e->message && strstr(e->message, "No precomputed value")))
		return;
	snprintf(msg, sizeof(msg), "%s", e->message ? e->message : "invalid");
	n = strlen(msg);
	while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	/* every problem of the file at once, one a line */
	cdr_buf_printf(&v->all, "%s%s:%d: ", v->count ? "\n" : "", v->name, e->line);
	explain(&v->all, e, msg);
	v->count++;
}

static void on_schema_error(void *ctx, const xmlError *e)
{
	(void)ctx;
	(void)e;
}

static int validate(xmlDocPtr doc, const char *name)
{
	static xmlSchemaPtr schema;
	xmlSchemaValidCtxtPtr vctx;
	struct validation v = { CDR_BUF_INIT, name, 0 };
	int rc;

	if (schema == NULL) {
		xmlSchemaParserCtxtPtr pctx = xmlSchemaNewMemParserCtxt(cdr_scheme_xsd, (int)strlen(cdr_scheme_xsd));
		if (pctx == NULL)
			return cdr_error_set(CDR_ENOMEM, "out of memory");
		xmlSchemaSetParserStructuredErrors(pctx, (xmlStructuredErrorFunc)on_schema_error, NULL);
		schema = xmlSchemaParse(pctx);
		xmlSchemaFreeParserCtxt(pctx);
		if (schema == NULL)
			return cdr_error_set(CDR_ERROR, "internal error: the built-in scheme schema does not load");
	}
	if ((vctx = xmlSchemaNewValidCtxt(schema)) == NULL)
		return cdr_error_set(CDR_ENOMEM, "out of memory");
	xmlSchemaSetValidStructuredErrors(vctx, (xmlStructuredErrorFunc)on_invalid, &v);
	rc = xmlSchemaValidateDoc(vctx, doc);
	xmlSchemaFreeValidCtxt(vctx);
	if (rc != 0) {
		rc = v.all.data == NULL && v.count > 0 ? cdr_error_set(CDR_ENOMEM, "out of memory") :
			cdr_error_set(CDR_EFORMAT, "%s", v.count ? v.all.data : "the scheme is not valid");
		cdr_buf_free(&v.all);
		return rc;
	}
	cdr_buf_free(&v.all);
	return 0;
}

int cdr_scheme_parse(cdr_scheme **out, const char *data, size_t len, const char *name)
{
	xmlDocPtr doc = NULL;
	xmlNodePtr root;
	cdr_scheme *s = NULL;
	int rc;

	*out = NULL;
	if ((rc = cdr_xml_parse(&doc, data, len, name)) < 0) {
		char m[1024];
		snprintf(m, sizeof(m), "%s", cdr_error_last());
		/* the usual slip in a hand-written scheme, said in plain words */
		if (rc == CDR_EFORMAT && (strstr(m, "xmlParseEntityRef") || strstr(m, "EntityRef: expecting ';'")))
			rc = cdr_error_set(CDR_EFORMAT, "%s (a bare '&': write & as &amp;)", m);
		else if (rc == CDR_EFORMAT && strstr(m, "StartTag: invalid element name"))
			rc = cdr_error_set(CDR_EFORMAT, "%s (a bare '<': write < as &lt;)", m);
		return rc;
	}
	if ((rc = validate(doc, name)) < 0)
		goto done;
	root = xmlDocGetRootElement(doc);
	if ((s = cdr_calloc(1, sizeof(*s))) == NULL) {
		rc = CDR_ENOMEM;
		goto done;
	}
	s->id = attr_of(s, root, "id");
	s->path = keep_dup(s, name);
	if (s->nomem) {
		rc = CDR_ENOMEM;
		goto done;
	}
	s->title = s->description = "";
	for (const xmlNode *k = root->children; k; k = k->next) {
		if (is(k, "title"))
			s->title = text_of(s, k);
		else if (is(k, "description"))
			s->description = text_of(s, k);
	}
	for (const xmlNode *k = root->children; k; k = k->next)
		if (is(k, "code") && (rc = add_code(s, k, -1, 0)) < 0)
			goto done;
	if (s->nomem) {
		rc = cdr_error_set(CDR_ENOMEM, "out of memory");
		goto done;
	}
	for (size_t i = 0; i < s->n; i++)
		s->codes[i].code.rules = NULL;
	/* Expose each code's rules as a plain array of cdr_rule. */
	for (size_t i = 0; i < s->n; i++) {
		struct code_rec *c = &s->codes[i];
		if (c->code.nrules == 0)
			continue;
		if ((c->flat_rules = cdr_calloc(c->code.nrules, sizeof(cdr_rule))) == NULL) {
			rc = CDR_ENOMEM;
			goto done;
		}
		for (size_t r = 0; r < c->code.nrules; r++)
			c->flat_rules[r] = c->rules[r].rule;
		c->code.rules = c->flat_rules;
	}
	if (cdr_scheme_check_patterns(s, NULL, NULL) > 0) {
		rc = CDR_EFORMAT;
		goto done;
	}
	*out = s;
	s = NULL;
	rc = 0;
done:
	cdr_scheme_free(s);
	xmlFreeDoc(doc);
	return rc;
}

/* Compile one pattern as the engine will; report a failure. */
static int check_pattern(const cdr_scheme *s, const cdr_code *code, const cdr_rule *rule, const char *what,
			 const char *pattern, int caseless, cdr_pattern_report_fn report, void *ctx)
{
	int errcode;
	PCRE2_SIZE erroff;
	pcre2_code *re;

	if (pattern == NULL)
		return 0;
	re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
			   PCRE2_UTF | PCRE2_UCP | (caseless ? PCRE2_CASELESS : 0), &errcode, &erroff, NULL);
	if (re != NULL) {
		pcre2_code_free(re);
		return 0;
	}
	{
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(errcode, msg, sizeof(msg));
		cdr_error_set(CDR_EFORMAT, "%s:%d: rule %s#%s: %s '%s': %s at offset %zu", s->path, rule->line,
			      code->qualified, rule->id, what, pattern, (char *)msg, (size_t)erroff);
	}
	if (report)
		report(ctx, code, rule, cdr_error_last());
	return 1;
}

size_t cdr_scheme_check_patterns(const cdr_scheme *s, cdr_pattern_report_fn report, void *ctx)
{
	size_t problems = 0;
	char first[1024] = "";

	for (size_t c = 0; c < s->n; c++) {
		const cdr_code *code = &s->codes[c].code;
		for (size_t r = 0; r < code->nrules; r++) {
			const cdr_rule *rule = &s->codes[c].rules[r].rule;
			const char *what[] = { "pattern", "near", "speaker", "speaker-not" };
			const char *pats[] = { rule->pattern, rule->near, rule->speaker, rule->speaker_not };
			/* in file order: pattern, unless..., near, speaker, speaker-not */
			for (size_t k = 0; k < 4 + rule->nunless; k++) {
				size_t i = k == 0 ? 0 : k <= rule->nunless ? 4 + k - 1 : k - rule->nunless;
				const char *pat = i < 4 ? pats[i] : rule->unless[i - 4];
				int caseless = i < 2 || i >= 4 ? rule->caseless : 0;
				if (check_pattern(s, code, rule, i < 4 ? what[i] : "unless", pat, caseless, report, ctx)) {
					if (problems++ == 0)
						snprintf(first, sizeof(first), "%s", cdr_error_last());
				}
			}
		}
	}
	if (problems)
		cdr_error_set(CDR_EFORMAT, "%s", first); /* the first problem is the one to show */
	return problems;
}

int cdr_scheme_load(cdr_scheme **out, const char *path)
{
	char *data;
	size_t len;
	int rc;

	if ((rc = cdr_file_read(&data, &len, path, SCHEME_LIMIT)) < 0)
		return rc;
	rc = cdr_scheme_parse(out, data, len, path);
	free(data);
	return rc;
}

void cdr_scheme_free(cdr_scheme *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->n; i++) {
		for (size_t r = 0; r < s->codes[i].code.nrules; r++)
			free(s->codes[i].rules[r].unless);
		free(s->codes[i].rules);
		free(s->codes[i].flat_rules);
	}
	free(s->codes);
	for (size_t i = 0; i < s->nstrings; i++)
		free(s->strings[i]);
	free(s->strings);
	free(s);
}

const char *cdr_scheme_id(const cdr_scheme *s) { return s->id; }
const char *cdr_scheme_title(const cdr_scheme *s) { return s->title; }
const char *cdr_scheme_description(const cdr_scheme *s) { return s->description; }
const char *cdr_scheme_path(const cdr_scheme *s) { return s->path; }
size_t cdr_scheme_code_count(const cdr_scheme *s) { return s->n; }
const cdr_code *cdr_scheme_code(const cdr_scheme *s, size_t i) { return i < s->n ? &s->codes[i].code : NULL; }

long cdr_scheme_find(const cdr_scheme *s, const char *id)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->codes[i].code.id, id) == 0)
			return (long)i;
	return -1;
}
