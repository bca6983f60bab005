/* cmd-freq.c -- how often each code is used: segments, documents, cases, words. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static int freq_run(const struct cdr_cmd *cmd, struct cli_ctx *ctx, int argc, char **argv);

const struct cdr_cmd cmd_freq = {
	.name = "freq",
	.usage = "codeer freq [--coder NAME] [--scheme ID] [--all] [--format F]",
	.summary = "code frequencies: segments, documents, cases and words coded per code",
	.help = "Options:\n"
		"  --coder NAME   only this coder's codings (default: every coder's)\n"
		"  --scheme ID    only the codes of this scheme\n"
		"  --all          also codes that were never used\n"
		"  --format F     table, tsv, csv, json or md\n",
	.run = freq_run,
};

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
	const char *coder = NULL, *scheme = NULL, *format_name = NULL;
	int all = 0, c, rc;
	cdr_project *p = NULL;
	cdr_schemes *set = NULL;
	cdr_freq *f = NULL;
	size_t n = 0;
	cdr_table *t = NULL;
	cdr_format fmt;

	while ((c = cli_getopt(cmd, argc, argv, "h", opts)) != -1) {
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
	}
	if (optind < argc)
		return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
	if ((rc = cli_format(format_name, &fmt)) != 0 || (rc = cli_open_project(ctx, &p)) != EXIT_OK)
		return rc;
	if (cdr_schemes_load(&set, p) < 0 || cdr_freqs(&f, &n, p, set, coder) < 0 ||
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
	cdr_table_write(t, stdout, fmt);
	rc = EXIT_OK;
done:
	free(f);
	cdr_table_free(t);
	cdr_schemes_free(set);
	cdr_project_free(p);
	return rc;
}
