// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Every card at once: DIR/persocardN.img for /dev/persocardN. Each card is
 * tried and reported on its own; one that fails stops nothing.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"

#define IMG_SUFFIX	".img"

struct entry {
	char *name;	/* the file's name (restore) or the device's (save) */
	int index;	/* N, or -1 for a NAME.img that names no device */
};

static int by_index(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	if (x->index != y->index) {
		/* Names of no device last. */
		if (x->index < 0 || y->index < 0)
			return x->index < 0 ? 1 : -1;
		return x->index < y->index ? -1 : 1;
	}
	return strcmp(x->name, y->name);
}

static void entries_free(struct entry *e, size_t n)
{
	while (n--)
		free(e[n].name);
	free(e);
}

/*
 * The entries of @dir that @keep takes, sorted by index.
 * Return: their number, or -1 with errno.
 */
static ssize_t list_dir(const char *dir, int (*keep)(const char *name),
			int (*index_of)(const char *name), struct entry **out)
{
	struct entry *e = NULL, *grown;
	size_t n = 0, cap = 0;
	struct dirent *d;
	DIR *dp;
	int err;

	dp = opendir(dir);
	if (!dp)
		return -1;
	errno = 0;
	while ((d = readdir(dp))) {
		if (!keep(d->d_name))
			continue;
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			grown = realloc(e, cap * sizeof(*e));
			if (!grown)
				goto nomem;
			e = grown;
		}
		e[n].name = strdup(d->d_name);
		if (!e[n].name)
			goto nomem;
		e[n].index = index_of(d->d_name);
		n++;
		errno = 0;
	}
	if (errno) {
		err = errno;
		goto fail;
	}
	closedir(dp);
	if (n)
		qsort(e, n, sizeof(*e), by_index);
	*out = e;
	return n;

nomem:
	err = ENOMEM;
fail:
	closedir(dp);
	entries_free(e, n);
	errno = err;
	return -1;
}

static int is_card(const char *name)
{
	return dev_name_index(name) >= 0;
}

/* NAME.img with a NAME; hidden temporary files end otherwise. */
static int is_image(const char *name)
{
	size_t len = strlen(name), sl = strlen(IMG_SUFFIX);

	return len > sl && !strcmp(name + len - sl, IMG_SUFFIX);
}

static int image_index(const char *name)
{
	char dev[NAME_MAX_IMG];
	size_t len = strlen(name) - strlen(IMG_SUFFIX);

	if (len >= sizeof(dev))
		return -1;
	memcpy(dev, name, len);
	dev[len] = '\0';
	return dev_name_index(dev);
}

static void report_one(persocard_maker_report_fn report, void *data,
		       const char *name, const char *path, int err,
		       int *first_err)
{
	if (err && !*first_err)
		*first_err = err;
	if (report)
		report(name, path, err, data);
}

int maker_save_all_at(const struct maker_paths *p, const char *dir,
		      persocard_maker_report_fn report, void *data)
{
	struct entry *cards;
	struct stat st;
	char *path;
	ssize_t n, i;
	int done = 0, first_err = 0, err;

	if (stat(dir, &st))
		return -1;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		return -1;
	}
	n = list_dir(p->sysfs, is_card, dev_name_index, &cards);
	if (n < 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (asprintf(&path, "%s/%s" IMG_SUFFIX, dir, cards[i].name) < 0) {
			entries_free(cards, n);
			errno = ENOMEM;
			return -1;
		}
		err = maker_save_file_at(p, cards[i].index, path) ? errno : 0;
		report_one(report, data, cards[i].name, path, err, &first_err);
		done += !err;
		free(path);
	}
	entries_free(cards, n);
	if (first_err) {
		errno = first_err;
		return -1;
	}
	return done;
}

MAKER_API int persocard_maker_save_all(const char *dir,
				       persocard_maker_report_fn report,
				       void *data)
{
	return maker_save_all_at(&maker_system_paths, dir, report, data);
}

/* ENOENT when sysfs has no such card: the node alone might be stale. */
static int card_exists(const struct maker_paths *p, int index)
{
	char path[PATH_MAX_DEV];
	struct stat st;

	if (card_path(path, sizeof(path), p->sysfs, index))
		return -1;
	return stat(path, &st);
}

int maker_restore_all_at(const struct maker_paths *p, const char *dir,
			 persocard_maker_report_fn report, void *data)
{
	char dev[NAME_MAX_IMG], *path;
	struct entry *images;
	ssize_t n, i;
	int done = 0, first_err = 0, err;

	n = list_dir(dir, is_image, image_index, &images);
	if (n < 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (asprintf(&path, "%s/%s", dir, images[i].name) < 0) {
			entries_free(images, n);
			errno = ENOMEM;
			return -1;
		}
		if (images[i].index < 0) {
			/* Not persocardN.img: no device to restore it onto. */
			report_one(report, data, images[i].name, path, EINVAL,
				   &first_err);
			free(path);
			continue;
		}
		snprintf(dev, sizeof(dev), "persocard%d", images[i].index);
		if (card_exists(p, images[i].index))
			err = errno;
		else if (maker_restore_file_at(p, images[i].index, path))
			err = errno;
		else
			err = 0;
		report_one(report, data, dev, path, err, &first_err);
		done += !err;
		free(path);
	}
	entries_free(images, n);
	if (first_err) {
		errno = first_err;
		return -1;
	}
	return done;
}

MAKER_API int persocard_maker_restore_all(const char *dir,
					  persocard_maker_report_fn report,
					  void *data)
{
	return maker_restore_all_at(&maker_system_paths, dir, report, data);
}
