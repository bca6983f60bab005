/* cmd-show.c -- print a document, or one turn, sentence or range of it. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static int show_run(const struct cdr_cmd *cmd, struct cli_ctx *ctx, int argc, char **argv);

const struct cdr_cmd cmd_show = {
	.name = "show",
	.usage = "codeer show [--turns | --sentences] [--format F] DOC [t12|s40|c100-250|PHRASE]",
	.summary = "print a document, a turn, a sentence or a range of characters",
	.help = "References: t12 is turn 12, s40 sentence 40 (both counted from 1),\n"
		"c100-250 the characters (code points) from offset 100 up to 250; any other\n"
		"text is an exact phrase, which must occur once in the document.\n"
		"\nOptions:\n"
		"  --turns       list the turns: number, speaker, time, span, words, start of the text\n"
		"  --sentences   list the sentences with their spans\n"
		"  --format F    table, tsv, csv, json or md for the lists\n",
	.run = show_run,
};

static int list_units(const cdr_document *doc, int turns, cdr_format fmt)
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
	for (size_t i = 0; i < n && rc == 0; i++) {
		const cdr_span *span = turns ? &cdr_document_turn(doc, i)->span : cdr_document_sentence(doc, i);
		char num[32], start[32], end[32], words[32], tnum[32];
		char *text = cdr_document_slice(doc, *span), *preview;

		if (text == NULL)
			return cli_lib_error();
		preview = cdr_text_preview(text, strlen(text), 60);
		free(text);
		snprintf(num, sizeof(num), "%c%zu", turns ? 't' : 's', i + 1);
		snprintf(start, sizeof(start), "%zu", span->start);
		snprintf(end, sizeof(end), "%zu", span->end);
		if (turns) {
			const cdr_turn *tu = cdr_document_turn(doc, i);
			snprintf(words, sizeof(words), "%zu", tu->words);
			const char *row[] = { num, tu->speaker, tu->time, start, end, words, preview };
			rc = cdr_table_add(t, row);
		} else {
			long ti = cdr_document_turn_at(doc, span->start);
			if (ti >= 0)
				snprintf(tnum, sizeof(tnum), "t%ld", ti + 1);
			else
				tnum[0] = '\0';
			const char *row[] = { num, tnum, start, end, preview };
			rc = cdr_table_add(t, row);
		}
		free(preview);
	}
	if (rc == 0)
		cdr_table_write(t, stdout, fmt);
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

static int show_run(const struct cdr_cmd *cmd, struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "turns", no_argument, NULL, 't' },
		{ "sentences", no_argument, NULL, 's' },
		{ "format", required_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *format_name = NULL;
	int list = 0, c, rc;
	cdr_project *p = NULL;
	cdr_document *doc = NULL;
	cdr_format fmt;

	while ((c = cli_getopt(cmd, argc, argv, "h", opts)) != -1) {
		if (c < -1)
			return CLI_GETOPT_EXIT(c);
		if (c == 't' || c == 's')
			list = c;
		else if (c == 'F')
			format_name = optarg;
	}
	if (optind >= argc)
		return cli_usage_error(cmd, "no document given");
	if (argc - optind > 2)
		return cli_usage_error(cmd, "too many arguments");
	if (list && argc - optind > 1)
		return cli_usage_error(cmd, "--turns and --sentences list a whole document; leave out the reference");
	if ((rc = cli_format(format_name, &fmt)) != 0)
		return rc;
	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		return rc;
	if (cdr_project_doc_load(&doc, p, argv[optind], 1) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	if (list) {
		rc = list_units(doc, list == 't', fmt);
	} else if (optind + 1 < argc) {
		const char *ref = argv[optind + 1];
		cdr_span span;
		char *text;
		long ti;
		int kind;

		if (cdr_document_resolve(&span, doc, ref) < 0) {
			rc = cli_error("%s: %s", argv[optind], cdr_error_last());
			goto done;
		}
		if ((text = cdr_document_slice(doc, span)) == NULL) {
			rc = cli_lib_error();
			goto done;
		}
		ti = cdr_document_turn_at(doc, span.start);
		kind = ref_kind(ref);
		printf("# %s %s", argv[optind], ref);
		if (kind != 'c')
			printf(" c%zu-%zu", span.start, span.end);
		if (ti >= 0) {
			const cdr_turn *tu = cdr_document_turn(doc, (size_t)ti);
			if (kind != 't')
				printf(" t%ld", ti + 1);
			if (*tu->speaker)
				printf(" %s", tu->speaker);
			if (*tu->time)
				printf(" [%s]", tu->time);
		}
		printf("\n%s\n", text);
		free(text);
		rc = EXIT_OK;
	} else {
		size_t len;
		const char *text = cdr_document_text(doc, &len);
		fwrite(text, 1, len, stdout);
		if (len > 0 && text[len - 1] != '\n')
			putchar('\n');
		rc = EXIT_OK;
	}
done:
	cdr_document_free(doc);
	cdr_project_free(p);
	return rc;
}
