/* api-read.c -- the GET calls of the coding page's API (docs/serve.md,
 * "Reading"): the project and its versions, the documents, one document,
 * the codebook, a document's codings, memos, a comparison of two coders,
 * quotes and the code-by-case matrix. Each answer is built from the
 * library's calls as the command line makes them; nothing is written.
 *
 * Versions are read before the data they describe: a write in between
 * makes the version older than the data, never newer, so the page's next
 * write is refused (409) rather than let through on stale data. */
#include <stdlib.h>
#include <string.h>

#include "serve/serve.h"

/* The page's coder, when it names one the project can have. */
static const char *page_coder(struct serve_call *c)
{
	const char *coder = serve_coder(c->srv);
	return coder && cdr_coder_valid(coder) ? coder : NULL;
}

/* Every coder with a codings file, and the page's coder when it has none
 * yet (sorted as cdr_coders_list sorts). */
static int coders_with_page(struct serve_call *c, char ***names, size_t *n)
{
	const char *mine = page_coder(c);
	char **v;
	size_t i;

	if (cdr_coders_list(names, n, c->p) < 0)
		return call_lib_error(c);
	if (mine == NULL)
		return 0;
	for (i = 0; i < *n; i++)
		if (strcmp((*names)[i], mine) == 0)
			return 0;
	if ((v = realloc(*names, (*n + 1) * sizeof(char *))) == NULL)
		return call_nomem(c);
	*names = v;
	for (i = *n; i > 0 && strcmp(v[i - 1], mine) > 0; i--)
		v[i] = v[i - 1];
	if ((v[i] = strdup(mine)) == NULL) {
		memmove(v + i, v + i + 1, (*n - i) * sizeof(char *));
		return call_nomem(c);
	}
	(*n)++;
	return 0;
}

/* {coder: version} for the coders named. */
static json_t *versions_of(struct serve_call *c, char *const *names, size_t n)
{
	json_t *o = json_object();

	for (size_t i = 0; o && i < n; i++) {
		char v[CDR_VERSION_SIZE];
		if (cdr_codings_version(v, c->p, names[i]) < 0) {
			json_decref(o);
			call_lib_error(c);
			return NULL;
		}
		if (jset(o, names[i], jversion(v)) < 0) {
			json_decref(o);
			call_nomem(c);
			return NULL;
		}
	}
	if (o == NULL)
		call_nomem(c);
	return o;
}

int api_project(struct serve_call *c)
{
	char **names = NULL, mv[CDR_VERSION_SIZE];
	size_t n = 0;
	json_t *o = NULL, *list, *versions;
	int rc = -1;

	if (coders_with_page(c, &names, &n) < 0)
		goto done;
	if ((versions = versions_of(c, names, n)) == NULL)
		goto done;
	if (cdr_memos_version(mv, c->p) < 0) {
		json_decref(versions);
		rc = call_lib_error(c);
		goto done;
	}
	if ((o = json_object()) == NULL || jset(o, "versions", versions) < 0 ||
	    jset(o, "name", jstr(cdr_project_name(c->p))) < 0 || jset(o, "coder", jstr(page_coder(c))) < 0 ||
	    jset(o, "default_coder", jstr(cdr_project_default_coder(c->p))) < 0 ||
	    jset(o, "memos_version", jversion(mv)) < 0 || jset(o, "coders", list = json_array()) < 0) {
		if (o == NULL)
			json_decref(versions);
		rc = call_nomem(c);
		goto done;
	}
	for (size_t i = 0; i < n; i++)
		if (jpush(list, jstr(names[i])) < 0) {
			rc = call_nomem(c);
			goto done;
		}
	rc = call_answer(c, 200, o);
	o = NULL;
done:
	json_decref(o);
	cdr_coders_free(names, n);
	return rc;
}

/* {attribute: value} of the case holding doc, values that are set only. */
static json_t *attrs_of(cdr_cases *cases, long ci)
{
	json_t *o = json_object();

	for (size_t a = 0; o && ci >= 0 && a < cdr_cases_attr_count(cases); a++) {
		const char *v = cdr_cases_attr(cases, (size_t)ci, a);
		if (*v && jset(o, cdr_cases_attr_name(cases, a), jstr(v)) < 0) {
			json_decref(o);
			return NULL;
		}
	}
	return o;
}

/* Index of the first turn that ends after cp. */
static size_t first_turn_after(const cdr_document *d, size_t cp)
{
	size_t lo = 0, hi = cdr_document_turn_count(d);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cdr_document_turn(d, mid)->span.end <= cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

struct doc_slot {
	const char *id;
	cdr_document *d;
	unsigned char *seen; /* per turn: coded by the coder at hand */
	size_t coded;
	json_t *progress;
};

static int cmp_slot(const void *a, const void *b)
{
	return strcmp(((const struct doc_slot *)a)->id, ((const struct doc_slot *)b)->id);
}

/* For each document, the turns each coder has coded (rejected codings do
 * not count): how far the coding has come. */
static int add_progress(struct serve_call *c, struct doc_slot *slots, size_t nd)
{
	struct doc_slot *sorted = NULL;
	char **names = NULL;
	size_t n = 0;
	int rc = 0;

	if (cdr_coders_list(&names, &n, c->p) < 0)
		return call_lib_error(c);
	if (nd && (sorted = malloc(nd * sizeof(*sorted))) == NULL) {
		cdr_coders_free(names, n);
		return call_nomem(c);
	}
	for (size_t i = 0; i < nd; i++) {
		sorted[i] = slots[i];
		sorted[i].coded = i; /* back to the slot */
	}
	if (nd)
		qsort(sorted, nd, sizeof(*sorted), cmp_slot);
	for (size_t k = 0; k < n && rc == 0; k++) {
		cdr_codings *set = NULL;
		if (cdr_codings_load(&set, c->p, names[k], NULL, NULL) < 0) {
			rc = call_lib_error(c);
			break;
		}
		for (size_t i = 0; i < nd; i++) {
			memset(slots[i].seen, 0, cdr_document_turn_count(slots[i].d) + 1);
			slots[i].coded = 0;
		}
		for (size_t i = 0; i < cdr_codings_count(set); i++) {
			const cdr_coding *cd = cdr_codings_get(set, i);
			struct doc_slot key = { .id = cd->doc }, *hit;
			if (strcmp(cd->status, "rejected") == 0 || nd == 0 ||
			    (hit = bsearch(&key, sorted, nd, sizeof(*sorted), cmp_slot)) == NULL)
				continue;
			struct doc_slot *slot = &slots[hit->coded];
			size_t nt = cdr_document_turn_count(slot->d);
			for (size_t t = first_turn_after(slot->d, cd->start);
			     t < nt && cdr_document_turn(slot->d, t)->span.start < cd->end; t++)
				if (!slot->seen[t]) {
					slot->seen[t] = 1;
					slot->coded++;
				}
		}
		cdr_codings_free(set);
		for (size_t i = 0; i < nd && rc == 0; i++)
			if (jset(slots[i].progress, names[k], json_integer((json_int_t)slots[i].coded)) < 0)
				rc = call_nomem(c);
	}
	free(sorted);
	cdr_coders_free(names, n);
	return rc;
}

int api_docs(struct serve_call *c)
{
	size_t nd = cdr_project_doc_count(c->p);
	struct doc_slot *slots = calloc(nd ? nd : 1, sizeof(*slots));
	cdr_cases *cases = cdr_project_cases(c->p);
	json_t *list = json_array();
	int rc = -1;

	if (slots == NULL || list == NULL) {
		rc = call_nomem(c);
		goto done;
	}
	for (size_t i = 0; i < nd; i++) {
		slots[i].id = cdr_project_doc_id(c->p, i);
		if (cdr_project_doc_load(&slots[i].d, c->p, slots[i].id, 0) < 0) {
			rc = call_lib_error(c);
			goto done;
		}
		if ((slots[i].seen = malloc(cdr_document_turn_count(slots[i].d) + 1)) == NULL ||
		    (slots[i].progress = json_object()) == NULL) {
			rc = call_nomem(c);
			goto done;
		}
	}
	if (add_progress(c, slots, nd) < 0)
		goto done;
	for (size_t i = 0; i < nd; i++) {
		long ci = cdr_cases_of_doc(cases, slots[i].id);
		json_t *o = json_object();
		if (jpush(list, o) < 0 || jset(o, "id", jstr(slots[i].id)) < 0 ||
		    jset(o, "case", ci >= 0 ? jstr(cdr_cases_id(cases, (size_t)ci)) : json_null()) < 0 ||
		    jset(o, "attrs", attrs_of(cases, ci)) < 0 ||
		    jset(o, "turns", json_integer((json_int_t)cdr_document_turn_count(slots[i].d))) < 0 ||
		    jset(o, "words", json_integer((json_int_t)cdr_document_words(slots[i].d))) < 0 ||
		    jset(o, "progress", json_incref(slots[i].progress)) < 0) {
			rc = call_nomem(c);
			goto done;
		}
	}
	rc = call_answer(c, 200, list);
	list = NULL;
done:
	for (size_t i = 0; slots && i < nd; i++) {
		cdr_document_free(slots[i].d);
		free(slots[i].seen);
		json_decref(slots[i].progress);
	}
	free(slots);
	json_decref(list);
	return rc;
}

/* A document named by ?id= or ?doc=: it must be in the project. */
static const char *doc_arg(struct serve_call *c, const char *name)
{
	const char *id = call_arg(c, name);

	if (id == NULL || *id == '\0') {
		call_error(c, 400, "which document? (?%s=DOC)", name);
		return NULL;
	}
	if (!cdr_project_has_doc(c->p, id)) {
		call_error(c, 404, "no document '%s' in the project", id);
		return NULL;
	}
	return id;
}

/* start and end into o: -1 when out of memory. */
static int set_span(json_t *o, size_t start, size_t end)
{
	return jset(o, "start", json_integer((json_int_t)start)) < 0 || jset(o, "end", json_integer((json_int_t)end)) < 0
		       ? -1
		       : 0;
}

static int put_span(cdr_buf *b, const char *before, size_t start, size_t end)
{
	return cdr_buf_printf(b, "%s\"start\":%zu,\"end\":%zu}", before, start, end);
}

/* A document for the page: its text and structure. A long transcript
 * (5 MB, 14,000 turns, 60,000 sentences) made a tree of a hundred
 * thousand jansson values and took a quarter of a second; the JSON is
 * written straight into one buffer instead. */
int api_doc(struct serve_call *c)
{
	const char *id = doc_arg(c, "id");
	cdr_cases *cases = cdr_project_cases(c->p);
	cdr_document *d = NULL;
	cdr_buf b = CDR_BUF_INIT;
	const char *sep = "";
	long ci;
	int rc = 0;

	if (id == NULL)
		return -1;
	if (cdr_project_doc_load(&d, c->p, id, 1) < 0)
		return call_lib_error(c);
	ci = cdr_cases_of_doc(cases, id);
	if ((rc = cdr_buf_puts(&b, "{\"id\":")) < 0 || (rc = put_str(&b, id)) < 0 ||
	    (rc = cdr_buf_puts(&b, ",\"case\":")) < 0 ||
	    (rc = put_str_or_null(&b, ci >= 0 ? cdr_cases_id(cases, (size_t)ci) : NULL)) < 0 ||
	    (rc = cdr_buf_puts(&b, ",\"attrs\":{")) < 0)
		goto done;
	for (size_t a = 0; ci >= 0 && a < cdr_cases_attr_count(cases) && rc == 0; a++) {
		const char *v = cdr_cases_attr(cases, (size_t)ci, a);
		if (*v == '\0')
			continue;
		if ((rc = cdr_buf_puts(&b, sep)) < 0 || (rc = put_str(&b, cdr_cases_attr_name(cases, a))) < 0 ||
		    (rc = cdr_buf_putc(&b, ':')) < 0 || (rc = put_str(&b, v)) < 0)
			goto done;
		sep = ",";
	}
	if (rc < 0 ||
	    (rc = cdr_buf_printf(&b, "},\"length\":%zu,\"words\":%zu,\"text\":", cdr_document_length(d),
				 cdr_document_words(d))) < 0 ||
	    (rc = put_str(&b, cdr_document_text(d, NULL))) < 0 || (rc = cdr_buf_puts(&b, ",\"turns\":[")) < 0)
		goto done;
	for (size_t i = 0; i < cdr_document_turn_count(d) && rc == 0; i++) {
		const cdr_turn *t = cdr_document_turn(d, i);
		if ((rc = cdr_buf_printf(&b, "%s{\"n\":%zu,\"speaker\":", i ? "," : "", i + 1)) < 0 ||
		    (rc = put_str_or_null(&b, t->speaker)) < 0 || (rc = cdr_buf_puts(&b, ",\"time\":")) < 0 ||
		    (rc = put_str_or_null(&b, t->time)) < 0)
			goto done;
		rc = put_span(&b, ",", t->span.start, t->span.end);
	}
	if (rc < 0 || (rc = cdr_buf_puts(&b, "],\"sentences\":[")) < 0)
		goto done;
	for (size_t i = 0; i < cdr_document_sentence_count(d) && rc == 0; i++) {
		const cdr_span *sp = cdr_document_sentence(d, i);
		rc = put_span(&b, i ? ",{" : "{", sp->start, sp->end);
	}
	if (rc < 0 || (rc = cdr_buf_puts(&b, "],\"paragraphs\":[")) < 0)
		goto done;
	for (size_t i = 0; i < cdr_document_paragraph_count(d) && rc == 0; i++) {
		const cdr_span *sp = cdr_document_paragraph(d, i);
		rc = put_span(&b, i ? ",{" : "{", sp->start, sp->end);
	}
	if (rc == 0)
		rc = cdr_buf_puts(&b, "]}");
done:
	cdr_document_free(d);
	if (rc < 0) {
		cdr_buf_free(&b);
		return call_nomem(c);
	}
	{
		size_t len;
		char *text = cdr_buf_detach(&b, &len);
		return call_answer_text(c, text, len);
	}
}

static json_t *code_json(const cdr_code *k)
{
	json_t *o = json_object(), *examples;

	if (o == NULL)
		return NULL;
	if (jset(o, "id", jstr(k->id)) < 0 || jset(o, "qualified", jstr(k->qualified)) < 0 ||
	    jset(o, "label", jstr_or_null(k->label)) < 0 || jset(o, "definition", jstr_or_null(k->definition)) < 0 ||
	    jset(o, "include", jstr_or_null(k->include)) < 0 || jset(o, "exclude", jstr_or_null(k->exclude)) < 0 ||
	    jset(o, "examples", examples = json_array()) < 0 || jset(o, "color", jstr_or_null(k->colour)) < 0 || jset(o, "rules", json_integer((json_int_t)k->nrules)) < 0 ||
	    (k->example && *k->example && jpush(examples, jstr(k->example)) < 0) ||
	    jset(o, "children", json_array()) < 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

int api_codebook(struct serve_call *c)
{
	cdr_schemes *set = NULL;
	json_t *o = NULL, *schemes, **made = NULL;
	int rc = -1;

	if (call_schemes(c, &set) < 0)
		return -1;
	if ((o = json_object()) == NULL || jset(o, "schemes", schemes = json_array()) < 0)
		goto nomem;
	for (size_t i = 0; i < cdr_schemes_count(set); i++) {
		const cdr_scheme *s = cdr_schemes_get(set, i);
		size_t nc = cdr_scheme_code_count(s);
		json_t *so = json_object(), *codes;
		if (jpush(schemes, so) < 0 || jset(so, "id", jstr(cdr_scheme_id(s))) < 0 ||
		    jset(so, "label", jstr_or_null(cdr_scheme_title(s))) < 0 ||
		    jset(so, "description", jstr_or_null(cdr_scheme_description(s))) < 0 ||
		    jset(so, "color", json_null()) < 0 || jset(so, "codes", codes = json_array()) < 0)
			goto nomem;
		free(made);
		if ((made = calloc(nc ? nc : 1, sizeof(*made))) == NULL)
			goto nomem;
		/* a parent comes before its children: each code goes into its
		 * parent's children, made just before */
		for (size_t k = 0; k < nc; k++) {
			const cdr_code *code = cdr_scheme_code(s, k);
			json_t *into = code->parent >= 0 && (size_t)code->parent < k
					       ? json_object_get(made[code->parent], "children")
					       : codes;
			if ((made[k] = code_json(code)) == NULL || jpush(into, made[k]) < 0)
				goto nomem;
		}
	}
	rc = call_answer(c, 200, o);
	o = NULL;
	goto done;
nomem:
	rc = call_nomem(c);
done:
	free(made);
	json_decref(o);
	cdr_schemes_free(set);
	return rc;
}

json_t *serve_coding_json(const char *coder, const cdr_coding *k)
{
	json_t *o = json_object();

	if (o && (jset(o, "coder", jstr(coder)) < 0 || jset(o, "doc", jstr(k->doc)) < 0 ||
		  set_span(o, k->start, k->end) < 0 ||
		  jset(o, "code", jstr(k->code)) < 0 || jset(o, "origin", jstr(k->origin)) < 0 ||
		  jset(o, "created", jstr(k->created)) < 0 || jset(o, "memo", jstr(k->memo)) < 0 ||
		  jset(o, "status", jstr(k->status)) < 0)) {
		json_decref(o);
		return NULL;
	}
	return o;
}


int api_codings(struct serve_call *c)
{
	const char *doc = doc_arg(c, "doc");
	char **names = NULL;
	size_t n = 0;
	json_t *o = NULL, *list, *versions;
	int rc = -1;

	if (doc == NULL || coders_with_page(c, &names, &n) < 0)
		goto done;
	if ((versions = versions_of(c, names, n)) == NULL)
		goto done;
	if ((o = json_object()) == NULL || jset(o, "versions", versions) < 0 || jset(o, "codings", list = json_array()) < 0) {
		if (o == NULL)
			json_decref(versions);
		goto nomem;
	}
	for (size_t i = 0; i < n; i++) {
		cdr_codings *set = NULL;
		if (cdr_codings_load(&set, c->p, names[i], NULL, NULL) < 0) {
			rc = call_lib_error(c);
			goto done;
		}
		for (size_t k = 0; k < cdr_codings_count(set); k++) {
			const cdr_coding *cd = cdr_codings_get(set, k);
			if (strcmp(cd->doc, doc) == 0 && jpush(list, serve_coding_json(names[i], cd)) < 0) {
				cdr_codings_free(set);
				goto nomem;
			}
		}
		cdr_codings_free(set);
	}
	rc = call_answer(c, 200, o);
	o = NULL;
	goto done;
nomem:
	rc = call_nomem(c);
done:
	json_decref(o);
	cdr_coders_free(names, n);
	return rc;
}

int serve_memo_target(struct serve_call *c, const char *kind_name, const char *target, cdr_memo_kind *kind,
		      char *id, size_t idcap)
{
	if (kind_name == NULL || target == NULL || *target == '\0')
		return call_error(c, 400, "a memo needs a kind (doc, code or case) and a target");
	if (strcmp(kind_name, "doc") == 0) {
		if (!cdr_project_has_doc(c->p, target))
			return call_error(c, 404, "no document '%s' in the project", target);
		*kind = CDR_MEMO_DOC;
		snprintf(id, idcap, "%s", target);
	} else if (strcmp(kind_name, "case") == 0) {
		if (cdr_cases_find(cdr_project_cases(c->p), target) < 0)
			return call_error(c, 404, "no case '%s' in the project", target);
		*kind = CDR_MEMO_CASE;
		snprintf(id, idcap, "%s", target);
	} else if (strcmp(kind_name, "code") == 0) {
		cdr_schemes *set = NULL;
		const cdr_code *code;
		if (call_schemes(c, &set) < 0)
			return -1;
		if (cdr_schemes_resolve(&code, set, target) < 0) {
			cdr_schemes_free(set);
			return call_lib_error(c);
		}
		*kind = CDR_MEMO_CODE;
		snprintf(id, idcap, "%s", code->qualified);
		cdr_schemes_free(set);
	} else {
		return call_error(c, 400, "a memo's kind is doc, code or case, not '%s'", kind_name);
	}
	return 0;
}

int api_memos_get(struct serve_call *c)
{
	char id[1024], v[CDR_VERSION_SIZE], *text = NULL;
	cdr_memo_kind kind;
	json_t *o;
	int rc;

	if (serve_memo_target(c, call_arg(c, "kind"), call_arg(c, "target"), &kind, id, sizeof(id)) < 0)
		return -1;
	if (cdr_memo_version(v, c->p, kind, id) < 0 || cdr_memo_get(&text, c->p, kind, id) < 0)
		return call_lib_error(c);
	if ((o = json_object()) == NULL || jset(o, "kind", jstr(call_arg(c, "kind"))) < 0 ||
	    jset(o, "target", jstr(id)) < 0 || jset(o, "text", jstr(text)) < 0 || jset(o, "version", jversion(v)) < 0) {
		json_decref(o);
		o = NULL;
	}
	free(text);
	rc = call_answer(c, 200, o);
	return rc;
}

/* "A,B" into items (no empty ones). */
static int split(struct serve_call *c, const char *s, const char *what, char ***out, size_t *n)
{
	char *copy = strdup(s), *save = NULL;

	*out = NULL;
	*n = 0;
	if (copy == NULL)
		return call_nomem(c);
	for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		char **v;
		while (*tok == ' ')
			tok++;
		size_t len = strlen(tok);
		while (len && tok[len - 1] == ' ')
			tok[--len] = '\0';
		if (*tok == '\0')
			continue;
		if ((v = realloc(*out, (*n + 1) * sizeof(char *))) == NULL || (v[*n] = strdup(tok)) == NULL) {
			if (v)
				*out = v;
			free(copy);
			return call_nomem(c);
		}
		*out = v;
		(*n)++;
	}
	free(copy);
	if (*n == 0)
		return call_error(c, 400, "%s: give at least one", what);
	return 0;
}

static void split_free(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

struct compare {
	struct serve_call *c;
	json_t *list;
	char **coders;
	size_t ncoders;
};

static int on_disagreement(void *ctx, const cdr_disagreement *d)
{
	struct compare *x = ctx;
	json_t *o = json_object(), *values;

	/* o belongs to the list once pushed; a failed push frees it */
	if (jpush(x->list, o) < 0 || jset(o, "code", jstr(d->variable)) < 0 || jset(o, "doc", jstr(d->doc)) < 0 ||
	    jset(o, "turn", d->turn >= 0 ? json_integer((json_int_t)d->turn + 1) : json_null()) < 0 ||
	    jset(o, "speaker", jstr_or_null(d->speaker)) < 0 || set_span(o, d->span.start, d->span.end) < 0 ||
	    jset(o, "values", values = json_object()) < 0 || jset(o, "text", jstr(d->text)) < 0)
		return cdr_error_set(CDR_ENOMEM, "out of memory");
	for (size_t i = 0; i < x->ncoders; i++)
		if (jset(values, x->coders[i], jstr(d->values[i])) < 0)
			return cdr_error_set(CDR_ENOMEM, "out of memory");
	return 0;
}

int api_compare(struct serve_call *c)
{
	const char *doc = doc_arg(c, "doc"), *coders = call_arg(c, "coders"), *unit = call_arg(c, "unit");
	cdr_agree_options ao = { 0 };
	struct compare x = { c, NULL, NULL, 0 };
	cdr_schemes *set = NULL;
	cdr_agreement *a = NULL;
	json_t *o = NULL;
	size_t units = 0;
	int rc = -1;

	if (doc == NULL)
		return -1;
	if (coders == NULL)
		return call_error(c, 400, "which coders? (?coders=A,B)");
	if (split(c, coders, "coders", &x.coders, &x.ncoders) < 0)
		goto done;
	for (size_t i = 0; i < x.ncoders; i++)
		if (call_coder_ok(c, x.coders[i]) < 0)
			goto done;
	if (x.ncoders < 2) {
		rc = call_error(c, 400, "a comparison needs two coders or more");
		goto done;
	}
	if (unit && cdr_unit_kind_parse(&ao.unit, unit) < 0) {
		rc = call_error(c, 400, "%s", cdr_error_last());
		goto done;
	}
	if (!unit)
		ao.unit = CDR_UNIT_TURN;
	if (ao.unit == CDR_UNIT_CHAR || ao.unit == CDR_UNIT_DOCUMENT) {
		rc = call_error(c, 400, "the page compares by turn, sentence or paragraph");
		goto done;
	}
	ao.coders = (const char *const *)x.coders;
	ao.ncoders = x.ncoders;
	ao.docs = &doc;
	ao.ndocs = 1;
	if (call_schemes(c, &set) < 0)
		goto done;
	if (cdr_agreement_build(&a, c->p, set, &ao) < 0) {
		rc = call_lib_error(c);
		goto done;
	}
	if (cdr_agreement_count(a) > 0)
		units = cdr_agreement_units(a, 0);
	if ((o = json_object()) == NULL || jset(o, "units", json_integer((json_int_t)units)) < 0 ||
	    jset(o, "unit", jstr(cdr_unit_kind_name(ao.unit))) < 0 ||
	    jset(o, "disagreements", x.list = json_array()) < 0) {
		rc = call_nomem(c);
		goto done;
	}
	if (cdr_agreement_disagreements(a, c->p, on_disagreement, &x) < 0) {
		rc = call_lib_error(c);
		goto done;
	}
	rc = call_answer(c, 200, o);
	o = NULL;
done:
	json_decref(o);
	cdr_agreement_free(a);
	cdr_schemes_free(set);
	split_free(x.coders, x.ncoders);
	return rc;
}

struct quotes {
	struct serve_call *c;
	json_t *list;
	cdr_cases *cases;
	const char *speaker;
	const char *attr;  /* name, or NULL */
	const char *value;
};

static int on_quote(void *ctx, const cdr_quote *q)
{
	struct quotes *x = ctx;
	const cdr_document_info *info = cdr_document_info_get(q->doc);
	const cdr_turn *t = q->turn >= 0 ? cdr_document_turn(q->doc, (size_t)q->turn) : NULL;
	long ci = cdr_cases_of_doc(x->cases, info->id);
	char *text;
	json_t *o;

	if (x->speaker && (t == NULL || strcmp(t->speaker, x->speaker) != 0))
		return 0;
	if (x->attr) {
		const char *v = ci >= 0 ? cdr_cases_attr_by_name(x->cases, (size_t)ci, x->attr) : NULL;
		if (v == NULL || strcmp(v, x->value) != 0)
			return 0;
	}
	if ((text = cdr_document_slice(q->doc, (cdr_span){ q->coding->start, q->coding->end })) == NULL)
		return cdr_error_set(CDR_ENOMEM, "out of memory");
	o = json_object();
	if (jpush(x->list, o) < 0 || jset(o, "doc", jstr(info->id)) < 0 ||
	    jset(o, "case", ci >= 0 ? jstr(cdr_cases_id(x->cases, (size_t)ci)) : json_null()) < 0 ||
	    jset(o, "turn", t ? json_integer((json_int_t)q->turn + 1) : json_null()) < 0 ||
	    jset(o, "speaker", jstr_or_null(t ? t->speaker : NULL)) < 0 ||
	    set_span(o, q->coding->start, q->coding->end) < 0 || jset(o, "code", jstr(q->coding->code)) < 0 ||
	    jset(o, "coder", jstr(q->coder)) < 0 || jset(o, "origin", jstr(q->coding->origin)) < 0 ||
	    jset(o, "memo", jstr_or_null(q->coding->memo)) < 0 || jset(o, "text", jstr(text)) < 0) {
		free(text);
		return cdr_error_set(CDR_ENOMEM, "out of memory");
	}
	free(text);
	return 0;
}

int api_quotes(struct serve_call *c)
{
	const char *ref = call_arg(c, "code"), *coder = call_arg(c, "coder"), *attr = call_arg(c, "attr");
	const char *case_id = call_arg(c, "case"), *children = call_arg(c, "children");
	struct quotes x = { c, NULL, cdr_project_cases(c->p), call_arg(c, "speaker"), NULL, NULL };
	cdr_schemes *set = NULL;
	const cdr_code *code;
	char *attr_copy = NULL;
	int rc = -1;

	if (ref == NULL || *ref == '\0')
		return call_error(c, 400, "which code? (?code=CODE)");
	if (coder && *coder == '\0')
		coder = NULL;
	if (x.speaker && *x.speaker == '\0')
		x.speaker = NULL;
	if (case_id && *case_id == '\0')
		case_id = NULL;
	if (coder) {
		char v[CDR_VERSION_SIZE];
		if (call_coder_ok(c, coder) < 0)
			return -1;
		if (cdr_codings_version(v, c->p, coder) < 0)
			return call_lib_error(c);
		if (*v == '\0')
			return call_error(c, 404, "no coder '%s' in the project", coder);
	}
	if (attr && *attr) {
		char *eq;
		size_t a;
		if ((attr_copy = strdup(attr)) == NULL)
			return call_nomem(c);
		if ((eq = strchr(attr_copy, '=')) == NULL || eq == attr_copy) {
			rc = call_error(c, 400, "attr: expected KEY=VALUE, not '%s'", attr);
			goto done;
		}
		*eq = '\0';
		x.attr = attr_copy;
		x.value = eq + 1;
		for (a = 0; a < cdr_cases_attr_count(x.cases); a++)
			if (strcmp(cdr_cases_attr_name(x.cases, a), x.attr) == 0)
				break;
		if (a == cdr_cases_attr_count(x.cases)) {
			rc = call_error(c, 404, "no case attribute '%s' in the project", x.attr);
			goto done;
		}
	}
	if (call_schemes(c, &set) < 0)
		goto done;
	if (cdr_schemes_resolve(&code, set, ref) < 0) {
		rc = call_lib_error(c);
		goto done;
	}
	if ((x.list = json_array()) == NULL) {
		rc = call_nomem(c);
		goto done;
	}
	if (cdr_quotes(c->p, set, code, !(children && strcmp(children, "0") == 0), coder, case_id, on_quote, &x) < 0) {
		rc = call_lib_error(c);
		goto done;
	}
	rc = call_answer(c, 200, x.list);
	x.list = NULL;
done:
	json_decref(x.list);
	free(attr_copy);
	cdr_schemes_free(set);
	return rc;
}

/* A cell as a number: whole counts as integers. */
static json_t *number(double v)
{
	if (v == (double)(json_int_t)v)
		return json_integer((json_int_t)v);
	return json_real(v);
}

int api_matrix(struct serve_call *c)
{
	const char *coder = call_arg(c, "coder"), *codes = call_arg(c, "codes");
	cdr_matrix_options mo = { 0 };
	char **names = NULL, **picked = NULL;
	size_t n = 0, npicked = 0;
	cdr_schemes *set = NULL;
	cdr_matrix *m = NULL;
	json_t *o = NULL, *rows, *cols, *cells, *coders;
	int rc = -1;

	if (coder && *coder == '\0')
		coder = NULL;
	if (cdr_coders_choose(&names, &n, NULL, c->p, coder) < 0)
		return call_lib_error(c);
	if (codes && *codes && split(c, codes, "codes", &picked, &npicked) < 0)
		goto done;
	if (call_schemes(c, &set) < 0)
		goto done;
	mo.rows = CDR_ROWS_CASE;
	mo.cols = CDR_COLS_CODE;
	mo.cell = CDR_CELL_COUNT;
	mo.codes = (const char *const *)picked;
	mo.ncodes = npicked;
	mo.coders = (const char *const *)names;
	mo.ncoders = n;
	if (cdr_matrix_build(&m, c->p, set, &mo) < 0) {
		rc = call_lib_error(c);
		goto done;
	}
	if ((o = json_object()) == NULL || jset(o, "coders", coders = json_array()) < 0 ||
	    jset(o, "rows", rows = json_array()) < 0 || jset(o, "cols", cols = json_array()) < 0 ||
	    jset(o, "cells", cells = json_array()) < 0)
		goto nomem;
	for (size_t i = 0; i < n; i++)
		if (jpush(coders, jstr(names[i])) < 0)
			goto nomem;
	for (size_t j = 0; j < cdr_matrix_cols(m); j++)
		if (jpush(cols, jstr(cdr_matrix_col_label(m, j))) < 0)
			goto nomem;
	for (size_t i = 0; i < cdr_matrix_rows(m); i++) {
		json_t *row = json_array();
		if (jpush(rows, jstr(cdr_matrix_row_label(m, i))) < 0 || jpush(cells, row) < 0)
			goto nomem;
		for (size_t j = 0; j < cdr_matrix_cols(m); j++)
			if (jpush(row, number(cdr_matrix_value(m, i, j))) < 0)
				goto nomem;
	}
	rc = call_answer(c, 200, o);
	o = NULL;
	goto done;
nomem:
	rc = call_nomem(c);
done:
	json_decref(o);
	cdr_matrix_free(m);
	cdr_schemes_free(set);
	split_free(picked, npicked);
	cdr_coders_free(names, n);
	return rc;
}
