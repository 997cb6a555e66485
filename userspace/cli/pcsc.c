// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * personalize --pcsc: the perso commands as APDUs through pcscd, so that a
 * bureau's PC/SC tooling and this CLI drive the same cards the same way.
 * libpersocard knows nothing of PC/SC: the transport lives here.
 *
 * The card is held exclusively for the whole session. A failed session is
 * ended by disconnecting with SCARD_RESET_CARD; a process that dies is
 * disconnected by pcscd, which resets the card of an exclusive holder.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <winscard.h>

#include "common.h"
#include "link.h"

#define READER_PREFIX	"persocard"	/* the IFD handler's FRIENDLYNAME */
#define RESP_MAX	(256 + 2)	/* short Le at most, and SW1 SW2 */
#define BLOCK_MAX	255		/* a short Lc: longer values chain */

struct pcsc_link {
	struct perso_link link;
	SCARDCONTEXT ctx;
	SCARDHANDLE card;
	const SCARD_IO_REQUEST *pci;
	char *reader;
	bool connected;
};

static struct pcsc_link *pcsc_of(struct perso_link *link)
{
	return (struct pcsc_link *)link;
}

static void PRINTF(2, 3) set_error(struct perso_link *link,
				   const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(link->error, sizeof(link->error), fmt, ap);
	va_end(ap);
}

static const char *pcsc_error(LONG rv)
{
	switch (rv) {
	case SCARD_E_NO_SMARTCARD:
	case SCARD_W_REMOVED_CARD:
	case SCARD_W_UNPOWERED_CARD:
		return "no card in the reader (is the card out of its reader?)";
	case SCARD_E_SHARING_VIOLATION:
		return "the card is in use by another program";
	default:
		return pcsc_stringify_error(rv);
	}
}

/*
 * One exchange. Return: 0 with *sw and the response data (*len bytes, SW
 * excluded), or -1 with link->error set.
 */
static int xmit(struct pcsc_link *p, const uint8_t *cmd, size_t cmd_len,
		uint8_t *resp, size_t *len, uint16_t *sw)
{
	uint8_t buf[RESP_MAX];
	DWORD n = sizeof(buf);
	LONG rv;

	p->link.sw = 0;
	rv = SCardTransmit(p->card, p->pci, cmd, cmd_len, NULL, buf, &n);
	if (rv != SCARD_S_SUCCESS) {
		set_error(&p->link, "%s: %s", p->reader, pcsc_error(rv));
		return -1;
	}
	if (n < 2 || n > sizeof(buf)) {
		set_error(&p->link, "%s: a response of %lu bytes, without a status word",
			  p->reader, (unsigned long)n);
		return -1;
	}
	*sw = buf[n - 2] << 8 | buf[n - 1];
	if (resp)
		memcpy(resp, buf, n - 2);
	if (len)
		*len = n - 2;
	explicit_bzero(buf, sizeof(buf));
	return 0;
}

/* A perso command: 0 on 9000, else -1 with link->sw or link->error. */
static int command(struct pcsc_link *p, const uint8_t *cmd, size_t cmd_len,
		   uint8_t *resp, size_t *len)
{
	uint16_t sw;

	if (xmit(p, cmd, cmd_len, resp, len, &sw))
		return -1;
	if (sw == PERSOCARD_SW_OK)
		return 0;
	p->link.sw = sw;
	return -1;
}

static int pcsc_enable(struct perso_link *link)
{
	static const uint8_t cmd[] = { PERSOCARD_CLA, PERSOCARD_INS_ENABLE,
				       PERSOCARD_P1P2_ENABLE >> 8,
				       PERSOCARD_P1P2_ENABLE & 0xFF };

	return command(pcsc_of(link), cmd, sizeof(cmd), NULL, NULL);
}

static int pcsc_verify(struct perso_link *link, const struct value *code)
{
	uint8_t cmd[5 + PERSOCARD_CODE_MAX_LEN] = {
		PERSOCARD_CLA, PERSOCARD_INS_VERIFY, 0, 0, code->len };
	int ret;

	/* code_parse() bounds it: 4 to 32 bytes. */
	memcpy(cmd + 5, code->data, code->len);
	ret = command(pcsc_of(link), cmd, 5 + code->len, NULL, NULL);
	explicit_bzero(cmd, sizeof(cmd));
	return ret;
}

/* Blocks of at most 255 bytes, CLA 90 on all but the last. */
static int pcsc_put(struct perso_link *link, uint16_t tag,
		    const struct value *value)
{
	uint8_t cmd[5 + BLOCK_MAX];
	size_t off = 0, n;
	int ret;

	do {
		n = value->len - off > BLOCK_MAX ? BLOCK_MAX :
		    value->len - off;
		cmd[0] = PERSOCARD_CLA;
		if (off + n < value->len)
			cmd[0] |= PERSOCARD_CLA_CHAIN;
		cmd[1] = PERSOCARD_INS_PUT;
		cmd[2] = tag >> 8;
		cmd[3] = tag & 0xFF;
		cmd[4] = n;
		memcpy(cmd + 5, value->data + off, n);
		ret = command(pcsc_of(link), cmd, 5 + n, NULL, NULL);
		off += n;
	} while (!ret && off < value->len);
	explicit_bzero(cmd, sizeof(cmd));
	return ret;
}

/* With Le, a refusal for missing elements lists their tags. */
static int pcsc_lock(struct perso_link *link, uint16_t *missing,
		     unsigned int *nr_missing)
{
	static const uint8_t cmd[] = { PERSOCARD_CLA, PERSOCARD_INS_LOCK,
				       PERSOCARD_P1P2_LOCK >> 8,
				       PERSOCARD_P1P2_LOCK & 0xFF, 0x00 };
	uint8_t resp[RESP_MAX];
	size_t len = 0, i;
	int ret;

	ret = command(pcsc_of(link), cmd, sizeof(cmd), resp, &len);
	*nr_missing = 0;
	if (link->sw == PERSOCARD_SW_WRONG_DATA)
		for (i = 0; i + 1 < len && i / 2 < PERSOCARD_MAX_TAGS; i += 2)
			missing[(*nr_missing)++] = resp[i] << 8 | resp[i + 1];
	return ret;
}

/* GET STATUS 80 F2 00 00: the 13 bytes of struct persocard_apdu_status. */
static int get_status(struct pcsc_link *p, uint8_t *st)
{
	static const uint8_t cmd[] = { PERSOCARD_CLA, PERSOCARD_INS_GET_STATUS,
				       PERSOCARD_P1_STATUS_CARD, 0, 0x00 };
	uint8_t resp[RESP_MAX];
	size_t len;

	if (command(p, cmd, sizeof(cmd), resp, &len))
		return -1;
	if (len != sizeof(struct persocard_apdu_status)) {
		set_error(&p->link, "%s: GET STATUS answered %zu bytes, not %zu",
			  p->reader, len, sizeof(struct persocard_apdu_status));
		return -1;
	}
	memcpy(st, resp, len);
	return 0;
}

static const char *pcsc_state(struct perso_link *link)
{
	uint8_t st[sizeof(struct persocard_apdu_status)];

	if (get_status(pcsc_of(link), st))
		return "UNKNOWN";
	return state_str(st[0]);
}

static void pcsc_close(struct perso_link *link, bool failed)
{
	struct pcsc_link *p = pcsc_of(link);

	if (p->connected)
		SCardDisconnect(p->card, failed ? SCARD_RESET_CARD :
				SCARD_LEAVE_CARD);
	SCardReleaseContext(p->ctx);
	free(p->reader);
	free(p);
}

static const struct perso_link_ops pcsc_ops = {
	.enable = pcsc_enable,
	.verify = pcsc_verify,
	.put = pcsc_put,
	.lock = pcsc_lock,
	.state = pcsc_state,
	.close = pcsc_close,
};

/* GET STATUS 80 F2 01 II: descriptor II, and the number of tags. */
static int get_desc(struct pcsc_link *p, unsigned int index,
		    struct persocard_tag_desc *d, unsigned int *nr_tags)
{
	const uint8_t cmd[] = { PERSOCARD_CLA, PERSOCARD_INS_GET_STATUS,
				PERSOCARD_P1_STATUS_TAG, index, 0x00 };
	uint8_t resp[RESP_MAX];
	size_t len, name_len;

	if (command(p, cmd, sizeof(cmd), resp, &len))
		return -1;
	name_len = len - PERSOCARD_APDU_TAG_DESC_FIXED;
	if (len < PERSOCARD_APDU_TAG_DESC_FIXED ||
	    name_len >= PERSOCARD_NAME_LEN) {
		set_error(&p->link, "%s: tag descriptor %u of %zu bytes",
			  p->reader, index, len);
		return -1;
	}
	memset(d, 0, sizeof(*d));
	d->index = index;
	d->tag = resp[0] << 8 | resp[1];
	d->min_len = resp[2] << 8 | resp[3];
	d->max_len = resp[4] << 8 | resp[5];
	d->flags = resp[6];
	*nr_tags = d->nr_tags = resp[7];
	memcpy(d->name, resp + PERSOCARD_APDU_TAG_DESC_FIXED, name_len);
	d->sw = PERSOCARD_SW_OK;
	return 0;
}

/* The profile, from the card itself: nothing is sent before it is known. */
static int read_profile(struct pcsc_link *p)
{
	struct card_profile *prof = &p->link.profile;
	uint8_t st[sizeof(struct persocard_apdu_status)];
	unsigned int i, nr = 0, n;

	if (get_status(p, st))
		return -1;
	prof->id = st[1];
	for (i = 0; i == 0 || i < nr; i++) {
		if (get_desc(p, i, &prof->tags[i], &n)) {
			/* Index 0 of an empty profile: 6A88. */
			if (!i && p->link.sw == PERSOCARD_SW_NOT_FOUND)
				break;
			return -1;
		}
		if (!i)
			nr = n;
		if (n != nr || nr > PERSOCARD_MAX_TAGS) {
			set_error(&p->link, "%s: the card reports %u, then %u tags",
				  p->reader, nr, n);
			return -1;
		}
		prof->tags[i].profile = prof->id;
	}
	prof->nr_tags = nr;
	return 0;
}

/*
 * pcscd names slot k of its n-th reader "FRIENDLYNAME NN KK", both in
 * hexadecimal: of the persocard readers, take the first with slot @slot.
 */
static char *find_reader(const char *list, unsigned int slot)
{
	const size_t plen = strlen(READER_PREFIX);
	unsigned int nn, kk, best_nn = ~0u;
	const char *r, *best = NULL;
	char tail;

	for (r = list; *r; r += strlen(r) + 1) {
		if (strlen(r) != plen + 6 || strncmp(r, READER_PREFIX " ",
						      plen + 1))
			continue;
		if (sscanf(r + plen, " %2x %2x%c", &nn, &kk, &tail) != 2)
			continue;
		if (kk == slot && nn < best_nn) {
			best = r;
			best_nn = nn;
		}
	}
	return best ? xstrdup(best) : NULL;
}

static char *pick_reader(struct pcsc_link *p, unsigned int slot,
			 const char *name)
{
	char *list = NULL, *r, *found = NULL, *names = NULL, *s;
	DWORD len = 0;
	LONG rv;

	rv = SCardListReaders(p->ctx, NULL, NULL, &len);
	if (rv == SCARD_S_SUCCESS) {
		list = xzalloc(len + 1);
		rv = SCardListReaders(p->ctx, NULL, list, &len);
	}
	if (rv == SCARD_E_NO_READERS_AVAILABLE) {
		msg(subcommand, "pcscd has no reader (is the persocard driver installed, the module loaded?)");
		free(list);
		return NULL;
	}
	if (rv != SCARD_S_SUCCESS) {
		msg(subcommand, "cannot list the PC/SC readers: %s",
		    pcsc_stringify_error(rv));
		free(list);
		return NULL;
	}
	if (name) {
		for (r = list; *r && !found; r += strlen(r) + 1)
			if (!strcmp(r, name))
				found = xstrdup(r);
	} else {
		found = find_reader(list, slot);
	}
	if (!found) {
		for (r = list; *r; r += strlen(r) + 1) {
			s = xasprintf("%s%s'%s'", names ? names : "",
				      names ? ", " : "", r);
			free(names);
			names = s;
		}
		if (name)
			msg(subcommand, "no PC/SC reader '%s' (readers: %s)",
			    name, names ? names : "none");
		else
			msg(subcommand, "no slot %u of a '%s' PC/SC reader (readers: %s)",
			    slot, READER_PREFIX, names ? names : "none");
		free(names);
	}
	free(list);
	return found;
}

/*
 * The ATR: 3B 8B 01 80 57 "PERSO" PROFILE CARD 81 LCS TCK. Make sure the
 * card is a persocard card, and the card asked for.
 */
static int check_atr(struct pcsc_link *p, unsigned int slot, bool by_slot)
{
	static const uint8_t head[] = { 0x3B, 0x8B, 0x01, 0x80,
					0x57, 'P', 'E', 'R', 'S', 'O' };
	uint8_t atr[MAX_ATR_SIZE];
	DWORD atr_len = sizeof(atr), state, proto, name_len = 0;
	LONG rv;

	rv = SCardStatus(p->card, NULL, &name_len, &state, &proto, atr,
			 &atr_len);
	if (rv != SCARD_S_SUCCESS) {
		msg(subcommand, "%s: %s", p->reader, pcsc_error(rv));
		return -1;
	}
	if (atr_len < sizeof(head) + 2 || memcmp(atr, head, sizeof(head))) {
		msg(subcommand, "%s: not a persocard card (its ATR differs)",
		    p->reader);
		return -1;
	}
	if (by_slot && atr[sizeof(head) + 1] != slot) {
		msg(subcommand, "%s: slot %u holds card %u, not card %u",
		    p->reader, slot, atr[sizeof(head) + 1], slot);
		return -1;
	}
	return 0;
}

struct perso_link *pcsc_link_open(unsigned int slot, const char *reader)
{
	struct pcsc_link *p = xzalloc(sizeof(*p));
	DWORD proto;
	LONG rv;

	p->link.ops = &pcsc_ops;
	rv = SCardEstablishContext(SCARD_SCOPE_SYSTEM, NULL, NULL, &p->ctx);
	if (rv != SCARD_S_SUCCESS) {
		msg(subcommand, "cannot reach pcscd%s: %s",
		    rv == SCARD_E_NO_SERVICE ? " (is it running?)" : "",
		    pcsc_stringify_error(rv));
		free(p);
		return NULL;
	}
	p->reader = pick_reader(p, slot, reader);
	if (!p->reader)
		goto err;
	p->link.name = p->reader;

	rv = SCardConnect(p->ctx, p->reader, SCARD_SHARE_EXCLUSIVE,
			  SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1, &p->card,
			  &proto);
	if (rv != SCARD_S_SUCCESS) {
		msg(subcommand, "%s: %s", p->reader, pcsc_error(rv));
		goto err;
	}
	p->connected = true;
	p->pci = proto == SCARD_PROTOCOL_T1 ? SCARD_PCI_T1 : SCARD_PCI_T0;
	if (check_atr(p, slot, !reader))
		goto err;
	if (read_profile(p)) {
		if (p->link.sw)
			msg(subcommand, "%s: GET STATUS: %s (SW %04" PRIX16 ")",
			    p->reader, persocard_sw_str(p->link.sw),
			    p->link.sw);
		else
			msg(subcommand, "%s", p->link.error);
		goto err;
	}
	return &p->link;

err:
	pcsc_close(&p->link, false);
	return NULL;
}
