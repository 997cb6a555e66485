// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the GlobalPlatform path through the card OS, by APDUs:
 * the security domains and their data, and every way the secure channel
 * refuses a command before any key is needed, or with a wrong one. Whole
 * SCP03 sessions are run by two independent hosts in the guest (the
 * library's, tests/lib/test_scp03.c, and Python's, tests/pcsc/); the
 * cryptography itself has its known answers in scp03_test.c.
 */
#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "../../module/cardos/apdu.h"
#include "../../module/cardos/card.h"
#include "../../module/compat.h"

static const u8 code[] = { '1', '2', '3', '4' };
static const int file_a, file_b;
#define OWNER	(&file_a)
#define OTHER	(&file_b)

#define OK	PERSOCARD_SW_OK
#define NOPE	PERSOCARD_SW_CONDITIONS

struct gp_fixture {
	struct persocard_card card;
	u8 resp[PERSOCARD_VALUE_MAX_LEN];
	u32 resp_len;
};

static const struct persocard_scp03_keyset test_keys = {
	.kvn = 0x30,
	.key_len = 16,
	.enc = { 0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47,
		 0x48, 0x49, 0x4A, 0x4B, 0x4C, 0x4D, 0x4E, 0x4F },
	.mac = { 0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47,
		 0x48, 0x49, 0x4A, 0x4B, 0x4C, 0x4D, 0x4E, 0x4F },
	.dek = { 0x40, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47,
		 0x48, 0x49, 0x4A, 0x4B, 0x4C, 0x4D, 0x4E, 0x4F },
};

static int make(struct kunit *test, bool scp03)
{
	struct persocard_config config = {
		.profile = persocard_profile_by_id(PERSOCARD_PROFILE_PAYMENT),
		.code = code,
		.code_len = sizeof(code),
		.try_limit = 3,
		.nvm_size = 4096,
		.page_size = PERSOCARD_PAGE_DEFAULT_SIZE,
		.keys = scp03 ? &test_keys : NULL,
		.made = 0x6335,
	};
	u8 secret[PERSOCARD_SECRET_LEN] = { 9 };
	struct gp_fixture *fx;

	fx = kunit_kzalloc(test, sizeof(*fx), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, fx);
	KUNIT_ASSERT_EQ(test, 0, persocard_card_init(&fx->card, &config, secret,
						     0x0102030405060708ULL));
	test->priv = fx;
	return 0;
}

static int code_card_init(struct kunit *test)
{
	return make(test, false);
}

static int scp03_card_init(struct kunit *test)
{
	return make(test, true);
}

static void gp_exit(struct kunit *test)
{
	struct gp_fixture *fx = test->priv;

	persocard_card_destroy(&fx->card);
}

static u16 send(struct kunit *test, const void *owner, const u8 *bytes,
		size_t len)
{
	struct gp_fixture *fx = test->priv;
	struct persocard_apdu apdu;
	u16 sw;

	sw = persocard_apdu_parse(bytes, len, &apdu);
	if (sw)
		return sw;
	sw = persocard_apdu_exec(&fx->card, owner, &apdu, fx->resp,
				 &fx->resp_len);
	return sw;
}

#define SEND(owner, ...) ({						\
	static const u8 __b[] = { __VA_ARGS__ };			\
	send(test, owner, __b, sizeof(__b));				\
})

#define CARD(test)	(&((struct gp_fixture *)(test)->priv)->card)
#define RESP(test)	(((struct gp_fixture *)(test)->priv)->resp)
#define RESP_LEN(test)	(((struct gp_fixture *)(test)->priv)->resp_len)

static u16 enable(struct kunit *test, const void *owner)
{
	return SEND(owner, 0x80, 0xE6, 0x20, 0x00);
}

/* INITIALIZE UPDATE with host challenge 01..08, for key version @kvn. */
static u16 init_update(struct kunit *test, const void *owner, u8 kvn)
{
	u8 apdu[] = { 0x80, 0x50, kvn, 0x00, 8, 1, 2, 3, 4, 5, 6, 7, 8, 0 };

	return send(test, owner, apdu, sizeof(apdu));
}

/* The ISD answers with its AID and the block size; so does the SD. */
static void test_select(struct kunit *test)
{
	static const u8 isd_fci[] = {
		0x6F, 0x10, 0x84, 0x08, 0xA0, 0x00, 0x00, 0x01, 0x51, 0x00,
		0x00, 0x00, 0xA5, 0x04, 0x9F, 0x65, 0x01, 0xFF,
	};

	KUNIT_EXPECT_EQ(test, OK, SEND(OWNER, 0x00, 0xA4, 0x04, 0x00, 0x08,
				       0xA0, 0x00, 0x00, 0x01, 0x51, 0x00,
				       0x00, 0x00, 0x00));
	KUNIT_ASSERT_EQ(test, RESP_LEN(test), sizeof(isd_fci));
	KUNIT_EXPECT_MEMEQ(test, RESP(test), isd_fci, sizeof(isd_fci));

	/* No AID: the ISD; the profile's domain: F0 "PERSO" 00 01. */
	KUNIT_EXPECT_EQ(test, OK, SEND(OWNER, 0x00, 0xA4, 0x04, 0x00, 0x00));
	KUNIT_EXPECT_EQ(test, RESP_LEN(test), sizeof(isd_fci));
	KUNIT_EXPECT_EQ(test, OK, SEND(OWNER, 0x00, 0xA4, 0x04, 0x00, 0x08,
				       0xF0, 'P', 'E', 'R', 'S', 'O', 0x00,
				       0x01, 0x00));
	KUNIT_EXPECT_EQ(test, RESP(test)[11], 0x01);
	/* No Le: selected, but no room for the FCI. */
	KUNIT_EXPECT_EQ(test, OK, SEND(OWNER, 0x00, 0xA4, 0x04, 0x00));
	KUNIT_EXPECT_EQ(test, RESP_LEN(test), 0);
	/* P2 0C: no FCI. */
	KUNIT_EXPECT_EQ(test, OK, SEND(OWNER, 0x00, 0xA4, 0x04, 0x0C, 0x00));
	KUNIT_EXPECT_EQ(test, RESP_LEN(test), 0);
}

/* Unknown AIDs (another profile's domain among them) are 6A82. */
static void test_select_unknown(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_AID_NOT_FOUND,
			SEND(OWNER, 0x00, 0xA4, 0x04, 0x00, 0x08, 0xF0, 'P',
			     'E', 'R', 'S', 'O', 0x00, 0x02, 0x00));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_AID_NOT_FOUND,
			SEND(OWNER, 0x00, 0xA4, 0x04, 0x00, 0x07, 0xA0, 0x00,
			     0x00, 0x01, 0x51, 0x00, 0x00, 0x00));
	KUNIT_EXPECT_EQ(test, RESP_LEN(test), 0);
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_WRONG_P1P2,
			SEND(OWNER, 0x00, 0xA4, 0x04, 0x01, 0x00));
}

/* SELECT from the owner ends its session; from another file, 6985. */
static void test_select_ends_session(struct kunit *test)
{
	KUNIT_ASSERT_EQ(test, OK, enable(test, OWNER));
	KUNIT_EXPECT_EQ(test, NOPE, SEND(OTHER, 0x00, 0xA4, 0x04, 0x00, 0x00));
	KUNIT_EXPECT_EQ(test, PERSOCARD_STATE_READY, persocard_state(CARD(test)));
	KUNIT_EXPECT_EQ(test, OK, SEND(OWNER, 0x00, 0xA4, 0x04, 0x00, 0x00));
	KUNIT_EXPECT_EQ(test, PERSOCARD_STATE_SEMI_FINISHED,
			persocard_state(CARD(test)));
}

/* Card data, key information and CPLC answer in any state, CLA 00 too. */
static void test_card_data_code_card(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, OK, SEND(OTHER, 0x80, 0xCA, 0x00, 0x66, 0x00));
	KUNIT_EXPECT_EQ(test, RESP(test)[0], 0x66);
	KUNIT_EXPECT_EQ(test, RESP_LEN(test), 2 + RESP(test)[1]);
	/* No SCP03 template (64) on a card that takes the code. */
	KUNIT_EXPECT_EQ(test, RESP_LEN(test), 2 + 2 + 9 + 14 + 11);
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_NOT_FOUND,
			SEND(OTHER, 0x80, 0xCA, 0x00, 0xE0, 0x00));
	KUNIT_ASSERT_EQ(test, OK, enable(test, OWNER));
	KUNIT_EXPECT_EQ(test, OK, SEND(OTHER, 0x00, 0xCA, 0x9F, 0x7F, 0x00));
	KUNIT_ASSERT_EQ(test, RESP_LEN(test), 3 + PERSOCARD_CPLC_LEN);
	KUNIT_EXPECT_EQ(test, RESP(test)[2], PERSOCARD_CPLC_LEN);
	/* IC serial: the serial's low four bytes; fabrication date. */
	KUNIT_EXPECT_EQ(test, get_unaligned_be32(RESP(test) + 3 + 12),
			0x05060708U);
	KUNIT_EXPECT_EQ(test, get_unaligned_be16(RESP(test) + 3 + 10), 0x6335);
	/* The queries left the session alone. */
	KUNIT_EXPECT_EQ(test, PERSOCARD_STATE_READY, persocard_state(CARD(test)));
}

/* The secure channel's commands on a code card: 6985, the session aborts. */
static void test_channel_on_code_card(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, NOPE, init_update(test, OWNER, 0));
	KUNIT_ASSERT_EQ(test, OK, enable(test, OWNER));
	KUNIT_EXPECT_EQ(test, NOPE, init_update(test, OWNER, 0));
	KUNIT_EXPECT_EQ(test, PERSOCARD_STATE_SEMI_FINISHED,
			persocard_state(CARD(test)));
	KUNIT_ASSERT_EQ(test, OK, enable(test, OWNER));
	/* A C-MAC with no channel to check it: 6982, nothing else. */
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_SECURITY_STATUS,
			SEND(OWNER, 0x84, 0xE2, 0x88, 0x00, 0x0B, 0x5F, 0x20,
			     0x02, 'A', 'B', 1, 2, 3, 4, 5, 6));
	KUNIT_EXPECT_EQ(test, PERSOCARD_STATE_READY, persocard_state(CARD(test)));
	KUNIT_EXPECT_EQ(test, NOPE, SEND(OWNER, 0x80, 0xE2, 0x88, 0x00, 0x05,
					 0x5F, 0x20, 0x02, 'A', 'B'));
	KUNIT_EXPECT_EQ(test, PERSOCARD_STATE_SEMI_FINISHED,
			persocard_state(CARD(test)));
	KUNIT_EXPECT_EQ(test, 3, persocard_tries_left(CARD(test)));
}

/* An SCP03 card: its template, its keys' version and length, not keys. */
static void test_card_data_scp03_card(struct kunit *test)
{
	static const u8 key_info[] = {
		0xE0, 0x12, 0xC0, 0x04, 0x01, 0x30, 0x88, 0x10,
		0xC0, 0x04, 0x02, 0x30, 0x88, 0x10,
		0xC0, 0x04, 0x03, 0x30, 0x88, 0x10,
	};
	static const u8 scp03_oid[] = { 0x64, 0x0B, 0x06, 0x09, 0x2A, 0x86,
					0x48, 0x86, 0xFC, 0x6B, 0x04, 0x03,
					0x70 };

	KUNIT_EXPECT_EQ(test, OK, SEND(OTHER, 0x80, 0xCA, 0x00, 0x66, 0x00));
	KUNIT_ASSERT_EQ(test, RESP_LEN(test), 2 + 2 + 9 + 14 + 11 + 13);
	KUNIT_EXPECT_MEMEQ(test, RESP(test) + RESP_LEN(test) - sizeof(scp03_oid),
			   scp03_oid, sizeof(scp03_oid));
	KUNIT_EXPECT_EQ(test, OK, SEND(OTHER, 0x80, 0xCA, 0x00, 0xE0, 0x00));
	KUNIT_ASSERT_EQ(test, RESP_LEN(test), sizeof(key_info));
	KUNIT_EXPECT_MEMEQ(test, RESP(test), key_info, sizeof(key_info));
}

/* The code's commands on an SCP03 card: 6985, the session aborts. */
static void test_code_on_scp03_card(struct kunit *test)
{
	KUNIT_ASSERT_EQ(test, OK, enable(test, OWNER));
	KUNIT_EXPECT_EQ(test, NOPE,
			SEND(OWNER, 0x80, 0x20, 0, 0, 4, '1', '2', '3', '4'));
	KUNIT_EXPECT_EQ(test, PERSOCARD_STATE_SEMI_FINISHED,
			persocard_state(CARD(test)));
	KUNIT_EXPECT_EQ(test, 3, persocard_tries_left(CARD(test)));
	KUNIT_ASSERT_EQ(test, OK, enable(test, OWNER));
	KUNIT_EXPECT_EQ(test, NOPE, SEND(OWNER, 0x80, 0xDA, 0x5F, 0x20, 2, 'A',
					 'B'));
	KUNIT_EXPECT_EQ(test, PERSOCARD_STATE_SEMI_FINISHED,
			persocard_state(CARD(test)));
}

/*
 * INITIALIZE UPDATE: 32 bytes (KDD = 00 00 serial, KVN, 03, i = 70, card
 * challenge, cryptogram, sequence counter), the counter up by one in NVM
 * each time; no try spent.
 */
static void test_init_update(struct kunit *test)
{
	struct persocard_card *card = CARD(test);
	static const u8 head[] = { 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 0x30, 0x03,
				   0x70 };
	u8 first[8];

	KUNIT_ASSERT_EQ(test, OK, enable(test, OWNER));
	KUNIT_ASSERT_EQ(test, OK, init_update(test, OWNER, 0x30));
	KUNIT_ASSERT_EQ(test, RESP_LEN(test), 32);
	KUNIT_EXPECT_MEMEQ(test, RESP(test), head, sizeof(head));
	KUNIT_EXPECT_EQ(test, RESP(test)[31], 1);
	KUNIT_EXPECT_EQ(test, card->rec.scp_seq, 1);
	memcpy(first, RESP(test) + 13, sizeof(first));
	/* Again: starts over, with the next counter and a new challenge. */
	KUNIT_ASSERT_EQ(test, OK, init_update(test, OWNER, 0));
	KUNIT_EXPECT_EQ(test, RESP(test)[31], 2);
	KUNIT_EXPECT_NE(test, 0, memcmp(first, RESP(test) + 13, sizeof(first)));
	KUNIT_EXPECT_EQ(test, PERSOCARD_STATE_READY, persocard_state(card));
	KUNIT_EXPECT_EQ(test, 3, persocard_tries_left(card));
	/* The counter lasts: it is in the record a power-up reads. */
	KUNIT_ASSERT_EQ(test, 0, persocard_power_up(card));
	KUNIT_EXPECT_EQ(test, card->rec.scp_seq, 2);
}

/* Its refusals: each its status word, and the session aborts. */
static void test_init_update_refused(struct kunit *test)
{
	struct persocard_card *card = CARD(test);

	KUNIT_EXPECT_EQ(test, NOPE, init_update(test, OWNER, 0));
	KUNIT_ASSERT_EQ(test, OK, enable(test, OWNER));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_NOT_FOUND,
			init_update(test, OWNER, 0x31));
	KUNIT_EXPECT_EQ(test, PERSOCARD_STATE_SEMI_FINISHED,
			persocard_state(card));
	KUNIT_ASSERT_EQ(test, OK, enable(test, OWNER));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_WRONG_LENGTH,
			SEND(OWNER, 0x80, 0x50, 0, 0, 7, 1, 2, 3, 4, 5, 6, 7,
			     0));
	KUNIT_EXPECT_EQ(test, PERSOCARD_STATE_SEMI_FINISHED,
			persocard_state(card));
	KUNIT_EXPECT_EQ(test, card->rec.scp_seq, 0);
}

/* EXTERNAL AUTHENTICATE without INITIALIZE UPDATE: 6985, no try spent. */
static void test_ext_auth_alone(struct kunit *test)
{
	struct persocard_card *card = CARD(test);

	KUNIT_ASSERT_EQ(test, OK, enable(test, OWNER));
	KUNIT_EXPECT_EQ(test, NOPE,
			SEND(OWNER, 0x84, 0x82, 0x01, 0x00, 0x10, 0, 0, 0, 0,
			     0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
	KUNIT_EXPECT_EQ(test, PERSOCARD_STATE_SEMI_FINISHED,
			persocard_state(card));
	KUNIT_EXPECT_EQ(test, 3, persocard_tries_left(card));
}

/* EXTERNAL AUTHENTICATE at @level with a cryptogram and C-MAC of zeros. */
static u16 ext_auth_zeros(struct kunit *test, u8 level)
{
	u8 apdu[5 + 16] = { 0x84, 0x82, level, 0x00, 0x10 };

	return send(test, OWNER, apdu, sizeof(apdu));
}

/*
 * A wrong host cryptogram spends a try, as a wrong code does (63C2, 63C1),
 * and the last one blocks the card (63C0, then 6983).
 */
static void test_ext_auth_wrong_spends_tries(struct kunit *test)
{
	struct persocard_card *card = CARD(test);
	int left;

	for (left = 2; left >= 0; left--) {
		KUNIT_ASSERT_EQ(test, OK, enable(test, OWNER));
		KUNIT_ASSERT_EQ(test, OK, init_update(test, OWNER, 0));
		KUNIT_EXPECT_EQ(test, PERSOCARD_SW_VERIFY_FAILED | left,
				ext_auth_zeros(test, 0x13));
		KUNIT_EXPECT_EQ(test, left, persocard_tries_left(card));
	}
	KUNIT_EXPECT_EQ(test, PERSOCARD_STATE_BLOCKED, persocard_state(card));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_AUTH_BLOCKED, enable(test, OWNER));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_AUTH_BLOCKED,
			init_update(test, OWNER, 0));
}

/* A level GP does not define, and EXTERNAL AUTHENTICATE in class 80. */
static void test_ext_auth_refused(struct kunit *test)
{
	struct persocard_card *card = CARD(test);

	KUNIT_ASSERT_EQ(test, OK, enable(test, OWNER));
	KUNIT_ASSERT_EQ(test, OK, init_update(test, OWNER, 0));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_WRONG_P1P2,
			ext_auth_zeros(test, 0x02));
	KUNIT_EXPECT_EQ(test, PERSOCARD_STATE_SEMI_FINISHED,
			persocard_state(card));
	KUNIT_ASSERT_EQ(test, OK, enable(test, OWNER));
	KUNIT_ASSERT_EQ(test, OK, init_update(test, OWNER, 0));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_SECURITY_STATUS,
			SEND(OWNER, 0x80, 0x82, 0x01, 0x00, 0x10, 0, 0, 0, 0,
			     0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
	KUNIT_EXPECT_EQ(test, 3, persocard_tries_left(card));
	KUNIT_EXPECT_EQ(test, PERSOCARD_STATE_SEMI_FINISHED,
			persocard_state(card));
}

/* STORE DATA before the channel is open: 6985, the session aborts. */
static void test_store_in_ready(struct kunit *test)
{
	KUNIT_ASSERT_EQ(test, OK, enable(test, OWNER));
	KUNIT_EXPECT_EQ(test, NOPE, SEND(OWNER, 0x80, 0xE2, 0x88, 0x00, 0x05,
					 0x5F, 0x20, 0x02, 'A', 'B'));
	KUNIT_EXPECT_EQ(test, PERSOCARD_STATE_SEMI_FINISHED,
			persocard_state(CARD(test)));
}

/* The maker's choice: fresh cards only; a bad key set changes nothing. */
static void test_set_keys(struct kunit *test)
{
	struct persocard_card *card = CARD(test);
	struct persocard_scp03_keyset bad = test_keys;

	bad.key_len = 20;
	KUNIT_EXPECT_EQ(test, -EINVAL, persocard_card_set_keys(card, &bad));
	bad = test_keys;
	bad.kvn = 0x80;
	KUNIT_EXPECT_EQ(test, -EINVAL, persocard_card_set_keys(card, &bad));
	KUNIT_EXPECT_FALSE(test, persocard_card_scp03(card));
	KUNIT_EXPECT_EQ(test, 0, persocard_card_set_keys(card, &test_keys));
	KUNIT_EXPECT_TRUE(test, persocard_card_scp03(card));
	KUNIT_EXPECT_EQ(test, 0, persocard_card_set_keys(card, NULL));
	KUNIT_EXPECT_FALSE(test, persocard_card_scp03(card));
	KUNIT_ASSERT_EQ(test, OK, enable(test, OWNER));
	KUNIT_EXPECT_EQ(test, -EBUSY, persocard_card_set_keys(card, &test_keys));
}

static struct kunit_case persocard_gp_code_cases[] = {
	KUNIT_CASE(test_select),
	KUNIT_CASE(test_select_unknown),
	KUNIT_CASE(test_select_ends_session),
	KUNIT_CASE(test_card_data_code_card),
	KUNIT_CASE(test_channel_on_code_card),
	KUNIT_CASE(test_set_keys),
	{}
};

static struct kunit_suite persocard_gp_code_suite = {
	.name = "persocard_gp_code_card",
	.init = code_card_init,
	.exit = gp_exit,
	.test_cases = persocard_gp_code_cases,
};

static struct kunit_case persocard_gp_scp03_cases[] = {
	KUNIT_CASE(test_card_data_scp03_card),
	KUNIT_CASE(test_code_on_scp03_card),
	KUNIT_CASE(test_init_update),
	KUNIT_CASE(test_init_update_refused),
	KUNIT_CASE(test_ext_auth_alone),
	KUNIT_CASE(test_ext_auth_wrong_spends_tries),
	KUNIT_CASE(test_ext_auth_refused),
	KUNIT_CASE(test_store_in_ready),
	{}
};

static struct kunit_suite persocard_gp_scp03_suite = {
	.name = "persocard_gp_scp03_card",
	.init = scp03_card_init,
	.exit = gp_exit,
	.test_cases = persocard_gp_scp03_cases,
};

kunit_test_suites(&persocard_gp_code_suite, &persocard_gp_scp03_suite);
