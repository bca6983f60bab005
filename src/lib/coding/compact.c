/* compact.c -- the index of a codings file in .codeer-cache/ (compact.h).
 *
 * .codeer-cache/codings-<coder>.idx holds one coder's readable codings as
 * fixed-size rows (document, code, start, end, rejected) and the distinct
 * document ids and codes once each. Reading it is one read and one pass
 * of checks; reading the TSV file is a split, two number parses and
 * several string lookups per row, which for a million codings is most of
 * the time a count matrix takes.
 *
 * The file (native byte order; another machine's index fails the checks
 * and is rebuilt):
 *
 *   head     struct head below: the key of the codings file it was made
 *            from, the counts, and a checksum of everything after it
 *   rows     nrows x cdr_compact_row
 *   strings  the document ids, then the codes, each ending in NUL
 *
 * The key is the codings file's size, modification and change times (to
 * the nanosecond), inode and device, and a hash of its first and last
 * 64 KiB. A file written by codeer is renamed into place, so it has a new
 * inode and times; a hand edit changes the times. An index whose key is
 * not the file's as it is now, whose checksum is wrong or whose rows point
 * outside its strings is not used: the TSV file is read as always, and the
 * index written anew (atomically; a project that cannot be written to
 * simply goes without). Deleting .codeer-cache/ loses nothing.
 *
 * The index is mapped rather than read: its pages come from the page
 * cache as they are, which for a million codings is half the time a read
 * into fresh memory takes. It is only ever replaced by a rename, never
 * written in place, so the mapping stays the file it was. */
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE /* st_mtim, st_ctim */
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "codeer/autocode.h"
#include "codeer/error.h"
#include "coding/compact.h"
#include "util/alloc.h"
#include "util/array.h"
#include "util/buf.h"
#include "util/fileio.h"
#include "util/strmap.h"

#define MAGIC "cdrcidx\n"
#define INDEX_VERSION 1u
#define ENDIAN 0x01020304u
#define SAMPLE 65536
#define INDEX_LIMIT ((uint64_t)4 << 30)

struct head {
	char magic[8];
	uint32_t version, endian;
	uint64_t size, ino, dev;
	int64_t mtime_s, mtime_ns, ctime_s, ctime_ns;
	uint64_t sample; /* hash of the first and last SAMPLE bytes */
	uint64_t nrows, ndocs, ncodes, strbytes;
	uint64_t sum; /* hash of the rows and strings */
};

struct cdr_compact {
	char *data; /* the index's bytes: head, rows, strings */
	size_t mapped; /* data is the index file mapped, of this length (else allocated) */
	const cdr_compact_row *rows;
	size_t n, ndocs, ncodes;
	const char **names; /* ndocs document ids, then ncodes codes */
};

/* A 64-bit hash in four independent lanes, so that it runs at memory
 * speed: this is a checksum against damage, not a defence. */
static uint64_t hash64(const void *p, size_t n, uint64_t seed)
{
	const unsigned char *s = p;
	uint64_t h[4] = { seed ^ 0x243f6a8885a308d3u, seed ^ 0x13198a2e03707344u, seed ^ 0xa4093822299f31d0u,
			  seed ^ 0x082efa98ec4e6c89u };
	size_t i = 0;

	for (; i + 32 <= n; i += 32)
		for (int l = 0; l < 4; l++) {
			uint64_t w;
			memcpy(&w, s + i + 8 * l, 8);
			h[l] = (h[l] ^ w) * 0x9e3779b97f4a7c15u;
			h[l] ^= h[l] >> 31;
		}
	for (; i < n; i++)
		h[0] = (h[0] ^ s[i]) * 0x100000001b3u;
	uint64_t r = n;
	for (int l = 0; l < 4; l++) {
		r = (r ^ h[l]) * 0xbf58476d1ce4e5b9u;
		r ^= r >> 29;
	}
	return r;
}

/* The key of the codings file as it is now; 0 when it is there, 1 when
 * it is not, or CDR_EIO. */
static int file_key(struct head *k, const char *path)
{
	unsigned char *buf;
	struct stat st;
	ssize_t got;
	size_t first, last;
	int fd;

	memset(k, 0, sizeof(*k));
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		if (errno == ENOENT)
			return 1;
		return cdr_error_set(CDR_EIO, "%s: %s", path, strerror(errno));
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return cdr_error_set(CDR_EIO, "%s: not a readable file", path);
	}
	memcpy(k->magic, MAGIC, 8);
	k->version = INDEX_VERSION;
	k->endian = ENDIAN;
	k->size = (uint64_t)st.st_size;
	k->ino = (uint64_t)st.st_ino;
	k->dev = (uint64_t)st.st_dev;
	k->mtime_s = (int64_t)st.st_mtim.tv_sec;
	k->mtime_ns = (int64_t)st.st_mtim.tv_nsec;
	k->ctime_s = (int64_t)st.st_ctim.tv_sec;
	k->ctime_ns = (int64_t)st.st_ctim.tv_nsec;
	first = k->size < SAMPLE ? (size_t)k->size : SAMPLE;
	last = k->size - first < SAMPLE ? (size_t)(k->size - first) : SAMPLE;
	if ((buf = cdr_malloc(first + last + 1)) == NULL) {
		close(fd);
		return CDR_ENOMEM;
	}
	got = pread(fd, buf, first, 0);
	if (got == (ssize_t)first && last)
		got = pread(fd, buf + first, last, (off_t)(k->size - last)) == (ssize_t)last ? (ssize_t)first : -1;
	close(fd);
	if (got != (ssize_t)first) {
		free(buf);
		return cdr_error_set(CDR_EIO, "%s: cannot read it", path);
	}
	k->sample = hash64(buf, first + last, k->size);
	free(buf);
	return 0;
}

static int same_key(const struct head *a, const struct head *b)
{
	return memcmp(a->magic, b->magic, 8) == 0 && a->version == b->version && a->endian == b->endian &&
	       a->size == b->size && a->ino == b->ino && a->dev == b->dev && a->mtime_s == b->mtime_s &&
	       a->mtime_ns == b->mtime_ns && a->ctime_s == b->ctime_s && a->ctime_ns == b->ctime_ns &&
	       a->sample == b->sample;
}

/* Check an index's bytes against `key` and point `c` into them: 1 when
 * they are sound, 0 when not (nothing kept), CDR_ENOMEM. */
static int adopt(cdr_compact *c, char *data, size_t len, const struct head *key)
{
	struct head h;
	size_t nnames, rows_bytes;
	const char *s, *end;

	if (len < sizeof(h))
		return 0;
	memcpy(&h, data, sizeof(h));
	if (!same_key(&h, key) || h.nrows > len / sizeof(cdr_compact_row) || h.ndocs > UINT32_MAX ||
	    h.ncodes >= CDR_COMPACT_REJECTED)
		return 0;
	rows_bytes = (size_t)h.nrows * sizeof(cdr_compact_row);
	if (len - sizeof(h) < rows_bytes || len - sizeof(h) - rows_bytes != h.strbytes ||
	    hash64(data + sizeof(h), len - sizeof(h), h.nrows) != h.sum)
		return 0;
	nnames = (size_t)(h.ndocs + h.ncodes);
	if (nnames > h.strbytes || (h.strbytes && data[len - 1] != '\0'))
		return 0;
	if ((c->names = cdr_calloc(nnames + 1, sizeof(char *))) == NULL)
		return CDR_ENOMEM;
	s = data + sizeof(h) + rows_bytes;
	end = data + len;
	for (size_t i = 0; i < nnames; i++) {
		const char *z = s < end ? memchr(s, '\0', (size_t)(end - s)) : NULL;
		if (z == NULL)
			goto bad;
		c->names[i] = s;
		s = z + 1;
	}
	if (s != end)
		goto bad;
	c->rows = (const cdr_compact_row *)(const void *)(data + sizeof(h));
	for (size_t i = 0; i < h.nrows; i++)
		if (c->rows[i].doc >= h.ndocs || (c->rows[i].code & ~CDR_COMPACT_REJECTED) >= h.ncodes ||
		    c->rows[i].end <= c->rows[i].start)
			goto bad;
	c->data = data;
	c->n = (size_t)h.nrows;
	c->ndocs = (size_t)h.ndocs;
	c->ncodes = (size_t)h.ncodes;
	return 1;
bad:
	free(c->names);
	c->names = NULL;
	c->rows = NULL;
	return 0;
}

/* The index's bytes for the codings of a set, with `key` in its head. */
static int serialize(char **out, size_t *len, const cdr_codings *set, const struct head *key)
{
	cdr_strmap docs = { 0 }, codes = { 0 };
	const char **dv = NULL, **cv = NULL, *pdoc = NULL, *pcode = NULL;
	size_t nd = 0, nc = 0, dcap = 0, ccap = 0, n = cdr_codings_count(set), strbytes = 0, id, di = 0, ci = 0;
	cdr_compact_row *rows;
	struct head h = *key;
	char *data = NULL, *s;
	int rc = 0;

	*out = NULL;
	if ((rows = cdr_calloc(n + 1, sizeof(*rows))) == NULL)
		return CDR_ENOMEM;
	for (size_t i = 0; i < n && rc == 0; i++) {
		const cdr_coding *k = cdr_codings_get((cdr_codings *)set, i);
		/* doc and code are pooled: the same string is the same pointer */
		if (k->doc != pdoc) {
			if (cdr_strmap_get(&docs, k->doc, &id))
				di = id;
			else if (cdr_grow((void **)&dv, &dcap, nd + 1, sizeof(char *)) < 0 ||
				 cdr_strmap_put(&docs, k->doc, nd) < 0)
				rc = CDR_ENOMEM;
			else {
				dv[nd] = k->doc;
				strbytes += strlen(k->doc) + 1;
				di = nd++;
			}
			pdoc = k->doc;
		}
		if (rc == 0 && k->code != pcode) {
			if (cdr_strmap_get(&codes, k->code, &id))
				ci = id;
			else if (cdr_grow((void **)&cv, &ccap, nc + 1, sizeof(char *)) < 0 ||
				 cdr_strmap_put(&codes, k->code, nc) < 0)
				rc = CDR_ENOMEM;
			else {
				cv[nc] = k->code;
				strbytes += strlen(k->code) + 1;
				ci = nc++;
			}
			pcode = k->code;
		}
		if (rc == 0 && (nd > UINT32_MAX || nc >= CDR_COMPACT_REJECTED))
			rc = cdr_error_set(CDR_ELIMIT, "too many documents or codes for a codings index");
		rows[i].doc = (uint32_t)di;
		rows[i].code = (uint32_t)ci | (strcmp(k->status, "rejected") == 0 ? CDR_COMPACT_REJECTED : 0);
		rows[i].start = k->start;
		rows[i].end = k->end;
	}
	if (rc == 0) {
		*len = sizeof(h) + n * sizeof(*rows) + strbytes;
		if ((data = cdr_malloc(*len + 1)) == NULL)
			rc = CDR_ENOMEM;
	}
	if (rc == 0) {
		memcpy(data + sizeof(h), rows, n * sizeof(*rows));
		s = data + sizeof(h) + n * sizeof(*rows);
		for (size_t i = 0; i < nd + nc; i++) {
			const char *name = i < nd ? dv[i] : cv[i - nd];
			size_t l = strlen(name) + 1;
			memcpy(s, name, l);
			s += l;
		}
		h.nrows = n;
		h.ndocs = nd;
		h.ncodes = nc;
		h.strbytes = strbytes;
		h.sum = hash64(data + sizeof(h), *len - sizeof(h), n);
		memcpy(data, &h, sizeof(h));
		*out = data;
	}
	cdr_strmap_clear(&docs);
	cdr_strmap_clear(&codes);
	free(dv);
	free(cv);
	free(rows);
	return rc;
}

int cdr_compact_from_codings(cdr_compact **out, const cdr_codings *set)
{
	struct head key;
	cdr_compact *c;
	char *data;
	size_t len;
	int rc;

	*out = NULL;
	memset(&key, 0, sizeof(key));
	memcpy(key.magic, MAGIC, 8);
	key.version = INDEX_VERSION;
	key.endian = ENDIAN;
	if ((c = cdr_calloc(1, sizeof(*c))) == NULL)
		return CDR_ENOMEM;
	if ((rc = serialize(&data, &len, set, &key)) < 0) {
		free(c);
		return rc;
	}
	if ((rc = adopt(c, data, len, &key)) != 1) {
		free(data);
		free(c);
		return rc < 0 ? rc : cdr_error_set(CDR_ERROR, "a codings index that does not read back");
	}
	*out = c;
	return 0;
}

/* The index file mapped: 0, or 1 when it is not there or cannot be
 * mapped (the TSV file is read instead). */
static int map_index(char **data, size_t *len, const char *path)
{
	struct stat st;
	void *m;
	int fd;

	*data = NULL;
	*len = 0;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return 1;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 || (uint64_t)st.st_size > INDEX_LIMIT) {
		close(fd);
		return 1;
	}
	m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (m == MAP_FAILED)
		return 1;
	*data = m;
	*len = (size_t)st.st_size;
	return 0;
}

char *cdr_compact_index_path(const char *dir, const char *coder)
{
	cdr_buf b = CDR_BUF_INIT;

	if (cdr_buf_printf(&b, "%s/%s/codings-%s.idx", dir, CDR_CACHE_DIR, coder) < 0) {
		cdr_buf_free(&b);
		return NULL;
	}
	return cdr_buf_detach(&b, NULL);
}

static const char *tsv_path(const cdr_project *p, const char *coder, char *buf, size_t size)
{
	snprintf(buf, size, "%s/codings/%s.tsv", cdr_project_path(p), coder);
	return buf;
}

/* Read the TSV file, and keep its index when the file did not change
 * while it was read. */
static int rebuild(cdr_compact *c, const cdr_project *p, const char *coder, const char *ipath,
		   const struct head *key)
{
	cdr_codings *set = NULL;
	struct head after;
	char *data = NULL, dir[4200];
	size_t len;
	int rc, krc;

	if ((rc = cdr_codings_load(&set, p, coder, NULL, NULL)) < 0)
		return rc;
	rc = serialize(&data, &len, set, key);
	cdr_codings_free(set);
	if (rc < 0)
		return rc;
	if ((rc = adopt(c, data, len, key)) != 1) {
		free(data);
		return rc < 0 ? rc : cdr_error_set(CDR_ERROR, "a codings index that does not read back");
	}
	/* the index only saves time: failing to write it is no error */
	krc = file_key(&after, tsv_path(p, coder, dir, sizeof(dir)));
	if (krc == CDR_ENOMEM)
		return krc;
	snprintf(dir, sizeof(dir), "%s/%s", cdr_project_path(p), CDR_CACHE_DIR);
	if (krc == 0 && same_key(&after, key) && (mkdir(dir, 0777) == 0 || errno == EEXIST) &&
	    cdr_file_write_atomic(ipath, data, len) < 0 && cdr_error_last_code() == CDR_ENOMEM)
		return CDR_ENOMEM;
	cdr_error_clear();
	return 0;
}

int cdr_compact_load(cdr_compact **out, const cdr_project *p, const char *coder, int *rebuilt)
{
	struct head key;
	cdr_compact *c;
	char tsv[4200], *ipath = NULL, *data = NULL;
	size_t len;
	int rc;

	*out = NULL;
	if (rebuilt)
		*rebuilt = 0;
	if (!cdr_coder_valid(coder))
		return cdr_error_set(CDR_EUSAGE, "'%s' is not a valid coder name (letters, digits, _ - .)", coder);
	if ((c = cdr_calloc(1, sizeof(*c))) == NULL)
		return CDR_ENOMEM;
	if ((rc = file_key(&key, tsv_path(p, coder, tsv, sizeof(tsv)))) != 0) {
		/* no file: no codings, and nothing to index */
		if (rc == 1) {
			*out = c;
			return 0;
		}
		free(c);
		return rc;
	}
	if ((ipath = cdr_compact_index_path(cdr_project_path(p), coder)) == NULL) {
		free(c);
		return CDR_ENOMEM;
	}
	rc = map_index(&data, &len, ipath);
	if (rc == 0 && (rc = adopt(c, data, len, &key)) == 1) {
		c->mapped = len;
		rc = 0;
	} else {
		if (data)
			munmap(data, len);
		/* missing, stale or damaged: the TSV file decides */
		if (rc != CDR_ENOMEM) {
			if (rebuilt)
				*rebuilt = 1;
			rc = rebuild(c, p, coder, ipath, &key);
		}
	}
	free(ipath);
	if (rc < 0) {
		cdr_compact_free(c);
		return rc;
	}
	*out = c;
	return 0;
}

void cdr_compact_free(cdr_compact *c)
{
	if (c == NULL)
		return;
	free(c->names);
	if (c->mapped)
		munmap(c->data, c->mapped);
	else
		free(c->data);
	free(c);
}

size_t cdr_compact_count(const cdr_compact *c) { return c->n; }
const cdr_compact_row *cdr_compact_rows(const cdr_compact *c) { return c->rows; }
size_t cdr_compact_doc_count(const cdr_compact *c) { return c->ndocs; }
const char *cdr_compact_doc(const cdr_compact *c, size_t i) { return c->names[i]; }
size_t cdr_compact_code_count(const cdr_compact *c) { return c->ncodes; }
const char *cdr_compact_code(const cdr_compact *c, size_t i) { return c->names[c->ndocs + i]; }
