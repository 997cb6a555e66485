/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * What the parts of libpersocard-maker share; never installed.
 */
#ifndef PERSOCARD_MAKER_INTERNAL_H
#define PERSOCARD_MAKER_INTERNAL_H

#include <linux/persocard.h>
#include <persocard-maker.h>
#include <stddef.h>
#include <sys/types.h>

/* Everything else stays hidden: -fvisibility=hidden is the default. */
#define MAKER_API __attribute__((visibility("default")))

#define MAKER_SYSFS_CLASS	"/sys/class/persocard"
#define MAKER_DEV_PREFIX	"/dev/persocard"
#define MAKER_DEBUGFS		"/sys/kernel/debug/persocard"

/*
 * Where the cards' files are: the system's, or a host test's folders.
 * Every entry point that touches a card by index has an _at twin.
 */
struct maker_paths {
	const char *sysfs;	/* /sys/class/persocard */
	const char *debugfs;	/* /sys/kernel/debug/persocard */
	const char *dev;	/* /dev: the nodes are DEV/persocardN */
};

extern const struct maker_paths maker_system_paths;

/* Room for a path under one of them. */
#define PATH_MAX_DEV	4096
/* "persocardN" and its NUL, with room to spare. */
#define NAME_MAX_IMG	32

/* @dir/persocardN into @buf: 0, or -1 with errno ENAMETOOLONG. */
int card_path(char *buf, size_t size, const char *dir, unsigned int index);

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

/* Images: the files, in image_file.c. */
#define IMAGE_MAX_SIZE	PERSOCARD_IMAGE_SIZE(PERSOCARD_MAKER_NVM_MAX)
/* @len bytes into @path: a temporary file in its folder, 0600, renamed. */
int image_file_write(const char *path, const void *buf, size_t len);
/* A whole file of at most IMAGE_MAX_SIZE bytes (else EINVAL), malloc'd. */
int image_file_read(const char *path, void **buf, size_t *len);

int maker_save_at(const struct maker_paths *p, unsigned int index,
		  void **image, size_t *len);
int maker_restore_at(const struct maker_paths *p, unsigned int index,
		     const void *image, size_t len);
int maker_save_file_at(const struct maker_paths *p, unsigned int index,
		       const char *path);
int maker_restore_file_at(const struct maker_paths *p, unsigned int index,
			  const char *path);
int maker_save_all_at(const struct maker_paths *p, const char *dir,
		      persocard_maker_report_fn report, void *data);
int maker_restore_all_at(const struct maker_paths *p, const char *dir,
			 persocard_maker_report_fn report, void *data);

int maker_power_cut_at(const struct maker_paths *p, unsigned int index,
		       const char *value);
int maker_power_cut_get_at(const struct maker_paths *p, unsigned int index,
			   int *armed, unsigned int *n, unsigned int *k);
struct persocard_maker_chip *maker_chip_get_at(const struct maker_paths *p,
					       unsigned int index);
ssize_t maker_endurance_at(const struct maker_paths *p, unsigned int index,
			   unsigned long long **ops);
int maker_power_up_at(const struct maker_paths *p, unsigned int index);

int maker_write_all(int fd, const void *buf, size_t len);

/* SCP03 key sets, in scp03.c: "KVN ENC MAC DEK" in hex, the copy wiped. */
int attr_write_scp03_keys(const char *dir, unsigned int kvn, const void *enc,
			  const void *mac, const void *dek, size_t key_len);
/* @dir/auth as &enum persocard_maker_auth; ENOTSUP: no such attribute. */
int attr_read_auth(const char *dir);
int maker_set_scp03_keys_at(const struct maker_paths *p, unsigned int index,
			    unsigned int kvn, const void *enc, const void *mac,
			    const void *dek, size_t key_len);
int maker_clear_scp03_keys_at(const struct maker_paths *p, unsigned int index);
int maker_get_auth_at(const struct maker_paths *p, unsigned int index);

#endif /* PERSOCARD_MAKER_INTERNAL_H */
