// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * persocard - personalize the simulated smart cards of the persocard
 * module.  This file dispatches to the subcommands and prints the help
 * that persocard(1) is made from.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "subcmd.h"

static const struct subcmd *const subcmds[] = {
	&subcmd_list, &subcmd_status, &subcmd_info, &subcmd_profile,
	&subcmd_read, &subcmd_personalize, &subcmd_shell, &subcmd_apdu,
	&subcmd_reset,
	&subcmd_factory_reset, &subcmd_load, &subcmd_unload,
	&subcmd_create, &subcmd_remove, &subcmd_set_keys, &subcmd_key, &subcmd_save,
	&subcmd_restore, &subcmd_power_cut, &subcmd_power_up, &subcmd_chip,
	&subcmd_use,
};

#define NR_SUBCMDS	ARRAY_SIZE(subcmds)

/* Everything persocard(1) says comes from here and the .h2m file. */
static void print_help(void)
{
	size_t i;

	printf("Usage: persocard SUBCOMMAND [OPTION]... [ARGUMENT]...\n");
	for (i = 0; i < NR_SUBCMDS; i++)
		printf("  or:  persocard %s %s\n", subcmds[i]->name,
		       subcmds[i]->args);
	printf("  or:  persocard SUBCOMMAND --help\n"
	       "  or:  persocard --help | --version\n"
"Personalize the simulated smart cards of the persocard kernel module,\n"
"/dev/persocardN: from a data file in one session, or one command at a time\n"
"in a shell; and query them, for people and for scripts (--json).\n"
"\n"
"Subcommands:\n"
"  list               one line per card present: device, profile, state,\n"
"                     tries left/try limit, serial\n"
"  status             the card's state, profile, try counter and limit,\n"
"                     serial, and whether a session runs\n"
"  info               the module's ABI version, capabilities and limits,\n"
"                     and the card's ATR (Answer To Reset)\n"
"  profile            the data elements of the card's profile: tag, name,\n"
"                     shortest and longest value, mandatory, secret\n"
"  read TAG           GET DATA: a public element of a PERSONALIZED card\n"
"  personalize FILE   check FILE against the card's profile, then ENABLE\n"
"                     PERSO, VERIFY PERSO CODE, a PUT PERSO DATA per element\n"
"                     and LOCK PERSO in one session, a line per command;\n"
"                     with --pcsc, as APDUs through pcscd (PC/SC); with\n"
"                     --scp03, over an SCP03 secure channel: SELECT,\n"
"                     INITIALIZE UPDATE, EXTERNAL AUTHENTICATE, STORE DATA\n"
"                     and SET STATUS\n"
"  shell [SCRIPT]     a session, one command per line, from the terminal,\n"
"                     SCRIPT or standard input\n"
"  apdu [APDU]...     command APDUs in hexadecimal (from standard input if\n"
"                     none), in one session; a line per APDU: the response\n"
"                     data in hexadecimal, if any, and the status word\n"
"  reset              warm reset of a card left READY by another tool\n"
"  factory-reset      the maker's reset (root): empty NVM, new secret and\n"
"                     serial, same profile, perso code and try limit\n"
"  load [MODULE | PATH.ko] [PARAM=VALUE]... [--restore DIR]\n"
"                     load the module through libkmod (nr_cards=4, ...),\n"
"                     then restore DIR's images (as restore --all DIR)\n"
"  unload [MODULE]    unload the module; it fails while a program (pcscd\n"
"                     with the persocard driver) holds a card open\n"
"  create [NAME]      make a card through configfs (root) with --profile,\n"
"                     --nvm-size, --page-size, --try-limit, a perso code or\n"
"                     --scp03 KEYFILE, and make it live; prints NAME and its\n"
"                     device\n"
"  remove NAME | N    remove a card made by create; it fails while a\n"
"                     program holds the card open\n"
"  set-keys CARD KEYFILE | none\n"
"                     give a fresh card an SCP03 key set from KEYFILE\n"
"                     (root), or take it away: none\n"
"  key new FILE | load FILE | unload | status\n"
"                     the image key: make a key file (0600), load it into\n"
"                     the kernel's keyring, remove it, or say if loaded\n"
"  save CARD FILE     save a card, sealed by the module, into FILE (root,\n"
"                     a key loaded); --all DIR: every card, DIR/persocardN.img\n"
"  restore CARD FILE  restore a saved image onto its card or a fresh one;\n"
"                     --all DIR: each DIR/persocardN.img onto its card\n"
"  power-cut CARD [N K | off]\n"
"                     cut the power at NVM operation N after K bytes, or\n"
"                     disarm (debugfs, root); alone: what is armed\n"
"  power-up CARD      power a card up after a cut: recovery runs\n"
"  chip CARD          the chip's figures (debugfs); --endurance: the program\n"
"                     operations of each page\n"
"\n"
"A CARD argument is N, persocardN or /dev/persocardN.\n"
"\n"
"Options:\n"
"  -c, --card=N            the card /dev/persocardN (default: card 0)\n"
"  -d, --device=PATH       the card with device node PATH\n"
"      --json              list, status, info, profile, read, apdu: print one\n"
"                          JSON value\n"
"      --format=FORMAT     read: hex (default), text (and a newline) or raw\n"
"      --code=CODE         personalize, shell: the perso code (seen by every\n"
"                          user in /proc: for tests only)\n"
"      --code-file=FILE    personalize, shell: the perso code is FILE's first\n"
"                          line (- for standard input)\n"
"      --pcsc              personalize: send APDUs through pcscd; -c N is slot\n"
"                          N of the reader named persocard\n"
"      --reader=NAME       personalize --pcsc: the PC/SC reader NAME\n"
"      --scp03=KEYFILE     personalize: authenticate by SCP03 with KEYFILE's\n"
"                          key set; create: give the card that key set\n"
"      --level=LEVEL       personalize --scp03: cdec-rmac (default), cmac,\n"
"                          cdec, rmac or all; or 01, 03, 11, 13, 33\n"
"      --profile=P         create: payment, sim or identity\n"
"      --nvm-size=N        create: bytes of NVM, 1024 to 65536\n"
"      --page-size=N       create: bytes of an NVM page, a power of two, 16 to\n"
"                          1024\n"
"      --restore=DIR       load: restore DIR's images once the module is in\n"
"      --all               save, restore: every card, into or from a folder\n"
"      --endurance         chip: a line per page\n"
"      --try-limit=N       create: tries of VERIFY PERSO CODE, 1 to 15\n"
"      --code-hex=HEX      create: the perso code as 8 to 64 hex digits; or\n"
"                          --code, --code-file, PERSOCARD_CODE, else the\n"
"                          module's default (no prompt)\n"
"  -e, --errexit           shell, apdu: stop at the first command that fails\n"
"  -h, --help              print this help, or a subcommand's, and exit\n"
"  -v, --version           print the version and exit\n"
"\n"
"The perso code comes from --code, --code-file, the environment variable\n"
"PERSOCARD_CODE, or a prompt without echo when standard input is a\n"
"terminal, in that order: text as typed (1234 is the bytes 31 32 33 34),\n"
"or hex:HEX for raw bytes; 4 to 32 bytes.\n"
"\n"
"Shell commands:\n"
"  enable             ENABLE PERSO\n"
"  verify [CODE]      VERIFY PERSO CODE; CODE as typed, else the perso code\n"
"                     above\n"
"  put TAG VALUE      PUT PERSO DATA\n"
"  lock               LOCK PERSO; a refusal names the missing elements\n"
"  reset              warm reset: ends the session\n"
"  status             state, try counter and session, on one line\n"
"  read TAG           GET DATA, in hexadecimal\n"
"  help               the list of commands\n"
"  quit, exit         leave (as does end of file)\n"
"\n"
"An accepted command prints COMMAND: OK (SW 9000), STATE; put names the\n"
"element: put: NAME (0xTAG, N bytes): OK (SW 9000), STATE. A failed one\n"
"prints an error, and the shell goes on; the exit status is that\n"
"of the last command that failed. Blank lines and # lines are skipped.\n"
"The prompt is persocard0 READY>; the history stays in memory, without\n"
"verify lines or secret values.\n"
"\n"
"An SCP03 key file holds the lines 'kvn HH' (01 to 7F), 'enc HEX', 'mac HEX'\n"
"and 'dek HEX', each once, the three keys of 16, 24 or 32 bytes, all of one\n"
"length; blank lines and # lines are skipped. Keys are never given on the\n"
"command line.\n"
"\n"
"Values:\n"
"  HEX                hexadecimal digits, optionally after hex:; blanks\n"
"                     between them are allowed; an even count (5413330089)\n"
"  \"TEXT\"             quoted text, with the escapes \\\\ \\\" \\n \\t \\xHH\n"
"  text:TEXT          the rest of the line, verbatim\n"
"  @FILE              FILE's bytes, at most 1024; in a data file, a relative\n"
"                     path is relative to the data file's folder\n"
"\n"
"A TAG is an element name (pan), or its number in hexadecimal with 0x\n"
"(0x5A00) or in decimal (23040).\n"
"\n"
"A data file holds one element per line: TAG, blanks, VALUE, and after a\n"
"hexadecimal or quoted value optionally blanks and a # comment. Blank lines\n"
"and lines starting with # are skipped. One optional line 'profile NAME'\n"
"(payment, sim or identity) names the card's profile. personalize checks\n"
"the whole file first: syntax, known tags each given once, lengths,\n"
"mandatory elements, profile. The first error is printed as FILE:LINE:\n"
"MESSAGE and nothing is sent. The card itself checks formats (BCD, dates,\n"
"printable text) and refuses a bad one with 6A80.\n"
"\n"
"Exit status: 0 success, 1 the card refused a command (or the module an\n"
"image), 2 bad usage, value or data file, 3 device or system error.\n");
}

static void print_version(void)
{
	printf("persocard %s (libpersocard %s)\n", PERSOCARD_VERSION,
	       persocard_api_version());
}

void subcmd_help(const struct subcmd *cmd)
{
	printf("Usage: persocard %s %s\n", cmd->name, cmd->args);
	fputs(cmd->help, stdout);
	exit(0);
}

/* Output that could not be written is an error, even on success. */
static int flush_stdout(int status)
{
	if (fflush(stdout) || ferror(stdout)) {
		msg(subcommand, "standard output: %s", strerror(errno));
		return EXIT_SYSTEM;
	}
	return status;
}

int main(int argc, char **argv)
{
	const char *arg = argc > 1 ? argv[1] : NULL;
	size_t i;

	/* Each subcommand prints its own option errors. */
	opterr = 0;
	if (!arg)
		die_usage("missing subcommand (try persocard --help)");
	if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
		print_help();
		return flush_stdout(0);
	}
	if (!strcmp(arg, "-v") || !strcmp(arg, "--version")) {
		print_version();
		return flush_stdout(0);
	}
	if (arg[0] == '-')
		die_usage("invalid option '%s'", arg);
	for (i = 0; i < NR_SUBCMDS; i++) {
		if (strcmp(arg, subcmds[i]->name))
			continue;
		subcommand = arg;
		return flush_stdout(subcmds[i]->run(argc - 1, argv + 1));
	}
	die_usage("unknown subcommand '%s' (try persocard --help)", arg);
}
