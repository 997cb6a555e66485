// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the payment application (module/cardos/app_payment.c),
 * driven by APDUs alone through persocard_apdu_exec() on a card
 * personalized with examples/payment.perso's values: a whole transaction,
 * every refusal, the counters LOCK sets, cryptograms against a second
 * implementation, and power cuts swept over GENERATE AC's and VERIFY's
 * NVM writes.
 */
#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "../../module/compat.h"
#include "../../module/cardos/apdu.h"
#include "../../module/cardos/card_internal.h"

#define OK		PERSOCARD_SW_OK
#define PAGE		64
#define NVM_SIZE	4096
/* Program operations of one record update: its copy's pages. */
#define RECORD_OPS	DIV_ROUND_UP(PERSOCARD_RECORD_LEN, PAGE)

static const u8 code[] = { '1', '2', '3', '4' };
static const int file_a, file_b;
#define OWNER	(&file_a)
#define OTHER	(&file_b)

/* ---- examples/payment.perso, element by element ---- */

static const u8 v_records[] = {
	0x70, 0x21, 0x57, 0x12, 0x54, 0x13, 0x33, 0x00, 0x89, 0x01, 0x04,
	0x34, 0xD2, 0x71, 0x22, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0F,
	0x5F, 0x20, 0x0A, 'S', 'M', 'I', 'T', 'H', '/', 'J', 'O', 'H', 'N',
};

static const u8 v_records_2[] = {
	0x70, 0x40, 0x5A, 0x08, 0x54, 0x13, 0x33, 0x00, 0x89, 0x01, 0x04,
	0x34, 0x5F, 0x24, 0x03, 0x27, 0x12, 0x31,
	0x8C, 0x15, 0x9F, 0x02, 0x06, 0x9F, 0x03, 0x06, 0x9F, 0x1A, 0x02,
	0x95, 0x05, 0x5F, 0x2A, 0x02, 0x9A, 0x03, 0x9C, 0x01, 0x9F, 0x37,
	0x04,
	0x8D, 0x07, 0x8A, 0x02, 0x95, 0x05, 0x9F, 0x37, 0x04,
	0x8E, 0x0E, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x41,
	0x03, 0x1E, 0x03, 0x1F, 0x03,
};

static const u8 v_pan[] = { 0x54, 0x13, 0x33, 0x00, 0x89, 0x01, 0x04, 0x34 };
static const u8 v_expiry[] = { 0x27, 0x12, 0x31 };
static const u8 v_holder[] = { 'S', 'M', 'I', 'T', 'H', '/', 'J', 'O', 'H',
			       'N' };

static const u8 v_select[] = {
	0x6F, 0x1A, 0x84, 0x07, 0xA0, 0x00, 0x00, 0x00, 0x04, 0x10, 0x10,
	0xA5, 0x0F, 0x50, 0x0A, 'M', 'A', 'S', 'T', 'E', 'R', 'C', 'A',
	'R', 'D', 0x87, 0x01, 0x01,
};

static const u8 v_gpo[] = {
	0x77, 0x0A, 0x82, 0x02, 0x18, 0x00, 0x94, 0x04, 0x08, 0x01, 0x02,
	0x00,
};

static const u8 v_kcv[] = { 0x8A, 0x1F, 0x3C, 0x5D, 0x2E, 0x90, 0x77, 0x41,
			    0xC2 };
static const u8 v_tries[] = { 0x03, 0x03 };

/* MK-AC, MK-SMI, MK-SMC */
static const u8 v_keys[] = {
	0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF,
	0xFE, 0xDC, 0xBA, 0x98, 0x76, 0x54, 0x32, 0x10,
	0x1A, 0x2B, 0x3C, 0x4D, 0x5E, 0x6F, 0x70, 0x81,
	0x92, 0xA3, 0xB4, 0xC5, 0xD6, 0xE7, 0xF8, 0x09,
	0xF1, 0xE2, 0xD3, 0xC4, 0xB5, 0xA6, 0x97, 0x88,
	0x79, 0x6A, 0x5B, 0x4C, 0x3D, 0x2E, 0x1F, 0x00,
};

static const u8 v_pin[] = { 0x24, 0x12, 0x34, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };

struct element {
	u16 tag;
	const u8 *value;
	u16 len;
};

#define E(t, v) { t, v, sizeof(v) }
static const struct element example[] = {
	E(0x0101, v_records), E(0x0102, v_records_2), E(0x5A00, v_pan),
	E(0x5F24, v_expiry), E(0x5F20, v_holder), E(0x9102, v_select),
	E(0x9104, v_gpo), E(0x9000, v_kcv), E(0x9010, v_tries),
	E(0x8000, v_keys), E(0x8010, v_pin),
};

/* ---- the APDUs of a transaction ---- */

static const u8 select_aid[] = {
	0x00, 0xA4, 0x04, 0x00, 0x07, 0xA0, 0x00, 0x00, 0x00, 0x04, 0x10,
	0x10, 0x00,
};

static const u8 select_pse[] = {
	0x00, 0xA4, 0x04, 0x00, 0x0E, '1', 'P', 'A', 'Y', '.', 'S', 'Y',
	'S', '.', 'D', 'D', 'F', '0', '1', 0x00,
};

static const u8 select_ppse[] = {
	0x00, 0xA4, 0x04, 0x00, 0x0E, '2', 'P', 'A', 'Y', '.', 'S', 'Y',
	'S', '.', 'D', 'D', 'F', '0', '1', 0x00,
};

static const u8 gpo[] = { 0x80, 0xA8, 0x00, 0x00, 0x02, 0x83, 0x00, 0x00 };

/*
 * CDOL1's data: amount 10.00, amount other 0, country 0826, TVR 0,
 * currency 0826, 2 Dec 2026, a purchase, unpredictable number 12345678.
 */
static const u8 cdol1_data[29] = {
	0x00, 0x00, 0x00, 0x00, 0x10, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x08, 0x26, 0x00, 0x00, 0x00, 0x00, 0x00,
	0x08, 0x26, 0x26, 0x12, 0x02, 0x00,
	0x12, 0x34, 0x56, 0x78,
};

#define ARQC		0x80
#define TC		0x40
#define AAC		0x00

static const u8 right_pin[] = {
	0x00, 0x20, 0x00, 0x80, 0x08, 0x24, 0x12, 0x34, 0xFF, 0xFF, 0xFF,
	0xFF, 0xFF,
};

static const u8 wrong_pin[] = {
	0x00, 0x20, 0x00, 0x80, 0x08, 0x24, 0x43, 0x21, 0xFF, 0xFF, 0xFF,
	0xFF, 0xFF,
};

static const u8 get_atc[] = { 0x80, 0xCA, 0x9F, 0x36, 0x00 };
static const u8 get_pin_tries[] = { 0x80, 0xCA, 0x9F, 0x17, 0x00 };

/*
 * The cryptograms of GENERATE AC with cdol1_data under MK-AC above, the
 * AIP 1800 and the ATC, from tests/pcsc/emv_ref.py (python3-cryptography,
 * a second implementation of the session key and MAC), computed as
 *   emv_ref.arqc(MK_AC, atc, cdol1_data + bytes.fromhex("1800") +
 *                atc.to_bytes(2, "big"))
 */
static const struct {
	u16 atc;
	u8 ac[8];
} ref_ac[] = {
	{ 0x0001, { 0xFF, 0x13, 0x4D, 0xB2, 0xAB, 0x30, 0x2F, 0x13 } },
	{ 0x0002, { 0xEC, 0x48, 0x31, 0x75, 0x41, 0xD0, 0x8E, 0x36 } },
	{ 0x0003, { 0x78, 0x0A, 0xFD, 0x15, 0x88, 0x7D, 0x63, 0x65 } },
	{ 0x0100, { 0x7E, 0xBA, 0xF1, 0xAE, 0xC6, 0x72, 0x27, 0x81 } },
	{ 0xFFFF, { 0xA2, 0x15, 0xD8, 0xAA, 0x6C, 0xCB, 0xEB, 0x3A } },
};

/* What the PSE, the PPSE and the directory record hold, EMV Book 1 12.2 */
static const u8 pse_fci[] = {
	0x6F, 0x15, 0x84, 0x0E, '1', 'P', 'A', 'Y', '.', 'S', 'Y', 'S', '.',
	'D', 'D', 'F', '0', '1', 0xA5, 0x03, 0x88, 0x01, 0x01,
};

static const u8 ppse_fci[] = {
	0x6F, 0x2F, 0x84, 0x0E, '2', 'P', 'A', 'Y', '.', 'S', 'Y', 'S', '.',
	'D', 'D', 'F', '0', '1', 0xA5, 0x1D, 0xBF, 0x0C, 0x1A,
	0x61, 0x18, 0x4F, 0x07, 0xA0, 0x00, 0x00, 0x00, 0x04, 0x10, 0x10,
	0x50, 0x0A, 'M', 'A', 'S', 'T', 'E', 'R', 'C', 'A', 'R', 'D', 0x87,
	0x01, 0x01,
};

static const u8 dir_record[] = {
	0x70, 0x1A,
	0x61, 0x18, 0x4F, 0x07, 0xA0, 0x00, 0x00, 0x00, 0x04, 0x10, 0x10,
	0x50, 0x0A, 'M', 'A', 'S', 'T', 'E', 'R', 'C', 'A', 'R', 'D', 0x87,
	0x01, 0x01,
};

/* ---- the card ---- */

struct pay_fixture {
	struct persocard_card card;
	u8 resp[PERSOCARD_VALUE_MAX_LEN];
	u32 resp_len;
};

static int make_card(struct persocard_card *card)
{
	struct persocard_config config = {
		.profile = persocard_profile_by_id(PERSOCARD_PROFILE_PAYMENT),
		.code = code,
		.code_len = sizeof(code),
		.try_limit = 3,
		.nvm_size = NVM_SIZE,
		.page_size = PAGE,
	};
	u8 secret[PERSOCARD_SECRET_LEN];

	memset(secret, 0x5C, sizeof(secret));
	return persocard_card_init(card, &config, secret, 0x7000);
}

/* ENABLE, VERIFY and every PUT of @els, from OWNER. */
static void stage(struct kunit *test, struct persocard_card *card,
		  const struct element *els, unsigned int n)
{
	unsigned int i;
	u8 tries;

	KUNIT_ASSERT_EQ(test, OK, persocard_enable(card, OWNER));
	KUNIT_ASSERT_EQ(test, OK, persocard_verify(card, OWNER, code,
						   sizeof(code), &tries));
	for (i = 0; i < n; i++)
		KUNIT_ASSERT_EQ(test, OK, persocard_put(card, OWNER,
							els[i].tag,
							els[i].value,
							els[i].len));
}

static void lock(struct kunit *test, struct persocard_card *card)
{
	u16 missing[PERSOCARD_MAX_TAGS], nr;

	KUNIT_ASSERT_EQ(test, OK, persocard_lock(card, OWNER, missing, &nr));
	KUNIT_ASSERT_EQ(test, PERSOCARD_STATE_PERSONALIZED,
			persocard_state(card));
}

static void personalize(struct kunit *test, struct persocard_card *card)
{
	stage(test, card, example, ARRAY_SIZE(example));
	lock(test, card);
}

static int pay_init(struct kunit *test)
{
	struct pay_fixture *fx;

	fx = kunit_kzalloc(test, sizeof(*fx), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, fx);
	KUNIT_ASSERT_EQ(test, 0, make_card(&fx->card));
	test->priv = fx;
	return 0;
}

static void pay_exit(struct kunit *test)
{
	struct pay_fixture *fx = test->priv;

	persocard_card_destroy(&fx->card);
}

/* One APDU of @bytes from @owner: the status word, the answer in @resp. */
static u16 exchange(struct kunit *test, struct persocard_card *card,
		    const void *owner, const u8 *bytes, size_t len, u8 *resp,
		    u32 *resp_len)
{
	struct persocard_apdu apdu;
	u16 sw;

	*resp_len = 0;
	sw = persocard_apdu_parse(bytes, len, &apdu);
	KUNIT_ASSERT_EQ(test, 0, sw);
	memset(resp, 0xA5, PERSOCARD_VALUE_MAX_LEN);
	sw = persocard_apdu_exec(card, owner, &apdu, resp, resp_len);
	KUNIT_EXPECT_LE(test, *resp_len, apdu.ne);
	return sw;
}

#define SEND_FROM(owner, card, resp, resp_len, ...) ({		\
	static const u8 __b[] = { __VA_ARGS__ };			\
	exchange(test, card, owner, __b, sizeof(__b), resp, resp_len);	\
})

/* A terminal: a file with no personalization session. */
#define SEND(...) SEND_FROM(OTHER, &fx->card, fx->resp, &fx->resp_len, \
			    __VA_ARGS__)
#define XFER_TO(card, resp, resp_len, cmd) \
	exchange(test, card, OTHER, cmd, sizeof(cmd), resp, resp_len)
#define XFER(cmd)	XFER_TO(&fx->card, fx->resp, &fx->resp_len, cmd)

/*
 * GENERATE AC P1 P2 with @n bytes of data: cdol1_data, cut short or
 * followed by zeros.
 */
static u16 gen_ac(struct kunit *test, struct persocard_card *card, u8 p1,
		  u8 p2, u8 n, u8 *resp, u32 *resp_len)
{
	u8 cmd[5 + 32 + 1] = { 0x80, 0xAE, p1, p2, n };

	KUNIT_ASSERT_LE(test, n, 32);
	memcpy(cmd + 5, cdol1_data, min_t(size_t, n, sizeof(cdol1_data)));
	return exchange(test, card, OTHER, cmd, 5 + n + 1, resp, resp_len);
}

#define GEN_AC_TO(card, resp, resp_len, p1) \
	gen_ac(test, card, p1, 0, sizeof(cdol1_data), resp, resp_len)
#define GEN_AC(p1)	GEN_AC_TO(&fx->card, fx->resp, &fx->resp_len, p1)

/* The answer was @want, @len bytes. */
static void expect_resp(struct kunit *test, const u8 *want, size_t len)
{
	struct pay_fixture *fx = test->priv;

	KUNIT_EXPECT_EQ(test, len, fx->resp_len);
	if (fx->resp_len == len)
		KUNIT_EXPECT_MEMEQ(test, fx->resp, want, len);
}

#define EXPECT_RESP(...) ({						\
	static const u8 __w[] = { __VA_ARGS__ };			\
	expect_resp(test, __w, sizeof(__w));				\
})

/* The GENERATE AC answer of @cid, @atc and the reference cryptogram. */
static void expect_ac(struct kunit *test, const u8 *resp, u32 len, u8 cid,
		      u16 atc)
{
	u8 want[22] = { 0x77, 0x14, 0x9F, 0x27, 0x01, cid, 0x9F, 0x36, 0x02,
			atc >> 8, atc & 0xFF, 0x9F, 0x26, 0x08 };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ref_ac); i++)
		if (ref_ac[i].atc == atc)
			break;
	KUNIT_ASSERT_LT_MSG(test, i, ARRAY_SIZE(ref_ac), "no reference AC");
	memcpy(want + 14, ref_ac[i].ac, 8);
	KUNIT_EXPECT_EQ(test, sizeof(want), len);
	if (len == sizeof(want))
		KUNIT_EXPECT_MEMEQ(test, resp, want, sizeof(want));
}

/* Set the ATC as if @atc transactions had run. */
static void set_atc(struct kunit *test, struct persocard_card *card, u16 atc)
{
	struct persocard_record next = card->rec;

	next.atc = atc;
	KUNIT_ASSERT_EQ(test, 0, persocard_update(card, &next));
}

/* ---- the transaction ---- */

static void test_transaction(struct kunit *test)
{
	struct pay_fixture *fx = test->priv;

	personalize(test, &fx->card);

	/* The PPSE lists the application in its FCI. */
	KUNIT_EXPECT_EQ(test, OK, XFER(select_ppse));
	expect_resp(test, ppse_fci, sizeof(ppse_fci));
	/* The PSE has a directory file, SFI 1. */
	KUNIT_EXPECT_EQ(test, OK, XFER(select_pse));
	expect_resp(test, pse_fci, sizeof(pse_fci));
	KUNIT_EXPECT_EQ(test, OK, SEND(0x00, 0xB2, 0x01, 0x0C, 0x00));
	expect_resp(test, dir_record, sizeof(dir_record));

	KUNIT_EXPECT_EQ(test, OK, XFER(select_aid));
	expect_resp(test, v_select, sizeof(v_select));
	KUNIT_EXPECT_EQ(test, OK, XFER(gpo));
	expect_resp(test, v_gpo, sizeof(v_gpo));
	/* The AFL: SFI 1, records 1 and 2. */
	KUNIT_EXPECT_EQ(test, OK, SEND(0x00, 0xB2, 0x01, 0x0C, 0x00));
	expect_resp(test, v_records, sizeof(v_records));
	KUNIT_EXPECT_EQ(test, OK, SEND(0x00, 0xB2, 0x02, 0x0C, 0x00));
	expect_resp(test, v_records_2, sizeof(v_records_2));

	KUNIT_EXPECT_EQ(test, OK, XFER(get_atc));
	EXPECT_RESP(0x9F, 0x36, 0x02, 0x00, 0x00);
	KUNIT_EXPECT_EQ(test, OK, XFER(get_pin_tries));
	EXPECT_RESP(0x9F, 0x17, 0x01, 0x03);

	/* A wrong PIN costs a try, a right one gives it back. */
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_VERIFY_FAILED | 2, XFER(wrong_pin));
	KUNIT_EXPECT_EQ(test, OK, XFER(get_pin_tries));
	EXPECT_RESP(0x9F, 0x17, 0x01, 0x02);
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_VERIFY_FAILED | 2,
			SEND(0x00, 0x20, 0x00, 0x80));
	KUNIT_EXPECT_EQ(test, OK, XFER(right_pin));
	KUNIT_EXPECT_EQ(test, OK, SEND(0x00, 0x20, 0x00, 0x80));
	KUNIT_EXPECT_EQ(test, OK, XFER(get_pin_tries));
	EXPECT_RESP(0x9F, 0x17, 0x01, 0x03);

	/* An ARQC at ATC 1; the transaction is over. */
	KUNIT_EXPECT_EQ(test, OK, GEN_AC(ARQC));
	expect_ac(test, fx->resp, fx->resp_len, 0x80, 1);
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_CONDITIONS,
			GEN_AC(ARQC));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_CONDITIONS, XFER(gpo));
	KUNIT_EXPECT_EQ(test, OK, XFER(get_atc));
	EXPECT_RESP(0x9F, 0x36, 0x02, 0x00, 0x01);

	/* The next: asked for a TC, an online-only card answers an ARQC. */
	KUNIT_EXPECT_EQ(test, OK, XFER(select_aid));
	KUNIT_EXPECT_EQ(test, OK, XFER(gpo));
	KUNIT_EXPECT_EQ(test, OK, GEN_AC(TC));
	expect_ac(test, fx->resp, fx->resp_len, 0x80, 2);
	/* Then an AAC: declined offline. */
	KUNIT_EXPECT_EQ(test, OK, XFER(select_aid));
	KUNIT_EXPECT_EQ(test, OK, XFER(gpo));
	KUNIT_EXPECT_EQ(test, OK, GEN_AC(AAC));
	expect_ac(test, fx->resp, fx->resp_len, 0x00, 3);

	/* Three wrong PINs block it; then even the right one is refused. */
	KUNIT_EXPECT_EQ(test, OK, XFER(select_aid));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_VERIFY_FAILED | 2, XFER(wrong_pin));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_VERIFY_FAILED | 1, XFER(wrong_pin));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_VERIFY_FAILED | 0, XFER(wrong_pin));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_AUTH_BLOCKED, XFER(right_pin));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_AUTH_BLOCKED,
			SEND(0x00, 0x20, 0x00, 0x80));
	KUNIT_EXPECT_EQ(test, OK, XFER(get_pin_tries));
	EXPECT_RESP(0x9F, 0x17, 0x01, 0x00);
	KUNIT_EXPECT_EQ(test, 0, fx->card.rec.pin_tries);
	KUNIT_EXPECT_EQ(test, 3, fx->card.rec.atc);
}

/* More ATCs, up to the last; then the card is exhausted. */
static void test_ac_atcs(struct kunit *test)
{
	struct pay_fixture *fx = test->priv;
	static const u16 from[] = { 0x00FF, 0xFFFE };
	unsigned int i;

	personalize(test, &fx->card);
	for (i = 0; i < ARRAY_SIZE(from); i++) {
		set_atc(test, &fx->card, from[i]);
		KUNIT_EXPECT_EQ(test, OK, XFER(select_aid));
		KUNIT_EXPECT_EQ(test, OK, XFER(gpo));
		KUNIT_EXPECT_EQ(test, OK, GEN_AC(ARQC));
		expect_ac(test, fx->resp, fx->resp_len, 0x80, from[i] + 1);
	}
	KUNIT_EXPECT_EQ(test, OK, XFER(select_aid));
	KUNIT_EXPECT_EQ(test, OK, XFER(gpo));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_CONDITIONS,
			GEN_AC(ARQC));
	KUNIT_EXPECT_EQ(test, 0, fx->resp_len);
	KUNIT_EXPECT_EQ(test, 0xFFFF, fx->card.rec.atc);
}

/* The answers Le leaves behind wait for GET RESPONSE, as T=0 has it. */
static void test_le(struct kunit *test)
{
	struct pay_fixture *fx = test->priv;

	personalize(test, &fx->card);
	/* No Le: 61 1C, then GET RESPONSE. */
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_BYTES_REMAIN | sizeof(v_select),
			SEND(0x00, 0xA4, 0x04, 0x00, 0x07, 0xA0, 0x00, 0x00,
			     0x00, 0x04, 0x10, 0x10));
	KUNIT_EXPECT_EQ(test, 0, fx->resp_len);
	KUNIT_EXPECT_EQ(test, OK, SEND(0x00, 0xC0, 0x00, 0x00, 0x1C));
	expect_resp(test, v_select, sizeof(v_select));
	/* A short Le for READ RECORD: 6Cxx with the right one. */
	KUNIT_EXPECT_EQ(test, OK, XFER(gpo));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_WRONG_LE | sizeof(v_records),
			SEND(0x00, 0xB2, 0x01, 0x0C, 0x05));
	KUNIT_EXPECT_EQ(test, OK, SEND(0x00, 0xB2, 0x01, 0x0C, 0x23));
	expect_resp(test, v_records, sizeof(v_records));
}

/* ---- refusals ---- */

static void test_select_refusals(struct kunit *test)
{
	struct pay_fixture *fx = test->priv;

	personalize(test, &fx->card);
	/* No files by identifier, nor unknown names. */
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_AID_NOT_FOUND,
			SEND(0x00, 0xA4, 0x00, 0x00, 0x02, 0x3F, 0x00));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_AID_NOT_FOUND,
			SEND(0x00, 0xA4, 0x02, 0x00, 0x02, 0x01, 0x01));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_WRONG_P1P2,
			SEND(0x00, 0xA4, 0x0A, 0x00, 0x02, 0x01, 0x01));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_AID_NOT_FOUND,
			SEND(0x00, 0xA4, 0x04, 0x00, 0x07, 0xA0, 0x00, 0x00,
			     0x00, 0x03, 0x10, 0x10, 0x00));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_AID_NOT_FOUND,
			SEND(0x00, 0xA4, 0x04, 0x00, 0x0D, '1', 'P', 'A',
			     'Y', '.', 'S', 'Y', 'S', '.', 'D', 'D', 'F', '0',
			     0x00));
	/* A partial name of 4 bytes is too short, of 5 a prefix. */
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_AID_NOT_FOUND,
			SEND(0x00, 0xA4, 0x04, 0x00, 0x04, 0xA0, 0x00, 0x00,
			     0x00, 0x00));
	KUNIT_EXPECT_EQ(test, OK,
			SEND(0x00, 0xA4, 0x04, 0x00, 0x05, 0xA0, 0x00, 0x00,
			     0x00, 0x04, 0x00));
	expect_resp(test, v_select, sizeof(v_select));
	/* Its next occurrence: none. */
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_AID_NOT_FOUND,
			SEND(0x00, 0xA4, 0x04, 0x02, 0x05, 0xA0, 0x00, 0x00,
			     0x00, 0x04, 0x00));
	/* Longer than the AID: another name. */
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_AID_NOT_FOUND,
			SEND(0x00, 0xA4, 0x04, 0x00, 0x08, 0xA0, 0x00, 0x00,
			     0x00, 0x04, 0x10, 0x10, 0x01, 0x00));
	/* P2 0C: selected, no data; P2 04 (FCP): not offered. */
	KUNIT_EXPECT_EQ(test, OK,
			SEND(0x00, 0xA4, 0x04, 0x0C, 0x07, 0xA0, 0x00, 0x00,
			     0x00, 0x04, 0x10, 0x10));
	KUNIT_EXPECT_EQ(test, 0, fx->resp_len);
	KUNIT_EXPECT_EQ(test, OK, XFER(gpo));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_WRONG_P1P2,
			SEND(0x00, 0xA4, 0x04, 0x04, 0x07, 0xA0, 0x00, 0x00,
			     0x00, 0x04, 0x10, 0x10, 0x00));
	/* A SELECT that failed left the application selected. */
	KUNIT_EXPECT_EQ(test, OK, SEND(0x00, 0xB2, 0x01, 0x0C, 0x00));
}

static void test_read_record_refusals(struct kunit *test)
{
	struct pay_fixture *fx = test->priv;

	personalize(test, &fx->card);
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_NO_CURRENT_EF,
			SEND(0x00, 0xB2, 0x01, 0x0C, 0x00));
	KUNIT_EXPECT_EQ(test, OK, XFER(select_pse));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_RECORD_NOT_FOUND,
			SEND(0x00, 0xB2, 0x02, 0x0C, 0x00));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_RECORD_NOT_FOUND,
			SEND(0x00, 0xB2, 0x01, 0x14, 0x00));
	KUNIT_EXPECT_EQ(test, OK, XFER(select_ppse));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_RECORD_NOT_FOUND,
			SEND(0x00, 0xB2, 0x01, 0x0C, 0x00));
	KUNIT_EXPECT_EQ(test, OK, XFER(select_aid));
	/* P2's low bits: 100 (P1 a record number) only. */
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_WRONG_P1P2,
			SEND(0x00, 0xB2, 0x01, 0x0D, 0x00));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_WRONG_P1P2,
			SEND(0x00, 0xB2, 0x01, 0x08, 0x00));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_RECORD_NOT_FOUND,
			SEND(0x00, 0xB2, 0x03, 0x0C, 0x00));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_RECORD_NOT_FOUND,
			SEND(0x00, 0xB2, 0x00, 0x0C, 0x00));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_RECORD_NOT_FOUND,
			SEND(0x00, 0xB2, 0x01, 0x14, 0x00));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_RECORD_NOT_FOUND,
			SEND(0x00, 0xB2, 0x01, 0x04, 0x00));
	/* Secrets are no records; GET DATA refuses them too. */
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_SECURITY_STATUS,
			SEND(0x80, 0xCA, 0x80, 0x00, 0x00));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_SECURITY_STATUS,
			SEND(0x80, 0xCA, 0x80, 0x10, 0x00));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_NOT_FOUND,
			SEND(0x80, 0xCA, 0x9F, 0x13, 0x00));
}

static void test_gpo_refusals(struct kunit *test)
{
	struct pay_fixture *fx = test->priv;

	personalize(test, &fx->card);
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_CONDITIONS, XFER(gpo));
	KUNIT_EXPECT_EQ(test, OK, XFER(select_pse));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_CONDITIONS, XFER(gpo));
	KUNIT_EXPECT_EQ(test, OK, XFER(select_aid));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_WRONG_P1P2,
			SEND(0x80, 0xA8, 0x01, 0x00, 0x02, 0x83, 0x00, 0x00));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_WRONG_LENGTH,
			SEND(0x80, 0xA8, 0x00, 0x00, 0x00));
	/* Not 83, or 83's length not Lc's. */
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_WRONG_DATA,
			SEND(0x80, 0xA8, 0x00, 0x00, 0x02, 0x84, 0x00, 0x00));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_WRONG_DATA,
			SEND(0x80, 0xA8, 0x00, 0x00, 0x02, 0x83, 0x01, 0x00));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_WRONG_DATA,
			SEND(0x80, 0xA8, 0x00, 0x00, 0x03, 0x83, 0x00, 0x00,
			     0x00));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_WRONG_DATA,
			SEND(0x80, 0xA8, 0x00, 0x00, 0x01, 0x83, 0x00));
	/* Refused, it can still come; once. */
	KUNIT_EXPECT_EQ(test, OK,
			SEND(0x80, 0xA8, 0x00, 0x00, 0x04, 0x83, 0x02, 0x12,
			     0x34, 0x00));
	expect_resp(test, v_gpo, sizeof(v_gpo));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_CONDITIONS, XFER(gpo));
	/* In class 00 it is another instruction. */
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_CLA_UNKNOWN,
			SEND(0x00, 0xA8, 0x00, 0x00, 0x02, 0x83, 0x00, 0x00));
}

static void test_generate_ac_refusals(struct kunit *test)
{
	struct pay_fixture *fx = test->priv;

	personalize(test, &fx->card);
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_CONDITIONS,
			GEN_AC(ARQC));
	KUNIT_EXPECT_EQ(test, OK, XFER(select_aid));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_CONDITIONS,
			GEN_AC(ARQC));
	KUNIT_EXPECT_EQ(test, OK, XFER(gpo));
	/* RFU type, CDA, other RFU bits, P2. */
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_WRONG_P1P2,
			GEN_AC(0xC0));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_WRONG_P1P2,
			GEN_AC(0x90));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_WRONG_P1P2,
			GEN_AC(0x81));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_WRONG_P1P2,
			gen_ac(test, &fx->card, ARQC, 0x01, 29, fx->resp,
			       &fx->resp_len));
	/* Not CDOL1's 29 bytes. */
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_WRONG_LENGTH,
			SEND(0x80, 0xAE, 0x80, 0x00, 0x00));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_WRONG_LENGTH,
			gen_ac(test, &fx->card, ARQC, 0x00, 30, fx->resp,
			       &fx->resp_len));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_WRONG_LENGTH,
			SEND(0x80, 0xAE, 0x80, 0x00, 0x01, 0x00, 0x00));
	/* None of these spent an ATC. */
	KUNIT_EXPECT_EQ(test, 0, fx->card.rec.atc);
	KUNIT_EXPECT_EQ(test, OK, GEN_AC(ARQC));
	expect_ac(test, fx->resp, fx->resp_len, 0x80, 1);
	/* A new selection is a new transaction. */
	KUNIT_EXPECT_EQ(test, OK, XFER(select_aid));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_CONDITIONS,
			GEN_AC(ARQC));
}

static void test_verify_refusals(struct kunit *test)
{
	struct pay_fixture *fx = test->priv;

	personalize(test, &fx->card);
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_CONDITIONS, XFER(right_pin));
	KUNIT_EXPECT_EQ(test, OK, XFER(select_ppse));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_CONDITIONS, XFER(right_pin));
	KUNIT_EXPECT_EQ(test, OK, XFER(select_aid));
	/* An enciphered PIN (88) or another reference: not here. */
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_NOT_FOUND,
			SEND(0x00, 0x20, 0x00, 0x88, 0x08, 0x24, 0x12, 0x34,
			     0xFF, 0xFF, 0xFF, 0xFF, 0xFF));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_NOT_FOUND,
			SEND(0x00, 0x20, 0x00, 0x81, 0x08, 0x24, 0x12, 0x34,
			     0xFF, 0xFF, 0xFF, 0xFF, 0xFF));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_WRONG_P1P2,
			SEND(0x00, 0x20, 0x01, 0x80, 0x08, 0x24, 0x12, 0x34,
			     0xFF, 0xFF, 0xFF, 0xFF, 0xFF));
	/* Not the block's length: no try spent. */
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_WRONG_LENGTH,
			SEND(0x00, 0x20, 0x00, 0x80, 0x04, 0x24, 0x12, 0x34,
			     0xFF));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_VERIFY_FAILED | 3,
			SEND(0x00, 0x20, 0x00, 0x80));
	KUNIT_EXPECT_EQ(test, 3, fx->card.rec.pin_tries);
}

/* Before LOCK, no application: 6985 (SELECT by name: 6A82). */
static void test_before_lock(struct kunit *test)
{
	struct pay_fixture *fx = test->priv;

	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_AID_NOT_FOUND, XFER(select_aid));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_AID_NOT_FOUND, XFER(select_pse));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_CONDITIONS,
			SEND(0x00, 0xB2, 0x01, 0x0C, 0x00));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_CONDITIONS, XFER(gpo));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_CONDITIONS, XFER(right_pin));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_CONDITIONS,
			GEN_AC(ARQC));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_CONDITIONS, XFER(get_atc));

	/* Nor during the session, from its owner or another file. */
	stage(test, &fx->card, example, ARRAY_SIZE(example));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_CONDITIONS, XFER(gpo));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_CONDITIONS, XFER(get_atc));
	KUNIT_EXPECT_EQ(test, PERSOCARD_STATE_PERSONALIZING,
			persocard_state(&fx->card));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_CONDITIONS,
			exchange(test, &fx->card, OWNER, gpo, sizeof(gpo),
				 fx->resp, &fx->resp_len));
	/* The owner's session aborted. */
	KUNIT_EXPECT_EQ(test, PERSOCARD_STATE_SEMI_FINISHED,
			persocard_state(&fx->card));
}

/* LOCK sets the counters from pin_try_limit: limit 5, counter 2. */
static void test_lock_counters(struct kunit *test)
{
	static const u8 tries[] = { 0x05, 0x02 };
	struct pay_fixture *fx = test->priv;
	struct element els[ARRAY_SIZE(example)];
	unsigned int i;

	memcpy(els, example, sizeof(els));
	for (i = 0; i < ARRAY_SIZE(els); i++)
		if (els[i].tag == 0x9010)
			els[i] = (struct element)E(0x9010, tries);
	stage(test, &fx->card, els, ARRAY_SIZE(els));
	lock(test, &fx->card);
	KUNIT_EXPECT_EQ(test, 5, fx->card.rec.pin_limit);
	KUNIT_EXPECT_EQ(test, 2, fx->card.rec.pin_tries);
	KUNIT_EXPECT_EQ(test, 0, fx->card.rec.atc);
	KUNIT_EXPECT_EQ(test, OK, XFER(get_pin_tries));
	EXPECT_RESP(0x9F, 0x17, 0x01, 0x02);
	KUNIT_EXPECT_EQ(test, OK, XFER(select_aid));
	KUNIT_EXPECT_EQ(test, OK, XFER(right_pin));
	KUNIT_EXPECT_EQ(test, OK, XFER(get_pin_tries));
	EXPECT_RESP(0x9F, 0x17, 0x01, 0x05);
}

/* ---- power cuts ---- */

struct tally {
	unsigned int tried;
	unsigned int before;
	unsigned int after;
	unsigned int spent;	/* VERIFY: a try spent, the PIN not seen */
	unsigned int other;
};

static void report(struct kunit *test, const char *what,
		   const struct tally *t)
{
	kunit_info(test, "sweep %s: %u cut points, %u recovered before, %u recovered after, %u a try spent, %u other\n",
		   what, t->tried, t->before, t->after, t->spent, t->other);
	KUNIT_EXPECT_EQ(test, 0, t->other);
	KUNIT_EXPECT_GT(test, t->before, 0);
	KUNIT_EXPECT_GT(test, t->after, 0);
}

/* A card of examples/payment.perso, its application selected. */
static void remake(struct kunit *test, struct persocard_card *card, u8 *resp)
{
	u32 len;

	memset(card, 0, sizeof(*card));
	KUNIT_ASSERT_EQ(test, 0, make_card(card));
	personalize(test, card);
	KUNIT_ASSERT_EQ(test, OK, XFER_TO(card, resp, &len, select_aid));
}

/*
 * GENERATE AC cut at every unit of its record update, from ATC 5: the
 * card comes back at 5 or 6, an answered cryptogram's ATC is the one in
 * NVM, and the next transaction's cryptogram has a new ATC.
 */
static void test_sweep_generate_ac(struct kunit *test)
{
	struct persocard_card *card;
	struct tally t = {};
	unsigned int op;
	u8 *resp;
	u32 len;

	card = kunit_kzalloc(test, sizeof(*card), GFP_KERNEL);
	resp = kunit_kzalloc(test, PERSOCARD_VALUE_MAX_LEN, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, card);
	KUNIT_ASSERT_NOT_NULL(test, resp);
	for (op = 0; op < RECORD_OPS; op++) {
		u32 units;

		for (units = 0; units <= PAGE; units++) {
			int answered = -1;
			u16 sw, atc;

			remake(test, card, resp);
			set_atc(test, card, 5);
			KUNIT_ASSERT_EQ(test, OK,
					XFER_TO(card, resp, &len, gpo));
			KUNIT_ASSERT_EQ(test, 0,
					persocard_nvm_arm_cut(&card->nvm, op,
							      units));
			sw = GEN_AC_TO(card, resp, &len, ARQC);
			if (sw == OK && len == 22)
				answered = get_unaligned_be16(resp + 9);
			t.tried++;
			if (persocard_card_powered(card) ||
			    persocard_power_up(card)) {
				t.other++;
				persocard_card_destroy(card);
				continue;
			}
			atc = card->rec.atc;
			if (atc == 5 && answered < 0)
				t.before++;
			else if (atc == 6 && (answered < 0 || answered == 6))
				t.after++;
			else
				t.other++;
			/* The next transaction goes on from what NVM says. */
			XFER_TO(card, resp, &len, select_aid);
			XFER_TO(card, resp, &len, gpo);
			sw = GEN_AC_TO(card, resp, &len, ARQC);
			if (sw != OK || len != 22 ||
			    get_unaligned_be16(resp + 9) != atc + 1 ||
			    get_unaligned_be16(resp + 9) == answered)
				t.other++;
			persocard_card_destroy(card);
		}
	}
	report(test, "generate ac", &t);
}

/*
 * VERIFY from a counter of 2 (limit 3): a wrong PIN ends at 1; a right
 * one passes 1 (spent, decrement first) on its way back to 3. No cut
 * leaves more tries than it started with but by the right PIN.
 */
static void sweep_verify(struct kunit *test, bool right)
{
	unsigned int op, ops = right ? 2 * RECORD_OPS : RECORD_OPS;
	struct persocard_card *card;
	struct tally t = {};
	u8 *resp;
	u32 len;

	card = kunit_kzalloc(test, sizeof(*card), GFP_KERNEL);
	resp = kunit_kzalloc(test, PERSOCARD_VALUE_MAX_LEN, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, card);
	KUNIT_ASSERT_NOT_NULL(test, resp);
	for (op = 0; op < ops; op++) {
		u32 units;

		for (units = 0; units <= PAGE; units++) {
			u8 left;

			remake(test, card, resp);
			KUNIT_ASSERT_EQ(test, PERSOCARD_SW_VERIFY_FAILED | 2,
					XFER_TO(card, resp, &len, wrong_pin));
			KUNIT_ASSERT_EQ(test, 0,
					persocard_nvm_arm_cut(&card->nvm, op,
							      units));
			if (right)
				XFER_TO(card, resp, &len, right_pin);
			else
				XFER_TO(card, resp, &len, wrong_pin);
			t.tried++;
			if (persocard_card_powered(card) ||
			    persocard_power_up(card)) {
				t.other++;
				persocard_card_destroy(card);
				continue;
			}
			left = card->rec.pin_tries;
			if (left == 2)
				t.before++;
			else if (left == (right ? 3 : 1))
				t.after++;
			else if (right && left == 1)
				t.spent++;
			else
				t.other++;
			persocard_card_destroy(card);
		}
	}
	report(test, right ? "verify right pin" : "verify wrong pin", &t);
}

static void test_sweep_verify_wrong(struct kunit *test)
{
	sweep_verify(test, false);
}

static void test_sweep_verify_right(struct kunit *test)
{
	sweep_verify(test, true);
}

static struct kunit_case pay_cases[] = {
	KUNIT_CASE(test_transaction),
	KUNIT_CASE(test_ac_atcs),
	KUNIT_CASE(test_le),
	KUNIT_CASE(test_select_refusals),
	KUNIT_CASE(test_read_record_refusals),
	KUNIT_CASE(test_gpo_refusals),
	KUNIT_CASE(test_generate_ac_refusals),
	KUNIT_CASE(test_verify_refusals),
	KUNIT_CASE(test_before_lock),
	KUNIT_CASE(test_lock_counters),
	KUNIT_CASE(test_sweep_generate_ac),
	KUNIT_CASE(test_sweep_verify_wrong),
	KUNIT_CASE(test_sweep_verify_right),
	{}
};

static struct kunit_suite pay_suite = {
	.name = "persocard_payment",
	.init = pay_init,
	.exit = pay_exit,
	.test_cases = pay_cases,
};

kunit_test_suite(pay_suite);
