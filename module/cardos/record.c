// SPDX-License-Identifier: GPL-2.0
/*
 * The system record and its transaction: shadow copies with a commit
 * record.
 *
 * The record lies twice at the start of NVM, each copy on pages of its
 * own, each with a sequence number and a CRC. An update writes the whole
 * record, one sequence number higher, over the older copy; the newer copy
 * is untouched, so a power cut anywhere in the write leaves a copy that
 * fails its CRC beside a good one holding the card as it was. Power-up
 * takes the valid copy with the higher sequence number: the copy is the
 * commit record of the update, and its last byte is the commit point.
 *
 * Updates wider than the record (LOCK's data area) write their pages
 * first, while the record still says nothing of them, and commit by
 * writing the record: the card is wholly before or wholly after.
 */
#include <linux/crc32.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "../compat.h"
#include "record.h"

#define MAGIC		0x31524350	/* "PCR1" */
#define COPIES		2

/* Bytes of a copy in NVM, little-endian, CRC last. */
enum {
	OFF_MAGIC	= 0,
	OFF_SEQ		= 4,
	OFF_VERSION	= 8,
	OFF_STATE	= 9,
	OFF_TRIES	= 10,
	OFF_USED	= 11,
	OFF_LIMIT	= 12,
	OFF_PROFILE	= 13,
	OFF_CODE_LEN	= 14,
	OFF_SERIAL	= 16,
	OFF_CODE	= 24,
	OFF_SECRET	= OFF_CODE + PERSOCARD_CODE_MAX_LEN,
	OFF_KVN		= OFF_SECRET + PERSOCARD_SECRET_LEN,
	OFF_KEY_LEN	= OFF_KVN + 1,
	OFF_SEQ_SCP	= OFF_KEY_LEN + 1,	/* 3 bytes, big-endian */
	OFF_MADE	= OFF_SEQ_SCP + 3,
	OFF_TRACE	= OFF_MADE + 2,
	OFF_ENC		= OFF_TRACE + 8,
	OFF_MAC		= OFF_ENC + PERSOCARD_SCP03_KEY_MAX,
	OFF_DEK		= OFF_MAC + PERSOCARD_SCP03_KEY_MAX,
	OFF_ATC		= OFF_DEK + PERSOCARD_SCP03_KEY_MAX,	/* big-endian */
	OFF_PIN_TRIES	= OFF_ATC + 2,
	OFF_PIN_LIMIT	= OFF_PIN_TRIES + 1,
	OFF_PUK_TRIES	= OFF_PIN_LIMIT + 1,
	OFF_PIN_SET	= OFF_PUK_TRIES + 1,
	OFF_SQN		= OFF_PIN_SET + 1,
	OFF_PIN		= OFF_SQN + PERSOCARD_APP_SQN_LEN,
	OFF_CRC		= OFF_PIN + PERSOCARD_APP_PIN_LEN + 1,	/* spare */
	COPY_LEN	= OFF_CRC + 4,
};

static_assert(COPY_LEN == PERSOCARD_RECORD_LEN);

static size_t copy_span(unsigned int page_size)
{
	return round_up(COPY_LEN, page_size);
}

/**
 * persocard_record_area() - bytes the two copies take at the start of NVM
 * @page_size: the chip's page size.
 *
 * Return: where the data area starts.
 */
size_t persocard_record_area(unsigned int page_size)
{
	return COPIES * copy_span(page_size);
}

static void encode(const struct persocard_record *rec, u8 *buf)
{
	memset(buf, 0, COPY_LEN);
	put_unaligned_le32(MAGIC, buf + OFF_MAGIC);
	put_unaligned_le32(rec->seq, buf + OFF_SEQ);
	buf[OFF_VERSION] = PERSOCARD_RECORD_VERSION;
	buf[OFF_STATE] = rec->state;
	buf[OFF_TRIES] = rec->tries_left;
	buf[OFF_USED] = rec->used;
	buf[OFF_LIMIT] = rec->try_limit;
	buf[OFF_PROFILE] = rec->profile;
	buf[OFF_CODE_LEN] = rec->code_len;
	put_unaligned_le64(rec->serial, buf + OFF_SERIAL);
	memcpy(buf + OFF_CODE, rec->code, PERSOCARD_CODE_MAX_LEN);
	memcpy(buf + OFF_SECRET, rec->secret, PERSOCARD_SECRET_LEN);
	buf[OFF_KVN] = rec->keys.kvn;
	buf[OFF_KEY_LEN] = rec->keys.key_len;
	buf[OFF_SEQ_SCP] = rec->scp_seq >> 16;
	put_unaligned_be16(rec->scp_seq & 0xffff, buf + OFF_SEQ_SCP + 1);
	put_unaligned_le16(rec->made, buf + OFF_MADE);
	memcpy(buf + OFF_TRACE, rec->trace, sizeof(rec->trace));
	memcpy(buf + OFF_ENC, rec->keys.enc, PERSOCARD_SCP03_KEY_MAX);
	memcpy(buf + OFF_MAC, rec->keys.mac, PERSOCARD_SCP03_KEY_MAX);
	memcpy(buf + OFF_DEK, rec->keys.dek, PERSOCARD_SCP03_KEY_MAX);
	put_unaligned_be16(rec->atc, buf + OFF_ATC);
	buf[OFF_PIN_TRIES] = rec->pin_tries;
	buf[OFF_PIN_LIMIT] = rec->pin_limit;
	buf[OFF_PUK_TRIES] = rec->puk_tries;
	buf[OFF_PIN_SET] = rec->pin_set;
	memcpy(buf + OFF_SQN, rec->sqn, PERSOCARD_APP_SQN_LEN);
	memcpy(buf + OFF_PIN, rec->pin, PERSOCARD_APP_PIN_LEN);
	put_unaligned_le32(~crc32_le(~0, buf, OFF_CRC), buf + OFF_CRC);
}

/* A copy is the card's only if whole: its CRC and its fields hold. */
static bool decode(const u8 *buf, struct persocard_record *rec)
{
	if (get_unaligned_le32(buf + OFF_MAGIC) != MAGIC ||
	    get_unaligned_le32(buf + OFF_CRC) != ~crc32_le(~0, buf, OFF_CRC) ||
	    buf[OFF_VERSION] != PERSOCARD_RECORD_VERSION)
		return false;
	rec->seq = get_unaligned_le32(buf + OFF_SEQ);
	rec->state = buf[OFF_STATE];
	rec->tries_left = buf[OFF_TRIES];
	rec->used = buf[OFF_USED];
	rec->try_limit = buf[OFF_LIMIT];
	rec->profile = buf[OFF_PROFILE];
	rec->code_len = buf[OFF_CODE_LEN];
	rec->serial = get_unaligned_le64(buf + OFF_SERIAL);
	memcpy(rec->code, buf + OFF_CODE, PERSOCARD_CODE_MAX_LEN);
	memcpy(rec->secret, buf + OFF_SECRET, PERSOCARD_SECRET_LEN);
	rec->keys.kvn = buf[OFF_KVN];
	rec->keys.key_len = buf[OFF_KEY_LEN];
	rec->scp_seq = buf[OFF_SEQ_SCP] << 16 |
		       get_unaligned_be16(buf + OFF_SEQ_SCP + 1);
	rec->made = get_unaligned_le16(buf + OFF_MADE);
	memcpy(rec->trace, buf + OFF_TRACE, sizeof(rec->trace));
	memcpy(rec->keys.enc, buf + OFF_ENC, PERSOCARD_SCP03_KEY_MAX);
	memcpy(rec->keys.mac, buf + OFF_MAC, PERSOCARD_SCP03_KEY_MAX);
	memcpy(rec->keys.dek, buf + OFF_DEK, PERSOCARD_SCP03_KEY_MAX);
	rec->atc = get_unaligned_be16(buf + OFF_ATC);
	rec->pin_tries = buf[OFF_PIN_TRIES];
	rec->pin_limit = buf[OFF_PIN_LIMIT];
	rec->puk_tries = buf[OFF_PUK_TRIES];
	rec->pin_set = buf[OFF_PIN_SET];
	memcpy(rec->sqn, buf + OFF_SQN, PERSOCARD_APP_SQN_LEN);
	memcpy(rec->pin, buf + OFF_PIN, PERSOCARD_APP_PIN_LEN);
	if (rec->pin_tries > rec->pin_limit ||
	    rec->pin_limit > PERSOCARD_APP_PIN_TRIES_MAX ||
	    rec->puk_tries > PERSOCARD_APP_PUK_TRIES || rec->pin_set > 1)
		return false;
	if (rec->keys.key_len && !persocard_scp03_keyset_valid(&rec->keys))
		return false;
	return (rec->state == PERSOCARD_STATE_SEMI_FINISHED ||
		rec->state == PERSOCARD_STATE_PERSONALIZED) &&
	       rec->try_limit && rec->try_limit <= PERSOCARD_TRY_LIMIT_MAX &&
	       rec->tries_left <= rec->try_limit && rec->used <= 1 &&
	       rec->code_len >= PERSOCARD_CODE_MIN_LEN &&
	       rec->code_len <= PERSOCARD_CODE_MAX_LEN;
}

/**
 * persocard_record_load() - recovery: find the card in its two copies
 * @nvm: the chip.
 * @rec: receives the newer valid copy.
 * @slot: receives its place, 0 or 1.
 *
 * A copy torn by a power cut fails its CRC and is passed over; so the card
 * is as its last whole update left it.
 *
 * Return: 0, or -EIO if neither copy is valid.
 */
int persocard_record_load(const struct persocard_nvm *nvm,
			  struct persocard_record *rec, unsigned int *slot)
{
	struct persocard_record copy[COPIES];
	bool valid[COPIES];
	unsigned int i;
	int best = -1;

	for (i = 0; i < COPIES; i++) {
		valid[i] = decode(nvm->mem + i * copy_span(nvm->page_size),
				  &copy[i]);
		if (valid[i] && (best < 0 ||
				 (s32)(copy[i].seq - copy[best].seq) > 0))
			best = i;
	}
	if (best >= 0) {
		*rec = copy[best];
		*slot = best;
	}
	memzero_explicit(copy, sizeof(copy));
	return best < 0 ? -EIO : 0;
}

/**
 * persocard_record_commit() - write the record, all or nothing
 * @nvm: the chip.
 * @rec: the card's record as it stands; becomes @next on success.
 * @slot: the copy @rec was read from; the other one on success.
 * @next: the record wanted; its @seq is ignored.
 *
 * Return: 0; or as persocard_nvm_write(), @rec and @slot unchanged: the
 * card is as it was, whatever NVM holds in the other copy.
 */
int persocard_record_commit(struct persocard_nvm *nvm,
			    struct persocard_record *rec, unsigned int *slot,
			    const struct persocard_record *next)
{
	unsigned int other = !*slot;
	struct persocard_record new = *next;
	u8 buf[COPY_LEN];
	int ret;

	new.seq = rec->seq + 1;
	encode(&new, buf);
	ret = persocard_nvm_write(nvm, other * copy_span(nvm->page_size),
				  buf, sizeof(buf));
	memzero_explicit(buf, sizeof(buf));
	if (!ret) {
		*rec = new;
		*slot = other;
	}
	memzero_explicit(&new, sizeof(new));
	return ret;
}

/**
 * persocard_record_wipe() - forget a record held in RAM
 * @rec: the record.
 */
void persocard_record_wipe(struct persocard_record *rec)
{
	memzero_explicit(rec, sizeof(*rec));
}
