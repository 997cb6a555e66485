// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the card OS driven by random command sequences, each
 * step checked against a simple model of the card.
 *
 * Input: a profile byte, a setup byte (NVM size, page size, try limit),
 * then steps:
 * a byte naming the command (bit 7: sent by a second file), then what the
 * command needs. Commands: ENABLE; VERIFY with the right code, a wrong
 * one, one of a bad length; PUT of a valid or a random value, whole or in
 * chained blocks; LOCK; RESET; close; GET DATA; GET STATUS; a raw APDU;
 * the maker's profile, code and try limit; factory reset; the next NVM
 * write or allocation failing; power off; a power cut armed at the N-th
 * program operation from now after K bytes (it may strike a later step).
 * A step the power left is followed by a power-up.
 *
 * After every step: the state is one of the five; BLOCKED iff the try
 * counter is 0; the counter never rises but to the try limit after a
 * right code (or the maker's reset of it); a secret element never answers
 * GET DATA with 9000; what LOCK answers 9000 to reads back byte for byte,
 * and LOCK's missing tags are the mandatory ones not sent; after a power
 * cut and power-up the card's record is wholly the one before or wholly
 * the one after the interrupted update (for VERIFY's two updates, either
 * of them), its data with it. A broken invariant traps.
 */
#include "harness.h"

static const char owner_a, owner_b;
static const size_t nvm_sizes[] = { 1024, 2048, 4096 };

enum op {
	OP_ENABLE,
	OP_VERIFY_RIGHT,
	OP_VERIFY_WRONG,
	OP_VERIFY_BAD_LENGTH,
	OP_PUT_VALID,
	OP_PUT_RANDOM,
	OP_PUT_CHAINED,
	OP_LOCK,
	OP_RESET,
	OP_CLOSE,
	OP_GET_DATA,
	OP_GET_STATUS,
	OP_APDU,
	OP_SET_PROFILE,
	OP_SET_CODE,
	OP_SET_TRY_LIMIT,
	OP_FACTORY_RESET,
	OP_FAIL_WRITE,
	OP_FAIL_ALLOC,
	OP_POWER_OFF,
	OP_POWER_CUT,
	NR_OPS
};

/* What the card should hold, as far as its answers so far tell. */
struct model {
	u8 code[PERSOCARD_CODE_MAX_LEN];
	size_t code_len;
	unsigned int try_limit;
	u8 tries;
	bool used;
	bool personalized;
	/* The session's staged values and chain, by profile index. */
	u16 staged_len[PERSOCARD_MAX_TAGS];
	bool staged[PERSOCARD_MAX_TAGS];
	u8 staged_value[PERSOCARD_MAX_TAGS][PERSOCARD_VALUE_MAX_LEN];
	u8 chain[PERSOCARD_VALUE_MAX_LEN];
	u16 chain_len;
	/* What LOCK committed. */
	u16 committed_len[PERSOCARD_MAX_TAGS];
	bool committed[PERSOCARD_MAX_TAGS];
	u8 committed_value[PERSOCARD_MAX_TAGS][PERSOCARD_VALUE_MAX_LEN];
};

static struct model m;
static bool trace;	/* FZ_TRACE=1: print each step (replaying an input) */
static struct persocard_card card;

/*
 * What a power cut in this step may leave: the card's record (seq aside)
 * before the step, or after each NVM update the step makes.
 */
#define MAX_CANDIDATES	3
static struct persocard_record cand[MAX_CANDIDATES];
/* What each candidate is after: the model follows the one found. */
static enum { AFTER_NOTHING, AFTER_LOCK, AFTER_FACTORY_RESET, AFTER_OTHER }
	cand_kind[MAX_CANDIDATES];
static unsigned int nr_cand;
static unsigned int page_size;

static void record_now(struct persocard_record *r)
{
	*r = card.rec;
}

/* Field by field: the sequence number aside, and padding is no field. */
static bool record_equal(const struct persocard_record *a,
			 const struct persocard_record *b)
{
	return a->state == b->state && a->tries_left == b->tries_left &&
	       a->used == b->used && a->try_limit == b->try_limit &&
	       a->profile == b->profile && a->code_len == b->code_len &&
	       a->serial == b->serial &&
	       !memcmp(a->code, b->code, sizeof(a->code)) &&
	       !memcmp(a->secret, b->secret, sizeof(a->secret));
}

/* The record the step's next update writes: from the last candidate. */
static struct persocard_record *candidate(void)
{
	fz_check(nr_cand < MAX_CANDIDATES, "candidates");
	cand[nr_cand] = cand[nr_cand - 1];
	cand_kind[nr_cand] = AFTER_OTHER;
	return &cand[nr_cand++];
}

static void expect_enable(void)
{
	if (!card.rec.used)
		candidate()->used = 1;
}

static void expect_verify(void)
{
	if (card.rec.tries_left)
		candidate()->tries_left--;
	candidate()->tries_left = card.rec.try_limit;	/* a right code's */
}

static void expect_lock(void)
{
	candidate()->state = PERSOCARD_STATE_PERSONALIZED;
	cand_kind[nr_cand - 1] = AFTER_LOCK;
}
static u8 buf[PERSOCARD_APDU_MAX_LEN + 16];
static u8 resp[PERSOCARD_RESPONSE_MAX_LEN];

static void model_forget_session(void)
{
	memset(m.staged, 0, sizeof(m.staged));
	m.chain_len = 0;
}

static void model_blank(void)
{
	model_forget_session();
	memset(m.committed, 0, sizeof(m.committed));
	m.personalized = false;
	m.used = false;
	m.tries = m.try_limit;
}

/* The card took @len bytes for @tag as one whole value: it is staged. */
static void model_stage(u16 tag, const u8 *value, size_t len)
{
	int i = persocard_profile_index(card.profile, tag);
	const struct persocard_element *el;

	fz_check(i >= 0, "PUT %04x of no element answered 9000", tag);
	el = &card.profile->elements[i];
	fz_check(len >= el->min_len && len <= el->max_len &&
		 persocard_value_valid(el, value, len),
		 "PUT %04x of %zu bad bytes answered 9000", tag, len);
	memcpy(m.staged_value[i], value, len);
	m.staged_len[i] = len;
	m.staged[i] = true;
}

/* One PUT block answered 9000 (@was_chaining: a chain was open before). */
static void model_block(u16 tag, const u8 *block, size_t len, bool more,
			bool was_chaining)
{
	if (!was_chaining)
		m.chain_len = 0;
	fz_check(m.chain_len + len <= PERSOCARD_VALUE_MAX_LEN,
		 "a chain of %zu bytes taken", m.chain_len + len);
	memcpy(m.chain + m.chain_len, block, len);
	m.chain_len += len;
	if (!more) {
		model_stage(tag, m.chain, m.chain_len);
		m.chain_len = 0;
	}
}

static unsigned int model_missing(u16 *missing)
{
	unsigned int i, n = 0;

	for (i = 0; i < card.profile->nr_elements; i++)
		if ((card.profile->elements[i].flags & PERSOCARD_TAG_MANDATORY) &&
		    !m.staged[i])
			missing[n++] = card.profile->elements[i].tag;
	return n;
}

/* Every element reads back as LOCK committed it, secrets never. */
static void check_read_back(void)
{
	static u8 value[PERSOCARD_VALUE_MAX_LEN];
	unsigned int i;

	for (i = 0; i < card.profile->nr_elements; i++) {
		const struct persocard_element *el = &card.profile->elements[i];
		u16 len;
		u16 sw = persocard_get_data(&card, el->tag, value, &len);

		if (el->flags & PERSOCARD_TAG_SECRET)
			fz_check(sw == PERSOCARD_SW_SECURITY_STATUS,
				 "GET DATA of secret %s: %04x", el->name, sw);
		else if (m.committed[i])
			fz_check(sw == PERSOCARD_SW_OK &&
				 len == m.committed_len[i] &&
				 !memcmp(value, m.committed_value[i], len),
				 "%s reads back %04x, %u bytes", el->name, sw,
				 len);
		else
			fz_check(sw == PERSOCARD_SW_NOT_FOUND,
				 "%s never sent: %04x", el->name, sw);
	}
}

/* LOCK answered @sw, with @missing when 6A80. */
static void model_lock(u16 sw, const u16 *missing, unsigned int nr)
{
	u16 want[PERSOCARD_MAX_TAGS];
	unsigned int n = model_missing(want);

	if (sw == PERSOCARD_SW_WRONG_DATA && missing)
		fz_check(nr == n && !memcmp(missing, want, 2 * n),
			 "LOCK lists %u missing tags, %u are", nr, n);
	if (sw != PERSOCARD_SW_OK)
		return;
	fz_check(!n, "LOCK 9000 with %u mandatory elements missing", n);
	memcpy(m.committed, m.staged, sizeof(m.staged));
	memcpy(m.committed_len, m.staged_len, sizeof(m.staged_len));
	memcpy(m.committed_value, m.staged_value, sizeof(m.staged_value));
	m.personalized = true;
	check_read_back();
}

/* GET DATA of @tag answered @sw with @len bytes of @value. */
static void check_get_data(u16 tag, u16 sw, const u8 *value, size_t len)
{
	int i = persocard_profile_index(card.profile, tag);

	if (sw != PERSOCARD_SW_OK)
		return;
	fz_check(i >= 0, "GET DATA %04x of no element: 9000", tag);
	fz_check(!(card.profile->elements[i].flags & PERSOCARD_TAG_SECRET),
		 "GET DATA of secret %04x: 9000", tag);
	fz_check(m.committed[i] && len == m.committed_len[i] &&
		 !memcmp(value, m.committed_value[i], len),
		 "GET DATA %04x: not what LOCK took", tag);
}

static void check_verify(u16 sw, bool right)
{
	u8 tries = persocard_tries_left(&card);

	if (sw == PERSOCARD_SW_OK) {
		fz_check(right, "a wrong code answered 9000");
		fz_check(tries == m.try_limit, "right code: %u tries", tries);
	} else if ((sw & 0xFFF0) == PERSOCARD_SW_VERIFY_FAILED) {
		fz_check(!right, "the right code answered %04x", sw);
		fz_check((sw & 0xF) == tries && tries + 1 == m.tries,
			 "%04x with %u tries, %u before", sw, tries, m.tries);
	}
	if (sw == PERSOCARD_SW_OK)
		m.tries = tries;	/* the one way up */
}

/* A raw APDU: into the model as the card OS function it ran. */
static void apdu_step(const void *owner, struct fz_in *in)
{
	size_t len = fz_bytes(in, buf, fz_u16(in) % (sizeof(buf) + 1));
	bool was_chaining = persocard_chaining(&card, owner);
	struct persocard_apdu a;
	size_t resp_len;
	u16 sw;

	bool parsed = len <= PERSOCARD_APDU_MAX_LEN &&
		      !persocard_apdu_parse(buf, len, &a);

	if (parsed && a.ins == PERSOCARD_INS_ENABLE)
		expect_enable();
	if (parsed && a.ins == PERSOCARD_INS_VERIFY)
		expect_verify();
	if (parsed && a.ins == PERSOCARD_INS_LOCK)
		expect_lock();
	sw = fz_transmit(&card, owner, buf, len, resp, &resp_len);
	if (!parsed || (a.cla & ~PERSOCARD_CLA_CHAIN) != PERSOCARD_CLA)
		return;
	switch (a.ins) {
	case PERSOCARD_INS_ENABLE:
		if (sw == PERSOCARD_SW_OK) {
			m.used = true;
			model_forget_session();
		}
		break;
	case PERSOCARD_INS_VERIFY:
		check_verify(sw, a.nc == m.code_len &&
			     !memcmp(a.data, m.code, a.nc));
		break;
	case PERSOCARD_INS_PUT:
		if (sw == PERSOCARD_SW_OK)
			model_block((a.p1 << 8) | a.p2, a.data, a.nc,
				    a.cla & PERSOCARD_CLA_CHAIN, was_chaining);
		break;
	case PERSOCARD_INS_LOCK:
		model_lock(sw, NULL, 0);
		break;
	case PERSOCARD_INS_GET_DATA:
		check_get_data((a.p1 << 8) | a.p2, sw, resp, resp_len - 2);
		break;
	}
}

static void put_chained(const void *owner, struct fz_in *in, u16 tag)
{
	static u8 value[PERSOCARD_VALUE_MAX_LEN];
	size_t len = fz_bytes(in, value, fz_u16(in) % (sizeof(value) + 1));
	size_t block = 1 + fz_u8(in), off = 0;

	do {
		size_t n = min(block, len - off);
		bool more = off + n < len;
		bool was_chaining = persocard_chaining(&card, owner);
		u16 sw = persocard_put_block(&card, owner, tag, value + off,
					     n, more);

		if (sw != PERSOCARD_SW_OK)
			return;
		model_block(tag, value + off, n, more, was_chaining);
		off += n;
	} while (off < len);
}

static u16 pick_tag(struct fz_in *in)
{
	u8 b = fz_u8(in);

	if (b < 0xF0)
		return card.profile->elements[b % card.profile->nr_elements].tag;
	return fz_u16(in);	/* now and then, any tag */
}

/* A maker's setting answered @ret where @want was due: a write may fail. */
static bool maker_ret(int ret, int want)
{
	fz_check(ret == want || (!want && (ret == -EIO || ret == -ESHUTDOWN)),
		 "a maker setting answered %d, not %d", ret, want);
	return !ret;
}

static void maker_step(enum op op, struct fz_in *in)
{
	u8 code[PERSOCARD_CODE_MAX_LEN + 8];
	bool fresh = persocard_card_fresh(&card);
	struct persocard_record *next;
	size_t len;
	int ret;

	switch (op) {
	case OP_SET_PROFILE: {
		const struct persocard_profile *p =
			persocard_profile_by_id(1 + fz_u8(in) % 3);

		if (fresh)
			candidate()->profile = p->id;
		maker_ret(persocard_card_set_profile(&card, p),
			  fresh ? 0 : -EBUSY);
		break;
	}
	case OP_SET_CODE:
		len = fz_bytes(in, code, fz_u8(in) % sizeof(code));
		ret = !fresh ? -EBUSY : len < PERSOCARD_CODE_MIN_LEN ||
		      len > PERSOCARD_CODE_MAX_LEN ? -EINVAL : 0;
		if (!ret) {
			next = candidate();
			memset(next->code, 0, sizeof(next->code));
			memcpy(next->code, code, len);
			next->code_len = len;
		}
		if (maker_ret(persocard_card_set_code(&card, code, len), ret)) {
			memcpy(m.code, code, len);
			m.code_len = len;
		}
		break;
	case OP_SET_TRY_LIMIT:
		len = fz_u8(in) % (PERSOCARD_TRY_LIMIT_MAX + 2);
		ret = !fresh ? -EBUSY : !len || len > PERSOCARD_TRY_LIMIT_MAX ?
		      -EINVAL : 0;
		if (!ret) {
			next = candidate();
			next->try_limit = len;
			next->tries_left = len;
		}
		if (maker_ret(persocard_card_set_try_limit(&card, len), ret)) {
			m.try_limit = len;
			m.tries = len;
		}
		break;
	default: {	/* OP_FACTORY_RESET */
		u8 secret[PERSOCARD_SECRET_LEN];
		u64 serial;

		fz_card_identity(fz_u16(in), secret, &serial);
		next = candidate();
		next->state = PERSOCARD_STATE_SEMI_FINISHED;
		next->tries_left = next->try_limit;
		next->used = 0;
		next->serial = serial;
		memcpy(next->secret, secret, PERSOCARD_SECRET_LEN);
		cand_kind[nr_cand - 1] = AFTER_FACTORY_RESET;
		if (maker_ret(persocard_card_factory_reset(&card, secret, serial), 0))
			model_blank();
		break;
	}
	}
}

/*
 * The power went during the step (a cut, or power off): power up, and the
 * record must be one of the step's candidates; the model follows it.
 */
static void power_up(void)
{
	struct persocard_record now;
	bool was_personalized = m.personalized;
	unsigned int i;

	fz_check(!persocard_power_up(&card), "power-up found no record");
	record_now(&now);
	for (i = 0; i < nr_cand; i++)
		if (record_equal(&now, &cand[i]))
			break;
	fz_check(i < nr_cand, "after power-up: state %u, %u tries, used %u: "
		 "none of the %u records before or after the step",
		 now.state, now.tries_left, now.used, nr_cand);

	if (trace)
		fprintf(stderr, "power-up: the record %s of %u\n",
			i ? "after update" : "before the step", nr_cand);
	m.tries = now.tries_left;
	m.used = now.used;
	m.try_limit = now.try_limit;
	memcpy(m.code, now.code, sizeof(m.code));
	m.code_len = now.code_len;
	if (cand_kind[i] == AFTER_FACTORY_RESET) {
		model_blank();
	} else if (cand_kind[i] == AFTER_LOCK && !was_personalized) {
		memcpy(m.committed, m.staged, sizeof(m.staged));
		memcpy(m.committed_len, m.staged_len, sizeof(m.staged_len));
		memcpy(m.committed_value, m.staged_value,
		       sizeof(m.staged_value));
		m.personalized = true;
	}
	model_forget_session();
	if (m.personalized)
		check_read_back();
}

static void step(struct fz_in *in)
{
	u8 b = fz_u8(in);
	enum op op = (b & 0x7F) % NR_OPS;
	const void *owner = b & 0x80 ? &owner_b : &owner_a;
	static u8 value[PERSOCARD_VALUE_MAX_LEN + 1];	/* one too many: 6700 */
	u16 missing[PERSOCARD_MAX_TAGS], nr, tag, len16;
	struct persocard_status st;
	size_t len;
	u8 tries;
	u16 sw;

	record_now(&cand[0]);
	cand_kind[0] = AFTER_NOTHING;
	nr_cand = 1;
	switch (op) {
	case OP_ENABLE:
		expect_enable();
		if (persocard_enable(&card, owner) == PERSOCARD_SW_OK) {
			m.used = true;
			model_forget_session();
		}
		break;
	case OP_VERIFY_RIGHT:
		expect_verify();
		check_verify(persocard_verify(&card, owner, m.code, m.code_len,
					      &tries), true);
		break;
	case OP_VERIFY_WRONG:
		if (card.rec.tries_left)
			candidate()->tries_left--;
		memcpy(value, m.code, m.code_len);
		value[fz_u8(in) % m.code_len] ^= 1 + fz_u8(in) % 255;
		check_verify(persocard_verify(&card, owner, value, m.code_len,
					      &tries), false);
		break;
	case OP_VERIFY_BAD_LENGTH:
		len = fz_u8(in) % 8;
		len = len < PERSOCARD_CODE_MIN_LEN ? len :
		      PERSOCARD_CODE_MAX_LEN + len - 3;
		memset(value, 'x', len);
		sw = persocard_verify(&card, owner, value, len, &tries);
		fz_check(sw != PERSOCARD_SW_OK &&
			 (sw & 0xFFF0) != PERSOCARD_SW_VERIFY_FAILED,
			 "a code of %zu bytes: %04x", len, sw);
		break;
	case OP_PUT_VALID:
	case OP_PUT_RANDOM:
		tag = pick_tag(in);
		if (op == OP_PUT_VALID && persocard_profile_index(card.profile, tag) >= 0)
			len = fz_valid_value(&card.profile->elements[
				persocard_profile_index(card.profile, tag)],
				fz_u8(in), value);
		else
			len = fz_bytes(in, value, fz_u16(in) % (sizeof(value) + 1));
		if (persocard_put(&card, owner, tag, value, len) == PERSOCARD_SW_OK)
			model_stage(tag, value, len);
		break;
	case OP_PUT_CHAINED:
		put_chained(owner, in, pick_tag(in));
		break;
	case OP_LOCK:
		expect_lock();
		sw = persocard_lock(&card, owner, missing, &nr);
		model_lock(sw, missing, nr);
		break;
	case OP_RESET:
		persocard_reset(&card, owner);
		break;
	case OP_CLOSE:
		persocard_close(&card, owner);
		break;
	case OP_GET_DATA:
		tag = pick_tag(in);
		sw = persocard_get_data(&card, tag, value, &len16);
		check_get_data(tag, sw, value, len16);
		break;
	case OP_GET_STATUS:
		persocard_status(&card, owner, &st);
		fz_check(st.state == persocard_state(&card) &&
			 st.tries_left == persocard_tries_left(&card) &&
			 st.try_limit == m.try_limit && st.sw == PERSOCARD_SW_OK,
			 "GET STATUS");
		break;
	case OP_APDU:
		apdu_step(owner, in);
		break;
	case OP_SET_PROFILE:
	case OP_SET_CODE:
	case OP_SET_TRY_LIMIT:
	case OP_FACTORY_RESET:
		maker_step(op, in);
		break;
	case OP_FAIL_WRITE:
		kshim_fail_write = 1 + fz_u8(in) % 4;
		break;
	case OP_FAIL_ALLOC:
		kshim_fail_alloc = 1 + fz_u8(in) % 4;
		break;
	case OP_POWER_OFF:
		persocard_power_off(&card);
		break;
	default:	/* OP_POWER_CUT */
		len = fz_u16(in) % (page_size + 1);
		fz_check(!persocard_nvm_arm_cut(&card.nvm, fz_u8(in), len),
			 "arming a cut after %zu bytes", len);
		break;
	}
}

/* What must hold after every step, whatever it was. */
static void check_card(void)
{
	struct persocard_status st;
	enum persocard_state state = persocard_state(&card);
	u8 tries = persocard_tries_left(&card);

	fz_check(state >= PERSOCARD_STATE_SEMI_FINISHED &&
		 state <= PERSOCARD_STATE_BLOCKED, "state %d", state);
	fz_check((state == PERSOCARD_STATE_BLOCKED) == !tries,
		 "state %d with %u tries", state, tries);
	fz_check(tries <= m.tries, "the try counter rose from %u to %u",
		 m.tries, tries);
	m.tries = tries;
	fz_check(m.personalized == (state == PERSOCARD_STATE_PERSONALIZED),
		 "state %d, personalized %d", state, m.personalized);
	fz_check(persocard_card_fresh(&card) == !m.used, "fresh");

	persocard_status(&card, NULL, &st);
	if (st.flags & PERSOCARD_STATUS_SESSION) {
		fz_check(state == PERSOCARD_STATE_READY ||
			 state == PERSOCARD_STATE_PERSONALIZING,
			 "a session in state %d", state);
	} else {
		fz_check(state != PERSOCARD_STATE_READY &&
			 state != PERSOCARD_STATE_PERSONALIZING,
			 "state %d without a session", state);
		model_forget_session();
	}
	if (!persocard_chaining(&card, &owner_a) &&
	    !persocard_chaining(&card, &owner_b))
		m.chain_len = 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	trace = getenv("FZ_TRACE") != NULL;
	return 0;
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct fz_in in = { data, size };
	u32 profile = 1 + fz_u8(&in) % 3;
	u8 setup = fz_u8(&in);

	kshim_fail_write = 0;
	kshim_fail_alloc = 0;
	memset(&m, 0, sizeof(m));
	memcpy(m.code, FZ_CODE, FZ_CODE_LEN);
	m.code_len = FZ_CODE_LEN;
	m.try_limit = 1 + (setup >> 4) % PERSOCARD_TRY_LIMIT_MAX;
	page_size = 16 << ((setup >> 2) & 3);
	model_blank();
	fz_check(!fz_card_make(&card, profile, m.try_limit,
			       nvm_sizes[setup % 3], page_size, setup),
		 "card made");

	while (in.n) {
		u8 b = in.p[0];

		step(&in);
		if (!persocard_card_powered(&card))
			power_up();
		check_card();
		if (trace)
			fprintf(stderr, "step %2u%s: state %d, %u tries%s\n",
				(b & 0x7F) % NR_OPS, b & 0x80 ? " (B)" : "",
				persocard_state(&card),
				persocard_tries_left(&card),
				m.personalized ? ", personalized" : "");
	}
	if (m.personalized)
		check_read_back();
	kshim_fail_write = 0;
	kshim_fail_alloc = 0;
	persocard_card_destroy(&card);
	return 0;
}
