#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# PID 1 of the test guest. The host's root is our read-only root; the
# checkout and the results folder arrive as their own 9p shares. Runs
# tests/vm/guest-$PERSOCARD_PLAN.sh from the checkout, then powers off.
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mountpoint -q /dev || mount -t devtmpfs devtmpfs /dev
mkdir -p /dev/pts /dev/shm
mount -t devpts devpts /dev/pts
mount -t tmpfs tmpfs /dev/shm
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run
mount -t debugfs debugfs /sys/kernel/debug
mount -t configfs configfs /sys/kernel/config
ln -sf /proc/self/fd /dev/fd
ln -sf /proc/self/fd/0 /dev/stdin
ln -sf /proc/self/fd/1 /dev/stdout
ln -sf /proc/self/fd/2 /dev/stderr
ip link set lo up

mkdir -p /run/src /run/results
mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144,cache=loose src /run/src
mount -t 9p -o trans=virtio,version=9p2000.L,msize=262144 results /run/results

# libkmod finds modules by name under /lib/modules, read-only here.
kver=$(uname -r)
mount -t tmpfs tmpfs /lib/modules
mkdir -p "/lib/modules/$kver/extra"
cp /run/src/*.ko "/lib/modules/$kver/extra/" 2>/dev/null
touch "/lib/modules/$kver/"modules.{order,builtin,builtin.modinfo}
depmod -a "$kver"

cd /run/src || exit 1
echo "guest: $(nproc) CPUs, clocksource $(cat /sys/devices/system/clocksource/clocksource0/current_clocksource)"
bash "tests/vm/guest-${PERSOCARD_PLAN:-check}.sh" /run/results
echo "guest: plan exited $?"
sync
umount /run/results
reboot -f
