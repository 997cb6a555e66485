// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Reading and writing attribute files, sysfs and configfs alike: a value
 * goes in one write(2), as the kernel parses each write on its own, and
 * comes out in one read(2).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

int attr_write(const char *path, const char *value)
{
	size_t len = strlen(value);
	ssize_t ret;
	int fd, err;

	/* O_TRUNC as a shell's > does: the kernel ignores it. */
	fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0)
		return -1;
	do
		ret = write(fd, value, len);
	while (ret < 0 && errno == EINTR);
	if (ret < 0 || (size_t)ret != len) {
		/* A short write of an attribute would be a half value. */
		err = ret < 0 ? errno : EIO;
		close(fd);
		errno = err;
		return -1;
	}
	return close(fd);
}

int attr_writef(const char *dir, const char *attr, const char *value)
{
	char path[PATH_MAX];
	int n;

	n = snprintf(path, sizeof(path), "%s/%s", dir, attr);
	if (n < 0 || (size_t)n >= sizeof(path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return attr_write(path, value);
}

int attr_read(const char *dir, const char *attr, char *buf, size_t size)
{
	char path[PATH_MAX];
	ssize_t ret;
	int fd, n, err;

	n = snprintf(path, sizeof(path), "%s/%s", dir, attr);
	if (n < 0 || (size_t)n >= sizeof(path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	do
		ret = read(fd, buf, size - 1);
	while (ret < 0 && errno == EINTR);
	err = errno;
	close(fd);
	if (ret < 0) {
		errno = err;
		return -1;
	}
	buf[ret] = '\0';
	if (ret && buf[ret - 1] == '\n')
		buf[ret - 1] = '\0';
	return 0;
}

int attr_read_uint(const char *dir, const char *attr, unsigned int max,
		   unsigned int *val)
{
	char buf[32], *end;
	unsigned long v;

	if (attr_read(dir, attr, buf, sizeof(buf)))
		return -1;
	errno = 0;
	v = strtoul(buf, &end, 10);
	if (buf[0] < '0' || buf[0] > '9' || *end || errno || v > max) {
		errno = EIO;
		return -1;
	}
	*val = v;
	return 0;
}

void hex_encode(const unsigned char *data, size_t len, char *buf)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < len; i++) {
		buf[2 * i] = digits[data[i] >> 4];
		buf[2 * i + 1] = digits[data[i] & 0xf];
	}
	buf[2 * len] = '\0';
}

int dev_name_index(const char *s)
{
	static const char prefix[] = "persocard";
	unsigned long v;
	char *end;

	if (strncmp(s, prefix, sizeof(prefix) - 1))
		return -1;
	s += sizeof(prefix) - 1;
	/* Digits only: no sign, no blank, no leading zero but "0" itself. */
	if (*s < '0' || *s > '9' || (s[0] == '0' && s[1]))
		return -1;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (*end || errno || v > INT_MAX)
		return -1;
	return v;
}

/*
 * A perso code goes to the kernel in hex, through a sysfs or configfs
 * perso_code file; the hex copy is wiped, errno kept.
 */
int attr_write_code(const char *dir, const void *code, size_t len)
{
	char hex[2 * PERSOCARD_CODE_MAX_LEN + 1];
	int ret, err;

	if (!code || len < PERSOCARD_CODE_MIN_LEN ||
	    len > PERSOCARD_CODE_MAX_LEN) {
		errno = EINVAL;
		return -1;
	}
	hex_encode(code, len, hex);
	ret = attr_writef(dir, "perso_code", hex);
	err = errno;
	explicit_bzero(hex, sizeof(hex));
	errno = err;
	return ret;
}
