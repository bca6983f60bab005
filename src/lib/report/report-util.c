/* report-util.c -- small writers and look-ups shared by the parts of the report.
 *
 * Escaping and cutting text, anchors, the colour ramp of the heatmaps,
 * numbers and plurals; finding a code or document of the report by its
 * project object or name. No HTML structure of its own. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report-internal.h"

void rpt_esc(FILE *f, const char *s)
{
	cdr_html_escape(f, s ? s : "");
}

/* An id for id="" and href="#": document and code ids are [A-Za-z0-9._-]
 * (and '/' between scheme and code), which stay; anything else becomes
 * _xx so that the fragment needs no further escaping. */
void rpt_put_anchor(FILE *f, const char *s)
{
	for (const unsigned char *u = (const unsigned char *)s; *u; u++) {
		if ((*u >= 'a' && *u <= 'z') || (*u >= 'A' && *u <= 'Z') || (*u >= '0' && *u <= '9') ||
		    *u == '-' || *u == '_' || *u == '.' || *u == '/')
			fputc(*u, f);
		else
			fprintf(f, "_%02x", *u);
	}
}

size_t rpt_cp_len(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* `s` escaped and cut to `max` code points with "…" */
void rpt_esc_cut(FILE *f, const char *s, size_t max)
{
	size_t n = 0;
	const char *p = s;

	if (rpt_cp_len(s) <= max) {
		rpt_esc(f, s);
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
		rpt_esc(f, head ? head : "");
		free(head);
	}
	fputs("…", f);
}

/* Blues, light to dark: a sequential ramp that stays ordered in grey */
void rpt_ramp(char out[16], double t)
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
double rpt_heat(double v, double max)
{
	if (!(v > 0) || !(max > 0))
		return 0;
	return 0.14 + 0.86 * pow(v / max, 0.6);
}

void rpt_put_num(FILE *f, double v)
{
	if (isnan(v))
		fputs("–", f);
	else
		fprintf(f, "%.0f", v);
}

const char *rpt_plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

void rpt_doc_link(const struct report *r, FILE *f, const char *doc, long turn)
{
	if (r->o->no_transcripts)
		return;
	fputs("<a href=\"#doc-", f);
	rpt_put_anchor(f, doc);
	if (turn > 0)
		fprintf(f, "-t%ld", turn);
	fputs("\">", f);
}

long rpt_find_code(const struct report *r, const cdr_code *c)
{
	for (size_t i = 0; i < r->ncodes; i++)
		if (r->codes[i].code == c)
			return (long)i;
	return -1;
}

const struct rcode *rpt_code_by_name(const struct report *r, const char *qualified)
{
	const cdr_code *c;
	long i;

	if (cdr_schemes_resolve(&c, r->set, qualified) < 0) {
		cdr_error_clear();
		return NULL;
	}
	return (i = rpt_find_code(r, c)) < 0 ? NULL : &r->codes[i];
}

long rpt_find_doc(struct report *r, const char *id)
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

/* Whose codings the counts are, as a phrase: the reader of a table must
 * know whether a passage two coders coded counts once or twice. */
void rpt_counted(const struct report *r, FILE *f)
{
	if (r->ncounted == 0) {
		fputs("no coder has codings yet", f);
		return;
	}
	if (r->all && r->ncounted > 1) {
		fprintf(f, "the codings of all %zu coders added up (", r->ncounted);
		for (size_t i = 0; i < r->ncounted; i++) {
			fputs(i ? ", " : "", f);
			fputs("<b>", f);
			rpt_esc(f, r->counted[i]);
			fputs("</b>", f);
		}
		fputs("): a passage coded by two coders counts twice", f);
		return;
	}
	fputs("the codings of coder <b>", f);
	rpt_esc(f, r->counted[0]);
	fputs("</b>", f);
	if (r->implicit)
		fputs(cdr_project_default_coder(r->p) ? " (the project's default coder)" : " (the only coder with codings)", f);
}

/* The line under a section's heading that says whose codings it counts. */
void rpt_counted_note(const struct report *r)
{
	fputs("<p class=\"note counted\">Counted: ", r->out);
	rpt_counted(r, r->out);
	fputs(".</p>\n", r->out);
}
