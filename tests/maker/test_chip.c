// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libpersocard-maker's chip files against the real module: chip figures,
 * endurance, the power-cut knob (arm, read, disarm, refusals) and a cut
 * that fires, then the power-up. Runs as root in the guest with debugfs
 * at /sys/kernel/debug; loads the module with nr_cards=1 and leaves it
 * unloaded.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <persocard-maker.h>

#include "image_check.h"

static int cmd_on(unsigned int index, unsigned long req, void *arg)
{
	int fd = dev_open(index), ret, err;

	if (fd < 0)
		return -1;
	ret = ioctl(fd, req, arg);
	err = errno;
	close(fd);
	errno = err;
	return ret;
}

static void test_figures(void)
{
	struct persocard_maker_chip *chip;
	unsigned long long *ops = NULL, sum = 0;
	ssize_t n, i;
	struct snap s;

	snap_take(0, &s);
	chip = persocard_maker_chip_get(0);
	if (!ok(chip != NULL, "chip of persocard0")) {
		diag("errno %s", errname(errno));
		return;
	}
	is_int(persocard_maker_chip_page_size(chip), 64, "page_size 64");
	is_int(persocard_maker_chip_pages(chip), s.nvm_size / 64,
	       "pages: nvm_size / page_size");
	is_str(persocard_maker_chip_unit(chip), "byte", "unit byte");
	is_int(persocard_maker_chip_erased(chip), 0xff, "erased 0xff");
	ok(persocard_maker_chip_powered(chip), "powered");
	n = persocard_maker_endurance(0, &ops);
	is_int(n, persocard_maker_chip_pages(chip), "endurance: a line per page");
	for (i = 0; i < n; i++)
		sum += ops[i];
	is_int(sum, persocard_maker_chip_program_ops(chip),
	       "the pages' operations add up to program_ops");
	free(ops);
	persocard_maker_chip_free(chip);
}

static void test_knob(void)
{
	unsigned int n = 0, k = 0;

	is_int(persocard_maker_power_cut_get(0, &n, &k), 0, "off at first");
	expect_errno(persocard_maker_power_cut(0, 0, 65), EINVAL,
		     "K past the page size");
	is_int(persocard_maker_power_cut_get(0, &n, &k), 0, "still off");
	expect_zero(persocard_maker_power_cut(0, 5, 64), "arm 5 64");
	ok(persocard_maker_power_cut_get(0, &n, &k) == 1 && n == 5 && k == 64,
	   "reads 5 64");
	expect_zero(persocard_maker_power_cut_off(0), "disarm");
	is_int(persocard_maker_power_cut_get(0, &n, &k), 0, "off again");
	expect_errno(persocard_maker_power_cut(7, 0, 0), ENOENT,
		     "a card that is not there");
}

static void test_cut(void)
{
	struct persocard_maker_chip *chip;
	unsigned long long cuts = 0, recov = 0;
	struct persocard_cmd c;
	struct snap before, s;
	char attr[16];
	unsigned int n, k;

	chip = persocard_maker_chip_get(0);
	if (chip) {
		cuts = persocard_maker_chip_cuts(chip);
		recov = persocard_maker_chip_recoveries(chip);
	}
	persocard_maker_chip_free(chip);
	snap_take(0, &before);
	expect_zero(persocard_maker_power_cut(0, 0, 0), "arm 0 0");
	memset(&c, 0, sizeof(c));
	expect_errno(cmd_on(0, PERSOCARD_IOC_ENABLE, &c), ENODEV,
		     "ENABLE of a fresh card, cut");
	is_str(sysfs_attr(0, "present", attr, sizeof(attr)), "0",
	       "present 0 after the cut");
	is_int(persocard_maker_power_cut_get(0, &n, &k), 0,
	       "the knob is off once it fired");
	chip = persocard_maker_chip_get(0);
	ok(chip && !persocard_maker_chip_powered(chip) &&
	   persocard_maker_chip_cuts(chip) == cuts + 1,
	   "chip: not powered, one cut more");
	persocard_maker_chip_free(chip);
	expect_zero(persocard_maker_power_up(0), "power up");
	is_str(sysfs_attr(0, "present", attr, sizeof(attr)), "1", "present 1");
	chip = persocard_maker_chip_get(0);
	ok(chip && persocard_maker_chip_powered(chip) &&
	   persocard_maker_chip_recoveries(chip) > recov,
	   "chip: powered, recovery ran");
	persocard_maker_chip_free(chip);
	snap_take(0, &s);
	ok(snap_same(&before, &s), "the card wholly before the cut ENABLE");
}

int main(void)
{
	plan(0);
	persocard_maker_module_unload(NULL);
	if (persocard_maker_module_load(NULL, "nr_cards=1")) {
		diag("load: %s", errname(errno));
		bail_out("no module");
		return 1;
	}
	if (access(PERSOCARD_MAKER_DEBUGFS "/persocard0", F_OK)) {
		diag("%s: %s", PERSOCARD_MAKER_DEBUGFS, strerror(errno));
		bail_out("no debugfs files");
		persocard_maker_module_unload(NULL);
		return 1;
	}
	test_figures();
	test_knob();
	test_cut();
	expect_zero(persocard_maker_module_unload(NULL), "module unloaded");
	return done();
}
