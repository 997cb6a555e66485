/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the card OS's own files share: the steps every command is made
 * of (card.c), for the GlobalPlatform path (card_gp.c) to run the same
 * way. Not for the reader.
 */
#ifndef _PERSOCARD_CARD_INTERNAL_H
#define _PERSOCARD_CARD_INTERNAL_H

#include "card.h"
#include "state.h"

u16 persocard_admit(struct persocard_card *card, const void *owner,
		    enum persocard_op op);
u16 persocard_refuse(struct persocard_card *card, u16 sw);
void persocard_advance(struct persocard_card *card, enum persocard_state from,
		       enum persocard_op op);
int persocard_update(struct persocard_card *card,
		     struct persocard_record *next);
int persocard_write_tries(struct persocard_card *card, u8 tries);
u16 persocard_stage_value(struct persocard_card *card, u16 tag,
			  const u8 *value, size_t len);
void persocard_end_session(struct persocard_card *card);
int persocard_receipt(struct persocard_card *card);

#endif /* _PERSOCARD_CARD_INTERNAL_H */
