/* refi-write.c -- a codeer project as REFI-QDA: the codebook (.qdc) and
 * the whole project (.qdpx: project.qde plus sources/<guid>.txt).
 *
 * What maps to what (docs/exchange.md has the full table):
 *   code            Code: name = label, color = colour, Description = the
 *                   definition with "Include:", "Exclude:" and "Example:"
 *                   paragraphs (refi-util.c), memo as a Note
 *   scheme          Set of all its codes (name = title, Description)
 *   coder           User (name and id = the coder)
 *   document        TextSource, its normalised text as the plain text,
 *                   name = the original file name, creationDateTime =
 *                   when it was added, memo as Description
 *   coding          PlainTextSelection with one Coding, creatingUser =
 *                   the coder, memo as the selection's Description;
 *                   rejected codings are left out
 *   case            Case with SourceRefs, attributes as VariableValues,
 *                   memo as Description
 *   attribute       Variable, its type inferred from its values
 * The source text is codeer's own (LF, NFC, no byte-order mark), so a
 * REFI position is the codeer offset itself.
 *
 * GUIDs are made from codeer's ids (refi_guid), so exporting the same
 * project twice gives the same bytes. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "codeer/codeer.h"
#include "codeer/exchange.h"
#include "exchange/refi-internal.h"
#include "util/alloc.h"
#include "util/fileio.h"

#define ORIGIN "codeer " CODEER_VERSION

struct exporter {
	cdr_project *p;
	cdr_schemes *set;
	size_t *order;          /* schemes in export order */
	char **coders;
	size_t ncoders;
	cdr_codings **codings;  /* per coder */
	cdr_buf b;
	int rc;
};

static void put(struct exporter *x, const char *s)
{
	if (x->rc == 0 && cdr_buf_puts(&x->b, s) < 0)
		x->rc = CDR_ENOMEM;
}

static void put_attr(struct exporter *x, const char *name, const char *value)
{
	if (x->rc == 0 && refi_put_attr(&x->b, name, value) < 0)
		x->rc = CDR_ENOMEM;
}

static void put_text(struct exporter *x, const char *s)
{
	if (x->rc == 0 && refi_put_text(&x->b, s) < 0)
		x->rc = CDR_ENOMEM;
}

static void put_guid(struct exporter *x, const char *attr, const char *kind, const char *name)
{
	char g[37];

	refi_guid(g, kind, name);
	put_attr(x, attr, g);
}

static void put_element_text(struct exporter *x, const char *indent, const char *el, const char *text)
{
	put(x, indent);
	put(x, "<");
	put(x, el);
	put(x, ">");
	put_text(x, text);
	put(x, "</");
	put(x, el);
	put(x, ">\n");
}

static void indent(struct exporter *x, size_t depth)
{
	for (size_t i = 0; i < depth; i++)
		put(x, "\t");
}

/* A memo without its trailing line break (files end in one). */
static char *memo_of(struct exporter *x, cdr_memo_kind kind, const char *id)
{
	char *m = NULL;
	int rc;
	size_t n;

	if (x->rc < 0)
		return NULL;
	if ((rc = cdr_memo_get(&m, x->p, kind, id)) < 0) {
		x->rc = rc;
		return NULL;
	}
	if (m == NULL)
		return NULL;
	for (n = strlen(m); n > 0 && (m[n - 1] == '\n' || m[n - 1] == ' ' || m[n - 1] == '\t');)
		m[--n] = '\0';
	if (n == 0) {
		free(m);
		return NULL;
	}
	return m;
}

static void put_code(struct exporter *x, const cdr_scheme *s, size_t i, size_t depth, int notes)
{
	const cdr_code *c = cdr_scheme_code(s, i);
	char *desc, *memo = NULL;

	indent(x, depth);
	put(x, "<Code");
	put_guid(x, "guid", "code", c->qualified);
	put_attr(x, "name", c->label);
	put_attr(x, "isCodable", "true");
	if (c->colour && *c->colour)
		put_attr(x, "color", c->colour);
	put(x, ">\n");
	if ((desc = refi_code_description(c->definition, c->include, c->exclude, c->example, c->label)) == NULL) {
		x->rc = CDR_ENOMEM;
		return;
	}
	if (*desc) {
		indent(x, depth + 1);
		put_element_text(x, "", "Description", desc);
	}
	free(desc);
	if (notes && (memo = memo_of(x, CDR_MEMO_CODE, c->qualified)) != NULL) {
		indent(x, depth + 1);
		put(x, "<NoteRef");
		put_guid(x, "targetGUID", "note-code", c->qualified);
		put(x, "/>\n");
		free(memo);
	}
	for (size_t k = i + 1; k < cdr_scheme_code_count(s) && cdr_scheme_code(s, k)->depth > c->depth; k++)
		if (cdr_scheme_code(s, k)->parent == (long)i)
			put_code(x, s, k, depth + 1, notes);
	indent(x, depth);
	put(x, "</Code>\n");
}

/* Schemes in the order of the ids an import gives them (made from their
 * titles), then by id: so export, import, export keeps the order. */
static _Thread_local const cdr_schemes *sort_set;

static int cmp_scheme(const void *a, const void *b)
{
	const cdr_scheme *x = cdr_schemes_get(sort_set, *(const size_t *)a);
	const cdr_scheme *y = cdr_schemes_get(sort_set, *(const size_t *)b);
	char *sx = refi_slug(cdr_scheme_title(x), "codes", 40), *sy = refi_slug(cdr_scheme_title(y), "codes", 40);
	int c = sx && sy ? strcmp(sx, sy) : 0;

	free(sx);
	free(sy);
	return c ? c : strcmp(cdr_scheme_id(x), cdr_scheme_id(y));
}

static int order_schemes(struct exporter *x)
{
	size_t n = cdr_schemes_count(x->set);

	if ((x->order = cdr_calloc(n + 1, sizeof(size_t))) == NULL)
		return x->rc = CDR_ENOMEM;
	for (size_t i = 0; i < n; i++)
		x->order[i] = i;
	sort_set = x->set;
	qsort(x->order, n, sizeof(size_t), cmp_scheme);
	sort_set = NULL;
	return 0;
}

static void put_codes(struct exporter *x, size_t depth, int notes)
{
	indent(x, depth);
	put(x, "<Codes>\n");
	for (size_t si = 0; si < cdr_schemes_count(x->set); si++) {
		const cdr_scheme *s = cdr_schemes_get(x->set, x->order[si]);
		for (size_t i = 0; i < cdr_scheme_code_count(s); i++)
			if (cdr_scheme_code(s, i)->parent < 0)
				put_code(x, s, i, depth + 1, notes);
	}
	indent(x, depth);
	put(x, "</Codes>\n");
}

/* A codebook's MemberCode names its code with guid, a project's with targetGUID. */
static void put_sets(struct exporter *x, size_t depth, const char *member_attr)
{
	indent(x, depth);
	put(x, "<Sets>\n");
	for (size_t si = 0; si < cdr_schemes_count(x->set); si++) {
		const cdr_scheme *s = cdr_schemes_get(x->set, x->order[si]);
		const char *d = cdr_scheme_description(s);
		indent(x, depth + 1);
		put(x, "<Set");
		put_guid(x, "guid", "set", cdr_scheme_id(s));
		put_attr(x, "name", cdr_scheme_title(s));
		put(x, ">\n");
		if (d && *d) {
			indent(x, depth + 2);
			put_element_text(x, "", "Description", d);
		}
		for (size_t i = 0; i < cdr_scheme_code_count(s); i++) {
			indent(x, depth + 2);
			put(x, "<MemberCode");
			put_guid(x, member_attr, "code", cdr_scheme_code(s, i)->qualified);
			put(x, "/>\n");
		}
		indent(x, depth + 1);
		put(x, "</Set>\n");
	}
	indent(x, depth);
	put(x, "</Sets>\n");
}

static void exporter_free(struct exporter *x)
{
	for (size_t i = 0; i < x->ncoders && x->codings; i++)
		cdr_codings_free(x->codings[i]);
	free(x->codings);
	free(x->order);
	cdr_coders_free(x->coders, x->ncoders);
	cdr_schemes_free(x->set);
	cdr_buf_free(&x->b);
}

int cdr_refi_codebook_xml(char **out, size_t *len, const cdr_project *p)
{
	struct exporter x = { (cdr_project *)p, NULL, NULL, NULL, 0, NULL, CDR_BUF_INIT, 0 };

	*out = NULL;
	if ((x.rc = cdr_schemes_load(&x.set, p)) < 0 || order_schemes(&x) < 0) {
		exporter_free(&x);
		return x.rc;
	}
	if (cdr_schemes_count(x.set) == 0) {
		exporter_free(&x);
		return cdr_error_set(CDR_ENOTFOUND, "the project has no code scheme: there is no codebook to export");
	}
	put(&x, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<CodeBook xmlns=\"" REFI_NS_CODEBOOK "\"");
	put_attr(&x, "origin", ORIGIN);
	put(&x, ">\n");
	put_codes(&x, 1, 0);
	put_sets(&x, 1, "guid");
	put(&x, "</CodeBook>\n");
	if (x.rc == 0)
		x.rc = cdr_refi_validate(x.b.data, x.b.len, CDR_REFI_CODEBOOK, "the exported codebook");
	if (x.rc == 0)
		*out = cdr_buf_detach(&x.b, len);
	exporter_free(&x);
	return x.rc;
}

/* ---- the project ------------------------------------------------------------ */

struct ref { const cdr_coding *k; size_t coder; };

static int cmp_ref(const void *a, const void *b)
{
	const struct ref *x = a, *y = b;
	int c = strcmp(x->k->doc, y->k->doc);

	if (c)
		return c;
	if (x->coder != y->coder)
		return x->coder < y->coder ? -1 : 1;
	if (x->k->start != y->k->start)
		return x->k->start < y->k->start ? -1 : 1;
	if (x->k->end != y->k->end)
		return x->k->end < y->k->end ? -1 : 1;
	return strcmp(x->k->code, y->k->code);
}

/* xsd:dateTime as codeer writes it: YYYY-MM-DDThh:mm:ss with an optional Z. */
/* A code memo's Note gets the time its file was last written as
 * modifiedDateTime: QualCoder refuses a Note with neither date, and
 * codeer keeps no other time for a memo (an import sets the file's time
 * back, so export, import, export keeps it). */
static void put_memo_time(struct exporter *x, const char *qualified)
{
	char *path = cdr_malloc(strlen(cdr_project_path(x->p)) + strlen(qualified) + 32), when[32];
	struct stat st;

	if (path == NULL) {
		x->rc = CDR_ENOMEM;
		return;
	}
	sprintf(path, "%s/memos/code/%s.md", cdr_project_path(x->p), qualified);
	if (stat(path, &st) == 0) {
		refi_datetime_format(when, (long long)st.st_mtime);
		put_attr(x, "modifiedDateTime", when);
	}
	free(path);
}

static void put_selection(struct exporter *x, const struct ref *r)
{
	const cdr_coding *k = r->k;
	const char *coder = x->coders[r->coder];
	char key[64];
	cdr_buf name = CDR_BUF_INIT;

	snprintf(key, sizeof(key), "%zu\t%zu\t", k->start, k->end);
	if (cdr_buf_printf(&name, "%s\t%s\t%s%s", coder, k->doc, key, k->code) < 0) {
		x->rc = CDR_ENOMEM;
		return;
	}
	put(x, "\t\t\t<PlainTextSelection");
	put_guid(x, "guid", "selection", name.data);
	snprintf(key, sizeof(key), "%zu", k->start);
	put_attr(x, "startPosition", key);
	snprintf(key, sizeof(key), "%zu", k->end);
	put_attr(x, "endPosition", key);
	put_guid(x, "creatingUser", "user", coder);
	if (refi_is_datetime(k->created))
		put_attr(x, "creationDateTime", k->created);
	put(x, ">\n");
	if (k->memo && *k->memo)
		put_element_text(x, "\t\t\t\t", "Description", k->memo);
	put(x, "\t\t\t\t<Coding");
	put_guid(x, "guid", "coding", name.data);
	put_guid(x, "creatingUser", "user", coder);
	if (refi_is_datetime(k->created))
		put_attr(x, "creationDateTime", k->created);
	put(x, ">\n\t\t\t\t\t<CodeRef");
	put_guid(x, "targetGUID", "code", k->code);
	put(x, "/>\n\t\t\t\t</Coding>\n\t\t\t</PlainTextSelection>\n");
	cdr_buf_free(&name);
}

/* The project.qde; with `texts`, also each source's text and member name. */
static int project_xml(struct exporter *x, char ***texts, size_t **text_lens, char ***members)
{
	cdr_cases *cases = cdr_project_cases(x->p);
	size_t ndocs = cdr_project_doc_count(x->p), nrefs = 0, r = 0, nattrs = cdr_cases_attr_count(cases);
	struct ref *refs = NULL;
	int any_memo = 0;

	if ((x->rc = cdr_schemes_load(&x->set, x->p)) < 0 || order_schemes(x) < 0 ||
	    (x->rc = cdr_coders_list(&x->coders, &x->ncoders, x->p)) < 0)
		return x->rc;
	if ((x->codings = cdr_calloc(x->ncoders + 1, sizeof(*x->codings))) == NULL)
		return x->rc = CDR_ENOMEM;
	for (size_t i = 0; i < x->ncoders; i++) {
		if ((x->rc = cdr_codings_load(&x->codings[i], x->p, x->coders[i], NULL, NULL)) < 0)
			return x->rc;
		nrefs += cdr_codings_count(x->codings[i]);
	}
	if ((refs = cdr_calloc(nrefs + 1, sizeof(*refs))) == NULL)
		return x->rc = CDR_ENOMEM;
	nrefs = 0;
	for (size_t i = 0; i < x->ncoders; i++)
		for (size_t j = 0; j < cdr_codings_count(x->codings[i]); j++) {
			const cdr_coding *k = cdr_codings_get(x->codings[i], j);
			if (k->status && strcmp(k->status, "rejected") == 0)
				continue;
			refs[nrefs].k = k;
			refs[nrefs++].coder = i;
		}
	qsort(refs, nrefs, sizeof(*refs), cmp_ref);

	put(x, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Project xmlns=\"" REFI_NS_PROJECT "\"");
	put_attr(x, "name", cdr_project_name(x->p) ? cdr_project_name(x->p) : "codeer");
	put_attr(x, "origin", ORIGIN);
	put(x, ">\n");
	if (x->ncoders > 0) {
		put(x, "\t<Users>\n");
		for (size_t i = 0; i < x->ncoders; i++) {
			put(x, "\t\t<User");
			put_guid(x, "guid", "user", x->coders[i]);
			put_attr(x, "name", x->coders[i]);
			/* the coder's name is its id in codeer: an import takes it back from id */
			put_attr(x, "id", x->coders[i]);
			put(x, "/>\n");
		}
		put(x, "\t</Users>\n");
	}
	if (cdr_schemes_count(x->set) > 0) {
		put(x, "\t<CodeBook>\n");
		put_codes(x, 2, 1);
		put(x, "\t</CodeBook>\n");
	}
	if (nattrs > 0) {
		put(x, "\t<Variables>\n");
		for (size_t a = 0; a < nattrs && x->rc == 0; a++) {
			size_t nc = cdr_cases_count(cases);
			const char **vals = cdr_calloc(nc + 1, sizeof(*vals));
			if (vals == NULL) {
				x->rc = CDR_ENOMEM;
				break;
			}
			for (size_t c = 0; c < nc; c++)
				vals[c] = cdr_cases_attr(cases, c, a);
			put(x, "\t\t<Variable");
			put_guid(x, "guid", "variable", cdr_cases_attr_name(cases, a));
			put_attr(x, "name", cdr_cases_attr_name(cases, a));
			put_attr(x, "typeOfVariable", refi_value_type(vals, nc));
			put(x, "/>\n");
			free(vals);
		}
		put(x, "\t</Variables>\n");
	}
	if (cdr_cases_count(cases) > 0) {
		put(x, "\t<Cases>\n");
		for (size_t c = 0; c < cdr_cases_count(cases) && x->rc == 0; c++) {
			const char *id = cdr_cases_id(cases, c);
			char *memo = memo_of(x, CDR_MEMO_CASE, id);
			put(x, "\t\t<Case");
			put_guid(x, "guid", "case", id);
			put_attr(x, "name", id);
			put(x, ">\n");
			if (memo)
				put_element_text(x, "\t\t\t", "Description", memo);
			free(memo);
			for (size_t a = 0; a < nattrs; a++) {
				const char *v = cdr_cases_attr(cases, c, a), *type;
				const char **vals;
				size_t nc = cdr_cases_count(cases);
				char el[32];
				if (*v == '\0')
					continue;
				if ((vals = cdr_calloc(nc + 1, sizeof(*vals))) == NULL) {
					x->rc = CDR_ENOMEM;
					break;
				}
				for (size_t k = 0; k < nc; k++)
					vals[k] = cdr_cases_attr(cases, k, a);
				type = refi_value_type(vals, nc);
				free(vals);
				snprintf(el, sizeof(el), "%sValue", type);
				put(x, "\t\t\t<VariableValue>\n\t\t\t\t<VariableRef");
				put_guid(x, "targetGUID", "variable", cdr_cases_attr_name(cases, a));
				put(x, "/>\n");
				put_element_text(x, "\t\t\t\t", el, v);
				put(x, "\t\t\t</VariableValue>\n");
			}
			for (size_t d = 0; d < cdr_cases_doc_count(cases, c); d++) {
				put(x, "\t\t\t<SourceRef");
				put_guid(x, "targetGUID", "source", cdr_cases_doc(cases, c, d));
				put(x, "/>\n");
			}
			put(x, "\t\t</Case>\n");
		}
		put(x, "\t</Cases>\n");
	}
	if (ndocs > 0 && texts) {
		if ((*texts = cdr_calloc(ndocs, sizeof(char *))) == NULL || (*members = cdr_calloc(ndocs, sizeof(char *))) == NULL ||
		    (*text_lens = cdr_calloc(ndocs, sizeof(size_t))) == NULL)
			x->rc = CDR_ENOMEM;
	}
	if (ndocs > 0) {
		put(x, "\t<Sources>\n");
		for (size_t d = 0; d < ndocs && x->rc == 0; d++) {
			const char *id = cdr_project_doc_id(x->p, d);
			cdr_document *doc = NULL;
			char g[37], *memo;
			const cdr_document_info *info;
			int rc;
			if ((rc = cdr_project_doc_load(&doc, x->p, id, texts != NULL)) < 0) {
				x->rc = rc;
				break;
			}
			info = cdr_document_info_get(doc);
			refi_guid(g, "source", id);
			if (texts) {
				size_t len;
				const char *t = cdr_document_text(doc, &len);
				char path[64];
				snprintf(path, sizeof(path), "sources/%s.txt", g);
				if (((*texts)[d] = cdr_strndup(t, len)) == NULL || ((*members)[d] = cdr_strdup(path)) == NULL)
					x->rc = CDR_ENOMEM;
				(*text_lens)[d] = len;
			}
			put(x, "\t\t<TextSource");
			put_attr(x, "guid", g);
			put_attr(x, "name", info->original && *info->original ? info->original : id);
			{
				char path[64];
				snprintf(path, sizeof(path), "internal://%s.txt", g);
				put_attr(x, "plainTextPath", path);
			}
			if (refi_is_datetime(info->added))
				put_attr(x, "creationDateTime", info->added);
			put(x, ">\n");
			cdr_document_free(doc);
			if ((memo = memo_of(x, CDR_MEMO_DOC, id)) != NULL)
				put_element_text(x, "\t\t\t", "Description", memo);
			free(memo);
			/* documents come in natural order, the codings in strcmp order */
			{
				size_t lo = 0, hi = nrefs;
				while (lo < hi) {
					size_t mid = lo + (hi - lo) / 2;
					if (strcmp(refs[mid].k->doc, id) < 0)
						lo = mid + 1;
					else
						hi = mid;
				}
				r = lo;
			}
			for (; r < nrefs && strcmp(refs[r].k->doc, id) == 0 && x->rc == 0; r++)
				put_selection(x, &refs[r]);
			put(x, "\t\t</TextSource>\n");
		}
		put(x, "\t</Sources>\n");
	}
	/* code memos are Notes (a Code has no Description left for them) */
	for (size_t si = 0; si < cdr_schemes_count(x->set) && x->rc == 0; si++) {
		const cdr_scheme *s = cdr_schemes_get(x->set, si);
		for (size_t i = 0; i < cdr_scheme_code_count(s) && x->rc == 0; i++) {
			const cdr_code *c = cdr_scheme_code(s, i);
			char *memo = memo_of(x, CDR_MEMO_CODE, c->qualified);
			if (memo == NULL)
				continue;
			if (!any_memo)
				put(x, "\t<Notes>\n");
			any_memo = 1;
			put(x, "\t\t<Note");
			put_guid(x, "guid", "note-code", c->qualified);
			put_attr(x, "name", c->label);
			put_memo_time(x, c->qualified);
			put(x, ">\n");
			put_element_text(x, "\t\t\t", "PlainTextContent", memo);
			put(x, "\t\t</Note>\n");
			free(memo);
		}
	}
	if (any_memo)
		put(x, "\t</Notes>\n");
	if (cdr_schemes_count(x->set) > 0)
		put_sets(x, 1, "targetGUID");
	put(x, "</Project>\n");
	free(refs);
	return x->rc;
}

int cdr_refi_project_xml(char **out, size_t *len, const cdr_project *p)
{
	struct exporter x = { (cdr_project *)p, NULL, NULL, NULL, 0, NULL, CDR_BUF_INIT, 0 };
	int rc;

	*out = NULL;
	if ((rc = project_xml(&x, NULL, NULL, NULL)) == 0)
		rc = cdr_refi_validate(x.b.data, x.b.len, CDR_REFI_PROJECT, "the exported project.qde");
	if (rc == 0)
		*out = cdr_buf_detach(&x.b, len);
	exporter_free(&x);
	return rc;
}

int cdr_refi_export_qdc(const cdr_project *p, const char *path)
{
	char *xml = NULL;
	size_t len = 0;
	int rc = cdr_refi_codebook_xml(&xml, &len, p);

	if (rc == 0)
		rc = cdr_file_write_atomic(path, xml, len);
	free(xml);
	return rc;
}

int cdr_refi_export_qdpx(const cdr_project *p, const char *path)
{
	struct exporter x = { (cdr_project *)p, NULL, NULL, NULL, 0, NULL, CDR_BUF_INIT, 0 };
	size_t ndocs = cdr_project_doc_count(p), n = 0;
	char **texts = NULL, **members = NULL, *zip = NULL;
	size_t *lens = NULL, zip_len = 0;
	const char **names = NULL, **data = NULL;
	size_t *sizes = NULL;
	int rc;

	if ((rc = project_xml(&x, &texts, &lens, &members)) == 0)
		rc = cdr_refi_validate(x.b.data, x.b.len, CDR_REFI_PROJECT, "the exported project.qde");
	if (rc == 0 && ((names = cdr_calloc(ndocs + 1, sizeof(*names))) == NULL ||
			(data = cdr_calloc(ndocs + 1, sizeof(*data))) == NULL ||
			(sizes = cdr_calloc(ndocs + 1, sizeof(*sizes))) == NULL))
		rc = CDR_ENOMEM;
	if (rc == 0) {
		names[n] = "project.qde";
		data[n] = x.b.data;
		sizes[n++] = x.b.len;
		for (size_t d = 0; d < ndocs; d++) {
			names[n] = members[d];
			data[n] = texts[d];
			sizes[n++] = lens[d];
		}
		rc = refi_zip_build(&zip, &zip_len, names, data, sizes, n);
	}
	if (rc == 0)
		rc = cdr_file_write_atomic(path, zip, zip_len);
	for (size_t d = 0; d < ndocs; d++) {
		if (texts)
			free(texts[d]);
		if (members)
			free(members[d]);
	}
	free(texts);
	free(members);
	free(lens);
	free(names);
	free(data);
	free(sizes);
	free(zip);
	exporter_free(&x);
	return rc;
}
