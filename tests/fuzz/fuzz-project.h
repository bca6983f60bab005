/* fuzz-project.h -- for the fuzz targets whose parsers read a file of a
 * project (codings import, score rules and hand values, cross-section
 * layouts, the coding page's requests): a small project made once per
 * process in a temporary directory (on /dev/shm when there is one, as its
 * fsyncs cost nothing), the input written to a file there, and the
 * project's codings, memos and scores put back after every input, so that
 * one input's writes do not change what the next one meets. Included by
 * the fuzz-*.c that need it, so everything here is static. */
#ifndef CDR_FUZZ_PROJECT_H
#define CDR_FUZZ_PROJECT_H

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "codeer/codeer.h"
#include "util/fileio.h"

static const char fz_text_a[] =
	"I: Hoe verbindt u mensen?\n\n"
	"R: Ik verbind bewoners met elkaar. De internetverbinding in de wijk is slecht.\n\n"
	"I: En eigen kracht?\n\n"
	"R: Eigen kracht staat voorop. Het netwerk in de buurt helpt echt heel goed vind ik.\n";
static const char fz_text_b[] =
	"I: Wat doet het team?\n\nR: Het team werkt samen met de buurt. Eigen kracht telt.\n\n"
	"I: En verder?\n\nR: Wij verbinden mensen in de wijk.\n";
static const char fz_scheme[] =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<scheme xmlns=\"urn:codeer:scheme:1\" id=\"mini\" version=\"1\" lang=\"nl\">\n"
	"  <title>Fuzz</title>\n"
	"  <code id=\"VB\" label=\"Verbinden\">\n"
	"    <definition>Verbinden.</definition>\n"
	"    <rule id=\"r1\" scope=\"match\"><pattern>\\bverbind\\w*</pattern></rule>\n"
	"    <code id=\"VB.NET\" label=\"Netwerk\"><definition>Netwerk.</definition>\n"
	"      <rule id=\"r1\" scope=\"sentence\"><pattern>\\bnetwerk\\w*</pattern></rule>\n"
	"    </code>\n"
	"  </code>\n"
	"  <code id=\"EK\" label=\"Eigen kracht\"><definition>Eigen kracht.</definition>\n"
	"    <rule id=\"r1\" scope=\"turn\" speaker-not=\"^I$\"><pattern>\\beigen\\s+kracht\\b</pattern></rule>\n"
	"  </code>\n"
	"  <code id=\"HAND\" label=\"Handmatig\"><definition>Met de hand.</definition></code>\n"
	"</scheme>\n";

static char fz_tmp[256];     /* the temporary directory */
static char fz_dir[300];     /* the project in it */
static cdr_project *fz_p;
static cdr_schemes *fz_set;
static char *fz_auto;        /* codings/auto.tsv as autocode wrote it */
static size_t fz_auto_len;

static void fz_die(const char *what)
{
	fprintf(stderr, "fuzz setup: %s: %s\n", what, cdr_error_last());
	abort();
}

static void fz_put(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL || (len > 0 && fwrite(data, 1, len, f) != len) || fclose(f) != 0)
		abort();
}

static char *fz_path(char *buf, size_t cap, const char *name)
{
	snprintf(buf, cap, "%s/%s", fz_tmp, name);
	return buf;
}

/* The input as the file `name` in the temporary directory; its path. */
static const char *fz_input(const char *name, const uint8_t *data, size_t size)
{
	static char path[400];

	fz_put(fz_path(path, sizeof(path), name), data, size);
	return path;
}

/* Remove what is in `path` (a directory); with `self`, it too. */
static void fz_rm(const char *path, int self)
{
	DIR *d = opendir(path);
	struct dirent *e;
	char sub[600];
	struct stat st;

	while (d && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
		if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode))
			fz_rm(sub, 1);
		else
			remove(sub);
	}
	if (d)
		closedir(d);
	if (self)
		remove(path);
}

static void fz_cleanup(void)
{
	cdr_schemes_free(fz_set);
	cdr_project_free(fz_p);
	free(fz_auto);
	if (fz_tmp[0])
		fz_rm(fz_tmp, 1);
}

/* Empty a directory of the project (the directory stays). */
static void fz_empty(const char *rel)
{
	char path[400];

	snprintf(path, sizeof(path), "%s/%s", fz_dir, rel);
	fz_rm(path, 0);
}

/* Put the project back as fz_setup left it. */
static void fz_reset(void)
{
	char path[400];

	fz_empty("codings");
	fz_empty("memos");
	snprintf(path, sizeof(path), "%s/codings/auto.tsv", fz_dir);
	fz_put(path, fz_auto, fz_auto_len);
	snprintf(path, sizeof(path), "%s/scores.tsv", fz_dir);
	remove(path);
}

/* Two documents (a and b; b in case "team" with rol=professional), the
 * scheme "mini", and the rules' codings under "auto". */
static void fz_setup(void)
{
	const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	char a[400], b[400], x[400];
	const char *one[1], *attrs[] = { "rol=professional" };
	cdr_add_options opts = { 0 };
	cdr_autocode_options ao = { 0 };
	cdr_autocode_result res;

	snprintf(fz_tmp, sizeof(fz_tmp), "%s/codeer-fuzz-XXXXXX", base);
	if (mkdtemp(fz_tmp) == NULL)
		abort();
	atexit(fz_cleanup);
	snprintf(fz_dir, sizeof(fz_dir), "%s/p", fz_tmp);
	fz_put(fz_path(a, sizeof(a), "a.txt"), fz_text_a, sizeof(fz_text_a) - 1);
	fz_put(fz_path(b, sizeof(b), "b.txt"), fz_text_b, sizeof(fz_text_b) - 1);
	fz_put(fz_path(x, sizeof(x), "mini.xml"), fz_scheme, sizeof(fz_scheme) - 1);
	if (cdr_project_init(fz_dir, "fuzz") < 0 || cdr_project_open(&fz_p, fz_dir) < 0)
		fz_die("init");
	one[0] = a;
	if (cdr_project_add(fz_p, one, 1, &opts, NULL, NULL) < 0)
		fz_die("add a");
	one[0] = b;
	opts.case_id = "team";
	opts.attrs = attrs;
	opts.nattrs = 1;
	if (cdr_project_add(fz_p, one, 1, &opts, NULL, NULL) < 0)
		fz_die("add b");
	if (cdr_schemes_install(fz_p, x, 0, NULL) < 0 || cdr_schemes_load(&fz_set, fz_p) < 0)
		fz_die("scheme");
	if (cdr_autocode(fz_p, fz_set, &ao, &res) < 0)
		fz_die("autocode");
	snprintf(x, sizeof(x), "%s/codings/auto.tsv", fz_dir);
	if (cdr_file_read(&fz_auto, &fz_auto_len, x, (size_t)1 << 20) < 0)
		fz_die("auto.tsv");
}

#endif
