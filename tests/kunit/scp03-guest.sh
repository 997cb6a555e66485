#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The KUnit module alone in a guest (tests/vm/try.sh tests/kunit/scp03-guest.sh):
# its KTAP, all suites with persocard_scp03 among them, goes to
# $1/kunit.dmesg and is printed; the host parses it with kunit.py.
out=${1:?results folder}
ko=/lib/modules/$(uname -r)/extra
dmesg -C
insmod "$ko/persocard_kunit.ko"
rmmod persocard_kunit
dmesg > "$out/kunit.dmesg"
cat "$out/kunit.dmesg"
