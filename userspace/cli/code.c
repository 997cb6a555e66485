// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The perso code options, in their order: --code, --code-file,
 * PERSOCARD_CODE, then a prompt.  libpersocard reads each source.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "code.h"
#include "common.h"

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

bool code_from_options(const struct code_opts *opts, struct value *code)
{
	struct persocard_diag d;
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
	if (opts->file) {
		if (persocard_code_from_file(opts->file, &code->data,
					     &code->len, &d))
			bad_code(opts->file, xstrdup(d.message));
		return true;
	}
	ret = persocard_code_from_env(&code->data, &code->len, &d);
	if (ret < 0)
		bad_code("PERSOCARD_CODE", xstrdup(d.message));
	return ret > 0;
}

int code_prompt(const char *device, struct value *code, char **err)
{
	struct persocard_diag d;

	if (!persocard_code_prompt(device, &code->data, &code->len, &d))
		return 0;
	*err = xstrdup(d.message);
	return -1;
}
