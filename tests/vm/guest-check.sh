#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The test plan run inside the guest: the KUnit suite, the ioctl tests
# against the real devices, libpersocard's tests (plain, then with ASan and
# UBSan), the CLI's bats tests (with ASan and UBSan), a program built from
# the installed tree, the PC/SC suite through pcscd, trinity, the stress
# run and the power-cut sweep, then a kmemleak scan.
# Every dmesg is saved for the host to search for KASAN, UBSAN, lockdep,
# WARN and kmemleak reports; TAP files go to tap/, sanitizer reports to
# sanitizer.*.
out=${1:?results folder}
mkdir -p "$out/tap"
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

# libpersocard's tests load and unload the module themselves.
export ASAN_OPTIONS="log_path=$out/sanitizer:detect_leaks=1"
export UBSAN_OPTIONS="log_path=$out/sanitizer:print_stacktrace=1"
for t in build/tests/lib/* build/san/tests/lib/*; do
	name=lib-$(basename "$t")
	[[ $t == build/san/* ]] && name=lib-san-$(basename "$t")
	timeout 300 "$t" > "$out/tap/$name.tap" 2> "$out/$name.err"
	echo "guest: $name exited $?"
done

# The CLI's bats tests load the module once per file with persocard load.
# Under TCG the ASan CLI is slow to start, and the suite starts it some
# thousands of times: the files of what users type (arguments, values,
# data files, APDUs, scripts) run it; those that mostly reload the module
# and remake cards run the plain CLI.
san_bats="apdu datafile firstcontact query shell use values"
plain_bats=
for f in tests/bats/*.bats; do
	f=$(basename "$f" .bats)
	[[ " $san_bats " == *" $f "* ]] || plain_bats+=" $f"
done
# shellcheck disable=SC2046
PERSOCARD=$PWD/build/san/bin/persocard timeout 2400 \
	bats --tap $(printf 'tests/bats/%s.bats ' $san_bats) \
	> "$out/tap/bats.tap" 2> "$out/bats.err"
echo "guest: bats (ASan CLI) exited $?"
# shellcheck disable=SC2046
timeout 2400 bats --tap $(printf 'tests/bats/%s.bats ' $plain_bats) \
	> "$out/tap/bats-plain.tap" 2> "$out/bats-plain.err"
echo "guest: bats (CLI) exited $?"
dmesg > "$out/userspace.dmesg"
dmesg -C

# The installed tree: its CLI loads the module, and perso_min, built with
# pkg-config's flags alone, personalizes an identity card.
bash tests/install/guest-install.sh build/stage build/stage-bin \
	> "$out/tap/install.tap" 2> "$out/install.err"
dmesg > "$out/install.dmesg"
dmesg -C

# PC/SC: pcscd with the reader driver and real clients (pcsc_scan,
# scriptor, pyscard); the suite loads and unloads the module itself.
timeout 300 bash tests/pcsc/guest-pcsc.sh "$out" > "$out/pcsc.out" 2>&1
echo "guest: pcsc exited $?"
dmesg > "$out/pcsc.dmesg"
dmesg -C

# 4096 cards through configfs, one of each profile personalized.
timeout 900 bash tests/vm/guest-many.sh "$ko/persocard.ko" build/san/bin/persocard \
	> "$out/tap/many.tap" 2> "$out/many.err"
echo "guest: many exited $?"
dmesg > "$out/many.dmesg"
dmesg -C

# trinity at the card devices, the concurrent stress run, the power-cut
# sweep: short runs here, long ones in make stress (tests/stress/).
bash tests/stress/guest-trinity.sh 30 "$out" > "$out/tap/trinity.tap" 2>&1
echo "guest: trinity exited $?"
timeout 300 build/san/tests/stress/stress -t 60 > "$out/tap/stress.tap" 2> "$out/stress.err"
echo "guest: stress exited $?"
dmesg > "$out/stress.dmesg"
dmesg -C
timeout 600 build/tests/stress/sweep -q > "$out/tap/sweep.tap" 2> "$out/sweep.err"
echo "guest: sweep exited $?"
dmesg > "$out/sweep.dmesg"
dmesg -C

# Leaks: kmemleak needs two scans, some time apart, to report one.
echo scan > /sys/kernel/debug/kmemleak
sleep 5
echo scan > /sys/kernel/debug/kmemleak
cat /sys/kernel/debug/kmemleak > "$out/kmemleak.txt"
dmesg > "$out/dmesg-end.txt"
echo done > "$out/done"
