/* SPDX-License-Identifier: GPL-2.0 */
/*
 * <linux/types.h> for the card OS in userspace: the uapi types from the
 * system's header, the kernel's own from ../kshim.h.
 */
#include_next <linux/types.h>
#include "../kshim.h"
