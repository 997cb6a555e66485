#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Cards across a guest reboot: boot the test kernel twice with one results
# folder (tests/vm/guest-reboot.sh: save, then restore), print the TAP.
#
#   tests/vm/reboot-check.sh [RESULTS]
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
results=${1:-$top/build/results-reboot}
lock=${XDG_CACHE_HOME:-$HOME/.cache}/persocard/vm.lock
mkdir -p "$(dirname "$lock")"
exec 9>"$lock"
flock 9
export PERSOCARD_VM_LOCKED=1
make -s test-kernel
. build/kernel-debug.env
make -s -C "$KDIR" M="$top" modules >/dev/null
rm -rf "$results"
for boot in 1 2; do
	PERSOCARD_SCRIPT=tests/vm/guest-reboot.sh \
		tests/vm/run-vm.sh "$KDIR" script "$results" 300
	sed "s/^/boot $boot: /" "$results/out.txt" 2>/dev/null || true
done
cat "$results/tap/reboot.tap" 2>/dev/null ||
	{ echo "reboot-check: no TAP; see $results" >&2; exit 1; }
! grep -q '^not ok' "$results/tap/reboot.tap"
