/* test-scheme.c -- code schemes: the loader (codes, rules, the tree),
 * the shipped schemes, validation errors with their line numbers, pattern
 * checks, the DOCTYPE refusal, and a project's set of schemes: resolving
 * code references and installing a scheme. */
#include <CUnit/CUnit.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "codeer/codebook.h"
#include "codeer/coding.h"
#include "codeer/error.h"
#include "codeer/project.h"
#include "codeer/scheme.h"
#include "util/alloc.h"
#include "test.h"

/* ---- helpers ------------------------------------------------------------ */

/* 1-based line of the first occurrence of `needle` in `text`. */
static int line_of(const char *text, const char *needle)
{
	const char *at = strstr(text, needle);
	int line = 1;

	CU_ASSERT_PTR_NOT_NULL_FATAL(at);
	for (const char *p = text; p < at; p++)
		line += *p == '\n';
	return line;
}

/* Does the last error message start with "name:line:"? */
static int error_at(const char *name, int line)
{
	char want[512];

	snprintf(want, sizeof(want), "%s:%d:", name, line);
	if (strncmp(cdr_error_last(), want, strlen(want)) != 0) {
		fprintf(stderr, "\nexpected '%s...', got '%s'\n", want, cdr_error_last());
		return 0;
	}
	return 1;
}

static int error_has(const char *part)
{
	if (strstr(cdr_error_last(), part) == NULL) {
		fprintf(stderr, "\nexpected '%s' in '%s'\n", part, cdr_error_last());
		return 0;
	}
	return 1;
}

/* Parse a scheme given as a string; expects success. */
static cdr_scheme *parse_ok(const char *xml, const char *name)
{
	cdr_scheme *s = NULL;
	int rc = cdr_scheme_parse(&s, xml, strlen(xml), name);

	if (rc != 0)
		fprintf(stderr, "\n%s: %s\n", name, cdr_error_last());
	CU_ASSERT_EQUAL_FATAL(rc, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	return s;
}

/* Parse a scheme expected to be refused; returns the code. */
static int parse_fails(const char *xml, const char *name)
{
	cdr_scheme *s = (cdr_scheme *)1;
	int rc = cdr_scheme_parse(&s, xml, strlen(xml), name);

	CU_ASSERT_PTR_NULL(s);
	if (rc == 0 && s != (cdr_scheme *)1)
		cdr_scheme_free(s);
	return rc;
}

#define HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
#define OPEN(id) "<scheme xmlns=\"urn:codeer:scheme:1\" id=\"" id "\" version=\"1\">\n  <title>T</title>\n"

/* The number of <code elements outside XML comments: an independent
 * count of the codes of a scheme file. */
static size_t count_code_elements(const char *xml)
{
	size_t n = 0;
	const char *p = xml;

	while (*p) {
		if (strncmp(p, "<!--", 4) == 0) {
			const char *end = strstr(p + 4, "-->");
			if (end == NULL)
				break;
			p = end + 3;
			continue;
		}
		if (strncmp(p, "<code ", 6) == 0 || strncmp(p, "<code\n", 6) == 0 || strncmp(p, "<code\t", 6) == 0)
			n++;
		p++;
	}
	return n;
}

/* Install a scheme given as text (written to root/name first). */
static int install_text(cdr_project *p, const char *root, const char *name, const char *xml, int replace)
{
	char *path = test_join(root, name), *id = NULL;
	int rc;

	test_write_file(path, xml);
	rc = cdr_schemes_install(p, path, replace, &id);
	free(id);
	free(path);
	return rc;
}

/* A second scheme that shares the code id VB with mini.xml. */
static const char ander_xml[] =
	HEAD OPEN("ander")
	"  <code id=\"VB\" label=\"Verbeteren\">\n"
	"    <definition>Iets beter maken.</definition>\n"
	"  </code>\n"
	"  <code id=\"EXTRA\" label=\"Extra\">\n"
	"    <definition>Alleen in dit schema.</definition>\n"
	"  </code>\n"
	"</scheme>\n";

/* ---- the loader ------------------------------------------------------------ */

static void test_scheme_parse_mini_codes(void)
{
	size_t len;
	char *xml = test_slurp(test_path("tests/data/schemes/mini.xml"), &len);
	cdr_scheme *s = NULL;
	const cdr_code *vb, *net, *ek, *hand;

	CU_ASSERT_EQUAL_FATAL(cdr_scheme_parse(&s, xml, len, "mini.xml"), 0);
	CU_ASSERT_STRING_EQUAL(cdr_scheme_id(s), "mini");
	CU_ASSERT_STRING_EQUAL(cdr_scheme_title(s), "Testschema");
	CU_ASSERT_STRING_EQUAL(cdr_scheme_description(s), "");
	CU_ASSERT_STRING_EQUAL(cdr_scheme_path(s), "mini.xml");
	CU_ASSERT_EQUAL_FATAL(cdr_scheme_code_count(s), 4);
	vb = cdr_scheme_code(s, 0);
	net = cdr_scheme_code(s, 1);
	ek = cdr_scheme_code(s, 2);
	hand = cdr_scheme_code(s, 3);
	CU_ASSERT_PTR_NULL(cdr_scheme_code(s, 4));
	/* document order, a parent before its children */
	CU_ASSERT_STRING_EQUAL(vb->id, "VB");
	CU_ASSERT_STRING_EQUAL(net->id, "VB.NET");
	CU_ASSERT_STRING_EQUAL(ek->id, "EK");
	CU_ASSERT_STRING_EQUAL(hand->id, "HAND");
	CU_ASSERT_STRING_EQUAL(vb->qualified, "mini/VB");
	CU_ASSERT_STRING_EQUAL(net->qualified, "mini/VB.NET");
	CU_ASSERT_STRING_EQUAL(ek->qualified, "mini/EK");
	CU_ASSERT_STRING_EQUAL(hand->qualified, "mini/HAND");
	CU_ASSERT_STRING_EQUAL(vb->label, "Verbinden");
	CU_ASSERT_STRING_EQUAL(net->label, "Netwerk in de buurt");
	CU_ASSERT_STRING_EQUAL(ek->label, "Eigen kracht");
	CU_ASSERT_STRING_EQUAL(hand->label, "Handmatig");
	CU_ASSERT_EQUAL(vb->parent, -1);
	CU_ASSERT_EQUAL(net->parent, 0);
	CU_ASSERT_EQUAL(ek->parent, -1);
	CU_ASSERT_EQUAL(hand->parent, -1);
	CU_ASSERT_EQUAL(vb->depth, 0);
	CU_ASSERT_EQUAL(net->depth, 1);
	CU_ASSERT_EQUAL(ek->depth, 0);
	CU_ASSERT_EQUAL(hand->depth, 0);
	CU_ASSERT_STRING_EQUAL(vb->definition, "Verbinden, behalve technische verbindingen.");
	CU_ASSERT_STRING_EQUAL(vb->include, "");
	CU_ASSERT_STRING_EQUAL(vb->exclude, "");
	CU_ASSERT_STRING_EQUAL(vb->example, "");
	CU_ASSERT_STRING_EQUAL(vb->colour, "");
	CU_ASSERT_EQUAL(vb->line, line_of(xml, "<code id=\"VB\""));
	CU_ASSERT_EQUAL(net->line, line_of(xml, "<code id=\"VB.NET\""));
	CU_ASSERT_EQUAL(ek->line, line_of(xml, "<code id=\"EK\""));
	CU_ASSERT_EQUAL(hand->line, line_of(xml, "<code id=\"HAND\""));
	CU_ASSERT_EQUAL(cdr_scheme_find(s, "VB.NET"), 1);
	CU_ASSERT_EQUAL(cdr_scheme_find(s, "HAND"), 3);
	CU_ASSERT_EQUAL(cdr_scheme_find(s, "mini/VB"), -1);
	CU_ASSERT_EQUAL(cdr_scheme_find(s, "NET"), -1);
	cdr_scheme_free(s);
	free(xml);
}

static void test_scheme_parse_mini_rules(void)
{
	size_t len;
	char *xml = test_slurp(test_path("tests/data/schemes/mini.xml"), &len);
	cdr_scheme *s = NULL;
	const cdr_rule *r;
	const char *net_code;

	CU_ASSERT_EQUAL_FATAL(cdr_scheme_parse(&s, xml, len, "mini.xml"), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_scheme_code_count(s), 4);

	/* VB: match scope, default caseless, one <unless> */
	CU_ASSERT_EQUAL_FATAL(cdr_scheme_code(s, 0)->nrules, 1);
	r = &cdr_scheme_code(s, 0)->rules[0];
	CU_ASSERT_STRING_EQUAL(r->id, "r1");
	CU_ASSERT_EQUAL(r->scope, CDR_SCOPE_MATCH);
	CU_ASSERT_EQUAL(r->caseless, 1);
	CU_ASSERT_STRING_EQUAL(r->pattern, "\\bverbind\\w*");
	CU_ASSERT_EQUAL_FATAL(r->nunless, 1);
	CU_ASSERT_STRING_EQUAL(r->unless[0], "\\binternetverbinding\\w*");
	CU_ASSERT_PTR_NULL(r->near);
	CU_ASSERT_EQUAL(r->near_words, 0);
	CU_ASSERT_PTR_NULL(r->speaker);
	CU_ASSERT_PTR_NULL(r->speaker_not);
	CU_ASSERT_EQUAL(r->line, line_of(xml, "<rule id=\"r1\" scope=\"match\""));

	/* VB.NET: sentence scope, <near words="3"> */
	CU_ASSERT_EQUAL_FATAL(cdr_scheme_code(s, 1)->nrules, 1);
	r = &cdr_scheme_code(s, 1)->rules[0];
	CU_ASSERT_EQUAL(r->scope, CDR_SCOPE_SENTENCE);
	CU_ASSERT_EQUAL(r->caseless, 1);
	CU_ASSERT_STRING_EQUAL(r->pattern, "\\bnetwerk\\w*");
	CU_ASSERT_EQUAL(r->nunless, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r->near);
	CU_ASSERT_STRING_EQUAL(r->near, "\\b(?:buurt|wijk)\\w*");
	CU_ASSERT_EQUAL(r->near_words, 3);
	net_code = strstr(xml, "<code id=\"VB.NET\"");
	CU_ASSERT_PTR_NOT_NULL_FATAL(net_code);
	CU_ASSERT_EQUAL(r->line, line_of(net_code, "<rule ") + line_of(xml, "<code id=\"VB.NET\"") - 1);

	/* EK: turn scope, speaker-not */
	CU_ASSERT_EQUAL_FATAL(cdr_scheme_code(s, 2)->nrules, 1);
	r = &cdr_scheme_code(s, 2)->rules[0];
	CU_ASSERT_EQUAL(r->scope, CDR_SCOPE_TURN);
	CU_ASSERT_PTR_NULL(r->speaker);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r->speaker_not);
	CU_ASSERT_STRING_EQUAL(r->speaker_not, "^I$");
	CU_ASSERT_STRING_EQUAL(r->pattern, "\\beigen\\s+kracht\\b");
	CU_ASSERT_EQUAL(r->line, line_of(xml, "<rule id=\"r1\" scope=\"turn\""));

	/* HAND: no rules */
	CU_ASSERT_EQUAL(cdr_scheme_code(s, 3)->nrules, 0);
	CU_ASSERT_STRING_EQUAL(cdr_scope_name(CDR_SCOPE_MATCH), "match");
	CU_ASSERT_STRING_EQUAL(cdr_scope_name(CDR_SCOPE_SENTENCE), "sentence");
	CU_ASSERT_STRING_EQUAL(cdr_scope_name(CDR_SCOPE_PARAGRAPH), "paragraph");
	CU_ASSERT_STRING_EQUAL(cdr_scope_name(CDR_SCOPE_TURN), "turn");
	cdr_scheme_free(s);
	free(xml);
}

static void test_scheme_parse_rule_attributes(void)
{
	static const char xml[] =
		HEAD OPEN("attr")
		"  <description>\n    Een beschrijving.\n  </description>\n"
		"  <code id=\"A\" label=\"A\" colour=\"#12abEF\">\n"
		"    <definition>  Definitie met   spaties.  </definition>\n"
		"    <include>erin</include>\n"
		"    <exclude>eruit</exclude>\n"
		"    <example>voorbeeld</example>\n"
		"    <rule id=\"gevoelig\" caseless=\"false\" scope=\"paragraph\" speaker=\"^R\\d*$\">\n"
		"      <pattern>Buurt</pattern>\n"
		"      <unless>Buurtzorg</unless>\n"
		"      <unless>Buurthuis</unless>\n"
		"    </rule>\n"
		"    <rule id=\"nul\" caseless=\"0\"><pattern>x</pattern></rule>\n"
		"    <rule id=\"een\" caseless=\"1\"><pattern>y</pattern></rule>\n"
		"    <rule id=\"waar\" caseless=\"true\"><pattern>z</pattern></rule>\n"
		"    <code id=\"A.1\" label=\"Kind\">\n"
		"      <definition>Kind.</definition>\n"
		"      <code id=\"A.1.1\" label=\"Kleinkind\">\n"
		"        <definition>Kleinkind.</definition>\n"
		"      </code>\n"
		"    </code>\n"
		"    <code id=\"A.2\" label=\"Tweede kind\">\n"
		"      <definition>Tweede.</definition>\n"
		"    </code>\n"
		"  </code>\n"
		"</scheme>\n";
	cdr_scheme *s = parse_ok(xml, "attr.xml");
	const cdr_code *a;
	const cdr_rule *r;

	CU_ASSERT_STRING_EQUAL(cdr_scheme_description(s), "Een beschrijving.");
	CU_ASSERT_EQUAL_FATAL(cdr_scheme_code_count(s), 4);
	a = cdr_scheme_code(s, 0);
	CU_ASSERT_STRING_EQUAL(a->colour, "#12abEF");
	CU_ASSERT_STRING_EQUAL(a->definition, "Definitie met   spaties.");
	CU_ASSERT_STRING_EQUAL(a->include, "erin");
	CU_ASSERT_STRING_EQUAL(a->exclude, "eruit");
	CU_ASSERT_STRING_EQUAL(a->example, "voorbeeld");
	CU_ASSERT_EQUAL_FATAL(a->nrules, 4);
	r = &a->rules[0];
	CU_ASSERT_STRING_EQUAL(r->id, "gevoelig");
	CU_ASSERT_EQUAL(r->caseless, 0);
	CU_ASSERT_EQUAL(r->scope, CDR_SCOPE_PARAGRAPH);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r->speaker);
	CU_ASSERT_STRING_EQUAL(r->speaker, "^R\\d*$");
	CU_ASSERT_PTR_NULL(r->speaker_not);
	CU_ASSERT_EQUAL_FATAL(r->nunless, 2);
	CU_ASSERT_STRING_EQUAL(r->unless[0], "Buurtzorg");
	CU_ASSERT_STRING_EQUAL(r->unless[1], "Buurthuis");
	CU_ASSERT_EQUAL(r->line, line_of(xml, "<rule id=\"gevoelig\""));
	CU_ASSERT_EQUAL(a->rules[1].caseless, 0);
	CU_ASSERT_EQUAL(a->rules[2].caseless, 1);
	CU_ASSERT_EQUAL(a->rules[3].caseless, 1);
	CU_ASSERT_EQUAL(a->rules[1].scope, CDR_SCOPE_SENTENCE); /* the default */
	CU_ASSERT_EQUAL(a->rules[3].line, line_of(xml, "<rule id=\"waar\""));
	/* the tree: A, A.1, A.1.1, A.2 */
	CU_ASSERT_STRING_EQUAL(cdr_scheme_code(s, 1)->id, "A.1");
	CU_ASSERT_EQUAL(cdr_scheme_code(s, 1)->parent, 0);
	CU_ASSERT_EQUAL(cdr_scheme_code(s, 1)->depth, 1);
	CU_ASSERT_STRING_EQUAL(cdr_scheme_code(s, 2)->id, "A.1.1");
	CU_ASSERT_STRING_EQUAL(cdr_scheme_code(s, 2)->qualified, "attr/A.1.1");
	CU_ASSERT_EQUAL(cdr_scheme_code(s, 2)->parent, 1);
	CU_ASSERT_EQUAL(cdr_scheme_code(s, 2)->depth, 2);
	CU_ASSERT_EQUAL(cdr_scheme_code(s, 2)->nrules, 0);
	CU_ASSERT_PTR_NULL(cdr_scheme_code(s, 2)->rules);
	CU_ASSERT_STRING_EQUAL(cdr_scheme_code(s, 3)->id, "A.2");
	CU_ASSERT_EQUAL(cdr_scheme_code(s, 3)->parent, 0);
	CU_ASSERT_EQUAL(cdr_scheme_code(s, 3)->depth, 1);
	CU_ASSERT_EQUAL(cdr_scheme_code(s, 3)->line, line_of(xml, "<code id=\"A.2\""));
	cdr_scheme_free(s);
}

/* Every scheme shipped in codeschemes/ loads, with as many codes as the
 * file has <code> elements, and a consistent tree. */
static void test_scheme_shipped_schemes_load(void)
{
	DIR *d = opendir(test_path("codeschemes"));
	struct dirent *e;
	size_t files = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name), len, want;
		char rel[512], *xml;
		cdr_scheme *s = NULL;
		int rc;
		if (n < 5 || strcmp(e->d_name + n - 4, ".xml") != 0)
			continue;
		snprintf(rel, sizeof(rel), "codeschemes/%s", e->d_name);
		xml = test_slurp(test_path(rel), &len);
		want = count_code_elements(xml);
		rc = cdr_scheme_load(&s, test_path(rel));
		if (rc != 0)
			fprintf(stderr, "\n%s: %s\n", rel, cdr_error_last());
		CU_ASSERT_EQUAL(rc, 0);
		files++;
		if (rc == 0) {
			size_t bad = 0;
			if (cdr_scheme_code_count(s) != want)
				fprintf(stderr, "\n%s: %zu codes loaded, %zu in the file\n", rel, cdr_scheme_code_count(s), want);
			CU_ASSERT_EQUAL(cdr_scheme_code_count(s), want);
			CU_ASSERT_TRUE(want > 0);
			/* the scheme id is the file name without .xml */
			CU_ASSERT_TRUE(strlen(cdr_scheme_id(s)) == n - 4 && strncmp(cdr_scheme_id(s), e->d_name, n - 4) == 0);
			for (size_t i = 0; i < cdr_scheme_code_count(s); i++) {
				const cdr_code *c = cdr_scheme_code(s, i);
				char q[512];
				snprintf(q, sizeof(q), "%s/%s", cdr_scheme_id(s), c->id);
				bad += strcmp(q, c->qualified) != 0;
				bad += c->definition == NULL || c->definition[0] == '\0';
				bad += c->parent >= (long)i;
				if (c->parent >= 0)
					bad += c->depth != cdr_scheme_code(s, (size_t)c->parent)->depth + 1;
				else
					bad += c->depth != 0;
				bad += cdr_scheme_find(s, c->id) != (long)i;
				for (size_t r = 0; r < c->nrules; r++)
					bad += c->rules[r].pattern == NULL || c->rules[r].line <= c->line;
			}
			if (bad)
				fprintf(stderr, "\n%s: %zu inconsistencies\n", rel, bad);
			CU_ASSERT_EQUAL(bad, 0);
			/* their patterns all compile */
			CU_ASSERT_EQUAL(cdr_scheme_check_patterns(s, NULL, NULL), 0);
		}
		cdr_scheme_free(s);
		free(xml);
	}
	closedir(d);
	CU_ASSERT_TRUE(files >= 6); /* six are documented in codeschemes/README.md */
}

/* ---- validation errors ----------------------------------------------------- */

static void test_scheme_bad_scope_names_line(void)
{
	size_t len;
	char *xml = test_slurp(test_path("tests/data/schemes/invalid-xsd.xml"), &len);
	cdr_scheme *s = (cdr_scheme *)1;

	CU_ASSERT_EQUAL(cdr_scheme_parse(&s, xml, len, "invalid-xsd.xml"), CDR_EFORMAT);
	CU_ASSERT_PTR_NULL(s);
	CU_ASSERT_TRUE(error_at("invalid-xsd.xml", line_of(xml, "scope=\"paragraaf\"")));
	CU_ASSERT_TRUE(error_has("paragraaf"));
	free(xml);
	/* the same through the file loader: the message names the path */
	CU_ASSERT_EQUAL(cdr_scheme_load(&s, test_path("tests/data/schemes/invalid-xsd.xml")), CDR_EFORMAT);
	CU_ASSERT_TRUE(error_has("invalid-xsd.xml:6:"));
}

static void test_scheme_missing_definition_names_line(void)
{
	static const char xml[] =
		HEAD OPEN("x")
		"  <code id=\"A\" label=\"A\">\n"
		"    <definition>a</definition>\n"
		"  </code>\n"
		"\n"
		"  <code id=\"B\" label=\"B\">\n"
		"  </code>\n"
		"</scheme>\n";

	CU_ASSERT_EQUAL(parse_fails(xml, "nodef.xml"), CDR_EFORMAT);
	CU_ASSERT_TRUE(error_at("nodef.xml", line_of(xml, "<code id=\"B\"")));
	CU_ASSERT_TRUE(error_has("definition"));
}

static void test_scheme_empty_definition_refused(void)
{
	static const char xml[] =
		HEAD OPEN("x")
		"  <code id=\"A\" label=\"A\">\n"
		"    <definition>   </definition>\n"
		"  </code>\n"
		"</scheme>\n";

	CU_ASSERT_EQUAL(parse_fails(xml, "leeg.xml"), CDR_EFORMAT);
	CU_ASSERT_TRUE(error_at("leeg.xml", line_of(xml, "<definition>")));
}

static void test_scheme_duplicate_code_id_names_line(void)
{
	/* the second A is nested: code ids are unique at any depth */
	static const char xml[] =
		HEAD OPEN("x")
		"  <code id=\"A\" label=\"A\">\n"
		"    <definition>a</definition>\n"
		"  </code>\n"
		"  <code id=\"B\" label=\"B\">\n"
		"    <definition>b</definition>\n"
		"    <code id=\"A\" label=\"Nog een A\">\n"
		"      <definition>a2</definition>\n"
		"    </code>\n"
		"  </code>\n"
		"</scheme>\n";

	CU_ASSERT_EQUAL(parse_fails(xml, "dup.xml"), CDR_EFORMAT);
	CU_ASSERT_TRUE(error_at("dup.xml", line_of(xml, "<code id=\"A\" label=\"Nog een A\"")));
	CU_ASSERT_TRUE(error_has("'A'"));
}

static void test_scheme_duplicate_rule_id_refused(void)
{
	static const char xml[] =
		HEAD OPEN("x")
		"  <code id=\"A\" label=\"A\">\n"
		"    <definition>a</definition>\n"
		"    <rule id=\"r1\"><pattern>a</pattern></rule>\n"
		"    <rule id=\"r1\"><pattern>b</pattern></rule>\n"
		"  </code>\n"
		"</scheme>\n";

	CU_ASSERT_EQUAL(parse_fails(xml, "duprule.xml"), CDR_EFORMAT);
	CU_ASSERT_TRUE(error_has("duprule.xml:"));
	CU_ASSERT_TRUE(error_has("r1"));
}

static void test_scheme_malformed_xml_names_line(void)
{
	static const char xml[] =
		HEAD OPEN("x")
		"  <code id=\"A\" label=\"A\">\n"
		"    <definition>a</definitie>\n"
		"  </code>\n"
		"</scheme>\n";

	CU_ASSERT_EQUAL(parse_fails(xml, "kapot.xml"), CDR_EFORMAT);
	CU_ASSERT_TRUE(error_at("kapot.xml", line_of(xml, "</definitie>")));
}

static void test_scheme_invalid_regex_names_pattern_and_offset(void)
{
	size_t len;
	char *xml = test_slurp(test_path("tests/data/schemes/bad-regex.xml"), &len);
	cdr_scheme *s = (cdr_scheme *)1;
	const char *pattern = "\\bverbind(en|ing";
	char want[128];

	CU_ASSERT_EQUAL(cdr_scheme_parse(&s, xml, len, "bad-regex.xml"), CDR_EFORMAT);
	CU_ASSERT_PTR_NULL(s);
	CU_ASSERT_TRUE(error_at("bad-regex.xml", line_of(xml, "<rule id=\"r1\"")));
	CU_ASSERT_TRUE(error_has("rule badregex/A#r1"));
	snprintf(want, sizeof(want), "pattern '%s'", pattern);
	CU_ASSERT_TRUE(error_has(want));
	/* a missing ')' is found at the end of the pattern */
	snprintf(want, sizeof(want), "at offset %zu", strlen(pattern));
	CU_ASSERT_TRUE(error_has(want));
	free(xml);
}

static void test_scheme_invalid_unless_near_speaker_refused(void)
{
	static const char unless[] =
		HEAD OPEN("x")
		"  <code id=\"A\" label=\"A\">\n"
		"    <definition>a</definition>\n"
		"    <rule id=\"r1\">\n"
		"      <pattern>a</pattern>\n"
		"      <unless>ok</unless>\n"
		"      <unless>[ab</unless>\n"
		"    </rule>\n"
		"  </code>\n"
		"</scheme>\n";
	static const char near[] =
		HEAD OPEN("x")
		"  <code id=\"A\" label=\"A\">\n"
		"    <definition>a</definition>\n"
		"    <rule id=\"r1\">\n"
		"      <pattern>a</pattern>\n"
		"      <near words=\"2\">b{2,1}</near>\n"
		"    </rule>\n"
		"  </code>\n"
		"</scheme>\n";
	static const char speaker[] =
		HEAD OPEN("x")
		"  <code id=\"A\" label=\"A\">\n"
		"    <definition>a</definition>\n"
		"    <rule id=\"r1\" speaker-not=\"(I\">\n"
		"      <pattern>a</pattern>\n"
		"    </rule>\n"
		"  </code>\n"
		"</scheme>\n";

	CU_ASSERT_EQUAL(parse_fails(unless, "u.xml"), CDR_EFORMAT);
	CU_ASSERT_TRUE(error_at("u.xml", line_of(unless, "<rule ")));
	CU_ASSERT_TRUE(error_has("unless '[ab'"));
	CU_ASSERT_TRUE(error_has("at offset 3"));
	CU_ASSERT_EQUAL(parse_fails(near, "n.xml"), CDR_EFORMAT);
	CU_ASSERT_TRUE(error_has("near 'b{2,1}'"));
	CU_ASSERT_EQUAL(parse_fails(speaker, "s.xml"), CDR_EFORMAT);
	CU_ASSERT_TRUE(error_has("speaker-not '(I'"));
}

/* cdr_scheme_parse gives the first bad pattern: here the <pattern> of the
 * rule, not the <unless> after it. */
static void test_scheme_parse_reports_first_bad_pattern(void)
{
	static const char xml[] =
		HEAD OPEN("x")
		"  <code id=\"A\" label=\"A\">\n"
		"    <definition>a</definition>\n"
		"    <rule id=\"r1\">\n"
		"      <pattern>eerste(</pattern>\n"
		"      <unless>tweede[</unless>\n"
		"    </rule>\n"
		"  </code>\n"
		"  <code id=\"B\" label=\"B\">\n"
		"    <definition>b</definition>\n"
		"    <rule id=\"r1\">\n"
		"      <pattern>derde)</pattern>\n"
		"    </rule>\n"
		"  </code>\n"
		"</scheme>\n";

	CU_ASSERT_EQUAL(parse_fails(xml, "twee.xml"), CDR_EFORMAT);
	CU_ASSERT_TRUE(error_at("twee.xml", line_of(xml, "<rule ")));
	CU_ASSERT_TRUE(error_has("x/A#r1"));
	CU_ASSERT_TRUE(error_has("pattern 'eerste('"));
}

struct reports {
	char msg[8][512];
	char where[8][128]; /* "scheme/code#rule", from the callback's arguments */
	size_t n;
};

static void on_report(void *ctx, const cdr_code *code, const cdr_rule *rule, const char *message)
{
	struct reports *r = ctx;

	if (r->n < 8) {
		snprintf(r->msg[r->n], sizeof(r->msg[0]), "%s", message);
		snprintf(r->where[r->n], sizeof(r->where[0]), "%s#%s", code->qualified, rule->id);
	}
	r->n++;
}

/* cdr_scheme_check_patterns lists every bad pattern. A loaded scheme has
 * none (parsing refuses them), so two valid patterns of a loaded scheme
 * are broken in place -- same length, heap strings -- and restored. */
static void test_scheme_check_patterns_reports_every_bad_one(void)
{
	static const char xml[] =
		HEAD OPEN("x")
		"  <code id=\"A\" label=\"A\">\n"
		"    <definition>a</definition>\n"
		"    <rule id=\"r1\">\n"
		"      <pattern>abc</pattern>\n"
		"    </rule>\n"
		"  </code>\n"
		"  <code id=\"B\" label=\"B\">\n"
		"    <definition>b</definition>\n"
		"    <rule id=\"goed\"><pattern>goed</pattern></rule>\n"
		"    <rule id=\"r2\">\n"
		"      <pattern>ok</pattern>\n"
		"      <unless>xyz</unless>\n"
		"    </rule>\n"
		"  </code>\n"
		"</scheme>\n";
	cdr_scheme *s = parse_ok(xml, "check.xml");
	struct reports rep = { .n = 0 };
	char *p1, *p2;
	char want[128];

	CU_ASSERT_EQUAL(cdr_scheme_check_patterns(s, on_report, &rep), 0);
	CU_ASSERT_EQUAL(rep.n, 0);
	CU_ASSERT_EQUAL_FATAL(cdr_scheme_code(s, 0)->nrules, 1);
	CU_ASSERT_EQUAL_FATAL(cdr_scheme_code(s, 1)->nrules, 2);
	CU_ASSERT_EQUAL_FATAL(cdr_scheme_code(s, 1)->rules[1].nunless, 1);
	p1 = (char *)cdr_scheme_code(s, 0)->rules[0].pattern;
	p2 = (char *)cdr_scheme_code(s, 1)->rules[1].unless[0];
	CU_ASSERT_STRING_EQUAL_FATAL(p1, "abc");
	CU_ASSERT_STRING_EQUAL_FATAL(p2, "xyz");
	p1[1] = '(';  /* "a(c": missing ) */
	p2[1] = '[';  /* "x[z": missing ] */
	CU_ASSERT_EQUAL(cdr_scheme_check_patterns(s, on_report, &rep), 2);
	CU_ASSERT_EQUAL_FATAL(rep.n, 2);
	snprintf(want, sizeof(want), "check.xml:%d: rule x/A#r1: pattern 'a(c': ", line_of(xml, "<rule id=\"r1\""));
	CU_ASSERT_TRUE(strncmp(rep.msg[0], want, strlen(want)) == 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(rep.msg[0], "at offset 3"));
	snprintf(want, sizeof(want), "check.xml:%d: rule x/B#r2: unless 'x[z': ", line_of(xml, "<rule id=\"r2\""));
	CU_ASSERT_TRUE(strncmp(rep.msg[1], want, strlen(want)) == 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(rep.msg[1], "at offset 3"));
	CU_ASSERT_STRING_EQUAL(rep.where[0], "x/A#r1");
	CU_ASSERT_STRING_EQUAL(rep.where[1], "x/B#r2");
	/* without a callback: the count, and the first problem as the error */
	CU_ASSERT_EQUAL(cdr_scheme_check_patterns(s, NULL, NULL), 2);
	CU_ASSERT_TRUE(error_has("pattern 'a(c'"));
	p1[1] = 'b';
	p2[1] = 'y';
	CU_ASSERT_EQUAL(cdr_scheme_check_patterns(s, NULL, NULL), 0);
	cdr_scheme_free(s);
}

static void test_scheme_doctype_refused(void)
{
	static const char xml[] =
		"<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE scheme [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
		"<scheme xmlns=\"urn:codeer:scheme:1\" id=\"x\" version=\"1\"><title>&x;</title>\n"
		"<code id=\"A\" label=\"A\"><definition>a</definition></code></scheme>\n";
	static const char harmless[] =
		"<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE scheme>\n"
		"<scheme xmlns=\"urn:codeer:scheme:1\" id=\"x\" version=\"1\"><title>X</title>\n"
		"<code id=\"A\" label=\"A\"><definition>a</definition></code></scheme>\n";

	CU_ASSERT_EQUAL(parse_fails(xml, "xxe.xml"), CDR_EUNSAFE);
	CU_ASSERT_TRUE(error_at("xxe.xml", 2));
	CU_ASSERT_TRUE(error_has("DOCTYPE"));
	CU_ASSERT_EQUAL(parse_fails(harmless, "dt.xml"), CDR_EUNSAFE);
}

/* ---- a project's schemes ------------------------------------------------------ */

static void test_scheme_resolve_references(void)
{
	char *root;
	cdr_project *p = test_new_project(&root);
	cdr_schemes *set = NULL;
	const cdr_code *c = (const cdr_code *)1;

	CU_ASSERT_EQUAL_FATAL(cdr_schemes_install(p, test_path("tests/data/schemes/mini.xml"), 0, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(install_text(p, root, "ander.xml", ander_xml, 0), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_schemes_load(&set, p), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_schemes_count(set), 2);
	/* sorted by id */
	CU_ASSERT_STRING_EQUAL(cdr_scheme_id(cdr_schemes_get(set, 0)), "ander");
	CU_ASSERT_STRING_EQUAL(cdr_scheme_id(cdr_schemes_get(set, 1)), "mini");
	CU_ASSERT_PTR_NULL(cdr_schemes_get(set, 2));
	CU_ASSERT_PTR_NOT_NULL(cdr_schemes_find(set, "mini"));
	CU_ASSERT_PTR_NULL(cdr_schemes_find(set, "VB"));

	/* qualified */
	CU_ASSERT_EQUAL(cdr_schemes_resolve(&c, set, "mini/VB.NET"), 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_STRING_EQUAL(c->qualified, "mini/VB.NET");
	CU_ASSERT_PTR_EQUAL(c, cdr_scheme_code(cdr_schemes_find(set, "mini"), 1));
	CU_ASSERT_EQUAL(cdr_schemes_resolve(&c, set, "ander/VB"), 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_STRING_EQUAL(c->label, "Verbeteren");
	/* bare and unique */
	CU_ASSERT_EQUAL(cdr_schemes_resolve(&c, set, "EK"), 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_STRING_EQUAL(c->qualified, "mini/EK");
	CU_ASSERT_EQUAL(cdr_schemes_resolve(&c, set, "EXTRA"), 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_STRING_EQUAL(c->qualified, "ander/EXTRA");
	/* unknown */
	CU_ASSERT_EQUAL(cdr_schemes_resolve(&c, set, "NOPE"), CDR_ENOTFOUND);
	CU_ASSERT_PTR_NULL(c);
	CU_ASSERT_TRUE(error_has("NOPE"));
	CU_ASSERT_EQUAL(cdr_schemes_resolve(&c, set, "nope/VB"), CDR_ENOTFOUND);
	CU_ASSERT_TRUE(error_has("nope"));
	CU_ASSERT_EQUAL(cdr_schemes_resolve(&c, set, "mini/EXTRA"), CDR_ENOTFOUND);
	CU_ASSERT_TRUE(error_has("EXTRA"));
	CU_ASSERT_EQUAL(cdr_schemes_resolve(&c, set, "vb"), CDR_ENOTFOUND); /* ids are case-sensitive */
	/* ambiguous: both candidates named */
	c = (const cdr_code *)1;
	CU_ASSERT_EQUAL(cdr_schemes_resolve(&c, set, "VB"), CDR_EAMBIGUOUS);
	CU_ASSERT_PTR_NULL(c);
	CU_ASSERT_TRUE(error_has("mini/VB"));
	CU_ASSERT_TRUE(error_has("ander/VB"));
	cdr_schemes_free(set);
	test_project_done(p, root);
}

static void test_scheme_load_empty_project(void)
{
	char *root;
	cdr_project *p = test_new_project(&root);
	cdr_schemes *set = NULL;
	const cdr_code *c;

	CU_ASSERT_EQUAL_FATAL(cdr_schemes_load(&set, p), 0);
	CU_ASSERT_EQUAL(cdr_schemes_count(set), 0);
	CU_ASSERT_EQUAL(cdr_schemes_resolve(&c, set, "VB"), CDR_ENOTFOUND);
	cdr_schemes_free(set);
	test_project_done(p, root);
}

static void test_scheme_load_two_files_same_id(void)
{
	char *root;
	cdr_project *p = test_new_project(&root);
	cdr_schemes *set = (cdr_schemes *)1;
	char *a = test_join(cdr_project_path(p), "schemes/a.xml"), *b = test_join(cdr_project_path(p), "schemes/b.xml");
	size_t len;
	char *xml = test_slurp(test_path("tests/data/schemes/mini.xml"), &len);

	test_write_file(a, xml);
	test_write_file(b, xml);
	CU_ASSERT_EQUAL(cdr_schemes_load(&set, p), CDR_EFORMAT);
	CU_ASSERT_TRUE(error_has("a.xml"));
	CU_ASSERT_TRUE(error_has("b.xml"));
	CU_ASSERT_TRUE(error_has("'mini'"));
	free(xml);
	free(a);
	free(b);
	test_project_done(p, root);
}

static void test_scheme_install_existing_needs_replace(void)
{
	char *root;
	cdr_project *p = test_new_project(&root);
	char *target = test_join(cdr_project_path(p), "schemes/mini.xml"), *id = NULL, *before, *after, *changed;
	size_t len, blen, alen;
	char *xml = test_slurp(test_path("tests/data/schemes/mini.xml"), &len);
	char *title;

	CU_ASSERT_EQUAL_FATAL(cdr_schemes_install(p, test_path("tests/data/schemes/mini.xml"), 0, &id), 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(id);
	CU_ASSERT_STRING_EQUAL(id, "mini");
	free(id);
	id = NULL;
	before = test_slurp_opt(target, &blen);
	CU_ASSERT_PTR_NOT_NULL_FATAL(before);
	CU_ASSERT_TRUE(blen == len && memcmp(before, xml, len) == 0);

	/* a new version of the scheme, under another file name */
	changed = strdup(xml);
	title = strstr(changed, "Testschema");
	CU_ASSERT_PTR_NOT_NULL_FATAL(title);
	memcpy(title, "Testversie", 10);
	CU_ASSERT_EQUAL(install_text(p, root, "nieuw.xml", changed, 0), CDR_EEXISTS);
	CU_ASSERT_TRUE(error_has("the project already has a scheme 'mini'"));
	/* the library names no command-line option; the command adds it */
	CU_ASSERT_PTR_NULL(strstr(cdr_error_last(), "--"));
	after = test_slurp_opt(target, &alen);
	CU_ASSERT_TRUE(after != NULL && alen == blen && memcmp(after, before, blen) == 0);
	free(after);
	/* with replace */
	CU_ASSERT_EQUAL(install_text(p, root, "nieuw.xml", changed, 1), 0);
	after = test_slurp_opt(target, &alen);
	CU_ASSERT_TRUE(after != NULL && alen == strlen(changed) && memcmp(after, changed, alen) == 0);
	free(after);
	free(changed);
	free(before);
	free(xml);
	free(target);
	test_project_done(p, root);
}

static void test_scheme_install_invalid_writes_nothing(void)
{
	char *root;
	cdr_project *p = test_new_project(&root);
	char *dir = test_join(cdr_project_path(p), "schemes");
	DIR *d;
	struct dirent *e;
	size_t files = 0;
	char *id = NULL;

	CU_ASSERT_EQUAL(cdr_schemes_install(p, test_path("tests/data/schemes/bad-regex.xml"), 1, &id), CDR_EFORMAT);
	CU_ASSERT_PTR_NULL(id);
	CU_ASSERT_EQUAL(cdr_schemes_install(p, test_path("tests/data/schemes/invalid-xsd.xml"), 1, NULL), CDR_EFORMAT);
	CU_ASSERT_EQUAL(cdr_schemes_install(p, test_path("tests/data/schemes/nope.xml"), 1, NULL), CDR_ENOTFOUND);
	d = opendir(dir);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	while ((e = readdir(d)) != NULL)
		files += e->d_name[0] != '.';
	closedir(d);
	CU_ASSERT_EQUAL(files, 0);
	free(dir);
	test_project_done(p, root);
}

/* ---- plain words, every error at once ---------------------------------------- */

static void test_scheme_every_error_at_once(void)
{
	static const char xml[] =
		HEAD OPEN("x")
		"  <code id=\"A\" label=\"A\">\n"
		"    <rule id=\"r\"><pattern>a</pattern></rule>\n"
		"  </code>\n"
		"  <code id=\"B\">\n"
		"    <definition>b</definition>\n"
		"  </code>\n"
		"  <code id=\"C D\" label=\"C\">\n"
		"    <definition>c</definition>\n"
		"  </code>\n"
		"</scheme>\n";
	const char *m;

	CU_ASSERT_EQUAL(parse_fails(xml, "drie.xml"), CDR_EFORMAT);
	m = cdr_error_last();
	CU_ASSERT_TRUE(error_at("drie.xml", line_of(xml, "<rule")));
	CU_ASSERT_TRUE(error_has("code 'A' has no definition"));
	CU_ASSERT_TRUE(error_has("code 'B' has no label"));
	CU_ASSERT_TRUE(error_has("id 'C D'"));
	/* one line per problem, and no namespace in element names */
	CU_ASSERT_EQUAL(strchr(strchr(strchr(m, '\n') + 1, '\n') + 1, '\n'), NULL);
	CU_ASSERT_PTR_NULL(strstr(m, "{urn:"));
}

static void test_scheme_plain_words_namespace_and_ampersand(void)
{
	static const char nons[] = "<scheme id=\"x\" version=\"1\"><title>X</title>"
				   "<code id=\"A\" label=\"A\"><definition>a</definition></code></scheme>\n";
	static const char amp[] = HEAD OPEN("x") "  <code id=\"A\" label=\"Wonen & zorg\"><definition>a</definition></code>\n"
				  "</scheme>\n";

	CU_ASSERT_EQUAL(parse_fails(nons, "nons.xml"), CDR_EFORMAT);
	CU_ASSERT_TRUE(error_has("add xmlns=\"urn:codeer:scheme:1\""));
	CU_ASSERT_EQUAL(parse_fails(amp, "amp.xml"), CDR_EFORMAT);
	CU_ASSERT_TRUE(error_has("write & as &amp;"));
}

/* ---- editing a scheme file ------------------------------------------------------- */

static const char edit_xml[] =
	HEAD OPEN("e")
	"  <!-- a comment that stays -->\n"
	"  <code id=\"A\" label=\"Alfa\">\n"
	"    <definition>a</definition>\n"
	"    <rule id=\"r1\"><pattern>alfa</pattern></rule>\n"
	"    <code id=\"A.1\" label=\"Alfa een\">\n"
	"      <definition>a1</definition>\n"
	"      <rule id=\"r1\"><pattern>een</pattern></rule>\n"
	"    </code>\n"
	"  </code>\n"
	"  <code id=\"B\" label=\"Beta\">\n"
	"    <definition>b</definition>\n"
	"  </code>\n"
	"</scheme>\n";

static char *edited(cdr_scheme_edit *e)
{
	char *out = NULL;
	size_t len;

	CU_ASSERT_EQUAL_FATAL(cdr_scheme_edit_save(e, &out, &len), 0);
	CU_ASSERT_EQUAL(strlen(out), len);
	return out;
}

static void test_scheme_edit_rename_move_remove_add(void)
{
	cdr_scheme_edit *e = NULL;
	cdr_scheme *s;
	char *out;

	CU_ASSERT_EQUAL_FATAL(cdr_scheme_edit_open(&e, edit_xml, strlen(edit_xml), "e.xml"), 0);
	CU_ASSERT_EQUAL(cdr_scheme_edit_rename(e, "A", "B"), CDR_EEXISTS);
	CU_ASSERT_EQUAL(cdr_scheme_edit_rename(e, "A", "ALFA"), 0);
	CU_ASSERT_EQUAL(cdr_scheme_edit_move(e, "ALFA", "A.1"), CDR_EUSAGE);
	CU_ASSERT_EQUAL(cdr_scheme_edit_move(e, "B", "ALFA"), 0);
	CU_ASSERT_EQUAL(cdr_scheme_edit_add(e, "C", "Gamma", "c", "B"), 0);
	CU_ASSERT_EQUAL(cdr_scheme_edit_remove(e, "A.1", NULL), 0);
	CU_ASSERT_EQUAL(cdr_scheme_edit_remove(e, "nosuch", NULL), CDR_ENOTFOUND);
	out = edited(e);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "<!-- a comment that stays -->"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "    <code id=\"B\" label=\"Beta\">\n      <definition>b</definition>"));
	s = parse_ok(out, "e.xml");
	CU_ASSERT_EQUAL(cdr_scheme_code_count(s), 3);
	CU_ASSERT_STRING_EQUAL(cdr_scheme_code(s, 0)->id, "ALFA");
	CU_ASSERT_STRING_EQUAL(cdr_scheme_code(s, 1)->id, "B");
	CU_ASSERT_EQUAL(cdr_scheme_code(s, 1)->parent, 0);
	CU_ASSERT_STRING_EQUAL(cdr_scheme_code(s, 2)->id, "C");
	CU_ASSERT_EQUAL(cdr_scheme_code(s, 2)->parent, 1);
	CU_ASSERT_STRING_EQUAL(cdr_scheme_code(s, 2)->label, "Gamma");
	cdr_scheme_free(s);
	free(out);
	cdr_scheme_edit_free(e);
}

static void test_scheme_edit_take_rules_renames_clash(void)
{
	cdr_scheme_edit *e = NULL;
	cdr_scheme *s;
	size_t n = 0;
	char *out;

	CU_ASSERT_EQUAL_FATAL(cdr_scheme_edit_open(&e, edit_xml, strlen(edit_xml), "e.xml"), 0);
	CU_ASSERT_EQUAL(cdr_scheme_edit_take_rules(e, "A.1", "A", &n), 0);
	CU_ASSERT_EQUAL(n, 1);
	CU_ASSERT_EQUAL(cdr_scheme_edit_remove(e, "A.1", "A"), 0);
	out = edited(e);
	s = parse_ok(out, "e.xml");
	CU_ASSERT_EQUAL_FATAL(cdr_scheme_code(s, 0)->nrules, 2);
	CU_ASSERT_STRING_EQUAL(cdr_scheme_code(s, 0)->rules[1].id, "A.1-r1");
	CU_ASSERT_STRING_EQUAL(cdr_scheme_code(s, 0)->rules[1].pattern, "een");
	cdr_scheme_free(s);
	free(out);
	cdr_scheme_edit_free(e);
}

static void test_scheme_edit_refuses_an_invalid_result(void)
{
	static const char one[] = HEAD OPEN("x") "  <code id=\"A\" label=\"A\"><definition>a</definition></code>\n</scheme>\n";
	cdr_scheme_edit *e = NULL;
	char *out = (char *)1;
	size_t len;

	CU_ASSERT_EQUAL_FATAL(cdr_scheme_edit_open(&e, one, strlen(one), "one.xml"), 0);
	CU_ASSERT_EQUAL(cdr_scheme_edit_remove(e, "A", NULL), 0);
	/* a scheme needs a code: the last one cannot go */
	CU_ASSERT_EQUAL(cdr_scheme_edit_save(e, &out, &len), CDR_EFORMAT);
	CU_ASSERT_PTR_NULL(out);
	CU_ASSERT_TRUE(error_has("no code"));
	cdr_scheme_edit_free(e);
}

static void test_scheme_new_text_is_valid(void)
{
	char *out = NULL;
	size_t len;
	cdr_scheme *s;

	CU_ASSERT_EQUAL(cdr_scheme_new_text(&out, &len, "met spatie", "T", "A", "a", "d"), CDR_EUSAGE);
	CU_ASSERT_EQUAL_FATAL(cdr_scheme_new_text(&out, &len, "wijk", "Wonen & <zorg>", "A", "a \"b\"", "d & e"), 0);
	s = parse_ok(out, "wijk.xml");
	CU_ASSERT_STRING_EQUAL(cdr_scheme_id(s), "wijk");
	CU_ASSERT_STRING_EQUAL(cdr_scheme_title(s), "Wonen & <zorg>");
	CU_ASSERT_STRING_EQUAL(cdr_scheme_code(s, 0)->label, "a \"b\"");
	cdr_scheme_free(s);
	free(out);
}

static void test_scheme_diff_finds_renames_by_label(void)
{
	static const char newer[] =
		HEAD OPEN("e")
		"  <code id=\"ALFA\" label=\"Alfa\">\n"
		"    <definition>a, nu scherper</definition>\n"
		"    <rule id=\"r1\"><pattern>alfa</pattern></rule>\n"
		"  </code>\n"
		"  <code id=\"G\" label=\"Gamma\">\n"
		"    <definition>g</definition>\n"
		"    <code id=\"B\" label=\"Beta\"><definition>b</definition></code>\n"
		"  </code>\n"
		"</scheme>\n";
	cdr_scheme *a = parse_ok(edit_xml, "old.xml"), *b = parse_ok(newer, "new.xml");
	cdr_scheme_diff d;
	const char *want[][2] = { { "renamed", "A" }, { "removed", "A.1" }, { "added", "G" }, { "definition", "ALFA" },
				  { "moved", "B" } };

	CU_ASSERT_EQUAL_FATAL(cdr_scheme_diff_make(&d, a, b), 0);
	CU_ASSERT_EQUAL_FATAL(d.n, 5);
	for (size_t i = 0; i < 5; i++) {
		CU_ASSERT_STRING_EQUAL(d.v[i].kind, want[i][0]);
		CU_ASSERT_STRING_EQUAL(d.v[i].code, want[i][1]);
	}
	cdr_scheme_diff_free(&d);
	CU_ASSERT_EQUAL(cdr_scheme_diff_make(&d, a, a), 0);
	CU_ASSERT_EQUAL(d.n, 0);
	cdr_scheme_diff_free(&d);
	cdr_scheme_free(a);
	cdr_scheme_free(b);
}

/* ---- the codebook: scheme and codings change together ------------------------------ */

static cdr_project *codebook_project(char **root)
{
	cdr_project *p = test_new_project(root);
	char *path = test_join(cdr_project_path(p), "e.xml");
	cdr_codings *k = NULL;

	test_write_file(path, edit_xml);
	CU_ASSERT_EQUAL_FATAL(cdr_schemes_install(p, path, 0, NULL), 0);
	free(path);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_load(&k, p, "anna", NULL, NULL), 0);
	CU_ASSERT_EQUAL(cdr_codings_add(k, "d", 0, 10, "e/A", "manual", ""), 0);
	CU_ASSERT_EQUAL(cdr_codings_add(k, "d", 0, 10, "e/A.1", "manual", ""), 0);
	CU_ASSERT_EQUAL(cdr_codings_add(k, "d", 20, 30, "e/A.1", "manual", ""), 0);
	CU_ASSERT_EQUAL(cdr_codings_add(k, "d", 40, 50, "e/B", "manual", ""), 0);
	CU_ASSERT_EQUAL(cdr_codings_save(k), 0);
	cdr_codings_free(k);
	return p;
}

static size_t coded_with(cdr_project *p, const char *code)
{
	cdr_codings *k = NULL;
	size_t n = 0;

	CU_ASSERT_EQUAL_FATAL(cdr_codings_load(&k, p, "anna", NULL, NULL), 0);
	for (size_t i = 0; i < cdr_codings_count(k); i++)
		n += strcmp(cdr_codings_get(k, i)->code, code) == 0;
	cdr_codings_free(k);
	return n;
}

static void test_scheme_codebook_merge_recodes_once(void)
{
	char *root, *report = NULL;
	cdr_project *p = codebook_project(&root);
	const char *codes[] = { "A.1" };
	cdr_codebook_change c = { CDR_CODES_MERGE, codes, 1, "A", 0, NULL, NULL };
	cdr_table *log = NULL;

	/* a dry run says what would change and changes nothing */
	CU_ASSERT_EQUAL_FATAL(cdr_codebook_apply(p, &c, 1, &report), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(report, "2 codings (anna 2) recoded, 1 of them dropped"));
	free(report);
	CU_ASSERT_EQUAL(coded_with(p, "e/A.1"), 2);
	CU_ASSERT_EQUAL_FATAL(cdr_codebook_apply(p, &c, 0, &report), 0);
	free(report);
	/* the span coded with both is one coding of A now */
	CU_ASSERT_EQUAL(coded_with(p, "e/A.1"), 0);
	CU_ASSERT_EQUAL(coded_with(p, "e/A"), 2);
	CU_ASSERT_EQUAL_FATAL(cdr_codebook_log(&log, p), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_table_rows(log), 1);
	CU_ASSERT_STRING_EQUAL(cdr_table_cell(log, 1, 1), "merge e/A.1 into e/A");
	CU_ASSERT_STRING_EQUAL(cdr_table_cell(log, 1, 2), "2");
	cdr_table_free(log);
	test_project_done(p, root);
}

static void test_scheme_codebook_remove_refused_while_used(void)
{
	char *root, *report = NULL;
	cdr_project *p = codebook_project(&root);
	const char *codes[] = { "B" };
	cdr_codebook_change c = { CDR_CODES_REMOVE, codes, 1, NULL, 0, NULL, NULL };
	cdr_schemes *set = NULL;

	CU_ASSERT_EQUAL(cdr_codebook_apply(p, &c, 0, &report), CDR_EUNSAFE);
	CU_ASSERT_TRUE(error_has("1 coding (anna 1)"));
	c.target = "A";
	CU_ASSERT_EQUAL_FATAL(cdr_codebook_apply(p, &c, 0, &report), 0);
	free(report);
	CU_ASSERT_EQUAL(coded_with(p, "e/B"), 0);
	CU_ASSERT_EQUAL(coded_with(p, "e/A"), 2);
	CU_ASSERT_EQUAL_FATAL(cdr_schemes_load(&set, p), 0);
	CU_ASSERT_EQUAL(cdr_scheme_find(cdr_schemes_find(set, "e"), "B"), -1);
	cdr_schemes_free(set);
	test_project_done(p, root);
}

static void test_scheme_codebook_add_makes_project_scheme(void)
{
	char *root, *report = NULL;
	cdr_project *p = codebook_project(&root);
	const char *first[] = { "OPEN" }, *second[] = { "project/OPEN.1" };
	cdr_codebook_change c = { CDR_CODES_ADD, first, 1, NULL, 0, "Open", NULL };
	cdr_schemes *set = NULL;
	const cdr_code *code;

	CU_ASSERT_EQUAL_FATAL(cdr_codebook_apply(p, &c, 0, &report), 0);
	free(report);
	c.codes = second;
	c.target = "OPEN";
	c.label = NULL;
	CU_ASSERT_EQUAL_FATAL(cdr_codebook_apply(p, &c, 0, &report), 0);
	free(report);
	CU_ASSERT_EQUAL(cdr_codebook_apply(p, &c, 0, &report), CDR_EEXISTS);
	CU_ASSERT_EQUAL_FATAL(cdr_schemes_load(&set, p), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_schemes_resolve(&code, set, "project/OPEN.1"), 0);
	CU_ASSERT_STRING_EQUAL(code->label, "OPEN.1");
	CU_ASSERT(code->parent >= 0);
	CU_ASSERT_EQUAL_FATAL(cdr_schemes_resolve(&code, set, "project/OPEN"), 0);
	CU_ASSERT_STRING_EQUAL(code->label, "Open");
	cdr_schemes_free(set);
	test_project_done(p, root);
}

/* Loading the project's schemes with allocations failing (test_oom_loop):
 * CDR_ENOMEM and no set, or the whole scheme. A string that could not be
 * copied once left a rule without its speaker filter (it then coded the
 * interviewer's turns too). */
static int scheme_load_attempt(void *ctx, long n, int once)
{
	cdr_schemes *set = NULL;
	const cdr_code *code = NULL;
	int rc;

	test_fail_alloc(n, once);
	rc = cdr_schemes_load(&set, ctx);
	test_fail_alloc(-1, 0);
	if (rc != 0) {
		CU_ASSERT_EQUAL(rc, CDR_ENOMEM);
		CU_ASSERT_PTR_NULL(set);
		return rc;
	}
	CU_ASSERT_EQUAL_FATAL(cdr_schemes_resolve(&code, set, "mini/EK"), 0);
	CU_ASSERT_EQUAL_FATAL(code->nrules, 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(code->rules[0].speaker_not);
	CU_ASSERT_STRING_EQUAL(code->rules[0].speaker_not, "^I$");
	CU_ASSERT_EQUAL(code->rules[0].scope, CDR_SCOPE_TURN);
	CU_ASSERT_STRING_EQUAL(code->label, "Eigen kracht");
	CU_ASSERT_STRING_EQUAL(code->definition, "Eigen kracht, alleen in wat de respondent zegt.");
	CU_ASSERT_EQUAL_FATAL(cdr_schemes_resolve(&code, set, "mini/VB.NET"), 0);
	CU_ASSERT_EQUAL_FATAL(code->nrules, 1);
	CU_ASSERT_PTR_NOT_NULL(code->rules[0].near);
	CU_ASSERT_EQUAL(code->rules[0].near_words, 3);
	CU_ASSERT_EQUAL_FATAL(cdr_schemes_resolve(&code, set, "mini/VB"), 0);
	CU_ASSERT_EQUAL_FATAL(code->nrules, 1);
	CU_ASSERT_EQUAL_FATAL(code->rules[0].nunless, 1);
	CU_ASSERT_PTR_NOT_NULL(code->rules[0].unless[0]);
	CU_ASSERT_EQUAL(code->rules[0].scope, CDR_SCOPE_MATCH);
	CU_ASSERT_EQUAL(cdr_scheme_code_count(cdr_schemes_get(set, 0)), 4);
	CU_ASSERT_STRING_EQUAL(cdr_scheme_title(cdr_schemes_get(set, 0)), "Testschema");
	cdr_schemes_free(set);
	return 0;
}

static void test_scheme_load_out_of_memory(void)
{
	char *root;
	cdr_project *p = test_new_project(&root);

	CU_ASSERT_EQUAL_FATAL(cdr_schemes_install(p, test_path("tests/data/schemes/mini.xml"), 0, NULL), 0);
	CU_ASSERT(test_oom_loop(scheme_load_attempt, p) > 10);
	test_project_done(p, root);
}

void test_scheme_register(void)
{
	CU_pSuite s = CU_add_suite("scheme", NULL, NULL);

	CU_add_test(s, "every_error_at_once", test_scheme_every_error_at_once);
	CU_add_test(s, "plain_words_namespace_and_ampersand", test_scheme_plain_words_namespace_and_ampersand);
	CU_add_test(s, "edit_rename_move_remove_add", test_scheme_edit_rename_move_remove_add);
	CU_add_test(s, "edit_take_rules_renames_clash", test_scheme_edit_take_rules_renames_clash);
	CU_add_test(s, "edit_refuses_an_invalid_result", test_scheme_edit_refuses_an_invalid_result);
	CU_add_test(s, "new_text_is_valid", test_scheme_new_text_is_valid);
	CU_add_test(s, "diff_finds_renames_by_label", test_scheme_diff_finds_renames_by_label);
	CU_add_test(s, "codebook_merge_recodes_once", test_scheme_codebook_merge_recodes_once);
	CU_add_test(s, "codebook_remove_refused_while_used", test_scheme_codebook_remove_refused_while_used);
	CU_add_test(s, "codebook_add_makes_project_scheme", test_scheme_codebook_add_makes_project_scheme);
	CU_add_test(s, "parse_mini_codes", test_scheme_parse_mini_codes);
	CU_add_test(s, "parse_mini_rules", test_scheme_parse_mini_rules);
	CU_add_test(s, "parse_rule_attributes", test_scheme_parse_rule_attributes);
	CU_add_test(s, "shipped_schemes_load", test_scheme_shipped_schemes_load);
	CU_add_test(s, "bad_scope_names_line", test_scheme_bad_scope_names_line);
	CU_add_test(s, "missing_definition_names_line", test_scheme_missing_definition_names_line);
	CU_add_test(s, "empty_definition_refused", test_scheme_empty_definition_refused);
	CU_add_test(s, "duplicate_code_id_names_line", test_scheme_duplicate_code_id_names_line);
	CU_add_test(s, "duplicate_rule_id_refused", test_scheme_duplicate_rule_id_refused);
	CU_add_test(s, "malformed_xml_names_line", test_scheme_malformed_xml_names_line);
	CU_add_test(s, "invalid_regex_names_pattern_and_offset", test_scheme_invalid_regex_names_pattern_and_offset);
	CU_add_test(s, "invalid_unless_near_speaker_refused", test_scheme_invalid_unless_near_speaker_refused);
	CU_add_test(s, "parse_reports_first_bad_pattern", test_scheme_parse_reports_first_bad_pattern);
	CU_add_test(s, "check_patterns_reports_every_bad_one", test_scheme_check_patterns_reports_every_bad_one);
	CU_add_test(s, "doctype_refused", test_scheme_doctype_refused);
	CU_add_test(s, "resolve_references", test_scheme_resolve_references);
	CU_add_test(s, "load_empty_project", test_scheme_load_empty_project);
	CU_add_test(s, "load_two_files_same_id", test_scheme_load_two_files_same_id);
	CU_add_test(s, "install_existing_needs_replace", test_scheme_install_existing_needs_replace);
	CU_add_test(s, "install_invalid_writes_nothing", test_scheme_install_invalid_writes_nothing);
	CU_add_test(s, "load_out_of_memory", test_scheme_load_out_of_memory);
}
