// SPDX-License-Identifier: GPL-2.0
/*
 * The card OS, compiled into the KUnit module: its objects cannot be added
 * to two modules, and the card OS exports nothing.
 */
#include "../../module/apdu.c"
#include "../../module/card.c"
#include "../../module/card_apdu.c"
#include "../../module/layout.c"
#include "../../module/nvm.c"
#include "../../module/profile.c"
