/* freq-tree.c -- Files and References per code as a tree, own or
 * aggregated over the subtree, with created and modified dates
 * (freq-tree.h).
 *
 * The codings are walked once, by document, so a document counts once
 * per code and once per ancestor however many codings it holds. A
 * document is read only under a filter, which looks at where a passage
 * starts (its turn, speaker, stretch); without one nothing but the
 * codings files is read. Parsing those is most of the time: 496,000 codings take about a
 * second, as the flat freq does. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codeer/codebook.h"
#include "codeer/coding.h"
#include "codeer/crosssection.h"
#include "codeer/error.h"
#include "codeer/freq-tree.h"
#include "codeer/table.h"
#include "util/alloc.h"
#include "util/array.h"

/* What codebook.log says about one code, by its qualified id. */
struct logged {
	char *code;
	char created[32], modified[32];
};

struct history {
	struct logged *v;
	size_t n, cap;
};

static void history_free(struct history *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->v[i].code);
	free(h->v);
}

static struct logged *history_find(struct history *h, const char *code)
{
	for (size_t i = 0; i < h->n; i++)
		if (strcmp(h->v[i].code, code) == 0)
			return &h->v[i];
	return NULL;
}

/* The entry of `code`, made empty when it is new; NULL out of memory. */
static struct logged *history_get(struct history *h, const char *code)
{
	struct logged *e = history_find(h, code);

	if (e)
		return e;
	if (cdr_grow((void **)&h->v, &h->cap, h->n + 1, sizeof(*h->v)) < 0)
		return NULL;
	e = &h->v[h->n];
	memset(e, 0, sizeof(*e));
	if ((e->code = cdr_strdup(code)) == NULL)
		return NULL;
	h->n++;
	return e;
}

static void stamp(char dst[32], const char *time)
{
	snprintf(dst, 32, "%s", time);
}

/* One line of the log: "add Q [under P]", "rename A B", "merge A B... into
 * T", "move Q P", "remove Q [into R]" (codebook.c writes them). A code's
 * birth follows it through renames and merges into a new id; a line that
 * changes a code dates its modification. */
static int history_line(struct history *h, const char *time, char *change)
{
	char *words[64], *save = NULL;
	size_t n = 0;
	struct logged *e, *from;

	for (char *w = strtok_r(change, " ", &save); w && n < 64; w = strtok_r(NULL, " ", &save))
		words[n++] = w;
	if (n < 2)
		return 0;
	if (strcmp(words[0], "add") == 0) {
		if ((e = history_get(h, words[1])) == NULL)
			return CDR_ENOMEM;
		stamp(e->created, time);
		stamp(e->modified, time);
	} else if (strcmp(words[0], "rename") == 0 && n == 3) {
		char born[32] = "";
		if ((from = history_find(h, words[1])) != NULL)
			stamp(born, from->created);
		if ((e = history_get(h, words[2])) == NULL)
			return CDR_ENOMEM;
		stamp(e->created, born);
		stamp(e->modified, time);
	} else if (strcmp(words[0], "merge") == 0 && n >= 4 && strcmp(words[n - 2], "into") == 0) {
		char born[32] = "";
		int known = history_find(h, words[n - 1]) != NULL;
		/* a new id is the first code renamed: it keeps that code's birth */
		if (!known && (from = history_find(h, words[1])) != NULL)
			stamp(born, from->created);
		if ((e = history_get(h, words[n - 1])) == NULL)
			return CDR_ENOMEM;
		if (!known)
			stamp(e->created, born);
		stamp(e->modified, time);
	} else if (strcmp(words[0], "move") == 0) {
		if ((e = history_get(h, words[1])) == NULL)
			return CDR_ENOMEM;
		stamp(e->modified, time);
	} else if (strcmp(words[0], "remove") == 0 && n == 4 && strcmp(words[2], "into") == 0) {
		if ((e = history_get(h, words[3])) == NULL)
			return CDR_ENOMEM;
		stamp(e->modified, time);
	}
	return 0;
}

static int history_load(struct history *h, const cdr_project *p)
{
	cdr_table *t = NULL;
	int rc;

	if ((rc = cdr_codebook_log(&t, p)) < 0)
		return rc;
	/* row 0 is the header */
	for (size_t r = 1; r <= cdr_table_rows(t) && rc == 0; r++) {
		char *change = cdr_strdup(cdr_table_cell(t, r, 1));
		if (change == NULL) {
			rc = CDR_ENOMEM;
			break;
		}
		rc = history_line(h, cdr_table_cell(t, r, 0), change);
		free(change);
	}
	cdr_table_free(t);
	return rc;
}

void cdr_freq_tree_free(cdr_freq_node *v, size_t n)
{
	if (v == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		free(v[i].name);
		free(v[i].path);
	}
	free(v);
}

/* A counted coding, the node of its code and its document's number. */
struct counted {
	const cdr_coding *k;
	size_t node, docno;
};

static int cmp_counted(const void *x, const void *y)
{
	const struct counted *a = x, *b = y;
	int r = strcmp(a->k->doc, b->k->doc);

	return r ? r : (a->k->start > b->k->start) - (a->k->start < b->k->start);
}

/* The codings counted, by document; the coders' files they point into. */
struct corpus {
	cdr_codings **sets;
	size_t nsets;
	struct counted *v;
	size_t n, cap;
};

static void corpus_free(struct corpus *c)
{
	for (size_t i = 0; i < c->nsets; i++)
		cdr_codings_free(c->sets[i]);
	free(c->sets);
	free(c->v);
}

/* The codings of `coders` (none: every coder) that the filter keeps,
 * without rejected ones or those of codes and documents the project does
 * not have; `base` is each scheme's first node. */
static int corpus_load(struct corpus *c, cdr_project *p, const cdr_schemes *set, const size_t *base,
		       const char *const *coders, size_t ncoders, const cdr_filter *f)
{
	char **names = NULL;
	size_t nnames = 0, docno = 0;
	cdr_selection *sel = NULL;
	cdr_document *doc = NULL;
	int rc;

	memset(c, 0, sizeof(*c));
	if ((rc = cdr_selection_new(&sel, p, f)) < 0)
		return rc;
	if ((rc = cdr_coders_list(&names, &nnames, p)) < 0)
		goto done;
	/* a coder without a codings file is a mistake, not one who coded nothing */
	for (size_t i = 0; i < ncoders; i++) {
		size_t j = 0;
		while (j < nnames && strcmp(names[j], coders[i]) != 0)
			j++;
		if (j == nnames) {
			rc = cdr_error_set(CDR_ENOTFOUND, "no coder '%s' in the project (no codings/%s.tsv)", coders[i],
					   coders[i]);
			goto done;
		}
	}
	if (ncoders == 0) {
		coders = (const char *const *)names;
		ncoders = nnames;
	}
	if ((c->sets = cdr_calloc(ncoders ? ncoders : 1, sizeof(*c->sets))) == NULL) {
		rc = CDR_ENOMEM;
		goto done;
	}
	for (size_t i = 0; i < ncoders; i++) {
		cdr_codings *k;
		size_t twice = 0;
		/* a coder named twice counts once */
		while (twice < i && strcmp(coders[twice], coders[i]) != 0)
			twice++;
		if (twice < i)
			continue;
		if ((rc = cdr_codings_load(&k, p, coders[i], NULL, NULL)) < 0)
			goto done;
		c->sets[c->nsets++] = k;
		for (size_t j = 0; j < cdr_codings_count(k); j++) {
			const cdr_coding *x = cdr_codings_get(k, j);
			const cdr_code *code;
			const cdr_scheme *sc;
			size_t s;
			if (strcmp(x->status, "rejected") == 0 || cdr_schemes_resolve(&code, set, x->code) < 0 ||
			    !cdr_project_has_doc(p, x->doc) || !cdr_selection_doc(sel, x->doc))
				continue;
			sc = cdr_schemes_scheme_of(set, code);
			for (s = 0; cdr_schemes_get(set, s) != sc; s++)
				;
			if (cdr_grow((void **)&c->v, &c->cap, c->n + 1, sizeof(*c->v)) < 0) {
				rc = CDR_ENOMEM;
				goto done;
			}
			c->v[c->n].k = x;
			c->v[c->n++].node = base[s] + (size_t)cdr_scheme_find(sc, code->id);
		}
	}
	cdr_sort(c->v, c->n, sizeof(*c->v), cmp_counted);
	/* number the documents; read one only when the filter needs its text */
	size_t kept = 0;
	for (size_t i = 0; i < c->n; i++) {
		if (i == 0 || strcmp(c->v[i].k->doc, c->v[i - 1].k->doc) != 0) {
			docno++;
			if (!cdr_selection_all(sel)) {
				cdr_document_free(doc);
				doc = NULL;
				if ((rc = cdr_project_doc_load(&doc, p, c->v[i].k->doc, 1)) < 0)
					goto done;
			}
		}
		if (!cdr_selection_all(sel) && !cdr_selection_at(sel, doc, c->v[i].k->start))
			continue;
		c->v[i].docno = docno;
		c->v[kept++] = c->v[i];
	}
	c->n = kept;
	rc = 0;
done:
	cdr_document_free(doc);
	cdr_selection_free(sel);
	cdr_coders_free(names, nnames);
	return rc;
}

/* Per code node: own and aggregated counts, the last document counted
 * each way, the parent (-1 at the top) and the first and last coding. */
struct walk {
	size_t *own_doc, *agg_doc;
	size_t *own_files, *own_refs, *agg_files, *agg_refs;
	long *parent;
	char (*first)[32], (*last)[32];
};

static void walk_free(struct walk *w)
{
	free(w->own_doc);
	free(w->agg_doc);
	free(w->own_files);
	free(w->own_refs);
	free(w->agg_files);
	free(w->agg_refs);
	free(w->parent);
	free(w->first);
	free(w->last);
}

static int walk_new(struct walk *w, size_t n)
{
	size_t m = n ? n : 1;

	memset(w, 0, sizeof(*w));
	if ((w->own_doc = cdr_calloc(m, sizeof(size_t))) == NULL || (w->agg_doc = cdr_calloc(m, sizeof(size_t))) == NULL ||
	    (w->own_files = cdr_calloc(m, sizeof(size_t))) == NULL ||
	    (w->own_refs = cdr_calloc(m, sizeof(size_t))) == NULL ||
	    (w->agg_files = cdr_calloc(m, sizeof(size_t))) == NULL ||
	    (w->agg_refs = cdr_calloc(m, sizeof(size_t))) == NULL || (w->parent = cdr_calloc(m, sizeof(long))) == NULL ||
	    (w->first = cdr_calloc(m, 32)) == NULL || (w->last = cdr_calloc(m, 32)) == NULL) {
		walk_free(w);
		return CDR_ENOMEM;
	}
	return 0;
}

static void walk_count(struct walk *w, const struct counted *c)
{
	const char *when = c->k->created ? c->k->created : "";

	w->own_refs[c->node]++;
	if (w->own_doc[c->node] != c->docno) {
		w->own_doc[c->node] = c->docno;
		w->own_files[c->node]++;
	}
	if (*when && (!*w->first[c->node] || strcmp(when, w->first[c->node]) < 0))
		stamp(w->first[c->node], when);
	if (*when && strcmp(when, w->last[c->node]) > 0)
		stamp(w->last[c->node], when);
	/* the code and each code above it, once per coding and document */
	for (long a = (long)c->node; a >= 0; a = w->parent[a]) {
		w->agg_refs[a]++;
		if (w->agg_doc[a] != c->docno) {
			w->agg_doc[a] = c->docno;
			w->agg_files[a]++;
		}
	}
}

/* A node: its name, and its path as `above`, `sep` and `id` (copied). */
static int node_set(cdr_freq_node *v, const cdr_code *code, const char *name, size_t depth, const char *above,
		    const char *sep, const char *id)
{
	size_t len = strlen(above) + strlen(sep) + strlen(id) + 1;

	memset(v, 0, sizeof(*v));
	v->code = code;
	v->depth = depth;
	if ((v->name = cdr_strdup(name)) == NULL || (v->path = cdr_malloc(len)) == NULL)
		return CDR_ENOMEM;
	snprintf(v->path, len, "%s%s%s", above, sep, id);
	return 0;
}

/* Every code of the schemes as a node, counted: the tree of cdr_freq_tree. */
static int code_tree(cdr_freq_node **out, size_t *n, struct corpus *c, cdr_project *p, const cdr_schemes *set,
		     const char *const *coders, size_t ncoders, const cdr_filter *f, int aggregate)
{
	struct history h = { 0 };
	struct walk w;
	cdr_freq_node *v = NULL;
	size_t nv = 0, made = 0, *base = NULL;
	int rc;

	*out = NULL;
	*n = 0;
	memset(c, 0, sizeof(*c));
	for (size_t s = 0; s < cdr_schemes_count(set); s++)
		nv += cdr_scheme_code_count(cdr_schemes_get(set, s));
	if (walk_new(&w, nv) < 0)
		return CDR_ENOMEM;
	if ((v = cdr_calloc(nv ? nv : 1, sizeof(*v))) == NULL ||
	    (base = cdr_calloc(cdr_schemes_count(set) + 1, sizeof(size_t))) == NULL) {
		rc = CDR_ENOMEM;
		goto done;
	}
	/* the nodes in scheme order; a parent's index comes before its children's */
	for (size_t s = 0; s < cdr_schemes_count(set); s++) {
		const cdr_scheme *sc = cdr_schemes_get(set, s);
		base[s] = made;
		for (size_t k = 0; k < cdr_scheme_code_count(sc); k++, made++) {
			const cdr_code *code = cdr_scheme_code(sc, k);
			w.parent[made] = code->parent >= 0 ? (long)base[s] + code->parent : -1;
			if ((rc = node_set(&v[made], code, code->label, code->depth,
					   w.parent[made] >= 0 ? v[w.parent[made]].path : cdr_scheme_id(sc), "/",
					   code->id)) < 0) {
				made++;
				goto done;
			}
		}
	}
	if ((rc = history_load(&h, p)) < 0 || (rc = corpus_load(c, p, set, base, coders, ncoders, f)) < 0)
		goto done;
	for (size_t i = 0; i < c->n; i++)
		walk_count(&w, &c->v[i]);
	for (size_t i = 0; i < nv; i++) {
		struct logged *e = history_find(&h, v[i].code->qualified);
		v[i].files = aggregate ? w.agg_files[i] : w.own_files[i];
		v[i].references = aggregate ? w.agg_refs[i] : w.own_refs[i];
		v[i].coded = w.agg_refs[i] > 0;
		stamp(v[i].created, e && *e->created ? e->created : w.first[i]);
		stamp(v[i].modified, e && strcmp(e->modified, w.last[i]) > 0 ? e->modified : w.last[i]);
	}
	rc = 0;
done:
	if (rc < 0) {
		cdr_freq_tree_free(v, made);
	} else {
		*out = v;
		*n = nv;
	}
	free(base);
	history_free(&h);
	walk_free(&w);
	return rc;
}

int cdr_freq_tree(cdr_freq_node **out, size_t *n, cdr_project *p, const cdr_schemes *set,
		  const char *const *coders, size_t ncoders, const cdr_filter *f, int aggregate)
{
	struct corpus c;
	int rc = code_tree(out, n, &c, p, set, coders, ncoders, f, aggregate);

	corpus_free(&c);
	return rc;
}

/* A column or subcolumn of a layout: the code nodes it holds. */
struct group {
	unsigned char *member;
	size_t files, refs, lastdoc;
};

static void group_count(struct group *g, size_t ng, const struct corpus *c)
{
	for (size_t i = 0; i < c->n; i++)
		for (size_t j = 0; j < ng; j++) {
			if (!g[j].member[c->v[i].node])
				continue;
			g[j].refs++;
			if (g[j].lastdoc != c->v[i].docno) {
				g[j].lastdoc = c->v[i].docno;
				g[j].files++;
			}
		}
}

/* Node x of a group: counted, and dated by its codes. */
static void group_node(cdr_freq_node *x, const struct group *g, const cdr_freq_node *codes, size_t ncodes)
{
	x->files = g->files;
	x->references = g->refs;
	x->coded = g->refs > 0;
	for (size_t i = 0; i < ncodes; i++) {
		if (!g->member[i])
			continue;
		if (*codes[i].created && (!*x->created || strcmp(codes[i].created, x->created) < 0))
			stamp(x->created, codes[i].created);
		if (strcmp(codes[i].modified, x->modified) > 0)
			stamp(x->modified, codes[i].modified);
	}
}

/* The node index of a code of the schemes (they are in scheme order). */
static size_t code_node(const cdr_freq_node *codes, size_t ncodes, const cdr_code *code)
{
	size_t i = 0;

	while (i < ncodes && codes[i].code != code)
		i++;
	return i;
}

int cdr_freq_tree_layout(cdr_freq_node **out, size_t *n, cdr_project *p, const cdr_schemes *set,
			 const char *const *coders, size_t ncoders, const cdr_filter *f, int aggregate,
			 const char *layout)
{
	struct corpus c;
	cdr_cs_layout *l = NULL;
	cdr_freq_node *codes = NULL, *v = NULL;
	size_t ncodes = 0, nrows = 0, nv = 0, cap = 0, ncols = 0;
	struct group *g = NULL;
	size_t *colg = NULL;  /* each row's column, as a group index */
	size_t *first = NULL; /* each column's first row */
	int rc;

	*out = NULL;
	*n = 0;
	memset(&c, 0, sizeof(c));
	if ((rc = cdr_cs_layout_load(&l, set, layout)) < 0 ||
	    (rc = code_tree(&codes, &ncodes, &c, p, set, coders, ncoders, f, aggregate)) < 0)
		goto done;
	nrows = cdr_cs_layout_rows(l);
	/* groups 0 .. nrows-1 are the rows, nrows .. the columns in order of
	 * their first row */
	if ((g = cdr_calloc(2 * nrows, sizeof(*g))) == NULL || (colg = cdr_calloc(nrows, sizeof(size_t))) == NULL ||
	    (first = cdr_calloc(nrows, sizeof(size_t))) == NULL) {
		rc = CDR_ENOMEM;
		goto done;
	}
	for (size_t r = 0; r < nrows; r++) {
		size_t k, col;
		const cdr_code *const *rcodes = cdr_cs_layout_codes(l, r, &k);
		for (col = 0; col < ncols; col++)
			if (strcmp(cdr_cs_layout_column(l, r), cdr_cs_layout_column(l, first[col])) == 0)
				break;
		if (col == ncols)
			first[ncols++] = r;
		colg[r] = nrows + col;
		for (size_t gi = 0; gi < 2; gi++) {
			struct group *x = &g[gi ? colg[r] : r];
			if (x->member == NULL && (x->member = cdr_calloc(ncodes ? ncodes : 1, 1)) == NULL) {
				rc = CDR_ENOMEM;
				goto done;
			}
			for (size_t i = 0; i < k; i++)
				x->member[code_node(codes, ncodes, rcodes[i])] = 1;
		}
	}
	group_count(g, nrows + ncols, &c);
	/* the nodes: each column once, with its rows and their codes below */
	for (size_t col = 0; col < ncols; col++) {
		const char *cname = cdr_cs_layout_column(l, first[col]);
		size_t cnode = nv;
		if (cdr_grow((void **)&v, &cap, nv + 1, sizeof(*v)) < 0) {
			rc = CDR_ENOMEM;
			goto done;
		}
		if ((rc = node_set(&v[nv++], NULL, cname, 0, "", "", cname)) < 0)
			goto done;
		group_node(&v[cnode], &g[nrows + col], codes, ncodes);
		for (size_t r = first[col]; r < nrows; r++) {
			size_t k, above = cnode;
			const cdr_code *const *rcodes = cdr_cs_layout_codes(l, r, &k);
			const char *sub = cdr_cs_layout_subcolumn(l, r);
			if (colg[r] != nrows + col)
				continue;
			if (cdr_grow((void **)&v, &cap, nv + k + 1, sizeof(*v)) < 0) {
				rc = CDR_ENOMEM;
				goto done;
			}
			if (*sub) {
				above = nv;
				if ((rc = node_set(&v[nv++], NULL, sub, 1, v[cnode].path, " / ", sub)) < 0)
					goto done;
				group_node(&v[above], &g[r], codes, ncodes);
			}
			for (size_t i = 0; i < k; i++) {
				const cdr_freq_node *x = &codes[code_node(codes, ncodes, rcodes[i])];
				cdr_freq_node *y = &v[nv];
				if ((rc = node_set(&v[nv++], x->code, x->name, v[above].depth + 1, v[above].path, " / ",
						   x->code->qualified)) < 0)
					goto done;
				y->files = x->files;
				y->references = x->references;
				y->coded = x->references > 0;
				stamp(y->created, x->created);
				stamp(y->modified, x->modified);
			}
		}
	}
	rc = 0;
done:
	if (rc < 0) {
		cdr_freq_tree_free(v, nv);
	} else {
		*out = v;
		*n = nv;
	}
	for (size_t i = 0; g && i < 2 * nrows; i++)
		free(g[i].member);
	free(g);
	free(colg);
	free(first);
	cdr_freq_tree_free(codes, ncodes);
	cdr_cs_layout_free(l);
	corpus_free(&c);
	return rc;
}
