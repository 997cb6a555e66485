// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * GET DATA: reading back public elements of a personalized card.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "internal.h"

PERSOCARD_API ssize_t persocard_card_read(struct persocard_card *card,
					  uint16_t tag, void *buf,
					  size_t size)
{
	struct persocard_get_data arg;

	if (!buf && size) {
		card->last_sw = 0;
		errno = EINVAL;
		return -1;
	}

	memset(&arg, 0, sizeof(arg));
	arg.buf = (uintptr_t)buf;
	/* No value is that long: a huge buffer is as good as 4 GiB. */
	arg.buf_len = size > UINT32_MAX ? UINT32_MAX : size;
	arg.tag = tag;
	if (card_ioctl(card, PERSOCARD_IOC_GET_DATA, &arg))
		return -1;

	return arg.len;
}
