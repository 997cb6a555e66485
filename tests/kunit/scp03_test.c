// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit known-answer tests of the card's SCP03 (module/cardos/scp03.c)
 * against published vectors, each table naming its source, and of its
 * refusals of bad input.
 *
 * The vectors are the hosts' side of real sessions: the card must find
 * the same card challenge and cryptograms, accept the hosts' C-MACs and
 * decrypt their commands to the plain APDUs the sources give, and wrap
 * its responses into exactly the bytes the hosts received. They are
 * copied verbatim as hex strings.
 */
#include <kunit/test.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "../../module/cardos/apdu.h"
#include "../../module/cardos/scp03.h"
#include "hex.h"

#define HEX_MAX		128

/* The parts of a command APDU as hex: CLA INS P1 P2 Lc data [Le]. */
struct cmd_vec {
	const char *wrapped;	/* as the host sent it */
	const char *plain;	/* the command data the card must see */
};

struct session_vec {
	const char *name;
	const char *enc, *mac;	/* static keys */
	const char *aid;	/* context of the pseudo-random challenge */
	const char *init_update;	/* INITIALIZE UPDATE command */
	const char *init_update_rsp;	/* its response data */
	const char *ext_auth;		/* EXTERNAL AUTHENTICATE */
	const char *s_enc, *s_mac, *s_rmac;	/* when published */
	struct cmd_vec cmds[5];		/* the commands that followed */
	const char *rsp_plain;	/* the response to cmds[0] ... */
	const char *rsp;	/* ... as the host received it (SW 9000) */
};

/*
 * osmocom/pysim, tests/unittests/test_globalplatform.py (SCP03_Test_*):
 * KVN 30/31/32, i = 70, AES-128/192/256, security levels 03, 11 and 33.
 * After EXTERNAL AUTHENTICATE: the STORE DATA "get EID"
 * (80E2910006BF3E035C015A00) and its response, then case_1 .. case_4
 * (80F22002, 80CA006600, 80F220020A4F0212345C054F9F70C5, 80F28002024F0000).
 * These come from an eUICC: their card challenges are the pseudo-random
 * ones for the ISD-R AID of GSMA SGP.22, A0000005591010FFFFFFFF8900000100
 * (pySim does not check that; this test does).
 */
#define PYSIM_K128_ENC	"000102030405060708090a0b0c0d0e0f"
#define PYSIM_K128_MAC	"101112131415161718191a1b1c1d1e1f"
#define PYSIM_K192_ENC	PYSIM_K128_ENC "0001020304050607"
#define PYSIM_K192_MAC	PYSIM_K128_MAC "1011121314151617"
#define PYSIM_K256_ENC	"000102030405060708090a0b0c0d0e0f" \
			"000102030405060708090a0b0c0d0e0f"
#define PYSIM_K256_MAC	"101112131415161718191a1b1c1d1e1f" \
			"101112131415161718191a1b1c1d1e1f"
#define PYSIM_AID	"a0000005591010ffffffff8900000100"
#define EID_CMD		"bf3e035c015a"
#define EID_RSP		"bf3e125a1089882119900000000000000000000005"
#define CASE3		"4f0212345c054f9f70c5"
#define CASE4		"4f00"

static const struct session_vec pysim_vecs[] = {
	{ "pysim AES128_11", PYSIM_K128_ENC, PYSIM_K128_MAC, PYSIM_AID,
	  "8050300008b13e5f938fc108c400",
	  "000000000000000000003003703eb51047495b249f66c484c1d2ef1948000002",
	  "84821100107d5f5826a993ebc89eea24957fa0b3ce", NULL, NULL, NULL,
	  { { "84e291000ebf3e035c015a558d036518a2829700", EID_CMD },
	    { "84f220020863a63f8959827fb2", "" },
	    { "84ca006608a0c6a4a74166f7ce00", "" },
	    { "84f22002124f0212345c054f9f70c52249b50272656536", CASE3 },
	    { "84f280020a4f00e91443f6dce6b8ed00", CASE4 } },
	  EID_RSP,
	  "bf3e125a1089882119900000000000000000000005971be68992dbbdfa" },
	{ "pysim AES128_03", PYSIM_K128_ENC, PYSIM_K128_MAC, PYSIM_AID,
	  "80503000088e1552d0513c60f300",
	  "0000000000000000000030037030760cd2c47c1dd395065fe5ead8a9d7000001",
	  "8482030010fd4721a14d9b07003c451d2f8ae6bb21", NULL, NULL, NULL,
	  { { "84e2910018ca9c00f6713d79bc8baa642bdff51c3f6a4082d3bd9ad26c00",
	      EID_CMD },
	    { "84f2200208c9811b11f1264cf1", "" },
	    { "84ca006608e10ab60b3054798800", "" },
	    { "84f22002184e2908bdb48b2315a55482e9e936ca122d6ecfae7d17416e",
	      CASE3 },
	    { "84f28002180dd10a6b6193e5340b9e77d32d5a179cd710ac2773aefb2800",
	      CASE4 } },
	  EID_RSP, EID_RSP },
	{ "pysim AES128_33", PYSIM_K128_ENC, PYSIM_K128_MAC, PYSIM_AID,
	  "8050300008fdf38259a1e0de4400",
	  "000000000000000000003003703b1aca81e821f219081cdc01c26b372d000003",
	  "84823300108c36f96bcc00724a4e13ad591d7da3f0", NULL, NULL, NULL,
	  { { "84e2910018267a85dfe4a98fca6fb0527e0dfecce4914e40401433c87f00",
	      EID_CMD },
	    { "84f2200208ac6a59024bed84cc", "" },
	    { "84ca006608409912ad8fb7aed000", "" },
	    { "84f22002185f3dafc3ac14c381536a488bf44e06d056df9d74dbd21e5a",
	      CASE3 },
	    { "84f280021865165105be3373347d0424d4400af2ac393f569ec779389e00",
	      CASE4 } },
	  EID_RSP,
	  "f3ba2b1013aa6224f5e1c138d71805c569e5439b47576260b75fc021b25097cb2e68f8a0144975b9"
	   },
	{ "pysim AES192_11", PYSIM_K192_ENC, PYSIM_K192_MAC, PYSIM_AID,
	  "80503100087396430b768b085b00",
	  "000000000000000000003103708cfc23522ffdbf1e5df5542cac8fd866000003",
	  "84821100102145ed30b146f5db252fb7e624cec244", NULL, NULL, NULL,
	  { { "84e291000ebf3e035c015aff42cf801d14394400", EID_CMD },
	    { "84f22002084584e4f6784811ee", "" },
	    { "84ca006608937776ebe190fa3000", "" },
	    { "84f22002124f0212345c054f9f70c59a52bddf3040368c", CASE3 },
	    { "84f280020a4f009804b11411f7393d00", CASE4 } },
	  EID_RSP,
	  "bf3e125a1089882119900000000000000000000005162fbd33e04940a9" },
	{ "pysim AES192_03", PYSIM_K192_ENC, PYSIM_K192_MAC, PYSIM_AID,
	  "805031000869c65da8202bf19f00",
	  "00000000000000000000310370b570a67be38446717729d6dd3d2ec5b1000001",
	  "848203001065df4f1a356a887905466516d9e5b7c1", NULL, NULL, NULL,
	  { { "84e2910018d2c6fb477c5d4afe4fd4d21f17eff10d3578ec1774a12a2d00",
	      EID_CMD },
	    { "84f2200208964e188f0b1bb697", "" },
	    { "84ca006608f0820035a41d3e1800", "" },
	    { "84f220021806b076ed452cd1fa84f77f5c08a146aa77a9286757dea791",
	      CASE3 },
	    { "84f2800218d06527e39222dce091fabdb8e9b898417a67a6852d3577db00",
	      CASE4 } },
	  EID_RSP, EID_RSP },
	{ "pysim AES192_33", PYSIM_K192_ENC, PYSIM_K192_MAC, PYSIM_AID,
	  "80503100089b3f2eef0e8c937400",
	  "00000000000000000000310370f6bb305a15bae1a68f79fb08212fbed7000002",
	  "84823300109100bc22d58b45b86a26365ce39ff3cf", NULL, NULL, NULL,
	  { { "84e29100188f7f946c84f70d17994bc6e8791251bb1bb1bf02cf8de58900",
	      EID_CMD },
	    { "84f2200208d5d97754b6b3d2ba", "" },
	    { "84ca006608516c82b8e30adbeb00", "" },
	    { "84f2200218cc247f4761e6944277a4e0d6e32e44025b1e31537e2fc668",
	      CASE3 },
	    { "84f2800218ba22b63d509bef5d093b43e5eaed03ed23144ab2d9cb51de00",
	      CASE4 } },
	  EID_RSP,
	  "c05176c1b6f72aae50c32cbee63b0e95998928fd4dfb2be9f27ffde8c8476f5909b4805cc4039599"
	   },
	{ "pysim AES256_11", PYSIM_K256_ENC, PYSIM_K256_MAC, PYSIM_AID,
	  "805032000811666d57866c6f5400",
	  "0000000000000000000032037053ea8847efa7674e41498a4d66cf0dee000003",
	  "84821100102f2ad190eff2fafc4908996d1cebd310", NULL, NULL, NULL,
	  { { "84e291000ebf3e035c015af4b680372542b59d00", EID_CMD },
	    { "84f2200208d618b7da68d5fe52", "" },
	    { "84ca0066088f3e055db23ad5e500", "" },
	    { "84f22002124f0212345c054f9f70c5b6e15cc42404915e", CASE3 },
	    { "84f280020a4f00aa124aa74afe7f7500", CASE4 } },
	  EID_RSP,
	  "bf3e125a10898821199000000000000000000000058012dd7f01f1c4c1" },
	{ "pysim AES256_03", PYSIM_K256_ENC, PYSIM_K256_MAC, PYSIM_AID,
	  "8050320008c6066990fc426e1d00",
	  "000000000000000000003203708682cd81bbd8919f2de3f2664581f118000001",
	  "848203001077c493b632edadaf865a1e64acc07ce9", NULL, NULL, NULL,
	  { { "84e29100183ddaa60594963befaada3525b492ede23c2ab2c1ce3afe4400",
	      EID_CMD },
	    { "84f2200208480ddc8e419da38d", "" },
	    { "84ca0066083e9d6a6c0b2d732000", "" },
	    { "84f22002183ebfef2da8b04af2a85f491f299b76973df76ff08a4031be",
	      CASE3 },
	    { "84f2800218783fff80990f5585b1055010ea95094a26e4a8f1ef4b18e100",
	      CASE4 } },
	  EID_RSP, EID_RSP },
	{ "pysim AES256_33", PYSIM_K256_ENC, PYSIM_K256_MAC, PYSIM_AID,
	  "805032000897b2055fe58599fd00",
	  "00000000000000000000320370a8439a22cedf045fa9f1903b2834f26e000002",
	  "8482330010508a0fd959d2e547c6b33154a6be2057", NULL, NULL, NULL,
	  { { "84e29100187a5ef717eaf1e135ae92fe54429d0e465decda65f5fe5aea00",
	      EID_CMD },
	    { "84f2200208bcc5c17275545d93", "" },
	    { "84ca00660804806aba9d543bb600", "" },
	    { "84f2200218717222491556ec81a45f49ce48be33320024801a1c4cb0e0",
	      CASE3 },
	    { "84f2800218561f105bccd3a1642904b251ccc1228beb80a82370a8637000",
	      CASE4 } },
	  EID_RSP,
	  "ea90dbfa648a67c5eb6abc57f8530b97d0cd5647c5e8732016b55203b078dd2ace7f8bc5d1c1cd99"
	   },
};

/*
 * kaoh/globalplatform, globalplatform/src/scp03Test.c: security level 03,
 * i = 70 with the ISD AID A000000151000000 (GP231_ISD_AID) except the
 * AES-192 one (i = 10: a random challenge). Session keys as published
 * (delete_application, mutual_auth); the GET STATUS commands carry 4F00.
 */
#define KAOH_ENC	"f995d0a069335c7df42e590317ffea6d"
#define KAOH_MAC	"58563362ec5a4541abcd32b34b1eae7d"
#define KAOH_AID	"a000000151000000"
#define KAOH_192	"de2a3629cbc24e8d8869e82c8b4c0d874d88166b6f8a1c12"

static const struct session_vec kaoh_vecs[] = {
	{ "kaoh delete_application", KAOH_ENC, KAOH_MAC, KAOH_AID,
	  "8050000008b2bde1a2dc66bd5600",
	  "00000000000000000000300370c40932a6fefeaeb2e127185170f45fca000015",
	  "848203001059d54d932423d29f6313c970875f8c2f",
	  "9b841bb63d1087484ff7f16802017243",
	  "8117fe5aded74ac0daabe9fb81dbdb67",
	  "4521d75e4d6f60dbfb8ab4ee254ef6f1",
	  { { "84e400801829f06aec3180b3efe91ff662310b945de0d5fe66ad67a5b6",
	      "4f08a00100015141434c" } },
	  "00", "00" },
	{ "kaoh mutual_auth", KAOH_ENC, KAOH_MAC, KAOH_AID,
	  "80500000089bd6bf878fb8e99100",
	  "000000000000000000003003703c80c2cc87eb3a35e4edba35e629c33600001e",
	  "848203001023ebfedc579d22cdcdb6a25a5ff7891f",
	  "d83ee38c9954c8078987a5e9ee6ab13c",
	  "6ff37716e0413065e8dfd08bf1e9ec5e",
	  "0254c786e57aca8982670c1c1a05ff12",
	  { }, NULL, NULL },
	{ "kaoh get_status", KAOH_ENC, KAOH_MAC, KAOH_AID,
	  "8050000008a6d40aec55fe798600",
	  "00000000000000000000300370b6e362d0f90f8101c34b7b21a7455320000025",
	  "84820300103d958b36bb38ae5896a559345f81471a", NULL, NULL, NULL,
	  { { "84f2400218d18c9a7bb2b1b1c7ed1b24e1b1307cb9d71a66abc55cbc3a00",
	      CASE4 } },
	  NULL, NULL },
	{ "kaoh get_status_enc_mac", KAOH_ENC, KAOH_MAC, KAOH_AID,
	  "8050000008da2390d378d94b0a00",
	  "00000000000000000000300370a7efe2bfdb3a27a6eae3ff0ea0d17524000085",
	  "8482030010953eec5b4a81bf393adc2adfd638827a", NULL, NULL, NULL,
	  { { "84f2200218705c4d16c7bac5496aee0ed9963222455472f3cfac97bcca00",
	      CASE4 },
	    { "84f240021834af0feddae7c07308600587e1b1e6ec87811520d9a6aaad00",
	      CASE4 },
	    { "84f28002188d6cfe9eb359eacb9594d8ec161e45c10ed0138e34a10bf300",
	      CASE4 },
	    { "84f21002183d98b6de9cbf3905eae4faf5e141c58dab7013d1076745c700",
	      CASE4 } },
	  NULL, NULL },
	{ "kaoh get_status_aes_192 (i=10)", KAOH_192, KAOH_192, NULL,
	  "80500000084157115cad7d2fe700",
	  "00008301a8186727a822020310726b1e22eed4f4bbab21001bfd4b6f02000012",
	  "84820300109b126d1b1557297f3c06766ca9acbd27", NULL, NULL, NULL,
	  { { "84f2200218110c222888859059700e5d42ad65f41299b0bffc03bf79a800",
	      CASE4 } },
	  NULL, NULL },
};

static void load_keys(struct kunit *test, const struct session_vec *v,
		      struct persocard_scp03_keyset *keys)
{
	memset(keys, 0, sizeof(*keys));
	keys->kvn = 0x30;
	keys->key_len = unhex(test, v->enc, keys->enc, sizeof(keys->enc));
	KUNIT_ASSERT_EQ(test, keys->key_len,
			unhex(test, v->mac, keys->mac, sizeof(keys->mac)));
	memcpy(keys->dek, keys->mac, keys->key_len);
	KUNIT_ASSERT_TRUE(test, persocard_scp03_keyset_valid(keys));
}

/* A short command APDU in @buf as the parser would give it. */
static void to_apdu(struct kunit *test, const u8 *buf, size_t len,
		    struct persocard_apdu *apdu)
{
	KUNIT_ASSERT_GE(test, len, 5);
	memset(apdu, 0, sizeof(*apdu));
	apdu->cla = buf[0];
	apdu->ins = buf[1];
	apdu->p1 = buf[2];
	apdu->p2 = buf[3];
	apdu->nc = buf[4];
	apdu->data = buf + 5;
	KUNIT_ASSERT_GE(test, len, 5 + apdu->nc);
}

/*
 * Samsung/OpenSCP-Java, src/test/java/com/samsung/openscp/testdata/
 * SmartCardScp03Aes256S8ModeEmulation.java with InputTestData.java and
 * OutputTestData.java: AES-256, KVN 30, i = 70 (its card's AID is not
 * published, so the challenge is taken as given), security level 33; three
 * GET STATUS commands (4F00) and the first one's R-ENC and R-MAC response.
 */
#define SAMSUNG_K256_ENC "1d72cd9283fd55162722c6beaa4dc187" \
			 "7f4c0cd0ecc15e052aac39a99af9ad72"
#define SAMSUNG_K256_MAC "f4932ba02ffc3098d172790099d28382" \
			 "36f2e61068d56f4401cc0374c25af8cb"
#define SAMSUNG_RSP	"47d81041004b7e9208e3bef1372e7cde8cd995aef207f138" \
			"c80d45156f2d36f2b15bdc9c4d6fdb9774344495ccc83ae7" \
			"ba0b39c734bf9cebd07204aa5a67df2d7e663d55fc4944c0"
#define SAMSUNG_RSP_PLAIN "08a00000015141434c010010a00000022020030101010000000000060100" \
			  "10a0000002202003010101000000000011010005a0000002480100"

static const struct session_vec samsung_vecs[] = {
	{ "openscp aes256 s8 level 33", SAMSUNG_K256_ENC, SAMSUNG_K256_MAC, NULL,
	  "805030000806f85b77251bf79400",
	  "a1a012430585513120853003709ce033fa78e6b10d8afa7267cb63740e00082a",
	  "848233001050e003735f92228269a094ffc07429fd", NULL, NULL, NULL,
	  { { "84f2200018bd57d1382ae8f66f7eb5f5991b92d1399044157c7dfd2761",
	      CASE4 },
	    { "84f240001845d2b475c3eff8bbb254d0b6a8e6ca97cf5265d907a76070",
	      CASE4 },
	    { "84f28000187083ca3ada0f76cf7b3ffac60abe13599d521ee7b9224c49",
	      CASE4 } },
	  SAMSUNG_RSP_PLAIN,
	  SAMSUNG_RSP },
};

struct run {
	struct persocard_scp03 sc;
	struct persocard_scp03_keyset keys;
	u8 ext_auth[HEX_MAX];
	size_t ext_auth_len;
};

/*
 * INITIALIZE UPDATE and EXTERNAL AUTHENTICATE of @v on the card's side:
 * card challenge (from the sequence counter and AID when @v has one),
 * session keys, both cryptograms, EXTERNAL AUTHENTICATE's C-MAC; then the
 * channel is open at its level.
 */
static void authenticate(struct kunit *test, const struct session_vec *v,
			 struct run *r)
{
	u8 iu[HEX_MAX], rsp[HEX_MAX], buf[HEX_MAX], plain[HEX_MAX];
	u8 cryptogram[PERSOCARD_SCP03_CRYPTOGRAM_LEN];
	struct persocard_apdu apdu;
	size_t len;
	u32 plain_len;

	load_keys(test, v, &r->keys);
	KUNIT_ASSERT_EQ(test, unhex(test, v->init_update, iu, sizeof(iu)), 14);
	KUNIT_ASSERT_EQ(test, unhex(test, v->init_update_rsp, rsp, sizeof(rsp)),
			32);
	/* KDD(10) KVN 03 i card-challenge(8) card-cryptogram(8) seq(3) */
	if (v->aid) {
		len = unhex(test, v->aid, buf, sizeof(buf));
		KUNIT_ASSERT_EQ(test, rsp[12], PERSOCARD_SCP03_I);
		KUNIT_ASSERT_EQ(test, 0,
				persocard_scp03_begin(&r->sc, &r->keys, iu + 5,
						      rsp + 29, buf, len));
		KUNIT_EXPECT_MEMEQ(test, r->sc.card_challenge, rsp + 13, 8);
	} else {
		KUNIT_ASSERT_EQ(test, 0,
				persocard_scp03_begin_with(&r->sc, &r->keys,
							   iu + 5, rsp + 13));
	}
	if (v->s_enc) {
		KUNIT_ASSERT_EQ(test, 16, unhex(test, v->s_enc, buf, 16));
		KUNIT_EXPECT_MEMEQ(test, r->sc.s_enc, buf, 16);
		unhex(test, v->s_mac, buf, 16);
		KUNIT_EXPECT_MEMEQ(test, r->sc.s_mac, buf, 16);
		unhex(test, v->s_rmac, buf, 16);
		KUNIT_EXPECT_MEMEQ(test, r->sc.s_rmac, buf, 16);
	}
	KUNIT_ASSERT_EQ(test, 0,
			persocard_scp03_card_cryptogram(&r->sc, cryptogram));
	KUNIT_EXPECT_MEMEQ(test, cryptogram, rsp + 21, 8);

	r->ext_auth_len = unhex(test, v->ext_auth, r->ext_auth,
				sizeof(r->ext_auth));
	KUNIT_ASSERT_EQ(test, r->ext_auth_len, 21);
	KUNIT_EXPECT_TRUE(test, persocard_scp03_host_cryptogram_ok(&r->sc,
								   r->ext_auth + 5));
	to_apdu(test, r->ext_auth, r->ext_auth_len, &apdu);
	KUNIT_ASSERT_EQ(test, 0, persocard_scp03_unwrap(&r->sc, &apdu, plain,
							&plain_len));
	KUNIT_EXPECT_EQ(test, plain_len, 8);
	KUNIT_EXPECT_MEMEQ(test, plain, r->ext_auth + 5, 8);
	persocard_scp03_open(&r->sc, r->ext_auth[2]);
}

/* One later command: its C-MAC holds, its data decrypts to @c->plain. */
static void command(struct kunit *test, struct run *r, const struct cmd_vec *c)
{
	u8 buf[HEX_MAX], want[HEX_MAX], plain[HEX_MAX];
	struct persocard_apdu apdu;
	size_t len, want_len;
	u32 plain_len = 0;

	len = unhex(test, c->wrapped, buf, sizeof(buf));
	want_len = unhex(test, c->plain, want, sizeof(want));
	to_apdu(test, buf, len, &apdu);
	KUNIT_ASSERT_EQ(test, 0, persocard_scp03_unwrap(&r->sc, &apdu, plain,
							&plain_len));
	KUNIT_EXPECT_EQ(test, plain_len, want_len);
	KUNIT_EXPECT_MEMEQ(test, plain, want, want_len);
	/* The full CMAC chains: its first 8 bytes are the C-MAC sent. */
	KUNIT_EXPECT_MEMEQ(test, r->sc.chain, buf + 5 + apdu.nc - 8, 8);
}

/* The response to the command just unwrapped, as the host received it. */
static void response(struct kunit *test, struct run *r, const char *plain,
		     const char *wrapped)
{
	u8 buf[HEX_MAX], want[HEX_MAX];
	size_t want_len;
	u32 len;

	len = unhex(test, plain, buf, sizeof(buf));
	want_len = unhex(test, wrapped, want, sizeof(want));
	KUNIT_ASSERT_EQ(test, 0, persocard_scp03_wrap_response(&r->sc, buf,
							       &len, sizeof(buf), 0x9000));
	KUNIT_EXPECT_EQ(test, len, want_len);
	KUNIT_EXPECT_MEMEQ(test, buf, want, want_len);
}

static void session_desc(const struct session_vec *v, char *desc)
{
	strscpy(desc, v->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(pysim, pysim_vecs, session_desc);
KUNIT_ARRAY_PARAM(kaoh, kaoh_vecs, session_desc);
KUNIT_ARRAY_PARAM(samsung, samsung_vecs, session_desc);

/*
 * A whole session of a vector: authentication, then every command in
 * order (the encryption counter moves once per command, with or without
 * data: cases 1 and 2 carry none), the first one's response wrapped.
 */
static void run_session(struct kunit *test, const struct session_vec *v)
{
	struct run *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	u8 resp[HEX_MAX];
	unsigned int i;
	u32 len;

	KUNIT_ASSERT_NOT_NULL(test, r);
	authenticate(test, v, r);
	for (i = 0; i < ARRAY_SIZE(v->cmds) && v->cmds[i].wrapped; i++) {
		command(test, r, &v->cmds[i]);
		KUNIT_EXPECT_EQ(test, r->sc.counter, i + 1);
		if (!i && v->rsp) {
			response(test, r, v->rsp_plain, v->rsp);
		} else {
			len = 0;
			KUNIT_ASSERT_EQ(test, 0,
					persocard_scp03_wrap_response(&r->sc,
								      resp, &len, sizeof(resp),
						0x9000));
		}
		KUNIT_EXPECT_EQ(test, r->sc.counter, i + 2);
	}
	persocard_scp03_end(&r->sc);
	KUNIT_EXPECT_NULL(test, r->sc.cmac);
	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(&r->sc, 0, sizeof(r->sc)),
			    NULL);
}

static void test_pysim_session(struct kunit *test)
{
	run_session(test, test->param_value);
}

static void test_kaoh_session(struct kunit *test)
{
	run_session(test, test->param_value);
}

static void test_samsung_session(struct kunit *test)
{
	run_session(test, test->param_value);
}

/* The vector with data at C-DEC and an R-MAC: pySim's AES-128 level 33. */
static const struct session_vec *v33 = &pysim_vecs[2];
/* ... and at level 03. */
static const struct session_vec *v03 = &pysim_vecs[1];

/*
 * A tampered C-MAC (any byte of MAC, data or header): -EBADMSG and the
 * chaining value unchanged, so the untampered command still passes.
 */
static void test_tampered_mac(struct kunit *test)
{
	struct run *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	u8 buf[HEX_MAX], plain[HEX_MAX], chain[PERSOCARD_SCP03_BLOCK];
	struct persocard_apdu apdu;
	size_t len, i;
	u32 plain_len;

	KUNIT_ASSERT_NOT_NULL(test, r);
	authenticate(test, v33, r);
	memcpy(chain, r->sc.chain, sizeof(chain));
	len = unhex(test, v33->cmds[0].wrapped, buf, sizeof(buf));
	for (i = 0; i < len - 1; i++) {	/* not Le */
		if (i == 4)
			continue;	/* Lc: to_apdu would read past */
		buf[i] ^= 0x40;
		to_apdu(test, buf, len, &apdu);
		KUNIT_EXPECT_EQ(test, -EBADMSG,
				persocard_scp03_unwrap(&r->sc, &apdu, plain,
						       &plain_len));
		KUNIT_EXPECT_MEMEQ(test, r->sc.chain, chain, sizeof(chain));
		buf[i] ^= 0x40;
	}
	command(test, r, &v33->cmds[0]);
	persocard_scp03_end(&r->sc);
}

/* A command replayed, or one skipped: the chaining value refuses it. */
static void test_replay_and_reorder(struct kunit *test)
{
	struct run *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	u8 buf[HEX_MAX], plain[HEX_MAX];
	struct persocard_apdu apdu;
	size_t len;
	u32 plain_len;

	KUNIT_ASSERT_NOT_NULL(test, r);
	authenticate(test, v03, r);
	/* Replaying EXTERNAL AUTHENTICATE itself. */
	to_apdu(test, r->ext_auth, r->ext_auth_len, &apdu);
	KUNIT_EXPECT_EQ(test, -EBADMSG, persocard_scp03_unwrap(&r->sc, &apdu,
							       plain, &plain_len));
	/* The second command before the first. */
	len = unhex(test, v03->cmds[1].wrapped, buf, sizeof(buf));
	to_apdu(test, buf, len, &apdu);
	KUNIT_EXPECT_EQ(test, -EBADMSG, persocard_scp03_unwrap(&r->sc, &apdu,
							       plain, &plain_len));
	command(test, r, &v03->cmds[0]);
	/* The first one again. */
	len = unhex(test, v03->cmds[0].wrapped, buf, sizeof(buf));
	to_apdu(test, buf, len, &apdu);
	KUNIT_EXPECT_EQ(test, -EBADMSG, persocard_scp03_unwrap(&r->sc, &apdu,
							       plain, &plain_len));
	persocard_scp03_end(&r->sc);
}

/*
 * Send @data as a command at the current chaining value, with a valid
 * C-MAC made here (S-MAC through persocard_scp03_mac()): what the card
 * does with well-authenticated but malformed data.
 */
static int send_maced(struct kunit *test, struct run *r, const u8 *data,
		      size_t len, u8 *plain, u32 *plain_len)
{
	u8 msg[PERSOCARD_SCP03_BLOCK + 5 + HEX_MAX], cmd[5 + HEX_MAX];
	u8 mac[PERSOCARD_SCP03_BLOCK];
	struct persocard_apdu apdu;

	KUNIT_ASSERT_LE(test, len + 8, HEX_MAX);
	cmd[0] = 0x84;
	cmd[1] = 0xe2;
	cmd[2] = 0x88;
	cmd[3] = 0x00;
	cmd[4] = len + 8;
	memcpy(cmd + 5, data, len);
	memcpy(msg, r->sc.chain, PERSOCARD_SCP03_BLOCK);
	memcpy(msg + PERSOCARD_SCP03_BLOCK, cmd, 5 + len);
	KUNIT_ASSERT_EQ(test, 0, persocard_scp03_mac(&r->sc, msg,
						     PERSOCARD_SCP03_BLOCK + 5 + len, mac));
	memcpy(cmd + 5 + len, mac, 8);
	to_apdu(test, cmd, 5 + len + 8, &apdu);
	return persocard_scp03_unwrap(&r->sc, &apdu, plain, plain_len);
}

/*
 * C-DECRYPTION of bad data under a good MAC: a length not a multiple of
 * 16, and a valid ciphertext under the wrong counter (the first command's
 * data again as the second: its padding does not decrypt).
 */
static void test_cdec_bad_data(struct kunit *test)
{
	struct run *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	u8 buf[HEX_MAX], plain[HEX_MAX];
	u32 plain_len = 0, none = 0;

	KUNIT_ASSERT_NOT_NULL(test, r);
	authenticate(test, v03, r);
	command(test, r, &v03->cmds[0]);
	KUNIT_ASSERT_EQ(test, 0, persocard_scp03_wrap_response(&r->sc, buf,
							       &none, 0, 0x9000));
	unhex(test, v03->cmds[0].wrapped, buf, sizeof(buf));
	KUNIT_EXPECT_EQ(test, -EBADMSG, send_maced(test, r, buf + 5, 16, plain,
						   &plain_len));
	KUNIT_EXPECT_EQ(test, -EBADMSG, send_maced(test, r, buf + 5, 5, plain,
						   &plain_len));
	persocard_scp03_end(&r->sc);
}

/* Data shorter than the MAC, a CLA without b3, no session: refused. */
static void test_short_and_plain(struct kunit *test)
{
	struct run *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	struct persocard_scp03 none = { };
	u8 buf[HEX_MAX], plain[HEX_MAX], chain[PERSOCARD_SCP03_BLOCK];
	struct persocard_apdu apdu;
	size_t len;
	u32 plain_len;

	KUNIT_ASSERT_NOT_NULL(test, r);
	authenticate(test, v03, r);
	memcpy(chain, r->sc.chain, sizeof(chain));
	len = unhex(test, v03->cmds[0].wrapped, buf, sizeof(buf));
	to_apdu(test, buf, len, &apdu);
	apdu.nc = 7;
	KUNIT_EXPECT_EQ(test, -EBADMSG, persocard_scp03_unwrap(&r->sc, &apdu,
							       plain, &plain_len));
	apdu.nc = 0;
	KUNIT_EXPECT_EQ(test, -EBADMSG, persocard_scp03_unwrap(&r->sc, &apdu,
							       plain, &plain_len));
	to_apdu(test, buf, len, &apdu);
	apdu.cla = 0x80;
	KUNIT_EXPECT_EQ(test, -EBADMSG, persocard_scp03_unwrap(&r->sc, &apdu,
							       plain, &plain_len));
	/* Lc is MACed as encoded: the same bytes as an extended APDU fail. */
	to_apdu(test, buf, len, &apdu);
	apdu.extended = true;
	KUNIT_EXPECT_EQ(test, -EBADMSG, persocard_scp03_unwrap(&r->sc, &apdu,
							       plain, &plain_len));
	KUNIT_EXPECT_MEMEQ(test, r->sc.chain, chain, sizeof(chain));
	to_apdu(test, buf, len, &apdu);
	KUNIT_EXPECT_EQ(test, -EINVAL, persocard_scp03_unwrap(&none, &apdu,
							      plain, &plain_len));
	command(test, r, &v03->cmds[0]);
	persocard_scp03_end(&r->sc);
}

/*
 * Responses: an error status word goes out alone (no data, no R-MAC) and
 * still moves the counter; one that does not fit is refused untouched.
 */
static void test_response_rules(struct kunit *test)
{
	struct run *r = kunit_kzalloc(test, sizeof(*r), GFP_KERNEL);
	u8 buf[HEX_MAX], copy[HEX_MAX];
	u32 len;

	KUNIT_ASSERT_NOT_NULL(test, r);
	authenticate(test, v33, r);
	command(test, r, &v33->cmds[0]);
	len = unhex(test, EID_RSP, buf, sizeof(buf));
	memcpy(copy, buf, len);
	/* 21 bytes: 32 once padded and encrypted, 40 with the R-MAC. */
	KUNIT_EXPECT_EQ(test, -ENOSPC, persocard_scp03_wrap_response(&r->sc,
								     buf, &len, 39, 0x9000));
	KUNIT_EXPECT_EQ(test, len, 21);
	KUNIT_EXPECT_MEMEQ(test, buf, copy, len);
	KUNIT_EXPECT_EQ(test, r->sc.counter, 1);
	KUNIT_EXPECT_EQ(test, 0, persocard_scp03_wrap_response(&r->sc, buf,
							       &len, sizeof(buf), 0x6a80));
	KUNIT_EXPECT_EQ(test, len, 0);
	KUNIT_EXPECT_EQ(test, r->sc.counter, 2);
	/* A warning is protected: an R-MAC over just the status word. */
	command(test, r, &v33->cmds[1]);
	len = 0;
	KUNIT_EXPECT_EQ(test, 0, persocard_scp03_wrap_response(&r->sc, buf,
							       &len, sizeof(buf), 0x6310));
	KUNIT_EXPECT_EQ(test, len, PERSOCARD_SCP03_MAC_LEN);
	KUNIT_EXPECT_EQ(test, r->sc.counter, 3);
	persocard_scp03_end(&r->sc);
}

/* Key sets: KVN 01..7F, keys of 16, 24 or 32 bytes; begin() refuses others. */
static void test_keyset_valid(struct kunit *test)
{
	struct persocard_scp03_keyset keys = { .kvn = 0x01, .key_len = 16 };
	struct persocard_scp03 sc = { };
	static const u8 hc[8], seq[3], aid[8];

	KUNIT_EXPECT_TRUE(test, persocard_scp03_keyset_valid(&keys));
	keys.kvn = 0x7f;
	keys.key_len = 32;
	KUNIT_EXPECT_TRUE(test, persocard_scp03_keyset_valid(&keys));
	keys.key_len = 24;
	KUNIT_EXPECT_TRUE(test, persocard_scp03_keyset_valid(&keys));
	keys.key_len = 20;
	KUNIT_EXPECT_FALSE(test, persocard_scp03_keyset_valid(&keys));
	keys.key_len = 0;
	KUNIT_EXPECT_FALSE(test, persocard_scp03_keyset_valid(&keys));
	keys.key_len = 16;
	keys.kvn = 0;
	KUNIT_EXPECT_FALSE(test, persocard_scp03_keyset_valid(&keys));
	keys.kvn = 0x80;
	KUNIT_EXPECT_FALSE(test, persocard_scp03_keyset_valid(&keys));
	KUNIT_EXPECT_EQ(test, -EINVAL, persocard_scp03_begin(&sc, &keys, hc,
							     seq, aid, 8));
	keys.kvn = 0x01;
	KUNIT_EXPECT_EQ(test, -EINVAL, persocard_scp03_begin(&sc, &keys, hc,
							     seq, aid, 17));
	KUNIT_EXPECT_EQ(test, 0, persocard_scp03_begin(&sc, &keys, hc, seq,
						       aid, 8));
	/* A second INITIALIZE UPDATE starts over on the same session. */
	KUNIT_EXPECT_EQ(test, 0, persocard_scp03_begin(&sc, &keys, hc, seq,
						       aid, 8));
	persocard_scp03_end(&sc);
	KUNIT_EXPECT_NULL(test, sc.cmac);
}

/*
 * DEK decryption: Key-DEK 2021..2F (pySim's DEK, cut to each size), IV
 * zero. The ciphertexts were made on the host with OpenSSL 3.0's command
 * line, a tool independent of this code:
 *   printf '\x12\x34\x56\x78\x90\xab\xcd\xef\x80\0\0\0\0\0\0\0' |
 *	openssl enc -aes-128-cbc -nopad -K 2021..2f -iv 00..00
 * and the same for "0123456789abcdef" || 80 || 15 x 00 (two blocks),
 * and 16 x 00 (no padding) under AES-128.
 */
struct dek_vec {
	const char *name, *dek, *ct, *plain;
};

#define DEK16	"202122232425262728292a2b2c2d2e2f"
#define DEK24	DEK16 "2021222324252627"
#define DEK32	"202122232425262728292a2b2c2d2e2f" \
		"202122232425262728292a2b2c2d2e2f"
#define DEK_P1	"1234567890abcdef"
#define DEK_P2	"30313233343536373839616263646566"

static const struct dek_vec dek_vecs[] = {
	{ "openssl AES-128 8 bytes", DEK16,
	  "d2c82c8900b424c47f41166e4a5d4d90", DEK_P1 },
	{ "openssl AES-128 16 bytes", DEK16,
	  "0a8c098c8be55dbcd03173d80354d18cda0c2b18be69e00c89e06474949a08c4",
	  DEK_P2 },
	{ "openssl AES-192 8 bytes", DEK24,
	  "52ce10fe0ed56065f9c4fdde7fa0ec2e", DEK_P1 },
	{ "openssl AES-192 16 bytes", DEK24,
	  "ccef3e6bd9288abb3c2c0ff78bd63eecfe8396748d0cd84ec4082cf2cfaf3170",
	  DEK_P2 },
	{ "openssl AES-256 8 bytes", DEK32,
	  "a59ec3877e0b30a0f9899eaac599862d", DEK_P1 },
	{ "openssl AES-256 16 bytes", DEK32,
	  "186ee94b58531049fd7d9326387ab481964b20097c738ee06172360eac8fa8b6",
	  DEK_P2 },
};

static void dek_desc(const struct dek_vec *v, char *desc)
{
	strscpy(desc, v->name, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(dek, dek_vecs, dek_desc);

static void load_dek(struct kunit *test, const char *hex,
		     struct persocard_scp03_keyset *keys)
{
	memset(keys, 0, sizeof(*keys));
	keys->kvn = 0x01;
	keys->key_len = unhex(test, hex, keys->dek, sizeof(keys->dek));
}

static void test_dek(struct kunit *test)
{
	const struct dek_vec *v = test->param_value;
	struct persocard_scp03_keyset keys;
	u8 ct[HEX_MAX], out[HEX_MAX], want[HEX_MAX];
	size_t len, want_len, out_len = 0;

	load_dek(test, v->dek, &keys);
	len = unhex(test, v->ct, ct, sizeof(ct));
	want_len = unhex(test, v->plain, want, sizeof(want));
	KUNIT_ASSERT_EQ(test, 0, persocard_scp03_dek_decrypt(&keys, ct, len,
							     out, &out_len));
	KUNIT_EXPECT_EQ(test, out_len, want_len);
	KUNIT_EXPECT_MEMEQ(test, out, want, want_len);
	/* In place as well. */
	KUNIT_ASSERT_EQ(test, 0, persocard_scp03_dek_decrypt(&keys, ct, len,
							     ct, &out_len));
	KUNIT_EXPECT_MEMEQ(test, ct, want, want_len);
}

/* Bad DEK input: no padding, a length not a multiple of 16, none. */
static void test_dek_bad(struct kunit *test)
{
	struct persocard_scp03_keyset keys;
	u8 ct[HEX_MAX], out[HEX_MAX];
	size_t len, out_len = 99;

	load_dek(test, DEK16, &keys);
	len = unhex(test, "ae3a71384013479e5a259218e4df8cbf", ct, sizeof(ct));
	KUNIT_EXPECT_EQ(test, -EBADMSG, persocard_scp03_dek_decrypt(&keys, ct,
								    len, out, &out_len));
	KUNIT_EXPECT_PTR_EQ(test, memchr_inv(out, 0, len), NULL);
	len = unhex(test, dek_vecs[1].ct, ct, sizeof(ct));
	KUNIT_EXPECT_EQ(test, -EBADMSG, persocard_scp03_dek_decrypt(&keys, ct,
								    len - 1, out, &out_len));
	KUNIT_EXPECT_EQ(test, -EBADMSG, persocard_scp03_dek_decrypt(&keys, ct,
								    0, out, &out_len));
	/* The second block alone decrypts to junk padding too. */
	KUNIT_EXPECT_EQ(test, -EBADMSG, persocard_scp03_dek_decrypt(&keys,
								    ct + 16, 16, out, &out_len));
	KUNIT_EXPECT_EQ(test, out_len, 99);
	keys.key_len = 20;
	KUNIT_EXPECT_EQ(test, -EINVAL, persocard_scp03_dek_decrypt(&keys, ct,
								   16, out, &out_len));
}

static struct kunit_case scp03_cases[] = {
	KUNIT_CASE_PARAM(test_pysim_session, pysim_gen_params),
	KUNIT_CASE_PARAM(test_kaoh_session, kaoh_gen_params),
	KUNIT_CASE_PARAM(test_samsung_session, samsung_gen_params),
	KUNIT_CASE(test_tampered_mac),
	KUNIT_CASE(test_replay_and_reorder),
	KUNIT_CASE(test_cdec_bad_data),
	KUNIT_CASE(test_short_and_plain),
	KUNIT_CASE(test_response_rules),
	KUNIT_CASE(test_keyset_valid),
	KUNIT_CASE_PARAM(test_dek, dek_gen_params),
	KUNIT_CASE(test_dek_bad),
	{ }
};

static struct kunit_suite scp03_suite = {
	.name = "persocard_scp03",
	.test_cases = scp03_cases,
};

kunit_test_suite(scp03_suite);
