/* SPDX-License-Identifier: GPL-2.0 */
/*
 * GlobalPlatform SCP03 on the card's side (Amendment D): key derivation,
 * cryptograms, secure messaging and the DEK. Pure computation over the
 * kernel's crypto API; the card OS decides when each step runs.
 */
#ifndef _PERSOCARD_SCP03_H
#define _PERSOCARD_SCP03_H

#include <linux/types.h>

struct crypto_shash;
struct persocard_apdu;

#define PERSOCARD_SCP03_KEY_MAX		32
#define PERSOCARD_SCP03_CHALLENGE_LEN	8
#define PERSOCARD_SCP03_CRYPTOGRAM_LEN	8
#define PERSOCARD_SCP03_MAC_LEN		8	/* C-MAC, R-MAC as sent */
#define PERSOCARD_SCP03_BLOCK		16
#define PERSOCARD_SCP03_SEQ_LEN		3
#define PERSOCARD_SCP03_I		0x70	/* pseudo-random challenge, R-MAC, R-ENC */

/* Security levels: EXTERNAL AUTHENTICATE P1 */
#define PERSOCARD_SCP03_CMAC		0x01
#define PERSOCARD_SCP03_CDEC		0x02
#define PERSOCARD_SCP03_RMAC		0x10
#define PERSOCARD_SCP03_RENC		0x20

/**
 * struct persocard_scp03_keyset - a card's static keys
 * @kvn: key version number, 01 to 7F.
 * @key_len: 16, 24 or 32; 0 for none.
 * @enc: Key-ENC.
 * @mac: Key-MAC.
 * @dek: Key-DEK.
 */
struct persocard_scp03_keyset {
	u8 kvn;
	u8 key_len;
	u8 enc[PERSOCARD_SCP03_KEY_MAX];
	u8 mac[PERSOCARD_SCP03_KEY_MAX];
	u8 dek[PERSOCARD_SCP03_KEY_MAX];
};

/**
 * struct persocard_scp03 - one secure channel session
 * @cmac: "cmac(aes)", allocated by persocard_scp03_begin().
 * @key_len: bytes of each session key.
 * @s_enc: S-ENC.
 * @s_mac: S-MAC.
 * @s_rmac: S-RMAC.
 * @host_challenge: from INITIALIZE UPDATE.
 * @card_challenge: the card's.
 * @chain: MAC chaining value.
 * @counter: encryption counter of the current command.
 * @level: security level once EXTERNAL AUTHENTICATE succeeded, else 0.
 */
struct persocard_scp03 {
	struct crypto_shash *cmac;
	u8 key_len;
	u8 s_enc[PERSOCARD_SCP03_KEY_MAX];
	u8 s_mac[PERSOCARD_SCP03_KEY_MAX];
	u8 s_rmac[PERSOCARD_SCP03_KEY_MAX];
	u8 host_challenge[PERSOCARD_SCP03_CHALLENGE_LEN];
	u8 card_challenge[PERSOCARD_SCP03_CHALLENGE_LEN];
	u8 chain[PERSOCARD_SCP03_BLOCK];
	u64 counter;
	u8 level;
};

bool persocard_scp03_keyset_valid(const struct persocard_scp03_keyset *keys);

/*
 * INITIALIZE UPDATE: derive the card challenge from @seq and @aid, then
 * the session keys. 0, -EINVAL (bad key set, AID not 1..16 bytes),
 * -ENOMEM, or the crypto API's error. @sc: zeroed, or an earlier session,
 * which this ends first (a second INITIALIZE UPDATE).
 */
int persocard_scp03_begin(struct persocard_scp03 *sc,
			  const struct persocard_scp03_keyset *keys,
			  const u8 *host_challenge, const u8 *seq,
			  const u8 *aid, size_t aid_len);
/* The same with a given card challenge (known-answer tests). */
int persocard_scp03_begin_with(struct persocard_scp03 *sc,
			       const struct persocard_scp03_keyset *keys,
			       const u8 *host_challenge,
			       const u8 *card_challenge);
int persocard_scp03_card_cryptogram(struct persocard_scp03 *sc, u8 *out);
/* true if @given is the host cryptogram (crypto_memneq). */
bool persocard_scp03_host_cryptogram_ok(struct persocard_scp03 *sc,
					const u8 *given);

/*
 * EXTERNAL AUTHENTICATE's own C-MAC, and every command after it: check
 * the C-MAC closing @apdu's data (the chaining value moves on only if it
 * holds), then for C-DECRYPTION decrypt the rest into @plain. @plain gets
 * the command data without MAC or padding, *@plain_len bytes (room: the
 * data's length). -EBADMSG for a wrong MAC, a data field shorter than
 * it, or bad padding; -ENOMEM. The MAC's CLA has its channel bits and b4
 * cleared, b3 set (GP); a CLA without b3 is -EBADMSG.
 */
int persocard_scp03_unwrap(struct persocard_scp03 *sc,
			   const struct persocard_apdu *apdu,
			   u8 *plain, u32 *plain_len);
/* After EXTERNAL AUTHENTICATE's checks held: the channel is open. */
void persocard_scp03_open(struct persocard_scp03 *sc, u8 level);
/*
 * The response to a command unwrap() took: R-ENC of @resp's *@len bytes
 * and an R-MAC over them and @sw, per the level, in place (@size: room
 * in @resp); moves the encryption counter on. -ENOSPC, -ENOMEM.
 * Call it once for every command unwrap() accepted after open(), whatever
 * the SW (an error SW: *@len = 0, no R-MAC, counter still moves); never
 * for EXTERNAL AUTHENTICATE's own response. No-op while not open.
 */
int persocard_scp03_wrap_response(struct persocard_scp03 *sc, u8 *resp,
				  u32 *len, u32 size, u16 sw);
/* CMAC under S-MAC over @data: the LOCK receipt (16 bytes). */
int persocard_scp03_mac(struct persocard_scp03 *sc, const u8 *data,
			size_t len, u8 *out);
/* Wipe the keys and free the transform; safe on a zeroed @sc. */
void persocard_scp03_end(struct persocard_scp03 *sc);

/*
 * A sensitive value from STORE DATA: AES-CBC under Key-DEK, ICV zero,
 * ISO/IEC 9797-1 method 2 padding removed. -EBADMSG for a length not a
 * multiple of 16 or bad padding. @out: room for @len bytes.
 */
int persocard_scp03_dek_decrypt(const struct persocard_scp03_keyset *keys,
				const u8 *in, size_t len, u8 *out,
				size_t *out_len);

#endif /* _PERSOCARD_SCP03_H */
