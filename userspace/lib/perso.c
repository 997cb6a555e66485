// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The personalization commands: ENABLE, VERIFY, PUT, LOCK and RESET.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "internal.h"

/* A call refused before reaching the card has no status word. */
static int refuse(struct persocard_card *card, int err)
{
	card->last_sw = 0;
	errno = err;
	return -1;
}

PERSOCARD_API int persocard_card_enable(struct persocard_card *card)
{
	struct persocard_cmd arg;

	memset(&arg, 0, sizeof(arg));
	return card_ioctl(card, PERSOCARD_IOC_ENABLE, &arg);
}

PERSOCARD_API int persocard_card_verify(struct persocard_card *card,
					const void *code, size_t len,
					unsigned int *tries_left)
{
	struct persocard_verify arg;
	int ret;

	/*
	 * Too long for any card: refuse here. A short code is sent, for the
	 * card to answer 6700 as a real one would.
	 */
	if (len > PERSOCARD_CODE_MAX_LEN || (!code && len))
		return refuse(card, EINVAL);

	memset(&arg, 0, sizeof(arg));
	arg.code = (uintptr_t)code;
	arg.code_len = len;
	ret = card_ioctl(card, PERSOCARD_IOC_VERIFY, &arg);
	if (tries_left && card->last_sw)
		*tries_left = arg.tries_left;

	return ret;
}

PERSOCARD_API int persocard_card_put(struct persocard_card *card, uint16_t tag,
				     const void *value, size_t len)
{
	struct persocard_put arg;

	if (len > PERSOCARD_VALUE_MAX_LEN || (!value && len))
		return refuse(card, EINVAL);

	memset(&arg, 0, sizeof(arg));
	arg.value = (uintptr_t)value;
	arg.len = len;
	arg.tag = tag;
	return card_ioctl(card, PERSOCARD_IOC_PUT, &arg);
}

PERSOCARD_API int persocard_card_put_by_name(struct persocard_card *card,
					     const char *name,
					     const void *value, size_t len)
{
	const struct persocard_tag *t;

	t = persocard_card_find_tag(card, name);
	if (!t)
		return refuse(card, errno);

	return persocard_card_put(card, t->tag, value, len);
}

PERSOCARD_API int persocard_card_lock(struct persocard_card *card,
				      uint16_t *missing,
				      unsigned int *nr_missing)
{
	struct persocard_lock arg;
	unsigned int nr;
	int ret;

	memset(&arg, 0, sizeof(arg));
	ret = card_ioctl(card, PERSOCARD_IOC_LOCK, &arg);
	if (!card->last_sw)
		return ret;

	/* The card lists at most PERSOCARD_MAX_TAGS, whatever it counts. */
	nr = arg.nr_missing;
	if (missing)
		memcpy(missing, arg.missing,
		       (nr < PERSOCARD_MAX_TAGS ? nr : PERSOCARD_MAX_TAGS) *
		       sizeof(*missing));
	if (nr_missing)
		*nr_missing = nr;

	return ret;
}

PERSOCARD_API int persocard_card_reset(struct persocard_card *card)
{
	struct persocard_cmd arg;

	memset(&arg, 0, sizeof(arg));
	return card_ioctl(card, PERSOCARD_IOC_RESET, &arg);
}
