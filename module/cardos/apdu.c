// SPDX-License-Identifier: GPL-2.0
/*
 * Parsing command APDUs, ISO/IEC 7816-4 §5.1: a four-byte header, then
 * nothing (case 1), Le (case 2), Lc and data (case 3), or both (case 4).
 * Short form: one-byte Lc and Le. Extended form: a zero byte, then a
 * two-byte Lc, and a two-byte Le. The total length alone tells the cases
 * apart.
 */
#include <linux/kernel.h>
#include <linux/persocard.h>
#include <linux/string.h>

#include "apdu.h"

/* Le of 00 (short) or 0000 (extended) asks for the most there is. */
static u32 short_ne(u8 le)
{
	return le ? le : 256;
}

static u32 extended_ne(const u8 *le)
{
	u32 ne = (le[0] << 8) | le[1];

	return ne ? ne : 65536;
}

/**
 * persocard_apdu_parse() - split a command APDU into its fields
 * @buf: the command APDU.
 * @len: its length.
 * @apdu: receives the fields; @apdu->data points into @buf.
 *
 * Return: 0, or 6700 when @len fits none of the cases 1 to 4, short or
 * extended (a truncated or over-long APDU, an Lc of zero).
 */
u16 persocard_apdu_parse(const u8 *buf, size_t len,
			 struct persocard_apdu *apdu)
{
	const u8 *body = buf + 4;
	size_t rest;
	u32 nc;

	memset(apdu, 0, sizeof(*apdu));
	if (len < 4)
		return PERSOCARD_SW_WRONG_LENGTH;
	apdu->cla = buf[0];
	apdu->ins = buf[1];
	apdu->p1 = buf[2];
	apdu->p2 = buf[3];
	rest = len - 4;

	if (!rest)					/* case 1 */
		return 0;
	if (rest == 1) {				/* case 2S */
		apdu->ne = short_ne(body[0]);
		return 0;
	}
	if (body[0]) {					/* case 3S or 4S */
		nc = body[0];
		if (rest == 1 + nc) {
			apdu->nc = nc;
		} else if (rest == 2 + nc) {
			apdu->nc = nc;
			apdu->ne = short_ne(body[1 + nc]);
		} else {
			return PERSOCARD_SW_WRONG_LENGTH;
		}
		apdu->data = body + 1;
		return 0;
	}

	/* A leading zero byte and more: the extended forms. */
	apdu->extended = true;
	if (rest < 3)
		return PERSOCARD_SW_WRONG_LENGTH;
	if (rest == 3) {				/* case 2E */
		apdu->ne = extended_ne(body + 1);
		return 0;
	}
	nc = (body[1] << 8) | body[2];
	if (!nc)
		return PERSOCARD_SW_WRONG_LENGTH;
	if (rest == 3 + nc) {				/* case 3E */
		apdu->nc = nc;
	} else if (rest == 5 + nc) {			/* case 4E */
		apdu->nc = nc;
		apdu->ne = extended_ne(body + 3 + nc);
	} else {
		return PERSOCARD_SW_WRONG_LENGTH;
	}
	apdu->data = body + 3;
	return 0;
}
