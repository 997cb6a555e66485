// SPDX-License-Identifier: GPL-2.0
/*
 * persocard_test - drive /dev/persocardN as a personalization bureau would,
 * and check every answer against DESIGN.md §3-§4. Output is TAP version 13.
 *
 * Needs: root, and the module loaded as `insmod persocard.ko nr_cards=4`
 * with the default parameters otherwise (payment profile, perso code "1234",
 * try_limit 3). Fault-injection tests need debugfs with
 * /sys/kernel/debug/persocard/fail_nvm_write, and are skipped without it.
 *
 * Build:
 *   gcc -std=gnu11 -Wall -Wextra -Werror -O2 -pthread -I uapi \
 *       -o persocard_test tests/uapi/persocard_test.c
 *
 * Every test starts from a fresh card (factory reset plus the module's
 * default maker settings), so tests can run alone and in any order. A test
 * returns PASS, FAIL or SKIP; on FAIL it has left "# ..." lines saying which
 * check failed, on which line, and what the card answered.
 *
 * The checks follow the contract: an ioctl that fails with an errno must
 * have had no effect at all, so every errno check is followed by a look at
 * the state (and session, try counter) to see that nothing moved; a refused
 * perso command from the session's owner aborts the session, so every such
 * check is followed by a look that the card is SEMI_FINISHED again.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/capability.h>
#include <linux/persocard.h>

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

#define SW_OK		PERSOCARD_SW_OK
#define SW_63C(x)	(PERSOCARD_SW_VERIFY_FAILED | (x))
#define SW_6581		PERSOCARD_SW_MEMORY_FAILURE
#define SW_6700		PERSOCARD_SW_WRONG_LENGTH
#define SW_6982		PERSOCARD_SW_SECURITY_STATUS
#define SW_6983		PERSOCARD_SW_AUTH_BLOCKED
#define SW_6985		PERSOCARD_SW_CONDITIONS
#define SW_6A80		PERSOCARD_SW_WRONG_DATA
#define SW_6A88		PERSOCARD_SW_NOT_FOUND

#define SEMI		PERSOCARD_STATE_SEMI_FINISHED
#define READY		PERSOCARD_STATE_READY
#define PERSONALIZING	PERSOCARD_STATE_PERSONALIZING
#define PERSONALIZED	PERSOCARD_STATE_PERSONALIZED
#define BLOCKED		PERSOCARD_STATE_BLOCKED

#define SESSION_OWNED	(PERSOCARD_STATUS_SESSION | PERSOCARD_STATUS_OWNER)
#define SESSION_OTHER	PERSOCARD_STATUS_SESSION

/* What the module is loaded with (main.c defaults). */
#define DEFAULT_TRY_LIMIT	3
#define DEFAULT_CODE_HEX	"31323334"	/* ASCII "1234" */

#define SYSFS_CARD	"/sys/class/persocard/persocard%d/%s"
#define FAULT_DIR	"/sys/kernel/debug/persocard/fail_nvm_write"

#define RACE_ROUNDS	200
#define TEST_TIMEOUT	60	/* seconds; a hung ioctl must not eat the run */

enum result { PASS, FAIL, SKIP };

static const uint8_t default_code[] = { '1', '2', '3', '4' };
static const uint8_t wrong_code[] = { '4', '3', '2', '1' };
static int nr_cards;

/* ------------------------------------------------------------------ */
/* Diagnostics: collected while a test runs, printed after its line.   */
/* ------------------------------------------------------------------ */

static char diag_buf[32768];
static size_t diag_len;
static const char *skip_reason;

static void diag_append(const char *text, size_t len)
{
	if (len > sizeof(diag_buf) - 1 - diag_len)
		len = sizeof(diag_buf) - 1 - diag_len;
	memcpy(diag_buf + diag_len, text, len);
	diag_len += len;
	diag_buf[diag_len] = '\0';
}

static void __attribute__((format(printf, 1, 2))) diag(const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n;

	n = snprintf(line, sizeof(line), "# ");
	va_start(ap, fmt);
	n += vsnprintf(line + n, sizeof(line) - n, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	diag_append(line, n);
}

#define diag_at(line, fmt, ...)	diag("line %d: " fmt, line, ##__VA_ARGS__)

static const char *errno_name(int e)
{
	static const struct { int e; const char *name; } names[] = {
		{ EPERM, "EPERM" }, { ENOENT, "ENOENT" }, { EINTR, "EINTR" },
		{ EIO, "EIO" }, { ENOMEM, "ENOMEM" }, { EACCES, "EACCES" },
		{ EFAULT, "EFAULT" }, { EBUSY, "EBUSY" }, { ENODEV, "ENODEV" },
		{ EINVAL, "EINVAL" }, { ENOTTY, "ENOTTY" }, { EBADF, "EBADF" },
		{ EROFS, "EROFS" }, { ENXIO, "ENXIO" },
	};
	static char other[4][24];
	static unsigned int next;
	char *s;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(names); i++)
		if (names[i].e == e)
			return names[i].name;
	s = other[next++ % ARRAY_SIZE(other)];
	snprintf(s, sizeof(other[0]), "errno %d", e);
	return s;
}

/*
 * Commands below return the card's status word (>= 0) when the ioctl
 * returned 0, or -errno when it failed: one int says both.
 */
static const char *describe(int res)
{
	static char text[4][48];
	static unsigned int next;
	char *s = text[next++ % ARRAY_SIZE(text)];

	if (res < 0)
		snprintf(s, sizeof(text[0]), "failed with %s", errno_name(-res));
	else
		snprintf(s, sizeof(text[0]), "sw %04X", res);
	return s;
}

static const char *state_name(unsigned int state)
{
	static const char *const names[] = {
		[SEMI] = "semi-finished", [READY] = "ready",
		[PERSONALIZING] = "personalizing",
		[PERSONALIZED] = "personalized", [BLOCKED] = "blocked",
	};

	return state < ARRAY_SIZE(names) && names[state] ? names[state] :
	       "(no such state)";
}

/* ------------------------------------------------------------------ */
/* Open files: tracked so that a failed test cannot leak a session.    */
/* ------------------------------------------------------------------ */

static int tracked[32];
static unsigned int nr_tracked;

static int track(int fd)
{
	if (fd >= 0 && nr_tracked < ARRAY_SIZE(tracked))
		tracked[nr_tracked++] = fd;
	return fd;
}

static void card_close(int fd)
{
	unsigned int i;

	for (i = 0; i < nr_tracked; i++) {
		if (tracked[i] == fd) {
			tracked[i] = tracked[--nr_tracked];
			break;
		}
	}
	close(fd);
}

static void close_tracked(void)
{
	while (nr_tracked)
		close(tracked[--nr_tracked]);
}

static int open_path(const char *path)
{
	int fd = open(path, O_RDWR);

	if (fd < 0)
		diag("open %s: %s", path, strerror(errno));
	return track(fd);
}

/* A new open file on card n: a new would-be session owner. */
static int card_open(int n)
{
	char path[64];

	snprintf(path, sizeof(path), "/dev/persocard%d", n);
	return open_path(path);
}

static int card_dup(int fd)
{
	int copy = dup(fd);

	if (copy < 0)
		diag("dup: %s", strerror(errno));
	return track(copy);
}

/* ------------------------------------------------------------------ */
/* sysfs and debugfs                                                   */
/* ------------------------------------------------------------------ */

static int file_write(const char *path, const char *value)
{
	ssize_t len = strlen(value), done;
	int fd, err;

	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -errno;
	done = write(fd, value, len);
	err = done < 0 ? -errno : done == len ? 0 : -EIO;
	close(fd);
	return err;
}

static int file_read(const char *path, char *buf, size_t size)
{
	ssize_t done;
	int fd, err;

	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	done = read(fd, buf, size - 1);
	err = done < 0 ? -errno : 0;
	close(fd);
	if (done < 0)
		done = 0;
	buf[done] = '\0';
	if (done && buf[done - 1] == '\n')
		buf[done - 1] = '\0';
	return err;
}

static int sysfs_write(int n, const char *attr, const char *value)
{
	char path[128];

	snprintf(path, sizeof(path), SYSFS_CARD, n, attr);
	return file_write(path, value);
}

/* Reads one attribute, trailing newline removed; 0 or -errno. */
static int sysfs_read(int n, const char *attr, char *buf, size_t size)
{
	char path[128];

	snprintf(path, sizeof(path), SYSFS_CARD, n, attr);
	return file_read(path, buf, size);
}

static bool expect_attr_at(int line, int n, const char *attr, const char *want)
{
	char buf[128];
	int err = sysfs_read(n, attr, buf, sizeof(buf));

	if (err) {
		diag_at(line, "read %s of card %d: %s", attr, n,
			errno_name(-err));
		return false;
	}
	if (strcmp(buf, want)) {
		diag_at(line, "%s of card %d is \"%s\", want \"%s\"", attr, n,
			buf, want);
		return false;
	}
	return true;
}

/* The maker's defaults; factory_reset keeps what the maker last set. */
static bool set_maker_defaults(int n)
{
	static const struct { const char *attr, *value; } defaults[] = {
		{ "profile", "payment" },
		{ "try_limit", "3" },
		{ "perso_code", DEFAULT_CODE_HEX },
	};
	size_t i;
	int err;

	for (i = 0; i < ARRAY_SIZE(defaults); i++) {
		err = sysfs_write(n, defaults[i].attr, defaults[i].value);
		if (err) {
			diag("card %d: writing %s: %s", n, defaults[i].attr,
			     errno_name(-err));
			return false;
		}
	}
	return true;
}

/*
 * Make card n a new blank card with the module's default settings. The
 * factory reset alone would keep a profile, code or try limit that an
 * earlier test set, and tests must not depend on each other.
 */
static bool fresh(int n)
{
	int err = sysfs_write(n, "present", "1") ?:
		  sysfs_write(n, "factory_reset", "1");

	if (err) {
		diag("card %d: factory_reset: %s", n, errno_name(-err));
		return false;
	}
	return set_maker_defaults(n) &&
	       expect_attr_at(__LINE__, n, "state", "semi-finished") &&
	       expect_attr_at(__LINE__, n, "fresh", "1") &&
	       expect_attr_at(__LINE__, n, "tries_left", "3");
}

static bool fault_available(void)
{
	struct stat st;

	return stat(FAULT_DIR, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool fault_armed;

static bool fault_set(const char *knob, const char *value)
{
	char path[128];
	int err;

	snprintf(path, sizeof(path), FAULT_DIR "/%s", knob);
	err = file_write(path, value);
	if (err)
		diag("write %s to %s: %s", value, path, errno_name(-err));
	return !err;
}

/*
 * Make the next NVM write fail, after `space` bytes of writes that pass:
 * should_fail() lets writes through while their sizes add up to less than
 * space. Probability goes last, so nothing fires half set up.
 */
static bool fault_arm(unsigned int space)
{
	char text[16];

	snprintf(text, sizeof(text), "%u", space);
	fault_armed = true;
	return fault_set("verbose", "0") && fault_set("interval", "1") &&
	       fault_set("space", text) && fault_set("times", "1") &&
	       fault_set("probability", "100");
}

static void fault_disarm(void)
{
	if (!fault_armed)
		return;
	fault_set("probability", "0");
	fault_set("space", "0");
	fault_armed = false;
}

/* ------------------------------------------------------------------ */
/* ioctl wrappers                                                      */
/* ------------------------------------------------------------------ */

/* Raw ioctl: 0 or -errno. */
static int xioctl(int fd, unsigned long req, void *arg)
{
	return ioctl(fd, req, arg) < 0 ? -errno : 0;
}

/*
 * Call only after the ioctl, never as sw_or_errno(xioctl(...), arg.sw):
 * C leaves the order of argument evaluation open, and gcc reads arg.sw
 * first.
 */
static int sw_or_errno(int ret, unsigned int sw)
{
	return ret < 0 ? ret : (int)sw;
}

static __u64 uptr(const void *p)
{
	return (__u64)(uintptr_t)p;
}

static int cmd_enable(int fd)
{
	struct persocard_cmd c = { 0 };
	int ret = xioctl(fd, PERSOCARD_IOC_ENABLE, &c);

	return sw_or_errno(ret, c.sw);
}

static int cmd_reset(int fd)
{
	struct persocard_cmd c = { 0 };
	int ret = xioctl(fd, PERSOCARD_IOC_RESET, &c);

	return sw_or_errno(ret, c.sw);
}

/* tries: receives the try counter the card reports, if not NULL. */
static int cmd_verify(int fd, const void *code, __u32 len, int *tries)
{
	struct persocard_verify v = { .code = uptr(code), .code_len = len };
	int ret = xioctl(fd, PERSOCARD_IOC_VERIFY, &v);

	if (tries)
		*tries = ret ? -1 : v.tries_left;
	return sw_or_errno(ret, v.sw);
}

static int cmd_put(int fd, __u16 tag, const void *value, __u32 len)
{
	struct persocard_put p = { .value = uptr(value), .len = len,
				   .tag = tag };
	int ret = xioctl(fd, PERSOCARD_IOC_PUT, &p);

	return sw_or_errno(ret, p.sw);
}

static int cmd_lock(int fd, struct persocard_lock *out)
{
	struct persocard_lock l;
	int ret;

	memset(&l, 0, sizeof(l));
	ret = xioctl(fd, PERSOCARD_IOC_LOCK, &l);
	if (out)
		*out = l;
	return sw_or_errno(ret, l.sw);
}

static int cmd_status(int fd, struct persocard_status *st)
{
	int ret;

	memset(st, 0, sizeof(*st));
	ret = xioctl(fd, PERSOCARD_IOC_STATUS, st);
	return sw_or_errno(ret, st->sw);
}

static int cmd_get_data(int fd, __u16 tag, void *buf, __u32 buf_len,
			__u32 *len)
{
	struct persocard_get_data g = { .buf = uptr(buf), .buf_len = buf_len,
					.tag = tag, .len = 0xdeadbeef };
	int ret = xioctl(fd, PERSOCARD_IOC_GET_DATA, &g);

	if (len)
		*len = g.len;
	return sw_or_errno(ret, g.sw);
}

static int cmd_info(int fd, struct persocard_info *info)
{
	int ret;

	memset(info, 0, sizeof(*info));
	ret = xioctl(fd, PERSOCARD_IOC_INFO, info);
	return sw_or_errno(ret, info->sw);
}

static int cmd_profile(int fd, __u32 index, struct persocard_tag_desc *d)
{
	int ret;

	memset(d, 0, sizeof(*d));
	d->index = index;
	ret = xioctl(fd, PERSOCARD_IOC_PROFILE, d);
	return sw_or_errno(ret, d->sw);
}

/* The state the card reports to this file (>= 1), or -errno. */
static int state_of(int fd)
{
	struct persocard_status st;
	int res = cmd_status(fd, &st);

	return res == SW_OK ? (int)st.state : res < 0 ? res : -EPROTO;
}

static int card_index_of(int fd)
{
	struct persocard_info info;

	return cmd_info(fd, &info) == SW_OK ? (int)info.card_index : -1;
}

/* ------------------------------------------------------------------ */
/* Expectations: each says what went wrong, and returns false.         */
/* ------------------------------------------------------------------ */

static bool expect_sw(int line, const char *what, int res, int want)
{
	if (res == want)
		return true;
	diag_at(line, "%s: %s, want sw %04X", what, describe(res), want);
	return false;
}

static bool expect_errno(int line, const char *what, int res, int want)
{
	if (res == -want)
		return true;
	diag_at(line, "%s: %s, want it to fail with %s", what, describe(res),
		errno_name(want));
	return false;
}

/*
 * The state, as GET STATUS tells this file and as sysfs tells everyone:
 * both must agree with what the test expects.
 */
static bool expect_state(int line, int fd, int want)
{
	int state = state_of(fd), n;
	char name[64];

	if (state != want) {
		if (state < 0)
			diag_at(line, "GET STATUS %s", describe(state));
		else
			diag_at(line, "state is %s, want %s",
				state_name(state), state_name(want));
		return false;
	}
	n = card_index_of(fd);
	if (n < 0 || sysfs_read(n, "state", name, sizeof(name))) {
		diag_at(line, "cannot read sysfs state of the card");
		return false;
	}
	if (strcmp(name, state_name(want))) {
		diag_at(line, "sysfs state is \"%s\", want \"%s\"", name,
			state_name(want));
		return false;
	}
	return true;
}

/* Session flags this file sees: 0, SESSION_OTHER or SESSION_OWNED. */
static bool expect_session(int line, int fd, unsigned int want)
{
	struct persocard_status st;
	int res = cmd_status(fd, &st);

	if (res != SW_OK) {
		diag_at(line, "GET STATUS %s", describe(res));
		return false;
	}
	if (st.flags != want) {
		diag_at(line, "status flags %#x, want %#x", st.flags, want);
		return false;
	}
	return true;
}

/* The try counter, from GET STATUS and from sysfs tries_left. */
static bool expect_tries(int line, int fd, int want)
{
	struct persocard_status st;
	char text[16];
	int res = cmd_status(fd, &st);

	if (res != SW_OK) {
		diag_at(line, "GET STATUS %s", describe(res));
		return false;
	}
	if (st.tries_left != want) {
		diag_at(line, "tries_left %u, want %d", st.tries_left, want);
		return false;
	}
	snprintf(text, sizeof(text), "%d", want);
	return expect_attr_at(line, card_index_of(fd), "tries_left", text);
}

/* Each ASSERT returns FAIL from the test; its helper said why. */
#define ASSERT(cond, fmt, ...)						\
	do {								\
		if (!(cond)) {						\
			diag_at(__LINE__, "%s: " fmt, #cond, ##__VA_ARGS__); \
			return FAIL;					\
		}							\
	} while (0)
#define REQUIRE(ok)							\
	do {								\
		if (!(ok)) {						\
			diag_at(__LINE__, "%s failed", #ok);		\
			return FAIL;					\
		}							\
	} while (0)
#define ASSERT_SW(res, want)						\
	do { if (!expect_sw(__LINE__, #res, (res), (want))) return FAIL; } while (0)
#define ASSERT_ERRNO(res, want)						\
	do { if (!expect_errno(__LINE__, #res, (res), (want))) return FAIL; } while (0)
#define ASSERT_STATE(fd, want)						\
	do { if (!expect_state(__LINE__, (fd), (want))) return FAIL; } while (0)
#define ASSERT_SESSION(fd, want)					\
	do { if (!expect_session(__LINE__, (fd), (want))) return FAIL; } while (0)
#define ASSERT_TRIES(fd, want)						\
	do { if (!expect_tries(__LINE__, (fd), (want))) return FAIL; } while (0)
#define ASSERT_ATTR(n, attr, want)					\
	do { if (!expect_attr_at(__LINE__, (n), (attr), (want))) return FAIL; } while (0)
#define OPEN(fd, n)							\
	do { if (((fd) = card_open(n)) < 0) return FAIL; } while (0)

/* ------------------------------------------------------------------ */
/* The payment profile, as the spec states it, and data that fits it.  */
/* ------------------------------------------------------------------ */

#define MAND	PERSOCARD_TAG_MANDATORY
#define SECRET	PERSOCARD_TAG_SECRET

static const struct profile_entry {
	__u16 tag;
	const char *name;
	__u16 min_len, max_len, flags;
} payment_profile[] = {
	{ 0x0101, "records",		1,  255, MAND },
	{ 0x0102, "records_2",		1,  255, 0 },
	{ 0x5A00, "pan",		5,   10, MAND },
	{ 0x5F24, "expiry",		3,    3, MAND },
	{ 0x5F20, "cardholder",		2,   26, 0 },
	{ 0x9102, "select_response",	1,  255, MAND },
	{ 0x9104, "gpo_response",	1,  255, MAND },
	{ 0x3000, "app_data",		1,  255, 0 },
	{ 0x9000, "key_check_values",	3,    9, MAND },
	{ 0x9010, "pin_try_limit",	2,    2, MAND },
	{ 0x8000, "icc_keys",		48,  96, MAND | SECRET },
	{ 0x8010, "pin_block",		8,   16, MAND | SECRET },
	{ 0x8101, "rsa_private_exp",	64, 256, SECRET },
};

static const uint8_t v_records[] = {
	0x70, 0x0E, 0x57, 0x0C, 0x54, 0x13, 0x33, 0x00,
	0x89, 0x60, 0x00, 0x10, 0xD2, 0x91, 0x22, 0x01,
};
static const uint8_t v_pan[] = { 0x54, 0x13, 0x33, 0x00, 0x89, 0x60, 0x00, 0x10 };
static const uint8_t v_expiry[] = { 0x29, 0x12, 0x31 };
static const uint8_t v_cardholder[] = "DOE/JOHN";
static const uint8_t v_select[] = {
	0x6F, 0x0A, 0x84, 0x07, 0xA0, 0x00, 0x00, 0x00, 0x04, 0x10, 0x10, 0xA5,
};
static const uint8_t v_gpo[] = {
	0x77, 0x0A, 0x82, 0x02, 0x19, 0x80, 0x94, 0x04, 0x08, 0x01, 0x01, 0x00,
};
static const uint8_t v_kcv[] = { 0x8B, 0x4F, 0x27, 0x1C, 0x9A, 0x05 };
static const uint8_t v_pin_try[] = { 0x03, 0x03 };
static uint8_t v_icc_keys[48];		/* filled by init_dataset() */
static const uint8_t v_pin_block[] = {
	0x24, 0x12, 0x34, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
};

static const struct datum {
	__u16 tag;
	const uint8_t *value;
	__u32 len;
	bool secret;
} dataset[] = {
	{ 0x0101, v_records, sizeof(v_records), false },
	{ 0x5A00, v_pan, sizeof(v_pan), false },
	{ 0x5F24, v_expiry, sizeof(v_expiry), false },
	{ 0x5F20, v_cardholder, sizeof(v_cardholder) - 1, false },
	{ 0x9102, v_select, sizeof(v_select), false },
	{ 0x9104, v_gpo, sizeof(v_gpo), false },
	{ 0x9000, v_kcv, sizeof(v_kcv), false },
	{ 0x9010, v_pin_try, sizeof(v_pin_try), false },
	{ 0x8000, v_icc_keys, sizeof(v_icc_keys), true },
	{ 0x8010, v_pin_block, sizeof(v_pin_block), true },
};

static void init_dataset(void)
{
	size_t i;

	for (i = 0; i < sizeof(v_icc_keys); i++)
		v_icc_keys[i] = (uint8_t)(0xA5 ^ (i * 7));
}

/* ENABLE and VERIFY with the right code: PERSONALIZING, owned by fd. */
static bool start_session(int fd)
{
	int tries;

	return expect_sw(__LINE__, "ENABLE", cmd_enable(fd), SW_OK) &&
	       expect_sw(__LINE__, "VERIFY",
			 cmd_verify(fd, default_code, sizeof(default_code),
				    &tries), SW_OK) &&
	       expect_state(__LINE__, fd, PERSONALIZING);
}

static bool skipped(__u16 tag, const __u16 *skip, size_t nr_skip)
{
	size_t i;

	for (i = 0; i < nr_skip; i++)
		if (skip[i] == tag)
			return true;
	return false;
}

/* PUT every element of the data set but those in skip[]. */
static bool put_dataset_except(int fd, const __u16 *skip, size_t nr_skip)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(dataset); i++) {
		const struct datum *d = &dataset[i];
		int res;

		if (skipped(d->tag, skip, nr_skip))
			continue;
		res = cmd_put(fd, d->tag, d->value, d->len);
		if (res != SW_OK) {
			diag("PUT tag %04X (%u bytes): %s", d->tag, d->len,
			     describe(res));
			return false;
		}
	}
	return true;
}

static bool put_dataset(int fd)
{
	return put_dataset_except(fd, NULL, 0);
}

static bool lock_ok(int fd)
{
	struct persocard_lock l;
	int res = cmd_lock(fd, &l);

	if (res != SW_OK) {
		diag("LOCK: %s, %u mandatory elements missing (first %04X)",
		     describe(res), l.nr_missing, l.missing[0]);
		return false;
	}
	return expect_state(__LINE__, fd, PERSONALIZED);
}

/* The whole bureau run: the card ends PERSONALIZED with the data set. */
static bool personalize(int fd)
{
	return start_session(fd) && put_dataset(fd) && lock_ok(fd);
}

/* GET DATA of a public element must return exactly what was PUT. */
static bool expect_data(int line, int fd, __u16 tag, const void *want,
			__u32 want_len)
{
	uint8_t buf[PERSOCARD_VALUE_MAX_LEN];
	__u32 len;
	int res = cmd_get_data(fd, tag, buf, sizeof(buf), &len);

	if (res != SW_OK) {
		diag_at(line, "GET DATA %04X: %s", tag, describe(res));
		return false;
	}
	if (len != want_len || memcmp(buf, want, want_len)) {
		diag_at(line, "GET DATA %04X: %u bytes, not the %u PUT", tag,
			len, want_len);
		return false;
	}
	return true;
}

#define ASSERT_DATA(fd, tag, want, len)					\
	do { if (!expect_data(__LINE__, (fd), (tag), (want), (len))) return FAIL; } while (0)

/* ------------------------------------------------------------------ */
/* Children: a test part that needs its own process (fork, setuid).    */
/* ------------------------------------------------------------------ */

/*
 * Run fn in a child process. The child's diagnostics come back through a
 * pipe so that they print under this test's line; its exit status is its
 * verdict.
 */
static enum result run_in_child(enum result (*fn)(void *), void *arg)
{
	char buf[4096];
	int pipefd[2], status;
	ssize_t got;
	pid_t pid;

	if (pipe(pipefd)) {
		diag("pipe: %s", strerror(errno));
		return FAIL;
	}
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		diag("fork: %s", strerror(errno));
		return FAIL;
	}
	if (pid == 0) {
		enum result r;
		size_t off = 0;

		close(pipefd[0]);
		diag_len = 0;
		diag_buf[0] = '\0';
		r = fn(arg);
		while (off < diag_len) {
			got = write(pipefd[1], diag_buf + off, diag_len - off);
			if (got <= 0)
				break;
			off += got;
		}
		_exit(r == PASS ? 0 : 1);
	}
	close(pipefd[1]);
	while ((got = read(pipefd[0], buf, sizeof(buf))) > 0)
		diag_append(buf, got);
	close(pipefd[0]);
	if (waitpid(pid, &status, 0) != pid) {
		diag("waitpid: %s", strerror(errno));
		return FAIL;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		if (WIFSIGNALED(status))
			diag("child killed by signal %d", WTERMSIG(status));
		return FAIL;
	}
	return PASS;
}

/* ================================================================== */
/* Good paths                                                         */
/* ================================================================== */

static enum result t_info(int n)
{
	const __u32 caps = PERSOCARD_CAP_PROFILE | PERSOCARD_CAP_LOCK_MISSING |
			   PERSOCARD_CAP_RESET | PERSOCARD_CAP_GET_DATA |
			   PERSOCARD_CAP_TRANSMIT | PERSOCARD_CAP_PRESENCE;
	struct persocard_info info;
	char path[64];
	size_t i;
	int fd;

	OPEN(fd, n);
	ASSERT_SW(cmd_info(fd, &info), SW_OK);
	ASSERT(info.abi_version == PERSOCARD_ABI_VERSION, "%u", info.abi_version);
	ASSERT((info.caps & caps) == caps, "caps %#x", info.caps);
	ASSERT(info.card_index == (__u32)n, "%u", info.card_index);
	ASSERT(info.nr_cards == (__u32)nr_cards, "%u", info.nr_cards);
	ASSERT(info.nvm_size >= 1024 && info.nvm_size <= 65536, "%u",
	       info.nvm_size);
	ASSERT(info.max_value_len == PERSOCARD_VALUE_MAX_LEN, "%u",
	       info.max_value_len);
	ASSERT(info.min_code_len == PERSOCARD_CODE_MIN_LEN, "%u",
	       info.min_code_len);
	ASSERT(info.max_code_len == PERSOCARD_CODE_MAX_LEN, "%u",
	       info.max_code_len);
	ASSERT(info.max_tags == PERSOCARD_MAX_TAGS, "%u", info.max_tags);
	/* nr_cards cards, numbered from 0, and no more. */
	snprintf(path, sizeof(path), "/dev/persocard%u", info.nr_cards - 1);
	ASSERT(access(path, F_OK) == 0, "%s missing", path);
	snprintf(path, sizeof(path), "/dev/persocard%u", info.nr_cards);
	ASSERT(access(path, F_OK) != 0, "%s exists", path);
	for (i = 0; i < ARRAY_SIZE(info.reserved); i++)
		ASSERT(info.reserved[i] == 0, "reserved[%zu] %#x", i,
		       info.reserved[i]);
	/* A query: nothing moved. */
	ASSERT_STATE(fd, SEMI);
	ASSERT_ATTR(n, "fresh", "1");
	return PASS;
}

static enum result t_status(int n)
{
	struct persocard_status st;
	char serial[32], before[32];
	size_t i;
	int fd;

	OPEN(fd, n);
	ASSERT_SW(cmd_status(fd, &st), SW_OK);
	ASSERT(st.state == SEMI, "%u", st.state);
	ASSERT(st.profile == PERSOCARD_PROFILE_PAYMENT, "%u", st.profile);
	ASSERT(st.flags == 0, "%#x", st.flags);
	ASSERT(st.tries_left == DEFAULT_TRY_LIMIT, "%u", st.tries_left);
	ASSERT(st.try_limit == DEFAULT_TRY_LIMIT, "%u", st.try_limit);
	for (i = 0; i < ARRAY_SIZE(st.reserved); i++)
		ASSERT(st.reserved[i] == 0, "reserved[%zu] %#x", i,
		       st.reserved[i]);

	/* sysfs tells the same story. */
	snprintf(serial, sizeof(serial), "%016llx",
		 (unsigned long long)st.serial);
	ASSERT_ATTR(n, "serial", serial);
	ASSERT_ATTR(n, "state", "semi-finished");
	ASSERT_ATTR(n, "tries_left", "3");
	ASSERT_ATTR(n, "try_limit", "3");
	ASSERT_ATTR(n, "profile", "payment");
	ASSERT_ATTR(n, "fresh", "1");

	/* A factory reset makes a new blank card: a new serial. */
	ASSERT(sysfs_read(n, "serial", before, sizeof(before)) == 0, "read");
	ASSERT(sysfs_write(n, "factory_reset", "1") == 0, "factory_reset");
	ASSERT_SW(cmd_status(fd, &st), SW_OK);
	snprintf(serial, sizeof(serial), "%016llx",
		 (unsigned long long)st.serial);
	ASSERT(strcmp(serial, before) != 0, "serial %s kept", serial);
	ASSERT_ATTR(n, "serial", serial);
	return PASS;
}

static enum result t_profile(int n)
{
	struct persocard_tag_desc d;
	__u32 i, nr_tags;
	size_t k;
	int fd;

	OPEN(fd, n);
	/* The card says how many elements there are; walk them all. */
	ASSERT_SW(cmd_profile(fd, 0, &d), SW_OK);
	nr_tags = d.nr_tags;
	ASSERT(nr_tags == ARRAY_SIZE(payment_profile), "card lists %u tags",
	       nr_tags);
	for (i = 0; i < nr_tags; i++) {
		const struct profile_entry *e = &payment_profile[i];

		ASSERT_SW(cmd_profile(fd, i, &d), SW_OK);
		ASSERT(d.index == i, "index %u", d.index);
		ASSERT(d.profile == PERSOCARD_PROFILE_PAYMENT, "%u", d.profile);
		ASSERT(d.nr_tags == nr_tags, "%u", d.nr_tags);
		ASSERT(d.tag == e->tag, "index %u: tag %04X, want %04X", i,
		       d.tag, e->tag);
		ASSERT(d.min_len == e->min_len && d.max_len == e->max_len,
		       "tag %04X: %u-%u", d.tag, d.min_len, d.max_len);
		ASSERT(d.flags == e->flags, "tag %04X: flags %#x", d.tag,
		       d.flags);
		ASSERT(memchr(d.name, '\0', sizeof(d.name)) != NULL,
		       "tag %04X: name not terminated", d.tag);
		ASSERT(strcmp(d.name, e->name) == 0, "tag %04X: name \"%s\"",
		       d.tag, d.name);
		ASSERT(d.reserved0 == 0, "%#x", d.reserved0);
		for (k = 0; k < ARRAY_SIZE(d.reserved); k++)
			ASSERT(d.reserved[k] == 0, "reserved[%zu]", k);
	}
	/* Past the end (bad input): 6A88, but still the count. */
	ASSERT_SW(cmd_profile(fd, nr_tags, &d), SW_6A88);
	ASSERT(d.nr_tags == nr_tags && d.tag == 0 && d.name[0] == '\0',
	       "nr_tags %u tag %04X", d.nr_tags, d.tag);
	ASSERT_SW(cmd_profile(fd, 0xFFFFFFFFu, &d), SW_6A88);
	ASSERT_STATE(fd, SEMI);
	return PASS;
}

static enum result t_enable(int n)
{
	int fd;

	OPEN(fd, n);
	ASSERT_SESSION(fd, 0);
	ASSERT_SW(cmd_enable(fd), SW_OK);
	ASSERT_STATE(fd, READY);
	ASSERT_SESSION(fd, SESSION_OWNED);
	/* The first ENABLE freezes the maker's settings. */
	ASSERT_ATTR(n, "fresh", "0");
	ASSERT_TRIES(fd, DEFAULT_TRY_LIMIT);
	return PASS;
}

static enum result t_verify(int n)
{
	int fd, tries;

	OPEN(fd, n);
	ASSERT_SW(cmd_enable(fd), SW_OK);
	ASSERT_SW(cmd_verify(fd, default_code, sizeof(default_code), &tries),
		  SW_OK);
	ASSERT(tries == DEFAULT_TRY_LIMIT, "%d", tries);
	ASSERT_STATE(fd, PERSONALIZING);
	ASSERT_SESSION(fd, SESSION_OWNED);
	ASSERT_TRIES(fd, DEFAULT_TRY_LIMIT);
	return PASS;
}

static enum result t_put(int n)
{
	static const uint8_t padded_pan[] = { 0x54, 0x13, 0x33, 0x00, 0x8F };
	int fd;

	OPEN(fd, n);
	REQUIRE(start_session(fd));
	REQUIRE(put_dataset(fd));
	/* Edges that must be accepted: shortest PAN with F padding, and
	 * the longest value a tag takes. */
	ASSERT_SW(cmd_put(fd, 0x5A00, padded_pan, sizeof(padded_pan)), SW_OK);
	ASSERT_SW(cmd_put(fd, 0x0102, v_icc_keys, 1), SW_OK);
	{
		uint8_t big[255];

		memset(big, 0x42, sizeof(big));
		ASSERT_SW(cmd_put(fd, 0x3000, big, sizeof(big)), SW_OK);
	}
	ASSERT_STATE(fd, PERSONALIZING);
	ASSERT_SESSION(fd, SESSION_OWNED);
	return PASS;
}

static enum result t_personalize_get_data(int n)
{
	struct persocard_lock l;
	size_t i;
	int fd, other;

	OPEN(fd, n);
	REQUIRE(start_session(fd));
	REQUIRE(put_dataset(fd));
	ASSERT_SW(cmd_lock(fd, &l), SW_OK);
	ASSERT(l.nr_missing == 0, "%u", l.nr_missing);
	for (i = 0; i < ARRAY_SIZE(l.missing); i++)
		ASSERT(l.missing[i] == 0, "missing[%zu] %04X", i, l.missing[i]);
	ASSERT(l.reserved0 == 0, "%#x", l.reserved0);
	ASSERT_STATE(fd, PERSONALIZED);
	ASSERT_SESSION(fd, 0);
	ASSERT_TRIES(fd, DEFAULT_TRY_LIMIT);

	for (i = 0; i < ARRAY_SIZE(dataset); i++)
		if (!dataset[i].secret)
			ASSERT_DATA(fd, dataset[i].tag, dataset[i].value,
				    dataset[i].len);

	/* Committed data is in NVM: it outlives a reset and the file. */
	ASSERT_SW(cmd_reset(fd), SW_OK);
	card_close(fd);
	OPEN(other, n);
	ASSERT_STATE(other, PERSONALIZED);
	ASSERT_DATA(other, 0x5A00, v_pan, sizeof(v_pan));
	ASSERT_DATA(other, 0x5F20, v_cardholder, sizeof(v_cardholder) - 1);
	return PASS;
}

static enum result t_put_replaces(int n)
{
	static const uint8_t first[] = "FIRST/NAME";
	uint8_t long_records[200];
	int fd;

	memset(long_records, 0x11, sizeof(long_records));
	OPEN(fd, n);
	REQUIRE(start_session(fd));
	ASSERT_SW(cmd_put(fd, 0x5F20, first, sizeof(first) - 1), SW_OK);
	ASSERT_SW(cmd_put(fd, 0x0101, long_records, sizeof(long_records)),
		  SW_OK);
	/* The data set PUTs both tags again, shorter: the later values win. */
	REQUIRE(put_dataset(fd));
	REQUIRE(lock_ok(fd));
	ASSERT_DATA(fd, 0x5F20, v_cardholder, sizeof(v_cardholder) - 1);
	ASSERT_DATA(fd, 0x0101, v_records, sizeof(v_records));
	return PASS;
}

static enum result t_reset_owner(int n)
{
	static const __u16 skip[] = { 0x5F20 };
	int fd;

	OPEN(fd, n);
	REQUIRE(start_session(fd));
	ASSERT_SW(cmd_put(fd, 0x5F20, v_cardholder, sizeof(v_cardholder) - 1),
		  SW_OK);
	/* A reset ends the session as a power cut would. */
	ASSERT_SW(cmd_reset(fd), SW_OK);
	ASSERT_STATE(fd, SEMI);
	ASSERT_SESSION(fd, 0);
	/* ... and the card accepts ENABLE again (claim 1, last step). */
	REQUIRE(start_session(fd));
	/* Staged data died with the old session: 5F20 is not PUT again. */
	REQUIRE(put_dataset_except(fd, skip, ARRAY_SIZE(skip)));
	REQUIRE(lock_ok(fd));
	ASSERT_SW(cmd_get_data(fd, 0x5F20, NULL, 0, NULL), SW_6A88);
	/* RESET with no session: 9000, nothing changes. */
	ASSERT_SW(cmd_reset(fd), SW_OK);
	ASSERT_STATE(fd, PERSONALIZED);
	return PASS;
}

static enum result t_reset_idle(int n)
{
	int fd;

	OPEN(fd, n);
	ASSERT_SW(cmd_reset(fd), SW_OK);
	ASSERT_STATE(fd, SEMI);
	ASSERT_SESSION(fd, 0);
	/* A reset is not a perso command: the card is still the maker's. */
	ASSERT_ATTR(n, "fresh", "1");
	return PASS;
}

static enum result t_tries_restored(int n)
{
	int fd, tries;

	OPEN(fd, n);
	ASSERT_SW(cmd_enable(fd), SW_OK);
	ASSERT_SW(cmd_verify(fd, wrong_code, sizeof(wrong_code), &tries),
		  SW_63C(2));
	ASSERT(tries == 2, "%d", tries);
	ASSERT_TRIES(fd, 2);
	ASSERT_STATE(fd, SEMI);
	ASSERT_SW(cmd_enable(fd), SW_OK);
	ASSERT_SW(cmd_verify(fd, default_code, sizeof(default_code), &tries),
		  SW_OK);
	ASSERT(tries == DEFAULT_TRY_LIMIT, "%d", tries);
	ASSERT_TRIES(fd, DEFAULT_TRY_LIMIT);
	ASSERT_STATE(fd, PERSONALIZING);
	return PASS;
}

static enum result t_close_mid_session(int n)
{
	int fd, watcher;

	OPEN(watcher, n);
	/* Closed while PERSONALIZING, with data staged. */
	OPEN(fd, n);
	REQUIRE(start_session(fd));
	ASSERT_SW(cmd_put(fd, 0x5A00, v_pan, sizeof(v_pan)), SW_OK);
	ASSERT_SESSION(watcher, SESSION_OTHER);
	card_close(fd);
	ASSERT_STATE(watcher, SEMI);
	ASSERT_SESSION(watcher, 0);
	/* Closed while READY. */
	OPEN(fd, n);
	ASSERT_SW(cmd_enable(fd), SW_OK);
	card_close(fd);
	ASSERT_STATE(watcher, SEMI);
	/* The card is free for anyone now. */
	ASSERT_SW(cmd_enable(watcher), SW_OK);
	ASSERT_SESSION(watcher, SESSION_OWNED);
	return PASS;
}

static enum result t_dup_shares(int n)
{
	int fd, copy, tries;

	OPEN(fd, n);
	ASSERT_SW(cmd_enable(fd), SW_OK);
	copy = card_dup(fd);
	REQUIRE(copy >= 0);
	/* The same open file: the copy owns the session too. */
	ASSERT_SESSION(copy, SESSION_OWNED);
	ASSERT_SW(cmd_verify(copy, default_code, sizeof(default_code), &tries),
		  SW_OK);
	ASSERT_STATE(fd, PERSONALIZING);
	ASSERT_SW(cmd_put(fd, 0x0101, v_records, sizeof(v_records)), SW_OK);
	/* Closing one descriptor does not close the file. */
	card_close(copy);
	ASSERT_STATE(fd, PERSONALIZING);
	ASSERT_SESSION(fd, SESSION_OWNED);
	REQUIRE(put_dataset(fd));
	REQUIRE(lock_ok(fd));
	return PASS;
}

static enum result child_verify_put(void *arg)
{
	int fd = *(int *)arg, tries;

	ASSERT_SESSION(fd, SESSION_OWNED);
	ASSERT_SW(cmd_verify(fd, default_code, sizeof(default_code), &tries),
		  SW_OK);
	ASSERT_SW(cmd_put(fd, 0x0101, v_records, sizeof(v_records)), SW_OK);
	return PASS;
}

static enum result t_fork_inherits(int n)
{
	int fd;

	OPEN(fd, n);
	ASSERT_SW(cmd_enable(fd), SW_OK);
	/* A child's inherited descriptor is the same file: it may go on. */
	if (run_in_child(child_verify_put, &fd) != PASS)
		return FAIL;
	/* The child's exit dropped a reference, not the file. */
	ASSERT_STATE(fd, PERSONALIZING);
	ASSERT_SESSION(fd, SESSION_OWNED);
	REQUIRE(put_dataset(fd));
	REQUIRE(lock_ok(fd));
	return PASS;
}

/* /dev/persocard is card 0, through a file of its own. */
/* poll() on sysfs `state` wakes when a command moves the card on. */
static enum result t_poll_state(int n)
{
	struct pollfd pfd;
	char path[96], buf[32];
	ssize_t len;
	int fd, sfd, ready;

	OPEN(fd, n);
	snprintf(path, sizeof(path), "/sys/class/persocard/persocard%d/state", n);
	sfd = open(path, O_RDONLY);
	ASSERT(sfd >= 0, "%s: %s", path, strerror(errno));
	len = read(sfd, buf, sizeof(buf));	/* arms the poll */
	pfd = (struct pollfd){ .fd = sfd, .events = POLLPRI };
	ready = poll(&pfd, 1, 0);
	if (len <= 0 || ready != 0) {
		close(sfd);
		ASSERT(0, "read %zd, poll %d before any change", len, ready);
	}
	ASSERT_SW(cmd_enable(fd), 0x9000);
	ready = poll(&pfd, 1, 5000);
	len = pread(sfd, buf, sizeof(buf) - 1, 0);
	close(sfd);
	ASSERT(ready == 1 && (pfd.revents & POLLPRI),
	       "poll %d revents %#x after ENABLE", ready, pfd.revents);
	ASSERT(len > 0, "pread: %s", strerror(errno));
	buf[len] = 0;
	ASSERT(!strcmp(buf, "ready\n"), "state reads \"%s\"", buf);
	return PASS;
}

static enum result t_alias(int n)
{
	struct persocard_status a, b;
	int alias, card0;

	alias = open_path("/dev/persocard");
	REQUIRE(alias >= 0);
	OPEN(card0, n);
	ASSERT(card_index_of(alias) == 0, "alias is card %d",
	       card_index_of(alias));
	ASSERT_SW(cmd_status(alias, &a), SW_OK);
	ASSERT_SW(cmd_status(card0, &b), SW_OK);
	ASSERT(a.serial == b.serial, "serials differ");
	ASSERT_SW(cmd_enable(alias), SW_OK);
	ASSERT_STATE(card0, READY);
	ASSERT_SESSION(card0, SESSION_OTHER);
	ASSERT_SW(cmd_enable(card0), SW_6985);
	ASSERT_SESSION(alias, SESSION_OWNED);
	card_close(alias);
	ASSERT_STATE(card0, SEMI);
	return PASS;
}

static enum result t_maker_settings(int n)
{
	static const uint8_t code[] = { 0xA1, 0xB2, 0xC3, 0xD4, 0xE5 };
	struct persocard_tag_desc d;
	struct persocard_status st;
	int fd, tries;

	OPEN(fd, n);
	/* Another application field. */
	ASSERT(sysfs_write(n, "profile", "sim\n") == 0, "profile sim");
	ASSERT_ATTR(n, "profile", "sim");
	ASSERT_SW(cmd_status(fd, &st), SW_OK);
	ASSERT(st.profile == PERSOCARD_PROFILE_SIM, "%u", st.profile);
	ASSERT_SW(cmd_profile(fd, 0, &d), SW_OK);
	ASSERT(d.profile == PERSOCARD_PROFILE_SIM && d.nr_tags == 9 &&
	       d.tag == 0x2FE2, "profile %u nr_tags %u tag %04X", d.profile,
	       d.nr_tags, d.tag);
	ASSERT(sysfs_write(n, "profile", "payment") == 0, "profile payment");
	ASSERT_ATTR(n, "profile", "payment");

	/* Another try limit: the counter follows. */
	ASSERT(sysfs_write(n, "try_limit", "5") == 0, "try_limit 5");
	ASSERT_ATTR(n, "try_limit", "5");
	ASSERT_SW(cmd_status(fd, &st), SW_OK);
	ASSERT(st.try_limit == 5 && st.tries_left == 5, "%u/%u",
	       st.tries_left, st.try_limit);

	/* Another code: the old one is now wrong. */
	ASSERT(sysfs_write(n, "perso_code", "a1b2c3d4e5") == 0, "perso_code");
	ASSERT_SW(cmd_enable(fd), SW_OK);
	ASSERT_ATTR(n, "fresh", "0");
	ASSERT_SW(cmd_verify(fd, default_code, sizeof(default_code), &tries),
		  SW_63C(4));
	ASSERT_SW(cmd_enable(fd), SW_OK);
	ASSERT_SW(cmd_verify(fd, code, sizeof(code), &tries), SW_OK);
	ASSERT(tries == 5, "%d", tries);
	ASSERT_STATE(fd, PERSONALIZING);
	return PASS;
}

/* Two open files race to ENABLE the same card, RACE_ROUNDS times. */
static struct {
	pthread_barrier_t start, done;
	int arrived;
	int res[2][RACE_ROUNDS];
	int fd[2];
	int cpu[2];
} race;

static void *racer(void *arg)
{
	int me = (int)(intptr_t)arg, i;

	if (race.cpu[me] >= 0) {
		cpu_set_t set;

		CPU_ZERO(&set);
		CPU_SET(race.cpu[me], &set);
		pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
	}
	for (i = 0; i < RACE_ROUNDS; i++) {
		pthread_barrier_wait(&race.start);
		/*
		 * The barrier wakes one racer after the other; meeting once
		 * more on a spin lines their ENABLEs up to a few cycles.
		 */
		__atomic_add_fetch(&race.arrived, 1, __ATOMIC_SEQ_CST);
		while (__atomic_load_n(&race.arrived, __ATOMIC_SEQ_CST) <
		       2 * (i + 1))
			sched_yield();
		race.res[me][i] = cmd_enable(race.fd[me]);
		pthread_barrier_wait(&race.done);
	}
	return NULL;
}

static enum result t_race_enable(int n)
{
	pthread_t thread[2];
	cpu_set_t online;
	int i, cpu, found = 0, bad = 0, win[2] = { 0, 0 };

	OPEN(race.fd[0], n);
	OPEN(race.fd[1], n);
	race.cpu[0] = race.cpu[1] = -1;
	race.arrived = 0;
	if (sched_getaffinity(0, sizeof(online), &online) == 0)
		for (cpu = 0; cpu < CPU_SETSIZE && found < 2; cpu++)
			if (CPU_ISSET(cpu, &online))
				race.cpu[found++] = cpu;
	if (found < 2) {
		race.cpu[0] = race.cpu[1] = -1;
		diag("only one CPU: the ENABLEs interleave rather than collide");
	}
	pthread_barrier_init(&race.start, NULL, 3);
	pthread_barrier_init(&race.done, NULL, 3);
	for (i = 0; i < 2; i++) {
		int err = pthread_create(&thread[i], NULL, racer,
					 (void *)(intptr_t)i);

		/* A lone racer would wait at the barrier for good: stop. */
		ASSERT(err == 0, "pthread_create: %s", strerror(err));
	}

	for (i = 0; i < RACE_ROUNDS; i++) {
		int a, b, owner;

		pthread_barrier_wait(&race.start);
		pthread_barrier_wait(&race.done);
		a = race.res[0][i];
		b = race.res[1][i];
		owner = a == SW_OK ? 0 : 1;
		if (!((a == SW_OK && b == SW_6985) ||
		      (a == SW_6985 && b == SW_OK))) {
			if (bad++ < 5)
				diag("round %d: ENABLEs answered %s and %s", i,
				     describe(a), describe(b));
		} else {
			win[owner]++;
		}
		/* The owner ends its session; the next round starts clean. */
		if (cmd_reset(race.fd[owner]) != SW_OK ||
		    state_of(race.fd[0]) != SEMI) {
			if (bad++ < 5)
				diag("round %d: cannot return to semi-finished",
				     i);
			cmd_reset(race.fd[1 - owner]);
		}
	}
	for (i = 0; i < 2; i++)
		pthread_join(thread[i], NULL);
	pthread_barrier_destroy(&race.start);
	pthread_barrier_destroy(&race.done);
	ASSERT(bad == 0, "%d of %d rounds went wrong (wins %d/%d)", bad,
	       RACE_ROUNDS, win[0], win[1]);
	ASSERT_STATE(race.fd[0], SEMI);
	return PASS;
}

/* ================================================================== */
/* Bad pointers: EFAULT, and no effect at all                          */
/* ================================================================== */

static enum result t_efault_enable(int n)
{
	int fd;

	OPEN(fd, n);
	ASSERT_ERRNO(xioctl(fd, PERSOCARD_IOC_ENABLE, (void *)1), EFAULT);
	ASSERT_ERRNO(xioctl(fd, PERSOCARD_IOC_ENABLE, NULL), EFAULT);
	ASSERT_STATE(fd, SEMI);
	ASSERT_SESSION(fd, 0);
	/* Not even the "used" mark: the maker may still change the card. */
	ASSERT_ATTR(n, "fresh", "1");
	return PASS;
}

static enum result t_efault_verify_arg(int n)
{
	int fd;

	OPEN(fd, n);
	ASSERT_SW(cmd_enable(fd), SW_OK);
	ASSERT_ERRNO(xioctl(fd, PERSOCARD_IOC_VERIFY, (void *)1), EFAULT);
	ASSERT_STATE(fd, READY);
	ASSERT_SESSION(fd, SESSION_OWNED);
	ASSERT_TRIES(fd, DEFAULT_TRY_LIMIT);
	return PASS;
}

static enum result t_efault_verify_code(int n)
{
	int fd, tries;

	OPEN(fd, n);
	ASSERT_SW(cmd_enable(fd), SW_OK);
	/* Valid struct, code pointer to nowhere: no try may be spent. */
	ASSERT_ERRNO(cmd_verify(fd, (void *)1, 4, &tries), EFAULT);
	ASSERT_STATE(fd, READY);
	ASSERT_SESSION(fd, SESSION_OWNED);
	ASSERT_TRIES(fd, DEFAULT_TRY_LIMIT);
	/* The session is intact: the right code still goes through. */
	ASSERT_SW(cmd_verify(fd, default_code, sizeof(default_code), &tries),
		  SW_OK);
	return PASS;
}

static enum result t_efault_put_value(int n)
{
	static const __u16 skip[] = { 0x5F20 };
	int fd;

	OPEN(fd, n);
	REQUIRE(start_session(fd));
	ASSERT_SW(cmd_put(fd, 0x5F20, v_cardholder, sizeof(v_cardholder) - 1),
		  SW_OK);
	ASSERT_ERRNO(cmd_put(fd, 0x0101, (void *)1, 16), EFAULT);
	ASSERT_ERRNO(xioctl(fd, PERSOCARD_IOC_PUT, (void *)1), EFAULT);
	ASSERT_STATE(fd, PERSONALIZING);
	ASSERT_SESSION(fd, SESSION_OWNED);
	/* What was staged before is still staged. */
	REQUIRE(put_dataset_except(fd, skip, ARRAY_SIZE(skip)));
	REQUIRE(lock_ok(fd));
	ASSERT_DATA(fd, 0x5F20, v_cardholder, sizeof(v_cardholder) - 1);
	return PASS;
}

static enum result t_efault_lock(int n)
{
	int fd;

	OPEN(fd, n);
	REQUIRE(start_session(fd));
	REQUIRE(put_dataset(fd));
	ASSERT_ERRNO(xioctl(fd, PERSOCARD_IOC_LOCK, (void *)1), EFAULT);
	ASSERT_STATE(fd, PERSONALIZING);
	ASSERT_SESSION(fd, SESSION_OWNED);
	REQUIRE(lock_ok(fd));
	return PASS;
}

static enum result t_efault_queries(int n)
{
	int fd;

	OPEN(fd, n);
	ASSERT_SW(cmd_enable(fd), SW_OK);
	ASSERT_ERRNO(xioctl(fd, PERSOCARD_IOC_STATUS, (void *)1), EFAULT);
	ASSERT_ERRNO(xioctl(fd, PERSOCARD_IOC_INFO, (void *)1), EFAULT);
	ASSERT_ERRNO(xioctl(fd, PERSOCARD_IOC_PROFILE, (void *)1), EFAULT);
	ASSERT_ERRNO(xioctl(fd, PERSOCARD_IOC_GET_DATA, (void *)1), EFAULT);
	ASSERT_ERRNO(xioctl(fd, PERSOCARD_IOC_RESET, (void *)1), EFAULT);
	/* RESET included: the session survived it. */
	ASSERT_STATE(fd, READY);
	ASSERT_SESSION(fd, SESSION_OWNED);
	return PASS;
}

/* A page the process may read but not write. */
static void *readonly_copy(const void *src, size_t len)
{
	void *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (page == MAP_FAILED) {
		diag("mmap: %s", strerror(errno));
		return NULL;
	}
	memcpy(page, src, len);
	if (mprotect(page, 4096, PROT_READ)) {
		diag("mprotect: %s", strerror(errno));
		munmap(page, 4096);
		return NULL;
	}
	return page;
}

/*
 * The argument can be read but the reply cannot be written: the reader
 * must see that before the card acts, so the command must not happen.
 */
static enum result t_efault_readonly_reply(int n)
{
	struct persocard_cmd c = { 0 };
	struct persocard_verify v = { .code = uptr(default_code),
				      .code_len = sizeof(default_code) };
	struct persocard_lock l;
	void *ro;
	int fd;

	OPEN(fd, n);
	ro = readonly_copy(&c, sizeof(c));
	REQUIRE(ro != NULL);
	ASSERT_ERRNO(xioctl(fd, PERSOCARD_IOC_ENABLE, ro), EFAULT);
	munmap(ro, 4096);
	ASSERT_STATE(fd, SEMI);
	ASSERT_ATTR(n, "fresh", "1");

	ASSERT_SW(cmd_enable(fd), SW_OK);
	ro = readonly_copy(&v, sizeof(v));
	REQUIRE(ro != NULL);
	ASSERT_ERRNO(xioctl(fd, PERSOCARD_IOC_VERIFY, ro), EFAULT);
	munmap(ro, 4096);
	ASSERT_STATE(fd, READY);
	ASSERT_TRIES(fd, DEFAULT_TRY_LIMIT);

	ASSERT_SW(cmd_verify(fd, default_code, sizeof(default_code), NULL),
		  SW_OK);
	REQUIRE(put_dataset(fd));
	memset(&l, 0, sizeof(l));
	ro = readonly_copy(&l, sizeof(l));
	REQUIRE(ro != NULL);
	ASSERT_ERRNO(xioctl(fd, PERSOCARD_IOC_LOCK, ro), EFAULT);
	munmap(ro, 4096);
	/* Not locked behind the caller's back. */
	ASSERT_STATE(fd, PERSONALIZING);
	REQUIRE(lock_ok(fd));
	return PASS;
}

static enum result t_efault_get_data_buf(int n)
{
	uint8_t zero[16] = { 0 };
	void *ro;
	int fd;

	OPEN(fd, n);
	REQUIRE(personalize(fd));
	ASSERT_ERRNO(cmd_get_data(fd, 0x5A00, (void *)1, 64, NULL), EFAULT);
	ro = readonly_copy(zero, sizeof(zero));
	REQUIRE(ro != NULL);
	ASSERT_ERRNO(cmd_get_data(fd, 0x5A00, ro, sizeof(zero), NULL), EFAULT);
	munmap(ro, 4096);
	ASSERT_STATE(fd, PERSONALIZED);
	ASSERT_DATA(fd, 0x5A00, v_pan, sizeof(v_pan));
	return PASS;
}

/* ================================================================== */
/* Reserved fields and flags: EINVAL, and no effect at all             */
/* ================================================================== */

static enum result t_einval_enable(int n)
{
	struct persocard_cmd c;
	int fd;

	OPEN(fd, n);
	memset(&c, 0, sizeof(c));
	c.reserved0 = 1;
	ASSERT_ERRNO(xioctl(fd, PERSOCARD_IOC_ENABLE, &c), EINVAL);
	memset(&c, 0, sizeof(c));
	c.reserved[2] = 0x80000000u;
	ASSERT_ERRNO(xioctl(fd, PERSOCARD_IOC_ENABLE, &c), EINVAL);
	ASSERT_STATE(fd, SEMI);
	ASSERT_SESSION(fd, 0);
	ASSERT_ATTR(n, "fresh", "1");
	return PASS;
}

static enum result t_einval_reset(int n)
{
	struct persocard_cmd c;
	int fd;

	OPEN(fd, n);
	REQUIRE(start_session(fd));
	memset(&c, 0, sizeof(c));
	c.reserved[0] = 1;
	ASSERT_ERRNO(xioctl(fd, PERSOCARD_IOC_RESET, &c), EINVAL);
	/* The reset did not happen. */
	ASSERT_STATE(fd, PERSONALIZING);
	ASSERT_SESSION(fd, SESSION_OWNED);
	return PASS;
}

static enum result t_einval_verify(int n)
{
	struct persocard_verify v;
	int fd;

	OPEN(fd, n);
	ASSERT_SW(cmd_enable(fd), SW_OK);
	memset(&v, 0, sizeof(v));
	v.code = uptr(default_code);
	v.code_len = sizeof(default_code);
	v.reserved0 = 1;
	ASSERT_ERRNO(xioctl(fd, PERSOCARD_IOC_VERIFY, &v), EINVAL);
	v.reserved0 = 0;
	v.reserved[1] = 1;
	ASSERT_ERRNO(xioctl(fd, PERSOCARD_IOC_VERIFY, &v), EINVAL);
	ASSERT_STATE(fd, READY);
	ASSERT_SESSION(fd, SESSION_OWNED);
	ASSERT_TRIES(fd, DEFAULT_TRY_LIMIT);
	return PASS;
}

static enum result t_einval_put_flags(int n)
{
	struct persocard_put p;
	int fd;

	OPEN(fd, n);
	REQUIRE(start_session(fd));
	memset(&p, 0, sizeof(p));
	p.value = uptr(v_records);
	p.len = sizeof(v_records);
	p.tag = 0x0101;
	p.flags = 1;
	ASSERT_ERRNO(xioctl(fd, PERSOCARD_IOC_PUT, &p), EINVAL);
	p.flags = 0x80000000u;
	ASSERT_ERRNO(xioctl(fd, PERSOCARD_IOC_PUT, &p), EINVAL);
	/* Not staged, and not aborted either. */
	ASSERT_STATE(fd, PERSONALIZING);
	ASSERT_SESSION(fd, SESSION_OWNED);
	return PASS;
}

static enum result t_einval_put_reserved(int n)
{
	static const __u16 skip[] = { 0x0101 };
	struct persocard_put p;
	struct persocard_lock l;
	int fd;

	OPEN(fd, n);
	REQUIRE(start_session(fd));
	REQUIRE(put_dataset_except(fd, skip, ARRAY_SIZE(skip)));
	memset(&p, 0, sizeof(p));
	p.value = uptr(v_records);
	p.len = sizeof(v_records);
	p.tag = 0x0101;
	p.reserved = 1;
	ASSERT_ERRNO(xioctl(fd, PERSOCARD_IOC_PUT, &p), EINVAL);
	ASSERT_STATE(fd, PERSONALIZING);
	/* The refused PUT staged nothing: LOCK finds 0101 missing. */
	ASSERT_SW(cmd_lock(fd, &l), SW_6A80);
	ASSERT(l.nr_missing == 1 && l.missing[0] == 0x0101, "%u missing, %04X",
	       l.nr_missing, l.missing[0]);
	return PASS;
}

static enum result t_einval_lock(int n)
{
	struct persocard_lock l;
	int fd;

	OPEN(fd, n);
	REQUIRE(start_session(fd));
	REQUIRE(put_dataset(fd));
	memset(&l, 0, sizeof(l));
	l.reserved0 = 1;
	ASSERT_ERRNO(xioctl(fd, PERSOCARD_IOC_LOCK, &l), EINVAL);
	ASSERT_STATE(fd, PERSONALIZING);
	ASSERT_SESSION(fd, SESSION_OWNED);
	REQUIRE(lock_ok(fd));
	return PASS;
}

static enum result t_einval_queries(int n)
{
	struct persocard_status st;
	struct persocard_info info;
	struct persocard_tag_desc d;
	int fd;

	OPEN(fd, n);
	ASSERT_SW(cmd_enable(fd), SW_OK);
	memset(&st, 0, sizeof(st));
	st.reserved[3] = 1;
	ASSERT_ERRNO(xioctl(fd, PERSOCARD_IOC_STATUS, &st), EINVAL);
	memset(&info, 0, sizeof(info));
	info.reserved[4] = 1;
	ASSERT_ERRNO(xioctl(fd, PERSOCARD_IOC_INFO, &info), EINVAL);
	memset(&d, 0, sizeof(d));
	d.reserved0 = 1;
	ASSERT_ERRNO(xioctl(fd, PERSOCARD_IOC_PROFILE, &d), EINVAL);
	memset(&d, 0, sizeof(d));
	d.reserved[1] = 1;
	ASSERT_ERRNO(xioctl(fd, PERSOCARD_IOC_PROFILE, &d), EINVAL);
	ASSERT_STATE(fd, READY);
	ASSERT_SESSION(fd, SESSION_OWNED);
	return PASS;
}

static enum result t_einval_get_data(int n)
{
	struct persocard_get_data g;
	uint8_t buf[64];
	int fd;

	OPEN(fd, n);
	REQUIRE(personalize(fd));
	memset(&g, 0, sizeof(g));
	g.buf = uptr(buf);
	g.buf_len = sizeof(buf);
	g.tag = 0x5A00;
	g.reserved[0] = 1;
	ASSERT_ERRNO(xioctl(fd, PERSOCARD_IOC_GET_DATA, &g), EINVAL);
	ASSERT_STATE(fd, PERSONALIZED);
	return PASS;
}

/* ================================================================== */
/* ioctl numbers                                                       */
/* ================================================================== */

static enum result t_enotty_unknown(int n)
{
	struct persocard_cmd c;
	int fd;

	OPEN(fd, n);
	ASSERT_SW(cmd_enable(fd), SW_OK);
	memset(&c, 0, sizeof(c));
	ASSERT_ERRNO(xioctl(fd, _IOWR(PERSOCARD_IOC_MAGIC, 0x3F,
				      struct persocard_cmd), &c), ENOTTY);
	ASSERT_ERRNO(xioctl(fd, _IO(PERSOCARD_IOC_MAGIC, 0x7F), NULL), ENOTTY);
	ASSERT_ERRNO(xioctl(fd, _IOWR('X', 0x00, struct persocard_cmd), &c),
		     ENOTTY);
	/* Not a perso command: the session goes on. */
	ASSERT_STATE(fd, READY);
	ASSERT_SESSION(fd, SESSION_OWNED);
	return PASS;
}

static enum result t_enotty_wrong_size(int n)
{
	struct persocard_status big;
	struct persocard_cmd c;
	int fd;

	OPEN(fd, n);
	memset(&big, 0, sizeof(big));
	memset(&c, 0, sizeof(c));
	/* ENABLE's number with another size, and with another direction. */
	ASSERT_ERRNO(xioctl(fd, _IOWR(PERSOCARD_IOC_MAGIC, 0x00,
				      struct persocard_status), &big), ENOTTY);
	ASSERT_ERRNO(xioctl(fd, _IOR(PERSOCARD_IOC_MAGIC, 0x00,
				     struct persocard_cmd), &c), ENOTTY);
	/* STATUS's number with ENABLE's size. */
	ASSERT_ERRNO(xioctl(fd, _IOWR(PERSOCARD_IOC_MAGIC, 0x05,
				      struct persocard_cmd), &c), ENOTTY);
	ASSERT_STATE(fd, SEMI);
	ASSERT_ATTR(n, "fresh", "1");
	return PASS;
}

/* ================================================================== */
/* PUT PERSO DATA: bad values abort the owner's session                */
/* ================================================================== */

/*
 * One refused PUT: in a new session, the PUT answers want, the session is
 * gone, the card is SEMI_FINISHED with its try counter untouched.
 */
static bool bad_put(int line, int fd, __u16 tag, const void *value,
		    __u32 len, int want)
{
	char what[64];

	snprintf(what, sizeof(what), "PUT %04X (%u bytes)", tag, len);
	return start_session(fd) &&
	       expect_sw(line, what, cmd_put(fd, tag, value, len), want) &&
	       expect_state(line, fd, SEMI) &&
	       expect_session(line, fd, 0) &&
	       expect_tries(line, fd, DEFAULT_TRY_LIMIT);
}

#define ASSERT_BAD_PUT(fd, tag, value, len, want)			\
	REQUIRE(bad_put(__LINE__, (fd), (tag), (value), (len), (want)))

static enum result t_put_oversize(int n)
{
	static uint8_t big[PERSOCARD_VALUE_MAX_LEN + 1];
	int fd;

	OPEN(fd, n);
	ASSERT_BAD_PUT(fd, 0x0101, big, sizeof(big), SW_6700);
	ASSERT_BAD_PUT(fd, 0x0101, big, 0x10000, SW_6700);
	ASSERT_BAD_PUT(fd, 0x0101, big, 0xFFFFFFFFu, SW_6700);
	return PASS;
}

static enum result t_put_empty(int n)
{
	int fd;

	OPEN(fd, n);
	ASSERT_BAD_PUT(fd, 0x0101, v_records, 0, SW_6700);
	ASSERT_BAD_PUT(fd, 0x0101, NULL, 0, SW_6700);
	return PASS;
}

/* Lengths outside the tag's own bounds (payment profile). */
static enum result t_put_too_long_for_tag(int n)
{
	uint8_t pan11[11], kcv10[10];
	int fd;

	memset(pan11, 0x12, sizeof(pan11));
	memset(kcv10, 0x01, sizeof(kcv10));
	OPEN(fd, n);
	ASSERT_BAD_PUT(fd, 0x5A00, pan11, sizeof(pan11), SW_6700);
	ASSERT_BAD_PUT(fd, 0x9000, kcv10, sizeof(kcv10), SW_6700);
	ASSERT_BAD_PUT(fd, 0x9010, v_kcv, 3, SW_6700);
	ASSERT_BAD_PUT(fd, 0x5F24, v_pan, 4, SW_6700);
	return PASS;
}

static enum result t_put_too_short_for_tag(int n)
{
	int fd;

	OPEN(fd, n);
	ASSERT_BAD_PUT(fd, 0x8000, v_icc_keys, 47, SW_6700);
	ASSERT_BAD_PUT(fd, 0x8010, v_pin_block, 7, SW_6700);
	ASSERT_BAD_PUT(fd, 0x5F24, v_expiry, 2, SW_6700);
	ASSERT_BAD_PUT(fd, 0x5F20, v_cardholder, 1, SW_6700);
	return PASS;
}

static enum result t_put_bad_bcd(int n)
{
	static const uint8_t hex_digit[] = { 0x54, 0x13, 0x3A, 0x00, 0x89 };
	static const uint8_t early_pad[] = { 0x54, 0xF3, 0x33, 0x00, 0x89 };
	static const uint8_t high_nibble[] = { 0x54, 0x13, 0x33, 0x00, 0xF9 };
	/* F pads only the last digit: not in the middle. */
	static const uint8_t mid_pad[] = { 0x54, 0x1F, 0x33, 0x00, 0x89 };
	int fd;

	OPEN(fd, n);
	ASSERT_BAD_PUT(fd, 0x5A00, hex_digit, sizeof(hex_digit), SW_6A80);
	ASSERT_BAD_PUT(fd, 0x5A00, early_pad, sizeof(early_pad), SW_6A80);
	ASSERT_BAD_PUT(fd, 0x5A00, high_nibble, sizeof(high_nibble), SW_6A80);
	ASSERT_BAD_PUT(fd, 0x5A00, mid_pad, sizeof(mid_pad), SW_6A80);
	return PASS;
}

static enum result t_put_bad_date(int n)
{
	static const uint8_t month13[] = { 0x29, 0x13, 0x01 };
	static const uint8_t month0[] = { 0x29, 0x00, 0x01 };
	static const uint8_t day0[] = { 0x29, 0x12, 0x00 };
	static const uint8_t day32[] = { 0x29, 0x12, 0x32 };
	static const uint8_t not_bcd[] = { 0x2A, 0x12, 0x31 };
	int fd;

	OPEN(fd, n);
	ASSERT_BAD_PUT(fd, 0x5F24, month13, 3, SW_6A80);
	ASSERT_BAD_PUT(fd, 0x5F24, month0, 3, SW_6A80);
	ASSERT_BAD_PUT(fd, 0x5F24, day0, 3, SW_6A80);
	ASSERT_BAD_PUT(fd, 0x5F24, day32, 3, SW_6A80);
	ASSERT_BAD_PUT(fd, 0x5F24, not_bcd, 3, SW_6A80);
	return PASS;
}

static enum result t_put_bad_text(int n)
{
	static const uint8_t newline[] = "DOE\nJOHN";
	static const uint8_t del[] = "DOE\x7fJOHN";
	static const uint8_t high[] = "DO\xc3\x89/JOHN";
	int fd;

	OPEN(fd, n);
	ASSERT_BAD_PUT(fd, 0x5F20, newline, sizeof(newline) - 1, SW_6A80);
	ASSERT_BAD_PUT(fd, 0x5F20, del, sizeof(del) - 1, SW_6A80);
	ASSERT_BAD_PUT(fd, 0x5F20, high, sizeof(high) - 1, SW_6A80);
	return PASS;
}

static enum result t_put_unknown_tag(int n)
{
	int fd;

	OPEN(fd, n);
	ASSERT_BAD_PUT(fd, 0x1234, v_records, 4, SW_6A88);
	/* Ki belongs to the SIM profile, not to this payment card. */
	ASSERT_BAD_PUT(fd, 0x8F01, v_icc_keys, 16, SW_6A88);
	ASSERT_BAD_PUT(fd, 0x0000, v_records, 4, SW_6A88);
	ASSERT_BAD_PUT(fd, 0xFFFF, v_records, 4, SW_6A88);
	return PASS;
}

/* An aborted session leaves nothing: the next one starts from scratch. */
static enum result t_abort_discards_staged(int n)
{
	static const uint8_t bad_pan[] = { 0xAB, 0xCD, 0xEF, 0x00, 0x00 };
	int fd;

	OPEN(fd, n);
	REQUIRE(start_session(fd));
	REQUIRE(put_dataset(fd));
	ASSERT_SW(cmd_put(fd, 0x5A00, bad_pan, sizeof(bad_pan)), SW_6A80);
	ASSERT_STATE(fd, SEMI);
	/* Everything staged before the bad PUT is gone. */
	REQUIRE(start_session(fd));
	ASSERT_SW(cmd_put(fd, 0x5A00, v_pan, sizeof(v_pan)), SW_OK);
	{
		struct persocard_lock l;

		ASSERT_SW(cmd_lock(fd, &l), SW_6A80);
		ASSERT(l.nr_missing == 8, "%u missing", l.nr_missing);
	}
	ASSERT_STATE(fd, SEMI);
	return PASS;
}

/* ================================================================== */
/* Commands out of place                                               */
/* ================================================================== */

static enum result t_verify_semi(int n)
{
	int fd, tries;

	OPEN(fd, n);
	ASSERT_SW(cmd_verify(fd, default_code, sizeof(default_code), &tries),
		  SW_6985);
	ASSERT_STATE(fd, SEMI);
	ASSERT_TRIES(fd, DEFAULT_TRY_LIMIT);
	ASSERT_ATTR(n, "fresh", "1");
	return PASS;
}

static enum result t_put_semi(int n)
{
	int fd;

	OPEN(fd, n);
	ASSERT_SW(cmd_put(fd, 0x0101, v_records, sizeof(v_records)), SW_6985);
	ASSERT_STATE(fd, SEMI);
	ASSERT_SESSION(fd, 0);
	return PASS;
}

static enum result t_lock_semi(int n)
{
	struct persocard_lock l;
	int fd;

	OPEN(fd, n);
	ASSERT_SW(cmd_lock(fd, &l), SW_6985);
	ASSERT(l.nr_missing == 0, "%u", l.nr_missing);
	ASSERT_STATE(fd, SEMI);
	return PASS;
}

static enum result t_put_ready(int n)
{
	int fd;

	OPEN(fd, n);
	ASSERT_SW(cmd_enable(fd), SW_OK);
	ASSERT_SW(cmd_put(fd, 0x0101, v_records, sizeof(v_records)), SW_6985);
	ASSERT_STATE(fd, SEMI);
	ASSERT_SESSION(fd, 0);
	ASSERT_TRIES(fd, DEFAULT_TRY_LIMIT);
	return PASS;
}

static enum result t_lock_ready(int n)
{
	struct persocard_lock l;
	int fd;

	OPEN(fd, n);
	ASSERT_SW(cmd_enable(fd), SW_OK);
	ASSERT_SW(cmd_lock(fd, &l), SW_6985);
	ASSERT(l.nr_missing == 0, "%u", l.nr_missing);
	ASSERT_STATE(fd, SEMI);
	ASSERT_SESSION(fd, 0);
	return PASS;
}

static enum result t_enable_twice(int n)
{
	int fd;

	OPEN(fd, n);
	ASSERT_SW(cmd_enable(fd), SW_OK);
	ASSERT_SW(cmd_enable(fd), SW_6985);
	ASSERT_STATE(fd, SEMI);
	ASSERT_SESSION(fd, 0);
	/* The abort leaves a card that accepts ENABLE again. */
	ASSERT_SW(cmd_enable(fd), SW_OK);
	ASSERT_STATE(fd, READY);
	return PASS;
}

static enum result t_enable_personalizing(int n)
{
	int fd;

	OPEN(fd, n);
	REQUIRE(start_session(fd));
	ASSERT_SW(cmd_put(fd, 0x0101, v_records, sizeof(v_records)), SW_OK);
	ASSERT_SW(cmd_enable(fd), SW_6985);
	ASSERT_STATE(fd, SEMI);
	ASSERT_SESSION(fd, 0);
	return PASS;
}

static enum result t_verify_personalizing(int n)
{
	int fd, tries;

	OPEN(fd, n);
	REQUIRE(start_session(fd));
	ASSERT_SW(cmd_verify(fd, default_code, sizeof(default_code), &tries),
		  SW_6985);
	ASSERT_STATE(fd, SEMI);
	ASSERT_SESSION(fd, 0);
	/* Refused before any comparison: no try spent. */
	ASSERT_TRIES(fd, DEFAULT_TRY_LIMIT);
	return PASS;
}

static enum result t_personalized_refuses(int n)
{
	int fd, tries;

	OPEN(fd, n);
	REQUIRE(personalize(fd));
	ASSERT_SW(cmd_enable(fd), SW_6985);
	ASSERT_SW(cmd_verify(fd, default_code, sizeof(default_code), &tries),
		  SW_6985);
	ASSERT_SW(cmd_put(fd, 0x5A00, v_pan, 5), SW_6985);
	ASSERT_SW(cmd_lock(fd, NULL), SW_6985);
	/* Still personalized, data and try counter as they were. */
	ASSERT_STATE(fd, PERSONALIZED);
	ASSERT_SESSION(fd, 0);
	ASSERT_TRIES(fd, DEFAULT_TRY_LIMIT);
	ASSERT_DATA(fd, 0x5A00, v_pan, sizeof(v_pan));
	return PASS;
}

/* Spend every try; the caller's card ends BLOCKED. */
static bool block_card(int fd)
{
	int i, tries;

	for (i = DEFAULT_TRY_LIMIT - 1; i >= 0; i--) {
		if (!expect_sw(__LINE__, "ENABLE", cmd_enable(fd), SW_OK) ||
		    !expect_sw(__LINE__, "VERIFY wrong code",
			       cmd_verify(fd, wrong_code, sizeof(wrong_code),
					  &tries), SW_63C(i)))
			return false;
	}
	return expect_state(__LINE__, fd, BLOCKED);
}

static enum result t_wrong_code_sequence(int n)
{
	int fd, tries, left;

	OPEN(fd, n);
	for (left = DEFAULT_TRY_LIMIT - 1; left >= 0; left--) {
		/* Each failure aborts: ENABLE again before the next try. */
		ASSERT_SW(cmd_enable(fd), SW_OK);
		ASSERT_SW(cmd_verify(fd, wrong_code, sizeof(wrong_code),
				     &tries), SW_63C(left));
		ASSERT(tries == left, "VERIFY says %d tries left, want %d",
		       tries, left);
		ASSERT_TRIES(fd, left);
		ASSERT_SESSION(fd, 0);
		ASSERT_STATE(fd, left ? SEMI : BLOCKED);
	}
	/* Blocked for good, even for the right code. */
	ASSERT_SW(cmd_enable(fd), SW_6983);
	ASSERT_SW(cmd_verify(fd, default_code, sizeof(default_code), &tries),
		  SW_6983);
	ASSERT(tries == 0, "%d", tries);
	ASSERT_STATE(fd, BLOCKED);
	return PASS;
}

static enum result t_blocked_refuses(int n)
{
	int fd, tries;

	OPEN(fd, n);
	REQUIRE(block_card(fd));
	ASSERT_SW(cmd_enable(fd), SW_6983);
	ASSERT_SW(cmd_verify(fd, default_code, sizeof(default_code), &tries),
		  SW_6983);
	ASSERT_SW(cmd_put(fd, 0x0101, v_records, sizeof(v_records)), SW_6983);
	ASSERT_SW(cmd_lock(fd, NULL), SW_6983);
	ASSERT_SW(cmd_get_data(fd, 0x5A00, NULL, 0, NULL), SW_6985);
	/* A reset does not unblock. */
	ASSERT_SW(cmd_reset(fd), SW_OK);
	ASSERT_STATE(fd, BLOCKED);
	ASSERT_TRIES(fd, 0);
	return PASS;
}

/* Codes of a wrong length: 6700, aborted, no try spent. */
static enum result t_code_wrong_length(int n)
{
	static const uint8_t code33[33] = "123412341234123412341234123412341";
	static const __u32 lengths[] = { 3, 0, 33 };
	size_t i;
	int fd, tries;

	OPEN(fd, n);
	for (i = 0; i < ARRAY_SIZE(lengths); i++) {
		ASSERT_SW(cmd_enable(fd), SW_OK);
		ASSERT_SW(cmd_verify(fd, code33, lengths[i], &tries), SW_6700);
		ASSERT_STATE(fd, SEMI);
		ASSERT_SESSION(fd, 0);
		ASSERT_TRIES(fd, DEFAULT_TRY_LIMIT);
	}
	return PASS;
}

/*
 * The right code plus one byte is a wrong code. The zero byte catches a
 * comparison of zero-padded buffers that forgets the length.
 */
static enum result t_code_prefix(int n)
{
	static const uint8_t longer[] = { '1', '2', '3', '4', '5' };
	static const uint8_t padded[] = { '1', '2', '3', '4', 0 };
	int fd, tries;

	OPEN(fd, n);
	ASSERT_SW(cmd_enable(fd), SW_OK);
	ASSERT_SW(cmd_verify(fd, longer, sizeof(longer), &tries), SW_63C(2));
	ASSERT_STATE(fd, SEMI);
	ASSERT_SW(cmd_enable(fd), SW_OK);
	ASSERT_SW(cmd_verify(fd, padded, sizeof(padded), &tries), SW_63C(1));
	ASSERT_STATE(fd, SEMI);
	ASSERT_TRIES(fd, 1);
	return PASS;
}

/* ================================================================== */
/* A second open file while a session runs                             */
/* ================================================================== */

static enum result t_other_enable(int n)
{
	int owner, other;

	OPEN(owner, n);
	OPEN(other, n);
	ASSERT_SW(cmd_enable(owner), SW_OK);
	ASSERT_SW(cmd_enable(other), SW_6985);
	ASSERT_STATE(owner, READY);
	ASSERT_SESSION(owner, SESSION_OWNED);
	ASSERT_SESSION(other, SESSION_OTHER);
	ASSERT_SW(cmd_verify(owner, default_code, sizeof(default_code), NULL),
		  SW_OK);
	return PASS;
}

static enum result t_other_commands(int n)
{
	static const __u16 skip[] = { 0x0101 };
	int owner, other, tries;

	OPEN(owner, n);
	OPEN(other, n);
	REQUIRE(start_session(owner));
	ASSERT_SW(cmd_put(owner, 0x0101, v_records, sizeof(v_records)), SW_OK);
	ASSERT_SW(cmd_verify(other, wrong_code, sizeof(wrong_code), &tries),
		  SW_6985);
	ASSERT_SW(cmd_verify(other, default_code, sizeof(default_code), &tries),
		  SW_6985);
	ASSERT_SW(cmd_put(other, 0x0101, v_pan, 5), SW_6985);
	ASSERT_SW(cmd_lock(other, NULL), SW_6985);
	ASSERT_SW(cmd_enable(other), SW_6985);
	/* The owner's session and its staged data are untouched. */
	ASSERT_STATE(owner, PERSONALIZING);
	ASSERT_SESSION(owner, SESSION_OWNED);
	ASSERT_TRIES(owner, DEFAULT_TRY_LIMIT);
	REQUIRE(put_dataset_except(owner, skip, ARRAY_SIZE(skip)));
	REQUIRE(lock_ok(owner));
	ASSERT_DATA(other, 0x0101, v_records, sizeof(v_records));
	return PASS;
}

static enum result t_other_reset(int n)
{
	int owner, other;

	OPEN(owner, n);
	OPEN(other, n);
	REQUIRE(start_session(owner));
	ASSERT_SW(cmd_reset(other), SW_6985);
	ASSERT_STATE(owner, PERSONALIZING);
	ASSERT_SESSION(owner, SESSION_OWNED);
	ASSERT_SW(cmd_reset(owner), SW_OK);
	ASSERT_STATE(other, SEMI);
	return PASS;
}

/* ================================================================== */
/* GET DATA                                                            */
/* ================================================================== */

static enum result t_get_secret(int n)
{
	uint8_t buf[PERSOCARD_VALUE_MAX_LEN];
	__u32 len;
	int fd;

	OPEN(fd, n);
	REQUIRE(personalize(fd));
	memset(buf, 0xEE, sizeof(buf));
	ASSERT_SW(cmd_get_data(fd, 0x8000, buf, sizeof(buf), &len), SW_6982);
	ASSERT(len == 0, "len %u", len);
	ASSERT(memcmp(buf, v_icc_keys, sizeof(v_icc_keys)) != 0,
	       "the ICC keys came back");
	ASSERT_SW(cmd_get_data(fd, 0x8010, buf, sizeof(buf), &len), SW_6982);
	ASSERT(memcmp(buf, v_pin_block, sizeof(v_pin_block)) != 0,
	       "the PIN block came back");
	/* Secret and never stored: still 6982, presence is not told. */
	ASSERT_SW(cmd_get_data(fd, 0x8101, buf, sizeof(buf), &len), SW_6982);
	ASSERT_STATE(fd, PERSONALIZED);
	return PASS;
}

static enum result t_get_absent(int n)
{
	uint8_t buf[256];
	__u32 len;
	int fd;

	OPEN(fd, n);
	REQUIRE(personalize(fd));
	/* Optional elements the data set leaves out. */
	ASSERT_SW(cmd_get_data(fd, 0x0102, buf, sizeof(buf), &len), SW_6A88);
	ASSERT(len == 0, "len %u", len);
	ASSERT_SW(cmd_get_data(fd, 0x3000, buf, sizeof(buf), &len), SW_6A88);
	ASSERT_STATE(fd, PERSONALIZED);
	return PASS;
}

static enum result t_get_unknown_tag(int n)
{
	uint8_t buf[256];
	int fd;

	OPEN(fd, n);
	REQUIRE(personalize(fd));
	ASSERT_SW(cmd_get_data(fd, 0x1234, buf, sizeof(buf), NULL), SW_6A88);
	ASSERT_SW(cmd_get_data(fd, 0x2FE2, buf, sizeof(buf), NULL), SW_6A88);
	ASSERT_STATE(fd, PERSONALIZED);
	return PASS;
}

/* Before PERSONALIZED GET DATA answers 6985 and never aborts a session. */
static enum result t_get_before_personalized(int n)
{
	uint8_t buf[64];
	int fd, other;

	OPEN(fd, n);
	OPEN(other, n);
	ASSERT_SW(cmd_get_data(fd, 0x5A00, buf, sizeof(buf), NULL), SW_6985);
	ASSERT_STATE(fd, SEMI);
	ASSERT_SW(cmd_enable(fd), SW_OK);
	ASSERT_SW(cmd_get_data(fd, 0x5A00, buf, sizeof(buf), NULL), SW_6985);
	ASSERT_STATE(fd, READY);
	ASSERT_SESSION(fd, SESSION_OWNED);
	ASSERT_SW(cmd_verify(fd, default_code, sizeof(default_code), NULL),
		  SW_OK);
	REQUIRE(put_dataset(fd));
	ASSERT_SW(cmd_get_data(fd, 0x5A00, buf, sizeof(buf), NULL), SW_6985);
	ASSERT_SW(cmd_get_data(other, 0x5A00, buf, sizeof(buf), NULL), SW_6985);
	ASSERT_STATE(fd, PERSONALIZING);
	ASSERT_SESSION(fd, SESSION_OWNED);
	/* Staged is not committed; and the session still LOCKs. */
	REQUIRE(lock_ok(fd));
	return PASS;
}

static enum result t_get_small_buffer(int n)
{
	uint8_t buf[sizeof(v_pan)];
	__u32 len;
	int fd;

	OPEN(fd, n);
	REQUIRE(personalize(fd));
	ASSERT_SW(cmd_get_data(fd, 0x5A00, buf, sizeof(buf) - 1, &len),
		  SW_6700);
	ASSERT(len == sizeof(v_pan), "len %u, want %zu", len, sizeof(v_pan));
	ASSERT_SW(cmd_get_data(fd, 0x5A00, NULL, 0, &len), SW_6700);
	ASSERT(len == sizeof(v_pan), "len %u", len);
	/* The length the card gave is enough. */
	ASSERT_SW(cmd_get_data(fd, 0x5A00, buf, len, &len), SW_OK);
	ASSERT(memcmp(buf, v_pan, sizeof(v_pan)) == 0, "wrong PAN");
	ASSERT_STATE(fd, PERSONALIZED);
	return PASS;
}

/* ================================================================== */
/* LOCK PERSO with mandatory elements missing                          */
/* ================================================================== */

static enum result t_lock_missing(int n)
{
	static const __u16 skip[] = { 0x8010, 0x5F24 };
	struct persocard_lock l;
	size_t i;
	int fd;

	OPEN(fd, n);
	REQUIRE(start_session(fd));
	REQUIRE(put_dataset_except(fd, skip, ARRAY_SIZE(skip)));
	ASSERT_SW(cmd_lock(fd, &l), SW_6A80);
	/* In profile order, whatever order the PUTs came in. */
	ASSERT(l.nr_missing == 2, "nr_missing %u", l.nr_missing);
	ASSERT(l.missing[0] == 0x5F24 && l.missing[1] == 0x8010,
	       "missing %04X %04X", l.missing[0], l.missing[1]);
	for (i = 2; i < ARRAY_SIZE(l.missing); i++)
		ASSERT(l.missing[i] == 0, "missing[%zu] %04X", i, l.missing[i]);
	ASSERT_STATE(fd, SEMI);
	ASSERT_SESSION(fd, 0);
	ASSERT_SW(cmd_get_data(fd, 0x5A00, NULL, 0, NULL), SW_6985);
	return PASS;
}

static enum result t_lock_missing_all(int n)
{
	struct persocard_lock l;
	size_t i, k = 0;
	int fd;

	OPEN(fd, n);
	REQUIRE(start_session(fd));
	/* Optional elements do not count. */
	ASSERT_SW(cmd_put(fd, 0x5F20, v_cardholder, sizeof(v_cardholder) - 1),
		  SW_OK);
	ASSERT_SW(cmd_lock(fd, &l), SW_6A80);
	for (i = 0; i < ARRAY_SIZE(payment_profile); i++) {
		if (!(payment_profile[i].flags & MAND))
			continue;
		ASSERT(k < l.nr_missing && l.missing[k] == payment_profile[i].tag,
		       "missing[%zu] %04X, want %04X (nr_missing %u)", k,
		       l.missing[k], payment_profile[i].tag, l.nr_missing);
		k++;
	}
	ASSERT(l.nr_missing == k, "nr_missing %u, want %zu", l.nr_missing, k);
	ASSERT_STATE(fd, SEMI);
	ASSERT_SW(cmd_get_data(fd, 0x5F20, NULL, 0, NULL), SW_6985);
	return PASS;
}

/* ================================================================== */
/* sysfs: the maker's attributes                                       */
/* ================================================================== */

static const char *const maker_attrs[] = {
	"profile", "perso_code", "try_limit", "factory_reset",
};

static const char *maker_value(const char *attr)
{
	if (!strcmp(attr, "profile"))
		return "sim";
	if (!strcmp(attr, "perso_code"))
		return "0102030405";
	if (!strcmp(attr, "try_limit"))
		return "7";
	return "1";
}

/* The card still has the module's settings and its serial. */
static bool maker_settings_unchanged(int n, const char *serial)
{
	int fd = card_open(n), tries;

	return fd >= 0 &&
	       expect_attr_at(__LINE__, n, "profile", "payment") &&
	       expect_attr_at(__LINE__, n, "try_limit", "3") &&
	       expect_attr_at(__LINE__, n, "serial", serial) &&
	       expect_attr_at(__LINE__, n, "state", "semi-finished") &&
	       expect_sw(__LINE__, "ENABLE", cmd_enable(fd), SW_OK) &&
	       expect_sw(__LINE__, "VERIFY 1234",
			 cmd_verify(fd, default_code, sizeof(default_code),
				    &tries), SW_OK);
}

static enum result child_nonroot(void *arg)
{
	int n = *(int *)arg, fd;
	char path[128], state[64];
	size_t i;

	if (setgroups(0, NULL) || setresgid(65534, 65534, 65534) ||
	    setresuid(65534, 65534, 65534)) {
		diag("cannot become nobody: %s", strerror(errno));
		return FAIL;
	}
	for (i = 0; i < ARRAY_SIZE(maker_attrs); i++) {
		snprintf(path, sizeof(path), SYSFS_CARD, n, maker_attrs[i]);
		fd = open(path, O_WRONLY);
		if (fd < 0) {
			ASSERT(errno == EACCES || errno == EPERM,
			       "open %s for writing: %s", maker_attrs[i],
			       errno_name(errno));
			continue;
		}
		diag("nobody opened %s for writing", maker_attrs[i]);
		close(fd);
		return FAIL;
	}
	/* The public attributes stay readable. */
	ASSERT(sysfs_read(n, "state", state, sizeof(state)) == 0,
	       "nobody cannot read state");
	return PASS;
}

static enum result t_sysfs_nonroot(int n)
{
	char serial[32];

	ASSERT(sysfs_read(n, "serial", serial, sizeof(serial)) == 0, "serial");
	if (run_in_child(child_nonroot, &n) != PASS)
		return FAIL;
	REQUIRE(maker_settings_unchanged(n, serial));
	return PASS;
}

/* Root by uid, but without CAP_SYS_ADMIN: the store must say EPERM. */
static enum result child_no_cap(void *arg)
{
	struct __user_cap_header_struct hdr = {
		.version = _LINUX_CAPABILITY_VERSION_3,
	};
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];
	int n = *(int *)arg, err;
	size_t i;

	memset(data, 0, sizeof(data));
	if (syscall(SYS_capget, &hdr, data)) {
		diag("capget: %s", strerror(errno));
		return FAIL;
	}
	data[CAP_SYS_ADMIN / 32].effective &= ~(1u << (CAP_SYS_ADMIN % 32));
	data[CAP_SYS_ADMIN / 32].permitted &= ~(1u << (CAP_SYS_ADMIN % 32));
	if (syscall(SYS_capset, &hdr, data)) {
		diag("capset: %s", strerror(errno));
		return FAIL;
	}
	for (i = 0; i < ARRAY_SIZE(maker_attrs); i++) {
		err = sysfs_write(n, maker_attrs[i], maker_value(maker_attrs[i]));
		ASSERT(err == -EPERM || err == -EACCES,
		       "write %s without CAP_SYS_ADMIN: %s", maker_attrs[i],
		       err ? errno_name(-err) : "accepted");
	}
	return PASS;
}

static enum result t_sysfs_no_cap(int n)
{
	char serial[32];

	ASSERT(sysfs_read(n, "serial", serial, sizeof(serial)) == 0, "serial");
	if (run_in_child(child_no_cap, &n) != PASS)
		return FAIL;
	REQUIRE(maker_settings_unchanged(n, serial));
	return PASS;
}

static enum result t_sysfs_busy(int n)
{
	char serial[32];
	size_t i;
	int fd, err;

	ASSERT(sysfs_read(n, "serial", serial, sizeof(serial)) == 0, "serial");
	OPEN(fd, n);
	/* The first ENABLE ends the maker's part, session or no session. */
	ASSERT_SW(cmd_enable(fd), SW_OK);
	ASSERT_SW(cmd_reset(fd), SW_OK);
	ASSERT_ATTR(n, "fresh", "0");
	for (i = 0; i < ARRAY_SIZE(maker_attrs); i++) {
		if (!strcmp(maker_attrs[i], "factory_reset"))
			continue;	/* the one that works on any card */
		err = sysfs_write(n, maker_attrs[i], maker_value(maker_attrs[i]));
		ASSERT(err == -EBUSY, "write %s on a used card: %s",
		       maker_attrs[i], err ? errno_name(-err) : "accepted");
	}
	/* Also on the maker's own values: not fresh is not fresh. */
	ASSERT(sysfs_write(n, "profile", "payment") == -EBUSY, "profile");
	card_close(fd);
	REQUIRE(maker_settings_unchanged(n, serial));
	return PASS;
}

static enum result t_sysfs_einval(int n)
{
	static const struct { const char *attr, *value; } bad[] = {
		{ "profile", "nosuch" },
		{ "profile", "\n" },
		{ "profile", "paymentx" },
		{ "try_limit", "0" },
		{ "try_limit", "16" },
		{ "try_limit", "-1" },
		{ "try_limit", "three" },
		{ "perso_code", "123" },		/* odd number of digits */
		{ "perso_code", "414243444" },		/* odd, 4 bytes and a half */
		{ "perso_code", "zz" },			/* not hex */
		{ "perso_code", "313233" },		/* 3 bytes */
		{ "perso_code",				/* 33 bytes */
		  "000102030405060708090a0b0c0d0e0f"
		  "101112131415161718191a1b1c1d1e1f20" },
		{ "factory_reset", "0" },
		{ "factory_reset", "maybe" },
	};
	char serial[32];
	size_t i;
	int err;

	ASSERT(sysfs_read(n, "serial", serial, sizeof(serial)) == 0, "serial");
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		err = sysfs_write(n, bad[i].attr, bad[i].value);
		ASSERT(err == -EINVAL, "write \"%s\" to %s: %s", bad[i].value,
		       bad[i].attr, err ? errno_name(-err) : "accepted");
	}
	ASSERT_ATTR(n, "fresh", "1");
	REQUIRE(maker_settings_unchanged(n, serial));
	return PASS;
}

static enum result t_sysfs_modes(int n)
{
	static const struct { const char *attr; mode_t mode; } modes[] = {
		{ "state", 0444 }, { "tries_left", 0444 }, { "serial", 0444 },
		{ "fresh", 0444 }, { "profile", 0644 }, { "try_limit", 0644 },
		{ "perso_code", 0200 }, { "factory_reset", 0200 },
		{ "atr", 0444 }, { "present", 0644 },
	};
	char path[128], buf[64];
	struct stat st;
	size_t i;
	int fd;

	for (i = 0; i < ARRAY_SIZE(modes); i++) {
		snprintf(path, sizeof(path), SYSFS_CARD, n, modes[i].attr);
		ASSERT(stat(path, &st) == 0, "%s: %s", path, strerror(errno));
		ASSERT((st.st_mode & 07777) == modes[i].mode, "%s mode %o",
		       modes[i].attr, st.st_mode & 07777);
	}
	/* The code is write-only, even for root. */
	snprintf(path, sizeof(path), SYSFS_CARD, n, "perso_code");
	fd = open(path, O_RDONLY);
	if (fd >= 0) {
		ssize_t got = read(fd, buf, sizeof(buf));

		close(fd);
		ASSERT(got <= 0, "root read %zd bytes of perso_code", got);
	}
	snprintf(path, sizeof(path), "/dev/persocard%d", n);
	ASSERT(stat(path, &st) == 0, "%s", path);
	ASSERT(S_ISCHR(st.st_mode) && (st.st_mode & 07777) == 0600,
	       "%s mode %o", path, st.st_mode & 07777);
	ASSERT(stat("/dev/persocard", &st) == 0, "/dev/persocard");
	ASSERT(S_ISCHR(st.st_mode) && (st.st_mode & 07777) == 0600,
	       "/dev/persocard mode %o", st.st_mode & 07777);
	return PASS;
}

/* ================================================================== */
/* Fault injection: an NVM write fails                                 */
/* ================================================================== */

#define NEED_FAULTS()							\
	do {								\
		if (!fault_available()) {				\
			skip_reason = "no fault injection";		\
			return SKIP;					\
		}							\
	} while (0)

static enum result t_fault_lock(int n)
{
	int fd;

	NEED_FAULTS();
	OPEN(fd, n);
	REQUIRE(start_session(fd));
	REQUIRE(put_dataset(fd));
	REQUIRE(fault_arm(0));
	ASSERT_SW(cmd_lock(fd, NULL), SW_6581);
	fault_disarm();
	ASSERT_STATE(fd, SEMI);
	ASSERT_SESSION(fd, 0);
	ASSERT_SW(cmd_get_data(fd, 0x5A00, NULL, 0, NULL), SW_6985);
	/* NVM as it was: a new session personalizes the card in full. */
	REQUIRE(personalize(fd));
	ASSERT_DATA(fd, 0x5A00, v_pan, sizeof(v_pan));
	return PASS;
}

static enum result t_fault_verify(int n)
{
	int fd, tries;

	NEED_FAULTS();
	OPEN(fd, n);
	ASSERT_SW(cmd_enable(fd), SW_OK);
	/* The decrement itself fails: nothing written, nothing spent. */
	REQUIRE(fault_arm(0));
	ASSERT_SW(cmd_verify(fd, default_code, sizeof(default_code), &tries),
		  SW_6581);
	fault_disarm();
	ASSERT_STATE(fd, SEMI);
	ASSERT_SESSION(fd, 0);
	ASSERT_TRIES(fd, DEFAULT_TRY_LIMIT);
	REQUIRE(start_session(fd));
	return PASS;
}

static enum result t_fault_verify_spent(int n)
{
	int fd, tries;

	NEED_FAULTS();
	OPEN(fd, n);
	ASSERT_SW(cmd_enable(fd), SW_OK);
	/*
	 * The decrement (the 208-byte system record) passes, the restore
	 * after the right code fails: the try stays spent, so no failure
	 * buys a free try.
	 */
	REQUIRE(fault_arm(300));
	ASSERT_SW(cmd_verify(fd, default_code, sizeof(default_code), &tries),
		  SW_6581);
	fault_disarm();
	ASSERT(tries == DEFAULT_TRY_LIMIT - 1, "tries_left %d", tries);
	ASSERT_STATE(fd, SEMI);
	ASSERT_TRIES(fd, DEFAULT_TRY_LIMIT - 1);
	REQUIRE(start_session(fd));
	ASSERT_TRIES(fd, DEFAULT_TRY_LIMIT);
	return PASS;
}

static enum result t_fault_enable(int n)
{
	int fd;

	NEED_FAULTS();
	OPEN(fd, n);
	/* The first ENABLE writes the "used" mark; make that fail. */
	REQUIRE(fault_arm(0));
	ASSERT_SW(cmd_enable(fd), SW_6581);
	fault_disarm();
	ASSERT_STATE(fd, SEMI);
	ASSERT_SESSION(fd, 0);
	ASSERT_ATTR(n, "fresh", "1");
	ASSERT_SW(cmd_enable(fd), SW_OK);
	ASSERT_ATTR(n, "fresh", "0");
	return PASS;
}

/* ================================================================== */
/* The table and the runner                                            */
/* ================================================================== */
/* TRANSMIT: the same commands as APDUs                                */
/* ================================================================== */

/* The last response of xmit(): data, then SW1 SW2. */
static uint8_t rapdu[PERSOCARD_RESPONSE_MAX_LEN];
static __u32 rapdu_len;

/* One APDU; its SW, or -errno. The response lands in rapdu. */
static int xmit(int fd, const void *apdu, size_t len)
{
	struct persocard_transmit t = {
		.command = uptr(apdu), .command_len = len,
		.response = uptr(rapdu), .response_size = sizeof(rapdu),
	};
	int ret;

	memset(rapdu, 0xEE, sizeof(rapdu));
	rapdu_len = 0;
	ret = xioctl(fd, PERSOCARD_IOC_TRANSMIT, &t);
	if (ret)
		return ret;
	rapdu_len = t.response_len;
	/* The SW field and the response's last two bytes must agree. */
	if (t.response_len < 2 || t.response_len > sizeof(rapdu) ||
	    rapdu[t.response_len - 2] != t.sw >> 8 ||
	    rapdu[t.response_len - 1] != (t.sw & 0xFF))
		return -EPROTO;
	return t.sw;
}

#define XMIT(fd, ...) ({						\
	static const uint8_t __apdu[] = { __VA_ARGS__ };		\
	xmit((fd), __apdu, sizeof(__apdu));				\
})

/* PUT PERSO DATA as a short APDU: 80 DA tag Lc value. */
static int xmit_put(int fd, __u16 tag, const void *value, size_t len)
{
	uint8_t apdu[5 + 255];

	apdu[0] = PERSOCARD_CLA;
	apdu[1] = PERSOCARD_INS_PUT;
	apdu[2] = tag >> 8;
	apdu[3] = tag & 0xFF;
	apdu[4] = len;
	memcpy(apdu + 5, value, len);
	return xmit(fd, apdu, 5 + len);
}

static enum result t_transmit_personalize(int n)
{
	size_t i;
	int fd;

	OPEN(fd, n);
	ASSERT_SW(XMIT(fd, 0x80, 0xE6, 0x20, 0x00), SW_OK);
	ASSERT_STATE(fd, READY);
	ASSERT_SW(XMIT(fd, 0x80, 0x20, 0x00, 0x00, 4, '1', '2', '3', '4'),
		  SW_OK);
	ASSERT_STATE(fd, PERSONALIZING);
	for (i = 0; i < ARRAY_SIZE(dataset); i++)
		ASSERT_SW(xmit_put(fd, dataset[i].tag, dataset[i].value,
				   dataset[i].len), SW_OK);
	ASSERT_SW(XMIT(fd, 0x80, 0xF0, 0x80, 0x0F), SW_OK);
	ASSERT(rapdu_len == 2, "%u", rapdu_len);
	ASSERT_STATE(fd, PERSONALIZED);
	ASSERT_ATTR(n, "state", "personalized");

	/* GET DATA as an APDU returns what the ioctl returns. */
	for (i = 0; i < ARRAY_SIZE(dataset); i++) {
		const struct datum *d = &dataset[i];
		uint8_t apdu[] = { 0x80, 0xCA, d->tag >> 8, d->tag & 0xFF, 0 };

		if (d->secret) {
			ASSERT_SW(xmit(fd, apdu, sizeof(apdu)), SW_6982);
			continue;
		}
		ASSERT_SW(xmit(fd, apdu, sizeof(apdu)), SW_OK);
		ASSERT(rapdu_len == d->len + 2, "tag %04X: %u bytes",
		       d->tag, rapdu_len);
		ASSERT(!memcmp(rapdu, d->value, d->len), "tag %04X", d->tag);
		ASSERT_DATA(fd, d->tag, d->value, d->len);
	}
	return PASS;
}

/* A session started by ioctl goes on by APDU, on the same file only. */
static enum result t_transmit_mixed(int n)
{
	struct persocard_lock l;
	int fd, other;

	OPEN(fd, n);
	OPEN(other, n);
	ASSERT_SW(cmd_enable(fd), SW_OK);
	ASSERT_SW(XMIT(other, 0x80, 0x20, 0x00, 0x00, 4, '1', '2', '3', '4'),
		  SW_6985);
	ASSERT_STATE(fd, READY);
	ASSERT_SW(XMIT(fd, 0x80, 0x20, 0x00, 0x00, 4, '1', '2', '3', '4'),
		  SW_OK);
	ASSERT_SW(cmd_put(fd, 0x0101, v_records, sizeof(v_records)), SW_OK);
	/* LOCK by APDU with Le: the missing tags come back, as by ioctl. */
	ASSERT_SW(XMIT(fd, 0x80, 0xF0, 0x80, 0x0F, 0x00), SW_6A80);
	ASSERT(rapdu_len == 2 + 2 * 8, "%u", rapdu_len);
	ASSERT(rapdu[0] == 0x5A && rapdu[1] == 0x00, "%02X%02X", rapdu[0],
	       rapdu[1]);
	ASSERT_STATE(fd, SEMI);
	REQUIRE(start_session(fd));
	ASSERT_SW(cmd_lock(fd, &l), SW_6A80);
	ASSERT(l.nr_missing == 9, "%u", l.nr_missing);
	return PASS;
}

/* GET STATUS 80 F2 00 00 agrees with the STATUS ioctl. */
static enum result t_transmit_status(int n)
{
	struct persocard_status st;
	uint64_t serial = 0;
	int fd, i;

	OPEN(fd, n);
	REQUIRE(start_session(fd));
	ASSERT_SW(cmd_status(fd, &st), SW_OK);
	ASSERT_SW(XMIT(fd, 0x80, 0xF2, 0x00, 0x00, 0x0D), SW_OK);
	ASSERT(rapdu_len == sizeof(struct persocard_apdu_status) + 2, "%u",
	       rapdu_len);
	for (i = 0; i < 8; i++)
		serial = serial << 8 | rapdu[5 + i];
	ASSERT(rapdu[0] == st.state && rapdu[1] == st.profile &&
	       rapdu[2] == st.flags && rapdu[3] == st.tries_left &&
	       rapdu[4] == st.try_limit && serial == st.serial,
	       "%02X %02X %02X %02X %02X %016llx", rapdu[0], rapdu[1],
	       rapdu[2], rapdu[3], rapdu[4], (unsigned long long)serial);
	/* Tag descriptor 0 of the payment profile: records, 0x0101. */
	ASSERT_SW(XMIT(fd, 0x80, 0xF2, 0x01, 0x00, 0x00), SW_OK);
	ASSERT(rapdu_len == PERSOCARD_APDU_TAG_DESC_FIXED + 7 + 2, "%u",
	       rapdu_len);
	ASSERT(!memcmp(rapdu, "\x01\x01\x00\x01\x00\xFF\x01", 7) &&
	       !memcmp(rapdu + 8, "records", 7), "descriptor 0");
	ASSERT_STATE(fd, PERSONALIZING);
	return PASS;
}

/* Extended length: a 255-byte value in one APDU, read back with Le 2 bytes. */
static enum result t_transmit_extended(int n)
{
	uint8_t apdu[7 + 255], get[] = { 0x80, 0xCA, 0x01, 0x02, 0, 0x01, 0 };
	size_t i;
	int fd;

	OPEN(fd, n);
	REQUIRE(start_session(fd) && put_dataset(fd));
	memcpy(apdu, "\x80\xDA\x01\x02\x00\x00\xFF", 7);
	for (i = 0; i < 255; i++)
		apdu[7 + i] = i ^ 0x5A;
	ASSERT_SW(xmit(fd, apdu, sizeof(apdu)), SW_OK);
	REQUIRE(lock_ok(fd));
	ASSERT_SW(xmit(fd, get, sizeof(get)), SW_OK);
	ASSERT(rapdu_len == 255 + 2, "%u", rapdu_len);
	ASSERT(!memcmp(rapdu, apdu + 7, 255), "records_2 differs");
	ASSERT_DATA(fd, 0x0102, apdu + 7, 255);
	return PASS;
}

/* Malformed APDUs: their status word, and the session goes on. */
static enum result t_transmit_malformed(int n)
{
	static const struct {
		uint8_t apdu[8];
		uint8_t len;
		int sw;
	} cases[] = {
		{ { 0x80, 0xE6, 0x20 }, 3, SW_6700 },
		{ { 0x80, 0x20, 0x00, 0x00, 0x04, '1' }, 6, SW_6700 },
		{ { 0x00, 0xE6, 0x20, 0x00 }, 4, PERSOCARD_SW_CLA_UNKNOWN },
		{ { 0x80, 0xB0, 0x00, 0x00, 0x00 }, 5, PERSOCARD_SW_INS_UNKNOWN },
		{ { 0x80, 0xE6, 0x00, 0x00 }, 4, PERSOCARD_SW_WRONG_P1P2 },
		{ { 0x90, 0xF0, 0x80, 0x0F }, 4, PERSOCARD_SW_NO_CHAINING },
		{ { 0x80, 0xF2, 0x00, 0x00, 0x05 }, 5, PERSOCARD_SW_WRONG_LE | 13 },
	};
	size_t i;
	int fd;

	OPEN(fd, n);
	REQUIRE(start_session(fd));
	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		ASSERT_SW(xmit(fd, cases[i].apdu, cases[i].len), cases[i].sw);
		ASSERT(rapdu_len == 2, "case %zu: %u bytes", i, rapdu_len);
	}
	/* A chain cut by another command: 6883. */
	ASSERT_SW(XMIT(fd, 0x90, 0xDA, 0x01, 0x02, 1, 0xAA), SW_OK);
	ASSERT_SW(XMIT(fd, 0x80, 0xF2, 0x00, 0x00, 0x00),
		  PERSOCARD_SW_LAST_EXPECTED);
	ASSERT_STATE(fd, PERSONALIZING);
	ASSERT_SESSION(fd, SESSION_OWNED);
	return PASS;
}

/* What TRANSMIT itself refuses: an errno, and no effect. */
static enum result t_transmit_errors(int n)
{
	uint8_t verify[] = { 0x80, 0x20, 0x00, 0x00, 4, '9', '9', '9', '9' };
	uint8_t get[] = { 0x80, 0xF2, 0x00, 0x00, 0x00 }, small[8];
	size_t psize = sysconf(_SC_PAGESIZE);
	struct persocard_transmit t;
	uint8_t *page;
	int fd, res;

	OPEN(fd, n);
	ASSERT_SW(cmd_enable(fd), SW_OK);
	memset(&t, 0, sizeof(t));
	t.command = uptr(verify);
	t.command_len = sizeof(verify);
	t.response = uptr(rapdu);
	t.response_size = sizeof(rapdu);
	t.reserved0 = 1;
	ASSERT_ERRNO(xioctl(fd, PERSOCARD_IOC_TRANSMIT, &t), EINVAL);
	t.reserved0 = 0;
	t.reserved[1] = 1;
	ASSERT_ERRNO(xioctl(fd, PERSOCARD_IOC_TRANSMIT, &t), EINVAL);
	t.reserved[1] = 0;
	/* A response buffer too small for SW1 SW2. */
	t.response_size = 1;
	ASSERT_ERRNO(xioctl(fd, PERSOCARD_IOC_TRANSMIT, &t), EINVAL);
	/* Bad pointers. */
	t.response_size = sizeof(rapdu);
	t.command = 8;
	ASSERT_ERRNO(xioctl(fd, PERSOCARD_IOC_TRANSMIT, &t), EFAULT);
	t.command = uptr(verify);
	t.response = 8;
	ASSERT_ERRNO(xioctl(fd, PERSOCARD_IOC_TRANSMIT, &t), EFAULT);
	ASSERT_ERRNO(xioctl(fd, PERSOCARD_IOC_TRANSMIT, (void *)8), EFAULT);
	/* None of these spent a try or touched the session. */
	ASSERT_STATE(fd, READY);
	ASSERT_TRIES(fd, DEFAULT_TRY_LIMIT);

	/* Le 00 asks for 256 bytes: the buffer must hold them and SW. */
	memset(&t, 0, sizeof(t));
	t.command = uptr(get);
	t.command_len = sizeof(get);
	t.response = uptr(small);
	t.response_size = sizeof(small);
	ASSERT_ERRNO(xioctl(fd, PERSOCARD_IOC_TRANSMIT, &t), EINVAL);
	/* ... and be writable for all of them, before the card acts. */
	page = mmap(NULL, 2 * psize, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT(page != MAP_FAILED, "mmap: %s", strerror(errno));
	munmap(page + psize, psize);
	t.response = uptr(page + psize - 100);
	t.response_size = 258;
	res = xioctl(fd, PERSOCARD_IOC_TRANSMIT, &t);
	munmap(page, psize);
	ASSERT_ERRNO(res, EFAULT);
	ASSERT_STATE(fd, READY);

	/* Lengths the card refuses are its to answer: nothing is read. */
	memset(&t, 0, sizeof(t));
	t.command = 8;
	t.command_len = 3;
	t.response = uptr(rapdu);
	t.response_size = 2;
	ASSERT_ERRNO(xioctl(fd, PERSOCARD_IOC_TRANSMIT, &t), 0);
	ASSERT(t.sw == SW_6700 && t.response_len == 2, "%04X %u", t.sw,
	       t.response_len);
	t.command_len = PERSOCARD_APDU_MAX_LEN + 1;
	ASSERT_ERRNO(xioctl(fd, PERSOCARD_IOC_TRANSMIT, &t), 0);
	ASSERT(t.sw == SW_6700, "%04X", t.sw);
	ASSERT_STATE(fd, READY);
	ASSERT_SESSION(fd, SESSION_OWNED);
	return PASS;
}

/* INFO: the ATR, as sysfs shows it; the first version's size still works. */
static enum result t_info_atr(int n)
{
	struct persocard_info info, v0;
	char hex[2 * PERSOCARD_ATR_MAX_LEN + 1], want[128];
	uint8_t big[sizeof(info) + 8];
	unsigned int i;
	int fd;

	OPEN(fd, n);
	ASSERT_SW(cmd_info(fd, &info), SW_OK);
	ASSERT(info.caps & PERSOCARD_CAP_TRANSMIT, "caps %#x", info.caps);
	ASSERT(info.caps & PERSOCARD_CAP_PRESENCE, "caps %#x", info.caps);
	ASSERT(info.atr_len == 15, "%u", info.atr_len);
	ASSERT(info.atr[0] == 0x3B && info.atr[11] == (uint8_t)n,
	       "%02X .. %02X", info.atr[0], info.atr[11]);
	for (i = 0; i < info.atr_len; i++)
		snprintf(hex + 2 * i, 3, "%02x", info.atr[i]);
	ASSERT_ATTR(n, "atr", hex);

	/* A program built before the ATR: 48 bytes, the same answers. */
	memset(&v0, 0xCC, sizeof(v0));
	memset(&v0, 0, PERSOCARD_INFO_SIZE_VER0);
	ASSERT_ERRNO(xioctl(fd, _IOWR(PERSOCARD_IOC_MAGIC, 0x07,
				      char[PERSOCARD_INFO_SIZE_VER0]), &v0), 0);
	ASSERT(!memcmp(&v0, &info, PERSOCARD_INFO_SIZE_VER0), "v0 differs");
	ASSERT(v0.atr[0] == 0xCC, "wrote past 48 bytes");
	/* A later, larger struct: its tail must be zero. */
	memset(big, 0, sizeof(big));
	ASSERT_ERRNO(xioctl(fd, _IOWR(PERSOCARD_IOC_MAGIC, 0x07,
				      char[sizeof(big)]), big), 0);
	ASSERT(!memcmp(big, &info, sizeof(info)), "big differs");
	big[sizeof(big) - 1] = 1;
	ASSERT_ERRNO(xioctl(fd, _IOWR(PERSOCARD_IOC_MAGIC, 0x07,
				      char[sizeof(big)]), big), EINVAL);
	/* Smaller than the first version: not INFO. */
	ASSERT_ERRNO(xioctl(fd, _IOWR(PERSOCARD_IOC_MAGIC, 0x07, char[40]),
			    big), ENOTTY);
	memset(&info, 0, sizeof(info));
	info.atr_len = 1;
	ASSERT_ERRNO(xioctl(fd, PERSOCARD_IOC_INFO, &info), EINVAL);
	snprintf(want, sizeof(want), "%s", hex);
	ASSERT_ATTR(n, "atr", want);
	return PASS;
}

/* Out of its reader, a card answers ENODEV, loses its session, keeps NVM. */
static enum result t_presence(int n)
{
	struct persocard_get_data g = { 0 };
	struct persocard_tag_desc d;
	struct persocard_info info;
	struct persocard_status st;
	int fd, err;

	OPEN(fd, n);
	REQUIRE(start_session(fd));
	ASSERT_ATTR(n, "present", "1");
	err = sysfs_write(n, "present", "0");
	ASSERT(!err, "present: %s", errno_name(-err));
	ASSERT_ATTR(n, "present", "0");
	/* A power cut: the session ended at once. */
	ASSERT_ATTR(n, "state", "semi-finished");
	ASSERT_ERRNO(cmd_enable(fd), ENODEV);
	ASSERT_ERRNO(cmd_reset(fd), ENODEV);
	ASSERT_ERRNO(cmd_verify(fd, default_code, 4, NULL), ENODEV);
	ASSERT_ERRNO(cmd_put(fd, 0x5A00, v_pan, sizeof(v_pan)), ENODEV);
	ASSERT_ERRNO(cmd_lock(fd, NULL), ENODEV);
	ASSERT_ERRNO(cmd_status(fd, &st), ENODEV);
	ASSERT_ERRNO(cmd_info(fd, &info), ENODEV);
	ASSERT_ERRNO(cmd_profile(fd, 0, &d), ENODEV);
	ASSERT_ERRNO(xioctl(fd, PERSOCARD_IOC_GET_DATA, &g), ENODEV);
	ASSERT_ERRNO(XMIT(fd, 0x80, 0xE6, 0x20, 0x00), ENODEV);
	ASSERT_ERRNO(XMIT(fd, 0x80, 0xE6), ENODEV);
	/* The slot can still be opened, as a reader without a card. */
	ASSERT(card_open(n) >= 0, "open of an empty slot");

	err = sysfs_write(n, "present", "1");
	ASSERT(!err, "present: %s", errno_name(-err));
	ASSERT_STATE(fd, SEMI);
	ASSERT_SESSION(fd, 0);
	ASSERT_TRIES(fd, DEFAULT_TRY_LIMIT);
	/* NVM survives: a personalized card stays so. */
	REQUIRE(personalize(fd));
	REQUIRE(sysfs_write(n, "present", "0") == 0);
	REQUIRE(sysfs_write(n, "present", "1") == 0);
	ASSERT_STATE(fd, PERSONALIZED);
	ASSERT_DATA(fd, 0x5A00, v_pan, sizeof(v_pan));
	ASSERT(sysfs_write(n, "present", "maybe") == -EINVAL, "present=maybe");
	return PASS;
}

/* ================================================================== */

#define ANY_CARD	-1

static const struct test {
	const char *name;
	enum result (*fn)(int n);
	int card;		/* ANY_CARD: the runner spreads tests out */
} tests[] = {
	/* Good paths */
	{ "INFO reports the ABI and limits", t_info, ANY_CARD },
	{ "GET STATUS and sysfs agree on a fresh card", t_status, ANY_CARD },
	{ "PROFILE lists every payment tag, 6A88 past the end", t_profile, ANY_CARD },
	{ "ENABLE PERSO starts a session owned by the file", t_enable, ANY_CARD },
	{ "VERIFY PERSO CODE with the right code", t_verify, ANY_CARD },
	{ "PUT PERSO DATA stages every element", t_put, ANY_CARD },
	{ "LOCK PERSO commits; GET DATA returns what was PUT", t_personalize_get_data, ANY_CARD },
	{ "PUT of a tag again replaces the staged value", t_put_replaces, ANY_CARD },
	{ "RESET by the owner ends the session and its data", t_reset_owner, ANY_CARD },
	{ "RESET with no session changes nothing", t_reset_idle, ANY_CARD },
	{ "a right code restores the try counter", t_tries_restored, ANY_CARD },
	{ "closing the owning file aborts the session", t_close_mid_session, ANY_CARD },
	{ "a dup'ed descriptor shares the session", t_dup_shares, ANY_CARD },
	{ "an inherited descriptor shares the session", t_fork_inherits, ANY_CARD },
	{ "/dev/persocard is card 0", t_alias, 0 },
	{ "poll() on sysfs state wakes on ENABLE", t_poll_state, ANY_CARD },
	{ "the maker sets profile, try limit and code on a fresh card", t_maker_settings, ANY_CARD },
	{ "two files race to ENABLE: exactly one wins each round", t_race_enable, ANY_CARD },
	/* Bad pointers */
	{ "ENABLE with a bad argument pointer: EFAULT, no effect", t_efault_enable, ANY_CARD },
	{ "VERIFY with a bad argument pointer: EFAULT, no effect", t_efault_verify_arg, ANY_CARD },
	{ "VERIFY with a bad code pointer: EFAULT, no try spent", t_efault_verify_code, ANY_CARD },
	{ "PUT with a bad value pointer: EFAULT, session intact", t_efault_put_value, ANY_CARD },
	{ "LOCK with a bad argument pointer: EFAULT, not locked", t_efault_lock, ANY_CARD },
	{ "queries and RESET with a bad pointer: EFAULT", t_efault_queries, ANY_CARD },
	{ "a reply that cannot be written: EFAULT before the card acts", t_efault_readonly_reply, ANY_CARD },
	{ "GET DATA into an unwritable buffer: EFAULT", t_efault_get_data_buf, ANY_CARD },
	/* Reserved fields, flags */
	{ "ENABLE with reserved fields set: EINVAL", t_einval_enable, ANY_CARD },
	{ "RESET with a reserved field set: EINVAL, session intact", t_einval_reset, ANY_CARD },
	{ "VERIFY with reserved fields set: EINVAL, no try spent", t_einval_verify, ANY_CARD },
	{ "PUT with flags set: EINVAL, session intact", t_einval_put_flags, ANY_CARD },
	{ "PUT with the reserved field set: EINVAL, nothing staged", t_einval_put_reserved, ANY_CARD },
	{ "LOCK with reserved0 set: EINVAL, not locked", t_einval_lock, ANY_CARD },
	{ "STATUS, INFO, PROFILE with reserved fields set: EINVAL", t_einval_queries, ANY_CARD },
	{ "GET DATA with a reserved field set: EINVAL", t_einval_get_data, ANY_CARD },
	/* ioctl numbers */
	{ "unknown ioctl numbers: ENOTTY", t_enotty_unknown, ANY_CARD },
	{ "known numbers with the wrong size or direction: ENOTTY", t_enotty_wrong_size, ANY_CARD },
	/* Bad PUT values */
	{ "PUT of 1025 bytes and more: 6700, session aborted", t_put_oversize, ANY_CARD },
	{ "PUT of an empty value: 6700, session aborted", t_put_empty, ANY_CARD },
	{ "PUT of a value too long for its tag: 6700", t_put_too_long_for_tag, ANY_CARD },
	{ "PUT of a value too short for its tag: 6700", t_put_too_short_for_tag, ANY_CARD },
	{ "PUT of a PAN that is not BCD: 6A80", t_put_bad_bcd, ANY_CARD },
	{ "PUT of an impossible expiry date: 6A80", t_put_bad_date, ANY_CARD },
	{ "PUT of a cardholder name that is not printable: 6A80", t_put_bad_text, ANY_CARD },
	{ "PUT of a tag the profile lacks: 6A88, session aborted", t_put_unknown_tag, ANY_CARD },
	{ "an aborted session leaves no staged data", t_abort_discards_staged, ANY_CARD },
	/* Out of place */
	{ "VERIFY in SEMI_FINISHED: 6985", t_verify_semi, ANY_CARD },
	{ "PUT in SEMI_FINISHED: 6985", t_put_semi, ANY_CARD },
	{ "LOCK in SEMI_FINISHED: 6985", t_lock_semi, ANY_CARD },
	{ "PUT in READY: 6985, session aborted", t_put_ready, ANY_CARD },
	{ "LOCK in READY: 6985, session aborted", t_lock_ready, ANY_CARD },
	{ "ENABLE twice by the owner: 6985, session aborted", t_enable_twice, ANY_CARD },
	{ "ENABLE in PERSONALIZING: 6985, session aborted", t_enable_personalizing, ANY_CARD },
	{ "VERIFY in PERSONALIZING: 6985, session aborted", t_verify_personalizing, ANY_CARD },
	{ "perso commands on a PERSONALIZED card: 6985", t_personalized_refuses, ANY_CARD },
	{ "wrong codes: 63C2, 63C1, 63C0, then BLOCKED and 6983", t_wrong_code_sequence, ANY_CARD },
	{ "perso commands on a BLOCKED card: 6983", t_blocked_refuses, ANY_CARD },
	{ "codes of 3, 0 and 33 bytes: 6700, no try spent", t_code_wrong_length, ANY_CARD },
	{ "the right code with a byte more is wrong", t_code_prefix, ANY_CARD },
	/* Another file */
	{ "ENABLE from another file during a session: 6985", t_other_enable, ANY_CARD },
	{ "VERIFY, PUT, LOCK from another file: 6985, session intact", t_other_commands, ANY_CARD },
	{ "RESET from another file: 6985, session intact", t_other_reset, ANY_CARD },
	/* GET DATA */
	{ "GET DATA of a secret element: 6982", t_get_secret, ANY_CARD },
	{ "GET DATA of an absent optional element: 6A88", t_get_absent, ANY_CARD },
	{ "GET DATA of a tag the profile lacks: 6A88", t_get_unknown_tag, ANY_CARD },
	{ "GET DATA before PERSONALIZED: 6985, session intact", t_get_before_personalized, ANY_CARD },
	{ "GET DATA into a buffer too small: 6700 with the length", t_get_small_buffer, ANY_CARD },
	/* LOCK */
	{ "LOCK with two mandatory elements missing: 6A80 and the list", t_lock_missing, ANY_CARD },
	{ "LOCK with nothing stored lists every mandatory tag", t_lock_missing_all, ANY_CARD },
	/* sysfs */
	{ "nobody cannot open the maker's attributes for writing", t_sysfs_nonroot, ANY_CARD },
	{ "uid 0 without CAP_SYS_ADMIN gets EPERM from the maker's attributes", t_sysfs_no_cap, ANY_CARD },
	{ "the maker's attributes on a used card: EBUSY", t_sysfs_busy, ANY_CARD },
	{ "bad values for the maker's attributes: EINVAL", t_sysfs_einval, ANY_CARD },
	{ "attribute and node modes; the code cannot be read", t_sysfs_modes, ANY_CARD },
	/* TRANSMIT and presence */
	{ "a personalization by APDUs alone; GET DATA as by ioctl", t_transmit_personalize, ANY_CARD },
	{ "ioctls and APDUs share one session; LOCK lists the missing", t_transmit_mixed, ANY_CARD },
	{ "GET STATUS and a tag descriptor by APDU agree with the ioctls", t_transmit_status, ANY_CARD },
	{ "extended length: 255 bytes in, 255 bytes out", t_transmit_extended, ANY_CARD },
	{ "malformed APDUs: their SW, the session goes on", t_transmit_malformed, ANY_CARD },
	{ "TRANSMIT with bad fields, sizes or pointers: errno, no effect", t_transmit_errors, ANY_CARD },
	{ "INFO gives the ATR sysfs shows, to old and new sizes", t_info_atr, ANY_CARD },
	{ "a card out of its reader: ENODEV, session gone, NVM kept", t_presence, ANY_CARD },
	/* Faults */
	{ "NVM write fails at LOCK: 6581, NVM as it was", t_fault_lock, ANY_CARD },
	{ "NVM write fails at VERIFY: 6581, no try spent", t_fault_verify, ANY_CARD },
	{ "NVM write fails after the decrement: 6581, try spent", t_fault_verify_spent, ANY_CARD },
	{ "NVM write fails at the first ENABLE: 6581, still fresh", t_fault_enable, ANY_CARD },
};

static char timeout_line[256];

/* A hung ioctl: report the test that hung, and stop. */
static void on_timeout(int sig)
{
	static const char bail[] = "Bail out! a test timed out\n";
	ssize_t ignored;

	(void)sig;
	ignored = write(STDOUT_FILENO, timeout_line, strlen(timeout_line));
	ignored = write(STDOUT_FILENO, bail, sizeof(bail) - 1);
	(void)ignored;
	_exit(1);
}

/* How many cards the module made; also proves it is loaded. */
static int count_cards(void)
{
	struct persocard_info info;
	int fd = open("/dev/persocard0", O_RDWR), res;

	if (fd < 0)
		return -errno;
	res = cmd_info(fd, &info);
	close(fd);
	return res == SW_OK ? (int)info.nr_cards : -EPROTO;
}

int main(void)
{
	unsigned int failed = 0;
	size_t i;
	int res;

	setvbuf(stdout, NULL, _IOLBF, 0);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGALRM, on_timeout);
	init_dataset();

	printf("TAP version 13\n");
	if (geteuid() != 0) {
		printf("1..0 # SKIP needs root\n");
		return 0;
	}
	res = count_cards();
	if (res <= 0) {
		printf("Bail out! /dev/persocard0: %s (is persocard loaded?)\n",
		       res < 0 ? strerror(-res) : "no cards");
		return 1;
	}
	nr_cards = res;
	/*
	 * The fault tests need debugfs. Mount it if nobody did; mounting it
	 * again where it is would only stack a second copy.
	 */
	if (!fault_available() && access("/sys/kernel/debug/persocard", F_OK))
		mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL);

	printf("1..%zu\n", ARRAY_SIZE(tests));
	for (i = 0; i < ARRAY_SIZE(tests); i++) {
		const struct test *t = &tests[i];
		int n = t->card == ANY_CARD ? (int)(i % nr_cards) : t->card;
		enum result r;

		diag_len = 0;
		diag_buf[0] = '\0';
		skip_reason = NULL;
		snprintf(timeout_line, sizeof(timeout_line),
			 "not ok %zu - %s # timed out after %d s\n", i + 1,
			 t->name, TEST_TIMEOUT);
		fflush(stdout);
		alarm(TEST_TIMEOUT);
		r = fresh(n) ? t->fn(n) : FAIL;
		alarm(0);
		close_tracked();
		fault_disarm();

		if (r == SKIP)
			printf("ok %zu - %s # SKIP %s\n", i + 1, t->name,
			       skip_reason ? skip_reason : "");
		else
			printf("%sok %zu - %s\n", r == PASS ? "" : "not ",
			       i + 1, t->name);
		if (r == FAIL) {
			failed++;
			if (!diag_len)
				diag("(no diagnostic)");
			printf("# card %d\n", n);
		}
		fputs(diag_buf, stdout);
	}
	/* Leave every card blank for whatever runs next. */
	for (i = 0; i < (size_t)nr_cards; i++) {
		diag_len = 0;
		if (!fresh(i))
			fputs(diag_buf, stdout);
	}
	printf("# %zu tests, %u failed\n", ARRAY_SIZE(tests), failed);
	return failed ? 1 : 0;
}
