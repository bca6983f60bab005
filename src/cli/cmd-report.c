/* cmd-report.c -- the whole project as one self-contained HTML page. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static int report_exec(struct cli_ctx *ctx, const struct cli_args *a);

const struct cdr_cmd cmd_report = {
	.name = "report",
	.summary = "write an HTML report: corpus, frequencies, heatmap, co-occurrence, agreement, quotes",
	.opts = (const struct cli_opt[]){
		/* not CLI_OUTPUT_OPTION: the report is always HTML, and it has a default file */
		{ "output", 'o', CLI_OPT_STRING, "FILE",
		  "write to FILE, atomically (default: report.html in the\n"
		  "current directory); always HTML", NULL, 0 },
		{ "title", 0, CLI_OPT_STRING, "TEXT", "the page's title (default: the project's name)", NULL, 0 },
		{ "coder", 0, CLI_OPT_STRING, "NAME|all",
		  "whose codings to count: a coder, or all (every coder's\n"
		  "added up); default: the project's default coder, else\n"
		  "the only coder with codings", NULL, 0 },
		{ "codes", 0, CLI_OPT_LIST, "LIST", "only these codes (CODE+ adds its subcodes)", NULL, 0 },
		{ "coders", 0, CLI_OPT_LIST, "A,B,...",
		  "the coders whose agreement is shown (default: the first\n"
		  "two hand coders, coders other than auto, in name order)", NULL, 0 },
		{ "layout", 0, CLI_OPT_STRING, "LAYOUT.tsv",
		  "add a cross-section table for this layout (see\n"
		  "docs/crosssection.md)", NULL, 1 },
		{ "layout-cell", 0, CLI_OPT_ENUM, "K",
		  "what cross-section cells hold: the code ids (codes, the\n"
		  "default), with the coded segments (quotes) or with the\n"
		  "coders' memos (memos)",
		  CLI_CHOICES("codes", "quotes", "memos"), 0 },
		{ "no-transcripts", 0, CLI_OPT_FLAG, NULL,
		  "leave the transcripts out; quotes and tables stay (for\n"
		  "large projects)", NULL, 0 },
		{ "heatmap", 0, CLI_OPT_ENUM, "K",
		  "the code-by-case heatmap as a picture, as a table, or\n"
		  "auto: a table above 20,000 cells (the default)",
		  CLI_CHOICES("auto", "table", "picture"), 0 },
		{ "max-quotes", 0, CLI_OPT_INT, "N",
		  "at most N quotes per code, the first in document order,\n"
		  "and a line saying how many more (default: all)", NULL, 0 },
		{ NULL },
	},
	.help = "One HTML file with everything inline (it opens offline and mails as one\n"
		"attachment): the corpus, code frequencies, a code-by-case heatmap, code\n"
		"co-occurrence, agreement between two coders, the quotes of every code with\n"
		"links into the transcripts, and the transcripts themselves. With --layout,\n"
		"also the cross-section (dwarsdoorsnede) of 'codeer crosssection'. The page\n"
		"says whose codings it counted.\n",
	.examples = CLI_EXAMPLES("codeer report --coder anna",
				 "codeer report --coder auto --coders auto,anna -o rules.html",
				 "codeer report --coder all --layout codeschemes/generalist-dwarsdoorsnede.tsv --layout-cell quotes",
				 "codeer report --coder auto --no-transcripts --max-quotes 20 -o overview.html"),
	.exec = report_exec,
};

static int report_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	static const cdr_cs_cell cells[] = { CDR_CS_CODES, CDR_CS_QUOTES, CDR_CS_MEMOS };
	cdr_report_options o = { 0 };
	const char *outpath = cli_str(a, "output");
	char **counted = NULL, *mem = NULL;
	size_t ncounted = 0, memlen = 0;
	int rc, implicit;
	cdr_project *p = NULL;
	cdr_schemes *set = NULL;
	FILE *out = NULL;

	if (outpath == NULL)
		outpath = "report.html";
	if (*outpath == '\0')
		return cli_usage_error(a->cmd, "-o needs a file name");
	o.coder = cli_str(a, "coder");
	o.title = cli_str(a, "title");
	o.codes = (const char *const *)cli_list(a, "codes", &o.ncodes);
	o.coders = (const char *const *)cli_list(a, "coders", &o.ncoders);
	o.layouts = (const char *const *)cli_list(a, "layout", &o.nlayouts);
	o.layout_cell = cells[cli_choice(a, "layout-cell", 0)];
	o.no_transcripts = cli_flag(a, "no-transcripts");
	o.heatmap = cli_choice(a, "heatmap", 0);
	o.max_quotes = cli_int(a, "max-quotes", -1);
	if (cli_int(a, "max-quotes", 0) < 0)
		return cli_usage_error(a->cmd, "--max-quotes takes a number of quotes, 0 or more");
	if (o.coders && o.ncoders < 2)
		return cli_usage_error(a->cmd, "--coders takes two or more coders, e.g. --coders auto,anna");
	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		return rc;
	/* whose codings count, with the way out of an ambiguous project named
	 * as every counting command names it; the report checks it again */
	if ((rc = cli_coders_choose(p, o.coder, &counted, &ncounted, &implicit)) != EXIT_OK)
		goto done;
	if ((out = open_memstream(&mem, &memlen)) == NULL) {
		rc = cli_error("out of memory");
		goto done;
	}
	if (cdr_schemes_load(&set, p) < 0 || cdr_report_write(p, set, &o, out) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	fclose(out);
	out = NULL;
	if (cdr_output_file(outpath, mem, memlen) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	printf("wrote %s (%zu KB)\n", outpath, (memlen + 1023) / 1024);
done:
	if (out)
		fclose(out);
	free(mem);
	cdr_coders_free(counted, ncounted);
	cdr_schemes_free(set);
	cdr_project_free(p);
	return rc;
}
