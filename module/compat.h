/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What differs between the kernels persocard builds against: 6.12 (tested)
 * and 6.1 (compile-tested).
 */
#ifndef _PERSOCARD_COMPAT_H
#define _PERSOCARD_COMPAT_H

/* Kbuild defines this where <linux/unaligned.h> exists (6.12 on). */
#ifdef PERSOCARD_HAVE_LINUX_UNALIGNED
#include <linux/unaligned.h>
#else
#include <asm/unaligned.h>
#endif

/* Before 6.4, class_create() was a macro that took the owner as well. */
#ifdef class_create
#define persocard_class_create(name)	class_create(THIS_MODULE, name)
#else
#define persocard_class_create(name)	class_create(name)
#endif

#endif /* _PERSOCARD_COMPAT_H */
