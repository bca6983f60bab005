/* structure.c -- find speaker turns, paragraphs and sentences in a
 * normalised text and record them as code-point spans.
 *
 * A turn starts at a line that matches the speaker pattern (anchored at
 * the line start) and runs until the next such line. Paragraphs are runs
 * of non-blank lines, also cut where a turn starts; sentences never cross
 * a paragraph. A document without any speaker label gets one unnamed turn
 * per paragraph, so that turn-level work still has units. Text before the
 * first label (a title, a preamble) belongs to no turn.
 *
 * Timestamps are transcription marks, not words: a bracketed one at the
 * start of a paragraph ("[00:01:02] ", "(00:01) ", "#00:00:05-2# ") and
 * an f4/f5 one at the end of a line ("... #00:00:05-2#") are left out of
 * paragraphs, sentences and word counts. The first gives its turn's time
 * when the label had none; the second marks where the recording was when
 * the line ended, so it is the time of the next turn (as f4 and MAXQDA
 * read it). An f4 mark ends a paragraph, since f4 writes one per Enter.
 *
 * A reader may know some turns already (the rows of a transcript table):
 * then the text between them belongs to no turn.
 *
 * Header lines ("Locatie: buurthuis De Kern"), when the caller gives their
 * patterns, are tried before the speaker pattern: such a line is no turn,
 * ends the turn before it, and is in no paragraph or sentence; it is
 * recorded as a header so it can be shown apart. Its words count nowhere,
 * not even as words outside the turns: a header was meant to be there.
 * Text after a header line and before the next label is in no turn. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "codeer/error.h"
#include "ingest/document-internal.h"
#include "ingest/pattern-cache.h"
#include "ingest/transcript-table.h"
#include "text/text-internal.h"
#include "util/alloc.h"

/* Line-start forms: "I:", "R:", "P1 -", "Interviewer:", "Respondent 3:",
 * "[00:12:03] Naam:", "#00:00:05-2# I:", "**R:**" (Markdown), "Wijkcoach
 * B1:", "i:", "int:", "Interviewer (Anna):", "Speaker 1 (00:05):". Words
 * that start ordinary sentences with a colon ("Dus:", "NB:", "URL:") are
 * no speakers. */
#define TIME_RE "\\d{1,2}:\\d{2}(?::\\d{2})?(?:[.,]\\d{1,3})?"
#define NAME_IN_BRACKETS "(?:[ \\t]*\\((?=[^()]*\\p{L})[\\p{L}\\d'’. -]{1,40}\\))?"
#define TIME_IN_LABEL "(?:[ \\t]+[\\[(](?<time>" TIME_RE ")[\\])])?"
const char *const cdr_default_speaker_regex =
	"(?:(?:#(?<time>\\d{1,2}:\\d{2}:\\d{2}(?:[-.,]\\d{1,3})?)#"
	  "|[\\[(]?(?<time>" TIME_RE ")[\\])]?)[ \\t]+)?"
	"(?:\\*\\*|__)?"
	"(?!(?:Dus|Maar|En|Of|Want|Nou|Ja|Nee|Oké|Ok|Kortom|Oftewel|Namelijk|Bijvoorbeeld|Zoals|Zie|Let"
	  "|Dat|Dit|Die|Wat|Hoe|Waarom|Wie|Toen|Daarna|Eerst|Ook|Nu|Dan|Zo|NB|PS|URL"
	  "|So|But|And|Or|Well|Yes|No|Note|See)(?:\\*\\*|__)?[ \\t]*:)"
	"(?:"
	  "(?<speaker>(?:[A-Z]{1,3}\\d{0,3}"
	    "|(?:Interviewer|Interviewee|Respondent|Participant|Deelnemer|Professional"
	    "|Geïnterviewde|Cliënt|Client|Moderator|Spreker|Speaker)(?:[ \\t]+[\\p{L}\\d]{1,12})?)" NAME_IN_BRACKETS ")"
	    TIME_IN_LABEL "(?:\\*\\*|__)?(?:[ \\t]*:|[ \\t]+[-–—](?=[ \\t]))"
	  "|(?<speaker>(?:(?:[a-z]|int|iv|res|resp)\\d{0,3}"
	    "|(?:interviewer|interviewee|respondent|participant|deelnemer|professional"
	    "|geïnterviewde|cliënt|client|moderator|spreker|speaker)(?:[ \\t]+\\d{1,3})?)" NAME_IN_BRACKETS ")"
	    TIME_IN_LABEL "(?:\\*\\*|__)?[ \\t]*:"
	  "|(?<speaker>\\p{Lu}[\\p{L}'’.-]{0,30}(?:[ \\t]+(?:\\p{Lu}[\\p{L}\\d'’.-]{0,30}|\\d{1,3}|van|de|der|den|ter|ten|het))"
	    "{0,3}" NAME_IN_BRACKETS ")" TIME_IN_LABEL "(?:\\*\\*|__)?[ \\t]*:"
	")"
	"(?:\\*\\*|__)?(?=\\s|$)[ \\t]*";

struct turn_start {
	size_t line;     /* byte offset of the label line */
	size_t content;  /* byte offset after the label; for a header, its line end */
	char *speaker;   /* NULL for a header line */
	char *time;
};

/* The compiled header-line patterns. */
struct headers {
	pcre2_code **re;
	pcre2_match_data **md;
	size_t n;
};

struct builder {
	cdr_document *doc;
	cdr_segmenter *seg;
	cdr_cp_cursor cursor;
	UChar *u16;           /* the text in UTF-16 when the reader kept it */
	int astral;           /* it has characters beyond the BMP (surrogate pairs) */
	size_t u16_byte;      /* forward cursor: byte offset ... */
	int32_t u16_unit;     /* ... and its UTF-16 index */
	size_t region_cp;     /* code-point offset of the region being segmented */
	size_t region_words;
	size_t outside;       /* words in paragraphs of no turn */
	char *pending;        /* the f4 time that ended the last paragraph: the next turn's */
};

static int compile_pattern(pcre2_code **out, const char *pattern, const char *name)
{
	int errcode;
	PCRE2_SIZE erroff;
	pcre2_code *re;
	uint32_t group;

	re = cdr_pattern_get(pattern, PCRE2_UTF | PCRE2_UCP | PCRE2_DUPNAMES | PCRE2_ANCHORED | PCRE2_MATCH_INVALID_UTF,
			     &errcode, &erroff);
	if (re == NULL) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(errcode, msg, sizeof(msg));
		return cdr_error_set(CDR_EUSAGE, "%s: speaker pattern '%s': %s at offset %zu",
				     name, pattern, (char *)msg, (size_t)erroff);
	}
	if (pcre2_pattern_info(re, PCRE2_INFO_NAMECOUNT, &group) != 0 || group == 0 ||
	    pcre2_substring_number_from_name(re, (PCRE2_SPTR) "speaker") == PCRE2_ERROR_NOSUBSTRING) {
		cdr_pattern_put(re);
		return cdr_error_set(CDR_EUSAGE, "speaker pattern '%s' needs a group named 'speaker', as in (?<speaker>[A-Z]\\w*):",
				     pattern);
	}
	*out = re;
	return 0;
}

/* Copy a named group's text, trimmed, or "" when it did not take part.
 * With duplicate names, the first same-named group that matched counts. */
static char *group_text(pcre2_code *re, pcre2_match_data *md, const char *subject, const char *group)
{
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
	PCRE2_SPTR first, last;
	uint32_t entry_size;

	if (pcre2_substring_nametable_scan(re, (PCRE2_SPTR)group, &first, &last) < 0)
		return cdr_strdup("");
	pcre2_pattern_info(re, PCRE2_INFO_NAMEENTRYSIZE, &entry_size);
	for (PCRE2_SPTR e = first; e <= last; e += entry_size) {
		int n = (e[0] << 8) | e[1];
		if (ov[2 * n] != PCRE2_UNSET) {
			size_t a = ov[2 * n], b = ov[2 * n + 1];
			while (a < b && (subject[a] == ' ' || subject[a] == '\t'))
				a++;
			while (b > a && (subject[b - 1] == ' ' || subject[b - 1] == '\t'))
				b--;
			return cdr_strndup(subject + a, b - a);
		}
	}
	return cdr_strdup("");
}

static int is_blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n')
			return 0;
	return 1;
}

static int on_sentence(void *ctx, size_t a, size_t b)
{
	struct builder *bd = ctx;
	cdr_span s;

	s.start = bd->region_cp + a;
	s.end = bd->region_cp + b;
	return cdr_document_add_sentence(bd->doc, s);
}

/* UTF-16 index of a byte offset, moving forward only. */
static int32_t u16_index(struct builder *bd, size_t byte)
{
	const unsigned char *t = (const unsigned char *)bd->doc->text;

	for (; bd->u16_byte < byte; bd->u16_byte++)
		if ((t[bd->u16_byte] & 0xC0) != 0x80)
			bd->u16_unit += t[bd->u16_byte] >= 0xF0 ? 2 : 1;
	return bd->u16_unit;
}

static size_t trim_end(const char *t, size_t a, size_t b)
{
	while (b > a && (t[b - 1] == ' ' || t[b - 1] == '\t' || t[b - 1] == '\n'))
		b--;
	return b;
}

static size_t trim_start(const char *t, size_t a, size_t b)
{
	while (a < b && (t[a] == ' ' || t[a] == '\t' || t[a] == '\n'))
		a++;
	return a;
}

/* A timestamp mark at s: "[00:01:02]", "(00:01)" or "#00:00:05-2#".
 * Returns its length and the time inside it, or 0. */
static size_t stamp_len(const char *s, size_t n, const char **time, size_t *time_len)
{
	char close = n < 2 ? 0 : s[0] == '[' ? ']' : s[0] == '(' ? ')' : s[0] == '#' ? '#' : 0;
	size_t k;

	if (close == 0 || (k = cdr_clock_len(s + 1, n - 1, s[0] == '#')) == 0 || k + 1 >= n || s[k + 1] != close)
		return 0;
	*time = s + 1;
	*time_len = k;
	return k + 2;
}

/* A mark at the start of [a, b), followed by white space or the end:
 * returns where the text after it starts (or a), and its time in *time
 * when time is not NULL. */
static int cut_leading_stamp(size_t *a, size_t b, const char *t, char **time)
{
	const char *tm;
	size_t tn, k = stamp_len(t + *a, b - *a, &tm, &tn);

	if (k == 0 || (*a + k < b && t[*a + k] != ' ' && t[*a + k] != '\t' && t[*a + k] != '\n'))
		return 0;
	if (time && (*time = cdr_strndup(tm, tn)) == NULL)
		return CDR_ENOMEM;
	*a = trim_start(t, *a + k, b);
	return 0;
}

/* Where an f4 mark "#00:00:05-2#" ends [a, b) after white space (or is
 * all of it), the offset of its "#"; else b. */
static size_t f4_stamp_at_end(const char *t, size_t a, size_t b)
{
	const char *tm;
	size_t tn, k;

	if (b - a < 6 || t[b - 1] != '#')
		return b;
	for (k = b - 2; k > a && b - k <= 16 && t[k] != '#'; k--)
		;
	if (t[k] != '#' || stamp_len(t + k, b - k, &tm, &tn) != b - k)
		return b;
	return k == a || t[k - 1] == ' ' || t[k - 1] == '\t' || t[k - 1] == '\n' ? k : b;
}

/* Cut the mark that ends [a, b): an f4 mark after white space, or any
 * mark alone on the last line ("[00:00:20]" before the next label).
 * Returns the new end, with the mark's time in *time (NULL: none). */
static int cut_trailing_stamp(size_t a, size_t *b, const char *t, char **time)
{
	size_t k = f4_stamp_at_end(t, a, *b), line = *b, tn;
	const char *tm;

	*time = NULL;
	if (k < *b) {
		tm = t + k + 1;
		tn = *b - k - 2;
	} else {
		while (line > a && t[line - 1] != '\n')
			line--;
		line = trim_start(t, line, *b);
		if (line == *b || stamp_len(t + line, *b - line, &tm, &tn) != *b - line)
			return 0;
		k = line;
	}
	if ((*time = cdr_strndup(tm, tn)) == NULL)
		return CDR_ENOMEM;
	*b = trim_end(t, a, k);
	return 0;
}

/* One paragraph: trim, leave out its timestamp marks, record it, segment
 * it; adds its words to *words. */
static int add_region(struct builder *bd, size_t a, size_t b, size_t *words)
{
	const char *t = bd->doc->text;
	char *after;
	size_t w = 0;
	cdr_span p;
	int rc;

	b = trim_end(t, a, b);
	a = trim_start(t, a, b);
	/* the end first: a paragraph that is only a mark is the next turn's time */
	if ((rc = cut_trailing_stamp(a, &b, t, &after)) < 0 || (rc = cut_leading_stamp(&a, b, t, NULL)) < 0) {
		free(after);
		return rc;
	}
	if (after) {
		free(bd->pending);
		bd->pending = after;
	}
	if (a == b)
		return 0;
	/* the cursor is cheap only forwards */
	p.start = cdr_cp_cursor_at(&bd->cursor, a);
	p.end = cdr_cp_cursor_at(&bd->cursor, b);
	bd->region_cp = p.start;
	if (bd->u16) {
		/* segment the reader's UTF-16 directly: no second conversion.
		 * Without characters beyond the BMP, UTF-16 index = code point. */
		int32_t ua = bd->astral ? u16_index(bd, a) : (int32_t)p.start;
		int32_t ub = bd->astral ? u16_index(bd, b) : (int32_t)p.end;
		rc = cdr_segmenter_run16(bd->seg, bd->u16 + ua, ub - ua, on_sentence, bd, &w);
	} else {
		rc = cdr_segmenter_run(bd->seg, t + a, b - a, on_sentence, bd, &w);
	}
	if (rc < 0)
		return rc;
	*words += w;
	return cdr_document_add_paragraph(bd->doc, p);
}

/* A paragraph outside any turn: its words count apart. */
static int add_outside_region(struct builder *bd, size_t a, size_t b, size_t *words)
{
	(void)words;
	return add_region(bd, a, b, &bd->outside);
}

typedef int (*block_fn)(struct builder *bd, size_t a, size_t b, size_t *words);

/* Call `fn` for each block of [a, b) between blank lines; a line that
 * ends in an f4 mark ends its block too. */
static int each_block(struct builder *bd, size_t a, size_t b, block_fn fn, size_t *words)
{
	const char *t = bd->doc->text;
	size_t start = a, pos = a;
	int rc;

	while (pos < b) {
		const char *nl = memchr(t + pos, '\n', b - pos);
		size_t line_end = nl ? (size_t)(nl - t) : b;
		if (is_blank(t + pos, line_end - pos)) {
			if (!is_blank(t + start, pos - start) && (rc = fn(bd, start, pos, words)) < 0)
				return rc;
			start = line_end;
		} else if (line_end < b && f4_stamp_at_end(t, pos, trim_end(t, pos, line_end)) <
						   trim_end(t, pos, line_end)) {
			if ((rc = fn(bd, start, line_end, words)) < 0)
				return rc;
			start = line_end;
		}
		pos = line_end + 1;
	}
	if (!is_blank(t + start, b - start))
		return fn(bd, start, b, words);
	return 0;
}

/* Record a turn over [a, b) bytes with its paragraphs and sentences. Its
 * time is the label's, else a mark at its start, else the f4 mark that
 * ended the paragraph before it. */
static int add_turn(struct builder *bd, size_t a, size_t b, const char *speaker, const char *time)
{
	const char *t = bd->doc->text;
	char *lead = NULL, *after = NULL, *before = bd->pending;
	size_t words = 0;
	cdr_span s;
	int rc;

	bd->pending = NULL;
	b = trim_end(t, a, b);
	a = trim_start(t, a, b);
	if ((rc = cut_leading_stamp(&a, b, t, &lead)) < 0 || (rc = cut_trailing_stamp(a, &b, t, &after)) < 0)
		goto done;
	if (time == NULL || *time == '\0')
		time = lead ? lead : before ? before : "";
	/* the cursor only moves forward cheaply: start, paragraphs, then end */
	s.start = cdr_cp_cursor_at(&bd->cursor, a);
	if ((rc = each_block(bd, a, b, add_region, &words)) < 0)
		goto done;
	s.end = cdr_cp_cursor_at(&bd->cursor, b);
	rc = cdr_document_add_turn(bd->doc, s, speaker, time, words);
	/* a mark inside the turn says nothing about where the next one starts */
	free(bd->pending);
	bd->pending = after;
	after = NULL;
done:
	free(lead);
	free(after);
	free(before);
	return rc;
}

static int add_unnamed_turn(struct builder *bd, size_t a, size_t b, size_t *words)
{
	(void)words;
	return add_turn(bd, a, b, "", "");
}

struct cdr_speaker_matcher {
	pcre2_code *re;
	pcre2_match_data *md;
};

int cdr_speaker_matcher_new(cdr_speaker_matcher **out, const char *pattern, const char *name)
{
	cdr_speaker_matcher *m;
	int rc;

	if ((m = cdr_calloc(1, sizeof(*m))) == NULL)
		return CDR_ENOMEM;
	if ((rc = compile_pattern(&m->re, pattern ? pattern : cdr_default_speaker_regex, name)) < 0) {
		free(m);
		return rc;
	}
	if ((m->md = pcre2_match_data_create_from_pattern(m->re, NULL)) == NULL) {
		cdr_speaker_matcher_free(m);
		return cdr_error_set(CDR_ENOMEM, "out of memory");
	}
	*out = m;
	return 0;
}

void cdr_speaker_matcher_free(cdr_speaker_matcher *m)
{
	if (m == NULL)
		return;
	pcre2_match_data_free(m->md);
	cdr_pattern_put(m->re);
	free(m);
}

int cdr_speaker_matcher_match(cdr_speaker_matcher *m, const char *line, size_t len,
			      char **speaker, char **time, size_t *content)
{
	int rc = pcre2_match(m->re, (PCRE2_SPTR)line, len, 0, 0, m->md, NULL);

	if (rc < 0)
		return 0;
	*content = pcre2_get_ovector_pointer(m->md)[1];
	*speaker = group_text(m->re, m->md, line, "speaker");
	*time = group_text(m->re, m->md, line, "time");
	if (*speaker == NULL || *time == NULL) {
		free(*speaker);
		free(*time);
		*speaker = *time = NULL;
		return CDR_ENOMEM;
	}
	return 1;
}

static void headers_free(struct headers *h)
{
	for (size_t i = 0; i < h->n; i++) {
		pcre2_match_data_free(h->md[i]);
		cdr_pattern_put(h->re[i]);
	}
	free(h->md);
	free(h->re);
	h->re = NULL;
	h->md = NULL;
	h->n = 0;
}

static int headers_compile(struct headers *h, const char *const *patterns, size_t n, const char *name)
{
	h->n = 0;
	if ((h->re = cdr_calloc(n, sizeof(*h->re))) == NULL || (h->md = cdr_calloc(n, sizeof(*h->md))) == NULL) {
		headers_free(h);
		return CDR_ENOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		int errcode;
		PCRE2_SIZE erroff;
		pcre2_code *re = cdr_pattern_get(patterns[i], PCRE2_UTF | PCRE2_UCP | PCRE2_ANCHORED | PCRE2_MATCH_INVALID_UTF,
						 &errcode, &erroff);
		if (re == NULL) {
			PCRE2_UCHAR msg[256];
			pcre2_get_error_message(errcode, msg, sizeof(msg));
			headers_free(h);
			return cdr_error_set(CDR_EUSAGE, "%s: header line pattern '%s': %s at offset %zu", name,
					     patterns[i], (char *)msg, (size_t)erroff);
		}
		h->re[h->n] = re;
		if ((h->md[h->n++] = pcre2_match_data_create_from_pattern(re, NULL)) == NULL) {
			headers_free(h);
			return CDR_ENOMEM;
		}
	}
	return 0;
}

/* Does a header pattern match at the start of this line? */
static int is_header(const struct headers *h, const char *line, size_t len)
{
	for (size_t i = 0; h && i < h->n; i++)
		if (pcre2_match(h->re[i], (PCRE2_SPTR)line, len, 0, 0, h->md[i], NULL) >= 0)
			return 1;
	return 0;
}

/* The labelled lines of [a, b), and the header lines among them. */
static int find_turn_starts(struct turn_start **out, size_t *nout, cdr_speaker_matcher *m,
			    const struct headers *h, const char *text, size_t a, size_t b)
{
	struct turn_start *starts = NULL;
	size_t n = 0, cap = 0, pos = a;
	int rc = 0;

	while (pos < b) {
		const char *nl = memchr(text + pos, '\n', b - pos);
		size_t end = nl ? (size_t)(nl - text) : b, content;
		char *speaker, *time;

		if (is_header(h, text + pos, end - pos)) {
			if ((rc = cdr_grow((void **)&starts, &cap, n + 1, sizeof(*starts))) < 0)
				break;
			starts[n].line = pos;
			starts[n].content = end;
			starts[n].speaker = starts[n].time = NULL;
			n++;
			pos = end + 1;
			continue;
		}
		rc = cdr_speaker_matcher_match(m, text + pos, end - pos, &speaker, &time, &content);
		if (rc < 0)
			break;
		if (rc == 1) {
			if ((rc = cdr_grow((void **)&starts, &cap, n + 1, sizeof(*starts))) < 0) {
				free(speaker);
				free(time);
				break;
			}
			starts[n].line = pos;
			starts[n].content = pos + content;
			starts[n].speaker = speaker;
			starts[n].time = time;
			n++;
		}
		rc = 0;
		pos = end + 1;
	}
	*out = starts;
	*nout = n;
	return rc;
}

static void free_starts(struct turn_start *starts, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(starts[i].speaker);
		free(starts[i].time);
	}
	free(starts);
}

/* Turns by their labels in [a, b); text before the first label is in no
 * turn. Without any label, *found is 0 and nothing is recorded. */
static int labelled_turns(struct builder *bd, cdr_speaker_matcher *m, size_t a, size_t b, size_t *found)
{
	struct turn_start *starts = NULL;
	size_t nstarts = 0;
	int rc;

	if ((rc = find_turn_starts(&starts, &nstarts, m, NULL, bd->doc->text, a, b)) < 0 || nstarts == 0)
		goto done;
	/* A preamble before the first label: paragraphs without a turn. */
	if (starts[0].line > a && (rc = each_block(bd, a, starts[0].line, add_outside_region, NULL)) < 0)
		goto done;
	for (size_t i = 0; i < nstarts && rc == 0; i++) {
		size_t end = i + 1 < nstarts ? starts[i + 1].line : b;
		rc = add_turn(bd, starts[i].content, end, starts[i].speaker, starts[i].time);
	}
done:
	free_starts(starts, nstarts);
	*found = nstarts;
	return rc;
}

/* Turns as labelled_turns finds them, with header lines taken out: each
 * header line cuts the text into stretches, and each stretch is read as
 * a whole text would be (a preamble before its first label is in no
 * turn). Without any label in the text, every paragraph is an unnamed
 * turn, as without header lines. */
static int headed_turns(struct builder *bd, cdr_speaker_matcher *m, const struct headers *h, size_t b)
{
	const char *t = bd->doc->text;
	struct turn_start *starts = NULL;
	size_t nstarts = 0, nlabels = 0, pos = 0, i = 0;
	int rc;

	if ((rc = find_turn_starts(&starts, &nstarts, m, h, t, 0, b)) < 0)
		goto done;
	for (size_t k = 0; k < nstarts; k++)
		nlabels += starts[k].speaker != NULL;
	for (;;) {
		size_t j = i, seg_end;
		while (j < nstarts && starts[j].speaker != NULL)
			j++;
		seg_end = j < nstarts ? starts[j].line : b;
		if (nlabels == 0)
			rc = each_block(bd, pos, seg_end, add_unnamed_turn, NULL);
		else if (i == j)
			rc = each_block(bd, pos, seg_end, add_outside_region, NULL);
		else if (starts[i].line > pos)
			rc = each_block(bd, pos, starts[i].line, add_outside_region, NULL);
		for (size_t k = i; k < j && rc == 0 && nlabels; k++)
			rc = add_turn(bd, starts[k].content, k + 1 < j ? starts[k + 1].line : seg_end,
				      starts[k].speaker, starts[k].time);
		if (rc < 0 || j == nstarts)
			break;
		{
			size_t ha = trim_start(t, starts[j].line, starts[j].content);
			size_t hb = trim_end(t, ha, starts[j].content);
			cdr_span s;
			if (hb > ha) {
				s.start = cdr_cp_cursor_at(&bd->cursor, ha);
				s.end = cdr_cp_cursor_at(&bd->cursor, hb);
				if ((rc = cdr_document_add_header(bd->doc, s)) < 0)
					break;
			}
		}
		pos = starts[j].content < b ? starts[j].content + 1 : b;
		i = j + 1;
	}
done:
	free_starts(starts, nstarts);
	return rc;
}

int cdr_structure_build(cdr_document *doc, cdr_raw *raw, const cdr_ingest_options *opts,
			const char *name)
{
	struct builder bd = { 0 };
	cdr_speaker_matcher *m = NULL;
	size_t found, pos = 0, i;
	int rc;

	cdr_document_set_text(doc, raw->text, raw->len);
	raw->text = NULL;
	bd.u16 = raw->u16;
	for (size_t k = 0; k < doc->len && !bd.astral; k++)
		bd.astral = (unsigned char)doc->text[k] >= 0xF0;
	if ((rc = cdr_segmenter_new(&bd.seg, opts && opts->locale ? opts->locale : "nl")) < 0)
		return rc;
	bd.doc = doc;
	cdr_cp_cursor_init(&bd.cursor, doc->text, doc->len);

	if (raw->turns && !raw->mixed) {
		for (i = 0; i < raw->nturns && rc == 0; i++)
			rc = add_turn(&bd, raw->turns[i].start, raw->turns[i].end,
				      raw->turns[i].speaker, raw->turns[i].time);
		goto done;
	}
	if (raw->mixed) {
		/* the reader's turns; the text around them (a title, a note) is
		 * in no turn and not searched for labels, which there are
		 * mostly header lines ("Transcriptie: ...") */
		for (i = 0; i <= raw->nturns && rc == 0; i++) {
			size_t gap_end = i < raw->nturns ? raw->turns[i].from : doc->len;
			if (gap_end > pos)
				rc = each_block(&bd, pos, gap_end, add_outside_region, NULL);
			if (rc == 0 && i < raw->nturns) {
				rc = add_turn(&bd, raw->turns[i].start, raw->turns[i].end,
					      raw->turns[i].speaker, raw->turns[i].time);
				pos = raw->turns[i].end;
			}
		}
		goto done;
	}
	if ((rc = cdr_speaker_matcher_new(&m, opts ? opts->speaker_regex : NULL, name)) < 0)
		goto done;
	if (opts && opts->nheader_lines) {
		struct headers h = { 0 };
		if ((rc = headers_compile(&h, opts->header_lines, opts->nheader_lines, name)) == 0)
			rc = headed_turns(&bd, m, &h, doc->len);
		headers_free(&h);
		goto done;
	}
	/* No labels: every paragraph is an unnamed turn. */
	if ((rc = labelled_turns(&bd, m, 0, doc->len, &found)) == 0 && found == 0)
		rc = each_block(&bd, 0, doc->len, add_unnamed_turn, NULL);
done:
	doc->words_outside = bd.outside;
	cdr_speaker_matcher_free(m);
	free(bd.pending);
	cdr_segmenter_free(bd.seg);
	return rc;
}
