/* ingest-docx.c -- turn a .docx into plain text paragraphs.
 * Reads word/document.xml only: one paragraph per <w:p>, runs joined,
 * <w:tab/> as a tab, <w:br/> and <w:cr/> as a line break. Deleted text of
 * tracked changes, field instructions and the fallback copy of
 * alternate content are skipped; styles and images are ignored. The text
 * is measured as it grows and refused past the ingest limit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/tree.h>

#include "codeer/error.h"
#include "ingest/document-internal.h"
#include "ingest/xmlsafe.h"
#include "ingest/zipread.h"
#include "util/buf.h"

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define MC_NS "http://schemas.openxmlformats.org/markup-compatibility/2006"

struct out {
	cdr_buf *b;
	size_t limit;
	const char *name;
};

static int walk(const xmlNode *node, const struct out *o)
{
	cdr_buf *b = o->b;
	int rc = 0;

	for (; node && rc == 0; node = node->next) {
		if (b->len > o->limit)
			return cdr_raw_too_large(o->name, o->limit);
		if (node->type != XML_ELEMENT_NODE)
			continue;
		if (cdr_xml_is(node, W_NS, "t")) {
			for (const xmlNode *c = node->children; c && rc == 0; c = c->next)
				if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
					rc = cdr_buf_puts(b, (const char *)c->content);
		} else if (cdr_xml_is(node, W_NS, "tab")) {
			rc = cdr_buf_putc(b, '\t');
		} else if (cdr_xml_is(node, W_NS, "br") || cdr_xml_is(node, W_NS, "cr")) {
			rc = cdr_buf_putc(b, '\n');
		} else if (cdr_xml_is(node, W_NS, "delText") || cdr_xml_is(node, W_NS, "instrText") ||
			   cdr_xml_is(node, W_NS, "rPr") || cdr_xml_is(node, W_NS, "pPr") ||
			   cdr_xml_is(node, MC_NS, "Fallback")) {
			continue;
		} else if (cdr_xml_is(node, W_NS, "p")) {
			if ((rc = walk(node->children, o)) == 0)
				rc = cdr_raw_end_paragraph(b);
		} else {
			rc = walk(node->children, o);
		}
	}
	return rc;
}

int cdr_read_docx(cdr_raw *raw, const char *bytes, size_t n, const char *name,
		  const cdr_ingest_options *opts)
{
	cdr_buf b = CDR_BUF_INIT;
	struct out o = { &b, cdr_ingest_xml_text_limit(opts), name };
	char *xml = NULL, where[512];
	size_t xlen;
	xmlDocPtr doc = NULL;
	xmlNodePtr root;
	int rc;

	if ((rc = cdr_zip_read_member(&xml, &xlen, bytes, n, "word/document.xml", CDR_INGEST_MAX_XML, name)) < 0)
		return rc;
	snprintf(where, sizeof(where), "%s: word/document.xml", name);
	rc = cdr_xml_parse(&doc, xml, xlen, where);
	free(xml);
	if (rc < 0)
		return rc;
	root = xmlDocGetRootElement(doc);
	if (root == NULL || !cdr_xml_is(root, W_NS, "document")) {
		xmlFreeDoc(doc);
		return cdr_error_set(CDR_EFORMAT, "%s: not a Word document (no w:document element)", where);
	}
	rc = walk(root->children, &o);
	if (rc == 0 && b.len > o.limit)
		rc = cdr_raw_too_large(name, o.limit);
	xmlFreeDoc(doc);
	if (rc < 0) {
		cdr_buf_free(&b);
		return rc;
	}
	return cdr_raw_take(raw, &b, name, o.limit);
}
