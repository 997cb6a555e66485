// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The one place that turns the card's answer into the library's
 * convention: the ioctl fails only when the command never ran, and the
 * card's verdict is in the argument's status word.
 */
#include <errno.h>
#include <sys/ioctl.h>

#include "internal.h"

int persocard_ioctl(struct persocard_card *card, unsigned long request,
		    void *arg, const uint16_t *sw)
{
	if (ioctl(card->fd, request, arg) < 0) {
		/* The card never saw it: no status word to report. */
		card->last_sw = 0;
		return -1;
	}

	card->last_sw = *sw;
	if (*sw != PERSOCARD_SW_OK) {
		errno = EREMOTEIO;
		return -1;
	}

	return 0;
}
