/* cmd-code-edit.c -- code edit: a document's turns and the coder's codes
 * in a text editor. The file, its reading and the change to the codings
 * are the library's (edit.h); this runs the editor, reopens it on a bad
 * edit, and writes under the project lock only when the coder's codings
 * are still the version the file was made from. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/cli.h"
#include "codeer/edit.h"

static int edit_exec(struct cli_ctx *ctx, const struct cli_args *a);

/* The editor is reopened on mistakes at most this often. */
#define MAX_ROUNDS 20

const struct cdr_cmd cmd_code_edit = {
	.name = "code edit",
	.summary = "edit the coder's codes of DOC's turns in a text editor",
	.args = "DOC",
	.min_args = 1,
	.max_args = 1,
	.opts = (const struct cli_opt[]){
		{ "coder", 0, CLI_OPT_STRING, "NAME", "the coder (default: $CODEER_CODER, else $USER, else me)", NULL, 0 },
		{ NULL },
	},
	.help = "Opens $VISUAL, else $EDITOR, else vi, on the numbered turns of DOC, each line\n"
		"\"tN SPEAKER || CODES\" with the coder's codes. On save the codes are checked\n"
		"against the codebook; a mistake reopens the editor with '# error:' above its\n"
		"line. Quitting without saving changes nothing. The format is in\n"
		"docs/code.md.\n",
	.examples = CLI_EXAMPLES("codeer code edit --coder anna s002-mee-interview",
				 "EDITOR=nano codeer code edit s004-interviews-eigen-kracht"),
	.exec = edit_exec,
};


static void on_warn(void *ctx, const char *message)
{
	(void)ctx;
	fprintf(stderr, "codeer: %s\n", message);
}

static void on_wait(const char *dir)
{
	fprintf(stderr, "codeer: waiting for another codeer writing to %s\n", dir);
}

static const char *editor(void)
{
	const char *e = getenv("VISUAL");
	if (e == NULL || *e == '\0')
		e = getenv("EDITOR");
	return e && *e ? e : "vi";
}

/* Run the editor as git does: through the shell, so "code --wait" works,
 * with the file as its last argument. The editor has the terminal; Ctrl-C
 * is its own while it runs. Returns its exit status, or -1. */
static int run_editor(const char *cmd, const char *path)
{
	struct sigaction ign = { 0 }, old_int, old_quit;
	char *script;
	int status = -1;
	pid_t pid;

	if ((script = malloc(strlen(cmd) + 8)) == NULL)
		return -1;
	sprintf(script, "%s \"$@\"", cmd);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0) {
		sigaction(SIGINT, &old_int, NULL);
		sigaction(SIGQUIT, &old_quit, NULL);
		execl("/bin/sh", "sh", "-c", script, cmd, path, (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	free(script);
	if (pid < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

static int write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	int ok;

	if (f == NULL)
		return -1;
	ok = fwrite(data, 1, len, f) == len;
	ok = fclose(f) == 0 && ok;
	return ok ? 0 : -1;
}

static int read_file(const char *path, char **out, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0;

	*out = NULL;
	if (f == NULL)
		return -1;
	for (;;) {
		if (n + 65536 + 1 > cap) {
			char *nb = realloc(buf, cap = (n + 65536 + 1) * 2);
			if (nb == NULL) {
				free(buf);
				fclose(f);
				return -1;
			}
			buf = nb;
		}
		size_t got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		free(buf);
		fclose(f);
		return -1;
	}
	fclose(f);
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}

/* The temporary file: a directory of its own under $TMPDIR, so the file
 * can carry the document's name (editors show it). */
struct tmp {
	char dir[4096], path[4200];
};

static int tmp_make(struct tmp *t, const char *doc)
{
	const char *base = getenv("TMPDIR");
	int fd;

	snprintf(t->dir, sizeof(t->dir), "%s/codeer-edit-XXXXXX", base && *base ? base : "/tmp");
	if (mkdtemp(t->dir) == NULL)
		return cli_error("cannot make a temporary directory in %s: %s", base && *base ? base : "/tmp",
				 strerror(errno));
	snprintf(t->path, sizeof(t->path), "%s/%s.txt", t->dir, doc);
	if ((fd = open(t->path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0) {
		rmdir(t->dir);
		return cli_error("%s: %s", t->path, strerror(errno));
	}
	close(fd);
	return EXIT_OK;
}

static void tmp_remove(struct tmp *t)
{
	unlink(t->path);
	rmdir(t->dir);
}

/* The coder's codings and their version, read together: a version taken
 * before and after the load that differ mean a writer came between. */
static int load_at_version(cdr_project *p, const char *coder, cdr_codings **k, char base[CDR_VERSION_SIZE])
{
	char after[CDR_VERSION_SIZE];

	for (int tries = 0; tries < 5; tries++) {
		if (cdr_codings_version(base, p, coder) < 0 || cdr_codings_load(k, p, coder, on_warn, NULL) < 0 ||
		    cdr_codings_version(after, p, coder) < 0)
			return cli_lib_error();
		if (strcmp(base, after) == 0)
			return EXIT_OK;
		cdr_codings_free(*k);
		*k = NULL;
	}
	return cli_error("%s's codings keep changing (another codeer is writing them): try again", coder);
}

static void print_changes(const cdr_edit_result *r)
{
	for (size_t i = 0; i < r->nchanges; i++) {
		const cdr_edit_change *c = &r->changes[i];
		printf("%s\tt%zu\tc%zu-%zu\t%s\n", c->add ? "added" : "removed", c->turn, c->start, c->end, c->code);
	}
}

static int edit_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	const char *coder = cli_str(a, "coder"), *doc_id = a->argv[0], *ed = editor();
	char base[CDR_VERSION_SIZE], now[CDR_VERSION_SIZE];
	char *shown = NULL, *edited = NULL;
	size_t shown_len = 0, edited_len = 0;
	cdr_edit_result r = { 0 };
	cdr_project *p = NULL;
	cdr_document *doc = NULL;
	cdr_schemes *set = NULL;
	cdr_codings *k = NULL;
	struct tmp t;
	int rc, keep = 0, made = 0;

	if (coder == NULL)
		coder = cli_hand_coder();
	else if (!cdr_coder_valid(coder))
		return cli_usage_error(a->cmd, "'%s' is not a valid coder name (letters, digits, _ - .)", coder);
	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		return rc;
	if (cdr_project_doc_load(&doc, p, doc_id, 1) < 0 || cdr_schemes_load(&set, p) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	if ((rc = load_at_version(p, coder, &k, base)) != EXIT_OK)
		goto done;
	if (cdr_edit_write(&shown, &shown_len, doc, doc_id, set, k) < 0) {
		rc = cli_lib_error();
		goto done;
	}
	if ((rc = tmp_make(&t, doc_id)) != EXIT_OK)
		goto done;
	made = 1;
	if (write_file(t.path, shown, shown_len) < 0) {
		rc = cli_error("%s: %s", t.path, strerror(errno));
		goto done;
	}
	for (int round = 0;; round++) {
		int st = run_editor(ed, t.path);
		if (st != 0) {
			rc = cli_error(st < 0 ? "could not run the editor '%s': nothing changed"
					      : "the editor '%s' failed (exit status %d): nothing changed",
				       ed, st);
			/* what the user typed before the editor failed stays */
			free(edited);
			edited = NULL;
			keep = read_file(t.path, &edited, &edited_len) == 0 &&
			       (edited_len != shown_len || memcmp(edited, shown, shown_len) != 0);
			goto done;
		}
		free(edited);
		if (read_file(t.path, &edited, &edited_len) < 0) {
			rc = cli_error("%s: %s: nothing changed", t.path, strerror(errno));
			goto done;
		}
		if (edited_len == shown_len && memcmp(edited, shown, shown_len) == 0) {
			if (round == 0) {
				fprintf(stderr, "codeer: no changes: nothing written\n");
				rc = EXIT_OK;
			} else {
				/* reopened on mistakes and closed without a change: the
				 * user gives up, and the edit stays for later */
				rc = cli_error("the mistakes are still there: nothing changed");
				keep = 1;
			}
			goto done;
		}
		/* the codebook as it is now: a code added to a scheme meanwhile counts */
		cdr_schemes_free(set);
		set = NULL;
		cdr_edit_result_free(&r);
		if (cdr_schemes_load(&set, p) < 0 || cdr_edit_read(&r, edited, edited_len, doc, doc_id, set, k) < 0) {
			rc = cli_lib_error();
			keep = 1;
			goto done;
		}
		if (r.empty) {
			fprintf(stderr, "codeer: the file has no turn lines left: nothing written\n");
			rc = EXIT_OK;
			goto done;
		}
		if (r.nerrors == 0)
			break;
		for (size_t i = 0; i < r.nerrors; i++)
			fprintf(stderr, "codeer: line %zu: %s\n", r.errors[i].line, r.errors[i].message);
		free(shown);
		shown = NULL;
		if (cdr_edit_mark(&shown, &shown_len, edited, edited_len, &r) < 0 ||
		    write_file(t.path, shown, shown_len) < 0) {
			rc = shown ? cli_error("%s: %s", t.path, strerror(errno)) : cli_lib_error();
			keep = 1;
			goto done;
		}
		/* an editor that is a script could go on for ever */
		if (round + 1 == MAX_ROUNDS) {
			rc = cli_error("mistakes after %d rounds in the editor: nothing changed", MAX_ROUNDS);
			keep = 1;
			goto done;
		}
		fprintf(stderr, "codeer: reopening the editor: each mistake is marked '# error:' above its line\n");
	}
	if (r.nchanges == 0) {
		fprintf(stderr, "codeer: no changes: nothing written\n");
		rc = EXIT_OK;
		goto done;
	}
	/* Under the lock, the codings must still be the ones the file showed:
	 * another writer's change is never overwritten. */
	if (cdr_project_lock(p, on_wait) < 0 || cdr_codings_version(now, p, coder) < 0) {
		rc = cli_lib_error();
		keep = 1;
		goto done;
	}
	if (strcmp(now, base) != 0) {
		rc = cli_error("%s's codings changed while the editor was open (another codeer or the coding page wrote "
			       "them): nothing written; run code edit again",
			       coder);
		keep = 1;
		goto done;
	}
	if (cdr_edit_apply(k, doc_id, &r) < 0 || cdr_codings_save(k) < 0) {
		rc = cli_lib_error();
		keep = 1;
		goto done;
	}
	print_changes(&r);
	rc = EXIT_OK;
done:
	if (made && keep)
		fprintf(stderr, "codeer: the edited file is kept as %s\n", t.path);
	else if (made)
		tmp_remove(&t);
	cdr_edit_result_free(&r);
	free(shown);
	free(edited);
	cdr_codings_free(k);
	cdr_schemes_free(set);
	cdr_document_free(doc);
	cdr_project_free(p);
	return rc;
}
