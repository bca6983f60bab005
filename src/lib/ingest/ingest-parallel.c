/* ingest-parallel.c -- files through cdr_ingest_file on several threads,
 * their documents handed on in file order (see ingest-parallel.h).
 *
 * Workers take the next file index under the lock, ingest it without the
 * lock, and leave the document (or the error and its message, which are
 * thread-local) in the slot of that index in a ring of 2 * jobs slots.
 * The calling thread takes the slots strictly in index order, so what it
 * sees -- documents, and which error ends the run -- does not depend on
 * the number of threads or on which one was quicker. A worker does not
 * run more than the ring ahead of the calling thread, which bounds the
 * memory to a few documents whatever the number of files. */
#include <libxml/parser.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "codeer/error.h"
#include "ingest/ingest-parallel.h"
#include "ingest/pattern-cache.h"
#include "util/alloc.h"

enum { SLOT_FREE, SLOT_BUSY, SLOT_READY };

struct slot {
	int state;
	size_t index;
	cdr_document *doc;
	int rc;
	char msg[1024];
};

struct pool {
	const char *const *paths;
	size_t n;
	const cdr_ingest_options *opts;
	pthread_mutex_t mu;
	pthread_cond_t ready, room;
	struct slot *slots;
	size_t nslots;
	size_t next;     /* the next file a worker takes */
	size_t consumed; /* the next file the calling thread hands on */
	int stop;
	unsigned live;   /* workers still running */
};

static void *worker_main(void *arg)
{
	struct pool *p = arg;

	pthread_mutex_lock(&p->mu);
	for (;;) {
		struct slot *s;
		cdr_document *doc = NULL;
		size_t i;
		int rc;

		while (!p->stop && p->next < p->n && p->next >= p->consumed + p->nslots)
			pthread_cond_wait(&p->room, &p->mu);
		if (p->stop || p->next >= p->n)
			break;
		i = p->next++;
		s = &p->slots[i % p->nslots];
		s->state = SLOT_BUSY;
		s->index = i;
		pthread_mutex_unlock(&p->mu);
		rc = cdr_ingest_file(&doc, p->paths[i], p->opts);
		if (rc < 0)
			snprintf(s->msg, sizeof(s->msg), "%s", cdr_error_last());
		pthread_mutex_lock(&p->mu);
		s->doc = doc;
		s->rc = rc;
		s->state = SLOT_READY;
		pthread_cond_broadcast(&p->ready);
	}
	p->live--;
	pthread_cond_broadcast(&p->ready);
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

static int ingest_sequential(const char *const *paths, size_t n, const cdr_ingest_options *opts,
			     cdr_ingest_each_cb each, void *ctx)
{
	for (size_t i = 0; i < n; i++) {
		cdr_document *doc = NULL;
		int rc;

		if ((rc = cdr_ingest_file(&doc, paths[i], opts)) < 0 || (rc = each(ctx, i, doc)) < 0)
			return rc;
	}
	return 0;
}

/* The calling thread's part: the slots in index order, to `each`. */
static int hand_on(struct pool *p, cdr_ingest_each_cb each, void *ctx)
{
	int rc = 0;

	pthread_mutex_lock(&p->mu);
	while (p->consumed < p->n) {
		struct slot *s = &p->slots[p->consumed % p->nslots];
		cdr_document *doc;
		size_t i;

		if (!(s->state == SLOT_READY && s->index == p->consumed)) {
			if (p->live == 0) { /* cannot happen while a worker runs; a guard against a hang */
				rc = cdr_error_set(CDR_EIO, "the threads reading the files ended early");
				break;
			}
			pthread_cond_wait(&p->ready, &p->mu);
			continue;
		}
		doc = s->doc;
		rc = s->rc;
		if (rc < 0) /* the worker's message, here, before the slot is reused */
			cdr_error_set(rc, "%s", s->msg);
		s->doc = NULL;
		s->state = SLOT_FREE;
		i = p->consumed++;
		pthread_cond_broadcast(&p->room);
		pthread_mutex_unlock(&p->mu);
		if (rc == 0)
			rc = each(ctx, i, doc);
		pthread_mutex_lock(&p->mu);
		if (rc < 0)
			break;
	}
	p->stop = 1;
	pthread_cond_broadcast(&p->room);
	pthread_mutex_unlock(&p->mu);
	return rc;
}

/* Libraries that set up globals on first use without a lock, done once
 * here before there are threads: libxml2 (xmlInitParser is documented as
 * needed for that), libzip (the command bitmaps of its first open) and
 * PCRE2 (the JIT's check of its executable memory). Their values are the
 * same whoever sets them, but two threads must not do it at once. ICU
 * guards its own first use. */
static void warm_up_libraries(void)
{
	static const unsigned char empty_zip[22] = { 'P', 'K', 5, 6 }; /* end of central directory, no entries */
	zip_error_t zerr;
	zip_source_t *src;
	zip_t *z;
	int err;
	PCRE2_SIZE off;

	xmlInitParser();
	zip_error_init(&zerr);
	if ((src = zip_source_buffer_create(empty_zip, sizeof(empty_zip), 0, &zerr)) != NULL) {
		if ((z = zip_open_from_source(src, ZIP_RDONLY, &zerr)) != NULL)
			zip_discard(z);
		else
			zip_source_free(src);
	}
	zip_error_fini(&zerr);
	/* the default speaker pattern, as structure.c compiles it: its JIT
	 * also has sljit look up the CPU's features, another first-use
	 * global; and the threads then find it compiled */
	cdr_pattern_put(cdr_pattern_get(cdr_default_speaker_regex,
					PCRE2_UTF | PCRE2_UCP | PCRE2_DUPNAMES | PCRE2_ANCHORED | PCRE2_MATCH_INVALID_UTF,
					&err, &off));
}

int cdr_ingest_files(const char *const *paths, size_t n, const cdr_ingest_options *opts, unsigned jobs,
		     cdr_ingest_each_cb each, void *ctx)
{
	struct pool p;
	pthread_t *tids = NULL;
	unsigned started = 0;
	int rc;

	if (jobs > n)
		jobs = (unsigned)n;
	if (jobs <= 1)
		return ingest_sequential(paths, n, opts, each, ctx);
	memset(&p, 0, sizeof(p));
	p.paths = paths;
	p.n = n;
	p.opts = opts;
	p.nslots = 2 * (size_t)jobs;
	if ((p.slots = cdr_calloc(p.nslots, sizeof(*p.slots))) == NULL ||
	    (tids = cdr_calloc(jobs, sizeof(*tids))) == NULL) {
		free(p.slots);
		return CDR_ENOMEM;
	}
	warm_up_libraries();
	pthread_mutex_init(&p.mu, NULL);
	pthread_cond_init(&p.ready, NULL);
	pthread_cond_init(&p.room, NULL);
	pthread_mutex_lock(&p.mu);
	for (unsigned t = 0; t < jobs; t++)
		if (pthread_create(&tids[started], NULL, worker_main, &p) == 0)
			started++;
	p.live = started;
	pthread_mutex_unlock(&p.mu);
	if (started == 0)
		rc = ingest_sequential(paths, n, opts, each, ctx); /* no threads to be had: read them here */
	else
		rc = hand_on(&p, each, ctx);
	for (unsigned t = 0; t < started; t++)
		pthread_join(tids[t], NULL);
	/* documents read past an error that stopped the run */
	for (size_t i = 0; i < p.nslots; i++)
		cdr_document_free(p.slots[i].doc);
	pthread_cond_destroy(&p.ready);
	pthread_cond_destroy(&p.room);
	pthread_mutex_destroy(&p.mu);
	free(p.slots);
	free(tids);
	return rc;
}
