/* cmd-cooccur.c -- which codes occur together, and how strongly. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static int cooccur_run(const struct cdr_cmd *cmd, struct cli_ctx *ctx, int argc, char **argv);

const struct cdr_cmd cmd_cooccur = {
	.name = "cooccur",
	.usage = "codeer cooccur [--within segment|sentence|turn|document] [--measure count|c] [--codes LIST]\n"
		 "                      [--coder NAME] [--format F]",
	.summary = "code co-occurrence: counts or ATLAS.ti's c-coefficient",
	.help = "Options:\n"
		"  --within U     segment (overlapping codings; default), sentence, turn or document\n"
		"  --measure M    count (units with both codes; the diagonal: units with the code)\n"
		"                 or c (ATLAS.ti's c-coefficient n12 / (n1 + n2 - n12))\n"
		"  --codes LIST   these codes, in this order (default: every code of the schemes)\n"
		"  --coder NAME   one coder's codings (default: every coder's)\n"
		"  --format F     table, tsv, csv, json, md or html\n",
	.run = cooccur_run,
};

static int cooccur_run(const struct cdr_cmd *cmd, struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "within", required_argument, NULL, 'w' },
		{ "measure", required_argument, NULL, 'm' },
		{ "codes", required_argument, NULL, 'k' },
		{ "coder", required_argument, NULL, 'C' },
		{ "format", required_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	cdr_within within = CDR_WITHIN_SEGMENT;
	const char *format_name = NULL, *coder = NULL;
	char *codes_copy = NULL, **codes = NULL;
	size_t ncodes = 0;
	int jaccard = 0, c, rc = EXIT_OK;
	cdr_project *p = NULL;
	cdr_schemes *set = NULL;
	cdr_matrix *m = NULL;
	cdr_table *t = NULL;
	cdr_format fmt;

	while ((c = cli_getopt(cmd, argc, argv, "h", opts)) != -1) {
		switch (c) {
		case 'w':
			if (cdr_within_parse(&within, optarg) < 0)
				return cli_usage_error(cmd, "%s", cdr_error_last());
			break;
		case 'm':
			if (strcmp(optarg, "count") != 0 && strcmp(optarg, "c") != 0)
				return cli_usage_error(cmd, "--measure takes count or c");
			jaccard = optarg[0] == 'c' && optarg[1] == '\0';
			break;
		case 'k': free(codes_copy); codes_copy = strdup(optarg); break;
		case 'C': coder = optarg; break;
		case 'F': format_name = optarg; break;
		default:
			free(codes_copy);
			return CLI_GETOPT_EXIT(c);
		}
	}
	if (codes_copy) {
		char *save = NULL;
		for (char *tok = strtok_r(codes_copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
			char **grown = realloc(codes, (ncodes + 1) * sizeof(char *));
			if (grown == NULL) {
				rc = cli_error("out of memory");
				goto done;
			}
			codes = grown;
			codes[ncodes++] = tok;
		}
	}
	if ((rc = cli_format(format_name, &fmt)) != 0 || (rc = cli_open_project(ctx, &p)) != EXIT_OK)
		goto done;
	if (cdr_schemes_load(&set, p) < 0 ||
	    cdr_cooccur(&m, p, set, coder, (const char *const *)codes, ncodes, within, jaccard) < 0) {
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
					snprintf(buf[j], 32, jaccard ? "%.3f" : "%.0f", cdr_matrix_value(m, idx[i], idx[j]));
					row[j + 1] = buf[j];
				}
				if (rc == EXIT_OK && cdr_table_add(t, row) < 0)
					rc = cli_lib_error();
			}
			if (rc == EXIT_OK)
				cdr_table_write(t, stdout, fmt);
		}
		for (size_t j = 0; j <= n; j++)
			free(buf[j]);
		free(buf);
		free(row);
		free(idx);
	}
done:
	cdr_table_free(t);
	cdr_matrix_free(m);
	cdr_schemes_free(set);
	cdr_project_free(p);
	free(codes);
	free(codes_copy);
	return rc;
}
