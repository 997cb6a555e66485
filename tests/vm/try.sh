#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run one script of the checkout in a guest and print what it printed:
# a quick way to try something against the real module.
#
#   tests/vm/try.sh SCRIPT [TIMEOUT]
#
# SCRIPT is a path relative to the checkout; it runs as root in the
# checkout (read-only) with the modules installed under /lib/modules and
# gets a writable results folder as $1. Builds the modules first.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
script=${1:?SCRIPT}
cd "$top"
# The module build and the guest, one caller at a time.
lock=${XDG_CACHE_HOME:-$HOME/.cache}/persocard/vm.lock
mkdir -p "$(dirname "$lock")"
exec 9>"$lock"
flock 9
export PERSOCARD_VM_LOCKED=1
make -s test-kernel
. build/kernel-debug.env
make -s -C "$KDIR" M="$top" modules >/dev/null
results=$top/build/try
rm -rf "$results"
PERSOCARD_SCRIPT=$script tests/vm/run-vm.sh "$KDIR" script "$results" "${2:-600}"
cat "$results/out.txt" 2>/dev/null || { echo "try: the guest printed nothing; see $results/console.log" >&2; exit 1; }
grep -E 'BUG:|WARNING:|KASAN:|UBSAN:|unreferenced object|circular locking|possible recursive locking' "$results/dmesg.txt" && echo "try: kernel report in dmesg" >&2
exit 0
