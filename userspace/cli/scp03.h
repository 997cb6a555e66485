/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * SCP03 in the CLI: key files read through libpersocard (never keys on
 * the command line), the auth mode a card's sysfs shows, and the maker's
 * set-keys.
 */
#ifndef PERSOCARD_CLI_SCP03_H
#define PERSOCARD_CLI_SCP03_H

#include <stdbool.h>

#include <libpersocard.h>

#define SCP03_LEVELS \
	"cmac, cdec, rmac, cdec-rmac or all (or 01, 03, 11, 13, 33)"

/*
 * keys_from_file() - read the key file @path (- for standard input) into
 * @keys; a bad or missing file is "PATH:LINE: REASON" and exit 2.
 */
void keys_from_file(const char *path, struct persocard_scp03_keys *keys);

/*
 * level_from_arg() - --level's value; a bad one is exit 2.
 */
unsigned int level_from_arg(const char *arg);

/*
 * card_auth() - how the bureau authenticates to /dev/persocardN, from its
 * sysfs auth.
 *
 * Return: "code" or "scp03", or NULL if the module does not say.
 */
const char *card_auth(unsigned int index);

#endif /* PERSOCARD_CLI_SCP03_H */
