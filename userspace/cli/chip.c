// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The chip subcommands: power-cut, power-up and chip, through
 * libpersocard-maker (debugfs for the chip, sysfs present for power-up).
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>

#include <persocard-maker.h>

#include "common.h"
#include "maker_args.h"
#include "subcmd.h"

#define DEBUGFS_MAGIC_NR	0x64626720	/* linux/magic.h */

/* ENOENT from a debugfs file: which of debugfs, module or card is missing. */
static void NORETURN chip_die(unsigned int index)
{
	struct statfs sf;
	struct stat st;
	char path[64];

	if (errno != ENOENT)
		die_errno("persocard%u", index);
	if (statfs("/sys/kernel/debug", &sf) ||
	    sf.f_type != DEBUGFS_MAGIC_NR)
		die(EXIT_SYSTEM, "persocard%u: debugfs is not mounted (mount -t debugfs none /sys/kernel/debug)",
		    index);
	if (stat(PERSOCARD_MAKER_DEBUGFS, &st))
		die(EXIT_SYSTEM, "persocard%u: no %s: the module is not loaded, or has no chip files",
		    index, PERSOCARD_MAKER_DEBUGFS);
	snprintf(path, sizeof(path), "/dev/persocard%u", index);
	if (stat(path, &st))
		die(EXIT_SYSTEM, "persocard%u: no such card", index);
	die(EXIT_SYSTEM, "persocard%u: the card has no chip files in %s",
	    index, PERSOCARD_MAKER_DEBUGFS);
}

static void chip_opts(int argc, char **argv, const struct subcmd *cmd,
		      bool *endurance)
{
	static const struct option longopts[] = {
		{ "endurance",	no_argument,	NULL,	'e' },
		{ "help",	no_argument,	NULL,	'h' },
		{ 0 }
	};
	int opt;

	while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		if (opt == 'h')
			subcmd_help(cmd);
		if (opt == 'e' && endurance) {
			*endurance = true;
			continue;
		}
		bad_option(opt, optopt, argv);
	}
}

static unsigned int number_arg(const char *what, const char *s)
{
	unsigned long v;

	if (!parse_uint(s, UINT_MAX, &v))
		die_usage("%s: '%s' is not a decimal number", what, s);
	return v;
}

static int do_power_cut(int argc, char **argv)
{
	unsigned int index, n, k;
	int armed;

	chip_opts(argc, argv, &subcmd_power_cut, NULL);
	if (optind >= argc)
		die_usage("missing CARD (power-cut CARD N K | off)");
	index = card_arg(argv[optind++]);
	if (optind == argc) {
		armed = persocard_maker_power_cut_get(index, &n, &k);
		if (armed < 0)
			chip_die(index);
		if (armed)
			printf("%u %u\n", n, k);
		else
			printf("off\n");
		return 0;
	}
	if (!strcmp(argv[optind], "off")) {
		optind++;
		no_more_args(argc, argv);
		if (persocard_maker_power_cut_off(index))
			chip_die(index);
		return 0;
	}
	n = number_arg("N", argv[optind++]);
	if (optind >= argc)
		die_usage("missing K: the bytes of operation N written before the cut");
	k = number_arg("K", argv[optind++]);
	no_more_args(argc, argv);
	if (persocard_maker_power_cut(index, n, k)) {
		if (errno == EINVAL)
			die(EXIT_USAGE, "persocard%u: the module refused %u %u (K is 0 to the page size)",
			    index, n, k);
		chip_die(index);
	}
	return 0;
}

static int do_power_up(int argc, char **argv)
{
	struct persocard_card *card;
	unsigned int index;

	chip_opts(argc, argv, &subcmd_power_up, NULL);
	if (optind >= argc)
		die_usage("missing CARD");
	index = card_arg(argv[optind++]);
	no_more_args(argc, argv);
	if (persocard_maker_power_up(index)) {
		if (errno == ENOENT)
			die(EXIT_SYSTEM, "persocard%u: no such card", index);
		if (errno == EACCES || errno == EPERM)
			die(EXIT_SYSTEM, "persocard%u: %s (it needs root)", index,
			    strerror(errno));
		die_errno("persocard%u", index);
	}
	card = persocard_card_open_index(index);
	print_ok_state("power-up", card ? card_state(card) : "UNKNOWN");
	persocard_card_close(card);
	return 0;
}

static int do_chip(int argc, char **argv)
{
	struct persocard_maker_chip *chip;
	unsigned long long *ops = NULL;
	bool endurance = false;
	unsigned int index;
	ssize_t n = 0, i;

	chip_opts(argc, argv, &subcmd_chip, &endurance);
	if (optind >= argc)
		die_usage("missing CARD");
	index = card_arg(argv[optind++]);
	no_more_args(argc, argv);
	chip = persocard_maker_chip_get(index);
	if (!chip)
		chip_die(index);
	if (endurance) {
		n = persocard_maker_endurance(index, &ops);
		if (n < 0)
			chip_die(index);
	}
	printf("page_size %u\npages %u\nunit %s\nerased 0x%02x\n"
	       "program_ops %llu\npowered %d\ncuts %llu\nrecoveries %llu\n",
	       persocard_maker_chip_page_size(chip),
	       persocard_maker_chip_pages(chip),
	       persocard_maker_chip_unit(chip),
	       persocard_maker_chip_erased(chip),
	       persocard_maker_chip_program_ops(chip),
	       persocard_maker_chip_powered(chip),
	       persocard_maker_chip_cuts(chip),
	       persocard_maker_chip_recoveries(chip));
	for (i = 0; i < n; i++)
		printf("page %zd %llu\n", i, ops[i]);
	free(ops);
	persocard_maker_chip_free(chip);
	return 0;
}

#define DEBUGFS_NOTE \
	"\nNeeds root and debugfs mounted at /sys/kernel/debug (persocard\n" \
	"mounts nothing).\n"

const struct subcmd subcmd_power_cut = {
	"power-cut", do_power_cut, "CARD [N K | off]",
	"Arm the card's power cut: at the N-th NVM program operation from now\n"
	"(0 the next one), after K bytes of it (0 to the page size; the page\n"
	"size lets the operation complete). The command cut fails, the card\n"
	"is out of its reader until persocard power-up. off disarms; without\n"
	"N K, prints what is armed (N K, or off).\n\n"
	CARD_ARG_HELP HELP_HELP DEBUGFS_NOTE,
};

const struct subcmd subcmd_power_up = {
	"power-up", do_power_up, "CARD",
	"Power the card up after a power cut (sysfs present 1, root): recovery\n"
	"makes it wholly before or wholly after the operation cut. Prints\n"
	"power-up: OK (SW 9000), STATE.\n\n"
	CARD_ARG_HELP HELP_HELP,
};

const struct subcmd subcmd_chip = {
	"chip", do_chip, "[--endurance] CARD",
	"The chip under the card's NVM, a line KEY VALUE each: page_size,\n"
	"pages, unit, erased, program_ops, powered, cuts, recoveries; with\n"
	"--endurance then a line page PAGE OPS per page.\n\n"
	"      --endurance       the program operations of each page\n"
	CARD_ARG_HELP HELP_HELP DEBUGFS_NOTE,
};
