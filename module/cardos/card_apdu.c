// SPDX-License-Identifier: GPL-2.0
/*
 * The card OS's APDU interface: each command APDU runs the same card OS
 * function as its ioctl, so the two paths cannot disagree. What only an
 * APDU can get wrong (class, instruction, P1 P2, Lc, Le, chaining) is
 * answered here, before the command reaches the card OS, and changes
 * nothing. The APDU table is in Documentation/persocard/apdu.rst.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "apdu.h"
#include "card.h"
#include "../compat.h"

#define SW_OK		PERSOCARD_SW_OK

/* Le asked for less than there is: tell the right Le if one byte can. */
static u16 wrong_le(const struct persocard_apdu *apdu, u32 len)
{
	if (!apdu->extended && len <= 256)
		return PERSOCARD_SW_WRONG_LE | (len & 0xFF);
	return PERSOCARD_SW_WRONG_LENGTH;
}

/* Answer @len bytes of response data, if Le takes them. */
static u16 respond(const struct persocard_apdu *apdu, u32 len, u32 *resp_len)
{
	if (!apdu->ne || len > apdu->ne)
		return wrong_le(apdu, len);
	*resp_len = len;
	return SW_OK;
}

static u16 get_status(struct persocard_card *card, const void *owner,
		      const struct persocard_apdu *apdu, u8 *resp,
		      u32 *resp_len)
{
	struct persocard_status st;

	persocard_status(card, owner, &st);
	resp[0] = st.state;
	resp[1] = st.profile;
	resp[2] = st.flags;
	resp[3] = st.tries_left;
	resp[4] = st.try_limit;
	put_unaligned_be64(st.serial, resp + 5);
	return respond(apdu, sizeof(struct persocard_apdu_status), resp_len);
}

static u16 get_tag_desc(struct persocard_card *card,
			const struct persocard_apdu *apdu, u8 *resp,
			u32 *resp_len)
{
	const struct persocard_profile *profile = card->profile;
	const struct persocard_element *el;
	size_t name_len;

	if (apdu->p2 >= profile->nr_elements)
		return PERSOCARD_SW_NOT_FOUND;
	el = &profile->elements[apdu->p2];
	put_unaligned_be16(el->tag, resp);
	put_unaligned_be16(el->min_len, resp + 2);
	put_unaligned_be16(el->max_len, resp + 4);
	resp[6] = el->flags;
	resp[7] = profile->nr_elements;
	name_len = strnlen(el->name, PERSOCARD_NAME_LEN - 1);
	memcpy(resp + PERSOCARD_APDU_TAG_DESC_FIXED, el->name, name_len);
	return respond(apdu, PERSOCARD_APDU_TAG_DESC_FIXED + name_len,
		       resp_len);
}

static u16 get_data(struct persocard_card *card,
		    const struct persocard_apdu *apdu, u8 *resp, u32 *resp_len)
{
	u16 tag = (apdu->p1 << 8) | apdu->p2;
	u32 gp_len;
	u16 len;
	u16 sw;

	/* The security domain's objects first: they answer in every state. */
	sw = persocard_card_data(card, tag, resp, &gp_len);
	if (sw == SW_OK)
		return respond(apdu, gp_len, resp_len);
	if (tag == PERSOCARD_GP_KEY_INFO)
		return sw;
	/* Then the application's objects (its counters), once locked. */
	sw = persocard_app_get_data(card, tag, resp, &gp_len);
	if (sw == SW_OK)
		return respond(apdu, gp_len, resp_len);
	if (sw)
		return sw;
	sw = persocard_get_data(card, tag, resp, &len);
	if (sw != SW_OK)
		return sw;
	return respond(apdu, len, resp_len);
}

static u16 lock(struct persocard_card *card, const void *owner,
		const struct persocard_apdu *apdu, u8 *resp, u32 *resp_len)
{
	u16 missing[PERSOCARD_MAX_TAGS];
	u16 nr_missing, i;
	u16 sw;

	sw = persocard_lock(card, owner, missing, &nr_missing);
	/* A receipt goes back to a host that asked for it (Le). */
	if (card->receipt_ready) {
		if (sw == SW_OK && apdu->ne) {
			memcpy(resp, card->receipt, PERSOCARD_RECEIPT_LEN);
			*resp_len = PERSOCARD_RECEIPT_LEN;
		}
		memzero_explicit(card->receipt, sizeof(card->receipt));
		card->receipt_ready = false;
	}
	/* Missing elements go back only to a caller that asked (Le). */
	if (sw == PERSOCARD_SW_WRONG_DATA && apdu->ne) {
		nr_missing = min_t(u32, nr_missing, apdu->ne / 2);
		for (i = 0; i < nr_missing; i++)
			put_unaligned_be16(missing[i], resp + 2 * i);
		*resp_len = 2 * nr_missing;
	}
	return sw;
}

/*
 * INSTALL [for personalization] may name the application, as GPC 2.3.1
 * 11.5.2.3 has it: 00 00, the AID with its length, 00 00 00.
 */
static u16 enable(struct persocard_card *card, const void *owner,
		  const struct persocard_apdu *apdu, u8 *resp, u32 *resp_len)
{
	const u8 *d = apdu->data;

	if (apdu->nc && (apdu->nc < 6 || d[0] || d[1] ||
			 apdu->nc != 6u + d[2] || d[3 + d[2]] ||
			 d[4 + d[2]] || d[5 + d[2]]))
		return PERSOCARD_SW_WRONG_DATA;
	if (apdu->nc && persocard_find_sd(card, d + 3, d[2]) < 0)
		return PERSOCARD_SW_NOT_FOUND;
	return persocard_enable(card, owner);
}

/* A security domain's AID is the card OS's; any other the application's. */
static u16 select_apdu(struct persocard_card *card, const void *owner,
		       const struct persocard_apdu *apdu, u8 *resp,
		       u32 *resp_len)
{
	u16 p1p2 = (apdu->p1 << 8) | apdu->p2;
	u16 sw;

	if (apdu->p1 != 0x04 ||
	    persocard_find_sd(card, apdu->data, apdu->nc) < 0)
		return persocard_app_exec(card, owner, apdu, resp, resp_len,
					  true);
	if (p1p2 != PERSOCARD_P1P2_SELECT_AID &&
	    p1p2 != PERSOCARD_P1P2_SELECT_NO_FCI)
		return PERSOCARD_SW_WRONG_P1P2;
	sw = persocard_select(card, owner, apdu->data, apdu->nc, resp,
			      resp_len);
	if (p1p2 == PERSOCARD_P1P2_SELECT_NO_FCI)
		*resp_len = 0;
	return sw;
}

static u16 init_update(struct persocard_card *card, const void *owner,
		       const struct persocard_apdu *apdu, u8 *resp,
		       u32 *resp_len)
{
	if (apdu->p2)
		return PERSOCARD_SW_WRONG_P1P2;
	return persocard_init_update(card, owner, apdu->p1, apdu->data,
				     apdu->nc, resp, resp_len);
}

static u16 ext_auth(struct persocard_card *card, const void *owner,
		    const struct persocard_apdu *apdu, u8 *resp, u32 *resp_len)
{
	u8 tries_left;

	return persocard_ext_auth(card, owner, apdu, &tries_left);
}

static u16 store_data(struct persocard_card *card, const void *owner,
		      const struct persocard_apdu *apdu, u8 *resp,
		      u32 *resp_len)
{
	return persocard_store_data(card, owner, apdu->p1, apdu->p2,
				    apdu->data, apdu->nc);
}

static u16 verify(struct persocard_card *card, const void *owner,
		  const struct persocard_apdu *apdu, u8 *resp, u32 *resp_len)
{
	u8 tries_left;

	return persocard_verify(card, owner, apdu->data, apdu->nc,
				&tries_left);
}

static u16 put(struct persocard_card *card, const void *owner,
	       const struct persocard_apdu *apdu, u8 *resp, u32 *resp_len)
{
	return persocard_put_block(card, owner, (apdu->p1 << 8) | apdu->p2,
				   apdu->data, apdu->nc,
				   apdu->cla & PERSOCARD_CLA_CHAIN);
}

static u16 get_data_apdu(struct persocard_card *card, const void *owner,
			 const struct persocard_apdu *apdu, u8 *resp,
			 u32 *resp_len)
{
	return get_data(card, apdu, resp, resp_len);
}

/* P1 00: the card's status; P1 01: tag descriptor number P2. */
static u16 get_status_apdu(struct persocard_card *card, const void *owner,
			   const struct persocard_apdu *apdu, u8 *resp,
			   u32 *resp_len)
{
	if (apdu->p1 == PERSOCARD_P1_STATUS_CARD && !apdu->p2)
		return get_status(card, owner, apdu, resp, resp_len);
	if (apdu->p1 == PERSOCARD_P1_STATUS_TAG)
		return get_tag_desc(card, apdu, resp, resp_len);
	return PERSOCARD_SW_WRONG_P1P2;
}

/* The classes an instruction comes in, CLA's chaining and SM bits aside */
#define GP	0x1	/* %PERSOCARD_CLA, GlobalPlatform's */
#define ISO	0x2	/* %PERSOCARD_CLA_ISO, interindustry */

/**
 * struct persocard_apdu_desc - one instruction of the APDU table
 * @ins: its INS byte.
 * @p1p2: the P1 P2 it must carry, when @p1p2_fixed.
 * @p1p2_fixed: P1 P2 are fixed; else they are the command's parameter.
 * @no_data: the command takes no data (Lc absent), else 6700.
 * @chains: the command may come in a chain (CLA 90).
 * @classes: %GP, %ISO or both; another class is 6E00.
 * @exec: runs it on the card.
 */
struct persocard_apdu_desc {
	u8 ins;
	u16 p1p2;
	bool p1p2_fixed;
	bool no_data;
	bool chains;
	u8 classes;
	u16 (*exec)(struct persocard_card *card, const void *owner,
		    const struct persocard_apdu *apdu, u8 *resp,
		    u32 *resp_len);
};

static const struct persocard_apdu_desc persocard_apdus[] = {
	{ PERSOCARD_INS_ENABLE, PERSOCARD_P1P2_ENABLE, true, false, false, GP,
	  enable },
	{ PERSOCARD_INS_VERIFY, 0, true, false, false, GP, verify },
	{ PERSOCARD_INS_PUT, 0, false, false, true, GP, put },
	{ PERSOCARD_INS_LOCK, PERSOCARD_P1P2_LOCK, true, true, false, GP,
	  lock },
	{ PERSOCARD_INS_GET_DATA, 0, false, true, false, GP | ISO,
	  get_data_apdu },
	{ PERSOCARD_INS_GET_STATUS, 0, false, true, false, GP,
	  get_status_apdu },
	{ PERSOCARD_INS_SELECT, 0, false, false, false, ISO, select_apdu },
	{ PERSOCARD_INS_INIT_UPDATE, 0, false, false, false, GP, init_update },
	{ PERSOCARD_INS_EXT_AUTH, 0, false, false, false, GP, ext_auth },
	{ PERSOCARD_INS_STORE_DATA, 0, false, false, false, GP, store_data },
};

/* The row of @ins in @class; @ins_seen if the table has it in another. */
static const struct persocard_apdu_desc *
find_apdu(u8 ins, u8 class, bool *ins_seen)
{
	unsigned int i;

	*ins_seen = false;
	for (i = 0; i < ARRAY_SIZE(persocard_apdus); i++) {
		if (persocard_apdus[i].ins != ins)
			continue;
		*ins_seen = true;
		if (persocard_apdus[i].classes & class)
			return &persocard_apdus[i];
	}
	return NULL;
}

static u16 dispatch(struct persocard_card *card, const void *owner,
		    const struct persocard_apdu *apdu, u8 *resp, u32 *resp_len)
{
	const struct persocard_apdu_desc *desc;
	u16 p1p2 = (apdu->p1 << 8) | apdu->p2;
	u8 class = apdu->cla & ~(PERSOCARD_CLA_CHAIN | PERSOCARD_CLA_SM);
	bool ins_seen;
	u16 sw;

	if (apdu->cla == PERSOCARD_CLA_GSM)
		class = 0;	/* only an application speaks GSM */
	else if (class != PERSOCARD_CLA && class != PERSOCARD_CLA_ISO)
		return PERSOCARD_SW_CLA_UNKNOWN;
	if (persocard_chaining(card, owner) && apdu->ins != PERSOCARD_INS_PUT) {
		persocard_chain_cut(card);
		return PERSOCARD_SW_LAST_EXPECTED;
	}
	desc = find_apdu(apdu->ins, class == PERSOCARD_CLA ? GP :
				    class == PERSOCARD_CLA_ISO ? ISO : 0,
			 &ins_seen);
	/* What the card OS does not know in this class, its application may. */
	if (!desc) {
		if (apdu->cla != class && apdu->cla != PERSOCARD_CLA_GSM)
			return ins_seen ? PERSOCARD_SW_CLA_UNKNOWN :
					  PERSOCARD_SW_INS_UNKNOWN;
		return persocard_app_exec(card, owner, apdu, resp, resp_len,
					  ins_seen);
	}
	/* A C-MAC with no channel to check it against, but the first one. */
	if ((apdu->cla & PERSOCARD_CLA_SM) && !card->through_channel &&
	    apdu->ins != PERSOCARD_INS_EXT_AUTH)
		return PERSOCARD_SW_SECURITY_STATUS;
	if ((apdu->cla & PERSOCARD_CLA_CHAIN) && !desc->chains)
		return PERSOCARD_SW_NO_CHAINING;
	if (desc->p1p2_fixed && p1p2 != desc->p1p2)
		return PERSOCARD_SW_WRONG_P1P2;
	if (desc->no_data && apdu->nc)
		return PERSOCARD_SW_WRONG_LENGTH;
	sw = desc->exec(card, owner, apdu, resp, resp_len);
	/* A command that acted (SELECT, INITIALIZE UPDATE) keeps to Le too. */
	if (*resp_len > apdu->ne)
		*resp_len = 0;
	return sw;
}

/*
 * A command of a session under a secure channel: its C-MAC must hold (and
 * its data decrypt), else 6982 and the session aborts; then it runs as
 * any other, and its response is wrapped as the level asks.
 */
static u16 exec_secured(struct persocard_card *card, const void *owner,
			const struct persocard_apdu *apdu, u8 *resp,
			u32 *resp_len)
{
	struct persocard_apdu inner = *apdu;
	u32 plain_len = 0;
	u8 *plain;
	u16 sw;

	if (!(apdu->cla & PERSOCARD_CLA_SM)) {
		persocard_channel_fail(card);
		return PERSOCARD_SW_SECURITY_STATUS;
	}
	plain = kmalloc(max_t(u32, apdu->nc, 1), GFP_KERNEL);
	if (!plain)
		return PERSOCARD_SW_NO_MEMORY;	/* the APDU did not run */
	if (persocard_scp03_unwrap(&card->sc, apdu, plain, &plain_len)) {
		kfree_sensitive(plain);
		persocard_channel_fail(card);
		return PERSOCARD_SW_SECURITY_STATUS;
	}
	inner.data = plain;
	inner.nc = plain_len;

	card->through_channel = true;
	sw = dispatch(card, owner, &inner, resp, resp_len);
	card->through_channel = false;
	if (persocard_scp03_wrap_response(&card->sc, resp, resp_len,
					  PERSOCARD_VALUE_MAX_LEN, sw))
		*resp_len = 0;
	if (card->channel_ending) {
		persocard_scp03_end(&card->sc);
		card->channel_ending = false;
	}
	kfree_sensitive(plain);
	return sw;
}

/**
 * persocard_apdu_exec() - run one command APDU on the card
 * @card: the card.
 * @owner: the file sending it, as for the ioctls.
 * @apdu: the command, from persocard_apdu_parse().
 * @resp: receives the response data; %PERSOCARD_VALUE_MAX_LEN bytes.
 * @resp_len: receives its length, at most @apdu->ne (a command that acts
 *	and answers data, as SELECT and INITIALIZE UPDATE, answers none if
 *	Le is too short); under a secure channel the R-MAC and R-ENC's
 *	padding come on top, at most %PERSOCARD_VALUE_MAX_LEN in all.
 *
 * The instruction's row of the APDU table says what it takes; the row's
 * handler runs the same card OS function as the ioctl.
 *
 * While the sender's session runs under a secure channel, every APDU it
 * sends must come through it (exec_secured()).
 *
 * Return: the status word. 6E00, 6D00, 6A86, 6884, 6883 and a 6700 or
 * 6Cxx for Lc or Le are the APDU's own faults and leave the card as it
 * was (but 6883 drops the chain it cut), as does 6982 for a C-MAC with no
 * channel open; under a channel, 6982 aborts the session. Every other
 * answer is the card OS's, with the same effects as the ioctl.
 */
u16 persocard_apdu_exec(struct persocard_card *card, const void *owner,
			const struct persocard_apdu *apdu,
			u8 *resp, u32 *resp_len)
{
	*resp_len = 0;
	if (persocard_channel_open(card, owner))
		return exec_secured(card, owner, apdu, resp, resp_len);
	return dispatch(card, owner, apdu, resp, resp_len);
}

/* Life-cycle status for the ATR, ISO/IEC 7816-4 Table 13. */
static u8 life_cycle_status(enum persocard_state state)
{
	switch (state) {
	case PERSOCARD_STATE_PERSONALIZED:
		return 0x05;	/* operational, activated */
	case PERSOCARD_STATE_BLOCKED:
		return 0x0C;	/* termination */
	default:
		return 0x03;	/* initialisation */
	}
}

/**
 * persocard_atr() - the card's Answer To Reset
 * @card: the card.
 * @index: N of /dev/persocardN.
 * @atr: receives it; %PERSOCARD_ATR_MAX_LEN bytes.
 *
 * T=1 only (TS 3B, T0 8B, TD1 01), eleven historical bytes in compact-TLV
 * (category 80): card issuer's data "PERSO", the profile and the card
 * number (tag 5), the life-cycle status (tag 8), and the check byte TCK.
 * It tells cards and their profiles apart, and shows whether a card is
 * personalized; it holds nothing secret.
 *
 * Return: its length.
 */
size_t persocard_atr(const struct persocard_card *card, unsigned int index,
		     u8 *atr)
{
	static const u8 head[] = { 0x3B, 0x8B, 0x01, 0x80,
				   0x57, 'P', 'E', 'R', 'S', 'O' };
	size_t len = sizeof(head);
	u8 tck = 0;
	size_t i;

	memcpy(atr, head, len);
	atr[len++] = card->profile->id;
	atr[len++] = index;
	atr[len++] = 0x81;
	atr[len++] = life_cycle_status(persocard_state(card));
	/* TCK: all bytes from T0 to it XOR to zero. */
	for (i = 1; i < len; i++)
		tck ^= atr[i];
	atr[len++] = tck;
	return len;
}
