/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A card's system record: its lasting state, counters and the maker's
 * settings, kept in NVM as two shadow copies so that an update is all or
 * nothing.
 */
#ifndef _PERSOCARD_RECORD_H
#define _PERSOCARD_RECORD_H

#include <linux/types.h>
#include <linux/persocard.h>

#include "layout.h"
#include "nvm.h"
#include "scp03.h"

#define PERSOCARD_RECORD_VERSION	3
/* Bytes of one copy in NVM: the last is the commit point. */
#define PERSOCARD_RECORD_LEN		224
/* Largest SCP03 sequence counter: 3 bytes. */
#define PERSOCARD_SCP03_SEQ_MAX		0xFFFFFF
/* The application's counters: a PIN's tries at most, a PUK's. */
#define PERSOCARD_APP_PIN_TRIES_MAX	15
#define PERSOCARD_APP_PUK_TRIES		10
#define PERSOCARD_APP_SQN_LEN		6
#define PERSOCARD_APP_PIN_LEN		8

/**
 * struct persocard_record - what the card keeps in its system record
 * @seq: sequence number of the copy; the higher valid copy is the card.
 * @state: %PERSOCARD_STATE_SEMI_FINISHED or %PERSOCARD_STATE_PERSONALIZED;
 *	a card whose @tries_left is 0 is BLOCKED whatever this says.
 * @tries_left: the try counter.
 * @used: set by the first ENABLE PERSO; the maker's settings are final.
 * @try_limit: what a right code restores the try counter to.
 * @profile: &enum persocard_profile_id.
 * @code_len: length of @code.
 * @serial: the card's serial number.
 * @code: the perso code, zero-padded.
 * @secret: keys the card's layout (layout.c).
 * @keys: the SCP03 key set; @keys.key_len 0 for a card that takes the
 *	perso code.
 * @scp_seq: SCP03 sequence counter, up by one at every INITIALIZE UPDATE.
 * @made: the day the card was made, BCD YDDD (for its CPLC).
 * @trace: the personalization trace of the CPLC, from the last session's
 *	DGI 9F66 once LOCK committed it; zeros before.
 * @atc: the payment application's transaction counter, one up at every
 *	GENERATE AC before it answers.
 * @pin_tries: the application PIN's try counter, set at LOCK,
 *	decremented before each comparison.
 * @pin_limit: what a right PIN restores @pin_tries to.
 * @puk_tries: the SIM's PUK1 try counter.
 * @pin_set: @pin replaces the personalized PIN (UNBLOCK PIN set it).
 * @sqn: the SIM's highest AUTHENTICATE sequence number accepted.
 * @pin: the PIN UNBLOCK PIN set, when @pin_set.
 */
struct persocard_record {
	u32 seq;
	u8 state;
	u8 tries_left;
	u8 used;
	u8 try_limit;
	u8 profile;
	u8 code_len;
	u64 serial;
	u8 code[PERSOCARD_CODE_MAX_LEN];
	u8 secret[PERSOCARD_SECRET_LEN];
	struct persocard_scp03_keyset keys;
	u32 scp_seq;
	u16 made;
	u8 trace[8];
	u16 atc;
	u8 pin_tries;
	u8 pin_limit;
	u8 puk_tries;
	u8 pin_set;
	u8 sqn[PERSOCARD_APP_SQN_LEN];
	u8 pin[PERSOCARD_APP_PIN_LEN];
};

size_t persocard_record_area(unsigned int page_size);
int persocard_record_load(const struct persocard_nvm *nvm,
			  struct persocard_record *rec, unsigned int *slot);
int persocard_record_commit(struct persocard_nvm *nvm,
			    struct persocard_record *rec, unsigned int *slot,
			    const struct persocard_record *next);
void persocard_record_wipe(struct persocard_record *rec);

#endif /* _PERSOCARD_RECORD_H */
