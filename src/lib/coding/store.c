/* store.c -- codings/<coder>.tsv: load, edit, save (see coding.h).
 *
 * The file is rewritten whole on save, atomically; rows are sorted so that
 * the same codings always give the same bytes (idempotent reruns, clean
 * diffs). Unreadable rows travel along verbatim at the end. */
#include <dirent.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "codeer/autocode.h"
#include "codeer/coding.h"
#include "codeer/document.h"
#include "codeer/error.h"
#include "codeer/scheme.h"
#include "coding/store.h"
#include "util/alloc.h"
#include "util/strmap.h"
#include "util/array.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/fileio.h"
#include "util/num.h"
#include "util/tsv.h"

#define HEADER "doc\tstart\tend\tcode\torigin\tcreated\tmemo\tstatus"
#define CODINGS_LIMIT ((size_t)2 << 30)

struct cdr_codings {
	char *coder;
	char *path;
	cdr_coding *v;
	size_t n, cap;
	char **broken;
	size_t nbroken, broken_cap;
	/* document ids, codes, origins, times and statuses repeat over
	 * thousands of rows: each string is kept once (a million codings load
	 * with a sixth of the allocations) */
	cdr_strmap pool;
	char **pooled;
	size_t npooled, pooled_cap;
	char *last[5]; /* per field, the previous row's string: rows come in runs */
	/* codings by identity (doc, start, end, code) for cdr_codings_find:
	 * slot = index + 1, 0 empty; rebuilt when codings move */
	size_t *ident, ident_cap;
	int ident_ok;
};

int cdr_coder_valid(const char *name)
{
	if (name == NULL || *name == '\0' || *name == '.' || strlen(name) > 64)
		return 0;
	for (const char *s = name; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		      *s == '_' || *s == '-' || *s == '.'))
			return 0;
	return 1;
}

/* Most codings have no memo: they share this empty one, so that loading
 * a million codings allocates nothing per row. */
static char no_memo[1];

void cdr_coding_memo_release(char *memo)
{
	if (memo != no_memo)
		free(memo);
}

/* all but the memo belong to the set's pool */
static void coding_clear(cdr_coding *k)
{
	cdr_coding_memo_release(k->memo);
	memset(k, 0, sizeof(*k));
}

static char *pooled(cdr_codings *c, const char *s)
{
	size_t i;
	char *copy;

	if (cdr_strmap_get(&c->pool, s, &i))
		return c->pooled[i];
	if (cdr_grow((void **)&c->pooled, &c->pooled_cap, c->npooled + 1, sizeof(char *)) < 0 ||
	    (copy = cdr_strdup(s)) == NULL)
		return NULL;
	if (cdr_strmap_put(&c->pool, copy, c->npooled) < 0) {
		free(copy);
		return NULL;
	}
	return c->pooled[c->npooled++] = copy;
}

enum { F_DOC, F_CODE, F_ORIGIN, F_CREATED, F_STATUS };

/* doc and code are pooled: the same string is the same pointer */
static size_t ident_hash(const char *doc, const char *code, size_t start, size_t end)
{
	uint64_t h = (uint64_t)(uintptr_t)doc * 0x9e3779b97f4a7c15u;
	h = (h ^ (uint64_t)(uintptr_t)code) * 0x9e3779b97f4a7c15u;
	h = (h ^ start) * 0x9e3779b97f4a7c15u;
	h = (h ^ end) * 0x9e3779b97f4a7c15u;
	return (size_t)(h ^ (h >> 29));
}

static void ident_insert(cdr_codings *c, size_t i)
{
	const cdr_coding *k = &c->v[i];
	size_t slot = ident_hash(k->doc, k->code, k->start, k->end) & (c->ident_cap - 1);
	while (c->ident[slot])
		slot = (slot + 1) & (c->ident_cap - 1);
	c->ident[slot] = i + 1;
}

/* Build the index when it is stale or too full; ENOMEM leaves it off
 * and cdr_codings_find scans instead. */
static int ident_ready(cdr_codings *c)
{
	if (c->ident_ok && (c->n + 1) * 2 <= c->ident_cap)
		return 1;
	size_t cap = 64;
	while (cap < (c->n + 1) * 4)
		cap *= 2;
	free(c->ident);
	c->ident_ok = 0;
	if ((c->ident = cdr_calloc(cap, sizeof(size_t))) == NULL) {
		c->ident_cap = 0;
		return 0;
	}
	c->ident_cap = cap;
	for (size_t i = 0; i < c->n; i++)
		ident_insert(c, i);
	c->ident_ok = 1;
	return 1;
}

static char *pooled_field(cdr_codings *c, int field, const char *s)
{
	if (c->last[field] == NULL || strcmp(c->last[field], s) != 0)
		c->last[field] = pooled(c, s);
	return c->last[field];
}

static int push(cdr_codings *c, const char *doc, size_t start, size_t end, const char *code,
		const char *origin, const char *created, const char *memo, const char *status)
{
	cdr_coding *k;

	if (cdr_grow((void **)&c->v, &c->cap, c->n + 1, sizeof(*k)) < 0)
		return CDR_ENOMEM;
	k = &c->v[c->n];
	k->doc = pooled_field(c, F_DOC, doc);
	k->code = pooled_field(c, F_CODE, code);
	k->origin = pooled_field(c, F_ORIGIN, origin);
	k->created = pooled_field(c, F_CREATED, created);
	k->memo = memo && *memo ? cdr_strdup(memo) : no_memo;
	k->status = pooled_field(c, F_STATUS, status ? status : "");
	k->start = start;
	k->end = end;
	if (!k->doc || !k->code || !k->origin || !k->created || !k->memo || !k->status) {
		coding_clear(k);
		return cdr_error_set(CDR_ENOMEM, "out of memory");
	}
	if (c->ident_ok && (c->n + 2) * 2 <= c->ident_cap)
		ident_insert(c, c->n);
	else
		c->ident_ok = 0;
	c->n++;
	return 0;
}

static int keep_broken(cdr_codings *c, const char *line)
{
	char *copy;

	if (cdr_grow((void **)&c->broken, &c->broken_cap, c->nbroken + 1, sizeof(char *)) < 0 ||
	    (copy = cdr_strdup(line)) == NULL)
		return CDR_ENOMEM;
	c->broken[c->nbroken++] = copy;
	return 0;
}

int cdr_codings_load(cdr_codings **out, const cdr_project *p, const char *coder,
		     cdr_warn_fn warn, void *ctx)
{
	char *path;
	size_t plen;
	int rc;

	*out = NULL;
	if (!cdr_coder_valid(coder))
		return cdr_error_set(CDR_EUSAGE, "'%s' is not a valid coder name (letters, digits, _ - .)", coder);
	plen = strlen(cdr_project_path(p)) + strlen(coder) + 16;
	if ((path = cdr_malloc(plen)) == NULL)
		return CDR_ENOMEM;
	snprintf(path, plen, "%s/codings/%s.tsv", cdr_project_path(p), coder);
	rc = cdr_codings_load_file(out, path, coder, warn, ctx);
	free(path);
	return rc;
}

int cdr_codings_load_file(cdr_codings **out, const char *path, const char *coder, cdr_warn_fn warn, void *ctx)
{
	cdr_codings *c;
	char *data = NULL, *line;
	size_t len, pos = 0, lineno = 0;
	cdr_tsv_row row = { 0 };
	char *raw = NULL; /* the line before splitting, for a row kept as broken */
	size_t raw_cap = 0;
	int rc;

	*out = NULL;
	if ((c = cdr_calloc(1, sizeof(*c))) == NULL)
		return CDR_ENOMEM;
	if ((c->coder = cdr_strdup(coder)) == NULL || (c->path = cdr_strdup(path)) == NULL) {
		cdr_codings_free(c);
		return CDR_ENOMEM;
	}
	rc = cdr_file_read(&data, &len, c->path, CODINGS_LIMIT);
	if (rc == CDR_ENOTFOUND) {
		cdr_error_clear();
		*out = c;
		return 0;
	}
	if (rc < 0) {
		cdr_codings_free(c);
		return rc;
	}
	/* a byte-order mark, as spreadsheets save one, is not part of the header */
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;
	while (cdr_next_line(data, len, &pos, &line)) {
		size_t start, end;
		lineno++;
		if (lineno == 1 && strncmp(line, "doc\t", 4) == 0)
			continue;
		if (*line == '\0')
			continue;
		{
			/* keep the raw line before splitting modifies it (one buffer
			 * for every line: no allocation per row) */
			size_t n = strlen(line) + 1;
			if (cdr_grow((void **)&raw, &raw_cap, n, 1) < 0) {
				rc = CDR_ENOMEM;
				break;
			}
			memcpy(raw, line, n);
			if ((rc = cdr_tsv_split(&row, line)) < 0)
				break;
			if (row.n < 4 || row.n > 8 || cdr_parse_size_field(row.fields[1], &start) < 0 ||
			    cdr_parse_size_field(row.fields[2], &end) < 0 || end <= start || !*row.fields[0] || !*row.fields[3]) {
				if (warn) {
					char msg[512];
					snprintf(msg, sizeof(msg), "%s:%zu: unreadable coding row kept as it is (expected doc, start < end, code, ...)",
						 c->path, lineno);
					warn(ctx, msg);
				}
				if ((rc = keep_broken(c, raw)) < 0)
					break;
				continue;
			}
		}
		rc = push(c, row.fields[0], start, end, row.fields[3], row.n > 4 ? row.fields[4] : "manual",
			  row.n > 5 ? row.fields[5] : "", row.n > 6 ? row.fields[6] : "", row.n > 7 ? row.fields[7] : "");
		if (rc < 0)
			break;
	}
	cdr_tsv_row_free(&row);
	free(raw);
	free(data);
	if (rc < 0) {
		cdr_codings_free(c);
		return rc;
	}
	*out = c;
	return 0;
}

static int cmp_coding(const void *a, const void *b)
{
	const cdr_coding *x = a, *y = b;
	int r = strcmp(x->doc, y->doc);

	if (r)
		return r;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return strcmp(x->code, y->code);
}

/* Write the file, or with a transaction stage it there (store.h). */
int cdr_codings_stage(cdr_codings *c, cdr_txn *txn)
{
	cdr_buf b = CDR_BUF_INIT;
	int rc = cdr_buf_puts(&b, HEADER "\n");

	cdr_sort(c->v, c->n, sizeof(cdr_coding), cmp_coding);
	c->ident_ok = 0;
	for (size_t i = 0; i < c->n && rc == 0; i++) {
		const cdr_coding *k = &c->v[i];
		rc = cdr_tsv_put(&b, k->doc);
		if (rc == 0)
			rc = cdr_buf_putc(&b, '\t');
		if (rc == 0)
			rc = cdr_buf_put_size(&b, k->start);
		if (rc == 0)
			rc = cdr_buf_putc(&b, '\t');
		if (rc == 0)
			rc = cdr_buf_put_size(&b, k->end);
		const char *rest[] = { k->code, k->origin, k->created, k->memo, k->status };
		for (size_t f = 0; f < 5 && rc == 0; f++) {
			rc = cdr_buf_putc(&b, '\t');
			if (rc == 0)
				rc = cdr_tsv_put(&b, rest[f]);
		}
		if (rc == 0)
			rc = cdr_buf_putc(&b, '\n');
	}
	for (size_t i = 0; i < c->nbroken && rc == 0; i++) {
		rc = cdr_buf_puts(&b, c->broken[i]);
		if (rc == 0)
			rc = cdr_buf_putc(&b, '\n');
	}
	if (rc == 0)
		rc = txn ? cdr_txn_write(txn, c->path, b.data, b.len) : cdr_file_write_atomic(c->path, b.data, b.len);
	cdr_buf_free(&b);
	return rc;
}

int cdr_codings_save(cdr_codings *c)
{
	return cdr_codings_stage(c, NULL);
}

char *cdr_codings_escape(const char *s)
{
	cdr_buf b = CDR_BUF_INIT;

	if (cdr_tsv_put(&b, s) < 0) {
		cdr_buf_free(&b);
		return NULL;
	}
	return b.data ? b.data : cdr_strdup("");
}

void cdr_codings_free(cdr_codings *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->n; i++)
		coding_clear(&c->v[i]);
	free(c->v);
	for (size_t i = 0; i < c->nbroken; i++)
		free(c->broken[i]);
	free(c->broken);
	for (size_t i = 0; i < c->npooled; i++)
		free(c->pooled[i]);
	free(c->pooled);
	cdr_strmap_clear(&c->pool);
	free(c->ident);
	free(c->coder);
	free(c->path);
	free(c);
}

const char *cdr_codings_coder(const cdr_codings *c) { return c->coder; }
size_t cdr_codings_count(const cdr_codings *c) { return c->n; }
cdr_coding *cdr_codings_get(cdr_codings *c, size_t i) { return i < c->n ? &c->v[i] : NULL; }
size_t cdr_codings_broken(const cdr_codings *c) { return c->nbroken; }

long cdr_codings_find(const cdr_codings *c, const char *doc, size_t start, size_t end, const char *code)
{
	/* the index is a cache: building it does not change the set */
	cdr_codings *m = (cdr_codings *)c;
	size_t di, ci;

	if (ident_ready(m)) {
		if (!cdr_strmap_get(&c->pool, doc, &di) || !cdr_strmap_get(&c->pool, code, &ci))
			return -1;
		const char *pd = c->pooled[di], *pc = c->pooled[ci];
		for (size_t slot = ident_hash(pd, pc, start, end) & (c->ident_cap - 1); c->ident[slot];
		     slot = (slot + 1) & (c->ident_cap - 1)) {
			const cdr_coding *k = &c->v[c->ident[slot] - 1];
			if (k->doc == pd && k->code == pc && k->start == start && k->end == end)
				return (long)(c->ident[slot] - 1);
		}
		return -1;
	}
	for (size_t i = 0; i < c->n; i++)
		if (c->v[i].start == start && c->v[i].end == end && strcmp(c->v[i].doc, doc) == 0 &&
		    strcmp(c->v[i].code, code) == 0)
			return (long)i;
	return -1;
}

int cdr_codings_add(cdr_codings *c, const char *doc, size_t start, size_t end,
		    const char *code, const char *origin, const char *memo)
{
	char created[32];

	if (cdr_codings_find(c, doc, start, end, code) >= 0)
		return cdr_error_set(CDR_EEXISTS, "%s c%zu-%zu is already coded %s by %s", doc, start, end, code, c->coder);
	cdr_now_iso(created);
	return push(c, doc, start, end, code, origin, created, memo, "");
}

int cdr_codings_append(cdr_codings *c, const char *doc, size_t start, size_t end, const char *code,
		       const char *origin, const char *created, const char *memo, const char *status)
{
	return push(c, doc, start, end, code, origin, created, memo, status);
}

int cdr_codings_set_status(cdr_codings *c, size_t i, const char *status)
{
	char *s;

	if (i >= c->n)
		return cdr_error_set(CDR_EUSAGE, "no coding %zu", i);
	if ((s = pooled(c, status)) == NULL)
		return cdr_error_set(CDR_ENOMEM, "out of memory");
	c->v[i].status = s;
	return 0;
}

void cdr_codings_remove(cdr_codings *c, size_t i)
{
	if (i >= c->n)
		return;
	coding_clear(&c->v[i]);
	memmove(c->v + i, c->v + i + 1, (c->n - i - 1) * sizeof(cdr_coding));
	c->ident_ok = 0;
	c->n--;
}

void cdr_codings_filter(cdr_codings *c, int (*keep)(void *ctx, const cdr_coding *k), void *ctx)
{
	size_t w = 0;

	for (size_t i = 0; i < c->n; i++) {
		if (keep(ctx, &c->v[i]))
			c->v[w++] = c->v[i];
		else
			coding_clear(&c->v[i]);
	}
	c->n = w;
	c->ident_ok = 0;
}

/* ---- whole files, documents and codes renamed (coding.h) ------------------ */

const char *cdr_codings_path(const cdr_codings *c) { return c->path; }

/* One row as the file has it. */
static int put_row(cdr_buf *b, const cdr_coding *k)
{
	const char *rest[] = { k->code, k->origin, k->created, k->memo, k->status };
	int rc = cdr_tsv_put(b, k->doc);

	if (rc == 0)
		rc = cdr_buf_printf(b, "\t%zu\t%zu", k->start, k->end);
	for (size_t f = 0; f < 5 && rc == 0; f++) {
		rc = cdr_buf_putc(b, '\t');
		if (rc == 0)
			rc = cdr_tsv_put(b, rest[f]);
	}
	return rc == 0 ? cdr_buf_putc(b, '\n') : rc;
}

int cdr_codings_format(char **out, size_t *len, cdr_codings *c, int (*pick)(void *ctx, const cdr_coding *k),
		       void *ctx)
{
	cdr_buf b = CDR_BUF_INIT;
	int rc = cdr_buf_puts(&b, HEADER "\n");

	*out = NULL;
	cdr_sort(c->v, c->n, sizeof(cdr_coding), cmp_coding);
	c->ident_ok = 0;
	for (size_t i = 0; i < c->n && rc == 0; i++)
		if (pick == NULL || pick(ctx, &c->v[i]))
			rc = put_row(&b, &c->v[i]);
	/* unreadable rows stay in the set's own file, not in a part picked out */
	for (size_t i = 0; i < c->nbroken && rc == 0 && pick == NULL; i++) {
		rc = cdr_buf_puts(&b, c->broken[i]);
		if (rc == 0)
			rc = cdr_buf_putc(&b, '\n');
	}
	if (rc < 0) {
		cdr_buf_free(&b);
		return rc;
	}
	*out = b.data;
	*len = b.len;
	return 0;
}

int cdr_codings_rename_doc(cdr_codings *c, const char *from, const char *to, size_t *n)
{
	char *s = NULL;
	size_t count = 0;

	for (size_t i = 0; i < c->n; i++) {
		if (strcmp(c->v[i].doc, from) != 0)
			continue;
		if (s == NULL && (s = pooled(c, to)) == NULL)
			return cdr_error_set(CDR_ENOMEM, "out of memory");
		c->v[i].doc = s;
		count++;
	}
	c->ident_ok = 0;
	memset(c->last, 0, sizeof(c->last));
	if (n)
		*n = count;
	return 0;
}

int cdr_codings_recode(cdr_codings *c, const char *from, const char *to, size_t *n, size_t *dropped)
{
	char *s, *drop;
	size_t count = 0, gone = 0, w = 0;

	if (c->n == 0 || (s = pooled(c, to)) == NULL || (drop = cdr_calloc(c->n, 1)) == NULL) {
		if (n)
			*n = 0;
		if (dropped)
			*dropped = 0;
		return c->n == 0 ? 0 : cdr_error_set(CDR_ENOMEM, "out of memory");
	}
	/* look up first, change after: the index stays valid while it is used */
	for (size_t i = 0; i < c->n; i++) {
		if (strcmp(c->v[i].code, from) != 0)
			continue;
		count++;
		/* the same span coded with both codes: one coding of the new code */
		drop[i] = cdr_codings_find(c, c->v[i].doc, c->v[i].start, c->v[i].end, to) >= 0;
		gone += drop[i];
	}
	for (size_t i = 0; i < c->n; i++) {
		if (drop[i]) {
			coding_clear(&c->v[i]);
			continue;
		}
		if (strcmp(c->v[i].code, from) == 0)
			c->v[i].code = s;
		c->v[w++] = c->v[i];
	}
	c->n = w;
	free(drop);
	c->ident_ok = 0;
	memset(c->last, 0, sizeof(c->last));
	if (n)
		*n = count;
	if (dropped)
		*dropped = gone;
	return 0;
}

/* ---- accept, reject, unreject (coding.h) ----------------------------------
 * The rules live here rather than in the command, so that every front end
 * (the command line, a page in a browser) applies the same ones. */

int cdr_coding_is_proposal(const cdr_coding *k)
{
	return strncmp(k->origin, "rule:", 5) == 0;
}

static int within(const cdr_coding *k, const char *doc, size_t start, size_t end, const char *code)
{
	return k->start >= start && k->end <= end && strcmp(k->doc, doc) == 0 && strcmp(k->code, code) == 0;
}

int cdr_codings_remove_within(cdr_codings *c, const char *doc, size_t start, size_t end, const char *code,
			      size_t *n)
{
	size_t found = 0;

	for (size_t i = 0; i < c->n;) {
		if (within(&c->v[i], doc, start, end, code)) {
			cdr_codings_remove(c, i);
			found++;
		} else {
			i++;
		}
	}
	if (n)
		*n = found;
	return found ? 0 : cdr_error_set(CDR_ENOTFOUND, "no coding of %s by %s lies within %s c%zu-%zu", code, c->coder,
					 doc, start, end);
}

int cdr_codings_accept(cdr_codings *to, const cdr_codings *from, const char *doc, size_t start, size_t end,
		       const char *code, size_t *n)
{
	size_t found = 0;
	int rc = 0;

	if (n)
		*n = 0;
	size_t rejected = 0;

	for (size_t i = 0; i < from->n && rc == 0; i++) {
		const cdr_coding *k = &from->v[i];
		cdr_buf origin = CDR_BUF_INIT;
		if (!within(k, doc, start, end, code))
			continue;
		/* a rejection stands until it is taken back (unreject) */
		if (strcmp(k->status, "rejected") == 0) {
			rejected++;
			continue;
		}
		found++;
		if (cdr_codings_find(to, k->doc, k->start, k->end, k->code) >= 0)
			continue;
		if ((rc = cdr_buf_printf(&origin, "accept:%s", k->origin)) == 0)
			rc = cdr_codings_add(to, k->doc, k->start, k->end, k->code, origin.data, k->memo);
		cdr_buf_free(&origin);
	}
	if (rc < 0)
		return rc;
	if (n)
		*n = found;
	if (found == 0 && rejected)
		return cdr_error_set(CDR_ENOTFOUND, "every coding of %s by %s within %s c%zu-%zu is rejected (%zu); "
				     "unreject one to accept it", code, from->coder, doc, start, end, rejected);
	return found ? 0 : cdr_error_set(CDR_ENOTFOUND, "no coding of %s by %s lies within %s c%zu-%zu", code, from->coder,
					 doc, start, end);
}

/* Reject (to = "rejected") or unreject (to = ""): check every coding
 * first, so that a refusal changes nothing. */
static int set_rejected(cdr_codings *from, const char *by, int force, const char *doc, size_t start, size_t end,
			const char *code, size_t *n, const char *to)
{
	int unreject = *to == '\0';
	size_t found = 0;
	char *s;

	if (n)
		*n = 0;
	for (size_t i = 0; i < from->n; i++) {
		const cdr_coding *k = &from->v[i];
		if (!within(k, doc, start, end, code) || (unreject && strcmp(k->status, "rejected") != 0))
			continue;
		found++;
		if (cdr_coding_is_proposal(k) || force || strcmp(by, from->coder) == 0)
			continue;
		/* a hand coding is its coder's judgement: nobody else takes it
		 * back (or returns it) without saying so */
		return cdr_error_set(CDR_EUSAGE,
				     "%s c%zu-%zu %s is %s's own coding (origin %s), not a proposal of the rules: only %s "
				     "may %s it",
				     k->doc, k->start, k->end, k->code, from->coder, k->origin, from->coder,
				     unreject ? "unreject" : "reject");
	}
	if (found == 0)
		return cdr_error_set(CDR_ENOTFOUND, "no %scoding of %s by %s lies within %s c%zu-%zu",
				     unreject ? "rejected " : "", code, from->coder, doc, start, end);
	if ((s = pooled(from, to)) == NULL)
		return cdr_error_set(CDR_ENOMEM, "out of memory");
	for (size_t i = 0; i < from->n; i++) {
		cdr_coding *k = &from->v[i];
		if (within(k, doc, start, end, code) && (!unreject || strcmp(k->status, "rejected") == 0))
			k->status = s;
	}
	if (n)
		*n = found;
	return 0;
}

int cdr_codings_reject(cdr_codings *from, const char *by, int force, const char *doc, size_t start, size_t end,
		       const char *code, size_t *n)
{
	return set_rejected(from, by, force, doc, start, end, code, n, "rejected");
}

int cdr_codings_unreject(cdr_codings *from, const char *by, int force, const char *doc, size_t start, size_t end,
			 const char *code, size_t *n)
{
	return set_rejected(from, by, force, doc, start, end, code, n, "");
}

/* ---- replacing a scheme without orphaning codings (coding.h) --------------
 * Here and not in the scheme layer: it reads every coder's codings. */

struct orphan {
	char *code;  /* scheme/code */
	const char *coder;
	size_t n;
};

static int cmp_orphan(const void *a, const void *b)
{
	const struct orphan *x = a, *y = b;
	int r = strcmp(x->code, y->code);
	return r ? r : strcmp(x->coder, y->coder);
}

/* Count the codings of `coder` whose code is in `current` (any code of the
 * scheme when current is NULL) but not in `incoming`. */
static int count_orphans(struct orphan **v, size_t *n, size_t *cap, const cdr_codings *k, const char *coder,
			 const cdr_scheme *incoming, const cdr_scheme *current)
{
	const char *id = cdr_scheme_id(incoming);
	size_t idlen = strlen(id);

	for (size_t i = 0; i < k->n; i++) {
		const char *code = k->v[i].code, *local = code + idlen + 1;
		size_t j;
		if (strncmp(code, id, idlen) != 0 || code[idlen] != '/' || cdr_scheme_find(incoming, local) >= 0 ||
		    (current && cdr_scheme_find(current, local) < 0))
			continue;
		for (j = 0; j < *n; j++)
			if ((*v)[j].coder == coder && strcmp((*v)[j].code, code) == 0)
				break;
		if (j == *n) {
			if (cdr_grow((void **)v, cap, *n + 1, sizeof(**v)) < 0 || ((*v)[j].code = cdr_strdup(code)) == NULL)
				return CDR_ENOMEM;
			(*v)[j].coder = coder;
			(*v)[j].n = 0;
			(*n)++;
		}
		(*v)[j].n++;
	}
	return 0;
}

/* "  scheme/code: N codings (anna 2, auto 1)" per orphaned code */
static int orphan_lines(cdr_buf *b, struct orphan *v, size_t n)
{
	int rc = 0;

	cdr_sort(v, n, sizeof(*v), cmp_orphan);
	for (size_t i = 0; i < n && rc == 0;) {
		size_t j, total = 0;
		for (j = i; j < n && strcmp(v[j].code, v[i].code) == 0; j++)
			total += v[j].n;
		rc = cdr_buf_printf(b, "\n  %s: %zu coding%s (", v[i].code, total, total == 1 ? "" : "s");
		for (size_t k = i; k < j && rc == 0; k++)
			rc = cdr_buf_printf(b, "%s%s %zu", k > i ? ", " : "", v[k].coder, v[k].n);
		if (rc == 0)
			rc = cdr_buf_putc(b, ')');
		i = j;
	}
	return rc;
}

int cdr_schemes_install_checked(cdr_project *p, const char *const *paths, size_t n, int replace, int force,
				char **warning, void (*on_installed)(void *ctx, const char *id, const char *path),
				void *ctx)
{
	char **coders = NULL;
	size_t ncoders = 0, nlost = 0;
	cdr_codings **sets = NULL;
	cdr_buf report = CDR_BUF_INIT;
	int rc;

	if (warning)
		*warning = NULL;
	/* the check and the writes under one lock: no coding slips in between */
	if ((rc = cdr_project_lock(p, NULL)) < 0 || (rc = cdr_coders_list(&coders, &ncoders, p)) < 0)
		return rc;
	if (ncoders && (sets = cdr_calloc(ncoders, sizeof(*sets))) == NULL) {
		rc = CDR_ENOMEM;
		goto done;
	}
	for (size_t c = 0; c < ncoders && rc == 0; c++)
		rc = cdr_codings_load(&sets[c], p, coders[c], NULL, NULL);
	for (size_t f = 0; f < n && rc == 0; f++) {
		cdr_scheme *incoming = NULL, *current = NULL;
		struct orphan *v = NULL;
		size_t nv = 0, cap = 0;
		char target[4400];

		if ((rc = cdr_scheme_load(&incoming, paths[f])) < 0)
			break;
		snprintf(target, sizeof(target), "%s/schemes/%s.xml", cdr_project_path(p), cdr_scheme_id(incoming));
		if (access(target, F_OK) == 0) {
			if (!replace) {
				rc = cdr_error_set(CDR_EEXISTS, "%s: the project already has a scheme '%s'", paths[f],
						   cdr_scheme_id(incoming));
				cdr_scheme_free(incoming);
				break;
			}
			/* a current version that cannot be read: every code of the
			 * scheme that codings use must be in the new one */
			if (cdr_scheme_load(&current, target) < 0) {
				cdr_error_clear();
				current = NULL;
			}
			for (size_t c = 0; c < ncoders && rc == 0; c++)
				rc = count_orphans(&v, &nv, &cap, sets[c], coders[c], incoming, current);
			if (rc == 0 && nv > 0) {
				size_t codes = 0;
				for (size_t i = 0; i < nv; i++) {
					size_t j = 0;
					while (j < i && strcmp(v[j].code, v[i].code) != 0)
						j++;
					codes += j == i;
				}
				nlost += codes;
				rc = cdr_buf_printf(&report, "%s%s: the new version of scheme '%s' lacks %zu code%s that codings use:",
						    report.len ? "\n" : "", paths[f], cdr_scheme_id(incoming), codes,
						    codes == 1 ? "" : "s");
				if (rc == 0)
					rc = orphan_lines(&report, v, nv);
			}
		}
		for (size_t i = 0; i < nv; i++)
			free(v[i].code);
		free(v);
		cdr_scheme_free(current);
		cdr_scheme_free(incoming);
	}
	if (rc == 0 && nlost > 0 && !force) {
		rc = cdr_error_set(CDR_EUNSAFE, "%s\nnothing was replaced: those codings would drop out of every analysis",
				   report.data);
		if (warning) {
			*warning = report.data;
			report.data = NULL;
		}
		goto done;
	}
	for (size_t f = 0; f < n && rc == 0; f++) {
		char *id = NULL;
		if ((rc = cdr_schemes_install(p, paths[f], replace, &id)) == 0 && on_installed)
			on_installed(ctx, id, paths[f]);
		free(id);
	}
	if (rc == 0 && nlost > 0 && warning) {
		*warning = report.data;
		report.data = NULL;
	}
done:
	for (size_t c = 0; c < ncoders && sets; c++)
		cdr_codings_free(sets[c]);
	free(sets);
	cdr_coders_free(coders, ncoders);
	cdr_buf_free(&report);
	return rc;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int cdr_coders_list(char ***out, size_t *n, const cdr_project *p)
{
	char dir[4096], **names = NULL;
	size_t count = 0, cap = 0;
	DIR *d;
	struct dirent *e;

	*out = NULL;
	*n = 0;
	snprintf(dir, sizeof(dir), "%s/codings", cdr_project_path(p));
	if ((d = opendir(dir)) == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		char *name;
		if (len <= 4 || e->d_name[0] == '.' || strcmp(e->d_name + len - 4, ".tsv") != 0)
			continue;
		if (cdr_grow((void **)&names, &cap, count + 1, sizeof(char *)) < 0 ||
		    (name = cdr_strndup(e->d_name, len - 4)) == NULL) {
			closedir(d);
			cdr_coders_free(names, count);
			return CDR_ENOMEM;
		}
		/* a stray file ("auto (kopie).tsv") is not a coder */
		if (!cdr_coder_valid(name)) {
			free(name);
			continue;
		}
		names[count++] = name;
	}
	closedir(d);
	cdr_sort(names, count, sizeof(char *), cmp_name);
	*out = names;
	*n = count;
	return 0;
}

void cdr_coders_free(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* ---- the lint of `scheme check` (coding.h) --------------------------------
 * In the coding layer rather than with the schemes: it runs the engine
 * over the corpus and reads every coder's codings. */

void cdr_lint_free(cdr_lint *l)
{
	if (l == NULL)
		return;
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].code);
		free(l->v[i].rule);
		free(l->v[i].message);
	}
	free(l->v);
	memset(l, 0, sizeof(*l));
}

static int lint_add(cdr_lint *l, cdr_lint_kind kind, const char *code, const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static int lint_add(cdr_lint *l, cdr_lint_kind kind, const char *code, const char *rule, const char *fmt, ...)
{
	cdr_lint_finding f = { kind, NULL, NULL, NULL };
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (len < 0 || (f.message = cdr_malloc((size_t)len + 1)) == NULL)
		return cdr_error_set(CDR_ENOMEM, "out of memory");
	va_start(ap, fmt);
	vsnprintf(f.message, (size_t)len + 1, fmt, ap);
	va_end(ap);
	if ((code && (f.code = cdr_strdup(code)) == NULL) || (rule && (f.rule = cdr_strdup(rule)) == NULL) ||
	    cdr_grow((void **)&l->v, &l->cap, l->n + 1, sizeof(*l->v)) < 0) {
		free(f.code);
		free(f.rule);
		free(f.message);
		return CDR_ENOMEM;
	}
	l->v[l->n++] = f;
	l->problems += kind != CDR_LINT_VALID;
	return 0;
}

static int lint_files(cdr_lint *l, const char *const *files, size_t n)
{
	int rc = 0;

	for (size_t i = 0; i < n && rc == 0; i++) {
		cdr_scheme *s;
		int lrc = cdr_scheme_load(&s, files[i]);
		if (lrc == CDR_ENOMEM)
			return lrc;
		if (lrc < 0) {
			rc = lint_add(l, CDR_LINT_INVALID, NULL, NULL, "%s", cdr_error_last());
			continue;
		}
		rc = lint_add(l, CDR_LINT_VALID, NULL, NULL, "%s: valid (scheme '%s', %zu codes)", files[i],
			      cdr_scheme_id(s), cdr_scheme_code_count(s));
		cdr_scheme_free(s);
	}
	return rc;
}

struct pattern_ctx {
	cdr_lint *l;
	int rc;
};

static void on_bad_pattern(void *ctx, const cdr_code *code, const cdr_rule *rule, const char *message)
{
	struct pattern_ctx *pc = ctx;

	if (pc->rc == 0)
		pc->rc = lint_add(pc->l, CDR_LINT_PATTERN, code->qualified, rule->id, "%s", message);
}

/* Run the engine over every document; a finding per rule that hit the
 * match limit, matches nothing, or matches too often. */
static int lint_rules(cdr_lint *l, const cdr_project *p, const cdr_schemes *set, const char *const *ids, size_t nids,
		      double max_share, int *refused)
{
	size_t ndocs = cdr_project_doc_count(p), nstats, turns;
	const cdr_rule_stats *stats;
	cdr_engine *engine = NULL;
	int rc;

	if ((rc = cdr_engine_new(&engine, set, ids, nids)) < 0) {
		if (rc != CDR_EFORMAT)
			return rc;
		*refused = 1;
		return lint_add(l, CDR_LINT_PATTERN, NULL, NULL, "%s", cdr_error_last());
	}
	for (size_t i = 0; i < ndocs && rc == 0; i++) {
		cdr_document *doc;
		cdr_proposals props = { 0 };
		if ((rc = cdr_project_doc_load(&doc, p, cdr_project_doc_id(p, i), 1)) < 0)
			break;
		rc = cdr_engine_run(engine, doc, &props, NULL, NULL);
		cdr_proposals_free(&props);
		cdr_document_free(doc);
	}
	nstats = cdr_engine_stats(engine, &stats);
	turns = cdr_engine_turns_seen(engine);
	for (size_t i = 0; i < nstats && rc == 0; i++) {
		const cdr_rule_stats *st = &stats[i];
		const cdr_scheme *scheme = cdr_schemes_scheme_of(set, st->code);
		const char *path = scheme ? cdr_scheme_path(scheme) : "";
		const char *code = st->code->qualified, *rule = st->rule->id;
		int line = st->rule->line;
		if (st->limit_hits > 0)
			rc = lint_add(l, CDR_LINT_MATCH_LIMIT, code, rule,
				      "%s:%d: rule %s#%s hit the PCRE2 match limit in %zu turn%s (catastrophic backtracking?)",
				      path, line, code, rule, st->limit_hits, st->limit_hits == 1 ? "" : "s");
		if (rc < 0)
			break;
		if (ndocs > 0 && st->matches == 0)
			rc = lint_add(l, CDR_LINT_NO_MATCH, code, rule, "%s:%d: rule %s#%s matches nothing in the project's %zu documents",
				      path, line, code, rule, ndocs);
		else if (turns > 0 && (double)st->turns / (double)turns > max_share)
			rc = lint_add(l, CDR_LINT_TOO_BROAD, code, rule,
				      "%s:%d: rule %s#%s matches in %.0f%% of the turns (%zu of %zu; more than %.0f%%)", path, line,
				      code, rule, 100.0 * (double)st->turns / (double)turns, st->turns, turns, 100.0 * max_share);
	}
	cdr_engine_free(engine);
	return rc;
}

/* Codings whose code no scheme defines drop out of every analysis. A
 * codings file that cannot be read is passed over: its coder's commands
 * report it. */
static int lint_codings(cdr_lint *l, const cdr_project *p, const cdr_schemes *set)
{
	char **coders = NULL;
	size_t ncoders = 0;
	int rc;

	if ((rc = cdr_coders_list(&coders, &ncoders, p)) < 0)
		return rc;
	for (size_t c = 0; c < ncoders && rc == 0; c++) {
		cdr_codings *k;
		int lrc = cdr_codings_load(&k, p, coders[c], NULL, NULL);
		if (lrc < 0) {
			rc = lrc == CDR_ENOMEM ? lrc : 0;
			continue;
		}
		for (size_t i = 0; i < k->n && rc == 0; i++) {
			const cdr_code *code;
			const cdr_coding *cd = &k->v[i];
			int rrc = cdr_schemes_resolve(&code, set, cd->code);
			if (rrc == CDR_ENOMEM)
				rc = rrc;
			else if (rrc < 0)
				rc = lint_add(l, CDR_LINT_UNKNOWN_CODE, cd->code, NULL,
					      "codings/%s.tsv: %s c%zu-%zu: code '%s' is in no scheme", coders[c], cd->doc,
					      cd->start, cd->end, cd->code);
		}
		cdr_codings_free(k);
	}
	cdr_coders_free(coders, ncoders);
	return rc;
}

int cdr_schemes_lint(cdr_lint *out, const cdr_project *p, const cdr_schemes *set, const cdr_lint_options *opts)
{
	double max_share = opts->max_share != 0 ? opts->max_share : CDR_LINT_MAX_SHARE;
	size_t before;
	int rc, refused = 0;

	memset(out, 0, sizeof(*out));
	if (!(max_share > 0 && max_share <= 1))
		return cdr_error_set(CDR_EUSAGE, "the share of turns must be a number above 0 and at most 1");
	for (size_t i = 0; i < opts->nschemes; i++)
		if (cdr_schemes_find(set, opts->schemes[i]) == NULL)
			return cdr_error_set(CDR_ENOTFOUND, "no scheme '%s' in the project", opts->schemes[i]);
	if ((rc = lint_files(out, opts->files, opts->nfiles)) < 0)
		return rc;
	/* files alone are checked as files; a bad file says enough */
	if (out->problems > 0 || (opts->nfiles > 0 && opts->nschemes == 0))
		return 0;
	/* every pattern, so that all invalid ones are listed before any runs */
	before = out->problems;
	for (size_t s = 0; s < cdr_schemes_count(set); s++) {
		const cdr_scheme *scheme = cdr_schemes_get(set, s);
		struct pattern_ctx pc = { out, 0 };
		int wanted = opts->nschemes == 0;
		for (size_t i = 0; i < opts->nschemes; i++)
			wanted |= strcmp(opts->schemes[i], cdr_scheme_id(scheme)) == 0;
		if (wanted)
			cdr_scheme_check_patterns(scheme, on_bad_pattern, &pc);
		if (pc.rc < 0)
			return pc.rc;
	}
	if (out->problems > before)
		return 0;
	if ((rc = lint_rules(out, p, set, opts->schemes, opts->nschemes, max_share, &refused)) < 0)
		return rc;
	/* rules the engine refused ran nowhere: the codings wait for the fix */
	if (refused)
		return 0;
	return lint_codings(out, p, set);
}
