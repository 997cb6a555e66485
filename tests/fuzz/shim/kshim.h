/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kernel, as much of it as module/cardos/ uses, for building the card
 * OS as a userspace program (the libFuzzer targets in tests/fuzz/). Every
 * header under shim/linux/ and shim/crypto/ includes this one file.
 *
 * What a fuzzer needs to steer is a hook here: allocation failures
 * (kshim_fail_alloc), failed NVM writes (should_fail(), kshim_fail_write)
 * and the random bytes of get_random_bytes() (kshim_seed()), so that a
 * crashing input replays exactly. A WARN is a bug: it aborts.
 */
#ifndef PERSOCARD_KSHIM_H
#define PERSOCARD_KSHIM_H

#include <assert.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>
#include <malloc.h>
#include <endian.h>
#include <linux/types.h>	/* the uapi __u8 ... __le32, via the shim's */

/* ---- types ---- */
typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;
typedef unsigned int gfp_t;

/* ---- compiler ---- */
#define likely(x)		__builtin_expect(!!(x), 1)
#define unlikely(x)		__builtin_expect(!!(x), 0)
#define fallthrough		__attribute__((__fallthrough__))
#define __must_check		__attribute__((__warn_unused_result__))
#define __maybe_unused		__attribute__((__unused__))
#define __always_unused		__attribute__((__unused__))
#define __packed		__attribute__((__packed__))
#define __aligned(x)		__attribute__((__aligned__(x)))
#define __printf(a, b)		__attribute__((__format__(printf, a, b)))
#define __init
#define __exit
#define __user
#define __iomem
#define __force
#define __rcu
#define READ_ONCE(x)		(*(const volatile typeof(x) *)&(x))
#define WRITE_ONCE(x, v)	(*(volatile typeof(x) *)&(x) = (v))
#define barrier()		__asm__ __volatile__("" ::: "memory")

/* The kernel's static_assert takes an optional message. */
#undef static_assert
#define static_assert(expr, ...) __kshim_static_assert(expr, ##__VA_ARGS__, #expr)
#define __kshim_static_assert(expr, msg, ...) _Static_assert(expr, msg)
#define BUILD_BUG_ON(cond)	_Static_assert(!(cond), "BUILD_BUG_ON(" #cond ")")
#define BUILD_BUG_ON_ZERO(e)	((int)(sizeof(struct { int : (-!!(e)); })))

/* ---- bugs: a kernel warning is a failed test, so a fuzzer crash ---- */
void kshim_bug(const char *what, const char *file, int line)
	__attribute__((__noreturn__));
#define WARN_ON(cond) ({ \
	bool __c = !!(cond); \
	if (unlikely(__c)) \
		kshim_bug("WARN_ON(" #cond ")", __FILE__, __LINE__); \
	__c; })
#define WARN_ON_ONCE(cond)	WARN_ON(cond)
#define WARN(cond, ...)		WARN_ON(cond)
#define WARN_ONCE(cond, ...)	WARN_ON(cond)
#define BUG_ON(cond) do { \
	if (unlikely(cond)) \
		kshim_bug("BUG_ON(" #cond ")", __FILE__, __LINE__); \
	} while (0)
#define BUG()			kshim_bug("BUG()", __FILE__, __LINE__)
#define might_sleep()		do { } while (0)
#define lockdep_assert_held(l)	do { (void)(l); } while (0)

/* ---- printing: quiet, a fuzzer runs millions of times ---- */
static inline __printf(1, 2) int kshim_no_printk(const char *fmt __maybe_unused, ...)
{
	return 0;
}
#define printk(...)		kshim_no_printk(__VA_ARGS__)
#define pr_emerg(...)		kshim_no_printk(__VA_ARGS__)
#define pr_alert(...)		kshim_no_printk(__VA_ARGS__)
#define pr_crit(...)		kshim_no_printk(__VA_ARGS__)
#define pr_err(...)		kshim_no_printk(__VA_ARGS__)
#define pr_warn(...)		kshim_no_printk(__VA_ARGS__)
#define pr_notice(...)		kshim_no_printk(__VA_ARGS__)
#define pr_info(...)		kshim_no_printk(__VA_ARGS__)
#define pr_debug(...)		kshim_no_printk(__VA_ARGS__)
#define pr_warn_ratelimited(...)	kshim_no_printk(__VA_ARGS__)
#define pr_err_ratelimited(...)	kshim_no_printk(__VA_ARGS__)
#define pr_warn_once(...)	kshim_no_printk(__VA_ARGS__)
#define pr_info_once(...)	kshim_no_printk(__VA_ARGS__)

#define EXPORT_SYMBOL(s)
#define EXPORT_SYMBOL_GPL(s)
#define EXPORT_SYMBOL_IF_KUNIT(s)
#define MODULE_LICENSE(s)
#define MODULE_DESCRIPTION(s)

/* ---- arithmetic ---- */
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#define BIT(n)			(1UL << (n))
#define hweight8(w)		__builtin_popcount((u8)(w))
#define BIT_ULL(n)		(1ULL << (n))
#define GENMASK(h, l)		(((~0UL) << (l)) & (~0UL >> (63 - (h))))
#define U8_MAX			((u8)~0U)
#define U16_MAX			((u16)~0U)
#define U32_MAX			((u32)~0U)
#define U64_MAX			((u64)~0ULL)
#define S32_MAX			((s32)(U32_MAX >> 1))
#define SIZE_MAX_KSHIM		SIZE_MAX
#define min(a, b)		({ typeof(a) __a = (a); typeof(b) __b = (b); __a < __b ? __a : __b; })
#define max(a, b)		({ typeof(a) __a = (a); typeof(b) __b = (b); __a > __b ? __a : __b; })
#define min3(a, b, c)		min(min(a, b), c)
#define max3(a, b, c)		max(max(a, b), c)
#define min_t(t, a, b)		({ t __a = (a); t __b = (b); __a < __b ? __a : __b; })
#define max_t(t, a, b)		({ t __a = (a); t __b = (b); __a > __b ? __a : __b; })
#define clamp(v, lo, hi)	min(max(v, lo), hi)
#define clamp_t(t, v, lo, hi)	min_t(t, max_t(t, v, lo), hi)
#define clamp_val(v, lo, hi)	clamp_t(typeof(v), v, lo, hi)
#define swap(a, b) \
	do { typeof(a) __t = (a); (a) = (b); (b) = __t; } while (0)
#define DIV_ROUND_UP(n, d)	(((n) + (d) - 1) / (d))
#define round_up(x, y)		((((x) - 1) | ((typeof(x))((y) - 1))) + 1)
#define round_down(x, y)	((x) & ~((typeof(x))((y) - 1)))
#define ALIGN(x, a)		(((x) + ((typeof(x))(a) - 1)) & ~((typeof(x))(a) - 1))
#define IS_ALIGNED(x, a)	(((x) & ((typeof(x))(a) - 1)) == 0)
#define is_power_of_2(n)	((n) != 0 && (((n) & ((n) - 1)) == 0))
#define ilog2(n)		((int)(sizeof(unsigned long long) * 8 - 1 - __builtin_clzll(n)))
#define check_add_overflow(a, b, d)	__builtin_add_overflow(a, b, d)
#define check_sub_overflow(a, b, d)	__builtin_sub_overflow(a, b, d)
#define check_mul_overflow(a, b, d)	__builtin_mul_overflow(a, b, d)
#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))
#define sizeof_field(t, m)	sizeof(((t *)0)->m)
#define IS_ENABLED(option)	0
#define IS_ERR_VALUE(x)		((unsigned long)(void *)(x) >= (unsigned long)-4095)
static inline void *ERR_PTR(long error) { return (void *)error; }
static inline long PTR_ERR(const void *ptr) { return (long)ptr; }
static inline bool IS_ERR(const void *ptr) { return IS_ERR_VALUE(ptr); }
static inline bool IS_ERR_OR_NULL(const void *ptr) { return !ptr || IS_ERR(ptr); }

#include <linux/errno.h>	/* and the kernel-only values */

/* ---- byte order ---- */
#define cpu_to_le16(x)	((__force __le16)htole16(x))
#define cpu_to_le32(x)	((__force __le32)htole32(x))
#define cpu_to_le64(x)	((__force __le64)htole64(x))
#define le16_to_cpu(x)	le16toh((__force u16)(x))
#define le32_to_cpu(x)	le32toh((__force u32)(x))
#define le64_to_cpu(x)	le64toh((__force u64)(x))
#define cpu_to_be16(x)	((__force __be16)htobe16(x))
#define cpu_to_be32(x)	((__force __be32)htobe32(x))
#define cpu_to_be64(x)	((__force __be64)htobe64(x))
#define be16_to_cpu(x)	be16toh((__force u16)(x))
#define be32_to_cpu(x)	be32toh((__force u32)(x))
#define be64_to_cpu(x)	be64toh((__force u64)(x))

/* ---- unaligned access ---- */
#define KSHIM_UNALIGNED(bits, order) \
static inline u##bits get_unaligned_##order##bits(const void *p) \
{ \
	u##bits v; \
	memcpy(&v, p, sizeof(v)); \
	return order##bits##toh(v); \
} \
static inline void put_unaligned_##order##bits(u##bits v, void *p) \
{ \
	v = hto##order##bits(v); \
	memcpy(p, &v, sizeof(v)); \
}
KSHIM_UNALIGNED(16, be)
KSHIM_UNALIGNED(32, be)
KSHIM_UNALIGNED(64, be)
KSHIM_UNALIGNED(16, le)
KSHIM_UNALIGNED(32, le)
KSHIM_UNALIGNED(64, le)
#undef KSHIM_UNALIGNED
#define get_unaligned(p) ({ typeof(*(p)) __v; memcpy(&__v, (p), sizeof(__v)); __v; })
#define put_unaligned(v, p) do { typeof(*(p)) __v = (v); memcpy((p), &__v, sizeof(__v)); } while (0)

/* ---- memory: malloc, with failures a fuzzer can ask for ---- */
#define GFP_KERNEL	0u
#define GFP_NOWAIT	0u
#define GFP_ATOMIC	0u
#define __GFP_ZERO	0x100u
#define __GFP_NOWARN	0u

/* 0: never fail; N: the N-th allocation from now fails (then 0 again). */
extern unsigned long kshim_fail_alloc;
bool kshim_alloc_fails(void);

static inline void *kmalloc(size_t size, gfp_t flags)
{
	void *p;

	if (kshim_alloc_fails())
		return NULL;
	p = malloc(size ? size : 1);
	if (p && (flags & __GFP_ZERO))
		memset(p, 0, size);
	return p;
}
static inline void *kzalloc(size_t size, gfp_t flags)
{
	return kmalloc(size, flags | __GFP_ZERO);
}
static inline void *kmalloc_array(size_t n, size_t size, gfp_t flags)
{
	size_t bytes;

	if (__builtin_mul_overflow(n, size, &bytes))
		return NULL;
	return kmalloc(bytes, flags);
}
static inline void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	return kmalloc_array(n, size, flags | __GFP_ZERO);
}
static inline void *kmemdup(const void *src, size_t len, gfp_t flags)
{
	void *p = kmalloc(len, flags);

	if (p)
		memcpy(p, src, len);
	return p;
}
static inline void kfree(const void *p)
{
	free((void *)p);
}
static inline void kfree_sensitive(const void *p)
{
	if (p)
		explicit_bzero((void *)p, malloc_usable_size((void *)p));
	free((void *)p);
}
#define kvmalloc(size, flags)		kmalloc(size, flags)
#define kvzalloc(size, flags)		kzalloc(size, flags)
#define kvcalloc(n, size, flags)	kcalloc(n, size, flags)
#define kvmalloc_array(n, s, flags)	kmalloc_array(n, s, flags)
#define kvfree(p)			kfree(p)
static inline void kvfree_sensitive(const void *p, size_t len)
{
	if (p)
		explicit_bzero((void *)p, len);
	free((void *)p);
}

/* ---- strings ---- */
static inline void memzero_explicit(void *p, size_t len)
{
	explicit_bzero(p, len);
}
static inline void *memchr_inv(const void *start, int c, size_t bytes)
{
	const u8 *p = start;
	size_t i;

	for (i = 0; i < bytes; i++)
		if (p[i] != (u8)c)
			return (void *)(p + i);
	return NULL;
}
static inline ssize_t strscpy(char *dst, const char *src, size_t size)
{
	size_t len = strnlen(src, size);

	if (!size)
		return -E2BIG;
	if (len == size) {
		memcpy(dst, src, size - 1);
		dst[size - 1] = '\0';
		return -E2BIG;
	}
	memcpy(dst, src, len + 1);
	return len;
}
#define sysfs_streq(a, b)	kshim_sysfs_streq(a, b)
static inline bool kshim_sysfs_streq(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return (*a == *b) || (!*a && *b == '\n' && !b[1]) ||
	       (*a == '\n' && !a[1] && !*b);
}

/* ---- randomness: deterministic, from a seed the fuzzer sets ---- */
void kshim_seed(u64 seed);
void get_random_bytes(void *buf, size_t len);
static inline u32 get_random_u32(void)
{
	u32 v;

	get_random_bytes(&v, sizeof(v));
	return v;
}
static inline u64 get_random_u64(void)
{
	u64 v;

	get_random_bytes(&v, sizeof(v));
	return v;
}
static inline u8 get_random_u8(void)
{
	u8 v;

	get_random_bytes(&v, sizeof(v));
	return v;
}
static inline u32 get_random_u32_below(u32 ceil)
{
	return ceil ? get_random_u32() % ceil : 0;
}

/* ---- fault injection: NVM writes fail when the fuzzer says ---- */
struct fault_attr {
	int kshim;
};
/* 0: never fail; N: the N-th should_fail() from now fails. */
extern unsigned long kshim_fail_write;
bool should_fail(struct fault_attr *attr, ssize_t size);

/* ---- crypto ---- */
static inline int crypto_memneq(const void *a, const void *b, size_t size)
{
	const u8 *x = a, *y = b;
	u8 d = 0;
	size_t i;

	for (i = 0; i < size; i++)
		d |= x[i] ^ y[i];
	return d != 0;
}
static inline void crypto_xor(u8 *dst, const u8 *src, unsigned int size)
{
	while (size--)
		*dst++ ^= *src++;
}
static inline void crypto_xor_cpy(u8 *dst, const u8 *src1, const u8 *src2,
				  unsigned int size)
{
	while (size--)
		*dst++ = *src1++ ^ *src2++;
}

/* SHA-256 from OpenSSL's libcrypto; the state is its context. */
#define SHA224_DIGEST_SIZE	28
#define SHA256_DIGEST_SIZE	32
#define SHA256_BLOCK_SIZE	64
struct sha256_state {
	u8 ctx[112] __aligned(8);	/* an OpenSSL SHA256_CTX (checked in kshim.c) */
};
void sha256_init(struct sha256_state *s);
void sha256_update(struct sha256_state *s, const u8 *data, unsigned int len);
void sha256_final(struct sha256_state *s, u8 *out);
void sha256(const u8 *data, unsigned int len, u8 *out);

/* AES from OpenSSL's libcrypto; the context holds its AES_KEYs. */
#define AES_BLOCK_SIZE		16
#define AES_KEYSIZE_128		16
#define AES_KEYSIZE_192		24
#define AES_KEYSIZE_256		32
struct crypto_aes_ctx {
	u8 enc[248] __aligned(8);	/* OpenSSL AES_KEYs (checked in kshim.c) */
	u8 dec[248] __aligned(8);
	u32 key_length;
};

int aes_expandkey(struct crypto_aes_ctx *ctx, const u8 *in_key,
		  unsigned int key_len);
void aes_encrypt(const struct crypto_aes_ctx *ctx, u8 *out, const u8 *in);
void aes_decrypt(const struct crypto_aes_ctx *ctx, u8 *out, const u8 *in);

/*
 * The shash API for "cmac(aes)" alone, from libcrypto's CMAC: a transform
 * holds the key, a descriptor an OpenSSL CMAC_CTX between init and final.
 */
struct crypto_shash {
	u8 key[32];
	unsigned int key_len;
};

struct shash_desc {
	struct crypto_shash *tfm;
	void *cmac;
};

#define SHASH_DESC_ON_STACK(shash, ctx) \
	struct shash_desc __##shash##_desc = { .tfm = (ctx) }; \
	struct shash_desc *shash = &__##shash##_desc
struct crypto_shash *crypto_alloc_shash(const char *name, u32 type, u32 mask);
void crypto_free_shash(struct crypto_shash *tfm);
int crypto_shash_setkey(struct crypto_shash *tfm, const u8 *key,
			unsigned int key_len);
int crypto_shash_init(struct shash_desc *desc);
int crypto_shash_update(struct shash_desc *desc, const u8 *data,
			unsigned int len);
int crypto_shash_final(struct shash_desc *desc, u8 *out);
void shash_desc_zero(struct shash_desc *desc);

/* DES from OpenSSL's libcrypto; the context holds its DES_key_schedule. */
#define DES_KEY_SIZE		8
#define DES_BLOCK_SIZE		8
struct des_ctx {
	u8 ks[128] __aligned(8);	/* an OpenSSL DES_key_schedule (checked in kshim.c) */
};

int des_expand_key(struct des_ctx *ctx, const u8 *key, unsigned int keylen);
void des_encrypt(const struct des_ctx *ctx, u8 *dst, const u8 *src);
void des_decrypt(const struct des_ctx *ctx, u8 *dst, const u8 *src);

/* CRC-32 from zlib: the kernel's crc32_le(seed) is ~crc32(~seed) there. */
u32 crc32_le(u32 crc, const void *p, size_t len);
#define crc32(seed, p, len)	crc32_le(seed, p, len)

#endif /* PERSOCARD_KSHIM_H */
