#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Every malformed APDU answers its status word over PC/SC and changes
nothing (module/apdu.c parses, module/card_apdu.c checks; the table is in
Documentation/persocard/apdu.rst).
"""

import sys

from smartcard import scard

from pcsc_common import PERSONALIZING, SEMI_FINISHED, Raw, Tap, sysfs_read

CARD = 2

# On a semi-finished card, no session: (APDU, SW, why).
NO_SESSION = (
    ("80 20 00 00 05 31 32", "6700", "Lc 05 with 2 data bytes"),
    ("80 20 00 00 02 31 32 33 34", "6700", "Lc 02 with 4 data bytes"),
    ("80 DA 01 01 00 00 00 70", "6700", "extended Lc of zero"),
    ("80 E6 20 00 01 00", "6A80", "ENABLE with data that is not GP's"),
    ("80 F0 80 0F 01 00", "6700", "LOCK with data"),
    ("80 CA 5A 00 01 00 00", "6700", "GET DATA with data"),
    ("80 F2 00 00 01 00 0D", "6700", "GET STATUS with data"),
    ("00 E6 20 00", "6E00", "CLA 00"),
    ("FF F2 00 00 0D", "6E00", "CLA FF"),
    ("84 E6 20 00", "6982", "CLA 84 (secure messaging, no channel)"),
    ("80 99 00 00", "6D00", "INS 99"),
    ("80 A4 04 00 02 3F 00", "6E00", "INS A4 (SELECT) in class 80"),
    ("90 99 00 00", "6D00", "INS 99, chained"),
    ("80 E6 00 00", "6A86", "ENABLE, P1 P2 0000"),
    ("80 20 00 01 04 31 32 33 34", "6A86", "VERIFY, P1 P2 0001"),
    ("80 F0 00 00", "6A86", "LOCK, P1 P2 0000"),
    ("80 F2 02 00 0D", "6A86", "GET STATUS, P1 02"),
    ("90 E6 20 00", "6884", "ENABLE chained"),
    ("90 20 00 00 04 31 32 33 34", "6884", "VERIFY chained"),
    ("90 F0 80 0F", "6884", "LOCK chained"),
    ("90 CA 5A 00 00", "6884", "GET DATA chained"),
    ("90 F2 00 00 0D", "6884", "GET STATUS chained"),
    ("80 F2 00 00 05", "6C0D", "GET STATUS, Le 05"),
    ("80 F2 00 00", "6C0D", "GET STATUS, no Le"),
    ("80 F2 00 00 00 00 05", "6700", "GET STATUS, extended Le 0005"),
)


def status(c):
    rv, data, sw = c.transmit("80 F2 00 00 0D")
    return sw, data[:3]


def main():
    t = Tap()
    c = Raw(CARD)
    if not t.is_(c.connect(), 0, "SCardConnect to card %d" % CARD):
        return t.done()
    t.is_(status(c), ("9000", [SEMI_FINISHED, 1, 0]),
          "card %d is semi-finished, no session" % CARD)

    for cmd, want, why in NO_SESSION:
        rv, data, sw = c.transmit(cmd)
        t.is_((rv, data, sw), (0, [], want), "%s: %s" % (why, want))
    t.is_(status(c), ("9000", [SEMI_FINISHED, 1, 0]),
          "after them all: still semi-finished, no session")

    rv, data, sw = c.transmit("80 F2 00 00 00")
    t.is_((sw, len(data)), ("9000", 13), "GET STATUS, Le 00 (256): 13 bytes")
    rv, data, sw = c.transmit("80 F2 00 00 00 01 00")
    t.is_((sw, len(data)), ("9000", 13),
          "GET STATUS, extended Le 0100: 13 bytes")

    # In a session: malformed APDUs leave it running; a cut chain ends
    # the chain alone.
    t.is_(c.transmit("80 E6 20 00")[2], "9000", "ENABLE")
    t.is_(c.transmit("80 20 00 00 04 31 32 33 34")[2], "9000", "VERIFY")
    own = [PERSONALIZING, 1, 3]		# session | owner
    for cmd, want, why in (("80 20 00 00 05 31 32", "6700", "bad Lc"),
                           ("00 DA 5A 00 01 00", "6E00", "CLA 00"),
                           ("80 99 00 00", "6D00", "INS 99"),
                           ("90 F0 80 0F", "6884", "LOCK chained")):
        t.is_(c.transmit(cmd)[2], want, "in a session, %s: %s" % (why, want))
        t.is_(status(c), ("9000", own),
              "in a session, %s: the session goes on" % why)
    t.is_(c.transmit("90 DA 01 01 03 70 01 02")[2], "9000",
          "PUT records, first block of a chain: 9000")
    t.is_(c.transmit("80 F2 00 00 0D")[2], "6883",
          "GET STATUS in the middle of the chain: 6883")
    t.is_(status(c), ("9000", own), "after the cut chain: the session goes on")
    t.is_(c.transmit("80 DA 01 01 03 70 01 02")[2], "9000",
          "PUT records again, unchained: 9000")
    t.is_(c.disconnect(scard.SCARD_RESET_CARD), 0,
          "SCardDisconnect(SCARD_RESET_CARD)")
    c.close()
    t.is_(sysfs_read(CARD, "state"), "semi-finished",
          "the reset ended the session")
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
