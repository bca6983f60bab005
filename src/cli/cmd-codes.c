/* cmd-codes.c -- list the codes of the project's schemes; rename, merge,
 * move and remove codes, and show the log of those changes. The scheme
 * file and every coder's codings change together in the library
 * (codebook.h); this parses and prints. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static int codes_exec(struct cli_ctx *ctx, const struct cli_args *a);
static int change_exec(struct cli_ctx *ctx, const struct cli_args *a);
static int log_exec(struct cli_ctx *ctx, const struct cli_args *a);

#define DRY_RUN_OPTION { "dry-run", 'n', CLI_OPT_FLAG, NULL, "say what would change (which codings of which coders),\nchange nothing", NULL, 0 }

static const struct cdr_cmd cmd_codes_rename = {
	.name = "codes rename",
	.summary = "give a code another id, in its scheme and every coder's codings",
	.args = "CODE NEW-ID",
	.min_args = 2,
	.max_args = 2,
	.opts = (const struct cli_opt[]){ DRY_RUN_OPTION, { NULL } },
	.examples = CLI_EXAMPLES("codeer codes rename mini/EK EIGEN", "codeer codes rename --dry-run VB VERB"),
	.exec = change_exec,
};

static const struct cdr_cmd cmd_codes_merge = {
	.name = "codes merge",
	.summary = "merge codes into one (their codings recoded, subcodes moved)",
	.args = "CODE...",
	.min_args = 1,
	.max_args = -1,
	.opts = (const struct cli_opt[]){
		{ "into", 0, CLI_OPT_STRING, "CODE", "the code they become: an existing code, or a new id\nthat the first code takes", NULL, 0 },
		DRY_RUN_OPTION,
		{ NULL },
	},
	.examples = CLI_EXAMPLES("codeer codes merge VB.NET VB.BUURT --into VB", "codeer codes merge A B --into AB --dry-run"),
	.exec = change_exec,
};

static const struct cdr_cmd cmd_codes_move = {
	.name = "codes move",
	.summary = "put a code under another code, or at the top",
	.args = "CODE",
	.min_args = 1,
	.max_args = 1,
	.opts = (const struct cli_opt[]){
		{ "under", 0, CLI_OPT_STRING, "PARENT", "the code it goes under (same scheme)", NULL, 0 },
		{ "top", 0, CLI_OPT_FLAG, NULL, "make it a top-level code", NULL, 0 },
		DRY_RUN_OPTION,
		{ NULL },
	},
	.examples = CLI_EXAMPLES("codeer codes move HAND --under VB", "codeer codes move VB.NET --top"),
	.exec = change_exec,
};

static const struct cdr_cmd cmd_codes_rm = {
	.name = "codes rm",
	.summary = "remove a code (refused while codings use it)",
	.args = "CODE",
	.min_args = 1,
	.max_args = 1,
	.opts = (const struct cli_opt[]){
		{ "into", 0, CLI_OPT_STRING, "OTHER", "recode its codings to OTHER first", NULL, 0 },
		{ "purge", 0, CLI_OPT_FLAG, NULL, "move its codings to the project's archive", NULL, 0 },
		DRY_RUN_OPTION,
		{ NULL },
	},
	.help = "Its subcodes move up to its parent.\n",
	.examples = CLI_EXAMPLES("codeer codes rm HAND --into EK", "codeer codes rm HAND --purge --dry-run"),
	.exec = change_exec,
};

static const struct cdr_cmd cmd_codes_log = {
	.name = "codes log",
	.summary = "the codebook's changes: time, change, codings, coders",
	.opts = (const struct cli_opt[]){
		CLI_FORMAT_OPTION("table", "tsv", "csv", "json", "md"),
		CLI_OUTPUT_OPTION,
		{ NULL },
	},
	.examples = CLI_EXAMPLES("codeer codes log", "codeer codes log --format json"),
	.exec = log_exec,
};

const struct cdr_cmd cmd_codes = {
	.name = "codes",
	.summary = "list the codes of all schemes (scheme/code, label, rules)",
	.opts = (const struct cli_opt[]){
		{ "tree", 0, CLI_OPT_FLAG, NULL, "indent codes under their parents (in every format)", NULL, 0 },
		{ "scheme", 0, CLI_OPT_STRING, "ID", "only the codes of this scheme", NULL, 0 },
		CLI_FORMAT_OPTION("table", "plain", "tsv", "csv", "json", "md", "html"),
		CLI_OUTPUT_OPTION,
		{ NULL },
	},
	.help = "A list: piped, bare lines for cut and grep (--format tsv adds the header).\n",
	.examples = CLI_EXAMPLES("codeer codes --tree --scheme empowerment", "codeer codes -o codes.csv",
				 "codeer codes rename mini/EK EIGEN", "codeer codes log"),
	.subcommands = (const struct cdr_cmd *const[]){ &cmd_codes_rename, &cmd_codes_merge, &cmd_codes_move,
							&cmd_codes_rm, &cmd_codes_log, NULL },
	.exec = codes_exec,
};

static int codes_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	static const char *const headers[] = { "code", "label", "rules", "parent" };
	const char *only = cli_str(a, "scheme");
	int tree = cli_flag(a, "tree"), rc;
	cdr_project *p = NULL;
	cdr_schemes *set = NULL;
	cdr_table *t = NULL;
	struct cli_out o;

	/* a list of codes: piped, bare lines for cut and grep */
	if ((rc = cli_out_open(&o, cli_str(a, "output"), cli_str(a, "format"), CLI_LIST)) != EXIT_OK)
		return rc;
	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		return cli_out_close(&o, rc);
	if (cdr_schemes_load(&set, p) < 0 || cdr_table_new(&t, 4, headers) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	if (only && cdr_schemes_find(set, only) == NULL) {
		rc = cli_error("no scheme '%s' in the project (see 'codeer scheme list')", only);
		goto done;
	}
	cdr_table_set_numeric(t, 2);
	for (size_t s = 0; s < cdr_schemes_count(set); s++) {
		const cdr_scheme *scheme = cdr_schemes_get(set, s);
		if (only && strcmp(only, cdr_scheme_id(scheme)) != 0)
			continue;
		for (size_t i = 0; i < cdr_scheme_code_count(scheme); i++) {
			const cdr_code *code = cdr_scheme_code(scheme, i);
			char name[512], rules[16];
			snprintf(name, sizeof(name), "%*s%s", tree ? (int)code->depth * 2 : 0, "", code->qualified);
			snprintf(rules, sizeof(rules), "%zu", code->nrules);
			const char *row[] = { name, code->label, rules,
					      code->parent >= 0 ? cdr_scheme_code(scheme, (size_t)code->parent)->qualified : "" };
			if (cdr_table_add(t, row) < 0) {
				rc = cli_lib_error();
				goto done;
			}
		}
	}
	rc = cdr_table_write(t, o.f, o.fmt) < 0 ? cli_lib_error() : EXIT_OK;
done:
	cdr_table_free(t);
	cdr_schemes_free(set);
	cdr_project_free(p);
	return cli_out_close(&o, rc);
}

static int change_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	const char *sub = strrchr(a->cmd->name, ' ') + 1;
	cdr_codebook_change c = { 0 };
	int dry_run = cli_flag(a, "dry-run"), rc;
	cdr_project *p = NULL;
	char *report = NULL;

	c.codes = (const char *const *)a->argv;
	c.ncodes = (size_t)a->argc;
	if (strcmp(sub, "rename") == 0) {
		c.op = CDR_CODES_RENAME;
		c.target = a->argv[1];
		c.ncodes = 1;
	} else if (strcmp(sub, "merge") == 0) {
		c.op = CDR_CODES_MERGE;
		if ((c.target = cli_str(a, "into")) == NULL)
			return cli_usage_error(a->cmd, "--into names the code they become");
	} else if (strcmp(sub, "move") == 0) {
		c.op = CDR_CODES_MOVE;
		c.target = cli_str(a, "under");
		if ((c.target == NULL) == !cli_flag(a, "top"))
			return cli_usage_error(a->cmd, "give --under PARENT or --top");
	} else {
		c.op = CDR_CODES_REMOVE;
		c.target = cli_str(a, "into");
		c.purge = cli_flag(a, "purge");
		if (c.target && c.purge)
			return cli_usage_error(a->cmd, "--into and --purge exclude each other");
	}
	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		return rc;
	if ((rc = cdr_codebook_apply(p, &c, dry_run, &report)) < 0) {
		if (rc == CDR_EUNSAFE && c.op == CDR_CODES_REMOVE)
			rc = cli_error("%s; --into OTHER recodes them, --purge archives them", cdr_error_last());
		else
			rc = cli_lib_error();
	} else {
		fputs(report, stdout);
		if (dry_run)
			fputs("dry run: nothing changed\n", stderr);
		rc = EXIT_OK;
	}
	free(report);
	cdr_project_free(p);
	return rc;
}

static int log_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	cdr_project *p = NULL;
	cdr_table *t = NULL;
	struct cli_out o;
	int rc;

	if ((rc = cli_out_open(&o, cli_str(a, "output"), cli_str(a, "format"), CLI_TABLE)) != EXIT_OK)
		return rc;
	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		return cli_out_close(&o, rc);
	if (cdr_codebook_log(&t, p) < 0)
		rc = cli_lib_error();
	else
		rc = cdr_table_write(t, o.f, o.fmt) < 0 ? cli_lib_error() : EXIT_OK;
	cdr_table_free(t);
	cdr_project_free(p);
	return cli_out_close(&o, rc);
}
