/* engine.c -- the rule engine behind autocode (see autocode.h).
 *
 * A document is cut into regions: its turns and the text between them.
 * Matches never cross a region (a rule is about what one speaker says).
 * One Hyperscan pass over the document marks, for every rule at once, the
 * regions where it may match (prefilter.c); PCRE2 JIT then runs each rule
 * only in those regions. A rule's <unless> and <near> patterns run in the
 * same region into sorted span lists, so each check on a match is a
 * binary search. Work happens in bytes; spans become code points only at
 * the end, in one forward pass. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codeer/autocode.h"
#include "codeer/error.h"
#include "codeer/text.h"
#include "coding/engine.h"
#include "coding/prefilter.h"
#include "util/alloc.h"
#include "util/array.h"

struct compiled_rule {
	const cdr_code *code;
	const cdr_rule *rule;
	const cdr_scheme *scheme;
	size_t rank;         /* of its code's qualified name among the rules' */
	pcre2_code *re;
	pcre2_code **unless;
	pcre2_code *near;
	pcre2_code *speaker;
	pcre2_code *speaker_not;
	cdr_rule_stats stats;
};

/* The compiled rules are shared by every thread; what a run changes
 * (match data, Hyperscan scratch, statistics) is a worker's. */
struct cdr_engine {
	struct compiled_rule *rules;
	size_t n, cap;
	const cdr_scheme **schemes;
	size_t nschemes;
	pcre2_match_context *mctx;
	cdr_engine_worker *w0;    /* cdr_engine_run's, and where statistics add up */
	pthread_mutex_t lock;     /* guards the prefilter's lazy construction */
	cdr_prefilter *prefilter;
	int prefilter_tried, cache_checked;
	size_t bytes_seen;
	char *cache_dir;
	cdr_warn_fn on_warn;
	void *warn_ctx;
};

struct cdr_engine_worker {
	cdr_engine *e;
	pcre2_match_data *md;
	pcre2_match_context *bounded; /* the engine's limits plus an offset limit */
	cdr_prefilter_state *pf;
	cdr_rule_stats *stats;
	size_t turns_seen;
};

#define CDR_PREFILTER_AFTER ((size_t)4 << 20)

/* Byte spans of a document's structure. */
struct layout {
	const char *text;
	size_t len;
	cdr_span *turns, *paras, *sents;
	size_t nturns, nparas, nsents;
	cdr_span *regions;   /* turns and the gaps between them, covering the text */
	long *region_turn;   /* turn index of a region, -1 for a gap */
	size_t nregions;
};

struct hit {
	size_t start, end;   /* bytes */
	size_t rule;         /* index into engine->rules */
	size_t rank;         /* the rule's rank: hits sort by code name */
	const cdr_code *code;
};

static int compile(pcre2_code **out, const char *pattern, uint32_t extra, int caseless, const struct compiled_rule *r,
		   const char *what)
{
	int errcode;
	PCRE2_SIZE erroff;
	uint32_t flags = PCRE2_UTF | PCRE2_UCP | extra | (caseless ? PCRE2_CASELESS : 0);

	*out = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, flags, &errcode, &erroff, NULL);
	if (*out == NULL) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(errcode, msg, sizeof(msg));
		return cdr_error_set(CDR_EFORMAT, "%s:%d: rule %s#%s: %s '%s': %s at offset %zu",
				     cdr_scheme_path(r->scheme), r->rule->line, r->code->qualified, r->rule->id,
				     what, pattern, (char *)msg, (size_t)erroff);
	}
	pcre2_jit_compile(*out, PCRE2_JIT_COMPLETE); /* the interpreter remains when JIT is unavailable */
	return 0;
}

static int compile_rule(struct compiled_rule *r)
{
	int rc;

	/* the offset limit lets PCRE2 stop where the prefilter says no match
	 * can start any more (run_rule) */
	if ((rc = compile(&r->re, r->rule->pattern, PCRE2_USE_OFFSET_LIMIT, r->rule->caseless, r, "pattern")) < 0)
		return rc;
	if (r->rule->nunless && (r->unless = cdr_calloc(r->rule->nunless, sizeof(pcre2_code *))) == NULL)
		return CDR_ENOMEM;
	for (size_t u = 0; u < r->rule->nunless; u++)
		if ((rc = compile(&r->unless[u], r->rule->unless[u], 0, r->rule->caseless, r, "unless")) < 0)
			return rc;
	if (r->rule->near && (rc = compile(&r->near, r->rule->near, 0, r->rule->caseless, r, "near")) < 0)
		return rc;
	if (r->rule->speaker && (rc = compile(&r->speaker, r->rule->speaker, 0, 0, r, "speaker")) < 0)
		return rc;
	if (r->rule->speaker_not && (rc = compile(&r->speaker_not, r->rule->speaker_not, 0, 0, r, "speaker-not")) < 0)
		return rc;
	return 0;
}

void cdr_engine_free(cdr_engine *e)
{
	if (e == NULL)
		return;
	for (size_t i = 0; i < e->n; i++) {
		struct compiled_rule *r = &e->rules[i];
		pcre2_code_free(r->re);
		for (size_t u = 0; r->unless && u < r->rule->nunless; u++)
			pcre2_code_free(r->unless[u]);
		free(r->unless);
		pcre2_code_free(r->near);
		pcre2_code_free(r->speaker);
		pcre2_code_free(r->speaker_not);
	}
	cdr_engine_worker_free(e->w0);
	free(e->rules);
	free(e->schemes);
	cdr_prefilter_free(e->prefilter);
	free(e->cache_dir);
	pcre2_match_context_free(e->mctx);
	pthread_mutex_destroy(&e->lock);
	free(e);
}

int cdr_engine_worker_new(cdr_engine_worker **out, cdr_engine *e)
{
	cdr_engine_worker *w;

	*out = NULL;
	if ((w = cdr_calloc(1, sizeof(*w))) == NULL || (w->md = pcre2_match_data_create(16, NULL)) == NULL ||
	    (w->bounded = pcre2_match_context_copy(e->mctx)) == NULL ||
	    (w->stats = cdr_calloc(e->n ? e->n : 1, sizeof(cdr_rule_stats))) == NULL) {
		cdr_engine_worker_free(w);
		return cdr_error_set(CDR_ENOMEM, "out of memory");
	}
	w->e = e;
	for (size_t i = 0; i < e->n; i++) {
		w->stats[i].code = e->rules[i].code;
		w->stats[i].rule = e->rules[i].rule;
	}
	*out = w;
	return 0;
}

void cdr_engine_worker_free(cdr_engine_worker *w)
{
	if (w == NULL)
		return;
	pcre2_match_data_free(w->md);
	pcre2_match_context_free(w->bounded);
	cdr_prefilter_state_free(w->pf);
	free(w->stats);
	free(w);
}

void cdr_engine_worker_merge(cdr_engine_worker *w)
{
	cdr_engine_worker *to = w->e->w0;

	if (w == to)
		return;
	for (size_t i = 0; i < w->e->n; i++) {
		to->stats[i].matches += w->stats[i].matches;
		to->stats[i].turns += w->stats[i].turns;
		to->stats[i].limit_hits += w->stats[i].limit_hits;
		w->stats[i].matches = w->stats[i].turns = w->stats[i].limit_hits = 0;
	}
	to->turns_seen += w->turns_seen;
	w->turns_seen = 0;
}

int cdr_engine_set_cache(cdr_engine *e, const char *dir, cdr_warn_fn warn, void *ctx)
{
	char *copy = NULL;

	if (dir && (copy = cdr_strdup(dir)) == NULL)
		return CDR_ENOMEM;
	free(e->cache_dir);
	e->cache_dir = copy;
	e->on_warn = warn;
	e->warn_ctx = ctx;
	return 0;
}

static int cmp_rule_name(const void *x, const void *y)
{
	const struct compiled_rule *a = *(struct compiled_rule *const *)x, *b = *(struct compiled_rule *const *)y;

	return strcmp(a->code->qualified, b->code->qualified);
}

/* Hits sort by their code's name, many thousand times per document: a
 * number per rule, equal for equal names, saves the string comparisons. */
static int rank_rules(cdr_engine *e)
{
	struct compiled_rule **by_name = cdr_calloc(e->n ? e->n : 1, sizeof(*by_name));

	if (by_name == NULL)
		return cdr_error_set(CDR_ENOMEM, "out of memory");
	for (size_t i = 0; i < e->n; i++)
		by_name[i] = &e->rules[i];
	cdr_sort(by_name, e->n, sizeof(*by_name), cmp_rule_name);
	for (size_t i = 0, rank = 0; i < e->n; i++) {
		if (i && cmp_rule_name(&by_name[i - 1], &by_name[i]) != 0)
			rank++;
		by_name[i]->rank = rank;
	}
	free(by_name);
	return 0;
}

int cdr_engine_new(cdr_engine **out, const cdr_schemes *set, const char *const *ids, size_t n)
{
	cdr_engine *e;
	size_t cap = 0;
	int rc = 0;

	*out = NULL;
	if ((e = cdr_calloc(1, sizeof(*e))) == NULL)
		return CDR_ENOMEM;
	if (pthread_mutex_init(&e->lock, NULL) != 0) {
		free(e);
		return cdr_error_set(CDR_ENOMEM, "out of memory");
	}
	for (size_t i = 0; i < n; i++)
		if (cdr_schemes_find(set, ids[i]) == NULL) {
			cdr_engine_free(e);
			return cdr_error_set(CDR_ENOTFOUND, "no scheme '%s' in the project (see 'codeer scheme list')", ids[i]);
		}
	for (size_t s = 0; s < cdr_schemes_count(set) && rc == 0; s++) {
		const cdr_scheme *scheme = cdr_schemes_get(set, s);
		int wanted = n == 0;
		for (size_t i = 0; i < n; i++)
			wanted |= strcmp(ids[i], cdr_scheme_id(scheme)) == 0;
		if (!wanted)
			continue;
		if ((rc = cdr_grow((void **)&e->schemes, &cap, e->nschemes + 1, sizeof(cdr_scheme *))) < 0)
			break;
		e->schemes[e->nschemes++] = scheme;
		for (size_t c = 0; c < cdr_scheme_code_count(scheme) && rc == 0; c++) {
			const cdr_code *code = cdr_scheme_code(scheme, c);
			for (size_t r = 0; r < code->nrules && rc == 0; r++) {
				struct compiled_rule *cr;
				if ((rc = cdr_grow((void **)&e->rules, &e->cap, e->n + 1, sizeof(*cr))) < 0)
					break;
				cr = &e->rules[e->n++];
				memset(cr, 0, sizeof(*cr));
				cr->code = code;
				cr->rule = &code->rules[r];
				cr->scheme = scheme;
				rc = compile_rule(cr);
			}
		}
	}
	if (rc == 0)
		rc = rank_rules(e);
	if (rc == 0 && (e->mctx = pcre2_match_context_create(NULL)) == NULL)
		rc = cdr_error_set(CDR_ENOMEM, "out of memory");
	if (rc == 0) {
		/* set before any worker copies the context */
		pcre2_set_match_limit(e->mctx, CDR_MATCH_LIMIT);
		pcre2_set_depth_limit(e->mctx, CDR_MATCH_LIMIT / 10);
		rc = cdr_engine_worker_new(&e->w0, e);
	}
	if (rc < 0) {
		cdr_engine_free(e);
		return rc;
	}
	*out = e;
	return 0;
}

/* Compile the prefilter once enough text has passed to repay its
 * compilation (about a second for the shipped schemes): small projects
 * never wait for it. A database in the cache costs next to nothing, so
 * it is read at once. CODEER_PREFILTER=on builds it at once, =off never.
 * Called with e->lock held. */
static int build_prefilter(cdr_engine *e, int only_cached)
{
	const char **pats;
	int *caseless, rc = 0;

	pats = cdr_calloc(e->n ? e->n : 1, sizeof(char *));
	caseless = cdr_calloc(e->n ? e->n : 1, sizeof(int));
	if (pats == NULL || caseless == NULL) {
		free(pats);
		free(caseless);
		return cdr_error_set(CDR_ENOMEM, "out of memory");
	}
	for (size_t i = 0; i < e->n; i++) {
		pats[i] = e->rules[i].rule->pattern;
		caseless[i] = e->rules[i].rule->caseless;
	}
	if (!only_cached || cdr_prefilter_cached(e->cache_dir, pats, caseless, e->n)) {
		e->prefilter_tried = 1;
		rc = cdr_prefilter_new(&e->prefilter, pats, caseless, e->n, e->cache_dir, e->on_warn, e->warn_ctx);
	}
	free(pats);
	free(caseless);
	return rc;
}

static int ensure_prefilter(cdr_engine_worker *w, size_t upcoming)
{
	cdr_engine *e = w->e;
	const char *env = getenv("CODEER_PREFILTER");
	const cdr_prefilter *pf;
	int rc = 0;

	pthread_mutex_lock(&e->lock);
	if (!e->prefilter_tried && !(env && strcmp(env, "off") == 0)) {
		e->bytes_seen += upcoming;
		if ((env && strcmp(env, "on") == 0) || e->bytes_seen >= CDR_PREFILTER_AFTER) {
			rc = build_prefilter(e, 0);
		} else if (e->cache_dir && !e->cache_checked) {
			e->cache_checked = 1;
			rc = build_prefilter(e, 1);
		}
	}
	pf = e->prefilter;
	pthread_mutex_unlock(&e->lock);
	if (rc == 0 && w->pf == NULL && pf)
		rc = cdr_prefilter_state_new(&w->pf, pf);
	return rc;
}

const char *cdr_engine_prefilter(const cdr_engine *e)
{
	return cdr_prefilter_name(e->prefilter);
}

size_t cdr_engine_rule_count(const cdr_engine *e) { return e->n; }
size_t cdr_engine_turns_seen(const cdr_engine *e) { return e->w0->turns_seen; }

size_t cdr_engine_stats(const cdr_engine *e, const cdr_rule_stats **out)
{
	*out = e->w0->stats;
	return e->n;
}

int cdr_engine_has_scheme(const cdr_engine *e, const char *scheme_id)
{
	for (size_t i = 0; i < e->nschemes; i++)
		if (strcmp(cdr_scheme_id(e->schemes[i]), scheme_id) == 0)
			return 1;
	return 0;
}

void cdr_proposals_free(cdr_proposals *p)
{
	free(p->v);
	p->v = NULL;
	p->n = p->cap = 0;
}

/* ---- the document's structure in bytes --------------------------------- */

static int to_bytes(cdr_span **out, size_t n, const cdr_span *(*get)(const cdr_document *, size_t),
		    const cdr_document *doc, const struct layout *L)
{
	cdr_cp_cursor cur;
	cdr_span *v = cdr_malloc((n ? n : 1) * sizeof(cdr_span));

	if (v == NULL)
		return CDR_ENOMEM;
	cdr_cp_cursor_init(&cur, L->text, L->len);
	for (size_t i = 0; i < n; i++) {
		const cdr_span *s = get(doc, i);
		v[i].start = cdr_cp_cursor_byte(&cur, s->start);
		v[i].end = cdr_cp_cursor_byte(&cur, s->end);
	}
	*out = v;
	return 0;
}

static const cdr_span *turn_span(const cdr_document *doc, size_t i)
{
	return &cdr_document_turn(doc, i)->span;
}

static int layout_init(struct layout *L, const cdr_document *doc)
{
	memset(L, 0, sizeof(*L));
	L->text = cdr_document_text(doc, &L->len);
	L->nturns = cdr_document_turn_count(doc);
	L->nparas = cdr_document_paragraph_count(doc);
	L->nsents = cdr_document_sentence_count(doc);
	if (to_bytes(&L->turns, L->nturns, turn_span, doc, L) < 0 ||
	    to_bytes(&L->paras, L->nparas, cdr_document_paragraph, doc, L) < 0 ||
	    to_bytes(&L->sents, L->nsents, cdr_document_sentence, doc, L) < 0)
		return CDR_ENOMEM;
	/* regions: gap, turn, gap, turn, ..., gap (empty gaps left out) */
	if ((L->regions = cdr_malloc((2 * L->nturns + 1) * sizeof(cdr_span))) == NULL ||
	    (L->region_turn = cdr_malloc((2 * L->nturns + 1) * sizeof(long))) == NULL)
		return CDR_ENOMEM;
	{
		size_t pos = 0;
		for (size_t t = 0; t <= L->nturns; t++) {
			size_t gap_end = t < L->nturns ? L->turns[t].start : L->len;
			if (gap_end > pos) {
				L->regions[L->nregions].start = pos;
				L->regions[L->nregions].end = gap_end;
				L->region_turn[L->nregions++] = -1;
			}
			if (t == L->nturns)
				break;
			L->regions[L->nregions] = L->turns[t];
			L->region_turn[L->nregions++] = (long)t;
			pos = L->turns[t].end;
		}
	}
	return 0;
}

static void layout_free(struct layout *L)
{
	free(L->turns);
	free(L->paras);
	free(L->sents);
	free(L->regions);
	free(L->region_turn);
}

/* Index of the span containing byte b (start <= b < end, or an empty span
 * starting at b), or -1. Spans are sorted and disjoint. */
static long span_at(const cdr_span *v, size_t n, size_t b)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid].start <= b)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return -1;
	lo--;
	return b < v[lo].end || b == v[lo].start ? (long)lo : -1;
}

/* ---- span lists of <unless> and <near> --------------------------------- */

struct spans {
	cdr_span *v;
	size_t n, cap;
	size_t *max_end;   /* prefix maximum of ends, for containment tests */
};

static void spans_free(struct spans *s)
{
	free(s->v);
	free(s->max_end);
	memset(s, 0, sizeof(*s));
}

/* All matches of re in the region [lo, hi) (limit errors end the scan
 * early). The text is valid UTF-8 (normalised by ICU), so PCRE2 need not
 * check it on every call: that check alone made scans quadratic. */
/* Returned by collect when PCRE2's match limit stopped it. */
#define LIMIT_HIT 1

static int collect(struct spans *s, cdr_engine_worker *w, pcre2_code *re, const struct layout *L, size_t lo, size_t hi)
{
	size_t pos = 0;

	/* The region is the whole subject: ^ and $ are its start and end.
	 * The search restarts one character after each match's start, so
	 * that overlapping matches are all found: an <unless> "de wijk|wijk
	 * team" must veto "team" in "de wijk team". */
	while (pos <= hi - lo) {
		int m = pcre2_match(re, (PCRE2_SPTR)(L->text + lo), hi - lo, pos, PCRE2_NO_UTF_CHECK, w->md, w->e->mctx);
		PCRE2_SIZE *ov;
		if (m == PCRE2_ERROR_NOMATCH)
			break;
		if (m < 0)
			return LIMIT_HIT;
		ov = pcre2_get_ovector_pointer(w->md);
		if (ov[1] > ov[0]) {
			if (cdr_grow((void **)&s->v, &s->cap, s->n + 1, sizeof(cdr_span)) < 0)
				return CDR_ENOMEM;
			s->v[s->n].start = lo + ov[0];
			s->v[s->n].end = lo + ov[1];
			s->n++;
		}
		pos = ov[0] + 1;
		while (pos < hi - lo && (L->text[lo + pos] & 0xC0) == 0x80)
			pos++;
	}
	return 0;
}

static int collect_all(struct spans *s, cdr_engine_worker *w, pcre2_code **res, size_t n, const struct layout *L,
		       size_t lo, size_t hi)
{
	int rc;

	s->n = 0;
	free(s->max_end);
	s->max_end = NULL;
	for (size_t i = 0; i < n; i++)
		if ((rc = collect(s, w, res[i], L, lo, hi)) != 0)
			return rc;
	/* several patterns: sort by start, then the prefix maximum of ends */
	for (size_t i = 1; i < s->n; i++) {
		cdr_span x = s->v[i];
		size_t j = i;
		if (s->v[j - 1].start <= x.start)
			continue;
		while (j > 0 && s->v[j - 1].start > x.start) {
			s->v[j] = s->v[j - 1];
			j--;
		}
		s->v[j] = x;
	}
	if ((s->max_end = cdr_malloc((s->n ? s->n : 1) * sizeof(size_t))) == NULL)
		return CDR_ENOMEM;
	for (size_t i = 0; i < s->n; i++)
		s->max_end[i] = i && s->max_end[i - 1] > s->v[i].end ? s->max_end[i - 1] : s->v[i].end;
	return 0;
}

/* Number of spans with start <= b. */
static size_t count_starting_by(const struct spans *s, size_t b)
{
	size_t lo = 0, hi = s->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->v[mid].start <= b)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Does some span contain [a, b)? */
static int contained(const struct spans *s, size_t a, size_t b)
{
	size_t k = count_starting_by(s, a);
	return k > 0 && s->max_end[k - 1] >= b;
}

/* Is there a span within `words` words of [a, b), inside [lo, hi)? */
static int near_enough(const struct spans *s, const struct layout *L, size_t a, size_t b,
		       size_t words, size_t lo, size_t hi)
{
	size_t k = count_starting_by(s, b);

	/* spans starting before b: the closest ones end last */
	for (size_t i = k; i-- > 0;) {
		const cdr_span *n = &s->v[i];
		if (n->start < lo)
			break;
		if (n->end > hi)
			continue;
		if (n->end >= a)
			return 1; /* overlaps the match */
		if (cdr_text_words(L->text + n->end, a - n->end) <= words)
			return 1;
		if (s->max_end[i] < a && cdr_text_words(L->text + s->max_end[i], a - s->max_end[i]) > words)
			break;
	}
	for (size_t i = k; i < s->n; i++) {
		const cdr_span *n = &s->v[i];
		if (n->start >= hi)
			break;
		if (n->end > hi)
			continue;
		return cdr_text_words(L->text + b, n->start - b) <= words;
	}
	return 0;
}

/* ---- running the rules --------------------------------------------------- */

static int speaker_ok(cdr_engine_worker *w, const struct compiled_rule *r, const char *speaker)
{
	if (r->speaker && pcre2_match(r->speaker, (PCRE2_SPTR)speaker, PCRE2_ZERO_TERMINATED, 0, 0, w->md, NULL) < 0)
		return 0;
	if (r->speaker_not && pcre2_match(r->speaker_not, (PCRE2_SPTR)speaker, PCRE2_ZERO_TERMINATED, 0, 0, w->md, NULL) >= 0)
		return 0;
	return 1;
}

static void expand(const struct compiled_rule *r, const struct layout *L, long turn, size_t *a, size_t *b)
{
	long i;

	switch (r->rule->scope) {
	case CDR_SCOPE_MATCH:
		return;
	case CDR_SCOPE_TURN:
	case CDR_SCOPE_PARAGRAPH:
		if (r->rule->scope == CDR_SCOPE_TURN && turn >= 0) {
			*a = L->turns[turn].start;
			*b = L->turns[turn].end;
			return;
		}
		/* the paragraphs the match touches; also for text outside any turn */
		if ((i = span_at(L->paras, L->nparas, *a)) >= 0) {
			long j = span_at(L->paras, L->nparas, *b > 0 ? *b - 1 : 0);
			size_t end = *b;
			*a = L->paras[i].start;
			*b = j >= 0 ? L->paras[j].end : L->paras[i].end;
			if (*b < end)
				*b = end;
		}
		return;
	case CDR_SCOPE_SENTENCE:
		if ((i = span_at(L->sents, L->nsents, *a)) >= 0) {
			size_t end = *b;
			long j = span_at(L->sents, L->nsents, end > 0 ? end - 1 : 0);
			*a = L->sents[i].start;
			*b = j >= 0 ? L->sents[j].end : L->sents[i].end;
			if (*b < end)
				*b = end;
		}
		return;
	}
}

static int run_rule(cdr_engine_worker *w, size_t ri, const struct layout *L, const cdr_document *doc,
		    struct hit **hits, size_t *nhits, size_t *hcap, cdr_limit_fn on_limit, void *ctx)
{
	cdr_engine *e = w->e;
	struct compiled_rule *r = &e->rules[ri];
	cdr_rule_stats *st = &w->stats[ri];
	struct spans unless = { 0 }, near = { 0 };
	size_t ncand = 0;
	const cdr_prefilter_cand *cand = w->pf ? cdr_prefilter_cands(w->pf, ri, &ncand) : NULL;
	size_t nvisit = cand ? ncand : L->nregions;
	int rc = 0, filtered = r->speaker || r->speaker_not, gap_ok = -1;

	for (size_t k = 0; k < nvisit && rc == 0; k++) {
		size_t g = cand ? cand[k].region : k;
		long turn = L->region_turn[g];
		size_t lo = L->regions[g].start, hi = L->regions[g].end;
		/* No match ends after the prefilter's `to`, so no match starts
		 * there either: PCRE2's search stops at it. The region stays the
		 * subject, so that $ and lookahead see what they see without the
		 * prefilter. The search starts at the region's start (not at
		 * Hyperscan's `from`) and visits the same start positions in the
		 * same order as without the prefilter, up to `to`: so a match
		 * limit hit on the way is hit with and without it, and one hit
		 * beyond `to` ends a search that would find nothing more. */
		size_t pos = 0;
		int have_spans = 0, counted = 0, limited = 0, voided = 0;
		size_t first_hit = *nhits, first_matches = st->matches;

		pcre2_set_offset_limit(w->bounded, cand ? cand[k].to - lo : PCRE2_UNSET);
		if (filtered) {
			int ok;
			if (turn >= 0) {
				ok = speaker_ok(w, r, cdr_document_turn(doc, (size_t)turn)->speaker);
			} else {
				if (gap_ok < 0)
					gap_ok = speaker_ok(w, r, "");
				ok = gap_ok;
			}
			if (!ok)
				continue;
		}
		/* each region is a subject of its own: ^ and $ are the start and
		 * end of the turn, and lookbehind does not see the turn before */
		while (pos <= hi - lo) {
			int m = pcre2_match(r->re, (PCRE2_SPTR)(L->text + lo), hi - lo, pos, PCRE2_NO_UTF_CHECK,
					    w->md, w->bounded);
			PCRE2_SIZE *ov;
			size_t a, b;

			if (m == PCRE2_ERROR_NOMATCH)
				break;
			if (m < 0) {
				/* the match limit: what was found before it stays */
				limited = 1;
				break;
			}
			ov = pcre2_get_ovector_pointer(w->md);
			pos = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
			if (ov[0] == ov[1])
				continue;
			a = lo + ov[0];
			b = lo + ov[1];
			if (!have_spans) {
				if ((r->rule->nunless && (rc = collect_all(&unless, w, r->unless, r->rule->nunless, L, lo, hi)) != 0) ||
				    (r->near && (rc = collect_all(&near, w, &r->near, 1, L, lo, hi)) != 0)) {
					if (rc == LIMIT_HIT) {
						rc = 0;
						limited = voided = 1;
					}
					break;
				}
				have_spans = 1;
			}
			if (r->rule->nunless && unless.n && contained(&unless, a, b))
				continue;
			if (r->near && !near_enough(&near, L, a, b, r->rule->near_words, lo, hi))
				continue;
			expand(r, L, turn, &a, &b);
			if ((rc = cdr_grow((void **)hits, hcap, *nhits + 1, sizeof(struct hit))) < 0)
				break;
			(*hits)[*nhits].start = a;
			(*hits)[*nhits].end = b;
			(*hits)[*nhits].rule = ri;
			(*hits)[*nhits].rank = r->rank;
			(*hits)[*nhits].code = r->code;
			(*nhits)++;
			st->matches++;
			if (!counted && turn >= 0) {
				st->turns++;
				counted = 1;
			}
		}
		if (voided) {
			/* an unless or near pattern hit the match limit: without
			 * its vetoes the rule's matches cannot be trusted */
			*nhits = first_hit;
			st->matches = first_matches;
			st->turns -= (size_t)counted;
		}
		if (limited) {
			st->limit_hits++;
			if (on_limit)
				on_limit(ctx, doc, turn, r->code, r->rule);
		}
	}
	spans_free(&unless);
	spans_free(&near);
	return rc;
}

static int cmp_hit(const void *x, const void *y)
{
	const struct hit *a = x, *b = y;

	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->end != b->end)
		return a->end < b->end ? -1 : 1;
	return a->rule < b->rule ? -1 : a->rule > b->rule;
}

static int cmp_proposal(const void *x, const void *y)
{
	const cdr_proposal *a = x, *b = y;

	if (a->span.start != b->span.start)
		return a->span.start < b->span.start ? -1 : 1;
	if (a->span.end != b->span.end)
		return a->span.end < b->span.end ? -1 : 1;
	return strcmp(a->code->qualified, b->code->qualified);
}

/* Add "#id" (or "+id") of a rule to an origin, once. */
static void origin_add(char *origin, size_t cap, const struct compiled_rule *r)
{
	size_t len = strlen(origin);

	if (len == 0) {
		snprintf(origin, cap, "rule:%s#%s", r->code->qualified, r->rule->id);
		return;
	}
	{
		const char *ids = strchr(origin, '#') + 1;
		char want[128];
		snprintf(want, sizeof(want), "%s", r->rule->id);
		for (const char *p = ids; p && *p;) {
			size_t n = strcspn(p, "+");
			if (n == strlen(want) && strncmp(p, want, n) == 0)
				return;
			p = p[n] ? p + n + 1 : NULL;
		}
		if (len + strlen(want) + 2 < cap)
			snprintf(origin + len, cap - len, "+%s", want);
	}
}

int cdr_engine_run(cdr_engine *e, const cdr_document *doc, cdr_proposals *out,
		   cdr_limit_fn on_limit, void *ctx)
{
	return cdr_engine_worker_run(e->w0, doc, out, on_limit, ctx);
}

int cdr_engine_worker_run(cdr_engine_worker *w, const cdr_document *doc, cdr_proposals *out,
			  cdr_limit_fn on_limit, void *ctx)
{
	cdr_engine *e = w->e;
	struct layout L;
	struct hit *hits = NULL;
	size_t nhits = 0, hcap = 0, first = out->n;
	int rc;

	if ((rc = layout_init(&L, doc)) < 0)
		goto done;
	w->turns_seen += L.nturns;
	if ((rc = ensure_prefilter(w, L.len)) < 0)
		goto done;
	if (w->pf)
		cdr_prefilter_scan(e->prefilter, w->pf, L.text, L.len, L.regions, L.nregions);
	for (size_t ri = 0; ri < e->n && rc == 0; ri++)
		rc = run_rule(w, ri, &L, doc, &hits, &nhits, &hcap, on_limit, ctx);
	if (rc < 0)
		goto done;
	cdr_sort(hits, nhits, sizeof(struct hit), cmp_hit);
	/* merge overlapping or touching spans of one code */
	for (size_t i = 0; i < nhits;) {
		const cdr_code *code = hits[i].code;
		size_t a = hits[i].start, b = hits[i].end, j = i;
		cdr_proposal *p;
		if ((rc = cdr_grow((void **)&out->v, &out->cap, out->n + 1, sizeof(*p))) < 0)
			goto done;
		p = &out->v[out->n++];
		memset(p, 0, sizeof(*p));
		p->code = code;
		while (j < nhits && hits[j].code == code && hits[j].start <= b) {
			if (hits[j].end > b)
				b = hits[j].end;
			origin_add(p->origin, sizeof(p->origin), &e->rules[hits[j].rule]);
			j++;
		}
		p->span.start = a;
		p->span.end = b;
		i = j;
	}
	/* bytes to code points: sort by start, then one forward pass */
	cdr_sort(out->v + first, out->n - first, sizeof(cdr_proposal), cmp_proposal);
	{
		cdr_cp_cursor cur;
		cdr_cp_cursor_init(&cur, L.text, L.len);
		for (size_t i = first; i < out->n; i++) {
			size_t sb = out->v[i].span.start, eb = out->v[i].span.end;
			out->v[i].span.start = cdr_cp_cursor_at(&cur, sb);
			/* ends are not monotonic: count from the start instead */
			out->v[i].span.end = out->v[i].span.start + cdr_utf8_count(L.text + sb, eb - sb);
		}
	}
done:
	free(hits);
	layout_free(&L);
	return rc;
}
