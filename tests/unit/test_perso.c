// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Host-side unit tests of the APDU encoding of each command and of
 * persocard_personalize(), over a card in memory (fake_card.h): the bytes
 * sent, chaining, the steps reported, refusals and transports that fail.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libpersocard.h>

#include "../lib/tap.h"
#include "fake_card.h"

#define KEY	"0123456789ABCDEF0123456789ABCDEF"

struct log {
	unsigned int nr;
	struct persocard_step steps[16];
	uint16_t missing[PERSOCARD_MAX_TAGS];
};

static void record(const struct persocard_step *step, void *data)
{
	struct log *l = data;

	if (l->nr < 16)
		l->steps[l->nr++] = *step;
	if (step->missing && step->nr_missing)
		memcpy(l->missing, step->missing,
		       step->nr_missing * sizeof(*l->missing));
}

static struct persocard_datafile *parse(const char *text)
{
	struct persocard_diag d;
	struct persocard_datafile *df;

	df = persocard_datafile_parse(text, strlen(text), NULL, &d);
	if (!df)
		bail_out(d.message);
	return df;
}

static int sent(const struct fake_card *c, size_t i, const void *apdu,
		size_t len)
{
	return i < c->nr && c->len[i] == len && !memcmp(c->apdu[i], apdu, len);
}

static void test_encoding(void)
{
	char text[64 + 2 * 600];
	struct fake_card c = { 0 };
	struct persocard_transport *t;
	struct persocard_datafile *df;
	struct log l = { 0 };
	uint8_t block[5 + 255];
	int ret;

	snprintf(text, 64, "pan 5413330089\nkey " KEY "\nbig ");
	memset(text + strlen(text), 'E', 2 * 600);
	text[strlen("pan 5413330089\nkey " KEY "\nbig ") + 2 * 600] = '\0';
	df = parse(text);
	t = persocard_transport_new_apdu(fake_transmit, &c);
	ret = persocard_personalize(t, df, "1234", 4, PERSOCARD_PERSO_STATE,
				    record, &l);
	is_int(ret, 0, "personalize over APDUs succeeds");
	is_int(c.nr, 8, "8 APDUs: ENABLE, VERIFY, 2 PUTs, 3 blocks, LOCK");
	ok(sent(&c, 0, "\x80\xE6\x20\x00", 4), "ENABLE PERSO: 80 E6 20 00");
	ok(sent(&c, 1, "\x80\x20\x00\x00\x04" "1234", 9),
	   "VERIFY PERSO CODE: 80 20 00 00 04 code");
	ok(sent(&c, 2, "\x80\xDA\x5A\x00\x05\x54\x13\x33\x00\x89", 10),
	   "PUT PERSO DATA: 80 DA, the tag in P1 P2, Lc, value");
	memcpy(block, "\x90\xDA\x90\x00\xFF", 5);
	memset(block + 5, 0xEE, 255);
	ok(sent(&c, 4, block, 260) && sent(&c, 5, block, 260),
	   "a 600-byte value: two blocks of 255 with CLA 90");
	memcpy(block, "\x80\xDA\x90\x00\x5A", 5);
	ok(sent(&c, 6, block, 5 + 90), "then the last 90 bytes with CLA 80");
	ok(sent(&c, 7, "\x80\xF0\x80\x0F\x00", 5),
	   "LOCK PERSO: 80 F0 80 0F with Le 00");
	is_int(l.nr, 6, "six steps reported");
	ok(l.steps[0].cmd == PERSOCARD_STEP_ENABLE && !l.steps[0].error &&
	   l.steps[0].sw == 0x9000 &&
	   l.steps[0].state == PERSOCARD_STATE_READY,
	   "ENABLE: 9000, then READY");
	ok(l.steps[2].cmd == PERSOCARD_STEP_PUT && l.steps[2].len == 5 &&
	   l.steps[2].line == 1 &&
	   !strcmp(persocard_tag_get_name(l.steps[2].tag), "pan"),
	   "PUT: the element, its length and line");
	ok(l.steps[5].cmd == PERSOCARD_STEP_LOCK &&
	   l.steps[5].state == PERSOCARD_STATE_PERSONALIZED,
	   "LOCK: PERSONALIZED");
	persocard_transport_free(t);
	persocard_datafile_free(df);
}

static void test_refusals(void)
{
	struct fake_card c = { 0 };
	struct persocard_transport *t;
	struct persocard_datafile *df;
	struct log l = { 0 };
	int ret;

	df = parse("pan 5413330089\nkey " KEY "\n");
	c.ins_refused = PERSOCARD_INS_VERIFY;
	c.refusal_sw = 0x63C2;
	t = persocard_transport_new_apdu(fake_transmit, &c);
	errno = 0;
	ret = persocard_personalize(t, df, "9999", 4, 0, record, &l);
	ok(ret == -1 && errno == EREMOTEIO, "a wrong code: EREMOTEIO");
	ok(l.nr == 2 && l.steps[1].error == EREMOTEIO &&
	   l.steps[1].sw == 0x63C2, "VERIFY reported with 63C2");
	is_int(c.nr, 2, "nothing sent after the refusal");
	is_int(persocard_transport_last_sw(t), 0x63C2, "last_sw is 63C2");
	persocard_transport_free(t);

	memset(&c, 0, sizeof(c));
	memset(&l, 0, sizeof(l));
	c.ins_refused = PERSOCARD_INS_LOCK;
	c.refusal_sw = PERSOCARD_SW_WRONG_DATA;
	c.lock_missing = (const uint8_t *)"\x80\x00\x5A\x00";
	c.lock_missing_len = 4;
	t = persocard_transport_new_apdu(fake_transmit, &c);
	ret = persocard_personalize(t, df, "1234", 4, 0, record, &l);
	ok(ret == -1 && l.nr == 5 && l.steps[4].sw == 0x6A80 &&
	   l.steps[4].nr_missing == 2 && l.missing[0] == 0x8000 &&
	   l.missing[1] == 0x5A00,
	   "LOCK refused with 6A80 lists the missing tags");
	persocard_transport_free(t);
	persocard_datafile_free(df);
}

static void test_failures(void)
{
	struct fake_card c = { 0 };
	struct persocard_transport *t;
	struct persocard_datafile *df;
	const struct persocard_profile *prof;
	const struct persocard_tag *tag;
	int ret;

	t = persocard_transport_new_apdu(fake_transmit, &c);
	prof = persocard_transport_get_profile(t);
	ok(prof && persocard_profile_get_nr_tags(prof) == FAKE_NR_TAGS &&
	   persocard_profile_get_id(prof) == PERSOCARD_PROFILE_PAYMENT,
	   "the profile, read with GET STATUS");
	tag = prof ? persocard_profile_find_tag(prof, "key") : NULL;
	ok(tag && persocard_tag_is_secret(tag) &&
	   persocard_tag_is_mandatory(tag) &&
	   persocard_tag_get_min_len(tag) == 16, "key: mandatory, secret, 16");
	ok(prof && !persocard_profile_find_tag(prof, "nope") && errno == ENOENT,
	   "an unknown name: ENOENT");
	ok(prof && persocard_profile_find_tag(prof, "0x9000") ==
	   persocard_profile_find_tag(prof, "big"), "by number or by name");

	df = parse("pan 5413330089\n");
	errno = 0;
	ret = persocard_personalize(t, df, "1234", 4, 0, NULL, NULL);
	ok(ret == -1 && errno == ENODATA && c.nr == 0,
	   "a file missing a mandatory element: ENODATA, nothing sent");
	persocard_datafile_free(df);

	df = parse("pan 5413330089\nkey " KEY "\n");
	errno = 0;
	ok(persocard_personalize(t, df, "123", 3, 0, NULL, NULL) == -1 &&
	   errno == EINVAL && c.nr == 0, "a 3-byte code: EINVAL, nothing sent");
	persocard_transport_free(t);

	memset(&c, 0, sizeof(c));
	c.unreachable = 1;
	t = persocard_transport_new_apdu(fake_transmit, &c);
	errno = 0;
	ok(!persocard_transport_get_profile(t) && errno == EIO &&
	   !persocard_transport_last_sw(t),
	   "a transport that fails: its errno, no status word");
	ok(persocard_personalize(t, df, "1234", 4, 0, NULL, NULL) == -1 &&
	   errno == EIO, "and personalize fails with it");
	persocard_transport_free(t);
	persocard_datafile_free(df);

	errno = 0;
	ok(!persocard_transport_new_apdu(NULL, NULL) && errno == EINVAL,
	   "no transmit function: EINVAL");
}

int main(void)
{
	plan(26);
	test_encoding();
	test_refusals();
	test_failures();
	return done();
}
