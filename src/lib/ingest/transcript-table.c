/* transcript-table.c -- read a table of a .docx or .odt as a transcript when it is
 * laid out as one: a column of speakers, a column of what they said, and
 * optionally one or two columns of times (start, end) in any place. This
 * is what f4/f5 and transcription services export; without it every cell
 * would be a loose paragraph and the speakers would be lost.
 *
 * A table is a transcript when, apart from its header, it has at least
 * two rows, at most CDR_TTABLE_MAX_COLUMNS columns, and besides columns
 * that hold only times exactly one or two columns with text: the one with
 * the most words is the text, the other the speakers. Speaker cells are
 * short (one line, at most 6 words and 80 bytes), the text has at least
 * twice the words of the speakers, and unless there is a time column a few
 * speakers take turns (at most half as many names as rows, or two). A
 * table of names and functions, a questionnaire with long questions, or a
 * layout table therefore stays as it was: loose paragraphs.
 *
 * The first row is a header when the file marks it as one, when every cell
 * in it is a column name ("Tijd", "Spreker", "Tekst", "Speaker", ...), or
 * when it is the only non-time cell of a time column. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "codeer/error.h"
#include "codeer/text.h"
#include "ingest/transcript-table.h"
#include "util/alloc.h"

int cdr_ttable_add_row(cdr_ttable *t)
{
	if (cdr_grow((void **)&t->rows, &t->cap, t->nrows + 1, sizeof(*t->rows)) < 0)
		return CDR_ENOMEM;
	memset(&t->rows[t->nrows++], 0, sizeof(*t->rows));
	return 0;
}

/* Trims `text` in place: the readers end every paragraph with a blank line. */
int cdr_ttable_add_cell(cdr_ttable *t, char *text)
{
	cdr_ttable_row *r;
	size_t a = 0, n;

	if (t->nrows == 0 && cdr_ttable_add_row(t) < 0) {
		free(text);
		return CDR_ENOMEM;
	}
	r = &t->rows[t->nrows - 1];
	if (text == NULL && (text = cdr_strdup("")) == NULL)
		return CDR_ENOMEM;
	if (cdr_grow((void **)&r->cells, &r->cap, r->ncells + 1, sizeof(*r->cells)) < 0) {
		free(text);
		return CDR_ENOMEM;
	}
	n = strlen(text);
	while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\t' || text[n - 1] == '\n'))
		n--;
	while (a < n && (text[a] == ' ' || text[a] == '\t' || text[a] == '\n'))
		a++;
	memmove(text, text + a, n - a);
	text[n - a] = '\0';
	t->chars += n - a;
	r->cells[r->ncells++] = text;
	return 0;
}

void cdr_ttable_free(cdr_ttable *t)
{
	for (size_t i = 0; i < t->nrows; i++) {
		for (size_t j = 0; j < t->rows[i].ncells; j++)
			free(t->rows[i].cells[j]);
		free(t->rows[i].cells);
	}
	free(t->rows);
	memset(t, 0, sizeof(*t));
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

size_t cdr_clock_len(const char *s, size_t n, int f4)
{
	size_t i = 0, d;

	for (d = 0; i < n && d < 2 && is_digit(s[i]); i++, d++)
		;
	if (d == 0 || i >= n || s[i] != ':')
		return 0;
	for (i++, d = 0; i < n && d < 2 && is_digit(s[i]); i++, d++)
		;
	if (d != 2)
		return 0;
	if (i + 2 < n && s[i] == ':' && is_digit(s[i + 1]) && is_digit(s[i + 2]))
		i += 3;
	if (i + 1 < n && (s[i] == '.' || s[i] == ',' || (f4 && s[i] == '-')) && is_digit(s[i + 1]))
		for (i++, d = 0; i < n && d < 3 && is_digit(s[i]); i++, d++)
			;
	return i < n && is_digit(s[i]) ? 0 : i;
}

/* One time in a cell, bare or as [..], (..) or #..#: its length, with
 * where the clock is. */
static size_t one_time(const char *s, size_t n, size_t *clock, size_t *clock_len)
{
	char close = n == 0 ? 0 : s[0] == '[' ? ']' : s[0] == '(' ? ')' : s[0] == '#' ? '#' : 0;
	size_t open = close ? 1 : 0, k = cdr_clock_len(s + open, n - open, 1);

	if (k == 0)
		return 0;
	if (close && (open + k >= n || s[open + k] != close))
		return 0;
	*clock = open;
	*clock_len = k;
	return open + k + (close ? 1 : 0);
}

/* A cell that holds a time or a range of times ("00:00:05 - 00:00:09",
 * "[00:05] --> [00:09]"): 1, with the first clock in *clock. */
static int time_cell(const char *s, size_t *clock, size_t *clock_len)
{
	size_t n = strlen(s), k = one_time(s, n, clock, clock_len), c2, l2;

	if (k == 0)
		return 0;
	if (k == n)
		return 1;
	while (k < n && (s[k] == ' ' || s[k] == '\t' || s[k] == '-' || s[k] == '>' || s[k] == '/' ||
			 strncmp(s + k, "–", strlen("–")) == 0))
		k += strncmp(s + k, "–", strlen("–")) == 0 ? strlen("–") : 1;
	return one_time(s + k, n - k, &c2, &l2) == n - k;
}

static int is_time(const char *s)
{
	size_t c, l;
	return time_cell(s, &c, &l);
}

static size_t count_words(const char *s)
{
	size_t n = 0;
	int in = 0;

	for (; *s; s++) {
		int space = *s == ' ' || *s == '\t' || *s == '\n';
		n += !space && !in;
		in = !space;
	}
	return n;
}

/* A column name, compared by its first word without case. */
static int header_word(const char *s)
{
	static const char *const names[] = {
		"tijd", "time", "tijdcode", "timecode", "tijdstip", "timestamp", "start", "begin", "eind", "end",
		"spreker", "speaker", "naam", "name", "wie", "persoon", "person", "tekst", "text", "transcript",
		"transcriptie", "uitspraak", "inhoud", "content", "utterance",
	};
	size_t n = strcspn(s, " \t\n:");

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (n == strlen(names[i]) && strncasecmp(s, names[i], n) == 0)
			return 1;
	return 0;
}

static const char *cell(const cdr_ttable *t, size_t r, size_t c)
{
	return c < t->rows[r].ncells ? t->rows[r].cells[c] : "";
}

struct column {
	size_t nonempty, times, words, longest_words, longest_bytes, lines;
	const char *first_other; /* the first non-time cell, for the header test */
};

static void measure(const cdr_ttable *t, size_t first, size_t ncols, struct column *col)
{
	memset(col, 0, ncols * sizeof(*col));
	for (size_t r = first; r < t->nrows; r++) {
		for (size_t c = 0; c < ncols; c++) {
			const char *s = cell(t, r, c);
			size_t w = count_words(s), len = strlen(s);
			if (*s == '\0')
				continue;
			col[c].nonempty++;
			if (is_time(s))
				col[c].times++;
			else if (col[c].first_other == NULL)
				col[c].first_other = s;
			col[c].words += w;
			if (w > col[c].longest_words)
				col[c].longest_words = w;
			if (len > col[c].longest_bytes)
				col[c].longest_bytes = len;
			col[c].lines += strchr(s, '\n') != NULL;
		}
	}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* How many different speakers [first, nrows) names. */
static int distinct_speakers(const cdr_ttable *t, size_t first, size_t c, size_t *out)
{
	const char **v = cdr_malloc((t->nrows - first) * sizeof(*v));
	size_t n = 0, d = 0;

	if (v == NULL)
		return CDR_ENOMEM;
	for (size_t r = first; r < t->nrows; r++)
		if (*cell(t, r, c))
			v[n++] = cell(t, r, c);
	qsort(v, n, sizeof(*v), cmp_str);
	for (size_t i = 0; i < n; i++)
		d += i == 0 || strcmp(v[i], v[i - 1]) != 0;
	free(v);
	*out = d;
	return 0;
}

struct layout {
	size_t first;      /* the first row after the header */
	long time, speaker, text; /* columns; -1: none */
};

/* 1 when `t` is a transcript, with its columns; 0 when not; <0 on error. */
static int find_layout(const cdr_ttable *t, struct layout *lay)
{
	struct column col[CDR_TTABLE_MAX_COLUMNS];
	size_t ncols = 0, other[CDR_TTABLE_MAX_COLUMNS], nother = 0, first, c;
	int rc;

	for (size_t r = 0; r < t->nrows; r++)
		if (t->rows[r].ncells > ncols)
			ncols = t->rows[r].ncells;
	if (ncols < 2 || ncols > CDR_TTABLE_MAX_COLUMNS)
		return 0;
	first = t->header_rows < t->nrows ? t->header_rows : t->nrows;
	if (first == 0 && t->nrows > 0) {
		int names = 0, others = 0;
		for (c = 0; c < ncols; c++) {
			const char *s = cell(t, 0, c);
			names += *s && header_word(s);
			others += *s && !header_word(s);
		}
		if (names > 0 && others == 0)
			first = 1;
	}
	measure(t, first, ncols, col);
	/* a time column whose only other cell is its first: a header */
	for (c = 0; c < ncols && first == 0; c++)
		if (col[c].times > 0 && col[c].times + 1 == col[c].nonempty && col[c].first_other == cell(t, 0, c)) {
			first = 1;
			measure(t, first, ncols, col);
		}
	if (t->nrows < first + 2)
		return 0;
	lay->first = first;
	lay->time = lay->speaker = lay->text = -1;
	for (c = 0; c < ncols; c++) {
		if (col[c].nonempty > 0 && col[c].times == col[c].nonempty) {
			if (lay->time < 0)
				lay->time = (long)c;
		} else if (col[c].nonempty > 0) {
			if (nother == 2)
				return 0;
			other[nother++] = c;
		}
	}
	if (nother == 0)
		return 0;
	lay->text = (long)other[0];
	if (nother == 2) {
		size_t a = other[0], b = other[1];
		lay->text = (long)(col[b].words >= col[a].words ? b : a);
		lay->speaker = (long)(col[b].words >= col[a].words ? a : b);
	}
	if (lay->speaker < 0)
		return lay->time >= 0;
	c = (size_t)lay->speaker;
	if (col[c].lines > 0 || col[c].longest_words > 6 || col[c].longest_bytes > 80 ||
	    col[(size_t)lay->text].words < 2 * col[c].words)
		return 0;
	if (lay->time < 0) {
		size_t d, rows = t->nrows - first;
		if ((rc = distinct_speakers(t, first, c, &d)) < 0)
			return rc;
		if (d > 2 && d > rows / 2)
			return 0;
	}
	return 1;
}

/* `s` with every run of white space as one space, in NFC. */
static int collapse(char **out, const char *s)
{
	cdr_buf b = CDR_BUF_INIT;
	size_t len;
	int rc = 0;

	for (; *s && rc == 0; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n') {
			if (b.len > 0 && b.data[b.len - 1] != ' ')
				rc = cdr_buf_putc(&b, ' ');
		} else {
			rc = cdr_buf_putc(&b, *s);
		}
	}
	if (rc == 0 && b.len > 0 && b.data[b.len - 1] == ' ')
		b.len--;
	if (rc == 0)
		rc = cdr_text_normalize(out, &len, b.data ? b.data : "", b.len);
	cdr_buf_free(&b);
	return rc;
}

int cdr_ttable_write(cdr_raw *raw, cdr_buf *b, const cdr_ttable *t)
{
	struct layout lay;
	size_t r, c, before = raw->nturns;
	int rc, any = 0;

	if ((rc = find_layout(t, &lay)) <= 0)
		return rc;
	if ((rc = cdr_raw_end_paragraph(b)) < 0)
		return rc;
	/* the header stays as text outside the turns, one row a line */
	for (r = 0; r < lay.first; r++) {
		int written = 0;
		for (c = 0; c < t->rows[r].ncells && rc == 0; c++) {
			if (*cell(t, r, c) == '\0')
				continue;
			if (written++ > 0)
				rc = cdr_buf_putc(b, '\t');
			if (rc == 0)
				rc = cdr_buf_puts(b, cell(t, r, c));
		}
		if (rc == 0)
			rc = cdr_raw_end_paragraph(b);
	}
	for (r = lay.first; r < t->nrows && rc == 0; r++) {
		const char *text = cell(t, r, (size_t)lay.text);
		const char *who = lay.speaker >= 0 ? cell(t, r, (size_t)lay.speaker) : "";
		const char *when = lay.time >= 0 ? cell(t, r, (size_t)lay.time) : "";
		cdr_preset_turn *p;
		size_t clock = 0, clock_len = 0;

		if (*text == '\0')
			continue; /* a row without words has nothing to code */
		if (*who == '\0' && lay.speaker >= 0 && any) {
			/* no speaker: the one before goes on, in a new paragraph */
			if ((rc = cdr_buf_puts(b, text)) == 0) {
				raw->turns[raw->nturns - 1].end = b->len;
				rc = cdr_raw_end_paragraph(b);
			}
			continue;
		}
		if ((rc = cdr_grow((void **)&raw->turns, &raw->turns_cap, raw->nturns + 1, sizeof(*raw->turns))) < 0)
			break;
		p = &raw->turns[raw->nturns];
		memset(p, 0, sizeof(*p));
		if (*when)
			time_cell(when, &clock, &clock_len);
		if ((p->time = cdr_strndup(when + clock, clock_len)) == NULL) {
			rc = CDR_ENOMEM;
			break;
		}
		if ((rc = collapse(&p->speaker, who)) < 0) {
			free(p->time);
			break;
		}
		raw->nturns++;
		p->from = b->len;
		if (*when) {
			char *w;
			if ((rc = collapse(&w, when)) == 0) {
				if ((rc = cdr_buf_puts(b, w)) == 0)
					rc = cdr_buf_putc(b, ' ');
				free(w);
			}
		}
		if (rc == 0 && *p->speaker && (rc = cdr_buf_puts(b, p->speaker)) == 0)
			rc = cdr_buf_puts(b, ": ");
		p->start = b->len;
		if (rc == 0)
			rc = cdr_buf_puts(b, text);
		p->end = b->len;
		if (rc == 0)
			rc = cdr_raw_end_paragraph(b);
		any = 1;
	}
	if (rc < 0)
		return rc;
	raw->mixed |= raw->nturns > before;
	return 1;
}
