/* agreement-partial.c -- partial agreement tables (agreement.h): the sums
 * of one part of a corpus as a versioned TSV file, and the merge that adds
 * parts up into the agreement of the whole.
 *
 * Every coefficient codeer computes on a project's codings is a function
 * of how many units show each pattern of values over the coders (for two
 * coders the contingency table, from which the coincidence matrix
 * follows; for more, the pattern counts that Fleiss' kappa, Conger's
 * kappa and its standard error need). Those counts add up across parts of
 * a corpus, and the coefficients are computed from the summed table in
 * one canonical order (cdr_rdata_sum), on the whole corpus as in a merge,
 * so both give the same numbers to the last bit. What does not add up is
 * anything that needs the units themselves: the bootstrap (it resamples
 * units), the disagreements (their text), unitizing alpha (one continuum
 * of all documents); the command line refuses those. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* strverscmp: documents in the project's order */
#endif
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codeer/error.h"
#include "util/alloc.h"
#include "util/array.h"
#include "util/buf.h"
#include "util/tsv.h"

#include "agreement-priv.h"

#define MAGIC "codeer-partial-agreement"
#define PARTIAL_VERSION 1

static int name_ok(const char *s)
{
	return *s && strpbrk(s, "\t\n\r") == NULL;
}

static void put_value(FILE *f, double x)
{
	if (isnan(x))
		fputs("\tNA", f);
	else
		fprintf(f, "\t%.17g", x);
}

int cdr_agreement_partial_write(FILE *f, const cdr_agreement *a, const cdr_agree_options *o)
{
	if (o->by != CDR_AGREE_BY_NONE)
		return cdr_error_set(CDR_EUSAGE, "agreement per case or document is not written into partial tables");
	for (size_t i = 0; i < a->ndocs; i++)
		if (!name_ok(a->docs[i]))
			return cdr_error_set(CDR_EFORMAT, "document '%s' holds a tab or a line break", a->docs[i]);
	for (size_t i = 0; i < a->nvars; i++)
		if (!name_ok(a->vars[i].name))
			return cdr_error_set(CDR_EFORMAT, "code '%s' holds a tab or a line break", a->vars[i].name);
	fprintf(f, "%s\t%d\n", MAGIC, PARTIAL_VERSION);
	fputs("coders", f);
	for (size_t c = 0; c < a->ncoders; c++)
		fprintf(f, "\t%s", a->coders[c]);
	fprintf(f, "\nunit\t%s\n", cdr_unit_kind_name(a->unit));
	fprintf(f, "overlap\t%.17g\n", o->overlap > 0 ? o->overlap : 0);
	fprintf(f, "only-coded\t%d\n", o->only_coded != 0);
	fprintf(f, "exclusive\t%s\n", o->exclusive ? o->exclusive : "(none)");
	/* codes every coder used differ from part to part; given ones may not */
	fprintf(f, "codes\t%s\n", o->ncodes || o->exclusive ? "given" : "used");
	fprintf(f, "blank\t%zu\nchars\t%zu\nconflicts\t%zu\n", a->blank, a->chars, a->conflicts);
	fputs("# doc\tid (the documents compared)\n", f);
	for (size_t i = 0; i < a->ndocs; i++)
		fprintf(f, "doc\t%s\n", a->docs[i]);
	fputs("# left\tid\tper coder: 1 when the coder did not code it\n", f);
	for (size_t i = 0; i < a->nleft; i++) {
		fprintf(f, "left\t%s", a->left[i].doc);
		for (size_t c = 0; c < a->ncoders; c++)
			fprintf(f, "\t%d", a->left[i].by[c]);
		fputc('\n', f);
	}
	fputs("# var\tcode\tunits\tcoded\tpatterns; then a line per pattern: p, a value per coder, its weight\n", f);
	for (size_t i = 0; i < a->nvars; i++) {
		const struct variable *v = &a->vars[i];
		size_t np = cdr_rdata_units(v->table);
		fprintf(f, "var\t%s\t%zu\t%zu\t%zu\n", v->name, v->wunits, v->wcoded, np);
		for (size_t u = 0; u < np; u++) {
			fputc('p', f);
			for (size_t c = 0; c < a->ncoders; c++)
				put_value(f, cdr_rdata_get(v->table, u, c));
			fprintf(f, "\t%.17g\n", cdr_rdata_weight(v->table, u));
		}
	}
	fprintf(f, "end\t%zu\n", a->nvars);
	if (ferror(f))
		return cdr_error_set(CDR_EIO, "cannot write the partial agreement table");
	return 0;
}

/* ---- merge ------------------------------------------------------------- */

void cdr_agree_partial_info_clear(cdr_agree_partial_info *info)
{
	for (size_t c = 0; c < info->ncoders; c++)
		free(info->coders[c]);
	free(info->coders);
	free(info->exclusive);
	memset(info, 0, sizeof(*info));
}

/* One variable of one file. */
struct pvar {
	char *name;
	size_t units, coded;
	cdr_rdata *table;
	size_t file;
};

struct named {
	char *name;
	size_t file;
	unsigned char *by; /* left: per coder */
};

struct merge {
	cdr_agree_partial_info *info;
	int have_header, codes_given;
	struct pvar *vars;
	size_t nvars, vcap;
	struct named *docs, *left;
	size_t ndocs, dcap, nleft, lcap;
	size_t *blank;              /* per file */
	size_t chars, conflicts;
	char **first_codes;         /* --codes given: the first file's variables */
	size_t nfirst;
};

static int parse_size(const char *s, size_t *out)
{
	char *end;
	unsigned long long x;

	if (*s < '0' || *s > '9')
		return 0;
	errno = 0;
	x = strtoull(s, &end, 10);
	*out = (size_t)x;
	return *end == '\0' && errno == 0;
}

static int parse_value(const char *s, double *out)
{
	char *end;

	if (strcmp(s, "NA") == 0) {
		*out = NAN;
		return 1;
	}
	*out = strtod(s, &end);
	return end != s && *end == '\0' && isfinite(*out);
}

#define MAXFIELDS 260 /* "p", up to 256 coders, the weight */

/* The settings of a file's head, checked against the files before. */
static int head_line(struct merge *g, const char *path, size_t lineno, char **v, size_t n, int *seen)
{
	static const char *const keys[] = { "coders", "unit", "overlap", "only-coded", "exclusive", "codes" };
	cdr_agree_partial_info *in = g->info;
	const char *key = v[0];

	/* a setting given twice would count (or allocate) twice */
	for (int k = 0; k < 6; k++)
		if (strcmp(key, keys[k]) == 0 && seen[k])
			return cdr_error_set(CDR_EFORMAT, "%s:%zu: '%s' comes twice", path, lineno, key);
	if (strcmp(key, "coders") == 0) {
		if (n < 3)
			return cdr_error_set(CDR_EFORMAT, "%s:%zu: fewer than two coders", path, lineno);
		if (g->have_header) {
			int same = n - 1 == in->ncoders;
			for (size_t c = 0; same && c < in->ncoders; c++)
				same = strcmp(in->coders[c], v[c + 1]) == 0;
			if (!same) {
				cdr_buf b = CDR_BUF_INIT;
				int rc;
				for (size_t c = 0; c < in->ncoders; c++)
					cdr_buf_printf(&b, "%s%s", c ? "," : "", in->coders[c]);
				rc = cdr_error_set(CDR_EFORMAT, "%s: made with other coders than the partial tables before (%s)",
						   path, b.data ? b.data : "");
				cdr_buf_free(&b);
				return rc;
			}
		} else {
			if ((in->coders = cdr_calloc(n - 1, sizeof(char *))) == NULL)
				return CDR_ENOMEM;
			for (size_t c = 1; c < n; c++) {
				if ((in->coders[c - 1] = cdr_strdup(v[c])) == NULL)
					return CDR_ENOMEM;
				in->ncoders++;
			}
		}
		seen[0] = 1;
	} else if (strcmp(key, "unit") == 0 && n == 2) {
		cdr_unit_kind u;
		if (cdr_unit_kind_parse(&u, v[1]) < 0)
			return cdr_error_set(CDR_EFORMAT, "%s:%zu: unknown unit '%s'", path, lineno, v[1]);
		if (g->have_header && u != in->unit)
			return cdr_error_set(CDR_EFORMAT, "%s: made with unit %s, where the partial tables before have %s",
					     path, v[1], cdr_unit_kind_name(in->unit));
		in->unit = u;
		seen[1] = 1;
	} else if (strcmp(key, "overlap") == 0 && n == 2) {
		double x;
		if (!parse_value(v[1], &x) || x < 0 || x > 100)
			return cdr_error_set(CDR_EFORMAT, "%s:%zu: the overlap is not a percentage", path, lineno);
		if (g->have_header && x != in->overlap)
			return cdr_error_set(CDR_EFORMAT, "%s: made with overlap %s, where the partial tables before have %.17g",
					     path, v[1], in->overlap);
		in->overlap = x;
		seen[2] = 1;
	} else if (strcmp(key, "only-coded") == 0 && n == 2 && (strcmp(v[1], "0") == 0 || strcmp(v[1], "1") == 0)) {
		if (g->have_header && (v[1][0] == '1') != in->only_coded)
			return cdr_error_set(CDR_EFORMAT, "%s: made %s --only-coded, unlike the partial tables before", path,
					     v[1][0] == '1' ? "with" : "without");
		in->only_coded = v[1][0] == '1';
		seen[3] = 1;
	} else if (strcmp(key, "exclusive") == 0 && n == 2) {
		int none = strcmp(v[1], "(none)") == 0;
		if (g->have_header && (none ? in->exclusive != NULL : in->exclusive == NULL || strcmp(in->exclusive, v[1])))
			return cdr_error_set(CDR_EFORMAT, "%s: made with --exclusive %s, where the partial tables before have %s",
					     path, v[1], in->exclusive ? in->exclusive : "(none)");
		if (!g->have_header && !none && (in->exclusive = cdr_strdup(v[1])) == NULL)
			return CDR_ENOMEM;
		seen[4] = 1;
	} else if (strcmp(key, "codes") == 0 && n == 2 && (strcmp(v[1], "used") == 0 || strcmp(v[1], "given") == 0)) {
		int given = strcmp(v[1], "given") == 0;
		if (g->have_header && given != g->codes_given)
			return cdr_error_set(CDR_EFORMAT, "%s: made %s --codes, unlike the partial tables before", path,
					     given ? "with" : "without");
		g->codes_given = given;
		seen[5] = 1;
	} else {
		return 1; /* not a head line */
	}
	return 0;
}

static int read_partial(struct merge *g, const char *path, size_t file)
{
	FILE *f = fopen(path, "r");
	char *line = NULL, *v[MAXFIELDS];
	size_t cap = 0, lineno = 0, nv_file = 0, pending = 0, nc = 0;
	int rc = 0, state = 0; /* 0 magic, 1 head, 2 body, 3 after end */
	int seen[9] = { 0 }; /* the head's settings, then blank, chars and conflicts */
	struct pvar *cur = NULL;
	double *pv = NULL, *pw = NULL; /* the current code's patterns and weights */
	size_t npat = 0, declared = 0, pvcap = 0, pwcap = 0;
	size_t vars_before = g->nvars;

	if (f == NULL)
		return cdr_error_set(CDR_EIO, "%s: cannot read: %s", path, strerror(errno));
	while (rc == 0 && getline(&line, &cap, f) >= 0) {
		size_t n;
		lineno++;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		n = cdr_tsv_split_at_most(line, v, MAXFIELDS);
#define BAD(...) (rc = cdr_error_set(CDR_EFORMAT, __VA_ARGS__))
		if (state == 0) {
			if (n != 2 || strcmp(v[0], MAGIC) != 0)
				BAD("%s: not a partial agreement table (made by 'codeer agree --partial')", path);
			else if (strcmp(v[1], "1") != 0)
				BAD("%s: partial agreement table version %s; this codeer reads version %d", path, v[1],
				    PARTIAL_VERSION);
			state = 1;
			continue;
		}
		if (state == 3) {
			BAD("%s:%zu: a line after the end", path, lineno);
			break;
		}
		if (pending > 0 && strcmp(v[0], "p") != 0) {
			BAD("%s:%zu: %zu pattern lines missing for code '%s'", path, lineno, pending, cur->name);
			break;
		}
		if (state == 1) {
			int h = head_line(g, path, lineno, v, n, seen);
			if (h <= 0) {
				rc = h;
				continue;
			}
			if (strcmp(v[0], "blank") == 0 || strcmp(v[0], "chars") == 0 || strcmp(v[0], "conflicts") == 0) {
				size_t x;
				int k = v[0][0] == 'b' ? 6 : v[0][1] == 'h' ? 7 : 8;
				if (seen[k]++)
					BAD("%s:%zu: '%s' comes twice", path, lineno, v[0]);
				else if (n != 2 || !parse_size(v[1], &x))
					BAD("%s:%zu: '%s' is not followed by a count", path, lineno, v[0]);
				else if (v[0][0] == 'b')
					g->blank[file] = x;
				else if (v[0][1] == 'h')
					g->chars += x;
				else
					g->conflicts += x;
				continue;
			}
			for (int k = 0; k < 6 && rc == 0; k++)
				if (!seen[k])
					BAD("%s:%zu: the head lacks its '%s' line", path, lineno,
					    (const char *[]){ "coders", "unit", "overlap", "only-coded", "exclusive", "codes" }[k]);
			if (rc)
				break;
			nc = g->info->ncoders;
			g->have_header = 1;
			state = 2;
		}
		if (strcmp(v[0], "doc") == 0 && n == 2 && name_ok(v[1])) {
			if (cdr_grow((void **)&g->docs, &g->dcap, g->ndocs + 1, sizeof(struct named)) < 0 ||
			    (g->docs[g->ndocs].name = cdr_strdup(v[1])) == NULL) {
				rc = CDR_ENOMEM;
				break;
			}
			g->docs[g->ndocs].by = NULL;
			g->docs[g->ndocs++].file = file;
		} else if (strcmp(v[0], "left") == 0 && n == nc + 2 && name_ok(v[1])) {
			struct named *l;
			if (cdr_grow((void **)&g->left, &g->lcap, g->nleft + 1, sizeof(struct named)) < 0) {
				rc = CDR_ENOMEM;
				break;
			}
			l = &g->left[g->nleft];
			l->file = file;
			l->by = NULL;
			if ((l->name = cdr_strdup(v[1])) == NULL || (l->by = cdr_malloc(nc)) == NULL) {
				free(l->name);
				rc = CDR_ENOMEM;
				break;
			}
			g->nleft++;
			for (size_t c = 0; c < nc; c++) {
				if (strcmp(v[c + 2], "0") != 0 && strcmp(v[c + 2], "1") != 0) {
					BAD("%s:%zu: a left-out document's flags are 0 or 1", path, lineno);
					break;
				}
				l->by[c] = v[c + 2][0] == '1';
			}
		} else if (strcmp(v[0], "var") == 0 && n == 5 && name_ok(v[1])) {
			size_t units, coded, np;
			if (!parse_size(v[2], &units) || !parse_size(v[3], &coded) || !parse_size(v[4], &np) || coded > units) {
				BAD("%s:%zu: a code's units, coded units and patterns are counts (coded at most units)", path,
				    lineno);
				break;
			}
			for (size_t i = vars_before; i < g->nvars; i++)
				if (strcmp(g->vars[i].name, v[1]) == 0) {
					BAD("%s:%zu: code '%s' comes twice", path, lineno, v[1]);
					break;
				}
			if (rc)
				break;
			if (cdr_grow((void **)&g->vars, &g->vcap, g->nvars + 1, sizeof(struct pvar)) < 0) {
				rc = CDR_ENOMEM;
				break;
			}
			cur = &g->vars[g->nvars];
			memset(cur, 0, sizeof(*cur));
			cur->file = file;
			cur->units = units;
			cur->coded = coded;
			if ((cur->name = cdr_strdup(v[1])) == NULL) {
				rc = CDR_ENOMEM;
				break;
			}
			g->nvars++;
			nv_file++;
			/* the table is made when its lines are read: the count in the
			 * file is a claim, not an amount of memory to take */
			declared = pending = np;
			npat = 0;
			if (np == 0)
				rc = cdr_rdata_new(&cur->table, 0, nc);
		} else if (strcmp(v[0], "p") == 0 && n == nc + 2 && pending > 0) {
			double w;
			if (cdr_grow((void **)&pv, &pvcap, (npat + 1) * nc, sizeof(double)) < 0 ||
			    cdr_grow((void **)&pw, &pwcap, npat + 1, sizeof(double)) < 0) {
				rc = CDR_ENOMEM;
				break;
			}
			for (size_t c = 0; c < nc && rc == 0; c++)
				if (!parse_value(v[c + 1], &pv[npat * nc + c]))
					BAD("%s:%zu: value '%s' is not a number", path, lineno, v[c + 1]);
			/* a count of units (or characters): a whole number that adds up exactly */
			if (rc == 0 && (!parse_value(v[nc + 1], &w) || !(w >= 1 && w <= 9007199254740992.0) || w != floor(w)))
				BAD("%s:%zu: a pattern's weight must be a whole number above 0", path, lineno);
			if (rc)
				break;
			pw[npat++] = w;
			if (--pending == 0) {
				rc = cdr_rdata_new(&cur->table, declared, nc);
				for (size_t u = 0; u < declared && rc == 0; u++) {
					for (size_t c = 0; c < nc && rc == 0; c++)
						rc = cdr_rdata_set(cur->table, u, c, pv[u * nc + c]);
					if (rc == 0)
						rc = cdr_rdata_set_weight(cur->table, u, pw[u]);
				}
			}
		} else if (strcmp(v[0], "end") == 0 && n == 2) {
			size_t x;
			if (!parse_size(v[1], &x) || x != nv_file)
				BAD("%s:%zu: the end says %s codes, but the file has %zu", path, lineno, v[1], nv_file);
			state = 3;
		} else {
			BAD("%s:%zu: unknown or incomplete line '%s'", path, lineno, v[0]);
		}
#undef BAD
	}
	if (rc == 0 && ferror(f))
		rc = cdr_error_set(CDR_EIO, "%s: cannot read", path);
	if (rc == 0 && state != 3)
		rc = cdr_error_set(CDR_EFORMAT, "%s: incomplete partial agreement table (no end line)", path);
	/* given codes: the same variables in every part, in the same order */
	if (rc == 0 && g->codes_given) {
		if (file == 0) {
			g->nfirst = nv_file;
		} else {
			int same = nv_file == g->nfirst;
			for (size_t i = 0; same && i < nv_file; i++)
				same = strcmp(g->vars[vars_before + i].name, g->vars[i].name) == 0;
			if (!same)
				rc = cdr_error_set(CDR_EFORMAT, "%s: made with other codes than the partial tables before "
								"(--codes or --exclusive)", path);
		}
	}
	free(pv);
	free(pw);
	free(line);
	fclose(f);
	return rc;
}

static int cmp_named(const void *a, const void *b)
{
	return strcmp(((const struct named *)a)->name, ((const struct named *)b)->name);
}

static int cmp_natural(const void *a, const void *b)
{
	return strverscmp(((const struct named *)a)->name, ((const struct named *)b)->name);
}

static int cmp_pvar(const void *a, const void *b)
{
	const struct pvar *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	return c ? c : (x->file > y->file) - (x->file < y->file);
}

/* Every variable of every file, summed by name; a file without a code
 * adds its blank units, uncoded by every coder. */
static int sum_vars(cdr_agreement *a, struct merge *g, size_t nfiles)
{
	const cdr_rdata **parts = cdr_calloc(nfiles + 1, sizeof(*parts));
	cdr_rdata **blanks = cdr_calloc(nfiles + 1, sizeof(*blanks));
	unsigned char *has = cdr_calloc(nfiles + 1, 1);
	int rc = 0;

	if (parts == NULL || blanks == NULL || has == NULL)
		rc = CDR_ENOMEM;
	for (size_t f = 0; f < nfiles && rc == 0; f++) {
		if (g->blank[f] == 0)
			continue;
		if ((rc = cdr_rdata_new(&blanks[f], 1, a->ncoders)) < 0)
			break;
		for (size_t c = 0; c < a->ncoders && rc == 0; c++)
			rc = cdr_rdata_set(blanks[f], 0, c, 0);
		if (rc == 0)
			rc = cdr_rdata_set_weight(blanks[f], 0, (double)g->blank[f]);
	}
	cdr_sort(g->vars, g->nvars, sizeof(struct pvar), cmp_pvar);
	for (size_t i = 0, j; i < g->nvars && rc == 0; i = j) {
		struct variable *v;
		size_t np = 0;
		memset(has, 0, nfiles);
		if (cdr_grow((void **)&a->vars, &a->vars_cap, a->nvars + 1, sizeof(struct variable)) < 0) {
			rc = CDR_ENOMEM;
			break;
		}
		v = &a->vars[a->nvars];
		memset(v, 0, sizeof(*v));
		if ((v->name = cdr_strdup(g->vars[i].name)) == NULL) {
			rc = CDR_ENOMEM;
			break;
		}
		a->nvars++;
		for (j = i; j < g->nvars && strcmp(g->vars[j].name, g->vars[i].name) == 0; j++) {
			parts[np++] = g->vars[j].table;
			v->wunits += g->vars[j].units;
			v->wcoded += g->vars[j].coded;
			has[g->vars[j].file] = 1;
		}
		for (size_t f = 0; f < nfiles; f++)
			if (!has[f] && blanks[f]) {
				parts[np++] = blanks[f];
				v->wunits += g->blank[f];
			}
		rc = cdr_rdata_sum(&v->table, parts, np, a->ncoders);
	}
	for (size_t f = 0; blanks && f < nfiles; f++)
		cdr_rdata_free(blanks[f]);
	free(blanks);
	free(parts);
	free(has);
	return rc;
}

static int no_docs_error(const cdr_agree_partial_info *in, size_t nleft)
{
	cdr_buf names = CDR_BUF_INIT;
	int rc;

	for (size_t c = 0; c < in->ncoders; c++)
		cdr_buf_printf(&names, "%s%s", c ? (c + 1 == in->ncoders ? " and " : ", ") : "", in->coders[c]);
	rc = cdr_error_set(CDR_ENOTFOUND, "coders %s have no document in common%s", names.data ? names.data : "",
			   nleft ? ", only documents some of them did not code" : "");
	cdr_buf_free(&names);
	return rc;
}

int cdr_agreement_partial_merge(cdr_agreement **out, cdr_agree_partial_info *info, const char *const *files,
				size_t n)
{
	struct merge g;
	cdr_agreement *a = NULL;
	int rc = 0;

	*out = NULL;
	memset(info, 0, sizeof(*info));
	memset(&g, 0, sizeof(g));
	g.info = info;
	if (n == 0)
		return cdr_error_set(CDR_EUSAGE, "no partial agreement tables to add up");
	if ((g.blank = cdr_calloc(n, sizeof(size_t))) == NULL)
		return CDR_ENOMEM;
	for (size_t k = 0; k < n && rc == 0; k++)
		rc = read_partial(&g, files[k], k);
	if (rc < 0)
		goto done;
	/* each document in one part: one counted twice would weigh twice */
	cdr_sort(g.docs, g.ndocs, sizeof(struct named), cmp_named);
	for (size_t i = 1; i < g.ndocs; i++)
		if (strcmp(g.docs[i - 1].name, g.docs[i].name) == 0) {
			rc = cdr_error_set(CDR_EFORMAT, "%s: document '%s' is also in %s: each document belongs in one part",
					   files[g.docs[i].file > g.docs[i - 1].file ? g.docs[i].file : g.docs[i - 1].file],
					   g.docs[i].name,
					   files[g.docs[i].file > g.docs[i - 1].file ? g.docs[i - 1].file : g.docs[i].file]);
			goto done;
		}
	if (g.ndocs == 0) {
		rc = no_docs_error(info, g.nleft);
		goto done;
	}
	if ((a = cdr_calloc(1, sizeof(*a))) == NULL || (a->coders = cdr_calloc(info->ncoders, sizeof(char *))) == NULL ||
	    (a->docs = cdr_calloc(g.ndocs, sizeof(char *))) == NULL) {
		rc = CDR_ENOMEM;
		goto done;
	}
	a->unit = info->unit;
	a->chars = g.chars;
	a->conflicts = g.conflicts;
	for (size_t c = 0; c < info->ncoders; c++) {
		if ((a->coders[c] = cdr_strdup(info->coders[c])) == NULL) {
			rc = CDR_ENOMEM;
			goto done;
		}
		a->ncoders++;
	}
	for (size_t i = 0; i < g.ndocs; i++) {
		a->docs[i] = g.docs[i].name;
		g.docs[i].name = NULL;
		a->ndocs++;
	}
	/* left out: in the project's order, which is natural order */
	cdr_sort(g.left, g.nleft, sizeof(struct named), cmp_natural);
	if (g.nleft && (a->left = cdr_calloc(g.nleft, sizeof(struct left_out))) == NULL) {
		rc = CDR_ENOMEM;
		goto done;
	}
	for (size_t i = 0; i < g.nleft; i++) {
		a->left[i].doc = g.left[i].name;
		a->left[i].by = g.left[i].by;
		g.left[i].name = NULL;
		g.left[i].by = NULL;
		a->nleft++;
	}
	if ((rc = sum_vars(a, &g, n)) == 0)
		rc = cdr_agreement_finish_overall(a, info->exclusive != NULL);
done:
	for (size_t i = 0; i < g.nvars; i++) {
		free(g.vars[i].name);
		cdr_rdata_free(g.vars[i].table);
	}
	free(g.vars);
	for (size_t i = 0; i < g.ndocs; i++)
		free(g.docs[i].name);
	free(g.docs);
	for (size_t i = 0; i < g.nleft; i++) {
		free(g.left[i].name);
		free(g.left[i].by);
	}
	free(g.left);
	free(g.blank);
	if (rc < 0) {
		cdr_agreement_free(a);
		cdr_agree_partial_info_clear(info);
		return rc;
	}
	*out = a;
	return 0;
}
