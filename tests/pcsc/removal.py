#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Taking a card out through sysfs "present" and back: SCardStatus and
SCardGetStatusChange see it go and come back, pcsc_scan reports both
events, and the session that ran before is gone after the reinsertion.
"""

import subprocess
import sys
import time

from smartcard import scard

from pcsc_common import (PERSONALIZING, SEMI_FINISHED, Raw, Tap,
                         reader_name, sysfs_read, sysfs_write, wait_for)

CARD = 3


def reader_has(c, flag):
    rv, state, atr = c.reader_state()
    return rv == 0 and bool(state & flag)


def scan_events(text, reader):
    """The card events pcsc_scan printed for @reader, in order."""
    events, current = [], None
    for line in text.splitlines():
        if line.startswith("Reader ") or line.startswith(" Reader "):
            current = reader in line
        elif current and "Card state:" in line:
            if "Card removed" in line:
                events.append("removed")
            elif "Card inserted" in line:
                events.append("inserted")
    return events


def main():
    t = Tap()
    c = Raw(CARD)
    watch = Raw(CARD)
    t.is_(sysfs_read(CARD, "present"), "1", "card %d is present" % CARD)
    t.is_(c.connect(), 0, "SCardConnect")
    t.is_(c.transmit("80 E6 20 00")[2], "9000", "ENABLE")
    t.is_(c.transmit("80 20 00 00 04 31 32 33 34")[2], "9000", "VERIFY")
    t.is_(sysfs_read(CARD, "state"), "personalizing", "a session runs")

    scan = subprocess.Popen(["pcsc_scan", "-n", "-t", "6"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    time.sleep(1.5)
    sysfs_write(CARD, "present", "0")
    t.is_(sysfs_read(CARD, "present"), "0", "sysfs: present 0")
    t.is_(sysfs_read(CARD, "state"), "semi-finished",
          "taking it out ended the session")
    t.ok(wait_for(lambda: reader_has(watch, scard.SCARD_STATE_EMPTY), 5),
         "SCardGetStatusChange: the slot is empty")
    rv, state, atr = c.status()
    t.is_(rv, scard.SCARD_W_REMOVED_CARD,
          "SCardStatus on the old handle: SCARD_W_REMOVED_CARD")
    c2 = Raw(CARD)
    t.is_(c2.connect(), scard.SCARD_E_NO_SMARTCARD,
          "SCardConnect with the card out: SCARD_E_NO_SMARTCARD")
    c2.close()

    time.sleep(1)
    sysfs_write(CARD, "present", "1")
    t.ok(wait_for(lambda: reader_has(watch, scard.SCARD_STATE_PRESENT), 5),
         "SCardGetStatusChange: the card is back")
    rv, state, atr = watch.reader_state()
    t.is_(bytes(atr).hex(), sysfs_read(CARD, "atr"),
          "its ATR is sysfs atr")
    out, _ = scan.communicate(timeout=30)
    for line in out.splitlines():
        print("# " + line)
    t.is_(scan_events(out, reader_name(CARD))[-2:], ["removed", "inserted"],
          "pcsc_scan saw the card go and come back")

    rv, data, sw = c.transmit("80 DA 5A 00 08 54 13 33 00 89 01 04 34")
    t.is_(rv, scard.SCARD_W_REMOVED_CARD,
          "the old handle's next APDU: SCARD_W_REMOVED_CARD")
    c.close()
    c = Raw(CARD)
    t.is_(c.connect(), 0, "a new SCardConnect")
    rv, data, sw = c.transmit("80 F2 00 00 0D")
    t.is_((sw, data[:3]), ("9000", [SEMI_FINISHED, 1, 0]),
          "GET STATUS: semi-finished, the session is gone")
    t.is_(c.transmit("80 DA 5A 00 08 54 13 33 00 89 01 04 34")[2], "6985",
          "PUT after the reinsertion: 6985")
    c.close()
    watch.close()
    return t.done()


if __name__ == "__main__":
    try:
        status = main()
    finally:
        # Whatever failed, leave the card in its reader for what follows.
        sysfs_write(CARD, "present", "1")
    sys.exit(status)
