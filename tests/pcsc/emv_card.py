#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""An EMV terminal's transactions with a payment card through pcscd.

Card 3 is factory-reset and personalized from examples/payment.perso by
the persocard CLI; then, through pyscard, as a contact terminal would:
SELECT the PPSE and the PSE and read its directory, SELECT the
application it names, GET PROCESSING OPTIONS, every record of the AFL,
GET DATA of the ATC and the PIN try counter, VERIFY with a wrong then the
right offline plaintext PIN, and GENERATE AC. Five transactions: each
cryptogram must be tests/pcsc/emv_ref.py's arqc() for MK-AC (the first
16 bytes of icc_keys), the CDOL1 data sent, the AIP and the ATC, which
rises by one each time. The first transaction is printed as comments,
APDU by APDU (Documentation/persocard/applications/payment.rst).

    /usr/bin/python3 tests/pcsc/emv_card.py PERSOCARD  (root, pcscd running)
"""

import os
import subprocess
import sys

from smartcard.CardConnection import CardConnection
from smartcard.System import readers

import emv_ref
from pcsc_common import Tap, reader_name, sysfs_read
from scp03_perso import parse_perso

CARD = 3
EXAMPLE = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                       "..", "..", "examples", "payment.perso")
PSE = b"1PAY.SYS.DDF01"
PPSE = b"2PAY.SYS.DDF01"
TRANSACTIONS = 5


def tlv_parse(data):
    """{tag: value} of a sequence of BER-TLV objects, one level."""
    out, i = {}, 0
    while i < len(data):
        tag = data[i]
        i += 1
        if tag & 0x1F == 0x1F:
            while True:
                tag = tag << 8 | data[i]
                i += 1
                if not data[i - 1] & 0x80:
                    break
        n = data[i]
        i += 1
        if n & 0x80:
            k = n & 0x7F
            n = int.from_bytes(data[i:i + k], "big")
            i += k
        out[tag] = bytes(data[i:i + n])
        i += n
    return out


def dol_len(dol):
    """Bytes a data object list asks for."""
    total, i = 0, 0
    while i < len(dol):
        if dol[i] & 0x1F == 0x1F:
            i += 1
            while dol[i] & 0x80:
                i += 1
        i += 1
        total += dol[i]
        i += 1
    return total


class Terminal:
    def __init__(self, conn, t):
        self.conn = conn
        self.t = t
        self.log = None

    def send(self, apdu):
        data, sw1, sw2 = self.conn.transmit(list(apdu))
        sw = "%02X%02X" % (sw1, sw2)
        if self.log is not None:
            self.log.append("> " + bytes(apdu).hex(" ").upper())
            self.log.append("< " + (bytes(data).hex(" ").upper() + " "
                                    if data else "") + sw)
        return bytes(data), sw

    def select(self, name, p2=0x00):
        return self.send(bytes([0x00, 0xA4, 0x04, p2, len(name)]) + name +
                         b"\x00")


def main():
    t = Tap()
    persocard = sys.argv[1] if len(sys.argv) > 1 else "build/bin/persocard"
    _, elements = parse_perso(EXAMPLE)
    values = dict(elements)
    mk_ac = values["icc_keys"][:16]
    pin_block = values["pin_block"]

    for args in (["factory-reset", "-c", str(CARD)],
                 ["personalize", "-c", str(CARD), "--code", "1234",
                  EXAMPLE]):
        r = subprocess.run([persocard] + args, capture_output=True)
        t.is_(r.returncode, 0, "persocard " + " ".join(args[:1]) +
              " card %d" % CARD)
    t.is_(sysfs_read(CARD, "state"), "personalized",
          "card %d is personalized from examples/payment.perso" % CARD)

    found = [r for r in readers() if str(r) == reader_name(CARD)]
    if not t.ok(len(found) == 1, "readers() lists %s" % reader_name(CARD)):
        return t.done()
    conn = found[0].createConnection()
    conn.connect(CardConnection.T1_protocol)
    term = Terminal(conn, t)

    fci = tlv_parse(values["select_response"])[0x6F]
    aid = tlv_parse(fci)[0x84]
    label = tlv_parse(tlv_parse(fci)[0xA5]).get(0x50)
    last_atc = 0
    for n in range(1, TRANSACTIONS + 1):
        first = n == 1
        if first:
            term.log = []
            data, sw = term.select(PPSE)
            t.is_(sw, "9000", "SELECT 2PAY.SYS.DDF01 (PPSE)")
            entry = tlv_parse(tlv_parse(tlv_parse(tlv_parse(
                tlv_parse(data)[0x6F])[0xA5])[0xBF0C])[0x61])
            t.is_((entry.get(0x4F), entry.get(0x50)), (aid, label),
                  "the PPSE's directory entry names the AID and label")
            data, sw = term.select(PSE)
            t.is_(sw, "9000", "SELECT 1PAY.SYS.DDF01 (PSE)")
            sfi = tlv_parse(tlv_parse(tlv_parse(data)[0x6F])[0xA5])[0x88][0]
            t.is_(sfi, 1, "the PSE's directory is SFI 1")
            data, sw = term.send(bytes([0x00, 0xB2, 0x01, sfi << 3 | 4,
                                        0x00]))
            entry = tlv_parse(tlv_parse(tlv_parse(data)[0x70])[0x61])
            t.is_((sw, entry.get(0x4F), entry.get(0x87)),
                  ("9000", aid, b"\x01"),
                  "READ RECORD 1 of the directory: the AID, priority 1")
        data, sw = term.select(aid)
        t.is_((data, sw), (values["select_response"], "9000"),
              "SELECT %s: the FCI personalized" % aid.hex().upper())
        data, sw = term.send(bytes.fromhex("80A8000002830000"))
        t.is_((data, sw), (values["gpo_response"], "9000"),
              "GET PROCESSING OPTIONS: the AIP and AFL personalized")
        gpo = tlv_parse(tlv_parse(data)[0x77])
        aip, afl = gpo[0x82], gpo[0x94]

        records = {}
        for i in range(0, len(afl), 4):
            sfi, lo, hi = afl[i] >> 3, afl[i + 1], afl[i + 2]
            for rec in range(lo, hi + 1):
                data, sw = term.send(bytes([0x00, 0xB2, rec, sfi << 3 | 4,
                                            0x00]))
                if first:
                    t.is_(sw, "9000", "READ RECORD %d of SFI %d" % (rec, sfi))
                records.update(tlv_parse(tlv_parse(data).get(0x70, b"")))
        if first:
            t.is_(records.get(0x5A), values["pan"], "the records' PAN is pan")
            t.is_(records.get(0x5F24), values["expiry"],
                  "the records' expiry is expiry")
            t.is_(records.get(0x5F20), values["cardholder"],
                  "the records' name is cardholder")
            t.ok(records.get(0x57, b"").startswith(values["pan"]),
                 "the track 2 equivalent data begin with the PAN")
            t.ok(0x8C in records and 0x8E in records,
                 "the records hold CDOL1 and the CVM list")

        data, sw = term.send(bytes.fromhex("80CA9F3600"))
        t.is_((data, sw), (bytes([0x9F, 0x36, 2]) +
                           last_atc.to_bytes(2, "big"), "9000"),
              "GET DATA 9F36: ATC %d" % last_atc)
        if first:
            data, sw = term.send(bytes.fromhex("80CA9F1700"))
            t.is_((data, sw), (bytes.fromhex("9F170103"), "9000"),
                  "GET DATA 9F17: 3 PIN tries")
            wrong = bytes([pin_block[0], pin_block[1] ^ 0x11]) + pin_block[2:]
            data, sw = term.send(bytes([0x00, 0x20, 0x00, 0x80,
                                        len(wrong)]) + wrong)
            t.is_(sw, "63C2", "VERIFY a wrong PIN: 63C2")
            data, sw = term.send(bytes([0x00, 0x20, 0x00, 0x80,
                                        len(pin_block)]) + pin_block)
            t.is_(sw, "9000", "VERIFY the right PIN: 9000")
            data, sw = term.send(bytes.fromhex("80CA9F1700"))
            t.is_((data, sw), (bytes.fromhex("9F170103"), "9000"),
                  "GET DATA 9F17: 3 tries again")

        # CDOL1's data: amount n.00, other 0, country and currency 0826,
        # TVR 0, 2 Dec 2026, a purchase, an unpredictable number.
        cdol1 = (bytes.fromhex("%012d" % (n * 100)) + bytes(6) +
                 bytes.fromhex("0826") + bytes(5) + bytes.fromhex("0826") +
                 bytes.fromhex("261202") + b"\x00" +
                 bytes([0x12, 0x34, 0x56, n]))
        t.is_(len(cdol1), dol_len(records.get(0x8C, b"")),
              "the CDOL1 data have CDOL1's length")
        data, sw = term.send(bytes([0x80, 0xAE, 0x80, 0x00, len(cdol1)]) +
                             cdol1 + b"\x00")
        t.is_(sw, "9000", "GENERATE AC (ARQC), transaction %d" % n)
        ac = tlv_parse(tlv_parse(data).get(0x77, b""))
        atc = int.from_bytes(ac.get(0x9F36, b"\0\0"), "big")
        t.is_(atc, last_atc + 1, "the ATC rose by one, to %d" % atc)
        t.is_(ac.get(0x9F27), b"\x80", "CID 80: an ARQC")
        want = emv_ref.arqc(mk_ac, atc, cdol1 + aip + atc.to_bytes(2, "big"))
        t.is_(ac.get(0x9F26), want,
              "the cryptogram is emv_ref.arqc(MK-AC, %d, CDOL1 data || AIP "
              "|| ATC)" % atc)
        data, sw = term.send(bytes([0x80, 0xAE, 0x80, 0x00, len(cdol1)]) +
                             cdol1 + b"\x00")
        t.is_(sw, "6985", "a second GENERATE AC in the transaction: 6985")
        last_atc = atc
        if first:
            for line in term.log:
                print("# " + line)
            term.log = None

    data, sw = term.send(bytes.fromhex("80CA9F3600"))
    t.is_((data, sw), (bytes([0x9F, 0x36, 2]) +
                       last_atc.to_bytes(2, "big"), "9000"),
          "GET DATA 9F36: the last ATC")
    t.is_(last_atc, TRANSACTIONS, "%d transactions, %d ATCs" %
          (TRANSACTIONS, TRANSACTIONS))
    conn.disconnect()
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
