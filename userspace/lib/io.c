// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Reading files that may hold secrets: buffers grow by copy and wipe,
 * never by realloc(), so no stale copy of a key is left in the heap.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

#define wipe_free	persocard_secret_free

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

int read_all(int fd, size_t max, char **bufp, size_t *lenp)
{
	size_t cap = 4096, len = 0;
	char *buf = malloc(cap);
	ssize_t n;

	if (!buf)
		return -1;
	for (;;) {
		if (len + 1 == cap) {
			char *p;

			if (cap > max + 1) {
				wipe_free(buf, cap);
				errno = EFBIG;
				return -1;
			}
			p = grow(buf, len, cap, cap * 2);
			if (!p) {
				wipe_free(buf, cap);
				return -1;
			}
			buf = p;
			cap *= 2;
		}
		n = read(fd, buf + len, cap - 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int err = errno;

			wipe_free(buf, cap);
			errno = err;
			return -1;
		}
		if (!n)
			break;
		len += n;
	}
	if (len > max) {
		wipe_free(buf, cap);
		errno = EFBIG;
		return -1;
	}
	buf[len] = '\0';
	*bufp = buf;
	*lenp = len;
	return 0;
}

int read_file(const char *path, size_t max, char **buf, size_t *len)
{
	struct stat st;
	int fd, ret, err;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		errno = EISDIR;
		return -1;
	}
	ret = read_all(fd, max, buf, len);
	err = errno;
	close(fd);
	errno = err;
	return ret;
}

