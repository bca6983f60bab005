/* cmd-report.c -- the whole project as one self-contained HTML page. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static int report_run(const struct cdr_cmd *cmd, struct cli_ctx *ctx, int argc, char **argv);

const struct cdr_cmd cmd_report = {
	.name = "report",
	.usage = "codeer report [-o FILE] [--title TEXT] [--coder NAME|all] [--codes LIST] [--coders A,B[,...]]\n"
		 "                     [--layout LAYOUT.tsv]... [--layout-cell codes|quotes|memos]",
	.summary = "write an HTML report: corpus, frequencies, heatmap, co-occurrence, agreement, quotes",
	.help = "One HTML file with everything inline (it opens offline and mails as one\n"
		"attachment): the corpus, code frequencies, a code-by-case heatmap, code\n"
		"co-occurrence, agreement between two coders, the quotes of every code with\n"
		"links into the transcripts, and the transcripts themselves. With --layout,\n"
		"also the cross-section (dwarsdoorsnede) of 'codeer crosssection'. The page\n"
		"says whose codings it counted.\n"
		"\nOptions:\n"
		"  -o FILE         write to FILE (default: report.html in the current directory)\n"
		"  --title TEXT    the page's title (default: the project's name)\n"
		"  --coder NAME    whose codings to count: a coder, or all (every coder's added\n"
		"                  up); default: the project's default coder, else the only\n"
		"                  coder with codings (several coders and no default: an error)\n"
		"  --codes LIST    only these codes (comma-separated; CODE+ adds its subcodes)\n"
		"  --coders A,B    the coders whose agreement is shown (default: the first two\n"
		"                  hand coders, i.e. coders other than auto, in name order)\n"
		"  --layout FILE   add a cross-section table for this layout (column<TAB>subcolumn\n"
		"                  <TAB>codes, see docs/crosssection.md); repeatable\n"
		"  --layout-cell K codes (default: the code ids present, linked to their quotes),\n"
		"                  quotes (with the coded segments) or memos (with the coders' memos)\n",
	.run = report_run,
};

/* Split a comma-separated list in place; *out points into `s`. */
static int split(char *s, char ***out, size_t *n)
{
	char *save = NULL;

	for (char *tok = strtok_r(s, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char **grown = realloc(*out, (*n + 1) * sizeof(char *));
		if (grown == NULL)
			return -1;
		*out = grown;
		(*out)[(*n)++] = tok;
	}
	return 0;
}

static int report_run(const struct cdr_cmd *cmd, struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "coder", required_argument, NULL, 'C' },
		{ "codes", required_argument, NULL, 'k' },
		{ "coders", required_argument, NULL, 'K' },
		{ "title", required_argument, NULL, 't' },
		{ "layout", required_argument, NULL, 'L' },
		{ "layout-cell", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	cdr_report_options o = { 0 };
	const char *outpath = "report.html";
	char *codes_copy = NULL, *coders_copy = NULL, **codes = NULL, **coders = NULL, *mem = NULL;
	const char **layouts = NULL;
	size_t memlen = 0;
	int c, rc = EXIT_OK;
	cdr_project *p = NULL;
	cdr_schemes *set = NULL;
	FILE *out = NULL;

	while ((c = cli_getopt(cmd, argc, argv, "ho:", opts)) != -1) {
		switch (c) {
		case 'o': outpath = optarg; break;
		case 'C': o.coder = optarg; break;
		case 'k': free(codes_copy); codes_copy = strdup(optarg); break;
		case 'K': free(coders_copy); coders_copy = strdup(optarg); break;
		case 't': o.title = optarg; break;
		case 'L': {
			const char **grown = realloc(layouts, (o.nlayouts + 1) * sizeof(char *));
			if (grown == NULL) {
				rc = cli_error("out of memory");
				goto done;
			}
			layouts = grown;
			layouts[o.nlayouts++] = optarg;
			break;
		}
		case 'c':
			if (strcmp(optarg, "codes") == 0)
				o.layout_cell = CDR_CS_CODES;
			else if (strcmp(optarg, "quotes") == 0)
				o.layout_cell = CDR_CS_QUOTES;
			else if (strcmp(optarg, "memos") == 0)
				o.layout_cell = CDR_CS_MEMOS;
			else {
				rc = cli_usage_error(cmd, "--layout-cell takes codes, quotes or memos");
				goto done;
			}
			break;
		default:
			rc = CLI_GETOPT_EXIT(c);
			goto done;
		}
	}
	if (optind < argc) {
		rc = cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
		goto done;
	}
	if (*outpath == '\0') {
		rc = cli_usage_error(cmd, "-o needs a file name");
		goto done;
	}
	if ((codes_copy && split(codes_copy, &codes, &o.ncodes) < 0) ||
	    (coders_copy && split(coders_copy, &coders, &o.ncoders) < 0)) {
		rc = cli_error("out of memory");
		goto done;
	}
	if (coders_copy && o.ncoders < 2) {
		rc = cli_usage_error(cmd, "--coders takes two or more coders, e.g. --coders auto,anna");
		goto done;
	}
	o.layouts = layouts;
	o.codes = (const char *const *)codes;
	o.coders = (const char *const *)coders;
	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		goto done;
	if ((out = open_memstream(&mem, &memlen)) == NULL) {
		rc = cli_error("out of memory");
		goto done;
	}
	if (cdr_schemes_load(&set, p) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	if ((rc = cdr_report_write(p, set, &o, out)) < 0) {
		rc = rc == CDR_EAMBIGUOUS ? cli_error("%s (--coder NAME, or --coder all to add them up)", cdr_error_last())
					  : cli_lib_error();
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
	cdr_schemes_free(set);
	cdr_project_free(p);
	free(codes);
	free(coders);
	free(layouts);
	free(codes_copy);
	free(coders_copy);
	return rc;
}
