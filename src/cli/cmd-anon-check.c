/* cmd-anon-check.c -- list places that look like personal data left in
 * transcripts; exit status 1 when anything is found (like grep). */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static int anon_run(const struct cdr_cmd *cmd, struct cli_ctx *ctx, int argc, char **argv);

const struct cdr_cmd cmd_anon_check = {
	.name = "anon-check",
	.usage = "codeer anon-check [--names FILE] [--no-default-names] [--format F] [-o FILE] [DOC...]",
	.summary = "find e-mail addresses, phone numbers, postcodes, BSNs and names left in transcripts",
	.help = "Checks every document, or the ones named. Finds e-mail addresses, Dutch phone\n"
		"numbers (06-12345678, 020 123 4567, +31 6 ...), postcodes (1234 AB), 9-digit\n"
		"numbers that pass the BSN 11-test, and capitalised names from a list: a built-in\n"
		"list of common Dutch first names, the project's anon-names.txt if present, and\n"
		"--names FILE (one name per line).\n"
		"\nOptions:\n"
		"  --names FILE         more names to look for (repeatable)\n"
		"  --no-default-names   do not use the built-in list of first names\n"
		"  --format F           table, plain, tsv, csv, json, md or html (default: table\n"
		"                       on a terminal, one place a line without a header when\n"
		"                       piped, for cut and grep)\n"
		"  -o FILE              write to FILE (atomically); the format from its extension\n"
		"\nExit status: 0 nothing found, 1 something found, 2 error.\n",
	.run = anon_run,
};

struct scan {
	cdr_table *table;
	const char *doc;
	size_t hits;
};

static int on_hit(void *ctx, const cdr_anon_hit *hit)
{
	struct scan *s = ctx;
	char turn[32], span[64];

	if (hit->turn >= 0)
		snprintf(turn, sizeof(turn), "t%ld", hit->turn + 1);
	else
		turn[0] = '\0';
	snprintf(span, sizeof(span), "c%zu-%zu", hit->span.start, hit->span.end);
	const char *row[] = { s->doc, turn, span, hit->kind, hit->text };
	s->hits++;
	return cdr_table_add(s->table, row);
}

/* JSON by hand: a place outside every turn has turn null, not "". */
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
			if (c == 1 && *s == '\0')
				fputs("null", f);
			else
				cdr_json_string(f, s);
		}
		fputc('}', f);
	}
	fputs(n ? "\n]\n" : "]\n", f);
}

static int add_names_file(cdr_anon *a, const char *path, int must_exist)
{
	FILE *f = fopen(path, "rb");
	char buf[65536];
	size_t n;
	char *all = NULL;
	size_t len = 0;
	int rc = 0;

	if (f == NULL)
		return must_exist ? cli_error("%s: cannot open the names file", path) : 0;
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0) {
		char *grown = realloc(all, len + n);
		if (grown == NULL) {
			rc = cli_error("out of memory");
			break;
		}
		all = grown;
		memcpy(all + len, buf, n);
		len += n;
	}
	fclose(f);
	if (rc == 0 && len > 0 && cdr_anon_add_names(a, all, len) < 0)
		rc = cli_lib_error();
	free(all);
	return rc;
}

static int anon_run(const struct cdr_cmd *cmd, struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "names", required_argument, NULL, 'n' },
		{ "no-default-names", no_argument, NULL, 'N' },
		{ "format", required_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	static const char *const headers[] = { "doc", "turn", "span", "kind", "text" };
	const char *format_name = NULL, *outpath = NULL, **name_files;
	size_t nfiles = 0, ndocs;
	int defaults = 1, c, rc;
	cdr_project *p = NULL;
	cdr_anon *a = NULL;
	struct cli_out o;
	struct scan s = { 0 };

	if ((name_files = calloc((size_t)argc, sizeof(char *))) == NULL)
		return cli_error("out of memory");
	while ((c = cli_getopt(cmd, argc, argv, "ho:", opts)) != -1) {
		if (c < -1) {
			free(name_files);
			return CLI_GETOPT_EXIT(c);
		}
		if (c == 'n')
			name_files[nfiles++] = optarg;
		else if (c == 'N')
			defaults = 0;
		else if (c == 'F')
			format_name = optarg;
		else if (c == 'o')
			outpath = optarg;
	}
	/* a list, like grep's: piped, one place a line starting with its document */
	if ((rc = cli_out_open(&o, outpath, format_name, CLI_LIST)) != EXIT_OK) {
		free(name_files);
		return rc;
	}
	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		goto done;
	if (cdr_anon_new(&a, defaults) < 0 || cdr_table_new(&s.table, 5, headers) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	{
		size_t plen = strlen(cdr_project_path(p)) + 32;
		char *local = malloc(plen);
		if (local == NULL) {
			rc = cli_error("out of memory");
			goto done;
		}
		snprintf(local, plen, "%s/anon-names.txt", cdr_project_path(p));
		rc = add_names_file(a, local, 0);
		free(local);
		if (rc)
			goto done;
	}
	for (size_t i = 0; i < nfiles; i++)
		if ((rc = add_names_file(a, name_files[i], 1)) != 0)
			goto done;
	ndocs = optind < argc ? (size_t)(argc - optind) : cdr_project_doc_count(p);
	for (size_t i = 0; i < ndocs; i++) {
		const char *id = optind < argc ? argv[optind + (int)i] : cdr_project_doc_id(p, i);
		cdr_document *doc;
		if (cdr_project_doc_load(&doc, p, id, 1) < 0) {
			rc = cli_lib_error();
			goto done;
		}
		s.doc = id;
		rc = cdr_anon_scan(a, doc, on_hit, &s);
		cdr_document_free(doc);
		if (rc < 0) {
			rc = cli_lib_error();
			goto done;
		}
	}
	/* nothing found: nothing for a person or for grep, but a program
	 * still gets a document it can parse (an empty array, a header) */
	if (o.fmt == CDR_FORMAT_JSON)
		write_json(o.f, s.table);
	else if (s.hits || (o.fmt != CDR_FORMAT_TABLE && o.fmt != CDR_FORMAT_PLAIN))
		cdr_table_write(s.table, o.f, o.fmt);
	if (s.hits > 0)
		fprintf(stderr, "codeer: %zu possible personal data item%s found\n", s.hits, s.hits == 1 ? "" : "s");
	rc = s.hits > 0 ? EXIT_FOUND : EXIT_OK;
done:
	free(name_files);
	cdr_table_free(s.table);
	cdr_anon_free(a);
	cdr_project_free(p);
	/* exit 1 is "found something", not a failure: -o still writes its file */
	return cli_out_close(&o, rc == EXIT_FOUND ? EXIT_OK : rc) == EXIT_OK ? rc : EXIT_ERROR;
}
