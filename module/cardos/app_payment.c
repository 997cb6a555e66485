// SPDX-License-Identifier: GPL-2.0
/* The payment card's application: to come. */
#include <linux/kernel.h>

#include "apdu.h"
#include "card_internal.h"

const struct persocard_app persocard_app_payment = {
	.profile = PERSOCARD_PROFILE_PAYMENT,
	.name = "payment",
};
