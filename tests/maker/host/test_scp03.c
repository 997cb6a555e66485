// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libpersocard-maker's SCP03 key sets on the host, without the module:
 * what goes into sysfs and configfs scp03_keys (one write, lower-case hex,
 * "none" to clear), what is refused before anything is written, and the
 * auth attribute's reading. Linked with the library's objects.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
#include "tap.h"

static char root[] = "/tmp/persocard-scp03-test.XXXXXX";
static char sysfs[PATH_MAX], card0[PATH_MAX + 16], cfs[PATH_MAX];
static struct maker_paths paths;

static const char *errname(int err)
{
	const char *name = err ? strerrorname_np(err) : "0";

	return name ? name : "?";
}

#define expect_fail(expr, want, what) do {				\
	long r_;							\
	int e_;								\
									\
	errno = 0;							\
	r_ = (long)(expr);						\
	e_ = errno;							\
	ok(r_ == -1 && e_ == (want), "%s fails with %s", what,		\
	   errname(want));						\
	if (r_ != -1 || e_ != (want))					\
		diag("got %ld and errno %s", r_, errname(e_));		\
} while (0)

static void put_str(const char *dir, const char *name, const char *s)
{
	char path[PATH_MAX * 2];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, s, strlen(s)) != (ssize_t)strlen(s))
		diag("%s: %s", path, strerror(errno));
	if (fd >= 0)
		close(fd);
}

static const char *slurp(const char *dir, const char *name)
{
	static char buf[512];
	char path[PATH_MAX * 2];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	buf[0] = '\0';
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return "(none)";
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n < 0 ? 0 : n] = '\0';
	return buf;
}

static unsigned char enc[32], mac[32], dek[32];

static void fill_keys(void)
{
	size_t i;

	for (i = 0; i < 32; i++) {
		enc[i] = 0x40 + i;
		mac[i] = 0x60 + i;
		dek[i] = 0x80 + i;
	}
}

static void test_sysfs(void)
{
	const char *want128 =
		"30 404142434445464748494a4b4c4d4e4f"
		" 606162636465666768696a6b6c6d6e6f"
		" 808182838485868788898a8b8c8d8e8f";
	char want256[256];
	size_t i;

	put_str(card0, "scp03_keys", "");
	is_int(maker_set_scp03_keys_at(&paths, 0, 0x30, enc, mac, dek, 16), 0,
	       "an AES-128 key set to sysfs");
	is_str(slurp(card0, "scp03_keys"), want128,
	       "written as KVN ENC MAC DEK in lower-case hex, no newline");
	is_int(maker_set_scp03_keys_at(&paths, 0, 0x7f, enc, mac, dek, 32), 0,
	       "an AES-256 key set, KVN 7F");
	strcpy(want256, "7f ");
	for (i = 0; i < 3; i++) {
		const unsigned char *k = i == 0 ? enc : i == 1 ? mac : dek;
		char *p = want256 + strlen(want256);

		hex_encode(k, 32, p);
		if (i < 2)
			strcat(want256, " ");
	}
	is_str(slurp(card0, "scp03_keys"), want256, "its 64 digits each");
	is_int(maker_set_scp03_keys_at(&paths, 0, 0x01, enc, mac, dek, 24), 0,
	       "an AES-192 key set, KVN 01");
	is_int((int)strlen(slurp(card0, "scp03_keys")), 2 + 3 * 49,
	       "48 digits each");

	put_str(card0, "scp03_keys", "untouched");
	expect_fail(maker_set_scp03_keys_at(&paths, 0, 0, enc, mac, dek, 16),
		    EINVAL, "KVN 00");
	expect_fail(maker_set_scp03_keys_at(&paths, 0, 0x80, enc, mac, dek, 16),
		    EINVAL, "KVN 80");
	expect_fail(maker_set_scp03_keys_at(&paths, 0, 1, enc, mac, dek, 20),
		    EINVAL, "keys of 20 bytes");
	expect_fail(maker_set_scp03_keys_at(&paths, 0, 1, enc, mac, dek, 0),
		    EINVAL, "keys of 0 bytes");
	expect_fail(maker_set_scp03_keys_at(&paths, 0, 1, enc, NULL, dek, 16),
		    EINVAL, "a NULL key");
	is_str(slurp(card0, "scp03_keys"), "untouched",
	       "nothing written for a refused key set");
	expect_fail(maker_set_scp03_keys_at(&paths, 1, 1, enc, mac, dek, 16),
		    ENOENT, "a card that does not exist");

	is_int(maker_clear_scp03_keys_at(&paths, 0), 0, "clear");
	is_str(slurp(card0, "scp03_keys"), "none", "writes none");
	expect_fail(maker_clear_scp03_keys_at(&paths, 1), ENOENT,
		    "clear of a card that does not exist");
}

static void test_auth(void)
{
	expect_fail(maker_get_auth_at(&paths, 0), ENOTSUP,
		    "auth of a card without the attribute");
	expect_fail(maker_get_auth_at(&paths, 1), ENOENT,
		    "auth of a card that does not exist");
	put_str(card0, "auth", "code\n");
	is_int(maker_get_auth_at(&paths, 0), PERSOCARD_MAKER_AUTH_CODE,
	       "auth code");
	put_str(card0, "auth", "scp03\n");
	is_int(maker_get_auth_at(&paths, 0), PERSOCARD_MAKER_AUTH_SCP03,
	       "auth scp03");
	put_str(card0, "auth", "scp02\n");
	expect_fail(maker_get_auth_at(&paths, 0), EIO, "an unknown auth");
	is_str(persocard_maker_auth_name(PERSOCARD_MAKER_AUTH_CODE), "code",
	       "the name of code");
	is_str(persocard_maker_auth_name(PERSOCARD_MAKER_AUTH_SCP03), "scp03",
	       "the name of scp03");
	ok(!persocard_maker_auth_name(-1), "no name for -1");
}

static void test_configfs(void)
{
	static const char *const names[] = {
		"profile", "nvm_size", "try_limit", "live", "dev_name",
	};
	static const char *const vals[] = {
		"sim\n", "8192\n", "3\n", "0\n", "\n",
	};
	struct persocard_maker_card *card;
	struct persocard_maker_info *info;
	char dir[PATH_MAX + 16];
	size_t i;

	snprintf(dir, sizeof(dir), "%s/c1", cfs);
	card = maker_card_new_at(cfs, "c1");
	ok(card != NULL, "a fake configfs card");
	if (!card)
		return;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		put_str(dir, names[i], vals[i]);
	info = persocard_maker_card_get_info(card);
	ok(info && persocard_maker_info_auth(info) == -1,
	   "info of a module without auth: -1");
	persocard_maker_info_free(info);
	put_str(dir, "auth", "scp03\n");
	info = persocard_maker_card_get_info(card);
	ok(info && persocard_maker_info_auth(info) == PERSOCARD_MAKER_AUTH_SCP03,
	   "info auth scp03");
	persocard_maker_info_free(info);
	put_str(dir, "auth", "what\n");
	expect_fail(persocard_maker_card_get_info(card) ? 0 : -1, EIO,
		    "info with an auth not as documented");

	put_str(dir, "scp03_keys", "");
	is_int(persocard_maker_card_set_scp03_keys(card, 0x31, enc, mac, dek,
						    16), 0,
	       "configfs key set");
	is_str(slurp(dir, "scp03_keys"),
	       "31 404142434445464748494a4b4c4d4e4f"
	       " 606162636465666768696a6b6c6d6e6f"
	       " 808182838485868788898a8b8c8d8e8f", "configfs key set written");
	put_str(dir, "scp03_keys", "untouched");
	expect_fail(persocard_maker_card_set_scp03_keys(card, 0x31, enc, mac,
							 dek, 33),
		    EINVAL, "configfs keys of 33 bytes");
	is_str(slurp(dir, "scp03_keys"), "untouched", "nothing written");
	is_int(persocard_maker_card_clear_scp03_keys(card), 0,
	       "configfs clear");
	is_str(slurp(dir, "scp03_keys"), "none", "configfs none");
	persocard_maker_card_free(card);
}

int main(void)
{
	char cmd[PATH_MAX + 16];
	int ret;

	plan(0);
	if (!mkdtemp(root)) {
		diag("mkdtemp: %s", strerror(errno));
		return 1;
	}
	fill_keys();
	snprintf(sysfs, sizeof(sysfs), "%s/class", root);
	snprintf(card0, sizeof(card0), "%s/persocard0", sysfs);
	snprintf(cfs, sizeof(cfs), "%s/configfs", root);
	if (mkdir(sysfs, 0755) || mkdir(card0, 0755) || mkdir(cfs, 0755)) {
		diag("mkdir: %s", strerror(errno));
		return 1;
	}
	paths.sysfs = sysfs;
	paths.debugfs = root;
	paths.dev = root;
	test_sysfs();
	test_auth();
	test_configfs();

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	ret = done();
	if (system(cmd))
		diag("could not remove %s", root);
	return ret;
}
