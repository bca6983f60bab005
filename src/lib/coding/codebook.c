/* codebook.c -- codes renamed, merged, moved, removed and added, with the
 * scheme file, every coder's codings and the codes' memos changed in one
 * step, and a line in codebook.log per change (codebook.h).
 *
 * In the coding layer: a change of the codebook is a change of the
 * codings that use it, or it would leave them pointing nowhere. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codeer/codebook.h"
#include "codeer/coding.h"
#include "codeer/error.h"
#include "codeer/scheme.h"
#include "coding/housekeep.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/tsv.h"

#define LOG_FILE "codebook.log"
#define LOG_HEADER "time\tchange\tcodings\tcoders\n"

struct work {
	cdr_project *p;
	cdr_change *ch;
	cdr_schemes *set;
	struct cdr_sets sets;
	size_t *per;          /* codings per coder of this change */
	size_t dropped;
	cdr_buf report;
	cdr_buf change;       /* the log's "change" column */
	int dry_run;
	char entry[300];      /* an archive entry made, to drop on failure */
};

/* The scheme file of `scheme` as a path below the project. */
static void scheme_rel(char *out, size_t cap, const cdr_scheme *s)
{
	const char *path = cdr_scheme_path(s), *slash = strrchr(path, '/');

	snprintf(out, cap, "schemes/%s", slash ? slash + 1 : path);
}

static int resolve(const cdr_code **out, const cdr_scheme **scheme, struct work *w, const char *ref)
{
	int rc = cdr_schemes_resolve(out, w->set, ref);

	if (rc == 0 && scheme)
		*scheme = cdr_schemes_scheme_of(w->set, *out);
	return rc;
}

/* "scheme/ID" or "ID" for a code of `s`: the id, or NULL when it names
 * another scheme. */
static const char *local_id(const cdr_scheme *s, const char *ref)
{
	size_t n = strlen(cdr_scheme_id(s));
	const char *slash = strchr(ref, '/');

	if (slash == NULL)
		return ref;
	return (size_t)(slash - ref) == n && strncmp(ref, cdr_scheme_id(s), n) == 0 ? slash + 1 : NULL;
}

static int open_edit(cdr_scheme_edit **e, struct work *w, const cdr_scheme *s)
{
	char rel[600], *data;
	size_t len;
	int rc;

	scheme_rel(rel, sizeof(rel), s);
	if ((rc = cdr_rel_read(&data, &len, w->p, rel)) < 0)
		return rc;
	if (data == NULL)
		return cdr_error_set(CDR_ENOTFOUND, "%s: the scheme file is gone", cdr_scheme_path(s));
	rc = cdr_scheme_edit_open(e, data, len, cdr_scheme_path(s));
	free(data);
	return rc;
}

static int stage_edit(cdr_scheme_edit *e, struct work *w, const cdr_scheme *s)
{
	char rel[600], *data;
	size_t len;
	int rc;

	scheme_rel(rel, sizeof(rel), s);
	if ((rc = cdr_scheme_edit_save(e, &data, &len)) < 0)
		return rc;
	rc = cdr_change_write(w->ch, rel, data, len);
	free(data);
	return rc;
}

/* Recode `from` to `to` in every coder's codings, counted per coder. */
static int recode(struct work *w, const char *from, const char *to)
{
	int rc = 0;

	for (size_t i = 0; i < w->sets.n && rc == 0; i++) {
		size_t n = 0, dropped = 0;
		rc = cdr_codings_recode(w->sets.v[i], from, to, &n, &dropped);
		w->per[i] += n;
		w->dropped += dropped;
		w->sets.dirty[i] |= n > 0;
	}
	return rc;
}

static size_t total(const struct work *w)
{
	size_t t = 0;

	for (size_t i = 0; i < w->sets.n; i++)
		t += w->per[i];
	return t;
}

/* memos/code/<scheme>/<code>.md */
static void memo_rel(char *out, size_t cap, const char *qualified)
{
	snprintf(out, cap, "memos/code/%s.md", qualified);
}

/* The memo of `from` goes to `to`'s (added below it when `to` has one),
 * or into the archive entry when `to` is NULL. */
static int memo_follow(struct work *w, const char *from, const char *to)
{
	char rel[600], rel2[600], *a = NULL, *b = NULL;
	size_t alen, blen;
	cdr_buf m = CDR_BUF_INIT;
	int rc;

	memo_rel(rel, sizeof(rel), from);
	if ((rc = cdr_rel_read(&a, &alen, w->p, rel)) < 0 || a == NULL)
		return rc;
	if (to == NULL) {
		if (!w->dry_run) {
			snprintf(rel2, sizeof(rel2), "%s/memo.md", w->entry);
			rc = cdr_change_write(w->ch, rel2, a, alen);
		}
		if (rc == 0)
			rc = cdr_buf_puts(&w->report, ", its memo archived");
		goto done;
	}
	memo_rel(rel2, sizeof(rel2), to);
	{
		/* memos/code/<scheme>/ may not be there yet */
		char dir[600];
		const char *slash = strchr(to, '/');
		snprintf(dir, sizeof(dir), "memos/code/%.*s", (int)(slash - to), to);
		if (!w->dry_run && ((rc = cdr_rel_mkdir(w->p, "memos")) < 0 || (rc = cdr_rel_mkdir(w->p, "memos/code")) < 0 ||
				    (rc = cdr_rel_mkdir(w->p, dir)) < 0))
			goto done;
	}
	if ((rc = cdr_rel_read(&b, &blen, w->p, rel2)) < 0)
		goto done;
	if (b && (rc = cdr_buf_printf(&m, "%s%s\n(from %s)\n\n", b, blen && b[blen - 1] == '\n' ? "" : "\n", from)) < 0)
		goto done;
	if ((rc = cdr_buf_put(&m, a, alen)) < 0 || (rc = cdr_change_write(w->ch, rel2, m.data, m.len)) < 0)
		goto done;
	rc = cdr_buf_printf(&w->report, ", its memo %s %s", b ? "added to that of" : "moved to", to);
done:
	if (rc == 0)
		rc = cdr_change_remove(w->ch, rel);
	cdr_buf_free(&m);
	free(a);
	free(b);
	return rc;
}

/* ", 5 codings recoded (anna 3, auto 2)" */
static int report_counts(struct work *w, const char *verb)
{
	int rc = cdr_buf_puts(&w->report, ": ");

	if (rc == 0)
		rc = cdr_sets_counts_text(&w->report, &w->sets, w->per);
	if (rc == 0 && total(w))
		rc = cdr_buf_printf(&w->report, " %s", verb);
	if (rc == 0 && w->dropped)
		rc = cdr_buf_printf(&w->report, ", %zu of them dropped as the same span was coded with both", w->dropped);
	return rc;
}

static int op_rename(struct work *w, const cdr_codebook_change *c)
{
	const cdr_code *code, *other;
	const cdr_scheme *s = NULL;
	const char *to;
	cdr_scheme_edit *e = NULL;
	char qualified[600];
	int rc;

	if ((rc = resolve(&code, &s, w, c->codes[0])) < 0)
		return rc;
	if ((to = local_id(s, c->target)) == NULL)
		return cdr_error_set(CDR_EUSAGE, "'%s' is in another scheme than %s: a code is renamed within its scheme",
				     c->target, code->qualified);
	if (!cdr_scheme_id_valid(to))
		return cdr_error_set(CDR_EUSAGE, "'%s' cannot be a code id (a letter or digit, then letters, digits, . _ -)", to);
	snprintf(qualified, sizeof(qualified), "%s/%s", cdr_scheme_id(s), to);
	if (cdr_schemes_resolve(&other, w->set, qualified) == 0)
		return cdr_error_set(CDR_EEXISTS, "scheme '%s' already has a code '%s' (to join them, merge them)",
				     cdr_scheme_id(s), to);
	cdr_error_clear();
	if ((rc = cdr_buf_printf(&w->change, "rename %s %s", code->qualified, qualified)) < 0 ||
	    (rc = cdr_buf_printf(&w->report, "rename %s to %s", code->qualified, qualified)) < 0 ||
	    (rc = open_edit(&e, w, s)) < 0 || (rc = cdr_scheme_edit_rename(e, code->id, to)) < 0 ||
	    (rc = stage_edit(e, w, s)) < 0 || (rc = recode(w, code->qualified, qualified)) < 0 ||
	    (rc = report_counts(w, "recoded")) < 0)
		goto done;
	rc = memo_follow(w, code->qualified, qualified);
done:
	cdr_scheme_edit_free(e);
	return rc;
}

static int op_merge(struct work *w, const cdr_codebook_change *c)
{
	const cdr_code *into = NULL, *code;
	const cdr_scheme *s = NULL, *cs = NULL;
	cdr_scheme_edit *e = NULL;
	char target[600];
	const char *to;
	size_t rules = 0;
	int rc;

	if (c->ncodes < 1)
		return cdr_error_set(CDR_EUSAGE, "no code to merge");
	if ((rc = resolve(&code, &s, w, c->codes[0])) < 0)
		return rc;
	if ((to = local_id(s, c->target)) == NULL)
		return cdr_error_set(CDR_EUSAGE, "'%s' is in another scheme than %s: codes merge within their scheme",
				     c->target, code->qualified);
	snprintf(target, sizeof(target), "%s/%s", cdr_scheme_id(s), to);
	if (cdr_schemes_resolve(&into, w->set, target) < 0) {
		if (!cdr_scheme_id_valid(to))
			return cdr_error_set(CDR_EUSAGE, "'%s' cannot be a code id (a letter or digit, then letters, digits, . _ -)", to);
		cdr_error_clear();
		into = NULL; /* a new id: the first code takes it */
	}
	for (size_t i = 0; i < c->ncodes; i++) {
		if ((rc = resolve(&code, &cs, w, c->codes[i])) < 0)
			return rc;
		if (cs != s)
			return cdr_error_set(CDR_EUSAGE, "%s and %s are in different schemes: codes merge within their scheme",
					     c->codes[0], code->qualified);
		for (size_t j = 0; j < i; j++) {
			const cdr_code *prev;
			if (resolve(&prev, NULL, w, c->codes[j]) == 0 && prev == code)
				return cdr_error_set(CDR_EUSAGE, "code %s is named twice", code->qualified);
		}
	}
	{
		/* the code they become must not lie within one of them */
		const cdr_code *goal = into;
		if (goal == NULL)
			resolve(&goal, NULL, w, c->codes[0]);
		for (size_t i = 0; i < c->ncodes; i++) {
			resolve(&code, NULL, w, c->codes[i]);
			if (code != goal && cdr_scheme_code_is_below(s, goal, code))
				return cdr_error_set(CDR_EUSAGE, "%s lies within %s: merge the subcode into its parent instead",
						     goal->qualified, code->qualified);
		}
	}
	if ((rc = cdr_buf_printf(&w->change, "merge")) < 0 || (rc = cdr_buf_puts(&w->report, "merge")) < 0)
		return rc;
	for (size_t i = 0; i < c->ncodes && rc == 0; i++) {
		resolve(&code, NULL, w, c->codes[i]);
		rc = cdr_buf_printf(&w->change, " %s", code->qualified);
		if (rc == 0)
			rc = cdr_buf_printf(&w->report, "%s%s", i ? ", " : " ", code->qualified);
	}
	if (rc < 0 || (rc = cdr_buf_printf(&w->change, " into %s", target)) < 0 ||
	    (rc = cdr_buf_printf(&w->report, " into %s%s", target, into ? "" : " (a new id for the first)")) < 0 ||
	    (rc = open_edit(&e, w, s)) < 0)
		goto done;
	if (into == NULL) {
		resolve(&code, NULL, w, c->codes[0]);
		if ((rc = cdr_scheme_edit_rename(e, code->id, to)) < 0 || (rc = recode(w, code->qualified, target)) < 0)
			goto done;
	}
	for (size_t i = into ? 0 : 1; i < c->ncodes && rc == 0; i++) {
		size_t n = 0;
		resolve(&code, NULL, w, c->codes[i]);
		if (into == code)
			continue;
		/* the rules keep proposing, now for the code they became */
		if ((rc = cdr_scheme_edit_take_rules(e, code->id, to, &n)) == 0 &&
		    (rc = cdr_scheme_edit_remove(e, code->id, to)) == 0)
			rc = recode(w, code->qualified, target);
		rules += n;
	}
	if (rc < 0 || (rc = stage_edit(e, w, s)) < 0 || (rc = report_counts(w, "recoded")) < 0)
		goto done;
	if (rules && (rc = cdr_buf_printf(&w->report, ", %zu rule%s moved with them", rules, rules == 1 ? "" : "s")) < 0)
		goto done;
	for (size_t i = 0; i < c->ncodes && rc == 0; i++) {
		resolve(&code, NULL, w, c->codes[i]);
		if (into != code)
			rc = memo_follow(w, code->qualified, target);
	}
done:
	cdr_scheme_edit_free(e);
	return rc;
}

static int op_move(struct work *w, const cdr_codebook_change *c)
{
	const cdr_code *code, *parent = NULL;
	const cdr_scheme *s = NULL, *ps;
	cdr_scheme_edit *e = NULL;
	int rc;

	if ((rc = resolve(&code, &s, w, c->codes[0])) < 0)
		return rc;
	if (c->target) {
		char ref[600];
		const char *id = local_id(s, c->target);
		snprintf(ref, sizeof(ref), "%s/%s", cdr_scheme_id(s), id ? id : "");
		if (id == NULL || (rc = resolve(&parent, &ps, w, ref)) < 0)
			return id ? rc : cdr_error_set(CDR_EUSAGE, "'%s' is in another scheme than %s: a code moves within its scheme",
						       c->target, code->qualified);
	}
	if ((rc = cdr_buf_printf(&w->change, "move %s %s", code->qualified, parent ? parent->qualified : "(top)")) < 0 ||
	    (rc = cdr_buf_printf(&w->report, "move %s %s%s", code->qualified, parent ? "under " : "to the top",
				 parent ? parent->qualified : "")) < 0 ||
	    (rc = open_edit(&e, w, s)) < 0 || (rc = cdr_scheme_edit_move(e, code->id, parent ? parent->id : NULL)) < 0 ||
	    (rc = stage_edit(e, w, s)) < 0)
		goto done;
	rc = cdr_buf_puts(&w->report, ": no codings change");
done:
	cdr_scheme_edit_free(e);
	return rc;
}

static int uses_code(void *ctx, const cdr_coding *k)
{
	return strcmp(k->code, (const char *)ctx) == 0;
}

static int uses_other(void *ctx, const cdr_coding *k)
{
	return strcmp(k->code, (const char *)ctx) != 0;
}

static int op_remove(struct work *w, const cdr_codebook_change *c)
{
	const cdr_code *code, *into = NULL;
	const cdr_scheme *s = NULL;
	cdr_scheme_edit *e = NULL;
	char memo[600];
	size_t used = 0;
	int rc;

	if ((rc = resolve(&code, &s, w, c->codes[0])) < 0)
		return rc;
	if (c->target && (rc = resolve(&into, NULL, w, c->target)) < 0)
		return rc;
	if (into == code)
		return cdr_error_set(CDR_EUSAGE, "code %s cannot go into itself", code->qualified);
	for (size_t i = 0; i < w->sets.n; i++) {
		w->per[i] = 0;
		for (size_t k = 0; k < cdr_codings_count(w->sets.v[i]); k++)
			w->per[i] += strcmp(cdr_codings_get(w->sets.v[i], k)->code, code->qualified) == 0;
		used += w->per[i];
	}
	if (used > 0 && into == NULL && !c->purge) {
		cdr_buf b = CDR_BUF_INIT;
		rc = cdr_sets_counts_text(&b, &w->sets, w->per);
		if (rc == 0)
			rc = cdr_error_set(CDR_EUNSAFE, "code %s is used by %s: nothing was removed", code->qualified, b.data);
		cdr_buf_free(&b);
		return rc;
	}
	memo_rel(memo, sizeof(memo), code->qualified);
	/* archived codings, or a memo with nowhere to go: an archive entry */
	if ((used > 0 && into == NULL) || (into == NULL && cdr_rel_exists(w->p, memo))) {
		char id[600], *q;
		snprintf(id, sizeof(id), "code-%s", code->qualified);
		for (q = id; *q; q++)
			if (*q == '/')
				*q = '-';
		if (w->dry_run)
			snprintf(w->entry, sizeof(w->entry), "archive/(a new entry)");
		else if ((rc = cdr_archive_entry_create(w->entry, sizeof(w->entry), w->p, id)) < 0)
			return rc;
	}
	if ((rc = cdr_buf_printf(&w->change, "remove %s%s%s", code->qualified, into ? " into " : "",
				 into ? into->qualified : "")) < 0 ||
	    (rc = cdr_buf_printf(&w->report, "remove %s", code->qualified)) < 0 || (rc = open_edit(&e, w, s)) < 0 ||
	    (rc = cdr_scheme_edit_remove(e, code->id, NULL)) < 0 || (rc = stage_edit(e, w, s)) < 0)
		goto done;
	if (into) {
		memset(w->per, 0, w->sets.n * sizeof(size_t));
		if ((rc = recode(w, code->qualified, into->qualified)) < 0 ||
		    (rc = cdr_buf_printf(&w->report, " into %s", into->qualified)) < 0 ||
		    (rc = report_counts(w, "recoded")) < 0)
			goto done;
		rc = memo_follow(w, code->qualified, into->qualified);
		goto done;
	}
	for (size_t i = 0; i < w->sets.n && rc == 0; i++) {
		char *data, rel[900];
		size_t len;
		if (w->per[i] == 0)
			continue;
		if (!w->dry_run) {
			if ((rc = cdr_codings_format(&data, &len, w->sets.v[i], uses_code, (void *)code->qualified)) < 0)
				break;
			snprintf(rel, sizeof(rel), "%s/codings-%s.tsv", w->entry, w->sets.names[i]);
			rc = cdr_change_write(w->ch, rel, data, len);
			free(data);
		}
		cdr_codings_filter(w->sets.v[i], uses_other, (void *)code->qualified);
		w->sets.dirty[i] = 1;
	}
	if (rc < 0 || (used && (rc = report_counts(w, "archived")) < 0) ||
	    (!used && (rc = cdr_buf_puts(&w->report, ": no codings use it")) < 0))
		goto done;
	if (*w->entry && (rc = cdr_buf_printf(&w->report, "%s %s", used ? " in" : "; archive entry", w->entry)) < 0)
		goto done;
	if ((rc = memo_follow(w, code->qualified, NULL)) < 0)
		goto done;
	if (*w->entry && !w->dry_run) {
		cdr_buf sum = CDR_BUF_INIT;
		if ((rc = cdr_sets_counts_text(&sum, &w->sets, w->per)) == 0)
			rc = cdr_archive_manifest(w->ch, w->entry, "codings", code->qualified, NULL, sum.data);
		cdr_buf_free(&sum);
	}
done:
	cdr_scheme_edit_free(e);
	return rc;
}

static int op_add(struct work *w, const cdr_codebook_change *c)
{
	const cdr_scheme *s = cdr_schemes_find(w->set, CDR_PROJECT_SCHEME);
	const char *id = c->codes[0], *slash = strchr(id, '/'), *parent = c->target;
	const char *label = c->label && *c->label ? c->label : NULL;
	char definition[512], *data = NULL;
	cdr_scheme_edit *e = NULL;
	size_t len;
	int rc;

	if (slash) {
		if (strncmp(id, CDR_PROJECT_SCHEME "/", sizeof(CDR_PROJECT_SCHEME)) != 0)
			return cdr_error_set(CDR_EUSAGE, "new codes go into the project's own scheme '%s', not '%.*s'",
					     CDR_PROJECT_SCHEME, (int)(slash - id), id);
		id = slash + 1;
	}
	if (!cdr_scheme_id_valid(id))
		return cdr_error_set(CDR_EUSAGE, "'%s' cannot be a code id (a letter or digit, then letters, digits, . _ -)", id);
	if (parent && strncmp(parent, CDR_PROJECT_SCHEME "/", sizeof(CDR_PROJECT_SCHEME)) == 0)
		parent += sizeof(CDR_PROJECT_SCHEME);
	if (parent && (s == NULL || cdr_scheme_find(s, parent) < 0))
		return cdr_error_set(CDR_ENOTFOUND, "no code '%s' in the project's own scheme '%s': a new code goes under one "
				     "of its codes", parent, CDR_PROJECT_SCHEME);
	if (s && cdr_scheme_find(s, id) >= 0)
		return cdr_error_set(CDR_EEXISTS, "scheme '%s' already has a code '%s'", CDR_PROJECT_SCHEME, id);
	if (c->definition && *c->definition)
		snprintf(definition, sizeof(definition), "%s", c->definition);
	else
		snprintf(definition, sizeof(definition), "Made while coding; its definition is still to be written.");
	if ((rc = cdr_buf_printf(&w->change, "add %s/%s%s%s", CDR_PROJECT_SCHEME, id, parent ? " under " : "",
				 parent ? parent : "")) < 0 ||
	    (rc = cdr_buf_printf(&w->report, "add %s/%s", CDR_PROJECT_SCHEME, id)) < 0 ||
	    (parent && (rc = cdr_buf_printf(&w->report, " under %s/%s", CDR_PROJECT_SCHEME, parent)) < 0))
		return rc;
	if (s == NULL) {
		/* the project's own scheme, made valid with its first code */
		if ((rc = cdr_scheme_new_text(&data, &len, CDR_PROJECT_SCHEME, "Codes made while coding", id,
					      label ? label : id, definition)) < 0 ||
		    (rc = cdr_buf_printf(&w->report, " (a new scheme, schemes/%s.xml)", CDR_PROJECT_SCHEME)) < 0)
			goto done;
		rc = cdr_change_write(w->ch, "schemes/" CDR_PROJECT_SCHEME ".xml", data, len);
		goto done;
	}
	if ((rc = open_edit(&e, w, s)) < 0 || (rc = cdr_scheme_edit_add(e, id, label ? label : id, definition, parent)) < 0)
		goto done;
	rc = stage_edit(e, w, s);
done:
	cdr_scheme_edit_free(e);
	free(data);
	return rc;
}

/* A line of codebook.log: time, change, codings, coders. */
static int stage_log(struct work *w)
{
	char *old = NULL, now[32];
	size_t len;
	cdr_buf b = CDR_BUF_INIT, coders = CDR_BUF_INIT;
	int rc;

	if ((rc = cdr_rel_read(&old, &len, w->p, LOG_FILE)) < 0)
		return rc;
	cdr_now_iso(now);
	rc = old ? cdr_buf_put(&b, old, len) : cdr_buf_puts(&b, LOG_HEADER);
	for (size_t i = 0, k = 0; i < w->sets.n && rc == 0; i++)
		if (w->per[i])
			rc = cdr_buf_printf(&coders, "%s%s %zu", k++ ? ", " : "", w->sets.names[i], w->per[i]);
	if (rc == 0)
		rc = cdr_buf_printf(&b, "%s\t", now);
	if (rc == 0)
		rc = cdr_tsv_put(&b, w->change.data ? w->change.data : "");
	if (rc == 0)
		rc = cdr_buf_printf(&b, "\t%zu\t", total(w));
	if (rc == 0)
		rc = cdr_tsv_put(&b, coders.data ? coders.data : "");
	if (rc == 0)
		rc = cdr_buf_putc(&b, '\n');
	if (rc == 0)
		rc = cdr_change_write(w->ch, LOG_FILE, b.data, b.len);
	free(old);
	cdr_buf_free(&b);
	cdr_buf_free(&coders);
	return rc;
}

int cdr_codebook_apply(cdr_project *p, const cdr_codebook_change *c, int dry_run, char **report)
{
	struct work w = { 0 };
	int rc;

	*report = NULL;
	w.p = p;
	w.dry_run = dry_run;
	if (c->ncodes < 1)
		return cdr_error_set(CDR_EUSAGE, "no code named");
	if ((rc = cdr_change_new(&w.ch, p)) < 0 || (rc = cdr_schemes_load(&w.set, p)) < 0 ||
	    (rc = cdr_sets_load(&w.sets, p)) < 0)
		goto done;
	if ((w.per = cdr_calloc(w.sets.n ? w.sets.n : 1, sizeof(size_t))) == NULL) {
		rc = CDR_ENOMEM;
		goto done;
	}
	switch (c->op) {
	case CDR_CODES_RENAME: rc = op_rename(&w, c); break;
	case CDR_CODES_MERGE: rc = op_merge(&w, c); break;
	case CDR_CODES_MOVE: rc = op_move(&w, c); break;
	case CDR_CODES_REMOVE: rc = op_remove(&w, c); break;
	case CDR_CODES_ADD: rc = op_add(&w, c); break;
	default: rc = cdr_error_set(CDR_EUSAGE, "unknown codebook change");
	}
	if (rc == 0)
		rc = cdr_buf_putc(&w.report, '\n');
	if (rc == 0 && !dry_run && (rc = cdr_sets_stage(&w.sets, w.ch)) == 0 && (rc = stage_log(&w)) == 0)
		rc = cdr_change_commit(w.ch);
	if (rc == 0) {
		*report = w.report.data;
		w.report.data = NULL;
	}
done:
	cdr_change_free(w.ch);
	if (rc < 0 && *w.entry && !dry_run)
		cdr_archive_entry_drop(p, w.entry);
	cdr_schemes_free(w.set);
	cdr_sets_free(&w.sets);
	free(w.per);
	cdr_buf_free(&w.report);
	cdr_buf_free(&w.change);
	return rc;
}

int cdr_codebook_log(cdr_table **out, const cdr_project *p)
{
	static const char *const headers[] = { "time", "change", "codings", "coders" };
	char *data = NULL, *line;
	size_t len, pos = 0, lineno = 0;
	cdr_tsv_row row = { 0 };
	cdr_table *t = NULL;
	int rc;

	*out = NULL;
	if ((rc = cdr_table_new(&t, 4, headers)) < 0 || (rc = cdr_rel_read(&data, &len, p, LOG_FILE)) < 0)
		goto done;
	cdr_table_set_numeric(t, 2);
	while (data && cdr_next_line(data, len, &pos, &line) && rc == 0) {
		if (++lineno == 1 || *line == '\0')
			continue;
		if ((rc = cdr_tsv_split(&row, line)) < 0)
			break;
		if (row.n != 4) {
			rc = cdr_error_set(CDR_EFORMAT, "%s/%s:%zu: expected time, change, codings, coders", cdr_project_path(p),
					   LOG_FILE, lineno);
			break;
		}
		rc = cdr_table_add(t, (const char *const *)row.fields);
	}
	if (rc == 0) {
		*out = t;
		t = NULL;
	}
done:
	cdr_tsv_row_free(&row);
	cdr_table_free(t);
	free(data);
	return rc;
}
