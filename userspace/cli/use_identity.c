// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * use identity: read the holder's data and the keys' public halves, verify
 * the PIN, authenticate with a key (X25519).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "use.h"
#include "value.h"

static const struct {
	uint16_t fid;
	const char *name;
	bool text;
	bool optional;
} files[] = {
	{ 0x0101, "document_number", true, false },
	{ 0x0102, "surname", true, false },
	{ 0x0103, "given_names", true, false },
	{ 0x0104, "birth_date", false, false },
	{ 0x0105, "expiry", false, false },
	{ 0x0106, "nationality", true, false },
	{ PERSOCARD_IDENTITY_EF_AUTH_PUB, "auth_public_key", false, false },
	{ PERSOCARD_IDENTITY_EF_SIGN_PUB, "sign_public_key", false, true },
	{ 0x0301, "certificate", false, false },
};

static uint16_t select_app(struct use_ctx *u)
{
	uint8_t cmd[5 + PERSOCARD_IDENTITY_AID_LEN + 1] = {
		0x00, PERSOCARD_INS_SELECT, 0x04, 0x0C,
		PERSOCARD_IDENTITY_AID_LEN };
	uint8_t resp[USE_RESP_MAX];
	size_t n;

	memcpy(cmd + 5, PERSOCARD_IDENTITY_AID, PERSOCARD_IDENTITY_AID_LEN);
	return use_send(u, cmd, sizeof(cmd) - 1, resp, &n);
}

/* SELECT the file, READ BINARY all of it. Return: the status word. */
static uint16_t read_file(struct use_ctx *u, uint16_t fid, uint8_t *buf,
			  size_t *len)
{
	uint8_t sel[] = { 0x00, PERSOCARD_INS_SELECT, 0x02, 0x0C, 2,
			  fid >> 8, fid & 0xFF };
	uint8_t rd[] = { 0x00, PERSOCARD_INS_READ_BINARY, 0, 0, 0 };
	size_t n, got = 0;
	uint16_t sw;

	sw = use_send(u, sel, sizeof(sel), buf, &n);
	while (sw == PERSOCARD_SW_OK && got < USE_RESP_MAX) {
		rd[2] = got >> 8;
		rd[3] = got & 0xFF;
		sw = use_send(u, rd, sizeof(rd), buf + got, &n);
		if (sw == PERSOCARD_SW_WRONG_OFFSET && got)
			sw = PERSOCARD_SW_OK;	/* the end, on a 256 boundary */
		if (sw != PERSOCARD_SW_OK)
			break;
		got += n;
		if (n < 256)
			break;
	}
	*len = got;
	return sw;
}

static int read_all(struct use_ctx *u)
{
	uint8_t buf[USE_RESP_MAX];
	unsigned int i;
	size_t len;
	uint16_t sw;

	for (i = 0; i < ARRAY_SIZE(files); i++) {
		sw = read_file(u, files[i].fid, buf, &len);
		if (sw == PERSOCARD_SW_AID_NOT_FOUND && files[i].optional)
			continue;
		if (sw != PERSOCARD_SW_OK)
			return use_refused(files[i].name, sw);
		if (files[i].text) {
			char *s = xmalloc(len + 1);

			memcpy(s, buf, len);
			s[len] = '\0';
			use_field(u, files[i].name, s);
			free(s);
		} else {
			use_field_hex(u, files[i].name, buf, len);
		}
	}
	return 0;
}

/* VERIFY of the PIN, as a format 2 block (use_verify_block()). */
static int verify(struct use_ctx *u, const char *pin)
{
	return use_verify_block(u, 0x81, pin);
}

static int authenticate(struct use_ctx *u, const char *peer)
{
	uint8_t cmd[5 + 36 + 1] = { 0x00, PERSOCARD_INS_GENERAL_AUTH, 0x00,
				    PERSOCARD_IDENTITY_KEY_AUTH, 36,
				    0x7C, 0x22, 0x85, 0x20 };
	uint8_t resp[USE_RESP_MAX];
	const uint8_t *v;
	size_t n, vlen;
	uint16_t sw;

	if (u->key && !strcmp(u->key, "sign"))
		cmd[3] = PERSOCARD_IDENTITY_KEY_SIGN;
	else if (u->key && strcmp(u->key, "auth"))
		die_usage("--key=%s: auth or sign", u->key);
	use_hex_arg(peer, 32, "PUBKEY", cmd + 9);
	if (u->pin) {
		int ret = verify(u, u->pin);

		if (ret)
			return ret;
	}
	sw = use_send(u, cmd, sizeof(cmd), resp, &n);
	if (sw != PERSOCARD_SW_OK)
		return use_refused("auth", sw);
	v = tlv_find(resp, n, 0x86, &vlen);
	if (!v)
		die(EXIT_SYSTEM, "auth: the card's answer holds no 86");
	use_field_hex(u, "response", v, vlen);
	return 0;
}

int use_identity(struct use_ctx *u, int argc, char **argv)
{
	uint16_t sw = select_app(u);

	if (sw != PERSOCARD_SW_OK)
		return use_refused("select", sw);
	if (!argc)
		return read_all(u);
	if (!strcmp(argv[0], "verify") && argc == 2)
		return verify(u, argv[1]);
	if (!strcmp(argv[0], "auth") && argc == 2)
		return authenticate(u, argv[1]);
	die_usage("identity: verify PIN, auth PUBKEY, or nothing");
}
