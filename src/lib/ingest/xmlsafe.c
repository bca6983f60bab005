/* xmlsafe.c -- the only place libcodeer parses XML (see xmlsafe.h). */
#include <stdio.h>
#include <string.h>
#include <libxml/parser.h>

#include "codeer/error.h"
#include "ingest/xmlsafe.h"

static const char *find_doctype(const char *data, size_t len)
{
	static const char needle[] = "<!DOCTYPE";
	const size_t nlen = sizeof(needle) - 1;

	for (const char *p = data; (size_t)(p - data) + nlen <= len;) {
		const char *lt = memchr(p, '<', len - (size_t)(p - data));
		if (lt == NULL || (size_t)(lt - data) + nlen > len)
			return NULL;
		if (memcmp(lt, needle, nlen) == 0)
			return lt;
		p = lt + 1;
	}
	return NULL;
}

/* libxml2 reports every error; the first one is where the fault is. */
static _Thread_local char first_error[256];
static _Thread_local int first_error_line, first_error_encoding;

static void on_error(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	if (first_error[0] != '\0' || e == NULL || e->level < XML_ERR_ERROR)
		return;
	snprintf(first_error, sizeof(first_error), "%s", e->message ? e->message : "error");
	first_error_line = e->line;
	first_error_encoding = e->domain == XML_FROM_I18N || e->domain == XML_FROM_IO;
	for (size_t n = strlen(first_error); n > 0 && (first_error[n - 1] == '\n' || first_error[n - 1] == ' ');)
		first_error[--n] = '\0';
}

/* Errors of the input's encoding come from libxml2's converters, which
 * have no parser context to report to: without a handler of the thread
 * they went to stderr as "encoding error : input conversion failed". */
static void on_generic_error(void *ctx, const char *fmt, ...)
{
	(void)ctx;
	(void)fmt;
}

int cdr_xml_parse(xmlDocPtr *out, const char *data, size_t len, const char *name)
{
	xmlParserCtxtPtr ctxt;
	xmlDocPtr doc;
	const char *dt;

	*out = NULL;
	if (len > (size_t)INT32_MAX)
		return cdr_error_set(CDR_ELIMIT, "%s: XML too large", name);
	if ((dt = find_doctype(data, len)) != NULL) {
		size_t line = 1;
		for (const char *p = data; p < dt; p++)
			line += *p == '\n';
		return cdr_error_set(CDR_EUNSAFE,
				     "%s:%zu: XML with a document type declaration (<!DOCTYPE>) is refused: entities are not allowed",
				     name, line);
	}
	if ((ctxt = xmlNewParserCtxt()) == NULL)
		return cdr_error_set(CDR_ENOMEM, "out of memory");
	first_error[0] = '\0';
	first_error_encoding = 0;
	ctxt->sax->serror = on_error;
	ctxt->vctxt.error = NULL;
	ctxt->vctxt.warning = NULL;
	ctxt->sax->error = NULL;
	ctxt->sax->warning = NULL;
	/* No XML_PARSE_NOENT, no DTDLOAD/DTDATTR, no HUGE: entities stay
	 * unexpanded, nothing is fetched, libxml2's depth limits apply. */
	xmlSetStructuredErrorFunc(NULL, on_error);
	xmlSetGenericErrorFunc(NULL, on_generic_error);
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, NULL, NULL, XML_PARSE_NONET);
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlSetGenericErrorFunc(NULL, NULL);
	if (doc == NULL || !ctxt->wellFormed) {
		int rc;
		if (first_error[0] && first_error_encoding)
			rc = cdr_error_set(CDR_EFORMAT, "%s: malformed XML: bytes not valid in the encoding it declares (%s)",
					   name, first_error);
		else if (first_error[0])
			rc = cdr_error_set(CDR_EFORMAT, "%s:%d: malformed XML: %s", name, first_error_line, first_error);
		else
			rc = cdr_error_set(CDR_EFORMAT, "%s: malformed XML", name);
		xmlFreeDoc(doc);
		xmlFreeParserCtxt(ctxt);
		return rc;
	}
	/* The byte scan above misses a DOCTYPE in UTF-16; the tree does not. */
	if (doc->intSubset != NULL || doc->extSubset != NULL) {
		xmlFreeDoc(doc);
		xmlFreeParserCtxt(ctxt);
		return cdr_error_set(CDR_EUNSAFE,
				     "%s: XML with a document type declaration (<!DOCTYPE>) is refused: entities are not allowed",
				     name);
	}
	xmlFreeParserCtxt(ctxt);
	*out = doc;
	return 0;
}

int cdr_xml_is(const xmlNode *node, const char *ns, const char *local)
{
	return node->type == XML_ELEMENT_NODE && node->ns != NULL &&
	       strcmp((const char *)node->name, local) == 0 &&
	       strcmp((const char *)node->ns->href, ns) == 0;
}
