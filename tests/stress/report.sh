#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# After make stress's guest: the kernel-log search, the figures (trinity's
# syscalls and run time, the stress run's operations, the sweep's table),
# and the closing line "N passed, N failed".
#
#   tests/stress/report.sh RESULTS
results=${1:?results folder}
top=$(cd "$(dirname "$0")/../.." && pwd)
sum=$results/summary
rm -rf "$sum"
mkdir -p "$sum"
for name in trinity stress sweep; do
	if [ -s "$results/tap/$name.tap" ]; then
		cp "$results/tap/$name.tap" "$sum/$name.tap"
	else
		printf 'TAP version 13\n1..1\nnot ok 1 - %s printed nothing\n' "$name" > "$sum/$name.tap"
	fi
done
"$top/tests/vm/check-guest-logs.sh" "$results" > "$sum/guest.tap"
echo "stress: trinity"
grep '^# trinity' "$sum/trinity.tap"
echo "stress: the stress run"
sed -n 's/^# //p' "$sum/stress.tap" | grep -E '^[a-z_-]+ +[0-9]+$|^stress:|^[0-9]+ workers'
echo "stress: the power-cut sweep"
sed -n 's/^# //p' "$sum/sweep.tap" | sed -n '/^profile /,$p'
grep -h '^not ok\|^# ' "$sum/guest.tap" | head -n 40
"$top/tests/vm/aggregate.sh" "$sum"
