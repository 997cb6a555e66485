/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The reader: what turns a card into /dev/persocardN and sysfs files.
 */
#ifndef _PERSOCARD_READER_H
#define _PERSOCARD_READER_H

#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/mutex.h>

#include "../cardos/card.h"

#define PERSOCARD_MAX_CARDS	256

/**
 * struct persocard_dev - a card in its reader
 * @card: the card OS state; only under @lock.
 * @lock: serialises everything done to @card.
 * @dev: the class device, /sys/class/persocard/persocardN.
 * @cdev: /dev/persocardN.
 * @index: N.
 * @present: the card is in its reader; when not, ioctls get ENODEV. Only
 *	under @lock.
 */
struct persocard_dev {
	struct persocard_card card;
	struct mutex lock;		/* serialises all use of @card */
	struct device dev;
	struct cdev cdev;
	unsigned int index;
	bool present;
};

extern const struct file_operations persocard_fops;
extern const struct file_operations persocard_alias_fops;
extern const struct attribute_group *persocard_groups[];
extern unsigned int persocard_nr_cards;

struct persocard_dev *persocard_dev_get(unsigned int index);
void persocard_state_changed(struct persocard_dev *pd,
			     enum persocard_state state, bool remade);
void persocard_draw_identity(u8 *secret, u64 *serial);

#endif /* _PERSOCARD_READER_H */
