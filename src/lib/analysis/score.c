/* score.c -- scores and combined judgements per case (score.h).
 *
 * The rules are parsed into items; derived items are evaluated in an
 * order where every input comes first (a cycle is an error naming its
 * items). Hand values come from scores.tsv and win over derivations.
 * The cross-tabulation of the studies' tables 4 to 10 and of means per
 * group (cdr_scores_crosstab) reads the evaluated values. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* strverscmp */
#endif
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codeer/coding.h"
#include "codeer/error.h"
#include "codeer/score.h"
#include "util/alloc.h"
#include "util/array.h"
#include "util/buf.h"
#include "util/fileio.h"
#include "util/tsv.h"

enum kind { K_INPUT, K_TABLE, K_CODE, K_COUNT, K_ATTR, K_MEAN };

struct row {
	char **in;
	size_t nin;
	char *out;
	long threshold;     /* K_COUNT */
	int is_else;
};

struct item {
	char *name;
	char **values;      /* declared values, best first (NULL: any) */
	size_t nvalues;
	enum kind kind;
	char **inputs;      /* item names (K_TABLE), or one code / attribute */
	size_t ninputs;
	size_t *input_idx;
	int subtree;        /* code+ */
	struct row *rows;
	size_t nrows, rcap;
	int line, decl_line;
};

struct cdr_scores {
	struct item *items;
	size_t nitems, icap;
	char **cases;
	size_t ncases, ccap;
	char **vals;        /* ncases * nitems */
	unsigned char *hand;
};

static void item_free(struct item *it)
{
	free(it->name);
	for (size_t i = 0; i < it->nvalues; i++)
		free(it->values[i]);
	free(it->values);
	for (size_t i = 0; i < it->ninputs; i++)
		free(it->inputs[i]);
	free(it->inputs);
	free(it->input_idx);
	for (size_t r = 0; r < it->nrows; r++) {
		for (size_t i = 0; i < it->rows[r].nin; i++)
			free(it->rows[r].in[i]);
		free(it->rows[r].in);
		free(it->rows[r].out);
	}
	free(it->rows);
}

void cdr_scores_free(cdr_scores *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->nitems; i++)
		item_free(&s->items[i]);
	free(s->items);
	for (size_t c = 0; c < s->ncases; c++)
		free(s->cases[c]);
	free(s->cases);
	for (size_t i = 0; s->vals && i < s->ncases * s->nitems; i++)
		free(s->vals[i]);
	free(s->vals);
	free(s->hand);
	free(s);
}

size_t cdr_scores_items(const cdr_scores *s) { return s->nitems; }
const char *cdr_scores_item(const cdr_scores *s, size_t i) { return s->items[i].name; }
size_t cdr_scores_cases(const cdr_scores *s) { return s->ncases; }
const char *cdr_scores_case(const cdr_scores *s, size_t c) { return s->cases[c]; }

const char *cdr_scores_value(const cdr_scores *s, size_t c, size_t i)
{
	const char *v = s->vals[c * s->nitems + i];
	return v ? v : "";
}

int cdr_scores_by_hand(const cdr_scores *s, size_t c, size_t i)
{
	return s->hand[c * s->nitems + i];
}

/* ---- parsing the rules ----------------------------------------------- */

static char *trim(char *s)
{
	char *e;
	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

/* A number as the studies print it: "2,5" or "2.5". */
static int parse_number(const char *s, double *out)
{
	char buf[64], *end;
	size_t n = strlen(s);

	if (n == 0 || n >= sizeof(buf))
		return 0;
	memcpy(buf, s, n + 1);
	for (char *c = buf; *c; c++)
		if (*c == ',')
			*c = '.';
	errno = 0;
	*out = strtod(buf, &end);
	return *end == '\0' && errno == 0 && isfinite(*out);
}

/* A row cell ">= N" or "< N": a threshold on a number, not a value. */
static int threshold_cell(const char *cell)
{
	return strncmp(cell, ">=", 2) == 0 || (cell[0] == '<' && cell[1] != '=');
}

static int threshold_valid(const char *cell)
{
	double x;
	const char *num = cell + (cell[0] == '>' ? 2 : 1);
	while (*num == ' ')
		num++;
	return parse_number(num, &x);
}

/* Does value v meet the threshold cell (v a number)? */
static int threshold_match(const char *cell, const char *v)
{
	double x, t;
	const char *num = cell + (cell[0] == '>' ? 2 : 1);
	while (*num == ' ')
		num++;
	if (v == NULL || !parse_number(v, &x) || !parse_number(num, &t))
		return 0;
	return cell[0] == '>' ? x >= t : x < t;
}

/* Split on a separator into trimmed copies. */
static int split(char ***out, size_t *n, char *s, char sep)
{
	size_t cap = 0;
	char *p = s;

	*out = NULL;
	*n = 0;
	for (;;) {
		char *e = strchr(p, sep), *copy;
		if (e)
			*e = '\0';
		if (cdr_grow((void **)out, &cap, *n + 1, sizeof(char *)) < 0 || (copy = cdr_strdup(trim(p))) == NULL)
			return CDR_ENOMEM;
		(*out)[(*n)++] = copy;
		if (e == NULL)
			return 0;
		p = e + 1;
	}
}

static long find_item(const cdr_scores *s, const char *name)
{
	for (size_t i = 0; i < s->nitems; i++)
		if (strcmp(s->items[i].name, name) == 0)
			return (long)i;
	return -1;
}

static struct item *get_item(cdr_scores *s, const char *name)
{
	long i = find_item(s, name);
	struct item *it;

	if (i >= 0)
		return &s->items[i];
	if (cdr_grow((void **)&s->items, &s->icap, s->nitems + 1, sizeof(struct item)) < 0)
		return NULL;
	it = &s->items[s->nitems];
	memset(it, 0, sizeof(*it));
	if ((it->name = cdr_strdup(name)) == NULL)
		return NULL;
	s->nitems++;
	return it;
}

static int add_row(struct item *it, char *text, const char *path, int line)
{
	char *arrow = strstr(text, "->");
	struct row *r;
	int rc;

	if (arrow == NULL)
		return cdr_error_set(CDR_EFORMAT, "%s:%d: expected 'values -> result'", path, line);
	*arrow = '\0';
	if (cdr_grow((void **)&it->rows, &it->rcap, it->nrows + 1, sizeof(struct row)) < 0)
		return CDR_ENOMEM;
	r = &it->rows[it->nrows++];
	memset(r, 0, sizeof(*r));
	if ((r->out = cdr_strdup(trim(arrow + 2))) == NULL)
		return CDR_ENOMEM;
	text = trim(text);
	if (it->kind == K_COUNT) {
		char *end;
		if (strcmp(text, "else") == 0) {
			r->is_else = 1;
			return 0;
		}
		if (strncmp(text, ">=", 2) != 0)
			return cdr_error_set(CDR_EFORMAT, "%s:%d: a count rule reads '>= N -> value' or 'else -> value'", path, line);
		errno = 0;
		r->threshold = strtol(trim(text + 2), &end, 10);
		if (*end || errno)
			return cdr_error_set(CDR_EFORMAT, "%s:%d: '%s' is not a count", path, line, text + 2);
		return 0;
	}
	if ((rc = split(&r->in, &r->nin, text, ',')) < 0)
		return rc;
	if (it->kind == K_TABLE && r->nin != it->ninputs)
		return cdr_error_set(CDR_EFORMAT, "%s:%d: %zu value%s for %zu inputs (%s)", path, line, r->nin,
				     r->nin == 1 ? "" : "s", it->ninputs, it->name);
	if (it->kind == K_CODE && !(r->nin == 1 && (strcmp(r->in[0], "present") == 0 || strcmp(r->in[0], "absent") == 0)))
		return cdr_error_set(CDR_EFORMAT, "%s:%d: a code rule reads 'present -> value' or 'absent -> value'", path, line);
	if (it->kind == K_MEAN)
		return cdr_error_set(CDR_EFORMAT, "%s:%d: a mean takes no rows", path, line);
	if (it->kind == K_ATTR && r->nin != 1)
		return cdr_error_set(CDR_EFORMAT, "%s:%d: an attribute rule reads 'value -> result'", path, line);
	for (size_t k = 0; k < r->nin; k++)
		if (threshold_cell(r->in[k]) && !threshold_valid(r->in[k]))
			return cdr_error_set(CDR_EFORMAT, "%s:%d: '%s' is not '>= N' or '< N' with a number N", path, line,
					     r->in[k]);
	return 0;
}

static int parse_rules(cdr_scores *s, const char *path)
{
	char *data = NULL, *line;
	size_t len, pos = 0;
	int lineno = 0, rc = 0;
	struct item *current = NULL;

	if ((rc = cdr_file_read(&data, &len, path, (size_t)16 << 20)) < 0)
		return rc;
	while (rc == 0 && cdr_next_line(data, len, &pos, &line)) {
		char *hash = strchr(line, '#'), *t;
		int indented = line[0] == ' ' || line[0] == '\t';
		lineno++;
		if (hash)
			*hash = '\0';
		t = trim(line);
		if (*t == '\0')
			continue;
		if (indented) {
			if (current == NULL || current->kind == K_INPUT) {
				rc = cdr_error_set(CDR_EFORMAT, "%s:%d: a rule row outside a 'NAME from ...:' block", path, lineno);
				break;
			}
			rc = add_row(current, t, path, lineno);
			continue;
		}
		current = NULL;
		if (strncmp(t, "item ", 5) == 0) {
			char *colon = strchr(t, ':');
			struct item *it;
			if (colon == NULL) {
				rc = cdr_error_set(CDR_EFORMAT, "%s:%d: expected 'item NAME: value, value, ...'", path, lineno);
				break;
			}
			*colon = '\0';
			if ((it = get_item(s, trim(t + 5))) == NULL) {
				rc = CDR_ENOMEM;
				break;
			}
			if (it->decl_line) {
				rc = cdr_error_set(CDR_EFORMAT, "%s:%d: item '%s' is declared twice (also line %d)", path, lineno,
						   it->name, it->decl_line);
				break;
			}
			it->decl_line = lineno;
			/* "item NAME:" with no values takes any value (free text, a number) */
			if (*trim(colon + 1))
				rc = split(&it->values, &it->nvalues, colon + 1, ',');
			continue;
		}
		{
			char *from = strstr(t, " from "), *colon, *rest;
			struct item *it;
			if (from == NULL || (colon = strchr(from, ':')) == NULL) {
				rc = cdr_error_set(CDR_EFORMAT, "%s:%d: expected 'item NAME: ...' or 'NAME from ...:'", path, lineno);
				break;
			}
			*from = '\0';
			*colon = '\0';
			rest = colon + 1;
			if ((it = get_item(s, trim(t))) == NULL) {
				rc = CDR_ENOMEM;
				break;
			}
			if (it->line) {
				rc = cdr_error_set(CDR_EFORMAT, "%s:%d: item '%s' is derived twice (also line %d)", path, lineno,
						   it->name, it->line);
				break;
			}
			it->line = lineno;
			from = trim(from + 6);
			if (strncmp(from, "code ", 5) == 0 || strncmp(from, "count ", 6) == 0 || strncmp(from, "attr ", 5) == 0) {
				char *what = trim(strchr(from, ' ') + 1);
				size_t wl = strlen(what);
				it->kind = from[0] == 'a' ? K_ATTR : from[2] == 'd' ? K_CODE : K_COUNT;
				it->subtree = it->kind != K_ATTR && wl > 0 && what[wl - 1] == '+';
				if (it->subtree)
					what[wl - 1] = '\0';
				if ((it->inputs = cdr_calloc(1, sizeof(char *))) == NULL || (it->inputs[0] = cdr_strdup(what)) == NULL) {
					rc = CDR_ENOMEM;
					break;
				}
				it->ninputs = 1;
			} else if (strncmp(from, "mean ", 5) == 0) {
				it->kind = K_MEAN;
				if ((rc = split(&it->inputs, &it->ninputs, from + 5, ',')) < 0)
					break;
			} else {
				it->kind = K_TABLE;
				if ((rc = split(&it->inputs, &it->ninputs, from, ',')) < 0)
					break;
			}
			current = it;
			/* rows may follow on the same line, separated by | */
			rest = trim(rest);
			while (*rest && rc == 0) {
				char *bar = strchr(rest, '|');
				if (bar)
					*bar = '\0';
				rc = add_row(it, rest, path, lineno);
				rest = bar ? trim(bar + 1) : rest + strlen(rest);
			}
		}
	}
	free(data);
	return rc;
}

/* Check references and values; order the items so inputs come first. */
static int resolve(cdr_scores *s, const char *path, size_t *order)
{
	size_t n = s->nitems, done = 0;
	unsigned char *state = cdr_calloc(n ? n : 1, 1); /* 0 new, 1 visiting, 2 done */
	size_t *stack = cdr_calloc(n ? n : 1, sizeof(size_t)), *at = cdr_calloc(n ? n : 1, sizeof(size_t));
	int rc = 0;

	if (state == NULL || stack == NULL || at == NULL) {
		rc = CDR_ENOMEM;
		goto done;
	}
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct item *it = &s->items[i];
		if (it->kind != K_TABLE && it->kind != K_MEAN)
			continue;
		if ((it->input_idx = cdr_calloc(it->ninputs, sizeof(size_t))) == NULL) {
			rc = CDR_ENOMEM;
			break;
		}
		for (size_t k = 0; k < it->ninputs; k++) {
			long j = find_item(s, it->inputs[k]);
			if (j < 0) {
				rc = cdr_error_set(CDR_EFORMAT, "%s:%d: '%s' uses the unknown item '%s'", path, it->line, it->name,
						   it->inputs[k]);
				break;
			}
			it->input_idx[k] = (size_t)j;
		}
		/* every value in the table must be one the input or the item can take */
		for (size_t r = 0; r < it->nrows && rc == 0; r++) {
			const struct row *row = &it->rows[r];
			for (size_t k = 0; k < row->nin && rc == 0; k++) {
				const struct item *in = &s->items[it->input_idx[k]];
				int ok = strcmp(row->in[k], "*") == 0 || in->nvalues == 0 || threshold_cell(row->in[k]);
				for (size_t v = 0; v < in->nvalues && !ok; v++)
					ok = strcmp(in->values[v], row->in[k]) == 0;
				if (!ok)
					rc = cdr_error_set(CDR_EFORMAT, "%s: in '%s': '%s' is not a value of '%s'", path, it->name,
							   row->in[k], in->name);
			}
		}
	}
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct item *it = &s->items[i];
		for (size_t r = 0; r < it->nrows && rc == 0 && it->nvalues; r++) {
			int ok = 0;
			for (size_t v = 0; v < it->nvalues && !ok; v++)
				ok = strcmp(it->values[v], it->rows[r].out) == 0;
			if (!ok)
				rc = cdr_error_set(CDR_EFORMAT, "%s:%d: '%s' is not a value of '%s'", path, it->line,
						   it->rows[r].out, it->name);
		}
	}
	/* depth-first order, with cycle detection */
	for (size_t i = 0; i < n && rc == 0; i++) {
		size_t sp = 0;
		if (state[i])
			continue;
		stack[sp] = i;
		at[sp++] = 0;
		state[i] = 1;
		while (sp > 0 && rc == 0) {
			size_t v = stack[sp - 1];
			struct item *it = &s->items[v];
			if ((it->kind == K_TABLE || it->kind == K_MEAN) && at[sp - 1] < it->ninputs) {
				size_t w = it->input_idx[at[sp - 1]++];
				if (state[w] == 1) {
					cdr_buf cyc = CDR_BUF_INIT;
					size_t from = sp;
					while (from > 0 && stack[from - 1] != w)
						from--;
					for (size_t k = from - 1; k < sp; k++)
						cdr_buf_printf(&cyc, "%s -> ", s->items[stack[k]].name);
					cdr_buf_puts(&cyc, s->items[w].name);
					rc = cdr_error_set(CDR_EFORMAT, "%s: the rules go round in a cycle: %s", path,
							   cyc.data ? cyc.data : "");
					cdr_buf_free(&cyc);
				} else if (state[w] == 0) {
					state[w] = 1;
					stack[sp] = w;
					at[sp++] = 0;
				}
			} else {
				state[v] = 2;
				order[done++] = v;
				sp--;
			}
		}
	}
done:
	free(state);
	free(stack);
	free(at);
	return rc;
}

/* ---- hand values (scores.tsv) ---------------------------------------- */

struct hand {
	char **c, **i, **v;
	size_t n, cap;
	char *data;
};

static void hand_free(struct hand *h)
{
	free(h->c);
	free(h->i);
	free(h->v);
	free(h->data);
	memset(h, 0, sizeof(*h));
}

static int hand_load(struct hand *h, const cdr_project *p)
{
	char path[4096], *line;
	size_t len, pos = 0, lineno = 0, cap1 = 0, cap2 = 0;
	cdr_tsv_row row = { 0 };
	int rc;

	memset(h, 0, sizeof(*h));
	snprintf(path, sizeof(path), "%s/scores.tsv", cdr_project_path(p));
	rc = cdr_file_read(&h->data, &len, path, (size_t)64 << 20);
	if (rc == CDR_ENOTFOUND) {
		cdr_error_clear();
		return 0;
	}
	if (rc < 0)
		return rc;
	while (cdr_next_line(h->data, len, &pos, &line)) {
		lineno++;
		if (lineno == 1 || *line == '\0')
			continue;
		if ((rc = cdr_tsv_split(&row, line)) < 0)
			break;
		if (row.n != 3) {
			rc = cdr_error_set(CDR_EFORMAT, "%s:%zu: expected case, item, value", path, lineno);
			break;
		}
		if (cdr_grow((void **)&h->c, &h->cap, h->n + 1, sizeof(char *)) < 0 ||
		    cdr_grow((void **)&h->i, &cap1, h->n + 1, sizeof(char *)) < 0 ||
		    cdr_grow((void **)&h->v, &cap2, h->n + 1, sizeof(char *)) < 0) {
			rc = CDR_ENOMEM;
			break;
		}
		h->c[h->n] = row.fields[0];
		h->i[h->n] = row.fields[1];
		h->v[h->n++] = row.fields[2];
	}
	cdr_tsv_row_free(&row);
	return rc;
}

static int hand_save(const struct hand *h, const cdr_project *p)
{
	char path[4096];
	cdr_buf b = CDR_BUF_INIT;
	int rc = cdr_buf_puts(&b, "case\titem\tvalue\n");

	for (size_t k = 0; k < h->n && rc == 0; k++) {
		if (h->v[k] == NULL || *h->v[k] == '\0')
			continue;
		if ((rc = cdr_tsv_put(&b, h->c[k])) == 0 && (rc = cdr_buf_putc(&b, '\t')) == 0 &&
		    (rc = cdr_tsv_put(&b, h->i[k])) == 0 && (rc = cdr_buf_putc(&b, '\t')) == 0 &&
		    (rc = cdr_tsv_put(&b, h->v[k])) == 0)
			rc = cdr_buf_putc(&b, '\n');
	}
	snprintf(path, sizeof(path), "%s/scores.tsv", cdr_project_path(p));
	if (rc == 0)
		rc = cdr_file_write_atomic(path, b.data, b.len);
	cdr_buf_free(&b);
	return rc;
}

/* Set entries; strings must outlive the save (they are the caller's). */
static int hand_put(struct hand *h, char *c, char *i, char *v)
{
	size_t cap1 = h->cap, cap2 = h->cap;

	for (size_t k = 0; k < h->n; k++)
		if (strcmp(h->c[k], c) == 0 && strcmp(h->i[k], i) == 0) {
			h->v[k] = v;
			return 0;
		}
	if (cdr_grow((void **)&h->c, &h->cap, h->n + 1, sizeof(char *)) < 0 ||
	    cdr_grow((void **)&h->i, &cap1, h->cap, sizeof(char *)) < 0 ||
	    cdr_grow((void **)&h->v, &cap2, h->cap, sizeof(char *)) < 0)
		return CDR_ENOMEM;
	h->c[h->n] = c;
	h->i[h->n] = i;
	h->v[h->n++] = v;
	return 0;
}

int cdr_score_set(cdr_project *p, const char *case_id, const char *item, const char *value)
{
	struct hand h;
	int rc;

	if (*case_id == '\0' || *item == '\0' || strpbrk(case_id, "\t\n") || strpbrk(item, "\t\n") || strpbrk(value, "\t\n"))
		return cdr_error_set(CDR_EUSAGE, "a case, an item and a value without tabs or newlines, please");
	if ((rc = cdr_project_lock(p, NULL)) < 0 || (rc = hand_load(&h, p)) < 0)
		return rc;
	rc = hand_put(&h, (char *)case_id, (char *)item, (char *)value);
	if (rc == 0)
		rc = hand_save(&h, p);
	hand_free(&h);
	return rc;
}

int cdr_score_import(cdr_project *p, const char *path, size_t *imported)
{
	struct hand h;
	char *data = NULL, *line;
	size_t len, pos = 0, lineno = 0;
	cdr_tsv_row header = { 0 }, row = { 0 };
	char **copies = NULL;
	size_t ncopies = 0, ccap = 0;
	int rc;

	*imported = 0;
	if ((rc = cdr_file_read(&data, &len, path, (size_t)64 << 20)) < 0)
		return rc;
	if ((rc = cdr_project_lock(p, NULL)) < 0 || (rc = hand_load(&h, p)) < 0) {
		free(data);
		return rc;
	}
	if (!cdr_next_line(data, len, &pos, &line) || cdr_tsv_split_raw(&header, line) < 0 || header.n < 2 ||
	    strcmp(header.fields[0], "case") != 0) {
		rc = cdr_error_set(CDR_EFORMAT, "%s:1: the header must be 'case' and one column per item", path);
		goto done;
	}
	lineno = 1;
	while (cdr_next_line(data, len, &pos, &line)) {
		lineno++;
		if (*line == '\0')
			continue;
		if ((rc = cdr_tsv_split_raw(&row, line)) < 0)
			goto done;
		if (row.n != header.n) {
			rc = cdr_error_set(CDR_EFORMAT, "%s:%zu: %zu cells, but the header has %zu", path, lineno, row.n, header.n);
			goto done;
		}
		for (size_t k = 1; k < row.n; k++) {
			char *c, *i, *v;
			if (*row.fields[k] == '\0')
				continue;
			if (cdr_grow((void **)&copies, &ccap, ncopies + 3, sizeof(char *)) < 0 ||
			    (c = cdr_strdup(row.fields[0])) == NULL) {
				rc = CDR_ENOMEM;
				goto done;
			}
			copies[ncopies++] = c;
			if ((i = cdr_strdup(header.fields[k])) == NULL) {
				rc = CDR_ENOMEM;
				goto done;
			}
			copies[ncopies++] = i;
			if ((v = cdr_strdup(row.fields[k])) == NULL) {
				rc = CDR_ENOMEM;
				goto done;
			}
			copies[ncopies++] = v;
			if ((rc = hand_put(&h, c, i, v)) < 0)
				goto done;
			(*imported)++;
		}
	}
	rc = hand_save(&h, p);
done:
	for (size_t k = 0; k < ncopies; k++)
		free(copies[k]);
	free(copies);
	cdr_tsv_row_free(&header);
	cdr_tsv_row_free(&row);
	hand_free(&h);
	free(data);
	return rc;
}

/* ---- evaluation -------------------------------------------------------- */

static long case_index(const cdr_scores *s, const char *id)
{
	for (size_t c = 0; c < s->ncases; c++)
		if (strcmp(s->cases[c], id) == 0)
			return (long)c;
	return -1;
}

static int add_case(cdr_scores *s, const char *id)
{
	char *copy;

	if (case_index(s, id) >= 0)
		return 0;
	if (cdr_grow((void **)&s->cases, &s->ccap, s->ncases + 1, sizeof(char *)) < 0 || (copy = cdr_strdup(id)) == NULL)
		return CDR_ENOMEM;
	s->cases[s->ncases++] = copy;
	return 0;
}

/* Is `name` one of the coders counted (none named: every coder)? */
static int coder_counted(const char *const *coders, size_t ncoders, const char *name)
{
	int wanted = ncoders == 0;
	for (size_t k = 0; k < ncoders; k++)
		wanted |= strcmp(coders[k], name) == 0;
	return wanted;
}

/* Codings per case of one code (or its subtree), for K_CODE/K_COUNT, by
 * the coders counted. */
static int count_code(long *counts, const cdr_scores *s, cdr_project *p, const cdr_schemes *set,
		      const struct item *it, const char *const *wanted, size_t nwanted, const char *path)
{
	const cdr_code *code;
	char **coders = NULL;
	size_t ncoders = 0;
	cdr_cases *cases = cdr_project_cases(p);
	int rc;

	if ((rc = cdr_schemes_resolve(&code, set, it->inputs[0])) < 0)
		return cdr_error_set(rc, "%s:%d: %s", path, it->line, cdr_error_last());
	if ((rc = cdr_coders_list(&coders, &ncoders, p)) < 0)
		return rc;
	for (size_t k = 0; k < ncoders && rc == 0; k++) {
		cdr_codings *cd;
		if (!coder_counted(wanted, nwanted, coders[k]))
			continue;
		if ((rc = cdr_codings_load(&cd, p, coders[k], NULL, NULL)) < 0)
			break;
		for (size_t i = 0; i < cdr_codings_count(cd); i++) {
			const cdr_coding *x = cdr_codings_get(cd, i);
			const cdr_code *xc;
			long ci, si;
			int match;
			if (strcmp(x->status, "rejected") == 0 || cdr_schemes_resolve(&xc, set, x->code) < 0)
				continue;
			match = xc == code;
			if (!match && it->subtree) {
				const cdr_scheme *sc = cdr_schemes_scheme_of(set, xc);
				match = sc && cdr_scheme_code_is_below(sc, xc, code);
			}
			if (!match)
				continue;
			/* a coding belongs to the case whose stretch holds its start */
			if ((rc = cdr_cases_case_at(cases, p, x->doc, x->start, &ci)) < 0)
				break;
			if (ci < 0 || (si = case_index(s, cdr_cases_id(cases, (size_t)ci))) < 0)
				continue;
			counts[si]++;
		}
		cdr_codings_free(cd);
	}
	cdr_coders_free(coders, ncoders);
	return rc;
}

int cdr_scores_evaluate(cdr_scores **out, cdr_project *p, const cdr_schemes *set, const char *rules_path,
			const char *const *coders, size_t ncoders)
{
	cdr_scores *s;
	size_t *order = NULL;
	long *counts = NULL;
	struct hand h = { 0 };
	cdr_cases *cases = cdr_project_cases(p);
	int rc;

	*out = NULL;
	if (coders && ncoders) {
		char **names = NULL;
		size_t nnames = 0;
		if ((rc = cdr_coders_list(&names, &nnames, p)) < 0)
			return rc;
		for (size_t k = 0; k < ncoders && rc == 0; k++) {
			int found = 0;
			for (size_t i = 0; i < nnames; i++)
				found |= strcmp(names[i], coders[k]) == 0;
			if (!found)
				rc = cdr_error_set(CDR_ENOTFOUND, "no coder '%s' in the project (see 'codeer code list')",
						   coders[k]);
		}
		cdr_coders_free(names, nnames);
		if (rc < 0)
			return rc;
	}
	if ((s = cdr_calloc(1, sizeof(*s))) == NULL)
		return CDR_ENOMEM;
	if ((rc = parse_rules(s, rules_path)) < 0)
		goto done;
	if (s->nitems == 0) {
		rc = cdr_error_set(CDR_EFORMAT, "%s: no items", rules_path);
		goto done;
	}
	if ((order = cdr_calloc(s->nitems, sizeof(size_t))) == NULL) {
		rc = CDR_ENOMEM;
		goto done;
	}
	if ((rc = resolve(s, rules_path, order)) < 0 || (rc = hand_load(&h, p)) < 0)
		goto done;
	for (size_t c = 0; c < cdr_cases_count(cases) && rc == 0; c++)
		rc = add_case(s, cdr_cases_id(cases, c));
	for (size_t k = 0; k < h.n && rc == 0; k++)
		rc = add_case(s, h.c[k]);
	if (rc < 0)
		goto done;
	if ((s->vals = cdr_calloc(s->ncases * s->nitems + 1, sizeof(char *))) == NULL ||
	    (s->hand = cdr_calloc(s->ncases * s->nitems + 1, 1)) == NULL ||
	    (counts = cdr_calloc(s->ncases + 1, sizeof(long))) == NULL) {
		rc = CDR_ENOMEM;
		goto done;
	}
	/* hand values first: they win, and they must be values of their item */
	for (size_t k = 0; k < h.n; k++) {
		long i = find_item(s, h.i[k]), c = case_index(s, h.c[k]);
		const struct item *it;
		int ok;
		if (i < 0)
			continue; /* a score of another rules file */
		it = &s->items[i];
		ok = it->nvalues == 0;
		for (size_t v = 0; v < it->nvalues && !ok; v++)
			ok = strcmp(it->values[v], h.v[k]) == 0;
		if (!ok) {
			cdr_buf allowed = CDR_BUF_INIT;
			for (size_t v = 0; v < it->nvalues; v++)
				cdr_buf_printf(&allowed, "%s%s", v ? ", " : "", it->values[v]);
			rc = cdr_error_set(CDR_EFORMAT, "scores.tsv: case %s: '%s' is not a value of '%s' (%s)", h.c[k], h.v[k],
					   it->name, allowed.data ? allowed.data : "");
			cdr_buf_free(&allowed);
			goto done;
		}
		if ((s->vals[(size_t)c * s->nitems + (size_t)i] = cdr_strdup(h.v[k])) == NULL) {
			rc = CDR_ENOMEM;
			goto done;
		}
		s->hand[(size_t)c * s->nitems + (size_t)i] = 1;
	}
	for (size_t o = 0; o < s->nitems && rc == 0; o++) {
		size_t i = order[o];
		const struct item *it = &s->items[i];
		if (it->kind == K_INPUT)
			continue;
		if (it->kind == K_CODE || it->kind == K_COUNT) {
			memset(counts, 0, s->ncases * sizeof(long));
			if ((rc = count_code(counts, s, p, set, it, coders, coders ? ncoders : 0, rules_path)) < 0)
				break;
		}
		if (it->kind == K_ATTR) {
			int known = 0;
			for (size_t a = 0; a < cdr_cases_attr_count(cases); a++)
				known |= strcmp(cdr_cases_attr_name(cases, a), it->inputs[0]) == 0;
			if (!known) {
				rc = cdr_error_set(CDR_ENOTFOUND, "%s:%d: no case attribute '%s'", rules_path, it->line, it->inputs[0]);
				break;
			}
		}
		for (size_t c = 0; c < s->ncases && rc == 0; c++) {
			const char *result = NULL;
			if (s->hand[c * s->nitems + i])
				continue;
			for (size_t r = 0; r < it->nrows && result == NULL; r++) {
				const struct row *row = &it->rows[r];
				int match = 1;
				switch (it->kind) {
				case K_TABLE:
					for (size_t k = 0; k < row->nin && match; k++) {
						const char *v = s->vals[c * s->nitems + it->input_idx[k]];
						match = v && *v &&
							(strcmp(row->in[k], "*") == 0 ||
							 (threshold_cell(row->in[k]) ? threshold_match(row->in[k], v)
										     : strcmp(row->in[k], v) == 0));
					}
					break;
				case K_CODE:
					match = (counts[c] > 0) == (strcmp(row->in[0], "present") == 0);
					break;
				case K_COUNT:
					match = row->is_else || counts[c] >= row->threshold;
					break;
				case K_ATTR: {
					long ci = cdr_cases_find(cases, s->cases[c]);
					const char *v = ci >= 0 ? cdr_cases_attr_by_name(cases, (size_t)ci, it->inputs[0]) : NULL;
					match = strcmp(row->in[0], "*") == 0 ||
						(threshold_cell(row->in[0]) ? threshold_match(row->in[0], v)
									    : v && strcmp(v, row->in[0]) == 0);
					break;
				}
				default:
					match = 0;
				}
				if (match)
					result = row->out;
			}
			if (it->kind == K_MEAN) {
				/* the mean of the inputs that have a number; none: no value */
				char num[32];
				double sum = 0, x;
				size_t n = 0;
				for (size_t k = 0; k < it->ninputs; k++) {
					const char *v = s->vals[c * s->nitems + it->input_idx[k]];
					if (v && parse_number(v, &x)) {
						sum += x;
						n++;
					}
				}
				if (n == 0)
					continue;
				snprintf(num, sizeof(num), "%.2f", sum / (double)n);
				if ((s->vals[c * s->nitems + i] = cdr_strdup(num)) == NULL)
					rc = CDR_ENOMEM;
				continue;
			}
			if (result && (s->vals[c * s->nitems + i] = cdr_strdup(result)) == NULL)
				rc = CDR_ENOMEM;
		}
	}
done:
	hand_free(&h);
	free(order);
	free(counts);
	if (rc < 0) {
		cdr_scores_free(s);
		return rc;
	}
	*out = s;
	return 0;
}

/* ---- cross-tabulation -------------------------------------------------- */

/* The value of the grouping for case c: an item of the rules, else a case
 * attribute; NULL or "" leaves the case out. */
static const char *group_value(const cdr_scores *s, cdr_cases *cases, long item, const char *attr, size_t c)
{
	long ci;

	if (item >= 0)
		return s->vals[c * s->nitems + (size_t)item];
	ci = cdr_cases_find(cases, s->cases[c]);
	return ci >= 0 ? cdr_cases_attr_by_name(cases, (size_t)ci, attr) : NULL;
}

static int cmp_vers(const void *a, const void *b)
{
	return strverscmp(*(const char *const *)a, *(const char *const *)b);
}

int cdr_scores_crosstab(cdr_table **out, const cdr_scores *s, cdr_project *p, const char *by,
			const char *const *items, size_t nitems)
{
	cdr_cases *cases = cdr_project_cases(p);
	long gi = find_item(s, by);
	const char **groups = NULL, **row = NULL;
	size_t ngroups = 0, gcap = 0, *idx = NULL;
	cdr_table *t = NULL;
	int rc = 0;

	*out = NULL;
	if (gi < 0) {
		int known = 0;
		for (size_t a = 0; a < cdr_cases_attr_count(cases); a++)
			known |= strcmp(cdr_cases_attr_name(cases, a), by) == 0;
		if (!known)
			return cdr_error_set(CDR_ENOTFOUND, "no item or case attribute '%s'", by);
	}
	if (nitems == 0)
		return cdr_error_set(CDR_EUSAGE, "name the items to count against '%s'", by);
	if ((idx = cdr_calloc(nitems, sizeof(size_t))) == NULL)
		return CDR_ENOMEM;
	for (size_t k = 0; k < nitems; k++) {
		long i = find_item(s, items[k]);
		if (i < 0) {
			free(idx);
			return cdr_error_set(CDR_ENOTFOUND, "no item '%s' in the rules", items[k]);
		}
		idx[k] = (size_t)i;
	}
	/* the groups: an item's declared values in order, else the values the
	 * cases have, in natural order (2015 before 2016, "1.2" before "1.10") */
	if (gi >= 0 && s->items[gi].nvalues > 0) {
		if ((groups = cdr_calloc(s->items[gi].nvalues, sizeof(char *))) == NULL) {
			rc = CDR_ENOMEM;
			goto done;
		}
		for (size_t v = 0; v < s->items[gi].nvalues; v++)
			groups[ngroups++] = s->items[gi].values[v];
	} else {
		for (size_t c = 0; c < s->ncases; c++) {
			const char *g = group_value(s, cases, gi, by, c);
			int seen = 0;
			if (g == NULL || *g == '\0')
				continue;
			for (size_t k = 0; k < ngroups && !seen; k++)
				seen = strcmp(groups[k], g) == 0;
			if (seen)
				continue;
			if (cdr_grow((void **)&groups, &gcap, ngroups + 1, sizeof(char *)) < 0) {
				rc = CDR_ENOMEM;
				goto done;
			}
			groups[ngroups++] = g;
		}
		if (ngroups > 1)
			qsort(groups, ngroups, sizeof(char *), cmp_vers);
	}
	if ((row = cdr_calloc(ngroups + 2, sizeof(char *))) == NULL) {
		rc = CDR_ENOMEM;
		goto done;
	}
	row[0] = "item";
	row[1] = "value";
	for (size_t g = 0; g < ngroups; g++)
		row[g + 2] = groups[g];
	if ((rc = cdr_table_new(&t, ngroups + 2, row)) < 0)
		goto done;
	for (size_t g = 0; g < ngroups; g++)
		cdr_table_set_numeric(t, g + 2);
	for (size_t k = 0; k < nitems && rc == 0; k++) {
		const struct item *it = &s->items[idx[k]];
		size_t nrows = it->nvalues ? it->nvalues + 1 : 2;
		/* a row per value and the total (counts of cases), or, for an item
		 * without declared values, the mean over the cases and their number */
		for (size_t r = 0; r < nrows && rc == 0; r++) {
			char (*cells)[32] = cdr_calloc(ngroups + 1, sizeof(*cells));
			if (cells == NULL) {
				rc = CDR_ENOMEM;
				break;
			}
			row[0] = it->name;
			row[1] = it->nvalues ? (r < it->nvalues ? it->values[r] : "total") : (r == 0 ? "mean" : "n");
			for (size_t g = 0; g < ngroups; g++) {
				double sum = 0, x;
				size_t n = 0;
				for (size_t c = 0; c < s->ncases; c++) {
					const char *gv = group_value(s, cases, gi, by, c), *v = s->vals[c * s->nitems + idx[k]];
					if (gv == NULL || strcmp(gv, groups[g]) != 0 || v == NULL || *v == '\0')
						continue;
					if (it->nvalues) {
						n += r == it->nvalues || strcmp(v, it->values[r]) == 0;
					} else if (parse_number(v, &x)) {
						sum += x;
						n++;
					}
				}
				if (it->nvalues || r == 1)
					snprintf(cells[g], sizeof(cells[g]), "%zu", n);
				else if (n)
					snprintf(cells[g], sizeof(cells[g]), "%.2f", sum / (double)n);
				row[g + 2] = cells[g];
			}
			rc = cdr_table_add(t, row);
			free(cells);
		}
	}
done:
	free(idx);
	free(groups);
	free(row);
	if (rc < 0) {
		cdr_table_free(t);
		return rc;
	}
	*out = t;
	return 0;
}
