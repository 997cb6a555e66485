// SPDX-License-Identifier: GPL-2.0
/*
 * The card OS of persocard: ENABLE PERSO, VERIFY PERSO CODE, PUT PERSO DATA
 * and LOCK PERSO over a card's NVM, as Documentation/persocard/
 * state-machine.rst describes.
 *
 * Lasting state (SEMI_FINISHED, PERSONALIZED, BLOCKED), the try counter,
 * the maker's settings and committed data live in NVM, every update of
 * them a transaction (record.c) that a power cut cannot leave half done.
 * A session (READY, PERSONALIZING, the staged
 * data) lives in RAM and belongs to one owner; any refused command from the
 * owner aborts it, and the card is back in SEMI_FINISHED with its NVM as
 * before, the try counter aside.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/stddef.h>
#include <linux/string.h>
#include <crypto/algapi.h>

#include "card_internal.h"

#define SW_OK		PERSOCARD_SW_OK

/*
 * Commit @next as the card's record, then wipe @next (it holds the code
 * and the secret); a cut leaves the card as it was.
 */
int persocard_update(struct persocard_card *card, struct persocard_record *next)
{
	int ret = persocard_record_commit(&card->nvm, &card->rec, &card->slot,
					  next);

	persocard_record_wipe(next);
	return ret;
}

static void discard_staged(struct persocard_card *card)
{
	unsigned int i;

	for (i = 0; i < PERSOCARD_MAX_TAGS; i++) {
		kfree_sensitive(card->staged[i]);
		card->staged[i] = NULL;
		card->staged_len[i] = 0;
	}
	card->staged_total = 0;
}

/**
 * persocard_chain_cut() - drop a value half sent in chained APDUs
 * @card: the card.
 */
void persocard_chain_cut(struct persocard_card *card)
{
	kfree_sensitive(card->chain);
	card->chain = NULL;
	card->chain_len = 0;
	card->chain_tag = 0;
}

/*
 * The secure channel's keys go with the session; but while a command that
 * came through it runs, its response still needs them (a receipt, an
 * R-MAC): then they go once the response is wrapped (card_apdu.c).
 */
static void end_channel(struct persocard_card *card)
{
	if (card->through_channel)
		card->channel_ending = true;
	else
		persocard_scp03_end(&card->sc);
}

/* End the session, if any: RAM state and staged data are gone. */
void persocard_end_session(struct persocard_card *card)
{
	persocard_chain_cut(card);
	discard_staged(card);
	end_channel(card);
	kfree_sensitive(card->dgi.buf);
	memset(&card->dgi, 0, sizeof(card->dgi));
	card->store_block = 0;
	memzero_explicit(card->trace, sizeof(card->trace));
	card->trace_set = false;
	card->owner = NULL;
	card->session_state = 0;
	persocard_app_reset(card);
}

/* The owner sent a command the card refuses: the session aborts. */
u16 persocard_refuse(struct persocard_card *card, u16 sw)
{
	persocard_end_session(card);
	return sw;
}

/**
 * persocard_state() - the state a card is in
 * @card: the card.
 *
 * Return: the session's state while one runs, else the lasting state.
 */
enum persocard_state persocard_state(const struct persocard_card *card)
{
	if (card->owner)
		return card->session_state;
	if (!card->rec.tries_left)
		return PERSOCARD_STATE_BLOCKED;
	return card->rec.state;
}

/**
 * persocard_tries_left() - the try counter
 * @card: the card.
 *
 * Return: VERIFY PERSO CODE attempts left.
 */
u8 persocard_tries_left(const struct persocard_card *card)
{
	return card->rec.tries_left;
}

/**
 * persocard_card_serial() - the card's serial number
 * @card: the card.
 *
 * Return: the serial drawn when it was made or last factory reset.
 */
u64 persocard_card_serial(const struct persocard_card *card)
{
	return card->rec.serial;
}

/**
 * persocard_card_try_limit() - what a right code restores the counter to
 * @card: the card.
 *
 * Return: the try limit.
 */
u8 persocard_card_try_limit(const struct persocard_card *card)
{
	return card->rec.try_limit;
}

/**
 * persocard_card_powered() - does the card have power?
 * @card: the card.
 *
 * Return: false from a power cut or removal to the next power-up.
 */
bool persocard_card_powered(const struct persocard_card *card)
{
	return card->nvm.powered;
}

/* What the table says of @op in the card's state; a query changes nothing. */
static u16 consult(const struct persocard_card *card, enum persocard_op op,
		   const struct persocard_transition **t)
{
	*t = persocard_transition(persocard_state(card), op);
	return (*t)->accepted ? 0 : (*t)->sw;
}

/*
 * Admit a command: another file's session stands in the way of all but
 * queries; then the state machine's table decides, and a refusal it marks
 * so aborts the owner's session.
 * Return: 0 to go on, or the status word to answer.
 */
u16 persocard_admit(struct persocard_card *card, const void *owner,
		    enum persocard_op op)
{
	const struct persocard_op_desc *desc = &persocard_ops[op];
	const struct persocard_transition *t;
	u16 sw;

	if (!desc->query && card->owner && card->owner != owner)
		return PERSOCARD_SW_CONDITIONS;	/* not yours: no effect */
	/* Under a secure channel only what came through it counts. */
	if (card->sc.level && card->owner == owner && !desc->signal &&
	    !card->through_channel)
		return persocard_refuse(card, PERSOCARD_SW_SECURITY_STATUS);
	sw = consult(card, op, &t);
	if (sw && t->aborts)
		persocard_end_session(card);
	if (sw)
		return sw;
	if (desc->auth && desc->auth != (persocard_card_scp03(card) ?
					 PERSOCARD_AUTH_SCP03 :
					 PERSOCARD_AUTH_CODE)) {
		if (card->owner == owner)
			persocard_end_session(card);
		return PERSOCARD_SW_CONDITIONS;
	}
	return 0;
}

/* The session moves on to the state the table gives for @op. */
void persocard_advance(struct persocard_card *card, enum persocard_state from,
		       enum persocard_op op)
{
	card->session_state = persocard_transition(from, op)->next;
}

/*
 * Any other command of the owner cuts a value it was sending in chained
 * APDUs short, whichever way the command came.
 */
static void interrupt_chain(struct persocard_card *card, const void *owner)
{
	if (card->chain && card->owner == owner)
		persocard_chain_cut(card);
}

/**
 * persocard_enable() - ENABLE PERSO
 * @card: the card.
 * @owner: the file sending it; it owns the session this starts.
 *
 * Return: 9000 (now READY), 6983 if BLOCKED, 6985 in any other state
 * (the owner's session aborts), 6581 if the NVM write failed.
 */
u16 persocard_enable(struct persocard_card *card, const void *owner)
{
	enum persocard_state from = persocard_state(card);
	u16 sw;

	interrupt_chain(card, owner);
	sw = persocard_admit(card, owner, PERSOCARD_OP_ENABLE);
	if (sw)
		return sw;

	/* The first ENABLE freezes what the maker set. */
	if (!card->rec.used) {
		struct persocard_record next = card->rec;

		next.used = 1;
		if (persocard_update(card, &next))
			return PERSOCARD_SW_MEMORY_FAILURE;
	}

	card->owner = owner;
	persocard_advance(card, from, PERSOCARD_OP_ENABLE);
	return SW_OK;
}

int persocard_write_tries(struct persocard_card *card, u8 tries)
{
	struct persocard_record next = card->rec;

	next.tries_left = tries;
	return persocard_update(card, &next);
}

/**
 * persocard_verify() - VERIFY PERSO CODE
 * @card: the card.
 * @owner: the file sending it.
 * @code: the code presented.
 * @len: its length.
 * @tries_left: receives the try counter after the command.
 *
 * The counter is decremented in NVM before the comparison, so that cutting
 * the power mid-command cannot buy a free try.
 *
 * Return: 9000 (now PERSONALIZING), 63Cx on a wrong code with x tries left
 * (BLOCKED at 63C0), 6700 for a length outside 4-32, 6581 if the NVM write
 * failed, or as persocard_enable() for a command out of place.
 */
u16 persocard_verify(struct persocard_card *card, const void *owner,
		     const u8 *code, size_t len, u8 *tries_left)
{
	u8 given[PERSOCARD_CODE_MAX_LEN] = {};
	enum persocard_state from = persocard_state(card);
	u8 tries = persocard_tries_left(card);
	bool wrong;
	u16 sw;

	interrupt_chain(card, owner);
	sw = persocard_admit(card, owner, PERSOCARD_OP_VERIFY);
	if (sw)
		goto out;
	if (len < PERSOCARD_CODE_MIN_LEN || len > PERSOCARD_CODE_MAX_LEN) {
		sw = persocard_refuse(card, PERSOCARD_SW_WRONG_LENGTH);
		goto out;
	}
	if (persocard_write_tries(card, tries - 1)) {
		sw = persocard_refuse(card, PERSOCARD_SW_MEMORY_FAILURE);
		goto out;
	}

	/* Compare all 32 bytes whatever the length: time tells nothing. */
	memcpy(given, code, len);
	wrong = crypto_memneq(given, card->rec.code, sizeof(given)) ||
		len != card->rec.code_len;
	memzero_explicit(given, sizeof(given));
	if (wrong) {
		sw = persocard_refuse(card, PERSOCARD_SW_VERIFY_FAILED | (tries - 1));
		goto out;
	}

	if (persocard_write_tries(card, card->rec.try_limit)) {
		sw = persocard_refuse(card, PERSOCARD_SW_MEMORY_FAILURE);
		goto out;
	}
	persocard_advance(card, from, PERSOCARD_OP_VERIFY);
	sw = SW_OK;
out:
	*tries_left = persocard_tries_left(card);
	return sw;
}

static u16 stage(struct persocard_card *card, const void *owner,
		 u16 tag, const u8 *value, size_t len);

/**
 * persocard_put() - PUT PERSO DATA: stage one element
 * @card: the card.
 * @owner: the file sending it.
 * @tag: the element's tag.
 * @value: its value; may be NULL when @len is out of range.
 * @len: its length.
 *
 * The same tag again replaces the staged value. Nothing reaches NVM before
 * LOCK PERSO.
 *
 * Return: 9000; 6700 for a length outside 1 to the element's maximum or
 * below its minimum; 6A88 for a tag the profile lacks; 6A80 for a value
 * of the wrong format; 6A84 if the data would not fit in NVM; or as
 * persocard_enable() for a command out of place.
 */
u16 persocard_put(struct persocard_card *card, const void *owner,
		  u16 tag, const u8 *value, size_t len)
{
	interrupt_chain(card, owner);
	return stage(card, owner, tag, value, len);
}

/* PUT PERSO DATA of a whole value, whether sent whole or in a chain. */
static u16 stage(struct persocard_card *card, const void *owner,
		 u16 tag, const u8 *value, size_t len)
{
	enum persocard_state from = persocard_state(card);
	u16 sw;

	sw = persocard_admit(card, owner, PERSOCARD_OP_PUT);
	if (sw)
		return sw;
	sw = persocard_stage_value(card, tag, value, len);
	if (sw)
		return persocard_refuse(card, sw);
	persocard_advance(card, from, PERSOCARD_OP_PUT);
	return SW_OK;
}

/**
 * persocard_stage_value() - check one element's value and stage it
 * @card: the card, its session's command admitted.
 * @tag: the element's tag.
 * @value: its value; may be NULL when @len is out of range.
 * @len: its length.
 *
 * Return: 0, or the status word refusing it (as persocard_put()); the
 * caller ends the session.
 */
u16 persocard_stage_value(struct persocard_card *card, u16 tag,
			  const u8 *value, size_t len)
{
	const struct persocard_element *el;
	size_t total;
	int index;
	u8 *copy;

	if (!len || len > PERSOCARD_VALUE_MAX_LEN || !value)
		return PERSOCARD_SW_WRONG_LENGTH;
	index = persocard_profile_index(card->profile, tag);
	if (index < 0)
		return PERSOCARD_SW_NOT_FOUND;
	el = &card->profile->elements[index];
	if (len < el->min_len || len > el->max_len)
		return PERSOCARD_SW_WRONG_LENGTH;
	if (!persocard_value_valid(el, value, len))
		return PERSOCARD_SW_WRONG_DATA;

	total = card->staged_total - card->staged_len[index] + len;
	if (total + persocard_layout_overhead(&card->layout) >
	    persocard_nvm_data_size(&card->nvm))
		return PERSOCARD_SW_NO_MEMORY;

	copy = kmemdup(value, len, GFP_KERNEL);
	if (!copy)
		return PERSOCARD_SW_NO_MEMORY;
	kfree_sensitive(card->staged[index]);
	card->staged[index] = copy;
	card->staged_len[index] = len;
	card->staged_total = total;
	return 0;
}

/**
 * persocard_put_block() - one block of PUT PERSO DATA, chained or whole
 * @card: the card.
 * @owner: the file sending it.
 * @tag: the element's tag.
 * @block: this block of the value.
 * @len: its length.
 * @more: more blocks of the same value follow (ISO command chaining).
 *
 * Blocks are gathered in RAM, as part of the session; the last one sends
 * the whole value on, so a value given in pieces meets exactly the checks
 * of one given whole. A block for another tag cuts the chain, as does any
 * other command of the owner.
 *
 * Return: 9000 for a block taken; for the last, as persocard_put(). 6883
 * for a block of another tag than the chain's (the chain is dropped, the
 * session goes on); 6700 for an empty block or a value growing past
 * %PERSOCARD_VALUE_MAX_LEN; a chain out of place as persocard_put().
 */
u16 persocard_put_block(struct persocard_card *card, const void *owner,
			u16 tag, const u8 *block, size_t len, bool more)
{
	u16 sw;

	u8 *value;

	if (card->chain && card->owner != owner)
		return persocard_admit(card, owner, PERSOCARD_OP_PUT);
	if (card->chain && tag != card->chain_tag) {
		persocard_chain_cut(card);
		return PERSOCARD_SW_LAST_EXPECTED;
	}
	if (!card->chain) {
		if (!more)
			return stage(card, owner, tag, block, len);
		sw = persocard_admit(card, owner, PERSOCARD_OP_PUT);
		if (sw)
			return sw;
		card->chain = kmalloc(PERSOCARD_VALUE_MAX_LEN, GFP_KERNEL);
		if (!card->chain)
			return persocard_refuse(card, PERSOCARD_SW_NO_MEMORY);
		card->chain_tag = tag;
	}
	if (!len || len > PERSOCARD_VALUE_MAX_LEN - card->chain_len)
		return persocard_refuse(card, PERSOCARD_SW_WRONG_LENGTH);
	memcpy(card->chain + card->chain_len, block, len);
	card->chain_len += len;
	if (more)
		return SW_OK;

	/* The chain is over: the value is staged like one sent whole. */
	value = card->chain;
	len = card->chain_len;
	card->chain = NULL;
	persocard_chain_cut(card);
	sw = stage(card, owner, tag, value, len);
	kfree_sensitive(value);
	return sw;
}

/**
 * persocard_chaining() - whether a chained value from @owner is under way
 * @card: the card.
 * @owner: the file asking.
 *
 * Return: true if @owner's session has a chain open.
 */
bool persocard_chaining(const struct persocard_card *card, const void *owner)
{
	return card->chain && card->owner == owner;
}

static unsigned int list_missing(const struct persocard_card *card,
				 u16 *missing)
{
	const struct persocard_profile *profile = card->profile;
	unsigned int i, n = 0;

	for (i = 0; i < profile->nr_elements; i++)
		if ((profile->elements[i].flags & PERSOCARD_TAG_MANDATORY) &&
		    !card->staged_len[i])
			missing[n++] = profile->elements[i].tag;
	return n;
}

/*
 * The data area first, the records packed from its start (past them NVM
 * keeps the noise of a new chip; masking the whole area made LOCK's cost
 * follow nvm_size); then the system record, whose new state is the commit
 * point. Until that last write the record says SEMI_FINISHED, and nothing
 * reads the data area of a SEMI_FINISHED card.
 */
static int commit(struct persocard_card *card)
{
	size_t size = card->staged_total +
		      persocard_layout_overhead(&card->layout);
	struct persocard_record next;
	u8 *area;
	int ret;

	area = kvmalloc(size, GFP_KERNEL);
	if (!area)
		return -ENOMEM;
	persocard_layout_encode(&card->layout, area, size, card->staged,
				card->staged_len);
	ret = persocard_nvm_write(&card->nvm, card->nvm.data_offset, area,
				  size);
	kvfree_sensitive(area, size);
	if (ret)
		return ret;
	next = card->rec;
	next.state = persocard_transition(persocard_state(card),
					  PERSOCARD_OP_LOCK)->next;
	if (card->trace_set)
		memcpy(next.trace, card->trace, sizeof(next.trace));
	persocard_app_lock(card, &next);
	ret = persocard_update(card, &next);
	return ret;
}

/**
 * persocard_lock() - LOCK PERSO: commit the session, for good
 * @card: the card.
 * @owner: the file sending it.
 * @missing: receives the mandatory tags not staged, %PERSOCARD_MAX_TAGS
 *	entries at most.
 * @nr_missing: receives their number.
 *
 * Under a secure channel the card then computes its receipt
 * (persocard_receipt()), for the response to carry.
 *
 * Return: 9000 (now PERSONALIZED); 6A80 with @missing filled when
 * mandatory elements are missing, or while a DGI is half received; 6581
 * if the NVM write failed, NVM as it was; 6A84 if memory for the commit
 * could not be had; or as persocard_enable() for a command out of place.
 */
u16 persocard_lock(struct persocard_card *card, const void *owner,
		   u16 *missing, u16 *nr_missing)
{
	int ret;
	u16 sw;

	*nr_missing = 0;
	interrupt_chain(card, owner);
	sw = persocard_admit(card, owner, PERSOCARD_OP_LOCK);
	if (sw)
		return sw;
	*nr_missing = list_missing(card, missing);
	if (*nr_missing || card->dgi.buf)
		return persocard_refuse(card, PERSOCARD_SW_WRONG_DATA);

	/* The receipt first: once the commit is made, nothing may fail. */
	ret = card->sc.level ? persocard_receipt(card) : 0;
	if (!ret)
		ret = commit(card);
	if (ret) {
		memzero_explicit(card->receipt, sizeof(card->receipt));
		card->receipt_ready = false;
	}
	if (ret)
		return persocard_refuse(card, ret == -ENOMEM ?
					PERSOCARD_SW_NO_MEMORY :
					PERSOCARD_SW_MEMORY_FAILURE);
	persocard_end_session(card);
	return SW_OK;
}

/**
 * persocard_reset() - warm reset: end any session, as a power cut would
 * @card: the card.
 * @owner: the file asking.
 *
 * Return: 9000, or 6985 if another file's session runs (left alone).
 */
u16 persocard_reset(struct persocard_card *card, const void *owner)
{
	u16 sw;

	interrupt_chain(card, owner);
	sw = persocard_admit(card, owner, PERSOCARD_OP_RESET);
	if (sw)
		return sw;
	persocard_end_session(card);
	return SW_OK;
}

/**
 * persocard_close() - a file is gone: end its session, if it had one
 * @card: the card.
 * @owner: the file being released.
 */
void persocard_close(struct persocard_card *card, const void *owner)
{
	if (card->owner == owner)
		persocard_end_session(card);
}

/**
 * persocard_power_off() - the card lost power: end any session
 * @card: the card.
 *
 * It takes no command until persocard_power_up().
 */
void persocard_power_off(struct persocard_card *card)
{
	persocard_end_session(card);
	card->nvm.powered = false;
}

/* Take the card's RAM state from @rec: its profile and its layout. */
static int mount(struct persocard_card *card,
		 const struct persocard_record *rec, unsigned int slot)
{
	const struct persocard_profile *profile;

	profile = persocard_profile_by_id(rec->profile);
	if (!profile)
		return -EIO;
	card->rec = *rec;
	card->slot = slot;
	card->profile = profile;
	persocard_layout_init(&card->layout, rec->secret, profile->nr_elements);
	return 0;
}

/**
 * persocard_power_up() - power the card up: recovery
 * @card: the card.
 *
 * RAM is lost with the power; the card is what its NVM holds: the newer
 * whole copy of its record (record.c), so every update a power cut
 * interrupted is wholly undone or wholly done.
 *
 * Return: 0, or -EIO if NVM holds no valid record (the card stays mute).
 */
int persocard_power_up(struct persocard_card *card)
{
	struct persocard_record rec;
	unsigned int slot;
	int ret;

	persocard_end_session(card);
	ret = persocard_record_load(&card->nvm, &rec, &slot);
	if (!ret)
		ret = mount(card, &rec, slot);
	persocard_record_wipe(&rec);
	if (ret)
		return ret;
	card->nvm.powered = true;
	card->recoveries++;
	return 0;
}

/**
 * persocard_card_adopt() - take another chip's contents (a restored image)
 * @card: the card; no session runs.
 * @mem: the NVM to take, @size bytes: the card's own size.
 * @size: bytes.
 * @serial: the serial the record in @mem must hold.
 *
 * Checks first: nothing changes unless @mem holds a valid record of a
 * known profile and of @serial. The card is then powered up on it.
 *
 * Return: 0; -EMSGSIZE for another size; -EIO for NVM without such a
 * record.
 */
int persocard_card_adopt(struct persocard_card *card, const u8 *mem,
			 size_t size, u64 serial)
{
	struct persocard_nvm view = card->nvm;
	struct persocard_record rec;
	unsigned int slot;
	int ret;

	if (size != card->nvm.size)
		return -EMSGSIZE;
	view.mem = (u8 *)mem;
	ret = persocard_record_load(&view, &rec, &slot);
	if (!ret && (!persocard_profile_by_id(rec.profile) ||
		     rec.serial != serial))
		ret = -EIO;
	persocard_record_wipe(&rec);
	if (ret)
		return ret;
	memcpy(card->nvm.mem, mem, size);
	persocard_nvm_disarm_cut(&card->nvm);
	card->nvm.powered = false;
	return persocard_power_up(card);
}

/**
 * persocard_status() - GET STATUS
 * @card: the card.
 * @owner: the file asking.
 * @status: filled in full; its reserved fields zeroed.
 */
void persocard_status(const struct persocard_card *card, const void *owner,
		      struct persocard_status *status)
{
	const struct persocard_transition *t;

	memset(status, 0, sizeof(*status));
	status->state = persocard_state(card);
	status->profile = card->profile->id;
	if (card->owner)
		status->flags |= PERSOCARD_STATUS_SESSION;
	if (card->owner && card->owner == owner)
		status->flags |= PERSOCARD_STATUS_OWNER;
	if (persocard_card_scp03(card))
		status->flags |= PERSOCARD_STATUS_SCP03;
	if (card->sc.level)
		status->flags |= PERSOCARD_STATUS_SECURE;
	status->sw = consult(card, PERSOCARD_OP_GET_STATUS, &t) ?: SW_OK;
	status->tries_left = persocard_tries_left(card);
	status->try_limit = card->rec.try_limit;
	status->serial = card->rec.serial;
}

/**
 * persocard_get_data() - GET DATA: read a public element back
 * @card: the card.
 * @tag: the element's tag.
 * @value: receives the value; %PERSOCARD_VALUE_MAX_LEN bytes.
 * @len: receives its length.
 *
 * Return: 9000; 6985 unless PERSONALIZED; 6A88 for a tag the profile
 * lacks or that was not stored; 6982 for a secret element; 6581 if NVM is
 * unreadable.
 */
u16 persocard_get_data(const struct persocard_card *card, u16 tag,
		       u8 *value, u16 *len)
{
	const struct persocard_transition *t;
	int index;
	u16 sw;

	*len = 0;
	sw = consult(card, PERSOCARD_OP_GET_DATA, &t);
	if (sw)
		return sw;
	index = persocard_profile_index(card->profile, tag);
	if (index < 0)
		return PERSOCARD_SW_NOT_FOUND;
	if (card->profile->elements[index].flags & PERSOCARD_TAG_SECRET)
		return PERSOCARD_SW_SECURITY_STATUS;
	if (persocard_layout_read(&card->layout, persocard_nvm_data(&card->nvm),
				  persocard_nvm_data_size(&card->nvm), index,
				  value, len))
		return PERSOCARD_SW_MEMORY_FAILURE;
	return *len ? SW_OK : PERSOCARD_SW_NOT_FOUND;
}

static bool code_len_valid(size_t len)
{
	return len >= PERSOCARD_CODE_MIN_LEN && len <= PERSOCARD_CODE_MAX_LEN;
}

/**
 * persocard_card_init() - make a card
 * @card: zeroed memory for it.
 * @config: what it is made with.
 * @secret: %PERSOCARD_SECRET_LEN bytes keying its layout.
 * @serial: its serial number.
 *
 * The chip comes full of noise; the maker's tester writes the first
 * record, which no injected fault stops.
 *
 * Return: 0, -EINVAL for a bad @config, or -ENOMEM.
 */
int persocard_card_init(struct persocard_card *card,
			const struct persocard_config *config,
			const u8 *secret, u64 serial)
{
	struct persocard_record first = {
		.state = PERSOCARD_STATE_SEMI_FINISHED,
		.serial = serial,
	};
	int ret;

	if (!config->profile || !config->try_limit ||
	    config->try_limit > PERSOCARD_TRY_LIMIT_MAX ||
	    !code_len_valid(config->code_len) ||
	    (config->keys && !persocard_scp03_keyset_valid(config->keys)))
		return -EINVAL;
	ret = persocard_nvm_init(&card->nvm, config->nvm_size,
				 config->page_size, NULL);
	if (ret)
		return ret;
	card->nvm.data_offset = persocard_record_area(config->page_size);

	first.tries_left = config->try_limit;
	first.try_limit = config->try_limit;
	first.profile = config->profile->id;
	first.code_len = config->code_len;
	memcpy(first.code, config->code, config->code_len);
	memcpy(first.secret, secret, PERSOCARD_SECRET_LEN);
	if (config->keys)
		first.keys = *config->keys;
	first.made = config->made;
	card->slot = 1;		/* so the first record goes to copy 0 */
	ret = persocard_update(card, &first);
	if (!ret)
		ret = mount(card, &card->rec, card->slot);
	if (ret) {
		persocard_card_destroy(card);
		return ret;
	}
	card->nvm.fault = config->fault;
	return 0;
}

/**
 * persocard_card_destroy() - wipe and free what a card holds
 * @card: the card.
 */
void persocard_card_destroy(struct persocard_card *card)
{
	persocard_end_session(card);
	persocard_nvm_destroy(&card->nvm);
	persocard_layout_wipe(&card->layout);
	persocard_record_wipe(&card->rec);
	persocard_scp03_end(&card->sc);
}

/**
 * persocard_card_factory_reset() - turn the card into a new blank one
 * @card: the card.
 * @secret: its new layout secret.
 * @serial: its new serial number.
 *
 * Ends any session and forgets the data: one record update gives the card
 * a new serial, a new layout secret, a full try counter and no data (what
 * the data area holds was masked under the old secret, which is gone). The
 * maker's settings (profile, code, try limit) stay, as for the next card
 * of the same batch.
 *
 * Return: 0, or as persocard_nvm_write(): the card is the old one.
 */
int persocard_card_factory_reset(struct persocard_card *card,
				 const u8 *secret, u64 serial)
{
	struct persocard_record next = card->rec;
	int ret;

	persocard_end_session(card);
	next.state = PERSOCARD_STATE_SEMI_FINISHED;
	next.tries_left = next.try_limit;
	next.used = 0;
	next.serial = serial;
	memcpy(next.secret, secret, PERSOCARD_SECRET_LEN);
	memzero_explicit(next.trace, sizeof(next.trace));
	ret = persocard_update(card, &next);
	if (ret)
		return ret;
	return mount(card, &card->rec, card->slot);
}

/**
 * persocard_card_fresh() - may the maker still change the card?
 * @card: the card.
 *
 * Return: true until the first ENABLE PERSO.
 */
bool persocard_card_fresh(const struct persocard_card *card)
{
	return !card->rec.used;
}

/**
 * persocard_card_set_profile() - choose the application field
 * @card: a fresh card.
 * @profile: the new profile.
 *
 * Return: 0, -EBUSY if the card is not fresh, or as persocard_nvm_write().
 */
int persocard_card_set_profile(struct persocard_card *card,
			       const struct persocard_profile *profile)
{
	struct persocard_record next;
	int ret;

	if (!persocard_card_fresh(card))
		return -EBUSY;
	next = card->rec;
	next.profile = profile->id;
	ret = persocard_update(card, &next);
	if (ret)
		return ret;
	return mount(card, &card->rec, card->slot);
}

/**
 * persocard_card_set_code() - set the perso code
 * @card: a fresh card.
 * @code: the code.
 * @len: %PERSOCARD_CODE_MIN_LEN to %PERSOCARD_CODE_MAX_LEN.
 *
 * Return: 0, -EINVAL for a bad length, -EBUSY if the card is not fresh, or
 * as persocard_nvm_write().
 */
int persocard_card_set_code(struct persocard_card *card,
			    const u8 *code, size_t len)
{
	struct persocard_record next;

	if (!persocard_card_fresh(card))
		return -EBUSY;
	if (!code_len_valid(len))
		return -EINVAL;
	next = card->rec;
	memzero_explicit(next.code, sizeof(next.code));
	memcpy(next.code, code, len);
	next.code_len = len;
	return persocard_update(card, &next);
}

/**
 * persocard_card_set_try_limit() - set the try limit, and the counter
 * @card: a fresh card.
 * @limit: 1 to %PERSOCARD_TRY_LIMIT_MAX.
 *
 * Return: 0, -EINVAL for a bad limit, -EBUSY if the card is not fresh, or
 * as persocard_nvm_write().
 */
int persocard_card_set_try_limit(struct persocard_card *card,
				 unsigned int limit)
{
	struct persocard_record next;

	if (!persocard_card_fresh(card))
		return -EBUSY;
	if (!limit || limit > PERSOCARD_TRY_LIMIT_MAX)
		return -EINVAL;
	next = card->rec;
	next.try_limit = limit;
	next.tries_left = limit;
	return persocard_update(card, &next);
}

/**
 * persocard_card_scp03() - does the card's bureau authenticate by SCP03?
 * @card: the card.
 *
 * Return: true if the maker gave it a key set, false if it takes the perso
 * code.
 */
bool persocard_card_scp03(const struct persocard_card *card)
{
	return card->rec.keys.key_len;
}

/**
 * persocard_card_set_keys() - choose how the bureau authenticates
 * @card: a fresh card.
 * @keys: an SCP03 key set, or NULL for the perso code.
 *
 * Return: 0, -EINVAL for a bad key set, -EBUSY if the card is not fresh,
 * or as persocard_nvm_write().
 */
int persocard_card_set_keys(struct persocard_card *card,
			    const struct persocard_scp03_keyset *keys)
{
	struct persocard_record next;

	if (!persocard_card_fresh(card))
		return -EBUSY;
	if (keys && !persocard_scp03_keyset_valid(keys))
		return -EINVAL;
	next = card->rec;
	memzero_explicit(&next.keys, sizeof(next.keys));
	if (keys)
		next.keys = *keys;
	return persocard_update(card, &next);
}
