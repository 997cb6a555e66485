/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * How personalize reaches a card: libpersocard's ioctls, or APDUs through
 * PC/SC (pcsc.c). Both run the same commands and print the same lines.
 */
#ifndef PERSOCARD_CLI_LINK_H
#define PERSOCARD_CLI_LINK_H

#include <stdbool.h>
#include <stdint.h>

#include "profile.h"
#include "value.h"

struct perso_link;

/*
 * Each command returns 0 on 9000. On -1, link->sw is the card's refusal,
 * or 0 when the command did not reach the card: link->error says why.
 */
struct perso_link_ops {
	int (*enable)(struct perso_link *link);
	int (*verify)(struct perso_link *link, const struct value *code);
	int (*put)(struct perso_link *link, uint16_t tag,
		   const struct value *value);
	/* @missing has room for PERSOCARD_MAX_TAGS; *nr_missing counts them. */
	int (*lock)(struct perso_link *link, uint16_t *missing,
		    unsigned int *nr_missing);
	/* The card's state name, "UNKNOWN" if it cannot be had. */
	const char *(*state)(struct perso_link *link);
	/* End the link; @failed: a session may be left open, reset it. */
	void (*close)(struct perso_link *link, bool failed);
};

struct perso_link {
	const struct perso_link_ops *ops;
	const char *name;		/* the card, for the code prompt */
	struct card_profile profile;	/* read before anything is sent */
	uint16_t sw;
	char error[256];
};

/*
 * pcsc_link_open() - connect through pcscd to slot @slot of the persocard
 * reader, or to the reader named @reader, exclusively, and read the card's
 * profile with GET STATUS. Errors are printed.
 *
 * Return: the link, or NULL (EXIT_SYSTEM).
 */
struct perso_link *pcsc_link_open(unsigned int slot, const char *reader);

#endif /* PERSOCARD_CLI_LINK_H */
