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

/* Cards made at load (nr_cards), and cards at once in all. */
#define PERSOCARD_MAX_CARDS	256
#define PERSOCARD_MAX_MINORS	16384

/**
 * struct persocard_dev - a card in its reader
 * @card: the card OS state; only under @lock.
 * @lock: serialises everything done to @card.
 * @dev: the class device, /sys/class/persocard/persocardN.
 * @cdev: /dev/persocardN.
 * @index: N.
 * @present: the card is in its reader; when not, ioctls get ENODEV. Only
 *	under @lock.
 * @removed: the card was taken out for good; opens get ENODEV. Only
 *	under @lock.
 * @nr_open: files open on the card. Only under @lock.
 * @cut: the card is out of its reader because it lost power to a power
 *	cut; RESET powers it up. Only under @lock.
 * @debugfs: its folder in debugfs: the chip and the power-cut knob.
 */
struct persocard_dev {
	struct persocard_card card;
	struct mutex lock;		/* serialises all use of @card */
	struct device dev;
	struct cdev cdev;
	unsigned int index;
	bool present;
	bool removed;
	unsigned int nr_open;
	bool cut;
	struct dentry *debugfs;
};

extern const struct file_operations persocard_fops;
extern const struct file_operations persocard_alias_fops;
extern const struct attribute_group *persocard_groups[];
extern unsigned int persocard_nr_cards;
extern atomic_t persocard_live_cards;

struct persocard_dev *persocard_dev_get(unsigned int index);
struct persocard_dev *persocard_dev_create(const struct persocard_config *config);
int persocard_dev_remove(struct persocard_dev *pd);
void persocard_default_config(struct persocard_config *config, u8 *code);
int persocard_configfs_init(void);
void persocard_configfs_exit(void);
void persocard_state_changed(struct persocard_dev *pd,
			     enum persocard_state state, bool remade);
void persocard_draw_identity(u8 *secret, u64 *serial);
bool persocard_dev_lost_power(struct persocard_dev *pd);
int persocard_dev_power_up(struct persocard_dev *pd);
void persocard_presence_changed(struct persocard_dev *pd);
struct dentry *persocard_debugfs_init(void);
void persocard_debugfs_add(struct persocard_dev *pd, struct dentry *root);
void persocard_debugfs_remove(struct persocard_dev *pd);
long persocard_image_save(struct persocard_dev *pd, void __user *buf,
			  size_t buf_len, u32 *len);
int persocard_parse_keyset(const char *buf, size_t count,
			   struct persocard_scp03_keyset *keys);
u16 persocard_today(void);
long persocard_image_restore(struct persocard_dev *pd,
			     const void __user *buf, size_t len);

#endif /* _PERSOCARD_READER_H */
