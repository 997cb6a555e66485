// SPDX-License-Identifier: GPL-2.0
/*
 * The card OS, compiled into the KUnit module: its objects cannot be added
 * to two modules, and the card OS exports nothing.
 */
#include "../../module/cardos/apdu.c"
#include "../../module/cardos/app.c"
#include "../../module/cardos/card.c"
#include "../../module/cardos/card_apdu.c"
#include "../../module/cardos/card_gp.c"
#include "../../module/cardos/image.c"
#include "../../module/cardos/layout.c"
#include "../../module/cardos/milenage.c"
#include "../../module/cardos/nvm.c"
#include "../../module/cardos/profile.c"
#include "../../module/cardos/record.c"
#include "../../module/cardos/scp03.c"
#include "../../module/cardos/state.c"
