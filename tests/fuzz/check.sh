#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make check's short fuzz run, on the host: build the libFuzzer targets,
# then run each briefly after replaying its committed corpus (run.sh).
# Writes RESULTS/fuzz.tap, one point per target:
#   ok 1 - fuzz apdu: 123456 runs, 0 crashes
#
#   tests/fuzz/check.sh RESULTS
# FUZZ_CHECK_TIME (seconds per target, default 20) or FUZZ_CHECK_RUNS.
set -uo pipefail
results=${1:?RESULTS}
top=$(cd "$(dirname "$0")/../.." && pwd)
dir=$top/build/fuzz
targets="apdu cardos perso"
tap=$results/fuzz.tap
mkdir -p "$results" "$dir"

if [ -n "${FUZZ_CHECK_RUNS:-}" ]; then
	limit=(runs "$FUZZ_CHECK_RUNS")
else
	limit=(time "${FUZZ_CHECK_TIME:-20}")
fi

{
	echo "TAP version 13"
	echo "1..3"
} > "$tap"
if ! make -s -C "$top" WERROR=1 fuzz-build > "$dir/build.log" 2>&1; then
	n=0
	for t in $targets; do
		n=$((n + 1))
		echo "not ok $n - fuzz $t: the targets do not build" >> "$tap"
	done
	sed 's/^/# /' "$dir/build.log" | tail -n 20 >> "$tap"
	exit 1
fi

status=0
n=0
for t in $targets; do
	n=$((n + 1))
	if line=$("$top/tests/fuzz/run.sh" "$dir" "$t" "${limit[@]}" 2>"$dir/$t.err"); then
		echo "ok $n - ${line/ in * s (*\/s),/,}" >> "$tap"
	else
		status=1
		echo "not ok $n - ${line:-fuzz $t: did not run}" >> "$tap"
		sed 's/^/# /' "$dir/$t.err" >> "$tap"
	fi
done
exit $status
