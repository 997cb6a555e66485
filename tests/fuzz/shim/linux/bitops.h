/* SPDX-License-Identifier: GPL-2.0 */
/* <linux/bitops.h> for the card OS in userspace: see ../kshim.h. */
#include "../kshim.h"
