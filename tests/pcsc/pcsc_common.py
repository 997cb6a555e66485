# SPDX-License-Identifier: GPL-2.0
"""TAP and the few PC/SC helpers the persocard PC/SC tests share."""

import os
import sys
import time

from smartcard import scard

SYSFS = "/sys/class/persocard/persocard{}/{}"

# enum persocard_state, as GET STATUS's first byte and sysfs's words.
SEMI_FINISHED, READY, PERSONALIZING, PERSONALIZED = 1, 2, 3, 4


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, desc, diag=None):
        self.n += 1
        print(("ok" if cond else "not ok") + " %d - %s" % (self.n, desc))
        if not cond:
            self.failed += 1
            if diag is not None:
                print("#   " + str(diag))
        sys.stdout.flush()
        return cond

    def is_(self, got, want, desc):
        return self.ok(got == want, desc, "got %r, want %r" % (got, want))

    def done(self):
        print("1..%d" % self.n)
        return 1 if self.failed else 0


def reader_name(slot):
    return "persocard 00 %02X" % slot


def sysfs_read(card, attr):
    with open(SYSFS.format(card, attr)) as f:
        return f.read().strip()


def sysfs_write(card, attr, value):
    with open(SYSFS.format(card, attr), "w") as f:
        f.write(value)


def apdu(text):
    """'80 E6 20 00' -> [0x80, 0xE6, 0x20, 0x00]"""
    return list(bytes.fromhex(text))


def sw(sw1, sw2):
    return "%02X%02X" % (sw1, sw2)


def wait_for(pred, timeout=10.0, step=0.1):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if pred():
            return True
        time.sleep(step)
    return pred()


class Raw:
    """A card handle through smartcard.scard, for dispositions and status."""

    def __init__(self, slot):
        rv, self.ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        if rv:
            raise OSError("SCardEstablishContext: " +
                          scard.SCardGetErrorMessage(rv))
        self.reader = reader_name(slot)
        self.card = None

    def connect(self):
        rv, self.card, proto = scard.SCardConnect(
            self.ctx, self.reader, scard.SCARD_SHARE_SHARED,
            scard.SCARD_PROTOCOL_T1)
        if rv:
            self.card = None
        return rv

    def transmit(self, text):
        """Returns (rv, data, 'SW') of one APDU."""
        rv, resp = scard.SCardTransmit(self.card, scard.SCARD_PCI_T1,
                                       apdu(text))
        if rv:
            return rv, [], None
        return rv, resp[:-2], sw(resp[-2], resp[-1])

    def status(self):
        rv, name, state, proto, atr = scard.SCardStatus(self.card)
        return rv, state, atr

    def reader_state(self, timeout_ms=0):
        rv, states = scard.SCardGetStatusChange(
            self.ctx, timeout_ms, [(self.reader, scard.SCARD_STATE_UNAWARE)])
        if rv:
            return rv, 0, []
        return rv, states[0][1], states[0][2]

    def disconnect(self, disposition):
        rv = scard.SCardDisconnect(self.card, disposition)
        self.card = None
        return rv

    def close(self):
        if self.card is not None:
            scard.SCardDisconnect(self.card, scard.SCARD_RESET_CARD)
        scard.SCardReleaseContext(self.ctx)
