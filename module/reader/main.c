// SPDX-License-Identifier: GPL-2.0
/*
 * persocard - simulated smart cards in their personalization phase
 *
 * Makes nr_cards cards at load time, each a /dev/persocardN with its
 * sysfs attributes, and /dev/persocard for card 0. Module parameters set
 * only the defaults the maker starts from; see
 * Documentation/persocard/sysfs.rst for what can be changed per card.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/fault-inject.h>
#include <linux/idr.h>
#include <linux/kernel.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/time.h>
#include <linux/timekeeping.h>

#include "../compat.h"
#include "reader.h"

unsigned int persocard_nr_cards = 1;
module_param_named(nr_cards, persocard_nr_cards, uint, 0444);
MODULE_PARM_DESC(nr_cards, "number of cards, 1-256 (default 1)");

static unsigned int nvm_size = 8192;
module_param(nvm_size, uint, 0444);
MODULE_PARM_DESC(nvm_size, "bytes of NVM per card, 1024-65536 (default 8192)");

static unsigned int page_size = PERSOCARD_PAGE_DEFAULT_SIZE;
module_param(page_size, uint, 0444);
MODULE_PARM_DESC(page_size, "bytes per NVM page, a power of two 16-1024 (default 64)");

static char *profile = "payment";
module_param(profile, charp, 0444);
MODULE_PARM_DESC(profile, "default profile: payment, sim or identity");

static unsigned int try_limit = 3;
module_param(try_limit, uint, 0444);
MODULE_PARM_DESC(try_limit, "default try limit of VERIFY PERSO CODE, 1-15 (default 3)");

/* Not readable back: mode 0, and wiped once parsed. NULL means "1234". */
static char *perso_code;
module_param(perso_code, charp, 0);
MODULE_PARM_DESC(perso_code, "default perso code in hex, 4-32 bytes (default 31323334, ASCII \"1234\")");

static const u8 default_code[] = { '1', '2', '3', '4' };

static dev_t persocard_devt;
static struct class *persocard_class;
/* The cards made at load; configfs owns those made at runtime. */
static struct persocard_dev **cards;
static DEFINE_IDA(persocard_ida);
atomic_t persocard_live_cards = ATOMIC_INIT(0);
/* What a card made through configfs starts from: the module's defaults. */
static u8 defaults_code[PERSOCARD_CODE_MAX_LEN];
static struct persocard_config defaults = { .code = defaults_code };
static struct dentry *debugfs_dir;
#ifdef CONFIG_FAULT_INJECTION
static DECLARE_FAULT_ATTR(nvm_write_fault);
#define NVM_WRITE_FAULT	(&nvm_write_fault)
#else
#define NVM_WRITE_FAULT	NULL
#endif

static struct miscdevice persocard_alias = {
	.minor	= MISC_DYNAMIC_MINOR,
	.name	= "persocard",
	.fops	= &persocard_alias_fops,
	.mode	= 0600,
};

/**
 * persocard_dev_get() - a card made at load, by number
 * @index: 0 to nr_cards - 1.
 *
 * Return: the card; cards made at load live as long as the module.
 */
struct persocard_dev *persocard_dev_get(unsigned int index)
{
	return cards[index];
}

/**
 * persocard_default_config() - the settings a new card starts from
 * @config: receives them; @config->code points at @code.
 * @code: receives the default perso code, %PERSOCARD_CODE_MAX_LEN bytes.
 */
void persocard_default_config(struct persocard_config *config, u8 *code)
{
	*config = defaults;
	memcpy(code, defaults.code, PERSOCARD_CODE_MAX_LEN);
	config->code = code;
}

/**
 * persocard_draw_identity() - what makes a new blank card unique
 * @secret: receives %PERSOCARD_SECRET_LEN random bytes keying the layout.
 * @serial: receives a random serial number.
 */
void persocard_draw_identity(u8 *secret, u64 *serial)
{
	get_random_bytes(secret, PERSOCARD_SECRET_LEN);
	*serial = get_random_u64();
}

/**
 * persocard_dev_lost_power() - take a card that lost power out of its reader
 * @pd: the card, its lock held, after the card OS ran.
 *
 * Return: true if the card just lost power to a power cut: the caller
 * calls persocard_presence_changed() once the lock is dropped.
 */
bool persocard_dev_lost_power(struct persocard_dev *pd)
{
	if (persocard_card_powered(&pd->card) || !pd->present)
		return false;
	pd->present = false;
	pd->cut = true;
	return true;
}

/**
 * persocard_dev_power_up() - power a card up and put it in its reader
 * @pd: the card, its lock held.
 *
 * Return: 0, or -EIO if its NVM holds no card (it stays out).
 */
int persocard_dev_power_up(struct persocard_dev *pd)
{
	int ret = persocard_power_up(&pd->card);

	if (ret)
		return ret;
	pd->present = true;
	pd->cut = false;
	return 0;
}

/**
 * persocard_presence_changed() - tell pollers of "present"
 * @pd: the card, its lock not held.
 */
void persocard_presence_changed(struct persocard_dev *pd)
{
	sysfs_notify(&pd->dev.kobj, NULL, "present");
}

static void persocard_dev_release(struct device *dev)
{
	struct persocard_dev *pd = container_of(dev, struct persocard_dev, dev);

	persocard_card_destroy(&pd->card);
	mutex_destroy(&pd->lock);
	ida_free(&persocard_ida, pd->index);
	kfree_sensitive(pd);
}

/**
 * persocard_today() - today's date as a CPLC writes it
 *
 * Return: BCD YDDD: the year's last digit and the day of the year.
 */
u16 persocard_today(void)
{
	struct tm tm;
	unsigned int day;

	time64_to_tm(ktime_get_real_seconds(), 0, &tm);
	day = tm.tm_yday + 1;
	return ((tm.tm_year + 1900) % 10) << 12 | (day / 100) << 8 |
	       (day / 10 % 10) << 4 | day % 10;
}

/**
 * persocard_dev_create() - make a card and put it in its reader
 * @config: what it is made with.
 *
 * Return: the card, /dev/persocardN with the lowest free N, or an ERR_PTR.
 */
struct persocard_dev *persocard_dev_create(const struct persocard_config *config)
{
	struct persocard_config dated = *config;
	u8 secret[PERSOCARD_SECRET_LEN];
	struct persocard_dev *pd;
	u64 serial;
	int index;
	int ret;

	index = ida_alloc_max(&persocard_ida, PERSOCARD_MAX_MINORS - 1,
			      GFP_KERNEL);
	if (index < 0)
		return ERR_PTR(index);
	pd = kzalloc(sizeof(*pd), GFP_KERNEL);
	if (!pd) {
		ida_free(&persocard_ida, index);
		return ERR_PTR(-ENOMEM);
	}
	persocard_draw_identity(secret, &serial);
	dated.made = persocard_today();
	ret = persocard_card_init(&pd->card, &dated, secret, serial);
	memzero_explicit(secret, sizeof(secret));
	if (ret) {
		ida_free(&persocard_ida, index);
		kfree(pd);
		return ERR_PTR(ret);
	}
	mutex_init(&pd->lock);
	pd->index = index;
	pd->present = true;

	device_initialize(&pd->dev);
	pd->dev.class = persocard_class;
	pd->dev.devt = MKDEV(MAJOR(persocard_devt), index);
	pd->dev.groups = persocard_groups;
	pd->dev.release = persocard_dev_release;
	ret = dev_set_name(&pd->dev, "persocard%u", index);
	if (ret)
		goto err_put;

	cdev_init(&pd->cdev, &persocard_fops);
	pd->cdev.owner = THIS_MODULE;
	ret = cdev_device_add(&pd->cdev, &pd->dev);
	if (ret)
		goto err_put;
	persocard_debugfs_add(pd, debugfs_dir);
	atomic_inc(&persocard_live_cards);
	return pd;

err_put:
	put_device(&pd->dev);
	return ERR_PTR(ret);
}

static void dev_delete(struct persocard_dev *pd)
{
	persocard_debugfs_remove(pd);
	cdev_device_del(&pd->cdev, &pd->dev);
	atomic_dec(&persocard_live_cards);
	/* Open files hold the device through the cdev: the last one frees it. */
	put_device(&pd->dev);
}

/**
 * persocard_dev_remove() - take a card out for good
 * @pd: a card made through configfs.
 *
 * Return: 0, or -EBUSY while a file has the card open (it stays as it was).
 */
int persocard_dev_remove(struct persocard_dev *pd)
{
	mutex_lock(&pd->lock);
	if (pd->nr_open) {
		mutex_unlock(&pd->lock);
		return -EBUSY;
	}
	/* An open racing with the removal finds the card gone. */
	pd->removed = true;
	mutex_unlock(&pd->lock);
	dev_delete(pd);
	return 0;
}

static void cards_destroy(void)
{
	unsigned int i;

	for (i = 0; i < persocard_nr_cards; i++)
		if (cards[i])
			dev_delete(cards[i]);
	kfree(cards);
}

/* Check the parameters and turn them into the cards' starting config. */
static int parse_params(struct persocard_config *config, u8 *code)
{
	size_t digits = perso_code ? strlen(perso_code) : 0;
	int ret = 0;

	if (!persocard_nr_cards || persocard_nr_cards > PERSOCARD_MAX_CARDS) {
		pr_err("nr_cards must be 1-%d\n", PERSOCARD_MAX_CARDS);
		ret = -EINVAL;
	}
	config->nvm_size = nvm_size;
	config->page_size = page_size;
	if (nvm_size < PERSOCARD_NVM_MIN_SIZE || nvm_size > PERSOCARD_NVM_MAX_SIZE) {
		pr_err("nvm_size must be %d-%d\n", PERSOCARD_NVM_MIN_SIZE,
		       PERSOCARD_NVM_MAX_SIZE);
		ret = -EINVAL;
	} else if (!persocard_nvm_geometry_valid(nvm_size, page_size)) {
		pr_err("page_size must be a power of two, %d-%d and at most nvm_size/4\n",
		       PERSOCARD_PAGE_MIN_SIZE, PERSOCARD_PAGE_MAX_SIZE);
		ret = -EINVAL;
	}
	config->profile = persocard_profile_by_name(profile);
	if (!config->profile) {
		pr_err("profile must be payment, sim or identity\n");
		ret = -EINVAL;
	}
	config->try_limit = try_limit;
	if (!try_limit || try_limit > PERSOCARD_TRY_LIMIT_MAX) {
		pr_err("try_limit must be 1-%d\n", PERSOCARD_TRY_LIMIT_MAX);
		ret = -EINVAL;
	}
	config->code = code;
	if (!perso_code) {
		memcpy(code, default_code, sizeof(default_code));
		config->code_len = sizeof(default_code);
		return ret;
	}
	config->code_len = digits / 2;
	if (digits % 2 || config->code_len < PERSOCARD_CODE_MIN_LEN ||
	    config->code_len > PERSOCARD_CODE_MAX_LEN ||
	    hex2bin(code, perso_code, config->code_len)) {
		pr_err("perso_code must be %d-%d bytes in hex\n",
		       PERSOCARD_CODE_MIN_LEN, PERSOCARD_CODE_MAX_LEN);
		ret = -EINVAL;
	}
	/* The parameter's own copy must not outlive its use. */
	memzero_explicit(perso_code, digits);
	return ret;
}

static int __init persocard_init(void)
{
	u8 code[PERSOCARD_CODE_MAX_LEN];
	struct persocard_config config;
	unsigned int i;
	int ret;

	ret = parse_params(&config, code);
	if (ret)
		goto out_wipe;
	/* Layout secrets must be unpredictable from the first card on. */
	ret = wait_for_random_bytes();
	if (ret)
		goto out_wipe;

	ret = alloc_chrdev_region(&persocard_devt, 0, PERSOCARD_MAX_MINORS,
				  "persocard");
	if (ret)
		goto out_wipe;
	persocard_class = persocard_class_create("persocard");
	if (IS_ERR(persocard_class)) {
		ret = PTR_ERR(persocard_class);
		goto err_region;
	}

	debugfs_dir = persocard_debugfs_init();
#ifdef CONFIG_FAULT_INJECTION_DEBUG_FS
	fault_create_debugfs_attr("fail_nvm_write", debugfs_dir,
				  &nvm_write_fault);
#endif
	config.fault = NVM_WRITE_FAULT;

	cards = kcalloc(persocard_nr_cards, sizeof(*cards), GFP_KERNEL);
	if (!cards) {
		ret = -ENOMEM;
		goto err_class;
	}
	for (i = 0; i < persocard_nr_cards; i++) {
		cards[i] = persocard_dev_create(&config);
		if (IS_ERR(cards[i])) {
			ret = PTR_ERR(cards[i]);
			cards[i] = NULL;
			goto err_cards;
		}
	}
	ret = misc_register(&persocard_alias);
	if (ret)
		goto err_cards;
	defaults = config;
	memcpy(defaults_code, code, sizeof(code));
	defaults.code = defaults_code;
	memzero_explicit(code, sizeof(code));
	ret = persocard_configfs_init();
	if (ret)
		goto err_alias;
	return 0;

err_alias:
	misc_deregister(&persocard_alias);
err_cards:
	memzero_explicit(defaults_code, sizeof(defaults_code));
	cards_destroy();
err_class:
	debugfs_remove_recursive(debugfs_dir);
	class_destroy(persocard_class);
err_region:
	unregister_chrdev_region(persocard_devt, PERSOCARD_MAX_MINORS);
out_wipe:
	memzero_explicit(code, sizeof(code));
	return ret;
}

static void __exit persocard_exit(void)
{
	persocard_configfs_exit();
	misc_deregister(&persocard_alias);
	cards_destroy();
	debugfs_remove_recursive(debugfs_dir);
	class_destroy(persocard_class);
	unregister_chrdev_region(persocard_devt, PERSOCARD_MAX_MINORS);
	memzero_explicit(defaults_code, sizeof(defaults_code));
}

module_init(persocard_init);
module_exit(persocard_exit);

MODULE_DESCRIPTION("Simulated smart cards in their personalization phase");
MODULE_AUTHOR("The persocard developers");
MODULE_LICENSE("GPL");
