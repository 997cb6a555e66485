/* SPDX-License-Identifier: GPL-2.0 */
/* <asm/unaligned.h> (kernels before 6.12) for the card OS in userspace. */
#include "../kshim.h"
