/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The card OS: a personalization state machine over a card's NVM.
 *
 * It takes commands and answers status words. Locking, files and user
 * memory are the reader's business: callers serialise the calls on one
 * card, and pass an opaque @owner that names the open file sending them.
 */
#ifndef _PERSOCARD_CARD_H
#define _PERSOCARD_CARD_H

#include <linux/types.h>
#include <linux/persocard.h>

#include "app.h"
#include "layout.h"
#include "nvm.h"
#include "profile.h"
#include "record.h"
#include "scp03.h"

struct persocard_apdu;

/**
 * struct persocard_config - what a card is made with
 * @profile: its application field.
 * @code: its perso code, @code_len bytes.
 * @code_len: %PERSOCARD_CODE_MIN_LEN to %PERSOCARD_CODE_MAX_LEN.
 * @try_limit: 1 to %PERSOCARD_TRY_LIMIT_MAX.
 * @nvm_size: bytes of NVM.
 * @page_size: bytes per NVM page.
 * @fault: fault attribute for NVM writes, or NULL.
 * @keys: an SCP03 key set for a card that authenticates by secure
 *	channel, or NULL for one that takes @code.
 * @made: the day it is made, BCD YDDD, for its CPLC.
 */
struct persocard_config {
	const struct persocard_profile *profile;
	const u8 *code;
	unsigned int code_len;
	unsigned int try_limit;
	size_t nvm_size;
	unsigned int page_size;
	struct fault_attr *fault;
	const struct persocard_scp03_keyset *keys;
	u16 made;
};

/**
 * struct persocard_dgi_rx - a DGI whose value goes on in the next STORE DATA
 * @tag: its tag.
 * @len: its length, as sent.
 * @got: bytes of it so far.
 * @encrypted: its value is under the DEK.
 * @buf: the value so far, @len bytes of room; NULL when none is open.
 */
struct persocard_dgi_rx {
	u16 tag;
	u16 len;
	u16 got;
	bool encrypted;
	u8 *buf;
};

/**
 * struct persocard_card - one simulated card
 * @profile: application field, as @rec names it.
 * @rec: the system record as last committed to @nvm (record.c): lasting
 *	state, try counter, the maker's settings, serial and layout secret.
 * @slot: the copy of the record @rec was committed to.
 * @recoveries: power-ups that ran recovery.
 * @nvm: the chip: the record, then the committed data.
 * @layout: where data lies in @nvm, derived from @rec; secret.
 * @owner: the file whose session runs, or NULL.
 * @session_state: READY or PERSONALIZING while @owner is set.
 * @staged: values sent in this session, by profile index.
 * @staged_len: their lengths; 0 where none was sent.
 * @staged_total: sum of @staged_len.
 * @chain: a value arriving in chained PUT PERSO DATA APDUs, or NULL.
 * @chain_len: its bytes so far.
 * @chain_tag: its tag.
 * @selected: the security domain selected: 0 the ISD, 1 the profile's.
 * @sc: the secure channel of an SCP03 session; @sc.cmac is set from
 *	INITIALIZE UPDATE, @sc.level once EXTERNAL AUTHENTICATE succeeded.
 * @through_channel: the command being run came through @sc (its C-MAC
 *	held); an ioctl never does.
 * @channel_ending: the session ended during such a command: @sc goes
 *	once its response is wrapped.
 * @store_block: the block number the next STORE DATA must carry.
 * @dgi: a DGI arriving over several STORE DATA commands.
 * @trace: DGI 9F66 of this session, for the CPLC.
 * @trace_set: @trace was sent.
 * @receipt: LOCK's receipt under a secure channel, until sent.
 * @receipt_ready: @receipt holds one.
 * @app: the locked card's application's RAM: what is selected, a PIN
 *	verified, an answer waiting.
 */
struct persocard_card {
	const struct persocard_profile *profile;
	struct persocard_record rec;
	unsigned int slot;
	u32 recoveries;

	struct persocard_nvm nvm;
	struct persocard_layout layout;

	const void *owner;
	u8 session_state;
	u8 *staged[PERSOCARD_MAX_TAGS];
	u16 staged_len[PERSOCARD_MAX_TAGS];
	size_t staged_total;
	u8 *chain;
	u16 chain_len;
	u16 chain_tag;

	u8 selected;
	struct persocard_scp03 sc;
	bool through_channel;
	bool channel_ending;
	u8 store_block;
	struct persocard_dgi_rx dgi;
	u8 trace[8];
	bool trace_set;
	u8 receipt[PERSOCARD_RECEIPT_LEN];
	bool receipt_ready;
	struct persocard_app_state app;
};

/* Making, remaking and configuring cards (the manufacturer's side) */
int persocard_card_init(struct persocard_card *card,
			const struct persocard_config *config,
			const u8 *secret, u64 serial);
void persocard_card_destroy(struct persocard_card *card);
int persocard_card_factory_reset(struct persocard_card *card,
				 const u8 *secret, u64 serial);
bool persocard_card_fresh(const struct persocard_card *card);
int persocard_card_set_profile(struct persocard_card *card,
			       const struct persocard_profile *profile);
int persocard_card_set_code(struct persocard_card *card,
			    const u8 *code, size_t len);
int persocard_card_set_try_limit(struct persocard_card *card,
				 unsigned int limit);
int persocard_card_set_keys(struct persocard_card *card,
			    const struct persocard_scp03_keyset *keys);
bool persocard_card_scp03(const struct persocard_card *card);

/* Personalization commands (the bureau's side) */
u16 persocard_enable(struct persocard_card *card, const void *owner);
u16 persocard_verify(struct persocard_card *card, const void *owner,
		     const u8 *code, size_t len, u8 *tries_left);
u16 persocard_put(struct persocard_card *card, const void *owner,
		  u16 tag, const u8 *value, size_t len);
u16 persocard_lock(struct persocard_card *card, const void *owner,
		   u16 *missing, u16 *nr_missing);
u16 persocard_put_block(struct persocard_card *card, const void *owner,
			u16 tag, const u8 *block, size_t len, bool more);
bool persocard_chaining(const struct persocard_card *card, const void *owner);

/* The GlobalPlatform path (card_gp.c) */
int persocard_find_sd(const struct persocard_card *card, const u8 *aid,
		      size_t len);
u16 persocard_select(struct persocard_card *card, const void *owner,
		     const u8 *aid, size_t aid_len, u8 *fci, u32 *fci_len);
u16 persocard_card_data(struct persocard_card *card, u16 tag, u8 *out,
			u32 *len);
u16 persocard_init_update(struct persocard_card *card, const void *owner,
			  u8 kvn, const u8 *challenge, size_t len, u8 *resp,
			  u32 *resp_len);
u16 persocard_ext_auth(struct persocard_card *card, const void *owner,
		       const struct persocard_apdu *apdu, u8 *tries_left);
u16 persocard_store_data(struct persocard_card *card, const void *owner,
			 u8 p1, u8 p2, const u8 *data, size_t len);
bool persocard_channel_open(const struct persocard_card *card,
			    const void *owner);
void persocard_channel_fail(struct persocard_card *card);
void persocard_chain_cut(struct persocard_card *card);
u16 persocard_reset(struct persocard_card *card, const void *owner);
void persocard_close(struct persocard_card *card, const void *owner);
void persocard_power_off(struct persocard_card *card);
int persocard_power_up(struct persocard_card *card);
int persocard_card_adopt(struct persocard_card *card, const u8 *mem,
			 size_t size, u64 serial);

/* Queries: never change anything */
enum persocard_state persocard_state(const struct persocard_card *card);
u8 persocard_tries_left(const struct persocard_card *card);
u64 persocard_card_serial(const struct persocard_card *card);
u8 persocard_card_try_limit(const struct persocard_card *card);
bool persocard_card_powered(const struct persocard_card *card);
void persocard_status(const struct persocard_card *card, const void *owner,
		      struct persocard_status *status);
u16 persocard_get_data(const struct persocard_card *card, u16 tag,
		       u8 *value, u16 *len);

#endif /* _PERSOCARD_CARD_H */
