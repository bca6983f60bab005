/* cmd-crosssection.c -- the dwarsdoorsnede: a row per case, a column per
 * set of codes from a layout file, the codes present in each cell. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static int cs_run(const struct cdr_cmd *cmd, struct cli_ctx *ctx, int argc, char **argv);

const struct cdr_cmd cmd_crosssection = {
	.name = "crosssection",
	.usage = "codeer crosssection [--group ATTR] [--cell codes|quotes|memos] [--coder NAME] [--all]\n"
		 "                           [--format F] [-o FILE] LAYOUT.tsv",
	.summary = "the dwarsdoorsnede: per case, the codes of each column of a layout",
	.help = "LAYOUT.tsv has the header column<TAB>subcolumn<TAB>codes; codes are an id, a\n"
		"range in scheme order (F1.1-F1.9), a code with its subtree (DK.MOT+), or\n"
		"scheme/code, comma-separated. See docs/crosssection.md.\n"
		"\nOptions:\n"
		"  --group ATTR   group and sort the cases by this case attribute\n"
		"  --cell K       codes (default: the code ids present), quotes (the coded\n"
		"                 segments), or memos (the coders' memos on the codings)\n"
		"  --coder NAME   whose codings: NAME, A,B or all (together); default: the\n"
		"                 project's default coder, else the only coder with codings\n"
		"  --all          keep cases with no coding in the layout\n"
		"  --format F     table, tsv, csv, json, md or html\n"
		"  -o FILE        write to FILE (atomically; the format from its extension)\n",
	.run = cs_run,
};

/* The coders counted: cdr_coders_choose's policy, with the options that
 * get a user out of an ambiguous project. */
static int choose_coders(cdr_project *p, const char *requested, char ***names, size_t *n, int *implicit)
{
	int rc = cdr_coders_choose(names, n, implicit, p, requested);

	if (rc == CDR_EAMBIGUOUS)
		return cli_error("%s (--coder NAME, or --coder all to add them up)", cdr_error_last());
	return rc < 0 ? cli_lib_error() : EXIT_OK;
}

/* Without --coder, say whose codings were counted (after the output). */
static void coders_note(char **names, size_t n, int implicit)
{
	if (implicit && n == 1)
		fprintf(stderr, "codeer: counting the codings of coder %s\n", names[0]);
}

static int cs_run(const struct cdr_cmd *cmd, struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "group", required_argument, NULL, 'g' },
		{ "cell", required_argument, NULL, 'c' },
		{ "coder", required_argument, NULL, 'C' },
		{ "all", no_argument, NULL, 'a' },
		{ "format", required_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	cdr_cs_options o = { 0 };
	const char *format_name = NULL, *outpath = NULL, *coder = NULL;
	char **coders = NULL;
	size_t ncoders = 0;
	cdr_project *p = NULL;
	cdr_schemes *set = NULL;
	cdr_table *t = NULL;
	struct cli_out out = { 0 };
	int implicit = 0, c, rc;

	while ((c = cli_getopt(cmd, argc, argv, "ho:", opts)) != -1) {
		switch (c) {
		case 'g': o.group = optarg; break;
		case 'C': coder = optarg; break;
		case 'a': o.all = 1; break;
		case 'F': format_name = optarg; break;
		case 'o': outpath = optarg; break;
		case 'c':
			if (strcmp(optarg, "codes") == 0)
				o.cell = CDR_CS_CODES;
			else if (strcmp(optarg, "quotes") == 0)
				o.cell = CDR_CS_QUOTES;
			else if (strcmp(optarg, "memos") == 0)
				o.cell = CDR_CS_MEMOS;
			else
				return cli_usage_error(cmd, "--cell takes codes, quotes or memos");
			break;
		default:
			return CLI_GETOPT_EXIT(c);
		}
	}
	if (argc - optind != 1)
		return cli_usage_error(cmd, "one layout file, please");
	o.layout = argv[optind];
	if ((rc = cli_out_open(&out, outpath, format_name, CLI_TABLE)) != EXIT_OK ||
	    (rc = cli_open_project(ctx, &p)) != EXIT_OK ||
	    (rc = choose_coders(p, coder, &coders, &ncoders, &implicit)) != EXIT_OK)
		goto done;
	o.coders = (const char *const *)coders;
	o.ncoders = ncoders;
	if (cdr_schemes_load(&set, p) < 0 || cdr_crosssection(&t, p, set, &o) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	rc = cdr_table_write(t, out.f, out.fmt) < 0 ? cli_lib_error() : EXIT_OK;
done:
	if ((rc = cli_out_close(&out, rc)) == EXIT_OK)
		coders_note(coders, ncoders, implicit);
	cdr_coders_free(coders, ncoders);
	cdr_table_free(t);
	cdr_schemes_free(set);
	cdr_project_free(p);
	return rc;
}
