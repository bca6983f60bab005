/* report-crosssection.c -- the cross-section tables of the report: one per
 * layout (crosssection.h), gathered by report-gather.c, with the codes of a
 * cell as chips and, when asked, their quotes or memos. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report-internal.h"

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
		rpt_put_anchor(f, c->code->qualified);
		fputs("\" title=\"", f);
	} else {
		fputs("<span class=\"chip nq\" title=\"", f);
	}
	rpt_esc(f, c ? c->code->label : "");
	fputs("\">", f);
	rpt_esc(f, name);
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
			rpt_esc(f, id);
			fputs("</b>", f);
			free(id);
		}
		item = cdr_strndup(body, (size_t)(end - body));
		rpt_esc_cut(f, item ? item : "", 280);
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
		rpt_esc(f, base);
		fputs("</code>.</p>\n", f);
		return;
	}
	fprintf(f, "<div class=\"scroll\"><table class=\"xs\" id=\"crosssection-%zu\">\n<caption>", k + 1);
	rpt_esc(f, base);
	fprintf(f, " · %zu %s</caption>\n<thead><tr><th%s>", x->nids - 1, rpt_plural(x->nids - 1, "case", "cases"),
		has_sub ? " rowspan=\"2\"" : "");
	rpt_esc(f, h->n ? h->fields[0] : "case");
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
		rpt_esc(f, name);
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
				rpt_esc(f, s2 ? s2 : "");
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
		if (r->o->no_transcripts)
			doc = NULL;
		if (doc)
			rpt_doc_link(r, f, doc, 0);
		rpt_esc(f, case_id);
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

void rpt_crosssections(struct report *r)
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
