// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * persocard_card_transmit() against the real module: each APDU command's
 * good path, a value chained in blocks and one in an extended-length APDU,
 * the malformed APDUs and what they answer (changing nothing), the ATR in
 * INFO, a card out of its reader, and an APDU personalization that agrees
 * with one made through the ioctls. Runs as root in the guest; loads the
 * module with four cards and leaves it unloaded.
 */
#include <ctype.h>
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
#define CERT_LEN	600	/* three chained blocks: 255, 255, 90 */
#define PORTRAIT_LEN	700	/* one extended-length APDU */

struct rapdu {
	uint8_t data[PERSOCARD_RESPONSE_MAX_LEN];
	size_t len;	/* response data, without SW1 SW2 */
	int sw;		/* the status word, or -errno */
};

static uint8_t certificate[CERT_LEN], portrait[PORTRAIT_LEN];
static uint8_t auth_key[32], pin[8];

/* The identity elements both personalizations write, the long ones too. */
static const struct element {
	uint16_t tag;
	const char *name;
	const void *value;
	size_t len;
	int secret;
} identity[] = {
	{ 0x0101, "document_number", "X1234567", 8, 0 },
	{ 0x0102, "surname", "DOE", 3, 0 },
	{ 0x0103, "given_names", "JANE MARY", 9, 0 },
	{ 0x0104, "birth_date", "\x90\x01\x15", 3, 0 },
	{ 0x0105, "expiry", "\x31\x12\x31", 3, 0 },
	{ 0x0106, "nationality", "UTO", 3, 0 },
	{ 0x0201, "portrait", portrait, PORTRAIT_LEN, 0 },
	{ 0x0301, "certificate", certificate, CERT_LEN, 0 },
	{ 0x8101, "auth_key", auth_key, sizeof(auth_key), 1 },
	{ 0x8103, "pin", pin, sizeof(pin), 1 },
};

#define NR_IDENTITY	(sizeof(identity) / sizeof(identity[0]))

/* Hex digits, blanks between them allowed, into @buf; the byte count. */
static size_t unhex(const char *hex, uint8_t *buf, size_t size)
{
	size_t n = 0;
	int hi = -1, d;

	for (; *hex; hex++) {
		if (*hex == ' ')
			continue;
		if (!isxdigit((unsigned char)*hex) || n == size)
			abort();	/* a typo in the test itself */
		d = isdigit((unsigned char)*hex) ? *hex - '0' :
		    tolower((unsigned char)*hex) - 'a' + 10;
		if (hi < 0) {
			hi = d;
		} else {
			buf[n++] = hi << 4 | d;
			hi = -1;
		}
	}
	if (hi >= 0)
		abort();
	return n;
}

/* One exchange; the response's last two bytes must be the status word. */
static int send_raw(struct persocard_card *card, const void *cmd, size_t len,
		    struct rapdu *r)
{
	size_t n = 0;
	uint16_t sw;

	memset(r, 0, sizeof(*r));
	if (persocard_card_transmit(card, cmd, len, r->data, sizeof(r->data),
				    &n)) {
		r->sw = -errno;
		return r->sw;
	}
	sw = persocard_card_last_sw(card);
	if (n < 2 || n > sizeof(r->data) ||
	    (r->data[n - 2] << 8 | r->data[n - 1]) != sw) {
		diag("response of %zu bytes does not end in SW %04X", n, sw);
		r->sw = -EPROTO;
		return r->sw;
	}
	r->len = n - 2;
	r->sw = sw;
	return sw;
}

static int send_hex(struct persocard_card *card, const char *hex,
		    struct rapdu *r)
{
	uint8_t cmd[PERSOCARD_APDU_MAX_LEN];

	return send_raw(card, cmd, unhex(hex, cmd, sizeof(cmd)), r);
}

static int expect_apdu(struct persocard_card *card, const char *hex,
		       int want, const char *what)
{
	struct rapdu r;

	send_hex(card, hex, &r);
	if (r.sw < 0)
		diag("transmit failed: %s", errname(-r.sw));
	return is_int(r.sw, want, "%s: %s answers %04X", what, hex, want);
}

/* A PUT PERSO DATA APDU, short (Lc <= 255) or extended. */
static size_t put_apdu(uint8_t *cmd, uint8_t cla, uint16_t tag,
		       const void *value, size_t len)
{
	size_t n = 0;

	cmd[n++] = cla;
	cmd[n++] = PERSOCARD_INS_PUT;
	cmd[n++] = tag >> 8;
	cmd[n++] = tag & 0xFF;
	if (len <= 255) {
		cmd[n++] = len;
	} else {
		cmd[n++] = 0;
		cmd[n++] = len >> 8;
		cmd[n++] = len & 0xFF;
	}
	memcpy(cmd + n, value, len);
	return n + len;
}

static void sysfs_is(unsigned int index, const char *attr, const char *want,
		     const char *what)
{
	char buf[128];

	is_str(sysfs_attr(index, attr, buf, sizeof(buf)), want, "%s: %s",
	       what, attr);
}

static struct persocard_card *open_or_bail(unsigned int index)
{
	struct persocard_card *card = persocard_card_open_index(index);

	if (!ok(card != NULL, "open card %u", index)) {
		diag("errno %s", errname(errno));
		bail_out("cannot open a card");
		exit(1);
	}
	return card;
}

/* The library's own checks: nothing is sent, no status word. */
static void test_arguments(void)
{
	struct persocard_card *card = open_or_bail(1);
	uint8_t cmd[] = { 0x80, 0xF2, 0x00, 0x00, 0x00 }, resp[16];
	size_t len = 99;

	expect_errno(persocard_card_transmit(card, cmd, sizeof(cmd), NULL, 16,
					     &len), EINVAL, "a NULL response");
	expect_errno(persocard_card_transmit(card, cmd, sizeof(cmd), resp, 1,
					     &len), EINVAL,
		     "a response buffer without room for the SW");
	expect_errno(persocard_card_transmit(card, NULL, 5, resp, 16, &len),
		     EINVAL, "a NULL command with a length");
	/* Le 00 asks for 256 bytes: the card refuses a 16-byte buffer. */
	expect_errno(persocard_card_transmit(card, cmd, sizeof(cmd), resp,
					     sizeof(resp), &len), EINVAL,
		     "a response buffer shorter than Le asks");
	is_int(persocard_card_last_sw(card), 0, "that reached no card");
	is_int(len, 99, "and set no length");
	/* Le 05: the buffer fits, the card tells the right Le. */
	cmd[4] = 5;
	ok(!persocard_card_transmit(card, cmd, sizeof(cmd), resp,
				    sizeof(resp), NULL),
	   "a NULL response_len is fine");
	is_int(persocard_card_last_sw(card), 0x6C0D,
	       "GET STATUS with Le 05: 6C0D, the status is 13 bytes");
	persocard_card_close(card);
}

/* Malformed APDUs on a fresh card: each answered, nothing changes. */
static void test_malformed(void)
{
	struct persocard_card *card = open_or_bail(1);
	uint8_t big[PERSOCARD_APDU_MAX_LEN + 1];
	struct rapdu r;

	send_raw(card, big, 0, &r);
	is_int(r.sw, 0x6700, "an empty APDU: 6700");
	send_raw(card, NULL, 0, &r);
	is_int(r.sw, 0x6700, "a NULL empty APDU: 6700");
	memset(big, 0x80, sizeof(big));
	send_raw(card, big, sizeof(big), &r);
	is_int(r.sw, 0x6700, "an APDU one byte over the longest: 6700");
	expect_apdu(card, "80 E6 20", 0x6700, "three bytes");
	expect_apdu(card, "80 20 00 00 05 31 32 33", 0x6700,
		    "Lc longer than the data");
	expect_apdu(card, "80 20 00 00 00 00 00 31", 0x6700,
		    "an extended Lc of 0");
	expect_apdu(card, "80 E6 20 00 01 00", 0x6A80, "ENABLE with data not GP's");
	expect_apdu(card, "80 F2 00 00 01 00", 0x6700,
		    "GET STATUS with data");
	expect_apdu(card, "00 E6 20 00", 0x6E00, "class 00");
	expect_apdu(card, "A0 F2 00 00 00", 0x6E00, "class A0");
	expect_apdu(card, "80 12 00 00", 0x6D00, "instruction 12");
	expect_apdu(card, "90 12 00 00", 0x6D00,
		    "instruction 12, chained");
	expect_apdu(card, "80 E6 21 00", 0x6A86, "ENABLE P1 21");
	expect_apdu(card, "80 20 00 01 04 31 32 33 34", 0x6A86,
		    "VERIFY P2 01");
	expect_apdu(card, "80 F0 00 00", 0x6A86, "LOCK P1 P2 0000");
	expect_apdu(card, "80 F2 02 00 00", 0x6A86, "GET STATUS P1 02");
	expect_apdu(card, "90 E6 20 00", 0x6884, "ENABLE chained");
	expect_apdu(card, "90 F2 00 00 00", 0x6884, "GET STATUS chained");
	expect_apdu(card, "80 F2 00 00 0C", 0x6C0D, "GET STATUS Le 0C");
	expect_apdu(card, "80 F2 00 00", 0x6C0D, "GET STATUS without Le");
	expect_apdu(card, "80 F2 00 00 00 00 0C", 0x6700,
		    "GET STATUS extended Le 000C (no 6Cxx: Le is two bytes)");
	expect_apdu(card, "80 F2 01 0D 00", 0x6A88,
		    "GET STATUS of descriptor 13 (payment has 13)");

	sysfs_is(1, "state", "semi-finished", "after the malformed APDUs");
	sysfs_is(1, "fresh", "1", "after the malformed APDUs");
	sysfs_is(1, "tries_left", "3", "after the malformed APDUs");
	persocard_card_close(card);
}

/* Chains and their faults, in a session on card 1 (payment). */
static void test_chains(void)
{
	struct persocard_card *card = open_or_bail(1), *other;
	uint16_t missing[PERSOCARD_MAX_TAGS];
	unsigned int nr = 99;
	struct rapdu r;

	other = open_or_bail(1);
	expect_apdu(card, "80 E6 20 00", 0x9000, "ENABLE");
	expect_apdu(card, "80 20 00 00 04 31 32 33 34", 0x9000, "VERIFY");
	is_state(card, PERSOCARD_STATE_PERSONALIZING, "after APDU VERIFY");

	expect_apdu(card, "90 DA 01 01 02 70 03", 0x9000, "a first block");
	expect_apdu(other, "90 DA 01 01 01 57", 0x6985,
		    "a block from another handle");
	expect_apdu(card, "80 F2 00 00 00", 0x6883,
		    "GET STATUS cuts the chain");
	is_state(card, PERSOCARD_STATE_PERSONALIZING,
		 "a cut chain leaves the session");
	expect_apdu(card, "80 DA 01 01 01 00", 0x9000,
		    "the chain was dropped: a whole value of 1 byte");
	expect_apdu(card, "90 DA 01 01 02 70 03", 0x9000, "another chain");
	expect_apdu(card, "80 DA 5A 00 08 54 13 33 00 89 60 00 10", 0x6883,
		    "a block of another tag cuts it");
	is_state(card, PERSOCARD_STATE_PERSONALIZING, "the session goes on");
	expect_apdu(card, "90 CA 5A 00 00", 0x6884, "GET DATA chained");
	expect_apdu(card, "80 DA 5A 00 08 54 13 33 00 89 60 00 10", 0x9000,
		    "PUT pan");

	/* LOCK with Le lists the missing tags, big-endian, and aborts. */
	send_hex(card, "80 F0 80 0F 00", &r);
	is_int(r.sw, 0x6A80, "LOCK with mandatory elements missing: 6A80");
	ok(r.len >= 2 && r.len % 2 == 0 && r.data[0] == 0x5F &&
	   r.data[1] == 0x24, "its data lists the missing tags, expiry first");
	is_int(r.len, 2 * 7, "seven mandatory elements missing");
	is_state(card, PERSOCARD_STATE_SEMI_FINISHED, "LOCK refused: aborted");

	/* The same through the ioctl: the same list. */
	expect_apdu(card, "80 E6 20 00", 0x9000, "ENABLE again");
	expect_apdu(card, "80 20 00 00 04 31 32 33 34", 0x9000,
		    "VERIFY again");
	expect_apdu(card, "80 DA 01 01 01 00", 0x9000, "PUT records again");
	expect_apdu(card, "80 DA 5A 00 08 54 13 33 00 89 60 00 10", 0x9000,
		    "PUT pan again");
	expect_sw(card, persocard_card_lock(card, missing, &nr), 0x6A80,
		  "ioctl LOCK");
	ok(nr == r.len / 2 && nr >= 1 && missing[0] == 0x5F24,
	   "ioctl LOCK lists as many missing tags, expiry first");

	expect_apdu(card, "80 20 00 00 04 34 33 32 31", 0x6985,
		    "VERIFY out of session");
	sysfs_is(1, "tries_left", "3", "no try was spent");
	persocard_card_close(other);
	persocard_card_close(card);
}

/* GET STATUS 80 F2 00 00 against the ioctl's and sysfs's answers. */
static void check_apdu_status(struct persocard_card *card, unsigned int index,
			      const char *what)
{
	struct tstatus st;
	uint64_t serial = 0;
	struct rapdu r;
	int i;

	memset(&st, 0, sizeof(st));
	get_status(card, &st);
	send_hex(card, "80 F2 00 00 00", &r);
	is_int(r.sw, 0x9000, "%s: GET STATUS APDU", what);
	is_int(r.len, sizeof(struct persocard_apdu_status),
	       "%s: 13 bytes of status", what);
	for (i = 0; i < 8; i++)
		serial = serial << 8 | r.data[5 + i];
	ok(r.data[0] == st.state && r.data[1] == st.profile &&
	   r.data[2] == st.flags && r.data[3] == st.tries_left &&
	   r.data[4] == st.try_limit && serial == st.serial,
	   "%s: the APDU status is the ioctl's (card %u)", what, index);
}

/* ENABLE, VERIFY, PUT every element, LOCK: all as APDUs. */
static void apdu_personalize(struct persocard_card *card, unsigned int index)
{
	uint8_t cmd[PERSOCARD_APDU_MAX_LEN];
	struct tstatus st;
	unsigned int refused = 0;
	const struct element *el;
	const uint8_t *p;
	size_t left, n;
	struct rapdu r;

	check_apdu_status(card, index, "fresh identity card");
	send_hex(card, "80 F2 01 00 00", &r);
	is_int(r.sw, 0x9000, "GET STATUS of descriptor 0");
	ok(r.len == 8 + 15 && !memcmp(r.data, "\x01\x01\x00\x01\x00\x14\x01\x0B",
				       8) && !memcmp(r.data + 8, "document_number", 15),
	   "descriptor 0: 0101, 1 to 20 bytes, mandatory, of 11, its name");

	expect_apdu(card, "80 E6 20 00", 0x9000, "APDU ENABLE");
	memset(&st, 0, sizeof(st));
	get_status(card, &st);
	ok(st.state == PERSOCARD_STATE_READY &&
	   st.flags == (PERSOCARD_STATUS_SESSION | PERSOCARD_STATUS_OWNER),
	   "READY, and the ioctl sees the handle's own session");
	expect_apdu(card, "80 20 00 00 04 31 32 33 34", 0x9000, "APDU VERIFY");

	for (el = identity; el < identity + NR_IDENTITY; el++) {
		if (el->len == CERT_LEN) {
			/* In blocks of at most 255, CLA 90 on all but the last. */
			for (p = el->value, left = el->len; left; left -= n) {
				n = left > 255 ? 255 : left;
				send_raw(card, cmd,
					 put_apdu(cmd, n < left ? 0x90 : 0x80,
						  el->tag, p, n), &r);
				is_int(r.sw, 0x9000,
				       "chained PUT %s: a block of %zu", el->name,
				       n);
				p += n;
			}
			continue;
		}
		send_raw(card, cmd, put_apdu(cmd, 0x80, el->tag, el->value,
					     el->len), &r);
		if (r.sw != 0x9000) {
			diag("PUT %s: %04X", el->name, r.sw);
			refused++;
		}
	}
	is_int(refused, 0, "PUT every other element in one APDU each, %s",
	       "the 700-byte portrait extended");
	is_state(card, PERSOCARD_STATE_PERSONALIZING, "before LOCK");
	send_hex(card, "80 F0 80 0F 00", &r);
	is_int(r.sw, 0x9000, "APDU LOCK with Le");
	is_int(r.len, 0, "no data when nothing is missing");
	sysfs_is(index, "state", "personalized", "after APDU LOCK");
	check_apdu_status(card, index, "personalized");
}

static void ioctl_personalize(struct persocard_card *card)
{
	const struct element *el;
	unsigned int refused = 0;

	expect_ok(card, persocard_card_enable(card), "ioctl ENABLE");
	expect_ok(card, persocard_card_verify(card, "1234", 4, NULL),
		  "ioctl VERIFY");
	for (el = identity; el < identity + NR_IDENTITY; el++)
		if (persocard_card_put(card, el->tag, el->value, el->len))
			refused++;
	is_int(refused, 0, "ioctl PUT of every element");
	expect_ok(card, persocard_card_lock(card, NULL, NULL), "ioctl LOCK");
}

/* Both cards read back the same, through either path. */
static void compare_readback(struct persocard_card *a, struct persocard_card *b)
{
	uint8_t buf[PERSOCARD_VALUE_MAX_LEN], cmd[8];
	struct persocard_card *cards[2] = { a, b };
	unsigned int bad_ioctl = 0, bad_apdu = 0, c;
	const struct element *el;
	struct rapdu r;
	ssize_t len;

	for (c = 0; c < 2; c++) {
		for (el = identity; el < identity + NR_IDENTITY; el++) {
			len = persocard_card_read(cards[c], el->tag, buf,
						  sizeof(buf));
			if (el->secret ? len != -1 ||
			    persocard_card_last_sw(cards[c]) != 0x6982 :
			    len != (ssize_t)el->len ||
			    memcmp(buf, el->value, el->len)) {
				diag("card %c: ioctl read %s", "ab"[c], el->name);
				bad_ioctl++;
			}
			/* GET DATA, extended Le 0000: whatever the length. */
			cmd[0] = 0x80;
			cmd[1] = PERSOCARD_INS_GET_DATA;
			cmd[2] = el->tag >> 8;
			cmd[3] = el->tag & 0xFF;
			memset(cmd + 4, 0, 3);
			send_raw(cards[c], cmd, 7, &r);
			if (el->secret ? r.sw != 0x6982 || r.len :
			    r.sw != 0x9000 || r.len != el->len ||
			    memcmp(r.data, el->value, el->len)) {
				diag("card %c: APDU GET DATA %s: %04X, %zu bytes",
				     "ab"[c], el->name, r.sw, r.len);
				bad_apdu++;
			}
		}
	}
	is_int(bad_ioctl, 0,
	       "both cards read back every public value by ioctl, secrets 6982");
	is_int(bad_apdu, 0,
	       "both cards read back every public value by APDU, secrets 6982");
	expect_apdu(a, "80 CA 03 01 00", 0x6700,
		    "GET DATA of 600 bytes, short Le");
	expect_apdu(a, "80 CA 01 02 01", 0x6C03, "GET DATA surname, Le 01");
	expect_apdu(a, "80 CA 01 02 00", 0x9000, "GET DATA surname, Le 00");
	expect_apdu(a, "80 CA 01 07 00", 0x6A88, "GET DATA of an unknown tag");
	expect_apdu(a, "80 DA 01 02 03 44 4F 45", 0x6985,
		    "PUT on a personalized card");
}

/* The ATR: 3B 8B 01, "PERSO", profile, card, life cycle, TCK. */
static void check_atr(struct persocard_card *card, unsigned int index,
		      uint8_t profile, uint8_t life_cycle, const char *what)
{
	struct tinfo info;
	char hex[2 * PERSOCARD_ATR_MAX_LEN + 1], sys[128];
	uint8_t tck = 0;
	unsigned int i;

	memset(&info, 0, sizeof(info));
	expect_ok(card, get_info(card, &info), "INFO");
	ok(info.caps & PERSOCARD_CAP_TRANSMIT, "%s: CAP_TRANSMIT", what);
	is_int(info.atr_len, 15, "%s: a 15-byte ATR", what);
	if (info.atr_len > PERSOCARD_ATR_MAX_LEN)
		info.atr_len = 0;
	for (i = 1; i < info.atr_len; i++)
		tck ^= info.atr[i];
	ok(info.atr_len == 15 &&
	   !memcmp(info.atr, "\x3B\x8B\x01\x80\x57PERSO", 10) &&
	   info.atr[10] == profile && info.atr[11] == index &&
	   info.atr[12] == 0x81 && info.atr[13] == life_cycle && !tck,
	   "%s: T=1, PERSO, profile %u, card %u, life cycle %02X, TCK", what,
	   profile, index, life_cycle);
	for (i = 0; i < info.atr_len; i++)
		snprintf(hex + 2 * i, 3, "%02x", info.atr[i]);
	hex[2 * info.atr_len] = '\0';
	is_str(hex, sysfs_attr(index, "atr", sys, sizeof(sys)),
	       "%s: the ATR sysfs shows", what);
}

/* A card out of its reader: ENODEV, ENOMEDIUM at open; back in: fine. */
static void test_presence(void)
{
	struct persocard_card *card = open_or_bail(1);
	struct rapdu r;

	expect_apdu(card, "80 E6 20 00", 0x9000, "ENABLE before removal");
	is_int(sysfs_set(1, "present", "0"), 0, "take card 1 out");
	send_hex(card, "80 F2 00 00 00", &r);
	is_int(r.sw, -ENODEV, "GET STATUS APDU on a card out: ENODEV");
	is_int(persocard_card_last_sw(card), 0, "no status word");
	expect_errno(persocard_card_enable(card), ENODEV, "ioctl ENABLE");
	expect_null(persocard_card_open_index(1), ENOMEDIUM,
		    "open a card out of its reader");
	is_int(sysfs_set(1, "present", "1"), 0, "put card 1 back");
	sysfs_is(1, "state", "semi-finished", "the removal ended the session");
	expect_apdu(card, "80 F2 00 00 00", 0x9000,
		    "the old handle works again");
	expect_apdu(card, "80 E6 20 00", 0x9000, "and may start a session");
	persocard_card_close(card);
}

static void test_personalizations(void)
{
	struct persocard_card *by_ioctl, *by_apdu;
	struct tstatus a, b;

	/* Cards 0 and 3, fresh, both identity cards. */
	is_int(sysfs_set(0, "profile", "identity"), 0, "card 0: identity");
	is_int(sysfs_set(3, "profile", "identity"), 0, "card 3: identity");
	by_ioctl = open_or_bail(0);
	by_apdu = open_or_bail(3);
	check_atr(by_apdu, 3, PERSOCARD_PROFILE_IDENTITY, 0x03,
		  "fresh card 3");

	ioctl_personalize(by_ioctl);
	apdu_personalize(by_apdu, 3);

	memset(&a, 0, sizeof(a));
	memset(&b, 0xA5, sizeof(b));
	get_status(by_ioctl, &a);
	get_status(by_apdu, &b);
	ok(a.state == b.state && a.profile == b.profile &&
	   a.flags == b.flags && a.tries_left == b.tries_left &&
	   a.try_limit == b.try_limit, "both cards report the same status");
	sysfs_is(0, "state", "personalized", "ioctl card");
	compare_readback(by_ioctl, by_apdu);
	check_atr(by_apdu, 3, PERSOCARD_PROFILE_IDENTITY, 0x05,
		  "personalized card 3");
	check_atr(by_ioctl, 0, PERSOCARD_PROFILE_IDENTITY, 0x05,
		  "personalized card 0");

	persocard_card_close(by_ioctl);
	persocard_card_close(by_apdu);
}

int main(void)
{
	unsigned int i;

	plan(0);
	for (i = 0; i < CERT_LEN; i++)
		certificate[i] = i * 7;
	for (i = 0; i < PORTRAIT_LEN; i++)
		portrait[i] = 0xFF - i % 251;
	memset(auth_key, 0x11, sizeof(auth_key));
	memset(pin, 0x24, sizeof(pin));

	/* No module to start with, so the cards are fresh. */
	is_int(persocard_maker_module_unload(NULL), 0, "no module to start with");
	if (!is_int(persocard_maker_module_load("persocard", "nr_cards=4"), 0,
		    "load the module with %d cards", NR_CARDS)) {
		diag("errno %s", errname(errno));
		bail_out("cannot load persocard");
		return 1;
	}

	test_arguments();
	test_malformed();
	test_chains();
	test_presence();
	test_personalizations();

	is_int(persocard_maker_module_unload(NULL), 0, "unload the module");
	return done();
}
