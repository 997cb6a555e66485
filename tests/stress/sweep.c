// SPDX-License-Identifier: GPL-2.0
/*
 * The power-cut sweep through the devices: for each profile and each
 * action (a whole personalization, VERIFY with a wrong and with a right
 * code, a maker setting, a factory reset), count the NVM program
 * operations the action takes, then for every cut point run it again
 * with the power cut there, power the card up and check it is wholly
 * before or wholly after the action. TAP on stdout, one point per
 * profile and action, and a summary table.
 *
 *   sweep [-q] [-d DATADIR]
 *
 * Cut points: every operation; inside an operation of a commit (LOCK's,
 * and every operation of the other actions, which are one record update
 * or two) every byte from 0 to page_size (page_size: the operation done,
 * the power gone right after); inside the other operations of a
 * personalization the first, middle and last byte. -q (the quick sweep
 * of make check) takes first, middle, last and page_size everywhere.
 * Every cut point starts from the same card: a factory reset draws a new
 * layout secret, and with it a data area of another length, so the card
 * is made once per profile, saved (SAVE), and restored (RESTORE) before
 * each point; the operations then fall where the dry run counted them.
 * Needs root, debugfs, the keyring, and persocard under /lib/modules;
 * loads it with one card of 2 KiB NVM (less to seal at every RESTORE)
 * and unloads it at the end.
 */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libpersocard.h>
#include <persocard-maker.h>

#include "../lib/tap.h"
#include "card_util.h"

#define CARD		0
#define NEW_TRY_LIMIT	5

enum action {
	ACT_PERSONALIZE,
	ACT_VERIFY_WRONG,
	ACT_VERIFY_RIGHT,
	ACT_TRY_LIMIT,
	ACT_FACTORY_RESET,
	NR_ACTIONS,
};

static const char *const action_names[NR_ACTIONS] = {
	"personalize", "verify-wrong", "verify-right", "try_limit",
	"factory-reset",
};

enum outcome { BEFORE, AFTER, OTHER };

struct tally {
	unsigned int ops, tried, before, after, other;
};

static struct tally tallies[NR_PROFILES][NR_ACTIONS];
static unsigned int page_size;
static bool quick;
static uint8_t *base_img;		/* the fresh card of the profile */
static uint32_t base_len;

/* The card of one cut point, and what it was before the action. */
struct point {
	const char *profile;
	struct persocard_datafile *df;
	struct persocard_card *card;
	struct card_st before;
	long ops_before_lock;
};

static void record_pre_lock(const struct persocard_step *step, void *data)
{
	struct point *pt = data;

	if (step->cmd != PERSOCARD_STEP_LOCK)
		pt->ops_before_lock = program_ops(CARD);
}

/* The profile's fresh card, made once and saved as the base image. */
static int make_base(struct point *pt, uint32_t size)
{
	int ret;

	if (persocard_maker_factory_reset(CARD) ||
	    persocard_maker_set_profile(CARD, pt->profile) ||
	    persocard_maker_set_try_limit(CARD, 3)) {
		diag("%s: cannot make a fresh card: %s", pt->profile,
		     strerror(errno));
		return -1;
	}
	/* Opened once: the profile's card for the whole sweep. */
	pt->card = persocard_card_open_index(CARD);
	if (!pt->card)
		return -1;
	ret = image_ioctl(pt->card, PERSOCARD_IOC_SAVE, base_img, size,
			  &base_len);
	if (ret)
		diag("SAVE: %s", strerror(errno));
	return ret;
}

/*
 * The base card again, opened, then brought to where the action starts.
 * Returns 0, or -1 with a diagnostic.
 */
static int prepare(struct point *pt, enum action act)
{
	unsigned int tries;

	/* RESTORE takes no card with a session running: end it. */
	persocard_card_reset(pt->card);
	if (image_ioctl(pt->card, PERSOCARD_IOC_RESTORE, base_img, base_len,
			NULL)) {
		diag("RESTORE of the base card: %s", strerror(errno));
		return -1;
	}
	switch (act) {
	case ACT_VERIFY_RIGHT:
		/* One wrong code first (it ends the session): the right
		 * one must then raise the count. */
		if (persocard_card_enable(pt->card) ||
		    persocard_card_verify(pt->card, wrong_code,
					  DEFAULT_CODE_LEN, &tries) == 0 ||
		    persocard_card_enable(pt->card))
			goto refused;
		break;
	case ACT_VERIFY_WRONG:
		if (persocard_card_enable(pt->card))
			goto refused;
		break;
	case ACT_FACTORY_RESET:
		if (personalize_df(pt->card, pt->df, NULL, NULL))
			goto refused;
		break;
	default:
		break;
	}
	if (card_status(pt->card, &pt->before))
		goto refused;
	return 0;
refused:
	diag("%s %s: setting up failed: %s, SW %04X", pt->profile,
	     action_names[act], strerror(errno),
	     persocard_card_last_sw(pt->card));
	return -1;
}

/* The action itself: 0 if it ran to its end, else -1 and errno. */
static int act_run(struct point *pt, enum action act)
{
	unsigned int tries;

	switch (act) {
	case ACT_PERSONALIZE:
		return personalize_df(pt->card, pt->df, record_pre_lock, pt);
	case ACT_VERIFY_WRONG:
		return persocard_card_verify(pt->card, wrong_code,
					     DEFAULT_CODE_LEN, &tries) ? -1 : 0;
	case ACT_VERIFY_RIGHT:
		return persocard_card_verify(pt->card, default_code,
					     DEFAULT_CODE_LEN, &tries);
	case ACT_TRY_LIMIT:
		return persocard_maker_set_try_limit(CARD, NEW_TRY_LIMIT);
	case ACT_FACTORY_RESET:
		return persocard_maker_factory_reset(CARD);
	default:
		return -1;
	}
}

/* The wrong code is refused (63Cx): that is its normal end. */
static bool act_ended(enum action act, int ret, struct persocard_card *card)
{
	if (act == ACT_VERIFY_WRONG)
		return ret == -1 && errno == EREMOTEIO &&
		       (persocard_card_last_sw(card) & 0xFFF0) ==
		       PERSOCARD_SW_VERIFY_FAILED;
	return ret == 0;
}

static bool get_data_refused(struct point *pt)
{
	uint8_t buf[PERSOCARD_VALUE_MAX_LEN];
	size_t i, n = persocard_datafile_get_nr_elements(pt->df);

	for (i = 0; i < n; i++) {
		const struct persocard_tag *tag =
			persocard_datafile_get_tag(pt->df, i);

		if (!tag || persocard_tag_is_secret(tag))
			continue;
		return persocard_card_read(pt->card, persocard_tag_get_tag(tag),
					   buf, sizeof(buf)) < 0 &&
		       persocard_card_last_sw(pt->card) ==
		       PERSOCARD_SW_CONDITIONS;
	}
	return false;
}

static enum outcome classify(struct point *pt, enum action act)
{
	const struct card_st *b = &pt->before;
	struct card_st st;
	char fresh[8];

	if (card_status(pt->card, &st)) {
		diag("GET STATUS after power-up: %s", strerror(errno));
		return OTHER;
	}
	if (st.tries_left > st.try_limit ||
	    (st.state == PERSOCARD_STATE_BLOCKED) != (st.tries_left == 0))
		return OTHER;
	switch (act) {
	case ACT_PERSONALIZE:
		if (st.state == PERSOCARD_STATE_SEMI_FINISHED &&
		    st.tries_left <= b->tries_left && get_data_refused(pt))
			return BEFORE;
		if (st.state == PERSOCARD_STATE_PERSONALIZED &&
		    !check_values(pt->card, pt->df))
			return AFTER;
		break;
	case ACT_VERIFY_WRONG:
		if (st.state != PERSOCARD_STATE_SEMI_FINISHED)
			break;
		if (st.tries_left == b->tries_left)
			return BEFORE;
		if (st.tries_left == b->tries_left - 1)
			return AFTER;
		break;
	case ACT_VERIFY_RIGHT:
		/* Decrement-first: a count one lower is still "before". */
		if (st.state != PERSOCARD_STATE_SEMI_FINISHED)
			break;
		if (st.tries_left <= b->tries_left)
			return BEFORE;
		if (st.tries_left == st.try_limit)
			return AFTER;
		break;
	case ACT_TRY_LIMIT:
		if (st.try_limit == b->try_limit && st.tries_left == b->tries_left)
			return BEFORE;
		if (st.try_limit == NEW_TRY_LIMIT && st.tries_left == NEW_TRY_LIMIT)
			return AFTER;
		break;
	case ACT_FACTORY_RESET:
		if (st.state == PERSOCARD_STATE_PERSONALIZED &&
		    st.serial == b->serial && !check_values(pt->card, pt->df))
			return BEFORE;
		card_file_read(CARD, SYSFS_DIR, "fresh", fresh, sizeof(fresh));
		if (st.state == PERSOCARD_STATE_SEMI_FINISHED &&
		    st.serial != b->serial && fresh[0] == '1' &&
		    st.tries_left == st.try_limit && get_data_refused(pt))
			return AFTER;
		break;
	default:
		break;
	}
	diag("%s %s: after power-up state %u, tries %u of %u (before: state %u, tries %u of %u)",
	     pt->profile, action_names[act], st.state, st.tries_left,
	     st.try_limit, b->state, b->tries_left, b->try_limit);
	return OTHER;
}

/* How the action's card comes back: RESET, or sysfs present 1. */
static int power_up(struct point *pt, enum action act)
{
	char present[8];

	card_file_read(CARD, SYSFS_DIR, "present", present, sizeof(present));
	if (present[0] != '0') {
		diag("after the cut the card is still present");
		return -1;
	}
	if (act == ACT_TRY_LIMIT || act == ACT_FACTORY_RESET)
		return set_present(CARD, true);
	return persocard_card_reset(pt->card);
}

/* One cut point. */
static enum outcome cut_at(struct point *pt, enum action act,
			   unsigned int op, unsigned int bytes)
{
	enum outcome res = OTHER;
	int ret;

	if (prepare(pt, act))
		return OTHER;
	if (power_cut_arm(CARD, op, bytes)) {
		diag("cannot arm the power cut: %s", strerror(errno));
		goto out;
	}
	errno = 0;
	ret = act_run(pt, act);
	if (ret == 0 || errno != ENODEV) {
		diag("%s %s: cut %u %u did not take the power (ret %d, %s)",
		     pt->profile, action_names[act], op, bytes, ret,
		     strerror(errno));
		power_cut_off(CARD);
		goto out;
	}
	if (power_up(pt, act)) {
		diag("%s %s: power-up after cut %u %u failed: %s",
		     pt->profile, action_names[act], op, bytes, strerror(errno));
		goto out;
	}
	res = classify(pt, act);
	if (res == OTHER)
		diag("  at cut %u %u", op, bytes);
out:
	return res;
}

/* The action without a cut: its operations, and the first of LOCK's. */
static int dry_run(struct point *pt, enum action act, unsigned int *ops,
		   unsigned int *first_full)
{
	long start, end;
	int ret;

	if (prepare(pt, act))
		return -1;
	pt->ops_before_lock = -1;
	start = program_ops(CARD);
	ret = act_run(pt, act);
	end = program_ops(CARD);
	if (!act_ended(act, ret, pt->card) || start < 0 || end < start) {
		diag("%s %s without a cut: ret %d, %s, SW %04X, ops %ld..%ld",
		     pt->profile, action_names[act], ret, strerror(errno),
		     persocard_card_last_sw(pt->card), start, end);
		return -1;
	}
	*ops = end - start;
	*first_full = 0;
	if (act == ACT_PERSONALIZE)
		*first_full = pt->ops_before_lock - start;
	return 0;
}

static void sweep(unsigned int p, enum action act, struct point *pt)
{
	struct tally *t = &tallies[p][act];
	unsigned int ops, first_full, op, k;
	unsigned int few[4] = { 0, page_size / 2, page_size - 1, page_size };

	if (dry_run(pt, act, &ops, &first_full)) {
		ok(0, "%s %s: the action runs without a cut", pt->profile,
		   action_names[act]);
		return;
	}
	t->ops = ops;
	for (op = 0; op < ops; op++) {
		bool full = !quick && op >= first_full;
		unsigned int n = full ? page_size + 1 : (quick ? 4 : 3);

		for (k = 0; k < n; k++) {
			enum outcome res = cut_at(pt, act, op, full ? k : few[k]);

			t->tried++;
			if (res == BEFORE)
				t->before++;
			else if (res == AFTER)
				t->after++;
			else
				t->other++;
		}
	}
	ok(t->tried && t->before && t->after && !t->other,
	   "%s %s: %u operations, %u cut points, %u recovered before, %u after, %u other",
	   pt->profile, action_names[act], t->ops, t->tried, t->before,
	   t->after, t->other);
}

int main(int argc, char **argv)
{
	const char *datadir = "examples";
	struct timespec t0, t1;
	unsigned int p, a, total = 0, other = 0;
	uint32_t img_size = 0;
	int opt;

	while ((opt = getopt(argc, argv, "qd:")) != -1) {
		switch (opt) {
		case 'q':
			quick = true;
			break;
		case 'd':
			datadir = optarg;
			break;
		default:
			fprintf(stderr, "usage: sweep [-q] [-d DATADIR]\n");
			return 2;
		}
	}
	plan(3 + NR_PROFILES * NR_ACTIONS);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	persocard_maker_module_unload(NULL);
	if (!ok(persocard_maker_module_load("persocard", "nr_cards=1 nvm_size=2048") == 0,
		"load persocard with one card")) {
		bail_out("cannot load persocard");
		return 1;
	}
	if (!power_cut_supported(CARD)) {
		skip(1 + NR_PROFILES * NR_ACTIONS, "no power_cut knob in debugfs");
		goto unload;
	}
	page_size = chip_value(CARD, "page_size");
	{
		struct persocard_card *c = persocard_card_open_index(CARD);
		struct persocard_card_info *ci = c ? persocard_card_get_info(c) : NULL;

		if (ci) {
			img_size = PERSOCARD_IMAGE_SIZE(persocard_card_info_get_nvm_size(ci));
			persocard_card_info_free(ci);
		}
		persocard_card_close(c);
	}
	base_img = img_size ? malloc(img_size) : NULL;
	if (!ok(base_img && !add_image_key(), "a logon key for the base images")) {
		skip(NR_PROFILES * NR_ACTIONS, "no base image");
		goto unload;
	}
	diag("page size %u, %s sweep", page_size, quick ? "quick" : "full");
	for (p = 0; p < NR_PROFILES; p++) {
		struct point pt = { .profile = profile_names[p] };

		pt.df = load_datafile(datadir, pt.profile);
		if (pt.df && make_base(&pt, img_size)) {
			persocard_card_close(pt.card);
			pt.card = NULL;
			persocard_datafile_free(pt.df);
			pt.df = NULL;
		}
		for (a = 0; a < NR_ACTIONS; a++) {
			if (pt.df)
				sweep(p, a, &pt);
			else
				ok(0, "%s %s: no data file or base card",
				   pt.profile, action_names[a]);
		}
		if (pt.df)
			persocard_datafile_free(pt.df);
		persocard_card_close(pt.card);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	diag("%-9s %-14s %5s %6s %6s %6s %6s", "profile", "action", "ops",
	     "tried", "before", "after", "other");
	for (p = 0; p < NR_PROFILES; p++)
		for (a = 0; a < NR_ACTIONS; a++) {
			struct tally *t = &tallies[p][a];

			diag("%-9s %-14s %5u %6u %6u %6u %6u", profile_names[p],
			     action_names[a], t->ops, t->tried, t->before,
			     t->after, t->other);
			total += t->tried;
			other += t->other;
		}
	diag("sweep: %u cut points in %.1f s, %u neither before nor after",
	     total, (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9,
	     other);
unload:
	free(base_img);
	ok(persocard_maker_module_unload(NULL) == 0, "persocard unloads");
	return done();
}
