#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
#
# The worked GlobalPlatform session of Documentation/persocard/apdu.rst:
# a SIM card personalized over SCP03 at level 13 (C-MAC, C-DECRYPTION,
# R-MAC) through the TRANSMIT ioctl, every APDU printed as it went, with
# the host of scp03_host.py. Run as root with the module loaded:
#
#   tests/pcsc/gp_worked.py [/dev/persocardN]
#
# It makes the card an SCP03 card with GlobalPlatform's test keys (40..4F)
# and a fixed host challenge, so that only the card's serial (in the KDD,
# the receipt and what follows from it) differs from run to run. It exits
# non-zero if any step answers other than the documented status word or
# the receipt does not match: a run of it is a test of the page.
import ctypes
import fcntl
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scp03_host as gp  # noqa: E402

IOC_TRANSMIT = 0xC028C509  # _IOWR(0xC5, 0x09, struct persocard_transmit)
ISD = bytes.fromhex("A000000151000000")
SIM = 2
TEST_KEY = bytes(range(0x40, 0x50))

# The sim profile's elements in its order (tag, value, secret).
ELEMENTS = [
    (0x2FE2, bytes.fromhex("8944100000000000001F"), False),
    (0x6F07, bytes.fromhex("082926050000000010"), False),
    (0x6F46, b"PERSOCARD TEL", False),
    (0x6F38, bytes.fromhex("9EFF1F9C000040"), False),
    (0x8F01, bytes.fromhex("000102030405060708090A0B0C0D0E0F"), True),
    (0x8F02, bytes.fromhex("00112233445566778899AABBCCDDEEFF"), True),
    (0x8F03, b"1234\xff\xff\xff\xff", True),
    (0x8F04, b"12345678", True),
]
TRACE = bytes.fromhex("50430335" "C0FFEE01")  # 9F66: who, date, equipment


def transmit(fd, apdu):
    cmd = ctypes.create_string_buffer(bytes(apdu), len(apdu))
    rsp = ctypes.create_string_buffer(1026)
    arg = struct.pack("=QQIIIHHII", ctypes.addressof(cmd),
                      ctypes.addressof(rsp), len(apdu), 1026, 0, 0, 0, 0, 0)
    buf = bytearray(arg)
    fcntl.ioctl(fd, IOC_TRANSMIT, buf)
    n = struct.unpack_from("=I", buf, 24)[0]
    return rsp.raw[:n - 2], int.from_bytes(rsp.raw[n - 2:n], "big")


def hexs(b):
    return " ".join("%02X" % x for x in b)


def step(fd, name, apdu, want, note=""):
    data, sw = transmit(fd, apdu)
    print("%s%s" % (name, " (" + note + ")" if note else ""))
    print("  > " + hexs(apdu))
    print("  < " + (hexs(data) + " " if data else "") + "%04X" % sw)
    if sw != want:
        sys.exit("%s answered %04X, not %04X" % (name, sw, want))
    return data


def main():
    dev = sys.argv[1] if len(sys.argv) > 1 else "/dev/persocard0"
    n = dev.rsplit("persocard", 1)[1] or "0"
    sysfs = "/sys/class/persocard/persocard%s/" % n
    keys = gp.Keys(0x30, TEST_KEY, TEST_KEY, TEST_KEY)
    for attr, value in (("factory_reset", "1"), ("profile", "sim"),
                        ("scp03_keys", keys.sysfs_text())):
        with open(sysfs + attr, "w") as f:
            f.write(value)
    fd = os.open(dev, os.O_RDWR)
    s = gp.Session(keys, bytes(range(8)))

    step(fd, "SELECT the ISD", b"\x00\xA4\x04\x00\x08" + ISD + b"\x00",
         0x9000)
    step(fd, "INSTALL [for personalization] = ENABLE PERSO",
         bytes.fromhex("80E62000"), 0x9000, "READY")
    rsp = step(fd, "INITIALIZE UPDATE", s.init_update_apdu(), 0x9000,
               "host challenge 00..07")
    r = s.parse_init_update(rsp)
    print("  KDD %s, KVN %02X, SCP %02X, i %02X, card challenge %s,"
          % (hexs(r["kdd"]), r["kvn"], r["scp"], r["i"],
             hexs(r["card_challenge"])))
    print("  cryptogram %s (checked), sequence counter %s"
          % (hexs(r["card_cryptogram"]), hexs(r["seq"])))
    step(fd, "EXTERNAL AUTHENTICATE", s.ext_auth_apdu(0x13), 0x9000,
         "level 13: PERSONALIZING")

    dgis = [gp.dgi(t, gp.encrypt_dgi_value(keys.dek, v) if secret else v)
            for t, v, secret in ELEMENTS]
    dgis.append(gp.dgi(0x9F66, TRACE))
    blocks = gp.store_data_blocks(dgis, 200)
    for p1, p2, data in blocks:
        apdu = bytes([0x80, 0xE2, p1, p2, len(data)]) + data
        print("STORE DATA block %d, plain: %s" % (p2, hexs(apdu)))
        rdata = step(fd, "STORE DATA block %d" % p2, s.wrap(apdu), 0x9000,
                     "wrapped")
        s.unwrap(rdata, 0x9000)
    rdata = step(fd, "SET STATUS = LOCK PERSO",
                 s.wrap(bytes.fromhex("80F0800F00")), 0x9000,
                 "PERSONALIZED; the receipt and its R-MAC")
    receipt = s.unwrap(rdata, 0x9000)
    want = s.receipt(r["kdd"][2:], SIM, [(t, v) for t, v, _ in ELEMENTS])
    if receipt != want:
        sys.exit("the receipt does not match")
    print("  receipt %s: matches what was sent" % hexs(receipt))
    cplc = step(fd, "GET DATA CPLC", bytes.fromhex("80CA9F7F00"), 0x9000)
    if cplc[-8:] != TRACE:
        sys.exit("the CPLC's trace is not DGI 9F66's")
    os.close(fd)
    return 0


if __name__ == "__main__":
    sys.exit(main())
