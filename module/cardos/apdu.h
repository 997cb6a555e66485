/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ISO/IEC 7816-4 command APDUs: parsing (apdu.c) and their execution by the
 * card OS (card_apdu.c).
 */
#ifndef _PERSOCARD_APDU_H
#define _PERSOCARD_APDU_H

#include <linux/types.h>

struct persocard_card;

/**
 * struct persocard_apdu - a parsed command APDU
 * @cla: class byte.
 * @ins: instruction byte.
 * @p1: parameter 1.
 * @p2: parameter 2.
 * @data: the command data, @nc bytes; points into the parsed buffer.
 * @nc: length of the command data (Lc), 0 when absent.
 * @ne: response data expected (Le: 00 means 256, 0000 65536), 0 when
 *	absent.
 * @extended: Lc and Le were in the extended (3 and 2 byte) forms.
 */
struct persocard_apdu {
	u8 cla;
	u8 ins;
	u8 p1;
	u8 p2;
	const u8 *data;
	u32 nc;
	u32 ne;
	bool extended;
};

u16 persocard_apdu_parse(const u8 *buf, size_t len,
			 struct persocard_apdu *apdu);

u16 persocard_apdu_exec(struct persocard_card *card, const void *owner,
			const struct persocard_apdu *apdu,
			u8 *resp, u32 *resp_len);

size_t persocard_atr(const struct persocard_card *card, unsigned int index,
		     u8 *atr);

#endif /* _PERSOCARD_APDU_H */
