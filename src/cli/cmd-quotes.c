/* cmd-quotes.c -- print every segment coded with a code, with where it is. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static int quotes_run(const struct cdr_cmd *cmd, struct cli_ctx *ctx, int argc, char **argv);

const struct cdr_cmd cmd_quotes = {
	.name = "quotes",
	.usage = "codeer quotes [--case ID] [--coder NAME] [--no-children] [--format F] CODE",
	.summary = "print the segments coded with CODE: document, turn, speaker, offsets, text",
	.help = "CODE is scheme/code or a code id that only one scheme has; segments of its\n"
		"subcodes are included unless --no-children.\n"
		"\nOptions:\n"
		"  --case ID       only documents of this case\n"
		"  --coder NAME    only this coder's codings (default: every coder)\n"
		"  --format F      text (default), tsv, csv, json or md\n",
	.run = quotes_run,
};

struct out {
	cdr_table *table;
	size_t n;
};

static int on_quote(void *ctx, const cdr_quote *q)
{
	struct out *o = ctx;
	char *text = cdr_document_slice(q->doc, (cdr_span){ q->coding->start, q->coding->end });
	const cdr_turn *turn = q->turn >= 0 ? cdr_document_turn(q->doc, (size_t)q->turn) : NULL;
	char tnum[32] = "", start[32], end[32];
	int rc = 0;

	if (text == NULL)
		return CDR_ENOMEM;
	if (turn)
		snprintf(tnum, sizeof(tnum), "t%ld", q->turn + 1);
	o->n++;
	if (o->table == NULL) {
		printf("%s %s%s%s c%zu-%zu %s [%s]\n", q->coding->doc, tnum, turn && *turn->speaker ? " " : "",
		       turn ? turn->speaker : "", q->coding->start, q->coding->end, q->coding->code, q->coder);
		printf("  %s\n", text);
		if (*q->coding->memo)
			printf("  memo: %s\n", q->coding->memo);
		putchar('\n');
	} else {
		snprintf(start, sizeof(start), "%zu", q->coding->start);
		snprintf(end, sizeof(end), "%zu", q->coding->end);
		const char *row[] = { q->coding->doc, tnum, turn ? turn->speaker : "", start, end,
				      q->coding->code, q->coder, text };
		rc = cdr_table_add(o->table, row);
	}
	free(text);
	return rc;
}

static int quotes_run(const struct cdr_cmd *cmd, struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "case", required_argument, NULL, 'k' },
		{ "coder", required_argument, NULL, 'c' },
		{ "no-children", no_argument, NULL, 'n' },
		{ "format", required_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const headers[] = { "doc", "turn", "speaker", "start", "end", "code", "coder", "text" };
	const char *case_id = NULL, *coder = NULL, *format_name = NULL;
	int children = 1, c, rc;
	cdr_project *p = NULL;
	cdr_schemes *set = NULL;
	const cdr_code *code;
	struct out o = { NULL, 0 };
	cdr_format fmt = CDR_FORMAT_PLAIN;

	while ((c = cli_getopt(cmd, argc, argv, "h", opts)) != -1) {
		if (c < -1)
			return CLI_GETOPT_EXIT(c);
		if (c == 'k')
			case_id = optarg;
		else if (c == 'c')
			coder = optarg;
		else if (c == 'n')
			children = 0;
		else if (c == 'F')
			format_name = optarg;
	}
	if (argc - optind != 1)
		return cli_usage_error(cmd, argc - optind ? "one code, please" : "which code?");
	if (format_name && strcmp(format_name, "text") != 0 && (rc = cli_format(format_name, &fmt)) != 0)
		return rc;
	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		return rc;
	if (cdr_schemes_load(&set, p) < 0 || cdr_schemes_resolve(&code, set, argv[optind]) < 0 ||
	    (format_name && strcmp(format_name, "text") != 0 && cdr_table_new(&o.table, 8, headers) < 0)) {
		rc = cli_lib_error();
		goto done;
	}
	if (o.table) {
		cdr_table_set_numeric(o.table, 3);
		cdr_table_set_numeric(o.table, 4);
	}
	if (cdr_quotes(p, set, code, children, coder, case_id, on_quote, &o) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	if (o.table)
		cdr_table_write(o.table, stdout, fmt);
	else
		printf("%zu segment%s coded %s\n", o.n, o.n == 1 ? "" : "s", code->qualified);
	rc = EXIT_OK;
done:
	cdr_table_free(o.table);
	cdr_schemes_free(set);
	cdr_project_free(p);
	return rc;
}
