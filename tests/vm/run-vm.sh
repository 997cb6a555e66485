#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot a test kernel with the host's root, run one plan, power off.
#
#   tests/vm/run-vm.sh KDIR PLAN RESULTS [TIMEOUT]
#
# PERSOCARD_KARGS, if set, is appended to the kernel command line (the
# benchmark guest keeps its TSC with tsc=reliable).
# The guest writes into RESULTS; its console goes to RESULTS/console.log.
# QEMU's exit status says nothing about the tests: callers read RESULTS.
set -euo pipefail

kdir=${1:?KDIR}
plan=${2:?PLAN}
results=${3:?RESULTS}
limit=${4:-900}
src=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$results"
results=$(cd "$results" && pwd)

# Two cores: one guest at a time on this machine, whoever starts it.
lock=${XDG_CACHE_HOME:-$HOME/.cache}/persocard/vm.lock
mkdir -p "$(dirname "$lock")"
if [ -z "${PERSOCARD_VM_LOCKED:-}" ]; then
	exec 9>"$lock"
	flock 9
fi

# cache=loose on the read-only shares: nothing changes them during a run,
# and without a page cache every program started reads its libraries over
# 9p again, about a second each under TCG.

# -smp with one core per socket: tinyconfig has no ACPI, and SeaBIOS's
# MP table lists one CPU per socket.
timeout -k 10 "$limit" qemu-system-x86_64 \
	-m 2G -smp 2,sockets=2,cores=1,threads=1 -cpu max \
	-display none -monitor none -no-reboot \
	-serial "file:$results/console.log" \
	-kernel "$kdir/arch/x86/boot/bzImage" \
	-fsdev local,id=root,path=/,security_model=none,readonly=on,multidevs=remap \
	-device virtio-9p-pci,fsdev=root,mount_tag=/dev/root \
	-fsdev local,id=src,path="$src",security_model=none,readonly=on,multidevs=remap \
	-device virtio-9p-pci,fsdev=src,mount_tag=src \
	-fsdev local,id=results,path="$results",security_model=none,multidevs=remap \
	-device virtio-9p-pci,fsdev=results,mount_tag=results \
	-append "root=/dev/root rootfstype=9p rootflags=trans=virtio,version=9p2000.L,msize=262144,cache=loose ro console=ttyS0 quiet panic=-1 oops=panic log_buf_len=8M init=$src/tests/vm/guest-init.sh PERSOCARD_PLAN=$plan ${PERSOCARD_SCRIPT:+PERSOCARD_SCRIPT=$PERSOCARD_SCRIPT} ${PERSOCARD_KARGS:-}" \
	</dev/null || echo "run-vm: qemu exited $? (124: timed out)" >&2
