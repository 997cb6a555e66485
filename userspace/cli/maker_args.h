/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * What the image and chip subcommands share: the CARD argument, and the
 * exit status and message of an image operation that failed.
 */
#ifndef PERSOCARD_CLI_MAKER_ARGS_H
#define PERSOCARD_CLI_MAKER_ARGS_H

#include <stdbool.h>

#define CARD_ARG_HELP \
	"CARD is N, persocardN or /dev/persocardN.\n"

/* CARD as N; a usage error (exit 2) for anything else. */
unsigned int card_arg(const char *s);

/*
 * Exit status of an image operation that failed with @err: 1 when the
 * module refused the image or the card's state, 3 otherwise.
 */
int image_exit_status(int err);

/*
 * Restore every image of @dir, a line per card.
 * Return: 0, or the worst exit status of the cards.
 */
int restore_dir(const char *dir);

#endif /* PERSOCARD_CLI_MAKER_ARGS_H */
