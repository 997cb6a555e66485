/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Where the perso code comes from: --code, --code-file, PERSOCARD_CODE,
 * or a prompt without echo on a terminal, in that order.
 */
#ifndef PERSOCARD_CLI_CODE_H
#define PERSOCARD_CLI_CODE_H

#include <stdbool.h>

#include "value.h"

struct code_opts {
	char *code;		/* --code, wiped once read */
	const char *file;	/* --code-file */
};

enum {
	OPT_CODE = 0x100,
	OPT_CODE_FILE,
};

#define CODE_LONGOPTS \
	{ "code",	required_argument,	NULL,	OPT_CODE }, \
	{ "code-file",	required_argument,	NULL,	OPT_CODE_FILE }

void code_opt(struct code_opts *opts, int opt, char *arg);

/*
 * code_from_options() - the code given by --code, --code-file or
 * PERSOCARD_CODE, parsed; exits with 2 on a bad one.
 *
 * Return: true and @code set, or false if none was given.
 */
bool code_from_options(const struct code_opts *opts, struct value *code);

/*
 * code_prompt() - ask for the code on the terminal, without echo.
 *
 * Return: 0; -1 with *err an allocated message (no terminal, a bad code).
 */
int code_prompt(const char *device, struct value *code, char **err);

#endif /* PERSOCARD_CLI_CODE_H */
