/* cmd-scheme.c -- manage a project's code schemes: add, list, show, check. */
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

static int scheme_run(const struct cdr_cmd *cmd, struct cli_ctx *ctx, int argc, char **argv);

const struct cdr_cmd cmd_scheme = {
	.name = "scheme",
	.usage = "codeer scheme add [--replace [--force]] FILE.xml...\n"
		 "       codeer scheme list [--format F] [-o FILE]\n"
		 "       codeer scheme show [--format json|tsv|csv|md] ID\n"
		 "       codeer scheme check [--max-share P] [ID|FILE.xml]...",
	.summary = "add, list, show and check code schemes",
	.help = "add     validate schemes against the built-in XML Schema and copy them into\n"
		"        schemes/ (--replace updates a scheme with the same id; a new version\n"
		"        that lacks codes which codings use is refused unless --force)\n"
		"list    one row per scheme: id, codes, rules, title (a table: piped, TSV with\n"
		"        its header)\n"
		"show    the code tree with definitions, criteria, examples and rules; with\n"
		"        --format, one JSON document or one table with a row per rule\n"
		"check   lint: schemes that fail the XML Schema (with line numbers), invalid\n"
		"        patterns (with offset), rules that match nothing in the project, rules\n"
		"        that match in more than P of the turns (default 0.3), rules that hit the\n"
		"        PCRE2 match limit (catastrophic backtracking), codings that name a code\n"
		"        no scheme defines. Exit status 1 when it finds a problem.\n"
		"\nOptions:\n"
		"  --replace      add: replace a scheme with the same id\n"
		"  --force        add --replace: also when codings use codes the new version lacks\n"
		"  --format F     list: table, tsv, csv, json, md or html; show: json, tsv, csv, md\n"
		"  -o FILE        list: write to FILE (its format from the extension)\n"
		"  --max-share P  check: the share of turns above which a rule is too broad\n",
	.run = scheme_run,
};

static void on_installed(void *ctx, const char *id, const char *path)
{
	(void)ctx;
	printf("%s\t%s\n", id, path);
}

/* All files checked before any is written (cdr_schemes_install_checked):
 * a replacement that would orphan codings is refused unless --force. */
static int scheme_add(cdr_project *p, int argc, char **argv, int replace, int force)
{
	char *warning = NULL;

	if (cdr_schemes_install_checked(p, (const char *const *)argv, (size_t)argc, replace, force, &warning, on_installed,
					NULL) < 0)
		return cli_lib_error();
	if (warning) {
		fflush(stdout);
		fprintf(stderr, "codeer: warning: %s\ncodeer: replaced anyway (--force): those codings stay in codings/, "
				"but no analysis counts them until their codes are back\n", warning);
		free(warning);
	}
	return EXIT_OK;
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

static int scheme_list(const cdr_schemes *set, const char *out, const char *format_name)
{
	static const char *const headers[] = { "scheme", "codes", "coded-by-rules", "rules", "title" };
	cdr_table *t = NULL;
	struct cli_out o;
	int rc;

	/* a table: piped, it keeps its header */
	if ((rc = cli_out_open(&o, out, format_name, CLI_TABLE)) != EXIT_OK)
		return rc;
	if (cdr_table_new(&t, 5, headers) < 0) {
		rc = cli_lib_error();
		goto done;
	}
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
			rc = cli_lib_error();
			goto done;
		}
	}
	if (cdr_table_write(t, o.f, o.fmt) < 0)
		rc = cli_lib_error();
done:
	cdr_table_free(t);
	return cli_out_close(&o, rc);
}

static void print_field(int indent, const char *name, const char *value)
{
	if (value && *value)
		printf("%*s%s: %s\n", indent, "", name, value);
}

/* A JSON string, or null for a missing or empty value. */
static void json_str(const char *s)
{
	if (s && *s)
		cdr_json_string(stdout, s);
	else
		fputs("null", stdout);
}

static void scheme_show_json(const cdr_scheme *s)
{
	fputs("{\"scheme\": ", stdout);
	cdr_json_string(stdout, cdr_scheme_id(s));
	fputs(", \"title\": ", stdout);
	json_str(cdr_scheme_title(s));
	fputs(", \"description\": ", stdout);
	json_str(cdr_scheme_description(s));
	fputs(",\n \"codes\": [", stdout);
	for (size_t c = 0; c < cdr_scheme_code_count(s); c++) {
		const cdr_code *code = cdr_scheme_code(s, c);
		fputs(c ? ",\n  {" : "\n  {", stdout);
		fputs("\"code\": ", stdout);
		cdr_json_string(stdout, code->qualified);
		fputs(", \"id\": ", stdout);
		cdr_json_string(stdout, code->id);
		fputs(", \"label\": ", stdout);
		json_str(code->label);
		fputs(", \"parent\": ", stdout);
		json_str(code->parent >= 0 ? cdr_scheme_code(s, (size_t)code->parent)->qualified : NULL);
		printf(", \"depth\": %zu, \"line\": %d", code->depth, code->line);
		static const char *const names[] = { "definition", "include", "exclude", "example", "colour" };
		const char *values[] = { code->definition, code->include, code->exclude, code->example, code->colour };
		for (size_t f = 0; f < 5; f++) {
			printf(", \"%s\": ", names[f]);
			json_str(values[f]);
		}
		fputs(", \"rules\": [", stdout);
		for (size_t r = 0; r < code->nrules; r++) {
			const cdr_rule *rule = &code->rules[r];
			fputs(r ? ", {" : "{", stdout);
			fputs("\"id\": ", stdout);
			cdr_json_string(stdout, rule->id);
			fputs(", \"scope\": ", stdout);
			cdr_json_string(stdout, cdr_scope_name(rule->scope));
			printf(", \"caseless\": %s, \"line\": %d, \"pattern\": ", rule->caseless ? "true" : "false", rule->line);
			cdr_json_string(stdout, rule->pattern);
			fputs(", \"unless\": [", stdout);
			for (size_t u = 0; u < rule->nunless; u++) {
				if (u)
					fputs(", ", stdout);
				cdr_json_string(stdout, rule->unless[u]);
			}
			fputs("], \"near\": ", stdout);
			json_str(rule->near);
			if (rule->near)
				printf(", \"near_words\": %zu", rule->near_words);
			else
				fputs(", \"near_words\": null", stdout);
			fputs(", \"speaker\": ", stdout);
			json_str(rule->speaker);
			fputs(", \"speaker_not\": ", stdout);
			json_str(rule->speaker_not);
			fputs("}", stdout);
		}
		fputs("]}", stdout);
	}
	fputs(cdr_scheme_code_count(s) ? "\n ]\n}\n" : "]\n}\n", stdout);
}

/* One rectangular table: a row per rule, and a row for each code without
 * rules (its rule columns empty). Several unless patterns share a cell,
 * one per line (CSV and JSON keep the lines; TSV and Markdown cannot). */
static int scheme_show_table(const cdr_scheme *s, cdr_format fmt)
{
	static const char *const headers[] = { "code", "label", "parent", "depth", "definition", "include", "exclude",
						"example", "rule", "scope", "caseless", "pattern", "unless", "near",
						"near-words", "speaker", "not-speaker" };
	cdr_table *t;
	int rc = EXIT_OK;

	if (cdr_table_new(&t, 17, headers) < 0)
		return cli_lib_error();
	cdr_table_set_numeric(t, 3);
	cdr_table_set_numeric(t, 14);
	for (size_t c = 0; c < cdr_scheme_code_count(s) && rc == EXIT_OK; c++) {
		const cdr_code *code = cdr_scheme_code(s, c);
		char depth[32];
		snprintf(depth, sizeof(depth), "%zu", code->depth);
		for (size_t r = 0; r < (code->nrules ? code->nrules : 1) && rc == EXIT_OK; r++) {
			const cdr_rule *rule = code->nrules ? &code->rules[r] : NULL;
			char words[32] = "", *unless = NULL;
			size_t len = 1;
			for (size_t u = 0; rule && u < rule->nunless; u++)
				len += strlen(rule->unless[u]) + 1;
			if ((unless = calloc(1, len)) == NULL) {
				rc = cli_error("out of memory");
				break;
			}
			for (size_t u = 0; rule && u < rule->nunless; u++) {
				if (u)
					strcat(unless, "\n");
				strcat(unless, rule->unless[u]);
			}
			if (rule && rule->near)
				snprintf(words, sizeof(words), "%zu", rule->near_words);
			const char *row[] = { code->qualified, code->label,
					      code->parent >= 0 ? cdr_scheme_code(s, (size_t)code->parent)->qualified : "",
					      depth, code->definition, code->include, code->exclude, code->example,
					      rule ? rule->id : "", rule ? cdr_scope_name(rule->scope) : "",
					      rule ? (rule->caseless ? "yes" : "no") : "", rule ? rule->pattern : "", unless,
					      rule ? rule->near : "", words, rule ? rule->speaker : "",
					      rule ? rule->speaker_not : "" };
			if (cdr_table_add(t, row) < 0)
				rc = cli_lib_error();
			free(unless);
		}
	}
	if (rc == EXIT_OK && cdr_table_write(t, stdout, fmt) < 0)
		rc = cli_lib_error();
	cdr_table_free(t);
	return rc;
}

static int scheme_show(const cdr_schemes *set, const char *id, const char *format_name)
{
	const cdr_scheme *s = cdr_schemes_find(set, id);
	cdr_format fmt = CDR_FORMAT_TABLE;

	if (format_name && cdr_format_parse(&fmt, format_name) < 0)
		return cli_lib_error();
	if (s == NULL)
		return cli_error("no scheme '%s' in the project (see 'codeer scheme list')", id);
	if (fmt == CDR_FORMAT_JSON) {
		scheme_show_json(s);
		return EXIT_OK;
	}
	if (fmt == CDR_FORMAT_TSV || fmt == CDR_FORMAT_CSV || fmt == CDR_FORMAT_MD)
		return scheme_show_table(s, fmt);
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
		{ "force", no_argument, NULL, 'f' },
		{ "format", required_argument, NULL, 'F' },
		{ "output", required_argument, NULL, 'o' },
		{ "max-share", required_argument, NULL, 'm' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *format_name = NULL, *out = NULL, *sub;
	int replace = 0, force = 0, c, rc;
	double max_share = 0.3;
	cdr_project *p = NULL;
	cdr_schemes *set = NULL;

	while ((c = cli_getopt(cmd, argc, argv, "ho:", opts)) != -1) {
		if (c < -1)
			return CLI_GETOPT_EXIT(c);
		if (c == 'r')
			replace = 1;
		else if (c == 'f')
			force = 1;
		else if (c == 'F')
			format_name = optarg;
		else if (c == 'o')
			out = optarg;
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
	if (strcmp(sub, "list") == 0 && optind < argc)
		return cli_usage_error(cmd, "unexpected argument '%s'", argv[optind]);
	if (force && (strcmp(sub, "add") != 0 || !replace))
		return cli_usage_error(cmd, "--force is for add --replace");
	if (out && strcmp(sub, "list") != 0)
		return cli_usage_error(cmd, "-o is for list");
	/* a format the subcommand cannot write is refused, not ignored */
	if (format_name && strcmp(sub, "list") != 0) {
		cdr_format fmt;
		if (cdr_format_parse(&fmt, format_name) < 0)
			return cli_lib_error();
		if (strcmp(sub, "add") == 0 || strcmp(sub, "check") == 0)
			return cli_usage_error(cmd, "%s prints no table: --format is for list and show", sub);
		if (strcmp(sub, "show") == 0 && fmt != CDR_FORMAT_TABLE && fmt != CDR_FORMAT_JSON && fmt != CDR_FORMAT_TSV &&
		    fmt != CDR_FORMAT_CSV && fmt != CDR_FORMAT_MD)
			return cli_usage_error(cmd, "show writes json, tsv, csv or md (without --format: the code tree as text)");
	}
	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		return rc;
	if (strcmp(sub, "add") == 0) {
		rc = scheme_add(p, argc - optind, argv + optind, replace, force);
		goto done;
	}
	if (cdr_schemes_load(&set, p) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	if (strcmp(sub, "list") == 0)
		rc = scheme_list(set, out, format_name);
	else if (strcmp(sub, "show") == 0)
		rc = scheme_show(set, argv[optind], format_name);
	else
		rc = scheme_check(p, set, argc - optind, argv + optind, max_share);
done:
	cdr_schemes_free(set);
	cdr_project_free(p);
	return rc;
}
