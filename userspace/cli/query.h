/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Reading and printing a value, shared by read and shell.
 */
#ifndef PERSOCARD_CLI_QUERY_H
#define PERSOCARD_CLI_QUERY_H

#include <stddef.h>
#include <stdint.h>

#include <libpersocard.h>

void print_hex(const uint8_t *data, size_t len);

/*
 * read_value() - GET DATA into a new buffer.
 *
 * Return: the length, or -1 with errno (EREMOTEIO for a refusal).
 */
ssize_t read_value(struct persocard_card *card, uint16_t tag, uint8_t **buf);

#endif /* PERSOCARD_CLI_QUERY_H */
