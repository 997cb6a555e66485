// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libpersocard-maker's SCP03 key sets against the real module: sysfs and
 * configfs scp03_keys, "none", the auth attribute (read by the library and,
 * as the independent witness, straight from sysfs), the kernel's EBUSY for
 * a card that is not fresh or is live. Runs as root in the guest with
 * configfs mounted; loads the module with nr_cards=1, leaves it unloaded.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <libpersocard.h>
#include <persocard-maker.h>

#include "maker_check.h"

static unsigned char enc[32], mac[32], dek[32];

static void test_sysfs(void)
{
	struct persocard_card *card;
	char attr[32];

	expect_zero(persocard_maker_factory_reset(0), "factory reset card 0");
	expect_zero(persocard_maker_clear_scp03_keys(0), "none on a code card");
	is_int(persocard_maker_get_auth(0), PERSOCARD_MAKER_AUTH_CODE,
	       "card 0 authenticates by code");
	expect_zero(persocard_maker_set_scp03_keys(0, 0x30, enc, mac, dek, 16),
		    "an AES-128 key set through sysfs");
	is_int(persocard_maker_get_auth(0), PERSOCARD_MAKER_AUTH_SCP03,
	       "card 0 authenticates by SCP03");
	is_str(sysfs_attr(0, "auth", attr, sizeof(attr)), "scp03",
	       "sysfs auth says scp03");
	is_str(sysfs_attr(0, "scp03_keys", attr, sizeof(attr)), "",
	       "the keys do not read back");
	expect_zero(persocard_maker_set_scp03_keys(0, 0x7f, enc, mac, dek, 32),
		    "another key set, AES-256, KVN 7F");
	expect_zero(persocard_maker_set_scp03_keys(0, 0x01, enc, mac, dek, 24),
		    "another, AES-192, KVN 01");
	expect_errno(persocard_maker_set_scp03_keys(0, 0x30, enc, mac, dek, 17),
		     EINVAL, "keys of 17 bytes");
	expect_zero(persocard_maker_factory_reset(0), "a factory reset");
	is_int(persocard_maker_get_auth(0), PERSOCARD_MAKER_AUTH_SCP03,
	       "keeps the key set, as it keeps the code");

	/* ENABLE PERSO: the card is no longer fresh. */
	card = persocard_card_open_index(0);
	ok(card != NULL, "open card 0");
	if (card) {
		expect_zero(persocard_card_enable(card), "ENABLE PERSO");
		expect_errno(persocard_maker_clear_scp03_keys(0), EBUSY,
			     "none on a card that is not fresh");
		expect_errno(persocard_maker_set_scp03_keys(0, 0x30, enc, mac,
							    dek, 16),
			     EBUSY, "keys on a card that is not fresh");
		persocard_card_close(card);
	}
	is_int(persocard_maker_get_auth(0), PERSOCARD_MAKER_AUTH_SCP03,
	       "still SCP03");
	expect_zero(persocard_maker_factory_reset(0), "factory reset");
	expect_zero(persocard_maker_clear_scp03_keys(0), "none");
	is_int(persocard_maker_get_auth(0), PERSOCARD_MAKER_AUTH_CODE,
	       "card 0 authenticates by code again");
	is_str(sysfs_attr(0, "auth", attr, sizeof(attr)), "code",
	       "sysfs auth says code");

	expect_errno(persocard_maker_set_scp03_keys(4000, 0x30, enc, mac, dek,
						    16),
		     ENOENT, "keys of a card that is not there");
	expect_errno(persocard_maker_get_auth(4000), ENOENT,
		     "auth of a card that is not there");
}

static void test_configfs(void)
{
	struct persocard_maker_card *card;
	struct persocard_maker_info *info;

	card = persocard_maker_card_new("scp03");
	if (!ok(card != NULL, "a configfs card"))
		return;
	info = persocard_maker_card_get_info(card);
	ok(info && persocard_maker_info_auth(info) == PERSOCARD_MAKER_AUTH_CODE,
	   "a new card authenticates by code");
	persocard_maker_info_free(info);
	expect_zero(persocard_maker_card_set_scp03_keys(card, 0x31, enc, mac,
							dek, 16),
		    "configfs key set");
	info = persocard_maker_card_get_info(card);
	ok(info && persocard_maker_info_auth(info) == PERSOCARD_MAKER_AUTH_SCP03,
	   "info auth scp03");
	persocard_maker_info_free(info);
	expect_zero(persocard_maker_card_enable(card), "live");
	expect_errno(persocard_maker_card_set_scp03_keys(card, 0x31, enc, mac,
							  dek, 16),
		     EBUSY, "configfs keys of a live card");
	expect_errno(persocard_maker_card_clear_scp03_keys(card), EBUSY,
		     "configfs none of a live card");
	if (persocard_maker_card_index(card) >= 0)
		is_int(persocard_maker_get_auth(persocard_maker_card_index(card)),
		       PERSOCARD_MAKER_AUTH_SCP03, "its sysfs auth is scp03");
	expect_zero(persocard_maker_card_disable(card), "down");
	expect_zero(persocard_maker_card_clear_scp03_keys(card), "configfs none");
	info = persocard_maker_card_get_info(card);
	ok(info && persocard_maker_info_auth(info) == PERSOCARD_MAKER_AUTH_CODE,
	   "info auth code again");
	persocard_maker_info_free(info);
	expect_zero(persocard_maker_card_remove(card), "remove");
	persocard_maker_card_free(card);
}

int main(void)
{
	size_t i;

	plan(0);
	for (i = 0; i < sizeof(enc); i++) {
		enc[i] = 0x40 + i;
		mac[i] = 0x60 + i;
		dek[i] = 0x80 + i;
	}
	persocard_maker_module_unload(NULL);
	if (!is_int(persocard_maker_module_load(NULL, "nr_cards=1"), 0,
		    "load with nr_cards=1")) {
		bail_out("no module");
		return 1;
	}
	test_sysfs();
	test_configfs();
	is_int(persocard_maker_module_unload(NULL), 0, "unload");
	return done();
}
