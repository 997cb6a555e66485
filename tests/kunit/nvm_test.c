// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the chip under the card OS, its transactions and saved
 * images: the chip model, the shadow-copy record, power cuts swept over
 * every operation (and every byte of a commit) of each profile's
 * personalization, VERIFY, a maker setting and a factory reset, and the
 * seal of images.
 */
#include <kunit/test.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "../../module/cardos/apdu.h"
#include "../../module/cardos/card.h"
#include "../../module/cardos/image.h"

#define OK		PERSOCARD_SW_OK
#define NVM_SIZE	4096
#define PAGE		64
/* Program operations of one record update: its copy's pages. */
#define RECORD_OPS	DIV_ROUND_UP(PERSOCARD_RECORD_LEN, PAGE)

static const u8 code[] = { '1', '2', '3', '4' };
static const u8 wrong[] = { '9', '9', '9', '9' };
static const int owner_file;
#define OWNER	(&owner_file)

/* ---- the chip ---- */

static void arm(struct kunit *test, struct persocard_nvm *nvm, u32 op,
		u32 units)
{
	KUNIT_ASSERT_EQ(test, 0, persocard_nvm_arm_cut(nvm, op, units));
}

static void init_chip(struct kunit *test, struct persocard_nvm *nvm)
{
	KUNIT_ASSERT_EQ(test, 0, persocard_nvm_init(nvm, NVM_SIZE, PAGE, NULL));
}

static void test_chip_write_counts_pages(struct kunit *test)
{
	struct persocard_nvm nvm;
	u8 buf[3 * PAGE];

	init_chip(test, &nvm);
	memset(buf, 0x5a, sizeof(buf));
	/* From the middle of page 1 to the middle of page 4: four pages. */
	KUNIT_EXPECT_EQ(test, 0, persocard_nvm_write(&nvm, PAGE + PAGE / 2,
						     buf, sizeof(buf)));
	KUNIT_EXPECT_EQ(test, 4, nvm.program_ops);
	KUNIT_EXPECT_EQ(test, 0, nvm.wear[0]);
	KUNIT_EXPECT_EQ(test, 1, nvm.wear[1]);
	KUNIT_EXPECT_EQ(test, 1, nvm.wear[4]);
	KUNIT_EXPECT_EQ(test, 0, nvm.wear[5]);
	KUNIT_EXPECT_MEMEQ(test, buf, nvm.mem + PAGE + PAGE / 2, sizeof(buf));
	persocard_nvm_destroy(&nvm);
}

/* A cut after K bytes of a page: those are new, the rest of it erased. */
static void test_chip_cut_tears_page(struct kunit *test)
{
	struct persocard_nvm nvm;
	u8 *before, buf[2 * PAGE];
	unsigned int i;

	init_chip(test, &nvm);
	before = kunit_kmalloc(test, NVM_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, before);
	memcpy(before, nvm.mem, NVM_SIZE);
	memset(buf, 0x11, sizeof(buf));
	KUNIT_ASSERT_EQ(test, 0, persocard_nvm_arm_cut(&nvm, 1, 10));
	/* Pages 0 and 1 (from byte 8 of page 0): page 1 is cut. */
	KUNIT_EXPECT_EQ(test, -ESHUTDOWN,
			persocard_nvm_write(&nvm, 8, buf, sizeof(buf)));
	KUNIT_EXPECT_FALSE(test, nvm.powered);
	KUNIT_EXPECT_EQ(test, 1, nvm.cuts);
	KUNIT_EXPECT_MEMEQ(test, before, nvm.mem, 8);
	KUNIT_EXPECT_MEMEQ(test, buf, nvm.mem + 8, PAGE - 8);
	KUNIT_EXPECT_MEMEQ(test, buf, nvm.mem + PAGE, 10);
	for (i = PAGE + 10; i < 2 * PAGE; i++)
		KUNIT_EXPECT_EQ(test, PERSOCARD_NVM_ERASED, nvm.mem[i]);
	KUNIT_EXPECT_MEMEQ(test, before + 2 * PAGE, nvm.mem + 2 * PAGE,
			   NVM_SIZE - 2 * PAGE);
	/* No power, no write; the cut is spent. */
	KUNIT_EXPECT_EQ(test, -ESHUTDOWN, persocard_nvm_write(&nvm, 0, buf, 1));
	KUNIT_EXPECT_FALSE(test, nvm.cut.armed);
	persocard_nvm_destroy(&nvm);
}

static void test_chip_rejects_bad_geometry(struct kunit *test)
{
	struct persocard_nvm nvm;

	KUNIT_EXPECT_EQ(test, -EINVAL, persocard_nvm_init(&nvm, 4096, 48, NULL));
	KUNIT_EXPECT_EQ(test, -EINVAL, persocard_nvm_init(&nvm, 4096, 8, NULL));
	KUNIT_EXPECT_EQ(test, -EINVAL, persocard_nvm_init(&nvm, 1024, 512, NULL));
	KUNIT_EXPECT_EQ(test, -EINVAL, persocard_nvm_init(&nvm, 512, 16, NULL));
	init_chip(test, &nvm);
	KUNIT_EXPECT_EQ(test, -EINVAL, persocard_nvm_arm_cut(&nvm, 0, PAGE + 1));
	KUNIT_EXPECT_FALSE(test, nvm.cut.armed);
	persocard_nvm_destroy(&nvm);
}

/* ---- the record ---- */

static void test_record_alternates_and_survives_tearing(struct kunit *test)
{
	struct persocard_record rec = {}, next = {}, found;
	struct persocard_nvm nvm;
	unsigned int slot = 1, found_slot, units;

	init_chip(test, &nvm);
	KUNIT_EXPECT_EQ(test, -EIO, persocard_record_load(&nvm, &found,
							  &found_slot));
	next.state = PERSOCARD_STATE_SEMI_FINISHED;
	next.try_limit = 3;
	next.tries_left = 3;
	next.code_len = 4;
	next.profile = PERSOCARD_PROFILE_SIM;
	KUNIT_ASSERT_EQ(test, 0, persocard_record_commit(&nvm, &rec, &slot,
							 &next));
	KUNIT_EXPECT_EQ(test, 0, slot);
	/* Every byte of the next commit torn: the old record stands. */
	for (units = 0; units < PERSOCARD_RECORD_LEN; units++) {
		struct persocard_record keep = rec;
		unsigned int keep_slot = slot;

		next.tries_left = 2;
		arm(test, &nvm, units / PAGE, units % PAGE);
		KUNIT_EXPECT_EQ(test, -ESHUTDOWN,
				persocard_record_commit(&nvm, &rec, &slot,
							&next));
		KUNIT_EXPECT_EQ(test, keep_slot, slot);
		nvm.powered = true;
		KUNIT_ASSERT_EQ(test, 0, persocard_record_load(&nvm, &found,
							       &found_slot));
		KUNIT_EXPECT_EQ(test, keep.seq, found.seq);
		KUNIT_EXPECT_EQ(test, 3, found.tries_left);
	}
	KUNIT_ASSERT_EQ(test, 0, persocard_record_commit(&nvm, &rec, &slot,
							 &next));
	KUNIT_EXPECT_EQ(test, 1, slot);
	KUNIT_ASSERT_EQ(test, 0, persocard_record_load(&nvm, &found,
						       &found_slot));
	KUNIT_EXPECT_EQ(test, 2, found.tries_left);
	KUNIT_EXPECT_EQ(test, 1, found_slot);
	persocard_nvm_destroy(&nvm);
}

/* ---- sweeps: a card cut anywhere is wholly before or wholly after ---- */

struct values {
	u8 value[PERSOCARD_MAX_TAGS][64];
	u16 len[PERSOCARD_MAX_TAGS];
};

/* A valid value for every element of @profile, distinct per @seed. */
static void make_values(const struct persocard_profile *profile,
			struct values *v, u8 seed)
{
	static const u8 date[] = { 0x29, 0x12, 0x31 };
	unsigned int i, j;

	for (i = 0; i < profile->nr_elements; i++) {
		const struct persocard_element *el = &profile->elements[i];
		u16 len = clamp_t(u16, 8, el->min_len, el->max_len);

		len = min_t(u16, len, sizeof(v->value[i]));
		for (j = 0; j < len; j++) {
			switch (el->format) {
			case PERSOCARD_FMT_BCD:
				v->value[i][j] = 0x12 + ((seed + j) % 8);
				break;
			case PERSOCARD_FMT_TEXT:
				v->value[i][j] = 'A' + (seed + i + j) % 26;
				break;
			case PERSOCARD_FMT_DATE:
				v->value[i][j] = date[j % 3];
				break;
			case PERSOCARD_FMT_TRIES:
				v->value[i][j] = 3;
				break;
			default:
				v->value[i][j] = seed * 17 + i * 5 + j;
			}
		}
		v->len[i] = len;
	}
}

static int make_card(struct persocard_card *card, u32 profile_id, u8 seed)
{
	struct persocard_config config = {
		.profile = persocard_profile_by_id(profile_id),
		.code = code,
		.code_len = sizeof(code),
		.try_limit = 3,
		.nvm_size = NVM_SIZE,
		.page_size = PAGE,
	};
	u8 secret[PERSOCARD_SECRET_LEN];

	memset(secret, seed, sizeof(secret));
	return persocard_card_init(card, &config, secret, 0x5000 + seed);
}

static void remake(struct kunit *test, struct persocard_card *card,
		   u32 profile_id, u8 seed)
{
	memset(card, 0, sizeof(*card));
	KUNIT_ASSERT_EQ(test, 0, make_card(card, profile_id, seed));
}

/* ENABLE, VERIFY, every PUT; false at the first refusal or cut. */
static bool stage_all(struct persocard_card *card, const struct values *v)
{
	const struct persocard_profile *profile = card->profile;
	unsigned int i;
	u8 tries;

	if (persocard_enable(card, OWNER) != OK ||
	    persocard_verify(card, OWNER, code, sizeof(code), &tries) != OK)
		return false;
	for (i = 0; i < profile->nr_elements; i++)
		if (persocard_put(card, OWNER, profile->elements[i].tag,
				  v->value[i], v->len[i]) != OK)
			return false;
	return true;
}

static void lock(struct persocard_card *card)
{
	u16 missing[PERSOCARD_MAX_TAGS], nr;

	persocard_lock(card, OWNER, missing, &nr);
}

/* The whole personalization; stops at the first refusal or cut. */
static void personalize(struct persocard_card *card, const struct values *v)
{
	if (stage_all(card, v))
		lock(card);
}

/* PERSONALIZED with every value right, or SEMI_FINISHED with none. */
static int personalization_outcome(struct persocard_card *card,
				   const struct values *v)
{
	const struct persocard_profile *profile = card->profile;
	u8 *value = kmalloc(PERSOCARD_VALUE_MAX_LEN, GFP_KERNEL);
	enum persocard_state state = persocard_state(card);
	int outcome = -1;
	unsigned int i;
	u16 len;

	if (!value)
		return -1;
	if (state == PERSOCARD_STATE_SEMI_FINISHED &&
	    persocard_tries_left(card) <= 3 &&
	    persocard_get_data(card, profile->elements[0].tag, value,
			       &len) == PERSOCARD_SW_CONDITIONS)
		outcome = 0;
	if (state == PERSOCARD_STATE_PERSONALIZED &&
	    persocard_tries_left(card) == 3) {
		outcome = 1;
		for (i = 0; i < profile->nr_elements; i++) {
			const struct persocard_element *el =
				&profile->elements[i];
			u16 sw = persocard_get_data(card, el->tag, value, &len);

			if (el->flags & PERSOCARD_TAG_SECRET) {
				if (sw != PERSOCARD_SW_SECURITY_STATUS)
					outcome = -1;
			} else if (sw != OK || len != v->len[i] ||
				   memcmp(value, v->value[i], len)) {
				outcome = -1;
			}
		}
	}
	kfree(value);
	return outcome;
}

struct tally {
	unsigned int tried;
	unsigned int before;
	unsigned int after;
	unsigned int spent;	/* VERIFY: a try spent, the code not seen */
	unsigned int other;
};

/* Cut points of an action of @ops operations, @from on being a commit's. */
static bool next_unit(unsigned int op, unsigned int from, u32 *units)
{
	static const u32 sample[] = { 0, 1, PAGE / 2, PAGE - 1, PAGE };
	unsigned int i;

	if (op >= from)
		return ++*units <= PAGE;
	for (i = 0; i + 1 < ARRAY_SIZE(sample); i++)
		if (*units == sample[i]) {
			*units = sample[i + 1];
			return true;
		}
	return false;
}

static void report(struct kunit *test, const char *what,
		   const struct tally *t)
{
	kunit_info(test, "sweep %s: %u cut points, %u recovered before, %u recovered after, %u a try spent, %u other\n",
		   what, t->tried, t->before, t->after, t->spent, t->other);
	KUNIT_EXPECT_EQ(test, 0, t->other);
	KUNIT_EXPECT_GT(test, t->before, 0);
	KUNIT_EXPECT_GT(test, t->after, 0);
}

static void sweep_personalization(struct kunit *test, u32 profile_id,
				  const char *name)
{
	struct persocard_card *card;
	struct tally t = {};
	struct values *v;
	unsigned int ops, lock_from, op;
	u64 start;

	card = kunit_kzalloc(test, sizeof(*card), GFP_KERNEL);
	v = kunit_kzalloc(test, sizeof(*v), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, card);
	KUNIT_ASSERT_NOT_NULL(test, v);
	make_values(persocard_profile_by_id(profile_id), v, 3);

	/* A clean run: how many operations, and where LOCK's begin. */
	KUNIT_ASSERT_EQ(test, 0, make_card(card, profile_id, 1));
	start = card->nvm.program_ops;
	KUNIT_ASSERT_TRUE(test, stage_all(card, v));
	lock_from = card->nvm.program_ops - start;
	lock(card);
	KUNIT_ASSERT_EQ(test, 1, personalization_outcome(card, v));
	ops = card->nvm.program_ops - start;
	persocard_card_destroy(card);

	for (op = 0; op < ops; op++) {
		u32 units = 0;

		do {
			int outcome;

			remake(test, card, profile_id, 1);
			arm(test, &card->nvm, op, units);
			personalize(card, v);
			t.tried++;
			if (persocard_card_powered(card) ||
			    persocard_power_up(card)) {
				t.other++;
			} else {
				outcome = personalization_outcome(card, v);
				if (outcome == 0)
					t.before++;
				else if (outcome == 1)
					t.after++;
				else
					t.other++;
			}
			persocard_card_destroy(card);
		} while (next_unit(op, lock_from, &units));
	}
	kunit_info(test, "sweep %s: %u operations, LOCK's from %u\n", name,
		   ops, lock_from);
	report(test, name, &t);
}

static void test_sweep_payment(struct kunit *test)
{
	sweep_personalization(test, PERSOCARD_PROFILE_PAYMENT, "payment");
}

static void test_sweep_sim(struct kunit *test)
{
	sweep_personalization(test, PERSOCARD_PROFILE_SIM, "sim");
}

static void test_sweep_identity(struct kunit *test)
{
	sweep_personalization(test, PERSOCARD_PROFILE_IDENTITY, "identity");
}

/*
 * VERIFY from a counter of 2 (limit 3): a wrong code ends at 1; a right
 * one passes 1 (spent, decrement first) on its way back to 3.
 */
static void sweep_verify(struct kunit *test, bool right)
{
	struct persocard_card *card;
	struct tally t = {};
	unsigned int op, ops = right ? 2 * RECORD_OPS : RECORD_OPS;
	u8 tries;

	card = kunit_kzalloc(test, sizeof(*card), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, card);
	for (op = 0; op < ops; op++) {
		u32 units = 0;

		do {
			u8 left;

			remake(test, card, PERSOCARD_PROFILE_PAYMENT, 2);
			persocard_enable(card, OWNER);
			persocard_verify(card, OWNER, wrong, 4, &tries);
			KUNIT_ASSERT_EQ(test, 2, persocard_tries_left(card));
			persocard_enable(card, OWNER);
			arm(test, &card->nvm, op, units);
			persocard_verify(card, OWNER, right ? code : wrong, 4,
					 &tries);
			t.tried++;
			if (persocard_card_powered(card) ||
			    persocard_power_up(card)) {
				t.other++;
				persocard_card_destroy(card);
				continue;
			}
			left = persocard_tries_left(card);
			if (persocard_state(card) != PERSOCARD_STATE_SEMI_FINISHED)
				t.other++;
			else if (left == 2)
				t.before++;
			else if (left == (right ? 3 : 1))
				t.after++;
			else if (right && left == 1)
				t.spent++;
			else
				t.other++;
			persocard_card_destroy(card);
		} while (next_unit(op, 0, &units));
	}
	report(test, right ? "verify right code" : "verify wrong code", &t);
}

static u16 init_update(struct persocard_card *card, u8 *resp)
{
	static const u8 host_challenge[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
	u32 resp_len;

	return persocard_init_update(card, OWNER, 0, host_challenge,
				     sizeof(host_challenge), resp, &resp_len);
}

/*
 * The secure channel's counters: INITIALIZE UPDATE's sequence counter (0
 * before, 1 after) and EXTERNAL AUTHENTICATE's try (a wrong cryptogram: 3
 * before, 2 after). No cut leaves either between, or gains a try.
 */
static void sweep_channel(struct kunit *test, bool ext_auth)
{
	static const struct persocard_scp03_keyset keys = {
		.kvn = 0x30, .key_len = 16,
		.enc = { 0x40 }, .mac = { 0x41 }, .dek = { 0x42 },
	};
	static const u8 zeros[16];
	static const struct persocard_apdu wrong = {
		.cla = PERSOCARD_CLA | PERSOCARD_CLA_SM,
		.ins = PERSOCARD_INS_EXT_AUTH, .p1 = PERSOCARD_SCP03_CMAC,
		.data = zeros, .nc = sizeof(zeros),
	};
	struct persocard_card *card;
	u8 resp[32], tries;
	struct tally t = {};
	unsigned int op;

	card = kunit_kzalloc(test, sizeof(*card), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, card);
	for (op = 0; op < RECORD_OPS; op++) {
		u32 units = 0;

		do {
			bool before, after;

			remake(test, card, PERSOCARD_PROFILE_PAYMENT, 6);
			KUNIT_ASSERT_EQ(test, 0,
					persocard_card_set_keys(card, &keys));
			persocard_enable(card, OWNER);
			if (ext_auth)
				KUNIT_ASSERT_EQ(test, OK, init_update(card, resp));
			arm(test, &card->nvm, op, units);
			if (ext_auth)
				persocard_ext_auth(card, OWNER, &wrong, &tries);
			else
				init_update(card, resp);
			t.tried++;
			if (persocard_card_powered(card) ||
			    persocard_power_up(card)) {
				t.other++;
				persocard_card_destroy(card);
				continue;
			}
			if (ext_auth) {
				before = persocard_tries_left(card) == 3;
				after = persocard_tries_left(card) == 2;
			} else {
				before = card->rec.scp_seq == 0;
				after = card->rec.scp_seq == 1;
			}
			if (persocard_state(card) != PERSOCARD_STATE_SEMI_FINISHED)
				t.other++;
			else if (before)
				t.before++;
			else if (after)
				t.after++;
			else
				t.other++;
			persocard_card_destroy(card);
		} while (next_unit(op, 0, &units));
	}
	report(test, ext_auth ? "external authenticate wrong" :
	       "initialize update", &t);
}

static void test_sweep_init_update(struct kunit *test)
{
	sweep_channel(test, false);
}

static void test_sweep_ext_auth_wrong(struct kunit *test)
{
	sweep_channel(test, true);
}

static void test_sweep_verify_wrong(struct kunit *test)
{
	sweep_verify(test, false);
}

static void test_sweep_verify_right(struct kunit *test)
{
	sweep_verify(test, true);
}

/* A maker setting (the code) and a factory reset of a locked card. */
static void sweep_maker(struct kunit *test, bool factory_reset)
{
	static const u8 new_code[] = { 'a', 'b', 'c', 'd', 'e' };
	struct persocard_card *card;
	struct tally t = {};
	struct values *v;
	unsigned int op;
	u8 secret[PERSOCARD_SECRET_LEN] = { 7 };

	card = kunit_kzalloc(test, sizeof(*card), GFP_KERNEL);
	v = kunit_kzalloc(test, sizeof(*v), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, card);
	KUNIT_ASSERT_NOT_NULL(test, v);
	make_values(persocard_profile_by_id(PERSOCARD_PROFILE_IDENTITY), v, 5);
	for (op = 0; op < RECORD_OPS; op++) {
		u32 units = 0;

		do {
			bool before, after;

			remake(test, card, PERSOCARD_PROFILE_IDENTITY, 4);
			if (factory_reset)
				personalize(card, v);
			arm(test, &card->nvm, op, units);
			if (factory_reset)
				persocard_card_factory_reset(card, secret, 0x77);
			else
				persocard_card_set_code(card, new_code,
							sizeof(new_code));
			t.tried++;
			if (persocard_card_powered(card) ||
			    persocard_power_up(card)) {
				t.other++;
				persocard_card_destroy(card);
				continue;
			}
			if (factory_reset) {
				before = persocard_card_serial(card) == 0x5004 &&
					 personalization_outcome(card, v) == 1;
				after = persocard_card_serial(card) == 0x77 &&
					persocard_card_fresh(card) &&
					persocard_state(card) ==
					PERSOCARD_STATE_SEMI_FINISHED &&
					persocard_tries_left(card) == 3;
			} else {
				before = card->rec.code_len == sizeof(code) &&
					 !memcmp(card->rec.code, code,
						 sizeof(code));
				after = card->rec.code_len == sizeof(new_code) &&
					!memcmp(card->rec.code, new_code,
						sizeof(new_code));
			}
			if (before)
				t.before++;
			else if (after)
				t.after++;
			else
				t.other++;
			persocard_card_destroy(card);
		} while (next_unit(op, 0, &units));
	}
	report(test, factory_reset ? "factory reset" : "maker setting", &t);
}

static void test_sweep_maker_setting(struct kunit *test)
{
	sweep_maker(test, false);
}

static void test_sweep_factory_reset(struct kunit *test)
{
	sweep_maker(test, true);
}

/* ---- saved images ---- */

static const u8 key[32] = { 1, 2, 3, 4, 5, 6, 7, 8 };
static const u8 other_key[32] = { 8, 7, 6, 5, 4, 3, 2, 1 };

struct image_fixture {
	struct persocard_card card;
	struct values v;
	u8 *image;
	size_t size;
	u8 *copy;
};

static int image_test_init(struct kunit *test)
{
	struct image_fixture *fx;

	fx = kunit_kzalloc(test, sizeof(*fx), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, fx);
	KUNIT_ASSERT_EQ(test, 0, make_card(&fx->card, PERSOCARD_PROFILE_SIM, 9));
	make_values(fx->card.profile, &fx->v, 9);
	fx->size = persocard_image_size(&fx->card);
	fx->image = kunit_kmalloc(test, fx->size, GFP_KERNEL);
	fx->copy = kunit_kmalloc(test, fx->size, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, fx->image);
	KUNIT_ASSERT_NOT_NULL(test, fx->copy);
	test->priv = fx;
	return 0;
}

static void image_test_exit(struct kunit *test)
{
	struct image_fixture *fx = test->priv;

	persocard_card_destroy(&fx->card);
}

/* Open a copy of the image (opening decrypts in place). */
static int open_copy(struct image_fixture *fx, const u8 *k, size_t len)
{
	memcpy(fx->copy, fx->image, fx->size);
	return persocard_image_open(&fx->card, k, sizeof(key), fx->copy, len);
}

static void test_image_round_trip_rolls_back(struct kunit *test)
{
	struct image_fixture *fx = test->priv;
	u8 tries;

	personalize(&fx->card, &fx->v);
	KUNIT_ASSERT_EQ(test, 1, personalization_outcome(&fx->card, &fx->v));
	KUNIT_ASSERT_EQ(test, 0, persocard_image_seal(&fx->card, key,
						      sizeof(key), fx->image,
						      fx->size));
	/* Nothing of the NVM shows in the image. */
	KUNIT_EXPECT_NE(test, 0, memcmp(fx->image + sizeof(struct persocard_image_header),
					fx->card.nvm.mem, 64));
	KUNIT_ASSERT_EQ(test, 0, open_copy(fx, key, fx->size));
	KUNIT_EXPECT_EQ(test, 1, personalization_outcome(&fx->card, &fx->v));
	KUNIT_EXPECT_EQ(test, 0x5009, persocard_card_serial(&fx->card));

	/* An older image of the same card takes it back: a rollback. */
	persocard_card_destroy(&fx->card);
	memset(&fx->card, 0, sizeof(fx->card));
	KUNIT_ASSERT_EQ(test, 0, make_card(&fx->card, PERSOCARD_PROFILE_SIM, 9));
	persocard_enable(&fx->card, OWNER);
	persocard_verify(&fx->card, OWNER, wrong, 4, &tries);
	KUNIT_ASSERT_EQ(test, 0, persocard_image_seal(&fx->card, key,
						      sizeof(key), fx->image,
						      fx->size));
	personalize(&fx->card, &fx->v);
	KUNIT_ASSERT_EQ(test, 0, open_copy(fx, key, fx->size));
	KUNIT_EXPECT_EQ(test, PERSOCARD_STATE_SEMI_FINISHED,
			persocard_state(&fx->card));
	KUNIT_EXPECT_EQ(test, 2, persocard_tries_left(&fx->card));
}

static void expect_refused(struct kunit *test, struct image_fixture *fx,
			   int err, const u8 *k, size_t len)
{
	u8 *nvm = kmemdup(fx->card.nvm.mem, fx->card.nvm.size, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, nvm);
	KUNIT_EXPECT_EQ(test, err, open_copy(fx, k, len));
	KUNIT_EXPECT_MEMEQ(test, nvm, fx->card.nvm.mem, fx->card.nvm.size);
	kfree(nvm);
}

static void test_image_bad_images_refused(struct kunit *test)
{
	struct image_fixture *fx = test->priv;
	struct persocard_image_header *hdr = (void *)fx->image;
	size_t hdr_len = sizeof(*hdr);
	struct persocard_card other = {};

	personalize(&fx->card, &fx->v);
	KUNIT_ASSERT_EQ(test, 0, persocard_image_seal(&fx->card, key,
						      sizeof(key), fx->image,
						      fx->size));
	expect_refused(test, fx, -EINVAL, key, 10);
	expect_refused(test, fx, -EINVAL, key, hdr_len);
	expect_refused(test, fx, -EINVAL, key, fx->size - 1);
	expect_refused(test, fx, -EKEYREJECTED, other_key, fx->size);

	fx->image[hdr_len + 100] ^= 1;		/* the sealed NVM */
	expect_refused(test, fx, -EBADMSG, key, fx->size);
	fx->image[hdr_len + 100] ^= 1;
	fx->image[fx->size - 1] ^= 1;		/* the tag */
	expect_refused(test, fx, -EBADMSG, key, fx->size);
	fx->image[fx->size - 1] ^= 1;
	hdr->nonce[0] ^= 1;			/* the header, as AAD */
	expect_refused(test, fx, -EBADMSG, key, fx->size);
	hdr->nonce[0] ^= 1;
	hdr->magic[0] ^= 1;
	expect_refused(test, fx, -EINVAL, key, fx->size);
	hdr->magic[0] ^= 1;
	hdr->version = cpu_to_le16(PERSOCARD_IMAGE_VERSION + 1);
	expect_refused(test, fx, -EPROTONOSUPPORT, key, fx->size);
	hdr->version = cpu_to_le16(PERSOCARD_IMAGE_VERSION);
	KUNIT_EXPECT_EQ(test, 0, open_copy(fx, key, fx->size));

	/* Another card's image onto a card in use; during a session. */
	KUNIT_ASSERT_EQ(test, 0, make_card(&other, PERSOCARD_PROFILE_SIM, 10));
	persocard_enable(&other, OWNER);
	KUNIT_ASSERT_EQ(test, 0, persocard_image_seal(&other, key, sizeof(key),
						      fx->image, fx->size));
	expect_refused(test, fx, -EEXIST, key, fx->size);
	memcpy(fx->copy, fx->image, fx->size);
	KUNIT_EXPECT_EQ(test, -EBUSY, persocard_image_open(&other, key,
							   sizeof(key),
							   fx->copy, fx->size));
	KUNIT_EXPECT_EQ(test, PERSOCARD_STATE_READY, persocard_state(&other));
	persocard_card_destroy(&other);
}

/* A card of another geometry cannot take the image. */
static void test_image_other_geometry_refused(struct kunit *test)
{
	struct image_fixture *fx = test->priv;
	struct persocard_config config = {
		.profile = persocard_profile_by_id(PERSOCARD_PROFILE_SIM),
		.code = code,
		.code_len = sizeof(code),
		.try_limit = 3,
		.nvm_size = NVM_SIZE,
		.page_size = PAGE * 2,
	};
	u8 secret[PERSOCARD_SECRET_LEN] = {};
	struct persocard_card other = {};

	KUNIT_ASSERT_EQ(test, 0, persocard_image_seal(&fx->card, key,
						      sizeof(key), fx->image,
						      fx->size));
	KUNIT_ASSERT_EQ(test, 0, persocard_card_init(&other, &config, secret,
						     0x5009));
	memcpy(fx->copy, fx->image, fx->size);
	KUNIT_EXPECT_EQ(test, -EMSGSIZE, persocard_image_open(&other, key,
							      sizeof(key),
							      fx->copy,
							      fx->size));
	persocard_card_destroy(&other);
}

/* A fresh card takes any card's image, and becomes that card. */
static void test_image_fresh_card_adopts(struct kunit *test)
{
	struct image_fixture *fx = test->priv;
	struct persocard_card blank = {};

	personalize(&fx->card, &fx->v);
	KUNIT_ASSERT_EQ(test, 0, persocard_image_seal(&fx->card, key,
						      sizeof(key), fx->image,
						      fx->size));
	KUNIT_ASSERT_EQ(test, 0, make_card(&blank, PERSOCARD_PROFILE_PAYMENT, 11));
	memcpy(fx->copy, fx->image, fx->size);
	KUNIT_ASSERT_EQ(test, 0, persocard_image_open(&blank, key, sizeof(key),
						      fx->copy, fx->size));
	KUNIT_EXPECT_EQ(test, 0x5009, persocard_card_serial(&blank));
	KUNIT_EXPECT_EQ(test, PERSOCARD_PROFILE_SIM, blank.profile->id);
	KUNIT_EXPECT_EQ(test, 1, personalization_outcome(&blank, &fx->v));
	persocard_card_destroy(&blank);
}

static struct kunit_case persocard_chip_cases[] = {
	KUNIT_CASE(test_chip_write_counts_pages),
	KUNIT_CASE(test_chip_cut_tears_page),
	KUNIT_CASE(test_chip_rejects_bad_geometry),
	KUNIT_CASE(test_record_alternates_and_survives_tearing),
	KUNIT_CASE(test_sweep_payment),
	KUNIT_CASE(test_sweep_sim),
	KUNIT_CASE(test_sweep_identity),
	KUNIT_CASE(test_sweep_verify_wrong),
	KUNIT_CASE(test_sweep_verify_right),
	KUNIT_CASE(test_sweep_maker_setting),
	KUNIT_CASE(test_sweep_factory_reset),
	KUNIT_CASE(test_sweep_init_update),
	KUNIT_CASE(test_sweep_ext_auth_wrong),
	{}
};

static struct kunit_suite persocard_chip_suite = {
	.name = "persocard_chip",
	.test_cases = persocard_chip_cases,
};

static struct kunit_case persocard_image_cases[] = {
	KUNIT_CASE(test_image_round_trip_rolls_back),
	KUNIT_CASE(test_image_bad_images_refused),
	KUNIT_CASE(test_image_other_geometry_refused),
	KUNIT_CASE(test_image_fresh_card_adopts),
	{}
};

static struct kunit_suite persocard_image_suite = {
	.name = "persocard_image",
	.init = image_test_init,
	.exit = image_test_exit,
	.test_cases = persocard_image_cases,
};

kunit_test_suites(&persocard_chip_suite, &persocard_image_suite);
