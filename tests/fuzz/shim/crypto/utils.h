/* SPDX-License-Identifier: GPL-2.0 */
/* <crypto/utils.h> for the card OS in userspace: see ../kshim.h. */
#include "../kshim.h"
