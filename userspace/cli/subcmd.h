/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The subcommands of persocard, and the help each prints.
 */
#ifndef PERSOCARD_CLI_SUBCMD_H
#define PERSOCARD_CLI_SUBCMD_H

struct subcmd {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *args;	/* the synopsis after the name */
	const char *help;	/* what --help says after the synopsis */
};

extern const struct subcmd subcmd_list, subcmd_status, subcmd_info,
	subcmd_profile, subcmd_read, subcmd_personalize, subcmd_shell,
	subcmd_apdu, subcmd_reset, subcmd_factory_reset, subcmd_load,
	subcmd_unload, subcmd_create, subcmd_remove, subcmd_key, subcmd_save,
	subcmd_restore, subcmd_power_cut, subcmd_power_up, subcmd_chip,
	subcmd_set_keys, subcmd_use;

/* Print @cmd's help on standard output and exit 0. */
void __attribute__((noreturn)) subcmd_help(const struct subcmd *cmd);

#define CARD_HELP \
	"  -c, --card=N          the card /dev/persocardN (default 0)\n" \
	"  -d, --device=PATH     the card with device node PATH\n"
#define JSON_HELP \
	"      --json            print one JSON value\n"
#define HELP_HELP \
	"  -h, --help            print this help and exit\n"
#define CODE_HELP \
	"      --code=CODE       the perso code (seen by every user in\n" \
	"                        /proc: for tests only)\n" \
	"      --code-file=FILE  the perso code is FILE's first line\n" \
	"                        (- for standard input)\n"
#define CODE_NOTE \
	"\nThe perso code comes from --code, --code-file, PERSOCARD_CODE or a\n" \
	"prompt without echo on a terminal, in that order: text as typed\n" \
	"(1234 is 31 32 33 34), or hex:HEX for raw bytes.\n"

#endif /* PERSOCARD_CLI_SUBCMD_H */
