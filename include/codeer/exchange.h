/* exchange.h -- REFI-QDA exchange: codebooks (.qdc) and projects (.qdpx).
 *
 * REFI-QDA (www.qdasoftware.org) is the exchange format of ATLAS.ti,
 * MAXQDA, NVivo, QualCoder and others. A .qdc is one XML file (namespace
 * urn:QDA-XML:codebook:1.0); a .qdpx is a zip with project.qde (namespace
 * urn:QDA-XML:project:1.0) and the source texts under sources/. Both
 * official schemas are built into libcodeer; every export is validated
 * against them before it is written. docs/exchange.md says what maps to
 * what and what is lost in each direction.
 *
 * Positions: a REFI position counts the characters of a source's plain
 * text, from 0, where a character is a Unicode code point, a leading
 * byte-order mark is not counted, and CR LF counts as two characters
 * (as the file holds them), except in files that ATLAS.ti wrote, where it
 * counts as one, and in files NVivo wrote, where a character outside the
 * BMP counts as two (UTF-16 code units). cdr_refi_posmap maps such
 * positions to codeer's code-point offsets into the normalised text
 * exactly, or says that a position has no exact image (inside a CR LF
 * pair, inside a surrogate pair, or inside a sequence that NFC composes
 * into fewer characters). */
#ifndef CODEER_EXCHANGE_H
#define CODEER_EXCHANGE_H

#include <stddef.h>

#include "codeer/project.h"

/** The official schemas (NUL-terminated XML Schema text). */
extern const char cdr_refi_project_xsd[];
extern const char cdr_refi_codebook_xsd[];

/** Largest .qdpx or .qdc read, and largest XML or source inside a .qdpx. */
#define CDR_REFI_MAX_FILE ((size_t)1 << 30)
#define CDR_REFI_MAX_XML ((size_t)64 << 20)
#define CDR_REFI_MAX_MEMBERS 100000

/* ---- positions ------------------------------------------------------------ */

typedef struct cdr_refi_posmap cdr_refi_posmap;

/** How a program counts: CR LF as one character (ATLAS.ti); UTF-16 code
 * units, a character outside the BMP as two (NVivo). */
#define CDR_REFI_CRLF_ONE 1
#define CDR_REFI_UTF16 2

/**
 * Read a REFI plain text (UTF-8, n bytes) and build the map from REFI
 * positions to offsets into its codeer normal form (cdr_text_normalize).
 * `rules`: 0, or CDR_REFI_CRLF_ONE and CDR_REFI_UTF16 or-ed. Errors name `name`.
 */
int cdr_refi_posmap_new(cdr_refi_posmap **out, const char *utf8, size_t n, int rules, const char *name);
void cdr_refi_posmap_free(cdr_refi_posmap *m);
/** The normalised text (NUL-terminated) and its length in bytes. */
const char *cdr_refi_posmap_text(const cdr_refi_posmap *m, size_t *len);
/** Number of REFI characters of the text. */
size_t cdr_refi_posmap_length(const cdr_refi_posmap *m);
/** The codeer offset of REFI position `pos`, or -1 when it has none. */
long cdr_refi_posmap_get(const cdr_refi_posmap *m, size_t pos);

/* ---- validation ----------------------------------------------------------- */

typedef enum cdr_refi_kind { CDR_REFI_PROJECT, CDR_REFI_CODEBOOK } cdr_refi_kind;

/** Validate XML against the official schema; CDR_EFORMAT names `name`, the line and the fault. */
int cdr_refi_validate(const char *xml, size_t len, cdr_refi_kind kind, const char *name);

/* ---- export --------------------------------------------------------------- */

/**
 * The project's schemes as a codebook (XML text, caller frees), valid
 * against Codebook.xsd. CDR_ENOTFOUND when the project has no scheme.
 */
int cdr_refi_codebook_xml(char **out, size_t *len, const cdr_project *p);
/** The whole project as project.qde text (caller frees), valid against Project-mrt2019.xsd. */
int cdr_refi_project_xml(char **out, size_t *len, const cdr_project *p);

/** Write the codebook to `path` atomically. */
int cdr_refi_export_qdc(const cdr_project *p, const char *path);
/** Write the project as a .qdpx (project.qde and sources/<guid>.txt) to `path` atomically. */
int cdr_refi_export_qdpx(const cdr_project *p, const char *path);

/* ---- import --------------------------------------------------------------- */

/** Called per thing an import leaves out or changes, with a message such as
 * "in.qdpx: selection 6c5e...: ends past its source 'a.txt' (length 12)". */
typedef void (*cdr_refi_report_fn)(void *ctx, const char *message);

typedef struct cdr_refi_stats {
	size_t schemes, codes, sources, cases, coders, codings, memos;
	size_t left_out;  /* things reported and not imported */
} cdr_refi_stats;

/**
 * Parse REFI XML (a project.qde or a .qdc; which one the root element
 * says) without touching the disk: the check the importers make before
 * they write anything. For the fuzz target and for `import` dry runs.
 */
int cdr_refi_parse_check(const char *xml, size_t len, const char *name);

/**
 * Import a .qdpx as a new project in `dir` (which must not exist, or be an
 * empty directory). All or nothing: the project is built beside `dir` and
 * renamed into place at the end, so a failure leaves nothing behind.
 * Selections that do not fit their source, and codings of unknown codes,
 * are reported through `report` (with their GUID) and left out.
 */
int cdr_refi_import_qdpx(const char *path, const char *dir, cdr_refi_report_fn report, void *ctx,
			 cdr_refi_stats *stats);

/**
 * Import a .qdc into an open project as new schemes (all or none). A
 * scheme id the project has already is CDR_EEXISTS.
 */
int cdr_refi_import_qdc(cdr_project *p, const char *path, cdr_refi_report_fn report, void *ctx,
			cdr_refi_stats *stats);

#endif
