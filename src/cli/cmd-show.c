/* cmd-show.c -- print a document, or one turn, sentence or range of it;
 * or the whole transcript numbered, to code from on paper or in a pager. */
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli/cli.h"

static int show_exec(struct cli_ctx *ctx, const struct cli_args *a);

const struct cdr_cmd cmd_show = {
	.name = "show",
	.summary = "print a document, a turn, a sentence or a range of characters",
	.args = "DOC [REF]",
	.min_args = 1,
	.max_args = 2,
	.opts = (const struct cli_opt[]){
		{ "turns", 0, CLI_OPT_FLAG, NULL, "list the turns: number, speaker, time, span, words, text", NULL, 0 },
		{ "sentences", 0, CLI_OPT_FLAG, NULL, "list the sentences with their spans (with --numbered: number\n"
		  "the sentences in each turn)", NULL, 0 },
		{ "headers", 0, CLI_OPT_FLAG, NULL, "list the header lines (add --header-line) with their spans", NULL, 0 },
		{ "numbered", 0, CLI_OPT_FLAG, NULL, "the whole transcript for reading: every turn with its number,\n"
		  "speaker, time and text, wrapped", NULL, 0 },
		{ "coded", 0, CLI_OPT_FLAG, NULL, "with --numbered: the codes of each line in a right-hand margin", NULL, 0 },
		{ "coder", 0, CLI_OPT_STRING, "NAME", "with --coded: whose codings: NAME, A,B or all (default: the\n"
		  "project's default coder, else the only coder with codings)", NULL, 0 },
		{ "width", 0, CLI_OPT_INT, "N", "with --numbered: wrap to N columns, 40 to 1000 (default: the\n"
		  "terminal's width, else 80)", NULL, 0 },
		CLI_FORMAT_OPTION("table", "plain", "tsv", "csv", "json", "md", "html"),
		CLI_OUTPUT_OPTION,
		{ NULL },
	},
	.help = "REF is t12 (turn 12) or s40 (sentence 40), both counted from 1, c100-250\n"
		"(the characters, in code points, from offset 100 up to 250), or any other\n"
		"text: an exact phrase, which must occur once in the document.\n"
		"\nFor a part or the whole document, tsv, csv, md and html give one row and\n"
		"json one object (doc, ref, start, end, turn, speaker, time, text).\n"
		"Only the aligned table on a terminal shortens the text of the lists.\n"
		"\n--numbered prints the transcript as text to read and code from: each turn\n"
		"under a line with its number, speaker and time, wrapped at spaces; text\n"
		"outside every turn (a header, a preamble) is shown too, under \"(no turn)\".\n"
		"--coded adds the codes whose codings touch each line, without their scheme,\n"
		"in a margin on the right.\n",
	.examples = CLI_EXAMPLES("codeer show s003-participant-5 t4",
				 "codeer show s003-participant-5 \"werkt het niet\"",
				 "codeer show --turns --format csv s003-participant-5",
				 "codeer show --numbered --coded --coder anna s003-participant-5 | less"),
	.exit_status = "0 success; 2 an error, usage errors included (nothing is written to -o FILE then); "
		       "a reference that does not resolve is an error.",
	.exec = show_exec,
};

/* The turns or sentences as a table. Only the aligned table for a person
 * shortens the text; every other format carries all of it, since a
 * program reading TSV or JSON has no other way to get it. */
static int list_units(const cdr_document *doc, int turns, FILE *f, cdr_format fmt, int shorten)
{
	static const char *const turn_headers[] = { "turn", "speaker", "time", "start", "end", "words", "text" };
	static const char *const sent_headers[] = { "sentence", "turn", "start", "end", "text" };
	size_t n = turns ? cdr_document_turn_count(doc) : cdr_document_sentence_count(doc);
	cdr_table *t;
	int rc = 0;

	if (cdr_table_new(&t, turns ? 7 : 5, turns ? turn_headers : sent_headers) < 0)
		return cli_lib_error();
	for (size_t col = turns ? 3 : 2; col <= (turns ? 5u : 3u); col++)
		cdr_table_set_numeric(t, col);
	/* a turn without a speaker or a time, a sentence outside every turn:
	 * null in JSON, so that a program need not know that "" means none */
	for (size_t col = 1; col <= (turns ? 2u : 1u); col++)
		cdr_table_set_nullable(t, col);
	for (size_t i = 0; i < n && rc == 0; i++) {
		const cdr_span *span = turns ? &cdr_document_turn(doc, i)->span : cdr_document_sentence(doc, i);
		char num[32], start[32], end[32], words[32], tnum[32];
		char *text = cdr_document_slice(doc, *span);

		if (shorten && text) {
			char *preview = cdr_text_preview(text, strlen(text), 60);
			free(text);
			text = preview;
		}
		if (text == NULL) {
			rc = cdr_error_set(CDR_ENOMEM, "out of memory");
			break;
		}
		snprintf(num, sizeof(num), "%c%zu", turns ? 't' : 's', i + 1);
		snprintf(start, sizeof(start), "%zu", span->start);
		snprintf(end, sizeof(end), "%zu", span->end);
		if (turns) {
			const cdr_turn *tu = cdr_document_turn(doc, i);
			snprintf(words, sizeof(words), "%zu", tu->words);
			const char *row[] = { num, tu->speaker, tu->time, start, end, words, text };
			rc = cdr_table_add(t, row);
		} else {
			long ti = cdr_document_turn_at(doc, span->start);
			if (ti >= 0)
				snprintf(tnum, sizeof(tnum), "t%ld", ti + 1);
			else
				tnum[0] = '\0';
			const char *row[] = { num, tnum, start, end, text };
			rc = cdr_table_add(t, row);
		}
		free(text);
	}
	if (rc == 0)
		rc = cdr_table_write(t, f, fmt);
	cdr_table_free(t);
	return rc < 0 ? cli_lib_error() : EXIT_OK;
}

/* The header lines, apart from the turns they are no part of. */
static int list_headers(const cdr_document *doc, FILE *f, cdr_format fmt)
{
	static const char *const headers[] = { "header", "start", "end", "text" };
	cdr_table *t;
	int rc = 0;

	if (cdr_table_new(&t, 4, headers) < 0)
		return cli_lib_error();
	cdr_table_set_numeric(t, 1);
	cdr_table_set_numeric(t, 2);
	for (size_t i = 0; i < cdr_document_header_count(doc) && rc == 0; i++) {
		const cdr_span *span = cdr_document_header(doc, i);
		char num[32], start[32], end[32], *text = cdr_document_slice(doc, *span);
		if (text == NULL) {
			rc = cdr_error_set(CDR_ENOMEM, "out of memory");
			break;
		}
		snprintf(num, sizeof(num), "h%zu", i + 1);
		snprintf(start, sizeof(start), "%zu", span->start);
		snprintf(end, sizeof(end), "%zu", span->end);
		const char *row[] = { num, start, end, text };
		rc = cdr_table_add(t, row);
		free(text);
	}
	if (rc == 0)
		rc = cdr_table_write(t, f, fmt);
	cdr_table_free(t);
	return rc < 0 ? cli_lib_error() : EXIT_OK;
}

/* A part is one thing, so JSON gives the object itself, not the array of
 * rows the table writer makes: start and end are numbers, and a ref,
 * turn, speaker or time that is missing is null. */
static void part_json(FILE *f, const char *const *headers, const char *const *row)
{
	fputc('{', f);
	for (size_t c = 0; c < 8; c++) {
		fputs(c ? ", " : "", f);
		cdr_json_string(f, headers[c]);
		fputs(": ", f);
		if (c == 2 || c == 3)
			fputs(row[c], f);
		else if (c != 0 && c != 7 && *row[c] == '\0')
			fputs("null", f);
		else
			cdr_json_string(f, row[c]);
	}
	fputs("}\n", f);
}

/* One part of the document (or all of it, ref "") for a program: an
 * object in JSON, one row under a header in the other formats. */
static int show_part(FILE *f, cdr_format fmt, const char *id, const char *ref, cdr_span span, long ti,
		     const cdr_turn *tu, const char *text)
{
	static const char *const headers[] = { "doc", "ref", "start", "end", "turn", "speaker", "time", "text" };
	char start[32], end[32], tnum[32] = "";
	cdr_table *t;
	int rc;

	snprintf(start, sizeof(start), "%zu", span.start);
	snprintf(end, sizeof(end), "%zu", span.end);
	if (ti >= 0)
		snprintf(tnum, sizeof(tnum), "t%ld", ti + 1);
	const char *row[] = { id, ref, start, end, tnum, tu ? tu->speaker : "", tu ? tu->time : "", text };
	if (fmt == CDR_FORMAT_JSON) {
		part_json(f, headers, row);
		return EXIT_OK;
	}
	if (cdr_table_new(&t, 8, headers) < 0)
		return cli_lib_error();
	cdr_table_set_numeric(t, 2);
	cdr_table_set_numeric(t, 3);
	if ((rc = cdr_table_add(t, row)) == 0)
		rc = cdr_table_write(t, f, fmt);
	cdr_table_free(t);
	return rc < 0 ? cli_lib_error() : EXIT_OK;
}

/* 't', 's' or 'c' for a turn, sentence or range reference; 'p' for a phrase. */
static int ref_kind(const char *ref)
{
	const char *p = ref + 1;

	if (ref[0] != 't' && ref[0] != 's' && ref[0] != 'c')
		return 'p';
	if (!(*p >= '0' && *p <= '9'))
		return 'p';
	while (*p >= '0' && *p <= '9')
		p++;
	if (ref[0] == 'c' && *p == '-' && p[1] >= '0' && p[1] <= '9') {
		for (p++; *p >= '0' && *p <= '9'; p++)
			;
		return *p ? 'p' : 'c';
	}
	return *p || ref[0] == 'c' ? 'p' : ref[0];
}

/* The part for a person: a header line with where it is, then the text. */
static void print_part(FILE *f, const char *id, const char *ref, cdr_span span, long ti, const cdr_turn *tu,
		       const char *text)
{
	int kind = ref_kind(ref);

	fprintf(f, "# %s %s", id, ref);
	if (kind != 'c')
		fprintf(f, " c%zu-%zu", span.start, span.end);
	if (tu) {
		if (kind != 't')
			fprintf(f, " t%ld", ti + 1);
		if (*tu->speaker)
			fprintf(f, " %s", tu->speaker);
		if (*tu->time)
			fprintf(f, " [%s]", tu->time);
	}
	fprintf(f, "\n%s\n", text);
}


/* ---- --numbered: the transcript to read and code from -------------------- */

/* The codings --coded shows: code ids (without their scheme) over spans. */
struct margin_codes {
	cdr_span *spans;
	char **codes;
	size_t n;
};

static void margin_free(struct margin_codes *m)
{
	for (size_t i = 0; i < m->n; i++)
		free(m->codes[i]);
	free(m->codes);
	free(m->spans);
}

static int margin_load(struct margin_codes *m, cdr_project *p, const char *doc, char *const *coders, size_t ncoders)
{
	size_t cap = 0;

	memset(m, 0, sizeof(*m));
	for (size_t c = 0; c < ncoders; c++) {
		cdr_codings *k;
		if (cdr_codings_load(&k, p, coders[c], NULL, NULL) < 0)
			return cli_lib_error();
		for (size_t i = 0; i < cdr_codings_count(k); i++) {
			const cdr_coding *cd = cdr_codings_get(k, i);
			const char *slash = strrchr(cd->code, '/');
			if (strcmp(cd->doc, doc) != 0 || strcmp(cd->status, "rejected") == 0)
				continue;
			if (m->n == cap) {
				size_t ncap = cap ? 2 * cap : 16;
				cdr_span *sp = realloc(m->spans, ncap * sizeof(*sp));
				char **cs = sp ? realloc(m->codes, ncap * sizeof(*cs)) : NULL;
				if (sp)
					m->spans = sp;
				if (cs)
					m->codes = cs;
				if (sp == NULL || cs == NULL) {
					cdr_codings_free(k);
					return cli_error("out of memory");
				}
				cap = ncap;
			}
			if ((m->codes[m->n] = strdup(slash ? slash + 1 : cd->code)) == NULL) {
				cdr_codings_free(k);
				return cli_error("out of memory");
			}
			m->spans[m->n++] = (cdr_span){ cd->start, cd->end };
		}
		cdr_codings_free(k);
	}
	return EXIT_OK;
}

/* The codes touching [start, end), each once, in the order of the codings,
 * cut to `width` code points. */
static void margin_line(char *out, size_t size, const struct margin_codes *m, size_t start, size_t end, size_t width)
{
	size_t len = 0, cps = 0;

	out[0] = '\0';
	for (size_t i = 0; i < m->n; i++) {
		int seen = 0;
		if (!(m->spans[i].start < end && start < m->spans[i].end))
			continue;
		for (size_t j = 0; j < i && !seen; j++)
			seen = strcmp(m->codes[j], m->codes[i]) == 0 && m->spans[j].start < end && start < m->spans[j].end;
		if (seen)
			continue;
		len += (size_t)snprintf(out + len, len < size ? size - len : 0, "%s%s", len ? ", " : "", m->codes[i]);
		if (len >= size) {
			len = size - 1;
			break;
		}
	}
	/* cut to the margin: the rest would wrap and break the layout */
	for (size_t b = 0; b < len; b++)
		if ((out[b] & 0xC0) != 0x80 && ++cps > width) {
			snprintf(out + (b >= 3 ? b - 3 : 0), 4, "...");
			break;
		}
}

struct page {
	FILE *f;
	size_t text_width;   /* code points of text on a line */
	size_t indent;       /* spaces before the text */
	const struct margin_codes *margin; /* NULL without --coded */
	size_t margin_width;
};

/* Print `text` (which starts at code point `base` of the document),
 * wrapped at spaces to the page's width; a line break in the text starts
 * a new line; a word longer than the line is cut. `first` goes in the
 * indent of the first line. */
static void wrap(const struct page *pg, const char *text, size_t base, const char *first)
{
	const char *s = text;
	size_t cp = base;
	int line_no = 0;

	while (*s || line_no == 0) {
		const char *end = s, *brk = NULL;
		size_t n = 0, brk_cp = 0, line_start = cp;
		char margin[512];

		/* up to text_width code points, breaking after the last space */
		while (*end && *end != '\n' && n < pg->text_width) {
			if (*end == ' ') {
				brk = end;
				brk_cp = n;
			}
			do
				end++;
			while ((*end & 0xC0) == 0x80);
			n++;
		}
		if (*end && *end != '\n' && *end != ' ' && brk) {
			end = brk;
			n = brk_cp;
		}
		margin[0] = '\0';
		if (pg->margin)
			margin_line(margin, sizeof(margin), pg->margin, line_start, line_start + n + 1, pg->margin_width);
		/* no white space at the end of a line: an empty line is empty */
		if (end > s || *first || *margin)
			fprintf(pg->f, "%-*s", (int)pg->indent, line_no == 0 ? first : "");
		fwrite(s, 1, (size_t)(end - s), pg->f);
		if (*margin)
			fprintf(pg->f, "%*s | %s", (int)(pg->text_width - n), "", margin);
		fputc('\n', pg->f);
		cp += n;
		s = end;
		/* the space or line break the line ended on is not printed */
		if (*s == ' ' || *s == '\n') {
			s++;
			cp++;
		}
		line_no++;
	}
}

/* One stretch of the document, wrapped, with a label ("t3", "s12"). */
static int print_stretch(const struct page *pg, const cdr_document *doc, cdr_span span, const char *label)
{
	char *text = cdr_document_slice(doc, span);
	size_t len;

	if (text == NULL)
		return cli_error("out of memory");
	/* the blank lines before the next turn are the page's, not the text's */
	for (len = strlen(text); len > 0 && strchr(" \t\r\n", text[len - 1]); len--)
		text[len - 1] = '\0';
	wrap(pg, text, span.start, label);
	free(text);
	return EXIT_OK;
}

/* Is there more than white space in the stretch? */
static int has_text(const cdr_document *doc, cdr_span span)
{
	char *text;
	int any = 0;

	if (span.end <= span.start || (text = cdr_document_slice(doc, span)) == NULL)
		return 0;
	for (const char *c = text; *c && !any; c++)
		any = *c != ' ' && *c != '\n' && *c != '\t' && *c != '\r';
	free(text);
	return any;
}

/* The start of the line that `gap.end` is on, but not before gap.start. */
static size_t line_start(const cdr_document *doc, cdr_span gap)
{
	char *text;
	size_t cp = 0, last = gap.start;

	if (gap.end <= gap.start || (text = cdr_document_slice(doc, gap)) == NULL)
		return gap.start;
	for (const char *c = text; *c; c++) {
		if ((*c & 0xC0) == 0x80)
			continue;
		cp++;
		if (*c == '\n')
			last = gap.start + cp;
	}
	free(text);
	return last;
}

static void turn_header(FILE *f, const cdr_document *doc, long t)
{
	const cdr_turn *tu;

	if (t < 0) {
		fputs("(no turn)\n", f);
		return;
	}
	tu = cdr_document_turn(doc, (size_t)t);
	fprintf(f, "t%ld", t + 1);
	if (*tu->speaker)
		fprintf(f, "  %s", tu->speaker);
	if (*tu->time)
		fprintf(f, "  [%s]", tu->time);
	fputc('\n', f);
}

static int show_numbered(FILE *f, const cdr_document *doc, int sentences, size_t width,
			 const struct margin_codes *margin)
{
	struct page pg = { f, 0, 6, margin, 0 };
	size_t pos = 0, nt = cdr_document_turn_count(doc), ns = cdr_document_sentence_count(doc);
	int rc = EXIT_OK, blocks = 0;

	if (margin) {
		pg.margin_width = width >= 100 ? 30 : 20;
		pg.text_width = width - pg.indent - 3 - pg.margin_width;
	} else {
		pg.text_width = width - pg.indent;
	}
	if (sentences) {
		long cur = -2; /* no turn yet; -1 is "outside every turn" */
		for (size_t i = 0; i < ns && rc == EXIT_OK; i++) {
			const cdr_span *sp = cdr_document_sentence(doc, i);
			long t = cdr_document_turn_at(doc, sp->start);
			char label[32];
			if (t != cur) {
				if (blocks++)
					fputc('\n', f);
				turn_header(f, doc, t);
				cur = t;
			}
			snprintf(label, sizeof(label), "  s%zu", i + 1);
			rc = print_stretch(&pg, doc, *sp, label);
		}
		return rc;
	}
	for (size_t t = 0; t <= nt && rc == EXIT_OK; t++) {
		size_t next = t < nt ? cdr_document_turn(doc, t)->span.start : cdr_document_length(doc);
		cdr_span gap = { pos, next };
		/* text between turns that belongs to none: a header, a preamble;
		 * the label on the line of the next turn ("R: ") is no such text */
		if (t < nt)
			gap.end = line_start(doc, gap);
		if (has_text(doc, gap)) {
			if (blocks++)
				fputc('\n', f);
			turn_header(f, doc, -1);
			rc = print_stretch(&pg, doc, gap, "");
		}
		if (t == nt || rc != EXIT_OK)
			break;
		if (blocks++)
			fputc('\n', f);
		turn_header(f, doc, (long)t);
		rc = print_stretch(&pg, doc, cdr_document_turn(doc, t)->span, "");
		pos = cdr_document_turn(doc, t)->span.end;
	}
	return rc;
}

/* The width to wrap to: --width, else the terminal's, else 80. */
static size_t page_width(long asked, const char *outpath)
{
	struct winsize ws;

	if (asked > 0)
		return (size_t)asked;
	if (outpath == NULL && isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40)
		return ws.ws_col > 1000 ? 1000 : ws.ws_col;
	return 80;
}

static int numbered_exec(struct cli_ctx *ctx, const struct cli_args *a, long width)
{
	const char *outpath = cli_str(a, "output");
	char **coders = NULL;
	size_t ncoders = 0;
	int coded = cli_flag(a, "coded"), implicit = 0, rc;
	struct margin_codes m = { 0 };
	cdr_project *p = NULL;
	cdr_document *doc = NULL;
	struct cli_out o;

	if ((rc = cli_out_open(&o, outpath, "plain", CLI_LIST)) != EXIT_OK)
		return rc;
	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		goto done;
	if (cdr_project_doc_load(&doc, p, a->argv[0], 1) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	if (coded && ((rc = cli_coders_choose(p, cli_str(a, "coder"), &coders, &ncoders, &implicit)) != EXIT_OK ||
		      (rc = margin_load(&m, p, a->argv[0], coders, ncoders)) != EXIT_OK))
		goto done;
	rc = show_numbered(o.f, doc, cli_flag(a, "sentences"), page_width(width, outpath), coded ? &m : NULL);
done:
	if ((rc = cli_out_close(&o, rc)) == EXIT_OK && coded)
		cli_coders_note(coders, ncoders, implicit);
	margin_free(&m);
	cdr_coders_free(coders, ncoders);
	cdr_document_free(doc);
	cdr_project_free(p);
	return rc;
}

static int show_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	const char *outpath = cli_str(a, "output"), *id = a->argv[0];
	int turns = cli_flag(a, "turns"), list = turns || cli_flag(a, "sentences"), rc, human;
	cdr_project *p = NULL;
	cdr_document *doc = NULL;
	struct cli_out o;

	int numbered = cli_flag(a, "numbered"), coded = cli_flag(a, "coded");
	long width = cli_int(a, "width", 0);

	if (!numbered && (coded || cli_str(a, "width")))
		return cli_usage_error(a->cmd, "--coded and --width go with --numbered");
	if (!coded && cli_str(a, "coder"))
		return cli_usage_error(a->cmd, "--coder goes with --coded");
	if (numbered && (turns || a->argc > 1))
		return cli_usage_error(a->cmd, "--numbered prints the whole document; leave out --turns and the reference");
	if (numbered && cli_str(a, "format"))
		return cli_usage_error(a->cmd, "--numbered prints text to read; leave out --format");
	if (cli_str(a, "width") && (width < 40 || width > 1000))
		return cli_usage_error(a->cmd, "--width must be a number from 40 to 1000");
	if (numbered)
		return numbered_exec(ctx, a, width);
	if (turns && cli_flag(a, "sentences"))
		return cli_usage_error(a->cmd, "--turns or --sentences, not both");
	if (list && cli_flag(a, "headers"))
		return cli_usage_error(a->cmd, "--headers lists the header lines alone; leave out --turns and --sentences");
	if (cli_flag(a, "headers") && a->argc > 1)
		return cli_usage_error(a->cmd, "--headers lists a whole document; leave out the reference");
	if (list && a->argc > 1)
		return cli_usage_error(a->cmd, "--turns and --sentences list a whole document; leave out the reference");
	/* the lists are lists (one unit a line, starting with its number, for
	 * cut and grep); a part or the document is text unless a format asks
	 * for a row */
	if ((rc = cli_out_open(&o, outpath, cli_str(a, "format"), CLI_LIST)) != EXIT_OK)
		return rc;
	human = o.fmt == CDR_FORMAT_TABLE || o.fmt == CDR_FORMAT_PLAIN;
	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		goto done;
	if (cdr_project_doc_load(&doc, p, id, 1) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	if (cli_flag(a, "headers")) {
		rc = list_headers(doc, o.f, o.fmt);
	} else if (list) {
		rc = list_units(doc, turns, o.f, o.fmt, o.fmt == CDR_FORMAT_TABLE && outpath == NULL);
	} else if (a->argc > 1) {
		const char *ref = a->argv[1];
		const cdr_turn *tu;
		cdr_span span;
		char *text;
		long ti;

		if (cdr_document_resolve(&span, doc, ref) < 0) {
			rc = cli_error("%s: %s", id, cdr_error_last());
			goto done;
		}
		if ((text = cdr_document_slice(doc, span)) == NULL) {
			rc = cli_lib_error();
			goto done;
		}
		ti = cdr_document_turn_at(doc, span.start);
		tu = ti >= 0 ? cdr_document_turn(doc, (size_t)ti) : NULL;
		if (human) {
			print_part(o.f, id, ref, span, ti, tu, text);
			rc = EXIT_OK;
		} else {
			rc = show_part(o.f, o.fmt, id, ref, span, ti, tu, text);
		}
		free(text);
	} else {
		size_t len;
		const char *text = cdr_document_text(doc, &len);
		if (human) {
			fwrite(text, 1, len, o.f);
			if (len > 0 && text[len - 1] != '\n')
				fputc('\n', o.f);
			rc = EXIT_OK;
		} else {
			rc = show_part(o.f, o.fmt, id, "", (cdr_span){ 0, cdr_document_length(doc) }, -1,
				       NULL, text);
		}
	}
done:
	cdr_document_free(doc);
	cdr_project_free(p);
	return cli_out_close(&o, rc);
}
