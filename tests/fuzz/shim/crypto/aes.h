/* SPDX-License-Identifier: GPL-2.0 */
/* <crypto/aes.h> for the card OS in userspace: see ../kshim.h. */
#include "../kshim.h"
