// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The ioctls the driver sends to a card. pcscd is the only caller, so
 * these say nothing themselves: they return a negative errno and leave
 * the logging to the entry points, which know what pcscd asked for.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "ifd-persocard.h"

/* Last component of what the symlink @link points to. */
static int link_name(const char *link, char *name, size_t size)
{
	char target[PATH_MAX];
	const char *base;
	ssize_t len;

	len = readlink(link, target, sizeof(target) - 1);
	if (len < 0)
		return -errno;
	target[len] = '\0';
	base = strrchr(target, '/');
	base = base ? base + 1 : target;
	if (strlen(base) >= size)
		return -ENAMETOOLONG;
	strcpy(name, base);
	return 0;
}

/*
 * A reader.conf can name any file: open only a persocard card (class
 * persocard, or the misc alias /dev/persocard of card 0), since opening
 * some other devices has effects of its own. Its sysfs name gives its
 * index even while the card is out of its reader (INFO says ENODEV then).
 */
static int check_persocard(const char *path, unsigned int *index)
{
	char link[80], name[NAME_MAX + 1];
	struct stat st;
	int ret;

	if (stat(path, &st))
		return -errno;
	if (!S_ISCHR(st.st_mode))
		return -ENODEV;
	snprintf(link, sizeof(link), "/sys/dev/char/%u:%u/subsystem",
		 major(st.st_rdev), minor(st.st_rdev));
	ret = link_name(link, name, sizeof(name));
	if (ret)
		return ret == -ENOENT ? -ENODEV : ret;
	if (strcmp(name, "persocard") && strcmp(name, "misc"))
		return -ENODEV;
	link[strlen(link) - strlen("/subsystem")] = '\0';
	ret = link_name(link, name, sizeof(name));
	if (ret)
		return ret;
	if (!strcmp(name, "persocard")) {
		*index = 0;
		return 0;
	}
	if (sscanf(name, "persocard%u", index) != 1)
		return -ENODEV;
	return 0;
}

/* Return: an O_RDWR file descriptor, or a negative errno. */
int card_open(const char *path, unsigned int *index)
{
	int ret = check_persocard(path, index);
	int fd;

	if (ret)
		return ret;
	fd = open(path, O_RDWR | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}

/* The module's card count, from INFO or, with the card out, sysfs. */
int card_nr_cards(int fd, unsigned int *nr_cards)
{
	struct persocard_info info;
	unsigned int nr;
	FILE *f;
	int ret;

	ret = card_info(fd, &info);
	if (!ret) {
		*nr_cards = info.nr_cards;
		return 0;
	}
	if (ret != -ENODEV)
		return ret;
	f = fopen("/sys/module/persocard/parameters/nr_cards", "re");
	if (!f)
		return -errno;
	ret = fscanf(f, "%u", &nr) == 1 ? 0 : -EIO;
	fclose(f);
	if (!ret)
		*nr_cards = nr;
	return ret;
}

int card_info(int fd, struct persocard_info *info)
{
	memset(info, 0, sizeof(*info));
	if (ioctl(fd, PERSOCARD_IOC_INFO, info))
		return -errno;
	/* The ATR came with TRANSMIT: without both, no PC/SC. */
	if (!(info->caps & PERSOCARD_CAP_TRANSMIT) || !info->atr_len ||
	    info->atr_len > PERSOCARD_ATR_MAX_LEN)
		return -EPROTONOSUPPORT;
	return 0;
}

/*
 * A warm reset ends the session this file owns, if any. 6985 means
 * another file (not pcscd's) runs a session: that one is not ours to end,
 * and pcscd's file holds none, which is what a reset is for.
 */
int card_reset(int fd)
{
	struct persocard_cmd cmd;

	memset(&cmd, 0, sizeof(cmd));
	if (ioctl(fd, PERSOCARD_IOC_RESET, &cmd))
		return -errno;
	return 0;
}

/* Return: 1 if the card is in its reader, 0 if not, or a negative errno. */
int card_present(int fd)
{
	struct persocard_status st;

	memset(&st, 0, sizeof(st));
	if (!ioctl(fd, PERSOCARD_IOC_STATUS, &st))
		return 1;
	return errno == ENODEV ? 0 : -errno;
}

/*
 * One APDU exchange. The card checks @resp_size against the command's Le
 * before it acts, so a buffer too small fails with EINVAL and changes
 * nothing. Lengths the card refuses (too short, too long) are its to
 * answer with 6700.
 */
int card_transmit(int fd, const uint8_t *cmd, size_t cmd_len,
		  uint8_t *resp, size_t resp_size, size_t *resp_len)
{
	struct persocard_transmit tx;

	*resp_len = 0;
	memset(&tx, 0, sizeof(tx));
	tx.command = (uintptr_t)cmd;
	tx.command_len = cmd_len > UINT32_MAX ? UINT32_MAX : cmd_len;
	tx.response = (uintptr_t)resp;
	tx.response_size = resp_size > PERSOCARD_RESPONSE_MAX_LEN ?
			   PERSOCARD_RESPONSE_MAX_LEN : resp_size;
	if (ioctl(fd, PERSOCARD_IOC_TRANSMIT, &tx))
		return -errno;
	if (tx.response_len < 2 || tx.response_len > tx.response_size)
		return -EPROTO;
	*resp_len = tx.response_len;
	return 0;
}
