/* cmd-kwic.c -- keyword in context over every document of the project. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static int kwic_run(const struct cdr_cmd *cmd, struct cli_ctx *ctx, int argc, char **argv);

const struct cdr_cmd cmd_kwic = {
	.name = "kwic",
	.usage = "codeer kwic [--width N] [--case-sensitive] [--format F] [-o FILE] PATTERN",
	.summary = "keyword in context: every match of a PCRE2 pattern with the text around it",
	.help = "The pattern is PCRE2 in UTF mode, caseless unless --case-sensitive; \\w and \\b\n"
		"know Dutch letters (ë, ï, é ...).\n"
		"\nOptions:\n"
		"  --width N          code points of context on each side (default 40)\n"
		"  --case-sensitive   match case exactly\n"
		"  --format F         table (aligned), plain, tsv, csv, json, md or html\n"
		"  -o FILE            write to FILE (atomically); the format from its extension\n"
		"\nPiped without --format, one hit a line without a header (for cut and grep).\n"
		"\nExit status: 0 found, 1 no match (json still prints [], csv and tsv their\n"
		"header), 2 error.\n",
	.run = kwic_run,
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

/* JSON by hand: a hit outside every turn (a preamble) has turn null, not "". */
static void write_json(FILE *f, const cdr_table *t)
{
	size_t n = cdr_table_rows(t);

	fputc('[', f);
	for (size_t r = 1; r <= n; r++) {
		fputs(r > 1 ? ",\n {" : "\n {", f);
		for (size_t c = 0; c < cdr_table_cols(t); c++) {
			const char *s = cdr_table_cell(t, r, c);
			fputs(c ? ", " : "", f);
			cdr_json_string(f, cdr_table_cell(t, 0, c));
			fputs(": ", f);
			if (c == 1 && *s == '\0')
				fputs("null", f);
			else
				cdr_json_string(f, s);
		}
		fputc('}', f);
	}
	fputs(n ? "\n]\n" : "]\n", f);
}

static int kwic_run(const struct cdr_cmd *cmd, struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "width", required_argument, NULL, 'w' },
		{ "case-sensitive", no_argument, NULL, 's' },
		{ "format", required_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const headers[] = { "doc", "turn", "span", "left", "match", "right" };
	const char *format_name = NULL, *outpath = NULL;
	long width = 40;
	int sensitive = 0, c, rc;
	cdr_project *p = NULL;
	cdr_table *t = NULL;
	struct cli_out o;
	size_t hits = 0;

	while ((c = cli_getopt(cmd, argc, argv, "ho:", opts)) != -1) {
		if (c < -1)
			return CLI_GETOPT_EXIT(c);
		if (c == 'w') {
			char *end;
			width = strtol(optarg, &end, 10);
			if (*end || width < 0 || width > 10000)
				return cli_usage_error(cmd, "--width must be a number from 0 to 10000");
		} else if (c == 's') {
			sensitive = 1;
		} else if (c == 'F') {
			format_name = optarg;
		} else if (c == 'o') {
			outpath = optarg;
		}
	}
	if (argc - optind != 1)
		return cli_usage_error(cmd, "one pattern, please");
	/* an empty pattern matches nowhere and everywhere: no question was asked */
	if (*argv[optind] == '\0')
		return cli_usage_error(cmd, "the pattern is empty");
	if ((rc = cli_out_open(&o, outpath, format_name, CLI_LIST)) != EXIT_OK)
		return rc;
	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		goto done;
	if (cdr_table_new(&t, 6, headers) < 0 ||
	    cdr_kwic(p, argv[optind], sensitive, (size_t)width, on_hit, on_limit, t, &hits) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	/* no hit: nothing for a person or for grep, but a program still gets
	 * a document it can parse (an empty array, a header) */
	if (o.fmt == CDR_FORMAT_JSON)
		write_json(o.f, t);
	else if (hits || (o.fmt != CDR_FORMAT_TABLE && o.fmt != CDR_FORMAT_PLAIN))
		cdr_table_write(t, o.f, o.fmt);
	rc = hits ? EXIT_OK : EXIT_FOUND;
done:
	cdr_table_free(t);
	cdr_project_free(p);
	/* exit 1 is "no match", not a failure: -o still writes its file */
	return cli_out_close(&o, rc == EXIT_FOUND ? EXIT_OK : rc) == EXIT_OK ? rc : EXIT_ERROR;
}
