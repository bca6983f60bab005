/* cmd-import.c -- a REFI-QDA file from another QDA program: a .qdpx
 * becomes a new project, a .qdc new code schemes of a project. What the
 * import leaves out is listed on stderr, each thing with its GUID. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"

static int import_exec(struct cli_ctx *ctx, const struct cli_args *a);

const struct cdr_cmd cmd_import = {
	.name = "import",
	.summary = "read a REFI-QDA project (.qdpx) or codebook (.qdc)",
	.args = "FILE",
	.min_args = 1,
	.max_args = 1,
	.opts = (const struct cli_opt[]){
		{ "into", 0, CLI_OPT_STRING, "DIR",
		  "a .qdpx: the new project's directory (default: the file's\n"
		  "name without .qdpx); a .qdc: the project to add the schemes to", NULL, 0 },
		{ NULL },
	},
	.help = "A .qdpx is imported all or nothing into a new project; a .qdc adds its codes\n"
		"as new schemes (one per set of whole code trees, one for the other codes). A\n"
		"selection that has no exact place in its source's text, a coding of a code the\n"
		"codebook lacks, and what codeer has no place for are reported and left out.\n",
	.examples = CLI_EXAMPLES("codeer import begeleider.qdpx --into scriptie",
				 "codeer import codeboek.qdc"),
	.exit_status = "0 imported everything; 1 imported, but something was left out (listed on\n"
		       "stderr); 2 error (nothing imported).",
	.exec = import_exec,
};

static void on_report(void *ctx, const char *message)
{
	(void)ctx;
	fprintf(stderr, "codeer: %s\n", message);
}

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);

	return n >= t && strcasecmp(s + n - t, tail) == 0;
}

static void summary(const char *file, const char *into, const cdr_refi_stats *st, int project)
{
	printf("%s -> %s: %zu scheme%s, %zu code%s", file, into, st->schemes, st->schemes == 1 ? "" : "s", st->codes,
	       st->codes == 1 ? "" : "s");
	if (project)
		printf(", %zu source%s, %zu case%s, %zu coder%s, %zu coding%s, %zu memo%s", st->sources,
		       st->sources == 1 ? "" : "s", st->cases, st->cases == 1 ? "" : "s", st->coders,
		       st->coders == 1 ? "" : "s", st->codings, st->codings == 1 ? "" : "s", st->memos,
		       st->memos == 1 ? "" : "s");
	if (st->left_out)
		printf("; %zu thing%s left out", st->left_out, st->left_out == 1 ? "" : "s");
	putchar('\n');
}

static int import_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	const char *file = a->argv[0], *into = cli_str(a, "into");
	cdr_refi_stats st;
	int rc;

	if (ends_with(file, ".qdpx")) {
		char *dir = NULL;
		if (into == NULL) {
			const char *b = strrchr(file, '/');
			b = b ? b + 1 : file;
			if ((dir = strndup(b, strlen(b) - 5)) == NULL)
				return cli_error("out of memory");
			if (*dir == '\0') {
				free(dir);
				return cli_usage_error(a->cmd, "name the new project's directory with --into DIR");
			}
		}
		rc = cdr_refi_import_qdpx(file, into ? into : dir, on_report, NULL, &st);
		if (rc < 0) {
			free(dir);
			if (rc == CDR_EEXISTS)
				cli_error("%s; name another with --into DIR", cdr_error_last());
			else
				cli_lib_error();
			return cli_error("nothing was imported");
		}
		summary(file, into ? into : dir, &st, 1);
		free(dir);
		return st.left_out ? EXIT_FOUND : EXIT_OK;
	}
	if (ends_with(file, ".qdc")) {
		struct cli_ctx here = *ctx;
		cdr_project *p = NULL;
		if (into)
			here.project_dir = into;
		if ((rc = cli_open_project(&here, &p)) != EXIT_OK)
			return rc;
		rc = cdr_refi_import_qdc(p, file, on_report, NULL, &st);
		if (rc < 0) {
			cdr_project_free(p);
			cli_lib_error();
			return cli_error("nothing was imported");
		}
		summary(file, cdr_project_path(p), &st, 0);
		cdr_project_free(p);
		return st.left_out ? EXIT_FOUND : EXIT_OK;
	}
	return cli_usage_error(a->cmd, "'%s': expected a .qdpx or a .qdc file", file);
}
