/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Checks the maker library's guest tests share: errno verdicts, and the
 * cards' sysfs attributes read as the tests' independent witness.  Apart
 * from tests/lib/check.h, which speaks libpersocard's API.
 */
#ifndef PERSOCARD_MAKER_CHECK_H
#define PERSOCARD_MAKER_CHECK_H

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"

static inline const char *errname(int err)
{
	const char *name = err ? strerrorname_np(err) : "0";

	return name ? name : "?";
}

static inline void check_errno(long ret, long fail_ret, int err, int want,
			       const char *what)
{
	int good = ret == fail_ret && err == want;

	ok(good, "%s fails with %s", what, errname(want));
	if (!good)
		diag("expected %ld and errno %s, got %ld and errno %s",
		     fail_ret, errname(want), ret, errname(err));
}

/* @expr fails: -1 (or NULL when @fail_ret is 0) and errno @want. */
#define expect_fail(expr, fail_ret, want, what) do {			\
	long r_;							\
	int e_;								\
									\
	errno = 0;							\
	r_ = (long)(expr);						\
	e_ = errno;							\
	check_errno(r_, fail_ret, e_, want, what);			\
} while (0)

#define expect_errno(expr, want, what)	expect_fail(expr, -1, want, what)
#define expect_null(expr, want, what)	expect_fail(expr, 0, want, what)

/* @expr returns 0; else its errno is shown. */
#define expect_zero(expr, what) do {					\
	long r_;							\
	int e_;								\
									\
	errno = 0;							\
	r_ = (long)(expr);						\
	e_ = errno;							\
	ok(r_ == 0, "%s", what);					\
	if (r_)								\
		diag("got %ld, errno %s", r_, errname(e_));		\
} while (0)

/* A file's contents, its newline dropped; "" if unreadable. */
static inline const char *file_str(const char *path, char *buf, size_t size)
{
	ssize_t len;
	int fd;

	buf[0] = '\0';
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return buf;
	len = read(fd, buf, size - 1);
	close(fd);
	if (len < 0)
		len = 0;
	buf[len] = '\0';
	if (len && buf[len - 1] == '\n')
		buf[len - 1] = '\0';
	return buf;
}

/* A card's sysfs attribute, as file_str(). */
static inline const char *sysfs_attr(unsigned int index, const char *attr,
				     char *buf, size_t size)
{
	char path[128];

	snprintf(path, sizeof(path), "/sys/class/persocard/persocard%u/%s",
		 index, attr);
	return file_str(path, buf, size);
}

static inline int card_entry(const struct dirent *d)
{
	return !strncmp(d->d_name, "persocard", 9) &&
	       d->d_name[9] >= '0' && d->d_name[9] <= '9';
}

static inline int by_index(const struct dirent **a, const struct dirent **b)
{
	return atoi((*a)->d_name + 9) - atoi((*b)->d_name + 9);
}

/* The cards sysfs lists, into @indexes in order; their number. */
static inline unsigned int list_cards(unsigned int *indexes, unsigned int max)
{
	struct dirent **list;
	int n, i;

	n = scandir("/sys/class/persocard", &list, card_entry, by_index);
	if (n < 0)
		return 0;
	for (i = 0; i < n; i++) {
		if ((unsigned int)i < max)
			indexes[i] = atoi(list[i]->d_name + 9);
		free(list[i]);
	}
	free(list);
	return n;
}

#endif /* PERSOCARD_MAKER_CHECK_H */
