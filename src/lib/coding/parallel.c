/* parallel.c -- documents through the rule engine on several threads
 * (cdr_engine_map in autocode.h).
 *
 * Workers take the next item in order (one at a time, so a source that
 * reads a stream sees its items in order), load and code it on their own
 * engine worker, and leave the result in a ring of slots. The calling
 * thread hands the results to `done` strictly in item order, replaying
 * the match-limit reports of each document first, so the output is the
 * same byte for byte whatever the number of threads. The ring holds at
 * most two documents per thread: memory stays bounded by a few of the
 * largest documents, not by the corpus. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "codeer/autocode.h"
#include "codeer/error.h"
#include "coding/engine.h"
#include "util/alloc.h"

struct limit_event {
	long turn;
	const cdr_code *code;
	const cdr_rule *rule;
};

struct slot {
	int state;                 /* 0 free, 1 being coded, 2 ready */
	void *item;
	cdr_document *doc;
	cdr_proposals props;
	struct limit_event *ev;
	size_t nev, evcap;
	int rc, ev_failed;
	char msg[1024];
};

struct map {
	cdr_engine *e;
	const cdr_doc_source *src;
	pthread_mutex_t mu;
	pthread_cond_t ready, room;
	struct slot *slots;
	size_t nslots;
	size_t next;               /* index of the next item to take */
	size_t consumed;           /* index of the next item for `done` */
	int ended, stop;
	unsigned live;             /* workers still taking items */
	int next_rc;               /* what ended the items: 0 or an error */
	char next_msg[1024];
};

unsigned cdr_cpu_count(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 256 ? 256 : (unsigned)n;
}

static void on_limit_record(void *ctx, const cdr_document *doc, long turn, const cdr_code *code, const cdr_rule *rule)
{
	struct slot *s = ctx;

	(void)doc;
	if (cdr_grow((void **)&s->ev, &s->evcap, s->nev + 1, sizeof(*s->ev)) < 0) {
		s->ev_failed = 1;
		return;
	}
	s->ev[s->nev].turn = turn;
	s->ev[s->nev].code = code;
	s->ev[s->nev].rule = rule;
	s->nev++;
}

/* Load and code one item into its slot (any thread). */
static void code_one(cdr_engine_worker *w, const cdr_doc_source *src, struct slot *s)
{
	s->props.n = 0;
	s->nev = 0;
	s->ev_failed = 0;
	s->rc = src->load(src->ctx, s->item, &s->doc);
	if (s->rc >= 0 && s->doc)
		s->rc = cdr_engine_worker_run(w, s->doc, &s->props, on_limit_record, s);
	if (s->rc >= 0 && s->doc && src->coded)
		s->rc = src->coded(src->ctx, s->item, s->doc, &s->props);
	if (s->rc >= 0 && s->ev_failed)
		s->rc = cdr_error_set(CDR_ENOMEM, "out of memory");
	if (s->rc < 0)
		snprintf(s->msg, sizeof(s->msg), "%s", cdr_error_last());
}

/* Hand a coded slot on (the calling thread), and empty it. */
static int finish_one(const cdr_doc_source *src, struct slot *s)
{
	int rc = s->rc;

	if (rc < 0) {
		cdr_error_set(rc, "%s", s->msg);
	} else {
		for (size_t i = 0; i < s->nev && src->on_limit; i++)
			src->on_limit(src->ctx, s->doc, s->ev[i].turn, s->ev[i].code, s->ev[i].rule);
		rc = src->done(src->ctx, s->item, s->doc, &s->props);
	}
	cdr_document_free(s->doc);
	s->doc = NULL;
	if (src->drop)
		src->drop(src->ctx, s->item);
	s->item = NULL;
	s->state = 0;
	return rc;
}

static void *worker_main(void *arg)
{
	struct map *m = arg;
	cdr_engine_worker *w = NULL;
	int rc = cdr_engine_worker_new(&w, m->e);

	pthread_mutex_lock(&m->mu);
	for (; rc == 0;) {
		struct slot *s;
		void *item = NULL;
		while (!m->stop && !m->ended && m->next >= m->consumed + m->nslots)
			pthread_cond_wait(&m->room, &m->mu);
		if (m->stop || m->ended)
			break;
		int got = m->src->next(m->src->ctx, &item);
		if (got <= 0) {
			m->ended = 1;
			m->next_rc = got;
			if (got < 0)
				snprintf(m->next_msg, sizeof(m->next_msg), "%s", cdr_error_last());
			pthread_cond_broadcast(&m->ready);
			break;
		}
		s = &m->slots[m->next++ % m->nslots];
		s->item = item;
		s->state = 1;
		pthread_mutex_unlock(&m->mu);
		code_one(w, m->src, s);
		pthread_mutex_lock(&m->mu);
		s->state = 2;
		pthread_cond_broadcast(&m->ready);
	}
	/* a worker that could not start leaves the items to the others */
	m->live--;
	pthread_cond_broadcast(&m->ready);
	pthread_mutex_unlock(&m->mu);
	return w;
}

static int map_sequential(cdr_engine *e, const cdr_doc_source *src)
{
	cdr_engine_worker *w = NULL;
	struct slot s;
	int rc;

	memset(&s, 0, sizeof(s));
	if ((rc = cdr_engine_worker_new(&w, e)) < 0)
		return rc;
	while ((rc = src->next(src->ctx, &s.item)) > 0) {
		code_one(w, src, &s);
		if ((rc = finish_one(src, &s)) < 0)
			break;
	}
	cdr_engine_worker_merge(w);
	cdr_engine_worker_free(w);
	cdr_proposals_free(&s.props);
	free(s.ev);
	return rc < 0 ? rc : 0;
}

int cdr_engine_map(cdr_engine *e, unsigned threads, const cdr_doc_source *src)
{
	struct map m;
	pthread_t *tids;
	unsigned started = 0;
	int rc = 0;

	if (threads == 0)
		threads = cdr_cpu_count();
	if (threads == 1)
		return map_sequential(e, src);
	memset(&m, 0, sizeof(m));
	m.e = e;
	m.src = src;
	m.nslots = 2 * (size_t)threads;
	if ((m.slots = cdr_calloc(m.nslots, sizeof(*m.slots))) == NULL ||
	    (tids = cdr_calloc(threads, sizeof(*tids))) == NULL) {
		free(m.slots);
		return cdr_error_set(CDR_ENOMEM, "out of memory");
	}
	pthread_mutex_init(&m.mu, NULL);
	pthread_cond_init(&m.ready, NULL);
	pthread_cond_init(&m.room, NULL);
	m.live = threads;
	for (unsigned t = 0; t < threads; t++)
		if (pthread_create(&tids[started], NULL, worker_main, &m) == 0)
			started++;
	pthread_mutex_lock(&m.mu);
	m.live -= threads - started;
	pthread_mutex_unlock(&m.mu);
	if (started == 0) {
		rc = cdr_error_set(CDR_EIO, "cannot start a thread");
		goto done;
	}
	pthread_mutex_lock(&m.mu);
	for (;;) {
		struct slot *s = &m.slots[m.consumed % m.nslots];
		if (m.ended && m.consumed == m.next)
			break;
		if (!(s->state == 2 && m.consumed < m.next)) {
			if (m.live == 0 && !m.ended) {
				rc = cdr_error_set(CDR_ENOMEM, "out of memory");
				break;
			}
			pthread_cond_wait(&m.ready, &m.mu);
			continue;
		}
		pthread_mutex_unlock(&m.mu);
		rc = finish_one(src, s);
		pthread_mutex_lock(&m.mu);
		m.consumed++;
		pthread_cond_broadcast(&m.room);
		if (rc < 0) {
			m.stop = 1;
			break;
		}
	}
	if (rc == 0 && m.next_rc < 0)
		rc = cdr_error_set(m.next_rc, "%s", m.next_msg);
	pthread_mutex_unlock(&m.mu);
done:
	for (unsigned t = 0; t < started; t++) {
		void *w = NULL;
		pthread_join(tids[t], &w);
		if (w) {
			cdr_engine_worker_merge(w);
			cdr_engine_worker_free(w);
		}
	}
	for (size_t i = 0; i < m.nslots; i++) {
		struct slot *s = &m.slots[i];
		cdr_document_free(s->doc);
		if (s->item && src->drop)
			src->drop(src->ctx, s->item);
		cdr_proposals_free(&s->props);
		free(s->ev);
	}
	pthread_cond_destroy(&m.ready);
	pthread_cond_destroy(&m.room);
	pthread_mutex_destroy(&m.mu);
	free(m.slots);
	free(tids);
	return rc;
}
