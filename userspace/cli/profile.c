// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * A card's profile, whichever way it was learned.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "common.h"
#include "profile.h"

void profile_from_card(const struct persocard_card *card,
		       struct card_profile *prof)
{
	const struct persocard_tag_desc *d;
	unsigned int i, n = persocard_card_nr_tags(card);

	memset(prof, 0, sizeof(*prof));
	prof->id = persocard_card_profile(card);
	for (i = 0; i < n && i < PERSOCARD_MAX_TAGS; i++) {
		d = persocard_card_tag(card, i);
		if (d)
			prof->tags[prof->nr_tags++] = *d;
	}
}

const struct persocard_tag_desc *profile_desc(const struct card_profile *prof,
					      uint16_t tag)
{
	unsigned int i;

	for (i = 0; i < prof->nr_tags; i++)
		if (prof->tags[i].tag == tag)
			return &prof->tags[i];
	return NULL;
}

const struct persocard_tag_desc *profile_lookup(const struct card_profile *prof,
						const char *s)
{
	unsigned int i;
	uint16_t tag;

	if (*s >= '0' && *s <= '9')
		return tag_number(s, &tag) ? NULL : profile_desc(prof, tag);
	for (i = 0; i < prof->nr_tags; i++)
		if (!strcmp(prof->tags[i].name, s))
			return &prof->tags[i];
	return NULL;
}

const char *desc_name(const struct persocard_tag_desc *d, uint16_t tag,
		      char *buf, size_t size)
{
	if (d && d->name[0])
		snprintf(buf, size, "%.*s", PERSOCARD_NAME_LEN, d->name);
	else
		snprintf(buf, size, "0x%04" PRIX16, tag);
	return buf;
}

const char *profile_tag_name(const struct card_profile *prof, uint16_t tag,
			     char *buf, size_t size)
{
	return desc_name(profile_desc(prof, tag), tag, buf, size);
}
