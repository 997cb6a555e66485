#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# Write the seed corpora of the fuzz targets, tests/fuzz/corpus/<target>/,
# from the input formats their headers describe. The files are committed;
# run this again only when a format changes:
#
#   tests/fuzz/make-corpus.py
import hashlib
import os
import re
import struct

top = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
here = os.path.join(top, "tests", "fuzz")

CODE = b"fuzz-perso-code"
PAYMENT, SIM, IDENTITY = 1, 2, 3
SEMI, READY, PERSONALIZING, PERSONALIZED, BLOCKED = 1, 2, 3, 4, 5
# Tags and element counts of module/cardos/profile.c.
TAGS = {
    PAYMENT: [0x0101, 0x0102, 0x5A00, 0x5F24, 0x5F20, 0x9102, 0x9104, 0x3000,
              0x9000, 0x9010, 0x8000, 0x8010, 0x8101],
    SIM: [0x2FE2, 0x6F07, 0x6F46, 0x6F40, 0x6F38, 0x8F01, 0x8F02, 0x8F03, 0x8F04],
    IDENTITY: [0x0101, 0x0102, 0x0103, 0x0104, 0x0105, 0x0106, 0x0201, 0x0301,
               0x8101, 0x8102, 0x8103],
}
# Setup byte: NVM size index (byte % 3: 1024, 2048, 8192), try limit
# 1 + (byte >> 4) % 15. 0x20: 8192 bytes, 3 tries.
SETUP = 0x20


def write(target, name, data):
    d = os.path.join(here, "corpus", target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


# ---- APDUs ----
def apdu(cla, ins, p1, p2, data=b"", le=None, ext=False):
    b = bytes([cla, ins, p1, p2])
    if ext:
        if data:
            b += b"\x00" + struct.pack(">H", len(data)) + data
            if le is not None:
                b += struct.pack(">H", le & 0xFFFF)
        elif le is not None:
            b += b"\x00" + struct.pack(">H", le & 0xFFFF)
        return b
    if data:
        b += bytes([len(data)]) + data
    if le is not None:
        b += bytes([le & 0xFF])
    return b


GET_STATUS = apdu(0x80, 0xF2, 0, 0, le=13)
ENABLE = apdu(0x80, 0xE6, 0x20, 0x00)
VERIFY = apdu(0x80, 0x20, 0, 0, CODE)
LOCK = apdu(0x80, 0xF0, 0x80, 0x0F, le=0)


def tag_desc(i):
    return apdu(0x80, 0xF2, 1, i, le=0)


def get_data(tag, le=0, ext=False):
    return apdu(0x80, 0xCA, tag >> 8, tag & 0xFF, le=le, ext=ext)


def put(tag, value, chain=False, ext=False):
    return apdu(0x90 if chain else 0x80, 0xDA, tag >> 8, tag & 0xFF, value,
                ext=ext)


def apdu_input(profile, state, apdus, setup=SETUP):
    b = bytes([profile - 1, state - 1, setup])
    for i, a in enumerate(apdus):
        owner = 0
        if isinstance(a, tuple):
            owner, a = a
        b += bytes([owner]) + struct.pack(">H", len(a)) + a
    return b


def apdu_corpus():
    n = 0
    for p in (PAYMENT, SIM, IDENTITY):
        tags = TAGS[p]
        for st in (SEMI, READY, PERSONALIZING, PERSONALIZED, BLOCKED):
            seqs = [
                [GET_STATUS, tag_desc(0), tag_desc(len(tags) - 1), tag_desc(40)],
                [ENABLE, VERIFY, put(tags[0], b"\x12\x34\x56\x78\x90"), LOCK],
                [get_data(t) for t in tags],
                [get_data(tags[0], ext=True), get_data(tags[0], le=1),
                 apdu(0x80, 0xCA, 0, 0, ext=True, le=0)],
                [put(tags[0], b"\x01" * 200, chain=True),
                 put(tags[0], b"\x02" * 50), GET_STATUS],
                [put(tags[0], b"\x01" * 300, ext=True), (1, ENABLE), (1, GET_STATUS)],
                [b"\x00\xA4\x04\x00", b"\x80\x00\x00\x00", b"\x90\xE6\x20\x00",
                 b"\x80\xE6\x00\x00", b"\x80\xE6\x20\x00\x01\x00", b"\x80"],
                [ENABLE, apdu(0x80, 0x20, 0, 0, b"xyz"), ENABLE,
                 apdu(0x80, 0x20, 0, 0, b"wrong-code"), LOCK],
            ]
            for s in seqs:
                write("apdu", "p%d-s%d-%02d" % (p, st, n), apdu_input(p, st, s))
                n += 1
        # The application of a locked card: its profile's commands.
        app = {
            PAYMENT: [apdu(0, 0xA4, 4, 0, b"1PAY.SYS.DDF01", le=0),
                      apdu(0, 0xB2, 1, 0x0C, le=0),
                      apdu(0, 0xA4, 4, 0, b"2PAY.SYS.DDF01"),
                      apdu(0, 0xC0, 0, 0, le=0),
                      apdu(0x80, 0xA8, 0, 0, b"\x83\x00", le=0),
                      apdu(0x80, 0xCA, 0x9F, 0x36, le=0),
                      apdu(0, 0x20, 0, 0x80, bytes.fromhex("241234FFFFFFFFFF")),
                      apdu(0x80, 0xAE, 0x80, 0, bytes(29), le=0)],
            SIM: [apdu(0xA0, 0xA4, 0, 0, b"\x3F\x00"), apdu(0xA0, 0xC0, 0, 0, le=22),
                  apdu(0xA0, 0xA4, 0, 0, b"\x2F\xE2"), apdu(0xA0, 0xB0, 0, 0, le=10),
                  apdu(0, 0xA4, 0, 4, b"\x7F\x20", le=0),
                  apdu(0, 0x20, 0, 1, b"1234\xFF\xFF\xFF\xFF"),
                  apdu(0, 0x2C, 0, 1, b"12345678" + b"4321\xFF\xFF\xFF\xFF"),
                  apdu(0, 0x88, 0, 0x81, b"\x10" + bytes(16) + b"\x10" + bytes(16), le=0)],
            IDENTITY: [apdu(0, 0xA4, 4, 0x0C, b"\xF0PERSOID"),
                       apdu(0, 0xA4, 2, 0x0C, b"\x04\x01"), apdu(0, 0xB0, 0, 0, le=0),
                       apdu(0, 0x20, 0, 0x81),
                       apdu(0, 0x86, 0, 0x81, b"\x7C\x22\x85\x20" + bytes(range(9, 41)), le=0)],
        }
        for st in (SEMI, PERSONALIZED):
            write("apdu", "p%d-s%d-app" % (p, st), apdu_input(p, st, app[p]))
        # The GlobalPlatform path on an SCP03 card (profile byte's high
        # bit): the domains, the channel's refusals, a wrong cryptogram.
        isd = bytes.fromhex("A000000151000000")
        gp = [
            [apdu(0x00, 0xA4, 4, 0, isd, le=0), get_data(0x0066, le=0),
             get_data(0x00E0, le=0), get_data(0x9F7F, le=0), ENABLE,
             apdu(0x80, 0x50, 0x30, 0, bytes(range(8)), le=0),
             apdu(0x84, 0x82, 0x33, 0, bytes(16)), GET_STATUS],
            [ENABLE, apdu(0x80, 0x50, 0, 0, bytes(8), le=0),
             apdu(0x84, 0xE2, 0x88, 0, b"\x5F\x20\x02AB" + bytes(8)),
             apdu(0x80, 0x50, 0x31, 0, bytes(8), le=0), VERIFY, put(tags[0], b"\x12")],
        ]
        for i, s in enumerate(gp):
            write("apdu", "p%d-gp-%02d" % (p, i),
                  bytes([0x80 | (p - 1)]) + apdu_input(p, SEMI, s)[1:])


# ---- card OS command sequences (fuzz_cardos.c) ----
(OP_ENABLE, OP_VERIFY_RIGHT, OP_VERIFY_WRONG, OP_VERIFY_BAD_LENGTH,
 OP_PUT_VALID, OP_PUT_RANDOM, OP_PUT_CHAINED, OP_LOCK, OP_RESET, OP_CLOSE,
 OP_GET_DATA, OP_GET_STATUS, OP_APDU, OP_SET_PROFILE, OP_SET_CODE,
 OP_SET_TRY_LIMIT, OP_FACTORY_RESET, OP_FAIL_WRITE, OP_FAIL_ALLOC,
 OP_POWER_OFF, OP_POWER_CUT) = range(21)


def cut(ops, units):
    """Arm a power cut: after @ops program operations, @units bytes in."""
    return op(OP_POWER_CUT, struct.pack(">H", units), ops)
B = 0x80	# sent by the second file


def op(o, *args, owner=0):
    b = bytes([o | owner])
    for a in args:
        b += a if isinstance(a, bytes) else bytes([a])
    return b


def perso_all(p, variant=0, owner=0):
    s = op(OP_ENABLE, owner=owner) + op(OP_VERIFY_RIGHT, owner=owner)
    for i in range(len(TAGS[p])):
        s += op(OP_PUT_VALID, i, variant + i, owner=owner)
    return s + op(OP_LOCK, owner=owner)


def read_all(p):
    return b"".join(op(OP_GET_DATA, i) for i in range(len(TAGS[p])))


def cardos_input(p, steps, setup=SETUP):
    return bytes([p - 1, setup]) + steps


def cardos_corpus():
    for p in (PAYMENT, SIM, IDENTITY):
        big_index, big_len = {PAYMENT: (0, 255), SIM: (4, 32),
                              IDENTITY: (6, 1000)}[p]
        big = b"\x42" * big_len
        seqs = {
            "perso": perso_all(p) + read_all(p) + op(OP_GET_STATUS),
            "perso-other-file": op(OP_ENABLE) + op(OP_ENABLE, owner=B) +
                op(OP_VERIFY_RIGHT, owner=B) + perso_all(p, 3) +
                op(OP_CLOSE) + read_all(p),
            "block": op(OP_ENABLE) + op(OP_VERIFY_WRONG, 0, 1) +
                op(OP_ENABLE) + op(OP_VERIFY_WRONG, 1, 2) + op(OP_ENABLE) +
                op(OP_VERIFY_WRONG, 2, 3) + op(OP_ENABLE) + op(OP_GET_STATUS),
            "wrong-then-right": op(OP_ENABLE) + op(OP_VERIFY_WRONG, 5, 1) +
                op(OP_ENABLE) + op(OP_VERIFY_BAD_LENGTH, 2) + op(OP_ENABLE) +
                op(OP_VERIFY_RIGHT) + op(OP_GET_STATUS),
            "chained": op(OP_ENABLE) + op(OP_VERIFY_RIGHT) +
                op(OP_PUT_CHAINED, big_index, struct.pack(">H", len(big)), big, 99) +
                op(OP_PUT_CHAINED, 0xF0, struct.pack(">H", TAGS[p][0]),
                   struct.pack(">H", 20), b"A" * 20, 6) +
                perso_all(p)[2:],
            "random-put": op(OP_ENABLE) + op(OP_VERIFY_RIGHT) +
                op(OP_PUT_RANDOM, 1, struct.pack(">H", 9), b"123456789") +
                op(OP_PUT_RANDOM, 0xF0, b"\x12\x34", struct.pack(">H", 3), b"abc") +
                op(OP_LOCK),
            "maker": op(OP_SET_PROFILE, p % 3) + op(OP_SET_CODE, 6, b"secret") +
                op(OP_SET_TRY_LIMIT, 2) + op(OP_SET_CODE, 2, b"ab") +
                op(OP_ENABLE) + op(OP_SET_TRY_LIMIT, 5) + op(OP_VERIFY_RIGHT),
            "factory-reset": perso_all(p) + op(OP_FACTORY_RESET, b"\x01\x02") +
                op(OP_GET_STATUS) + perso_all(p, 7) + read_all(p),
            "failures": op(OP_FAIL_WRITE, 0) + op(OP_ENABLE) + op(OP_ENABLE) +
                op(OP_FAIL_WRITE, 0) + op(OP_VERIFY_RIGHT) + op(OP_ENABLE) +
                op(OP_VERIFY_RIGHT) + op(OP_FAIL_ALLOC, 0) +
                op(OP_PUT_VALID, 0, 0) + perso_all(p)[:-1] +
                op(OP_FAIL_WRITE, 0) + op(OP_LOCK) + perso_all(p, 1),
            "reset-close-power": op(OP_ENABLE) + op(OP_RESET) + op(OP_ENABLE) +
                op(OP_VERIFY_RIGHT) + op(OP_CLOSE, owner=B) + op(OP_CLOSE) +
                op(OP_ENABLE) + op(OP_POWER_OFF) + op(OP_GET_STATUS),
            "apdus": b"".join(op(OP_APDU, struct.pack(">H", len(a)), a)
                              for a in [ENABLE, VERIFY] +
                              [put(t, b"\x12\x34\x56\x78\x90") for t in TAGS[p]] +
                              [put(TAGS[p][0], b"\x11" * 100, chain=True),
                               put(TAGS[p][0], b"\x22" * 10), LOCK,
                               get_data(TAGS[p][0]), GET_STATUS]),
        }
        # Power cuts (16-byte pages with SETUP): in LOCK's data area and in
        # its record, in ENABLE, in VERIFY's two updates, in the maker's.
        # The cut points were chosen for the first, 92-byte record (LOCK's
        # last operation its last page, 12 bytes): with the 208-byte one
        # they fall inside the commit's pages, still a seed worth having.
        last = {PAYMENT: 27, SIM: 17, IDENTITY: 20}[p]
        body = perso_all(p)[:-1]
        for ops, units in ((0, 0), (1, 8), (last - 6, 5), (last - 1, 16),
                           (last, 11), (last, 12)):
            seqs["cut-lock-%d-%d" % (ops, units)] = (
                body + cut(ops, units) + op(OP_LOCK) + op(OP_GET_STATUS) +
                read_all(p))
        seqs["cut-enable"] = cut(2, 7) + op(OP_ENABLE) + op(OP_ENABLE) + \
            op(OP_VERIFY_RIGHT)
        seqs["cut-verify"] = op(OP_ENABLE) + cut(6, 3) + op(OP_VERIFY_RIGHT) + \
            op(OP_ENABLE) + cut(1, 16) + op(OP_VERIFY_WRONG, 0, 1) + \
            op(OP_ENABLE) + cut(0, 9) + op(OP_VERIFY_RIGHT) + op(OP_GET_STATUS)
        seqs["cut-maker"] = cut(1, 4) + op(OP_SET_CODE, 6, b"secret") + \
            cut(2, 11) + op(OP_SET_TRY_LIMIT, 4) + cut(0, 16) + \
            op(OP_SET_PROFILE, p % 3) + op(OP_ENABLE) + op(OP_VERIFY_RIGHT)
        seqs["cut-factory-reset"] = perso_all(p) + cut(3, 2) + \
            op(OP_FACTORY_RESET, b"\x05\x06") + op(OP_GET_STATUS) + \
            cut(5, 0) + op(OP_FACTORY_RESET, b"\x07\x08") + perso_all(p, 2)
        for name, s in seqs.items():
            write("cardos", "p%d-%s" % (p, name), cardos_input(p, s))


# ---- the library's parsers (fuzz_perso.c) ----
def perso_corpus():
    write("perso", "value-hex", b"\x00" + b"54 13 33 00 89  # PAN")
    write("perso", "value-hex-prefix", b"\x00" + b"hex:0a0B 0c")
    write("perso", "value-quoted", b"\x00" + b'"J SMITH\\t\\x41\\"\\\\\\n"  # name')
    write("perso", "value-text", b"\x00" + b"text:  any # text")
    write("perso", "value-file", b"\x00" + b"@key.bin  ")
    write("perso", "value-file-abs", b"\x00" + b"@/fuzz/huge.bin")
    write("perso", "value-bad", b"\x00" + b"\"open")
    write("perso", "hex", bytes([1 | (7 << 3)]) + b"hex: 80 CA 5A 00 00")
    write("perso", "code", b"\x02" + b"fuzz-perso-code")
    write("perso", "code-hex", b"\x02" + b"hex:31323334")
    write("perso", "tag-hex", b"\x03" + b"0x5A00")
    write("perso", "tag-dec", b"\x03" + b"23040")
    for p, name in ((PAYMENT, "payment"), (SIM, "sim"), (IDENTITY, "identity")):
        with open(os.path.join(top, "examples", name + ".perso"), "rb") as f:
            text = f.read()
        text = text.replace(b"@identity-cert.der", b"@big.bin")
        sel = 4 | ((p - 1) << 3)
        write("perso", "datafile-" + name, bytes([sel]) + text)
    write("perso", "datafile-bad",
          bytes([4]) + b"profile payment\nprofile sim\npan 12 3\n0x5A00 @empty\n")
    write("perso", "datafile-numbers",
          bytes([4]) + b"23040 5413330089\r\n0x5F24 \"\\x27\\x12\\x31\"\n")


if __name__ == "__main__":
    apdu_corpus()
    cardos_corpus()
    perso_corpus()
