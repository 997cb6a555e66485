// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * GET STATUS and INFO as snapshots behind getters: the kernel's structs
 * stay inside the library, free to grow.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

PERSOCARD_API struct persocard_card_status *
persocard_card_get_status(struct persocard_card *card)
{
	struct persocard_card_status *status;
	int err;

	if (!card) {
		errno = EINVAL;
		return NULL;
	}
	status = calloc(1, sizeof(*status));
	if (!status) {
		card->last_sw = 0;
		return NULL;
	}
	if (card_ioctl(card, PERSOCARD_IOC_STATUS, &status->st)) {
		err = errno;
		free(status);
		errno = err;
		return NULL;
	}
	return status;
}

PERSOCARD_API void
persocard_card_status_free(struct persocard_card_status *status)
{
	free(status);
}

PERSOCARD_API unsigned int
persocard_card_status_get_state(const struct persocard_card_status *status)
{
	return status->st.state;
}

PERSOCARD_API unsigned int
persocard_card_status_get_profile(const struct persocard_card_status *status)
{
	return status->st.profile;
}

PERSOCARD_API unsigned int
persocard_card_status_get_tries_left(const struct persocard_card_status *status)
{
	return status->st.tries_left;
}

PERSOCARD_API unsigned int
persocard_card_status_get_try_limit(const struct persocard_card_status *status)
{
	return status->st.try_limit;
}

PERSOCARD_API uint64_t
persocard_card_status_get_serial(const struct persocard_card_status *status)
{
	return status->st.serial;
}

PERSOCARD_API bool
persocard_card_status_has_session(const struct persocard_card_status *status)
{
	return status->st.flags & PERSOCARD_STATUS_SESSION;
}

PERSOCARD_API bool
persocard_card_status_is_owner(const struct persocard_card_status *status)
{
	return status->st.flags & PERSOCARD_STATUS_OWNER;
}

PERSOCARD_API struct persocard_card_info *
persocard_card_get_info(struct persocard_card *card)
{
	struct persocard_card_info *info;
	int err;

	if (!card) {
		errno = EINVAL;
		return NULL;
	}
	info = calloc(1, sizeof(*info));
	if (!info) {
		card->last_sw = 0;
		return NULL;
	}
	if (card_ioctl(card, PERSOCARD_IOC_INFO, &info->info)) {
		err = errno;
		goto err_free;
	}
	/* A handle opened while its card was out checks the ABI here. */
	if (info->info.abi_version != PERSOCARD_ABI_VERSION) {
		err = EPROTO;
		goto err_free;
	}
	return info;

err_free:
	free(info);
	errno = err;
	return NULL;
}

PERSOCARD_API void persocard_card_info_free(struct persocard_card_info *info)
{
	free(info);
}

PERSOCARD_API unsigned int
persocard_card_info_get_abi_version(const struct persocard_card_info *info)
{
	return info->info.abi_version;
}

PERSOCARD_API uint32_t
persocard_card_info_get_caps(const struct persocard_card_info *info)
{
	return info->info.caps;
}

PERSOCARD_API unsigned int
persocard_card_info_get_card_index(const struct persocard_card_info *info)
{
	return info->info.card_index;
}

PERSOCARD_API unsigned int
persocard_card_info_get_nr_cards(const struct persocard_card_info *info)
{
	return info->info.nr_cards;
}

PERSOCARD_API unsigned int
persocard_card_info_get_nvm_size(const struct persocard_card_info *info)
{
	return info->info.nvm_size;
}

PERSOCARD_API unsigned int
persocard_card_info_get_max_value_len(const struct persocard_card_info *info)
{
	return info->info.max_value_len;
}

PERSOCARD_API unsigned int
persocard_card_info_get_min_code_len(const struct persocard_card_info *info)
{
	return info->info.min_code_len;
}

PERSOCARD_API unsigned int
persocard_card_info_get_max_code_len(const struct persocard_card_info *info)
{
	return info->info.max_code_len;
}

PERSOCARD_API unsigned int
persocard_card_info_get_max_tags(const struct persocard_card_info *info)
{
	return info->info.max_tags;
}

PERSOCARD_API const uint8_t *
persocard_card_info_get_atr(const struct persocard_card_info *info,
			    size_t *len)
{
	const struct persocard_info *i = &info->info;

	/* A module without TRANSMIT has no ATR. */
	if (!(i->caps & PERSOCARD_CAP_TRANSMIT))
		*len = 0;
	else
		*len = i->atr_len < PERSOCARD_ATR_MAX_LEN ? i->atr_len :
		       PERSOCARD_ATR_MAX_LEN;
	return i->atr;
}
