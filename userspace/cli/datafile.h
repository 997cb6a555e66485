/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A personalization data file, read whole and checked against the card's
 * profile before anything is sent.
 */
#ifndef PERSOCARD_CLI_DATAFILE_H
#define PERSOCARD_CLI_DATAFILE_H

#include <stddef.h>
#include <stdint.h>

#include "profile.h"
#include "value.h"

struct data_element {
	unsigned int line;
	uint16_t tag;
	const struct persocard_tag_desc *desc;
	struct value value;
};

struct data_file {
	struct data_element *el;
	size_t nr;
};

/*
 * data_file_load() - read @path ("-": standard input) and check every
 * line against the card's profile @prof, which the elements' @desc point
 * into.  The first error is printed as "FILE:LINE: message".
 *
 * Return: 0, or -1 after printing the error.
 */
int data_file_load(const struct card_profile *prof, const char *path,
		   struct data_file *df);

void data_file_free(struct data_file *df);

#endif /* PERSOCARD_CLI_DATAFILE_H */
