// SPDX-License-Identifier: GPL-2.0
/* perso_min CODE NAME=VALUE...: personalize card 0 with libpersocard. */
#include <libpersocard.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	struct persocard_card *card = persocard_card_open_index(0);
	int ok = card && argc > 1 && !persocard_card_enable(card) &&
		 !persocard_card_verify(card, argv[1], strlen(argv[1]), NULL);

	for (int i = 2; ok && i < argc; i++) {
		char *value = strchr(argv[i], '=');

		if (value)
			*value++ = '\0';
		ok = value && !persocard_card_put_by_name(card, argv[i], value,
							  strlen(value));
	}
	ok = ok && !persocard_card_lock(card, NULL, NULL);
	printf("%s (SW %04X)\n", ok ? "PERSONALIZED" : "failed",
	       card ? persocard_card_last_sw(card) : 0);
	persocard_card_close(card);
	return !ok;
}
