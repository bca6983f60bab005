/* cmd-autocode.c -- propose codings with the schemes' rules and store them
 * under a coder (default "auto"), or only show them (--dry-run); or, with
 * --stream, code JSON lines from standard input without a project. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static int autocode_exec(struct cli_ctx *ctx, const struct cli_args *a);

const struct cdr_cmd cmd_autocode = {
	.name = "autocode",
	.summary = "code documents with the rules of the schemes (PCRE2, one pass per rule)",
	.opts = (const struct cli_opt[]){
		{ "scheme", 0, CLI_OPT_STRING, "S", "only the rules of scheme S (default: all schemes); with\n"
		  "--stream: a scheme file FILE.xml (repeat for more)", NULL, 1 },
		{ "doc", 0, CLI_OPT_STRING, "D", "only document D (default: all documents)", NULL, 1 },
		{ "coder", 0, CLI_OPT_STRING, "NAME", "store the codings as this coder (default: auto)", NULL, 0 },
		{ "dry-run", 0, CLI_OPT_FLAG, NULL, "print what would be coded; change nothing", NULL, 0 },
		{ "jobs", 'j', CLI_OPT_INT, "N", "code N documents at once (default: one per core)", NULL, 0 },
		{ "stream", 0, CLI_OPT_FLAG, NULL, "no project: JSON lines of documents on standard input,\n"
		  "JSON lines of documents and codings on standard output", NULL, 0 },
		{ "cache", 0, CLI_OPT_STRING, "DIR", "with --stream: keep the compiled prefilter in DIR, as a\n"
		  "project keeps it in .codeer-cache/", NULL, 0 },
		CLI_FORMAT_OPTION("table", "tsv", "csv", "json", "md", "html"),
		CLI_OUTPUT_OPTION,
		{ NULL },
	},
	.help = "Rerunning is idempotent: the coder's rule codings of these schemes and documents\n"
		"are replaced; manual codings, other schemes and rejected proposals are kept.\n"
		"A rule that hits the PCRE2 match limit is reported and skipped for the rest of that turn.\n"
		"--format and -o apply to --dry-run's listing (a table: piped, it keeps its header).\n"
		"--stream reads {\"id\", \"text\", \"case\", \"attributes\"} a line and writes, after a\n"
		"header line, each document's line and its codings' lines, in input order; a bad\n"
		"line is reported with its number and skipped, the others are coded, and the exit\n"
		"status is 2. See docs/autocode.md and docs/scale.md.\n",
	.examples = CLI_EXAMPLES("codeer autocode", "codeer autocode --scheme empowerment --doc s002-mee-interview --dry-run",
				 "codeer autocode --stream --cache ~/.cache/codeer --scheme schemes/empowerment.xml < docs.jsonl > codings.jsonl"),
	.exec = autocode_exec,
};

struct run {
	cdr_table *table;
	size_t limit_hits;
	int rc;
};

static void on_doc(void *ctx, const cdr_document *doc, const cdr_proposals *props)
{
	struct run *r = ctx;

	if (r->table == NULL)
		return;
	for (size_t i = 0; i < props->n; i++) {
		const cdr_proposal *pr = &props->v[i];
		long turn = cdr_document_turn_at(doc, pr->span.start);
		char tnum[32], span[64], *text = cdr_document_slice(doc, pr->span), *preview;
		if (text == NULL) {
			r->rc = -1;
			return;
		}
		preview = cdr_text_preview(text, strlen(text), 70);
		free(text);
		tnum[0] = '\0';
		if (turn >= 0)
			snprintf(tnum, sizeof(tnum), "t%ld", turn + 1);
		snprintf(span, sizeof(span), "c%zu-%zu", pr->span.start, pr->span.end);
		const char *row[] = { cdr_document_info_get(doc)->id, tnum, span, pr->code->qualified, pr->origin, preview };
		if (cdr_table_add(r->table, row) < 0)
			r->rc = -1;
		free(preview);
	}
}

static void on_limit(void *ctx, const cdr_document *doc, long turn, const cdr_code *code, const cdr_rule *rule)
{
	struct run *r = ctx;

	r->limit_hits++;
	if (turn >= 0)
		fprintf(stderr, "codeer: %s t%ld: rule %s#%s hit the match limit; skipped for the rest of that turn\n",
			cdr_document_info_get(doc)->id, turn + 1, code->qualified, rule->id);
	else
		fprintf(stderr, "codeer: %s: rule %s#%s hit the match limit; skipped for the rest of that region\n",
			cdr_document_info_get(doc)->id, code->qualified, rule->id);
}

static void on_warn(void *ctx, const char *message)
{
	(void)ctx;
	fprintf(stderr, "codeer: %s\n", message);
}

static void on_wait(const char *dir)
{
	fprintf(stderr, "codeer: %s: another codeer is writing this project; waiting for it\n", dir);
}

static void on_stream_warn(void *ctx, const char *message)
{
	(void)ctx;
	fprintf(stderr, "codeer: %s\n", message);
}

/* --stream: the schemes from files, no project, no lock, nothing stored. */
static int stream_exec(const struct cli_args *a, unsigned threads)
{
	size_t nfiles = 0;
	const char *const *files = (const char *const *)cli_list(a, "scheme", &nfiles);
	const char *cache = cli_str(a, "cache");
	cdr_schemes *set = NULL;
	cdr_engine *e = NULL;
	cdr_stream_result res;
	int rc = EXIT_OK;

	if (cli_str(a, "doc"))
		return cli_usage_error(a->cmd, "--stream codes every record it reads; leave out --doc");
	if (cli_str(a, "coder") || cli_flag(a, "dry-run") || cli_str(a, "format") || cli_str(a, "output"))
		return cli_usage_error(a->cmd, "--stream stores nothing and writes JSON lines to standard output; "
					       "leave out --coder, --dry-run, --format and -o");
	if (nfiles == 0)
		return cli_usage_error(a->cmd, "--stream needs the rules: --scheme FILE.xml (repeat for more)");
	if (cache && !*cache)
		return cli_usage_error(a->cmd, "--cache needs a directory");
	/* the cache is made when needed; a directory that cannot be made or
	 * written only costs the compile, as in a project */
	if (cdr_schemes_load_files(&set, files, nfiles) < 0 || cdr_engine_new(&e, set, NULL, 0) < 0 ||
	    (cache && cdr_engine_set_cache(e, cache, on_stream_warn, NULL) < 0)) {
		rc = cli_lib_error();
		goto done;
	}
	if (cdr_autocode_stream(e, set, stdin, stdout, threads, on_stream_warn, NULL, &res) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	if (res.bad) {
		fprintf(stderr, "codeer: %zu bad line%s skipped; the other %zu record%s coded\n", res.bad,
			res.bad == 1 ? "" : "s", res.docs, res.docs == 1 ? "" : "s");
		rc = EXIT_ERROR;
	}
done:
	cdr_engine_free(e);
	cdr_schemes_free(set);
	return rc;
}

static int autocode_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	static const char *const headers[] = { "doc", "turn", "span", "code", "origin", "text" };
	cdr_autocode_options o = { 0 };
	cdr_autocode_result res;
	struct run r = { NULL, 0, 0 };
	cdr_project *p = NULL;
	cdr_schemes *set = NULL;
	struct cli_out out = { 0 };
	int rc;

	o.schemes = (const char *const *)cli_list(a, "scheme", &o.nschemes);
	o.docs = (const char *const *)cli_list(a, "doc", &o.ndocs);
	o.coder = cli_str(a, "coder");
	o.dry_run = cli_flag(a, "dry-run");
	if (cli_int(a, "jobs", 0) < 0 || cli_int(a, "jobs", 0) > 1024)
		return cli_usage_error(a->cmd, "--jobs takes a number from 1 to 1024 (0: one per core)");
	o.threads = (unsigned)cli_int(a, "jobs", 0);
	if (cli_flag(a, "stream"))
		return stream_exec(a, o.threads);
	if (cli_str(a, "cache"))
		return cli_usage_error(a->cmd, "--cache goes with --stream (a project keeps its cache in .codeer-cache/)");
	if (!o.dry_run && (cli_str(a, "format") || cli_str(a, "output")))
		return cli_usage_error(a->cmd, "--format and -o go with --dry-run (autocode itself prints one line)");
	rc = cli_out_open(&out, cli_str(a, "output"), cli_str(a, "format"), CLI_TABLE);
	if (rc == 0)
		rc = cli_open_project(ctx, &p);
	if (rc != 0)
		goto done;
	if (cdr_schemes_load(&set, p) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	if (cdr_schemes_count(set) == 0) {
		rc = cli_error("the project has no code schemes; add one with 'codeer scheme add FILE.xml'");
		goto done;
	}
	if (o.dry_run && cdr_table_new(&r.table, 6, headers) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	o.on_doc = on_doc;
	o.on_limit = on_limit;
	o.on_warn = on_warn;
	o.ctx = &r;
	if (!o.dry_run && cdr_project_lock(p, on_wait) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	if (cdr_autocode(p, set, &o, &res) < 0 || r.rc < 0) {
		rc = cli_lib_error();
		goto done;
	}
	if (o.dry_run)
		cdr_table_write(r.table, out.f, out.fmt);
	else
		printf("%zu coding%s in %zu document%s for coder %s (%zu new, %zu gone, %zu kept as rejected)\n",
		       res.codings, res.codings == 1 ? "" : "s", res.docs, res.docs == 1 ? "" : "s",
		       o.coder ? o.coder : "auto", res.added, res.removed, res.rejected);
	rc = EXIT_OK;
done:
	rc = cli_out_close(&out, rc);
	cdr_table_free(r.table);
	cdr_schemes_free(set);
	cdr_project_free(p);
	return rc;
}
