// SPDX-License-Identifier: GPL-2.0
/*
 * The GlobalPlatform way through the card OS's state machine: a security
 * domain to select and ask about, an SCP03 secure channel in place of the
 * perso code, and STORE DATA of EMV CPS data groupings (DGIs) in place of
 * PUT PERSO DATA. The same table decides every step (state.c), the same
 * try counter pays for every authentication, the same staging and commit
 * keep the data; Documentation/persocard/apdu.rst maps one way onto the
 * other.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <crypto/algapi.h>
#include <crypto/sha2.h>

#include "apdu.h"
#include "card_internal.h"
#include "../compat.h"

#define SW_OK		PERSOCARD_SW_OK

static const u8 isd_aid[PERSOCARD_ISD_AID_LEN] = PERSOCARD_ISD_AID;

/* The AID of security domain @which of @card: 0 the ISD, 1 its profile's. */
static void sd_aid(const struct persocard_card *card, unsigned int which,
		   u8 *aid)
{
	if (!which) {
		memcpy(aid, isd_aid, sizeof(isd_aid));
		return;
	}
	memcpy(aid, PERSOCARD_SD_AID_PREFIX, PERSOCARD_SD_AID_LEN - 1);
	aid[PERSOCARD_SD_AID_LEN - 1] = card->profile->id;
}

/**
 * persocard_find_sd() - which of the card's security domains an AID names
 * @card: the card.
 * @aid: the AID.
 * @len: its length; 0 names the ISD.
 *
 * Return: 0 for the ISD, 1 for the profile's domain, -1 for neither.
 */
int persocard_find_sd(const struct persocard_card *card, const u8 *aid,
		      size_t len)
{
	u8 own[PERSOCARD_SD_AID_LEN];
	unsigned int which;

	if (!len)
		return 0;	/* SELECT without an AID: the ISD */
	for (which = 0; which < 2; which++) {
		sd_aid(card, which, own);
		if (len == sizeof(own) && !memcmp(aid, own, len))
			return which;
	}
	return -1;
}

/**
 * persocard_select() - SELECT a security domain by its AID
 * @card: the card.
 * @owner: the file sending it.
 * @aid: the AID; @aid_len 0 selects the ISD.
 * @aid_len: its length.
 * @fci: receives the domain's FCI (6F: 84 AID, A5: 9F65 block size).
 * @fci_len: receives its length; 0 on a refusal.
 *
 * Selecting ends the sender's session, as GlobalPlatform has it.
 *
 * Return: 9000; 6A82 for an AID the card has not (nothing changes); 6985
 * while another file's session runs.
 */
u16 persocard_select(struct persocard_card *card, const void *owner,
		     const u8 *aid, size_t aid_len, u8 *fci, u32 *fci_len)
{
	int which = persocard_find_sd(card, aid, aid_len);
	u16 sw;

	*fci_len = 0;
	if (which < 0)
		return PERSOCARD_SW_AID_NOT_FOUND;
	sw = persocard_admit(card, owner, PERSOCARD_OP_SELECT);
	if (sw)
		return sw;
	if (card->owner == owner)
		persocard_end_session(card);
	persocard_app_reset(card);	/* the application is no longer selected */
	card->selected = which;

	fci[0] = 0x6F;
	fci[1] = 2 + PERSOCARD_SD_AID_LEN + 2 + 4;
	fci[2] = 0x84;
	fci[3] = PERSOCARD_SD_AID_LEN;
	sd_aid(card, which, fci + 4);
	fci[12] = 0xA5;
	fci[13] = 4;
	fci[14] = 0x9F;		/* largest command data field: 255 */
	fci[15] = 0x65;
	fci[16] = 1;
	fci[17] = 0xFF;
	*fci_len = 18;
	return SW_OK;
}

/*
 * Card recognition data (GPC 2.3.1 H.2): GP 2.2.1, SCP03 i=70 if set;
 * each OID under GlobalPlatform's {1 2 840 114283}, 2A 86 48 86 FC 6B.
 */
static u32 card_data(const struct persocard_card *card, u8 *out)
{
	static const u8 head[] = {
		0x73, 0x00,
		0x06, 0x07, 0x2A, 0x86, 0x48, 0x86, 0xFC, 0x6B, 0x01,
		0x60, 0x0C, 0x06, 0x0A, 0x2A, 0x86, 0x48, 0x86, 0xFC, 0x6B,
		0x02, 0x02, 0x02, 0x01,
		0x63, 0x09, 0x06, 0x07, 0x2A, 0x86, 0x48, 0x86, 0xFC, 0x6B, 0x03,
	};
	static const u8 scp03[] = {
		0x64, 0x0B, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xFC, 0x6B,
		0x04, 0x03, PERSOCARD_SCP03_I,
	};
	u32 len = 2 + sizeof(head);

	out[0] = 0x66;
	memcpy(out + 2, head, sizeof(head));
	if (persocard_card_scp03(card)) {
		memcpy(out + len, scp03, sizeof(scp03));
		len += sizeof(scp03);
	}
	out[1] = len - 2;
	out[3] = len - 4;
	return len;
}

/* Key information template: ENC, MAC and DEK, AES (88), of one version. */
static u32 key_info(const struct persocard_card *card, u8 *out)
{
	const struct persocard_scp03_keyset *keys = &card->rec.keys;
	unsigned int id;
	u32 len = 2;

	out[0] = 0xE0;
	for (id = 1; id <= 3; id++) {
		out[len++] = 0xC0;
		out[len++] = 4;
		out[len++] = id;
		out[len++] = keys->kvn;
		out[len++] = 0x88;
		out[len++] = keys->key_len;
	}
	out[1] = len - 2;
	return len;
}

/*
 * CPLC (GPC 2.3.1 H.6, 42 bytes): what the maker's fab would have written,
 * from the card's own facts; the personalization trace last.
 */
static u32 cplc(const struct persocard_card *card, u8 *out)
{
	u8 *p = out + 3;

	out[0] = 0x9F;
	out[1] = 0x7F;
	out[2] = PERSOCARD_CPLC_LEN;
	memset(p, 0, PERSOCARD_CPLC_LEN);
	put_unaligned_be16(0x5043, p);			/* IC fabricator */
	put_unaligned_be16(card->profile->id, p + 2);	/* IC type */
	put_unaligned_be16(0x7065, p + 4);		/* operating system */
	put_unaligned_be16(0x6335, p + 6);		/* its release date */
	put_unaligned_be16(PERSOCARD_ABI_VERSION, p + 8);
	put_unaligned_be16(card->rec.made, p + 10);	/* fabrication date */
	put_unaligned_be32((u32)card->rec.serial, p + 12);
	put_unaligned_be16((card->rec.serial >> 32) & 0xffff, p + 16);
	put_unaligned_be16(0x5043, p + 22);		/* ICC manufacturer */
	memcpy(p + 34, card->rec.trace, sizeof(card->rec.trace));
	return 3 + PERSOCARD_CPLC_LEN;
}

/**
 * persocard_card_data() - GET DATA of the security domain's own objects
 * @card: the card.
 * @tag: %PERSOCARD_GP_CARD_DATA, %PERSOCARD_GP_KEY_INFO or
 *	%PERSOCARD_GP_CPLC.
 * @out: receives the object, tag and length included; 64 bytes of room.
 * @len: receives its length.
 *
 * Answered in every state; nothing secret is in them (the key
 * information names the keys' version, type and length only).
 *
 * Return: 9000; 6A88 for another tag, or for the key information of a
 * card that takes the perso code.
 */
u16 persocard_card_data(struct persocard_card *card, u16 tag, u8 *out,
			u32 *len)
{
	*len = 0;
	switch (tag) {
	case PERSOCARD_GP_CARD_DATA:
		*len = card_data(card, out);
		return SW_OK;
	case PERSOCARD_GP_KEY_INFO:
		if (!persocard_card_scp03(card))
			return PERSOCARD_SW_NOT_FOUND;
		*len = key_info(card, out);
		return SW_OK;
	case PERSOCARD_GP_CPLC:
		*len = cplc(card, out);
		return SW_OK;
	}
	return PERSOCARD_SW_NOT_FOUND;
}

/**
 * persocard_init_update() - INITIALIZE UPDATE: the secure channel begins
 * @card: the card.
 * @owner: the file sending it.
 * @kvn: the key version the host means; 0 for the card's.
 * @challenge: the host challenge.
 * @len: its length: 8.
 * @resp: receives KDD, key information, card challenge, card cryptogram
 *	and sequence counter: 32 bytes.
 * @resp_len: receives 32, or 0 on a refusal.
 *
 * The sequence counter goes up in NVM first, so no challenge is ever
 * given twice. A second INITIALIZE UPDATE starts over. No try is spent.
 *
 * Return: 9000; 6700 for a challenge of another length; 6A88 for another
 * key version; 6985 once the counter is spent, or as persocard_enable();
 * 6581 if NVM failed; 6A84 if memory ran out. Refusals abort the session.
 */
u16 persocard_init_update(struct persocard_card *card, const void *owner,
			  u8 kvn, const u8 *challenge, size_t len, u8 *resp,
			  u32 *resp_len)
{
	enum persocard_state from = persocard_state(card);
	const struct persocard_scp03_keyset *keys = &card->rec.keys;
	struct persocard_record next;
	u8 seq[PERSOCARD_SCP03_SEQ_LEN];
	u8 aid[PERSOCARD_SD_AID_LEN];
	int ret;
	u16 sw;

	*resp_len = 0;
	sw = persocard_admit(card, owner, PERSOCARD_OP_INIT_UPDATE);
	if (sw)
		return sw;
	if (len != PERSOCARD_SCP03_CHALLENGE_LEN)
		return persocard_refuse(card, PERSOCARD_SW_WRONG_LENGTH);
	if (kvn && kvn != keys->kvn)
		return persocard_refuse(card, PERSOCARD_SW_NOT_FOUND);
	if (card->rec.scp_seq >= PERSOCARD_SCP03_SEQ_MAX)
		return persocard_refuse(card, PERSOCARD_SW_CONDITIONS);

	persocard_scp03_end(&card->sc);
	next = card->rec;
	next.scp_seq++;
	if (persocard_update(card, &next))
		return persocard_refuse(card, PERSOCARD_SW_MEMORY_FAILURE);
	seq[0] = card->rec.scp_seq >> 16;
	put_unaligned_be16(card->rec.scp_seq & 0xffff, seq + 1);
	sd_aid(card, card->selected, aid);
	ret = persocard_scp03_begin(&card->sc, keys, challenge, seq, aid,
				    sizeof(aid));
	if (!ret)
		ret = persocard_scp03_card_cryptogram(&card->sc, resp + 21);
	if (ret)
		return persocard_refuse(card, ret == -ENOMEM ?
					PERSOCARD_SW_NO_MEMORY :
					PERSOCARD_SW_MEMORY_FAILURE);

	/* KDD: the serial; key version, SCP03, "i"; challenge; cryptogram. */
	resp[0] = 0;
	resp[1] = 0;
	put_unaligned_be64(card->rec.serial, resp + 2);
	resp[10] = keys->kvn;
	resp[11] = 0x03;
	resp[12] = PERSOCARD_SCP03_I;
	memcpy(resp + 13, card->sc.card_challenge,
	       PERSOCARD_SCP03_CHALLENGE_LEN);
	memcpy(resp + 29, seq, sizeof(seq));
	*resp_len = 32;
	persocard_advance(card, from, PERSOCARD_OP_INIT_UPDATE);
	return SW_OK;
}

/* The levels SCP03 defines (Amendment D table 7-3): 01, 03, 11, 13, 33. */
static bool level_valid(u8 level)
{
	const u8 cmac = PERSOCARD_SCP03_CMAC, cdec = PERSOCARD_SCP03_CDEC;
	const u8 rmac = PERSOCARD_SCP03_RMAC, renc = PERSOCARD_SCP03_RENC;

	return level == cmac || level == (cmac | cdec) ||
	       level == (cmac | rmac) || level == (cmac | cdec | rmac) ||
	       level == (cmac | cdec | rmac | renc);
}

/**
 * persocard_ext_auth() - EXTERNAL AUTHENTICATE: the host proves its keys
 * @card: the card.
 * @owner: the file sending it.
 * @apdu: the command as received: CLA with %PERSOCARD_CLA_SM, P1 the
 *	security level, the host cryptogram and the C-MAC.
 * @tries_left: receives the try counter after the command.
 *
 * As VERIFY PERSO CODE: the try counter goes down in NVM before anything
 * is checked; a wrong host cryptogram or C-MAC is a failed
 * authentication; a right one restores the counter and opens the channel
 * at the level asked.
 *
 * Return: 9000 (PERSONALIZING, the channel open); 63Cx on a failure, x
 * tries left (BLOCKED at 63C0); 6985 without INITIALIZE UPDATE before it;
 * 6982 without secure messaging in CLA; 6A86 for an unknown level or P2;
 * 6700 for data other than 16 bytes; 6581 if NVM failed. Every refusal
 * aborts the session.
 */
u16 persocard_ext_auth(struct persocard_card *card, const void *owner,
		       const struct persocard_apdu *apdu, u8 *tries_left)
{
	enum persocard_state from = persocard_state(card);
	u8 tries = persocard_tries_left(card);
	u8 plain[2 * PERSOCARD_SCP03_MAC_LEN];
	u32 plain_len = 0;
	bool right;
	u16 sw;

	sw = persocard_admit(card, owner, PERSOCARD_OP_EXT_AUTH);
	if (sw)
		goto out;
	if (!card->sc.cmac)
		sw = PERSOCARD_SW_CONDITIONS;
	else if (!(apdu->cla & PERSOCARD_CLA_SM))
		sw = PERSOCARD_SW_SECURITY_STATUS;
	else if (!level_valid(apdu->p1) || apdu->p2)
		sw = PERSOCARD_SW_WRONG_P1P2;
	else if (apdu->nc != sizeof(plain))
		sw = PERSOCARD_SW_WRONG_LENGTH;
	if (sw) {
		sw = persocard_refuse(card, sw);
		goto out;
	}
	if (persocard_write_tries(card, tries - 1)) {
		sw = persocard_refuse(card, PERSOCARD_SW_MEMORY_FAILURE);
		goto out;
	}

	right = !persocard_scp03_unwrap(&card->sc, apdu, plain, &plain_len) &&
		plain_len == PERSOCARD_SCP03_CRYPTOGRAM_LEN &&
		persocard_scp03_host_cryptogram_ok(&card->sc, plain);
	memzero_explicit(plain, sizeof(plain));
	if (!right) {
		sw = persocard_refuse(card,
				      PERSOCARD_SW_VERIFY_FAILED | (tries - 1));
		goto out;
	}
	if (persocard_write_tries(card, card->rec.try_limit)) {
		sw = persocard_refuse(card, PERSOCARD_SW_MEMORY_FAILURE);
		goto out;
	}
	persocard_scp03_open(&card->sc, apdu->p1);
	persocard_advance(card, from, PERSOCARD_OP_EXT_AUTH);
	sw = SW_OK;
out:
	*tries_left = persocard_tries_left(card);
	return sw;
}

/**
 * persocard_channel_open() - is @owner's session under a secure channel?
 * @card: the card.
 * @owner: the file asking.
 *
 * Return: true from a successful EXTERNAL AUTHENTICATE to the session's
 * end: every command of @owner must then come through the channel.
 */
bool persocard_channel_open(const struct persocard_card *card,
			    const void *owner)
{
	return card->sc.level && card->owner == owner;
}

/**
 * persocard_channel_fail() - a command failed the channel's checks
 * @card: the card; its owner sent the command.
 *
 * GlobalPlatform: the session aborts, the channel with it.
 */
void persocard_channel_fail(struct persocard_card *card)
{
	persocard_end_session(card);
}

/* Take in one whole DGI value: decrypt it if it came so, then stage it. */
static u16 take_dgi(struct persocard_card *card, u16 tag, const u8 *value,
		    size_t len, bool encrypted)
{
	size_t plain_len = len;
	u8 *plain = NULL;
	u16 sw;

	if (tag == PERSOCARD_DGI_END)
		return 0;
	if (encrypted) {
		plain = kmalloc(len, GFP_KERNEL);
		if (!plain)
			return PERSOCARD_SW_NO_MEMORY;
		if (persocard_scp03_dek_decrypt(&card->rec.keys, value, len,
						plain, &plain_len)) {
			kfree_sensitive(plain);
			return PERSOCARD_SW_WRONG_DATA;
		}
		value = plain;
	}
	if (tag == PERSOCARD_DGI_PERSO_TRACE) {
		sw = plain_len == sizeof(card->trace) ? 0 :
		     PERSOCARD_SW_WRONG_LENGTH;
		if (!sw) {
			memcpy(card->trace, value, sizeof(card->trace));
			card->trace_set = true;
		}
	} else {
		sw = persocard_stage_value(card, tag, value, plain_len);
	}
	kfree_sensitive(plain);
	return sw;
}

static bool dgi_secret(const struct persocard_card *card, u16 tag)
{
	int index = persocard_profile_index(card->profile, tag);

	return index >= 0 &&
	       (card->profile->elements[index].flags & PERSOCARD_TAG_SECRET);
}

/* Whether a DGI's value is under the DEK, by P1 (GPC 2.3.1 11.11.2.1). */
static bool dgi_encrypted(const struct persocard_card *card, u8 p1, u16 tag)
{
	switch (p1 & PERSOCARD_STORE_ENC_MASK) {
	case PERSOCARD_STORE_ENC_ALL:
		return tag != PERSOCARD_DGI_END;
	case PERSOCARD_STORE_ENC_SECRET:
		return dgi_secret(card, tag);
	}
	return false;
}

static bool dgi_known(const struct persocard_card *card, u16 tag)
{
	return tag == PERSOCARD_DGI_END || tag == PERSOCARD_DGI_PERSO_TRACE ||
	       persocard_profile_index(card->profile, tag) >= 0;
}

/* The rest of a DGI begun in an earlier STORE DATA. */
static u16 continue_dgi(struct persocard_card *card, const u8 *data,
			size_t len, size_t *pos)
{
	struct persocard_dgi_rx *rx = &card->dgi;
	size_t take = min_t(size_t, len, rx->len - rx->got);
	u16 sw;

	memcpy(rx->buf + rx->got, data, take);
	rx->got += take;
	*pos = take;
	if (rx->got < rx->len)
		return 0;
	sw = take_dgi(card, rx->tag, rx->buf, rx->len, rx->encrypted);
	kfree_sensitive(rx->buf);
	rx->buf = NULL;
	return sw;
}

/*
 * One DGI from @data at *@pos: tag, length (one byte to FE, or FF and two
 * more), value; a value may go on in the next command unless @last.
 */
static u16 next_dgi(struct persocard_card *card, u8 p1, const u8 *data,
		    size_t len, size_t *pos)
{
	const u8 *p = data + *pos;
	size_t left = len - *pos;
	size_t head = 3, vlen;
	bool encrypted;
	u16 tag;

	if (left < 3 || (p[2] == 0xFF && left < 5))
		return PERSOCARD_SW_WRONG_DATA;	/* a header cut short */
	tag = get_unaligned_be16(p);
	vlen = p[2];
	if (vlen == 0xFF) {
		vlen = get_unaligned_be16(p + 3);
		head = 5;
	}
	if (!dgi_known(card, tag))
		return PERSOCARD_SW_NOT_FOUND;
	if (tag == PERSOCARD_DGI_END && !vlen) {
		*pos += head;	/* the end marker, empty as a rule */
		return 0;
	}
	encrypted = dgi_encrypted(card, p1, tag);
	if (dgi_secret(card, tag) && !encrypted)
		return PERSOCARD_SW_WRONG_DATA;	/* secrets come under the DEK */
	if (!vlen || vlen > PERSOCARD_VALUE_MAX_LEN +
			    (encrypted ? PERSOCARD_SCP03_BLOCK : 0))
		return PERSOCARD_SW_WRONG_LENGTH;

	left -= head;
	p += head;
	if (vlen <= left) {
		*pos += head + vlen;
		return take_dgi(card, tag, p, vlen, encrypted);
	}
	if (p1 & PERSOCARD_STORE_LAST)
		return PERSOCARD_SW_WRONG_DATA;	/* overruns the last block */
	card->dgi.buf = kmalloc(vlen, GFP_KERNEL);
	if (!card->dgi.buf)
		return PERSOCARD_SW_NO_MEMORY;
	memcpy(card->dgi.buf, p, left);
	card->dgi.tag = tag;
	card->dgi.len = vlen;
	card->dgi.got = left;
	card->dgi.encrypted = encrypted;
	*pos = len;
	return 0;
}

static bool store_p1_valid(u8 p1)
{
	return (p1 & 0x18) == PERSOCARD_STORE_DGI && !(p1 & 0x06) &&
	       (p1 & PERSOCARD_STORE_ENC_MASK) != 0x40;
}

/**
 * persocard_store_data() - STORE DATA: one block of DGIs
 * @card: the card.
 * @owner: the file sending it, through the secure channel.
 * @p1: last block (%PERSOCARD_STORE_LAST), encryption, and DGI format.
 * @p2: the block number: 0 first, then one more each time.
 * @data: the DGIs, after the channel's own decryption.
 * @len: their bytes.
 *
 * Each whole DGI is staged as PUT PERSO DATA stages a value, its tag the
 * element's; a secret element's DGI must be encrypted under Key-DEK.
 *
 * Return: 9000; 6A86 for a P1 other than DGI format or a block out of
 * sequence; 6A80 for a DGI cut in its header, one overrunning the last
 * block, a secret sent in the clear or a value that does not decrypt;
 * 6A88 for a DGI the profile lacks; 6700, 6A80, 6A84 for the value as
 * persocard_put(); or as persocard_enable(). Refusals abort the session.
 */
u16 persocard_store_data(struct persocard_card *card, const void *owner,
			 u8 p1, u8 p2, const u8 *data, size_t len)
{
	enum persocard_state from = persocard_state(card);
	size_t pos = 0;
	u16 sw;

	sw = persocard_admit(card, owner, PERSOCARD_OP_STORE);
	if (sw)
		return sw;
	if (!store_p1_valid(p1) || p2 != card->store_block)
		return persocard_refuse(card, PERSOCARD_SW_WRONG_P1P2);
	if (!len)
		return persocard_refuse(card, PERSOCARD_SW_WRONG_LENGTH);

	if (card->dgi.buf)
		sw = continue_dgi(card, data, len, &pos);
	if (card->dgi.buf && (p1 & PERSOCARD_STORE_LAST))
		sw = PERSOCARD_SW_WRONG_DATA;
	while (!sw && pos < len)
		sw = next_dgi(card, p1, data, len, &pos);
	if (sw)
		return persocard_refuse(card, sw);

	card->store_block = p1 & PERSOCARD_STORE_LAST ? 0 : p2 + 1;
	persocard_advance(card, from, PERSOCARD_OP_STORE);
	return SW_OK;
}

/**
 * persocard_receipt() - LOCK's receipt, before the commit
 * @card: the card, its session under a secure channel.
 *
 * A CMAC under S-MAC over "RCPT", the serial, the profile, the number and
 * tags of the elements to be committed, and SHA-256 of each one's tag,
 * length and value, in the profile's order: the bureau checks what the
 * card stores without any of it coming back.
 *
 * Return: 0, or the crypto API's error.
 */
int persocard_receipt(struct persocard_card *card)
{
	const struct persocard_profile *profile = card->profile;
	u8 input[4 + 8 + 1 + 1 + 2 * PERSOCARD_MAX_TAGS + SHA256_DIGEST_SIZE];
	struct sha256_state sha;
	unsigned int i, n = 0;
	size_t len = 14;
	u8 head[4];
	int ret;

	memcpy(input, "RCPT", 4);
	put_unaligned_be64(card->rec.serial, input + 4);
	input[12] = profile->id;
	sha256_init(&sha);
	for (i = 0; i < profile->nr_elements; i++) {
		if (!card->staged_len[i])
			continue;
		put_unaligned_be16(profile->elements[i].tag, head);
		put_unaligned_be16(card->staged_len[i], head + 2);
		sha256_update(&sha, head, sizeof(head));
		sha256_update(&sha, card->staged[i], card->staged_len[i]);
		put_unaligned_be16(profile->elements[i].tag, input + len);
		len += 2;
		n++;
	}
	input[13] = n;
	sha256_final(&sha, input + len);
	len += SHA256_DIGEST_SIZE;
	ret = persocard_scp03_mac(&card->sc, input, len, card->receipt);
	memzero_explicit(input, sizeof(input));
	card->receipt_ready = !ret;
	return ret;
}
