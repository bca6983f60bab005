/* reread.h -- read a document's file again with other ingest rules
 * (another speaker pattern, header lines, an encoding) and keep every
 * coder's codings of it. */
#ifndef CODEER_REREAD_H
#define CODEER_REREAD_H

#include "codeer/project.h"

typedef struct cdr_reread_options {
	/* the file to read; NULL: the document's original file name, taken
	 * relative to the current directory, which must still hold the bytes
	 * that were added (its sha256) */
	const char *file;
	/* archive the codings whose text is no longer found instead of
	 * refusing */
	int force;
	/* ingest.speaker_regex NULL: the pattern the document was read with */
	cdr_ingest_options ingest;
} cdr_reread_options;

/**
 * Re-read document `id`. When the normalised text is the same, only the
 * structure (turns, paragraphs, sentences, header lines) changes and every
 * coding keeps its offsets. When it differs, each coding of every coder
 * is placed on its exact text in the new one: the only occurrence, or the
 * one nearest its old place. Codings whose text is gone (or is found at
 * two places equally near) make the call fail with CDR_EUNSAFE, the
 * message listing each (coder, code, old span, first words), unless
 * `force`: then they go to an archive entry with the old text and .meta.
 * The source, its .meta and the codings files change in one step under
 * the project lock. *report (caller frees) says what was done.
 */
int cdr_doc_reread(cdr_project *p, const char *id, const cdr_reread_options *opts, char **report);

#endif
