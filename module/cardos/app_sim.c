// SPDX-License-Identifier: GPL-2.0
/*
 * The SIM card's application: a GSM SIM (GSM 11.11, class A0) and a USIM
 * (ETSI TS 102 221 and 3GPP TS 31.102, class 00) over one file system
 * whose EFs are the personalized elements, PIN1 and its PUK, and
 * AUTHENTICATE with MILENAGE (3GPP TS 35.206) from the card's Ki and OPc.
 *
 *   MF 3F00
 *     EF ICCID 2FE2, EF DIR 2F00
 *     DF TELECOM 7F10: EF MSISDN 6F40
 *     DF GSM 7F20: EF IMSI 6F07, EF SPN 6F46, EF SST 6F38
 *     ADF USIM (7FFF): EF IMSI 6F07, EF SPN 6F46, EF MSISDN 6F40, EF UST 6F38
 *
 * Status words are ISO/IEC 7816-4's in both classes, as the framework's
 * are (Documentation/persocard/applications/sim.rst has the choices).
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <crypto/algapi.h>

#include "apdu.h"
#include "card_internal.h"
#include "milenage.h"
#include "../compat.h"

#define FID_MF		0x3F00
#define FID_ICCID	0x2FE2
#define FID_DIR		0x2F00
#define FID_TELECOM	0x7F10
#define FID_GSM		0x7F20
#define FID_ADF		0x7FFF	/* TS 102 221 8.3: the current application */
#define FID_IMSI	0x6F07
#define FID_SPN		0x6F46
#define FID_MSISDN	0x6F40
#define FID_ST		0x6F38

#define TAG_KI		0x8F01
#define TAG_OPC		0x8F02
#define TAG_PIN1	0x8F03
#define TAG_PUK1	0x8F04

#define PIN_LEN		PERSOCARD_APP_PIN_LEN
#define PIN_LIMIT	3
#define SPN_NAME_LEN	16	/* TS 31.102 4.2.12 */
#define SPN_DISPLAY	0x00	/* the name alone, at home and roaming */
#define RAND_LEN	16
#define AUTN_LEN	16
#define RES_LEN		8
#define KC_LEN		8
#define SRES_LEN	4
#define AUTS_LEN	(PERSOCARD_APP_SQN_LEN + 8)

/* What the current file is (app->selected). */
#define SEL_NONE	0	/* nothing selected since the reset */
#define SEL_DF		1	/* the MF, a DF or the ADF */
#define SEL_EF		2

/* The USIM's AID: RID A000000087, application code 1002 (TS 101 220). */
static const u8 usim_aid[] = {
	0xA0, 0x00, 0x00, 0x00, 0x87, 0x10, 0x02,
	0xFF, 0xFF, 0xFF, 0xFF,		/* no country, no provider code */
	'P', 'E', 'R', 'S', 'O',	/* the provider's field */
};

/* A partial AID names the USIM from its RID and application code on. */
#define USIM_AID_MIN	7
static const u8 usim_label[] = { 'U', 'S', 'I', 'M' };

enum sim_kind { SIM_MF, SIM_DF, SIM_EF };

/* How an EF's content is made */
enum sim_content {
	CONTENT_ELEMENT,	/* the element of tag @fid, as stored */
	CONTENT_ICCID,		/* TS 102 221 13.2: the digits nibble-swapped */
	CONTENT_SPN,		/* TS 31.102 4.2.12 from the spn text */
	CONTENT_DIR,		/* one application template: the USIM's */
};

/**
 * struct sim_file - one file of the SIM's tree
 * @fid: its identifier.
 * @parent: the DF holding it; 0 for the MF.
 * @kind: &enum sim_kind.
 * @content: an EF's &enum sim_content.
 * @pin: READ BINARY needs PIN1 verified. EF IMSI does not, unlike GSM
 *	11.11's: a reader that presents no PIN (cardpeek's GSM script) still
 *	shows which subscriber the card is.
 * @access: GSM 11.11 9.3 access conditions: READ/UPDATE, INCREASE/RFU,
 *	REHABILITATE/INVALIDATE (0 always, 1 CHV1, 4 ADM, F never).
 */
struct sim_file {
	u16 fid;
	u16 parent;
	u8 kind;
	u8 content;
	bool pin;
	u8 access[3];
};

#define ALW_ADM		{ 0x04, 0xFF, 0x44 }
#define ALW_NEV		{ 0x0F, 0xFF, 0xFF }
#define CHV1_ADM	{ 0x14, 0xFF, 0x44 }
#define CHV1_CHV1	{ 0x11, 0xFF, 0x44 }

static const struct sim_file sim_files[] = {
	{ FID_MF, 0, SIM_MF },
	{ FID_ICCID, FID_MF, SIM_EF, CONTENT_ICCID, false, ALW_NEV },
	{ FID_DIR, FID_MF, SIM_EF, CONTENT_DIR, false, ALW_ADM },
	{ FID_TELECOM, FID_MF, SIM_DF },
	{ FID_MSISDN, FID_TELECOM, SIM_EF, CONTENT_ELEMENT, true, CHV1_CHV1 },
	{ FID_GSM, FID_MF, SIM_DF },
	{ FID_IMSI, FID_GSM, SIM_EF, CONTENT_ELEMENT, false, ALW_ADM },
	{ FID_SPN, FID_GSM, SIM_EF, CONTENT_SPN, false, ALW_ADM },
	{ FID_ST, FID_GSM, SIM_EF, CONTENT_ELEMENT, true, CHV1_ADM },
	{ FID_ADF, FID_MF, SIM_DF },
	{ FID_IMSI, FID_ADF, SIM_EF, CONTENT_ELEMENT, false, ALW_ADM },
	{ FID_SPN, FID_ADF, SIM_EF, CONTENT_SPN, false, ALW_ADM },
	{ FID_MSISDN, FID_ADF, SIM_EF, CONTENT_ELEMENT, true, CHV1_CHV1 },
	{ FID_ST, FID_ADF, SIM_EF, CONTENT_ELEMENT, true, CHV1_ADM },
};

/* File @fid of DF @parent, or NULL. */
static const struct sim_file *find_file(u16 parent, u16 fid)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sim_files); i++)
		if (sim_files[i].fid == fid && sim_files[i].parent == parent)
			return &sim_files[i];
	return NULL;
}

static const struct sim_file *find_df(u16 fid)
{
	return fid == FID_MF ? &sim_files[0] : find_file(FID_MF, fid);
}

/* The current DF: the MF after a reset (TS 102 221 8.5). */
static u16 current_df(const struct persocard_app_state *app)
{
	return app->df ?: FID_MF;
}

/*
 * A file by identifier from DF @df: the MF, @df itself, its children, its
 * parent, and any DF under the MF (so 7F20 from inside 7F10, as GSM
 * 11.11's phones select it).
 */
static const struct sim_file *select_fid(u16 df, u16 fid)
{
	const struct sim_file *f = find_df(df), *child = find_file(df, fid);

	if (fid == FID_MF || fid == df)
		return find_df(fid);
	if (child)
		return child;
	if (f && f->parent == fid)
		return find_df(fid);
	child = find_file(FID_MF, fid);
	return child && child->kind != SIM_EF ? child : NULL;
}

static size_t dir_content(u8 *out)
{
	size_t n = 2;

	out[0] = 0x61;		/* application template */
	n += persocard_app_tlv(out + n, 0x4F, usim_aid, sizeof(usim_aid));
	n += persocard_app_tlv(out + n, 0x50, usim_label, sizeof(usim_label));
	out[1] = n - 2;
	return n;
}

/*
 * The content of EF @f, into @buf (%PERSOCARD_VALUE_MAX_LEN bytes).
 * Return: 0; -ENOENT for an optional element that was not personalized.
 */
static int ef_content(const struct persocard_card *card,
		      const struct sim_file *f, u8 *buf, u16 *len)
{
	u16 n, i;
	int ret;

	switch (f->content) {
	case CONTENT_ICCID:
		/* The element is the digits in reading order, F padded. */
		ret = persocard_app_element(card, FID_ICCID, buf, len);
		for (i = 0; !ret && i < *len; i++)
			buf[i] = buf[i] << 4 | buf[i] >> 4;
		return ret;
	case CONTENT_DIR:
		*len = dir_content(buf);
		return 0;
	case CONTENT_SPN:
		ret = persocard_app_element(card, FID_SPN, buf + 1, &n);
		if (ret)
			return ret;
		/* Room for 16 bytes of name: a 17th is not shown. */
		n = min_t(u16, n, SPN_NAME_LEN);
		buf[0] = SPN_DISPLAY;
		memset(buf + 1 + n, 0xFF, SPN_NAME_LEN - n);
		*len = 1 + SPN_NAME_LEN;
		return 0;
	default:
		return persocard_app_element(card, f->fid, buf, len);
	}
}

/* How many DFs (@kind SIM_DF) or EFs (SIM_EF) DF @df holds. */
static unsigned int nr_children(u16 df, u8 kind)
{
	unsigned int i, n = 0;

	for (i = 1; i < ARRAY_SIZE(sim_files); i++)
		if (sim_files[i].parent == df && sim_files[i].kind == kind)
			n++;
	return n;
}

/* TS 102 221 11.1.1.3: the FCP template of a DF or an EF of @size bytes. */
static size_t sim_fcp(u8 *out, const struct sim_file *f, size_t size)
{
	bool df = f->kind != SIM_EF;
	size_t n = 2;

	out[0] = 0x62;
	out[n++] = 0x82;		/* file descriptor, data coding */
	out[n++] = 2;
	out[n++] = df ? 0x78 : 0x41;	/* shareable DF; transparent EF */
	out[n++] = 0x21;
	out[n++] = 0x83;
	out[n++] = 2;
	put_unaligned_be16(f->fid, out + n);
	n += 2;
	if (f->fid == FID_ADF)
		n += persocard_app_tlv(out + n, 0x84, usim_aid,
				       sizeof(usim_aid));
	out[n++] = 0x8A;		/* life cycle: operational, activated */
	out[n++] = 1;
	out[n++] = 0x05;
	if (df) {
		static const u8 pin_status[] = {
			0x90, 0x01, 0x80,	/* PS_DO: PIN1 enabled */
			0x83, 0x01, 0x01,	/* key reference: PIN1 */
		};

		n += persocard_app_tlv(out + n, 0xC6, pin_status,
				       sizeof(pin_status));
	} else {
		out[n++] = 0x80;	/* bytes in the file */
		out[n++] = 2;
		put_unaligned_be16(size, out + n);
		n += 2;
	}
	out[1] = n - 2;
	return n;
}

/* GSM 11.11 9.2.1: the response to SELECT of a DF or an EF. */
static size_t gsm_response(const struct persocard_card *card, u8 *out,
			   const struct sim_file *f, size_t size)
{
	size_t n;

	if (f->kind == SIM_EF) {
		memset(out, 0, 15);
		put_unaligned_be16(size, out + 2);
		put_unaligned_be16(f->fid, out + 4);
		out[6] = 0x04;			/* EF */
		memcpy(out + 8, f->access, sizeof(f->access));
		out[11] = 0x01;			/* not invalidated */
		out[12] = 2;			/* bytes from 14 on */
		out[13] = 0x00;			/* transparent */
		return 15;
	}
	n = 22;
	memset(out, 0, n);
	put_unaligned_be16(f->fid, out + 4);
	out[6] = f->kind == SIM_MF ? 0x01 : 0x02;
	out[12] = n - 13;
	out[13] = 0x00;			/* CHV1 enabled; no clock stop */
	out[14] = nr_children(f->fid, SIM_DF);
	out[15] = nr_children(f->fid, SIM_EF);
	out[16] = 2;			/* CHV1 and UNBLOCK CHV1 */
	out[18] = 0x80 | card->rec.pin_tries;	/* initialised, tries left */
	out[19] = 0x80 | card->rec.puk_tries;
	return n;
}

/*
 * Follow a path of @nc / 2 identifiers, each a child of the last, from
 * DF @df (TS 102 221 8.4.2).
 */
static const struct sim_file *select_path(u16 df, const u8 *path, u32 nc)
{
	const struct sim_file *f = NULL;
	u32 i;

	for (i = 0; i < nc; i += 2) {
		if (f && f->kind == SIM_EF)
			return NULL;
		f = find_file(f ? f->fid : df, get_unaligned_be16(path + i));
		if (!f)
			return NULL;
	}
	return f;
}

static bool usim_aid_match(const u8 *aid, u32 len)
{
	return len >= USIM_AID_MIN && len <= sizeof(usim_aid) &&
	       !memcmp(aid, usim_aid, len);
}

static u16 select_file(struct persocard_card *card,
		       const struct persocard_apdu *apdu, u8 *resp,
		       u32 *resp_len)
{
	struct persocard_app_state *app = &card->app;
	bool gsm = apdu->cla == PERSOCARD_CLA_GSM;
	const struct sim_file *f;
	u16 len = 0;

	if (gsm ? apdu->p1 || apdu->p2 :
		  apdu->p2 != 0x04 && apdu->p2 != 0x0C && apdu->p2)
		return PERSOCARD_SW_WRONG_P1P2;
	switch (gsm ? 0 : apdu->p1) {
	case 0x00:
		if (apdu->nc != 2)
			return PERSOCARD_SW_WRONG_LENGTH;
		f = select_fid(current_df(app), get_unaligned_be16(apdu->data));
		break;
	case 0x04:
		f = usim_aid_match(apdu->data, apdu->nc) ?
		    find_df(FID_ADF) : NULL;
		break;
	case 0x08:
	case 0x09:
		if (!apdu->nc || apdu->nc % 2)
			return PERSOCARD_SW_WRONG_LENGTH;
		f = select_path(apdu->p1 == 0x08 ? FID_MF : current_df(app),
				apdu->data, apdu->nc);
		break;
	default:
		return PERSOCARD_SW_WRONG_P1P2;
	}
	if (!f || (f->kind == SIM_EF && ef_content(card, f, resp, &len)))
		return PERSOCARD_SW_AID_NOT_FOUND;

	if (f->kind == SIM_EF) {
		app->df = f->parent;
		app->ef = f->fid;
		app->selected = SEL_EF;
	} else {
		app->df = f->fid;
		app->ef = 0;
		app->selected = SEL_DF;
	}
	if (gsm)
		*resp_len = gsm_response(card, resp, f, len);
	else if (apdu->p2 != 0x0C)
		*resp_len = sim_fcp(resp, f, len);
	return PERSOCARD_SW_OK;
}

static u16 read_binary(struct persocard_card *card,
		       const struct persocard_apdu *apdu, u8 *resp,
		       u32 *resp_len)
{
	struct persocard_app_state *app = &card->app;
	const struct sim_file *f;
	u16 len;

	if (app->selected == SEL_DF)
		return PERSOCARD_SW_FILE_INCOMPATIBLE;
	f = app->selected == SEL_EF ? find_file(app->df, app->ef) : NULL;
	if (!f)
		return PERSOCARD_SW_NO_CURRENT_EF;
	if (f->pin && !app->pin_ok)
		return PERSOCARD_SW_SECURITY_STATUS;
	if (ef_content(card, f, resp, &len))
		return PERSOCARD_SW_MEMORY_FAILURE;
	return persocard_app_read_binary(apdu, resp, len, resp, resp_len);
}

/* P2 of PIN1: GSM 11.11's CHV1 (VERIFY 01, UNBLOCK 00), TS 102 221's 01. */
static bool pin1_ref(const struct persocard_apdu *apdu)
{
	if (apdu->cla == PERSOCARD_CLA_GSM &&
	    apdu->ins == PERSOCARD_INS_UNBLOCK_PIN)
		return apdu->p2 == 0x00;
	return apdu->p2 == 0x01;
}

/* PIN1 as the card holds it: the one UNBLOCK PIN set, else pin1's. */
static int current_pin(const struct persocard_card *card, u8 *pin)
{
	u16 len;

	if (card->rec.pin_set) {
		memcpy(pin, card->rec.pin, PIN_LEN);
		return 0;
	}
	if (persocard_app_element(card, TAG_PIN1, pin, &len) ||
	    len != PIN_LEN)
		return -EIO;
	return 0;
}

static u16 verify(struct persocard_card *card,
		  const struct persocard_apdu *apdu, u8 *resp, u32 *resp_len)
{
	u8 pin[PIN_LEN];
	u16 sw;

	if (apdu->p1)
		return PERSOCARD_SW_WRONG_P1P2;
	if (!pin1_ref(apdu))
		return PERSOCARD_SW_NOT_FOUND;
	/* No data: the tries left, none spent (TS 102 221 11.1.9). */
	if (!apdu->nc)
		return persocard_app_tries(card, PERSOCARD_APP_PIN);
	if (apdu->nc != PIN_LEN)
		return PERSOCARD_SW_WRONG_LENGTH;
	if (current_pin(card, pin))
		sw = PERSOCARD_SW_MEMORY_FAILURE;
	else
		sw = persocard_app_check(card, PERSOCARD_APP_PIN, apdu->data,
					 pin, PIN_LEN);
	memzero_explicit(pin, sizeof(pin));
	card->app.pin_ok = sw == PERSOCARD_SW_OK;
	return sw;
}

/* A new PIN: 4 to 8 digits, padded with FF (TS 102 221 9.5.1). */
static bool pin_valid(const u8 *pin)
{
	unsigned int i, digits = 0;

	for (i = 0; i < PIN_LEN; i++) {
		if (pin[i] >= '0' && pin[i] <= '9' && digits == i)
			digits++;
		else if (pin[i] != 0xFF || i < 4)
			return false;
	}
	return true;
}

static u16 unblock(struct persocard_card *card,
		   const struct persocard_apdu *apdu, u8 *resp, u32 *resp_len)
{
	struct persocard_record next;
	u8 puk[PIN_LEN];
	u16 len;
	u16 sw;

	if (apdu->p1)
		return PERSOCARD_SW_WRONG_P1P2;
	if (!pin1_ref(apdu))
		return PERSOCARD_SW_NOT_FOUND;
	if (!apdu->nc)
		return persocard_app_tries(card, PERSOCARD_APP_PUK);
	if (apdu->nc != 2 * PIN_LEN)
		return PERSOCARD_SW_WRONG_LENGTH;
	/* A PIN the card could not take costs no PUK try. */
	if (!pin_valid(apdu->data + PIN_LEN))
		return PERSOCARD_SW_WRONG_DATA;
	if (persocard_app_element(card, TAG_PUK1, puk, &len) ||
	    len != PIN_LEN)
		sw = PERSOCARD_SW_MEMORY_FAILURE;
	else
		sw = persocard_app_check(card, PERSOCARD_APP_PUK, apdu->data,
					 puk, PIN_LEN);
	memzero_explicit(puk, sizeof(puk));
	if (sw != PERSOCARD_SW_OK)
		return sw;

	next = card->rec;
	memcpy(next.pin, apdu->data + PIN_LEN, PIN_LEN);
	next.pin_set = 1;
	next.pin_tries = next.pin_limit;
	if (persocard_update(card, &next))
		return PERSOCARD_SW_MEMORY_FAILURE;
	/* GSM 11.11 8.13: CHV1 is then satisfied, as after VERIFY. */
	card->app.pin_ok = true;
	return PERSOCARD_SW_OK;
}

/* Ki and OPc, for the card's own use; wiped by the caller. */
static int load_keys(const struct persocard_card *card, u8 *k, u8 *opc)
{
	u16 klen, olen;

	if (persocard_app_element(card, TAG_KI, k, &klen) ||
	    persocard_app_element(card, TAG_OPC, opc, &olen))
		return -EIO;
	return klen == PERSOCARD_MILENAGE_KEY_LEN &&
	       olen == PERSOCARD_MILENAGE_KEY_LEN ? 0 : -EIO;
}

/* A length and a value: TS 31.102 7.1.2.1's answers have no tags. */
static size_t lv(u8 *out, const u8 *value, u8 len)
{
	out[0] = len;
	memcpy(out + 1, value, len);
	return 1 + len;
}

/* TS 33.102 6.8.1.2: c2, SRES from a 64-bit RES. */
static void sres_of(const u8 *res, u8 *sres)
{
	unsigned int i;

	for (i = 0; i < SRES_LEN; i++)
		sres[i] = res[i] ^ res[i + SRES_LEN];
}

/*
 * SRES and Kc for @rand (GSM-MILENAGE, TS 33.102 6.8.1.2): c2 of RES,
 * c3 of CK and IK. SQN and AMF play no part in f2, f3, f4.
 */
static u16 gsm_auth(const struct persocard_card *card, const u8 *rand,
		    u8 *sres, u8 *kc)
{
	static const u8 zero[PERSOCARD_MILENAGE_SQN_LEN];
	u8 k[PERSOCARD_MILENAGE_KEY_LEN], opc[PERSOCARD_MILENAGE_KEY_LEN];
	struct persocard_milenage m;
	u16 sw = PERSOCARD_SW_OK;

	if (load_keys(card, k, opc) ||
	    persocard_milenage(k, opc, rand, zero, zero, &m)) {
		sw = PERSOCARD_SW_MEMORY_FAILURE;
	} else {
		sres_of(m.res, sres);
		persocard_milenage_kc(m.ck, m.ik, kc);
	}
	memzero_explicit(k, sizeof(k));
	memzero_explicit(opc, sizeof(opc));
	memzero_explicit(&m, sizeof(m));
	return sw;
}

/*
 * TS 31.102 7.1.2, 3G context (TS 33.102 6.3.3): AK from RAND, SQN from
 * AUTN, then MAC-A; a fresh SQN is committed before anything is answered,
 * an old one gets AUTS (6.3.5) from the highest SQN accepted.
 */
static u16 auth_3g(struct persocard_card *card, const u8 *rand,
		   const u8 *autn, u8 *resp, u32 *resp_len)
{
	static const u8 amf_resync[PERSOCARD_MILENAGE_AMF_LEN];
	u8 k[PERSOCARD_MILENAGE_KEY_LEN], opc[PERSOCARD_MILENAGE_KEY_LEN];
	u8 sqn[PERSOCARD_APP_SQN_LEN], kc[KC_LEN];
	const u8 *amf = autn + PERSOCARD_APP_SQN_LEN;
	struct persocard_record next;
	struct persocard_milenage m;
	unsigned int i;
	size_t n = 0;
	u16 sw = PERSOCARD_SW_MEMORY_FAILURE;

	if (load_keys(card, k, opc) ||
	    persocard_milenage(k, opc, rand, autn, amf, &m))
		goto out;
	for (i = 0; i < PERSOCARD_APP_SQN_LEN; i++)
		sqn[i] = autn[i] ^ m.ak[i];
	if (persocard_milenage(k, opc, rand, sqn, amf, &m))
		goto out;
	if (crypto_memneq(m.mac_a, autn + 8, sizeof(m.mac_a))) {
		sw = PERSOCARD_SW_AUTH_MAC_FAILURE;
		goto out;
	}
	if (memcmp(sqn, card->rec.sqn, sizeof(sqn)) <= 0) {
		/* MAC-S = f1*(SQN_MS, RAND, AMF 0000), AUTS conceals SQN_MS. */
		if (persocard_milenage(k, opc, rand, card->rec.sqn, amf_resync,
				       &m))
			goto out;
		resp[n++] = 0xDC;
		resp[n++] = AUTS_LEN;
		for (i = 0; i < PERSOCARD_APP_SQN_LEN; i++)
			resp[n++] = card->rec.sqn[i] ^ m.ak_s[i];
		memcpy(resp + n, m.mac_s, sizeof(m.mac_s));
		*resp_len = n + sizeof(m.mac_s);
		sw = PERSOCARD_SW_OK;
		goto out;
	}
	next = card->rec;
	memcpy(next.sqn, sqn, sizeof(sqn));
	if (persocard_update(card, &next))
		goto out;

	persocard_milenage_kc(m.ck, m.ik, kc);
	resp[n++] = 0xDB;		/* successful 3G authentication */
	n += lv(resp + n, m.res, RES_LEN);
	n += lv(resp + n, m.ck, sizeof(m.ck));
	n += lv(resp + n, m.ik, sizeof(m.ik));
	n += lv(resp + n, kc, KC_LEN);
	*resp_len = n;
	sw = PERSOCARD_SW_OK;
out:
	memzero_explicit(k, sizeof(k));
	memzero_explicit(opc, sizeof(opc));
	memzero_explicit(&m, sizeof(m));
	memzero_explicit(kc, sizeof(kc));
	return sw;
}

/*
 * AUTHENTICATE 00 88 00 P2, with the ADF USIM selected and PIN1 verified:
 * P2 81 the 3G context (10 RAND 10 AUTN), P2 80 the GSM one (10 RAND).
 */
static u16 authenticate(struct persocard_card *card,
			const struct persocard_apdu *apdu, u8 *resp,
			u32 *resp_len)
{
	const u8 *d = apdu->data;
	bool umts = apdu->p2 == 0x81;
	u8 sres[SRES_LEN], kc[KC_LEN];
	u16 sw;

	if (apdu->p1 || (apdu->p2 != 0x80 && apdu->p2 != 0x81))
		return PERSOCARD_SW_WRONG_P1P2;
	if (apdu->nc != (umts ? 2 + RAND_LEN + AUTN_LEN : 1 + RAND_LEN))
		return PERSOCARD_SW_WRONG_LENGTH;
	if (d[0] != RAND_LEN || (umts && d[1 + RAND_LEN] != AUTN_LEN))
		return PERSOCARD_SW_WRONG_DATA;
	if (current_df(&card->app) != FID_ADF || !card->app.pin_ok)
		return PERSOCARD_SW_SECURITY_STATUS;
	if (umts)
		return auth_3g(card, d + 1, d + 2 + RAND_LEN, resp, resp_len);

	sw = gsm_auth(card, d + 1, sres, kc);
	if (sw == PERSOCARD_SW_OK) {
		*resp_len = lv(resp, sres, SRES_LEN);
		*resp_len += lv(resp + *resp_len, kc, KC_LEN);
	}
	memzero_explicit(kc, sizeof(kc));
	return sw;
}

/* RUN GSM ALGORITHM A0 88 00 00 10 RAND, in DF GSM with CHV1 verified. */
static u16 run_gsm(struct persocard_card *card,
		   const struct persocard_apdu *apdu, u8 *resp, u32 *resp_len)
{
	u16 sw;

	if (apdu->p1 || apdu->p2)
		return PERSOCARD_SW_WRONG_P1P2;
	if (apdu->nc != RAND_LEN)
		return PERSOCARD_SW_WRONG_LENGTH;
	if (current_df(&card->app) != FID_GSM || !card->app.pin_ok)
		return PERSOCARD_SW_SECURITY_STATUS;
	sw = gsm_auth(card, apdu->data, resp, resp + SRES_LEN);
	if (sw == PERSOCARD_SW_OK)
		*resp_len = SRES_LEN + KC_LEN;
	return sw;
}

static void sim_lock(const struct persocard_card *card,
		     struct persocard_record *next)
{
	next->pin_limit = PIN_LIMIT;
	next->pin_tries = PIN_LIMIT;
	next->puk_tries = PERSOCARD_APP_PUK_TRIES;
	next->pin_set = 0;
	memset(next->pin, 0, sizeof(next->pin));
	memset(next->sqn, 0, sizeof(next->sqn));
}

#define ISO	PERSOCARD_APP_ISO
#define GSM	PERSOCARD_APP_GSM

static const struct persocard_app_cmd sim_cmds[] = {
	{ PERSOCARD_INS_SELECT, ISO | GSM, "SELECT", select_file },
	{ PERSOCARD_INS_READ_BINARY, ISO | GSM, "READ BINARY", read_binary },
	{ PERSOCARD_INS_VERIFY, ISO | GSM, "VERIFY", verify },
	{ PERSOCARD_INS_UNBLOCK_PIN, ISO | GSM, "UNBLOCK PIN", unblock },
	{ PERSOCARD_INS_AUTHENTICATE, ISO, "AUTHENTICATE", authenticate },
	{ PERSOCARD_INS_AUTHENTICATE, GSM, "RUN GSM ALGORITHM", run_gsm },
};

const struct persocard_app persocard_app_sim = {
	.profile = PERSOCARD_PROFILE_SIM,
	.name = "sim",
	.cmds = sim_cmds,
	.nr_cmds = ARRAY_SIZE(sim_cmds),
	.lock = sim_lock,
};
