// SPDX-License-Identifier: GPL-2.0
/*
 * abi_check - pin the layout of every struct in <linux/persocard.h>.
 *
 * The expected sizes and offsets are worked out by hand from the header,
 * not taken from a compiler, and must be the same for -m32 and -m64: a
 * 32-bit process talks to a 64-bit kernel through compat_ptr_ioctl, which
 * passes the argument through untouched. If this file stops compiling, the
 * ABI changed: bump PERSOCARD_ABI_VERSION or undo the change.
 *
 * Build (both must succeed):
 *   gcc -std=c99 -Wall -Wextra -Werror -pedantic -m64 -I uapi abi_check.c
 *   gcc -std=c99 -Wall -Wextra -Werror -pedantic -m32 -I uapi abi_check.c
 *
 * _Static_assert is C11; __extension__ keeps -std=c99 -pedantic quiet.
 */
#include <stddef.h>
#include <linux/persocard.h>

#define ABI_ASSERT(expr)	__extension__ _Static_assert(expr, #expr)
#define SIZE(type, n)		ABI_ASSERT(sizeof(struct type) == (n))
#define OFF(type, field, n)	ABI_ASSERT(offsetof(struct type, field) == (n))

/* ENABLE PERSO, RESET: 2 + 2 + 3 * 4 */
SIZE(persocard_cmd, 16);
OFF(persocard_cmd, sw, 0);
OFF(persocard_cmd, reserved0, 2);
OFF(persocard_cmd, reserved, 4);

/* VERIFY PERSO CODE: 8 + 4 + 2 + 1 + 1 + 2 * 4 */
SIZE(persocard_verify, 24);
OFF(persocard_verify, code, 0);
OFF(persocard_verify, code_len, 8);
OFF(persocard_verify, sw, 12);
OFF(persocard_verify, tries_left, 14);
OFF(persocard_verify, reserved0, 15);
OFF(persocard_verify, reserved, 16);

/* PUT PERSO DATA: 8 + 4 + 2 + 2 + 4 + 4 */
SIZE(persocard_put, 24);
OFF(persocard_put, value, 0);
OFF(persocard_put, len, 8);
OFF(persocard_put, tag, 12);
OFF(persocard_put, sw, 14);
OFF(persocard_put, flags, 16);
OFF(persocard_put, reserved, 20);

/* LOCK PERSO: 2 + 2 + 4 + 32 * 2 */
SIZE(persocard_lock, 72);
OFF(persocard_lock, sw, 0);
OFF(persocard_lock, nr_missing, 2);
OFF(persocard_lock, reserved0, 4);
OFF(persocard_lock, missing, 8);

/* GET STATUS: 3 * 4 + 2 + 1 + 1 + 8 + 4 * 4 */
SIZE(persocard_status, 40);
OFF(persocard_status, state, 0);
OFF(persocard_status, profile, 4);
OFF(persocard_status, flags, 8);
OFF(persocard_status, sw, 12);
OFF(persocard_status, tries_left, 14);
OFF(persocard_status, try_limit, 15);
OFF(persocard_status, serial, 16);
OFF(persocard_status, reserved, 24);

/* GET DATA: 8 + 4 + 4 + 2 + 2 + 3 * 4 */
SIZE(persocard_get_data, 32);
OFF(persocard_get_data, buf, 0);
OFF(persocard_get_data, buf_len, 8);
OFF(persocard_get_data, len, 12);
OFF(persocard_get_data, tag, 16);
OFF(persocard_get_data, sw, 18);
OFF(persocard_get_data, reserved, 20);

/* INFO: 5 * 4 + 2 + 1 + 1 + 2 + 2 + 5 * 4, then 33 + 1 + 6 of the ATR */
SIZE(persocard_info, 88);
OFF(persocard_info, abi_version, 0);
OFF(persocard_info, caps, 4);
OFF(persocard_info, card_index, 8);
OFF(persocard_info, nr_cards, 12);
OFF(persocard_info, nvm_size, 16);
OFF(persocard_info, max_value_len, 20);
OFF(persocard_info, min_code_len, 22);
OFF(persocard_info, max_code_len, 23);
OFF(persocard_info, max_tags, 24);
OFF(persocard_info, sw, 26);
OFF(persocard_info, reserved, 28);
OFF(persocard_info, atr, PERSOCARD_INFO_SIZE_VER0);
OFF(persocard_info, atr_len, 81);
OFF(persocard_info, reserved1, 82);

/* TRANSMIT: 2 * 8 + 3 * 4 + 2 + 2 + 2 * 4 */
SIZE(persocard_transmit, 40);
OFF(persocard_transmit, command, 0);
OFF(persocard_transmit, response, 8);
OFF(persocard_transmit, command_len, 16);
OFF(persocard_transmit, response_size, 20);
OFF(persocard_transmit, response_len, 24);
OFF(persocard_transmit, sw, 28);
OFF(persocard_transmit, reserved0, 30);
OFF(persocard_transmit, reserved, 32);

/* GET STATUS response data: bytes on the wire. */
SIZE(persocard_apdu_status, 13);
OFF(persocard_apdu_status, serial, 5);

/* PROFILE: 3 * 4 + 6 * 2 + 32 + 2 * 4 */
SIZE(persocard_tag_desc, 64);
OFF(persocard_tag_desc, index, 0);
OFF(persocard_tag_desc, profile, 4);
OFF(persocard_tag_desc, nr_tags, 8);
OFF(persocard_tag_desc, tag, 12);
OFF(persocard_tag_desc, min_len, 14);
OFF(persocard_tag_desc, max_len, 16);
OFF(persocard_tag_desc, flags, 18);
OFF(persocard_tag_desc, sw, 20);
OFF(persocard_tag_desc, reserved0, 22);
OFF(persocard_tag_desc, name, 24);
OFF(persocard_tag_desc, reserved, 56);

/* Array lengths the header promises. */
ABI_ASSERT(sizeof(((struct persocard_lock *)0)->missing) ==
	   PERSOCARD_MAX_TAGS * 2);
ABI_ASSERT(sizeof(((struct persocard_tag_desc *)0)->name) ==
	   PERSOCARD_NAME_LEN);

/* The ioctl numbers encode the sizes above: same numbers on both ABIs. */
ABI_ASSERT(PERSOCARD_IOC_ENABLE == 0xc010c500u);
ABI_ASSERT(PERSOCARD_IOC_VERIFY == 0xc018c501u);
ABI_ASSERT(PERSOCARD_IOC_PUT == 0xc018c502u);
ABI_ASSERT(PERSOCARD_IOC_LOCK == 0xc048c503u);
ABI_ASSERT(PERSOCARD_IOC_RESET == 0xc010c504u);
ABI_ASSERT(PERSOCARD_IOC_STATUS == 0xc028c505u);
ABI_ASSERT(PERSOCARD_IOC_GET_DATA == 0xc020c506u);
ABI_ASSERT(PERSOCARD_IOC_INFO == 0xc058c507u);
ABI_ASSERT(PERSOCARD_IOC_PROFILE == 0xc040c508u);
ABI_ASSERT(PERSOCARD_IOC_TRANSMIT == 0xc028c509u);
/* Programs built before the ATR send INFO with the first size. */
ABI_ASSERT(_IOWR(PERSOCARD_IOC_MAGIC, 0x07, char[PERSOCARD_INFO_SIZE_VER0]) ==
	   0xc030c507u);

int main(void)
{
	return 0;
}
