// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of persocard's APDU path: the parser on every case of
 * ISO/IEC 7816-4 (1 to 4, short and extended, truncated and over-long),
 * and the card OS driven by APDUs alone, which must answer as the ioctls
 * do: the same status words, the same effects.
 */
#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "../../module/cardos/apdu.h"
#include "../../module/cardos/card.h"

/* A command APDU as bytes, and how it must parse. */
struct parse_case {
	const char *name;
	u8 bytes[16];
	u8 len;
	u16 sw;
	u32 nc;
	u32 ne;
	bool extended;
};

static const struct parse_case parse_cases[] = {
	{ "case 1", { 0x80, 0xE6, 0x20, 0x00 }, 4, 0, 0, 0, false },
	{ "case 2S", { 0x80, 0xCA, 0x5A, 0x00, 0x08 }, 5, 0, 0, 8, false },
	{ "case 2S Le 00 is 256", { 0x80, 0xCA, 0x5A, 0x00, 0x00 }, 5,
	  0, 0, 256, false },
	{ "case 3S", { 0x80, 0x20, 0, 0, 0x04, '1', '2', '3', '4' }, 9,
	  0, 4, 0, false },
	{ "case 4S", { 0x80, 0x20, 0, 0, 0x02, 'a', 'b', 0x10 }, 8,
	  0, 2, 16, false },
	{ "case 4S Le 00 is 256", { 0x80, 0x20, 0, 0, 0x01, 'a', 0x00 }, 7,
	  0, 1, 256, false },
	{ "case 2E", { 0x80, 0xCA, 0x5A, 0x00, 0x00, 0x01, 0x00 }, 7,
	  0, 0, 256, true },
	{ "case 2E Le 0000 is 65536", { 0x80, 0xCA, 0, 0, 0, 0, 0 }, 7,
	  0, 0, 65536, true },
	{ "case 3E", { 0x80, 0xDA, 0x5A, 0, 0x00, 0x00, 0x02, 0x54, 0x13 }, 9,
	  0, 2, 0, true },
	{ "case 4E", { 0x80, 0xDA, 0x5A, 0, 0x00, 0x00, 0x01, 0x54,
		       0x00, 0x20 }, 10, 0, 1, 32, true },
	{ "case 4E Le 0000 is 65536", { 0x80, 0xDA, 0, 0, 0, 0, 1, 0x54,
					0, 0 }, 10, 0, 1, 65536, true },
	{ "empty", { 0 }, 0, PERSOCARD_SW_WRONG_LENGTH },
	{ "header cut", { 0x80, 0xE6, 0x20 }, 3, PERSOCARD_SW_WRONG_LENGTH },
	{ "case 3S data cut", { 0x80, 0x20, 0, 0, 0x04, '1', '2', '3' }, 8,
	  PERSOCARD_SW_WRONG_LENGTH },
	{ "case 3S too long", { 0x80, 0x20, 0, 0, 0x01, 'a', 'b', 'c' }, 8,
	  PERSOCARD_SW_WRONG_LENGTH },
	{ "extended marker alone", { 0x80, 0xCA, 0, 0, 0x00, 0x01 }, 6,
	  PERSOCARD_SW_WRONG_LENGTH },
	{ "case 3E Lc 0000", { 0x80, 0xDA, 0, 0, 0x00, 0x00, 0x00, 0x54 }, 8,
	  PERSOCARD_SW_WRONG_LENGTH },
	{ "case 3E data cut", { 0x80, 0xDA, 0, 0, 0x00, 0x00, 0x03, 0x54,
				0x13 }, 9, PERSOCARD_SW_WRONG_LENGTH },
	{ "case 4E Le cut", { 0x80, 0xDA, 0, 0, 0x00, 0x00, 0x01, 0x54,
			      0x00 }, 9, PERSOCARD_SW_WRONG_LENGTH },
	{ "case 4E too long", { 0x80, 0xDA, 0, 0, 0x00, 0x00, 0x01, 0x54,
				0x00, 0x01, 0xFF }, 11,
	  PERSOCARD_SW_WRONG_LENGTH },
};

static void parse_case_desc(const struct parse_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(parse, parse_cases, parse_case_desc);

static void test_parse(struct kunit *test)
{
	const struct parse_case *c = test->param_value;
	struct persocard_apdu apdu;
	u8 *buf;

	/* A buffer of exactly @len bytes: KASAN catches any read past it. */
	buf = kunit_kmalloc(test, c->len ?: 1, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	memcpy(buf, c->bytes, c->len);

	KUNIT_ASSERT_EQ(test, c->sw, persocard_apdu_parse(buf, c->len, &apdu));
	if (c->sw)
		return;
	KUNIT_EXPECT_EQ(test, apdu.cla, buf[0]);
	KUNIT_EXPECT_EQ(test, apdu.ins, buf[1]);
	KUNIT_EXPECT_EQ(test, apdu.p1, buf[2]);
	KUNIT_EXPECT_EQ(test, apdu.p2, buf[3]);
	KUNIT_EXPECT_EQ(test, apdu.nc, c->nc);
	KUNIT_EXPECT_EQ(test, apdu.ne, c->ne);
	KUNIT_EXPECT_EQ(test, apdu.extended, c->extended);
	if (c->nc)
		KUNIT_EXPECT_PTR_EQ(test, apdu.data,
				    (const u8 *)buf + (c->extended ? 7 : 5));
	else
		KUNIT_EXPECT_NULL(test, apdu.data);
}

/* Every length of a maximal extended APDU but the right one is refused. */
static void test_parse_every_cut(struct kunit *test)
{
	size_t full = PERSOCARD_APDU_MAX_LEN, len;
	struct persocard_apdu apdu;
	u8 *buf;

	buf = kunit_kzalloc(test, full, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	buf[0] = 0x80;
	buf[1] = 0xDA;
	buf[5] = PERSOCARD_VALUE_MAX_LEN >> 8;
	buf[6] = PERSOCARD_VALUE_MAX_LEN & 0xFF;
	buf[full - 1] = 0x01;

	KUNIT_ASSERT_EQ(test, 0, persocard_apdu_parse(buf, full, &apdu));
	KUNIT_EXPECT_EQ(test, apdu.nc, PERSOCARD_VALUE_MAX_LEN);
	KUNIT_EXPECT_EQ(test, apdu.ne, 1);
	/*
	 * Its first 5 bytes are a case 2S (Le 00), its first 7 a case 2E,
	 * all but its Le a case 3E; every other cut must not parse.
	 */
	for (len = 5; len < full; len++) {
		u16 sw = persocard_apdu_parse(buf, len, &apdu);

		if (len == 5 || len == 7 || len == full - 2)
			KUNIT_EXPECT_EQ_MSG(test, sw, 0, "length %zu", len);
		else
			KUNIT_EXPECT_EQ_MSG(test, sw, PERSOCARD_SW_WRONG_LENGTH,
					    "length %zu", len);
	}
}

/* The card under APDUs */

static const u8 right_code[] = { '1', '2', '3', '4' };
static const int file_a, file_b;
#define OWNER	(&file_a)
#define OTHER	(&file_b)

struct apdu_fixture {
	struct persocard_card card;
	u8 resp[PERSOCARD_VALUE_MAX_LEN];
	u32 resp_len;
};

static int apdu_test_init(struct kunit *test)
{
	struct persocard_config config = {
		.profile = persocard_profile_by_id(PERSOCARD_PROFILE_PAYMENT),
		.code = right_code,
		.code_len = sizeof(right_code),
		.try_limit = 3,
		.nvm_size = 4096,
		.page_size = PERSOCARD_PAGE_DEFAULT_SIZE,
	};
	u8 secret[PERSOCARD_SECRET_LEN] = { 7 };
	struct apdu_fixture *fx;

	fx = kunit_kzalloc(test, sizeof(*fx), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, fx);
	KUNIT_ASSERT_EQ(test, 0,
			persocard_card_init(&fx->card, &config, secret, 42));
	test->priv = fx;
	return 0;
}

static void apdu_test_exit(struct kunit *test)
{
	struct apdu_fixture *fx = test->priv;

	persocard_card_destroy(&fx->card);
}

/* Send @len bytes from @owner; the status word. */
static u16 send(struct kunit *test, const void *owner, const u8 *bytes,
		size_t len)
{
	struct apdu_fixture *fx = test->priv;
	struct persocard_apdu apdu;
	u16 sw;

	sw = persocard_apdu_parse(bytes, len, &apdu);
	if (sw)
		return sw;
	memset(fx->resp, 0xA5, sizeof(fx->resp));
	sw = persocard_apdu_exec(&fx->card, owner, &apdu, fx->resp,
				 &fx->resp_len);
	KUNIT_EXPECT_LE(test, fx->resp_len, apdu.ne);
	return sw;
}

#define SEND(owner, ...) ({						\
	static const u8 __b[] = { __VA_ARGS__ };			\
	send(test, owner, __b, sizeof(__b));				\
})

static enum persocard_state state(struct kunit *test)
{
	struct apdu_fixture *fx = test->priv;

	return persocard_state(&fx->card);
}

static void enable_verify(struct kunit *test)
{
	KUNIT_ASSERT_EQ(test, PERSOCARD_SW_OK, SEND(OWNER, 0x80, 0xE6, 0x20, 0));
	KUNIT_ASSERT_EQ(test, PERSOCARD_SW_OK,
			SEND(OWNER, 0x80, 0x20, 0, 0, 4, '1', '2', '3', '4'));
	KUNIT_ASSERT_EQ(test, state(test), PERSOCARD_STATE_PERSONALIZING);
}

/* The payment profile's mandatory elements, as PUT PERSO DATA APDUs. */
static void put_mandatory(struct kunit *test)
{
	static const u8 puts[][14] = {
		{ 0x80, 0xDA, 0x01, 0x01, 2, 0x70, 0x00 },
		{ 0x80, 0xDA, 0x5A, 0x00, 8, 0x54, 0x13, 0x33, 0x00, 0x89,
		  0x60, 0x00, 0x10 },
		{ 0x80, 0xDA, 0x5F, 0x24, 3, 0x29, 0x12, 0x31 },
		{ 0x80, 0xDA, 0x91, 0x02, 1, 0xA5 },
		{ 0x80, 0xDA, 0x91, 0x04, 1, 0x77 },
		{ 0x80, 0xDA, 0x90, 0x00, 3, 0x11, 0x22, 0x33 },
		{ 0x80, 0xDA, 0x90, 0x10, 2, 0x03, 0x03 },
		{ 0x80, 0xDA, 0x80, 0x10, 8, 0x14, 0x12, 0x34, 0xFF, 0xFF,
		  0xFF, 0xFF, 0xFF },
	};
	u8 keys[5 + 48] = { 0x80, 0xDA, 0x80, 0x00, 48, 0xC0, 0xFF, 0xEE };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(puts); i++)
		KUNIT_ASSERT_EQ_MSG(test, PERSOCARD_SW_OK,
				    send(test, OWNER, puts[i], 5 + puts[i][4]),
				    "PUT %u", i);
	KUNIT_ASSERT_EQ(test, PERSOCARD_SW_OK,
			send(test, OWNER, keys, sizeof(keys)));
}

static void test_apdu_personalization(struct kunit *test)
{
	struct apdu_fixture *fx = test->priv;
	static const u8 pan[] = { 0x54, 0x13, 0x33, 0x00, 0x89, 0x60, 0x00,
				  0x10 };

	enable_verify(test);
	put_mandatory(test);
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_OK,
			SEND(OWNER, 0x80, 0xF0, 0x80, 0x0F));
	KUNIT_EXPECT_EQ(test, state(test), PERSOCARD_STATE_PERSONALIZED);

	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_OK,
			SEND(OTHER, 0x80, 0xCA, 0x5A, 0x00, 0x00));
	KUNIT_EXPECT_EQ(test, fx->resp_len, sizeof(pan));
	KUNIT_EXPECT_MEMEQ(test, fx->resp, pan, sizeof(pan));
	/* Secret elements stay in, as over the ioctl. */
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_SECURITY_STATUS,
			SEND(OTHER, 0x80, 0xCA, 0x80, 0x00, 0x00));
	KUNIT_EXPECT_EQ(test, fx->resp_len, 0);
	/* Le too short: 6Cxx gives the right one, and no data. */
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_WRONG_LE | sizeof(pan),
			SEND(OTHER, 0x80, 0xCA, 0x5A, 0x00, 0x04));
	KUNIT_EXPECT_EQ(test, fx->resp_len, 0);
	/* No Le at all: the same. */
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_WRONG_LE | sizeof(pan),
			SEND(OTHER, 0x80, 0xCA, 0x5A, 0x00));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_CONDITIONS,
			SEND(OWNER, 0x80, 0xE6, 0x20, 0));
}

static void test_apdu_status(struct kunit *test)
{
	struct apdu_fixture *fx = test->priv;

	enable_verify(test);
	KUNIT_ASSERT_EQ(test, PERSOCARD_SW_OK,
			SEND(OWNER, 0x80, 0xF2, 0x00, 0x00, 0x00));
	KUNIT_ASSERT_EQ(test, fx->resp_len,
			sizeof(struct persocard_apdu_status));
	KUNIT_EXPECT_EQ(test, fx->resp[0], PERSOCARD_STATE_PERSONALIZING);
	KUNIT_EXPECT_EQ(test, fx->resp[1], PERSOCARD_PROFILE_PAYMENT);
	KUNIT_EXPECT_EQ(test, fx->resp[2],
			PERSOCARD_STATUS_SESSION | PERSOCARD_STATUS_OWNER);
	KUNIT_EXPECT_EQ(test, fx->resp[3], 3);
	KUNIT_EXPECT_EQ(test, fx->resp[4], 3);
	KUNIT_EXPECT_EQ(test, fx->resp[12], 42);	/* serial, big-endian */

	/* Another file sees the session, not as its own. */
	KUNIT_ASSERT_EQ(test, PERSOCARD_SW_OK,
			SEND(OTHER, 0x80, 0xF2, 0x00, 0x00, 0x0D));
	KUNIT_EXPECT_EQ(test, fx->resp[2], PERSOCARD_STATUS_SESSION);
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_WRONG_LE | 13,
			SEND(OTHER, 0x80, 0xF2, 0x00, 0x00, 0x0C));

	/* Tag descriptor 2 of the payment profile: pan. */
	KUNIT_ASSERT_EQ(test, PERSOCARD_SW_OK,
			SEND(OTHER, 0x80, 0xF2, 0x01, 0x02, 0x00));
	KUNIT_ASSERT_EQ(test, fx->resp_len, PERSOCARD_APDU_TAG_DESC_FIXED + 3);
	KUNIT_EXPECT_MEMEQ(test, fx->resp,
			   ((u8[]){ 0x5A, 0x00, 0, 5, 0, 10,
				    PERSOCARD_TAG_MANDATORY, 13, 'p', 'a', 'n' }),
			   11);
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_NOT_FOUND,
			SEND(OTHER, 0x80, 0xF2, 0x01, 13, 0x00));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_WRONG_P1P2,
			SEND(OTHER, 0x80, 0xF2, 0x02, 0x00, 0x00));
	/* None of that touched the session. */
	KUNIT_EXPECT_EQ(test, state(test), PERSOCARD_STATE_PERSONALIZING);
}

/* A malformed APDU: its status word, and the session goes on. */
struct malformed_case {
	const char *name;
	u8 bytes[12];
	u8 len;
	u16 sw;
};

static const struct malformed_case malformed_cases[] = {
	{ "CLA 00", { 0x00, 0xE6, 0x20, 0x00 }, 4, PERSOCARD_SW_CLA_UNKNOWN },
	{ "CLA 84 (secure messaging, no channel)",
	  { 0x84, 0xDA, 0x5A, 0x00, 1, 0x54 }, 6, PERSOCARD_SW_SECURITY_STATUS },
	{ "CLA FF", { 0xFF, 0xCA, 0x5A, 0x00, 0 }, 5, PERSOCARD_SW_CLA_UNKNOWN },
	{ "INS B0", { 0x80, 0xB0, 0x00, 0x00, 0 }, 5, PERSOCARD_SW_INS_UNKNOWN },
	{ "chained INS B0", { 0x90, 0xB0, 0x00, 0x00, 1, 0 }, 6,
	  PERSOCARD_SW_INS_UNKNOWN },
	{ "ENABLE P1 00", { 0x80, 0xE6, 0x00, 0x00 }, 4,
	  PERSOCARD_SW_WRONG_P1P2 },
	{ "ENABLE with data not GP's", { 0x80, 0xE6, 0x20, 0x00, 1, 0 }, 6,
	  PERSOCARD_SW_WRONG_DATA },
	{ "SELECT in class 80", { 0x80, 0xA4, 0x04, 0x00, 0 }, 5,
	  PERSOCARD_SW_CLA_UNKNOWN },
	{ "VERIFY P2 80", { 0x80, 0x20, 0x00, 0x80, 4, '1', '2', '3', '4' }, 9,
	  PERSOCARD_SW_WRONG_P1P2 },
	{ "chained VERIFY", { 0x90, 0x20, 0x00, 0x00, 2, '1', '2' }, 7,
	  PERSOCARD_SW_NO_CHAINING },
	{ "LOCK P2 00", { 0x80, 0xF0, 0x80, 0x00 }, 4,
	  PERSOCARD_SW_WRONG_P1P2 },
	{ "LOCK with data", { 0x80, 0xF0, 0x80, 0x0F, 1, 0 }, 6,
	  PERSOCARD_SW_WRONG_LENGTH },
	{ "chained LOCK", { 0x90, 0xF0, 0x80, 0x0F }, 4,
	  PERSOCARD_SW_NO_CHAINING },
	{ "GET DATA with data", { 0x80, 0xCA, 0x5A, 0x00, 1, 0, 0 }, 7,
	  PERSOCARD_SW_WRONG_LENGTH },
	{ "GET STATUS with data", { 0x80, 0xF2, 0x00, 0x00, 1, 0 }, 6,
	  PERSOCARD_SW_WRONG_LENGTH },
	{ "GET STATUS P2 01", { 0x80, 0xF2, 0x00, 0x01, 0 }, 5,
	  PERSOCARD_SW_WRONG_P1P2 },
	{ "GET STATUS no Le", { 0x80, 0xF2, 0x00, 0x00 }, 4,
	  PERSOCARD_SW_WRONG_LE | 13 },
	{ "truncated", { 0x80, 0x20, 0x00, 0x00, 4, '1' }, 6,
	  PERSOCARD_SW_WRONG_LENGTH },
};

static void malformed_desc(const struct malformed_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(malformed, malformed_cases, malformed_desc);

static void test_malformed_changes_nothing(struct kunit *test)
{
	const struct malformed_case *c = test->param_value;
	struct apdu_fixture *fx = test->priv;

	enable_verify(test);
	KUNIT_EXPECT_EQ(test, c->sw, send(test, OWNER, c->bytes, c->len));
	KUNIT_EXPECT_EQ(test, fx->resp_len, 0);
	KUNIT_EXPECT_EQ(test, state(test), PERSOCARD_STATE_PERSONALIZING);
	KUNIT_EXPECT_PTR_EQ(test, fx->card.owner, (const void *)OWNER);
}

/* What the card OS refuses aborts the session, as over the ioctls. */
static void test_refusal_aborts_as_ioctl(struct kunit *test)
{
	enable_verify(test);
	/* pan of 2 bytes: below its minimum. */
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_WRONG_LENGTH,
			SEND(OWNER, 0x80, 0xDA, 0x5A, 0x00, 2, 0x54, 0x13));
	KUNIT_EXPECT_EQ(test, state(test), PERSOCARD_STATE_SEMI_FINISHED);

	enable_verify(test);
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_NOT_FOUND,
			SEND(OWNER, 0x80, 0xDA, 0x6F, 0x07, 1, 0x00));
	KUNIT_EXPECT_EQ(test, state(test), PERSOCARD_STATE_SEMI_FINISHED);

	/* A wrong code: 63C2, and the session is gone. */
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_OK, SEND(OWNER, 0x80, 0xE6, 0x20, 0));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_VERIFY_FAILED | 2,
			SEND(OWNER, 0x80, 0x20, 0, 0, 4, '9', '9', '9', '9'));
	KUNIT_EXPECT_EQ(test, state(test), PERSOCARD_STATE_SEMI_FINISHED);
	/* VERIFY without data: the code is too short, 6700. */
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_OK, SEND(OWNER, 0x80, 0xE6, 0x20, 0));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_WRONG_LENGTH,
			SEND(OWNER, 0x80, 0x20, 0, 0));
	KUNIT_EXPECT_EQ(test, state(test), PERSOCARD_STATE_SEMI_FINISHED);
}

static void test_lock_returns_missing(struct kunit *test)
{
	struct apdu_fixture *fx = test->priv;

	enable_verify(test);
	KUNIT_ASSERT_EQ(test, PERSOCARD_SW_OK,
			SEND(OWNER, 0x80, 0xDA, 0x01, 0x01, 1, 0x70));
	/* With Le: the missing tags, big-endian, as many as Le takes. */
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_WRONG_DATA,
			SEND(OWNER, 0x80, 0xF0, 0x80, 0x0F, 0x04));
	KUNIT_ASSERT_EQ(test, fx->resp_len, 4);
	KUNIT_EXPECT_MEMEQ(test, fx->resp,
			   ((u8[]){ 0x5A, 0x00, 0x5F, 0x24 }), 4);
	KUNIT_EXPECT_EQ(test, state(test), PERSOCARD_STATE_SEMI_FINISHED);

	/* Without: the status word alone. */
	enable_verify(test);
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_WRONG_DATA,
			SEND(OWNER, 0x80, 0xF0, 0x80, 0x0F));
	KUNIT_EXPECT_EQ(test, fx->resp_len, 0);
}

/* A chained value: blocks in CLA 90, the last in CLA 80. */
static void test_chained_put(struct kunit *test)
{
	struct apdu_fixture *fx = test->priv;
	u8 block[5 + 200];
	unsigned int i;

	enable_verify(test);
	put_mandatory(test);
	/* records_2 (0x0102), 1-255 bytes: 200 + 55 chained. */
	block[0] = 0x90;
	block[1] = 0xDA;
	block[2] = 0x01;
	block[3] = 0x02;
	block[4] = 200;
	for (i = 0; i < 200; i++)
		block[5 + i] = i;
	KUNIT_ASSERT_EQ(test, PERSOCARD_SW_OK,
			send(test, OWNER, block, sizeof(block)));
	/* Others can neither join the chain nor break it. */
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_CONDITIONS,
			SEND(OTHER, 0x80, 0xDA, 0x01, 0x02, 1, 0xEE));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_OK,
			SEND(OTHER, 0x80, 0xF2, 0x00, 0x00, 0x00));
	block[0] = 0x80;
	block[4] = 55;
	for (i = 0; i < 55; i++)
		block[5 + i] = 200 + i;
	KUNIT_ASSERT_EQ(test, PERSOCARD_SW_OK,
			send(test, OWNER, block, 5 + 55));
	KUNIT_ASSERT_EQ(test, PERSOCARD_SW_OK,
			SEND(OWNER, 0x80, 0xF0, 0x80, 0x0F));

	KUNIT_ASSERT_EQ(test, PERSOCARD_SW_OK,
			SEND(OWNER, 0x80, 0xCA, 0x01, 0x02, 0x00));
	KUNIT_ASSERT_EQ(test, fx->resp_len, 255);
	for (i = 0; i < 255; i++)
		KUNIT_EXPECT_EQ(test, fx->resp[i], i);
}

static void test_chain_cut(struct kunit *test)
{
	enable_verify(test);
	KUNIT_ASSERT_EQ(test, PERSOCARD_SW_OK,
			SEND(OWNER, 0x90, 0xDA, 0x01, 0x02, 2, 1, 2));
	/* Any other command from the owner cuts it: 6883, session kept. */
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_LAST_EXPECTED,
			SEND(OWNER, 0x80, 0xF2, 0x00, 0x00, 0x00));
	KUNIT_EXPECT_EQ(test, state(test), PERSOCARD_STATE_PERSONALIZING);
	KUNIT_EXPECT_FALSE(test, ((struct apdu_fixture *)test->priv)->card.chain);

	/* A block for another tag too. */
	KUNIT_ASSERT_EQ(test, PERSOCARD_SW_OK,
			SEND(OWNER, 0x90, 0xDA, 0x01, 0x02, 2, 1, 2));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_LAST_EXPECTED,
			SEND(OWNER, 0x80, 0xDA, 0x01, 0x01, 1, 0x70));
	KUNIT_EXPECT_EQ(test, state(test), PERSOCARD_STATE_PERSONALIZING);

	/* A reset drops it with the session. */
	KUNIT_ASSERT_EQ(test, PERSOCARD_SW_OK,
			SEND(OWNER, 0x90, 0xDA, 0x01, 0x02, 2, 1, 2));
	persocard_power_off(&((struct apdu_fixture *)test->priv)->card);
	KUNIT_EXPECT_FALSE(test, ((struct apdu_fixture *)test->priv)->card.chain);
	KUNIT_EXPECT_EQ(test, state(test), PERSOCARD_STATE_SEMI_FINISHED);
}

/* A chained value past the largest one: 6700, as over the ioctl. */
static void test_chain_too_long(struct kunit *test)
{
	u8 *block;
	size_t i;

	block = kunit_kzalloc(test, 7 + 1000, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, block);
	enable_verify(test);
	block[0] = 0x90;
	block[1] = 0xDA;
	block[2] = 0x01;
	block[3] = 0x02;
	block[5] = 1000 >> 8;		/* extended Lc */
	block[6] = 1000 & 0xFF;
	KUNIT_ASSERT_EQ(test, PERSOCARD_SW_OK, send(test, OWNER, block, 1007));
	block[5] = 0;
	block[6] = PERSOCARD_VALUE_MAX_LEN - 1000 + 1;
	for (i = 0; i < 25; i++)
		block[7 + i] = i;
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_WRONG_LENGTH,
			send(test, OWNER, block, 7 + 25));
	KUNIT_EXPECT_EQ(test, state(test), PERSOCARD_STATE_SEMI_FINISHED);
}

static void test_atr(struct kunit *test)
{
	struct apdu_fixture *fx = test->priv;
	u8 atr[PERSOCARD_ATR_MAX_LEN];
	size_t len, i;
	u8 tck = 0;

	len = persocard_atr(&fx->card, 7, atr);
	KUNIT_ASSERT_EQ(test, len, 15);
	KUNIT_EXPECT_EQ(test, atr[0], 0x3B);
	KUNIT_EXPECT_EQ(test, atr[1] & 0x0F, len - 4);	/* K historical */
	KUNIT_EXPECT_EQ(test, atr[2], 0x01);		/* T=1 */
	KUNIT_EXPECT_MEMEQ(test, atr + 3, "\x80\x57PERSO", 7);
	KUNIT_EXPECT_EQ(test, atr[10], PERSOCARD_PROFILE_PAYMENT);
	KUNIT_EXPECT_EQ(test, atr[11], 7);
	KUNIT_EXPECT_EQ(test, atr[12], 0x81);		/* life cycle, 1 byte */
	KUNIT_EXPECT_EQ(test, atr[13], 0x03);		/* initialisation */
	for (i = 1; i < len; i++)
		tck ^= atr[i];
	KUNIT_EXPECT_EQ(test, tck, 0);

	enable_verify(test);
	put_mandatory(test);
	KUNIT_ASSERT_EQ(test, PERSOCARD_SW_OK,
			SEND(OWNER, 0x80, 0xF0, 0x80, 0x0F));
	len = persocard_atr(&fx->card, 7, atr);
	KUNIT_EXPECT_EQ(test, atr[13], 0x05);		/* operational */
}

static struct kunit_case persocard_apdu_parse_cases[] = {
	KUNIT_CASE_PARAM(test_parse, parse_gen_params),
	KUNIT_CASE(test_parse_every_cut),
	{}
};

static struct kunit_suite persocard_apdu_parse_suite = {
	.name = "persocard_apdu_parse",
	.test_cases = persocard_apdu_parse_cases,
};

static struct kunit_case persocard_apdu_cases[] = {
	KUNIT_CASE(test_apdu_personalization),
	KUNIT_CASE(test_apdu_status),
	KUNIT_CASE_PARAM(test_malformed_changes_nothing, malformed_gen_params),
	KUNIT_CASE(test_refusal_aborts_as_ioctl),
	KUNIT_CASE(test_lock_returns_missing),
	KUNIT_CASE(test_chained_put),
	KUNIT_CASE(test_chain_cut),
	KUNIT_CASE(test_chain_too_long),
	KUNIT_CASE(test_atr),
	{}
};

static struct kunit_suite persocard_apdu_suite = {
	.name = "persocard_apdu",
	.init = apdu_test_init,
	.exit = apdu_test_exit,
	.test_cases = persocard_apdu_cases,
};

kunit_test_suites(&persocard_apdu_parse_suite, &persocard_apdu_suite);
