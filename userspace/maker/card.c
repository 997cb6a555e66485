// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Cards made at runtime: a folder in the module's configfs group, its
 * settings as attribute files, and "live" to give it a device node. The
 * kernel checks every value; this file checks only what would make a bad
 * path or a half-written attribute.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"

MAKER_API const char *persocard_maker_api_version(void)
{
	return PERSOCARD_VERSION;
}

int name_check(const char *name)
{
	/* configfs takes any name a folder may have; a newline would break
	 * the CLI's one-name-a-line output.
	 */
	if (!name || !*name || !strcmp(name, ".") || !strcmp(name, "..") ||
	    strchr(name, '/') || strchr(name, '\n') || strlen(name) > NAME_MAX) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

static struct persocard_maker_card *card_alloc(const char *root,
					       const char *name)
{
	struct persocard_maker_card *card;
	size_t rlen = strlen(root);

	card = calloc(1, sizeof(*card));
	if (!card)
		return NULL;
	if (asprintf(&card->dir, "%s/%s", root, name) < 0) {
		free(card);
		errno = ENOMEM;
		return NULL;
	}
	card->name = card->dir + rlen + 1;
	return card;
}

static int root_check(const char *root)
{
	struct stat st;

	if (stat(root, &st))
		return -1;
	if (!S_ISDIR(st.st_mode)) {
		errno = ENOENT;
		return -1;
	}
	return 0;
}

/* The first "cardN" free, from the number of cards there are. */
static struct persocard_maker_card *card_new_unnamed(const char *root)
{
	struct persocard_maker_iter *iter;
	struct persocard_maker_card *card;
	char name[sizeof("card") + 10];
	unsigned int n = 0, i;

	iter = maker_iter_new_at(root);
	if (!iter)
		return NULL;
	while (persocard_maker_iter_next(iter))
		n++;
	persocard_maker_iter_free(iter);

	/* Each name taken is a card: n + 1 tries find a free one. */
	for (i = 0; i <= n; i++) {
		snprintf(name, sizeof(name), "card%u", n + i);
		card = maker_card_new_at(root, name);
		if (card || errno != EEXIST)
			return card;
	}
	errno = EEXIST;
	return NULL;
}

struct persocard_maker_card *maker_card_new_at(const char *root,
					       const char *name)
{
	struct persocard_maker_card *card;
	int err;

	if (!name)
		return card_new_unnamed(root);
	if (name_check(name) || root_check(root))
		return NULL;
	card = card_alloc(root, name);
	if (!card)
		return NULL;
	if (mkdir(card->dir, 0755)) {
		err = errno;
		persocard_maker_card_free(card);
		errno = err;
		return NULL;
	}
	return card;
}

MAKER_API struct persocard_maker_card *
persocard_maker_card_new(const char *name)
{
	return maker_card_new_at(PERSOCARD_MAKER_CONFIGFS, name);
}

struct persocard_maker_card *maker_card_open_at(const char *root,
						const char *name)
{
	struct persocard_maker_card *card;
	struct stat st;
	int err;

	if (name_check(name) || root_check(root))
		return NULL;
	card = card_alloc(root, name);
	if (!card)
		return NULL;
	if (stat(card->dir, &st))
		err = errno;
	else if (!S_ISDIR(st.st_mode))
		err = ENOENT;
	else
		return card;
	persocard_maker_card_free(card);
	errno = err;
	return NULL;
}

MAKER_API struct persocard_maker_card *
persocard_maker_card_open(const char *name)
{
	return maker_card_open_at(PERSOCARD_MAKER_CONFIGFS, name);
}

struct persocard_maker_card *maker_card_open_index_at(const char *root,
						      unsigned int index)
{
	struct persocard_maker_card *card = NULL;
	struct persocard_maker_iter *iter;
	const char *name;
	int n;

	iter = maker_iter_new_at(root);
	if (!iter)
		return NULL;
	while (!card && (name = persocard_maker_iter_next(iter))) {
		card = maker_card_open_at(root, name);
		if (!card)
			continue;	/* removed meanwhile */
		n = persocard_maker_card_index(card);
		if (n < 0 || (unsigned int)n != index) {
			persocard_maker_card_free(card);
			card = NULL;
		}
	}
	persocard_maker_iter_free(iter);
	if (!card)
		errno = ENODEV;
	return card;
}

MAKER_API struct persocard_maker_card *
persocard_maker_card_open_index(unsigned int index)
{
	return maker_card_open_index_at(PERSOCARD_MAKER_CONFIGFS, index);
}

MAKER_API void persocard_maker_card_free(struct persocard_maker_card *card)
{
	if (!card)
		return;
	free(card->dir);
	free(card);
}

MAKER_API const char *
persocard_maker_card_name(const struct persocard_maker_card *card)
{
	return card->name;
}

MAKER_API int
persocard_maker_card_set_profile(struct persocard_maker_card *card,
				 const char *profile)
{
	if (!profile || !*profile || strchr(profile, '\n')) {
		errno = EINVAL;
		return -1;
	}
	return attr_writef(card->dir, "profile", profile);
}

static int set_uint(struct persocard_maker_card *card, const char *attr,
		    unsigned int val)
{
	char buf[16];

	snprintf(buf, sizeof(buf), "%u", val);
	return attr_writef(card->dir, attr, buf);
}

MAKER_API int
persocard_maker_card_set_nvm_size(struct persocard_maker_card *card,
				  unsigned int nvm_size)
{
	return set_uint(card, "nvm_size", nvm_size);
}

MAKER_API int
persocard_maker_card_set_page_size(struct persocard_maker_card *card,
				   unsigned int page_size)
{
	return set_uint(card, "page_size", page_size);
}

MAKER_API int
persocard_maker_card_set_try_limit(struct persocard_maker_card *card,
				   unsigned int try_limit)
{
	return set_uint(card, "try_limit", try_limit);
}

MAKER_API int
persocard_maker_card_set_perso_code(struct persocard_maker_card *card,
				    const void *code, size_t len)
{
	return attr_write_code(card->dir, code, len);
}

MAKER_API int persocard_maker_card_enable(struct persocard_maker_card *card)
{
	return attr_writef(card->dir, "live", "1");
}

MAKER_API int persocard_maker_card_disable(struct persocard_maker_card *card)
{
	return attr_writef(card->dir, "live", "0");
}

MAKER_API int persocard_maker_card_is_live(struct persocard_maker_card *card)
{
	unsigned int live;

	if (attr_read_uint(card->dir, "live", 1, &live))
		return -1;
	return live;
}

MAKER_API int persocard_maker_card_index(struct persocard_maker_card *card)
{
	char buf[32];
	int n;

	if (attr_read(card->dir, "dev_name", buf, sizeof(buf)))
		return -1;
	if (!buf[0]) {
		errno = ENODEV;
		return -1;
	}
	n = dev_name_index(buf);
	if (n < 0)
		errno = EIO;
	return n;
}

MAKER_API int persocard_maker_card_remove(struct persocard_maker_card *card)
{
	int live;

	live = persocard_maker_card_is_live(card);
	if (live < 0)
		return -1;
	if (live && persocard_maker_card_disable(card))
		return -1;
	return rmdir(card->dir);
}
