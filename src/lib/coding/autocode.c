/* autocode.c -- run the engine over a project's documents and store the
 * proposals as one coder's codings.
 *
 * Reruns are idempotent: the rule codings of the chosen schemes for the
 * chosen documents are replaced, but a coding that comes back keeps its
 * created time, memo and a "rejected" status, so an unchanged corpus and
 * unchanged schemes give the same file byte for byte. The old codings are
 * set aside in one pass and looked up by binary search, so the work stays
 * linear in documents plus codings. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "codeer/autocode.h"
#include "codeer/error.h"
#include "util/alloc.h"
#include "util/array.h"
#include "util/buf.h"
#include "util/clock.h"

struct old_coding {
	char *doc, *code, *created, *memo, *status;
	size_t start, end;
	int matched;
};

struct setaside {
	const cdr_engine *engine;
	cdr_coding *kept;          /* the coder's other codings, sorted (shallow copies:
	                              appending may move the array, not the strings) */
	size_t nkept;
	char **docs;           /* the documents being coded, sorted */
	size_t ndocs;
	struct old_coding *old;
	size_t nold, cap;
	int failed;
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int is_ours(const cdr_engine *e, const char *origin)
{
	char scheme[256];
	const char *slash;

	if (strncmp(origin, "rule:", 5) != 0 || (slash = strchr(origin + 5, '/')) == NULL ||
	    (size_t)(slash - origin - 5) >= sizeof(scheme))
		return 0;
	memcpy(scheme, origin + 5, (size_t)(slash - origin - 5));
	scheme[slash - origin - 5] = '\0';
	return cdr_engine_has_scheme(e, scheme);
}

static int keep_coding(void *ctx, const cdr_coding *k)
{
	struct setaside *s = ctx;
	const char *key = k->doc;
	struct old_coding *o;

	if (!is_ours(s->engine, k->origin) || cdr_search(&key, s->docs, s->ndocs, sizeof(char *), cmp_str) == NULL)
		return 1;
	if (cdr_grow((void **)&s->old, &s->cap, s->nold + 1, sizeof(*o)) < 0) {
		s->failed = 1;
		return 1;
	}
	o = &s->old[s->nold++];
	memset(o, 0, sizeof(*o));
	o->start = k->start;
	o->end = k->end;
	o->doc = cdr_strdup(k->doc);
	o->code = cdr_strdup(k->code);
	o->created = cdr_strdup(k->created);
	o->memo = cdr_strdup(k->memo);
	o->status = cdr_strdup(k->status);
	if (!o->doc || !o->code || !o->created || !o->memo || !o->status)
		s->failed = 1;
	return 0;
}

static int cmp_old(const void *x, const void *y)
{
	const struct old_coding *a = x, *b = y;
	int r = strcmp(a->doc, b->doc);

	if (r)
		return r;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->end != b->end)
		return a->end < b->end ? -1 : 1;
	return strcmp(a->code, b->code);
}

static struct old_coding *old_find(struct setaside *s, const char *doc, size_t start, size_t end,
				   const char *code)
{
	struct old_coding key = { (char *)doc, (char *)code, NULL, NULL, NULL, start, end, 0 };
	return cdr_search(&key, s->old, s->nold, sizeof(*s->old), cmp_old);
}

static int cmp_kept(const void *x, const void *y)
{
	const cdr_coding *a = x, *b = y;
	int r = strcmp(a->doc, b->doc);

	if (r)
		return r;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->end != b->end)
		return a->end < b->end ? -1 : 1;
	return strcmp(a->code, b->code);
}

static int index_kept(struct setaside *s, cdr_codings *codings)
{
	size_t n = cdr_codings_count(codings);

	if ((s->kept = cdr_calloc(n ? n : 1, sizeof(cdr_coding))) == NULL)
		return CDR_ENOMEM;
	for (size_t i = 0; i < n; i++)
		s->kept[s->nkept++] = *cdr_codings_get(codings, i);
	cdr_sort(s->kept, s->nkept, sizeof(cdr_coding), cmp_kept);
	return 0;
}

static int already_kept(const struct setaside *s, const char *doc, size_t start, size_t end, const char *code)
{
	cdr_coding key = { (char *)doc, start, end, (char *)code, NULL, NULL, NULL, NULL };
	return cdr_search(&key, s->kept, s->nkept, sizeof(cdr_coding), cmp_kept) != NULL;
}

static void setaside_free(struct setaside *s)
{
	free(s->kept);
	for (size_t i = 0; i < s->nold; i++) {
		free(s->old[i].doc);
		free(s->old[i].code);
		free(s->old[i].created);
		free(s->old[i].memo);
		free(s->old[i].status);
	}
	free(s->old);
	free(s->docs);
}

static int store_doc(cdr_codings *codings, struct setaside *s, const char *doc, const cdr_proposals *props,
		     cdr_autocode_result *res)
{
	char created[32];
	int rc = 0;

	cdr_now_iso(created);
	for (size_t i = 0; i < props->n && rc == 0; i++) {
		const cdr_proposal *p = &props->v[i];
		struct old_coding *o = old_find(s, doc, p->span.start, p->span.end, p->code->qualified);
		if (already_kept(s, doc, p->span.start, p->span.end, p->code->qualified))
			continue;
		rc = cdr_codings_append(codings, doc, p->span.start, p->span.end, p->code->qualified, p->origin,
					o ? o->created : created, o ? o->memo : "", o ? o->status : "");
		res->codings++;
		if (o) {
			o->matched = 1;
			res->rejected += strcmp(o->status, "rejected") == 0;
		} else {
			res->added++;
		}
	}
	return rc;
}

/* The project's documents as a source for cdr_engine_map: items are
 * indexes into the list of documents to code. */
struct feed {
	cdr_project *p;
	const cdr_autocode_options *opts;
	struct setaside *aside;
	cdr_codings *codings;
	cdr_autocode_result *result;
	size_t ndocs, next;
};

static const char *feed_id(const struct feed *f, size_t i)
{
	return f->opts->ndocs ? f->aside->docs[i] : cdr_project_doc_id(f->p, i);
}

static int feed_next(void *ctx, void **item)
{
	struct feed *f = ctx;

	if (f->next == f->ndocs)
		return 0;
	*item = (void *)(uintptr_t)f->next++;
	return 1;
}

static int feed_load(void *ctx, void *item, cdr_document **doc)
{
	struct feed *f = ctx;
	return cdr_project_doc_load(doc, f->p, feed_id(f, (size_t)(uintptr_t)item), 1);
}

static int feed_done(void *ctx, void *item, const cdr_document *doc, const cdr_proposals *props)
{
	struct feed *f = ctx;
	int rc;

	if (f->opts->on_doc)
		f->opts->on_doc(f->opts->ctx, doc, props);
	if ((rc = store_doc(f->codings, f->aside, feed_id(f, (size_t)(uintptr_t)item), props, f->result)) < 0)
		return rc;
	f->result->docs++;
	return 0;
}

static void feed_limit(void *ctx, const cdr_document *doc, long turn, const cdr_code *code, const cdr_rule *rule)
{
	struct feed *f = ctx;
	f->opts->on_limit(f->opts->ctx, doc, turn, code, rule);
}

static int set_cache(cdr_engine *e, const cdr_project *p, const cdr_autocode_options *opts)
{
	cdr_buf b = CDR_BUF_INIT;
	int rc;

	if (cdr_buf_printf(&b, "%s/%s", cdr_project_path(p), CDR_CACHE_DIR) < 0) {
		cdr_buf_free(&b);
		return CDR_ENOMEM;
	}
	rc = cdr_engine_set_cache(e, b.data, opts->on_warn, opts->ctx);
	cdr_buf_free(&b);
	return rc;
}

int cdr_autocode(cdr_project *p, const cdr_schemes *set, const cdr_autocode_options *opts,
		 cdr_autocode_result *result)
{
	const char *coder = opts->coder ? opts->coder : "auto";
	cdr_engine *engine = NULL;
	cdr_codings *codings = NULL;
	struct setaside aside = { 0 };
	size_t ndocs = opts->ndocs ? opts->ndocs : cdr_project_doc_count(p);
	int rc;

	memset(result, 0, sizeof(*result));
	if (!cdr_coder_valid(coder))
		return cdr_error_set(CDR_EUSAGE, "'%s' is not a valid coder name (letters, digits, _ - .)", coder);
	for (size_t i = 0; i < opts->ndocs; i++)
		if (!cdr_project_has_doc(p, opts->docs[i]))
			return cdr_error_set(CDR_ENOTFOUND, "no document '%s' in the project (see 'codeer docs')", opts->docs[i]);
	if ((rc = cdr_engine_new(&engine, set, opts->schemes, opts->nschemes)) < 0)
		return rc;
	if (!opts->dry_run && (rc = cdr_project_lock(p, NULL)) < 0)
		goto done;
	/* loaded under the lock, so that a concurrent run's result is seen */
	if ((rc = cdr_codings_load(&codings, p, coder, opts->on_warn, opts->ctx)) < 0)
		goto done;
	if ((aside.docs = cdr_calloc(ndocs ? ndocs : 1, sizeof(char *))) == NULL) {
		rc = CDR_ENOMEM;
		goto done;
	}
	for (size_t i = 0; i < ndocs; i++)
		aside.docs[i] = (char *)(opts->ndocs ? opts->docs[i] : cdr_project_doc_id(p, i));
	aside.ndocs = ndocs;
	cdr_sort(aside.docs, ndocs, sizeof(char *), cmp_str);
	/* a document named twice is coded once */
	if (ndocs > 1) {
		size_t w = 1;
		for (size_t i = 1; i < ndocs; i++)
			if (strcmp(aside.docs[i], aside.docs[w - 1]) != 0)
				aside.docs[w++] = aside.docs[i];
		aside.ndocs = ndocs = w;
	}
	aside.engine = engine;
	cdr_codings_filter(codings, keep_coding, &aside);
	if (aside.failed) {
		rc = cdr_error_set(CDR_ENOMEM, "out of memory");
		goto done;
	}
	cdr_sort(aside.old, aside.nold, sizeof(*aside.old), cmp_old);
	/* what the coder has besides: a proposal equal to one of those is not added twice */
	if ((rc = index_kept(&aside, codings)) < 0)
		goto done;
	{
		struct feed f = { p, opts, &aside, codings, result, ndocs, 0 };
		cdr_doc_source src = { feed_next, feed_load, feed_done, NULL, opts->on_limit ? feed_limit : NULL, &f, NULL };
		if (!opts->no_cache && (rc = set_cache(engine, p, opts)) < 0)
			goto done;
		if ((rc = cdr_engine_map(engine, opts->threads, &src)) < 0)
			goto done;
	}
	for (size_t i = 0; i < aside.nold; i++)
		result->removed += !aside.old[i].matched;
	if (!opts->dry_run)
		rc = cdr_codings_save(codings);
done:
	setaside_free(&aside);
	cdr_codings_free(codings);
	cdr_engine_free(engine);
	return rc;
}
