/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * What the image tests share: a card's whole visible state through raw
 * ioctls (status and every GET DATA answer), a full personalization from
 * an example data file, and a child without CAP_SYS_ADMIN. No value, code
 * or key is ever printed: a difference names the tag and the lengths.
 */
#ifndef PERSOCARD_IMAGE_CHECK_H
#define PERSOCARD_IMAGE_CHECK_H

#include <fcntl.h>
#include <linux/capability.h>
#include <stdint.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <libpersocard.h>
#include <linux/persocard.h>

#include "maker_check.h"

struct snap_elem {
	uint16_t tag;
	uint16_t sw;
	uint32_t len;
	uint8_t data[PERSOCARD_VALUE_MAX_LEN];
};

struct snap {
	int err;		/* errno of the first ioctl that failed */
	uint32_t state, profile;
	uint8_t tries_left, try_limit;
	uint64_t serial;
	uint32_t nvm_size;
	unsigned int nr;
	struct snap_elem el[PERSOCARD_MAX_TAGS];
};

static inline int dev_open(unsigned int index)
{
	char path[64];

	snprintf(path, sizeof(path), "/dev/persocard%u", index);
	return open(path, O_RDWR | O_CLOEXEC);
}

/* What a bureau sees of card @index, from a file of its own. */
static inline void snap_take(unsigned int index, struct snap *s)
{
	struct persocard_status st;
	struct persocard_info info;
	struct persocard_tag_desc d;
	struct persocard_get_data g;
	unsigned int i;
	int fd;

	memset(s, 0, sizeof(*s));
	fd = dev_open(index);
	if (fd < 0) {
		s->err = errno;
		return;
	}
	memset(&st, 0, sizeof(st));
	memset(&info, 0, sizeof(info));
	if (ioctl(fd, PERSOCARD_IOC_STATUS, &st) ||
	    ioctl(fd, PERSOCARD_IOC_INFO, &info)) {
		s->err = errno;
		close(fd);
		return;
	}
	s->state = st.state;
	s->profile = st.profile;
	s->tries_left = st.tries_left;
	s->try_limit = st.try_limit;
	s->serial = st.serial;
	s->nvm_size = info.nvm_size;
	for (i = 0; i < PERSOCARD_MAX_TAGS; i++) {
		memset(&d, 0, sizeof(d));
		d.index = i;
		if (ioctl(fd, PERSOCARD_IOC_PROFILE, &d)) {
			s->err = errno;
			break;
		}
		if (d.sw != PERSOCARD_SW_OK || i >= d.nr_tags)
			break;
		s->el[i].tag = d.tag;
		memset(&g, 0, sizeof(g));
		g.buf = (uintptr_t)s->el[i].data;
		g.buf_len = sizeof(s->el[i].data);
		g.tag = d.tag;
		if (ioctl(fd, PERSOCARD_IOC_GET_DATA, &g)) {
			s->err = errno;
			break;
		}
		s->el[i].sw = g.sw;
		s->el[i].len = g.sw == PERSOCARD_SW_OK ? g.len : 0;
		s->nr = i + 1;
	}
	close(fd);
}

/* How many elements GET DATA answered 9000: the public data read. */
static inline unsigned int snap_readable(const struct snap *s)
{
	unsigned int i, n = 0;

	for (i = 0; i < s->nr; i++)
		n += s->el[i].sw == PERSOCARD_SW_OK;
	return n;
}

/* Same status and the same GET DATA answers; a difference is diag'd. */
static inline int snap_same(const struct snap *a, const struct snap *b)
{
	unsigned int i;

	if (a->err || b->err) {
		diag("a snapshot failed: %s, %s", errname(a->err),
		     errname(b->err));
		return 0;
	}
	if (a->state != b->state || a->profile != b->profile ||
	    a->tries_left != b->tries_left || a->try_limit != b->try_limit ||
	    a->serial != b->serial || a->nr != b->nr) {
		diag("status: state %u/%u profile %u/%u tries %u/%u limit %u/%u serial %s elements %u/%u",
		     a->state, b->state, a->profile, b->profile, a->tries_left,
		     b->tries_left, a->try_limit, b->try_limit,
		     a->serial == b->serial ? "same" : "differs", a->nr, b->nr);
		return 0;
	}
	for (i = 0; i < a->nr; i++) {
		const struct snap_elem *x = &a->el[i], *y = &b->el[i];

		if (x->tag != y->tag || x->sw != y->sw || x->len != y->len ||
		    memcmp(x->data, y->data, x->len)) {
			diag("GET DATA %04X: SW %04X/%04X, %u/%u bytes%s",
			     x->tag, x->sw, y->sw, x->len, y->len,
			     x->len == y->len ? ", other bytes" : "");
			return 0;
		}
	}
	return 1;
}

/*
 * ENABLE, VERIFY "1234", a PUT per element of @file, LOCK: through
 * libpersocard, as a bureau does. Return: 0, or -1 (diag'd).
 */
static inline int personalize_file(unsigned int index, const char *file)
{
	static const char code[] = "1234";
	struct persocard_datafile *df;
	struct persocard_diag dg;
	struct persocard_card *card;
	const uint8_t *value;
	size_t i, n, len;
	int ret = -1;

	df = persocard_datafile_read(file, &dg);
	if (!df) {
		diag("%s:%u: %s", file, dg.line, dg.message);
		return -1;
	}
	card = persocard_card_open_index(index);
	if (!card) {
		diag("open persocard%u: %s", index, errname(errno));
		goto out;
	}
	if (persocard_card_enable(card) ||
	    persocard_card_verify(card, code, 4, NULL)) {
		diag("persocard%u: ENABLE, VERIFY: %s, SW %04X", index,
		     errname(errno), persocard_card_last_sw(card));
		goto out;
	}
	n = persocard_datafile_get_nr_elements(df);
	for (i = 0; i < n; i++) {
		value = persocard_datafile_get_value(df, i, &len);
		if (persocard_card_put_by_name(card,
					       persocard_datafile_get_key(df, i),
					       value, len)) {
			diag("persocard%u: PUT %s: SW %04X", index,
			     persocard_datafile_get_key(df, i),
			     persocard_card_last_sw(card));
			goto out;
		}
	}
	if (persocard_card_lock(card, NULL, NULL)) {
		diag("persocard%u: LOCK: SW %04X", index,
		     persocard_card_last_sw(card));
		goto out;
	}
	(void)code;
	ret = 0;
out:
	persocard_card_close(card);
	persocard_datafile_free(df);
	return ret;
}

/* Drop CAP_SYS_ADMIN from this process's effective and permitted sets. */
static inline int drop_sys_admin(void)
{
	struct __user_cap_header_struct h = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct d[2];

	if (syscall(SYS_capget, &h, d))
		return -1;
	d[CAP_TO_INDEX(CAP_SYS_ADMIN)].effective &= ~CAP_TO_MASK(CAP_SYS_ADMIN);
	d[CAP_TO_INDEX(CAP_SYS_ADMIN)].permitted &= ~CAP_TO_MASK(CAP_SYS_ADMIN);
	d[CAP_TO_INDEX(CAP_SYS_ADMIN)].inheritable &=
		~CAP_TO_MASK(CAP_SYS_ADMIN);
	return syscall(SYS_capset, &h, d);
}

/*
 * @fn's errno in a child without CAP_SYS_ADMIN: 0 if it succeeded, -1 if
 * the child could not drop the capability.
 */
static inline int errno_without_sys_admin(int (*fn)(void *), void *arg)
{
	pid_t pid;
	int status;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return -1;
	if (!pid) {
		if (drop_sys_admin())
			_exit(255);
		_exit(fn(arg) ? (errno > 0 && errno < 254 ? errno : 254) : 0);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) == 255)
		return -1;
	return WEXITSTATUS(status);
}

#endif /* PERSOCARD_IMAGE_CHECK_H */
