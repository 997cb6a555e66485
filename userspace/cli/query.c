// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The queries: list, status, info, profile and read.  None of them
 * changes the card.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "json.h"
#include "query.h"
#include "scp03.h"
#include "subcmd.h"
#include "value.h"

enum { OPT_JSON = 0x200, OPT_FORMAT };

#define QUERY_SHORTOPTS	":" CARD_SHORTOPTS "h"
#define QUERY_LONGOPTS \
	CARD_LONGOPTS, \
	{ "json",	no_argument,		NULL,	OPT_JSON }, \
	{ "help",	no_argument,		NULL,	'h' }

static void print_status(struct persocard_card *card,
			 const struct persocard_card_status *st)
{
	const char *auth;

	printf("device:     %s\n", persocard_card_path(card));
	printf("state:      %s\n",
	       state_str(persocard_card_status_get_state(st)));
	printf("profile:    %s\n",
	       profile_str(persocard_card_status_get_profile(st)));
	printf("tries left: %u of %u\n",
	       persocard_card_status_get_tries_left(st),
	       persocard_card_status_get_try_limit(st));
	printf("serial:     %016" PRIX64 "\n",
	       persocard_card_status_get_serial(st));
	printf("session:    %s\n",
	       persocard_card_status_has_session(st) ? "yes" : "no");
	auth = card_auth(persocard_card_index(card));
	if (auth)
		printf("auth:       %s\n", auth);
}

static void json_status(struct json *j, struct persocard_card *card,
			const struct persocard_card_status *st)
{
	const char *auth;
	char serial[17];

	snprintf(serial, sizeof(serial), "%016" PRIX64,
		 persocard_card_status_get_serial(st));
	json_object_begin(j);
	json_key(j, "card");
	json_uint(j, persocard_card_index(card));
	json_key(j, "device");
	json_string(j, persocard_card_path(card));
	json_key(j, "state");
	json_string(j, state_str(persocard_card_status_get_state(st)));
	json_key(j, "profile");
	json_string(j, profile_str(persocard_card_status_get_profile(st)));
	json_key(j, "tries_left");
	json_uint(j, persocard_card_status_get_tries_left(st));
	json_key(j, "try_limit");
	json_uint(j, persocard_card_status_get_try_limit(st));
	json_key(j, "serial");
	json_string(j, serial);
	json_key(j, "session");
	json_bool(j, persocard_card_status_has_session(st));
	/* The card's sysfs auth; null from a module without SCP03. */
	auth = card_auth(persocard_card_index(card));
	json_key(j, "auth");
	if (auth)
		json_string(j, auth);
	else
		json_null(j);
	json_object_end(j);
}

void print_hex(const uint8_t *data, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		printf("%02X", data[i]);
	putchar('\n');
}

ssize_t read_value(struct persocard_card *card, uint16_t tag, uint8_t **buf)
{
	ssize_t n;

	*buf = xmalloc(PERSOCARD_VALUE_MAX_LEN);
	n = persocard_card_read(card, tag, *buf, PERSOCARD_VALUE_MAX_LEN);
	if (n < 0) {
		int err = errno;

		free(*buf);
		*buf = NULL;
		errno = err;
	}
	return n;
}

/* The options of status, info and profile: a card and --json. */
static struct persocard_card *query_args(int argc, char **argv,
					 const struct subcmd *cmd, bool *json)
{
	static const struct option longopts[] = { QUERY_LONGOPTS, { 0 } };
	struct card_sel sel = { 0 };
	int opt;

	while ((opt = getopt_long(argc, argv, QUERY_SHORTOPTS, longopts,
				  NULL)) != -1) {
		switch (opt) {
		case 'c':
		case 'd':
			card_sel_opt(&sel, opt, optarg);
			break;
		case OPT_JSON:
			*json = true;
			break;
		case 'h':
			subcmd_help(cmd);
		default:
			bad_option(opt, optopt, argv);
		}
	}
	no_more_args(argc, argv);
	return card_open(&sel);
}

static int do_list(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json",	no_argument,	NULL,	OPT_JSON },
		{ "help",	no_argument,	NULL,	'h' },
		{ 0 }
	};
	struct persocard_card_status *st;
	struct persocard_card *card;
	struct persocard_iter *iter;
	bool json = false, any = false;
	unsigned int index;
	struct json j;
	int opt, ret = 0;

	while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (opt) {
		case OPT_JSON:
			json = true;
			break;
		case 'h':
			subcmd_help(&subcmd_list);
		default:
			bad_option(opt, optopt, argv);
		}
	}
	no_more_args(argc, argv);

	iter = persocard_iter_new();
	if (!iter)
		die_errno("cannot list the cards");
	json_init(&j, stdout);
	if (json)
		json_array_begin(&j);
	while (persocard_iter_next(iter, &index) == 1) {
		any = true;
		card = persocard_card_open_index(index);
		if (!card) {
			/* The others are listed all the same. */
			msg(subcommand, "/dev/persocard%u: %s", index,
			    strerror(errno));
			ret = EXIT_SYSTEM;
			continue;
		}
		st = persocard_card_get_status(card);
		if (!st) {
			msg(subcommand, "%s: %s", persocard_card_path(card),
			    strerror(errno));
			ret = EXIT_SYSTEM;
		} else if (json) {
			json_status(&j, card, st);
		} else {
			printf("%-16s %-9s %-14s %2u/%-2u %016" PRIX64 "\n",
			       persocard_card_path(card),
			       profile_str(persocard_card_status_get_profile(st)),
			       state_str(persocard_card_status_get_state(st)),
			       persocard_card_status_get_tries_left(st),
			       persocard_card_status_get_try_limit(st),
			       persocard_card_status_get_serial(st));
		}
		persocard_card_status_free(st);
		persocard_card_close(card);
	}
	persocard_iter_free(iter);
	/* Scripts read stdout: the explanation goes to stderr, status 0. */
	if (!any && !persocard_module_loaded())
		msg(subcommand, "no card: the persocard module is not loaded (load it with 'persocard load' or 'sudo modprobe persocard')");
	else if (!any)
		msg(subcommand, "no card: the persocard module has none");
	if (json) {
		json_array_end(&j);
		json_finish(&j);
	}
	return ret;
}

static int do_status(int argc, char **argv)
{
	struct persocard_card_status *st;
	struct persocard_card *card;
	bool json = false;
	struct json j;

	card = query_args(argc, argv, &subcmd_status, &json);
	st = persocard_card_get_status(card);
	if (!st)
		die_errno("%s", persocard_card_path(card));
	if (json) {
		json_init(&j, stdout);
		json_status(&j, card, st);
		json_finish(&j);
	} else {
		print_status(card, st);
	}
	persocard_card_status_free(st);
	persocard_card_close(card);
	return 0;
}

static const struct {
	unsigned int bit;
	const char *name;
} cap_names[] = {
	{ PERSOCARD_CAP_PROFILE,	"profile" },
	{ PERSOCARD_CAP_LOCK_MISSING,	"lock_missing" },
	{ PERSOCARD_CAP_RESET,		"reset" },
	{ PERSOCARD_CAP_GET_DATA,	"get_data" },
	{ PERSOCARD_CAP_TRANSMIT,	"transmit" },
	{ PERSOCARD_CAP_PRESENCE,	"presence" },
	{ PERSOCARD_CAP_IMAGE,		"image" },
	{ PERSOCARD_CAP_SCP03,		"scp03" },
};

static int do_info(int argc, char **argv)
{
	struct persocard_card_info *info;
	struct persocard_card *card;
	unsigned int i, known = 0;
	const uint8_t *atr_bytes;
	char bit[16], *atr;
	const char *auth;
	bool json = false;
	struct json j;
	uint32_t caps;
	size_t atr_len;

	card = query_args(argc, argv, &subcmd_info, &json);
	info = persocard_card_get_info(card);
	if (!info)
		die_errno("%s", persocard_card_path(card));
	persocard_card_close(card);
	/* A module without TRANSMIT has no ATR: shown as empty. */
	atr_bytes = persocard_card_info_get_atr(info, &atr_len);
	atr = hex_str(atr_bytes, atr_len);
	caps = persocard_card_info_get_caps(info);
	auth = card_auth(persocard_card_info_get_card_index(info));

	if (!json) {
		printf("abi version:   %u\n", persocard_card_info_get_abi_version(info));
		printf("capabilities: ");
	} else {
		json_init(&j, stdout);
		json_object_begin(&j);
		json_key(&j, "abi_version");
		json_uint(&j, persocard_card_info_get_abi_version(info));
		json_key(&j, "caps");
		json_array_begin(&j);
	}
	for (i = 0; i < ARRAY_SIZE(cap_names); i++) {
		known |= cap_names[i].bit;
		if (!(caps & cap_names[i].bit))
			continue;
		if (json)
			json_string(&j, cap_names[i].name);
		else
			printf(" %s", cap_names[i].name);
	}
	/* Bits of a newer module are shown by number. */
	for (i = 0; i < 32; i++) {
		if (!(caps & ~known & (1u << i)))
			continue;
		snprintf(bit, sizeof(bit), "0x%x", 1u << i);
		if (json)
			json_string(&j, bit);
		else
			printf(" %s", bit);
	}
	if (!json) {
		printf("\ncard:          %u\n", persocard_card_info_get_card_index(info));
		printf("cards:         %u\n", persocard_card_info_get_nr_cards(info));
		printf("nvm size:      %u bytes\n", persocard_card_info_get_nvm_size(info));
		printf("longest value: %u bytes\n", persocard_card_info_get_max_value_len(info));
		printf("perso code:    %u to %u bytes\n", persocard_card_info_get_min_code_len(info),
		       persocard_card_info_get_max_code_len(info));
		printf("most tags:     %u\n", persocard_card_info_get_max_tags(info));
		printf("atr:           %s\n", atr);
		if (auth)
			printf("auth:          %s\n", auth);
		free(atr);
		persocard_card_info_free(info);
		return 0;
	}
	json_array_end(&j);
	json_key(&j, "card");
	json_uint(&j, persocard_card_info_get_card_index(info));
	json_key(&j, "nr_cards");
	json_uint(&j, persocard_card_info_get_nr_cards(info));
	json_key(&j, "nvm_size");
	json_uint(&j, persocard_card_info_get_nvm_size(info));
	json_key(&j, "max_value_len");
	json_uint(&j, persocard_card_info_get_max_value_len(info));
	json_key(&j, "min_code_len");
	json_uint(&j, persocard_card_info_get_min_code_len(info));
	json_key(&j, "max_code_len");
	json_uint(&j, persocard_card_info_get_max_code_len(info));
	json_key(&j, "max_tags");
	json_uint(&j, persocard_card_info_get_max_tags(info));
	json_key(&j, "atr");
	json_string(&j, atr);
	json_key(&j, "auth");
	if (auth)
		json_string(&j, auth);
	else
		json_null(&j);
	json_object_end(&j);
	json_finish(&j);
	free(atr);
	persocard_card_info_free(info);
	return 0;
}

static const char *flags_str(const struct persocard_tag *t)
{
	bool mandatory = persocard_tag_is_mandatory(t);
	bool secret = persocard_tag_is_secret(t);

	if (mandatory && secret)
		return "mandatory secret";
	if (mandatory)
		return "mandatory";
	if (secret)
		return "secret";
	return "-";
}

static int do_profile(int argc, char **argv)
{
	const struct persocard_tag *d;
	struct persocard_card *card;
	bool json = false;
	unsigned int i, n;
	struct json j;

	card = query_args(argc, argv, &subcmd_profile, &json);
	n = persocard_card_nr_tags(card);
	json_init(&j, stdout);
	if (json) {
		json_object_begin(&j);
		json_key(&j, "profile");
		json_string(&j, profile_str(persocard_card_profile(card)));
		json_key(&j, "tags");
		json_array_begin(&j);
	} else {
		printf("profile: %s\n",
		       profile_str(persocard_card_profile(card)));
		printf("%-6s  %-18s %4s %4s  %s\n", "TAG", "NAME", "MIN", "MAX",
		       "FLAGS");
	}
	for (i = 0; i < n; i++) {
		d = persocard_card_get_tag(card, i);
		if (!d)
			die_errno("%s: element %u", persocard_card_path(card),
				  i);
		if (!json) {
			printf("0x%04" PRIX16 "  %-18.*s %4u %4u  %s\n",
			       persocard_tag_get_tag(d), PERSOCARD_NAME_LEN,
			       persocard_tag_get_name(d),
			       persocard_tag_get_min_len(d),
			       persocard_tag_get_max_len(d), flags_str(d));
			continue;
		}
		json_object_begin(&j);
		json_key(&j, "tag");
		json_uint(&j, persocard_tag_get_tag(d));
		json_key(&j, "name");
		json_string(&j, persocard_tag_get_name(d));
		json_key(&j, "min_len");
		json_uint(&j, persocard_tag_get_min_len(d));
		json_key(&j, "max_len");
		json_uint(&j, persocard_tag_get_max_len(d));
		json_key(&j, "mandatory");
		json_bool(&j, persocard_tag_is_mandatory(d));
		json_key(&j, "secret");
		json_bool(&j, persocard_tag_is_secret(d));
		json_object_end(&j);
	}
	if (json) {
		json_array_end(&j);
		json_object_end(&j);
		json_finish(&j);
	}
	persocard_card_close(card);
	return 0;
}

enum read_format { FORMAT_HEX, FORMAT_TEXT, FORMAT_RAW, FORMAT_JSON };

static int do_read(int argc, char **argv)
{
	static const struct option longopts[] = {
		QUERY_LONGOPTS,
		{ "format",	required_argument,	NULL,	OPT_FORMAT },
		{ 0 }
	};
	const struct persocard_tag *desc;
	enum read_format format = FORMAT_HEX;
	struct persocard_card *card;
	struct card_sel sel = { 0 };
	bool json = false, formatted = false;
	char name[TAG_NAME_SIZE], *hex;
	uint8_t *buf;
	uint16_t tag;
	ssize_t n;
	struct json j;
	int opt, ret;

	while ((opt = getopt_long(argc, argv, QUERY_SHORTOPTS, longopts,
				  NULL)) != -1) {
		switch (opt) {
		case 'c':
		case 'd':
			card_sel_opt(&sel, opt, optarg);
			break;
		case OPT_JSON:
			json = true;
			break;
		case OPT_FORMAT:
			if (formatted)
				die_usage("--format given twice");
			formatted = true;
			if (!strcmp(optarg, "hex"))
				format = FORMAT_HEX;
			else if (!strcmp(optarg, "text"))
				format = FORMAT_TEXT;
			else if (!strcmp(optarg, "raw"))
				format = FORMAT_RAW;
			else
				die_usage("invalid format '%s' (hex, text or raw)",
					  optarg);
			break;
		case 'h':
			subcmd_help(&subcmd_read);
		default:
			bad_option(opt, optopt, argv);
		}
	}
	if (json && formatted)
		die_usage("--json and --format exclude each other");
	if (json)
		format = FORMAT_JSON;
	if (optind == argc)
		die_usage("missing TAG");
	optind++;
	no_more_args(argc, argv);

	card = card_open(&sel);
	if (tag_parse(persocard_card_get_profile(card), argv[optind - 1], &tag,
		      &desc))
		die_usage("no element '%s' in the %s profile", argv[optind - 1],
			  profile_str(persocard_card_profile(card)));
	tag_label(desc, tag, name, sizeof(name));
	n = read_value(card, tag, &buf);
	if (n < 0) {
		ret = report_failure(card, "read", name, NULL, 0);
		persocard_card_close(card);
		return ret;
	}
	switch (format) {
	case FORMAT_HEX:
		print_hex(buf, n);
		break;
	case FORMAT_TEXT:
		fwrite(buf, 1, n, stdout);
		putchar('\n');
		break;
	case FORMAT_RAW:
		fwrite(buf, 1, n, stdout);
		break;
	case FORMAT_JSON:
		hex = hex_str(buf, n);
		json_init(&j, stdout);
		json_object_begin(&j);
		json_key(&j, "tag");
		json_uint(&j, tag);
		json_key(&j, "name");
		json_string(&j, name);
		json_key(&j, "len");
		json_uint(&j, n);
		json_key(&j, "hex");
		json_string(&j, hex);
		json_object_end(&j);
		json_finish(&j);
		free(hex);
		break;
	}
	free(buf);
	persocard_card_close(card);
	return 0;
}

const struct subcmd subcmd_list = {
	"list", do_list, "[--json]",
	"One line per card present, in index order: device, profile, state,\n"
	"tries left/try limit and serial. When no card is present, nothing on\n"
	"standard output, a line on standard error that says why (the module\n"
	"is not loaded, or has no card), and exit status 0.\n\n"
	JSON_HELP HELP_HELP,
};

const struct subcmd subcmd_status = {
	"status", do_status, "[-c N | -d PATH] [--json]",
	"The card's state, profile, try counter, try limit, serial and whether\n"
	"a session runs.\n\n"
	CARD_HELP JSON_HELP HELP_HELP,
};

const struct subcmd subcmd_info = {
	"info", do_info, "[-c N | -d PATH] [--json]",
	"The module's ABI version and capabilities, the card's index, the\n"
	"number of cards, the NVM size, the limits, and the card's ATR (Answer\n"
	"To Reset) in hexadecimal: it tells the profile, the card number and\n"
	"whether the card is personalized.\n\n"
	CARD_HELP JSON_HELP HELP_HELP,
};

const struct subcmd subcmd_profile = {
	"profile", do_profile, "[-c N | -d PATH] [--json]",
	"The data elements of the card's profile, as the card reports them:\n"
	"tag, name, shortest and longest value, mandatory, secret.\n\n"
	CARD_HELP JSON_HELP HELP_HELP,
};

const struct subcmd subcmd_read = {
	"read", do_read, "[-c N | -d PATH] [--json | --format FORMAT] TAG",
	"GET DATA: a public element of a PERSONALIZED card. TAG is an element\n"
	"name (pan), or its number in hexadecimal with 0x (0x5A00) or decimal.\n\n"
	CARD_HELP
	"      --format=FORMAT   hex (the default), text (followed by a newline)\n"
	"                        or raw (the bytes only)\n"
	JSON_HELP HELP_HELP,
};
