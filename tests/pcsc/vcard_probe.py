#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Virtual card for vsmartcard's vpcd that logs every APDU it receives.

It answers from small tables (profiles) so that we can see exactly what
PC/SC clients (cardpeek, OpenSC) send and which answers they need.

    vcard_probe.py --profile emv|sim|opensc [--t0] [--log FILE]

The vpcd wire protocol (see vsmartcard's vpcd.c and virtualsmartcard's
VirtualICC): each message is a 2-byte big-endian length followed by the
payload.  A 1-byte payload is a control code (0 off, 1 on, 2 reset,
4 get ATR); anything longer is a command APDU to be answered with a
response APDU.  This is the same protocol VirtualICC.run() speaks; we
speak it directly so that no card emulation of virtualsmartcard sits
between the client and the table.

--t0 makes the card behave like a T=0 card seen through a transparent
reader: a case 4 command gets 61xx (9Fxx for CLA A0) and the data only
through GET RESPONSE, a wrong Le gets 6Cxx.
"""

import argparse
import socket
import struct
import sys
import time


def h(s):
    return bytes.fromhex(s.replace(' ', ''))


def hx(b):
    return ' '.join('%02X' % x for x in b)


def tlv(tag, value):
    t = h(tag)
    n = len(value)
    if n < 0x80:
        ln = bytes([n])
    elif n < 0x100:
        ln = bytes([0x81, n])
    else:
        ln = bytes([0x82, n >> 8, n & 0xff])
    return t + ln + value


def atr_with_tck(body):
    """Append TCK so that T0..TCK XOR to zero."""
    b = h(body)
    x = 0
    for c in b[1:]:
        x ^= c
    return b + bytes([x])


# ---------------------------------------------------------------- EMV
AID_MC = h('A0000000041010')
PSE1 = b'1PAY.SYS.DDF01'
PSE2 = b'2PAY.SYS.DDF01'

FCI_AID = h('6F 1A 84 07 A0 00 00 00 04 10 10 A5 0F 50 0A 4D 41 53 54 45'
            '52 43 41 52 44 87 01 01')
DIR_ENTRY = tlv('61', tlv('4F', AID_MC) + tlv('50', b'MASTERCARD') +
                tlv('87', b'\x01'))
# Payment System Environment: directory file in SFI 2
FCI_PSE1 = tlv('6F', tlv('84', PSE1) +
               tlv('A5', tlv('88', b'\x02') + tlv('5F2D', b'en')))
FCI_PSE2 = tlv('6F', tlv('84', PSE2) + tlv('A5', tlv('BF0C', DIR_ENTRY)))
GPO = h('77 0A 82 02 19 80 94 04 08 01 02 00')
TRACK2 = h('5413330089020011D28122010000000000000F')
REC1 = tlv('70', tlv('57', TRACK2) + tlv('5A', h('5413330089020011')) +
           tlv('5F24', h('281231')) + tlv('5F20', b'TEST/CARDHOLDER') +
           tlv('5F34', b'\x01'))
REC2 = tlv('70', tlv('8C', h('9F02069F03069F1A0295055F2A029A039C01'
                             '9F3704')) +
           tlv('8D', h('8A029F3704')) + tlv('9F08', h('0002')))
CPLC = h('4790 5167 4791 2081 3C00 6123 00000001 0001 4812 6124 0000'
         '6125 0000 0000 00000000 0000 6200 00000000')
assert len(CPLC) == 42
GETDATA = {
    0x9F36: tlv('9F36', h('0001')),
    0x9F13: tlv('9F13', h('0000')),
    0x9F17: tlv('9F17', h('03')),
    0x9F4F: tlv('9F4F', h('9A039F02065F2A029F4E14')),
    0x9F7F: tlv('9F7F', CPLC),
}


class Card:
    """Base: no files, answers 6D00 to everything."""
    atr = atr_with_tck('3B 8B 01 80 57 50 45 52 53 4F 01 00 81 05')

    def __init__(self, t0):
        self.t0 = t0
        self.pending = None

    def reset(self):
        self.pending = None

    def answer(self, apdu):
        return b'', 0x6D00

    def execute(self, apdu):
        if len(apdu) < 4:
            return h('6700')
        cla, ins = apdu[0], apdu[1]
        if self.t0 and ins == 0xC0:
            if self.pending is None:
                return h('6985')
            data, self.pending = self.pending, None
            le = apdu[4] if len(apdu) > 4 else 0
            if le == 0:
                le = 256
            if le != len(data):
                if le > len(data):
                    return bytes([0x6C, len(data)])
                self.pending = data[le:]
                rest = len(self.pending)
                return data[:le] + bytes([0x61, rest & 0xff])
            return data + h('9000')
        self.pending = None
        data, sw = self.answer(apdu)
        # case 2 / case 4 detection for the T=0 emulation
        has_data = len(apdu) > 5
        if self.t0 and data and sw == 0x9000:
            if has_data:
                self.pending = data
                hi = 0x9F if cla == 0xA0 else 0x61
                return bytes([hi, len(data) & 0xff])
            le = apdu[4] if len(apdu) == 5 else 0
            if le == 0 and len(data) != 256:
                return bytes([0x6C, len(data) & 0xff])
            if le and le != len(data) and le > len(data):
                return bytes([0x6C, len(data) & 0xff])
            data = data[:le or 256]
        return data + bytes([sw >> 8, sw & 0xff])


class EmvCard(Card):
    no_pse = False  # --no-pse: only the contactless PPSE (2PAY) answers

    def answer(self, a):
        cla, ins, p1, p2 = a[0], a[1], a[2], a[3]
        body = a[5:5 + a[4]] if len(a) > 5 else b''
        if ins == 0xA4 and p1 == 0x04:
            if body == PSE1 and not self.no_pse:
                return FCI_PSE1, 0x9000
            if body == PSE2:
                return FCI_PSE2, 0x9000
            if body == AID_MC:
                return FCI_AID, 0x9000
            return b'', 0x6A82
        if ins == 0xA4:
            return b'', 0x6A82
        if cla == 0x80 and ins == 0xA8:
            return GPO, 0x9000
        if ins == 0xB2:
            sfi, rec = p2 >> 3, p1
            if sfi == 2 and rec == 1:
                return tlv('70', DIR_ENTRY), 0x9000
            if sfi == 1 and rec == 1:
                return REC1, 0x9000
            if sfi == 1 and rec == 2:
                return REC2, 0x9000
            return b'', 0x6A83
        if cla == 0x80 and ins == 0xCA:
            tag = (p1 << 8) | p2
            if tag in GETDATA:
                return GETDATA[tag], 0x9000
            return b'', 0x6A88
        if ins == 0xCA:
            return b'', 0x6A88
        if cla & 0xF0 not in (0x00, 0x80):
            return b'', 0x6E00
        return b'', 0x6D00


def sim_ef(fid, size, struct_=0, reclen=0):
    return (h('0000') + struct.pack('>H', size) + h(fid) + h('04 00') +
            h('FF FF FF') + h('01 02') + bytes([struct_, reclen]))


def sim_df(fid, mf=False):
    return (h('0000 1000') + h(fid) + (h('01') if mf else h('02')) +
            h('00 00 00 00 00') + h('09') + h('B0 01 02 04 00 83 8A 83 8A'))


class SimCard(Card):
    """GSM 11.11 SIM: CLA A0, SELECT by FID only, 9Fxx + GET RESPONSE."""
    atr = h('3B 0B 80 57 50 45 52 53 4F 01 00 81 05')  # T=0 only
    FILES = {
        '3F00': ('df', None), '7F20': ('df', '3F00'),
        '7F10': ('df', '3F00'),
        '2FE2': ('ef', '3F00', h('98 10 14 00 00 00 00 00 00 F1')),
        '6F07': ('ef', '7F20', h('08 09 10 10 10 32 54 76 98')),
    }

    def __init__(self, t0):
        super().__init__(True)  # a SIM is always T=0
        self.cur_df, self.cur_ef = '3F00', None

    def execute(self, apdu):
        if apdu[0] != 0xA0:
            return h('6E00')
        return super().execute(apdu)

    def answer(self, a):
        ins, p1, p2 = a[1], a[2], a[3]
        if ins == 0xA4:
            fid = a[5:7].hex().upper() if len(a) >= 7 else ''
            f = self.FILES.get(fid)
            if f is None:
                return b'', 0x9404
            if f[0] == 'df':
                self.cur_df, self.cur_ef = fid, None
                return sim_df(fid, fid == '3F00'), 0x9000
            self.cur_ef = fid
            return sim_ef(fid, len(f[2])), 0x9000
        if ins == 0xB0:
            if self.cur_ef is None:
                return b'', 0x9400
            data = self.FILES[self.cur_ef][2]
            off = (p1 << 8) | p2
            le = a[4] if len(a) == 5 else 0
            return data[off:off + (le or 256)], 0x9000
        if ins == 0xF2:
            return sim_df(self.cur_df, self.cur_df == '3F00'), 0x9000
        if ins == 0x20:
            return b'', 0x9804
        return b'', 0x6D00


class OpenscCard(Card):
    """Plain card: 6A82 (or --select-sw) to SELECT, 6D00 otherwise."""
    select_sw = 0x6A82

    def answer(self, a):
        ins = a[1]
        if a[0] == 0xFF:
            return b'', 0x6E00
        if ins == 0xA4:
            return b'', self.select_sw
        if ins == 0xCA:
            return b'', 0x6A88
        return b'', 0x6D00


class FsCard(OpenscCard):
    """ISO 7816-4 card with MF 3F00 and transparent EF 2FE2 (ICCID)."""
    EFS = {'2FE2': h('98 10 14 00 00 00 00 00 00 F1')}

    def __init__(self, t0):
        super().__init__(t0)
        self.cur = None

    def answer(self, a):
        ins, p1, p2 = a[1], a[2], a[3]
        if ins == 0xA4 and p1 in (0x00, 0x01, 0x02, 0x08, 0x09):
            body = a[5:5 + a[4]] if len(a) > 5 else b''
            fid = body[-2:].hex().upper() if body else '3F00'
            if fid == '3F00':
                self.cur = None
                fcp = tlv('62', tlv('82', h('38')) + tlv('83', h('3F00')) +
                          tlv('8A', h('05')))
            elif fid in self.EFS:
                self.cur = fid
                fcp = tlv('62', tlv('80', struct.pack('>H', len(
                    self.EFS[fid]))) + tlv('82', h('01')) +
                    tlv('83', h(fid)) + tlv('8A', h('05')))
            else:
                return b'', 0x6A82
            if p2 & 0x0C == 0x0C:
                return b'', 0x9000
            return fcp, 0x9000
        if ins == 0xB0:
            if self.cur is None:
                return b'', 0x6986
            off = ((p1 & 0x7F) << 8) | p2
            le = a[4] if len(a) == 5 else 0
            return self.EFS[self.cur][off:off + (le or 256)], 0x9000
        return super().answer(a)


PROFILES = {'emv': EmvCard, 'sim': SimCard, 'opensc': OpenscCard,
            'fs': FsCard}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--profile', choices=PROFILES, default='emv')
    ap.add_argument('--t0', action='store_true')
    ap.add_argument('--atr', help='override ATR (hex)')
    ap.add_argument('--no-pse', action='store_true',
                    help='emv profile: 6A82 to 1PAY.SYS.DDF01')
    ap.add_argument('--select-sw', help='opensc profile: SW to SELECT')
    ap.add_argument('--log', default='-')
    ap.add_argument('--host', default='127.0.0.1')
    ap.add_argument('--port', type=int, default=35963)
    args = ap.parse_args()
    card = PROFILES[args.profile](args.t0)
    card.no_pse = args.no_pse
    if args.select_sw:
        card.select_sw = int(args.select_sw, 16)
    if args.atr:
        card.atr = h(args.atr)
    log = sys.stdout if args.log == '-' else open(args.log, 'w', buffering=1)
    for _ in range(50):
        try:
            sock = socket.create_connection((args.host, args.port))
            break
        except OSError:
            time.sleep(0.1)
    else:
        sys.exit('vcard_probe: cannot reach vpcd on %s:%d' %
                 (args.host, args.port))

    def recv(n):
        buf = b''
        while len(buf) < n:
            c = sock.recv(n - len(buf))
            if not c:
                raise EOFError
            buf += c
        return buf

    def send(b):
        sock.sendall(struct.pack('>H', len(b)) + b)

    try:
        while True:
            n = struct.unpack('>H', recv(2))[0]
            msg = recv(n) if n else b''
            if n == 1:
                code = msg[0]
                if code == 4:
                    send(card.atr)
                elif code in (0, 1, 2):
                    card.reset()
                    print('# %s' % {0: 'power off', 1: 'power on',
                                    2: 'reset'}[code], file=log)
                continue
            rsp = card.execute(msg)
            send(rsp)
            print('> %s' % hx(msg), file=log)
            print('< %s' % hx(rsp), file=log)
    except (EOFError, OSError):
        pass


if __name__ == '__main__':
    main()
