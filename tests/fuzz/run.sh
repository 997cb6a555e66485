#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run one libFuzzer target of tests/fuzz/: replay its committed corpus,
# then fuzz for a time or a number of inputs on one core. New inputs go to
# FUZZDIR/corpus/TARGET (the tree's corpus is only read), crashes to
# FUZZDIR/artifacts/TARGET, the log to FUZZDIR/TARGET.log. Prints one line,
# "fuzz TARGET: N runs in S s (R/s), C crashes"; exits 1 on any crash,
# leak or sanitizer report.
#
#   tests/fuzz/run.sh FUZZDIR TARGET time SECONDS
#   tests/fuzz/run.sh FUZZDIR TARGET runs N
set -uo pipefail
dir=${1:?FUZZDIR}
target=${2:?TARGET}
mode=${3:?time or runs}
amount=${4:?amount}
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=$dir/$target
seeds=$top/tests/fuzz/corpus/$target
work=$dir/corpus/$target
art=$dir/artifacts/$target
log=$dir/$target.log

case $mode in
time)	limit=(-max_total_time="$amount") ;;
runs)	limit=(-runs="$amount") ;;
*)	echo "run.sh: time or runs, not '$mode'" >&2; exit 2 ;;
esac
[ -x "$bin" ] || { echo "run.sh: no $bin (make fuzz-build)" >&2; exit 2; }
[ -d "$seeds" ] || { echo "run.sh: no corpus $seeds" >&2; exit 2; }
rm -rf "$art"
mkdir -p "$work" "$art"
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=0:detect_leaks=1:allocator_may_return_null=1:malloc_context_size=10}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

crashes=0
# The committed corpus, each input once: a regression shows here first.
if ! "$bin" -timeout=10 "$seeds"/* > "$log" 2>&1; then
	crashes=1
	echo "fuzz $target: the committed corpus crashes (see $log)" >&2
fi
start=$(date +%s.%N)
if [ "$crashes" -eq 0 ]; then
	"$bin" -max_len=4096 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$art/" "${limit[@]}" "$work" "$seeds" >> "$log" 2>&1 ||
		crashes=1
fi
secs=$(echo "$(date +%s.%N) - $start" | bc)
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n1)
runs=${runs:-0}
found=$(find "$art" -type f | wc -l)
[ "$found" -gt "$crashes" ] && crashes=$found
printf 'fuzz %s: %s runs in %.0f s (%.0f/s), %d crashes\n' "$target" "$runs" \
	"$secs" "$(echo "$runs / ($secs + 0.001)" | bc -l)" "$crashes"
if [ "$crashes" -ne 0 ]; then
	grep -m3 -E 'ERROR|invariant broken|runtime error' "$log" | sed 's/^/  /' >&2
	find "$art" -type f | sed 's/^/  artifact: /' >&2
	exit 1
fi
