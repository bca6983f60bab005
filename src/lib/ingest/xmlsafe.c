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
	/* No XML_PARSE_NOENT, no DTDLOAD/DTDATTR, no HUGE: entities stay
	 * unexpanded, nothing is fetched, libxml2's depth limits apply. */
	doc = xmlCtxtReadMemory(ctxt, data, (int)len, NULL, NULL,
				XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc == NULL || !ctxt->wellFormed) {
		const xmlError *e = xmlCtxtGetLastError(ctxt);
		int rc;
		if (e != NULL && e->message != NULL) {
			char msg[256];
			size_t n;
			snprintf(msg, sizeof(msg), "%s", e->message);
			n = strlen(msg);
			while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
				msg[--n] = '\0';
			rc = cdr_error_set(CDR_EFORMAT, "%s:%d: malformed XML: %s", name, e->line, msg);
		} else {
			rc = cdr_error_set(CDR_EFORMAT, "%s: malformed XML", name);
		}
		xmlFreeDoc(doc);
		xmlFreeParserCtxt(ctxt);
		return rc;
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
