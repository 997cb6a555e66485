// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Image files: written whole or not at all (a temporary file in the same
 * folder, fsync, rename, fsync of the folder), mode 0600; read whole,
 * never more than the largest image.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

/* All of @buf to @fd, across short writes and signals. */
int maker_write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	ssize_t n;

	while (len) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		p += n;
		len -= n;
	}
	return 0;
}

/* The folder of @path, for its fsync: "." when it has no '/'. */
static int dir_sync(const char *path)
{
	const char *slash = strrchr(path, '/');
	char dir[PATH_MAX];
	int fd, ret;

	snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - path) + 1 : 1,
		 slash ? path : ".");
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ret = fsync(fd);
	close(fd);
	return ret;
}

int image_file_write(const char *path, const void *buf, size_t len)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	char tmp[PATH_MAX];
	int fd, n, err;

	if (!*base) {
		errno = EISDIR;
		return -1;
	}
	/* .NAME.XXXXXX: hidden, and not NAME.img, so never taken for one. */
	n = snprintf(tmp, sizeof(tmp), "%.*s.%s.XXXXXX",
		     (int)(base - path), path, base);
	if (n < 0 || (size_t)n >= sizeof(tmp)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	fd = mkostemp(tmp, O_CLOEXEC);	/* mode 0600 */
	if (fd < 0)
		return -1;
	if (fchmod(fd, 0600) || maker_write_all(fd, buf, len) || fsync(fd))
		goto fail;
	if (close(fd)) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path))
		goto fail;
	return dir_sync(path);

fail:
	err = errno;
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	errno = err;
	return -1;
}

int image_file_read(const char *path, void **buf, size_t *len)
{
	size_t size = 0, cap = IMAGE_MAX_SIZE + 1;
	unsigned char *p;
	ssize_t n;
	int fd, err;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	p = malloc(cap);
	if (!p) {
		close(fd);
		errno = ENOMEM;
		return -1;
	}
	/* One byte more than any image tells a file too large for one. */
	do {
		n = read(fd, p + size, cap - size);
		if (n > 0)
			size += n;
	} while ((n > 0 && size < cap) || (n < 0 && errno == EINTR));
	err = errno;
	close(fd);
	if (n < 0 || size == cap) {
		free(p);
		errno = n < 0 ? err : EINVAL;
		return -1;
	}
	*buf = p;
	*len = size;
	return 0;
}
