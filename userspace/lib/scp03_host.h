/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * The host side of GlobalPlatform SCP03 (GPC 2.3.1 Amendment D v1.1.2),
 * S8 mode: key derivation, cryptograms, command wrapping, response
 * unwrapping, DEK encryption; and the DGIs of STORE DATA.  Shared by
 * scp03_host.c, dgi.c, personalize_scp03.c and the unit tests.
 */
#ifndef PERSOCARD_SCP03_HOST_H
#define PERSOCARD_SCP03_HOST_H

#include <stddef.h>
#include <stdint.h>

#include "internal.h"

#define SCP03_BLOCK		16	/* AES */
#define SCP03_CHALLENGE_LEN	8
#define SCP03_MAC_LEN		8	/* S8: C-MAC, R-MAC, cryptograms */
#define SCP03_IU_RESP_LEN	32	/* KDD 10, KVN, 03, i, 8, 8, seq 3 */
#define SCP03_KDD_LEN		10

/* KDF derivation constants, Amendment D table 6-1 */
#define SCP03_DC_CARD_CRYPTOGRAM	0x00
#define SCP03_DC_HOST_CRYPTOGRAM	0x01
#define SCP03_DC_CARD_CHALLENGE		0x02
#define SCP03_DC_S_ENC			0x04
#define SCP03_DC_S_MAC			0x06
#define SCP03_DC_S_RMAC			0x07

/* ISO/IEC 7816-4 command APDU, short, as the host means it before wrapping. */
struct scp03_apdu {
	uint8_t cla, ins, p1, p2;
	const uint8_t *data;
	size_t len;		/* Lc, 0: no data */
	int has_le;		/* Le 00 follows */
};

/*
 * One secure channel session.  @counter is the encryption counter of the
 * next command (1 after EXTERNAL AUTHENTICATE), @resp_counter that of the
 * command whose response comes next; @chain the MAC chaining value.
 */
struct scp03_session {
	uint8_t s_enc[PERSOCARD_SCP03_KEY_MAX];
	uint8_t s_mac[PERSOCARD_SCP03_KEY_MAX];
	uint8_t s_rmac[PERSOCARD_SCP03_KEY_MAX];
	size_t key_len;
	unsigned int level;
	uint8_t chain[SCP03_BLOCK];
	uint32_t counter, resp_counter;
	uint8_t host_challenge[SCP03_CHALLENGE_LEN];
	uint8_t card_challenge[SCP03_CHALLENGE_LEN];
	uint8_t host_cryptogram[SCP03_MAC_LEN];
	uint8_t kdd[SCP03_KDD_LEN];
	uint8_t kvn, i_param;
};

/* AES-CMAC of @a then @b (@b may be NULL) under @key: 0, or -1 EIO. */
int scp03_cmac(const uint8_t *key, size_t key_len, const uint8_t *a,
	       size_t a_len, const uint8_t *b, size_t b_len,
	       uint8_t out[SCP03_BLOCK]);

/*
 * The KDF of Amendment D 4.1.5 (NIST SP 800-108 counter mode, CMAC):
 * @l_bits bits derived from @key with @constant and @context into @out.
 */
int scp03_kdf(const uint8_t *key, size_t key_len, uint8_t constant,
	      unsigned int l_bits, const uint8_t *context, size_t context_len,
	      uint8_t *out);

/*
 * Read INITIALIZE UPDATE's response (@resp, without SW), derive the
 * session keys from @keys and @host_challenge, check the card cryptogram
 * and compute the host's.  Return 0, or -1 with errno EPROTO (malformed:
 * length, SCP identifier, KVN), EKEYREJECTED (the card cryptogram is
 * wrong: the card holds other keys), EIO (libcrypto).
 */
int scp03_begin(struct scp03_session *s,
		const struct persocard_scp03_keys *keys,
		const uint8_t host_challenge[SCP03_CHALLENGE_LEN],
		const uint8_t *resp, size_t resp_len);

/* INITIALIZE UPDATE's APDU; its length (14). */
size_t scp03_init_update(uint8_t *apdu, uint8_t kvn,
			 const uint8_t host_challenge[SCP03_CHALLENGE_LEN]);

/*
 * EXTERNAL AUTHENTICATE at @level with its C-MAC into @apdu (21 bytes);
 * the session then runs at @level.  Return 21, or 0 with errno EINVAL (a
 * level outside 01, 03, 11, 13, 33) or EIO.
 */
size_t scp03_ext_auth(struct scp03_session *s, unsigned int level,
		      uint8_t *apdu);

/*
 * Wrap @cmd at the session's level: C-DEC of its data (if any), CLA | 04,
 * Lc + 8, the C-MAC, Le if it had one.  Moves the chaining value and the
 * counter.  @out has room for @size bytes.  Return the length, or 0 with
 * errno EMSGSIZE (the wrapped data over 255 bytes) or EIO.
 */
size_t scp03_wrap(struct scp03_session *s, const struct scp03_apdu *cmd,
		  uint8_t *out, size_t size);

/* 01, 03, 11, 13 or 33: the levels Amendment D defines. */
int scp03_level_valid(unsigned int level);

/* Most plain data a wrapped command of this level can carry (Lc <= 255). */
size_t scp03_max_data(unsigned int level);

/*
 * Unwrap the response to the last wrapped command (@resp: data and SW1
 * SW2, @len >= 2): at R-MAC levels check and strip the R-MAC of 9000,
 * 62xx and 63xx responses (error status words carry none, as Amendment D
 * 6.2.5 says), at 33 decrypt the data and strip its padding.  @out gets
 * the data (room for @len bytes), @out_len its length.  Return 0, or -1
 * with errno EBADMSG (a bad R-MAC, a response too short for one, bad
 * ciphertext or padding) or EIO.
 */
int scp03_unwrap(struct scp03_session *s, const uint8_t *resp, size_t len,
		 uint8_t *out, size_t *out_len);

/*
 * A secret DGI's value under Key-DEK: AES-CBC, IV 16 x 00, ISO/IEC 9797-1
 * method 2 padding always (80 then 00s to the block).  @out has room for
 * scp03_padded_len(@len).  Return 0, or -1 with errno EIO.
 */
int scp03_dek_encrypt(const uint8_t *dek, size_t key_len,
		      const uint8_t *plain, size_t len, uint8_t *out);

/* @len padded by ISO/IEC 9797-1 method 2 to AES blocks. */
static inline size_t scp03_padded_len(size_t len)
{
	return (len / SCP03_BLOCK + 1) * SCP03_BLOCK;
}

/* Forget the session keys. */
void scp03_end(struct scp03_session *s);

/*
 * DGIs (EMV CPS): tag(2) len(1: 00-FE, or FF hi lo) value.  dgi_header()
 * writes the header of a DGI of @len value bytes; its length, 3 or 5.
 */
size_t dgi_header(uint8_t *out, uint16_t tag, size_t len);

/*
 * STORE DATA's blocks.  The DGIs, end to end, are a stream cut into
 * commands of at most scp03_max_data() bytes each; a DGI may start in
 * one command and go on in the next.  One part per DGI, in file order.
 */
struct dgi_part {
	size_t start, len;	/* in the stream: header and value */
	int secret;		/* encrypted under Key-DEK */
	const struct persocard_tag *tag;
	unsigned int line;	/* in the data file */
};

struct dgi_stream {
	uint8_t *buf;		/* wiped by dgi_stream_free() */
	size_t len, size;
	struct dgi_part parts[PERSOCARD_MAX_TAGS];
	size_t nr;
};

/*
 * The stream of a checked data file's elements as DGIs, the secret ones
 * under @keys' DEK.  Return 0, or -1 with errno ENOMEM, E2BIG (more
 * elements than a profile has) or EIO.
 */
int dgi_stream_build(struct dgi_stream *st,
		     const struct persocard_datafile *df,
		     const struct persocard_scp03_keys *keys);
void dgi_stream_free(struct dgi_stream *st);

/* The part the stream's byte @off belongs to. */
const struct dgi_part *dgi_part_at(const struct dgi_stream *st, size_t off);

/*
 * The P1 of the block of the stream from @off, @n bytes long, @last the
 * final block: 08 (DGI structure) | 20 (application-dependent
 * encryption, when a byte of a secret DGI is in it) | 80 (last block).
 */
uint8_t dgi_block_p1(const struct dgi_stream *st, size_t off, size_t n,
		     int last);

/*
 * The receipt SET STATUS answers (issue 12's interface):
 * CMAC(S-MAC, "RCPT" || serial(8) || profile(1) || n(1) || tags ||
 * SHA-256(tag(2) || len(2) || value ...)).  @tags, @values and @lens are
 * the @n elements in the profile's order.  Return 0, or -1 with errno EIO.
 */
int scp03_receipt(const struct scp03_session *s, uint64_t serial,
		  uint8_t profile, unsigned int n, const uint16_t *tags,
		  const uint8_t *const *values, const size_t *lens,
		  uint8_t out[SCP03_BLOCK]);

#endif /* PERSOCARD_SCP03_HOST_H */
