/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the sweep and the stress run share: the chip's debugfs files (the
 * power-cut knob, the program-operation count), sysfs presence, the
 * example data files of each profile, and the check that a PERSONALIZED
 * card answers every public value of its file byte for byte.
 *
 * No library call exists for debugfs, so those are plain file writes;
 * everything a card does goes through libpersocard.
 */
#ifndef PERSOCARD_CARD_UTIL_H
#define PERSOCARD_CARD_UTIL_H

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <libpersocard.h>
#include <persocard-maker.h>

#define DEBUGFS_DIR	"/sys/kernel/debug/persocard"
#define SYSFS_DIR	"/sys/class/persocard"

/* The perso code the module gives its cards unless told otherwise. */
static const uint8_t default_code[] = "1234";
#define DEFAULT_CODE_LEN	4
static const uint8_t wrong_code[] = "9999";

static const char *const profile_names[] = { "payment", "sim", "identity" };
#define NR_PROFILES	3

static inline int write_file(const char *path, const char *val)
{
	ssize_t len;
	int fd, err;

	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	len = write(fd, val, strlen(val));
	err = errno;
	close(fd);
	errno = err;
	return len == (ssize_t)strlen(val) ? 0 : -1;
}

static inline ssize_t read_file(const char *path, char *buf, size_t size)
{
	ssize_t len;
	int fd;

	buf[0] = '\0';
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	len = read(fd, buf, size - 1);
	close(fd);
	if (len < 0)
		return -1;
	buf[len] = '\0';
	return len;
}

static inline int card_file_write(unsigned int index, const char *dir,
				  const char *attr, const char *val)
{
	char path[160];

	snprintf(path, sizeof(path), "%s/persocard%u/%s", dir, index, attr);
	return write_file(path, val);
}

static inline ssize_t card_file_read(unsigned int index, const char *dir,
				     const char *attr, char *buf, size_t size)
{
	char path[160];

	snprintf(path, sizeof(path), "%s/persocard%u/%s", dir, index, attr);
	return read_file(path, buf, size);
}

/* Arm the knob: the power goes at operation @op from now after @bytes. */
static inline int power_cut_arm(unsigned int index, unsigned int op,
				unsigned int bytes)
{
	char val[32];

	snprintf(val, sizeof(val), "%u %u", op, bytes);
	return card_file_write(index, DEBUGFS_DIR, "power_cut", val);
}

static inline int power_cut_off(unsigned int index)
{
	return card_file_write(index, DEBUGFS_DIR, "power_cut", "off");
}

static inline bool power_cut_supported(unsigned int index)
{
	char path[160];

	snprintf(path, sizeof(path), "%s/persocard%u/power_cut", DEBUGFS_DIR,
		 index);
	return access(path, W_OK) == 0;
}

/* One "key value" of the chip file, or -1. */
static inline long chip_value(unsigned int index, const char *key)
{
	char buf[512], *line, *save = NULL;
	size_t klen = strlen(key);

	if (card_file_read(index, DEBUGFS_DIR, "chip", buf, sizeof(buf)) < 0)
		return -1;
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save))
		if (!strncmp(line, key, klen) && line[klen] == ' ')
			return strtol(line + klen + 1, NULL, 0);
	return -1;
}

static inline long program_ops(unsigned int index)
{
	return chip_value(index, "program_ops");
}

static inline int set_present(unsigned int index, bool present)
{
	return card_file_write(index, SYSFS_DIR, "present", present ? "1" : "0");
}

/* The example data file of a profile, checked against the profile. */
static inline struct persocard_datafile *load_datafile(const char *dir,
						      const char *profile)
{
	struct persocard_diag diag;
	struct persocard_datafile *df;
	char path[512];

	snprintf(path, sizeof(path), "%s/%s.perso", dir, profile);
	df = persocard_datafile_read(path, &diag);
	if (!df)
		fprintf(stderr, "%s:%u: %s\n", path, diag.line, diag.message);
	return df;
}

/*
 * Every public value of @df reads back byte for byte; secrets answer 6982.
 * Returns the number of mismatches (0: all right).
 */
static inline unsigned int check_values(struct persocard_card *card,
					struct persocard_datafile *df)
{
	static __thread uint8_t buf[PERSOCARD_VALUE_MAX_LEN];
	unsigned int bad = 0;
	size_t i, n = persocard_datafile_get_nr_elements(df);

	for (i = 0; i < n; i++) {
		const struct persocard_tag *tag = persocard_datafile_get_tag(df, i);
		const uint8_t *want;
		size_t want_len;
		ssize_t len;

		if (!tag)
			continue;
		want = persocard_datafile_get_value(df, i, &want_len);
		len = persocard_card_read(card, persocard_tag_get_tag(tag), buf,
					  sizeof(buf));
		if (persocard_tag_is_secret(tag)) {
			if (len >= 0 || persocard_card_last_sw(card) !=
					PERSOCARD_SW_SECURITY_STATUS)
				bad++;
			continue;
		}
		if (len != (ssize_t)want_len || memcmp(buf, want, want_len))
			bad++;
	}
	return bad;
}

/* GET STATUS's fields, or -1. */
struct card_st {
	unsigned int state, profile, tries_left, try_limit;
	uint64_t serial;
};

static inline int card_status(struct persocard_card *card, struct card_st *st)
{
	struct persocard_card_status *s = persocard_card_get_status(card);

	memset(st, 0, sizeof(*st));
	if (!s)
		return -1;
	st->state = persocard_card_status_get_state(s);
	st->profile = persocard_card_status_get_profile(s);
	st->tries_left = persocard_card_status_get_tries_left(s);
	st->try_limit = persocard_card_status_get_try_limit(s);
	st->serial = persocard_card_status_get_serial(s);
	persocard_card_status_free(s);
	return 0;
}

/* A whole personalization through the library, one session. */
static inline int personalize_df(struct persocard_card *card,
				 struct persocard_datafile *df,
				 persocard_step_fn step, void *data)
{
	struct persocard_transport *t = persocard_transport_new_card(card);
	int ret, err;

	if (!t)
		return -1;
	ret = persocard_personalize(t, df, default_code, DEFAULT_CODE_LEN, 0,
				    step, data);
	err = errno;
	persocard_transport_free(t);
	errno = err;
	return ret;
}

/*
 * The logon key images are sealed under, in the session keyring, where
 * the kernel's request_key() finds it from this process. A fixed test
 * key: these images are the tests' own.
 */
static inline int add_image_key(void)
{
	uint8_t key[32];
	unsigned int i;
	long id;

	for (i = 0; i < sizeof(key); i++)
		key[i] = (uint8_t)(i * 37 + 11);
	id = syscall(SYS_add_key, "logon", PERSOCARD_IMAGE_KEY_DESC, key,
		     sizeof(key), -3 /* KEY_SPEC_SESSION_KEYRING */);
	return id < 0 ? -1 : 0;
}

/* SAVE or RESTORE: no library call yet, so the raw ioctl. */
static inline int image_ioctl(struct persocard_card *card, unsigned long req,
			      uint8_t *buf, uint32_t len, uint32_t *out_len)
{
	struct persocard_image img = {
		.buf = (uintptr_t)buf, .buf_len = len,
	};
	int ret = ioctl(persocard_card_fd(card), req, &img);

	if (out_len)
		*out_len = img.len;
	return ret;
}

#endif /* PERSOCARD_CARD_UTIL_H */
