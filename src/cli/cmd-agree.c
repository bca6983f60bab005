/* cmd-agree.c -- agreement between coders: per code and overall, every
 * coefficient, the units where they disagree, or per case (--by);
 * unitizing alpha on the coders' own segments; the same coefficients on
 * any reliability table; consensus coders; partial agreement tables of
 * parts of a corpus (--partial) added up (--merge FILE...).
 *
 * Output: for people (table, md, html) the summary line and a table per
 * part, with headings; for programs one document per run: csv, tsv and
 * plain print ONE rectangular table (docs/agreement.md, "Output"), json
 * one object, numbers at full precision and null where there is none. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static int agree_exec(struct cli_ctx *ctx, const struct cli_args *a);

const struct cdr_cmd cmd_agree = {
	.name = "agree",
	.summary = "agreement between coders: kappa, alpha, AC1 ... and the disagreements",
	.opts = (const struct cli_opt[]){
		{ "coders", 0, CLI_OPT_LIST, "A,B,...", "the coders to compare (two or more)", NULL, 0 },
		{ "codes", 0, CLI_OPT_LIST, "C1,C2,...", "only these codes (default: every code the coders used)", NULL, 0 },
		{ "docs", 0, CLI_OPT_LIST, "D1,D2,...", "only these documents", NULL, 0 },
		{ "all-docs", 0, CLI_OPT_FLAG, NULL,
		  "every document any of the coders coded; a coder who\n"
		  "did not touch one coded nothing in it (default: those\n"
		  "not every coder coded are left out, named on stderr)", NULL, 0 },
		{ "unit", 0, CLI_OPT_ENUM, "U",
		  "the unit (default: turn); char is every character,\n"
		  "as NVivo compares",
		  CLI_CHOICES("turn", "sentence", "paragraph", "document", "char"), 0 },
		{ "overlap", 0, CLI_OPT_STRING, "P",
		  "segment level, as MAXQDA: each coded segment is a unit,\n"
		  "and another coder agrees with an overlap of P % of the\n"
		  "union", NULL, 0 },
		{ "only-coded", 0, CLI_OPT_FLAG, NULL, "leave out units no coder coded", NULL, 0 },
		{ "by", 0, CLI_OPT_ENUM, NULL,
		  "agreement per case (a case that is a stretch of a\n"
		  "document counts only the units inside it) or per\n"
		  "document, over all codes",
		  CLI_CHOICES("case", "doc"), 0 },
		{ "exclusive", 0, CLI_OPT_STRING, "GROUP",
		  "the subcodes of GROUP are one nominal variable (which\n"
		  "of them each coder chose per unit)", NULL, 0 },
		{ "show-disagreements", 0, CLI_OPT_FLAG, NULL,
		  "list every unit where the coders differ, with its text\n"
		  "(csv, tsv: instead of the coefficients; json: with them)", NULL, 0 },
		{ "bootstrap", 0, CLI_OPT_INT, "N",
		  "percentile confidence intervals from N resamples of\n"
		  "units (up to 100000)", NULL, 0 },
		{ "seed", 0, CLI_OPT_INT, "S",
		  "seed of the bootstrap (default 1): the same seed, the\n"
		  "same interval", NULL, 0 },
		{ "digits", 0, CLI_OPT_INT, "N",
		  "decimals of the coefficients, 0 to 17 (default 4;\n"
		  "json: always all)", NULL, 0 },
		{ "unitizing", 0, CLI_OPT_FLAG, NULL,
		  "Krippendorff's unitizing alpha: compare where the\n"
		  "coders put their segments, not coded units", NULL, 0 },
		{ "table", 0, CLI_OPT_STRING, "FILE",
		  "any reliability table: a CSV (or .tsv) file, empty\n"
		  "cells missing; a first column 'unit' holds labels", NULL, 0 },
		{ "layout", 0, CLI_OPT_ENUM, "L", "how --table is laid out (default: units-by-coders)",
		  CLI_CHOICES("units-by-coders", "coders-by-units", "counts"), 0 },
		{ "level", 0, CLI_OPT_ENUM, "L", "--table's level of measurement (default: nominal)",
		  CLI_CHOICES("nominal", "ordinal", "interval", "ratio"), 0 },
		{ "weights", 0, CLI_OPT_ENUM, "W",
		  "weights of weighted kappa and AC2 for --table\n"
		  "(default: none)",
		  CLI_CHOICES("none", "linear", "quadratic"), 0 },
		{ "coefficients", 0, CLI_OPT_LIST, "LIST",
		  "with --table: only these coefficients, by their ids in\n"
		  "the output (krippendorff_alpha,fleiss,...)", NULL, 0 },
		{ "partial", 0, CLI_OPT_FLAG, NULL,
		  "write the sums of this project's part of a corpus (the\n"
		  "coders' contingency tables), to be added up with --merge",
		  NULL, 0 },
		{ "merge", 0, CLI_OPT_LIST, "A,B,...",
		  "with --into: write a consensus coder of these coders;\n"
		  "without: --merge FILE... adds up partial tables and\n"
		  "prints the agreement of the whole corpus", NULL, 0 },
		{ "into", 0, CLI_OPT_STRING, "NAME", "the consensus coder --merge writes", NULL, 0 },
		{ "rule", 0, CLI_OPT_ENUM, "R",
		  "what the consensus holds: the characters coded by all\n"
		  "coders (both, the default), by any (either), or by\n"
		  "more than half (majority)",
		  CLI_CHOICES("both", "either", "majority"), 0 },
		{ "force", 0, CLI_OPT_FLAG, NULL, "let --merge replace the codings NAME already has", NULL, 0 },
		CLI_FORMAT_OPTION("table", "tsv", "csv", "json", "md", "html"),
		CLI_OUTPUT_OPTION,
		{ NULL },
	},
	.help = "Give one of --coders (the project's codings), --table (any reliability table)\n"
		"or --merge (a consensus coder with --into, else partial tables FILE...).\n"
		"\n"
		"--coders compares the coders on the documents they all coded (or --docs, or\n"
		"--all-docs). Each code gives one yes/no variable per unit; a unit counts as\n"
		"coded by a coder when one of the coder's codings of that code overlaps it.\n"
		"Formulas: docs/agreement.md. csv and tsv print one table: a row per code and\n"
		"coefficient, then the rows of \"(all codes)\"; json one object (coders, unit,\n"
		"documents, left_out, per_code, overall).\n"
		"\n"
		"--unitizing: per code the units of all coders, the observed and expected\n"
		"disagreement and u-alpha, then all codes together; the documents are one\n"
		"continuum, in project order. Not with --unit, --overlap, --only-coded,\n"
		"--exclusive, --show-disagreements, --bootstrap, --table or --merge.\n"
		"\n"
		"--by case: a row per case over all codes (csv, tsv: a row per case and\n"
		"coefficient, then \"(all cases)\"); a unit counts for the case that holds its\n"
		"start, and a case that is a stretch of a document counts only its own units.\n"
		"\n"
		"--partial writes the sums the coefficients are computed from (per code, how\n"
		"many units show each combination of the coders' values) for this project;\n"
		"--merge FILE... (without --into) adds such files up and prints what agree\n"
		"prints on the whole corpus. Not with --bootstrap, --show-disagreements,\n"
		"--unitizing or --by, which need the units themselves.\n"
		"\n"
		"--merge A,B --into NAME is refused when NAME already has codings (they would be\n"
		"replaced) unless --force, and always for the rules' coder auto.\n",
	.examples = CLI_EXAMPLES("codeer agree --coders anna,bert --show-disagreements",
				 "codeer agree --coders anna,bert --unitizing --codes VB,EK",
				 "codeer agree --table ratings.csv --level ordinal --weights quadratic",
				 "codeer agree --coders anna,bert --by case --codes VB",
				 "codeer agree --coders anna,bert --partial -o part1.tsv",
				 "codeer agree --merge part1.tsv part2.tsv --format json"),
	.args = "[FILE...]",
	.max_args = -1,
	.exec = agree_exec,
};

struct opts {
	char *const *coders, *const *codes, *const *docs, *const *merge, *const *coefs;
	size_t ncoders, ncodes, ndocs, nmerge, ncoefs;
	const char *unit, *exclusive, *table, *layout, *level, *weights, *format, *into, *rule, *output, *by;
	double overlap;
	int only_coded, show_dis, unitizing, force, all_docs, partial;
	size_t bootstrap;
	unsigned long long seed;
};

/* ---- formats ------------------------------------------------------------- */

static int digits = 4; /* --digits: decimals of the coefficients */

/* For people: several tables with headings. For programs: one table or one
 * JSON document. */
static int for_people(cdr_format fmt)
{
	return fmt == CDR_FORMAT_TABLE || fmt == CDR_FORMAT_MD || fmt == CDR_FORMAT_HTML;
}

static void fmt_value(char *buf, size_t n, double x)
{
	if (isnan(x))
		snprintf(buf, n, "%s", "");
	else
		snprintf(buf, n, "%.*f", digits, x);
}

/* A JSON number in its shortest form that reads back as the same double;
 * null for a missing value. */
static void json_num(FILE *f, double x)
{
	char buf[40];

	if (!isfinite(x)) {
		fputs("null", f);
		return;
	}
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(buf, sizeof(buf), "%.*g", prec, x);
		if (strtod(buf, NULL) == x)
			break;
	}
	fputs(buf, f);
}

static void json_str_or_null(FILE *f, const char *s)
{
	if (s && *s)
		cdr_json_string(f, s);
	else
		fputs("null", f);
}

static void json_strings(FILE *f, char *const *v, size_t n)
{
	fputc('[', f);
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputs(", ", f);
		cdr_json_string(f, v[i]);
	}
	fputc(']', f);
}

static int heading(FILE *f, cdr_format fmt, const char *title)
{
	if (fmt == CDR_FORMAT_MD)
		fprintf(f, "\n## %s\n\n", title);
	else if (fmt == CDR_FORMAT_HTML)
		fprintf(f, "<h2>%s</h2>\n", title);
	else if (fmt == CDR_FORMAT_TABLE)
		fprintf(f, "\n%s\n", title);
	return 0;
}

/* The page head for html, then the start of the line that says what was
 * compared ("coders: A, B"). */
static void summary_begin(FILE *f, const struct opts *o, cdr_format fmt)
{
	if (fmt == CDR_FORMAT_HTML)
		fprintf(f, "<!DOCTYPE html>\n<meta charset=\"utf-8\">\n<title>codeer agree</title>\n"
			"<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
			"td,th{border:1px solid #ccc;padding:.2em .5em}.num{text-align:right}</style>\n<p>");
	fprintf(f, "coders: ");
	for (size_t c = 0; c < o->ncoders; c++)
		fprintf(f, "%s%s", c ? ", " : "", o->coders[c]);
}

static void summary_end(FILE *f, cdr_format fmt)
{
	fputs(fmt == CDR_FORMAT_HTML ? "</p>\n" : "\n", f);
}

/* ---- coefficients -------------------------------------------------------- */

/* Which coefficients a table lists is the library's choice
 * (cdr_agree_coefs), the same for every caller. */

/* --coefficients: only the rows named, in the table's order; a name the
 * table does not have is an error that lists those it has. */
static int keep_coefs(cdr_coef_choice *rows, size_t *n, const struct opts *o)
{
	size_t k = 0;

	for (size_t j = 0; j < o->ncoefs; j++) {
		size_t i = 0;
		while (i < *n && strcmp(rows[i].id, o->coefs[j]) != 0)
			i++;
		if (i == *n) {
			fprintf(stderr, "codeer: this table has no coefficient '%s'; it has ", o->coefs[j]);
			for (i = 0; i < *n; i++)
				fprintf(stderr, "%s%s", i ? ", " : "", rows[i].id);
			fputc('\n', stderr);
			return EXIT_ERROR;
		}
	}
	for (size_t i = 0; i < *n; i++)
		for (size_t j = 0; j < o->ncoefs; j++)
			if (strcmp(rows[i].id, o->coefs[j]) == 0) {
				rows[k++] = rows[i];
				break;
			}
	*n = k;
	return EXIT_OK;
}

/* Every coefficient of `rows` on d; with `boot`, the bootstrap intervals,
 * which resample the units of `units` (NULL: none, as in a merge of
 * partial tables). A project's coefficients come from its tables (d), as
 * a merge's do, so the two agree to the last digit. */
static int compute_on(cdr_coef *out, const cdr_coef_choice *rows, size_t n, const cdr_rdata *d, const cdr_rdata *units,
		      const struct opts *o, int boot)
{
	for (size_t i = 0; i < n; i++) {
		out[i] = cdr_agree_compute(d, &rows[i].spec);
		if (out[i].rc < 0)
			return cli_lib_error();
		if (boot && units && out[i].defined && o->bootstrap > 0 &&
		    cdr_agree_bootstrap(&out[i], units, &rows[i].spec, o->bootstrap, o->seed, 0.95) < 0)
			return cli_lib_error();
	}
	return EXIT_OK;
}

static int compute(cdr_coef *out, const cdr_coef_choice *rows, size_t n, const cdr_rdata *d, const struct opts *o,
		   int boot)
{
	return compute_on(out, rows, n, d, d, o, boot);
}

/* The coefficients as JSON objects. units: (size_t)-1 for each
 * coefficient's own count, else this count for all. */
static void json_coefs(FILE *f, const cdr_coef_choice *rows, const cdr_coef *c, size_t n, size_t units,
		       const char *indent)
{
	fputc('[', f);
	for (size_t i = 0; i < n; i++) {
		fprintf(f, "%s\n%s{\"id\": ", i ? "," : "", indent);
		cdr_json_string(f, rows[i].id);
		fputs(", \"coefficient\": ", f);
		cdr_json_string(f, rows[i].name);
		fputs(", \"value\": ", f);
		json_num(f, c[i].defined ? c[i].value : NAN);
		fputs(", \"se\": ", f);
		json_num(f, c[i].se);
		fputs(", \"ci_low\": ", f);
		json_num(f, c[i].lo);
		fputs(", \"ci_high\": ", f);
		json_num(f, c[i].hi);
		fprintf(f, ", \"units\": %zu, \"note\": ", units == (size_t)-1 ? c[i].units : units);
		json_str_or_null(f, c[i].defined ? NULL : c[i].why);
		fputc('}', f);
	}
	fputc(']', f);
}

/* The coefficient table for people, or for csv and tsv as the one table
 * of --table mode. */
static int coef_table(FILE *f, cdr_format fmt, const cdr_coef_choice *rows, const cdr_coef *c, size_t n, size_t units)
{
	static const char *const headers[] = { "coefficient", "value", "se", "ci_low", "ci_high", "units", "note" };
	cdr_table *t;
	int rc = EXIT_OK;

	if (cdr_table_new(&t, 7, headers) < 0)
		return cli_lib_error();
	for (int k = 1; k <= 5; k++)
		cdr_table_set_numeric(t, (size_t)k);
	for (size_t i = 0; i < n && rc == EXIT_OK; i++) {
		char value[32], se[32], lo[32], hi[32], nu[32];
		fmt_value(value, sizeof(value), c[i].defined ? c[i].value : NAN);
		fmt_value(se, sizeof(se), c[i].se);
		fmt_value(lo, sizeof(lo), c[i].lo);
		fmt_value(hi, sizeof(hi), c[i].hi);
		snprintf(nu, sizeof(nu), "%zu", units == (size_t)-1 ? c[i].units : units);
		const char *row[] = { rows[i].name, value, se, lo, hi, nu, c[i].defined ? "" : c[i].why };
		if (cdr_table_add(t, row) < 0)
			rc = cli_lib_error();
	}
	if (rc == EXIT_OK && cdr_table_write(t, f, fmt) < 0)
		rc = cli_lib_error();
	cdr_table_free(t);
	return rc;
}

/* ---- --table: any reliability table -------------------------------------- */

static int table_mode(const struct opts *o, FILE *f, cdr_format fmt)
{
	static const char *const layouts[] = { "units-by-coders", "coders-by-units", "counts" };
	static const char *const weights[] = { "none", "linear", "quadratic" };
	cdr_level level = CDR_LEVEL_NOMINAL;
	cdr_weights w = CDR_WEIGHTS_NONE;
	cdr_table_layout layout = CDR_LAYOUT_UNITS_BY_CODERS;
	cdr_rdata *d = NULL;
	char **names = NULL;
	size_t nnames = 0, n;
	cdr_coef_choice rows[CDR_AGREE_COEFS_MAX];
	cdr_coef c[CDR_AGREE_COEFS_MAX];
	int rc;

	/* the parser checked the names; the library maps them */
	if ((o->level && cdr_level_parse(&level, o->level) < 0) || (o->weights && cdr_weights_parse(&w, o->weights) < 0) ||
	    (o->layout && cdr_table_layout_parse(&layout, o->layout) < 0))
		return cli_lib_error();
	if (cdr_rdata_read(&d, &names, &nnames, o->table, layout, level) < 0)
		return cli_lib_error();
	if (layout != CDR_LAYOUT_COUNTS && cdr_rdata_coders(d) < 2) {
		rc = cli_error("%s: agreement needs two or more coders (found %zu)", o->table, cdr_rdata_coders(d));
		goto done;
	}
	if (cdr_agree_coefs(rows, &n, cdr_rdata_coders(d), level, w, layout) < 0) {
		rc = cli_error("%s (use --level ordinal, interval or ratio)", cdr_error_last());
		goto done;
	}
	if (o->coefs && (rc = keep_coefs(rows, &n, o)) != EXIT_OK)
		goto done;
	if ((rc = compute(c, rows, n, d, o, 1)) != EXIT_OK)
		goto done;
	if (fmt == CDR_FORMAT_JSON) {
		fputs("{\"table\": ", f);
		cdr_json_string(f, o->table);
		fprintf(f, ", \"layout\": \"%s\", \"level\": \"%s\", \"weights\": \"%s\",\n \"%s\": ", layouts[layout],
			cdr_level_name(level), weights[w], layout == CDR_LAYOUT_COUNTS ? "categories" : "coders");
		json_strings(f, names, nnames);
		fprintf(f, ", \"units\": %zu,\n \"overall\": ", cdr_rdata_units(d));
		json_coefs(f, rows, c, n, (size_t)-1, "  ");
		fputs("}\n", f);
	} else {
		rc = coef_table(f, fmt, rows, c, n, (size_t)-1);
	}
done:
	cli_list_free(names, nnames);
	cdr_rdata_free(d);
	return rc;
}

/* ---- documents left out -------------------------------------------------- */

struct left_group {
	const cdr_agreement *a;
	size_t doc;
};

static size_t left_ncoders; /* for cmp_left: coders of the comparison */

static int cmp_left(const void *x, const void *y)
{
	const struct left_group *p = x, *q = y;
	for (size_t c = 0; c < left_ncoders; c++) {
		int a = cdr_agreement_left_out_by(p->a, p->doc, c), b = cdr_agreement_left_out_by(q->a, q->doc, c);
		if (a != b)
			return b - a;
	}
	return (p->doc > q->doc) - (p->doc < q->doc);
}

static int same_coders(const cdr_agreement *a, size_t i, size_t j, size_t ncoders)
{
	for (size_t c = 0; c < ncoders; c++)
		if (cdr_agreement_left_out_by(a, i, c) != cdr_agreement_left_out_by(a, j, c))
			return 0;
	return 1;
}

/*
 * On stderr, the documents that not every coder coded and so were left
 * out, grouped by who did not code them: "left out 3 documents that bert
 * did not code: a, b, c". At most 10 names a line; json lists them all.
 */
static int note_left_out(const cdr_agreement *a, const struct opts *o)
{
	size_t n = cdr_agreement_left_out_count(a), ngroups = 0;
	struct left_group *g;
	size_t *groups; /* pairs: first and end index into g; in the order of their first document */

	if (n == 0)
		return EXIT_OK;
	g = calloc(n, sizeof(*g));
	groups = calloc(2 * n, sizeof(size_t));
	if (g == NULL || groups == NULL) {
		free(g);
		free(groups);
		return cli_error("out of memory");
	}
	for (size_t i = 0; i < n; i++)
		g[i] = (struct left_group){ a, i };
	left_ncoders = o->ncoders;
	qsort(g, n, sizeof(*g), cmp_left);
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i; j < n && same_coders(a, g[i].doc, g[j].doc, o->ncoders); j++)
			;
		groups[2 * ngroups] = i;
		groups[2 * ngroups++ + 1] = j;
	}
	/* a group's documents are in project order, so its first is g[first] */
	for (size_t x = 1; x < ngroups; x++)
		for (size_t y = x; y > 0 && g[groups[2 * y]].doc < g[groups[2 * y - 2]].doc; y--) {
			size_t s0 = groups[2 * y], s1 = groups[2 * y + 1];
			groups[2 * y] = groups[2 * y - 2];
			groups[2 * y + 1] = groups[2 * y - 1];
			groups[2 * y - 2] = s0;
			groups[2 * y - 1] = s1;
		}
	for (size_t k = 0; k < ngroups; k++) {
		size_t i = groups[2 * k], j = groups[2 * k + 1], missing = 0, m = 0;
		for (size_t c = 0; c < o->ncoders; c++)
			missing += cdr_agreement_left_out_by(a, g[i].doc, c);
		fprintf(stderr, "codeer: left out %zu document%s that ", j - i, j - i == 1 ? "" : "s");
		for (size_t c = 0; c < o->ncoders; c++) {
			if (!cdr_agreement_left_out_by(a, g[i].doc, c))
				continue;
			m++;
			fprintf(stderr, "%s%s", m == 1 ? "" : m == missing ? " and " : ", ", o->coders[c]);
		}
		fputs(" did not code:", stderr);
		for (size_t d = i; d < j && d < i + 10; d++)
			fprintf(stderr, "%s %s", d > i ? "," : "", cdr_agreement_left_out(a, g[d].doc));
		if (j - i > 10)
			fprintf(stderr, " and %zu more", j - i - 10);
		fputc('\n', stderr);
	}
	fputs("codeer: --all-docs compares them, counting a document a coder did not touch as coded with nothing\n",
	      stderr);
	free(groups);
	free(g);
	return EXIT_OK;
}

static void json_documents(FILE *f, const cdr_agreement *a, const struct opts *o)
{
	fputs(",\n \"documents\": [", f);
	for (size_t i = 0; i < cdr_agreement_doc_count(a); i++) {
		if (i)
			fputs(", ", f);
		cdr_json_string(f, cdr_agreement_doc(a, i));
	}
	fputs("],\n \"left_out\": [", f);
	for (size_t i = 0; i < cdr_agreement_left_out_count(a); i++) {
		size_t k = 0;
		fputs(i ? ",\n  {\"doc\": " : "\n  {\"doc\": ", f);
		cdr_json_string(f, cdr_agreement_left_out(a, i));
		fputs(", \"not_coded_by\": [", f);
		for (size_t c = 0; c < o->ncoders; c++)
			if (cdr_agreement_left_out_by(a, i, c)) {
				fputs(k++ ? ", " : "", f);
				cdr_json_string(f, o->coders[c]);
			}
		fputs("]}", f);
	}
	fputs("]", f);
}

/* ---- --coders: the project's codings ------------------------------------- */

/* For people: code, units, coded, agree, kappa, alpha; with character
 * units the counts are characters and say so. */
static int per_code_table(FILE *f, cdr_format fmt, const cdr_agreement_row *rows, size_t n, int chars)
{
	const char *headers[] = { "code", chars ? "characters" : "units", chars ? "coded chars" : "coded", "agree",
				  "kappa", "alpha" };
	cdr_table *t;
	int rc = EXIT_OK;

	if (cdr_table_new(&t, 6, headers) < 0)
		return cli_lib_error();
	for (int c = 1; c <= 5; c++)
		cdr_table_set_numeric(t, (size_t)c);
	for (size_t k = 0; k < n && rc == EXIT_OK; k++) {
		const cdr_agreement_row *r = &rows[k];
		cdr_coef pa = r->percent, kappa = r->kappa, alpha = r->alpha;
		char units[32], ncoded[32], agree[32], k_s[32], a_s[32];
		snprintf(units, sizeof(units), "%zu", r->units);
		snprintf(ncoded, sizeof(ncoded), "%zu", r->coded);
		if (pa.defined)
			snprintf(agree, sizeof(agree), "%.1f%%", 100.0 * pa.value);
		else
			agree[0] = '\0';
		fmt_value(k_s, sizeof(k_s), kappa.defined ? kappa.value : NAN);
		fmt_value(a_s, sizeof(a_s), alpha.defined ? alpha.value : NAN);
		const char *row[] = { r->code, units, ncoded, agree, k_s, a_s };
		if (cdr_table_add(t, row) < 0)
			rc = cli_lib_error();
	}
	if (rc == EXIT_OK && cdr_table_write(t, f, fmt) < 0)
		rc = cli_lib_error();
	cdr_table_free(t);
	return rc;
}

/* Rows of the one csv/tsv table: per code and coefficient. */
static int long_rows(cdr_table *t, const char *code, const cdr_coef_choice *rows, const cdr_coef *c, size_t n,
		     size_t units, size_t coded)
{
	char nu[32], nc[32];

	snprintf(nu, sizeof(nu), "%zu", units);
	snprintf(nc, sizeof(nc), "%zu", coded);
	for (size_t i = 0; i < n; i++) {
		char value[32], se[32], lo[32], hi[32];
		fmt_value(value, sizeof(value), c[i].defined ? c[i].value : NAN);
		fmt_value(se, sizeof(se), c[i].se);
		fmt_value(lo, sizeof(lo), c[i].lo);
		fmt_value(hi, sizeof(hi), c[i].hi);
		const char *row[] = { code, rows[i].name, value, se, lo, hi, nu, nc, c[i].defined ? "" : c[i].why };
		if (cdr_table_add(t, row) < 0)
			return cli_lib_error();
	}
	return EXIT_OK;
}

struct dis_ctx {
	cdr_table *t;      /* the table, or NULL for json */
	FILE *f;
	const struct opts *o;
	size_t n;
};

static int on_disagreement(void *ctx, const cdr_disagreement *d)
{
	struct dis_ctx *x = ctx;
	const char *row[64];
	char turn[32] = "", span[64];
	size_t k = 0;

	if (x->t == NULL) {
		FILE *f = x->f;
		fputs(x->n++ ? ",\n  {\"code\": " : "\n  {\"code\": ", f);
		cdr_json_string(f, d->variable);
		fputs(", \"doc\": ", f);
		cdr_json_string(f, d->doc);
		if (d->turn >= 0)
			fprintf(f, ", \"turn\": %ld, \"speaker\": ", d->turn + 1);
		else
			fputs(", \"turn\": null, \"speaker\": ", f);
		json_str_or_null(f, d->speaker);
		fprintf(f, ", \"start\": %zu, \"end\": %zu, \"values\": {", d->span.start, d->span.end);
		for (size_t c = 0; c < x->o->ncoders; c++) {
			fputs(c ? ", " : "", f);
			cdr_json_string(f, x->o->coders[c]);
			fputs(": ", f);
			cdr_json_string(f, d->values[c]);
		}
		fputs("}, \"text\": ", f);
		cdr_json_string(f, d->text);
		fputc('}', f);
		return 0;
	}
	if (d->turn >= 0)
		snprintf(turn, sizeof(turn), "t%ld", d->turn + 1);
	snprintf(span, sizeof(span), "c%zu-%zu", d->span.start, d->span.end);
	row[k++] = d->variable;
	row[k++] = d->doc;
	row[k++] = turn;
	row[k++] = d->speaker;
	row[k++] = span;
	for (size_t c = 0; c < x->o->ncoders && k < 63; c++)
		row[k++] = d->values[c];
	row[k++] = d->text;
	x->n++;
	return cdr_table_add(x->t, row);
}

/* The disagreements as a table (people, csv, tsv) or a JSON array. */
static int disagreements(FILE *f, cdr_format fmt, const cdr_agreement *a, cdr_project *p, const struct opts *o)
{
	struct dis_ctx x = { NULL, f, o, 0 };
	const char *headers[64];
	size_t k = 0;
	int rc = EXIT_OK;

	if (fmt == CDR_FORMAT_JSON) {
		fputs(",\n \"disagreements\": [", f);
		if (cdr_agreement_disagreements(a, p, on_disagreement, &x) < 0)
			return cli_lib_error();
		fputs("]", f);
		return EXIT_OK;
	}
	headers[k++] = "code";
	headers[k++] = "doc";
	headers[k++] = "turn";
	headers[k++] = "speaker";
	headers[k++] = "span";
	for (size_t c = 0; c < o->ncoders && k < 63; c++)
		headers[k++] = o->coders[c];
	headers[k++] = "text";
	if (cdr_table_new(&x.t, k, headers) < 0 || cdr_agreement_disagreements(a, p, on_disagreement, &x) < 0 ||
	    cdr_table_write(x.t, f, fmt) < 0)
		rc = cli_lib_error();
	cdr_table_free(x.t);
	return rc;
}

/* The library says what is wrong with the comparison; the options that
 * change it are the command line's, so they are named here. */
static int build_error(int rc, const struct opts *o)
{
	const char *msg = cdr_error_last();

	if (rc == CDR_ENOTFOUND && strstr(msg, "some of them did not code"))
		return cli_error("%s (--all-docs compares them)", msg);
	if (rc == CDR_EUSAGE && o->exclusive && strstr(msg, "subcodes") && strstr(msg, "not per "))
		return cli_error("%s (--exclusive with %s)", msg, o->overlap > 0 ? "--overlap" : "--unit char");
	if (rc == CDR_EUSAGE && o->exclusive && strstr(msg, "subcodes"))
		return cli_error("%s (--exclusive %s)", msg, o->exclusive);
	return cli_lib_error();
}

/* The coders, codes and documents asked for. */
static void select_data(cdr_agree_options *ao, const struct opts *o)
{
	ao->coders = (const char *const *)o->coders;
	ao->ncoders = o->ncoders;
	ao->codes = (const char *const *)o->codes;
	ao->ncodes = o->ncodes;
	ao->docs = (const char *const *)o->docs;
	ao->ndocs = o->ndocs;
	ao->all_docs = o->all_docs;
}

/* Where a coefficient of the library's list is: the per-case table shows
 * percent agreement, the kappa of cdr_agree_kappa_choice and alpha. */
static size_t coef_at(const cdr_coef_choice *rows, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(rows[i].id, id) == 0)
			return i;
	return 0;
}

/*
 * --by: a row per case (or document), over all codes: for people case,
 * units, coded, agree, kappa, alpha, then every coefficient of all cases
 * together; csv and tsv a row per case and coefficient, then "(all
 * cases)"; json per_case. The cases' coefficients have no bootstrap.
 */
static int by_output(FILE *f, cdr_format fmt, const cdr_agreement *a, const struct opts *o,
		     const cdr_coef_choice *rows, size_t nrows, const cdr_coef *all, size_t all_units, size_t all_coded)
{
	static const char *const long_headers[] = { "case", "coefficient", "value", "se", "ci_low", "ci_high",
						    "units", "coded", "note" };
	size_t ng = cdr_agreement_group_count(a), pi = coef_at(rows, nrows, "percent"),
	       ki = coef_at(rows, nrows, cdr_agree_kappa_choice(o->ncoders).id),
	       ai = coef_at(rows, nrows, "krippendorff_alpha");
	const char *what = strcmp(o->by, "doc") == 0 ? "doc" : "case";
	cdr_coef *c = calloc((ng ? ng : 1) * nrows, sizeof(cdr_coef));
	cdr_table *t = NULL;
	int rc = EXIT_OK;

	if (c == NULL)
		return cli_error("out of memory");
	for (size_t g = 0; g < ng && rc == EXIT_OK; g++)
		rc = compute_on(c + g * nrows, rows, nrows, cdr_agreement_group_table(a, g), NULL, o, 0);
	if (rc != EXIT_OK)
		goto done;
	if (fmt == CDR_FORMAT_JSON) {
		fprintf(f, ",\n \"by\": \"%s\", \"per_%s\": [", what, what);
		for (size_t g = 0; g < ng; g++) {
			fprintf(f, "%s{\"%s\": ", g ? ",\n  " : "\n  ", what);
			cdr_json_string(f, cdr_agreement_group(a, g));
			fprintf(f, ", \"units\": %zu, \"coded\": %zu, \"coefficients\": ", cdr_agreement_group_units(a, g),
				cdr_agreement_group_coded(a, g));
			json_coefs(f, rows, c + g * nrows, nrows, cdr_agreement_group_units(a, g), "    ");
			fputc('}', f);
		}
		fputs("]", f);
		goto done;
	}
	if (!for_people(fmt)) {
		const char *headers[9];
		memcpy(headers, long_headers, sizeof(headers));
		headers[0] = what;
		if (cdr_table_new(&t, 9, headers) < 0) {
			rc = cli_lib_error();
			goto done;
		}
		for (int k = 2; k <= 7; k++)
			cdr_table_set_numeric(t, (size_t)k);
		for (size_t g = 0; g < ng && rc == EXIT_OK; g++)
			rc = long_rows(t, cdr_agreement_group(a, g), rows, c + g * nrows, nrows,
				       cdr_agreement_group_units(a, g), cdr_agreement_group_coded(a, g));
		if (rc == EXIT_OK)
			rc = long_rows(t, strcmp(what, "doc") == 0 ? "(all documents)" : "(all cases)", rows, all, nrows,
				       all_units, all_coded);
		if (rc == EXIT_OK && cdr_table_write(t, f, fmt) < 0)
			rc = cli_lib_error();
		goto done;
	}
	{
		const char *headers[] = { what, "units", "coded", "agree", "kappa", "alpha" };
		heading(f, fmt, strcmp(what, "doc") == 0 ? "Per document" : "Per case");
		if (cdr_table_new(&t, 6, headers) < 0) {
			rc = cli_lib_error();
			goto done;
		}
	}
	for (int k = 1; k <= 5; k++)
		cdr_table_set_numeric(t, (size_t)k);
	for (size_t g = 0; g < ng && rc == EXIT_OK; g++) {
		const cdr_coef *x = c + g * nrows;
		char units[32], ncoded[32], agree[32], k_s[32], a_s[32];
		snprintf(units, sizeof(units), "%zu", cdr_agreement_group_units(a, g));
		snprintf(ncoded, sizeof(ncoded), "%zu", cdr_agreement_group_coded(a, g));
		if (x[pi].defined)
			snprintf(agree, sizeof(agree), "%.1f%%", 100.0 * x[pi].value);
		else
			agree[0] = '\0';
		fmt_value(k_s, sizeof(k_s), x[ki].defined ? x[ki].value : NAN);
		fmt_value(a_s, sizeof(a_s), x[ai].defined ? x[ai].value : NAN);
		const char *row[] = { cdr_agreement_group(a, g), units, ncoded, agree, k_s, a_s };
		if (cdr_table_add(t, row) < 0)
			rc = cli_lib_error();
	}
	if (rc == EXIT_OK && cdr_table_write(t, f, fmt) < 0)
		rc = cli_lib_error();
	if (rc == EXIT_OK) {
		heading(f, fmt, strcmp(what, "doc") == 0 ? "All documents together" : "All cases together");
		rc = coef_table(f, fmt, rows, all, nrows, all_units);
	}
done:
	cdr_table_free(t);
	free(c);
	return rc;
}

/*
 * Per code and all codes together (or per case, --by), from an agreement
 * built on a project (p, for the disagreements' text) or added up from
 * partial tables (p NULL). The coefficients of each code are computed
 * once, from its table; the bootstrap runs for the "all codes" ones only
 * (as the tables for people show intervals only there). Units are the
 * library's counts: characters for --unit char, so that a run of
 * characters coded alike counts as its length, not as one.
 */
static int show_agreement(const cdr_agreement *a, const struct opts *o, cdr_unit_kind unit, cdr_project *p, FILE *f,
			  cdr_format fmt)
{
	static const char *const long_headers[] = { "code", "coefficient", "value", "se", "ci_low", "ci_high",
						    "units", "coded", "note" };
	cdr_table *t = NULL;
	cdr_agreement_row *order = NULL;
	size_t n, nrows, all_units = 0, all_coded = 0;
	cdr_coef_choice rows[CDR_AGREE_COEFS_MAX];
	cdr_coef *c = NULL, all[CDR_AGREE_COEFS_MAX];
	const cdr_rdata *overall;
	int rc, chars = unit == CDR_UNIT_CHAR && o->overlap <= 0;

	if ((rc = note_left_out(a, o)) != EXIT_OK)
		return rc;
	n = cdr_agreement_count(a);
	/* coded units are yes/no: nominal, no weights, who coded what is known */
	if (cdr_agree_coefs(rows, &nrows, o->ncoders, CDR_LEVEL_NOMINAL, CDR_WEIGHTS_NONE, CDR_LAYOUT_UNITS_BY_CODERS) < 0 ||
	    cdr_agreement_summary(&order, a, NULL) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	if ((c = calloc((n ? n : 1) * nrows, sizeof(cdr_coef))) == NULL) {
		rc = cli_error("out of memory");
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		all_units += cdr_agreement_units(a, i);
		all_coded += cdr_agreement_coded(a, i);
		/* --exclusive has one variable: its coefficients are the overall ones */
		if ((rc = compute_on(c + i * nrows, rows, nrows, cdr_agreement_table(a, i), cdr_agreement_data(a, i), o,
				     o->exclusive != NULL)) != EXIT_OK)
			goto done;
	}
	overall = o->exclusive ? NULL : cdr_agreement_overall_table(a);
	if (overall && (rc = compute_on(all, rows, nrows, overall, cdr_agreement_overall(a), o, 1)) != EXIT_OK)
		goto done;
	if (o->exclusive)
		memcpy(all, c, nrows * sizeof(cdr_coef));

	if (fmt == CDR_FORMAT_JSON) {
		fputs("{\"coders\": ", f);
		json_strings(f, o->coders, o->ncoders);
		fputs(", \"unit\": ", f);
		cdr_json_string(f, o->overlap > 0 ? "segment" : cdr_unit_kind_name(unit));
		fputs(", \"overlap\": ", f);
		json_num(f, o->overlap > 0 ? o->overlap : NAN);
		fprintf(f, ", \"only_coded\": %s, \"exclusive\": ", o->only_coded ? "true" : "false");
		json_str_or_null(f, o->exclusive);
		json_documents(f, a, o);
		fputs(",\n \"characters\": ", f);
		if (chars)
			fprintf(f, "%zu", cdr_agreement_chars(a));
		else
			fputs("null", f);
		if (o->exclusive)
			fprintf(f, ", \"conflicts\": %zu", cdr_agreement_conflicts(a));
		fprintf(f, ", \"units\": %zu, \"coded\": %zu", all_units, all_coded);
		if (o->by) {
			if ((rc = by_output(f, fmt, a, o, rows, nrows, all, all_units, all_coded)) != EXIT_OK)
				goto done;
		} else {
			fputs(",\n \"per_code\": [", f);
			for (size_t k = 0; k < n; k++) {
				size_t i = order[k].index;
				fputs(k ? ",\n  {\"code\": " : "\n  {\"code\": ", f);
				cdr_json_string(f, cdr_agreement_name(a, i));
				fprintf(f, ", \"units\": %zu, \"coded\": %zu, \"coefficients\": ", cdr_agreement_units(a, i),
					cdr_agreement_coded(a, i));
				json_coefs(f, rows, c + i * nrows, nrows, cdr_agreement_units(a, i), "    ");
				fputc('}', f);
			}
			fputs("]", f);
		}
		fputs(",\n \"overall\": ", f);
		json_coefs(f, rows, all, nrows, all_units, "  ");
		if (o->show_dis && (rc = disagreements(f, fmt, a, p, o)) != EXIT_OK)
			goto done;
		fputs("}\n", f);
		goto done;
	}
	if (!for_people(fmt)) {
		/* one table: the disagreements when asked for, else the coefficients */
		if (o->show_dis) {
			rc = disagreements(f, fmt, a, p, o);
			goto done;
		}
		if (o->by) {
			rc = by_output(f, fmt, a, o, rows, nrows, all, all_units, all_coded);
			goto done;
		}
		if (cdr_table_new(&t, 9, long_headers) < 0) {
			rc = cli_lib_error();
			goto done;
		}
		for (int k = 2; k <= 7; k++)
			cdr_table_set_numeric(t, (size_t)k);
		for (size_t k = 0; k < n && rc == EXIT_OK; k++) {
			size_t i = order[k].index;
			rc = long_rows(t, cdr_agreement_name(a, i), rows, c + i * nrows, nrows, cdr_agreement_units(a, i),
				       cdr_agreement_coded(a, i));
		}
		if (rc == EXIT_OK && overall)
			rc = long_rows(t, "(all codes)", rows, all, nrows, all_units, all_coded);
		if (rc == EXIT_OK && cdr_table_write(t, f, fmt) < 0)
			rc = cli_lib_error();
		goto done;
	}

	summary_begin(f, o, fmt);
	fprintf(f, "; unit: %s; %zu document%s", o->overlap > 0 ? "segment" : cdr_unit_kind_name(unit),
		cdr_agreement_doc_count(a), cdr_agreement_doc_count(a) == 1 ? "" : "s");
	if (cdr_agreement_left_out_count(a))
		fprintf(f, " (%zu left out)", cdr_agreement_left_out_count(a));
	if (chars)
		fprintf(f, "; %zu character%s", cdr_agreement_chars(a), cdr_agreement_chars(a) == 1 ? "" : "s");
	if (chars && overall)
		fprintf(f, "; %zu units over %zu code%s", all_units, n, n == 1 ? "" : "s");
	if (o->only_coded)
		fprintf(f, "; only coded units");
	if (o->by && strcmp(o->by, "case") == 0) /* per document: the documents are counted already */
		fprintf(f, "; %zu case%s", cdr_agreement_group_count(a), cdr_agreement_group_count(a) == 1 ? "" : "s");
	summary_end(f, fmt);
	if (cdr_agreement_conflicts(a))
		fprintf(f, "note: %zu times a coder gave one unit two codes of %s; the first in the scheme counted\n",
			cdr_agreement_conflicts(a), o->exclusive);
	if (o->by) {
		if ((rc = by_output(f, fmt, a, o, rows, nrows, all, all_units, all_coded)) != EXIT_OK)
			goto done;
	} else {
		if (!o->exclusive) {
			heading(f, fmt, "Per code, worst first");
			if ((rc = per_code_table(f, fmt, order, n, chars)) != EXIT_OK)
				goto done;
		}
		heading(f, fmt, o->exclusive ? "Coefficients" : "All codes together");
		if ((rc = coef_table(f, fmt, rows, all, nrows, all_units)) != EXIT_OK)
			goto done;
	}
	if (o->show_dis) {
		heading(f, fmt, "Disagreements");
		rc = disagreements(f, fmt, a, p, o);
	}
done:
	cdr_table_free(t);
	free(c);
	free(order);
	return rc;
}

/* --coders: build the comparison on the project; print it, or with
 * --partial write its sums. */
static int project_mode(struct cli_ctx *ctx, const struct opts *o, FILE *f, cdr_format fmt)
{
	cdr_agree_options ao = { 0 };
	cdr_project *p = NULL;
	cdr_schemes *set = NULL;
	cdr_agreement *a = NULL;
	int rc;

	if (o->unit && cdr_unit_kind_parse(&ao.unit, o->unit) < 0)
		return cli_lib_error();
	select_data(&ao, o);
	ao.only_coded = o->only_coded;
	ao.exclusive = o->exclusive;
	ao.overlap = o->overlap;
	ao.by = o->by == NULL ? CDR_AGREE_BY_NONE : strcmp(o->by, "doc") == 0 ? CDR_AGREE_BY_DOC : CDR_AGREE_BY_CASE;
	ao.partial = o->partial;
	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		return rc;
	if (cdr_schemes_load(&set, p) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	if ((rc = cdr_agreement_build(&a, p, set, &ao)) < 0) {
		rc = build_error(rc, o);
		goto done;
	}
	if (o->partial)
		rc = cdr_agreement_partial_write(f, a, &ao) < 0 ? cli_lib_error() : EXIT_OK;
	else
		rc = show_agreement(a, o, ao.unit, p, f, fmt);
done:
	cdr_agreement_free(a);
	cdr_schemes_free(set);
	cdr_project_free(p);
	return rc;
}

/* --merge FILE... without --into: partial tables added up, printed as the
 * whole corpus would be; the choices were made with --partial. */
static int partial_merge_mode(const struct opts *o, const struct cli_args *args, FILE *f, cdr_format fmt)
{
	cdr_agree_partial_info info;
	cdr_agreement *a = NULL;
	const char **files = calloc((size_t)args->argc + 1, sizeof(char *));
	struct opts m = *o;
	int rc;

	if (files == NULL)
		return cli_error("out of memory");
	/* --merge's own value is the first file (never split at commas) */
	files[0] = cli_str(args, "merge");
	for (int i = 0; i < args->argc; i++)
		files[i + 1] = args->argv[i];
	if ((rc = cdr_agreement_partial_merge(&a, &info, files, (size_t)args->argc + 1)) < 0) {
		const char *msg = cdr_error_last();
		if (rc == CDR_EIO && strstr(msg, "No such file"))
			rc = cli_error("%s (--merge FILE... adds up partial tables; a consensus of coders needs --into NAME)",
				       msg);
		else
			rc = build_error(rc, o);
		free(files);
		return rc;
	}
	m.coders = info.coders;
	m.ncoders = info.ncoders;
	m.overlap = info.overlap;
	m.only_coded = info.only_coded;
	m.exclusive = info.exclusive;
	rc = show_agreement(a, &m, info.unit, NULL, f, fmt);
	cdr_agreement_free(a);
	cdr_agree_partial_info_clear(&info);
	free(files);
	return rc;
}

/* ---- --unitizing --------------------------------------------------------- */

struct urow {
	const char *name;
	size_t units;
	cdr_ualpha r;
};

static int add_ualpha_row(cdr_table *t, const struct urow *u)
{
	char n[32], observed[32], expected[32], value[32];

	snprintf(n, sizeof(n), "%zu", u->units);
	fmt_value(observed, sizeof(observed), u->r.observed);
	fmt_value(expected, sizeof(expected), u->r.expected);
	fmt_value(value, sizeof(value), u->r.alpha.defined ? u->r.alpha.value : NAN);
	const char *row[] = { u->name, n, observed, expected, value, u->r.alpha.defined ? "" : u->r.alpha.why };
	return cdr_table_add(t, row);
}

static void json_urow(FILE *f, const struct urow *u, int named)
{
	fputc('{', f);
	if (named) {
		fputs("\"code\": ", f);
		cdr_json_string(f, u->name);
		fputs(", ", f);
	}
	fprintf(f, "\"units\": %zu, \"observed\": ", u->units);
	json_num(f, u->r.observed);
	fputs(", \"expected\": ", f);
	json_num(f, u->r.expected);
	fputs(", \"u_alpha\": ", f);
	json_num(f, u->r.alpha.defined ? u->r.alpha.value : NAN);
	fputs(", \"note\": ", f);
	json_str_or_null(f, u->r.alpha.defined ? NULL : u->r.alpha.why);
	fputc('}', f);
}

/*
 * --unitizing: Krippendorff's unitizing alpha per code, then over all codes.
 * The codes are those the per-code table would show (--codes resolved, or
 * every code the coders used, in scheme order), so cdr_agreement_build
 * picks them (at the cheapest unit, the document), and with them the
 * documents, which are handed on so that --all-docs and the documents
 * left out are the same as for the other units. cdr_agreement_unitizing
 * gives one code per continuum; the documents, and so the continuum, are
 * the same for every code, so cdr_unitizing_pool makes the "(all codes)"
 * row of the per-code results.
 */
static int unitizing_mode(struct cli_ctx *ctx, const struct opts *o, FILE *f, cdr_format fmt)
{
	static const char *const headers[] = { "code", "units", "observed", "expected", "u-alpha", "note" };
	cdr_agree_options ao = { 0 };
	cdr_unitizing_info info = { 0, 0, 0 };
	cdr_project *p = NULL;
	cdr_schemes *set = NULL;
	cdr_agreement *a = NULL;
	cdr_table *t = NULL;
	struct urow *u = NULL, all = { "(all codes)", 0, { 0, 0, { 0, 0, NULL, 0, 0, 0, 0, 0 } } };
	cdr_ualpha *per = NULL;
	const char **docs = NULL;
	size_t length = 0, n, ndocs;
	int rc;

	select_data(&ao, o);
	ao.unit = CDR_UNIT_DOCUMENT;
	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		return rc;
	if (cdr_schemes_load(&set, p) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	if ((rc = cdr_agreement_build(&a, p, set, &ao)) < 0) {
		rc = build_error(rc, o);
		goto done;
	}
	if ((rc = note_left_out(a, o)) != EXIT_OK)
		goto done;
	n = cdr_agreement_count(a);
	ndocs = cdr_agreement_doc_count(a);
	if ((u = calloc(n ? n : 1, sizeof(*u))) == NULL || (per = calloc(n ? n : 1, sizeof(*per))) == NULL ||
	    (docs = calloc(ndocs, sizeof(char *))) == NULL) {
		rc = cli_error("out of memory");
		goto done;
	}
	for (size_t i = 0; i < ndocs; i++)
		docs[i] = cdr_agreement_doc(a, i);
	for (size_t i = 0; i < n; i++) {
		const char *code = cdr_agreement_name(a, i);
		cdr_udata *d = NULL;
		if (cdr_agreement_unitizing(&d, p, ao.coders, ao.ncoders, code, docs, ndocs, &info) < 0) {
			rc = cli_lib_error();
			goto done;
		}
		u[i].name = code;
		u[i].r = per[i] = cdr_unitizing_alpha(d, code);
		u[i].units = cdr_udata_units(d, code);
		length = cdr_udata_length(d);
		cdr_udata_free(d);
		if (u[i].r.alpha.rc < 0) {
			rc = cli_lib_error();
			goto done;
		}
	}
	all.r = cdr_unitizing_pool(per, n);
	all.units = all.r.alpha.units;
	if (fmt == CDR_FORMAT_JSON) {
		fputs("{\"coders\": ", f);
		json_strings(f, o->coders, o->ncoders);
		fputs(", \"unit\": \"unitizing\"", f);
		json_documents(f, a, o);
		fprintf(f, ",\n \"characters\": %zu,\n \"per_code\": [", length);
		for (size_t i = 0; i < n; i++) {
			fputs(i ? ",\n  " : "\n  ", f);
			json_urow(f, &u[i], 1);
		}
		fputs("],\n \"overall\": ", f);
		json_urow(f, &all, 0);
		fputs("}\n", f);
		goto done;
	}
	if (cdr_table_new(&t, 6, headers) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	for (int k = 1; k <= 4; k++)
		cdr_table_set_numeric(t, (size_t)k);
	for (size_t i = 0; i <= n && rc == EXIT_OK; i++)
		if (add_ualpha_row(t, i < n ? &u[i] : &all) < 0)
			rc = cli_lib_error();
	if (rc != EXIT_OK)
		goto done;
	if (for_people(fmt)) {
		summary_begin(f, o, fmt);
		fprintf(f, "; unitizing; %zu document%s", ndocs, ndocs == 1 ? "" : "s");
		if (cdr_agreement_left_out_count(a))
			fprintf(f, " (%zu left out)", cdr_agreement_left_out_count(a));
		fprintf(f, "; %zu character%s", length, length == 1 ? "" : "s");
		summary_end(f, fmt);
		heading(f, fmt, "Unitizing alpha per code");
	}
	if (cdr_table_write(t, f, fmt) < 0)
		rc = cli_lib_error();
done:
	cdr_table_free(t);
	free(u);
	free(per);
	free(docs);
	cdr_agreement_free(a);
	cdr_schemes_free(set);
	cdr_project_free(p);
	return rc;
}

/* ---- --merge ------------------------------------------------------------- */

/* The library says why it refuses; how to get past it is the command
 * line's to say. */
static int merge_error(int rc, const struct opts *o)
{
	const char *msg = cdr_error_last();

	if (rc == CDR_EEXISTS && strstr(msg, "consensus would replace"))
		return cli_error("%s: choose another name for --into, or add --force to replace them", msg);
	if (rc == CDR_EUSAGE && strstr(msg, "codings of the rules"))
		return cli_error("%s, not even with --force: choose another name", msg);
	if (rc == CDR_EUSAGE && o->nmerge < 2)
		return cli_error("%s (--merge A,B)", msg);
	return cli_lib_error();
}

static int merge_mode(struct cli_ctx *ctx, const struct opts *o)
{
	cdr_merge_rule rule = CDR_MERGE_BOTH;
	cdr_project *p = NULL;
	size_t written;
	int rc;

	if (o->rule && cdr_merge_rule_parse(&rule, o->rule) < 0)
		return cli_lib_error();
	if (o->into == NULL)
		return cli_error("--merge needs --into NAME, the consensus coder to write");
	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		return rc;
	if ((rc = cdr_agreement_merge(p, (const char *const *)o->merge, o->nmerge, o->into, rule, o->force, &written)) < 0)
		rc = merge_error(rc, o);
	else
		printf("%zu codings written for coder %s\n", written, o->into);
	cdr_project_free(p);
	return rc;
}

/* The options as the modes read them; the numbers checked here, where
 * the parser only knows they are whole numbers. */
static int read_opts(struct opts *o, const struct cli_args *a)
{
	const char *overlap = cli_str(a, "overlap");
	long bootstrap = cli_int(a, "bootstrap", 0), d = cli_int(a, "digits", 4);

	memset(o, 0, sizeof(*o));
	o->coders = cli_list(a, "coders", &o->ncoders);
	o->codes = cli_list(a, "codes", &o->ncodes);
	o->docs = cli_list(a, "docs", &o->ndocs);
	o->merge = cli_list(a, "merge", &o->nmerge);
	o->all_docs = cli_flag(a, "all-docs");
	o->unit = cli_str(a, "unit");
	o->exclusive = cli_str(a, "exclusive");
	o->only_coded = cli_flag(a, "only-coded");
	o->show_dis = cli_flag(a, "show-disagreements");
	o->unitizing = cli_flag(a, "unitizing");
	o->format = cli_str(a, "format");
	o->output = cli_str(a, "output");
	o->table = cli_str(a, "table");
	o->coefs = cli_list(a, "coefficients", &o->ncoefs);
	o->layout = cli_str(a, "layout");
	o->level = cli_str(a, "level");
	o->weights = cli_str(a, "weights");
	o->into = cli_str(a, "into");
	o->rule = cli_str(a, "rule");
	o->force = cli_flag(a, "force");
	o->by = cli_str(a, "by");
	o->partial = cli_flag(a, "partial");
	/* the seed's bits are what matter: a negative one wraps as before */
	o->seed = (unsigned long long)cli_int(a, "seed", 1);
	if (overlap) {
		char *end;
		o->overlap = strtod(overlap, &end);
		if (*overlap == '\0' || *end || !(o->overlap > 0 && o->overlap <= 100))
			return cli_usage_error(a->cmd, "--overlap must be a percentage above 0, up to 100");
	}
	if (bootstrap < 0 || bootstrap > 100000)
		return cli_usage_error(a->cmd, "--bootstrap must be a number of resamples up to 100000");
	o->bootstrap = (size_t)bootstrap;
	if (d < 0 || d > 17)
		return cli_usage_error(a->cmd, "--digits must be a number from 0 to 17");
	digits = (int)d;
	return EXIT_OK;
}

/* What needs the units themselves does not add up: refused by name, for
 * --partial and for the merge alike. */
static const char *needs_units(const struct opts *o)
{
	return o->unitizing ? "--unitizing (unitizing alpha puts all documents on one continuum)"
	       : o->bootstrap ? "--bootstrap (its intervals resample the units)"
	       : o->show_dis ? "--show-disagreements (they list the units and their text)"
	       : o->by ? "--by (the cases' tables are not in partial tables)" : NULL;
}

static int partial_clash(const struct opts *o, const struct cli_args *a)
{
	const char *what = needs_units(o);

	if (what)
		return cli_usage_error(a->cmd, "%s does not add up over parts of a corpus: not with --partial", what);
	if (!o->coders)
		return cli_usage_error(a->cmd, "--partial writes the sums of --coders A,B on this project");
	if (o->format || cli_str(a, "seed") || cli_str(a, "digits"))
		return cli_usage_error(a->cmd, "a partial table holds sums only; choose --format and --digits with --merge");
	return EXIT_OK;
}

/* --merge FILE...: the choices were made with --partial. */
static int partial_merge(const struct opts *o, const struct cli_args *a)
{
	static const char *const fixed[] = { "codes", "docs", "unit", "overlap", "exclusive", "seed" };
	const char *what = needs_units(o);
	struct cli_out out = { 0 };
	int rc;

	if (what)
		return cli_usage_error(a->cmd, "%s does not add up over parts of a corpus: not with --merge FILE...", what);
	if (o->partial)
		return cli_usage_error(a->cmd, "--partial writes a partial table, --merge adds them up: one or the other");
	for (size_t i = 0; i < sizeof(fixed) / sizeof(*fixed); i++)
		if (cli_str(a, fixed[i]))
			return cli_usage_error(a->cmd, "--%s is chosen when the partial tables are made; leave it out of --merge",
					       fixed[i]);
	if (o->all_docs || o->only_coded || o->level || o->weights || o->layout)
		return cli_usage_error(a->cmd, "--%s is chosen when the partial tables are made; leave it out of --merge",
				       o->all_docs ? "all-docs" : o->only_coded ? "only-coded" : o->level ? "level"
				       : o->weights ? "weights" : "layout");
	if ((rc = cli_out_open(&out, o->output, o->format, CLI_TABLE)) != EXIT_OK)
		return cli_out_close(&out, rc);
	rc = partial_merge_mode(o, a, out.f, out.fmt);
	return cli_out_close(&out, rc);
}

static int agree_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct opts o;
	struct cli_out out = { 0 };
	int rc;

	if ((rc = read_opts(&o, a)) != EXIT_OK)
		return rc;
	if (o.coefs && !o.table)
		return cli_usage_error(a->cmd, "--coefficients is for --table (a project's agreement lists them all)");
	if (o.merge && !o.into && !o.rule && !o.force && !o.coders && !o.table)
		return partial_merge(&o, a);
	if (a->argc > 0)
		return cli_usage_error(a->cmd, "unexpected argument '%s' (files go with --merge, without --into)", a->argv[0]);
	if (o.partial && (rc = partial_clash(&o, a)) != EXIT_OK)
		return rc;
	if (o.unitizing) {
		const char *clash = o.unit ? "--unit" : o.overlap > 0 ? "--overlap" : o.only_coded ? "--only-coded"
			: o.exclusive ? "--exclusive" : o.show_dis ? "--show-disagreements"
			: o.bootstrap ? "--bootstrap" : o.table ? "--table" : o.merge ? "--merge" : o.by ? "--by" : NULL;
		if (clash)
			return cli_usage_error(a->cmd, "--unitizing does not go with %s: unitizing alpha compares the coders' own segments of their codings, not units",
					       clash);
	}
	if ((o.table != NULL) + (o.merge != NULL) + (o.coders != NULL) != 1)
		return cli_usage_error(a->cmd, "give exactly one of --coders, --table or --merge");
	if (o.force && !o.merge)
		return cli_usage_error(a->cmd, "--force is for --merge (it lets the consensus replace a coder's codings)");
	if (o.all_docs && (o.ndocs || !o.coders))
		return cli_usage_error(a->cmd, o.ndocs ? "--all-docs and --docs do not go together: --docs names the documents"
						       : "--all-docs is for --coders (the documents of a project)");
	if (o.merge && (o.format || o.output))
		return cli_usage_error(a->cmd, "--merge writes a coder, not a table: no --format or --output");
	if (o.merge)
		return merge_mode(ctx, &o);
	if (o.coders && o.ncoders < 2)
		return cli_usage_error(a->cmd, "agreement needs two or more coders (--coders A,B)");
	if (o.by && !o.coders)
		return cli_usage_error(a->cmd, "--by is for --coders (the cases of a project)");
	if (o.coders && (o.level || o.weights || o.layout))
		return cli_usage_error(a->cmd, "--level, --weights and --layout are for --table; coded units are yes/no");
	if ((rc = cli_out_open(&out, o.output, o.format, CLI_TABLE)) != EXIT_OK)
		return cli_out_close(&out, rc);
	if (o.table)
		rc = table_mode(&o, out.f, out.fmt);
	else if (o.unitizing)
		rc = unitizing_mode(ctx, &o, out.f, out.fmt);
	else
		rc = project_mode(ctx, &o, out.f, out.fmt);
	return cli_out_close(&out, rc);
}
