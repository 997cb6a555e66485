// SPDX-License-Identifier: GPL-2.0
/*
 * ioctl dispatch for /dev/persocardN.
 *
 * Every handler copies in and checks its argument, and makes sure the reply
 * can be written, before it takes the card's lock: a call that fails with
 * an errno has had no effect on the card. Only a reply that cannot be copied
 * out after the card acted gives EFAULT with the command done.
 */
#include <linux/compat.h>
#include <linux/kernel.h>
#include <linux/miscdevice.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "../cardos/apdu.h"
#include "reader.h"

/* Copy in an argument whose reply will be written back in place. */
static int copy_arg_in(void *arg, void __user *argp, size_t size)
{
	if (copy_from_user(arg, argp, size))
		return -EFAULT;
	/* Write back what was read: proves the reply can land there. */
	if (copy_to_user(argp, arg, size))
		return -EFAULT;
	return 0;
}

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

static void card_unlock(struct persocard_dev *pd, enum persocard_state before)
{
	enum persocard_state after = persocard_state(&pd->card);

	mutex_unlock(&pd->lock);
	if (after != before)
		persocard_state_changed(pd, after, false);
}

static long ioctl_cmd(struct persocard_dev *pd, struct file *file,
		      unsigned int cmd, void __user *argp)
{
	struct persocard_cmd arg;
	enum persocard_state before;
	int ret;

	ret = copy_arg_in(&arg, argp, sizeof(arg));
	if (ret)
		return ret;
	if (arg.reserved0 || !all_zero(arg.reserved, sizeof(arg.reserved)))
		return -EINVAL;
	ret = card_lock(pd, &before);
	if (ret)
		return ret;
	if (cmd == PERSOCARD_IOC_ENABLE)
		arg.sw = persocard_enable(&pd->card, file);
	else
		arg.sw = persocard_reset(&pd->card, file);
	card_unlock(pd, before);
	return copy_to_user(argp, &arg, sizeof(arg)) ? -EFAULT : 0;
}

static long ioctl_verify(struct persocard_dev *pd, struct file *file,
			 void __user *argp)
{
	u8 code[PERSOCARD_CODE_MAX_LEN];
	struct persocard_verify arg;
	enum persocard_state before;
	size_t len;
	int ret;

	ret = copy_arg_in(&arg, argp, sizeof(arg));
	if (ret)
		return ret;
	if (arg.reserved0 || !all_zero(arg.reserved, sizeof(arg.reserved)))
		return -EINVAL;
	/* A length the card refuses is its to answer (6700): copy nothing. */
	len = arg.code_len <= sizeof(code) ? arg.code_len : 0;
	if (copy_from_user(code, u64_to_user_ptr(arg.code), len))
		return -EFAULT;
	ret = card_lock(pd, &before);
	if (!ret) {
		arg.sw = persocard_verify(&pd->card, file, code, arg.code_len,
					  &arg.tries_left);
		card_unlock(pd, before);
	}
	memzero_explicit(code, sizeof(code));
	if (ret)
		return ret;
	return copy_to_user(argp, &arg, sizeof(arg)) ? -EFAULT : 0;
}

static long ioctl_put(struct persocard_dev *pd, struct file *file,
		      void __user *argp)
{
	struct persocard_put arg;
	enum persocard_state before;
	u8 *value = NULL;
	int ret;

	ret = copy_arg_in(&arg, argp, sizeof(arg));
	if (ret)
		return ret;
	if (arg.flags || arg.reserved)
		return -EINVAL;
	if (arg.len && arg.len <= PERSOCARD_VALUE_MAX_LEN) {
		value = memdup_user(u64_to_user_ptr(arg.value), arg.len);
		if (IS_ERR(value))
			return PTR_ERR(value);
	}
	ret = card_lock(pd, &before);
	if (!ret) {
		arg.sw = persocard_put(&pd->card, file, arg.tag, value,
				       arg.len);
		card_unlock(pd, before);
	}
	kfree_sensitive(value);
	if (ret)
		return ret;
	return copy_to_user(argp, &arg, sizeof(arg)) ? -EFAULT : 0;
}

static long ioctl_lock(struct persocard_dev *pd, struct file *file,
		       void __user *argp)
{
	struct persocard_lock arg;
	enum persocard_state before;
	int ret;

	ret = copy_arg_in(&arg, argp, sizeof(arg));
	if (ret)
		return ret;
	if (arg.reserved0)
		return -EINVAL;
	memset(&arg, 0, sizeof(arg));
	ret = card_lock(pd, &before);
	if (ret)
		return ret;
	arg.sw = persocard_lock(&pd->card, file, arg.missing, &arg.nr_missing);
	card_unlock(pd, before);
	return copy_to_user(argp, &arg, sizeof(arg)) ? -EFAULT : 0;
}

static long ioctl_status(struct persocard_dev *pd, struct file *file,
			 void __user *argp)
{
	struct persocard_status arg;
	int ret;

	ret = copy_arg_in(&arg, argp, sizeof(arg));
	if (ret)
		return ret;
	if (!all_zero(arg.reserved, sizeof(arg.reserved)))
		return -EINVAL;
	ret = lock_present(pd);
	if (ret)
		return ret;
	persocard_status(&pd->card, file, &arg);
	mutex_unlock(&pd->lock);
	return copy_to_user(argp, &arg, sizeof(arg)) ? -EFAULT : 0;
}

static long ioctl_get_data(struct persocard_dev *pd, void __user *argp)
{
	struct persocard_get_data arg;
	void __user *buf;
	u8 *value;
	u16 len;
	int ret;

	ret = copy_arg_in(&arg, argp, sizeof(arg));
	if (ret)
		return ret;
	if (!all_zero(arg.reserved, sizeof(arg.reserved)))
		return -EINVAL;
	/*
	 * A query changes nothing on the card: the value is copied out after
	 * the lock, and a buffer that cannot take it gives EFAULT then.
	 */
	buf = u64_to_user_ptr(arg.buf);
	value = kmalloc(PERSOCARD_VALUE_MAX_LEN, GFP_KERNEL);
	if (!value)
		return -ENOMEM;
	ret = lock_present(pd);
	if (ret) {
		kfree(value);
		return ret;
	}
	arg.sw = persocard_get_data(&pd->card, arg.tag, value, &len);
	mutex_unlock(&pd->lock);

	arg.len = len;
	if (arg.sw == PERSOCARD_SW_OK && len > arg.buf_len)
		arg.sw = PERSOCARD_SW_WRONG_LENGTH;
	if (arg.sw == PERSOCARD_SW_OK && copy_to_user(buf, value, len))
		ret = -EFAULT;
	kfree_sensitive(value);
	if (!ret && copy_to_user(argp, &arg, sizeof(arg)))
		ret = -EFAULT;
	return ret;
}

/*
 * INFO grows at its end: take any size from the first version's up, as
 * copy_struct_from_user() does for openat2(), and fill what fits.
 */
static long ioctl_info(struct persocard_dev *pd, void __user *argp,
		       size_t usize)
{
	size_t size = min(usize, sizeof(struct persocard_info));
	struct persocard_info arg;
	int ret;

	ret = copy_struct_from_user(&arg, sizeof(arg), argp, usize);
	if (ret)
		return ret == -E2BIG ? -EINVAL : ret;
	if (copy_to_user(argp, &arg, size))
		return -EFAULT;
	if (!all_zero(arg.reserved, sizeof(arg.reserved)) ||
	    !all_zero(arg.atr, sizeof(arg.atr)) || arg.atr_len ||
	    !all_zero(arg.reserved1, sizeof(arg.reserved1)))
		return -EINVAL;
	memset(&arg, 0, sizeof(arg));
	ret = lock_present(pd);
	if (ret)
		return ret;
	arg.atr_len = persocard_atr(&pd->card, pd->index, arg.atr);
	arg.nvm_size = pd->card.nvm.size;
	mutex_unlock(&pd->lock);
	arg.abi_version = PERSOCARD_ABI_VERSION;
	arg.caps = PERSOCARD_CAP_PROFILE | PERSOCARD_CAP_LOCK_MISSING |
		   PERSOCARD_CAP_RESET | PERSOCARD_CAP_GET_DATA |
		   PERSOCARD_CAP_TRANSMIT | PERSOCARD_CAP_PRESENCE;
	arg.card_index = pd->index;
	arg.nr_cards = atomic_read(&persocard_live_cards);
	arg.max_value_len = PERSOCARD_VALUE_MAX_LEN;
	arg.min_code_len = PERSOCARD_CODE_MIN_LEN;
	arg.max_code_len = PERSOCARD_CODE_MAX_LEN;
	arg.max_tags = PERSOCARD_MAX_TAGS;
	arg.sw = PERSOCARD_SW_OK;
	return copy_to_user(argp, &arg, size) ? -EFAULT : 0;
}

static long ioctl_profile(struct persocard_dev *pd, void __user *argp)
{
	const struct persocard_profile *profile;
	struct persocard_tag_desc arg;
	u32 index;
	int ret;

	ret = copy_arg_in(&arg, argp, sizeof(arg));
	if (ret)
		return ret;
	if (arg.reserved0 || !all_zero(arg.reserved, sizeof(arg.reserved)))
		return -EINVAL;
	index = arg.index;
	memset(&arg, 0, sizeof(arg));
	arg.index = index;

	ret = lock_present(pd);
	if (ret)
		return ret;
	profile = pd->card.profile;
	mutex_unlock(&pd->lock);

	/* Profiles are static tables: safe to read after the unlock. */
	arg.profile = profile->id;
	arg.nr_tags = profile->nr_elements;
	if (index < profile->nr_elements) {
		const struct persocard_element *el = &profile->elements[index];

		arg.tag = el->tag;
		arg.min_len = el->min_len;
		arg.max_len = el->max_len;
		arg.flags = el->flags;
		strscpy(arg.name, el->name, sizeof(arg.name));
		arg.sw = PERSOCARD_SW_OK;
	} else {
		arg.sw = PERSOCARD_SW_NOT_FOUND;
	}
	return copy_to_user(argp, &arg, sizeof(arg)) ? -EFAULT : 0;
}

/*
 * TRANSMIT: the command APDU is parsed before the lock, so the response
 * buffer is known to be large enough, and writable, before the card acts.
 */
static long ioctl_transmit(struct persocard_dev *pd, struct file *file,
			   void __user *argp)
{
	struct persocard_transmit arg;
	struct persocard_apdu apdu;
	void __user *response;
	u8 *command = NULL;
	u32 need, len = 0;
	u8 *resp;
	u16 sw;
	int ret;

	ret = copy_arg_in(&arg, argp, sizeof(arg));
	if (ret)
		return ret;
	if (arg.reserved0 || !all_zero(arg.reserved, sizeof(arg.reserved)))
		return -EINVAL;
	/* A length the card refuses is its to answer (6700): copy nothing. */
	if (arg.command_len >= 4 && arg.command_len <= PERSOCARD_APDU_MAX_LEN) {
		command = memdup_user(u64_to_user_ptr(arg.command),
				      arg.command_len);
		if (IS_ERR(command))
			return PTR_ERR(command);
		sw = persocard_apdu_parse(command, arg.command_len, &apdu);
	} else {
		sw = PERSOCARD_SW_WRONG_LENGTH;
	}
	need = 2 + (sw ? 0 : min_t(u32, apdu.ne, PERSOCARD_VALUE_MAX_LEN));
	response = u64_to_user_ptr(arg.response);
	ret = -EINVAL;
	if (arg.response_size < need)
		goto out_command;
	ret = -EFAULT;
	if (clear_user(response, need))
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
			card_unlock(pd, before);
		}
	}
	if (!ret) {
		resp[len++] = sw >> 8;
		resp[len++] = sw & 0xFF;
		arg.response_len = len;
		arg.sw = sw;
		if (copy_to_user(response, resp, len) ||
		    copy_to_user(argp, &arg, sizeof(arg)))
			ret = -EFAULT;
	}
	kfree_sensitive(resp);
out_command:
	kfree_sensitive(command);
	return ret;
}

/* INFO of any size from the first version's up; see ioctl_info(). */
static bool is_info(unsigned int cmd)
{
	return _IOC_TYPE(cmd) == PERSOCARD_IOC_MAGIC &&
	       _IOC_NR(cmd) == _IOC_NR(PERSOCARD_IOC_INFO) &&
	       _IOC_DIR(cmd) == (_IOC_READ | _IOC_WRITE) &&
	       _IOC_SIZE(cmd) >= PERSOCARD_INFO_SIZE_VER0;
}

static long persocard_ioctl(struct file *file, unsigned int cmd,
			    unsigned long arg)
{
	struct persocard_dev *pd = file->private_data;
	void __user *argp = (void __user *)arg;

	if (is_info(cmd))
		return ioctl_info(pd, argp, _IOC_SIZE(cmd));
	switch (cmd) {
	case PERSOCARD_IOC_ENABLE:
	case PERSOCARD_IOC_RESET:
		return ioctl_cmd(pd, file, cmd, argp);
	case PERSOCARD_IOC_VERIFY:
		return ioctl_verify(pd, file, argp);
	case PERSOCARD_IOC_PUT:
		return ioctl_put(pd, file, argp);
	case PERSOCARD_IOC_LOCK:
		return ioctl_lock(pd, file, argp);
	case PERSOCARD_IOC_STATUS:
		return ioctl_status(pd, file, argp);
	case PERSOCARD_IOC_GET_DATA:
		return ioctl_get_data(pd, argp);
	case PERSOCARD_IOC_PROFILE:
		return ioctl_profile(pd, argp);
	case PERSOCARD_IOC_TRANSMIT:
		return ioctl_transmit(pd, file, argp);
	default:
		return -ENOTTY;
	}
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
