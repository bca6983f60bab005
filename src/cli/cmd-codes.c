/* cmd-codes.c -- list the codes of the project's schemes. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static int codes_exec(struct cli_ctx *ctx, const struct cli_args *a);

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
	.examples = CLI_EXAMPLES("codeer codes --tree --scheme empowerment", "codeer codes -o codes.csv"),
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
