// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * apdu: raw command APDUs, from the command line or standard input, all
 * in one open file (one session), a line of response per APDU. Every APDU
 * is parsed before the first is sent.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common.h"
#include "io.h"
#include "json.h"
#include "subcmd.h"
#include "value.h"

enum { OPT_JSON = 0x200 };

struct apdus {
	struct value *cmd;
	size_t nr, cap;
};

/* Parse one APDU; print the error as "WHERE: MESSAGE". Return: 0 or -1. */
static int add_apdu(struct apdus *a, const char *s, const char *where)
{
	struct value v;
	char *err;

	if (hex_parse(s, PERSOCARD_APDU_MAX_LEN, "APDU", &v, &err)) {
		msg(subcommand, "%s: %s", where, err);
		free(err);
		return -1;
	}
	if (v.len < 4) {
		msg(subcommand, "%s: %zu %s, an APDU has at least 4 (CLA INS P1 P2)",
		    where, v.len, v.len == 1 ? "byte" : "bytes");
		value_free(&v);
		return -1;
	}
	if (a->nr == a->cap) {
		struct value *n;

		a->cap = a->cap ? 2 * a->cap : 8;
		n = xzalloc(a->cap * sizeof(*n));
		if (a->nr)
			memcpy(n, a->cmd, a->nr * sizeof(*n));
		free(a->cmd);
		a->cmd = n;
	}
	a->cmd[a->nr++] = v;
	return 0;
}

static void free_apdus(struct apdus *a)
{
	size_t i;

	for (i = 0; i < a->nr; i++)
		value_free(&a->cmd[i]);
	free(a->cmd);
}

/* One APDU a line; blank lines and # comments skipped. */
static int read_apdus(struct apdus *a)
{
	struct line_reader lr;
	char *line, where[32];
	int ret;

	lr_init(&lr, STDIN_FILENO);
	while ((ret = lr_getline(&lr, &line)) > 0) {
		if (blank_or_comment(line))
			continue;
		snprintf(where, sizeof(where), "<stdin>:%u", lr.lineno);
		if (add_apdu(a, line, where)) {
			lr_release(&lr);
			return EXIT_USAGE;
		}
	}
	lr_release(&lr);
	if (ret < 0) {
		msg(subcommand, "standard input: %s", errno == EFBIG ?
		    "line too long" : strerror(errno));
		return errno == EFBIG ? EXIT_USAGE : EXIT_SYSTEM;
	}
	if (!a->nr) {
		msg(subcommand, "no APDU on standard input");
		return EXIT_USAGE;
	}
	return 0;
}

/* 9000 and 61xx (more data waiting) are successes; the rest refusals. */
static bool sw_ok(uint16_t sw)
{
	return sw == PERSOCARD_SW_OK || (sw & 0xFF00) == 0x6100;
}

static int send_all(struct persocard_card *card, const struct apdus *a,
		    bool json, bool errexit)
{
	uint8_t resp[PERSOCARD_RESPONSE_MAX_LEN];
	int ret = 0;
	struct json j;
	size_t i, n;
	uint16_t sw;
	char *hex;

	json_init(&j, stdout);
	if (json)
		json_array_begin(&j);
	for (i = 0; i < a->nr; i++) {
		if (persocard_card_transmit(card, a->cmd[i].data,
					    a->cmd[i].len, resp, sizeof(resp),
					    &n)) {
			/* The lines printed stay: they happened. */
			if (json) {
				json_array_end(&j);
				json_finish(&j);
			}
			if (errno == ENODEV)
				msg(subcommand, "APDU %zu: %s: the card is out of its reader",
				    i + 1, persocard_card_path(card));
			else
				msg(subcommand, "APDU %zu: %s: %s", i + 1,
				    persocard_card_path(card), strerror(errno));
			return EXIT_SYSTEM;
		}
		sw = persocard_card_last_sw(card);
		hex = hex_str(resp, n - 2);
		if (json) {
			char sw_hex[5];

			snprintf(sw_hex, sizeof(sw_hex), "%04" PRIX16, sw);
			json_object_begin(&j);
			json_key(&j, "data");
			json_string(&j, hex);
			json_key(&j, "sw");
			json_string(&j, sw_hex);
			json_object_end(&j);
		} else {
			printf("%s%s%04" PRIX16 "\n", hex, *hex ? " " : "", sw);
			fflush(stdout);
		}
		free(hex);
		if (sw_ok(sw))
			continue;
		msg(subcommand, "APDU %zu: %s (SW %04" PRIX16 ")", i + 1,
		    persocard_sw_str(sw), sw);
		ret = EXIT_REFUSED;
		if (errexit)
			break;
	}
	if (json) {
		json_array_end(&j);
		json_finish(&j);
	}
	return ret;
}

static int do_apdu(int argc, char **argv)
{
	static const struct option longopts[] = {
		CARD_LONGOPTS,
		{ "json",	no_argument,	NULL,	OPT_JSON },
		{ "errexit",	no_argument,	NULL,	'e' },
		{ "help",	no_argument,	NULL,	'h' },
		{ 0 }
	};
	struct persocard_card *card;
	struct card_sel sel = { 0 };
	struct apdus a = { 0 };
	bool json = false, errexit = false;
	char where[32];
	int opt, i, ret;

	while ((opt = getopt_long(argc, argv, ":" CARD_SHORTOPTS "eh",
				  longopts, NULL)) != -1) {
		switch (opt) {
		case 'c':
		case 'd':
			card_sel_opt(&sel, opt, optarg);
			break;
		case OPT_JSON:
			json = true;
			break;
		case 'e':
			errexit = true;
			break;
		case 'h':
			subcmd_help(&subcmd_apdu);
		default:
			bad_option(opt, optopt, argv);
		}
	}
	/* Every APDU is checked before the card is even opened. */
	for (i = optind; i < argc; i++) {
		snprintf(where, sizeof(where), "APDU %d", i - optind + 1);
		if (add_apdu(&a, argv[i], where)) {
			free_apdus(&a);
			return EXIT_USAGE;
		}
	}
	if (optind == argc) {
		ret = read_apdus(&a);
		if (ret) {
			free_apdus(&a);
			return ret;
		}
	}

	card = card_open(&sel);
	ret = send_all(card, &a, json, errexit);
	persocard_card_close(card);
	free_apdus(&a);
	return ret;
}

const struct subcmd subcmd_apdu = {
	"apdu", do_apdu, "[-c N | -d PATH] [--json] [-e] [APDU...]",
	"Send command APDUs to the card, in one open file (one session: an\n"
	"ENABLE PERSO here is followed by the next APDUs; the session ends\n"
	"with the command). Each APDU is an argument in hexadecimal, blanks\n"
	"allowed inside a quoted argument (\"80 CA 5A 00 00\"); without one,\n"
	"standard input gives one APDU per line, blank and # lines skipped.\n"
	"All are checked first: a bad one (odd digits, fewer than 4 bytes,\n"
	"longer than 1033) exits 2 and sends nothing. A malformed but complete\n"
	"APDU is sent: the card answers it (6700, 6D00, ...).\n"
	"\n"
	"One line per APDU: the response data in hexadecimal, a blank and the\n"
	"status word (5413330089010434 9000), or the status word alone (9000).\n"
	"A status word other than 9000 or 61xx is also reported on standard\n"
	"error, and the exit status is 1; the APDUs after it are still sent,\n"
	"unless -e.\n\n"
	CARD_HELP
	"  -e, --errexit         stop at the first status word not 9000 or 61xx\n"
	"      --json            print one JSON array: {\"data\": HEX, \"sw\":\n"
	"                        \"9000\"} per APDU\n"
	HELP_HELP,
};
