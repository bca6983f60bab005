/* strmap.h -- a string-keyed hash table of size_t values (open
 * addressing). Keys are borrowed: the caller keeps them alive and puts a
 * new pointer when it frees one. No removal: the users rebuild instead. */
#ifndef CDR_UTIL_STRMAP_H
#define CDR_UTIL_STRMAP_H

#include <stddef.h>

struct cdr_strmap_slot {
	const char *key;
	size_t value;
};

typedef struct cdr_strmap {
	struct cdr_strmap_slot *slots;
	size_t cap, n; /* cap: 0 or a power of two */
} cdr_strmap;

/* Insert, or replace the key pointer and value of an equal key. */
int cdr_strmap_put(cdr_strmap *m, const char *key, size_t value);
/* 1 with *value set when the key is there, else 0. */
int cdr_strmap_get(const cdr_strmap *m, const char *key, size_t *value);
/* Empty the table and keep its memory: putting back at most as many keys
 * as it held cannot fail. */
void cdr_strmap_reset(cdr_strmap *m);
void cdr_strmap_clear(cdr_strmap *m);

#endif
