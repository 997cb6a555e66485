// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The slot table. pcscd 1.9.9 calls IFDHCreateChannelByName once per slot
 * (RFAddReader runs RFInitializeReader for each), every time with the
 * reader's DEVICENAME and with the slot in the Lun's low 16 bits: slot k
 * opens card N + k, where /dev/persocardN is that DEVICENAME. Slot 0 is
 * created first; its INFO gives the number of slots, which pcscd reads
 * before it creates the others.
 *
 * With TAG_IFD_SLOT_THREAD_SAFE pcscd calls different slots at once, and
 * its event threads poll slot 0 while slot 1 is being made: the table
 * itself is under a mutex. A slot's own fields are touched only by calls
 * for that slot, which pcscd serialises.
 */
#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "ifd-persocard.h"

static struct ifd_slot slots[IFD_PERSOCARD_MAX_LUNS];
static pthread_mutex_t slots_lock = PTHREAD_MUTEX_INITIALIZER;

static struct ifd_slot *find_locked(unsigned long lun)
{
	size_t i;

	for (i = 0; i < IFD_PERSOCARD_MAX_LUNS; i++)
		if (slots[i].used && slots[i].lun == lun)
			return &slots[i];
	return NULL;
}

static struct ifd_slot *free_locked(void)
{
	size_t i;

	for (i = 0; i < IFD_PERSOCARD_MAX_LUNS; i++)
		if (!slots[i].used)
			return &slots[i];
	return NULL;
}

/* @device with the card number @index in place of its trailing digits. */
static int card_path(const char *device, unsigned int index, char *path,
		     size_t size)
{
	size_t prefix = strlen(device);
	int n;

	while (prefix && isdigit((unsigned char)device[prefix - 1]))
		prefix--;
	n = snprintf(path, size, "%.*s%u", (int)prefix, device, index);
	return n < 0 || (size_t)n >= size ? -ENAMETOOLONG : 0;
}

/* Slot 0 opens DEVICENAME itself and sizes the reader. */
static int create_first(struct ifd_slot *s, const char *device)
{
	struct persocard_card *card;
	unsigned int nr_cards;
	int ret;

	ret = card_open(device, &card);
	if (ret)
		return ret;
	s->index = persocard_card_index(card);
	ret = card_nr_cards(card, &nr_cards);
	if (!ret && s->index >= nr_cards)
		ret = -ENODEV;
	if (ret) {
		persocard_card_close(card);
		return ret;
	}
	s->nr_slots = nr_cards - s->index;
	if (s->nr_slots > IFD_PERSOCARD_MAX_SLOTS)
		s->nr_slots = IFD_PERSOCARD_MAX_SLOTS;
	s->card = card;
	return 0;
}

/* Slot k opens card N + k, next to DEVICENAME. */
static int create_next(struct ifd_slot *s, const struct ifd_slot *first,
		       const char *device, unsigned int k)
{
	unsigned int want = first->index + k;
	struct persocard_card *card;
	char path[256];
	int ret;

	if (k >= first->nr_slots)
		return -ENODEV;
	ret = card_path(device, want, path, sizeof(path));
	if (ret)
		return ret;
	ret = card_open(path, &card);
	if (ret)
		return ret;
	/* A node named against the module's numbering is not card N + k. */
	if (persocard_card_index(card) != want) {
		persocard_card_close(card);
		return -ENODEV;
	}
	s->index = want;
	s->card = card;
	return 0;
}

/**
 * slot_create() - open the card of slot @lun
 * @lun: pcscd's Lun.
 * @device: the reader's DEVICENAME, /dev/persocardN.
 *
 * Return: 0, -EBUSY if the Lun is open already, -ENOSPC if the table is
 * full, or the errno of opening the card.
 */
int slot_create(unsigned long lun, const char *device)
{
	struct ifd_slot *s, *first;
	int ret;

	pthread_mutex_lock(&slots_lock);
	ret = -EBUSY;
	if (find_locked(lun))
		goto out;
	ret = -ENOSPC;
	s = free_locked();
	if (!s)
		goto out;

	memset(s, 0, sizeof(*s));
	if (LUN_SLOT(lun) == 0) {
		ret = create_first(s, device);
	} else {
		first = find_locked(lun & ~0xFFFFUL);
		ret = first ? create_next(s, first, device, LUN_SLOT(lun)) :
			      -ENODEV;
	}
	if (!ret) {
		s->lun = lun;
		s->used = true;
	}
out:
	pthread_mutex_unlock(&slots_lock);
	return ret;
}

struct ifd_slot *slot_find(unsigned long lun)
{
	struct ifd_slot *s;

	pthread_mutex_lock(&slots_lock);
	s = find_locked(lun);
	pthread_mutex_unlock(&slots_lock);
	return s;
}

/* The number of slots of @lun's reader, as its slot 0 found it. */
unsigned int slot_reader_slots(unsigned long lun)
{
	struct ifd_slot *first;
	unsigned int n;

	pthread_mutex_lock(&slots_lock);
	first = find_locked(lun & ~0xFFFFUL);
	n = first ? first->nr_slots : 0;
	pthread_mutex_unlock(&slots_lock);
	return n;
}

/* Closing the file ends any session it owns, as a power cut would. */
void slot_destroy(unsigned long lun)
{
	struct ifd_slot *s;

	pthread_mutex_lock(&slots_lock);
	s = find_locked(lun);
	if (s) {
		persocard_card_close(s->card);
		memset(s, 0, sizeof(*s));
	}
	pthread_mutex_unlock(&slots_lock);
}
