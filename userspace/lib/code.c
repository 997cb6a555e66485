// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Where a perso code comes from: a file's first line, PERSOCARD_CODE, or
 * a prompt without echo.  The code is a secret: every copy is wiped.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "internal.h"

PERSOCARD_API int persocard_code_from_file(const char *path, uint8_t **code,
					   size_t *len,
					   struct persocard_diag *diag)
{
	char *buf, *nl;
	size_t n;
	int ret;

	if (!path)
		return diag_set(diag, EINVAL, 0, "%s", strerror(EINVAL));
	if (!strcmp(path, "-"))
		ret = read_all(STDIN_FILENO, PERSOCARD_FILE_MAX, &buf, &n);
	else
		ret = read_file(path, PERSOCARD_FILE_MAX, &buf, &n);
	if (ret && errno == EFBIG)
		return diag_set(diag, EFBIG, 0, "larger than %d bytes",
				PERSOCARD_FILE_MAX);
	if (ret)
		return diag_set(diag, errno, 0, "%s", strerror(errno));
	nl = strchr(buf, '\n');
	if (nl) {
		*nl = '\0';
		if (nl > buf && nl[-1] == '\r')
			nl[-1] = '\0';
	}
	ret = persocard_parse_code(buf, code, len, diag);
	persocard_secret_free(buf, n + 1);
	return ret;
}

PERSOCARD_API int persocard_code_from_env(uint8_t **code, size_t *len,
					  struct persocard_diag *diag)
{
	const char *env = getenv("PERSOCARD_CODE");

	if (!env || !*env)
		return 0;
	return persocard_parse_code(env, code, len, diag) ? -1 : 1;
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

PERSOCARD_API int persocard_code_prompt(const char *device, uint8_t **code,
					size_t *len,
					struct persocard_diag *diag)
{
	struct sigaction sa, old[ARRAY_SIZE(prompt_signals)];
	/* Longest code: "hex:" and 64 digits; one more byte tells too long. */
	char line[4 + 2 * PERSOCARD_CODE_MAX_LEN + 2];
	size_t n = 0, i;
	struct termios tio;
	int too_long = 0, ret;
	ssize_t r;
	char c;

	if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &saved_tio))
		return diag_set(diag, ENOTTY, 0, "no perso code: give --code-file FILE, PERSOCARD_CODE, or run on a terminal");
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

	fprintf(stderr, "Perso code for %s: ", device ? device : "the card");
	fflush(stderr);
	for (;;) {
		r = read(STDIN_FILENO, &c, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0 || c == '\n')
			break;
		if (n < sizeof(line) - 1)
			line[n++] = c;
		else
			too_long = 1;
	}
	line[n] = '\0';
	explicit_bzero(&c, sizeof(c));

	/* Lines typed ahead after the code are the shell's: keep them. */
	tcsetattr(STDIN_FILENO, TCSANOW, &saved_tio);
	tio_saved = 0;
	for (i = 0; i < ARRAY_SIZE(prompt_signals); i++)
		sigaction(prompt_signals[i], &old[i], NULL);
	fputc('\n', stderr);

	if (too_long)
		ret = diag_set(diag, EMSGSIZE, 0,
			       "the perso code must be %d to %d bytes",
			       PERSOCARD_CODE_MIN_LEN, PERSOCARD_CODE_MAX_LEN);
	else
		ret = persocard_parse_code(line, code, len, diag);
	explicit_bzero(line, sizeof(line));
	return ret;
}
