/* cmd-memo.c -- memos on documents and codes: list, show, write. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static int memo_run(const struct cdr_cmd *cmd, struct cli_ctx *ctx, int argc, char **argv);

const struct cdr_cmd cmd_memo = {
	.name = "memo",
	.usage = "codeer memo [--format F]\n"
		 "       codeer memo [--doc | --code] TARGET\n"
		 "       codeer memo [--doc | --code] [--append | --replace] TARGET TEXT...\n"
		 "       codeer memo [--doc | --code] --clear TARGET",
	.summary = "list, show or write memos on documents and codes",
	.help = "TARGET is a document id or a code (scheme/code, or a code id only one scheme\n"
		"has); --doc or --code says which when a name could be both. Memos are\n"
		"Markdown files under memos/. A memo on one coding is given with\n"
		"'codeer code add --memo'. A TARGET that has a memo already is refused\n"
		"unless --append or --replace says what to do with it.\n"
		"\nOptions:\n"
		"  --append    add TEXT as a new paragraph to the memo\n"
		"  --replace   replace the memo with TEXT\n"
		"  --clear     remove the memo\n"
		"  --format F  for the list: table, tsv, csv, json or md\n",
	.run = memo_run,
};

static int on_memo(void *ctx, cdr_memo_kind kind, const char *id, const char *first)
{
	const char *row[] = { kind == CDR_MEMO_DOC ? "doc" : "code", id, first };
	return cdr_table_add(ctx, row);
}

static int memo_run(const struct cdr_cmd *cmd, struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "doc", no_argument, NULL, 'd' },
		{ "code", no_argument, NULL, 'c' },
		{ "append", no_argument, NULL, 'a' },
		{ "replace", no_argument, NULL, 'r' },
		{ "clear", no_argument, NULL, 'x' },
		{ "format", required_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const headers[] = { "kind", "target", "memo" };
	const char *format_name = NULL, *target;
	int want = 0, append = 0, replace = 0, clear = 0, c, rc;
	cdr_project *p = NULL;
	cdr_schemes *set = NULL;
	cdr_memo_kind kind;
	char id[600];

	while ((c = cli_getopt(cmd, argc, argv, "h", opts)) != -1) {
		switch (c) {
		case 'd': case 'c': want = c; break;
		case 'a': append = 1; break;
		case 'r': replace = 1; break;
		case 'x': clear = 1; break;
		case 'F': format_name = optarg; break;
		default: return CLI_GETOPT_EXIT(c);
		}
	}
	if (append + replace + clear > 1)
		return cli_usage_error(cmd, "give one of --append, --replace and --clear");
	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		return rc;
	if (optind >= argc || (argc - optind == 1 && strcmp(argv[optind], "list") == 0)) {
		cdr_table *t = NULL;
		cdr_format fmt;
		if ((rc = cli_format(format_name, &fmt)) != 0)
			goto done;
		if (cdr_table_new(&t, 3, headers) < 0 || cdr_memo_each(p, on_memo, t) < 0)
			rc = cli_lib_error();
		else
			cdr_table_write(t, stdout, fmt);
		cdr_table_free(t);
		goto done;
	}
	target = argv[optind++];
	if ((append || replace) && optind >= argc) {
		rc = cli_usage_error(cmd, "--%s needs the TEXT to write", append ? "append" : "replace");
		goto done;
	}
	if (want != 'c' && cdr_project_has_doc(p, target)) {
		kind = CDR_MEMO_DOC;
		snprintf(id, sizeof(id), "%s", target);
	} else if (want == 'd') {
		rc = cli_error("no document '%s' in the project (see 'codeer docs')", target);
		goto done;
	} else {
		const cdr_code *code;
		if (cdr_schemes_load(&set, p) < 0) {
			rc = cli_lib_error();
			goto done;
		}
		if (cdr_schemes_resolve(&code, set, target) < 0) {
			rc = want ? cli_lib_error()
				  : cli_error("'%s' is neither a document nor a code of the project", target);
			goto done;
		}
		kind = CDR_MEMO_CODE;
		snprintf(id, sizeof(id), "%s", code->qualified);
	}
	if (clear || optind < argc) {
		char *text = NULL;
		size_t len = 1;
		for (int i = optind; i < argc; i++)
			len += strlen(argv[i]) + 1;
		if ((text = calloc(1, len)) == NULL) {
			rc = cli_error("out of memory");
			goto done;
		}
		for (int i = optind; i < argc && !clear; i++) {
			if (i > optind)
				strcat(text, " ");
			strcat(text, argv[i]);
		}
		rc = cdr_memo_write(p, kind, id, text,
				    append ? CDR_MEMO_APPEND : replace || clear ? CDR_MEMO_REPLACE : CDR_MEMO_NEW) < 0
			     ? cli_lib_error()
			     : EXIT_OK;
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
