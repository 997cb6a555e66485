// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the persocard card OS: the state machine, the try counter,
 * aborts, NVM faults, the hidden layout and secret elements.
 *
 * The card OS is linked into this module (see Kbuild), so the tests drive
 * it directly, with fixed layout secrets: nothing here depends on chance.
 */
#include <kunit/test.h>
#include <linux/fault-inject.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "../../module/cardos/apdu.h"
#include "../../module/cardos/card.h"
#include "../../module/cardos/state.h"

#define TEST_NVM_SIZE	4096

static const u8 right_code[] = { '1', '2', '3', '4' };
static const u8 wrong_code[] = { '4', '3', '2', '1' };

/* Two distinct open files, as far as the card can tell. */
static const int file_a, file_b;
#define OWNER	(&file_a)
#define OTHER	(&file_b)

struct element_value {
	u16 tag;
	u8 len;
	u8 value[96];
};

/* A valid payment personalization: every mandatory element, one optional. */
static const struct element_value payment_data[] = {
	{ 0x0101, 4, { 0x70, 0x02, 0x57, 0x00 } },
	{ 0x5A00, 8, { 0x54, 0x13, 0x33, 0x00, 0x89, 0x60, 0x00, 0x10 } },
	{ 0x5F24, 3, { 0x29, 0x12, 0x31 } },
	{ 0x5F20, 9, "DOE/JANE " },
	{ 0x9102, 3, { 0xA5, 0x01, 0x00 } },
	{ 0x9104, 4, { 0x82, 0x02, 0x19, 0x80 } },
	{ 0x9000, 3, { 0x11, 0x22, 0x33 } },
	{ 0x9010, 2, { 0x03, 0x03 } },
	{ 0x8000, 48, { 0xC0, 0xFF, 0xEE, 0x01, 0x02, 0x03 } },
	{ 0x8010, 8, { 0x14, 0x12, 0x34, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF } },
};

#define TAG_PAN		0x5A00
#define TAG_HOLDER	0x5F20
#define TAG_RECORDS_2	0x0102
#define TAG_ICC_KEYS	0x8000

struct card_fixture {
	struct persocard_card card;
	struct fault_attr fault;
	u8 *nvm_before;
	struct persocard_record rec_before;
};

static void make_secret(u8 *secret, u8 seed)
{
	unsigned int i;

	for (i = 0; i < PERSOCARD_SECRET_LEN; i++)
		secret[i] = seed * 31 + i;
}

static int card_init_sized(struct kunit *test, struct persocard_card *card,
			   struct fault_attr *fault, size_t nvm_size, u8 seed)
{
	struct persocard_config config = {
		.profile = persocard_profile_by_id(PERSOCARD_PROFILE_PAYMENT),
		.code = right_code,
		.code_len = sizeof(right_code),
		.try_limit = 3,
		.nvm_size = nvm_size,
		.page_size = PERSOCARD_PAGE_DEFAULT_SIZE,
		.fault = fault,
	};
	u8 secret[PERSOCARD_SECRET_LEN];

	make_secret(secret, seed);
	return persocard_card_init(card, &config, secret, 0x1000 + seed);
}

static int card_test_init(struct kunit *test)
{
	struct card_fixture *fx;

	fx = kunit_kzalloc(test, sizeof(*fx), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, fx);
	fx->fault = (struct fault_attr)FAULT_ATTR_INITIALIZER;
	fx->fault.verbose = 0;
	KUNIT_ASSERT_EQ(test, 0, card_init_sized(test, &fx->card, &fx->fault,
						 TEST_NVM_SIZE, 1));
	fx->nvm_before = kunit_kzalloc(test, TEST_NVM_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, fx->nvm_before);
	test->priv = fx;
	return 0;
}

static void card_test_exit(struct kunit *test)
{
	struct card_fixture *fx = test->priv;

	persocard_card_destroy(&fx->card);
}

/* Make the next NVM write(s) fail: @nth counts from 1. */
static void fail_nvm_write(struct card_fixture *fx, unsigned int nth)
{
	fx->fault.probability = 100;
	fx->fault.interval = nth;
	fx->fault.count = 0;
	atomic_set(&fx->fault.times, 1);
}

static void snapshot(struct card_fixture *fx)
{
	memcpy(fx->nvm_before, fx->card.nvm.mem, fx->card.nvm.size);
	fx->rec_before = fx->card.rec;
}

/*
 * The card's NVM says what it said: the same data area, and a record with
 * the same content. A record update that wrote the same values again
 * (VERIFY's decrement, then its restore) moves only the sequence number.
 */
static bool nvm_unchanged(struct card_fixture *fx)
{
	struct persocard_record now = fx->card.rec;
	size_t data = fx->card.nvm.data_offset;

	now.seq = fx->rec_before.seq;
	return !memcmp(fx->nvm_before + data, fx->card.nvm.mem + data,
		       fx->card.nvm.size - data) &&
	       !memcmp(&now, &fx->rec_before, sizeof(now));
}

static u16 verify(struct persocard_card *card, const void *who,
		  const u8 *code)
{
	u8 tries;

	return persocard_verify(card, who, code, 4, &tries);
}

static u16 put_all(struct persocard_card *card, const void *who)
{
	unsigned int i;
	u16 sw;

	for (i = 0; i < ARRAY_SIZE(payment_data); i++) {
		sw = persocard_put(card, who, payment_data[i].tag,
				   payment_data[i].value, payment_data[i].len);
		if (sw != PERSOCARD_SW_OK)
			return sw;
	}
	return PERSOCARD_SW_OK;
}

static u16 lock(struct persocard_card *card, const void *who)
{
	u16 missing[PERSOCARD_MAX_TAGS], nr;

	return persocard_lock(card, who, missing, &nr);
}

/* Bring a fresh card to @state, with OWNER holding any session. */
static void drive_to(struct kunit *test, struct persocard_card *card,
		     enum persocard_state state)
{
	unsigned int i;

	switch (state) {
	case PERSOCARD_STATE_SEMI_FINISHED:
		break;
	case PERSOCARD_STATE_BLOCKED:
		for (i = 0; i < persocard_card_try_limit(card); i++) {
			KUNIT_ASSERT_EQ(test, PERSOCARD_SW_OK,
					persocard_enable(card, OWNER));
			verify(card, OWNER, wrong_code);
		}
		break;
	default:
		KUNIT_ASSERT_EQ(test, PERSOCARD_SW_OK,
				persocard_enable(card, OWNER));
		if (state == PERSOCARD_STATE_READY)
			break;
		KUNIT_ASSERT_EQ(test, PERSOCARD_SW_OK,
				verify(card, OWNER, right_code));
		KUNIT_ASSERT_EQ(test, PERSOCARD_SW_OK, put_all(card, OWNER));
		if (state == PERSOCARD_STATE_PERSONALIZING)
			break;
		KUNIT_ASSERT_EQ(test, PERSOCARD_SW_OK, lock(card, OWNER));
	}
	KUNIT_ASSERT_EQ(test, state, persocard_state(card));
}

/* ---- every state x every command x owner / another file ---- */

enum command {
	ENABLE, VERIFY, PUT, LOCK, RESET, GET_DATA, GET_STATUS,
	SELECT, CARD_DATA, INIT_UPDATE, EXT_AUTH, STORE, APP,
};

static const char *const command_names[] = {
	"enable", "verify", "put", "lock", "reset", "get_data", "get_status",
	"select", "card_data", "init_update", "ext_auth", "store", "app",
};

static const char *const state_names[] = {
	[PERSOCARD_STATE_SEMI_FINISHED] = "semi_finished",
	[PERSOCARD_STATE_READY] = "ready",
	[PERSOCARD_STATE_PERSONALIZING] = "personalizing",
	[PERSOCARD_STATE_PERSONALIZED] = "personalized",
	[PERSOCARD_STATE_BLOCKED] = "blocked",
};

struct transition {
	u8 from;
	u8 command;
	bool owner;		/* sent by the session's owner (OWNER) */
	u16 sw;
	u8 to;
	bool nvm_changes;
};

#define T(f, c, o, s, t, n) { PERSOCARD_STATE_##f, c, o, s, PERSOCARD_STATE_##t, n }
#define OK	PERSOCARD_SW_OK
#define NOPE	PERSOCARD_SW_CONDITIONS
#define BLOCK	PERSOCARD_SW_AUTH_BLOCKED

static const struct transition transitions[] = {
	/* No session: either file gets the state's answer. */
	T(SEMI_FINISHED, ENABLE,     true,  OK,   READY, true),
	T(SEMI_FINISHED, ENABLE,     false, OK,   READY, true),
	T(SEMI_FINISHED, VERIFY,     true,  NOPE, SEMI_FINISHED, false),
	T(SEMI_FINISHED, VERIFY,     false, NOPE, SEMI_FINISHED, false),
	T(SEMI_FINISHED, PUT,        true,  NOPE, SEMI_FINISHED, false),
	T(SEMI_FINISHED, PUT,        false, NOPE, SEMI_FINISHED, false),
	T(SEMI_FINISHED, LOCK,       true,  NOPE, SEMI_FINISHED, false),
	T(SEMI_FINISHED, LOCK,       false, NOPE, SEMI_FINISHED, false),
	T(SEMI_FINISHED, RESET,      true,  OK,   SEMI_FINISHED, false),
	T(SEMI_FINISHED, RESET,      false, OK,   SEMI_FINISHED, false),
	T(SEMI_FINISHED, GET_DATA,   true,  NOPE, SEMI_FINISHED, false),
	T(SEMI_FINISHED, GET_DATA,   false, NOPE, SEMI_FINISHED, false),
	T(SEMI_FINISHED, GET_STATUS, true,  OK,   SEMI_FINISHED, false),
	T(SEMI_FINISHED, GET_STATUS, false, OK,   SEMI_FINISHED, false),
	/* READY accepts only VERIFY; the owner's other commands abort. */
	T(READY, ENABLE,     true,  NOPE, SEMI_FINISHED, false),
	T(READY, ENABLE,     false, NOPE, READY, false),
	T(READY, VERIFY,     true,  OK,   PERSONALIZING, false),
	T(READY, VERIFY,     false, NOPE, READY, false),
	T(READY, PUT,        true,  NOPE, SEMI_FINISHED, false),
	T(READY, PUT,        false, NOPE, READY, false),
	T(READY, LOCK,       true,  NOPE, SEMI_FINISHED, false),
	T(READY, LOCK,       false, NOPE, READY, false),
	T(READY, RESET,      true,  OK,   SEMI_FINISHED, false),
	T(READY, RESET,      false, NOPE, READY, false),
	T(READY, GET_DATA,   true,  NOPE, READY, false),
	T(READY, GET_DATA,   false, NOPE, READY, false),
	T(READY, GET_STATUS, true,  OK,   READY, false),
	T(READY, GET_STATUS, false, OK,   READY, false),
	/* PERSONALIZING accepts PUT and LOCK from the owner. */
	T(PERSONALIZING, ENABLE,     true,  NOPE, SEMI_FINISHED, false),
	T(PERSONALIZING, ENABLE,     false, NOPE, PERSONALIZING, false),
	T(PERSONALIZING, VERIFY,     true,  NOPE, SEMI_FINISHED, false),
	T(PERSONALIZING, VERIFY,     false, NOPE, PERSONALIZING, false),
	T(PERSONALIZING, PUT,        true,  OK,   PERSONALIZING, false),
	T(PERSONALIZING, PUT,        false, NOPE, PERSONALIZING, false),
	T(PERSONALIZING, LOCK,       true,  OK,   PERSONALIZED, true),
	T(PERSONALIZING, LOCK,       false, NOPE, PERSONALIZING, false),
	T(PERSONALIZING, RESET,      true,  OK,   SEMI_FINISHED, false),
	T(PERSONALIZING, RESET,      false, NOPE, PERSONALIZING, false),
	T(PERSONALIZING, GET_DATA,   true,  NOPE, PERSONALIZING, false),
	T(PERSONALIZING, GET_DATA,   false, NOPE, PERSONALIZING, false),
	T(PERSONALIZING, GET_STATUS, true,  OK,   PERSONALIZING, false),
	T(PERSONALIZING, GET_STATUS, false, OK,   PERSONALIZING, false),
	/* PERSONALIZED: perso commands refused for good, public data readable. */
	T(PERSONALIZED, ENABLE,     true,  NOPE, PERSONALIZED, false),
	T(PERSONALIZED, ENABLE,     false, NOPE, PERSONALIZED, false),
	T(PERSONALIZED, VERIFY,     true,  NOPE, PERSONALIZED, false),
	T(PERSONALIZED, VERIFY,     false, NOPE, PERSONALIZED, false),
	T(PERSONALIZED, PUT,        true,  NOPE, PERSONALIZED, false),
	T(PERSONALIZED, PUT,        false, NOPE, PERSONALIZED, false),
	T(PERSONALIZED, LOCK,       true,  NOPE, PERSONALIZED, false),
	T(PERSONALIZED, LOCK,       false, NOPE, PERSONALIZED, false),
	T(PERSONALIZED, RESET,      true,  OK,   PERSONALIZED, false),
	T(PERSONALIZED, RESET,      false, OK,   PERSONALIZED, false),
	T(PERSONALIZED, GET_DATA,   true,  OK,   PERSONALIZED, false),
	T(PERSONALIZED, GET_DATA,   false, OK,   PERSONALIZED, false),
	T(PERSONALIZED, GET_STATUS, true,  OK,   PERSONALIZED, false),
	T(PERSONALIZED, GET_STATUS, false, OK,   PERSONALIZED, false),
	/* BLOCKED: perso commands answer 6983. */
	T(BLOCKED, ENABLE,     true,  BLOCK, BLOCKED, false),
	T(BLOCKED, ENABLE,     false, BLOCK, BLOCKED, false),
	T(BLOCKED, VERIFY,     true,  BLOCK, BLOCKED, false),
	T(BLOCKED, VERIFY,     false, BLOCK, BLOCKED, false),
	T(BLOCKED, PUT,        true,  BLOCK, BLOCKED, false),
	T(BLOCKED, PUT,        false, BLOCK, BLOCKED, false),
	T(BLOCKED, LOCK,       true,  BLOCK, BLOCKED, false),
	T(BLOCKED, LOCK,       false, BLOCK, BLOCKED, false),
	T(BLOCKED, RESET,      true,  OK,   BLOCKED, false),
	T(BLOCKED, RESET,      false, OK,   BLOCKED, false),
	T(BLOCKED, GET_DATA,   true,  NOPE, BLOCKED, false),
	T(BLOCKED, GET_DATA,   false, NOPE, BLOCKED, false),
	T(BLOCKED, GET_STATUS, true,  OK,   BLOCKED, false),
	T(BLOCKED, GET_STATUS, false, OK,   BLOCKED, false),
	/*
	 * The GlobalPlatform path on a card that takes the perso code: SELECT
	 * ends the owner's session; the secure channel's commands are 6985 (the
	 * owner's session aborts).
	 */
	T(SEMI_FINISHED, SELECT, true,  OK, SEMI_FINISHED, false),
	T(SEMI_FINISHED, SELECT, false, OK, SEMI_FINISHED, false),
	T(SEMI_FINISHED, CARD_DATA, true,  OK, SEMI_FINISHED, false),
	T(SEMI_FINISHED, CARD_DATA, false, OK, SEMI_FINISHED, false),
	T(SEMI_FINISHED, INIT_UPDATE, true,  NOPE, SEMI_FINISHED, false),
	T(SEMI_FINISHED, INIT_UPDATE, false, NOPE, SEMI_FINISHED, false),
	T(SEMI_FINISHED, EXT_AUTH, true,  NOPE, SEMI_FINISHED, false),
	T(SEMI_FINISHED, EXT_AUTH, false, NOPE, SEMI_FINISHED, false),
	T(SEMI_FINISHED, STORE, true,  NOPE, SEMI_FINISHED, false),
	T(SEMI_FINISHED, STORE, false, NOPE, SEMI_FINISHED, false),
	T(READY, SELECT, true,  OK, SEMI_FINISHED, false),
	T(READY, SELECT, false, NOPE, READY, false),
	T(READY, CARD_DATA, true,  OK, READY, false),
	T(READY, CARD_DATA, false, OK, READY, false),
	T(READY, INIT_UPDATE, true,  NOPE, SEMI_FINISHED, false),
	T(READY, INIT_UPDATE, false, NOPE, READY, false),
	T(READY, EXT_AUTH, true,  NOPE, SEMI_FINISHED, false),
	T(READY, EXT_AUTH, false, NOPE, READY, false),
	T(READY, STORE, true,  NOPE, SEMI_FINISHED, false),
	T(READY, STORE, false, NOPE, READY, false),
	T(PERSONALIZING, SELECT, true,  OK, SEMI_FINISHED, false),
	T(PERSONALIZING, SELECT, false, NOPE, PERSONALIZING, false),
	T(PERSONALIZING, CARD_DATA, true,  OK, PERSONALIZING, false),
	T(PERSONALIZING, CARD_DATA, false, OK, PERSONALIZING, false),
	T(PERSONALIZING, INIT_UPDATE, true,  NOPE, SEMI_FINISHED, false),
	T(PERSONALIZING, INIT_UPDATE, false, NOPE, PERSONALIZING, false),
	T(PERSONALIZING, EXT_AUTH, true,  NOPE, SEMI_FINISHED, false),
	T(PERSONALIZING, EXT_AUTH, false, NOPE, PERSONALIZING, false),
	T(PERSONALIZING, STORE, true,  NOPE, SEMI_FINISHED, false),
	T(PERSONALIZING, STORE, false, NOPE, PERSONALIZING, false),
	T(PERSONALIZED, SELECT, true,  OK, PERSONALIZED, false),
	T(PERSONALIZED, SELECT, false, OK, PERSONALIZED, false),
	T(PERSONALIZED, CARD_DATA, true,  OK, PERSONALIZED, false),
	T(PERSONALIZED, CARD_DATA, false, OK, PERSONALIZED, false),
	T(PERSONALIZED, INIT_UPDATE, true,  NOPE, PERSONALIZED, false),
	T(PERSONALIZED, INIT_UPDATE, false, NOPE, PERSONALIZED, false),
	T(PERSONALIZED, EXT_AUTH, true,  NOPE, PERSONALIZED, false),
	T(PERSONALIZED, EXT_AUTH, false, NOPE, PERSONALIZED, false),
	T(PERSONALIZED, STORE, true,  NOPE, PERSONALIZED, false),
	T(PERSONALIZED, STORE, false, NOPE, PERSONALIZED, false),
	T(BLOCKED, SELECT, true,  OK, BLOCKED, false),
	T(BLOCKED, SELECT, false, OK, BLOCKED, false),
	T(BLOCKED, CARD_DATA, true,  OK, BLOCKED, false),
	T(BLOCKED, CARD_DATA, false, OK, BLOCKED, false),
	T(BLOCKED, INIT_UPDATE, true,  BLOCK, BLOCKED, false),
	T(BLOCKED, INIT_UPDATE, false, BLOCK, BLOCKED, false),
	T(BLOCKED, EXT_AUTH, true,  BLOCK, BLOCKED, false),
	T(BLOCKED, EXT_AUTH, false, BLOCK, BLOCKED, false),
	T(BLOCKED, STORE, true,  BLOCK, BLOCKED, false),
	T(BLOCKED, STORE, false, BLOCK, BLOCKED, false),

	/* The application's commands: once PERSONALIZED only. */
	T(SEMI_FINISHED, APP, true,  NOPE, SEMI_FINISHED, false),
	T(SEMI_FINISHED, APP, false, NOPE, SEMI_FINISHED, false),
	T(READY, APP, true,  NOPE, SEMI_FINISHED, false),
	T(READY, APP, false, NOPE, READY, false),
	T(PERSONALIZING, APP, true,  NOPE, SEMI_FINISHED, false),
	T(PERSONALIZING, APP, false, NOPE, PERSONALIZING, false),
	T(PERSONALIZED, APP, true,  OK, PERSONALIZED, false),
	T(PERSONALIZED, APP, false, OK, PERSONALIZED, false),
	T(BLOCKED, APP, true,  NOPE, BLOCKED, false),
	T(BLOCKED, APP, false, NOPE, BLOCKED, false),
};

static void transition_desc(const struct transition *t, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s_%s_by_%s",
		 state_names[t->from], command_names[t->command],
		 t->owner ? "owner" : "other");
}

KUNIT_ARRAY_PARAM(transition, transitions, transition_desc);

static u16 send(struct kunit *test, struct persocard_card *card,
		enum command command, const void *who)
{
	struct persocard_status status;
	static const u8 host_challenge[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	static const u8 auth_data[16];
	static const struct persocard_apdu ext_auth_apdu = {
		.cla = PERSOCARD_CLA | PERSOCARD_CLA_SM,
		.ins = PERSOCARD_INS_EXT_AUTH, .p1 = PERSOCARD_SCP03_CMAC,
		.data = auth_data, .nc = sizeof(auth_data),
	};
	static const u8 dgi_holder[] = { 0x5F, 0x20, 7, 'S', 'M', 'I', 'T', 'H',
					 '/', 'J' };
	static const struct persocard_apdu read_record = {
		.cla = PERSOCARD_CLA_ISO, .ins = PERSOCARD_INS_READ_RECORD,
		.p1 = 1, .p2 = 0x0C, .ne = 256,
	};
	u8 *value = kunit_kmalloc(test, PERSOCARD_VALUE_MAX_LEN, GFP_KERNEL);
	u32 resp_len;
	u16 sw;
	u8 tries;
	u16 len;

	switch (command) {
	case ENABLE:
		return persocard_enable(card, who);
	case VERIFY:
		return verify(card, who, right_code);
	case PUT:
		return persocard_put(card, who, TAG_HOLDER, "SMITH/J", 7);
	case LOCK:
		return lock(card, who);
	case RESET:
		return persocard_reset(card, who);
	case GET_DATA:
		return persocard_get_data(card, TAG_PAN, value, &len);
	case GET_STATUS:
		persocard_status(card, who, &status);
		return status.sw;
	case SELECT:
		return persocard_select(card, who, NULL, 0, value, &resp_len);
	case CARD_DATA:
		return persocard_card_data(card, PERSOCARD_GP_CARD_DATA, value,
					   &resp_len);
	case INIT_UPDATE:
		return persocard_init_update(card, who, 0, host_challenge,
					     sizeof(host_challenge), value,
					     &resp_len);
	case EXT_AUTH:
		return persocard_ext_auth(card, who, &ext_auth_apdu, &tries);
	case STORE:
		return persocard_store_data(card, who, PERSOCARD_STORE_DGI |
					    PERSOCARD_STORE_LAST, 0, dgi_holder,
					    sizeof(dgi_holder));
	case APP:
		/*
		 * READ RECORD with nothing selected: the payment application's
		 * own 6986 says the table admitted it.
		 */
		sw = persocard_apdu_exec(card, who, &read_record, value,
					 &resp_len);
		return sw == PERSOCARD_SW_NO_CURRENT_EF ? PERSOCARD_SW_OK : sw;
	}
	return 0;
}

static void test_transition(struct kunit *test)
{
	const struct transition *t = test->param_value;
	struct card_fixture *fx = test->priv;

	drive_to(test, &fx->card, t->from);
	snapshot(fx);
	KUNIT_EXPECT_EQ(test, t->sw,
			send(test, &fx->card, t->command, t->owner ? OWNER : OTHER));
	KUNIT_EXPECT_EQ(test, t->to, persocard_state(&fx->card));
	if (!t->nvm_changes)
		KUNIT_EXPECT_TRUE_MSG(test, nvm_unchanged(fx),
				      "NVM changed by a command that must not write it");
}

/*
 * The code's table against the spec above: wherever the table decides
 * (the owner's commands, any command with no session running, queries),
 * it must say what the spec says, refusals and aborts included.
 */
static bool table_decides(const struct transition *t)
{
	return t->owner || persocard_ops[t->command].query ||
	       t->from == PERSOCARD_STATE_SEMI_FINISHED ||
	       t->from == PERSOCARD_STATE_PERSONALIZED ||
	       t->from == PERSOCARD_STATE_BLOCKED;
}

static void test_table_matches_spec(struct kunit *test)
{
	const struct transition *t = test->param_value;
	const struct persocard_transition *row;

	if (!table_decides(t))
		kunit_skip(test, "another file's session decides, not the table");
	if (persocard_ops[t->command].auth == PERSOCARD_AUTH_SCP03)
		kunit_skip(test, "a code card refuses it before the table");
	row = persocard_transition(t->from, t->command);
	if (t->sw == PERSOCARD_SW_OK) {
		KUNIT_EXPECT_TRUE(test, row->accepted);
		KUNIT_EXPECT_EQ(test, t->to, row->next);
	} else {
		KUNIT_EXPECT_FALSE(test, row->accepted);
		KUNIT_EXPECT_EQ(test, t->sw, row->sw);
		KUNIT_EXPECT_EQ(test, t->to != t->from, row->aborts);
	}
}

/*
 * What an SCP03 card's table says of the secure channel's commands, which
 * a code card refuses before the table: INITIALIZE UPDATE again in READY
 * starts over, EXTERNAL AUTHENTICATE leads on, STORE DATA stages.
 */
static void test_table_scp03_rows(struct kunit *test)
{
	static const struct {
		u8 state, op;
		bool accepted, aborts;
		u8 next;
		u16 sw;
	} rows[] = {
		{ 1, PERSOCARD_OP_INIT_UPDATE, false, false, 0, NOPE },
		{ 1, PERSOCARD_OP_EXT_AUTH, false, false, 0, NOPE },
		{ 1, PERSOCARD_OP_STORE, false, false, 0, NOPE },
		{ 2, PERSOCARD_OP_INIT_UPDATE, true, false, 2, 0 },
		{ 2, PERSOCARD_OP_EXT_AUTH, true, false, 3, 0 },
		{ 2, PERSOCARD_OP_STORE, false, true, 0, NOPE },
		{ 3, PERSOCARD_OP_INIT_UPDATE, false, true, 0, NOPE },
		{ 3, PERSOCARD_OP_EXT_AUTH, false, true, 0, NOPE },
		{ 3, PERSOCARD_OP_STORE, true, false, 3, 0 },
		{ 4, PERSOCARD_OP_INIT_UPDATE, false, false, 0, NOPE },
		{ 4, PERSOCARD_OP_EXT_AUTH, false, false, 0, NOPE },
		{ 4, PERSOCARD_OP_STORE, false, false, 0, NOPE },
		{ 5, PERSOCARD_OP_INIT_UPDATE, false, false, 0, BLOCK },
		{ 5, PERSOCARD_OP_EXT_AUTH, false, false, 0, BLOCK },
		{ 5, PERSOCARD_OP_STORE, false, false, 0, BLOCK },
	};
	const struct persocard_transition *t;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(rows); i++) {
		t = persocard_transition(rows[i].state, rows[i].op);
		KUNIT_EXPECT_EQ_MSG(test, rows[i].accepted, t->accepted, "row %u", i);
		KUNIT_EXPECT_EQ_MSG(test, rows[i].aborts, t->aborts, "row %u", i);
		if (t->accepted)
			KUNIT_EXPECT_EQ_MSG(test, rows[i].next, t->next, "row %u", i);
		else
			KUNIT_EXPECT_EQ_MSG(test, rows[i].sw, t->sw, "row %u", i);
	}
}

/* The spec's commands are the table's, in the same order. */
static void test_table_commands(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, (int)PERSOCARD_NR_OPS, (int)ARRAY_SIZE(command_names));
	KUNIT_EXPECT_EQ(test, (int)ENABLE, (int)PERSOCARD_OP_ENABLE);
	KUNIT_EXPECT_EQ(test, (int)VERIFY, (int)PERSOCARD_OP_VERIFY);
	KUNIT_EXPECT_EQ(test, (int)PUT, (int)PERSOCARD_OP_PUT);
	KUNIT_EXPECT_EQ(test, (int)LOCK, (int)PERSOCARD_OP_LOCK);
	KUNIT_EXPECT_EQ(test, (int)RESET, (int)PERSOCARD_OP_RESET);
	KUNIT_EXPECT_EQ(test, (int)GET_DATA, (int)PERSOCARD_OP_GET_DATA);
	KUNIT_EXPECT_EQ(test, (int)GET_STATUS, (int)PERSOCARD_OP_GET_STATUS);
	KUNIT_EXPECT_EQ(test, (int)SELECT, (int)PERSOCARD_OP_SELECT);
	KUNIT_EXPECT_EQ(test, (int)CARD_DATA, (int)PERSOCARD_OP_CARD_DATA);
	KUNIT_EXPECT_EQ(test, (int)INIT_UPDATE, (int)PERSOCARD_OP_INIT_UPDATE);
	KUNIT_EXPECT_EQ(test, (int)EXT_AUTH, (int)PERSOCARD_OP_EXT_AUTH);
	KUNIT_EXPECT_EQ(test, (int)STORE, (int)PERSOCARD_OP_STORE);
	KUNIT_EXPECT_EQ(test, (int)APP, (int)PERSOCARD_OP_APP);
	KUNIT_EXPECT_EQ(test, (int)ARRAY_SIZE(transitions),
			(int)(2 * PERSOCARD_NR_OPS * (PERSOCARD_NR_STATES - 1)));
}

/* ---- the try counter ---- */

static void test_try_counter_to_blocked(struct kunit *test)
{
	struct persocard_card *card = &((struct card_fixture *)test->priv)->card;
	u8 tries;
	int left;

	for (left = 2; left >= 0; left--) {
		KUNIT_ASSERT_EQ(test, OK, persocard_enable(card, OWNER));
		KUNIT_EXPECT_EQ(test, PERSOCARD_SW_VERIFY_FAILED | left,
				persocard_verify(card, OWNER, wrong_code, 4,
						 &tries));
		KUNIT_EXPECT_EQ(test, left, tries);
	}
	KUNIT_EXPECT_EQ(test, PERSOCARD_STATE_BLOCKED, persocard_state(card));
	KUNIT_EXPECT_EQ(test, BLOCK, persocard_enable(card, OWNER));
	KUNIT_EXPECT_EQ(test, BLOCK, persocard_enable(card, OTHER));
	/* Not even the right code gets through any more. */
	KUNIT_EXPECT_EQ(test, BLOCK, verify(card, OWNER, right_code));
}

static void test_right_code_restores_counter(struct kunit *test)
{
	struct persocard_card *card = &((struct card_fixture *)test->priv)->card;
	u8 tries;

	KUNIT_ASSERT_EQ(test, OK, persocard_enable(card, OWNER));
	KUNIT_EXPECT_EQ(test, 0x63C2, verify(card, OWNER, wrong_code));
	KUNIT_ASSERT_EQ(test, OK, persocard_enable(card, OWNER));
	KUNIT_EXPECT_EQ(test, OK, persocard_verify(card, OWNER, right_code, 4,
						   &tries));
	KUNIT_EXPECT_EQ(test, 3, tries);
	KUNIT_EXPECT_EQ(test, 3, persocard_tries_left(card));
}

static void test_code_prefix_is_wrong(struct kunit *test)
{
	struct persocard_card *card = &((struct card_fixture *)test->priv)->card;
	static const u8 longer[] = { '1', '2', '3', '4', 0 };
	u8 tries;

	/* Zero padding must not make "1234\0" equal to "1234". */
	KUNIT_ASSERT_EQ(test, OK, persocard_enable(card, OWNER));
	KUNIT_EXPECT_EQ(test, 0x63C2, persocard_verify(card, OWNER, longer,
						       sizeof(longer), &tries));
}

static void test_code_length_refused(struct kunit *test)
{
	struct card_fixture *fx = test->priv;
	static const u8 code[PERSOCARD_CODE_MAX_LEN + 1];
	u8 tries;

	KUNIT_ASSERT_EQ(test, OK, persocard_enable(&fx->card, OWNER));
	snapshot(fx);
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_WRONG_LENGTH,
			persocard_verify(&fx->card, OWNER, code, 3, &tries));
	KUNIT_EXPECT_EQ(test, 3, tries);
	KUNIT_EXPECT_TRUE(test, nvm_unchanged(fx));
	KUNIT_EXPECT_EQ(test, PERSOCARD_STATE_SEMI_FINISHED,
			persocard_state(&fx->card));
	KUNIT_ASSERT_EQ(test, OK, persocard_enable(&fx->card, OWNER));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_WRONG_LENGTH,
			persocard_verify(&fx->card, OWNER, code, sizeof(code),
					 &tries));
	KUNIT_EXPECT_TRUE(test, nvm_unchanged(fx));
}

/* ---- every abort path leaves NVM as it was, try counter aside ---- */

struct abort_case {
	const char *name;
	u16 sw;
	u16 (*abort)(struct persocard_card *card);
};

static u16 abort_enable(struct persocard_card *c)
{
	return persocard_enable(c, OWNER);
}

static u16 abort_verify(struct persocard_card *c)
{
	return verify(c, OWNER, right_code);
}

static u16 abort_unknown_tag(struct persocard_card *c)
{
	return persocard_put(c, OWNER, 0x1234, "x", 1);
}

static u16 abort_empty(struct persocard_card *c)
{
	return persocard_put(c, OWNER, TAG_HOLDER, "", 0);
}

static u16 abort_short(struct persocard_card *c)
{
	return persocard_put(c, OWNER, TAG_PAN, "\x12", 1);
}

static u16 abort_bad_bcd(struct persocard_card *c)
{
	return persocard_put(c, OWNER, TAG_PAN, "\x1A\x00\x00\x00\x00", 5);
}

static u16 abort_lock_missing(struct persocard_card *c)
{
	u16 sw = persocard_put(c, OWNER, TAG_HOLDER, "A B", 3);

	return sw == OK ? lock(c, OWNER) : sw;
}

static u16 abort_reset(struct persocard_card *c)
{
	return persocard_reset(c, OWNER);
}

static u16 abort_close(struct persocard_card *c)
{
	persocard_close(c, OWNER);
	return OK;
}

static const struct abort_case abort_cases[] = {
	{ "enable_again", NOPE, abort_enable },
	{ "verify_again", NOPE, abort_verify },
	{ "put_unknown_tag", PERSOCARD_SW_NOT_FOUND, abort_unknown_tag },
	{ "put_empty_value", PERSOCARD_SW_WRONG_LENGTH, abort_empty },
	{ "put_too_short_for_tag", PERSOCARD_SW_WRONG_LENGTH, abort_short },
	{ "put_bad_bcd", PERSOCARD_SW_WRONG_DATA, abort_bad_bcd },
	{ "lock_missing_mandatory", PERSOCARD_SW_WRONG_DATA, abort_lock_missing },
	{ "reset", OK, abort_reset },
	{ "close_of_owner", OK, abort_close },
};

static void abort_desc(const struct abort_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(abort, abort_cases, abort_desc);

static void test_abort_restores_nvm(struct kunit *test)
{
	const struct abort_case *c = test->param_value;
	struct card_fixture *fx = test->priv;
	struct persocard_card *card = &fx->card;
	unsigned int i;

	/* A first ENABLE marks the card used: snapshot after it. */
	KUNIT_ASSERT_EQ(test, OK, persocard_enable(card, OWNER));
	KUNIT_ASSERT_EQ(test, OK, persocard_reset(card, OWNER));
	snapshot(fx);

	KUNIT_ASSERT_EQ(test, OK, persocard_enable(card, OWNER));
	KUNIT_ASSERT_EQ(test, OK, verify(card, OWNER, right_code));
	for (i = 0; i < 3; i++)
		KUNIT_ASSERT_EQ(test, OK,
				persocard_put(card, OWNER, payment_data[i].tag,
					      payment_data[i].value,
					      payment_data[i].len));
	KUNIT_EXPECT_EQ(test, c->sw, c->abort(card));
	KUNIT_EXPECT_EQ(test, PERSOCARD_STATE_SEMI_FINISHED,
			persocard_state(card));
	KUNIT_EXPECT_TRUE(test, nvm_unchanged(fx));
	KUNIT_EXPECT_EQ(test, 0, card->staged_total);
	/* ... and ENABLE is accepted again. */
	KUNIT_EXPECT_EQ(test, OK, persocard_enable(card, OTHER));
}

static void test_abort_not_enough_memory(struct kunit *test)
{
	struct persocard_card card = {};
	u8 big[255];

	memset(big, 0x42, sizeof(big));
	KUNIT_ASSERT_EQ(test, 0, card_init_sized(test, &card, NULL,
						 PERSOCARD_NVM_MIN_SIZE, 2));
	KUNIT_ASSERT_EQ(test, OK, persocard_enable(&card, OWNER));
	KUNIT_ASSERT_EQ(test, OK, verify(&card, OWNER, right_code));
	KUNIT_EXPECT_EQ(test, OK, persocard_put(&card, OWNER, 0x0101, big, 255));
	/* 1024 bytes, less the record's two copies (256 each): 512 for data. */
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_NO_MEMORY,
			persocard_put(&card, OWNER, 0x0102, big, 255));
	KUNIT_EXPECT_EQ(test, PERSOCARD_STATE_SEMI_FINISHED,
			persocard_state(&card));
	persocard_card_destroy(&card);
}

static void test_other_file_cannot_end_session(struct kunit *test)
{
	struct persocard_card *card = &((struct card_fixture *)test->priv)->card;

	drive_to(test, card, PERSOCARD_STATE_PERSONALIZING);
	persocard_close(card, OTHER);
	KUNIT_EXPECT_EQ(test, NOPE, persocard_reset(card, OTHER));
	KUNIT_EXPECT_EQ(test, PERSOCARD_STATE_PERSONALIZING,
			persocard_state(card));
	KUNIT_EXPECT_EQ(test, OK, lock(card, OWNER));
}

/* ---- failed NVM writes ---- */

static void test_verify_write_fails(struct kunit *test)
{
	struct card_fixture *fx = test->priv;
	u8 tries;

	KUNIT_ASSERT_EQ(test, OK, persocard_enable(&fx->card, OWNER));
	fail_nvm_write(fx, 1);
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_MEMORY_FAILURE,
			persocard_verify(&fx->card, OWNER, right_code, 4,
					 &tries));
	/* The decrement itself failed: no try was spent. */
	KUNIT_EXPECT_EQ(test, 3, tries);
	KUNIT_EXPECT_EQ(test, PERSOCARD_STATE_SEMI_FINISHED,
			persocard_state(&fx->card));
}

static void test_verify_restore_fails(struct kunit *test)
{
	struct card_fixture *fx = test->priv;
	u8 tries;

	KUNIT_ASSERT_EQ(test, OK, persocard_enable(&fx->card, OWNER));
	fail_nvm_write(fx, 2);
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_MEMORY_FAILURE,
			persocard_verify(&fx->card, OWNER, right_code, 4,
					 &tries));
	/* The counter was spent before the compare, and stays spent. */
	KUNIT_EXPECT_EQ(test, 2, tries);
	KUNIT_EXPECT_EQ(test, 2, persocard_tries_left(&fx->card));
	KUNIT_EXPECT_EQ(test, PERSOCARD_STATE_SEMI_FINISHED,
			persocard_state(&fx->card));
}

static void test_lock_write_fails(struct kunit *test)
{
	struct card_fixture *fx = test->priv;

	drive_to(test, &fx->card, PERSOCARD_STATE_PERSONALIZING);
	snapshot(fx);
	fail_nvm_write(fx, 1);
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_MEMORY_FAILURE,
			lock(&fx->card, OWNER));
	KUNIT_EXPECT_TRUE(test, nvm_unchanged(fx));
	KUNIT_EXPECT_EQ(test, PERSOCARD_STATE_SEMI_FINISHED,
			persocard_state(&fx->card));
	/* The fault was a one-off: a new session personalizes the card. */
	drive_to(test, &fx->card, PERSOCARD_STATE_PERSONALIZED);
}

/* The data went in, the commit record did not: the card is as before. */
static void test_lock_record_write_fails(struct kunit *test)
{
	struct card_fixture *fx = test->priv;

	drive_to(test, &fx->card, PERSOCARD_STATE_PERSONALIZING);
	fail_nvm_write(fx, 2);
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_MEMORY_FAILURE,
			lock(&fx->card, OWNER));
	KUNIT_EXPECT_EQ(test, PERSOCARD_STATE_SEMI_FINISHED,
			persocard_state(&fx->card));
	KUNIT_ASSERT_EQ(test, 0, persocard_power_up(&fx->card));
	KUNIT_EXPECT_EQ(test, PERSOCARD_STATE_SEMI_FINISHED,
			persocard_state(&fx->card));
	drive_to(test, &fx->card, PERSOCARD_STATE_PERSONALIZED);
}

static void test_first_enable_write_fails(struct kunit *test)
{
	struct card_fixture *fx = test->priv;

	fail_nvm_write(fx, 1);
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_MEMORY_FAILURE,
			persocard_enable(&fx->card, OWNER));
	KUNIT_EXPECT_EQ(test, PERSOCARD_STATE_SEMI_FINISHED,
			persocard_state(&fx->card));
	KUNIT_EXPECT_TRUE(test, persocard_card_fresh(&fx->card));
}

/* ---- LOCK, GET DATA, secrets ---- */

static void test_lock_lists_missing(struct kunit *test)
{
	struct persocard_card *card = &((struct card_fixture *)test->priv)->card;
	u16 missing[PERSOCARD_MAX_TAGS], nr;
	static const u16 expected[] = {
		0x5F24, 0x9102, 0x9104, 0x9000, 0x9010, 0x8000, 0x8010,
	};
	unsigned int i;

	KUNIT_ASSERT_EQ(test, OK, persocard_enable(card, OWNER));
	KUNIT_ASSERT_EQ(test, OK, verify(card, OWNER, right_code));
	KUNIT_ASSERT_EQ(test, OK, persocard_put(card, OWNER, 0x0101, "\x70", 1));
	KUNIT_ASSERT_EQ(test, OK, persocard_put(card, OWNER, TAG_PAN,
						payment_data[1].value, 8));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_WRONG_DATA,
			persocard_lock(card, OWNER, missing, &nr));
	KUNIT_ASSERT_EQ(test, ARRAY_SIZE(expected), nr);
	for (i = 0; i < ARRAY_SIZE(expected); i++)
		KUNIT_EXPECT_EQ(test, expected[i], missing[i]);
	KUNIT_EXPECT_EQ(test, PERSOCARD_STATE_SEMI_FINISHED,
			persocard_state(card));
}

static void test_get_data_returns_what_was_put(struct kunit *test)
{
	struct persocard_card *card = &((struct card_fixture *)test->priv)->card;
	u8 *value = kunit_kmalloc(test, PERSOCARD_VALUE_MAX_LEN, GFP_KERNEL);
	unsigned int i;
	u16 len;

	drive_to(test, card, PERSOCARD_STATE_PERSONALIZED);
	for (i = 0; i < ARRAY_SIZE(payment_data); i++) {
		const struct element_value *e = &payment_data[i];

		if (e->tag >= 0x8000)
			continue;
		KUNIT_EXPECT_EQ(test, OK,
				persocard_get_data(card, e->tag, value, &len));
		KUNIT_EXPECT_EQ(test, e->len, len);
		KUNIT_EXPECT_MEMEQ(test, e->value, value, e->len);
	}
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_NOT_FOUND,
			persocard_get_data(card, TAG_RECORDS_2, value, &len));
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_NOT_FOUND,
			persocard_get_data(card, 0x4242, value, &len));
}

static void test_put_same_tag_replaces(struct kunit *test)
{
	struct persocard_card *card = &((struct card_fixture *)test->priv)->card;
	u8 *value = kunit_kmalloc(test, PERSOCARD_VALUE_MAX_LEN, GFP_KERNEL);
	u16 len;

	drive_to(test, card, PERSOCARD_STATE_PERSONALIZING);
	KUNIT_ASSERT_EQ(test, OK, persocard_put(card, OWNER, TAG_HOLDER,
						"NEW/NAME", 8));
	KUNIT_ASSERT_EQ(test, OK, lock(card, OWNER));
	KUNIT_ASSERT_EQ(test, OK, persocard_get_data(card, TAG_HOLDER, value,
						     &len));
	KUNIT_EXPECT_EQ(test, 8, len);
	KUNIT_EXPECT_MEMEQ(test, "NEW/NAME", value, 8);
}

static void test_secret_never_read_back(struct kunit *test)
{
	struct card_fixture *fx = test->priv;
	u8 *value = kunit_kmalloc(test, PERSOCARD_VALUE_MAX_LEN, GFP_KERNEL);
	u8 *untouched = kunit_kmalloc(test, PERSOCARD_VALUE_MAX_LEN, GFP_KERNEL);
	u16 len = 0xffff;

	KUNIT_ASSERT_NOT_NULL(test, value);
	KUNIT_ASSERT_NOT_NULL(test, untouched);

	drive_to(test, &fx->card, PERSOCARD_STATE_PERSONALIZED);
	memset(value, 0xAA, PERSOCARD_VALUE_MAX_LEN);
	memset(untouched, 0xAA, PERSOCARD_VALUE_MAX_LEN);
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_SECURITY_STATUS,
			persocard_get_data(&fx->card, TAG_ICC_KEYS, value, &len));
	KUNIT_EXPECT_EQ(test, 0, len);
	KUNIT_EXPECT_MEMEQ(test, untouched, value, PERSOCARD_VALUE_MAX_LEN);
	KUNIT_EXPECT_EQ(test, PERSOCARD_SW_SECURITY_STATUS,
			persocard_get_data(&fx->card, 0x8010, value, &len));
	KUNIT_EXPECT_MEMEQ(test, untouched, value, PERSOCARD_VALUE_MAX_LEN);
}

static bool contains(const u8 *hay, size_t size, const u8 *needle, size_t len)
{
	size_t i;

	for (i = 0; i + len <= size; i++)
		if (!memcmp(hay + i, needle, len))
			return true;
	return false;
}

static void test_nvm_holds_no_plaintext(struct kunit *test)
{
	struct persocard_card *card = &((struct card_fixture *)test->priv)->card;

	drive_to(test, card, PERSOCARD_STATE_PERSONALIZED);
	/* The PAN and the ICC keys (6 distinct leading bytes) are masked. */
	KUNIT_EXPECT_FALSE(test, contains(card->nvm.mem, card->nvm.size,
					  payment_data[1].value, 8));
	KUNIT_EXPECT_FALSE(test, contains(card->nvm.mem, card->nvm.size,
					  payment_data[8].value, 6));
}

/* ---- the hidden layout ---- */

static void personalize(struct kunit *test, struct persocard_card *card)
{
	KUNIT_ASSERT_EQ(test, OK, persocard_enable(card, OWNER));
	KUNIT_ASSERT_EQ(test, OK, verify(card, OWNER, right_code));
	KUNIT_ASSERT_EQ(test, OK, put_all(card, OWNER));
	KUNIT_ASSERT_EQ(test, OK, lock(card, OWNER));
}

static size_t offset_of(struct persocard_card *card, u16 tag)
{
	return persocard_layout_offset(&card->layout,
				       persocard_nvm_data(&card->nvm),
				       persocard_nvm_data_size(&card->nvm),
				       persocard_profile_index(card->profile,
							       tag));
}

static void test_layout_differs_by_secret(struct kunit *test)
{
	struct persocard_card *a = kunit_kzalloc(test, sizeof(*a), GFP_KERNEL);
	struct persocard_card *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	unsigned int i, moved = 0;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_ASSERT_EQ(test, 0, card_init_sized(test, a, NULL, 4096, 7));
	KUNIT_ASSERT_EQ(test, 0, card_init_sized(test, b, NULL, 4096, 8));
	personalize(test, a);
	personalize(test, b);
	for (i = 0; i < ARRAY_SIZE(payment_data); i++)
		if (offset_of(a, payment_data[i].tag) !=
		    offset_of(b, payment_data[i].tag))
			moved++;
	KUNIT_EXPECT_GT(test, moved, 0);
	KUNIT_EXPECT_NE(test, 0, memcmp(persocard_nvm_data(&a->nvm),
					persocard_nvm_data(&b->nvm),
					persocard_nvm_data_size(&a->nvm)));
	persocard_card_destroy(a);
	persocard_card_destroy(b);
}

/* Bytes of the data area LOCK writes for payment_data: the records. */
static size_t used_size(const struct persocard_card *card)
{
	size_t size = persocard_layout_overhead(&card->layout);
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(payment_data); i++)
		size += payment_data[i].len;
	return size;
}

/* Same secret, same data: the same records; past them, each chip's noise. */
static void test_layout_same_secret_same_bytes(struct kunit *test)
{
	struct persocard_card *a = kunit_kzalloc(test, sizeof(*a), GFP_KERNEL);
	struct persocard_card *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	size_t used;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_ASSERT_EQ(test, 0, card_init_sized(test, a, NULL, 4096, 7));
	KUNIT_ASSERT_EQ(test, 0, card_init_sized(test, b, NULL, 4096, 7));
	personalize(test, a);
	personalize(test, b);
	used = a->nvm.data_offset + used_size(a);
	KUNIT_EXPECT_MEMEQ(test, a->nvm.mem + a->nvm.data_offset,
			   b->nvm.mem + b->nvm.data_offset, used_size(a));
	KUNIT_EXPECT_NE(test, 0, memcmp(a->nvm.mem + used, b->nvm.mem + used,
					a->nvm.size - used));
	persocard_card_destroy(a);
	persocard_card_destroy(b);
}

/* LOCK writes the records and the system record, and leaves the noise. */
static void test_lock_writes_what_it_uses(struct kunit *test)
{
	struct card_fixture *fx = test->priv;
	struct persocard_card *card = &fx->card;
	size_t used;

	drive_to(test, card, PERSOCARD_STATE_PERSONALIZING);
	snapshot(fx);
	KUNIT_ASSERT_EQ(test, PERSOCARD_SW_OK, lock(card, OWNER));
	used = card->nvm.data_offset + used_size(card);
	KUNIT_EXPECT_NE(test, 0, memcmp(fx->nvm_before + card->nvm.data_offset,
					card->nvm.mem + card->nvm.data_offset,
					used_size(card)));
	KUNIT_EXPECT_MEMEQ(test, fx->nvm_before + used, card->nvm.mem + used,
			   card->nvm.size - used);
	/* And what it wrote reads back. */
	KUNIT_EXPECT_EQ(test, PERSOCARD_STATE_PERSONALIZED,
			persocard_state(card));
}

static void test_layout_order_is_permutation(struct kunit *test)
{
	struct persocard_layout layout;
	u8 secret[PERSOCARD_SECRET_LEN];
	u32 seen = 0;
	unsigned int i;

	make_secret(secret, 9);
	persocard_layout_init(&layout, secret, PERSOCARD_MAX_TAGS);
	for (i = 0; i < PERSOCARD_MAX_TAGS; i++)
		seen |= BIT(layout.order[i]);
	KUNIT_EXPECT_EQ(test, U32_MAX, seen);
	persocard_layout_wipe(&layout);
	KUNIT_EXPECT_TRUE(test, !memchr_inv(&layout, 0, sizeof(layout)));
}

/* ---- the maker's side ---- */

static void test_maker_settings_frozen_after_enable(struct kunit *test)
{
	struct persocard_card *card = &((struct card_fixture *)test->priv)->card;
	const struct persocard_profile *sim =
		persocard_profile_by_id(PERSOCARD_PROFILE_SIM);

	KUNIT_EXPECT_TRUE(test, persocard_card_fresh(card));
	KUNIT_EXPECT_EQ(test, 0, persocard_card_set_try_limit(card, 5));
	KUNIT_EXPECT_EQ(test, 5, persocard_tries_left(card));
	KUNIT_EXPECT_EQ(test, 0, persocard_card_set_profile(card, sim));
	KUNIT_ASSERT_EQ(test, OK, persocard_enable(card, OWNER));
	KUNIT_ASSERT_EQ(test, OK, persocard_reset(card, OWNER));
	KUNIT_EXPECT_FALSE(test, persocard_card_fresh(card));
	KUNIT_EXPECT_EQ(test, -EBUSY, persocard_card_set_try_limit(card, 3));
	KUNIT_EXPECT_EQ(test, -EBUSY, persocard_card_set_code(card, right_code, 4));
	KUNIT_EXPECT_EQ(test, -EBUSY, persocard_card_set_profile(card, sim));
}

static void test_maker_rejects_bad_values(struct kunit *test)
{
	struct persocard_card *card = &((struct card_fixture *)test->priv)->card;
	static const u8 code[PERSOCARD_CODE_MAX_LEN + 1];

	KUNIT_EXPECT_EQ(test, -EINVAL, persocard_card_set_try_limit(card, 0));
	KUNIT_EXPECT_EQ(test, -EINVAL, persocard_card_set_try_limit(card, 16));
	KUNIT_EXPECT_EQ(test, -EINVAL, persocard_card_set_code(card, code, 3));
	KUNIT_EXPECT_EQ(test, -EINVAL,
			persocard_card_set_code(card, code, sizeof(code)));
	KUNIT_EXPECT_EQ(test, 3, persocard_card_try_limit(card));
	/* The old code still works. */
	KUNIT_ASSERT_EQ(test, OK, persocard_enable(card, OWNER));
	KUNIT_EXPECT_EQ(test, OK, verify(card, OWNER, right_code));
}

static void test_new_code_takes_effect(struct kunit *test)
{
	struct persocard_card *card = &((struct card_fixture *)test->priv)->card;
	static const u8 code[] = "0123456789abcdef0123456789abcdef";
	u8 tries;

	KUNIT_ASSERT_EQ(test, 0, persocard_card_set_code(card, code, 32));
	KUNIT_ASSERT_EQ(test, OK, persocard_enable(card, OWNER));
	KUNIT_EXPECT_EQ(test, 0x63C2, verify(card, OWNER, right_code));
	KUNIT_ASSERT_EQ(test, OK, persocard_enable(card, OWNER));
	KUNIT_EXPECT_EQ(test, OK, persocard_verify(card, OWNER, code, 32,
						   &tries));
}

static void test_card_init_rejects_bad_config(struct kunit *test)
{
	struct persocard_config config = {
		.profile = persocard_profile_by_id(PERSOCARD_PROFILE_SIM),
		.code = right_code,
		.code_len = 4,
		.try_limit = 3,
		.nvm_size = 4096,
		.page_size = 64,
	};
	struct persocard_card card = {};
	u8 secret[PERSOCARD_SECRET_LEN] = {};

	config.try_limit = 0;
	KUNIT_EXPECT_EQ(test, -EINVAL, persocard_card_init(&card, &config, secret, 1));
	config.try_limit = PERSOCARD_TRY_LIMIT_MAX + 1;
	KUNIT_EXPECT_EQ(test, -EINVAL, persocard_card_init(&card, &config, secret, 1));
	config.try_limit = 3;
	config.code_len = 3;
	KUNIT_EXPECT_EQ(test, -EINVAL, persocard_card_init(&card, &config, secret, 1));
	config.code_len = 4;
	config.nvm_size = PERSOCARD_NVM_MIN_SIZE - 1;
	KUNIT_EXPECT_EQ(test, -EINVAL, persocard_card_init(&card, &config, secret, 1));
	config.nvm_size = PERSOCARD_NVM_MAX_SIZE + 1;
	KUNIT_EXPECT_EQ(test, -EINVAL, persocard_card_init(&card, &config, secret, 1));
	config.nvm_size = 4096;
	config.page_size = 48;
	KUNIT_EXPECT_EQ(test, -EINVAL, persocard_card_init(&card, &config, secret, 1));
	config.page_size = 8;
	KUNIT_EXPECT_EQ(test, -EINVAL, persocard_card_init(&card, &config, secret, 1));
	config.page_size = 2048;
	KUNIT_EXPECT_EQ(test, -EINVAL, persocard_card_init(&card, &config, secret, 1));
}

static void test_factory_reset_makes_blank_card(struct kunit *test)
{
	struct card_fixture *fx = test->priv;
	struct persocard_card *card = &fx->card;
	u8 secret[PERSOCARD_SECRET_LEN];

	drive_to(test, card, PERSOCARD_STATE_PERSONALIZED);
	snapshot(fx);
	make_secret(secret, 42);
	KUNIT_ASSERT_EQ(test, 0,
			persocard_card_factory_reset(card, secret, 0x4242));
	KUNIT_EXPECT_EQ(test, PERSOCARD_STATE_SEMI_FINISHED,
			persocard_state(card));
	KUNIT_EXPECT_TRUE(test, persocard_card_fresh(card));
	KUNIT_EXPECT_EQ(test, 0x4242, persocard_card_serial(card));
	/*
	 * One record write: the old records stay, masked under a secret
	 * that is gone, so they are noise to the new card.
	 */
	KUNIT_EXPECT_MEMEQ(test, fx->nvm_before + card->nvm.data_offset,
			   card->nvm.mem + card->nvm.data_offset,
			   persocard_nvm_data_size(&card->nvm));
	KUNIT_EXPECT_NE(test, 0, memcmp(fx->nvm_before, card->nvm.mem,
					card->nvm.data_offset));
	drive_to(test, card, PERSOCARD_STATE_PERSONALIZED);
}

static void test_factory_reset_ends_session(struct kunit *test)
{
	struct persocard_card *card = &((struct card_fixture *)test->priv)->card;
	u8 secret[PERSOCARD_SECRET_LEN] = {};

	drive_to(test, card, PERSOCARD_STATE_PERSONALIZING);
	KUNIT_ASSERT_EQ(test, 0, persocard_card_factory_reset(card, secret, 1));
	KUNIT_EXPECT_EQ(test, PERSOCARD_STATE_SEMI_FINISHED,
			persocard_state(card));
	KUNIT_EXPECT_EQ(test, NOPE, lock(card, OWNER));
}

static void test_status_reports_session(struct kunit *test)
{
	struct persocard_card *card = &((struct card_fixture *)test->priv)->card;
	struct persocard_status status;

	persocard_status(card, OWNER, &status);
	KUNIT_EXPECT_EQ(test, 0, status.flags);
	KUNIT_EXPECT_EQ(test, PERSOCARD_PROFILE_PAYMENT, status.profile);
	KUNIT_EXPECT_EQ(test, 0x1001, status.serial);
	KUNIT_ASSERT_EQ(test, OK, persocard_enable(card, OWNER));
	persocard_status(card, OWNER, &status);
	KUNIT_EXPECT_EQ(test, PERSOCARD_STATUS_SESSION | PERSOCARD_STATUS_OWNER,
			status.flags);
	persocard_status(card, OTHER, &status);
	KUNIT_EXPECT_EQ(test, PERSOCARD_STATUS_SESSION, status.flags);
	KUNIT_EXPECT_EQ(test, PERSOCARD_STATE_READY, status.state);
	KUNIT_EXPECT_EQ(test, 3, status.try_limit);
	KUNIT_EXPECT_TRUE(test, !memchr_inv(status.reserved, 0,
					    sizeof(status.reserved)));
}

/* ---- value formats ---- */

#define BAD_DATA	PERSOCARD_SW_WRONG_DATA
#define BAD_LEN		PERSOCARD_SW_WRONG_LENGTH

struct format_case {
	const char *name;
	u16 tag;
	u8 len;
	u8 value[8];
	u16 sw;
};

static const struct format_case format_cases[] = {
	{ "pan_ok_padded", 0x5A00, 5, { 0x12, 0x34, 0x56, 0x78, 0x9F }, OK },
	{ "pan_hex_digit", 0x5A00, 5, { 0x12, 0x34, 0x5A, 0x78, 0x90 }, BAD_DATA },
	{ "pan_pad_not_last", 0x5A00, 5, { 0x1F, 0x34, 0x56, 0x78, 0x90 }, BAD_DATA },
	{ "expiry_ok", 0x5F24, 3, { 0x30, 0x01, 0x31 }, OK },
	{ "expiry_month_13", 0x5F24, 3, { 0x30, 0x13, 0x01 }, BAD_DATA },
	{ "expiry_day_0", 0x5F24, 3, { 0x30, 0x12, 0x00 }, BAD_DATA },
	{ "holder_control_char", 0x5F20, 3, { 'A', '\n', 'B' }, BAD_DATA },
	{ "holder_too_short_for_tag", 0x5F20, 1, { 'A' }, BAD_LEN },
	{ "pin_block_too_short", 0x8010, 7, { 0 }, BAD_LEN },
	{ "pin_try_limit_ok", 0x9010, 2, { 0x0F, 0x0F }, OK },
	{ "pin_try_limit_zero", 0x9010, 2, { 0x00, 0x00 }, BAD_DATA },
	{ "pin_try_limit_16", 0x9010, 2, { 0x10, 0x03 }, BAD_DATA },
	{ "pin_try_counter_above", 0x9010, 2, { 0x03, 0x04 }, BAD_DATA },
};

static void format_desc(const struct format_case *c, char *desc)
{
	strscpy(desc, c->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(format, format_cases, format_desc);

static void test_value_format(struct kunit *test)
{
	const struct format_case *c = test->param_value;
	struct persocard_card *card = &((struct card_fixture *)test->priv)->card;

	KUNIT_ASSERT_EQ(test, OK, persocard_enable(card, OWNER));
	KUNIT_ASSERT_EQ(test, OK, verify(card, OWNER, right_code));
	KUNIT_EXPECT_EQ(test, c->sw, persocard_put(card, OWNER, c->tag,
						   c->value, c->len));
	KUNIT_EXPECT_EQ(test, c->sw == OK ? PERSOCARD_STATE_PERSONALIZING :
			PERSOCARD_STATE_SEMI_FINISHED, persocard_state(card));
}

static void test_profiles(struct kunit *test)
{
	static const u32 ids[] = {
		PERSOCARD_PROFILE_PAYMENT, PERSOCARD_PROFILE_SIM,
		PERSOCARD_PROFILE_IDENTITY,
	};
	unsigned int i, j;

	for (i = 0; i < ARRAY_SIZE(ids); i++) {
		const struct persocard_profile *p;
		unsigned int mandatory = 0, secret = 0;

		p = persocard_profile_by_id(ids[i]);
		KUNIT_ASSERT_NOT_NULL(test, p);
		KUNIT_EXPECT_PTR_EQ(test, p, persocard_profile_by_name(p->name));
		KUNIT_EXPECT_LE(test, p->nr_elements, PERSOCARD_MAX_TAGS);
		for (j = 0; j < p->nr_elements; j++) {
			const struct persocard_element *el = &p->elements[j];

			KUNIT_EXPECT_EQ(test, j, persocard_profile_index(p, el->tag));
			KUNIT_EXPECT_LE(test, el->min_len, el->max_len);
			KUNIT_EXPECT_LE(test, el->max_len, PERSOCARD_VALUE_MAX_LEN);
			KUNIT_EXPECT_LT(test, strlen(el->name), PERSOCARD_NAME_LEN);
			mandatory += !!(el->flags & PERSOCARD_TAG_MANDATORY);
			secret += !!(el->flags & PERSOCARD_TAG_SECRET);
		}
		KUNIT_EXPECT_GT(test, mandatory, 0);
		KUNIT_EXPECT_GT(test, secret, 0);
	}
	KUNIT_EXPECT_NULL(test, persocard_profile_by_id(0));
	KUNIT_EXPECT_NULL(test, persocard_profile_by_name("bank"));
	KUNIT_EXPECT_NOT_NULL(test, persocard_profile_by_name("sim\n"));
}

static struct kunit_case persocard_card_cases[] = {
	KUNIT_CASE_PARAM(test_transition, transition_gen_params),
	KUNIT_CASE_PARAM(test_table_matches_spec, transition_gen_params),
	KUNIT_CASE(test_table_commands),
	KUNIT_CASE(test_table_scp03_rows),
	KUNIT_CASE(test_try_counter_to_blocked),
	KUNIT_CASE(test_right_code_restores_counter),
	KUNIT_CASE(test_code_prefix_is_wrong),
	KUNIT_CASE(test_code_length_refused),
	KUNIT_CASE_PARAM(test_abort_restores_nvm, abort_gen_params),
	KUNIT_CASE(test_abort_not_enough_memory),
	KUNIT_CASE(test_other_file_cannot_end_session),
	KUNIT_CASE(test_verify_write_fails),
	KUNIT_CASE(test_verify_restore_fails),
	KUNIT_CASE(test_lock_write_fails),
	KUNIT_CASE(test_lock_record_write_fails),
	KUNIT_CASE(test_first_enable_write_fails),
	KUNIT_CASE(test_lock_lists_missing),
	KUNIT_CASE(test_get_data_returns_what_was_put),
	KUNIT_CASE(test_put_same_tag_replaces),
	KUNIT_CASE(test_secret_never_read_back),
	KUNIT_CASE(test_nvm_holds_no_plaintext),
	KUNIT_CASE(test_layout_differs_by_secret),
	KUNIT_CASE(test_layout_same_secret_same_bytes),
	KUNIT_CASE(test_lock_writes_what_it_uses),
	KUNIT_CASE(test_layout_order_is_permutation),
	KUNIT_CASE(test_maker_settings_frozen_after_enable),
	KUNIT_CASE(test_maker_rejects_bad_values),
	KUNIT_CASE(test_new_code_takes_effect),
	KUNIT_CASE(test_card_init_rejects_bad_config),
	KUNIT_CASE(test_factory_reset_makes_blank_card),
	KUNIT_CASE(test_factory_reset_ends_session),
	KUNIT_CASE(test_status_reports_session),
	KUNIT_CASE_PARAM(test_value_format, format_gen_params),
	KUNIT_CASE(test_profiles),
	{}
};

static struct kunit_suite persocard_card_suite = {
	.name = "persocard_card",
	.init = card_test_init,
	.exit = card_test_exit,
	.test_cases = persocard_card_cases,
};

kunit_test_suite(persocard_card_suite);

MODULE_DESCRIPTION("KUnit tests of the persocard card OS");
MODULE_LICENSE("GPL");
