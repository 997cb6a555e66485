#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""A PC/SC client that leaves in the middle of a session leaves the next
client a semi-finished card with no session: pcscd resets the card on
SCardDisconnect(SCARD_RESET_CARD) and SCARD_UNPOWER_CARD, and for a client
killed with SIGKILL, and the driver turns each into the RESET ioctl.
"""

import os
import signal
import subprocess
import sys

from smartcard import scard

from pcsc_common import (PERSONALIZING, SEMI_FINISHED, Raw, Tap,
                         sysfs_read, wait_for)

CARD = 2
ENABLE = "80 E6 20 00"
VERIFY = "80 20 00 00 04 31 32 33 34"
PUT_PAN = "80 DA 5A 00 08 54 13 33 00 89 01 04 34"
GET_STATUS = "80 F2 00 00 0D"


def start_session(t, c, who):
    t.is_(c.connect(), 0, "%s: SCardConnect" % who)
    t.is_(c.transmit(ENABLE)[2], "9000", "%s: ENABLE answers 9000" % who)
    t.is_(c.transmit(VERIFY)[2], "9000", "%s: VERIFY answers 9000" % who)
    t.is_(sysfs_read(CARD, "state"), "personalizing",
          "%s: sysfs shows personalizing" % who)


def check_fresh(t, why):
    """The next client finds the card semi-finished, no session."""
    t.ok(wait_for(lambda: sysfs_read(CARD, "state") == "semi-finished", 10),
         "%s: sysfs shows semi-finished" % why, sysfs_read(CARD, "state"))
    c = Raw(CARD)
    t.is_(c.connect(), 0, "%s: the next client connects" % why)
    rv, data, status = c.transmit(GET_STATUS)
    t.is_(status, "9000", "%s: GET STATUS answers 9000" % why)
    t.is_(data[:3], [SEMI_FINISHED, 1, 0],
          "%s: GET STATUS: semi-finished, no session" % why)
    t.is_(c.transmit(PUT_PAN)[2], "6985",
          "%s: PUT without a session answers 6985" % why)
    c.close()


def child():
    """Start a session, say so, and wait to be killed."""
    c = Raw(CARD)
    if c.connect() or c.transmit(ENABLE)[2] != "9000" or \
       c.transmit(VERIFY)[2] != "9000":
        sys.exit(1)
    print("ready", flush=True)
    signal.pause()


def main():
    t = Tap()
    t.is_(sysfs_read(CARD, "state"), "semi-finished",
          "card %d starts semi-finished" % CARD)

    for name, disp in (("SCARD_RESET_CARD", scard.SCARD_RESET_CARD),
                       ("SCARD_UNPOWER_CARD", scard.SCARD_UNPOWER_CARD)):
        c = Raw(CARD)
        start_session(t, c, name)
        t.is_(c.disconnect(disp), 0, "SCardDisconnect(%s)" % name)
        c.close()
        check_fresh(t, "after " + name)

    p = subprocess.Popen([sys.executable, __file__, "--child"],
                         stdout=subprocess.PIPE, text=True)
    line = p.stdout.readline().strip()
    t.is_(line, "ready", "a client starts a session (ENABLE, VERIFY)")
    t.is_(sysfs_read(CARD, "state"), "personalizing",
          "its session runs: sysfs shows personalizing")
    os.kill(p.pid, signal.SIGKILL)
    p.wait()
    t.is_(p.returncode, -signal.SIGKILL, "the client is killed by SIGKILL")
    check_fresh(t, "after SIGKILL")
    return t.done()


if __name__ == "__main__":
    if sys.argv[1:] == ["--child"]:
        child()
    sys.exit(main())
