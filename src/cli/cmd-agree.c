/* cmd-agree.c -- agreement between coders: per code and overall, every
 * coefficient, the units where they disagree; unitizing alpha on the
 * coders' own segments; the same coefficients on any reliability table;
 * consensus coders. */
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
		 "       codeer agree --merge A,B[,C...] --into NAME [--rule both|either|majority]",
	.summary = "agreement between coders: kappa, alpha, AC1 ... and the disagreements",
	.help = "Compare coders on the documents they all coded (or --docs). Each code gives one\n"
		"yes/no variable per unit; a unit counts as coded by a coder when one of the\n"
		"coder's codings of that code overlaps it. Formulas: docs/agreement.md.\n"
		"\nOptions:\n"
		"  --coders A,B,...     the coders to compare (two or more)\n"
		"  --codes C1,C2,...    only these codes (default: every code the coders used)\n"
		"  --docs D1,D2,...     only these documents\n"
		"  --unit U             turn (default), sentence, paragraph, document, or char\n"
		"                       (every character, as NVivo compares)\n"
		"  --overlap P          segment level, as MAXQDA: each coded segment is a unit, and\n"
		"                       another coder agrees with an overlap of P %% of the union\n"
		"  --only-coded         leave out units no coder coded\n"
		"  --exclusive GROUP    the subcodes of GROUP are one nominal variable (which of\n"
		"                       them each coder chose per unit)\n"
		"  --show-disagreements list every unit where the coders differ, with its text\n"
		"  --bootstrap N        percentile confidence intervals from N resamples of units\n"
		"  --seed S             seed of the bootstrap (default 1): the same seed, the same interval\n"
		"  --format F           table, tsv, csv, json, md or html\n"
		"  --digits N           decimals of the coefficients (default 4; 17 for exact checks)\n"
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
		"                       by both (all) coders, by either (any), or by a majority\n",
	.run = agree_run,
};

struct opts {
	char **coders, **codes, **docs, **merge;
	size_t ncoders, ncodes, ndocs, nmerge;
	const char *unit, *exclusive, *table, *layout, *level, *weights, *format, *into, *rule;
	double overlap;
	int only_coded, show_dis, unitizing;
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

static int digits = 4; /* --digits: decimals of the coefficients */

static void fmt_value(char *buf, size_t n, double x)
{
	if (isnan(x))
		snprintf(buf, n, "%s", "");
	else
		snprintf(buf, n, "%.*f", digits, x);
}

/* The coefficients that apply to data with this many coders. */
struct coef_row {
	const char *name;
	cdr_coef_spec spec;
};

static size_t coef_rows(struct coef_row *rows, size_t ncoders, cdr_level level, cdr_weights w, int counts)
{
	size_t n = 0;
	int ordered = level != CDR_LEVEL_NOMINAL;

	rows[n++] = (struct coef_row){ "percent agreement", { CDR_COEF_PERCENT, CDR_WEIGHTS_NONE, level, 0 } };
	if (ncoders == 2 && !counts) {
		rows[n++] = (struct coef_row){ "Cohen's kappa", { CDR_COEF_COHEN, CDR_WEIGHTS_NONE, level, 0 } };
		if (ordered || w != CDR_WEIGHTS_NONE) {
			rows[n++] = (struct coef_row){ "Cohen's kappa, linear weights", { CDR_COEF_COHEN, CDR_WEIGHTS_LINEAR, level, 0 } };
			rows[n++] = (struct coef_row){ "Cohen's kappa, quadratic weights", { CDR_COEF_COHEN, CDR_WEIGHTS_QUADRATIC, level, 0 } };
		}
		rows[n++] = (struct coef_row){ "Scott's pi", { CDR_COEF_SCOTT, CDR_WEIGHTS_NONE, level, 0 } };
	}
	rows[n++] = (struct coef_row){ "Fleiss' kappa", { CDR_COEF_FLEISS, CDR_WEIGHTS_NONE, level, 0 } };
	rows[n++] = (struct coef_row){ "Brennan-Prediger kappa", { CDR_COEF_BP, CDR_WEIGHTS_NONE, level, 0 } };
	rows[n++] = (struct coef_row){ "Gwet's AC1", { CDR_COEF_GWET, CDR_WEIGHTS_NONE, level, 0 } };
	if (w != CDR_WEIGHTS_NONE)
		rows[n++] = (struct coef_row){ w == CDR_WEIGHTS_LINEAR ? "Gwet's AC2, linear weights" : "Gwet's AC2, quadratic weights",
					       { CDR_COEF_GWET, w, level, 0 } };
	rows[n++] = (struct coef_row){ "Krippendorff's alpha", { CDR_COEF_ALPHA, CDR_WEIGHTS_NONE, level, 0 } };
	return n;
}

static int print_coefficients(const cdr_rdata *d, cdr_level level, cdr_weights w, int counts, const struct opts *o,
			      cdr_format fmt)
{
	static const char *const headers[] = { "coefficient", "value", "se", "ci_low", "ci_high", "units", "note" };
	struct coef_row rows[16];
	size_t n = coef_rows(rows, cdr_rdata_coders(d), level, w, counts);
	cdr_table *t;
	int rc = EXIT_OK;

	if (cdr_table_new(&t, 7, headers) < 0)
		return cli_lib_error();
	for (int c = 1; c <= 5; c++)
		cdr_table_set_numeric(t, (size_t)c);
	for (size_t i = 0; i < n && rc == EXIT_OK; i++) {
		char name[96], value[32], se[32], lo[32], hi[32], units[32];
		cdr_coef c = cdr_agree_compute(d, &rows[i].spec);
		if (c.defined && o->bootstrap > 0 &&
		    cdr_agree_bootstrap(&c, d, &rows[i].spec, o->bootstrap, o->seed, 0.95) < 0) {
			rc = cli_lib_error();
			break;
		}
		snprintf(name, sizeof(name), "%s%s%s", rows[i].name, rows[i].spec.kind == CDR_COEF_ALPHA ? ", " : "",
			 rows[i].spec.kind == CDR_COEF_ALPHA ? cdr_level_name(level) : "");
		fmt_value(value, sizeof(value), c.defined ? c.value : NAN);
		fmt_value(se, sizeof(se), c.se);
		fmt_value(lo, sizeof(lo), c.lo);
		fmt_value(hi, sizeof(hi), c.hi);
		snprintf(units, sizeof(units), "%zu", c.units);
		const char *row[] = { name, value, se, lo, hi, units, c.defined ? "" : c.why };
		if (cdr_table_add(t, row) < 0)
			rc = cli_lib_error();
	}
	if (rc == EXIT_OK)
		cdr_table_write(t, stdout, fmt);
	cdr_table_free(t);
	return rc;
}

static int table_mode(const struct opts *o, cdr_format fmt)
{
	cdr_level level = CDR_LEVEL_NOMINAL;
	cdr_weights w = CDR_WEIGHTS_NONE;
	cdr_table_layout layout = CDR_LAYOUT_UNITS_BY_CODERS;
	cdr_rdata *d = NULL;
	char **names = NULL;
	size_t nnames = 0;
	int rc;

	if ((o->level && cdr_level_parse(&level, o->level) < 0) || (o->weights && cdr_weights_parse(&w, o->weights) < 0) ||
	    (o->layout && cdr_table_layout_parse(&layout, o->layout) < 0))
		return cli_lib_error();
	if (w != CDR_WEIGHTS_NONE && level == CDR_LEVEL_NOMINAL)
		return cli_error("--weights %s needs ordered categories: nominal data have no order (use --level ordinal, interval or ratio)",
				 o->weights);
	if (cdr_rdata_read(&d, &names, &nnames, o->table, layout, level) < 0)
		return cli_lib_error();
	if (layout != CDR_LAYOUT_COUNTS && cdr_rdata_coders(d) < 2)
		rc = cli_error("%s: agreement needs two or more coders (found %zu)", o->table, cdr_rdata_coders(d));
	else
		rc = print_coefficients(d, level, w, layout == CDR_LAYOUT_COUNTS, o, fmt);
	free_list(names, nnames);
	cdr_rdata_free(d);
	return rc;
}

static int cmp_alpha(const void *x, const void *y)
{
	const double *a = x, *b = y;
	/* worst first; undefined (NAN) last */
	if (isnan(a[0]) || isnan(b[0]))
		return isnan(a[0]) - isnan(b[0]);
	return a[0] < b[0] ? -1 : a[0] > b[0];
}

static int per_code_table(const cdr_agreement *a, size_t ncoders, cdr_format fmt)
{
	static const char *const headers[] = { "code", "units", "coded", "agree", "kappa", "alpha" };
	size_t n = cdr_agreement_count(a);
	double *order = calloc(n ? n * 2 : 2, sizeof(double));
	cdr_table *t;
	int rc = EXIT_OK;

	if (order == NULL || cdr_table_new(&t, 6, headers) < 0) {
		free(order);
		return cli_error("out of memory");
	}
	for (int c = 1; c <= 5; c++)
		cdr_table_set_numeric(t, (size_t)c);
	for (size_t i = 0; i < n; i++) {
		cdr_coef alpha = cdr_agree_alpha(cdr_agreement_data(a, i), CDR_LEVEL_NOMINAL);
		order[2 * i] = alpha.defined ? alpha.value : NAN;
		order[2 * i + 1] = (double)i;
	}
	qsort(order, n, 2 * sizeof(double), cmp_alpha);
	for (size_t k = 0; k < n && rc == EXIT_OK; k++) {
		size_t i = (size_t)order[2 * k + 1];
		const cdr_rdata *d = cdr_agreement_data(a, i);
		cdr_coef pa = cdr_agree_percent(d);
		cdr_coef kappa = ncoders == 2 ? cdr_agree_cohen(d, CDR_WEIGHTS_NONE) : cdr_agree_fleiss(d);
		cdr_coef alpha = cdr_agree_alpha(d, CDR_LEVEL_NOMINAL);
		size_t coded = 0;
		char units[32], ncoded[32], agree[32], k_s[32], a_s[32];
		for (size_t u = 0; u < cdr_rdata_units(d); u++) {
			int any = 0;
			for (size_t c = 0; c < ncoders; c++)
				any |= cdr_rdata_get(d, u, c) > 0;
			coded += any;
		}
		snprintf(units, sizeof(units), "%zu", cdr_rdata_units(d));
		snprintf(ncoded, sizeof(ncoded), "%zu", coded);
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
	if (rc == EXIT_OK)
		cdr_table_write(t, stdout, fmt);
	cdr_table_free(t);
	free(order);
	return rc;
}

struct dis_ctx {
	cdr_table *t;
	size_t ncoders;
	size_t n;
};

static int on_disagreement(void *ctx, const cdr_disagreement *d)
{
	struct dis_ctx *x = ctx;
	const char *row[64];
	char turn[32] = "", span[64];
	size_t k = 0;

	if (d->turn >= 0)
		snprintf(turn, sizeof(turn), "t%ld", d->turn + 1);
	snprintf(span, sizeof(span), "c%zu-%zu", d->span.start, d->span.end);
	row[k++] = d->variable;
	row[k++] = d->doc;
	row[k++] = turn;
	row[k++] = d->speaker;
	row[k++] = span;
	for (size_t c = 0; c < x->ncoders && k < 63; c++)
		row[k++] = d->values[c];
	row[k++] = d->text;
	x->n++;
	return cdr_table_add(x->t, row);
}

static int heading(cdr_format fmt, const char *title)
{
	if (fmt == CDR_FORMAT_MD)
		printf("\n## %s\n\n", title);
	else if (fmt == CDR_FORMAT_HTML)
		printf("<h2>%s</h2>\n", title);
	else if (fmt == CDR_FORMAT_TABLE)
		printf("\n%s\n", title);
	return 0;
}

/* The page head for html, then the start of the line that says what was
 * compared ("coders: A, B"); 0 for the formats that have no such line. */
static int summary_begin(const struct opts *o, cdr_format fmt)
{
	if (fmt == CDR_FORMAT_HTML)
		printf("<!DOCTYPE html>\n<meta charset=\"utf-8\">\n<title>codeer agree</title>\n"
		       "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
		       "td,th{border:1px solid #ccc;padding:.2em .5em}.num{text-align:right}</style>\n");
	if (fmt != CDR_FORMAT_TABLE && fmt != CDR_FORMAT_MD && fmt != CDR_FORMAT_HTML)
		return 0;
	printf(fmt == CDR_FORMAT_HTML ? "<p>" : "");
	printf("coders: ");
	for (size_t c = 0; c < o->ncoders; c++)
		printf("%s%s", c ? ", " : "", o->coders[c]);
	return 1;
}

static void summary_end(cdr_format fmt)
{
	printf(fmt == CDR_FORMAT_HTML ? "</p>\n" : "\n");
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
}

static int project_mode(struct cli_ctx *ctx, const struct opts *o, cdr_format fmt)
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
	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		return rc;
	if (cdr_schemes_load(&set, p) < 0 || cdr_agreement_build(&a, p, set, &ao) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	if (summary_begin(o, fmt)) {
		printf("; unit: %s; %zu document%s", o->overlap > 0 ? "segment" : cdr_unit_kind_name(ao.unit),
		       cdr_agreement_doc_count(a), cdr_agreement_doc_count(a) == 1 ? "" : "s");
		if (ao.unit == CDR_UNIT_CHAR && o->overlap <= 0)
			printf("; %zu characters", cdr_agreement_chars(a));
		if (o->only_coded)
			printf("; only coded units");
		summary_end(fmt);
		if (cdr_agreement_conflicts(a))
			printf("note: %zu times a coder gave one unit two codes of %s; the first in the scheme counted\n",
			       cdr_agreement_conflicts(a), o->exclusive);
	}
	if (!o->exclusive) {
		heading(fmt, "Per code, worst first");
		if ((rc = per_code_table(a, o->ncoders, fmt)) != EXIT_OK)
			goto done;
	}
	heading(fmt, o->exclusive ? "Coefficients" : "All codes together");
	if ((rc = print_coefficients(o->exclusive ? cdr_agreement_data(a, 0) : cdr_agreement_overall(a),
				     CDR_LEVEL_NOMINAL, CDR_WEIGHTS_NONE, 0, o, fmt)) != EXIT_OK)
		goto done;
	if (o->show_dis) {
		const char *headers[64];
		struct dis_ctx x = { NULL, o->ncoders, 0 };
		size_t k = 0;
		headers[k++] = "code";
		headers[k++] = "doc";
		headers[k++] = "turn";
		headers[k++] = "speaker";
		headers[k++] = "span";
		for (size_t c = 0; c < o->ncoders && k < 63; c++)
			headers[k++] = o->coders[c];
		headers[k++] = "text";
		heading(fmt, "Disagreements");
		if (cdr_table_new(&x.t, k, headers) < 0 || cdr_agreement_disagreements(a, p, on_disagreement, &x) < 0) {
			cdr_table_free(x.t);
			rc = cli_lib_error();
			goto done;
		}
		cdr_table_write(x.t, stdout, fmt);
		cdr_table_free(x.t);
	}
	rc = EXIT_OK;
done:
	cdr_agreement_free(a);
	cdr_schemes_free(set);
	cdr_project_free(p);
	return rc;
}

/* One row of the unitizing table; undefined values stay empty, with the reason. */
static int add_ualpha_row(cdr_table *t, const char *name, size_t units, const cdr_ualpha *r)
{
	char n[32], observed[32], expected[32], value[32];

	snprintf(n, sizeof(n), "%zu", units);
	fmt_value(observed, sizeof(observed), r->observed);
	fmt_value(expected, sizeof(expected), r->expected);
	fmt_value(value, sizeof(value), r->alpha.defined ? r->alpha.value : NAN);
	const char *row[] = { name, n, observed, expected, value, r->alpha.defined ? "" : r->alpha.why };
	return cdr_table_add(t, row);
}

/*
 * --unitizing: Krippendorff's unitizing alpha per code, then over all codes.
 * The codes are those the per-code table would show (--codes resolved, or
 * every code the coders used, in scheme order), so cdr_agreement_build
 * picks them (at the cheapest unit, the document). cdr_agreement_unitizing
 * gives one code per continuum; the documents, and so the continuum, are
 * the same for every code, and a category's disagreements depend only on
 * its own units, so the "all codes" row is what cdr_unitizing_alpha_all
 * gives on one continuum holding every code: 1 − Σ uD_o / Σ uD_e over the
 * codes with units, observed and expected shown as their means.
 */
static int unitizing_mode(struct cli_ctx *ctx, const struct opts *o, cdr_format fmt)
{
	static const char *const headers[] = { "code", "units", "observed", "expected", "u-alpha", "note" };
	cdr_agree_options ao = { 0 };
	cdr_unitizing_info info = { 0, 0, 0 };
	cdr_project *p = NULL;
	cdr_schemes *set = NULL;
	cdr_agreement *a = NULL;
	cdr_table *t = NULL;
	cdr_ualpha all = { .observed = 0, .expected = 0,
			   .alpha = { .value = NAN, .defined = 0, .why = NULL, .se = NAN, .lo = NAN, .hi = NAN, .units = 0 } };
	const char *zero = NULL; /* why a code with units has no alpha (expected disagreement 0) */
	size_t length = 0, with_units = 0, n;
	double so = 0, se = 0;
	int rc;

	select_data(&ao, o);
	ao.unit = CDR_UNIT_DOCUMENT;
	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		return rc;
	if (cdr_schemes_load(&set, p) < 0 || cdr_agreement_build(&a, p, set, &ao) < 0 ||
	    cdr_table_new(&t, 6, headers) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	for (int c = 1; c <= 4; c++)
		cdr_table_set_numeric(t, (size_t)c);
	n = cdr_agreement_count(a);
	for (size_t i = 0; i < n; i++) {
		const char *code = cdr_agreement_name(a, i);
		cdr_udata *d = NULL;
		cdr_ualpha r;
		size_t units;
		if (cdr_agreement_unitizing(&d, p, ao.coders, ao.ncoders, code, ao.docs, ao.ndocs, &info) < 0) {
			rc = cli_lib_error();
			goto done;
		}
		r = cdr_unitizing_alpha(d, code);
		units = cdr_udata_units(d, code);
		length = cdr_udata_length(d);
		if (isnan(r.observed))
			all.alpha.why = r.alpha.why; /* the continuum is unusable for every code */
		else if (units > 0) {
			so += r.observed;
			se += r.expected;
			with_units++;
			all.alpha.units += units;
			if (!r.alpha.defined)
				zero = r.alpha.why;
		}
		rc = add_ualpha_row(t, code, units, &r);
		cdr_udata_free(d);
		if (rc < 0) {
			rc = cli_lib_error();
			goto done;
		}
	}
	if (all.alpha.why) {
		all.observed = all.expected = NAN;
	} else if (with_units == 0) {
		all.alpha.why = "no coder marked any unit";
	} else {
		all.observed = so / (double)with_units;
		all.expected = se / (double)with_units;
		if (se > 0) {
			all.alpha.value = 1 - so / se;
			all.alpha.defined = 1;
		} else {
			all.alpha.why = zero;
		}
	}
	if (add_ualpha_row(t, "all codes", all.alpha.units, &all) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	if (summary_begin(o, fmt)) {
		printf("; unitizing; %zu document%s", n ? info.docs : cdr_agreement_doc_count(a),
		       (n ? info.docs : cdr_agreement_doc_count(a)) == 1 ? "" : "s");
		if (n)
			printf("; %zu characters", length);
		summary_end(fmt);
	}
	heading(fmt, "Unitizing alpha per code");
	cdr_table_write(t, stdout, fmt);
	rc = EXIT_OK;
done:
	cdr_table_free(t);
	cdr_agreement_free(a);
	cdr_schemes_free(set);
	cdr_project_free(p);
	return rc;
}

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
	if (cdr_agreement_merge(p, (const char *const *)o->merge, o->nmerge, o->into, rule, &written) < 0)
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
		{ "unit", required_argument, NULL, 'u' },
		{ "overlap", required_argument, NULL, 'o' },
		{ "only-coded", no_argument, NULL, 'O' },
		{ "exclusive", required_argument, NULL, 'x' },
		{ "show-disagreements", no_argument, NULL, 'D' },
		{ "unitizing", no_argument, NULL, 'U' },
		{ "bootstrap", required_argument, NULL, 'b' },
		{ "seed", required_argument, NULL, 's' },
		{ "format", required_argument, NULL, 'F' },
		{ "table", required_argument, NULL, 't' },
		{ "layout", required_argument, NULL, 'l' },
		{ "level", required_argument, NULL, 'L' },
		{ "weights", required_argument, NULL, 'w' },
		{ "merge", required_argument, NULL, 'm' },
		{ "into", required_argument, NULL, 'i' },
		{ "rule", required_argument, NULL, 'r' },
		{ "digits", required_argument, NULL, 'g' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct opts o;
	cdr_format fmt;
	int c, rc = EXIT_OK;
	char *end;

	memset(&o, 0, sizeof(o));
	o.seed = 1;
	while ((c = cli_getopt(cmd, argc, argv, "h", options)) != -1) {
		switch (c) {
		case 'c': free_list(o.coders, o.ncoders); rc = split_list(&o.coders, &o.ncoders, optarg); break;
		case 'k': free_list(o.codes, o.ncodes); rc = split_list(&o.codes, &o.ncodes, optarg); break;
		case 'd': free_list(o.docs, o.ndocs); rc = split_list(&o.docs, &o.ndocs, optarg); break;
		case 'm': free_list(o.merge, o.nmerge); rc = split_list(&o.merge, &o.nmerge, optarg); break;
		case 'u': o.unit = optarg; break;
		case 'x': o.exclusive = optarg; break;
		case 'O': o.only_coded = 1; break;
		case 'D': o.show_dis = 1; break;
		case 'U': o.unitizing = 1; break;
		case 'F': o.format = optarg; break;
		case 't': o.table = optarg; break;
		case 'l': o.layout = optarg; break;
		case 'L': o.level = optarg; break;
		case 'w': o.weights = optarg; break;
		case 'i': o.into = optarg; break;
		case 'r': o.rule = optarg; break;
		case 'o':
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
	if ((rc = cli_format(o.format, &fmt)) != 0)
		goto done;
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
	if (o.table)
		rc = table_mode(&o, fmt);
	else if (o.merge)
		rc = merge_mode(ctx, &o);
	else if (o.ncoders < 2)
		rc = cli_usage_error(cmd, "agreement needs two or more coders (--coders A,B)");
	else if ((o.level || o.weights || o.layout) && !o.table)
		rc = cli_usage_error(cmd, "--level, --weights and --layout are for --table; coded units are yes/no");
	else if (o.unitizing)
		rc = unitizing_mode(ctx, &o, fmt);
	else
		rc = project_mode(ctx, &o, fmt);
done:
	free_list(o.coders, o.ncoders);
	free_list(o.codes, o.ncodes);
	free_list(o.docs, o.ndocs);
	free_list(o.merge, o.nmerge);
	return rc;
}
