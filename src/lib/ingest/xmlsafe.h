/* xmlsafe.h -- parse untrusted XML (parts of .docx/.odt, later schemes and
 * REFI-QDA files) without network access, DTD loading or entity
 * expansion. A document type declaration is refused outright: none of the
 * formats codeer reads needs one, and it is the door to XXE and
 * entity-expansion bombs. */
#ifndef CDR_XMLSAFE_H
#define CDR_XMLSAFE_H

#include <stddef.h>
#include <libxml/tree.h>

int cdr_xml_parse(xmlDocPtr *out, const char *data, size_t len, const char *name);

/* Does `node` have local name `local` in namespace `ns`? */
int cdr_xml_is(const xmlNode *node, const char *ns, const char *local);

#endif
