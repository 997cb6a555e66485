// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Opening a card: make sure the node is a persocard card speaking our ABI
 * before anything is sent to it, then learn its profile.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "internal.h"

/* Last component of the symlink @link points to, in @buf. */
static int link_basename(const char *link, char *buf, size_t size)
{
	char target[PATH_MAX];
	const char *base;
	size_t base_len;
	ssize_t len;

	len = readlink(link, target, sizeof(target) - 1);
	if (len < 0)
		return -1;
	target[len] = '\0';

	base = strrchr(target, '/');
	base = base ? base + 1 : target;
	base_len = strlen(base);
	if (base_len >= size) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(buf, base, base_len + 1);
	return 0;
}

/*
 * Ask sysfs whose device @rdev is: a card of class persocard, or the misc
 * alias /dev/persocard of card 0. Any other driver's node is never opened
 * (opening some devices, a watchdog for one, has effects of its own). The
 * name gives the index even while the card is out of its reader.
 */
static int check_sysfs(dev_t rdev, unsigned int *index)
{
	char link[64], name[NAME_MAX + 1], subsys[NAME_MAX + 1], tail;
	int n;

	n = snprintf(link, sizeof(link), "/sys/dev/char/%u:%u/subsystem",
		     major(rdev), minor(rdev));
	if (n < 0 || (size_t)n >= sizeof(link))
		goto err_nodev;

	if (link_basename(link, subsys, sizeof(subsys)))
		goto err_nodev;
	if (strcmp(subsys, "persocard") && strcmp(subsys, "misc"))
		goto err_nodev;

	/* Misc devices share one class: the device's own name tells. */
	link[strlen(link) - strlen("/subsystem")] = '\0';
	if (link_basename(link, name, sizeof(name)))
		goto err_nodev;
	if (!strcmp(name, "persocard")) {
		*index = 0;
		return 0;
	}
	if (!strcmp(subsys, "persocard") &&
	    sscanf(name, "persocard%u%c", index, &tail) == 1)
		return 0;

err_nodev:
	errno = ENODEV;
	return -1;
}

static int read_info(struct persocard_card *card)
{
	struct persocard_info info;

	memset(&info, 0, sizeof(info));
	if (card_ioctl(card, PERSOCARD_IOC_INFO, &info))
		return -1;
	if (info.abi_version != PERSOCARD_ABI_VERSION) {
		errno = EPROTO;
		return -1;
	}
	card->index = info.card_index;
	return 0;
}

PERSOCARD_API struct persocard_card *
persocard_card_open_flags(const char *path, unsigned int flags)
{
	struct persocard_card *card;
	struct stat st, fst;
	unsigned int index;
	int err, tries;

	if (!path || (flags & ~PERSOCARD_OPEN_ABSENT)) {
		errno = EINVAL;
		return NULL;
	}

	if (stat(path, &st))
		return NULL;
	if (!S_ISCHR(st.st_mode)) {
		errno = ENOTTY;
		return NULL;
	}
	if (check_sysfs(st.st_rdev, &index))
		return NULL;

	card = calloc(1, sizeof(*card));
	if (!card)
		return NULL;

	card->path = strdup(path);
	if (!card->path)
		goto err_free_card;

	card->fd = open(path, O_RDWR | O_CLOEXEC | O_NOCTTY);
	if (card->fd < 0)
		goto err_free_path;

	/* The node may have been replaced between stat() and open(). */
	if (fstat(card->fd, &fst))
		goto err_close;
	if (!S_ISCHR(fst.st_mode) || fst.st_rdev != st.st_rdev) {
		errno = ENODEV;
		goto err_close;
	}

	card->index = index;
	if (read_info(card)) {
		/* A reader's slot waits for its card: no profile yet. */
		if (errno == ENODEV && (flags & PERSOCARD_OPEN_ABSENT)) {
			card->last_sw = 0;
			return card;
		}
		goto err_absent;
	}
	/* Only a maker's profile change racing with us can make it retry. */
	for (tries = 0; profile_read(card); tries++)
		if (errno != EAGAIN || tries == 2)
			goto err_absent;

	return card;

err_absent:
	/* ENODEV means "not a persocard card" here: an absent card differs. */
	if (errno == ENODEV)
		errno = ENOMEDIUM;
err_close:
	err = errno;
	close(card->fd);
	errno = err;
err_free_path:
	free(card->path);
err_free_card:
	free(card);
	return NULL;
}

PERSOCARD_API struct persocard_card *persocard_card_open(const char *path)
{
	return persocard_card_open_flags(path, 0);
}

PERSOCARD_API struct persocard_card *
persocard_card_open_index(unsigned int index)
{
	char path[sizeof(PERSOCARD_DEV_PREFIX) + 10];

	snprintf(path, sizeof(path), PERSOCARD_DEV_PREFIX "%u", index);
	return persocard_card_open(path);
}

PERSOCARD_API void persocard_card_close(struct persocard_card *card)
{
	if (!card)
		return;

	close(card->fd);
	free(card->path);
	free(card);
}

PERSOCARD_API const char *persocard_card_path(const struct persocard_card *card)
{
	return card->path;
}

PERSOCARD_API unsigned int
persocard_card_index(const struct persocard_card *card)
{
	return card->index;
}

PERSOCARD_API int persocard_card_fd(const struct persocard_card *card)
{
	return card->fd;
}

PERSOCARD_API uint16_t
persocard_card_last_sw(const struct persocard_card *card)
{
	return card->last_sw;
}

