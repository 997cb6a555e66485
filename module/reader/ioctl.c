// SPDX-License-Identifier: GPL-2.0
/*
 * ioctl dispatch for /dev/persocardN: a table of {number, handler,
 * argument size, reserved-field check, flags}, as drm_ioctl() has.
 *
 * One path copies every argument in, proves its reply can be written back
 * and checks its reserved fields before a handler runs, so a call that
 * fails with an errno has had no effect on the card; the same path copies
 * the reply out. Handlers work on the kernel's copy and copy only their
 * own buffers (a code, a value, an APDU). Only a reply that cannot be
 * copied out after the card acted gives EFAULT with the command done.
 */
#include <linux/capability.h>
#include <linux/compat.h>
#include <linux/kernel.h>
#include <linux/miscdevice.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "../cardos/apdu.h"
#include "reader.h"

static bool all_zero(const void *p, size_t size)
{
	return !memchr_inv(p, 0, size);
}

/* Take the card's lock, if the card is in its reader. */
static int lock_present(struct persocard_dev *pd)
{
	if (mutex_lock_interruptible(&pd->lock))
		return -ERESTARTSYS;
	if (!pd->present) {
		mutex_unlock(&pd->lock);
		return -ENODEV;
	}
	return 0;
}

static int card_lock(struct persocard_dev *pd, enum persocard_state *before)
{
	int ret = lock_present(pd);

	if (ret)
		return ret;
	*before = persocard_state(&pd->card);
	return 0;
}

/*
 * Return: 0, or -ENODEV if the card lost power during the command: its
 * status word never left it, and it is out of its reader until powered up.
 */
static int card_unlock(struct persocard_dev *pd, enum persocard_state before)
{
	enum persocard_state after = persocard_state(&pd->card);
	bool lost = persocard_dev_lost_power(pd);

	mutex_unlock(&pd->lock);
	if (after != before)
		persocard_state_changed(pd, after, false);
	if (!lost)
		return 0;
	persocard_presence_changed(pd);
	return -ENODEV;
}

/* ---- reserved fields: zero, or the call is EINVAL ---- */

static bool cmd_valid(const void *data)
{
	const struct persocard_cmd *arg = data;

	return !arg->reserved0 && all_zero(arg->reserved, sizeof(arg->reserved));
}

static bool verify_valid(const void *data)
{
	const struct persocard_verify *arg = data;

	return !arg->reserved0 && all_zero(arg->reserved, sizeof(arg->reserved));
}

static bool put_valid(const void *data)
{
	const struct persocard_put *arg = data;

	return !arg->flags && !arg->reserved;
}

static bool lock_valid(const void *data)
{
	const struct persocard_lock *arg = data;

	return !arg->reserved0;
}

static bool status_valid(const void *data)
{
	const struct persocard_status *arg = data;

	return all_zero(arg->reserved, sizeof(arg->reserved));
}

static bool get_data_valid(const void *data)
{
	const struct persocard_get_data *arg = data;

	return all_zero(arg->reserved, sizeof(arg->reserved));
}

static bool info_valid(const void *data)
{
	const struct persocard_info *arg = data;

	return all_zero(arg->reserved, sizeof(arg->reserved)) &&
	       all_zero(arg->atr, sizeof(arg->atr)) && !arg->atr_len &&
	       all_zero(arg->reserved1, sizeof(arg->reserved1));
}

static bool profile_valid(const void *data)
{
	const struct persocard_tag_desc *arg = data;

	return !arg->reserved0 && all_zero(arg->reserved, sizeof(arg->reserved));
}

static bool transmit_valid(const void *data)
{
	const struct persocard_transmit *arg = data;

	return !arg->reserved0 && all_zero(arg->reserved, sizeof(arg->reserved));
}

/* ---- handlers: the argument is the kernel's copy, already checked ---- */

/* ENABLE and RESET: a command with no data but its status word. */
static long run_cmd(struct persocard_dev *pd, struct file *file, void *data,
		    u16 (*command)(struct persocard_card *card,
				   const void *owner))
{
	struct persocard_cmd *arg = data;
	enum persocard_state before;
	int ret;

	ret = card_lock(pd, &before);
	if (ret)
		return ret;
	arg->sw = command(&pd->card, file);
	return card_unlock(pd, before);
}

static long ioctl_enable(struct persocard_dev *pd, struct file *file,
			 void *data)
{
	return run_cmd(pd, file, data, persocard_enable);
}

/* RESET is also the power-up of a card a power cut took out. */
static long ioctl_reset(struct persocard_dev *pd, struct file *file,
			void *data)
{
	struct persocard_cmd *arg = data;
	bool powered_up = false;
	int ret;

	if (mutex_lock_interruptible(&pd->lock))
		return -ERESTARTSYS;
	if (pd->cut) {
		ret = persocard_dev_power_up(pd);
		if (ret) {
			mutex_unlock(&pd->lock);
			return ret;
		}
		powered_up = true;
	}
	mutex_unlock(&pd->lock);
	if (powered_up) {
		persocard_presence_changed(pd);
		persocard_state_changed(pd, persocard_state(&pd->card), false);
	}
	return run_cmd(pd, file, arg, persocard_reset);
}

static long ioctl_verify(struct persocard_dev *pd, struct file *file,
			 void *data)
{
	u8 code[PERSOCARD_CODE_MAX_LEN];
	struct persocard_verify *arg = data;
	enum persocard_state before;
	size_t len;
	int ret;

	/* A length the card refuses is its to answer (6700): copy nothing. */
	len = arg->code_len <= sizeof(code) ? arg->code_len : 0;
	if (copy_from_user(code, u64_to_user_ptr(arg->code), len))
		return -EFAULT;
	ret = card_lock(pd, &before);
	if (!ret) {
		arg->sw = persocard_verify(&pd->card, file, code, arg->code_len,
					   &arg->tries_left);
		ret = card_unlock(pd, before);
	}
	memzero_explicit(code, sizeof(code));
	return ret;
}

static long ioctl_put(struct persocard_dev *pd, struct file *file, void *data)
{
	struct persocard_put *arg = data;
	enum persocard_state before;
	u8 *value = NULL;
	int ret;

	if (arg->len && arg->len <= PERSOCARD_VALUE_MAX_LEN) {
		value = memdup_user(u64_to_user_ptr(arg->value), arg->len);
		if (IS_ERR(value))
			return PTR_ERR(value);
	}
	ret = card_lock(pd, &before);
	if (!ret) {
		arg->sw = persocard_put(&pd->card, file, arg->tag, value,
					arg->len);
		ret = card_unlock(pd, before);
	}
	kfree_sensitive(value);
	return ret;
}

static long ioctl_lock(struct persocard_dev *pd, struct file *file,
		       void *data)
{
	struct persocard_lock *arg = data;
	enum persocard_state before;
	int ret;

	memset(arg, 0, sizeof(*arg));
	ret = card_lock(pd, &before);
	if (ret)
		return ret;
	arg->sw = persocard_lock(&pd->card, file, arg->missing,
				 &arg->nr_missing);
	return card_unlock(pd, before);
}

static long ioctl_status(struct persocard_dev *pd, struct file *file,
			 void *data)
{
	int ret;

	ret = lock_present(pd);
	if (ret)
		return ret;
	persocard_status(&pd->card, file, data);
	mutex_unlock(&pd->lock);
	return 0;
}

static long ioctl_get_data(struct persocard_dev *pd, struct file *file,
			   void *data)
{
	struct persocard_get_data *arg = data;
	void __user *buf;
	u8 *value;
	u16 len;
	int ret;

	/*
	 * A query changes nothing on the card: the value is copied out after
	 * the lock, and a buffer that cannot take it gives EFAULT then.
	 */
	buf = u64_to_user_ptr(arg->buf);
	value = kmalloc(PERSOCARD_VALUE_MAX_LEN, GFP_KERNEL);
	if (!value)
		return -ENOMEM;
	ret = lock_present(pd);
	if (ret) {
		kfree(value);
		return ret;
	}
	arg->sw = persocard_get_data(&pd->card, arg->tag, value, &len);
	mutex_unlock(&pd->lock);

	arg->len = len;
	if (arg->sw == PERSOCARD_SW_OK && len > arg->buf_len)
		arg->sw = PERSOCARD_SW_WRONG_LENGTH;
	if (arg->sw == PERSOCARD_SW_OK && copy_to_user(buf, value, len))
		ret = -EFAULT;
	kfree_sensitive(value);
	return ret;
}

static long ioctl_info(struct persocard_dev *pd, struct file *file,
		       void *data)
{
	struct persocard_info *arg = data;
	int ret;

	memset(arg, 0, sizeof(*arg));
	ret = lock_present(pd);
	if (ret)
		return ret;
	arg->atr_len = persocard_atr(&pd->card, pd->index, arg->atr);
	arg->nvm_size = pd->card.nvm.size;
	mutex_unlock(&pd->lock);
	arg->abi_version = PERSOCARD_ABI_VERSION;
	arg->caps = PERSOCARD_CAP_PROFILE | PERSOCARD_CAP_LOCK_MISSING |
		    PERSOCARD_CAP_RESET | PERSOCARD_CAP_GET_DATA |
		    PERSOCARD_CAP_TRANSMIT | PERSOCARD_CAP_PRESENCE |
		    PERSOCARD_CAP_IMAGE | PERSOCARD_CAP_SCP03;
	arg->card_index = pd->index;
	arg->nr_cards = atomic_read(&persocard_live_cards);
	arg->max_value_len = PERSOCARD_VALUE_MAX_LEN;
	arg->min_code_len = PERSOCARD_CODE_MIN_LEN;
	arg->max_code_len = PERSOCARD_CODE_MAX_LEN;
	arg->max_tags = PERSOCARD_MAX_TAGS;
	arg->sw = PERSOCARD_SW_OK;
	return 0;
}

static long ioctl_profile(struct persocard_dev *pd, struct file *file,
			  void *data)
{
	const struct persocard_profile *profile;
	struct persocard_tag_desc *arg = data;
	u32 index = arg->index;
	int ret;

	memset(arg, 0, sizeof(*arg));
	arg->index = index;
	ret = lock_present(pd);
	if (ret)
		return ret;
	profile = pd->card.profile;
	mutex_unlock(&pd->lock);

	/* Profiles are static tables: safe to read after the unlock. */
	arg->profile = profile->id;
	arg->nr_tags = profile->nr_elements;
	if (index < profile->nr_elements) {
		const struct persocard_element *el = &profile->elements[index];

		arg->tag = el->tag;
		arg->min_len = el->min_len;
		arg->max_len = el->max_len;
		arg->flags = el->flags;
		strscpy(arg->name, el->name, sizeof(arg->name));
		arg->sw = PERSOCARD_SW_OK;
	} else {
		arg->sw = PERSOCARD_SW_NOT_FOUND;
	}
	return 0;
}

/*
 * TRANSMIT: the command APDU is parsed before the lock, so the response
 * buffer is known to be large enough, and writable, before the card acts.
 */
static long ioctl_transmit(struct persocard_dev *pd, struct file *file,
			   void *data)
{
	struct persocard_transmit *arg = data;
	struct persocard_apdu apdu;
	void __user *response;
	u8 *command = NULL;
	u32 need, room, len = 0;
	u8 *resp;
	u16 sw;
	int ret;

	/* A length the card refuses is its to answer (6700): copy nothing. */
	if (arg->command_len >= 4 && arg->command_len <= PERSOCARD_APDU_MAX_LEN) {
		command = memdup_user(u64_to_user_ptr(arg->command),
				      arg->command_len);
		if (IS_ERR(command))
			return PTR_ERR(command);
		sw = persocard_apdu_parse(command, arg->command_len, &apdu);
	} else {
		sw = PERSOCARD_SW_WRONG_LENGTH;
	}
	need = 2 + (sw ? 0 : min_t(u32, apdu.ne, PERSOCARD_VALUE_MAX_LEN));
	response = u64_to_user_ptr(arg->response);
	ret = -EINVAL;
	if (arg->response_size < need)
		goto out_command;
	/* Room past Le serves a secure channel's R-MAC. */
	room = min_t(u32, arg->response_size, PERSOCARD_RESPONSE_MAX_LEN);
	ret = -EFAULT;
	if (clear_user(response, room))
		goto out_command;
	ret = -ENOMEM;
	resp = kmalloc(PERSOCARD_RESPONSE_MAX_LEN, GFP_KERNEL);
	if (!resp)
		goto out_command;

	if (sw) {
		ret = lock_present(pd);
		if (!ret)
			mutex_unlock(&pd->lock);
	} else {
		enum persocard_state before;

		ret = card_lock(pd, &before);
		if (!ret) {
			sw = persocard_apdu_exec(&pd->card, file, &apdu,
						 resp, &len);
			ret = card_unlock(pd, before);
		}
	}
	if (!ret) {
		if (len + 2 > room)
			len = 0;
		resp[len++] = sw >> 8;
		resp[len++] = sw & 0xFF;
		arg->response_len = len;
		arg->sw = sw;
		if (copy_to_user(response, resp, len))
			ret = -EFAULT;
	}
	kfree_sensitive(resp);
out_command:
	kfree_sensitive(command);
	return ret;
}

static bool image_valid(const void *data)
{
	const struct persocard_image *arg = data;

	return !arg->flags && all_zero(arg->reserved, sizeof(arg->reserved));
}

/* SAVE and RESTORE: the maker's, errno only (image.c). */
static long ioctl_save(struct persocard_dev *pd, struct file *file,
		       void *data)
{
	struct persocard_image *arg = data;

	return persocard_image_save(pd, u64_to_user_ptr(arg->buf),
				    arg->buf_len, &arg->len);
}

static long ioctl_restore(struct persocard_dev *pd, struct file *file,
			  void *data)
{
	struct persocard_image *arg = data;

	arg->len = 0;
	return persocard_image_restore(pd, u64_to_user_ptr(arg->buf),
				       arg->buf_len);
}

/* ---- the table, and the one path every call takes ---- */

/* The argument grows at its end: any size from the first version's up. */
#define PERSOCARD_IOCTL_GROWS	BIT(0)
/* The maker's: CAP_SYS_ADMIN, else EPERM before anything is read. */
#define PERSOCARD_IOCTL_MAKER	BIT(1)

/**
 * struct persocard_ioctl_desc - one ioctl of the table
 * @cmd: its number, size included (for a growing one, its largest).
 * @handler: runs it on the kernel's copy of the argument.
 * @valid: its reserved fields are zero.
 * @min_size: the smallest size a growing argument may have.
 * @flags: %PERSOCARD_IOCTL_GROWS, %PERSOCARD_IOCTL_MAKER.
 */
struct persocard_ioctl_desc {
	unsigned int cmd;
	long (*handler)(struct persocard_dev *pd, struct file *file,
			void *data);
	bool (*valid)(const void *data);
	unsigned int min_size;
	unsigned int flags;
};

#define IOCTL(name, fn, check) \
	[_IOC_NR(PERSOCARD_IOC_##name)] = { \
		.cmd = PERSOCARD_IOC_##name, .handler = fn, .valid = check }
#define MAKER_IOCTL(name, fn, check) \
	[_IOC_NR(PERSOCARD_IOC_##name)] = { \
		.cmd = PERSOCARD_IOC_##name, .handler = fn, .valid = check, \
		.flags = PERSOCARD_IOCTL_MAKER }

static const struct persocard_ioctl_desc persocard_ioctls[] = {
	IOCTL(ENABLE,	ioctl_enable,	cmd_valid),
	IOCTL(VERIFY,	ioctl_verify,	verify_valid),
	IOCTL(PUT,	ioctl_put,	put_valid),
	IOCTL(LOCK,	ioctl_lock,	lock_valid),
	IOCTL(RESET,	ioctl_reset,	cmd_valid),
	IOCTL(STATUS,	ioctl_status,	status_valid),
	IOCTL(GET_DATA,	ioctl_get_data,	get_data_valid),
	[_IOC_NR(PERSOCARD_IOC_INFO)] = {
		.cmd = PERSOCARD_IOC_INFO, .handler = ioctl_info,
		.valid = info_valid, .min_size = PERSOCARD_INFO_SIZE_VER0,
		.flags = PERSOCARD_IOCTL_GROWS,
	},
	IOCTL(PROFILE,	ioctl_profile,	profile_valid),
	IOCTL(TRANSMIT,	ioctl_transmit,	transmit_valid),
	MAKER_IOCTL(SAVE,	ioctl_save,	image_valid),
	MAKER_IOCTL(RESTORE,	ioctl_restore,	image_valid),
};

/* Every argument fits here. */
union persocard_ioctl_arg {
	struct persocard_cmd cmd;
	struct persocard_verify verify;
	struct persocard_put put;
	struct persocard_lock lock;
	struct persocard_status status;
	struct persocard_get_data get_data;
	struct persocard_info info;
	struct persocard_tag_desc tag_desc;
	struct persocard_transmit transmit;
	struct persocard_image image;
};

/* The table's row for @cmd, and the size the caller's argument has. */
static const struct persocard_ioctl_desc *find_ioctl(unsigned int cmd,
						     size_t *usize)
{
	const struct persocard_ioctl_desc *desc;
	unsigned int nr = _IOC_NR(cmd);

	if (_IOC_TYPE(cmd) != PERSOCARD_IOC_MAGIC ||
	    nr >= ARRAY_SIZE(persocard_ioctls))
		return NULL;
	desc = &persocard_ioctls[nr];
	if (!desc->handler)
		return NULL;
	*usize = _IOC_SIZE(cmd);
	if (desc->flags & PERSOCARD_IOCTL_GROWS)
		return _IOC_DIR(cmd) == _IOC_DIR(desc->cmd) &&
		       *usize >= desc->min_size ? desc : NULL;
	return cmd == desc->cmd ? desc : NULL;
}

static long persocard_ioctl(struct file *file, unsigned int cmd,
			    unsigned long uarg)
{
	struct persocard_dev *pd = file->private_data;
	void __user *argp = (void __user *)uarg;
	const struct persocard_ioctl_desc *desc;
	union persocard_ioctl_arg arg;
	size_t ksize, usize, size;
	long ret;

	desc = find_ioctl(cmd, &usize);
	if (!desc)
		return -ENOTTY;
	if ((desc->flags & PERSOCARD_IOCTL_MAKER) && !capable(CAP_SYS_ADMIN))
		return -EPERM;
	ksize = _IOC_SIZE(desc->cmd);
	size = min(usize, ksize);
	BUILD_BUG_ON(sizeof(arg) > 256);

	/* A newer caller's larger argument must be zero past what we know. */
	ret = copy_struct_from_user(&arg, ksize, argp, usize);
	if (ret)
		return ret == -E2BIG ? -EINVAL : ret;
	/* Write back what was read: proves the reply can land there. */
	if (copy_to_user(argp, &arg, size))
		return -EFAULT;
	if (!desc->valid(&arg))
		return -EINVAL;
	ret = desc->handler(pd, file, &arg);
	if (ret)
		return ret;
	return copy_to_user(argp, &arg, size) ? -EFAULT : 0;
}

/* An open file counts: a card with one cannot be removed. */
static int open_card(struct persocard_dev *pd, struct inode *inode,
		     struct file *file)
{
	mutex_lock(&pd->lock);
	if (pd->removed) {
		mutex_unlock(&pd->lock);
		return -ENODEV;
	}
	pd->nr_open++;
	mutex_unlock(&pd->lock);
	file->private_data = pd;
	return stream_open(inode, file);
}

static int persocard_open(struct inode *inode, struct file *file)
{
	return open_card(container_of(inode->i_cdev, struct persocard_dev,
				      cdev), inode, file);
}

/* /dev/persocard: card 0 under a name that does not change. */
static int persocard_alias_open(struct inode *inode, struct file *file)
{
	return open_card(persocard_dev_get(0), inode, file);
}

static int persocard_release(struct inode *inode, struct file *file)
{
	struct persocard_dev *pd = file->private_data;
	enum persocard_state before;

	/* A close cannot be refused: wait for the lock whatever comes. */
	mutex_lock(&pd->lock);
	pd->nr_open--;
	before = persocard_state(&pd->card);
	persocard_close(&pd->card, file);
	card_unlock(pd, before);
	return 0;
}

const struct file_operations persocard_fops = {
	.owner		= THIS_MODULE,
	.open		= persocard_open,
	.release	= persocard_release,
	.unlocked_ioctl	= persocard_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
};

const struct file_operations persocard_alias_fops = {
	.owner		= THIS_MODULE,
	.open		= persocard_alias_open,
	.release	= persocard_release,
	.unlocked_ioctl	= persocard_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
};
