// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libpersocard-maker's images and chip files on the host, without the
 * module: the image files (atomic, 0600, size limits), the save and
 * restore of all over a fake sysfs class and /dev (regular files, so each
 * ioctl fails with ENOTTY and every card must be reported), the debugfs
 * files' parsing, the key file. Linked with the library's objects.
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

static char root[] = "/tmp/persocard-images-test.XXXXXX";
static char sysfs[PATH_MAX], debugfs[PATH_MAX], dev[PATH_MAX], imgs[PATH_MAX];
static struct maker_paths paths;

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

static void put_file(const char *dir, const char *name, const void *data,
		     size_t len)
{
	char path[PATH_MAX * 2];
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, data, len) != (ssize_t)len)
		diag("%s: %s", path, strerror(errno));
	if (fd >= 0)
		close(fd);
}

static void put_str(const char *dir, const char *name, const char *s)
{
	put_file(dir, name, s, strlen(s));
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

static unsigned int count_entries(const char *dir)
{
	char cmd[PATH_MAX + 64];
	unsigned int n = 0;
	FILE *f;

	snprintf(cmd, sizeof(cmd), "ls -A '%s' | wc -l", dir);
	f = popen(cmd, "r");
	if (!f || fscanf(f, "%u", &n) != 1)
		n = ~0u;
	if (f)
		pclose(f);
	return n;
}

static void mkdir_p(const char *path)
{
	if (mkdir(path, 0755) && errno != EEXIST)
		diag("mkdir %s: %s", path, strerror(errno));
}

/* Cards 0, 1 and 10 in sysfs, /dev and debugfs. */
static void fake_tree(void)
{
	static const unsigned int cards[] = { 0, 1, 10 };
	char path[PATH_MAX + 32];
	size_t i;

	snprintf(sysfs, sizeof(sysfs), "%s/class", root);
	snprintf(debugfs, sizeof(debugfs), "%s/debug", root);
	snprintf(dev, sizeof(dev), "%s/dev", root);
	snprintf(imgs, sizeof(imgs), "%s/images", root);
	mkdir_p(sysfs);
	mkdir_p(debugfs);
	mkdir_p(dev);
	mkdir_p(imgs);
	for (i = 0; i < sizeof(cards) / sizeof(cards[0]); i++) {
		snprintf(path, sizeof(path), "%s/persocard%u", sysfs, cards[i]);
		mkdir_p(path);
		put_str(path, "present", "0\n");
		snprintf(path, sizeof(path), "%s/persocard%u", debugfs,
			 cards[i]);
		mkdir_p(path);
		put_str(path, "power_cut", "off\n");
		put_str(dev, strrchr(path, '/') + 1, "");
	}
	/* Not cards: the alias node, and another class entry. */
	put_str(dev, "persocard", "");
	snprintf(path, sizeof(path), "%s/persocard01", sysfs);
	mkdir_p(path);
	paths.sysfs = sysfs;
	paths.debugfs = debugfs;
	paths.dev = dev;
}

static void test_image_files(void)
{
	char path[PATH_MAX * 2], big_path[PATH_MAX * 2];
	unsigned char data[300], *big;
	struct stat st;
	void *buf = NULL;
	size_t len = 0, i;

	for (i = 0; i < sizeof(data); i++)
		data[i] = i * 7;
	snprintf(path, sizeof(path), "%s/one.img", root);
	is_int(image_file_write(path, data, sizeof(data)), 0, "write an image");
	ok(!stat(path, &st) && (st.st_mode & 0777) == 0600 &&
	   st.st_size == sizeof(data), "0600, its size");
	is_int(count_entries(root), 5, "no temporary file left");
	is_int(image_file_read(path, &buf, &len), 0, "read it back");
	ok(buf && len == sizeof(data) && !memcmp(buf, data, len),
	   "the same bytes");
	free(buf);
	chmod(path, 0644);
	is_int(image_file_write(path, data, 10), 0, "replace it");
	ok(!stat(path, &st) && (st.st_mode & 0777) == 0600 && st.st_size == 10,
	   "replaced whole, 0600 again");
	snprintf(path, sizeof(path), "%s/none/one.img", root);
	expect_fail(image_file_write(path, data, 10), -1, ENOENT,
		    "write into a missing folder");
	snprintf(path, sizeof(path), "%s/", root);
	expect_fail(image_file_write(path, data, 10), -1, EISDIR,
		    "write to a folder's name");
	snprintf(path, sizeof(path), "%s/missing.img", root);
	expect_fail(image_file_read(path, &buf, &len), -1, ENOENT,
		    "read a missing file");
	expect_fail(image_file_read(root, &buf, &len), -1, EISDIR,
		    "read a folder");

	big = calloc(1, IMAGE_MAX_SIZE + 1);
	snprintf(big_path, sizeof(big_path), "%s/big.img", root);
	if (big) {
		put_file(root, "big.img", big, IMAGE_MAX_SIZE);
		is_int(image_file_read(big_path, &buf, &len), 0,
		       "read the largest image's size");
		is_int(len, IMAGE_MAX_SIZE, "all of it");
		free(buf);
		put_file(root, "big.img", big, IMAGE_MAX_SIZE + 1);
		expect_fail(image_file_read(big_path, &buf, &len), -1, EINVAL,
			    "a file a byte larger than any image");
		free(big);
	}
	unlink(big_path);
	snprintf(path, sizeof(path), "%s/one.img", root);
	unlink(path);
}

struct seen {
	char names[8][64];
	int errs[8];
	unsigned int n;
};

static void record(const char *name, const char *path, int err, void *data)
{
	struct seen *s = data;

	(void)path;
	if (s->n < 8) {
		snprintf(s->names[s->n], sizeof(s->names[0]), "%s", name);
		s->errs[s->n] = err;
	}
	s->n++;
}

static void test_all(void)
{
	struct seen s = { 0 };
	char path[PATH_MAX * 2];

	/* The fake nodes are regular files: SAVE is ENOTTY on each. */
	expect_fail(maker_save_all_at(&paths, imgs, record, &s), -1, ENOTTY,
		    "save all onto fake nodes");
	is_int(s.n, 3, "three cards reported");
	is_str(s.names[0], "persocard0", "first persocard0");
	is_str(s.names[1], "persocard1", "then persocard1");
	is_str(s.names[2], "persocard10", "then persocard10 (by number)");
	ok(s.errs[0] == ENOTTY && s.errs[1] == ENOTTY && s.errs[2] == ENOTTY,
	   "each with its errno");
	is_int(count_entries(imgs), 0, "no file for a card not saved");
	snprintf(path, sizeof(path), "%s/none", root);
	expect_fail(maker_save_all_at(&paths, path, NULL, NULL), -1, ENOENT,
		    "save all into a missing folder");
	snprintf(path, sizeof(path), "%s/dev/persocard0", root);
	expect_fail(maker_save_all_at(&paths, path, NULL, NULL), -1, ENOTDIR,
		    "save all into a file");

	put_str(imgs, "persocard10.img", "x");
	put_str(imgs, "persocard1.img", "x");
	put_str(imgs, "persocard7.img", "x");
	put_str(imgs, "foo.img", "x");
	put_str(imgs, ".persocard1.img.Ab12Cd", "x");	/* a temporary file */
	put_str(imgs, "image.key", "x");
	put_str(imgs, ".img", "x");
	memset(&s, 0, sizeof(s));
	expect_fail(maker_restore_all_at(&paths, imgs, record, &s), -1, ENOTTY,
		    "restore all onto fake nodes");
	is_int(s.n, 4, "four images reported, the others are no images");
	is_str(s.names[0], "persocard1", "first persocard1");
	is_int(s.errs[0], ENOTTY, "  ENOTTY from its node");
	is_str(s.names[1], "persocard7", "then persocard7");
	is_int(s.errs[1], ENOENT, "  ENOENT: no such card");
	is_str(s.names[2], "persocard10", "then persocard10");
	is_int(s.errs[2], ENOTTY, "  ENOTTY");
	is_str(s.names[3], "foo.img", "then foo.img");
	is_int(s.errs[3], EINVAL, "  EINVAL: it names no card");
	snprintf(path, sizeof(path), "%s/none", root);
	expect_fail(maker_restore_all_at(&paths, path, NULL, NULL), -1, ENOENT,
		    "restore all from a missing folder");
	memset(&s, 0, sizeof(s));
	is_int(maker_restore_all_at(&paths, sysfs, record, &s), 0,
	       "a folder without images: 0 restored");
	is_int(s.n, 0, "nothing reported");
}

static void test_power_cut(void)
{
	char dir[PATH_MAX + 32];
	unsigned int n = 99, k = 99;
	int armed = -1;

	snprintf(dir, sizeof(dir), "%s/persocard1", debugfs);
	is_int(maker_power_cut_at(&paths, 1, "3 5"), 0, "arm 3 5");
	is_str(slurp(dir, "power_cut"), "3 5", "written as N K");
	is_int(maker_power_cut_get_at(&paths, 1, &armed, &n, &k), 0, "read it");
	ok(armed == 1 && n == 3 && k == 5, "armed 3 5");
	is_int(maker_power_cut_at(&paths, 1, "off"), 0, "disarm");
	is_str(slurp(dir, "power_cut"), "off", "written as off");
	put_str(dir, "power_cut", "off\n");
	is_int(maker_power_cut_get_at(&paths, 1, &armed, &n, &k), 0,
	       "read off");
	is_int(armed, 0, "not armed");
	put_str(dir, "power_cut", "3\n");
	expect_fail(maker_power_cut_get_at(&paths, 1, &armed, &n, &k), -1, EIO,
		    "N alone");
	put_str(dir, "power_cut", "3 x\n");
	expect_fail(maker_power_cut_get_at(&paths, 1, &armed, &n, &k), -1, EIO,
		    "K not a number");
	put_str(dir, "power_cut", "-1 2\n");
	expect_fail(maker_power_cut_get_at(&paths, 1, &armed, &n, &k), -1, EIO,
		    "a sign");
	expect_fail(maker_power_cut_at(&paths, 4, "off"), -1, ENOENT,
		    "a card without a debugfs folder");
	snprintf(dir, sizeof(dir), "%s/persocard0", sysfs);
	is_int(maker_power_up_at(&paths, 0), 0, "power up");
	is_str(slurp(dir, "present"), "1", "present 1 written");
	expect_fail(maker_power_up_at(&paths, 4), -1, ENOENT,
		    "power up a card that is not there");
}

static const char good_chip[] =
	"page_size 64\npages 1024\nunit byte\nerased 0xff\nprogram_ops 12345\n"
	"powered 1\ncuts 2\nrecoveries 3\n";

static void test_chip(void)
{
	struct persocard_maker_chip *chip;
	unsigned long long *ops = NULL;
	char dir[PATH_MAX + 32];
	ssize_t n;

	snprintf(dir, sizeof(dir), "%s/persocard0", debugfs);
	expect_fail(maker_chip_get_at(&paths, 0), 0, ENOENT, "no chip file");
	put_str(dir, "chip", good_chip);
	chip = maker_chip_get_at(&paths, 0);
	ok(chip != NULL, "read the chip file");
	if (chip) {
		is_int(persocard_maker_chip_page_size(chip), 64, "page_size");
		is_int(persocard_maker_chip_pages(chip), 1024, "pages");
		is_str(persocard_maker_chip_unit(chip), "byte", "unit");
		is_int(persocard_maker_chip_erased(chip), 0xff, "erased");
		is_int(persocard_maker_chip_program_ops(chip), 12345,
		       "program_ops");
		ok(persocard_maker_chip_powered(chip), "powered");
		is_int(persocard_maker_chip_cuts(chip), 2, "cuts");
		is_int(persocard_maker_chip_recoveries(chip), 3, "recoveries");
		persocard_maker_chip_free(chip);
	}
	put_str(dir, "chip", "a_newer_key 7\n");
	expect_fail(maker_chip_get_at(&paths, 0), 0, EIO,
		    "every documented line missing");
	{
		char text[sizeof(good_chip) + 32];

		snprintf(text, sizeof(text), "%swear 9\n", good_chip);
		put_str(dir, "chip", text);
		chip = maker_chip_get_at(&paths, 0);
		ok(chip != NULL, "an unknown line is a newer module's: skipped");
		persocard_maker_chip_free(chip);
		snprintf(text, sizeof(text), "%spages 3\n", good_chip);
		put_str(dir, "chip", text);
		expect_fail(maker_chip_get_at(&paths, 0), 0, EIO,
			    "a line twice");
	}
	put_str(dir, "chip", "page_size 64\npages 1024\nunit byte\nerased 0xff\n"
		"program_ops 1\npowered 1\ncuts 2\n");
	expect_fail(maker_chip_get_at(&paths, 0), 0, EIO, "recoveries missing");
	put_str(dir, "chip", "page_size 64\npages 1024\nunit byte\nerased 0xff\n"
		"program_ops 1\npowered 2\ncuts 2\nrecoveries 0\n");
	expect_fail(maker_chip_get_at(&paths, 0), 0, EIO, "powered 2");
	put_str(dir, "chip", "page_size 64\npages x\nunit byte\nerased 0xff\n"
		"program_ops 1\npowered 1\ncuts 2\nrecoveries 0\n");
	expect_fail(maker_chip_get_at(&paths, 0), 0, EIO, "pages x");
	put_str(dir, "chip", "page_size 64\npages 2\nunit byte\nerased 0x100\n"
		"program_ops 1\npowered 1\ncuts 2\nrecoveries 0\n");
	expect_fail(maker_chip_get_at(&paths, 0), 0, EIO, "erased 0x100");

	expect_fail(maker_endurance_at(&paths, 0, &ops), -1, ENOENT,
		    "no endurance file");
	put_str(dir, "endurance", "0 5\n1 0\n2 18446744073709551615\n");
	n = maker_endurance_at(&paths, 0, &ops);
	is_int(n, 3, "three pages");
	ok(n == 3 && ops[0] == 5 && ops[1] == 0 && ops[2] == ~0ULL,
	   "their operations");
	free(ops);
	ops = NULL;
	put_str(dir, "endurance", "0 5\n1 7");
	is_int(maker_endurance_at(&paths, 0, &ops), 2,
	       "a last line without its newline");
	free(ops);
	put_str(dir, "endurance", "0 5\n2 0\n");
	expect_fail(maker_endurance_at(&paths, 0, &ops), -1, EIO,
		    "a page missing");
	put_str(dir, "endurance", "0 5\n1\n");
	expect_fail(maker_endurance_at(&paths, 0, &ops), -1, EIO,
		    "a page without its count");
	put_str(dir, "endurance", "");
	expect_fail(maker_endurance_at(&paths, 0, &ops), -1, EIO,
		    "no pages");
}

static void test_key_file(void)
{
	unsigned char a[64], b[64];
	char path[PATH_MAX * 2], path2[PATH_MAX * 2];
	struct stat st;
	int fd;

	snprintf(path, sizeof(path), "%s/image.key", root);
	snprintf(path2, sizeof(path2), "%s/image2.key", root);
	is_int(persocard_maker_key_new(path), 0, "a new key file");
	ok(!stat(path, &st) && (st.st_mode & 0777) == 0600 &&
	   st.st_size == PERSOCARD_MAKER_KEY_SIZE, "0600, 32 bytes");
	expect_fail(persocard_maker_key_new(path), -1, EEXIST,
		    "a key file over another");
	ok(!stat(path, &st) && st.st_size == PERSOCARD_MAKER_KEY_SIZE,
	   "the first kept");
	is_int(persocard_maker_key_new(path2), 0, "a second key file");
	fd = open(path, O_RDONLY);
	ok(fd >= 0 && read(fd, a, sizeof(a)) == PERSOCARD_MAKER_KEY_SIZE,
	   "read the first");
	if (fd >= 0)
		close(fd);
	fd = open(path2, O_RDONLY);
	ok(fd >= 0 && read(fd, b, sizeof(b)) == PERSOCARD_MAKER_KEY_SIZE,
	   "read the second");
	if (fd >= 0)
		close(fd);
	ok(memcmp(a, b, PERSOCARD_MAKER_KEY_SIZE), "two keys differ");
	/* class, debug, dev, images and the two keys. */
	is_int(count_entries(root), 6, "no temporary file left");
	expect_fail(persocard_maker_key_new(""), -1, EINVAL, "an empty path");
	snprintf(path, sizeof(path), "%s/none/k", root);
	expect_fail(persocard_maker_key_new(path), -1, ENOENT,
		    "a key file in a missing folder");

	/* Sizes refused before any keyring is touched. */
	put_file(root, "k17", a, 17);
	snprintf(path, sizeof(path), "%s/k17", root);
	expect_fail(persocard_maker_key_load(path), -1, EINVAL,
		    "a 17-byte key file");
	put_file(root, "k33", a, 33);
	snprintf(path, sizeof(path), "%s/k33", root);
	expect_fail(persocard_maker_key_load(path), -1, EINVAL,
		    "a 33-byte key file");
	put_file(root, "k0", a, 0);
	snprintf(path, sizeof(path), "%s/k0", root);
	expect_fail(persocard_maker_key_load(path), -1, EINVAL,
		    "an empty key file");
	snprintf(path, sizeof(path), "%s/missing", root);
	expect_fail(persocard_maker_key_load(path), -1, ENOENT,
		    "a missing key file");
	expect_fail(persocard_maker_key_add(a, 31), -1, EINVAL, "a 31-byte key");
	expect_fail(persocard_maker_key_add(NULL, 32), -1, EINVAL, "no key");
}

static void test_messages(void)
{
	static const int errs[] = {
		EINVAL, EPROTONOSUPPORT, EKEYREJECTED, EBADMSG, EMSGSIZE,
		EEXIST, EBUSY, ENOKEY, ENOSPC, EPERM, ENODEV, ENOTTY,
	};
	const char *m;
	size_t i;
	int own = 0;

	for (i = 0; i < sizeof(errs) / sizeof(errs[0]); i++) {
		m = persocard_maker_image_strerror(errs[i]);
		own += m && strcmp(m, strerror(errs[i])) && !strchr(m, '\n');
	}
	is_int(own, sizeof(errs) / sizeof(errs[0]),
	       "a sentence of its own for each errno of the uapi");
	is_str(persocard_maker_image_strerror(EIO), strerror(EIO),
	       "strerror for the others");
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
	fake_tree();
	test_image_files();
	test_all();
	test_power_cut();
	test_chip();
	test_key_file();
	test_messages();

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	ret = done();
	if (system(cmd))
		diag("could not remove %s", root);
	return ret;
}
