/* cmd-crosssection.c -- the dwarsdoorsnede: a row per case, a column per
 * set of codes from a layout file, the codes present in each cell. */
#include "cli/cli.h"

static int cs_exec(struct cli_ctx *ctx, const struct cli_args *a);

const struct cdr_cmd cmd_crosssection = {
	.name = "crosssection",
	.summary = "the dwarsdoorsnede: per case, the codes of each column of a layout",
	.args = "LAYOUT.tsv",
	.min_args = 1,
	.max_args = 1,
	.opts = (const struct cli_opt[]){
		{ "group", 0, CLI_OPT_STRING, "ATTR", "group and sort the cases by this case attribute", NULL, 0 },
		{ "cell", 0, CLI_OPT_ENUM, NULL,
		  "codes (default: the code ids present), quotes (the coded\n"
		  "segments), or memos (the coders' memos on the codings)", CLI_CHOICES("codes", "quotes", "memos"), 0 },
		{ "coder", 0, CLI_OPT_STRING, "NAME",
		  "whose codings: NAME, A,B or all (together); default: the\n"
		  "project's default coder, else the only coder with codings", NULL, 0 },
		{ "all", 0, CLI_OPT_FLAG, NULL, "keep cases with no coding in the layout", NULL, 0 },
		CLI_FORMAT_OPTION("table", "plain", "tsv", "csv", "json", "md", "html"),
		CLI_OUTPUT_OPTION,
		{ NULL },
	},
	.help = "LAYOUT.tsv has the header column<TAB>subcolumn<TAB>codes; codes are an id, a\n"
		"range in scheme order (F1.1-F1.9), a code with its subtree (DK.MOT+), or\n"
		"scheme/code, comma-separated. See docs/crosssection.md.\n",
	.examples = CLI_EXAMPLES("codeer crosssection --coder auto codeschemes/maatwerk-dwarsdoorsnede.tsv",
				 "codeer crosssection --coder all --group gemeente --cell quotes -o xs.html layout.tsv"),
	.exec = cs_exec,
};

static int cs_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	static const cdr_cs_cell cells[] = { CDR_CS_CODES, CDR_CS_QUOTES, CDR_CS_MEMOS };
	cdr_cs_options o = { 0 };
	char **coders = NULL;
	size_t ncoders = 0;
	cdr_project *p = NULL;
	cdr_schemes *set = NULL;
	cdr_table *t = NULL;
	struct cli_out out = { 0 };
	int implicit = 0, rc;

	o.group = cli_str(a, "group");
	o.all = cli_flag(a, "all");
	o.cell = cells[cli_choice(a, "cell", 0)]; /* in the order of the table's choices */
	o.layout = a->argv[0];
	if ((rc = cli_out_open(&out, cli_str(a, "output"), cli_str(a, "format"), CLI_TABLE)) != EXIT_OK ||
	    (rc = cli_open_project(ctx, &p)) != EXIT_OK ||
	    (rc = cli_coders_choose(p, cli_str(a, "coder"), &coders, &ncoders, &implicit)) != EXIT_OK)
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
		cli_coders_note(coders, ncoders, implicit);
	cdr_coders_free(coders, ncoders);
	cdr_table_free(t);
	cdr_schemes_free(set);
	cdr_project_free(p);
	return rc;
}
