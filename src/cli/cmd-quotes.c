/* cmd-quotes.c -- print every segment coded with a code, with where it is. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static int quotes_run(const struct cdr_cmd *cmd, struct cli_ctx *ctx, int argc, char **argv);

const struct cdr_cmd cmd_quotes = {
	.name = "quotes",
	.usage = "codeer quotes [--case ID] [--coder NAME] [--no-children] [--format F] [-o FILE] CODE",
	.summary = "print the segments coded with CODE: document, turn, speaker, offsets, text",
	.help = "CODE is scheme/code or a code id that only one scheme has; segments of its\n"
		"subcodes are included unless --no-children.\n"
		"\nOptions:\n"
		"  --case ID       only documents of this case\n"
		"  --coder NAME    only this coder's codings (default: every coder)\n"
		"  --format F      text (default, also when piped), table, plain, tsv, csv,\n"
		"                  json, md or html\n"
		"  -o FILE         write to FILE (atomically); the format from its extension\n"
		"\nExit status: 0 segments found, 1 none (a message on stderr; json still\n"
		"prints [], csv and tsv their header), 2 error.\n",
	.run = quotes_run,
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

/* JSON by hand: a segment outside turns has turn and speaker null, a
 * coding without a memo memo null, and the offsets are numbers. */
static void write_json(FILE *f, const cdr_table *t)
{
	size_t n = cdr_table_rows(t);

	fputc('[', f);
	for (size_t r = 1; r <= n; r++) {
		fputs(r > 1 ? ",\n {" : "\n {", f);
		for (size_t c = 0; c < cdr_table_cols(t); c++) {
			const char *s = cdr_table_cell(t, r, c);
			fputs(c ? ", " : "", f);
			cdr_json_string(f, cdr_table_cell(t, 0, c));
			fputs(": ", f);
			if (c == 3 || c == 4)
				fputs(s, f);
			else if ((c == 1 || c == 2 || c == 8) && *s == '\0')
				fputs("null", f);
			else
				cdr_json_string(f, s);
		}
		fputc('}', f);
	}
	fputs(n ? "\n]\n" : "]\n", f);
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
	static const char *const headers[] = { "doc", "turn", "speaker", "start", "end", "code", "coder", "text", "memo" };
	const char *case_id = NULL, *coder = NULL, *format_name = NULL, *outpath = NULL;
	int children = 1, text_form, c, rc;
	cdr_project *p = NULL;
	cdr_schemes *set = NULL;
	const cdr_code *code;
	struct out q = { NULL, NULL, 0 };
	struct cli_out o;

	while ((c = cli_getopt(cmd, argc, argv, "ho:", opts)) != -1) {
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
		else if (c == 'o')
			outpath = optarg;
	}
	if (argc - optind != 1)
		return cli_usage_error(cmd, argc - optind ? "one code, please" : "which code?");
	/* the text form is the default on a terminal and piped alike (it is
	 * for reading); a file or --format asks for a table */
	text_form = format_name ? strcmp(format_name, "text") == 0 : outpath == NULL;
	if ((rc = cli_out_open(&o, outpath, text_form ? "plain" : format_name, CLI_TABLE)) != EXIT_OK)
		return rc;
	q.f = o.f;
	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		goto done;
	if (cdr_schemes_load(&set, p) < 0 || cdr_schemes_resolve(&code, set, argv[optind]) < 0 ||
	    (!text_form && cdr_table_new(&q.table, 9, headers) < 0)) {
		rc = cli_lib_error();
		goto done;
	}
	if (q.table) {
		cdr_table_set_numeric(q.table, 3);
		cdr_table_set_numeric(q.table, 4);
	}
	if (cdr_quotes(p, set, code, children, coder, case_id, on_quote, &q) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	if (q.table == NULL) {
		if (q.n)
			fprintf(o.f, "%zu segment%s coded %s\n", q.n, q.n == 1 ? "" : "s", code->qualified);
	} else if (o.fmt == CDR_FORMAT_JSON) {
		write_json(o.f, q.table);
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
