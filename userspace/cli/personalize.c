// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * personalize: a whole personalization from a data file, in one session.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "code.h"
#include "common.h"
#include "datafile.h"
#include "subcmd.h"

static int perso(struct persocard_card *card, const struct data_file *df,
		 const struct value *code)
{
	uint16_t missing[PERSOCARD_MAX_TAGS];
	unsigned int nr_missing = 0;
	size_t i;

	if (persocard_card_enable(card))
		return report_failure(card, "enable", NULL, NULL, 0);
	print_ok(card, "enable");

	if (persocard_card_verify(card, code->data, code->len, NULL))
		return report_failure(card, "verify", NULL, NULL, 0);
	print_ok(card, "verify");

	for (i = 0; i < df->nr; i++) {
		const struct data_element *el = &df->el[i];

		if (persocard_card_put(card, el->tag, el->value.data,
				       el->value.len))
			return report_failure(card, "put", el->desc->name,
					      NULL, 0);
		print_put_ok(card, el->tag, el->value.len);
	}

	if (persocard_card_lock(card, missing, &nr_missing))
		return report_failure(card, "lock", NULL, missing,
				      nr_missing < PERSOCARD_MAX_TAGS ?
				      nr_missing : PERSOCARD_MAX_TAGS);
	print_ok(card, "lock");
	return 0;
}

static int do_personalize(int argc, char **argv)
{
	static const struct option longopts[] = {
		CARD_LONGOPTS,
		CODE_LONGOPTS,
		{ "help",	no_argument,	NULL,	'h' },
		{ 0 }
	};
	struct code_opts copts = { 0 };
	struct persocard_card *card;
	struct card_sel sel = { 0 };
	struct value code = { 0 };
	struct data_file df;
	const char *path;
	char *err;
	int opt, ret;

	while ((opt = getopt_long(argc, argv, ":" CARD_SHORTOPTS "h",
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
		case 'h':
			subcmd_help(&subcmd_personalize);
		default:
			bad_option(opt, optopt, argv);
		}
	}
	if (optind == argc)
		die_usage("missing FILE");
	path = argv[optind++];
	no_more_args(argc, argv);
	if (!strcmp(path, "-") && copts.file && !strcmp(copts.file, "-"))
		die_usage("FILE and --code-file cannot both be standard input");

	card = card_open(&sel);
	if (data_file_load(card, path, &df)) {
		persocard_card_close(card);
		return EXIT_USAGE;
	}
	/* Nothing is sent before the code is known to be well formed. */
	if (!code_from_options(&copts, &code) &&
	    code_prompt(persocard_card_path(card), &code, &err)) {
		msg(subcommand, "%s", err);
		free(err);
		data_file_free(&df);
		persocard_card_close(card);
		return EXIT_USAGE;
	}

	ret = perso(card, &df, &code);

	value_free(&code);
	data_file_free(&df);
	persocard_card_close(card);
	return ret;
}

const struct subcmd subcmd_personalize = {
	"personalize", do_personalize, "[-c N | -d PATH] [CODE OPTIONS] FILE",
	"A whole personalization in one session: reads FILE (- for standard\n"
	"input) and checks it against the card's profile, then sends ENABLE\n"
	"PERSO, VERIFY PERSO CODE, one PUT PERSO DATA per element in file\n"
	"order and LOCK PERSO, printing one line per command:\n"
	"  COMMAND: OK (SW 9000), STATE\n"
	"  put: NAME (0xTAG, N bytes): OK (SW 9000), STATE\n"
	"A refused command ends the session and the exit status is 1; an\n"
	"error in FILE is reported as FILE:LINE: MESSAGE before anything is\n"
	"sent, and the exit status is 2.\n\n"
	CARD_HELP CODE_HELP HELP_HELP CODE_NOTE,
};
