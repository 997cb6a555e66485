/* SPDX-License-Identifier: GPL-2.0 */
/*
 * EMV application cryptograms on the card's side (EMV 4.3 Book 2): the
 * common session key derivation and the MAC that makes the ARQC, TC and
 * AAC. Pure computation over the kernel's DES library.
 */
#ifndef _PERSOCARD_EMV_H
#define _PERSOCARD_EMV_H

#include <linux/types.h>

#define PERSOCARD_EMV_KEY_LEN	16	/* double-length 3DES key */
#define PERSOCARD_EMV_AC_LEN	8

void persocard_emv_session_key(const u8 *mk, u16 atc, u8 *sk);
void persocard_emv_mac(const u8 *sk, const u8 *data, size_t len, u8 *mac);
void persocard_emv_ac(const u8 *mk, u16 atc, const u8 *data, size_t len,
		      u8 *ac);

#endif /* _PERSOCARD_EMV_H */
