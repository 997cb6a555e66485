// SPDX-License-Identifier: GPL-2.0
/*
 * MILENAGE (3GPP TS 35.206 4.1) with the standard constants of its 4.1:
 * r1 = 64, r2 = 0, r3 = 32, r4 = 64, r5 = 96 bits and c1 = 0, c2 = 1,
 * c3 = 2, c4 = 4, c5 = 8 (the last byte of a zero block). The kernel
 * function E_K is AES-128 from the kernel's AES library: one key
 * schedule per call, wiped with every intermediate value before return.
 *
 *   TEMP = E_K(RAND ^ OPc)
 *   OUT1 = E_K(TEMP ^ rot(IN1 ^ OPc, r1) ^ c1) ^ OPc,
 *          IN1 = SQN || AMF || SQN || AMF
 *   OUTn = E_K(rot(TEMP ^ OPc, rn) ^ cn) ^ OPc, n = 2 .. 5
 *
 * f1 = OUT1[0..63], f1* = OUT1[64..127], f5 = OUT2[0..47],
 * f2 = OUT2[64..127], f3 = OUT3, f4 = OUT4, f5* = OUT5[0..47].
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <crypto/aes.h>
#include <crypto/algapi.h>

#include "milenage.h"

#define MIL_BLOCK	AES_BLOCK_SIZE

/* TS 35.206 4.1: the rotations (in bytes, all are whole) and constants */
#define MIL_R1	8
#define MIL_R2	0
#define MIL_R3	4
#define MIL_R4	8
#define MIL_R5	12
#define MIL_C1	0x00
#define MIL_C2	0x01
#define MIL_C3	0x02
#define MIL_C4	0x04
#define MIL_C5	0x08

/*
 * @out = E_K(rot(@x, @r bytes) ^ @temp ^ @c) ^ @opc; @temp (f1 only) may
 * be NULL. rot() turns the block left: byte i takes byte i + r.
 */
static void mil_out(const struct crypto_aes_ctx *ctx, const u8 *x,
		    unsigned int r, const u8 *temp, u8 c, const u8 *opc,
		    u8 *out)
{
	u8 blk[MIL_BLOCK];
	unsigned int i;

	for (i = 0; i < MIL_BLOCK; i++)
		blk[i] = x[(i + r) % MIL_BLOCK];
	if (temp)
		crypto_xor(blk, temp, MIL_BLOCK);
	blk[MIL_BLOCK - 1] ^= c;
	aes_encrypt(ctx, out, blk);
	crypto_xor(out, opc, MIL_BLOCK);
	memzero_explicit(blk, sizeof(blk));
}

/**
 * persocard_milenage() - run f1, f1*, f2, f3, f4, f5 and f5* at once
 * @k: the subscriber key K, PERSOCARD_MILENAGE_KEY_LEN bytes.
 * @opc: OPc, 16 bytes (persocard_milenage_opc() derives it from OP).
 * @rand: the network's challenge RAND, 16 bytes.
 * @sqn: the sequence number SQN, PERSOCARD_MILENAGE_SQN_LEN bytes; for
 *	MAC-S the caller passes SQN_MS.
 * @amf: the authentication management field, PERSOCARD_MILENAGE_AMF_LEN
 *	bytes; 0000 for MAC-S (TS 33.102 6.3.3).
 * @out: the seven outputs.
 *
 * f1 and f1* depend on @sqn and @amf, the others on @rand alone; a caller
 * wanting only one set computes both, which costs six AES blocks in all.
 *
 * Return: 0; the -errno of aes_expandkey() (@out untouched).
 */
int persocard_milenage(const u8 *k, const u8 *opc, const u8 *rand,
		       const u8 *sqn, const u8 *amf, struct persocard_milenage *out)
{
	struct crypto_aes_ctx ctx;
	u8 temp[MIL_BLOCK], x[MIL_BLOCK], o[MIL_BLOCK];
	int ret;

	ret = aes_expandkey(&ctx, k, PERSOCARD_MILENAGE_KEY_LEN);
	if (ret)
		return ret;

	memcpy(x, rand, MIL_BLOCK);
	crypto_xor(x, opc, MIL_BLOCK);
	aes_encrypt(&ctx, temp, x);

	/* f1, f1*: IN1 = SQN || AMF || SQN || AMF */
	memcpy(x, sqn, PERSOCARD_MILENAGE_SQN_LEN);
	memcpy(x + PERSOCARD_MILENAGE_SQN_LEN, amf, PERSOCARD_MILENAGE_AMF_LEN);
	memcpy(x + MIL_BLOCK / 2, x, MIL_BLOCK / 2);
	crypto_xor(x, opc, MIL_BLOCK);
	mil_out(&ctx, x, MIL_R1, temp, MIL_C1, opc, o);
	memcpy(out->mac_a, o, sizeof(out->mac_a));
	memcpy(out->mac_s, o + 8, sizeof(out->mac_s));

	/* f2 .. f5*: rotations of TEMP ^ OPc */
	memcpy(x, temp, MIL_BLOCK);
	crypto_xor(x, opc, MIL_BLOCK);
	mil_out(&ctx, x, MIL_R2, NULL, MIL_C2, opc, o);
	memcpy(out->ak, o, sizeof(out->ak));
	memcpy(out->res, o + 8, sizeof(out->res));
	mil_out(&ctx, x, MIL_R3, NULL, MIL_C3, opc, out->ck);
	mil_out(&ctx, x, MIL_R4, NULL, MIL_C4, opc, out->ik);
	mil_out(&ctx, x, MIL_R5, NULL, MIL_C5, opc, o);
	memcpy(out->ak_s, o, sizeof(out->ak_s));

	memzero_explicit(&ctx, sizeof(ctx));
	memzero_explicit(temp, sizeof(temp));
	memzero_explicit(x, sizeof(x));
	memzero_explicit(o, sizeof(o));
	return 0;
}

/**
 * persocard_milenage_opc() - derive OPc from OP (TS 35.206 4.1)
 * @k: the subscriber key K, PERSOCARD_MILENAGE_KEY_LEN bytes.
 * @op: the operator variant OP, 16 bytes.
 * @opc: OPc = E_K(OP) ^ OP, 16 bytes; may be @op itself.
 *
 * Return: 0; the -errno of aes_expandkey() (@opc untouched).
 */
int persocard_milenage_opc(const u8 *k, const u8 *op, u8 *opc)
{
	struct crypto_aes_ctx ctx;
	u8 blk[MIL_BLOCK];
	int ret;

	ret = aes_expandkey(&ctx, k, PERSOCARD_MILENAGE_KEY_LEN);
	if (ret)
		return ret;
	aes_encrypt(&ctx, blk, op);
	crypto_xor(blk, op, MIL_BLOCK);
	memcpy(opc, blk, MIL_BLOCK);
	memzero_explicit(&ctx, sizeof(ctx));
	memzero_explicit(blk, sizeof(blk));
	return 0;
}

/**
 * persocard_milenage_kc() - the GSM cipher key from CK and IK (c3)
 * @ck: the cipher key CK, 16 bytes.
 * @ik: the integrity key IK, 16 bytes.
 * @kc: Kc = CK1 ^ CK2 ^ IK1 ^ IK2, 8 bytes, where CKi and IKi are the
 *	64-bit halves (TS 33.102 6.8.1.2).
 *
 * This is the Kc of a GSM context on a USIM, and the GSM-MILENAGE Kc of
 * TS 55.205.
 */
void persocard_milenage_kc(const u8 *ck, const u8 *ik, u8 *kc)
{
	unsigned int i;

	for (i = 0; i < 8; i++)
		kc[i] = ck[i] ^ ck[i + 8] ^ ik[i] ^ ik[i + 8];
}
