// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A snapshot of a configfs card: its attributes read once, so that the
 * getters cannot fail and agree with each other.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct persocard_maker_info {
	char name[NAME_MAX + 1];
	char profile[PERSOCARD_NAME_LEN + 1];
	char dev_path[sizeof(MAKER_DEV_PREFIX) + 10];
	unsigned int nvm_size;
	unsigned int page_size;
	unsigned int try_limit;
	int index;
	int auth;		/* enum persocard_maker_auth, -1: none */
	bool live;
};

MAKER_API struct persocard_maker_info *
persocard_maker_card_get_info(struct persocard_maker_card *card)
{
	struct persocard_maker_info *info;
	char dev_name[32];
	unsigned int live;
	int err;

	info = calloc(1, sizeof(*info));
	if (!info)
		return NULL;
	snprintf(info->name, sizeof(info->name), "%s", card->name);
	if (attr_read(card->dir, "profile", info->profile,
		      sizeof(info->profile)) ||
	    attr_read_uint(card->dir, "nvm_size", UINT_MAX, &info->nvm_size) ||
	    attr_read_uint(card->dir, "try_limit", UINT_MAX,
			   &info->try_limit) ||
	    attr_read_uint(card->dir, "live", 1, &live) ||
	    attr_read(card->dir, "dev_name", dev_name, sizeof(dev_name)))
		goto fail;
	/* A module before page sizes has no such attribute: 0. */
	if (attr_read_uint(card->dir, "page_size", UINT_MAX, &info->page_size)) {
		if (errno != ENOENT)
			goto fail;
		info->page_size = 0;
	}
	/* A module before SCP03 has no auth: -1. */
	info->auth = attr_read_auth(card->dir);
	if (info->auth < 0 && errno != ENOTSUP)
		goto fail;
	info->live = live;
	info->index = -1;
	if (dev_name[0]) {
		info->index = dev_name_index(dev_name);
		if (info->index < 0) {
			errno = EIO;
			goto fail;
		}
		snprintf(info->dev_path, sizeof(info->dev_path),
			 MAKER_DEV_PREFIX "%d", info->index);
	}
	return info;

fail:
	err = errno;
	free(info);
	errno = err;
	return NULL;
}

MAKER_API void persocard_maker_info_free(struct persocard_maker_info *info)
{
	free(info);
}

MAKER_API const char *
persocard_maker_info_name(const struct persocard_maker_info *info)
{
	return info->name;
}

MAKER_API const char *
persocard_maker_info_profile(const struct persocard_maker_info *info)
{
	return info->profile;
}

MAKER_API unsigned int
persocard_maker_info_nvm_size(const struct persocard_maker_info *info)
{
	return info->nvm_size;
}

MAKER_API unsigned int
persocard_maker_info_page_size(const struct persocard_maker_info *info)
{
	return info->page_size;
}

MAKER_API unsigned int
persocard_maker_info_try_limit(const struct persocard_maker_info *info)
{
	return info->try_limit;
}

MAKER_API int
persocard_maker_info_auth(const struct persocard_maker_info *info)
{
	return info->auth;
}

MAKER_API bool
persocard_maker_info_is_live(const struct persocard_maker_info *info)
{
	return info->live;
}

MAKER_API int
persocard_maker_info_index(const struct persocard_maker_info *info)
{
	return info->index;
}

MAKER_API const char *
persocard_maker_info_dev_path(const struct persocard_maker_info *info)
{
	return info->index < 0 ? NULL : info->dev_path;
}
