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
		 "       codeer code list [--coder NAME] [--code CODE] [--doc DOC] [--format F]\n"
		 "       codeer code import [--coder NAME] FILE.tsv|FILE.csv\n"
		 "       codeer code export [--coder NAME] [--format tsv|csv|json|md]\n"
		 "       codeer code accept|reject [--coder NAME] [--from CODER] DOC REF CODE",
	.summary = "code by hand; list, import, export; accept or reject proposals",
	.help = "REF is t12 (turn 12), s40 (sentence 40), c100-250 (code points) or an exact\n"
		"phrase, which must occur once in the document. CODE is scheme/code or a code\n"
		"id only one scheme has.\n"
		"\n"
		"add      code the place REF of DOC with CODE\n"
		"rm       remove the coder's codings of CODE that lie within REF\n"
		"list     the codings, one per line (all coders unless --coder)\n"
		"import   codings from a file whose header names doc, code, and ref or start and\n"
		"         end (optional: memo, coder; --coder puts every row under that coder);\n"
		"         all rows are checked before any is written\n"
		"export   every coding with all its fields (default tsv, which import reads back)\n"
		"accept   copy the proposals of CODE within REF (by --from, default auto) to the\n"
		"         coder as the coder's own codings\n"
		"reject   mark those proposals as rejected: reruns of autocode keep them rejected\n"
		"\nOptions:\n"
		"  --coder NAME   the coder (default: $CODEER_CODER, else $USER)\n"
		"  --memo TEXT    a memo on the coding\n"
		"  --from CODER   where proposals come from (default: auto)\n",
	.run = code_run,
};

struct args {
	const char *coder, *memo, *from, *code, *doc, *format;
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

/* rm, accept, reject: act on codings of CODE lying within REF. */
static int code_change(cdr_project *p, cdr_schemes *set, struct args *a, char **argv, const char *what)
{
	cdr_document *doc = NULL;
	cdr_codings *src = NULL, *dst = NULL;
	const cdr_code *code;
	const char *from = strcmp(what, "rm") == 0 ? a->coder : a->from;
	cdr_span span;
	size_t done_n = 0;
	int rc;

	if ((rc = resolve(p, set, argv, &doc, &span, &code)) != 0)
		goto done;
	if (cdr_project_lock(p, NULL) < 0 || cdr_codings_load(&src, p, from, on_warn, NULL) < 0 ||
	    (strcmp(what, "accept") == 0 && cdr_codings_load(&dst, p, a->coder, on_warn, NULL) < 0)) {
		rc = cli_lib_error();
		goto done;
	}
	for (size_t i = 0; i < cdr_codings_count(src);) {
		cdr_coding *k = cdr_codings_get(src, i);
		if (strcmp(k->doc, argv[0]) != 0 || strcmp(k->code, code->qualified) != 0 || k->start < span.start ||
		    k->end > span.end) {
			i++;
			continue;
		}
		done_n++;
		if (strcmp(what, "rm") == 0) {
			cdr_codings_remove(src, i);
			continue;
		}
		if (strcmp(what, "reject") == 0) {
			if (cdr_codings_set_status(src, i, "rejected") < 0) {
				rc = cli_lib_error();
				goto done;
			}
		} else {
			char origin[300];
			snprintf(origin, sizeof(origin), "accept:%s", k->origin);
			if (cdr_codings_find(dst, k->doc, k->start, k->end, k->code) < 0 &&
			    cdr_codings_add(dst, k->doc, k->start, k->end, k->code, origin, k->memo) < 0) {
				rc = cli_lib_error();
				goto done;
			}
		}
		i++;
	}
	if (done_n == 0) {
		rc = cli_error("%s %s: no coding of %s by %s lies within it", argv[0], argv[1], code->qualified, from);
		goto done;
	}
	if ((dst ? cdr_codings_save(dst) : cdr_codings_save(src)) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	printf("%s %zu coding%s of %s in %s %s\n",
	       strcmp(what, "rm") == 0 ? "removed" : strcmp(what, "accept") == 0 ? "accepted" : "rejected",
	       done_n, done_n == 1 ? "" : "s", code->qualified, argv[0], argv[1]);
	rc = EXIT_OK;
done:
	cdr_codings_free(src);
	cdr_codings_free(dst);
	cdr_document_free(doc);
	return rc;
}

static int code_list(cdr_project *p, cdr_schemes *set, struct args *a, int full)
{
	static const char *const short_headers[] = { "coder", "doc", "start", "end", "code", "origin", "status", "memo" };
	static const char *const full_headers[] = { "coder", "doc", "start", "end", "code", "origin", "created", "memo", "status" };
	char **coders = NULL;
	size_t ncoders = 0;
	const cdr_code *want = NULL;
	cdr_table *t = NULL;
	cdr_format fmt;
	int rc = EXIT_OK;

	if (full && a->format == NULL)
		fmt = CDR_FORMAT_TSV;
	else if ((rc = cli_format(a->format, &fmt)) != 0)
		return rc;
	if (a->code && cdr_schemes_resolve(&want, set, a->code) < 0)
		return cli_lib_error();
	if (a->doc && !cdr_project_has_doc(p, a->doc))
		return cli_error("no document '%s' in the project (see 'codeer docs')", a->doc);
	if (a->coder) {
		if ((coders = calloc(1, sizeof(char *))) == NULL || (coders[0] = strdup(a->coder)) == NULL)
			return cli_error("out of memory");
		ncoders = 1;
	} else if (cdr_coders_list(&coders, &ncoders, p) < 0) {
		return cli_lib_error();
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
		for (size_t i = 0; i < cdr_codings_count(k); i++) {
			const cdr_coding *cd = cdr_codings_get(k, i);
			char start[32], end[32];
			if ((want && strcmp(cd->code, want->qualified) != 0) || (a->doc && strcmp(cd->doc, a->doc) != 0))
				continue;
			snprintf(start, sizeof(start), "%zu", cd->start);
			snprintf(end, sizeof(end), "%zu", cd->end);
			const char *srow[] = { coders[c], cd->doc, start, end, cd->code, cd->origin, cd->status, cd->memo };
			const char *frow[] = { coders[c], cd->doc, start, end, cd->code, cd->origin, cd->created, cd->memo, cd->status };
			if (cdr_table_add(t, full ? frow : srow) < 0) {
				rc = cli_lib_error();
				break;
			}
		}
		cdr_codings_free(k);
	}
	if (rc == EXIT_OK)
		cdr_table_write(t, stdout, fmt);
done:
	cdr_table_free(t);
	cdr_coders_free(coders, ncoders);
	return rc;
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
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct args a = { NULL, NULL, "auto", NULL, NULL, NULL };
	const char *sub;
	int coder_given;
	int c, rc, nargs;
	cdr_project *p = NULL;
	cdr_schemes *set = NULL;

	while ((c = cli_getopt(cmd, argc, argv, "h", opts)) != -1) {
		switch (c) {
		case 'c': a.coder = optarg; break;
		case 'm': a.memo = optarg; break;
		case 'f': a.from = optarg; break;
		case 'k': a.code = optarg; break;
		case 'd': a.doc = optarg; break;
		case 'F': a.format = optarg; break;
		default: return CLI_GETOPT_EXIT(c);
		}
	}
	if (optind >= argc)
		return cli_usage_error(cmd, "which subcommand: add, rm, list, import, export, accept or reject?");
	sub = argv[optind++];
	nargs = argc - optind;
	if (strcmp(sub, "add") == 0 || strcmp(sub, "rm") == 0 || strcmp(sub, "accept") == 0 || strcmp(sub, "reject") == 0) {
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
	if (a.coder && !cdr_coder_valid(a.coder))
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
	} else {
		rc = code_change(p, set, &a, argv + optind, sub);
	}
done:
	cdr_schemes_free(set);
	cdr_project_free(p);
	return rc;
}
