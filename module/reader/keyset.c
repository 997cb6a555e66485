// SPDX-License-Identifier: GPL-2.0
/*
 * The text a maker writes to scp03_keys (sysfs and configfs alike):
 * "KVN ENC MAC DEK" in hex, or "none". Parsed into a key set here, where
 * the reader meets user text; the card OS only ever sees the key set.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "reader.h"

/* One blank-ended field of hex into @out; the field's bytes or -EINVAL. */
static int hex_field(const char **p, const char *end, u8 *out, size_t max)
{
	const char *start = *p;
	size_t digits;

	while (*p < end && **p != ' ')
		(*p)++;
	digits = *p - start;
	if (!digits || digits % 2 || digits / 2 > max ||
	    hex2bin(out, start, digits / 2))
		return -EINVAL;
	if (*p < end)
		(*p)++;		/* the blank */
	return digits / 2;
}

/**
 * persocard_parse_keyset() - read what a maker wrote to scp03_keys
 * @buf: the text; a trailing newline is allowed.
 * @count: its length.
 * @keys: receives the key set; zeroed for "none" and on an error.
 *
 * Return: 0 (a key set, or "none": @keys->key_len 0), or -EINVAL for a
 * KVN outside 01-7F, keys of different or unknown lengths, anything else.
 */
int persocard_parse_keyset(const char *buf, size_t count,
			   struct persocard_scp03_keyset *keys)
{
	const char *p = buf, *end = buf + count;
	u8 *key[] = { keys->enc, keys->mac, keys->dek };
	unsigned int i;
	int len;

	memset(keys, 0, sizeof(*keys));
	if (count && buf[count - 1] == '\n')
		end--;
	if (end - buf == 4 && !memcmp(buf, "none", 4))
		return 0;
	if (hex_field(&p, end, &keys->kvn, 1) != 1)
		goto bad;
	for (i = 0; i < ARRAY_SIZE(key); i++) {
		len = hex_field(&p, end, key[i], PERSOCARD_SCP03_KEY_MAX);
		if (len < 0 || (i && len != keys->key_len))
			goto bad;
		keys->key_len = len;
	}
	if (p != end || !persocard_scp03_keyset_valid(keys))
		goto bad;
	return 0;
bad:
	memzero_explicit(keys, sizeof(*keys));
	return -EINVAL;
}
