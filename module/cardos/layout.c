// SPDX-License-Identifier: GPL-2.0
/*
 * Hidden placement of data elements in NVM.
 *
 * The caller names elements by tag only. From the card's secret the card
 * derives the order of its records, a filler gap before each, and a
 * keystream that masks them: two cards given the same data hold different
 * bytes in different places, and a dump shows neither. The records lie
 * packed from the start of the data area; past them lies the noise of a
 * new chip (persocard_nvm_fill_noise()).
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/minmax.h>
#include <linux/string.h>
#include <crypto/algapi.h>
#include <crypto/sha2.h>

#include "../compat.h"
#include "layout.h"

static void derive(const u8 *secret, const char *label, u32 counter,
		   u8 out[SHA256_DIGEST_SIZE])
{
	struct sha256_state state;
	__le32 le_counter = cpu_to_le32(counter);

	sha256_init(&state);
	sha256_update(&state, secret, PERSOCARD_SECRET_LEN);
	sha256_update(&state, label, strlen(label));
	sha256_update(&state, (const u8 *)&le_counter, sizeof(le_counter));
	sha256_final(&state, out);
	memzero_explicit(&state, sizeof(state));
}

/* XOR @buf, which lies at @offset of the data area, with the keystream. */
static void mask(const struct persocard_layout *layout, size_t offset,
		 u8 *buf, size_t len)
{
	u8 stream[SHA256_DIGEST_SIZE];

	while (len) {
		size_t skip = offset % SHA256_DIGEST_SIZE;
		size_t n = min(len, SHA256_DIGEST_SIZE - skip);

		derive(layout->secret, "mask", offset / SHA256_DIGEST_SIZE,
		       stream);
		crypto_xor(buf, stream + skip, n);
		buf += n;
		offset += n;
		len -= n;
	}
	memzero_explicit(stream, sizeof(stream));
}

/**
 * persocard_layout_init() - derive a card's layout from a new secret
 * @layout: the layout to fill.
 * @secret: %PERSOCARD_SECRET_LEN bytes.
 * @nr: number of elements in the card's profile.
 */
void persocard_layout_init(struct persocard_layout *layout,
			   const u8 *secret, unsigned int nr)
{
	memcpy(layout->secret, secret, PERSOCARD_SECRET_LEN);
	persocard_layout_resize(layout, nr);
}

/**
 * persocard_layout_resize() - derive the layout for another profile
 * @layout: the layout, its secret set.
 * @nr: number of elements in the profile.
 */
void persocard_layout_resize(struct persocard_layout *layout, unsigned int nr)
{
	u8 random[SHA256_DIGEST_SIZE];
	unsigned int i;

	static_assert(PERSOCARD_MAX_TAGS <= SHA256_DIGEST_SIZE);
	layout->nr = nr;

	/* Fisher-Yates, driven by the secret. */
	derive(layout->secret, "order", 0, random);
	for (i = 0; i < nr; i++)
		layout->order[i] = i;
	for (i = nr; i > 1; i--)
		swap(layout->order[i - 1], layout->order[random[i - 1] % i]);

	derive(layout->secret, "gaps", 0, random);
	for (i = 0; i < nr; i++)
		layout->gap[i] = random[i] & 0xf;
	memzero_explicit(random, sizeof(random));
}

/**
 * persocard_layout_wipe() - forget the secret and everything derived
 * @layout: the layout.
 */
void persocard_layout_wipe(struct persocard_layout *layout)
{
	memzero_explicit(layout, sizeof(*layout));
}

/**
 * persocard_layout_overhead() - bytes the layout uses besides the values
 * @layout: the layout.
 *
 * Return: gaps and record headers of every element.
 */
size_t persocard_layout_overhead(const struct persocard_layout *layout)
{
	size_t total = 0;
	unsigned int i;

	for (i = 0; i < layout->nr; i++)
		total += layout->gap[i] + PERSOCARD_RECORD_HDR;
	return total;
}

/**
 * persocard_layout_encode() - build a masked data area from values
 * @layout: the layout.
 * @area: the data area to fill, @size bytes.
 * @size: at least persocard_layout_overhead() plus the sum of @lens.
 * @values: by profile index; NULL where the element is absent.
 * @lens: by profile index; 0 where the element is absent.
 */
void persocard_layout_encode(const struct persocard_layout *layout,
			     u8 *area, size_t size,
			     u8 *const *values, const u16 *lens)
{
	size_t offset = 0;
	unsigned int i;

	memset(area, 0, size);
	for (i = 0; i < layout->nr; i++) {
		unsigned int index = layout->order[i];

		offset += layout->gap[index];
		put_unaligned_be16(lens[index], area + offset);
		if (lens[index])
			memcpy(area + offset + PERSOCARD_RECORD_HDR,
			       values[index], lens[index]);
		offset += PERSOCARD_RECORD_HDR + lens[index];
	}
	mask(layout, 0, area, size);
}

/* Walk the records up to @index; return its offset or -EIO if corrupt. */
static ssize_t find(const struct persocard_layout *layout, const u8 *area,
		    size_t size, unsigned int index, u16 *len)
{
	size_t offset = 0;
	unsigned int i;

	for (i = 0; i < layout->nr; i++) {
		unsigned int cur = layout->order[i];
		u8 hdr[PERSOCARD_RECORD_HDR];

		offset += layout->gap[cur];
		if (offset + PERSOCARD_RECORD_HDR > size)
			return -EIO;
		memcpy(hdr, area + offset, sizeof(hdr));
		mask(layout, offset, hdr, sizeof(hdr));
		*len = get_unaligned_be16(hdr);
		if (offset + PERSOCARD_RECORD_HDR + *len > size)
			return -EIO;
		if (cur == index)
			return offset;
		offset += PERSOCARD_RECORD_HDR + *len;
	}
	return -EIO;
}

/**
 * persocard_layout_read() - read one element back from a data area
 * @layout: the layout the area was encoded with.
 * @area: the data area.
 * @size: its size.
 * @index: profile index of the element.
 * @value: receives the value; %PERSOCARD_VALUE_MAX_LEN bytes.
 * @len: receives its length, 0 if the element is absent.
 *
 * Return: 0, or -EIO if the area is not one this layout encoded.
 */
int persocard_layout_read(const struct persocard_layout *layout,
			  const u8 *area, size_t size, unsigned int index,
			  u8 *value, u16 *len)
{
	ssize_t offset = find(layout, area, size, index, len);

	if (offset < 0)
		return offset;
	if (*len > PERSOCARD_VALUE_MAX_LEN)
		return -EIO;
	memcpy(value, area + offset + PERSOCARD_RECORD_HDR, *len);
	mask(layout, offset + PERSOCARD_RECORD_HDR, value, *len);
	return 0;
}

/**
 * persocard_layout_offset() - where an element's record lies
 * @layout: the layout the area was encoded with.
 * @area: the data area.
 * @size: its size.
 * @index: profile index of the element.
 *
 * For tests of the layout itself; never reported outside the kernel.
 *
 * Return: the record's offset in the data area, or @size if corrupt.
 */
size_t persocard_layout_offset(const struct persocard_layout *layout,
			       const u8 *area, size_t size, unsigned int index)
{
	u16 len;
	ssize_t offset = find(layout, area, size, index, &len);

	return offset < 0 ? size : offset;
}
