// SPDX-License-Identifier: GPL-2.0
/*
 * The identity application, compiled into the KUnit module apart from
 * card_os.c: the applications' static names would clash in one unit.
 */
#include "../../module/cardos/app_identity.c"
