#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Known answers for scp03_host.py, on the host, as TAP.

Source: osmocom/pysim, tests/unittests/test_globalplatform.py (Harald
Welte, GPL-2.0-or-later): SCP03 with AES-128, -192 and -256 (KVN 30, 31,
32, i = 70) at security levels 03, 11 and 33. For each: INITIALIZE UPDATE
command and response (card cryptogram), EXTERNAL AUTHENTICATE (host
cryptogram and C-MAC), a STORE DATA (GET EID) wrapped and its response
unwrapped, then the four APDU cases wrapped, in that order: each MAC
chains on the one before, so a wrong chaining value or counter shows.
The pseudo-random card challenges check too, derived from the sequence
counter and the ISD-R AID (pySim's card is an eUICC). Also the key check
values of that file. Then a wrong card cryptogram and
a wrong R-MAC must be refused.

    /usr/bin/python3 tests/pcsc/test_scp03_vectors.py
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scp03_host import (Keys, Scp03Error, Session, aes_block,  # noqa: E402
                        dgi, encrypt_dgi_value, kdf, store_data_blocks,
                        unpad80)

h = bytes.fromhex

KEYSETS = {
    128: Keys(0x30, h("000102030405060708090a0b0c0d0e0f"),
              h("101112131415161718191a1b1c1d1e1f"),
              h("202122232425262728292a2b2c2d2e2f")),
    192: Keys(0x31, h("000102030405060708090a0b0c0d0e0f0001020304050607"),
              h("101112131415161718191a1b1c1d1e1f1011121314151617"),
              h("202122232425262728292a2b2c2d2e2f2021222324252627")),
    256: Keys(0x32, h("000102030405060708090a0b0c0d0e0f000102030405060708090a0b0c0d0e0f"),
              h("101112131415161718191a1b1c1d1e1f101112131415161718191a1b1c1d1e1f"),
              h("202122232425262728292a2b2c2d2e2f202122232425262728292a2b2c2d2e2f")),
}

GET_EID_PLAIN = h("80E2910006BF3E035C015A00")
GET_EID_RSP_PLAIN = h("bf3e125a1089882119900000000000000000000005")
CASES_PLAIN = (h("80F22002"), h("80ca006600"), h("80F220020a4f0212345c054f9f70c5"),
               h("80f28002024f0000"))

# (bits, level): INIT UPDATE cmd, rsp, EXT AUTH, GET EID cmd, rsp, cases 1-4
VECTORS = {
    (128, 0x11): ("8050300008b13e5f938fc108c400",
                  "000000000000000000003003703eb51047495b249f66c484c1d2ef1948000002",
                  "84821100107d5f5826a993ebc89eea24957fa0b3ce",
                  "84e291000ebf3e035c015a558d036518a2829700",
                  "bf3e125a1089882119900000000000000000000005971be68992dbbdfa",
                  ("84f220020863a63f8959827fb2", "84ca006608a0c6a4a74166f7ce00",
                   "84f22002124f0212345c054f9f70c52249b50272656536",
                   "84f280020a4f00e91443f6dce6b8ed00")),
    (128, 0x03): ("80503000088e1552d0513c60f300",
                  "0000000000000000000030037030760cd2c47c1dd395065fe5ead8a9d7000001",
                  "8482030010fd4721a14d9b07003c451d2f8ae6bb21",
                  "84e2910018ca9c00f6713d79bc8baa642bdff51c3f6a4082d3bd9ad26c00",
                  "bf3e125a1089882119900000000000000000000005",
                  ("84f2200208c9811b11f1264cf1", "84ca006608e10ab60b3054798800",
                   "84f22002184e2908bdb48b2315a55482e9e936ca122d6ecfae7d17416e",
                   "84f28002180dd10a6b6193e5340b9e77d32d5a179cd710ac2773aefb2800")),
    (128, 0x33): ("8050300008fdf38259a1e0de4400",
                  "000000000000000000003003703b1aca81e821f219081cdc01c26b372d000003",
                  "84823300108c36f96bcc00724a4e13ad591d7da3f0",
                  "84e2910018267a85dfe4a98fca6fb0527e0dfecce4914e40401433c87f00",
                  "f3ba2b1013aa6224f5e1c138d71805c569e5439b47576260b75fc021b25097cb"
                  "2e68f8a0144975b9",
                  ("84f2200208ac6a59024bed84cc", "84ca006608409912ad8fb7aed000",
                   "84f22002185f3dafc3ac14c381536a488bf44e06d056df9d74dbd21e5a",
                   "84f280021865165105be3373347d0424d4400af2ac393f569ec779389e00")),
    (192, 0x11): ("80503100087396430b768b085b00",
                  "000000000000000000003103708cfc23522ffdbf1e5df5542cac8fd866000003",
                  "84821100102145ed30b146f5db252fb7e624cec244",
                  "84e291000ebf3e035c015aff42cf801d14394400",
                  "bf3e125a1089882119900000000000000000000005162fbd33e04940a9",
                  ("84f22002084584e4f6784811ee", "84ca006608937776ebe190fa3000",
                   "84f22002124f0212345c054f9f70c59a52bddf3040368c",
                   "84f280020a4f009804b11411f7393d00")),
    (192, 0x03): ("805031000869c65da8202bf19f00",
                  "00000000000000000000310370b570a67be38446717729d6dd3d2ec5b1000001",
                  "848203001065df4f1a356a887905466516d9e5b7c1",
                  "84e2910018d2c6fb477c5d4afe4fd4d21f17eff10d3578ec1774a12a2d00",
                  "bf3e125a1089882119900000000000000000000005",
                  ("84f2200208964e188f0b1bb697", "84ca006608f0820035a41d3e1800",
                   "84f220021806b076ed452cd1fa84f77f5c08a146aa77a9286757dea791",
                   "84f2800218d06527e39222dce091fabdb8e9b898417a67a6852d3577db00")),
    (192, 0x33): ("80503100089b3f2eef0e8c937400",
                  "00000000000000000000310370f6bb305a15bae1a68f79fb08212fbed7000002",
                  "84823300109100bc22d58b45b86a26365ce39ff3cf",
                  "84e29100188f7f946c84f70d17994bc6e8791251bb1bb1bf02cf8de58900",
                  "c05176c1b6f72aae50c32cbee63b0e95998928fd4dfb2be9f27ffde8c8476f59"
                  "09b4805cc4039599",
                  ("84f2200208d5d97754b6b3d2ba", "84ca006608516c82b8e30adbeb00",
                   "84f2200218cc247f4761e6944277a4e0d6e32e44025b1e31537e2fc668",
                   "84f2800218ba22b63d509bef5d093b43e5eaed03ed23144ab2d9cb51de00")),
    (256, 0x11): ("805032000811666d57866c6f5400",
                  "0000000000000000000032037053ea8847efa7674e41498a4d66cf0dee000003",
                  "84821100102f2ad190eff2fafc4908996d1cebd310",
                  "84e291000ebf3e035c015af4b680372542b59d00",
                  "bf3e125a10898821199000000000000000000000058012dd7f01f1c4c1",
                  ("84f2200208d618b7da68d5fe52", "84ca0066088f3e055db23ad5e500",
                   "84f22002124f0212345c054f9f70c5b6e15cc42404915e",
                   "84f280020a4f00aa124aa74afe7f7500")),
    (256, 0x03): ("8050320008c6066990fc426e1d00",
                  "000000000000000000003203708682cd81bbd8919f2de3f2664581f118000001",
                  "848203001077c493b632edadaf865a1e64acc07ce9",
                  "84e29100183ddaa60594963befaada3525b492ede23c2ab2c1ce3afe4400",
                  "bf3e125a1089882119900000000000000000000005",
                  ("84f2200208480ddc8e419da38d", "84ca0066083e9d6a6c0b2d732000",
                   "84f22002183ebfef2da8b04af2a85f491f299b76973df76ff08a4031be",
                   "84f2800218783fff80990f5585b1055010ea95094a26e4a8f1ef4b18e100")),
    (256, 0x33): ("805032000897b2055fe58599fd00",
                  "00000000000000000000320370a8439a22cedf045fa9f1903b2834f26e000002",
                  "8482330010508a0fd959d2e547c6b33154a6be2057",
                  "84e29100187a5ef717eaf1e135ae92fe54429d0e465decda65f5fe5aea00",
                  "ea90dbfa648a67c5eb6abc57f8530b97d0cd5647c5e8732016b55203b078dd2a"
                  "ce7f8bc5d1c1cd99",
                  ("84f2200208bcc5c17275545d93", "84ca00660804806aba9d543bb600",
                   "84f2200218717222491556ec81a45f49ce48be33320024801a1c4cb0e0",
                   "84f2800218561f105bccd3a1642904b251ccc1228beb80a82370a8637000")),
}

# pySim's card is an eUICC: its challenges derive from the ISD-R's AID.
PYSIM_SD_AID = h("A0000005591010FFFFFFFF8900000100")

# compute_kcv('aes', key) of the same file: AES(key, 16 x 01), 3 bytes.
KCV_128 = (("enc", "C35280"), ("mac", "013808"), ("dek", "840DE5"))


class Tap:
    def __init__(self):
        self.n = self.failed = 0

    def is_(self, got, want, desc):
        self.n += 1
        good = got == want
        print("%s %d - %s" % ("ok" if good else "not ok", self.n, desc))
        if not good:
            self.failed += 1
            print("#   got %r, want %r" % (got, want))
        return good

    def ok(self, cond, desc):
        return self.is_(bool(cond), True, desc)


def raises(fn):
    try:
        fn()
    except Scp03Error:
        return True
    return False


def session_vector(t, bits, level, vec):
    iu_cmd, iu_rsp, ea_cmd, eid_cmd, eid_rsp, cases = vec
    name = "pySim AES-%d SL %02X" % (bits, level)
    s = Session(KEYSETS[bits], h(iu_cmd)[5:13])
    t.is_(s.init_update_apdu().hex(), iu_cmd, name + ": INITIALIZE UPDATE")
    try:
        r = s.parse_init_update(h(iu_rsp))
        t.ok(True, name + ": card cryptogram checks")
    except Scp03Error as e:
        t.ok(False, name + ": card cryptogram checks (%s)" % e)
        return
    t.is_((r["kvn"], r["i"]), (KEYSETS[bits].kvn, 0x70), name + ": KVN and i = 70")
    t.is_(s.expected_card_challenge(r["seq"], PYSIM_SD_AID), r["card_challenge"],
          name + ": pseudo-random card challenge from seq || SD AID")
    t.is_(s.ext_auth_apdu(level).hex(), ea_cmd,
          name + ": EXTERNAL AUTHENTICATE (host cryptogram, C-MAC)")
    t.is_(s.wrap(GET_EID_PLAIN).hex(), eid_cmd, name + ": STORE DATA wrapped")
    try:
        got = s.unwrap(h(eid_rsp), 0x9000).hex()
    except Scp03Error as e:
        got = "error: %s" % e
    t.is_(got, GET_EID_RSP_PLAIN.hex(), name + ": its response unwrapped")
    for n, (plain, want) in enumerate(zip(CASES_PLAIN, cases), 1):
        t.is_(s.wrap(plain).hex(), want, name + ": case %d APDU wrapped" % n)


def negatives(t):
    bits, level = 128, 0x33
    vec = VECTORS[(bits, level)]
    bad = bytearray(h(vec[1]))
    bad[-4] ^= 0x01
    s = Session(KEYSETS[bits], h(vec[0])[5:13])
    t.ok(raises(lambda: s.parse_init_update(bytes(bad))),
         "a card cryptogram with one bit flipped is refused")
    s = Session(KEYSETS[bits], h(vec[0])[5:13])
    s.parse_init_update(h(vec[1]))
    s.ext_auth_apdu(level)
    s.wrap(GET_EID_PLAIN)
    bad = bytearray(h(vec[4]))
    bad[-1] ^= 0x80
    t.ok(raises(lambda: s.unwrap(bytes(bad), 0x9000)),
         "a response with one R-MAC bit flipped is refused")
    t.ok(raises(lambda: s.unwrap(h(vec[4]), 0x6200 | 0x81)),
         "the right response under another status word is refused")
    t.ok(raises(lambda: unpad80(bytes(16))), "a block of zeros is no padding")


def own_checks(t):
    """Not from pySim: properties of what the card test builds."""
    k = KEYSETS[128]
    v = encrypt_dgi_value(k.dek, bytes(16))
    t.is_(len(v), 32, "a 16-byte secret encrypts to 32 bytes (padding always added)")
    t.is_(v[:16], aes_block(k.dek, bytes(16)), "first block: AES(DEK, plain) under IV 0")
    t.is_(len(kdf(k.mac, 0x06, 192, b"")), 24, "KDF gives L = 192 bits")
    d = dgi(0x0101, bytes(300))
    t.is_(d[:5].hex(), "0101ff012c", "DGI of 300 bytes: FF and two length bytes")
    blocks = store_data_blocks([dgi(0x5A00, bytes(10)), d, dgi(0x5F24, bytes(3))], 64)
    t.is_([(p1, p2) for p1, p2, _ in blocks][-1], (0xA8, len(blocks) - 1),
          "last STORE DATA: P1 A8, P2 the block number")
    t.is_(b"".join(b for _, _, b in blocks),
          dgi(0x5A00, bytes(10)) + d + dgi(0x5F24, bytes(3)),
          "the blocks carry the DGIs whole, in order")
    t.ok(all(len(b) <= 64 for _, _, b in blocks), "no block over its limit")


def main():
    t = Tap()
    for (bits, level), vec in VECTORS.items():
        session_vector(t, bits, level, vec)
    for which, want in KCV_128:
        key = getattr(KEYSETS[128], which)
        t.is_(aes_block(key, b"\x01" * 16)[:3].hex().upper(), want,
              "pySim key check value of the AES-128 %s key" % which.upper())
    negatives(t)
    own_checks(t)
    print("1..%d" % t.n)
    return 1 if t.failed else 0


if __name__ == "__main__":
    sys.exit(main())
