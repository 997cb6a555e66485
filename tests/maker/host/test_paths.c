// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libpersocard-maker on the host, without the module: argument checks,
 * the paths it builds and the files it writes, on a folder that stands in
 * for the configfs group.  Linked with the library's objects, hidden
 * functions and all.
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

static char root[] = "/tmp/persocard-maker-test.XXXXXX";

static const char *errname(int err)
{
	const char *name = err ? strerrorname_np(err) : "0";

	return name ? name : "?";
}

#define expect_fail(expr, fail_ret, want, what) do {			\
	long r_;							\
	int e_;								\
									\
	errno = 0;							\
	r_ = (long)(expr);						\
	e_ = errno;							\
	ok(r_ == (fail_ret) && e_ == (want), "%s fails with %s", what,	\
	   errname(want));						\
	if (r_ != (fail_ret) || e_ != (want))				\
		diag("got %ld and errno %s", r_, errname(e_));		\
} while (0)

static const char *slurp(const char *dir, const char *name)
{
	static char buf[256];
	char path[PATH_MAX];
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

/* The attribute files a configfs card has, with their values. */
static void fake_attrs(const char *dir, const char *live, const char *dev)
{
	static const char *const names[] = {
		"profile", "nvm_size", "try_limit", "perso_code", "live",
		"dev_name", "page_size",
	};
	const char *vals[] = { "payment\n", "8192\n", "3\n", "", live, dev,
			       "64\n" };
	char path[PATH_MAX];
	size_t i;
	int fd;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0 || write(fd, vals[i], strlen(vals[i])) < 0)
			diag("%s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
	}
}

static void test_names(void)
{
	char longname[NAME_MAX + 2];

	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	expect_fail(name_check(""), -1, EINVAL, "an empty name");
	expect_fail(name_check("."), -1, EINVAL, "the name .");
	expect_fail(name_check(".."), -1, EINVAL, "the name ..");
	expect_fail(name_check("a/b"), -1, EINVAL, "a name with a /");
	expect_fail(name_check("a\nb"), -1, EINVAL, "a name with a newline");
	expect_fail(name_check(longname), -1, EINVAL, "a name of 256 bytes");
	longname[NAME_MAX] = '\0';
	is_int(name_check(longname), 0, "a name of 255 bytes");
	is_int(name_check("3"), 0, "a name of digits");
	is_int(name_check("card with blanks"), 0, "a name with blanks");
}

static void test_encodings(void)
{
	static const unsigned char code[] = { 0x31, 0x32, 0xab, 0x00, 0xff };
	char hex[2 * sizeof(code) + 1];

	hex_encode(code, sizeof(code), hex);
	is_str(hex, "3132ab00ff", "a code in lower-case hex");
	is_int(dev_name_index("persocard0"), 0, "persocard0 is 0");
	is_int(dev_name_index("persocard4097"), 4097, "persocard4097");
	is_int(dev_name_index("persocard"), -1, "persocard alone");
	is_int(dev_name_index("persocard01"), -1, "a leading zero");
	is_int(dev_name_index("persocard-1"), -1, "a sign");
	is_int(dev_name_index("persocard1 "), -1, "a blank");
	is_int(dev_name_index("persocard99999999999"), -1, "past INT_MAX");
	is_int(dev_name_index("misc3"), -1, "another name");
}

static void test_no_group(void)
{
	char missing[PATH_MAX];

	snprintf(missing, sizeof(missing), "%s/none", root);
	expect_fail(maker_card_new_at(missing, "x"), 0, ENOENT,
		    "new without the configfs group");
	expect_fail(maker_card_new_at(missing, NULL), 0, ENOENT,
		    "new, unnamed, without the group");
	expect_fail(maker_card_open_at(missing, "x"), 0, ENOENT,
		    "open without the group");
	expect_fail(maker_card_open_index_at(missing, 0), 0, ENOENT,
		    "open_index without the group");
	expect_fail(maker_iter_new_at(missing), 0, ENOENT,
		    "iter_new without the group");
	expect_fail(maker_card_new_at(root, "a/b"), 0, EINVAL,
		    "new with a bad name");
	ok(access(missing, F_OK) && errno == ENOENT, "nothing was made");
}

static void test_cards(void)
{
	static const unsigned char code[] = "\x01\x02\x03\x04\x05";
	struct persocard_maker_card *a, *b, *c;
	struct persocard_maker_info *info;
	struct persocard_maker_iter *iter;
	char dir[PATH_MAX], path[PATH_MAX + 16];

	a = maker_card_new_at(root, "alpha");
	ok(a != NULL, "new alpha");
	if (!a)
		return;
	is_str(persocard_maker_card_name(a), "alpha", "its name");
	snprintf(dir, sizeof(dir), "%s/alpha", root);
	ok(!access(dir, F_OK), "its folder");
	expect_fail(maker_card_new_at(root, "alpha"), 0, EEXIST,
		    "new alpha again");
	fake_attrs(dir, "0\n", "\n");

	is_int(persocard_maker_card_set_profile(a, "sim"), 0, "set profile");
	is_str(slurp(dir, "profile"), "sim", "profile written, no newline");
	expect_fail(persocard_maker_card_set_profile(a, ""), -1, EINVAL,
		    "an empty profile");
	expect_fail(persocard_maker_card_set_profile(a, "sim\n\n"), -1,
		    EINVAL, "a profile with newlines");
	is_str(slurp(dir, "profile"), "sim", "profile unchanged");
	is_int(persocard_maker_card_set_nvm_size(a, 4096), 0, "set nvm_size");
	is_str(slurp(dir, "nvm_size"), "4096", "nvm_size in decimal");
	is_int(persocard_maker_card_set_page_size(a, 128), 0, "set page_size");
	is_str(slurp(dir, "page_size"), "128", "page_size in decimal");
	is_int(persocard_maker_card_set_try_limit(a, 7), 0, "set try_limit");
	is_str(slurp(dir, "try_limit"), "7", "try_limit in decimal");
	is_int(persocard_maker_card_set_perso_code(a, code, 5), 0,
	       "set a 5-byte code");
	is_str(slurp(dir, "perso_code"), "0102030405", "the code in hex");
	expect_fail(persocard_maker_card_set_perso_code(a, code, 3), -1,
		    EINVAL, "a 3-byte code");
	expect_fail(persocard_maker_card_set_perso_code(a, code, 33), -1,
		    EINVAL, "a 33-byte code");
	expect_fail(persocard_maker_card_set_perso_code(a, NULL, 4), -1,
		    EINVAL, "a NULL code");
	is_str(slurp(dir, "perso_code"), "0102030405", "the code unchanged");

	is_int(persocard_maker_card_is_live(a), 0, "not live");
	expect_fail(persocard_maker_card_index(a), -1, ENODEV,
		    "the index of a card not live");
	info = persocard_maker_card_get_info(a);
	ok(info != NULL, "info of a card not live");
	if (info) {
		is_str(persocard_maker_info_name(info), "alpha", "info: name");
		is_str(persocard_maker_info_profile(info), "sim",
		       "info: profile");
		is_int(persocard_maker_info_nvm_size(info), 4096,
		       "info: nvm_size");
		is_int(persocard_maker_info_try_limit(info), 7,
		       "info: try_limit");
		is_int(persocard_maker_info_page_size(info), 128,
		       "info: page_size");
		ok(!persocard_maker_info_is_live(info), "info: not live");
		is_int(persocard_maker_info_index(info), -1, "info: no index");
		ok(!persocard_maker_info_dev_path(info), "info: no device");
		persocard_maker_info_free(info);
	}

	/* What the kernel does at live 1, done by hand. */
	is_int(persocard_maker_card_enable(a), 0, "enable");
	is_str(slurp(dir, "live"), "1", "live 1 written");
	fake_attrs(dir, "1\n", "persocard12\n");
	is_int(persocard_maker_card_is_live(a), 1, "live");
	is_int(persocard_maker_card_index(a), 12, "index 12");
	info = persocard_maker_card_get_info(a);
	if (info) {
		is_int(persocard_maker_info_index(info), 12, "info: index");
		is_str(persocard_maker_info_dev_path(info), "/dev/persocard12",
		       "info: device");
		persocard_maker_info_free(info);
	} else {
		ok(0, "info of a live card: %s", errname(errno));
		ok(0, "info: device");
	}
	snprintf(path, sizeof(path), "%s/page_size", dir);
	unlink(path);
	info = persocard_maker_card_get_info(a);
	ok(info && persocard_maker_info_page_size(info) == 0,
	   "info: page_size 0 for a module without the attribute");
	persocard_maker_info_free(info);
	fake_attrs(dir, "1\n", "persocard12 junk\n");
	expect_fail(persocard_maker_card_get_info(a), 0, EIO,
		    "info with a bad dev_name");
	fake_attrs(dir, "1\n", "persocard12\n");

	b = maker_card_new_at(root, NULL);
	ok(b != NULL, "new without a name");
	if (b) {
		is_str(persocard_maker_card_name(b), "card1",
		       "named from the number of cards");
		snprintf(dir, sizeof(dir), "%s/card1", root);
		fake_attrs(dir, "0\n", "\n");
	}
	c = maker_card_open_at(root, "alpha");
	ok(c != NULL, "open alpha by name");
	persocard_maker_card_free(c);
	expect_fail(maker_card_open_at(root, "beta"), 0, ENOENT,
		    "open a card that is not there");
	c = maker_card_open_index_at(root, 12);
	ok(c && !strcmp(persocard_maker_card_name(c), "alpha"),
	   "open index 12 finds alpha");
	persocard_maker_card_free(c);
	expect_fail(maker_card_open_index_at(root, 3), 0, ENODEV,
		    "open an index no configfs card has");

	iter = maker_iter_new_at(root);
	ok(iter != NULL, "iterate");
	if (iter) {
		is_str(persocard_maker_iter_next(iter), "alpha", "first alpha");
		is_str(persocard_maker_iter_next(iter), "card1", "then card1");
		ok(!persocard_maker_iter_next(iter), "then the end");
		ok(!persocard_maker_iter_next(iter), "and the end again");
		persocard_maker_iter_free(iter);
	}
	persocard_maker_card_free(b);
	persocard_maker_card_free(a);
	persocard_maker_card_free(NULL);
	persocard_maker_info_free(NULL);
	persocard_maker_iter_free(NULL);
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
	test_names();
	test_encodings();
	test_no_group();
	test_cards();
	is_str(persocard_maker_api_version(), PERSOCARD_VERSION,
	       "the version");
	expect_fail(persocard_maker_set_perso_code(0, "12", 2), -1, EINVAL,
		    "a sysfs code of 2 bytes, before any file");
	expect_fail(persocard_maker_set_profile(0, ""), -1, EINVAL,
		    "an empty sysfs profile");

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	ret = done();
	if (system(cmd))
		diag("could not remove %s", root);
	return ret;
}
