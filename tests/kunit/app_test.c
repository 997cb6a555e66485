// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of a locked card's application, by APDUs: the framework
 * every profile's application shares (admission only once PERSONALIZED,
 * answers fitted to Le, GET RESPONSE, classes and unknown instructions)
 * on the identity card, whose X25519 authentication is checked against
 * the test vectors of RFC 7748 section 6.1, and its PIN's try counter
 * against power cuts.
 */
#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "../../module/cardos/apdu.h"
#include "../../module/cardos/card.h"
#include "../../module/compat.h"

#define OK	PERSOCARD_SW_OK
#define NOPE	PERSOCARD_SW_CONDITIONS

static const u8 code[] = { '1', '2', '3', '4' };
static const int file_a;
#define OWNER	(&file_a)

/* RFC 7748 6.1: Alice's and Bob's private and public keys, and K. */
static const u8 alice_priv[32] = {
	0x77, 0x07, 0x6d, 0x0a, 0x73, 0x18, 0xa5, 0x7d, 0x3c, 0x16, 0xc1,
	0x72, 0x51, 0xb2, 0x66, 0x45, 0xdf, 0x4c, 0x2f, 0x87, 0xeb, 0xc0,
	0x99, 0x2a, 0xb1, 0x77, 0xfb, 0xa5, 0x1d, 0xb9, 0x2c, 0x2a };
static const u8 alice_pub[32] = {
	0x85, 0x20, 0xf0, 0x09, 0x89, 0x30, 0xa7, 0x54, 0x74, 0x8b, 0x7d,
	0xdc, 0xb4, 0x3e, 0xf7, 0x5a, 0x0d, 0xbf, 0x3a, 0x0d, 0x26, 0x38,
	0x1a, 0xf4, 0xeb, 0xa4, 0xa9, 0x8e, 0xaa, 0x9b, 0x4e, 0x6a };
static const u8 bob_priv[32] = {
	0x5d, 0xab, 0x08, 0x7e, 0x62, 0x4a, 0x8a, 0x4b, 0x79, 0xe1, 0x7f,
	0x8b, 0x83, 0x80, 0x0e, 0xe6, 0x6f, 0x3b, 0xb1, 0x29, 0x26, 0x18,
	0xb6, 0xfd, 0x1c, 0x2f, 0x8b, 0x27, 0xff, 0x88, 0xe0, 0xeb };
static const u8 bob_pub[32] = {
	0xde, 0x9e, 0xdb, 0x7d, 0x7b, 0x7d, 0xc1, 0xb4, 0xd3, 0x5b, 0x61,
	0xc2, 0xec, 0xe4, 0x35, 0x37, 0x3f, 0x83, 0x43, 0xc8, 0x5b, 0x78,
	0x67, 0x4d, 0xad, 0xfc, 0x7e, 0x14, 0x6f, 0x88, 0x2b, 0x4f };
/*
 * SHA-256 of their shared secret K (4a5d9d5b...1e161742), by Python's
 * hashlib: what GENERAL AUTHENTICATE answers with either key.
 */
static const u8 k_sha256[32] = {
	0xde, 0xad, 0x45, 0xa1, 0xd4, 0x3d, 0x69, 0x02, 0xaa, 0x92, 0x40,
	0xb4, 0x3c, 0x0d, 0x75, 0xa0, 0xb5, 0xfc, 0x75, 0x06, 0x60, 0x59,
	0x0d, 0x6d, 0x45, 0x46, 0x1c, 0xbf, 0xc4, 0x01, 0x06, 0x84 };

/* PIN 123456 as an ISO 9564 format 2 block. */
static const u8 pin_block[8] = { 0x26, 0x12, 0x34, 0x56, 0xFF, 0xFF, 0xFF,
				 0xFF };

struct app_fixture {
	struct persocard_card card;
	u8 resp[PERSOCARD_VALUE_MAX_LEN];
	u32 resp_len;
};

#define CARD(test)	(&((struct app_fixture *)(test)->priv)->card)
#define RESP(test)	(((struct app_fixture *)(test)->priv)->resp)
#define RESP_LEN(test)	(((struct app_fixture *)(test)->priv)->resp_len)

static void make_card(struct kunit *test, struct persocard_card *card)
{
	struct persocard_config config = {
		.profile = persocard_profile_by_id(PERSOCARD_PROFILE_IDENTITY),
		.code = code,
		.code_len = sizeof(code),
		.try_limit = 3,
		.nvm_size = 8192,
		.page_size = PERSOCARD_PAGE_DEFAULT_SIZE,
	};
	u8 secret[PERSOCARD_SECRET_LEN] = { 7 };

	KUNIT_ASSERT_EQ(test, 0, persocard_card_init(card, &config, secret,
						     0x1122334455667788ULL));
}

static void personalize(struct kunit *test, struct persocard_card *card)
{
	static const struct { u16 tag; const char *v; u16 len; } text[] = {
		{ 0x0101, "L898902C3", 9 }, { 0x0102, "ERIKSSON", 8 },
		{ 0x0103, "ANNA MARIA", 10 }, { 0x0104, "\x69\x08\x12", 3 },
		{ 0x0105, "\x34\x06\x30", 3 }, { 0x0106, "UTO", 3 },
		{ 0x0301, "\x30\x03\x02\x01\x00", 5 },
	};
	u16 missing[PERSOCARD_MAX_TAGS], nr;
	unsigned int i;
	u8 tries;

	KUNIT_ASSERT_EQ(test, OK, persocard_enable(card, OWNER));
	KUNIT_ASSERT_EQ(test, OK, persocard_verify(card, OWNER, code,
						   sizeof(code), &tries));
	for (i = 0; i < ARRAY_SIZE(text); i++)
		KUNIT_ASSERT_EQ(test, OK, persocard_put(card, OWNER,
							text[i].tag, text[i].v,
							text[i].len));
	KUNIT_ASSERT_EQ(test, OK, persocard_put(card, OWNER, 0x8101,
						alice_priv, 32));
	KUNIT_ASSERT_EQ(test, OK, persocard_put(card, OWNER, 0x8102,
						bob_priv, 32));
	KUNIT_ASSERT_EQ(test, OK, persocard_put(card, OWNER, 0x8103,
						pin_block, 8));
	KUNIT_ASSERT_EQ(test, OK, persocard_lock(card, OWNER, missing, &nr));
}

static int app_init(struct kunit *test)
{
	struct app_fixture *fx = kunit_kzalloc(test, sizeof(*fx), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, fx);
	make_card(test, &fx->card);
	test->priv = fx;
	return 0;
}

static void app_exit(struct kunit *test)
{
	struct app_fixture *fx = test->priv;

	persocard_card_destroy(&fx->card);
}

static u16 send(struct kunit *test, const u8 *bytes, size_t len)
{
	struct app_fixture *fx = test->priv;
	struct persocard_apdu apdu;
	u16 sw;

	sw = persocard_apdu_parse(bytes, len, &apdu);
	if (sw)
		return sw;
	return persocard_apdu_exec(&fx->card, OWNER, &apdu, fx->resp,
				   &fx->resp_len);
}

#define SEND(...) ({							\
	static const u8 __b[] = { __VA_ARGS__ };			\
	send(test, __b, sizeof(__b));					\
})

/* The identity application's AID, F0 "PERSOID", and its FCI */
static const u8 aid[8] = { 0xF0, 0x50, 0x45, 0x52, 0x53, 0x4F, 0x49, 0x44 };
static const u8 fci[12] = { 0x6F, 0x0A, 0x84, 0x08, 0xF0, 0x50, 0x45, 0x52,
			    0x53, 0x4F, 0x49, 0x44 };

/* SELECT of the AID in class @cla, P2 @p2, with Le 00 if @le. */
static u16 select_aid(struct kunit *test, u8 cla, u8 p2, bool le)
{
	u8 apdu[5 + sizeof(aid) + 1] = { cla, 0xA4, 0x04, p2, sizeof(aid) };

	memcpy(apdu + 5, aid, sizeof(aid));
	return send(test, apdu, sizeof(apdu) - !le);
}

#define SELECT_APP()	select_aid(test, 0x00, 0x0C, false)

static u16 select_ef(struct kunit *test, u16 fid)
{
	u8 apdu[] = { 0x00, 0xA4, 0x02, 0x0C, 2, fid >> 8, fid & 0xFF };

	return send(test, apdu, sizeof(apdu));
}

#define SELECT_EF(fid)	select_ef(test, fid)

static u16 general_auth(struct kunit *test, u8 ref, const u8 *peer)
{
	u8 apdu[5 + 36 + 1] = { 0x00, 0x86, 0x00, ref, 36,
				0x7C, 0x22, 0x85, 0x20 };

	memcpy(apdu + 9, peer, 32);
	return send(test, apdu, sizeof(apdu));
}

/* Before LOCK the application is not there: 6985, or 6A82 by name. */
static void test_before_lock(struct kunit *test)
{
	struct persocard_card *card = CARD(test);
	u8 tries;

	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_AID_NOT_FOUND, SELECT_APP());
	KUNIT_EXPECT_EQ(test, NOPE, SEND(0x00, 0xA4, 0x00, 0x0C, 2, 0x3F, 0x00));
	KUNIT_EXPECT_EQ(test, NOPE, SEND(0x00, 0xB0, 0x00, 0x00, 0x10));
	KUNIT_EXPECT_EQ(test, NOPE, SEND(0x00, 0x20, 0x00, 0x81));
	KUNIT_EXPECT_EQ(test, NOPE, SEND(0x00, 0xC0, 0x00, 0x00, 0x00));
	/* ... and in a session, the command aborts it, as any misstep. */
	KUNIT_ASSERT_EQ(test, OK, persocard_enable(card, OWNER));
	KUNIT_ASSERT_EQ(test, OK, persocard_verify(card, OWNER, code,
						   sizeof(code), &tries));
	KUNIT_EXPECT_EQ(test, NOPE, SEND(0x00, 0xB0, 0x00, 0x00, 0x10));
	KUNIT_EXPECT_EQ(test, PERSOCARD_STATE_SEMI_FINISHED,
			persocard_state(card));
}

/* What no table has, in no class, changes nothing before or after. */
static void test_unknown(struct kunit *test)
{
	personalize(test, CARD(test));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_INS_UNKNOWN,
			SEND(0x00, 0xFE, 0x00, 0x00));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_INS_UNKNOWN,
			SEND(0xA0, 0xFE, 0x00, 0x00));
	/* A0 A4 is the SIM's: the identity card has SELECT only in 00. */
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_CLA_UNKNOWN,
			SEND(0xA0, 0xA4, 0x00, 0x00, 2, 0x3F, 0x00));
	/* LOCK PERSO's INS in the interindustry class */
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_CLA_UNKNOWN,
			SEND(0x00, 0xF0, 0x80, 0x0F));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_CLA_UNKNOWN,
			select_aid(test, 0xB0, 0x00, false));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_CLA_UNKNOWN,
			select_aid(test, 0x0C, 0x00, false));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_AID_NOT_FOUND,
			SEND(0x00, 0xA4, 0x04, 0x00, 5, 0xA0, 0, 0, 0, 0x63));
	KUNIT_EXPECT_EQ(test, 3, CARD(test)->rec.pin_tries);
}

static void test_select_and_read(struct kunit *test)
{
	personalize(test, CARD(test));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_NO_CURRENT_EF,
			SEND(0x00, 0xB0, 0x00, 0x00, 0x00));
	KUNIT_ASSERT_EQ(test, OK, select_aid(test, 0x00, 0x00, true));
	KUNIT_ASSERT_EQ(test, sizeof(fci), RESP_LEN(test));
	KUNIT_EXPECT_MEMEQ(test, fci, RESP(test), sizeof(fci));

	KUNIT_ASSERT_EQ(test, OK, SEND(0x00, 0xA4, 0x02, 0x04, 2, 0x01, 0x02,
				       0x00));
	KUNIT_EXPECT_EQ(test, 0x62, RESP(test)[0]);
	KUNIT_EXPECT_EQ(test, OK, SEND(0x00, 0xB0, 0x00, 0x00, 0x00));
	KUNIT_ASSERT_EQ(test, 8, RESP_LEN(test));
	KUNIT_EXPECT_MEMEQ(test, "ERIKSSON", RESP(test), 8);
	/* From offset 4, Le 2 */
	KUNIT_EXPECT_EQ(test, OK, SEND(0x00, 0xB0, 0x00, 0x04, 0x02));
	KUNIT_ASSERT_EQ(test, 2, RESP_LEN(test));
	KUNIT_EXPECT_MEMEQ(test, "SS", RESP(test), 2);
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_WRONG_OFFSET,
			SEND(0x00, 0xB0, 0x00, 0x08, 0x00));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_WRONG_P1P2,
			SEND(0x00, 0xB0, 0x81, 0x00, 0x00));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_WRONG_LENGTH,
			SEND(0x00, 0xB0, 0x00, 0x00));

	/* The keys' public halves are files; the keys are not. */
	KUNIT_ASSERT_EQ(test, OK, SELECT_EF(0x0401));
	KUNIT_EXPECT_EQ(test, OK, SEND(0x00, 0xB0, 0x00, 0x00, 0x00));
	KUNIT_ASSERT_EQ(test, 32, RESP_LEN(test));
	KUNIT_EXPECT_MEMEQ(test, alice_pub, RESP(test), 32);
	KUNIT_ASSERT_EQ(test, OK, SELECT_EF(0x0402));
	KUNIT_EXPECT_EQ(test, OK, SEND(0x00, 0xB0, 0x00, 0x00, 0x00));
	KUNIT_EXPECT_MEMEQ(test, bob_pub, RESP(test), 32);
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_AID_NOT_FOUND, SELECT_EF(0x8101));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_AID_NOT_FOUND, SELECT_EF(0x8103));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_AID_NOT_FOUND, SELECT_EF(0x0201));
}

/* A case 4 command without Le leaves its answer to GET RESPONSE. */
static void test_get_response(struct kunit *test)
{
	personalize(test, CARD(test));
	KUNIT_EXPECT_EQ(test, NOPE, SEND(0x00, 0xC0, 0x00, 0x00, 0x00));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_BYTES_REMAIN | sizeof(fci),
			select_aid(test, 0x00, 0x00, false));
	KUNIT_EXPECT_EQ(test, 0, RESP_LEN(test));
	/* Without Le, GET RESPONSE hands out nothing and says so again. */
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_BYTES_REMAIN | sizeof(fci),
			SEND(0x00, 0xC0, 0x00, 0x00));
	KUNIT_EXPECT_EQ(test, 0, RESP_LEN(test));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_BYTES_REMAIN | (sizeof(fci) - 4),
			SEND(0x00, 0xC0, 0x00, 0x00, 0x04));
	KUNIT_ASSERT_EQ(test, 4, RESP_LEN(test));
	KUNIT_EXPECT_MEMEQ(test, fci, RESP(test), 4);
	KUNIT_EXPECT_EQ(test, OK, SEND(0x00, 0xC0, 0x00, 0x00, 0x00));
	KUNIT_ASSERT_EQ(test, sizeof(fci) - 4, RESP_LEN(test));
	KUNIT_EXPECT_MEMEQ(test, fci + 4, RESP(test), sizeof(fci) - 4);
	KUNIT_EXPECT_EQ(test, NOPE, SEND(0x00, 0xC0, 0x00, 0x00, 0x00));

	/* Any other command drops what waited. */
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_BYTES_REMAIN | sizeof(fci),
			select_aid(test, 0x00, 0x00, false));
	KUNIT_EXPECT_EQ(test, OK, SELECT_EF(0x0101));
	KUNIT_EXPECT_EQ(test, NOPE, SEND(0x00, 0xC0, 0x00, 0x00, 0x00));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_WRONG_P1P2,
			SEND(0x00, 0xC0, 0x01, 0x00, 0x00));
	/* A case 2 command with a short Le learns the right one. */
	KUNIT_EXPECT_EQ(test, OK, SELECT_EF(0x0401));
	KUNIT_EXPECT_EQ(test, OK, SEND(0x00, 0xB0, 0x00, 0x00, 0x10));
	KUNIT_EXPECT_EQ(test, 16, RESP_LEN(test));
}

/* GENERAL AUTHENTICATE: RFC 7748's K, hashed, with either key. */
static void test_general_auth(struct kunit *test)
{
	static const u8 low_order[32] = { 0 };

	personalize(test, CARD(test));
	KUNIT_EXPECT_EQ(test, NOPE, general_auth(test, 0x81, bob_pub));
	KUNIT_ASSERT_EQ(test, OK, SELECT_APP());
	KUNIT_ASSERT_EQ(test, OK, general_auth(test, 0x81, bob_pub));
	KUNIT_ASSERT_EQ(test, 36, RESP_LEN(test));
	KUNIT_EXPECT_EQ(test, 0x7C, RESP(test)[0]);
	KUNIT_EXPECT_EQ(test, 0x22, RESP(test)[1]);
	KUNIT_EXPECT_EQ(test, 0x86, RESP(test)[2]);
	KUNIT_EXPECT_EQ(test, 0x20, RESP(test)[3]);
	KUNIT_EXPECT_MEMEQ(test, k_sha256, RESP(test) + 4, 32);

	/* The sign key needs the PIN. */
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_SECURITY_STATUS,
			general_auth(test, 0x82, alice_pub));
	KUNIT_EXPECT_EQ(test, OK, SEND(0x00, 0x20, 0x00, 0x81, 8,
				       0x26, 0x12, 0x34, 0x56, 0xFF, 0xFF,
				       0xFF, 0xFF));
	KUNIT_ASSERT_EQ(test, OK, general_auth(test, 0x82, alice_pub));
	KUNIT_EXPECT_MEMEQ(test, k_sha256, RESP(test) + 4, 32);

	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_WRONG_DATA,
			general_auth(test, 0x81, low_order));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_WRONG_P1P2,
			general_auth(test, 0x83, bob_pub));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_WRONG_DATA,
			SEND(0x00, 0x86, 0x00, 0x81, 4, 0x7C, 0x02, 0x85, 0x00));
	/* A reset forgets the PIN. */
	KUNIT_EXPECT_EQ(test, OK, persocard_reset(CARD(test), OWNER));
	KUNIT_ASSERT_EQ(test, OK, SELECT_APP());
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_SECURITY_STATUS,
			general_auth(test, 0x82, alice_pub));
}

static void test_pin_counter(struct kunit *test)
{
	struct persocard_card *card = CARD(test);

	personalize(test, card);
	KUNIT_ASSERT_EQ(test, OK, SELECT_APP());
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_VERIFY_FAILED | 3,
			SEND(0x00, 0x20, 0x00, 0x81));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_VERIFY_FAILED | 2,
			SEND(0x00, 0x20, 0x00, 0x81, 8, 0x24, 0x99, 0x99, 0xFF,
			     0xFF, 0xFF, 0xFF, 0xFF));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_WRONG_LENGTH,
			SEND(0x00, 0x20, 0x00, 0x81, 2, 0x24, 0x99));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_NOT_FOUND,
			SEND(0x00, 0x20, 0x00, 0x01, 8, 0x26, 0x12, 0x34, 0x56,
			     0xFF, 0xFF, 0xFF, 0xFF));
	KUNIT_EXPECT_EQ(test, OK, SEND(0x00, 0x20, 0x00, 0x81, 8, 0x26, 0x12,
				       0x34, 0x56, 0xFF, 0xFF, 0xFF, 0xFF));
	KUNIT_EXPECT_EQ(test, 3, card->rec.pin_tries);
	KUNIT_EXPECT_EQ(test, OK, SEND(0x00, 0x20, 0x00, 0x81));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_VERIFY_FAILED | 2,
			SEND(0x00, 0x20, 0x00, 0x81, 8, 0x24, 0x99, 0x99, 0xFF,
			     0xFF, 0xFF, 0xFF, 0xFF));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_VERIFY_FAILED | 1,
			SEND(0x00, 0x20, 0x00, 0x81, 8, 0x24, 0x99, 0x99, 0xFF,
			     0xFF, 0xFF, 0xFF, 0xFF));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_VERIFY_FAILED | 0,
			SEND(0x00, 0x20, 0x00, 0x81, 8, 0x24, 0x99, 0x99, 0xFF,
			     0xFF, 0xFF, 0xFF, 0xFF));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_AUTH_BLOCKED,
			SEND(0x00, 0x20, 0x00, 0x81, 8, 0x26, 0x12, 0x34, 0x56,
			     0xFF, 0xFF, 0xFF, 0xFF));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_AUTH_BLOCKED,
			SEND(0x00, 0x20, 0x00, 0x81));
	/* Blocked survives a power cycle: it is in NVM. */
	persocard_power_off(card);
	KUNIT_ASSERT_EQ(test, 0, persocard_power_up(card));
	KUNIT_EXPECT_EQ(test, 0, card->rec.pin_tries);
	KUNIT_EXPECT_EQ(test, PERSOCARD_STATE_PERSONALIZED,
			persocard_state(card));
}

/*
 * A power cut at any point of a VERIFY (from 2 tries of 3) leaves 2 (cut
 * before the decrement's commit), 1 (after it), or for a right PIN 3 once
 * restored; never more than 2 before the PIN was seen.
 */
static void sweep_pin(struct kunit *test, bool right)
{
	static const u8 wrong[] = { 0x00, 0x20, 0x00, 0x81, 8, 0x24, 0x99,
				    0x99, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF };
	static const u8 good[] = { 0x00, 0x20, 0x00, 0x81, 8, 0x26, 0x12,
				   0x34, 0x56, 0xFF, 0xFF, 0xFF, 0xFF };
	struct persocard_card *card = CARD(test);
	unsigned int op, ops = 2 * DIV_ROUND_UP(PERSOCARD_RECORD_LEN,
					       PERSOCARD_PAGE_DEFAULT_SIZE);
	unsigned int tried = 0, before = 0, after = 0, other = 0;
	u32 units;

	for (op = 0; op < ops; op++) {
		for (units = 0; units <= PERSOCARD_PAGE_DEFAULT_SIZE;
		     units += 7) {
			u8 left;

			persocard_card_destroy(card);
			memset(card, 0, sizeof(*card));
			make_card(test, card);
			personalize(test, card);
			KUNIT_ASSERT_EQ(test, PERSOCARD_SW_VERIFY_FAILED | 2,
					send(test, wrong, sizeof(wrong)));
			KUNIT_ASSERT_EQ(test, 0, persocard_nvm_arm_cut(&card->nvm,
								       op, units));
			send(test, right ? good : wrong, sizeof(good));
			tried++;
			if (persocard_card_powered(card)) {
				/* the command was done before the cut */
				persocard_nvm_disarm_cut(&card->nvm);
				persocard_power_off(card);
			}
			KUNIT_ASSERT_EQ(test, 0, persocard_power_up(card));
			left = card->rec.pin_tries;
			if (left == 2)
				before++;
			else if (left == 1 || (right && left == 3))
				after++;
			else
				other++;
		}
	}
	kunit_info(test, "sweep pin %s: %u cut points, %u before, %u after, %u other\n",
		   right ? "right" : "wrong", tried, before, after, other);
	KUNIT_EXPECT_EQ(test, 0, other);
	KUNIT_EXPECT_GT(test, before, 0);
	KUNIT_EXPECT_GT(test, after, 0);
}

static void test_sweep_pin_wrong(struct kunit *test)
{
	sweep_pin(test, false);
}

static void test_sweep_pin_right(struct kunit *test)
{
	sweep_pin(test, true);
}

static struct kunit_case persocard_app_cases[] = {
	KUNIT_CASE(test_before_lock),
	KUNIT_CASE(test_unknown),
	KUNIT_CASE(test_select_and_read),
	KUNIT_CASE(test_get_response),
	KUNIT_CASE(test_general_auth),
	KUNIT_CASE(test_pin_counter),
	KUNIT_CASE(test_sweep_pin_wrong),
	KUNIT_CASE(test_sweep_pin_right),
	{}
};

static struct kunit_suite persocard_app_suite = {
	.name = "persocard_app",
	.init = app_init,
	.exit = app_exit,
	.test_cases = persocard_app_cases,
};

kunit_test_suites(&persocard_app_suite);
