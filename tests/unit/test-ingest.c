/* test-ingest.c -- the readers on the real corpus and its other formats,
 * speaker styles, references, the anonymisation check, and bad input:
 * every refusal must carry the right code and name the file. */
#include <CUnit/CUnit.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "codeer/anon.h"
#include "codeer/document.h"
#include "codeer/error.h"
#include "codeer/ingest.h"
#include "codeer/text.h"
#include "ingest/document-internal.h"
#include "ingest/ingest-parallel.h"
#include "ingest/pattern-cache.h"
#include "project/meta.h"
#include "util/buf.h"
#include "test.h"

/* ---- helpers ------------------------------------------------------------ */

static char *path_of(const char *rel)
{
	char *p = strdup(test_path(rel));
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	return p;
}

/* Ingest a file of the source tree; fails the test when that fails. */
static cdr_document *load(const char *rel, const cdr_ingest_options *opts)
{
	char *path = path_of(rel);
	cdr_document *doc = NULL;
	int rc = cdr_ingest_file(&doc, path, opts);

	if (rc != 0)
		fprintf(stderr, "\n%s: %s\n", rel, cdr_error_last());
	CU_ASSERT_EQUAL_FATAL(rc, 0);
	free(path);
	return doc;
}

/* Ingest a string as a file called `name`. */
static cdr_document *load_text(const char *text, const char *name, const cdr_ingest_options *opts)
{
	cdr_document *doc = NULL;
	int rc = cdr_ingest_bytes(&doc, text, strlen(text), name, opts);

	if (rc != 0)
		fprintf(stderr, "\n%s: %s\n", name, cdr_error_last());
	CU_ASSERT_EQUAL_FATAL(rc, 0);
	return doc;
}

/* Ingest a file expected to be refused; returns the code, the message is
 * checked to name the file. */
static int refuse(const char *rel, const cdr_ingest_options *opts)
{
	char *path = path_of(rel);
	const char *base = strrchr(rel, '/') + 1;
	cdr_document *doc = (cdr_document *)1;
	int rc = cdr_ingest_file(&doc, path, opts);

	CU_ASSERT_PTR_NULL(doc);
	if (rc == 0)
		cdr_document_free(doc);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), base));
	free(path);
	return rc;
}

static char *turn_text(const cdr_document *doc, size_t i)
{
	const cdr_turn *t = cdr_document_turn(doc, i);
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	return cdr_document_slice(doc, t->span);
}

/* A turn as written in a corpus .txt file: "Label: text". */
struct para {
	char *label;
	char *text;
};

struct paras {
	struct para v[256];
	size_t n;
};

/* Split a corpus transcript into its "Label: text" paragraphs, by hand. */
static void read_paras(struct paras *ps, const char *rel)
{
	size_t n;
	char *data = test_slurp(test_path(rel), &n), *p = data;

	ps->n = 0;
	while (n > 0 && data[n - 1] == '\n')
		data[--n] = '\0';
	while (p && *p) {
		char *end = strstr(p, "\n\n"), *colon;
		if (end)
			*end = '\0';
		colon = strstr(p, ": ");
		CU_ASSERT_PTR_NOT_NULL_FATAL(colon);
		CU_ASSERT_FATAL(ps->n < 256);
		ps->v[ps->n].label = strndup(p, (size_t)(colon - p));
		ps->v[ps->n].text = strdup(colon + 2);
		ps->n++;
		p = end ? end + 2 : NULL;
	}
	free(data);
}

static void paras_free(struct paras *ps)
{
	for (size_t i = 0; i < ps->n; i++) {
		free(ps->v[i].label);
		free(ps->v[i].text);
	}
	ps->n = 0;
}

/* Do the turns of `doc` carry exactly the labels and texts of `ps`? */
static void assert_turns_equal(const cdr_document *doc, const struct paras *ps, const char *what)
{
	size_t mismatches = 0;

	CU_ASSERT_EQUAL(cdr_document_turn_count(doc), ps->n);
	if (cdr_document_turn_count(doc) != ps->n)
		fprintf(stderr, "\n%s: %zu turns, %zu labelled paragraphs\n", what,
			cdr_document_turn_count(doc), ps->n);
	for (size_t i = 0; i < ps->n && i < cdr_document_turn_count(doc); i++) {
		char *text = turn_text(doc, i);
		if (strcmp(cdr_document_turn(doc, i)->speaker, ps->v[i].label) != 0 ||
		    strcmp(text, ps->v[i].text) != 0) {
			if (mismatches++ == 0)
				fprintf(stderr, "\n%s turn %zu: [%s] %.60s... != [%s] %.60s...\n", what, i + 1,
					cdr_document_turn(doc, i)->speaker, text, ps->v[i].label, ps->v[i].text);
		}
		free(text);
	}
	CU_ASSERT_EQUAL(mismatches, 0);
}

/* Write a zip file with the given members (name, data) pairs. */
static void write_zip(const char *path, const char *const *members, size_t n)
{
	int err = 0;
	zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);

	CU_ASSERT_PTR_NOT_NULL_FATAL(z);
	for (size_t i = 0; i < n; i++) {
		const char *name = members[2 * i], *data = members[2 * i + 1];
		size_t len = strlen(data);
		zip_source_t *src;
		/* a leading "\xFF\xFE" marks UTF-16LE content given as ASCII */
		if (strncmp(data, "\xFF\xFE", 2) == 0) {
			char *u = malloc(2 * len);
			size_t k = 0;
			u[k++] = '\xFF';
			u[k++] = '\xFE';
			for (size_t j = 2; j < len; j++) {
				u[k++] = data[j];
				u[k++] = '\0';
			}
			src = zip_source_buffer(z, u, k, 1);
		} else {
			src = zip_source_buffer(z, data, len, 0);
		}
		CU_ASSERT_PTR_NOT_NULL_FATAL(src);
		CU_ASSERT_FATAL(zip_file_add(z, name, src, ZIP_FL_ENC_UTF_8) >= 0);
	}
	CU_ASSERT_EQUAL_FATAL(zip_close(z), 0);
}

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

/* ---- the readers on the real corpus -------------------------------------- */

static void test_ingest_txt_corpus_turns_as_labelled(void)
{
	DIR *d = opendir(test_path("corpora"));
	struct dirent *e;
	size_t files = 0, turns = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		char rel[512];
		struct paras ps;
		cdr_document *doc;

		if (len < 5 || strcmp(e->d_name + len - 4, ".txt") != 0)
			continue;
		snprintf(rel, sizeof(rel), "corpora/%s", e->d_name);
		read_paras(&ps, rel);
		doc = load(rel, NULL);
		assert_turns_equal(doc, &ps, rel);
		CU_ASSERT_STRING_EQUAL(cdr_document_info_get(doc)->format, "txt");
		CU_ASSERT_STRING_EQUAL(cdr_document_info_get(doc)->encoding, "UTF-8");
		CU_ASSERT_STRING_EQUAL(cdr_document_info_get(doc)->original, e->d_name);
		CU_ASSERT_EQUAL(strlen(cdr_document_info_get(doc)->sha256), 64);
		/* every turn is one paragraph here */
		CU_ASSERT_EQUAL(cdr_document_paragraph_count(doc), ps.n);
		CU_ASSERT_TRUE(cdr_document_sentence_count(doc) >= ps.n);
		turns += ps.n;
		files++;
		paras_free(&ps);
		cdr_document_free(doc);
	}
	closedir(d);
	/* PROVENANCE.md: "Total: 74 files, 530 turns." */
	CU_ASSERT_EQUAL(files, 74);
	CU_ASSERT_EQUAL(turns, 530);
}

static void test_ingest_txt_words_and_length(void)
{
	cdr_document *doc = load("corpora/s003-participant-9.txt", NULL);
	size_t n, words = 0;
	char *data = test_slurp(test_path("corpora/s003-participant-9.txt"), &n);
	size_t cps = 0;

	for (size_t i = 0; i < n; i++)
		cps += ((unsigned char)data[i] & 0xC0) != 0x80;
	CU_ASSERT_EQUAL(cdr_document_length(doc), cps);
	for (size_t i = 0; i < cdr_document_turn_count(doc); i++)
		words += cdr_document_turn(doc, i)->words;
	CU_ASSERT_EQUAL(cdr_document_words(doc), words);
	CU_ASSERT_TRUE(words > 10);
	free(data);
	cdr_document_free(doc);
}

static void test_ingest_docx_same_turns_as_txt(void)
{
	struct paras ps;
	cdr_document *doc;

	read_paras(&ps, "corpora/s002-mee-interview.txt");
	doc = load("corpora/formats/s002-mee-interview-word.docx", NULL);
	assert_turns_equal(doc, &ps, "s002-mee-interview-word.docx");
	CU_ASSERT_STRING_EQUAL(cdr_document_info_get(doc)->format, "docx");
	paras_free(&ps);
	cdr_document_free(doc);
}

static void test_ingest_odt_same_turns_as_txt(void)
{
	struct paras ps;
	cdr_document *doc;

	read_paras(&ps, "corpora/s003-participant-12.txt");
	doc = load("corpora/formats/s003-participant-12-writer.odt", NULL);
	assert_turns_equal(doc, &ps, "s003-participant-12-writer.odt");
	CU_ASSERT_STRING_EQUAL(cdr_document_info_get(doc)->format, "odt");
	paras_free(&ps);
	cdr_document_free(doc);
}

static void test_ingest_md_same_turns_as_txt(void)
{
	struct paras ps;
	cdr_document *doc;
	const cdr_span *first;

	read_paras(&ps, "corpora/s003-participant-5.txt");
	doc = load("corpora/formats/s003-participant-5-markdown.md", NULL);
	assert_turns_equal(doc, &ps, "s003-participant-5-markdown.md");
	CU_ASSERT_STRING_EQUAL(cdr_document_info_get(doc)->format, "md");
	/* the "# heading" is a paragraph of its own, outside every turn */
	CU_ASSERT_EQUAL(cdr_document_paragraph_count(doc), ps.n + 1);
	first = cdr_document_paragraph(doc, 0);
	CU_ASSERT_EQUAL(first->start, 0);
	CU_ASSERT_EQUAL(cdr_document_turn_at(doc, 0), -1);
	paras_free(&ps);
	cdr_document_free(doc);
}

/* Cue start times of a subtitle file, in file order. */
static size_t cue_starts(char starts[][16], size_t max, const char *rel)
{
	size_t n, count = 0;
	char *data = test_slurp(test_path(rel), &n), *line, *save = NULL;

	for (line = strtok_r(data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *arrow = strstr(line, " --> ");
		if (arrow && count < max) {
			size_t len = (size_t)(arrow - line);
			CU_ASSERT_FATAL(len < 16);
			memcpy(starts[count], line, len);
			starts[count][len] = '\0';
			count++;
		}
	}
	free(data);
	return count;
}

/* The subtitle readers join consecutive cues of one speaker into one
 * turn that starts at the first cue. */
static void check_subtitles(const char *rel, const char *txt_rel, const char *first_time)
{
	struct paras ps, merged = { .n = 0 };
	char starts[256][16], times[256][16];
	cdr_document *doc;
	size_t ncues;

	read_paras(&ps, txt_rel);
	ncues = cue_starts(starts, 256, rel);
	CU_ASSERT_EQUAL_FATAL(ncues, ps.n);
	for (size_t i = 0; i < ps.n; i++) {
		if (merged.n > 0 && strcmp(merged.v[merged.n - 1].label, ps.v[i].label) == 0) {
			struct para *last = &merged.v[merged.n - 1];
			size_t len = strlen(last->text) + strlen(ps.v[i].text) + 2;
			char *joined = malloc(len);
			snprintf(joined, len, "%s %s", last->text, ps.v[i].text);
			free(last->text);
			last->text = joined;
			continue;
		}
		merged.v[merged.n].label = strdup(ps.v[i].label);
		merged.v[merged.n].text = strdup(ps.v[i].text);
		strcpy(times[merged.n], starts[i]);
		merged.n++;
	}
	CU_ASSERT_TRUE(merged.n < ps.n); /* the corpus file has runs of one speaker */
	doc = load(rel, NULL);
	assert_turns_equal(doc, &merged, rel);
	for (size_t i = 0; i < merged.n && i < cdr_document_turn_count(doc); i++)
		CU_ASSERT_STRING_EQUAL(cdr_document_turn(doc, i)->time, times[i]);
	CU_ASSERT_STRING_EQUAL(cdr_document_turn(doc, 0)->time, first_time);
	paras_free(&ps);
	paras_free(&merged);
	cdr_document_free(doc);
}

static void test_ingest_vtt_keeps_cue_times(void)
{
	check_subtitles("corpora/formats/s002-buurtzorg-casussen-ondertitels.vtt",
			"corpora/s002-buurtzorg-casussen.txt", "00:00:01.000");
}

static void test_ingest_srt_keeps_cue_times(void)
{
	check_subtitles("corpora/formats/s002-frion-casussen-ondertitels.srt",
			"corpora/s002-frion-casussen.txt", "00:00:01,000");
}

static void test_ingest_vtt_cues_without_speakers(void)
{
	static const char vtt[] =
		"WEBVTT - interview\n\n"
		"NOTE gemaakt met de hand\n\n"
		"1\n00:00:01.000 --> 00:00:03.000 align:start\n<i>Hoe</i> gaat het &amp; met u?\n\n"
		"00:03.500 --> 00:05.000\nGoed, <b>dank</b> u.\n";
	cdr_document *doc = load_text(vtt, "los.vtt", NULL);
	char *t;

	CU_ASSERT_EQUAL_FATAL(cdr_document_turn_count(doc), 2);
	t = turn_text(doc, 0);
	CU_ASSERT_STRING_EQUAL(t, "Hoe gaat het & met u?");
	free(t);
	t = turn_text(doc, 1);
	CU_ASSERT_STRING_EQUAL(t, "Goed, dank u.");
	free(t);
	CU_ASSERT_STRING_EQUAL(cdr_document_turn(doc, 0)->speaker, "");
	CU_ASSERT_STRING_EQUAL(cdr_document_turn(doc, 1)->time, "00:03.500");
	cdr_document_free(doc);
}

static void test_ingest_srt_unlabelled_cue_continues_turn(void)
{
	static const char srt[] =
		"1\r\n00:00:01,000 --> 00:00:02,000\r\nR: Eerst dit.\r\n\r\n"
		"2\r\n00:00:02,500 --> 00:00:04,000\r\nEn dan dat.\r\n\r\n"
		"3\r\n00:00:04,500 --> 00:00:06,000\r\nI: Duidelijk.\r\n";
	cdr_document *doc = load_text(srt, "crlf.srt", NULL);
	char *t;

	CU_ASSERT_EQUAL_FATAL(cdr_document_turn_count(doc), 2);
	CU_ASSERT_STRING_EQUAL(cdr_document_turn(doc, 0)->speaker, "R");
	CU_ASSERT_STRING_EQUAL(cdr_document_turn(doc, 0)->time, "00:00:01,000");
	t = turn_text(doc, 0);
	CU_ASSERT_STRING_EQUAL(t, "Eerst dit. En dan dat.");
	free(t);
	CU_ASSERT_STRING_EQUAL(cdr_document_turn(doc, 1)->speaker, "I");
	CU_ASSERT_STRING_EQUAL(cdr_document_turn(doc, 1)->time, "00:00:04,500");
	cdr_document_free(doc);
}

static void test_ingest_vtt_with_bom(void)
{
	static const char vtt[] = "\xEF\xBB\xBFWEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v.luid Anna>Hallo!\n";
	cdr_document *doc = load_text(vtt, "bom.vtt", NULL);

	CU_ASSERT_EQUAL_FATAL(cdr_document_turn_count(doc), 1);
	CU_ASSERT_STRING_EQUAL(cdr_document_turn(doc, 0)->speaker, "Anna");
	cdr_document_free(doc);
}

static void test_ingest_utf16_same_text_as_utf8(void)
{
	cdr_document *a = load("corpora/s000-professional-6.txt", NULL);
	cdr_document *b = load("corpora/formats/s000-professional-6-utf16.txt", NULL);
	size_t la, lb;
	const char *ta = cdr_document_text(a, &la), *tb = cdr_document_text(b, &lb);

	CU_ASSERT_EQUAL(la, lb);
	CU_ASSERT_STRING_EQUAL(ta, tb);
	CU_ASSERT_STRING_EQUAL(cdr_document_info_get(b)->encoding, "UTF-16LE");
	CU_ASSERT_EQUAL(cdr_document_turn_count(a), cdr_document_turn_count(b));
	CU_ASSERT_EQUAL(cdr_document_sentence_count(a), cdr_document_sentence_count(b));
	cdr_document_free(a);
	cdr_document_free(b);
}

static void test_ingest_cp1252_same_text_as_utf8(void)
{
	cdr_document *a = load("corpora/s004-interviews-eigen-kracht.txt", NULL);
	cdr_document *b = load("corpora/formats/s004-interviews-eigen-kracht-cp1252.txt", NULL);
	size_t la, lb;
	const char *ta = cdr_document_text(a, &la), *tb = cdr_document_text(b, &lb);

	CU_ASSERT_EQUAL(la, lb);
	CU_ASSERT_STRING_EQUAL(ta, tb);
	CU_ASSERT_STRING_EQUAL(cdr_document_info_get(b)->encoding, "windows-1252");
	CU_ASSERT_EQUAL(cdr_document_turn_count(a), cdr_document_turn_count(b));
	/* the digest is of the original bytes, so the two files differ */
	CU_ASSERT_STRING_NOT_EQUAL(cdr_document_info_get(a)->sha256, cdr_document_info_get(b)->sha256);
	cdr_document_free(a);
	cdr_document_free(b);
}

static void test_ingest_cp1252_declared_encoding(void)
{
	cdr_ingest_options opts = { 0 };
	cdr_document *doc;

	opts.encoding = "windows-1252";
	doc = load("corpora/formats/s004-interviews-eigen-kracht-cp1252.txt", &opts);
	CU_ASSERT_STRING_EQUAL(cdr_document_info_get(doc)->encoding, "windows-1252");
	cdr_document_free(doc);
}

static void test_ingest_format_of(void)
{
	CU_ASSERT_STRING_EQUAL(cdr_ingest_format_of("Interview.DOCX"), "docx");
	CU_ASSERT_STRING_EQUAL(cdr_ingest_format_of("notities.markdown"), "md");
	CU_ASSERT_STRING_EQUAL(cdr_ingest_format_of("a/b/c.srt"), "srt");
	CU_ASSERT_PTR_NULL(cdr_ingest_format_of("rapport.pdf"));
	CU_ASSERT_PTR_NULL(cdr_ingest_format_of("zonder-extensie"));
	CU_ASSERT_PTR_NULL(cdr_ingest_format_of("map.txt/bestand"));
}

/* ---- speaker styles --------------------------------------------------------- */

struct style {
	const char *line;
	const char *speaker;
	const char *time;
	const char *text;
};

static const struct style styles[] = {
	{ "I: Wat doet u precies?", "I", "", "Wat doet u precies?" },
	{ "R: Ik ben wijkcoach.", "R", "", "Ik ben wijkcoach." },
	{ "Interviewer: Hoe bepaalt u dat?", "Interviewer", "", "Hoe bepaalt u dat?" },
	{ "Respondent 3: Door te luisteren.", "Respondent 3", "", "Door te luisteren." },
	{ "Participant 6: Bij ons ook.", "Participant 6", "", "Bij ons ook." },
	{ "[00:12:03] Naam: Soms duurt het weken.", "Naam", "00:12:03", "Soms duurt het weken." },
	{ "P1 - Dat herken ik.", "P1", "", "Dat herken ik." },
	{ "**R:** En dan begint het.", "R", "", "En dan begint het." },
	{ "(01:02) Cliënt: Ja.", "Cliënt", "01:02", "Ja." },
	{ "00:00:05.250 Onderzoeker: En toen?", "Onderzoeker", "00:00:05.250", "En toen?" },
	{ "Wijkcoach B1: Dat klopt.", "Wijkcoach B1", "", "Dat klopt." },
	{ "AMW De Kern: Wij ook.", "AMW De Kern", "", "Wij ook." },
	{ "__I:__ Vraag?", "I", "", "Vraag?" },
	{ "Geïnterviewde 2 – Nee.", "Geïnterviewde 2", "", "Nee." },
	{ "INT: Hoe gaat het?", "INT", "", "Hoe gaat het?" },
	{ "R1: Goed.", "R1", "", "Goed." },
	{ "i: Wat doet u?", "i", "", "Wat doet u?" },
	{ "r2: Ik luister.", "r2", "", "Ik luister." },
	{ "int: En toen?", "int", "", "En toen?" },
	{ "respondent 2: Ja.", "respondent 2", "", "Ja." },
	{ "Interviewer (Anna): Dag.", "Interviewer (Anna)", "", "Dag." },
	{ "Respondent (Piet de Vries): Nee.", "Respondent (Piet de Vries)", "", "Nee." },
	{ "r (Els): Soms.", "r (Els)", "", "Soms." },
	{ "Speaker 1 (00:05): Hallo.", "Speaker 1", "00:05", "Hallo." },
	{ "Jan de Vries [00:01:02]: Klopt.", "Jan de Vries", "00:01:02", "Klopt." },
	{ "#00:00:05-2# B: Ja.", "B", "00:00:05-2", "Ja." },
	{ "R: [00:01:02] Tekst.", "R", "00:01:02", "Tekst." },
	{ "I: (00:01) Vraag?", "I", "00:01", "Vraag?" },
	{ "[00:00:04] I: [00:00:05] Eerst.", "I", "00:00:04", "Eerst." },
	{ "B: Gut. #00:00:08-4#", "B", "", "Gut." },
};

static void test_ingest_speaker_styles_inline(void)
{
	for (size_t i = 0; i < sizeof(styles) / sizeof(styles[0]); i++) {
		char text[256];
		cdr_document *doc;
		char *t;

		/* a second turn after each, so that the label must end the first */
		snprintf(text, sizeof(text), "%s\n\nR: Slot.\n", styles[i].line);
		doc = load_text(text, "stijl.txt", NULL);
		CU_ASSERT_EQUAL(cdr_document_turn_count(doc), 2);
		if (cdr_document_turn_count(doc) != 2 || strcmp(cdr_document_turn(doc, 0)->speaker, styles[i].speaker) != 0 ||
		    strcmp(cdr_document_turn(doc, 0)->time, styles[i].time) != 0)
			fprintf(stderr, "\nstyle '%s': %zu turns, first speaker '%s' time '%s'\n", styles[i].line,
				cdr_document_turn_count(doc), cdr_document_turn(doc, 0)->speaker,
				cdr_document_turn(doc, 0)->time);
		CU_ASSERT_STRING_EQUAL(cdr_document_turn(doc, 0)->speaker, styles[i].speaker);
		CU_ASSERT_STRING_EQUAL(cdr_document_turn(doc, 0)->time, styles[i].time);
		t = turn_text(doc, 0);
		CU_ASSERT_STRING_EQUAL(t, styles[i].text);
		free(t);
		cdr_document_free(doc);
	}
}

static void test_ingest_speaker_styles_fixture(void)
{
	static const struct { const char *speaker, *time, *start; } expect[] = {
		{ "I", "", "Wat doet u" }, { "R", "", "Ik ben wijkcoach" },
		{ "Interviewer", "", "Hoe bepaalt" }, { "Respondent 3", "", "Door eerst" },
		{ "Participant 6", "", "Bij ons" }, { "Naam", "00:12:03", "Soms duurt" },
		{ "P1", "", "Dat herken" }, { "R", "", "En dan begint" },
	};
	cdr_document *doc = load("tests/data/dutch-styles.txt", NULL);

	CU_ASSERT_EQUAL_FATAL(cdr_document_turn_count(doc), 8);
	for (size_t i = 0; i < 8; i++) {
		char *t = turn_text(doc, i);
		CU_ASSERT_STRING_EQUAL(cdr_document_turn(doc, i)->speaker, expect[i].speaker);
		CU_ASSERT_STRING_EQUAL(cdr_document_turn(doc, i)->time, expect[i].time);
		CU_ASSERT_NSTRING_EQUAL(t, expect[i].start, strlen(expect[i].start));
		free(t);
	}
	cdr_document_free(doc);
}

static void test_ingest_sentence_colon_is_not_a_label(void)
{
	cdr_document *doc = load_text("R: Het punt is dit.\nwe doen het zo: samen.\n\nI: Goed.\n", "x.txt", NULL);

	CU_ASSERT_EQUAL(cdr_document_turn_count(doc), 2);
	cdr_document_free(doc);
}

/* Lines with a colon near their start that are ordinary sentences: each
 * must stay in the turn before it. */
static void test_ingest_colon_sentences_are_no_labels(void)
{
	static const char *const lines[] = {
		"Let op: niet elk gezin wil dat.", "Dus: we bellen eerst.", "NB: dat staat in het protocol.",
		"URL: https://www.wijkteam.example/afspraak", "https://www.wijkteam.example/afspraak is het adres.",
		"om 10:30 hebben we overleg.", "10:30 is te vroeg.", "Om 10:30: overleg.", "Ja: dat werkt.",
		"Maar: niet altijd.", "Zie: de bijlage.", "PS: tot morgen.", "dus: zo gaat het.",
		"wat: een vraag.", "(10:30) begon het overleg.",
	};

	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		char text[256], *t;
		cdr_document *doc;

		snprintf(text, sizeof(text), "R: Begin.\n%s\n\nI: Slot.\n", lines[i]);
		doc = load_text(text, "dubbele-punt.txt", NULL);
		if (cdr_document_turn_count(doc) != 2)
			fprintf(stderr, "\n'%s' was read as a label\n", lines[i]);
		CU_ASSERT_EQUAL(cdr_document_turn_count(doc), 2);
		t = turn_text(doc, 0);
		CU_ASSERT_PTR_NOT_NULL(strstr(t, lines[i][0] == '(' ? "begon" : lines[i]));
		free(t);
		cdr_document_free(doc);
	}
}

static void test_ingest_f4_marks(void)
{
	static const struct { const char *speaker, *time, *text; } expect[] = {
		{ "I", "00:00:02-1", "Hoe lang werkt u al in het wijkteam?" },
		{ "B", "00:00:05-2", "Sinds de start, dus vier jaar." },
		{ "I", "00:00:09-8", "En wat is er in die tijd veranderd?" },
		{ "B", "00:00:13-0", "We kennen de buurt beter. #00:00:17-4#\nMaar de wachtlijsten zijn langer." },
		{ "I", "00:00:21-9", "Dank u wel." },
	};
	cdr_document *doc = load("tests/data/transcripts/f4-export.txt", NULL);

	CU_ASSERT_EQUAL_FATAL(cdr_document_turn_count(doc), 5);
	for (size_t i = 0; i < 5; i++) {
		char *t = turn_text(doc, i);
		CU_ASSERT_STRING_EQUAL(cdr_document_turn(doc, i)->speaker, expect[i].speaker);
		CU_ASSERT_STRING_EQUAL(cdr_document_turn(doc, i)->time, expect[i].time);
		CU_ASSERT_STRING_EQUAL(t, expect[i].text);
		free(t);
	}
	/* a mark ends its paragraph and is in no paragraph, sentence or count */
	CU_ASSERT_EQUAL(cdr_document_paragraph_count(doc), 7);
	for (size_t i = 0; i < cdr_document_sentence_count(doc); i++) {
		char *t = cdr_document_slice(doc, *cdr_document_sentence(doc, i));
		CU_ASSERT_PTR_NULL(strchr(t, '#'));
		free(t);
	}
	CU_ASSERT_EQUAL(cdr_document_turn(doc, 3)->words, 10);
	CU_ASSERT_EQUAL(cdr_ingest_words_outside(doc), 4); /* "Interview 12 wijkteam Zuid" */
	cdr_document_free(doc);
}

static void test_ingest_timestamp_marks(void)
{
	static const struct { const char *speaker, *time, *text; } expect[] = {
		{ "I", "00:00:04", "Wat doet u precies?" },
		{ "R", "00:00:09", "Ik ben wijkcoach in Zwolle-Zuid." },
		{ "Interviewer", "00:00:15", "En hoe bepaalt u wat nodig is?" },
		/* a mark alone on a line is the time of the turn after it */
		{ "R", "00:21", "Door eerst te luisteren.\n\n[00:00:30] Soms duurt dat weken." },
		/* a bracketed mark at the end of a line stays text */
		{ "I", "", "Herkenbaar. [00:00:41]" },
	};
	cdr_document *doc = load("tests/data/transcripts/tijden.txt", NULL);

	CU_ASSERT_EQUAL_FATAL(cdr_document_turn_count(doc), 5);
	for (size_t i = 0; i < 5; i++) {
		char *t = turn_text(doc, i);
		CU_ASSERT_STRING_EQUAL(cdr_document_turn(doc, i)->speaker, expect[i].speaker);
		CU_ASSERT_STRING_EQUAL(cdr_document_turn(doc, i)->time, expect[i].time);
		CU_ASSERT_STRING_EQUAL(t, expect[i].text);
		free(t);
	}
	/* "[00:00:30]" is out of its paragraph; "Start opname" is in no turn */
	for (size_t i = 0; i < cdr_document_paragraph_count(doc); i++) {
		char *t = cdr_document_slice(doc, *cdr_document_paragraph(doc, i));
		CU_ASSERT_NOT_EQUAL(t[0], '[');
		free(t);
	}
	CU_ASSERT_EQUAL(cdr_document_turn(doc, 3)->words, 8);
	CU_ASSERT_EQUAL(cdr_ingest_words_outside(doc), 2);
	cdr_document_free(doc);
}

static void test_ingest_timestamps_without_labels(void)
{
	cdr_document *doc = load_text("[00:00:01] Eerste alinea.\n\n(00:07) Tweede alinea.\n\nDerde zonder tijd.\n",
				      "tijden.txt", NULL);
	char *t;

	CU_ASSERT_EQUAL_FATAL(cdr_document_turn_count(doc), 3);
	CU_ASSERT_STRING_EQUAL(cdr_document_turn(doc, 0)->time, "00:00:01");
	CU_ASSERT_STRING_EQUAL(cdr_document_turn(doc, 1)->time, "00:07");
	CU_ASSERT_STRING_EQUAL(cdr_document_turn(doc, 2)->time, "");
	t = turn_text(doc, 1);
	CU_ASSERT_STRING_EQUAL(t, "Tweede alinea.");
	free(t);
	CU_ASSERT_EQUAL(cdr_document_words(doc), 7);
	cdr_document_free(doc);
}

static void test_ingest_words_outside_turns(void)
{
	cdr_document *doc = load("tests/data/transcripts/verslag.txt", NULL);

	CU_ASSERT_EQUAL(cdr_document_turn_count(doc), 1);
	CU_ASSERT_EQUAL(cdr_document_words(doc), 5);
	CU_ASSERT_EQUAL(cdr_ingest_words_outside(doc), 62);
	cdr_document_free(doc);
}

/* ---- transcripts laid out as a table ---------------------------------------- */

struct row_expect {
	const char *speaker, *time, *text;
};

static void check_rows(cdr_document *doc, const struct row_expect *expect, size_t n)
{
	CU_ASSERT_EQUAL_FATAL(cdr_document_turn_count(doc), n);
	for (size_t i = 0; i < n; i++) {
		char *t = turn_text(doc, i);
		CU_ASSERT_STRING_EQUAL(cdr_document_turn(doc, i)->speaker, expect[i].speaker);
		CU_ASSERT_STRING_EQUAL(cdr_document_turn(doc, i)->time, expect[i].time);
		CU_ASSERT_STRING_EQUAL(t, expect[i].text);
		free(t);
	}
}

static void test_ingest_docx_table_transcript(void)
{
	static const struct row_expect expect[] = {
		{ "Interviewer", "00:00:03", "Hoe lang werkt u al als wijkverpleegkundige?" },
		/* a row without a speaker goes on with the one before */
		{ "Respondent", "00:00:07",
		  "Een jaar of acht. Eerst in de thuiszorg, nu bij Buurtzorg.\n\nEn daarvoor in het ziekenhuis." },
		{ "Interviewer", "00:00:19", "Wat is het grootste verschil?" },
		{ "Respondent", "00:00:24", "De ruimte om zelf te beslissen.\n\nDat had ik in het ziekenhuis nooit." },
	};
	cdr_document *doc = load("tests/data/transcripts/dienst-tabel.docx", NULL);
	size_t len;
	const char *text = cdr_document_text(doc, &len);

	check_rows(doc, expect, 4);
	/* the text reads as a transcript; title, header and note are in no turn */
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\n\n00:00:03 Interviewer: Hoe lang"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\n\nTijd\tSpreker\tTekst\n\n"));
	CU_ASSERT_EQUAL(cdr_document_turn_at(doc, 0), -1);
	CU_ASSERT_EQUAL(cdr_document_turn_at(doc, cdr_document_length(doc) - 2), -1);
	/* "Interview wijkverpleging, 3 maart", "Transcriptie: Tekstbureau
	 * Noord", "Tijd Spreker Tekst", "Einde van de opname." */
	CU_ASSERT_EQUAL(cdr_ingest_words_outside(doc), 14);
	CU_ASSERT_EQUAL(cdr_document_words(doc), 41);
	cdr_document_free(doc);
}

static void test_ingest_docx_f4_table(void)
{
	static const struct row_expect expect[] = {
		{ "I", "00:00:01-4", "Wat betekent eigen kracht voor u?" },
		{ "B", "00:00:06-0", "Dat mensen eerst zelf kijken wat ze kunnen." },
		{ "I", "00:00:12-7", "En als dat niet lukt?" },
		{ "B", "00:00:15-2", "Dan kijken we samen naar het netwerk." },
	};
	cdr_document *doc = load("tests/data/transcripts/f4-tabel.docx", NULL);

	check_rows(doc, expect, 4);
	cdr_document_free(doc);
}

static void test_ingest_odt_table_transcript(void)
{
	static const struct row_expect two[] = {
		{ "Onderzoeker", "", "Hoe verloopt de samenwerking met de gemeente?" },
		{ "Cliënt 2", "", "Wisselend. Soms snel, soms duurt het maanden." },
		{ "Onderzoeker", "", "Kunt u een voorbeeld geven?" },
		{ "Cliënt 2", "", "Mijn aanvraag voor een traplift lag drie maanden stil." },
	};
	static const struct row_expect focus[] = {
		{ "Moderator", "00:01:02", "Welkom allemaal bij deze focusgroep." },
		{ "Deelnemer 1", "00:01:10", "Dank je. Ik werk bij het AMW." },
		{ "Deelnemer 2", "00:01:15", "En ik bij MEE." },
	};
	cdr_document *doc = load("tests/data/transcripts/twee-kolommen.odt", NULL);

	check_rows(doc, two, 4);
	CU_ASSERT_EQUAL(cdr_ingest_words_outside(doc), 6);
	cdr_document_free(doc);
	doc = load("tests/data/transcripts/focusgroep.odt", NULL);
	check_rows(doc, focus, 3);
	cdr_document_free(doc);
}

/* A table of names and functions is no transcript: its cells stay loose
 * paragraphs, inside the turn around them, as they always were. */
static void test_ingest_table_not_a_transcript(void)
{
	cdr_document *doc = load("tests/data/transcripts/geen-transcript.docx", NULL);
	char *t;

	CU_ASSERT_EQUAL_FATAL(cdr_document_turn_count(doc), 2);
	CU_ASSERT_STRING_EQUAL(cdr_document_turn(doc, 0)->speaker, "I");
	t = turn_text(doc, 0);
	CU_ASSERT_STRING_EQUAL(t, "Wie zaten er aan tafel?\n\nNaam\n\nFunctie\n\nAnna\n\nwijkcoach\n\nBram\n\n"
				  "teamleider\n\nCees\n\nbeleidsmedewerker\n\nDewi\n\nhuisarts");
	free(t);
	CU_ASSERT_EQUAL(cdr_document_paragraph_count(doc), 12);
	cdr_document_free(doc);
}

/* The rows' offsets survive normalisation of the text around them: a
 * NEL before the table becomes LF (one byte less), a CR LF one LF, and
 * decomposed letters in the cells are composed. */
static void test_ingest_table_offsets_after_normalisation(void)
{
	char *dir = strdup(test_tmpdir());
	char path[512], *t;
	const char *members[] = {
		"word/document.xml",
		"<?xml version=\"1.0\"?><w:document xmlns:w=\"" W_NS "\"><w:body>"
		"<w:p><w:r><w:t>Titel\xC2\x85met NEL&#13;\nen CR LF</w:t></w:r></w:p>"
		"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Clie\xCC\x88nt</w:t></w:r></w:p></w:tc>"
		"<w:tc><w:p><w:r><w:t>Ik heb e\xCC\x81" "e\xCC\x81n vraag over de cafe\xCC\x81.</w:t></w:r></w:p></w:tc></w:tr>"
		"<w:tr><w:tc><w:p><w:r><w:t>Coach</w:t></w:r></w:p></w:tc>"
		"<w:tc><w:p><w:r><w:t>Vraag maar.</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
		"</w:body></w:document>",
	};
	cdr_document *doc = NULL;

	snprintf(path, sizeof(path), "%s/nfd.docx", dir);
	write_zip(path, members, 1);
	CU_ASSERT_EQUAL_FATAL(cdr_ingest_file(&doc, path, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_document_turn_count(doc), 2);
	CU_ASSERT_STRING_EQUAL(cdr_document_turn(doc, 0)->speaker, "Cli\xC3\xABnt");
	t = turn_text(doc, 0);
	CU_ASSERT_STRING_EQUAL(t, "Ik heb \xC3\xA9\xC3\xA9n vraag over de caf\xC3\xA9.");
	free(t);
	t = turn_text(doc, 1);
	CU_ASSERT_STRING_EQUAL(t, "Vraag maar.");
	free(t);
	CU_ASSERT_STRING_EQUAL(cdr_document_text(doc, NULL),
			       "Titel\nmet NEL\nen CR LF\n\nCli\xC3\xABnt: Ik heb \xC3\xA9\xC3\xA9n vraag over de "
			       "caf\xC3\xA9.\n\nCoach: Vraag maar.\n\n");
	cdr_document_free(doc);
	test_rm_rf(dir);
	free(dir);
}

static void test_ingest_custom_speaker_regex(void)
{
	cdr_ingest_options opts = { 0 };
	cdr_document *doc;
	char *t;

	opts.speaker_regex = "(?<speaker>[A-Z][a-z]+) zegt:";
	doc = load_text("Anna zegt: Hallo.\nR: geen label hier.\n\nBert zegt: Dag.\n", "eigen.txt", &opts);
	CU_ASSERT_EQUAL_FATAL(cdr_document_turn_count(doc), 2);
	CU_ASSERT_STRING_EQUAL(cdr_document_turn(doc, 0)->speaker, "Anna");
	CU_ASSERT_STRING_EQUAL(cdr_document_turn(doc, 1)->speaker, "Bert");
	t = turn_text(doc, 0);
	CU_ASSERT_STRING_EQUAL(t, "Hallo.\nR: geen label hier.");
	free(t);
	CU_ASSERT_STRING_EQUAL(cdr_document_info_get(doc)->speaker_regex, opts.speaker_regex);
	cdr_document_free(doc);
}

/* Header lines: no turn, paragraph or sentence; their words count
 * nowhere; the .meta keeps them (version 2) and reads them back. */
static void test_ingest_header_lines(void)
{
	const char *const pats[] = { "Locatie:", "Datum:" };
	cdr_ingest_options opts = { 0 };
	cdr_document *doc, *back = NULL;
	char *t, *meta, digest[65];
	size_t mlen;

	opts.header_lines = pats;
	opts.nheader_lines = 2;
	doc = load_text("Locatie: De Kern\nDatum: 12 maart\n\nI: Hoe gaat het?\nR: Goed.\n", "h.txt", &opts);
	CU_ASSERT_EQUAL_FATAL(cdr_document_turn_count(doc), 2);
	CU_ASSERT_STRING_EQUAL(cdr_document_turn(doc, 0)->speaker, "I");
	CU_ASSERT_EQUAL_FATAL(cdr_document_header_count(doc), 2);
	t = cdr_document_slice(doc, *cdr_document_header(doc, 0));
	CU_ASSERT_STRING_EQUAL(t, "Locatie: De Kern");
	free(t);
	t = cdr_document_slice(doc, *cdr_document_header(doc, 1));
	CU_ASSERT_STRING_EQUAL(t, "Datum: 12 maart");
	free(t);
	CU_ASSERT_EQUAL(cdr_document_paragraph_count(doc), 2);
	CU_ASSERT_EQUAL(cdr_document_sentence_count(doc), 2);
	CU_ASSERT_EQUAL(cdr_ingest_words_outside(doc), 0);
	CU_ASSERT_EQUAL(cdr_document_words(doc), 4);
	CU_ASSERT_EQUAL_FATAL(cdr_meta_format(&meta, &mlen, doc), 0);
	CU_ASSERT(strncmp(meta, "codeer-meta\t2\n", 14) == 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(meta, "\nhead\t0\t16\n"));
	CU_ASSERT_EQUAL_FATAL(cdr_document_new(&back), 0);
	CU_ASSERT_EQUAL(cdr_meta_parse(back, meta, mlen, "h.meta", 0, digest), 0);
	CU_ASSERT_EQUAL(cdr_document_header_count(back), 2);
	CU_ASSERT_EQUAL(cdr_document_header(back, 1)->start, 17);
	cdr_document_free(back);
	free(meta);
	cdr_document_free(doc);

	/* without any label every paragraph is a turn, headers still apart */
	doc = load_text("Datum: 1 mei\nEen alinea.\n\nNog een.\n", "g.txt", &opts);
	CU_ASSERT_EQUAL(cdr_document_turn_count(doc), 2);
	CU_ASSERT_EQUAL(cdr_document_header_count(doc), 1);
	t = turn_text(doc, 0);
	CU_ASSERT_STRING_EQUAL(t, "Een alinea.");
	free(t);
	cdr_document_free(doc);

	/* without header patterns the same line is a turn, and the .meta v1 */
	doc = load_text("Locatie: De Kern\n\nI: Hoe gaat het?\n", "v.txt", NULL);
	CU_ASSERT_EQUAL(cdr_document_turn_count(doc), 2);
	CU_ASSERT_EQUAL(cdr_document_header_count(doc), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_meta_format(&meta, &mlen, doc), 0);
	CU_ASSERT(strncmp(meta, "codeer-meta\t1\n", 14) == 0);
	free(meta);
	cdr_document_free(doc);
}

static void test_ingest_custom_regex_without_speaker_group(void)
{
	cdr_ingest_options opts = { 0 };
	cdr_document *doc = (cdr_document *)1;
	static const char text[] = "Anna: Hallo.\n";

	opts.speaker_regex = "(?<naam>[A-Z][a-z]+):";
	CU_ASSERT_EQUAL(cdr_ingest_bytes(&doc, text, sizeof(text) - 1, "x.txt", &opts), CDR_EUSAGE);
	CU_ASSERT_PTR_NULL(doc);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "speaker"));
}

static void test_ingest_custom_regex_invalid(void)
{
	cdr_ingest_options opts = { 0 };
	cdr_document *doc = NULL;
	static const char text[] = "Anna: Hallo.\n";

	opts.speaker_regex = "(?<speaker>[A-Z";
	CU_ASSERT_EQUAL(cdr_ingest_bytes(&doc, text, sizeof(text) - 1, "x.txt", &opts), CDR_EUSAGE);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "offset"));
}

static void test_ingest_no_labels_one_turn_per_paragraph(void)
{
	cdr_document *doc = load_text("Eerste alinea zonder label.\n\nTweede alinea\nover twee regels.\n\n\n"
				      "Derde. Met twee zinnen.\n", "vrij.txt", NULL);
	char *t;

	CU_ASSERT_EQUAL_FATAL(cdr_document_turn_count(doc), 3);
	for (size_t i = 0; i < 3; i++)
		CU_ASSERT_STRING_EQUAL(cdr_document_turn(doc, i)->speaker, "");
	t = turn_text(doc, 1);
	CU_ASSERT_STRING_EQUAL(t, "Tweede alinea\nover twee regels.");
	free(t);
	CU_ASSERT_EQUAL(cdr_document_paragraph_count(doc), 3);
	CU_ASSERT_EQUAL(cdr_document_sentence_count(doc), 4);
	cdr_document_free(doc);
}

static void test_ingest_preamble_outside_turns(void)
{
	cdr_document *doc = load_text("Interview wijkteam Noord\n\nI: Vraag?\n\nR: Antwoord.\n", "p.txt", NULL);

	CU_ASSERT_EQUAL(cdr_document_turn_count(doc), 2);
	CU_ASSERT_EQUAL(cdr_document_paragraph_count(doc), 3);
	CU_ASSERT_EQUAL(cdr_document_turn_at(doc, 0), -1);
	CU_ASSERT_EQUAL(cdr_document_turn_at(doc, 29), 0); /* "Vraag?" */
	cdr_document_free(doc);
}

static void test_ingest_turn_with_two_paragraphs(void)
{
	cdr_document *doc = load_text("R: Eerste deel.\n\nTweede deel van dezelfde beurt.\n\nI: Vraag.\n", "x.txt", NULL);
	char *t;

	CU_ASSERT_EQUAL_FATAL(cdr_document_turn_count(doc), 2);
	CU_ASSERT_EQUAL(cdr_document_paragraph_count(doc), 3);
	t = turn_text(doc, 0);
	CU_ASSERT_STRING_EQUAL(t, "Eerste deel.\n\nTweede deel van dezelfde beurt.");
	free(t);
	CU_ASSERT_EQUAL(cdr_document_turn(doc, 0)->words, 7);
	cdr_document_free(doc);
}

/* ---- references ------------------------------------------------------------- */

static void test_ingest_resolve_turn(void)
{
	cdr_document *doc = load("corpora/s002-mee-interview.txt", NULL);
	cdr_span s = { 99, 99 };

	CU_ASSERT_EQUAL(cdr_document_resolve(&s, doc, "t1"), 0);
	CU_ASSERT_EQUAL(s.start, cdr_document_turn(doc, 0)->span.start);
	CU_ASSERT_EQUAL(s.end, cdr_document_turn(doc, 0)->span.end);
	CU_ASSERT_EQUAL(s.start, 5); /* after "MEE: " */
	CU_ASSERT_EQUAL(cdr_document_resolve(&s, doc, "t6"), 0);
	CU_ASSERT_EQUAL(s.end, cdr_document_turn(doc, 5)->span.end);
	cdr_document_free(doc);
}

static void test_ingest_resolve_sentence(void)
{
	cdr_document *doc = load("corpora/s002-mee-interview.txt", NULL);
	cdr_span s;
	char *t;

	CU_ASSERT_EQUAL_FATAL(cdr_document_resolve(&s, doc, "s2"), 0);
	t = cdr_document_slice(doc, s);
	CU_ASSERT_STRING_EQUAL(t, "Iemand die dus heel erg goed kan luisteren en kan doorvragen.");
	free(t);
	cdr_document_free(doc);
}

static void test_ingest_resolve_code_points(void)
{
	cdr_document *doc = load("corpora/s002-mee-interview.txt", NULL);
	cdr_span s;
	char *t;

	CU_ASSERT_EQUAL_FATAL(cdr_document_resolve(&s, doc, "c0-10"), 0);
	CU_ASSERT_EQUAL(s.start, 0);
	CU_ASSERT_EQUAL(s.end, 10);
	t = cdr_document_slice(doc, s);
	CU_ASSERT_STRING_EQUAL(t, "MEE: Ja, i");
	free(t);
	cdr_document_free(doc);
}

static void test_ingest_resolve_out_of_range(void)
{
	cdr_document *doc = load("corpora/s002-mee-interview.txt", NULL);
	char expect[128];
	cdr_span s;

	CU_ASSERT_EQUAL(cdr_document_resolve(&s, doc, "t7"), CDR_ENOTFOUND);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "6 turns"));
	CU_ASSERT_EQUAL(cdr_document_resolve(&s, doc, "t0"), CDR_ENOTFOUND);
	CU_ASSERT_EQUAL(cdr_document_resolve(&s, doc, "s9999"), CDR_ENOTFOUND);
	snprintf(expect, sizeof(expect), "%zu sentences", cdr_document_sentence_count(doc));
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), expect));
	CU_ASSERT_EQUAL(cdr_document_resolve(&s, doc, "c0-999999"), CDR_ENOTFOUND);
	snprintf(expect, sizeof(expect), "%zu characters", cdr_document_length(doc));
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), expect));
	cdr_document_free(doc);
}

static void test_ingest_resolve_reversed_range(void)
{
	static const char *const bad[] = { "c10-5", "c5-5" };
	cdr_document *doc = load("corpora/s002-mee-interview.txt", NULL);
	cdr_span s;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int rc = cdr_document_resolve(&s, doc, bad[i]);
		if (rc != CDR_EFORMAT)
			fprintf(stderr, "\nreference '%s': %d\n", bad[i], rc);
		CU_ASSERT_EQUAL(rc, CDR_EFORMAT);
		CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), bad[i]));
	}
	cdr_document_free(doc);
}

static void test_ingest_resolve_empty_reference(void)
{
	cdr_document *doc = load("corpora/s002-mee-interview.txt", NULL);
	cdr_span s;

	CU_ASSERT_EQUAL(cdr_document_resolve(&s, doc, ""), CDR_EFORMAT);
	cdr_document_free(doc);
}

static void test_ingest_resolve_phrase_once(void)
{
	cdr_document *doc = load("corpora/s002-mee-interview.txt", NULL);
	cdr_span s;
	char *t;

	CU_ASSERT_EQUAL_FATAL(cdr_document_resolve(&s, doc, "hulpvraagverduidelijking"), 0);
	CU_ASSERT_EQUAL(s.end - s.start, 24);
	t = cdr_document_slice(doc, s);
	CU_ASSERT_STRING_EQUAL(t, "hulpvraagverduidelijking");
	free(t);
	CU_ASSERT_EQUAL(cdr_document_turn_at(doc, s.start), 0);
	/* a phrase with a diacritic: offsets are code points */
	CU_ASSERT_EQUAL_FATAL(cdr_document_resolve(&s, doc, "cliënt. Die van alles"), 0);
	t = cdr_document_slice(doc, s);
	CU_ASSERT_STRING_EQUAL(t, "cliënt. Die van alles");
	free(t);
	cdr_document_free(doc);
}

static void test_ingest_resolve_phrase_absent(void)
{
	static const char *const absent[] = { "x1", "T1", "t1x", "c5", "s 2", "Rotterdam" };
	cdr_document *doc = load("corpora/s002-mee-interview.txt", NULL);
	cdr_span s;

	for (size_t i = 0; i < sizeof(absent) / sizeof(absent[0]); i++) {
		int rc = cdr_document_resolve(&s, doc, absent[i]);
		if (rc != CDR_ENOTFOUND)
			fprintf(stderr, "\nreference '%s': %d\n", absent[i], rc);
		CU_ASSERT_EQUAL(rc, CDR_ENOTFOUND);
		CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), absent[i]));
	}
	cdr_document_free(doc);
}

static void test_ingest_resolve_phrase_ambiguous(void)
{
	cdr_document *doc = load("corpora/s002-mee-interview.txt", NULL);
	cdr_span s;

	/* "Het gaat om" opens two sentences of turn 2 */
	CU_ASSERT_EQUAL(cdr_document_resolve(&s, doc, "Het gaat om"), CDR_EAMBIGUOUS);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "2 times"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "t2 c"));
	cdr_document_free(doc);
}

/* ---- anonymisation check ------------------------------------------------------ */

struct hits {
	char kind[32][16];
	char text[32][64];
	long turn[32];
	size_t n;
};

static int on_hit(void *ctx, const cdr_anon_hit *h)
{
	struct hits *hs = ctx;

	if (hs->n < 32) {
		snprintf(hs->kind[hs->n], 16, "%s", h->kind);
		snprintf(hs->text[hs->n], 64, "%s", h->text);
		hs->turn[hs->n] = h->turn;
	}
	hs->n++;
	return 0;
}

static void scan(struct hits *hs, const char *text, int defaults, const char *names)
{
	cdr_document *doc = load_text(text, "anon.txt", NULL);
	cdr_anon *a = NULL;

	memset(hs, 0, sizeof(*hs));
	CU_ASSERT_EQUAL_FATAL(cdr_anon_new(&a, defaults), 0);
	if (names)
		CU_ASSERT_EQUAL(cdr_anon_add_names(a, names, strlen(names)), 0);
	CU_ASSERT_EQUAL(cdr_anon_scan(a, doc, on_hit, hs), 0);
	cdr_anon_free(a);
	cdr_document_free(doc);
}

/* Index of the hit of `kind` with text `text`, or -1. */
static long find_hit(const struct hits *hs, const char *kind, const char *text)
{
	for (size_t i = 0; i < hs->n && i < 32; i++)
		if (strcmp(hs->kind[i], kind) == 0 && strcmp(hs->text[i], text) == 0)
			return (long)i;
	return -1;
}

static void test_ingest_anon_email(void)
{
	struct hits hs;

	scan(&hs, "R: Mail naar m.jansen@voorbeeld.nl graag.\n", 1, NULL);
	CU_ASSERT_EQUAL(hs.n, 1);
	CU_ASSERT_TRUE(find_hit(&hs, "email", "m.jansen@voorbeeld.nl") >= 0);
}

static void test_ingest_anon_phone_formats(void)
{
	struct hits hs;

	scan(&hs, "R: Bel 06-12345678 of +31 6 12345678 of anders 020-1234567.\n", 1, NULL);
	CU_ASSERT_EQUAL(hs.n, 3);
	CU_ASSERT_TRUE(find_hit(&hs, "phone", "06-12345678") >= 0);
	CU_ASSERT_TRUE(find_hit(&hs, "phone", "+31 6 12345678") >= 0);
	CU_ASSERT_TRUE(find_hit(&hs, "phone", "020-1234567") >= 0);
}

static void test_ingest_anon_postcode(void)
{
	struct hits hs;

	scan(&hs, "R: Wij wonen op 1234 AB in een rijtjeshuis, vlak bij 8011AA.\n", 1, NULL);
	CU_ASSERT_EQUAL(hs.n, 2);
	CU_ASSERT_TRUE(find_hit(&hs, "postcode", "1234 AB") >= 0);
	CU_ASSERT_TRUE(find_hit(&hs, "postcode", "8011AA") >= 0);
}

static void test_ingest_anon_bsn_eleven_test(void)
{
	struct hits hs;

	scan(&hs, "R: Mijn BSN is 111222333, niet 123456789.\n", 1, NULL);
	CU_ASSERT_EQUAL(hs.n, 1);
	CU_ASSERT_TRUE(find_hit(&hs, "bsn", "111222333") >= 0);
	CU_ASSERT_EQUAL(find_hit(&hs, "bsn", "123456789"), -1);
}

static void test_ingest_anon_name_from_list(void)
{
	struct hits hs;

	scan(&hs, "R: Ik sprak met Marieke in Zwolle, en met Anouk.\n", 1, NULL);
	CU_ASSERT_EQUAL(hs.n, 2);
	CU_ASSERT_TRUE(find_hit(&hs, "name", "Marieke") >= 0);
	CU_ASSERT_TRUE(find_hit(&hs, "name", "Anouk") >= 0);
	CU_ASSERT_EQUAL(find_hit(&hs, "name", "Zwolle"), -1);
	CU_ASSERT_EQUAL(find_hit(&hs, "name", "Ik"), -1);
}

static void test_ingest_anon_added_names(void)
{
	struct hits hs;

	scan(&hs, "R: Ik sprak met Herman, Gerrit en Marieke.\n", 0, "# extra namen\nHerman\n\n  Gerrit  \r\n");
	CU_ASSERT_EQUAL(hs.n, 2);
	CU_ASSERT_TRUE(find_hit(&hs, "name", "Herman") >= 0);
	CU_ASSERT_TRUE(find_hit(&hs, "name", "Gerrit") >= 0);
	/* without the built-in list, Marieke is not known */
	CU_ASSERT_EQUAL(find_hit(&hs, "name", "Marieke"), -1);
}

static void test_ingest_anon_fixture(void)
{
	size_t n;
	char *text = test_slurp(test_path("tests/data/anon.txt"), &n);
	struct hits hs;
	long i;

	scan(&hs, text, 1, NULL);
	CU_ASSERT_EQUAL(hs.n, 6);
	CU_ASSERT_TRUE((i = find_hit(&hs, "email", "m.jansen@voorbeeld.nl")) >= 0);
	CU_ASSERT_EQUAL(i >= 0 ? hs.turn[i] : -9, 1);
	CU_ASSERT_TRUE(find_hit(&hs, "phone", "06-12345678") >= 0);
	CU_ASSERT_TRUE(find_hit(&hs, "postcode", "1234 AB") >= 0);
	CU_ASSERT_TRUE((i = find_hit(&hs, "bsn", "111222333")) >= 0);
	CU_ASSERT_EQUAL(i >= 0 ? hs.turn[i] : -9, 3);
	CU_ASSERT_TRUE(find_hit(&hs, "name", "Marieke") >= 0);
	CU_ASSERT_TRUE((i = find_hit(&hs, "phone", "020-1234567")) >= 0);
	CU_ASSERT_EQUAL(i >= 0 ? hs.turn[i] : -9, 5);
	free(text);
}

static void test_ingest_anon_clean_corpus_file(void)
{
	size_t n;
	char *text = test_slurp(test_path("corpora/s002-mee-interview.txt"), &n);
	struct hits hs;

	scan(&hs, text, 1, NULL);
	CU_ASSERT_EQUAL(hs.n, 0);
	free(text);
}

static void test_ingest_bsn_valid(void)
{
	CU_ASSERT_TRUE(cdr_bsn_valid("111222333"));
	CU_ASSERT_TRUE(cdr_bsn_valid("123456782"));
	CU_ASSERT_FALSE(cdr_bsn_valid("123456789"));
	CU_ASSERT_FALSE(cdr_bsn_valid("000000000"));
	CU_ASSERT_FALSE(cdr_bsn_valid("12345678x"));
	CU_ASSERT_FALSE(cdr_bsn_valid("12345678"));
}

/* ---- bad input ------------------------------------------------------------- */

static void test_ingest_docx_not_a_zip(void)
{
	CU_ASSERT_EQUAL(refuse("tests/data/not-a-zip.docx", NULL), CDR_EFORMAT);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "not a zip"));
}

static void test_ingest_docx_truncated(void)
{
	CU_ASSERT_EQUAL(refuse("tests/data/truncated.docx", NULL), CDR_EFORMAT);
}

static void test_ingest_docx_zip_bomb(void)
{
	CU_ASSERT_EQUAL(refuse("tests/data/zip-bomb.docx", NULL), CDR_ELIMIT);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "word/document.xml"));
}

/* Rewrite the uncompressed size of every zip entry to `size`: a bomb
 * whose central directory lies about how large it inflates. */
static void patch_sizes(char *z, size_t n, unsigned size)
{
	for (size_t i = 0; i + 46 <= n; i++) {
		size_t at = 0;
		if (memcmp(z + i, "PK\x03\x04", 4) == 0)
			at = i + 22;
		else if (memcmp(z + i, "PK\x01\x02", 4) == 0)
			at = i + 24;
		if (at) {
			z[at] = (char)(size & 0xFF);
			z[at + 1] = (char)((size >> 8) & 0xFF);
			z[at + 2] = (char)((size >> 16) & 0xFF);
			z[at + 3] = (char)(size >> 24);
		}
	}
}

static void test_ingest_docx_zip_bomb_lying_size(void)
{
	size_t n;
	char *z = test_slurp(test_path("tests/data/zip-bomb.docx"), &n);
	cdr_document *doc = NULL;
	int rc;

	patch_sizes(z, n, 4096);
	rc = cdr_ingest_bytes(&doc, z, n, "liegt.docx", NULL);
	CU_ASSERT_TRUE(rc == CDR_ELIMIT || rc == CDR_EFORMAT);
	CU_ASSERT_PTR_NULL(doc);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "liegt.docx"));
	cdr_document_free(doc);
	free(z);
}

static void test_ingest_docx_xxe_refused(void)
{
	CU_ASSERT_EQUAL(refuse("tests/data/xxe.docx", NULL), CDR_EUNSAFE);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "DOCTYPE"));
}

/* A .docx whose document.xml declares an external entity pointing at a
 * secret file; nothing of the secret may come out. */
static void xxe_probe(const char *prefix, const char *member, int odt)
{
	static const char secret[] = "GEHEIMWOORD-7731";
	char *dir = strdup(test_tmpdir());
	char secret_path[512], docx[512], xml[2048];
	const char *members[6];
	cdr_document *doc = NULL;
	FILE *f;
	int rc;

	snprintf(secret_path, sizeof(secret_path), "%s/secret.txt", dir);
	f = fopen(secret_path, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs(secret, f);
	fclose(f);
	snprintf(docx, sizeof(docx), "%s/xxe.%s", dir, odt ? "odt" : "docx");
	if (odt)
		snprintf(xml, sizeof(xml),
			 "%s<?xml version=\"1.0\"?>\n<!DOCTYPE office:document-content [\n"
			 "<!ENTITY xxe SYSTEM \"file://%s\">\n]>\n"
			 "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
			 "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text>"
			 "<text:p>R: &xxe;</text:p></office:text></office:body></office:document-content>",
			 prefix, secret_path);
	else
		snprintf(xml, sizeof(xml),
			 "%s<?xml version=\"1.0\"?>\n<!DOCTYPE w:document [\n"
			 "<!ENTITY xxe SYSTEM \"file://%s\">\n]>\n"
			 "<w:document xmlns:w=\"" W_NS "\"><w:body>"
			 "<w:p><w:r><w:t>R: &xxe;</w:t></w:r></w:p></w:body></w:document>",
			 prefix, secret_path);
	members[0] = member;
	members[1] = xml;
	write_zip(docx, members, 1);
	rc = cdr_ingest_file(&doc, docx, NULL);
	CU_ASSERT_EQUAL(rc, CDR_EUNSAFE);
	CU_ASSERT_PTR_NULL(strstr(cdr_error_last(), secret));
	if (doc != NULL) {
		size_t len;
		CU_ASSERT_PTR_NULL(strstr(cdr_document_text(doc, &len), secret));
		cdr_document_free(doc);
	}
	test_rm_rf(dir);
	free(dir);
}

static void test_ingest_docx_xxe_secret_not_read(void)
{
	xxe_probe("", "word/document.xml", 0);
}

static void test_ingest_odt_xxe_secret_not_read(void)
{
	xxe_probe("", "content.xml", 1);
}

static void test_ingest_docx_xxe_utf16_refused(void)
{
	/* the same document.xml encoded as UTF-16LE with a byte-order mark */
	xxe_probe("\xFF\xFE", "word/document.xml", 0);
}

static void test_ingest_docx_malformed_xml(void)
{
	CU_ASSERT_EQUAL(refuse("tests/data/malformed.docx", NULL), CDR_EFORMAT);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "word/document.xml:4:"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "malformed XML"));
}

static void test_ingest_docx_without_document_xml(void)
{
	char *dir = strdup(test_tmpdir());
	char path[512];
	const char *members[] = { "word/other.xml", "<x/>" };
	cdr_document *doc = NULL;

	snprintf(path, sizeof(path), "%s/leeg.docx", dir);
	write_zip(path, members, 1);
	CU_ASSERT_EQUAL(cdr_ingest_file(&doc, path, NULL), CDR_EFORMAT);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "word/document.xml"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "leeg.docx"));
	test_rm_rf(dir);
	free(dir);
}

static void test_ingest_docx_not_a_word_document(void)
{
	char *dir = strdup(test_tmpdir());
	char path[512];
	const char *members[] = { "word/document.xml", "<?xml version=\"1.0\"?><html><p>R: hallo</p></html>" };
	cdr_document *doc = NULL;

	snprintf(path, sizeof(path), "%s/html.docx", dir);
	write_zip(path, members, 1);
	CU_ASSERT_EQUAL(cdr_ingest_file(&doc, path, NULL), CDR_EFORMAT);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "html.docx"));
	test_rm_rf(dir);
	free(dir);
}

static void test_ingest_empty_file(void)
{
	CU_ASSERT_EQUAL(refuse("tests/data/empty.txt", NULL), CDR_EFORMAT);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "empty"));
}

static void test_ingest_blank_file(void)
{
	cdr_document *doc = NULL;

	CU_ASSERT_EQUAL(cdr_ingest_bytes(&doc, " \n\n\t\n", 5, "wit.txt", NULL), CDR_EFORMAT);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "wit.txt"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "no text"));
}

static void test_ingest_invalid_utf8_declared(void)
{
	cdr_ingest_options opts = { 0 };

	opts.encoding = "UTF-8";
	CU_ASSERT_EQUAL(refuse("tests/data/invalid-utf8.txt", &opts), CDR_EENCODING);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "line 3"));
}

static void test_ingest_invalid_utf8_read_as_cp1252(void)
{
	cdr_document *doc = load("tests/data/invalid-utf8.txt", NULL);
	char *t;

	/* without --encoding, a non-UTF-8 file is read as Windows-1252 */
	CU_ASSERT_STRING_EQUAL(cdr_document_info_get(doc)->encoding, "windows-1252");
	CU_ASSERT_EQUAL_FATAL(cdr_document_turn_count(doc), 2);
	t = turn_text(doc, 1);
	CU_ASSERT_STRING_EQUAL(t, "Dat gaat w\xC3\xBFl goed.");
	free(t);
	cdr_document_free(doc);
}

static void test_ingest_vtt_without_header(void)
{
	CU_ASSERT_EQUAL(refuse("tests/data/no-webvtt.vtt", NULL), CDR_EFORMAT);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "WEBVTT"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "no-webvtt.vtt:1:"));
}

static void test_ingest_srt_bad_timing(void)
{
	CU_ASSERT_EQUAL(refuse("tests/data/bad-timing.srt", NULL), CDR_EFORMAT);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "bad-timing.srt:6:"));
}

static void test_ingest_srt_cue_without_timing(void)
{
	cdr_document *doc = NULL;
	static const char srt[] = "1\n00:00:01,000 --> 00:00:02,000\nR: Ja.\n\n2\n";

	CU_ASSERT_EQUAL(cdr_ingest_bytes(&doc, srt, sizeof(srt) - 1, "kort.srt", NULL), CDR_EFORMAT);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "kort.srt:5:"));
}

static void test_ingest_unsupported_extension(void)
{
	char *dir = strdup(test_tmpdir());
	char path[512];
	cdr_document *doc = NULL;
	FILE *f;

	snprintf(path, sizeof(path), "%s/rapport.pdf", dir);
	f = fopen(path, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs("%PDF-1.4\n", f);
	fclose(f);
	CU_ASSERT_EQUAL(cdr_ingest_file(&doc, path, NULL), CDR_EFORMAT);
	CU_ASSERT_PTR_NULL(doc);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "rapport.pdf"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "unsupported file type .pdf"));
	test_rm_rf(dir);
	free(dir);
}

static void test_ingest_missing_file(void)
{
	cdr_document *doc = NULL;

	CU_ASSERT_EQUAL(cdr_ingest_file(&doc, "/nonexistent/codeer/interview.txt", NULL), CDR_ENOTFOUND);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "/nonexistent/codeer/interview.txt"));
}

static void test_ingest_max_bytes(void)
{
	cdr_ingest_options opts = { 0 };

	opts.max_bytes = 100;
	CU_ASSERT_EQUAL(refuse("corpora/s002-mee-interview.txt", &opts), CDR_ELIMIT);
}

/* Slices by code point agree with a plain walk everywhere in a long text
 * of 1-, 2-, 3- and 4-byte characters, on both sides of the marks that
 * make slicing fast (every 256 code points). */
static void test_ingest_slice_long_multibyte_text(void)
{
	static const char *const unit[] = { "a", "é", "€", "𝄞" };
	cdr_buf b = CDR_BUF_INIT;
	cdr_document *doc;
	const char *text;
	size_t len;

	for (size_t i = 0; i < 3000; i++)
		cdr_buf_puts(&b, unit[(i * 7 + i / 5) % 4]);
	doc = load_text(b.data, "lang.txt", NULL);
	text = cdr_document_text(doc, &len);
	CU_ASSERT_EQUAL_FATAL(cdr_document_length(doc), 3000);
	for (size_t start = 0; start < 2990; start += 13) {
		for (size_t n = 1; n <= 9; n += 4) {
			size_t a = cdr_utf8_offset(text, len, start);
			size_t z = a + cdr_utf8_offset(text + a, len - a, n);
			char *got = cdr_document_slice(doc, (cdr_span){ start, start + n });
			CU_ASSERT_EQUAL(strlen(got), z - a);
			CU_ASSERT(strncmp(got, text + a, z - a) == 0);
			free(got);
		}
	}
	/* the last code point and backwards after forwards */
	{
		char *last = cdr_document_slice(doc, (cdr_span){ 2999, 3000 }), *first = cdr_document_slice(doc, (cdr_span){ 0, 1 });
		CU_ASSERT_STRING_EQUAL(first, unit[0]);
		CU_ASSERT_STRING_EQUAL(last, unit[(2999 * 7 + 2999 / 5) % 4]);
		free(last);
		free(first);
	}
	cdr_document_free(doc);
	cdr_buf_free(&b);
}

/* ---- limits and normal form of what the readers produce ----------------------- */

#define ODT_HEAD "<?xml version=\"1.0\"?>\n<office:document-content " \
	"xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" " \
	"xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text><text:p>R: "
#define ODT_TAIL "</text:p></office:text></office:body></office:document-content>"

/* <text:s text:c="1000"/> is 24 bytes of XML and 1000 spaces of text:
 * the text a reader makes may not grow past the ingest limit. */
static void test_ingest_odt_spaces_capped_at_limit(void)
{
	char *dir = strdup(test_tmpdir()), *odt = test_join(dir, "spaties.odt");
	cdr_ingest_options opts = { 0 };
	cdr_buf xml = CDR_BUF_INIT;
	const char *members[2];
	cdr_document *doc = NULL;

	cdr_buf_puts(&xml, ODT_HEAD "a");
	for (int i = 0; i < 500; i++)
		cdr_buf_puts(&xml, "<text:s text:c=\"1000\"/>b");
	cdr_buf_puts(&xml, ODT_TAIL);
	members[0] = "content.xml";
	members[1] = xml.data;
	write_zip(odt, members, 1);
	/* the file is small; its text would be 500 KB */
	opts.max_bytes = 100000;
	CU_ASSERT_EQUAL(cdr_ingest_file(&doc, odt, &opts), CDR_ELIMIT);
	CU_ASSERT_PTR_NULL(doc);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "spaties.odt"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "100000"));
	/* with room for it, the same file is read */
	opts.max_bytes = 1000000;
	CU_ASSERT_EQUAL(cdr_ingest_file(&doc, odt, &opts), 0);
	cdr_document_free(doc);
	cdr_buf_free(&xml);
	test_rm_rf(dir);
	free(odt);
	free(dir);
}

/* Every reader's text obeys the limit, also when decoding makes it
 * larger than the file (Windows-1252 "€" is one byte, three in UTF-8). */
static void test_ingest_text_capped_at_limit(void)
{
	cdr_ingest_options opts = { 0 };
	cdr_document *doc = NULL;
	char euros[301];

	memset(euros, '\x80', 300);
	euros[300] = '\0';
	opts.max_bytes = 500;
	opts.encoding = "windows-1252";
	CU_ASSERT_EQUAL(cdr_ingest_bytes(&doc, euros, 300, "euro.txt", &opts), CDR_ELIMIT);
	CU_ASSERT_PTR_NULL(doc);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "euro.txt"));
	opts.max_bytes = 1000;
	CU_ASSERT_EQUAL(cdr_ingest_bytes(&doc, euros, 300, "euro.txt", &opts), 0);
	cdr_document_free(doc);
}

/* A file that is no text is refused with what it seems to be, not read as
 * windows-1252; a named encoding is taken at its word; a stray control
 * character or a single NUL is no binary file (the NUL keeps its own
 * message). */
static void test_ingest_binary_refused(void)
{
	static const char pdf[] = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n";
	static const char zip[] = "PK\x03\x04\x14\x00\x06\x00";
	static const char ctl[] = "R: hallo\x01\x02\x03\x04 daar\n";
	static const char one[] = "R: hallo\x01 daar, een lange zin van een respondent\n";
	cdr_ingest_options opts = { 0 };
	cdr_document *doc = NULL;

	CU_ASSERT_EQUAL(cdr_ingest_bytes(&doc, pdf, sizeof(pdf) - 1, "a.txt", NULL), CDR_EENCODING);
	CU_ASSERT_PTR_NULL(doc);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "a.txt: this is a PDF, not text"));
	CU_ASSERT_EQUAL(cdr_ingest_bytes(&doc, zip, sizeof(zip) - 1, "b.txt", NULL), CDR_EENCODING);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "zip archive"));
	CU_ASSERT_EQUAL(cdr_ingest_bytes(&doc, ctl, sizeof(ctl) - 1, "c.txt", NULL), CDR_EENCODING);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "c.txt: this is a binary file"));
	CU_ASSERT_EQUAL(cdr_ingest_bytes(&doc, one, sizeof(one) - 1, "d.txt", NULL), 0);
	cdr_document_free(doc);
	doc = NULL;
	opts.encoding = "windows-1252";
	CU_ASSERT_EQUAL(cdr_ingest_bytes(&doc, ctl, sizeof(ctl) - 1, "c.txt", &opts), 0);
	cdr_document_free(doc);
}

/* Taking a tag out of "Cafe<i>" + U+0301 + "</i>" joins an e and a
 * combining accent: the stored text must still be NFC ("Café", U+00E9). */
static void test_ingest_subtitle_tags_stripped_then_nfc(void)
{
	static const char vtt[] = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nCafe<i>\xCC\x81</i> en cre&lrm;\xCC\x80me\n";
	static const char srt[] = "1\n00:00:01,000 --> 00:00:02,000\nCafe<i>\xCC\x81</i>\n";
	cdr_document *doc = load_text(vtt, "nfc.vtt", NULL);
	size_t len;
	const char *text = cdr_document_text(doc, &len);
	char *norm = NULL;
	size_t nlen;

	CU_ASSERT_PTR_NOT_NULL(strstr(text, "Caf\xC3\xA9 en cr\xC3\xA8me"));
	CU_ASSERT_PTR_NULL(strstr(text, "e\xCC\x81"));
	CU_ASSERT_EQUAL_FATAL(cdr_text_normalize(&norm, &nlen, text, len), 0);
	CU_ASSERT(nlen == len && memcmp(norm, text, len) == 0);
	free(norm);
	cdr_document_free(doc);
	doc = load_text(srt, "nfc.srt", NULL);
	text = cdr_document_text(doc, &len);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "Caf\xC3\xA9"));
	CU_ASSERT_EQUAL(cdr_document_length(doc), cdr_utf8_count(text, len));
	cdr_document_free(doc);
}

/* A phrase near the end of a document of 1.5 MB, after many multi-byte
 * characters (so bytes and code points differ), and a phrase that occurs
 * in every turn: both answered right (and in one pass over the text). */
static void test_ingest_resolve_phrase_big_document(void)
{
	cdr_buf b = CDR_BUF_INIT;
	cdr_document *doc;
	cdr_span s;
	size_t turns = 0, cps = 0;
	char *t;

	while (b.len < 1500000) {
		char line[160];
		int n = snprintf(line, sizeof(line), "R: Dit is beurt %zu, over zorg in de wijk en de cliënt één keer.\n\n",
				 turns + 1);
		cdr_buf_put(&b, line, (size_t)n);
		cps += cdr_utf8_count(line, (size_t)n);
		turns++;
	}
	cdr_buf_puts(&b, "R: Het allerlaatste antwoord staat hier.\n");
	doc = load_text(b.data, "groot.txt", NULL);
	CU_ASSERT_EQUAL_FATAL(cdr_document_resolve(&s, doc, "allerlaatste antwoord"), 0);
	CU_ASSERT_EQUAL(s.start, cps + strlen("R: Het "));
	CU_ASSERT_EQUAL(s.end - s.start, strlen("allerlaatste antwoord"));
	t = cdr_document_slice(doc, s);
	CU_ASSERT_STRING_EQUAL(t, "allerlaatste antwoord");
	free(t);
	CU_ASSERT_EQUAL(cdr_document_turn_at(doc, s.start), (long)turns);
	/* in every turn: ambiguous, with the count */
	CU_ASSERT_EQUAL(cdr_document_resolve(&s, doc, "cliënt één"), CDR_EAMBIGUOUS);
	{
		char want[64];
		snprintf(want, sizeof(want), "occurs %zu times", turns);
		CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), want));
	}
	/* a phrase typed decomposed (NFD) finds the composed text */
	CU_ASSERT_EQUAL(cdr_document_resolve(&s, doc, "Het allerlaatste"), 0);
	CU_ASSERT_EQUAL(cdr_document_resolve(&s, doc, "beurt 7, over zorg in de wijk en de clie\xCC\x88nt"), 0);
	CU_ASSERT_EQUAL(s.end - s.start, strlen("beurt 7, over zorg in de wijk en de cliXnt"));
	cdr_document_free(doc);
	cdr_buf_free(&b);
}

/* ---- source descriptions (.meta) ------------------------------------------------ */

/* What fuzz-meta found: a NUL byte hid a line, and a later length line
 * shrank the text below the turns already read. */
static void test_ingest_meta_fuzz_turn_past_text(void)
{
	size_t n;
	char *data = test_slurp(test_path("tests/fuzz/corpus/meta/crash-turn-past-length.meta"), &n);
	cdr_document *doc = NULL;
	char digest[65];

	CU_ASSERT_EQUAL_FATAL(cdr_document_new(&doc), 0);
	CU_ASSERT_EQUAL(cdr_meta_parse(doc, data, n, "x.meta", 0, digest), CDR_EFORMAT);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "x.meta:2:"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "NUL"));
	for (size_t i = 0; i < cdr_document_turn_count(doc); i++)
		CU_ASSERT(cdr_document_turn(doc, i)->span.end <= cdr_document_length(doc));
	cdr_document_free(doc);
	free(data);
}

static int meta_refused(const char *text, const char *want)
{
	char *copy = strdup(text), digest[65];
	cdr_document *doc = NULL;
	int rc;

	CU_ASSERT_EQUAL_FATAL(cdr_document_new(&doc), 0);
	rc = cdr_meta_parse(doc, copy, strlen(copy), "d.meta", 0, digest);
	if (rc == 0 || strstr(cdr_error_last(), want) == NULL)
		fprintf(stderr, "\nmeta: rc %d, '%s', wanted '%s'\n", rc, rc ? cdr_error_last() : "", want);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), want));
	cdr_document_free(doc);
	free(copy);
	return rc;
}

#define META_HEAD "codeer-meta\t1\nid\td\ntext-sha256\t" \
	"0000000000000000000000000000000000000000000000000000000000000000\n"

/* pattern-cache.h: a pattern is compiled once and shared, per flags; a
 * bad one is refused every time with PCRE2's error; code given back that
 * the cache holds stays usable (ASan would see a use after free). More
 * patterns than the cache holds are the caller's own, and freed. */
static void test_ingest_pattern_cache(void)
{
	int err = 0;
	PCRE2_SIZE off = 0;
	pcre2_code *a = cdr_pattern_get("(?<speaker>[A-Z]):", PCRE2_UTF, &err, &off);
	pcre2_code *b = cdr_pattern_get("(?<speaker>[A-Z]):", PCRE2_UTF, &err, &off);
	pcre2_code *c = cdr_pattern_get("(?<speaker>[A-Z]):", PCRE2_UTF | PCRE2_ANCHORED, &err, &off);
	pcre2_match_data *md;
	pcre2_code *many[40];

	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_PTR_EQUAL(a, b);
	CU_ASSERT_PTR_NOT_NULL(c);
	CU_ASSERT_PTR_NOT_EQUAL(a, c);
	cdr_pattern_put(a);
	cdr_pattern_put(b);
	cdr_pattern_put(c);
	md = pcre2_match_data_create_from_pattern(a, NULL);
	CU_ASSERT_EQUAL(pcre2_match(a, (PCRE2_SPTR) "R: ja", 5, 0, 0, md, NULL), 2);
	pcre2_match_data_free(md);
	for (int i = 0; i < 2; i++) {
		err = 0;
		CU_ASSERT_PTR_NULL(cdr_pattern_get("(?<speaker>[A-Z]", PCRE2_UTF, &err, &off));
		CU_ASSERT_EQUAL(err, PCRE2_ERROR_MISSING_CLOSING_PARENTHESIS);
	}
	for (int i = 0; i < 40; i++) {
		char p[32];
		snprintf(p, sizeof(p), "x%d", i);
		CU_ASSERT_PTR_NOT_NULL(many[i] = cdr_pattern_get(p, PCRE2_UTF, &err, &off));
	}
	for (int i = 0; i < 40; i++)
		cdr_pattern_put(many[i]);
}

static void test_ingest_meta_refuses_duplicates_and_overruns(void)
{
	CU_ASSERT_EQUAL(meta_refused("codeer-meta\t2\nid\td\ntext-sha256\tx\nlength\t5\nhead\t0\t9\n",
				     "d.meta:5: header line ends past the text"), CDR_EFORMAT);
	CU_ASSERT_EQUAL(meta_refused(META_HEAD "length\t100\nwords\t3\nturn\t0\t50\t3\tR\t\nlength\t10\n",
				     "d.meta:7: 'length' given twice (first on line 4)"), CDR_EFORMAT);
	CU_ASSERT_EQUAL(meta_refused(META_HEAD "id\te\nlength\t100\n", "d.meta:4: 'id' given twice"), CDR_EFORMAT);
	CU_ASSERT_EQUAL(meta_refused(META_HEAD "length\t100\nturn\t0\t101\t3\tR\t\n",
				     "d.meta:5: turn ends past the text (length 100)"), CDR_EFORMAT);
	CU_ASSERT_EQUAL(meta_refused(META_HEAD "length\t100\nsent\t90\t120\n",
				     "d.meta:5: sentence ends past the text"), CDR_EFORMAT);
	CU_ASSERT_EQUAL(meta_refused(META_HEAD "para\t0\t10\nlength\t100\n",
				     "d.meta:4: paragraph before the length line"), CDR_EFORMAT);
	/* a well-formed one still reads */
	{
		char *ok = strdup(META_HEAD "length\t100\nwords\t3\nturn\t0\t100\t3\tR\t\nsent\t0\t100\n"), digest[65];
		cdr_document *doc = NULL;
		CU_ASSERT_EQUAL_FATAL(cdr_document_new(&doc), 0);
		CU_ASSERT_EQUAL(cdr_meta_parse(doc, ok, strlen(ok), "d.meta", 0, digest), 0);
		CU_ASSERT_EQUAL(cdr_document_turn_count(doc), 1);
		cdr_document_free(doc);
		free(ok);
	}
}

/* ---- many files on several threads (cdr_ingest_files) ---------------------- */

static const char *const parallel_files[] = {
	"corpora/s000-professional-1.txt", "corpora/formats/s002-mee-interview-word.docx",
	"corpora/s000-professional-2.txt", "corpora/formats/s003-participant-12-writer.odt",
	"corpora/s000-professional-3.txt", "corpora/formats/s002-frion-casussen-ondertitels.srt",
	"corpora/s000-professional-4.txt", "corpora/formats/s002-buurtzorg-casussen-ondertitels.vtt",
	"corpora/s000-professional-5.txt", "corpora/formats/s003-participant-5-markdown.md",
	"corpora/s001-case-1.txt", "corpora/s001-case-2.txt",
};
#define NPARALLEL (sizeof(parallel_files) / sizeof(parallel_files[0]))

struct seen {
	size_t n, stop_at;
	size_t index[NPARALLEL];
	char digest[NPARALLEL][80];
};

static int record_doc(void *ctx, size_t i, cdr_document *doc)
{
	struct seen *s = ctx;

	s->index[s->n] = i;
	snprintf(s->digest[s->n], sizeof(s->digest[0]), "%s", cdr_document_info_get(doc)->text_sha256);
	s->n++;
	cdr_document_free(doc);
	return s->n == s->stop_at ? cdr_error_set(CDR_EUSAGE, "stopped by the caller") : 0;
}

static void paths_of(char **paths, size_t n)
{
	for (size_t i = 0; i < n; i++)
		paths[i] = path_of(parallel_files[i]);
}

static void free_paths(char **paths, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(paths[i]);
}

/* every document handed on once, in file order, the same as one by one */
static void test_ingest_files_in_order(void)
{
	char *paths[NPARALLEL];
	struct seen one = { 0 }, many;

	paths_of(paths, NPARALLEL);
	CU_ASSERT_EQUAL(cdr_ingest_files((const char *const *)paths, NPARALLEL, NULL, 1, record_doc, &one), 0);
	CU_ASSERT_EQUAL(one.n, NPARALLEL);
	for (unsigned jobs = 2; jobs <= 5; jobs++) {
		memset(&many, 0, sizeof(many));
		CU_ASSERT_EQUAL(cdr_ingest_files((const char *const *)paths, NPARALLEL, NULL, jobs, record_doc, &many), 0);
		CU_ASSERT_EQUAL(many.n, NPARALLEL);
		for (size_t i = 0; i < many.n; i++) {
			CU_ASSERT_EQUAL(many.index[i], i);
			CU_ASSERT_STRING_EQUAL(many.digest[i], one.digest[i]);
		}
	}
	free_paths(paths, NPARALLEL);
}

/* the first bad file in order ends it with its own error, even when a
 * later one (read sooner by another thread) is bad too */
static void test_ingest_files_first_error_in_order(void)
{
	char *paths[NPARALLEL];
	struct seen s;
	char *empty = test_join(test_tmpdir(), "empty.txt");
	char *missing = test_join(test_tmpdir(), "missing.txt");

	test_write_file(empty, "");
	paths_of(paths, NPARALLEL);
	free(paths[4]);
	free(paths[6]);
	paths[4] = empty;
	paths[6] = missing;
	for (unsigned jobs = 1; jobs <= 4; jobs++) {
		memset(&s, 0, sizeof(s));
		CU_ASSERT_EQUAL(cdr_ingest_files((const char *const *)paths, NPARALLEL, NULL, jobs, record_doc, &s),
				CDR_EFORMAT);
		CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "empty.txt: empty file"));
		CU_ASSERT_EQUAL(s.n, 4);
	}
	free_paths(paths, NPARALLEL);
}

/* an error of the caller's stops the reading, and is what is returned */
static void test_ingest_files_caller_stops(void)
{
	char *paths[NPARALLEL];
	struct seen s;

	paths_of(paths, NPARALLEL);
	for (unsigned jobs = 1; jobs <= 3; jobs++) {
		memset(&s, 0, sizeof(s));
		s.stop_at = 3;
		CU_ASSERT_EQUAL(cdr_ingest_files((const char *const *)paths, NPARALLEL, NULL, jobs, record_doc, &s),
				CDR_EUSAGE);
		CU_ASSERT_STRING_EQUAL(cdr_error_last(), "stopped by the caller");
		CU_ASSERT_EQUAL(s.n, 3);
	}
	free_paths(paths, NPARALLEL);
}

void test_ingest_register(void)
{
	CU_pSuite s = CU_add_suite("ingest", NULL, NULL);

	CU_add_test(s, "slice_long_multibyte_text", test_ingest_slice_long_multibyte_text);
	CU_add_test(s, "files_in_order", test_ingest_files_in_order);
	CU_add_test(s, "files_first_error_in_order", test_ingest_files_first_error_in_order);
	CU_add_test(s, "files_caller_stops", test_ingest_files_caller_stops);
	CU_add_test(s, "txt_corpus_turns_as_labelled", test_ingest_txt_corpus_turns_as_labelled);
	CU_add_test(s, "txt_words_and_length", test_ingest_txt_words_and_length);
	CU_add_test(s, "docx_same_turns_as_txt", test_ingest_docx_same_turns_as_txt);
	CU_add_test(s, "odt_same_turns_as_txt", test_ingest_odt_same_turns_as_txt);
	CU_add_test(s, "md_same_turns_as_txt", test_ingest_md_same_turns_as_txt);
	CU_add_test(s, "vtt_keeps_cue_times", test_ingest_vtt_keeps_cue_times);
	CU_add_test(s, "srt_keeps_cue_times", test_ingest_srt_keeps_cue_times);
	CU_add_test(s, "vtt_cues_without_speakers", test_ingest_vtt_cues_without_speakers);
	CU_add_test(s, "srt_unlabelled_cue_continues_turn", test_ingest_srt_unlabelled_cue_continues_turn);
	CU_add_test(s, "vtt_with_bom", test_ingest_vtt_with_bom);
	CU_add_test(s, "utf16_same_text_as_utf8", test_ingest_utf16_same_text_as_utf8);
	CU_add_test(s, "cp1252_same_text_as_utf8", test_ingest_cp1252_same_text_as_utf8);
	CU_add_test(s, "cp1252_declared_encoding", test_ingest_cp1252_declared_encoding);
	CU_add_test(s, "format_of", test_ingest_format_of);
	CU_add_test(s, "speaker_styles_inline", test_ingest_speaker_styles_inline);
	CU_add_test(s, "speaker_styles_fixture", test_ingest_speaker_styles_fixture);
	CU_add_test(s, "sentence_colon_is_not_a_label", test_ingest_sentence_colon_is_not_a_label);
	CU_add_test(s, "colon_sentences_are_no_labels", test_ingest_colon_sentences_are_no_labels);
	CU_add_test(s, "f4_marks", test_ingest_f4_marks);
	CU_add_test(s, "timestamp_marks", test_ingest_timestamp_marks);
	CU_add_test(s, "timestamps_without_labels", test_ingest_timestamps_without_labels);
	CU_add_test(s, "words_outside_turns", test_ingest_words_outside_turns);
	CU_add_test(s, "docx_table_transcript", test_ingest_docx_table_transcript);
	CU_add_test(s, "docx_f4_table", test_ingest_docx_f4_table);
	CU_add_test(s, "odt_table_transcript", test_ingest_odt_table_transcript);
	CU_add_test(s, "table_not_a_transcript", test_ingest_table_not_a_transcript);
	CU_add_test(s, "table_offsets_after_normalisation", test_ingest_table_offsets_after_normalisation);
	CU_add_test(s, "custom_speaker_regex", test_ingest_custom_speaker_regex);
	CU_add_test(s, "header_lines", test_ingest_header_lines);
	CU_add_test(s, "custom_regex_without_speaker_group", test_ingest_custom_regex_without_speaker_group);
	CU_add_test(s, "custom_regex_invalid", test_ingest_custom_regex_invalid);
	CU_add_test(s, "no_labels_one_turn_per_paragraph", test_ingest_no_labels_one_turn_per_paragraph);
	CU_add_test(s, "preamble_outside_turns", test_ingest_preamble_outside_turns);
	CU_add_test(s, "turn_with_two_paragraphs", test_ingest_turn_with_two_paragraphs);
	CU_add_test(s, "resolve_turn", test_ingest_resolve_turn);
	CU_add_test(s, "resolve_sentence", test_ingest_resolve_sentence);
	CU_add_test(s, "resolve_code_points", test_ingest_resolve_code_points);
	CU_add_test(s, "resolve_out_of_range", test_ingest_resolve_out_of_range);
	CU_add_test(s, "resolve_reversed_range", test_ingest_resolve_reversed_range);
	CU_add_test(s, "resolve_empty_reference", test_ingest_resolve_empty_reference);
	CU_add_test(s, "resolve_phrase_once", test_ingest_resolve_phrase_once);
	CU_add_test(s, "resolve_phrase_absent", test_ingest_resolve_phrase_absent);
	CU_add_test(s, "resolve_phrase_ambiguous", test_ingest_resolve_phrase_ambiguous);
	CU_add_test(s, "anon_email", test_ingest_anon_email);
	CU_add_test(s, "anon_phone_formats", test_ingest_anon_phone_formats);
	CU_add_test(s, "anon_postcode", test_ingest_anon_postcode);
	CU_add_test(s, "anon_bsn_eleven_test", test_ingest_anon_bsn_eleven_test);
	CU_add_test(s, "anon_name_from_list", test_ingest_anon_name_from_list);
	CU_add_test(s, "anon_added_names", test_ingest_anon_added_names);
	CU_add_test(s, "anon_fixture", test_ingest_anon_fixture);
	CU_add_test(s, "anon_clean_corpus_file", test_ingest_anon_clean_corpus_file);
	CU_add_test(s, "bsn_valid", test_ingest_bsn_valid);
	CU_add_test(s, "docx_not_a_zip", test_ingest_docx_not_a_zip);
	CU_add_test(s, "docx_truncated", test_ingest_docx_truncated);
	CU_add_test(s, "docx_zip_bomb", test_ingest_docx_zip_bomb);
	CU_add_test(s, "docx_zip_bomb_lying_size", test_ingest_docx_zip_bomb_lying_size);
	CU_add_test(s, "docx_xxe_refused", test_ingest_docx_xxe_refused);
	CU_add_test(s, "docx_xxe_secret_not_read", test_ingest_docx_xxe_secret_not_read);
	CU_add_test(s, "odt_xxe_secret_not_read", test_ingest_odt_xxe_secret_not_read);
	CU_add_test(s, "docx_xxe_utf16_refused", test_ingest_docx_xxe_utf16_refused);
	CU_add_test(s, "docx_malformed_xml", test_ingest_docx_malformed_xml);
	CU_add_test(s, "docx_without_document_xml", test_ingest_docx_without_document_xml);
	CU_add_test(s, "docx_not_a_word_document", test_ingest_docx_not_a_word_document);
	CU_add_test(s, "empty_file", test_ingest_empty_file);
	CU_add_test(s, "blank_file", test_ingest_blank_file);
	CU_add_test(s, "invalid_utf8_declared", test_ingest_invalid_utf8_declared);
	CU_add_test(s, "invalid_utf8_read_as_cp1252", test_ingest_invalid_utf8_read_as_cp1252);
	CU_add_test(s, "vtt_without_header", test_ingest_vtt_without_header);
	CU_add_test(s, "srt_bad_timing", test_ingest_srt_bad_timing);
	CU_add_test(s, "srt_cue_without_timing", test_ingest_srt_cue_without_timing);
	CU_add_test(s, "unsupported_extension", test_ingest_unsupported_extension);
	CU_add_test(s, "missing_file", test_ingest_missing_file);
	CU_add_test(s, "max_bytes", test_ingest_max_bytes);
	CU_add_test(s, "odt_spaces_capped_at_limit", test_ingest_odt_spaces_capped_at_limit);
	CU_add_test(s, "text_capped_at_limit", test_ingest_text_capped_at_limit);
	CU_add_test(s, "binary_refused", test_ingest_binary_refused);
	CU_add_test(s, "subtitle_tags_stripped_then_nfc", test_ingest_subtitle_tags_stripped_then_nfc);
	CU_add_test(s, "resolve_phrase_big_document", test_ingest_resolve_phrase_big_document);
	CU_add_test(s, "meta_fuzz_turn_past_text", test_ingest_meta_fuzz_turn_past_text);
	CU_add_test(s, "meta_refuses_duplicates_and_overruns", test_ingest_meta_refuses_duplicates_and_overruns);
	CU_add_test(s, "pattern_cache", test_ingest_pattern_cache);
}
