// SPDX-License-Identifier: GPL-2.0
/*
 * A concurrent run on many cards, checking every card's invariants as it
 * goes. TAP on stdout; operations per kind and the duration at the end.
 *
 *   stress [-t SECONDS] [-w WORKERS] [-c CARDS_PER_WORKER] [-d DATADIR]
 *
 * Each worker thread owns its cards and keeps a model of each (state,
 * tries, try limit, serial), so that every answer can be checked:
 * personalizations of each profile, wrong and right codes, RESETs,
 * presence changes (sysfs present), power cuts (debugfs power_cut) and
 * power-up, factory resets, maker settings, SAVE and RESTORE. Beside
 * them: a thread making and removing cards through configfs, one trying
 * to unload the module (it must refuse while cards are open), and one
 * sending the real ioctl numbers with random arguments to a card of its
 * own. The invariants: the state is valid; BLOCKED iff no try is left;
 * the try counter never rises except to the limit after a right code
 * (or by a factory reset or a RESTORE); after a cut and power-up the
 * card is wholly before or wholly after; a PERSONALIZED card answers its
 * public values byte for byte; nothing is lost: every card made is there,
 * with its serial, until removed.
 *
 * Needs root, debugfs, configfs and persocard under /lib/modules; loads
 * the module and unloads it at the end. SAVE and RESTORE and the power
 * cuts run when the module offers them (PERSOCARD_CAP_IMAGE).
 */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libpersocard.h>
#include <persocard-maker.h>

#include "../lib/tap.h"
#include "card_util.h"

enum op {
	OP_PERSONALIZE, OP_WRONG_CODE, OP_RIGHT_CODE, OP_RESET, OP_PRESENCE,
	OP_POWER_CUT, OP_FACTORY_RESET, OP_SETTING, OP_SAVE_RESTORE, OP_CHECK,
	OP_CONFIGFS_CREATE, OP_CONFIGFS_REMOVE, OP_UNLOAD_REFUSED, OP_JUNK,
	NR_OPS,
};

static const char *const op_names[NR_OPS] = {
	"personalize", "wrong-code", "right-code", "reset", "presence",
	"power-cut", "factory-reset", "try_limit", "save-restore", "check",
	"configfs-create", "configfs-remove", "unload-refused", "junk-ioctl",
};

static atomic_ulong op_count[NR_OPS];
static atomic_ulong cuts_before, cuts_after, cuts_missed;
static atomic_uint violations;
static atomic_bool stop;
static bool have_image, have_cut;
static unsigned int nvm_size;
static const char *datadir = "examples";
static pthread_mutex_t diag_lock = PTHREAD_MUTEX_INITIALIZER;

/* A broken invariant: counted, and the first ones told. */
static void violation(unsigned int index, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void violation(unsigned int index, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	if (atomic_fetch_add(&violations, 1) >= 40)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pthread_mutex_lock(&diag_lock);
	diag("persocard%u: %s", index, msg);
	pthread_mutex_unlock(&diag_lock);
}

struct model {
	unsigned int index;
	unsigned int profile;		/* index into profile_names */
	struct persocard_card *card;
	struct persocard_datafile *df;	/* the worker's own copy */
	unsigned int state, tries, limit;
	uint64_t serial;
};

struct worker {
	unsigned int id, nr;
	struct model *cards;
	struct persocard_datafile *df[NR_PROFILES];
	unsigned int seed;
};

static unsigned int rnd(unsigned int *seed, unsigned int n)
{
	return n ? (unsigned int)rand_r(seed) % n : 0;
}

/* Compare the card with its model; the model follows what is legal. */
static void check_card(struct model *m, bool values)
{
	struct card_st st;
	char serial[32], want[32];

	if (card_status(m->card, &st)) {
		violation(m->index, "GET STATUS failed: %s", strerror(errno));
		return;
	}
	if (st.state < PERSOCARD_STATE_SEMI_FINISHED ||
	    st.state > PERSOCARD_STATE_BLOCKED)
		violation(m->index, "invalid state %u", st.state);
	if ((st.state == PERSOCARD_STATE_BLOCKED) != (st.tries_left == 0))
		violation(m->index, "state %u with %u tries", st.state,
			  st.tries_left);
	if (st.tries_left > m->tries)
		violation(m->index, "tries rose from %u to %u", m->tries,
			  st.tries_left);
	if (st.state != m->state || st.tries_left != m->tries ||
	    st.try_limit != m->limit || st.serial != m->serial)
		violation(m->index, "state %u tries %u/%u, the model says %u %u/%u%s",
			  st.state, st.tries_left, st.try_limit, m->state,
			  m->tries, m->limit,
			  st.serial != m->serial ? ", and another serial" : "");
	/* sysfs must tell the same card: it is there, with its serial. */
	snprintf(want, sizeof(want), "%016llx\n", (unsigned long long)st.serial);
	if (card_file_read(m->index, SYSFS_DIR, "serial", serial,
			   sizeof(serial)) < 0 || strcmp(serial, want))
		violation(m->index, "sysfs serial differs from GET STATUS's");
	if (values && st.state == PERSOCARD_STATE_PERSONALIZED &&
	    check_values(m->card, m->df))
		violation(m->index, "a public value reads back wrong");
	/* Follow the card where the model could not know better. */
	m->state = st.state;
	m->tries = st.tries_left;
	m->limit = st.try_limit;
	m->serial = st.serial;
}

static void model_reload(struct model *m)
{
	struct card_st st;

	if (!card_status(m->card, &st)) {
		m->state = st.state;
		m->tries = st.tries_left;
		m->limit = st.try_limit;
		m->serial = st.serial;
	}
}

static void op_personalize(struct model *m)
{
	if (personalize_df(m->card, m->df, NULL, NULL))
		violation(m->index, "personalization failed: %s, SW %04X",
			  strerror(errno), persocard_card_last_sw(m->card));
	else {
		/* Its right code gave the counter back its limit. */
		m->state = PERSOCARD_STATE_PERSONALIZED;
		m->tries = m->limit;
	}
	check_card(m, true);
}

static void op_wrong_code(struct model *m)
{
	unsigned int tries = 0;

	if (persocard_card_enable(m->card)) {
		violation(m->index, "ENABLE refused: SW %04X",
			  persocard_card_last_sw(m->card));
		return;
	}
	if (persocard_card_verify(m->card, wrong_code, DEFAULT_CODE_LEN,
				  &tries) == 0 ||
	    (persocard_card_last_sw(m->card) & 0xFFF0) != 0x63C0 ||
	    tries != m->tries - 1)
		violation(m->index, "wrong code: SW %04X, %u tries after %u",
			  persocard_card_last_sw(m->card), tries, m->tries);
	m->tries--;
	if (!m->tries)
		m->state = PERSOCARD_STATE_BLOCKED;
	persocard_card_reset(m->card);
	check_card(m, false);
}

static void op_right_code(struct model *m)
{
	unsigned int tries = 0;

	if (persocard_card_enable(m->card) ||
	    persocard_card_verify(m->card, default_code, DEFAULT_CODE_LEN,
				  &tries) || tries != m->limit)
		violation(m->index, "right code: SW %04X, %u tries",
			  persocard_card_last_sw(m->card), tries);
	m->tries = m->limit;
	persocard_card_reset(m->card);
	check_card(m, false);
}

static void op_reset(struct model *m)
{
	if (persocard_card_reset(m->card))
		violation(m->index, "RESET: %s", strerror(errno));
	check_card(m, false);
}

static void op_presence(struct model *m)
{
	struct card_st st;

	if (set_present(m->index, false)) {
		violation(m->index, "present 0: %s", strerror(errno));
		return;
	}
	if (card_status(m->card, &st) == 0 || errno != ENODEV)
		violation(m->index, "an absent card answered GET STATUS");
	if (set_present(m->index, true))
		violation(m->index, "present 1: %s", strerror(errno));
	check_card(m, false);
}

static void op_factory_reset(struct model *m)
{
	struct card_st st;

	if (persocard_maker_factory_reset(m->index) ||
	    persocard_maker_set_profile(m->index, profile_names[m->profile])) {
		violation(m->index, "factory reset: %s", strerror(errno));
		model_reload(m);
		return;
	}
	if (card_status(m->card, &st) || st.serial == m->serial ||
	    st.state != PERSOCARD_STATE_SEMI_FINISHED ||
	    st.tries_left != st.try_limit)
		violation(m->index, "after a factory reset: state %u, tries %u/%u%s",
			  st.state, st.tries_left, st.try_limit,
			  st.serial == m->serial ? ", same serial" : "");
	m->serial = st.serial;
	m->state = PERSOCARD_STATE_SEMI_FINISHED;
	m->tries = m->limit = st.try_limit;
	check_card(m, false);
}

/* A maker setting on a fresh card: the try limit. */
static void op_setting(struct model *m, unsigned int *seed)
{
	unsigned int limit = 1 + rnd(seed, PERSOCARD_TRY_LIMIT_MAX);
	char fresh[8];

	card_file_read(m->index, SYSFS_DIR, "fresh", fresh, sizeof(fresh));
	if (fresh[0] != '1')
		return;
	if (persocard_maker_set_try_limit(m->index, limit)) {
		violation(m->index, "try_limit %u: %s", limit, strerror(errno));
		return;
	}
	m->limit = m->tries = limit;
	check_card(m, false);
}

/* Power up by RESET or by sysfs present, whichever. */
static int power_up(struct model *m, unsigned int *seed)
{
	return rnd(seed, 2) ? persocard_card_reset(m->card) :
			      set_present(m->index, true);
}

/*
 * Cut the power somewhere in a personalization, a wrong code or a
 * factory reset; power up; the card must be wholly before or after.
 */
static void op_power_cut(struct model *m, unsigned int *seed)
{
	unsigned int kind = m->state == PERSOCARD_STATE_SEMI_FINISHED ?
			    rnd(seed, 3) : 2;
	unsigned int tries;
	struct model was = *m;
	struct card_st st;
	int ret;

	/* With one try left a cut between VERIFY's decrement and its
	 * restore leaves the card BLOCKED, rightly: keep to factory resets. */
	if (m->tries == 1)
		kind = 2;
	if (power_cut_arm(m->index, rnd(seed, kind == 0 ? 12 : 2),
			  rnd(seed, 65))) {
		violation(m->index, "power_cut: %s", strerror(errno));
		return;
	}
	errno = 0;
	if (kind == 0) {
		ret = personalize_df(m->card, m->df, NULL, NULL);
	} else if (kind == 1) {
		ret = persocard_card_enable(m->card);
		if (!ret)
			ret = persocard_card_verify(m->card, wrong_code,
						    DEFAULT_CODE_LEN, &tries);
	} else {
		ret = persocard_maker_factory_reset(m->index);
	}
	if (errno != ENODEV) {
		/* The cut was set beyond what the action wrote. */
		power_cut_off(m->index);
		atomic_fetch_add(&cuts_missed, 1);
		persocard_card_reset(m->card);
		if (kind == 2)
			persocard_maker_set_profile(m->index,
						    profile_names[m->profile]);
		model_reload(m);
		check_card(m, kind == 0);
		(void)ret;
		return;
	}
	if (power_up(m, seed)) {
		violation(m->index, "power-up: %s", strerror(errno));
		return;
	}
	if (card_status(m->card, &st)) {
		violation(m->index, "GET STATUS after power-up: %s",
			  strerror(errno));
		return;
	}
	/* A personalization's right code may have put the limit back. */
	if (st.tries_left > was.tries && kind != 2 &&
	    !(kind == 0 && st.tries_left == st.try_limit))
		violation(m->index, "a cut gained a try: %u -> %u", was.tries,
			  st.tries_left);
	if (st.state == was.state && st.serial == was.serial &&
	    (st.tries_left <= was.tries ||
	     (kind == 0 && st.tries_left == st.try_limit))) {
		atomic_fetch_add(&cuts_before, 1);
	} else if ((kind == 0 && st.state == PERSOCARD_STATE_PERSONALIZED) ||
		   (kind == 1 && st.tries_left == was.tries - 1) ||
		   (kind == 2 && st.state == PERSOCARD_STATE_SEMI_FINISHED &&
		    st.serial != was.serial)) {
		atomic_fetch_add(&cuts_after, 1);
	} else {
		violation(m->index, "cut (%u): neither before nor after: state %u->%u tries %u->%u",
			  kind, was.state, st.state, was.tries, st.tries_left);
	}
	if (kind == 2 && st.serial != was.serial)
		persocard_maker_set_profile(m->index, profile_names[m->profile]);
	m->state = st.state;
	m->tries = st.tries_left;
	m->limit = st.try_limit;
	m->serial = st.serial;
	check_card(m, true);
}

/* SAVE; change the card (a factory reset or a wrong code); RESTORE. */
static void op_save_restore(struct model *m, unsigned int *seed)
{
	uint32_t size = PERSOCARD_IMAGE_SIZE(nvm_size), len = 0;
	uint8_t *img = malloc(size);
	struct model saved = *m;

	if (!img)
		return;
	if (image_ioctl(m->card, PERSOCARD_IOC_SAVE, img, size, &len)) {
		violation(m->index, "SAVE: %s", strerror(errno));
		goto out;
	}
	if (m->state == PERSOCARD_STATE_SEMI_FINISHED && m->tries > 1 &&
	    rnd(seed, 2))
		op_wrong_code(m);
	else
		op_factory_reset(m);
	if (image_ioctl(m->card, PERSOCARD_IOC_RESTORE, img, len, NULL)) {
		violation(m->index, "RESTORE: %s", strerror(errno));
		model_reload(m);
		goto out;
	}
	/* The image's card again, tries and all: they may rise here. */
	m->state = saved.state;
	m->tries = saved.tries;
	m->limit = saved.limit;
	m->serial = saved.serial;
	check_card(m, true);
out:
	free(img);
}

static void *worker_main(void *arg)
{
	struct worker *w = arg;

	while (!atomic_load(&stop)) {
		struct model *m = &w->cards[rnd(&w->seed, w->nr)];
		bool blank = m->state == PERSOCARD_STATE_SEMI_FINISHED;
		enum op op = rnd(&w->seed, OP_CHECK + 1);

		switch (op) {
		case OP_PERSONALIZE:
		case OP_WRONG_CODE:
		case OP_RIGHT_CODE:
		case OP_SETTING:
			if (!blank)
				op = OP_FACTORY_RESET;
			break;
		case OP_POWER_CUT:
			if (!have_cut)
				op = OP_CHECK;
			break;
		case OP_SAVE_RESTORE:
			if (!have_image)
				op = OP_CHECK;
			break;
		default:
			break;
		}
		switch (op) {
		case OP_PERSONALIZE:	op_personalize(m); break;
		case OP_WRONG_CODE:	op_wrong_code(m); break;
		case OP_RIGHT_CODE:	op_right_code(m); break;
		case OP_RESET:		op_reset(m); break;
		case OP_PRESENCE:	op_presence(m); break;
		case OP_POWER_CUT:	op_power_cut(m, &w->seed); break;
		case OP_FACTORY_RESET:	op_factory_reset(m); break;
		case OP_SETTING:	op_setting(m, &w->seed); break;
		case OP_SAVE_RESTORE:	op_save_restore(m, &w->seed); break;
		default:		check_card(m, true); op = OP_CHECK; break;
		}
		atomic_fetch_add(&op_count[op], 1);
	}
	return NULL;
}

/* Cards made and removed through configfs; all there until removed. */
#define CFS_LIVE	6

static void *configfs_main(void *arg)
{
	struct persocard_maker_card *live[CFS_LIVE] = { NULL };
	struct persocard_datafile *df[NR_PROFILES];
	unsigned int seed = 77, n = 0, i;
	char name[32];

	(void)arg;
	for (i = 0; i < NR_PROFILES; i++)
		df[i] = load_datafile(datadir, profile_names[i]);
	while (!atomic_load(&stop)) {
		unsigned int slot = n % CFS_LIVE;
		unsigned int profile = rnd(&seed, NR_PROFILES);
		struct persocard_maker_card *mc;
		struct persocard_card *card;
		int index;

		if (live[slot]) {
			if (persocard_maker_card_remove(live[slot]))
				violation(999, "configfs remove: %s",
					  strerror(errno));
			persocard_maker_card_free(live[slot]);
			live[slot] = NULL;
			atomic_fetch_add(&op_count[OP_CONFIGFS_REMOVE], 1);
		}
		snprintf(name, sizeof(name), "stress%u", n++);
		mc = persocard_maker_card_new(name);
		if (!mc || persocard_maker_card_set_profile(mc, profile_names[profile]) ||
		    persocard_maker_card_enable(mc)) {
			violation(999, "configfs card %s: %s", name, strerror(errno));
			if (mc) {
				persocard_maker_card_remove(mc);
				persocard_maker_card_free(mc);
			}
			continue;
		}
		live[slot] = mc;
		atomic_fetch_add(&op_count[OP_CONFIGFS_CREATE], 1);
		index = persocard_maker_card_index(mc);
		card = index >= 0 ? persocard_card_open_index(index) : NULL;
		if (!card) {
			violation(index, "configfs card %s does not open", name);
			continue;
		}
		if (df[profile] && (personalize_df(card, df[profile], NULL, NULL) ||
				    check_values(card, df[profile])))
			violation(index, "configfs card %s: personalization: SW %04X",
				  name, persocard_card_last_sw(card));
		persocard_card_close(card);
		/* Nothing lost: every card made and not removed is live. */
		for (i = 0; i < CFS_LIVE; i++)
			if (live[i] && persocard_maker_card_is_live(live[i]) != 1)
				violation(999, "configfs card %s is gone",
					  persocard_maker_card_name(live[i]));
	}
	for (i = 0; i < CFS_LIVE; i++)
		if (live[i]) {
			if (persocard_maker_card_remove(live[i]))
				violation(999, "configfs remove at the end: %s",
					  strerror(errno));
			else
				atomic_fetch_add(&op_count[OP_CONFIGFS_REMOVE], 1);
			persocard_maker_card_free(live[i]);
		}
	for (i = 0; i < NR_PROFILES; i++)
		if (df[i])
			persocard_datafile_free(df[i]);
	return NULL;
}

/* The module must refuse to go while its cards are open. */
static void *unload_main(void *arg)
{
	(void)arg;
	while (!atomic_load(&stop)) {
		if (persocard_maker_module_unload(NULL) == 0) {
			violation(0, "the module unloaded with cards open");
			atomic_store(&stop, true);
			break;
		}
		if (errno != EBUSY)
			violation(0, "unload: %s, not EBUSY", strerror(errno));
		atomic_fetch_add(&op_count[OP_UNLOAD_REFUSED], 1);
		usleep(200000);
	}
	return NULL;
}

/* The real ioctl numbers, random arguments, on a card of its own. */
static void *junk_main(void *arg)
{
	static const unsigned long cmds[] = {
		PERSOCARD_IOC_ENABLE, PERSOCARD_IOC_VERIFY, PERSOCARD_IOC_PUT,
		PERSOCARD_IOC_LOCK, PERSOCARD_IOC_RESET, PERSOCARD_IOC_STATUS,
		PERSOCARD_IOC_GET_DATA, PERSOCARD_IOC_INFO,
		PERSOCARD_IOC_PROFILE, PERSOCARD_IOC_TRANSMIT,
		PERSOCARD_IOC_SAVE, PERSOCARD_IOC_RESTORE,
	};
	unsigned int index = *(unsigned int *)arg, seed = 4242, i;
	struct persocard_card *card = persocard_card_open_index(index);
	uint64_t arg_buf[64], data[160];
	struct card_st st;

	if (!card) {
		violation(index, "the junk card does not open");
		return NULL;
	}
	while (!atomic_load(&stop)) {
		unsigned long cmd = cmds[rnd(&seed, sizeof(cmds) / sizeof(cmds[0]))];

		for (i = 0; i < 64; i++)
			arg_buf[i] = ((uint64_t)rand_r(&seed) << 33) ^ rand_r(&seed);
		for (i = 0; i < 160; i++)
			data[i] = ((uint64_t)rand_r(&seed) << 33) ^ rand_r(&seed);
		/* Mostly zero reserved fields, small lengths, real buffers. */
		if (rnd(&seed, 4)) {
			memset((uint8_t *)arg_buf + 8, 0, 256 - 8);
			arg_buf[0] = (uintptr_t)data;
			((uint32_t *)arg_buf)[2] = rnd(&seed, 40);
			((uint32_t *)arg_buf)[3] = rnd(&seed, 2) ? sizeof(data) : 0;
			if (cmd == PERSOCARD_IOC_TRANSMIT) {
				arg_buf[1] = (uintptr_t)(data + 80);
				((uint32_t *)arg_buf)[4] = 4 + rnd(&seed, 60);
				((uint32_t *)arg_buf)[5] = rnd(&seed, 700);
				((uint8_t *)data)[0] = rnd(&seed, 2) ? 0x80 : 0x90;
			}
		}
		/* Any size in the number: the dispatcher must cope. */
		if (!rnd(&seed, 8))
			cmd = (cmd & ~(_IOC_SIZEMASK << _IOC_SIZESHIFT)) |
			      ((unsigned long)rnd(&seed, 256) << _IOC_SIZESHIFT);
		ioctl(persocard_card_fd(card), cmd, arg_buf);
		atomic_fetch_add(&op_count[OP_JUNK], 1);
		if (card_status(card, &st) == 0) {
			if ((st.state == PERSOCARD_STATE_BLOCKED) !=
			    (st.tries_left == 0) ||
			    st.state < PERSOCARD_STATE_SEMI_FINISHED ||
			    st.state > PERSOCARD_STATE_BLOCKED)
				violation(index, "junk: state %u, %u tries",
					  st.state, st.tries_left);
			if (st.state == PERSOCARD_STATE_BLOCKED ||
			    st.state == PERSOCARD_STATE_PERSONALIZED) {
				persocard_card_reset(card);
				persocard_maker_factory_reset(index);
			}
		} else if (errno == ENODEV) {
			/* A junk RESTORE or the like took it: power up. */
			persocard_card_reset(card);
			set_present(index, true);
		}
	}
	persocard_card_close(card);
	return NULL;
}

int main(int argc, char **argv)
{
	unsigned int secs = 60, nr_workers = 4, per = 4, i, j, nr_cards, junk;
	struct timespec t0, t1;
	struct worker *workers;
	pthread_t *tids, cfs_tid, unload_tid, junk_tid;
	char params[64];
	unsigned long total = 0;
	double elapsed;
	unsigned int caps = 0;
	int opt;

	while ((opt = getopt(argc, argv, "t:w:c:d:")) != -1) {
		switch (opt) {
		case 't': secs = strtoul(optarg, NULL, 0); break;
		case 'w': nr_workers = strtoul(optarg, NULL, 0); break;
		case 'c': per = strtoul(optarg, NULL, 0); break;
		case 'd': datadir = optarg; break;
		default:
			fprintf(stderr, "usage: stress [-t SECONDS] [-w WORKERS] [-c CARDS] [-d DATADIR]\n");
			return 2;
		}
	}
	if (!nr_workers || !per || nr_workers * per > 200) {
		fprintf(stderr, "stress: 1 to 200 cards in all\n");
		return 2;
	}
	plan(8);
	nr_cards = nr_workers * per + 1;
	junk = nr_cards - 1;
	persocard_maker_module_unload(NULL);
	snprintf(params, sizeof(params), "nr_cards=%u", nr_cards);
	if (!ok(persocard_maker_module_load("persocard", params) == 0,
		"load persocard with %u cards", nr_cards)) {
		bail_out("cannot load persocard");
		return 1;
	}
	{
		struct persocard_card *c = persocard_card_open_index(0);
		struct persocard_card_info *ci = c ? persocard_card_get_info(c) : NULL;

		if (ci) {
			caps = persocard_card_info_get_caps(ci);
			nvm_size = persocard_card_info_get_nvm_size(ci);
			persocard_card_info_free(ci);
		}
		persocard_card_close(c);
	}
	have_cut = power_cut_supported(0);
	have_image = (caps & PERSOCARD_CAP_IMAGE) && !add_image_key();
	diag("%u workers, %u cards each, %u s; power cuts %s, images %s",
	     nr_workers, per, secs, have_cut ? "on" : "off (no knob)",
	     have_image ? "on" : "off (no PERSOCARD_CAP_IMAGE or no key)");

	workers = calloc(nr_workers, sizeof(*workers));
	tids = calloc(nr_workers, sizeof(*tids));
	for (i = 0; i < nr_workers; i++) {
		struct worker *w = &workers[i];

		w->id = i;
		w->nr = per;
		w->seed = 1000 + i;
		w->cards = calloc(per, sizeof(*w->cards));
		for (j = 0; j < NR_PROFILES; j++)
			w->df[j] = load_datafile(datadir, profile_names[j]);
		for (j = 0; j < per; j++) {
			struct model *m = &w->cards[j];

			m->index = i * per + j;
			m->profile = m->index % NR_PROFILES;
			m->df = w->df[m->profile];
			if (persocard_maker_set_profile(m->index,
							profile_names[m->profile]))
				violation(m->index, "profile: %s", strerror(errno));
			m->card = persocard_card_open_index(m->index);
			if (!m->card || !m->df) {
				bail_out("cannot open a card or read a data file");
				return 1;
			}
			model_reload(m);
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < nr_workers; i++)
		pthread_create(&tids[i], NULL, worker_main, &workers[i]);
	pthread_create(&cfs_tid, NULL, configfs_main, NULL);
	pthread_create(&unload_tid, NULL, unload_main, NULL);
	pthread_create(&junk_tid, NULL, junk_main, &junk);
	for (i = 0; i < secs && !atomic_load(&stop); i++)
		sleep(1);
	atomic_store(&stop, true);
	for (i = 0; i < nr_workers; i++)
		pthread_join(tids[i], NULL);
	pthread_join(cfs_tid, NULL);
	pthread_join(unload_tid, NULL);
	pthread_join(junk_tid, NULL);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	elapsed = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;

	/* Nothing lost: every card, its last serial, a last full check. */
	for (i = 0; i < nr_workers; i++)
		for (j = 0; j < per; j++)
			check_card(&workers[i].cards[j], true);
	ok(atomic_load(&violations) == 0, "every card kept its invariants (%u violations)",
	   atomic_load(&violations));
	ok(op_count[OP_PERSONALIZE] > 0 && op_count[OP_FACTORY_RESET] > 0,
	   "cards were personalized and factory reset");
	ok(op_count[OP_CONFIGFS_CREATE] > 0 &&
	   op_count[OP_CONFIGFS_CREATE] == op_count[OP_CONFIGFS_REMOVE],
	   "every configfs card made was removed (%lu made)",
	   (unsigned long)op_count[OP_CONFIGFS_CREATE]);
	ok(op_count[OP_UNLOAD_REFUSED] > 0, "the module refused to unload %lu times",
	   (unsigned long)op_count[OP_UNLOAD_REFUSED]);
	if (have_cut)
		ok(cuts_before + cuts_after > 0,
		   "power cuts: %lu recovered before, %lu after (%lu set past the action)",
		   (unsigned long)cuts_before, (unsigned long)cuts_after,
		   (unsigned long)cuts_missed);
	else
		skip(1, "no power_cut knob");
	if (have_image)
		ok(op_count[OP_SAVE_RESTORE] > 0, "SAVE and RESTORE ran %lu times",
		   (unsigned long)op_count[OP_SAVE_RESTORE]);
	else
		skip(1, "no SAVE and RESTORE");
	for (i = 0; i < NR_OPS; i++) {
		diag("%-16s %8lu", op_names[i], (unsigned long)op_count[i]);
		total += op_count[i];
	}
	diag("stress: %lu operations in %.1f s (%.0f/s), %u cards + %lu through configfs",
	     total, elapsed, total / elapsed, nr_cards,
	     (unsigned long)op_count[OP_CONFIGFS_CREATE]);
	for (i = 0; i < nr_workers; i++) {
		for (j = 0; j < per; j++)
			persocard_card_close(workers[i].cards[j].card);
		for (j = 0; j < NR_PROFILES; j++)
			persocard_datafile_free(workers[i].df[j]);
		free(workers[i].cards);
	}
	free(workers);
	free(tids);
	ok(persocard_maker_module_unload(NULL) == 0,
	   "persocard unloads once its cards are closed");
	return done();
}
