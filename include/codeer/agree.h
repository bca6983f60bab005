/* agree.h -- agreement between coders: reliability data (units x coders)
 * and every coefficient a thesis or a journal asks for.
 *
 * Values are doubles; NAN marks a missing value. For nominal data the
 * values are category labels (any distinct numbers); for ordinal data
 * their order matters; for interval and ratio data their size. Formulas
 * and sources are in docs/agreement.md. A coefficient that is undefined
 * for the data (e.g. kappa when chance agreement is 1) says so instead of
 * returning NaN. */
#ifndef CODEER_AGREE_H
#define CODEER_AGREE_H

#include <stddef.h>
#include <stdint.h>

typedef enum cdr_level {
	CDR_LEVEL_NOMINAL,
	CDR_LEVEL_ORDINAL,
	CDR_LEVEL_INTERVAL,
	CDR_LEVEL_RATIO
} cdr_level;

typedef enum cdr_weights {
	CDR_WEIGHTS_NONE,
	CDR_WEIGHTS_LINEAR,
	CDR_WEIGHTS_QUADRATIC
} cdr_weights;

int cdr_level_parse(cdr_level *out, const char *name);
const char *cdr_level_name(cdr_level level);
int cdr_weights_parse(cdr_weights *out, const char *name);

/** Reliability data: units x coders. */
typedef struct cdr_rdata cdr_rdata;

int cdr_rdata_new(cdr_rdata **out, size_t units, size_t coders);
/** Data of units x coders values (row-major, NAN for missing) made from
 * `values`, which it then owns (freed by cdr_rdata_free, also on error). */
int cdr_rdata_adopt(cdr_rdata **out, double *values, size_t units, size_t coders);
void cdr_rdata_free(cdr_rdata *d);
size_t cdr_rdata_units(const cdr_rdata *d);
size_t cdr_rdata_coders(const cdr_rdata *d);
/** Set one value (NAN: missing). A cell outside the data is refused. */
int cdr_rdata_set(cdr_rdata *d, size_t unit, size_t coder, double value);
double cdr_rdata_get(const cdr_rdata *d, size_t unit, size_t coder);
/**
 * Give a unit a weight (multiplicity): the unit counts as that many
 * identical units. Used for character units, where a run of characters
 * coded alike is one weighted unit. The bootstrap resamples such runs.
 */
int cdr_rdata_set_weight(cdr_rdata *d, size_t unit, double weight);
/** The weight of a unit (1 unless set). */
double cdr_rdata_weight(const cdr_rdata *d, size_t unit);

/**
 * The sums every coefficient is computed from: the distinct rows (patterns
 * of values over the coders) of one or more data sets with the same
 * coders, sorted (a missing value before any number, then by value, coder
 * by coder), each weighted by the summed weights of the rows it stands
 * for. Coefficients of the result are those of the units it sums; as the
 * rows are in one canonical order and integer weights add up exactly,
 * data that sum to the same patterns give the same coefficients to the
 * last bit, however the units were split or ordered (partial agreement
 * tables, docs/agreement.md). Empty parts are allowed; `n` = 0 gives an
 * empty table of `coders` coders. CDR_EUSAGE when the parts have other
 * numbers of coders. CDR_ENOMEM.
 */
int cdr_rdata_sum(cdr_rdata **out, const cdr_rdata *const *parts, size_t n, size_t coders);

typedef enum cdr_table_layout {
	CDR_LAYOUT_UNITS_BY_CODERS,  /* a row per unit, a column per coder */
	CDR_LAYOUT_CODERS_BY_UNITS,  /* a row per coder, a column per unit */
	CDR_LAYOUT_COUNTS            /* a row per unit, a column per category: how many coders chose it */
} cdr_table_layout;

int cdr_table_layout_parse(cdr_table_layout *out, const char *name);


/**
 * Read a reliability table from a CSV (or, for *.tsv, tab-separated)
 * file. The first row names the coders (or categories, for counts); a
 * first column headed "unit" (or "coder") holds labels and is skipped.
 * Empty cells are missing values. At the nominal level cells may be any
 * text (each distinct text a category); at other levels they must be
 * numbers: an error names the row and column of one that is not. A ragged
 * row is an error. *names receives the coder (or category) names.
 */
int cdr_rdata_read(cdr_rdata **out, char ***names, size_t *nnames, const char *path,
		   cdr_table_layout layout, cdr_level level);
/** The same from len bytes in memory; `name` stands for the file in
 * messages, and a name ending in .tsv means tab-separated. */
int cdr_rdata_parse(cdr_rdata **out, char ***names, size_t *nnames, const char *data, size_t len,
		    const char *name, cdr_table_layout layout, cdr_level level);

/** A coefficient's value, or why it has none. */
typedef struct cdr_coef {
	double value;
	int defined;          /* 0: see `why` */
	const char *why;      /* static text, for undefined values */
	double se;            /* standard error where the method has one, else NAN */
	double lo, hi;        /* bootstrap interval, NAN unless computed */
	size_t units;         /* units that entered the computation */
	int rc;               /* 0, or CDR_ENOMEM when it could not be computed: an error, not a value */
} cdr_coef;

/** Percent agreement (pairwise, over units with two or more values), 0..1. */
cdr_coef cdr_agree_percent(const cdr_rdata *d);
/** Cohen's kappa, two coders; weighted over ordered categories. Has an SE. */
cdr_coef cdr_agree_cohen(const cdr_rdata *d, cdr_weights w);
/** Scott's pi, two coders. */
cdr_coef cdr_agree_scott(const cdr_rdata *d);
/** Fleiss' kappa, any number of coders (missing values allowed). */
cdr_coef cdr_agree_fleiss(const cdr_rdata *d);
/** Brennan-Prediger kappa; q categories (0: those in the data). */
cdr_coef cdr_agree_brennan_prediger(const cdr_rdata *d, cdr_weights w, size_t q);
/** Gwet's AC1 (weights NONE) or AC2 (weighted), any number of coders. */
cdr_coef cdr_agree_gwet(const cdr_rdata *d, cdr_weights w, size_t q);
/** Krippendorff's alpha at a level of measurement, missing values allowed. */
cdr_coef cdr_agree_alpha(const cdr_rdata *d, cdr_level level);
/**
 * Conger's kappa (Conger 1980), any number of coders, missing values
 * allowed: Cohen's kappa with chance agreement averaged over pairs of
 * coders, each coder with their own category shares; weighted over
 * ordered categories. As irrCAC's conger.kappa.raw; for two coders and no
 * missing values it is Cohen's kappa. Has an SE (Gwet 2014; irrCAC).
 */
cdr_coef cdr_agree_conger(const cdr_rdata *d, cdr_weights w);
/**
 * Holsti's coefficient of reliability (Holsti 1969), CR = 2M / (N1 + N2):
 * of the values two coders gave (N1 + N2), the share given in agreement
 * (M: units both coded alike, counted once for each coder). A value where
 * the other coder has none counts as a decision not agreed on. With three
 * or more coders, the mean over pairs of coders. Exact agreement only: no
 * weights, no chance correction.
 */
cdr_coef cdr_agree_holsti(const cdr_rdata *d);

/** Which coefficient a bootstrap resamples. */
typedef enum cdr_coef_kind {
	CDR_COEF_PERCENT, CDR_COEF_COHEN, CDR_COEF_SCOTT, CDR_COEF_FLEISS,
	CDR_COEF_BP, CDR_COEF_GWET, CDR_COEF_ALPHA, CDR_COEF_CONGER, CDR_COEF_HOLSTI
} cdr_coef_kind;

typedef struct cdr_coef_spec {
	cdr_coef_kind kind;
	cdr_weights weights;
	cdr_level level;
	size_t q;
} cdr_coef_spec;

cdr_coef cdr_agree_compute(const cdr_rdata *d, const cdr_coef_spec *spec);

/** A coefficient as a table lists it: what to compute, and its names. */
typedef struct cdr_coef_choice {
	const char *id;     /* for programs: "cohen", "gwet_ac2_linear", "krippendorff_alpha" */
	const char *name;   /* for people: "Cohen's kappa", "Krippendorff's alpha, ordinal" */
	cdr_coef_spec spec;
} cdr_coef_choice;

/** Room cdr_agree_coefs needs. */
#define CDR_AGREE_COEFS_MAX 16

/**
 * The coefficients that apply to data of `ncoders` coders at `level`,
 * with weights `w`, in the order tables show them: percent agreement;
 * Holsti's coefficient; for two coders Cohen's kappa (also with linear
 * and quadratic weights at an ordered level or with weights) and Scott's
 * pi; Fleiss' kappa; Conger's kappa (weighted likewise); Brennan-Prediger
 * kappa; Gwet's AC1, and AC2 with the weights; Krippendorff's alpha at the
 * level. In the counts layout which coder gave which value is unknown, so
 * Holsti's, Cohen's, Scott's and Conger's coefficients are left out.
 * Fills `out` (room for CDR_AGREE_COEFS_MAX) and *n. CDR_EUSAGE for
 * weights at the nominal level, whose categories have no order.
 */
int cdr_agree_coefs(cdr_coef_choice *out, size_t *n, size_t ncoders, cdr_level level, cdr_weights w,
		    cdr_table_layout layout);

/**
 * The one kappa a per-code summary shows: Cohen's for two coders (each
 * keeps their own shares), Fleiss' for three or more.
 */
cdr_coef_choice cdr_agree_kappa_choice(size_t ncoders);

/**
 * Percentile bootstrap over units: `replicates` resamples drawn with a
 * generator seeded by `seed` (the same seed gives the same interval).
 * Fills c->lo and c->hi with the 2.5 and 97.5 percentiles (or the
 * `level` two-sided interval, e.g. 0.95).
 */
int cdr_agree_bootstrap(cdr_coef *c, const cdr_rdata *d, const cdr_coef_spec *spec,
			size_t replicates, uint64_t seed, double level);

#endif
