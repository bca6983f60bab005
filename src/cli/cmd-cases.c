/* cmd-cases.c -- list cases with their documents and attributes, import
 * attributes from a TSV or CSV file, or set and unset one. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"

static int cases_exec(struct cli_ctx *ctx, const struct cli_args *a);
static int cases_import_exec(struct cli_ctx *ctx, const struct cli_args *a);
static int cases_set_exec(struct cli_ctx *ctx, const struct cli_args *a);
static int cases_unset_exec(struct cli_ctx *ctx, const struct cli_args *a);

const struct cdr_cmd cmd_cases_import = {
	.name = "cases import",
	.summary = "create or update cases and their attributes from a TSV or CSV file",
	.args = "FILE",
	.min_args = 1,
	.max_args = 1,
	.opts = (const struct cli_opt[]){
		{ "clear-empty", 0, CLI_OPT_FLAG, NULL, "an empty cell clears the case's value (default: leaves it)",
		  NULL, 0 },
		{ NULL },
	},
	.help = "The file is tab-separated (or comma-separated: a name ending in .csv, or a\n"
		"header with commas and no tab) with a header row: a 'case' column, an\n"
		"optional 'docs' column (document ids or file names, comma-separated) and one\n"
		"column per attribute, e.g.\n"
		"  case<TAB>docs<TAB>gemeente<TAB>rol\n"
		"  p1<TAB>interview-01,interview-01b<TAB>Zwolle<TAB>wijkcoach\n"
		"Existing cases are updated, new ones created; an empty cell leaves a value\n"
		"as it is unless --clear-empty. A column named twice is refused. The file is\n"
		"checked whole before cases.tsv is written.\n",
	.examples = CLI_EXAMPLES("codeer cases import cases.tsv", "codeer cases import --clear-empty export.csv"),
	.exit_status = "0 success; 2 an error, usage errors included (cases.tsv is unchanged then).",
	.exec = cases_import_exec,
};

const struct cdr_cmd cmd_cases_set = {
	.name = "cases set",
	.summary = "set attributes of one case",
	.args = "CASE KEY=VALUE...",
	.min_args = 2,
	.max_args = -1,
	.opts = (const struct cli_opt[]){ { NULL } },
	.help = "A new attribute becomes a column of cases.tsv; other cases have no value for it.\n",
	.examples = CLI_EXAMPLES("codeer cases set p1 gemeente=Zwolle rol=wijkcoach"),
	.exit_status = "0 success; 2 an error, usage errors included (cases.tsv is unchanged then).",
	.exec = cases_set_exec,
};

const struct cdr_cmd cmd_cases_unset = {
	.name = "cases unset",
	.summary = "clear attributes of one case",
	.args = "CASE KEY...",
	.min_args = 2,
	.max_args = -1,
	.opts = (const struct cli_opt[]){ { NULL } },
	.help = "The value is cleared for this case only; an attribute the case has no value\n"
		"for is an error (a misspelt name would otherwise pass unnoticed).\n",
	.examples = CLI_EXAMPLES("codeer cases unset p1 rol"),
	.exit_status = "0 success; 2 an error, usage errors included (cases.tsv is unchanged then).",
	.exec = cases_unset_exec,
};

const struct cdr_cmd cmd_cases = {
	.name = "cases",
	.summary = "list cases and their attributes; import, set or unset them",
	.opts = (const struct cli_opt[]){
		CLI_FORMAT_OPTION("table", "plain", "tsv", "csv", "json", "md", "html"),
		CLI_OUTPUT_OPTION,
		{ NULL },
	},
	.help = "Piped without --format, the list is tab-separated lines without a header,\n"
		"one case a line starting with its id, for cut and grep.\n",
	.examples = CLI_EXAMPLES("codeer cases", "codeer cases --format json", "codeer cases import cases.tsv",
				 "codeer cases set p1 rol=wijkcoach"),
	.exit_status = "0 success, also for a project without cases; 2 an error, usage errors included "
		       "(cases.tsv is unchanged and nothing is written to -o FILE then).",
	.subcommands = (const struct cdr_cmd *const[]){ &cmd_cases_import, &cmd_cases_set, &cmd_cases_unset, NULL },
	.exec = cases_exec,
};

static int doc_exists(void *ctx, const char *doc)
{
	return cdr_project_has_doc(ctx, doc);
}

/* CSV: the name says so, or the header has commas and no tab (a
 * spreadsheet's export saved under another name). */
static int looks_csv(const char *file, const char *data)
{
	size_t n = strlen(file), line = strcspn(data, "\n");

	if (n >= 4 && strcasecmp(file + n - 4, ".csv") == 0)
		return 1;
	return memchr(data, '\t', line) == NULL && memchr(data, ',', line) != NULL;
}

/* Open the project, take its lock and find CASE. */
static int case_open(struct cli_ctx *ctx, const char *id, cdr_project **p, size_t *index)
{
	long i;
	int rc;

	if ((rc = cli_open_project(ctx, p)) != EXIT_OK)
		return rc;
	if (cdr_project_lock(*p, NULL) < 0)
		return cli_lib_error();
	if ((i = cdr_cases_find(cdr_project_cases(*p), id)) < 0)
		return cli_error("no case '%s' in the project (see 'codeer cases')", id);
	*index = (size_t)i;
	return EXIT_OK;
}

static int cases_set_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	cdr_project *p = NULL;
	size_t i;
	int rc;

	/* every pair is checked before anything changes */
	for (int k = 1; k < a->argc; k++) {
		const char *eq = strchr(a->argv[k], '=');
		char key[256];
		if (eq == NULL || eq == a->argv[k])
			return cli_usage_error(a->cmd, "'%s' is not KEY=VALUE", a->argv[k]);
		snprintf(key, sizeof(key), "%.*s", (int)(eq - a->argv[k]), a->argv[k]);
		if (!cdr_cases_attr_name_valid(key))
			return cli_usage_error(a->cmd, "'%s' cannot be an attribute name (not case or docs; no tab, "
						       "newline or '=')", key);
		if (eq[1] == '\0')
			return cli_usage_error(a->cmd, "'%s' has no value; 'codeer cases unset %s %s' clears it", a->argv[k],
					       a->argv[0], key);
	}
	if ((rc = case_open(ctx, a->argv[0], &p, &i)) != EXIT_OK)
		goto done;
	for (int k = 1; k < a->argc && rc == EXIT_OK; k++) {
		const char *eq = strchr(a->argv[k], '=');
		char key[256];
		snprintf(key, sizeof(key), "%.*s", (int)(eq - a->argv[k]), a->argv[k]);
		if (cdr_cases_set_attr(cdr_project_cases(p), i, key, eq + 1) < 0)
			rc = cli_lib_error();
	}
	if (rc == EXIT_OK && cdr_project_cases_save(p) < 0)
		rc = cli_lib_error();
done:
	cdr_project_free(p);
	return rc;
}

static int cases_unset_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	cdr_project *p = NULL;
	cdr_cases *cases;
	size_t i;
	int rc;

	if ((rc = case_open(ctx, a->argv[0], &p, &i)) != EXIT_OK)
		goto done;
	cases = cdr_project_cases(p);
	for (int k = 1; k < a->argc && rc == EXIT_OK; k++) {
		const char *v = cdr_cases_attr_by_name(cases, i, a->argv[k]);
		if (v == NULL)
			rc = cli_error("no case attribute '%s' in the project (see 'codeer cases')", a->argv[k]);
		else if (*v == '\0')
			rc = cli_error("case '%s' has no value for '%s'", a->argv[0], a->argv[k]);
	}
	for (int k = 1; k < a->argc && rc == EXIT_OK; k++)
		if (cdr_cases_set_attr(cases, i, a->argv[k], "") < 0)
			rc = cli_lib_error();
	if (rc == EXIT_OK && cdr_project_cases_save(p) < 0)
		rc = cli_lib_error();
done:
	cdr_project_free(p);
	return rc;
}

static int cases_import_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	const char *file = a->argv[0];
	cdr_project *p = NULL;
	char *data = NULL;
	size_t len;
	FILE *f;
	long size;
	unsigned flags = 0;
	int rc;

	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		return rc;
	f = fopen(file, "rb");
	if (f == NULL) {
		rc = cli_error("%s: cannot open: %s", file, strerror(errno));
		cdr_project_free(p);
		return rc;
	}
	if (fseek(f, 0, SEEK_END) < 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) < 0 ||
	    (data = malloc((size_t)size + 1)) == NULL) {
		fclose(f);
		cdr_project_free(p);
		return cli_error("%s: cannot read", file);
	}
	len = fread(data, 1, (size_t)size, f);
	fclose(f);
	data[len] = '\0';
	if (looks_csv(file, data))
		flags |= CDR_CASES_CSV;
	if (cli_flag(a, "clear-empty"))
		flags |= CDR_CASES_CLEAR_EMPTY;
	if ((rc = cdr_project_lock(p, NULL)) == 0 &&
	    (rc = cdr_cases_import_ex(cdr_project_cases(p), data, len, file, flags, doc_exists, p)) == 0)
		rc = cdr_project_cases_save(p);
	free(data);
	if (rc < 0) {
		rc = cli_lib_error();
	} else {
		printf("%zu cases\n", cdr_cases_count(cdr_project_cases(p)));
		rc = EXIT_OK;
	}
	cdr_project_free(p);
	return rc;
}

/* JSON by hand, since the shared table writer's cells are text or
 * numbers and the documents are an array of ids (row r is case r - 1); an
 * attribute a case has no value for is null (an empty cell in cases.tsv
 * means unset). */
/* Room for ":tN-tN" with two turn numbers of up to 20 digits. */
#define STRETCH_TURNS_MAX 46

/* A stretch as the docs column writes it, "DOC:tA-tB" or "DOC:tA" (caller
 * frees; NULL when out of memory). */
static char *stretch_entry(const cdr_cases *cases, size_t i, size_t k)
{
	size_t first, last;
	const char *doc = cdr_cases_stretch(cases, i, k, &first, &last);
	size_t n = strlen(doc) + STRETCH_TURNS_MAX + 1;
	char *out = malloc(n);

	if (out == NULL)
		return NULL;
	if (first == last)
		snprintf(out, n, "%s:t%zu", doc, first);
	else
		snprintf(out, n, "%s:t%zu-t%zu", doc, first, last);
	return out;
}

static void write_json(FILE *f, const cdr_table *t, const cdr_cases *cases)
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
			if (c == 1) {
				fputc('[', f);
				size_t nd = cdr_cases_doc_count(cases, r - 1);
				for (size_t d = 0; d < nd; d++) {
					fputs(d ? ", " : "", f);
					cdr_json_string(f, cdr_cases_doc(cases, r - 1, d));
				}
				for (size_t k = 0; k < cdr_cases_stretch_count(cases, r - 1); k++) {
					char *entry = stretch_entry(cases, r - 1, k);
					fputs(nd + k ? ", " : "", f);
					cdr_json_string(f, entry ? entry : "");
					free(entry);
				}
				fputc(']', f);
			} else if (c > 1 && *s == '\0') {
				fputs("null", f);
			} else {
				cdr_json_string(f, s);
			}
		}
		fputc('}', f);
	}
	fputs(n ? "\n]\n" : "]\n", f);
}

static int cases_list(cdr_project *p, FILE *f, cdr_format fmt)
{
	cdr_cases *cases = cdr_project_cases(p);
	size_t nattr = cdr_cases_attr_count(cases), ncols = nattr + 2;
	const char **row = calloc(ncols, sizeof(char *));
	cdr_table *t = NULL;
	int rc = EXIT_OK;

	if (row == NULL)
		return cli_error("out of memory");
	row[0] = "case";
	row[1] = "docs";
	for (size_t a = 0; a < nattr; a++)
		row[a + 2] = cdr_cases_attr_name(cases, a);
	if (cdr_table_new(&t, ncols, row) < 0) {
		free(row);
		return cli_lib_error();
	}
	for (size_t i = 0; i < cdr_cases_count(cases) && rc == EXIT_OK; i++) {
		size_t total = 1, ns = cdr_cases_stretch_count(cases, i);
		char *docs;
		for (size_t d = 0; d < cdr_cases_doc_count(cases, i); d++)
			total += strlen(cdr_cases_doc(cases, i, d)) + 1;
		for (size_t k = 0; k < ns; k++) {
			size_t first, last;
			total += strlen(cdr_cases_stretch(cases, i, k, &first, &last)) + STRETCH_TURNS_MAX + 1;
		}
		if ((docs = calloc(1, total)) == NULL) {
			rc = cli_error("out of memory");
			break;
		}
		for (size_t d = 0; d < cdr_cases_doc_count(cases, i); d++) {
			if (d)
				strcat(docs, ",");
			strcat(docs, cdr_cases_doc(cases, i, d));
		}
		for (size_t k = 0; k < ns; k++) {
			char *entry = stretch_entry(cases, i, k);
			if (entry == NULL) {
				free(docs);
				docs = NULL;
				break;
			}
			if (*docs)
				strcat(docs, ",");
			strcat(docs, entry);
			free(entry);
		}
		if (docs == NULL) {
			rc = cli_error("out of memory");
			break;
		}
		row[0] = cdr_cases_id(cases, i);
		row[1] = docs;
		for (size_t a = 0; a < nattr; a++)
			row[a + 2] = cdr_cases_attr(cases, i, a);
		if (cdr_table_add(t, row) < 0)
			rc = cli_lib_error();
		free(docs);
	}
	if (rc == EXIT_OK && fmt == CDR_FORMAT_JSON)
		write_json(f, t, cases);
	else if (rc == EXIT_OK)
		cdr_table_write(t, f, fmt);
	cdr_table_free(t);
	free(row);
	return rc;
}

static int cases_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	cdr_project *p = NULL;
	struct cli_out o;
	int rc;

	/* a list: piped, one case a line starting with its id */
	if ((rc = cli_out_open(&o, cli_str(a, "output"), cli_str(a, "format"), CLI_LIST)) != EXIT_OK)
		return rc;
	if ((rc = cli_open_project(ctx, &p)) == EXIT_OK)
		rc = cases_list(p, o.f, o.fmt);
	cdr_project_free(p);
	return cli_out_close(&o, rc);
}
