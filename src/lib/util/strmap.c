/* strmap.c -- string-keyed hash table (strmap.h). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "codeer/error.h"
#include "util/alloc.h"
#include "util/strmap.h"

static size_t hash(const char *s)
{
	uint64_t h = 14695981039346656037u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return (size_t)h;
}

static struct cdr_strmap_slot *find(const struct cdr_strmap_slot *slots, size_t cap, const char *key)
{
	size_t i = hash(key) & (cap - 1);
	while (slots[i].key != NULL && strcmp(slots[i].key, key) != 0)
		i = (i + 1) & (cap - 1);
	return (struct cdr_strmap_slot *)&slots[i];
}

static int grow(cdr_strmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 64;
	struct cdr_strmap_slot *slots = cdr_calloc(cap, sizeof(*slots));

	if (slots == NULL)
		return CDR_ENOMEM;
	for (size_t i = 0; i < m->cap; i++)
		if (m->slots[i].key != NULL)
			*find(slots, cap, m->slots[i].key) = m->slots[i];
	free(m->slots);
	m->slots = slots;
	m->cap = cap;
	return 0;
}

int cdr_strmap_put(cdr_strmap *m, const char *key, size_t value)
{
	struct cdr_strmap_slot *s;

	/* at most half full: probes stay short */
	if ((m->n + 1) * 2 > m->cap && grow(m) < 0)
		return CDR_ENOMEM;
	s = find(m->slots, m->cap, key);
	if (s->key == NULL)
		m->n++;
	s->key = key;
	s->value = value;
	return 0;
}

int cdr_strmap_get(const cdr_strmap *m, const char *key, size_t *value)
{
	const struct cdr_strmap_slot *s;

	if (m->cap == 0)
		return 0;
	s = find(m->slots, m->cap, key);
	if (s->key == NULL)
		return 0;
	*value = s->value;
	return 1;
}

void cdr_strmap_reset(cdr_strmap *m)
{
	if (m->cap)
		memset(m->slots, 0, m->cap * sizeof(*m->slots));
	m->n = 0;
}

void cdr_strmap_clear(cdr_strmap *m)
{
	free(m->slots);
	m->slots = NULL;
	m->cap = m->n = 0;
}
