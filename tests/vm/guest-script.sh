#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Inside the guest: run one script of the checkout (PERSOCARD_SCRIPT, a
# path relative to it) with the results folder as its argument.
out=${1:?results folder}
bash "${PERSOCARD_SCRIPT:?}" "$out" > "$out/out.txt" 2>&1
echo "exit=$?" >> "$out/out.txt"
dmesg > "$out/dmesg.txt"
echo done > "$out/done"
