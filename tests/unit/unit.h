/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Files the unit tests make in a folder of their own, and remove.
 */
#ifndef PERSOCARD_UNIT_H
#define PERSOCARD_UNIT_H

#include <stdio.h>
#include <unistd.h>

#include "../lib/tap.h"

static inline void write_in(const char *dir, const char *name,
			    const void *data, size_t len)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f || fwrite(data, 1, len, f) != len || fclose(f))
		bail_out("cannot write a test file");
}

static inline void cleanup(const char *dir, const char *const *names)
{
	char path[256];

	for (; *names; names++) {
		snprintf(path, sizeof(path), "%s/%s", dir, *names);
		unlink(path);
	}
	rmdir(dir);
}

#endif /* PERSOCARD_UNIT_H */
