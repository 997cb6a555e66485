/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the card OS fuzz targets share: reading the fuzzer's bytes, making
 * a card, a reader's TRANSMIT (parse, execute, status word appended), and
 * values each element accepts. Built with the kernel shim (shim/kshim.h).
 */
#ifndef PERSOCARD_FUZZ_HARNESS_H
#define PERSOCARD_FUZZ_HARNESS_H

#include <linux/kernel.h>
#include <linux/persocard.h>

#include "../../module/cardos/apdu.h"
#include "../../module/cardos/card.h"

/* A broken invariant: say which, then crash so that libFuzzer keeps the input. */
#define fz_check(cond, ...) do { \
	if (!(cond)) { \
		fprintf(stderr, "invariant broken at %s:%d: %s: ", \
			__FILE__, __LINE__, #cond); \
		fprintf(stderr, __VA_ARGS__); \
		fputc('\n', stderr); \
		__builtin_trap(); \
	} } while (0)

/* The fuzzer's bytes, read from the front; zeros once they run out. */
struct fz_in {
	const u8 *p;
	size_t n;
};

static inline u8 fz_u8(struct fz_in *in)
{
	if (!in->n)
		return 0;
	in->n--;
	return *in->p++;
}

static inline u16 fz_u16(struct fz_in *in)
{
	return (fz_u8(in) << 8) | fz_u8(in);
}

/* Up to @len bytes (fewer when the input runs out): returns how many. */
static inline size_t fz_bytes(struct fz_in *in, u8 *out, size_t len)
{
	if (len > in->n)
		len = in->n;
	memcpy(out, in->p, len);
	in->p += len;
	in->n -= len;
	return len;
}

/* The perso code every card is made with, unless the maker changes it. */
#define FZ_CODE		"fuzz-perso-code"
#define FZ_CODE_LEN	(sizeof(FZ_CODE) - 1)

int fz_card_make(struct persocard_card *card, u32 profile_id,
		 unsigned int try_limit, size_t nvm_size,
		 unsigned int page_size, u64 seed);
void fz_card_identity(u64 seed, u8 *secret, u64 *serial);

u16 fz_transmit(struct persocard_card *card, const void *owner,
		const u8 *cmd, size_t len, u8 *resp, size_t *resp_len);

size_t fz_valid_value(const struct persocard_element *el, u8 variant,
		      u8 *value);

enum persocard_state fz_bring_to(struct persocard_card *card,
				 const void *owner,
				 enum persocard_state state);

bool fz_sw_known(u16 sw);

#endif /* PERSOCARD_FUZZ_HARNESS_H */
