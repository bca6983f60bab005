/* report-text.c -- the text sections at the end of the report: the quotes
 * of every code (gathered by report-gather.c) and the transcripts, each
 * document read once more with the codes on its turns as chips. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report-internal.h"

static void def_line(FILE *f, const char *key, const char *text)
{
	if (text == NULL || *text == '\0')
		return;
	fprintf(f, "<p><span class=\"k\">%s</span> ", key);
	rpt_esc(f, text);
	fputs("</p>\n", f);
}

/* What --max-quotes left out, and the command that lists all of it:
 * the report deals out each code's own segments (not its subcodes'). */
static void more_line(const struct report *r, const struct rcode *c)
{
	FILE *f = r->out;
	size_t more = c->nquotes - c->shown;

	fprintf(f, "<p class=\"note more\">%zu more %s not shown (at most %ld per code); all of them: "
		   "<code>codeer quotes --no-children", more, rpt_plural(more, "segment", "segments"), r->o->max_quotes);
	if (r->coder) {
		fputs(" --coder ", f);
		rpt_esc(f, r->coder);
	}
	fputs(" ", f);
	rpt_esc(f, c->code->qualified);
	fputs("</code></p>\n", f);
}

void rpt_quotes(struct report *r)
{
	FILE *f = r->out;
	size_t empty = 0;

	fputs("<section class=\"part\" id=\"quotes\">\n<h2>Quotes per code</h2>\n", f);
	fputs("<p class=\"note\">Each code with its definition and its coded segments, in document order.", f);
	if (r->o->max_quotes >= 0)
		fprintf(f, " At most %ld per code: the first in document order.", r->o->max_quotes);
	fputs(r->o->no_transcripts ? " This report leaves the transcripts out.</p>\n"
				   : " The link under a quote opens its turn in the transcript.</p>\n", f);
	for (size_t i = 0; i < r->ncodes; i++) {
		const struct rcode *c = &r->codes[i];
		if (!c->selected)
			continue;
		if (c->nquotes == 0) {
			empty++;
			continue;
		}
		fputs("<section class=\"code-sec\">\n<h3 id=\"code-", f);
		rpt_put_anchor(f, c->code->qualified);
		fputs("\">", f);
		rpt_esc(f, c->name);
		fputs(" <span class=\"lbl\">", f);
		rpt_esc(f, c->code->label);
		fprintf(f, "</span><span class=\"n\">%zu %s", c->nquotes, rpt_plural(c->nquotes, "segment", "segments"));
		if (strcmp(c->name, c->code->qualified) != 0) {
			fputs(" · ", f);
			rpt_esc(f, c->code->qualified);
		}
		fputs("</span></h3>\n<div class=\"def\">\n", f);
		def_line(f, "Definition", c->code->definition);
		def_line(f, "Include", c->code->include);
		def_line(f, "Exclude", c->code->exclude);
		fputs("</div>\n<ol class=\"quotes\">\n", f);
		if (c->qlen)
			fwrite(c->qbuf, 1, c->qlen, f);
		fputs("</ol>\n", f);
		if (c->shown < c->nquotes)
			more_line(r, c);
		fputs("</section>\n", f);
	}
	if (empty) {
		size_t k = 0;
		fprintf(f, "<p class=\"note\">No segments for %zu %s: ", empty, rpt_plural(empty, "code", "codes"));
		for (size_t i = 0; i < r->ncodes; i++)
			if (r->codes[i].selected && r->codes[i].nquotes == 0) {
				fputs(k++ ? ", " : "", f);
				rpt_esc(f, r->codes[i].name);
			}
		fputs(".</p>\n", f);
	}
	fputs("</section>\n", f);
}

int rpt_transcripts(struct report *r)
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
		rpt_put_anchor(f, d->id);
		fputs("\">\n<details><summary><b>", f);
		rpt_esc(f, d->id);
		fputs("</b><span class=\"meta\">", f);
		if (*d->case_id && strcmp(d->case_id, d->id) != 0) {
			fputs("case ", f);
			rpt_esc(f, d->case_id);
			fputs(" · ", f);
		}
		fprintf(f, "%zu %s · %zu %s · %zu coded %s</span></summary>\n<ol class=\"turns\">\n", d->turns,
			rpt_plural(d->turns, "turn", "turns"), d->words, rpt_plural(d->words, "word", "words"), d->codings,
			rpt_plural(d->codings, "segment", "segments"));
		nt = cdr_document_turn_count(doc);
		for (size_t t = 0; t < nt; t++) {
			const cdr_turn *turn = cdr_document_turn(doc, t);
			char *text = cdr_document_slice(doc, turn->span);
			if (text == NULL) {
				rc = cdr_error_set(CDR_ENOMEM, "out of memory");
				break;
			}
			fputs("<li id=\"doc-", f);
			rpt_put_anchor(f, d->id);
			fprintf(f, "-t%zu\"><span class=\"tn\">t%zu</span><span class=\"spk\">", t + 1, t + 1);
			rpt_esc(f, turn->speaker);
			if (turn->time && *turn->time) {
				fputs("<span class=\"time\">", f);
				rpt_esc(f, turn->time);
				fputs("</span>", f);
			}
			fputs("</span><div><div class=\"tx\">", f);
			rpt_esc(f, text);
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
					rpt_put_anchor(f, c->code->qualified);
					fputs("\" title=\"", f);
					rpt_esc(f, c->code->label);
					fputs("\">", f);
					rpt_esc(f, c->name);
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
			rpt_esc(f, text);
			fputs("</div></li>\n", f);
		}
		fputs("</ol>\n</details>\n</section>\n", f);
		cdr_document_free(doc);
	}
	fputs("</section>\n", f);
	return rc;
}
