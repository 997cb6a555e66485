// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * Known-answer tests of libpersocard's SCP03 host crypto against
 * published vectors, each test naming its source:
 * - RFC 4493 section 4: AES-CMAC examples (the primitive);
 * - osmocom/pysim tests/unittests/test_globalplatform.py (SCP03_Test_*):
 *   AES-128/192/256 at levels 03, 11 and 33: INITIALIZE UPDATE, its
 *   response, EXTERNAL AUTHENTICATE, wrapped commands, unwrapped responses;
 * - kaoh/globalplatform globalplatform/src/scp03Test.c: session keys,
 *   EXTERNAL AUTHENTICATE, wrapped DELETE and GET STATUS (i=70), and
 *   AES-192 with i=10;
 * - DEK encryption (AES-CBC, zero IV, method 2 padding) against values
 *   computed with python3-cryptography, an independent implementation.
 * The library's internal files are compiled in: these functions are not
 * exported.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../userspace/lib/lex.c"
#include "../../userspace/lib/scp03_host.c"

#include "../lib/tap.h"

/* Hex text to bytes; bails out on a typo in a vector. */
static size_t unhex(const char *s, uint8_t *out, size_t size)
{
	size_t n = 0;
	int hi, lo;

	while (*s) {
		if (*s == ' ') {
			s++;
			continue;
		}
		hi = hex_digit(s[0]);
		lo = hi < 0 ? -1 : hex_digit(s[1]);
		if (lo < 0 || n == size) {
			bail_out("bad hex in a test vector");
			exit(1);
		}
		out[n++] = hi << 4 | lo;
		s += 2;
	}
	return n;
}

static int same_hex(const uint8_t *got, size_t len, const char *want)
{
	uint8_t buf[512];
	size_t n = unhex(want, buf, sizeof(buf));

	if (n == len && !memcmp(got, buf, n))
		return 1;
	printf("# got  ");
	for (n = 0; n < len; n++)
		printf("%02x", got[n]);
	printf("\n# want %s\n", want);
	return 0;
}

/* A plain command APDU in hex, read as the host means it. */
struct plain {
	uint8_t buf[270];
	struct scp03_apdu cmd;
};

static void parse_plain(struct plain *p, const char *hex)
{
	size_t n = unhex(hex, p->buf, sizeof(p->buf));

	memset(&p->cmd, 0, sizeof(p->cmd));
	p->cmd.cla = p->buf[0];
	p->cmd.ins = p->buf[1];
	p->cmd.p1 = p->buf[2];
	p->cmd.p2 = p->buf[3];
	if (n == 4)
		return;
	if (n == 5) {		/* case 2 */
		p->cmd.has_le = 1;
		return;
	}
	p->cmd.len = p->buf[4];
	p->cmd.data = p->buf + 5;
	p->cmd.has_le = n == 6 + p->cmd.len;
}

static int wraps_to(struct scp03_session *s, const char *plain,
		    const char *wrapped)
{
	uint8_t out[300];
	struct plain p;
	size_t n;

	parse_plain(&p, plain);
	n = scp03_wrap(s, &p.cmd, out, sizeof(out));
	return n && same_hex(out, n, wrapped);
}

static void test_rfc4493(void)
{
	static const char *const msgs[] = {
		"",
		"6bc1bee22e409f96e93d7e117393172a",
		"6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411",
		"6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710",
	};
	static const char *const macs[] = {
		"bb1d6929e95937287fa37d129b756746",
		"070a16b46b4d4144f79bdd9dd04a287c",
		"dfa66747de9ae63030ca32611497c827",
		"51f0bebf7e3b9d92fc49741779363cfe",
	};
	uint8_t key[16], msg[64], mac[16];
	size_t i, n;

	unhex("2b7e151628aed2a6abf7158809cf4f3c", key, sizeof(key));
	for (i = 0; i < 4; i++) {
		n = unhex(msgs[i], msg, sizeof(msg));
		/* split in two parts: the chaining value and the APDU */
		ok(!scp03_cmac(key, 16, msg, n / 2, msg + n / 2, n - n / 2, mac) &&
		   same_hex(mac, 16, macs[i]),
		   "RFC 4493 4: AES-CMAC example %zu (Mlen %zu)", i + 1, n);
	}
}

/* osmocom/pysim tests/unittests/test_globalplatform.py */
struct pysim_vector {
	const char *name;
	int key_len;
	const char *init_upd_cmd, *init_upd_rsp, *ext_auth_cmd;
	const char *get_eid_cmd, *get_eid_rsp;
	const char *case_apdu[4];
};

static const struct pysim_vector pysim[] = {
	{ "SCP03_Test_AES128_11", 16,
	  "8050300008b13e5f938fc108c400",
	  "000000000000000000003003703eb51047495b249f66c484c1d2ef1948000002",
	  "84821100107d5f5826a993ebc89eea24957fa0b3ce",
	  "84e291000ebf3e035c015a558d036518a2829700",
	  "bf3e125a1089882119900000000000000000000005971be68992dbbdfa",
	  { "84f220020863a63f8959827fb2", "84ca006608a0c6a4a74166f7ce00",
	    "84f22002124f0212345c054f9f70c52249b50272656536",
	    "84f280020a4f00e91443f6dce6b8ed00" } },
	{ "SCP03_Test_AES128_03", 16,
	  "80503000088e1552d0513c60f300",
	  "0000000000000000000030037030760cd2c47c1dd395065fe5ead8a9d7000001",
	  "8482030010fd4721a14d9b07003c451d2f8ae6bb21",
	  "84e2910018ca9c00f6713d79bc8baa642bdff51c3f6a4082d3bd9ad26c00",
	  "bf3e125a1089882119900000000000000000000005",
	  { "84f2200208c9811b11f1264cf1", "84ca006608e10ab60b3054798800",
	    "84f22002184e2908bdb48b2315a55482e9e936ca122d6ecfae7d17416e",
	    "84f28002180dd10a6b6193e5340b9e77d32d5a179cd710ac2773aefb2800" } },
	{ "SCP03_Test_AES128_33", 16,
	  "8050300008fdf38259a1e0de4400",
	  "000000000000000000003003703b1aca81e821f219081cdc01c26b372d000003",
	  "84823300108c36f96bcc00724a4e13ad591d7da3f0",
	  "84e2910018267a85dfe4a98fca6fb0527e0dfecce4914e40401433c87f00",
	  "f3ba2b1013aa6224f5e1c138d71805c569e5439b47576260b75fc021b25097cb2e68f8a0144975b9",
	  { "84f2200208ac6a59024bed84cc", "84ca006608409912ad8fb7aed000",
	    "84f22002185f3dafc3ac14c381536a488bf44e06d056df9d74dbd21e5a",
	    "84f280021865165105be3373347d0424d4400af2ac393f569ec779389e00" } },
	{ "SCP03_Test_AES192_11", 24,
	  "80503100087396430b768b085b00",
	  "000000000000000000003103708cfc23522ffdbf1e5df5542cac8fd866000003",
	  "84821100102145ed30b146f5db252fb7e624cec244",
	  "84e291000ebf3e035c015aff42cf801d14394400",
	  "bf3e125a1089882119900000000000000000000005162fbd33e04940a9",
	  { "84f22002084584e4f6784811ee", "84ca006608937776ebe190fa3000",
	    "84f22002124f0212345c054f9f70c59a52bddf3040368c",
	    "84f280020a4f009804b11411f7393d00" } },
	{ "SCP03_Test_AES192_03", 24,
	  "805031000869c65da8202bf19f00",
	  "00000000000000000000310370b570a67be38446717729d6dd3d2ec5b1000001",
	  "848203001065df4f1a356a887905466516d9e5b7c1",
	  "84e2910018d2c6fb477c5d4afe4fd4d21f17eff10d3578ec1774a12a2d00",
	  "bf3e125a1089882119900000000000000000000005",
	  { "84f2200208964e188f0b1bb697", "84ca006608f0820035a41d3e1800",
	    "84f220021806b076ed452cd1fa84f77f5c08a146aa77a9286757dea791",
	    "84f2800218d06527e39222dce091fabdb8e9b898417a67a6852d3577db00" } },
	{ "SCP03_Test_AES192_33", 24,
	  "80503100089b3f2eef0e8c937400",
	  "00000000000000000000310370f6bb305a15bae1a68f79fb08212fbed7000002",
	  "84823300109100bc22d58b45b86a26365ce39ff3cf",
	  "84e29100188f7f946c84f70d17994bc6e8791251bb1bb1bf02cf8de58900",
	  "c05176c1b6f72aae50c32cbee63b0e95998928fd4dfb2be9f27ffde8c8476f5909b4805cc4039599",
	  { "84f2200208d5d97754b6b3d2ba", "84ca006608516c82b8e30adbeb00",
	    "84f2200218cc247f4761e6944277a4e0d6e32e44025b1e31537e2fc668",
	    "84f2800218ba22b63d509bef5d093b43e5eaed03ed23144ab2d9cb51de00" } },
	{ "SCP03_Test_AES256_11", 32,
	  "805032000811666d57866c6f5400",
	  "0000000000000000000032037053ea8847efa7674e41498a4d66cf0dee000003",
	  "84821100102f2ad190eff2fafc4908996d1cebd310",
	  "84e291000ebf3e035c015af4b680372542b59d00",
	  "bf3e125a10898821199000000000000000000000058012dd7f01f1c4c1",
	  { "84f2200208d618b7da68d5fe52", "84ca0066088f3e055db23ad5e500",
	    "84f22002124f0212345c054f9f70c5b6e15cc42404915e",
	    "84f280020a4f00aa124aa74afe7f7500" } },
	{ "SCP03_Test_AES256_03", 32,
	  "8050320008c6066990fc426e1d00",
	  "000000000000000000003203708682cd81bbd8919f2de3f2664581f118000001",
	  "848203001077c493b632edadaf865a1e64acc07ce9",
	  "84e29100183ddaa60594963befaada3525b492ede23c2ab2c1ce3afe4400",
	  "bf3e125a1089882119900000000000000000000005",
	  { "84f2200208480ddc8e419da38d", "84ca0066083e9d6a6c0b2d732000",
	    "84f22002183ebfef2da8b04af2a85f491f299b76973df76ff08a4031be",
	    "84f2800218783fff80990f5585b1055010ea95094a26e4a8f1ef4b18e100" } },
	{ "SCP03_Test_AES256_33", 32,
	  "805032000897b2055fe58599fd00",
	  "00000000000000000000320370a8439a22cedf045fa9f1903b2834f26e000002",
	  "8482330010508a0fd959d2e547c6b33154a6be2057",
	  "84e29100187a5ef717eaf1e135ae92fe54429d0e465decda65f5fe5aea00",
	  "ea90dbfa648a67c5eb6abc57f8530b97d0cd5647c5e8732016b55203b078dd2ace7f8bc5d1c1cd99",
	  { "84f2200208bcc5c17275545d93", "84ca00660804806aba9d543bb600",
	    "84f2200218717222491556ec81a45f49ce48be33320024801a1c4cb0e0",
	    "84f2800218561f105bccd3a1642904b251ccc1228beb80a82370a8637000" } },
};

static const char *const pysim_plain[] = {
	"80F22002", "80ca006600", "80F220020a4f0212345c054f9f70c5",
	"80f28002024f0000",
};

/* pysim's KEYSET_AES128/192/256: 00.., 10.., 20.. cut to the length. */
static void pysim_keys(struct persocard_scp03_keys *k, int len, uint8_t kvn)
{
	static const char enc[] = "000102030405060708090a0b0c0d0e0f000102030405060708090a0b0c0d0e0f";
	static const char mac[] = "101112131415161718191a1b1c1d1e1f101112131415161718191a1b1c1d1e1f";
	static const char dek[] = "202122232425262728292a2b2c2d2e2f202122232425262728292a2b2c2d2e2f";

	memset(k, 0, sizeof(*k));
	k->kvn = kvn;
	k->len = len;
	unhex(enc, k->enc, sizeof(k->enc));
	unhex(mac, k->mac, sizeof(k->mac));
	unhex(dek, k->dek, sizeof(k->dek));
	/* the key is the first @len bytes; the rest must not matter */
	memset(k->enc + len, 0xEE, sizeof(k->enc) - len);
	memset(k->mac + len, 0xEE, sizeof(k->mac) - len);
	memset(k->dek + len, 0xEE, sizeof(k->dek) - len);
}

static void test_pysim(const struct pysim_vector *v)
{
	uint8_t cmd[32], rsp[64], apdu[300], hc[8], out[300];
	struct persocard_scp03_keys keys;
	struct scp03_session s;
	size_t n, rlen, olen;
	unsigned int i, level;
	int ret;

	n = unhex(v->init_upd_cmd, cmd, sizeof(cmd));
	memcpy(hc, cmd + 5, 8);
	pysim_keys(&keys, v->key_len, cmd[2]);
	n = scp03_init_update(apdu, keys.kvn, hc);
	ok(same_hex(apdu, n, v->init_upd_cmd),
	   "pysim %s: INITIALIZE UPDATE APDU", v->name);
	rlen = unhex(v->init_upd_rsp, rsp, sizeof(rsp));
	ret = scp03_begin(&s, &keys, hc, rsp, rlen);
	is_int(ret, 0, "pysim %s: card cryptogram accepted", v->name);
	unhex(v->ext_auth_cmd, cmd, sizeof(cmd));
	level = cmd[2];
	n = scp03_ext_auth(&s, level, apdu);
	ok(n && same_hex(apdu, n, v->ext_auth_cmd),
	   "pysim %s: EXTERNAL AUTHENTICATE with host cryptogram and C-MAC",
	   v->name);
	ok(wraps_to(&s, "80E2910006BF3E035C015A00", v->get_eid_cmd),
	   "pysim %s: STORE DATA (get_eid) wrapped", v->name);
	n = unhex(v->get_eid_rsp, apdu, sizeof(apdu) - 2);
	apdu[n++] = 0x90;
	apdu[n++] = 0x00;
	ret = scp03_unwrap(&s, apdu, n, out, &olen);
	ok(!ret && same_hex(out, olen, "bf3e125a1089882119900000000000000000000005"),
	   "pysim %s: response unwrapped%s", v->name,
	   level & 0x20 ? " (R-MAC, R-ENC)" : level & 0x10 ? " (R-MAC)" : "");
	if (level & PERSOCARD_SCP03_RMAC) {
		apdu[n - 3] ^= 1;	/* the R-MAC's last byte */
		errno = 0;
		ret = scp03_unwrap(&s, apdu, n, out, &olen);
		ok(ret == -1 && errno == EBADMSG,
		   "pysim %s: a flipped R-MAC bit: EBADMSG", v->name);
	}
	for (i = 0; i < 4; i++)
		ok(wraps_to(&s, pysim_plain[i], v->case_apdu[i]),
		   "pysim %s: case %u APDU wrapped", v->name, i + 1);
	scp03_end(&s);

	/* Same response, its card cryptogram's last byte changed. */
	rsp[28] ^= 0xFF;
	errno = 0;
	ret = scp03_begin(&s, &keys, hc, rsp, rlen);
	ok(ret == -1 && errno == EKEYREJECTED,
	   "pysim %s: a wrong card cryptogram: EKEYREJECTED", v->name);
}

/* kaoh/globalplatform globalplatform/src/scp03Test.c */
static void kaoh_keys(struct persocard_scp03_keys *k)
{
	memset(k, 0, sizeof(*k));
	k->len = 16;
	unhex("F995D0A069335C7DF42E590317FFEA6D", k->enc, 16);
	unhex("58563362EC5A4541ABCD32B34B1EAE7D", k->mac, 16);
	unhex("0A02A6D687406DCFA09DC70B3EDB7E38", k->dek, 16);
}

/* mutual_auth() then delete_application(): i=70, level 03, KVN 00 sent. */
static void test_kaoh_session(const char *test, const char *hc_hex,
			      const char *rsp_hex, const char *ext_auth,
			      const char *s_enc, const char *s_mac,
			      const char *s_rmac)
{
	uint8_t hc[8], rsp[40], apdu[32];
	struct persocard_scp03_keys keys;
	struct scp03_session s;
	size_t n;

	kaoh_keys(&keys);
	unhex(hc_hex, hc, sizeof(hc));
	n = unhex(rsp_hex, rsp, sizeof(rsp));
	is_int(scp03_begin(&s, &keys, hc, rsp, n), 0,
	       "kaoh %s: card cryptogram accepted", test);
	ok(same_hex(s.s_enc, 16, s_enc) && same_hex(s.s_mac, 16, s_mac) &&
	   same_hex(s.s_rmac, 16, s_rmac),
	   "kaoh %s: S-ENC, S-MAC, S-RMAC", test);
	n = scp03_ext_auth(&s, 0x03, apdu);
	ok(n && same_hex(apdu, n, ext_auth), "kaoh %s: EXTERNAL AUTHENTICATE",
	   test);
	if (!strcmp(test, "delete_application"))
		ok(wraps_to(&s, "80E400800A4F08A00100015141434C",
			    "84E400801829F06AEC3180B3EFE91FF662310B945DE0D5FE66AD67A5B6"),
		   "kaoh %s: DELETE wrapped (C-DEC, C-MAC)", test);
	scp03_end(&s);
}

static void test_kaoh(void)
{
	static const char *const enc_mac_cmds[] = {
		"84F2200218705C4D16C7BAC5496AEE0ED9963222455472F3CFAC97BCCA00",
		"84F240021834AF0FEDDAE7C07308600587E1B1E6EC87811520D9A6AAAD00",
		"84F28002188D6CFE9EB359EACB9594D8EC161E45C10ED0138E34A10BF300",
		"84F21002183D98B6DE9CBF3905EAE4FAF5E141C58DAB7013D1076745C700",
	};
	static const char *const enc_mac_plain[] = {
		"80F22002024F0000", "80F24002024F0000", "80F28002024F0000",
		"80F21002024F0000",
	};
	struct persocard_scp03_keys keys;
	uint8_t hc[8], rsp[40], apdu[32];
	struct scp03_session s;
	size_t n;
	unsigned int i;

	test_kaoh_session("delete_application", "B2BDE1A2DC66BD56",
			  "00000000000000000000300370C40932A6FEFEAEB2E127185170F45FCA000015",
			  "848203001059D54D932423D29F6313C970875F8C2F",
			  "9B841BB63D1087484FF7F16802017243",
			  "8117FE5ADED74AC0DAABE9FB81DBDB67",
			  "4521D75E4D6F60DBFB8AB4EE254EF6F1");
	test_kaoh_session("mutual_auth", "9BD6BF878FB8E991",
			  "000000000000000000003003703C80C2CC87EB3A35E4EDBA35E629C33600001E",
			  "848203001023EBFEDC579D22CDCDB6A25A5FF7891F",
			  "D83EE38C9954C8078987A5E9EE6AB13C",
			  "6FF37716E0413065E8DFD08BF1E9EC5E",
			  "0254C786E57ACA8982670C1C1A05FF12");

	/* get_status(): level 03, one GET STATUS */
	kaoh_keys(&keys);
	unhex("A6D40AEC55FE7986", hc, sizeof(hc));
	n = unhex("00000000000000000000300370B6E362D0F90F8101C34B7B21A7455320000025",
		  rsp, sizeof(rsp));
	is_int(scp03_begin(&s, &keys, hc, rsp, n), 0,
	       "kaoh get_status: card cryptogram accepted");
	n = scp03_ext_auth(&s, 0x03, apdu);
	ok(n && same_hex(apdu, n, "84820300103D958B36BB38AE5896A559345F81471A"),
	   "kaoh get_status: EXTERNAL AUTHENTICATE");
	ok(wraps_to(&s, "80f24002024f0000",
		    "84f24002 18d18c9a7bb2b1b1c7ed1b24e1b1307cb9d71a66abc55cbc3a00"),
	   "kaoh get_status: GET STATUS wrapped (C-DEC, C-MAC)");
	scp03_end(&s);

	/* get_status_enc_mac(): four commands, the counter and chaining */
	unhex("DA2390D378D94B0A", hc, sizeof(hc));
	n = unhex("00000000000000000000300370A7EFE2BFDB3A27A6EAE3FF0EA0D17524000085",
		  rsp, sizeof(rsp));
	is_int(scp03_begin(&s, &keys, hc, rsp, n), 0,
	       "kaoh get_status_enc_mac: card cryptogram accepted");
	n = scp03_ext_auth(&s, 0x03, apdu);
	ok(n && same_hex(apdu, n, "8482030010953EEC5B4A81BF393ADC2ADFD638827A"),
	   "kaoh get_status_enc_mac: EXTERNAL AUTHENTICATE");
	for (i = 0; i < 4; i++)
		ok(wraps_to(&s, enc_mac_plain[i], enc_mac_cmds[i]),
		   "kaoh get_status_enc_mac: command %u wrapped", i + 1);
	scp03_end(&s);

	/* get_status_aes_192(): one 24-byte key for all three, i=10, KVN 02 */
	memset(&keys, 0, sizeof(keys));
	keys.len = 24;
	unhex("DE2A3629CBC24E8D8869E82C8B4C0D874D88166B6F8A1C12", keys.enc, 24);
	memcpy(keys.mac, keys.enc, 24);
	memcpy(keys.dek, keys.enc, 24);
	unhex("4157115CAD7D2FE7", hc, sizeof(hc));
	n = unhex("00008301A8186727A822020310726B1E22EED4F4BBAB21001BFD4B6F02000012",
		  rsp, sizeof(rsp));
	is_int(scp03_begin(&s, &keys, hc, rsp, n), 0,
	       "kaoh get_status_aes_192: card cryptogram accepted");
	n = scp03_ext_auth(&s, 0x03, apdu);
	ok(n && same_hex(apdu, n, "84820300109B126D1B1557297F3C06766CA9ACBD27"),
	   "kaoh get_status_aes_192: EXTERNAL AUTHENTICATE");
	ok(wraps_to(&s, "80F22002024F0000",
		    "84F2200218110C222888859059700E5D42AD65F41299B0BFFC03BF79A800"),
	   "kaoh get_status_aes_192: GET STATUS wrapped");
	scp03_end(&s);
}

/* Computed with python3-cryptography (AES-CBC, IV 0, data || 80 00..). */
static void test_dek(void)
{
	static const struct {
		int key_len;
		const char *plain, *cipher;
	} v[] = {
		{ 16, "", "d0fb6f269a1803f613dbc8534a80dc45" },
		{ 16, "00112233445566778899aabbccddeeff",
		  "85a8a05c4ac54091e38f3f031e3985044170918aab790ff58d7e5b7292b5b288" },
		{ 24, "0123456789abcdef0123456789abcdef0123456789abcdef",
		  "8ab24c3afd419aec4159f0548474b1e42e181c14d789604e690bb94e0a2dca7d" },
		{ 32, "00112233445566778899aabbccddeeff",
		  "c85c096c1e93550c6405cff9d60c02ae1e4cf833f4a68422202882fbcc14138c" },
		{ 32, "", "a3fb289c2a5f7d0afb4f5711a012bfec" },
	};
	struct persocard_scp03_keys keys;
	uint8_t plain[64], out[80];
	size_t i, n;

	for (i = 0; i < ARRAY_SIZE(v); i++) {
		pysim_keys(&keys, v[i].key_len, 0x30);
		n = unhex(v[i].plain, plain, sizeof(plain));
		ok(!scp03_dek_encrypt(keys.dek, keys.len, plain, n, out) &&
		   same_hex(out, scp03_padded_len(n), v[i].cipher),
		   "DEK: AES-%d, %zu bytes padded to %zu (python3-cryptography)",
		   v[i].key_len * 8, n, scp03_padded_len(n));
	}
}

static void test_limits(void)
{
	struct persocard_scp03_keys keys;
	uint8_t hc[8] = { 0 }, rsp[32], out[300], data[256];
	struct scp03_apdu cmd = { .cla = 0x80, .ins = 0xE2, .data = data };
	struct scp03_session s;

	is_int(scp03_max_data(0x01), 247, "C-MAC: 247 bytes of data + 8 of MAC");
	is_int(scp03_max_data(0x13), 239, "C-DEC: 239 bytes pad to 240, + 8 = 248");
	memset(data, 0x5A, sizeof(data));
	pysim_keys(&keys, 16, 0x30);
	unhex("0000000000000000000030037030760cd2c47c1dd395065fe5ead8a9d7000001",
	      rsp, sizeof(rsp));
	memcpy(hc, "\x8e\x15\x52\xd0\x51\x3c\x60\xf3", 8);
	if (scp03_begin(&s, &keys, hc, rsp, sizeof(rsp)) ||
	    !scp03_ext_auth(&s, 0x03, out)) {
		bail_out("pysim AES128_03 session");
		exit(1);
	}
	cmd.len = 239;
	is_int(scp03_wrap(&s, &cmd, out, sizeof(out)), 5 + 240 + 8,
	       "239 bytes at C-DEC: Lc 248");
	is_int(out[4], 248, "Lc' = 240 + 8");
	cmd.len = 240;
	errno = 0;
	ok(!scp03_wrap(&s, &cmd, out, sizeof(out)) && errno == EMSGSIZE,
	   "240 bytes at C-DEC would pad to 256: EMSGSIZE");
	errno = 0;
	ok(!scp03_ext_auth(&s, 0x31, out) && errno == EINVAL,
	   "level 31 (R-ENC without C-DEC): EINVAL");
	ok(!scp03_ext_auth(&s, 0x00, out) && errno == EINVAL, "level 00: EINVAL");
	scp03_end(&s);
	errno = 0;
	ok(scp03_begin(&s, &keys, hc, rsp, 31) == -1 && errno == EPROTO,
	   "a 31-byte INITIALIZE UPDATE response: EPROTO");
	rsp[11] = 0x02;
	errno = 0;
	ok(scp03_begin(&s, &keys, hc, rsp, 32) == -1 && errno == EPROTO,
	   "SCP identifier 02: EPROTO");
	rsp[11] = 0x03;
	keys.kvn = 0x31;
	errno = 0;
	ok(scp03_begin(&s, &keys, hc, rsp, 32) == -1 && errno == EPROTO,
	   "the card answers another KVN: EPROTO");
}

int main(void)
{
	size_t i;

	plan(0);
	test_rfc4493();
	for (i = 0; i < ARRAY_SIZE(pysim); i++)
		test_pysim(&pysim[i]);
	test_kaoh();
	test_dek();
	test_limits();
	return done();
}
