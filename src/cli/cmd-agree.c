/* cmd-agree.c -- agreement between coders: per code and overall, every
 * coefficient, the units where they disagree; unitizing alpha on the
 * coders' own segments; the same coefficients on any reliability table;
 * consensus coders.
 *
 * Output: for people (table, md, html) the summary line and a table per
 * part, with headings; for programs one document per run: csv, tsv and
 * plain print ONE rectangular table (docs/agreement.md, "Output"), json
 * one object, numbers at full precision and null where there is none. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static int agree_run(const struct cdr_cmd *cmd, struct cli_ctx *ctx, int argc, char **argv);

const struct cdr_cmd cmd_agree = {
	.name = "agree",
	.usage = "codeer agree --coders A,B[,C...] [--unit turn|sentence|paragraph|document|char] [options]\n"
		 "       codeer agree --coders A,B[,C...] --unitizing [--codes C1,C2] [--docs D1,D2] [options]\n"
		 "       codeer agree --table FILE.csv [--level L] [--layout L] [--weights W] [options]\n"
		 "       codeer agree --merge A,B[,C...] --into NAME [--rule both|either|majority] [--force]",
	.summary = "agreement between coders: kappa, alpha, AC1 ... and the disagreements",
	.help = "Compare coders on the documents they all coded (or --docs, or --all-docs). Each\n"
		"code gives one yes/no variable per unit; a unit counts as coded by a coder when\n"
		"one of the coder's codings of that code overlaps it. Formulas: docs/agreement.md.\n"
		"\nOptions:\n"
		"  --coders A,B,...     the coders to compare (two or more)\n"
		"  --codes C1,C2,...    only these codes (default: every code the coders used)\n"
		"  --docs D1,D2,...     only these documents\n"
		"  --all-docs           every document any of the coders coded; a coder who did not\n"
		"                       touch one coded nothing in it (default: documents that not\n"
		"                       every coder coded are left out, and named on stderr)\n"
		"  --unit U             turn (default), sentence, paragraph, document, or char\n"
		"                       (every character, as NVivo compares)\n"
		"  --overlap P          segment level, as MAXQDA: each coded segment is a unit, and\n"
		"                       another coder agrees with an overlap of P % of the union\n"
		"  --only-coded         leave out units no coder coded\n"
		"  --exclusive GROUP    the subcodes of GROUP are one nominal variable (which of\n"
		"                       them each coder chose per unit)\n"
		"  --show-disagreements list every unit where the coders differ, with its text\n"
		"                       (csv, tsv: instead of the coefficients; json: with them)\n"
		"  --bootstrap N        percentile confidence intervals from N resamples of units\n"
		"  --seed S             seed of the bootstrap (default 1): the same seed, the same interval\n"
		"  --format F           table, tsv, csv, json, md or html (default: table on a\n"
		"                       terminal, tsv with a header when piped)\n"
		"  -o, --output FILE    write to FILE (atomically); the format follows its extension\n"
		"                       (.csv .tsv .json .md .html .txt) unless --format is given\n"
		"  --digits N           decimals of the coefficients (default 4; json: always all)\n"
		"\ncsv and tsv print one table: a row per code and coefficient, then the rows of\n"
		"\"(all codes)\"; json one object (coders, unit, documents, left_out, per_code,\n"
		"overall).\n"
		"\nUnitizing (Krippendorff's unitizing alpha, u-alpha):\n"
		"  --unitizing          compare where the coders put their segments, not coded units:\n"
		"                       per code the units of all coders, the observed and expected\n"
		"                       disagreement and u-alpha, then all codes together; the\n"
		"                       documents are one continuum, in project order. Not with\n"
		"                       --unit, --overlap, --only-coded, --exclusive,\n"
		"                       --show-disagreements, --bootstrap, --table or --merge\n"
		"\nGeneric mode (any reliability table; empty cells are missing values):\n"
		"  --table FILE         a CSV (or .tsv) file; a first column headed 'unit' holds labels\n"
		"  --layout L           units-by-coders (default), coders-by-units, or counts\n"
		"  --level L            nominal (default), ordinal, interval or ratio\n"
		"  --weights W          none, linear or quadratic for weighted kappa and AC2\n"
		"\nConsensus:\n"
		"  --merge A,B --into NAME [--rule R]  write coder NAME with the characters coded\n"
		"                       by both (all) coders, by either (any), or by a majority;\n"
		"                       refused when NAME already has codings (they would be\n"
		"                       replaced) unless --force, and always for the rules' coder auto\n"
		"  --force              let --merge replace the codings NAME already has\n",
	.run = agree_run,
};

struct opts {
	char **coders, **codes, **docs, **merge;
	size_t ncoders, ncodes, ndocs, nmerge;
	const char *unit, *exclusive, *table, *layout, *level, *weights, *format, *into, *rule, *output;
	double overlap;
	int only_coded, show_dis, unitizing, force, all_docs;
	size_t bootstrap;
	unsigned long long seed;
};

/* Split "a,b,c" into a new array of copies. */
static int split_list(char ***out, size_t *n, const char *s)
{
	char *copy = strdup(s), *save = NULL;

	*out = NULL;
	*n = 0;
	if (copy == NULL)
		return -1;
	for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char **grown;
		while (*tok == ' ')
			tok++;
		if (*tok == '\0')
			continue;
		if ((grown = realloc(*out, (*n + 1) * sizeof(char *))) == NULL) {
			free(copy);
			return -1;
		}
		*out = grown;
		if (((*out)[(*n)++] = strdup(tok)) == NULL) {
			free(copy);
			return -1;
		}
	}
	free(copy);
	return 0;
}

static void free_list(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

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

/* The coefficients that apply to data with this many coders. */
struct coef_row {
	const char *id;   /* for programs: json's "id" */
	const char *name; /* for people */
	cdr_coef_spec spec;
};

static size_t coef_rows(struct coef_row *rows, size_t ncoders, cdr_level level, cdr_weights w, int counts)
{
	size_t n = 0;
	int ordered = level != CDR_LEVEL_NOMINAL;

	rows[n++] = (struct coef_row){ "percent", "percent agreement", { CDR_COEF_PERCENT, CDR_WEIGHTS_NONE, level, 0 } };
	/* Holsti and Conger need to know which coder gave which value: not from counts */
	if (!counts)
		rows[n++] = (struct coef_row){ "holsti", "Holsti's coefficient", { CDR_COEF_HOLSTI, CDR_WEIGHTS_NONE, level, 0 } };
	if (ncoders == 2 && !counts) {
		rows[n++] = (struct coef_row){ "cohen", "Cohen's kappa", { CDR_COEF_COHEN, CDR_WEIGHTS_NONE, level, 0 } };
		if (ordered || w != CDR_WEIGHTS_NONE) {
			rows[n++] = (struct coef_row){ "cohen_linear", "Cohen's kappa, linear weights",
						       { CDR_COEF_COHEN, CDR_WEIGHTS_LINEAR, level, 0 } };
			rows[n++] = (struct coef_row){ "cohen_quadratic", "Cohen's kappa, quadratic weights",
						       { CDR_COEF_COHEN, CDR_WEIGHTS_QUADRATIC, level, 0 } };
		}
		rows[n++] = (struct coef_row){ "scott", "Scott's pi", { CDR_COEF_SCOTT, CDR_WEIGHTS_NONE, level, 0 } };
	}
	rows[n++] = (struct coef_row){ "fleiss", "Fleiss' kappa", { CDR_COEF_FLEISS, CDR_WEIGHTS_NONE, level, 0 } };
	if (!counts) {
		rows[n++] = (struct coef_row){ "conger", "Conger's kappa", { CDR_COEF_CONGER, CDR_WEIGHTS_NONE, level, 0 } };
		if (ordered || w != CDR_WEIGHTS_NONE) {
			rows[n++] = (struct coef_row){ "conger_linear", "Conger's kappa, linear weights",
						       { CDR_COEF_CONGER, CDR_WEIGHTS_LINEAR, level, 0 } };
			rows[n++] = (struct coef_row){ "conger_quadratic", "Conger's kappa, quadratic weights",
						       { CDR_COEF_CONGER, CDR_WEIGHTS_QUADRATIC, level, 0 } };
		}
	}
	rows[n++] = (struct coef_row){ "brennan_prediger", "Brennan-Prediger kappa", { CDR_COEF_BP, CDR_WEIGHTS_NONE, level, 0 } };
	rows[n++] = (struct coef_row){ "gwet_ac1", "Gwet's AC1", { CDR_COEF_GWET, CDR_WEIGHTS_NONE, level, 0 } };
	if (w != CDR_WEIGHTS_NONE)
		rows[n++] = (struct coef_row){ w == CDR_WEIGHTS_LINEAR ? "gwet_ac2_linear" : "gwet_ac2_quadratic",
					       w == CDR_WEIGHTS_LINEAR ? "Gwet's AC2, linear weights" : "Gwet's AC2, quadratic weights",
					       { CDR_COEF_GWET, w, level, 0 } };
	rows[n++] = (struct coef_row){ "krippendorff_alpha", "Krippendorff's alpha", { CDR_COEF_ALPHA, CDR_WEIGHTS_NONE, level, 0 } };
	return n;
}

/* A row's name for people: alpha says its level. */
static void coef_name(char *buf, size_t n, const struct coef_row *row)
{
	snprintf(buf, n, "%s%s%s", row->name, row->spec.kind == CDR_COEF_ALPHA ? ", " : "",
		 row->spec.kind == CDR_COEF_ALPHA ? cdr_level_name(row->spec.level) : "");
}

/* Every coefficient of `rows` on d; with `boot`, the bootstrap intervals. */
static int compute(cdr_coef *out, const struct coef_row *rows, size_t n, const cdr_rdata *d, const struct opts *o,
		   int boot)
{
	for (size_t i = 0; i < n; i++) {
		out[i] = cdr_agree_compute(d, &rows[i].spec);
		if (boot && out[i].defined && o->bootstrap > 0 &&
		    cdr_agree_bootstrap(&out[i], d, &rows[i].spec, o->bootstrap, o->seed, 0.95) < 0)
			return cli_lib_error();
	}
	return EXIT_OK;
}

/* The coefficients as JSON objects. units: (size_t)-1 for each
 * coefficient's own count, else this count for all. */
static void json_coefs(FILE *f, const struct coef_row *rows, const cdr_coef *c, size_t n, size_t units,
		       const char *indent)
{
	fputc('[', f);
	for (size_t i = 0; i < n; i++) {
		char name[96];
		coef_name(name, sizeof(name), &rows[i]);
		fprintf(f, "%s\n%s{\"id\": ", i ? "," : "", indent);
		cdr_json_string(f, rows[i].id);
		fputs(", \"coefficient\": ", f);
		cdr_json_string(f, name);
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
static int coef_table(FILE *f, cdr_format fmt, const struct coef_row *rows, const cdr_coef *c, size_t n, size_t units)
{
	static const char *const headers[] = { "coefficient", "value", "se", "ci_low", "ci_high", "units", "note" };
	cdr_table *t;
	int rc = EXIT_OK;

	if (cdr_table_new(&t, 7, headers) < 0)
		return cli_lib_error();
	for (int k = 1; k <= 5; k++)
		cdr_table_set_numeric(t, (size_t)k);
	for (size_t i = 0; i < n && rc == EXIT_OK; i++) {
		char name[96], value[32], se[32], lo[32], hi[32], nu[32];
		coef_name(name, sizeof(name), &rows[i]);
		fmt_value(value, sizeof(value), c[i].defined ? c[i].value : NAN);
		fmt_value(se, sizeof(se), c[i].se);
		fmt_value(lo, sizeof(lo), c[i].lo);
		fmt_value(hi, sizeof(hi), c[i].hi);
		snprintf(nu, sizeof(nu), "%zu", units == (size_t)-1 ? c[i].units : units);
		const char *row[] = { name, value, se, lo, hi, nu, c[i].defined ? "" : c[i].why };
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
	struct coef_row rows[16];
	cdr_coef c[16];
	int rc;

	if ((o->level && cdr_level_parse(&level, o->level) < 0) || (o->weights && cdr_weights_parse(&w, o->weights) < 0) ||
	    (o->layout && cdr_table_layout_parse(&layout, o->layout) < 0))
		return cli_lib_error();
	if (w != CDR_WEIGHTS_NONE && level == CDR_LEVEL_NOMINAL)
		return cli_error("--weights %s needs ordered categories: nominal data have no order (use --level ordinal, interval or ratio)",
				 o->weights);
	if (cdr_rdata_read(&d, &names, &nnames, o->table, layout, level) < 0)
		return cli_lib_error();
	if (layout != CDR_LAYOUT_COUNTS && cdr_rdata_coders(d) < 2) {
		rc = cli_error("%s: agreement needs two or more coders (found %zu)", o->table, cdr_rdata_coders(d));
		goto done;
	}
	n = coef_rows(rows, cdr_rdata_coders(d), level, w, layout == CDR_LAYOUT_COUNTS);
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
	free_list(names, nnames);
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

static int cmp_alpha(const void *x, const void *y)
{
	const double *a = x, *b = y;
	/* worst first; undefined (NAN) last */
	if (isnan(a[0]) || isnan(b[0]))
		return isnan(a[0]) - isnan(b[0]);
	return a[0] < b[0] ? -1 : a[0] > b[0];
}

/* The variables worst first by alpha: order[k] is the k-th to show. */
static size_t *worst_first(const cdr_agreement *a)
{
	size_t n = cdr_agreement_count(a);
	double *key = calloc(n ? n * 2 : 2, sizeof(double));
	size_t *order = calloc(n ? n : 1, sizeof(size_t));

	if (key == NULL || order == NULL) {
		free(key);
		free(order);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		cdr_coef alpha = cdr_agree_alpha(cdr_agreement_data(a, i), CDR_LEVEL_NOMINAL);
		key[2 * i] = alpha.defined ? alpha.value : NAN;
		key[2 * i + 1] = (double)i;
	}
	qsort(key, n, 2 * sizeof(double), cmp_alpha);
	for (size_t k = 0; k < n; k++)
		order[k] = (size_t)key[2 * k + 1];
	free(key);
	return order;
}

/* For people: code, units, coded, agree, kappa, alpha; with character
 * units the counts are characters and say so. */
static int per_code_table(FILE *f, cdr_format fmt, const cdr_agreement *a, const size_t *order, size_t ncoders,
			  int chars)
{
	const char *headers[] = { "code", chars ? "characters" : "units", chars ? "coded chars" : "coded", "agree",
				  "kappa", "alpha" };
	size_t n = cdr_agreement_count(a);
	cdr_table *t;
	int rc = EXIT_OK;

	if (cdr_table_new(&t, 6, headers) < 0)
		return cli_lib_error();
	for (int c = 1; c <= 5; c++)
		cdr_table_set_numeric(t, (size_t)c);
	for (size_t k = 0; k < n && rc == EXIT_OK; k++) {
		size_t i = order[k];
		const cdr_rdata *d = cdr_agreement_data(a, i);
		cdr_coef pa = cdr_agree_percent(d);
		cdr_coef kappa = ncoders == 2 ? cdr_agree_cohen(d, CDR_WEIGHTS_NONE) : cdr_agree_fleiss(d);
		cdr_coef alpha = cdr_agree_alpha(d, CDR_LEVEL_NOMINAL);
		char units[32], ncoded[32], agree[32], k_s[32], a_s[32];
		snprintf(units, sizeof(units), "%zu", cdr_agreement_units(a, i));
		snprintf(ncoded, sizeof(ncoded), "%zu", cdr_agreement_coded(a, i));
		if (pa.defined)
			snprintf(agree, sizeof(agree), "%.1f%%", 100.0 * pa.value);
		else
			agree[0] = '\0';
		fmt_value(k_s, sizeof(k_s), kappa.defined ? kappa.value : NAN);
		fmt_value(a_s, sizeof(a_s), alpha.defined ? alpha.value : NAN);
		const char *row[] = { cdr_agreement_name(a, i), units, ncoded, agree, k_s, a_s };
		if (cdr_table_add(t, row) < 0)
			rc = cli_lib_error();
	}
	if (rc == EXIT_OK && cdr_table_write(t, f, fmt) < 0)
		rc = cli_lib_error();
	cdr_table_free(t);
	return rc;
}

/* Rows of the one csv/tsv table: per code and coefficient. */
static int long_rows(cdr_table *t, const char *code, const struct coef_row *rows, const cdr_coef *c, size_t n,
		     size_t units, size_t coded)
{
	char nu[32], nc[32];

	snprintf(nu, sizeof(nu), "%zu", units);
	snprintf(nc, sizeof(nc), "%zu", coded);
	for (size_t i = 0; i < n; i++) {
		char name[96], value[32], se[32], lo[32], hi[32];
		coef_name(name, sizeof(name), &rows[i]);
		fmt_value(value, sizeof(value), c[i].defined ? c[i].value : NAN);
		fmt_value(se, sizeof(se), c[i].se);
		fmt_value(lo, sizeof(lo), c[i].lo);
		fmt_value(hi, sizeof(hi), c[i].hi);
		const char *row[] = { code, name, value, se, lo, hi, nu, nc, c[i].defined ? "" : c[i].why };
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

/*
 * Per code and all codes together. The coefficients of each code are
 * computed once; the bootstrap runs for the "all codes" ones only (as the
 * tables for people show intervals only there). Units are the library's
 * counts: characters for --unit char, so that a run of characters coded
 * alike counts as its length, not as one.
 */
static int project_mode(struct cli_ctx *ctx, const struct opts *o, FILE *f, cdr_format fmt)
{
	static const char *const long_headers[] = { "code", "coefficient", "value", "se", "ci_low", "ci_high",
						    "units", "coded", "note" };
	cdr_agree_options ao = { 0 };
	cdr_project *p = NULL;
	cdr_schemes *set = NULL;
	cdr_agreement *a = NULL;
	cdr_table *t = NULL;
	size_t *order = NULL, n, nrows, all_units = 0, all_coded = 0;
	struct coef_row rows[16];
	cdr_coef *c = NULL, all[16];
	const cdr_rdata *overall;
	int rc, chars;

	if (o->unit && cdr_unit_kind_parse(&ao.unit, o->unit) < 0)
		return cli_lib_error();
	select_data(&ao, o);
	ao.only_coded = o->only_coded;
	ao.exclusive = o->exclusive;
	ao.overlap = o->overlap;
	chars = ao.unit == CDR_UNIT_CHAR && o->overlap <= 0;
	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		return rc;
	if (cdr_schemes_load(&set, p) < 0 || cdr_agreement_build(&a, p, set, &ao) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	if ((rc = note_left_out(a, o)) != EXIT_OK)
		goto done;
	n = cdr_agreement_count(a);
	nrows = coef_rows(rows, o->ncoders, CDR_LEVEL_NOMINAL, CDR_WEIGHTS_NONE, 0);
	if ((order = worst_first(a)) == NULL || (c = calloc((n ? n : 1) * nrows, sizeof(cdr_coef))) == NULL) {
		rc = cli_error("out of memory");
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		all_units += cdr_agreement_units(a, i);
		all_coded += cdr_agreement_coded(a, i);
		/* --exclusive has one variable: its coefficients are the overall ones */
		if ((rc = compute(c + i * nrows, rows, nrows, cdr_agreement_data(a, i), o, o->exclusive != NULL)) != EXIT_OK)
			goto done;
	}
	overall = o->exclusive ? NULL : cdr_agreement_overall(a);
	if (overall && (rc = compute(all, rows, nrows, overall, o, 1)) != EXIT_OK)
		goto done;
	if (o->exclusive)
		memcpy(all, c, nrows * sizeof(cdr_coef));

	if (fmt == CDR_FORMAT_JSON) {
		fputs("{\"coders\": ", f);
		json_strings(f, o->coders, o->ncoders);
		fputs(", \"unit\": ", f);
		cdr_json_string(f, o->overlap > 0 ? "segment" : cdr_unit_kind_name(ao.unit));
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
		fprintf(f, ", \"units\": %zu, \"coded\": %zu,\n \"per_code\": [", all_units, all_coded);
		for (size_t k = 0; k < n; k++) {
			size_t i = order[k];
			fputs(k ? ",\n  {\"code\": " : "\n  {\"code\": ", f);
			cdr_json_string(f, cdr_agreement_name(a, i));
			fprintf(f, ", \"units\": %zu, \"coded\": %zu, \"coefficients\": ", cdr_agreement_units(a, i),
				cdr_agreement_coded(a, i));
			json_coefs(f, rows, c + i * nrows, nrows, cdr_agreement_units(a, i), "    ");
			fputc('}', f);
		}
		fputs("],\n \"overall\": ", f);
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
		if (cdr_table_new(&t, 9, long_headers) < 0) {
			rc = cli_lib_error();
			goto done;
		}
		for (int k = 2; k <= 7; k++)
			cdr_table_set_numeric(t, (size_t)k);
		for (size_t k = 0; k < n && rc == EXIT_OK; k++) {
			size_t i = order[k];
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
	fprintf(f, "; unit: %s; %zu document%s", o->overlap > 0 ? "segment" : cdr_unit_kind_name(ao.unit),
		cdr_agreement_doc_count(a), cdr_agreement_doc_count(a) == 1 ? "" : "s");
	if (cdr_agreement_left_out_count(a))
		fprintf(f, " (%zu left out)", cdr_agreement_left_out_count(a));
	if (chars)
		fprintf(f, "; %zu character%s", cdr_agreement_chars(a), cdr_agreement_chars(a) == 1 ? "" : "s");
	if (chars && overall)
		fprintf(f, "; %zu units over %zu code%s", all_units, n, n == 1 ? "" : "s");
	if (o->only_coded)
		fprintf(f, "; only coded units");
	summary_end(f, fmt);
	if (cdr_agreement_conflicts(a))
		fprintf(f, "note: %zu times a coder gave one unit two codes of %s; the first in the scheme counted\n",
			cdr_agreement_conflicts(a), o->exclusive);
	if (!o->exclusive) {
		heading(f, fmt, "Per code, worst first");
		if ((rc = per_code_table(f, fmt, a, order, o->ncoders, chars)) != EXIT_OK)
			goto done;
	}
	heading(f, fmt, o->exclusive ? "Coefficients" : "All codes together");
	if ((rc = coef_table(f, fmt, rows, all, nrows, all_units)) != EXIT_OK)
		goto done;
	if (o->show_dis) {
		heading(f, fmt, "Disagreements");
		rc = disagreements(f, fmt, a, p, o);
	}
done:
	cdr_table_free(t);
	free(c);
	free(order);
	cdr_agreement_free(a);
	cdr_schemes_free(set);
	cdr_project_free(p);
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
 * the same for every code, and a category's disagreements depend only on
 * its own units, so the "(all codes)" row is what cdr_unitizing_alpha_all
 * gives on one continuum holding every code: 1 − Σ uD_o / Σ uD_e over the
 * codes with units, observed and expected shown as their means.
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
	struct urow *u = NULL;
	struct urow all = { "(all codes)", 0,
			    { .observed = 0, .expected = 0,
			      .alpha = { .value = NAN, .defined = 0, .why = NULL, .se = NAN, .lo = NAN, .hi = NAN, .units = 0 } } };
	const char **docs = NULL;
	const char *zero = NULL; /* why a code with units has no alpha (expected disagreement 0) */
	size_t length = 0, with_units = 0, n, ndocs;
	double so = 0, se = 0;
	int rc;

	select_data(&ao, o);
	ao.unit = CDR_UNIT_DOCUMENT;
	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		return rc;
	if (cdr_schemes_load(&set, p) < 0 || cdr_agreement_build(&a, p, set, &ao) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	if ((rc = note_left_out(a, o)) != EXIT_OK)
		goto done;
	n = cdr_agreement_count(a);
	ndocs = cdr_agreement_doc_count(a);
	if ((u = calloc(n ? n : 1, sizeof(*u))) == NULL || (docs = calloc(ndocs, sizeof(char *))) == NULL) {
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
		u[i].r = cdr_unitizing_alpha(d, code);
		u[i].units = cdr_udata_units(d, code);
		length = cdr_udata_length(d);
		if (isnan(u[i].r.observed))
			all.r.alpha.why = u[i].r.alpha.why; /* the continuum is unusable for every code */
		else if (u[i].units > 0) {
			so += u[i].r.observed;
			se += u[i].r.expected;
			with_units++;
			all.units += u[i].units;
			if (!u[i].r.alpha.defined)
				zero = u[i].r.alpha.why;
		}
		cdr_udata_free(d);
	}
	if (all.r.alpha.why) {
		all.r.observed = all.r.expected = NAN;
	} else if (with_units == 0) {
		all.r.alpha.why = "no coder marked any unit";
	} else {
		all.r.observed = so / (double)with_units;
		all.r.expected = se / (double)with_units;
		if (se > 0) {
			all.r.alpha.value = 1 - so / se;
			all.r.alpha.defined = 1;
		} else {
			all.r.alpha.why = zero;
		}
	}
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
	free(docs);
	cdr_agreement_free(a);
	cdr_schemes_free(set);
	cdr_project_free(p);
	return rc;
}

/* ---- --merge ------------------------------------------------------------- */

static int merge_mode(struct cli_ctx *ctx, const struct opts *o)
{
	cdr_merge_rule rule = CDR_MERGE_BOTH;
	cdr_project *p = NULL;
	size_t written;
	int rc;

	if (o->rule) {
		if (strcmp(o->rule, "both") == 0)
			rule = CDR_MERGE_BOTH;
		else if (strcmp(o->rule, "either") == 0)
			rule = CDR_MERGE_EITHER;
		else if (strcmp(o->rule, "majority") == 0)
			rule = CDR_MERGE_MAJORITY;
		else
			return cli_error("unknown rule '%s' (use both, either or majority)", o->rule);
	}
	if (o->into == NULL)
		return cli_error("--merge needs --into NAME, the consensus coder to write");
	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		return rc;
	if (cdr_agreement_merge(p, (const char *const *)o->merge, o->nmerge, o->into, rule, o->force, &written) < 0)
		rc = cli_lib_error();
	else
		printf("%zu codings written for coder %s\n", written, o->into);
	cdr_project_free(p);
	return rc;
}

static int agree_run(const struct cdr_cmd *cmd, struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option options[] = {
		{ "coders", required_argument, NULL, 'c' },
		{ "codes", required_argument, NULL, 'k' },
		{ "docs", required_argument, NULL, 'd' },
		{ "all-docs", no_argument, NULL, 'A' },
		{ "unit", required_argument, NULL, 'u' },
		{ "overlap", required_argument, NULL, 'P' },
		{ "only-coded", no_argument, NULL, 'O' },
		{ "exclusive", required_argument, NULL, 'x' },
		{ "show-disagreements", no_argument, NULL, 'D' },
		{ "unitizing", no_argument, NULL, 'U' },
		{ "bootstrap", required_argument, NULL, 'b' },
		{ "seed", required_argument, NULL, 's' },
		{ "format", required_argument, NULL, 'F' },
		{ "output", required_argument, NULL, 'o' },
		{ "table", required_argument, NULL, 't' },
		{ "layout", required_argument, NULL, 'l' },
		{ "level", required_argument, NULL, 'L' },
		{ "weights", required_argument, NULL, 'w' },
		{ "merge", required_argument, NULL, 'm' },
		{ "into", required_argument, NULL, 'i' },
		{ "rule", required_argument, NULL, 'r' },
		{ "force", no_argument, NULL, 'f' },
		{ "digits", required_argument, NULL, 'g' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct opts o;
	struct cli_out out = { 0 };
	int c, rc = EXIT_OK, opened = 0;
	char *end;

	memset(&o, 0, sizeof(o));
	o.seed = 1;
	while ((c = cli_getopt(cmd, argc, argv, "ho:", options)) != -1) {
		switch (c) {
		case 'c': free_list(o.coders, o.ncoders); rc = split_list(&o.coders, &o.ncoders, optarg); break;
		case 'k': free_list(o.codes, o.ncodes); rc = split_list(&o.codes, &o.ncodes, optarg); break;
		case 'd': free_list(o.docs, o.ndocs); rc = split_list(&o.docs, &o.ndocs, optarg); break;
		case 'm': free_list(o.merge, o.nmerge); rc = split_list(&o.merge, &o.nmerge, optarg); break;
		case 'A': o.all_docs = 1; break;
		case 'u': o.unit = optarg; break;
		case 'x': o.exclusive = optarg; break;
		case 'O': o.only_coded = 1; break;
		case 'D': o.show_dis = 1; break;
		case 'U': o.unitizing = 1; break;
		case 'F': o.format = optarg; break;
		case 'o': o.output = optarg; break;
		case 't': o.table = optarg; break;
		case 'l': o.layout = optarg; break;
		case 'L': o.level = optarg; break;
		case 'w': o.weights = optarg; break;
		case 'i': o.into = optarg; break;
		case 'r': o.rule = optarg; break;
		case 'f': o.force = 1; break;
		case 'P':
			o.overlap = strtod(optarg, &end);
			if (*end || !(o.overlap > 0 && o.overlap <= 100))
				rc = cli_usage_error(cmd, "--overlap must be a percentage above 0, up to 100");
			break;
		case 'b':
			o.bootstrap = strtoul(optarg, &end, 10);
			if (*end || o.bootstrap > 100000)
				rc = cli_usage_error(cmd, "--bootstrap must be a number of resamples up to 100000");
			break;
		case 'g':
			digits = (int)strtol(optarg, &end, 10);
			if (*end || digits < 0 || digits > 17)
				rc = cli_usage_error(cmd, "--digits must be a number from 0 to 17");
			break;
		case 's':
			o.seed = strtoull(optarg, &end, 10);
			if (*end)
				rc = cli_usage_error(cmd, "--seed must be a whole number");
			break;
		default:
			rc = CLI_GETOPT_EXIT(c);
			goto done;
		}
		if (rc != EXIT_OK) {
			rc = rc < 0 ? cli_error("out of memory") : rc;
			goto done;
		}
	}
	if (optind < argc) {
		rc = cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
		goto done;
	}
	if (o.unitizing) {
		const char *clash = o.unit ? "--unit" : o.overlap > 0 ? "--overlap" : o.only_coded ? "--only-coded"
			: o.exclusive ? "--exclusive" : o.show_dis ? "--show-disagreements"
			: o.bootstrap ? "--bootstrap" : o.table ? "--table" : o.merge ? "--merge" : NULL;
		if (clash) {
			rc = cli_usage_error(cmd, "--unitizing does not go with %s: unitizing alpha compares the coders' own segments of their codings, not units",
					     clash);
			goto done;
		}
	}
	if ((o.table != NULL) + (o.merge != NULL) + (o.coders != NULL) != 1) {
		rc = cli_usage_error(cmd, "give exactly one of --coders, --table or --merge");
		goto done;
	}
	if (o.force && !o.merge) {
		rc = cli_usage_error(cmd, "--force is for --merge (it lets the consensus replace a coder's codings)");
		goto done;
	}
	if (o.all_docs && (o.ndocs || !o.coders)) {
		rc = cli_usage_error(cmd, o.ndocs ? "--all-docs and --docs do not go together: --docs names the documents"
					       : "--all-docs is for --coders (the documents of a project)");
		goto done;
	}
	if (o.merge && (o.format || o.output)) {
		rc = cli_usage_error(cmd, "--merge writes a coder, not a table: no --format or --output");
		goto done;
	}
	if (o.merge) {
		rc = merge_mode(ctx, &o);
		goto done;
	}
	if (o.coders && o.ncoders < 2) {
		rc = cli_usage_error(cmd, "agreement needs two or more coders (--coders A,B)");
		goto done;
	}
	if (o.coders && (o.level || o.weights || o.layout)) {
		rc = cli_usage_error(cmd, "--level, --weights and --layout are for --table; coded units are yes/no");
		goto done;
	}
	if ((rc = cli_out_open(&out, o.output, o.format, CLI_TABLE)) != EXIT_OK)
		goto done;
	opened = 1;
	if (o.table)
		rc = table_mode(&o, out.f, out.fmt);
	else if (o.unitizing)
		rc = unitizing_mode(ctx, &o, out.f, out.fmt);
	else
		rc = project_mode(ctx, &o, out.f, out.fmt);
done:
	if (opened)
		rc = cli_out_close(&out, rc);
	free_list(o.coders, o.ncoders);
	free_list(o.codes, o.ncodes);
	free_list(o.docs, o.ndocs);
	free_list(o.merge, o.nmerge);
	return rc;
}
