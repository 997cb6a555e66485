// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The perso code's sources.  The code is a secret: every copy is wiped.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "code.h"
#include "common.h"
#include "io.h"

/* Both may be given: --code wins, and the file is not read. */
void code_opt(struct code_opts *opts, int opt, char *arg)
{
	if (opt == OPT_CODE)
		opts->code = arg;
	else
		opts->file = arg;
}

static void NORETURN bad_code(const char *source, char *err)
{
	msg(subcommand, "%s: %s", source, err);
	free(err);
	exit(EXIT_USAGE);
}

/* The first line of the file, or of standard input for "-". */
static bool code_from_file(const char *path, struct value *code)
{
	char *buf, *err, *nl;
	size_t len;
	int ret;

	if (!strcmp(path, "-"))
		ret = read_all(STDIN_FILENO, IO_MAX_FILE, &buf, &len);
	else
		ret = read_file(path, IO_MAX_FILE, &buf, &len);
	if (ret) {
		if (errno == EFBIG)
			die(EXIT_USAGE, "%s: larger than %d bytes", path,
			    IO_MAX_FILE);
		die(EXIT_USAGE, "%s: %s", path, strerror(errno));
	}
	nl = strchr(buf, '\n');
	if (nl) {
		*nl = '\0';
		if (nl > buf && nl[-1] == '\r')
			nl[-1] = '\0';
	}
	ret = code_parse(buf, code, &err);
	wipe_free(buf, len + 1);
	if (ret)
		bad_code(path, err);
	return true;
}

bool code_from_options(const struct code_opts *opts, struct value *code)
{
	const char *env;
	char *err;
	int ret;

	if (opts->code) {
		ret = code_parse(opts->code, code, &err);
		/* Shortens the time it shows in /proc/PID/cmdline. */
		explicit_bzero(opts->code, strlen(opts->code));
		if (ret)
			bad_code("--code", err);
		return true;
	}
	if (opts->file)
		return code_from_file(opts->file, code);
	env = getenv("PERSOCARD_CODE");
	if (env && *env) {
		if (code_parse(env, code, &err))
			bad_code("PERSOCARD_CODE", err);
		return true;
	}
	return false;
}

static struct termios saved_tio;
static volatile sig_atomic_t tio_saved;

/* A signal during the prompt must not leave the terminal without echo. */
static void restore_and_raise(int sig)
{
	if (tio_saved)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_tio);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Not SIGTSTP: the shell that stops us saves and restores the modes. */
static const int prompt_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };

int code_prompt(const char *device, struct value *code, char **err)
{
	struct sigaction sa, old[ARRAY_SIZE(prompt_signals)];
	/* Longest code: "hex:" and 64 digits; one more byte tells too long. */
	char line[4 + 2 * PERSOCARD_CODE_MAX_LEN + 2];
	size_t len = 0, i;
	struct termios tio;
	bool too_long = false;
	ssize_t n;
	char c;
	int ret;

	if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &saved_tio)) {
		*err = xstrdup("no perso code: give --code-file FILE, PERSOCARD_CODE, or run on a terminal");
		return -1;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = restore_and_raise;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < ARRAY_SIZE(prompt_signals); i++)
		sigaction(prompt_signals[i], &sa, &old[i]);
	tio = saved_tio;
	tio.c_lflag &= ~(ECHO | ECHOE | ECHOK | ECHONL);
	tio.c_lflag |= ICANON;
	tio_saved = 1;
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &tio);

	fprintf(stderr, "Perso code for %s: ", device);
	fflush(stderr);
	for (;;) {
		n = read(STDIN_FILENO, &c, 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0 || c == '\n')
			break;
		if (len < sizeof(line) - 1)
			line[len++] = c;
		else
			too_long = true;
	}
	line[len] = '\0';
	explicit_bzero(&c, sizeof(c));

	/* Lines typed ahead after the code are the shell's: keep them. */
	tcsetattr(STDIN_FILENO, TCSANOW, &saved_tio);
	tio_saved = 0;
	for (i = 0; i < ARRAY_SIZE(prompt_signals); i++)
		sigaction(prompt_signals[i], &old[i], NULL);
	fputc('\n', stderr);

	if (too_long) {
		*err = xasprintf("the perso code must be %d to %d bytes",
				 PERSOCARD_CODE_MIN_LEN, PERSOCARD_CODE_MAX_LEN);
		ret = -1;
	} else {
		ret = code_parse(line, code, err);
	}
	explicit_bzero(line, sizeof(line));
	return ret;
}
