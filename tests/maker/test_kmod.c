// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * persocard_maker_module_load() and persocard_maker_module_unload()
 * against the real module, by name and by path. Runs as root in the guest with the
 * checkout as its working directory (persocard.ko at its top); leaves the
 * module unloaded.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <libpersocard.h>
#include <persocard-maker.h>

#include "maker_check.h"

static int loaded(void)
{
	return !access("/sys/module/persocard", F_OK);
}

static int class_present(void)
{
	return !access("/sys/class/persocard", F_OK);
}

static void expect_cards(unsigned int want, const char *what)
{
	unsigned int idx[8], n, i, inorder = 1;

	n = list_cards(idx, 8);
	is_int(n, want, "%s: %u cards", what, want);
	for (i = 0; i < n && i < 8; i++)
		if (idx[i] != i)
			inorder = 0;
	ok(inorder, "%s: numbered from 0 in order", what);
}

int main(void)
{
	char cwd[PATH_MAX], ko[PATH_MAX + 16];
	struct persocard_card *card, *again;
	char attr[32];

	plan(46);

	is_int(persocard_maker_module_unload(NULL), 0, "unload: none to start with");
	ok(!loaded(), "not loaded");
	expect_cards(0, "no module");

	/* By name, with parameters. */
	is_int(persocard_maker_module_load("persocard", "nr_cards=3"), 0,
	       "load by name with nr_cards=3");
	ok(loaded() && class_present(), "loaded, class present");
	expect_cards(3, "nr_cards=3");

	is_int(persocard_maker_module_load("persocard", NULL), 0,
	       "load again without parameters");
	is_int(persocard_maker_module_load(NULL, ""), 0,
	       "load again, default name, empty parameters");
	expect_errno(persocard_maker_module_load("persocard", "nr_cards=2"), EEXIST,
		     "load again with parameters");
	expect_cards(3, "still");

	/* An open card holds the module. */
	card = persocard_card_open_index(2);
	ok(card != NULL, "open card 2");
	expect_errno(persocard_maker_module_unload("persocard"), EBUSY,
		     "unload with a card open");
	ok(loaded() && class_present(), "still loaded");
	/* Opening checks the card's ABI version: an ioctl it answers. */
	again = persocard_card_open_index(2);
	ok(again != NULL, "the open card still answers");
	persocard_card_close(again);
	persocard_card_close(card);

	is_int(persocard_maker_module_unload("persocard"), 0, "unload");
	ok(!loaded(), "module gone");
	ok(!class_present(), "/sys/class/persocard gone");
	is_int(persocard_maker_module_unload("persocard"), 0, "unload again");
	is_int(persocard_maker_module_unload("persocard_no_such_module"), 0,
	       "unload a module never loaded");

	/* Refusals. */
	expect_errno(persocard_maker_module_load("persocard_no_such_module", NULL),
		     ENOENT, "load a module that does not exist");
	expect_errno(persocard_maker_module_load("persocard", "nr_cards=0"), EINVAL,
		     "load with nr_cards=0");
	ok(!loaded(), "not loaded after a refused parameter");
	expect_errno(persocard_maker_module_load("persocard", "nr_cards=257"),
		     EINVAL, "load with nr_cards=257");
	expect_errno(persocard_maker_module_load("persocard", "try_limit=16"),
		     EINVAL, "load with try_limit=16");
	expect_errno(persocard_maker_module_load("persocard", "nr_cards=abc"),
		     EINVAL, "load with nr_cards=abc");
	expect_errno(persocard_maker_module_load("persocard", "nr_card=3"),
		     EINVAL, "load with a misspelled parameter, nr_card=3");
	expect_errno(persocard_maker_module_load("persocard", "nr_cards=2 =3"),
		     EINVAL, "load with a parameter without a name");
	ok(!loaded(), "still not loaded");

	/* Parameters reach the module. */
	is_int(persocard_maker_module_load(NULL, "profile=sim try_limit=5"), 0,
	       "load with profile=sim try_limit=5");
	expect_cards(1, "default nr_cards");
	is_str(sysfs_attr(0, "profile", attr, sizeof(attr)), "sim",
	       "card 0 is a sim card");
	is_str(sysfs_attr(0, "try_limit", attr, sizeof(attr)), "5",
	       "with try limit 5");
	is_int(persocard_maker_module_unload(NULL), 0, "unload, default name");

	/* By path. */
	if (!getcwd(cwd, sizeof(cwd))) {
		diag("getcwd: %s", errname(errno));
		cwd[0] = '\0';
	}
	snprintf(ko, sizeof(ko), "%s/persocard.ko", cwd);
	is_int(persocard_maker_module_load(ko, "nr_cards=2"), 0,
	       "load %s with nr_cards=2", ko);
	expect_cards(2, "by path");
	is_int(persocard_maker_module_load(ko, NULL), 0,
	       "load by path again without parameters");
	expect_errno(persocard_maker_module_load(ko, "nr_cards=1"), EEXIST,
		     "load by path again with parameters");
	is_int(persocard_maker_module_unload(ko), 0, "unload by path");
	ok(!loaded(), "module gone");
	expect_errno(persocard_maker_module_load("/nonexistent/persocard.ko", NULL),
		     ENOENT, "load a path that does not exist");
	ok(!loaded(), "still not loaded");

	return done();
}
