/* cmd-kwic.c -- keyword in context over the documents of the project, and
 * search-and-code: every hit coded at once. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static int kwic_exec(struct cli_ctx *ctx, const struct cli_args *a);

const struct cdr_cmd cmd_kwic = {
	.name = "kwic",
	.summary = "keyword in context: every match of a PCRE2 pattern with the text around it",
	.args = "PATTERN",
	.min_args = 1,
	.max_args = 1,
	.opts = (const struct cli_opt[]){
		{ "width", 0, CLI_OPT_INT, "N", "code points of context on each side, 0 to 10000 (default 40)", NULL, 0 },
		{ "case-sensitive", 0, CLI_OPT_FLAG, NULL, "match case exactly", NULL, 0 },
		{ "fixed-strings", 'F', CLI_OPT_FLAG, NULL, "PATTERN is an exact phrase, not a regular expression", NULL, 0 },
		{ "doc", 0, CLI_OPT_STRING, "ID", "only this document (repeat for more)", NULL, 1 },
		{ "case", 0, CLI_OPT_STRING, "ID", "only the documents of this case (repeat for more)", NULL, 1 },
		{ "attr", 0, CLI_OPT_STRING, "KEY=VALUE", "only cases with this attribute value (repeat for more)", NULL, 1 },
		{ "speaker", 0, CLI_OPT_STRING, "NAME", "only hits in this speaker's turns (repeat for more)", NULL, 1 },
		{ "code", 0, CLI_OPT_STRING, "CODE", "code every hit with CODE (see --dry-run)", NULL, 0 },
		{ "coder", 0, CLI_OPT_STRING, "NAME", "with --code: the coder (default: $CODEER_CODER, else $USER,\n"
		  "else me)", NULL, 0 },
		{ "scope", 0, CLI_OPT_ENUM, NULL, "with --code: code the match (default), its sentence, paragraph\nor turn",
		  CLI_CHOICES("match", "sentence", "paragraph", "turn"), 0 },
		{ "dry-run", 'n', CLI_OPT_FLAG, NULL, "with --code: show what would be coded, write nothing", NULL, 0 },
		CLI_FORMAT_OPTION("table", "plain", "tsv", "csv", "json", "md", "html"),
		CLI_OUTPUT_OPTION,
		{ NULL },
	},
	.help = "The pattern is PCRE2 in UTF mode, caseless unless --case-sensitive; \\w and \\b\n"
		"know Dutch letters (ë, ï, é ...). Piped without --format, one hit a line\n"
		"without a header (for cut and grep). With no match, json still prints [] and\n"
		"csv and tsv their header.\n"
		"\n"
		"With --code, every hit is coded (origin kwic:PATTERN) and each coding is\n"
		"listed: doc, turn, span, code, action (add, or skip when the coder has that\n"
		"coding already), text. A sentence or turn with several hits is coded once.\n"
		"Run with --dry-run first: it lists the same and writes nothing.\n",
	.examples = CLI_EXAMPLES("codeer kwic 'eigen\\s+kracht'", "codeer kwic --width 20 --format csv verbind -o verbind.csv",
				 "codeer kwic --speaker R --attr gemeente=Utrecht 'zelf\\w*'",
				 "codeer kwic -F 'eigen regie' --code empowerment/EK --scope sentence --dry-run"),
	.exit_status = "0 at least one match; 1 no match (nothing on standard error); 2 an error, usage errors included.",
	.exec = kwic_exec,
};

static int on_hit(void *ctx, const cdr_kwic_hit *h)
{
	char tnum[32] = "", span[64];

	if (h->turn >= 0)
		snprintf(tnum, sizeof(tnum), "t%ld", h->turn + 1);
	snprintf(span, sizeof(span), "c%zu-%zu", h->span.start, h->span.end);
	const char *row[] = { h->doc, tnum, span, h->left, h->match, h->right };
	return cdr_table_add(ctx, row);
}

static void on_limit(void *ctx, const char *doc)
{
	(void)ctx;
	fprintf(stderr, "codeer: %s: the pattern hit PCRE2's match limit; the rest of this document was not searched\n", doc);
}

struct coded_rows {
	cdr_table *t;
	const char *code;
	int dry_run;
};

static int on_coding(void *ctx, const cdr_kwic_coding *c)
{
	struct coded_rows *r = ctx;
	char tnum[32] = "", span[64];

	if (c->turn >= 0)
		snprintf(tnum, sizeof(tnum), "t%ld", c->turn + 1);
	snprintf(span, sizeof(span), "c%zu-%zu", c->span.start, c->span.end);
	const char *row[] = { c->doc, tnum, span, r->code, c->exists ? "skip" : "add", c->text };
	return cdr_table_add(r->t, row);
}


static int code_hits(cdr_project *p, const struct cli_args *a, const cdr_kwic_options *ko, struct cli_out *o,
		     size_t *hits)
{
	static const char *const headers[] = { "doc", "turn", "span", "code", "action", "text" };
	const char *coder = cli_str(a, "coder") ? cli_str(a, "coder") : cli_hand_coder();
	int dry_run = cli_flag(a, "dry-run");
	cdr_scope scope = CDR_SCOPE_MATCH;
	cdr_schemes *set = NULL;
	const cdr_code *code;
	struct coded_rows r = { NULL, NULL, dry_run };
	size_t added = 0, skipped = 0;
	int rc = EXIT_OK;

	if (!cdr_coder_valid(coder))
		return cli_usage_error(a->cmd, "'%s' is not a valid coder name (letters, digits, _ - .)", coder);
	if (cli_str(a, "scope") && cdr_scope_parse(&scope, cli_str(a, "scope")) < 0)
		return cli_usage_error(a->cmd, "%s", cdr_error_last());
	if (cdr_schemes_load(&set, p) < 0 || cdr_schemes_resolve(&code, set, cli_str(a, "code")) < 0 ||
	    cdr_table_new(&r.t, 6, headers) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	r.code = code->qualified;
	cdr_table_set_nullable(r.t, 1);
	if (cdr_kwic_code(p, ko, code->qualified, coder, scope, dry_run, on_coding, &r, &added, &skipped) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	*hits = added + skipped;
	if (*hits || (o->fmt != CDR_FORMAT_TABLE && o->fmt != CDR_FORMAT_PLAIN))
		cdr_table_write(r.t, o->f, o->fmt);
	fprintf(stderr, "codeer: %s %zu coding%s of %s for %s", dry_run ? "would add" : "added", added,
		added == 1 ? "" : "s", code->qualified, coder);
	if (skipped)
		fprintf(stderr, "; %zu already coded, skipped", skipped);
	fprintf(stderr, "%s\n", dry_run ? " (dry run: nothing written)" : "");
done:
	cdr_table_free(r.t);
	cdr_schemes_free(set);
	return rc;
}

static int kwic_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	static const char *const headers[] = { "doc", "turn", "span", "left", "match", "right" };
	long width = cli_int(a, "width", 40);
	cdr_filter f = { 0 };
	cdr_kwic_options ko = { 0 };
	cdr_project *p = NULL;
	cdr_table *t = NULL;
	struct cli_out o;
	size_t hits = 0;
	int rc;

	if (width < 0 || width > 10000)
		return cli_usage_error(a->cmd, "--width must be a number from 0 to 10000");
	/* an empty pattern matches nowhere and everywhere: no question was asked */
	if (*a->argv[0] == '\0')
		return cli_usage_error(a->cmd, "the pattern is empty");
	if (!cli_str(a, "code") && (cli_str(a, "coder") || cli_str(a, "scope") || cli_flag(a, "dry-run")))
		return cli_usage_error(a->cmd, "--coder, --scope and --dry-run go with --code");
	f.docs = (const char *const *)cli_list(a, "doc", &f.ndocs);
	f.cases = (const char *const *)cli_list(a, "case", &f.ncases);
	f.attrs = (const char *const *)cli_list(a, "attr", &f.nattrs);
	f.speakers = (const char *const *)cli_list(a, "speaker", &f.nspeakers);
	ko.pattern = a->argv[0];
	ko.fixed = cli_flag(a, "fixed-strings");
	ko.case_sensitive = cli_flag(a, "case-sensitive");
	ko.width = (size_t)width;
	ko.filter = &f;
	if ((rc = cli_out_open(&o, cli_str(a, "output"), cli_str(a, "format"), CLI_LIST)) != EXIT_OK)
		return rc;
	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		goto done;
	if (cli_str(a, "code")) {
		if ((rc = code_hits(p, a, &ko, &o, &hits)) != EXIT_OK)
			goto done;
	} else {
		if (cdr_table_new(&t, 6, headers) < 0 || cdr_kwic_ex(p, &ko, on_hit, on_limit, t, &hits) < 0) {
			rc = cli_lib_error();
			goto done;
		}
		/* a hit outside every turn (a preamble) has turn null in JSON, not "" */
		cdr_table_set_nullable(t, 1);
		/* no hit: nothing for a person or for grep, but a program still gets
		 * a document it can parse (an empty array, a header) */
		if (hits || (o.fmt != CDR_FORMAT_TABLE && o.fmt != CDR_FORMAT_PLAIN))
			cdr_table_write(t, o.f, o.fmt);
	}
	rc = hits ? EXIT_OK : EXIT_FOUND;
done:
	cdr_table_free(t);
	cdr_project_free(p);
	/* exit 1 is "no match", not a failure: -o still writes its file */
	return cli_out_close(&o, rc == EXIT_FOUND ? EXIT_OK : rc) == EXIT_OK ? rc : EXIT_ERROR;
}
