// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * personalize --pcsc: the connection through pcscd that libpersocard's
 * APDU transport sends the perso commands through, so that a bureau's
 * PC/SC tooling and this CLI drive the same cards the same way.
 * libpersocard knows nothing of PC/SC: the connection lives here.
 *
 * The card is held exclusively for the whole session. A failed session is
 * ended by disconnecting with SCARD_RESET_CARD; a process that dies is
 * disconnected by pcscd, which resets the card of an exclusive holder.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <winscard.h>

#include "common.h"
#include "link.h"

#define READER_PREFIX	"persocard"	/* the IFD handler's FRIENDLYNAME */

struct pcsc_link {
	SCARDCONTEXT ctx;
	SCARDHANDLE card;
	const SCARD_IO_REQUEST *pci;
	char *reader;
	bool connected;
	char error[256];
};

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

int pcsc_link_transmit(void *data, const uint8_t *cmd, size_t cmd_len,
		       uint8_t *resp, size_t resp_size, size_t *resp_len)
{
	struct pcsc_link *p = data;
	DWORD n = resp_size;
	LONG rv;

	p->error[0] = '\0';
	rv = SCardTransmit(p->card, p->pci, cmd, cmd_len, NULL, resp, &n);
	if (rv != SCARD_S_SUCCESS) {
		snprintf(p->error, sizeof(p->error), "%s: %s", p->reader,
			 pcsc_error(rv));
		errno = EIO;
		return -1;
	}
	*resp_len = n;
	return 0;
}

const char *pcsc_link_name(const struct pcsc_link *p)
{
	return p->reader;
}

const char *pcsc_link_error(const struct pcsc_link *p)
{
	return p->error;
}

void pcsc_link_close(struct pcsc_link *p, bool failed)
{
	if (p->connected)
		SCardDisconnect(p->card, failed ? SCARD_RESET_CARD :
				SCARD_LEAVE_CARD);
	SCardReleaseContext(p->ctx);
	free(p->reader);
	free(p);
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

struct pcsc_link *pcsc_link_open(unsigned int slot, const char *reader)
{
	struct pcsc_link *p = xzalloc(sizeof(*p));
	DWORD proto;
	LONG rv;

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
	return p;

err:
	pcsc_link_close(p, false);
	return NULL;
}
