/* cmd-restore.c -- list the project's archive, or bring an entry back
 * (archive.h). */
#include <stdlib.h>

#include "cli/cli.h"

static int restore_exec(struct cli_ctx *ctx, const struct cli_args *a);

const struct cdr_cmd cmd_restore = {
	.name = "restore",
	.summary = "list the archive, or bring a document (or an entry) back",
	.args = "[DOC|ENTRY]",
	.max_args = 1,
	.opts = (const struct cli_opt[]){
		CLI_FORMAT_OPTION("table", "tsv", "csv", "json", "md"),
		{ NULL },
	},
	.help = "Without an argument: one row per archive entry (entry, kind, id, archived,\n"
		"what it holds), oldest first. With a document id: its newest entry comes\n"
		"back, codings and memo included; an entry's name restores that entry (a\n"
		"document, a coder, or the codings of a removed code).\n",
	.examples = CLI_EXAMPLES("codeer restore", "codeer restore interview-03"),
	.exec = restore_exec,
};

static int list(cdr_project *p, const char *format)
{
	static const char *const headers[] = { "entry", "kind", "id", "archived", "holds" };
	cdr_archive_entry *v = NULL;
	size_t n = 0;
	cdr_table *t = NULL;
	struct cli_out o;
	int rc;

	if ((rc = cli_out_open(&o, NULL, format, CLI_TABLE)) != EXIT_OK)
		return rc;
	if (cdr_archive_list(&v, &n, p) < 0 || cdr_table_new(&t, 5, headers) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		const char *row[] = { v[i].name, v[i].kind, v[i].id, v[i].archived, v[i].summary };
		if (cdr_table_add(t, row) < 0) {
			rc = cli_lib_error();
			goto done;
		}
	}
	rc = cdr_table_write(t, o.f, o.fmt) < 0 ? cli_lib_error() : EXIT_OK;
done:
	cdr_table_free(t);
	cdr_archive_list_free(v, n);
	return cli_out_close(&o, rc);
}

static int restore_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	cdr_project *p = NULL;
	char *report = NULL;
	int rc;

	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		return rc;
	if (a->argc == 0) {
		rc = list(p, cli_str(a, "format"));
	} else if (cdr_archive_restore(p, a->argv[0], NULL, &report) < 0) {
		rc = cli_lib_error();
	} else {
		fputs(report, stdout);
	}
	free(report);
	cdr_project_free(p);
	return rc;
}
