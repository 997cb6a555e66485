/* SPDX-License-Identifier: GPL-2.0 */
/*
 * MILENAGE (3GPP TS 35.206), the USIM's authentication and key agreement
 * functions f1, f1*, f2, f3, f4, f5 and f5*, and the GSM conversion c3
 * (TS 33.102 6.8.1.2). Pure computation over the kernel's AES library.
 */
#ifndef _PERSOCARD_MILENAGE_H
#define _PERSOCARD_MILENAGE_H

#include <linux/types.h>

#define PERSOCARD_MILENAGE_KEY_LEN	16
#define PERSOCARD_MILENAGE_SQN_LEN	6
#define PERSOCARD_MILENAGE_AMF_LEN	2

/**
 * struct persocard_milenage - the outputs of f1, f1*, f2, f3, f4, f5, f5*
 * @mac_a: f1, the network authentication code MAC-A.
 * @mac_s: f1*, the resynchronisation code MAC-S.
 * @res: f2, the response RES.
 * @ck: f3, the cipher key CK.
 * @ik: f4, the integrity key IK.
 * @ak: f5, the anonymity key AK.
 * @ak_s: f5*, the anonymity key of resynchronisation.
 */
struct persocard_milenage {
	u8 mac_a[8];	/* f1 */
	u8 mac_s[8];	/* f1* */
	u8 res[8];	/* f2 */
	u8 ck[16];	/* f3 */
	u8 ik[16];	/* f4 */
	u8 ak[6];	/* f5 */
	u8 ak_s[6];	/* f5* */
};

int persocard_milenage(const u8 *k, const u8 *opc, const u8 *rand,
		       const u8 *sqn, const u8 *amf, struct persocard_milenage *out);
int persocard_milenage_opc(const u8 *k, const u8 *op, u8 *opc);
/* GSM conversion c3 (TS 33.102 6.8.1.2): Kc from CK and IK */
void persocard_milenage_kc(const u8 *ck, const u8 *ik, u8 *kc);

#endif /* _PERSOCARD_MILENAGE_H */
