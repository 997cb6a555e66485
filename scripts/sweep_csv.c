// SPDX-License-Identifier: GPL-2.0
/*
 * The power-cut sweep of personalization as CSV, run on the card OS's own
 * code: module/cardos/ is linked in, built over the fuzzers' shim of the
 * kernel headers (tests/fuzz/shim/), as tests/kunit/nvm_test.c sweeps it
 * in the kernel. For each profile, a clean run counts the program
 * operations and where LOCK's begin; then a card is cut at each one,
 * after 0 to a page of bytes (every count in LOCK's operations, a sample
 * before), powered up and classed:
 *
 *   before  SEMI_FINISHED, nothing stored
 *   after   PERSONALIZED with every value
 *   other   anything else: a transaction broken
 *
 *   sweep_csv > sweep.csv
 *
 * Lines "profile,op,units,cut_index,outcome", cut_index counting the cut
 * points of a profile from 0; before each profile's lines a comment
 * "# profile,ops,lock_from,commit_op,commit_units" places LOCK's
 * operations and its commit point, the record's last byte. Cards are made
 * from fixed seeds: the output is the same on every run.
 */
#include <stdio.h>
#include <stdlib.h>

#include "harness.h"
#include "record.h"

#define NVM_SIZE	4096
#define PAGE		64
#define TRY_LIMIT	3

static const u8 code[] = { '1', '2', '3', '4' };
static const int owner_file;
#define OWNER	(&owner_file)

struct values {
	u8 value[PERSOCARD_MAX_TAGS][PERSOCARD_VALUE_MAX_LEN];
	size_t len[PERSOCARD_MAX_TAGS];
};

enum outcome { BEFORE, AFTER, OTHER };

static const char *const outcome_names[] = { "before", "after", "other" };

/* The same seed, the same NVM noise and secret: a card like the last. */
static void make_card(struct persocard_card *card, u32 profile_id)
{
	struct persocard_config config = {
		.profile = persocard_profile_by_id(profile_id),
		.code = code,
		.code_len = sizeof(code),
		.try_limit = TRY_LIMIT,
		.nvm_size = NVM_SIZE,
		.page_size = PAGE,
	};
	u8 secret[PERSOCARD_SECRET_LEN];

	memset(card, 0, sizeof(*card));
	memset(secret, 0x5a, sizeof(secret));
	kshim_seed(profile_id);
	if (persocard_card_init(card, &config, secret, 0x5000 + profile_id)) {
		fprintf(stderr, "sweep_csv: cannot make a card\n");
		exit(1);
	}
}

/* ENABLE, VERIFY, a PUT of every element; false at a refusal or cut. */
static bool stage_all(struct persocard_card *card, const struct values *v)
{
	const struct persocard_profile *profile = card->profile;
	unsigned int i;
	u8 tries;

	if (persocard_enable(card, OWNER) != PERSOCARD_SW_OK ||
	    persocard_verify(card, OWNER, code, sizeof(code), &tries) !=
	    PERSOCARD_SW_OK)
		return false;
	for (i = 0; i < profile->nr_elements; i++)
		if (persocard_put(card, OWNER, profile->elements[i].tag,
				  v->value[i], v->len[i]) != PERSOCARD_SW_OK)
			return false;
	return true;
}

static u16 lock(struct persocard_card *card)
{
	u16 missing[PERSOCARD_MAX_TAGS], nr;

	return persocard_lock(card, OWNER, missing, &nr);
}

/* Wholly before, wholly after, or neither: what GET DATA shows. */
static enum outcome classify(struct persocard_card *card,
			     const struct values *v)
{
	const struct persocard_profile *profile = card->profile;
	static u8 value[PERSOCARD_VALUE_MAX_LEN];
	unsigned int i;
	u16 len, sw;

	switch (persocard_state(card)) {
	case PERSOCARD_STATE_SEMI_FINISHED:
		/* VERIFY counts a try before it checks: one may be spent. */
		if (persocard_tries_left(card) > TRY_LIMIT)
			return OTHER;
		sw = persocard_get_data(card, profile->elements[0].tag, value,
					&len);
		return sw == PERSOCARD_SW_CONDITIONS ? BEFORE : OTHER;
	case PERSOCARD_STATE_PERSONALIZED:
		if (persocard_tries_left(card) != TRY_LIMIT)
			return OTHER;
		for (i = 0; i < profile->nr_elements; i++) {
			const struct persocard_element *el =
				&profile->elements[i];

			sw = persocard_get_data(card, el->tag, value, &len);
			if (el->flags & PERSOCARD_TAG_SECRET) {
				if (sw != PERSOCARD_SW_SECURITY_STATUS)
					return OTHER;
			} else if (sw != PERSOCARD_SW_OK || len != v->len[i] ||
				   memcmp(value, v->value[i], len)) {
				return OTHER;
			}
		}
		return AFTER;
	default:
		return OTHER;
	}
}

/* Bytes of a cut operation: a sample before LOCK, every count in it. */
static bool next_units(unsigned int op, unsigned int lock_from, u32 *units)
{
	static const u32 sample[] = { 0, 1, PAGE / 2, PAGE - 1, PAGE };
	unsigned int i;

	if (op >= lock_from)
		return ++*units <= PAGE;
	for (i = 0; i + 1 < ARRAY_SIZE(sample); i++)
		if (*units == sample[i]) {
			*units = sample[i + 1];
			return true;
		}
	return false;
}

static void sweep(struct persocard_card *card, u32 profile_id)
{
	const struct persocard_profile *profile =
		persocard_profile_by_id(profile_id);
	static struct values v;
	unsigned int i, op, ops, lock_from, index = 0;
	u64 start;

	for (i = 0; i < profile->nr_elements; i++)
		v.len[i] = fz_valid_value(&profile->elements[i], i, v.value[i]);

	/* A clean run: how many operations, and where LOCK's begin. */
	make_card(card, profile_id);
	start = card->nvm.program_ops;
	if (!stage_all(card, &v)) {
		fprintf(stderr, "sweep_csv: %s: a clean PUT refused\n",
			profile->name);
		exit(1);
	}
	lock_from = card->nvm.program_ops - start;
	if (lock(card) != PERSOCARD_SW_OK || classify(card, &v) != AFTER) {
		fprintf(stderr, "sweep_csv: %s: a clean LOCK failed\n",
			profile->name);
		exit(1);
	}
	ops = card->nvm.program_ops - start;
	persocard_card_destroy(card);

	/* The record, written from a page's start, is LOCK's last write. */
	printf("# %s,%u,%u,%u,%u\n", profile->name, ops, lock_from,
	       ops - 1, (PERSOCARD_RECORD_LEN - 1) % PAGE + 1);
	for (op = 0; op < ops; op++) {
		u32 units = 0;

		do {
			enum outcome outcome = OTHER;

			make_card(card, profile_id);
			persocard_nvm_arm_cut(&card->nvm, op, units);
			if (stage_all(card, &v))
				lock(card);
			/* Still powered: the cut was never reached. */
			if (!persocard_card_powered(card) &&
			    !persocard_power_up(card))
				outcome = classify(card, &v);
			printf("%s,%u,%u,%u,%s\n", profile->name, op, units,
			       index++, outcome_names[outcome]);
			persocard_card_destroy(card);
		} while (next_units(op, lock_from, &units));
	}
}

int main(void)
{
	static const u32 profiles[] = {
		PERSOCARD_PROFILE_PAYMENT,
		PERSOCARD_PROFILE_SIM,
		PERSOCARD_PROFILE_IDENTITY,
	};
	struct persocard_card *card = calloc(1, sizeof(*card));
	unsigned int i;

	if (!card)
		return 1;
	printf("profile,op,units,cut_index,outcome\n");
	for (i = 0; i < ARRAY_SIZE(profiles); i++)
		sweep(card, profiles[i]);
	free(card);
	return fflush(stdout) ? 1 : 0;
}
