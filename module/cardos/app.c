// SPDX-License-Identifier: GPL-2.0
/*
 * The applications of locked cards: finding a command in the table of the
 * card's profile, admitting it through the state machine, fitting its
 * answer to Le (GET RESPONSE keeps what Le left), and the steps every
 * application shares: reading its elements where the layout hid them, and
 * try counters that are decremented in NVM before a comparison.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <crypto/algapi.h>

#include "apdu.h"
#include "app.h"
#include "card_internal.h"

static const struct persocard_app *const persocard_apps[] = {
	&persocard_app_payment,
	&persocard_app_sim,
	&persocard_app_identity,
};

static const struct persocard_app *app_of(const struct persocard_card *card)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(persocard_apps); i++)
		if (persocard_apps[i]->profile == card->profile->id)
			return persocard_apps[i];
	return NULL;
}

static u8 class_of(u8 cla)
{
	switch (cla) {
	case PERSOCARD_CLA_ISO:
		return PERSOCARD_APP_ISO;
	case PERSOCARD_CLA:
		return PERSOCARD_APP_PROP;
	case PERSOCARD_CLA_GSM:
		return PERSOCARD_APP_GSM;
	default:
		return 0;
	}
}

static bool personalized(const struct persocard_card *card)
{
	return persocard_transition(persocard_state(card),
				    PERSOCARD_OP_APP)->accepted;
}

/* GET RESPONSE: what the last command's Le (or class A0) left waiting. */
static u16 get_response(struct persocard_card *card,
			const struct persocard_apdu *apdu, u8 *resp,
			u32 *resp_len)
{
	struct persocard_app_state *app = &card->app;
	u32 n;
	u16 left;

	if (apdu->p1 || apdu->p2)
		return PERSOCARD_SW_WRONG_P1P2;
	if (apdu->nc)
		return PERSOCARD_SW_WRONG_LENGTH;
	if (!app->pending_len)
		return PERSOCARD_SW_CONDITIONS;
	/* Without Le nothing may come back: say again what waits. */
	if (!apdu->ne)
		return PERSOCARD_SW_BYTES_REMAIN | (app->pending_len & 0xFF);
	n = min_t(u32, apdu->ne, app->pending_len);
	memcpy(resp, app->pending, n);
	*resp_len = n;
	left = app->pending_len - n;
	memmove(app->pending, app->pending + n, left);
	app->pending_len = left;
	if (left)
		return PERSOCARD_SW_BYTES_REMAIN | (left & 0xFF);
	return PERSOCARD_SW_OK;
}

/* Keep @len bytes of answer for GET RESPONSE; say how many wait. */
static u16 defer(struct persocard_card *card,
		 const struct persocard_apdu *apdu, const u8 *resp, u32 len)
{
	if (len > PERSOCARD_APP_PENDING_MAX)
		return PERSOCARD_SW_WRONG_LENGTH;
	memcpy(card->app.pending, resp, len);
	card->app.pending_len = len;
	if (apdu->cla == PERSOCARD_CLA_GSM)
		return PERSOCARD_SW_GSM_RESPONSE | (len & 0xFF);
	return PERSOCARD_SW_BYTES_REMAIN | (len & 0xFF);
}

/*
 * Fit an answer to Le, as ISO/IEC 7816-3 has a T=0 card do whatever the
 * protocol: data up to Le go back at once; a command with data (case 4)
 * whose Le is absent or short, and every GSM command with data, leave the
 * answer waiting for GET RESPONSE; a case 2 command whose Le is short
 * learns the right one (6Cxx).
 */
static u16 fit(struct persocard_card *card, const struct persocard_apdu *apdu,
	       u16 sw, const u8 *resp, u32 len, u32 *resp_len)
{
	bool gsm = apdu->cla == PERSOCARD_CLA_GSM;

	*resp_len = 0;
	if (sw != PERSOCARD_SW_OK || !len)
		return sw;
	if ((gsm && apdu->nc) || (!gsm && apdu->nc && apdu->ne < len) ||
	    (!gsm && !apdu->ne))
		return defer(card, apdu, resp, len);
	if (apdu->ne < len)
		return len <= 256 ? PERSOCARD_SW_WRONG_LE | (len & 0xFF) :
				    PERSOCARD_SW_WRONG_LENGTH;
	*resp_len = len;
	return sw;
}

static const struct persocard_app_cmd *
find_cmd(const struct persocard_app *app, u8 ins, u8 class, bool *ins_seen)
{
	unsigned int i;

	for (i = 0; i < app->nr_cmds; i++) {
		if (app->cmds[i].ins != ins)
			continue;
		*ins_seen = true;
		if (app->cmds[i].classes & class)
			return &app->cmds[i];
	}
	return NULL;
}

/**
 * persocard_app_exec() - run a command APDU of the card's application
 * @card: the card.
 * @owner: the file sending it.
 * @apdu: the command; no row of the card OS's own table took it.
 * @resp: receives the response data, %PERSOCARD_VALUE_MAX_LEN bytes.
 * @resp_len: receives its length, at most Le.
 * @ins_known: the card OS's own table has @apdu's INS in another class.
 *
 * The row of the application's table is found by INS and class; the state
 * machine then admits it (%PERSOCARD_OP_APP). Any command but GET
 * RESPONSE drops an answer left waiting.
 *
 * Return: the status word. 6D00 for an INS no table has, 6E00 for a known
 * INS in another class, both without effect; 6985 before LOCK (and the
 * owner's session aborts), or 6A82 for a SELECT by name then: no
 * application is there to be found yet. Else the command's own.
 */
u16 persocard_app_exec(struct persocard_card *card, const void *owner,
		       const struct persocard_apdu *apdu, u8 *resp,
		       u32 *resp_len, bool ins_known)
{
	const struct persocard_app *app = app_of(card);
	const struct persocard_app_cmd *cmd = NULL;
	u8 class = class_of(apdu->cla);
	bool seen = ins_known;
	u32 len = 0;
	u16 sw;

	*resp_len = 0;
	if (apdu->ins == PERSOCARD_INS_GET_RESPONSE) {
		seen = true;
		if (class & (PERSOCARD_APP_ISO | PERSOCARD_APP_GSM)) {
			sw = persocard_admit(card, owner, PERSOCARD_OP_APP);
			return sw ?: get_response(card, apdu, resp, resp_len);
		}
	} else if (app && class) {
		cmd = find_cmd(app, apdu->ins, class, &seen);
	}
	if (!cmd)
		return seen ? PERSOCARD_SW_CLA_UNKNOWN :
			      PERSOCARD_SW_INS_UNKNOWN;
	sw = persocard_admit(card, owner, PERSOCARD_OP_APP);
	if (sw)
		return apdu->ins == PERSOCARD_INS_SELECT && apdu->p1 == 0x04 &&
		       sw == PERSOCARD_SW_CONDITIONS ?
		       PERSOCARD_SW_AID_NOT_FOUND : sw;
	card->app.pending_len = 0;
	sw = cmd->exec(card, apdu, resp, &len);
	return fit(card, apdu, sw, resp, len, resp_len);
}

/**
 * persocard_app_lock() - set the application's counters at LOCK
 * @card: the card, its session's values staged.
 * @next: the record LOCK commits.
 */
void persocard_app_lock(const struct persocard_card *card,
			struct persocard_record *next)
{
	const struct persocard_app *app = app_of(card);

	if (app && app->lock)
		app->lock(card, next);
}

/**
 * persocard_app_get_data() - GET DATA of an application's own object
 * @card: the card.
 * @tag: the tag asked for.
 * @out: receives the object, as a TLV.
 * @len: receives its length.
 *
 * Return: the status word, or 0 if the card has no such object (before
 * LOCK, none): the tag is then a profile's element.
 */
u16 persocard_app_get_data(struct persocard_card *card, u16 tag, u8 *out,
			   u32 *len)
{
	const struct persocard_app *app = app_of(card);

	*len = 0;
	if (!app || !app->get_data || !personalized(card))
		return 0;
	return app->get_data(card, tag, out, len);
}

/**
 * persocard_app_reset() - forget what the application keeps in RAM
 * @card: the card.
 */
void persocard_app_reset(struct persocard_card *card)
{
	memzero_explicit(&card->app, sizeof(card->app));
}

/**
 * persocard_app_element() - read one of the card's elements, secret or not
 * @card: a PERSONALIZED card.
 * @tag: the element's tag.
 * @value: receives the value: room for the element's largest.
 * @len: receives its length.
 *
 * For the card's own use: no answer may carry a secret element.
 *
 * Return: 0; -ENOENT if the profile lacks @tag or it was not stored;
 * -EIO if NVM is unreadable.
 */
int persocard_app_element(const struct persocard_card *card, u16 tag,
			  u8 *value, u16 *len)
{
	int index = persocard_profile_index(card->profile, tag);

	*len = 0;
	if (index < 0)
		return -ENOENT;
	if (persocard_layout_read(&card->layout, persocard_nvm_data(&card->nvm),
				  persocard_nvm_data_size(&card->nvm), index,
				  value, len))
		return -EIO;
	return *len ? 0 : -ENOENT;
}

/**
 * persocard_app_staged() - a value of the session LOCK is committing
 * @card: the card.
 * @tag: the element's tag.
 * @len: receives its length, 0 if it was not sent.
 *
 * Return: the value, or NULL.
 */
const u8 *persocard_app_staged(const struct persocard_card *card, u16 tag,
			       u16 *len)
{
	int index = persocard_profile_index(card->profile, tag);

	*len = index < 0 ? 0 : card->staged_len[index];
	return *len ? card->staged[index] : NULL;
}

/**
 * persocard_app_tries() - VERIFY without data: the tries a counter has left
 * @card: the card.
 * @which: the counter.
 *
 * ISO/IEC 7816-4 11.5.6: no try is spent. A PIN verified since the last
 * reset answers 9000.
 *
 * Return: 9000, 63Cx with x tries left, or 6983 when none are.
 */
u16 persocard_app_tries(const struct persocard_card *card,
			enum persocard_app_counter which)
{
	u8 tries = which == PERSOCARD_APP_PIN ? card->rec.pin_tries :
						card->rec.puk_tries;

	if (which == PERSOCARD_APP_PIN && card->app.pin_ok)
		return PERSOCARD_SW_OK;
	return tries ? PERSOCARD_SW_VERIFY_FAILED | tries :
		       PERSOCARD_SW_AUTH_BLOCKED;
}

/**
 * persocard_app_check() - compare a PIN or PUK, counting the try first
 * @card: the card.
 * @which: the counter that pays for the try.
 * @given: what was presented, @len bytes.
 * @expected: what the card holds, @len bytes.
 * @len: bytes compared, in constant time.
 *
 * The counter is decremented in NVM before the comparison and restored
 * after a right one, so that cutting the power in between cannot buy a
 * free try (as VERIFY PERSO CODE does).
 *
 * Return: 9000; 63Cx on a wrong value, x tries left; 6983 when none were
 * left; 6581 if NVM could not be written.
 */
u16 persocard_app_check(struct persocard_card *card,
			enum persocard_app_counter which, const u8 *given,
			const u8 *expected, size_t len)
{
	bool pin = which == PERSOCARD_APP_PIN;
	u8 tries = pin ? card->rec.pin_tries : card->rec.puk_tries;
	struct persocard_record next;

	if (!tries)
		return PERSOCARD_SW_AUTH_BLOCKED;
	next = card->rec;
	if (pin)
		next.pin_tries = tries - 1;
	else
		next.puk_tries = tries - 1;
	if (persocard_update(card, &next))
		return PERSOCARD_SW_MEMORY_FAILURE;
	if (crypto_memneq(given, expected, len))
		return PERSOCARD_SW_VERIFY_FAILED | (tries - 1);

	next = card->rec;
	if (pin)
		next.pin_tries = next.pin_limit;
	else
		next.puk_tries = PERSOCARD_APP_PUK_TRIES;
	if (persocard_update(card, &next))
		return PERSOCARD_SW_MEMORY_FAILURE;
	return PERSOCARD_SW_OK;
}

/**
 * persocard_app_tlv() - write one BER-TLV data object
 * @out: where; room for the tag, up to three length bytes and @len.
 * @tag: one byte, or two when above 0xFF.
 * @value: the value.
 * @len: its length, below 65536.
 *
 * Return: bytes written.
 */
size_t persocard_app_tlv(u8 *out, u16 tag, const u8 *value, size_t len)
{
	size_t n = 0;

	if (tag > 0xFF)
		out[n++] = tag >> 8;
	out[n++] = tag;
	if (len > 0xFF) {
		out[n++] = 0x82;
		out[n++] = len >> 8;
	} else if (len > 0x7F) {
		out[n++] = 0x81;
	}
	out[n++] = len;
	memcpy(out + n, value, len);
	return n + len;
}

/**
 * persocard_app_read_binary() - READ BINARY of a transparent file
 * @apdu: the command: the offset in P1 P2 (bit 8 of P1 clear), Le.
 * @file: the file's content, @size bytes; may lie in @resp.
 * @size: its size.
 * @resp: receives the bytes read.
 * @resp_len: receives their number: Le's, or fewer at the file's end.
 *
 * Return: 9000; 6A86 for a short EF identifier in P1 (not offered); 6B00
 * for an offset at or beyond the end; 6700 without Le.
 */
u16 persocard_app_read_binary(const struct persocard_apdu *apdu,
			      const u8 *file, size_t size, u8 *resp,
			      u32 *resp_len)
{
	size_t offset = (apdu->p1 << 8) | apdu->p2;

	if (apdu->p1 & 0x80)
		return PERSOCARD_SW_WRONG_P1P2;
	if (apdu->nc || !apdu->ne)
		return PERSOCARD_SW_WRONG_LENGTH;
	if (offset >= size)
		return PERSOCARD_SW_WRONG_OFFSET;
	*resp_len = min_t(size_t, apdu->ne, size - offset);
	memmove(resp, file + offset, *resp_len);
	return PERSOCARD_SW_OK;
}

/**
 * persocard_app_fcp() - a file's control parameters (ISO/IEC 7816-4 FCP)
 * @out: receives the template, 14 bytes at most.
 * @fid: the file's identifier.
 * @size: an EF's size, in bytes; ignored for a DF.
 * @df: the file is a dedicated file.
 *
 * Return: its length.
 */
size_t persocard_app_fcp(u8 *out, u16 fid, size_t size, bool df)
{
	size_t n = 2;

	out[0] = 0x62;
	if (!df) {
		out[n++] = 0x80;	/* bytes in the file */
		out[n++] = 2;
		out[n++] = size >> 8;
		out[n++] = size;
	}
	out[n++] = 0x82;		/* file descriptor byte */
	out[n++] = 1;
	out[n++] = df ? 0x38 : 0x01;	/* DF, or a working transparent EF */
	out[n++] = 0x83;		/* file identifier */
	out[n++] = 2;
	out[n++] = fid >> 8;
	out[n++] = fid;
	out[1] = n - 2;
	return n;
}
