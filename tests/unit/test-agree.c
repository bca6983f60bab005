/* test-agree.c -- the agreement coefficients (agree.h) against published
 * worked examples, each with its source, and the edge cases: undefined
 * coefficients say why, missing values, the bootstrap's determinism and a
 * large table.
 *
 * Published values are asserted to the rounding they were published with:
 * a value printed as .743 is checked with |x - .743| < .0005. Where no
 * published number could be checked, the expected value is worked out by
 * hand in the comment next to the assertion. */
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codeer/agree.h"
#include "codeer/agreement.h"
#include "codeer/coding.h"
#include "codeer/error.h"
#include "codeer/scheme.h"
#include "util/alloc.h"
#include "test.h"

/* ---- helpers ------------------------------------------------------------ */

#define M NAN /* a missing value in the tables below */

/* |x - want| within half a unit of the published last digit. */
#define ASSERT_NEAR(x, want, tol) CU_ASSERT(fabs((x) - (want)) < (tol))

/* The coefficient is defined and equals `want` to within `tol`. */
#define ASSERT_COEF(c, want, tol)                  \
	do {                                       \
		cdr_coef c_ = (c);                 \
		CU_ASSERT_EQUAL(c_.defined, 1);    \
		ASSERT_NEAR(c_.value, want, tol);  \
	} while (0)

/* The coefficient is undefined and says why. */
#define ASSERT_UNDEFINED(c)                                      \
	do {                                                     \
		cdr_coef c_ = (c);                               \
		CU_ASSERT_EQUAL(c_.defined, 0);                  \
		CU_ASSERT_PTR_NOT_NULL(c_.why);                  \
		CU_ASSERT(c_.why != NULL && c_.why[0] != '\0');  \
	} while (0)

/* Reliability data from a row-major units x coders array. */
static cdr_rdata *rdata_of(const double *v, size_t units, size_t coders)
{
	cdr_rdata *d = NULL;

	CU_ASSERT_FATAL(cdr_rdata_new(&d, units, coders) == 0);
	for (size_t u = 0; u < units; u++)
		for (size_t j = 0; j < coders; j++)
			cdr_rdata_set(d, u, j, v[u * coders + j]);
	return d;
}

/* Two-coder data from a q x q contingency table of counts (rows: coder 1,
 * columns: coder 2; categories 1..q). */
static cdr_rdata *rdata_of_table(const int *t, size_t q)
{
	size_t n = 0, u = 0;
	cdr_rdata *d = NULL;

	for (size_t i = 0; i < q * q; i++)
		n += (size_t)t[i];
	CU_ASSERT_FATAL(cdr_rdata_new(&d, n, 2) == 0);
	for (size_t i = 0; i < q; i++)
		for (size_t j = 0; j < q; j++)
			for (int k = 0; k < t[i * q + j]; k++, u++) {
				cdr_rdata_set(d, u, 0, (double)(i + 1));
				cdr_rdata_set(d, u, 1, (double)(j + 1));
			}
	return d;
}

/* ---- Krippendorff (2011) ------------------------------------------------ */

/*
 * Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability.
 * University of Pennsylvania, Annenberg School for Communication,
 * Departmental Papers. Example C, "Nominal data, any number of observers,
 * missing data": 4 observers (A-D) x 12 units, values 1-5, "." missing.
 * Units are rows here, observers A, B, C, D columns.
 *
 * The same table is Gwet (2014), Handbook of Inter-Rater Reliability, 4th
 * ed., Advanced Analytics, p. 120 (4 raters x 12 subjects, 5 categories),
 * shipped as the data set cac.raw4raters of Gwet's irrCAC package.
 */
static const double k4x12[12 * 4] = {
	1, 1, M, 1,
	2, 2, 3, 2,
	3, 3, 3, 3,
	3, 3, 3, 3,
	2, 2, 2, 2,
	1, 2, 3, 4,
	4, 4, 4, 4,
	1, 1, 2, 1,
	2, 2, 2, 2,
	M, 5, 5, 5,
	M, M, 1, 1,
	M, M, 3, M,
};

static void test_agree_krippendorff_2011_four_observers(void)
{
	cdr_rdata *d = rdata_of(k4x12, 12, 4);

	/* Krippendorff (2011): nominal .743 (example C) and, computed there
	 * on the same data with the other metrics, ordinal .815, interval
	 * .849, ratio .797. Unit 12 has one value and is not pairable. */
	ASSERT_COEF(cdr_agree_alpha(d, CDR_LEVEL_NOMINAL), 0.743, 0.0005);
	ASSERT_COEF(cdr_agree_alpha(d, CDR_LEVEL_ORDINAL), 0.815, 0.0005);
	ASSERT_COEF(cdr_agree_alpha(d, CDR_LEVEL_INTERVAL), 0.849, 0.0005);
	ASSERT_COEF(cdr_agree_alpha(d, CDR_LEVEL_RATIO), 0.797, 0.0005);
	CU_ASSERT_EQUAL(cdr_agree_alpha(d, CDR_LEVEL_NOMINAL).units, 11);
	/* The irrCAC README (Gwet 2019) prints krippen.alpha.raw(cac.raw4raters)
	 * = 0.74342 and, in the weighting vignette, quadratic weights on
	 * categories 1..5 (= the interval metric) 0.84911. */
	ASSERT_COEF(cdr_agree_alpha(d, CDR_LEVEL_NOMINAL), 0.74342, 0.000005);
	ASSERT_COEF(cdr_agree_alpha(d, CDR_LEVEL_INTERVAL), 0.84911, 0.000005);
	cdr_rdata_free(d);
}

static void test_agree_krippendorff_2011_binary(void)
{
	/* Krippendorff (2011), example A, "Binary or dichotomous data, two
	 * observers, no missing data": 10 units, alpha = 0.095. */
	static const double v[10 * 2] = {
		0, 1,  1, 1,  0, 1,  0, 0,  0, 0,
		0, 1,  0, 0,  0, 0,  1, 0,  0, 0,
	};
	cdr_rdata *d = rdata_of(v, 10, 2);

	ASSERT_COEF(cdr_agree_alpha(d, CDR_LEVEL_NOMINAL), 0.095, 0.0005);
	/* By hand: 6 of 10 units agree, so percent agreement = .6.
	 * Pooled values: 14 zeros, 6 ones out of 20, so Scott's
	 * p_e = .7^2 + .3^2 = .58 and pi = (.6 - .58)/(1 - .58) = .02/.42
	 * = 0.047619; Fleiss' kappa for two coders is Scott's pi.
	 * Alpha agrees: 1 - (n-1)/n (1-p_o)/(1-p_e) = 1 - 19/20 * .4/.42
	 * = 1 - 0.904762 = 0.095238. */
	ASSERT_COEF(cdr_agree_percent(d), 0.6, 1e-12);
	ASSERT_COEF(cdr_agree_scott(d), 0.047619, 0.0000005);
	ASSERT_COEF(cdr_agree_fleiss(d), 0.047619, 0.0000005);
	ASSERT_COEF(cdr_agree_alpha(d, CDR_LEVEL_NOMINAL), 0.095238, 0.0000005);
	/* By hand, Cohen: coder 1 has 2 ones (p=.2), coder 2 has 4 (p=.4);
	 * p_e = .8*.6 + .2*.4 = .56, kappa = (.6 - .56)/.44 = 0.090909. */
	ASSERT_COEF(cdr_agree_cohen(d, CDR_WEIGHTS_NONE), 0.090909, 0.0000005);
	cdr_rdata_free(d);
}

static void test_agree_krippendorff_2011_nominal_two_observers(void)
{
	/* Krippendorff (2011), example B, "Nominal data, two observers, no
	 * missing data": values a..e for 12 units, alpha = 0.692. Coded here
	 * a=1, b=2, c=3, d=4, e=5 (nominal: the labels do not matter). The
	 * same data are cac.ben.gerry in Gwet's irrCAC package. */
	static const double v[12 * 2] = {
		1, 2,  1, 1,  2, 2,  2, 2,  4, 2,  3, 3,
		3, 3,  3, 3,  5, 5,  4, 4,  4, 4,  1, 4,
	};
	cdr_rdata *d = rdata_of(v, 12, 2);

	ASSERT_COEF(cdr_agree_alpha(d, CDR_LEVEL_NOMINAL), 0.692, 0.0005);
	/* By hand, Scott's pi: 9 of 12 units agree, p_o = .75. Pooled
	 * counts of the 24 values: a 4, b 6, c 6, d 6, e 2, so
	 * p_e = (16 + 36 + 36 + 36 + 4)/576 = 128/576 = 0.222222 and
	 * pi = (.75 - .222222)/(1 - .222222) = .527778/.777778 = 0.678571. */
	ASSERT_COEF(cdr_agree_scott(d), 0.678571, 0.0000005);
	ASSERT_COEF(cdr_agree_percent(d), 0.75, 1e-12);
	cdr_rdata_free(d);
}

/* ---- Fleiss (1971) ------------------------------------------------------ */

/*
 * Fleiss, J. L. (1971). Measuring nominal scale agreement among many
 * raters. Psychological Bulletin, 76(5), 378-382. Table 1: 30 patients,
 * 6 psychiatrists each, 5 categories (1 depression, 2 personality
 * disorder, 3 schizophrenia, 4 neurosis, 5 other). Fleiss prints the
 * counts per patient and category; the ratings below are those counts
 * spelled out, as in the data set `diagnoses` of R's irr package.
 */
static const double fleiss1971[30 * 6] = {
	4, 4, 4, 4, 4, 4,
	2, 2, 2, 5, 5, 5,
	2, 3, 3, 3, 3, 5,
	5, 5, 5, 5, 5, 5,
	2, 2, 2, 4, 4, 4,
	1, 1, 3, 3, 3, 3,
	3, 3, 3, 3, 5, 5,
	1, 1, 3, 3, 3, 4,
	1, 1, 4, 4, 4, 4,
	5, 5, 5, 5, 5, 5,
	1, 4, 4, 4, 4, 4,
	1, 2, 4, 4, 4, 4,
	2, 2, 2, 3, 3, 3,
	1, 4, 4, 4, 4, 4,
	2, 2, 4, 4, 4, 5,
	3, 3, 3, 3, 3, 5,
	1, 1, 1, 4, 5, 5,
	1, 1, 1, 1, 1, 2,
	2, 2, 4, 4, 4, 4,
	1, 3, 3, 5, 5, 5,
	5, 5, 5, 5, 5, 5,
	2, 4, 4, 4, 4, 4,
	2, 2, 4, 5, 5, 5,
	1, 1, 4, 4, 4, 4,
	1, 4, 4, 4, 4, 5,
	2, 2, 2, 2, 2, 4,
	1, 1, 1, 1, 5, 5,
	2, 2, 4, 4, 4, 4,
	1, 3, 3, 3, 3, 3,
	5, 5, 5, 5, 5, 5,
};

static void test_agree_fleiss_1971(void)
{
	cdr_rdata *d = rdata_of(fleiss1971, 30, 6);
	size_t count[6] = { 0 };

	/* The data as printed: column totals 26, 26, 30, 55, 43 (Fleiss's
	 * p_j = .144, .144, .167, .306, .239). */
	for (size_t i = 0; i < 30 * 6; i++)
		count[(int)fleiss1971[i]]++;
	CU_ASSERT_EQUAL(count[1], 26);
	CU_ASSERT_EQUAL(count[2], 26);
	CU_ASSERT_EQUAL(count[3], 30);
	CU_ASSERT_EQUAL(count[4], 55);
	CU_ASSERT_EQUAL(count[5], 43);
	/* Fleiss (1971): P-bar = .556, kappa = .430. By hand:
	 * P-bar_e = (26^2 + 26^2 + 30^2 + 55^2 + 43^2)/180^2 = 7126/32400
	 * = .219938; kappa = (.555556 - .219938)/(1 - .219938) = .430245. */
	ASSERT_COEF(cdr_agree_percent(d), 0.556, 0.0005);
	ASSERT_COEF(cdr_agree_fleiss(d), 0.430, 0.0005);
	/* R irr: kappam.fleiss(diagnoses) = 0.4302445 (as reproduced in
	 * statsmodels' test_inter_rater.py). */
	ASSERT_COEF(cdr_agree_fleiss(d), 0.4302445, 0.00000005);
	CU_ASSERT_EQUAL(cdr_agree_fleiss(d).units, 30);
	/* Cohen and Scott are for two coders only. */
	ASSERT_UNDEFINED(cdr_agree_cohen(d, CDR_WEIGHTS_NONE));
	ASSERT_UNDEFINED(cdr_agree_scott(d));
	cdr_rdata_free(d);
}

static void test_agree_fleiss_1971_first_15_gwet(void)
{
	/* Gwet's irrCAC (2019) README and weighting vignette, data set
	 * distrib.6raters = the first 15 patients of Fleiss (1971) Table 1:
	 *   gwet.ac1.dist      0.4448007   fleiss.kappa.dist 0.4139265
	 *   krippen.alpha.dist 0.4204384   bp.coeff.dist     0.4388889
	 *   quadratic weights: AC2 0.4837438, Brennan-Prediger 0.4177778. */
	cdr_rdata *d = rdata_of(fleiss1971, 15, 6);

	ASSERT_COEF(cdr_agree_gwet(d, CDR_WEIGHTS_NONE, 0), 0.4448007, 0.00000005);
	ASSERT_COEF(cdr_agree_fleiss(d), 0.4139265, 0.00000005);
	ASSERT_COEF(cdr_agree_alpha(d, CDR_LEVEL_NOMINAL), 0.4204384, 0.00000005);
	ASSERT_COEF(cdr_agree_brennan_prediger(d, CDR_WEIGHTS_NONE, 0), 0.4388889, 0.00000005);
	ASSERT_COEF(cdr_agree_gwet(d, CDR_WEIGHTS_QUADRATIC, 0), 0.4837438, 0.00000005);
	ASSERT_COEF(cdr_agree_brennan_prediger(d, CDR_WEIGHTS_QUADRATIC, 0), 0.4177778, 0.00000005);
	/* pa printed alongside: 0.5511111 */
	ASSERT_COEF(cdr_agree_percent(d), 0.5511111, 0.00000005);
	cdr_rdata_free(d);
}

/* ---- Gwet (2014): 4 raters x 12 subjects with missing ratings ----------- */

static void test_agree_gwet_2014_four_raters(void)
{
	/* Gwet (2014), Handbook of Inter-Rater Reliability, 4th ed., p. 120;
	 * values as printed by Gwet's irrCAC (2019) README for cac.raw4raters:
	 *   pa.coeff.raw      0.8181818
	 *   gwet.ac1.raw      0.77544   (pe 0.1903212)
	 *   fleiss.kappa.raw  0.76117   (pe 0.2387153)  -- Fleiss' kappa
	 *                     generalised to missing ratings
	 *   bp.coeff.raw      0.77273   (pe 0.2)
	 * and by the weighting vignette with weights = "quadratic":
	 *   gwet.ac1.raw      0.914     (AC2, pe 0.7137044)
	 *   bp.coeff.raw      0.90152   (pe 0.75)
	 *   pa.coeff.raw      0.9753788 (weighted percent agreement) */
	cdr_rdata *d = rdata_of(k4x12, 12, 4);

	ASSERT_COEF(cdr_agree_percent(d), 0.8181818, 0.00000005);
	ASSERT_COEF(cdr_agree_gwet(d, CDR_WEIGHTS_NONE, 0), 0.77544, 0.000005);
	ASSERT_COEF(cdr_agree_fleiss(d), 0.76117, 0.000005);
	ASSERT_COEF(cdr_agree_brennan_prediger(d, CDR_WEIGHTS_NONE, 0), 0.77273, 0.000005);
	ASSERT_COEF(cdr_agree_gwet(d, CDR_WEIGHTS_QUADRATIC, 0), 0.914, 0.0005);
	ASSERT_COEF(cdr_agree_brennan_prediger(d, CDR_WEIGHTS_QUADRATIC, 0), 0.90152, 0.000005);
	/* 11 units have two or more ratings. */
	CU_ASSERT_EQUAL(cdr_agree_fleiss(d).units, 11);
	CU_ASSERT_EQUAL(cdr_agree_percent(d).units, 11);

	/*
	 * By hand, the same numbers (Gwet's formulas with missing ratings):
	 * per-unit agreement sum_k r_ik(r_ik - 1)/(r_i(r_i - 1))
	 * for the 11 units with r_i >= 2 is 1, 6/12, 1, 1, 1, 0, 1, 6/12, 1,
	 * 1, 1: p_a = 9/11 = 0.818182. Shares pi_k = mean over the 12 rated
	 * units of r_ik/r_i: pi = (3, 3.25, 3.5, 1.25, 1)/12. Then
	 *   sum pi_k^2 = (9 + 10.5625 + 12.25 + 1.5625 + 1)/144 = 0.238715
	 *   Fleiss = (0.818182 - 0.238715)/(1 - 0.238715) = 0.761169
	 *   AC1 p_e = (1 - 0.238715)/(5 - 1) = 0.190321,
	 *   AC1 = (0.818182 - 0.190321)/(1 - 0.190321) = 0.775444
	 *   BP = (0.818182 - 1/5)/(1 - 1/5) = 0.772727
	 * Quadratic weights on 5 categories sum to T_w = 5 + 8(15/16)
	 * + 6(12/16) + 4(7/16) = 18.75, so AC2 p_e = 18.75/20 * 0.761285
	 * = 0.713704 and BP p_e = 18.75/25 = .75.
	 */
	ASSERT_COEF(cdr_agree_fleiss(d), 0.761169, 0.0000005);
	ASSERT_COEF(cdr_agree_gwet(d, CDR_WEIGHTS_NONE, 0), 0.775444, 0.0000005);
	ASSERT_COEF(cdr_agree_brennan_prediger(d, CDR_WEIGHTS_NONE, 0), 0.772727, 0.0000005);
	cdr_rdata_free(d);
}

/* ---- two raters: Gwet's cont3x3abstractors ------------------------------ */

/*
 * Gwet's irrCAC package (2019), data set cont3x3abstractors (two
 * abstractors, 100 subjects, categories Ectopic, AIU, NIU), the worked
 * example of its README and weighting vignette, which print:
 *   kappa2.table   0.7964094 (se 0.05891072); quadratic 0.8921569 (se 0.03535151)
 *   scott2.table   0.7962397
 *   gwet.ac1.table 0.8493305;                 quadratic AC2 0.9402369
 *   bp2.table      0.835;                     quadratic 0.9175
 *   krippen2.table 0.7972585
 *   pa2.table      0.89
 * irrCAC's kappa variance, (sum_kl p_kl (w_kl - (1-k)(wbar_k + wbar_l))^2
 * - (p_a - 2(1-k)p_e)^2) / (n (1-p_e)^2), is the Fleiss, Cohen & Everitt
 * (1969) formula: p_a - 2(1-k)p_e = k - p_e(1-k) since p_a = k(1-p_e) + p_e.
 */
static const int abstractors[3 * 3] = {
	13, 0, 0,
	0, 20, 7,
	0, 4, 56,
};

static void test_agree_gwet_abstractors(void)
{
	cdr_rdata *d = rdata_of_table(abstractors, 3);
	cdr_coef k = cdr_agree_cohen(d, CDR_WEIGHTS_NONE);
	cdr_coef kq = cdr_agree_cohen(d, CDR_WEIGHTS_QUADRATIC);

	CU_ASSERT_EQUAL(k.defined, 1);
	ASSERT_NEAR(k.value, 0.7964094, 0.00000005);
	ASSERT_NEAR(k.se, 0.05891072, 0.000000005);
	CU_ASSERT_EQUAL(k.units, 100);
	CU_ASSERT_EQUAL(kq.defined, 1);
	ASSERT_NEAR(kq.value, 0.8921569, 0.00000005);
	ASSERT_NEAR(kq.se, 0.03535151, 0.000000005);
	ASSERT_COEF(cdr_agree_scott(d), 0.7962397, 0.00000005);
	ASSERT_COEF(cdr_agree_gwet(d, CDR_WEIGHTS_NONE, 0), 0.8493305, 0.00000005);
	ASSERT_COEF(cdr_agree_gwet(d, CDR_WEIGHTS_QUADRATIC, 0), 0.9402369, 0.00000005);
	ASSERT_COEF(cdr_agree_brennan_prediger(d, CDR_WEIGHTS_NONE, 0), 0.835, 0.0005);
	ASSERT_COEF(cdr_agree_brennan_prediger(d, CDR_WEIGHTS_QUADRATIC, 0), 0.9175, 0.00005);
	ASSERT_COEF(cdr_agree_alpha(d, CDR_LEVEL_NOMINAL), 0.7972585, 0.00000005);
	ASSERT_COEF(cdr_agree_percent(d), 0.89, 0.005);
	/* With two coders and no missing values Fleiss' kappa is Scott's pi. */
	ASSERT_COEF(cdr_agree_fleiss(d), 0.7962397, 0.00000005);
	cdr_rdata_free(d);
}

/* ---- Cohen (1960, 1968): kappa and the FCE (1969) standard error -------- */

static void test_agree_cohen_1968(void)
{
	/*
	 * Cohen, J. (1968). Weighted kappa: Nominal scale agreement with
	 * provision for scaled disagreement or partial credit. Psychological
	 * Bulletin, 70(4), 213-220, Table 1, N = 200 (cell proportions; the
	 * orientation of rows and columns does not change kappa or its SE):
	 *     .44 .07 .09 | .60
	 *     .05 .20 .05 | .30
	 *     .01 .03 .06 | .10
	 *     .50 .30 .20
	 * p_o = .70, p_c = .41, kappa = .492 (Cohen's value; also quoted in the
	 * examples of cohen.kappa in R's psych package: "cohen reports .492").
	 */
	static const int t[3 * 3] = { 88, 14, 18, 10, 40, 10, 2, 6, 12 };
	cdr_rdata *d = rdata_of_table(t, 3);
	cdr_coef k = cdr_agree_cohen(d, CDR_WEIGHTS_NONE);

	CU_ASSERT_EQUAL(k.defined, 1);
	ASSERT_NEAR(k.value, 0.492, 0.0005);
	/*
	 * The large-sample SE of Fleiss, Cohen & Everitt (1969), by hand
	 * (Cohen's own 1960 approximation, sqrt(p_o(1-p_o)/(N(1-p_c)^2))
	 * = .0549, is a different, older formula):
	 * k = .29/.59 = .491525, 1-k = .508475.
	 * Diagonal: p_ii (1 - (p_i. + p_.i)(1-k))^2
	 *   .44 (1 - 1.10*.508475)^2 = .44 * .440678^2 = .085447
	 *   .20 (1 - 0.60*.508475)^2 = .20 * .694915^2 = .096581
	 *   .06 (1 - 0.30*.508475)^2 = .06 * .847458^2 = .043091
	 * Off the diagonal: (1-k)^2 sum p_ij (p_.i + p_j.)^2
	 *   = .258547 (.07*.64 + .09*.36 + .05*.81 + .05*.16 + .01*.64
	 *              + .03*.25) = .258547 * .1396 = .036093
	 * A = .225119 + .036093 = .261212
	 * B = (k - p_c(1-k))^2 = (.491525 - .208475)^2 = .080117
	 * var = (A - B)/(N (1-p_c)^2) = .181095/69.62 = .0026012,
	 * se = 0.051002.
	 */
	ASSERT_NEAR(k.se, 0.051002, 0.0000005);
	CU_ASSERT_EQUAL(k.units, 200);
	cdr_rdata_free(d);
}

static void test_agree_cohen_sas_linear(void)
{
	/*
	 * SAS PROC FREQ (AGREE) printout for the 3 x 3 table below, as
	 * reproduced in statsmodels' stats/tests/test_inter_rater.py (table10):
	 *   Simple Kappa   0.4842, ASE 0.1380
	 *   Weighted Kappa 0.4701, ASE 0.1457 (Cicchetti-Allison weights =
	 *   linear, 1 - |i-j|/(q-1); SAS's ASE is Fleiss, Cohen & Everitt 1969).
	 */
	static const int t[3 * 3] = { 0, 4, 1, 0, 8, 0, 0, 1, 5 };
	cdr_rdata *d = rdata_of_table(t, 3);
	cdr_coef k = cdr_agree_cohen(d, CDR_WEIGHTS_NONE);
	cdr_coef kl = cdr_agree_cohen(d, CDR_WEIGHTS_LINEAR);

	CU_ASSERT_EQUAL(k.defined, 1);
	ASSERT_NEAR(k.value, 0.4842, 0.00005);
	ASSERT_NEAR(k.se, 0.1380, 0.00005);
	CU_ASSERT_EQUAL(kl.defined, 1);
	ASSERT_NEAR(kl.value, 0.4701, 0.00005);
	ASSERT_NEAR(kl.se, 0.1457, 0.00005);
	/* By hand: n = 19, p_o = (0+8+5)/19 = .684211; rows (5, 8, 6)/19,
	 * columns (0, 13, 6)/19; p_e = (8*13 + 6*6)/361 = 140/361 = .387812;
	 * kappa = (.684211 - .387812)/(1 - .387812) = .296399/.612188
	 * = 0.484163. */
	ASSERT_NEAR(k.value, 0.484163, 0.0000005);
	cdr_rdata_free(d);
}

/* ---- Brennan & Prediger (1981) ------------------------------------------ */

static void test_agree_brennan_prediger_definition(void)
{
	/*
	 * Brennan, R. L., & Prediger, D. J. (1981). Coefficient kappa: Some
	 * uses, misuses, and alternatives. Educational and Psychological
	 * Measurement, 41, 687-699: kappa_n = (p_o - 1/q)/(1 - 1/q), chance
	 * agreement fixed at 1/q for q categories.
	 * Krippendorff's binary example (2 coders, 10 units): p_o = .6.
	 *   q = 2 (the categories in the data): (.6 - .5)/.5 = .2
	 *   q = 5 (given):                      (.6 - .2)/.8 = .5
	 *   q = 1 (fewer than the data have):   undefined
	 */
	static const double v[10 * 2] = {
		0, 1,  1, 1,  0, 1,  0, 0,  0, 0,
		0, 1,  0, 0,  0, 0,  1, 0,  0, 0,
	};
	cdr_rdata *d = rdata_of(v, 10, 2);

	ASSERT_COEF(cdr_agree_brennan_prediger(d, CDR_WEIGHTS_NONE, 0), 0.2, 1e-12);
	ASSERT_COEF(cdr_agree_brennan_prediger(d, CDR_WEIGHTS_NONE, 2), 0.2, 1e-12);
	ASSERT_COEF(cdr_agree_brennan_prediger(d, CDR_WEIGHTS_NONE, 5), 0.5, 1e-12);
	ASSERT_UNDEFINED(cdr_agree_brennan_prediger(d, CDR_WEIGHTS_NONE, 1));
	/* Gwet's AC1 with q given: p_e = 1/(q-1) sum pi_k(1-pi_k); the pooled
	 * shares are .7, .3, so sum = .21 + .21 = .42. For q = 2: p_e = .42,
	 * AC1 = (.6 - .42)/.58 = 0.310345. */
	ASSERT_COEF(cdr_agree_gwet(d, CDR_WEIGHTS_NONE, 0), 0.310345, 0.0000005);
	cdr_rdata_free(d);
}

static void test_agree_brennan_prediger_three_coders(void)
{
	/*
	 * By hand, 3 coders x 4 units, categories 1..3:
	 *   unit 1: 1 1 1   agreement 3*2/(3*2) = 1
	 *   unit 2: 1 1 2   2*1/6             = 1/3
	 *   unit 3: 2 3 3   2*1/6             = 1/3
	 *   unit 4: 3 3 M   2*1/2             = 1
	 * p_o = (1 + 1/3 + 1/3 + 1)/4 = 2/3, q = 3:
	 * BP = (2/3 - 1/3)/(1 - 1/3) = 0.5.
	 * Linear weights (1, .5, 0): unit 2's r* for category 1 is
	 * 2 + .5 = 2.5 and for 2 it is 1 + .5*2 = 2, giving
	 * (2*1.5 + 1*1)/6 = 4/6; unit 3 likewise 4/6; p_o = (1 + 4/6 + 4/6
	 * + 1)/4 = 5/6. T_w = 3 + 4*.5 = 5, p_e = 5/9:
	 * BP_linear = (5/6 - 5/9)/(1 - 5/9) = (5/18)/(4/9) = 0.625.
	 */
	static const double v[4 * 3] = {
		1, 1, 1,
		1, 1, 2,
		2, 3, 3,
		3, 3, M,
	};
	cdr_rdata *d = rdata_of(v, 4, 3);

	ASSERT_COEF(cdr_agree_percent(d), 2.0 / 3.0, 1e-12);
	ASSERT_COEF(cdr_agree_brennan_prediger(d, CDR_WEIGHTS_NONE, 0), 0.5, 1e-12);
	ASSERT_COEF(cdr_agree_brennan_prediger(d, CDR_WEIGHTS_LINEAR, 0), 0.625, 1e-12);
	cdr_rdata_free(d);
}

/* ---- edge cases --------------------------------------------------------- */

static void test_agree_all_one_category(void)
{
	/* 5 units x 3 coders, every value 1: everyone agrees, but chance
	 * agreement is 1 too, so every chance-corrected coefficient is 0/0. */
	cdr_rdata *d = NULL, *d2 = NULL;

	CU_ASSERT_FATAL(cdr_rdata_new(&d, 5, 3) == 0);
	CU_ASSERT_FATAL(cdr_rdata_new(&d2, 5, 2) == 0);
	for (size_t u = 0; u < 5; u++) {
		for (size_t j = 0; j < 3; j++)
			cdr_rdata_set(d, u, j, 1);
		for (size_t j = 0; j < 2; j++)
			cdr_rdata_set(d2, u, j, 1);
	}
	ASSERT_COEF(cdr_agree_percent(d), 1.0, 1e-12);
	ASSERT_UNDEFINED(cdr_agree_fleiss(d));
	ASSERT_UNDEFINED(cdr_agree_gwet(d, CDR_WEIGHTS_NONE, 0));
	ASSERT_UNDEFINED(cdr_agree_brennan_prediger(d, CDR_WEIGHTS_NONE, 0));
	ASSERT_UNDEFINED(cdr_agree_alpha(d, CDR_LEVEL_NOMINAL));
	ASSERT_UNDEFINED(cdr_agree_alpha(d, CDR_LEVEL_INTERVAL));
	ASSERT_COEF(cdr_agree_percent(d2), 1.0, 1e-12);
	ASSERT_UNDEFINED(cdr_agree_cohen(d2, CDR_WEIGHTS_NONE));
	ASSERT_UNDEFINED(cdr_agree_cohen(d2, CDR_WEIGHTS_QUADRATIC));
	ASSERT_UNDEFINED(cdr_agree_scott(d2));
	/* With the number of categories given, BP and AC1 are defined:
	 * BP = (1 - 1/3)/(1 - 1/3) = 1; AC1 p_e = 1/2 * (1*0) = 0, AC1 = 1. */
	ASSERT_COEF(cdr_agree_brennan_prediger(d, CDR_WEIGHTS_NONE, 3), 1.0, 1e-12);
	ASSERT_COEF(cdr_agree_gwet(d, CDR_WEIGHTS_NONE, 3), 1.0, 1e-12);
	cdr_rdata_free(d);
	cdr_rdata_free(d2);
}

static void test_agree_coder_never_codes(void)
{
	/* Krippendorff's example B (two observers) with a third coder who
	 * coded nothing: the multi-coder coefficients are those of the two
	 * coders (Scott's pi = 0.678571, alpha = 0.692 as above), and the
	 * two-coder ones are undefined for three coders. */
	static const double ab[12 * 2] = {
		1, 2,  1, 1,  2, 2,  2, 2,  4, 2,  3, 3,
		3, 3,  3, 3,  5, 5,  4, 4,  4, 4,  1, 4,
	};
	cdr_rdata *d = NULL, *lone = NULL;

	CU_ASSERT_FATAL(cdr_rdata_new(&d, 12, 3) == 0);
	for (size_t u = 0; u < 12; u++) {
		cdr_rdata_set(d, u, 0, ab[u * 2]);
		cdr_rdata_set(d, u, 1, ab[u * 2 + 1]);
		/* coder 2 stays NAN */
	}
	ASSERT_COEF(cdr_agree_percent(d), 0.75, 1e-12);
	ASSERT_COEF(cdr_agree_fleiss(d), 0.678571, 0.0000005);
	ASSERT_COEF(cdr_agree_alpha(d, CDR_LEVEL_NOMINAL), 0.692, 0.0005);
	CU_ASSERT_EQUAL(cdr_agree_fleiss(d).units, 12);
	ASSERT_UNDEFINED(cdr_agree_cohen(d, CDR_WEIGHTS_NONE));
	ASSERT_UNDEFINED(cdr_agree_scott(d));

	/* Two coders, the second never codes: no unit is pairable. */
	CU_ASSERT_FATAL(cdr_rdata_new(&lone, 12, 2) == 0);
	for (size_t u = 0; u < 12; u++)
		cdr_rdata_set(lone, u, 0, ab[u * 2]);
	ASSERT_UNDEFINED(cdr_agree_percent(lone));
	ASSERT_UNDEFINED(cdr_agree_cohen(lone, CDR_WEIGHTS_NONE));
	ASSERT_UNDEFINED(cdr_agree_scott(lone));
	ASSERT_UNDEFINED(cdr_agree_fleiss(lone));
	ASSERT_UNDEFINED(cdr_agree_brennan_prediger(lone, CDR_WEIGHTS_NONE, 0));
	ASSERT_UNDEFINED(cdr_agree_gwet(lone, CDR_WEIGHTS_NONE, 0));
	ASSERT_UNDEFINED(cdr_agree_alpha(lone, CDR_LEVEL_NOMINAL));
	CU_ASSERT_EQUAL(cdr_agree_fleiss(lone).units, 0);
	cdr_rdata_free(d);
	cdr_rdata_free(lone);
}

static void test_agree_single_unit(void)
{
	/* One unit, two coders, same value: percent = 1; the chance-corrected
	 * coefficients have p_e = 1 (one category) and are undefined. */
	static const double same[2] = { 3, 3 };
	cdr_rdata *d = rdata_of(same, 1, 2);

	ASSERT_COEF(cdr_agree_percent(d), 1.0, 1e-12);
	CU_ASSERT_EQUAL(cdr_agree_percent(d).units, 1);
	ASSERT_UNDEFINED(cdr_agree_cohen(d, CDR_WEIGHTS_NONE));
	ASSERT_UNDEFINED(cdr_agree_scott(d));
	ASSERT_UNDEFINED(cdr_agree_fleiss(d));
	ASSERT_UNDEFINED(cdr_agree_gwet(d, CDR_WEIGHTS_NONE, 0));
	ASSERT_UNDEFINED(cdr_agree_brennan_prediger(d, CDR_WEIGHTS_NONE, 0));
	ASSERT_UNDEFINED(cdr_agree_alpha(d, CDR_LEVEL_NOMINAL));
	cdr_rdata_free(d);

	/* One unit, two coders, different values 1 and 2: p_o = 0.
	 * Cohen: rows (1, 0), columns (0, 1), p_e = 0, kappa = 0.
	 * Scott: shares (.5, .5), p_e = .5, pi = (0 - .5)/.5 = -1.
	 * Alpha: n = 2 values, D_o = 2/(1*2) = 1, D_e = 2*1*1/(2*1) = 1,
	 * alpha = 0. BP: (0 - .5)/.5 = -1. */
	static const double diff[2] = { 1, 2 };
	d = rdata_of(diff, 1, 2);
	ASSERT_COEF(cdr_agree_percent(d), 0.0, 1e-12);
	ASSERT_COEF(cdr_agree_cohen(d, CDR_WEIGHTS_NONE), 0.0, 1e-12);
	ASSERT_COEF(cdr_agree_scott(d), -1.0, 1e-12);
	ASSERT_COEF(cdr_agree_alpha(d, CDR_LEVEL_NOMINAL), 0.0, 1e-12);
	ASSERT_COEF(cdr_agree_brennan_prediger(d, CDR_WEIGHTS_NONE, 0), -1.0, 1e-12);
	cdr_rdata_free(d);
}

static void test_agree_all_missing(void)
{
	cdr_rdata *d = NULL, *d2 = NULL;
	cdr_coef_spec spec = { CDR_COEF_FLEISS, CDR_WEIGHTS_NONE, CDR_LEVEL_NOMINAL, 0 };
	cdr_coef c;

	CU_ASSERT_FATAL(cdr_rdata_new(&d, 6, 3) == 0); /* all NAN from new */
	CU_ASSERT_FATAL(cdr_rdata_new(&d2, 6, 2) == 0);
	CU_ASSERT(isnan(cdr_rdata_get(d, 5, 2)));
	ASSERT_UNDEFINED(cdr_agree_percent(d));
	ASSERT_UNDEFINED(cdr_agree_fleiss(d));
	ASSERT_UNDEFINED(cdr_agree_gwet(d, CDR_WEIGHTS_NONE, 0));
	ASSERT_UNDEFINED(cdr_agree_gwet(d, CDR_WEIGHTS_QUADRATIC, 0));
	ASSERT_UNDEFINED(cdr_agree_brennan_prediger(d, CDR_WEIGHTS_NONE, 0));
	ASSERT_UNDEFINED(cdr_agree_alpha(d, CDR_LEVEL_NOMINAL));
	ASSERT_UNDEFINED(cdr_agree_alpha(d, CDR_LEVEL_ORDINAL));
	ASSERT_UNDEFINED(cdr_agree_alpha(d, CDR_LEVEL_INTERVAL));
	ASSERT_UNDEFINED(cdr_agree_alpha(d, CDR_LEVEL_RATIO));
	ASSERT_UNDEFINED(cdr_agree_cohen(d2, CDR_WEIGHTS_NONE));
	ASSERT_UNDEFINED(cdr_agree_cohen(d2, CDR_WEIGHTS_LINEAR));
	ASSERT_UNDEFINED(cdr_agree_scott(d2));
	/* The bootstrap has nothing to resample into a defined value. */
	c = cdr_agree_compute(d, &spec);
	CU_ASSERT_EQUAL(cdr_agree_bootstrap(&c, d, &spec, 50, 1, 0.95), 0);
	CU_ASSERT(isnan(c.lo));
	CU_ASSERT(isnan(c.hi));
	cdr_rdata_free(d);
	cdr_rdata_free(d2);
}

static void test_agree_cohen_three_coders(void)
{
	cdr_rdata *d = rdata_of(k4x12, 12, 4);
	static const double three[3 * 3] = { 1, 1, 2, 2, 2, 2, 1, 2, 1 };
	cdr_rdata *d3 = rdata_of(three, 3, 3);

	ASSERT_UNDEFINED(cdr_agree_cohen(d3, CDR_WEIGHTS_NONE));
	ASSERT_UNDEFINED(cdr_agree_cohen(d3, CDR_WEIGHTS_LINEAR));
	ASSERT_UNDEFINED(cdr_agree_cohen(d3, CDR_WEIGHTS_QUADRATIC));
	ASSERT_UNDEFINED(cdr_agree_scott(d3));
	ASSERT_UNDEFINED(cdr_agree_cohen(d, CDR_WEIGHTS_NONE));
	CU_ASSERT(isnan(cdr_agree_cohen(d3, CDR_WEIGHTS_NONE).se));
	/* The multi-coder coefficients are fine on the same data. */
	CU_ASSERT_EQUAL(cdr_agree_fleiss(d3).defined, 1);
	cdr_rdata_free(d);
	cdr_rdata_free(d3);
}

/* ---- bootstrap ---------------------------------------------------------- */

static void test_agree_bootstrap_deterministic(void)
{
	cdr_rdata *d = rdata_of(fleiss1971, 30, 6);
	cdr_coef_spec spec = { CDR_COEF_FLEISS, CDR_WEIGHTS_NONE, CDR_LEVEL_NOMINAL, 0 };
	cdr_coef a = cdr_agree_compute(d, &spec), b = a, c = a;

	CU_ASSERT_EQUAL(a.defined, 1);
	CU_ASSERT_EQUAL(cdr_agree_bootstrap(&a, d, &spec, 1000, 20240601u, 0.95), 0);
	CU_ASSERT_EQUAL(cdr_agree_bootstrap(&b, d, &spec, 1000, 20240601u, 0.95), 0);
	CU_ASSERT_EQUAL(cdr_agree_bootstrap(&c, d, &spec, 1000, 7u, 0.95), 0);
	/* same seed, same interval, bit for bit */
	CU_ASSERT(a.lo == b.lo);
	CU_ASSERT(a.hi == b.hi);
	CU_ASSERT(!isnan(a.lo) && !isnan(a.hi));
	/* the interval brackets the estimate on this non-degenerate table */
	CU_ASSERT(a.lo <= a.value && a.value <= a.hi);
	CU_ASSERT(c.lo <= c.value && c.value <= c.hi);
	CU_ASSERT(a.lo < a.hi);
	/* another seed: another resample, close to the first (Monte Carlo
	 * error of a 1000-replicate percentile is about .01 here) */
	CU_ASSERT(fabs(a.lo - c.lo) < 0.05);
	CU_ASSERT(fabs(a.hi - c.hi) < 0.05);
	/* the value itself is untouched by the bootstrap */
	ASSERT_NEAR(a.value, 0.430, 0.0005);

	/* Cohen on Cohen's (1968) table and alpha on Krippendorff's data too */
	{
		static const int t[3 * 3] = { 88, 14, 18, 10, 40, 10, 2, 6, 12 };
		cdr_rdata *dt = rdata_of_table(t, 3);
		cdr_rdata *dk = rdata_of(k4x12, 12, 4);
		cdr_coef_spec sk = { CDR_COEF_COHEN, CDR_WEIGHTS_NONE, CDR_LEVEL_NOMINAL, 0 };
		cdr_coef_spec sa = { CDR_COEF_ALPHA, CDR_WEIGHTS_NONE, CDR_LEVEL_ORDINAL, 0 };
		cdr_coef k1 = cdr_agree_compute(dt, &sk), k2 = k1;
		cdr_coef al = cdr_agree_compute(dk, &sa), al2 = al;

		CU_ASSERT_EQUAL(cdr_agree_bootstrap(&k1, dt, &sk, 500, 99, 0.95), 0);
		CU_ASSERT_EQUAL(cdr_agree_bootstrap(&k2, dt, &sk, 500, 99, 0.95), 0);
		CU_ASSERT(k1.lo == k2.lo && k1.hi == k2.hi);
		CU_ASSERT(k1.lo <= k1.value && k1.value <= k1.hi);
		/* roughly kappa +- 2 se (se = .051) */
		CU_ASSERT(k1.lo > 0.3 && k1.hi < 0.7);
		CU_ASSERT_EQUAL(cdr_agree_bootstrap(&al, dk, &sa, 500, 3, 0.9), 0);
		CU_ASSERT_EQUAL(cdr_agree_bootstrap(&al2, dk, &sa, 500, 3, 0.9), 0);
		CU_ASSERT(al.lo == al2.lo && al.hi == al2.hi);
		CU_ASSERT(al.lo <= al.value && al.value <= al.hi);
		cdr_rdata_free(dt);
		cdr_rdata_free(dk);
	}
	cdr_rdata_free(d);
}

/* ---- a large table ------------------------------------------------------ */

/* splitmix64: the test's own fixed-seed generator */
static uint64_t test_rng(uint64_t *x)
{
	uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static void test_agree_large_table(void)
{
	/*
	 * 100000 units x 5 coders, categories 1..4. Each unit has a true
	 * category (uniform); each coder gives it with probability .8 and a
	 * uniform random category otherwise, and 5% of values are missing at
	 * random. By hand: a coder's value equals the truth with probability
	 * .8 + .2/4 = .85 and each other category with .05, so two coders
	 * agree with probability .85^2 + 3 * .05^2 = .73. The shares are
	 * uniform, so Fleiss' p_e = 4 * .25^2 = .25, AC1's
	 * p_e = (1 - .25)/3 = .25 and BP's 1/4 = .25: all three estimate
	 * (.73 - .25)/(1 - .25) = 0.64, as does nominal alpha (which
	 * differs from Fleiss' kappa by O(1/n)). Sampling error at this size
	 * is about .002.
	 */
	const size_t units = 100000, coders = 5;
	cdr_rdata *d = NULL;
	uint64_t seed = 12345;
	cdr_coef c;

	CU_ASSERT_FATAL(cdr_rdata_new(&d, units, coders) == 0);
	for (size_t u = 0; u < units; u++) {
		int truth = (int)(test_rng(&seed) % 4) + 1;
		for (size_t j = 0; j < coders; j++) {
			uint64_t r = test_rng(&seed);
			double v;
			if (r % 100 < 5)
				continue; /* missing */
			r /= 100;
			v = (r % 10 < 8) ? truth : (double)((r / 10) % 4 + 1);
			cdr_rdata_set(d, u, j, v);
		}
	}
	CU_ASSERT_EQUAL(cdr_rdata_units(d), units);
	CU_ASSERT_EQUAL(cdr_rdata_coders(d), coders);

	c = cdr_agree_percent(d);
	ASSERT_COEF(c, 0.73, 0.01);
	CU_ASSERT(c.units > units - 10);
	ASSERT_COEF(cdr_agree_fleiss(d), 0.64, 0.01);
	ASSERT_COEF(cdr_agree_gwet(d, CDR_WEIGHTS_NONE, 0), 0.64, 0.01);
	ASSERT_COEF(cdr_agree_brennan_prediger(d, CDR_WEIGHTS_NONE, 0), 0.64, 0.01);
	ASSERT_COEF(cdr_agree_alpha(d, CDR_LEVEL_NOMINAL), 0.64, 0.01);
	/* the other levels and weights complete and stay in range */
	c = cdr_agree_alpha(d, CDR_LEVEL_ORDINAL);
	CU_ASSERT(c.defined && c.value > 0.5 && c.value <= 1.0);
	c = cdr_agree_alpha(d, CDR_LEVEL_INTERVAL);
	CU_ASSERT(c.defined && c.value > 0.5 && c.value <= 1.0);
	c = cdr_agree_alpha(d, CDR_LEVEL_RATIO);
	CU_ASSERT(c.defined && c.value > 0.5 && c.value <= 1.0);
	c = cdr_agree_gwet(d, CDR_WEIGHTS_QUADRATIC, 0);
	CU_ASSERT(c.defined && c.value > 0.5 && c.value <= 1.0);
	ASSERT_UNDEFINED(cdr_agree_cohen(d, CDR_WEIGHTS_NONE));
	cdr_rdata_free(d);
}

/* ---- the names of levels and weights ------------------------------------ */

static void test_agree_parse_names(void)
{
	cdr_level l;
	cdr_weights w;

	CU_ASSERT_EQUAL(cdr_level_parse(&l, "ordinal"), 0);
	CU_ASSERT_EQUAL(l, CDR_LEVEL_ORDINAL);
	CU_ASSERT_STRING_EQUAL(cdr_level_name(CDR_LEVEL_RATIO), "ratio");
	CU_ASSERT(cdr_level_parse(&l, "cardinal") < 0);
	CU_ASSERT_EQUAL(cdr_weights_parse(&w, "quadratic"), 0);
	CU_ASSERT_EQUAL(w, CDR_WEIGHTS_QUADRATIC);
	CU_ASSERT(cdr_weights_parse(&w, "cubic") < 0);
}

/* The ids of a choice of coefficients, comma-separated. */
static void choice_ids(char *buf, size_t n, size_t ncoders, cdr_level level, cdr_weights w, cdr_table_layout layout)
{
	cdr_coef_choice c[CDR_AGREE_COEFS_MAX];
	size_t k = 99;

	buf[0] = '\0';
	CU_ASSERT_EQUAL_FATAL(cdr_agree_coefs(c, &k, ncoders, level, w, layout), 0);
	CU_ASSERT_FATAL(k <= CDR_AGREE_COEFS_MAX);
	for (size_t i = 0; i < k; i++)
		snprintf(buf + strlen(buf), n - strlen(buf), "%s%s", i ? "," : "", c[i].id);
}

/* Which coefficients apply is the library's rule, the same for the
 * command line and the report. */
static void test_agree_coef_choice(void)
{
	cdr_coef_choice c[CDR_AGREE_COEFS_MAX], kappa;
	char ids[512];
	size_t n = 99;

	/* two coders, nominal: Cohen and Scott, no weighted variants */
	choice_ids(ids, sizeof(ids), 2, CDR_LEVEL_NOMINAL, CDR_WEIGHTS_NONE, CDR_LAYOUT_UNITS_BY_CODERS);
	CU_ASSERT_STRING_EQUAL(ids, "percent,holsti,cohen,scott,fleiss,conger,brennan_prediger,gwet_ac1,krippendorff_alpha");
	/* three coders: no Cohen or Scott */
	choice_ids(ids, sizeof(ids), 3, CDR_LEVEL_NOMINAL, CDR_WEIGHTS_NONE, CDR_LAYOUT_CODERS_BY_UNITS);
	CU_ASSERT_STRING_EQUAL(ids, "percent,holsti,fleiss,conger,brennan_prediger,gwet_ac1,krippendorff_alpha");
	/* an ordered level: the weighted kappas; weights add AC2 */
	choice_ids(ids, sizeof(ids), 2, CDR_LEVEL_ORDINAL, CDR_WEIGHTS_QUADRATIC, CDR_LAYOUT_UNITS_BY_CODERS);
	CU_ASSERT_STRING_EQUAL(ids, "percent,holsti,cohen,cohen_linear,cohen_quadratic,scott,fleiss,conger,conger_linear,"
				    "conger_quadratic,brennan_prediger,gwet_ac1,gwet_ac2_quadratic,krippendorff_alpha");
	/* counts: who gave which value is unknown, so no Holsti, Cohen, Scott, Conger */
	choice_ids(ids, sizeof(ids), 4, CDR_LEVEL_NOMINAL, CDR_WEIGHTS_NONE, CDR_LAYOUT_COUNTS);
	CU_ASSERT_STRING_EQUAL(ids, "percent,fleiss,brennan_prediger,gwet_ac1,krippendorff_alpha");
	/* names for people; alpha says its level */
	CU_ASSERT_EQUAL(cdr_agree_coefs(c, &n, 2, CDR_LEVEL_INTERVAL, CDR_WEIGHTS_LINEAR, CDR_LAYOUT_UNITS_BY_CODERS), 0);
	CU_ASSERT_STRING_EQUAL(c[n - 1].name, "Krippendorff's alpha, interval");
	CU_ASSERT_EQUAL(c[n - 1].spec.level, CDR_LEVEL_INTERVAL);
	CU_ASSERT_STRING_EQUAL(c[n - 2].name, "Gwet's AC2, linear weights");
	CU_ASSERT_EQUAL(c[n - 2].spec.weights, CDR_WEIGHTS_LINEAR);
	/* weights on nominal data: refused, and the message names no option */
	CU_ASSERT_EQUAL(cdr_agree_coefs(c, &n, 2, CDR_LEVEL_NOMINAL, CDR_WEIGHTS_LINEAR, CDR_LAYOUT_UNITS_BY_CODERS), CDR_EUSAGE);
	CU_ASSERT_EQUAL(n, 0);
	CU_ASSERT(strstr(cdr_error_last(), "ordered") != NULL);
	CU_ASSERT(strstr(cdr_error_last(), "--") == NULL);
	/* the summary's kappa */
	kappa = cdr_agree_kappa_choice(2);
	CU_ASSERT_EQUAL(kappa.spec.kind, CDR_COEF_COHEN);
	CU_ASSERT_STRING_EQUAL(kappa.name, "Cohen's kappa");
	kappa = cdr_agree_kappa_choice(3);
	CU_ASSERT_EQUAL(kappa.spec.kind, CDR_COEF_FLEISS);
	CU_ASSERT_STRING_EQUAL(kappa.name, "Fleiss' kappa");
}

/* ---- Conger's kappa ----------------------------------------------------- */

static void test_agree_conger_gwet_2014_four_raters(void)
{
	/* Gwet's irrCAC (2019) README prints conger.kappa.raw(cac.raw4raters)
	 * (the table k4x12 above): pa 0.8181818, pe 0.2334252, coefficient
	 * 0.76282, se 0.14917; its weighting vignette, weights = "quadratic"
	 * (categories 1..5, so value and rank weights agree): pa 0.9753788,
	 * pe 0.8269638, 0.85771, se 0.14367. */
	cdr_rdata *d = rdata_of(k4x12, 12, 4);
	cdr_coef k = cdr_agree_conger(d, CDR_WEIGHTS_NONE);
	cdr_coef kq = cdr_agree_conger(d, CDR_WEIGHTS_QUADRATIC);

	CU_ASSERT_EQUAL(k.defined, 1);
	ASSERT_NEAR(k.value, 0.76282, 0.000005);
	/* the same through p_a and p_e at the precision they were printed */
	ASSERT_NEAR(k.value, (9.0 / 11.0 - 0.2334252) / (1 - 0.2334252), 0.0000001);
	ASSERT_NEAR(k.se, 0.14917, 0.000005);
	CU_ASSERT_EQUAL(k.units, 11);
	CU_ASSERT_EQUAL(kq.defined, 1);
	ASSERT_NEAR(kq.value, 0.85771, 0.000005);
	ASSERT_NEAR(kq.value, (0.9753788 - 0.8269638) / (1 - 0.8269638), 0.0000005);
	ASSERT_NEAR(kq.se, 0.14367, 0.000005);
	/* the coders' own shares differ, so Conger's p_e (.2334) is below
	 * Fleiss' (.2387) and kappa above it (.7612) */
	CU_ASSERT(k.value > cdr_agree_fleiss(d).value);
	cdr_rdata_free(d);
}

static void test_agree_conger_by_hand(void)
{
	/*
	 * Three coders, four units, binary:
	 *   u1 1 1 1   u2 1 1 0   u3 0 0 0   u4 0 1 0
	 * p_a: u1 1, u2 (2*1)/(3*2) = 1/3, u3 1, u4 1/3: p_a = 2/3.
	 * Shares of 1: A 2/4, B 3/4, C 1/4. Pairwise chance agreement
	 * AB .5*.75 + .5*.25 = .5, AC .5, BC .75*.25 + .25*.75 = .375:
	 * p_e = 1.375/3 = 11/24, kappa = (16/24 - 11/24)/(13/24) = 5/13.
	 * Fleiss pools the shares (pi_1 = .5, p_e = .5): kappa 1/3.
	 */
	static const double v[4 * 3] = { 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, 0 };
	cdr_rdata *d = rdata_of(v, 4, 3);
	cdr_coef_spec spec = { CDR_COEF_CONGER, CDR_WEIGHTS_NONE, CDR_LEVEL_NOMINAL, 0 };

	ASSERT_COEF(cdr_agree_conger(d, CDR_WEIGHTS_NONE), 5.0 / 13.0, 1e-12);
	ASSERT_COEF(cdr_agree_compute(d, &spec), 5.0 / 13.0, 1e-12);
	ASSERT_COEF(cdr_agree_fleiss(d), 1.0 / 3.0, 1e-12);
	/* two categories: every weighting scheme is the identity */
	ASSERT_COEF(cdr_agree_conger(d, CDR_WEIGHTS_QUADRATIC), 5.0 / 13.0, 1e-12);
	cdr_rdata_free(d);
}

static void test_agree_conger_two_coders_is_cohen(void)
{
	/* For two coders and no missing values Conger's kappa is Cohen's:
	 * on Gwet's cont3x3abstractors (kappa2.table 0.7964094, quadratic
	 * 0.8921569) and on random tables, with every weighting. */
	cdr_rdata *d = rdata_of_table(abstractors, 3);
	uint64_t seed = 1980;

	ASSERT_COEF(cdr_agree_conger(d, CDR_WEIGHTS_NONE), 0.7964094, 0.00000005);
	ASSERT_COEF(cdr_agree_conger(d, CDR_WEIGHTS_QUADRATIC), 0.8921569, 0.00000005);
	cdr_rdata_free(d);
	for (int t = 0; t < 50; t++) {
		size_t n = 5 + test_rng(&seed) % 60, q = 2 + test_rng(&seed) % 5;
		cdr_rdata *r = NULL;
		CU_ASSERT_FATAL(cdr_rdata_new(&r, n, 2) == 0);
		for (size_t u = 0; u < n; u++) {
			double a = (double)(test_rng(&seed) % q);
			cdr_rdata_set(r, u, 0, a);
			cdr_rdata_set(r, u, 1, test_rng(&seed) % 3 ? a : (double)(test_rng(&seed) % q));
		}
		for (int w = CDR_WEIGHTS_NONE; w <= CDR_WEIGHTS_QUADRATIC; w++) {
			cdr_coef k = cdr_agree_cohen(r, (cdr_weights)w), c = cdr_agree_conger(r, (cdr_weights)w);
			CU_ASSERT_EQUAL(c.defined, k.defined);
			if (k.defined && c.defined)
				CU_ASSERT(fabs(c.value - k.value) < 1e-12);
		}
		cdr_rdata_free(r);
	}
}

static void test_agree_conger_missing_and_undefined(void)
{
	/* A coder with no value at all has no shares and is left out: with
	 * the third coder empty, Conger's kappa is the first two coders'. */
	static const double two[5 * 2] = { 1, 1, 2, 2, 1, 2, 2, 2, 1, 1 };
	static const double three[5 * 3] = { 1, 1, M, 2, 2, M, 1, 2, M, 2, 2, M, 1, 1, M };
	static const double one_cat[3 * 2] = { 1, 1, 1, 1, 1, 1 };
	static const double none[2 * 2] = { M, M, M, M };
	cdr_rdata *d2 = rdata_of(two, 5, 2), *d3 = rdata_of(three, 5, 3);
	cdr_rdata *d1 = rdata_of(one_cat, 3, 2), *d0 = rdata_of(none, 2, 2);
	cdr_coef a = cdr_agree_conger(d2, CDR_WEIGHTS_NONE), b = cdr_agree_conger(d3, CDR_WEIGHTS_NONE);

	CU_ASSERT(a.defined && b.defined);
	ASSERT_NEAR(b.value, a.value, 1e-12);
	ASSERT_NEAR(b.se, a.se, 1e-12);
	/* 4 of 5 agree; shares A (3/5, 2/5), B (2/5, 3/5): p_e = .48,
	 * kappa = (.8 - .48)/.52 = 8/13 */
	ASSERT_NEAR(a.value, 8.0 / 13.0, 1e-12);
	/* chance agreement 1, and no pairs: undefined, with a reason */
	ASSERT_UNDEFINED(cdr_agree_conger(d1, CDR_WEIGHTS_NONE));
	ASSERT_UNDEFINED(cdr_agree_conger(d0, CDR_WEIGHTS_NONE));
	cdr_rdata_free(d2);
	cdr_rdata_free(d3);
	cdr_rdata_free(d1);
	cdr_rdata_free(d0);
}

static void test_agree_conger_unit_weights(void)
{
	/* A unit of weight 3 counts as three identical units (character
	 * runs), for the value and for the standard error. */
	static const double v[4 * 3] = { 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, 0 };
	static const double rep[6 * 3] = { 1, 1, 1, 1, 1, 0, 1, 1, 0, 1, 1, 0, 0, 0, 0, 0, 1, 0 };
	cdr_rdata *d = rdata_of(v, 4, 3), *e = rdata_of(rep, 6, 3);
	cdr_coef a, b;

	CU_ASSERT_EQUAL(cdr_rdata_set_weight(d, 1, 3), 0);
	for (int w = CDR_WEIGHTS_NONE; w <= CDR_WEIGHTS_QUADRATIC; w++) {
		a = cdr_agree_conger(d, (cdr_weights)w);
		b = cdr_agree_conger(e, (cdr_weights)w);
		CU_ASSERT(a.defined && b.defined);
		ASSERT_NEAR(a.value, b.value, 1e-12);
		ASSERT_NEAR(a.se, b.se, 1e-12);
	}
	a = cdr_agree_holsti(d);
	b = cdr_agree_holsti(e);
	CU_ASSERT(a.defined && b.defined);
	ASSERT_NEAR(a.value, b.value, 1e-12);
	cdr_rdata_free(d);
	cdr_rdata_free(e);
}

static void test_agree_conger_bootstrap(void)
{
	cdr_rdata *d = rdata_of(fleiss1971, 30, 6);
	cdr_coef_spec spec = { CDR_COEF_CONGER, CDR_WEIGHTS_NONE, CDR_LEVEL_NOMINAL, 0 };
	cdr_coef a = cdr_agree_compute(d, &spec), b = a;

	CU_ASSERT_EQUAL(a.defined, 1);
	CU_ASSERT_EQUAL(cdr_agree_bootstrap(&a, d, &spec, 500, 11, 0.95), 0);
	CU_ASSERT_EQUAL(cdr_agree_bootstrap(&b, d, &spec, 500, 11, 0.95), 0);
	CU_ASSERT(a.lo == b.lo && a.hi == b.hi);
	CU_ASSERT(a.lo <= a.value && a.value <= a.hi);
	cdr_rdata_free(d);
}

/* ---- Holsti's coefficient ----------------------------------------------- */

static void test_agree_holsti_by_hand(void)
{
	/*
	 * Two coders, ten units: A codes all ten, B the first eight, and they
	 * agree on six of those. N1 = 10, N2 = 8, M = 6: CR = 12/18 = 2/3,
	 * where percent agreement (units both coded) is 6/8 = .75.
	 */
	static const double v[10 * 2] = {
		1, 1,  2, 2,  3, 3,  1, 1,  2, 2,  3, 3,  1, 2,  2, 3,  1, M,  2, M,
	};
	/* The table of test_agree_conger_by_hand: pairs AB 3/4, AC 3/4,
	 * BC 2/4, mean 2/3; with no missing values the mean over pairs is
	 * percent agreement (Fleiss' P-bar). */
	static const double c3[4 * 3] = { 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, 0 };
	/* Three coders with gaps: A 1 2 1 -, B 1 2 2 2, C - 2 2 1.
	 * AB: N 3 + 4, agree u1 u2: 4/7; AC: N 3 + 3, agree u2: 2/6;
	 * BC: N 4 + 3, agree u2 u3: 4/7. Mean (4/7 + 1/3 + 4/7)/3 = 31/63. */
	static const double gaps[4 * 3] = { 1, 1, M, 2, 2, 2, 1, 2, 2, M, 2, 1 };
	cdr_rdata *d = rdata_of(v, 10, 2), *e = rdata_of(c3, 4, 3), *g = rdata_of(gaps, 4, 3);
	cdr_coef_spec spec = { CDR_COEF_HOLSTI, CDR_WEIGHTS_NONE, CDR_LEVEL_NOMINAL, 0 };
	cdr_coef h = cdr_agree_holsti(d);

	CU_ASSERT_EQUAL(h.defined, 1);
	ASSERT_NEAR(h.value, 2.0 / 3.0, 1e-12);
	CU_ASSERT_EQUAL(h.units, 10);
	CU_ASSERT(isnan(h.se));
	ASSERT_COEF(cdr_agree_percent(d), 0.75, 1e-12);
	ASSERT_COEF(cdr_agree_compute(d, &spec), 2.0 / 3.0, 1e-12);
	ASSERT_COEF(cdr_agree_holsti(e), 2.0 / 3.0, 1e-12);
	ASSERT_COEF(cdr_agree_percent(e), 2.0 / 3.0, 1e-12);
	ASSERT_COEF(cdr_agree_holsti(g), 31.0 / 63.0, 1e-12);
	cdr_rdata_free(d);
	cdr_rdata_free(e);
	cdr_rdata_free(g);
}

static void test_agree_holsti_complete_is_percent(void)
{
	/* Holsti (1969): with both coders deciding on every unit, N1 = N2 = n
	 * and CR = M/n, the share of units agreed on: on Gwet's
	 * cont3x3abstractors, pa2.table's 0.89. */
	cdr_rdata *d = rdata_of_table(abstractors, 3);

	ASSERT_COEF(cdr_agree_holsti(d), 0.89, 1e-12);
	CU_ASSERT_EQUAL(cdr_agree_holsti(d).units, 100);
	cdr_rdata_free(d);
}

static void test_agree_holsti_undefined(void)
{
	static const double none[2 * 2] = { M, M, M, M };
	static const double one[3] = { 1, 2, 1 };
	cdr_rdata *d0 = rdata_of(none, 2, 2), *d1 = rdata_of(one, 3, 1);

	ASSERT_UNDEFINED(cdr_agree_holsti(d0));
	ASSERT_UNDEFINED(cdr_agree_holsti(d1));
	cdr_rdata_free(d0);
	cdr_rdata_free(d1);
}

/* ---- bounds and out of memory ---------------------------------------------- */

/* A cell outside the data is refused, never written past the end. */
static void test_agree_rdata_set_bounds(void)
{
	cdr_rdata *d = NULL;

	CU_ASSERT_EQUAL_FATAL(cdr_rdata_new(&d, 2, 3), 0);
	CU_ASSERT_EQUAL(cdr_rdata_set(d, 1, 2, 7), 0);
	CU_ASSERT_EQUAL(cdr_rdata_get(d, 1, 2), 7);
	CU_ASSERT(cdr_rdata_set(d, 2, 0, 1) < 0);
	CU_ASSERT(cdr_rdata_set(d, 0, 3, 1) < 0);
	CU_ASSERT(cdr_rdata_set(d, (size_t)-1, 0, 1) < 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "2 units and 3 coders"));
	CU_ASSERT(cdr_rdata_set_weight(d, 2, 5) < 0);
	CU_ASSERT_EQUAL(cdr_rdata_set_weight(d, 1, 5), 0);
	cdr_rdata_free(d);
	/* no data at all: every cell is outside */
	CU_ASSERT_EQUAL_FATAL(cdr_rdata_new(&d, 0, 0), 0);
	CU_ASSERT(cdr_rdata_set(d, 0, 0, 1) < 0);
	cdr_rdata_free(d);
}

/* Read a counts table from `csv`; the return code, and the message in *msg. */
static int read_counts(const char *csv, cdr_rdata **d, const char **msg)
{
	char *dir = strdup(test_tmpdir()), *path = test_join(dir, "counts.csv"), **names = NULL;
	size_t nnames = 0;
	int rc;

	test_write_file(path, csv);
	rc = cdr_rdata_read(d, &names, &nnames, path, CDR_LAYOUT_COUNTS, CDR_LEVEL_NOMINAL);
	*msg = rc < 0 ? cdr_error_last() : "";
	for (size_t i = 0; i < nnames; i++)
		free(names[i]);
	free(names);
	test_rm_rf(dir);
	free(dir);
	free(path);
	return rc;
}

/* cdr_rdata_parse reads from memory what cdr_rdata_read reads from a
 * file, the same numbers; the name given stands for the file in errors
 * and a .tsv name means tabs; the bytes given are not changed (the
 * parser works on a copy). */
static void test_agree_rdata_parse_memory(void)
{
	static const char tsv[] = "unit\ta\tb\n1\t1\t2\n2\t3\t3\n3\t1\t1\n";
	static const char csv[] = "unit,a,b\n1,1,2\n2,3,3\n3,1,1\n";
	static const char ragged[] = "unit,a,b\n1,1\n";
	char copy[sizeof(tsv)];
	cdr_rdata *d = NULL, *e = NULL;
	char **names = NULL, **names2 = NULL;
	size_t n = 0, n2 = 0;

	memcpy(copy, tsv, sizeof(tsv));
	CU_ASSERT_EQUAL_FATAL(cdr_rdata_parse(&d, &names, &n, copy, sizeof(tsv) - 1, "mem.tsv",
					      CDR_LAYOUT_UNITS_BY_CODERS, CDR_LEVEL_NOMINAL), 0);
	CU_ASSERT_EQUAL(memcmp(copy, tsv, sizeof(tsv)), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_rdata_parse(&e, &names2, &n2, csv, sizeof(csv) - 1, "mem.csv",
					      CDR_LAYOUT_UNITS_BY_CODERS, CDR_LEVEL_NOMINAL), 0);
	CU_ASSERT_EQUAL(n, 2);
	CU_ASSERT_EQUAL(n2, 2);
	CU_ASSERT_STRING_EQUAL(names[1], "b");
	CU_ASSERT_EQUAL(cdr_rdata_units(d), 3);
	CU_ASSERT_EQUAL(cdr_rdata_coders(d), 2);
	for (size_t u = 0; u < 3; u++)
		for (size_t c = 0; c < 2; c++)
			CU_ASSERT_EQUAL(cdr_rdata_get(d, u, c), cdr_rdata_get(e, u, c));
	CU_ASSERT_EQUAL(cdr_rdata_get(d, 0, 1), 2);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	cdr_rdata_free(d);
	CU_ASSERT_EQUAL(cdr_rdata_parse(&d, &names, &n, ragged, sizeof(ragged) - 1, "pasted.csv",
					CDR_LAYOUT_UNITS_BY_CODERS, CDR_LEVEL_NOMINAL), CDR_EFORMAT);
	CU_ASSERT_PTR_NULL(d);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "pasted.csv:2:"));
	for (size_t i = 0; i < n2; i++)
		free(names2[i]);
	free(names2);
	cdr_rdata_free(e);
}

/* Counts are bounded one by one and as a sum, so no sum wraps and no unit
 * is made larger than its grid: a count of 2^64 - 2048 was a heap overflow. */
static void test_agree_counts_bounded(void)
{
	cdr_rdata *d = NULL;
	const char *msg;

	CU_ASSERT_EQUAL(read_counts("unit,ja,nee\n1,18446744073709549568,0\n", &d, &msg), CDR_ELIMIT);
	CU_ASSERT_PTR_NULL(d);
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "counts.csv:2: column 2: "));
	/* two counts whose 64-bit sum wraps to 0 */
	CU_ASSERT_EQUAL(read_counts("unit,ja,nee\n1,1,18446744073709551615\n", &d, &msg), CDR_ELIMIT);
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "counts.csv:2: column 3: "));
	/* each under the limit, the sum over it */
	CU_ASSERT_EQUAL(read_counts("unit,ja,nee\n1,2,1\n2,600000,400001\n", &d, &msg), CDR_ELIMIT);
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "counts.csv:3: column 3: "));
	CU_ASSERT_PTR_NULL(d);
	/* the limit itself is a unit of a million values, and quick to compute */
	CU_ASSERT_EQUAL_FATAL(read_counts("unit,ja,nee\n1,600000,400000\n2,1,1\n", &d, &msg), 0);
	CU_ASSERT_EQUAL(cdr_rdata_units(d), 2);
	CU_ASSERT_EQUAL(cdr_rdata_coders(d), 1000000);
	CU_ASSERT_EQUAL(cdr_rdata_get(d, 0, 599999), 0);
	CU_ASSERT_EQUAL(cdr_rdata_get(d, 0, 600000), 1);
	CU_ASSERT(isnan(cdr_rdata_get(d, 1, 2)));
	CU_ASSERT_EQUAL(cdr_agree_alpha(d, CDR_LEVEL_NOMINAL).defined, 1);
	cdr_rdata_free(d);
	/* not counts at all */
	CU_ASSERT_EQUAL(read_counts("unit,ja,nee\n1,-1,2\n", &d, &msg), CDR_EFORMAT);
	CU_ASSERT_EQUAL(read_counts("unit,ja,nee\n1,1.5,2\n", &d, &msg), CDR_EFORMAT);
}

/* Do two coefficients say the same? */
static int same_coef(cdr_coef a, cdr_coef b)
{
	if (a.defined != b.defined || a.units != b.units || a.rc != b.rc)
		return 0;
	if (a.defined && a.value != b.value)
		return 0;
	if (!a.defined && (a.why == NULL || b.why == NULL || strcmp(a.why, b.why) != 0))
		return 0;
	return (isnan(a.se) && isnan(b.se)) || a.se == b.se;
}

struct coef_oom {
	const double *v;
	size_t units, coders;
	const cdr_coef_spec *spec;
	cdr_coef ref;
};

/* A coefficient with allocations failing (test_oom_loop): an error (rc
 * CDR_ENOMEM) or the value computed without faults; never an "out of
 * memory" that reads as an undefined value. Fresh data each time, so that
 * no cache hides an allocation. */
static int coef_attempt(void *ctx, long n, int once)
{
	struct coef_oom *t = ctx;
	cdr_rdata *d = rdata_of(t->v, t->units, t->coders);
	cdr_coef c;

	test_fail_alloc(n, once);
	c = cdr_agree_compute(d, t->spec);
	test_fail_alloc(-1, 0);
	cdr_rdata_free(d);
	if (c.rc == 0) {
		if (!same_coef(c, t->ref))
			fprintf(stderr, "\ncoefficient %d, allocation %ld failing%s: a different result\n",
				(int)t->spec->kind, n, once ? " (once)" : "");
		CU_ASSERT_TRUE(same_coef(c, t->ref));
		return 0;
	}
	CU_ASSERT_EQUAL(c.rc, CDR_ENOMEM);
	CU_ASSERT_EQUAL(c.defined, 0);
	CU_ASSERT_STRING_EQUAL(cdr_error_last(), "out of memory");
	return c.rc;
}

static void test_agree_coefficients_out_of_memory(void)
{
	static const double two[10 * 2] = { 1, 1, 2, 2, 3, 3, 1, 2, 2, 2, 3, 1, M, 1, 2, 3, 1, 1, 3, 3 };
	const struct { const double *v; size_t units, coders; } sets[] = { { k4x12, 12, 4 }, { two, 10, 2 } };
	const cdr_coef_spec specs[] = {
		{ CDR_COEF_PERCENT, CDR_WEIGHTS_NONE, CDR_LEVEL_NOMINAL, 0 },
		{ CDR_COEF_COHEN, CDR_WEIGHTS_NONE, CDR_LEVEL_NOMINAL, 0 },
		{ CDR_COEF_COHEN, CDR_WEIGHTS_QUADRATIC, CDR_LEVEL_ORDINAL, 0 },
		{ CDR_COEF_SCOTT, CDR_WEIGHTS_NONE, CDR_LEVEL_NOMINAL, 0 },
		{ CDR_COEF_FLEISS, CDR_WEIGHTS_NONE, CDR_LEVEL_NOMINAL, 0 },
		{ CDR_COEF_BP, CDR_WEIGHTS_NONE, CDR_LEVEL_NOMINAL, 0 },
		{ CDR_COEF_BP, CDR_WEIGHTS_LINEAR, CDR_LEVEL_ORDINAL, 5 },
		{ CDR_COEF_GWET, CDR_WEIGHTS_NONE, CDR_LEVEL_NOMINAL, 0 },
		{ CDR_COEF_GWET, CDR_WEIGHTS_QUADRATIC, CDR_LEVEL_ORDINAL, 0 },
		{ CDR_COEF_ALPHA, CDR_WEIGHTS_NONE, CDR_LEVEL_NOMINAL, 0 },
		{ CDR_COEF_ALPHA, CDR_WEIGHTS_NONE, CDR_LEVEL_ORDINAL, 0 },
		{ CDR_COEF_ALPHA, CDR_WEIGHTS_NONE, CDR_LEVEL_INTERVAL, 0 },
		{ CDR_COEF_ALPHA, CDR_WEIGHTS_NONE, CDR_LEVEL_RATIO, 0 },
		{ CDR_COEF_CONGER, CDR_WEIGHTS_NONE, CDR_LEVEL_NOMINAL, 0 },
		{ CDR_COEF_CONGER, CDR_WEIGHTS_LINEAR, CDR_LEVEL_ORDINAL, 0 },
		{ CDR_COEF_HOLSTI, CDR_WEIGHTS_NONE, CDR_LEVEL_NOMINAL, 0 },
	};

	for (size_t k = 0; k < sizeof(sets) / sizeof(sets[0]); k++)
		for (size_t j = 0; j < sizeof(specs) / sizeof(specs[0]); j++) {
			cdr_rdata *d = rdata_of(sets[k].v, sets[k].units, sets[k].coders);
			struct coef_oom t = { sets[k].v, sets[k].units, sets[k].coders, &specs[j],
					      cdr_agree_compute(d, &specs[j]) };
			CU_ASSERT_EQUAL(t.ref.rc, 0);
			cdr_rdata_free(d);
			/* Cohen and Scott on four coders stop before they allocate */
			CU_ASSERT(test_oom_loop(coef_attempt, &t) >= (sets[k].coders == 2 ? 1 : 0));
		}
}

struct boot_oom {
	cdr_rdata *d;
	cdr_coef ref;
};

/* The bootstrap: an allocation failing in any replicate is an error. */
static int boot_attempt(void *ctx, long n, int once)
{
	static const cdr_coef_spec alpha = { CDR_COEF_ALPHA, CDR_WEIGHTS_NONE, CDR_LEVEL_NOMINAL, 0 };
	struct boot_oom *t = ctx;
	cdr_coef c = cdr_agree_compute(t->d, &alpha);
	int rc;

	test_fail_alloc(n, once);
	rc = cdr_agree_bootstrap(&c, t->d, &alpha, 50, 7, 0.95);
	test_fail_alloc(-1, 0);
	if (rc == 0) {
		CU_ASSERT_EQUAL(c.lo, t->ref.lo);
		CU_ASSERT_EQUAL(c.hi, t->ref.hi);
	} else {
		CU_ASSERT_EQUAL(rc, CDR_ENOMEM);
	}
	return rc;
}

static void test_agree_bootstrap_out_of_memory(void)
{
	const cdr_coef_spec alpha = { CDR_COEF_ALPHA, CDR_WEIGHTS_NONE, CDR_LEVEL_NOMINAL, 0 };
	struct boot_oom t;

	t.d = rdata_of(k4x12, 12, 4);
	t.ref = cdr_agree_compute(t.d, &alpha);
	CU_ASSERT_EQUAL_FATAL(cdr_agree_bootstrap(&t.ref, t.d, &alpha, 50, 7, 0.95), 0);
	CU_ASSERT(test_oom_loop(boot_attempt, &t) > 50); /* allocations in the replicates failed too */
	cdr_rdata_free(t.d);
}

/* A project of two documents that anna and bob coded, partly alike. */
static cdr_project *agreement_project(char **root, cdr_schemes **set)
{
	static const struct { const char *coder, *doc; size_t a, b; const char *code; } rows[] = {
		{ "anna", "mini", 30, 105, "mini/VB" },     { "anna", "mini", 131, 276, "mini/EK" },
		{ "anna", "mini", 131, 140, "mini/VB.NET" }, { "anna", "twee", 14, 37, "mini/VB" },
		{ "bob", "mini", 30, 105, "mini/VB" },      { "bob", "mini", 281, 429, "mini/EK" },
		{ "bob", "twee", 14, 37, "mini/HAND" },
	};
	cdr_project *p = test_new_project(root);
	char *twee = test_join(*root, "twee.txt"), *mini = strdup(test_path("tests/data/mini.txt"));
	const char *paths[2] = { mini, twee };

	test_write_file(twee, "I: Vraag?\n\nR: Antwoord een twee drie.\n");
	CU_ASSERT_EQUAL_FATAL(cdr_project_add(p, paths, 2, NULL, NULL, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_schemes_install(p, test_path("tests/data/schemes/mini.xml"), 0, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_schemes_load(set, p), 0);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		cdr_codings *c = NULL;
		CU_ASSERT_EQUAL_FATAL(cdr_codings_load(&c, p, rows[i].coder, NULL, NULL), 0);
		CU_ASSERT_EQUAL_FATAL(cdr_codings_append(c, rows[i].doc, rows[i].a, rows[i].b, rows[i].code, "manual",
							 "2026-11-25T12:00:00Z", "", ""), 0);
		CU_ASSERT_EQUAL_FATAL(cdr_codings_save(c), 0);
		cdr_codings_free(c);
	}
	free(twee);
	free(mini);
	return p;
}

struct agreement_oom {
	cdr_project *p;
	cdr_schemes *set;
	const cdr_agree_options *o;
	cdr_agreement *ref;
	cdr_agreement_row *ref_rows;
	int summary; /* 0: the build fails, 1: the summary */
};

/* A comparison and its per-code summary with allocations failing
 * (test_oom_loop): CDR_ENOMEM and nothing, or the result built without
 * faults. */
static int agreement_attempt(void *ctx, long n, int once)
{
	struct agreement_oom *t = ctx;
	cdr_agreement *a = NULL;
	cdr_agreement_row *rows = NULL;
	int rc;

	if (t->summary) {
		CU_ASSERT_EQUAL_FATAL(cdr_agreement_build(&a, t->p, t->set, t->o), 0);
		test_fail_alloc(n, once);
		rc = cdr_agreement_summary(&rows, a, NULL);
		test_fail_alloc(-1, 0);
		if (rc == 0) {
			for (size_t v = 0; v < cdr_agreement_count(a); v++) {
				CU_ASSERT_STRING_EQUAL(rows[v].code, t->ref_rows[v].code);
				CU_ASSERT_TRUE(same_coef(rows[v].percent, t->ref_rows[v].percent));
				CU_ASSERT_TRUE(same_coef(rows[v].kappa, t->ref_rows[v].kappa));
				CU_ASSERT_TRUE(same_coef(rows[v].alpha, t->ref_rows[v].alpha));
			}
		} else {
			CU_ASSERT_EQUAL(rc, CDR_ENOMEM);
			CU_ASSERT_PTR_NULL(rows);
		}
		free(rows);
		cdr_agreement_free(a);
		return rc;
	}
	test_fail_alloc(n, once);
	rc = cdr_agreement_build(&a, t->p, t->set, t->o);
	test_fail_alloc(-1, 0);
	if (rc != 0) {
		if (rc != CDR_ENOMEM)
			fprintf(stderr, "\nagreement, allocation %ld failing%s: %s\n", n, once ? " (once)" : "",
				cdr_error_last());
		CU_ASSERT_EQUAL(rc, CDR_ENOMEM);
		CU_ASSERT_PTR_NULL(a);
		return rc;
	}
	CU_ASSERT_EQUAL_FATAL(cdr_agreement_count(a), cdr_agreement_count(t->ref));
	CU_ASSERT_EQUAL(cdr_agreement_doc_count(a), cdr_agreement_doc_count(t->ref));
	CU_ASSERT_EQUAL_FATAL(cdr_agreement_group_count(a), cdr_agreement_group_count(t->ref));
	for (size_t g = 0; g < cdr_agreement_group_count(a); g++) {
		CU_ASSERT_STRING_EQUAL(cdr_agreement_group(a, g), cdr_agreement_group(t->ref, g));
		CU_ASSERT_EQUAL(cdr_agreement_group_units(a, g), cdr_agreement_group_units(t->ref, g));
		CU_ASSERT_TRUE(same_coef(cdr_agree_alpha(cdr_agreement_group_table(a, g), CDR_LEVEL_NOMINAL),
					 cdr_agree_alpha(cdr_agreement_group_table(t->ref, g), CDR_LEVEL_NOMINAL)));
	}
	CU_ASSERT_EQUAL(cdr_agreement_chars(a), cdr_agreement_chars(t->ref));
	for (size_t v = 0; v < cdr_agreement_count(a); v++) {
		const cdr_rdata *x = cdr_agreement_data(a, v), *y = cdr_agreement_data(t->ref, v);
		CU_ASSERT_STRING_EQUAL(cdr_agreement_name(a, v), cdr_agreement_name(t->ref, v));
		CU_ASSERT_EQUAL(cdr_agreement_units(a, v), cdr_agreement_units(t->ref, v));
		CU_ASSERT_EQUAL(cdr_agreement_coded(a, v), cdr_agreement_coded(t->ref, v));
		CU_ASSERT_EQUAL_FATAL(cdr_rdata_units(x), cdr_rdata_units(y));
		CU_ASSERT_TRUE(same_coef(cdr_agree_alpha(x, CDR_LEVEL_NOMINAL), cdr_agree_alpha(y, CDR_LEVEL_NOMINAL)));
	}
	cdr_agreement_free(a);
	return 0;
}

static void test_agree_agreement_out_of_memory(void)
{
	const char *coders[] = { "anna", "bob" };
	/* the last two per document (--by doc): the units cut where the case changes */
	const cdr_unit_kind units[] = { CDR_UNIT_TURN, CDR_UNIT_SENTENCE, CDR_UNIT_CHAR, CDR_UNIT_CHAR, CDR_UNIT_DOCUMENT };
	struct agreement_oom t = { 0 };
	char *root;

	t.p = agreement_project(&root, &t.set);
	for (size_t k = 0; k < sizeof(units) / sizeof(units[0]); k++) {
		cdr_agree_options o = { 0 };
		o.coders = coders;
		o.ncoders = 2;
		o.unit = units[k];
		o.by = k >= 3 ? CDR_AGREE_BY_DOC : CDR_AGREE_BY_NONE;
		t.o = &o;
		CU_ASSERT_EQUAL_FATAL(cdr_agreement_build(&t.ref, t.p, t.set, &o), 0);
		CU_ASSERT_EQUAL_FATAL(cdr_agreement_summary(&t.ref_rows, t.ref, NULL), 0);
		CU_ASSERT_FATAL(cdr_agreement_count(t.ref) >= 3);
		t.summary = 0;
		CU_ASSERT(test_oom_loop(agreement_attempt, &t) > 10);
		t.summary = 1;
		CU_ASSERT(test_oom_loop(agreement_attempt, &t) > 1);
		free(t.ref_rows);
		cdr_agreement_free(t.ref);
	}
	cdr_schemes_free(t.set);
	test_project_done(t.p, root);
}

/* ---- sums and partial agreement tables ---------------------------------- */

static const cdr_coef_spec every_spec[] = {
	{ CDR_COEF_PERCENT, CDR_WEIGHTS_NONE, CDR_LEVEL_NOMINAL, 0 },
	{ CDR_COEF_HOLSTI, CDR_WEIGHTS_NONE, CDR_LEVEL_NOMINAL, 0 },
	{ CDR_COEF_COHEN, CDR_WEIGHTS_NONE, CDR_LEVEL_NOMINAL, 0 },
	{ CDR_COEF_SCOTT, CDR_WEIGHTS_NONE, CDR_LEVEL_NOMINAL, 0 },
	{ CDR_COEF_FLEISS, CDR_WEIGHTS_NONE, CDR_LEVEL_NOMINAL, 0 },
	{ CDR_COEF_CONGER, CDR_WEIGHTS_NONE, CDR_LEVEL_NOMINAL, 0 },
	{ CDR_COEF_BP, CDR_WEIGHTS_NONE, CDR_LEVEL_NOMINAL, 0 },
	{ CDR_COEF_GWET, CDR_WEIGHTS_NONE, CDR_LEVEL_NOMINAL, 0 },
	{ CDR_COEF_ALPHA, CDR_WEIGHTS_NONE, CDR_LEVEL_NOMINAL, 0 },
	{ CDR_COEF_ALPHA, CDR_WEIGHTS_NONE, CDR_LEVEL_INTERVAL, 0 },
};
#define NSPECS (sizeof(every_spec) / sizeof(every_spec[0]))

/* Are two tables the same, row by row, value by value, to the bit? */
static int same_table(const cdr_rdata *x, const cdr_rdata *y)
{
	if (cdr_rdata_units(x) != cdr_rdata_units(y) || cdr_rdata_coders(x) != cdr_rdata_coders(y))
		return 0;
	for (size_t u = 0; u < cdr_rdata_units(x); u++) {
		if (cdr_rdata_weight(x, u) != cdr_rdata_weight(y, u))
			return 0;
		for (size_t c = 0; c < cdr_rdata_coders(x); c++) {
			double a = cdr_rdata_get(x, u, c), b = cdr_rdata_get(y, u, c);
			if (!(a == b || (isnan(a) && isnan(b))))
				return 0;
		}
	}
	return 1;
}

/* Equal rows fold into one with their weights added; rows sorted with a
 * missing value first. Two coders: every coefficient of the table is that
 * of the units, exactly (its sums are of whole numbers and halves). */
static void test_agree_sum_folds_rows(void)
{
	static const double v[6 * 2] = { 1, 1, 0, 1, 1, 1, 0, 0, M, 1, 1, 1 };
	cdr_rdata *d = rdata_of(v, 6, 2), *t = NULL;
	const cdr_rdata *parts[1] = { d };

	CU_ASSERT_EQUAL_FATAL(cdr_rdata_sum(&t, parts, 1, 2), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_rdata_units(t), 4);
	CU_ASSERT_TRUE(isnan(cdr_rdata_get(t, 0, 0)));
	CU_ASSERT_EQUAL(cdr_rdata_get(t, 1, 0), 0);
	CU_ASSERT_EQUAL(cdr_rdata_get(t, 1, 1), 0);
	CU_ASSERT_EQUAL(cdr_rdata_get(t, 2, 1), 1);
	CU_ASSERT_EQUAL(cdr_rdata_get(t, 3, 0), 1);
	CU_ASSERT_EQUAL(cdr_rdata_weight(t, 3), 3);
	CU_ASSERT_EQUAL(cdr_rdata_weight(t, 0), 1);
	for (size_t k = 0; k < NSPECS; k++) {
		cdr_coef a = cdr_agree_compute(d, &every_spec[k]), b = cdr_agree_compute(t, &every_spec[k]);
		CU_ASSERT_EQUAL(a.defined, b.defined);
		CU_ASSERT(!a.defined || a.value == b.value);
	}
	/* other numbers of coders do not add up */
	{
		cdr_rdata *three = rdata_of(k4x12, 12, 4), *bad = NULL;
		const cdr_rdata *mixed[2] = { d, three };
		CU_ASSERT_EQUAL(cdr_rdata_sum(&bad, mixed, 2, 2), CDR_EUSAGE);
		CU_ASSERT_PTR_NULL(bad);
		cdr_rdata_free(three);
	}
	cdr_rdata_free(t);
	cdr_rdata_free(d);
}

/* The parts of a data set summed give the table of the whole, to the bit,
 * whatever the split and the order of the parts, and so the same
 * coefficients, also for four coders with missing values. */
static void test_agree_sum_of_parts_is_whole(void)
{
	cdr_rdata *whole = rdata_of(k4x12, 12, 4), *a = rdata_of(k4x12, 5, 4), *b = rdata_of(k4x12 + 5 * 4, 7, 4);
	cdr_rdata *tw = NULL, *ta = NULL, *tb = NULL, *tab = NULL, *tba = NULL;
	const cdr_rdata *pw[1] = { whole }, *pa[1] = { a }, *pb[1] = { b };

	CU_ASSERT_EQUAL_FATAL(cdr_rdata_sum(&tw, pw, 1, 4), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_rdata_sum(&ta, pa, 1, 4), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_rdata_sum(&tb, pb, 1, 4), 0);
	{
		const cdr_rdata *ab[2] = { ta, tb }, *ba[2] = { tb, ta };
		CU_ASSERT_EQUAL_FATAL(cdr_rdata_sum(&tab, ab, 2, 4), 0);
		CU_ASSERT_EQUAL_FATAL(cdr_rdata_sum(&tba, ba, 2, 4), 0);
	}
	CU_ASSERT_TRUE(same_table(tw, tab));
	CU_ASSERT_TRUE(same_table(tw, tba));
	for (size_t k = 0; k < NSPECS; k++)
		CU_ASSERT_TRUE(same_coef(cdr_agree_compute(tw, &every_spec[k]), cdr_agree_compute(tab, &every_spec[k])));
	/* and close to the units' own (k4x12: alpha .743, Krippendorff 2011) */
	ASSERT_NEAR(cdr_agree_alpha(tab, CDR_LEVEL_NOMINAL).value, cdr_agree_alpha(whole, CDR_LEVEL_NOMINAL).value, 1e-12);
	cdr_rdata_free(tw);
	cdr_rdata_free(ta);
	cdr_rdata_free(tb);
	cdr_rdata_free(tab);
	cdr_rdata_free(tba);
	cdr_rdata_free(whole);
	cdr_rdata_free(a);
	cdr_rdata_free(b);
}

struct sum_oom {
	cdr_rdata *d;
	cdr_rdata *ref;
};

static int sum_attempt(void *ctx, long n, int once)
{
	struct sum_oom *t = ctx;
	const cdr_rdata *parts[2] = { t->d, t->d };
	cdr_rdata *out = NULL;
	int rc;

	test_fail_alloc(n, once);
	rc = cdr_rdata_sum(&out, parts, 2, 4);
	test_fail_alloc(-1, 0);
	if (rc == 0) {
		CU_ASSERT_TRUE(same_table(out, t->ref));
	} else {
		CU_ASSERT_EQUAL(rc, CDR_ENOMEM);
		CU_ASSERT_PTR_NULL(out);
	}
	cdr_rdata_free(out);
	return rc;
}

static void test_agree_sum_out_of_memory(void)
{
	struct sum_oom t;
	const cdr_rdata *parts[2];

	t.d = rdata_of(k4x12, 12, 4);
	parts[0] = parts[1] = t.d;
	CU_ASSERT_EQUAL_FATAL(cdr_rdata_sum(&t.ref, parts, 2, 4), 0);
	CU_ASSERT(test_oom_loop(sum_attempt, &t) >= 2);
	cdr_rdata_free(t.ref);
	cdr_rdata_free(t.d);
}

/* Write the partial table of an agreement to `path`. */
static void write_partial(const char *path, const cdr_agreement *a, const cdr_agree_options *o)
{
	FILE *f = fopen(path, "w");

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_EQUAL(cdr_agreement_partial_write(f, a, o), 0);
	fclose(f);
}

/* Does the merged agreement say what the whole one says, code by code? */
static void assert_same_agreement(const cdr_agreement *m, const cdr_agreement *w)
{
	CU_ASSERT_EQUAL_FATAL(cdr_agreement_count(m), cdr_agreement_count(w));
	CU_ASSERT_EQUAL(cdr_agreement_doc_count(m), cdr_agreement_doc_count(w));
	CU_ASSERT_EQUAL(cdr_agreement_chars(m), cdr_agreement_chars(w));
	CU_ASSERT_PTR_NULL(cdr_agreement_data(m, 0));
	for (size_t i = 0; i < cdr_agreement_count(w); i++) {
		size_t j = 0;
		while (j < cdr_agreement_count(m) && strcmp(cdr_agreement_name(m, j), cdr_agreement_name(w, i)) != 0)
			j++;
		CU_ASSERT_FATAL(j < cdr_agreement_count(m));
		CU_ASSERT_EQUAL(cdr_agreement_units(m, j), cdr_agreement_units(w, i));
		CU_ASSERT_EQUAL(cdr_agreement_coded(m, j), cdr_agreement_coded(w, i));
		CU_ASSERT_TRUE(same_table(cdr_agreement_table(m, j), cdr_agreement_table(w, i)));
	}
	CU_ASSERT_TRUE(same_table(cdr_agreement_overall_table(m), cdr_agreement_overall_table(w)));
	for (size_t k = 0; k < NSPECS; k++)
		CU_ASSERT_TRUE(same_coef(cdr_agree_compute(cdr_agreement_overall_table(m), &every_spec[k]),
					 cdr_agree_compute(cdr_agreement_overall_table(w), &every_spec[k])));
}

/* A project split by document into two partial tables, added up: the
 * tables of the whole, for turns and characters. The two documents use
 * different codes (HAND only in twee, EK and VB.NET only in mini), so each
 * part adds its uncoded units to the codes only the other part has. */
static void test_agree_partial_split_is_whole(void)
{
	const char *coders[] = { "anna", "bob" }, *only_mini[] = { "mini" }, *only_twee[] = { "twee" };
	const cdr_unit_kind units[] = { CDR_UNIT_TURN, CDR_UNIT_CHAR, CDR_UNIT_DOCUMENT };
	cdr_schemes *set = NULL;
	char *root, *f0, *f1;
	cdr_project *p = agreement_project(&root, &set);

	f0 = test_join(root, "part-0.tsv");
	f1 = test_join(root, "part-1.tsv");
	for (size_t k = 0; k < sizeof(units) / sizeof(units[0]); k++) {
		cdr_agree_options o = { 0 }, o0, o1;
		cdr_agreement *w = NULL, *a0 = NULL, *a1 = NULL, *m = NULL;
		cdr_agree_partial_info info;
		const char *files[2] = { f0, f1 };
		o.coders = coders;
		o.ncoders = 2;
		o.unit = units[k];
		o0 = o1 = o;
		o0.docs = only_mini;
		o1.docs = only_twee;
		o0.ndocs = o1.ndocs = 1;
		CU_ASSERT_EQUAL_FATAL(cdr_agreement_build(&w, p, set, &o), 0);
		CU_ASSERT_EQUAL_FATAL(cdr_agreement_build(&a0, p, set, &o0), 0);
		CU_ASSERT_EQUAL_FATAL(cdr_agreement_build(&a1, p, set, &o1), 0);
		CU_ASSERT(cdr_agreement_count(a0) != cdr_agreement_count(a1));
		write_partial(f0, a0, &o0);
		write_partial(f1, a1, &o1);
		CU_ASSERT_EQUAL_FATAL(cdr_agreement_partial_merge(&m, &info, files, 2), 0);
		CU_ASSERT_EQUAL(info.ncoders, 2);
		CU_ASSERT_STRING_EQUAL(info.coders[1], "bob");
		CU_ASSERT_EQUAL(info.unit, units[k]);
		assert_same_agreement(m, w);
		cdr_agree_partial_info_clear(&info);
		cdr_agreement_free(m);
		cdr_agreement_free(w);
		cdr_agreement_free(a0);
		cdr_agreement_free(a1);
	}
	free(f0);
	free(f1);
	cdr_schemes_free(set);
	test_project_done(p, root);
}

struct partial_oom {
	const char *const *files;
	size_t n;
	const cdr_agreement *ref;
};

static int partial_attempt(void *ctx, long n, int once)
{
	struct partial_oom *t = ctx;
	cdr_agreement *m = NULL;
	cdr_agree_partial_info info;
	int rc;

	test_fail_alloc(n, once);
	rc = cdr_agreement_partial_merge(&m, &info, t->files, t->n);
	test_fail_alloc(-1, 0);
	if (rc == 0) {
		assert_same_agreement(m, t->ref);
		cdr_agree_partial_info_clear(&info);
		cdr_agreement_free(m);
	} else {
		CU_ASSERT_EQUAL(rc, CDR_ENOMEM);
		CU_ASSERT_PTR_NULL(m);
		CU_ASSERT_PTR_NULL(info.coders);
	}
	return rc;
}

/* Bad partial tables: the file and, for a bad line, the line; and the
 * merge with allocations failing. */
static void test_agree_partial_bad_and_out_of_memory(void)
{
	const char *coders[] = { "anna", "bob" }, *other[] = { "bob", "anna" };
	cdr_schemes *set = NULL;
	char *root, *good, *bad;
	cdr_project *p = agreement_project(&root, &set);
	cdr_agree_options o = { 0 }, swapped;
	cdr_agreement *a = NULL, *b = NULL, *m = NULL;
	cdr_agree_partial_info info;
	char *text;
	size_t len;

	good = test_join(root, "good.tsv");
	bad = test_join(root, "bad.tsv");
	o.coders = coders;
	o.ncoders = 2;
	CU_ASSERT_EQUAL_FATAL(cdr_agreement_build(&a, p, set, &o), 0);
	write_partial(good, a, &o);
	{
		const char *files[1] = { good };
		struct partial_oom t = { files, 1, a };
		CU_ASSERT(test_oom_loop(partial_attempt, &t) > 10);
	}
	/* the coders in another order are other coders */
	swapped = o;
	swapped.coders = other;
	CU_ASSERT_EQUAL_FATAL(cdr_agreement_build(&b, p, set, &swapped), 0);
	write_partial(bad, b, &swapped);
	{
		const char *files[2] = { good, bad };
		CU_ASSERT_EQUAL(cdr_agreement_partial_merge(&m, &info, files, 2), CDR_EFORMAT);
		CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "bad.tsv: made with other coders"));
	}
	/* a pattern line with a word for a weight: file and line */
	text = test_slurp(good, &len);
	{
		char *at = strstr(text, "\np\t"), *eol, *tab, want[64];
		const char *files[1] = { bad };
		size_t line = 1;
		FILE *f;
		CU_ASSERT_PTR_NOT_NULL_FATAL(at);
		for (char *c = text; c <= at; c++)
			line += *c == '\n';
		eol = strchr(at + 1, '\n');
		*eol = '\0';
		tab = strrchr(at + 1, '\t');
		CU_ASSERT_PTR_NOT_NULL_FATAL(f = fopen(bad, "w"));
		fwrite(text, 1, (size_t)(tab + 1 - text), f);
		fprintf(f, "x\n%s", eol + 1);
		fclose(f);
		snprintf(want, sizeof(want), "bad.tsv:%zu: a pattern's weight", line);
		CU_ASSERT_EQUAL(cdr_agreement_partial_merge(&m, &info, files, 1), CDR_EFORMAT);
		CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), want));
		CU_ASSERT_PTR_NULL(m);
	}
	free(text);
	cdr_agreement_free(a);
	cdr_agreement_free(b);
	free(good);
	free(bad);
	cdr_schemes_free(set);
	test_project_done(p, root);
}

/* --by doc: a table per document, whose units add up to all codes'. */
static void test_agree_by_doc_groups(void)
{
	const char *coders[] = { "anna", "bob" };
	cdr_schemes *set = NULL;
	char *root;
	cdr_project *p = agreement_project(&root, &set);
	cdr_agree_options o = { 0 };
	cdr_agreement *a = NULL;
	size_t units = 0, sum = 0;

	o.coders = coders;
	o.ncoders = 2;
	o.by = CDR_AGREE_BY_DOC;
	CU_ASSERT_EQUAL_FATAL(cdr_agreement_build(&a, p, set, &o), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_agreement_group_count(a), 2);
	CU_ASSERT_STRING_EQUAL(cdr_agreement_group(a, 0), "mini");
	CU_ASSERT_STRING_EQUAL(cdr_agreement_group(a, 1), "twee");
	for (size_t i = 0; i < cdr_agreement_count(a); i++)
		units += cdr_agreement_units(a, i);
	for (size_t g = 0; g < 2; g++) {
		const cdr_rdata *t = cdr_agreement_group_table(a, g);
		double w = 0;
		for (size_t u = 0; u < cdr_rdata_units(t); u++)
			w += cdr_rdata_weight(t, u);
		CU_ASSERT_EQUAL(w, (double)cdr_agreement_group_units(a, g));
		sum += cdr_agreement_group_units(a, g);
	}
	CU_ASSERT_EQUAL(sum, units);
	/* each document's units are its turns x the codes */
	CU_ASSERT_EQUAL(cdr_agreement_group_units(a, 1) % cdr_agreement_count(a), 0);
	cdr_agreement_free(a);
	cdr_schemes_free(set);
	test_project_done(p, root);
}

void test_agree_register(void)
{
	CU_pSuite s = CU_add_suite("agree", NULL, NULL);

	CU_add_test(s, "krippendorff_2011_four_observers", test_agree_krippendorff_2011_four_observers);
	CU_add_test(s, "krippendorff_2011_binary", test_agree_krippendorff_2011_binary);
	CU_add_test(s, "krippendorff_2011_nominal_two_observers",
		    test_agree_krippendorff_2011_nominal_two_observers);
	CU_add_test(s, "fleiss_1971", test_agree_fleiss_1971);
	CU_add_test(s, "fleiss_1971_first_15_gwet", test_agree_fleiss_1971_first_15_gwet);
	CU_add_test(s, "gwet_2014_four_raters", test_agree_gwet_2014_four_raters);
	CU_add_test(s, "gwet_abstractors", test_agree_gwet_abstractors);
	CU_add_test(s, "cohen_1968", test_agree_cohen_1968);
	CU_add_test(s, "cohen_sas_linear", test_agree_cohen_sas_linear);
	CU_add_test(s, "brennan_prediger_definition", test_agree_brennan_prediger_definition);
	CU_add_test(s, "brennan_prediger_three_coders", test_agree_brennan_prediger_three_coders);
	CU_add_test(s, "all_one_category", test_agree_all_one_category);
	CU_add_test(s, "coder_never_codes", test_agree_coder_never_codes);
	CU_add_test(s, "single_unit", test_agree_single_unit);
	CU_add_test(s, "all_missing", test_agree_all_missing);
	CU_add_test(s, "cohen_three_coders", test_agree_cohen_three_coders);
	CU_add_test(s, "bootstrap_deterministic", test_agree_bootstrap_deterministic);
	CU_add_test(s, "large_table", test_agree_large_table);
	CU_add_test(s, "parse_names", test_agree_parse_names);
	CU_add_test(s, "coef_choice", test_agree_coef_choice);
	CU_add_test(s, "conger_gwet_2014_four_raters", test_agree_conger_gwet_2014_four_raters);
	CU_add_test(s, "conger_by_hand", test_agree_conger_by_hand);
	CU_add_test(s, "conger_two_coders_is_cohen", test_agree_conger_two_coders_is_cohen);
	CU_add_test(s, "conger_missing_and_undefined", test_agree_conger_missing_and_undefined);
	CU_add_test(s, "conger_unit_weights", test_agree_conger_unit_weights);
	CU_add_test(s, "conger_bootstrap", test_agree_conger_bootstrap);
	CU_add_test(s, "holsti_by_hand", test_agree_holsti_by_hand);
	CU_add_test(s, "holsti_complete_is_percent", test_agree_holsti_complete_is_percent);
	CU_add_test(s, "holsti_undefined", test_agree_holsti_undefined);
	CU_add_test(s, "rdata_set_bounds", test_agree_rdata_set_bounds);
	CU_add_test(s, "counts_bounded", test_agree_counts_bounded);
	CU_add_test(s, "coefficients_out_of_memory", test_agree_coefficients_out_of_memory);
	CU_add_test(s, "bootstrap_out_of_memory", test_agree_bootstrap_out_of_memory);
	CU_add_test(s, "agreement_out_of_memory", test_agree_agreement_out_of_memory);
	CU_add_test(s, "sum_folds_rows", test_agree_sum_folds_rows);
	CU_add_test(s, "sum_of_parts_is_whole", test_agree_sum_of_parts_is_whole);
	CU_add_test(s, "sum_out_of_memory", test_agree_sum_out_of_memory);
	CU_add_test(s, "partial_split_is_whole", test_agree_partial_split_is_whole);
	CU_add_test(s, "partial_bad_and_out_of_memory", test_agree_partial_bad_and_out_of_memory);
	CU_add_test(s, "by_doc_groups", test_agree_by_doc_groups);
	CU_add_test(s, "rdata_parse_memory", test_agree_rdata_parse_memory);
}
