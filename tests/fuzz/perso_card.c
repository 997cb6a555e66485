// SPDX-License-Identifier: GPL-2.0
/*
 * The card OS's side of the perso target (fzk.h): a card the library
 * personalizes through its APDU transport.
 */
#include "harness.h"
#include "fzk.h"

static const char fzk_owner;

struct fzk_card {
	struct persocard_card card;
};

static_assert(sizeof(FZK_CODE) == sizeof(FZ_CODE));

struct fzk_card *fzk_card_new(unsigned int profile_id)
{
	struct fzk_card *c = malloc(sizeof(*c));

	fz_check(c && !fz_card_make(&c->card, profile_id, 3, 8192,
				    PERSOCARD_PAGE_DEFAULT_SIZE, profile_id), "card made");
	return c;
}

void fzk_card_free(struct fzk_card *c)
{
	persocard_card_destroy(&c->card);
	free(c);
}

int fzk_transmit(void *data, const uint8_t *cmd, size_t len,
		 uint8_t *resp, size_t size, size_t *resp_len)
{
	struct fzk_card *c = data;
	static u8 answer[PERSOCARD_RESPONSE_MAX_LEN];
	size_t n;

	fz_transmit(&c->card, &fzk_owner, cmd, len, answer, &n);
	fz_check(n <= size, "a %zu-byte answer for %zu bytes of room",
		 n, size);
	memcpy(resp, answer, n);
	*resp_len = n;
	return 0;
}

int fzk_state(const struct fzk_card *c)
{
	return persocard_state(&c->card);
}

uint16_t fzk_get_data(const struct fzk_card *c, uint16_t tag,
		      uint8_t *value, uint16_t *len)
{
	return persocard_get_data(&c->card, tag, value, len);
}
