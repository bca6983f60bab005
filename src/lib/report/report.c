/* report.c -- the project as one self-contained HTML page (report.h).
 *
 * Everything comes from the layers below: frequencies and quotes from
 * retrieve.h, the heatmap and co-occurrence from matrix.h, the agreement
 * table from agreement.h. Quotes are gathered in one pass per top-level
 * code into a buffer per code, so every document is read a few times at
 * most; the transcripts are read once more, one document at a time, at
 * the end of the page. Every text from the project goes through
 * cdr_html_escape, and every anchor through put_anchor. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* open_memstream */
#endif
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codeer/codeer.h"
#include "codeer/report.h"
#include "util/alloc.h"
#include "util/array.h"
#include "util/tsv.h"

/* one code of the schemes, with what the report says about it */
struct rcode {
	const cdr_code *code;
	const cdr_scheme *scheme;
	const char *name;        /* the id, or scheme/id when another scheme has the same id */
	int selected;
	size_t segments, docs, cases, words;
	size_t nquotes;
	char *qbuf;              /* the quotes as HTML */
	size_t qlen;
	FILE *qf;
};

struct rdoc {
	const char *id;
	const char *case_id;
	size_t turns, words, codings;
};

/* a code on a turn, for the chips in the transcripts */
struct mark {
	size_t doc;
	long turn;
	size_t code;
};

/* one cross-section (crosssection.h), read back from its TSV: the rows
 * with the code ids, and when the cells hold more, the rows with the
 * quotes or memos (every case, in the same order) */
#define XS_SUBSEP "\x1f" /* ASCII unit separator: never in a layout's names */

struct xsect {
	const char *layout;
	cdr_table *ids_table, *text_table;
	cdr_tsv_row *ids, *text;
	size_t nids, ntext;
};

struct report {
	cdr_project *p;
	const cdr_schemes *set;
	const cdr_report_options *o;
	FILE *out;
	struct rcode *codes;
	size_t ncodes;
	const char **selected;   /* qualified names of the selected codes, scheme order */
	size_t nselected;
	struct rdoc *docs;
	size_t ndocs;
	struct mark *marks;
	size_t nmarks, mcap;
	char **coders;
	size_t ncoders;
	size_t turns, words, segments;
	size_t last_doc;
	struct xsect *xs;
	size_t nxs;
};

/* ---- small writers ------------------------------------------------------ */

static void esc(FILE *f, const char *s)
{
	cdr_html_escape(f, s ? s : "");
}

/* An id for id="" and href="#": document and code ids are [A-Za-z0-9._-]
 * (and '/' between scheme and code), which stay; anything else becomes
 * _xx so that the fragment needs no further escaping. */
static void put_anchor(FILE *f, const char *s)
{
	for (const unsigned char *u = (const unsigned char *)s; *u; u++) {
		if ((*u >= 'a' && *u <= 'z') || (*u >= 'A' && *u <= 'Z') || (*u >= '0' && *u <= '9') ||
		    *u == '-' || *u == '_' || *u == '.' || *u == '/')
			fputc(*u, f);
		else
			fprintf(f, "_%02x", *u);
	}
}

static size_t cp_len(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* `s` escaped and cut to `max` code points with "…" */
static void esc_cut(FILE *f, const char *s, size_t max)
{
	size_t n = 0;
	const char *p = s;

	if (cp_len(s) <= max) {
		esc(f, s);
		return;
	}
	while (*p && n < max - 1) {
		p++;
		while (((unsigned char)*p & 0xC0) == 0x80)
			p++;
		n++;
	}
	{
		char *head = cdr_strndup(s, (size_t)(p - s));
		esc(f, head ? head : "");
		free(head);
	}
	fputs("…", f);
}

/* Blues, light to dark: a sequential ramp that stays ordered in grey */
static void ramp(char out[16], double t)
{
	static const unsigned char stops[][3] = {
		{ 247, 251, 255 }, { 222, 235, 247 }, { 198, 219, 239 }, { 158, 202, 225 }, { 107, 174, 214 },
		{ 66, 146, 198 },  { 33, 113, 181 },  { 8, 81, 156 },    { 8, 48, 107 }
	};
	size_t n = sizeof(stops) / sizeof(stops[0]);
	double x;
	size_t i;
	int c[3];

	if (!(t > 0))
		t = 0;
	if (t > 1)
		t = 1;
	x = t * (double)(n - 1);
	i = (size_t)x;
	if (i >= n - 1)
		i = n - 2;
	x -= (double)i;
	for (int k = 0; k < 3; k++)
		c[k] = (int)lround(stops[i][k] + (stops[i + 1][k] - stops[i][k]) * x);
	snprintf(out, 16, "#%02x%02x%02x", c[0], c[1], c[2]);
}

/* How dark a count is drawn: never invisible, a power curve so that a few
 * large counts do not wash out the rest. */
static double heat(double v, double max)
{
	if (!(v > 0) || !(max > 0))
		return 0;
	return 0.14 + 0.86 * pow(v / max, 0.6);
}

static void put_num(FILE *f, double v)
{
	if (isnan(v))
		fputs("–", f);
	else
		fprintf(f, "%.0f", v);
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* ---- gathering ----------------------------------------------------------- */

static long find_code(const struct report *r, const cdr_code *c)
{
	for (size_t i = 0; i < r->ncodes; i++)
		if (r->codes[i].code == c)
			return (long)i;
	return -1;
}

static const struct rcode *code_by_name(const struct report *r, const char *qualified)
{
	const cdr_code *c;
	long i;

	if (cdr_schemes_resolve(&c, r->set, qualified) < 0) {
		cdr_error_clear();
		return NULL;
	}
	return (i = find_code(r, c)) < 0 ? NULL : &r->codes[i];
}

static long find_doc(struct report *r, const char *id)
{
	if (r->last_doc < r->ndocs && strcmp(r->docs[r->last_doc].id, id) == 0)
		return (long)r->last_doc;
	for (size_t i = 0; i < r->ndocs; i++)
		if (strcmp(r->docs[i].id, id) == 0) {
			r->last_doc = i;
			return (long)i;
		}
	return -1;
}

static int is_below(const cdr_scheme *s, const cdr_code *c, const cdr_code *ancestor)
{
	while (c->parent >= 0) {
		c = cdr_scheme_code(s, (size_t)c->parent);
		if (c == ancestor)
			return 1;
	}
	return 0;
}

static int gather_codes(struct report *r)
{
	const cdr_report_options *o = r->o;
	size_t n = 0;

	for (size_t s = 0; s < cdr_schemes_count(r->set); s++)
		n += cdr_scheme_code_count(cdr_schemes_get(r->set, s));
	if ((r->codes = cdr_calloc(n + 1, sizeof(*r->codes))) == NULL ||
	    (r->selected = cdr_calloc(n + 1, sizeof(char *))) == NULL)
		return CDR_ENOMEM;
	for (size_t s = 0; s < cdr_schemes_count(r->set); s++) {
		const cdr_scheme *sc = cdr_schemes_get(r->set, s);
		for (size_t k = 0; k < cdr_scheme_code_count(sc); k++) {
			struct rcode *rc = &r->codes[r->ncodes++];
			rc->code = cdr_scheme_code(sc, k);
			rc->scheme = sc;
			rc->name = rc->code->id;
			rc->selected = o->ncodes == 0;
		}
	}
	/* a bare id is enough unless two schemes have it */
	for (size_t i = 0; i < r->ncodes; i++)
		for (size_t j = 0; j < r->ncodes; j++)
			if (i != j && strcmp(r->codes[i].code->id, r->codes[j].code->id) == 0)
				r->codes[i].name = r->codes[i].code->qualified;
	for (size_t i = 0; i < o->ncodes; i++) {
		char ref[512];
		size_t len = strlen(o->codes[i]);
		int subtree = len > 0 && o->codes[i][len - 1] == '+';
		const cdr_code *c;
		long ci;
		int rc;
		snprintf(ref, sizeof(ref), "%.*s", (int)(subtree ? len - 1 : len), o->codes[i]);
		if ((rc = cdr_schemes_resolve(&c, r->set, ref)) < 0)
			return rc;
		if ((ci = find_code(r, c)) < 0)
			continue;
		r->codes[ci].selected = 1;
		for (size_t j = 0; subtree && j < r->ncodes; j++)
			if (r->codes[j].scheme == r->codes[ci].scheme && is_below(r->codes[j].scheme, r->codes[j].code, c))
				r->codes[j].selected = 1;
	}
	for (size_t i = 0; i < r->ncodes; i++)
		if (r->codes[i].selected)
			r->selected[r->nselected++] = r->codes[i].code->qualified;
	return 0;
}

static int gather_freqs(struct report *r)
{
	cdr_freq *f;
	size_t n;
	int rc;

	if ((rc = cdr_freqs(&f, &n, r->p, r->set, r->o->coder)) < 0)
		return rc;
	for (size_t i = 0; i < n; i++) {
		long ci = find_code(r, f[i].code);
		if (ci < 0 || !r->codes[ci].selected)
			continue;
		r->codes[ci].segments = f[i].segments;
		r->codes[ci].docs = f[i].docs;
		r->codes[ci].cases = f[i].cases;
		r->codes[ci].words = f[i].words;
		r->segments += f[i].segments;
	}
	free(f);
	return 0;
}

static int gather_docs(struct report *r)
{
	cdr_cases *cases = cdr_project_cases(r->p);
	cdr_matrix_options mo = { 0 };
	cdr_matrix *m = NULL;
	int rc;

	r->ndocs = cdr_project_doc_count(r->p);
	if ((r->docs = cdr_calloc(r->ndocs + 1, sizeof(*r->docs))) == NULL)
		return CDR_ENOMEM;
	for (size_t i = 0; i < r->ndocs; i++) {
		cdr_document *doc;
		long ci;
		r->docs[i].id = cdr_project_doc_id(r->p, i);
		ci = cdr_cases_of_doc(cases, r->docs[i].id);
		r->docs[i].case_id = ci >= 0 ? cdr_cases_id(cases, (size_t)ci) : "";
		if ((rc = cdr_project_doc_load(&doc, r->p, r->docs[i].id, 0)) < 0)
			return rc;
		r->docs[i].turns = cdr_document_turn_count(doc);
		r->docs[i].words = cdr_document_words(doc);
		r->turns += r->docs[i].turns;
		r->words += r->docs[i].words;
		cdr_document_free(doc);
	}
	/* codings per document: the row totals of a document-by-code matrix */
	if (r->nselected == 0)
		return 0;
	mo.rows = CDR_ROWS_DOC;
	mo.cols = CDR_COLS_CODE;
	mo.codes = r->o->ncodes ? r->selected : NULL;
	mo.ncodes = r->o->ncodes ? r->nselected : 0;
	mo.cell = CDR_CELL_COUNT;
	mo.coder = r->o->coder;
	mo.all = 1;
	if ((rc = cdr_matrix_build(&m, r->p, r->set, &mo)) < 0)
		return rc;
	for (size_t i = 0; i < cdr_matrix_rows(m); i++) {
		long d = find_doc(r, cdr_matrix_row_label(m, i));
		if (d >= 0)
			r->docs[d].codings = (size_t)cdr_matrix_row_total(m, i);
	}
	cdr_matrix_free(m);
	return 0;
}

static int on_quote(void *ctx, const cdr_quote *q)
{
	struct report *r = ctx;
	const cdr_code *c;
	const cdr_turn *turn = q->turn >= 0 ? cdr_document_turn(q->doc, (size_t)q->turn) : NULL;
	const char *docid = cdr_document_info_get(q->doc)->id;
	struct rcode *rc;
	char *text;
	long ci, d;
	FILE *f;

	if (cdr_schemes_resolve(&c, r->set, q->coding->code) < 0) {
		cdr_error_clear();
		return 0;
	}
	if ((ci = find_code(r, c)) < 0 || !r->codes[ci].selected)
		return 0;
	rc = &r->codes[ci];
	if (rc->qf == NULL && (rc->qf = open_memstream(&rc->qbuf, &rc->qlen)) == NULL)
		return cdr_error_set(CDR_ENOMEM, "out of memory");
	if ((text = cdr_document_slice(q->doc, (cdr_span){ q->coding->start, q->coding->end })) == NULL)
		return cdr_error_set(CDR_ENOMEM, "out of memory");
	f = rc->qf;
	rc->nquotes++;
	fputs("<li><blockquote>", f);
	esc(f, text);
	fputs("</blockquote><p class=\"src\"><a href=\"#doc-", f);
	put_anchor(f, docid);
	if (turn)
		fprintf(f, "-t%ld", q->turn + 1);
	fputs("\">", f);
	esc(f, docid);
	if (turn)
		fprintf(f, " t%ld", q->turn + 1);
	fputs("</a>", f);
	if (turn && *turn->speaker) {
		fputs(" · <span class=\"spk\">", f);
		esc(f, turn->speaker);
		fputs("</span>", f);
	}
	fprintf(f, " · c%zu–%zu · <span class=\"coder\">", q->coding->start, q->coding->end);
	esc(f, q->coder);
	fputs("</span></p>", f);
	if (q->coding->memo && *q->coding->memo) {
		fputs("<p class=\"memo\">memo: ", f);
		esc(f, q->coding->memo);
		fputs("</p>", f);
	}
	fputs("</li>\n", f);
	free(text);
	if (q->turn >= 0 && (d = find_doc(r, docid)) >= 0) {
		if (cdr_grow((void **)&r->marks, &r->mcap, r->nmarks + 1, sizeof(*r->marks)) < 0)
			return CDR_ENOMEM;
		r->marks[r->nmarks++] = (struct mark){ (size_t)d, q->turn, (size_t)ci };
	}
	return 0;
}

static int cmp_mark(const void *x, const void *y)
{
	const struct mark *a = x, *b = y;

	if (a->doc != b->doc)
		return a->doc < b->doc ? -1 : 1;
	if (a->turn != b->turn)
		return a->turn < b->turn ? -1 : 1;
	return a->code < b->code ? -1 : a->code > b->code;
}

static int gather_quotes(struct report *r)
{
	int rc = 0;

	/* one pass per top-level code: its subtree, dealt out code by code */
	for (size_t i = 0; i < r->ncodes && rc == 0; i++) {
		int any = 0;
		if (r->codes[i].code->parent >= 0)
			continue;
		for (size_t j = i; j < r->ncodes && !any; j++)
			any = r->codes[j].selected && r->codes[j].segments > 0 && r->codes[j].scheme == r->codes[i].scheme &&
			      (j == i || is_below(r->codes[j].scheme, r->codes[j].code, r->codes[i].code));
		if (any)
			rc = cdr_quotes(r->p, r->set, r->codes[i].code, 1, r->o->coder, NULL, on_quote, r);
	}
	for (size_t i = 0; i < r->ncodes; i++)
		if (r->codes[i].qf) {
			if (fclose(r->codes[i].qf) != 0 && rc == 0)
				rc = cdr_error_set(CDR_ENOMEM, "out of memory");
			r->codes[i].qf = NULL;
		}
	cdr_sort(r->marks, r->nmarks, sizeof(*r->marks), cmp_mark);
	return rc;
}


/* The table of cdr_crosssection as rows of fields pointing into it (the
 * table stays alive in the xsect). Row 0: the header. */
static int table_rows(const cdr_table *t, cdr_tsv_row **rows, size_t *n)
{
	size_t nrows = cdr_table_rows(t) + 1, ncols = cdr_table_cols(t);

	if ((*rows = cdr_calloc(nrows, sizeof(cdr_tsv_row))) == NULL)
		return CDR_ENOMEM;
	for (size_t i = 0; i < nrows; i++) {
		cdr_tsv_row *row = &(*rows)[(*n)++];
		if ((row->fields = cdr_calloc(ncols + 1, sizeof(char *))) == NULL)
			return CDR_ENOMEM;
		row->cap = ncols + 1;
		for (size_t j = 0; j < ncols; j++)
			row->fields[row->n++] = (char *)cdr_table_cell(t, i, j);
	}
	return 0;
}

static void xsect_free(struct xsect *x)
{
	for (size_t i = 0; i < x->nids; i++)
		cdr_tsv_row_free(&x->ids[i]);
	for (size_t i = 0; i < x->ntext; i++)
		cdr_tsv_row_free(&x->text[i]);
	free(x->ids);
	free(x->text);
	cdr_table_free(x->ids_table);
	cdr_table_free(x->text_table);
}

/* Before anything is written: a layout with an error fails the report. */
static int gather_crosssections(struct report *r)
{
	const cdr_report_options *o = r->o;
	int rc = 0;

	if (o->nlayouts == 0)
		return 0;
	if ((r->xs = cdr_calloc(o->nlayouts, sizeof(*r->xs))) == NULL)
		return CDR_ENOMEM;
	for (size_t i = 0; i < o->nlayouts && rc == 0; i++) {
		struct xsect *x = &r->xs[r->nxs++];
		cdr_cs_options co = { 0 };
		x->layout = o->layouts[i];
		co.layout = o->layouts[i];
		co.coder = o->coder;
		co.cell = CDR_CS_CODES;
		co.subsep = XS_SUBSEP; /* a column's own name may hold " / " */
		if ((rc = cdr_crosssection(&x->ids_table, r->p, r->set, &co)) < 0 ||
		    (rc = table_rows(x->ids_table, &x->ids, &x->nids)) < 0 || o->layout_cell == CDR_CS_CODES)
			continue;
		co.cell = o->layout_cell;
		co.all = 1;
		if ((rc = cdr_crosssection(&x->text_table, r->p, r->set, &co)) < 0)
			break;
		rc = table_rows(x->text_table, &x->text, &x->ntext);
	}
	return rc;
}

/* ---- the page ------------------------------------------------------------ */

static const char css[] =
	":root{--fg:#1c2331;--muted:#5d6675;--line:#dfe3ea;--soft:#f4f6f9;--accent:#2a62ad;--head:#1b365d}\n"
	"*{box-sizing:border-box}\n"
	"html{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\",\"Liberation Sans\",Arial,sans-serif;"
	"font-size:15px;line-height:1.5;color:var(--fg);background:#fff;-webkit-text-size-adjust:100%}\n"
	"body{margin:0}\n"
	".wrap{max-width:1200px;margin:0 auto;padding:0 32px}\n"
	"header.top{background:var(--head);color:#fff;padding:26px 0 22px}\n"
	"header.top h1{margin:0 0 4px;font-size:1.8rem;font-weight:650;letter-spacing:-.01em}\n"
	"header.top p{margin:0;color:#c8d5ea;font-size:.92rem}\n"
	"nav.toc{position:sticky;top:0;z-index:10;background:rgba(255,255,255,.97);border-bottom:1px solid var(--line)}\n"
	"nav.toc ol{display:flex;flex-wrap:wrap;gap:2px 22px;list-style:none;margin:0 auto;max-width:1200px;padding:9px 32px}\n"
	"nav.toc a{color:var(--muted);text-decoration:none;font-size:.9rem;font-weight:500}\n"
	"nav.toc a:hover{color:var(--accent)}\n"
	"section.part{margin:34px 0 44px}\n"
	"h2{font-size:1.4rem;font-weight:650;margin:0 0 14px;padding-bottom:6px;border-bottom:2px solid var(--fg);"
	"scroll-margin-top:52px}\n"
	"h3{font-size:1.08rem;font-weight:650;margin:26px 0 6px;scroll-margin-top:52px}\n"
	"a{color:var(--accent)}\n"
	"code{font-size:.9em;white-space:nowrap}\n"
	".note{color:var(--muted);font-size:.9rem;margin:4px 0 12px;max-width:62em}\n"
	".cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(128px,1fr));gap:10px;margin:0 0 18px}\n"
	".card{border:1px solid var(--line);border-radius:8px;padding:10px 12px;background:var(--soft)}\n"
	".card b{display:block;font-size:1.5rem;font-weight:650;font-variant-numeric:tabular-nums}\n"
	".card span{color:var(--muted);font-size:.85rem;white-space:nowrap}\n"
	"dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:0 0 18px;font-size:.92rem}\n"
	"dl.facts dt{color:var(--muted)}dl.facts dd{margin:0}\n"
	".scroll{overflow-x:auto;max-width:100%}\n"
	"table{border-collapse:collapse;font-size:.88rem;font-variant-numeric:tabular-nums;margin:0 0 8px}\n"
	"caption{text-align:left;font-weight:600;padding:0 0 6px;font-size:.95rem}\n"
	"th,td{padding:4px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}\n"
	"thead th{border-bottom:2px solid #a9b1be;font-weight:600;white-space:nowrap;vertical-align:bottom}\n"
	"tbody tr:hover{background:#f7f9fc}\n"
	"th.num,td.num{text-align:right}\n"
	"td.code{white-space:nowrap;font-weight:600}\n"
	"td.code a{text-decoration:none}\n"
	"table.list{min-width:60%}\n"
	"table.freq{width:100%;table-layout:fixed;margin-bottom:22px}\n"
	"table.freq .c-code{width:190px}table.freq .c-bar{width:225px}table.freq .c-n{width:70px}table.freq .c-w{width:80px}\n"
	"table.freq td{overflow-wrap:anywhere}\n"
	"tr.zero td{color:var(--muted)}\n"
	"td.bars{white-space:nowrap}\n"
	".b{display:inline-block;width:calc(100% - 2.8em - 8px);height:11px;background:#edf0f5;border-radius:2px;vertical-align:-1px;"
	"margin-right:8px;overflow:hidden}\n"
	".b i{display:block;height:100%;background:var(--accent)}\n"
	".b.d i{background:#7d95b8}\n"
	"td.bars span{display:inline-block;width:2.8em;text-align:right}\n"
	"svg.heat{display:block;font-family:inherit}\n"
	"svg.heat text{font-size:12px;fill:var(--fg)}\n"
	"svg.heat text.in{font-size:11px;text-anchor:middle;dominant-baseline:central}\n"
	"svg.heat text.w{fill:#fff}\n"
	"svg.heat text.tot{font-weight:600;text-anchor:middle;dominant-baseline:central}\n"
	"svg.heat a text{fill:var(--accent)}\n"
	"svg.heat a:hover text{text-decoration:underline}\n"
	".legend{display:flex;align-items:center;gap:6px;font-size:.82rem;color:var(--muted);margin:6px 0 0}\n"
	".legend i{display:inline-block;width:26px;height:14px;border:1px solid #cfd5de}\n"
	"table.co th.v{height:auto;padding:6px 2px;text-align:left;vertical-align:bottom}\n"
	"table.co th.v span{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;font-weight:600}\n"
	"table.co td{min-width:2.4em;padding:3px 4px;text-align:center;border:1px solid #fff;background:#f6f7f9}\n"
	"table.co td.dg{background:#eceff3;font-weight:650;color:var(--muted)}\n"
	"table.co td.w{color:#fff}\n"
	"table.co tbody th{white-space:nowrap;padding:3px 10px 3px 0;border:0}\n"
	"table.co tbody th a{text-decoration:none}\n"
	".alpha{display:inline-block;min-width:4.2em;padding:0 6px;border-radius:3px;text-align:right}\n"
	".a-good{background:#dcefdc}.a-ok{background:#fbefcf}.a-low{background:#f8dcdc}\n"
	".code-sec{border-top:1px solid var(--line);padding-top:4px}\n"
	".code-sec h3 .lbl{font-weight:500;color:var(--muted)}\n"
	".code-sec h3 .n{font-weight:400;color:var(--muted);font-size:.88rem;margin-left:8px}\n"
	".def{margin:4px 0 10px;max-width:62em;font-size:.9rem;color:#333a46;background:var(--soft);border-radius:6px;"
	"padding:6px 12px}\n"
	".def p{margin:3px 0}.def .k{color:var(--muted);font-size:.8rem;text-transform:uppercase;letter-spacing:.04em;"
	"margin-right:4px}\n"
	"ol.quotes{list-style:none;margin:8px 0 0;padding:0}\n"
	"ol.quotes li{margin:0 0 12px;max-width:62em}\n"
	"blockquote{margin:0;padding:4px 0 4px 14px;border-left:3px solid #b9c7dc;white-space:pre-line}\n"
	"p.src{margin:3px 0 0 17px;font-size:.84rem;color:var(--muted)}\n"
	"p.memo{margin:2px 0 0 17px;font-size:.84rem;font-style:italic}\n"
	".coder{font-variant:small-caps}\n"
	"section.doc{border-bottom:1px solid var(--line)}\n"
	"section.doc summary{cursor:pointer;padding:7px 2px;list-style-position:inside}\n"
	"section.doc summary b{font-weight:600}\n"
	"section.doc summary .meta{color:var(--muted);font-size:.88rem;margin-left:10px}\n"
	"ol.turns{list-style:none;margin:0 0 14px;padding:0}\n"
	"ol.turns li{display:grid;grid-template-columns:3.2em 9em 1fr;gap:0 10px;padding:5px 0;"
	"border-top:1px dotted var(--line);scroll-margin-top:52px}\n"
	"ol.turns li:target{background:#fff7d6}\n"
	"ol.turns .tn{color:var(--muted);font-size:.82rem;padding-top:2px}\n"
	"ol.turns .spk{font-weight:600;overflow-wrap:anywhere}\n"
	"ol.turns .time{display:block;color:var(--muted);font-size:.8rem;font-weight:400}\n"
	"ol.turns .tx{white-space:pre-line;max-width:62em}\n"
	".chips{display:block;margin-top:3px}\n"
	".chip{display:inline-block;font-size:.76rem;line-height:1.5;padding:0 7px;margin:0 4px 2px 0;border-radius:9px;"
	"background:#e6edf7;color:var(--head);text-decoration:none;border:1px solid #cdd9ea}\n"
	"table.xs{min-width:50%}\n"
	"table.xs th,table.xs td{border-left:1px solid var(--line)}\n"
	"table.xs th:first-child,table.xs td:first-child{border-left:0}\n"
	"table.xs th,table.xs td{padding:4px 7px}\n"
	"table.xs thead th{white-space:normal;min-width:4.5em;max-width:14em}\n"
	"table.xs thead th.grp{text-align:center;border-bottom:1px solid #a9b1be}\n"
	"table.xs thead th.sub{font-weight:500;color:var(--muted);font-size:.84rem}\n"
	"table.xs tbody th{position:sticky;left:0;z-index:1;background:#fff;font-weight:600;min-width:9em;max-width:15em}\n"
	"table.xs tbody tr:hover th{background:#f7f9fc}\n"
	"table.xs tbody th a{text-decoration:none}\n"
	"table.xs td .chip{margin:1px 4px 1px 0}\n"
	"table.xs td.t{min-width:15em}\n"
	".chip.nq{background:#f1f3f6;color:var(--muted);border-color:var(--line)}\n"
	"ul.xq{list-style:none;margin:4px 0 2px;padding:0;font-size:.8rem;line-height:1.4;max-width:24em}\n"
	"ul.xq li{margin:0 0 5px;padding-left:7px;border-left:2px solid #b9c7dc}\n"
	"ul.xq b{font-weight:600;margin-right:4px}\n"
	"ul.xq.m li{font-style:italic}\n"
	"footer{color:var(--muted);font-size:.82rem;border-top:1px solid var(--line);padding:14px 0 30px}\n"
	"html.js table.sortable thead th{cursor:pointer}\n"
	"html.js table.sortable thead th[aria-sort=ascending]::after{content:\" ▲\";font-size:.7em}\n"
	"html.js table.sortable thead th[aria-sort=descending]::after{content:\" ▼\";font-size:.7em}\n"
	"@media print{\n"
	"html{font-size:10pt}\n"
	".wrap{max-width:none;padding:0}\n"
	"header.top{background:none;color:#000;padding:0 0 8pt;border-bottom:2pt solid #000}\n"
	"header.top p{color:#333}\n"
	"nav.toc{display:none}\n"
	"a{color:inherit;text-decoration:none}\n"
	"section.part{margin:14pt 0}\n"
	"h2,h3{break-after:avoid;page-break-after:avoid}\n"
	"tr,li,.card,figure,blockquote{break-inside:avoid;page-break-inside:avoid}\n"
	"thead{display:table-header-group}\n"
	"tfoot{display:table-row-group}\n"
	"table.freq .c-code{width:17%}table.freq .c-bar{width:21%}table.freq .c-n{width:7%}table.freq .c-w{width:8%}\n"
	".screen{display:none}\n"
	"section#matrix,section#cooccurrence{break-inside:avoid;page-break-inside:avoid}\n"
	"svg.heat a text{fill:var(--fg)}\n"
	".scroll{overflow:visible}\n"
	"svg.heat{max-width:100%;height:auto}\n"
	".b i,.legend i,svg.heat rect,table.co td,.alpha,.chip{-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
	"details::details-content{content-visibility:visible;display:block}\n"
	"details>summary{list-style:none}\n"
	"details>summary::-webkit-details-marker{display:none}\n"
	"section.doc{break-before:auto}\n"
	"ol.turns li:target{background:none}\n"
	"tbody tr:hover{background:none}\n"
	"table.xs tbody th{position:static}\n"
	"}\n";

/* Optional: sortable tables, opening the transcript a link points into,
 * and every <details> open before printing. The page works without it. */
static const char js[] =
	"(function(){var d=document;d.documentElement.className+=' js';\n"
	"function reveal(){var id=decodeURIComponent(location.hash.slice(1));var e=id&&d.getElementById(id);"
	"if(!e)return;for(var n=e;n;n=n.parentElement)if(n.tagName==='DETAILS')n.open=true;e.scrollIntoView();}\n"
	"addEventListener('hashchange',reveal);if(location.hash)reveal();\n"
	"addEventListener('beforeprint',function(){d.querySelectorAll('details').forEach(function(x){x.open=true;});});\n"
	"d.querySelectorAll('table.sortable').forEach(function(t){var hs=t.tHead.rows[0].cells;"
	"Array.prototype.forEach.call(hs,function(th,i){th.addEventListener('click',function(){"
	"var up=th.getAttribute('aria-sort')!=='ascending',b=t.tBodies[0],rs=Array.prototype.slice.call(b.rows);"
	"Array.prototype.forEach.call(hs,function(h){h.removeAttribute('aria-sort');});"
	"th.setAttribute('aria-sort',up?'ascending':'descending');"
	"function k(r){var c=r.cells[i];var v=c?(c.getAttribute('data-v')||c.textContent):'';var x=parseFloat(v);"
	"return isNaN(x)?v.toLowerCase():x;}"
	"rs.sort(function(a,b2){var x=k(a),y=k(b2);var c=typeof x===typeof y?(x<y?-1:x>y?1:0):(typeof x==='number'?-1:1);"
	"return up?c:-c;});rs.forEach(function(r){b.appendChild(r);});});});});})();\n";

static void head(struct report *r, const char *title)
{
	FILE *f = r->out;

	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<meta name=\"generator\" content=\"codeer " CODEER_VERSION "\">\n<title>", f);
	esc(f, title);
	fputs(" – codeer report</title>\n<style>\n", f);
	fputs(css, f);
	fputs("</style>\n</head>\n<body>\n", f);
}

static void card(FILE *f, size_t n, const char *what)
{
	char digits[32], grouped[48];
	size_t len, k = 0;

	/* 39113 as 39,113 */
	len = (size_t)snprintf(digits, sizeof(digits), "%zu", n);
	for (size_t i = 0; i < len; i++) {
		if (i && (len - i) % 3 == 0)
			grouped[k++] = ',';
		grouped[k++] = digits[i];
	}
	grouped[k] = '\0';
	fprintf(f, "<div class=\"card\"><b>%s</b><span>%s</span></div>\n", grouped, what);
}

static void overview(struct report *r)
{
	FILE *f = r->out;
	cdr_cases *cases = cdr_project_cases(r->p);
	size_t nschemes = cdr_schemes_count(r->set);

	fputs("<section class=\"part\" id=\"overview\">\n<h2>Corpus</h2>\n<div class=\"cards\">\n", f);
	card(f, r->ndocs, plural(r->ndocs, "document", "documents"));
	card(f, cdr_cases_count(cases), plural(cdr_cases_count(cases), "case", "cases"));
	card(f, r->turns, plural(r->turns, "turn", "turns"));
	card(f, r->words, plural(r->words, "word", "words"));
	card(f, r->ncoders, plural(r->ncoders, "coder", "coders"));
	card(f, nschemes, plural(nschemes, "scheme", "schemes"));
	card(f, r->nselected, plural(r->nselected, "code", "codes"));
	card(f, r->segments, plural(r->segments, "coded segment", "coded segments"));
	fputs("</div>\n<dl class=\"facts\">\n<dt>Coders</dt><dd>", f);
	for (size_t i = 0; i < r->ncoders; i++) {
		fputs(i ? ", " : "", f);
		esc(f, r->coders[i]);
	}
	if (r->ncoders == 0)
		fputs("none yet", f);
	fputs("</dd>\n<dt>Schemes</dt><dd>", f);
	for (size_t s = 0; s < nschemes; s++) {
		const cdr_scheme *sc = cdr_schemes_get(r->set, s);
		fputs(s ? "; " : "", f);
		fputs("<b>", f);
		esc(f, cdr_scheme_id(sc));
		fputs("</b>", f);
		if (cdr_scheme_title(sc) && *cdr_scheme_title(sc)) {
			fputs(" ", f);
			esc(f, cdr_scheme_title(sc));
		}
		fprintf(f, " (%zu %s)", cdr_scheme_code_count(sc), plural(cdr_scheme_code_count(sc), "code", "codes"));
	}
	if (nschemes == 0)
		fputs("none yet (<code>codeer scheme add</code>)", f);
	fputs("</dd>\n<dt>Codings shown</dt><dd>", f);
	if (r->o->coder) {
		fputs("coder ", f);
		esc(f, r->o->coder);
	} else {
		fputs("every coder's", f);
	}
	fputs("; rejected proposals left out</dd>\n</dl>\n", f);
	fputs("<div class=\"scroll\"><table class=\"list sortable\" id=\"documents\">\n<caption>Documents</caption>\n"
	      "<thead><tr><th>document</th><th>case</th><th class=\"num\">turns</th><th class=\"num\">words</th>"
	      "<th class=\"num\">coded segments</th></tr></thead>\n<tbody>\n", f);
	for (size_t i = 0; i < r->ndocs; i++) {
		const struct rdoc *d = &r->docs[i];
		fputs("<tr><td><a href=\"#doc-", f);
		put_anchor(f, d->id);
		fputs("\">", f);
		esc(f, d->id);
		fputs("</a></td><td>", f);
		esc(f, d->case_id);
		fprintf(f, "</td><td class=\"num\">%zu</td><td class=\"num\">%zu</td><td class=\"num\">%zu</td></tr>\n",
			d->turns, d->words, d->codings);
	}
	fprintf(f, "</tbody>\n<tfoot><tr><th>total</th><th></th><th class=\"num\">%zu</th><th class=\"num\">%zu</th>"
		   "<th class=\"num\">%zu</th></tr></tfoot>\n</table></div>\n</section>\n",
		r->turns, r->words, r->segments);
}

static void bar(FILE *f, const char *cls, size_t v, size_t max)
{
	fprintf(f, "<td class=\"bars\" data-v=\"%zu\"><div class=\"b%s\"><i style=\"width:%.1f%%\"></i></div><span>%zu</span></td>",
		v, cls, max ? 100.0 * (double)v / (double)max : 0.0, v);
}

static void frequencies(struct report *r)
{
	FILE *f = r->out;
	size_t maxseg = 0, maxdocs = 0;

	fputs("<section class=\"part\" id=\"codes\">\n<h2>Code frequencies</h2>\n", f);
	if (r->nselected == 0) {
		fputs("<p class=\"note\">No codes: the project has no code schemes yet.</p>\n</section>\n", f);
		return;
	}
	for (size_t i = 0; i < r->ncodes; i++)
		if (r->codes[i].selected) {
			if (r->codes[i].segments > maxseg)
				maxseg = r->codes[i].segments;
			if (r->codes[i].docs > maxdocs)
				maxdocs = r->codes[i].docs;
		}
	fputs("<p class=\"note\">Segments: the coded passages; documents, cases: where the code occurs at least once; "
	      "words: the words in its segments. Subcodes are counted on their own, not in their parent.</p>\n", f);
	for (size_t s = 0; s < cdr_schemes_count(r->set); s++) {
		const cdr_scheme *sc = cdr_schemes_get(r->set, s);
		int any = 0;
		for (size_t i = 0; i < r->ncodes && !any; i++)
			any = r->codes[i].scheme == sc && r->codes[i].selected;
		if (!any)
			continue;
		fputs("<div class=\"scroll\"><table class=\"list sortable freq\">\n<caption>", f);
		esc(f, cdr_scheme_id(sc));
		if (cdr_scheme_title(sc) && *cdr_scheme_title(sc)) {
			fputs(" · ", f);
			esc(f, cdr_scheme_title(sc));
		}
		fputs("</caption>\n<thead><tr><th class=\"c-code\">code</th><th>label</th><th class=\"c-bar\">segments</th>"
		      "<th class=\"c-bar\">documents</th><th class=\"num c-n\">cases</th><th class=\"num c-w\">words</th></tr>"
		      "</thead>\n<tbody>\n", f);
		for (size_t i = 0; i < r->ncodes; i++) {
			const struct rcode *c = &r->codes[i];
			if (c->scheme != sc || !c->selected)
				continue;
			fputs(c->segments ? "<tr><td class=\"code\"" : "<tr class=\"zero\"><td class=\"code\"", f);
			if (c->code->depth)
				fprintf(f, " style=\"padding-left:%.1fem\"", 0.7 + 1.1 * (double)c->code->depth);
			fputs(">", f);
			if (c->nquotes) {
				fputs("<a href=\"#code-", f);
				put_anchor(f, c->code->qualified);
				fputs("\">", f);
				esc(f, c->name);
				fputs("</a>", f);
			} else {
				esc(f, c->name);
			}
			fputs("</td><td>", f);
			esc(f, c->code->label);
			fputs("</td>", f);
			bar(f, "", c->segments, maxseg);
			bar(f, " d", c->docs, maxdocs);
			fprintf(f, "<td class=\"num\">%zu</td><td class=\"num\">%zu</td></tr>\n", c->cases, c->words);
		}
		fputs("</tbody>\n</table></div>\n", f);
	}
	fputs("</section>\n", f);
}

/* cell colour and whether its number is drawn in white */
static int cell_fill(char fill[16], double v, double max)
{
	double t = heat(v, max);

	if (t <= 0) {
		snprintf(fill, 16, "%s", "#f6f7f9");
		return 0;
	}
	ramp(fill, t);
	return t > 0.55;
}

static void legend(FILE *f, double max, const char *what)
{
	fputs("<div class=\"legend\">", f);
	fputs("<i style=\"background:#f6f7f9\"></i> 0", f);
	for (int k = 1; k <= 5; k++) {
		/* five steps up to the largest count, or each count when there are fewer */
		double v = max <= 5 ? (double)k : ceil((double)k * max / 5.0);
		char fill[16];
		if (v > max)
			break;
		cell_fill(fill, v, max);
		fprintf(f, " <i style=\"background:%s\"></i> ", fill);
		put_num(f, v);
	}
	fprintf(f, " <span style=\"margin-left:8px\">%s</span></div>\n", what);
}

static void heatmap(struct report *r)
{
	FILE *f = r->out;
	cdr_matrix_options mo = { 0 };
	cdr_matrix *m = NULL;
	cdr_cases *cases = cdr_project_cases(r->p);
	size_t nr, nc, rowchars = 5, colchars = 5;
	/* sizes in px; a label of 12px system-ui takes about 6.6px per character */
	double max = 0, cw, ch = 24, charw = 6.6, left, top, width, height, gap = 8, totw = 44, right = 0, fit = 1130;

	fputs("<section class=\"part\" id=\"matrix\">\n<h2>Codes by case</h2>\n", f);
	mo.rows = CDR_ROWS_CASE;
	mo.cols = CDR_COLS_CODE;
	mo.codes = r->o->ncodes ? r->selected : NULL;
	mo.ncodes = r->o->ncodes ? r->nselected : 0;
	mo.cell = CDR_CELL_COUNT;
	mo.coder = r->o->coder;
	if (r->nselected == 0 || cdr_matrix_build(&m, r->p, r->set, &mo) < 0 || cdr_matrix_total(m) <= 0) {
		cdr_error_clear();
		fputs("<p class=\"note\">No codings yet.</p>\n</section>\n", f);
		cdr_matrix_free(m);
		return;
	}
	nr = cdr_matrix_rows(m);
	nc = cdr_matrix_cols(m);
	for (size_t i = 0; i < nr; i++) {
		size_t n = cp_len(cdr_matrix_row_label(m, i));
		if (n > rowchars)
			rowchars = n;
		for (size_t j = 0; j < nc; j++)
			if (cdr_matrix_value(m, i, j) > max)
				max = cdr_matrix_value(m, i, j);
	}
	if (rowchars > 34)
		rowchars = 34;
	for (size_t j = 0; j < nc; j++) {
		const struct rcode *c = code_by_name(r, cdr_matrix_col_label(m, j));
		size_t n = cp_len(c ? c->name : cdr_matrix_col_label(m, j));
		if (n > colchars)
			colchars = n;
	}
	if (colchars > 28)
		colchars = 28;
	left = (double)rowchars * charw + 14;
	top = (double)colchars * charw * 0.7071 + 18;
	/* columns as wide as fits the page (1366px screens), within 24..34px */
	cw = (fit - left - gap - totw - 40) / (double)nc;
	cw = cw < 24 ? 24 : cw > 34 ? 34 : floor(cw);
	/* the rotated labels reach up and right of their column */
	for (size_t j = 0; j <= nc; j++) {
		const struct rcode *c = j < nc ? code_by_name(r, cdr_matrix_col_label(m, j)) : NULL;
		size_t n = j < nc ? cp_len(c ? c->name : cdr_matrix_col_label(m, j)) : 5;
		double x = left + (double)j * cw + cw / 2 + (j == nc ? gap + (totw - cw) / 2 : 0);
		double reach = x + (double)(n > 28 ? 28 : n) * charw * 0.7071 + 8 - (left + (double)nc * cw + gap + totw);
		if (reach > right)
			right = reach;
	}
	width = left + (double)nc * cw + gap + totw + right;
	height = top + (double)nr * ch + gap + ch + 4;
	fprintf(f, "<p class=\"note\">Coded segments per case and code (%zu %s, %zu %s with codings). The darker the cell, "
		   "the more segments.<span class=\"screen\"> Hover a cell for its case and code; click a code for its "
		   "quotes, a case for its transcript.</span></p>\n",
		nr, plural(nr, "case", "cases"), nc, plural(nc, "code", "codes"));
	fprintf(f, "<div class=\"scroll\"><svg class=\"heat\" role=\"img\" "
		   "width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" aria-label=\"codes by case\">\n",
		width, height, width, height);
	/* column labels, rotated */
	for (size_t j = 0; j <= nc; j++) {
		double x = left + (double)j * cw + cw / 2 + (j == nc ? gap + (totw - cw) / 2 : 0), y = top - 6;
		const char *label = j < nc ? cdr_matrix_col_label(m, j) : "total";
		const struct rcode *c = j < nc ? code_by_name(r, label) : NULL;
		if (c && c->nquotes) {
			fputs("<a href=\"#code-", f);
			put_anchor(f, c->code->qualified);
			fputs("\">", f);
		}
		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" transform=\"rotate(-45 %.1f %.1f)\"%s><title>", x, y, x, y,
			j == nc ? " font-weight=\"600\"" : "");
		esc(f, label);
		if (c) {
			fputs(": ", f);
			esc(f, c->code->label);
		}
		fputs("</title>", f);
		esc_cut(f, c ? c->name : label, 28);
		fputs(c && c->nquotes ? "</text></a>\n" : "</text>\n", f);
	}
	/* rows */
	for (size_t i = 0; i <= nr; i++) {
		double y = top + (double)i * ch + (i == nr ? gap : 0);
		const char *label = i < nr ? cdr_matrix_row_label(m, i) : "total";
		long ci = i < nr ? cdr_cases_find(cases, label) : -1;
		const char *doc = ci >= 0 && cdr_cases_doc_count(cases, (size_t)ci) ? cdr_cases_doc(cases, (size_t)ci, 0) : NULL;
		if (doc) {
			fputs("<a href=\"#doc-", f);
			put_anchor(f, doc);
			fputs("\">", f);
		}
		fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\" dominant-baseline=\"central\"%s><title>", left - 8,
			y + ch / 2, i == nr ? " font-weight=\"600\"" : "");
		esc(f, label);
		fputs(i < nr ? " (case)" : "", f);
		fputs("</title>", f);
		esc_cut(f, label, 34);
		fputs(doc ? "</text></a>\n" : "</text>\n", f);
		for (size_t j = 0; j <= nc; j++) {
			double x = left + (double)j * cw + (j == nc ? gap : 0);
			const char *col = j < nc ? cdr_matrix_col_label(m, j) : "total";
			double v = i < nr && j < nc ? cdr_matrix_value(m, i, j) :
				   i < nr ? cdr_matrix_row_total(m, i) :
				   j < nc ? cdr_matrix_col_total(m, j) : cdr_matrix_total(m);
			fputs("<g><title>", f);
			esc(f, label);
			fputs(" × ", f);
			esc(f, col);
			fputs(": ", f);
			put_num(f, v);
			fprintf(f, " coded %s</title>", v == 1 ? "segment" : "segments");
			if (i < nr && j < nc) {
				char fill[16];
				int white = cell_fill(fill, v, max);
				fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.0f\" height=\"%.0f\" rx=\"2\" fill=\"%s\"/>", x + 1,
					y + 1, cw - 2, ch - 2, fill);
				if (v > 0) {
					fprintf(f, "<text class=\"in%s\" x=\"%.1f\" y=\"%.1f\">", white ? " w" : "", x + cw / 2, y + ch / 2);
					put_num(f, v);
					fputs("</text>", f);
				}
			} else {
				fprintf(f, "<text class=\"tot\" x=\"%.1f\" y=\"%.1f\">", x + (j == nc ? totw : cw) / 2, y + ch / 2);
				put_num(f, v);
				fputs("</text>", f);
			}
			fputs("</g>\n", f);
		}
	}
	fputs("</svg></div>\n", f);
	legend(f, max, "coded segments");
	fputs("</section>\n", f);
	cdr_matrix_free(m);
}

/* the code of a cross-section cell: ids there are bare code ids */
static const struct rcode *code_by_id(const struct report *r, const char *id, size_t len)
{
	const struct rcode *first = NULL;

	for (size_t i = 0; i < r->ncodes; i++) {
		const cdr_code *c = r->codes[i].code;
		if (strlen(c->id) != len || memcmp(c->id, id, len) != 0)
			continue;
		if (r->codes[i].nquotes)
			return &r->codes[i];
		if (first == NULL)
			first = &r->codes[i];
	}
	return first;
}

/* a code as a chip: a link to its quotes when the report has them */
static void xs_chip(const struct report *r, const char *id, size_t len)
{
	FILE *f = r->out;
	const struct rcode *c = code_by_id(r, id, len);
	char *name = cdr_strndup(id, len);

	if (c && c->nquotes) {
		fputs("<a class=\"chip\" href=\"#code-", f);
		put_anchor(f, c->code->qualified);
		fputs("\" title=\"", f);
	} else {
		fputs("<span class=\"chip nq\" title=\"", f);
	}
	esc(f, c ? c->code->label : "");
	fputs("\">", f);
	esc(f, name);
	fputs(c && c->nquotes ? "</a>" : "</span>", f);
	free(name);
}

/* Is `s` "ID: " for one of the ids of the cell ("A, B")? Its length if so. */
static size_t item_head(const char *s, const char *ids)
{
	for (const char *p = ids; *p;) {
		const char *end = strstr(p, ", ");
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len && strncmp(s, p, len) == 0 && s[len] == ':' && s[len + 1] == ' ')
			return len;
		p += len;
		if (*p)
			p += 2;
	}
	return 0;
}

/* The quotes or memos of a cell, "ID: text" joined by `sep`, as a list. A
 * separator counts only where an id of the cell follows it. */
static void xs_items(const struct report *r, const char *text, const char *ids, const char *sep, int memos)
{
	FILE *f = r->out;
	size_t seplen = strlen(sep);
	const char *p = text;

	if (*text == '\0')
		return;
	fprintf(f, "<ul class=\"xq%s\">", memos ? " m" : "");
	while (*p) {
		size_t idlen = item_head(p, ids);
		const char *body = idlen ? p + idlen + 2 : p, *q = body, *end;
		char *item;
		for (end = strstr(q, sep); end && !item_head(end + seplen, ids); end = strstr(end + 1, sep))
			;
		if (end == NULL)
			end = body + strlen(body);
		fputs("<li>", f);
		if (idlen) {
			char *id = cdr_strndup(p, idlen);
			fputs("<b>", f);
			esc(f, id);
			fputs("</b>", f);
			free(id);
		}
		item = cdr_strndup(body, (size_t)(end - body));
		esc_cut(f, item ? item : "", 280);
		free(item);
		fputs("</li>", f);
		p = *end ? end + seplen : end;
	}
	fputs("</ul>", f);
}

/* the column of a header "column / subcolumn": its length */
/* the header of a column with sub-columns: "column" XS_SUBSEP "subcolumn" */
static size_t head_len(const char *label, const char **sub)
{
	const char *sep = strstr(label, XS_SUBSEP);

	*sub = sep ? sep + strlen(XS_SUBSEP) : NULL;
	return sep ? (size_t)(sep - label) : strlen(label);
}

static void xs_table(struct report *r, const struct xsect *x, size_t k)
{
	FILE *f = r->out;
	cdr_cases *cases = cdr_project_cases(r->p);
	const cdr_tsv_row *h = &x->ids[0];
	const char *base = strrchr(x->layout, '/'), *sub;
	int has_sub = 0;
	size_t t = 1;

	base = base ? base + 1 : x->layout;
	for (size_t j = 1; j < h->n; j++) {
		head_len(h->fields[j], &sub);
		has_sub |= sub != NULL;
	}
	if (x->nids < 2) {
		fputs("<p class=\"note\">No case has codings in the columns of <code>", f);
		esc(f, base);
		fputs("</code>.</p>\n", f);
		return;
	}
	fprintf(f, "<div class=\"scroll\"><table class=\"xs\" id=\"crosssection-%zu\">\n<caption>", k + 1);
	esc(f, base);
	fprintf(f, " · %zu %s</caption>\n<thead><tr><th%s>", x->nids - 1, plural(x->nids - 1, "case", "cases"),
		has_sub ? " rowspan=\"2\"" : "");
	esc(f, h->n ? h->fields[0] : "case");
	fputs("</th>", f);
	/* the columns; a column with sub-columns spans them */
	for (size_t j = 1; j < h->n;) {
		size_t len = head_len(h->fields[j], &sub), n = 1;
		char *name = cdr_strndup(h->fields[j], len);
		const char *s2;
		while (j + n < h->n && head_len(h->fields[j + n], &s2) == len &&
		       strncmp(h->fields[j + n], h->fields[j], len) == 0)
			n++;
		if (n == 1 && sub == NULL)
			fprintf(f, "<th%s>", has_sub ? " rowspan=\"2\"" : "");
		else
			fprintf(f, "<th class=\"grp\" colspan=\"%zu\" scope=\"colgroup\">", n);
		esc(f, name);
		fputs("</th>", f);
		free(name);
		j += n;
	}
	fputs("</tr>\n", f);
	if (has_sub) {
		fputs("<tr>", f);
		for (size_t j = 1; j < h->n;) {
			size_t len = head_len(h->fields[j], &sub), n = 1;
			const char *s2;
			while (j + n < h->n && head_len(h->fields[j + n], &s2) == len &&
			       strncmp(h->fields[j + n], h->fields[j], len) == 0)
				n++;
			for (size_t m = 0; m < n && (n > 1 || sub); m++) {
				head_len(h->fields[j + m], &s2);
				fputs("<th class=\"sub\">", f);
				esc(f, s2 ? s2 : "");
				fputs("</th>", f);
			}
			j += n;
		}
		fputs("</tr>\n", f);
	}
	fputs("</thead>\n<tbody>\n", f);
	for (size_t i = 1; i < x->nids; i++) {
		const cdr_tsv_row *row = &x->ids[i];
		const char *case_id = row->n ? row->fields[0] : "";
		long ci = cdr_cases_find(cases, case_id);
		const char *doc = ci >= 0 && cdr_cases_doc_count(cases, (size_t)ci) ? cdr_cases_doc(cases, (size_t)ci, 0) : NULL;
		const cdr_tsv_row *text = NULL;
		/* the same case among the rows with the text (every case, same order) */
		while (t < x->ntext && (x->text[t].n == 0 || strcmp(x->text[t].fields[0], case_id) != 0))
			t++;
		if (t < x->ntext)
			text = &x->text[t];
		fputs("<tr><th scope=\"row\">", f);
		if (doc) {
			fputs("<a href=\"#doc-", f);
			put_anchor(f, doc);
			fputs("\">", f);
		}
		esc(f, case_id);
		fputs(doc ? "</a></th>" : "</th>", f);
		for (size_t j = 1; j < h->n; j++) {
			const char *ids = j < row->n ? row->fields[j] : "";
			fputs(text && *ids ? "<td class=\"t\">" : "<td>", f);
			for (const char *p = ids; *p;) {
				const char *end = strstr(p, ", ");
				size_t len = end ? (size_t)(end - p) : strlen(p);
				xs_chip(r, p, len);
				p += len;
				if (*p)
					p += 2;
			}
			if (text && j < text->n)
				xs_items(r, text->fields[j], ids, r->o->layout_cell == CDR_CS_MEMOS ? "; " : " | ",
					 r->o->layout_cell == CDR_CS_MEMOS);
			fputs("</td>", f);
		}
		fputs("</tr>\n", f);
	}
	fputs("</tbody>\n</table></div>\n", f);
}

static void crosssections(struct report *r)
{
	FILE *f = r->out;
	cdr_cs_cell cell = r->o->layout_cell;

	if (r->nxs == 0)
		return;
	fputs("<section class=\"part\" id=\"crosssection\">\n<h2>Cross-section</h2>\n", f);
	fprintf(f, "<p class=\"note\">The dwarsdoorsnede (<code>codeer crosssection</code>): one row per case with codings in "
		   "the columns of the layout, and in each cell the codes present%s.<span class=\"screen\"> Click a code for "
		   "its quotes, a case for its transcript.</span></p>\n",
		cell == CDR_CS_QUOTES ? ", with their coded segments" :
		cell == CDR_CS_MEMOS ? ", with the coders' memos on them" : "");
	for (size_t k = 0; k < r->nxs; k++)
		xs_table(r, &r->xs[k], k);
	fputs("</section>\n", f);
}

static const char *within_name(cdr_within w)
{
	switch (w) {
	case CDR_WITHIN_SENTENCE: return "sentences holding both codes";
	case CDR_WITHIN_TURN: return "turns holding both codes";
	case CDR_WITHIN_DOCUMENT: return "documents holding both codes";
	default: return "pairs of overlapping coded segments";
	}
}

static int cooccurrence(struct report *r)
{
	FILE *f = r->out;
	cdr_matrix *m = NULL;
	size_t n, *idx = NULL, k = 0;
	double max = 0;
	int rc;

	fputs("<section class=\"part\" id=\"cooccurrence\">\n<h2>Co-occurrence</h2>\n", f);
	if (r->nselected == 0) {
		fputs("<p class=\"note\">No codes.</p>\n</section>\n", f);
		return 0;
	}
	if ((rc = cdr_cooccur(&m, r->p, r->set, r->o->coder, r->o->ncodes ? r->selected : NULL,
			      r->o->ncodes ? r->nselected : 0, r->o->within, 0)) < 0)
		return rc;
	n = cdr_matrix_cols(m);
	if ((idx = cdr_calloc(n + 1, sizeof(size_t))) == NULL) {
		cdr_matrix_free(m);
		return CDR_ENOMEM;
	}
	for (size_t j = 0; j < n; j++)
		if (cdr_matrix_value(m, j, j) > 0)
			idx[k++] = j;
	for (size_t a = 0; a < k; a++)
		for (size_t b = 0; b < k; b++)
			if (a != b && cdr_matrix_value(m, idx[a], idx[b]) > max)
				max = cdr_matrix_value(m, idx[a], idx[b]);
	if (k == 0) {
		fputs("<p class=\"note\">No codings yet.</p>\n", f);
	} else {
		fprintf(f, "<p class=\"note\">Each cell counts the %s; the diagonal (grey) counts the %s with the code "
			   "itself. %s</p>\n",
			within_name(r->o->within),
			r->o->within == CDR_WITHIN_SEGMENT ? "segments" :
			r->o->within == CDR_WITHIN_SENTENCE ? "sentences" :
			r->o->within == CDR_WITHIN_TURN ? "turns" : "documents",
			max > 0 ? "" : "No two codes occur together.");
		fputs("<div class=\"scroll\"><table class=\"co\">\n<thead><tr><th></th>", f);
		for (size_t b = 0; b < k; b++) {
			const char *label = cdr_matrix_col_label(m, idx[b]);
			const struct rcode *c = code_by_name(r, label);
			fputs("<th class=\"v\" title=\"", f);
			esc(f, label);
			if (c) {
				fputs(": ", f);
				esc(f, c->code->label);
			}
			fputs("\"><span>", f);
			esc_cut(f, c ? c->name : label, 28);
			fputs("</span></th>", f);
		}
		fputs("</tr></thead>\n<tbody>\n", f);
		for (size_t a = 0; a < k; a++) {
			const char *rl = cdr_matrix_row_label(m, idx[a]);
			const struct rcode *rcode = code_by_name(r, rl);
			fputs("<tr><th title=\"", f);
			esc(f, rl);
			if (rcode) {
				fputs(": ", f);
				esc(f, rcode->code->label);
			}
			fputs("\">", f);
			if (rcode && rcode->nquotes) {
				fputs("<a href=\"#code-", f);
				put_anchor(f, rcode->code->qualified);
				fputs("\">", f);
			}
			esc_cut(f, rcode ? rcode->name : rl, 28);
			fputs(rcode && rcode->nquotes ? "</a></th>" : "</th>", f);
			for (size_t b = 0; b < k; b++) {
				double v = cdr_matrix_value(m, idx[a], idx[b]);
				const char *cl = cdr_matrix_col_label(m, idx[b]);
				const struct rcode *ccode = code_by_name(r, cl);
				fputs("<td", f);
				if (a == b) {
					fputs(" class=\"dg\"", f);
				} else if (v > 0) {
					char fill[16];
					int white = cell_fill(fill, v, max);
					fprintf(f, "%s style=\"background:%s\"", white ? " class=\"w\"" : "", fill);
				}
				fputs(" title=\"", f);
				esc(f, rcode ? rcode->name : rl);
				fputs(" × ", f);
				esc(f, ccode ? ccode->name : cl);
				fputs(": ", f);
				put_num(f, v);
				fputs("\">", f);
				if (v > 0)
					put_num(f, v);
				fputs("</td>", f);
			}
			fputs("</tr>\n", f);
		}
		fputs("</tbody>\n</table></div>\n", f);
		if (max > 0)
			legend(f, max, within_name(r->o->within));
	}
	fputs("</section>\n", f);
	free(idx);
	cdr_matrix_free(m);
	return 0;
}

static void coef(FILE *f, cdr_coef c, int badge)
{
	if (!c.defined) {
		fputs("<td class=\"num\" data-v=\"\" title=\"", f);
		esc(f, c.why ? c.why : "undefined");
		fputs("\">–</td>", f);
		return;
	}
	fprintf(f, "<td class=\"num\" data-v=\"%.6f\">", c.value);
	if (badge)
		fprintf(f, "<span class=\"alpha %s\">%.3f</span></td>",
			c.value >= 0.8 ? "a-good" : c.value >= 0.667 ? "a-ok" : "a-low", c.value);
	else
		fprintf(f, "%.3f</td>", c.value);
}

static int cmp_alpha(const void *x, const void *y)
{
	const double *a = x, *b = y;

	/* worst first, undefined last, then in scheme order */
	if (isnan(a[0]) || isnan(b[0])) {
		if (isnan(a[0]) != isnan(b[0]))
			return isnan(a[0]) ? 1 : -1;
	} else if (a[0] != b[0]) {
		return a[0] < b[0] ? -1 : 1;
	}
	return a[1] < b[1] ? -1 : a[1] > b[1];
}

static int agreement(struct report *r)
{
	FILE *f = r->out;
	const cdr_report_options *o = r->o;
	cdr_agree_options ao = { 0 };
	cdr_agreement *a = NULL;
	const char *pair[2];
	double *order = NULL;
	size_t n, ncoders;
	int rc;

	fputs("<section class=\"part\" id=\"agreement\">\n<h2>Agreement between coders</h2>\n", f);
	if (o->ncoders >= 2) {
		ao.coders = o->coders;
		ao.ncoders = o->ncoders;
	} else if (r->ncoders >= 2) {
		pair[0] = r->coders[0];
		pair[1] = r->coders[1];
		ao.coders = pair;
		ao.ncoders = 2;
	} else {
		fprintf(f, "<p class=\"note\">Agreement needs two coders; this project has %s.</p>\n</section>\n",
			r->ncoders ? "one" : "none");
		return 0;
	}
	ncoders = ao.ncoders;
	ao.codes = o->ncodes ? r->selected : NULL;
	ao.ncodes = o->ncodes ? r->nselected : 0;
	ao.unit = o->unit;
	if ((rc = cdr_agreement_build(&a, r->p, r->set, &ao)) < 0) {
		if (o->ncoders >= 2 || rc == CDR_ENOMEM)
			return rc;
		fputs("<p class=\"note\">No comparison of ", f);
		for (size_t i = 0; i < ncoders; i++) {
			fputs(i ? " and " : "", f);
			esc(f, ao.coders[i]);
		}
		fputs(": ", f);
		esc(f, cdr_error_last());
		fputs(".</p>\n</section>\n", f);
		cdr_error_clear();
		return 0;
	}
	n = cdr_agreement_count(a);
	fputs("<p class=\"note\">Coders <b>", f);
	for (size_t i = 0; i < ncoders; i++) {
		fputs(i ? (i + 1 == ncoders ? "</b> and <b>" : "</b>, <b>") : "", f);
		esc(f, ao.coders[i]);
	}
	fprintf(f, "</b>, per %s, on the %zu %s they all coded. A %s counts as coded with a code when a coder put the code "
		   "anywhere in it. %s; Krippendorff's α (nominal) of .800 or more is good, .667 to .800 allows tentative "
		   "conclusions. Worst first.</p>\n",
		cdr_unit_kind_name(o->unit), cdr_agreement_doc_count(a), plural(cdr_agreement_doc_count(a), "document", "documents"),
		cdr_unit_kind_name(o->unit), ncoders == 2 ? "κ is Cohen's kappa" : "κ is Fleiss' kappa");
	if ((order = cdr_calloc(2 * n + 2, sizeof(double))) == NULL) {
		cdr_agreement_free(a);
		return CDR_ENOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		cdr_coef al = cdr_agree_alpha(cdr_agreement_data(a, i), CDR_LEVEL_NOMINAL);
		order[2 * i] = al.defined ? al.value : NAN;
		order[2 * i + 1] = (double)i;
	}
	cdr_sort(order, n, 2 * sizeof(double), cmp_alpha);
	fprintf(f, "<div class=\"scroll\"><table class=\"list sortable\" id=\"agreement-table\">\n"
		   "<thead><tr><th>code</th><th>label</th><th class=\"num\">%ss</th><th class=\"num\">coded</th>"
		   "<th class=\"num\">agreement</th><th class=\"num\">κ</th><th class=\"num\">α</th></tr></thead>\n<tbody>\n",
		cdr_unit_kind_name(o->unit));
	for (size_t k = 0; k < n; k++) {
		size_t i = (size_t)order[2 * k + 1], coded = 0;
		const cdr_rdata *d = cdr_agreement_data(a, i);
		const char *name = cdr_agreement_name(a, i);
		const struct rcode *c = code_by_name(r, name);
		cdr_coef pa = cdr_agree_percent(d);
		for (size_t u = 0; u < cdr_rdata_units(d); u++) {
			int any = 0;
			for (size_t j = 0; j < ncoders; j++)
				any |= cdr_rdata_get(d, u, j) > 0;
			coded += (size_t)any;
		}
		fputs("<tr><td class=\"code\">", f);
		if (c && c->nquotes) {
			fputs("<a href=\"#code-", f);
			put_anchor(f, c->code->qualified);
			fputs("\">", f);
		}
		esc(f, c ? c->name : name);
		fputs(c && c->nquotes ? "</a></td><td>" : "</td><td>", f);
		esc(f, c ? c->code->label : "");
		fprintf(f, "</td><td class=\"num\">%zu</td><td class=\"num\">%zu</td>", cdr_rdata_units(d), coded);
		if (pa.defined)
			fprintf(f, "<td class=\"num\" data-v=\"%.6f\">%.1f%%</td>", pa.value, 100.0 * pa.value);
		else
			fputs("<td class=\"num\">–</td>", f);
		coef(f, ncoders == 2 ? cdr_agree_cohen(d, CDR_WEIGHTS_NONE) : cdr_agree_fleiss(d), 0);
		coef(f, cdr_agree_alpha(d, CDR_LEVEL_NOMINAL), 1);
		fputs("</tr>\n", f);
	}
	fputs("</tbody>\n", f);
	if (cdr_agreement_overall(a)) {
		const cdr_rdata *d = cdr_agreement_overall(a);
		cdr_coef pa = cdr_agree_percent(d);
		fprintf(f, "<tfoot><tr><th colspan=\"2\">all codes together</th><th class=\"num\">%zu</th><th></th>",
			cdr_rdata_units(d));
		if (pa.defined)
			fprintf(f, "<th class=\"num\">%.1f%%</th>", 100.0 * pa.value);
		else
			fputs("<th class=\"num\">–</th>", f);
		coef(f, ncoders == 2 ? cdr_agree_cohen(d, CDR_WEIGHTS_NONE) : cdr_agree_fleiss(d), 0);
		coef(f, cdr_agree_alpha(d, CDR_LEVEL_NOMINAL), 1);
		fputs("</tr></tfoot>\n", f);
	}
	fputs("</table></div>\n<p class=\"note\">Every coefficient with its standard error and the units where the coders "
	      "differ: <code>codeer agree --coders ", f);
	for (size_t i = 0; i < ncoders; i++) {
		fputs(i ? "," : "", f);
		esc(f, ao.coders[i]);
	}
	fputs(" --show-disagreements</code>.</p>\n</section>\n", f);
	free(order);
	cdr_agreement_free(a);
	return 0;
}

static void def_line(FILE *f, const char *key, const char *text)
{
	if (text == NULL || *text == '\0')
		return;
	fprintf(f, "<p><span class=\"k\">%s</span> ", key);
	esc(f, text);
	fputs("</p>\n", f);
}

static void quotes(struct report *r)
{
	FILE *f = r->out;
	size_t empty = 0;

	fputs("<section class=\"part\" id=\"quotes\">\n<h2>Quotes per code</h2>\n", f);
	fputs("<p class=\"note\">Each code with its definition and its coded segments, in document order. "
	      "The link under a quote opens its turn in the transcript.</p>\n", f);
	for (size_t i = 0; i < r->ncodes; i++) {
		const struct rcode *c = &r->codes[i];
		if (!c->selected)
			continue;
		if (c->nquotes == 0) {
			empty++;
			continue;
		}
		fputs("<section class=\"code-sec\">\n<h3 id=\"code-", f);
		put_anchor(f, c->code->qualified);
		fputs("\">", f);
		esc(f, c->name);
		fputs(" <span class=\"lbl\">", f);
		esc(f, c->code->label);
		fprintf(f, "</span><span class=\"n\">%zu %s", c->nquotes, plural(c->nquotes, "segment", "segments"));
		if (strcmp(c->name, c->code->qualified) != 0) {
			fputs(" · ", f);
			esc(f, c->code->qualified);
		}
		fputs("</span></h3>\n<div class=\"def\">\n", f);
		def_line(f, "Definition", c->code->definition);
		def_line(f, "Include", c->code->include);
		def_line(f, "Exclude", c->code->exclude);
		fputs("</div>\n<ol class=\"quotes\">\n", f);
		if (c->qlen)
			fwrite(c->qbuf, 1, c->qlen, f);
		fputs("</ol>\n</section>\n", f);
	}
	if (empty) {
		size_t k = 0;
		fprintf(f, "<p class=\"note\">No segments for %zu %s: ", empty, plural(empty, "code", "codes"));
		for (size_t i = 0; i < r->ncodes; i++)
			if (r->codes[i].selected && r->codes[i].nquotes == 0) {
				fputs(k++ ? ", " : "", f);
				esc(f, r->codes[i].name);
			}
		fputs(".</p>\n", f);
	}
	fputs("</section>\n", f);
}

static int transcripts(struct report *r)
{
	FILE *f = r->out;
	size_t mk = 0;
	int rc = 0;

	fputs("<section class=\"part\" id=\"transcripts\">\n<h2>Transcripts</h2>\n", f);
	fputs("<p class=\"note\">Every document turn by turn, with the codes on each turn.<span class=\"screen\"> Click a document to open it.</span></p>\n", f);
	for (size_t i = 0; i < r->ndocs && rc == 0; i++) {
		const struct rdoc *d = &r->docs[i];
		cdr_document *doc;
		size_t nt;
		if ((rc = cdr_project_doc_load(&doc, r->p, d->id, 1)) < 0)
			break;
		fputs("<section class=\"doc\" id=\"doc-", f);
		put_anchor(f, d->id);
		fputs("\">\n<details><summary><b>", f);
		esc(f, d->id);
		fputs("</b><span class=\"meta\">", f);
		if (*d->case_id && strcmp(d->case_id, d->id) != 0) {
			fputs("case ", f);
			esc(f, d->case_id);
			fputs(" · ", f);
		}
		fprintf(f, "%zu %s · %zu %s · %zu coded %s</span></summary>\n<ol class=\"turns\">\n", d->turns,
			plural(d->turns, "turn", "turns"), d->words, plural(d->words, "word", "words"), d->codings,
			plural(d->codings, "segment", "segments"));
		nt = cdr_document_turn_count(doc);
		for (size_t t = 0; t < nt; t++) {
			const cdr_turn *turn = cdr_document_turn(doc, t);
			char *text = cdr_document_slice(doc, turn->span);
			if (text == NULL) {
				rc = cdr_error_set(CDR_ENOMEM, "out of memory");
				break;
			}
			fputs("<li id=\"doc-", f);
			put_anchor(f, d->id);
			fprintf(f, "-t%zu\"><span class=\"tn\">t%zu</span><span class=\"spk\">", t + 1, t + 1);
			esc(f, turn->speaker);
			if (turn->time && *turn->time) {
				fputs("<span class=\"time\">", f);
				esc(f, turn->time);
				fputs("</span>", f);
			}
			fputs("</span><div><div class=\"tx\">", f);
			esc(f, text);
			fputs("</div>", f);
			free(text);
			while (mk < r->nmarks && (r->marks[mk].doc < i || (r->marks[mk].doc == i && r->marks[mk].turn < (long)t)))
				mk++;
			if (mk < r->nmarks && r->marks[mk].doc == i && r->marks[mk].turn == (long)t) {
				size_t last = (size_t)-1;
				fputs("<span class=\"chips\">", f);
				for (; mk < r->nmarks && r->marks[mk].doc == i && r->marks[mk].turn == (long)t; mk++) {
					const struct rcode *c = &r->codes[r->marks[mk].code];
					if (r->marks[mk].code == last)
						continue;
					last = r->marks[mk].code;
					fputs("<a class=\"chip\" href=\"#code-", f);
					put_anchor(f, c->code->qualified);
					fputs("\" title=\"", f);
					esc(f, c->code->label);
					fputs("\">", f);
					esc(f, c->name);
					fputs("</a>", f);
				}
				fputs("</span>", f);
			}
			fputs("</div></li>\n", f);
		}
		if (nt == 0 && rc == 0) {
			size_t len;
			const char *text = cdr_document_text(doc, &len);
			fputs("<li><span class=\"tn\"></span><span class=\"spk\"></span><div class=\"tx\">", f);
			esc(f, text);
			fputs("</div></li>\n", f);
		}
		fputs("</ol>\n</details>\n</section>\n", f);
		cdr_document_free(doc);
	}
	fputs("</section>\n", f);
	return rc;
}

int cdr_report_write(cdr_project *p, const cdr_schemes *set, const cdr_report_options *o, FILE *out)
{
	static const cdr_report_options defaults = { 0 };
	struct report r;
	const char *title;
	char now[32];
	int rc;

	memset(&r, 0, sizeof(r));
	r.p = p;
	r.set = set;
	r.o = o ? o : &defaults;
	r.out = out;
	o = r.o;
	title = o->title && *o->title ? o->title : cdr_project_name(p);
	if (title == NULL || *title == '\0')
		title = "codeer project";
	if ((rc = cdr_coders_list(&r.coders, &r.ncoders, p)) < 0)
		goto done;
	if (o->coder) {
		int found = 0;
		for (size_t i = 0; i < r.ncoders; i++)
			found |= strcmp(r.coders[i], o->coder) == 0;
		if (!found) {
			rc = cdr_error_set(CDR_ENOTFOUND, "no coder '%s' in the project (no codings/%s.tsv)", o->coder, o->coder);
			goto done;
		}
	}
	/* the layouts first: an error in one should not wait for the rest */
	if ((rc = gather_crosssections(&r)) < 0 || (rc = gather_codes(&r)) < 0 || (rc = gather_freqs(&r)) < 0 || (rc = gather_docs(&r)) < 0 ||
	    (rc = gather_quotes(&r)) < 0)
		goto done;

	cdr_now_iso(now);
	head(&r, title);
	fputs("<header class=\"top\"><div class=\"wrap\">\n<h1>", out);
	esc(out, title);
	fputs("</h1>\n<p>codeer report · ", out);
	fprintf(out, "%zu %s · %zu coded %s", r.ndocs, plural(r.ndocs, "document", "documents"), r.segments,
		plural(r.segments, "segment", "segments"));
	if (o->coder) {
		fputs(" by ", out);
		esc(out, o->coder);
	}
	fprintf(out, " · generated %.10s</p>\n</div></header>\n", now);
	fputs("<nav class=\"toc\" aria-label=\"contents\"><ol>"
	      "<li><a href=\"#overview\">Corpus</a></li>"
	      "<li><a href=\"#codes\">Frequencies</a></li>"
	      "<li><a href=\"#matrix\">Codes by case</a></li>", out);
	if (r.nxs)
		fputs("<li><a href=\"#crosssection\">Cross-section</a></li>", out);
	fputs("<li><a href=\"#cooccurrence\">Co-occurrence</a></li>"
	      "<li><a href=\"#agreement\">Agreement</a></li>"
	      "<li><a href=\"#quotes\">Quotes</a></li>"
	      "<li><a href=\"#transcripts\">Transcripts</a></li>"
	      "</ol></nav>\n<main class=\"wrap\">\n", out);
	overview(&r);
	frequencies(&r);
	heatmap(&r);
	crosssections(&r);
	if ((rc = cooccurrence(&r)) < 0 || (rc = agreement(&r)) < 0)
		goto done;
	quotes(&r);
	if ((rc = transcripts(&r)) < 0)
		goto done;
	fprintf(out, "</main>\n<footer><div class=\"wrap\">Made with codeer %s on %s. One file: no fonts, scripts or "
		     "images from elsewhere.</div></footer>\n<script>\n", CODEER_VERSION, now);
	fputs(js, out);
	fputs("</script>\n</body>\n</html>\n", out);
	if (fflush(out) != 0 || ferror(out))
		rc = cdr_error_set(CDR_EIO, "cannot write the report");
done:
	for (size_t i = 0; r.codes && i < r.ncodes; i++) {
		if (r.codes[i].qf)
			fclose(r.codes[i].qf);
		free(r.codes[i].qbuf);
	}
	free(r.codes);
	free(r.selected);
	free(r.docs);
	free(r.marks);
	cdr_coders_free(r.coders, r.ncoders);
	for (size_t i = 0; i < r.nxs; i++)
		xsect_free(&r.xs[i]);
	free(r.xs);
	return rc;
}
