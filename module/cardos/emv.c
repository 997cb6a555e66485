// SPDX-License-Identifier: GPL-2.0
/*
 * EMV application cryptograms (EMV 4.3 Book 2, 8.1 and Annex A1.2, A1.3):
 * pure computation, no state machine.
 *
 * Every key here is a double-length key K_L || K_R used as two-key triple
 * DES, E(K_L) D(K_R) E(K_L). It is composed from two single-DES schedules
 * rather than des3_ede_expand_key(): in FIPS mode that refuses K1 == K3,
 * which is every two-key key, and the MAC needs K_L on its own anyway.
 *
 * DES weak keys: des_expand_key() returns -ENOKEY for them but expands
 * the schedule all the same. EMV does not forbid them (the keys come
 * out of the issuer's derivations, a weak one as likely as any other),
 * so the card computes with them: its cryptogram stays the one the
 * issuer computes.
 */
#include <linux/bitops.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <crypto/des.h>

#include "emv.h"

#define EMV_BLOCK	DES_BLOCK_SIZE

static void emv_expand(struct des_ctx *kl, struct des_ctx *kr, const u8 *key)
{
	/* -ENOKEY is a weak key, expanded all the same: see above. */
	des_expand_key(kl, key, DES_KEY_SIZE);
	des_expand_key(kr, key + DES_KEY_SIZE, DES_KEY_SIZE);
}

static void emv_tdes_encrypt(const struct des_ctx *kl, const struct des_ctx *kr,
			     u8 *dst, const u8 *src)
{
	des_encrypt(kl, dst, src);
	des_decrypt(kr, dst, dst);
	des_encrypt(kl, dst, dst);
}

/**
 * persocard_emv_session_key() - derive the AC session key from the ATC
 * @mk: the ICC master key MK_AC, %PERSOCARD_EMV_KEY_LEN bytes.
 * @atc: the Application Transaction Counter (tag 9F36).
 * @sk: %PERSOCARD_EMV_KEY_LEN bytes for the session key; may be @mk.
 *
 * EMV 4.3 Book 2 Annex A1.3.1, the common session key derivation, with
 * R = ATC || 00 || 00 || 00 || 00 || 00 || 00 (Book 2 8.1.1):
 * SK_L = 3DES(MK)[ATC || F0 || 00 || 00 || 00 || 00 || 00] and
 * SK_R = 3DES(MK)[ATC || 0F || 00 || 00 || 00 || 00 || 00]. Each byte of
 * the result is then set to odd parity, as an issuer's HSM and pyemv's
 * derive_common_sk() hand it out; DES ignores those bits, so the MAC
 * does not depend on it.
 */
void persocard_emv_session_key(const u8 *mk, u16 atc, u8 *sk)
{
	struct des_ctx kl, kr;
	u8 r[EMV_BLOCK] = { atc >> 8, atc & 0xff };
	int i;

	emv_expand(&kl, &kr, mk);
	r[2] = 0xf0;
	emv_tdes_encrypt(&kl, &kr, sk, r);
	r[2] = 0x0f;
	emv_tdes_encrypt(&kl, &kr, sk + EMV_BLOCK, r);
	for (i = 0; i < PERSOCARD_EMV_KEY_LEN; i++)
		if (!(hweight8(sk[i]) & 1))
			sk[i] ^= 1;
	memzero_explicit(&kl, sizeof(kl));
	memzero_explicit(&kr, sizeof(kr));
}

/**
 * persocard_emv_mac() - ISO/IEC 9797-1 MAC algorithm 3, padding method 2
 * @sk: the session key SK_L || SK_R, %PERSOCARD_EMV_KEY_LEN bytes.
 * @data: the data to MAC; may be NULL when @len is 0.
 * @len: its length in bytes.
 * @mac: %PERSOCARD_EMV_AC_LEN bytes for the MAC.
 *
 * The application cryptogram of EMV 4.3 Book 2 8.1.2 and Annex A1.2.1:
 * @data padded with 80 then 00s to a multiple of 8 bytes (a full block
 * of padding when it is one already), DES CBC under SK_L from a zero
 * IV, and the last block then decrypted under SK_R and encrypted under
 * SK_L again. The full 8 bytes; the caller keeps fewer if it wants.
 */
void persocard_emv_mac(const u8 *sk, const u8 *data, size_t len, u8 *mac)
{
	struct des_ctx kl, kr;
	u8 h[EMV_BLOCK] = {};
	size_t i;

	emv_expand(&kl, &kr, sk);
	for (; len >= EMV_BLOCK; data += EMV_BLOCK, len -= EMV_BLOCK) {
		for (i = 0; i < EMV_BLOCK; i++)
			h[i] ^= data[i];
		des_encrypt(&kl, h, h);
	}
	for (i = 0; i < len; i++)
		h[i] ^= data[i];
	h[len] ^= 0x80;
	des_encrypt(&kl, h, h);
	/* Output transformation 3: the CBC above already ended with E(K_L). */
	des_decrypt(&kr, h, h);
	des_encrypt(&kl, h, h);
	memcpy(mac, h, PERSOCARD_EMV_AC_LEN);
	memzero_explicit(h, sizeof(h));
	memzero_explicit(&kl, sizeof(kl));
	memzero_explicit(&kr, sizeof(kr));
}

/**
 * persocard_emv_ac() - compute an application cryptogram
 * @mk: the ICC master key MK_AC, %PERSOCARD_EMV_KEY_LEN bytes.
 * @atc: the ATC of this transaction.
 * @data: the data the cryptogram covers (CDOL data and the card's own,
 *	in the order the application defines).
 * @len: its length in bytes.
 * @ac: %PERSOCARD_EMV_AC_LEN bytes for the ARQC, TC or AAC.
 *
 * The session key of persocard_emv_session_key() for @atc, then the MAC
 * of persocard_emv_mac() over @data under it. The session key does not
 * outlive the call.
 */
void persocard_emv_ac(const u8 *mk, u16 atc, const u8 *data, size_t len,
		      u8 *ac)
{
	u8 sk[PERSOCARD_EMV_KEY_LEN];

	persocard_emv_session_key(mk, atc, sk);
	persocard_emv_mac(sk, data, len, ac);
	memzero_explicit(sk, sizeof(sk));
}
