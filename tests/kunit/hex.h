/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hex strings into bytes for the known-answer tests, whose vectors are
 * copied verbatim as hex from their sources.
 */
#ifndef _PERSOCARD_KUNIT_HEX_H
#define _PERSOCARD_KUNIT_HEX_H

#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/string.h>

/* Decode @hex into @buf (room @max); the byte count. */
static inline size_t unhex(struct kunit *test, const char *hex, u8 *buf,
			   size_t max)
{
	size_t n = strlen(hex);

	KUNIT_ASSERT_EQ(test, n % 2, 0);
	KUNIT_ASSERT_LE(test, n / 2, max);
	KUNIT_ASSERT_EQ(test, hex2bin(buf, hex, n / 2), 0);
	return n / 2;
}

#endif /* _PERSOCARD_KUNIT_HEX_H */
