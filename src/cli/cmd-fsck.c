/* cmd-fsck.c -- check a project's files and say what is wrong with them,
 * one line per problem, without changing anything. The project layer
 * checks sources, cases and leftovers (cdr_project_fsck); the codings are
 * checked here through the coding layer, which sits above it. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static int fsck_exec(struct cli_ctx *ctx, const struct cli_args *a);

const struct cdr_cmd cmd_fsck = {
	.name = "fsck",
	.summary = "check the project's files: sources, descriptions, cases, codings, leftovers",
	.opts = (const struct cli_opt[]){
		{ "quiet", 'q', CLI_OPT_FLAG, NULL, "print nothing; the exit status tells", NULL, 0 },
		{ NULL },
	},
	.help = "Each source's text against the sha256 and length in its .meta, every .meta\n"
		"against its text, every codings row against the documents, the cases against\n"
		"the documents, and temporary files or an unfinished change an interrupted\n"
		"command left. One line per problem: FILE[:LINE]: what is wrong. Nothing is\n"
		"changed, also not an unfinished change (any other command completes it).\n",
	.examples = CLI_EXAMPLES("codeer fsck", "codeer -C thesis fsck --quiet || echo damaged"),
	.exit_status = "0 the project is sound; 1 problems were found (listed on stdout); "
		       "2 an error: the check could not be made.",
	.exec = fsck_exec,
};

struct findings {
	int quiet;
	size_t n;
};

static int on_finding(void *ctx, const char *finding)
{
	struct findings *f = ctx;

	f->n++;
	if (!f->quiet)
		printf("%s\n", finding);
	return 0;
}

static void on_warn(void *ctx, const char *message)
{
	on_finding(ctx, message);
}

/* A codings file's messages name it by its path in the project. */
static const char *below(const cdr_project *p, const char *path)
{
	size_t n = strlen(cdr_project_path(p));

	return strncmp(path, cdr_project_path(p), n) == 0 && path[n] == '/' ? path + n + 1 : path;
}

struct relay {
	const cdr_project *p;
	struct findings *f;
};

static void on_codings_warn(void *ctx, const char *message)
{
	struct relay *r = ctx;

	on_warn(r->f, below(r->p, message));
}

struct doclen {
	const char *id;
	size_t length; /* (size_t)-1: its .meta cannot be read (reported already) */
};

static int by_id(const void *a, const void *b)
{
	return strcmp(((const struct doclen *)a)->id, ((const struct doclen *)b)->id);
}

/* Every row of every coder reads, names a document of the project and
 * lies inside its text. */
static int check_codings(cdr_project *p, struct findings *f)
{
	size_t ndocs = cdr_project_doc_count(p), ncoders = 0;
	struct doclen *docs = calloc(ndocs ? ndocs : 1, sizeof(*docs));
	char **coders = NULL, line[1024];
	int rc = EXIT_OK;

	if (docs == NULL)
		return cli_error("out of memory");
	for (size_t i = 0; i < ndocs; i++) {
		cdr_document *doc = NULL;
		docs[i].id = cdr_project_doc_id(p, i);
		docs[i].length = (size_t)-1;
		if (cdr_project_doc_load(&doc, p, docs[i].id, 0) == 0)
			docs[i].length = cdr_document_length(doc);
		else if (cdr_error_last_code() == CDR_ENOMEM)
			rc = cli_lib_error();
		cdr_document_free(doc);
		if (rc != EXIT_OK) {
			free(docs);
			return rc;
		}
	}
	if (ndocs > 1)
		qsort(docs, ndocs, sizeof(*docs), by_id);
	if (cdr_coders_list(&coders, &ncoders, p) < 0) {
		free(docs);
		return cli_lib_error();
	}
	for (size_t c = 0; c < ncoders && rc == EXIT_OK; c++) {
		struct relay r = { p, f };
		cdr_codings *k = NULL;
		if (cdr_codings_load(&k, p, coders[c], on_codings_warn, &r) < 0) {
			if (cdr_error_last_code() == CDR_ENOMEM)
				rc = cli_lib_error();
			else
				on_warn(f, below(p, cdr_error_last()));
			continue;
		}
		for (size_t i = 0; i < cdr_codings_count(k); i++) {
			const cdr_coding *x = cdr_codings_get(k, i);
			struct doclen key = { x->doc, 0 };
			const struct doclen *d = ndocs ? bsearch(&key, docs, ndocs, sizeof(*docs), by_id) : NULL;
			if (d == NULL)
				snprintf(line, sizeof(line), "codings/%s.tsv: %s c%zu-%zu %s: no document '%s' in the project",
					 coders[c], x->doc, x->start, x->end, x->code, x->doc);
			else if (d->length != (size_t)-1 && x->end > d->length)
				snprintf(line, sizeof(line), "codings/%s.tsv: %s c%zu-%zu %s: ends past the text (%zu characters)",
					 coders[c], x->doc, x->start, x->end, x->code, d->length);
			else
				continue;
			on_finding(f, line);
		}
		cdr_codings_free(k);
	}
	cdr_coders_free(coders, ncoders);
	free(docs);
	return rc;
}

static int fsck_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct findings f = { cli_flag(a, "quiet"), 0 };
	cdr_project *p = NULL;
	char *dir = NULL;
	size_t found = 0;
	int rc;

	if (cdr_project_discover(&dir, ctx->project_dir ? ctx->project_dir : ".") < 0)
		return cli_lib_error();
	/* as it is: not completing an unfinished change, which fsck reports */
	rc = cdr_project_open_ex(&p, dir, CDR_OPEN_FSCK);
	free(dir);
	if (rc < 0)
		return cli_lib_error();
	if (cdr_project_fsck(p, on_finding, &f, &found) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	if ((rc = check_codings(p, &f)) != EXIT_OK)
		goto done;
	rc = f.n ? EXIT_FOUND : EXIT_OK;
done:
	cdr_project_free(p);
	return rc;
}
