// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The maker's reset, through the card's sysfs attribute: not an ioctl, so
 * that only root can make a used card blank again.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "internal.h"

PERSOCARD_API int persocard_factory_reset(unsigned int index)
{
	char path[sizeof(PERSOCARD_SYSFS_CLASS "/persocard/factory_reset") +
		  10];
	ssize_t ret;
	int fd, err;

	snprintf(path, sizeof(path),
		 PERSOCARD_SYSFS_CLASS "/persocard%u/factory_reset", index);

	/* ENOENT from here means: no such card (or no module). */
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;

	do
		ret = write(fd, "1", 1);
	while (ret < 0 && errno == EINTR);
	if (ret != 1) {
		err = ret < 0 ? errno : EIO;
		close(fd);
		errno = err;
		return -1;
	}

	return close(fd);
}
