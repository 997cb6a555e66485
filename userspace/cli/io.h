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

/* Longest data file, script line or code file accepted. */
#define IO_MAX_FILE	(1024 * 1024)

/*
 * read_all() - read @fd to its end, at most @max bytes, and NUL-terminate.
 *
 * Return: 0, or -1 with errno (EFBIG if there is more than @max).
 */
int read_all(int fd, size_t max, char **buf, size_t *len);

/*
 * read_file() - read the file at @path, at most @max bytes.
 *
 * Return: 0, or -1 with errno (EFBIG if it is larger than @max).
 */
int read_file(const char *path, size_t max, char **buf, size_t *len);

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
