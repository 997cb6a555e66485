// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the APDU parser and the APDU table (module/cardos/
 * apdu.c, card_apdu.c) on a card brought to each of the five states.
 *
 * Input: profile, state, and a byte for NVM size, page size and try limit, then
 * command APDUs, each a byte of flags (bit 0: sent by a second file), a
 * two-byte length and the bytes. Checked after each: the reader's checks
 * (harness.c: bounds, a known SW last), the APDU's own faults change
 * nothing, a secret element never answers GET DATA with 9000, the state
 * is one of the five and BLOCKED iff the try counter is 0.
 */
#include "harness.h"

static const char owner_a, owner_b;
static const size_t nvm_sizes[] = { 1024, 2048, 4096 };

struct snapshot {
	struct persocard_status a, b;
	bool chain_a, chain_b;
};

static void snap(const struct persocard_card *card, struct snapshot *s)
{
	memset(s, 0, sizeof(*s));	/* padding too: snapshots are memcmp()ed */
	persocard_status(card, &owner_a, &s->a);
	persocard_status(card, &owner_b, &s->b);
	s->chain_a = persocard_chaining(card, &owner_a);
	s->chain_b = persocard_chaining(card, &owner_b);
}

/* Faults of the APDU alone, answered before the card OS runs (apdu.h). */
/*
 * 6A86 is the APDU's own fault but for the GlobalPlatform commands whose
 * P1 P2 the card OS reads (a STORE DATA block out of sequence, a security
 * level): those refusals abort the session.
 */
static bool own_fault(u16 sw, bool parsed, u8 ins)
{
	return !parsed || sw == PERSOCARD_SW_CLA_UNKNOWN ||
	       sw == PERSOCARD_SW_INS_UNKNOWN ||
	       (sw == PERSOCARD_SW_WRONG_P1P2 &&
		ins != PERSOCARD_INS_STORE_DATA &&
		ins != PERSOCARD_INS_EXT_AUTH) ||
	       sw == PERSOCARD_SW_NO_CHAINING ||
	       (sw & 0xFF00) == PERSOCARD_SW_WRONG_LE;
}

static void check_state(const struct persocard_card *card)
{
	enum persocard_state st = persocard_state(card);

	fz_check(st >= PERSOCARD_STATE_SEMI_FINISHED &&
		 st <= PERSOCARD_STATE_BLOCKED, "state %d", st);
	fz_check((st == PERSOCARD_STATE_BLOCKED) ==
		 !persocard_tries_left(card), "state %d with %u tries", st,
		 persocard_tries_left(card));
}

static void check_atr(const struct persocard_card *card)
{
	u8 atr[PERSOCARD_ATR_MAX_LEN + 16];
	size_t len = persocard_atr(card, 7, atr), i;
	u8 tck = 0;

	fz_check(len <= PERSOCARD_ATR_MAX_LEN, "ATR of %zu bytes", len);
	for (i = 1; i < len; i++)
		tck ^= atr[i];
	fz_check(!tck, "TCK");
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct fz_in in = { data, size };
	static u8 cmd[PERSOCARD_APDU_MAX_LEN + 16];
	static u8 resp[PERSOCARD_RESPONSE_MAX_LEN];
	struct persocard_card card;
	static const struct persocard_scp03_keyset keys = {
		.kvn = 0x30, .key_len = 16,
		.enc = { 0x40 }, .mac = { 0x41 }, .dek = { 0x42 },
	};
	u8 first = fz_u8(&in);
	u32 profile = 1 + (first & 0x7F) % 3;
	enum persocard_state want = 1 + fz_u8(&in) % 5;
	u8 setup = fz_u8(&in);
	size_t nvm_size = nvm_sizes[setup % 3];
	unsigned int try_limit = 1 + (setup >> 4) % PERSOCARD_TRY_LIMIT_MAX;
	unsigned int page_size = 16 << ((setup >> 2) & 3);
	enum persocard_state st;

	fz_check(!fz_card_make(&card, profile, try_limit, nvm_size,
			       page_size, size),
		 "card made");
	/* A fresh card may take the secure channel instead of the code. */
	if ((first & 0x80) && want == PERSOCARD_STATE_SEMI_FINISHED)
		fz_check(!persocard_card_set_keys(&card, &keys), "keys set");
	st = fz_bring_to(&card, &owner_a, want);
	fz_check(st == want, "brought to %d, not %d", st, want);

	while (in.n) {
		u8 flags = fz_u8(&in);
		const void *owner = flags & 1 ? &owner_b : &owner_a;
		size_t len = fz_u16(&in) % (sizeof(cmd) + 1);
		struct persocard_apdu apdu;
		struct snapshot before, after;
		size_t resp_len;
		bool parsed;
		u16 sw;

		len = fz_bytes(&in, cmd, len);
		parsed = len <= PERSOCARD_APDU_MAX_LEN &&
			 !persocard_apdu_parse(cmd, len, &apdu);
		snap(&card, &before);
		sw = fz_transmit(&card, owner, cmd, len, resp, &resp_len);
		snap(&card, &after);

		fz_check(resp_len >= 2 && resp_len <= PERSOCARD_RESPONSE_MAX_LEN &&
			 ((resp[resp_len - 2] << 8) | resp[resp_len - 1]) == sw,
			 "response of %zu bytes", resp_len);
		if (own_fault(sw, parsed, parsed ? apdu.ins : 0))
			fz_check(!memcmp(&before, &after, sizeof(before)),
				 "SW %04x changed the card", sw);
		/*
		 * GET DATA answers public elements, the domain's objects and a
		 * locked payment card's counters.
		 */
		if (parsed && (apdu.cla == PERSOCARD_CLA ||
			       apdu.cla == PERSOCARD_CLA_ISO) &&
		    apdu.ins == PERSOCARD_INS_GET_DATA && sw == PERSOCARD_SW_OK) {
			u16 tag = (apdu.p1 << 8) | apdu.p2;
			int i = persocard_profile_index(card.profile, tag);

			fz_check(tag == PERSOCARD_GP_CARD_DATA ||
				 tag == PERSOCARD_GP_KEY_INFO ||
				 tag == PERSOCARD_GP_CPLC ||
				 (card.profile->id == PERSOCARD_PROFILE_PAYMENT &&
				  (tag == 0x9F36 || tag == 0x9F17)) ||
				 (i >= 0 && !(card.profile->elements[i].flags &
					      PERSOCARD_TAG_SECRET)),
				 "GET DATA %02x%02x answered 9000",
				 apdu.p1, apdu.p2);
		}
		check_state(&card);
	}
	check_atr(&card);
	persocard_card_destroy(&card);
	return 0;
}
