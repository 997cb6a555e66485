// SPDX-License-Identifier: GPL-2.0
/*
 * One short APDU, sent over and over through pcscd to several readers in
 * turn, from one client: the same path for every card, so the APDUs per
 * second compare the cards (and their reader drivers) alone.
 *
 *   bench-pcsc ROUNDS APDU NAME=READER:COUNT...
 *
 * APDU in hex ("00A4000C023F00"). READER is the start of a PC/SC reader
 * name ("persocard 00 00", "Virtual PCD 00 00"). Each round sends COUNT
 * APDUs to each reader in the order given; the figure for NAME is
 * pcsc_apdu_per_s.NAME, and what the card answered to the first APDU is
 * noted as pcsc_answer.NAME.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <PCSC/winscard.h>

#include "stats.h"

#define MAX_TARGETS	4
#define MAX_ROUNDS	64

struct target {
	char key[64];
	const char *reader_prefix;
	char reader[256];
	unsigned int count;
	SCARDHANDLE card;
	DWORD protocol;
	double per_s[MAX_ROUNDS];
};

static SCARDCONTEXT ctx;

static void pcsc_die(const char *what, LONG rv)
{
	fprintf(stderr, "%s: %s\n", what, pcsc_stringify_error(rv));
	exit(1);
}

/* The reader whose name starts with @prefix, waiting for it to appear. */
static void find_reader(struct target *t)
{
	unsigned int tries;

	for (tries = 0; tries < 150; tries++) {
		char buf[4096], *r;
		DWORD len = sizeof(buf);
		LONG rv = SCardListReaders(ctx, NULL, buf, &len);

		if (rv == SCARD_S_SUCCESS)
			for (r = buf; *r; r += strlen(r) + 1)
				if (!strncmp(r, t->reader_prefix,
					     strlen(t->reader_prefix))) {
					snprintf(t->reader, sizeof(t->reader),
						 "%s", r);
					return;
				}
		usleep(100000);
	}
	fprintf(stderr, "no reader %s\n", t->reader_prefix);
	exit(1);
}

/* Connect, waiting for a card in the reader (vicc connects when it can). */
static void connect_card(struct target *t)
{
	unsigned int tries;
	LONG rv = SCARD_E_NO_SMARTCARD;

	for (tries = 0; tries < 150; tries++) {
		rv = SCardConnect(ctx, t->reader, SCARD_SHARE_SHARED,
				  SCARD_PROTOCOL_T0 | SCARD_PROTOCOL_T1,
				  &t->card, &t->protocol);
		if (rv == SCARD_S_SUCCESS)
			return;
		usleep(100000);
	}
	pcsc_die(t->reader, rv);
}

static size_t parse_hex(const char *s, BYTE *out, size_t size)
{
	size_t len = 0;
	unsigned int byte;

	while (*s && len < size && sscanf(s, "%2x", &byte) == 1) {
		out[len++] = byte;
		s += 2;
	}
	if (*s || !len) {
		fprintf(stderr, "bad APDU hex\n");
		exit(2);
	}
	return len;
}

static void transmit(struct target *t, const BYTE *apdu, DWORD len,
		     BYTE *resp, DWORD *resp_len)
{
	const SCARD_IO_REQUEST *pci = t->protocol == SCARD_PROTOCOL_T0 ?
				      SCARD_PCI_T0 : SCARD_PCI_T1;
	LONG rv;

	*resp_len = 258;
	rv = SCardTransmit(t->card, pci, apdu, len, NULL, resp, resp_len);
	if (rv != SCARD_S_SUCCESS)
		pcsc_die(t->reader, rv);
}

int main(int argc, char **argv)
{
	struct target targets[MAX_TARGETS];
	unsigned int rounds, nr, r, i, n;
	BYTE apdu[261], resp[258];
	DWORD apdu_len, resp_len;
	LONG rv;

	if (argc < 4 || argc - 3 > MAX_TARGETS) {
		fprintf(stderr, "usage: %s ROUNDS APDU NAME=READER:COUNT...\n",
			argv[0]);
		return 2;
	}
	rounds = strtoul(argv[1], NULL, 0);
	if (!rounds || rounds > MAX_ROUNDS) {
		fprintf(stderr, "ROUNDS: 1-%d\n", MAX_ROUNDS);
		return 2;
	}
	apdu_len = parse_hex(argv[2], apdu, sizeof(apdu));
	nr = argc - 3;

	rv = SCardEstablishContext(SCARD_SCOPE_SYSTEM, NULL, NULL, &ctx);
	if (rv != SCARD_S_SUCCESS)
		pcsc_die("SCardEstablishContext", rv);

	for (i = 0; i < nr; i++) {
		struct target *t = &targets[i];
		char *arg = argv[3 + i], *eq = strchr(arg, '='),
		     *colon = strrchr(arg, ':');
		char answer[2 * sizeof(resp) + 1], key[96];

		if (!eq || !colon || colon < eq) {
			fprintf(stderr, "bad target %s\n", arg);
			return 2;
		}
		*eq = *colon = 0;
		snprintf(t->key, sizeof(t->key), "%s", arg);
		t->reader_prefix = eq + 1;
		t->count = strtoul(colon + 1, NULL, 0);
		find_reader(t);
		connect_card(t);

		/* The first answer, untimed: what this card makes of the APDU. */
		transmit(t, apdu, apdu_len, resp, &resp_len);
		for (n = 0; n < resp_len; n++)
			sprintf(answer + 2 * n, "%02X", resp[n]);
		snprintf(key, sizeof(key), "pcsc_answer.%.63s", t->key);
		bench_note(key, answer);
	}

	for (r = 0; r < rounds; r++)
		for (i = 0; i < nr; i++) {
			struct target *t = &targets[i];
			uint64_t t0, t1;

			t0 = bench_now_ns();
			for (n = 0; n < t->count; n++)
				transmit(t, apdu, apdu_len, resp, &resp_len);
			t1 = bench_now_ns();
			t->per_s[r] = t->count * 1e9 / (double)(t1 - t0);
		}

	for (i = 0; i < nr; i++) {
		char key[96];

		snprintf(key, sizeof(key), "pcsc_apdu_per_s.%.63s", targets[i].key);
		bench_report(key, targets[i].per_s, rounds, "1/s");
		SCardDisconnect(targets[i].card, SCARD_LEAVE_CARD);
	}
	SCardReleaseContext(ctx);
	return 0;
}
