// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * What the driver asks of a card, through libpersocard: the only door to
 * the kernel. pcscd is the only caller, so these say nothing themselves:
 * they return a negative errno and leave the logging to the entry points,
 * which know what pcscd asked for.
 */
#include <errno.h>
#include <string.h>

#include "ifd-persocard.h"

/*
 * A reader.conf can name any file: libpersocard opens only a persocard
 * card, and a card out of its reader too (its slot waits for it).
 */
int card_open(const char *path, struct persocard_card **card)
{
	*card = persocard_card_open_flags(path, PERSOCARD_OPEN_ABSENT);
	return *card ? 0 : -errno;
}

/*
 * The module's card count, from INFO or, with the card out, from the
 * cards listed after it.
 */
int card_nr_cards(struct persocard_card *card, unsigned int *nr_cards)
{
	struct persocard_card_info *info = persocard_card_get_info(card);
	struct persocard_iter *iter;
	unsigned int index, nr = 0;

	if (info) {
		*nr_cards = persocard_card_info_get_nr_cards(info);
		persocard_card_info_free(info);
		return 0;
	}
	if (errno != ENODEV)
		return -errno;
	iter = persocard_iter_new();
	if (!iter)
		return -errno;
	while (persocard_iter_next(iter, &index) == 1)
		if (index >= nr)
			nr = index + 1;
	persocard_iter_free(iter);
	*nr_cards = nr;
	return 0;
}

/* The ATR came with TRANSMIT: without both, no PC/SC. */
int card_atr(struct persocard_card *card, uint8_t *atr, size_t *atr_len)
{
	struct persocard_card_info *info = persocard_card_get_info(card);
	const uint8_t *bytes;
	size_t len;

	if (!info)
		return -errno;
	bytes = persocard_card_info_get_atr(info, &len);
	if (!len) {
		persocard_card_info_free(info);
		return -EPROTONOSUPPORT;
	}
	memcpy(atr, bytes, len);
	*atr_len = len;
	persocard_card_info_free(info);
	return 0;
}

/*
 * A warm reset ends the session this file owns, if any. 6985 means
 * another file (not pcscd's) runs a session: that one is not ours to end,
 * and pcscd's file holds none, which is what a reset is for.
 */
int card_reset(struct persocard_card *card)
{
	if (persocard_card_reset(card) && errno != EREMOTEIO)
		return -errno;
	return 0;
}

/* Return: 1 if the card is in its reader, 0 if not, or a negative errno. */
int card_present(struct persocard_card *card)
{
	struct persocard_card_status *st = persocard_card_get_status(card);

	if (st) {
		persocard_card_status_free(st);
		return 1;
	}
	return errno == ENODEV ? 0 : -errno;
}

/*
 * One APDU exchange. The card checks @resp_size against the command's Le
 * before it acts, so a buffer too small fails with EINVAL and changes
 * nothing. Lengths the card refuses (too short, too long) are its to
 * answer with 6700.
 */
int card_transmit(struct persocard_card *card, const uint8_t *cmd,
		  size_t cmd_len, uint8_t *resp, size_t resp_size,
		  size_t *resp_len)
{
	size_t n = 0;

	*resp_len = 0;
	if (persocard_card_transmit(card, cmd, cmd_len, resp, resp_size, &n))
		return -errno;
	if (n < 2 || n > resp_size)
		return -EPROTO;
	*resp_len = n;
	return 0;
}
