// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The maker's cards made at runtime: create and remove, through
 * libpersocard-maker and the module's configfs group.  A create that fails
 * half-way removes what it made: a bad value changes nothing.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <persocard-maker.h>

#include "code.h"
#include "common.h"
#include "scp03.h"
#include "subcmd.h"

#define NO_CONFIGFS \
	"no " PERSOCARD_MAKER_CONFIGFS ": configfs must be mounted (mount -t configfs none /sys/kernel/config) and the module loaded (persocard load)"

enum {
	OPT_PROFILE = 0x200,
	OPT_NVM_SIZE,
	OPT_PAGE_SIZE,
	OPT_TRY_LIMIT,
	OPT_CODE_HEX,
	OPT_SCP03,
};

struct create_opts {
	const char *name;
	const char *profile;
	unsigned long nvm_size;
	unsigned long page_size;
	unsigned long try_limit;
	bool has_nvm_size;
	bool has_page_size;
	bool has_try_limit;
	struct code_opts copts;
	const char *code_hex;
	const char *scp03;	/* --scp03 KEYFILE */
};

/* The errors of making or finding a card, shared by create and remove. */
static void NORETURN card_die(const char *name)
{
	switch (errno) {
	case ENOENT:
		die(EXIT_SYSTEM, "%s", NO_CONFIGFS);
	case EACCES:
	case EPERM:
		die(EXIT_SYSTEM, "%s: %s (it needs root)", name,
		    strerror(errno));
	default:
		die_errno("%s", name);
	}
}

static unsigned long number_opt(const char *opt, const char *arg)
{
	unsigned long v;

	if (!parse_uint(arg, UINT_MAX, &v))
		die_usage("%s: '%s' is not a decimal number", opt, arg);
	return v;
}

static int xdigit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* HEX: an even number of digits, 4 to 32 bytes. Return: its length. */
static size_t code_hex(const char *hex, uint8_t *code)
{
	size_t n = strlen(hex), i;
	int hi, lo;

	if (n % 2 || n < 2 * PERSOCARD_CODE_MIN_LEN ||
	    n > 2 * PERSOCARD_CODE_MAX_LEN)
		die_usage("--code-hex: %zu hex digits: it takes an even number, %d to %d (%d to %d bytes)",
			  n, 2 * PERSOCARD_CODE_MIN_LEN,
			  2 * PERSOCARD_CODE_MAX_LEN, PERSOCARD_CODE_MIN_LEN,
			  PERSOCARD_CODE_MAX_LEN);
	for (i = 0; i < n; i += 2) {
		hi = xdigit(hex[i]);
		lo = xdigit(hex[i + 1]);
		if (hi < 0 || lo < 0)
			die_usage("--code-hex: '%c' is not a hex digit",
				  hi < 0 ? hex[i] : hex[i + 1]);
		code[i / 2] = hi << 4 | lo;
	}
	return n / 2;
}

static void create_args(int argc, char **argv, struct create_opts *o)
{
	static const struct option longopts[] = {
		{ "profile",	required_argument,	NULL,	OPT_PROFILE },
		{ "nvm-size",	required_argument,	NULL,	OPT_NVM_SIZE },
		{ "page-size",	required_argument,	NULL,	OPT_PAGE_SIZE },
		{ "try-limit",	required_argument,	NULL,	OPT_TRY_LIMIT },
		{ "code-hex",	required_argument,	NULL,	OPT_CODE_HEX },
		{ "scp03",	required_argument,	NULL,	OPT_SCP03 },
		CODE_LONGOPTS,
		{ "help",	no_argument,		NULL,	'h' },
		{ 0 }
	};
	int opt;

	while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (opt) {
		case OPT_PROFILE:
			if (!*optarg)
				die_usage("--profile: empty profile name");
			o->profile = optarg;
			break;
		case OPT_NVM_SIZE:
			o->nvm_size = number_opt("--nvm-size", optarg);
			o->has_nvm_size = true;
			break;
		case OPT_PAGE_SIZE:
			o->page_size = number_opt("--page-size", optarg);
			o->has_page_size = true;
			break;
		case OPT_TRY_LIMIT:
			o->try_limit = number_opt("--try-limit", optarg);
			o->has_try_limit = true;
			break;
		case OPT_CODE_HEX:
			o->code_hex = optarg;
			break;
		case OPT_SCP03:
			if (!*optarg)
				die_usage("--scp03: empty KEYFILE");
			o->scp03 = optarg;
			break;
		case OPT_CODE:
		case OPT_CODE_FILE:
			code_opt(&o->copts, opt, optarg);
			break;
		case 'h':
			subcmd_help(&subcmd_create);
		default:
			bad_option(opt, optopt, argv);
		}
	}
	if (optind < argc)
		o->name = argv[optind++];
	no_more_args(argc, argv);
	if (o->code_hex && (o->copts.code || o->copts.file))
		die_usage("give one perso code: --code-hex, --code or --code-file");
	if (o->scp03 && (o->code_hex || o->copts.code || o->copts.file))
		die_usage("--scp03 gives the card a key set instead of a perso code: not both");
}

/*
 * Undo a create that failed, then say why: the kernel's EINVAL is a value
 * out of its range, a usage error.
 */
static void NORETURN create_fail(struct persocard_maker_card *card,
				 const char *what)
{
	int err = errno;

	persocard_maker_card_remove(card);
	persocard_maker_card_free(card);
	errno = err;
	if (err == EINVAL)
		die(EXIT_USAGE, "%s: the module refused it (see persocard create --help)",
		    what);
	if (err == ENOTSUP)
		die(EXIT_SYSTEM, "%s: the module has no such setting (an older persocard)",
		    what);
	die_errno("%s", what);
}

static int do_create(int argc, char **argv)
{
	struct create_opts o = { 0 };
	struct persocard_maker_card *card;
	struct persocard_maker_info *info;
	uint8_t hex_code[PERSOCARD_CODE_MAX_LEN];
	struct value code = { 0 };
	struct persocard_scp03_keys keys = { 0 };
	const void *code_data = NULL;
	size_t code_len = 0;
	char what[80];

	create_args(argc, argv, &o);
	/* Every value the CLI can check is checked before the card is made. */
	if (o.code_hex) {
		code_len = code_hex(o.code_hex, hex_code);
		code_data = hex_code;
	} else if (o.scp03) {
		keys_from_file(o.scp03, &keys);
	} else if (code_from_options(&o.copts, &code)) {
		code_data = code.data;
		code_len = code.len;
	}

	card = persocard_maker_card_new(o.name);
	if (!card) {
		persocard_scp03_keys_wipe(&keys);
		if (errno == EINVAL)
			die_usage("'%s' cannot be a card's name (empty, . or .., a / or a newline, over %d bytes)",
				  o.name, NAME_MAX);
		if (errno == EEXIST)
			die(EXIT_SYSTEM, "%s: a card of that name exists",
			    o.name);
		card_die(o.name ? o.name : "create");
	}
	if (o.profile && persocard_maker_card_set_profile(card, o.profile)) {
		snprintf(what, sizeof(what), "--profile %.60s", o.profile);
		create_fail(card, what);
	}
	if (o.has_nvm_size &&
	    persocard_maker_card_set_nvm_size(card, o.nvm_size)) {
		snprintf(what, sizeof(what), "--nvm-size %lu", o.nvm_size);
		create_fail(card, what);
	}
	if (o.has_page_size &&
	    persocard_maker_card_set_page_size(card, o.page_size)) {
		if (errno == ENOENT && persocard_maker_card_is_live(card) >= 0)
			errno = ENOTSUP;	/* the card is there: no attribute */
		snprintf(what, sizeof(what), "--page-size %lu", o.page_size);
		create_fail(card, what);
	}
	if (o.has_try_limit &&
	    persocard_maker_card_set_try_limit(card, o.try_limit)) {
		snprintf(what, sizeof(what), "--try-limit %lu", o.try_limit);
		create_fail(card, what);
	}
	if (code_data &&
	    persocard_maker_card_set_perso_code(card, code_data, code_len)) {
		explicit_bzero(hex_code, sizeof(hex_code));
		value_free(&code);
		create_fail(card, "the perso code");
	}
	explicit_bzero(hex_code, sizeof(hex_code));
	value_free(&code);
	if (o.scp03 &&
	    persocard_maker_card_set_scp03_keys(card, keys.kvn, keys.enc,
						keys.mac, keys.dek, keys.len)) {
		persocard_scp03_keys_wipe(&keys);
		/* No such attribute in a card that is there: an older module. */
		if (errno == ENOENT && persocard_maker_card_is_live(card) >= 0)
			errno = ENOTSUP;
		create_fail(card, "the SCP03 key set");
	}
	persocard_scp03_keys_wipe(&keys);
	if (persocard_maker_card_enable(card))
		create_fail(card, "live");

	info = persocard_maker_card_get_info(card);
	if (!info)
		die_errno("%s", persocard_maker_card_name(card));
	printf("%s %s\n", persocard_maker_info_name(info),
	       persocard_maker_info_dev_path(info));
	persocard_maker_info_free(info);
	persocard_maker_card_free(card);
	return 0;
}

/* "/dev/persocardN" or "persocardN" as N; -1 for anything else. */
static long dev_index(const char *s)
{
	unsigned long n;
	const char *p = strrchr(s, '/');

	if (p && strncmp(s, "/dev/", 5))
		return -1;
	p = p ? p + 1 : s;
	if (strncmp(p, "persocard", 9) || !parse_uint(p + 9, INT_MAX, &n))
		return -1;
	return n;
}

/* A name first (a card may be called "3"), then an index or a device. */
static struct persocard_maker_card *remove_find(const char *arg)
{
	struct persocard_maker_card *card = NULL;
	struct persocard_maker_iter *iter;
	int err = EINVAL;
	unsigned long n;
	long index;

	if (!strchr(arg, '/')) {
		card = persocard_maker_card_open(arg);
		err = errno;
		if (card || (err != ENOENT && err != EINVAL))
			return card;
	}
	if (parse_uint(arg, INT_MAX, &n))
		index = n;
	else
		index = dev_index(arg);
	if (index < 0) {
		if (err == EINVAL)
			die_usage("'%s' is neither a card's name nor a card number",
				  arg);
		/* ENOENT: the group or the card is missing; which one? */
		iter = persocard_maker_iter_new();
		if (!iter)
			die(EXIT_SYSTEM, "%s", NO_CONFIGFS);
		persocard_maker_iter_free(iter);
		die(EXIT_SYSTEM, "%s: no such card in %s", arg,
		    PERSOCARD_MAKER_CONFIGFS);
	}
	card = persocard_maker_card_open_index(index);
	if (!card && errno == ENODEV)
		die(EXIT_SYSTEM, "/dev/persocard%ld: not a card made by persocard create (cards of nr_cards go with the module)",
		    index);
	return card;
}

static int do_remove(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help",	no_argument,	NULL,	'h' },
		{ 0 }
	};
	struct persocard_maker_card *card;
	const char *arg;
	int opt, index;

	while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		if (opt == 'h')
			subcmd_help(&subcmd_remove);
		bad_option(opt, optopt, argv);
	}
	if (optind >= argc)
		die_usage("missing card: NAME, N or /dev/persocardN");
	arg = argv[optind++];
	no_more_args(argc, argv);

	card = remove_find(arg);
	if (!card)
		card_die(arg);
	index = persocard_maker_card_index(card);
	if (persocard_maker_card_remove(card)) {
		if (errno == EBUSY && index >= 0)
			die(EXIT_SYSTEM, "%s: /dev/persocard%d is open: a program holds it, pcscd if it runs the persocard reader; close it first",
			    persocard_maker_card_name(card), index);
		card_die(persocard_maker_card_name(card));
	}
	persocard_maker_card_free(card);
	return 0;
}

const struct subcmd subcmd_create = {
	"create", do_create,
	"[--profile P] [--nvm-size N] [--page-size N] [--try-limit N] [--code-hex HEX | CODE OPTIONS | --scp03 KEYFILE] [NAME]",
	"Make a card through configfs (needs root), with the module's defaults\n"
	"for what is not given, and make it live. Prints its configfs name\n"
	"(NAME, else the first free cardN) and its device: card0 /dev/persocard4.\n"
	"The kernel checks each value; a refused one is exit 2 and leaves no\n"
	"card behind. configfs must be mounted at /sys/kernel/config.\n\n"
	"      --profile=P       payment, sim or identity\n"
	"      --nvm-size=N      bytes of NVM, 1024 to 65536\n"
	"      --page-size=N     bytes of an NVM page, a power of two, 16 to\n"
	"                        1024 (default 64)\n"
	"      --try-limit=N     tries of VERIFY PERSO CODE, 1 to 15\n"
	"      --code-hex=HEX    the perso code as 8 to 64 hex digits\n"
	CODE_HELP
	"      --scp03=KEYFILE   an SCP03 key set instead of a perso code: the\n"
	"                        bureau authenticates by secure channel\n"
	"                        (KEYFILE as persocard set-keys --help says)\n"
	HELP_HELP
	"\nThe perso code comes from --code-hex, --code, --code-file or\n"
	"PERSOCARD_CODE, in that order (text as typed, or hex:HEX); else it\n"
	"is the module's default. There is no prompt. The try limit bounds the\n"
	"failed EXTERNAL AUTHENTICATEs of an SCP03 card as it does codes.\n",
};

const struct subcmd subcmd_remove = {
	"remove", do_remove, "NAME | N | /dev/persocardN",
	"Remove a card made by persocard create (needs root): its device node\n"
	"goes, then its configfs folder. A card some program holds open stays,\n"
	"live and unchanged (exit 3): close it first. NAME is the configfs\n"
	"name; a number names /dev/persocardN, unless a card is called so.\n"
	"Cards made at load by nr_cards go with the module only.\n\n"
	HELP_HELP,
};
