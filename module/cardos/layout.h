/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where a card puts its data elements: a per-card secret decides.
 */
#ifndef _PERSOCARD_LAYOUT_H
#define _PERSOCARD_LAYOUT_H

#include <linux/types.h>
#include <linux/persocard.h>

#define PERSOCARD_SECRET_LEN	32
#define PERSOCARD_RECORD_HDR	2	/* big-endian value length */

/**
 * struct persocard_layout - a card's hidden placement of its elements
 * @secret: drawn when the card is made; keys everything below.
 * @order: profile indices in the order their records lie in NVM.
 * @gap: bytes of filler before each element's record, by profile index.
 * @nr: number of elements in the profile.
 *
 * Records lie back to back in @order, each after its gap: a length, then
 * the value. The whole data area is masked with a keystream derived from
 * @secret, so neither the order nor the values show in a dump.
 */
struct persocard_layout {
	u8 secret[PERSOCARD_SECRET_LEN];
	u8 order[PERSOCARD_MAX_TAGS];
	u8 gap[PERSOCARD_MAX_TAGS];
	unsigned int nr;
};

void persocard_layout_init(struct persocard_layout *layout,
			   const u8 *secret, unsigned int nr);
void persocard_layout_resize(struct persocard_layout *layout, unsigned int nr);
void persocard_layout_wipe(struct persocard_layout *layout);
size_t persocard_layout_overhead(const struct persocard_layout *layout);
void persocard_layout_encode(const struct persocard_layout *layout,
			     u8 *area, size_t size,
			     u8 *const *values, const u16 *lens);
int persocard_layout_read(const struct persocard_layout *layout,
			  const u8 *area, size_t size, unsigned int index,
			  u8 *value, u16 *len);
size_t persocard_layout_offset(const struct persocard_layout *layout,
			       const u8 *area, size_t size, unsigned int index);

#endif /* _PERSOCARD_LAYOUT_H */
