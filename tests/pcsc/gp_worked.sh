#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The worked GlobalPlatform session of Documentation/persocard/apdu.rst,
# run against a real card as TAP: one point, the transcript beside it in
# RESULTS/pcsc-gp-worked.txt.
#
#   tests/pcsc/gp_worked.sh DEVICE RESULTS
here=$(dirname "$0")
echo "1..1"
if /usr/bin/python3 "$here/gp_worked.py" "$1" > "$2/pcsc-gp-worked.txt" 2>&1; then
	echo "ok 1 - apdu.rst's worked session runs: every status word, the receipt, the CPLC"
else
	echo "not ok 1 - apdu.rst's worked session runs: every status word, the receipt, the CPLC"
	sed 's/^/# /' "$2/pcsc-gp-worked.txt"
fi
