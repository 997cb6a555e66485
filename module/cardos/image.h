/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Saved cards: a card's whole NVM sealed under a key the maker holds.
 */
#ifndef _PERSOCARD_IMAGE_H
#define _PERSOCARD_IMAGE_H

#include <linux/types.h>

struct persocard_card;

#define PERSOCARD_IMAGE_KEY_MAX_LEN	32

size_t persocard_image_size(const struct persocard_card *card);
int persocard_image_seal(const struct persocard_card *card,
			 const u8 *key, size_t key_len, u8 *image, size_t size);
int persocard_image_check(const u8 *image, size_t len);
int persocard_image_open(struct persocard_card *card, const u8 *key,
			 size_t key_len, u8 *image, size_t len);

#endif /* _PERSOCARD_IMAGE_H */
