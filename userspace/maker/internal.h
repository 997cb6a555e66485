/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * What the parts of libpersocard-maker share; never installed.
 */
#ifndef PERSOCARD_MAKER_INTERNAL_H
#define PERSOCARD_MAKER_INTERNAL_H

#include <linux/persocard.h>
#include <persocard-maker.h>
#include <stddef.h>

/* Everything else stays hidden: -fvisibility=hidden is the default. */
#define MAKER_API __attribute__((visibility("default")))

#define MAKER_SYSFS_CLASS	"/sys/class/persocard"
#define MAKER_DEV_PREFIX	"/dev/persocard"

struct persocard_maker_card {
	char *dir;		/* ROOT/NAME */
	const char *name;	/* points into dir */
};

/* The attribute files, in attr.c: a whole value in one write or read. */
int attr_write(const char *path, const char *value);
int attr_writef(const char *dir, const char *attr, const char *value);
int attr_write_code(const char *dir, const void *code, size_t len);
/* Read @attr into @buf (NUL-terminated, one trailing newline dropped). */
int attr_read(const char *dir, const char *attr, char *buf, size_t size);
/* A decimal attribute, within @max. */
int attr_read_uint(const char *dir, const char *attr, unsigned int max,
		   unsigned int *val);

/* @len bytes as lower-case hex, and a NUL, into @buf (2 * @len + 1). */
void hex_encode(const unsigned char *data, size_t len, char *buf);

/* "persocardN" (dev_name's contents) as N; -1 for anything else. */
int dev_name_index(const char *s);

/* Checks of a configfs card name: 0, or -1 with errno EINVAL. */
int name_check(const char *name);

/*
 * The entry points with the configfs root as an argument, so the host
 * tests can run them on a folder of their own.
 */
struct persocard_maker_card *maker_card_new_at(const char *root,
					       const char *name);
struct persocard_maker_card *maker_card_open_at(const char *root,
						const char *name);
struct persocard_maker_card *maker_card_open_index_at(const char *root,
						      unsigned int index);
struct persocard_maker_iter *maker_iter_new_at(const char *root);

#endif /* PERSOCARD_MAKER_INTERNAL_H */
