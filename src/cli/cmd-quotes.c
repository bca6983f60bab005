/* cmd-quotes.c -- print every segment coded with a code, with where it is. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static int quotes_exec(struct cli_ctx *ctx, const struct cli_args *a);

const struct cdr_cmd cmd_quotes = {
	.name = "quotes",
	.summary = "print the segments coded with CODE: document, turn, speaker, offsets, text",
	.args = "CODE",
	.min_args = 1,
	.max_args = 1,
	.opts = (const struct cli_opt[]){
		{ "case", 0, CLI_OPT_STRING, "ID", "only documents of this case", NULL, 0 },
		{ "coder", 0, CLI_OPT_STRING, "NAME", "only this coder's codings (default: every coder)", NULL, 0 },
		{ "no-children", 0, CLI_OPT_FLAG, NULL, "only CODE itself, not its subcodes", NULL, 0 },
		{ "format", 0, CLI_OPT_ENUM, "F", "text (the default, also when piped) or a table format",
		  CLI_CHOICES("text", "table", "plain", "tsv", "csv", "json", "md", "html"), 0 },
		CLI_OUTPUT_OPTION,
		{ NULL },
	},
	.help = "CODE is scheme/code or a code id that only one scheme has; segments of its\n"
		"subcodes are included unless --no-children. With no segments, json still\n"
		"prints [] and csv and tsv their header.\n",
	.examples = CLI_EXAMPLES("codeer quotes empowerment/EK", "codeer quotes --coder anna --case mee VB",
				 "codeer quotes --no-children -o quotes.csv EK"),
	.exit_status = "0 at least one segment; 1 no segments (after --case, --coder and --no-children; "
		       "standard error says so); 2 an error, usage errors included.",
	.exec = quotes_exec,
};

struct out {
	FILE *f;
	cdr_table *table; /* NULL for the text form */
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
		fprintf(o->f, "%s %s%s%s c%zu-%zu %s [%s]\n", q->coding->doc, tnum, turn && *turn->speaker ? " " : "",
			turn ? turn->speaker : "", q->coding->start, q->coding->end, q->coding->code, q->coder);
		fprintf(o->f, "  %s\n", text);
		if (*q->coding->memo)
			fprintf(o->f, "  memo: %s\n", q->coding->memo);
		fputc('\n', o->f);
	} else {
		snprintf(start, sizeof(start), "%zu", q->coding->start);
		snprintf(end, sizeof(end), "%zu", q->coding->end);
		const char *row[] = { q->coding->doc, tnum, turn ? turn->speaker : "", start, end,
				      q->coding->code, q->coder, text, q->coding->memo };
		rc = cdr_table_add(o->table, row);
	}
	free(text);
	return rc;
}

static int quotes_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	static const char *const headers[] = { "doc", "turn", "speaker", "start", "end", "code", "coder", "text", "memo" };
	const char *case_id = cli_str(a, "case"), *coder = cli_str(a, "coder"), *format_name = cli_str(a, "format");
	const char *outpath = cli_str(a, "output");
	int text_form, rc;
	cdr_project *p = NULL;
	cdr_schemes *set = NULL;
	const cdr_code *code;
	struct out q = { NULL, NULL, 0 };
	struct cli_out o;

	/* the text form is the default on a terminal and piped alike (it is
	 * for reading); a file or --format asks for a table */
	text_form = format_name ? strcmp(format_name, "text") == 0 : outpath == NULL;
	if ((rc = cli_out_open(&o, outpath, text_form ? "plain" : format_name, CLI_TABLE)) != EXIT_OK)
		return rc;
	q.f = o.f;
	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		goto done;
	if (cdr_schemes_load(&set, p) < 0 || cdr_schemes_resolve(&code, set, a->argv[0]) < 0 ||
	    (!text_form && cdr_table_new(&q.table, 9, headers) < 0)) {
		rc = cli_lib_error();
		goto done;
	}
	if (q.table) {
		cdr_table_set_numeric(q.table, 3);
		cdr_table_set_numeric(q.table, 4);
		/* a segment outside turns has no turn and no speaker, a coding
		 * may have no memo: null in JSON, not "" */
		cdr_table_set_nullable(q.table, 1);
		cdr_table_set_nullable(q.table, 2);
		cdr_table_set_nullable(q.table, 8);
	}
	if (cdr_quotes(p, set, code, !cli_flag(a, "no-children"), coder, case_id, on_quote, &q) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	if (q.table == NULL) {
		if (q.n)
			fprintf(o.f, "%zu segment%s coded %s\n", q.n, q.n == 1 ? "" : "s", code->qualified);
	} else if (q.n || (o.fmt != CDR_FORMAT_TABLE && o.fmt != CDR_FORMAT_PLAIN)) {
		cdr_table_write(q.table, o.f, o.fmt);
	}
	if (q.n == 0)
		fprintf(stderr, "codeer: no segments coded %s%s%s%s%s\n", code->qualified, coder ? " by " : "",
			coder ? coder : "", case_id ? " in case " : "", case_id ? case_id : "");
	rc = q.n ? EXIT_OK : EXIT_FOUND;
done:
	cdr_table_free(q.table);
	cdr_schemes_free(set);
	cdr_project_free(p);
	/* exit 1 is "none found", not a failure: -o still writes its file */
	return cli_out_close(&o, rc == EXIT_FOUND ? EXIT_OK : rc) == EXIT_OK ? rc : EXIT_ERROR;
}
