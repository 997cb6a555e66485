// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * use: exercise a locked card's application by name, as a payment
 * terminal, a handset or an identity verifier would, in APDUs through the
 * library's TRANSMIT. The applications are in use_payment.c, use_sim.c
 * and use_identity.c.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "subcmd.h"
#include "use.h"
#include "value.h"

enum { OPT_JSON = 0x200, OPT_PIN, OPT_KEY, OPT_AMOUNT, OPT_UN };

static void transport_error(struct use_ctx *u)
{
	if (errno == ENODEV)
		die(EXIT_SYSTEM, "%s: the card is out of its reader",
		    persocard_card_path(u->card));
	die(EXIT_SYSTEM, "%s: %s", persocard_card_path(u->card),
	    strerror(errno));
}

uint16_t use_send(struct use_ctx *u, const uint8_t *apdu, size_t len,
		  uint8_t *resp, size_t *resp_len)
{
	uint8_t buf[PERSOCARD_RESPONSE_MAX_LEN];
	uint8_t cmd[PERSOCARD_APDU_MAX_LEN];
	bool retried = false;
	size_t n, got = 0;
	uint16_t sw;

	memcpy(cmd, apdu, len);
	for (;;) {
		if (persocard_card_transmit(u->card, cmd, len, buf,
					    sizeof(buf), &n))
			transport_error(u);
		sw = persocard_card_last_sw(u->card);
		n -= 2;
		if (got + n > USE_RESP_MAX)
			die(EXIT_SYSTEM, "the card answered more than %d bytes",
			    USE_RESP_MAX);
		memcpy(resp + got, buf, n);
		got += n;
		/* Case 2 or short case 4: once more with the Le it names. */
		if ((sw & 0xFF00) == PERSOCARD_SW_WRONG_LE && !got && !retried &&
		    (len == 5 || (len > 5 && len == 6u + cmd[4]))) {
			cmd[len - 1] = sw & 0xFF;
			retried = true;
			continue;
		}
		if ((sw & 0xFF00) != PERSOCARD_SW_BYTES_REMAIN &&
		    (sw & 0xFF00) != PERSOCARD_SW_GSM_RESPONSE)
			break;
		/* GET RESPONSE, in the class of the command */
		cmd[1] = PERSOCARD_INS_GET_RESPONSE;
		cmd[2] = cmd[3] = 0;
		cmd[4] = sw & 0xFF;
		len = 5;
	}
	*resp_len = got;
	return sw;
}

int use_refused(const char *what, uint16_t sw)
{
	msg(subcommand, "%s: %s (SW %04" PRIX16 ")", what, persocard_sw_str(sw),
	    sw);
	return EXIT_REFUSED;
}

/* One BER-TLV header: Return the header's length, or 0 if malformed. */
static size_t tlv_head(const uint8_t *p, size_t len, uint16_t *tag,
		       size_t *vlen)
{
	size_t n = 1;

	if (!len)
		return 0;
	*tag = p[0];
	if ((p[0] & 0x1F) == 0x1F) {
		if (len < 2)
			return 0;
		*tag = *tag << 8 | p[1];
		n = 2;
	}
	if (n >= len)
		return 0;
	if (p[n] < 0x80) {
		*vlen = p[n++];
	} else if (p[n] == 0x81 && n + 1 < len) {
		*vlen = p[n + 1];
		n += 2;
	} else if (p[n] == 0x82 && n + 2 < len) {
		*vlen = p[n + 1] << 8 | p[n + 2];
		n += 3;
	} else {
		return 0;
	}
	return *vlen <= len - n ? n : 0;
}

const uint8_t *tlv_find(const uint8_t *p, size_t len, uint16_t tag,
			size_t *vlen)
{
	while (len) {
		const uint8_t *found;
		uint16_t t;
		size_t h = tlv_head(p, len, &t, vlen);

		if (!h)
			return NULL;
		if (t == tag)
			return p + h;
		/* Constructed (bit 6 of the first byte): look inside. */
		if (p[0] & 0x20) {
			size_t inner = *vlen;

			found = tlv_find(p + h, inner, tag, vlen);
			if (found)
				return found;
			*vlen = inner;
		}
		p += h + *vlen;
		len -= h + *vlen;
	}
	return NULL;
}

void use_field(struct use_ctx *u, const char *key, const char *value)
{
	if (u->json) {
		json_key(&u->j, key);
		json_string(&u->j, value);
	} else {
		printf("%s: %s\n", key, value);
	}
}

void use_field_hex(struct use_ctx *u, const char *key, const uint8_t *v,
		   size_t len)
{
	char *hex = hex_str(v, len);

	use_field(u, key, hex);
	free(hex);
}

void use_field_uint(struct use_ctx *u, const char *key, unsigned long v)
{
	if (u->json) {
		json_key(&u->j, key);
		json_uint(&u->j, v);
	} else {
		printf("%s: %lu\n", key, v);
	}
}

void use_hex_arg(const char *s, size_t len, const char *what, uint8_t *out)
{
	struct value v;
	char *err;

	if (hex_parse(s, len, what, &v, &err))
		die_usage("%s", err);
	if (v.len != len)
		die_usage("%s: %zu bytes, it has %zu", what, v.len, len);
	memcpy(out, v.data, len);
	value_free(&v);
}

int use_pin_digits(const char *pin, uint8_t *digits, size_t *n)
{
	size_t i, len = strlen(pin);

	if (len < 4 || len > 12)
		return -1;
	for (i = 0; i < len; i++) {
		if (pin[i] < '0' || pin[i] > '9')
			return -1;
		digits[i] = pin[i] - '0';
	}
	*n = len;
	return 0;
}

int use_verify_block(struct use_ctx *u, uint8_t p2, const char *pin)
{
	uint8_t cmd[5 + 8] = { 0x00, PERSOCARD_INS_VERIFY, 0x00, p2, 8 };
	uint8_t digits[12], resp[USE_RESP_MAX];
	size_t n, i;
	uint16_t sw;

	if (use_pin_digits(pin, digits, &n))
		die_usage("the PIN is 4 to 12 digits");
	/* ISO 9564 format 2: 2, the length, the digits, F padding */
	memset(cmd + 5, 0xFF, 8);
	cmd[5] = 0x20 | n;
	for (i = 0; i < n; i++) {
		uint8_t *b = &cmd[6 + i / 2];

		*b = i % 2 ? (*b & 0xF0) | digits[i] : (digits[i] << 4) | 0x0F;
	}
	sw = use_send(u, cmd, sizeof(cmd), resp, &n);
	memset(cmd, 0, sizeof(cmd));
	memset(digits, 0, sizeof(digits));
	if (sw != PERSOCARD_SW_OK)
		return use_refused("verify", sw);
	use_field(u, "verify", "OK");
	return 0;
}

static const struct {
	const char *name;
	unsigned int profile;
	int (*run)(struct use_ctx *u, int argc, char **argv);
} apps[] = {
	{ "payment", PERSOCARD_PROFILE_PAYMENT, use_payment },
	{ "sim", PERSOCARD_PROFILE_SIM, use_sim },
	{ "identity", PERSOCARD_PROFILE_IDENTITY, use_identity },
};

/* The card must be of the application's profile, and locked. */
static void check_card(struct use_ctx *u, const char *name,
		       unsigned int profile)
{
	struct persocard_card_status *st = persocard_card_get_status(u->card);
	unsigned int got, state;

	if (!st)
		transport_error(u);
	got = persocard_card_status_get_profile(st);
	state = persocard_card_status_get_state(st);
	persocard_card_status_free(st);
	if (got != profile)
		die(EXIT_USAGE, "%s: its profile is %s, not %s",
		    persocard_card_path(u->card), profile_str(got), name);
	if (state != PERSOCARD_STATE_PERSONALIZED)
		die(EXIT_REFUSED, "%s is %s: its application runs once it is PERSONALIZED",
		    persocard_card_path(u->card), state_str(state));
}

static int do_use(int argc, char **argv)
{
	static const struct option longopts[] = {
		CARD_LONGOPTS,
		{ "json",	no_argument,		NULL,	OPT_JSON },
		{ "pin",	required_argument,	NULL,	OPT_PIN },
		{ "key",	required_argument,	NULL,	OPT_KEY },
		{ "amount",	required_argument,	NULL,	OPT_AMOUNT },
		{ "un",		required_argument,	NULL,	OPT_UN },
		{ "help",	no_argument,		NULL,	'h' },
		{ 0 }
	};
	struct card_sel sel = { 0 };
	struct use_ctx u = { 0 };
	unsigned int i;
	int opt, ret;

	while ((opt = getopt_long(argc, argv, "+:" CARD_SHORTOPTS "h",
				  longopts, NULL)) != -1) {
		switch (opt) {
		case 'c':
		case 'd':
			card_sel_opt(&sel, opt, optarg);
			break;
		case OPT_JSON:
			u.json = true;
			break;
		case OPT_PIN:
			u.pin = optarg;
			break;
		case OPT_KEY:
			u.key = optarg;
			break;
		case OPT_AMOUNT:
			u.amount = optarg;
			break;
		case OPT_UN:
			u.un = optarg;
			break;
		case 'h':
			subcmd_help(&subcmd_use);
		default:
			bad_option(opt, optopt, argv);
		}
	}
	if (optind == argc)
		die_usage("which application? payment, sim or identity");
	for (i = 0; i < ARRAY_SIZE(apps); i++)
		if (!strcmp(argv[optind], apps[i].name))
			break;
	if (i == ARRAY_SIZE(apps))
		die_usage("%s: no such application (payment, sim, identity)",
			  argv[optind]);

	u.card = card_open(&sel);
	check_card(&u, apps[i].name, apps[i].profile);
	json_init(&u.j, stdout);
	if (u.json)
		json_object_begin(&u.j);
	ret = apps[i].run(&u, argc - optind - 1, argv + optind + 1);
	if (u.json) {
		json_object_end(&u.j);
		json_finish(&u.j);
	}
	persocard_card_close(u.card);
	return ret;
}

const struct subcmd subcmd_use = {
	"use", do_use,
	"[-c N | -d PATH] [--json] [OPTIONS] APPLICATION [ACTION ARGS...]",
	"Use a PERSONALIZED card's application as a terminal, a handset or a\n"
	"verifier does, in APDUs (Documentation/persocard/applications/):\n"
	"\n"
	"  payment                   select it (PPSE), read its records: AID,\n"
	"                            label, PAN, expiry, cardholder, ATC, PIN tries\n"
	"  payment verify PIN        offline plaintext PIN (4 to 12 digits)\n"
	"  payment ac [arqc|tc|aac]  a transaction: GPO, records, GENERATE AC;\n"
	"                            prints the CDOL1 data sent, CID, ATC, AC\n"
	"  sim                       ICCID, IMSI, SPN, MSISDN\n"
	"  sim verify PIN            PIN1 (digits, padded with FF)\n"
	"  sim unblock PUK NEWPIN    UNBLOCK PIN with PUK1\n"
	"  sim auth RAND AUTN        AUTHENTICATE (MILENAGE): RES, CK, IK, Kc,\n"
	"                            or AUTS on a sequence error (hex, 16 bytes\n"
	"                            each)\n"
	"  identity                  the holder's data, the keys' public halves\n"
	"  identity verify PIN       the PIN\n"
	"  identity auth PUBKEY      GENERAL AUTHENTICATE: PUBKEY a terminal's\n"
	"                            X25519 public key (hex, 32 bytes); prints\n"
	"                            SHA-256 of the shared secret\n"
	"\n"
	"A refusal prints the status word on standard error and exits 1; a card\n"
	"of another profile, or a bad argument, exits 2.\n\n"
	CARD_HELP
	JSON_HELP
	"      --pin=PIN         verify PIN first (sim auth, identity auth)\n"
	"      --key=auth|sign   the identity key to authenticate with (auth)\n"
	"      --amount=N        the amount, in minor units (payment ac; 0)\n"
	"      --un=HEX          the unpredictable number, 4 bytes (payment ac;\n"
	"                        random)\n"
	HELP_HELP,
};
