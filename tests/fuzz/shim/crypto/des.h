/* SPDX-License-Identifier: GPL-2.0 */
/* <crypto/des.h> for the card OS in userspace: see ../kshim.h. */
#include "../kshim.h"
