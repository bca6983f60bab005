/* cmd-cooccur.c -- which codes occur together, and how strongly. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static int cooccur_run(const struct cdr_cmd *cmd, struct cli_ctx *ctx, int argc, char **argv);

const struct cdr_cmd cmd_cooccur = {
	.name = "cooccur",
	.usage = "codeer cooccur [--within segment|sentence|turn|document] [--measure count|c] [--codes LIST]\n"
		 "                      [--coder NAME] [--format F] [-o FILE]",
	.summary = "code co-occurrence: counts or ATLAS.ti's c-coefficient",
	.help = "Options:\n"
		"  --within U     the unit: segment (a coded passage: overlapping codings joined;\n"
		"                 default), sentence, turn or document\n"
		"  --measure M    count (units with both codes; the diagonal: units with the code)\n"
		"                 or c (ATLAS.ti's c-coefficient n12 / (n1 + n2 - n12), 0 to 1)\n"
		"  --codes LIST   these codes, in this order (default: every code of the schemes)\n"
		"  --coder NAME   whose codings: NAME, A,B or all (added up); default: the\n"
		"                 project's default coder, else the only coder with codings\n"
		"  --format F     table, tsv, csv, json, md or html\n"
		"  -o FILE        write to FILE (atomically; the format from its extension)\n",
	.run = cooccur_run,
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
	const char *format_name = NULL, *coder = NULL, *outpath = NULL;
	char *codes_copy = NULL, **codes = NULL, **coders = NULL;
	size_t ncodes = 0, ncoders = 0;
	int jaccard = 0, implicit = 0, c, rc = EXIT_OK;
	cdr_project *p = NULL;
	cdr_schemes *set = NULL;
	cdr_matrix *m = NULL;
	cdr_table *t = NULL;
	struct cli_out out = { 0 };

	while ((c = cli_getopt(cmd, argc, argv, "ho:", opts)) != -1) {
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
		case 'o': outpath = optarg; break;
		default:
			free(codes_copy);
			return CLI_GETOPT_EXIT(c);
		}
	}
	if (optind < argc) {
		free(codes_copy);
		return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
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
	if ((rc = cli_out_open(&out, outpath, format_name, CLI_TABLE)) != EXIT_OK ||
	    (rc = cli_open_project(ctx, &p)) != EXIT_OK ||
	    (rc = choose_coders(p, coder, &coders, &ncoders, &implicit)) != EXIT_OK)
		goto done;
	if (cdr_schemes_load(&set, p) < 0 ||
	    cdr_cooccur_coders(&m, p, set, (const char *const *)coders, ncoders, (const char *const *)codes, ncodes,
			       within, jaccard) < 0) {
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
		coders_note(coders, ncoders, implicit);
	cdr_coders_free(coders, ncoders);
	cdr_table_free(t);
	cdr_matrix_free(m);
	cdr_schemes_free(set);
	cdr_project_free(p);
	free(codes);
	free(codes_copy);
	return rc;
}
