/* cmd-add.c -- ingest transcript files into the project. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static int add_run(const struct cdr_cmd *cmd, struct cli_ctx *ctx, int argc, char **argv);

const struct cdr_cmd cmd_add = {
	.name = "add",
	.usage = "codeer add [--case ID] [--attr KEY=VALUE]... [--encoding NAME] [--speaker-regex RE] [--force] FILE...",
	.summary = "add transcripts (.txt .md .docx .odt .srt .vtt) to the project",
	.help = "Options:\n"
		"  --case ID            put the documents in case ID (default: a case per document)\n"
		"  --attr KEY=VALUE     set an attribute of the case (repeatable), e.g. --attr gemeente=Zwolle\n"
		"  --encoding NAME      read text files in this encoding (default: detect;\n"
		"                       UTF-8, UTF-16 with a BOM, windows-1252, ISO-8859-1, ...)\n"
		"  --speaker-regex RE   PCRE2 pattern for a turn label at a line start; it needs a\n"
		"                       group (?<speaker>...) and may have (?<time>...)\n"
		"  --force              add a file whose content is already in the project (new id)\n"
		"\nAll files are added, or none: on an error the project is left as it was.\n",
	.run = add_run,
};

static void on_added(void *ctx, const char *path, const cdr_document *doc)
{
	const cdr_document_info *info = cdr_document_info_get(doc);

	size_t turns = cdr_document_turn_count(doc), sentences = cdr_document_sentence_count(doc);
	size_t words = cdr_document_words(doc);

	fprintf((FILE *)ctx, "%s\t%s\t%s\t%s\t%zu turn%s\t%zu sentence%s\t%zu word%s\n", info->id, path,
		info->format, info->encoding, turns, turns == 1 ? "" : "s", sentences, sentences == 1 ? "" : "s",
		words, words == 1 ? "" : "s");
}

static int add_run(const struct cdr_cmd *cmd, struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "case", required_argument, NULL, 'c' },
		{ "attr", required_argument, NULL, 'a' },
		{ "encoding", required_argument, NULL, 'e' },
		{ "speaker-regex", required_argument, NULL, 's' },
		{ "force", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	cdr_add_options add = { 0 };
	const char **attrs = NULL;
	cdr_project *p = NULL;
	char *listing = NULL;
	size_t listing_len = 0;
	FILE *out;
	int c, rc;

	if ((attrs = calloc((size_t)argc, sizeof(char *))) == NULL)
		return cli_error("out of memory");
	while ((c = cli_getopt(cmd, argc, argv, "h", opts)) != -1) {
		switch (c) {
		case 'c': add.case_id = optarg; break;
		case 'a':
			if (strchr(optarg, '=') == NULL || optarg[0] == '=') {
				free(attrs);
				return cli_usage_error(cmd, "--attr '%s': expected KEY=VALUE", optarg);
			}
			attrs[add.nattrs++] = optarg;
			break;
		case 'e': add.ingest.encoding = optarg; break;
		case 's': add.ingest.speaker_regex = optarg; break;
		case 'f': add.force = 1; break;
		default:
			free(attrs);
			return CLI_GETOPT_EXIT(c);
		}
	}
	add.attrs = attrs;
	if (optind >= argc) {
		free(attrs);
		return cli_usage_error(cmd, "no files given");
	}
	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK) {
		free(attrs);
		return rc;
	}
	/* The listing is printed only once the documents are really in. */
	if ((out = open_memstream(&listing, &listing_len)) == NULL) {
		free(attrs);
		cdr_project_free(p);
		return cli_error("out of memory");
	}
	rc = cdr_project_add(p, (const char *const *)argv + optind, (size_t)(argc - optind), &add, on_added, out);
	fclose(out);
	free(attrs);
	cdr_project_free(p);
	if (rc < 0) {
		free(listing);
		cli_lib_error();
		return cli_error("nothing was added");
	}
	fwrite(listing, 1, listing_len, stdout);
	free(listing);
	return EXIT_OK;
}
