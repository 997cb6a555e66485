#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make stress's guest plan: trinity against the card devices, the
# concurrent stress run, the full power-cut sweep, then a kmemleak scan.
# Times from the kernel command line (make stress passes them):
# PERSOCARD_TRINITY_SECS, PERSOCARD_STRESS_SECS, PERSOCARD_SWEEP (full or
# quick). TAP files go to tap/,
# every dmesg to *.dmesg for tests/vm/check-guest-logs.sh.
out=${1:?results folder}
trinity_secs=${PERSOCARD_TRINITY_SECS:-600}
stress_secs=${PERSOCARD_STRESS_SECS:-600}
mkdir -p "$out/tap"
dmesg > "$out/dmesg-boot.txt"
dmesg -C
export ASAN_OPTIONS="log_path=$out/sanitizer:detect_leaks=1"
export UBSAN_OPTIONS="log_path=$out/sanitizer:print_stacktrace=1"

bash tests/stress/guest-trinity.sh "$trinity_secs" "$out" > "$out/tap/trinity.tap" 2>&1
echo "guest: trinity exited $?"

timeout $((stress_secs + 300)) build/san/tests/stress/stress -t "$stress_secs" \
	> "$out/tap/stress.tap" 2> "$out/stress.err"
echo "guest: stress exited $?"
dmesg > "$out/stress.dmesg"
dmesg -C

sweep_args=()
[ "${PERSOCARD_SWEEP:-full}" = quick ] && sweep_args=(-q)
timeout 2400 build/tests/stress/sweep "${sweep_args[@]}" > "$out/tap/sweep.tap" 2> "$out/sweep.err"
echo "guest: sweep exited $?"
# The sweep unloads the module last: that is the clean unload checked.
if lsmod | grep -q '^persocard '; then echo "rmmod=1"; else echo "rmmod=0"; fi > "$out/rmmod.txt"
dmesg > "$out/sweep.dmesg"
dmesg -C

echo scan > /sys/kernel/debug/kmemleak
sleep 5
echo scan > /sys/kernel/debug/kmemleak
cat /sys/kernel/debug/kmemleak > "$out/kmemleak.txt"
dmesg > "$out/dmesg-end.txt"
echo done > "$out/done"
