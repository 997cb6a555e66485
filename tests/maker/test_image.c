// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Cards that last, against the real module: a card of each profile
 * personalized (and one saved mid-way, a wrong code spent), saved, the
 * module unloaded and loaded again, restored: GET DATA, the try counter
 * and the state as before. Then every bad image refused with its errno
 * and the card unchanged, and the sealing checked with OpenSSL, an AES-GCM
 * nobody here wrote. Runs as root in the guest, configfs mounted at
 * /sys/kernel/config; leaves the module unloaded and no key loaded.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/keyctl.h>
#include <openssl/evp.h>
#include <openssl/sha.h>

#include <persocard-maker.h>

#include "image_check.h"

#define NR_CARDS	4
#define MIDWAY		3	/* the card saved with a wrong code spent */
#define HDR		sizeof(struct persocard_image_header)

static const char *const profiles[] = { "payment", "sim", "identity" };
static const char *const files[] = {
	"examples/payment.perso", "examples/sim.perso",
	"examples/identity.perso",
};

static char tmp[] = "/tmp/persocard-image-test.XXXXXX";
static char imgdir[64], key1[64], key2[64];
static struct snap saved[NR_CARDS];

static unsigned char *image0, *image1, *image3;
static size_t image0_len, image1_len, image3_len;

static void read_image(unsigned int index, unsigned char **buf, size_t *len)
{
	char path[128];
	struct stat st;
	FILE *f;

	*buf = NULL;
	*len = 0;
	snprintf(path, sizeof(path), "%s/persocard%u.img", imgdir, index);
	if (stat(path, &st))
		return;
	*buf = malloc(st.st_size ? st.st_size : 1);
	f = fopen(path, "rb");
	if (f && *buf && fread(*buf, 1, st.st_size, f) == (size_t)st.st_size)
		*len = st.st_size;
	if (f)
		fclose(f);
}

static int wrong_verify(unsigned int index)
{
	static const char wrong[] = "9999";
	struct persocard_verify v;
	struct persocard_cmd c;
	int fd, ret = -1;

	fd = dev_open(index);
	if (fd < 0)
		return -1;
	memset(&c, 0, sizeof(c));
	memset(&v, 0, sizeof(v));
	v.code = (uintptr_t)wrong;
	v.code_len = 4;
	if (!ioctl(fd, PERSOCARD_IOC_ENABLE, &c) && c.sw == PERSOCARD_SW_OK &&
	    !ioctl(fd, PERSOCARD_IOC_VERIFY, &v) &&
	    (v.sw & 0xFFF0) == PERSOCARD_SW_VERIFY_FAILED)
		ret = v.tries_left;
	close(fd);
	return ret;
}

static void report_none(const char *name, const char *path, int err,
			void *data)
{
	unsigned int *n = data;

	(void)path;
	if (err)
		diag("%s: %s", name, errname(err));
	++*n;
}

static void test_setup(void)
{
	unsigned int i;
	int tries;

	persocard_maker_module_unload(NULL);
	if (persocard_maker_module_load(NULL, "nr_cards=4")) {
		diag("load: %s", errname(errno));
		bail_out("no module");
		exit(1);
	}
	for (i = 1; i < 3; i++)
		expect_zero(persocard_maker_set_profile(i, profiles[i]),
			    profiles[i]);
	for (i = 0; i < 3; i++)
		ok(!personalize_file(i, files[i]), "persocard%u: %s personalized",
		   i, profiles[i]);
	tries = wrong_verify(MIDWAY);
	is_int(tries, 2, "persocard3: a wrong code spent, 2 tries left");

	snprintf(imgdir, sizeof(imgdir), "%s/images", tmp);
	snprintf(key1, sizeof(key1), "%s/image.key", tmp);
	snprintf(key2, sizeof(key2), "%s/other.key", tmp);
	mkdir(imgdir, 0700);
	expect_zero(persocard_maker_key_new(key1), "a key file");
	expect_zero(persocard_maker_key_new(key2), "another key file");
	expect_zero(persocard_maker_key_load(key1), "the key loaded");
	is_int(persocard_maker_key_loaded(), 1, "the kernel finds it");
}

static void test_round_trip(void)
{
	unsigned int i, n = 0;
	struct snap s;
	char path[128];
	struct stat st;
	int good;

	for (i = 0; i < NR_CARDS; i++)
		snap_take(i, &saved[i]);
	for (i = 0; i < 3; i++) {
		ok(saved[i].state == PERSOCARD_STATE_PERSONALIZED &&
		   snap_readable(&saved[i]) > 0,
		   "persocard%u: PERSONALIZED, %u elements readable", i,
		   snap_readable(&saved[i]));
	}
	is_int(persocard_maker_save_all(imgdir, report_none, &n), NR_CARDS,
	       "save all: 4 cards saved");
	is_int(n, NR_CARDS, "each reported");
	for (i = 0; i < NR_CARDS; i++) {
		snprintf(path, sizeof(path), "%s/persocard%u.img", imgdir, i);
		ok(!stat(path, &st) && (st.st_mode & 0777) == 0600 &&
		   (size_t)st.st_size == PERSOCARD_IMAGE_SIZE(saved[i].nvm_size),
		   "persocard%u.img: 0600, PERSOCARD_IMAGE_SIZE(%u) bytes", i,
		   saved[i].nvm_size);
	}
	for (i = 0; i < NR_CARDS; i++) {
		snap_take(i, &s);
		ok(snap_same(&saved[i], &s), "persocard%u: saving changed nothing",
		   i);
	}

	expect_zero(persocard_maker_module_unload(NULL), "module unloaded");
	expect_zero(persocard_maker_module_load(NULL, "nr_cards=4"),
		    "module loaded again");
	snap_take(0, &s);
	ok(!s.err && s.state == PERSOCARD_STATE_SEMI_FINISHED &&
	   s.serial != saved[0].serial, "persocard0 is a new card meanwhile");

	n = 0;
	is_int(persocard_maker_restore_all(imgdir, report_none, &n), NR_CARDS,
	       "restore all: 4 cards restored");
	is_int(n, NR_CARDS, "each reported");
	for (i = 0; i < NR_CARDS; i++) {
		snap_take(i, &s);
		good = snap_same(&saved[i], &s);
		ok(good, "persocard%u (%s): state, tries, serial and GET DATA as saved",
		   i, i < 3 ? profiles[i] : "wrong code spent");
	}
	snap_take(MIDWAY, &s);
	ok(s.state == saved[MIDWAY].state && s.tries_left == 2,
	   "persocard3: still 2 tries left, state %u", s.state);

	read_image(0, &image0, &image0_len);
	read_image(1, &image1, &image1_len);
	read_image(MIDWAY, &image3, &image3_len);
	ok(image0_len && image1_len && image3_len, "the images read back");
}

/* RESTORE of @buf onto @index fails with @want; the card as it was. */
static void refused(unsigned int index, const void *buf, size_t len, int want,
		    const char *what)
{
	struct snap before, after;
	int ret, err;

	snap_take(index, &before);
	errno = 0;
	ret = persocard_maker_restore(index, buf, len);
	err = errno;
	check_errno(ret, -1, err, want, what);
	snap_take(index, &after);
	ok(snap_same(&before, &after), "%s: the card unchanged", what);
}

static void mutated(size_t off, unsigned char xor, int want, const char *what)
{
	unsigned char *m = malloc(image0_len);

	if (!m || off >= image0_len) {
		ok(0, "%s: no image", what);
		free(m);
		return;
	}
	memcpy(m, image0, image0_len);
	m[off] ^= xor;
	refused(0, m, image0_len, want, what);
	free(m);
}

static void test_bad_images(void)
{
	size_t nvm = saved[0].nvm_size;
	size_t cuts[] = { 0, 1, HDR - 1, HDR, HDR + nvm / 2, HDR + nvm,
			  image0_len - 1 };
	unsigned char *longer;
	char what[80];
	size_t i;

	if (!image0_len || image0_len != PERSOCARD_IMAGE_SIZE(nvm)) {
		ok(0, "no image of persocard0");
		return;
	}
	for (i = 0; i < sizeof(cuts) / sizeof(cuts[0]); i++) {
		snprintf(what, sizeof(what), "an image cut to %zu bytes", cuts[i]);
		refused(0, image0, cuts[i], EINVAL, what);
	}
	longer = calloc(1, image0_len + 1);
	if (longer) {
		memcpy(longer, image0, image0_len);
		refused(0, longer, image0_len + 1, EINVAL,
			"an image a byte longer");
		free(longer);
	}
	mutated(offsetof(struct persocard_image_header, magic), 0x20, EINVAL,
		"the magic changed");
	mutated(offsetof(struct persocard_image_header, version), 0x03,
		EPROTONOSUPPORT, "the version raised to 2");
	mutated(offsetof(struct persocard_image_header, header_len), 0x08,
		EINVAL, "header_len changed");
	mutated(offsetof(struct persocard_image_header, nonce), 0x01, EBADMSG,
		"a byte of the nonce (header) changed");
	mutated(offsetof(struct persocard_image_header, page_size), 0xC0,
		EMSGSIZE, "page_size of the header 64 -> 128");
	mutated(offsetof(struct persocard_image_header, page_size) + 1, 0x01,
		EINVAL, "page_size of the header 320, no chip's");
	mutated(offsetof(struct persocard_image_header, serial), 0x01, EEXIST,
		"the serial of the header changed, onto the used card");
	mutated(offsetof(struct persocard_image_header, reserved1), 0x01,
		EINVAL, "a reserved header byte set");
	mutated(HDR, 0x01, EBADMSG, "the first ciphertext byte changed");
	mutated(HDR + nvm / 2, 0x80, EBADMSG, "a middle ciphertext byte changed");
	mutated(HDR + nvm - 1, 0x01, EBADMSG, "the last ciphertext byte changed");
	mutated(image0_len - PERSOCARD_IMAGE_TAG_LEN, 0x01, EBADMSG,
		"the tag's first byte changed");
	mutated(image0_len - 1, 0x01, EBADMSG, "the tag's last byte changed");

	refused(0, image1, image1_len, EEXIST,
		"persocard1's image onto used persocard0");

	/* The wrong key: and a newer format is told before the key. */
	expect_zero(persocard_maker_key_load(key2), "another key loaded");
	refused(0, image0, image0_len, EKEYREJECTED, "under another key");
	mutated(offsetof(struct persocard_image_header, version), 0x03,
		EPROTONOSUPPORT, "a newer format, under another key");
	/* A key of a length AES has not: a logon key of 20 bytes. */
	ok(syscall(SYS_add_key, "logon", PERSOCARD_IMAGE_KEY_DESC,
		   "0123456789abcdefghij", 20, KEY_SPEC_USER_KEYRING) > 0,
	   "a 20-byte key loaded");
	refused(0, image0, image0_len, EKEYREJECTED, "under a 20-byte key");
	{
		void *img = NULL;
		size_t len;

		expect_errno(persocard_maker_save(0, &img, &len), EKEYREJECTED,
			     "save under a 20-byte key");
		free(img);
	}
	ok(persocard_maker_key_remove() >= 1, "the key removed");
	is_int(persocard_maker_key_loaded(), 0, "no key found now");
	refused(0, image0, image0_len, ENOKEY, "without a key");
	{
		void *img = NULL;
		size_t len;

		expect_errno(persocard_maker_save(0, &img, &len), ENOKEY,
			     "save without a key");
		free(img);
	}
	expect_zero(persocard_maker_key_load(key1), "the right key again");

}

static void test_other_sizes(void)
{
	struct persocard_maker_card *small, *paged;
	int n;

	small = persocard_maker_card_new("img-small");
	ok(small && !persocard_maker_card_set_nvm_size(small, 4096) &&
	   !persocard_maker_card_enable(small),
	   "a configfs card of 4096 bytes of NVM");
	n = small ? persocard_maker_card_index(small) : -1;
	if (n >= 0)
		refused(n, image0, image0_len, EMSGSIZE,
			"an image of 8192 bytes onto a card of 4096");
	else
		skip(2, "no small card");

	paged = persocard_maker_card_new("img-paged");
	ok(paged && !persocard_maker_card_set_page_size(paged, 128) &&
	   !persocard_maker_card_enable(paged),
	   "a configfs card of 128-byte pages");
	n = paged ? persocard_maker_card_index(paged) : -1;
	if (n >= 0)
		refused(n, image0, image0_len, EMSGSIZE,
			"an image of 64-byte pages onto a card of 128");
	else
		skip(2, "no paged card");
	if (small)
		expect_zero(persocard_maker_card_remove(small), "small removed");
	if (paged)
		expect_zero(persocard_maker_card_remove(paged), "paged removed");
	persocard_maker_card_free(small);
	persocard_maker_card_free(paged);
}

static int restore0(void *arg)
{
	(void)arg;
	return persocard_maker_restore(0, image0, image0_len);
}

static int save0(void *arg)
{
	void *img = NULL;
	size_t len;
	int ret;

	(void)arg;
	ret = persocard_maker_save(0, &img, &len);
	free(img);
	return ret;
}

static void test_session_and_rights(void)
{
	struct snap before, after, s;
	struct persocard_cmd c;
	int fd, err;

	/* A session on the mid-way card: ENABLE from a file kept open. */
	fd = dev_open(MIDWAY);
	memset(&c, 0, sizeof(c));
	ok(fd >= 0 && !ioctl(fd, PERSOCARD_IOC_ENABLE, &c) &&
	   c.sw == PERSOCARD_SW_OK, "a session on persocard3");
	refused(MIDWAY, image3, image3_len, EBUSY, "during a session");
	if (fd >= 0)
		close(fd);

	snap_take(0, &before);
	err = errno_without_sys_admin(restore0, NULL);
	is_int(err, EPERM, "restore without CAP_SYS_ADMIN fails with EPERM");
	err = errno_without_sys_admin(save0, NULL);
	is_int(err, EPERM, "save without CAP_SYS_ADMIN fails with EPERM");
	snap_take(0, &after);
	ok(snap_same(&before, &after), "without CAP_SYS_ADMIN: card unchanged");

	/* Rollback: the sealing does not stop an older image of the card. */
	ok(wrong_verify(MIDWAY) >= 0, "another wrong code on persocard3");
	snap_take(MIDWAY, &s);
	is_int(s.tries_left, 1, "1 try left");
	expect_zero(persocard_maker_restore(MIDWAY, image3, image3_len),
		    "its older image restores (no rollback protection)");
	snap_take(MIDWAY, &s);
	ok(snap_same(&saved[MIDWAY], &s), "2 tries left again, as saved");

	expect_zero(persocard_maker_restore(0, image0, image0_len),
		    "persocard0's own image restores onto it");
	snap_take(0, &s);
	ok(snap_same(&saved[0], &s), "persocard0 as saved");
}

/* The image opened by OpenSSL's AES-GCM, with the test's key file. */
static void test_openssl(void)
{
	struct persocard_image_header h;
	unsigned char key[64], digest[SHA256_DIGEST_LENGTH], *plain, *ct;
	static const char kcv_label[] = "persocard image key";
	const EVP_CIPHER *cipher;
	EVP_CIPHER_CTX *ctx;
	size_t nvm, keylen;
	int outl = 0, fin, total;
	EVP_MD_CTX *md;
	FILE *f;

	if (!image0_len) {
		ok(0, "no image for OpenSSL");
		return;
	}
	f = fopen(key1, "rb");
	keylen = f ? fread(key, 1, sizeof(key), f) : 0;
	if (f)
		fclose(f);
	memcpy(&h, image0, HDR);
	nvm = le32toh(h.nvm_size);
	ok(!memcmp(h.magic, PERSOCARD_IMAGE_MAGIC, 8) &&
	   le16toh(h.version) == PERSOCARD_IMAGE_VERSION &&
	   le16toh(h.header_len) == HDR, "header: magic, version 1, its size");
	is_int(nvm, saved[0].nvm_size, "header: nvm_size as INFO's");
	is_int(le32toh(h.page_size), 64, "header: page_size 64");
	ok(le64toh(h.serial) == saved[0].serial, "header: the card's serial");
	md = EVP_MD_CTX_new();
	ok(md && EVP_DigestInit_ex(md, EVP_sha256(), NULL) &&
	   EVP_DigestUpdate(md, kcv_label, strlen(kcv_label)) &&
	   EVP_DigestUpdate(md, key, keylen) &&
	   EVP_DigestFinal_ex(md, digest, NULL), "SHA-256 of the key");
	EVP_MD_CTX_free(md);
	ok(!memcmp(h.key_check, digest, PERSOCARD_IMAGE_KCV_LEN),
	   "key_check is SHA-256(\"persocard image key\" || key)");

	cipher = keylen == 16 ? EVP_aes_128_gcm() :
		 keylen == 24 ? EVP_aes_192_gcm() : EVP_aes_256_gcm();
	plain = malloc(nvm + 16);
	ct = malloc(nvm);
	ctx = EVP_CIPHER_CTX_new();
	if (!plain || !ct || !ctx || image0_len != HDR + nvm + 16) {
		ok(0, "OpenSSL: setup");
		goto out;
	}
	memcpy(ct, image0 + HDR, nvm);
	for (int pass = 0; pass < 2; pass++) {
		/* Pass 1 flips a ciphertext byte: the check can fail. */
		if (pass)
			ct[nvm / 3] ^= 0x04;
		fin = EVP_DecryptInit_ex(ctx, cipher, NULL, NULL, NULL) &&
		      EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN,
					  PERSOCARD_IMAGE_NONCE_LEN, NULL) &&
		      EVP_DecryptInit_ex(ctx, NULL, NULL, key, h.nonce) &&
		      EVP_DecryptUpdate(ctx, NULL, &outl, image0, HDR) &&
		      EVP_DecryptUpdate(ctx, plain, &outl, ct, nvm);
		total = outl;
		fin = fin && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG,
						 PERSOCARD_IMAGE_TAG_LEN,
						 image0 + HDR + nvm);
		fin = fin && EVP_DecryptFinal_ex(ctx, plain + total, &outl) == 1;
		total += outl;
		if (!pass) {
			ok(fin, "OpenSSL: the GCM tag verifies (header as AAD)");
			is_int(total, nvm, "OpenSSL: the plaintext is nvm_size bytes");
			ok(memcmp(plain, ct, nvm), "the NVM is not stored in the clear");
		} else {
			ok(!fin, "OpenSSL: a changed byte fails the tag");
		}
		EVP_CIPHER_CTX_reset(ctx);
	}
out:
	if (plain)
		explicit_bzero(plain, nvm);
	explicit_bzero(key, sizeof(key));
	free(plain);
	free(ct);
	EVP_CIPHER_CTX_free(ctx);
}

int main(void)
{
	char cmd[128];
	int ret;

	plan(0);
	if (!mkdtemp(tmp)) {
		diag("mkdtemp: %s", strerror(errno));
		return 1;
	}
	test_setup();
	test_round_trip();
	test_openssl();
	test_bad_images();
	test_other_sizes();
	test_session_and_rights();

	ok(persocard_maker_key_remove() >= 1, "the key removed at the end");
	expect_zero(persocard_maker_module_unload(NULL), "module unloaded");
	free(image0);
	free(image1);
	free(image3);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp);
	ret = done();
	if (system(cmd))
		diag("could not remove %s", tmp);
	return ret;
}
