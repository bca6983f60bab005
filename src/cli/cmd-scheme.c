/* cmd-scheme.c -- manage a project's code schemes: add, list, show, check. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static int scheme_run(const struct cdr_cmd *cmd, struct cli_ctx *ctx, int argc, char **argv);

const struct cdr_cmd cmd_scheme = {
	.name = "scheme",
	.usage = "codeer scheme add [--replace] FILE.xml...\n"
		 "       codeer scheme list [--format F]\n"
		 "       codeer scheme show ID\n"
		 "       codeer scheme check [--max-share P] [ID|FILE.xml]...",
	.summary = "add, list, show and check code schemes",
	.help = "add     validate schemes against the built-in XML Schema and copy them into\n"
		"        schemes/ (--replace updates a scheme with the same id)\n"
		"list    one line per scheme: id, codes, rules, title\n"
		"show    the code tree with definitions, criteria, examples and rules\n"
		"check   lint: schemes that fail the XML Schema (with line numbers), invalid\n"
		"        patterns (with offset), rules that match nothing in the project, rules\n"
		"        that match in more than P of the turns (default 0.3), rules that hit the\n"
		"        PCRE2 match limit (catastrophic backtracking), codings that name a code\n"
		"        no scheme defines. Exit status 1 when it finds a problem.\n",
	.run = scheme_run,
};

static int scheme_add(cdr_project *p, int argc, char **argv, int replace)
{
	int rc = EXIT_OK;

	for (int i = 0; i < argc; i++) {
		char *id = NULL;
		if (cdr_schemes_install(p, argv[i], replace, &id) < 0)
			return cli_lib_error();
		printf("%s\t%s\n", id, argv[i]);
		free(id);
	}
	return rc;
}

static size_t rule_count(const cdr_scheme *s, size_t *with_rules)
{
	size_t n = 0;

	*with_rules = 0;
	for (size_t c = 0; c < cdr_scheme_code_count(s); c++) {
		n += cdr_scheme_code(s, c)->nrules;
		*with_rules += cdr_scheme_code(s, c)->nrules > 0;
	}
	return n;
}

static int scheme_list(const cdr_schemes *set, cdr_format fmt)
{
	static const char *const headers[] = { "scheme", "codes", "coded-by-rules", "rules", "title" };
	cdr_table *t;

	if (cdr_table_new(&t, 5, headers) < 0)
		return cli_lib_error();
	for (int c = 1; c <= 3; c++)
		cdr_table_set_numeric(t, (size_t)c);
	for (size_t i = 0; i < cdr_schemes_count(set); i++) {
		const cdr_scheme *s = cdr_schemes_get(set, i);
		char codes[32], with[32], rules[32];
		size_t w, r = rule_count(s, &w);
		snprintf(codes, sizeof(codes), "%zu", cdr_scheme_code_count(s));
		snprintf(with, sizeof(with), "%zu", w);
		snprintf(rules, sizeof(rules), "%zu", r);
		const char *row[] = { cdr_scheme_id(s), codes, with, rules, cdr_scheme_title(s) };
		if (cdr_table_add(t, row) < 0) {
			cdr_table_free(t);
			return cli_lib_error();
		}
	}
	cdr_table_write(t, stdout, fmt);
	cdr_table_free(t);
	return EXIT_OK;
}

static void print_field(int indent, const char *name, const char *value)
{
	if (value && *value)
		printf("%*s%s: %s\n", indent, "", name, value);
}

static int scheme_show(const cdr_schemes *set, const char *id)
{
	const cdr_scheme *s = cdr_schemes_find(set, id);

	if (s == NULL)
		return cli_error("no scheme '%s' in the project (see 'codeer scheme list')", id);
	printf("%s: %s\n", cdr_scheme_id(s), cdr_scheme_title(s));
	if (*cdr_scheme_description(s))
		printf("%s\n", cdr_scheme_description(s));
	for (size_t c = 0; c < cdr_scheme_code_count(s); c++) {
		const cdr_code *code = cdr_scheme_code(s, c);
		int in = (int)code->depth * 2;
		printf("\n%*s%s  %s\n", in, "", code->qualified, code->label);
		print_field(in + 4, "definition", code->definition);
		print_field(in + 4, "include", code->include);
		print_field(in + 4, "exclude", code->exclude);
		print_field(in + 4, "example", code->example);
		for (size_t r = 0; r < code->nrules; r++) {
			const cdr_rule *rule = &code->rules[r];
			printf("%*srule %s (%s%s): %s\n", in + 4, "", rule->id, cdr_scope_name(rule->scope),
			       rule->caseless ? "" : ", case-sensitive", rule->pattern);
			for (size_t u = 0; u < rule->nunless; u++)
				printf("%*sunless: %s\n", in + 6, "", rule->unless[u]);
			if (rule->near)
				printf("%*snear (%zu words): %s\n", in + 6, "", rule->near_words, rule->near);
			if (rule->speaker)
				printf("%*sspeaker: %s\n", in + 6, "", rule->speaker);
			if (rule->speaker_not)
				printf("%*snot speaker: %s\n", in + 6, "", rule->speaker_not);
		}
	}
	return EXIT_OK;
}

static void on_limit_quiet(void *ctx, const cdr_document *doc, long turn, const cdr_code *code, const cdr_rule *rule)
{
	(void)ctx; (void)doc; (void)turn; (void)code; (void)rule;
}

static void print_line(void *ctx, const char *message)
{
	(void)ctx;
	printf("%s\n", message);
}

static int scheme_check(cdr_project *p, cdr_schemes *set, int argc, char **argv, double max_share)
{
	const char **ids = calloc((size_t)argc + 1, sizeof(char *));
	size_t nids = 0, problems = 0;
	cdr_engine *engine = NULL;
	const cdr_rule_stats *stats;
	size_t nstats, turns;
	int rc = EXIT_OK;

	if (ids == NULL)
		return cli_error("out of memory");
	/* FILE.xml arguments are checked as files: validation, then their patterns */
	for (int i = 0; i < argc; i++) {
		size_t n = strlen(argv[i]);
		if (n > 4 && strcmp(argv[i] + n - 4, ".xml") == 0) {
			cdr_scheme *s;
			if (cdr_scheme_load(&s, argv[i]) < 0) {
				printf("%s\n", cdr_error_last());
				problems++;
				continue;
			}
			printf("%s: valid (scheme '%s', %zu codes)\n", argv[i], cdr_scheme_id(s), cdr_scheme_code_count(s));
			cdr_scheme_free(s);
		} else {
			ids[nids++] = argv[i];
		}
	}
	if (problems > 0 || (argc > 0 && nids == 0)) {
		free(ids);
		return problems ? EXIT_FOUND : EXIT_OK;
	}
	for (size_t i = 0; i < nids; i++)
		if (cdr_schemes_find(set, ids[i]) == NULL) {
			rc = cli_error("no scheme '%s' in the project (see 'codeer scheme list')", ids[i]);
			free(ids);
			return rc;
		}
	/* every pattern, one by one, so that all invalid ones are listed */
	for (size_t s = 0; s < cdr_schemes_count(set); s++) {
		const cdr_scheme *scheme = cdr_schemes_get(set, s);
		int wanted = nids == 0;
		for (size_t i = 0; i < nids; i++)
			wanted |= strcmp(ids[i], cdr_scheme_id(scheme)) == 0;
		if (wanted)
			problems += cdr_scheme_check_patterns(scheme, print_line, NULL);
	}
	if (problems) {
		fprintf(stderr, "codeer: %zu problem%s found\n", problems, problems == 1 ? "" : "s");
		free(ids);
		return EXIT_FOUND;
	}
	if (cdr_engine_new(&engine, set, ids, nids) < 0) {
		printf("%s\n", cdr_error_last());
		free(ids);
		return EXIT_FOUND;
	}
	for (size_t i = 0; i < cdr_project_doc_count(p); i++) {
		cdr_document *doc;
		cdr_proposals props = { 0 };
		if (cdr_project_doc_load(&doc, p, cdr_project_doc_id(p, i), 1) < 0) {
			rc = cli_lib_error();
			goto done;
		}
		if (cdr_engine_run(engine, doc, &props, on_limit_quiet, NULL) < 0) {
			cdr_document_free(doc);
			rc = cli_lib_error();
			goto done;
		}
		cdr_proposals_free(&props);
		cdr_document_free(doc);
	}
	nstats = cdr_engine_stats(engine, &stats);
	turns = cdr_engine_turns_seen(engine);
	for (size_t i = 0; i < nstats; i++) {
		const cdr_rule_stats *st = &stats[i];
		const char *path = NULL;
		for (size_t s = 0; s < cdr_schemes_count(set); s++) {
			const cdr_scheme *scheme = cdr_schemes_get(set, s);
			if (strncmp(st->code->qualified, cdr_scheme_id(scheme), strlen(cdr_scheme_id(scheme))) == 0 &&
			    st->code->qualified[strlen(cdr_scheme_id(scheme))] == '/')
				path = cdr_scheme_path(scheme);
		}
		if (st->limit_hits > 0) {
			printf("%s:%d: rule %s#%s hit the PCRE2 match limit in %zu turn%s (catastrophic backtracking?)\n",
			       path, st->rule->line, st->code->qualified, st->rule->id, st->limit_hits,
			       st->limit_hits == 1 ? "" : "s");
			problems++;
		}
		if (cdr_project_doc_count(p) > 0 && st->matches == 0) {
			printf("%s:%d: rule %s#%s matches nothing in the project's %zu documents\n", path,
			       st->rule->line, st->code->qualified, st->rule->id, cdr_project_doc_count(p));
			problems++;
		} else if (turns > 0 && (double)st->turns / (double)turns > max_share) {
			printf("%s:%d: rule %s#%s matches in %.0f%% of the turns (%zu of %zu; more than %.0f%%)\n", path,
			       st->rule->line, st->code->qualified, st->rule->id, 100.0 * (double)st->turns / (double)turns,
			       st->turns, turns, 100.0 * max_share);
			problems++;
		}
	}
	/* codings that name a code no scheme defines */
	{
		char **coders = NULL;
		size_t ncoders = 0;
		if (cdr_coders_list(&coders, &ncoders, p) == 0) {
			for (size_t c = 0; c < ncoders; c++) {
				cdr_codings *k;
				if (cdr_codings_load(&k, p, coders[c], NULL, NULL) < 0)
					continue;
				for (size_t i = 0; i < cdr_codings_count(k); i++) {
					const cdr_code *code;
					const cdr_coding *cd = cdr_codings_get(k, i);
					if (cdr_schemes_resolve(&code, set, cd->code) < 0) {
						printf("codings/%s.tsv: %s c%zu-%zu: code '%s' is in no scheme\n", coders[c],
						       cd->doc, cd->start, cd->end, cd->code);
						problems++;
					}
				}
				cdr_codings_free(k);
			}
			cdr_coders_free(coders, ncoders);
		}
	}
	if (problems)
		fprintf(stderr, "codeer: %zu problem%s found\n", problems, problems == 1 ? "" : "s");
	rc = problems ? EXIT_FOUND : EXIT_OK;
done:
	cdr_engine_free(engine);
	free(ids);
	return rc;
}

static int scheme_run(const struct cdr_cmd *cmd, struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "replace", no_argument, NULL, 'r' },
		{ "format", required_argument, NULL, 'F' },
		{ "max-share", required_argument, NULL, 'm' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *format_name = NULL, *sub;
	int replace = 0, c, rc;
	double max_share = 0.3;
	cdr_project *p = NULL;
	cdr_schemes *set = NULL;
	cdr_format fmt;

	while ((c = cli_getopt(cmd, argc, argv, "h", opts)) != -1) {
		if (c < -1)
			return CLI_GETOPT_EXIT(c);
		if (c == 'r')
			replace = 1;
		else if (c == 'F')
			format_name = optarg;
		else if (c == 'm') {
			char *end;
			max_share = strtod(optarg, &end);
			if (*end || max_share <= 0 || max_share > 1)
				return cli_usage_error(cmd, "--max-share must be a number between 0 and 1");
		}
	}
	if (optind >= argc)
		return cli_usage_error(cmd, "which subcommand: add, list, show or check?");
	sub = argv[optind++];
	if (strcmp(sub, "add") != 0 && strcmp(sub, "list") != 0 && strcmp(sub, "show") != 0 && strcmp(sub, "check") != 0)
		return cli_usage_error(cmd, "unknown subcommand '%s'", sub);
	if (strcmp(sub, "add") == 0 && optind >= argc)
		return cli_usage_error(cmd, "no scheme files given");
	if (strcmp(sub, "show") == 0 && argc - optind != 1)
		return cli_usage_error(cmd, "show takes one scheme id");
	if ((rc = cli_format(format_name, &fmt)) != 0 || (rc = cli_open_project(ctx, &p)) != EXIT_OK)
		return rc;
	if (strcmp(sub, "add") == 0) {
		rc = scheme_add(p, argc - optind, argv + optind, replace);
		goto done;
	}
	if (cdr_schemes_load(&set, p) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	if (strcmp(sub, "list") == 0)
		rc = scheme_list(set, fmt);
	else if (strcmp(sub, "show") == 0)
		rc = scheme_show(set, argv[optind]);
	else
		rc = scheme_check(p, set, argc - optind, argv + optind, max_share);
done:
	cdr_schemes_free(set);
	cdr_project_free(p);
	return rc;
}
