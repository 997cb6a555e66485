// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The image subcommands: key (new, load, unload, status), save and
 * restore, one card or all, through libpersocard-maker. The image is
 * opaque here: the kernel seals and opens it.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <persocard-maker.h>

#include "common.h"
#include "maker_args.h"
#include "subcmd.h"

unsigned int card_arg(const char *s)
{
	const char *p = s;
	unsigned long n;

	if (!strncmp(p, "/dev/", 5))
		p += 5;
	if (!strncmp(p, "persocard", 9))
		p += 9;
	else if (p != s)
		p = "";
	if (!parse_uint(p, INT_MAX, &n))
		die_usage("'%s' is not a card: N, persocardN or /dev/persocardN",
			  s);
	return n;
}

int image_exit_status(int err)
{
	switch (err) {
	case EINVAL:
	case EPROTONOSUPPORT:
	case EKEYREJECTED:
	case EBADMSG:
	case EMSGSIZE:
	case EEXIST:
	case EBUSY:
		return EXIT_REFUSED;
	default:
		return EXIT_SYSTEM;
	}
}

/* The message of an image error; the library's for the ioctls' errnos. */
static const char *image_error(int err)
{
	if (err == ENOENT)
		return "no such card or file (is the module loaded?)";
	return persocard_maker_image_strerror(err);
}

static void help_args(int argc, char **argv, const struct subcmd *cmd,
		      bool *all)
{
	static const struct option longopts[] = {
		{ "all",	no_argument,	NULL,	'a' },
		{ "help",	no_argument,	NULL,	'h' },
		{ 0 }
	};
	int opt;

	while ((opt = getopt_long(argc, argv, all ? ":ah" : ":h", longopts,
				  NULL)) != -1) {
		if (opt == 'h')
			subcmd_help(cmd);
		if (opt == 'a' && all) {
			*all = true;
			continue;
		}
		bad_option(opt, optopt, argv);
	}
}

/* ---- key ---- */

static int key_new(const char *path)
{
	if (!persocard_maker_key_new(path))
		return 0;
	if (errno == EEXIST)
		die(EXIT_SYSTEM, "%s exists: a key file is never overwritten",
		    path);
	die_errno("%s", path);
}

static int key_load(const char *path)
{
	struct stat st;

	if (!stat(path, &st) && S_ISREG(st.st_mode) && (st.st_mode & 077))
		msg(subcommand, "warning: %s can be read by others (chmod 600 it)",
		    path);
	if (!persocard_maker_key_load(path))
		return 0;
	switch (errno) {
	case EINVAL:
		die(EXIT_USAGE, "%s: not a key file: it must hold 16, 24 or 32 bytes (persocard key new makes one)",
		    path);
	case ENOSYS:
		die(EXIT_SYSTEM, "%s: the kernel has no keyrings (CONFIG_KEYS)",
		    path);
	default:
		die_errno("%s", path);
	}
}

static int key_unload(void)
{
	int n = persocard_maker_key_remove();

	if (n < 0)
		die_errno("the image key");
	if (!n)
		msg(subcommand, "no image key was loaded");
	return 0;
}

static int key_status(void)
{
	int loaded = persocard_maker_key_loaded();

	if (loaded < 0)
		die_errno("the image key");
	printf("%s\n", loaded ? "loaded" : "not loaded");
	return loaded ? 0 : EXIT_REFUSED;
}

static int do_key(int argc, char **argv)
{
	const char *action, *file = NULL;
	bool takes_file;

	help_args(argc, argv, &subcmd_key, NULL);
	if (optind >= argc)
		die_usage("missing action: new FILE, load FILE, unload or status");
	action = argv[optind++];
	takes_file = !strcmp(action, "new") || !strcmp(action, "load");
	if (!takes_file && strcmp(action, "unload") && strcmp(action, "status"))
		die_usage("unknown action '%s': new FILE, load FILE, unload or status",
			  action);
	if (takes_file) {
		if (optind >= argc)
			die_usage("key %s: missing FILE", action);
		file = argv[optind++];
		if (!*file)
			die_usage("key %s: empty FILE", action);
	}
	no_more_args(argc, argv);
	if (!strcmp(action, "new"))
		return key_new(file);
	if (!strcmp(action, "load"))
		return key_load(file);
	if (!strcmp(action, "unload"))
		return key_unload();
	return key_status();
}

/* ---- save, restore ---- */

/* The card's state after a restore, from libpersocard's own view. */
static const char *state_of(unsigned int index)
{
	struct persocard_card *card = persocard_card_open_index(index);
	const char *s;

	if (!card)
		return "UNKNOWN";
	s = card_state(card);
	persocard_card_close(card);
	return s;
}

/* What restore says of a card, one image or many: the state it is now in. */
static void print_restored(unsigned int index, const char *path)
{
	printf("persocard%u: restored from %s, %s\n", index, path,
	       state_of(index));
}

struct all_result {
	const char *verb;
	int status;
	unsigned int nr;
};

static void report(const char *name, const char *path, int err, void *data)
{
	struct all_result *r = data;
	size_t len;
	int status;

	r->nr++;
	if (!err && !strcmp(r->verb, "saved")) {
		printf("%s: saved to %s\n", name, path);
		return;
	}
	if (!err) {
		unsigned int index;

		if (sscanf(name, "persocard%u", &index) == 1)
			print_restored(index, path);
		else
			printf("%s: restored from %s\n", name, path);
		return;
	}
	/* A file that names no card is reported under its own name. */
	len = strlen(name);
	if (err == EINVAL && len > 4 && !strcmp(name + len - 4, ".img"))
		msg(subcommand, "%s: not persocardN.img: no card to restore it onto",
		    path);
	else
		msg(subcommand, "%s: %s: %s", name, path, image_error(err));
	status = image_exit_status(err);
	if (status > r->status)
		r->status = status;
}

static int dir_fail(const char *dir)
{
	if (errno == ENOENT || errno == ENOTDIR)
		die(EXIT_SYSTEM, "%s: %s", dir, strerror(errno));
	die_errno("%s", dir);
}

int restore_dir(const char *dir)
{
	struct all_result r = { "restored", 0, 0 };

	if (persocard_maker_restore_all(dir, report, &r) < 0 && !r.nr)
		dir_fail(dir);
	if (!r.nr)
		msg(subcommand, "%s: no images (persocardN.img) to restore", dir);
	return r.status;
}

static int do_save(int argc, char **argv)
{
	struct all_result r = { "saved", 0, 0 };
	unsigned int index;
	bool all = false;
	const char *file;

	help_args(argc, argv, &subcmd_save, &all);
	if (all) {
		if (optind >= argc)
			die_usage("--all: missing DIR");
		file = argv[optind++];
		no_more_args(argc, argv);
		if (persocard_maker_save_all(file, report, &r) < 0 && !r.nr)
			dir_fail(file);
		if (!r.nr)
			msg(subcommand, "no cards to save");
		return r.status;
	}
	if (optind + 2 > argc)
		die_usage("missing %s (save CARD FILE, or save --all DIR)",
			  optind < argc ? "FILE" : "CARD and FILE");
	index = card_arg(argv[optind++]);
	file = argv[optind++];
	no_more_args(argc, argv);
	if (!*file)
		die_usage("empty FILE");
	if (persocard_maker_save_file(index, file)) {
		msg(subcommand, "persocard%u: %s: %s", index, file,
		    image_error(errno));
		return image_exit_status(errno);
	}
	printf("persocard%u: saved to %s\n", index, file);
	return 0;
}

static int do_restore(int argc, char **argv)
{
	unsigned int index;
	bool all = false;
	const char *file;

	help_args(argc, argv, &subcmd_restore, &all);
	if (all) {
		if (optind >= argc)
			die_usage("--all: missing DIR");
		file = argv[optind++];
		no_more_args(argc, argv);
		return restore_dir(file);
	}
	if (optind + 2 > argc)
		die_usage("missing %s (restore CARD FILE, or restore --all DIR)",
			  optind < argc ? "FILE" : "CARD and FILE");
	index = card_arg(argv[optind++]);
	file = argv[optind++];
	no_more_args(argc, argv);
	if (!*file)
		die_usage("empty FILE");
	if (persocard_maker_restore_file(index, file)) {
		msg(subcommand, "persocard%u: %s: %s", index, file,
		    image_error(errno));
		return image_exit_status(errno);
	}
	print_restored(index, file);
	return 0;
}

#define IMAGE_EXIT_NOTE \
	"\nExit status 1: the module refused the image (not an image, newer\n" \
	"format, another key, changed, another NVM size, another card's, a\n" \
	"session running); 3: no key, no rights, no such card or file.\n"

const struct subcmd subcmd_key = {
	"key", do_key, "new FILE | load FILE | unload | status",
	"The key that seals card images: a logon key persocard:image in the\n"
	"kernel's keyrings, never readable back.\n\n"
	"  new FILE     make a key file of 32 random bytes, mode 0600; an\n"
	"               existing FILE is never overwritten\n"
	"  load FILE    load FILE's key (16, 24 or 32 bytes) into the user\n"
	"               keyring, where the module finds it\n"
	"  unload       remove the loaded key (none loaded is fine)\n"
	"  status       print loaded (exit 0) or not loaded (exit 1)\n\n"
	HELP_HELP,
};

const struct subcmd subcmd_save = {
	"save", do_save, "CARD FILE | --all DIR",
	"Save a card, sealed by the module under the loaded key, into FILE\n"
	"(written whole or not at all, mode 0600); with --all, every card into\n"
	"DIR/persocardN.img, a line per card. Needs root and a key (persocard\n"
	"key load). A running session is not saved.\n\n"
	CARD_ARG_HELP
	"      --all             every card, into DIR\n"
	HELP_HELP IMAGE_EXIT_NOTE,
};

const struct subcmd subcmd_restore = {
	"restore", do_restore, "CARD FILE | --all DIR",
	"Restore a saved image onto the card it was saved from, or onto a\n"
	"fresh card, which becomes that card; with --all, each DIR/persocardN.img\n"
	"onto /dev/persocardN, a line per card (a file NAME.img of no card is an\n"
	"error). The module checks all before it changes anything: a refused\n"
	"image leaves the card as it was. Needs root and the key it was saved\n"
	"under. An older image of the card restores too: sealing does not\n"
	"prevent rollback.\n\n"
	CARD_ARG_HELP
	"      --all             every image of DIR\n"
	HELP_HELP IMAGE_EXIT_NOTE,
};
