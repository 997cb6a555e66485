// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit known-answer tests of the card's EMV application cryptograms
 * (module/cardos/emv.c) against published vectors, each table naming
 * its source, copied verbatim as hex strings.
 *
 * The main source is knovichikhin/pyemv (MIT), a Python EMV library on
 * python-cryptography, at cf6b82d7a1e1b57c87d18a2caae2115f8b3e4309. Its
 * _hsm tests start from an issuer master key, a PAN and a PSN, and give
 * the key check values of the ICC master key and of the session key, and
 * the ARQC: this file derives the ICC master key by EMV 4.3 Book 2 Annex
 * A1.4.1 option A itself (option_a() below, checked first against the
 * clear keys pyemv's kd.py publishes), then asks the card for the rest.
 *
 * Where no published vector exists (more ATCs, weak keys, empty data),
 * the expected values come from Debian's openssl 3.0 CLI, "openssl enc
 * -des-ede-ecb -nopad", each table saying so.
 */
#include <kunit/test.h>
#include <linux/bitops.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <crypto/des.h>

#include "../../module/cardos/emv.h"

#define KEY_LEN		PERSOCARD_EMV_KEY_LEN
#define AC_LEN		PERSOCARD_EMV_AC_LEN
#define DATA_MAX	64

/* The issuer master key of most of pyemv's examples and tests. */
#define PYEMV_IMK	"0123456789ABCDEFFEDCBA9876543210"

struct option_a_vec {
	const char *name;
	const char *imk, *pan, *psn;
	const char *icc_mk;
};

/* pyemv/kd.py: the module docstring, then derive_icc_mk_a()'s. */
static const struct option_a_vec option_a_vecs[] = {
	{ "pyemv kd.py module", PYEMV_IMK, "99012345678901234", "45",
	  "67F8292358083E5EA7AB7FDA58D53B6B" },
	{ "pyemv derive_icc_mk_a", PYEMV_IMK, "12345678901234567", "01",
	  "73AD54688CEF2934B0979857E3C719F1" },
};

struct sk_vec {
	const char *name;
	const char *mk;
	u16 atc;
	const char *sk;
	bool raw;	/* before parity: compare bits 7..1 only */
};

static const struct sk_vec sk_vecs[] = {
	/* pyemv/kd.py, derive_common_sk() docstring: r = 001C000000000000 */
	{ "pyemv derive_common_sk", PYEMV_IMK, 0x001C,
	  "E9FB384AF807B940FEDCEA613461B0C4", false },
	/*
	 * Debian's openssl, SK_L || SK_R = 3DES(MK)[ATC || F0 || 00 .. 00] ||
	 * 3DES(MK)[ATC || 0F || 00 .. 00], before parity: the ATC's byte
	 * order and its extremes. 001C is pyemv's key above before parity.
	 */
	{ "openssl ATC 0000", PYEMV_IMK, 0x0000,
	  "f96457dc2a7f52f4fd30cd1e25186250", true },
	{ "openssl ATC 0001", PYEMV_IMK, 0x0001,
	  "848c35717f66d40944f9286ff19abffd", true },
	{ "openssl ATC 001C", PYEMV_IMK, 0x001C,
	  "e8fa394bf807b841fedcea603461b1c5", true },
	{ "openssl ATC 8000", PYEMV_IMK, 0x8000,
	  "8aeb0b5b1d627de4e05321aeb9e384ea", true },
	{ "openssl ATC FFFF", PYEMV_IMK, 0xFFFF,
	  "b97a1c2c475c9182a2aa8799a6547533", true },
	/* Debian's openssl: DES weak key halves are computed, not refused. */
	{ "openssl weak key halves", "0101010101010101FEFEFEFEFEFEFEFE",
	  0x0001, "6dc6ed16ec127bfaf8b613e52375c5d9", true },
};

struct mac_vec {
	const char *name;
	const char *key;
	const char *ascii;	/* the data as text, or NULL ... */
	const char *data;	/* ... as hex */
	const char *mac;
};

static const struct mac_vec mac_vecs[] = {
	/* pyemv tests/test_mac.py, test_mac_iso9797_3 with padding 2 */
	{ "pyemv test_mac_iso9797_3", "AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBB",
	  "hello world", NULL, "2BC2D9EDE0CF31F6" },
	/* pyemv/ac.py, the module docstring: a whole block of padding */
	{ "pyemv ac.py module", "29B33180E567CE38EA4CBC9D753B0E61", NULL,
	  "0123456789ABCDEF0123456789ABCDEF", "FA624250B008B59A" },
	/*
	 * pyemv/ac.py, generate_ac() docstring: its strings for 9F02 9F03
	 * 9F1A 95 5F2A 9A 9C 9F37 82 9F36, joined
	 */
	{ "pyemv generate_ac", "AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBB", NULL,
	  "000000002000000000000000012400000080000124110309003804823E58000001",
	  "3B76CF10FECD8789" },
	/*
	 * Debian's openssl: no data, one block of padding, where algorithm
	 * 3 is 3DES(K)[80 00 .. 00].
	 */
	{ "openssl empty data", "AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBB", NULL, "",
	  "90f11bd8938b260c" },
};

struct ac_vec {
	const char *name;
	const char *imk, *pan, *psn;
	const char *mk_kcv;	/* or NULL */
	u16 atc;
	const char *sk_kcv;	/* or NULL */
	const char *data;
	const char *ac;
};

/*
 * pyemv tests/test_cvn_hsm.py (test_visa_cvn18, test_mastercard_cvn20,
 * test_mastercard_cvn21): issuer key, PAN 1234567890123456, PSN 00 (MK
 * KCV BAB0), ATC 001C (SK KCV 22C8), the data and the ARQC. Then
 * pyemv/cvn.py's module docstring, VisaCVN18 with another issuer key and
 * ATC 0FFF (no KCVs published). The data is the test's strings joined in
 * the order the CVN concatenates them: 9F02 9F03 9F1A 95 5F2A 9A 9C 9F37
 * 82 9F36, then 9F10 (Visa CVN 18), the CVR (Mastercard CVN 20) or the
 * CVR and counters (CVN 21).
 */
static const struct ac_vec ac_vecs[] = {
	{ "pyemv test_visa_cvn18", PYEMV_IMK, "1234567890123456", "00",
	  "BAB0", 0x001C, "22C8",
	  "0000000040000000000000000124800004800001241911050152BF45851800001C06011203A0B800",
	  "7A788EA6B8A3E733" },
	{ "pyemv test_mastercard_cvn20", PYEMV_IMK, "1234567890123456", "00",
	  "BAB0", 0x001C, "22C8",
	  "00000000999900000000000001248000000000012420990600ABCDEF121800001CA00003220000",
	  "CD29615D6452E70E" },
	{ "pyemv test_mastercard_cvn21", PYEMV_IMK, "1234567890123456", "00",
	  "BAB0", 0x001C, "22C8",
	  "00000000999900000000000001248000000000012420990600ABCDEF121800001CA0000322000000000000000322FF",
	  "C30E54BE496CF5E5" },
	{ "pyemv cvn.py VisaCVN18 ATC 0FFF",
	  "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "1234567890123456", "00",
	  NULL, 0x0FFF, NULL,
	  "0000000099990000000000000840800004800008409912310152BF458518000FFF06011203A0B800",
	  "769577B5ABE9FE62" },
};

static size_t unhex(struct kunit *test, const char *hex, u8 *buf, size_t max)
{
	size_t n = strlen(hex);

	KUNIT_ASSERT_EQ(test, n % 2, 0);
	KUNIT_ASSERT_LE(test, n / 2, max);
	KUNIT_ASSERT_EQ(test, hex2bin(buf, hex, n / 2), 0);
	return n / 2;
}

static void unhex_key(struct kunit *test, const char *hex, u8 *key)
{
	KUNIT_ASSERT_EQ(test, unhex(test, hex, key, KEY_LEN), KEY_LEN);
}

/* The test's own two-key 3DES, for option A and key check values. */
static void tdes2(const u8 *key, const u8 *in, u8 *out)
{
	struct des_ctx kl, kr;

	des_expand_key(&kl, key, DES_KEY_SIZE);
	des_expand_key(&kr, key + DES_KEY_SIZE, DES_KEY_SIZE);
	des_encrypt(&kl, out, in);
	des_decrypt(&kr, out, out);
	des_encrypt(&kl, out, out);
}

static bool odd_parity(const u8 *key)
{
	int i;

	for (i = 0; i < KEY_LEN; i++)
		if (!(hweight8(key[i]) & 1))
			return false;
	return true;
}

/*
 * EMV 4.3 Book 2 Annex A1.4.1 option A, as pyemv's derive_icc_mk_a():
 * Y = the rightmost 16 digits of PAN || PSN, MK = 3DES(IMK)[Y] ||
 * 3DES(IMK)[Y xor FF .. FF], each byte to odd parity.
 */
static void option_a(struct kunit *test, const char *imk_hex,
		     const char *pan, const char *psn, u8 *mk)
{
	char digits[24];
	u8 imk[KEY_LEN], y[DES_BLOCK_SIZE];
	size_t n;
	int i;

	unhex_key(test, imk_hex, imk);
	n = snprintf(digits, sizeof(digits), "%s%s", pan, psn);
	KUNIT_ASSERT_GE(test, n, 16);
	KUNIT_ASSERT_LT(test, n, sizeof(digits));
	KUNIT_ASSERT_EQ(test, hex2bin(y, digits + n - 16, sizeof(y)), 0);
	tdes2(imk, y, mk);
	for (i = 0; i < DES_BLOCK_SIZE; i++)
		y[i] ^= 0xff;
	tdes2(imk, y, mk + DES_BLOCK_SIZE);
	for (i = 0; i < KEY_LEN; i++)
		if (!(hweight8(mk[i]) & 1))
			mk[i] ^= 1;
}

/* pyemv's key_check_digits(key, 2): 3DES(K)[00 .. 00], two bytes. */
static void expect_kcv(struct kunit *test, const u8 *key, const char *kcv)
{
	u8 zero[DES_BLOCK_SIZE] = {}, out[DES_BLOCK_SIZE], want[2];

	unhex(test, kcv, want, sizeof(want));
	tdes2(key, zero, out);
	KUNIT_EXPECT_MEMEQ(test, out, want, sizeof(want));
}

static void option_a_desc(const struct option_a_vec *v, char *desc)
{
	strscpy(desc, v->name, KUNIT_PARAM_DESC_SIZE);
}

static void sk_desc(const struct sk_vec *v, char *desc)
{
	strscpy(desc, v->name, KUNIT_PARAM_DESC_SIZE);
}

static void mac_desc(const struct mac_vec *v, char *desc)
{
	strscpy(desc, v->name, KUNIT_PARAM_DESC_SIZE);
}

static void ac_desc(const struct ac_vec *v, char *desc)
{
	strscpy(desc, v->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(option_a, option_a_vecs, option_a_desc);
KUNIT_ARRAY_PARAM(sk, sk_vecs, sk_desc);
KUNIT_ARRAY_PARAM(mac, mac_vecs, mac_desc);
KUNIT_ARRAY_PARAM(ac, ac_vecs, ac_desc);

/* The fixture first: the ICC master keys pyemv publishes in clear. */
static void test_option_a(struct kunit *test)
{
	const struct option_a_vec *v = test->param_value;
	u8 mk[KEY_LEN], want[KEY_LEN];

	option_a(test, v->imk, v->pan, v->psn, mk);
	unhex_key(test, v->icc_mk, want);
	KUNIT_EXPECT_MEMEQ(test, mk, want, KEY_LEN);
}

static void test_session_key(struct kunit *test)
{
	const struct sk_vec *v = test->param_value;
	u8 mk[KEY_LEN], sk[KEY_LEN], want[KEY_LEN];
	int i;

	unhex_key(test, v->mk, mk);
	unhex_key(test, v->sk, want);
	persocard_emv_session_key(mk, v->atc, sk);
	KUNIT_EXPECT_TRUE(test, odd_parity(sk));
	if (v->raw)
		for (i = 0; i < KEY_LEN; i++) {
			sk[i] &= 0xfe;
			want[i] &= 0xfe;
		}
	KUNIT_EXPECT_MEMEQ(test, sk, want, KEY_LEN);
}

/* The header allows sk == mk: both schedules are made before writing. */
static void test_session_key_in_place(struct kunit *test)
{
	const struct sk_vec *v = &sk_vecs[0];
	u8 key[KEY_LEN], want[KEY_LEN];

	unhex_key(test, v->mk, key);
	unhex_key(test, v->sk, want);
	persocard_emv_session_key(key, v->atc, key);
	KUNIT_EXPECT_MEMEQ(test, key, want, KEY_LEN);
}

static void test_mac(struct kunit *test)
{
	const struct mac_vec *v = test->param_value;
	u8 key[KEY_LEN], data[DATA_MAX], mac[AC_LEN], want[AC_LEN];
	const u8 *in = data;
	size_t len;

	unhex_key(test, v->key, key);
	KUNIT_ASSERT_EQ(test, unhex(test, v->mac, want, sizeof(want)), AC_LEN);
	if (v->ascii) {
		in = (const u8 *)v->ascii;
		len = strlen(v->ascii);
	} else {
		len = unhex(test, v->data, data, sizeof(data));
	}
	persocard_emv_mac(key, len ? in : NULL, len, mac);
	KUNIT_EXPECT_MEMEQ(test, mac, want, AC_LEN);
}

static void test_ac(struct kunit *test)
{
	const struct ac_vec *v = test->param_value;
	u8 mk[KEY_LEN], sk[KEY_LEN], data[DATA_MAX];
	u8 ac[AC_LEN], mac[AC_LEN], want[AC_LEN];
	size_t len;

	option_a(test, v->imk, v->pan, v->psn, mk);
	if (v->mk_kcv)
		expect_kcv(test, mk, v->mk_kcv);
	persocard_emv_session_key(mk, v->atc, sk);
	if (v->sk_kcv)
		expect_kcv(test, sk, v->sk_kcv);
	len = unhex(test, v->data, data, sizeof(data));
	KUNIT_ASSERT_EQ(test, unhex(test, v->ac, want, sizeof(want)), AC_LEN);
	persocard_emv_ac(mk, v->atc, data, len, ac);
	KUNIT_EXPECT_MEMEQ(test, ac, want, AC_LEN);
	/* The same as its two steps, and the next ATC gives another. */
	persocard_emv_mac(sk, data, len, mac);
	KUNIT_EXPECT_MEMEQ(test, mac, want, AC_LEN);
	persocard_emv_ac(mk, v->atc + 1, data, len, ac);
	KUNIT_EXPECT_MEMNEQ(test, ac, want, AC_LEN);
}

static struct kunit_case emv_cases[] = {
	KUNIT_CASE_PARAM(test_option_a, option_a_gen_params),
	KUNIT_CASE_PARAM(test_session_key, sk_gen_params),
	KUNIT_CASE(test_session_key_in_place),
	KUNIT_CASE_PARAM(test_mac, mac_gen_params),
	KUNIT_CASE_PARAM(test_ac, ac_gen_params),
	{ }
};

static struct kunit_suite emv_suite = {
	.name = "persocard_emv",
	.test_cases = emv_cases,
};

kunit_test_suite(emv_suite);
