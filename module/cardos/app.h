/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The application a locked card runs, one per profile: its commands in a
 * table, as the card OS's own are (card_apdu.c). The state machine admits
 * them only once PERSONALIZED (%PERSOCARD_OP_APP); they compute with the
 * card's secrets in place and answer nothing of them.
 */
#ifndef _PERSOCARD_APP_H
#define _PERSOCARD_APP_H

#include <linux/types.h>

struct persocard_apdu;
struct persocard_card;
struct persocard_record;

/* The classes an application's instruction comes in */
#define PERSOCARD_APP_ISO	0x1	/* 00: interindustry */
#define PERSOCARD_APP_PROP	0x2	/* 80: proprietary (EMV's) */
#define PERSOCARD_APP_GSM	0x4	/* A0: GSM 11.11 */

/* The largest answer GET RESPONSE can hand out: a short Le's. */
#define PERSOCARD_APP_PENDING_MAX	256

/**
 * struct persocard_app_state - what a locked card's application keeps in
 *	RAM, lost at every reset
 * @selected: what the last SELECT chose, as the application numbers it;
 *	0 nothing.
 * @df: the current dedicated file (SIM), 0 none.
 * @ef: the current elementary file, 0 none.
 * @pin_ok: the PIN was verified since the last reset.
 * @phase: how far the payment transaction went.
 * @pending: a response waiting for GET RESPONSE, @pending_len bytes.
 * @pending_len: 0 when none waits.
 */
struct persocard_app_state {
	u8 selected;
	u16 df;
	u16 ef;
	bool pin_ok;
	u8 phase;
	u16 pending_len;
	u8 pending[PERSOCARD_APP_PENDING_MAX];
};

/**
 * struct persocard_app_cmd - one instruction of an application
 * @ins: its INS byte.
 * @classes: %PERSOCARD_APP_ISO, %PERSOCARD_APP_PROP, %PERSOCARD_APP_GSM.
 * @name: as the docs show it.
 * @exec: runs it; answers data in @resp (%PERSOCARD_VALUE_MAX_LEN bytes)
 *	and its length in @resp_len, Le aside: app.c fits the answer to Le.
 */
struct persocard_app_cmd {
	u8 ins;
	u8 classes;
	const char *name;
	u16 (*exec)(struct persocard_card *card,
		    const struct persocard_apdu *apdu, u8 *resp,
		    u32 *resp_len);
};

/**
 * struct persocard_app - the application of one profile
 * @profile: &enum persocard_profile_id.
 * @name: as the CLI names it.
 * @cmds: its commands; SELECT among them.
 * @nr_cmds: their number.
 * @lock: at LOCK, set the application's counters in the record being
 *	committed, from the staged values (checked when they were staged).
 * @get_data: GET DATA of the application's own objects (counters): the
 *	status word, or 0 for a tag it does not have.
 */
struct persocard_app {
	u32 profile;
	const char *name;
	const struct persocard_app_cmd *cmds;
	unsigned int nr_cmds;
	void (*lock)(const struct persocard_card *card,
		     struct persocard_record *next);
	u16 (*get_data)(struct persocard_card *card, u16 tag, u8 *out,
			u32 *len);
};

extern const struct persocard_app persocard_app_payment;
extern const struct persocard_app persocard_app_sim;
extern const struct persocard_app persocard_app_identity;

/* For the card OS (card.c, card_apdu.c) */
u16 persocard_app_exec(struct persocard_card *card, const void *owner,
		       const struct persocard_apdu *apdu, u8 *resp,
		       u32 *resp_len, bool ins_known);
void persocard_app_lock(const struct persocard_card *card,
			struct persocard_record *next);
u16 persocard_app_get_data(struct persocard_card *card, u16 tag, u8 *out,
			   u32 *len);
void persocard_app_reset(struct persocard_card *card);

/* For the applications */
int persocard_app_element(const struct persocard_card *card, u16 tag,
			  u8 *value, u16 *len);
const u8 *persocard_app_staged(const struct persocard_card *card, u16 tag,
			       u16 *len);

/**
 * enum persocard_app_counter - the try counters an application keeps
 * @PERSOCARD_APP_PIN: the PIN's.
 * @PERSOCARD_APP_PUK: the SIM's PUK1.
 */
enum persocard_app_counter {
	PERSOCARD_APP_PIN,
	PERSOCARD_APP_PUK,
};

u16 persocard_app_tries(const struct persocard_card *card,
			enum persocard_app_counter which);
u16 persocard_app_check(struct persocard_card *card,
			enum persocard_app_counter which, const u8 *given,
			const u8 *expected, size_t len);
size_t persocard_app_tlv(u8 *out, u16 tag, const u8 *value, size_t len);
u16 persocard_app_read_binary(const struct persocard_apdu *apdu,
			      const u8 *file, size_t size, u8 *resp,
			      u32 *resp_len);
size_t persocard_app_fcp(u8 *out, u16 fid, size_t size, bool df);

#endif /* _PERSOCARD_APP_H */
