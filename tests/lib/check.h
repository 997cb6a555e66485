/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * Checks the library's tests share: errno and status-word verdicts, and
 * the cards' sysfs attributes read as the tests' independent witness.
 */
#ifndef PERSOCARD_CHECK_H
#define PERSOCARD_CHECK_H

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <libpersocard.h>

#include "tap.h"

/* The getters' answers in one place, for tests that compare many. */
struct tstatus {
	unsigned int state, profile, flags, tries_left, try_limit;
	uint64_t serial;
};

static inline int get_status(struct persocard_card *card, struct tstatus *t)
{
	struct persocard_card_status *st = persocard_card_get_status(card);

	memset(t, 0, sizeof(*t));
	if (!st)
		return -1;
	t->state = persocard_card_status_get_state(st);
	t->profile = persocard_card_status_get_profile(st);
	t->flags = (persocard_card_status_has_session(st) ?
		    PERSOCARD_STATUS_SESSION : 0) |
		   (persocard_card_status_is_owner(st) ?
		    PERSOCARD_STATUS_OWNER : 0);
	t->tries_left = persocard_card_status_get_tries_left(st);
	t->try_limit = persocard_card_status_get_try_limit(st);
	t->serial = persocard_card_status_get_serial(st);
	persocard_card_status_free(st);
	return 0;
}

struct tinfo {
	unsigned int abi_version, caps, card_index, nr_cards, nvm_size;
	unsigned int max_value_len, min_code_len, max_code_len, max_tags;
	uint8_t atr[PERSOCARD_ATR_MAX_LEN];
	size_t atr_len;
};

static inline int get_info(struct persocard_card *card, struct tinfo *t)
{
	struct persocard_card_info *info = persocard_card_get_info(card);
	const uint8_t *atr;

	memset(t, 0, sizeof(*t));
	if (!info)
		return -1;
	t->abi_version = persocard_card_info_get_abi_version(info);
	t->caps = persocard_card_info_get_caps(info);
	t->card_index = persocard_card_info_get_card_index(info);
	t->nr_cards = persocard_card_info_get_nr_cards(info);
	t->nvm_size = persocard_card_info_get_nvm_size(info);
	t->max_value_len = persocard_card_info_get_max_value_len(info);
	t->min_code_len = persocard_card_info_get_min_code_len(info);
	t->max_code_len = persocard_card_info_get_max_code_len(info);
	t->max_tags = persocard_card_info_get_max_tags(info);
	atr = persocard_card_info_get_atr(info, &t->atr_len);
	memcpy(t->atr, atr, t->atr_len);
	persocard_card_info_free(info);
	return 0;
}

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

static inline void check_sw(const struct persocard_card *card, long ret,
			    int err, uint16_t want, const char *what)
{
	uint16_t sw = persocard_card_last_sw(card);
	int good = ret == -1 && err == EREMOTEIO && sw == want;

	ok(good, "%s: card answers %04X", what, want);
	if (!good)
		diag("expected -1, EREMOTEIO, %04X; got %ld, %s, %04X", want,
		     ret, errname(err), sw);
}

/* @expr is refused by the card with status word @want. */
#define expect_sw(card, expr, want, what) do {				\
	long r_;							\
	int e_;								\
									\
	errno = 0;							\
	r_ = (long)(expr);						\
	e_ = errno;							\
	check_sw(card, r_, e_, want, what);				\
} while (0)

static inline void check_ok(const struct persocard_card *card, long ret,
			    int err, const char *what)
{
	uint16_t sw = persocard_card_last_sw(card);
	int good = ret == 0 && sw == PERSOCARD_SW_OK;

	ok(good, "%s: 9000", what);
	if (!good)
		diag("expected 0 and 9000, got %ld (errno %s) and %04X", ret,
		     errname(err), sw);
}

/* @expr succeeds with 9000 recorded. */
#define expect_ok(card, expr, what) do {				\
	long r_;							\
	int e_;								\
									\
	errno = 0;							\
	r_ = (long)(expr);						\
	e_ = errno;							\
	check_ok(card, r_, e_, what);					\
} while (0)

/* A card's sysfs attribute, its newline dropped; "" if unreadable. */
static inline const char *sysfs_attr(unsigned int index, const char *attr,
				     char *buf, size_t size)
{
	char path[128];
	ssize_t len;
	int fd;

	buf[0] = '\0';
	snprintf(path, sizeof(path), "/sys/class/persocard/persocard%u/%s",
		 index, attr);
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

static inline int sysfs_set(unsigned int index, const char *attr,
			    const char *val)
{
	char path[128];
	ssize_t len;
	int fd;

	snprintf(path, sizeof(path), "/sys/class/persocard/persocard%u/%s",
		 index, attr);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	len = write(fd, val, strlen(val));
	close(fd);
	return len == (ssize_t)strlen(val) ? 0 : -1;
}

/* The state the card reports, or 0 if GET STATUS failed. */
static inline unsigned int card_state(struct persocard_card *card)
{
	struct tstatus st;

	if (get_status(card, &st))
		return 0;
	return st.state;
}

static inline int is_state(struct persocard_card *card, unsigned int want,
			   const char *what)
{
	unsigned int state = card_state(card);
	const char *got = persocard_state_name(state);

	ok(state == want, "%s: card is %s", what, persocard_state_name(want));
	if (state != want)
		diag("got %s (%u)", got ? got : "?", state);
	return state == want;
}

/* The cards the iterator lists, into @indexes; their number. */
static inline unsigned int list_cards(unsigned int *indexes, unsigned int max)
{
	struct persocard_iter *iter;
	unsigned int n = 0, index;

	iter = persocard_iter_new();
	if (!iter)
		return ~0u;
	while (persocard_iter_next(iter, &index))
		if (n < max)
			indexes[n++] = index;
		else
			n++;
	persocard_iter_free(iter);
	return n;
}

#endif /* PERSOCARD_CHECK_H */
