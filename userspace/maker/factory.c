// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The maker's settings and reset of a card that exists already, through
 * its sysfs attributes: not ioctls, so that only root can change a card
 * or make a used one blank again.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

/* ENOENT from here means: no such card (or no module). */
static int card_attr_write(unsigned int index, const char *attr,
			   const char *value)
{
	char dir[sizeof(MAKER_SYSFS_CLASS "/persocard") + 10];

	snprintf(dir, sizeof(dir), MAKER_SYSFS_CLASS "/persocard%u", index);
	return attr_writef(dir, attr, value);
}

MAKER_API int persocard_maker_factory_reset(unsigned int index)
{
	return card_attr_write(index, "factory_reset", "1");
}

MAKER_API int persocard_maker_set_profile(unsigned int index,
					  const char *profile)
{
	/* The kernel drops one trailing newline: "sim\n\n" is no profile. */
	if (!profile || !*profile || strchr(profile, '\n')) {
		errno = EINVAL;
		return -1;
	}
	return card_attr_write(index, "profile", profile);
}

MAKER_API int persocard_maker_set_try_limit(unsigned int index,
					    unsigned int try_limit)
{
	char buf[16];

	snprintf(buf, sizeof(buf), "%u", try_limit);
	return card_attr_write(index, "try_limit", buf);
}

MAKER_API int persocard_maker_set_perso_code(unsigned int index,
					     const void *code, size_t len)
{
	char dir[sizeof(MAKER_SYSFS_CLASS "/persocard") + 10];

	snprintf(dir, sizeof(dir), MAKER_SYSFS_CLASS "/persocard%u", index);
	return attr_write_code(dir, code, len);
}
