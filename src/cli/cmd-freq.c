/* cmd-freq.c -- how often each code is used: segments, documents, cases, words. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static int freq_run(const struct cdr_cmd *cmd, struct cli_ctx *ctx, int argc, char **argv);

const struct cdr_cmd cmd_freq = {
	.name = "freq",
	.usage = "codeer freq [--coder NAME] [--scheme ID] [--all] [--format F] [-o FILE]",
	.summary = "code frequencies: segments, documents, cases and words coded per code",
	.help = "Options:\n"
		"  --coder NAME   whose codings: NAME, A,B or all (added up); default: the\n"
		"                 project's default coder, else the only coder with codings\n"
		"  --scheme ID    only the codes of this scheme\n"
		"  --all          also codes that were never used\n"
		"  --format F     table, tsv, csv, json, md or html\n"
		"  -o FILE        write to FILE (atomically; the format from its extension)\n",
	.run = freq_run,
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

static int freq_run(const struct cdr_cmd *cmd, struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "coder", required_argument, NULL, 'c' },
		{ "scheme", required_argument, NULL, 's' },
		{ "all", no_argument, NULL, 'a' },
		{ "format", required_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const headers[] = { "code", "label", "segments", "docs", "cases", "words" };
	const char *coder = NULL, *scheme = NULL, *format_name = NULL, *outpath = NULL;
	char **coders = NULL;
	size_t ncoders = 0;
	int all = 0, implicit = 0, c, rc;
	cdr_project *p = NULL;
	cdr_schemes *set = NULL;
	cdr_freq *f = NULL;
	size_t n = 0;
	cdr_table *t = NULL;
	struct cli_out out = { 0 };

	while ((c = cli_getopt(cmd, argc, argv, "ho:", opts)) != -1) {
		if (c < -1)
			return CLI_GETOPT_EXIT(c);
		if (c == 'c')
			coder = optarg;
		else if (c == 's')
			scheme = optarg;
		else if (c == 'a')
			all = 1;
		else if (c == 'F')
			format_name = optarg;
		else if (c == 'o')
			outpath = optarg;
	}
	if (optind < argc)
		return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
	if ((rc = cli_out_open(&out, outpath, format_name, CLI_TABLE)) != EXIT_OK ||
	    (rc = cli_open_project(ctx, &p)) != EXIT_OK ||
	    (rc = choose_coders(p, coder, &coders, &ncoders, &implicit)) != EXIT_OK)
		goto done;
	if (cdr_schemes_load(&set, p) < 0 ||
	    cdr_freqs_coders(&f, &n, p, set, (const char *const *)coders, ncoders) < 0 ||
	    cdr_table_new(&t, 6, headers) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	if (scheme && cdr_schemes_find(set, scheme) == NULL) {
		rc = cli_error("no scheme '%s' in the project (see 'codeer scheme list')", scheme);
		goto done;
	}
	for (int col = 2; col <= 5; col++)
		cdr_table_set_numeric(t, (size_t)col);
	for (size_t i = 0; i < n; i++) {
		char seg[32], docs[32], cases[32], words[32];
		size_t slen = scheme ? strlen(scheme) : 0;
		if (!all && f[i].segments == 0)
			continue;
		if (scheme && (strncmp(f[i].code->qualified, scheme, slen) != 0 || f[i].code->qualified[slen] != '/'))
			continue;
		snprintf(seg, sizeof(seg), "%zu", f[i].segments);
		snprintf(docs, sizeof(docs), "%zu", f[i].docs);
		snprintf(cases, sizeof(cases), "%zu", f[i].cases);
		snprintf(words, sizeof(words), "%zu", f[i].words);
		const char *row[] = { f[i].code->qualified, f[i].code->label, seg, docs, cases, words };
		if (cdr_table_add(t, row) < 0) {
			rc = cli_lib_error();
			goto done;
		}
	}
	rc = cdr_table_write(t, out.f, out.fmt) < 0 ? cli_lib_error() : EXIT_OK;
done:
	if ((rc = cli_out_close(&out, rc)) == EXIT_OK)
		coders_note(coders, ncoders, implicit);
	cdr_coders_free(coders, ncoders);
	free(f);
	cdr_table_free(t);
	cdr_schemes_free(set);
	cdr_project_free(p);
	return rc;
}
