/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A card OS card as the perso target sees it: plain C types only, so that
 * the library's side need not see a kernel header. perso_card.c is the
 * other side; its card OS symbols are renamed (kos_persocard_*) when it
 * is linked, so that they cannot clash with the library's.
 */
#ifndef PERSOCARD_FUZZ_FZK_H
#define PERSOCARD_FUZZ_FZK_H

#include <stddef.h>
#include <stdint.h>

struct fzk_card;

/* A new card of @profile_id, whose perso code is FZK_CODE. */
#define FZK_CODE	"fuzz-perso-code"
struct fzk_card *fzk_card_new(unsigned int profile_id);
void fzk_card_free(struct fzk_card *card);
/* A persocard_transmit_fn: TRANSMIT on @data, a struct fzk_card. */
int fzk_transmit(void *data, const uint8_t *cmd, size_t len,
		 uint8_t *resp, size_t size, size_t *resp_len);
int fzk_state(const struct fzk_card *card);
/* GET DATA: the status word; @value has PERSOCARD_VALUE_MAX_LEN bytes. */
uint16_t fzk_get_data(const struct fzk_card *card, uint16_t tag,
		      uint8_t *value, uint16_t *len);

#endif /* PERSOCARD_FUZZ_FZK_H */
