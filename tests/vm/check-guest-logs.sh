#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# After a guest run: did it finish, and did the kernel complain? Prints
# TAP. Any KASAN, UBSAN, lockdep, WARN, BUG or kmemleak report fails.
results=${1:?results folder}
n=0
fails=0
point() {	# point OK DESCRIPTION [DETAIL FILE]
	n=$((n + 1))
	if [ "$1" = 1 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		fails=$((fails + 1))
		[ -n "${3:-}" ] && [ -s "$3" ] && sed 's/^/# /' "$3" | head -n 40
	fi
}

echo "TAP version 13"
echo "1..5"
[ -f "$results/done" ]
point $((! $?)) "the guest ran its whole plan"

pattern='BUG:|WARNING:|KASAN|UBSAN|possible circular locking|possible recursive locking|inconsistent lock state|suspicious RCU usage|Kernel panic|Oops|general protection|INFO: task .* blocked|kmemleak:.*suspected'
cat "$results"/*.dmesg "$results"/dmesg-*.txt 2>/dev/null |
	grep -E "$pattern" > "$results/reports.txt"
[ ! -s "$results/reports.txt" ]
point $((! $?)) "no KASAN, UBSAN, lockdep, WARN or BUG report" "$results/reports.txt"

[ -f "$results/kmemleak.txt" ] && [ ! -s "$results/kmemleak.txt" ]
point $((! $?)) "kmemleak found no leak" "$results/kmemleak.txt"

cat "$results"/sanitizer.* > "$results/sanitizer.txt" 2>/dev/null
[ ! -s "$results/sanitizer.txt" ]
point $((! $?)) "no AddressSanitizer or UBSan report from userspace" "$results/sanitizer.txt"

grep -qx 'rmmod=0' "$results/rmmod.txt" 2>/dev/null
point $((! $?)) "persocard unloads cleanly after the tests"
exit $((fails > 0))
