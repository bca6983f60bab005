/* retrieve.c -- quotes, keyword in context and frequencies (retrieve.h).
 *
 * All three read documents one at a time, so memory stays bounded by the
 * largest document plus the codings. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* strverscmp */
#endif
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codeer/error.h"
#include "codeer/matrix.h"
#include "codeer/retrieve.h"
#include "util/alloc.h"
#include "util/array.h"

struct coded {
	const char *coder;
	cdr_coding *coding;
};

static int cmp_coded(const void *x, const void *y)
{
	const struct coded *a = x, *b = y;
	int r = strverscmp(a->coding->doc, b->coding->doc); /* the order of 'codeer docs' */

	if (r)
		return r;
	if (a->coding->start != b->coding->start)
		return a->coding->start < b->coding->start ? -1 : 1;
	if (a->coding->end != b->coding->end)
		return a->coding->end < b->coding->end ? -1 : 1;
	r = strcmp(a->coding->code, b->coding->code);
	return r ? r : strcmp(a->coder, b->coder);
}

/* The codings of one coder or all, without rejected ones. */
struct all_codings {
	cdr_codings **sets;
	size_t nsets;
	char **coders;
	size_t ncoders;
	struct coded *v;
	size_t n, cap;
};

static void all_free(struct all_codings *a)
{
	for (size_t i = 0; i < a->nsets; i++)
		cdr_codings_free(a->sets[i]);
	free(a->sets);
	cdr_coders_free(a->coders, a->ncoders);
	free(a->v);
}

/* The codings of `coders` (ncoders > 0), else of every coder. */
static int all_load_coders(struct all_codings *a, const cdr_project *p, const char *const *coders, size_t ncoders)
{
	char **names = NULL;
	size_t nnames = 0;
	int rc;

	memset(a, 0, sizeof(*a));
	if ((rc = cdr_coders_list(&names, &nnames, p)) < 0)
		return rc;
	if (ncoders == 0) {
		a->coders = names;
		a->ncoders = nnames;
	} else {
		for (size_t k = 0; k < ncoders && rc == 0; k++) {
			int found = 0;
			for (size_t i = 0; i < nnames; i++)
				found |= strcmp(names[i], coders[k]) == 0;
			if (!found)
				rc = cdr_error_set(CDR_ENOTFOUND, "no coder '%s' in the project (no codings/%s.tsv)",
						   coders[k], coders[k]);
		}
		cdr_coders_free(names, nnames);
		if (rc < 0)
			return rc;
		if ((a->coders = cdr_calloc(ncoders, sizeof(char *))) == NULL)
			return CDR_ENOMEM;
		for (size_t k = 0; k < ncoders; k++) {
			int twice = 0;
			for (size_t i = 0; i < a->ncoders; i++)
				twice |= strcmp(a->coders[i], coders[k]) == 0;
			if (twice)
				continue;
			if ((a->coders[a->ncoders] = cdr_strdup(coders[k])) == NULL)
				return CDR_ENOMEM;
			a->ncoders++;
		}
	}
	if ((a->sets = cdr_calloc(a->ncoders ? a->ncoders : 1, sizeof(cdr_codings *))) == NULL)
		return CDR_ENOMEM;
	for (size_t i = 0; i < a->ncoders; i++) {
		cdr_codings *c;
		if ((rc = cdr_codings_load(&c, p, a->coders[i], NULL, NULL)) < 0)
			return rc;
		a->sets[a->nsets++] = c;
		for (size_t k = 0; k < cdr_codings_count(c); k++) {
			cdr_coding *cd = cdr_codings_get(c, k);
			if (strcmp(cd->status, "rejected") == 0)
				continue;
			if (cdr_grow((void **)&a->v, &a->cap, a->n + 1, sizeof(struct coded)) < 0)
				return CDR_ENOMEM;
			a->v[a->n].coder = a->coders[i];
			a->v[a->n].coding = cd;
			a->n++;
		}
	}
	cdr_sort(a->v, a->n, sizeof(struct coded), cmp_coded);
	return 0;
}

/* Is `qualified` the code or (with children) one of its descendants? */
static int code_matches(const cdr_schemes *set, const cdr_code *code, int with_children, const char *qualified)
{
	const cdr_code *c;

	if (code == NULL || strcmp(code->qualified, qualified) == 0)
		return 1;
	if (!with_children || cdr_schemes_resolve(&c, set, qualified) < 0)
		return 0;
	for (const char *slash = strchr(qualified, '/'); c && c->parent >= 0;) {
		char scheme[256];
		snprintf(scheme, sizeof(scheme), "%.*s", (int)(slash - qualified), qualified);
		c = cdr_scheme_code(cdr_schemes_find(set, scheme), (size_t)c->parent);
		if (c == code)
			return 1;
	}
	return 0;
}

int cdr_quotes(cdr_project *p, const cdr_schemes *set, const cdr_code *code, int with_children,
	       const char *coder, const char *case_id, cdr_quote_fn fn, void *ctx)
{
	cdr_filter f = { 0 };

	f.cases = &case_id;
	f.ncases = case_id ? 1 : 0;
	return cdr_quotes_filtered(p, set, code, with_children, coder ? &coder : NULL, coder ? 1 : 0, &f, fn, ctx);
}

/* Does coding k pass the filter and lie within its (loaded or loadable)
 * document? Loads k's document into *doc when it is another one. 1, 0 or
 * a CDR_E* code. */
static int take(cdr_selection *sel, cdr_project *p, const cdr_coding *k, cdr_document **doc)
{
	int rc;

	if (!cdr_project_has_doc(p, k->doc) || !cdr_selection_doc(sel, k->doc))
		return 0;
	if (*doc == NULL || strcmp(cdr_document_info_get(*doc)->id, k->doc) != 0) {
		cdr_document_free(*doc);
		*doc = NULL;
		if ((rc = cdr_project_doc_load(doc, p, k->doc, 1)) < 0)
			return rc;
	}
	if (k->end > cdr_document_length(*doc))
		return 0;
	return cdr_selection_at(sel, *doc, k->start);
}

int cdr_quotes_filtered(cdr_project *p, const cdr_schemes *set, const cdr_code *code, int with_children,
			const char *const *coders, size_t ncoders, const cdr_filter *f, cdr_quote_fn fn, void *ctx)
{
	struct all_codings a;
	cdr_selection *sel = NULL;
	cdr_document *doc = NULL;
	int rc;

	memset(&a, 0, sizeof(a));
	if ((rc = cdr_selection_new(&sel, p, f)) < 0 || (rc = all_load_coders(&a, p, coders, coders ? ncoders : 0)) < 0)
		goto done;
	for (size_t i = 0; i < a.n && rc == 0; i++) {
		const cdr_coding *k = a.v[i].coding;
		cdr_quote q;
		if (!code_matches(set, code, with_children, k->code))
			continue;
		if ((rc = take(sel, p, k, &doc)) <= 0)
			continue;
		q.coder = a.v[i].coder;
		q.coding = k;
		q.doc = doc;
		q.turn = cdr_document_turn_at(doc, k->start);
		rc = fn(ctx, &q);
	}
done:
	cdr_document_free(doc);
	cdr_selection_free(sel);
	all_free(&a);
	return rc;
}

/* The words between two spans that do not overlap (0 when they touch). */
static int gap_words(size_t *out, const cdr_document *doc, cdr_span x, cdr_span y)
{
	cdr_span gap = x.end <= y.start ? (cdr_span){ x.end, y.start } : (cdr_span){ y.end, x.start };
	char *text;

	*out = 0;
	if (gap.end <= gap.start)
		return 0;
	if ((text = cdr_document_slice(doc, gap)) == NULL)
		return CDR_ENOMEM;
	*out = cdr_text_words(text, strlen(text));
	free(text);
	return 0;
}

int cdr_quotes_near(cdr_project *p, const cdr_schemes *set, const cdr_code *code, const cdr_code *other,
		    int with_children, long within, const char *const *coders, size_t ncoders, const cdr_filter *f,
		    cdr_quote_fn fn, void *ctx)
{
	struct all_codings a;
	cdr_selection *sel = NULL;
	cdr_document *doc = NULL;
	int rc;

	memset(&a, 0, sizeof(a));
	if ((rc = cdr_selection_new(&sel, p, f)) < 0 || (rc = all_load_coders(&a, p, coders, coders ? ncoders : 0)) < 0)
		goto done;
	/* the codings come by document: per document, each coding of `code`
	 * against the codings of `other` in it */
	for (size_t i = 0, j; i < a.n && rc == 0; i = j) {
		for (j = i; j < a.n && strcmp(a.v[j].coding->doc, a.v[i].coding->doc) == 0; j++)
			;
		for (size_t x = i; x < j && rc == 0; x++) {
			const cdr_coding *k = a.v[x].coding;
			int hit = 0;
			if (!code_matches(set, code, with_children, k->code))
				continue;
			if ((rc = take(sel, p, k, &doc)) <= 0)
				continue;
			rc = 0;
			for (size_t y = i; y < j && !hit && rc == 0; y++) {
				const cdr_coding *o = a.v[y].coding;
				size_t words;
				if (y == x || !code_matches(set, other, with_children, o->code) ||
				    o->end > cdr_document_length(doc) || !cdr_selection_at(sel, doc, o->start))
					continue;
				if (o->start < k->end && k->start < o->end)
					hit = 1;
				else if (within >= 0 &&
					 (rc = gap_words(&words, doc, (cdr_span){ k->start, k->end },
							 (cdr_span){ o->start, o->end })) == 0)
					hit = words <= (size_t)within;
			}
			if (hit && rc == 0) {
				cdr_quote q = { a.v[x].coder, k, doc, cdr_document_turn_at(doc, k->start) };
				rc = fn(ctx, &q);
			}
		}
	}
done:
	cdr_document_free(doc);
	cdr_selection_free(sel);
	all_free(&a);
	return rc;
}

int cdr_kwic(const cdr_project *p, const char *pattern, int case_sensitive, size_t width,
	     cdr_kwic_fn fn, cdr_kwic_limit_fn on_limit, void *ctx, size_t *hits)
{
	cdr_kwic_options o = { pattern, 0, case_sensitive, width, NULL };

	return cdr_kwic_ex(p, &o, fn, on_limit, ctx, hits);
}

int cdr_kwic_ex(const cdr_project *p, const cdr_kwic_options *o, cdr_kwic_fn fn, cdr_kwic_limit_fn on_limit,
		void *ctx, size_t *hits)
{
	int errcode, rc = 0;
	PCRE2_SIZE erroff;
	pcre2_code *re = NULL;
	pcre2_match_data *md = NULL;
	pcre2_match_context *mctx = NULL;
	cdr_selection *sel = NULL;
	char *phrase = NULL;
	size_t plen = 0, width = o->width;
	const char *pattern = o->pattern;

	*hits = 0;
	if (o->fixed) {
		/* the text is NFC: so must the phrase be, or a decomposed é never matches */
		if ((rc = cdr_text_normalize(&phrase, &plen, o->pattern, strlen(o->pattern))) < 0)
			return rc;
		pattern = phrase;
	}
	if ((rc = cdr_selection_new(&sel, p, o->filter)) < 0) {
		free(phrase);
		return rc;
	}
	re = pcre2_compile((PCRE2_SPTR)pattern, o->fixed ? plen : PCRE2_ZERO_TERMINATED,
			   /* a literal takes no UCP (it has no \w or \b); caseless still folds é and É */
			   PCRE2_UTF | (o->fixed ? PCRE2_LITERAL : PCRE2_UCP) | (o->case_sensitive ? 0 : PCRE2_CASELESS),
			   &errcode, &erroff, NULL);
	if (re == NULL) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(errcode, msg, sizeof(msg));
		rc = cdr_error_set(CDR_EUSAGE, "pattern '%s': %s at offset %zu", o->pattern, (char *)msg, (size_t)erroff);
		goto done;
	}
	pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
	md = pcre2_match_data_create_from_pattern(re, NULL);
	mctx = pcre2_match_context_create(NULL);
	if (md == NULL || mctx == NULL) {
		rc = cdr_error_set(CDR_ENOMEM, "out of memory");
		goto done;
	}
	pcre2_set_match_limit(mctx, 1000000);
	for (size_t d = 0; d < cdr_project_doc_count(p) && rc == 0; d++) {
		cdr_document *doc;
		size_t len, pos = 0;
		const char *text;
		cdr_cp_cursor cur;
		if (!cdr_selection_doc(sel, cdr_project_doc_id(p, d)))
			continue;
		if ((rc = cdr_project_doc_load(&doc, p, cdr_project_doc_id(p, d), 1)) < 0)
			break;
		text = cdr_document_text(doc, &len);
		cdr_cp_cursor_init(&cur, text, len);
		while (pos <= len && rc == 0) {
			int m = pcre2_match(re, (PCRE2_SPTR)text, len, pos, PCRE2_NO_UTF_CHECK, md, mctx);
			PCRE2_SIZE *ov;
			cdr_kwic_hit h;
			size_t a, b, la, rb;
			char *left, *match, *right;
			if (m < 0) {
				if (m != PCRE2_ERROR_NOMATCH && on_limit)
					on_limit(ctx, cdr_document_info_get(doc)->id);
				break;
			}
			ov = pcre2_get_ovector_pointer(md);
			a = ov[0];
			b = ov[1];
			pos = b > a ? b : a + 1;
			if (a == b)
				continue;
			h.span.start = cdr_cp_cursor_at(&cur, a);
			h.span.end = h.span.start + cdr_utf8_count(text + a, b - a);
			if (!cdr_selection_at(sel, doc, h.span.start))
				continue;
			h.doc = cdr_document_info_get(doc)->id;
			h.turn = cdr_document_turn_at(doc, h.span.start);
			h.speaker = h.turn >= 0 ? cdr_document_turn(doc, (size_t)h.turn)->speaker : "";
			/* context: up to width code points, never across the start of a line */
			la = a;
			for (size_t k = 0; k < width && la > 0 && text[la - 1] != '\n'; k++)
				do
					la--;
				while (la > 0 && (text[la] & 0xC0) == 0x80);
			rb = b;
			for (size_t k = 0; k < width && rb < len && text[rb] != '\n'; k++)
				do
					rb++;
				while (rb < len && (text[rb] & 0xC0) == 0x80);
			left = cdr_strndup(text + la, a - la);
			match = cdr_strndup(text + a, b - a);
			right = cdr_strndup(text + b, rb - b);
			if (left && match && right) {
				h.left = left;
				h.match = match;
				h.right = right;
				(*hits)++;
				rc = fn(ctx, &h);
			} else {
				rc = CDR_ENOMEM;
			}
			free(left);
			free(match);
			free(right);
		}
		cdr_document_free(doc);
	}
done:
	pcre2_match_context_free(mctx);
	pcre2_match_data_free(md);
	pcre2_code_free(re);
	cdr_selection_free(sel);
	free(phrase);
	return rc;
}

int cdr_scope_parse(cdr_scope *out, const char *name)
{
	static const cdr_scope scopes[] = { CDR_SCOPE_MATCH, CDR_SCOPE_SENTENCE, CDR_SCOPE_PARAGRAPH, CDR_SCOPE_TURN };
	for (size_t i = 0; i < sizeof(scopes) / sizeof(scopes[0]); i++)
		if (strcmp(name, cdr_scope_name(scopes[i])) == 0) {
			*out = scopes[i];
			return 0;
		}
	return cdr_error_set(CDR_EUSAGE, "unknown scope '%s' (use match, sentence, paragraph or turn)", name);
}

/* The hits of a search on their way into codings: grown to their scope,
 * in document and text order, each span once. */
struct to_code {
	const cdr_project *p;
	cdr_scope scope;
	cdr_document *doc;   /* the structure of the hits' document */
	cdr_kwic_coding *v;
	char **docs;         /* v[i].doc, owned */
	char **texts;        /* v[i].text, owned */
	size_t n, cap, dcap, tcap;
	int rc;
};

static int grow_hit(void *ctx, const cdr_kwic_hit *h)
{
	struct to_code *t = ctx;
	cdr_span span = h->span;
	int rc;

	if (t->doc == NULL || strcmp(cdr_document_info_get(t->doc)->id, h->doc) != 0) {
		cdr_document_free(t->doc);
		t->doc = NULL;
		if ((rc = cdr_project_doc_load(&t->doc, t->p, h->doc, 1)) < 0)
			return rc;
	}
	if (t->scope != CDR_SCOPE_MATCH) {
		if (t->scope == CDR_SCOPE_TURN && h->turn >= 0) {
			span = cdr_document_turn(t->doc, (size_t)h->turn)->span;
		} else if (t->scope == CDR_SCOPE_SENTENCE || t->scope == CDR_SCOPE_PARAGRAPH) {
			int para = t->scope == CDR_SCOPE_PARAGRAPH;
			size_t n = para ? cdr_document_paragraph_count(t->doc) : cdr_document_sentence_count(t->doc);
			for (size_t i = 0; i < n; i++) {
				const cdr_span *s = para ? cdr_document_paragraph(t->doc, i) : cdr_document_sentence(t->doc, i);
				if (s->start <= h->span.start && h->span.start < s->end) {
					span = *s;
					/* a match running on past its sentence keeps its end */
					if (h->span.end > span.end)
						span.end = h->span.end;
					break;
				}
			}
		}
	}
	/* hits come in text order: a scope holding several hits is its last entry */
	if (t->n && strcmp(t->docs[t->n - 1], h->doc) == 0 && t->v[t->n - 1].span.start == span.start &&
	    t->v[t->n - 1].span.end == span.end)
		return 0;
	if (cdr_grow((void **)&t->v, &t->cap, t->n + 1, sizeof(*t->v)) < 0)
		return CDR_ENOMEM;
	/* docs and texts keep their own capacity: a failed grow of one leaves
	 * every array valid for the size it has */
	if (cdr_grow((void **)&t->docs, &t->dcap, t->n + 1, sizeof(char *)) < 0 ||
	    cdr_grow((void **)&t->texts, &t->tcap, t->n + 1, sizeof(char *)) < 0)
		return CDR_ENOMEM;
	{
		char *slice = cdr_document_slice(t->doc, span), *preview = NULL;
		if (slice == NULL || (preview = cdr_text_preview(slice, strlen(slice), 80)) == NULL ||
		    (t->docs[t->n] = cdr_strdup(h->doc)) == NULL) {
			free(slice);
			free(preview);
			return CDR_ENOMEM;
		}
		free(slice);
		t->texts[t->n] = preview;
	}
	t->v[t->n] = (cdr_kwic_coding){ t->docs[t->n], span, h->turn, t->texts[t->n], 0 };
	t->n++;
	return 0;
}

int cdr_kwic_code(cdr_project *p, const cdr_kwic_options *o, const char *code, const char *coder, cdr_scope scope,
		  int dry_run, int (*fn)(void *ctx, const cdr_kwic_coding *c), void *ctx, size_t *added,
		  size_t *skipped)
{
	struct to_code t = { 0 };
	cdr_codings *k = NULL;
	char *origin = NULL;
	size_t hits = 0;
	int rc;

	*added = *skipped = 0;
	t.p = p;
	t.scope = scope;
	if (!cdr_coder_valid(coder))
		return cdr_error_set(CDR_EUSAGE, "'%s' is not a valid coder name (letters, digits, _ - .)", coder);
	if ((origin = cdr_malloc(strlen(o->pattern) + 6)) == NULL)
		return CDR_ENOMEM;
	sprintf(origin, "kwic:%s", o->pattern);
	/* the lock first: the codings read are the ones written back */
	if ((!dry_run && (rc = cdr_project_lock(p, NULL)) < 0) ||
	    (rc = cdr_codings_load(&k, p, coder, NULL, NULL)) < 0 ||
	    (rc = cdr_kwic_ex(p, o, grow_hit, NULL, &t, &hits)) < 0)
		goto done;
	for (size_t i = 0; i < t.n && rc == 0; i++) {
		cdr_kwic_coding *c = &t.v[i];
		c->exists = cdr_codings_find(k, c->doc, c->span.start, c->span.end, code) >= 0;
		if (c->exists)
			(*skipped)++;
		else if (!dry_run && (rc = cdr_codings_add(k, c->doc, c->span.start, c->span.end, code, origin, "")) < 0)
			break;
		else
			(*added)++;
		if (fn && (rc = fn(ctx, c)) < 0)
			break;
	}
	if (rc == 0 && !dry_run && *added)
		rc = cdr_codings_save(k);
done:
	if (rc < 0)
		*added = 0;
	for (size_t i = 0; i < t.n; i++) {
		free(t.docs[i]);
		free(t.texts[i]);
	}
	free(t.docs);
	free(t.texts);
	free(t.v);
	cdr_document_free(t.doc);
	cdr_codings_free(k);
	free(origin);
	return rc;
}

int cdr_freqs(cdr_freq **out, size_t *n, cdr_project *p, const cdr_schemes *set, const char *coder)
{
	return cdr_freqs_coders(out, n, p, set, coder ? &coder : NULL, coder ? 1 : 0);
}

/* A coded span of the current document on its way into a code's words. */
struct fspan {
	size_t fi;
	cdr_span span;
};

static int cmp_fspan(const void *x, const void *y)
{
	const struct fspan *a = x, *b = y;

	if (a->fi != b->fi)
		return a->fi < b->fi ? -1 : 1;
	return a->span.start < b->span.start ? -1 : a->span.start > b->span.start;
}

/* Add one document's coded words to each code's, each word once per code
 * however many of its codings cover it (cdr_span_union_words, as the
 * matrix counts words). */
static int flush_words(cdr_freq *f, const cdr_document *doc, struct fspan *v, size_t n)
{
	cdr_span *spans;
	int rc = 0;

	if (n == 0)
		return 0;
	if ((spans = cdr_malloc(n * sizeof(*spans))) == NULL)
		return CDR_ENOMEM;
	cdr_sort(v, n, sizeof(*v), cmp_fspan);
	for (size_t i = 0, j; i < n && rc == 0; i = j) {
		size_t words;
		for (j = i; j < n && v[j].fi == v[i].fi; j++)
			spans[j - i] = v[j].span;
		if ((rc = cdr_span_union_words(&words, doc, spans, j - i)) == 0)
			f[v[i].fi].words += words;
	}
	free(spans);
	return rc;
}

int cdr_freqs_coders(cdr_freq **out, size_t *n, cdr_project *p, const cdr_schemes *set, const char *const *coders,
		     size_t ncoders)
{
	return cdr_freqs_filtered(out, n, p, set, coders, ncoders, NULL);
}

int cdr_freqs_filtered(cdr_freq **out, size_t *n, cdr_project *p, const cdr_schemes *set, const char *const *coders,
		       size_t ncoders, const cdr_filter *filter)
{
	struct all_codings a;
	cdr_selection *sel = NULL;
	cdr_freq *f = NULL;
	size_t nf = 0;
	cdr_cases *cases = cdr_project_cases(p);
	cdr_document *doc = NULL;
	struct fspan *ws = NULL;
	size_t nws = 0, wcap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	memset(&a, 0, sizeof(a));
	if ((rc = cdr_selection_new(&sel, p, filter)) < 0)
		return rc;
	for (size_t s = 0; s < cdr_schemes_count(set); s++)
		nf += cdr_scheme_code_count(cdr_schemes_get(set, s));
	if ((f = cdr_calloc(nf ? nf : 1, sizeof(*f))) == NULL) {
		cdr_selection_free(sel);
		return CDR_ENOMEM;
	}
	nf = 0;
	for (size_t s = 0; s < cdr_schemes_count(set); s++)
		for (size_t c = 0; c < cdr_scheme_code_count(cdr_schemes_get(set, s)); c++)
			f[nf++].code = cdr_scheme_code(cdr_schemes_get(set, s), c);
	if ((rc = all_load_coders(&a, p, coders, coders ? ncoders : 0)) < 0)
		goto done;
	/* per code: segments and words; docs and cases counted once each; the
	 * codings come by document */
	{
		char **last_doc = cdr_calloc(nf ? nf : 1, sizeof(char *));
		long **cases_seen = cdr_calloc(nf ? nf : 1, sizeof(long *));
		size_t *ncases_seen = cdr_calloc(nf ? nf : 1, sizeof(size_t));
		if (!last_doc || !cases_seen || !ncases_seen) {
			rc = cdr_error_set(CDR_ENOMEM, "out of memory");
		}
		for (size_t i = 0; i < a.n && rc == 0; i++) {
			const cdr_coding *k = a.v[i].coding;
			const cdr_code *code;
			size_t fi;
			long ci;
			if (cdr_schemes_resolve(&code, set, k->code) < 0 || !cdr_project_has_doc(p, k->doc) ||
			    !cdr_selection_doc(sel, k->doc))
				continue;
			for (fi = 0; fi < nf && f[fi].code != code; fi++)
				;
			if (doc == NULL || strcmp(cdr_document_info_get(doc)->id, k->doc) != 0) {
				if (doc && (rc = flush_words(f, doc, ws, nws)) < 0)
					break;
				nws = 0;
				cdr_document_free(doc);
				doc = NULL;
				if ((rc = cdr_project_doc_load(&doc, p, k->doc, 1)) < 0)
					break;
			}
			if (!cdr_selection_at(sel, doc, k->start))
				continue;
			f[fi].segments++;
			/* a span past the end of its (changed) document has no words */
			if (k->end <= cdr_document_length(doc)) {
				if (cdr_grow((void **)&ws, &wcap, nws + 1, sizeof(*ws)) < 0) {
					rc = CDR_ENOMEM;
					break;
				}
				ws[nws++] = (struct fspan){ fi, { k->start, k->end } };
			}
			if (last_doc[fi] == NULL || strcmp(last_doc[fi], k->doc) != 0) {
				f[fi].docs++;
				last_doc[fi] = k->doc;
			}
			/* a coding belongs to the case whose stretch holds its start */
			if ((rc = cdr_cases_case_at(cases, p, k->doc, k->start, &ci)) < 0)
				break;
			{
				int seen = 0;
				for (size_t j = 0; j < ncases_seen[fi]; j++)
					seen |= cases_seen[fi][j] == ci;
				if (!seen) {
					long *grown = cdr_realloc(cases_seen[fi], (ncases_seen[fi] + 1) * sizeof(long));
					if (grown == NULL) {
						rc = CDR_ENOMEM;
						break;
					}
					cases_seen[fi] = grown;
					cases_seen[fi][ncases_seen[fi]++] = ci;
					f[fi].cases++;
				}
			}
		}
		if (rc == 0 && doc)
			rc = flush_words(f, doc, ws, nws);
		for (size_t i = 0; cases_seen && i < nf; i++)
			free(cases_seen[i]);
		free(cases_seen);
		free(ncases_seen);
		free(last_doc);
	}
done:
	cdr_document_free(doc);
	cdr_selection_free(sel);
	free(ws);
	all_free(&a);
	if (rc < 0) {
		free(f);
		return rc;
	}
	*out = f;
	*n = nf;
	return 0;
}
