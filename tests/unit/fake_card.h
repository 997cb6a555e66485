/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * A card in a test's memory, answering APDUs through a
 * persocard_transmit_fn: a small profile for GET STATUS, 9000 to every
 * perso command unless told otherwise, and a log of what it was sent.
 * No device, no module: the encoders and parsers alone.
 */
#ifndef PERSOCARD_FAKE_CARD_H
#define PERSOCARD_FAKE_CARD_H

#include <errno.h>
#include <stdint.h>
#include <string.h>

#include <libpersocard.h>

#define FAKE_MAX_APDUS	64

struct fake_tag {
	uint16_t tag, min, max;
	uint8_t flags;
	const char *name;
};

/* pan, name, key and big: enough for every rule of a data file. */
static const struct fake_tag fake_tags[] = {
	{ 0x5A00, 5, 10, PERSOCARD_TAG_MANDATORY, "pan" },
	{ 0x5F20, 2, 26, 0, "holder" },
	{ 0x8000, 16, 16, PERSOCARD_TAG_MANDATORY | PERSOCARD_TAG_SECRET, "key" },
	{ 0x9000, 1, 1024, 0, "big" },
};

#define FAKE_NR_TAGS	(sizeof(fake_tags) / sizeof(fake_tags[0]))

struct fake_card {
	uint8_t state;
	uint8_t ins_refused;	/* answer refusal_sw to this INS */
	uint16_t refusal_sw;
	int unreachable;	/* the transmit fails with EIO */
	const uint8_t *lock_missing;	/* LOCK's data with 6A80 */
	size_t lock_missing_len;
	size_t nr;
	uint8_t apdu[FAKE_MAX_APDUS][5 + 255];
	size_t len[FAKE_MAX_APDUS];
};

static inline size_t fake_answer(uint8_t *resp, size_t n, uint16_t sw)
{
	resp[n] = sw >> 8;
	resp[n + 1] = sw & 0xFF;
	return n + 2;
}

static inline int fake_transmit(void *data, const uint8_t *cmd, size_t len,
				uint8_t *resp, size_t size, size_t *resp_len)
{
	struct fake_card *c = data;
	const struct fake_tag *t;
	size_t n;

	if (c->unreachable || size < 258) {
		errno = EIO;
		return -1;
	}
	if (cmd[1] == PERSOCARD_INS_GET_STATUS && cmd[2] == 0) {
		memset(resp, 0, 13);
		resp[0] = c->state ? c->state : PERSOCARD_STATE_SEMI_FINISHED;
		resp[1] = PERSOCARD_PROFILE_PAYMENT;
		resp[3] = 3;
		resp[4] = 3;
		*resp_len = fake_answer(resp, 13, PERSOCARD_SW_OK);
		return 0;
	}
	if (cmd[1] == PERSOCARD_INS_GET_STATUS) {
		if (cmd[3] >= FAKE_NR_TAGS) {
			*resp_len = fake_answer(resp, 0, PERSOCARD_SW_NOT_FOUND);
			return 0;
		}
		t = &fake_tags[cmd[3]];
		resp[0] = t->tag >> 8;
		resp[1] = t->tag & 0xFF;
		resp[2] = t->min >> 8;
		resp[3] = t->min & 0xFF;
		resp[4] = t->max >> 8;
		resp[5] = t->max & 0xFF;
		resp[6] = t->flags;
		resp[7] = FAKE_NR_TAGS;
		n = strlen(t->name);
		memcpy(resp + 8, t->name, n);
		*resp_len = fake_answer(resp, 8 + n, PERSOCARD_SW_OK);
		return 0;
	}
	if (c->nr < FAKE_MAX_APDUS && len <= sizeof(c->apdu[0])) {
		memcpy(c->apdu[c->nr], cmd, len);
		c->len[c->nr++] = len;
	}
	if (c->ins_refused && cmd[1] == c->ins_refused) {
		n = 0;
		if (cmd[1] == PERSOCARD_INS_LOCK && c->lock_missing) {
			memcpy(resp, c->lock_missing, c->lock_missing_len);
			n = c->lock_missing_len;
		}
		*resp_len = fake_answer(resp, n, c->refusal_sw);
		return 0;
	}
	if (cmd[1] == PERSOCARD_INS_ENABLE)
		c->state = PERSOCARD_STATE_READY;
	else if (cmd[1] == PERSOCARD_INS_VERIFY)
		c->state = PERSOCARD_STATE_PERSONALIZING;
	else if (cmd[1] == PERSOCARD_INS_LOCK)
		c->state = PERSOCARD_STATE_PERSONALIZED;
	*resp_len = fake_answer(resp, 0, PERSOCARD_SW_OK);
	return 0;
}

#endif /* PERSOCARD_FAKE_CARD_H */
