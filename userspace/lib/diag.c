// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Why a parser refused its input: a library does not print, it says.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int diag_vset(struct persocard_diag *diag, int err, unsigned int line,
	      const char *fmt, va_list ap)
{
	if (diag) {
		diag->error = err;
		diag->line = line;
		vsnprintf(diag->message, sizeof(diag->message), fmt, ap);
	}
	errno = err;
	return -1;
}

int diag_set(struct persocard_diag *diag, int err, unsigned int line,
	     const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vset(diag, err, line, fmt, ap);
	va_end(ap);
	return -1;
}

PERSOCARD_API void persocard_secret_free(void *p, size_t len)
{
	if (!p)
		return;
	explicit_bzero(p, len);
	free(p);
}

/* "@prefix: " before @diag's message, cut to fit. */
void diag_prefix(struct persocard_diag *diag, const char *prefix)
{
	size_t size = sizeof(diag->message), p = strlen(prefix) + 2;

	if (!diag)
		return;
	if (p >= size)
		p = size - 1;
	memmove(diag->message + p, diag->message, size - 1 - p);
	diag->message[size - 1] = '\0';
	memcpy(diag->message, prefix, p - 2 < size ? p - 2 : 0);
	if (p >= 2) {
		diag->message[p - 2] = ':';
		diag->message[p - 1] = ' ';
	}
}
