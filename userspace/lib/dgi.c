// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * EMV CPS data groupings for STORE DATA: one DGI per element, its tag the
 * element's, secret values encrypted under Key-DEK; the stream of DGIs
 * and the P1 of each block cut from it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "scp03_host.h"

#define P1_LAST		0x80
#define P1_ENC_APP	0x20	/* application-dependent: secret DGIs */
#define P1_DGI		0x08

size_t dgi_header(uint8_t *out, uint16_t tag, size_t len)
{
	out[0] = tag >> 8;
	out[1] = tag & 0xFF;
	if (len < 0xFF) {
		out[2] = len;
		return 3;
	}
	out[2] = 0xFF;
	out[3] = len >> 8;
	out[4] = len & 0xFF;
	return 5;
}

int dgi_stream_build(struct dgi_stream *st,
		     const struct persocard_datafile *df,
		     const struct persocard_scp03_keys *keys)
{
	size_t n = persocard_datafile_get_nr_elements(df), i, len, vlen;
	const struct persocard_tag *tag;
	struct dgi_part *p;
	const uint8_t *value;

	memset(st, 0, sizeof(*st));
	if (n > PERSOCARD_MAX_TAGS) {
		errno = E2BIG;
		return -1;
	}
	/* Room for the largest: 5 bytes of header, a value padded. */
	for (i = 0; i < n; i++) {
		persocard_datafile_get_value(df, i, &len);
		st->size += 5 + scp03_padded_len(len);
	}
	st->buf = malloc(st->size ? st->size : 1);
	if (!st->buf)
		return -1;
	for (i = 0; i < n; i++) {
		tag = persocard_datafile_get_tag(df, i);
		value = persocard_datafile_get_value(df, i, &len);
		if (!tag || !value) {
			dgi_stream_free(st);
			errno = EINVAL;
			return -1;
		}
		p = &st->parts[st->nr++];
		p->start = st->len;
		p->tag = tag;
		p->line = persocard_datafile_get_line(df, i);
		p->secret = !!(tag->flags & PERSOCARD_TAG_SECRET);
		vlen = p->secret ? scp03_padded_len(len) : len;
		st->len += dgi_header(st->buf + st->len, tag->tag, vlen);
		if (p->secret) {
			if (scp03_dek_encrypt(keys->dek, keys->len, value, len,
					      st->buf + st->len)) {
				dgi_stream_free(st);
				errno = EIO;
				return -1;
			}
		} else if (len) {
			memcpy(st->buf + st->len, value, len);
		}
		st->len += vlen;
		p->len = st->len - p->start;
	}
	return 0;
}

void dgi_stream_free(struct dgi_stream *st)
{
	if (st->buf) {
		OPENSSL_cleanse(st->buf, st->size);
		free(st->buf);
	}
	memset(st, 0, sizeof(*st));
}

const struct dgi_part *dgi_part_at(const struct dgi_stream *st, size_t off)
{
	size_t i;

	for (i = 0; i < st->nr; i++)
		if (off >= st->parts[i].start &&
		    off < st->parts[i].start + st->parts[i].len)
			return &st->parts[i];
	return NULL;
}

/*
 * The card decrypts exactly the secret elements' DGIs under P1 20; a
 * block carrying none of their bytes says 00, so a plaintext block never
 * claims encryption it does not have.
 */
uint8_t dgi_block_p1(const struct dgi_stream *st, size_t off, size_t n,
		     int last)
{
	uint8_t p1 = P1_DGI | (last ? P1_LAST : 0);
	const struct dgi_part *p;
	size_t i;

	for (i = 0; i < st->nr; i++) {
		p = &st->parts[i];
		if (p->secret && p->start < off + n && off < p->start + p->len)
			p1 |= P1_ENC_APP;
	}
	return p1;
}
