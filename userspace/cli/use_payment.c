// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * use payment: what an EMV terminal does: select the application from
 * the PPSE, GET PROCESSING OPTIONS, read the records the AFL lists, verify
 * an offline PIN, ask for an application cryptogram.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common.h"
#include "use.h"
#include "value.h"

/* What the terminal learned reading the card. */
struct emv {
	uint8_t aid[16];
	size_t aid_len;
	char label[17];
	uint8_t aip[2];
	uint8_t records[USE_RESP_MAX];	/* every record, back to back */
	size_t records_len;
};

static uint16_t select_name(struct use_ctx *u, const void *name, size_t len,
			    uint8_t *resp, size_t *n)
{
	uint8_t cmd[5 + 16 + 1] = { 0x00, PERSOCARD_INS_SELECT, 0x04, 0x00 };

	cmd[4] = len;
	memcpy(cmd + 5, name, len);
	cmd[5 + len] = 0x00;
	return use_send(u, cmd, 6 + len, resp, n);
}

static uint16_t emv_select(struct use_ctx *u, struct emv *e)
{
	uint8_t resp[USE_RESP_MAX];
	const uint8_t *v;
	size_t n, vlen;
	uint16_t sw;

	sw = select_name(u, "2PAY.SYS.DDF01", 14, resp, &n);
	if (sw != PERSOCARD_SW_OK)
		return sw;
	v = tlv_find(resp, n, 0x4F, &vlen);
	if (!v || vlen > sizeof(e->aid))
		die(EXIT_SYSTEM, "the PPSE lists no application");
	memcpy(e->aid, v, vlen);
	e->aid_len = vlen;
	sw = select_name(u, e->aid, e->aid_len, resp, &n);
	if (sw != PERSOCARD_SW_OK)
		return sw;
	v = tlv_find(resp, n, 0x50, &vlen);
	if (v && vlen < sizeof(e->label)) {
		memcpy(e->label, v, vlen);
		e->label[vlen] = '\0';
	}
	return sw;
}

/* GPO with an empty PDOL, then every record the AFL names. */
static uint16_t emv_read(struct use_ctx *u, struct emv *e)
{
	static const uint8_t gpo[] = { 0x80, PERSOCARD_INS_GPO, 0x00, 0x00,
				       0x02, 0x83, 0x00, 0x00 };
	uint8_t resp[USE_RESP_MAX], afl[64];
	size_t n, vlen, afl_len, i;
	const uint8_t *v;
	uint16_t sw;

	sw = use_send(u, gpo, sizeof(gpo), resp, &n);
	if (sw != PERSOCARD_SW_OK)
		return sw;
	if (n >= 2 && resp[0] == 0x80 && resp[1] >= 2 && resp[1] <= n - 2) {
		memcpy(e->aip, resp + 2, 2);	/* format 1: AIP, AFL */
		afl_len = resp[1] - 2;
		memcpy(afl, resp + 4, min_len(afl_len, sizeof(afl)));
	} else {
		v = tlv_find(resp, n, 0x82, &vlen);
		if (v && vlen == 2)
			memcpy(e->aip, v, 2);
		v = tlv_find(resp, n, 0x94, &vlen);
		afl_len = v ? vlen : 0;
		if (afl_len)
			memcpy(afl, v, min_len(afl_len, sizeof(afl)));
	}
	afl_len = min_len(afl_len, sizeof(afl)) / 4 * 4;
	for (i = 0; i < afl_len; i += 4) {
		uint8_t rec, sfi = afl[i] >> 3;

		for (rec = afl[i + 1]; rec && rec <= afl[i + 2]; rec++) {
			uint8_t cmd[] = { 0x00, PERSOCARD_INS_READ_RECORD, rec,
					  sfi << 3 | 4, 0x00 };

			sw = use_send(u, cmd, sizeof(cmd),
				      e->records + e->records_len, &n);
			if (sw != PERSOCARD_SW_OK)
				return sw;
			e->records_len += n;
			if (rec == 0xFF)
				break;
		}
	}
	return PERSOCARD_SW_OK;
}

/* A BCD value as digits, its F padding dropped. */
static void field_bcd(struct use_ctx *u, const char *key, const uint8_t *v,
		      size_t len)
{
	char *hex = hex_str(v, len);
	char *f = strchr(hex, 'F');

	if (f)
		*f = '\0';
	use_field(u, key, hex);
	free(hex);
}

static uint16_t get_counter(struct use_ctx *u, uint16_t tag, unsigned long *v)
{
	uint8_t cmd[] = { 0x80, PERSOCARD_INS_GET_DATA, tag >> 8, tag & 0xFF,
			  0x00 };
	uint8_t resp[USE_RESP_MAX];
	const uint8_t *p;
	size_t n, vlen, i;
	uint16_t sw;

	sw = use_send(u, cmd, sizeof(cmd), resp, &n);
	if (sw != PERSOCARD_SW_OK)
		return sw;
	p = tlv_find(resp, n, tag, &vlen);
	if (!p)
		die(EXIT_SYSTEM, "GET DATA %04X: no such object in the answer",
		    tag);
	for (*v = 0, i = 0; i < vlen; i++)
		*v = *v << 8 | p[i];
	return sw;
}

static int show(struct use_ctx *u, struct emv *e)
{
	const uint8_t *v;
	unsigned long c;
	size_t vlen;
	uint16_t sw;

	use_field_hex(u, "aid", e->aid, e->aid_len);
	use_field(u, "label", e->label);
	v = tlv_find(e->records, e->records_len, 0x5A, &vlen);
	if (v)
		field_bcd(u, "pan", v, vlen);
	v = tlv_find(e->records, e->records_len, 0x5F24, &vlen);
	if (v)
		use_field_hex(u, "expiry", v, vlen);
	v = tlv_find(e->records, e->records_len, 0x5F20, &vlen);
	if (v) {
		char name[27] = "";

		memcpy(name, v, min_len(vlen, sizeof(name) - 1));
		use_field(u, "cardholder", name);
	}
	sw = get_counter(u, 0x9F36, &c);
	if (sw != PERSOCARD_SW_OK)
		return use_refused("get data 9F36", sw);
	use_field_uint(u, "atc", c);
	sw = get_counter(u, 0x9F17, &c);
	if (sw != PERSOCARD_SW_OK)
		return use_refused("get data 9F17", sw);
	use_field_uint(u, "pin_tries", c);
	return 0;
}

/* VERIFY of the PIN, as a format 2 block (use_verify_block()). */
static int verify(struct use_ctx *u, const char *pin)
{
	return use_verify_block(u, 0x80, pin);
}

/* The terminal's data for one CDOL entry: amount, date, UN; else zeros. */
static void fill(struct use_ctx *u, uint16_t tag, uint8_t *out, size_t len)
{
	unsigned long amount = 0;
	time_t now = time(NULL);
	struct tm tm;
	size_t i;

	memset(out, 0, len);
	switch (tag) {
	case 0x9F02:	/* amount, authorised: n12 BCD */
		if (u->amount && !parse_uint(u->amount, 999999999999UL,
					     &amount))
			die_usage("--amount=%s: 0 to 999999999999", u->amount);
		for (i = len; i-- > 0; amount /= 100)
			out[i] = (amount % 100 / 10) << 4 | amount % 10;
		break;
	case 0x9A:	/* transaction date, YYMMDD */
		gmtime_r(&now, &tm);
		if (len == 3) {
			out[0] = (tm.tm_year % 100 / 10) << 4 | tm.tm_year % 10;
			out[1] = ((tm.tm_mon + 1) / 10) << 4 | (tm.tm_mon + 1) % 10;
			out[2] = (tm.tm_mday / 10) << 4 | tm.tm_mday % 10;
		}
		break;
	case 0x9F37:	/* unpredictable number */
		if (u->un) {
			if (len != 4)
				break;
			use_hex_arg(u->un, 4, "--un", out);
		} else {
			int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);

			if (fd < 0 || read(fd, out, len) != (ssize_t)len)
				die_errno("/dev/urandom");
			close(fd);
		}
		break;
	}
}

/* The CDOL's tag-length list, filled in: Return: the data's length. */
static size_t cdol_data(struct use_ctx *u, const uint8_t *cdol, size_t len,
			uint8_t *out, size_t room)
{
	size_t i = 0, n = 0;

	while (i < len) {
		uint16_t tag = cdol[i++];
		size_t l;

		if ((tag & 0x1F) == 0x1F && i < len)
			tag = tag << 8 | cdol[i++];
		if (i >= len)
			break;
		l = cdol[i++];
		if (n + l > room)
			die(EXIT_SYSTEM, "the CDOL1 asks for more than %zu bytes",
			    room);
		fill(u, tag, out + n, l);
		n += l;
	}
	return n;
}

static int ac(struct use_ctx *u, struct emv *e, const char *kind)
{
	uint8_t cmd[5 + 255 + 1] = { 0x80, PERSOCARD_INS_GENERATE_AC, 0x80,
				     0x00 };
	uint8_t resp[USE_RESP_MAX];
	const uint8_t *cdol, *v;
	size_t n, len, vlen;
	uint16_t sw;

	if (kind && !strcmp(kind, "tc"))
		cmd[2] = 0x40;
	else if (kind && !strcmp(kind, "aac"))
		cmd[2] = 0x00;
	else if (kind && strcmp(kind, "arqc"))
		die_usage("payment ac %s: arqc, tc or aac", kind);
	cdol = tlv_find(e->records, e->records_len, 0x8C, &vlen);
	if (!cdol)
		die(EXIT_SYSTEM, "the records hold no CDOL1 (8C)");
	len = cdol_data(u, cdol, vlen, cmd + 5, 255);
	cmd[4] = len;
	cmd[5 + len] = 0x00;
	use_field_hex(u, "cdol1_data", cmd + 5, len);
	use_field_hex(u, "aip", e->aip, 2);
	sw = use_send(u, cmd, 6 + len, resp, &n);
	if (sw != PERSOCARD_SW_OK)
		return use_refused("generate ac", sw);
	v = tlv_find(resp, n, 0x9F27, &vlen);
	if (v)
		use_field_hex(u, "cid", v, vlen);
	v = tlv_find(resp, n, 0x9F36, &vlen);
	if (v)
		use_field_hex(u, "atc", v, vlen);
	v = tlv_find(resp, n, 0x9F26, &vlen);
	if (v)
		use_field_hex(u, "ac", v, vlen);
	return 0;
}

int use_payment(struct use_ctx *u, int argc, char **argv)
{
	struct emv e = { 0 };
	uint16_t sw;

	if (argc && strcmp(argv[0], "ac") && strcmp(argv[0], "verify"))
		die_usage("payment: verify PIN, ac [arqc|tc|aac], or nothing");
	if (argc && (!strcmp(argv[0], "verify") ? argc != 2 : argc > 2))
		die_usage("payment: verify PIN, ac [arqc|tc|aac], or nothing");
	sw = emv_select(u, &e);
	if (sw != PERSOCARD_SW_OK)
		return use_refused("select", sw);
	if (argc && !strcmp(argv[0], "verify"))
		return verify(u, argv[1]);
	sw = emv_read(u, &e);
	if (sw != PERSOCARD_SW_OK)
		return use_refused("read", sw);
	if (!argc)
		return show(u, &e);
	return ac(u, &e, argc == 2 ? argv[1] : NULL);
}
