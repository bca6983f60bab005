/* ingest-subtitle.c -- the .srt and WebVTT reader.
 *
 * Each cue's text is cleaned of markup (<i>, <c.x>, inline timestamps,
 * entities) and its speaker taken from a WebVTT voice tag (<v Anna>) or a
 * "Name:" label. Consecutive cues of one speaker form one turn, whose time
 * is the start of its first cue; a cue without a speaker continues the
 * turn before it. When no cue names a speaker, every cue is its own turn.
 * The document text is written as "Speaker: text" paragraphs, so that it
 * reads like any other transcript.
 *
 * The file is normalised (NFC) before it is parsed, but taking out a tag
 * or an entity joins what was around it ("Cafe<i>" + a combining accent):
 * a cue that lost markup is normalised again. Everything else is joined
 * with a space, which composes with nothing. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "codeer/error.h"
#include "codeer/text.h"
#include "ingest/document-internal.h"
#include "util/alloc.h"
#include "util/buf.h"
#include "util/tsv.h"

struct cue {
	char *speaker;
	char *time;
	char *text;
};

struct cues {
	struct cue *v;
	size_t n, cap;
};

static void cues_free(struct cues *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].speaker);
		free(c->v[i].time);
		free(c->v[i].text);
	}
	free(c->v);
}

/* "00:01:02,500" / "01:02.500" / "00:01:02.500": returns 1 when valid. */
static int valid_timestamp(const char *s, size_t n)
{
	size_t i = 0, groups = 0;

	for (;;) {
		size_t d = 0;
		while (i < n && isdigit((unsigned char)s[i]))
			i++, d++;
		if (d < 2 && !(groups == 0 && d >= 1))
			return 0;
		groups++;
		if (i < n && s[i] == ':') {
			i++;
			continue;
		}
		break;
	}
	if (groups < 2 || groups > 3 || i >= n || (s[i] != ',' && s[i] != '.'))
		return 0;
	i++;
	for (size_t d = 0; d < 3; d++, i++)
		if (i >= n || !isdigit((unsigned char)s[i]))
			return 0;
	return i == n;
}

static int parse_timing(const char *line, char **start)
{
	const char *arrow = strstr(line, "-->");
	const char *a = line, *b, *c;

	if (arrow == NULL)
		return 0;
	while (*a == ' ' || *a == '\t')
		a++;
	b = arrow;
	while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
		b--;
	if (!valid_timestamp(a, (size_t)(b - a)))
		return -1;
	c = arrow + 3;
	while (*c == ' ' || *c == '\t')
		c++;
	{
		const char *d = c;
		while (*d && *d != ' ' && *d != '\t')
			d++;
		if (!valid_timestamp(c, (size_t)(d - c)))
			return -1;
	}
	*start = cdr_strndup(a, (size_t)(b - a));
	return *start ? 1 : CDR_ENOMEM;
}

/* Strip tags and entities from cue text; the first <v Name> becomes *voice.
 * *joined is set when something was taken out (or replaced) between two
 * characters, which may then need composing. */
static int clean_cue(cdr_buf *out, const char *s, char **voice, int *joined)
{
	static const struct { const char *name, *text; } entities[] = {
		{ "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&nbsp;", " " },
		{ "&lrm;", "" }, { "&rlm;", "" }, { "&quot;", "\"" }, { "&apos;", "'" },
	};
	int rc = 0;

	while (*s && rc == 0) {
		if (*s == '<') {
			const char *end = strchr(s, '>');
			if (end == NULL) {
				rc = cdr_buf_puts(out, s);
				break;
			}
			if (s[1] == 'v' && (s[2] == ' ' || s[2] == '.') && *voice == NULL) {
				const char *n = s + 2;
				while (n < end && *n != ' ')
					n++; /* skip classes: <v.loud Anna> */
				while (n < end && *n == ' ')
					n++;
				if ((*voice = cdr_strndup(n, (size_t)(end - n))) == NULL)
					return CDR_ENOMEM;
			}
			s = end + 1;
			*joined = 1;
			continue;
		}
		if (*s == '&') {
			size_t k;
			for (k = 0; k < sizeof(entities) / sizeof(entities[0]); k++) {
				size_t len = strlen(entities[k].name);
				if (strncmp(s, entities[k].name, len) == 0) {
					rc = cdr_buf_puts(out, entities[k].text);
					s += len;
					*joined = 1;
					break;
				}
			}
			if (k < sizeof(entities) / sizeof(entities[0]))
				continue;
		}
		rc = cdr_buf_putc(out, *s++);
	}
	return rc;
}

/* NFC again after markup came out (see the top of the file). */
static int renormalize(cdr_buf *clean, const char *name, size_t line)
{
	char *norm;
	size_t len;
	int rc;

	if (clean->len == 0)
		return 0;
	if ((rc = cdr_text_normalize(&norm, &len, clean->data, clean->len)) < 0) {
		if (rc == CDR_ENOMEM)
			return rc;
		return cdr_error_set(rc, "%s:%zu: %s", name, line, cdr_error_last());
	}
	free(clean->data);
	clean->data = norm;
	clean->len = len;
	clean->cap = len + 1;
	return 0;
}

static int parse_cues(struct cues *cues, char *text, size_t len, const char *name, int webvtt,
		      cdr_speaker_matcher *m)
{
	size_t pos = 0, lineno = 0;
	char *line;
	int rc = 0;

	if (webvtt) {
		if (!cdr_next_line(text, len, &pos, &line) || strncmp(line, "WEBVTT", 6) != 0 ||
		    (line[6] != '\0' && line[6] != ' ' && line[6] != '\t'))
			return cdr_error_set(CDR_EFORMAT, "%s:1: not a WebVTT file (the first line must be WEBVTT)", name);
		lineno = 1;
		/* header lines run to the first blank line */
		while (cdr_next_line(text, len, &pos, &line)) {
			lineno++;
			if (*line == '\0')
				break;
		}
	}
	while (rc == 0) {
		char *block[3] = { NULL, NULL, NULL };
		size_t first_line, nb = 0;
		char *start = NULL, *voice = NULL;
		cdr_buf body = CDR_BUF_INIT, clean = CDR_BUF_INIT;
		int t, joined = 0;

		/* skip blank lines; stop at the end */
		do {
			if (!cdr_next_line(text, len, &pos, &line))
				return 0;
			lineno++;
		} while (*line == '\0');
		first_line = lineno;
		block[nb++] = line;
		if (webvtt && (strncmp(line, "NOTE", 4) == 0 || strncmp(line, "STYLE", 5) == 0 ||
			       strncmp(line, "REGION", 6) == 0)) {
			while (cdr_next_line(text, len, &pos, &line) && (lineno++, *line != '\0'))
				;
			continue;
		}
		t = parse_timing(block[0], &start);
		if (t == 0) {
			/* an index (srt) or cue identifier (vtt) line comes first */
			if (!cdr_next_line(text, len, &pos, &line))
				return cdr_error_set(CDR_EFORMAT, "%s:%zu: cue without a timing line", name, first_line);
			lineno++;
			block[nb++] = line;
			t = parse_timing(line, &start);
		}
		if (t == CDR_ENOMEM)
			return t;
		if (t <= 0)
			return cdr_error_set(CDR_EFORMAT,
					     "%s:%zu: expected a cue timing such as 00:00:01%c000 --> 00:00:04%c000",
					     name, lineno, webvtt ? '.' : ',', webvtt ? '.' : ',');
		while (rc == 0 && cdr_next_line(text, len, &pos, &line)) {
			lineno++;
			if (*line == '\0')
				break;
			if (body.len)
				rc = cdr_buf_putc(&body, ' ');
			if (rc == 0)
				rc = cdr_buf_puts(&body, line);
		}
		if (rc == 0)
			rc = clean_cue(&clean, body.data ? body.data : "", &voice, &joined);
		cdr_buf_free(&body);
		if (rc == 0 && joined)
			rc = renormalize(&clean, name, first_line);
		if (rc == 0 && clean.len > 0) {
			char *speaker = voice, *label_time = NULL, *txt;
			size_t content = 0;
			if (speaker == NULL) {
				int r = cdr_speaker_matcher_match(m, clean.data, clean.len, &speaker, &label_time, &content);
				if (r < 0)
					rc = r;
				else if (r == 0)
					speaker = NULL;
			}
			free(label_time);
			if (rc == 0 && (rc = cdr_grow((void **)&cues->v, &cues->cap, cues->n + 1, sizeof(struct cue))) == 0) {
				txt = cdr_strdup(clean.data + content);
				cues->v[cues->n].speaker = speaker;
				cues->v[cues->n].time = start;
				cues->v[cues->n].text = txt;
				cues->n++;
				start = NULL;
				voice = NULL;
				if (txt == NULL)
					rc = CDR_ENOMEM;
			} else {
				free(speaker);
				voice = NULL;
			}
		}
		free(voice);
		free(start);
		cdr_buf_free(&clean);
	}
	return rc;
}

static int add_turn(cdr_raw *raw, cdr_buf *out, const struct cue *first, const char *speaker, cdr_buf *content)
{
	cdr_preset_turn *t;
	int rc;

	if ((rc = cdr_grow((void **)&raw->turns, &raw->turns_cap, raw->nturns + 1, sizeof(*t))) < 0)
		return rc;
	if (*speaker && ((rc = cdr_buf_puts(out, speaker)) < 0 || (rc = cdr_buf_puts(out, ": ")) < 0))
		return rc;
	t = &raw->turns[raw->nturns];
	t->start = out->len;
	if ((rc = cdr_buf_put(out, content->data, content->len)) < 0)
		return rc;
	t->end = out->len;
	if ((rc = cdr_buf_puts(out, "\n\n")) < 0)
		return rc;
	t->speaker = cdr_strdup(speaker);
	t->time = cdr_strdup(first->time);
	raw->nturns++;
	return t->speaker && t->time ? 0 : CDR_ENOMEM;
}

int cdr_read_subtitles(cdr_raw *raw, const char *bytes, size_t n, const char *name,
		       const cdr_ingest_options *opts, int webvtt)
{
	struct cues cues = { 0 };
	cdr_speaker_matcher *m = NULL;
	cdr_buf out = CDR_BUF_INIT, content = CDR_BUF_INIT;
	char *text = NULL;
	size_t len, i, first = 0;
	int rc, named = 0;
	const char *speaker = "";

	if ((rc = cdr_text_decode(&text, &len, &raw->encoding, bytes, n, opts ? opts->encoding : NULL, name)) < 0)
		return rc;
	if ((rc = cdr_speaker_matcher_new(&m, opts ? opts->speaker_regex : NULL, name)) < 0)
		goto done;
	if ((rc = parse_cues(&cues, text, len, name, webvtt, m)) < 0)
		goto done;
	for (i = 0; i < cues.n; i++)
		named |= cues.v[i].speaker != NULL;
	/* the turns array must exist even when empty: it tells structure.c not to search */
	if ((rc = cdr_grow((void **)&raw->turns, &raw->turns_cap, 1, sizeof(cdr_preset_turn))) < 0)
		goto done;
	for (i = 0; i < cues.n && rc == 0; i++) {
		const char *sp = cues.v[i].speaker;
		int new_turn = !named || i == 0 || (sp != NULL && strcmp(sp, speaker) != 0);
		if (new_turn && i > 0) {
			rc = add_turn(raw, &out, &cues.v[first], speaker, &content);
			content.len = 0;
			first = i;
		}
		if (sp != NULL || !named)
			speaker = sp ? sp : "";
		if (rc == 0 && content.len > 0)
			rc = cdr_buf_putc(&content, ' ');
		if (rc == 0)
			rc = cdr_buf_puts(&content, cues.v[i].text);
	}
	if (rc == 0 && cues.n > 0)
		rc = add_turn(raw, &out, &cues.v[first], speaker, &content);
	if (rc == 0) {
		raw->text = cdr_buf_detach(&out, &raw->len);
		rc = raw->text ? 0 : CDR_ENOMEM;
	}
done:
	cdr_speaker_matcher_free(m);
	cues_free(&cues);
	cdr_buf_free(&out);
	cdr_buf_free(&content);
	free(text);
	return rc;
}
