/* refi-validate.c -- XML against the official REFI-QDA schemas, which are
 * built into libcodeer (refi-xsd.c is generated from Project-mrt2019.xsd
 * and Codebook.xsd beside this file; SOURCE.md there says where they come
 * from). Every export is checked before it is written, so codeer never
 * hands another program a file the standard does not allow. */
#include <stdio.h>
#include <string.h>

#include <libxml/xmlschemas.h>

#include "codeer/error.h"
#include "exchange/refi-internal.h"
#include "ingest/xmlsafe.h"

struct first_fault {
	char msg[300];
	int line;
};

static void on_fault(void *ctx, xmlErrorPtr e)
{
	struct first_fault *f = ctx;
	size_t n;

	if (f == NULL || f->msg[0] != '\0' || e == NULL)
		return;
	snprintf(f->msg, sizeof(f->msg), "%s", e->message ? e->message : "not valid");
	for (n = strlen(f->msg); n > 0 && (f->msg[n - 1] == '\n' || f->msg[n - 1] == ' ');)
		f->msg[--n] = '\0';
	f->line = e->line;
}

static _Thread_local xmlSchemaPtr schemas[2];

static int load(xmlSchemaPtr *out, cdr_refi_kind kind)
{
	const char *xsd = kind == CDR_REFI_PROJECT ? cdr_refi_project_xsd : cdr_refi_codebook_xsd;
	xmlSchemaParserCtxtPtr pctx;

	if (schemas[kind] == NULL) {
		if ((pctx = xmlSchemaNewMemParserCtxt(xsd, (int)strlen(xsd))) == NULL)
			return cdr_error_set(CDR_ENOMEM, "out of memory");
		xmlSchemaSetParserStructuredErrors(pctx, (xmlStructuredErrorFunc)on_fault, NULL);
		schemas[kind] = xmlSchemaParse(pctx);
		xmlSchemaFreeParserCtxt(pctx);
		if (schemas[kind] == NULL)
			return cdr_error_set(CDR_ERROR, "internal error: the built-in REFI-QDA schema does not load");
	}
	*out = schemas[kind];
	return 0;
}

int cdr_refi_validate(const char *xml, size_t len, cdr_refi_kind kind, const char *name)
{
	xmlDocPtr doc = NULL;
	xmlSchemaPtr schema = NULL;
	xmlSchemaValidCtxtPtr vctx;
	struct first_fault f = { "", 0 };
	int rc;

	if ((rc = load(&schema, kind)) < 0 || (rc = cdr_xml_parse(&doc, xml, len, name)) < 0)
		return rc;
	if ((vctx = xmlSchemaNewValidCtxt(schema)) == NULL) {
		xmlFreeDoc(doc);
		return cdr_error_set(CDR_ENOMEM, "out of memory");
	}
	xmlSchemaSetValidStructuredErrors(vctx, (xmlStructuredErrorFunc)on_fault, &f);
	rc = xmlSchemaValidateDoc(vctx, doc);
	xmlSchemaFreeValidCtxt(vctx);
	xmlFreeDoc(doc);
	if (rc != 0)
		return cdr_error_set(CDR_EFORMAT, "%s:%d: not valid against the REFI-QDA %s schema: %s", name, f.line,
				     kind == CDR_REFI_PROJECT ? "project" : "codebook", f.msg[0] ? f.msg : "invalid");
	return 0;
}
