// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * shell: one session on one card, a command per line, from the terminal
 * (libedit), a script or standard input.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <editline/readline.h>

#include "code.h"
#include "common.h"
#include "io.h"
#include "query.h"
#include "subcmd.h"
#include "value.h"

#define SHELL_QUIT	(-1)

struct shell {
	struct persocard_card *card;
	struct value code;	/* from the code options, if given */
	bool have_code;
};

struct shell_cmd {
	const char *name;
	int (*run)(struct shell *sh, const char *name, char *args);
	const char *args;
	const char *help;
};

static int no_args(const char *name, const char *args)
{
	if (blank_or_comment(args))
		return 0;
	msg(name, "unexpected argument '%s'", args);
	return EXIT_USAGE;
}

/* The tag of a command line, or an error printed. */
static int get_tag(struct shell *sh, const char *name, char **args,
		   uint16_t *tag, char *tname)
{
	const struct persocard_tag *desc;
	char *t = next_word(args);

	if (!*t || *t == '#') {
		msg(name, "missing TAG");
		return EXIT_USAGE;
	}
	if (tag_parse(persocard_card_get_profile(sh->card), t, tag, &desc)) {
		msg(name, "no element '%s' in the %s profile", t,
		    profile_str(persocard_card_profile(sh->card)));
		return EXIT_USAGE;
	}
	tag_label(desc, *tag, tname, TAG_NAME_SIZE);
	return 0;
}

static int sh_enable(struct shell *sh, const char *name, char *args)
{
	int ret = no_args(name, args);

	if (ret)
		return ret;
	if (persocard_card_enable(sh->card))
		return report_failure(sh->card, name, NULL, NULL, 0);
	print_ok(sh->card, name);
	return 0;
}

static int sh_verify(struct shell *sh, const char *name, char *args)
{
	struct value code = { 0 };
	size_t n = strlen(args);
	char *err = NULL;
	int ret;

	/* The code is the rest of the line, as typed: no comment. */
	while (n && is_blank(args[n - 1]))
		n--;
	args[n] = '\0';
	if (n) {
		ret = code_parse(args, &code, &err);
	} else if (sh->have_code) {
		code = sh->code;
		ret = 0;
	} else {
		ret = code_prompt(persocard_card_path(sh->card), &code, &err);
	}
	if (ret) {
		msg(name, "%s", err);
		free(err);
		return EXIT_USAGE;
	}
	if (persocard_card_verify(sh->card, code.data, code.len, NULL))
		ret = report_failure(sh->card, name, NULL, NULL, 0);
	else
		print_ok(sh->card, name);
	if (code.data != sh->code.data)
		value_free(&code);
	return ret;
}

static int sh_put(struct shell *sh, const char *name, char *args)
{
	char tname[TAG_NAME_SIZE], *err;
	struct value v;
	uint16_t tag;
	int ret;

	ret = get_tag(sh, name, &args, &tag, tname);
	if (ret)
		return ret;
	if (!*args) {
		msg(name, "%s: missing value", tname);
		return EXIT_USAGE;
	}
	if (value_parse(args, NULL, &v, &err)) {
		msg(name, "%s: %s", tname, err);
		free(err);
		return EXIT_USAGE;
	}
	if (persocard_card_put(sh->card, tag, v.data, v.len))
		ret = report_failure(sh->card, name, tname, NULL, 0);
	else
		print_put_ok(sh->card, tag, v.len);
	value_free(&v);
	return ret;
}

static int sh_lock(struct shell *sh, const char *name, char *args)
{
	uint16_t missing[PERSOCARD_MAX_TAGS];
	unsigned int nr = 0;
	int ret = no_args(name, args);

	if (ret)
		return ret;
	if (persocard_card_lock(sh->card, missing, &nr))
		return report_failure(sh->card, name, NULL, missing,
				      nr < PERSOCARD_MAX_TAGS ?
				      nr : PERSOCARD_MAX_TAGS);
	print_ok(sh->card, name);
	return 0;
}

static int sh_reset(struct shell *sh, const char *name, char *args)
{
	int ret = no_args(name, args);

	if (ret)
		return ret;
	if (persocard_card_reset(sh->card))
		return report_failure(sh->card, name, NULL, NULL, 0);
	print_ok(sh->card, name);
	return 0;
}

static int sh_status(struct shell *sh, const char *name, char *args)
{
	struct persocard_card_status *st;
	int ret = no_args(name, args);

	if (ret)
		return ret;
	st = persocard_card_get_status(sh->card);
	if (!st)
		return report_failure(sh->card, name, NULL, NULL, 0);
	/* One line, as every answer of the shell. */
	printf("status: %s, tries left %u/%u, session: %s\n",
	       state_str(persocard_card_status_get_state(st)),
	       persocard_card_status_get_tries_left(st),
	       persocard_card_status_get_try_limit(st),
	       !persocard_card_status_has_session(st) ? "no" :
	       persocard_card_status_is_owner(st) ? "ours" : "another file's");
	persocard_card_status_free(st);
	return 0;
}

static int sh_read(struct shell *sh, const char *name, char *args)
{
	char tname[TAG_NAME_SIZE];
	uint8_t *buf;
	uint16_t tag;
	ssize_t n;
	int ret;

	ret = get_tag(sh, name, &args, &tag, tname);
	if (!ret)
		ret = no_args(name, args);
	if (ret)
		return ret;
	n = read_value(sh->card, tag, &buf);
	if (n < 0)
		return report_failure(sh->card, name, tname, NULL, 0);
	print_hex(buf, n);
	free(buf);
	return 0;
}

static int sh_help(struct shell *sh, const char *name, char *args);

static int sh_quit(struct shell *sh, const char *name, char *args)
{
	int ret = no_args(name, args);

	(void)sh;
	return ret ? ret : SHELL_QUIT;
}

static const struct shell_cmd cmds[] = {
	{ "enable",	sh_enable,	"",		"ENABLE PERSO" },
	{ "verify",	sh_verify,	"[CODE]",
	  "VERIFY PERSO CODE; without CODE, the code options' code\n"
	  "                  (or a prompt on a terminal)" },
	{ "put",	sh_put,		"TAG VALUE",	"PUT PERSO DATA" },
	{ "lock",	sh_lock,	"",
	  "LOCK PERSO; a refusal names the missing elements" },
	{ "reset",	sh_reset,	"",		"warm reset: ends the session" },
	{ "status",	sh_status,	"",
	  "state, try counter and session, on one line" },
	{ "read",	sh_read,	"TAG",		"GET DATA, in hexadecimal" },
	{ "help",	sh_help,	"",		"this list of commands" },
	{ "quit",	sh_quit,	"",		"leave (as does end of file)" },
	{ "exit",	sh_quit,	"",		"leave (as does end of file)" },
};

#define NR_CMDS	ARRAY_SIZE(cmds)

static int sh_help(struct shell *sh, const char *name, char *args)
{
	char usage[32];
	size_t i;
	int ret = no_args(name, args);

	(void)sh;
	if (ret)
		return ret;
	for (i = 0; i < NR_CMDS; i++) {
		snprintf(usage, sizeof(usage), "%s %s", cmds[i].name,
			 cmds[i].args);
		printf("%-17s %s\n", usage, cmds[i].help);
	}
	printf("Values: hex digits (blanks between them allowed), \"quoted text\",\n"
	       "text:TEXT or @FILE. Lines starting with # are skipped.\n");
	return 0;
}

/*
 * run_line() - run one command line.
 *
 * Return: 0, the exit status of a command that failed, SHELL_QUIT, or 0
 * for a blank or comment line.
 */
static int run_line(struct shell *sh, char *line)
{
	char *s = (char *)skip_blanks(line), *name;
	size_t i;

	if (!*s || *s == '#')
		return 0;
	name = next_word(&s);
	for (i = 0; i < NR_CMDS; i++)
		if (!strcmp(name, cmds[i].name))
			return cmds[i].run(sh, cmds[i].name, s);
	msg(subcommand, "unknown command '%s' (try help)", name);
	return EXIT_USAGE;
}

/* Lines that hold a code or a secret value stay out of the history. */
static bool secret_line(struct shell *sh, const char *line)
{
	const struct persocard_tag *desc;
	const char *s = skip_blanks(line);
	bool secret = false;
	uint16_t tag;
	size_t n;
	char *t;

	n = strcspn(s, " \t");
	if (n == 6 && !strncmp(s, "verify", 6))
		return true;
	if (n != 3 || strncmp(s, "put", 3))
		return false;
	s = skip_blanks(s + 3);
	t = strndup(s, strcspn(s, " \t"));
	if (!t)
		die_nomem();
	if (!tag_parse(persocard_card_get_profile(sh->card), t, &tag, &desc) &&
	    desc)
		secret = persocard_tag_is_secret(desc);
	free(t);
	return secret;
}

/* A command that failed sets the exit status; -e stops there. */
static bool account(int ret, int *status, bool errexit)
{
	/* A program driving the shell through a pipe waits for each answer. */
	fflush(stdout);
	if (ret == SHELL_QUIT)
		return false;
	if (ret)
		*status = ret;
	return !(ret && errexit);
}

static int interactive(struct shell *sh, bool errexit)
{
	char *line, *prompt;
	int status = 0;
	bool go_on;

	rl_readline_name = "persocard";
	using_history();
	for (;;) {
		prompt = xasprintf("persocard%u %s> ",
				   persocard_card_index(sh->card),
				   card_state(sh->card));
		fflush(stdout);
		line = readline(prompt);
		free(prompt);
		if (!line) {
			putchar('\n');
			break;
		}
		if (*skip_blanks(line) && !secret_line(sh, line))
			add_history(line);
		go_on = account(run_line(sh, line), &status, errexit);
		wipe_str(line);
		if (!go_on)
			break;
	}
	clear_history();
	return status;
}

static int batch(struct shell *sh, int fd, const char *name, bool errexit)
{
	struct line_reader lr;
	int status = 0, ret;
	char *line;

	lr_init(&lr, fd);
	for (;;) {
		ret = lr_getline(&lr, &line);
		if (ret < 0) {
			msg(subcommand, "%s: %s", name, strerror(errno));
			status = errno == EFBIG ? EXIT_USAGE : EXIT_SYSTEM;
			break;
		}
		if (!ret || !account(run_line(sh, line), &status, errexit))
			break;
	}
	lr_release(&lr);
	return status;
}

static int do_shell(int argc, char **argv)
{
	static const struct option longopts[] = {
		CARD_LONGOPTS,
		CODE_LONGOPTS,
		{ "errexit",	no_argument,	NULL,	'e' },
		{ "help",	no_argument,	NULL,	'h' },
		{ 0 }
	};
	struct code_opts copts = { 0 };
	struct card_sel sel = { 0 };
	struct shell sh = { 0 };
	const char *script = NULL;
	bool errexit = false;
	int opt, fd = STDIN_FILENO, status;

	while ((opt = getopt_long(argc, argv, ":" CARD_SHORTOPTS "eh",
				  longopts, NULL)) != -1) {
		switch (opt) {
		case 'c':
		case 'd':
			card_sel_opt(&sel, opt, optarg);
			break;
		case OPT_CODE:
		case OPT_CODE_FILE:
			code_opt(&copts, opt, optarg);
			break;
		case 'e':
			errexit = true;
			break;
		case 'h':
			subcmd_help(&subcmd_shell);
		default:
			bad_option(opt, optopt, argv);
		}
	}
	if (optind < argc)
		script = argv[optind++];
	no_more_args(argc, argv);
	if (script && !strcmp(script, "-"))
		script = NULL;
	if (!script && copts.file && !strcmp(copts.file, "-"))
		die_usage("the commands and --code-file cannot both be standard input");

	sh.have_code = code_from_options(&copts, &sh.code);
	if (script) {
		fd = open(script, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			die(EXIT_USAGE, "%s: %s", script, strerror(errno));
	}
	sh.card = card_open(&sel);

	if (!script && isatty(STDIN_FILENO))
		status = interactive(&sh, errexit);
	else
		status = batch(&sh, fd, script ? script : "<stdin>", errexit);

	if (script)
		close(fd);
	value_free(&sh.code);
	persocard_card_close(sh.card);
	return status;
}

const struct subcmd subcmd_shell = {
	"shell", do_shell, "[-c N | -d PATH] [CODE OPTIONS] [-e] [SCRIPT]",
	"A session on one card, one command per line: from the terminal (with\n"
	"line editing and an in-memory history without verify lines or secret\n"
	"values), from SCRIPT, or from standard input. Commands: enable,\n"
	"verify [CODE], put TAG VALUE, lock, reset, status, read TAG, help,\n"
	"quit, exit. An accepted command prints COMMAND: OK (SW 9000), STATE;\n"
	"a failed one an error, and the shell goes on. The exit status is\n"
	"that of the last command that failed, or 0.\n\n"
	CARD_HELP
	"  -e, --errexit         stop at the first command that fails\n"
	CODE_HELP HELP_HELP CODE_NOTE,
};
