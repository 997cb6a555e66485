// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Saving and restoring one card: the SAVE and RESTORE ioctls on its device
 * node. The kernel seals and checks; the library moves opaque bytes.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "internal.h"

const struct maker_paths maker_system_paths = {
	.sysfs = MAKER_SYSFS_CLASS,
	.debugfs = MAKER_DEBUGFS,
	.dev = "/dev",
};

int card_path(char *buf, size_t size, const char *dir, unsigned int index)
{
	int n = snprintf(buf, size, "%s/persocard%u", dir, index);

	if (n < 0 || (size_t)n >= size) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

static int card_dev_open(const struct maker_paths *p, unsigned int index)
{
	char path[PATH_MAX_DEV];

	if (card_path(path, sizeof(path), p->dev, index))
		return -1;
	return open(path, O_RDWR | O_CLOEXEC | O_NOCTTY);
}

static int xioctl(int fd, unsigned long req, void *arg)
{
	int ret;

	do
		ret = ioctl(fd, req, arg);
	while (ret < 0 && errno == EINTR);
	return ret;
}

int maker_save_at(const struct maker_paths *p, unsigned int index,
		  void **image, size_t *len)
{
	struct persocard_info info;
	struct persocard_image img;
	void *buf = NULL;
	size_t size;
	int fd, err;

	fd = card_dev_open(p, index);
	if (fd < 0)
		return -1;
	memset(&info, 0, sizeof(info));
	if (xioctl(fd, PERSOCARD_IOC_INFO, &info))
		goto fail;
	if (!(info.caps & PERSOCARD_CAP_IMAGE)) {
		errno = ENOTTY;
		goto fail;
	}
	size = PERSOCARD_IMAGE_SIZE(info.nvm_size);
	buf = malloc(size);
	if (!buf) {
		errno = ENOMEM;
		goto fail;
	}
	memset(&img, 0, sizeof(img));
	img.buf = (uintptr_t)buf;
	img.buf_len = size;
	if (xioctl(fd, PERSOCARD_IOC_SAVE, &img))
		goto fail;
	if (img.len > size) {
		errno = EIO;
		goto fail;
	}
	close(fd);
	*image = buf;
	*len = img.len;
	return 0;

fail:
	err = errno;
	free(buf);
	close(fd);
	errno = err;
	return -1;
}

MAKER_API int persocard_maker_save(unsigned int index, void **image,
				   size_t *len)
{
	return maker_save_at(&maker_system_paths, index, image, len);
}

int maker_restore_at(const struct maker_paths *p, unsigned int index,
		     const void *image, size_t len)
{
	struct persocard_image img;
	int fd, ret, err;

	if (!image || len > UINT32_MAX) {
		errno = EINVAL;
		return -1;
	}
	fd = card_dev_open(p, index);
	if (fd < 0)
		return -1;
	memset(&img, 0, sizeof(img));
	img.buf = (uintptr_t)image;
	img.buf_len = len;
	ret = xioctl(fd, PERSOCARD_IOC_RESTORE, &img);
	err = errno;
	close(fd);
	errno = err;
	return ret;
}

MAKER_API int persocard_maker_restore(unsigned int index, const void *image,
				      size_t len)
{
	return maker_restore_at(&maker_system_paths, index, image, len);
}

int maker_save_file_at(const struct maker_paths *p, unsigned int index,
		       const char *path)
{
	void *image;
	size_t len;
	int ret, err;

	if (maker_save_at(p, index, &image, &len))
		return -1;
	ret = image_file_write(path, image, len);
	err = errno;
	free(image);
	errno = err;
	return ret;
}

MAKER_API int persocard_maker_save_file(unsigned int index, const char *path)
{
	return maker_save_file_at(&maker_system_paths, index, path);
}

int maker_restore_file_at(const struct maker_paths *p, unsigned int index,
			  const char *path)
{
	void *image;
	size_t len;
	int ret, err;

	if (image_file_read(path, &image, &len))
		return -1;
	ret = maker_restore_at(p, index, image, len);
	err = errno;
	free(image);
	errno = err;
	return ret;
}

MAKER_API int persocard_maker_restore_file(unsigned int index,
					   const char *path)
{
	return maker_restore_file_at(&maker_system_paths, index, path);
}
