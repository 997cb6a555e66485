/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A card's profile as the CLI checks data files against it: learned from
 * libpersocard (the PROFILE ioctl) or, over PC/SC, from GET STATUS APDUs.
 */
#ifndef PERSOCARD_CLI_PROFILE_H
#define PERSOCARD_CLI_PROFILE_H

#include <stddef.h>
#include <stdint.h>

#include <libpersocard.h>

struct card_profile {
	unsigned int id;	/* enum persocard_profile_id */
	unsigned int nr_tags;
	struct persocard_tag_desc tags[PERSOCARD_MAX_TAGS];
};

void profile_from_card(const struct persocard_card *card,
		       struct card_profile *prof);

/* The element tagged @tag, or NULL. */
const struct persocard_tag_desc *profile_desc(const struct card_profile *prof,
					      uint16_t tag);

/*
 * An element by name, 0xHHHH or decimal number, or NULL if @s names none
 * of the profile's elements.
 */
const struct persocard_tag_desc *profile_lookup(const struct card_profile *prof,
						const char *s);

/* @d's name, or "0xHHHH" (@tag) when @d is NULL or has none. */
const char *desc_name(const struct persocard_tag_desc *d, uint16_t tag,
		      char *buf, size_t size);

/* Its name, or "0xHHHH" for a tag the profile lacks. */
const char *profile_tag_name(const struct card_profile *prof, uint16_t tag,
			     char *buf, size_t size);

#endif /* PERSOCARD_CLI_PROFILE_H */
