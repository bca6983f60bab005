/* test-unitizing.c -- Krippendorff's alpha for unitizing (unitizing.h):
 * the test studies of DKPro Statistics with the values its tests assert,
 * small continua worked out by hand, the undefined cases, the checks on
 * the segments, and the continuum built from a project's codings.
 *
 * DKPro values are asserted with the tolerances DKPro's own tests use.
 * The source is https://github.com/dkpro/dkpro-statistics, module
 * dkpro-statistics-agreement: src/test/java/org/dkpro/statistics/
 * agreement/unitizing/{Krippendorff2004Test, Krippendorff1995Test,
 * UnitizingAgreementTest}.java, and the earlier test of the same study
 * (package de.tudarmstadt.ukp.dkpro.statistics.unitizing,
 * TestAlphaUnitizedAgreement.java with StudyFactory.java). Where more
 * digits are asserted, they are the formulas of unitizing.h evaluated in
 * exact fractions. */
#include <CUnit/CUnit.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "codeer/agreement.h"
#include "codeer/coding.h"
#include "codeer/error.h"
#include "codeer/project.h"
#include "codeer/unitizing.h"
#include "util/alloc.h"
#include "test.h"

/* ---- helpers ------------------------------------------------------------ */

#define ASSERT_NEAR(x, want, tol) CU_ASSERT(fabs((x) - (want)) < (tol))

/* alpha is defined and equals `want` to within `tol`. */
#define ASSERT_ALPHA(r, want, tol)                     \
	do {                                           \
		cdr_ualpha r_ = (r);                   \
		CU_ASSERT_EQUAL(r_.alpha.defined, 1);  \
		ASSERT_NEAR(r_.alpha.value, want, tol);\
	} while (0)

/* alpha is undefined and says why. */
#define ASSERT_UNDEFINED(r)                                                  \
	do {                                                                 \
		cdr_ualpha r_ = (r);                                         \
		CU_ASSERT_EQUAL(r_.alpha.defined, 0);                        \
		CU_ASSERT(isnan(r_.alpha.value));                            \
		CU_ASSERT(r_.alpha.why != NULL && r_.alpha.why[0] != '\0');  \
	} while (0)

/* One segment: coder, start, length, category. */
struct useg_row {
	size_t coder, start, length;
	const char *cat;
};

static cdr_udata *udata_of(size_t begin, size_t length, size_t coders, const struct useg_row *rows, size_t n)
{
	cdr_udata *d = NULL;

	CU_ASSERT_FATAL(cdr_udata_new(&d, begin, length, coders) == 0);
	for (size_t i = 0; i < n; i++) {
		int rc = cdr_udata_add(d, rows[i].coder, rows[i].start, rows[i].length, rows[i].cat);
		if (rc != 0)
			fprintf(stderr, "\nadd: %s\n", cdr_error_last());
		CU_ASSERT_EQUAL_FATAL(rc, 0);
	}
	return d;
}

/* ---- Krippendorff (2004), as DKPro Statistics tests it ---------------- */

/*
 * The example of Krippendorff (2004: p. 254), as DKPro builds it in
 * Krippendorff2004Test.createExample() and StudyFactory
 * .getKrippendorfSampleStudy(): two observers, the continuum [150, 450),
 * categories c and k.
 */
static const struct useg_row k2004[] = {
	{ 0, 225, 70, "c" }, { 0, 370, 30, "c" },
	{ 1, 220, 80, "c" }, { 1, 355, 20, "c" }, { 1, 400, 20, "c" },
	{ 0, 180, 60, "k" }, { 0, 300, 50, "k" },
	{ 1, 180, 60, "k" }, { 1, 300, 50, "k" },
};

static void test_unitizing_krippendorff_2004(void)
{
	cdr_udata *d = udata_of(150, 300, 2, k2004, sizeof(k2004) / sizeof(k2004[0]));
	cdr_ualpha c = cdr_unitizing_alpha(d, "c"), k = cdr_unitizing_alpha(d, "k");
	cdr_ualpha all = cdr_unitizing_alpha_all(d);

	/* Krippendorff2004Test.testCategoryAgreement and
	 * TestAlphaUnitizedAgreement: c .0144, .0532, .7286 (the older test
	 * .7285; both within their .0001); k 0, .0490, 1. */
	ASSERT_NEAR(c.observed, 0.0144, 0.0001);
	ASSERT_NEAR(c.expected, 0.0532, 0.0001);
	ASSERT_ALPHA(c, 0.7286, 0.0001);
	ASSERT_ALPHA(c, 0.7285, 0.0001);
	ASSERT_NEAR(k.observed, 0.0, 1e-15);
	ASSERT_NEAR(k.expected, 0.0490, 0.0001);
	ASSERT_ALPHA(k, 1.0, 0.0001);
	/* exactly: D_o,c = 2 (50 + 850 + 400)/(2 * 1 * 300²) = 13/900 (the
	 * three distances of Krippendorff2004Test.testDistanceMetric2);
	 * D_e,c = 0.0532217798549805 */
	ASSERT_NEAR(c.observed, 13.0 / 900, 1e-15);
	ASSERT_NEAR(c.expected, 0.0532217798549805, 1e-13);
	ASSERT_NEAR(k.expected, 0.0489785658089152, 1e-13);
	CU_ASSERT_EQUAL(c.alpha.units, 5);
	CU_ASSERT_EQUAL(k.alpha.units, 4);
	/* all categories: TestAlphaUnitizedAgreement.testAlphaUnitizedJoint
	 * Agreement .8587 (+- .0001), Krippendorff2004Test.testAgreement
	 * .8591 (+- .0005); 1 - (13/900)/(D_e,c + D_e,k) = 0.858665 */
	ASSERT_ALPHA(all, 0.8587, 0.0001);
	ASSERT_ALPHA(all, 0.8591, 0.0005);
	ASSERT_ALPHA(all, 0.8586654051842, 1e-12);
	ASSERT_NEAR(all.observed, (13.0 / 900) / 2, 1e-15);
	CU_ASSERT_EQUAL(all.alpha.units, 9);
	CU_ASSERT_EQUAL(cdr_udata_category_count(d), 2);
	CU_ASSERT_STRING_EQUAL(cdr_udata_category(d, 0), "c");
	CU_ASSERT_STRING_EQUAL(cdr_udata_category(d, 1), "k");
	CU_ASSERT_EQUAL(cdr_udata_units(d, NULL), 9);
	CU_ASSERT_EQUAL(cdr_udata_units(d, "c"), 5);
	cdr_udata_free(d);
}

static void test_unitizing_order_does_not_matter(void)
{
	/* The same study added last segment first gives the same numbers. */
	size_t n = sizeof(k2004) / sizeof(k2004[0]);
	cdr_udata *a = udata_of(150, 300, 2, k2004, n), *b = NULL;
	cdr_ualpha ra, rb;

	CU_ASSERT_FATAL(cdr_udata_new(&b, 150, 300, 2) == 0);
	for (size_t i = n; i-- > 0;)
		CU_ASSERT_EQUAL(cdr_udata_add(b, k2004[i].coder, k2004[i].start, k2004[i].length, k2004[i].cat), 0);
	ra = cdr_unitizing_alpha(a, "c");
	rb = cdr_unitizing_alpha(b, "c");
	CU_ASSERT(ra.observed == rb.observed && ra.expected == rb.expected);
	ra = cdr_unitizing_alpha_all(a);
	rb = cdr_unitizing_alpha_all(b);
	CU_ASSERT(ra.alpha.value == rb.alpha.value);
	cdr_udata_free(a);
	cdr_udata_free(b);
}

/* ---- Krippendorff (1995), as DKPro Statistics tests it ---------------- */

/*
 * Krippendorff (1995: p. 57), four pairs of coders on a continuum of 24,
 * as DKPro's Krippendorff1995Test.createExample(stretch) builds it: every
 * start and length multiplied by `stretch` (and truncated).
 *   A Bertha: 0 0|1 1 1 1 1 1 1 1|0 0 0 0|1 1 1 1 1 1|0 0 0 0
 *     Bill:   0 0 0 0|1 1 1 1|0 0 0 0 0 0 0|1 1|0 0 0 0 0 0 0
 *   B John:   1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1|0 0 0 0 0 0
 *     Jill:   1 1|1|1|1|1|1 1 1|1|0 0 0 0 0 0 0 0 0 0 0 0 0 0
 *   C Gerret: 0 0|1 1 1 1 1 1|0 0|1 1|0 0|1 1 1 1|0 0|1 1|0 0
 *     Gill:   1 1|0 0|1 1 1 1|0 0|1 1 1 1|0 0|1 1|0 0|1 1|0 0
 *   D Heather and Hill cut the whole continuum into units.
 */
static const struct useg_row k1995[] = {
	{ 0, 2, 8, "A" }, { 0, 14, 6, "A" }, { 1, 4, 4, "A" }, { 1, 15, 2, "A" },
	{ 0, 0, 18, "B" }, { 1, 0, 2, "B" }, { 1, 2, 1, "B" }, { 1, 3, 1, "B" }, { 1, 4, 1, "B" },
	{ 1, 5, 1, "B" }, { 1, 6, 3, "B" }, { 1, 9, 1, "B" },
	{ 0, 2, 6, "C" }, { 0, 10, 2, "C" }, { 0, 14, 4, "C" }, { 0, 20, 2, "C" },
	{ 1, 0, 2, "C" }, { 1, 4, 4, "C" }, { 1, 10, 4, "C" }, { 1, 16, 2, "C" }, { 1, 20, 2, "C" },
	{ 0, 0, 2, "D" }, { 0, 2, 8, "D" }, { 0, 10, 4, "D" }, { 0, 14, 6, "D" }, { 0, 20, 4, "D" },
	{ 1, 0, 4, "D" }, { 1, 4, 4, "D" }, { 1, 8, 7, "D" }, { 1, 15, 2, "D" }, { 1, 17, 7, "D" },
};

/* The example stretched; only category `only` when not NULL. */
static cdr_udata *k1995_stretched(double stretch, const char *only)
{
	cdr_udata *d = NULL;

	CU_ASSERT_FATAL(cdr_udata_new(&d, 0, (size_t)(24 * stretch), 2) == 0);
	for (size_t i = 0; i < sizeof(k1995) / sizeof(k1995[0]); i++) {
		if (only && strcmp(k1995[i].cat, only) != 0)
			continue;
		CU_ASSERT_EQUAL_FATAL(cdr_udata_add(d, k1995[i].coder, (size_t)((double)k1995[i].start * stretch),
						    (size_t)((double)k1995[i].length * stretch), k1995[i].cat),
				      0);
	}
	return d;
}

static void test_unitizing_krippendorff_1995(void)
{
	cdr_udata *d = k1995_stretched(1, NULL);

	/* Krippendorff1995Test.testAgreement, observed (+- .00001) */
	ASSERT_NEAR(cdr_unitizing_alpha(d, "A").observed, 0.03125, 0.00001);
	ASSERT_NEAR(cdr_unitizing_alpha(d, "B").observed, 2.26736, 0.00001);
	ASSERT_NEAR(cdr_unitizing_alpha(d, "C").observed, 0.02777, 0.00001);
	ASSERT_NEAR(cdr_unitizing_alpha(d, "D").observed, 0.38715, 0.00001);
	/* exactly 18/576, 1306/576, 16/576, 223/576 (L² = 576; A: the ends
	 * of Bertha's 8 and Bill's 4 are 2 apart each (8), of her 6 and his 2,
	 * 1 and 3 (10): 2 * 18 / (2 * 576)) */
	ASSERT_NEAR(cdr_unitizing_alpha(d, "A").observed, 18.0 / 576, 1e-15);
	ASSERT_NEAR(cdr_unitizing_alpha(d, "B").observed, 1306.0 / 576, 1e-13);
	ASSERT_NEAR(cdr_unitizing_alpha(d, "C").observed, 16.0 / 576, 1e-15);
	ASSERT_NEAR(cdr_unitizing_alpha(d, "D").observed, 223.0 / 576, 1e-14);
	cdr_udata_free(d);

	/*
	 * Stretched to a continuum of 1,200,000, expected (+- .005) and alpha
	 * (+- .02) as Krippendorff1995Test asserts them. DKPro's comment there
	 * suspects a small error in the expected disagreement of the 1995
	 * paper; the formulas of unitizing.h (Krippendorff 2004) give, exactly,
	 * D_e = .0699022, 1.1757826, .0905046, .4144523 and alpha = .5529468,
	 * -.9283847, .6930788, .0658689 (C lies .004 above the .08642 asserted,
	 * within the tolerance).
	 */
	d = k1995_stretched(1200000 / 24, NULL);
	ASSERT_NEAR(cdr_unitizing_alpha(d, "A").expected, 0.06990, 0.005);
	ASSERT_NEAR(cdr_unitizing_alpha(d, "B").expected, 1.17731, 0.005);
	ASSERT_NEAR(cdr_unitizing_alpha(d, "C").expected, 0.08642, 0.005);
	ASSERT_NEAR(cdr_unitizing_alpha(d, "D").expected, 0.41445, 0.005);
	ASSERT_ALPHA(cdr_unitizing_alpha(d, "A"), 0.553, 0.02);
	ASSERT_ALPHA(cdr_unitizing_alpha(d, "B"), -0.926, 0.02);
	ASSERT_ALPHA(cdr_unitizing_alpha(d, "C"), 0.679, 0.02);
	ASSERT_ALPHA(cdr_unitizing_alpha(d, "D"), 0.066, 0.02);
	ASSERT_NEAR(cdr_unitizing_alpha(d, "A").expected, 0.0699021974, 1e-9);
	ASSERT_NEAR(cdr_unitizing_alpha(d, "B").expected, 1.1757825837, 1e-9);
	ASSERT_NEAR(cdr_unitizing_alpha(d, "C").expected, 0.0905045882, 1e-9);
	ASSERT_NEAR(cdr_unitizing_alpha(d, "D").expected, 0.4144522861, 1e-9);
	ASSERT_ALPHA(cdr_unitizing_alpha(d, "C"), 0.6930787893, 1e-9);
	/* the observed disagreement does not change with the scale */
	ASSERT_NEAR(cdr_unitizing_alpha(d, "C").observed, 16.0 / 576, 1e-12);
	cdr_udata_free(d);

	/* Krippendorff1995Test.testVaryingLengths: C at 12 and 120 */
	d = k1995_stretched(12 / 24.0, "C");
	ASSERT_NEAR(cdr_unitizing_alpha(d, "C").observed, 0.02777, 0.00001);
	ASSERT_NEAR(cdr_unitizing_alpha(d, "C").expected, 0.05494, 0.00001);
	ASSERT_ALPHA(cdr_unitizing_alpha(d, "C"), 0.494, 0.02);
	cdr_udata_free(d);
	d = k1995_stretched(120 / 24.0, "C");
	ASSERT_NEAR(cdr_unitizing_alpha(d, "C").expected, 0.08234, 0.005);
	ASSERT_ALPHA(cdr_unitizing_alpha(d, "C"), 0.663, 0.02);
	cdr_udata_free(d);
}

/* ---- DKPro's UnitizingAgreementTest ------------------------------------- */

static void test_unitizing_dkpro_small(void)
{
	/* r0: -11111111-
	 * r1: --1-1-1---   (UnitizingAgreementTest.createExample) */
	static const struct useg_row ex[] = {
		{ 0, 1, 8, "A" }, { 1, 2, 1, "A" }, { 1, 4, 1, "A" }, { 1, 6, 1, "A" },
	};
	/* testSingleAnnotationUnit: three coders, one unit of length 1 */
	static const struct useg_row one[] = { { 0, 0, 1, "X" } };
	cdr_udata *d = udata_of(0, 10, 2, ex, 4);
	cdr_ualpha r = cdr_unitizing_alpha(d, "A");

	ASSERT_NEAR(r.observed, 0.9100, 0.0001);
	ASSERT_NEAR(r.expected, 0.5351, 0.0001);
	ASSERT_ALPHA(r, -0.7003, 0.0001);
	cdr_udata_free(d);

	/* DKPro gives 0.0 here. By hand: coder 0's unit [0, 1) lies in the
	 * gaps [0, 20) of coders 1 and 2: D_o = 2 * (1 + 1)/(3 * 2 * 20²)
	 * = 1/600. D_e: N = 1, so only the gap term, 1² (19 + 20 + 20) = 59,
	 * times 2/20 = 5.9, over 60 * 59 - 0 = 3540: 1/600. alpha = 0. */
	d = udata_of(0, 20, 3, one, 1);
	r = cdr_unitizing_alpha(d, "X");
	ASSERT_NEAR(r.observed, 1.0 / 600, 1e-15);
	ASSERT_NEAR(r.expected, 1.0 / 600, 1e-15);
	ASSERT_ALPHA(r, 0.0, 1e-12);
	ASSERT_ALPHA(cdr_unitizing_alpha_all(d), 0.0, 1e-12);
	cdr_udata_free(d);

	/* testEmptyAnnotationSet: DKPro gives NaN; here undefined */
	d = udata_of(0, 20, 3, NULL, 0);
	ASSERT_UNDEFINED(cdr_unitizing_alpha_all(d));
	cdr_udata_free(d);
}

/* ---- worked by hand ----------------------------------------------------- */

static void test_unitizing_identical(void)
{
	/* Two coders both mark [2, 5) on [0, 10).
	 * D_o = 0. D_e: N = 2 units of l = 3; (N - 1)(2*27 - 3*9 + 3)/3 = 10;
	 * gaps 2, 5, 2, 5, of which 5 and 5 hold a 3: (5 - 3 + 1) * 2 = 6,
	 * times l² = 54; per unit 64, both 128; times 2/10 = 25.6, over
	 * 20 * 19 - 2 * 3 * 2 = 368: D_e = 8/115. alpha = 1. */
	static const struct useg_row same[] = { { 0, 2, 3, "x" }, { 1, 2, 3, "x" } };
	cdr_udata *d = udata_of(0, 10, 2, same, 2);
	cdr_ualpha r = cdr_unitizing_alpha(d, "x");

	ASSERT_NEAR(r.observed, 0.0, 1e-15);
	ASSERT_NEAR(r.expected, 8.0 / 115, 1e-15);
	ASSERT_ALPHA(r, 1.0, 1e-15);
	CU_ASSERT_EQUAL(r.alpha.units, 2);
	cdr_udata_free(d);

	/* Three coders, same units, two categories (overlapping each other):
	 * still no disagreement. */
	{
		static const struct useg_row three[] = {
			{ 0, 0, 4, "a" }, { 1, 0, 4, "a" }, { 2, 0, 4, "a" },
			{ 0, 2, 5, "b" }, { 1, 2, 5, "b" }, { 2, 2, 5, "b" },
			{ 0, 7, 3, "b" }, { 1, 7, 3, "b" }, { 2, 7, 3, "b" },
		};
		d = udata_of(0, 12, 3, three, 9);
		ASSERT_ALPHA(cdr_unitizing_alpha(d, "a"), 1.0, 1e-15);
		ASSERT_ALPHA(cdr_unitizing_alpha(d, "b"), 1.0, 1e-15);
		ASSERT_ALPHA(cdr_unitizing_alpha_all(d), 1.0, 1e-15);
		cdr_udata_free(d);
	}
}

static void test_unitizing_shifted(void)
{
	/*
	 * Coder 0 marks [2, 5), coder 1 the same length one further, [3, 6),
	 * on [0, 10).
	 * Sections: coder 0 gap [0,2) unit [2,5) gap [5,10); coder 1 gap [0,3)
	 * unit [3,6) gap [6,10). Of the overlapping pairs only the two units
	 * count (neither unit lies inside a gap of the other coder):
	 * (2 - 3)² + (5 - 6)² = 2, both orders 4, D_o = 4/(2 * 1 * 10²) = .02.
	 * D_e: l = 3 twice, (N - 1)(2*27 - 27 + 3)/3 = 10 each; gaps 2, 5, 3, 4,
	 * those >= 3 give (5-3+1) + (3-3+1) + (4-3+1) = 6, times 9 = 54; per
	 * unit 64, together 128, times 2/10 = 25.6, over 380 - 12 = 368:
	 * D_e = 8/115. alpha = 1 - .02 * 115/8 = 1 - .2875 = .7125.
	 */
	static const struct useg_row shifted[] = { { 0, 2, 3, "x" }, { 1, 3, 3, "x" } };
	cdr_udata *d = udata_of(0, 10, 2, shifted, 2);
	cdr_ualpha r = cdr_unitizing_alpha(d, "x");

	ASSERT_NEAR(r.observed, 0.02, 1e-15);
	ASSERT_NEAR(r.expected, 8.0 / 115, 1e-15);
	ASSERT_ALPHA(r, 0.7125, 1e-12);
	cdr_udata_free(d);
}

static void test_unitizing_missed(void)
{
	/*
	 * Coder 0 marks [2, 5) on [0, 10), coder 1 nothing.
	 * The unit lies in coder 1's gap [0, 10): 3² = 9, both orders 18,
	 * D_o = 18/200 = .09. D_e: N = 1 (no unit-unit term); gaps 2, 5, 10,
	 * those >= 3: (5-3+1) + (10-3+1) = 11, times 9 = 99, times 2/10 = 19.8,
	 * over 380 - 6 = 374: D_e = 9/170. alpha = 1 - .09 * 170/9 = -.7.
	 */
	static const struct useg_row missed[] = { { 0, 2, 3, "x" } };
	cdr_udata *d = udata_of(0, 10, 2, missed, 1);
	cdr_ualpha r = cdr_unitizing_alpha(d, "x");

	ASSERT_NEAR(r.observed, 0.09, 1e-15);
	ASSERT_NEAR(r.expected, 9.0 / 170, 1e-15);
	ASSERT_ALPHA(r, -0.7, 1e-12);
	cdr_udata_free(d);
}

/* ---- undefined ------------------------------------------------------------ */

static void test_unitizing_undefined(void)
{
	static const struct useg_row lone[] = { { 0, 2, 3, "x" } };
	static const struct useg_row ones[] = { { 0, 0, 1, "x" }, { 1, 0, 1, "x" } };
	cdr_udata *d;
	cdr_ualpha r;

	/* no segments at all: nothing to compare, observed and expected 0 */
	d = udata_of(0, 10, 2, NULL, 0);
	r = cdr_unitizing_alpha(d, "x");
	ASSERT_UNDEFINED(r);
	CU_ASSERT(r.observed == 0 && r.expected == 0);
	CU_ASSERT_EQUAL(r.alpha.units, 0);
	ASSERT_UNDEFINED(cdr_unitizing_alpha_all(d));
	ASSERT_UNDEFINED(cdr_unitizing_alpha(d, NULL));
	CU_ASSERT_EQUAL(cdr_udata_units(d, "x"), 0);
	cdr_udata_free(d);

	/* one coder: no pairs of coders, both parts NAN */
	d = udata_of(0, 10, 1, lone, 1);
	r = cdr_unitizing_alpha(d, "x");
	ASSERT_UNDEFINED(r);
	CU_ASSERT(isnan(r.observed) && isnan(r.expected));
	ASSERT_UNDEFINED(cdr_unitizing_alpha_all(d));
	cdr_udata_free(d);

	/* a category nobody used */
	d = udata_of(0, 10, 2, lone, 1);
	ASSERT_UNDEFINED(cdr_unitizing_alpha(d, "y"));
	ASSERT_ALPHA(cdr_unitizing_alpha(d, "x"), -0.7, 1e-12);
	cdr_udata_free(d);

	/* an empty continuum */
	d = udata_of(5, 0, 2, NULL, 0);
	r = cdr_unitizing_alpha(d, "x");
	ASSERT_UNDEFINED(r);
	CU_ASSERT(isnan(r.observed));
	cdr_udata_free(d);

	/* a continuum of 1 both coders mark: D_o = 0 and D_e = 0 (l = 1 adds
	 * nothing, and there is no gap) */
	d = udata_of(0, 1, 2, ones, 2);
	r = cdr_unitizing_alpha(d, "x");
	ASSERT_UNDEFINED(r);
	CU_ASSERT(r.observed == 0 && r.expected == 0);
	cdr_udata_free(d);
}

/* ---- the segments are checked -------------------------------------------- */

static void test_unitizing_add_checks(void)
{
	cdr_udata *d = NULL;

	CU_ASSERT_FATAL(cdr_udata_new(&d, 100, 50, 2) == 0);
	CU_ASSERT_EQUAL(cdr_udata_begin(d), 100);
	CU_ASSERT_EQUAL(cdr_udata_length(d), 50);
	CU_ASSERT_EQUAL(cdr_udata_coders(d), 2);
	CU_ASSERT_EQUAL(cdr_udata_add(d, 0, 110, 10, "x"), 0);
	/* no coder 3, no empty unit, nothing outside [100, 150) */
	CU_ASSERT_EQUAL(cdr_udata_add(d, 2, 110, 10, "x"), CDR_EUSAGE);
	CU_ASSERT_EQUAL(cdr_udata_add(d, 0, 130, 0, "x"), CDR_EUSAGE);
	CU_ASSERT_EQUAL(cdr_udata_add(d, 0, 99, 5, "x"), CDR_EUSAGE);
	CU_ASSERT_EQUAL(cdr_udata_add(d, 0, 145, 6, "x"), CDR_EUSAGE);
	CU_ASSERT_EQUAL(cdr_udata_add(d, 0, 151, 1, "x"), CDR_EUSAGE);
	CU_ASSERT_EQUAL(cdr_udata_add(d, 0, 140, (size_t)-1, "x"), CDR_EUSAGE);
	CU_ASSERT_EQUAL(cdr_udata_add(d, 0, 140, 5, NULL), CDR_EUSAGE);
	/* the same coder and category may not overlap: before, after, inside,
	 * around, the same start */
	CU_ASSERT_EQUAL(cdr_udata_add(d, 0, 105, 6, "x"), CDR_EUSAGE);
	CU_ASSERT(strstr(cdr_error_last(), "overlaps") != NULL);
	CU_ASSERT_EQUAL(cdr_udata_add(d, 0, 119, 3, "x"), CDR_EUSAGE);
	CU_ASSERT_EQUAL(cdr_udata_add(d, 0, 112, 2, "x"), CDR_EUSAGE);
	CU_ASSERT_EQUAL(cdr_udata_add(d, 0, 105, 30, "x"), CDR_EUSAGE);
	CU_ASSERT_EQUAL(cdr_udata_add(d, 0, 110, 1, "x"), CDR_EUSAGE);
	/* but touching units are two units, another coder or category may
	 * overlap, and the continuum's last position is inside */
	CU_ASSERT_EQUAL(cdr_udata_add(d, 0, 100, 10, "x"), 0);
	CU_ASSERT_EQUAL(cdr_udata_add(d, 0, 120, 5, "x"), 0);
	CU_ASSERT_EQUAL(cdr_udata_add(d, 1, 105, 10, "x"), 0);
	CU_ASSERT_EQUAL(cdr_udata_add(d, 0, 105, 10, "y"), 0);
	CU_ASSERT_EQUAL(cdr_udata_add(d, 0, 149, 1, "x"), 0);
	CU_ASSERT_EQUAL(cdr_udata_units(d, "x"), 5);
	CU_ASSERT_EQUAL(cdr_udata_units(d, "y"), 1);
	CU_ASSERT_EQUAL(cdr_udata_category_count(d), 2);
	cdr_udata_free(d);
	cdr_udata_free(NULL);
}

/* ---- out of memory ---------------------------------------------------------- */

static void test_unitizing_out_of_memory(void)
{
	/* Make the i-th allocation fail, for every i until none does: each
	 * failure is CDR_ENOMEM or "out of memory", never a crash or a wrong
	 * number (ASan's leak check covers the cleanup). */
	size_t n = sizeof(k2004) / sizeof(k2004[0]);
	int done = 0;

	for (long i = 0; i < 200 && !done; i++) {
		cdr_udata *d = NULL;
		cdr_ualpha r = { NAN, NAN, { NAN, 0, NULL, NAN, NAN, NAN, 0, 0 } };
		int rc;
		cdr_alloc_fail_after(i);
		rc = cdr_udata_new(&d, 150, 300, 2);
		for (size_t k = 0; k < n && rc == 0; k++)
			rc = cdr_udata_add(d, k2004[k].coder, k2004[k].start, k2004[k].length, k2004[k].cat);
		if (rc == 0)
			r = cdr_unitizing_alpha_all(d);
		cdr_alloc_fail_after(-1);
		if (rc != 0) {
			CU_ASSERT_EQUAL(rc, CDR_ENOMEM);
			/* what was added stays whole: no category without units */
			for (size_t c = 0; d && c < cdr_udata_category_count(d); c++)
				CU_ASSERT(cdr_udata_units(d, cdr_udata_category(d, c)) > 0);
		} else if (!r.alpha.defined) {
			/* out of memory is an error the caller sees, never a note */
			CU_ASSERT_EQUAL(r.alpha.rc, CDR_ENOMEM);
		} else {
			ASSERT_NEAR(r.alpha.value, 0.8586654051842, 1e-12);
			done = 1;
		}
		cdr_udata_free(d);
	}
	CU_ASSERT(done);
}

/* ---- from a project ------------------------------------------------------ */

/* Codings of one coder: doc, start, end, code, status. */
struct coding_row {
	const char *doc;
	size_t start, end;
	const char *code, *status;
};

static void give_codings(cdr_project *p, const char *coder, const struct coding_row *rows, size_t n)
{
	cdr_codings *c = NULL;

	CU_ASSERT_EQUAL_FATAL(cdr_codings_load(&c, p, coder, NULL, NULL), 0);
	for (size_t i = 0; i < n; i++)
		CU_ASSERT_EQUAL(cdr_codings_append(c, rows[i].doc, rows[i].start, rows[i].end, rows[i].code, "manual",
						   "2026-01-01T00:00:00Z", "", rows[i].status),
				0);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_save(c), 0);
	cdr_codings_free(c);
}

static void test_unitizing_project(void)
{
	/*
	 * Documents "een" (16 code points) and "twee" (10) end to end: one
	 * continuum of 26, twee from 16 on. Code s/X:
	 *   anna een [2,5) and [4,8) (overlapping: one unit [2,8)), twee [0,3)
	 *        (continuum [16,19)), a rejected twee [5,9), and s/Y elsewhere;
	 *   bert een [2,8), twee [1,3) (continuum [17,19)).
	 * By hand: the een units agree; anna's [16,19) and bert's [17,19)
	 * overlap with (16 - 17)² + (19 - 19)² = 1, both orders 2,
	 * D_o = 2/(2 * 1 * 26²) = 1/676. D_e: units 6, 3, 6, 2 (N = 4), gaps
	 * 2, 8, 7 (anna) and 2, 9, 7 (bert). l = 6: 3 * 6*5*11/3 = 330 plus
	 * 36 * ((7-5) + (7-5) + (8-5) + (9-5)) = 396, twice: 1452; l = 3:
	 * 30 + 9 * (5 + 5 + 6 + 7) = 237; l = 2: 6 + 4 * (1 + 1 + 6 + 6 + 7
	 * + 8) = 122; 1811 * 2/26 over 52 * 51 - (30 + 6 + 30 + 2) = 2584:
	 * D_e = 1811/33592. alpha = 1 - (1/676)/(1811/33592) = 22897/23543.
	 */
	static const struct coding_row anna[] = {
		{ "een", 2, 5, "s/X", "" }, { "een", 4, 8, "s/X", "" }, { "twee", 0, 3, "s/X", "" },
		{ "twee", 5, 9, "s/X", "rejected" }, { "een", 10, 12, "s/Y", "" },
		{ "een", 14, 40, "s/Z", "" },
	};
	static const struct coding_row bert[] = {
		{ "een", 2, 8, "s/X", "" }, { "twee", 1, 3, "s/X", "" },
	};
	static const struct coding_row cees[] = { { "een", 2, 8, "s/X", "" } };
	const char *two[] = { "anna", "bert" }, *three[] = { "anna", "bert", "cees" };
	const char *both_docs[] = { "twee", "een" }, *just_twee[] = { "twee" };
	char root[512], proj[600], path1[600], path2[600];
	const char *paths[2];
	cdr_project *p = NULL;
	cdr_document *doc = NULL;
	cdr_udata *d = NULL, *d2 = NULL;
	cdr_unitizing_info info;
	cdr_ualpha r, r2;

	snprintf(root, sizeof(root), "%s", test_tmpdir());
	snprintf(proj, sizeof(proj), "%s/proj", root);
	snprintf(path1, sizeof(path1), "%s/een.txt", root);
	snprintf(path2, sizeof(path2), "%s/twee.txt", root);
	test_write_file(path1, "abcdefghijklmnop");
	test_write_file(path2, "qrstuvwxyz");
	CU_ASSERT_EQUAL_FATAL(cdr_project_init(proj, "test"), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_project_open(&p, proj), 0);
	paths[0] = path1;
	paths[1] = path2;
	CU_ASSERT_EQUAL_FATAL(cdr_project_add(p, paths, 2, NULL, NULL, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_project_doc_load(&doc, p, "een", 0), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_document_length(doc), 16);
	cdr_document_free(doc);
	CU_ASSERT_EQUAL_FATAL(cdr_project_doc_load(&doc, p, "twee", 0), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_document_length(doc), 10);
	cdr_document_free(doc);
	give_codings(p, "anna", anna, sizeof(anna) / sizeof(anna[0]));
	give_codings(p, "bert", bert, sizeof(bert) / sizeof(bert[0]));
	give_codings(p, "cees", cees, sizeof(cees) / sizeof(cees[0]));

	/* the documents both coded */
	CU_ASSERT_EQUAL_FATAL(cdr_agreement_unitizing(&d, p, two, 2, "s/X", NULL, 0, &info), 0);
	CU_ASSERT_EQUAL(info.docs, 2);
	CU_ASSERT_EQUAL(info.codings, 5);
	CU_ASSERT_EQUAL(info.merged, 1);
	CU_ASSERT_EQUAL(cdr_udata_length(d), 26);
	CU_ASSERT_EQUAL(cdr_udata_coders(d), 2);
	CU_ASSERT_EQUAL(cdr_udata_units(d, "s/X"), 4);
	r = cdr_unitizing_alpha(d, "s/X");
	ASSERT_NEAR(r.observed, 1.0 / 676, 1e-15);
	ASSERT_NEAR(r.expected, 1811.0 / 33592, 1e-15);
	ASSERT_ALPHA(r, 22897.0 / 23543, 1e-12);
	cdr_udata_free(d);

	/* the same, named in another order: the project's order counts */
	CU_ASSERT_EQUAL_FATAL(cdr_agreement_unitizing(&d2, p, two, 2, "s/X", both_docs, 2, NULL), 0);
	r2 = cdr_unitizing_alpha(d2, "s/X");
	CU_ASSERT(r2.observed == r.observed && r2.expected == r.expected);
	cdr_udata_free(d2);

	/* twee alone: anna [0,3), bert [1,3) on 10. D_o = 2 * 1/(2 * 100) =
	 * .01; D_e: l = 3: 1 * 3*2*5/3 = 10 + 9 * ((7-2) + (7-2)) = 100; l = 2:
	 * 2 + 4 * (6 + 6) = 50 (bert's gap of 1 holds neither); 150 * 2/10 =
	 * 30 over 380 - 8 = 372: 5/62. alpha = 1 - .01 * 62/5 = .876 */
	CU_ASSERT_EQUAL_FATAL(cdr_agreement_unitizing(&d, p, two, 2, "s/X", just_twee, 1, &info), 0);
	CU_ASSERT_EQUAL(info.docs, 1);
	CU_ASSERT_EQUAL(info.merged, 0);
	r = cdr_unitizing_alpha(d, "s/X");
	ASSERT_NEAR(r.observed, 0.01, 1e-15);
	ASSERT_NEAR(r.expected, 5.0 / 62, 1e-15);
	ASSERT_ALPHA(r, 0.876, 1e-12);
	cdr_udata_free(d);

	/* a coding past its document's end is cut there: anna's s/Z [14,40)
	 * becomes [14,16), inside bert's gap [0,26): D_o = 2 * 4/(2 * 676) */
	CU_ASSERT_EQUAL_FATAL(cdr_agreement_unitizing(&d, p, two, 2, "s/Z", NULL, 0, NULL), 0);
	CU_ASSERT_EQUAL(cdr_udata_units(d, "s/Z"), 1);
	ASSERT_NEAR(cdr_unitizing_alpha(d, "s/Z").observed, 4.0 / 676, 1e-15);
	cdr_udata_free(d);

	/* a code nobody used: the data are there, alpha is undefined */
	CU_ASSERT_EQUAL_FATAL(cdr_agreement_unitizing(&d, p, two, 2, "s/Q", NULL, 0, NULL), 0);
	ASSERT_UNDEFINED(cdr_unitizing_alpha(d, "s/Q"));
	cdr_udata_free(d);

	/* three coders: cees coded only een, so only een is common; all three
	 * mark [2,8) there */
	CU_ASSERT_EQUAL_FATAL(cdr_agreement_unitizing(&d, p, three, 3, "s/X", NULL, 0, &info), 0);
	CU_ASSERT_EQUAL(info.docs, 1);
	CU_ASSERT_EQUAL(cdr_udata_length(d), 16);
	ASSERT_ALPHA(cdr_unitizing_alpha(d, "s/X"), 1.0, 1e-15);
	cdr_udata_free(d);

	/* errors */
	{
		const char *one[] = { "anna" }, *twice[] = { "anna", "anna" }, *ghost[] = { "anna", "nobody" };
		const char *no_doc[] = { "drie" };
		const char *dees[] = { "anna", "dees" };
		static const struct coding_row dees_rows[] = { { "twee", 0, 2, "s/X", "" } };
		CU_ASSERT_EQUAL(cdr_agreement_unitizing(&d, p, one, 1, "s/X", NULL, 0, NULL), CDR_EUSAGE);
		CU_ASSERT_PTR_NULL(d);
		CU_ASSERT_EQUAL(cdr_agreement_unitizing(&d, p, twice, 2, "s/X", NULL, 0, NULL), CDR_EUSAGE);
		CU_ASSERT_EQUAL(cdr_agreement_unitizing(&d, p, ghost, 2, "s/X", NULL, 0, NULL), CDR_ENOTFOUND);
		CU_ASSERT_EQUAL(cdr_agreement_unitizing(&d, p, two, 2, "X", NULL, 0, NULL), CDR_EUSAGE);
		CU_ASSERT_EQUAL(cdr_agreement_unitizing(&d, p, two, 2, NULL, NULL, 0, NULL), CDR_EUSAGE);
		CU_ASSERT_EQUAL(cdr_agreement_unitizing(&d, p, two, 2, "s/X", no_doc, 1, NULL), CDR_ENOTFOUND);
		/* dees has only a twee coding, cees only een: nothing in common */
		give_codings(p, "dees", dees_rows, 1);
		dees[0] = "cees";
		CU_ASSERT_EQUAL(cdr_agreement_unitizing(&d, p, dees, 2, "s/X", NULL, 0, NULL), CDR_ENOTFOUND);
		CU_ASSERT(strstr(cdr_error_last(), "in common") != NULL);
		CU_ASSERT_PTR_NULL(d);
	}
	cdr_project_free(p);
	test_rm_rf(root);
}

/* ---- agreement on a project: documents, counts, consensus ---------------- */

/* A project with een (16 code points), twee (10) and drie (8): anna coded
 * all three, bert only een and twee. */
static cdr_project *agreement_project(char *root, size_t n)
{
	static const struct coding_row anna[] = {
		{ "een", 2, 8, "s/X", "" }, { "twee", 0, 3, "s/X", "" }, { "drie", 0, 2, "s/Y", "" },
	};
	static const struct coding_row bert[] = {
		{ "een", 4, 8, "s/X", "" }, { "twee", 1, 3, "s/X", "" }, { "drie", 5, 7, "s/Y", "rejected" },
	};
	char proj[600], path[3][600];
	const char *paths[3];
	cdr_project *p = NULL;

	snprintf(root, n, "%s", test_tmpdir());
	snprintf(proj, sizeof(proj), "%s/proj", root);
	snprintf(path[0], sizeof(path[0]), "%s/een.txt", root);
	snprintf(path[1], sizeof(path[1]), "%s/twee.txt", root);
	snprintf(path[2], sizeof(path[2]), "%s/drie.txt", root);
	test_write_file(path[0], "abcdefghijklmnop");
	test_write_file(path[1], "qrstuvwxyz");
	test_write_file(path[2], "ABCDEFGH");
	CU_ASSERT_FATAL(cdr_project_init(proj, "test") == 0);
	CU_ASSERT_FATAL(cdr_project_open(&p, proj) == 0);
	for (int i = 0; i < 3; i++)
		paths[i] = path[i];
	CU_ASSERT_FATAL(cdr_project_add(p, paths, 3, NULL, NULL, NULL) == 0);
	give_codings(p, "anna", anna, sizeof(anna) / sizeof(anna[0]));
	give_codings(p, "bert", bert, sizeof(bert) / sizeof(bert[0]));
	return p;
}

static void test_agreement_left_out_and_chars(void)
{
	const char *two[] = { "anna", "bert" };
	char root[512];
	cdr_project *p = agreement_project(root, sizeof(root));
	cdr_schemes *set = NULL;
	cdr_agreement *a = NULL;
	cdr_agree_options o = { 0 };

	CU_ASSERT_FATAL(cdr_schemes_load(&set, p) == 0);
	o.coders = two;
	o.ncoders = 2;
	o.unit = CDR_UNIT_CHAR;

	/* drie is left out (bert's only coding there is rejected), and says so */
	CU_ASSERT_FATAL(cdr_agreement_build(&a, p, set, &o) == 0);
	CU_ASSERT_EQUAL(cdr_agreement_doc_count(a), 2);
	CU_ASSERT_STRING_EQUAL(cdr_agreement_doc(a, 0), "een");
	CU_ASSERT_STRING_EQUAL(cdr_agreement_doc(a, 1), "twee");
	CU_ASSERT_EQUAL_FATAL(cdr_agreement_left_out_count(a), 1);
	CU_ASSERT_STRING_EQUAL(cdr_agreement_left_out(a, 0), "drie");
	CU_ASSERT_EQUAL(cdr_agreement_left_out_by(a, 0, 0), 0);
	CU_ASSERT_EQUAL(cdr_agreement_left_out_by(a, 0, 1), 1);
	/* one code, s/X: 16 + 10 characters, of which anna coded 6 + 3 (bert's
	 * are inside anna's) */
	CU_ASSERT_EQUAL_FATAL(cdr_agreement_count(a), 1);
	CU_ASSERT_EQUAL(cdr_agreement_chars(a), 26);
	CU_ASSERT_EQUAL(cdr_agreement_units(a, 0), 26);
	CU_ASSERT_EQUAL(cdr_agreement_coded(a, 0), 9);
	cdr_agreement_free(a);

	/* --all-docs: drie too, where bert coded nothing; two codes, and the
	 * characters are counted once, not once per code (34, not 68) */
	o.all_docs = 1;
	CU_ASSERT_FATAL(cdr_agreement_build(&a, p, set, &o) == 0);
	CU_ASSERT_EQUAL(cdr_agreement_doc_count(a), 3);
	CU_ASSERT_EQUAL(cdr_agreement_left_out_count(a), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_agreement_count(a), 2);
	CU_ASSERT_EQUAL(cdr_agreement_chars(a), 34);
	CU_ASSERT_EQUAL(cdr_agreement_units(a, 0) + cdr_agreement_units(a, 1), 68);
	CU_ASSERT_EQUAL(cdr_agreement_coded(a, 0) + cdr_agreement_coded(a, 1), 11);
	cdr_agreement_free(a);

	/* only coded characters: those anna or bert coded with any code */
	o.only_coded = 1;
	CU_ASSERT_FATAL(cdr_agreement_build(&a, p, set, &o) == 0);
	CU_ASSERT_EQUAL(cdr_agreement_chars(a), 11);
	cdr_agreement_free(a);

	/* documents as units: two documents, both coded with s/X */
	o.only_coded = 0;
	o.all_docs = 0;
	o.unit = CDR_UNIT_DOCUMENT;
	CU_ASSERT_FATAL(cdr_agreement_build(&a, p, set, &o) == 0);
	CU_ASSERT_EQUAL(cdr_agreement_units(a, 0), 2);
	CU_ASSERT_EQUAL(cdr_agreement_coded(a, 0), 2);
	CU_ASSERT_EQUAL(cdr_agreement_chars(a), 0);
	cdr_agreement_free(a);

	/* --exclusive has no meaning for characters: refused, not empty, and
	 * the message names no option (the command line adds it) */
	o.unit = CDR_UNIT_CHAR;
	o.exclusive = "s/X";
	CU_ASSERT_EQUAL(cdr_agreement_build(&a, p, set, &o), CDR_EUSAGE);
	CU_ASSERT_PTR_NULL(a);
	CU_ASSERT(strstr(cdr_error_last(), "not per character") != NULL);
	CU_ASSERT(strstr(cdr_error_last(), "--") == NULL);
	o.exclusive = NULL;
	o.unit = CDR_UNIT_TURN;
	o.ncoders = 1;
	CU_ASSERT_EQUAL(cdr_agreement_build(&a, p, set, &o), CDR_EUSAGE);
	CU_ASSERT(strstr(cdr_error_last(), "--") == NULL);
	cdr_schemes_free(set);
	cdr_project_free(p);
	test_rm_rf(root);
}

static size_t codings_of(cdr_project *p, const char *coder)
{
	cdr_codings *c = NULL;
	size_t n;

	CU_ASSERT_FATAL(cdr_codings_load(&c, p, coder, NULL, NULL) == 0);
	n = cdr_codings_count(c);
	cdr_codings_free(c);
	return n;
}

static void test_agreement_merge_refuses(void)
{
	static const struct coding_row hand[] = { { "een", 0, 1, "s/X", "" }, { "drie", 1, 2, "s/Y", "rejected" } };
	const char *two[] = { "anna", "bert" };
	char root[512];
	cdr_project *p = agreement_project(root, sizeof(root));
	cdr_codings *c = NULL;
	size_t written = 99;

	/* a new coder: written (both coded een [4,8) and twee [1,3)) */
	CU_ASSERT_EQUAL(cdr_agreement_merge(p, two, 2, "cons", CDR_MERGE_BOTH, 0, &written), 0);
	CU_ASSERT_EQUAL(written, 2);
	/* again: the two codings would be replaced, so it is refused */
	CU_ASSERT_EQUAL(cdr_agreement_merge(p, two, 2, "cons", CDR_MERGE_EITHER, 0, &written), CDR_EEXISTS);
	CU_ASSERT(strstr(cdr_error_last(), "2 codings") != NULL);
	/* the library says what is wrong; the command line names its options */
	CU_ASSERT(strstr(cdr_error_last(), "--") == NULL);
	CU_ASSERT_EQUAL(codings_of(p, "cons"), 2);
	/* a hand coder's codings, a rejected proposal among them, count too */
	give_codings(p, "hand", hand, 2);
	CU_ASSERT_EQUAL(cdr_agreement_merge(p, two, 2, "hand", CDR_MERGE_BOTH, 0, &written), CDR_EEXISTS);
	CU_ASSERT(strstr(cdr_error_last(), "2 codings") != NULL);
	CU_ASSERT_EQUAL(codings_of(p, "hand"), 2);
	/* --force replaces them: either coder's characters, joined per coder */
	CU_ASSERT_EQUAL(cdr_agreement_merge(p, two, 2, "cons", CDR_MERGE_EITHER, 1, &written), 0);
	CU_ASSERT_EQUAL(written, 3);
	CU_ASSERT_EQUAL(codings_of(p, "cons"), 3);
	/* the rules' coder never, by name or by its codings, not even forced */
	CU_ASSERT_EQUAL(cdr_agreement_merge(p, two, 2, "auto", CDR_MERGE_BOTH, 1, &written), CDR_EUSAGE);
	CU_ASSERT(strstr(cdr_error_last(), "rules") != NULL);
	CU_ASSERT(strstr(cdr_error_last(), "--") == NULL);
	CU_ASSERT_EQUAL(codings_of(p, "auto"), 0);
	CU_ASSERT_FATAL(cdr_codings_load(&c, p, "regels", NULL, NULL) == 0);
	CU_ASSERT(cdr_codings_append(c, "een", 0, 4, "s/X", "rule:s/X#r1", "2026-01-01T00:00:00Z", "", "") == 0);
	CU_ASSERT_FATAL(cdr_codings_save(c) == 0);
	cdr_codings_free(c);
	CU_ASSERT_EQUAL(cdr_agreement_merge(p, two, 2, "regels", CDR_MERGE_BOTH, 1, &written), CDR_EUSAGE);
	CU_ASSERT_EQUAL(codings_of(p, "regels"), 1);
	cdr_project_free(p);
	test_rm_rf(root);
}

/* The pooled alpha of per-category results is the alpha of one
 * continuum holding every category (what `codeer agree --unitizing`
 * prints as "(all codes)"). */
static void test_unitizing_pool(void)
{
	cdr_udata *d = udata_of(150, 300, 2, k2004, sizeof(k2004) / sizeof(k2004[0]));
	cdr_ualpha per[3], all = cdr_unitizing_alpha_all(d), pool;

	per[0] = cdr_unitizing_alpha(d, "c");
	per[1] = cdr_unitizing_alpha(d, "k");
	per[2] = cdr_unitizing_alpha(d, "none"); /* no units: left out */
	pool = cdr_unitizing_pool(per, 3);
	CU_ASSERT_EQUAL(pool.alpha.defined, 1);
	ASSERT_NEAR(pool.alpha.value, all.alpha.value, 1e-15);
	ASSERT_NEAR(pool.observed, all.observed, 1e-15);
	ASSERT_NEAR(pool.expected, all.expected, 1e-15);
	CU_ASSERT_EQUAL(pool.alpha.units, 9);
	/* nothing marked at all */
	pool = cdr_unitizing_pool(per + 2, 1);
	ASSERT_UNDEFINED(pool);
	CU_ASSERT_EQUAL(pool.observed, 0);
	pool = cdr_unitizing_pool(NULL, 0);
	ASSERT_UNDEFINED(pool);
	cdr_udata_free(d);

	/* an unusable continuum: its reason, for every category */
	CU_ASSERT_FATAL(cdr_udata_new(&d, 0, 10, 1) == 0);
	per[0] = cdr_unitizing_alpha(d, "c");
	pool = cdr_unitizing_pool(per, 1);
	ASSERT_UNDEFINED(pool);
	CU_ASSERT(isnan(pool.observed));
	CU_ASSERT_STRING_EQUAL(pool.alpha.why, per[0].alpha.why);
	cdr_udata_free(d);
}

/* The per-code summary: worst first by alpha, undefined last, ties by
 * code id whatever order the codes were asked for in; the command line
 * and the report both show this order. */
static void test_agreement_summary_order(void)
{
	static const struct coding_row anna[] = {
		{ "een", 0, 2, "mini/VB", "" }, { "twee", 0, 2, "mini/EK", "" }, { "een", 3, 4, "mini/VB.NET", "" },
	};
	static const struct coding_row bert[] = { { "een", 1, 3, "mini/VB", "" }, { "twee", 5, 6, "mini/EK", "" } };
	const char *two[] = { "anna", "bert" }, *codes[] = { "VB", "HAND", "EK", "VB.NET" };
	char root[512];
	cdr_project *p = agreement_project(root, sizeof(root));
	cdr_schemes *set = NULL;
	cdr_agreement *a = NULL;
	cdr_agreement_row *rows = NULL;
	cdr_agree_options o = { 0 };
	cdr_coef_spec percent = { CDR_COEF_PERCENT, CDR_WEIGHTS_NONE, CDR_LEVEL_NOMINAL, 0 };

	CU_ASSERT_FATAL(cdr_schemes_install(p, test_path("tests/data/schemes/mini.xml"), 0, NULL) == 0);
	CU_ASSERT_FATAL(cdr_schemes_load(&set, p) == 0);
	give_codings(p, "anna", anna, sizeof(anna) / sizeof(anna[0]));
	give_codings(p, "bert", bert, sizeof(bert) / sizeof(bert[0]));
	o.coders = two;
	o.ncoders = 2;
	o.codes = codes;
	o.ncodes = 4;
	o.all_docs = 1;
	o.unit = CDR_UNIT_DOCUMENT;
	/* per document (een, twee, drie): VB and EK both 1 (each coded in one
	 * document by both), VB.NET anna only (alpha 0), HAND nobody
	 * (alpha undefined: one category) */
	CU_ASSERT_FATAL(cdr_agreement_build(&a, p, set, &o) == 0);
	CU_ASSERT_EQUAL_FATAL(cdr_agreement_count(a), 4);
	CU_ASSERT_STRING_EQUAL(cdr_agreement_name(a, 0), "mini/VB");
	CU_ASSERT_FATAL(cdr_agreement_summary(&rows, a, NULL) == 0);
	CU_ASSERT_STRING_EQUAL(rows[0].code, "mini/VB.NET");
	CU_ASSERT(rows[0].alpha.defined && fabs(rows[0].alpha.value) < 1e-12); /* D_o = D_e = 1/3 */
	CU_ASSERT_STRING_EQUAL(rows[1].code, "mini/EK");
	CU_ASSERT_STRING_EQUAL(rows[2].code, "mini/VB");
	CU_ASSERT_STRING_EQUAL(rows[3].code, "mini/HAND");
	CU_ASSERT_EQUAL(rows[3].alpha.defined, 0);
	CU_ASSERT_DOUBLE_EQUAL(rows[1].alpha.value, 1.0, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(rows[2].alpha.value, 1.0, 1e-12);
	/* each row is its variable: index, counts and Cohen's kappa for two */
	CU_ASSERT_EQUAL(rows[2].index, 0);
	CU_ASSERT_EQUAL(rows[1].index, 2);
	CU_ASSERT_EQUAL(rows[2].units, 3);
	CU_ASSERT_EQUAL(rows[2].coded, 1);
	CU_ASSERT_DOUBLE_EQUAL(rows[2].kappa.value, 1.0, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(rows[2].percent.value, 1.0, 1e-12);
	free(rows);
	/* by another coefficient: percent agreement is defined for HAND (1),
	 * so it ties with EK and VB, and code ids order the three */
	CU_ASSERT_FATAL(cdr_agreement_summary(&rows, a, &percent) == 0);
	CU_ASSERT_STRING_EQUAL(rows[0].code, "mini/VB.NET");
	CU_ASSERT_STRING_EQUAL(rows[1].code, "mini/EK");
	CU_ASSERT_STRING_EQUAL(rows[2].code, "mini/HAND");
	CU_ASSERT_STRING_EQUAL(rows[3].code, "mini/VB");
	free(rows);
	cdr_agreement_free(a);

	/* no documents in common: the message says why, and names no option */
	o.all_docs = 0;
	o.codes = NULL;
	o.ncodes = 0;
	o.docs = NULL;
	{
		static const struct coding_row cees[] = { { "drie", 0, 1, "mini/VB", "" } };
		const char *other[] = { "bert", "cees" };
		give_codings(p, "cees", cees, 1);
		o.coders = other;
		CU_ASSERT_EQUAL(cdr_agreement_build(&a, p, set, &o), CDR_ENOTFOUND);
		CU_ASSERT(strstr(cdr_error_last(), "no document in common, only documents some of them did not code") != NULL);
		CU_ASSERT(strstr(cdr_error_last(), "--") == NULL);
	}
	cdr_schemes_free(set);
	cdr_project_free(p);
	test_rm_rf(root);
}

static void test_agreement_merge_rule_names(void)
{
	cdr_merge_rule r = CDR_MERGE_MAJORITY;

	CU_ASSERT_EQUAL(cdr_merge_rule_parse(&r, "both"), 0);
	CU_ASSERT_EQUAL(r, CDR_MERGE_BOTH);
	CU_ASSERT_EQUAL(cdr_merge_rule_parse(&r, "either"), 0);
	CU_ASSERT_EQUAL(r, CDR_MERGE_EITHER);
	CU_ASSERT_EQUAL(cdr_merge_rule_parse(&r, "majority"), 0);
	CU_ASSERT_EQUAL(r, CDR_MERGE_MAJORITY);
	CU_ASSERT_EQUAL(cdr_merge_rule_parse(&r, "all"), CDR_EUSAGE);
	CU_ASSERT_EQUAL(r, CDR_MERGE_MAJORITY);
	CU_ASSERT(strstr(cdr_error_last(), "'all'") != NULL);
	for (int i = CDR_MERGE_BOTH; i <= CDR_MERGE_MAJORITY; i++) {
		CU_ASSERT_EQUAL(cdr_merge_rule_parse(&r, cdr_merge_rule_name((cdr_merge_rule)i)), 0);
		CU_ASSERT_EQUAL(r, (cdr_merge_rule)i);
	}
}

void test_unitizing_register(void)
{
	CU_pSuite s = CU_add_suite("unitizing", NULL, NULL);

	CU_add_test(s, "krippendorff_2004", test_unitizing_krippendorff_2004);
	CU_add_test(s, "order_does_not_matter", test_unitizing_order_does_not_matter);
	CU_add_test(s, "krippendorff_1995", test_unitizing_krippendorff_1995);
	CU_add_test(s, "dkpro_small", test_unitizing_dkpro_small);
	CU_add_test(s, "identical", test_unitizing_identical);
	CU_add_test(s, "shifted", test_unitizing_shifted);
	CU_add_test(s, "missed", test_unitizing_missed);
	CU_add_test(s, "undefined", test_unitizing_undefined);
	CU_add_test(s, "add_checks", test_unitizing_add_checks);
	CU_add_test(s, "out_of_memory", test_unitizing_out_of_memory);
	CU_add_test(s, "project", test_unitizing_project);
	CU_add_test(s, "agreement_left_out_and_chars", test_agreement_left_out_and_chars);
	CU_add_test(s, "agreement_merge_refuses", test_agreement_merge_refuses);
	CU_add_test(s, "pool", test_unitizing_pool);
	CU_add_test(s, "agreement_summary_order", test_agreement_summary_order);
	CU_add_test(s, "agreement_merge_rule_names", test_agreement_merge_rule_names);
}
