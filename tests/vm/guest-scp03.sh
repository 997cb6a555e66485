#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The SCP03 tests of the CLI and the maker library alone in a guest, and
# one short round of the bench's SCP03 figures (a smoke run: the debug
# kernel's times mean nothing):
#
#   make userspace-tests maker-tests bench-bins &&
#       tests/vm/try.sh tests/vm/guest-scp03.sh 400
#
# Each loads the module itself; TAP goes to RESULTS and standard output.
out=${1:?results folder}
ko=/lib/modules/$(uname -r)/extra/persocard.ko
export ASAN_OPTIONS="log_path=$out/sanitizer:detect_leaks=1"
export UBSAN_OPTIONS="log_path=$out/sanitizer:print_stacktrace=1"

for t in build/tests/lib/test_maker_scp03 build/san/tests/lib/test_maker_scp03; do
	timeout 60 "$t" > "$out/${t//\//_}.tap" 2>&1
	echo "$t exited $?"
	grep -v '^ok' "$out/${t//\//_}.tap"
done

PERSOCARD=$PWD/build/san/bin/persocard timeout 330 \
	bats --tap tests/bats/scp03.bats > "$out/scp03.tap" 2> "$out/scp03.err"
echo "bats exited $?"
grep -v '^ok' "$out/scp03.tap"
grep -c '^ok' "$out/scp03.tap"
tail -n 20 "$out/scp03.err"

insmod "$ko" nr_cards=8 && timeout 120 build/bench/bench-perso perso \
	bench/payment-full.perso 8 1 8 1 build/bin/persocard bench/scp03.keys
echo "bench-perso exited $?"
rmmod persocard
cat "$out"/sanitizer.* 2>/dev/null || true
