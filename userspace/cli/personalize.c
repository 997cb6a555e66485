// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * personalize: a whole personalization from a data file, in one session,
 * through the card's ioctls or, with --pcsc, as APDUs through pcscd.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "code.h"
#include "common.h"
#include "datafile.h"
#include "link.h"
#include "subcmd.h"

enum { OPT_PCSC = 0x200, OPT_READER };

/* The ioctl link: libpersocard's calls on an open card. */
struct ioctl_link {
	struct perso_link link;
	struct persocard_card *card;
};

static struct persocard_card *card_of(struct perso_link *link)
{
	return ((struct ioctl_link *)link)->card;
}

/* 0, or -1 with the refusal or the errno's text in @link. */
static int ioctl_result(struct perso_link *link, int ret)
{
	int err = errno;

	link->sw = 0;
	if (!ret)
		return 0;
	if (err == EREMOTEIO && persocard_card_last_sw(card_of(link)))
		link->sw = persocard_card_last_sw(card_of(link));
	else
		snprintf(link->error, sizeof(link->error), "%s",
			 card_strerror(err));
	return -1;
}

static int ioctl_enable(struct perso_link *link)
{
	return ioctl_result(link, persocard_card_enable(card_of(link)));
}

static int ioctl_verify(struct perso_link *link, const struct value *code)
{
	return ioctl_result(link, persocard_card_verify(card_of(link),
							code->data, code->len,
							NULL));
}

static int ioctl_put(struct perso_link *link, uint16_t tag,
		     const struct value *value)
{
	return ioctl_result(link, persocard_card_put(card_of(link), tag,
						     value->data, value->len));
}

static int ioctl_lock(struct perso_link *link, uint16_t *missing,
		      unsigned int *nr_missing)
{
	int ret = persocard_card_lock(card_of(link), missing, nr_missing);

	if (*nr_missing > PERSOCARD_MAX_TAGS)
		*nr_missing = PERSOCARD_MAX_TAGS;
	return ioctl_result(link, ret);
}

static const char *ioctl_state(struct perso_link *link)
{
	return card_state(card_of(link));
}

static void ioctl_close(struct perso_link *link, bool failed)
{
	/* Closing the file ends any session: nothing to reset. */
	(void)failed;
	persocard_card_close(card_of(link));
	free(link);
}

static const struct perso_link_ops ioctl_ops = {
	.enable = ioctl_enable,
	.verify = ioctl_verify,
	.put = ioctl_put,
	.lock = ioctl_lock,
	.state = ioctl_state,
	.close = ioctl_close,
};

static struct perso_link *ioctl_link_open(const struct card_sel *sel)
{
	struct ioctl_link *il = xzalloc(sizeof(*il));

	il->card = card_open(sel);
	il->link.ops = &ioctl_ops;
	il->link.name = persocard_card_path(il->card);
	profile_from_card(il->card, &il->link.profile);
	return &il->link;
}

/* A refused command ends the session: 1; one that did not get there: 3. */
static int failed(struct perso_link *link, const char *what, const char *tag,
		  const uint16_t *missing, unsigned int nr_missing)
{
	if (!link->sw) {
		msg(what, "%s%s%s", tag ? tag : "", tag ? ": " : "",
		    link->error);
		return EXIT_SYSTEM;
	}
	return report_refusal(&link->profile, what, tag, link->sw, missing,
			      nr_missing);
}

static int perso(struct perso_link *link, const struct data_file *df,
		 const struct value *code)
{
	const struct perso_link_ops *ops = link->ops;
	uint16_t missing[PERSOCARD_MAX_TAGS];
	unsigned int nr_missing = 0;
	size_t i;

	if (ops->enable(link))
		return failed(link, "enable", NULL, NULL, 0);
	print_ok_state("enable", ops->state(link));

	if (ops->verify(link, code))
		return failed(link, "verify", NULL, NULL, 0);
	print_ok_state("verify", ops->state(link));

	for (i = 0; i < df->nr; i++) {
		const struct data_element *el = &df->el[i];

		if (ops->put(link, el->tag, &el->value))
			return failed(link, "put", el->desc->name, NULL, 0);
		print_put_line(el->desc->name, el->tag, el->value.len,
			       ops->state(link));
	}

	if (ops->lock(link, missing, &nr_missing))
		return failed(link, "lock", NULL, missing, nr_missing);
	print_ok_state("lock", ops->state(link));
	return 0;
}

static int do_personalize(int argc, char **argv)
{
	static const struct option longopts[] = {
		CARD_LONGOPTS,
		CODE_LONGOPTS,
		{ "pcsc",	no_argument,		NULL,	OPT_PCSC },
		{ "reader",	required_argument,	NULL,	OPT_READER },
		{ "help",	no_argument,		NULL,	'h' },
		{ 0 }
	};
	struct code_opts copts = { 0 };
	struct card_sel sel = { 0 };
	struct value code = { 0 };
	const char *path, *reader = NULL;
	struct perso_link *link;
	struct data_file df;
	bool pcsc = false;
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
		case OPT_PCSC:
			pcsc = true;
			break;
		case OPT_READER:
			if (!*optarg)
				die_usage("empty reader name");
			reader = optarg;
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
	if (reader && !pcsc)
		die_usage("--reader needs --pcsc");
	if (pcsc && sel.path)
		die_usage("--pcsc takes a card by -c N or --reader NAME, not -d");
	if (reader && sel.by_index)
		die_usage("give one card: -c N or --reader NAME");

	if (pcsc) {
		link = pcsc_link_open(sel.by_index ? sel.index : 0, reader);
		if (!link)
			return EXIT_SYSTEM;
	} else {
		link = ioctl_link_open(&sel);
	}
	if (data_file_load(&link->profile, path, &df)) {
		link->ops->close(link, false);
		return EXIT_USAGE;
	}
	/* Nothing is sent before the code is known to be well formed. */
	if (!code_from_options(&copts, &code) &&
	    code_prompt(link->name, &code, &err)) {
		msg(subcommand, "%s", err);
		free(err);
		data_file_free(&df);
		link->ops->close(link, false);
		return EXIT_USAGE;
	}

	ret = perso(link, &df, &code);

	value_free(&code);
	data_file_free(&df);
	link->ops->close(link, ret != 0);
	return ret;
}

const struct subcmd subcmd_personalize = {
	"personalize", do_personalize,
	"[-c N | -d PATH] [--pcsc [--reader NAME]] [CODE OPTIONS] FILE",
	"A whole personalization in one session: reads FILE (- for standard\n"
	"input) and checks it against the card's profile, then sends ENABLE\n"
	"PERSO, VERIFY PERSO CODE, one PUT PERSO DATA per element in file\n"
	"order and LOCK PERSO, printing one line per command:\n"
	"  COMMAND: OK (SW 9000), STATE\n"
	"  put: NAME (0xTAG, N bytes): OK (SW 9000), STATE\n"
	"A refused command ends the session and the exit status is 1; an\n"
	"error in FILE is reported as FILE:LINE: MESSAGE before anything is\n"
	"sent, and the exit status is 2.\n"
	"\n"
	"With --pcsc the same commands go as APDUs through pcscd (PC/SC), to\n"
	"slot N of the reader named persocard (-c N, default 0) or to the\n"
	"reader --reader names, connected exclusively; the profile is read with\n"
	"GET STATUS first. A value longer than 255 bytes goes as chained PUT\n"
	"PERSO DATA blocks (CLA 90 on all but the last). No pcscd, no such\n"
	"reader or no card in it: exit status 3.\n\n"
	CARD_HELP
	"      --pcsc            send APDUs through pcscd instead of ioctls\n"
	"      --reader=NAME     with --pcsc: the PC/SC reader NAME\n"
	CODE_HELP HELP_HELP CODE_NOTE,
};
