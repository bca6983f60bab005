/* cmd-quotes.c -- print every segment coded with a code, with where it is
 * and whose case it is; segments where two codes meet. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static int quotes_exec(struct cli_ctx *ctx, const struct cli_args *a);

/* --near without --within: about two sentences of talk apart */
#define NEAR_WORDS 20

const struct cdr_cmd cmd_quotes = {
	.name = "quotes",
	.summary = "print the segments coded with CODE: document, case, turn, speaker, offsets, text",
	.args = "CODE",
	.min_args = 1,
	.max_args = 1,
	.opts = (const struct cli_opt[]){
		{ "doc", 0, CLI_OPT_STRING, "ID", "only this document (repeat for more)", NULL, 1 },
		{ "case", 0, CLI_OPT_STRING, "ID", "only documents of this case (repeat for more)", NULL, 1 },
		{ "attr", 0, CLI_OPT_STRING, "KEY=VALUE", "only cases with this attribute value (repeat for more)", NULL, 1 },
		{ "speaker", 0, CLI_OPT_STRING, "NAME", "only segments that start in this speaker's turns (repeat\nfor more)",
		  NULL, 1 },
		{ "coder", 0, CLI_OPT_STRING, "NAME", "only this coder's codings, or A,B (default: every coder)", NULL, 0 },
		{ "no-children", 0, CLI_OPT_FLAG, NULL, "only CODE itself, not its subcodes", NULL, 0 },
		{ "and", 0, CLI_OPT_STRING, "CODE2", "only segments that overlap a segment of CODE2", NULL, 0 },
		{ "near", 0, CLI_OPT_STRING, "CODE2", "only segments within --within words of a segment of CODE2", NULL, 0 },
		{ "within", 0, CLI_OPT_INT, "N", "with --near: words between the two, at most (default 20)", NULL, 0 },
		{ "format", 0, CLI_OPT_ENUM, "F", "text (the default, also when piped) or a table format",
		  CLI_CHOICES("text", "table", "plain", "tsv", "csv", "json", "md", "html"), 0 },
		CLI_OUTPUT_OPTION,
		{ NULL },
	},
	.help = "CODE is scheme/code or a code id that only one scheme has; segments of its\n"
		"subcodes are included unless --no-children (for CODE2 of --and and --near\n"
		"too). The tables have a column per case attribute after the fixed ones. With\n"
		"no segments, json still prints [] and csv and tsv their header.\n",
	.examples = CLI_EXAMPLES("codeer quotes empowerment/EK", "codeer quotes --coder anna --case mee VB",
				 "codeer quotes --speaker R --attr gemeente=Utrecht -o quotes.csv EK",
				 "codeer quotes EK --and VB", "codeer quotes EK --near HAND --within 50"),
	.exit_status = "0 at least one segment; 1 no segments (after the filters; "
		       "standard error says so); 2 an error, usage errors included.",
	.exec = quotes_exec,
};

#define NFIXED 11

struct out {
	FILE *f;
	cdr_table *table; /* NULL for the text form */
	cdr_cases *cases;
	const cdr_project *p;
	size_t n;
};

static int on_quote(void *ctx, const cdr_quote *q)
{
	struct out *o = ctx;
	char *text = cdr_document_slice(q->doc, (cdr_span){ q->coding->start, q->coding->end });
	const cdr_turn *turn = q->turn >= 0 ? cdr_document_turn(q->doc, (size_t)q->turn) : NULL;
	size_t nattr = cdr_cases_attr_count(o->cases);
	char tnum[32] = "", start[32], end[32];
	long ci;
	int rc;

	if (text == NULL)
		return CDR_ENOMEM;
	/* the case of the passage: a stretch's, where a case is one */
	if ((rc = cdr_cases_case_at(o->cases, o->p, q->coding->doc, q->coding->start, &ci)) < 0) {
		free(text);
		return rc;
	}
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
		const char **row = calloc(NFIXED + nattr, sizeof(char *));
		if (row == NULL) {
			free(text);
			return CDR_ENOMEM;
		}
		snprintf(start, sizeof(start), "%zu", q->coding->start);
		snprintf(end, sizeof(end), "%zu", q->coding->end);
		row[0] = q->coding->doc;
		row[1] = ci >= 0 ? cdr_cases_id(o->cases, (size_t)ci) : "";
		row[2] = tnum;
		row[3] = turn ? turn->speaker : "";
		row[4] = turn ? turn->time : "";
		row[5] = start;
		row[6] = end;
		row[7] = q->coding->code;
		row[8] = q->coder;
		row[9] = text;
		row[10] = q->coding->memo;
		for (size_t i = 0; i < nattr; i++)
			row[NFIXED + i] = ci >= 0 ? cdr_cases_attr(o->cases, (size_t)ci, i) : "";
		rc = cdr_table_add(o->table, row);
		free(row);
	}
	free(text);
	return rc;
}

/* The table: fixed columns, then one per case attribute, named as the
 * attribute unless a fixed column has that name ("attr:NAME" then). */
static int make_table(cdr_table **out, cdr_cases *cases)
{
	static const char *const fixed[NFIXED] = { "doc", "case", "turn", "speaker", "time", "start",
						   "end", "code", "coder", "text", "memo" };
	size_t nattr = cdr_cases_attr_count(cases);
	const char **headers = calloc(NFIXED + nattr, sizeof(char *));
	char **names = calloc(nattr + 1, sizeof(char *));
	int rc = 0;

	if (headers == NULL || names == NULL)
		rc = CDR_ENOMEM;
	for (size_t i = 0; i < NFIXED && rc == 0; i++)
		headers[i] = fixed[i];
	for (size_t i = 0; i < nattr && rc == 0; i++) {
		const char *name = cdr_cases_attr_name(cases, i);
		int clash = 0;
		for (size_t k = 0; k < NFIXED; k++)
			clash |= strcmp(fixed[k], name) == 0;
		if ((names[i] = malloc(strlen(name) + 6)) == NULL) {
			rc = CDR_ENOMEM;
			break;
		}
		snprintf(names[i], strlen(name) + 6, "%s%s", clash ? "attr:" : "", name);
		headers[NFIXED + i] = names[i];
	}
	if (rc == 0)
		rc = cdr_table_new(out, NFIXED + nattr, headers);
	for (size_t i = 0; names && i < nattr; i++)
		free(names[i]);
	free(names);
	free(headers);
	if (rc < 0)
		return rc;
	cdr_table_set_numeric(*out, 5);
	cdr_table_set_numeric(*out, 6);
	/* a segment outside turns has no turn, speaker or time, a document
	 * may have no case, a coding no memo: null in JSON, not "" */
	for (size_t col = 1; col <= 4; col++)
		cdr_table_set_nullable(*out, col);
	cdr_table_set_nullable(*out, 10);
	return 0;
}

static int quotes_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	const char *coder = cli_str(a, "coder"), *format_name = cli_str(a, "format"), *outpath = cli_str(a, "output");
	const char *and = cli_str(a, "and"), *near = cli_str(a, "near");
	long within = cli_int(a, "within", NEAR_WORDS);
	char **coders = NULL;
	size_t ncoders = 0;
	int text_form, children = !cli_flag(a, "no-children"), rc;
	cdr_filter f = { 0 };
	cdr_project *p = NULL;
	cdr_schemes *set = NULL;
	const cdr_code *code, *other = NULL;
	struct out q = { 0 };
	struct cli_out o;

	if (and && near)
		return cli_usage_error(a->cmd, "give --and or --near, not both");
	if (cli_str(a, "within") && !near)
		return cli_usage_error(a->cmd, "--within goes with --near");
	if (within < 0)
		return cli_usage_error(a->cmd, "--within must be 0 or more words");
	if (coder && cli_split_list(&coders, &ncoders, coder, "--coder") != EXIT_OK) {
		rc = EXIT_ERROR;
		goto out;
	}
	f.docs = (const char *const *)cli_list(a, "doc", &f.ndocs);
	f.cases = (const char *const *)cli_list(a, "case", &f.ncases);
	f.attrs = (const char *const *)cli_list(a, "attr", &f.nattrs);
	f.speakers = (const char *const *)cli_list(a, "speaker", &f.nspeakers);
	/* the text form is the default on a terminal and piped alike (it is
	 * for reading); a file or --format asks for a table */
	text_form = format_name ? strcmp(format_name, "text") == 0 : outpath == NULL;
	if ((rc = cli_out_open(&o, outpath, text_form ? "plain" : format_name, CLI_TABLE)) != EXIT_OK)
		goto out;
	q.f = o.f;
	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		goto done;
	q.cases = cdr_project_cases(p);
	q.p = p;
	if (cdr_schemes_load(&set, p) < 0 || cdr_schemes_resolve(&code, set, a->argv[0]) < 0 ||
	    ((and || near) && cdr_schemes_resolve(&other, set, and ? and : near) < 0) ||
	    (!text_form && make_table(&q.table, q.cases) < 0)) {
		rc = cli_lib_error();
		goto done;
	}
	if ((other ? cdr_quotes_near(p, set, code, other, children, and ? -1 : within, (const char *const *)coders,
				     ncoders, &f, on_quote, &q)
		   : cdr_quotes_filtered(p, set, code, children, (const char *const *)coders, ncoders, &f, on_quote,
					 &q)) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	if (q.table == NULL) {
		if (q.n)
			fprintf(o.f, "%zu segment%s coded %s\n", q.n, q.n == 1 ? "" : "s", code->qualified);
	} else if (q.n || (o.fmt != CDR_FORMAT_TABLE && o.fmt != CDR_FORMAT_PLAIN)) {
		cdr_table_write(q.table, o.f, o.fmt);
	}
	if (q.n == 0) {
		fprintf(stderr, "codeer: no segments coded %s", code->qualified);
		if (and)
			fprintf(stderr, " overlapping %s", other->qualified);
		else if (near)
			fprintf(stderr, " within %ld words of %s", within, other->qualified);
		if (coder)
			fprintf(stderr, " by %s", coder);
		if (f.ncases == 1 && !f.ndocs && !f.nattrs && !f.nspeakers)
			fprintf(stderr, " in case %s", f.cases[0]);
		else if (f.ncases || f.ndocs || f.nattrs || f.nspeakers)
			fprintf(stderr, " within the filters given");
		fputc('\n', stderr);
	}
	rc = q.n ? EXIT_OK : EXIT_FOUND;
done:
	cdr_table_free(q.table);
	cdr_schemes_free(set);
	cdr_project_free(p);
	/* exit 1 is "none found", not a failure: -o still writes its file */
	rc = cli_out_close(&o, rc == EXIT_FOUND ? EXIT_OK : rc) == EXIT_OK ? rc : EXIT_ERROR;
out:
	cli_list_free(coders, ncoders);
	return rc;
}
