/* cmd-kwic.c -- keyword in context over every document of the project. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static int kwic_exec(struct cli_ctx *ctx, const struct cli_args *a);

const struct cdr_cmd cmd_kwic = {
	.name = "kwic",
	.summary = "keyword in context: every match of a PCRE2 pattern with the text around it",
	.args = "PATTERN",
	.min_args = 1,
	.max_args = 1,
	.opts = (const struct cli_opt[]){
		{ "width", 0, CLI_OPT_INT, "N", "code points of context on each side, 0 to 10000 (default 40)", NULL, 0 },
		{ "case-sensitive", 0, CLI_OPT_FLAG, NULL, "match case exactly", NULL, 0 },
		CLI_FORMAT_OPTION("table", "plain", "tsv", "csv", "json", "md", "html"),
		CLI_OUTPUT_OPTION,
		{ NULL },
	},
	.help = "The pattern is PCRE2 in UTF mode, caseless unless --case-sensitive; \\w and \\b\n"
		"know Dutch letters (ë, ï, é ...). Piped without --format, one hit a line\n"
		"without a header (for cut and grep). With no match, json still prints [] and\n"
		"csv and tsv their header.\n",
	.examples = CLI_EXAMPLES("codeer kwic 'eigen\\s+kracht'", "codeer kwic --width 20 --format csv verbind -o verbind.csv"),
	.exit_status = "0 at least one match; 1 no match (nothing on standard error); 2 an error, usage errors included.",
	.exec = kwic_exec,
};

static int on_hit(void *ctx, const cdr_kwic_hit *h)
{
	char tnum[32] = "", span[64];

	if (h->turn >= 0)
		snprintf(tnum, sizeof(tnum), "t%ld", h->turn + 1);
	snprintf(span, sizeof(span), "c%zu-%zu", h->span.start, h->span.end);
	const char *row[] = { h->doc, tnum, span, h->left, h->match, h->right };
	return cdr_table_add(ctx, row);
}

static void on_limit(void *ctx, const char *doc)
{
	(void)ctx;
	fprintf(stderr, "codeer: %s: the pattern hit PCRE2's match limit; the rest of this document was not searched\n", doc);
}

static int kwic_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	static const char *const headers[] = { "doc", "turn", "span", "left", "match", "right" };
	long width = cli_int(a, "width", 40);
	cdr_project *p = NULL;
	cdr_table *t = NULL;
	struct cli_out o;
	size_t hits = 0;
	int rc;

	if (width < 0 || width > 10000)
		return cli_usage_error(a->cmd, "--width must be a number from 0 to 10000");
	/* an empty pattern matches nowhere and everywhere: no question was asked */
	if (*a->argv[0] == '\0')
		return cli_usage_error(a->cmd, "the pattern is empty");
	if ((rc = cli_out_open(&o, cli_str(a, "output"), cli_str(a, "format"), CLI_LIST)) != EXIT_OK)
		return rc;
	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		goto done;
	if (cdr_table_new(&t, 6, headers) < 0 ||
	    cdr_kwic(p, a->argv[0], cli_flag(a, "case-sensitive"), (size_t)width, on_hit, on_limit, t, &hits) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	/* a hit outside every turn (a preamble) has turn null in JSON, not "" */
	cdr_table_set_nullable(t, 1);
	/* no hit: nothing for a person or for grep, but a program still gets
	 * a document it can parse (an empty array, a header) */
	if (hits || (o.fmt != CDR_FORMAT_TABLE && o.fmt != CDR_FORMAT_PLAIN))
		cdr_table_write(t, o.f, o.fmt);
	rc = hits ? EXIT_OK : EXIT_FOUND;
done:
	cdr_table_free(t);
	cdr_project_free(p);
	/* exit 1 is "no match", not a failure: -o still writes its file */
	return cli_out_close(&o, rc == EXIT_FOUND ? EXIT_OK : rc) == EXIT_OK ? rc : EXIT_ERROR;
}
