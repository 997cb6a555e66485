// SPDX-License-Identifier: GPL-2.0
/* Placeholder until the SCP03 computation lands: every channel fails. */
#include <linux/errno.h>
#include "scp03.h"
#include "apdu.h"
bool persocard_scp03_keyset_valid(const struct persocard_scp03_keyset *k) { return k->kvn && k->kvn < 0x80 && (k->key_len == 16 || k->key_len == 24 || k->key_len == 32); }
int persocard_scp03_begin(struct persocard_scp03 *sc, const struct persocard_scp03_keyset *keys, const u8 *h, const u8 *seq, const u8 *aid, size_t aid_len) { return -ENOMEM; }
int persocard_scp03_card_cryptogram(struct persocard_scp03 *sc, u8 *out) { return 0; }
bool persocard_scp03_host_cryptogram_ok(struct persocard_scp03 *sc, const u8 *g) { return false; }
int persocard_scp03_unwrap(struct persocard_scp03 *sc, const struct persocard_apdu *a, u8 *p, u32 *l) { return -EBADMSG; }
void persocard_scp03_open(struct persocard_scp03 *sc, u8 level) { sc->level = level; }
int persocard_scp03_wrap_response(struct persocard_scp03 *sc, u8 *r, u32 *l, u32 s, u16 sw) { return 0; }
int persocard_scp03_mac(struct persocard_scp03 *sc, const u8 *d, size_t l, u8 *o) { return 0; }
void persocard_scp03_end(struct persocard_scp03 *sc) { }
int persocard_scp03_dek_decrypt(const struct persocard_scp03_keyset *k, const u8 *in, size_t len, u8 *out, size_t *ol) { return -EBADMSG; }
