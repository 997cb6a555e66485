// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The data elements of a card's profile, as read when it was opened.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

PERSOCARD_API unsigned int
persocard_card_nr_tags(const struct persocard_card *card)
{
	return card->nr_tags;
}

PERSOCARD_API const struct persocard_tag_desc *
persocard_card_tag(const struct persocard_card *card, unsigned int index)
{
	if (index >= card->nr_tags) {
		errno = ERANGE;
		return NULL;
	}

	return &card->tags[index];
}

/* "0x5A00" or "23040": a whole 16-bit number, or -1. */
static long parse_tag(const char *s)
{
	unsigned long val;
	char *end;
	int base = 10;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	/* strtoul() would take a sign or leading blanks: refuse them. */
	if (!isxdigit((unsigned char)s[0]))
		return -1;

	errno = 0;
	val = strtoul(s, &end, base);
	if (errno || *end || val > UINT16_MAX)
		return -1;

	return val;
}

PERSOCARD_API const struct persocard_tag_desc *
persocard_card_find_tag(const struct persocard_card *card, const char *name)
{
	unsigned int i;
	long tag;

	if (!name || !*name) {
		errno = EINVAL;
		return NULL;
	}

	for (i = 0; i < card->nr_tags; i++)
		if (!strcmp(card->tags[i].name, name))
			return &card->tags[i];

	tag = parse_tag(name);
	if (tag >= 0)
		for (i = 0; i < card->nr_tags; i++)
			if (card->tags[i].tag == tag)
				return &card->tags[i];

	errno = ENOENT;
	return NULL;
}
