/* ingest-odt.c -- turn an OpenDocument text (.odt) into plain text.
 * Reads content.xml: one paragraph per <text:p>/<text:h>, spans joined,
 * <text:s text:c="n"/> as n spaces, <text:tab/> and <text:line-break/>.
 * Notes, annotations and tracked changes are skipped. Runs of white space
 * inside text collapse to one space, as ODF prescribes.
 *
 * <text:s text:c="n"/> is the one construct whose text is larger than
 * its markup: a few kilobytes of them inflate to gigabytes. The text is
 * therefore measured as it grows and refused past the ingest limit.
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
#include "util/alloc.h"
#include "util/buf.h"

#define TEXT_NS "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define OFFICE_NS "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define TABLE_NS "urn:oasis:names:tc:opendocument:xmlns:table:1.0"

static int put_collapsed(cdr_buf *b, const char *s)
{
	int rc = 0;

	for (; *s && rc == 0; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			if (b->len > 0 && b->data[b->len - 1] != ' ' && b->data[b->len - 1] != '\n')
				rc = cdr_buf_putc(b, ' ');
		} else {
			rc = cdr_buf_putc(b, *s);
		}
	}
	return rc;
}

struct out {
	cdr_buf *b;
	size_t limit;
	const char *name;
	cdr_raw *raw;      /* NULL inside a table cell: tables there are plain */
};

static int walk(const xmlNode *node, const struct out *o);

/* A cell repeated more often than this is no transcript's (an empty
 * filler to the page width). */
#define MAX_REPEAT CDR_TTABLE_MAX_COLUMNS

static int add_cell(cdr_ttable *t, const xmlNode *tc, const struct out *o)
{
	xmlChar *rep = xmlGetNsProp(tc, (const xmlChar *)"number-columns-repeated", (const xmlChar *)TABLE_NS);
	long n = rep ? strtol((const char *)rep, NULL, 10) : 1;
	cdr_buf cb = CDR_BUF_INIT;
	size_t used = o->b->len + t->chars;
	struct out co = { &cb, o->limit > used ? o->limit - used : 0, o->name, NULL };
	int rc;

	xmlFree(rep);
	if (n < 1)
		n = 1;
	if (n > MAX_REPEAT)
		n = MAX_REPEAT + 1;
	rc = walk(tc->children, &co);
	if (rc == CDR_ELIMIT || (rc == 0 && cb.len > co.limit))
		rc = cdr_raw_too_large(o->name, o->limit);
	for (long i = 0; i < n && rc == 0; i++) {
		char *copy = cdr_strndup(cb.data ? cb.data : "", cb.len);
		rc = copy ? cdr_ttable_add_cell(t, copy) : CDR_ENOMEM;
	}
	cdr_buf_free(&cb);
	return rc;
}

/* Rows of a table, also inside header rows and row groups. */
static int add_rows(cdr_ttable *t, const xmlNode *node, const struct out *o, int header)
{
	int rc = 0;

	for (node = node->children; node && rc == 0; node = node->next) {
		if (cdr_xml_is(node, TABLE_NS, "table-row")) {
			if ((rc = cdr_ttable_add_row(t)) < 0)
				break;
			if (header && t->header_rows + 1 == t->nrows)
				t->header_rows++;
			for (const xmlNode *c = node->children; c && rc == 0; c = c->next)
				if (cdr_xml_is(c, TABLE_NS, "table-cell") || cdr_xml_is(c, TABLE_NS, "covered-table-cell"))
					rc = add_cell(t, c, o);
		} else if (cdr_xml_is(node, TABLE_NS, "table-header-rows")) {
			rc = add_rows(t, node, o, 1);
		} else if (cdr_xml_is(node, TABLE_NS, "table-rows") || cdr_xml_is(node, TABLE_NS, "table-row-group")) {
			rc = add_rows(t, node, o, header);
		}
	}
	return rc;
}

/* A table: as a transcript when it is laid out as one, else as paragraphs. */
static int table(const xmlNode *tbl, const struct out *o)
{
	cdr_ttable t = { 0 };
	int rc;

	if (o->raw == NULL)
		return walk(tbl->children, o);
	if ((rc = add_rows(&t, tbl, o, 0)) == 0 && (rc = cdr_ttable_write(o->raw, o->b, &t)) == 0)
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
		if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
			rc = put_collapsed(b, (const char *)node->content);
		} else if (node->type != XML_ELEMENT_NODE) {
			continue;
		} else if (cdr_xml_is(node, TEXT_NS, "s")) {
			xmlChar *c = xmlGetNsProp(node, (const xmlChar *)"c", (const xmlChar *)TEXT_NS);
			long count = c ? strtol((const char *)c, NULL, 10) : 1;
			xmlFree(c);
			if (count < 1)
				count = 1;
			if (count > 1000)
				count = 1000;
			if ((size_t)count > o->limit - b->len)
				return cdr_raw_too_large(o->name, o->limit);
			while (count-- > 0 && rc == 0)
				rc = cdr_buf_putc(b, ' ');
		} else if (cdr_xml_is(node, TEXT_NS, "tab")) {
			rc = cdr_buf_putc(b, '\t');
		} else if (cdr_xml_is(node, TEXT_NS, "line-break")) {
			rc = cdr_buf_putc(b, '\n');
		} else if (cdr_xml_is(node, TEXT_NS, "note") || cdr_xml_is(node, TEXT_NS, "tracked-changes") ||
			   cdr_xml_is(node, OFFICE_NS, "annotation")) {
			continue;
		} else if (cdr_xml_is(node, TEXT_NS, "p") || cdr_xml_is(node, TEXT_NS, "h")) {
			if ((rc = walk(node->children, o)) == 0)
				rc = cdr_raw_end_paragraph(b);
		} else if (cdr_xml_is(node, TABLE_NS, "table")) {
			rc = table(node, o);
		} else {
			rc = walk(node->children, o);
		}
	}
	return rc;
}

static const xmlNode *find_child(const xmlNode *node, const char *ns, const char *local)
{
	for (node = node ? node->children : NULL; node; node = node->next)
		if (cdr_xml_is(node, ns, local))
			return node;
	return NULL;
}

int cdr_read_odt(cdr_raw *raw, const char *bytes, size_t n, const char *name,
		 const cdr_ingest_options *opts)
{
	cdr_buf b = CDR_BUF_INIT;
	struct out o = { &b, cdr_ingest_xml_text_limit(opts), name, raw };
	char *xml = NULL, where[512];
	size_t xlen;
	xmlDocPtr doc = NULL;
	const xmlNode *body;
	int rc;

	if ((rc = cdr_zip_read_member(&xml, &xlen, bytes, n, "content.xml", CDR_INGEST_MAX_XML, name)) < 0)
		return rc;
	snprintf(where, sizeof(where), "%s: content.xml", name);
	rc = cdr_xml_parse(&doc, xml, xlen, where);
	free(xml);
	if (rc < 0)
		return rc;
	body = find_child(find_child(xmlDocGetRootElement(doc) ? (const xmlNode *)doc : NULL,
				     OFFICE_NS, "document-content"), OFFICE_NS, "body");
	body = find_child(body, OFFICE_NS, "text");
	if (body == NULL) {
		xmlFreeDoc(doc);
		return cdr_error_set(CDR_EFORMAT, "%s: not an OpenDocument text (no office:body/office:text)", where);
	}
	rc = walk(body->children, &o);
	if (rc == 0 && b.len > o.limit)
		rc = cdr_raw_too_large(name, o.limit);
	xmlFreeDoc(doc);
	if (rc < 0) {
		cdr_buf_free(&b);
		return rc;
	}
	return cdr_raw_take(raw, &b, name, o.limit);
}
