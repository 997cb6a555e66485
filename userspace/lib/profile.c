// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Profiles and their data elements: read from a card, looked up by name
 * or number. The one place tags are parsed and matched.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

void tag_from_desc(struct persocard_tag *t, const struct persocard_tag_desc *d)
{
	memset(t, 0, sizeof(*t));
	t->tag = d->tag;
	t->min_len = d->min_len;
	t->max_len = d->max_len;
	t->flags = d->flags;
	memcpy(t->name, d->name, PERSOCARD_NAME_LEN - 1);
}

static int read_desc(struct persocard_card *card, unsigned int index,
		     struct persocard_tag_desc *desc)
{
	memset(desc, 0, sizeof(*desc));
	desc->index = index;
	return card_ioctl(card, PERSOCARD_IOC_PROFILE, desc);
}

/* Read every tag descriptor of the card's profile into the handle. */
int profile_read(struct persocard_card *card)
{
	struct persocard_profile *prof = &card->profile;
	struct persocard_tag_desc desc;
	unsigned int i, nr_tags;

	/* Index 0 also answers for an empty profile: 6A88 with nr_tags 0. */
	if (read_desc(card, 0, &desc) && errno != EREMOTEIO)
		return -1;
	nr_tags = desc.nr_tags;
	if (nr_tags > PERSOCARD_MAX_TAGS) {
		errno = EPROTO;
		return -1;
	}
	memset(prof, 0, sizeof(*prof));
	prof->id = desc.profile;

	for (i = 0; i < nr_tags; i++) {
		if (read_desc(card, i, &desc))
			return -1;
		/* A maker's profile change between calls: start again. */
		if (desc.nr_tags != nr_tags || desc.profile != prof->id) {
			errno = EAGAIN;
			return -1;
		}
		tag_from_desc(&prof->tags[i], &desc);
	}
	prof->nr_tags = nr_tags;
	card->last_sw = 0;
	return 0;
}

PERSOCARD_API unsigned int
persocard_card_profile(const struct persocard_card *card)
{
	return card->profile.id;
}

PERSOCARD_API const struct persocard_profile *
persocard_card_get_profile(const struct persocard_card *card)
{
	return &card->profile;
}

PERSOCARD_API unsigned int
persocard_card_nr_tags(const struct persocard_card *card)
{
	return card->profile.nr_tags;
}

PERSOCARD_API const struct persocard_tag *
persocard_card_get_tag(const struct persocard_card *card, unsigned int index)
{
	return persocard_profile_get_tag(&card->profile, index);
}

PERSOCARD_API const struct persocard_tag *
persocard_card_find_tag(const struct persocard_card *card, const char *name)
{
	return persocard_profile_find_tag(&card->profile, name);
}

PERSOCARD_API unsigned int
persocard_profile_get_id(const struct persocard_profile *profile)
{
	return profile->id;
}

PERSOCARD_API unsigned int
persocard_profile_get_nr_tags(const struct persocard_profile *profile)
{
	return profile->nr_tags;
}

PERSOCARD_API const struct persocard_tag *
persocard_profile_get_tag(const struct persocard_profile *profile,
			  unsigned int index)
{
	if (index >= profile->nr_tags) {
		errno = ERANGE;
		return NULL;
	}
	return &profile->tags[index];
}

PERSOCARD_API int persocard_parse_tag_number(const char *s, uint16_t *tag)
{
	unsigned long val;
	const char *digits = "0123456789";
	char *end;
	int base = 10;

	if (!s)
		goto err;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		digits = "0123456789abcdefABCDEF";
		s += 2;
	}
	/* strtoul() would take a sign or leading blanks: refuse them. */
	if (!*s || s[strspn(s, digits)])
		goto err;
	errno = 0;
	val = strtoul(s, &end, base);
	if (errno || *end || val > UINT16_MAX)
		goto err;
	*tag = val;
	return 0;
err:
	errno = EINVAL;
	return -1;
}

PERSOCARD_API const struct persocard_tag *
persocard_profile_find_tag_number(const struct persocard_profile *profile,
				  uint16_t tag)
{
	unsigned int i;

	for (i = 0; i < profile->nr_tags; i++)
		if (profile->tags[i].tag == tag)
			return &profile->tags[i];
	errno = ENOENT;
	return NULL;
}

PERSOCARD_API const struct persocard_tag *
persocard_profile_find_tag(const struct persocard_profile *profile,
			   const char *name)
{
	unsigned int i;
	uint16_t tag;

	if (!name || !*name) {
		errno = EINVAL;
		return NULL;
	}
	for (i = 0; i < profile->nr_tags; i++)
		if (!strcmp(profile->tags[i].name, name))
			return &profile->tags[i];
	if (!persocard_parse_tag_number(name, &tag))
		return persocard_profile_find_tag_number(profile, tag);
	errno = ENOENT;
	return NULL;
}

PERSOCARD_API const char *persocard_tag_get_name(const struct persocard_tag *tag)
{
	return tag->name;
}

PERSOCARD_API uint16_t persocard_tag_get_tag(const struct persocard_tag *tag)
{
	return tag->tag;
}

PERSOCARD_API unsigned int
persocard_tag_get_min_len(const struct persocard_tag *tag)
{
	return tag->min_len;
}

PERSOCARD_API unsigned int
persocard_tag_get_max_len(const struct persocard_tag *tag)
{
	return tag->max_len;
}

PERSOCARD_API bool persocard_tag_is_mandatory(const struct persocard_tag *tag)
{
	return tag->flags & PERSOCARD_TAG_MANDATORY;
}

PERSOCARD_API bool persocard_tag_is_secret(const struct persocard_tag *tag)
{
	return tag->flags & PERSOCARD_TAG_SECRET;
}
