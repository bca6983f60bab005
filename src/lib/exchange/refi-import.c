/* refi-import.c -- a REFI-QDA .qdpx as a new codeer project, and a .qdc
 * as new schemes of a project.
 *
 * All or nothing. A .qdpx becomes a project in a temporary directory
 * beside the target, through the same library calls every command uses
 * (cdr_project_init, cdr_schemes_install_checked, cdr_project_add, ...),
 * and is renamed into place only when everything is in; on any error the
 * temporary directory is removed. Nothing of the archive is extracted:
 * members are read into memory with a size limit (ingest/zipread.c).
 *
 * The codebook: each Set whose members are exactly some whole top-level
 * code trees becomes a scheme (title = the set's name); the trees no such
 * set claims form one more scheme, titled after the project or file.
 * Scheme and code ids are made from names (refi_slug); codeer's own
 * export orders schemes by that id, so its round trips are exact.
 *
 * Positions are mapped by refi-pos.c; a selection with no exact place is
 * reported with its GUID and left out, never moved. */
/* nftw */
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "codeer/codeer.h"
#include "codeer/exchange.h"
#include "exchange/refi-internal.h"
#include "ingest/zipread.h"
#include "project/meta.h"
#include "util/alloc.h"
#include "util/fileio.h"

struct importer {
	const char *file;       /* the file's name for messages */
	const char *base;       /* its base name, for the origin of codings */
	refi_model *m;
	const char *zip;        /* the archive, or NULL for a .qdc */
	size_t zip_len;
	struct refi_zip_member *members;
	size_t nmembers;
	char **qualified;       /* per model code: "scheme/code" */
	char **scheme_ids;      /* the schemes made */
	size_t nschemes;
	char **doc_ids;         /* per model source: the document id, or NULL */
	cdr_refi_posmap **maps; /* per model source */
	cdr_refi_report_fn report;
	void *ctx;
	cdr_refi_stats *stats;
	int rules;              /* how the writing program counts: CDR_REFI_CRLF_ONE, CDR_REFI_UTF16 */
};

static void say(struct importer *im, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct importer *im, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	int k = snprintf(msg, sizeof(msg), "%s: ", im->file);

	va_start(ap, fmt);
	vsnprintf(msg + k, sizeof(msg) - (size_t)k, fmt, ap);
	va_end(ap);
	im->stats->left_out++;
	if (im->report)
		im->report(im->ctx, msg);
}

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

/* One line of text: TAB, CR and LF become spaces, ends trimmed. */
static char *one_line(const char *s)
{
	char *r = cdr_strdup(s ? s : ""), *a;
	size_t n;

	if (r == NULL)
		return NULL;
	for (char *p = r; *p; p++)
		if (*p == '\t' || *p == '\n' || *p == '\r')
			*p = ' ';
	for (a = r; *a == ' '; a++)
		;
	memmove(r, a, strlen(a) + 1);
	for (n = strlen(r); n > 0 && r[n - 1] == ' ';)
		r[--n] = '\0';
	return r;
}

static char *trim_copy(const char *s)
{
	size_t n;

	s = s ? s : "";
	while (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	return cdr_strndup(s, n);
}

/* ---- reading from the archive ----------------------------------------------- */

/* The member an internal:// path names (sources/ in any case). */
static const char *member_for(struct importer *im, const char *path)
{
	const char *file;

	if (path == NULL || strncmp(path, "internal://", 11) != 0)
		return NULL;
	file = path + 11;
	for (size_t i = 0; i < im->nmembers; i++) {
		const char *n = im->members[i].name;
		if (strncasecmp(n, "sources/", 8) == 0 && strcmp(n + 8, file) == 0)
			return n;
	}
	return NULL;
}

static int read_member(struct importer *im, char **out, size_t *len, const char *member)
{
	return cdr_zip_read_member(out, len, im->zip, im->zip_len, member, CDR_REFI_MAX_XML, im->file);
}

/* The text of a source or a note: inline, or an internal file. */
static int text_of(struct importer *im, char **out, size_t *len, const char *content, const char *path,
		   const char *what, const char *guid, const char *tail)
{
	const char *member;

	*out = NULL;
	if (content) {
		*len = strlen(content);
		return (*out = cdr_strdup(content)) ? 0 : CDR_ENOMEM;
	}
	if (path == NULL)
		return 0;
	if ((member = member_for(im, path)) == NULL) {
		say(im, "%s %s: its text '%s' is not inside the archive (codeer reads no file outside it); left out%s",
		    what, guid, path, tail);
		return 0;
	}
	return read_member(im, out, len, member);
}

/* Only white space, as `codeer add` sees it: such a text is not added. */
static int blank(const char *t, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (t[i] != ' ' && t[i] != '\n' && t[i] != '\t')
			return 0;
	return 1;
}

/* What goes with a source that is left out, for the message: its
 * selections, which would otherwise vanish without a word. */
static const char *with_selections(char buf[64], const struct refi_source *s)
{
	size_t n = s->nsels + s->nother;

	if (n == 0)
		return "";
	snprintf(buf, 64, " with its %zu selection%s", n, n == 1 ? "" : "s");
	return buf;
}

/* ---- the codebook --------------------------------------------------------------- */

static long root_of(const refi_model *m, long i)
{
	while (m->codes[i].parent >= 0)
		i = m->codes[i].parent;
	return i;
}

static int valid_colour(const char *c, char out[8])
{
	size_t n = c ? strlen(c) : 0;

	if (n != 4 && n != 7)
		return 0;
	if (c[0] != '#' || strspn(c + 1, "0123456789abcdefABCDEF") != n - 1)
		return 0;
	if (n == 7) {
		memcpy(out, c, 8);
	} else {
		/* #rgb is #rrggbb */
		out[0] = '#';
		for (int i = 0; i < 3; i++)
			out[1 + 2 * i] = out[2 + 2 * i] = c[1 + i];
		out[7] = '\0';
	}
	return 1;
}

static int put_el(cdr_buf *b, const char *indent, const char *el, const char *text)
{
	if (text == NULL || *text == '\0')
		return 0;
	if (cdr_buf_printf(b, "%s<%s>", indent, el) < 0 || refi_put_text(b, text) < 0 ||
	    cdr_buf_printf(b, "</%s>\n", el) < 0)
		return CDR_ENOMEM;
	return 0;
}

/* *id (made from name by refi_slug) unique among taken: a name already
 * taken gets -2, -3, ... after its first 36 characters, so that an id
 * stays within 40 and never grows a second suffix. */
static int make_unique(char **id, const char *name, const char *fallback, char *const *taken, size_t ntaken)
{
	char *base = NULL;

	for (size_t n = 2;; n++) {
		size_t k;
		for (k = 0; k < ntaken && strcmp(taken[k], *id) != 0; k++)
			;
		if (k == ntaken)
			break;
		if (base == NULL && (base = refi_slug(name, fallback, 36)) == NULL)
			return CDR_ENOMEM;
		free(*id);
		if ((*id = cdr_malloc(strlen(base) + 24)) == NULL) {
			free(base);
			return CDR_ENOMEM;
		}
		sprintf(*id, "%s-%zu", base, n);
	}
	free(base);
	return 0;
}

/* Write code i and its subtree into the scheme XML. */
static int scheme_code(struct importer *im, cdr_buf *b, long i, const char *scheme, char ***ids, size_t *nids,
		       size_t depth)
{
	const refi_model *m = im->m;
	const struct refi_code *c = &m->codes[i];
	char *label = one_line(c->name), *id = NULL, *def = NULL, *inc = NULL, *exc = NULL, *ex = NULL;
	char colour[8], ind[64];
	int rc = CDR_ENOMEM;

	if (label == NULL)
		return CDR_ENOMEM;
	if ((id = refi_slug(label, "code", 40)) == NULL)
		goto done;
	if (*label == '\0') {
		free(label);
		if ((label = cdr_strdup(id)) == NULL)
			goto done;
	}
	/* unique in the scheme */
	if ((rc = make_unique(&id, label, "code", *ids, *nids)) < 0)
		goto done;
	rc = CDR_ENOMEM;
	{
		char **grown = cdr_realloc(*ids, (*nids + 1) * sizeof(char *));
		if (grown == NULL)
			goto done;
		*ids = grown;
		if ((grown[*nids] = cdr_strdup(id)) == NULL)
			goto done;
		(*nids)++;
	}
	if ((im->qualified[i] = cdr_malloc(strlen(scheme) + strlen(id) + 2)) == NULL)
		goto done;
	sprintf(im->qualified[i], "%s/%s", scheme, id);
	if ((rc = refi_code_description_split(c->desc, label, &def, &inc, &exc, &ex)) < 0)
		goto done;
	rc = CDR_ENOMEM;
	snprintf(ind, sizeof(ind), "%.*s", (int)(depth * 2 < 60 ? depth * 2 : 60),
		 "                                                            ");
	if (cdr_buf_printf(b, "%s<code", ind) < 0 || refi_put_attr(b, "id", id) < 0 ||
	    refi_put_attr(b, "label", label) < 0)
		goto done;
	if (valid_colour(c->color, colour) && refi_put_attr(b, "colour", colour) < 0)
		goto done;
	if (cdr_buf_puts(b, ">\n") < 0)
		goto done;
	{
		char inner[80];
		snprintf(inner, sizeof(inner), "%s  ", ind);
		if (put_el(b, inner, "definition", def) < 0 || put_el(b, inner, "include", inc) < 0 ||
		    put_el(b, inner, "exclude", exc) < 0 || put_el(b, inner, "example", ex) < 0)
			goto done;
	}
	im->stats->codes++;
	for (size_t k = 0; k < m->ncodes; k++)
		if (m->codes[k].parent == i && (rc = scheme_code(im, b, (long)k, scheme, ids, nids, depth + 1)) < 0)
			goto done;
	rc = cdr_buf_printf(b, "%s</code>\n", ind) < 0 ? CDR_ENOMEM : 0;
done:
	free(label), free(id), free(def), free(inc), free(exc), free(ex);
	return rc;
}

/* Which trees each set holds, when it holds whole trees only. */
static int set_is_group(const refi_model *m, const struct refi_set *s, const long *owner, long *roots_out)
{
	size_t members = 0, in_trees = 0;

	for (size_t i = 0; i < m->ncodes; i++)
		roots_out[i] = 0;
	if (s->ncodes == 0)
		return 0;
	for (size_t k = 0; k < s->ncodes; k++) {
		long c = refi_find_code(m, s->codes[k]);
		if (c < 0 || owner[root_of(m, c)] >= 0)
			return 0;
		if (roots_out[c] == 1)
			return 0;  /* named twice */
		roots_out[c] = 1;
		members++;
	}
	/* every code of each tree touched must be a member */
	for (size_t i = 0; i < m->ncodes; i++) {
		long r = root_of(m, (long)i);
		if (roots_out[r] == 0) {
			int touched = 0;
			for (size_t k = 0; k < m->ncodes && !touched; k++)
				touched = roots_out[k] == 1 && root_of(m, (long)k) == r;
			if (touched)
				return 0;
			continue;
		}
		if (roots_out[i] != 1)
			return 0;
		in_trees++;
	}
	return in_trees == members;
}

/* Make the schemes into files under `dir`; their paths into *paths. */
static int make_schemes(struct importer *im, const char *dir, const char *fallback_title, char ***paths, size_t *npaths)
{
	refi_model *m = im->m;
	long *owner = NULL, *marks = NULL;
	size_t ngroups = m->nsets + 1;
	int rc = CDR_ENOMEM;

	*paths = NULL;
	*npaths = 0;
	if (m->ncodes == 0)
		return 0;
	if ((owner = cdr_malloc(m->ncodes * sizeof(long))) == NULL || (marks = cdr_malloc(m->ncodes * sizeof(long))) == NULL ||
	    (im->qualified = cdr_calloc(m->ncodes, sizeof(char *))) == NULL ||
	    (im->scheme_ids = cdr_calloc(ngroups, sizeof(char *))) == NULL || (*paths = cdr_calloc(ngroups, sizeof(char *))) == NULL)
		goto done;
	for (size_t i = 0; i < m->ncodes; i++)
		owner[i] = -1;
	for (size_t s = 0; s < m->nsets; s++) {
		if (m->sets[s].ncodes == 0) {
			/* a document group (MemberSource), a group of notes, or nothing */
			say(im, m->sets[s].nother > 0 ?
				"set '%s' (%s) groups sources or notes, not codes, which codeer has no place for; left out" :
				"set '%s' (%s) is empty; left out",
			    or_empty(m->sets[s].name), or_empty(m->sets[s].guid));
			continue;
		}
		if (!set_is_group(m, &m->sets[s], owner, marks)) {
			say(im, "set '%s' (%s) is not a group of whole code trees, which codeer has no place for; left out",
			    or_empty(m->sets[s].name), or_empty(m->sets[s].guid));
			continue;
		}
		for (size_t i = 0; i < m->ncodes; i++)
			if (marks[i] == 1)
				owner[i] = (long)s;
	}
	/* group g < nsets is set g; g == nsets the trees no set holds */
	for (size_t g = 0; g < ngroups; g++) {
		const char *title = g < m->nsets ? m->sets[g].name : fallback_title;
		const char *desc = g < m->nsets ? m->sets[g].desc : NULL;
		char *t = NULL, *id = NULL, *d = NULL, **ids = NULL, path[4096];
		size_t nids = 0, any = 0;
		cdr_buf b = CDR_BUF_INIT;
		for (size_t i = 0; i < m->ncodes; i++)
			any += m->codes[i].parent < 0 && owner[i] == (g < m->nsets ? (long)g : -1);
		if (any == 0)
			continue;
		if ((t = one_line(title)) == NULL || (d = trim_copy(desc)) == NULL || (id = refi_slug(t, "codes", 40)) == NULL)
			goto group_fail;
		if (*t == '\0') {
			free(t);
			if ((t = cdr_strdup(id)) == NULL)
				goto group_fail;
		}
		if (make_unique(&id, t, "codes", im->scheme_ids, im->nschemes) < 0)
			goto group_fail;
		if (cdr_buf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<scheme xmlns=\"urn:codeer:scheme:1\"") < 0 ||
		    refi_put_attr(&b, "id", id) < 0 || cdr_buf_puts(&b, " version=\"1\">\n") < 0 ||
		    put_el(&b, "  ", "title", t) < 0 || put_el(&b, "  ", "description", d) < 0)
			goto group_fail;
		for (size_t i = 0; i < m->ncodes; i++)
			if (m->codes[i].parent < 0 && owner[i] == (g < m->nsets ? (long)g : -1) &&
			    (rc = scheme_code(im, &b, (long)i, id, &ids, &nids, 1)) < 0)
				goto group_fail;
		rc = CDR_ENOMEM;
		if (cdr_buf_puts(&b, "</scheme>\n") < 0)
			goto group_fail;
		snprintf(path, sizeof(path), "%s/%s.xml", dir, id);
		if ((rc = cdr_file_write_atomic(path, b.data, b.len)) < 0)
			goto group_fail;
		rc = CDR_ENOMEM;
		if (((*paths)[*npaths] = cdr_strdup(path)) == NULL)
			goto group_fail;
		(*npaths)++;
		im->scheme_ids[im->nschemes++] = id;
		id = NULL;
		im->stats->schemes++;
		for (size_t k = 0; k < nids; k++)
			free(ids[k]);
		free(ids), free(t), free(d);
		cdr_buf_free(&b);
		continue;
group_fail:
		for (size_t k = 0; k < nids; k++)
			free(ids[k]);
		free(ids), free(t), free(d), free(id);
		cdr_buf_free(&b);
		goto done;
	}
	rc = 0;
done:
	free(owner);
	free(marks);
	return rc;
}

/* ---- sources, cases, codings, memos ---------------------------------------------- */

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

static void rm_tree(const char *dir)
{
	if (dir && *dir)
		nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

struct added { struct importer *im; const char *const *paths; size_t n; const size_t *src; };

static void on_added(void *ctx, const char *path, const cdr_document *doc)
{
	struct added *a = ctx;

	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->paths[i], path) == 0 && a->im->doc_ids[a->src[i]] == NULL)
			a->im->doc_ids[a->src[i]] = cdr_strdup(cdr_document_info_get(doc)->id);
}

/* The file name a source is added under: its name, made safe for a file. */
static char *file_name_of(const struct refi_source *s)
{
	char *n = one_line(s->name && *s->name ? s->name : s->guid);

	if (n == NULL)
		return NULL;
	for (char *p = n; *p; p++)
		if (*p == '/' || *p == '\\')
			*p = '_';
	if (*n == '\0' || *n == '.') {
		char *g = cdr_malloc(strlen(n) + 8);
		if (g)
			sprintf(g, "source%s", n);
		free(n);
		n = g;
	}
	return n;
}

static char *attr_name_of(const char *name)
{
	char *a = one_line(name);

	if (a == NULL)
		return NULL;
	for (char *p = a; *p; p++)
		if (*p == '=')
			*p = '-';
	if (!cdr_cases_attr_name_valid(a)) {
		char *b = cdr_malloc(strlen(a) + 8);
		if (b)
			sprintf(b, "%s-var", *a ? a : "variable");
		free(a);
		a = b;
	}
	return a;
}

/* "KEY=VALUE" for a value of a variable, or NULL (reported) when it has none. */
static char *attr_pair(struct importer *im, const struct refi_value *v, const char *owner)
{
	long var = refi_find_var(im->m, v->var);
	char *name, *value, *pair;

	if (var < 0) {
		say(im, "%s: a value of variable %s, which the project does not define; left out", owner, or_empty(v->var));
		return NULL;
	}
	if ((name = attr_name_of(im->m->vars[var].name ? im->m->vars[var].name : im->m->vars[var].guid)) == NULL ||
	    (value = one_line(v->value)) == NULL) {
		free(name);
		return NULL;
	}
	if ((pair = cdr_malloc(strlen(name) + strlen(value) + 2)) != NULL)
		sprintf(pair, "%s=%s", name, value);
	free(name);
	free(value);
	return pair;
}

/* A source's creationDateTime becomes the time its document was added, so
 * that import, export, import gives the same .meta byte for byte. The
 * import's project is its own until it is renamed into place, so the
 * .meta is written over directly. */
static int keep_created(struct importer *im, cdr_project *p)
{
	int rc = 0;

	for (size_t s = 0; s < im->m->nsources && rc == 0; s++) {
		const char *id = im->doc_ids[s], *created = im->m->sources[s].created;
		cdr_document *doc = NULL;
		char *meta = NULL, *path = NULL;
		size_t mlen;
		if (id == NULL || !refi_is_datetime(created))
			continue;
		if ((rc = cdr_project_doc_load(&doc, p, id, 1)) == 0 &&
		    (rc = cdr_document_set_info(doc, "added", created)) == 0 &&
		    (rc = cdr_meta_format(&meta, &mlen, doc)) == 0) {
			if ((path = cdr_malloc(strlen(cdr_project_path(p)) + strlen(id) + 16)) == NULL)
				rc = CDR_ENOMEM;
			else {
				sprintf(path, "%s/sources/%s.meta", cdr_project_path(p), id);
				rc = cdr_file_write_atomic(path, meta, mlen);
			}
		}
		free(path);
		free(meta);
		cdr_document_free(doc);
	}
	return rc;
}

static int add_sources(struct importer *im, cdr_project *p, const char *work)
{
	refi_model *m = im->m;
	size_t ns = m->nsources;
	char **paths = cdr_calloc(ns + 1, sizeof(char *));
	size_t *src = cdr_calloc(ns + 1, sizeof(size_t));
	int *in_case = cdr_calloc(ns + 1, sizeof(int));
	int rc = CDR_ENOMEM;
	cdr_cases *cases;
	size_t placeholder;

	/* how the program that wrote the file counts (docs/exchange.md, Positions) */
	im->rules = (m->origin && strstr(m->origin, "ATLAS") ? CDR_REFI_CRLF_ONE : 0) |
		    (m->origin && strstr(m->origin, "NVivo") ? CDR_REFI_UTF16 : 0);
	if (paths == NULL || src == NULL || in_case == NULL ||
	    (im->doc_ids = cdr_calloc(ns + 1, sizeof(char *))) == NULL ||
	    (im->maps = cdr_calloc(ns + 1, sizeof(*im->maps))) == NULL)
		goto done;
	/* each source's text, normalised, in a directory of its own */
	for (size_t i = 0; i < ns; i++) {
		struct refi_source *s = &m->sources[i];
		char *text = NULL, *fname, dir[4096 + 32];
		size_t len = 0;
		const char *t;
		size_t tlen;
		char tail[64], ident[512];
		snprintf(ident, sizeof(ident), "%s '%s'", or_empty(s->guid), or_empty(s->name));
		if (strcmp(s->kind, "TextSource") != 0) {
			say(im, "%s %s '%s': only text sources are imported; left out%s", s->kind, or_empty(s->guid),
			    or_empty(s->name), with_selections(tail, s));
			continue;
		}
		if ((rc = text_of(im, &text, &len, s->content, s->path, "source", ident, with_selections(tail, s))) < 0)
			goto done;
		if (text == NULL) {
			if (s->path == NULL)
				say(im, "source %s '%s' has no plain text (a rich text only); left out%s", or_empty(s->guid),
				    or_empty(s->name), with_selections(tail, s));
			continue;
		}
		{
			char what[512];
			snprintf(what, sizeof(what), "source '%s' (%s)", or_empty(s->name), or_empty(s->guid));
			rc = cdr_refi_posmap_new(&im->maps[i], text, len, im->rules, what);
		}
		free(text);
		if (rc < 0)
			goto done;
		t = cdr_refi_posmap_text(im->maps[i], &tlen);
		if (blank(t, tlen)) {
			/* codeer keeps no document without text (NVivo for Mac exports
			 * a source with no text as a lone line break) */
			say(im, "source %s: its plain text is empty; left out%s", ident, with_selections(tail, s));
			continue;
		}
		rc = CDR_ENOMEM;
		snprintf(dir, sizeof(dir), "%s/s%zu", work, i);
		if (mkdir(dir, 0700) < 0) {
			rc = cdr_error_set(CDR_EIO, "%s: %s", dir, strerror(errno));
			goto done;
		}
		if ((fname = file_name_of(s)) == NULL || (paths[i] = cdr_malloc(strlen(dir) + strlen(fname) + 2)) == NULL) {
			free(fname);
			goto done;
		}
		sprintf(paths[i], "%s/%s", dir, fname);
		free(fname);
		if ((rc = cdr_file_write_atomic(paths[i], t, tlen)) < 0)
			goto done;
	}
	/* the attributes in the order of the Variables, on a case that goes again */
	cases = cdr_project_cases(p);
	if ((rc = cdr_cases_ensure(cases, ".refi-variables", &placeholder)) < 0)
		goto done;
	for (size_t v = 0; v < m->nvars; v++) {
		char *a = attr_name_of(m->vars[v].name ? m->vars[v].name : m->vars[v].guid);
		if (a == NULL) {
			rc = CDR_ENOMEM;
			goto done;
		}
		rc = cdr_cases_set_attr(cases, placeholder, a, "");
		free(a);
		if (rc < 0)
			goto done;
	}
	/* each source belongs to its first case (codeer keeps a document in one) */
	for (size_t c = 0; c < m->ncases; c++) {
		struct refi_case *k = &m->cases[c];
		for (size_t j = 0; j < k->nsources; j++) {
			long s = refi_find_source(m, k->sources[j]);
			if (s < 0) {
				say(im, "case '%s' (%s) names source %s, which the project does not have; left out",
				    or_empty(k->name), or_empty(k->guid), k->sources[j]);
			} else if (in_case[s]) {
				if (in_case[s] != (int)c + 1)
					say(im, "source '%s' is in more than one case; codeer keeps a document in one: kept in its first",
					    or_empty(m->sources[s].name));
			} else {
				in_case[s] = (int)c + 1;
			}
		}
	}
	/* sources in no case first, each its own case named after it; then case
	 * by case, so that cases.tsv keeps their order (and a case with a
	 * source's name and no sources of its own is that source's case) */
	for (size_t c = 0; c <= m->ncases; c++) {
		const char **bp = NULL;
		size_t nb = 0, *bs = NULL;
		char **attrs = NULL, *case_id = NULL;
		size_t nattrs = 0;
		struct refi_case *rc_ = c > 0 ? &m->cases[c - 1] : NULL;
		cdr_add_options opts = { 0 };
		if ((bp = cdr_calloc(ns + 1, sizeof(char *))) == NULL || (bs = cdr_calloc(ns + 1, sizeof(size_t))) == NULL) {
			free(bp);
			rc = CDR_ENOMEM;
			goto done;
		}
		for (size_t s = 0; s < ns; s++)
			if (paths[s] && in_case[s] == (int)c) {
				bs[nb] = s;
				bp[nb++] = paths[s];
			}
		if (rc_) {
			if ((case_id = one_line(rc_->name && *rc_->name ? rc_->name : rc_->guid)) == NULL ||
			    (attrs = cdr_calloc(rc_->nvalues + 1, sizeof(char *))) == NULL) {
				rc = CDR_ENOMEM;
				goto batch_done;
			}
			for (size_t k = 0; k < rc_->nvalues; k++)
				if ((attrs[nattrs] = attr_pair(im, &rc_->values[k], "case")) != NULL)
					nattrs++;
		}
		opts.case_id = case_id;
		opts.attrs = (const char *const *)attrs;
		opts.nattrs = nattrs;
		opts.force = 1;
		opts.ingest.encoding = "UTF-8";
		opts.ingest.format = "txt";
		if (nb > 0) {
			struct added a = { im, bp, nb, bs };
			rc = cdr_project_add(p, bp, nb, &opts, on_added, &a);
		} else if (rc_) {
			size_t ci;
			cases = cdr_project_cases(p);
			rc = cdr_cases_ensure(cases, case_id, &ci);
			for (size_t k = 0; k < nattrs && rc == 0; k++) {
				char *eq = strchr(attrs[k], '=');
				*eq = '\0';
				rc = cdr_cases_set_attr(cases, ci, attrs[k], eq + 1);
				*eq = '=';
			}
			if (rc == 0)
				rc = cdr_project_cases_save(p);
		} else {
			rc = 0;
		}
		if (rc == 0 && rc_ && rc_->desc && *rc_->desc) {
			char *memo = trim_copy(rc_->desc);
			rc = memo ? cdr_memo_set(p, CDR_MEMO_CASE, case_id, memo, 0) : CDR_ENOMEM;
			im->stats->memos += rc == 0 && memo && *memo;
			free(memo);
		}
		if (rc == 0 && rc_)
			im->stats->cases++;
batch_done:
		for (size_t k = 0; k < nattrs; k++)
			free(attrs[k]);
		free(attrs);
		free(case_id);
		free(bp);
		free(bs);
		if (rc < 0)
			goto done;
	}
	/* values a source carries go to its case */
	cases = cdr_project_cases(p);
	for (size_t s = 0; s < ns; s++) {
		long ci;
		if (im->doc_ids[s] == NULL)
			continue;
		im->stats->sources++;
		ci = cdr_cases_of_doc(cases, im->doc_ids[s]);
		for (size_t k = 0; k < m->sources[s].nvalues && ci >= 0; k++) {
			char *pair = attr_pair(im, &m->sources[s].values[k], "source"), *eq;
			if (pair == NULL)
				continue;
			eq = strchr(pair, '=');
			*eq = '\0';
			rc = cdr_cases_set_attr(cases, (size_t)ci, pair, eq + 1);
			free(pair);
			if (rc < 0)
				goto done;
		}
	}
	cdr_cases_prune(cases);
	if ((rc = cdr_project_cases_save(p)) == 0)
		rc = keep_created(im, p);
done:
	for (size_t i = 0; i < ns && paths; i++)
		free(paths[i]);
	free(paths);
	free(src);
	free(in_case);
	return rc;
}

static int parse_pos(const char *s, size_t *out)
{
	size_t v = 0;

	if (s == NULL || *s == '\0')
		return 0;
	if (*s == '+')
		s++;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > (SIZE_MAX - 9) / 10)
			return 0;
		v = v * 10 + (size_t)(*s - '0');
	}
	*out = v;
	return 1;
}

static char *notes_text(struct importer *im, char *const *refs, size_t n, const char *first)
{
	cdr_buf b = CDR_BUF_INIT;
	char *t = trim_copy(first);

	if (t == NULL)
		return NULL;
	if (*t && cdr_buf_puts(&b, t) < 0)
		goto oom;
	for (size_t i = 0; i < n; i++) {
		long k = refi_find_note(im->m, refs[i]);
		char *text = NULL, *tt;
		size_t len = 0;
		if (k < 0) {
			say(im, "note %s is referred to but not in the project; left out", refs[i]);
			continue;
		}
		im->m->notes[k].used = 1;
		if (text_of(im, &text, &len, im->m->notes[k].content, im->m->notes[k].path, "note",
			    or_empty(im->m->notes[k].guid), "") < 0)
			goto oom;
		if (text && len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
			memmove(text, text + 3, len - 2);
		tt = trim_copy(text);
		free(text);
		if (tt == NULL)
			goto oom;
		if (*tt && ((b.len > 0 && cdr_buf_puts(&b, "\n\n") < 0) || cdr_buf_puts(&b, tt) < 0)) {
			free(tt);
			goto oom;
		}
		free(tt);
	}
	free(t);
	return b.data ? cdr_buf_detach(&b, NULL) : cdr_strdup("");
oom:
	free(t);
	cdr_buf_free(&b);
	return NULL;
}

struct coder_set { char *name; cdr_codings *c; };

/* The coder a user is: its id (a login, such as codeer's own coder name,
 * which an export writes there), else its name, else its GUID. */
static const char *user_coder(const struct refi_user *u)
{
	if (u->id && *u->id)
		return u->id;
	return u->name && *u->name ? u->name : u->guid;
}

static int coder_of(struct importer *im, cdr_project *p, struct coder_set **sets, size_t *n, const char *user)
{
	long u = user ? refi_find_user(im->m, user) : -1;
	const char *uname = u >= 0 ? user_coder(&im->m->users[u]) : "refi";
	char *name = cdr_coder_valid(uname) ? cdr_strdup(uname) : refi_coder_name(uname);
	struct coder_set *grown;
	int rc;

	if (name == NULL)
		return CDR_ENOMEM;
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*sets)[i].name, name) == 0) {
			free(name);
			return (int)i;
		}
	if ((grown = cdr_realloc(*sets, (*n + 1) * sizeof(**sets))) == NULL) {
		free(name);
		return CDR_ENOMEM;
	}
	*sets = grown;
	grown[*n].name = name;
	if ((rc = cdr_codings_load(&grown[*n].c, p, name, NULL, NULL)) < 0) {
		free(name);
		return rc;
	}
	return (int)(*n)++;
}

static int add_codings(struct importer *im, cdr_project *p)
{
	refi_model *m = im->m;
	struct coder_set *sets = NULL;
	size_t nsets = 0;
	char origin[512];
	int rc = 0;

	snprintf(origin, sizeof(origin), "import:%s", im->base);
	/* every user is a coder, with codings or not */
	for (size_t u = 0; u < m->nusers && rc >= 0; u++)
		rc = coder_of(im, p, &sets, &nsets, m->users[u].guid);
	for (size_t s = 0; s < m->nsources && rc >= 0; s++) {
		struct refi_source *src = &m->sources[s];
		const cdr_refi_posmap *map = im->maps ? im->maps[s] : NULL;
		if (im->doc_ids == NULL || im->doc_ids[s] == NULL)
			continue;
		for (size_t k = 0; k < src->nsels && rc >= 0; k++) {
			struct refi_sel *sel = &src->sels[k];
			size_t a = 0, b = 0;
			long start, end;
			char *memo;
			if (!parse_pos(sel->start_s, &a) || !parse_pos(sel->end_s, &b)) {
				say(im, "selection %s in source '%s': positions '%s'-'%s' are not numbers; left out",
				    or_empty(sel->guid), or_empty(src->name), or_empty(sel->start_s), or_empty(sel->end_s));
				continue;
			}
			if (a >= b || b > cdr_refi_posmap_length(map)) {
				say(im, "selection %s in source '%s': %zu-%zu does not fit the text (length %zu); left out",
				    or_empty(sel->guid), or_empty(src->name), a, b, cdr_refi_posmap_length(map));
				continue;
			}
			start = cdr_refi_posmap_get(map, a);
			end = cdr_refi_posmap_get(map, b);
			if (start < 0 || end < 0 || start >= end) {
				say(im, "selection %s in source '%s': position %zu falls inside a CR LF line end%s or inside "
				    "characters that normalisation joins, so it has no exact place in codeer's text; left out",
				    or_empty(sel->guid), or_empty(src->name), start < 0 ? a : b,
				    im->rules & CDR_REFI_UTF16 ? ", inside a character outside the BMP (two UTF-16 units)" : "");
				continue;
			}
			if ((memo = notes_text(im, sel->notes, sel->nnotes, sel->desc)) == NULL) {
				rc = CDR_ENOMEM;
				break;
			}
			for (size_t j = 0; j < sel->ncodings && rc >= 0; j++) {
				struct refi_coding *c = &sel->codings[j];
				long code = refi_find_code(m, c->code);
				char *cmemo;
				int who;
				if (code < 0 || im->qualified == NULL || im->qualified[code] == NULL) {
					say(im, "coding %s in selection %s: code %s is not in the codebook; left out",
					    or_empty(c->guid), or_empty(sel->guid), or_empty(c->code));
					continue;
				}
				if ((who = coder_of(im, p, &sets, &nsets, c->user ? c->user : sel->user)) < 0) {
					rc = who;
					break;
				}
				if ((cmemo = notes_text(im, c->notes, c->nnotes, memo)) == NULL) {
					rc = CDR_ENOMEM;
					break;
				}
				if (cdr_codings_find(sets[who].c, im->doc_ids[s], (size_t)start, (size_t)end,
						     im->qualified[code]) < 0) {
					rc = cdr_codings_append(sets[who].c, im->doc_ids[s], (size_t)start, (size_t)end,
								im->qualified[code], origin,
								c->created ? c->created : or_empty(sel->created), cmemo, "");
					im->stats->codings++;
				}
				free(cmemo);
			}
			free(memo);
		}
	}
	for (size_t i = 0; i < nsets; i++) {
		if (rc >= 0)
			rc = cdr_codings_save(sets[i].c);
		cdr_codings_free(sets[i].c);
		free(sets[i].name);
	}
	im->stats->coders = nsets;
	free(sets);
	return rc < 0 ? rc : 0;
}

/* The time of a code's first dated note as the time of its memo file,
 * which is what an export writes as the Note's modifiedDateTime. */
static int keep_memo_time(struct importer *im, cdr_project *p, size_t c)
{
	const struct refi_code *code = &im->m->codes[c];
	struct timespec times[2];
	char *path;
	int rc = 0;

	for (size_t k = 0; k < code->nnotes; k++) {
		long n = refi_find_note(im->m, code->notes[k]);
		if (n < 0 || !refi_is_datetime(im->m->notes[n].time))
			continue;
		if ((path = cdr_malloc(strlen(cdr_project_path(p)) + strlen(im->qualified[c]) + 32)) == NULL)
			return CDR_ENOMEM;
		sprintf(path, "%s/memos/code/%s.md", cdr_project_path(p), im->qualified[c]);
		times[0].tv_sec = times[1].tv_sec = (time_t)refi_datetime_seconds(im->m->notes[n].time);
		times[0].tv_nsec = times[1].tv_nsec = 0;
		if (utimensat(AT_FDCWD, path, times, 0) < 0)
			rc = cdr_error_set(CDR_EIO, "%s: %s", path, strerror(errno));
		free(path);
		break;
	}
	return rc;
}

static int add_memos(struct importer *im, cdr_project *p)
{
	refi_model *m = im->m;
	int rc = 0;

	for (size_t s = 0; s < m->nsources && rc == 0; s++) {
		char *t;
		if (im->doc_ids == NULL || im->doc_ids[s] == NULL)
			continue;
		if ((t = notes_text(im, m->sources[s].notes, m->sources[s].nnotes, m->sources[s].desc)) == NULL)
			return CDR_ENOMEM;
		if (*t) {
			rc = cdr_memo_set(p, CDR_MEMO_DOC, im->doc_ids[s], t, 0);
			im->stats->memos++;
		}
		free(t);
	}
	for (size_t c = 0; c < m->ncodes && rc == 0; c++) {
		char *t;
		if (m->codes[c].nnotes == 0 || im->qualified == NULL || im->qualified[c] == NULL)
			continue;
		if ((t = notes_text(im, m->codes[c].notes, m->codes[c].nnotes, NULL)) == NULL)
			return CDR_ENOMEM;
		if (*t) {
			rc = cdr_memo_set(p, CDR_MEMO_CODE, im->qualified[c], t, 0);
			im->stats->memos++;
			if (rc == 0)
				rc = keep_memo_time(im, p, c);
		}
		free(t);
	}
	for (size_t n = 0; n < m->nnotes && rc == 0; n++)
		if (!m->notes[n].used)
			say(im, "note '%s' (%s) belongs to nothing codeer keeps (the project itself, a link, a graph); left out",
			    or_empty(m->notes[n].name), or_empty(m->notes[n].guid));
	if (m->ngraphs)
		say(im, "graphs are not imported");
	if (m->nlinks)
		say(im, "links are not imported");
	return rc;
}

static void importer_free(struct importer *im)
{
	if (im->m) {
		for (size_t i = 0; i < im->m->ncodes && im->qualified; i++)
			free(im->qualified[i]);
		for (size_t i = 0; i < im->m->nsources; i++) {
			if (im->doc_ids)
				free(im->doc_ids[i]);
			if (im->maps)
				cdr_refi_posmap_free(im->maps[i]);
		}
	}
	free(im->qualified);
	free(im->doc_ids);
	free(im->maps);
	for (size_t i = 0; i < im->nschemes; i++)
		free(im->scheme_ids[i]);
	free(im->scheme_ids);
	refi_zip_list_free(im->members, im->nmembers);
	refi_model_free(im->m);
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* The title of the scheme of codes no set holds: the file's name without .qdc/.qdpx. */
static char *title_from(const char *name, const char *path)
{
	const char *b = base_name(path);
	const char *dot = strrchr(b, '.');

	if (name && *name)
		return cdr_strdup(name);
	return cdr_strndup(b, dot && dot != b ? (size_t)(dot - b) : strlen(b));
}

static int install(struct importer *im, cdr_project *p, char **paths, size_t n)
{
	char *warning = NULL;
	int rc;

	if (n == 0)
		return 0;
	rc = cdr_schemes_install_checked(p, (const char *const *)paths, n, 0, 0, &warning, NULL, NULL);
	free(warning);
	(void)im;
	return rc;
}

static int check_new_schemes(struct importer *im, cdr_project *p);

static void free_paths(char **paths, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
}

int cdr_refi_import_qdc(cdr_project *p, const char *path, cdr_refi_report_fn report, void *ctx,
			cdr_refi_stats *stats)
{
	cdr_refi_stats local = { 0 };
	struct importer im = { .file = path, .base = base_name(path), .report = report, .ctx = ctx,
			       .stats = stats ? stats : &local };
	char *xml = NULL, *title = NULL, work[4096], **paths = NULL;
	size_t len = 0, npaths = 0;
	int rc;

	memset(im.stats, 0, sizeof(*im.stats));
	work[0] = '\0';
	if ((rc = cdr_file_read(&xml, &len, path, CDR_REFI_MAX_XML)) < 0)
		return rc;
	rc = refi_model_parse(&im.m, xml, len, path);
	free(xml);
	if (rc < 0)
		return rc;
	if (im.m->ncodes == 0) {
		importer_free(&im);
		return cdr_error_set(CDR_EFORMAT, "%s: the codebook has no codes", path);
	}
	if ((title = title_from(NULL, path)) == NULL) {
		importer_free(&im);
		return CDR_ENOMEM;
	}
	snprintf(work, sizeof(work), "%s/" CDR_TMP_PREFIX "refi-XXXXXX", cdr_project_path(p));
	if (mkdtemp(work) == NULL) {
		rc = cdr_error_set(CDR_EIO, "%s: %s", work, strerror(errno));
		work[0] = '\0';
	}
	if (rc == 0 && (rc = cdr_project_lock(p, NULL)) == 0 && (rc = make_schemes(&im, work, title, &paths, &npaths)) == 0 &&
	    (rc = check_new_schemes(&im, p)) == 0)
		rc = install(&im, p, paths, npaths);
	free_paths(paths, npaths);
	free(title);
	rm_tree(work);
	importer_free(&im);
	return rc;
}

/* A scheme id the project has already: refused before anything is written. */
static int check_new_schemes(struct importer *im, cdr_project *p)
{
	cdr_schemes *set = NULL;
	int rc = cdr_schemes_load(&set, p);

	for (size_t i = 0; i < im->nschemes && rc == 0; i++)
		if (cdr_schemes_find(set, im->scheme_ids[i]) != NULL)
			rc = cdr_error_set(CDR_EEXISTS, "%s: the project has a scheme '%s' already", im->file,
					   im->scheme_ids[i]);
	cdr_schemes_free(set);
	return rc;
}

int cdr_refi_import_qdpx(const char *path, const char *dir, cdr_refi_report_fn report, void *ctx,
			 cdr_refi_stats *stats)
{
	cdr_refi_stats local = { 0 };
	struct importer im = { .file = path, .base = base_name(path), .report = report, .ctx = ctx,
			       .stats = stats ? stats : &local };
	char *zip = NULL, *xml = NULL, *title = NULL, tmp[4096], work[4096], **paths = NULL, *parent = NULL;
	const char *qde = NULL;
	size_t zip_len = 0, xml_len = 0, npaths = 0;
	cdr_project *p = NULL;
	struct stat st;
	int rc;

	memset(im.stats, 0, sizeof(*im.stats));
	tmp[0] = work[0] = '\0';
	if (stat(dir, &st) == 0) {
		DIR *d = S_ISDIR(st.st_mode) ? opendir(dir) : NULL;
		struct dirent *e;
		int empty = d != NULL;
		while (d && (e = readdir(d)) != NULL)
			if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
				empty = 0;
		if (d)
			closedir(d);
		if (!empty)
			return cdr_error_set(CDR_EEXISTS, "%s exists and is not an empty directory: nothing imported", dir);
	}
	if ((rc = cdr_file_read(&zip, &zip_len, path, CDR_REFI_MAX_FILE)) < 0)
		return rc;
	im.zip = zip;
	im.zip_len = zip_len;
	if ((rc = refi_zip_list(&im.members, &im.nmembers, zip, zip_len, path)) < 0)
		goto done;
	/* the project file: any *.qde at the top (ATLAS.ti names it after the project) */
	for (size_t i = 0; i < im.nmembers; i++) {
		const char *n = im.members[i].name;
		size_t l = strlen(n);
		if (strchr(n, '/') == NULL && l > 4 && strcasecmp(n + l - 4, ".qde") == 0) {
			if (qde) {
				rc = cdr_error_set(CDR_EFORMAT, "%s: holds two project files (%s and %s)", path, qde, n);
				goto done;
			}
			qde = n;
		}
	}
	if (qde == NULL) {
		rc = cdr_error_set(CDR_EFORMAT, "%s: no project file (*.qde) at the top of the archive: not a .qdpx", path);
		goto done;
	}
	if ((rc = read_member(&im, &xml, &xml_len, qde)) < 0 || (rc = refi_model_parse(&im.m, xml, xml_len, path)) < 0)
		goto done;
	if (im.m->kind != CDR_REFI_PROJECT) {
		rc = cdr_error_set(CDR_EFORMAT, "%s: %s is a codebook, not a project", path, qde);
		goto done;
	}
	if ((title = title_from(im.m->name, path)) == NULL || (parent = cdr_strdup(dir)) == NULL) {
		rc = CDR_ENOMEM;
		goto done;
	}
	{
		char *slash = strrchr(parent, '/');
		if (slash == NULL)
			strcpy(parent, ".");
		else if (slash == parent)
			slash[1] = '\0';
		else
			*slash = '\0';
	}
	snprintf(tmp, sizeof(tmp), "%s/" CDR_TMP_PREFIX "import-XXXXXX", parent);
	snprintf(work, sizeof(work), "%s/" CDR_TMP_PREFIX "work-XXXXXX", parent);
	if (mkdtemp(tmp) == NULL || mkdtemp(work) == NULL) {
		rc = cdr_error_set(CDR_EIO, "cannot make a temporary directory in %s: %s", parent, strerror(errno));
		goto done;
	}
	if ((rc = cdr_project_init(tmp, title)) < 0 || (rc = cdr_project_open(&p, tmp)) < 0 ||
	    (rc = cdr_project_lock(p, NULL)) < 0)
		goto done;
	if ((rc = make_schemes(&im, work, title, &paths, &npaths)) < 0 || (rc = install(&im, p, paths, npaths)) < 0 ||
	    (rc = add_sources(&im, p, work)) < 0 || (rc = add_codings(&im, p)) < 0 || (rc = add_memos(&im, p)) < 0)
		goto done;
	cdr_project_free(p);
	p = NULL;
	/* the lock file is the project's; the journal is gone once all is in */
	if (rename(tmp, dir) < 0) {
		rc = cdr_error_set(CDR_EIO, "cannot rename %s to %s: %s", tmp, dir, strerror(errno));
		goto done;
	}
	tmp[0] = '\0';
done:
	cdr_project_free(p);
	if (rc < 0)
		rm_tree(tmp);
	rm_tree(work);
	free_paths(paths, npaths);
	free(title);
	free(parent);
	free(xml);
	free(zip);
	importer_free(&im);
	return rc;
}
