/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Application fields: which data elements a card accepts.
 */
#ifndef _PERSOCARD_PROFILE_H
#define _PERSOCARD_PROFILE_H

#include <linux/types.h>
#include <linux/persocard.h>

/**
 * enum persocard_format - what a value must look like, beyond its length
 * @PERSOCARD_FMT_BINARY: any bytes.
 * @PERSOCARD_FMT_BCD: packed BCD digits, 0xF padding allowed in the last nibble.
 * @PERSOCARD_FMT_TEXT: printable ASCII.
 * @PERSOCARD_FMT_DATE: YYMMDD as three BCD bytes.
 * @PERSOCARD_FMT_TRIES: a try limit (1 to 15) and the counter it starts
 *	at (at most the limit), a byte each.
 */
enum persocard_format {
	PERSOCARD_FMT_BINARY,
	PERSOCARD_FMT_BCD,
	PERSOCARD_FMT_TEXT,
	PERSOCARD_FMT_DATE,
	PERSOCARD_FMT_TRIES,
};

/**
 * struct persocard_element - one data element of a profile
 * @tag: DGI-like 16-bit tag.
 * @name: short name, as the CLI and the PROFILE ioctl show it.
 * @min_len: shortest value accepted.
 * @max_len: longest value accepted.
 * @flags: %PERSOCARD_TAG_MANDATORY, %PERSOCARD_TAG_SECRET.
 * @format: &enum persocard_format the value must match.
 */
struct persocard_element {
	u16 tag;
	const char *name;
	u16 min_len;
	u16 max_len;
	u16 flags;
	u8 format;
};

/**
 * struct persocard_profile - the elements of one application field
 * @id: &enum persocard_profile_id.
 * @name: "payment", "sim" or "identity".
 * @elements: the table.
 * @nr_elements: its length, at most %PERSOCARD_MAX_TAGS.
 */
struct persocard_profile {
	u32 id;
	const char *name;
	const struct persocard_element *elements;
	unsigned int nr_elements;
};

const struct persocard_profile *persocard_profile_by_id(u32 id);
const struct persocard_profile *persocard_profile_by_name(const char *name);
int persocard_profile_index(const struct persocard_profile *profile, u16 tag);
bool persocard_value_valid(const struct persocard_element *el,
			   const u8 *value, size_t len);

#endif /* _PERSOCARD_PROFILE_H */
