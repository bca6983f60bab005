/* cmd-coders.c -- the project's coders with their counts; rename, archive
 * and restore a coder (archive.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static int coders_exec(struct cli_ctx *ctx, const struct cli_args *a);
static int rename_exec(struct cli_ctx *ctx, const struct cli_args *a);
static int rm_exec(struct cli_ctx *ctx, const struct cli_args *a);
static int restore_exec(struct cli_ctx *ctx, const struct cli_args *a);

static const struct cdr_cmd cmd_coders_rename = {
	.name = "coders rename",
	.summary = "give a coder another name",
	.args = "OLD NEW",
	.min_args = 2,
	.max_args = 2,
	.opts = (const struct cli_opt[]){
		{ "force", 0, CLI_OPT_FLAG, NULL, "also rename auto, the coder autocode writes", NULL, 0 },
		{ NULL },
	},
	.examples = CLI_EXAMPLES("codeer coders rename me anna"),
	.exec = rename_exec,
};

static const struct cdr_cmd cmd_coders_rm = {
	.name = "coders rm",
	.summary = "move a coder's codings to the project's archive",
	.args = "NAME",
	.min_args = 1,
	.max_args = 1,
	.opts = (const struct cli_opt[]){ { NULL } },
	.examples = CLI_EXAMPLES("codeer coders rm proef"),
	.exec = rm_exec,
};

static const struct cdr_cmd cmd_coders_restore = {
	.name = "coders restore",
	.summary = "bring an archived coder back",
	.args = "NAME",
	.min_args = 1,
	.max_args = 1,
	.opts = (const struct cli_opt[]){ { NULL } },
	.examples = CLI_EXAMPLES("codeer coders restore proef"),
	.exec = restore_exec,
};

const struct cdr_cmd cmd_coders = {
	.name = "coders",
	.summary = "list coders with their counts; rename, remove, restore",
	.opts = (const struct cli_opt[]){
		CLI_FORMAT_OPTION("table", "tsv", "csv", "json", "md"),
		CLI_OUTPUT_OPTION,
		{ NULL },
	},
	.help = "One row per coder: codings (not rejected), rejected, documents coded, and\n"
		"the first and last time a coding was made. A table: piped, TSV with its header.\n",
	.examples = CLI_EXAMPLES("codeer coders", "codeer coders rename me anna", "codeer coders rm proef"),
	.subcommands = (const struct cdr_cmd *const[]){ &cmd_coders_rename, &cmd_coders_rm, &cmd_coders_restore, NULL },
	.exec = coders_exec,
};

static int coders_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	static const char *const headers[] = { "coder", "codings", "rejected", "documents", "first", "last" };
	cdr_coder_stats *v = NULL;
	size_t n = 0;
	cdr_project *p = NULL;
	cdr_table *t = NULL;
	struct cli_out o;
	int rc;

	if ((rc = cli_out_open(&o, cli_str(a, "output"), cli_str(a, "format"), CLI_TABLE)) != EXIT_OK)
		return rc;
	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		return cli_out_close(&o, rc);
	if (cdr_coders_stats(&v, &n, p) < 0 || cdr_table_new(&t, 6, headers) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	for (size_t c = 1; c <= 3; c++)
		cdr_table_set_numeric(t, c);
	for (size_t i = 0; i < n; i++) {
		char k[24], r[24], d[24];
		snprintf(k, sizeof(k), "%zu", v[i].codings);
		snprintf(r, sizeof(r), "%zu", v[i].rejected);
		snprintf(d, sizeof(d), "%zu", v[i].docs);
		const char *row[] = { v[i].name, k, r, d, v[i].first, v[i].last };
		if (cdr_table_add(t, row) < 0) {
			rc = cli_lib_error();
			goto done;
		}
	}
	rc = cdr_table_write(t, o.f, o.fmt) < 0 ? cli_lib_error() : EXIT_OK;
done:
	cdr_table_free(t);
	cdr_coders_stats_free(v, n);
	cdr_project_free(p);
	return cli_out_close(&o, rc);
}

static int rename_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	cdr_project *p = NULL;
	char *report = NULL;
	int rc;

	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		return rc;
	if ((rc = cdr_coder_rename(p, a->argv[0], a->argv[1], cli_flag(a, "force"), &report)) < 0) {
		/* the way past the refusal is an option here */
		if (rc == CDR_EUSAGE && strcmp(a->argv[0], CDR_AUTO_CODER) == 0 && strstr(cdr_error_last(), "autocode"))
			rc = cli_error("%s; --force renames it all the same", cdr_error_last());
		else
			rc = cli_lib_error();
	} else {
		fputs(report, stdout);
		rc = EXIT_OK;
	}
	free(report);
	cdr_project_free(p);
	return rc;
}

static int rm_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	cdr_project *p = NULL;
	char *report = NULL;
	int rc;

	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		return rc;
	if (cdr_coder_remove(p, a->argv[0], &report) < 0)
		rc = cli_lib_error();
	else
		fputs(report, stdout);
	free(report);
	cdr_project_free(p);
	return rc;
}

static int restore_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	cdr_project *p = NULL;
	char *report = NULL;
	int rc;

	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		return rc;
	if (cdr_archive_restore(p, a->argv[0], "coder", &report) < 0)
		rc = cli_lib_error();
	else
		fputs(report, stdout);
	free(report);
	cdr_project_free(p);
	return rc;
}
