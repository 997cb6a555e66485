// SPDX-License-Identifier: GPL-2.0
/*
 * Cards made and removed at runtime, through configfs, as gpio-sim does:
 *
 *   mkdir /sys/kernel/config/persocard/NAME     a card, not yet live
 *   NAME/profile, nvm_size, page_size,          the maker's settings
 *        try_limit
 *   NAME/perso_code                             write-only, in hex
 *   NAME/scp03_keys                             write-only: "KVN ENC MAC DEK"
 *                                               in hex, or "none"
 *   NAME/auth                                   "code" or "scp03"
 *   NAME/live                                   1: /dev/persocardN appears
 *   NAME/dev_name                               "persocardN" while live
 *
 * Settings of a live card are read-only (EBUSY); live 0 while a file has
 * the card open, and rmdir of a live card, fail with EBUSY. See
 * Documentation/persocard/configfs.rst.
 */
#include <linux/capability.h>
#include <linux/configfs.h>
#include <linux/kernel.h>
#include <linux/log2.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "reader.h"

/**
 * struct persocard_cfs_card - a card as configfs holds it
 * @item: its directory.
 * @lock: serialises its settings and @pd.
 * @config: the settings it is made with; @config.code points at @code.
 * @code: its perso code.
 * @keys: its SCP03 key set; @config.keys points at it when it has one.
 * @pd: the card while live, else NULL.
 */
struct persocard_cfs_card {
	struct config_item item;
	struct mutex lock;		/* settings and @pd */
	struct persocard_config config;
	u8 code[PERSOCARD_CODE_MAX_LEN];
	struct persocard_scp03_keyset keys;
	struct persocard_dev *pd;
};

static struct configfs_subsystem persocard_subsys;

static struct persocard_cfs_card *to_cfs(struct config_item *item)
{
	return container_of(item, struct persocard_cfs_card, item);
}

/* Take the card's lock for a change of settings: none while live. */
static int lock_settings(struct persocard_cfs_card *c)
{
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	mutex_lock(&c->lock);
	if (c->pd) {
		mutex_unlock(&c->lock);
		return -EBUSY;
	}
	return 0;
}

static ssize_t card_profile_show(struct config_item *item, char *page)
{
	struct persocard_cfs_card *c = to_cfs(item);
	const char *name;

	mutex_lock(&c->lock);
	name = c->config.profile->name;
	mutex_unlock(&c->lock);
	return sysfs_emit(page, "%s\n", name);
}

static ssize_t card_profile_store(struct config_item *item, const char *page,
				  size_t count)
{
	const struct persocard_profile *profile = persocard_profile_by_name(page);
	struct persocard_cfs_card *c = to_cfs(item);
	int ret;

	if (!profile)
		return -EINVAL;
	ret = lock_settings(c);
	if (ret)
		return ret;
	c->config.profile = profile;
	mutex_unlock(&c->lock);
	return count;
}

/* A number within [@min, @max]; anything else, too large included, EINVAL. */
static int parse_uint(const char *page, unsigned int min, unsigned int max,
		      unsigned int *val)
{
	if (kstrtouint(page, 10, val) || *val < min || *val > max)
		return -EINVAL;
	return 0;
}

static ssize_t card_nvm_size_show(struct config_item *item, char *page)
{
	struct persocard_cfs_card *c = to_cfs(item);
	size_t size;

	mutex_lock(&c->lock);
	size = c->config.nvm_size;
	mutex_unlock(&c->lock);
	return sysfs_emit(page, "%zu\n", size);
}

static ssize_t card_nvm_size_store(struct config_item *item, const char *page,
				   size_t count)
{
	struct persocard_cfs_card *c = to_cfs(item);
	unsigned int size;
	int ret;

	ret = parse_uint(page, PERSOCARD_NVM_MIN_SIZE, PERSOCARD_NVM_MAX_SIZE,
			 &size);
	if (ret)
		return ret;
	ret = lock_settings(c);
	if (ret)
		return ret;
	c->config.nvm_size = size;
	mutex_unlock(&c->lock);
	return count;
}

static ssize_t card_page_size_show(struct config_item *item, char *page)
{
	struct persocard_cfs_card *c = to_cfs(item);
	unsigned int size;

	mutex_lock(&c->lock);
	size = c->config.page_size;
	mutex_unlock(&c->lock);
	return sysfs_emit(page, "%u\n", size);
}

/* A power of two here; against nvm_size (a quarter at most) at live. */
static ssize_t card_page_size_store(struct config_item *item,
				    const char *page, size_t count)
{
	struct persocard_cfs_card *c = to_cfs(item);
	unsigned int size;
	int ret;

	ret = parse_uint(page, PERSOCARD_PAGE_MIN_SIZE, PERSOCARD_PAGE_MAX_SIZE,
			 &size);
	if (ret)
		return ret;
	if (!is_power_of_2(size))
		return -EINVAL;
	ret = lock_settings(c);
	if (ret)
		return ret;
	c->config.page_size = size;
	mutex_unlock(&c->lock);
	return count;
}

static ssize_t card_try_limit_show(struct config_item *item, char *page)
{
	struct persocard_cfs_card *c = to_cfs(item);
	unsigned int limit;

	mutex_lock(&c->lock);
	limit = c->config.try_limit;
	mutex_unlock(&c->lock);
	return sysfs_emit(page, "%u\n", limit);
}

static ssize_t card_try_limit_store(struct config_item *item,
				    const char *page, size_t count)
{
	struct persocard_cfs_card *c = to_cfs(item);
	unsigned int limit;
	int ret;

	ret = parse_uint(page, 1, PERSOCARD_TRY_LIMIT_MAX, &limit);
	if (ret)
		return ret;
	ret = lock_settings(c);
	if (ret)
		return ret;
	c->config.try_limit = limit;
	mutex_unlock(&c->lock);
	return count;
}

static ssize_t card_perso_code_store(struct config_item *item,
				     const char *page, size_t count)
{
	struct persocard_cfs_card *c = to_cfs(item);
	u8 code[PERSOCARD_CODE_MAX_LEN];
	size_t digits = count;
	int ret;

	if (digits && page[digits - 1] == '\n')
		digits--;
	if (digits % 2 || digits < 2 * PERSOCARD_CODE_MIN_LEN ||
	    digits > 2 * PERSOCARD_CODE_MAX_LEN ||
	    hex2bin(code, page, digits / 2)) {
		ret = -EINVAL;
		goto out;
	}
	ret = lock_settings(c);
	if (ret)
		goto out;
	memzero_explicit(c->code, sizeof(c->code));
	memcpy(c->code, code, digits / 2);
	c->config.code_len = digits / 2;
	mutex_unlock(&c->lock);
out:
	memzero_explicit(code, sizeof(code));
	return ret ?: count;
}

static ssize_t card_scp03_keys_store(struct config_item *item,
				     const char *page, size_t count)
{
	struct persocard_cfs_card *c = to_cfs(item);
	struct persocard_scp03_keyset keys;
	int ret;

	ret = persocard_parse_keyset(page, count, &keys);
	if (!ret)
		ret = lock_settings(c);
	if (!ret) {
		c->keys = keys;
		c->config.keys = keys.key_len ? &c->keys : NULL;
		mutex_unlock(&c->lock);
	}
	memzero_explicit(&keys, sizeof(keys));
	return ret ?: count;
}

static ssize_t card_auth_show(struct config_item *item, char *page)
{
	struct persocard_cfs_card *c = to_cfs(item);
	bool scp03;

	mutex_lock(&c->lock);
	scp03 = c->config.keys;
	mutex_unlock(&c->lock);
	return sysfs_emit(page, "%s\n", scp03 ? "scp03" : "code");
}

static ssize_t card_live_show(struct config_item *item, char *page)
{
	struct persocard_cfs_card *c = to_cfs(item);
	bool live;

	mutex_lock(&c->lock);
	live = c->pd;
	mutex_unlock(&c->lock);
	return sysfs_emit(page, "%d\n", live);
}

static int go_live(struct persocard_cfs_card *c)
{
	struct persocard_dev *pd;
	int ret;

	/* Pinned while live: rmdir then fails with EBUSY. */
	ret = configfs_depend_item_unlocked(&persocard_subsys, &c->item);
	if (ret)
		return ret;
	pd = persocard_dev_create(&c->config);
	if (IS_ERR(pd)) {
		configfs_undepend_item_unlocked(&c->item);
		return PTR_ERR(pd);
	}
	c->pd = pd;
	return 0;
}

static int go_dead(struct persocard_cfs_card *c)
{
	int ret = persocard_dev_remove(c->pd);

	if (ret)
		return ret;
	c->pd = NULL;
	configfs_undepend_item_unlocked(&c->item);
	return 0;
}

static ssize_t card_live_store(struct config_item *item, const char *page,
			       size_t count)
{
	struct persocard_cfs_card *c = to_cfs(item);
	bool live;
	int ret;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	ret = kstrtobool(page, &live);
	if (ret)
		return -EINVAL;
	mutex_lock(&c->lock);
	if (live == !!c->pd)
		ret = 0;
	else
		ret = live ? go_live(c) : go_dead(c);
	mutex_unlock(&c->lock);
	return ret ?: count;
}

static ssize_t card_dev_name_show(struct config_item *item, char *page)
{
	struct persocard_cfs_card *c = to_cfs(item);
	ssize_t len;

	mutex_lock(&c->lock);
	len = c->pd ? sysfs_emit(page, "%s\n", dev_name(&c->pd->dev)) :
		      sysfs_emit(page, "\n");
	mutex_unlock(&c->lock);
	return len;
}

CONFIGFS_ATTR(card_, profile);
CONFIGFS_ATTR(card_, nvm_size);
CONFIGFS_ATTR(card_, page_size);
CONFIGFS_ATTR(card_, try_limit);
CONFIGFS_ATTR_WO(card_, perso_code);
CONFIGFS_ATTR_WO(card_, scp03_keys);
CONFIGFS_ATTR_RO(card_, auth);
CONFIGFS_ATTR(card_, live);
CONFIGFS_ATTR_RO(card_, dev_name);

static struct configfs_attribute *card_attrs[] = {
	&card_attr_profile,
	&card_attr_nvm_size,
	&card_attr_page_size,
	&card_attr_try_limit,
	&card_attr_perso_code,
	&card_attr_scp03_keys,
	&card_attr_auth,
	&card_attr_live,
	&card_attr_dev_name,
	NULL
};

static void card_release(struct config_item *item)
{
	struct persocard_cfs_card *c = to_cfs(item);

	mutex_destroy(&c->lock);
	kfree_sensitive(c);
}

static struct configfs_item_operations card_item_ops = {
	.release	= card_release,
};

static const struct config_item_type card_type = {
	.ct_item_ops	= &card_item_ops,
	.ct_attrs	= card_attrs,
	.ct_owner	= THIS_MODULE,
};

static struct config_item *card_make(struct config_group *group,
				     const char *name)
{
	struct persocard_cfs_card *c;

	if (!capable(CAP_SYS_ADMIN))
		return ERR_PTR(-EPERM);
	c = kzalloc(sizeof(*c), GFP_KERNEL);
	if (!c)
		return ERR_PTR(-ENOMEM);
	mutex_init(&c->lock);
	persocard_default_config(&c->config, c->code);
	config_item_init_type_name(&c->item, name, &card_type);
	return &c->item;
}

static struct configfs_group_operations persocard_group_ops = {
	.make_item	= card_make,
};

static const struct config_item_type persocard_subsys_type = {
	.ct_group_ops	= &persocard_group_ops,
	.ct_owner	= THIS_MODULE,
};

static struct configfs_subsystem persocard_subsys = {
	.su_group = {
		.cg_item = {
			.ci_namebuf	= "persocard",
			.ci_type	= &persocard_subsys_type,
		},
	},
};

/**
 * persocard_configfs_init() - make /sys/kernel/config/persocard
 *
 * Return: 0 or an errno.
 */
int persocard_configfs_init(void)
{
	config_group_init(&persocard_subsys.su_group);
	mutex_init(&persocard_subsys.su_mutex);
	return configfs_register_subsystem(&persocard_subsys);
}

/**
 * persocard_configfs_exit() - remove it; the module holds no item then
 */
void persocard_configfs_exit(void)
{
	configfs_unregister_subsystem(&persocard_subsys);
	mutex_destroy(&persocard_subsys.su_mutex);
}
