// SPDX-License-Identifier: GPL-2.0
/*
 * The card OS fuzz targets' common part: see harness.h.
 */
#include "harness.h"

static struct fault_attr fz_fault;

/* A card's secret and serial from @seed: the same input, the same card. */
void fz_card_identity(u64 seed, u8 *secret, u64 *serial)
{
	kshim_seed(seed);
	get_random_bytes(secret, PERSOCARD_SECRET_LEN);
	*serial = get_random_u64();
}

int fz_card_make(struct persocard_card *card, u32 profile_id,
		 unsigned int try_limit, size_t nvm_size,
		 unsigned int page_size, u64 seed)
{
	struct persocard_config config = {
		.profile = persocard_profile_by_id(profile_id),
		.code = (const u8 *)FZ_CODE,
		.code_len = FZ_CODE_LEN,
		.try_limit = try_limit,
		.nvm_size = nvm_size,
		.page_size = page_size,
		.fault = &fz_fault,
	};
	u8 secret[PERSOCARD_SECRET_LEN];
	u64 serial;
	int ret;

	memset(card, 0, sizeof(*card));
	fz_card_identity(seed, secret, &serial);
	ret = persocard_card_init(card, &config, secret, serial);
	memzero_explicit(secret, sizeof(secret));
	return ret;
}

bool fz_sw_known(u16 sw)
{
	switch (sw) {
	case PERSOCARD_SW_OK:
	case PERSOCARD_SW_MEMORY_FAILURE:
	case PERSOCARD_SW_WRONG_LENGTH:
	case PERSOCARD_SW_SECURITY_STATUS:
	case PERSOCARD_SW_AUTH_BLOCKED:
	case PERSOCARD_SW_CONDITIONS:
	case PERSOCARD_SW_WRONG_DATA:
	case PERSOCARD_SW_NO_MEMORY:
	case PERSOCARD_SW_NOT_FOUND:
	case PERSOCARD_SW_LAST_EXPECTED:
	case PERSOCARD_SW_NO_CHAINING:
	case PERSOCARD_SW_WRONG_P1P2:
	case PERSOCARD_SW_INS_UNKNOWN:
	case PERSOCARD_SW_CLA_UNKNOWN:
	case PERSOCARD_SW_AID_NOT_FOUND:
	case PERSOCARD_SW_NO_CURRENT_EF:
	case PERSOCARD_SW_FILE_INCOMPATIBLE:
	case PERSOCARD_SW_RECORD_NOT_FOUND:
	case PERSOCARD_SW_WRONG_OFFSET:
	case PERSOCARD_SW_AUTH_MAC_FAILURE:
		return true;
	}
	/* and the applications' GET RESPONSE: bytes left waiting */
	return (sw & 0xFFF0) == PERSOCARD_SW_VERIFY_FAILED ||
	       (sw & 0xFF00) == PERSOCARD_SW_WRONG_LE ||
	       (sw & 0xFF00) == PERSOCARD_SW_BYTES_REMAIN ||
	       (sw & 0xFF00) == PERSOCARD_SW_GSM_RESPONSE;
}

/* The length ISO 7816-4 gives a command of these fields. */
static size_t apdu_length(const struct persocard_apdu *a)
{
	size_t len = 4;

	if (a->extended) {
		if (a->nc)
			len += 3 + a->nc + (a->ne ? 2 : 0);
		else if (a->ne)
			len += 3;
	} else {
		if (a->nc)
			len += 1 + a->nc;
		if (a->ne)
			len += 1;
	}
	return len;
}

/*
 * TRANSMIT as the reader does it (module/reader/ioctl.c): parse, run,
 * append SW1 SW2. The command sits in a buffer of its exact length and the
 * card OS answers into one of exactly %PERSOCARD_VALUE_MAX_LEN bytes, so
 * ASan sees any access past either.
 */
u16 fz_transmit(struct persocard_card *card, const void *owner,
		const u8 *cmd, size_t len, u8 *resp, size_t *resp_len)
{
	struct persocard_apdu apdu;
	u8 *command = malloc(len ? len : 1);
	u32 n = 0;
	u16 sw;

	memcpy(command, cmd, len);
	sw = len <= PERSOCARD_APDU_MAX_LEN ?
	     persocard_apdu_parse(command, len, &apdu) :
	     PERSOCARD_SW_WRONG_LENGTH;
	if (!sw) {
		u8 *data = malloc(PERSOCARD_VALUE_MAX_LEN);

		fz_check(apdu_length(&apdu) == len,
			 "parsed nc %u ne %u ext %d from %zu bytes",
			 apdu.nc, apdu.ne, apdu.extended, len);
		fz_check(!apdu.nc ||
			 apdu.data == command + (apdu.extended ? 7 : 5),
			 "data not where Lc ends");
		fz_check(apdu.ne <= 65536, "ne %u", apdu.ne);
		sw = persocard_apdu_exec(card, owner, &apdu, data, &n);
		fz_check(n <= PERSOCARD_VALUE_MAX_LEN && n <= apdu.ne,
			 "%u response bytes for Le %u", n, apdu.ne);
		/*
		 * Data comes with 9000, with LOCK's list of missing tags, or
		 * with the 61xx of a GET RESPONSE that leaves more waiting.
		 */
		fz_check(!n || sw == PERSOCARD_SW_OK ||
			 (apdu.ins == PERSOCARD_INS_LOCK &&
			  sw == PERSOCARD_SW_WRONG_DATA && !(n & 1)) ||
			 (apdu.ins == PERSOCARD_INS_GET_RESPONSE &&
			  (sw & 0xFF00) == PERSOCARD_SW_BYTES_REMAIN),
			 "%u bytes with SW %04x", n, sw);
		memcpy(resp, data, n);
		free(data);
	} else {
		fz_check(sw == PERSOCARD_SW_WRONG_LENGTH,
			 "parse answered %04x", sw);
	}
	free(command);
	fz_check(fz_sw_known(sw), "unknown SW %04x", sw);
	resp[n] = sw >> 8;
	resp[n + 1] = sw & 0xFF;
	*resp_len = n + 2;
	return sw;
}

/* A value @el accepts; @variant picks its length and bytes. */
size_t fz_valid_value(const struct persocard_element *el, u8 variant,
		      u8 *value)
{
	size_t len = el->min_len + variant % (el->max_len - el->min_len + 1);
	size_t i;

	for (i = 0; i < len; i++) {
		switch (el->format) {
		case PERSOCARD_FMT_BCD:
			value[i] = ((variant + i) % 10) << 4 | (i % 10);
			break;
		case PERSOCARD_FMT_TEXT:
			value[i] = 'A' + (variant + i) % 26;
			break;
		case PERSOCARD_FMT_DATE:
			value[i] = (const u8[]){ 0x29, 0x12, 0x31 }[i % 3];
			break;
		case PERSOCARD_FMT_TRIES:	/* a limit of 1-15, a counter at it */
			value[i] = 1 + variant % 15;
			break;
		default:
			value[i] = variant * 31 + i;
			break;
		}
	}
	return len;
}

static void put_mandatory(struct persocard_card *card, const void *owner)
{
	const struct persocard_profile *profile = card->profile;
	u8 value[PERSOCARD_VALUE_MAX_LEN];
	unsigned int i;

	for (i = 0; i < profile->nr_elements; i++) {
		const struct persocard_element *el = &profile->elements[i];
		size_t len;

		if (!(el->flags & PERSOCARD_TAG_MANDATORY))
			continue;
		len = fz_valid_value(el, i, value);
		fz_check(persocard_put(card, owner, el->tag, value, len) ==
			 PERSOCARD_SW_OK, "PUT of a valid %s", el->name);
	}
}

/* Take a new card to @state by the bureau's commands; return where it is. */
enum persocard_state fz_bring_to(struct persocard_card *card,
				 const void *owner,
				 enum persocard_state state)
{
	u16 missing[PERSOCARD_MAX_TAGS], nr;
	u8 tries;

	switch (state) {
	case PERSOCARD_STATE_READY:
		persocard_enable(card, owner);
		break;
	case PERSOCARD_STATE_PERSONALIZING:
	case PERSOCARD_STATE_PERSONALIZED:
		persocard_enable(card, owner);
		persocard_verify(card, owner, (const u8 *)FZ_CODE,
				 FZ_CODE_LEN, &tries);
		if (state == PERSOCARD_STATE_PERSONALIZING)
			break;
		put_mandatory(card, owner);
		persocard_lock(card, owner, missing, &nr);
		break;
	case PERSOCARD_STATE_BLOCKED:
		while (persocard_tries_left(card)) {
			persocard_enable(card, owner);
			persocard_verify(card, owner, (const u8 *)"wrong",
					 5, &tries);
		}
		break;
	default:
		break;
	}
	return persocard_state(card);
}
