/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Reading files and lines that may hold secrets: buffers grow by copy and
 * wipe, never by realloc(), so no stale copy of a key is left in the heap.
 */
#ifndef PERSOCARD_CLI_IO_H
#define PERSOCARD_CLI_IO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* Longest script line accepted. */
#define IO_MAX_FILE	(1024 * 1024)

struct line_reader {
	int fd;
	char *buf;
	size_t cap;
	size_t start;	/* first byte not yet returned */
	size_t len;	/* bytes in buf */
	bool eof;
	unsigned int lineno;
};

void lr_init(struct line_reader *lr, int fd);

/*
 * lr_getline() - the next line, without its "\n" or "\r\n", NUL-terminated.
 * The line stays valid until the next call.
 *
 * Return: 1 and *line set, 0 at the end, -1 with errno (EFBIG: a line
 * longer than IO_MAX_FILE).
 */
int lr_getline(struct line_reader *lr, char **line);

/* Wipe and free the buffer; the descriptor stays open. */
void lr_release(struct line_reader *lr);

#endif /* PERSOCARD_CLI_IO_H */
