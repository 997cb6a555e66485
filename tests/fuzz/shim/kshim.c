// SPDX-License-Identifier: GPL-2.0
/*
 * The out-of-line part of the kernel shim (kshim.h): failure hooks, a
 * seeded random stream, SHA-256, AES, AES-CMAC and DES from libcrypto
 * and CRC-32 from zlib.
 */
#include "kshim.h"

#define OPENSSL_SUPPRESS_DEPRECATED	/* SHA256_Init & co.: no EVP per call */
#include <openssl/aes.h>
#include <openssl/cmac.h>
#include <openssl/des.h>
#include <openssl/evp.h>
#include <openssl/sha.h>
#undef crc32
#include <zlib.h>

static_assert(sizeof(SHA256_CTX) <= sizeof(struct sha256_state),
	      "struct sha256_state holds an OpenSSL SHA256_CTX");

static_assert(sizeof(AES_KEY) <= sizeof_field(struct crypto_aes_ctx, enc),
	      "struct crypto_aes_ctx holds an OpenSSL AES_KEY");

static_assert(sizeof(DES_key_schedule) <= sizeof_field(struct des_ctx, ks),
	      "struct des_ctx holds an OpenSSL DES_key_schedule");

unsigned long kshim_fail_alloc;
unsigned long kshim_fail_write;

void kshim_bug(const char *what, const char *file, int line)
{
	fprintf(stderr, "kshim: %s at %s:%d\n", what, file, line);
	abort();
}

/* Counts down to the failure asked for; 0 never fails. */
static bool countdown(unsigned long *n)
{
	if (!*n)
		return false;
	return --*n == 0;
}

bool kshim_alloc_fails(void)
{
	return countdown(&kshim_fail_alloc);
}

bool should_fail(struct fault_attr *attr, ssize_t size)
{
	(void)attr;
	(void)size;
	return countdown(&kshim_fail_write);
}

/* splitmix64: a fixed seed gives the same bytes on every run. */
static u64 rng_state = 0x9e3779b97f4a7c15ull;

void kshim_seed(u64 seed)
{
	rng_state = seed;
}

static u64 next64(void)
{
	u64 z = (rng_state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

void get_random_bytes(void *buf, size_t len)
{
	u8 *p = buf;

	while (len) {
		u64 r = next64();
		size_t n = len < sizeof(r) ? len : sizeof(r);

		memcpy(p, &r, n);
		p += n;
		len -= n;
	}
}

void sha256_init(struct sha256_state *s)
{
	SHA256_Init((SHA256_CTX *)s->ctx);
}

void sha256_update(struct sha256_state *s, const u8 *data, unsigned int len)
{
	SHA256_Update((SHA256_CTX *)s->ctx, data, len);
}

void sha256_final(struct sha256_state *s, u8 *out)
{
	SHA256_Final(out, (SHA256_CTX *)s->ctx);
	memzero_explicit(s, sizeof(*s));
}

void sha256(const u8 *data, unsigned int len, u8 *out)
{
	SHA256(data, len, out);
}

int aes_expandkey(struct crypto_aes_ctx *ctx, const u8 *in_key,
		  unsigned int key_len)
{
	if (key_len != 16 && key_len != 24 && key_len != 32)
		return -EINVAL;
	if (AES_set_encrypt_key(in_key, key_len * 8, (AES_KEY *)ctx->enc) ||
	    AES_set_decrypt_key(in_key, key_len * 8, (AES_KEY *)ctx->dec))
		kshim_bug("AES_set_*_key", __FILE__, __LINE__);
	ctx->key_length = key_len;
	return 0;
}

void aes_encrypt(const struct crypto_aes_ctx *ctx, u8 *out, const u8 *in)
{
	AES_encrypt(in, out, (const AES_KEY *)ctx->enc);
}

void aes_decrypt(const struct crypto_aes_ctx *ctx, u8 *out, const u8 *in)
{
	AES_decrypt(in, out, (const AES_KEY *)ctx->dec);
}

/* As lib/crypto/des.c: a weak key is -ENOKEY, but expanded all the same. */
int des_expand_key(struct des_ctx *ctx, const u8 *key, unsigned int keylen)
{
	DES_cblock k;

	if (keylen != DES_KEY_SIZE)
		return -EINVAL;
	memcpy(k, key, sizeof(k));
	DES_set_key_unchecked(&k, (DES_key_schedule *)ctx->ks);
	return DES_is_weak_key(&k) ? -ENOKEY : 0;
}

static void kshim_des(const struct des_ctx *ctx, u8 *dst, const u8 *src,
		      int enc)
{
	DES_cblock in, out;

	memcpy(in, src, sizeof(in));
	DES_ecb_encrypt(&in, &out, (DES_key_schedule *)ctx->ks, enc);
	memcpy(dst, out, sizeof(out));
}

void des_encrypt(const struct des_ctx *ctx, u8 *dst, const u8 *src)
{
	kshim_des(ctx, dst, src, DES_ENCRYPT);
}

void des_decrypt(const struct des_ctx *ctx, u8 *dst, const u8 *src)
{
	kshim_des(ctx, dst, src, DES_DECRYPT);
}

/* An allocation like the kernel's: it fails when the fuzzer says. */
struct crypto_shash *crypto_alloc_shash(const char *name, u32 type, u32 mask)
{
	struct crypto_shash *tfm;

	(void)type;
	(void)mask;
	if (strcmp(name, "cmac(aes)"))
		return ERR_PTR(-ENOENT);
	tfm = kzalloc(sizeof(*tfm), GFP_KERNEL);
	return tfm ? tfm : ERR_PTR(-ENOMEM);
}

void crypto_free_shash(struct crypto_shash *tfm)
{
	if (tfm)
		explicit_bzero(tfm, sizeof(*tfm));
	free(tfm);
}

int crypto_shash_setkey(struct crypto_shash *tfm, const u8 *key,
			unsigned int key_len)
{
	if (key_len != 16 && key_len != 24 && key_len != 32)
		return -EINVAL;
	memcpy(tfm->key, key, key_len);
	tfm->key_len = key_len;
	return 0;
}

static const EVP_CIPHER *cmac_cipher(unsigned int key_len)
{
	return key_len == 16 ? EVP_aes_128_cbc() :
	       key_len == 24 ? EVP_aes_192_cbc() : EVP_aes_256_cbc();
}

int crypto_shash_init(struct shash_desc *desc)
{
	struct crypto_shash *tfm = desc->tfm;

	if (!tfm->key_len)
		return -ENOKEY;
	desc->cmac = CMAC_CTX_new();
	if (!desc->cmac)
		return -ENOMEM;
	if (!CMAC_Init(desc->cmac, tfm->key, tfm->key_len,
		       cmac_cipher(tfm->key_len), NULL))
		kshim_bug("CMAC_Init", __FILE__, __LINE__);
	return 0;
}

int crypto_shash_update(struct shash_desc *desc, const u8 *data,
			unsigned int len)
{
	if (!CMAC_Update(desc->cmac, data, len))
		kshim_bug("CMAC_Update", __FILE__, __LINE__);
	return 0;
}

int crypto_shash_final(struct shash_desc *desc, u8 *out)
{
	size_t n = 16;

	if (!CMAC_Final(desc->cmac, out, &n) || n != 16)
		kshim_bug("CMAC_Final", __FILE__, __LINE__);
	CMAC_CTX_free(desc->cmac);
	desc->cmac = NULL;
	return 0;
}

void shash_desc_zero(struct shash_desc *desc)
{
	if (desc->cmac)
		CMAC_CTX_free(desc->cmac);
	explicit_bzero(desc, sizeof(*desc));
}

u32 crc32_le(u32 crc, const void *p, size_t len)
{
	return ~(u32)crc32_z(~crc & 0xffffffffu, p, len);
}
