/* ingest-docx.c -- turn a .docx into plain text paragraphs.
 * Reads word/document.xml only: one paragraph per <w:p>, runs joined,
 * <w:tab/> as a tab, <w:br/> and <w:cr/> as a line break. Deleted text of
 * tracked changes, field instructions and the fallback copy of
 * alternate content are skipped; styles and images are ignored. The text
 * is measured as it grows and refused past the ingest limit.
 *
 * A table laid out as a transcript (speaker, text, perhaps time columns)
 * becomes one turn per row (see transcript-table.c); other tables give a paragraph
 * per cell paragraph, like the rest of the document. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/tree.h>

#include "codeer/error.h"
#include "ingest/document-internal.h"
#include "ingest/transcript-table.h"
#include "ingest/xmlsafe.h"
#include "ingest/zipread.h"
#include "util/buf.h"

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define MC_NS "http://schemas.openxmlformats.org/markup-compatibility/2006"

struct out {
	cdr_buf *b;
	size_t limit;
	const char *name;
	cdr_raw *raw;      /* NULL inside a table cell: tables there are plain */
};

static int walk(const xmlNode *node, const struct out *o);

/* Call `fn` for each child element `local` of node, also inside content
 * controls and custom XML wrapped around rows and cells. */
static int each_child(const xmlNode *node, const char *local, int (*fn)(const xmlNode *, void *), void *ctx)
{
	int rc = 0;

	for (node = node->children; node && rc == 0; node = node->next) {
		if (cdr_xml_is(node, W_NS, local))
			rc = fn(node, ctx);
		else if (cdr_xml_is(node, W_NS, "sdt") || cdr_xml_is(node, W_NS, "sdtContent") ||
			 cdr_xml_is(node, W_NS, "customXml"))
			rc = each_child(node, local, fn, ctx);
	}
	return rc;
}

struct collect {
	cdr_ttable *t;
	const struct out *o;
};

static int on_cell(const xmlNode *tc, void *ctx)
{
	struct collect *k = ctx;
	cdr_buf cb = CDR_BUF_INIT;
	size_t used = k->o->b->len + k->t->chars;
	struct out co = { &cb, k->o->limit > used ? k->o->limit - used : 0, k->o->name, NULL };
	int rc = walk(tc->children, &co);

	if (rc == CDR_ELIMIT || (rc == 0 && cb.len > co.limit))
		rc = cdr_raw_too_large(k->o->name, k->o->limit);
	if (rc < 0) {
		cdr_buf_free(&cb);
		return rc;
	}
	return cdr_ttable_add_cell(k->t, cdr_buf_detach(&cb, NULL));
}

static int on_row(const xmlNode *tr, void *ctx)
{
	struct collect *k = ctx;
	int rc;

	if ((rc = cdr_ttable_add_row(k->t)) < 0)
		return rc;
	/* rows marked to repeat as a heading on each page */
	for (const xmlNode *c = tr->children; c; c = c->next)
		if (cdr_xml_is(c, W_NS, "trPr"))
			for (const xmlNode *h = c->children; h; h = h->next)
				if (cdr_xml_is(h, W_NS, "tblHeader") && k->t->header_rows + 1 == k->t->nrows)
					k->t->header_rows++;
	return each_child(tr, "tc", on_cell, ctx);
}

/* A table: as a transcript when it is laid out as one, else as paragraphs. */
static int table(const xmlNode *tbl, const struct out *o)
{
	cdr_ttable t = { 0 };
	struct collect k = { &t, o };
	int rc;

	if (o->raw == NULL)
		return walk(tbl->children, o);
	if ((rc = each_child(tbl, "tr", on_row, &k)) == 0 && (rc = cdr_ttable_write(o->raw, o->b, &t)) == 0)
		rc = walk(tbl->children, o);
	cdr_ttable_free(&t);
	return rc < 0 ? rc : 0;
}

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
		} else if (cdr_xml_is(node, W_NS, "tbl")) {
			rc = table(node, o);
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
	struct out o = { &b, cdr_ingest_xml_text_limit(opts), name, raw };
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
