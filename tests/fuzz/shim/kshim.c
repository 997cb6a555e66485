// SPDX-License-Identifier: GPL-2.0
/*
 * The out-of-line part of the kernel shim (kshim.h): failure hooks, a
 * seeded random stream, SHA-256 from libcrypto and CRC-32 from zlib.
 */
#include "kshim.h"

#define OPENSSL_SUPPRESS_DEPRECATED	/* SHA256_Init & co.: no EVP per call */
#include <openssl/sha.h>
#undef crc32
#include <zlib.h>

static_assert(sizeof(SHA256_CTX) <= sizeof(struct sha256_state),
	      "struct sha256_state holds an OpenSSL SHA256_CTX");

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

u32 crc32_le(u32 crc, const void *p, size_t len)
{
	return ~(u32)crc32_z(~crc & 0xffffffffu, p, len);
}
