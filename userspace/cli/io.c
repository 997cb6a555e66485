// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Reading the lines of a script or of standard input, which may hold
 * secrets.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common.h"
#include "io.h"

/* Move to a larger buffer, wiping the old one: realloc() would not. */
static char *grow(char *buf, size_t used, size_t cap, size_t newcap)
{
	char *p = malloc(newcap);

	if (!p)
		return NULL;
	if (buf) {
		memcpy(p, buf, used);
		wipe_free(buf, cap);
	}
	return p;
}

void lr_init(struct line_reader *lr, int fd)
{
	memset(lr, 0, sizeof(*lr));
	lr->fd = fd;
}

static char *take_line(struct line_reader *lr, size_t end)
{
	char *line = lr->buf + lr->start;

	lr->buf[end] = '\0';
	if (end > lr->start && lr->buf[end - 1] == '\r')
		lr->buf[end - 1] = '\0';
	lr->start = end + 1;
	lr->lineno++;
	return line;
}

int lr_getline(struct line_reader *lr, char **line)
{
	char *nl;
	ssize_t n;

	for (;;) {
		if (lr->buf) {
			nl = memchr(lr->buf + lr->start, '\n',
				    lr->len - lr->start);
			if (nl) {
				*line = take_line(lr, nl - lr->buf);
				return 1;
			}
		}
		if (lr->eof) {
			if (lr->start >= lr->len)
				return 0;
			/* A last line without "\n": room for the NUL is kept. */
			*line = take_line(lr, lr->len);
			lr->len = lr->start;
			return 1;
		}
		/* Drop what was returned, then make room for more. */
		if (lr->start) {
			memmove(lr->buf, lr->buf + lr->start,
				lr->len - lr->start);
			explicit_bzero(lr->buf + lr->len - lr->start,
				       lr->start);
			lr->len -= lr->start;
			lr->start = 0;
		}
		if (lr->cap - lr->len < 2) {
			size_t newcap = lr->cap ? lr->cap * 2 : 4096;
			char *p;

			if (newcap > IO_MAX_FILE * 2) {
				errno = EFBIG;
				return -1;
			}
			p = grow(lr->buf, lr->len, lr->cap, newcap);
			if (!p)
				return -1;
			lr->buf = p;
			lr->cap = newcap;
		}
		/* Keep one byte free for the NUL of a last line. */
		n = read(lr->fd, lr->buf + lr->len, lr->cap - lr->len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (!n)
			lr->eof = true;
		lr->len += n;
	}
}

void lr_release(struct line_reader *lr)
{
	wipe_free(lr->buf, lr->cap);
	lr->buf = NULL;
	lr->cap = lr->len = lr->start = 0;
}
