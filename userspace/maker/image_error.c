// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * What each errno of an image operation means: the list of the uapi
 * comment of struct persocard_image, said for people.
 */
#include <errno.h>
#include <string.h>

#include "internal.h"

MAKER_API const char *persocard_maker_image_strerror(int err)
{
	switch (err) {
	case EINVAL:
		return "not a card image (too short or too long, bad magic, header or size wrong)";
	case EPROTONOSUPPORT:
		return "an image of a newer format than the module reads";
	case EKEYREJECTED:
		return "the image key is wrong: the image was sealed under another key, or the loaded key is not 16, 24 or 32 bytes";
	case EBADMSG:
		return "the image was changed after it was sealed (damaged or tampered with)";
	case EMSGSIZE:
		return "the card's NVM size or page size is not the image's";
	case EEXIST:
		return "an image of another card, and this card is not fresh (factory-reset it first)";
	case EBUSY:
		return "a session runs on the card (end it first)";
	case ENOKEY:
		return "no image key is loaded (persocard key load FILE)";
	case ENOSPC:
		return "the buffer is smaller than the card's image";
	case EPERM:
		return "it needs CAP_SYS_ADMIN (root)";
	case ENODEV:
		return "the card is out of its reader or powered off (persocard power-up)";
	case ENOTTY:
		return "the module has no images (an older persocard)";
	default:
		return strerror(err);
	}
}
