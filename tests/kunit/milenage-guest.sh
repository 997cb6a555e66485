#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The KUnit module alone in a guest (tests/vm/try.sh tests/kunit/milenage-guest.sh):
# only the persocard_milenage suite (kunit.filter_glob), its KTAP to
# $1/kunit.dmesg and printed; the host parses it with kunit.py.
out=${1:?results folder}
ko=/lib/modules/$(uname -r)/extra
dmesg -C
# No newline: the glob would not match.
printf persocard_milenage > /sys/module/kunit/parameters/filter_glob
insmod "$ko/persocard_kunit.ko"
rmmod persocard_kunit
dmesg > "$out/kunit.dmesg"
cat "$out/kunit.dmesg"
