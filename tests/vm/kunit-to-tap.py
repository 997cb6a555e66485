#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn the JSON of `kunit.py parse --json` into flat TAP: one test point per
leaf case, parameterized cases included, named suite.case.param."""
import json
import sys


def leaves(group, prefix):
    for case in group.get("test_cases", []):
        yield prefix + case["name"], case["status"]
    for sub in group.get("sub_groups", []):
        yield from leaves(sub, prefix + sub["name"] + ".")


def main():
    with open(sys.argv[1]) as f:
        top = json.load(f)
    points = list(leaves(top, ""))
    print("TAP version 13")
    print(f"1..{len(points)}")
    for n, (name, status) in enumerate(points, 1):
        if status == "PASS":
            print(f"ok {n} - {name}")
        elif status == "SKIP":
            print(f"ok {n} - {name} # SKIP")
        else:
            print(f"not ok {n} - {name} ({status})")


main()
