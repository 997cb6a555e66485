// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The host's SCP03 crypto (GPC 2.3.1 Amendment D v1.1.2, S8 mode) with
 * OpenSSL's libcrypto: AES-CMAC through EVP_MAC, AES-CBC and -ECB through
 * EVP_CIPHER.  Every key and intermediate value is wiped after use.
 */
#include <errno.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "scp03_host.h"

static const char *cbc_name(size_t key_len)
{
	return key_len == 16 ? "AES-128-CBC" :
	       key_len == 24 ? "AES-192-CBC" : "AES-256-CBC";
}

static const char *ecb_name(size_t key_len)
{
	return key_len == 16 ? "AES-128-ECB" :
	       key_len == 24 ? "AES-192-ECB" : "AES-256-ECB";
}

static int crypto_failed(void)
{
	errno = EIO;
	return -1;
}

int scp03_cmac(const uint8_t *key, size_t key_len, const uint8_t *a,
	       size_t a_len, const uint8_t *b, size_t b_len,
	       uint8_t out[SCP03_BLOCK])
{
	OSSL_PARAM params[2];
	EVP_MAC_CTX *ctx = NULL;
	EVP_MAC *mac;
	size_t n = 0;
	int ok = 0;

	mac = EVP_MAC_fetch(NULL, "CMAC", NULL);
	if (mac)
		ctx = EVP_MAC_CTX_new(mac);
	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_CIPHER,
						     (char *)cbc_name(key_len), 0);
	params[1] = OSSL_PARAM_construct_end();
	if (ctx && EVP_MAC_init(ctx, key, key_len, params) &&
	    (!a_len || EVP_MAC_update(ctx, a, a_len)) &&
	    (!b_len || EVP_MAC_update(ctx, b, b_len)) &&
	    EVP_MAC_final(ctx, out, &n, SCP03_BLOCK) && n == SCP03_BLOCK)
		ok = 1;
	EVP_MAC_CTX_free(ctx);
	EVP_MAC_free(mac);
	return ok ? 0 : crypto_failed();
}

/* AES in @name's mode, no padding, @len a multiple of 16. */
static int aes(const char *name, int enc, const uint8_t *key,
	       const uint8_t *iv, const uint8_t *in, size_t len, uint8_t *out)
{
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	EVP_CIPHER *cipher = EVP_CIPHER_fetch(NULL, name, NULL);
	int n = 0, m = 0, ok = 0;

	if (ctx && cipher && len % SCP03_BLOCK == 0 &&
	    EVP_CipherInit_ex2(ctx, cipher, key, iv, enc, NULL) &&
	    EVP_CIPHER_CTX_set_padding(ctx, 0) &&
	    EVP_CipherUpdate(ctx, out, &n, in, len) &&
	    EVP_CipherFinal_ex(ctx, out + n, &m) && (size_t)(n + m) == len)
		ok = 1;
	EVP_CIPHER_CTX_free(ctx);
	EVP_CIPHER_free(cipher);
	return ok ? 0 : crypto_failed();
}

int scp03_kdf(const uint8_t *key, size_t key_len, uint8_t constant,
	      unsigned int l_bits, const uint8_t *context, size_t context_len,
	      uint8_t *out)
{
	/* label: 11 x 00 and the constant; 00; L (2); i; then the context */
	uint8_t info[16], block[SCP03_BLOCK];
	size_t done = 0, n, want = l_bits / 8;
	int ret = 0;

	memset(info, 0, sizeof(info));
	info[11] = constant;
	info[13] = l_bits >> 8;
	info[14] = l_bits & 0xFF;
	for (info[15] = 1; done < want; info[15]++) {
		ret = scp03_cmac(key, key_len, info, sizeof(info), context,
				 context_len, block);
		if (ret)
			break;
		n = want - done < SCP03_BLOCK ? want - done : SCP03_BLOCK;
		memcpy(out + done, block, n);
		done += n;
	}
	OPENSSL_cleanse(block, sizeof(block));
	return ret;
}

size_t scp03_init_update(uint8_t *apdu, uint8_t kvn,
			 const uint8_t host_challenge[SCP03_CHALLENGE_LEN])
{
	apdu[0] = 0x80;
	apdu[1] = 0x50;
	apdu[2] = kvn;
	apdu[3] = 0x00;
	apdu[4] = SCP03_CHALLENGE_LEN;
	memcpy(apdu + 5, host_challenge, SCP03_CHALLENGE_LEN);
	apdu[5 + SCP03_CHALLENGE_LEN] = 0x00;
	return 6 + SCP03_CHALLENGE_LEN;
}

int scp03_begin(struct scp03_session *s,
		const struct persocard_scp03_keys *keys,
		const uint8_t host_challenge[SCP03_CHALLENGE_LEN],
		const uint8_t *resp, size_t resp_len)
{
	uint8_t ctx[2 * SCP03_CHALLENGE_LEN], card_cryptogram[SCP03_MAC_LEN];
	unsigned int bits = keys->len * 8;
	int ret, err;

	memset(s, 0, sizeof(*s));
	/* KDD(10) KVN 03 i challenge(8) cryptogram(8) [sequence(3)] */
	if ((resp_len != SCP03_IU_RESP_LEN && resp_len != SCP03_IU_RESP_LEN - 3) ||
	    resp[11] != 0x03 || (keys->kvn && resp[10] != keys->kvn)) {
		errno = EPROTO;
		return -1;
	}
	s->key_len = keys->len;
	memcpy(s->kdd, resp, SCP03_KDD_LEN);
	s->kvn = resp[10];
	s->i_param = resp[12];
	memcpy(s->host_challenge, host_challenge, SCP03_CHALLENGE_LEN);
	memcpy(s->card_challenge, resp + 13, SCP03_CHALLENGE_LEN);
	memcpy(ctx, host_challenge, SCP03_CHALLENGE_LEN);
	memcpy(ctx + SCP03_CHALLENGE_LEN, s->card_challenge,
	       SCP03_CHALLENGE_LEN);

	ret = scp03_kdf(keys->enc, keys->len, SCP03_DC_S_ENC, bits, ctx,
			sizeof(ctx), s->s_enc);
	if (!ret)
		ret = scp03_kdf(keys->mac, keys->len, SCP03_DC_S_MAC, bits,
				ctx, sizeof(ctx), s->s_mac);
	if (!ret)
		ret = scp03_kdf(keys->mac, keys->len, SCP03_DC_S_RMAC, bits,
				ctx, sizeof(ctx), s->s_rmac);
	if (!ret)
		ret = scp03_kdf(s->s_mac, s->key_len, SCP03_DC_CARD_CRYPTOGRAM,
				64, ctx, sizeof(ctx), card_cryptogram);
	if (!ret && CRYPTO_memcmp(card_cryptogram, resp + 21, SCP03_MAC_LEN)) {
		errno = EKEYREJECTED;
		ret = -1;
	}
	if (!ret)
		ret = scp03_kdf(s->s_mac, s->key_len, SCP03_DC_HOST_CRYPTOGRAM,
				64, ctx, sizeof(ctx), s->host_cryptogram);
	err = errno;
	OPENSSL_cleanse(card_cryptogram, sizeof(card_cryptogram));
	if (ret)
		scp03_end(s);
	errno = err;
	return ret;
}

int scp03_level_valid(unsigned int level)
{
	return level == 0x01 || level == 0x03 || level == 0x11 ||
	       level == 0x13 || level == 0x33;
}

size_t scp03_max_data(unsigned int level)
{
	/* Lc' = data' + 8 <= 255; C-DEC pads to 16 and adds a byte at least. */
	if (level & PERSOCARD_SCP03_CDEC)
		return (255 - SCP03_MAC_LEN) / SCP03_BLOCK * SCP03_BLOCK - 1;
	return 255 - SCP03_MAC_LEN;
}

/* The ICV of C-DEC (@resp 0) or of R-ENC (@resp 1), Amendment D 6.2.6/7. */
static int icv(const struct scp03_session *s, uint32_t counter, int resp,
	       uint8_t out[SCP03_BLOCK])
{
	uint8_t block[SCP03_BLOCK] = { 0 };

	if (resp)
		block[0] = 0x80;
	block[12] = counter >> 24;
	block[13] = counter >> 16;
	block[14] = counter >> 8;
	block[15] = counter;
	return aes(ecb_name(s->key_len), 1, s->s_enc, NULL, block,
		   SCP03_BLOCK, out);
}

static size_t pad80(uint8_t *buf, size_t len)
{
	size_t n = scp03_padded_len(len);

	buf[len] = 0x80;
	memset(buf + len + 1, 0, n - len - 1);
	return n;
}

size_t scp03_wrap(struct scp03_session *s, const struct scp03_apdu *cmd,
		  uint8_t *out, size_t size)
{
	uint8_t data[256], iv[SCP03_BLOCK], mac[SCP03_BLOCK];
	size_t len = cmd->len, total;
	int ret = 0, encrypt;

	encrypt = (s->level & PERSOCARD_SCP03_CDEC) && len;
	if (len > scp03_max_data(encrypt ? s->level : PERSOCARD_SCP03_CMAC)) {
		errno = EMSGSIZE;
		return 0;
	}
	total = 5 + (encrypt ? scp03_padded_len(len) : len) + SCP03_MAC_LEN +
		!!cmd->has_le;
	if (total > size) {
		errno = EMSGSIZE;
		return 0;
	}
	if (len)
		memcpy(data, cmd->data, len);
	if (encrypt) {
		len = pad80(data, len);
		ret = icv(s, s->counter, 0, iv);
		if (!ret)
			ret = aes(cbc_name(s->key_len), 1, s->s_enc, iv, data,
				  len, data);
	}
	/* GP proprietary secure messaging: b3 set, channel bits 0 */
	out[0] = (cmd->cla & 0xF0) | 0x04;
	out[1] = cmd->ins;
	out[2] = cmd->p1;
	out[3] = cmd->p2;
	out[4] = len + SCP03_MAC_LEN;
	memcpy(out + 5, data, len);
	if (!ret)
		ret = scp03_cmac(s->s_mac, s->key_len, s->chain, SCP03_BLOCK,
				 out, 5 + len, mac);
	OPENSSL_cleanse(data, sizeof(data));
	OPENSSL_cleanse(iv, sizeof(iv));
	if (ret) {
		OPENSSL_cleanse(out, total);
		return 0;
	}
	memcpy(s->chain, mac, SCP03_BLOCK);
	memcpy(out + 5 + len, mac, SCP03_MAC_LEN);
	if (cmd->has_le)
		out[5 + len + SCP03_MAC_LEN] = 0x00;
	/* Every command of the session counts, with data or without. */
	s->resp_counter = s->counter++;
	return total;
}

size_t scp03_ext_auth(struct scp03_session *s, unsigned int level,
		      uint8_t *apdu)
{
	struct scp03_apdu cmd = {
		.cla = 0x80, .ins = 0x82, .p1 = level, .p2 = 0x00,
		.data = s->host_cryptogram, .len = SCP03_MAC_LEN,
	};
	size_t n;

	if (!scp03_level_valid(level)) {
		errno = EINVAL;
		return 0;
	}
	/* Not encrypted, MAC chaining from 16 x 00 (memset by begin). */
	s->level = PERSOCARD_SCP03_CMAC;
	n = scp03_wrap(s, &cmd, apdu, 5 + 2 * SCP03_MAC_LEN);
	if (!n)
		return 0;
	s->level = level;
	s->counter = 1;
	s->resp_counter = 0;
	return n;
}

/* 9000 and warnings (62xx, 63xx) carry an R-MAC; errors do not. */
static int has_rmac(uint16_t sw)
{
	return sw == 0x9000 || (sw >> 8) == 0x62 || (sw >> 8) == 0x63;
}

static int bad_message(void)
{
	errno = EBADMSG;
	return -1;
}

int scp03_unwrap(struct scp03_session *s, const uint8_t *resp, size_t len,
		 uint8_t *out, size_t *out_len)
{
	uint8_t mac[SCP03_BLOCK], iv[SCP03_BLOCK];
	uint16_t sw;
	size_t n, i;
	int ret;

	if (len < 2)
		return bad_message();
	sw = resp[len - 2] << 8 | resp[len - 1];
	n = len - 2;
	if (!(s->level & PERSOCARD_SCP03_RMAC) || !has_rmac(sw)) {
		memcpy(out, resp, n);
		*out_len = n;
		return 0;
	}
	if (n < SCP03_MAC_LEN)
		return bad_message();
	n -= SCP03_MAC_LEN;
	/* R-MAC = CMAC(S-RMAC, chaining || data'' || SW1 SW2) */
	{
		uint8_t buf[APDU_RESP_MAX];

		if (n + 2 > sizeof(buf))
			return bad_message();
		memcpy(buf, resp, n);
		buf[n] = sw >> 8;
		buf[n + 1] = sw & 0xFF;
		ret = scp03_cmac(s->s_rmac, s->key_len, s->chain, SCP03_BLOCK,
				 buf, n + 2, mac);
		OPENSSL_cleanse(buf, sizeof(buf));
	}
	if (ret)
		return -1;
	if (CRYPTO_memcmp(mac, resp + n, SCP03_MAC_LEN))
		return bad_message();
	if (!(s->level & PERSOCARD_SCP03_RENC) || !n) {
		memcpy(out, resp, n);
		*out_len = n;
		return 0;
	}
	if (n % SCP03_BLOCK)
		return bad_message();
	ret = icv(s, s->resp_counter, 1, iv);
	if (!ret)
		ret = aes(cbc_name(s->key_len), 0, s->s_enc, iv, resp, n, out);
	OPENSSL_cleanse(iv, sizeof(iv));
	if (ret)
		return -1;
	/* ISO/IEC 9797-1 method 2: 80 then 00s, within the last block */
	for (i = n - 1; i > n - SCP03_BLOCK && !out[i]; i--)
		;
	if (out[i] != 0x80) {
		OPENSSL_cleanse(out, n);
		return bad_message();
	}
	*out_len = i;
	return 0;
}

int scp03_dek_encrypt(const uint8_t *dek, size_t key_len,
		      const uint8_t *plain, size_t len, uint8_t *out)
{
	static const uint8_t zero_iv[SCP03_BLOCK];
	size_t n;

	memmove(out, plain, len);
	n = pad80(out, len);
	if (aes(cbc_name(key_len), 1, dek, zero_iv, out, n, out)) {
		OPENSSL_cleanse(out, n);
		return -1;
	}
	return 0;
}

int scp03_receipt(const struct scp03_session *s, uint64_t serial,
		  uint8_t profile, unsigned int n, const uint16_t *tags,
		  const uint8_t *const *values, const size_t *lens,
		  uint8_t out[SCP03_BLOCK])
{
	uint8_t msg[4 + 8 + 2 + 2 * PERSOCARD_MAX_TAGS + 32], hdr[4];
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	unsigned int i, hlen = 0;
	size_t m = 0;
	int ok;

	ok = md && n <= PERSOCARD_MAX_TAGS &&
	     EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	memcpy(msg, "RCPT", 4);
	m = 4;
	for (i = 0; i < 8; i++)
		msg[m++] = serial >> (56 - 8 * i);
	msg[m++] = profile;
	msg[m++] = n;
	for (i = 0; ok && i < n; i++) {
		msg[m++] = tags[i] >> 8;
		msg[m++] = tags[i] & 0xFF;
		hdr[0] = tags[i] >> 8;
		hdr[1] = tags[i] & 0xFF;
		hdr[2] = lens[i] >> 8;
		hdr[3] = lens[i] & 0xFF;
		ok = EVP_DigestUpdate(md, hdr, 4) &&
		     (!lens[i] || EVP_DigestUpdate(md, values[i], lens[i]));
	}
	ok = ok && EVP_DigestFinal_ex(md, msg + m, &hlen) && hlen == 32;
	EVP_MD_CTX_free(md);
	if (ok)
		ok = !scp03_cmac(s->s_mac, s->key_len, msg, m + hlen, NULL, 0,
				 out);
	OPENSSL_cleanse(msg, sizeof(msg));
	return ok ? 0 : crypto_failed();
}

void scp03_end(struct scp03_session *s)
{
	OPENSSL_cleanse(s, sizeof(*s));
}
