// SPDX-License-Identifier: GPL-2.0
/*
 * sysfs attributes of /sys/class/persocard/persocardN.
 *
 * Read-only: state, tries_left, serial, fresh, atr, auth. The maker's
 * settings (profile, try_limit, perso_code, scp03_keys) take root and a
 * fresh card; perso_code, scp03_keys and factory_reset are write-only.
 * present (root to write) takes the card out of its reader and puts it
 * back. Nothing here reveals the layout, a key or a secret element.
 */
#include <linux/capability.h>
#include <linux/device.h>
#include <linux/kernel.h>
#include <linux/kobject.h>
#include <linux/random.h>
#include <linux/string.h>
#include <linux/sysfs.h>

#include "../cardos/apdu.h"
#include "reader.h"

static const char *const state_names[] = {
	[PERSOCARD_STATE_SEMI_FINISHED]	= "semi-finished",
	[PERSOCARD_STATE_READY]		= "ready",
	[PERSOCARD_STATE_PERSONALIZING]	= "personalizing",
	[PERSOCARD_STATE_PERSONALIZED]	= "personalized",
	[PERSOCARD_STATE_BLOCKED]	= "blocked",
};

static struct persocard_dev *to_pd(struct device *dev)
{
	return container_of(dev, struct persocard_dev, dev);
}

/**
 * persocard_state_changed() - tell pollers, and udev for lasting changes
 * @pd: the card, its lock not held.
 * @state: the state it is now in.
 * @remade: a factory reset made it a new card.
 *
 * A uevent per command would flood udev: only PERSONALIZED, BLOCKED and a
 * factory reset send one.
 */
void persocard_state_changed(struct persocard_dev *pd,
			     enum persocard_state state, bool remade)
{
	char env[32];
	char *envp[2] = { env, NULL };

	sysfs_notify(&pd->dev.kobj, NULL, "state");
	if (!remade && state != PERSOCARD_STATE_PERSONALIZED &&
	    state != PERSOCARD_STATE_BLOCKED)
		return;
	snprintf(env, sizeof(env), "PERSOCARD_STATE=%s", state_names[state]);
	kobject_uevent_env(&pd->dev.kobj, KOBJ_CHANGE, envp);
}

/*
 * A maker's setting goes to a card in its reader, as a command would; the
 * write can be cut like any other, and the card then leaves the reader.
 */
static int maker_begin(struct persocard_dev *pd)
{
	if (mutex_lock_interruptible(&pd->lock))
		return -ERESTARTSYS;
	if (!pd->present) {
		mutex_unlock(&pd->lock);
		return -ENODEV;
	}
	return 0;
}

static int maker_end(struct persocard_dev *pd, int ret)
{
	bool lost = persocard_dev_lost_power(pd);

	mutex_unlock(&pd->lock);
	if (lost)
		persocard_presence_changed(pd);
	return ret == -ESHUTDOWN ? -ENODEV : ret;
}

static ssize_t state_show(struct device *dev, struct device_attribute *attr,
			  char *buf)
{
	struct persocard_dev *pd = to_pd(dev);
	enum persocard_state state;

	mutex_lock(&pd->lock);
	state = persocard_state(&pd->card);
	mutex_unlock(&pd->lock);
	return sysfs_emit(buf, "%s\n", state_names[state]);
}
static DEVICE_ATTR_RO(state);

static ssize_t tries_left_show(struct device *dev,
			       struct device_attribute *attr, char *buf)
{
	struct persocard_dev *pd = to_pd(dev);
	unsigned int tries;

	mutex_lock(&pd->lock);
	tries = persocard_tries_left(&pd->card);
	mutex_unlock(&pd->lock);
	return sysfs_emit(buf, "%u\n", tries);
}
static DEVICE_ATTR_RO(tries_left);

static ssize_t serial_show(struct device *dev, struct device_attribute *attr,
			   char *buf)
{
	struct persocard_dev *pd = to_pd(dev);
	u64 serial;

	mutex_lock(&pd->lock);
	serial = persocard_card_serial(&pd->card);
	mutex_unlock(&pd->lock);
	return sysfs_emit(buf, "%016llx\n", serial);
}
static DEVICE_ATTR_RO(serial);

static ssize_t fresh_show(struct device *dev, struct device_attribute *attr,
			  char *buf)
{
	struct persocard_dev *pd = to_pd(dev);
	bool fresh;

	mutex_lock(&pd->lock);
	fresh = persocard_card_fresh(&pd->card);
	mutex_unlock(&pd->lock);
	return sysfs_emit(buf, "%d\n", fresh);
}
static DEVICE_ATTR_RO(fresh);

static ssize_t profile_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	struct persocard_dev *pd = to_pd(dev);
	const char *name;

	mutex_lock(&pd->lock);
	name = pd->card.profile->name;
	mutex_unlock(&pd->lock);
	return sysfs_emit(buf, "%s\n", name);
}

static ssize_t profile_store(struct device *dev, struct device_attribute *attr,
			     const char *buf, size_t count)
{
	const struct persocard_profile *profile;
	struct persocard_dev *pd = to_pd(dev);
	int ret;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	profile = persocard_profile_by_name(buf);
	if (!profile)
		return -EINVAL;
	ret = maker_begin(pd);
	if (ret)
		return ret;
	ret = maker_end(pd, persocard_card_set_profile(&pd->card, profile));
	return ret ?: count;
}
static DEVICE_ATTR_RW(profile);

static ssize_t try_limit_show(struct device *dev,
			      struct device_attribute *attr, char *buf)
{
	struct persocard_dev *pd = to_pd(dev);
	unsigned int limit;

	mutex_lock(&pd->lock);
	limit = persocard_card_try_limit(&pd->card);
	mutex_unlock(&pd->lock);
	return sysfs_emit(buf, "%u\n", limit);
}

static ssize_t try_limit_store(struct device *dev,
			       struct device_attribute *attr,
			       const char *buf, size_t count)
{
	struct persocard_dev *pd = to_pd(dev);
	unsigned int limit;
	int ret;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	ret = kstrtouint(buf, 10, &limit);
	if (ret)
		return ret;
	ret = maker_begin(pd);
	if (ret)
		return ret;
	ret = maker_end(pd, persocard_card_set_try_limit(&pd->card, limit));
	return ret ?: count;
}
static DEVICE_ATTR_RW(try_limit);

static ssize_t perso_code_store(struct device *dev,
				struct device_attribute *attr,
				const char *buf, size_t count)
{
	struct persocard_dev *pd = to_pd(dev);
	u8 code[PERSOCARD_CODE_MAX_LEN];
	size_t digits = count;
	int ret;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (digits && buf[digits - 1] == '\n')
		digits--;
	if (digits % 2 || digits > 2 * sizeof(code) ||
	    hex2bin(code, buf, digits / 2))
		return -EINVAL;
	ret = maker_begin(pd);
	if (!ret)
		ret = maker_end(pd, persocard_card_set_code(&pd->card, code,
							    digits / 2));
	memzero_explicit(code, sizeof(code));
	return ret ?: count;
}
static DEVICE_ATTR_WO(perso_code);

static ssize_t scp03_keys_store(struct device *dev,
				struct device_attribute *attr,
				const char *buf, size_t count)
{
	struct persocard_dev *pd = to_pd(dev);
	struct persocard_scp03_keyset keys;
	int ret;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	ret = persocard_parse_keyset(buf, count, &keys);
	if (!ret)
		ret = maker_begin(pd);
	if (!ret)
		ret = maker_end(pd, persocard_card_set_keys(&pd->card, keys.key_len ?
							    &keys : NULL));
	memzero_explicit(&keys, sizeof(keys));
	return ret ?: count;
}
static DEVICE_ATTR_WO(scp03_keys);

static ssize_t auth_show(struct device *dev, struct device_attribute *attr,
			 char *buf)
{
	struct persocard_dev *pd = to_pd(dev);
	bool scp03;

	mutex_lock(&pd->lock);
	scp03 = persocard_card_scp03(&pd->card);
	mutex_unlock(&pd->lock);
	return sysfs_emit(buf, "%s\n", scp03 ? "scp03" : "code");
}
static DEVICE_ATTR_RO(auth);

static ssize_t factory_reset_store(struct device *dev,
				   struct device_attribute *attr,
				   const char *buf, size_t count)
{
	struct persocard_dev *pd = to_pd(dev);
	u8 secret[PERSOCARD_SECRET_LEN];
	bool reset;
	u64 serial;
	int ret;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	ret = kstrtobool(buf, &reset);
	if (ret || !reset)
		return -EINVAL;
	persocard_draw_identity(secret, &serial);
	ret = maker_begin(pd);
	if (!ret)
		ret = maker_end(pd, persocard_card_factory_reset(&pd->card,
								 secret,
								 serial));
	memzero_explicit(secret, sizeof(secret));
	if (ret)
		return ret;
	persocard_state_changed(pd, PERSOCARD_STATE_SEMI_FINISHED, true);
	return count;
}
static DEVICE_ATTR_WO(factory_reset);

static ssize_t atr_show(struct device *dev, struct device_attribute *attr,
			char *buf)
{
	struct persocard_dev *pd = to_pd(dev);
	u8 atr[PERSOCARD_ATR_MAX_LEN];
	size_t len;

	mutex_lock(&pd->lock);
	len = persocard_atr(&pd->card, pd->index, atr);
	mutex_unlock(&pd->lock);
	return sysfs_emit(buf, "%*phN\n", (int)len, atr);
}
static DEVICE_ATTR_RO(atr);

static ssize_t present_show(struct device *dev, struct device_attribute *attr,
			    char *buf)
{
	struct persocard_dev *pd = to_pd(dev);
	bool present;

	mutex_lock(&pd->lock);
	present = pd->present;
	mutex_unlock(&pd->lock);
	return sysfs_emit(buf, "%d\n", present);
}

/*
 * Taking the card out cuts its power: any session ends, NVM stays. Putting
 * it back powers it up: recovery runs (-EIO if NVM holds no card).
 */
static ssize_t present_store(struct device *dev, struct device_attribute *attr,
			     const char *buf, size_t count)
{
	struct persocard_dev *pd = to_pd(dev);
	enum persocard_state before, after;
	bool present;
	int ret;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	ret = kstrtobool(buf, &present);
	if (ret)
		return ret;
	if (mutex_lock_interruptible(&pd->lock))
		return -ERESTARTSYS;
	before = persocard_state(&pd->card);
	if (!present) {
		persocard_power_off(&pd->card);
		pd->present = false;
		pd->cut = false;
	} else if (!pd->present) {
		ret = persocard_dev_power_up(pd);
	}
	after = persocard_state(&pd->card);
	mutex_unlock(&pd->lock);

	if (after != before)
		persocard_state_changed(pd, after, false);
	persocard_presence_changed(pd);
	return ret ?: count;
}
static DEVICE_ATTR_RW(present);

static struct attribute *persocard_attrs[] = {
	&dev_attr_state.attr,
	&dev_attr_tries_left.attr,
	&dev_attr_serial.attr,
	&dev_attr_fresh.attr,
	&dev_attr_profile.attr,
	&dev_attr_try_limit.attr,
	&dev_attr_perso_code.attr,
	&dev_attr_scp03_keys.attr,
	&dev_attr_auth.attr,
	&dev_attr_factory_reset.attr,
	&dev_attr_atr.attr,
	&dev_attr_present.attr,
	NULL
};

static const struct attribute_group persocard_group = {
	.attrs = persocard_attrs,
};

const struct attribute_group *persocard_groups[] = {
	&persocard_group,
	NULL
};
