/* report-corpus.c -- the first sections of the report: the corpus overview
 * (cards, documents and cases) and the code frequencies with their bars. */
#include <stdio.h>

#include "report-internal.h"

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

void rpt_overview(struct report *r)
{
	FILE *f = r->out;
	cdr_cases *cases = cdr_project_cases(r->p);
	size_t nschemes = cdr_schemes_count(r->set);

	fputs("<section class=\"part\" id=\"overview\">\n<h2>Corpus</h2>\n<div class=\"cards\">\n", f);
	card(f, r->ndocs, rpt_plural(r->ndocs, "document", "documents"));
	card(f, cdr_cases_count(cases), rpt_plural(cdr_cases_count(cases), "case", "cases"));
	card(f, r->turns, rpt_plural(r->turns, "turn", "turns"));
	card(f, r->words, rpt_plural(r->words, "word", "words"));
	card(f, r->ncoders, rpt_plural(r->ncoders, "coder", "coders"));
	card(f, nschemes, rpt_plural(nschemes, "scheme", "schemes"));
	card(f, r->nselected, rpt_plural(r->nselected, "code", "codes"));
	card(f, r->segments, rpt_plural(r->segments, "coded segment", "coded segments"));
	fputs("</div>\n<dl class=\"facts\">\n<dt>Coders</dt><dd>", f);
	for (size_t i = 0; i < r->ncoders; i++) {
		fputs(i ? ", " : "", f);
		rpt_esc(f, r->coders[i]);
	}
	if (r->ncoders == 0)
		fputs("none yet", f);
	fputs("</dd>\n<dt>Schemes</dt><dd>", f);
	for (size_t s = 0; s < nschemes; s++) {
		const cdr_scheme *sc = cdr_schemes_get(r->set, s);
		fputs(s ? "; " : "", f);
		fputs("<b>", f);
		rpt_esc(f, cdr_scheme_id(sc));
		fputs("</b>", f);
		if (cdr_scheme_title(sc) && *cdr_scheme_title(sc)) {
			fputs(" ", f);
			rpt_esc(f, cdr_scheme_title(sc));
		}
		fprintf(f, " (%zu %s)", cdr_scheme_code_count(sc), rpt_plural(cdr_scheme_code_count(sc), "code", "codes"));
	}
	if (nschemes == 0)
		fputs("none yet (<code>codeer scheme add</code>)", f);
	fputs("</dd>\n<dt>Codings counted</dt><dd>", f);
	rpt_counted(r, f);
	fputs("; rejected proposals left out</dd>\n</dl>\n", f);
	fputs("<div class=\"scroll\"><table class=\"list sortable\" id=\"documents\">\n<caption>Documents</caption>\n"
	      "<thead><tr><th>document</th><th>case</th><th class=\"num\">turns</th><th class=\"num\">words</th>"
	      "<th class=\"num\">coded segments</th></tr></thead>\n<tbody>\n", f);
	for (size_t i = 0; i < r->ndocs; i++) {
		const struct rdoc *d = &r->docs[i];
		fputs("<tr><td>", f);
		rpt_doc_link(r, f, d->id, 0);
		rpt_esc(f, d->id);
		fputs(r->o->no_transcripts ? "</td><td>" : "</a></td><td>", f);
		rpt_esc(f, d->case_id);
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

void rpt_frequencies(struct report *r)
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
	rpt_counted_note(r);
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
		rpt_esc(f, cdr_scheme_id(sc));
		if (cdr_scheme_title(sc) && *cdr_scheme_title(sc)) {
			fputs(" · ", f);
			rpt_esc(f, cdr_scheme_title(sc));
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
				rpt_put_anchor(f, c->code->qualified);
				fputs("\">", f);
				rpt_esc(f, c->name);
				fputs("</a>", f);
			} else {
				rpt_esc(f, c->name);
			}
			fputs("</td><td>", f);
			rpt_esc(f, c->code->label);
			fputs("</td>", f);
			bar(f, "", c->segments, maxseg);
			bar(f, " d", c->docs, maxdocs);
			fprintf(f, "<td class=\"num\">%zu</td><td class=\"num\">%zu</td></tr>\n", c->cases, c->words);
		}
		fputs("</tbody>\n</table></div>\n", f);
	}
	fputs("</section>\n", f);
}
