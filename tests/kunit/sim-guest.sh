#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The KUnit module alone in a guest (tests/vm/try.sh tests/kunit/sim-guest.sh):
# only the persocard_sim suite (kunit.filter_glob, or $2's glob), its KTAP
# to $1/kunit.dmesg and printed; the host parses it with kunit.py.
out=${1:?results folder}
ko=/lib/modules/$(uname -r)/extra
dmesg -C
# No newline: the glob would not match.
printf %s "${2:-persocard_sim}" > /sys/module/kunit/parameters/filter_glob
insmod "$ko/persocard_kunit.ko"
rmmod persocard_kunit
dmesg > "$out/kunit.dmesg"
cat "$out/kunit.dmesg"
