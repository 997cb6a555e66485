// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The maker's and the administrator's subcommands: reset, factory-reset,
 * load and unload.  All but reset go through libpersocard-maker.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <persocard-maker.h>

#include "common.h"
#include "subcmd.h"

/* -c, -d and -h: the only options of reset and factory-reset. */
static void card_args(int argc, char **argv, const struct subcmd *cmd,
		      struct card_sel *sel)
{
	static const struct option longopts[] = {
		CARD_LONGOPTS,
		{ "help",	no_argument,	NULL,	'h' },
		{ 0 }
	};
	int opt;

	while ((opt = getopt_long(argc, argv, ":" CARD_SHORTOPTS "h",
				  longopts, NULL)) != -1) {
		switch (opt) {
		case 'c':
		case 'd':
			card_sel_opt(sel, opt, optarg);
			break;
		case 'h':
			subcmd_help(cmd);
		default:
			bad_option(opt, optopt, argv);
		}
	}
	no_more_args(argc, argv);
}

static void help_only(int argc, char **argv, const struct subcmd *cmd)
{
	static const struct option longopts[] = {
		{ "help",	no_argument,	NULL,	'h' },
		{ 0 }
	};
	int opt;

	while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		if (opt == 'h')
			subcmd_help(cmd);
		bad_option(opt, optopt, argv);
	}
}

static int do_reset(int argc, char **argv)
{
	struct persocard_card *card;
	struct card_sel sel = { 0 };
	int ret = 0;

	card_args(argc, argv, &subcmd_reset, &sel);
	/* RESET also powers up a card a power cut took out of its reader. */
	card = card_open_flags(&sel, PERSOCARD_OPEN_ABSENT);
	if (persocard_card_reset(card))
		ret = report_failure(card, "reset", NULL, NULL, 0);
	else
		print_ok(card, "reset");
	persocard_card_close(card);
	return ret;
}

static int do_factory_reset(int argc, char **argv)
{
	struct persocard_card *card;
	struct card_sel sel = { 0 };
	unsigned int index = 0;
	char buf[32];

	card_args(argc, argv, &subcmd_factory_reset, &sel);
	if (sel.path) {
		/* sysfs knows cards by index: learn the node's. */
		card = card_open(&sel);
		index = persocard_card_index(card);
		persocard_card_close(card);
	} else if (sel.by_index) {
		index = sel.index;
	}
	if (persocard_maker_factory_reset(index)) {
		snprintf(buf, sizeof(buf), "/dev/persocard%u", index);
		if (errno == ENOENT)
			die(EXIT_SYSTEM, "%s: no such card", buf);
		if (errno == EACCES || errno == EPERM)
			die(EXIT_SYSTEM, "%s: %s (it needs root)", buf,
			    strerror(errno));
		die_errno("%s", buf);
	}
	return 0;
}

static bool param_ok(const char *p)
{
	const char *eq = strchr(p, '=');

	/* Passed as one string to the kernel: blanks and quotes would split it. */
	return eq && eq != p && !strpbrk(p, " \t\n\"'");
}

static int do_load(int argc, char **argv)
{
	const char *module = NULL, *name;
	char *params = NULL, *path = NULL;
	size_t len = 0;
	int i, first;

	help_only(argc, argv, &subcmd_load);
	first = optind;
	if (first < argc && !strchr(argv[first], '='))
		module = argv[first++];
	for (i = first; i < argc; i++) {
		if (!param_ok(argv[i]))
			die_usage("'%s' is not PARAM=VALUE (without blanks or quotes)",
				  argv[i]);
		len += strlen(argv[i]) + 1;
	}
	if (len) {
		params = xzalloc(len);
		for (i = first; i < argc; i++) {
			if (*params)
				strcat(params, " ");
			strcat(params, argv[i]);
		}
	}
	name = module ? module : "persocard";
	/* The library takes a path only with a '/': "x.ko" is one too. */
	len = module ? strlen(module) : 0;
	if (len > 3 && !strcmp(module + len - 3, ".ko") && !strchr(module, '/'))
		module = path = xasprintf("./%s", module);
	if (persocard_maker_module_load(module, params)) {
		switch (errno) {
		case EEXIST:
			die(EXIT_SYSTEM, "%s is loaded already: its parameters cannot change (unload it first)",
			    name);
		case ENOENT:
			die(EXIT_SYSTEM, "%s: no such module", name);
		case EINVAL:
			die(EXIT_SYSTEM, "%s: the module refused a parameter (see dmesg)",
			    name);
		default:
			die_errno("%s", name);
		}
	}
	free(params);
	free(path);
	return 0;
}

/* Whether configfs holds cards, which hold the module. */
static bool made_cards(void)
{
	struct persocard_maker_iter *iter = persocard_maker_iter_new();
	bool any = iter && persocard_maker_iter_next(iter);

	persocard_maker_iter_free(iter);
	return any;
}

static int do_unload(int argc, char **argv)
{
	const char *module = NULL, *name;
	int err;

	help_only(argc, argv, &subcmd_unload);
	if (optind < argc)
		module = argv[optind++];
	no_more_args(argc, argv);
	name = module ? module : "persocard";
	if (!persocard_maker_module_unload(module))
		return 0;
	err = errno;
	/* The library folds the kernel's EAGAIN into EBUSY. */
	if (err == EBUSY && made_cards())
		die(EXIT_SYSTEM, "%s is in use: cards made by persocard create hold it (persocard remove them first), or a program holds a card open",
		    name);
	if (err == EBUSY)
		die(EXIT_SYSTEM, "%s is in use: a program holds a card open, pcscd if it runs the persocard reader; stop it (or close the cards) first",
		    name);
	errno = err;
	die_errno("%s", name);
}

const struct subcmd subcmd_reset = {
	"reset", do_reset, "[-c N | -d PATH]",
	"Warm reset of the card from a new open file, for a card left READY\n"
	"by a tool that keeps its file open. Another file's running session\n"
	"answers 6985 (exit status 1). Prints reset: OK (SW 9000), STATE.\n\n"
	CARD_HELP HELP_HELP,
};

const struct subcmd subcmd_factory_reset = {
	"factory-reset", do_factory_reset, "[-c N | -d PATH]",
	"The maker's reset, through sysfs (needs root): empty NVM, new secret\n"
	"and serial; the profile, perso code and try limit stay. The card is\n"
	"SEMI_FINISHED and fresh.\n\n"
	CARD_HELP HELP_HELP,
};

const struct subcmd subcmd_load = {
	"load", do_load, "[MODULE | PATH.ko] [PARAM=VALUE ...]",
	"Load the module through libkmod, by name (default persocard) or from\n"
	"a .ko file, with module parameters such as nr_cards=4. A module\n"
	"loaded already, or built in, is fine without parameters; with\n"
	"parameters it is an error, as they could not apply.\n\n"
	HELP_HELP,
};

const struct subcmd subcmd_unload = {
	"unload", do_unload, "[MODULE]",
	"Unload the module (default persocard); a module not loaded is fine.\n"
	"It fails while any card is open: by a program, or by pcscd running\n"
	"the persocard reader driver, which holds every card open. Stop it\n"
	"first (systemctl stop pcscd.socket pcscd).\n\n"
	HELP_HELP,
};
