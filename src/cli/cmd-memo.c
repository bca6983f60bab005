/* cmd-memo.c -- memos on documents, codes, cases and the project: list
 * (filtered), search, show, write. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static int memo_exec(struct cli_ctx *ctx, const struct cli_args *a);
static int memo_list_exec(struct cli_ctx *ctx, const struct cli_args *a);
static int memo_grep_exec(struct cli_ctx *ctx, const struct cli_args *a);

#define KIND_OPTION { "kind", 0, CLI_OPT_ENUM, NULL, "only memos of this kind", \
		      CLI_CHOICES("doc", "code", "case", "project"), 0 }

const struct cdr_cmd cmd_memo_list = {
	.name = "memo list",
	.summary = "list memos, one line each, or those about some documents, cases or codes",
	.opts = (const struct cli_opt[]){
		KIND_OPTION,
		{ "doc", 0, CLI_OPT_STRING, "ID", "the memo on this document (repeat for more)", NULL, 1 },
		{ "case", 0, CLI_OPT_STRING, "ID", "the memo on this case and on its documents (repeat for more)",
		  NULL, 1 },
		{ "code", 0, CLI_OPT_STRING, "CODE", "the memo on this code and on its subcodes (repeat for more)", NULL, 1 },
		CLI_FORMAT_OPTION("table", "plain", "tsv", "csv", "json", "md", "html"),
		{ NULL },
	},
	.help = "Each line: kind (project, doc, case or code), target, the memo's first line.\n"
		"--doc, --case and --code each add memos to the list (a memo about any of them\n"
		"shows); --kind keeps one kind of those.\n",
	.examples = CLI_EXAMPLES("codeer memo list", "codeer memo list --case mee", "codeer memo list --kind code"),
	.exec = memo_list_exec,
};

const struct cdr_cmd cmd_memo_grep = {
	.name = "memo grep",
	.summary = "search every memo for a pattern: kind, target, line number, line",
	.args = "PATTERN",
	.min_args = 1,
	.max_args = 1,
	.opts = (const struct cli_opt[]){
		KIND_OPTION,
		{ "case-sensitive", 0, CLI_OPT_FLAG, NULL, "match case exactly", NULL, 0 },
		CLI_FORMAT_OPTION("table", "plain", "tsv", "csv", "json", "md", "html"),
		{ NULL },
	},
	.help = "The pattern is PCRE2, caseless unless --case-sensitive, matched line by line.\n",
	.examples = CLI_EXAMPLES("codeer memo grep 'eigen\\s+kracht'", "codeer memo grep --kind doc twijfel"),
	.exit_status = "0 at least one line matched; 1 none (nothing on standard error); 2 an error, usage errors "
		       "included.",
	.exec = memo_grep_exec,
};

const struct cdr_cmd cmd_memo = {
	.name = "memo",
	.summary = "list, search, show or write memos on documents, codes, cases and the project",
	.args = "[TARGET [TEXT...]]",
	.max_args = -1,
	.opts = (const struct cli_opt[]){
		{ "doc", 0, CLI_OPT_FLAG, NULL, "TARGET is a document", NULL, 0 },
		{ "code", 0, CLI_OPT_FLAG, NULL, "TARGET is a code", NULL, 0 },
		{ "case", 0, CLI_OPT_FLAG, NULL, "TARGET is a case", NULL, 0 },
		{ "project", 0, CLI_OPT_FLAG, NULL, "the memo on the project: no TARGET, the arguments are TEXT", NULL, 0 },
		{ "append", 0, CLI_OPT_FLAG, NULL, "add TEXT as a new paragraph to the memo", NULL, 0 },
		{ "replace", 0, CLI_OPT_FLAG, NULL, "replace the memo with TEXT", NULL, 0 },
		{ "clear", 0, CLI_OPT_FLAG, NULL, "remove the memo", NULL, 0 },
		CLI_FORMAT_OPTION("table", "plain", "tsv", "csv", "json", "md", "html"),
		{ NULL },
	},
	.help = "Without TARGET: every memo, one line each (as 'memo list'). With TARGET: its\n"
		"memo; with TEXT too: write it. TARGET is a document id, a code (scheme/code,\n"
		"or a code id only one scheme has) or a case; --doc, --code or --case says\n"
		"which when a name could be more than one. --project writes or shows the\n"
		"project's own memo. Memos are Markdown files under memos/. A memo on one\n"
		"coding is given with 'codeer code add --memo'. A TARGET that has a memo\n"
		"already is refused unless --append or --replace says what to do with it.\n",
	.examples = CLI_EXAMPLES("codeer memo VB \"Technische verbindingen tellen niet.\"",
				 "codeer memo --append VB \"Tweede alinea.\"", "codeer memo --format tsv",
				 "codeer memo --case mee \"Twee interviews, een team.\"",
				 "codeer memo --project \"Onderzoeksvraag: wat is eigen kracht?\""),
	.subcommands = (const struct cdr_cmd *const[]){ &cmd_memo_list, &cmd_memo_grep, NULL },
	.exec = memo_exec,
};

/* Which memos memo list shows. */
struct pick {
	cdr_table *t;
	int kind;                 /* -1: any */
	cdr_project *p;
	char *const *docs, *const *cases;
	size_t ndocs, ncases;
	const cdr_code **codes;   /* resolved --code values */
	size_t ncodes;
	const cdr_schemes *set;
};

static int named(char *const *list, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], id) == 0)
			return 1;
	return 0;
}

static int picked(const struct pick *k, cdr_memo_kind kind, const char *id)
{
	cdr_cases *cases = cdr_project_cases(k->p);
	const cdr_code *c;
	long ci;

	if (k->kind >= 0 && (int)kind != k->kind)
		return 0;
	if (k->ndocs == 0 && k->ncases == 0 && k->ncodes == 0)
		return 1;
	switch (kind) {
	case CDR_MEMO_DOC:
		ci = cdr_cases_of_doc(cases, id);
		return named(k->docs, k->ndocs, id) || (ci >= 0 && named(k->cases, k->ncases, cdr_cases_id(cases, (size_t)ci)));
	case CDR_MEMO_CASE:
		return named(k->cases, k->ncases, id);
	case CDR_MEMO_CODE:
		if (k->ncodes == 0 || cdr_schemes_resolve(&c, k->set, id) < 0)
			return 0;
		for (size_t i = 0; i < k->ncodes; i++)
			if (c == k->codes[i] ||
			    cdr_scheme_code_is_below(cdr_schemes_scheme_of(k->set, k->codes[i]), c, k->codes[i]))
				return 1;
		return 0;
	default:
		return 0;
	}
}

static int on_memo(void *ctx, cdr_memo_kind kind, const char *id, const char *first)
{
	struct pick *k = ctx;
	const char *row[] = { cdr_memo_kind_name(kind), id, first };

	return picked(k, kind, id) ? cdr_table_add(k->t, row) : 0;
}

/* The list, for 'memo' without TARGET and for 'memo list'. */
static int list_memos(cdr_project *p, const struct cli_args *a, int filters)
{
	static const char *const headers[] = { "kind", "target", "memo" };
	struct pick k = { NULL, -1, p, NULL, NULL, 0, 0, NULL, 0, NULL };
	cdr_schemes *set = NULL;
	char *const *codes = NULL;
	size_t ncodes = 0;
	cdr_format fmt;
	int rc;

	if ((rc = cli_format(cli_str(a, "format"), &fmt)) != 0)
		return rc;
	if (filters) {
		k.kind = cli_str(a, "kind") ? cdr_memo_kind_parse(cli_str(a, "kind")) : -1;
		k.docs = cli_list(a, "doc", &k.ndocs);
		k.cases = cli_list(a, "case", &k.ncases);
		codes = cli_list(a, "code", &ncodes);
	}
	/* a filter naming nothing the project has is a mistake, not "no memos" */
	for (size_t i = 0; i < k.ndocs; i++)
		if (!cdr_project_has_doc(p, k.docs[i]))
			return cli_error("no document '%s' in the project (see 'codeer docs')", k.docs[i]);
	for (size_t i = 0; i < k.ncases; i++)
		if (cdr_cases_find(cdr_project_cases(p), k.cases[i]) < 0)
			return cli_error("no case '%s' in the project (see 'codeer cases')", k.cases[i]);
	if (ncodes && cdr_schemes_load(&set, p) < 0)
		return cli_lib_error();
	k.set = set;
	if ((k.codes = calloc(ncodes + 1, sizeof(*k.codes))) == NULL) {
		cdr_schemes_free(set);
		return cli_error("out of memory");
	}
	for (size_t i = 0; i < ncodes && rc == EXIT_OK; i++)
		if (cdr_schemes_resolve(&k.codes[k.ncodes++], set, codes[i]) < 0)
			rc = cli_lib_error();
	if (rc == EXIT_OK && (cdr_table_new(&k.t, 3, headers) < 0 || cdr_memo_each(p, on_memo, &k) < 0))
		rc = cli_lib_error();
	if (rc == EXIT_OK)
		cdr_table_write(k.t, stdout, fmt);
	cdr_table_free(k.t);
	free(k.codes);
	cdr_schemes_free(set);
	return rc;
}

static int memo_list_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	cdr_project *p = NULL;
	int rc;

	if ((rc = cli_open_project(ctx, &p)) == EXIT_OK)
		rc = list_memos(p, a, 1);
	cdr_project_free(p);
	return rc;
}

struct grep_out {
	cdr_table *t;
	int kind;
};

static int on_line(void *ctx, cdr_memo_kind kind, const char *id, size_t line, const char *text)
{
	struct grep_out *g = ctx;
	char num[32];

	if (g->kind >= 0 && (int)kind != g->kind)
		return 0;
	snprintf(num, sizeof(num), "%zu", line);
	const char *row[] = { cdr_memo_kind_name(kind), id, num, text };
	return cdr_table_add(g->t, row);
}

static int memo_grep_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	static const char *const headers[] = { "kind", "target", "line", "text" };
	struct grep_out g = { NULL, cli_str(a, "kind") ? cdr_memo_kind_parse(cli_str(a, "kind")) : -1 };
	cdr_project *p = NULL;
	cdr_format fmt;
	int rc;

	if (*a->argv[0] == '\0')
		return cli_usage_error(a->cmd, "the pattern is empty");
	if ((rc = cli_format(cli_str(a, "format"), &fmt)) != 0 || (rc = cli_open_project(ctx, &p)) != EXIT_OK)
		return rc;
	if (cdr_table_new(&g.t, 4, headers) < 0 ||
	    cdr_memo_grep(p, a->argv[0], cli_flag(a, "case-sensitive"), on_line, &g, NULL) < 0) {
		rc = cli_lib_error();
	} else {
		cdr_table_set_numeric(g.t, 2);
		if (cdr_table_rows(g.t) || (fmt != CDR_FORMAT_TABLE && fmt != CDR_FORMAT_PLAIN))
			cdr_table_write(g.t, stdout, fmt);
		rc = cdr_table_rows(g.t) ? EXIT_OK : EXIT_FOUND;
	}
	cdr_table_free(g.t);
	cdr_project_free(p);
	return rc;
}

static int memo_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	int doc = cli_flag(a, "doc"), code = cli_flag(a, "code"), is_case = cli_flag(a, "case"), append = cli_flag(a, "append");
	int replace = cli_flag(a, "replace"), clear = cli_flag(a, "clear"), project = cli_flag(a, "project"), rc;
	const int next = project ? 0 : 1; /* TEXT... follows TARGET */
	const char *target;
	cdr_project *p = NULL;
	cdr_schemes *set = NULL;
	cdr_memo_kind kind;
	char id[600];

	if (append + replace + clear > 1)
		return cli_usage_error(a->cmd, "give one of --append, --replace and --clear");
	if (doc + code + is_case + project > 1)
		return cli_usage_error(a->cmd, "give one of --doc, --code, --case and --project");
	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		return rc;
	if (a->argc == 0 && !project) {
		rc = list_memos(p, a, 0);
		goto done;
	}
	target = project ? "project" : a->argv[0];
	if ((append || replace) && a->argc < next + 1) {
		rc = cli_usage_error(a->cmd, "--%s needs the TEXT to write", append ? "append" : "replace");
		goto done;
	}
	if (project) {
		kind = CDR_MEMO_PROJECT;
		snprintf(id, sizeof(id), "project");
	} else if (is_case) {
		if (cdr_cases_find(cdr_project_cases(p), target) < 0) {
			rc = cli_error("no case '%s' in the project (see 'codeer cases')", target);
			goto done;
		}
		kind = CDR_MEMO_CASE;
		snprintf(id, sizeof(id), "%s", target);
	} else if (!code && cdr_project_has_doc(p, target)) {
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
			if (code) {
				rc = cli_lib_error();
				goto done;
			}
			/* a case that no document is named after */
			if (cdr_cases_find(cdr_project_cases(p), target) < 0) {
				rc = cli_error("'%s' is neither a document, a code nor a case of the project", target);
				goto done;
			}
			kind = CDR_MEMO_CASE;
			snprintf(id, sizeof(id), "%s", target);
			goto found;
		}
		kind = CDR_MEMO_CODE;
		snprintf(id, sizeof(id), "%s", resolved->qualified);
	}
found:
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
