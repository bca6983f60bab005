/* test-store.c -- the project store: layout, versions and damage, adding
 * documents all-or-nothing, the .meta round trip, immutable sources,
 * cases and their import, document ids and project discovery. */
#define _XOPEN_SOURCE 700 /* realpath */
#include <CUnit/CUnit.h>
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "codeer/archive.h"
#include "codeer/cases.h"
#include "codeer/coding.h"
#include "codeer/document.h"
#include "codeer/error.h"
#include "codeer/ingest.h"
#include "codeer/memo.h"
#include "codeer/project.h"
#include "codeer/edit.h"
#include "codeer/scheme.h"
#include "util/alloc.h"
#include "project/change.h"
#include "test.h"

/* ---- helpers ------------------------------------------------------------ */

static int is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static cdr_project *reopen(cdr_project *p)
{
	char *dir = strdup(cdr_project_path(p));
	cdr_project *q = NULL;

	cdr_project_free(p);
	CU_ASSERT_EQUAL_FATAL(cdr_project_open(&q, dir), 0);
	free(dir);
	return q;
}

/* Paths of corpus files in the source tree (malloc'ed, NULL-terminated). */
static char **corpus_paths(const char *const *rel)
{
	size_t n = 0;
	char **v;

	while (rel[n])
		n++;
	v = calloc(n + 1, sizeof(char *));
	for (size_t i = 0; i < n; i++)
		v[i] = strdup(test_path(rel[i]));
	return v;
}

static void paths_free(char **v)
{
	for (size_t i = 0; v && v[i]; i++)
		free(v[i]);
	free(v);
}

static size_t count(char **v)
{
	size_t n = 0;
	while (v[n])
		n++;
	return n;
}

static int add(cdr_project *p, char **paths, const cdr_add_options *opts)
{
	int rc = cdr_project_add(p, (const char *const *)paths, count(paths), opts, NULL, NULL);
	if (rc < 0)
		fprintf(stderr, "\n(add: %s)", cdr_error_last());
	return rc;
}

/* Every file below `dir`: relative path and content, sorted by path. */
struct snapshot {
	char *path[512];
	char *data[512];
	size_t len[512];
	size_t n;
};

static void snap_dir(struct snapshot *s, const char *root, const char *rel)
{
	char *dir = rel[0] ? test_join(root, rel) : strdup(root);
	DIR *d = opendir(dir);
	struct dirent *e;

	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	while ((e = readdir(d)) != NULL) {
		char *r, *full;
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		r = rel[0] ? test_join(rel, e->d_name) : strdup(e->d_name);
		full = test_join(root, r);
		CU_ASSERT_FATAL(s->n < 512);
		if (is_dir(full)) {
			s->path[s->n] = malloc(strlen(r) + 2);
			sprintf(s->path[s->n], "%s/", r);
			s->data[s->n] = NULL;
			s->len[s->n] = 0;
			s->n++;
			snap_dir(s, root, r);
		} else {
			s->path[s->n] = strdup(r);
			s->data[s->n] = test_slurp_opt(full, &s->len[s->n]);
			s->n++;
		}
		free(r);
		free(full);
	}
	closedir(d);
	free(dir);
}

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void snapshot(struct snapshot *s, const char *root)
{
	s->n = 0;
	snap_dir(s, root, "");
	/* sort the three arrays together by path (insertion sort: small) */
	for (size_t i = 1; i < s->n; i++)
		for (size_t j = i; j > 0 && cmp_entry(&s->path[j - 1], &s->path[j]) > 0; j--) {
			char *tp = s->path[j], *td = s->data[j];
			size_t tl = s->len[j];
			s->path[j] = s->path[j - 1];
			s->data[j] = s->data[j - 1];
			s->len[j] = s->len[j - 1];
			s->path[j - 1] = tp;
			s->data[j - 1] = td;
			s->len[j - 1] = tl;
		}
}

static void snapshot_free(struct snapshot *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->path[i]);
		free(s->data[i]);
	}
	s->n = 0;
}

/* Are two snapshots byte-for-byte the same? Prints the first difference. */
static int same_snapshot(const struct snapshot *a, const struct snapshot *b)
{
	size_t i;

	for (i = 0; i < a->n && i < b->n; i++) {
		if (strcmp(a->path[i], b->path[i]) != 0) {
			fprintf(stderr, "\nsnapshot: %s vs %s\n", a->path[i], b->path[i]);
			return 0;
		}
		if (a->len[i] != b->len[i] || (a->data[i] && memcmp(a->data[i], b->data[i], a->len[i]) != 0)) {
			fprintf(stderr, "\nsnapshot: %s changed\n", a->path[i]);
			return 0;
		}
	}
	if (a->n != b->n) {
		fprintf(stderr, "\nsnapshot: %s appeared or vanished\n", i < a->n ? a->path[i] : b->path[i]);
		return 0;
	}
	return 1;
}

/* Write a snapshot's directories and files below `root` again. */
static void snapshot_restore(const struct snapshot *s, const char *root)
{
	CU_ASSERT_EQUAL_FATAL(mkdir(root, 0755), 0);
	for (size_t i = 0; i < s->n; i++) {
		char *full = test_join(root, s->path[i]);
		if (s->data[i] == NULL) {
			CU_ASSERT_EQUAL_FATAL(mkdir(full, 0755), 0);
		} else {
			FILE *f = fopen(full, "wb");
			CU_ASSERT_PTR_NOT_NULL_FATAL(f);
			CU_ASSERT_EQUAL(fwrite(s->data[i], 1, s->len[i], f), s->len[i]);
			fclose(f);
		}
		free(full);
	}
}

static size_t temp_files(const struct snapshot *s)
{
	size_t n = 0;

	for (size_t i = 0; i < s->n; i++) {
		const char *slash = strrchr(s->path[i], '/');
		const char *base = slash && slash[1] ? slash + 1 : s->path[i];
		n += strncmp(base, ".codeer-tmp-", 12) == 0;
	}
	return n;
}

/* Is the loaded document the same as a fresh ingest of its file? */
static void assert_same_document(const cdr_document *a, const cdr_document *b, const char *what)
{
	const cdr_document_info *ia = cdr_document_info_get(a), *ib = cdr_document_info_get(b);
	size_t la, lb, bad = 0;
	const char *ta = cdr_document_text(a, &la), *tb = cdr_document_text(b, &lb);

	CU_ASSERT_EQUAL(la, lb);
	CU_ASSERT_TRUE(la == lb && memcmp(ta, tb, la) == 0);
	CU_ASSERT_EQUAL(cdr_document_length(a), cdr_document_length(b));
	CU_ASSERT_EQUAL(cdr_document_words(a), cdr_document_words(b));
	CU_ASSERT_STRING_EQUAL(ia->format, ib->format);
	CU_ASSERT_STRING_EQUAL(ia->encoding, ib->encoding);
	CU_ASSERT_STRING_EQUAL(ia->sha256, ib->sha256);
	CU_ASSERT_STRING_EQUAL(ia->original, ib->original);
	CU_ASSERT_STRING_EQUAL(ia->speaker_regex, ib->speaker_regex);
	CU_ASSERT_EQUAL_FATAL(cdr_document_turn_count(a), cdr_document_turn_count(b));
	for (size_t i = 0; i < cdr_document_turn_count(a); i++) {
		const cdr_turn *x = cdr_document_turn(a, i), *y = cdr_document_turn(b, i);
		bad += x->span.start != y->span.start || x->span.end != y->span.end || x->words != y->words ||
		       strcmp(x->speaker, y->speaker) != 0 || strcmp(x->time, y->time) != 0;
	}
	CU_ASSERT_EQUAL_FATAL(cdr_document_sentence_count(a), cdr_document_sentence_count(b));
	for (size_t i = 0; i < cdr_document_sentence_count(a); i++) {
		const cdr_span *x = cdr_document_sentence(a, i), *y = cdr_document_sentence(b, i);
		bad += x->start != y->start || x->end != y->end;
	}
	CU_ASSERT_EQUAL_FATAL(cdr_document_paragraph_count(a), cdr_document_paragraph_count(b));
	for (size_t i = 0; i < cdr_document_paragraph_count(a); i++) {
		const cdr_span *x = cdr_document_paragraph(a, i), *y = cdr_document_paragraph(b, i);
		bad += x->start != y->start || x->end != y->end;
	}
	if (bad)
		fprintf(stderr, "\n%s: %zu structure differences after reload\n", what, bad);
	CU_ASSERT_EQUAL(bad, 0);
}

static int has_doc_cb(void *ctx, const char *doc)
{
	return cdr_project_has_doc(ctx, doc);
}

static char *cases_text(const cdr_cases *cases)
{
	char *out = NULL;
	size_t len;

	CU_ASSERT_EQUAL(cdr_cases_format(&out, &len, cases), 0);
	return out;
}

/* ---- layout, versions, damage ------------------------------------------------ */

static void test_store_init_creates_layout(void)
{
	char *root = strdup(test_tmpdir()), *proj = test_join(root, "mijn project");
	static const char *const dirs[] = { "sources", "codings", "schemes", "memos" };
	char *path, *data;
	size_t len;

	CU_ASSERT_EQUAL_FATAL(cdr_project_init(proj, "Wijkteams Zwolle"), 0);
	for (size_t i = 0; i < 4; i++) {
		path = test_join(proj, dirs[i]);
		CU_ASSERT_TRUE(is_dir(path));
		free(path);
	}
	path = test_join(proj, "codeer.toml");
	data = test_slurp_opt(path, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(data);
	CU_ASSERT_PTR_NOT_NULL(strstr(data, "format = 1\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(data, "name = \"Wijkteams Zwolle\"\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(data, "language = \"nl\"\n"));
	free(data);
	free(path);
	path = test_join(proj, "cases.tsv");
	data = test_slurp_opt(path, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(data);
	CU_ASSERT_STRING_EQUAL(data, "case\tdocs\n");
	free(data);
	free(path);
	path = test_join(proj, ".gitignore");
	CU_ASSERT_EQUAL(access(path, F_OK), 0);
	free(path);
	test_rm_rf(root);
	free(proj);
	free(root);
}

static void test_store_init_default_name_is_directory(void)
{
	char *root;
	cdr_project *p = NULL;
	char *proj;

	root = strdup(test_tmpdir());
	proj = test_join(root, "veldwerk-2024");
	CU_ASSERT_EQUAL_FATAL(cdr_project_init(proj, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_project_open(&p, proj), 0);
	CU_ASSERT_STRING_EQUAL(cdr_project_name(p), "veldwerk-2024");
	CU_ASSERT_EQUAL(cdr_project_doc_count(p), 0);
	free(proj);
	test_project_done(p, root);
}

static void test_store_init_name_round_trip(void)
{
	static const char name[] = "Wijk \"Noord\" \\ 2024\tversie";
	char *root = strdup(test_tmpdir()), *proj = test_join(root, "p");
	cdr_project *p = NULL;

	CU_ASSERT_EQUAL_FATAL(cdr_project_init(proj, name), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_project_open(&p, proj), 0);
	CU_ASSERT_STRING_EQUAL(cdr_project_name(p), name);
	free(proj);
	test_project_done(p, root);
}

static void test_store_init_twice(void)
{
	char *root = strdup(test_tmpdir()), *proj = test_join(root, "p");

	CU_ASSERT_EQUAL_FATAL(cdr_project_init(proj, NULL), 0);
	CU_ASSERT_EQUAL(cdr_project_init(proj, NULL), CDR_EEXISTS);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "already"));
	test_rm_rf(root);
	free(proj);
	free(root);
}

/* Replace the first `from` in file `path` by `to`. */
static void edit_file(const char *path, const char *from, const char *to)
{
	size_t len;
	char *data = test_slurp_opt(path, &len), *at, *out;

	CU_ASSERT_PTR_NOT_NULL_FATAL(data);
	at = strstr(data, from);
	CU_ASSERT_PTR_NOT_NULL_FATAL(at);
	out = malloc(len + strlen(to) + 1);
	memcpy(out, data, (size_t)(at - data));
	strcpy(out + (at - data), to);
	strcat(out, at + strlen(from));
	test_write_file(path, out);
	free(out);
	free(data);
}

static void test_store_open_newer_format(void)
{
	char *root = strdup(test_tmpdir()), *proj = test_join(root, "p"), *toml = test_join(proj, "codeer.toml");
	cdr_project *p = (cdr_project *)1;

	CU_ASSERT_EQUAL_FATAL(cdr_project_init(proj, NULL), 0);
	edit_file(toml, "format = 1\n", "format = 99\n");
	CU_ASSERT_EQUAL(cdr_project_open(&p, proj), CDR_EVERSION);
	CU_ASSERT_PTR_NULL(p);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "codeer.toml"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "99"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "newer"));
	test_rm_rf(root);
	free(toml);
	free(proj);
	free(root);
}

static void test_store_open_damaged_config(void)
{
	char *root = strdup(test_tmpdir()), *proj = test_join(root, "p"), *toml = test_join(proj, "codeer.toml");
	cdr_project *p = NULL;
	size_t len, lines = 0;
	char *data, expect[64];
	FILE *f;

	CU_ASSERT_EQUAL_FATAL(cdr_project_init(proj, NULL), 0);
	data = test_slurp_opt(toml, &len);
	for (size_t i = 0; i < len; i++)
		lines += data[i] == '\n';
	free(data);
	f = fopen(toml, "a");
	fputs("dit is geen toml\n", f);
	fclose(f);
	CU_ASSERT_EQUAL(cdr_project_open(&p, proj), CDR_EFORMAT);
	snprintf(expect, sizeof(expect), "codeer.toml:%zu:", lines + 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), expect));
	test_rm_rf(root);
	free(toml);
	free(proj);
	free(root);
}

static void test_store_open_config_without_format(void)
{
	char *root = strdup(test_tmpdir()), *proj = test_join(root, "p"), *toml = test_join(proj, "codeer.toml");
	cdr_project *p = NULL;

	CU_ASSERT_EQUAL_FATAL(cdr_project_init(proj, NULL), 0);
	test_write_file(toml, "name = \"zonder versie\"\n");
	CU_ASSERT_EQUAL(cdr_project_open(&p, proj), CDR_EFORMAT);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "format"));
	test_rm_rf(root);
	free(toml);
	free(proj);
	free(root);
}

static void test_store_open_not_a_project(void)
{
	char *root = strdup(test_tmpdir());
	cdr_project *p = NULL;

	CU_ASSERT_EQUAL(cdr_project_open(&p, root), CDR_ENOTFOUND);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "not a codeer project"));
	test_rm_rf(root);
	free(root);
}

/* ---- adding documents ------------------------------------------------------- */

static const char *const mixed_files[] = {
	"corpora/s002-mee-interview.txt",
	"corpora/s003-participant-12.txt",
	"corpora/formats/s002-mee-interview-word.docx",
	"corpora/formats/s003-participant-12-writer.odt",
	"corpora/formats/s003-participant-5-markdown.md",
	"corpora/formats/s002-buurtzorg-casussen-ondertitels.vtt",
	"corpora/formats/s002-frion-casussen-ondertitels.srt",
	"corpora/formats/s000-professional-6-utf16.txt",
	"corpora/formats/s004-interviews-eigen-kracht-cp1252.txt",
	NULL
};

static void test_store_add_reopen_round_trip(void)
{
	static const char *const ids[] = {
		"s000-professional-6-utf16", "s002-buurtzorg-casussen-ondertitels", "s002-frion-casussen-ondertitels",
		"s002-mee-interview", "s002-mee-interview-word", "s003-participant-5-markdown",
		"s003-participant-12", "s003-participant-12-writer", "s004-interviews-eigen-kracht-cp1252",
	};
	char *root;
	cdr_project *p = test_new_project(&root);
	char **paths = corpus_paths(mixed_files);

	CU_ASSERT_EQUAL_FATAL(add(p, paths, NULL), 0);
	CU_ASSERT_EQUAL(cdr_project_doc_count(p), 9);
	p = reopen(p);
	CU_ASSERT_EQUAL_FATAL(cdr_project_doc_count(p), 9);
	for (size_t i = 0; i < 9; i++)
		CU_ASSERT_STRING_EQUAL(cdr_project_doc_id(p, i), ids[i]);
	for (size_t i = 0; paths[i]; i++) {
		cdr_document *fresh = NULL, *loaded = NULL;
		char *id = NULL;
		CU_ASSERT_EQUAL_FATAL(cdr_doc_id_from_path(&id, paths[i]), 0);
		CU_ASSERT_EQUAL_FATAL(cdr_ingest_file(&fresh, paths[i], NULL), 0);
		CU_ASSERT_EQUAL_FATAL(cdr_project_doc_load(&loaded, p, id, 1), 0);
		CU_ASSERT_STRING_EQUAL(cdr_document_info_get(loaded)->id, id);
		CU_ASSERT_EQUAL(strlen(cdr_document_info_get(loaded)->added), 20);
		assert_same_document(loaded, fresh, paths[i]);
		cdr_document_free(fresh);
		cdr_document_free(loaded);
		free(id);
	}
	paths_free(paths);
	test_project_done(p, root);
}

static void test_store_source_text_is_normalised(void)
{
	static const char *const rel[] = { "corpora/formats/s004-interviews-eigen-kracht-cp1252.txt", NULL };
	char *root;
	cdr_project *p = test_new_project(&root);
	char **paths = corpus_paths(rel);
	char *src, *stored, *orig;
	size_t slen, olen;

	CU_ASSERT_EQUAL_FATAL(add(p, paths, NULL), 0);
	src = test_join(cdr_project_path(p), "sources/s004-interviews-eigen-kracht-cp1252.txt");
	stored = test_slurp_opt(src, &slen);
	orig = test_slurp(test_path("corpora/s004-interviews-eigen-kracht.txt"), &olen);
	CU_ASSERT_PTR_NOT_NULL_FATAL(stored);
	/* the stored text is the UTF-8 text, without the file's final newline */
	CU_ASSERT_TRUE(slen <= olen && memcmp(stored, orig, slen) == 0);
	CU_ASSERT_TRUE(olen - slen <= 1);
	free(orig);
	free(stored);
	free(src);
	paths_free(paths);
	test_project_done(p, root);
}

static void test_store_load_without_text(void)
{
	static const char *const rel[] = { "corpora/s002-mee-interview.txt", NULL };
	char *root;
	cdr_project *p = test_new_project(&root);
	char **paths = corpus_paths(rel);
	cdr_document *doc = NULL;
	size_t len = 99;

	CU_ASSERT_EQUAL_FATAL(add(p, paths, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_project_doc_load(&doc, p, "s002-mee-interview", 0), 0);
	CU_ASSERT_EQUAL(cdr_document_turn_count(doc), 6);
	CU_ASSERT_STRING_EQUAL(cdr_document_text(doc, &len), "");
	CU_ASSERT_EQUAL(len, 0);
	CU_ASSERT_TRUE(cdr_document_length(doc) > 1000);
	cdr_document_free(doc);
	paths_free(paths);
	test_project_done(p, root);
}

static void test_store_doc_load_unknown(void)
{
	char *root;
	cdr_project *p = test_new_project(&root);
	cdr_document *doc = NULL;

	CU_ASSERT_EQUAL(cdr_project_doc_load(&doc, p, "bestaat-niet", 1), CDR_ENOTFOUND);
	CU_ASSERT_PTR_NULL(doc);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "bestaat-niet"));
	test_project_done(p, root);
}

static void test_store_doc_ids_natural_order(void)
{
	static const char *const rel[] = {
		"corpora/s003-participant-10.txt", "corpora/s003-participant-2.txt",
		"corpora/s003-participant-1.txt", NULL
	};
	char *root;
	cdr_project *p = test_new_project(&root);
	char **paths = corpus_paths(rel);

	CU_ASSERT_EQUAL_FATAL(add(p, paths, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_project_doc_count(p), 3);
	CU_ASSERT_STRING_EQUAL(cdr_project_doc_id(p, 0), "s003-participant-1");
	CU_ASSERT_STRING_EQUAL(cdr_project_doc_id(p, 1), "s003-participant-2");
	CU_ASSERT_STRING_EQUAL(cdr_project_doc_id(p, 2), "s003-participant-10");
	CU_ASSERT_TRUE(cdr_project_has_doc(p, "s003-participant-10"));
	CU_ASSERT_FALSE(cdr_project_has_doc(p, "s003-participant-3"));
	paths_free(paths);
	test_project_done(p, root);
}

struct seen {
	int calls;
	char last[64];
};

static void on_added(void *ctx, const char *path, const cdr_document *doc)
{
	struct seen *s = ctx;

	(void)path;
	s->calls++;
	snprintf(s->last, sizeof(s->last), "%s", cdr_document_info_get(doc)->id);
}

static void test_store_add_callback_per_document(void)
{
	static const char *const rel[] = { "corpora/s003-participant-1.txt", "corpora/s003-participant-2.txt", NULL };
	char *root;
	cdr_project *p = test_new_project(&root);
	char **paths = corpus_paths(rel);
	struct seen s = { 0, "" };

	CU_ASSERT_EQUAL(cdr_project_add(p, (const char *const *)paths, 2, NULL, on_added, &s), 0);
	CU_ASSERT_EQUAL(s.calls, 2);
	CU_ASSERT_STRING_EQUAL(s.last, "s003-participant-2");
	paths_free(paths);
	test_project_done(p, root);
}

static void test_store_add_same_content_twice(void)
{
	static const char *const rel[] = { "corpora/s003-participant-4.txt", NULL };
	char *root;
	cdr_project *p = test_new_project(&root);
	char **paths = corpus_paths(rel);

	CU_ASSERT_EQUAL_FATAL(add(p, paths, NULL), 0);
	CU_ASSERT_EQUAL(cdr_project_add(p, (const char *const *)paths, 1, NULL, NULL, NULL), CDR_EEXISTS);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "s003-participant-4"));
	CU_ASSERT_EQUAL(cdr_project_doc_count(p), 1);
	p = reopen(p);
	CU_ASSERT_EQUAL(cdr_project_doc_count(p), 1);
	paths_free(paths);
	test_project_done(p, root);
}

static void test_store_add_same_content_other_name(void)
{
	char *root;
	cdr_project *p = test_new_project(&root);
	char *copy = test_join(root, "kopie.txt");
	size_t n;
	char *data = test_slurp(test_path("corpora/s003-participant-4.txt"), &n);
	char *paths[2] = { NULL, NULL };

	test_write_file(copy, data);
	paths[0] = strdup(test_path("corpora/s003-participant-4.txt"));
	CU_ASSERT_EQUAL_FATAL(add(p, paths, NULL), 0);
	free(paths[0]);
	paths[0] = copy;
	CU_ASSERT_EQUAL(cdr_project_add(p, (const char *const *)paths, 1, NULL, NULL, NULL), CDR_EEXISTS);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "kopie.txt"));
	free(copy);
	free(data);
	test_project_done(p, root);
}

static void test_store_add_same_content_force(void)
{
	static const char *const rel[] = { "corpora/s003-participant-4.txt", NULL };
	char *root;
	cdr_project *p = test_new_project(&root);
	char **paths = corpus_paths(rel);
	cdr_add_options opts = { 0 };
	cdr_document *a = NULL, *b = NULL;

	CU_ASSERT_EQUAL_FATAL(add(p, paths, NULL), 0);
	opts.force = 1;
	CU_ASSERT_EQUAL_FATAL(add(p, paths, &opts), 0);
	p = reopen(p);
	CU_ASSERT_EQUAL_FATAL(cdr_project_doc_count(p), 2);
	CU_ASSERT_STRING_EQUAL(cdr_project_doc_id(p, 0), "s003-participant-4");
	CU_ASSERT_STRING_EQUAL(cdr_project_doc_id(p, 1), "s003-participant-4-2");
	CU_ASSERT_EQUAL_FATAL(cdr_project_doc_load(&a, p, "s003-participant-4", 1), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_project_doc_load(&b, p, "s003-participant-4-2", 1), 0);
	CU_ASSERT_STRING_EQUAL(cdr_document_text(a, NULL), cdr_document_text(b, NULL));
	/* each copy is a case of its own */
	CU_ASSERT_TRUE(cdr_cases_find(cdr_project_cases(p), "s003-participant-4-2") >= 0);
	cdr_document_free(a);
	cdr_document_free(b);
	paths_free(paths);
	test_project_done(p, root);
}

static void test_store_add_same_name_other_content(void)
{
	char *root;
	cdr_project *p = test_new_project(&root);
	char *d1 = test_join(root, "a"), *d2 = test_join(root, "b");
	char *paths[3];

	mkdir(d1, 0777);
	mkdir(d2, 0777);
	paths[0] = test_join(d1, "Interview 1.txt");
	paths[1] = test_join(d2, "Interview 1.txt");
	paths[2] = NULL;
	test_write_file(paths[0], "I: Eerste gesprek?\n\nR: Ja.\n");
	test_write_file(paths[1], "I: Tweede gesprek?\n\nR: Nee.\n");
	CU_ASSERT_EQUAL_FATAL(add(p, paths, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_project_doc_count(p), 2);
	CU_ASSERT_STRING_EQUAL(cdr_project_doc_id(p, 0), "interview-1");
	CU_ASSERT_STRING_EQUAL(cdr_project_doc_id(p, 1), "interview-1-2");
	free(paths[0]);
	free(paths[1]);
	free(d1);
	free(d2);
	test_project_done(p, root);
}

static void test_store_add_batch_bad_last_file_changes_nothing(void)
{
	static const char *const first[] = { "corpora/s003-participant-1.txt", NULL };
	static const char *const batch[] = {
		"corpora/s003-participant-2.txt", "corpora/formats/s002-mee-interview-word.docx",
		"corpora/s003-participant-99-bestaat-niet.txt", NULL
	};
	char *root;
	cdr_project *p = test_new_project(&root);
	char **paths1 = corpus_paths(first), **paths2 = corpus_paths(batch);
	struct snapshot before, after;
	char *proj = strdup(cdr_project_path(p));

	CU_ASSERT_EQUAL_FATAL(add(p, paths1, NULL), 0);
	snapshot(&before, proj);
	CU_ASSERT_TRUE(before.n >= 9);
	CU_ASSERT_EQUAL(cdr_project_add(p, (const char *const *)paths2, 3, NULL, NULL, NULL), CDR_ENOTFOUND);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "s003-participant-99-bestaat-niet.txt"));
	snapshot(&after, proj);
	CU_ASSERT_TRUE(same_snapshot(&before, &after));
	CU_ASSERT_EQUAL(temp_files(&after), 0);
	CU_ASSERT_EQUAL(cdr_project_doc_count(p), 1);
	p = reopen(p);
	CU_ASSERT_EQUAL(cdr_project_doc_count(p), 1);
	CU_ASSERT_EQUAL(cdr_cases_count(cdr_project_cases(p)), 1);
	snapshot_free(&before);
	snapshot_free(&after);
	paths_free(paths1);
	paths_free(paths2);
	free(proj);
	test_project_done(p, root);
}

static void test_store_add_batch_bad_format_changes_nothing(void)
{
	static const char *const batch[] = {
		"corpora/s003-participant-2.txt", "tests/data/zip-bomb.docx", NULL
	};
	char *root;
	cdr_project *p = test_new_project(&root);
	char **paths = corpus_paths(batch);
	struct snapshot before, after;
	char *proj = strdup(cdr_project_path(p));

	snapshot(&before, proj);
	CU_ASSERT_EQUAL(cdr_project_add(p, (const char *const *)paths, 2, NULL, NULL, NULL), CDR_ELIMIT);
	snapshot(&after, proj);
	/* the lock file may appear; nothing else */
	for (size_t i = 0; i < after.n; i++)
		if (strcmp(after.path[i], ".codeer.lock") == 0) {
			free(after.path[i]);
			free(after.data[i]);
			memmove(after.path + i, after.path + i + 1, (after.n - i - 1) * sizeof(char *));
			memmove(after.data + i, after.data + i + 1, (after.n - i - 1) * sizeof(char *));
			memmove(after.len + i, after.len + i + 1, (after.n - i - 1) * sizeof(size_t));
			after.n--;
			break;
		}
	CU_ASSERT_TRUE(same_snapshot(&before, &after));
	CU_ASSERT_EQUAL(temp_files(&after), 0);
	snapshot_free(&before);
	snapshot_free(&after);
	paths_free(paths);
	free(proj);
	test_project_done(p, root);
}

static void test_store_add_duplicate_within_batch(void)
{
	static const char *const batch[] = {
		"corpora/s003-participant-3.txt", "corpora/s003-participant-3.txt", NULL
	};
	char *root;
	cdr_project *p = test_new_project(&root);
	char **paths = corpus_paths(batch);

	CU_ASSERT_EQUAL(cdr_project_add(p, (const char *const *)paths, 2, NULL, NULL, NULL), CDR_EEXISTS);
	CU_ASSERT_EQUAL(cdr_project_doc_count(p), 0);
	p = reopen(p);
	CU_ASSERT_EQUAL(cdr_project_doc_count(p), 0);
	paths_free(paths);
	test_project_done(p, root);
}

static void test_store_add_bad_attr_changes_nothing(void)
{
	static const char *const rel[] = { "corpora/s003-participant-3.txt", NULL };
	static const char *const rel2[] = { "corpora/s003-participant-4.txt", NULL };
	static const char *const attrs[] = { "geen-is-teken" };
	char *root;
	cdr_project *p = test_new_project(&root);
	char **paths = corpus_paths(rel), **paths2 = corpus_paths(rel2);
	cdr_add_options opts = { 0 };
	char *cases_path = test_join(cdr_project_path(p), "cases.tsv"), *data;
	size_t len;

	opts.attrs = attrs;
	opts.nattrs = 1;
	CU_ASSERT_EQUAL(cdr_project_add(p, (const char *const *)paths, 1, &opts, NULL, NULL), CDR_EUSAGE);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "geen-is-teken"));
	CU_ASSERT_EQUAL(cdr_project_doc_count(p), 0);
	/* the refused document must not linger in the project's cases */
	CU_ASSERT_EQUAL(cdr_cases_of_doc(cdr_project_cases(p), "s003-participant-3"), -1);
	/* ... nor reach cases.tsv with the next, valid, add */
	CU_ASSERT_EQUAL_FATAL(add(p, paths2, NULL), 0);
	data = test_slurp_opt(cases_path, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(data);
	CU_ASSERT_PTR_NULL(strstr(data, "s003-participant-3"));
	CU_ASSERT_PTR_NOT_NULL(strstr(data, "s003-participant-4"));
	free(data);
	free(cases_path);
	paths_free(paths);
	paths_free(paths2);
	test_project_done(p, root);
}

static void test_store_add_reserved_attr_name_changes_nothing(void)
{
	static const char *const rel[] = { "corpora/s003-participant-3.txt", NULL };
	static const char *const attrs[] = { "rol=professional", "docs=x" };
	char *root;
	cdr_project *p = test_new_project(&root);
	char **paths = corpus_paths(rel);
	cdr_add_options opts = { 0 };
	struct snapshot before, after;
	char *proj = strdup(cdr_project_path(p));

	CU_ASSERT_EQUAL_FATAL(cdr_project_lock(p, NULL), 0); /* the lock file exists before the snapshot */
	snapshot(&before, proj);
	opts.attrs = attrs;
	opts.nattrs = 2;
	CU_ASSERT_TRUE(cdr_project_add(p, (const char *const *)paths, 1, &opts, NULL, NULL) < 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "docs"));
	snapshot(&after, proj);
	CU_ASSERT_TRUE(same_snapshot(&before, &after));
	CU_ASSERT_EQUAL(cdr_project_doc_count(p), 0);
	CU_ASSERT_EQUAL(cdr_cases_count(cdr_project_cases(p)), 0);
	CU_ASSERT_EQUAL(cdr_cases_attr_count(cdr_project_cases(p)), 0);
	snapshot_free(&before);
	snapshot_free(&after);
	paths_free(paths);
	free(proj);
	test_project_done(p, root);
}

static void test_store_add_empty_case_id_refused(void)
{
	static const char *const rel[] = { "corpora/s003-participant-3.txt", NULL };
	char *root;
	cdr_project *p = test_new_project(&root);
	char **paths = corpus_paths(rel);
	cdr_add_options opts = { 0 };

	opts.case_id = "";
	CU_ASSERT_TRUE(cdr_project_add(p, (const char *const *)paths, 1, &opts, NULL, NULL) < 0);
	CU_ASSERT_EQUAL(cdr_project_doc_count(p), 0);
	CU_ASSERT_EQUAL(cdr_cases_count(cdr_project_cases(p)), 0);
	p = reopen(p);
	CU_ASSERT_EQUAL(cdr_project_doc_count(p), 0);
	paths_free(paths);
	test_project_done(p, root);
}

static void test_store_edited_source_checksum(void)
{
	static const char *const rel[] = { "corpora/s003-participant-3.txt", NULL };
	char *root;
	cdr_project *p = test_new_project(&root);
	char **paths = corpus_paths(rel);
	char *src = test_join(cdr_project_path(p), "sources/s003-participant-3.txt");
	cdr_document *doc = NULL;
	FILE *f;

	CU_ASSERT_EQUAL_FATAL(add(p, paths, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_project_doc_load(&doc, p, "s003-participant-3", 1), 0);
	cdr_document_free(doc);
	doc = NULL;
	f = fopen(src, "a");
	fputs(" (aangepast)", f);
	fclose(f);
	CU_ASSERT_EQUAL(cdr_project_doc_load(&doc, p, "s003-participant-3", 1), CDR_EFORMAT);
	CU_ASSERT_PTR_NULL(doc);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "checksum"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "s003-participant-3.txt"));
	free(src);
	paths_free(paths);
	test_project_done(p, root);
}

static void test_store_damaged_meta(void)
{
	static const char *const rel[] = { "corpora/s003-participant-3.txt", NULL };
	char *root;
	cdr_project *p = test_new_project(&root);
	char **paths = corpus_paths(rel);
	char *meta = test_join(cdr_project_path(p), "sources/s003-participant-3.meta");
	cdr_document *doc = NULL;

	CU_ASSERT_EQUAL_FATAL(add(p, paths, NULL), 0);
	edit_file(meta, "\nturn\t", "\nturn\tx");
	CU_ASSERT_EQUAL(cdr_project_doc_load(&doc, p, "s003-participant-3", 0), CDR_EFORMAT);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "s003-participant-3.meta:"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "malformed turn line"));
	free(meta);
	paths_free(paths);
	test_project_done(p, root);
}

static void test_store_newer_meta_version(void)
{
	static const char *const rel[] = { "corpora/s003-participant-3.txt", NULL };
	char *root;
	cdr_project *p = test_new_project(&root);
	char **paths = corpus_paths(rel);
	char *meta = test_join(cdr_project_path(p), "sources/s003-participant-3.meta");
	cdr_document *doc = NULL;

	CU_ASSERT_EQUAL_FATAL(add(p, paths, NULL), 0);
	edit_file(meta, "codeer-meta\t1\n", "codeer-meta\t7\n");
	CU_ASSERT_EQUAL(cdr_project_doc_load(&doc, p, "s003-participant-3", 1), CDR_EVERSION);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "newer"));
	free(meta);
	paths_free(paths);
	test_project_done(p, root);
}

/* ---- cases ------------------------------------------------------------------ */

static void test_store_add_with_case_and_attributes(void)
{
	static const char *const rel[] = { "corpora/s002-mee-casussen.txt", "corpora/s002-mee-interview.txt", NULL };
	static const char *const attrs[] = { "gemeente=Zwolle", "rol=professional" };
	char *root;
	cdr_project *p = test_new_project(&root);
	char **paths = corpus_paths(rel);
	cdr_add_options opts = { 0 };
	cdr_cases *cases;
	long c;

	opts.case_id = "mee";
	opts.attrs = attrs;
	opts.nattrs = 2;
	CU_ASSERT_EQUAL_FATAL(add(p, paths, &opts), 0);
	p = reopen(p);
	cases = cdr_project_cases(p);
	CU_ASSERT_EQUAL(cdr_cases_count(cases), 1);
	c = cdr_cases_find(cases, "mee");
	CU_ASSERT_FATAL(c >= 0);
	CU_ASSERT_EQUAL(cdr_cases_doc_count(cases, (size_t)c), 2);
	CU_ASSERT_EQUAL(cdr_cases_of_doc(cases, "s002-mee-casussen"), c);
	CU_ASSERT_EQUAL(cdr_cases_of_doc(cases, "s002-mee-interview"), c);
	CU_ASSERT_STRING_EQUAL(cdr_cases_attr_by_name(cases, (size_t)c, "gemeente"), "Zwolle");
	CU_ASSERT_STRING_EQUAL(cdr_cases_attr_by_name(cases, (size_t)c, "rol"), "professional");
	CU_ASSERT_PTR_NULL(cdr_cases_attr_by_name(cases, (size_t)c, "ronde"));
	paths_free(paths);
	test_project_done(p, root);
}

static void test_store_add_default_case_per_document(void)
{
	static const char *const rel[] = { "corpora/s003-participant-1.txt", "corpora/s003-participant-2.txt", NULL };
	char *root;
	cdr_project *p = test_new_project(&root);
	char **paths = corpus_paths(rel);
	cdr_cases *cases;

	CU_ASSERT_EQUAL_FATAL(add(p, paths, NULL), 0);
	p = reopen(p);
	cases = cdr_project_cases(p);
	CU_ASSERT_EQUAL(cdr_cases_count(cases), 2);
	CU_ASSERT_EQUAL(cdr_cases_of_doc(cases, "s003-participant-2"),
			cdr_cases_find(cases, "s003-participant-2"));
	paths_free(paths);
	test_project_done(p, root);
}

/* All corpus .txt files (not formats/), as paths. */
static char **all_corpus_txt(void)
{
	DIR *d = opendir(test_path("corpora"));
	struct dirent *e;
	char **v = calloc(128, sizeof(char *));
	size_t n = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	while ((e = readdir(d)) != NULL && n < 127) {
		size_t len = strlen(e->d_name);
		char rel[512];
		if (len < 5 || strcmp(e->d_name + len - 4, ".txt") != 0)
			continue;
		snprintf(rel, sizeof(rel), "corpora/%s", e->d_name);
		v[n++] = strdup(test_path(rel));
	}
	closedir(d);
	return v;
}

static void test_store_cases_import_corpus(void)
{
	static const char *const attrs[] = { "gemeente", "rol", "team", "ronde", "bron" };
	char *root;
	cdr_project *p = test_new_project(&root);
	char **paths = all_corpus_txt();
	size_t n;
	char *data = test_slurp(test_path("corpora/cases.tsv"), &n);
	cdr_cases *cases;
	long c;

	CU_ASSERT_EQUAL_FATAL(count(paths), 74);
	CU_ASSERT_EQUAL_FATAL(add(p, paths, NULL), 0);
	CU_ASSERT_EQUAL(cdr_cases_count(cdr_project_cases(p)), 74);
	CU_ASSERT_EQUAL_FATAL(cdr_cases_import(cdr_project_cases(p), data, n, "cases.tsv", has_doc_cb, p), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_project_lock(p, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_project_cases_save(p), 0);
	p = reopen(p);
	cases = cdr_project_cases(p);
	CU_ASSERT_EQUAL(cdr_cases_count(cases), 83);
	/* seed 000's dossiers are stretches of the professionals' interviews,
	 * back from the file as written; a place belongs to its stretch */
	{
		size_t first = 0, last = 0;
		long at = -2;
		c = cdr_cases_find(cases, "2.3");
		CU_ASSERT_FATAL(c >= 0);
		CU_ASSERT_EQUAL(cdr_cases_doc_count(cases, (size_t)c), 0);
		CU_ASSERT_EQUAL_FATAL(cdr_cases_stretch_count(cases, (size_t)c), 1);
		CU_ASSERT_STRING_EQUAL(cdr_cases_stretch(cases, (size_t)c, 0, &first, &last), "s000-professional-2");
		CU_ASSERT_EQUAL(first, 2);
		CU_ASSERT_EQUAL(last, 3);
		CU_ASSERT_EQUAL(cdr_cases_case_at(cases, p, "s000-professional-2", 0, &at), 0);
		CU_ASSERT_EQUAL(at, cdr_cases_find(cases, "2.1"));
		CU_ASSERT_EQUAL(cdr_cases_case_at(cases, p, "s000-professional-2", 100000, &at), 0);
		CU_ASSERT_EQUAL(at, c);
		CU_ASSERT_EQUAL(cdr_cases_of_doc(cases, "s000-professional-2"), cdr_cases_find(cases, "s000-professional-2"));
	}
	CU_ASSERT_EQUAL_FATAL(cdr_cases_attr_count(cases), 5);
	for (size_t a = 0; a < 5; a++)
		CU_ASSERT_STRING_EQUAL(cdr_cases_attr_name(cases, a), attrs[a]);
	c = cdr_cases_find(cases, "s002-ribw");
	CU_ASSERT_FATAL(c >= 0);
	CU_ASSERT_EQUAL(cdr_cases_doc_count(cases, (size_t)c), 2);
	CU_ASSERT_EQUAL(cdr_cases_of_doc(cases, "s002-ribw-interview"), c);
	CU_ASSERT_STRING_EQUAL(cdr_cases_attr_by_name(cases, (size_t)c, "gemeente"), "Zwolle");
	CU_ASSERT_STRING_EQUAL(cdr_cases_attr_by_name(cases, (size_t)c, "bron"), "002");
	c = cdr_cases_find(cases, "s003-participant-7");
	CU_ASSERT_FATAL(c >= 0);
	CU_ASSERT_STRING_EQUAL(cdr_cases_attr_by_name(cases, (size_t)c, "rol"), "manager");
	CU_ASSERT_STRING_EQUAL(cdr_cases_attr_by_name(cases, (size_t)c, "gemeente"), "");
	c = cdr_cases_find(cases, "s004-enquete-elburg");
	CU_ASSERT_FATAL(c >= 0);
	CU_ASSERT_STRING_EQUAL(cdr_cases_attr_by_name(cases, (size_t)c, "ronde"), "2017");
	/* every document is in exactly one case */
	for (size_t i = 0; i < cdr_project_doc_count(p); i++)
		CU_ASSERT_TRUE(cdr_cases_of_doc(cases, cdr_project_doc_id(p, i)) >= 0);
	free(data);
	paths_free(paths);
	test_project_done(p, root);
}

static void test_store_cases_import_unknown_doc(void)
{
	static const char *const rel[] = { "corpora/s003-participant-1.txt", NULL };
	char *root;
	cdr_project *p = test_new_project(&root);
	char **paths = corpus_paths(rel);
	char tsv[] = "case\tdocs\trol\n"
		     "p1\ts003-participant-1\tprofessional\n"
		     "p2\ts003-participant-2\tmanager\n";
	char *before, *after;

	CU_ASSERT_EQUAL_FATAL(add(p, paths, NULL), 0);
	before = cases_text(cdr_project_cases(p));
	CU_ASSERT_EQUAL(cdr_cases_import(cdr_project_cases(p), tsv, strlen(tsv), "import.tsv", has_doc_cb, p),
			CDR_ENOTFOUND);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "import.tsv:3:"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "s003-participant-2"));
	after = cases_text(cdr_project_cases(p));
	CU_ASSERT_STRING_EQUAL(before, after);
	free(before);
	free(after);
	paths_free(paths);
	test_project_done(p, root);
}

static void test_store_cases_import_ragged_row(void)
{
	static const char *const rel[] = { "corpora/s003-participant-1.txt", NULL };
	char *root;
	cdr_project *p = test_new_project(&root);
	char **paths = corpus_paths(rel);
	char tsv[] = "case\tdocs\trol\n"
		     "p1\ts003-participant-1\tprofessional\n"
		     "p2\t\tmanager\textra\n";
	char *before, *after;

	CU_ASSERT_EQUAL_FATAL(add(p, paths, NULL), 0);
	before = cases_text(cdr_project_cases(p));
	CU_ASSERT_EQUAL(cdr_cases_import(cdr_project_cases(p), tsv, strlen(tsv), "import.tsv", has_doc_cb, p),
			CDR_EFORMAT);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "import.tsv:3:"));
	after = cases_text(cdr_project_cases(p));
	CU_ASSERT_STRING_EQUAL(before, after);
	free(before);
	free(after);
	paths_free(paths);
	test_project_done(p, root);
}

static void test_store_cases_import_file_names(void)
{
	static const char *const rel[] = { "corpora/s003-participant-1.txt", "corpora/s003-participant-2.txt", NULL };
	char *root;
	cdr_project *p = test_new_project(&root);
	char **paths = corpus_paths(rel);
	/* a BOM, CRLF line ends, documents named by file name */
	char tsv[] = "\xEF\xBB\xBF" "case\tdocs\trol\r\n"
		     "team\ts003-participant-1.txt, s003-participant-2.txt\tprofessional\r\n";
	cdr_cases *cases;
	long c;

	CU_ASSERT_EQUAL_FATAL(add(p, paths, NULL), 0);
	cases = cdr_project_cases(p);
	CU_ASSERT_EQUAL_FATAL(cdr_cases_import(cases, tsv, strlen(tsv), "import.tsv", has_doc_cb, p), 0);
	CU_ASSERT_EQUAL(cdr_cases_count(cases), 1);
	c = cdr_cases_find(cases, "team");
	CU_ASSERT_FATAL(c >= 0);
	CU_ASSERT_EQUAL(cdr_cases_doc_count(cases, (size_t)c), 2);
	CU_ASSERT_STRING_EQUAL(cdr_cases_attr_by_name(cases, (size_t)c, "rol"), "professional");
	paths_free(paths);
	test_project_done(p, root);
}

static void test_store_cases_parse_ragged_row(void)
{
	char tsv[] = "case\tdocs\trol\na\td1\tx\nb\td2\n";
	cdr_cases *cases = NULL;

	CU_ASSERT_EQUAL(cdr_cases_parse(&cases, tsv, strlen(tsv), "cases.tsv"), CDR_EFORMAT);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "cases.tsv:3:"));
}

static void test_store_cases_parse_invalid_case_id_message(void)
{
	char tsv[] = "case\tdocs\n\td1\n";
	cdr_cases *cases = NULL;

	CU_ASSERT_EQUAL(cdr_cases_parse(&cases, tsv, strlen(tsv), "cases.tsv"), CDR_EFORMAT);
	/* the reason, after the place */
	CU_ASSERT_STRING_EQUAL(cdr_error_last(), "cases.tsv:2: '' is not a valid case id");
}

static void test_store_cases_format_round_trip(void)
{
	cdr_cases *cases = NULL, *back = NULL;
	char *text = NULL, *again = NULL;
	size_t i, len, len2;

	CU_ASSERT_EQUAL_FATAL(cdr_cases_new(&cases), 0);
	CU_ASSERT_EQUAL(cdr_cases_ensure(cases, "gezin 1", &i), 0);
	CU_ASSERT_EQUAL(cdr_cases_assign(cases, i, "doc-a"), 0);
	CU_ASSERT_EQUAL(cdr_cases_assign(cases, i, "doc-b"), 0);
	CU_ASSERT_EQUAL(cdr_cases_set_attr(cases, i, "notitie", "met\ttab en\\slash"), 0);
	CU_ASSERT_EQUAL(cdr_cases_format(&text, &len, cases), 0);
	CU_ASSERT_STRING_EQUAL(text, "case\tdocs\tnotitie\ngezin 1\tdoc-a,doc-b\tmet\\ttab en\\\\slash\n");
	CU_ASSERT_EQUAL_FATAL(cdr_cases_parse(&back, text, len, "cases.tsv"), 0);
	CU_ASSERT_STRING_EQUAL(cdr_cases_attr(back, 0, 0), "met\ttab en\\slash");
	CU_ASSERT_EQUAL(cdr_cases_format(&again, &len2, back), 0);
	CU_ASSERT_EQUAL(len2, len);
	free(text);
	free(again);
	cdr_cases_free(cases);
	cdr_cases_free(back);
}

static int wait_called;

static void on_wait(const char *dir)
{
	(void)dir;
	wait_called = 1;
	/* in the child: proof that it had to wait; leave without blocking */
	_exit(42);
}

static void test_store_lock_waits_for_other_writer(void)
{
	char *root;
	cdr_project *p = test_new_project(&root), *q = NULL;
	pid_t pid;
	int status = 0;

	CU_ASSERT_EQUAL_FATAL(cdr_project_lock(p, NULL), 0);
	CU_ASSERT_EQUAL(cdr_project_lock(p, NULL), 0); /* again: a no-op */
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0) {
		if (cdr_project_open(&q, cdr_project_path(p)) != 0)
			_exit(1);
		cdr_project_lock(q, on_wait);
		_exit(wait_called ? 3 : 2); /* got the lock without waiting */
	}
	CU_ASSERT_EQUAL(waitpid(pid, &status, 0), pid);
	CU_ASSERT_TRUE(WIFEXITED(status));
	CU_ASSERT_EQUAL(WEXITSTATUS(status), 42);
	/* once released, another handle gets the lock at once */
	p = reopen(p);
	CU_ASSERT_EQUAL_FATAL(cdr_project_open(&q, cdr_project_path(p)), 0);
	wait_called = 0;
	CU_ASSERT_EQUAL(cdr_project_lock(q, NULL), 0);
	CU_ASSERT_EQUAL(wait_called, 0);
	cdr_project_free(q);
	test_project_done(p, root);
}

/* ---- ids and discovery -------------------------------------------------------- */

static void test_store_doc_id_from_path(void)
{
	static const struct { const char *path, *id; } cases[] = {
		{ "Interview Cliënt 3.docx", "interview-client-3" },
		{ "/home/onderzoek/data/Interview Cliënt 3.docx", "interview-client-3" },
		{ "  Gesprek -- met  __ Ömer (2).txt", "gesprek-met-__-omer-2" },
		{ "s002-mee-interview.txt", "s002-mee-interview" },
		{ ".txt", "txt" },
		{ "???.txt", "doc" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *id = NULL;
		CU_ASSERT_EQUAL_FATAL(cdr_doc_id_from_path(&id, cases[i].path), 0);
		if (strcmp(id, cases[i].id) != 0)
			fprintf(stderr, "\nid of '%s': '%s'\n", cases[i].path, id);
		CU_ASSERT_STRING_EQUAL(id, cases[i].id);
		free(id);
	}
}

static void test_store_discover_from_subdirectory(void)
{
	char *root = strdup(test_tmpdir()), *proj = test_join(root, "p"), *sub = test_join(proj, "memos/concept/oud");
	char *memo = test_join(proj, "memos/concept");
	char *found = NULL, real[PATH_MAX];

	CU_ASSERT_EQUAL_FATAL(cdr_project_init(proj, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(mkdir(memo, 0777), 0);
	CU_ASSERT_EQUAL_FATAL(mkdir(sub, 0777), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_project_discover(&found, sub), 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(realpath(proj, real));
	CU_ASSERT_STRING_EQUAL(found, real);
	free(found);
	found = NULL;
	CU_ASSERT_EQUAL_FATAL(cdr_project_discover(&found, proj), 0);
	CU_ASSERT_STRING_EQUAL(found, real);
	free(found);
	test_rm_rf(root);
	free(memo);
	free(sub);
	free(proj);
	free(root);
}

static void test_store_discover_outside_project(void)
{
	char *root = strdup(test_tmpdir());
	char *found = NULL;

	CU_ASSERT_EQUAL(cdr_project_discover(&found, root), CDR_ENOTFOUND);
	CU_ASSERT_PTR_NULL(found);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "not in a codeer project"));
	CU_ASSERT_EQUAL(cdr_project_discover(&found, "/nonexistent/codeer/dir"), CDR_ENOTFOUND);
	test_rm_rf(root);
	free(root);
}

/* ---- housekeeping: the same text twice, removals, the archive ---------------- */

static void test_store_add_same_text_other_format(void)
{
	static const char *const rel[] = { "corpora/formats/s000-professional-6-utf16.txt", "corpora/s000-professional-6.txt",
					   NULL };
	char *root;
	cdr_project *p = test_new_project(&root);
	char **paths = corpus_paths(rel);
	cdr_add_options opts = { 0 };

	CU_ASSERT_EQUAL_FATAL(cdr_project_add(p, (const char *const *)paths, 1, NULL, NULL, NULL), 0);
	/* other bytes, the same text: a duplicate all the same */
	CU_ASSERT_EQUAL(cdr_project_add(p, (const char *const *)paths + 1, 1, NULL, NULL, NULL), CDR_EEXISTS);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "same text"));
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "s000-professional-6-utf16"));
	CU_ASSERT_EQUAL(cdr_project_doc_count(p), 1);
	opts.force = 1;
	CU_ASSERT_EQUAL(cdr_project_add(p, (const char *const *)paths + 1, 1, &opts, NULL, NULL), 0);
	CU_ASSERT_EQUAL(cdr_project_doc_count(p), 2);
	paths_free(paths);
	test_project_done(p, root);
}

/* A removal list a killed change left is carried out by the next open. */
static void test_store_removal_list_finished_on_open(void)
{
	char *root;
	cdr_project *p = test_new_project(&root);
	char *memo = test_join(cdr_project_path(p), "memos/doc/weg.md"), *list = test_join(cdr_project_path(p), CDR_REMOVE_LIST);
	char *dir = test_join(cdr_project_path(p), "memos/doc");

	mkdir(dir, 0777);
	free(dir);
	test_write_file(memo, "weg\n");
	test_write_file(list, "memos/doc/weg.md\n../buiten\n");
	p = reopen(p);
	CU_ASSERT_EQUAL(access(memo, F_OK), -1);
	CU_ASSERT_EQUAL(access(list, F_OK), -1);
	free(memo);
	free(list);
	test_project_done(p, root);
}

/* A change writes and removes in one step; nothing of it before commit. */
static void test_store_change_commit_and_drop(void)
{
	char *root;
	cdr_project *p = test_new_project(&root);
	char *a = test_join(cdr_project_path(p), "memos/doc/a.md"), *b = test_join(cdr_project_path(p), "memos/doc/b.md");
	cdr_change *ch = NULL;
	char *dir = test_join(cdr_project_path(p), "memos/doc");

	mkdir(dir, 0777);
	free(dir);
	test_write_file(a, "a\n");
	CU_ASSERT_EQUAL_FATAL(cdr_change_new(&ch, p), 0);
	CU_ASSERT_EQUAL(cdr_change_write(ch, "memos/doc/b.md", "b\n", 2), 0);
	CU_ASSERT_EQUAL(cdr_change_remove(ch, "memos/doc/a.md"), 0);
	CU_ASSERT_EQUAL(cdr_change_remove(ch, "../outside"), CDR_EUSAGE);
	cdr_change_free(ch); /* not committed: nothing happened */
	CU_ASSERT_EQUAL(access(a, F_OK), 0);
	CU_ASSERT_EQUAL(access(b, F_OK), -1);
	CU_ASSERT_EQUAL_FATAL(cdr_change_new(&ch, p), 0);
	CU_ASSERT_EQUAL(cdr_change_write(ch, "memos/doc/b.md", "b\n", 2), 0);
	CU_ASSERT_EQUAL(cdr_change_remove(ch, "memos/doc/a.md"), 0);
	CU_ASSERT_EQUAL(cdr_change_commit(ch), 0);
	cdr_change_free(ch);
	CU_ASSERT_EQUAL(access(a, F_OK), -1);
	CU_ASSERT_EQUAL(access(b, F_OK), 0);
	free(a);
	free(b);
	test_project_done(p, root);
}

/* A project with two documents, codings of two coders on both, a memo. */
static cdr_project *coded_project(char **root)
{
	static const char *const rel[] = { "corpora/s003-participant-1.txt", "corpora/s003-participant-2.txt", NULL };
	cdr_project *p = test_new_project(root);
	char **paths = corpus_paths(rel);
	const char *coders[] = { "anna", "bert" };

	CU_ASSERT_EQUAL_FATAL(add(p, paths, NULL), 0);
	paths_free(paths);
	for (int c = 0; c < 2; c++) {
		cdr_codings *k = NULL;
		CU_ASSERT_EQUAL_FATAL(cdr_codings_load(&k, p, coders[c], NULL, NULL), 0);
		CU_ASSERT_EQUAL(cdr_codings_add(k, "s003-participant-1", 0, 10, "s/A", "manual", "m"), 0);
		CU_ASSERT_EQUAL(cdr_codings_add(k, "s003-participant-2", 5, 20, "s/B", "manual", ""), 0);
		CU_ASSERT_EQUAL(cdr_codings_save(k), 0);
		cdr_codings_free(k);
	}
	CU_ASSERT_EQUAL_FATAL(cdr_memo_set(p, CDR_MEMO_DOC, "s003-participant-1", "Een memo.", 0), 0);
	return p;
}

static size_t codings_of(cdr_project *p, const char *coder, const char *doc)
{
	cdr_codings *k = NULL;
	size_t n = 0;

	CU_ASSERT_EQUAL_FATAL(cdr_codings_load(&k, p, coder, NULL, NULL), 0);
	for (size_t i = 0; i < cdr_codings_count(k); i++)
		n += strcmp(cdr_codings_get(k, i)->doc, doc) == 0;
	cdr_codings_free(k);
	return n;
}

static void test_store_doc_remove_and_restore(void)
{
	char *root, *report = NULL, *memo;
	cdr_project *p = coded_project(&root);
	const char *ids[] = { "s003-participant-1" };
	cdr_archive_entry *v = NULL;
	size_t n = 0;
	struct snapshot before, after;

	snapshot(&before, root);
	CU_ASSERT_EQUAL_FATAL(cdr_docs_remove(p, ids, 1, 0, &report), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(report, "2 codings (anna 1, bert 1)"));
	free(report);
	CU_ASSERT_FALSE(cdr_project_has_doc(p, "s003-participant-1"));
	CU_ASSERT_EQUAL(cdr_project_doc_count(p), 1);
	CU_ASSERT_EQUAL(codings_of(p, "anna", "s003-participant-1"), 0);
	CU_ASSERT_EQUAL(codings_of(p, "bert", "s003-participant-2"), 1);
	CU_ASSERT_EQUAL(cdr_cases_of_doc(cdr_project_cases(p), "s003-participant-1"), -1);
	CU_ASSERT_EQUAL(cdr_memo_get(&memo, p, CDR_MEMO_DOC, "s003-participant-1"), 0);
	CU_ASSERT_PTR_NULL(memo);
	CU_ASSERT_EQUAL_FATAL(cdr_archive_list(&v, &n, p), 0);
	CU_ASSERT_EQUAL_FATAL(n, 1);
	CU_ASSERT_STRING_EQUAL(v[0].kind, "document");
	CU_ASSERT_STRING_EQUAL(v[0].id, "s003-participant-1");
	cdr_archive_list_free(v, n);
	/* back, as it was: the project's files byte for byte */
	CU_ASSERT_EQUAL_FATAL(cdr_archive_restore(p, "s003-participant-1", NULL, &report), 0);
	free(report);
	CU_ASSERT_TRUE(cdr_project_has_doc(p, "s003-participant-1"));
	CU_ASSERT_EQUAL(codings_of(p, "anna", "s003-participant-1"), 1);
	p = reopen(p);
	CU_ASSERT_EQUAL(cdr_archive_list(&v, &n, p), 0);
	CU_ASSERT_EQUAL(n, 0);
	cdr_archive_list_free(v, n);
	{
		/* the archive directory stays, empty */
		char *dir = test_join(cdr_project_path(p), "archive");
		rmdir(dir);
		free(dir);
	}
	snapshot(&after, root);
	CU_ASSERT_TRUE(same_snapshot(&before, &after));
	snapshot_free(&before);
	snapshot_free(&after);
	test_project_done(p, root);
}

static void test_store_doc_remove_unknown_changes_nothing(void)
{
	char *root, *report = (char *)1;
	cdr_project *p = coded_project(&root);
	const char *ids[] = { "s003-participant-1", "nosuch" };
	struct snapshot before, after;

	snapshot(&before, root);
	CU_ASSERT_EQUAL(cdr_docs_remove(p, ids, 2, 0, &report), CDR_ENOTFOUND);
	CU_ASSERT_PTR_NULL(report);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "nosuch"));
	snapshot(&after, root);
	CU_ASSERT_TRUE(same_snapshot(&before, &after));
	snapshot_free(&before);
	snapshot_free(&after);
	test_project_done(p, root);
}

static void test_store_doc_purge_leaves_no_archive(void)
{
	char *root, *report = NULL, *dir;
	cdr_project *p = coded_project(&root);
	const char *ids[] = { "s003-participant-2" };

	CU_ASSERT_EQUAL_FATAL(cdr_docs_remove(p, ids, 1, 1, &report), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(report, "deleted s003-participant-2"));
	free(report);
	dir = test_join(cdr_project_path(p), "archive");
	CU_ASSERT_FALSE(is_dir(dir));
	free(dir);
	CU_ASSERT_EQUAL(codings_of(p, "bert", "s003-participant-2"), 0);
	test_project_done(p, root);
}

static void test_store_doc_rename_everywhere(void)
{
	char *root, *report = NULL, *memo = NULL;
	cdr_project *p = coded_project(&root);

	CU_ASSERT_EQUAL(cdr_doc_rename(p, "s003-participant-1", "s003-participant-2", &report), CDR_EEXISTS);
	CU_ASSERT_EQUAL(cdr_doc_rename(p, "s003-participant-1", "Met Spatie", &report), CDR_EUSAGE);
	CU_ASSERT_EQUAL_FATAL(cdr_doc_rename(p, "s003-participant-1", "deelnemer-1", &report), 0);
	free(report);
	p = reopen(p);
	CU_ASSERT_TRUE(cdr_project_has_doc(p, "deelnemer-1"));
	CU_ASSERT_FALSE(cdr_project_has_doc(p, "s003-participant-1"));
	CU_ASSERT_EQUAL(codings_of(p, "anna", "deelnemer-1"), 1);
	CU_ASSERT_EQUAL(codings_of(p, "bert", "s003-participant-1"), 0);
	CU_ASSERT(cdr_cases_of_doc(cdr_project_cases(p), "deelnemer-1") >= 0);
	CU_ASSERT_EQUAL(cdr_memo_get(&memo, p, CDR_MEMO_DOC, "deelnemer-1"), 0);
	CU_ASSERT_PTR_NOT_NULL(memo);
	free(memo);
	{
		/* the .meta names the new id and still matches its text */
		cdr_document *doc = NULL;
		CU_ASSERT_EQUAL_FATAL(cdr_project_doc_load(&doc, p, "deelnemer-1", 1), 0);
		CU_ASSERT_STRING_EQUAL(cdr_document_info_get(doc)->id, "deelnemer-1");
		cdr_document_free(doc);
	}
	test_project_done(p, root);
}

static void test_store_coders_rename_remove_restore(void)
{
	char *root, *report = NULL;
	cdr_project *p = coded_project(&root);
	cdr_coder_stats *st = NULL;
	size_t n = 0;

	CU_ASSERT_EQUAL_FATAL(cdr_coders_stats(&st, &n, p), 0);
	CU_ASSERT_EQUAL_FATAL(n, 2);
	CU_ASSERT_STRING_EQUAL(st[0].name, "anna");
	CU_ASSERT_EQUAL(st[0].codings, 2);
	CU_ASSERT_EQUAL(st[0].docs, 2);
	cdr_coders_stats_free(st, n);
	CU_ASSERT_EQUAL(cdr_coder_rename(p, "anna", "bert", 0, &report), CDR_EEXISTS);
	CU_ASSERT_EQUAL_FATAL(cdr_coder_rename(p, "anna", "anne", 0, &report), 0);
	free(report);
	CU_ASSERT_EQUAL_FATAL(cdr_coder_remove(p, "anne", &report), 0);
	free(report);
	CU_ASSERT_EQUAL(cdr_coders_stats(&st, &n, p), 0);
	CU_ASSERT_EQUAL(n, 1);
	cdr_coders_stats_free(st, n);
	CU_ASSERT_EQUAL_FATAL(cdr_archive_restore(p, "anne", "coder", &report), 0);
	free(report);
	CU_ASSERT_EQUAL(codings_of(p, "anne", "s003-participant-1"), 1);
	test_project_done(p, root);
}

static void test_store_auto_coder_renamed_only_with_force(void)
{
	char *root, *report = NULL;
	cdr_project *p = coded_project(&root);
	char *path = test_join(cdr_project_path(p), "codings/auto.tsv");

	test_write_file(path, "doc\tstart\tend\tcode\torigin\tcreated\tmemo\tstatus\n");
	CU_ASSERT_EQUAL(cdr_coder_rename(p, "auto", "regels", 0, &report), CDR_EUSAGE);
	CU_ASSERT_PTR_NOT_NULL(strstr(cdr_error_last(), "autocode"));
	CU_ASSERT_EQUAL(access(path, F_OK), 0);
	CU_ASSERT_EQUAL(cdr_coder_rename(p, "auto", "regels", 1, &report), 0);
	free(report);
	CU_ASSERT_EQUAL(access(path, F_OK), -1);
	free(path);
	test_project_done(p, root);
}

/* ---- code edit: the file of turns and codes, read back (edit.h) ---------- */

/* The project of mini.txt (id "mini") with mini.xml, and anna's codings:
 * mini/VB on the whole of t1 and mini/EK on "Eigen kracht" in t4. */
struct edit_fx {
	char *root;
	cdr_project *p;
	cdr_document *doc;
	cdr_schemes *set;
	cdr_codings *k;
	char *text;  /* the file as written */
	size_t len;
};

static void edit_fx_open(struct edit_fx *f)
{
	const char *paths[1];
	char *path = strdup(test_path("tests/data/mini.txt"));

	memset(f, 0, sizeof(*f));
	f->p = test_new_project(&f->root);
	paths[0] = path;
	CU_ASSERT_EQUAL_FATAL(cdr_project_add(f->p, paths, 1, NULL, NULL, NULL), 0);
	free(path);
	CU_ASSERT_EQUAL_FATAL(cdr_schemes_install(f->p, test_path("tests/data/schemes/mini.xml"), 0, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_schemes_load(&f->set, f->p), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_project_doc_load(&f->doc, f->p, "mini", 1), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_load(&f->k, f->p, "anna", NULL, NULL), 0);
	const cdr_turn *t1 = cdr_document_turn(f->doc, 0);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_add(f->k, "mini", t1->span.start, t1->span.end, "mini/VB", "manual", ""), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_add(f->k, "mini", 131, 143, "mini/EK", "manual", "kracht"), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_edit_write(&f->text, &f->len, f->doc, "mini", f->set, f->k), 0);
}

static void edit_fx_close(struct edit_fx *f)
{
	free(f->text);
	cdr_codings_free(f->k);
	cdr_document_free(f->doc);
	cdr_schemes_free(f->set);
	test_project_done(f->p, f->root);
}

/* s with the first `from` replaced by `to` (caller frees); the test fails
 * when `from` is not there. */
static char *edit_replace(const char *s, const char *from, const char *to)
{
	const char *at = strstr(s, from);
	char *out;

	CU_ASSERT_PTR_NOT_NULL_FATAL(at);
	out = malloc(strlen(s) - strlen(from) + strlen(to) + 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	sprintf(out, "%.*s%s%s", (int)(at - s), s, to, at + strlen(from));
	return out;
}

static int edit_read(struct edit_fx *f, cdr_edit_result *r, const char *text)
{
	return cdr_edit_read(r, text, strlen(text), f->doc, "mini", f->set, f->k);
}

static void test_store_edit_written_file(void)
{
	struct edit_fx f;

	edit_fx_open(&f);
	CU_ASSERT_PTR_NOT_NULL(strstr(f.text, "\nt1 I || VB\n    Hoe verbindt u mensen?\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(f.text, "\nt2 R ||\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(f.text, "\nt4 R || EK[c131-143]\n#   EK[c131-143] \"Eigen kracht\"\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(f.text, "#     VB.NET  Netwerk in de buurt\n"));
	/* every line of text within the wrap width */
	for (const char *l = f.text; *l; l = strchr(l, '\n') + 1) {
		size_t n = strcspn(l, "\n");
		CU_ASSERT(n <= 4 + 72 || strncmp(l, "    aaaa", 8) == 0);
	}
	edit_fx_close(&f);
}

static void test_store_edit_unchanged_no_changes(void)
{
	struct edit_fx f;
	cdr_edit_result r;

	edit_fx_open(&f);
	CU_ASSERT_EQUAL(edit_read(&f, &r, f.text), 0);
	CU_ASSERT_EQUAL(r.nerrors, 0);
	CU_ASSERT_EQUAL(r.nchanges, 0);
	CU_ASSERT_FALSE(r.empty);
	cdr_edit_result_free(&r);
	/* only comments left: the user gave up */
	CU_ASSERT_EQUAL(edit_read(&f, &r, "# nothing\n\n"), 0);
	CU_ASSERT_TRUE(r.empty);
	CU_ASSERT_EQUAL(r.nerrors, 0);
	cdr_edit_result_free(&r);
	edit_fx_close(&f);
}

static void test_store_edit_add_remove_and_move(void)
{
	struct edit_fx f;
	cdr_edit_result r;
	const cdr_turn *t2, *t3;

	edit_fx_open(&f);
	t2 = cdr_document_turn(f.doc, 1);
	t3 = cdr_document_turn(f.doc, 2);
	/* VB taken from t1 and put on t2 and t3; EK's part of t4 removed;
	 * CRLF line ends read as LF */
	char *a = edit_replace(f.text, "t1 I || VB\n", "t1 I ||\r\n");
	char *b = edit_replace(a, "t2 R ||\n", "t2 R || VB\n");
	char *c = edit_replace(b, "t3 I ||\n", "t3 I || mini/VB,,\n");
	char *d = edit_replace(c, "t4 R || EK[c131-143]\n", "t4 R ||\n");
	CU_ASSERT_EQUAL(edit_read(&f, &r, d), 0);
	CU_ASSERT_EQUAL(r.nerrors, 0);
	CU_ASSERT_EQUAL_FATAL(r.nchanges, 4);
	/* removals first, each by place */
	CU_ASSERT_FALSE(r.changes[0].add);
	CU_ASSERT_EQUAL(r.changes[0].turn, 1);
	CU_ASSERT_STRING_EQUAL(r.changes[0].code, "mini/VB");
	CU_ASSERT_FALSE(r.changes[1].add);
	CU_ASSERT_EQUAL(r.changes[1].start, 131);
	CU_ASSERT_EQUAL(r.changes[1].end, 143);
	CU_ASSERT_TRUE(r.changes[2].add);
	CU_ASSERT_EQUAL(r.changes[2].start, t2->span.start);
	CU_ASSERT_EQUAL(r.changes[2].end, t2->span.end);
	CU_ASSERT_TRUE(r.changes[3].add);
	CU_ASSERT_EQUAL(r.changes[3].turn, 3);
	CU_ASSERT_EQUAL(r.changes[3].start, t3->span.start);
	/* applied: exactly those, the memo of a coding kept is kept */
	CU_ASSERT_EQUAL(cdr_edit_apply(f.k, "mini", &r), 0);
	CU_ASSERT_EQUAL(cdr_codings_count(f.k), 2);
	CU_ASSERT(cdr_codings_find(f.k, "mini", t2->span.start, t2->span.end, "mini/VB") >= 0);
	CU_ASSERT(cdr_codings_find(f.k, "mini", 131, 143, "mini/EK") < 0);
	cdr_edit_result_free(&r);
	free(a);
	free(b);
	free(c);
	free(d);
	edit_fx_close(&f);
}

static void test_store_edit_parts_of_turns(void)
{
	struct edit_fx f;
	cdr_edit_result r;

	edit_fx_open(&f);
	char *a = edit_replace(f.text, "t4 R || EK[c131-143]\n",
			       "t4 R || EK[c131-143] HAND[\"Het netwerk in de buurt\"], VB.NET[s6]\n");
	CU_ASSERT_EQUAL(edit_read(&f, &r, a), 0);
	CU_ASSERT_EQUAL(r.nerrors, 0);
	CU_ASSERT_EQUAL_FATAL(r.nchanges, 2);
	CU_ASSERT_STRING_EQUAL(r.changes[0].code, "mini/HAND");
	CU_ASSERT_EQUAL(r.changes[0].start, 158);
	CU_ASSERT_EQUAL(r.changes[0].end, 158 + 23);
	CU_ASSERT_STRING_EQUAL(r.changes[1].code, "mini/VB.NET");
	CU_ASSERT_EQUAL(r.changes[1].start, cdr_document_sentence(f.doc, 5)->start);
	cdr_edit_result_free(&r);
	free(a);
	edit_fx_close(&f);
}

/* Every mistake found at once, each at its line, and then no changes. */
static void test_store_edit_errors_at_their_lines(void)
{
	struct edit_fx f;
	cdr_edit_result r;
	size_t l1, l2;

	edit_fx_open(&f);
	char *a = edit_replace(f.text, "t2 R ||\n", "t2 R || VBB, VB[c1-2], EK[\"in\"], HAND[x9], VB[c3-\n");
	char *b = edit_replace(a, "t3 I ||\n", "t1 I || HAND\n"); /* t1 twice, t3 gone */
	char *c = edit_replace(b, "    slecht.\n", "    slecht!\n");
	char *d = edit_replace(c, "t5 R ||", "t9 R || VB");
	CU_ASSERT_EQUAL(edit_read(&f, &r, d), 0);
	CU_ASSERT_EQUAL(r.nchanges, 0);
	CU_ASSERT_EQUAL_FATAL(r.nerrors, 10);
	/* the line of "t2 R || ..." in the file */
	l1 = 1;
	for (const char *p = d; p < strstr(d, "t2 R ||"); p++)
		l1 += *p == '\n';
	l2 = l1 + 4;
	CU_ASSERT_EQUAL(r.errors[0].line, l1);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.errors[0].message, "no code 'VBB'"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.errors[1].message, "not within t2"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.errors[2].message, "\"in\" occurs 5 times in the turn"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.errors[3].message, "'HAND[x9]' is no place in a turn"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.errors[4].message, "needs its ']'"));
	CU_ASSERT_EQUAL(r.errors[5].line, l1 + 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.errors[5].message, "t2: the turn's text differs"));
	CU_ASSERT_EQUAL(r.errors[6].line, l2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.errors[6].message, "t1 appears twice (also on line"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.errors[7].message, "t3 is missing"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.errors[8].message, "t9: the document has turns t1 to t5"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.errors[9].message, "t5 is missing"));
	cdr_edit_result_free(&r);
	free(a);
	free(b);
	free(c);
	free(d);
	edit_fx_close(&f);
}

/* The errors go above their lines; those of an earlier round go. */
static void test_store_edit_mark(void)
{
	struct edit_fx f;
	cdr_edit_result r;
	char *marked = NULL, *again = NULL;
	size_t n, n2;

	edit_fx_open(&f);
	char *a = edit_replace(f.text, "t2 R ||\n", "t2 R || VBB\n");
	CU_ASSERT_EQUAL(edit_read(&f, &r, a), 0);
	CU_ASSERT_EQUAL_FATAL(r.nerrors, 1);
	CU_ASSERT_EQUAL(cdr_edit_mark(&marked, &n, a, strlen(a), &r), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(marked, "\n# error: t2: no code 'VBB' in the project's schemes (see 'codeer codes')\n"
					      "t2 R || VBB\n"));
	cdr_edit_result_free(&r);
	/* read again as it is: the same error, marked once */
	CU_ASSERT_EQUAL(edit_read(&f, &r, marked), 0);
	CU_ASSERT_EQUAL_FATAL(r.nerrors, 1);
	CU_ASSERT_EQUAL(cdr_edit_mark(&again, &n2, marked, n, &r), 0);
	CU_ASSERT_EQUAL(n2, n);
	CU_ASSERT_STRING_EQUAL(again, marked);
	cdr_edit_result_free(&r);
	/* corrected, the error line is a comment like any other */
	char *b = edit_replace(marked, "t2 R || VBB\n", "t2 R || VB\n");
	CU_ASSERT_EQUAL(edit_read(&f, &r, b), 0);
	CU_ASSERT_EQUAL(r.nerrors, 0);
	CU_ASSERT_EQUAL(r.nchanges, 1);
	cdr_edit_result_free(&r);
	free(a);
	free(b);
	free(marked);
	free(again);
	edit_fx_close(&f);
}

/* A coding whose code the schemes lost stays as long as it is left alone;
 * a rejected coding is neither shown nor made again. */
static void test_store_edit_orphans_and_rejected(void)
{
	struct edit_fx f;
	cdr_edit_result r;
	const cdr_turn *t2;
	char *text = NULL;
	size_t len;

	edit_fx_open(&f);
	t2 = cdr_document_turn(f.doc, 1);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_add(f.k, "mini", t2->span.start, t2->span.end, "mini/OUD", "manual", ""), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_add(f.k, "mini", 131, 143, "mini/HAND", "manual", ""), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_set_status(f.k, (size_t)cdr_codings_find(f.k, "mini", 131, 143, "mini/HAND"),
						     "rejected"),
			      0);
	CU_ASSERT_EQUAL_FATAL(cdr_edit_write(&text, &len, f.doc, "mini", f.set, f.k), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\nt2 R || mini/OUD\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(text, "\nt4 R || EK[c131-143]\n"));
	CU_ASSERT_EQUAL(edit_read(&f, &r, text), 0);
	CU_ASSERT_EQUAL(r.nerrors, 0);
	CU_ASSERT_EQUAL(r.nchanges, 0);
	cdr_edit_result_free(&r);
	char *a = edit_replace(text, "t4 R || EK[c131-143]\n", "t4 R || EK[c131-143], HAND[c131-143], mini/OUD\n");
	CU_ASSERT_EQUAL(edit_read(&f, &r, a), 0);
	CU_ASSERT_EQUAL_FATAL(r.nerrors, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(r.errors[0].message, "rejected"));
	CU_ASSERT_PTR_NOT_NULL(strstr(r.errors[1].message, "no code 'OUD'"));
	cdr_edit_result_free(&r);
	free(a);
	free(text);
	edit_fx_close(&f);
}

/* Applying checks first: a change that no longer fits leaves the set as it was. */
static void test_store_edit_apply_all_or_nothing(void)
{
	struct edit_fx f;
	cdr_edit_result r;
	const cdr_turn *t3;

	edit_fx_open(&f);
	t3 = cdr_document_turn(f.doc, 2);
	char *a = edit_replace(f.text, "t1 I || VB\n", "t1 I ||\n");
	char *b = edit_replace(a, "t3 I ||\n", "t3 I || HAND\n");
	CU_ASSERT_EQUAL(edit_read(&f, &r, b), 0);
	CU_ASSERT_EQUAL_FATAL(r.nchanges, 2);
	/* someone coded t3 HAND meanwhile */
	CU_ASSERT_EQUAL_FATAL(cdr_codings_add(f.k, "mini", t3->span.start, t3->span.end, "mini/HAND", "manual", ""), 0);
	CU_ASSERT_EQUAL(cdr_edit_apply(f.k, "mini", &r), CDR_EEXISTS);
	CU_ASSERT_EQUAL(cdr_codings_count(f.k), 3);
	CU_ASSERT(cdr_codings_find(f.k, "mini", 3, 25, "mini/VB") >= 0);
	cdr_edit_result_free(&r);
	free(a);
	free(b);
	edit_fx_close(&f);
}

/* Out of memory anywhere: CDR_ENOMEM, nothing leaked, no half result. */
static void test_store_edit_out_of_memory(void)
{
	struct edit_fx f;
	cdr_edit_result r;
	char *out = NULL;
	size_t len, before;
	int rc = -1, wrc = -1;

	edit_fx_open(&f);
	char *a = edit_replace(f.text, "t2 R ||\n", "t2 R || VB, HAND[\"bewoners\"], VBB\n");
	for (long n = 0; n < 400 && rc != 0; n++) {
		cdr_alloc_fail_after(n);
		rc = edit_read(&f, &r, a);
		cdr_alloc_fail_after(-1);
		CU_ASSERT(rc == 0 || rc == CDR_ENOMEM);
		if (rc == 0) {
			CU_ASSERT_EQUAL(r.nerrors, 1);
		} else {
			CU_ASSERT(r.nerrors == 0 && r.nchanges == 0 && r.errors == NULL && r.changes == NULL);
		}
		cdr_edit_result_free(&r);
	}
	CU_ASSERT_EQUAL(rc, 0);
	for (long n = 0; n < 400 && wrc != 0; n++) {
		cdr_alloc_fail_after(n);
		wrc = cdr_edit_write(&out, &len, f.doc, "mini", f.set, f.k);
		cdr_alloc_fail_after(-1);
		CU_ASSERT(wrc == 0 || (wrc == CDR_ENOMEM && out == NULL));
	}
	CU_ASSERT_EQUAL(wrc, 0);
	CU_ASSERT_STRING_EQUAL(out, f.text);
	free(out);
	/* apply: an addition that cannot be made takes the others back */
	char *b = edit_replace(f.text, "t2 R ||\n", "t2 R || VB, HAND\n");
	CU_ASSERT_EQUAL_FATAL(edit_read(&f, &r, b), 0);
	before = cdr_codings_count(f.k);
	for (long n = 0; n < 50; n++) {
		cdr_alloc_fail_after(n);
		rc = cdr_edit_apply(f.k, "mini", &r);
		cdr_alloc_fail_after(-1);
		if (rc == 0)
			break;
		CU_ASSERT_EQUAL(rc, CDR_ENOMEM);
		CU_ASSERT_EQUAL(cdr_codings_count(f.k), before);
	}
	CU_ASSERT_EQUAL(rc, 0);
	CU_ASSERT_EQUAL(cdr_codings_count(f.k), before + 2);
	cdr_edit_result_free(&r);
	free(a);
	free(b);
	edit_fx_close(&f);
}

/* ---- out of memory ---------------------------------------------------------- */

struct add_oom {
	cdr_project *p;
	char *proj, *paths[2];
	struct snapshot before;
};

/* add with allocations failing (test_oom_loop): each failure is
 * CDR_ENOMEM with the project's files and the open project as they were;
 * a success adds both documents whole. A fresh project each time. */
static int add_attempt(void *ctx, long n, int once)
{
	struct add_oom *t = ctx;
	struct snapshot after;
	int rc;

	test_fail_alloc(n, once);
	rc = cdr_project_add(t->p, (const char *const *)t->paths, 2, NULL, NULL, NULL);
	test_fail_alloc(-1, 0);
	if (rc == 0) {
		/* what a reopened project sees is what a plain add writes */
		cdr_project *q = NULL;
		cdr_document *a = NULL, *b = NULL;
		CU_ASSERT_EQUAL(cdr_project_doc_count(t->p), 2);
		CU_ASSERT_EQUAL_FATAL(cdr_project_open(&q, t->proj), 0);
		CU_ASSERT_EQUAL(cdr_project_doc_count(q), 2);
		CU_ASSERT_EQUAL_FATAL(cdr_project_doc_load(&a, q, "mini", 1), 0);
		CU_ASSERT_EQUAL_FATAL(cdr_ingest_file(&b, t->paths[0], NULL), 0);
		assert_same_document(a, b, "mini");
		cdr_document_free(a);
		cdr_document_free(b);
		cdr_project_free(q);
		/* back to no documents for the next attempt */
		cdr_project_free(t->p);
		t->p = NULL;
		test_rm_rf(t->proj);
		snapshot_restore(&t->before, t->proj);
		CU_ASSERT_EQUAL_FATAL(cdr_project_open(&t->p, t->proj), 0);
		CU_ASSERT_EQUAL_FATAL(cdr_project_lock(t->p, NULL), 0);
		snapshot(&after, t->proj);
		CU_ASSERT_TRUE_FATAL(same_snapshot(&t->before, &after));
		snapshot_free(&after);
		return 0;
	}
	if (rc != CDR_ENOMEM)
		fprintf(stderr, "\nadd, allocation %ld failing%s: %d (%s)\n", n, once ? " (once)" : "", rc,
			cdr_error_last());
	CU_ASSERT_EQUAL_FATAL(rc, CDR_ENOMEM);
	CU_ASSERT_EQUAL_FATAL(cdr_project_doc_count(t->p), 0);
	snapshot(&after, t->proj);
	if (!same_snapshot(&t->before, &after))
		fprintf(stderr, "\nadd, allocation %ld failing%s, changed the project\n", n, once ? " (once)" : "");
	CU_ASSERT_TRUE_FATAL(same_snapshot(&t->before, &after));
	snapshot_free(&after);
	return rc;
}

static void test_store_add_out_of_memory(void)
{
	char *root, *twee;
	struct add_oom t;

	t.p = test_new_project(&root);
	t.proj = test_join(root, "proj");
	twee = test_join(root, "twee.txt");
	test_write_file(twee, "I: Vraag?\n\nR: Antwoord een twee drie.\n");
	t.paths[0] = strdup(test_path("tests/data/mini.txt"));
	t.paths[1] = twee;
	CU_ASSERT_EQUAL_FATAL(cdr_project_lock(t.p, NULL), 0); /* the lock file exists before the snapshot */
	snapshot(&t.before, t.proj);
	CU_ASSERT(test_oom_loop(add_attempt, &t) > 10);
	snapshot_free(&t.before);
	free(t.paths[0]);
	free(twee);
	free(t.proj);
	test_project_done(t.p, root);
}

struct codings_oom {
	cdr_project *p;
	char *proj;
	struct snapshot before;
	int step; /* 0 load, 1 add, 2 save */
};

/* The codings store with allocations failing (test_oom_loop): a failed
 * load returns nothing, a failed add leaves the set as it was, a failed
 * save leaves the files as they were; a success has every coding. */
static int codings_attempt(void *ctx, long n, int once)
{
	struct codings_oom *t = ctx;
	cdr_codings *c = NULL;
	struct snapshot after;
	int rc;

	if (t->step == 0) {
		test_fail_alloc(n, once);
		rc = cdr_codings_load(&c, t->p, "anna", NULL, NULL);
		test_fail_alloc(-1, 0);
		if (rc == 0) {
			cdr_coding *k;
			CU_ASSERT_EQUAL_FATAL(cdr_codings_count(c), 2);
			k = cdr_codings_get(c, 0);
			CU_ASSERT_STRING_EQUAL(k->code, "mini/VB");
			CU_ASSERT_STRING_EQUAL(k->memo, "een memo");
			k = cdr_codings_get(c, 1);
			CU_ASSERT_STRING_EQUAL(k->origin, "auto:mini/EK/r1");
			CU_ASSERT_STRING_EQUAL(k->status, "rejected");
		} else {
			CU_ASSERT_EQUAL(rc, CDR_ENOMEM);
			CU_ASSERT_PTR_NULL(c);
		}
		cdr_codings_free(c);
		return rc;
	}
	CU_ASSERT_EQUAL_FATAL(cdr_codings_load(&c, t->p, "anna", NULL, NULL), 0);
	if (t->step == 1) {
		test_fail_alloc(n, once);
		rc = cdr_codings_add(c, "mini", 281, 429, "mini/HAND", "manual", "nog een");
		test_fail_alloc(-1, 0);
		if (rc == 0) {
			CU_ASSERT_EQUAL(cdr_codings_count(c), 3);
			CU_ASSERT(cdr_codings_find(c, "mini", 281, 429, "mini/HAND") >= 0);
			CU_ASSERT_STRING_EQUAL(cdr_codings_get(c, 2)->memo, "nog een");
		} else {
			CU_ASSERT_EQUAL(rc, CDR_ENOMEM);
			CU_ASSERT_EQUAL(cdr_codings_count(c), 2);
			CU_ASSERT_EQUAL(cdr_codings_find(c, "mini", 281, 429, "mini/HAND"), -1);
		}
		cdr_codings_free(c);
		return rc;
	}
	CU_ASSERT_EQUAL_FATAL(cdr_codings_add(c, "mini", 281, 429, "mini/HAND", "manual", "nog een"), 0);
	test_fail_alloc(n, once);
	rc = cdr_codings_save(c);
	test_fail_alloc(-1, 0);
	cdr_codings_free(c);
	if (rc == 0) {
		c = NULL;
		CU_ASSERT_EQUAL_FATAL(cdr_codings_load(&c, t->p, "anna", NULL, NULL), 0);
		CU_ASSERT_EQUAL(cdr_codings_count(c), 3);
		/* as it was, for the next attempt */
		cdr_codings_remove(c, (size_t)cdr_codings_find(c, "mini", 281, 429, "mini/HAND"));
		CU_ASSERT_EQUAL_FATAL(cdr_codings_save(c), 0);
		cdr_codings_free(c);
		return 0;
	}
	CU_ASSERT_EQUAL(rc, CDR_ENOMEM);
	snapshot(&after, t->proj);
	if (!same_snapshot(&t->before, &after))
		fprintf(stderr, "\nsave, allocation %ld failing%s, changed the project\n", n, once ? " (once)" : "");
	CU_ASSERT_TRUE_FATAL(same_snapshot(&t->before, &after));
	snapshot_free(&after);
	return rc;
}

static void test_store_codings_out_of_memory(void)
{
	char *root, *paths[2] = { NULL, NULL };
	struct codings_oom t;
	cdr_codings *c = NULL;

	t.p = test_new_project(&root);
	t.proj = test_join(root, "proj");
	paths[0] = strdup(test_path("tests/data/mini.txt"));
	CU_ASSERT_EQUAL_FATAL(add(t.p, paths, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_load(&c, t.p, "anna", NULL, NULL), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_append(c, "mini", 30, 105, "mini/VB", "manual", "2026-11-25T12:00:00Z",
						 "een memo", ""), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_append(c, "mini", 131, 276, "mini/EK", "auto:mini/EK/r1",
						 "2026-11-25T12:00:00Z", "", "rejected"), 0);
	CU_ASSERT_EQUAL_FATAL(cdr_codings_save(c), 0);
	cdr_codings_free(c);
	CU_ASSERT_EQUAL_FATAL(cdr_project_lock(t.p, NULL), 0);
	snapshot(&t.before, t.proj);
	for (t.step = 0; t.step < 3; t.step++)
		CU_ASSERT(test_oom_loop(codings_attempt, &t) > 0);
	snapshot_free(&t.before);
	free(paths[0]);
	free(t.proj);
	test_project_done(t.p, root);
}

void test_store_register(void)
{
	CU_pSuite s = CU_add_suite("store", NULL, NULL);

	CU_add_test(s, "add_same_text_other_format", test_store_add_same_text_other_format);
	CU_add_test(s, "removal_list_finished_on_open", test_store_removal_list_finished_on_open);
	CU_add_test(s, "change_commit_and_drop", test_store_change_commit_and_drop);
	CU_add_test(s, "doc_remove_and_restore", test_store_doc_remove_and_restore);
	CU_add_test(s, "doc_remove_unknown_changes_nothing", test_store_doc_remove_unknown_changes_nothing);
	CU_add_test(s, "doc_purge_leaves_no_archive", test_store_doc_purge_leaves_no_archive);
	CU_add_test(s, "doc_rename_everywhere", test_store_doc_rename_everywhere);
	CU_add_test(s, "coders_rename_remove_restore", test_store_coders_rename_remove_restore);
	CU_add_test(s, "auto_coder_renamed_only_with_force", test_store_auto_coder_renamed_only_with_force);
	CU_add_test(s, "init_creates_layout", test_store_init_creates_layout);
	CU_add_test(s, "init_default_name_is_directory", test_store_init_default_name_is_directory);
	CU_add_test(s, "init_name_round_trip", test_store_init_name_round_trip);
	CU_add_test(s, "init_twice", test_store_init_twice);
	CU_add_test(s, "open_newer_format", test_store_open_newer_format);
	CU_add_test(s, "open_damaged_config", test_store_open_damaged_config);
	CU_add_test(s, "open_config_without_format", test_store_open_config_without_format);
	CU_add_test(s, "open_not_a_project", test_store_open_not_a_project);
	CU_add_test(s, "add_reopen_round_trip", test_store_add_reopen_round_trip);
	CU_add_test(s, "source_text_is_normalised", test_store_source_text_is_normalised);
	CU_add_test(s, "load_without_text", test_store_load_without_text);
	CU_add_test(s, "doc_load_unknown", test_store_doc_load_unknown);
	CU_add_test(s, "doc_ids_natural_order", test_store_doc_ids_natural_order);
	CU_add_test(s, "add_callback_per_document", test_store_add_callback_per_document);
	CU_add_test(s, "add_same_content_twice", test_store_add_same_content_twice);
	CU_add_test(s, "add_same_content_other_name", test_store_add_same_content_other_name);
	CU_add_test(s, "add_same_content_force", test_store_add_same_content_force);
	CU_add_test(s, "add_same_name_other_content", test_store_add_same_name_other_content);
	CU_add_test(s, "add_batch_bad_last_file_changes_nothing", test_store_add_batch_bad_last_file_changes_nothing);
	CU_add_test(s, "add_batch_bad_format_changes_nothing", test_store_add_batch_bad_format_changes_nothing);
	CU_add_test(s, "add_duplicate_within_batch", test_store_add_duplicate_within_batch);
	CU_add_test(s, "add_bad_attr_changes_nothing", test_store_add_bad_attr_changes_nothing);
	CU_add_test(s, "add_reserved_attr_name_changes_nothing", test_store_add_reserved_attr_name_changes_nothing);
	CU_add_test(s, "add_empty_case_id_refused", test_store_add_empty_case_id_refused);
	CU_add_test(s, "edited_source_checksum", test_store_edited_source_checksum);
	CU_add_test(s, "damaged_meta", test_store_damaged_meta);
	CU_add_test(s, "newer_meta_version", test_store_newer_meta_version);
	CU_add_test(s, "add_with_case_and_attributes", test_store_add_with_case_and_attributes);
	CU_add_test(s, "add_default_case_per_document", test_store_add_default_case_per_document);
	CU_add_test(s, "cases_import_corpus", test_store_cases_import_corpus);
	CU_add_test(s, "cases_import_unknown_doc", test_store_cases_import_unknown_doc);
	CU_add_test(s, "cases_import_ragged_row", test_store_cases_import_ragged_row);
	CU_add_test(s, "cases_import_file_names", test_store_cases_import_file_names);
	CU_add_test(s, "cases_parse_ragged_row", test_store_cases_parse_ragged_row);
	CU_add_test(s, "cases_parse_invalid_case_id_message", test_store_cases_parse_invalid_case_id_message);
	CU_add_test(s, "cases_format_round_trip", test_store_cases_format_round_trip);
	CU_add_test(s, "lock_waits_for_other_writer", test_store_lock_waits_for_other_writer);
	CU_add_test(s, "doc_id_from_path", test_store_doc_id_from_path);
	CU_add_test(s, "discover_from_subdirectory", test_store_discover_from_subdirectory);
	CU_add_test(s, "discover_outside_project", test_store_discover_outside_project);
	CU_add_test(s, "edit_written_file", test_store_edit_written_file);
	CU_add_test(s, "edit_unchanged_no_changes", test_store_edit_unchanged_no_changes);
	CU_add_test(s, "edit_add_remove_and_move", test_store_edit_add_remove_and_move);
	CU_add_test(s, "edit_parts_of_turns", test_store_edit_parts_of_turns);
	CU_add_test(s, "edit_errors_at_their_lines", test_store_edit_errors_at_their_lines);
	CU_add_test(s, "edit_mark", test_store_edit_mark);
	CU_add_test(s, "edit_orphans_and_rejected", test_store_edit_orphans_and_rejected);
	CU_add_test(s, "edit_apply_all_or_nothing", test_store_edit_apply_all_or_nothing);
	CU_add_test(s, "edit_out_of_memory", test_store_edit_out_of_memory);
	CU_add_test(s, "add_out_of_memory", test_store_add_out_of_memory);
	CU_add_test(s, "codings_out_of_memory", test_store_codings_out_of_memory);
}
