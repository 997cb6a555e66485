// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Transports: the same perso commands as ioctls on an open card or as
 * APDUs through the caller's transmit function.  libpersocard links no
 * PC/SC: the caller brings it.  Each command returns 0 on 9000, else -1
 * with errno EREMOTEIO and last_sw set, or the errno of a command that
 * did not reach the card (last_sw 0).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "transport.h"

/* The ioctl transport: libpersocard's own calls. */
static int card_result(struct persocard_transport *t, int ret)
{
	t->last_sw = persocard_card_last_sw(t->card);
	return ret;
}

static int card_enable(struct persocard_transport *t)
{
	return card_result(t, persocard_card_enable(t->card));
}

static int card_verify(struct persocard_transport *t, const void *code,
		       size_t len)
{
	return card_result(t, persocard_card_verify(t->card, code, len, NULL));
}

static int card_put(struct persocard_transport *t, uint16_t tag,
		    const uint8_t *value, size_t len)
{
	return card_result(t, persocard_card_put(t->card, tag, value, len));
}

static int card_lock(struct persocard_transport *t, uint16_t *missing,
		     unsigned int *nr_missing)
{
	int ret = persocard_card_lock(t->card, missing, nr_missing);

	if (*nr_missing > PERSOCARD_MAX_TAGS)
		*nr_missing = PERSOCARD_MAX_TAGS;
	return card_result(t, ret);
}

static int card_state(struct persocard_transport *t)
{
	struct persocard_card_status *st = persocard_card_get_status(t->card);
	int state;

	if (!st)
		return -1;
	state = persocard_card_status_get_state(st);
	persocard_card_status_free(st);
	return state;
}

static const struct persocard_profile *
card_profile(struct persocard_transport *t)
{
	return persocard_card_get_profile(t->card);
}

static const struct transport_ops card_ops = {
	.enable = card_enable,
	.verify = card_verify,
	.put = card_put,
	.lock = card_lock,
	.state = card_state,
	.profile = card_profile,
};

/* The APDU transport. One exchange: the data in @resp, *len bytes. */
static int xmit(struct persocard_transport *t, const uint8_t *cmd,
		size_t cmd_len, uint8_t *resp, size_t *len)
{
	uint8_t buf[APDU_RESP_MAX];
	size_t n = 0;
	int ret;

	t->last_sw = 0;
	ret = t->transmit(t->data, cmd, cmd_len, buf, sizeof(buf), &n);
	if (ret)
		return -1;
	if (n < 2 || n > sizeof(buf)) {
		explicit_bzero(buf, sizeof(buf));
		errno = EPROTO;
		return -1;
	}
	t->last_sw = buf[n - 2] << 8 | buf[n - 1];
	if (resp)
		memcpy(resp, buf, n - 2);
	if (len)
		*len = n - 2;
	explicit_bzero(buf, sizeof(buf));
	if (t->last_sw != PERSOCARD_SW_OK) {
		errno = EREMOTEIO;
		return -1;
	}
	return 0;
}

static int apdu_enable_cmd(struct persocard_transport *t)
{
	uint8_t cmd[4];

	return xmit(t, cmd, apdu_enable(cmd), NULL, NULL);
}

static int apdu_verify_cmd(struct persocard_transport *t, const void *code,
			   size_t len)
{
	uint8_t cmd[5 + PERSOCARD_CODE_MAX_LEN];
	int ret;

	ret = xmit(t, cmd, apdu_verify(cmd, code, len), NULL, NULL);
	explicit_bzero(cmd, sizeof(cmd));
	return ret;
}

static int apdu_put_cmd(struct persocard_transport *t, uint16_t tag,
			const uint8_t *value, size_t len)
{
	uint8_t cmd[5 + APDU_BLOCK_MAX];
	size_t off = 0, n;
	int ret;

	do {
		n = len - off > APDU_BLOCK_MAX ? APDU_BLOCK_MAX : len - off;
		ret = xmit(t, cmd, apdu_put_block(cmd, tag, value + off, n,
						  off + n < len), NULL, NULL);
		off += n;
	} while (!ret && off < len);
	explicit_bzero(cmd, sizeof(cmd));
	return ret;
}

static int apdu_lock_cmd(struct persocard_transport *t, uint16_t *missing,
			 unsigned int *nr_missing)
{
	uint8_t cmd[5], resp[APDU_RESP_MAX];
	size_t len = 0, i;
	int ret;

	ret = xmit(t, cmd, apdu_lock(cmd), resp, &len);
	*nr_missing = 0;
	if (t->last_sw == PERSOCARD_SW_WRONG_DATA)
		for (i = 0; i + 1 < len && i / 2 < PERSOCARD_MAX_TAGS; i += 2)
			missing[(*nr_missing)++] = resp[i] << 8 | resp[i + 1];
	return ret;
}

/* GET STATUS 80 F2 00 00: the 13 bytes of struct persocard_apdu_status. */
static int get_status(struct persocard_transport *t,
		      struct persocard_apdu_status *st)
{
	uint8_t cmd[5], resp[APDU_RESP_MAX];
	size_t len;

	if (xmit(t, cmd, apdu_get_status(cmd), resp, &len))
		return -1;
	if (len != sizeof(*st)) {
		errno = EPROTO;
		return -1;
	}
	memcpy(st, resp, len);
	return 0;
}

static int apdu_state(struct persocard_transport *t)
{
	struct persocard_apdu_status st;

	return get_status(t, &st) ? -1 : st.state;
}

/* The profile, from the card itself, once. */
static const struct persocard_profile *
apdu_profile(struct persocard_transport *t)
{
	struct persocard_profile *prof = &t->profile;
	struct persocard_apdu_status st;
	uint8_t cmd[5], resp[APDU_RESP_MAX];
	unsigned int i, nr = 0, n;
	size_t len;

	if (t->have_profile)
		return prof;
	if (get_status(t, &st))
		return NULL;
	memset(prof, 0, sizeof(*prof));
	prof->id = st.profile;
	for (i = 0; i == 0 || i < nr; i++) {
		if (xmit(t, cmd, apdu_get_tag(cmd, i), resp, &len)) {
			/* Index 0 of an empty profile: 6A88. */
			if (!i && t->last_sw == PERSOCARD_SW_NOT_FOUND)
				break;
			return NULL;
		}
		if (apdu_tag_decode(resp, len, &prof->tags[i], &n))
			return NULL;
		if (!i)
			nr = n;
		/* The card changed its mind, or cannot count. */
		if (n != nr || nr > PERSOCARD_MAX_TAGS) {
			errno = EPROTO;
			return NULL;
		}
	}
	prof->nr_tags = nr;
	t->have_profile = 1;
	return prof;
}

static const struct transport_ops apdu_ops = {
	.enable = apdu_enable_cmd,
	.verify = apdu_verify_cmd,
	.put = apdu_put_cmd,
	.lock = apdu_lock_cmd,
	.state = apdu_state,
	.profile = apdu_profile,
};

PERSOCARD_API struct persocard_transport *
persocard_transport_new_card(struct persocard_card *card)
{
	struct persocard_transport *t;

	if (!card) {
		errno = EINVAL;
		return NULL;
	}
	t = calloc(1, sizeof(*t));
	if (!t)
		return NULL;
	t->ops = &card_ops;
	t->card = card;
	return t;
}

PERSOCARD_API struct persocard_transport *
persocard_transport_new_apdu(persocard_transmit_fn transmit, void *data)
{
	struct persocard_transport *t;

	if (!transmit) {
		errno = EINVAL;
		return NULL;
	}
	t = calloc(1, sizeof(*t));
	if (!t)
		return NULL;
	t->ops = &apdu_ops;
	t->transmit = transmit;
	t->data = data;
	return t;
}

PERSOCARD_API void persocard_transport_free(struct persocard_transport *t)
{
	free(t);
}

PERSOCARD_API const struct persocard_profile *
persocard_transport_get_profile(struct persocard_transport *t)
{
	return t->ops->profile(t);
}

PERSOCARD_API int persocard_transport_get_state(struct persocard_transport *t)
{
	return t->ops->state(t);
}

PERSOCARD_API uint16_t
persocard_transport_last_sw(const struct persocard_transport *t)
{
	return t->last_sw;
}
