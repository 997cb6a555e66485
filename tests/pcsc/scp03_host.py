# SPDX-License-Identifier: GPL-2.0
"""An SCP03 host, written from GlobalPlatform Card Specification 2.3.1
Amendment D (SCP03) v1.1.2 and Documentation/persocard/apdu.rst, apart
from libpersocard's host: a second reading of the same protocol, so that
the two cannot share a mistake. Crypto by python3-cryptography (AES-CMAC,
AES-CBC); no PC/SC here, so the known-answer test runs on the host.

A session: Session(keys, host_challenge), init_update_apdu(),
parse_init_update(response), ext_auth_apdu(level), then wrap() each
command and unwrap() each response. Bytes in, bytes out.
"""

import hashlib
import hmac

from cryptography.hazmat.primitives import cmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

ISD_AID = bytes.fromhex("A000000151000000")

# Security levels, EXTERNAL AUTHENTICATE P1 (Amendment D table 7-2).
C_MAC, C_DEC, R_MAC, R_ENC = 0x01, 0x02, 0x10, 0x20
LEVELS = (0x01, 0x03, 0x11, 0x13, 0x33)

# Derivation constants (Amendment D table 4-1).
DK_CARD_CRYPTOGRAM = 0x00
DK_HOST_CRYPTOGRAM = 0x01
DK_CARD_CHALLENGE = 0x02
DK_S_ENC = 0x04
DK_S_MAC = 0x06
DK_S_RMAC = 0x07

# STORE DATA P1 (GPC 2.3.1 11.11.2.1).
SD_LAST = 0x80
SD_ENC_APP = 0x20      # application-dependent: the secret DGIs only
SD_ENC_ALL = 0x60
SD_DGI = 0x08


class Scp03Error(Exception):
    """The card's answer breaks the protocol (a cryptogram, an R-MAC)."""


def aes_cmac(key, data):
    c = cmac.CMAC(algorithms.AES(key))
    c.update(data)
    return c.finalize()


def aes_cbc(key, iv, data, decrypt=False):
    c = Cipher(algorithms.AES(key), modes.CBC(iv))
    op = c.decryptor() if decrypt else c.encryptor()
    return op.update(data) + op.finalize()


def aes_block(key, block):
    op = Cipher(algorithms.AES(key), modes.ECB()).encryptor()
    return op.update(block) + op.finalize()


def pad80(data):
    """ISO/IEC 9797-1 method 2: 80, then 00s to a whole block; always."""
    data = bytes(data) + b"\x80"
    return data + bytes(-len(data) % 16)


def unpad80(data):
    stripped = bytes(data).rstrip(b"\x00")
    if not stripped or stripped[-1] != 0x80 or len(data) % 16:
        raise Scp03Error("bad ISO 9797-1 method 2 padding")
    return stripped[:-1]


def kdf(key, const, bits, context):
    """NIST SP 800-108 KDF in counter mode, PRF AES-CMAC, as Amendment D
    4.1.5 lays out the input: label (11 bytes 00, the constant), separator
    00, L (2 bytes, bits), counter i (1 byte, from 1), context."""
    out = b""
    i = 1
    while len(out) * 8 < bits:
        out += aes_cmac(key, bytes(11) + bytes([const, 0x00]) +
                        bits.to_bytes(2, "big") + bytes([i]) + context)
        i += 1
    return out[:bits // 8]


def encrypt_dgi_value(dek, value):
    """A secret DGI's value: AES-CBC under the static DEK, IV 16 x 00,
    ISO/IEC 9797-1 method 2 padding (apdu.rst, STORE DATA)."""
    return aes_cbc(dek, bytes(16), pad80(value))


class Keys:
    """A static key set: KVN and ENC, MAC, DEK of one length."""

    def __init__(self, kvn, enc, mac, dek):
        if not 1 <= kvn <= 0x7F:
            raise ValueError("KVN must be 01..7F")
        if len(enc) not in (16, 24, 32) or \
                not len(enc) == len(mac) == len(dek):
            raise ValueError("keys must be 16, 24 or 32 bytes, all alike")
        self.kvn = kvn
        self.enc, self.mac, self.dek = bytes(enc), bytes(mac), bytes(dek)

    def sysfs_text(self):
        """What scp03_keys takes: 'KVN ENC MAC DEK' in hex."""
        return "%02X %s %s %s\n" % (self.kvn, self.enc.hex(), self.mac.hex(),
                                    self.dek.hex())


def split_apdu(apdu):
    """A short command APDU -> (header 4, data, le or None)."""
    apdu = bytes(apdu)
    if len(apdu) < 4:
        raise ValueError("APDU shorter than 4 bytes")
    if len(apdu) == 4:
        return apdu[:4], b"", None
    if len(apdu) == 5:
        return apdu[:4], b"", apdu[4]
    lc = apdu[4]
    if lc == 0 or len(apdu) not in (5 + lc, 6 + lc):
        raise ValueError("not a short APDU")
    le = apdu[5 + lc] if len(apdu) == 6 + lc else None
    return apdu[:4], apdu[5:5 + lc], le


def sw_has_rmac(sw):
    """Amendment D 6.2.5: only 9000 and warnings (62xx, 63xx) carry an
    R-MAC; any other status word comes back alone."""
    return sw == 0x9000 or (sw >> 8) in (0x62, 0x63)


class Session:
    def __init__(self, keys, host_challenge):
        if len(host_challenge) != 8:
            raise ValueError("host challenge is 8 bytes")
        self.keys = keys
        self.host_challenge = bytes(host_challenge)
        self.level = 0
        self.chain = bytes(16)
        self.counter = 0
        self.rsp_counter = 0
        self.s_enc = self.s_mac = self.s_rmac = None

    def init_update_apdu(self, kvn=None):
        kvn = self.keys.kvn if kvn is None else kvn
        return (bytes([0x80, 0x50, kvn, 0x00, 0x08]) + self.host_challenge +
                b"\x00")

    def parse_init_update(self, rsp):
        """Checks the 32 bytes INITIALIZE UPDATE answered, derives the
        session keys and checks the card cryptogram. Returns a dict with
        kdd, kvn, i, card_challenge, seq."""
        rsp = bytes(rsp)
        if len(rsp) != 32:
            raise Scp03Error("INITIALIZE UPDATE answered %d bytes, not 32"
                             % len(rsp))
        r = {"kdd": rsp[0:10], "kvn": rsp[10], "scp": rsp[11], "i": rsp[12],
             "card_challenge": rsp[13:21], "card_cryptogram": rsp[21:29],
             "seq": rsp[29:32]}
        if r["scp"] != 0x03:
            raise Scp03Error("SCP identifier %02X, not 03" % r["scp"])
        if r["kvn"] != self.keys.kvn:
            raise Scp03Error("key version %02X, not %02X"
                             % (r["kvn"], self.keys.kvn))
        self.derive(r["card_challenge"])
        want = kdf(self.s_mac, DK_CARD_CRYPTOGRAM, 64, self.context)
        if not hmac.compare_digest(want, r["card_cryptogram"]):
            raise Scp03Error("wrong card cryptogram")
        self.card_challenge = r["card_challenge"]
        return r

    def derive(self, card_challenge):
        self.context = self.host_challenge + bytes(card_challenge)
        bits = len(self.keys.enc) * 8
        self.s_enc = kdf(self.keys.enc, DK_S_ENC, bits, self.context)
        self.s_mac = kdf(self.keys.mac, DK_S_MAC, bits, self.context)
        self.s_rmac = kdf(self.keys.mac, DK_S_RMAC, bits, self.context)

    def expected_card_challenge(self, seq, aid=ISD_AID):
        """i = 70, pseudo-random challenge (Amendment D 6.2.2.1)."""
        return kdf(self.keys.enc, DK_CARD_CHALLENGE, 64,
                   bytes(seq) + bytes(aid))

    def host_cryptogram(self):
        return kdf(self.s_mac, DK_HOST_CRYPTOGRAM, 64, self.context)

    def ext_auth_apdu(self, level, cryptogram=None):
        """EXTERNAL AUTHENTICATE at @level; @cryptogram replaces the right
        host cryptogram (a test of the card), its C-MAC still right."""
        if cryptogram is None:
            cryptogram = self.host_cryptogram()
        header = bytes([0x84, 0x82, level, 0x00, 0x10])
        mac = aes_cmac(self.s_mac, bytes(16) + header + cryptogram)
        self.chain = mac
        self.level = level
        self.counter = 1
        return header + cryptogram + mac[:8]

    def wrap(self, apdu):
        """C-DEC (when the level has it and the command has data), then
        C-MAC: CLA b3 set, Lc' = len(data') + 8, chaining value updated.
        The encryption counter goes up once per command, with data or
        without (Amendment D 6.2.6)."""
        header, data, le = split_apdu(apdu)
        cla = header[0] | 0x04
        if self.level & C_DEC and data:
            icv = aes_block(self.s_enc, self.counter.to_bytes(16, "big"))
            data = aes_cbc(self.s_enc, icv, pad80(data))
        lc = len(data) + 8
        if lc > 255:
            raise ValueError("wrapped command over 255 bytes of data")
        head = bytes([cla]) + header[1:4] + bytes([lc])
        self.chain = aes_cmac(self.s_mac, self.chain + head + data)
        self.rsp_counter = self.counter
        self.counter += 1
        tail = b"" if le is None else bytes([le])
        return head + data + self.chain[:8] + tail

    def unwrap(self, rdata, sw):
        """The plain response data, R-MAC checked and R-ENC undone."""
        rdata = bytes(rdata)
        if not self.level & R_MAC:
            return rdata
        if not sw_has_rmac(sw):
            if rdata:
                raise Scp03Error("SW %04X (no R-MAC) came with data" % sw)
            return rdata
        if len(rdata) < 8:
            raise Scp03Error("SW %04X: response without R-MAC" % sw)
        body, rmac = rdata[:-8], rdata[-8:]
        want = aes_cmac(self.s_rmac,
                        self.chain + body + sw.to_bytes(2, "big"))[:8]
        if not hmac.compare_digest(want, rmac):
            raise Scp03Error("wrong R-MAC")
        if self.level & R_ENC and body:
            icv = aes_block(self.s_enc,
                            b"\x80" + self.rsp_counter.to_bytes(15, "big"))
            body = unpad80(aes_cbc(self.s_enc, icv, body, decrypt=True))
        return body

    def receipt(self, serial, profile, elements):
        """What LOCK PERSO under the channel answers (apdu.rst, SET
        STATUS): @elements are (tag, value), committed, in the profile's
        element order."""
        h = hashlib.sha256()
        tags = b""
        for tag, value in elements:
            tags += tag.to_bytes(2, "big")
            h.update(tag.to_bytes(2, "big") + len(value).to_bytes(2, "big") +
                     value)
        msg = (b"RCPT" + bytes(serial) + bytes([profile, len(elements)]) +
               tags + h.digest())
        return aes_cmac(self.s_mac, msg)


def dgi(tag, value):
    """A DGI: tag (2), length (1 byte to FE, else FF and 2 bytes)."""
    n = len(value)
    length = bytes([n]) if n < 0xFF else b"\xFF" + n.to_bytes(2, "big")
    return tag.to_bytes(2, "big") + length + bytes(value)


def store_data_blocks(dgis, block_max, encryption=SD_ENC_APP):
    """The (P1, P2, data) of the STORE DATA commands carrying @dgis (whole
    DGIs as bytes, in order): at most @block_max bytes each, a value may
    run on into the next command, a DGI header never is cut."""
    blocks = []
    cur = b""
    for d in dgis:
        header = 3 if d[2] != 0xFF else 5
        if len(cur) + header > block_max:
            blocks.append(cur)
            cur = b""
        cur += d
        while len(cur) > block_max:
            blocks.append(cur[:block_max])
            cur = cur[block_max:]
    if cur or not blocks:
        blocks.append(cur)
    out = []
    for n, data in enumerate(blocks):
        p1 = SD_DGI | encryption | (SD_LAST if n == len(blocks) - 1 else 0)
        out.append((p1, n, data))
    return out
