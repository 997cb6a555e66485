// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Host-side unit tests of the SCP03 side of libpersocard: key files (good
 * and bad), security level names, DGI headers, the STORE DATA blocks and
 * their P1, and persocard_personalize_scp03() over a scripted card in
 * memory that checks every C-MAC, decrypts, reassembles the DGIs and
 * answers R-MACs and a receipt, or misbehaves on purpose.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../../userspace/lib/lex.c"
#include "../../userspace/lib/scp03_host.c"
#include "../../userspace/lib/dgi.c"

#include "../lib/tap.h"
#include "fake_card.h"
#include "unit.h"

#define ENC16	"000102030405060708090a0b0c0d0e0f"
#define MAC16	"101112131415161718191a1b1c1d1e1f"
#define DEK16	"202122232425262728292a2b2c2d2e2f"

static void keyfile_bad(const char *text, int err, unsigned int line,
			const char *what)
{
	struct persocard_scp03_keys k;
	struct persocard_diag d = { 0 };
	int ret;

	memset(&k, 0xAA, sizeof(k));
	errno = 0;
	ret = persocard_scp03_keys_parse(text, strlen(text), &k, &d);
	if (!ok(ret == -1 && errno == err && d.error == err && d.line == line &&
		k.len == 0 && k.enc[0] == 0 && d.message[0],
		"key file %s: %s, line %u, keys wiped", what,
		strerrorname_np(err), line))
		diag("got %d, errno %s, line %u: %s", ret,
		     strerrorname_np(errno) ?: "0", d.line, d.message);
}

static void test_keyfile(void)
{
	static const char good[] =
		"# the bureau's keys for batch 7\n"
		"\n"
		"kvn 30\n"
		"enc " ENC16 "\n"
		"  mac 10 11 12 13 14 15 16 17 18 19 1A 1B 1C 1D 1E 1F # MAC\r\n"
		"dek\t" DEK16;
	static const char *const names[] = { "keys", NULL };
	struct persocard_scp03_keys k;
	struct persocard_diag d = { 0 };
	char dir[] = "/tmp/persocard-unit.XXXXXX", path[64];

	ok(!persocard_scp03_keys_parse(good, strlen(good), &k, &d) &&
	   k.kvn == 0x30 && k.len == 16 && k.enc[15] == 0x0F &&
	   k.mac[0] == 0x10 && k.mac[15] == 0x1F && k.dek[0] == 0x20,
	   "a key file: comments, blanks, CRLF, spaced hex, a tab");
	persocard_scp03_keys_wipe(&k);
	ok(k.len == 0 && k.mac[0] == 0 && k.kvn == 0, "wipe clears it all");
	persocard_scp03_keys_wipe(NULL);

	keyfile_bad("kvn 30\nenc " ENC16 "\nmac " MAC16 "\n", ENODATA, 0,
		    "without dek");
	keyfile_bad("kvn 30\nenc " ENC16 "\nmac " MAC16 "\nkvn 31\n", EEXIST, 4,
		    "with kvn twice");
	keyfile_bad("kvn 30\nenc " ENC16 "\nenc " ENC16 "\n", EEXIST, 3,
		    "with enc twice");
	keyfile_bad("kvn 30\nkey " ENC16 "\n", EINVAL, 2, "with an unknown word");
	keyfile_bad("kvn 80\n", EINVAL, 1, "with kvn 80");
	keyfile_bad("kvn 00\n", EINVAL, 1, "with kvn 00");
	keyfile_bad("kvn 3\n", EINVAL, 1, "with one digit of kvn");
	keyfile_bad("kvn 3031\n", EINVAL, 1, "with a two-byte kvn");
	keyfile_bad("kvn 30\nenc 0001020304050607\n", EMSGSIZE, 2,
		    "with an 8-byte key");
	keyfile_bad("kvn 30\nenc " ENC16 ENC16 "00\n", EMSGSIZE, 2,
		    "with a 33-byte key");
	keyfile_bad("kvn 30\nenc " ENC16 "\nmac " MAC16 "0011223344556677\n",
		    EINVAL, 3, "with keys of 16 and 24 bytes");
	keyfile_bad("kvn 30\nenc " ENC16 "\nmac 1g" MAC16 "\n", EINVAL, 3,
		    "with a bad digit");
	keyfile_bad("kvn 30\nenc 000\n", EINVAL, 2, "with odd digits");
	keyfile_bad("kvn 30\nenc\n", EINVAL, 2, "with no value");
	keyfile_bad("kvn 30\nenc # none\n", EINVAL, 2, "with only a comment");
	{
		/* strlen() would stop at the NUL: the length is given. */
		struct persocard_diag e = { 0 };

		errno = 0;
		ok(persocard_scp03_keys_parse("kvn 30\n\0enc\n", 12, &k, &e) == -1 &&
		   errno == EINVAL && e.line == 2,
		   "a NUL byte: EINVAL on its line");
	}
	keyfile_bad("", ENODATA, 0, "empty");

	if (!mkdtemp(dir))
		bail_out("mkdtemp");
	write_in(dir, "keys", good, strlen(good));
	snprintf(path, sizeof(path), "%s/keys", dir);
	ok(!persocard_scp03_keys_read(path, &k, &d) && k.kvn == 0x30,
	   "persocard_scp03_keys_read() of the file");
	snprintf(path, sizeof(path), "%s/none", dir);
	errno = 0;
	ok(persocard_scp03_keys_read(path, &k, &d) == -1 && errno == ENOENT &&
	   d.error == ENOENT, "a key file that does not exist: ENOENT");
	errno = 0;
	ok(persocard_scp03_keys_read(dir, &k, &d) == -1 && errno == EISDIR,
	   "a folder: EISDIR");
	cleanup(dir, names);
	persocard_scp03_keys_wipe(&k);
}

static void test_levels(void)
{
	static const struct {
		const char *s;
		int level;
	} v[] = {
		{ "cmac", 0x01 }, { "cdec", 0x03 }, { "rmac", 0x11 },
		{ "cdec-rmac", 0x13 }, { "all", 0x33 }, { "ALL", 0x33 },
		{ "01", 0x01 }, { "03", 0x03 }, { "11", 0x11 }, { "13", 0x13 },
		{ "33", 0x33 }, { "0x13", 0x13 },
		{ "00", -1 }, { "31", -1 }, { "02", -1 }, { "1", -1 },
		{ "133", -1 }, { "", -1 }, { "rmac ", -1 }, { "renc", -1 },
		{ "0x", -1 },
	};
	unsigned int i, level;
	int ret;

	for (i = 0; i < ARRAY_SIZE(v); i++) {
		level = 0xDEAD;
		errno = 0;
		ret = persocard_scp03_level_parse(v[i].s, &level);
		if (v[i].level < 0)
			ok(ret == -1 && errno == EINVAL && level == 0xDEAD,
			   "level \"%s\": EINVAL", v[i].s);
		else
			ok(!ret && level == (unsigned int)v[i].level,
			   "level \"%s\": %02X", v[i].s, v[i].level);
	}
	ok(persocard_scp03_level_parse(NULL, &level) == -1 && errno == EINVAL,
	   "level NULL: EINVAL");
}

static void test_dgi_header(void)
{
	uint8_t h[5];

	ok(dgi_header(h, 0x5A00, 0) == 3 && !memcmp(h, "\x5A\x00\x00", 3),
	   "DGI 5A00 of 0 bytes: 5A 00 00");
	ok(dgi_header(h, 0x8000, 0xFE) == 3 && !memcmp(h, "\x80\x00\xFE", 3),
	   "DGI of 254 bytes: one length byte, FE");
	ok(dgi_header(h, 0x8000, 0xFF) == 5 && !memcmp(h, "\x80\x00\xFF\x00\xFF", 5),
	   "DGI of 255 bytes: FF 00 FF");
	ok(dgi_header(h, 0x9F66, 1040) == 5 && !memcmp(h, "\x9F\x66\xFF\x04\x10", 5),
	   "DGI of 1040 bytes: FF 04 10");
}

/*
 * A scripted SCP03 card: the fake card's profile (pan, holder, key
 * secret, big), KVN 30, AES-128 keys of pysim's test set.
 */
struct scp_card {
	struct fake_card base;		/* GET STATUS, the profile */
	struct persocard_scp03_keys keys;
	struct scp03_session s;		/* the card's copy of the session */
	int open, enabled, blocks, last;
	unsigned int level;
	uint8_t stream[4096];		/* the STORE DATA data, decrypted */
	size_t stream_len;
	uint8_t p1[32];
	size_t block_len[32];
	int ext_auth_sent;
	/* misbehaviour */
	int bad_card_cryptogram, bad_rmac, bad_receipt, refuse_store;
};

static const uint8_t card_challenge[8] = { 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8 };
static const uint64_t card_serial = 0x0102030405060708ULL;

static size_t answer(uint8_t *resp, size_t n, uint16_t sw)
{
	resp[n] = sw >> 8;
	resp[n + 1] = sw & 0xFF;
	return n + 2;
}

/* The card's R-MAC and R-ENC over @data (n bytes) in @resp. */
static size_t card_wrap_response(struct scp_card *c, uint8_t *resp, size_t n)
{
	uint8_t buf[300], mac[16], iv[16];

	if (!(c->s.level & PERSOCARD_SCP03_RMAC))
		return answer(resp, n, 0x9000);
	if ((c->s.level & PERSOCARD_SCP03_RENC) && n) {
		memcpy(buf, resp, n);
		n = pad80(buf, n);
		icv(&c->s, c->s.resp_counter, 1, iv);
		aes(cbc_name(16), 1, c->s.s_enc, iv, buf, n, resp);
	}
	memcpy(buf, resp, n);
	buf[n] = 0x90;
	buf[n + 1] = 0x00;
	scp03_cmac(c->s.s_rmac, 16, c->s.chain, 16, buf, n + 2, mac);
	memcpy(resp + n, mac, 8);
	if (c->bad_rmac)
		resp[n] ^= 1;
	return answer(resp, n + 8, 0x9000);
}

/* Check a command's C-MAC, decrypt its data into @data. */
static int card_unwrap(struct scp_card *c, const uint8_t *cmd, size_t len,
		       uint8_t *data, size_t *dlen)
{
	uint8_t mac[16], iv[16];
	size_t n = cmd[4] - 8, i;

	if (len < 13 || !(cmd[0] & 0x04) || len < 5u + cmd[4])
		return -1;
	scp03_cmac(c->s.s_mac, 16, c->s.chain, 16, cmd, 5 + n, mac);
	if (memcmp(mac, cmd + 5 + n, 8))
		return -1;
	memcpy(c->s.chain, mac, 16);
	c->s.resp_counter = c->s.counter++;
	memcpy(data, cmd + 5, n);
	*dlen = n;
	if ((c->s.level & PERSOCARD_SCP03_CDEC) && n) {
		icv(&c->s, c->s.resp_counter, 0, iv);
		aes(cbc_name(16), 0, c->s.s_enc, iv, data, n, data);
		for (i = n - 1; i > 0 && !data[i]; i--)
			;
		*dlen = i;
	}
	return 0;
}

/* The receipt over the DGIs received: profile order is file order here. */
static int card_receipt(struct scp_card *c, uint8_t out[16])
{
	const uint8_t *values[8];
	uint8_t plain[8][1100];
	size_t lens[8], pos = 0, vlen, head;
	uint16_t tags[8];
	unsigned int n = 0;
	uint16_t tag;

	while (pos < c->stream_len && n < 8) {
		tag = c->stream[pos] << 8 | c->stream[pos + 1];
		vlen = c->stream[pos + 2];
		head = 3;
		if (vlen == 0xFF) {
			vlen = c->stream[pos + 3] << 8 | c->stream[pos + 4];
			head = 5;
		}
		memcpy(plain[n], c->stream + pos + head, vlen);
		lens[n] = vlen;
		if (tag == 0x8000) {	/* the secret: under the DEK */
			static const uint8_t zero[16];
			size_t i;

			aes(cbc_name(16), 0, c->keys.dek, zero, plain[n], vlen,
			    plain[n]);
			for (i = vlen - 1; i > 0 && !plain[n][i]; i--)
				;
			lens[n] = i;
		}
		tags[n] = tag;
		values[n] = plain[n];
		n++;
		pos += head + vlen;
	}
	return scp03_receipt(&c->s, card_serial, PERSOCARD_PROFILE_PAYMENT, n,
			     tags, values, lens, out);
}

static int scp_transmit(void *data, const uint8_t *cmd, size_t len,
			uint8_t *resp, size_t size, size_t *resp_len)
{
	struct scp_card *c = data;
	uint8_t plain[300], hc[8], ctx[16];
	size_t n;
	int i;

	if (c->base.nr < FAKE_MAX_APDUS && len <= sizeof(c->base.apdu[0])) {
		memcpy(c->base.apdu[c->base.nr], cmd, len);
		c->base.len[c->base.nr++] = len;
	}
	if (c->open && cmd[1] != 0xE2 && cmd[1] != PERSOCARD_INS_LOCK &&
	    cmd[1] != PERSOCARD_INS_GET_STATUS)
		goto refuse;
	switch (cmd[1]) {
	case 0xA4:			/* SELECT */
		*resp_len = answer(resp, 0, 0x9000);
		return 0;
	case PERSOCARD_INS_ENABLE:
		c->enabled = 1;
		*resp_len = answer(resp, 0, 0x9000);
		return 0;
	case 0x50:			/* INITIALIZE UPDATE */
		if (!c->enabled || cmd[2] != c->keys.kvn)
			goto refuse;
		memcpy(hc, cmd + 5, 8);
		memset(resp, 0, 10);
		for (i = 0; i < 8; i++)
			resp[2 + i] = card_serial >> (56 - 8 * i);
		resp[10] = c->keys.kvn;
		resp[11] = 0x03;
		resp[12] = 0x70;
		memcpy(resp + 13, card_challenge, 8);
		memcpy(ctx, hc, 8);
		memcpy(ctx + 8, card_challenge, 8);
		memset(&c->s, 0, sizeof(c->s));
		c->s.key_len = 16;
		scp03_kdf(c->keys.enc, 16, 4, 128, ctx, 16, c->s.s_enc);
		scp03_kdf(c->keys.mac, 16, 6, 128, ctx, 16, c->s.s_mac);
		scp03_kdf(c->keys.mac, 16, 7, 128, ctx, 16, c->s.s_rmac);
		scp03_kdf(c->s.s_mac, 16, 0, 64, ctx, 16, resp + 21);
		scp03_kdf(c->s.s_mac, 16, 1, 64, ctx, 16, c->s.host_cryptogram);
		if (c->bad_card_cryptogram)
			resp[28] ^= 1;
		memcpy(resp + 29, "\x00\x00\x01", 3);
		*resp_len = answer(resp, 32, 0x9000);
		return 0;
	case 0x82:			/* EXTERNAL AUTHENTICATE */
		c->ext_auth_sent = 1;
		c->s.level = 1;
		if (card_unwrap(c, cmd, len, plain, &n) || n != 8 ||
		    memcmp(plain, c->s.host_cryptogram, 8)) {
			*resp_len = answer(resp, 0, 0x63C2);
			return 0;
		}
		c->s.level = c->level = cmd[2];
		c->s.counter = 1;
		c->open = 1;
		*resp_len = answer(resp, 0, 0x9000);
		return 0;
	case 0xE2:			/* STORE DATA */
		if (!c->open || card_unwrap(c, cmd, len, plain, &n) ||
		    cmd[3] != c->blocks || c->blocks >= 32)
			goto refuse;
		if (c->refuse_store) {
			*resp_len = answer(resp, 0, 0x6A80);
			c->open = 0;
			return 0;
		}
		c->p1[c->blocks] = cmd[2];
		c->block_len[c->blocks++] = n;
		memcpy(c->stream + c->stream_len, plain, n);
		c->stream_len += n;
		*resp_len = card_wrap_response(c, resp, 0);
		return 0;
	case PERSOCARD_INS_GET_STATUS:
		if (!c->open)
			return fake_transmit(&c->base, cmd, len, resp, size, resp_len);
		if (card_unwrap(c, cmd, len, plain, &n))
			goto refuse;
		memset(resp, 0, 13);
		resp[0] = PERSOCARD_STATE_PERSONALIZING;
		resp[1] = PERSOCARD_PROFILE_PAYMENT;
		*resp_len = card_wrap_response(c, resp, 13);
		return 0;
	case PERSOCARD_INS_LOCK:
		if (!c->open || card_unwrap(c, cmd, len, plain, &n))
			goto refuse;
		card_receipt(c, resp);
		if (c->bad_receipt)
			resp[0] ^= 1;
		c->open = 0;
		c->last = 1;
		*resp_len = card_wrap_response(c, resp, 16);
		return 0;
	}
refuse:
	c->open = 0;
	*resp_len = answer(resp, 0, 0x6982);
	return 0;
}

struct log {
	unsigned int nr;
	struct persocard_step steps[32];
};

static void record(const struct persocard_step *step, void *data)
{
	struct log *l = data;

	if (l->nr < 32)
		l->steps[l->nr++] = *step;
}

static void card_init(struct scp_card *c)
{
	memset(c, 0, sizeof(*c));
	c->keys.kvn = 0x30;
	c->keys.len = 16;
	memcpy(c->keys.enc, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f", 16);
	memcpy(c->keys.mac, "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f", 16);
	memcpy(c->keys.dek, "\x20\x21\x22\x23\x24\x25\x26\x27\x28\x29\x2a\x2b\x2c\x2d\x2e\x2f", 16);
}

static struct persocard_datafile *datafile(size_t big)
{
	char text[4096];
	struct persocard_datafile *df;
	struct persocard_diag d;
	size_t n, i;

	n = snprintf(text, sizeof(text),
		     "pan 5413330089\nkey 0123456789ABCDEF0123456789ABCDEF\n");
	if (big) {
		n += snprintf(text + n, sizeof(text) - n, "big ");
		for (i = 0; i < big; i++)
			n += snprintf(text + n, sizeof(text) - n, "%02X",
				      (unsigned int)(i & 0xFF));
		text[n++] = '\n';
	}
	df = persocard_datafile_parse(text, n, NULL, &d);
	if (!df) {
		bail_out(d.message);
		exit(1);
	}
	return df;
}

static void test_flow(unsigned int level, size_t big, const unsigned int *blocks,
		      const uint8_t *p1s, unsigned int nr_blocks)
{
	struct persocard_datafile *df = datafile(big);
	struct persocard_transport *t;
	struct scp_card c;
	struct log l = { 0 };
	unsigned int i, good;
	int ret;

	card_init(&c);
	t = persocard_transport_new_apdu(scp_transmit, &c);
	ret = persocard_personalize_scp03(t, df, &c.keys, level,
					  PERSOCARD_PERSO_STATE, record, &l);
	if (!is_int(ret, 0, "level %02X, big %zu: personalized, receipt matched",
		    level, big))
		diag("errno %s, sw %04X", strerrorname_np(errno) ?: "0",
		     persocard_transport_last_sw(t));
	is_int(c.blocks, nr_blocks, "level %02X, big %zu: %u STORE DATA",
	       level, big, nr_blocks);
	for (i = 0, good = 1; i < nr_blocks && i < (unsigned int)c.blocks; i++)
		if (c.block_len[i] != blocks[i] || c.p1[i] != p1s[i]) {
			diag("block %u: %zu bytes, P1 %02X", i, c.block_len[i],
			     c.p1[i]);
			good = 0;
		}
	ok(good, "level %02X, big %zu: block sizes and P1 (20 with the secret DGI, 80 last)",
	   level, big);
	ok(l.nr == 5 + nr_blocks && l.steps[0].cmd == PERSOCARD_STEP_SELECT &&
	   l.steps[1].cmd == PERSOCARD_STEP_ENABLE &&
	   l.steps[2].cmd == PERSOCARD_STEP_INIT_UPDATE &&
	   l.steps[3].cmd == PERSOCARD_STEP_EXT_AUTH &&
	   l.steps[4].cmd == PERSOCARD_STEP_STORE &&
	   l.steps[4].tag && l.steps[4].tag->tag == 0x5A00 && l.steps[4].line == 1 &&
	   l.steps[l.nr - 1].cmd == PERSOCARD_STEP_SET_STATUS,
	   "level %02X: steps SELECT, ENABLE, INIT UPDATE, EXT AUTH, STORE (first: pan, line 1)..., SET STATUS",
	   level);
	ok(l.nr > 4 && l.steps[3].state == PERSOCARD_STATE_PERSONALIZING,
	   "level %02X: the state under the channel, by a wrapped GET STATUS",
	   level);
	persocard_transport_free(t);
	persocard_datafile_free(df);
}

static void test_failures(void)
{
	struct persocard_datafile *df = datafile(0);
	struct persocard_scp03_keys k;
	struct persocard_transport *t;
	struct scp_card c;
	struct log l = { 0 };
	int ret;

	card_init(&c);
	c.bad_card_cryptogram = 1;
	t = persocard_transport_new_apdu(scp_transmit, &c);
	errno = 0;
	ret = persocard_personalize_scp03(t, df, &c.keys, 0x13, 0, record, &l);
	ok(ret == -1 && errno == EKEYREJECTED && !c.ext_auth_sent &&
	   l.nr == 3 && l.steps[2].error == EKEYREJECTED && l.steps[2].sw == 0x9000,
	   "a wrong card cryptogram: EKEYREJECTED, no EXTERNAL AUTHENTICATE sent");
	persocard_transport_free(t);

	card_init(&c);
	c.bad_rmac = 1;
	l.nr = 0;
	t = persocard_transport_new_apdu(scp_transmit, &c);
	errno = 0;
	ret = persocard_personalize_scp03(t, df, &c.keys, 0x11, 0, record, &l);
	ok(ret == -1 && errno == EBADMSG && l.nr == 5 &&
	   l.steps[4].cmd == PERSOCARD_STEP_STORE && l.steps[4].error == EBADMSG,
	   "a bad R-MAC on STORE DATA: EBADMSG, nothing more sent");
	persocard_transport_free(t);

	card_init(&c);
	c.bad_rmac = 1;
	l.nr = 0;
	t = persocard_transport_new_apdu(scp_transmit, &c);
	ret = persocard_personalize_scp03(t, df, &c.keys, 0x03, 0, record, &l);
	ok(ret == 0, "the same card at 03: no R-MAC is checked");
	persocard_transport_free(t);

	card_init(&c);
	c.bad_receipt = 1;
	l.nr = 0;
	t = persocard_transport_new_apdu(scp_transmit, &c);
	errno = 0;
	ret = persocard_personalize_scp03(t, df, &c.keys, 0x33, 0, record, &l);
	ok(ret == -1 && errno == EBADMSG &&
	   l.steps[l.nr - 1].cmd == PERSOCARD_STEP_SET_STATUS &&
	   l.steps[l.nr - 1].error == EBADMSG && l.steps[l.nr - 1].sw == 0x9000,
	   "a receipt that does not match: EBADMSG on SET STATUS");
	persocard_transport_free(t);

	card_init(&c);
	c.refuse_store = 1;
	l.nr = 0;
	t = persocard_transport_new_apdu(scp_transmit, &c);
	errno = 0;
	ret = persocard_personalize_scp03(t, df, &c.keys, 0x01, 0, record, &l);
	ok(ret == -1 && errno == EREMOTEIO && persocard_transport_last_sw(t) == 0x6A80 &&
	   l.nr == 5 && l.steps[4].sw == 0x6A80 && !c.last,
	   "STORE DATA refused: EREMOTEIO, 6A80, no SET STATUS");
	persocard_transport_free(t);

	card_init(&c);
	t = persocard_transport_new_apdu(scp_transmit, &c);
	k = c.keys;
	errno = 0;
	ok(persocard_personalize_scp03(t, df, &k, 0x31, 0, NULL, NULL) == -1 &&
	   errno == EINVAL && c.base.nr == 0, "level 31: EINVAL, nothing sent");
	k.len = 20;
	errno = 0;
	ok(persocard_personalize_scp03(t, df, &k, 0x01, 0, NULL, NULL) == -1 &&
	   errno == EINVAL && c.base.nr == 0, "20-byte keys: EINVAL");
	k.len = 16;
	k.kvn = 0x80;
	errno = 0;
	ok(persocard_personalize_scp03(t, df, &k, 0x01, 0, NULL, NULL) == -1 &&
	   errno == EINVAL, "KVN 80: EINVAL");
	k.kvn = 0x30;
	errno = 0;
	ok(persocard_personalize_scp03(t, df, NULL, 0x01, 0, NULL, NULL) == -1 &&
	   errno == EINVAL, "no keys: EINVAL");
	errno = 0;
	ok(persocard_personalize_scp03(t, df, &k, 0x01, 0x2, NULL, NULL) == -1 &&
	   errno == EINVAL, "an unknown flag: EINVAL");
	k.kvn = 0x31;
	l.nr = 0;
	errno = 0;
	ok(persocard_personalize_scp03(t, df, &k, 0x01, 0, record, &l) == -1 &&
	   errno == EREMOTEIO && l.nr == 3 && l.steps[2].sw == 0x6982,
	   "a KVN the card has not: the card's refusal, EREMOTEIO");
	persocard_transport_free(t);
	persocard_datafile_free(df);
	persocard_scp03_keys_wipe(&k);
}

int main(void)
{
	/* pan DGI 3+5, key DGI 3+32 (16 padded), big DGI 5+600 = 648 bytes */
	static const unsigned int b01[] = { 247, 247, 154 };
	static const uint8_t p01[] = { 0x28, 0x08, 0x88 };
	static const unsigned int b03[] = { 239, 239, 170 };
	static const unsigned int b13small[] = { 43 };
	static const uint8_t p13small[] = { 0xA8 };
	/* 8 + 35 + 3 + 198 = 244: one block at 11, two at 13 */
	static const unsigned int b11[] = { 244 };
	static const uint8_t p11[] = { 0xA8 };
	static const unsigned int b13[] = { 239, 5 };
	static const uint8_t p13[] = { 0x28, 0x88 };

	plan(0);
	test_keyfile();
	test_levels();
	test_dgi_header();
	test_flow(0x01, 600, b01, p01, 3);
	test_flow(0x03, 600, b03, p01, 3);
	test_flow(0x13, 0, b13small, p13small, 1);
	test_flow(0x11, 198, b11, p11, 1);
	test_flow(0x13, 198, b13, p13, 2);
	test_flow(0x33, 600, b03, p01, 3);
	test_failures();
	return done();
}
