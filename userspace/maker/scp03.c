// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A card's SCP03 static key set, the maker's setting that makes the bureau
 * authenticate by secure channel instead of the perso code: written once,
 * in hex, to sysfs or configfs scp03_keys, never read back; "none" gives
 * the card its perso code back.  The auth attribute says which it is.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"

/* "KK " and three keys of 64 digits with a blank between them. */
#define SCP03_HEX_SIZE	(3 + 3 * (2 * PERSOCARD_MAKER_SCP03_KEY_MAX + 1))

static int keys_check(unsigned int kvn, const void *enc, const void *mac,
		      const void *dek, size_t key_len)
{
	if (kvn < 0x01 || kvn > 0x7f || !enc || !mac || !dek ||
	    (key_len != 16 && key_len != 24 && key_len != 32)) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

/* "KVN ENC MAC DEK" into @buf; the caller wipes it. */
static void keys_hex(char *buf, unsigned int kvn, const void *enc,
		     const void *mac, const void *dek, size_t key_len)
{
	const void *keys[] = { enc, mac, dek };
	char *p = buf;
	size_t i;

	p += sprintf(p, "%02x", kvn);
	for (i = 0; i < 3; i++) {
		*p++ = ' ';
		hex_encode(keys[i], key_len, p);
		p += 2 * key_len;
	}
}

int attr_write_scp03_keys(const char *dir, unsigned int kvn, const void *enc,
			  const void *mac, const void *dek, size_t key_len)
{
	char hex[SCP03_HEX_SIZE];
	int ret, err;

	if (keys_check(kvn, enc, mac, dek, key_len))
		return -1;
	keys_hex(hex, kvn, enc, mac, dek, key_len);
	ret = attr_writef(dir, "scp03_keys", hex);
	err = errno;
	explicit_bzero(hex, sizeof(hex));
	errno = err;
	return ret;
}

/* @dir's auth: 0 code, 1 scp03; ENOTSUP when @dir has no such file. */
int attr_read_auth(const char *dir)
{
	char buf[16];
	struct stat st;

	if (attr_read(dir, "auth", buf, sizeof(buf))) {
		/* The card is there, the attribute is not: an older module. */
		if (errno == ENOENT && !stat(dir, &st))
			errno = ENOTSUP;
		return -1;
	}
	if (!strcmp(buf, "code"))
		return PERSOCARD_MAKER_AUTH_CODE;
	if (!strcmp(buf, "scp03"))
		return PERSOCARD_MAKER_AUTH_SCP03;
	errno = EIO;
	return -1;
}

int maker_set_scp03_keys_at(const struct maker_paths *p, unsigned int index,
			    unsigned int kvn, const void *enc, const void *mac,
			    const void *dek, size_t key_len)
{
	char dir[PATH_MAX_DEV];

	if (card_path(dir, sizeof(dir), p->sysfs, index))
		return -1;
	return attr_write_scp03_keys(dir, kvn, enc, mac, dek, key_len);
}

int maker_clear_scp03_keys_at(const struct maker_paths *p, unsigned int index)
{
	char dir[PATH_MAX_DEV];

	if (card_path(dir, sizeof(dir), p->sysfs, index))
		return -1;
	return attr_writef(dir, "scp03_keys", "none");
}

int maker_get_auth_at(const struct maker_paths *p, unsigned int index)
{
	char dir[PATH_MAX_DEV];

	if (card_path(dir, sizeof(dir), p->sysfs, index))
		return -1;
	return attr_read_auth(dir);
}

MAKER_API int persocard_maker_set_scp03_keys(unsigned int index,
					     unsigned int kvn, const void *enc,
					     const void *mac, const void *dek,
					     size_t key_len)
{
	return maker_set_scp03_keys_at(&maker_system_paths, index, kvn, enc,
				       mac, dek, key_len);
}

MAKER_API int persocard_maker_clear_scp03_keys(unsigned int index)
{
	return maker_clear_scp03_keys_at(&maker_system_paths, index);
}

MAKER_API int persocard_maker_get_auth(unsigned int index)
{
	return maker_get_auth_at(&maker_system_paths, index);
}

MAKER_API int
persocard_maker_card_set_scp03_keys(struct persocard_maker_card *card,
				    unsigned int kvn, const void *enc,
				    const void *mac, const void *dek,
				    size_t key_len)
{
	return attr_write_scp03_keys(card->dir, kvn, enc, mac, dek, key_len);
}

MAKER_API int
persocard_maker_card_clear_scp03_keys(struct persocard_maker_card *card)
{
	return attr_writef(card->dir, "scp03_keys", "none");
}

MAKER_API const char *
persocard_maker_auth_name(int auth)
{
	switch (auth) {
	case PERSOCARD_MAKER_AUTH_CODE:
		return "code";
	case PERSOCARD_MAKER_AUTH_SCP03:
		return "scp03";
	default:
		return NULL;
	}
}
