/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * persocard - simulated smart cards in their personalization phase
 *
 * Each card is a character device, /dev/persocardN. Host programs drive it
 * with the ioctls below, as a personalization bureau drives a real card.
 *
 * Contract (as SG_IO): an ioctl returns 0 when the card processed the
 * command, and the card's verdict is the @sw field of the argument. A
 * negative return (errno) means the command never reached the card:
 * EFAULT, EINVAL (a reserved field or unknown flag set), ENOTTY (unknown
 * ioctl), ENOMEM, ERESTARTSYS, ENODEV (the card is removed from its
 * reader: sysfs "present"). Two exceptions: if the reply cannot be
 * copied out after the card acted, the ioctl fails with EFAULT; if the
 * card lost power during the command (the power-cut knob of debugfs), it
 * fails with ENODEV, and what the card had done is what recovery at the
 * next power-up keeps: all of the command's NVM update, or none of it.
 *
 * SAVE and RESTORE belong to the maker (CAP_SYS_ADMIN) and answer with an
 * errno only; see struct persocard_image.
 *
 * The same commands travel as ISO/IEC 7816-4 APDUs through TRANSMIT; see
 * the PERSOCARD_INS_* values below and Documentation/persocard/apdu.rst.
 */
#ifndef _UAPI_LINUX_PERSOCARD_H
#define _UAPI_LINUX_PERSOCARD_H

#include <linux/ioctl.h>
#include <linux/types.h>

/* Bumped when an ioctl's meaning changes; new ioctls set a capability bit. */
#define PERSOCARD_ABI_VERSION		1

#define PERSOCARD_CODE_MIN_LEN		4
#define PERSOCARD_CODE_MAX_LEN		32
#define PERSOCARD_VALUE_MAX_LEN		1024
#define PERSOCARD_TRY_LIMIT_MAX		15
#define PERSOCARD_MAX_TAGS		32
#define PERSOCARD_NAME_LEN		32
#define PERSOCARD_ATR_MAX_LEN		33	/* ISO/IEC 7816-3 */
/* The longest command APDU TRANSMIT takes: a case 4E carrying a value. */
#define PERSOCARD_APDU_MAX_LEN		(4 + 3 + PERSOCARD_VALUE_MAX_LEN + 2)
/* The longest response APDU: a value and SW1 SW2. */
#define PERSOCARD_RESPONSE_MAX_LEN	(PERSOCARD_VALUE_MAX_LEN + 2)

/* Status words, ISO/IEC 7816-4. */
#define PERSOCARD_SW_OK			0x9000
#define PERSOCARD_SW_VERIFY_FAILED	0x63C0	/* low nibble: tries left */
#define PERSOCARD_SW_MEMORY_FAILURE	0x6581
#define PERSOCARD_SW_WRONG_LENGTH	0x6700
#define PERSOCARD_SW_SECURITY_STATUS	0x6982
#define PERSOCARD_SW_AUTH_BLOCKED	0x6983
#define PERSOCARD_SW_CONDITIONS		0x6985
#define PERSOCARD_SW_WRONG_DATA		0x6A80
#define PERSOCARD_SW_NO_MEMORY		0x6A84
#define PERSOCARD_SW_NOT_FOUND		0x6A88
/* ... and those only an APDU can earn: it was malformed, nothing ran. */
#define PERSOCARD_SW_LAST_EXPECTED	0x6883	/* a chain was cut */
#define PERSOCARD_SW_NO_CHAINING	0x6884	/* chaining on another INS */
#define PERSOCARD_SW_WRONG_P1P2		0x6A86
#define PERSOCARD_SW_WRONG_LE		0x6C00	/* low byte: the right Le */
#define PERSOCARD_SW_INS_UNKNOWN	0x6D00
#define PERSOCARD_SW_CLA_UNKNOWN	0x6E00
#define PERSOCARD_SW_AID_NOT_FOUND	0x6A82	/* SELECT of an unknown AID */

/*
 * Command APDUs: CLA INS P1 P2 [Lc data] [Le], short or extended length.
 *
 *   ENABLE PERSO       80 E6 20 00           (as GP INSTALL [for perso])
 *   VERIFY PERSO CODE  80 20 00 00 Lc code
 *   PUT PERSO DATA     80 DA TT TT Lc value  (P1 P2: the tag; 90 DA ...
 *                                            chains a longer value)
 *   LOCK PERSO         80 F0 80 0F [Le]      (as GP SET STATUS; 6A80
 *                                            returns the missing tags)
 *   GET DATA           80 CA TT TT Le        (P1 P2: the tag)
 *   GET STATUS         80 F2 00 00 Le        (struct persocard_apdu_status)
 *   GET STATUS         80 F2 01 II Le        (tag descriptor II)
 */
#define PERSOCARD_CLA			0x80
#define PERSOCARD_CLA_CHAIN		0x10	/* more blocks follow */
#define PERSOCARD_INS_ENABLE		0xE6
#define PERSOCARD_INS_VERIFY		0x20
#define PERSOCARD_INS_PUT		0xDA
#define PERSOCARD_INS_LOCK		0xF0
#define PERSOCARD_INS_GET_DATA		0xCA
#define PERSOCARD_INS_GET_STATUS	0xF2
#define PERSOCARD_P1P2_ENABLE		0x2000
#define PERSOCARD_P1P2_LOCK		0x800F
#define PERSOCARD_P1_STATUS_CARD	0x00
#define PERSOCARD_P1_STATUS_TAG		0x01

/*
 * The GlobalPlatform path (SCP03 cards; Documentation/persocard/apdu.rst):
 *
 *   SELECT             00 A4 04 00 Lc AID 00 (the ISD, or a profile's SD)
 *   GET DATA           80 CA 00 66 | 00 E0 | 9F 7F 00 (also CLA 00)
 *   INITIALIZE UPDATE  80 50 KV 00 08 host-challenge 00
 *   EXT. AUTHENTICATE  84 82 SL 00 10 host-cryptogram C-MAC
 *   STORE DATA         84 E2 P1 P2 Lc DGIs C-MAC
 *   SET STATUS         84 F0 80 0F 08 C-MAC 00 (LOCK PERSO: the receipt)
 *
 * Between EXTERNAL AUTHENTICATE and LOCK every command carries a C-MAC
 * (CLA bit %PERSOCARD_CLA_SM), else 6982 and the session aborts.
 */
#define PERSOCARD_CLA_ISO		0x00
#define PERSOCARD_CLA_SM		0x04	/* secure messaging: a C-MAC */
#define PERSOCARD_INS_SELECT		0xA4
#define PERSOCARD_INS_INIT_UPDATE	0x50
#define PERSOCARD_INS_EXT_AUTH		0x82
#define PERSOCARD_INS_STORE_DATA	0xE2
#define PERSOCARD_P1P2_SELECT_AID	0x0400
#define PERSOCARD_P1P2_SELECT_NO_FCI	0x040C
/* STORE DATA P1 */
#define PERSOCARD_STORE_LAST		0x80	/* last block of the sequence */
#define PERSOCARD_STORE_ENC_MASK	0x60
#define PERSOCARD_STORE_ENC_SECRET	0x20	/* the secret elements' DGIs */
#define PERSOCARD_STORE_ENC_ALL		0x60	/* every DGI */
#define PERSOCARD_STORE_DGI		0x08	/* data are DGIs */
/* GET DATA tags answered in every state */
#define PERSOCARD_GP_CARD_DATA		0x0066
#define PERSOCARD_GP_KEY_INFO		0x00E0
#define PERSOCARD_GP_CPLC		0x9F7F
/* DGI of the CPLC's personalization trace: who (2), date (2), equipment (4) */
#define PERSOCARD_DGI_PERSO_TRACE	0x9F66
#define PERSOCARD_DGI_END		0x7FFF	/* EMV CPS end marker: ignored */
#define PERSOCARD_ISD_AID		"\xA0\x00\x00\x01\x51\x00\x00\x00"
#define PERSOCARD_ISD_AID_LEN		8
/* A profile's security domain: F0 "PERSO" 00 and the profile's id. */
#define PERSOCARD_SD_AID_PREFIX		"\xF0PERSO\x00"
#define PERSOCARD_SD_AID_LEN		8
#define PERSOCARD_CPLC_LEN		42
#define PERSOCARD_RECEIPT_LEN		16

/*
 * The application of a locked card (Documentation/persocard/applications/):
 * its profile's commands, admitted only once PERSONALIZED (6985 before).
 *
 *   SELECT             00 A4 P1 P2 Lc AID|FID [Le]  (A0 A4 00 00 02 FID: GSM)
 *   GET RESPONSE       00 C0 00 00 Le               (A0 C0: GSM)
 *   READ RECORD        00 B2 rec (SFI << 3 | 4) Le  payment
 *   READ BINARY        00 B0 P1 P2 Le (the offset)  SIM (and A0), identity
 *   GET PROCESSING OPT 80 A8 00 00 Lc 83 .. 00      payment
 *   GENERATE AC        80 AE P1 00 Lc CDOL1 00      payment
 *   GET DATA           80 CA 9F 36 | 9F 17 00       payment's counters
 *   VERIFY             00 20 00 80|01|81 Lc PIN     (A0 20 00 01 08 PIN)
 *   UNBLOCK PIN        00 2C 00 01 10 PUK PIN       SIM (and A0)
 *   AUTHENTICATE       00 88 00 81 22 10 RAND 10 AUTN 00  SIM, MILENAGE
 *   GENERAL AUTH.      00 86 00 KR 24 7C 22 85 20 key 00  identity, X25519
 *
 * A response the command's Le (or the GSM class, which has none) leaves
 * behind waits for GET RESPONSE: 61xx, or 9Fxx in class A0.
 */
#define PERSOCARD_CLA_GSM		0xA0
/* The identity application: F0 "PERSOID"; its keys' references. */
#define PERSOCARD_IDENTITY_AID		"\xF0PERSOID"
#define PERSOCARD_IDENTITY_AID_LEN	8
#define PERSOCARD_IDENTITY_KEY_AUTH	0x81
#define PERSOCARD_IDENTITY_KEY_SIGN	0x82
/* Its files: the public elements by tag, and the keys' public halves. */
#define PERSOCARD_IDENTITY_EF_AUTH_PUB	0x0401
#define PERSOCARD_IDENTITY_EF_SIGN_PUB	0x0402
#define PERSOCARD_INS_GET_RESPONSE	0xC0
#define PERSOCARD_INS_READ_RECORD	0xB2
#define PERSOCARD_INS_READ_BINARY	0xB0
#define PERSOCARD_INS_GPO		0xA8
#define PERSOCARD_INS_GENERATE_AC	0xAE
#define PERSOCARD_INS_UNBLOCK_PIN	0x2C
#define PERSOCARD_INS_AUTHENTICATE	0x88
#define PERSOCARD_INS_GENERAL_AUTH	0x86
#define PERSOCARD_SW_BYTES_REMAIN	0x6100	/* low byte: bytes waiting */
#define PERSOCARD_SW_GSM_RESPONSE	0x9F00	/* the same, in class A0 */
#define PERSOCARD_SW_NO_CURRENT_EF	0x6986	/* READ with no file selected */
#define PERSOCARD_SW_FILE_INCOMPATIBLE	0x6981	/* READ of a DF */
#define PERSOCARD_SW_RECORD_NOT_FOUND	0x6A83
#define PERSOCARD_SW_WRONG_OFFSET	0x6B00	/* beyond the file's end */
#define PERSOCARD_SW_AUTH_MAC_FAILURE	0x9862	/* AUTN's MAC is wrong */

/**
 * enum persocard_state - life-cycle state of a card
 * @PERSOCARD_STATE_SEMI_FINISHED: as manufactured; accepts ENABLE PERSO.
 * @PERSOCARD_STATE_READY: after ENABLE PERSO; accepts only VERIFY PERSO CODE.
 * @PERSOCARD_STATE_PERSONALIZING: authenticated; accepts PUT PERSO DATA and
 *	LOCK PERSO.
 * @PERSOCARD_STATE_PERSONALIZED: locked for good; public data can be read.
 * @PERSOCARD_STATE_BLOCKED: the try counter ran out; terminal.
 */
enum persocard_state {
	PERSOCARD_STATE_SEMI_FINISHED	= 1,
	PERSOCARD_STATE_READY		= 2,
	PERSOCARD_STATE_PERSONALIZING	= 3,
	PERSOCARD_STATE_PERSONALIZED	= 4,
	PERSOCARD_STATE_BLOCKED		= 5,
};

/**
 * enum persocard_profile_id - application field a card was made for
 * @PERSOCARD_PROFILE_PAYMENT: EMV payment application (CPS-like DGIs).
 * @PERSOCARD_PROFILE_SIM: telecom subscriber identity (IMSI, Ki, ...).
 * @PERSOCARD_PROFILE_IDENTITY: identity document (holder data, keys).
 */
enum persocard_profile_id {
	PERSOCARD_PROFILE_PAYMENT	= 1,
	PERSOCARD_PROFILE_SIM		= 2,
	PERSOCARD_PROFILE_IDENTITY	= 3,
};

/**
 * struct persocard_cmd - argument of ENABLE PERSO and RESET
 * @sw: out: status word.
 * @reserved0: must be zero.
 * @reserved: must be zero.
 *
 * RESET of a card that lost power to a power cut powers it up: recovery
 * runs and the card is back in its reader (sysfs "present" 1). A card taken
 * out through "present" stays out (ENODEV).
 */
struct persocard_cmd {
	__u16 sw;
	__u16 reserved0;
	__u32 reserved[3];
};

/**
 * struct persocard_verify - argument of VERIFY PERSO CODE
 * @code: in: user pointer to the perso code.
 * @code_len: in: its length, %PERSOCARD_CODE_MIN_LEN to
 *	%PERSOCARD_CODE_MAX_LEN bytes (else 6700).
 * @sw: out: status word; 63Cx on a wrong code, x tries left.
 * @tries_left: out: the try counter after the command.
 * @reserved0: must be zero.
 * @reserved: must be zero.
 */
struct persocard_verify {
	__u64 code;
	__u32 code_len;
	__u16 sw;
	__u8 tries_left;
	__u8 reserved0;
	__u32 reserved[2];
};

/**
 * struct persocard_put - argument of PUT PERSO DATA
 * @value: in: user pointer to the value.
 * @len: in: its length; 6700 if 0, above %PERSOCARD_VALUE_MAX_LEN or
 *	outside the tag's own bounds. A value of the wrong format gives 6A80.
 * @tag: in: data element tag of the card's profile (else 6A88).
 * @sw: out: status word.
 * @flags: must be zero.
 * @reserved: must be zero.
 */
struct persocard_put {
	__u64 value;
	__u32 len;
	__u16 tag;
	__u16 sw;
	__u32 flags;
	__u32 reserved;
};

/**
 * struct persocard_lock - argument of LOCK PERSO
 * @sw: out: status word; 6A80 when mandatory elements are missing.
 * @nr_missing: out: number of mandatory elements not yet stored.
 * @reserved0: must be zero.
 * @missing: out: their tags, the first %PERSOCARD_MAX_TAGS of them.
 */
struct persocard_lock {
	__u16 sw;
	__u16 nr_missing;
	__u32 reserved0;
	__u16 missing[PERSOCARD_MAX_TAGS];
};

/* Bits of persocard_status.flags */
#define PERSOCARD_STATUS_SESSION	0x1 /* a session is running */
#define PERSOCARD_STATUS_OWNER		0x2 /* ... and this file owns it */
#define PERSOCARD_STATUS_SCP03		0x4 /* authenticates by SCP03 */
#define PERSOCARD_STATUS_SECURE		0x8 /* a secure channel is open */

/**
 * struct persocard_status - argument of GET STATUS
 * @state: out: &enum persocard_state.
 * @profile: out: &enum persocard_profile_id.
 * @flags: out: %PERSOCARD_STATUS_SESSION, %PERSOCARD_STATUS_OWNER,
 *	%PERSOCARD_STATUS_SCP03, %PERSOCARD_STATUS_SECURE.
 * @sw: out: always 9000.
 * @tries_left: out: the try counter.
 * @try_limit: out: the value a right code restores.
 * @serial: out: the card's serial number.
 * @reserved: must be zero.
 */
struct persocard_status {
	__u32 state;
	__u32 profile;
	__u32 flags;
	__u16 sw;
	__u8 tries_left;
	__u8 try_limit;
	__u64 serial;
	__u32 reserved[4];
};

/**
 * struct persocard_get_data - argument of GET DATA
 * @buf: in: user pointer to a buffer for the value.
 * @buf_len: in: its size.
 * @len: out: the value's length; 6700 if it exceeds @buf_len.
 * @tag: in: tag of a public element.
 * @sw: out: 9000; 6985 unless PERSONALIZED; 6982 for a secret element;
 *	6A88 for a tag the profile lacks or that was not stored.
 * @reserved: must be zero.
 */
struct persocard_get_data {
	__u64 buf;
	__u32 buf_len;
	__u32 len;
	__u16 tag;
	__u16 sw;
	__u32 reserved[3];
};

/* Bits of persocard_info.caps */
#define PERSOCARD_CAP_PROFILE		0x1
#define PERSOCARD_CAP_LOCK_MISSING	0x2
#define PERSOCARD_CAP_RESET		0x4
#define PERSOCARD_CAP_GET_DATA		0x8
#define PERSOCARD_CAP_TRANSMIT		0x10	/* TRANSMIT, and the ATR */
#define PERSOCARD_CAP_PRESENCE		0x20	/* removable: ENODEV */
#define PERSOCARD_CAP_IMAGE		0x40	/* SAVE, RESTORE; power cuts */
#define PERSOCARD_CAP_SCP03		0x80	/* the GlobalPlatform path */

/**
 * struct persocard_info - argument of INFO
 * @abi_version: out: %PERSOCARD_ABI_VERSION of the module.
 * @caps: out: %PERSOCARD_CAP_* bits.
 * @card_index: out: N of /dev/persocardN.
 * @nr_cards: out: number of cards the module made.
 * @nvm_size: out: bytes of NVM per card.
 * @max_value_len: out: largest value PUT PERSO DATA takes.
 * @min_code_len: out: shortest perso code.
 * @max_code_len: out: longest perso code.
 * @max_tags: out: largest number of tags in a profile.
 * @sw: out: always 9000.
 * @reserved: must be zero.
 * @atr: out: the card's Answer To Reset, @atr_len bytes (since
 *	%PERSOCARD_CAP_TRANSMIT).
 * @atr_len: out: its length.
 * @reserved1: must be zero.
 *
 * The struct may grow at its end: the ioctl takes any size from
 * %PERSOCARD_INFO_SIZE_VER0 up, fills what the caller's size holds, and
 * wants any bytes beyond what the kernel knows zeroed (EINVAL otherwise).
 */
struct persocard_info {
	__u32 abi_version;
	__u32 caps;
	__u32 card_index;
	__u32 nr_cards;
	__u32 nvm_size;
	__u16 max_value_len;
	__u8 min_code_len;
	__u8 max_code_len;
	__u16 max_tags;
	__u16 sw;
	__u32 reserved[5];
	/* since PERSOCARD_CAP_TRANSMIT */
	__u8 atr[PERSOCARD_ATR_MAX_LEN];
	__u8 atr_len;
	__u8 reserved1[6];
};

#define PERSOCARD_INFO_SIZE_VER0	48	/* before the ATR */

/* Bits of persocard_tag_desc.flags */
#define PERSOCARD_TAG_MANDATORY		0x1 /* LOCK needs it */
#define PERSOCARD_TAG_SECRET		0x2 /* never read back */

/**
 * struct persocard_tag_desc - argument of PROFILE: one data element
 * @index: in: 0 to @nr_tags - 1 (else 6A88).
 * @profile: out: &enum persocard_profile_id of the card.
 * @nr_tags: out: number of elements in the profile.
 * @tag: out: the element's tag.
 * @min_len: out: shortest value accepted.
 * @max_len: out: longest value accepted.
 * @flags: out: %PERSOCARD_TAG_MANDATORY, %PERSOCARD_TAG_SECRET.
 * @sw: out: status word.
 * @reserved0: must be zero.
 * @name: out: NUL-terminated name of the element.
 * @reserved: must be zero.
 */
struct persocard_tag_desc {
	__u32 index;
	__u32 profile;
	__u32 nr_tags;
	__u16 tag;
	__u16 min_len;
	__u16 max_len;
	__u16 flags;
	__u16 sw;
	__u16 reserved0;
	char name[PERSOCARD_NAME_LEN];
	__u32 reserved[2];
};

/**
 * struct persocard_transmit - argument of TRANSMIT: one APDU exchange
 * @command: in: user pointer to the command APDU.
 * @response: in: user pointer to a buffer for the response APDU.
 * @command_len: in: its length; outside 4 to %PERSOCARD_APDU_MAX_LEN, or
 *	not a well-formed case 1 to 4 APDU, the card answers 6700.
 * @response_size: in: the buffer's size: at least 2 more than the
 *	response data the command asks for (Le, 00 counting 256 and 0000
 *	65536), capped at %PERSOCARD_RESPONSE_MAX_LEN (else EINVAL).
 *	Under a secure channel a response may carry more than Le asked (its
 *	R-MAC, its padding): a buffer of %PERSOCARD_RESPONSE_MAX_LEN always
 *	has room; a smaller one that lacks it gets the status word alone.
 * @response_len: out: bytes written: response data, then SW1 SW2.
 * @sw: out: the status word, as in the response's last two bytes.
 * @reserved0: must be zero.
 * @reserved: must be zero.
 */
struct persocard_transmit {
	__u64 command;
	__u64 response;
	__u32 command_len;
	__u32 response_size;
	__u32 response_len;
	__u16 sw;
	__u16 reserved0;
	__u32 reserved[2];
};

/**
 * struct persocard_apdu_status - response data of GET STATUS 80 F2 00 00
 * @state: &enum persocard_state.
 * @profile: &enum persocard_profile_id.
 * @flags: %PERSOCARD_STATUS_SESSION, %PERSOCARD_STATUS_OWNER.
 * @tries_left: the try counter.
 * @try_limit: the value a right code restores.
 * @serial: the card's serial number, big-endian.
 *
 * Bytes on the wire, no padding: 13 in all.
 */
struct persocard_apdu_status {
	__u8 state;
	__u8 profile;
	__u8 flags;
	__u8 tries_left;
	__u8 try_limit;
	__u8 serial[8];
};

/*
 * Response data of GET STATUS 80 F2 01 II, tag descriptor II: the tag
 * (2 bytes, big-endian), min and max length (2 each), flags (1), the
 * number of tags (1), then the name without its NUL.
 */
#define PERSOCARD_APDU_TAG_DESC_FIXED	8

/*
 * A saved card: a clear header (struct persocard_image_header), then the
 * card's whole NVM sealed with AES-GCM, then the 16-byte GCM tag. The
 * header is the GCM additional data, so it cannot be changed either.
 */
#define PERSOCARD_IMAGE_MAGIC		"PCDIMAGE"
#define PERSOCARD_IMAGE_VERSION		1
#define PERSOCARD_IMAGE_TAG_LEN		16
#define PERSOCARD_IMAGE_NONCE_LEN	12
#define PERSOCARD_IMAGE_KCV_LEN		8
/* The logon key (keyctl add logon ...) that seals and opens images. */
#define PERSOCARD_IMAGE_KEY_DESC	"persocard:image"

/**
 * struct persocard_image_header - the clear head of a saved image
 * @magic: %PERSOCARD_IMAGE_MAGIC, without its NUL.
 * @version: %PERSOCARD_IMAGE_VERSION, little-endian.
 * @header_len: sizeof(struct persocard_image_header), little-endian.
 * @nvm_size: bytes of NVM sealed after the header, little-endian.
 * @page_size: the chip's page size, little-endian.
 * @serial: the card's serial number, little-endian.
 * @key_check: the first bytes of SHA-256("persocard image key" || key):
 *	tells a wrong key from a damaged image.
 * @nonce: the GCM nonce, random for each image.
 * @reserved: zero.
 * @reserved1: zero.
 */
struct persocard_image_header {
	__u8 magic[8];
	__le16 version;
	__le16 header_len;
	__le32 nvm_size;
	__le32 page_size;
	__le32 reserved;
	__le64 serial;
	__u8 key_check[PERSOCARD_IMAGE_KCV_LEN];
	__u8 nonce[PERSOCARD_IMAGE_NONCE_LEN];
	__u8 reserved1[4];
};

/* Bytes of an image of a card with @nvm_size bytes of NVM. */
#define PERSOCARD_IMAGE_SIZE(nvm_size) \
	(sizeof(struct persocard_image_header) + (nvm_size) + \
	 PERSOCARD_IMAGE_TAG_LEN)

/**
 * struct persocard_image - argument of SAVE and RESTORE
 * @buf: in: user pointer to the image (RESTORE) or a buffer for it (SAVE).
 * @buf_len: in: its size; for SAVE at least PERSOCARD_IMAGE_SIZE() of the
 *	card's nvm_size from INFO (else ENOSPC).
 * @len: out (SAVE): the image's size.
 * @flags: must be zero.
 * @reserved: must be zero.
 *
 * Both need CAP_SYS_ADMIN (else EPERM) and a logon key described
 * %PERSOCARD_IMAGE_KEY_DESC of 16, 24 or 32 bytes in the caller's
 * keyrings (ENOKEY when there is none, EKEYREJECTED for another length).
 * SAVE seals the NVM as the chip holds it, torn or not; a session, being
 * RAM, is not saved. RESTORE checks everything before it changes
 * anything; on any error the card is as it was:
 *
 * - EINVAL: not an image (too short, bad magic, header or size wrong);
 * - EPROTONOSUPPORT: an image of a newer format;
 * - EKEYREJECTED: sealed under another key;
 * - EBADMSG: the image was changed after sealing;
 * - EMSGSIZE: the card's nvm_size or page size is not the image's;
 * - EEXIST: an image of another card, and this card is not fresh;
 * - EBUSY: a session runs on the card.
 *
 * A restored card is powered up as after a power cut: recovery runs, and
 * its state, try counter, settings and data are the image's.
 */
struct persocard_image {
	__u64 buf;
	__u32 buf_len;
	__u32 len;
	__u32 flags;
	__u32 reserved[3];
};

#define PERSOCARD_IOC_MAGIC	0xC5

#define PERSOCARD_IOC_ENABLE	_IOWR(PERSOCARD_IOC_MAGIC, 0x00, struct persocard_cmd)
#define PERSOCARD_IOC_VERIFY	_IOWR(PERSOCARD_IOC_MAGIC, 0x01, struct persocard_verify)
#define PERSOCARD_IOC_PUT	_IOWR(PERSOCARD_IOC_MAGIC, 0x02, struct persocard_put)
#define PERSOCARD_IOC_LOCK	_IOWR(PERSOCARD_IOC_MAGIC, 0x03, struct persocard_lock)
#define PERSOCARD_IOC_RESET	_IOWR(PERSOCARD_IOC_MAGIC, 0x04, struct persocard_cmd)
#define PERSOCARD_IOC_STATUS	_IOWR(PERSOCARD_IOC_MAGIC, 0x05, struct persocard_status)
#define PERSOCARD_IOC_GET_DATA	_IOWR(PERSOCARD_IOC_MAGIC, 0x06, struct persocard_get_data)
#define PERSOCARD_IOC_INFO	_IOWR(PERSOCARD_IOC_MAGIC, 0x07, struct persocard_info)
#define PERSOCARD_IOC_PROFILE	_IOWR(PERSOCARD_IOC_MAGIC, 0x08, struct persocard_tag_desc)
#define PERSOCARD_IOC_TRANSMIT	_IOWR(PERSOCARD_IOC_MAGIC, 0x09, struct persocard_transmit)
#define PERSOCARD_IOC_SAVE	_IOWR(PERSOCARD_IOC_MAGIC, 0x0A, struct persocard_image)
#define PERSOCARD_IOC_RESTORE	_IOWR(PERSOCARD_IOC_MAGIC, 0x0B, struct persocard_image)

#endif /* _UAPI_LINUX_PERSOCARD_H */
