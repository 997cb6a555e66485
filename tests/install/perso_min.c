// SPDX-License-Identifier: GPL-2.0
/* perso_min CODE NAME=VALUE...: personalize card 0 with libpersocard. */
#include <libpersocard.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	struct persocard_card *card = persocard_card_open_index(0);
	struct persocard_card_status *st = NULL;
	int ok = card && argc > 1 && !persocard_card_enable(card) &&
		 !persocard_card_verify(card, argv[1], strlen(argv[1]), NULL);
	unsigned int sw;

	for (int i = 2; ok && i < argc; i++) {
		char *value = strchr(argv[i], '=');

		if (value)
			*value++ = '\0';
		ok = value && !persocard_card_put_by_name(card, argv[i], value,
							  strlen(value));
	}
	ok = ok && !persocard_card_lock(card, NULL, NULL);
	sw = card ? persocard_card_last_sw(card) : 0;
	/* The state, from an opaque GET STATUS snapshot. */
	st = ok ? persocard_card_get_status(card) : NULL;
	printf("%s (SW %04X)\n", st ? persocard_state_name(
	       persocard_card_status_get_state(st)) : "failed", sw);
	persocard_card_status_free(st);
	persocard_card_close(card);
	return !st;
}
