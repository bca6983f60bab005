/* cmd-code.c -- manual coding: add, remove, list, import and export
 * codings, and accept or reject what the rules proposed. Which codings a
 * subcommand touches, and who may reject whose, is the library's
 * (coding.h); this loads, calls, saves and prints. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static int add_exec(struct cli_ctx *ctx, const struct cli_args *a);
static int rm_exec(struct cli_ctx *ctx, const struct cli_args *a);
static int list_exec(struct cli_ctx *ctx, const struct cli_args *a);
static int import_exec(struct cli_ctx *ctx, const struct cli_args *a);
static int judge_exec(struct cli_ctx *ctx, const struct cli_args *a);
extern const struct cdr_cmd cmd_code_edit; /* cmd-code-edit.c */

#define CODER_OPTION { "coder", 0, CLI_OPT_STRING, "NAME", "the coder (default: $CODEER_CODER, else $USER, else me)", NULL, 0 }
#define CODERS_OPTION { "coder", 0, CLI_OPT_STRING, "NAME", "only these coders' codings: NAME, A,B or all\n(default: every coder)", \
			NULL, 0 }
#define FROM_OPTION { "from", 0, CLI_OPT_STRING, "CODER", "the coder whose codings these are (default: auto)", NULL, 0 }
#define FORCE_OPTION(what) { "force", 0, CLI_OPT_FLAG, NULL, "also " what " another coder's own coding", NULL, 0 }
#define REF_HELP \
	"REF is t12 (turn 12), s40 (sentence 40), c100-250 (code points) or an exact\n" \
	"phrase, which must occur once in the document. CODE is scheme/code or a code\n" \
	"id only one scheme has.\n"

static const struct cdr_cmd cmd_code_add = {
	.name = "code add",
	.summary = "code the place REF of DOC with CODE",
	.args = "DOC REF CODE",
	.min_args = 3,
	.max_args = 3,
	.opts = (const struct cli_opt[]){
		CODER_OPTION,
		{ "memo", 0, CLI_OPT_STRING, "TEXT", "a memo on the coding", NULL, 0 },
		{ "new", 0, CLI_OPT_FLAG, NULL, "CODE is a new code: make it in the project's own scheme\n"
		  "(schemes/project.xml, made when missing), then code", NULL, 0 },
		{ "label", 0, CLI_OPT_STRING, "TEXT", "with --new: the new code's label (default: its id)", NULL, 0 },
		{ "under", 0, CLI_OPT_STRING, "PARENT", "with --new: the code of the project's scheme it goes under", NULL, 0 },
		{ NULL },
	},
	.help = REF_HELP "With --new, CODE is made in the project's own scheme 'project' (open\n"
		"coding); 'codeer codes rename' and 'codes merge' tidy it up later.\n",
	.examples = CLI_EXAMPLES("codeer code add --coder anna s002-mee-interview t4 EMP.RG",
				 "codeer code add --memo \"twijfel\" s002-mee-interview \"elkaar blijven zoeken\" VM",
				 "codeer code add --new --label \"Wantrouwen\" s002-mee-interview t7 WANTROUWEN"),
	.exec = add_exec,
};

static const struct cdr_cmd cmd_code_rm = {
	.name = "code rm",
	.summary = "remove the coder's codings of CODE within REF",
	.args = "DOC REF CODE",
	.min_args = 3,
	.max_args = 3,
	.opts = (const struct cli_opt[]){
		CODER_OPTION,
		{ NULL },
	},
	.help = REF_HELP "A proposal removed from auto comes back with the next autocode: reject it\n"
		"instead.\n",
	.examples = CLI_EXAMPLES("codeer code rm --coder anna s002-mee-interview t4 EMP.RG"),
	.exec = rm_exec,
};

static const struct cdr_cmd cmd_code_list = {
	.name = "code list",
	.summary = "the codings, one per line (every coder unless --coder)",
	.opts = (const struct cli_opt[]){
		CODERS_OPTION,
		{ "code", 0, CLI_OPT_STRING, "CODE", "only the codings of CODE (not its subcodes)", NULL, 0 },
		{ "doc", 0, CLI_OPT_STRING, "DOC", "only the codings in document DOC", NULL, 0 },
		CLI_FORMAT_OPTION("table", "plain", "tsv", "csv", "json", "md", "html"),
		CLI_OUTPUT_OPTION,
		{ NULL },
	},
	.help = "A list: piped, bare lines for cut and grep (--format tsv adds the header).\n",
	.examples = CLI_EXAMPLES("codeer code list --coder anna,bert --doc s002-mee-interview",
				 "codeer code list --code EMP.RG --format tsv"),
	.exec = list_exec,
};

static const struct cdr_cmd cmd_code_import = {
	.name = "code import",
	.summary = "read codings from a TSV or CSV file",
	.args = "FILE.tsv|FILE.csv",
	.min_args = 1,
	.max_args = 1,
	.opts = (const struct cli_opt[]){
		{ "coder", 0, CLI_OPT_STRING, "NAME",
		  "put every row under this coder (default: the file's\n"
		  "coder column, else $CODEER_CODER, else $USER, else me)", NULL, 0 },
		{ NULL },
	},
	.help = "The header names the columns doc, code, and ref or start and end (optional:\n"
		"memo, coder, origin, created, status). All rows are checked before any is\n"
		"written; codings that are there already are skipped.\n",
	.examples = CLI_EXAMPLES("codeer code import --coder coder-b coder-b.tsv", "codeer code import export.csv"),
	.exec = import_exec,
};

static const struct cdr_cmd cmd_code_export = {
	.name = "code export",
	.summary = "every coding with all its fields, for import",
	.opts = (const struct cli_opt[]){
		CODERS_OPTION,
		{ "code", 0, CLI_OPT_STRING, "CODE", "only the codings of CODE (not its subcodes)", NULL, 0 },
		{ "doc", 0, CLI_OPT_STRING, "DOC", "only the codings in document DOC", NULL, 0 },
		{ "format", 0, CLI_OPT_ENUM, "F", "output format (default: tsv with a header)",
		  CLI_CHOICES("tsv", "csv", "json", "md"), 0 },
		CLI_OUTPUT_OPTION,
		{ NULL },
	},
	.help = "A table: TSV with its header on a terminal and piped alike; in TSV a tab, line\n"
		"break or backslash in a value is escaped as in the codings files, so that\n"
		"import reads the export back unchanged.\n",
	.examples = CLI_EXAMPLES("codeer code export --coder anna > anna.tsv", "codeer code export -o codings.csv"),
	.exec = list_exec,
};

static const struct cdr_cmd cmd_code_accept = {
	.name = "code accept",
	.summary = "make codings within REF the coder's own codings",
	.args = "DOC REF CODE",
	.min_args = 3,
	.max_args = 3,
	.opts = (const struct cli_opt[]){
		CODER_OPTION,
		FROM_OPTION,
		{ NULL },
	},
	.help = REF_HELP "The codings of CODE within REF by --from are copied to the coder (origin\n"
		"accept:ORIGIN); codings the coder has already are left as they are.\n",
	.examples = CLI_EXAMPLES("codeer code accept --coder anna s002-mee-interview t4 EMP.RG"),
	.exec = judge_exec,
};

static const struct cdr_cmd cmd_code_reject = {
	.name = "code reject",
	.summary = "mark proposals within REF as rejected",
	.args = "DOC REF CODE",
	.min_args = 3,
	.max_args = 3,
	.opts = (const struct cli_opt[]){
		CODER_OPTION,
		FROM_OPTION,
		FORCE_OPTION("reject"),
		{ NULL },
	},
	.help = REF_HELP "Any coder may reject a proposal of the rules; a coder's own coding (not made by\n"
		"the rules) only that coder, or another with --force.\n",
	.examples = CLI_EXAMPLES("codeer code reject --coder anna s002-mee-interview t2 maatwerk/BF",
				 "codeer code reject --coder anna --from bert --force s002-mee-interview t2 BF"),
	.exec = judge_exec,
};

static const struct cdr_cmd cmd_code_unreject = {
	.name = "code unreject",
	.summary = "take a rejection back",
	.args = "DOC REF CODE",
	.min_args = 3,
	.max_args = 3,
	.opts = (const struct cli_opt[]){
		CODER_OPTION,
		FROM_OPTION,
		FORCE_OPTION("unreject"),
		{ NULL },
	},
	.help = REF_HELP "The rules of reject hold: a coder's own coding only that coder, or another with\n"
		"--force.\n",
	.examples = CLI_EXAMPLES("codeer code unreject --coder anna s002-mee-interview t2 maatwerk/BF"),
	.exec = judge_exec,
};

const struct cdr_cmd cmd_code = {
	.name = "code",
	.summary = "code by hand; list, import, export; accept or reject proposals",
	.help = REF_HELP,
	.examples = CLI_EXAMPLES("codeer code add --coder anna s002-mee-interview t4 EMP.RG",
				 "codeer code reject s004-interviews-eigen-kracht t2 EMP.EK",
				 "codeer code export --coder anna -o anna.csv"),
	.subcommands = (const struct cdr_cmd *const[]){ &cmd_code_add, &cmd_code_rm, &cmd_code_list, &cmd_code_import,
							&cmd_code_export, &cmd_code_accept, &cmd_code_reject,
							&cmd_code_unreject, &cmd_code_edit, NULL },
};


static void on_warn(void *ctx, const char *message)
{
	(void)ctx;
	fprintf(stderr, "codeer: %s\n", message);
}

/* The coder a writing subcommand acts as: --coder, checked, or the default. */
static int coder_of(const struct cli_args *a, const char *name, const char *dflt, const char **out)
{
	const char *c = cli_str(a, name);

	if (c == NULL) {
		*out = dflt;
		return EXIT_OK;
	}
	if (!cdr_coder_valid(c))
		return cli_usage_error(a->cmd, "'%s' is not a valid coder name (letters, digits, _ - .)", c);
	*out = c;
	return EXIT_OK;
}

/* What the DOC REF CODE subcommands share: the project, its schemes, the
 * document and REF and CODE resolved. */
struct place {
	cdr_project *p;
	cdr_schemes *set;
	cdr_document *doc;
	cdr_span span;
	const cdr_code *code;
};

static void place_free(struct place *pl)
{
	cdr_document_free(pl->doc);
	cdr_schemes_free(pl->set);
	cdr_project_free(pl->p);
}

static int place_open(struct place *pl, struct cli_ctx *ctx, char **argv)
{
	int rc;

	memset(pl, 0, sizeof(*pl));
	if ((rc = cli_open_project(ctx, &pl->p)) != EXIT_OK)
		return rc;
	if (cdr_schemes_load(&pl->set, pl->p) < 0 || cdr_project_doc_load(&pl->doc, pl->p, argv[0], 1) < 0)
		return cli_lib_error();
	if (cdr_document_resolve(&pl->span, pl->doc, argv[1]) < 0)
		return cli_error("%s: %s", argv[0], cdr_error_last());
	if (cdr_schemes_resolve(&pl->code, pl->set, argv[2]) < 0)
		return cli_lib_error();
	return EXIT_OK;
}

/* code add --new: the place first (a bad REF makes no code), then the
 * code in the project's own scheme, then the place with it. */
static int new_code(struct place *pl, struct cli_ctx *ctx, const struct cli_args *a)
{
	cdr_codebook_change c = { 0 };
	char *report = NULL, ref[600];
	const char *code = a->argv[2], *slash = strchr(code, '/');
	int rc;

	memset(pl, 0, sizeof(*pl));
	if ((rc = cli_open_project(ctx, &pl->p)) != EXIT_OK)
		return rc;
	if (cdr_project_doc_load(&pl->doc, pl->p, a->argv[0], 1) < 0)
		return cli_lib_error();
	if (cdr_document_resolve(&pl->span, pl->doc, a->argv[1]) < 0)
		return cli_error("%s: %s", a->argv[0], cdr_error_last());
	c.op = CDR_CODES_ADD;
	c.codes = &code;
	c.ncodes = 1;
	c.target = cli_str(a, "under");
	c.label = cli_str(a, "label");
	if (cdr_codebook_apply(pl->p, &c, 0, &report) < 0)
		return cli_lib_error();
	fputs(report, stderr);
	free(report);
	snprintf(ref, sizeof(ref), "%s/%s", CDR_PROJECT_SCHEME, slash ? slash + 1 : code);
	if (cdr_schemes_load(&pl->set, pl->p) < 0 || cdr_schemes_resolve(&pl->code, pl->set, ref) < 0)
		return cli_lib_error();
	return EXIT_OK;
}

static int add_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	const char *coder = NULL, *memo = cli_str(a, "memo");
	cdr_codings *k = NULL;
	struct place pl;
	int rc;

	if ((rc = coder_of(a, "coder", cli_hand_coder(), &coder)) != EXIT_OK)
		return rc;
	if (!cli_flag(a, "new") && (cli_str(a, "label") || cli_str(a, "under")))
		return cli_usage_error(a->cmd, "--label and --under go with --new");
	if (cli_flag(a, "new")) {
		if ((rc = new_code(&pl, ctx, a)) != EXIT_OK)
			goto done;
	} else if ((rc = place_open(&pl, ctx, a->argv)) != EXIT_OK) {
		goto done;
	}
	if (cdr_project_lock(pl.p, NULL) < 0 || cdr_codings_load(&k, pl.p, coder, on_warn, NULL) < 0 ||
	    cdr_codings_add(k, a->argv[0], pl.span.start, pl.span.end, pl.code->qualified, "manual", memo ? memo : "") < 0 ||
	    cdr_codings_save(k) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	printf("%s\t%s\tc%zu-%zu\t%s\n", coder, a->argv[0], pl.span.start, pl.span.end, pl.code->qualified);
done:
	cdr_codings_free(k);
	place_free(&pl);
	return rc;
}

static int rm_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	const char *coder = NULL;
	cdr_codings *k = NULL;
	struct place pl;
	size_t n = 0;
	int rc;

	if ((rc = coder_of(a, "coder", cli_hand_coder(), &coder)) != EXIT_OK)
		return rc;
	if ((rc = place_open(&pl, ctx, a->argv)) != EXIT_OK)
		goto done;
	if (cdr_project_lock(pl.p, NULL) < 0 || cdr_codings_load(&k, pl.p, coder, on_warn, NULL) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	rc = cdr_codings_remove_within(k, a->argv[0], pl.span.start, pl.span.end, pl.code->qualified, &n);
	if (rc == CDR_ENOTFOUND) {
		rc = cli_error("%s %s: no coding of %s by %s lies within it", a->argv[0], a->argv[1], pl.code->qualified,
			       coder);
		goto done;
	}
	if (rc < 0 || cdr_codings_save(k) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	printf("removed %zu coding%s of %s in %s %s\n", n, n == 1 ? "" : "s", pl.code->qualified, a->argv[0], a->argv[1]);
	rc = EXIT_OK;
done:
	cdr_codings_free(k);
	place_free(&pl);
	return rc;
}

/* accept, reject, unreject: the rules are the library's (coding.h). */
static int judge_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	const char *what = strchr(a->cmd->name, ' ') + 1, *coder = NULL, *from = NULL;
	int accept = strcmp(what, "accept") == 0, unreject = strcmp(what, "unreject") == 0;
	int force = !accept && cli_flag(a, "force");
	cdr_codings *src = NULL, *dst = NULL;
	struct place pl;
	size_t n = 0;
	int rc;

	if ((rc = coder_of(a, "coder", cli_hand_coder(), &coder)) != EXIT_OK ||
	    (rc = coder_of(a, "from", "auto", &from)) != EXIT_OK)
		return rc;
	if ((rc = place_open(&pl, ctx, a->argv)) != EXIT_OK)
		goto done;
	if (cdr_project_lock(pl.p, NULL) < 0 || cdr_codings_load(&src, pl.p, from, on_warn, NULL) < 0 ||
	    (accept && cdr_codings_load(&dst, pl.p, coder, on_warn, NULL) < 0)) {
		rc = cli_lib_error();
		goto done;
	}
	if (accept)
		rc = cdr_codings_accept(dst, src, a->argv[0], pl.span.start, pl.span.end, pl.code->qualified, &n);
	else if (unreject)
		rc = cdr_codings_unreject(src, coder, force, a->argv[0], pl.span.start, pl.span.end, pl.code->qualified, &n);
	else
		rc = cdr_codings_reject(src, coder, force, a->argv[0], pl.span.start, pl.span.end, pl.code->qualified, &n);
	if (rc == CDR_ENOTFOUND && accept && strstr(cdr_error_last(), "is rejected")) {
		rc = cli_error("%s %s: %s's proposal of %s there is rejected; unreject it to accept it", a->argv[0],
			       a->argv[1], from, pl.code->qualified);
		goto done;
	}
	if (rc == CDR_ENOTFOUND) {
		rc = cli_error("%s %s: no %scoding of %s by %s lies within it", a->argv[0], a->argv[1],
			       unreject ? "rejected " : "", pl.code->qualified, from);
		goto done;
	}
	/* another coder's own coding: the library refuses, --force overrides */
	if (rc == CDR_EUSAGE) {
		rc = cli_error("%s (or use --force)", cdr_error_last());
		goto done;
	}
	if (rc < 0 || (dst ? cdr_codings_save(dst) : cdr_codings_save(src)) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	printf("%s %zu coding%s of %s in %s %s\n", accept ? "accepted" : unreject ? "unrejected" : "rejected", n,
	       n == 1 ? "" : "s", pl.code->qualified, a->argv[0], a->argv[1]);
	rc = EXIT_OK;
done:
	cdr_codings_free(src);
	cdr_codings_free(dst);
	place_free(&pl);
	return rc;
}

static int import_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	const char *coder = NULL;
	cdr_project *p = NULL;
	cdr_schemes *set = NULL;
	size_t imported, skipped;
	int rc;

	if ((rc = coder_of(a, "coder", cli_hand_coder(), &coder)) != EXIT_OK)
		return rc;
	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		return rc;
	if (cdr_schemes_load(&set, p) < 0 ||
	    cdr_codings_import(p, set, a->argv[0], coder, cli_str(a, "coder") != NULL, &imported, &skipped) < 0)
		rc = cli_lib_error();
	else
		printf("%zu codings imported, %zu already there\n", imported, skipped);
	cdr_schemes_free(set);
	cdr_project_free(p);
	return rc;
}

/* list (a list: bare lines when piped) and export (a table: always a
 * header; TSV by default, escaped so that import reads it back). */
static int list_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	static const char *const short_headers[] = { "coder", "doc", "start", "end", "code", "origin", "status", "memo" };
	static const char *const full_headers[] = { "coder", "doc", "start", "end", "code", "origin", "created", "memo", "status" };
	int full = strcmp(a->cmd->name, "code export") == 0;
	const char *coder = cli_str(a, "coder"), *want_code = cli_str(a, "code"), *want_doc = cli_str(a, "doc");
	const char *out = cli_str(a, "output"), *format = cli_str(a, "format");
	char **coders = NULL;
	size_t ncoders = 0;
	const cdr_code *want = NULL;
	cdr_project *p = NULL;
	cdr_schemes *set = NULL;
	cdr_table *t = NULL;
	struct cli_out o;
	int rc;

	if ((rc = cli_out_open(&o, out, format ? format : full && out == NULL ? "tsv" : NULL,
			       full ? CLI_TABLE : CLI_LIST)) != EXIT_OK)
		return rc;
	/* -o FILE.txt or .html names a format export cannot write */
	if (full && o.fmt != CDR_FORMAT_TSV && o.fmt != CDR_FORMAT_CSV && o.fmt != CDR_FORMAT_JSON &&
	    o.fmt != CDR_FORMAT_MD) {
		rc = cli_error("code export writes tsv, csv, json or md (give --format or name the file .tsv, .csv, "
			       ".json or .md)");
		goto done;
	}
	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		goto done;
	if (cdr_schemes_load(&set, p) < 0 || (want_code && cdr_schemes_resolve(&want, set, want_code) < 0)) {
		rc = cli_lib_error();
		goto done;
	}
	if (want_doc && !cdr_project_has_doc(p, want_doc)) {
		rc = cli_error("no document '%s' in the project (see 'codeer docs')", want_doc);
		goto done;
	}
	/* a named coder must exist: a typo printing nothing would look like a
	 * coder without codings */
	if (coder)
		rc = cli_coders_choose(p, coder, &coders, &ncoders, NULL);
	else if (cdr_coders_list(&coders, &ncoders, p) < 0)
		rc = cli_lib_error();
	if (rc != EXIT_OK)
		goto done;
	if (cdr_table_new(&t, full ? 9 : 8, full ? full_headers : short_headers) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	cdr_table_set_numeric(t, 2);
	cdr_table_set_numeric(t, 3);
	for (size_t c = 0; c < ncoders && rc == EXIT_OK; c++) {
		cdr_codings *k;
		if (cdr_codings_load(&k, p, coders[c], on_warn, NULL) < 0) {
			rc = cli_lib_error();
			break;
		}
		for (size_t i = 0; i < cdr_codings_count(k) && rc == EXIT_OK; i++) {
			const cdr_coding *cd = cdr_codings_get(k, i);
			char start[32], end[32], *esc[9] = { NULL };
			if ((want && strcmp(cd->code, want->qualified) != 0) || (want_doc && strcmp(cd->doc, want_doc) != 0))
				continue;
			snprintf(start, sizeof(start), "%zu", cd->start);
			snprintf(end, sizeof(end), "%zu", cd->end);
			const char *srow[] = { coders[c], cd->doc, start, end, cd->code, cd->origin, cd->status, cd->memo };
			const char *frow[] = { coders[c], cd->doc, start, end, cd->code, cd->origin, cd->created, cd->memo, cd->status };
			const char **row = full ? frow : srow;
			size_t ncols = full ? 9 : 8;
			/* TSV cannot hold a tab or newline: escaped as in the
			 * codings files, where the table writer would flatten them */
			for (size_t f = 0; o.fmt == CDR_FORMAT_TSV && f < ncols && rc == EXIT_OK; f++) {
				if ((esc[f] = cdr_codings_escape(row[f])) == NULL)
					rc = cli_error("out of memory");
				row[f] = esc[f];
			}
			if (rc == EXIT_OK && cdr_table_add(t, row) < 0)
				rc = cli_lib_error();
			for (size_t f = 0; f < ncols; f++)
				free(esc[f]);
		}
		cdr_codings_free(k);
	}
	if (rc == EXIT_OK && cdr_table_write(t, o.f, o.fmt) < 0)
		rc = cli_lib_error();
done:
	cdr_table_free(t);
	cdr_coders_free(coders, ncoders);
	cdr_schemes_free(set);
	cdr_project_free(p);
	return cli_out_close(&o, rc);
}
