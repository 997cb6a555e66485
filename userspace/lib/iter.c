// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The cards present, from /sys/class/persocard: a snapshot taken when the
 * iterator is made, in the order of the cards' index.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

struct persocard_iter {
	unsigned int *indexes;
	size_t nr;
	size_t pos;
};

/* "persocard12" -> 12; anything else (the class may grow) -> -1. */
static long entry_index(const char *name)
{
	static const char prefix[] = "persocard";
	unsigned long val;
	char *end;

	if (strncmp(name, prefix, sizeof(prefix) - 1))
		return -1;
	name += sizeof(prefix) - 1;
	if (name[0] < '0' || name[0] > '9')
		return -1;

	errno = 0;
	val = strtoul(name, &end, 10);
	if (errno || *end || val > UINT_MAX)
		return -1;

	return val;
}

static int cmp_index(const void *a, const void *b)
{
	unsigned int x = *(const unsigned int *)a;
	unsigned int y = *(const unsigned int *)b;

	return (x > y) - (x < y);
}

static int add_index(struct persocard_iter *iter, size_t *alloc,
		     unsigned int index)
{
	unsigned int *indexes;

	if (iter->nr == *alloc) {
		*alloc = *alloc ? 2 * *alloc : 16;
		indexes = reallocarray(iter->indexes, *alloc,
				       sizeof(*indexes));
		if (!indexes)
			return -1;
		iter->indexes = indexes;
	}
	iter->indexes[iter->nr++] = index;
	return 0;
}

PERSOCARD_API struct persocard_iter *persocard_iter_new(void)
{
	struct persocard_iter *iter;
	struct dirent *ent;
	size_t alloc = 0;
	long index;
	DIR *dir;
	int err;

	iter = calloc(1, sizeof(*iter));
	if (!iter)
		return NULL;

	dir = opendir(PERSOCARD_SYSFS_CLASS);
	if (!dir) {
		/* No class, no module: no cards, and that is no error. */
		if (errno == ENOENT)
			return iter;
		goto err_free_iter;
	}

	for (;;) {
		errno = 0;
		ent = readdir(dir);
		if (!ent) {
			if (errno)
				goto err_closedir;
			break;
		}
		index = entry_index(ent->d_name);
		if (index < 0)
			continue;
		if (add_index(iter, &alloc, index))
			goto err_closedir;
	}
	closedir(dir);

	/* readdir() order is the directory's, not the cards'. */
	if (iter->nr)
		qsort(iter->indexes, iter->nr, sizeof(*iter->indexes),
		      cmp_index);
	return iter;

err_closedir:
	err = errno;
	closedir(dir);
	errno = err;
err_free_iter:
	err = errno;
	free(iter->indexes);
	free(iter);
	errno = err;
	return NULL;
}

PERSOCARD_API int persocard_iter_next(struct persocard_iter *iter,
				      unsigned int *index)
{
	if (iter->pos >= iter->nr)
		return 0;

	*index = iter->indexes[iter->pos++];
	return 1;
}

PERSOCARD_API void persocard_iter_free(struct persocard_iter *iter)
{
	if (!iter)
		return;

	free(iter->indexes);
	free(iter);
}

PERSOCARD_API bool persocard_module_loaded(void)
{
	return !access(PERSOCARD_SYSFS_CLASS, F_OK);
}
