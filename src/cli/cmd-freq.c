/* cmd-freq.c -- how often each code is used: segments, documents, cases, words. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static int freq_exec(struct cli_ctx *ctx, const struct cli_args *a);

const struct cdr_cmd cmd_freq = {
	.name = "freq",
	.summary = "code frequencies: segments, documents, cases and words coded per code",
	.opts = (const struct cli_opt[]){
		{ "coder", 0, CLI_OPT_STRING, "NAME",
		  "whose codings: NAME, A,B or all (added up); default: the\n"
		  "project's default coder, else the only coder with codings", NULL, 0 },
		{ "scheme", 0, CLI_OPT_STRING, "ID", "only the codes of this scheme", NULL, 0 },
		{ "all", 0, CLI_OPT_FLAG, NULL, "also codes that were never used", NULL, 0 },
		{ "doc", 0, CLI_OPT_STRING, "ID", "only this document (repeat for more)", NULL, 1 },
		{ "case", 0, CLI_OPT_STRING, "ID", "only the documents of this case (repeat for more)", NULL, 1 },
		{ "attr", 0, CLI_OPT_STRING, "KEY=VALUE", "only cases with this attribute value (repeat for more)", NULL, 1 },
		{ "speaker", 0, CLI_OPT_STRING, "NAME", "only codings that start in this speaker's turns (repeat\nfor more)",
		  NULL, 1 },
		CLI_FORMAT_OPTION("table", "plain", "tsv", "csv", "json", "md", "html"),
		CLI_OUTPUT_OPTION,
		{ NULL },
	},
	.help = "Words are the words of the coded text, each word once per code and document\n"
		"however many codings of the code cover it.\n",
	.examples = CLI_EXAMPLES("codeer freq --coder auto", "codeer freq --coder all --scheme empowerment --all",
				 "codeer freq --coder auto --speaker R --attr gemeente=Utrecht"),
	.exec = freq_exec,
};

static int freq_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	static const char *const headers[] = { "code", "label", "segments", "docs", "cases", "words" };
	const char *scheme = cli_str(a, "scheme");
	char **coders = NULL;
	size_t ncoders = 0;
	int all = cli_flag(a, "all"), implicit = 0, rc;
	cdr_project *p = NULL;
	cdr_schemes *set = NULL;
	cdr_freq *fr = NULL;
	size_t n = 0;
	cdr_table *t = NULL;
	struct cli_out out = { 0 };
	cdr_filter f = { 0 };

	f.docs = (const char *const *)cli_list(a, "doc", &f.ndocs);
	f.cases = (const char *const *)cli_list(a, "case", &f.ncases);
	f.attrs = (const char *const *)cli_list(a, "attr", &f.nattrs);
	f.speakers = (const char *const *)cli_list(a, "speaker", &f.nspeakers);
	if ((rc = cli_out_open(&out, cli_str(a, "output"), cli_str(a, "format"), CLI_TABLE)) != EXIT_OK ||
	    (rc = cli_open_project(ctx, &p)) != EXIT_OK ||
	    (rc = cli_coders_choose(p, cli_str(a, "coder"), &coders, &ncoders, &implicit)) != EXIT_OK)
		goto done;
	if (cdr_schemes_load(&set, p) < 0 ||
	    cdr_freqs_filtered(&fr, &n, p, set, (const char *const *)coders, ncoders, &f) < 0 ||
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
		if (!all && fr[i].segments == 0)
			continue;
		if (scheme && (strncmp(fr[i].code->qualified, scheme, slen) != 0 || fr[i].code->qualified[slen] != '/'))
			continue;
		snprintf(seg, sizeof(seg), "%zu", fr[i].segments);
		snprintf(docs, sizeof(docs), "%zu", fr[i].docs);
		snprintf(cases, sizeof(cases), "%zu", fr[i].cases);
		snprintf(words, sizeof(words), "%zu", fr[i].words);
		const char *row[] = { fr[i].code->qualified, fr[i].code->label, seg, docs, cases, words };
		if (cdr_table_add(t, row) < 0) {
			rc = cli_lib_error();
			goto done;
		}
	}
	rc = cdr_table_write(t, out.f, out.fmt) < 0 ? cli_lib_error() : EXIT_OK;
done:
	if ((rc = cli_out_close(&out, rc)) == EXIT_OK)
		cli_coders_note(coders, ncoders, implicit);
	cdr_coders_free(coders, ncoders);
	free(fr);
	cdr_table_free(t);
	cdr_schemes_free(set);
	cdr_project_free(p);
	return rc;
}
