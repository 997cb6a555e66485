#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""The SIM application through PC/SC (python3-pyscard), against Debian's
osmo-auc-gen as the network's AuC.

Card 3 is made a SIM card that takes the perso code, personalized over
plain APDUs with a random Ki and OPc, locked; then, as a handset would:
SELECT and READ BINARY in GSM 11.11's class A0 (9Fxx and GET RESPONSE)
and in class 00 (the ADF by the AID EF DIR names), VERIFY PIN1, and
AUTHENTICATE for several random RANDs with AUTNs from osmo-auc-gen: RES,
CK, IK and Kc must be its own. A replayed AUTN must get AUTS, from which
osmo-auc-gen (-A) recovers SQN_MS and checks MAC-S; a wrong MAC gets 9862.
The GSM context and RUN GSM ALGORITHM must give osmo-auc-gen's SRES, Kc.

    tests/pcsc/sim_card.py [TRANSCRIPT]

TRANSCRIPT, if given, receives every APDU and its answer (for
Documentation/persocard/applications/sim.rst). Run as root, pcscd up.
"""

import os
import shutil
import sys

from smartcard.CardConnection import CardConnection
from smartcard.System import readers

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from osmo_auc import OsmoAucError, osmo_auc_gen, osmo_auts_sqn  # noqa: E402
from pcsc_common import (PERSONALIZED, Tap, reader_name,  # noqa: E402
                         sysfs_read, sysfs_write)

CARD = 3
CODE = b"1234"
USIM_AID = bytes.fromhex("A0000000871002FFFFFFFF") + b"PERSO"
PIN1 = b"1234" + b"\xff" * 4
PUK1 = b"12345678"
WRONG_PIN = b"0000" + b"\xff" * 4
ICCID = bytes.fromhex("8944100000123456789F")
# EF ICCID holds the digits nibble-swapped (TS 102 221 13.2).
EF_ICCID = bytes((b << 4 | b >> 4) & 0xFF for b in ICCID)
IMSI = bytes.fromhex("080910101032547698")
SPN = b"Example Mobile"
MSISDN = bytes.fromhex("0791447700091032FFFFFFFFFFFF")
UST = bytes.fromhex("0A2E178CE73C84040000")
AMF = "8000"
RANDS = 4


class Sim:
    """One connection; every exchange kept for the transcript."""

    def __init__(self, conn):
        self.conn = conn
        self.log = []

    def x(self, apdu, note=""):
        apdu = bytes(apdu)
        data, sw1, sw2 = self.conn.transmit(list(apdu))
        data, sw = bytes(data), "%02X%02X" % (sw1, sw2)
        self.log.append((note, apdu, data, sw))
        return data, sw


def hexs(b):
    return " ".join("%02X" % x for x in b)


def lv(value):
    return bytes([len(value)]) + value


def personalize(t, sim, ki, opc):
    elements = [(0x2FE2, ICCID), (0x6F07, IMSI), (0x6F46, SPN),
                (0x6F40, MSISDN), (0x6F38, UST), (0x8F01, ki),
                (0x8F02, opc), (0x8F03, PIN1), (0x8F04, PUK1)]
    sws = [sim.x(bytes.fromhex("80E62000"), "ENABLE PERSO")[1],
           sim.x(bytes.fromhex("80200000") + lv(CODE),
                 "VERIFY PERSO CODE")[1]]
    for tag, value in elements:
        secret = tag >> 8 == 0x8F
        sws.append(sim.x(bytes([0x80, 0xDA, tag >> 8, tag & 0xFF]) +
                         lv(value), "PUT PERSO DATA %04X%s" %
                         (tag, " (secret)" if secret else ""))[1])
    sws.append(sim.x(bytes.fromhex("80F0800F"), "LOCK PERSO")[1])
    t.is_(sws, ["9000"] * len(sws),
          "ENABLE, VERIFY, 9 PUTs and LOCK answer 9000")
    t.is_(sysfs_read(CARD, "state"), "personalized",
          "card %d is personalized" % CARD)


def gsm_select(sim, fid, note):
    """A0 A4 00 00 02 FID, then GET RESPONSE of what 9Fxx says."""
    data, sw = sim.x(bytes.fromhex("A0A4000002") + fid.to_bytes(2, "big"),
                     "SELECT %04X (GSM)" % fid + (": " + note if note else ""))
    if not sw.startswith("9F"):
        return sw, b""
    data, sw2 = sim.x(bytes.fromhex("A0C00000") + bytes.fromhex(sw[2:]),
                      "GET RESPONSE (GSM)")
    return sw, data if sw2 == "9000" else b""


def gsm_part(t, sim):
    sw, resp = gsm_select(sim, 0x3F00, "MF")
    t.is_((sw, len(resp)), ("9F16", 22),
          "A0 SELECT MF: 9F16, GET RESPONSE 22 bytes (GSM 11.11 9.2.1)")
    t.is_(resp[4:7].hex(), "3f0001", "MF response: FID 3F00, type MF")
    sw, resp = gsm_select(sim, 0x2FE2, "EF ICCID")
    t.is_((sw, resp[2:7].hex(), resp[13:14].hex()),
          ("9F0F", "000a2fe204", "00"),
          "A0 SELECT EF ICCID: 9F0F, 10 bytes, EF, transparent")
    data, sw = sim.x(bytes.fromhex("A0B000000A"), "READ BINARY (GSM)")
    t.is_((data, sw), (EF_ICCID, "9000"), "A0 READ BINARY: the ICCID, nibble-swapped")
    gsm_select(sim, 0x7F20, "DF GSM")
    sw, resp = gsm_select(sim, 0x6F07, "EF IMSI")
    t.is_(sw, "9F0F", "A0 SELECT EF IMSI in DF GSM")
    data, sw = sim.x(bytes.fromhex("A0B0000009"), "READ BINARY (GSM)")
    t.is_((data, sw), (IMSI, "9000"), "A0 READ BINARY: the IMSI, no PIN")
    gsm_select(sim, 0x6F46, "EF SPN")
    data, sw = sim.x(bytes.fromhex("A0B0000011"), "READ BINARY (GSM)")
    t.is_((data, sw), (b"\x00" + SPN + b"\xff" * (16 - len(SPN)), "9000"),
          "EF SPN: display condition 00, the name padded with FF")
    sw, _ = gsm_select(sim, 0x6F3A, "not on this card")
    t.is_(sw, "6A82", "A0 SELECT of an absent EF: 6A82")


def usim_part(t, sim):
    # From DF GSM an EF of the MF is not found: the MF first.
    data, sw = sim.x(bytes.fromhex("00A4000C022F00"), "SELECT EF DIR")
    t.is_(sw, "6A82", "from DF GSM, SELECT of the MF's EF DIR: 6A82")
    data, sw = sim.x(bytes.fromhex("00A4000C023F00"), "SELECT MF")
    data, sw2 = sim.x(bytes.fromhex("00A4000C022F00"), "SELECT EF DIR")
    t.is_((sw, sw2), ("9000", "9000"), "SELECT MF, then EF DIR: 9000")
    data, sw = sim.x(bytes.fromhex("00B0000000"), "READ BINARY")
    want = (bytes([0x61, 0x18, 0x4F, 0x10]) + USIM_AID +
            bytes([0x50, 0x04]) + b"USIM")
    t.is_((data, sw), (want, "9000"), "EF DIR: the USIM's AID and label")
    data, sw = sim.x(bytes.fromhex("00A40404") + lv(data[4:20]) + b"\x00",
                     "SELECT ADF USIM by the AID of EF DIR")
    t.is_((sw, data[:2].hex(), USIM_AID in data), ("9000", "62" + "%02x" %
                                                    (len(data) - 2), True),
          "SELECT the ADF: an FCP with its AID")
    data, sw = sim.x(bytes.fromhex("00A4000C026F07"), "SELECT EF IMSI")
    data, sw = sim.x(bytes.fromhex("00B0000009"), "READ BINARY")
    t.is_((data, sw), (IMSI, "9000"), "ADF USIM: READ BINARY of EF IMSI")
    data, sw = sim.x(bytes.fromhex("00A4000C026F38"), "SELECT EF UST")
    data, sw = sim.x(bytes.fromhex("00B000000A"), "READ BINARY")
    t.is_(sw, "6982", "EF UST before PIN1: 6982")
    data, sw = sim.x(bytes.fromhex("00200001"), "VERIFY, no data")
    t.is_(sw, "63C3", "VERIFY with no data: 63C3, no try spent")
    data, sw = sim.x(bytes.fromhex("0020000108") + WRONG_PIN, "VERIFY")
    t.is_(sw, "63C2", "VERIFY a wrong PIN: 63C2")
    data, sw = sim.x(bytes.fromhex("0020000108") + PIN1, "VERIFY")
    t.is_(sw, "9000", "VERIFY PIN1: 9000")
    data, sw = sim.x(bytes.fromhex("00B000000A"), "READ BINARY")
    t.is_((data, sw), (UST, "9000"), "EF UST after PIN1")


def auth_apdu(rand, autn, le=True):
    return (bytes.fromhex("0088008122") + lv(rand) + lv(autn) +
            (b"\x00" if le else b""))


def parse_db(data):
    """DB 08 RES 10 CK 10 IK 08 Kc -> dict of hex, or None"""
    if len(data) != 53 or data[0] != 0xDB:
        return None
    out, pos = {}, 1
    for name in ("RES", "CK", "IK", "Kc"):
        n = data[pos]
        out[name] = data[pos + 1:pos + 1 + n].hex()
        pos += 1 + n
    return out


def auth_part(t, sim, ki, opc):
    sqn = int.from_bytes(os.urandom(4), "big") << 5 | 1
    last = None
    for i in range(RANDS):
        rand = os.urandom(16)
        vec = osmo_auc_gen(ki.hex(), opc.hex(), rand.hex(), sqn, AMF)
        data, sw = sim.x(auth_apdu(rand, bytes.fromhex(vec["AUTN"])),
                         "AUTHENTICATE 3G, RAND %d" % (i + 1))
        got = parse_db(data)
        t.is_((sw, got), ("9000", {k: vec[k] for k in
                                   ("RES", "CK", "IK", "Kc")}),
              "RAND %d, SQN %012x: RES, CK, IK, Kc are osmo-auc-gen's" %
              (i + 1, sqn))
        last = (rand, vec, sqn)
        sqn += 32 + i

    rand, vec, sqn_last = last
    data, sw = sim.x(auth_apdu(rand, bytes.fromhex(vec["AUTN"])),
                     "AUTHENTICATE 3G, the last AUTN again")
    ok = sw == "9000" and len(data) == 16 and data[:2] == b"\xdc\x0e"
    t.ok(ok, "a replayed AUTN: 9000, DC 0E AUTS", (data.hex(), sw))
    try:
        sqn_ms = osmo_auts_sqn(ki.hex(), opc.hex(), rand.hex(),
                               data[2:].hex())
    except OsmoAucError as e:
        sqn_ms = str(e)
    t.is_(sqn_ms, "%012x" % sqn_last,
          "osmo-auc-gen -A: MAC-S holds, SQN_MS is the last SQN accepted")

    rand = os.urandom(16)
    vec = osmo_auc_gen(ki.hex(), opc.hex(), rand.hex(), sqn_last - 1, AMF)
    data, sw = sim.x(auth_apdu(rand, bytes.fromhex(vec["AUTN"])),
                     "AUTHENTICATE 3G, an older SQN")
    t.is_((sw, data[:2].hex()), ("9000", "dc0e"), "an older SQN: AUTS")

    vec = osmo_auc_gen(ki.hex(), opc.hex(), rand.hex(), sqn + 64, AMF)
    bad = bytearray(bytes.fromhex(vec["AUTN"]))
    bad[15] ^= 0x80
    data, sw = sim.x(auth_apdu(rand, bytes(bad)),
                     "AUTHENTICATE 3G, MAC-A changed")
    t.is_((sw, data), ("9862", b""), "a wrong MAC-A: 9862, no data")
    data, sw = sim.x(auth_apdu(rand, bytes.fromhex(vec["AUTN"]), le=False),
                     "AUTHENTICATE 3G, no Le")
    t.is_(sw, "6135", "its right AUTN without Le: 6135")
    data, sw = sim.x(bytes.fromhex("00C0000035"), "GET RESPONSE")
    got = parse_db(data)
    t.is_((sw, got and got["RES"]), ("9000", vec["RES"]),
          "GET RESPONSE: osmo-auc-gen's RES")

    # GSM: the context of AUTHENTICATE, and RUN GSM ALGORITHM in DF GSM
    rand = os.urandom(16)
    vec = osmo_auc_gen(ki.hex(), opc.hex(), rand.hex(), 1, AMF)
    data, sw = sim.x(bytes.fromhex("0088008011") + lv(rand) + b"\x00",
                     "AUTHENTICATE GSM context")
    t.is_((sw, data.hex()), ("9000", "04" + vec["SRES"] + "08" + vec["Kc"]),
          "GSM context: 04 SRES 08 Kc, osmo-auc-gen's")
    gsm_select(sim, 0x7F20, "DF GSM")
    data, sw = sim.x(bytes.fromhex("A088000010") + rand, "RUN GSM ALGORITHM")
    data, sw2 = sim.x(bytes.fromhex("A0C000000C"), "GET RESPONSE (GSM)")
    t.is_((sw, sw2, data.hex()), ("9F0C", "9000", vec["SRES"] + vec["Kc"]),
          "RUN GSM ALGORITHM: 9F0C, SRES || Kc")


def write_transcript(path, sim):
    with open(path, "w") as f:
        for note, apdu, data, sw in sim.log:
            cmd = hexs(apdu)
            if "(secret)" in note:
                cmd = hexs(apdu[:5]) + " <%d bytes>" % (len(apdu) - 5)
            f.write("%s\n  > %s\n  < %s%s\n" % (note, cmd,
                                                hexs(data) + " " if data
                                                else "", sw))


def main():
    t = Tap()
    if shutil.which("osmo-auc-gen") is None:
        print("1..0 # SKIP osmo-auc-gen not installed (libosmocore-utils)")
        return 0
    for attr, value in (("factory_reset", "1"), ("scp03_keys", "none"),
                        ("perso_code", CODE.hex()), ("profile", "sim")):
        sysfs_write(CARD, attr, value)
    t.is_(sysfs_read(CARD, "state"), "semi-finished",
          "card %d: a fresh SIM card" % CARD)
    found = [r for r in readers() if str(r) == reader_name(CARD)]
    if not t.ok(len(found) == 1, "readers() lists %s" % reader_name(CARD)):
        return t.done()
    conn = found[0].createConnection()
    conn.connect(CardConnection.T1_protocol)
    sim = Sim(conn)
    ki, opc = os.urandom(16), os.urandom(16)

    data, sw = sim.x(bytes.fromhex("A0A40000023F00"), "SELECT MF, unlocked")
    t.is_(sw, "6985", "before LOCK: the application answers 6985")
    personalize(t, sim, ki, opc)
    gsm_part(t, sim)
    usim_part(t, sim)
    try:
        auth_part(t, sim, ki, opc)
    except OsmoAucError as e:
        t.ok(False, "osmo-auc-gen", e)
    data, sw = sim.x(bytes.fromhex("80F200000D"), "GET STATUS")
    t.is_((sw, data[:1]), ("9000", bytes([PERSONALIZED])),
          "GET STATUS: still personalized")
    conn.disconnect()
    if len(sys.argv) > 1:
        write_transcript(sys.argv[1], sim)
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
