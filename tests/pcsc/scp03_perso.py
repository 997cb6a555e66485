#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Personalization over SCP03 through pcscd, by scp03_host.py (a host
apart from libpersocard's): for each profile (examples/PROFILE.perso) and
each security level 01, 03, 11, 13, 33, a fresh card with a new random key
set (AES-128, -192, -256 in turn) is selected, enabled, authenticated,
sent its data as DGIs in STORE DATA (secret ones under the DEK) and locked
with SET STATUS; the receipt it answers must be the MAC of what was sent.
Then DGI 7FFF, CPS's end marker, which the card ignores, and the
refusals seen through PC/SC: wrong key version, EXTERNAL
AUTHENTICATE without INITIALIZE UPDATE, a wrong host cryptogram (a try
spent, BLOCKED at the limit), a tampered and a replayed C-MAC, a secret
in a plaintext DGI, a block out of sequence.

    /usr/bin/python3 tests/pcsc/scp03_perso.py    (root, pcscd running)
"""

import os
import re
import sys

from smartcard import scard

import scp03_host as gp
from pcsc_common import Raw, Tap, sysfs_read, sysfs_write

CARD = 3
PROFILES = ("payment", "sim", "identity")
PROFILE_IDS = {"payment": 1, "sim": 2, "identity": 3}
STATE_NAMES = {1: "semi-finished", 2: "ready", 3: "personalizing",
               4: "personalized", 5: "blocked"}
TAG_SECRET = 0x2            # PERSOCARD_TAG_SECRET
STATUS_SCP03 = 0x4          # PERSOCARD_STATUS_SCP03
STATUS_SECURE = 0x8         # PERSOCARD_STATUS_SECURE
PERSO_TRACE = 0x9F66
# Bytes of plain data per STORE DATA, varied so that values and DGI
# headers fall on different command boundaries; 239 is the most a short
# APDU takes once padded, encrypted and MACed.
BLOCK_MAX = {0x01: 239, 0x03: 128, 0x11: 64, 0x13: 100, 0x33: 200}
SELECT_ISD = bytes.fromhex("00A4040008") + gp.ISD_AID + b"\x00"
EXAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                        "..", "..", "examples")


def parse_value(rest, folder):
    """A value of a data file (Documentation/persocard/cli.rst)."""
    if rest.startswith("text:"):
        return rest[5:].encode()
    if rest.startswith("@"):
        with open(os.path.join(folder, rest[1:].rstrip()), "rb") as f:
            return f.read()
    if rest.startswith('"'):
        out, i = bytearray(), 1
        while rest[i] != '"':
            if rest[i] == "\\":
                c = rest[i + 1]
                if c == "x":
                    out.append(int(rest[i + 2:i + 4], 16))
                    i += 4
                    continue
                out += {"n": b"\n", "t": b"\t"}.get(c, c.encode())
                i += 2
            else:
                out += rest[i].encode()
                i += 1
        return bytes(out)
    digits = re.sub(r"\s#.*$", "", rest)
    if digits.startswith("hex:"):
        digits = digits[4:]
    return bytes.fromhex(re.sub(r"\s", "", digits))


def parse_perso(path):
    """(profile, [(name, value)]) of a data file, in file order."""
    profile, elements = None, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            name, rest = re.match(r"\s*(\S+)\s+(.*)$", line).groups()
            if name == "profile":
                profile = rest.split()[0]
            else:
                value = parse_value(rest, os.path.dirname(path))
                elements.append((name, value))
    return profile, elements


class Card:
    """One PC/SC connection to the test card; APDUs as bytes."""

    def __init__(self):
        self.raw = Raw(CARD)
        rv = self.raw.connect()
        if rv:
            raise OSError("SCardConnect: " + scard.SCardGetErrorMessage(rv))

    def xmit(self, apdu):
        rv, resp = scard.SCardTransmit(self.raw.card, scard.SCARD_PCI_T1,
                                       list(apdu))
        if rv:
            raise OSError("SCardTransmit: " + scard.SCardGetErrorMessage(rv))
        return bytes(resp[:-2]), (resp[-2] << 8) | resp[-1]

    def close(self):
        self.raw.close()


def tag_descriptors(card):
    """[(tag, flags, name)] in the profile's order: GET STATUS 80 F2 01 II."""
    out = []
    for i in range(256):
        data, sw = card.xmit(bytes([0x80, 0xF2, 0x01, i, 0x00]))
        if sw != 0x9000 or len(data) < 8:
            break
        out.append(((data[0] << 8) | data[1], data[6], data[8:].decode()))
    return out


def get_status(card, session=None):
    """(SW, state, profile, flags, tries_left, try_limit, serial)."""
    apdu = bytes.fromhex("80F2000000")
    if session is not None:
        apdu = session.wrap(apdu)
    data, sw = card.xmit(apdu)
    if session is not None:
        data = session.unwrap(data, sw)
    if sw != 0x9000 or len(data) != 13:
        return (sw, None, None, None, None, None, None)
    return (sw, data[0], data[1], data[2], data[3], data[4], data[5:13])


def fresh_card(profile, keys):
    sysfs_write(CARD, "factory_reset", "1")
    sysfs_write(CARD, "profile", profile)
    sysfs_write(CARD, "scp03_keys", keys.sysfs_text())


def random_keys(length):
    r = os.urandom(3 * length + 1)
    return gp.Keys(r[0] % 0x7F + 1, r[1:1 + length],
                   r[1 + length:1 + 2 * length], r[1 + 2 * length:])


class Opener:
    """SELECT ISD, INSTALL [for personalization], INITIALIZE UPDATE:
    every step's SW kept, the session ready for EXTERNAL AUTHENTICATE."""

    def __init__(self, card, keys, kvn=None, select=True):
        self.card, self.keys = card, keys
        self.sws = []
        if select:
            data, sw = card.xmit(SELECT_ISD)
            self.sws.append(sw)
            self.fci = data
        self.sws.append(card.xmit(bytes.fromhex("80E62000"))[1])
        self.session = gp.Session(keys, os.urandom(8))
        data, sw = card.xmit(self.session.init_update_apdu(kvn))
        self.sws.append(sw)
        self.iu_data, self.iu_sw = data, sw
        self.iu = None
        self.error = None
        if sw == 0x9000:
            try:
                self.iu = self.session.parse_init_update(data)
            except gp.Scp03Error as e:
                self.error = str(e)

    def authenticate(self, level, cryptogram=None):
        return self.card.xmit(self.session.ext_auth_apdu(level, cryptogram))[1]


def store_apdu(p1, p2, data):
    """A plain STORE DATA, before wrap()."""
    return bytes([0x80, 0xE2, p1, p2, len(data)]) + data


def wrapped(card, session, apdu):
    data, sw = card.xmit(session.wrap(apdu))
    try:
        return session.unwrap(data, sw), sw, None
    except gp.Scp03Error as e:
        return data, sw, str(e)


def state():
    return sysfs_read(CARD, "state")


def get_data_apdu(tag, length):
    """GET DATA, with an extended Le for a value over 256 bytes."""
    le = b"\x00" if length <= 256 else b"\x00\x00\x00"
    return bytes([0x80, 0xCA, tag >> 8, tag & 0xFF]) + le


def build_dgis(elements, descs, keys, encryption):
    """The DGIs of a data file's elements, the secret ones (or all, with
    SD_ENC_ALL) encrypted under the DEK; and the (tag, value) committed,
    in the profile's order, for the receipt."""
    by_name = {name: (tag, flags) for tag, flags, name in descs}
    dgis, sent = [], {}
    for name, value in elements:
        tag, flags = by_name[name]
        if flags & TAG_SECRET or encryption == gp.SD_ENC_ALL:
            dgis.append(gp.dgi(tag, gp.encrypt_dgi_value(keys.dek, value)))
        else:
            dgis.append(gp.dgi(tag, value))
        sent[tag] = value
    committed = [(tag, sent[tag]) for tag, _, _ in descs if tag in sent]
    return dgis, committed


ERRORS = (OSError, gp.Scp03Error, ValueError, KeyError, IndexError, TypeError)


def guarded(t, what, fn, *args):
    """fn(t, card, what, *args) on a fresh connection; an exception is a
    failed point, not the end of the file."""
    card = None
    try:
        card = Card()
        fn(t, card, what, *args)
    except ERRORS as e:
        t.ok(False, what + ": ran to the end",
             "%s: %s" % (type(e).__name__, e))
    finally:
        if card is not None:
            card.close()


def personalize(t, profile, level, keys):
    what = "%s SL %02X AES-%d" % (profile, level, len(keys.enc) * 8)
    try:
        fresh_card(profile, keys)
    except OSError as e:
        t.ok(False, what + ": a fresh card with SCP03 keys (sysfs)", e)
        return
    t.is_(sysfs_read(CARD, "auth"), "scp03", what + ": sysfs auth is scp03")
    guarded(t, what, run, profile, level, keys)


def run(t, card, what, profile, level, keys):
    descs = tag_descriptors(card)
    names = [n for _, _, n in descs]
    path = os.path.join(EXAMPLES, profile + ".perso")
    file_profile, elements = parse_perso(path)
    t.is_(file_profile, profile,
          what + ": examples/%s.perso is for %s" % (profile, profile))
    if not t.ok(all(n in names for n, _ in elements),
                what + ": every element of the file is in the card's profile",
                [n for n, _ in elements if n not in names]):
        return
    # DGI 9F66, the personalization trace the CPLC shows once locked: a
    # DGI of its own (apdu.rst), not a profile element, so not in the receipt.
    trace = os.urandom(8)

    sw, st, prof, flags, tries, limit, serial = get_status(card)
    t.is_((sw, st, prof, bool(flags is not None and flags & STATUS_SCP03)),
          (0x9000, 1, PROFILE_IDS[profile], True),
          what + ": GET STATUS: semi-finished, the profile, SCP03 flag")

    o = Opener(card, keys)
    t.is_(["%04X" % s for s in o.sws], ["9000"] * 3,
          what + ": SELECT ISD, INSTALL [for perso], INITIALIZE UPDATE: 9000")
    if not t.ok(o.iu is not None, what + ": the card cryptogram checks",
                o.error):
        return
    t.is_(o.iu["kdd"], b"\x00\x00" + serial,
          what + ": key diversification data = 0000 || serial")
    t.is_((o.iu["kvn"], o.iu["i"]), (keys.kvn, 0x70),
          what + ": KVN and i = 70")
    t.is_(o.iu["card_challenge"],
          o.session.expected_card_challenge(o.iu["seq"]),
          what + ": card challenge = KDF(ENC, 02, seq || ISD AID)")
    t.is_("%04X" % o.authenticate(level), "9000",
          what + ": EXTERNAL AUTHENTICATE 9000")
    s = o.session

    sw, st, prof, flags, tries, limit, _ = get_status(card, s)
    secure = bool(flags is not None and flags & STATUS_SECURE)
    t.is_((sw, st, secure), (0x9000, 3, True),
          what + ": GET STATUS under the channel: personalizing, secure")

    encryption = gp.SD_ENC_ALL if level == 0x13 else gp.SD_ENC_APP
    dgis, committed = build_dgis(elements, descs, keys, encryption)
    if encryption == gp.SD_ENC_ALL:
        dgis.append(gp.dgi(PERSO_TRACE, gp.encrypt_dgi_value(keys.dek, trace)))
    else:
        dgis.append(gp.dgi(PERSO_TRACE, trace))
    blocks = gp.store_data_blocks(dgis, BLOCK_MAX[level], encryption)
    results = []
    for p1, p2, data in blocks:
        rdata, sw, err = wrapped(card, s, store_apdu(p1, p2, data))
        results.append(("%04X" % sw, rdata, err))
    t.is_(results, [("9000", b"", None)] * len(blocks),
          what + ": %d STORE DATA of %d DGIs answer 9000%s"
          % (len(blocks), len(dgis),
             " (R-MAC checked)" if level & gp.R_MAC else ""))

    receipt, sw, err = wrapped(card, s, bytes.fromhex("80F0800F00"))
    t.is_(("%04X" % sw, err), ("9000", None),
          what + ": SET STATUS (LOCK) 9000")
    want = s.receipt(serial, PROFILE_IDS[profile], committed)
    t.is_(receipt.hex(), want.hex(),
          what + ": the receipt is the MAC of the %d elements sent"
          % len(committed))
    t.is_(state(), "personalized", what + ": sysfs: personalized")

    public = [(tag, v) for tag, v in committed
              if not [f for dt, f, _ in descs if dt == tag][0] & TAG_SECRET]
    secret = [tag for tag, _ in committed if tag not in dict(public)]
    got = [card.xmit(get_data_apdu(tag, len(v))) for tag, v in public]
    t.is_(got, [(v, 0x9000) for _, v in public],
          what + ": GET DATA reads every public element back")
    got = [card.xmit(get_data_apdu(tag, 1))[1] for tag in secret]
    t.is_(got, [0x6982] * len(secret),
          what + ": GET DATA of each secret one: 6982")
    cplc, sw = card.xmit(bytes.fromhex("80CA9F7F00"))
    if cplc[:3] == b"\x9f\x7f\x2a":
        cplc = cplc[3:]
    t.is_((sw, len(cplc), cplc[34:42]), (0x9000, 42, trace),
          what + ": CPLC's last 8 bytes (personalizer, date, equipment) "
          "are DGI 9F66's")
    fixed = (cplc[0:8].hex(), cplc[12:18].hex(), cplc[22:24].hex())
    t.is_(fixed, ("504300%02x70656335" % PROFILE_IDS[profile],
                  (serial[4:8] + serial[2:4]).hex(), "5043"),
          what + ": CPLC: fabricator, IC type, OS, release date, "
          "IC serial and batch, ICC manufacturer")


def bad_cases(t):
    keys = random_keys(16)
    what = "bad cases (payment, SL 13)"
    try:
        fresh_card("payment", keys)
    except OSError as e:
        t.ok(False, what + ": a fresh card with SCP03 keys (sysfs)", e)
        return
    guarded(t, what, bad, keys)


def bad(t, card, what, keys):
    descs = tag_descriptors(card)
    tries = lambda: sysfs_read(CARD, "tries_left")  # noqa: E731

    data, sw = card.xmit(bytes.fromhex("80CA00E000"))
    kit = bytes([0xE0, 0x12])
    for n in (1, 2, 3):
        kit += bytes([0xC0, 0x04, n, keys.kvn, 0x88, 0x10])
    t.is_((sw, data.hex()), (0x9000, kit.hex()),
          "GET DATA E0: the key information template")
    data, sw = card.xmit(bytes.fromhex("80CA006600"))
    t.ok(sw == 0x9000 and bytes.fromhex("640B06092A864886FC6B040370") in data,
         "GET DATA 66: card recognition data name SCP03 i = 70",
         "%04X %s" % (sw, data.hex()))

    o = Opener(card, keys)
    t.is_(o.fci.hex(), (bytes.fromhex("6F108408") + gp.ISD_AID +
                        bytes.fromhex("A5049F6501FF")).hex(),
          "SELECT ISD answers its FCI")
    t.is_(card.xmit(SELECT_ISD)[1], 0x9000,
          "SELECT again: 9000")
    t.is_(state(), "semi-finished",
          "... it ended the session INITIALIZE UPDATE began")

    other = keys.kvn % 0x7F + 1
    o = Opener(card, keys, kvn=other)
    t.is_("%04X" % o.iu_sw, "6A88", "INITIALIZE UPDATE with another KVN: 6A88")
    t.is_(state(), "semi-finished", "... and the session is over")

    card.xmit(bytes.fromhex("80E62000"))
    sw = card.xmit(bytes.fromhex("8482130010") + os.urandom(16))[1]
    t.is_("%04X" % sw, "6985",
          "EXTERNAL AUTHENTICATE without INITIALIZE UPDATE: 6985")
    t.is_((state(), tries()), ("semi-finished", "3"),
          "... session over, no try spent")

    o = Opener(card, keys)
    seq1 = o.iu["seq"] if o.iu else None
    wrong = bytearray(o.session.host_cryptogram())
    wrong[0] ^= 0x01
    t.is_("%04X" % o.authenticate(0x13, bytes(wrong)), "63C2",
          "a wrong host cryptogram (right C-MAC over it): 63C2")
    t.is_((state(), tries()), ("semi-finished", "2"),
          "... a try spent, the session over")

    o = Opener(card, keys)
    t.ok(seq1 is not None and o.iu is not None and
         int.from_bytes(o.iu["seq"], "big") == int.from_bytes(seq1, "big") + 1,
         "the sequence counter went up by one")
    t.is_("%04X" % o.authenticate(0x13), "9000",
          "the right host cryptogram: 9000")
    t.is_(tries(), "3", "... the try counter is back at the limit")
    pan = gp.dgi(0x5A00, bytes.fromhex("5413330089010434"))
    p1, p2, data = gp.store_data_blocks([pan], 239, gp.SD_ENC_APP)[0]
    cmd = bytearray(o.session.wrap(store_apdu(p1 & ~gp.SD_LAST, p2, data)))
    cmd[-1] ^= 0x01
    t.is_(card.xmit(bytes(cmd)), (b"", 0x6982),
          "STORE DATA with a C-MAC bit flipped: 6982, no R-MAC")
    t.is_((state(), tries()), ("semi-finished", "3"),
          "... the session over, no try spent")

    o = Opener(card, keys)
    o.authenticate(0x13)
    cmd = o.session.wrap(store_apdu(p1 & ~gp.SD_LAST, p2, data))
    sw1 = card.xmit(cmd)[1]
    t.is_(("%04X" % sw1, "%04X" % card.xmit(cmd)[1]), ("9000", "6982"),
          "the same STORE DATA sent twice: 9000, then 6982 (replay)")
    t.is_(state(), "semi-finished", "... the session over")

    o = Opener(card, keys)
    o.authenticate(0x13)
    d = gp.dgi(0x5A00, bytes.fromhex("5413330089010434")) + gp.dgi(0x7FFF, b"")
    _, sw, err = wrapped(card, o.session, store_apdu(0xA8, 0x00, d))
    t.is_(("%04X" % sw, err, state()), ("9000", None, "personalizing"),
          "DGI 7FFF (CPS's end marker, no value) is taken and ignored")

    pin_block = [tag for tag, _, name in descs if name == "pin_block"][0]
    o = Opener(card, keys)
    o.authenticate(0x13)
    d = gp.dgi(pin_block, bytes.fromhex("241234FFFFFFFFFF"))
    _, sw, err = wrapped(card, o.session, store_apdu(0x08, 0x00, d))
    t.is_(("%04X" % sw, err), ("6A80", None),
          "the secret pin_block in a plaintext DGI: 6A80 alone "
          "(no R-MAC on an error)")
    t.is_(state(), "semi-finished", "... the session over")

    o = Opener(card, keys)
    o.authenticate(0x13)
    d = gp.dgi(0x5A00, bytes.fromhex("5413330089010434"))
    _, sw, err = wrapped(card, o.session, store_apdu(0x28, 0x01, d))
    t.is_(("%04X" % sw, err), ("6A86", None),
          "STORE DATA block 01 first (out of sequence): 6A86 alone")
    t.is_(state(), "semi-finished", "... the session over")

    sws = []
    for _ in range(3):
        o = Opener(card, keys)
        sws.append("%04X" % o.authenticate(0x13, bytes(8)))
    t.is_(sws, ["63C2", "63C1", "63C0"],
          "three wrong host cryptograms: 63C2, 63C1, 63C0")
    t.is_((state(), tries()), ("blocked", "0"), "... the card is blocked")


def main():
    t = Tap()
    n = 0
    for profile in PROFILES:
        for level in gp.LEVELS:
            personalize(t, profile, level, random_keys((16, 24, 32)[n % 3]))
            n += 1
    bad_cases(t)
    return t.done()


if __name__ == "__main__":
    sys.exit(main())
