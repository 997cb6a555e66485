// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libpersocard against the real module: opening, queries, a whole
 * personalization on a card of each profile, the card's refusals as
 * EREMOTEIO and their status words, sessions, the iterator and the
 * factory reset. Runs as root in the guest; loads the module with four
 * cards and leaves it unloaded.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libpersocard.h>
#include <persocard-maker.h>

#include "check.h"
#include "tap.h"

#define NR_CARDS	4

static const uint8_t code[] = { '1', '2', '3', '4' };
static const uint8_t wrong_code[] = { '4', '3', '2', '1' };

struct value {
	const char *name;
	const void *data;
	size_t len;
};

#define V(n, ...)	{ n, (const uint8_t[]){ __VA_ARGS__ }, \
			  sizeof((const uint8_t[]){ __VA_ARGS__ }) }
#define T(n, s)		{ n, s, sizeof(s) - 1 }

static uint8_t filler[256];

/* What a bureau would write: every mandatory element, one optional. */
static const struct value payment_values[] = {
	V("records", 0x70, 0x03, 0x57, 0x01, 0x00),
	V("pan", 0x54, 0x13, 0x33, 0x00, 0x89, 0x60, 0x00, 0x10),
	V("expiry", 0x29, 0x12, 0x31),
	T("cardholder", "DOE/JOHN"),
	V("select_response", 0x6F, 0x01, 0x84),
	V("gpo_response", 0x77, 0x01, 0x82),
	V("key_check_values", 0x8B, 0x4F, 0x27, 0x1C, 0x9A, 0x05),
	V("pin_try_limit", 0x03, 0x03),
	{ "icc_keys", filler, 48 },
	{ "pin_block", filler, 8 },
	{ NULL, NULL, 0 },
};

static const struct value sim_values[] = {
	V("iccid", 0x89, 0x44, 0x01, 0x23, 0x45, 0x67, 0x89, 0x01, 0x23,
	  0x45),
	V("imsi", 0x08, 0x29, 0x80, 0x01, 0x23, 0x45, 0x67, 0x89, 0x01),
	T("spn", "PERSONET"),
	V("service_table", 0xFF, 0x3F, 0x00, 0x01),
	{ "ki", filler, 16 },
	{ "opc", filler + 16, 16 },
	{ "pin1", filler, 8 },
	{ "puk1", filler + 8, 8 },
	{ NULL, NULL, 0 },
};

static const struct value identity_values[] = {
	T("document_number", "X1234567"),
	T("surname", "DOE"),
	T("given_names", "JANE MARY"),
	V("birth_date", 0x90, 0x01, 0x15),
	V("expiry", 0x31, 0x12, 0x31),
	T("nationality", "UTO"),
	{ "certificate", filler, 200 },
	{ "auth_key", filler, 32 },
	{ "pin", filler, 8 },
	{ NULL, NULL, 0 },
};

struct profile_case {
	unsigned int profile;
	const char *name;
	unsigned int nr_tags;
	const struct value *values;
	const char *public;	/* read back after LOCK */
	const char *secret;	/* never read back */
};

static const struct profile_case profiles[] = {
	{ PERSOCARD_PROFILE_PAYMENT, "payment", 13, payment_values,
	  "pan", "icc_keys" },
	{ PERSOCARD_PROFILE_SIM, "sim", 9, sim_values, "iccid", "ki" },
	{ PERSOCARD_PROFILE_IDENTITY, "identity", 11, identity_values,
	  "surname", "auth_key" },
};

static const struct value *find_value(const struct value *values,
				      const char *name)
{
	for (; values->name; values++)
		if (!strcmp(values->name, name))
			return values;
	return NULL;
}

static void test_names(void)
{
	static const struct {
		uint16_t sw;
		const char *str;
	} sws[] = {
		{ 0x9000, "success" },
		{ 0x63C0, "wrong perso code" },
		{ 0x63C2, "wrong perso code" },
		{ 0x63CF, "wrong perso code" },
		{ 0x6581, "memory failure" },
		{ 0x6700, "wrong length" },
		{ 0x6982, "security status not satisfied" },
		{ 0x6983, "authentication blocked" },
		{ 0x6985, "conditions of use not satisfied" },
		{ 0x6A80, "incorrect data" },
		{ 0x6A84, "not enough memory" },
		{ 0x6A88, "referenced data not found" },
		{ 0x6883, "last command of the chain expected" },
		{ 0x6884, "command chaining not supported" },
		{ 0x6A86, "incorrect parameters P1-P2" },
		{ 0x6D00, "instruction not supported" },
		{ 0x6E00, "class not supported" },
		{ 0x6C0D, "wrong Le" },
		{ 0x6C00, "wrong Le" },
		{ 0x6110, "response bytes still available" },
		{ 0x63D0, "unknown status word" },
		{ 0x6A81, "unknown status word" },
		{ 0x0000, "unknown status word" },
		{ 0xFFFF, "unknown status word" },
	};
	unsigned int i;

	is_str(persocard_api_version(), PERSOCARD_VERSION, "api version");

	for (i = 0; i < sizeof(sws) / sizeof(sws[0]); i++)
		is_str(persocard_sw_str(sws[i].sw), sws[i].str, "sw_str(%04X)",
		       sws[i].sw);

	is_str(persocard_state_name(PERSOCARD_STATE_SEMI_FINISHED),
	       "SEMI_FINISHED", "state name 1");
	is_str(persocard_state_name(PERSOCARD_STATE_READY), "READY",
	       "state name 2");
	is_str(persocard_state_name(PERSOCARD_STATE_PERSONALIZING),
	       "PERSONALIZING", "state name 3");
	is_str(persocard_state_name(PERSOCARD_STATE_PERSONALIZED),
	       "PERSONALIZED", "state name 4");
	is_str(persocard_state_name(PERSOCARD_STATE_BLOCKED), "BLOCKED",
	       "state name 5");
	expect_null(persocard_state_name(0), EINVAL, "state name 0");
	expect_null(persocard_state_name(6), EINVAL, "state name 6");

	is_str(persocard_profile_name(PERSOCARD_PROFILE_PAYMENT), "payment",
	       "profile name 1");
	is_str(persocard_profile_name(PERSOCARD_PROFILE_SIM), "sim",
	       "profile name 2");
	is_str(persocard_profile_name(PERSOCARD_PROFILE_IDENTITY), "identity",
	       "profile name 3");
	expect_null(persocard_profile_name(0), EINVAL, "profile name 0");
	expect_null(persocard_profile_name(4), EINVAL, "profile name 4");
}

static void test_iter(void)
{
	unsigned int idx[NR_CARDS + 1], n, i, inorder = 1;

	n = list_cards(idx, NR_CARDS + 1);
	is_int(n, NR_CARDS, "iterator lists %d cards", NR_CARDS);
	for (i = 0; i < n && i < NR_CARDS; i++)
		if (idx[i] != i)
			inorder = 0;
	ok(inorder, "iterator lists them in order, 0 first");

	persocard_iter_free(NULL);
	ok(1, "persocard_iter_free(NULL) does nothing");
}

static void test_open(void)
{
	struct persocard_card *card, *alias;
	char tmpl[] = "/tmp/persocard-test.XXXXXX", link[64];

	card = persocard_card_open("/dev/persocard1");
	ok(card != NULL, "open /dev/persocard1");
	if (!card) {
		diag("errno %s", errname(errno));
		skip(5, "no card");
	} else {
		is_str(persocard_card_path(card), "/dev/persocard1", "its path");
		is_int(persocard_card_index(card), 1, "its index");
		ok(persocard_card_fd(card) > 2, "its descriptor");
		ok(fcntl(persocard_card_fd(card), F_GETFD) & FD_CLOEXEC,
		   "opened close-on-exec");
		is_int(persocard_card_last_sw(card), 0,
		       "no status word before a command");
		persocard_card_close(card);
	}

	card = persocard_card_open_index(2);
	ok(card != NULL, "open_index(2)");
	is_str(card ? persocard_card_path(card) : NULL, "/dev/persocard2",
	       "its path is /dev/persocard2");
	is_int(card ? persocard_card_index(card) : ~0u, 2, "its index");
	persocard_card_close(card);

	alias = persocard_card_open("/dev/persocard");
	ok(alias != NULL, "open the /dev/persocard alias");
	is_int(alias ? persocard_card_index(alias) : ~0u, 0,
	       "the alias is card 0");
	is_int(alias ? persocard_card_nr_tags(alias) : 0, 13,
	       "and reads its profile");
	persocard_card_close(alias);

	/* A symlink to a card is a card. */
	if (mkdtemp(tmpl)) {
		snprintf(link, sizeof(link), "%s/card", tmpl);
		if (symlink("/dev/persocard3", link))
			diag("symlink: %s", errname(errno));
		card = persocard_card_open(link);
		is_int(card ? persocard_card_index(card) : ~0u, 3,
		       "open by a symlink to /dev/persocard3");
		persocard_card_close(card);
		unlink(link);
		rmdir(tmpl);
	} else {
		skip(1, "no writable /tmp");
	}

	expect_null(persocard_card_open("/dev/null"), ENODEV,
		    "open /dev/null (another driver)");
	expect_null(persocard_card_open("/proc/version"), ENOTTY,
		    "open a regular file");
	expect_null(persocard_card_open("/dev"), ENOTTY, "open a directory");
	expect_null(persocard_card_open("/dev/persocard99"), ENOENT,
		    "open a missing node");
	expect_null(persocard_card_open_index(NR_CARDS), ENOENT,
		    "open_index past the last card");
	expect_null(persocard_card_open(NULL), EINVAL, "open(NULL)");

	persocard_card_close(NULL);
	ok(1, "persocard_card_close(NULL) does nothing");
}

static void test_queries(void)
{
	const struct persocard_tag *pan, *d;
	struct tstatus st;
	struct tinfo info;
	struct persocard_card *card;
	char buf[64];

	card = persocard_card_open_index(1);
	if (!ok(card != NULL, "open card 1 for queries")) {
		bail_out("cannot open card 1");
		exit(1);
	}

	memset(&st, 0xA5, sizeof(st));
	expect_ok(card, get_status(card, &st), "GET STATUS");
	is_int(st.state, PERSOCARD_STATE_SEMI_FINISHED, "fresh card state");
	is_int(st.profile, PERSOCARD_PROFILE_PAYMENT, "status profile");
	is_int(st.flags, 0, "no session");
	is_int(st.tries_left, 3, "tries left");
	is_int(st.try_limit, 3, "try limit");
	snprintf(buf, sizeof(buf), "%016" PRIx64, (uint64_t)st.serial);
	sysfs_attr(1, "serial", buf + 32, sizeof(buf) - 32);
	is_str(buf, buf + 32, "serial as sysfs shows it");
	expect_null(persocard_card_get_status(NULL), EINVAL,
		     "status(NULL)");

	memset(&info, 0xA5, sizeof(info));
	expect_ok(card, get_info(card, &info), "INFO");
	is_int(info.abi_version, PERSOCARD_ABI_VERSION, "ABI version");
	is_int(info.caps, PERSOCARD_CAP_PROFILE | PERSOCARD_CAP_LOCK_MISSING |
	       PERSOCARD_CAP_RESET | PERSOCARD_CAP_GET_DATA |
	       PERSOCARD_CAP_TRANSMIT | PERSOCARD_CAP_PRESENCE |
	       PERSOCARD_CAP_IMAGE | PERSOCARD_CAP_SCP03, "capabilities");
	is_int(info.card_index, 1, "card index");
	is_int(info.nr_cards, NR_CARDS, "number of cards");
	is_int(info.nvm_size, 8192, "NVM size");
	is_int(info.max_value_len, PERSOCARD_VALUE_MAX_LEN, "max value");
	is_int(info.min_code_len, PERSOCARD_CODE_MIN_LEN, "min code");
	is_int(info.max_code_len, PERSOCARD_CODE_MAX_LEN, "max code");
	is_int(info.max_tags, PERSOCARD_MAX_TAGS, "max tags");

	is_int(persocard_card_profile(card), PERSOCARD_PROFILE_PAYMENT,
	       "profile of the handle");
	is_int(persocard_card_nr_tags(card), 13, "payment has 13 elements");
	d = persocard_card_get_tag(card, 0);
	is_str(d ? persocard_tag_get_name(d) : NULL, "records", "element 0 is records");
	is_int(d ? persocard_tag_get_tag(d) : 0, 0x0101, "tagged 0101");
	ok(d && persocard_tag_is_mandatory(d) && !persocard_tag_is_secret(d),
	   "mandatory");
	d = persocard_card_get_tag(card, 12);
	is_str(d ? persocard_tag_get_name(d) : NULL, "rsa_private_exp", "element 12");
	expect_null(persocard_card_get_tag(card, 13), ERANGE, "element 13");

	pan = persocard_card_find_tag(card, "pan");
	is_int(pan ? persocard_tag_get_tag(pan) : 0, 0x5A00, "find pan by name");
	is_int(pan ? persocard_tag_get_min_len(pan) : 0, 5, "pan min length");
	is_int(pan ? persocard_tag_get_max_len(pan) : 0, 10, "pan max length");
	ok(pan && persocard_card_find_tag(card, "0x5A00") == pan,
	   "find pan by 0x5A00");
	ok(pan && persocard_card_find_tag(card, "0x5a00") == pan,
	   "find pan by 0x5a00");
	ok(pan && persocard_card_find_tag(card, "23040") == pan,
	   "find pan by 23040");
	d = persocard_card_find_tag(card, "icc_keys");
	ok(d && persocard_tag_is_mandatory(d) && persocard_tag_is_secret(d),
	   "icc_keys is mandatory and secret");
	expect_null(persocard_card_find_tag(card, "nope"), ENOENT,
		    "find an unknown name");
	expect_null(persocard_card_find_tag(card, "0x1234"), ENOENT,
		    "find an unknown number");
	expect_null(persocard_card_find_tag(card, "0x"), ENOENT, "find 0x");
	expect_null(persocard_card_find_tag(card, "-23040"), ENOENT,
		    "find a negative number");
	expect_null(persocard_card_find_tag(card, "0x15A00"), ENOENT,
		    "find a number above 16 bits");
	expect_null(persocard_card_find_tag(card, "5A00"), ENOENT,
		    "hex needs its 0x");
	expect_null(persocard_card_find_tag(card, ""), EINVAL,
		    "find an empty name");
	expect_null(persocard_card_find_tag(card, NULL), EINVAL,
		    "find NULL");

	/* Nothing to read on a card not personalized. */
	expect_sw(card, persocard_card_read(card, 0x5A00, buf, sizeof(buf)),
		  0x6985, "read before personalization");

	persocard_card_close(card);
}

/* ENABLE, VERIFY, PUT each value by name, LOCK, then read back. */
static void personalize(unsigned int index, const struct profile_case *pc)
{
	const struct persocard_tag *d;
	struct persocard_card *card, *other;
	const struct value *v, *pub;
	struct tstatus st;
	unsigned int tries = 99, nr = 99, i, covered = 1;
	uint16_t missing[PERSOCARD_MAX_TAGS];
	uint8_t buf[PERSOCARD_VALUE_MAX_LEN];
	char attr[32];
	ssize_t len;

	if (pc->profile != PERSOCARD_PROFILE_PAYMENT)
		is_int(sysfs_set(index, "profile", pc->name), 0,
		       "%s: make card %u a %s card", pc->name, index, pc->name);
	is_str(sysfs_attr(index, "profile", attr, sizeof(attr)), pc->name,
	       "%s: sysfs profile", pc->name);

	card = persocard_card_open_index(index);
	if (!ok(card != NULL, "%s: open card %u", pc->name, index)) {
		bail_out("cannot open a card");
		exit(1);
	}
	is_int(persocard_card_profile(card), pc->profile, "%s: profile",
	       pc->name);
	is_int(persocard_card_nr_tags(card), pc->nr_tags, "%s: %u elements",
	       pc->name, pc->nr_tags);
	for (i = 0; i < persocard_card_nr_tags(card); i++) {
		d = persocard_card_get_tag(card, i);
		if (d && persocard_tag_is_mandatory(d) &&
		    !find_value(pc->values, persocard_tag_get_name(d))) {
			diag("no value for mandatory %s", persocard_tag_get_name(d));
			covered = 0;
		}
	}
	ok(covered, "%s: the test has a value for each mandatory element",
	   pc->name);

	expect_ok(card, persocard_card_enable(card), "ENABLE");
	memset(&st, 0, sizeof(st));
	get_status(card, &st);
	is_int(st.state, PERSOCARD_STATE_READY, "%s: READY", pc->name);
	is_int(st.flags, PERSOCARD_STATUS_SESSION | PERSOCARD_STATUS_OWNER,
	       "%s: the handle owns the session", pc->name);
	expect_ok(card, persocard_card_verify(card, code, sizeof(code),
					      &tries), "VERIFY");
	is_int(tries, 3, "%s: tries left after the right code", pc->name);
	is_state(card, PERSOCARD_STATE_PERSONALIZING, pc->name);

	for (v = pc->values; v->name; v++) {
		errno = 0;
		if (persocard_card_put_by_name(card, v->name, v->data, v->len))
			break;
	}
	ok(!v->name, "%s: PUT every value by name", pc->name);
	if (v->name)
		diag("%s: errno %s, sw %04X", v->name, errname(errno),
		     persocard_card_last_sw(card));

	expect_ok(card, persocard_card_lock(card, missing, &nr), "LOCK");
	is_int(nr, 0, "%s: nothing missing", pc->name);
	is_state(card, PERSOCARD_STATE_PERSONALIZED, pc->name);
	is_str(sysfs_attr(index, "state", attr, sizeof(attr)), "personalized",
	       "%s: sysfs agrees", pc->name);
	is_str(sysfs_attr(index, "fresh", attr, sizeof(attr)), "0",
	       "%s: no longer fresh", pc->name);

	/* The data is the card's: another handle reads it. */
	other = persocard_card_open_index(index);
	pub = find_value(pc->values, pc->public);
	d = other ? persocard_card_find_tag(other, pc->public) : NULL;
	memset(buf, 0, sizeof(buf));
	len = d ? persocard_card_read(other, persocard_tag_get_tag(d), buf, sizeof(buf)) : -1;
	is_int(len, pub->len, "%s: GET DATA %s length", pc->name, pub->name);
	ok(len == (ssize_t)pub->len && !memcmp(buf, pub->data, pub->len),
	   "%s: GET DATA %s value", pc->name, pub->name);
	is_int(persocard_card_last_sw(other), 0x9000, "%s: read 9000",
	       pc->name);
	d = persocard_card_find_tag(card, pc->secret);
	expect_sw(card, persocard_card_read(card, d ? persocard_tag_get_tag(d) : 0, buf,
					    sizeof(buf)),
		  0x6982, "secret element");
	expect_sw(card, persocard_card_enable(card), 0x6985,
		  "ENABLE on a personalized card");

	persocard_card_close(other);
	persocard_card_close(card);
}

/* Reading back: sizes, absent and unknown elements (card 1, payment). */
static void test_read(void)
{
	struct persocard_card *card = persocard_card_open_index(1);
	uint8_t buf[16];

	if (!ok(card != NULL, "open card 1 to read")) {
		skip(6, "no card");
		return;
	}
	is_int(persocard_card_read(card, 0x5A00, buf, 8), 8,
	       "read pan into a buffer just big enough");
	expect_sw(card, persocard_card_read(card, 0x5A00, buf, 7), 0x6700,
		  "read pan into a buffer one too small");
	expect_sw(card, persocard_card_read(card, 0x0102, buf, sizeof(buf)),
		  0x6A88, "read an optional element never written");
	expect_sw(card, persocard_card_read(card, 0x1234, buf, sizeof(buf)),
		  0x6A88, "read a tag not in the profile");
	expect_errno(persocard_card_read(card, 0x5A00, NULL, 8), EINVAL,
		     "read into NULL");
	is_int(persocard_card_last_sw(card), 0, "that reached no card");
	persocard_card_close(card);
}

/* Refusals on card 0: each aborts the session, the card says why. */
static void test_refusals(void)
{
	uint8_t long_code[PERSOCARD_CODE_MAX_LEN + 1];
	uint8_t big[PERSOCARD_VALUE_MAX_LEN + 1];
	uint16_t missing[PERSOCARD_MAX_TAGS];
	static const uint8_t pan[] = { 0x54, 0x13, 0x33, 0x00, 0x89 };
	struct persocard_card *card;
	unsigned int tries = 99, nr = 99, i;
	char attr[16];
	int listed_records = 0, listed_pan = 0;

	card = persocard_card_open("/dev/persocard0");
	if (!ok(card != NULL, "open /dev/persocard0")) {
		bail_out("cannot open card 0");
		exit(1);
	}

	expect_sw(card, persocard_card_verify(card, code, sizeof(code), NULL),
		  0x6985, "VERIFY without a session");

	/* A wrong code costs a try and ends the session. */
	expect_ok(card, persocard_card_enable(card), "ENABLE");
	expect_sw(card, persocard_card_verify(card, wrong_code,
					      sizeof(wrong_code), &tries),
		  0x63C2, "wrong code");
	is_int(tries, 2, "tries_left out parameter");
	is_str(sysfs_attr(0, "tries_left", attr, sizeof(attr)), "2",
	       "sysfs tries_left");
	is_state(card, PERSOCARD_STATE_SEMI_FINISHED, "session aborted");

	/* Too long for any card: not sent, the session goes on. */
	memset(long_code, '1', sizeof(long_code));
	expect_ok(card, persocard_card_enable(card), "ENABLE again");
	tries = 99;
	expect_errno(persocard_card_verify(card, long_code, sizeof(long_code),
					   &tries), EINVAL, "VERIFY 33 bytes");
	is_int(persocard_card_last_sw(card), 0, "no status word");
	is_int(tries, 99, "tries_left untouched");
	is_state(card, PERSOCARD_STATE_READY, "nothing was sent");

	/* Too short: sent, and the card answers it. */
	expect_sw(card, persocard_card_verify(card, code, 3, &tries), 0x6700,
		  "VERIFY 3 bytes");
	is_int(tries, 2, "a wrong length costs no try");
	is_state(card, PERSOCARD_STATE_SEMI_FINISHED, "session aborted");

	/* A right code gives the tries back. */
	expect_ok(card, persocard_card_enable(card), "ENABLE");
	expect_ok(card, persocard_card_verify(card, code, sizeof(code),
					      &tries), "VERIFY");
	is_int(tries, 3, "tries back to the limit");

	memset(big, 0, sizeof(big));
	expect_errno(persocard_card_put(card, 0x0101, big, sizeof(big)),
		     EINVAL, "PUT 1025 bytes");
	is_int(persocard_card_last_sw(card), 0, "no status word");
	expect_errno(persocard_card_put_by_name(card, "nope", pan,
						sizeof(pan)),
		     ENOENT, "PUT by an unknown name");
	is_state(card, PERSOCARD_STATE_PERSONALIZING, "nothing was sent");

	expect_ok(card, persocard_card_put(card, 0x5A00, pan, sizeof(pan)),
		  "PUT pan");
	expect_ok(card, persocard_card_put_by_name(card, "0x5A00", pan,
						   sizeof(pan)),
		  "PUT pan again, by number");

	/* LOCK lists what is missing. */
	memset(missing, 0, sizeof(missing));
	expect_sw(card, persocard_card_lock(card, missing, &nr), 0x6A80,
		  "LOCK with mandatory elements missing");
	is_int(nr, 8, "8 mandatory elements missing");
	for (i = 0; i < nr && i < PERSOCARD_MAX_TAGS; i++) {
		listed_records |= missing[i] == 0x0101;
		listed_pan |= missing[i] == 0x5A00;
	}
	ok(listed_records && !listed_pan, "records listed, pan not");
	is_state(card, PERSOCARD_STATE_SEMI_FINISHED, "session aborted");

	expect_ok(card, persocard_card_enable(card), "ENABLE");
	expect_ok(card, persocard_card_verify(card, code, sizeof(code), NULL),
		  "VERIFY");
	expect_sw(card, persocard_card_put(card, 0x1234, pan, sizeof(pan)),
		  0x6A88, "PUT an unknown tag");
	is_state(card, PERSOCARD_STATE_SEMI_FINISHED, "session aborted");
	expect_sw(card, persocard_card_lock(card, NULL, NULL), 0x6985,
		  "LOCK without a session, no list wanted");

	/* RESET ends a session. */
	expect_ok(card, persocard_card_enable(card), "ENABLE");
	expect_ok(card, persocard_card_reset(card), "RESET");
	is_state(card, PERSOCARD_STATE_SEMI_FINISHED, "after RESET");
	expect_ok(card, persocard_card_reset(card), "RESET without session");

	/* Three wrong codes in a row: blocked. */
	expect_ok(card, persocard_card_enable(card), "ENABLE");
	expect_sw(card, persocard_card_verify(card, wrong_code,
					      sizeof(wrong_code), &tries),
		  0x63C2, "wrong code");
	expect_ok(card, persocard_card_enable(card), "ENABLE");
	expect_sw(card, persocard_card_verify(card, wrong_code,
					      sizeof(wrong_code), &tries),
		  0x63C1, "wrong code");
	expect_ok(card, persocard_card_enable(card), "ENABLE");
	expect_sw(card, persocard_card_verify(card, wrong_code,
					      sizeof(wrong_code), &tries),
		  0x63C0, "last wrong code");
	is_int(tries, 0, "no tries left");
	is_state(card, PERSOCARD_STATE_BLOCKED, "blocked");
	expect_sw(card, persocard_card_enable(card), 0x6983,
		  "ENABLE on a blocked card");

	persocard_card_close(card);
}

/* A session belongs to the handle that started it. */
static void test_sessions(void)
{
	struct persocard_card *a, *b;
	struct tstatus st;

	a = persocard_card_open("/dev/persocard");
	b = persocard_card_open_index(0);
	if (!ok(a && b, "two handles on card 0")) {
		persocard_card_close(a);
		persocard_card_close(b);
		skip(11, "no cards");
		return;
	}

	expect_ok(a, persocard_card_enable(a), "ENABLE by the alias");
	expect_sw(b, persocard_card_enable(b), 0x6985,
		  "ENABLE by another handle");
	expect_sw(b, persocard_card_reset(b), 0x6985,
		  "RESET by another handle");
	memset(&st, 0, sizeof(st));
	get_status(b, &st);
	is_int(st.flags, PERSOCARD_STATUS_SESSION,
	       "the other handle sees a session, not its own");
	is_state(a, PERSOCARD_STATE_READY, "the owner's session goes on");

	persocard_card_close(a);
	memset(&st, 0xA5, sizeof(st));
	get_status(b, &st);
	is_int(st.flags, 0, "closing the owner ended the session");
	is_int(st.state, PERSOCARD_STATE_SEMI_FINISHED, "card is back");

	expect_ok(b, persocard_card_enable(b), "now the other can ENABLE");
	get_status(b, &st);
	is_int(st.flags, PERSOCARD_STATUS_SESSION | PERSOCARD_STATUS_OWNER,
	       "and owns the session");
	expect_ok(b, persocard_card_reset(b), "and RESET it");
	is_state(b, PERSOCARD_STATE_SEMI_FINISHED, "after RESET");

	persocard_card_close(b);
}

static void test_factory_reset(void)
{
	struct tstatus before, after;
	struct persocard_card *card;
	char attr[32];

	/* Card 0 is blocked by now; card 1 personalized. */
	card = persocard_card_open_index(0);
	if (!ok(card != NULL, "open card 0")) {
		skip(8, "no card");
		return;
	}
	memset(&before, 0, sizeof(before));
	get_status(card, &before);
	is_int(persocard_maker_factory_reset(0), 0, "factory reset card 0");
	memset(&after, 0, sizeof(after));
	get_status(card, &after);
	is_int(after.state, PERSOCARD_STATE_SEMI_FINISHED,
	       "blocked card is blank again");
	is_int(after.tries_left, 3, "with its tries");
	ok(after.serial != before.serial, "and a new serial");
	is_str(sysfs_attr(0, "fresh", attr, sizeof(attr)), "1", "fresh");
	persocard_card_close(card);

	is_int(persocard_maker_factory_reset(1), 0, "factory reset card 1");
	is_str(sysfs_attr(1, "state", attr, sizeof(attr)), "semi-finished",
	       "personalized card is blank again");
	expect_errno(persocard_maker_factory_reset(NR_CARDS), ENOENT,
		     "factory reset a card that does not exist");
}

int main(void)
{
	unsigned int i;
	int ret;

	plan(248);
	memset(filler, 0x11, sizeof(filler));

	test_names();

	/* Start from no module at all, so the cards are fresh. */
	is_int(persocard_maker_module_unload(NULL), 0, "no module to start with");
	ret = persocard_maker_module_load("persocard", "nr_cards=4");
	if (!is_int(ret, 0, "load the module with 4 cards")) {
		diag("errno %s", errname(errno));
		bail_out("cannot load persocard");
		return 1;
	}

	test_iter();
	test_open();
	test_queries();
	for (i = 0; i < 3; i++)
		personalize(i + 1, &profiles[i]);
	test_read();
	test_sessions();
	test_refusals();
	test_factory_reset();

	is_int(persocard_maker_module_unload(NULL), 0, "unload the module");
	is_int(list_cards(NULL, 0), 0, "no cards left");
	return done();
}
