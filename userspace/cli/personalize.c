// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * personalize: a whole personalization from a data file, in one session,
 * through the card's ioctls or, with --pcsc, as APDUs through pcscd; by
 * the perso code, or with --scp03 over a GlobalPlatform secure channel.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "code.h"
#include "common.h"
#include "link.h"
#include "scp03.h"
#include "subcmd.h"

enum { OPT_PCSC = 0x200, OPT_READER, OPT_SCP03, OPT_LEVEL };

/* The security level when --level is not given: C-MAC, C-DEC, R-MAC. */
#define DEFAULT_LEVEL	"cdec-rmac"

/* How the card is reached, and what the report of each step needs. */
struct perso_ctx {
	struct persocard_transport *t;
	const struct persocard_profile *prof;
	struct persocard_card *card;	/* ioctls */
	struct pcsc_link *pcsc;		/* --pcsc */
	const char *name;
	const char *keyfile;		/* --scp03 */
	bool scp03;
	int status;
};

static const char *const step_names[] = {
	[PERSOCARD_STEP_ENABLE]	= "enable",
	[PERSOCARD_STEP_VERIFY]	= "verify",
	[PERSOCARD_STEP_PUT]	= "put",
	[PERSOCARD_STEP_LOCK]	= "lock",
	[PERSOCARD_STEP_SELECT]	= "select",
	[PERSOCARD_STEP_INIT_UPDATE] = "initialize-update",
	[PERSOCARD_STEP_EXT_AUTH] = "external-authenticate",
	[PERSOCARD_STEP_STORE]	= "store-data",
	[PERSOCARD_STEP_SET_STATUS] = "set-status",
};

/*
 * After a 6985 that the other auth mode explains: say so, when sysfs can
 * tell (a card by ioctls).
 */
static void auth_hint(const struct perso_ctx *c, const struct persocard_step *st)
{
	const char *auth;

	if (st->sw != PERSOCARD_SW_CONDITIONS || !c->card)
		return;
	if (st->cmd != PERSOCARD_STEP_VERIFY &&
	    st->cmd != PERSOCARD_STEP_INIT_UPDATE)
		return;
	auth = card_auth(persocard_card_index(c->card));
	if (!auth)
		return;
	if (c->scp03 && !strcmp(auth, "code"))
		msg(subcommand, "%s authenticates by perso code, not SCP03: personalize it without --scp03",
		    c->name);
	else if (!c->scp03 && !strcmp(auth, "scp03"))
		msg(subcommand, "%s authenticates by SCP03, not a perso code: personalize it with --scp03=KEYFILE",
		    c->name);
}

/*
 * What the SCP03 host itself found wrong, where the card could not
 * refuse: a card cryptogram (other keys: nothing more is sent, no try
 * spent), an R-MAC or a receipt that does not match.
 * Return: true if reported (exit 1: the card and the host disagree).
 */
static bool host_check_failed(struct perso_ctx *c, const char *what, int err)
{
	if (err == EKEYREJECTED)
		msg(what, "%s: the card cryptogram does not match: %s is not this card's key set (no try spent)",
		    c->name, strcmp(c->keyfile, "-") ? c->keyfile : "<stdin>");
	else if (err == EBADMSG)
		msg(what, "%s: the card's R-MAC or receipt does not match what was sent",
		    c->name);
	else if (err == EPROTO)
		msg(what, "%s: a malformed response", c->name);
	else
		return false;
	c->status = EXIT_REFUSED;
	return true;
}

/* Why a command did not reach the card, in the transport's words. */
static const char *why(const struct perso_ctx *c, int err, char *buf,
		       size_t size)
{
	if (c->pcsc && *pcsc_link_error(c->pcsc))
		return pcsc_link_error(c->pcsc);
	if (c->pcsc)
		snprintf(buf, size, "%s: %s", c->name, strerror(err));
	else
		snprintf(buf, size, "%s", card_strerror(err));
	return buf;
}

/* One line per accepted command; a refusal ends the session: 1, else 3. */
static void step(const struct persocard_step *st, void *data)
{
	struct perso_ctx *c = data;
	const char *what = st->cmd < ARRAY_SIZE(step_names) ?
		step_names[st->cmd] : NULL, *tag = NULL;
	char name[TAG_NAME_SIZE], buf[300];

	if (!what)
		what = "command";	/* a step of a newer library */
	if (st->tag)
		tag = tag_label(st->tag, persocard_tag_get_tag(st->tag), name,
				sizeof(name));
	if (!st->error && st->cmd == PERSOCARD_STEP_PUT) {
		print_put_line(tag, persocard_tag_get_tag(st->tag), st->len,
			       state_str(st->state));
		return;
	}
	if (!st->error && st->cmd == PERSOCARD_STEP_STORE && st->tag) {
		print_step_line(what, tag, persocard_tag_get_tag(st->tag),
				st->len, state_str(st->state));
		return;
	}
	if (!st->error) {
		print_ok_state(what, state_str(st->state));
		return;
	}
	if (st->error == EREMOTEIO && st->sw) {
		c->status = report_refusal(c->prof, what, tag, st->sw,
					   st->missing, st->nr_missing);
		auth_hint(c, st);
		return;
	}
	if (c->scp03 && host_check_failed(c, what, st->error))
		return;
	msg(what, "%s%s%s", tag ? tag : "", tag ? ": " : "",
	    why(c, st->error, buf, sizeof(buf)));
	c->status = EXIT_SYSTEM;
}

/* The data file's first error, as FILE:LINE: MESSAGE. */
static int bad_file(const char *path, const struct persocard_diag *d)
{
	const char *name = strcmp(path, "-") ? path : "<stdin>";

	if (d->line)
		msg(subcommand, "%s:%u: %s", name, d->line, d->message);
	else
		msg(subcommand, "%s: %s", name, d->message);
	return EXIT_USAGE;
}

/* The card, and its profile, by ioctls or through pcscd. */
static int connect_card(struct perso_ctx *c, const struct card_sel *sel,
			bool pcsc, const char *reader)
{
	uint16_t sw;

	if (pcsc) {
		c->pcsc = pcsc_link_open(sel->by_index ? sel->index : 0,
					 reader);
		if (!c->pcsc)
			return EXIT_SYSTEM;
		c->name = pcsc_link_name(c->pcsc);
		c->t = persocard_transport_new_apdu(pcsc_link_transmit,
						    c->pcsc);
	} else {
		c->card = card_open(sel);
		c->name = persocard_card_path(c->card);
		c->t = persocard_transport_new_card(c->card);
	}
	if (!c->t)
		die_nomem();
	c->prof = persocard_transport_get_profile(c->t);
	if (c->prof)
		return 0;
	/* Only GET STATUS over PC/SC can fail: the ioctls read it at open. */
	sw = persocard_transport_last_sw(c->t);
	if (sw)
		msg(subcommand, "%s: GET STATUS: %s (SW %04" PRIX16 ")",
		    c->name, persocard_sw_str(sw), sw);
	else if (errno == EPROTO)
		msg(subcommand, "%s: GET STATUS: a malformed answer", c->name);
	else
		msg(subcommand, "%s", pcsc_link_error(c->pcsc));
	return EXIT_SYSTEM;
}

static void disconnect(struct perso_ctx *c, bool failed)
{
	persocard_transport_free(c->t);
	/* Closing the card's file ends any session: nothing to reset. */
	if (c->card)
		persocard_card_close(c->card);
	if (c->pcsc)
		pcsc_link_close(c->pcsc, failed);
}

static int do_personalize(int argc, char **argv)
{
	static const struct option longopts[] = {
		CARD_LONGOPTS,
		CODE_LONGOPTS,
		{ "pcsc",	no_argument,		NULL,	OPT_PCSC },
		{ "reader",	required_argument,	NULL,	OPT_READER },
		{ "scp03",	required_argument,	NULL,	OPT_SCP03 },
		{ "level",	required_argument,	NULL,	OPT_LEVEL },
		{ "help",	no_argument,		NULL,	'h' },
		{ 0 }
	};
	struct code_opts copts = { 0 };
	struct card_sel sel = { 0 };
	struct value code = { 0 };
	const char *path, *reader = NULL, *keyfile = NULL, *level_arg = NULL;
	struct persocard_scp03_keys keys = { 0 };
	unsigned int level = 0;
	struct persocard_datafile *df;
	struct perso_ctx c = { 0 };
	struct persocard_diag d;
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
		case OPT_SCP03:
			if (!*optarg)
				die_usage("--scp03: empty KEYFILE");
			keyfile = optarg;
			break;
		case OPT_LEVEL:
			level_arg = optarg;
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
	if (level_arg && !keyfile)
		die_usage("--level needs --scp03=KEYFILE");
	if (keyfile && (copts.code || copts.file))
		die_usage("--scp03 authenticates by key set: give no perso code with it");
	if (keyfile && !strcmp(keyfile, "-") && !strcmp(path, "-"))
		die_usage("FILE and --scp03 cannot both be standard input");
	if (keyfile)
		level = level_from_arg(level_arg ? level_arg : DEFAULT_LEVEL);

	/* The file first: a bad one needs no card, nor a module. */
	df = persocard_datafile_read(path, &d);
	if (!df)
		return bad_file(path, &d);
	/* The keys too: a bad key file is found before any card. */
	if (keyfile) {
		keys_from_file(keyfile, &keys);
		c.keyfile = keyfile;
		c.scp03 = true;
	}
	ret = connect_card(&c, &sel, pcsc, reader);
	if (ret)
		goto out;
	ret = EXIT_USAGE;
	if (persocard_datafile_check(df, c.prof, &d)) {
		bad_file(path, &d);
		goto out;
	}
	c.status = 0;
	if (c.scp03) {
		if (persocard_personalize_scp03(c.t, df, &keys, level,
						PERSOCARD_PERSO_STATE, step,
						&c) && !c.status &&
		    !host_check_failed(&c, subcommand, errno)) {
			msg(subcommand, "%s", strerror(errno));
			c.status = EXIT_SYSTEM;
		}
		ret = c.status;
		goto out;
	}
	/* Nothing is sent before the code is known to be well formed. */
	if (!code_from_options(&copts, &code) &&
	    code_prompt(c.name, &code, &err)) {
		msg(subcommand, "%s", err);
		free(err);
		goto out;
	}

	c.status = 0;
	if (persocard_personalize(c.t, df, code.data, code.len,
				  PERSOCARD_PERSO_STATE, step, &c) &&
	    !c.status) {
		/* Refused before any command: the file, checked above. */
		msg(subcommand, "%s", strerror(errno));
		c.status = EXIT_SYSTEM;
	}
	ret = c.status;
	value_free(&code);
out:
	persocard_scp03_keys_wipe(&keys);
	persocard_datafile_free(df);
	disconnect(&c, ret != 0);
	return ret;
}

const struct subcmd subcmd_personalize = {
	"personalize", do_personalize,
	"[-c N | -d PATH] [--pcsc [--reader NAME]] [CODE OPTIONS | --scp03 KEYFILE [--level LEVEL]] FILE",
	"A whole personalization in one session: reads FILE (- for standard\n"
	"input) and checks its syntax before it looks for a card, then checks\n"
	"it against the card's profile, then sends ENABLE\n"
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
	"reader or no card in it: exit status 3.\n"
	"\n"
	"With --scp03 the card is one the maker gave an SCP03 key set\n"
	"(persocard set-keys, create --scp03): the GlobalPlatform path, every\n"
	"command an APDU (TRANSMIT, or PC/SC with --pcsc). KEYFILE (- for\n"
	"standard input) is read and checked before any card is looked for.\n"
	"Printed, one line per command:\n"
	"  select, enable (INSTALL [for personalization]), initialize-update,\n"
	"  external-authenticate, one store-data per STORE DATA command,\n"
	"  naming the first element it carries:\n"
	"  store-data: NAME (0xTAG, N bytes): OK (SW 9000), STATE\n"
	"  and set-status (LOCK PERSO; its receipt checked).\n"
	"A card cryptogram that does not match (a key set that is not the\n"
	"card's) ends the session before EXTERNAL AUTHENTICATE: no try is\n"
	"spent, exit status 1. A code card refuses INITIALIZE UPDATE (6985),\n"
	"an SCP03 card VERIFY PERSO CODE (6985): exit status 1.\n\n"
	CARD_HELP
	"      --pcsc            send APDUs through pcscd instead of ioctls\n"
	"      --reader=NAME     with --pcsc: the PC/SC reader NAME\n"
	CODE_HELP
	"      --scp03=KEYFILE   authenticate by SCP03 with KEYFILE's key set\n"
	"      --level=LEVEL     with --scp03: the security level, " DEFAULT_LEVEL "\n"
	"                        (default), cmac, cdec, rmac or all, or the\n"
	"                        EXTERNAL AUTHENTICATE P1 in hex: 01, 03, 11,\n"
	"                        13, 33\n"
	HELP_HELP CODE_NOTE
	"\nA key file holds the lines 'kvn HH', 'enc HEX', 'mac HEX' and\n"
	"'dek HEX', each once, the keys of 16, 24 or 32 bytes, all of one\n"
	"length; blank lines and # lines are skipped.\n",
};
