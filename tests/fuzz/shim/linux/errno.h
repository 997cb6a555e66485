/* SPDX-License-Identifier: GPL-2.0 */
/*
 * <linux/errno.h> for the card OS in userspace. glibc's <errno.h> includes
 * this name too, so it only adds the kernel's own numbers to the system's.
 */
#include_next <linux/errno.h>
#ifndef ERESTARTSYS
#define ERESTARTSYS	512
#endif
#ifndef ENOTSUPP
#define ENOTSUPP	524
#endif
