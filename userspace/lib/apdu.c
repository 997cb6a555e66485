// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The APDU encoding of each command, and the decoding of GET STATUS's
 * answers (see <linux/persocard.h> and Documentation/persocard/apdu.rst).
 */
#include <errno.h>
#include <string.h>

#include "internal.h"

size_t apdu_enable(uint8_t *apdu)
{
	apdu[0] = PERSOCARD_CLA;
	apdu[1] = PERSOCARD_INS_ENABLE;
	apdu[2] = PERSOCARD_P1P2_ENABLE >> 8;
	apdu[3] = PERSOCARD_P1P2_ENABLE & 0xFF;
	return 4;
}

/* @len: 4 to PERSOCARD_CODE_MAX_LEN, checked by the caller. */
size_t apdu_verify(uint8_t *apdu, const void *code, size_t len)
{
	apdu[0] = PERSOCARD_CLA;
	apdu[1] = PERSOCARD_INS_VERIFY;
	apdu[2] = 0;
	apdu[3] = 0;
	apdu[4] = len;
	memcpy(apdu + 5, code, len);
	return 5 + len;
}

/* One block of at most APDU_BLOCK_MAX bytes; CLA 90 if @more follow. */
size_t apdu_put_block(uint8_t *apdu, uint16_t tag, const uint8_t *data,
		      size_t len, int more)
{
	apdu[0] = PERSOCARD_CLA | (more ? PERSOCARD_CLA_CHAIN : 0);
	apdu[1] = PERSOCARD_INS_PUT;
	apdu[2] = tag >> 8;
	apdu[3] = tag & 0xFF;
	apdu[4] = len;
	memcpy(apdu + 5, data, len);
	return 5 + len;
}

/* With Le: a refusal for missing elements lists their tags. */
size_t apdu_lock(uint8_t *apdu)
{
	apdu[0] = PERSOCARD_CLA;
	apdu[1] = PERSOCARD_INS_LOCK;
	apdu[2] = PERSOCARD_P1P2_LOCK >> 8;
	apdu[3] = PERSOCARD_P1P2_LOCK & 0xFF;
	apdu[4] = 0x00;
	return 5;
}

size_t apdu_get_status(uint8_t *apdu)
{
	apdu[0] = PERSOCARD_CLA;
	apdu[1] = PERSOCARD_INS_GET_STATUS;
	apdu[2] = PERSOCARD_P1_STATUS_CARD;
	apdu[3] = 0;
	apdu[4] = 0x00;
	return 5;
}

size_t apdu_get_tag(uint8_t *apdu, unsigned int index)
{
	apdu[0] = PERSOCARD_CLA;
	apdu[1] = PERSOCARD_INS_GET_STATUS;
	apdu[2] = PERSOCARD_P1_STATUS_TAG;
	apdu[3] = index;
	apdu[4] = 0x00;
	return 5;
}

/*
 * GET STATUS 80 F2 01 II's data: tag, min, max (2 bytes each,
 * big-endian), flags, the number of tags, then the name.
 */
int apdu_tag_decode(const uint8_t *resp, size_t len, struct persocard_tag *t,
		    unsigned int *nr_tags)
{
	size_t name_len = len - PERSOCARD_APDU_TAG_DESC_FIXED;

	if (len < PERSOCARD_APDU_TAG_DESC_FIXED ||
	    name_len >= PERSOCARD_NAME_LEN) {
		errno = EPROTO;
		return -1;
	}
	memset(t, 0, sizeof(*t));
	t->tag = resp[0] << 8 | resp[1];
	t->min_len = resp[2] << 8 | resp[3];
	t->max_len = resp[4] << 8 | resp[5];
	t->flags = resp[6];
	*nr_tags = resp[7];
	memcpy(t->name, resp + PERSOCARD_APDU_TAG_DESC_FIXED, name_len);
	return 0;
}
