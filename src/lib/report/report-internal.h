/* report-internal.h -- what the parts of the HTML report share (report.c).
 *
 * The report's own view of the project (struct report, gathered once by
 * report-gather.c) and the functions one part of the report calls in
 * another, all prefixed rpt_. Not installed; not for use outside
 * src/lib/report/. */
#ifndef CODEER_REPORT_INTERNAL_H
#define CODEER_REPORT_INTERNAL_H

#include <stdio.h>

#include "codeer/codeer.h"
#include "codeer/report.h"
#include "util/alloc.h"
#include "util/array.h"
#include "util/tsv.h"

/* one code of the schemes, with what the report says about it */
struct rcode {
	const cdr_code *code;
	const cdr_scheme *scheme;
	const char *name;        /* the id, or scheme/id when another scheme has the same id */
	int selected;
	size_t segments, docs, cases, words;
	size_t nquotes;          /* every coded segment */
	size_t shown;            /* of them in qbuf (--max-quotes) */
	char *qbuf;              /* the quotes as HTML */
	size_t qlen;
	FILE *qf;
};

struct rdoc {
	const char *id;
	const char *case_id;
	size_t turns, words, codings;
};

/* a code on a turn, for the chips in the transcripts */
struct mark {
	size_t doc;
	long turn;
	size_t code;
};

/* one cross-section (crosssection.h), read back from its TSV: the rows
 * with the code ids, and when the cells hold more, the rows with the
 * quotes or memos (every case, in the same order) */
#define XS_SUBSEP "\x1f" /* ASCII unit separator: never in a layout's names */

struct xsect {
	const char *layout;
	cdr_table *ids_table, *text_table;
	cdr_tsv_row *ids, *text;
	size_t nids, ntext;
};

struct report {
	cdr_project *p;
	const cdr_schemes *set;
	const cdr_report_options *o;
	FILE *out;
	struct rcode *codes;
	size_t ncodes;
	const char **selected;   /* qualified names of the selected codes, scheme order */
	size_t nselected;
	struct rdoc *docs;
	size_t ndocs;
	struct mark *marks;
	size_t nmarks, mcap;
	char **coders;
	size_t ncoders;
	/* whose codings are counted (cdr_coders_choose): `coder` is the one
	 * the analyses are given, NULL for every coder's (all, or nobody has
	 * codings yet); `counted` names them, `implicit` when chosen without
	 * --coder, `all` for --coder all */
	const char *coder;
	char **counted;
	size_t ncounted;
	int implicit, all;
	size_t turns, words, segments;
	size_t last_doc;
	struct xsect *xs;
	size_t nxs;
};

/* report-util.c */
void rpt_esc(FILE *f, const char *s);
void rpt_put_anchor(FILE *f, const char *s);
/* Opens a link to a document (turn 0) or one of its turns (1-based) in
 * the transcripts; writes nothing when the report has none, so the caller
 * closes it with "</a>" only when r->o->no_transcripts is 0. */
void rpt_doc_link(const struct report *r, FILE *f, const char *doc, long turn);
size_t rpt_cp_len(const char *s);
void rpt_esc_cut(FILE *f, const char *s, size_t max);
void rpt_ramp(char out[16], double t);
double rpt_heat(double v, double max);
void rpt_put_num(FILE *f, double v);
const char *rpt_plural(size_t n, const char *one, const char *many);
long rpt_find_code(const struct report *r, const cdr_code *c);
const struct rcode *rpt_code_by_name(const struct report *r, const char *qualified);
long rpt_find_doc(struct report *r, const char *id);
void rpt_counted(const struct report *r, FILE *f);
void rpt_counted_note(const struct report *r);

/* report-gather.c */
int rpt_gather_codes(struct report *r);
int rpt_gather_freqs(struct report *r);
int rpt_gather_docs(struct report *r);
int rpt_gather_quotes(struct report *r);
void rpt_xsect_free(struct xsect *x);
int rpt_gather_crosssections(struct report *r);

/* report-style.c */
extern const char rpt_css[];
extern const char rpt_js[];

/* report-corpus.c */
void rpt_overview(struct report *r);
void rpt_frequencies(struct report *r);

/* report-matrix.c */
void rpt_heatmap(struct report *r);
int rpt_cooccurrence(struct report *r);

/* report-crosssection.c */
void rpt_crosssections(struct report *r);

/* report-agreement.c */
int rpt_agreement(struct report *r);

/* report-text.c */
void rpt_quotes(struct report *r);
int rpt_transcripts(struct report *r);

#endif
