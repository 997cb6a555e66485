// SPDX-License-Identifier: GPL-2.0
/*
 * The locked card's applications, compiled into the KUnit module as the
 * rest of the card OS is (card_os.c), in a file of their own: their
 * commands' handlers have the names of the card OS's own.
 */
#include "../../module/cardos/app_identity.c"
#include "../../module/cardos/app_payment.c"
#include "../../module/cardos/app_sim.c"
