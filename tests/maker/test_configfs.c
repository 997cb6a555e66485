// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libpersocard-maker's configfs cards and sysfs settings against the real
 * module. Runs as root in the guest, with configfs mounted at
 * /sys/kernel/config; loads the module with nr_cards=1 and leaves it
 * unloaded.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libpersocard.h>
#include <persocard-maker.h>

#include "maker_check.h"

#define MANY	64

static const unsigned char code5[] = { 1, 2, 3, 4, 5 };

static int dev_exists(int index)
{
	char path[64];

	snprintf(path, sizeof(path), "/dev/persocard%d", index);
	return !access(path, F_OK);
}

static void expect_info(struct persocard_maker_card *card, const char *profile,
			unsigned int nvm_size, unsigned int try_limit, int live,
			const char *what)
{
	struct persocard_maker_info *info;

	info = persocard_maker_card_get_info(card);
	if (!ok(info != NULL, "%s: info", what)) {
		diag("errno %s", errname(errno));
		return;
	}
	is_str(persocard_maker_info_profile(info), profile, "%s: profile",
	       what);
	is_int(persocard_maker_info_nvm_size(info), nvm_size, "%s: nvm_size",
	       what);
	is_int(persocard_maker_info_try_limit(info), try_limit,
	       "%s: try_limit", what);
	is_int(persocard_maker_info_is_live(info), live, "%s: live", what);
	ok((persocard_maker_info_index(info) >= 0) == live &&
	   !persocard_maker_info_dev_path(info) == !live,
	   "%s: index and device only while live", what);
	persocard_maker_info_free(info);
}

static void test_settings(void)
{
	struct persocard_maker_card *card;

	card = persocard_maker_card_new("t1");
	if (!ok(card != NULL, "new t1")) {
		diag("errno %s", errname(errno));
		bail_out("no configfs card");
		persocard_maker_module_unload(NULL);
		exit(1);
	}
	is_str(persocard_maker_card_name(card), "t1", "its name");
	expect_null(persocard_maker_card_new("t1"), EEXIST, "new t1 again");
	expect_null(persocard_maker_card_new("a/b"), EINVAL, "new a/b");
	expect_info(card, "payment", 8192, 3, 0, "defaults");
	is_int(persocard_maker_card_is_live(card), 0, "not live");
	expect_errno(persocard_maker_card_index(card), ENODEV,
		     "the index of a card not live");

	expect_errno(persocard_maker_card_set_profile(card, "bogus"), EINVAL,
		     "profile bogus");
	expect_errno(persocard_maker_card_set_nvm_size(card, 1023), EINVAL,
		     "nvm_size 1023");
	expect_errno(persocard_maker_card_set_nvm_size(card, 65537), EINVAL,
		     "nvm_size 65537");
	expect_errno(persocard_maker_card_set_try_limit(card, 0), EINVAL,
		     "try_limit 0");
	expect_errno(persocard_maker_card_set_try_limit(card, 16), EINVAL,
		     "try_limit 16");
	expect_errno(persocard_maker_card_set_perso_code(card, code5, 3),
		     EINVAL, "a code of 3 bytes");
	expect_info(card, "payment", 8192, 3, 0, "after the refusals");

	expect_zero(persocard_maker_card_set_profile(card, "sim"),
		    "profile sim");
	expect_zero(persocard_maker_card_set_nvm_size(card, 4096),
		    "nvm_size 4096");
	expect_zero(persocard_maker_card_set_try_limit(card, 5),
		    "try_limit 5");
	expect_zero(persocard_maker_card_set_perso_code(card, code5, 5),
		    "a code of 5 bytes");
	expect_info(card, "sim", 4096, 5, 0, "set");
	persocard_maker_card_free(card);
}

static void test_live(void)
{
	struct persocard_maker_card *card, *again;
	struct persocard_card *open;
	char attr[32];
	int n;

	card = persocard_maker_card_open("t1");
	if (!ok(card != NULL, "open t1 by name"))
		return;
	expect_zero(persocard_maker_card_enable(card), "live 1");
	is_int(persocard_maker_card_is_live(card), 1, "live");
	n = persocard_maker_card_index(card);
	ok(n >= 1, "an index past card 0: %d", n);
	ok(dev_exists(n), "its node");
	is_str(sysfs_attr(n, "profile", attr, sizeof(attr)), "sim",
	       "sysfs: profile sim");
	is_str(sysfs_attr(n, "try_limit", attr, sizeof(attr)), "5",
	       "sysfs: try_limit 5");
	expect_zero(persocard_maker_card_enable(card), "live 1 again");
	is_int(persocard_maker_card_index(card), n, "the same index");
	expect_info(card, "sim", 4096, 5, 1, "live");

	again = persocard_maker_card_open_index(n);
	ok(again && !strcmp(persocard_maker_card_name(again), "t1"),
	   "open_index %d finds t1", n);
	persocard_maker_card_free(again);
	expect_null(persocard_maker_card_open_index(0), ENODEV,
		    "open_index 0, a card of nr_cards");

	expect_errno(persocard_maker_card_set_profile(card, "identity"), EBUSY,
		     "profile while live");
	expect_errno(persocard_maker_card_set_nvm_size(card, 2048), EBUSY,
		     "nvm_size while live");
	expect_errno(persocard_maker_card_set_try_limit(card, 7), EBUSY,
		     "try_limit while live");
	expect_errno(persocard_maker_card_set_perso_code(card, code5, 4),
		     EBUSY, "perso_code while live");
	expect_info(card, "sim", 4096, 5, 1, "after the refusals");

	open = persocard_card_open_index(n);
	ok(open != NULL, "open /dev/persocard%d", n);
	expect_errno(persocard_maker_card_disable(card), EBUSY,
		     "live 0 with a file open");
	expect_errno(persocard_maker_card_remove(card), EBUSY,
		     "remove with a file open");
	is_int(persocard_maker_card_is_live(card), 1, "still live");
	ok(dev_exists(n), "the node stays");
	persocard_card_close(open);

	expect_zero(persocard_maker_card_remove(card), "remove after the close");
	ok(!dev_exists(n), "the node went");
	expect_errno(persocard_maker_card_is_live(card), ENOENT,
		     "the removed card's handle");
	persocard_maker_card_free(card);
	expect_null(persocard_maker_card_open("t1"), ENOENT, "open t1 again");
	expect_null(persocard_maker_card_open_index(n), ENODEV,
		    "open_index of the removed card");
}

static void test_many(void)
{
	struct persocard_maker_card *cards[MANY];
	struct persocard_maker_iter *iter;
	unsigned int i, made = 0, live = 0, gone = 0, n = 0;
	char name[16];

	for (i = 0; i < MANY; i++) {
		snprintf(name, sizeof(name), "m%02u", i);
		cards[i] = persocard_maker_card_new(name);
		if (cards[i] && !persocard_maker_card_enable(cards[i]) &&
		    dev_exists(persocard_maker_card_index(cards[i])))
			live++;
		made += !!cards[i];
	}
	is_int(made, MANY, "%d cards made", MANY);
	is_int(live, MANY, "%d cards live", MANY);
	iter = persocard_maker_iter_new();
	ok(iter != NULL, "iterate");
	if (iter) {
		const char *s;

		while ((s = persocard_maker_iter_next(iter))) {
			snprintf(name, sizeof(name), "m%02u", n);
			if (strcmp(s, name))
				break;
			n++;
		}
		persocard_maker_iter_free(iter);
	}
	is_int(n, MANY, "the iterator lists them in order");
	for (i = 0; i < MANY; i++) {
		if (cards[i] && !persocard_maker_card_remove(cards[i]))
			gone++;
		persocard_maker_card_free(cards[i]);
	}
	is_int(gone, MANY, "%d cards removed", MANY);

	cards[0] = persocard_maker_card_new(NULL);
	ok(cards[0] && !strcmp(persocard_maker_card_name(cards[0]), "card0"),
	   "an unnamed card is card0");
	if (cards[0]) {
		expect_zero(persocard_maker_card_remove(cards[0]),
			    "remove it not live");
		persocard_maker_card_free(cards[0]);
	}
}

static void test_sysfs(void)
{
	char attr[32];

	expect_zero(persocard_maker_factory_reset(0), "factory reset card 0");
	expect_zero(persocard_maker_set_profile(0, "identity"),
		    "sysfs profile identity");
	expect_zero(persocard_maker_set_try_limit(0, 4), "sysfs try_limit 4");
	expect_zero(persocard_maker_set_perso_code(0, code5, 5),
		    "sysfs perso_code");
	is_str(sysfs_attr(0, "profile", attr, sizeof(attr)), "identity",
	       "card 0 is identity");
	is_str(sysfs_attr(0, "tries_left", attr, sizeof(attr)), "4",
	       "with 4 tries");
	expect_errno(persocard_maker_set_profile(0, "bogus"), EINVAL,
		     "sysfs profile bogus");
	expect_errno(persocard_maker_set_try_limit(0, 16), EINVAL,
		     "sysfs try_limit 16");
	expect_errno(persocard_maker_set_perso_code(0, code5, 3), EINVAL,
		     "sysfs code of 3 bytes");
	is_str(sysfs_attr(0, "profile", attr, sizeof(attr)), "identity",
	       "card 0 unchanged");
	expect_errno(persocard_maker_factory_reset(4000), ENOENT,
		     "factory reset of a card that is not there");
	expect_errno(persocard_maker_set_profile(4000, "sim"), ENOENT,
		     "sysfs profile of a card that is not there");
	expect_zero(persocard_maker_set_profile(0, "payment"),
		    "card 0 back to payment");
	expect_zero(persocard_maker_set_try_limit(0, 3), "and 3 tries");
}

int main(void)
{
	struct persocard_maker_iter *iter;

	plan(0);
	persocard_maker_module_unload(NULL);
	if (!is_int(persocard_maker_module_load(NULL, "nr_cards=1"), 0,
		    "load with nr_cards=1")) {
		bail_out("no module");
		return 1;
	}
	iter = persocard_maker_iter_new();
	if (!ok(iter != NULL, "the configfs group is there")) {
		diag("%s: %s (is configfs mounted?)", PERSOCARD_MAKER_CONFIGFS,
		     errname(errno));
		persocard_maker_module_unload(NULL);
		return done();
	}
	ok(!persocard_maker_iter_next(iter), "with no card");
	persocard_maker_iter_free(iter);

	test_settings();
	test_live();
	test_many();
	test_sysfs();

	is_int(persocard_maker_module_unload(NULL), 0, "unload");
	expect_null(persocard_maker_card_new("late"), ENOENT,
		    "new without the module");
	expect_null(persocard_maker_iter_new(), ENOENT,
		    "iterate without the module");
	return done();
}
