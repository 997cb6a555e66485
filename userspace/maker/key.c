// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The image key: a logon key, so that once in the kernel no process reads
 * it back, where the kernel's request_key() finds it from the caller. The
 * key file is raw bytes, made here from getrandom(2).
 */
#include <errno.h>
#include <fcntl.h>
#include <keyutils.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

#define KEY_TYPE	"logon"
/* A key that stays found after it was invalidated must not loop forever. */
#define KEY_MAX_REMOVED	64

static int key_len_ok(size_t len)
{
	return len == 16 || len == 24 || len == 32;
}

/* A temporary file beside @path, then link(2): EEXIST keeps the old one. */
MAKER_API int persocard_maker_key_new(const char *path)
{
	unsigned char key[PERSOCARD_MAKER_KEY_SIZE];
	char tmp[PATH_MAX];
	const char *slash;
	int fd, ret = -1, err;
	ssize_t n;

	if (!path || !*path) {
		errno = EINVAL;
		return -1;
	}
	slash = strrchr(path, '/');
	n = snprintf(tmp, sizeof(tmp), "%.*s.persocard-key.XXXXXX",
		     slash ? (int)(slash - path + 1) : 0, path);
	if (n < 0 || (size_t)n >= sizeof(tmp)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	if (getrandom(key, sizeof(key), 0) != sizeof(key))
		return -1;
	fd = mkostemp(tmp, O_CLOEXEC);	/* mode 0600 */
	if (fd < 0)
		goto out;
	if (!fchmod(fd, 0600) && !maker_write_all(fd, key, sizeof(key)) &&
	    !fsync(fd) && !link(tmp, path))
		ret = 0;
	err = errno;
	close(fd);
	unlink(tmp);
	errno = err;
out:
	err = errno;
	explicit_bzero(key, sizeof(key));
	errno = err;
	return ret;
}

static key_serial_t key_find(void)
{
	/* As the kernel's request_key() searches: thread, process, session
	 * (or user-session) keyrings; no upcall (callout NULL).
	 */
	return request_key(KEY_TYPE, PERSOCARD_IMAGE_KEY_DESC, NULL, 0);
}

MAKER_API int persocard_maker_key_add(const void *key, size_t len)
{
	key_serial_t id, found;

	if (!key || !key_len_ok(len)) {
		errno = EINVAL;
		return -1;
	}
	id = add_key(KEY_TYPE, PERSOCARD_IMAGE_KEY_DESC, key, len,
		     KEY_SPEC_USER_KEYRING);
	if (id < 0)
		return -1;
	found = key_find();
	if (found == id)
		return 0;
	/*
	 * Not found, or an older key found first: a session keyring that
	 * does not link @u, or holds its own. Put ours there too.
	 */
	id = add_key(KEY_TYPE, PERSOCARD_IMAGE_KEY_DESC, key, len,
		     KEY_SPEC_SESSION_KEYRING);
	if (id < 0)
		return -1;
	if (key_find() != id) {
		errno = EKEYREJECTED;
		return -1;
	}
	return 0;
}

MAKER_API int persocard_maker_key_load(const char *path)
{
	unsigned char key[PERSOCARD_MAKER_KEY_SIZE + 1];
	ssize_t n;
	size_t len = 0;
	int fd, ret, err;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	/* One byte more than any key: a longer file is no key. */
	do {
		n = read(fd, key + len, sizeof(key) - len);
		if (n > 0)
			len += n;
	} while ((n > 0 && len < sizeof(key)) || (n < 0 && errno == EINTR));
	err = errno;
	close(fd);
	if (n < 0) {
		ret = -1;
	} else if (!key_len_ok(len)) {
		err = EINVAL;
		ret = -1;
	} else {
		ret = persocard_maker_key_add(key, len);
		err = errno;
	}
	explicit_bzero(key, sizeof(key));
	errno = err;
	return ret;
}

static int key_unlink_from(key_serial_t keyring)
{
	key_serial_t id;
	int n = 0;

	while (n < KEY_MAX_REMOVED &&
	       (id = keyctl_search(keyring, KEY_TYPE, PERSOCARD_IMAGE_KEY_DESC,
				   0)) >= 0) {
		if (keyctl_invalidate(id) && keyctl_unlink(id, keyring))
			return -1;
		n++;
	}
	return n;
}

MAKER_API int persocard_maker_key_remove(void)
{
	key_serial_t id;
	int n = 0, m;

	/* Invalidating a key takes it out of every keyring at once. */
	while (n < KEY_MAX_REMOVED && (id = key_find()) >= 0) {
		if (keyctl_invalidate(id))
			return -1;
		n++;
	}
	if (n == KEY_MAX_REMOVED) {
		errno = ELOOP;
		return -1;
	}
	if (errno != ENOKEY && errno != EKEYREVOKED && errno != EKEYEXPIRED)
		return -1;
	/* @u unlinked from this session: its key would come back later. */
	m = key_unlink_from(KEY_SPEC_USER_KEYRING);
	if (m < 0)
		return -1;
	return n + m;
}

MAKER_API int persocard_maker_key_loaded(void)
{
	if (key_find() >= 0)
		return 1;
	if (errno == ENOKEY || errno == EKEYREVOKED || errno == EKEYEXPIRED)
		return 0;
	return -1;
}
