/* refi-internal.h -- the REFI-QDA model shared by the reader, the
 * importer and the writer: what codeer takes from a project.qde or a .qdc,
 * with every GUID kept so that reports can name the element. */
#ifndef CDR_REFI_INTERNAL_H
#define CDR_REFI_INTERNAL_H

#include <stddef.h>

#include "codeer/exchange.h"
#include "util/buf.h"

#define REFI_NS_PROJECT "urn:QDA-XML:project:1.0"
#define REFI_NS_CODEBOOK "urn:QDA-XML:codebook:1.0"

struct refi_code {
	char *guid, *name, *desc, *color;  /* color: "#rrggbb" or NULL */
	int codable;
	long parent;                       /* index, -1 at the top */
	char **notes;                      /* NoteRef targets */
	size_t nnotes;
};

struct refi_user { char *guid, *name, *id; };

struct refi_var { char *guid, *name, *type; };

struct refi_value { char *var; char *value; };  /* var: the Variable's GUID */

struct refi_case {
	char *guid, *name, *desc;
	struct refi_value *values;
	size_t nvalues;
	char **sources;                    /* SourceRef targets */
	size_t nsources;
};

struct refi_coding { char *guid, *code, *user, *created; char **notes; size_t nnotes; };

struct refi_sel {
	char *guid, *user, *created, *desc;
	char *start_s, *end_s;             /* as written, checked when mapped */
	struct refi_coding *codings;
	size_t ncodings;
	char **notes;
	size_t nnotes;
};

struct refi_source {
	char *guid, *name, *kind;          /* kind: element name (TextSource, PDFSource, ...) */
	char *path, *rich_path, *content;  /* plainTextPath, richTextPath, PlainTextContent */
	char *desc, *created;              /* created: creationDateTime as written */
	struct refi_sel *sels;
	size_t nsels;
	struct refi_value *values;
	size_t nvalues;
	char **notes;
	size_t nnotes;
	size_t nother;                     /* selections of other kinds (PictureSelection, ...) */
};

struct refi_note { char *guid, *name, *content, *path, *time; int used; };  /* time: modified, else created */

struct refi_set { char *guid, *name, *desc; char **codes; size_t ncodes; size_t nother; };

typedef struct refi_model {
	cdr_refi_kind kind;
	char *name, *origin;
	struct refi_user *users;   size_t nusers;
	struct refi_code *codes;   size_t ncodes;
	struct refi_var *vars;     size_t nvars;
	struct refi_case *cases;   size_t ncases;
	struct refi_source *sources; size_t nsources;
	struct refi_note *notes;   size_t nnotes;
	struct refi_set *sets;     size_t nsets;
	char **project_notes;      size_t nproject_notes;
	size_t ngraphs, nlinks;
} refi_model;

/* refi-read.c: XML text to the model (no disk access). */
int refi_model_parse(refi_model **out, const char *xml, size_t len, const char *name);
void refi_model_free(refi_model *m);
long refi_find_code(const refi_model *m, const char *guid);
long refi_find_user(const refi_model *m, const char *guid);
long refi_find_note(const refi_model *m, const char *guid);
long refi_find_var(const refi_model *m, const char *guid);
long refi_find_source(const refi_model *m, const char *guid);

/* refi-util.c */
/* A GUID made from a name: the same name gives the same GUID, so an export is reproducible. */
void refi_guid(char out[37], const char *kind, const char *name);
int refi_put_text(cdr_buf *b, const char *s);       /* XML-escaped character data */
int refi_put_attr(cdr_buf *b, const char *name, const char *value); /* ` name="value"` */
/* An id for codeer ([A-Za-z0-9][A-Za-z0-9._-]*) from a name; `fallback` when nothing is left. */
char *refi_slug(const char *name, const char *fallback, size_t max);
/* Description of a code from its definition and criteria, and back. */
char *refi_code_description(const char *definition, const char *include, const char *exclude, const char *example,
			    const char *label);
int refi_code_description_split(const char *desc, const char *label, char **definition, char **include,
				char **exclude, char **example);
/* A dateTime codeer writes and keeps: YYYY-MM-DDThh:mm:ss, optionally Z. */
int refi_is_datetime(const char *s);
/* Such a dateTime as seconds since 1970 (no Z is taken as UTC too), and back ("...Z"). */
long long refi_datetime_seconds(const char *s);
void refi_datetime_format(char out[32], long long seconds);
/* Infer a REFI variable type from a column of values. */
const char *refi_value_type(const char *const *values, size_t n);
/* A coder name from a user name ([A-Za-z0-9_.-], not starting with '.'). */
char *refi_coder_name(const char *name);

/* refi-zip.c */
struct refi_zip_member { char *name; size_t size; };
/* List a zip's members, refusing unsafe names, links, too many members and bombs. */
int refi_zip_list(struct refi_zip_member **out, size_t *n, const char *bytes, size_t len, const char *name);
void refi_zip_list_free(struct refi_zip_member *m, size_t n);
/* Build a zip in memory from named buffers (stored in that order, fixed times). */
int refi_zip_build(char **out, size_t *out_len, const char *const *names, const char *const *data,
		   const size_t *lens, size_t n);

#endif
