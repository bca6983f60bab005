/* cmd-freq.c -- how often each code is used: segments, documents, cases,
 * words; or, with --tree, NVivo's node list: Files and References per code
 * in its place in the tree, with its created and modified dates. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "codeer/freq-tree.h"

static int freq_exec(struct cli_ctx *ctx, const struct cli_args *a);

const struct cdr_cmd cmd_freq = {
	.name = "freq",
	.summary = "code frequencies: segments, documents, cases and words coded per code",
	.opts = (const struct cli_opt[]){
		{ "coder", 0, CLI_OPT_STRING, "NAME",
		  "whose codings: NAME, A,B or all (added up); default: the\n"
		  "project's default coder, else the only coder with codings", NULL, 0 },
		{ "scheme", 0, CLI_OPT_STRING, "ID", "only the codes of this scheme", NULL, 0 },
		{ "all", 0, CLI_OPT_FLAG, NULL, "also codes that were never used", NULL, 0 },
		{ "tree", 0, CLI_OPT_FLAG, NULL,
		  "the code tree: files and references per code, indented by\n"
		  "depth, with the dates each code was created and modified", NULL, 0 },
		{ "aggregate", 0, CLI_OPT_FLAG, NULL,
		  "with --tree: a code counts its own codings and those of the\n"
		  "codes below it", NULL, 0 },
		{ "layout", 0, CLI_OPT_STRING, "FILE",
		  "the tree of a crosssection layout: its columns, subcolumns\n"
		  "and codes, each column and subcolumn counting all its codes", NULL, 0 },
		{ "doc", 0, CLI_OPT_STRING, "ID", "only this document (repeat for more)", NULL, 1 },
		{ "case", 0, CLI_OPT_STRING, "ID", "only the documents of this case (repeat for more)", NULL, 1 },
		{ "attr", 0, CLI_OPT_STRING, "KEY=VALUE", "only cases with this attribute value (repeat for more)", NULL, 1 },
		{ "speaker", 0, CLI_OPT_STRING, "NAME", "only codings that start in this speaker's turns (repeat\nfor more)",
		  NULL, 1 },
		CLI_FORMAT_OPTION("table", "plain", "tsv", "csv", "json", "md", "html"),
		CLI_OUTPUT_OPTION,
		{ NULL },
	},
	.help = "Words are the words of the coded text, each word once per code and document\n"
		"however many codings of the code cover it.\n"
		"With --tree, files are the documents with a coding and references the codings,\n"
		"as NVivo names them. A code is created when codebook.log made it (code add\n"
		"--new), else at its first coding; modified at the later of its last change in\n"
		"codebook.log (rename, merge, move) and its last coding.\n",
	.examples = CLI_EXAMPLES("codeer freq --coder auto", "codeer freq --coder all --scheme empowerment --all",
				 "codeer freq --coder auto --speaker R --attr gemeente=Utrecht",
				 "codeer freq --tree --aggregate --scheme op-weg-naar-maatwerk"),
	.exec = freq_exec,
};

/* Does `qualified` belong to scheme `scheme` (NULL: every scheme)? */
static int in_scheme(const char *qualified, const char *scheme)
{
	size_t len = scheme ? strlen(scheme) : 0;

	return scheme == NULL || (strncmp(qualified, scheme, len) == 0 && qualified[len] == '/');
}

/* The tree. People read it indented (table, md, html: NVivo's Name
 * column); programs get the path and depth instead, so a name keeps no
 * leading spaces to strip. Markdown and HTML collapse spaces, so they are
 * indented with no-break spaces. */
static int tree_write(struct cli_out *out, cdr_project *p, const cdr_schemes *set, char **coders, size_t ncoders,
		      const cdr_filter *f, const char *scheme, int all, int aggregate, const char *layout)
{
	static const char *const text_headers[] = { "name", "files", "references", "created", "modified", "code" };
	static const char *const data_headers[] = { "path",	"depth",      "code",	 "name",
						    "files", "references", "created", "modified" };
	int text = out->fmt == CDR_FORMAT_TABLE || out->fmt == CDR_FORMAT_MD || out->fmt == CDR_FORMAT_HTML;
	const char *indent = out->fmt == CDR_FORMAT_TABLE ? "  " : "\u00a0\u00a0";
	cdr_freq_node *v = NULL;
	size_t n = 0;
	cdr_table *t = NULL;
	char *name = NULL;
	int rc = EXIT_OK;

	if ((layout ? cdr_freq_tree_layout(&v, &n, p, set, (const char *const *)coders, ncoders, f, aggregate, layout)
		    : cdr_freq_tree(&v, &n, p, set, (const char *const *)coders, ncoders, f, aggregate)) < 0 ||
	    cdr_table_new(&t, text ? 6 : 8, text ? text_headers : data_headers) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	cdr_table_set_numeric(t, text ? 1 : 4);
	cdr_table_set_numeric(t, text ? 2 : 5);
	if (!text)
		cdr_table_set_numeric(t, 1);
	cdr_table_set_nullable(t, text ? 3 : 6);
	cdr_table_set_nullable(t, text ? 4 : 7);
	for (size_t i = 0; i < n; i++) {
		char files[32], refs[32], depth[32];
		const char *code = v[i].code ? v[i].code->qualified : "";
		/* a code without codings stays when one below it has some, so
		 * the tree keeps its branches; a layout's columns and subcolumns
		 * always stay, they are the frame of the table */
		if ((!all && !v[i].coded && v[i].code) || !in_scheme(code, scheme))
			continue;
		snprintf(files, sizeof(files), "%zu", v[i].files);
		snprintf(refs, sizeof(refs), "%zu", v[i].references);
		snprintf(depth, sizeof(depth), "%zu", v[i].depth);
		free(name);
		if ((name = malloc((text ? v[i].depth * strlen(indent) : 0) + strlen(v[i].name) + 1)) == NULL) {
			rc = cli_error("out of memory");
			goto done;
		}
		*name = '\0';
		for (size_t d = 0; text && d < v[i].depth; d++)
			strcat(name, indent);
		strcat(name, v[i].name);
		{
			const char *text_row[] = { name, files, refs, v[i].created, v[i].modified, code };
			const char *data_row[] = { v[i].path, depth, code, name,
						   files,     refs,  v[i].created,	     v[i].modified };
			if (cdr_table_add(t, text ? text_row : data_row) < 0) {
				rc = cli_lib_error();
				goto done;
			}
		}
	}
	rc = cdr_table_write(t, out->f, out->fmt) < 0 ? cli_lib_error() : EXIT_OK;
done:
	free(name);
	cdr_table_free(t);
	cdr_freq_tree_free(v, n);
	return rc;
}

static int freq_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	static const char *const headers[] = { "code", "label", "segments", "docs", "cases", "words" };
	const char *scheme = cli_str(a, "scheme");
	char **coders = NULL;
	size_t ncoders = 0;
	const char *layout = cli_str(a, "layout");
	int all = cli_flag(a, "all"), tree = cli_flag(a, "tree") || layout, implicit = 0, rc;
	cdr_project *p = NULL;
	cdr_schemes *set = NULL;
	cdr_freq *fr = NULL;
	size_t n = 0;
	cdr_table *t = NULL;
	struct cli_out out = { 0 };
	cdr_filter f = { 0 };

	if (cli_flag(a, "aggregate") && !tree)
		return cli_usage_error(a->cmd, "--aggregate adds up a code's subtree: it goes with --tree");
	if (layout && scheme)
		return cli_usage_error(a->cmd, "--layout names its codes, of any scheme: it goes without --scheme");
	f.docs = (const char *const *)cli_list(a, "doc", &f.ndocs);
	f.cases = (const char *const *)cli_list(a, "case", &f.ncases);
	f.attrs = (const char *const *)cli_list(a, "attr", &f.nattrs);
	f.speakers = (const char *const *)cli_list(a, "speaker", &f.nspeakers);
	if ((rc = cli_out_open(&out, cli_str(a, "output"), cli_str(a, "format"), CLI_TABLE)) != EXIT_OK ||
	    (rc = cli_open_project(ctx, &p)) != EXIT_OK ||
	    (rc = cli_coders_choose(p, cli_str(a, "coder"), &coders, &ncoders, &implicit)) != EXIT_OK)
		goto done;
	if (cdr_schemes_load(&set, p) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	if (scheme && cdr_schemes_find(set, scheme) == NULL) {
		rc = cli_error("no scheme '%s' in the project (see 'codeer scheme list')", scheme);
		goto done;
	}
	if (tree) {
		rc = tree_write(&out, p, set, coders, ncoders, &f, scheme, all, cli_flag(a, "aggregate"), layout);
		goto done;
	}
	if (cdr_freqs_filtered(&fr, &n, p, set, (const char *const *)coders, ncoders, &f) < 0 ||
	    cdr_table_new(&t, 6, headers) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	for (int col = 2; col <= 5; col++)
		cdr_table_set_numeric(t, (size_t)col);
	for (size_t i = 0; i < n; i++) {
		char seg[32], docs[32], cases[32], words[32];
		if ((!all && fr[i].segments == 0) || !in_scheme(fr[i].code->qualified, scheme))
			continue;
		snprintf(seg, sizeof(seg), "%zu", fr[i].segments);
		snprintf(docs, sizeof(docs), "%zu", fr[i].docs);
		snprintf(cases, sizeof(cases), "%zu", fr[i].cases);
		snprintf(words, sizeof(words), "%zu", fr[i].words);
		const char *row[] = { fr[i].code->qualified, fr[i].code->label, seg, docs, cases, words };
		if (cdr_table_add(t, row) < 0) {
			rc = cli_lib_error();
			goto done;
		}
	}
	rc = cdr_table_write(t, out.f, out.fmt) < 0 ? cli_lib_error() : EXIT_OK;
done:
	if ((rc = cli_out_close(&out, rc)) == EXIT_OK)
		cli_coders_note(coders, ncoders, implicit);
	cdr_coders_free(coders, ncoders);
	free(fr);
	cdr_table_free(t);
	cdr_schemes_free(set);
	cdr_project_free(p);
	return rc;
}
