/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * What the parts of libpersocard share; never installed.
 */
#ifndef PERSOCARD_INTERNAL_H
#define PERSOCARD_INTERNAL_H

#include <libpersocard.h>
#include <stdint.h>

/* Everything else stays hidden: -fvisibility=hidden is the default. */
#define PERSOCARD_API __attribute__((visibility("default")))

#define PERSOCARD_SYSFS_CLASS	"/sys/class/persocard"
#define PERSOCARD_DEV_PREFIX	"/dev/persocard"

struct persocard_card {
	int fd;
	char *path;
	unsigned int index;
	unsigned int profile;
	uint16_t last_sw;
	unsigned int nr_tags;
	/* Read once at open: the profile of a used card cannot change. */
	struct persocard_tag_desc tags[PERSOCARD_MAX_TAGS];
};

int persocard_ioctl(struct persocard_card *card, unsigned long request,
		    void *arg, const uint16_t *sw);

/*
 * Send a command whose argument @arg has a status word in arg->sw: 0 on
 * 9000, else -1 with errno (EREMOTEIO for a refusal). Records last_sw.
 */
#define card_ioctl(card, request, arg) \
	persocard_ioctl(card, request, arg, &(arg)->sw)

#endif /* PERSOCARD_INTERNAL_H */
