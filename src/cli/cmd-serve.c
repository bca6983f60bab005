/* cmd-serve.c -- codeer serve: the coding page on the project, in a
 * browser (docs/serve.md). The server itself is src/serve/; this command
 * reads the options, picks the coder, prints the page's address and
 * opens it, and waits for Ctrl-C. */
#include <arpa/inet.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "cli/cli.h"
#include "serve/serve.h"

extern char **environ;

static int serve_exec(struct cli_ctx *ctx, const struct cli_args *a);

const struct cdr_cmd cmd_serve = {
	.name = "serve",
	.summary = "the coding page: code, compare and retrieve in a browser",
	.opts = (const struct cli_opt[]){
		{ "port", 0, CLI_OPT_INT, "N", "the TCP port (default 8642; 0 picks a free one)", NULL, 0 },
		{ "bind", 0, CLI_OPT_STRING, "ADDR",
		  "the address to listen on (default 127.0.0.1); any other\n"
		  "than a loopback address lets other machines reach the page", NULL, 0 },
		{ "coder", 0, CLI_OPT_STRING, "NAME",
		  "code as NAME at the start (default: the project's coder,\n"
		  "else $CODEER_CODER, else $USER); the page can switch", NULL, 0 },
		{ "no-open", 0, CLI_OPT_FLAG, NULL, "do not open a browser", NULL, 0 },
		{ NULL },
	},
	.help = "The page's address carries a random token; every request must show it.\n"
		"The address is printed on standard error, and alone on the first line of\n"
		"standard output for scripts. Ctrl-C (or SIGTERM) stops the server cleanly.\n",
	.examples = CLI_EXAMPLES("codeer serve", "codeer serve --coder anna --port 8700",
				 "codeer serve --port 0 --no-open  # a free port; read the address from stdout"),
	.exit_status = "0 after a clean stop (Ctrl-C or SIGTERM); 2 when the server cannot start (port in use, no "
		       "project, bad options).",
	.exec = serve_exec,
};

static const char *pick_coder(const char *given, cdr_project *p)
{
	const char *c;

	if (given)
		return given;
	if ((c = cdr_project_default_coder(p)) != NULL && cdr_coder_valid(c))
		return c;
	if ((c = getenv("CODEER_CODER")) != NULL && cdr_coder_valid(c))
		return c;
	if ((c = getenv("USER")) != NULL && cdr_coder_valid(c))
		return c;
	return NULL;
}

/* xdg-open in the background, only where there is a display: on a
 * server over ssh a text browser would take over the terminal. */
static void open_browser(const char *url)
{
	const char *display = getenv("DISPLAY"), *wayland = getenv("WAYLAND_DISPLAY");
	char *argv[] = { "sh", "-c", "xdg-open \"$1\" >/dev/null 2>&1 &", "sh", (char *)url, NULL };
	posix_spawnattr_t attr;
	sigset_t none;
	pid_t pid;

	if ((display == NULL || *display == '\0') && (wayland == NULL || *wayland == '\0'))
		return;
	/* the server blocks SIGINT and SIGTERM; the browser must not inherit that */
	sigemptyset(&none);
	if (posix_spawnattr_init(&attr) != 0)
		return;
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK);
	if (posix_spawn(&pid, "/bin/sh", NULL, &attr, argv, environ) == 0)
		waitpid(pid, NULL, 0); /* the shell leaves xdg-open running and returns */
	posix_spawnattr_destroy(&attr);
}

static int serve_exec(struct cli_ctx *ctx, const struct cli_args *a)
{
	struct serve_options o = { 0 };
	const char *bind = cli_str(a, "bind"), *host;
	long port = cli_int(a, "port", 8642);
	unsigned char addr[16];
	char hostbuf[80];
	struct serve *s = NULL;
	cdr_project *p = NULL;
	int rc, sig;

	if (port < 0 || port > 65535)
		return cli_usage_error(a->cmd, "--port %ld: a port is 0 to 65535", port);
	if (bind && strcmp(bind, "localhost") == 0)
		bind = "127.0.0.1";
	if (bind && inet_pton(AF_INET, bind, addr) != 1 && inet_pton(AF_INET6, bind, addr) != 1)
		return cli_usage_error(a->cmd, "--bind '%s': give an IPv4 or IPv6 address", bind);
	if (cli_str(a, "coder") && !cdr_coder_valid(cli_str(a, "coder")))
		return cli_usage_error(a->cmd, "--coder '%s' is not a valid coder name (letters, digits, _ - .)",
				       cli_str(a, "coder"));
	if ((rc = cli_open_project(ctx, &p)) != EXIT_OK)
		return rc;
	o.project_dir = cdr_project_path(p);
	o.bind = bind;
	o.port = (int)port;
	o.coder = pick_coder(cli_str(a, "coder"), p);
	if (serve_start(&s, &o) < 0) {
		rc = cli_lib_error();
		cdr_project_free(p);
		return rc;
	}
	/* the address to open: a wildcard address is reached on loopback */
	host = bind ? bind : "127.0.0.1";
	if (strcmp(host, "0.0.0.0") == 0)
		host = "127.0.0.1";
	else if (strcmp(host, "::") == 0)
		host = "[::1]";
	else if (strchr(host, ':')) {
		snprintf(hostbuf, sizeof(hostbuf), "[%s]", host);
		host = hostbuf;
	}
	printf("http://%s:%d/?token=%s\n", host, serve_port(s), serve_token(s));
	fflush(stdout);
	fprintf(stderr, "codeer: serving %s on http://%s:%d/?token=%s\n", *cdr_project_name(p) ? cdr_project_name(p) : "the project",
		host, serve_port(s), serve_token(s));
	if (o.coder)
		fprintf(stderr, "codeer: coding as %s; Ctrl-C stops\n", o.coder);
	else
		fprintf(stderr, "codeer: no coder yet (--coder NAME, or choose one on the page); Ctrl-C stops\n");
	if (!cli_flag(a, "no-open")) {
		char url[200];
		snprintf(url, sizeof(url), "http://%s:%d/?token=%s", host, serve_port(s), serve_token(s));
		open_browser(url);
	}
	sig = serve_wait(s);
	fprintf(stderr, "codeer: %s: stopping\n", sig == SIGTERM ? "SIGTERM" : sig == SIGHUP ? "SIGHUP" : "Ctrl-C");
	serve_stop(s);
	cdr_project_free(p);
	return EXIT_OK;
}
