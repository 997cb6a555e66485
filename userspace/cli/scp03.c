// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * SCP03 key files and levels for personalize, create and set-keys, the
 * auth mode for status and info, and set-keys itself: the maker gives an
 * existing fresh card its key set, or takes it away, through sysfs.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <persocard-maker.h>

#include "common.h"
#include "maker_args.h"
#include "scp03.h"
#include "subcmd.h"

void keys_from_file(const char *path, struct persocard_scp03_keys *keys)
{
	const char *name = strcmp(path, "-") ? path : "<stdin>";
	struct persocard_diag d = { 0 };

	if (!persocard_scp03_keys_read(path, keys, &d))
		return;
	persocard_scp03_keys_wipe(keys);
	if (d.line)
		die_usage("%s:%u: %s", name, d.line, d.message);
	die_usage("%s: %s", name, d.message[0] ? d.message :
		  strerror(d.error ? d.error : errno));
}

unsigned int level_from_arg(const char *arg)
{
	unsigned int level;

	if (persocard_scp03_level_parse(arg, &level))
		die_usage("--level: '%s' is not a security level: " SCP03_LEVELS,
			  arg);
	return level;
}

const char *card_auth(unsigned int index)
{
	return persocard_maker_auth_name(persocard_maker_get_auth(index));
}

static int do_set_keys(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help",	no_argument,	NULL,	'h' },
		{ 0 }
	};
	struct persocard_scp03_keys keys;
	const char *file;
	unsigned int index;
	char dev[32];
	int opt, ret, err;

	while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		if (opt == 'h')
			subcmd_help(&subcmd_set_keys);
		bad_option(opt, optopt, argv);
	}
	if (optind >= argc)
		die_usage("missing CARD and KEYFILE (or none)");
	index = card_arg(argv[optind++]);
	if (optind >= argc)
		die_usage("missing KEYFILE (or none)");
	file = argv[optind++];
	no_more_args(argc, argv);
	snprintf(dev, sizeof(dev), "/dev/persocard%u", index);

	if (!strcmp(file, "none")) {
		ret = persocard_maker_clear_scp03_keys(index);
	} else {
		/* The file first: a bad one needs no card. */
		keys_from_file(file, &keys);
		ret = persocard_maker_set_scp03_keys(index, keys.kvn, keys.enc,
						     keys.mac, keys.dek,
						     keys.len);
		err = errno;
		persocard_scp03_keys_wipe(&keys);
		errno = err;
	}
	if (!ret)
		return 0;
	switch (errno) {
	case ENOENT:
		/* The card without the attribute: an older module. */
		if (persocard_maker_get_auth(index) < 0 && errno == ENOTSUP)
			die(EXIT_SYSTEM, "%s: the module has no SCP03 (an older persocard)",
			    dev);
		die(EXIT_SYSTEM, "%s: no such card", dev);
	case EBUSY:
		die(EXIT_REFUSED, "%s: not fresh: a key set is the maker's setting of a fresh card (persocard factory-reset -c %u first)",
		    dev, index);
	case EINVAL:
		die(EXIT_USAGE, "%s: the module refused the key set", dev);
	case EACCES:
	case EPERM:
		die(EXIT_SYSTEM, "%s: %s (it needs root)", dev,
		    strerror(errno));
	default:
		die_errno("%s", dev);
	}
}

const struct subcmd subcmd_set_keys = {
	"set-keys", do_set_keys, "CARD KEYFILE | none",
	"Give fresh card CARD an SCP03 key set from KEYFILE (- for standard\n"
	"input), through sysfs (needs root): from then on the bureau\n"
	"authenticates by secure channel (personalize --scp03) instead of the\n"
	"perso code. none takes the key set away (the keys are wiped) and the\n"
	"card takes its perso code again; ./none names a file called none.\n"
	"persocard status shows the card's auth mode.\n"
	"\n"
	"A key file holds the lines 'kvn HH' (01 to 7F), 'enc HEX', 'mac HEX'\n"
	"and 'dek HEX', each once, the three keys of 16, 24 or 32 bytes, all\n"
	"of one length; blank lines and # lines are skipped. Keys are never\n"
	"given on the command line.\n\n"
	HELP_HELP
	"\n" CARD_ARG_HELP
	"Exit status: 2 a bad KEYFILE (FILE:LINE: REASON) or one the module\n"
	"refuses; 1 the card is not fresh; 3 no such card, not root, or a\n"
	"module without SCP03.\n",
};
