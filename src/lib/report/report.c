/* report.c -- the project as one self-contained HTML page (report.h).
 *
 * Everything comes from the layers below: frequencies and quotes from
 * retrieve.h, the heatmap and co-occurrence from matrix.h, the agreement
 * table from agreement.h. Quotes are gathered in one pass per top-level
 * code into a buffer per code, so every document is read a few times at
 * most; the transcripts are read once more, one document at a time, at
 * the end of the page. Every text from the project goes through
 * cdr_html_escape, and every anchor through rpt_put_anchor.
 *
 * This file: cdr_report_write -- gather, then the page skeleton (head,
 * title, contents) and the order of the sections, each written by its
 * own report-*.c (declared in report-internal.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report-internal.h"
#include "util/clock.h"

static void head(struct report *r, const char *title)
{
	FILE *f = r->out;

	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	      "<meta name=\"generator\" content=\"codeer " CODEER_VERSION "\">\n<title>", f);
	rpt_esc(f, title);
	fputs(" – codeer report</title>\n<style>\n", f);
	fputs(rpt_css, f);
	fputs("</style>\n</head>\n<body>\n", f);
}

int cdr_report_write(cdr_project *p, const cdr_schemes *set, const cdr_report_options *o, FILE *out)
{
	static const cdr_report_options defaults = { .max_quotes = -1 };
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
	/* whose codings count: one coder, or all of them on request; never
	 * every coder added up without a word (cdr_coders_choose) */
	if ((rc = cdr_coders_choose(&r.counted, &r.ncounted, &r.implicit, p, o->coder)) < 0)
		goto done;
	r.all = o->coder && strcmp(o->coder, "all") == 0;
	if (!r.all && r.ncounted > 1) {
		/* the frequencies and quotes below count one coder or every coder */
		rc = cdr_error_set(CDR_EUSAGE, "the report counts one coder or all of them, not a list ('%s')", o->coder);
		goto done;
	}
	r.coder = !r.all && r.ncounted == 1 ? r.counted[0] : NULL;
	/* the layouts first: an error in one should not wait for the rest */
	if ((rc = rpt_gather_crosssections(&r)) < 0 || (rc = rpt_gather_codes(&r)) < 0 || (rc = rpt_gather_freqs(&r)) < 0 || (rc = rpt_gather_docs(&r)) < 0 ||
	    (rc = rpt_gather_quotes(&r)) < 0)
		goto done;

	cdr_now_iso(now);
	head(&r, title);
	fputs("<header class=\"top\"><div class=\"wrap\">\n<h1>", out);
	rpt_esc(out, title);
	fputs("</h1>\n<p>codeer report · ", out);
	fprintf(out, "%zu %s · %zu coded %s", r.ndocs, rpt_plural(r.ndocs, "document", "documents"), r.segments,
		rpt_plural(r.segments, "segment", "segments"));
	fputs(" · counted: ", out);
	rpt_counted(&r, out);
	fprintf(out, " · generated %.10s</p>\n</div></header>\n", now);
	fputs("<nav class=\"toc\" aria-label=\"contents\"><ol>"
	      "<li><a href=\"#overview\">Corpus</a></li>"
	      "<li><a href=\"#codes\">Frequencies</a></li>"
	      "<li><a href=\"#matrix\">Codes by case</a></li>", out);
	if (r.nxs)
		fputs("<li><a href=\"#crosssection\">Cross-section</a></li>", out);
	fputs("<li><a href=\"#cooccurrence\">Co-occurrence</a></li>"
	      "<li><a href=\"#agreement\">Agreement</a></li>"
	      "<li><a href=\"#quotes\">Quotes</a></li>", out);
	if (!o->no_transcripts)
		fputs("<li><a href=\"#transcripts\">Transcripts</a></li>", out);
	fputs("</ol></nav>\n<main class=\"wrap\">\n", out);
	rpt_overview(&r);
	rpt_frequencies(&r);
	rpt_heatmap(&r);
	rpt_crosssections(&r);
	if ((rc = rpt_cooccurrence(&r)) < 0 || (rc = rpt_agreement(&r)) < 0)
		goto done;
	rpt_quotes(&r);
	if (!o->no_transcripts && (rc = rpt_transcripts(&r)) < 0)
		goto done;
	fprintf(out, "</main>\n<footer><div class=\"wrap\">Made with codeer %s on %s. One file: no fonts, scripts or "
		     "images from elsewhere.</div></footer>\n<script>\n", CODEER_VERSION, now);
	fputs(rpt_js, out);
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
	cdr_coders_free(r.counted, r.ncounted);
	for (size_t i = 0; i < r.nxs; i++)
		rpt_xsect_free(&r.xs[i]);
	free(r.xs);
	return rc;
}
