/* report-agreement.c -- the agreement section of the report: coefficients
 * per code between coders of the project (agreement.h).
 *
 * Unless the coders are named, the section compares two hand coders: the
 * coder "auto" holds the rules' proposals, and agreement between a person
 * and the rules says how good the rules are, not how reliable the coding
 * is; that comparison is there on request (--coders auto,NAME). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report-internal.h"

static void coef(FILE *f, cdr_coef c, int badge)
{
	if (!c.defined) {
		fputs("<td class=\"num\" data-v=\"\" title=\"", f);
		rpt_esc(f, c.why ? c.why : "undefined");
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

int rpt_agreement(struct report *r)
{
	FILE *f = r->out;
	const cdr_report_options *o = r->o;
	cdr_agree_options ao = { 0 };
	cdr_agreement *a = NULL;
	cdr_agreement_row *rows = NULL;
	cdr_coef_choice kappa;
	const char *pair[2] = { NULL, NULL };
	size_t n, ncoders, nhand = 0;
	int rc;

	fputs("<section class=\"part\" id=\"agreement\">\n<h2>Agreement between coders</h2>\n", f);
	if (o->ncoders >= 2) {
		ao.coders = o->coders;
		ao.ncoders = o->ncoders;
	} else {
		/* the first two hand coders in name order */
		for (size_t i = 0; i < r->ncoders; i++)
			if (strcmp(r->coders[i], "auto") != 0 && nhand++ < 2)
				pair[nhand - 1] = r->coders[i];
		if (nhand < 2) {
			fputs("<p class=\"note\">No comparison: the section compares two hand coders (coders other than "
			      "<b>auto</b>, the rules' proposals), and this project has ", f);
			if (nhand == 1) {
				fputs("one, <b>", f);
				rpt_esc(f, pair[0]);
				fputs("</b>", f);
			} else {
				fputs("none", f);
			}
			fputs(". <code>codeer report --coders auto,NAME</code> compares the rules with a coder.</p>\n"
			      "</section>\n", f);
			return 0;
		}
		ao.coders = pair;
		ao.ncoders = 2;
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
			rpt_esc(f, ao.coders[i]);
		}
		fputs(": ", f);
		rpt_esc(f, cdr_error_last());
		fputs(".</p>\n</section>\n", f);
		cdr_error_clear();
		return 0;
	}
	n = cdr_agreement_count(a);
	/* the order and the coefficients of `codeer agree`'s per-code table */
	kappa = cdr_agree_kappa_choice(ncoders);
	if ((rc = cdr_agreement_summary(&rows, a, NULL)) < 0) {
		cdr_agreement_free(a);
		return rc;
	}
	fputs("<p class=\"note\">Coders <b>", f);
	for (size_t i = 0; i < ncoders; i++) {
		fputs(i ? (i + 1 == ncoders ? "</b> and <b>" : "</b>, <b>") : "", f);
		rpt_esc(f, ao.coders[i]);
	}
	fprintf(f, "</b>, per %s, on the %zu %s they all coded. A %s counts as coded with a code when a coder put the code "
		   "anywhere in it. κ is %s; Krippendorff's α (nominal) of .800 or more is good, .667 to .800 allows tentative "
		   "conclusions. Worst first.</p>\n",
		cdr_unit_kind_name(o->unit), cdr_agreement_doc_count(a), rpt_plural(cdr_agreement_doc_count(a), "document", "documents"),
		cdr_unit_kind_name(o->unit), kappa.name);
	if (o->ncoders < 2)
		fprintf(f, "<p class=\"note\">The first two of the project's %zu hand coders in name order (coders other "
			   "than <b>auto</b>, the rules' proposals); <code>--coders</code> compares others.</p>\n",
			nhand);
	fprintf(f, "<div class=\"scroll\"><table class=\"list sortable\" id=\"agreement-table\">\n"
		   "<thead><tr><th>code</th><th>label</th><th class=\"num\">%ss</th><th class=\"num\">coded</th>"
		   "<th class=\"num\">agreement</th><th class=\"num\">κ</th><th class=\"num\">α</th></tr></thead>\n<tbody>\n",
		cdr_unit_kind_name(o->unit));
	for (size_t k = 0; k < n; k++) {
		const cdr_agreement_row *row = &rows[k];
		const char *name = row->code;
		const struct rcode *c = rpt_code_by_name(r, name);
		cdr_coef pa = row->percent;
		fputs("<tr><td class=\"code\">", f);
		if (c && c->nquotes) {
			fputs("<a href=\"#code-", f);
			rpt_put_anchor(f, c->code->qualified);
			fputs("\">", f);
		}
		rpt_esc(f, c ? c->name : name);
		fputs(c && c->nquotes ? "</a></td><td>" : "</td><td>", f);
		rpt_esc(f, c ? c->code->label : "");
		fprintf(f, "</td><td class=\"num\">%zu</td><td class=\"num\">%zu</td>", row->units, row->coded);
		if (pa.defined)
			fprintf(f, "<td class=\"num\" data-v=\"%.6f\">%.1f%%</td>", pa.value, 100.0 * pa.value);
		else
			fputs("<td class=\"num\">–</td>", f);
		coef(f, row->kappa, 0);
		coef(f, row->alpha, 1);
		fputs("</tr>\n", f);
	}
	fputs("</tbody>\n", f);
	if (cdr_agreement_overall(a)) {
		const cdr_rdata *d = cdr_agreement_overall(a);
		cdr_coef pa = cdr_agree_percent(d), kc = cdr_agree_compute(d, &kappa.spec),
			 ac = cdr_agree_alpha(d, CDR_LEVEL_NOMINAL);
		if (pa.rc < 0 || kc.rc < 0 || ac.rc < 0) {
			free(rows);
			cdr_agreement_free(a);
			return CDR_ENOMEM;
		}
		fprintf(f, "<tfoot><tr><th colspan=\"2\">all codes together</th><th class=\"num\">%zu</th><th></th>",
			cdr_rdata_units(d));
		if (pa.defined)
			fprintf(f, "<th class=\"num\">%.1f%%</th>", 100.0 * pa.value);
		else
			fputs("<th class=\"num\">–</th>", f);
		coef(f, kc, 0);
		coef(f, ac, 1);
		fputs("</tr></tfoot>\n", f);
	}
	fputs("</table></div>\n<p class=\"note\">Every coefficient with its standard error and the units where the coders "
	      "differ: <code>codeer agree --coders ", f);
	for (size_t i = 0; i < ncoders; i++) {
		fputs(i ? "," : "", f);
		rpt_esc(f, ao.coders[i]);
	}
	fputs(" --show-disagreements</code>.</p>\n</section>\n", f);
	free(rows);
	cdr_agreement_free(a);
	return 0;
}
