// SPDX-License-Identifier: GPL-2.0
/*
 * SAVE and RESTORE: the maker's key from the caller's keyrings, the image
 * between user memory and the card OS's seal (cardos/image.c).
 */
#include <keys/user-type.h>
#include <linux/key.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "../cardos/image.h"
#include "reader.h"

/* The logon key "persocard:image" the caller holds, copied into @key. */
static int image_key(u8 *key, size_t *len)
{
#ifdef CONFIG_KEYS
	const struct user_key_payload *payload;
	struct key *k;
	int ret = 0;

	k = request_key(&key_type_logon, PERSOCARD_IMAGE_KEY_DESC, NULL);
	if (IS_ERR(k))
		return PTR_ERR(k);
	down_read(&k->sem);
	payload = user_key_payload_locked(k);
	if (!payload || payload->datalen > PERSOCARD_IMAGE_KEY_MAX_LEN) {
		ret = -EKEYREJECTED;
	} else {
		memcpy(key, payload->data, payload->datalen);
		*len = payload->datalen;
	}
	up_read(&k->sem);
	key_put(k);
	return ret;
#else
	return -ENOKEY;
#endif
}

/**
 * persocard_image_save() - SAVE: seal the card's NVM into user memory
 * @pd: the card.
 * @buf: user buffer.
 * @buf_len: its size.
 * @len: receives the image's size.
 *
 * Return: 0, or an errno as struct persocard_image documents.
 */
long persocard_image_save(struct persocard_dev *pd, void __user *buf,
			  size_t buf_len, u32 *len)
{
	u8 key[PERSOCARD_IMAGE_KEY_MAX_LEN];
	size_t key_len, size;
	u8 *image;
	long ret;

	size = PERSOCARD_IMAGE_SIZE(pd->card.nvm.size);
	*len = size;
	if (buf_len < size)
		return -ENOSPC;
	ret = image_key(key, &key_len);
	if (ret)
		return ret;
	image = kmalloc(size, GFP_KERNEL);
	if (!image) {
		ret = -ENOMEM;
		goto out_key;
	}
	if (mutex_lock_interruptible(&pd->lock)) {
		ret = -ERESTARTSYS;
		goto out_image;
	}
	ret = persocard_image_seal(&pd->card, key, key_len, image, size);
	mutex_unlock(&pd->lock);
	if (!ret && copy_to_user(buf, image, size))
		ret = -EFAULT;
out_image:
	kfree_sensitive(image);
out_key:
	memzero_explicit(key, sizeof(key));
	return ret;
}

/**
 * persocard_image_restore() - RESTORE: the card becomes the image's
 * @pd: the card.
 * @buf: user pointer to the image.
 * @len: its length.
 *
 * A restored card is powered up and in its reader, whatever it was.
 *
 * Return: 0, or an errno as struct persocard_image documents; the card is
 * untouched then.
 */
long persocard_image_restore(struct persocard_dev *pd,
			     const void __user *buf, size_t len)
{
	u8 key[PERSOCARD_IMAGE_KEY_MAX_LEN];
	bool was_present;
	size_t key_len;
	u8 *image;
	long ret;

	if (len > PERSOCARD_IMAGE_SIZE(PERSOCARD_NVM_MAX_SIZE))
		return -EINVAL;
	image = memdup_user(buf, len);
	if (IS_ERR(image))
		return PTR_ERR(image);
	ret = persocard_image_check(image, len);
	if (ret)
		goto out_image;
	ret = image_key(key, &key_len);
	if (ret)
		goto out_image;
	if (mutex_lock_interruptible(&pd->lock)) {
		ret = -ERESTARTSYS;
		goto out_key;
	}
	was_present = pd->present;
	ret = persocard_image_open(&pd->card, key, key_len, image, len);
	if (!ret) {
		pd->present = true;
		pd->cut = false;
	}
	mutex_unlock(&pd->lock);
	if (!ret) {
		persocard_state_changed(pd, persocard_state(&pd->card),
					true);
		if (!was_present)
			persocard_presence_changed(pd);
	}
out_key:
	memzero_explicit(key, sizeof(key));
out_image:
	kfree_sensitive(image);
	return ret;
}
