// SPDX-License-Identifier: GPL-2.0
/*
 * The identity card's application: the holder's public data as files, a
 * PIN, and authentication with the card's private keys.
 *
 * The keys are X25519 (RFC 7748) private keys: the kernel can compute
 * with them, and a verifier checks the answer with nothing but the card's
 * public key (file 0401 or 0402) and its own ephemeral key, as OpenSSL
 * does. GENERAL AUTHENTICATE takes the terminal's ephemeral public key
 * and answers SHA-256 of the shared secret: only the holder of the
 * private key can compute it, and the raw shared secret never leaves the
 * card. The kernel has no signature primitive with a private key that
 * fits the profile's 32-byte keys, so the "sign" key authenticates the
 * same way, behind the PIN, as a qualified key would be.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <crypto/curve25519.h>
#include <crypto/sha2.h>

#include "apdu.h"
#include "card_internal.h"

#define TAG_AUTH_KEY	0x8101
#define TAG_SIGN_KEY	0x8102
#define TAG_PIN		0x8103
#define PIN_LEN		8
#define PIN_LIMIT	3

#define SEL_APP		1	/* the application; no file */

/* Its AID; the string's terminating NUL is not part of it. */
static const u8 identity_aid[PERSOCARD_IDENTITY_AID_LEN] =
	PERSOCARD_IDENTITY_AID;

/* The profile's public elements are files by their tags; secrets are not. */
static bool identity_public_file(const struct persocard_card *card, u16 fid)
{
	int index = persocard_profile_index(card->profile, fid);

	return index >= 0 &&
	       !(card->profile->elements[index].flags & PERSOCARD_TAG_SECRET);
}

/* The key whose public half file @fid holds, or 0. */
static u16 identity_key_of_file(u16 fid)
{
	switch (fid) {
	case PERSOCARD_IDENTITY_EF_AUTH_PUB:
		return TAG_AUTH_KEY;
	case PERSOCARD_IDENTITY_EF_SIGN_PUB:
		return TAG_SIGN_KEY;
	default:
		return 0;
	}
}

/* The key GENERAL AUTHENTICATE's reference @ref names, or 0. */
static u16 identity_key_of_ref(u8 ref)
{
	switch (ref) {
	case PERSOCARD_IDENTITY_KEY_AUTH:
		return TAG_AUTH_KEY;
	case PERSOCARD_IDENTITY_KEY_SIGN:
		return TAG_SIGN_KEY;
	default:
		return 0;
	}
}

/* A key's public half: what file 0401 (or 0402) holds. */
static int identity_public_key(const struct persocard_card *card, u16 tag,
			       u8 *pub)
{
	u8 key[CURVE25519_KEY_SIZE];
	u16 len;
	int ret;

	ret = persocard_app_element(card, tag, key, &len);
	if (!ret && (len != sizeof(key) ||
		     !curve25519_generate_public(pub, key)))
		ret = -EINVAL;
	memzero_explicit(key, sizeof(key));
	return ret;
}

/* The content of file @fid, into @buf (%PERSOCARD_VALUE_MAX_LEN bytes). */
static int identity_file_content(const struct persocard_card *card, u16 fid,
				 u8 *buf, u16 *len)
{
	if (identity_key_of_file(fid)) {
		*len = CURVE25519_KEY_SIZE;
		return identity_public_key(card, identity_key_of_file(fid), buf);
	}
	return persocard_app_element(card, fid, buf, len);
}

static u16 identity_select(struct persocard_card *card,
			   const struct persocard_apdu *apdu, u8 *resp,
			   u32 *resp_len)
{
	struct persocard_app_state *app = &card->app;
	bool fci = apdu->p2 == 0x00 || apdu->p2 == 0x04;
	u16 fid, len;

	if ((apdu->p2 & ~0x04) && apdu->p2 != 0x0C)
		return PERSOCARD_SW_WRONG_P1P2;
	if (apdu->p1 == 0x04) {
		if (apdu->nc != sizeof(identity_aid) ||
		    memcmp(apdu->data, identity_aid, sizeof(identity_aid)))
			return PERSOCARD_SW_AID_NOT_FOUND;
		app->selected = SEL_APP;
		app->ef = 0;
		if (fci) {
			resp[0] = 0x6F;
			resp[1] = 2 + sizeof(identity_aid);
			persocard_app_tlv(resp + 2, 0x84, identity_aid,
					  sizeof(identity_aid));
			*resp_len = 4 + sizeof(identity_aid);
		}
		return PERSOCARD_SW_OK;
	}
	if ((apdu->p1 != 0x00 && apdu->p1 != 0x02) || apdu->nc != 2)
		return apdu->p1 <= 0x09 ? PERSOCARD_SW_AID_NOT_FOUND :
					  PERSOCARD_SW_WRONG_P1P2;
	fid = get_unaligned_be16(apdu->data);
	if (!app->selected ||
	    (!identity_public_file(card, fid) && !identity_key_of_file(fid)))
		return PERSOCARD_SW_AID_NOT_FOUND;
	if (identity_file_content(card, fid, resp, &len))
		return PERSOCARD_SW_AID_NOT_FOUND;	/* not personalized */
	app->ef = fid;
	*resp_len = fci ? persocard_app_fcp(resp, fid, len, false) : 0;
	return PERSOCARD_SW_OK;
}

static u16 identity_read_binary(struct persocard_card *card,
				const struct persocard_apdu *apdu, u8 *resp,
				u32 *resp_len)
{
	u16 len;

	if (!card->app.ef)
		return PERSOCARD_SW_NO_CURRENT_EF;
	if (identity_file_content(card, card->app.ef, resp, &len))
		return PERSOCARD_SW_MEMORY_FAILURE;
	return persocard_app_read_binary(apdu, resp, len, resp, resp_len);
}

static u16 identity_verify(struct persocard_card *card,
			   const struct persocard_apdu *apdu, u8 *resp,
			   u32 *resp_len)
{
	u8 pin[PIN_LEN];
	u16 len;
	u16 sw;

	if (apdu->p1 || apdu->p2 != 0x81)
		return apdu->p1 ? PERSOCARD_SW_WRONG_P1P2 :
				  PERSOCARD_SW_NOT_FOUND;
	/* No data: how many tries are left (ISO/IEC 7816-4 11.5.6). */
	if (!apdu->nc)
		return persocard_app_tries(card, PERSOCARD_APP_PIN);
	if (apdu->nc != PIN_LEN)
		return PERSOCARD_SW_WRONG_LENGTH;
	if (persocard_app_element(card, TAG_PIN, pin, &len) || len != PIN_LEN)
		sw = PERSOCARD_SW_MEMORY_FAILURE;
	else
		sw = persocard_app_check(card, PERSOCARD_APP_PIN, apdu->data,
					 pin, PIN_LEN);
	memzero_explicit(pin, sizeof(pin));
	card->app.pin_ok = sw == PERSOCARD_SW_OK;
	return sw;
}

/*
 * GENERAL AUTHENTICATE with a dynamic authentication template: 7C 22 85
 * 20 and the terminal's ephemeral X25519 public key; the answer 7C 22 86
 * 20 and SHA-256 of the shared secret.
 */
static u16 identity_general_auth(struct persocard_card *card,
				 const struct persocard_apdu *apdu, u8 *resp,
				 u32 *resp_len)
{
	static const u8 head[] = { 0x7C, 0x22, 0x85, 0x20 };
	u8 key[CURVE25519_KEY_SIZE], shared[CURVE25519_KEY_SIZE];
	u16 tag = identity_key_of_ref(apdu->p2);
	bool ok;
	u16 len;

	if (apdu->p1 || !tag)
		return PERSOCARD_SW_WRONG_P1P2;
	if (!card->app.selected)
		return PERSOCARD_SW_CONDITIONS;
	if (apdu->nc != sizeof(head) + CURVE25519_KEY_SIZE ||
	    memcmp(apdu->data, head, sizeof(head)))
		return PERSOCARD_SW_WRONG_DATA;
	if (tag == TAG_SIGN_KEY && !card->app.pin_ok)
		return PERSOCARD_SW_SECURITY_STATUS;
	if (persocard_app_element(card, tag, key, &len))
		return PERSOCARD_SW_NOT_FOUND;	/* no such key on this card */
	ok = len == sizeof(key) &&
	     curve25519(shared, key, apdu->data + sizeof(head));
	memzero_explicit(key, sizeof(key));
	if (!ok) {
		memzero_explicit(shared, sizeof(shared));
		return PERSOCARD_SW_WRONG_DATA;	/* a low-order point */
	}
	resp[0] = 0x7C;
	resp[1] = 2 + SHA256_DIGEST_SIZE;
	resp[2] = 0x86;
	resp[3] = SHA256_DIGEST_SIZE;
	sha256(shared, sizeof(shared), resp + 4);
	memzero_explicit(shared, sizeof(shared));
	*resp_len = 4 + SHA256_DIGEST_SIZE;
	return PERSOCARD_SW_OK;
}

static void identity_lock(const struct persocard_card *card,
			  struct persocard_record *next)
{
	next->pin_limit = PIN_LIMIT;
	next->pin_tries = PIN_LIMIT;
}

static const struct persocard_app_cmd identity_cmds[] = {
	{ PERSOCARD_INS_SELECT, PERSOCARD_APP_ISO, "SELECT", identity_select },
	{ PERSOCARD_INS_READ_BINARY, PERSOCARD_APP_ISO, "READ BINARY",
	  identity_read_binary },
	{ PERSOCARD_INS_VERIFY, PERSOCARD_APP_ISO, "VERIFY", identity_verify },
	{ PERSOCARD_INS_GENERAL_AUTH, PERSOCARD_APP_ISO,
	  "GENERAL AUTHENTICATE", identity_general_auth },
};

const struct persocard_app persocard_app_identity = {
	.profile = PERSOCARD_PROFILE_IDENTITY,
	.name = "identity",
	.cmds = identity_cmds,
	.nr_cmds = ARRAY_SIZE(identity_cmds),
	.lock = identity_lock,
};
