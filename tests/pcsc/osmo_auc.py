#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""MILENAGE on the host side through Debian's osmo-auc-gen (package
libosmocore-utils): an independent AuC for the card's f1 .. f5*.

    osmo_auc_gen(ki, opc, rand, sqn, amf='8000') -> dict
    osmo_auts_sqn(ki, opc, rand, auts) -> SQN_MS

Values are hex strings (case and spaces ignored); SQN is 6 bytes of hex
or an int. osmo-auc-gen takes the SQN in decimal and uses it as given for
the vector; it prints no AK, which is AUTN[0..5] ^ SQN, and no MAC-A
apart from AUTN[8..15].

Run alone, it checks itself against published vectors and prints TAP:

    /usr/bin/python3 tests/pcsc/osmo_auc.py

- 3GPP TS 35.208 test set 1 as free5gc/util milenage/milenage_test.go
  (TestConformanceTestSet) gives it: RES, CK, IK, AK, MAC-A; Kc from
  hostap tests/test-milenage.c (gsm_test_sets, TS 55.205 set 1, same K,
  RAND and OPc).
- The AUTS of osmocom/libosmocore tests/auth/milenage_test.c (SQN_MS 31)
  and the two of free5gc/util's TestValidateAUTS (SQN_MS 00052c8c338e,
  and a wrong K that must be refused).
"""

import shutil
import subprocess
import sys

TOOL = "osmo-auc-gen"


class OsmoAucError(Exception):
    """osmo-auc-gen refused the input or printed something unexpected."""


def _hex(value, nbytes, what):
    s = "".join(str(value).split()).lower()
    try:
        b = bytes.fromhex(s)
    except ValueError:
        raise OsmoAucError("%s is not hex: %r" % (what, value)) from None
    if len(b) != nbytes:
        raise OsmoAucError("%s must be %d bytes, not %d" % (what, nbytes, len(b)))
    return s


def _sqn(sqn):
    if isinstance(sqn, int):
        if not 0 <= sqn < 1 << 48:
            raise OsmoAucError("SQN out of range: %d" % sqn)
        return sqn
    return int(_hex(sqn, 6, "SQN"), 16)


def _run(args):
    """Run osmo-auc-gen; its 'NAME:<tab>value' lines as a dict."""
    try:
        p = subprocess.run([TOOL] + args, capture_output=True, text=True,
                           timeout=30)
    except FileNotFoundError:
        raise OsmoAucError("%s is not installed (libosmocore-utils)" % TOOL) from None
    out = {}
    for line in p.stdout.splitlines():
        name, sep, value = line.partition(":\t")
        if sep:
            out[name.strip()] = value.strip()
    if p.returncode != 0:
        msg = (p.stderr + p.stdout).strip().splitlines()
        raise OsmoAucError("%s failed (%d): %s" % (TOOL, p.returncode,
                                                   msg[-1] if msg else ""))
    return out


def osmo_auc_gen(ki, opc, rand, sqn, amf="8000"):
    """One UMTS vector for K = ki, OPc = opc, RAND = rand, SQN, AMF.

    Returns a dict of lowercase hex strings: RAND, AUTN, RES, CK, IK, AK,
    MAC-A, Kc (GSM c3, 8 bytes), SRES, SQN (6 bytes) and AMF.
    """
    ki = _hex(ki, 16, "K")
    opc = _hex(opc, 16, "OPc")
    rand = _hex(rand, 16, "RAND")
    amf = _hex(amf, 2, "AMF")
    sqn = _sqn(sqn)
    out = _run(["-3", "-a", "milenage", "-k", ki, "-o", opc, "-r", rand,
                "-s", str(sqn), "-f", amf])
    try:
        autn = bytes.fromhex(out["AUTN"])
        used = int(out["SQN"])
        vec = {name: out[name].lower() for name in
               ("RAND", "AUTN", "RES", "CK", "IK", "Kc", "SRES")}
    except (KeyError, ValueError) as e:
        raise OsmoAucError("unexpected %s output: %r" % (TOOL, out)) from e
    if len(autn) != 16 or used != sqn or autn[6:8].hex() != amf:
        raise OsmoAucError("%s used other SQN or AMF: %r" % (TOOL, out))
    sqn_b = sqn.to_bytes(6, "big")
    vec["AK"] = bytes(a ^ s for a, s in zip(autn[:6], sqn_b)).hex()
    vec["MAC-A"] = autn[8:].hex()
    vec["SQN"] = sqn_b.hex()
    vec["AMF"] = amf
    return vec


def osmo_auts_sqn(ki, opc, rand, auts):
    """SQN_MS (6 bytes of hex) that the AUTS of a USIM carries, after
    osmo-auc-gen checked its MAC-S; OsmoAucError if it does not hold."""
    ki = _hex(ki, 16, "K")
    opc = _hex(opc, 16, "OPc")
    rand = _hex(rand, 16, "RAND")
    auts = _hex(auts, 14, "AUTS")
    out = _run(["-3", "-a", "milenage", "-k", ki, "-o", opc, "-r", rand,
                "-A", auts])
    try:
        return int(out["SQN.MS"]).to_bytes(6, "big").hex()
    except (KeyError, ValueError, OverflowError) as e:
        raise OsmoAucError("unexpected %s output: %r" % (TOOL, out)) from e


# free5gc/util milenage/milenage_test.go, TestConformanceTestSet, set 1
SET1 = {
    "K": "465b5ce8b199b49faa5f0a2ee238a6bc",
    "RAND": "23553cbe9637a89d218ae64dae47bf35",
    "SQN": "ff9bb4d0b607",
    "AMF": "b9b9",
    "OPc": "cd63cb71954a9f4e48a5994e37a02baf",
    "MAC-A": "4a9ffac354dfafb3",
    "RES": "a54211d5e3ba50bf",
    "CK": "b40ba9a3c58b2a05bbf0d987b21bf8cb",
    "IK": "f769bcd751044604127672711c6d3441",
    "AK": "aa689c648370",
}
# hostap tests/test-milenage.c, gsm_test_sets[0] (TS 55.205 set 1)
SET1_KC = "eae4be823af9a08b"

# (source, K, OPc, RAND, AUTS, SQN_MS or None for a refusal)
AUTS = (
    ("libosmocore milenage_test.c", "000102030405060708090a0b0c0d0e0f",
     "000102030405060708090a0b0c0d0e0f", "00000000000000000000000000000000",
     "8711a0ec9e1637df17f80b384ee4", "00000000001f"),
    ("free5gc TestValidateAUTS", "00000000000000000000000000000000",
     "c8ffd2aa7a43c926bf2b2826205b9030", "01000000000000002e6f0eb33b7ffde7",
     "797d7a19ca27f99f4363d3ca24be", "00052c8c338e"),
    ("free5gc TestValidateAUTS, wrong K", "00000000000000000012340000000000",
     "c8ffd2aa7a43c926bf2b2826205b9030", "01000000000000002e6f0eb33b7ffde7",
     "797d7a19ca27f99f4363d3ca24be", None),
)


def _self_test():
    if shutil.which(TOOL) is None:
        print("1..0 # SKIP %s not installed (libosmocore-utils)" % TOOL)
        return 0
    s = SET1
    sqn = bytes.fromhex(s["SQN"])
    ak = bytes.fromhex(s["AK"])
    autn = (bytes(a ^ b for a, b in zip(sqn, ak)).hex() + s["AMF"] +
            s["MAC-A"])
    checks = [(name, s[name]) for name in ("RES", "CK", "IK", "AK", "MAC-A")]
    checks += [("AUTN", autn), ("Kc", SET1_KC)]
    print("1..%d" % (len(checks) + 1 + len(AUTS) + 1))
    n = 0
    failed = 0

    def ok(cond, desc, diag=None):
        nonlocal n, failed
        n += 1
        print(("ok" if cond else "not ok") + " %d - %s" % (n, desc))
        if not cond:
            failed += 1
            if diag is not None:
                print("#   %s" % diag)

    try:
        vec = osmo_auc_gen(s["K"], s["OPc"], s["RAND"], s["SQN"], s["AMF"])
        err = None
    except OsmoAucError as e:
        vec, err = {}, e
    ok(err is None, "osmo-auc-gen gives a vector for TS 35.208 set 1", err)
    for name, want in checks:
        got = vec.get(name)
        ok(got == want, "TS 35.208 set 1: %s" % name,
           "got %r, want %r" % (got, want))
    for src, k, opc, rand, auts, want in AUTS:
        try:
            got = osmo_auts_sqn(k, opc, rand, auts)
        except OsmoAucError as e:
            got = e
        if want is None:
            ok(isinstance(got, OsmoAucError), "AUTS refused: %s" % src, got)
        else:
            ok(got == want, "AUTS gives SQN_MS %s: %s" % (want, src), got)
    try:
        osmo_auc_gen(s["K"], s["OPc"], s["RAND"][:-2], s["SQN"])
        got = None
    except OsmoAucError as e:
        got = e
    ok(got is not None, "a 15-byte RAND is refused before the tool runs")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(_self_test())
