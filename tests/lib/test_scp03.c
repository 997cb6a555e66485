// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libpersocard's SCP03 host against the real module: a card of each
 * profile personalized at each of the five security levels through
 * TRANSMIT (and once through an APDU transport), the receipt checked, the
 * public elements read back; then the bad inputs of issue 12, each with
 * its status word and the state the interface promises, sent as raw
 * APDUs built with the library's own host crypto (compiled in: it is not
 * exported).  Runs as root in the guest; loads the module with four cards
 * and leaves it unloaded.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <libpersocard.h>
#include <persocard-maker.h>

#include "../../userspace/lib/scp03_host.c"

#include "check.h"
#include "tap.h"

#define NR_CARDS	4

struct value {
	const char *name;
	const char *hex;
};

/* As test_card.c's: every mandatory element, some optional ones. */
static const struct value payment_values[] = {
	{ "records", "7003570100" },
	{ "pan", "5413330089600010" },
	{ "expiry", "291231" },
	{ "cardholder", "444F452F4A4F484E" },
	{ "select_response", "6F0184" },
	{ "gpo_response", "770182" },
	{ "key_check_values", "8B4F271C9A05" },
	{ "pin_try_limit", "0303" },
	{ "icc_keys", "111111111111111111111111111111111111111111111111"
		      "111111111111111111111111111111111111111111111111" },
	{ "pin_block", "1111111111111111" },
	{ NULL, NULL },
};

static const struct value sim_values[] = {
	{ "iccid", "89440123456789012345" },
	{ "imsi", "082980012345678901" },
	{ "spn", "504552534F4E4554" },
	{ "service_table", "FF3F0001" },
	{ "ki", "22222222222222222222222222222222" },
	{ "opc", "33333333333333333333333333333333" },
	{ "pin1", "3132333400000000" },
	{ "puk1", "3132333435363738" },
	{ NULL, NULL },
};

static const struct value identity_values[] = {
	{ "document_number", "5831323334353637" },
	{ "surname", "444F45" },
	{ "given_names", "4A414E45204D415259" },
	{ "birth_date", "900115" },
	{ "expiry", "311231" },
	{ "nationality", "55544F" },
	{ "certificate", NULL },	/* 600 bytes: three STORE DATA */
	{ "auth_key", "4444444444444444444444444444444444444444444444444444444444444444" },
	{ "pin", "3132333435360000" },
	{ NULL, NULL },
};

struct profile_case {
	unsigned int profile;
	const char *name;
	const struct value *values;
	const char *public;	/* read back after LOCK */
};

static const struct profile_case profiles[] = {
	{ PERSOCARD_PROFILE_PAYMENT, "payment", payment_values, "pan" },
	{ PERSOCARD_PROFILE_SIM, "sim", sim_values, "iccid" },
	{ PERSOCARD_PROFILE_IDENTITY, "identity", identity_values, "surname" },
};

static const unsigned int levels[] = { 0x01, 0x03, 0x11, 0x13, 0x33 };

static const char keys_hex[] =
	"000102030405060708090a0b0c0d0e0f000102030405060708090a0b0c0d0e0f"
	"101112131415161718191a1b1c1d1e1f101112131415161718191a1b1c1d1e1f"
	"202122232425262728292a2b2c2d2e2f202122232425262728292a2b2c2d2e2f";

static int nibble(char c)
{
	return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

static void unhex(const char *s, uint8_t *out, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		out[i] = nibble(s[2 * i]) << 4 | nibble(s[2 * i + 1]);
}

static void make_keys(struct persocard_scp03_keys *k, uint8_t kvn, int len)
{
	memset(k, 0, sizeof(*k));
	k->kvn = kvn;
	k->len = len;
	unhex(keys_hex, k->enc, len);
	unhex(keys_hex + 64, k->mac, len);
	unhex(keys_hex + 128, k->dek, len);
}

/* "KVN ENC MAC DEK" into the card's sysfs scp03_keys. */
static int set_card_keys(unsigned int index, const struct persocard_scp03_keys *k)
{
	char text[8 + 3 * (2 * PERSOCARD_SCP03_KEY_MAX + 1)], *p = text;
	const uint8_t *keys[3] = { k->enc, k->mac, k->dek };
	int i, j;

	p += sprintf(p, "%02X", k->kvn);
	for (i = 0; i < 3; i++) {
		*p++ = ' ';
		for (j = 0; j < k->len; j++)
			p += sprintf(p, "%02X", keys[i][j]);
	}
	strcpy(p, "\n");
	return sysfs_set(index, "scp03_keys", text);
}

/* A fresh card of @profile, SCP03 with @k (NULL: the perso code). */
static int fresh_card(unsigned int index, const char *profile,
		      const struct persocard_scp03_keys *k)
{
	char attr[16];

	if (persocard_maker_factory_reset(index) ||
	    sysfs_set(index, "profile", profile))
		return -1;
	/* The keys outlive a factory reset, as the perso code does. */
	if (k ? set_card_keys(index, k) : sysfs_set(index, "scp03_keys", "none\n"))
		return -1;
	return strcmp(sysfs_attr(index, "auth", attr, sizeof(attr)),
		      k ? "scp03" : "code") ? -1 : 0;
}

static char *data_file(const struct profile_case *pc)
{
	static char text[4096];
	const struct value *v;
	char *p = text;
	int i;

	p += sprintf(p, "profile %s\n", pc->name);
	for (v = pc->values; v->name; v++) {
		p += sprintf(p, "%s ", v->name);
		if (v->hex) {
			p += sprintf(p, "%s\n", v->hex);
			continue;
		}
		for (i = 0; i < 600; i++)
			p += sprintf(p, "%02X", i & 0xFF);
		*p++ = '\n';
	}
	*p = '\0';
	return text;
}

struct steps {
	unsigned int nr, stores;
	enum persocard_step_cmd cmd[64];
	int error[64];
	uint16_t sw[64];
	unsigned int state[64];
};

static void record(const struct persocard_step *step, void *data)
{
	struct steps *s = data;

	if (step->cmd == PERSOCARD_STEP_STORE)
		s->stores++;
	if (s->nr < 64) {
		s->cmd[s->nr] = step->cmd;
		s->error[s->nr] = step->error;
		s->sw[s->nr] = step->sw;
		s->state[s->nr] = step->state;
		s->nr++;
	}
}

static int steps_in_order(const struct steps *s)
{
	static const enum persocard_step_cmd head[] = {
		PERSOCARD_STEP_SELECT, PERSOCARD_STEP_ENABLE,
		PERSOCARD_STEP_INIT_UPDATE, PERSOCARD_STEP_EXT_AUTH,
	};
	unsigned int i;

	if (s->nr < 6 || s->nr != 5 + s->stores)
		return 0;
	for (i = 0; i < 4; i++)
		if (s->cmd[i] != head[i])
			return 0;
	for (; i < s->nr - 1; i++)
		if (s->cmd[i] != PERSOCARD_STEP_STORE)
			return 0;
	for (i = 0; i < s->nr; i++)
		if (s->error[i] || s->sw[i] != 0x9000)
			return 0;
	return s->cmd[s->nr - 1] == PERSOCARD_STEP_SET_STATUS;
}

/* GET DATA through TRANSMIT outside a session: the response data. */
static int get_data(struct persocard_card *card, uint16_t tag, uint8_t *out,
		    size_t *len)
{
	uint8_t cmd[5] = { 0x80, 0xCA, tag >> 8, tag & 0xFF, 0x00 };
	uint8_t resp[258];
	size_t n = 0;

	if (persocard_card_transmit(card, cmd, 5, resp, sizeof(resp), &n) ||
	    n < 2 || resp[n - 2] != 0x90 || resp[n - 1] != 0x00)
		return -1;
	memcpy(out, resp, n - 2);
	*len = n - 2;
	return 0;
}

/* The STATUS ioctl's flags, SCP03 and SECURE included (raw: no getter). */
static unsigned int status_flags(struct persocard_card *card)
{
	struct persocard_status st;

	memset(&st, 0, sizeof(st));
	if (ioctl(persocard_card_fd(card), PERSOCARD_IOC_STATUS, &st))
		return 0;
	return st.flags;
}

static int apdu_transmit(void *data, const uint8_t *cmd, size_t len,
			 uint8_t *resp, size_t size, size_t *resp_len)
{
	return persocard_card_transmit(data, cmd, len, resp, size, resp_len);
}

static void personalize(unsigned int index, const struct profile_case *pc,
			unsigned int level, int key_len, int over_apdus)
{
	struct persocard_scp03_keys keys;
	const struct persocard_tag *tag;
	struct persocard_transport *t;
	struct persocard_datafile *df;
	struct persocard_diag pd;
	struct persocard_card *card;
	struct steps s = { 0 };
	const struct value *pub;
	uint8_t buf[64], want[64];
	char what[64];
	struct tstatus st;
	unsigned int flags, i;
	size_t len;
	int ret;

	snprintf(what, sizeof(what), "%s at %02X, AES-%d%s", pc->name, level,
		 key_len * 8, over_apdus ? ", APDU transport" : "");
	make_keys(&keys, 0x30 + key_len / 8, key_len);
	if (!ok(!fresh_card(index, pc->name, &keys), "%s: a fresh SCP03 card",
		what)) {
		skip(7, "no card");
		return;
	}
	card = persocard_card_open_index(index);
	df = persocard_datafile_parse(data_file(pc), strlen(data_file(pc)),
				      NULL, &pd);
	if (!card || !df) {
		bail_out(df ? "cannot open a card" : pd.message);
		exit(1);
	}
	t = over_apdus ? persocard_transport_new_apdu(apdu_transmit, card) :
			 persocard_transport_new_card(card);
	errno = 0;
	ret = persocard_personalize_scp03(t, df, &keys, level,
					  over_apdus ? PERSOCARD_PERSO_STATE : 0,
					  record, &s);
	if (!is_int(ret, 0, "%s: persocard_personalize_scp03", what))
		diag("errno %s, sw %04X, after %u steps", errname(errno),
		     persocard_transport_last_sw(t), s.nr);
	ok(steps_in_order(&s),
	   "%s: SELECT, ENABLE, INIT UPDATE, EXT AUTH, %u STORE DATA, SET STATUS, each 9000, the receipt matched",
	   what, s.stores);
	if (over_apdus && !ok(s.nr > 5 && s.state[1] == PERSOCARD_STATE_READY &&
			      s.state[3] == PERSOCARD_STATE_PERSONALIZING &&
			      s.state[s.nr - 2] == PERSOCARD_STATE_PERSONALIZING &&
			      s.state[s.nr - 1] == PERSOCARD_STATE_PERSONALIZED,
			      "%s: the state after each step, wrapped GET STATUS under the channel",
			      what))
		for (i = 0; i < s.nr; i++)
			diag("step %u: cmd %d state %u", i, s.cmd[i], s.state[i]);
	get_status(card, &st);
	is_int(st.state, PERSOCARD_STATE_PERSONALIZED, "%s: PERSONALIZED", what);
	flags = status_flags(card);
	if (!ok((flags & PERSOCARD_STATUS_SCP03) &&
		!(flags & (PERSOCARD_STATUS_SECURE | PERSOCARD_STATUS_SESSION)),
		"%s: an SCP03 card, no session or channel left open", what))
		diag("flags %x", flags);

	for (pub = pc->values; strcmp(pub->name, pc->public); pub++)
		;
	len = strlen(pub->hex) / 2;
	unhex(pub->hex, want, len);
	memset(buf, 0, sizeof(buf));
	tag = persocard_card_find_tag(card, pc->public);
	ok(tag && persocard_card_read(card, persocard_tag_get_tag(tag), buf,
				      sizeof(buf)) == (ssize_t)len &&
	   !memcmp(buf, want, len),
	   "%s: GET DATA %s gives what was stored", what, pc->public);
	ok(!get_data(card, 0x00E0, buf, &len) && len == 20 && buf[0] == 0xE0 &&
	   buf[5] == keys.kvn && buf[7] == key_len,
	   "%s: key information template: KVN %02X, AES, %d bytes", what,
	   keys.kvn, key_len);
	persocard_transport_free(t);
	persocard_datafile_free(df);
	persocard_card_close(card);
	persocard_scp03_keys_wipe(&keys);
}

/* A raw session: the library's host crypto, the test's own APDUs. */
struct raw {
	struct persocard_card *card;
	struct scp03_session s;
	uint16_t sw;
	uint8_t resp[258];
	size_t len;
};

static uint16_t send_raw(struct raw *r, const void *apdu, size_t len)
{
	size_t n = 0;

	r->len = 0;
	if (persocard_card_transmit(r->card, apdu, len, r->resp,
				    sizeof(r->resp), &n) || n < 2)
		return r->sw = 0;
	r->len = n - 2;
	return r->sw = r->resp[n - 2] << 8 | r->resp[n - 1];
}

static const uint8_t select_isd[] = {
	0x00, 0xA4, 0x04, 0x00, 0x08, 0xA0, 0x00, 0x00, 0x01, 0x51, 0x00,
	0x00, 0x00, 0x00,
};
static const uint8_t enable[] = { 0x80, 0xE6, 0x20, 0x00 };

/* SELECT, ENABLE, INITIALIZE UPDATE: the SW of the last. */
static uint16_t raw_init_update(struct raw *r,
				const struct persocard_scp03_keys *keys,
				uint8_t kvn)
{
	uint8_t apdu[16], hc[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };

	if (send_raw(r, select_isd, sizeof(select_isd)) != 0x9000 ||
	    send_raw(r, enable, sizeof(enable)) != 0x9000)
		return r->sw;
	if (send_raw(r, apdu, scp03_init_update(apdu, kvn, hc)) != 0x9000)
		return r->sw;
	if (scp03_begin(&r->s, keys, hc, r->resp, r->len))
		return r->sw = 0;
	return r->sw;
}

/* ... and EXTERNAL AUTHENTICATE at @level; @bad flips the cryptogram. */
static uint16_t raw_open(struct raw *r, const struct persocard_scp03_keys *keys,
			 unsigned int level, int bad)
{
	uint8_t apdu[32];

	if (raw_init_update(r, keys, keys->kvn) != 0x9000)
		return r->sw;
	if (bad)
		r->s.host_cryptogram[0] ^= 0x01;
	return send_raw(r, apdu, scp03_ext_auth(&r->s, level, apdu));
}

/* One wrapped STORE DATA; @apdu keeps it for a replay. */
static uint16_t raw_store(struct raw *r, uint8_t p1, uint8_t p2,
			  const uint8_t *dgis, size_t len, uint8_t *apdu,
			  size_t *apdu_len, int tamper)
{
	struct scp03_apdu cmd = {
		.cla = 0x80, .ins = 0xE2, .p1 = p1, .p2 = p2, .data = dgis,
		.len = len,
	};
	uint8_t buf[300];
	size_t n;

	if (!apdu)
		apdu = buf;
	n = scp03_wrap(&r->s, &cmd, apdu, 300);
	if (apdu_len)
		*apdu_len = n;
	if (tamper)
		apdu[n - 1] ^= 0x80;	/* the C-MAC's last byte */
	return send_raw(r, apdu, n);
}

static void expect_state(struct persocard_card *card, unsigned int state,
			 unsigned int tries, const char *what)
{
	struct tstatus st;

	get_status(card, &st);
	ok(st.state == state && st.tries_left == tries &&
	   !(st.flags & PERSOCARD_STATUS_SESSION),
	   "%s: %s, %u tries left, no session", what,
	   persocard_state_name(state), tries);
	if (st.state != state || st.tries_left != tries)
		diag("got %s, %u tries, flags %x",
		     persocard_state_name(st.state) ?: "?", st.tries_left,
		     st.flags);
}

static void sw_is(uint16_t got, uint16_t want, const char *what)
{
	if (!ok(got == want, "%s: %04X", what, want))
		diag("got %04X", got);
}

/* pan's DGI, 5A00, plaintext: the payment profile's first public element. */
static const uint8_t pan_dgi[] = { 0x5A, 0x00, 0x08, 0x54, 0x13, 0x33, 0x00,
				   0x89, 0x60, 0x00, 0x10 };

static void test_bad_inputs(void)
{
	struct persocard_scp03_keys keys, other;
	struct persocard_transport *t;
	struct persocard_datafile *df;
	struct raw r = { 0 };
	uint8_t apdu[300], dgi[64], replay[300];
	size_t n, rlen;
	struct steps s = { 0 };
	unsigned int i;
	int ret;

	make_keys(&keys, 0x30, 16);
	if (!ok(!fresh_card(0, "payment", &keys), "card 0: a fresh SCP03 payment card")) {
		skip(30, "no card");
		return;
	}
	r.card = persocard_card_open_index(0);
	if (!r.card) {
		bail_out("cannot open card 0");
		exit(1);
	}

	/* Other keys: the card cryptogram is wrong, nothing more is sent. */
	make_keys(&other, 0x30, 16);
	other.enc[0] ^= 1;
	other.mac[0] ^= 1;
	df = persocard_datafile_parse(data_file(&profiles[0]),
				      strlen(data_file(&profiles[0])), NULL, NULL);
	t = persocard_transport_new_card(r.card);
	errno = 0;
	ret = persocard_personalize_scp03(t, df, &other, 0x13, 0, record, &s);
	ok(ret == -1 && errno == EKEYREJECTED && s.nr == 3 &&
	   s.cmd[2] == PERSOCARD_STEP_INIT_UPDATE && s.error[2] == EKEYREJECTED,
	   "other keys: EKEYREJECTED after INITIALIZE UPDATE, no EXTERNAL AUTHENTICATE sent");
	persocard_card_reset(r.card);
	expect_state(r.card, PERSOCARD_STATE_SEMI_FINISHED, 3,
		     "other keys: no try spent");

	/* Wrong KVN: 6A88, the session aborts. */
	other = keys;
	other.kvn = 0x31;
	sw_is(raw_init_update(&r, &keys, 0x31), 0x6A88,
	      "INITIALIZE UPDATE with KVN 31 on a KVN 30 card");
	expect_state(r.card, PERSOCARD_STATE_SEMI_FINISHED, 3, "wrong KVN");
	errno = 0;
	s.nr = 0;
	ret = persocard_personalize_scp03(t, df, &other, 0x01, 0, record, &s);
	ok(ret == -1 && errno == EREMOTEIO && persocard_transport_last_sw(t) == 0x6A88,
	   "the library with KVN 31: EREMOTEIO, 6A88");

	/* EXTERNAL AUTHENTICATE without INITIALIZE UPDATE: 6985. */
	send_raw(&r, select_isd, sizeof(select_isd));
	send_raw(&r, enable, sizeof(enable));
	memset(apdu, 0x55, sizeof(apdu));
	memcpy(apdu, "\x84\x82\x01\x00\x10", 5);
	sw_is(send_raw(&r, apdu, 21), 0x6985,
	      "EXTERNAL AUTHENTICATE without INITIALIZE UPDATE");
	expect_state(r.card, PERSOCARD_STATE_SEMI_FINISHED, 3, "EXT AUTH alone");

	/* PUT PERSO DATA and VERIFY on an SCP03 card: 6985. */
	expect_ok(r.card, persocard_card_enable(r.card), "ENABLE (ioctl) on an SCP03 card");
	expect_sw(r.card, persocard_card_put(r.card, 0x5A00, pan_dgi + 3, 8),
		  0x6985, "PUT PERSO DATA on an SCP03 card");
	expect_state(r.card, PERSOCARD_STATE_SEMI_FINISHED, 3, "PUT on SCP03");
	persocard_card_enable(r.card);
	expect_sw(r.card, persocard_card_verify(r.card, "1234", 4, NULL),
		  0x6985, "VERIFY PERSO CODE on an SCP03 card");
	expect_state(r.card, PERSOCARD_STATE_SEMI_FINISHED, 3, "VERIFY on SCP03");

	/* A tampered C-MAC: 6982, the session aborts, tries untouched. */
	sw_is(raw_open(&r, &keys, 0x01, 0), 0x9000, "open a channel at 01");
	sw_is(raw_store(&r, 0x08, 0, pan_dgi, sizeof(pan_dgi), NULL, NULL, 1),
	      0x6982, "STORE DATA with a tampered C-MAC");
	ok(r.len == 0, "no R-MAC, no data with 6982");
	expect_state(r.card, PERSOCARD_STATE_SEMI_FINISHED, 3, "tampered C-MAC");

	/* A replayed command: 6982. */
	sw_is(raw_open(&r, &keys, 0x11, 0), 0x9000, "open a channel at 11");
	sw_is(raw_store(&r, 0x08, 0, pan_dgi, sizeof(pan_dgi), replay, &rlen, 0),
	      0x9000, "STORE DATA block 0");
	n = r.len + 2;
	memcpy(apdu, r.resp, r.len);
	apdu[r.len] = 0x90;
	apdu[r.len + 1] = 0x00;
	ok(r.len == 8 && !scp03_unwrap(&r.s, apdu, n, apdu + 16, &n) && n == 0,
	   "its response carries a good R-MAC");
	sw_is(send_raw(&r, replay, rlen), 0x6982, "the same STORE DATA again");
	expect_state(r.card, PERSOCARD_STATE_SEMI_FINISHED, 3, "replay");

	/* STORE DATA out of sequence: 6A86. */
	raw_open(&r, &keys, 0x03, 0);
	sw_is(raw_store(&r, 0x08, 1, pan_dgi, sizeof(pan_dgi), NULL, NULL, 0),
	      0x6A86, "STORE DATA block 1 first");
	expect_state(r.card, PERSOCARD_STATE_SEMI_FINISHED, 3, "out of sequence");

	/* A DGI overrunning the last command: 6A80. */
	raw_open(&r, &keys, 0x03, 0);
	sw_is(raw_store(&r, 0x88, 0, pan_dgi, sizeof(pan_dgi) - 3, NULL, NULL, 0),
	      0x6A80, "a DGI of 8 bytes with 5 in the last block");
	expect_state(r.card, PERSOCARD_STATE_SEMI_FINISHED, 3, "overrun");

	/* A secret element's DGI in plaintext: 6A80. */
	raw_open(&r, &keys, 0x03, 0);
	memcpy(dgi, "\x80\x10\x08", 3);	/* pin_block, 8 bytes */
	memset(dgi + 3, 0x11, 8);
	sw_is(raw_store(&r, 0x88, 0, dgi, 11, NULL, NULL, 0), 0x6A80,
	      "pin_block (secret) as a plaintext DGI");
	expect_state(r.card, PERSOCARD_STATE_SEMI_FINISHED, 3, "plaintext secret");

	/* Wrong host cryptograms: 63C2, 63C1, 63C0 and BLOCKED. */
	for (i = 0; i < 3; i++) {
		char what[64];

		snprintf(what, sizeof(what), "wrong host cryptogram %u", i + 1);
		sw_is(raw_open(&r, &keys, 0x13, 1), 0x63C2 - i, what);
		expect_state(r.card, i < 2 ? PERSOCARD_STATE_SEMI_FINISHED :
			     PERSOCARD_STATE_BLOCKED, 2 - i, what);
	}
	sw_is(send_raw(&r, select_isd, sizeof(select_isd)), 0x9000,
	      "a BLOCKED card still answers SELECT");
	ok(send_raw(&r, enable, sizeof(enable)) == 0x6985 ||
	   r.sw == 0x6983, "but no ENABLE (%04X)", r.sw);

	/* A try spent, then the right one: the counter is back at 3. */
	fresh_card(0, "payment", &keys);
	sw_is(raw_open(&r, &keys, 0x01, 1), 0x63C2, "one wrong host cryptogram");
	sw_is(raw_open(&r, &keys, 0x01, 0), 0x9000, "then the right one");
	{
		struct tstatus st;

		get_status(r.card, &st);
		ok(st.tries_left == 3 && st.state == PERSOCARD_STATE_PERSONALIZING &&
		   (status_flags(r.card) & PERSOCARD_STATUS_SECURE),
		   "PERSONALIZING under the channel, tries back at 3");
	}
	persocard_card_reset(r.card);

	/* STORE DATA on a code card in READY: 6985. */
	ok(!fresh_card(0, "payment", NULL), "card 0 back to the perso code");
	expect_ok(r.card, persocard_card_enable(r.card), "ENABLE a code card");
	memcpy(apdu, "\x80\xE2\x88\x00", 4);
	apdu[4] = sizeof(pan_dgi);
	memcpy(apdu + 5, pan_dgi, sizeof(pan_dgi));
	sw_is(send_raw(&r, apdu, 5 + sizeof(pan_dgi)), 0x6985,
	      "STORE DATA on a code card in READY");
	expect_state(r.card, PERSOCARD_STATE_SEMI_FINISHED, 3, "STORE on a code card");
	memcpy(apdu, "\x80\x50\x00\x00\x08\x01\x02\x03\x04\x05\x06\x07\x08\x00", 14);
	persocard_card_enable(r.card);
	sw_is(send_raw(&r, apdu, 14), 0x6985, "INITIALIZE UPDATE on a code card");

	scp03_end(&r.s);
	persocard_transport_free(t);
	persocard_datafile_free(df);
	persocard_card_close(r.card);
	persocard_scp03_keys_wipe(&keys);
	persocard_scp03_keys_wipe(&other);
}

int main(void)
{
	static const int key_lens[] = { 16, 24, 32 };
	unsigned int p, l;
	int ret;

	plan(0);
	is_int(persocard_maker_module_unload(NULL), 0, "no module to start with");
	ret = persocard_maker_module_load("persocard", "nr_cards=4");
	if (!is_int(ret, 0, "load the module with 4 cards")) {
		diag("errno %s", errname(errno));
		bail_out("cannot load persocard");
		return 1;
	}

	for (p = 0; p < 3; p++)
		for (l = 0; l < 5; l++)
			personalize(p + 1, &profiles[p], levels[l],
				    key_lens[(p + l) % 3], 0);
	personalize(1, &profiles[0], 0x33, 32, 1);
	personalize(3, &profiles[2], 0x13, 16, 1);
	test_bad_inputs();

	is_int(persocard_maker_module_unload(NULL), 0, "unload the module");
	return done();
}
