// SPDX-License-Identifier: GPL-2.0
/*
 * GlobalPlatform SCP03 (GPC 2.3 Amendment D v1.1.2) on the card's side:
 * pure computation, no state machine. AES-CMAC through the kernel's
 * crypto API ("cmac(aes)", one transform per session), the block cipher
 * for CBC, the ICVs and the DEK from the AES library.
 *
 * When the encryption counter moves (Amendment D 6.2.6 and 6.2.7, as
 * osmocom/pysim's and kaoh/globalplatform's hosts do it):
 * - persocard_scp03_open() sets it to 1: the first command after a
 *   successful EXTERNAL AUTHENTICATE uses 1. EXTERNAL AUTHENTICATE itself
 *   is never encrypted, moves nothing and its response is never wrapped.
 * - It goes up by one after every command of the channel, commands
 *   without data (which are not encrypted) included; the response to a
 *   command uses the command's value (R-ENC ICV: '80' || counter).
 *   persocard_scp03_wrap_response() moves it, so the card OS calls it
 *   once for every command unwrap() accepted, whatever the status word.
 * - A response with an error status word (all but 9000, 62xx and 63xx)
 *   carries the status word alone: no data, no R-MAC, no R-ENC.
 *
 * The MAC chaining value is 16 bytes of zero for EXTERNAL AUTHENTICATE,
 * then the full CMAC of the last command whose C-MAC held; a wrong C-MAC
 * leaves it as it was. The R-MAC does not chain.
 */
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <crypto/aes.h>
#include <crypto/algapi.h>
#include <crypto/hash.h>

#include "apdu.h"
#include "scp03.h"

#define SCP03_BLOCK	PERSOCARD_SCP03_BLOCK
#define SCP03_MAC	PERSOCARD_SCP03_MAC_LEN
#define SCP03_CHAL	PERSOCARD_SCP03_CHALLENGE_LEN

/* Amendment D 4.1.5, Table 4-1: derivation constants. */
#define DERIVE_CARD_CRYPTOGRAM	0x00
#define DERIVE_HOST_CRYPTOGRAM	0x01
#define DERIVE_CARD_CHALLENGE	0x02
#define DERIVE_S_ENC		0x04
#define DERIVE_S_MAC		0x06
#define DERIVE_S_RMAC		0x07

/* The longest AID (ISO/IEC 7816-5): the card challenge's context. */
#define SCP03_AID_MAX	16

struct scp03_seg {
	const u8 *p;
	size_t n;
};

bool persocard_scp03_keyset_valid(const struct persocard_scp03_keyset *keys)
{
	return keys && keys->kvn >= 0x01 && keys->kvn <= 0x7f &&
	       (keys->key_len == 16 || keys->key_len == 24 ||
		keys->key_len == 32);
}

/* CMAC under @key over the concatenation of @n segments (16 bytes out). */
static int scp03_cmac(struct crypto_shash *tfm, const u8 *key,
		      unsigned int key_len, const struct scp03_seg *s,
		      unsigned int n, u8 *out)
{
	SHASH_DESC_ON_STACK(desc, tfm);
	unsigned int i;
	int ret;

	ret = crypto_shash_setkey(tfm, key, key_len);
	if (ret)
		return ret;
	desc->tfm = tfm;
	ret = crypto_shash_init(desc);
	for (i = 0; !ret && i < n; i++)
		if (s[i].n)
			ret = crypto_shash_update(desc, s[i].p, s[i].n);
	if (!ret)
		ret = crypto_shash_final(desc, out);
	shash_desc_zero(desc);
	return ret;
}

/*
 * NIST SP 800-108 KDF in counter mode, PRF AES-CMAC, as Amendment D 4.1.5
 * orders its input: label (11 bytes 00 || @constant) || 00 || L (2 bytes,
 * @bits) || i (1 byte, from 1) || context (@ctx1 || @ctx2). @bits of
 * output, at most 256.
 */
static int scp03_kdf(struct crypto_shash *tfm, const u8 *key,
		     unsigned int key_len, u8 constant, u16 bits,
		     const u8 *ctx1, size_t len1, const u8 *ctx2, size_t len2,
		     u8 *out)
{
	u8 fixed[SCP03_BLOCK] = { 0 };
	u8 block[SCP03_BLOCK];
	struct scp03_seg s[3] = {
		{ fixed, sizeof(fixed) }, { ctx1, len1 }, { ctx2, len2 },
	};
	unsigned int done, i;
	int ret = 0;

	fixed[11] = constant;
	fixed[13] = bits >> 8;
	fixed[14] = bits & 0xff;
	for (i = 1, done = 0; !ret && done < bits / 8; i++) {
		unsigned int n = min_t(unsigned int, SCP03_BLOCK, bits / 8 - done);

		fixed[15] = i;
		ret = scp03_cmac(tfm, key, key_len, s, ARRAY_SIZE(s), block);
		if (!ret)
			memcpy(out + done, block, n);
		done += n;
	}
	memzero_explicit(block, sizeof(block));
	return ret;
}

/* Session keys from the static keys and the two challenges (6.2.1). */
static int scp03_derive_session(struct persocard_scp03 *sc,
				const struct persocard_scp03_keyset *keys)
{
	const u8 *hc = sc->host_challenge, *cc = sc->card_challenge;
	u16 bits = keys->key_len * 8;
	int ret;

	ret = scp03_kdf(sc->cmac, keys->enc, keys->key_len, DERIVE_S_ENC, bits,
			hc, SCP03_CHAL, cc, SCP03_CHAL, sc->s_enc);
	if (!ret)
		ret = scp03_kdf(sc->cmac, keys->mac, keys->key_len, DERIVE_S_MAC,
				bits, hc, SCP03_CHAL, cc, SCP03_CHAL,
			  sc->s_mac);
	if (!ret)
		ret = scp03_kdf(sc->cmac, keys->mac, keys->key_len, DERIVE_S_RMAC,
				bits, hc, SCP03_CHAL, cc, SCP03_CHAL,
			  sc->s_rmac);
	return ret;
}

/* A fresh session in @sc (ending any earlier one), its transform ready. */
static int scp03_session_alloc(struct persocard_scp03 *sc,
			       const struct persocard_scp03_keyset *keys,
			 const u8 *host_challenge)
{
	struct crypto_shash *tfm;

	persocard_scp03_end(sc);
	if (!persocard_scp03_keyset_valid(keys) || !host_challenge)
		return -EINVAL;
	tfm = crypto_alloc_shash("cmac(aes)", 0, 0);
	if (IS_ERR(tfm))
		return PTR_ERR(tfm);
	sc->cmac = tfm;
	sc->key_len = keys->key_len;
	memcpy(sc->host_challenge, host_challenge, SCP03_CHAL);
	return 0;
}

/**
 * persocard_scp03_begin() - start a session at INITIALIZE UPDATE
 * @sc: zeroed, or an earlier session, which this ends.
 * @keys: the card's static keys.
 * @host_challenge: 8 bytes from the command.
 * @seq: the sequence counter as sent (3 bytes), already incremented.
 * @aid: the selected security domain's AID.
 * @aid_len: its length, 1 to 16.
 *
 * The pseudo-random card challenge (i = 70, Amendment D 6.2.2.1) is the
 * KDF under Key-ENC, constant 02, L 64 bits, context @seq || @aid; then
 * the session keys S-ENC, S-MAC and S-RMAC. The channel is not open until
 * persocard_scp03_open().
 *
 * Return: 0; -EINVAL for a bad key set or AID; -ENOMEM or the crypto
 * API's error (then @sc is wiped, as after persocard_scp03_end()).
 */
int persocard_scp03_begin(struct persocard_scp03 *sc,
			  const struct persocard_scp03_keyset *keys,
			  const u8 *host_challenge, const u8 *seq,
			  const u8 *aid, size_t aid_len)
{
	int ret;

	if (!seq || !aid || !aid_len || aid_len > SCP03_AID_MAX) {
		persocard_scp03_end(sc);
		return -EINVAL;
	}
	ret = scp03_session_alloc(sc, keys, host_challenge);
	if (ret)
		return ret;
	ret = scp03_kdf(sc->cmac, keys->enc, keys->key_len, DERIVE_CARD_CHALLENGE,
			SCP03_CHAL * 8, seq, PERSOCARD_SCP03_SEQ_LEN, aid, aid_len,
		  sc->card_challenge);
	if (!ret)
		ret = scp03_derive_session(sc, keys);
	if (ret)
		persocard_scp03_end(sc);
	return ret;
}

/**
 * persocard_scp03_begin_with() - start a session with a given challenge
 * @sc: zeroed, or an earlier session, which this ends.
 * @keys: the card's static keys.
 * @host_challenge: 8 bytes.
 * @card_challenge: 8 bytes (a published vector's).
 *
 * As persocard_scp03_begin() from the card challenge on: for known-answer
 * tests whose card challenge was random (i = 10) or whose AID is unknown.
 *
 * Return: as persocard_scp03_begin().
 */
int persocard_scp03_begin_with(struct persocard_scp03 *sc,
			       const struct persocard_scp03_keyset *keys,
			       const u8 *host_challenge,
			       const u8 *card_challenge)
{
	int ret;

	if (!card_challenge) {
		persocard_scp03_end(sc);
		return -EINVAL;
	}
	ret = scp03_session_alloc(sc, keys, host_challenge);
	if (ret)
		return ret;
	memcpy(sc->card_challenge, card_challenge, SCP03_CHAL);
	ret = scp03_derive_session(sc, keys);
	if (ret)
		persocard_scp03_end(sc);
	return ret;
}

static int scp03_cryptogram(struct persocard_scp03 *sc, u8 constant, u8 *out)
{
	if (!sc->cmac)
		return -EINVAL;
	return scp03_kdf(sc->cmac, sc->s_mac, sc->key_len, constant,
		   PERSOCARD_SCP03_CRYPTOGRAM_LEN * 8,
		   sc->host_challenge, SCP03_CHAL,
		   sc->card_challenge, SCP03_CHAL, out);
}

/**
 * persocard_scp03_card_cryptogram() - the card cryptogram (6.2.2.2)
 * @sc: a begun session.
 * @out: 8 bytes: KDF under S-MAC, constant 00, L 64 bits, context
 *	 host challenge || card challenge.
 *
 * Return: 0, -EINVAL without a session, or the crypto API's error.
 */
int persocard_scp03_card_cryptogram(struct persocard_scp03 *sc, u8 *out)
{
	return scp03_cryptogram(sc, DERIVE_CARD_CRYPTOGRAM, out);
}

/**
 * persocard_scp03_host_cryptogram_ok() - check the host cryptogram
 * @sc: a begun session.
 * @given: 8 bytes from EXTERNAL AUTHENTICATE.
 *
 * The host cryptogram (6.2.2.3) is the KDF under S-MAC, constant 01,
 * L 64 bits, context host challenge || card challenge; compared in
 * constant time.
 *
 * Return: true if @given is it; false otherwise or on any error.
 */
bool persocard_scp03_host_cryptogram_ok(struct persocard_scp03 *sc,
					const u8 *given)
{
	u8 want[PERSOCARD_SCP03_CRYPTOGRAM_LEN];
	bool ok;

	ok = !scp03_cryptogram(sc, DERIVE_HOST_CRYPTOGRAM, want) &&
	     !crypto_memneq(want, given, sizeof(want));
	memzero_explicit(want, sizeof(want));
	return ok;
}

/*
 * AES-CBC decryption of @len bytes (a multiple of 16) from @in to @out,
 * which may be the same buffer.
 */
static void scp03_cbc_decrypt(const struct crypto_aes_ctx *ctx, const u8 *iv,
			      const u8 *in, u8 *out, size_t len)
{
	u8 prev[SCP03_BLOCK], ct[SCP03_BLOCK];
	size_t off;

	memcpy(prev, iv, SCP03_BLOCK);
	for (off = 0; off < len; off += SCP03_BLOCK) {
		memcpy(ct, in + off, SCP03_BLOCK);
		aes_decrypt(ctx, out + off, ct);
		crypto_xor(out + off, prev, SCP03_BLOCK);
		memcpy(prev, ct, SCP03_BLOCK);
	}
	memzero_explicit(prev, sizeof(prev));
	memzero_explicit(ct, sizeof(ct));
}

/* AES-CBC encryption of @len bytes (a multiple of 16) in place. */
static void scp03_cbc_encrypt(const struct crypto_aes_ctx *ctx, const u8 *iv,
			      u8 *buf, size_t len)
{
	const u8 *prev = iv;
	size_t off;

	for (off = 0; off < len; off += SCP03_BLOCK) {
		crypto_xor(buf + off, prev, SCP03_BLOCK);
		aes_encrypt(ctx, buf + off, buf + off);
		prev = buf + off;
	}
}

/*
 * ISO/IEC 9797-1 method 2 (GPCS B.2.3): the plaintext ends in 80 and at
 * most 15 bytes 00, all in its last block. Return: the data's length, or
 * -EBADMSG.
 */
static int scp03_unpad(const u8 *buf, size_t len)
{
	size_t i;

	if (!len || len % SCP03_BLOCK)
		return -EBADMSG;
	for (i = len; i > len - SCP03_BLOCK; i--) {
		if (buf[i - 1] == 0x80)
			return i - 1;
		if (buf[i - 1])
			return -EBADMSG;
	}
	return -EBADMSG;
}

/* The ICV of command (@response false) or response encryption. */
static void scp03_make_icv(const struct crypto_aes_ctx *ctx, u64 counter,
			   bool response, u8 *icv)
{
	u8 block[SCP03_BLOCK] = { 0 };
	int i;

	for (i = SCP03_BLOCK - 1; i >= SCP03_BLOCK - 8; i--, counter >>= 8)
		block[i] = counter & 0xff;
	if (response)
		block[0] = 0x80;
	aes_encrypt(ctx, icv, block);
	memzero_explicit(block, sizeof(block));
}

/* C-DECRYPTION (6.2.6) of @len bytes of @in into @out; the plain length. */
static int scp03_c_decrypt(struct persocard_scp03 *sc, const u8 *in, size_t len,
			   u8 *out)
{
	struct crypto_aes_ctx ctx;
	u8 icv[SCP03_BLOCK];
	int ret;

	if (!len || len % SCP03_BLOCK)
		return -EBADMSG;
	ret = aes_expandkey(&ctx, sc->s_enc, sc->key_len);
	if (ret)
		return ret;
	scp03_make_icv(&ctx, sc->counter, false, icv);
	scp03_cbc_decrypt(&ctx, icv, in, out, len);
	memzero_explicit(&ctx, sizeof(ctx));
	memzero_explicit(icv, sizeof(icv));
	ret = scp03_unpad(out, len);
	if (ret < 0)
		memzero_explicit(out, len);
	return ret;
}

/**
 * persocard_scp03_unwrap() - check a command's C-MAC, decrypt its data
 * @sc: a begun session; open (persocard_scp03_open()) after EXTERNAL
 *	AUTHENTICATE, whose own C-MAC is checked before it is.
 * @apdu: the command as received, CLA with b3 (04) set, its data field
 *	data' || C-MAC (8 bytes).
 * @plain: the command data without MAC or padding (room: @apdu->nc).
 * @plain_len: its length.
 *
 * C-MAC (6.2.4) = CMAC(S-MAC, chaining || CLA INS P1 P2 Lc || data')
 * [0:8], Lc as received (one byte, or 00 hi lo in an extended APDU), CLA
 * with its logical channel bits zeroed, b4 cleared and b3 set, as GP
 * computes it. If it holds, the chaining value becomes the full CMAC;
 * then at a C-DECRYPTION level a non-empty data' is AES-CBC under S-ENC
 * with ICV = AES(S-ENC, counter as 16 bytes big-endian), padding removed.
 *
 * Return: 0; -EBADMSG for a CLA without b3, a data field shorter than
 * the MAC, a wrong MAC (the chaining value unchanged), or at C-DEC a
 * data' not a multiple of 16 or with bad padding (the chaining value
 * moved: the session ends anyway); -EINVAL without a session; -ENOMEM or
 * the crypto API's error.
 */
int persocard_scp03_unwrap(struct persocard_scp03 *sc,
			   const struct persocard_apdu *apdu,
			   u8 *plain, u32 *plain_len)
{
	u8 hdr[7], mac[SCP03_BLOCK];
	struct scp03_seg s[3];
	unsigned int hlen = 0;
	size_t dlen;
	int ret;

	if (!sc->cmac)
		return -EINVAL;
	if (!(apdu->cla & 0x04) || apdu->nc < SCP03_MAC || !apdu->data)
		return -EBADMSG;
	dlen = apdu->nc - SCP03_MAC;
	hdr[hlen++] = (apdu->cla & 0xf0) | 0x04;
	hdr[hlen++] = apdu->ins;
	hdr[hlen++] = apdu->p1;
	hdr[hlen++] = apdu->p2;
	if (apdu->extended) {
		hdr[hlen++] = 0;
		hdr[hlen++] = apdu->nc >> 8;
	}
	hdr[hlen++] = apdu->nc & 0xff;
	s[0] = (struct scp03_seg){ sc->chain, SCP03_BLOCK };
	s[1] = (struct scp03_seg){ hdr, hlen };
	s[2] = (struct scp03_seg){ apdu->data, dlen };
	ret = scp03_cmac(sc->cmac, sc->s_mac, sc->key_len, s, ARRAY_SIZE(s), mac);
	if (ret)
		goto out;
	if (crypto_memneq(mac, apdu->data + dlen, SCP03_MAC)) {
		ret = -EBADMSG;
		goto out;
	}
	memcpy(sc->chain, mac, SCP03_BLOCK);
	if ((sc->level & PERSOCARD_SCP03_CDEC) && dlen) {
		ret = scp03_c_decrypt(sc, apdu->data, dlen, plain);
		if (ret < 0)
			goto out;
		*plain_len = ret;
		ret = 0;
	} else {
		memmove(plain, apdu->data, dlen);
		*plain_len = dlen;
	}
out:
	memzero_explicit(mac, sizeof(mac));
	return ret;
}

/**
 * persocard_scp03_open() - the channel is open at @level
 * @sc: a session whose EXTERNAL AUTHENTICATE held (host cryptogram and
 *	C-MAC, through persocard_scp03_unwrap()).
 * @level: EXTERNAL AUTHENTICATE's P1 (01, 03, 11, 13 or 33).
 *
 * The encryption counter starts at 1 for the next command.
 */
void persocard_scp03_open(struct persocard_scp03 *sc, u8 level)
{
	sc->level = level;
	sc->counter = 1;
}

static bool scp03_sw_protected(u16 sw)
{
	return sw == 0x9000 || (sw >> 8) == 0x62 || (sw >> 8) == 0x63;
}

/* R-ENCRYPTION (6.2.7) of @len bytes in place, padded to @padded. */
static int scp03_r_encrypt(struct persocard_scp03 *sc, u8 *resp, u32 len,
			   u32 padded)
{
	struct crypto_aes_ctx ctx;
	u8 icv[SCP03_BLOCK];
	int ret;

	ret = aes_expandkey(&ctx, sc->s_enc, sc->key_len);
	if (ret)
		return ret;
	resp[len] = 0x80;
	memset(resp + len + 1, 0, padded - len - 1);
	scp03_make_icv(&ctx, sc->counter, true, icv);
	scp03_cbc_encrypt(&ctx, icv, resp, padded);
	memzero_explicit(&ctx, sizeof(ctx));
	memzero_explicit(icv, sizeof(icv));
	return 0;
}

/**
 * persocard_scp03_wrap_response() - protect the response to a command
 * @sc: the open session.
 * @resp: the response data, *@len bytes, wrapped in place.
 * @len: its length, then the wrapped length.
 * @size: room in @resp.
 * @sw: the status word the response ends with.
 *
 * For every command persocard_scp03_unwrap() accepted once the channel is
 * open (not for EXTERNAL AUTHENTICATE's own response, never wrapped).
 * An error status word (all but 9000, 62xx, 63xx): no data (*@len = 0),
 * no R-MAC (6.2.5). Otherwise at R-ENC non-empty data becomes
 * AES-CBC(S-ENC, ICV = AES(S-ENC, 80 || counter as 15 bytes), data ||
 * 80 00..), and at R-MAC the response gets CMAC(S-RMAC, chaining ||
 * data || SW1 SW2)[0:8]. The encryption counter moves on. Without an
 * open channel nothing changes.
 *
 * Return: 0; -ENOSPC if the wrapped response does not fit (nothing
 * changes); -ENOMEM or the crypto API's error.
 */
int persocard_scp03_wrap_response(struct persocard_scp03 *sc, u8 *resp,
				  u32 *len, u32 size, u16 sw)
{
	bool renc = (sc->level & PERSOCARD_SCP03_RENC) && *len;
	bool rmac = sc->level & PERSOCARD_SCP03_RMAC;
	u32 out = *len;
	u8 swb[2] = { sw >> 8, sw & 0xff };
	u8 mac[SCP03_BLOCK];
	struct scp03_seg s[3];
	int ret;

	if (!sc->cmac || !sc->level)
		return 0;
	if (!scp03_sw_protected(sw)) {
		*len = 0;
		sc->counter++;
		return 0;
	}
	if (renc)
		out = round_up(*len + 1, SCP03_BLOCK);
	if (out < *len || out > size || (rmac && size - out < SCP03_MAC))
		return -ENOSPC;
	if (renc) {
		ret = scp03_r_encrypt(sc, resp, *len, out);
		if (ret)
			return ret;
	}
	if (rmac) {
		s[0] = (struct scp03_seg){ sc->chain, SCP03_BLOCK };
		s[1] = (struct scp03_seg){ resp, out };
		s[2] = (struct scp03_seg){ swb, sizeof(swb) };
		ret = scp03_cmac(sc->cmac, sc->s_rmac, sc->key_len, s,
				 ARRAY_SIZE(s), mac);
		if (ret)
			return ret;
		memcpy(resp + out, mac, SCP03_MAC);
		memzero_explicit(mac, sizeof(mac));
		out += SCP03_MAC;
	}
	*len = out;
	sc->counter++;
	return 0;
}

/**
 * persocard_scp03_mac() - CMAC under S-MAC
 * @sc: a begun session.
 * @data: the message.
 * @len: its length.
 * @out: the full 16-byte CMAC (the LOCK receipt).
 *
 * Return: 0, -EINVAL without a session, or the crypto API's error.
 */
int persocard_scp03_mac(struct persocard_scp03 *sc, const u8 *data,
			size_t len, u8 *out)
{
	struct scp03_seg s = { data, len };

	if (!sc->cmac)
		return -EINVAL;
	return scp03_cmac(sc->cmac, sc->s_mac, sc->key_len, &s, 1, out);
}

/**
 * persocard_scp03_end() - end a session
 * @sc: a session, or zeroed.
 *
 * Frees the transform (which wipes the key it held) and wipes the session
 * keys, challenges and chaining value.
 */
void persocard_scp03_end(struct persocard_scp03 *sc)
{
	if (!IS_ERR_OR_NULL(sc->cmac))
		crypto_free_shash(sc->cmac);
	memzero_explicit(sc, sizeof(*sc));
}

/**
 * persocard_scp03_dek_decrypt() - decrypt a sensitive value of STORE DATA
 * @keys: the card's static keys.
 * @in: the encrypted DGI value.
 * @len: its length.
 * @out: the plain value (room: @len bytes; may be @in).
 * @out_len: its length.
 *
 * AES-CBC under the static Key-DEK with an ICV of zero, then ISO/IEC
 * 9797-1 method 2 padding removed (the DGI's value is always padded).
 *
 * Return: 0; -EBADMSG for a length not a multiple of 16 (or 0) or bad
 * padding (@out wiped); -EINVAL for a bad key set.
 */
int persocard_scp03_dek_decrypt(const struct persocard_scp03_keyset *keys,
				const u8 *in, size_t len, u8 *out,
				size_t *out_len)
{
	static const u8 zero_iv[SCP03_BLOCK];
	struct crypto_aes_ctx ctx;
	int ret;

	if (!persocard_scp03_keyset_valid(keys))
		return -EINVAL;
	if (!len || len % SCP03_BLOCK)
		return -EBADMSG;
	ret = aes_expandkey(&ctx, keys->dek, keys->key_len);
	if (ret)
		return ret;
	scp03_cbc_decrypt(&ctx, zero_iv, in, out, len);
	memzero_explicit(&ctx, sizeof(ctx));
	ret = scp03_unpad(out, len);
	if (ret < 0) {
		memzero_explicit(out, len);
		return ret;
	}
	*out_len = ret;
	return 0;
}
