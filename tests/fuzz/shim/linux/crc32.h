/* SPDX-License-Identifier: GPL-2.0 */
/* <linux/crc32.h> for the card OS in userspace: see ../kshim.h. */
#include "../kshim.h"
