#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The test plan run inside the guest: the KUnit suite, then the ioctl tests
# against the real devices, then a kmemleak scan. Every dmesg is saved for
# the host to search for KASAN, UBSAN, lockdep, WARN and kmemleak reports.
out=${1:?results folder}
kver=$(uname -r)
ko=/lib/modules/$kver/extra

dmesg > "$out/dmesg-boot.txt"
dmesg -C

# KUnit: the suite runs when its module loads; its KTAP goes to dmesg.
insmod "$ko/persocard_kunit.ko"
rmmod persocard_kunit
dmesg > "$out/kunit.dmesg"
dmesg -C

# ioctl tests against four real cards.
insmod "$ko/persocard.ko" nr_cards=4
timeout 300 build/tests/persocard_test > "$out/uapi.tap" 2> "$out/uapi.err"
echo "guest: uapi tests exited $?"
rmmod persocard
echo "rmmod=$?" > "$out/rmmod.txt"
dmesg > "$out/uapi.dmesg"
dmesg -C

# Leaks: kmemleak needs two scans, some time apart, to report one.
echo scan > /sys/kernel/debug/kmemleak
sleep 5
echo scan > /sys/kernel/debug/kmemleak
cat /sys/kernel/debug/kmemleak > "$out/kmemleak.txt"
dmesg > "$out/dmesg-end.txt"
echo done > "$out/done"
