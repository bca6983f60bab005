/* cmd-code.c -- manual coding: add, remove, list, import and export
 * codings, and accept or reject what the rules proposed. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static int code_run(const struct cdr_cmd *cmd, struct cli_ctx *ctx, int argc, char **argv);

const struct cdr_cmd cmd_code = {
	.name = "code",
	.usage = "codeer code add [--coder NAME] [--memo TEXT] DOC REF CODE\n"
		 "       codeer code rm [--coder NAME] DOC REF CODE\n"
		 "       codeer code list [--coder NAME] [--code CODE] [--doc DOC] [--format F] [-o FILE]\n"
		 "       codeer code import [--coder NAME] FILE.tsv|FILE.csv\n"
		 "       codeer code export [--coder NAME] [--format tsv|csv|json|md] [-o FILE]\n"
		 "       codeer code accept|reject|unreject [--coder NAME] [--from CODER] [--force] DOC REF CODE",
	.summary = "code by hand; list, import, export; accept or reject proposals",
	.help = "REF is t12 (turn 12), s40 (sentence 40), c100-250 (code points) or an exact\n"
		"phrase, which must occur once in the document. CODE is scheme/code or a code\n"
		"id only one scheme has.\n"
		"\n"
		"add       code the place REF of DOC with CODE\n"
		"rm        remove the coder's codings of CODE that lie within REF\n"
		"list      the codings, one per line (all coders unless --coder); piped, bare\n"
		"          lines for cut and grep (--format tsv adds the header)\n"
		"import    codings from a file whose header names doc, code, and ref or start and\n"
		"          end (optional: memo, coder, origin, created, status; --coder puts every\n"
		"          row under that coder); all rows are checked before any is written\n"
		"export    every coding with all its fields (default tsv with a header, which\n"
		"          import reads back unchanged)\n"
		"accept    copy the codings of CODE within REF (by --from, default auto) to the\n"
		"          coder as the coder's own codings\n"
		"reject    mark those proposals as rejected: reruns of autocode keep them\n"
		"          rejected. A coder's own coding (not made by the rules) may be rejected\n"
		"          only by that coder, or with --force\n"
		"unreject  bring rejected codings back, under the same rules\n"
		"\nOptions:\n"
		"  --coder NAME   the coder (default: $CODEER_CODER, else $USER); for list and\n"
		"                 export also a comma-separated list or all\n"
		"  --memo TEXT    a memo on the coding\n"
		"  --from CODER   where the codings come from (default: auto)\n"
		"  --force        reject or unreject another coder's own coding\n"
		"  --format F     list: table, tsv, csv, json, md or html; export: tsv, csv, json\n"
		"                 or md\n"
		"  -o FILE        write the list or export to FILE (its format from the extension\n"
		"                 unless --format)\n",
	.run = code_run,
};

struct args {
	const char *coder, *memo, *from, *code, *doc, *format, *out;
	int force;
};

static const char *default_coder(void)
{
	const char *c = getenv("CODEER_CODER");
	if (c && cdr_coder_valid(c))
		return c;
	c = getenv("USER");
	return c && cdr_coder_valid(c) ? c : "me";
}

static void on_warn(void *ctx, const char *message)
{
	(void)ctx;
	fprintf(stderr, "codeer: %s\n", message);
}

/* Load doc, resolve REF and CODE. */
static int resolve(cdr_project *p, cdr_schemes *set, char **argv, cdr_document **doc, cdr_span *span,
		   const cdr_code **code)
{
	if (cdr_project_doc_load(doc, p, argv[0], 1) < 0)
		return cli_lib_error();
	if (cdr_document_resolve(span, *doc, argv[1]) < 0)
		return cli_error("%s: %s", argv[0], cdr_error_last());
	if (cdr_schemes_resolve(code, set, argv[2]) < 0)
		return cli_lib_error();
	return 0;
}

static int code_add(cdr_project *p, cdr_schemes *set, struct args *a, char **argv)
{
	cdr_document *doc = NULL;
	cdr_codings *k = NULL;
	const cdr_code *code;
	cdr_span span;
	int rc;

	if ((rc = resolve(p, set, argv, &doc, &span, &code)) != 0)
		goto done;
	if (cdr_project_lock(p, NULL) < 0 || cdr_codings_load(&k, p, a->coder, on_warn, NULL) < 0 ||
	    cdr_codings_add(k, argv[0], span.start, span.end, code->qualified, "manual", a->memo ? a->memo : "") < 0 ||
	    cdr_codings_save(k) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	printf("%s\t%s\tc%zu-%zu\t%s\n", a->coder, argv[0], span.start, span.end, code->qualified);
	rc = EXIT_OK;
done:
	cdr_codings_free(k);
	cdr_document_free(doc);
	return rc;
}

/* rm: the coder's codings of CODE lying within REF. */
static int code_rm(cdr_project *p, cdr_schemes *set, struct args *a, char **argv)
{
	cdr_document *doc = NULL;
	cdr_codings *k = NULL;
	const cdr_code *code;
	cdr_span span;
	size_t done_n = 0;
	int rc;

	if ((rc = resolve(p, set, argv, &doc, &span, &code)) != 0)
		goto done;
	if (cdr_project_lock(p, NULL) < 0 || cdr_codings_load(&k, p, a->coder, on_warn, NULL) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	for (size_t i = 0; i < cdr_codings_count(k);) {
		const cdr_coding *cd = cdr_codings_get(k, i);
		if (strcmp(cd->doc, argv[0]) == 0 && strcmp(cd->code, code->qualified) == 0 && cd->start >= span.start &&
		    cd->end <= span.end) {
			cdr_codings_remove(k, i);
			done_n++;
		} else {
			i++;
		}
	}
	if (done_n == 0) {
		rc = cli_error("%s %s: no coding of %s by %s lies within it", argv[0], argv[1], code->qualified, a->coder);
		goto done;
	}
	if (cdr_codings_save(k) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	printf("removed %zu coding%s of %s in %s %s\n", done_n, done_n == 1 ? "" : "s", code->qualified, argv[0], argv[1]);
	rc = EXIT_OK;
done:
	cdr_codings_free(k);
	cdr_document_free(doc);
	return rc;
}

/* accept, reject, unreject: the rules are the library's (coding.h); this
 * only loads, calls and saves. */
static int code_judge(cdr_project *p, cdr_schemes *set, struct args *a, char **argv, const char *what)
{
	cdr_document *doc = NULL;
	cdr_codings *src = NULL, *dst = NULL;
	const cdr_code *code;
	int accept = strcmp(what, "accept") == 0, unreject = strcmp(what, "unreject") == 0;
	cdr_span span;
	size_t n = 0;
	int rc;

	if ((rc = resolve(p, set, argv, &doc, &span, &code)) != 0)
		goto done;
	if (cdr_project_lock(p, NULL) < 0 || cdr_codings_load(&src, p, a->from, on_warn, NULL) < 0 ||
	    (accept && cdr_codings_load(&dst, p, a->coder, on_warn, NULL) < 0)) {
		rc = cli_lib_error();
		goto done;
	}
	if (accept)
		rc = cdr_codings_accept(dst, src, argv[0], span.start, span.end, code->qualified, &n);
	else if (unreject)
		rc = cdr_codings_unreject(src, a->coder, a->force, argv[0], span.start, span.end, code->qualified, &n);
	else
		rc = cdr_codings_reject(src, a->coder, a->force, argv[0], span.start, span.end, code->qualified, &n);
	if (rc == CDR_ENOTFOUND) {
		rc = cli_error("%s %s: no %scoding of %s by %s lies within it", argv[0], argv[1], unreject ? "rejected " : "",
			       code->qualified, a->from);
		goto done;
	}
	if (rc < 0 || (dst ? cdr_codings_save(dst) : cdr_codings_save(src)) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	printf("%s %zu coding%s of %s in %s %s\n", accept ? "accepted" : unreject ? "unrejected" : "rejected", n,
	       n == 1 ? "" : "s", code->qualified, argv[0], argv[1]);
	rc = EXIT_OK;
done:
	cdr_codings_free(src);
	cdr_codings_free(dst);
	cdr_document_free(doc);
	return rc;
}

/* list (a list: bare lines when piped) and export (a table: always a
 * header; TSV by default, escaped so that import reads it back). */
static int code_list(cdr_project *p, cdr_schemes *set, struct args *a, int full)
{
	static const char *const short_headers[] = { "coder", "doc", "start", "end", "code", "origin", "status", "memo" };
	static const char *const full_headers[] = { "coder", "doc", "start", "end", "code", "origin", "created", "memo", "status" };
	char **coders = NULL;
	size_t ncoders = 0;
	const cdr_code *want = NULL;
	cdr_table *t = NULL;
	struct cli_out o;
	int rc;

	if ((rc = cli_out_open(&o, a->out, a->format ? a->format : full && a->out == NULL ? "tsv" : NULL,
			       full ? CLI_TABLE : CLI_LIST)) != EXIT_OK)
		return rc;
	if (full && o.fmt != CDR_FORMAT_TSV && o.fmt != CDR_FORMAT_CSV && o.fmt != CDR_FORMAT_JSON &&
	    o.fmt != CDR_FORMAT_MD) {
		rc = cli_error("code export writes tsv, csv, json or md (give --format or name the file .tsv, .csv, "
			       ".json or .md)");
		goto done;
	}
	if (a->code && cdr_schemes_resolve(&want, set, a->code) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	if (a->doc && !cdr_project_has_doc(p, a->doc)) {
		rc = cli_error("no document '%s' in the project (see 'codeer docs')", a->doc);
		goto done;
	}
	/* a named coder must exist: a typo printing nothing would look like a
	 * coder without codings */
	if ((a->coder ? cdr_coders_choose(&coders, &ncoders, NULL, p, a->coder) : cdr_coders_list(&coders, &ncoders, p)) <
	    0) {
		rc = cli_lib_error();
		goto done;
	}
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
			if ((want && strcmp(cd->code, want->qualified) != 0) || (a->doc && strcmp(cd->doc, a->doc) != 0))
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
	return cli_out_close(&o, rc);
}

static int coder_given_list(const char *sub)
{
	return strcmp(sub, "list") == 0 || strcmp(sub, "export") == 0;
}

static int code_run(const struct cdr_cmd *cmd, struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "coder", required_argument, NULL, 'c' },
		{ "memo", required_argument, NULL, 'm' },
		{ "from", required_argument, NULL, 'f' },
		{ "code", required_argument, NULL, 'k' },
		{ "doc", required_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'F' },
		{ "force", no_argument, NULL, 'x' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct args a = { NULL, NULL, "auto", NULL, NULL, NULL, NULL, 0 };
	const char *sub;
	int coder_given;
	int c, rc, nargs;
	cdr_project *p = NULL;
	cdr_schemes *set = NULL;

	while ((c = cli_getopt(cmd, argc, argv, "ho:", opts)) != -1) {
		switch (c) {
		case 'c': a.coder = optarg; break;
		case 'm': a.memo = optarg; break;
		case 'f': a.from = optarg; break;
		case 'k': a.code = optarg; break;
		case 'd': a.doc = optarg; break;
		case 'F': a.format = optarg; break;
		case 'x': a.force = 1; break;
		case 'o': a.out = optarg; break;
		default: return CLI_GETOPT_EXIT(c);
		}
	}
	if (optind >= argc)
		return cli_usage_error(cmd, "which subcommand: add, rm, list, import, export, accept, reject or unreject?");
	sub = argv[optind++];
	nargs = argc - optind;
	if (strcmp(sub, "add") == 0 || strcmp(sub, "rm") == 0 || strcmp(sub, "accept") == 0 || strcmp(sub, "reject") == 0 ||
	    strcmp(sub, "unreject") == 0) {
		if (nargs != 3)
			return cli_usage_error(cmd, "%s takes DOC REF CODE", sub);
	} else if (strcmp(sub, "import") == 0) {
		if (nargs != 1)
			return cli_usage_error(cmd, "import takes one file");
	} else if (strcmp(sub, "list") == 0 || strcmp(sub, "export") == 0) {
		if (nargs != 0)
			return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
	} else {
		return cli_usage_error(cmd, "unknown subcommand '%s'", sub);
	}
	coder_given = a.coder != NULL;
	if (a.coder == NULL && strcmp(sub, "list") != 0 && strcmp(sub, "export") != 0)
		a.coder = default_coder();
	if (a.out && strcmp(sub, "list") != 0 && strcmp(sub, "export") != 0)
		return cli_usage_error(cmd, "-o is for list and export");
	if (a.force && strcmp(sub, "reject") != 0 && strcmp(sub, "unreject") != 0)
		return cli_usage_error(cmd, "--force is for reject and unreject");
	if (!cdr_coder_valid(a.from))
		return cli_usage_error(cmd, "'%s' is not a valid coder name (letters, digits, _ - .)", a.from);
	/* list and export take a list of coders, checked against the project */
	if (a.coder && !coder_given_list(sub) && !cdr_coder_valid(a.coder))
		return cli_usage_error(cmd, "'%s' is not a valid coder name (letters, digits, _ - .)", a.coder);
	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		return rc;
	if (cdr_schemes_load(&set, p) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	if (strcmp(sub, "add") == 0) {
		rc = code_add(p, set, &a, argv + optind);
	} else if (strcmp(sub, "import") == 0) {
		size_t imported, skipped;
		if (cdr_codings_import(p, set, argv[optind], a.coder, coder_given, &imported, &skipped) < 0) {
			rc = cli_lib_error();
			goto done;
		}
		printf("%zu codings imported, %zu already there\n", imported, skipped);
		rc = EXIT_OK;
	} else if (strcmp(sub, "list") == 0 || strcmp(sub, "export") == 0) {
		rc = code_list(p, set, &a, sub[0] == 'e');
	} else if (strcmp(sub, "rm") == 0) {
		rc = code_rm(p, set, &a, argv + optind);
	} else {
		rc = code_judge(p, set, &a, argv + optind, sub);
	}
done:
	cdr_schemes_free(set);
	cdr_project_free(p);
	return rc;
}
