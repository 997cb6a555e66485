// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * TRANSMIT: one command APDU and its response. The status word is the
 * caller's data here, not a verdict: a card that answered is a success,
 * whatever it answered (as SCardTransmit and SG_IO have it).
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>

#include "internal.h"

PERSOCARD_API int persocard_card_transmit(struct persocard_card *card,
					  const void *command,
					  size_t command_len, void *response,
					  size_t response_size,
					  size_t *response_len)
{
	struct persocard_transmit arg;

	card->last_sw = 0;
	if ((!command && command_len) || !response || response_size < 2) {
		errno = EINVAL;
		return -1;
	}

	memset(&arg, 0, sizeof(arg));
	arg.command = (uintptr_t)command;
	/* Too long for any card: still the card's to answer (6700). */
	arg.command_len = command_len > PERSOCARD_APDU_MAX_LEN ?
			  PERSOCARD_APDU_MAX_LEN + 1 : command_len;
	arg.response = (uintptr_t)response;
	/* No response is longer: a bigger buffer is as good. */
	arg.response_size = response_size > PERSOCARD_RESPONSE_MAX_LEN ?
			    PERSOCARD_RESPONSE_MAX_LEN : response_size;
	if (ioctl(card->fd, PERSOCARD_IOC_TRANSMIT, &arg) < 0)
		return -1;

	card->last_sw = arg.sw;
	if (response_len)
		*response_len = arg.response_len;
	return 0;
}
