// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The configfs cards, by name: one scandir(3), so that cards made or
 * removed meanwhile cannot make the walk skip or repeat one.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct persocard_maker_iter {
	struct dirent **list;
	int nr;
	int next;
};

/* A card is a folder; configfs fills d_type. */
static int is_card(const struct dirent *d)
{
	return d->d_name[0] != '.' &&
	       (d->d_type == DT_DIR || d->d_type == DT_UNKNOWN);
}

/* By bytes, not by locale: the same order for every user. */
static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

struct persocard_maker_iter *maker_iter_new_at(const char *root)
{
	struct persocard_maker_iter *iter;
	int err;

	iter = calloc(1, sizeof(*iter));
	if (!iter)
		return NULL;
	iter->nr = scandir(root, &iter->list, is_card, by_name);
	if (iter->nr < 0) {
		err = errno == ENOTDIR ? ENOENT : errno;
		free(iter);
		errno = err;
		return NULL;
	}
	return iter;
}

MAKER_API struct persocard_maker_iter *persocard_maker_iter_new(void)
{
	return maker_iter_new_at(PERSOCARD_MAKER_CONFIGFS);
}

MAKER_API const char *
persocard_maker_iter_next(struct persocard_maker_iter *iter)
{
	if (iter->next >= iter->nr)
		return NULL;
	return iter->list[iter->next++]->d_name;
}

MAKER_API void persocard_maker_iter_free(struct persocard_maker_iter *iter)
{
	int i;

	if (!iter)
		return;
	for (i = 0; i < iter->nr; i++)
		free(iter->list[i]);
	free(iter->list);
	free(iter);
}
