#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""EMV application cryptograms, a second implementation for the tests.

The card's module/cardos/emv.c again, from Debian's python3-cryptography
alone (OpenSSL's triple DES; single DES is TripleDES with K || K || K):

- session_key(mk, atc): EMV 4.3 Book 2 Annex A1.3.1, the common session
  key derivation with R = ATC || 00 .. 00: SK_L = 3DES(MK)[ATC || F0 ||
  00 .. 00], SK_R = 3DES(MK)[ATC || 0F || 00 .. 00], each byte then set to
  odd parity (as the card and pyemv hand it out).
- mac3(key, data): ISO/IEC 9797-1 MAC algorithm 3 with padding method 2:
  DES CBC under K_L from a zero IV, then D(K_R), E(K_L) on the last block.
- arqc(mk, atc, data): the application cryptogram of Book 2 8.1.2, the
  MAC above under the session key for atc.
- icc_mk_option_a(imk, pan, psn): Book 2 Annex A1.4.1 option A, the ICC
  master key from the issuer's, for the published vectors that start
  there.

Run as a program, it checks itself against the published vectors that
tests/kunit/emv_test.c uses and prints TAP:

    /usr/bin/python3 tests/pcsc/emv_ref.py

Sources, knovichikhin/pyemv at cf6b82d7a1e1b57c87d18a2caae2115f8b3e4309
(MIT), copied verbatim:
- pyemv/kd.py: the module docstring and derive_icc_mk_a() docstring
  (option A), derive_common_sk() docstring (ATC 001C);
- tests/test_mac.py test_mac_iso9797_3 (padding 2) and the pyemv/ac.py
  module and generate_ac() docstrings (the MAC);
- tests/test_cvn_hsm.py test_visa_cvn18, test_mastercard_cvn20 and
  test_mastercard_cvn21 (whose values that project checked on an HSM) and
  the pyemv/cvn.py module docstring (VisaCVN18, ATC 0FFF): issuer key,
  PAN and PSN to ICC master key (key check value), session key (key check
  value) and ARQC.
Then session keys for more ATCs from Debian's openssl CLI
(`openssl enc -des-ede-ecb -nopad`), before parity.
"""

import sys

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

BLOCK = 8


def _ecb(key: bytes, block: bytes, decrypt: bool = False) -> bytes:
    c = Cipher(algorithms.TripleDES(key), modes.ECB())
    op = c.decryptor() if decrypt else c.encryptor()
    return op.update(block) + op.finalize()


def _des(k: bytes, block: bytes, decrypt: bool = False) -> bytes:
    """Single DES: triple DES with K || K || K."""
    return _ecb(k * 3, block, decrypt)


def _tdes2(key: bytes, block: bytes) -> bytes:
    """Two-key triple DES, E(K_L) D(K_R) E(K_L)."""
    return _ecb(key + key[:BLOCK], block)


def odd_parity(key: bytes) -> bytes:
    return bytes(b ^ (1 - bin(b).count("1") % 2) for b in key)


def kcv(key: bytes, n: int = 2) -> bytes:
    """Key check value: 3DES(K)[00 .. 00], the first n bytes."""
    return _tdes2(key, bytes(BLOCK))[:n]


def session_key(mk: bytes, atc: int) -> bytes:
    if len(mk) != 16 or not 0 <= atc <= 0xFFFF:
        raise ValueError("a 16-byte master key and a 16-bit ATC")
    a = atc.to_bytes(2, "big")
    sk = (_tdes2(mk, a + b"\xf0" + bytes(5)) +
          _tdes2(mk, a + b"\x0f" + bytes(5)))
    return odd_parity(sk)


def mac3(key: bytes, data: bytes) -> bytes:
    if len(key) != 16:
        raise ValueError("a 16-byte key")
    kl, kr = key[:BLOCK], key[BLOCK:]
    padded = data + b"\x80" + bytes(-(len(data) + 1) % BLOCK)
    h = bytes(BLOCK)
    for i in range(0, len(padded), BLOCK):
        h = _des(kl, bytes(x ^ y for x, y in zip(h, padded[i:i + BLOCK])))
    return _des(kl, _des(kr, h, decrypt=True))


def arqc(mk: bytes, atc: int, data: bytes) -> bytes:
    return mac3(session_key(mk, atc), data)


def icc_mk_option_a(imk: bytes, pan: str, psn: str = "00") -> bytes:
    y = bytes.fromhex((pan + psn)[-16:].zfill(16))
    inv = bytes(b ^ 0xFF for b in y)
    return odd_parity(_tdes2(imk, y) + _tdes2(imk, inv))


# ---------------------------------------------------------------- vectors

h = bytes.fromhex
IMK = h("0123456789ABCDEFFEDCBA9876543210")

# pyemv/kd.py docstrings: (issuer key, PAN, PSN, ICC master key).
OPTION_A = (
    (IMK, "99012345678901234", "45", h("67F8292358083E5EA7AB7FDA58D53B6B")),
    (IMK, "12345678901234567", "01", h("73AD54688CEF2934B0979857E3C719F1")),
)

# pyemv/kd.py derive_common_sk() docstring: (MK, ATC, SK).
SESSION = (
    (IMK, 0x001C, h("E9FB384AF807B940FEDCEA613461B0C4")),
)

# Debian's openssl 3.0: SK_L || SK_R before parity, for MK = IMK above.
SESSION_OPENSSL = (
    (0x0000, h("f96457dc2a7f52f4fd30cd1e25186250")),
    (0x0001, h("848c35717f66d40944f9286ff19abffd")),
    (0x001C, h("e8fa394bf807b841fedcea603461b1c5")),
    (0x8000, h("8aeb0b5b1d627de4e05321aeb9e384ea")),
    (0xFFFF, h("b97a1c2c475c9182a2aa8799a6547533")),
)

# (what, key, data, MAC), padding method 2.
MAC = (
    ("tests/test_mac.py, hello world",
     h("AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBB"), b"hello world",
     h("2BC2D9EDE0CF31F6")),
    ("pyemv/ac.py module docstring, two full blocks",
     h("29B33180E567CE38EA4CBC9D753B0E61"),
     h("0123456789ABCDEF0123456789ABCDEF"), h("FA624250B008B59A")),
    ("pyemv/ac.py generate_ac() docstring, 29 bytes",
     h("AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBB"),
     h("000000002000" "000000000000" "0124" "0000008000" "0124" "110309"
       "00" "3804823E" "5800" "0001"), h("3B76CF10FECD8789")),
)

# (what, issuer key, PAN, PSN, KCV of MK, ATC, KCV of SK or None, data, AC)
AC = (
    ("tests/test_cvn_hsm.py test_visa_cvn18", IMK, "1234567890123456", "00",
     h("BAB0"), 0x001C, h("22C8"),
     h("000000004000" "000000000000" "0124" "8000048000" "0124" "191105"
       "01" "52BF4585" "1800" "001C" "06011203A0B800"),
     h("7A788EA6B8A3E733")),
    ("tests/test_cvn_hsm.py test_mastercard_cvn20", IMK, "1234567890123456",
     "00", h("BAB0"), 0x001C, h("22C8"),
     h("000000009999" "000000000000" "0124" "8000000000" "0124" "209906"
       "00" "ABCDEF12" "1800" "001C" "A00003220000"),
     h("CD29615D6452E70E")),
    ("tests/test_cvn_hsm.py test_mastercard_cvn21", IMK, "1234567890123456",
     "00", h("BAB0"), 0x001C, h("22C8"),
     h("000000009999" "000000000000" "0124" "8000000000" "0124" "209906"
       "00" "ABCDEF12" "1800" "001C" "A00003220000" "00000000000322FF"),
     h("C30E54BE496CF5E5")),
    ("pyemv/cvn.py module docstring VisaCVN18, ATC 0FFF",
     h("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), "1234567890123456", "00",
     None, 0x0FFF, None,
     h("000000009999" "000000000000" "0840" "8000048000" "0840" "991231"
       "01" "52BF4585" "1800" "0FFF" "06011203A0B800"),
     h("769577B5ABE9FE62")),
)


def _self_test() -> int:
    results = []

    def check(ok: bool, what: str) -> None:
        results.append((ok, what))

    for imk, pan, psn, want in OPTION_A:
        check(icc_mk_option_a(imk, pan, psn) == want,
              f"option A ICC master key, PAN {pan} PSN {psn} (pyemv kd.py)")
    for mk, atc, want in SESSION:
        check(session_key(mk, atc) == want,
              f"session key, ATC {atc:04X} (pyemv derive_common_sk)")
    for atc, raw in SESSION_OPENSSL:
        check(session_key(IMK, atc) == odd_parity(raw),
              f"session key, ATC {atc:04X} (openssl enc -des-ede-ecb)")
    for what, key, data, want in MAC:
        check(mac3(key, data) == want, f"MAC algorithm 3 ({what})")
    for what, imk, pan, psn, mk_kcv, atc, sk_kcv, data, want in AC:
        mk = icc_mk_option_a(imk, pan, psn)
        if mk_kcv is not None:
            check(kcv(mk) == mk_kcv, f"ICC master key KCV ({what})")
        if sk_kcv is not None:
            check(kcv(session_key(mk, atc)) == sk_kcv,
                  f"session key KCV, ATC {atc:04X} ({what})")
        check(arqc(mk, atc, data) == want, f"ARQC, ATC {atc:04X} ({what})")

    print(f"1..{len(results)}")
    for n, (ok, what) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {n} - {what}")
    return 0 if all(ok for ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(_self_test())
