/* cmd-cooccur.c -- which codes occur together, and how strongly. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static int cooccur_exec(struct cli_ctx *ctx, const struct cli_args *a);

const struct cdr_cmd cmd_cooccur = {
	.name = "cooccur",
	.summary = "code co-occurrence: counts or ATLAS.ti's c-coefficient",
	.opts = (const struct cli_opt[]){
		{ "within", 0, CLI_OPT_ENUM, NULL,
		  "the unit: segment (a coded passage: overlapping codings joined;\n"
		  "default), sentence, turn or document",
		  CLI_CHOICES("segment", "sentence", "turn", "document"), 0 },
		{ "measure", 0, CLI_OPT_ENUM, NULL,
		  "count (units with both codes; the diagonal: units with the code)\n"
		  "or c (ATLAS.ti's c-coefficient n12 / (n1 + n2 - n12), 0 to 1)", CLI_CHOICES("count", "c"), 0 },
		{ "codes", 0, CLI_OPT_LIST, "LIST", "these codes, in this order (default: every code of the schemes)", NULL, 0 },
		{ "coder", 0, CLI_OPT_STRING, "NAME",
		  "whose codings: NAME, A,B or all (added up); default: the\n"
		  "project's default coder, else the only coder with codings", NULL, 0 },
		{ "doc", 0, CLI_OPT_STRING, "ID", "only this document (repeat for more)", NULL, 1 },
		{ "case", 0, CLI_OPT_STRING, "ID", "only the documents of this case (repeat for more)", NULL, 1 },
		{ "attr", 0, CLI_OPT_STRING, "KEY=VALUE", "only cases with this attribute value (repeat for more)", NULL, 1 },
		{ "speaker", 0, CLI_OPT_STRING, "NAME", "only codings that start in this speaker's turns (repeat\nfor more)",
		  NULL, 1 },
		CLI_FORMAT_OPTION("table", "plain", "tsv", "csv", "json", "md", "html"),
		CLI_OUTPUT_OPTION,
		{ NULL },
	},
	.examples = CLI_EXAMPLES("codeer cooccur --coder auto --within turn",
				 "codeer cooccur --coder all --measure c --codes \"EK, VB+, HAND\" --format csv",
				 "codeer cooccur --coder auto --within turn --attr rol=cliënt"),
	.exec = cooccur_exec,
};

static int cooccur_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	cdr_within within = CDR_WITHIN_SEGMENT;
	const char *measure = cli_str(a, "measure");
	char *const *codes;
	char **coders = NULL;
	size_t ncodes, ncoders = 0;
	int jaccard = measure && strcmp(measure, "c") == 0, implicit = 0, rc = EXIT_OK;
	cdr_project *p = NULL;
	cdr_schemes *set = NULL;
	cdr_matrix *m = NULL;
	cdr_table *t = NULL;
	struct cli_out out = { 0 };
	cdr_filter f = { 0 };

	if (cli_str(a, "within") && cdr_within_parse(&within, cli_str(a, "within")) < 0)
		return cli_usage_error(a->cmd, "%s", cdr_error_last());
	codes = cli_list(a, "codes", &ncodes);
	f.docs = (const char *const *)cli_list(a, "doc", &f.ndocs);
	f.cases = (const char *const *)cli_list(a, "case", &f.ncases);
	f.attrs = (const char *const *)cli_list(a, "attr", &f.nattrs);
	f.speakers = (const char *const *)cli_list(a, "speaker", &f.nspeakers);
	if ((rc = cli_out_open(&out, cli_str(a, "output"), cli_str(a, "format"), CLI_TABLE)) != EXIT_OK ||
	    (rc = cli_open_project(ctx, &p)) != EXIT_OK ||
	    (rc = cli_coders_choose(p, cli_str(a, "coder"), &coders, &ncoders, &implicit)) != EXIT_OK)
		goto done;
	if (cdr_schemes_load(&set, p) < 0 ||
	    cdr_cooccur_filtered(&m, p, set, (const char *const *)coders, ncoders, (const char *const *)codes, ncodes,
				 within, jaccard, &f) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	{
		size_t n = cdr_matrix_cols(m), keep = 0;
		const char **row = calloc(n + 1, sizeof(char *));
		char **buf = calloc(n + 1, sizeof(char *));
		size_t *idx = calloc(n + 1, sizeof(size_t));
		if (row == NULL || buf == NULL || idx == NULL) {
			free(row);
			free(buf);
			free(idx);
			rc = cli_error("out of memory");
			goto done;
		}
		/* without --codes, leave out codes that occur nowhere */
		for (size_t j = 0; j < n; j++)
			if (ncodes || cdr_matrix_row_total(m, j) > 0)
				idx[keep++] = j;
		row[0] = "code";
		for (size_t j = 0; j < keep; j++)
			row[j + 1] = cdr_matrix_col_label(m, idx[j]);
		if (cdr_table_new(&t, keep + 1, row) < 0) {
			rc = cli_lib_error();
		} else {
			for (size_t j = 1; j <= keep; j++)
				cdr_table_set_numeric(t, j);
			for (size_t i = 0; i < keep && rc == EXIT_OK; i++) {
				row[0] = cdr_matrix_row_label(m, idx[i]);
				for (size_t j = 0; j < keep; j++) {
					if (buf[j] == NULL && (buf[j] = malloc(32)) == NULL) {
						rc = cli_error("out of memory");
						break;
					}
					/* JSON: full precision; an undefined c (neither
					 * code anywhere) is empty, null in JSON */
					double x = cdr_matrix_value(m, idx[i], idx[j]);
					if (out.fmt == CDR_FORMAT_JSON || isnan(x))
						cdr_number_format(buf[j], 32, x);
					else
						snprintf(buf[j], 32, jaccard ? "%.3f" : "%.0f", x);
					row[j + 1] = buf[j];
				}
				if (rc == EXIT_OK && cdr_table_add(t, row) < 0)
					rc = cli_lib_error();
			}
			if (rc == EXIT_OK && cdr_table_write(t, out.f, out.fmt) < 0)
				rc = cli_error("out of memory");
		}
		for (size_t j = 0; j <= n; j++)
			free(buf[j]);
		free(buf);
		free(row);
		free(idx);
	}
done:
	if ((rc = cli_out_close(&out, rc)) == EXIT_OK)
		cli_coders_note(coders, ncoders, implicit);
	cdr_coders_free(coders, ncoders);
	cdr_table_free(t);
	cdr_matrix_free(m);
	cdr_schemes_free(set);
	cdr_project_free(p);
	return rc;
}
