// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * use sim: what a handset does: read the subscriber's files, verify PIN1,
 * unblock it with PUK1, and run the 3G AUTHENTICATE (MILENAGE).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "use.h"
#include "value.h"

#define MF		0x3F00
#define EF_DIR		0x2F00
#define EF_ICCID	0x2FE2
#define DF_TELECOM	0x7F10
#define DF_GSM		0x7F20

static uint16_t select_fid(struct use_ctx *u, uint16_t fid)
{
	uint8_t cmd[] = { 0x00, PERSOCARD_INS_SELECT, 0x00, 0x0C, 2,
			  fid >> 8, fid & 0xFF };
	uint8_t resp[USE_RESP_MAX];
	size_t n;

	return use_send(u, cmd, sizeof(cmd), resp, &n);
}

static uint16_t read_ef(struct use_ctx *u, uint16_t fid, uint8_t *buf,
			size_t *len)
{
	static const uint8_t rd[] = { 0x00, PERSOCARD_INS_READ_BINARY, 0, 0,
				      0 };
	uint16_t sw = select_fid(u, fid);

	*len = 0;
	return sw == PERSOCARD_SW_OK ? use_send(u, rd, sizeof(rd), buf, len) :
				       sw;
}

/* A PIN or PUK as SIMs take it: its digits in ASCII, padded with FF. */
static void pin_field(const char *pin, const char *what, uint8_t *out)
{
	uint8_t digits[12];
	size_t n, i;

	if (use_pin_digits(pin, digits, &n) || n > 8)
		die_usage("%s: 4 to 8 digits", what);
	memset(out, 0xFF, 8);
	for (i = 0; i < n; i++)
		out[i] = '0' + digits[i];
	memset(digits, 0, sizeof(digits));
}

static int verify(struct use_ctx *u, const char *pin)
{
	uint8_t cmd[5 + 8] = { 0x00, PERSOCARD_INS_VERIFY, 0x00, 0x01, 8 };
	uint8_t resp[USE_RESP_MAX];
	uint16_t sw;
	size_t n;

	pin_field(pin, "PIN", cmd + 5);
	sw = use_send(u, cmd, sizeof(cmd), resp, &n);
	memset(cmd, 0, sizeof(cmd));
	if (sw != PERSOCARD_SW_OK)
		return use_refused("verify", sw);
	use_field(u, "verify", "OK");
	return 0;
}

static int unblock(struct use_ctx *u, const char *puk, const char *pin)
{
	uint8_t cmd[5 + 16] = { 0x00, PERSOCARD_INS_UNBLOCK_PIN, 0x00, 0x01,
				16 };
	uint8_t resp[USE_RESP_MAX];
	uint16_t sw;
	size_t n;

	pin_field(puk, "PUK", cmd + 5);
	pin_field(pin, "NEWPIN", cmd + 13);
	sw = use_send(u, cmd, sizeof(cmd), resp, &n);
	memset(cmd, 0, sizeof(cmd));
	if (sw != PERSOCARD_SW_OK)
		return use_refused("unblock", sw);
	use_field(u, "unblock", "OK");
	return 0;
}

/* IMSI: a length, then digits low nibble first, the first one's parity. */
static void field_imsi(struct use_ctx *u, const uint8_t *v, size_t len)
{
	char digits[2 * 9 + 1];
	size_t i, n = 0;

	for (i = 1; i < len && i <= v[0] && i < 9; i++) {
		if (i > 1 && (v[i] & 0x0F) <= 9)
			digits[n++] = '0' + (v[i] & 0x0F);
		if ((v[i] >> 4) <= 9)
			digits[n++] = '0' + (v[i] >> 4);
	}
	digits[n] = '\0';
	use_field(u, "imsi", digits);
}

static int read_all(struct use_ctx *u)
{
	uint8_t buf[USE_RESP_MAX];
	char *hex, *f;
	size_t len, i;
	uint16_t sw;

	sw = select_fid(u, MF);
	if (sw == PERSOCARD_SW_OK)
		sw = read_ef(u, EF_ICCID, buf, &len);
	if (sw != PERSOCARD_SW_OK)
		return use_refused("iccid", sw);
	/* EF ICCID's digits are nibble-swapped (TS 102 221 13.2). */
	for (i = 0; i < len; i++)
		buf[i] = (uint8_t)(buf[i] << 4 | buf[i] >> 4);
	hex = hex_str(buf, len);
	f = strchr(hex, 'F');
	if (f)
		*f = '\0';
	use_field(u, "iccid", hex);
	free(hex);

	sw = select_fid(u, DF_GSM);
	if (sw == PERSOCARD_SW_OK)
		sw = read_ef(u, 0x6F07, buf, &len);
	if (sw != PERSOCARD_SW_OK)
		return use_refused("imsi", sw);
	field_imsi(u, buf, len);
	if (read_ef(u, 0x6F46, buf, &len) == PERSOCARD_SW_OK && len) {
		char name[17];
		size_t i;

		/* The display condition, then the name padded with FF */
		for (i = 1; i < len && i < sizeof(name) && buf[i] != 0xFF; i++)
			name[i - 1] = buf[i];
		name[i - 1] = '\0';
		use_field(u, "spn", name);
	}
	if (select_fid(u, DF_TELECOM) == PERSOCARD_SW_OK &&
	    read_ef(u, 0x6F40, buf, &len) == PERSOCARD_SW_OK)
		use_field_hex(u, "msisdn", buf, len);
	return 0;
}

/* The USIM's AID, from EF DIR's first application template. */
static uint16_t select_usim(struct use_ctx *u)
{
	uint8_t cmd[5 + 16] = { 0x00, PERSOCARD_INS_SELECT, 0x04, 0x0C };
	uint8_t buf[USE_RESP_MAX];
	const uint8_t *aid;
	size_t len, alen;
	uint16_t sw;

	sw = select_fid(u, MF);
	if (sw == PERSOCARD_SW_OK)
		sw = read_ef(u, EF_DIR, buf, &len);
	if (sw != PERSOCARD_SW_OK)
		return sw;
	aid = tlv_find(buf, len, 0x4F, &alen);
	if (!aid || alen > 16)
		die(EXIT_SYSTEM, "EF DIR lists no application");
	cmd[4] = alen;
	memcpy(cmd + 5, aid, alen);
	return use_send(u, cmd, 5 + alen, buf, &len);
}

/* DB, then RES, CK, IK and Kc each with its length; or DC and AUTS. */
static int authenticate(struct use_ctx *u, const char *rand, const char *autn)
{
	static const char *const names[] = { "res", "ck", "ik", "kc" };
	uint8_t cmd[5 + 34 + 1] = { 0x00, PERSOCARD_INS_AUTHENTICATE, 0x00,
				    0x81, 34, 16 };
	uint8_t resp[USE_RESP_MAX];
	size_t n, i, at;
	uint16_t sw;

	use_hex_arg(rand, 16, "RAND", cmd + 6);
	cmd[22] = 16;
	use_hex_arg(autn, 16, "AUTN", cmd + 23);
	sw = select_usim(u);
	if (sw != PERSOCARD_SW_OK)
		return use_refused("select usim", sw);
	if (u->pin) {
		int ret = verify(u, u->pin);

		if (ret)
			return ret;
	}
	sw = use_send(u, cmd, sizeof(cmd), resp, &n);
	if (sw != PERSOCARD_SW_OK)
		return use_refused("auth", sw);
	if (n >= 2 && resp[0] == 0xDC && resp[1] == n - 2) {
		use_field_hex(u, "auts", resp + 2, resp[1]);
		return 0;
	}
	if (!n || resp[0] != 0xDB)
		die(EXIT_SYSTEM, "auth: an answer neither DB nor DC");
	for (i = 0, at = 1; i < ARRAY_SIZE(names) && at < n; i++) {
		if (at + 1 + resp[at] > n)
			die(EXIT_SYSTEM, "auth: a truncated answer");
		use_field_hex(u, names[i], resp + at + 1, resp[at]);
		at += 1 + resp[at];
	}
	return 0;
}

int use_sim(struct use_ctx *u, int argc, char **argv)
{
	if (!argc) {
		if (u->pin) {
			int ret = verify(u, u->pin);

			if (ret)
				return ret;
		}
		return read_all(u);
	}
	if (!strcmp(argv[0], "verify") && argc == 2)
		return verify(u, argv[1]);
	if (!strcmp(argv[0], "unblock") && argc == 3)
		return unblock(u, argv[1], argv[2]);
	if (!strcmp(argv[0], "auth") && argc == 3)
		return authenticate(u, argv[1], argv[2]);
	die_usage("sim: verify PIN, unblock PUK NEWPIN, auth RAND AUTN, or nothing");
}
