// SPDX-License-Identifier: GPL-2.0
/*
 * Saved cards. An image is a clear header (struct persocard_image_header:
 * format version, geometry, serial, key check value, nonce), then the
 * card's NVM as the chip holds it, sealed with AES-GCM under the maker's
 * key, the header as additional data so none of it can be changed. The
 * NVM holds the layout secret, the perso code and the data: they leave the
 * kernel only inside the seal.
 *
 * What the seal does not do: tell an old image of a card from its latest
 * (restoring an older image rolls the card back, try counter included);
 * keep a secret from whoever holds the key.
 */
#include <crypto/aead.h>
#include <crypto/sha2.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/random.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "card.h"
#include "image.h"

#define HDR_LEN		sizeof(struct persocard_image_header)

static const char kcv_label[] = "persocard image key";

/* What tells a wrong key from a damaged image, without revealing the key. */
static void key_check(const u8 *key, size_t key_len,
		      u8 out[PERSOCARD_IMAGE_KCV_LEN])
{
	u8 digest[SHA256_DIGEST_SIZE];
	struct sha256_state state;

	sha256_init(&state);
	sha256_update(&state, kcv_label, sizeof(kcv_label) - 1);
	sha256_update(&state, key, key_len);
	sha256_final(&state, digest);
	memcpy(out, digest, PERSOCARD_IMAGE_KCV_LEN);
	memzero_explicit(digest, sizeof(digest));
	memzero_explicit(&state, sizeof(state));
}

static bool key_len_valid(size_t len)
{
	return len == 16 || len == 24 || len == 32;
}

/* AES-GCM over @buf in place: @ad bytes of header, then @len of data. */
static int aes_gcm(const u8 *key, size_t key_len, const u8 *nonce, u8 *buf,
		   size_t ad, size_t len, bool encrypt)
{
	u8 iv[PERSOCARD_IMAGE_NONCE_LEN];
	struct crypto_aead *tfm;
	struct aead_request *req;
	struct scatterlist sg;
	DECLARE_CRYPTO_WAIT(wait);
	size_t total = ad + len + (encrypt ? PERSOCARD_IMAGE_TAG_LEN : 0);
	int ret;

	tfm = crypto_alloc_aead("gcm(aes)", 0, 0);
	if (IS_ERR(tfm))
		return PTR_ERR(tfm);
	ret = crypto_aead_setkey(tfm, key, key_len);
	if (!ret)
		ret = crypto_aead_setauthsize(tfm, PERSOCARD_IMAGE_TAG_LEN);
	if (ret)
		goto out_tfm;
	req = aead_request_alloc(tfm, GFP_KERNEL);
	if (!req) {
		ret = -ENOMEM;
		goto out_tfm;
	}
	memcpy(iv, nonce, sizeof(iv));
	sg_init_one(&sg, buf, total);
	aead_request_set_callback(req, CRYPTO_TFM_REQ_MAY_SLEEP |
				  CRYPTO_TFM_REQ_MAY_BACKLOG,
				  crypto_req_done, &wait);
	aead_request_set_ad(req, ad);
	aead_request_set_crypt(req, &sg, &sg, len, iv);
	ret = crypto_wait_req(encrypt ? crypto_aead_encrypt(req) :
				      crypto_aead_decrypt(req), &wait);
	aead_request_free(req);
out_tfm:
	crypto_free_aead(tfm);
	return ret;
}

/**
 * persocard_image_size() - bytes of the card's image
 * @card: the card.
 *
 * Return: PERSOCARD_IMAGE_SIZE() of its NVM.
 */
size_t persocard_image_size(const struct persocard_card *card)
{
	return PERSOCARD_IMAGE_SIZE(card->nvm.size);
}

/**
 * persocard_image_seal() - seal the card's NVM into an image
 * @card: the card; its NVM as the chip holds it, a torn write included.
 * @key: the maker's key.
 * @key_len: 16, 24 or 32.
 * @image: receives the image; must be linear kernel memory.
 * @size: persocard_image_size() of @card.
 *
 * Return: 0, -EKEYREJECTED for a bad key length, -EINVAL for a wrong
 * @size, or an error of the crypto API.
 */
int persocard_image_seal(const struct persocard_card *card,
			 const u8 *key, size_t key_len, u8 *image, size_t size)
{
	struct persocard_image_header *hdr = (void *)image;

	if (!key_len_valid(key_len))
		return -EKEYREJECTED;
	if (size != persocard_image_size(card))
		return -EINVAL;
	memset(hdr, 0, HDR_LEN);
	memcpy(hdr->magic, PERSOCARD_IMAGE_MAGIC, sizeof(hdr->magic));
	hdr->version = cpu_to_le16(PERSOCARD_IMAGE_VERSION);
	hdr->header_len = cpu_to_le16(HDR_LEN);
	hdr->nvm_size = cpu_to_le32(card->nvm.size);
	hdr->page_size = cpu_to_le32(card->nvm.page_size);
	hdr->serial = cpu_to_le64(card->rec.serial);
	key_check(key, key_len, hdr->key_check);
	get_random_bytes(hdr->nonce, sizeof(hdr->nonce));
	memcpy(image + HDR_LEN, card->nvm.mem, card->nvm.size);
	return aes_gcm(key, key_len, hdr->nonce, image, HDR_LEN,
		       card->nvm.size, true);
}

/**
 * persocard_image_check() - is this an image this module can open?
 * @image: the image.
 * @len: its length.
 *
 * Looks at the clear header only; the seal is checked when opening.
 *
 * Return: 0; -EINVAL for what is not an image; -EPROTONOSUPPORT for a
 * newer format.
 */
int persocard_image_check(const u8 *image, size_t len)
{
	const struct persocard_image_header *hdr = (const void *)image;
	u32 nvm_size;

	if (len < HDR_LEN ||
	    memcmp(hdr->magic, PERSOCARD_IMAGE_MAGIC, sizeof(hdr->magic)))
		return -EINVAL;
	if (le16_to_cpu(hdr->version) > PERSOCARD_IMAGE_VERSION)
		return -EPROTONOSUPPORT;
	nvm_size = le32_to_cpu(hdr->nvm_size);
	if (le16_to_cpu(hdr->version) != PERSOCARD_IMAGE_VERSION ||
	    le16_to_cpu(hdr->header_len) != HDR_LEN || hdr->reserved ||
	    memchr_inv(hdr->reserved1, 0, sizeof(hdr->reserved1)) ||
	    !persocard_nvm_geometry_valid(nvm_size,
					  le32_to_cpu(hdr->page_size)) ||
	    len != PERSOCARD_IMAGE_SIZE(nvm_size))
		return -EINVAL;
	return 0;
}

/**
 * persocard_image_open() - restore the card from an image
 * @card: the card.
 * @key: the maker's key.
 * @key_len: its length.
 * @image: the image, linear kernel memory; decrypted in place (the caller
 *	wipes it).
 * @len: its length.
 *
 * Everything is checked before anything changes: on an error the card is
 * as it was. On success the card is powered up on the image's NVM.
 *
 * Return: 0, or as struct persocard_image documents: -EINVAL,
 * -EPROTONOSUPPORT, -EKEYREJECTED, -EBADMSG, -EMSGSIZE, -EEXIST, -EBUSY.
 */
int persocard_image_open(struct persocard_card *card, const u8 *key,
			 size_t key_len, u8 *image, size_t len)
{
	const struct persocard_image_header *hdr = (const void *)image;
	u8 kcv[PERSOCARD_IMAGE_KCV_LEN];
	int ret;

	ret = persocard_image_check(image, len);
	if (ret)
		return ret;
	if (!key_len_valid(key_len))
		return -EKEYREJECTED;
	key_check(key, key_len, kcv);
	if (memcmp(kcv, hdr->key_check, sizeof(kcv)))
		return -EKEYREJECTED;
	if (le32_to_cpu(hdr->nvm_size) != card->nvm.size ||
	    le32_to_cpu(hdr->page_size) != card->nvm.page_size)
		return -EMSGSIZE;
	if (le64_to_cpu(hdr->serial) != card->rec.serial &&
	    !persocard_card_fresh(card))
		return -EEXIST;
	if (card->owner)
		return -EBUSY;
	ret = aes_gcm(key, key_len, hdr->nonce, image, HDR_LEN,
		      card->nvm.size + PERSOCARD_IMAGE_TAG_LEN, false);
	if (ret)
		return ret == -EBADMSG ? -EBADMSG : ret;
	ret = persocard_card_adopt(card, image + HDR_LEN, card->nvm.size,
				   le64_to_cpu(hdr->serial));
	return ret == -EIO ? -EINVAL : ret;
}
