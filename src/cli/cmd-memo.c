/* cmd-memo.c -- memos on documents and codes: list, show, write. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static int memo_exec(struct cli_ctx *ctx, const struct cli_args *a);

const struct cdr_cmd cmd_memo = {
	.name = "memo",
	.summary = "list, show or write memos on documents and codes",
	.args = "[TARGET [TEXT...]]",
	.max_args = -1,
	.opts = (const struct cli_opt[]){
		{ "doc", 0, CLI_OPT_FLAG, NULL, "TARGET is a document", NULL, 0 },
		{ "code", 0, CLI_OPT_FLAG, NULL, "TARGET is a code", NULL, 0 },
		{ "append", 0, CLI_OPT_FLAG, NULL, "add TEXT as a new paragraph to the memo", NULL, 0 },
		{ "replace", 0, CLI_OPT_FLAG, NULL, "replace the memo with TEXT", NULL, 0 },
		{ "clear", 0, CLI_OPT_FLAG, NULL, "remove the memo", NULL, 0 },
		CLI_FORMAT_OPTION("table", "plain", "tsv", "csv", "json", "md", "html"),
		{ NULL },
	},
	.help = "Without TARGET (or with 'list'): every memo, one line each. With TARGET: its\n"
		"memo; with TEXT too: write it. TARGET is a document id or a code (scheme/code,\n"
		"or a code id only one scheme has); --doc or --code says which when a name\n"
		"could be both. Memos are Markdown files under memos/. A memo on one coding is\n"
		"given with 'codeer code add --memo'. A TARGET that has a memo already is\n"
		"refused unless --append or --replace says what to do with it.\n",
	.examples = CLI_EXAMPLES("codeer memo VB \"Technische verbindingen tellen niet.\"",
				 "codeer memo --append VB \"Tweede alinea.\"", "codeer memo --format tsv"),
	.exec = memo_exec,
};

static int on_memo(void *ctx, cdr_memo_kind kind, const char *id, const char *first)
{
	const char *row[] = { kind == CDR_MEMO_DOC ? "doc" : "code", id, first };
	return cdr_table_add(ctx, row);
}

static int memo_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	static const char *const headers[] = { "kind", "target", "memo" };
	int doc = cli_flag(a, "doc"), code = cli_flag(a, "code"), append = cli_flag(a, "append");
	int replace = cli_flag(a, "replace"), clear = cli_flag(a, "clear"), rc;
	const int next = 1; /* TEXT... follows TARGET */
	const char *target;
	cdr_project *p = NULL;
	cdr_schemes *set = NULL;
	cdr_memo_kind kind;
	char id[600];

	if (append + replace + clear > 1)
		return cli_usage_error(a->cmd, "give one of --append, --replace and --clear");
	if (doc && code)
		return cli_usage_error(a->cmd, "give one of --doc and --code");
	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		return rc;
	if (a->argc == 0 || (a->argc == 1 && strcmp(a->argv[0], "list") == 0)) {
		cdr_table *t = NULL;
		cdr_format fmt;
		if ((rc = cli_format(cli_str(a, "format"), &fmt)) != 0)
			goto done;
		if (cdr_table_new(&t, 3, headers) < 0 || cdr_memo_each(p, on_memo, t) < 0)
			rc = cli_lib_error();
		else
			cdr_table_write(t, stdout, fmt);
		cdr_table_free(t);
		goto done;
	}
	target = a->argv[0];
	if ((append || replace) && a->argc < 2) {
		rc = cli_usage_error(a->cmd, "--%s needs the TEXT to write", append ? "append" : "replace");
		goto done;
	}
	if (!code && cdr_project_has_doc(p, target)) {
		kind = CDR_MEMO_DOC;
		snprintf(id, sizeof(id), "%s", target);
	} else if (doc) {
		rc = cli_error("no document '%s' in the project (see 'codeer docs')", target);
		goto done;
	} else {
		const cdr_code *resolved;
		if (cdr_schemes_load(&set, p) < 0) {
			rc = cli_lib_error();
			goto done;
		}
		if (cdr_schemes_resolve(&resolved, set, target) < 0) {
			rc = code ? cli_lib_error() : cli_error("'%s' is neither a document nor a code of the project", target);
			goto done;
		}
		kind = CDR_MEMO_CODE;
		snprintf(id, sizeof(id), "%s", resolved->qualified);
	}
	if (clear || a->argc > next) {
		char *text = NULL;
		size_t len = 1;
		for (int i = next; i < a->argc; i++)
			len += strlen(a->argv[i]) + 1;
		if ((text = calloc(1, len)) == NULL) {
			rc = cli_error("out of memory");
			goto done;
		}
		for (int i = next; i < a->argc && !clear; i++) {
			if (i > next)
				strcat(text, " ");
			strcat(text, a->argv[i]);
		}
		rc = cdr_memo_write(p, kind, id, text,
				    append ? CDR_MEMO_APPEND : replace || clear ? CDR_MEMO_REPLACE : CDR_MEMO_NEW);
		/* a memo is never replaced unasked: say how to ask */
		if (rc == CDR_EEXISTS)
			rc = cli_error("%s (use --append to add to it or --replace to replace it)", cdr_error_last());
		else
			rc = rc < 0 ? cli_lib_error() : EXIT_OK;
		free(text);
	} else {
		char *text;
		if (cdr_memo_get(&text, p, kind, id) < 0) {
			rc = cli_lib_error();
			goto done;
		}
		if (text)
			fputs(text, stdout);
		free(text);
		rc = EXIT_OK;
	}
done:
	cdr_schemes_free(set);
	cdr_project_free(p);
	return rc;
}
