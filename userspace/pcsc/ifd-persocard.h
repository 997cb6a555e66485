/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * ifd-persocard: a pcsc-lite reader driver (IFD handler 3.0) whose slots
 * are persocard cards. One reader, one slot per /dev/persocardN, one open
 * file per slot: that file is the card's only PC/SC client as far as the
 * module can tell, so sessions are ended with the RESET ioctl whenever
 * pcscd powers, resets or unpowers the card.
 */
#ifndef _IFD_PERSOCARD_H
#define _IFD_PERSOCARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libpersocard.h>

/*
 * Slots per reader. pcscd has 16 reader contexts for all its readers
 * (PCSCLITE_MAX_READERS_CONTEXTS), and when one slot of a reader finds no
 * free context it drops the whole reader: leave room for others. Cards
 * past the cap are reached through a second reader whose DEVICENAME is
 * the first card it should show.
 */
#define IFD_PERSOCARD_MAX_SLOTS		8
/* Slots of all readers together: pcscd's own limit. */
#define IFD_PERSOCARD_MAX_LUNS		16

/* Lun = 0xRRRRSSSS: reader RRRR, slot SSSS. */
#define LUN_READER(lun)			(((lun) >> 16) & 0xFFFF)
#define LUN_SLOT(lun)			((lun) & 0xFFFF)

/**
 * struct ifd_slot - one slot: one card, one open file
 * @used: the entry is taken.
 * @lun: pcscd's Lun for it.
 * @card: /dev/persocardN, opened by libpersocard.
 * @index: N.
 * @nr_slots: slot 0 only: the reader's number of slots.
 * @powered: pcscd powered the card up and has not cut it since.
 * @atr: the ATR of the last power-up or reset, for TAG_IFD_ATR.
 * @atr_len: its length; 0 while unpowered.
 */
struct ifd_slot {
	bool used;
	unsigned long lun;
	struct persocard_card *card;
	unsigned int index;
	unsigned int nr_slots;
	bool powered;
	uint8_t atr[PERSOCARD_ATR_MAX_LEN];
	size_t atr_len;
};

/* slots.c */
int slot_create(unsigned long lun, const char *device);
struct ifd_slot *slot_find(unsigned long lun);
unsigned int slot_reader_slots(unsigned long lun);
void slot_destroy(unsigned long lun);

/* card.c: each returns 0 or a negative errno. */
int card_open(const char *path, struct persocard_card **card);
int card_nr_cards(struct persocard_card *card, unsigned int *nr_cards);
int card_atr(struct persocard_card *card, uint8_t *atr, size_t *atr_len);
int card_reset(struct persocard_card *card);
int card_present(struct persocard_card *card);
int card_transmit(struct persocard_card *card, const uint8_t *cmd,
		  size_t cmd_len, uint8_t *resp, size_t resp_size,
		  size_t *resp_len);

#endif /* _IFD_PERSOCARD_H */
