/* cmd-involvement.c -- who takes part in each intervention: the cases
 * with a code, and the actors coded on the same segment (seed 001's
 * Table 4.5). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "codeer/involvement.h"

static int involvement_exec(struct cli_ctx *ctx, const struct cli_args *a);

const struct cdr_cmd cmd_involvement = {
	.name = "involvement",
	.summary = "per code, the cases with it and the actors coded on the same segment",
	.opts = (const struct cli_opt[]){
		{ "codes", 0, CLI_OPT_LIST, "LIST", "the codes to make rows of (the interventions), in this order", NULL, 0 },
		{ "actors", 0, CLI_OPT_LIST, "LIST",
		  "the actor codes; the first is the one whose involvement and\n"
		  "solo work are counted (the professional)", NULL, 0 },
		{ "coder", 0, CLI_OPT_STRING, "NAME",
		  "whose codings: NAME, A,B or all (added up); default: the\n"
		  "project's default coder, else the only coder with codings", NULL, 0 },
		CLI_FORMAT_OPTION("table", "plain", "tsv", "csv", "json", "md", "html"),
		CLI_OUTPUT_OPTION,
		{ NULL },
	},
	.help = "A case has a code when one of its documents holds a coding of it; an actor is\n"
		"involved when one of its codings overlaps one of the code's codings there.\n"
		"Columns: cases, with (and with %: of the cases), self (the first actor\n"
		"involved; self %: of with), solo (no other actor; solo %: of self), partners\n"
		"(the mean number of actors involved, over with). See docs/involvement.md.\n",
	.examples = CLI_EXAMPLES("codeer involvement --codes \"IV.1, IV.2, IV.3, IV.4, IV.5, IV.6\" "
				 "--actors \"AC.PRO, AC.NW, AC.VV, AC.SZ\""),
	.exec = involvement_exec,
};

/* A count, a percentage or a mean: integers as they are, a percentage to
 * a whole number and a mean to two decimals in the text formats, full
 * precision in JSON; undefined (no cases to divide by) empty, null in JSON. */
static void cell(char *buf, size_t size, double x, int decimals, int json)
{
	if (json || isnan(x))
		cdr_number_format(buf, size, x);
	else
		snprintf(buf, size, "%.*f", decimals, x);
}

static int involvement_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	static const char *const head[] = { "code", "cases", "with", "with %", "self", "self %", "solo", "solo %", "partners" };
	size_t ncodes, nactors, ncoders = 0, nrows = 0;
	char *const *codes = cli_list(a, "codes", &ncodes);
	char *const *actors = cli_list(a, "actors", &nactors);
	char **coders = NULL;
	int implicit = 0, rc = EXIT_OK;
	cdr_project *p = NULL;
	cdr_schemes *set = NULL;
	cdr_involvement *rows = NULL;
	cdr_table *t = NULL;
	struct cli_out out = { 0 };

	if (ncodes == 0)
		return cli_usage_error(a->cmd, "--codes is required: the codes to make rows of");
	if (nactors == 0)
		return cli_usage_error(a->cmd, "--actors is required: the actor codes, the professional first");
	if ((rc = cli_out_open(&out, cli_str(a, "output"), cli_str(a, "format"), CLI_TABLE)) != EXIT_OK ||
	    (rc = cli_open_project(ctx, &p)) != EXIT_OK ||
	    (rc = cli_coders_choose(p, cli_str(a, "coder"), &coders, &ncoders, &implicit)) != EXIT_OK)
		goto done;
	if (cdr_schemes_load(&set, p) < 0 ||
	    cdr_involvement_build(&rows, &nrows, p, set, (const char *const *)coders, ncoders,
				  (const char *const *)codes, ncodes, (const char *const *)actors, nactors) < 0 ||
	    cdr_table_new(&t, 9, head) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	for (size_t j = 1; j < 9; j++)
		cdr_table_set_numeric(t, j);
	for (size_t i = 0; i < nrows && rc == EXIT_OK; i++) {
		const cdr_involvement *e = &rows[i];
		int json = out.fmt == CDR_FORMAT_JSON;
		char b[8][32];
		const char *row[9] = { e->code, b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7] };
		cell(b[0], 32, (double)e->cases, 0, json);
		cell(b[1], 32, (double)e->with, 0, json);
		cell(b[2], 32, e->with_pct, 0, json);
		cell(b[3], 32, (double)e->self, 0, json);
		cell(b[4], 32, e->self_pct, 0, json);
		cell(b[5], 32, (double)e->solo, 0, json);
		cell(b[6], 32, e->solo_pct, 0, json);
		cell(b[7], 32, e->partners, 2, json);
		if (cdr_table_add(t, row) < 0)
			rc = cli_lib_error();
	}
	if (rc == EXIT_OK && cdr_table_write(t, out.f, out.fmt) < 0)
		rc = cli_error("out of memory");
done:
	if ((rc = cli_out_close(&out, rc)) == EXIT_OK)
		cli_coders_note(coders, ncoders, implicit);
	cdr_coders_free(coders, ncoders);
	cdr_table_free(t);
	cdr_involvement_free(rows, nrows);
	cdr_schemes_free(set);
	cdr_project_free(p);
	return rc;
}
