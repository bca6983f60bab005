/* cmd-show.c -- print a document, or one turn, sentence or range of it. */
#include <stdlib.h>
#include <string.h>

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
		{ "sentences", 0, CLI_OPT_FLAG, NULL, "list the sentences with their spans", NULL, 0 },
		CLI_FORMAT_OPTION("table", "plain", "tsv", "csv", "json", "md", "html"),
		CLI_OUTPUT_OPTION,
		{ NULL },
	},
	.help = "REF is t12 (turn 12) or s40 (sentence 40), both counted from 1, c100-250\n"
		"(the characters, in code points, from offset 100 up to 250), or any other\n"
		"text: an exact phrase, which must occur once in the document.\n"
		"\nFor a part or the whole document, tsv, csv, md and html give one row and\n"
		"json one object (doc, ref, start, end, turn, speaker, time, text).\n"
		"Only the aligned table on a terminal shortens the text of the lists.\n",
	.examples = CLI_EXAMPLES("codeer show s003-participant-5 t4",
				 "codeer show s003-participant-5 \"werkt het niet\"",
				 "codeer show --turns --format csv s003-participant-5"),
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

static int show_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	const char *outpath = cli_str(a, "output"), *id = a->argv[0];
	int turns = cli_flag(a, "turns"), list = turns || cli_flag(a, "sentences"), rc, human;
	cdr_project *p = NULL;
	cdr_document *doc = NULL;
	struct cli_out o;

	if (turns && cli_flag(a, "sentences"))
		return cli_usage_error(a->cmd, "--turns or --sentences, not both");
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
	if (list) {
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
