/* engine.h -- the rule engine's workers, inside the coding layer.
 *
 * An engine's compiled rules are read-only once built and shared by all
 * threads; everything a run changes (PCRE2 match data, Hyperscan scratch,
 * per-rule statistics) belongs to a worker, one per thread. */
#ifndef CDR_CODING_ENGINE_H
#define CDR_CODING_ENGINE_H

#include "codeer/autocode.h"

typedef struct cdr_engine_worker cdr_engine_worker;

int cdr_engine_worker_new(cdr_engine_worker **out, cdr_engine *e);
void cdr_engine_worker_free(cdr_engine_worker *w);
/* cdr_engine_run on this worker's state; safe beside other workers of the engine. */
int cdr_engine_worker_run(cdr_engine_worker *w, const cdr_document *doc, cdr_proposals *out,
			  cdr_limit_fn on_limit, void *ctx);
/* Add the worker's statistics to the engine's (one thread at a time). */
void cdr_engine_worker_merge(cdr_engine_worker *w);

#endif
