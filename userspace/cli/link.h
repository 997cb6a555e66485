/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * personalize --pcsc: a PC/SC connection that libpersocard's APDU
 * transport sends through (pcsc.c). libpersocard links no PC/SC.
 */
#ifndef PERSOCARD_CLI_LINK_H
#define PERSOCARD_CLI_LINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct pcsc_link;

/*
 * pcsc_link_open() - connect through pcscd to slot @slot of the persocard
 * reader, or to the reader named @reader, exclusively, and check that it
 * holds a persocard card. Errors are printed.
 *
 * Return: the link, or NULL (EXIT_SYSTEM).
 */
struct pcsc_link *pcsc_link_open(unsigned int slot, const char *reader);

/* The reader's name, for messages and the code prompt. */
const char *pcsc_link_name(const struct pcsc_link *p);

/* Why the last APDU did not reach the card. */
const char *pcsc_link_error(const struct pcsc_link *p);

/* A persocard_transmit_fn: @data is the link. */
int pcsc_link_transmit(void *data, const uint8_t *cmd, size_t cmd_len,
		       uint8_t *resp, size_t resp_size, size_t *resp_len);

/* Disconnect; @failed: a session may be left open, reset the card. */
void pcsc_link_close(struct pcsc_link *p, bool failed);

#endif /* PERSOCARD_CLI_LINK_H */
