#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The SCP03 bats file alone in a guest, with the sanitized CLI:
#
#   make userspace-tests && tests/vm/try.sh tests/vm/guest-scp03.sh 400
#
# It loads the module itself (persocard load); its TAP goes to
# RESULTS/scp03.tap and to standard output.
out=${1:?results folder}
export ASAN_OPTIONS="log_path=$out/sanitizer:detect_leaks=1"
export UBSAN_OPTIONS="log_path=$out/sanitizer:print_stacktrace=1"
PERSOCARD=$PWD/build/san/bin/persocard timeout 330 \
	bats --tap tests/bats/scp03.bats > "$out/scp03.tap" 2> "$out/scp03.err"
status=$?
cat "$out/scp03.tap"
tail -n 20 "$out/scp03.err"
cat "$out"/sanitizer.* 2>/dev/null
echo "bats exited $status"
