#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""python3-pyscard personalizes card 1 with the APDUs of payment.scriptor,
through smartcard.System.readers() and connection.transmit(), then reads
the public data back with GET DATA and the card's status with GET STATUS.
"""

import os
import sys

from smartcard.CardConnection import CardConnection
from smartcard.System import readers

from pcsc_common import (PERSONALIZED, SEMI_FINISHED, Tap, apdu,
                         reader_name, sw, sysfs_read)

CARD = 1
SECRET_TAGS = (0x8000, 0x8010)


def script_apdus():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                        "payment.scriptor")
    with open(path) as f:
        return [apdu(line) for line in f
                if line.strip() and not line.startswith("#")]


def main():
    t = Tap()
    t.is_(sysfs_read(CARD, "state"), "semi-finished",
          "card %d starts semi-finished" % CARD)

    found = [r for r in readers() if str(r) == reader_name(CARD)]
    names = [str(r) for r in readers()]
    if not t.ok(len(found) == 1, "readers() lists %s" % reader_name(CARD),
                names):
        return t.done()
    conn = found[0].createConnection()
    conn.connect(CardConnection.T1_protocol)
    atr = bytes(conn.getATR()).hex()
    t.is_(atr, sysfs_read(CARD, "atr"), "getATR() is sysfs atr")

    cmds = script_apdus()
    puts = {}
    for cmd in cmds[:-1]:
        data, sw1, sw2 = conn.transmit(cmd)
        what = "%02X %02X %02X %02X" % tuple(cmd[:4])
        t.is_((data, sw(sw1, sw2)), ([], "9000"), "%s answers 9000" % what)
        if cmd[1] == 0xDA:
            puts[(cmd[2] << 8) | cmd[3]] = cmd[5:]

    for tag, value in sorted(puts.items()):
        data, sw1, sw2 = conn.transmit([0x80, 0xCA, tag >> 8, tag & 0xFF,
                                        0x00])
        if tag in SECRET_TAGS:
            t.is_((data, sw(sw1, sw2)), ([], "6982"),
                  "GET DATA %04X (secret) answers 6982" % tag)
        else:
            t.is_((data, sw(sw1, sw2)), (value, "9000"),
                  "GET DATA %04X reads back what PUT stored" % tag)
    data, sw1, sw2 = conn.transmit(apdu("80 CA 30 00 00"))
    t.is_(sw(sw1, sw2), "6A88", "GET DATA of app_data, never stored: 6A88")

    data, sw1, sw2 = conn.transmit(apdu("80 F2 00 00 0D"))
    t.is_(sw(sw1, sw2), "9000", "GET STATUS 80 F2 00 00 0D answers 9000")
    t.is_(len(data), 13, "GET STATUS returns 13 bytes")
    if len(data) == 13:
        t.is_(data[0], PERSONALIZED, "GET STATUS: state personalized")
        t.is_(data[1], 1, "GET STATUS: profile payment")
        t.is_(data[2], 0, "GET STATUS: no session")
        t.is_(data[3:5], [3, 3], "GET STATUS: 3 tries left of 3")
        t.is_(bytes(data[5:]).hex(), sysfs_read(CARD, "serial"),
              "GET STATUS: the serial sysfs shows")
    conn.disconnect()

    t.is_(sysfs_read(CARD, "state"), "personalized",
          "sysfs: card %d is personalized" % CARD)
    # The life-cycle byte of the ATR: 03 before, 05 once personalized.
    t.is_(sysfs_read(CARD, "atr")[-4:-2], "05",
          "sysfs atr: life cycle operational (05)")
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
