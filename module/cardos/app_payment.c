// SPDX-License-Identifier: GPL-2.0
/*
 * The payment card's application: an EMV contact card that goes online
 * for every transaction (EMV 4.3 Books 1 and 3).
 *
 * SELECT finds the payment system environment (1PAY.SYS.DDF01, with its
 * directory record), the proximity one (2PAY.SYS.DDF01, the directory in
 * its FCI) and the application, by its AID or a prefix of it; READ RECORD
 * reads the application's records, GET PROCESSING OPTIONS answers the AIP
 * and AFL, VERIFY takes a plaintext offline PIN and GENERATE AC answers an
 * ARQC (or an AAC) under the session key of a transaction counter that
 * went up in NVM before the cryptogram was computed: no two cryptograms
 * ever share an ATC, whatever the power does.
 *
 * Not offered: offline data authentication (the profile holds an RSA
 * private exponent but no modulus, so no SDA, DDA or CDA), enciphered
 * PINs, the second GENERATE AC and issuer scripts (MK-SMI and MK-SMC, the
 * second and third keys of icc_keys, go unused).
 */
#include <linux/kernel.h>
#include <linux/string.h>

#include "../compat.h"
#include "apdu.h"
#include "card_internal.h"
#include "emv.h"

#define PAY_TAG_RECORDS		0x0101
#define PAY_TAG_SELECT_RESPONSE	0x9102
#define PAY_TAG_GPO_RESPONSE	0x9104
#define PAY_TAG_PIN_TRY_LIMIT	0x9010
#define PAY_TAG_ICC_KEYS	0x8000
#define PAY_TAG_PIN_BLOCK	0x8010
#define PAY_ICC_KEYS_MAX	96	/* icc_keys' largest (profile.c) */
#define PAY_PIN_BLOCK_MAX	16	/* pin_block's largest */

/* What SELECT chose (struct persocard_app_state.selected) */
#define PAY_SEL_PSE		1
#define PAY_SEL_PPSE		2
#define PAY_SEL_APP		3

/* How far the transaction went (struct persocard_app_state.phase) */
#define PAY_PHASE_SELECTED	0
#define PAY_PHASE_GPO		1	/* GET PROCESSING OPTIONS answered */
#define PAY_PHASE_AC		2	/* GENERATE AC ran: the end */

#define PAY_DDF_NAME_LEN	14
#define PAY_SFI_DIR		1	/* the PSE's directory file */
#define PAY_SFI_MAX		30	/* 31 is RFU */
#define PAY_AID_MIN		5
#define PAY_AID_MAX		16
#define PAY_LABEL_MAX		16
#define PAY_CDOL_DATA_MAX	255	/* a short Lc */

/* GENERATE AC's P1: the cryptogram asked for, CDA, RFU bits */
#define PAY_AC_TYPE		0xC0
#define PAY_AC_AAC		0x00
#define PAY_AC_RFU		0xC0
#define PAY_AC_CDA		0x10
#define PAY_CID_AAC		0x00
#define PAY_CID_ARQC		0x80

static const u8 pay_pse_name[PAY_DDF_NAME_LEN] = "1PAY.SYS.DDF01";
static const u8 pay_ppse_name[PAY_DDF_NAME_LEN] = "2PAY.SYS.DDF01";

/* The application, as its FCI (select_response) names it */
struct pay_entry {
	u8 aid[PAY_AID_MAX];
	u8 aid_len;
	u8 label[PAY_LABEL_MAX];
	u8 label_len;
	u8 prio;
	bool has_prio;
};

/*
 * One BER-TLV object at the start of @buf: a tag of up to three bytes, a
 * length of up to three (82 LL LL). False if it does not fit in @len.
 */
static bool pay_tlv_next(const u8 *buf, size_t len, u32 *tag, const u8 **value,
			 size_t *value_len, size_t *used)
{
	size_t n = 0, l;

	if (!len)
		return false;
	*tag = buf[n++];
	if ((*tag & 0x1F) == 0x1F) {
		do {
			if (n == len || n == 3)
				return false;
			*tag = *tag << 8 | buf[n];
		} while (buf[n++] & 0x80);
	}
	if (n == len)
		return false;
	l = buf[n++];
	if (l == 0x81 || l == 0x82) {
		unsigned int k = l & 0x7F;

		if (len - n < k)
			return false;
		for (l = 0; k--; )
			l = l << 8 | buf[n++];
	} else if (l > 0x7F) {
		return false;
	}
	if (l > len - n)
		return false;
	*value = buf + n;
	*value_len = l;
	*used = n + l;
	return true;
}

/* The first object tagged @tag among the objects of @buf. */
static bool pay_tlv_find(const u8 *buf, size_t len, u32 tag, const u8 **value,
			 size_t *value_len)
{
	size_t used;
	u32 t;

	while (pay_tlv_next(buf, len, &t, value, value_len, &used)) {
		if (t == tag)
			return true;
		buf += used;
		len -= used;
	}
	return false;
}

/* The sum of the lengths a data object list asks for, or -1. */
static int pay_dol_len(const u8 *dol, size_t len)
{
	size_t n = 0;
	int sum = 0;

	while (n < len) {
		/* A tag, as pay_tlv_next() reads them, then one length byte. */
		if ((dol[n++] & 0x1F) == 0x1F) {
			do {
				if (n == len)
					return -1;
			} while (dol[n++] & 0x80);
		}
		if (n == len)
			return -1;
		sum += dol[n++];
	}
	return sum;
}

/*
 * The application select_response names: 6F { 84 AID, A5 { 50 label,
 * 87 priority } }. -ENOENT for an FCI that names none.
 */
static int pay_app_entry(const struct persocard_card *card, u8 *buf, u16 *len,
			 struct pay_entry *e)
{
	const u8 *fci, *prop, *v;
	size_t fci_len, prop_len, l;
	int ret;

	memset(e, 0, sizeof(*e));
	ret = persocard_app_element(card, PAY_TAG_SELECT_RESPONSE, buf, len);
	if (ret)
		return ret;
	if (!pay_tlv_find(buf, *len, 0x6F, &fci, &fci_len) ||
	    !pay_tlv_find(fci, fci_len, 0x84, &v, &l) ||
	    l < PAY_AID_MIN || l > PAY_AID_MAX)
		return -ENOENT;
	memcpy(e->aid, v, l);
	e->aid_len = l;
	if (!pay_tlv_find(fci, fci_len, 0xA5, &prop, &prop_len))
		return 0;
	if (pay_tlv_find(prop, prop_len, 0x50, &v, &l) && l <= PAY_LABEL_MAX) {
		memcpy(e->label, v, l);
		e->label_len = l;
	}
	if (pay_tlv_find(prop, prop_len, 0x87, &v, &l) && l == 1) {
		e->prio = v[0];
		e->has_prio = true;
	}
	return 0;
}

/* The directory entry 61 { 4F AID, 50 label, 87 priority }: its size. */
static size_t pay_put_entry(u8 *out, const struct pay_entry *e)
{
	size_t n = 2;

	out[0] = 0x61;
	n += persocard_app_tlv(out + n, 0x4F, e->aid, e->aid_len);
	if (e->label_len)
		n += persocard_app_tlv(out + n, 0x50, e->label, e->label_len);
	if (e->has_prio)
		n += persocard_app_tlv(out + n, 0x87, &e->prio, 1);
	out[1] = n - 2;
	return n;
}

/* 6F { 84 1PAY.SYS.DDF01, A5 { 88 SFI } } */
static size_t pay_pse_fci(u8 *out)
{
	u8 *p = out + 2;

	p += persocard_app_tlv(p, 0x84, pay_pse_name, PAY_DDF_NAME_LEN);
	*p++ = 0xA5;
	*p++ = 3;
	*p++ = 0x88;
	*p++ = 1;
	*p++ = PAY_SFI_DIR;
	out[0] = 0x6F;
	out[1] = p - out - 2;
	return p - out;
}

/* 6F { 84 2PAY.SYS.DDF01, A5 { BF0C { 61 ... } } } */
static size_t pay_ppse_fci(u8 *out, const struct pay_entry *e)
{
	u8 *p = out + 2, *a5, *bf0c;

	p += persocard_app_tlv(p, 0x84, pay_ppse_name, PAY_DDF_NAME_LEN);
	a5 = p;
	bf0c = a5 + 2;
	p = bf0c + 3;
	p += pay_put_entry(p, e);
	bf0c[0] = 0xBF;
	bf0c[1] = 0x0C;
	bf0c[2] = p - bf0c - 3;
	a5[0] = 0xA5;
	a5[1] = p - a5 - 2;
	out[0] = 0x6F;
	out[1] = p - out - 2;
	return p - out;
}

/*
 * SELECT by DF name (EMV Book 1 11.3): P2 00 the first occurrence, 02 the
 * next (there is one DF of each name, so the next of the one selected is
 * none), 0C and 0E the same without the FCI.
 */
static u16 pay_select_df(struct persocard_card *card,
			 const struct persocard_apdu *apdu, u8 *resp,
			 u32 *resp_len)
{
	struct persocard_app_state *app = &card->app;
	bool fci = !(apdu->p2 & 0x0C);
	struct pay_entry e;
	u8 which = 0;
	u16 len;
	int ret;

	if (apdu->p1 != 0x04)
		return apdu->p1 <= 0x09 ? PERSOCARD_SW_AID_NOT_FOUND :
					  PERSOCARD_SW_WRONG_P1P2;
	if (apdu->p2 != 0x00 && apdu->p2 != 0x02 && apdu->p2 != 0x0C &&
	    apdu->p2 != 0x0E)
		return PERSOCARD_SW_WRONG_P1P2;
	ret = pay_app_entry(card, resp, &len, &e);
	if (ret == -EIO)
		return PERSOCARD_SW_MEMORY_FAILURE;
	if (ret)
		return PERSOCARD_SW_AID_NOT_FOUND;	/* no application */
	if (apdu->nc == PAY_DDF_NAME_LEN &&
	    !memcmp(apdu->data, pay_pse_name, PAY_DDF_NAME_LEN))
		which = PAY_SEL_PSE;
	else if (apdu->nc == PAY_DDF_NAME_LEN &&
		 !memcmp(apdu->data, pay_ppse_name, PAY_DDF_NAME_LEN))
		which = PAY_SEL_PPSE;
	/* A partial name selects the application it begins (EMV Book 1 12.3). */
	else if (apdu->nc >= PAY_AID_MIN && apdu->nc <= e.aid_len &&
		 !memcmp(apdu->data, e.aid, apdu->nc))
		which = PAY_SEL_APP;
	if (!which || ((apdu->p2 & 0x03) == 0x02 && app->selected == which))
		return PERSOCARD_SW_AID_NOT_FOUND;

	/* A new selection: a new transaction. */
	app->selected = which;
	app->phase = PAY_PHASE_SELECTED;
	app->pin_ok = false;
	if (!fci)
		return PERSOCARD_SW_OK;
	if (which == PAY_SEL_PSE)
		*resp_len = pay_pse_fci(resp);
	else if (which == PAY_SEL_PPSE)
		*resp_len = pay_ppse_fci(resp, &e);
	else
		*resp_len = len;	/* select_response, as stored */
	return PERSOCARD_SW_OK;
}

/* An element READ RECORD may answer: one of the profile's, not secret. */
static bool pay_record_tag(const struct persocard_card *card, u16 tag)
{
	int index = persocard_profile_index(card->profile, tag);

	return index >= 0 &&
	       !(card->profile->elements[index].flags & PERSOCARD_TAG_SECRET);
}

/*
 * READ RECORD P1 record, P2 SFI << 3 | 4: the PSE's directory record, or
 * the application's record r of SFI s, the element of tag s << 8 | r.
 */
static u16 pay_read_record(struct persocard_card *card,
			   const struct persocard_apdu *apdu, u8 *resp,
			   u32 *resp_len)
{
	u8 sfi = apdu->p2 >> 3, rec = apdu->p1;
	u16 tag = sfi << 8 | rec;
	struct pay_entry e;
	u16 len;
	int ret;

	if ((apdu->p2 & 0x07) != 0x04)
		return PERSOCARD_SW_WRONG_P1P2;
	if (apdu->nc)
		return PERSOCARD_SW_WRONG_LENGTH;
	switch (card->app.selected) {
	case PAY_SEL_PSE:
		if (sfi != PAY_SFI_DIR || rec != 1)
			return PERSOCARD_SW_RECORD_NOT_FOUND;
		ret = pay_app_entry(card, resp, &len, &e);
		if (ret)
			return ret == -EIO ? PERSOCARD_SW_MEMORY_FAILURE :
					     PERSOCARD_SW_RECORD_NOT_FOUND;
		resp[0] = 0x70;
		resp[1] = pay_put_entry(resp + 2, &e);
		*resp_len = 2 + resp[1];
		return PERSOCARD_SW_OK;
	case PAY_SEL_APP:
		if (!sfi || sfi > PAY_SFI_MAX || !pay_record_tag(card, tag))
			return PERSOCARD_SW_RECORD_NOT_FOUND;
		ret = persocard_app_element(card, tag, resp, &len);
		if (ret)
			return ret == -EIO ? PERSOCARD_SW_MEMORY_FAILURE :
					     PERSOCARD_SW_RECORD_NOT_FOUND;
		*resp_len = len;
		return PERSOCARD_SW_OK;
	case PAY_SEL_PPSE:
		return PERSOCARD_SW_RECORD_NOT_FOUND;	/* it has no files */
	default:
		return PERSOCARD_SW_NO_CURRENT_EF;
	}
}

/*
 * GET PROCESSING OPTIONS with 83 L PDOL-data: once per selection of the
 * application, the personalized answer (80 AIP AFL, or 77 { 82, 94 }).
 * The PDOL data are not used.
 */
static u16 pay_get_processing_options(struct persocard_card *card,
				      const struct persocard_apdu *apdu,
				      u8 *resp, u32 *resp_len)
{
	struct persocard_app_state *app = &card->app;
	const u8 *value;
	size_t value_len, used;
	u16 len;
	u32 tag;
	int ret;

	if (apdu->p1 || apdu->p2)
		return PERSOCARD_SW_WRONG_P1P2;
	if (app->selected != PAY_SEL_APP || app->phase != PAY_PHASE_SELECTED)
		return PERSOCARD_SW_CONDITIONS;
	if (!apdu->nc)
		return PERSOCARD_SW_WRONG_LENGTH;
	/* Lc and 83's length disagree: which is wrong, the card cannot tell. */
	if (!pay_tlv_next(apdu->data, apdu->nc, &tag, &value, &value_len, &used) ||
	    tag != 0x83 || used != apdu->nc)
		return PERSOCARD_SW_WRONG_DATA;
	ret = persocard_app_element(card, PAY_TAG_GPO_RESPONSE, resp, &len);
	if (ret)
		return ret == -EIO ? PERSOCARD_SW_MEMORY_FAILURE :
				     PERSOCARD_SW_CONDITIONS;
	app->phase = PAY_PHASE_GPO;
	*resp_len = len;
	return PERSOCARD_SW_OK;
}

/* The AIP of gpo_response: 77 { 82 AIP }, or 80 AIP AFL (format 1). */
static int pay_aip_of(const struct persocard_card *card, u8 *buf, u8 *aip)
{
	const u8 *value, *v;
	size_t value_len, l;
	u16 len;
	int ret;

	ret = persocard_app_element(card, PAY_TAG_GPO_RESPONSE, buf, &len);
	if (ret)
		return ret;
	if (pay_tlv_find(buf, len, 0x77, &value, &value_len)) {
		if (!pay_tlv_find(value, value_len, 0x82, &v, &l) || l != 2)
			return -ENOENT;
	} else if (!pay_tlv_find(buf, len, 0x80, &v, &l) || l < 2) {
		return -ENOENT;
	}
	memcpy(aip, v, 2);
	return 0;
}

/* The length CDOL1 (8C in a record) asks for; -ENOENT if none says. */
static int pay_cdol1_len(const struct persocard_card *card, u8 *buf)
{
	static const u16 records[] = { PAY_TAG_RECORDS, PAY_TAG_RECORDS + 1 };
	const u8 *tmpl, *dol;
	size_t tmpl_len, l;
	unsigned int i;
	u16 len;
	int ret;

	for (i = 0; i < ARRAY_SIZE(records); i++) {
		ret = persocard_app_element(card, records[i], buf, &len);
		if (ret == -EIO)
			return ret;
		if (ret || !pay_tlv_find(buf, len, 0x70, &tmpl, &tmpl_len) ||
		    !pay_tlv_find(tmpl, tmpl_len, 0x8C, &dol, &l))
			continue;
		ret = pay_dol_len(dol, l);
		return ret < 0 ? -ENOENT : ret;
	}
	return -ENOENT;
}

/*
 * GENERATE AC (EMV Book 3 6.5.5), the first and only one of a transaction:
 * P1 00 asks for an AAC, 40 a TC, 80 an ARQC; the card goes online for
 * every transaction, so it answers an ARQC for a TC. The ATC is one up in
 * NVM before the cryptogram is computed, over the CDOL1 data as sent,
 * the AIP and the new ATC (Book 2 8.1.1), under MK-AC.
 */
static u16 pay_generate_ac(struct persocard_card *card,
			   const struct persocard_apdu *apdu, u8 *resp,
			   u32 *resp_len)
{
	struct persocard_app_state *app = &card->app;
	u8 keys[PAY_ICC_KEYS_MAX], ac[PERSOCARD_EMV_AC_LEN], aip[2];
	u8 type = apdu->p1 & PAY_AC_TYPE;
	struct persocard_record next;
	size_t n = apdu->nc;
	u16 atc, len;
	int ret;
	u8 *p;

	if (apdu->p1 & PAY_AC_CDA)
		return PERSOCARD_SW_WRONG_P1P2;	/* CDA is not offered */
	if (apdu->p2 || type == PAY_AC_RFU || (apdu->p1 & ~PAY_AC_TYPE))
		return PERSOCARD_SW_WRONG_P1P2;
	if (app->selected != PAY_SEL_APP || app->phase != PAY_PHASE_GPO)
		return PERSOCARD_SW_CONDITIONS;
	if (!n || n > PAY_CDOL_DATA_MAX)
		return PERSOCARD_SW_WRONG_LENGTH;
	ret = pay_cdol1_len(card, resp);
	if (ret == -EIO)
		return PERSOCARD_SW_MEMORY_FAILURE;
	if (ret >= 0 && (size_t)ret != n)
		return PERSOCARD_SW_WRONG_LENGTH;
	ret = pay_aip_of(card, resp, aip);
	if (ret)
		return ret == -EIO ? PERSOCARD_SW_MEMORY_FAILURE :
				     PERSOCARD_SW_CONDITIONS;
	if (card->rec.atc == 0xFFFF)
		return PERSOCARD_SW_CONDITIONS;	/* exhausted, for good */

	ret = persocard_app_element(card, PAY_TAG_ICC_KEYS, keys, &len);
	if (ret || len < PERSOCARD_EMV_KEY_LEN) {
		memzero_explicit(keys, sizeof(keys));
		return PERSOCARD_SW_MEMORY_FAILURE;
	}
	/* Answered or not, this was the transaction's GENERATE AC. */
	app->phase = PAY_PHASE_AC;
	atc = card->rec.atc + 1;
	next = card->rec;
	next.atc = atc;
	if (persocard_update(card, &next)) {
		memzero_explicit(keys, sizeof(keys));
		return PERSOCARD_SW_MEMORY_FAILURE;
	}

	memcpy(resp, apdu->data, n);
	memcpy(resp + n, aip, sizeof(aip));
	put_unaligned_be16(atc, resp + n + 2);
	persocard_emv_ac(keys, atc, resp, n + 4, ac);
	memzero_explicit(keys, sizeof(keys));

	p = resp;
	*p++ = 0x77;
	*p++ = 4 + 5 + 3 + PERSOCARD_EMV_AC_LEN;
	*p++ = 0x9F;			/* cryptogram information data */
	*p++ = 0x27;
	*p++ = 1;
	*p++ = type == PAY_AC_AAC ? PAY_CID_AAC : PAY_CID_ARQC;
	*p++ = 0x9F;			/* application transaction counter */
	*p++ = 0x36;
	*p++ = 2;
	put_unaligned_be16(atc, p);
	p += 2;
	*p++ = 0x9F;			/* application cryptogram */
	*p++ = 0x26;
	*p++ = PERSOCARD_EMV_AC_LEN;
	memcpy(p, ac, PERSOCARD_EMV_AC_LEN);
	p += PERSOCARD_EMV_AC_LEN;
	*resp_len = p - resp;
	return PERSOCARD_SW_OK;
}

/*
 * VERIFY of the offline plaintext PIN (P2 80), a PIN block as pin_block
 * holds it (ISO 9564 format 2); without data, the tries left.
 */
static u16 pay_verify(struct persocard_card *card,
		      const struct persocard_apdu *apdu, u8 *resp,
		      u32 *resp_len)
{
	struct persocard_app_state *app = &card->app;
	u8 block[PAY_PIN_BLOCK_MAX];
	u16 len, sw;

	if (apdu->p1)
		return PERSOCARD_SW_WRONG_P1P2;
	if (apdu->p2 != 0x80)
		return PERSOCARD_SW_NOT_FOUND;	/* no enciphered PIN (88) */
	if (app->selected != PAY_SEL_APP)
		return PERSOCARD_SW_CONDITIONS;
	/* No data: how many tries are left (ISO/IEC 7816-4 11.5.6). */
	if (!apdu->nc)
		return persocard_app_tries(card, PERSOCARD_APP_PIN);
	if (persocard_app_element(card, PAY_TAG_PIN_BLOCK, block, &len))
		sw = PERSOCARD_SW_MEMORY_FAILURE;
	else if (apdu->nc != len)
		sw = PERSOCARD_SW_WRONG_LENGTH;
	else
		sw = persocard_app_check(card, PERSOCARD_APP_PIN, apdu->data,
					 block, len);
	memzero_explicit(block, sizeof(block));
	app->pin_ok = sw == PERSOCARD_SW_OK;
	return sw;
}

/* GET DATA of the counters: the ATC and the PIN try counter. */
static u16 pay_get_data(struct persocard_card *card, u16 tag, u8 *out, u32 *len)
{
	switch (tag) {
	case 0x9F36:
		put_unaligned_be16(tag, out);
		out[2] = 2;
		put_unaligned_be16(card->rec.atc, out + 3);
		*len = 5;
		return PERSOCARD_SW_OK;
	case 0x9F17:
		put_unaligned_be16(tag, out);
		out[2] = 1;
		out[3] = card->rec.pin_tries;
		*len = 4;
		return PERSOCARD_SW_OK;
	default:
		return 0;	/* a profile's element, perhaps */
	}
}

/* At LOCK: pin_try_limit is the limit and the counter; the ATC starts. */
static void pay_lock(const struct persocard_card *card,
		     struct persocard_record *next)
{
	const u8 *tries;
	u16 len;

	tries = persocard_app_staged(card, PAY_TAG_PIN_TRY_LIMIT, &len);
	if (tries && len == 2) {
		next->pin_limit = tries[0];
		next->pin_tries = tries[1];
	}
	next->atc = 0;
}

static const struct persocard_app_cmd pay_cmds[] = {
	{ PERSOCARD_INS_SELECT, PERSOCARD_APP_ISO, "SELECT", pay_select_df },
	{ PERSOCARD_INS_READ_RECORD, PERSOCARD_APP_ISO, "READ RECORD",
	  pay_read_record },
	{ PERSOCARD_INS_GPO, PERSOCARD_APP_PROP, "GET PROCESSING OPTIONS",
	  pay_get_processing_options },
	{ PERSOCARD_INS_VERIFY, PERSOCARD_APP_ISO, "VERIFY", pay_verify },
	{ PERSOCARD_INS_GENERATE_AC, PERSOCARD_APP_PROP, "GENERATE AC",
	  pay_generate_ac },
};

const struct persocard_app persocard_app_payment = {
	.profile = PERSOCARD_PROFILE_PAYMENT,
	.name = "payment",
	.cmds = pay_cmds,
	.nr_cmds = ARRAY_SIZE(pay_cmds),
	.lock = pay_lock,
	.get_data = pay_get_data,
};
