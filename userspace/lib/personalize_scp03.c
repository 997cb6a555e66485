// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * A whole personalization the GlobalPlatform way: SELECT of the ISD,
 * ENABLE (INSTALL [for personalization]), INITIALIZE UPDATE, EXTERNAL
 * AUTHENTICATE, STORE DATA of the DGIs, SET STATUS and its receipt; every
 * command an APDU through the transport (TRANSMIT for a card), each
 * reported to the caller as persocard_personalize() reports its own.
 */
#include <errno.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/rand.h>

#include "scp03_host.h"
#include "transport.h"

static const uint8_t isd_aid[] = { 0xA0, 0x00, 0x00, 0x01, 0x51, 0x00, 0x00, 0x00 };

struct run {
	struct persocard_transport *t;
	unsigned int flags;
	persocard_step_fn fn;
	void *data;
	struct scp03_session s;
	int channel;		/* EXTERNAL AUTHENTICATE went through */
	uint8_t resp[APDU_RESP_MAX];
	size_t resp_len;	/* data of the last response, unwrapped */
};

/*
 * One APDU; @r->resp gets the response's data.  0 on 9000; -1 with errno
 * EREMOTEIO (another status word: t->last_sw), EPROTO or the
 * transmit's errno.
 */
static int exchange(struct run *r, const uint8_t *cmd, size_t len)
{
	struct persocard_transport *t = r->t;
	size_t n = 0;
	int ret;

	t->last_sw = 0;
	r->resp_len = 0;
	if (t->card)
		ret = persocard_card_transmit(t->card, cmd, len, r->resp,
					      sizeof(r->resp), &n);
	else
		ret = t->transmit(t->data, cmd, len, r->resp,
				  sizeof(r->resp), &n);
	if (ret)
		return -1;
	if (n < 2 || n > sizeof(r->resp)) {
		OPENSSL_cleanse(r->resp, sizeof(r->resp));
		errno = EPROTO;
		return -1;
	}
	t->last_sw = r->resp[n - 2] << 8 | r->resp[n - 1];
	r->resp_len = n - 2;
	if (t->last_sw != PERSOCARD_SW_OK) {
		errno = EREMOTEIO;
		return -1;
	}
	return 0;
}

/* A command under the channel: wrapped, its response unwrapped. */
static int secure_exchange(struct run *r, const struct scp03_apdu *cmd)
{
	uint8_t apdu[5 + 255 + 1], *resp = r->resp;
	size_t n, len;
	int ret, err;

	n = scp03_wrap(&r->s, cmd, apdu, sizeof(apdu));
	if (!n)
		return -1;
	ret = exchange(r, apdu, n);
	OPENSSL_cleanse(apdu, sizeof(apdu));
	if (ret)
		return ret;
	/* unwrap in place: its output never runs ahead of its input */
	memcpy(apdu, resp, r->resp_len);
	apdu[r->resp_len] = r->t->last_sw >> 8;
	apdu[r->resp_len + 1] = r->t->last_sw & 0xFF;
	ret = scp03_unwrap(&r->s, apdu, r->resp_len + 2, resp, &len);
	err = errno;
	OPENSSL_cleanse(apdu, sizeof(apdu));
	r->resp_len = ret ? 0 : len;
	errno = err;
	return ret;
}

/* The card's state: under the channel an APDU transport's GET STATUS
 * must be wrapped too, or the card aborts the session. */
static int read_state(struct run *r)
{
	struct scp03_apdu cmd = {
		.cla = PERSOCARD_CLA, .ins = PERSOCARD_INS_GET_STATUS,
		.p1 = PERSOCARD_P1_STATUS_CARD, .p2 = 0, .has_le = 1,
	};

	if (r->t->card || !r->channel)
		return r->t->ops->state(r->t);
	if (secure_exchange(r, &cmd))
		return -1;
	if (r->resp_len != sizeof(struct persocard_apdu_status)) {
		errno = EPROTO;
		return -1;
	}
	return r->resp[0];
}

/* Tell the caller how @step went; return @ret with errno kept. */
static int report(struct run *r, struct persocard_step *step, int ret)
{
	int err = errno, state;

	step->error = ret ? err : 0;
	step->sw = r->t->last_sw;
	if (!ret && (r->flags & PERSOCARD_PERSO_STATE)) {
		state = read_state(r);
		step->state = state < 0 ? 0 : state;
		r->t->last_sw = step->sw;
	}
	if (r->fn)
		r->fn(step, r->data);
	errno = err;
	return ret;
}

static void step_init(struct persocard_step *step, enum persocard_step_cmd cmd)
{
	memset(step, 0, sizeof(*step));
	step->cmd = cmd;
}

static int select_isd(struct run *r)
{
	uint8_t apdu[5 + sizeof(isd_aid) + 1] = { 0x00, 0xA4, 0x04, 0x00,
						  sizeof(isd_aid) };

	memcpy(apdu + 5, isd_aid, sizeof(isd_aid));
	apdu[5 + sizeof(isd_aid)] = 0x00;
	return exchange(r, apdu, sizeof(apdu));
}

static int open_channel(struct run *r, const struct persocard_scp03_keys *keys,
			unsigned int level)
{
	uint8_t apdu[5 + 2 * SCP03_MAC_LEN], hc[SCP03_CHALLENGE_LEN];
	struct persocard_step step;
	size_t n;
	int ret;

	step_init(&step, PERSOCARD_STEP_INIT_UPDATE);
	if (RAND_bytes(hc, sizeof(hc)) != 1) {
		errno = EIO;
		return report(r, &step, -1);
	}
	ret = exchange(r, apdu, scp03_init_update(apdu, keys->kvn, hc));
	/* A card without these keys: nothing more is sent, no try spent. */
	if (!ret)
		ret = scp03_begin(&r->s, keys, hc, r->resp, r->resp_len);
	if (report(r, &step, ret))
		return -1;

	step_init(&step, PERSOCARD_STEP_EXT_AUTH);
	n = scp03_ext_auth(&r->s, level, apdu);
	ret = n ? exchange(r, apdu, n) : -1;
	OPENSSL_cleanse(apdu, sizeof(apdu));
	if (!ret)
		r->channel = 1;
	return report(r, &step, ret);
}

/* The DGIs in blocks of the level's most, P2 counting from 00. */
static int store_all(struct run *r, const struct dgi_stream *st)
{
	size_t max = scp03_max_data(r->s.level), off, n;
	const struct dgi_part *p;
	struct persocard_step step;
	struct scp03_apdu cmd = { .cla = PERSOCARD_CLA, .ins = 0xE2 };
	unsigned int block = 0;

	for (off = 0; off < st->len; off += n, block++) {
		n = st->len - off < max ? st->len - off : max;
		if (block > 0xFF) {
			errno = EMSGSIZE;
			return -1;
		}
		cmd.p1 = dgi_block_p1(st, off, n, off + n == st->len);
		cmd.p2 = block;
		cmd.data = st->buf + off;
		cmd.len = n;
		step_init(&step, PERSOCARD_STEP_STORE);
		p = dgi_part_at(st, off);
		step.tag = p->tag;
		step.line = p->line;
		step.len = n;
		if (report(r, &step, secure_exchange(r, &cmd)))
			return -1;
	}
	return 0;
}

/* The receipt the card should answer for @df's elements, profile order. */
static int expected_receipt(struct run *r, const struct persocard_profile *prof,
			    const struct persocard_datafile *df,
			    uint8_t out[SCP03_BLOCK])
{
	const uint8_t *values[PERSOCARD_MAX_TAGS];
	size_t lens[PERSOCARD_MAX_TAGS], i, nr = persocard_datafile_get_nr_elements(df);
	uint16_t tags[PERSOCARD_MAX_TAGS];
	const struct persocard_tag *tag;
	unsigned int j, n = 0;
	uint64_t serial = 0;

	for (j = 0; j < prof->nr_tags && j < PERSOCARD_MAX_TAGS; j++)
		for (i = 0; i < nr; i++) {
			tag = persocard_datafile_get_tag(df, i);
			if (!tag || tag->tag != prof->tags[j].tag)
				continue;
			tags[n] = tag->tag;
			values[n] = persocard_datafile_get_value(df, i, &lens[n]);
			n++;
			break;
		}
	/* KDD = 00 00 || serial (8, big-endian) */
	for (i = 2; i < SCP03_KDD_LEN; i++)
		serial = serial << 8 | r->s.kdd[i];
	return scp03_receipt(&r->s, serial, prof->id, n, tags, values, lens,
			     out);
}

static int set_status(struct run *r, const struct persocard_profile *prof,
		      const struct persocard_datafile *df)
{
	struct scp03_apdu cmd = {
		.cla = PERSOCARD_CLA, .ins = PERSOCARD_INS_LOCK,
		.p1 = PERSOCARD_P1P2_LOCK >> 8, .p2 = PERSOCARD_P1P2_LOCK & 0xFF,
		.has_le = 1,
	};
	uint8_t want[SCP03_BLOCK];
	struct persocard_step step;
	int ret;

	step_init(&step, PERSOCARD_STEP_SET_STATUS);
	ret = secure_exchange(r, &cmd);
	/* LOCK ends the session and its channel: GET STATUS goes plain. */
	r->channel = 0;
	if (!ret && r->resp_len != SCP03_BLOCK) {
		errno = EPROTO;
		ret = -1;
	}
	if (!ret)
		ret = expected_receipt(r, prof, df, want);
	/* The card stored something else than what was sent. */
	if (!ret && CRYPTO_memcmp(want, r->resp, SCP03_BLOCK)) {
		errno = EBADMSG;
		ret = -1;
	}
	OPENSSL_cleanse(want, sizeof(want));
	return report(r, &step, ret);
}

static int keys_valid(const struct persocard_scp03_keys *keys)
{
	return keys && keys->kvn >= 0x01 && keys->kvn <= 0x7F &&
	       (keys->len == 16 || keys->len == 24 || keys->len == 32);
}

static int run(struct run *r, struct persocard_datafile *df,
	       const struct persocard_scp03_keys *keys, unsigned int level)
{
	const struct persocard_profile *prof;
	struct persocard_step step;
	struct dgi_stream st;
	uint8_t enable[4];
	int ret;

	prof = r->t->ops->profile(r->t);
	if (!prof)
		return -1;
	if (!datafile_checked(df, prof) &&
	    persocard_datafile_check(df, prof, NULL))
		return -1;
	/* Encrypted before anything is sent: a failure costs the card nothing. */
	if (dgi_stream_build(&st, df, keys))
		return -1;

	step_init(&step, PERSOCARD_STEP_SELECT);
	ret = report(r, &step, select_isd(r));
	if (!ret) {
		step_init(&step, PERSOCARD_STEP_ENABLE);
		ret = report(r, &step, exchange(r, enable, apdu_enable(enable)));
	}
	if (!ret)
		ret = open_channel(r, keys, level);
	if (!ret)
		ret = store_all(r, &st);
	if (!ret)
		ret = set_status(r, prof, df);
	ret = ret ? errno : 0;
	dgi_stream_free(&st);
	errno = ret;
	return ret ? -1 : 0;
}

PERSOCARD_API int
persocard_personalize_scp03(struct persocard_transport *t,
			    struct persocard_datafile *df,
			    const struct persocard_scp03_keys *keys,
			    unsigned int level, unsigned int flags,
			    persocard_step_fn fn, void *data)
{
	struct run r = { .t = t, .flags = flags, .fn = fn, .data = data };
	int ret, err;

	if (!t || !df || !keys_valid(keys) || !scp03_level_valid(level) ||
	    (flags & ~PERSOCARD_PERSO_STATE)) {
		errno = EINVAL;
		return -1;
	}
	/* Session keys live in this call's frame, wiped when it returns. */
	ret = run(&r, df, keys, level);
	err = errno;
	scp03_end(&r.s);
	OPENSSL_cleanse(r.resp, sizeof(r.resp));
	errno = err;
	return ret;
}
