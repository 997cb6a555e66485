// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The IFD handler 3.0 entry points pcscd calls, over the slot table
 * (slots.c) and the card's commands (card.c, through libpersocard).
 *
 * pcscd holds one open file per card for all its clients, so the module
 * sees them as one owner. What keeps one client's session from passing to
 * the next is the RESET ioctl: sent at every power-up, reset and
 * power-down, which is what pcscd asks for when a client disconnects with
 * SCARD_RESET_CARD or SCARD_UNPOWER_CARD, dies, or leaves the card idle.
 *
 * APDUs carry perso codes and keys: nothing here logs their contents, and
 * pcscd's log sees only errors.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <debuglog.h>
#include <ifdhandler.h>
#include <reader.h>

#include "ifd-persocard.h"

#define IFD_EXPORT __attribute__((visibility("default")))

static RESPONSECODE errno_to_ifd(int err)
{
	switch (err) {
	case -ENOENT:
	case -ENODEV:
	case -ENXIO:
		return IFD_NO_SUCH_DEVICE;
	default:
		return IFD_COMMUNICATION_ERROR;
	}
}

IFD_EXPORT RESPONSECODE IFDHCreateChannelByName(DWORD Lun, LPSTR DeviceName)
{
	int ret = slot_create(Lun, DeviceName);

	if (ret == -EBUSY)
		Log3(PCSC_LOG_ERROR, "Lun 0x%lX: already open (%s)", Lun,
		     DeviceName);
	else if (ret)
		Log4(PCSC_LOG_ERROR, "%s, slot %lu: %s", DeviceName,
		     LUN_SLOT(Lun), strerror(-ret));
	return ret ? errno_to_ifd(ret) : IFD_SUCCESS;
}

/* The legacy CHANNELID: card number Channel. */
IFD_EXPORT RESPONSECODE IFDHCreateChannel(DWORD Lun, DWORD Channel)
{
	char device[32];

	snprintf(device, sizeof(device), "/dev/persocard%lu", Channel);
	return IFDHCreateChannelByName(Lun, device);
}

IFD_EXPORT RESPONSECODE IFDHCloseChannel(DWORD Lun)
{
	if (!slot_find(Lun))
		return IFD_NO_SUCH_DEVICE;
	slot_destroy(Lun);
	return IFD_SUCCESS;
}

static RESPONSECODE put_byte(PDWORD Length, PUCHAR Value, UCHAR byte)
{
	if (*Length < 1)
		return IFD_ERROR_INSUFFICIENT_BUFFER;
	Value[0] = byte;
	*Length = 1;
	return IFD_SUCCESS;
}

IFD_EXPORT RESPONSECODE IFDHGetCapabilities(DWORD Lun, DWORD Tag,
					    PDWORD Length, PUCHAR Value)
{
	struct ifd_slot *s = slot_find(Lun);
	static const char vendor[] = "persocard";

	if (!s)
		return IFD_NO_SUCH_DEVICE;
	switch (Tag) {
	case TAG_IFD_ATR:
	case SCARD_ATTR_ATR_STRING:
		if (*Length < s->atr_len)
			return IFD_ERROR_INSUFFICIENT_BUFFER;
		memcpy(Value, s->atr, s->atr_len);
		*Length = s->atr_len;
		return IFD_SUCCESS;
	case SCARD_ATTR_VENDOR_NAME:
		if (*Length < sizeof(vendor))
			return IFD_ERROR_INSUFFICIENT_BUFFER;
		memcpy(Value, vendor, sizeof(vendor));
		*Length = sizeof(vendor);
		return IFD_SUCCESS;
	case TAG_IFD_SLOTS_NUMBER:
		return put_byte(Length, Value, slot_reader_slots(Lun));
	case TAG_IFD_SIMULTANEOUS_ACCESS:
		/* Readers this driver can serve: the table is shared. */
		return put_byte(Length, Value, IFD_PERSOCARD_MAX_LUNS);
	case TAG_IFD_SLOT_THREAD_SAFE:
	case TAG_IFD_THREAD_SAFE:
		/* One file per slot, one mutex per card in the module. */
		return put_byte(Length, Value, 1);
	default:
		return IFD_ERROR_TAG;
	}
}

IFD_EXPORT RESPONSECODE IFDHSetCapabilities(DWORD Lun, DWORD Tag,
					    DWORD Length, PUCHAR Value)
{
	(void)Tag;
	(void)Length;
	(void)Value;
	return slot_find(Lun) ? IFD_ERROR_TAG : IFD_NO_SUCH_DEVICE;
}

/* The ATR offers T=1 alone; there is no line to set PTS1-3 on. */
IFD_EXPORT RESPONSECODE IFDHSetProtocolParameters(DWORD Lun, DWORD Protocol,
						  UCHAR Flags, UCHAR PTS1,
						  UCHAR PTS2, UCHAR PTS3)
{
	(void)Flags;
	(void)PTS1;
	(void)PTS2;
	(void)PTS3;
	if (!slot_find(Lun))
		return IFD_NO_SUCH_DEVICE;
	return Protocol == SCARD_PROTOCOL_T1 ? IFD_SUCCESS :
					      IFD_PROTOCOL_NOT_SUPPORTED;
}

static void power_off(struct ifd_slot *s)
{
	s->powered = false;
	s->atr_len = 0;
}

/*
 * Power-up and warm reset both reset the card (the session this file
 * owns ends) and then read its ATR, which tells the life-cycle state
 * after the reset.
 */
static RESPONSECODE power_up(struct ifd_slot *s, PUCHAR Atr, PDWORD AtrLength)
{
	uint8_t atr[PERSOCARD_ATR_MAX_LEN];
	size_t atr_len = 0;
	int ret;

	power_off(s);
	ret = card_reset(s->card);
	if (!ret)
		ret = card_atr(s->card, atr, &atr_len);
	if (ret) {
		if (ret != -ENODEV)
			Log3(PCSC_LOG_ERROR, "Lun 0x%lX: power-up: %s", s->lun,
			     strerror(-ret));
		return IFD_ERROR_POWER_ACTION;
	}
	if (*AtrLength < atr_len)
		return IFD_ERROR_INSUFFICIENT_BUFFER;
	memcpy(s->atr, atr, atr_len);
	s->atr_len = atr_len;
	s->powered = true;
	memcpy(Atr, s->atr, s->atr_len);
	*AtrLength = s->atr_len;
	return IFD_SUCCESS;
}

IFD_EXPORT RESPONSECODE IFDHPowerICC(DWORD Lun, DWORD Action, PUCHAR Atr,
				     PDWORD AtrLength)
{
	struct ifd_slot *s = slot_find(Lun);
	DWORD size = AtrLength ? *AtrLength : 0;
	int ret;

	if (AtrLength)
		*AtrLength = 0;
	if (!s)
		return IFD_NO_SUCH_DEVICE;
	switch (Action) {
	case IFD_POWER_UP:
	case IFD_RESET:
		if (!Atr || !AtrLength)
			return IFD_ERROR_POWER_ACTION;
		*AtrLength = size;
		ret = power_up(s, Atr, AtrLength);
		if (ret != IFD_SUCCESS)
			*AtrLength = 0;
		return ret;
	case IFD_POWER_DOWN:
		power_off(s);
		/* A card out of its reader lost power already. */
		ret = card_reset(s->card);
		if (ret && ret != -ENODEV) {
			Log3(PCSC_LOG_ERROR, "Lun 0x%lX: power-down: %s",
			     Lun, strerror(-ret));
			return IFD_ERROR_POWER_ACTION;
		}
		return IFD_SUCCESS;
	default:
		return IFD_NOT_SUPPORTED;
	}
}

IFD_EXPORT RESPONSECODE IFDHTransmitToICC(DWORD Lun, SCARD_IO_HEADER SendPci,
					  PUCHAR TxBuffer, DWORD TxLength,
					  PUCHAR RxBuffer, PDWORD RxLength,
					  PSCARD_IO_HEADER RecvPci)
{
	struct ifd_slot *s = slot_find(Lun);
	DWORD size = *RxLength;
	size_t len;
	int ret;

	(void)SendPci;
	*RxLength = 0;
	if (!s)
		return IFD_NO_SUCH_DEVICE;
	if (!s->powered)
		return IFD_COMMUNICATION_ERROR;
	ret = card_transmit(s->card, TxBuffer, TxLength, RxBuffer, size, &len);
	if (ret == -ENODEV) {
		power_off(s);
		return IFD_ICC_NOT_PRESENT;
	}
	if (ret == -EINVAL && size < PERSOCARD_RESPONSE_MAX_LEN)
		return IFD_ERROR_INSUFFICIENT_BUFFER;
	if (ret) {
		Log3(PCSC_LOG_ERROR, "Lun 0x%lX: transmit: %s", Lun,
		     strerror(-ret));
		return IFD_COMMUNICATION_ERROR;
	}
	*RxLength = len;
	if (RecvPci)
		RecvPci->Protocol = 1;	/* T=1 */
	return IFD_SUCCESS;
}

IFD_EXPORT RESPONSECODE IFDHControl(DWORD Lun, DWORD dwControlCode,
				    PUCHAR TxBuffer, DWORD TxLength,
				    PUCHAR RxBuffer, DWORD RxLength,
				    LPDWORD pdwBytesReturned)
{
	(void)dwControlCode;
	(void)TxBuffer;
	(void)TxLength;
	(void)RxBuffer;
	(void)RxLength;
	if (pdwBytesReturned)
		*pdwBytesReturned = 0;
	/* No escape commands, no PIN pad, no features to list. */
	return slot_find(Lun) ? IFD_ERROR_NOT_SUPPORTED : IFD_NO_SUCH_DEVICE;
}

IFD_EXPORT RESPONSECODE IFDHICCPresence(DWORD Lun)
{
	struct ifd_slot *s = slot_find(Lun);
	int ret;

	if (!s)
		return IFD_NO_SUCH_DEVICE;
	ret = card_present(s->card);
	if (ret < 0) {
		Log3(PCSC_LOG_ERROR, "Lun 0x%lX: status: %s", Lun,
		     strerror(-ret));
		return IFD_COMMUNICATION_ERROR;
	}
	/* Taken out means powered off: the next insertion powers up anew. */
	if (!ret)
		power_off(s);
	return ret ? IFD_ICC_PRESENT : IFD_ICC_NOT_PRESENT;
}
