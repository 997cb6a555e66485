#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# trinity against the card devices, inside the debug guest. TAP on stdout.
#
#   tests/stress/guest-trinity.sh SECONDS OUTDIR
#
# Loads persocard with four cards (one of each profile, one with the
# default), then runs trinity twice, half the time each:
#  - as nobody (started through setpriv) on copies of the device nodes
#    made world read-write, the way a bureau's unprivileged user meets
#    the cards;
#  - as root (--dangerous), so the CAP_SYS_ADMIN paths (SAVE, RESTORE)
#    get garbage too. trinity waits 10 s before it runs as root; the
#    figures leave that wait out.
# Both runs take their file descriptors only from the card devices
# (--enable-fds=pseudo with -V: trinity's file provider is called
# "pseudo") and call only the syscalls a file descriptor leads to, so a
# root trinity cannot reboot or kill the guest. trinity knows no
# persocard ioctl: its ioctl numbers are random, which tests the
# dispatcher's refusals; tests/stress/stress.c sends the real ones.
# dmesg goes to OUTDIR/trinity.dmesg for the host's report search.
set -u
secs=${1:?SECONDS}
out=${2:?OUTDIR}
ko=/lib/modules/$(uname -r)/extra/persocard.ko
victims=/tmp/persocard-victims
n=0
fails=0
point() {	# point OK DESCRIPTION
	n=$((n + 1))
	if [ "$1" = 1 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fails=$((fails + 1)); fi
}

echo "TAP version 13"
echo "1..7"
mkdir -p "$out"
dmesg -C
insmod "$ko" nr_cards=4
point $((! $?)) "persocard loads with four cards"
# Loading an out-of-tree module taints the kernel; only new flags count.
taint0=$(cat /proc/sys/kernel/tainted)
echo sim > /sys/class/persocard/persocard1/profile
echo identity > /sys/class/persocard/persocard2/profile
echo payment > /sys/class/persocard/persocard3/profile

# trinity's file list follows no symlink (it lstat()s what it opens), so
# the victims are copies of the nodes, in a folder of their own.
rm -rf "$victims"
mkdir -p "$victims"
cp -a /dev/persocard[0-9]* /dev/persocard "$victims"/
chmod 0666 "$victims"/*
# The syscalls a card's file descriptor leads to.
# (close is one trinity avoids; the guest has no 32-bit syscalls: -a 64.)
calls=(ioctl read write readv writev pread64 pwrite64 lseek poll ppoll
	select fcntl fsync fdatasync flock dup dup2 dup3 mmap epoll_ctl
	splice sendfile)
cargs=()
for c in "${calls[@]}"; do cargs+=(-c "$c"); done

run_trinity() {	# run_trinity NAME SECONDS WAIT COMMAND-PREFIX... -- ARGS...
	local name=$1 t=$2 wait=$3 log=$out/trinity-$1.log start end pre=()
	shift 3
	while [ "$1" != -- ]; do pre+=("$1"); shift; done
	shift
	start=$(date +%s)
	(cd /tmp && timeout -s INT -k 20 $((t + wait)) "${pre[@]}" trinity -q \
		-l off -a 64 -C 4 -V "$victims" --enable-fds=pseudo \
		"${cargs[@]}" "$@") > "$log" 2>&1 < /dev/null
	end=$(date +%s)
	ran=$(sed -n 's/.*Ran \([0-9]*\) syscalls.*/\1/p' "$log" | tail -n 1)
	t=$((end - start - wait))
	echo "# trinity $name: ${ran:-0} syscalls in $t s"
	echo "trinity $name ${ran:-0} $t" >> "$out/trinity.figures"
	[ "${ran:-0}" -gt 0 ]
}

half=$((secs / 2))
[ "$half" -ge 1 ] || half=1
rm -f "$out/trinity.figures"
run_trinity nobody "$half" 0 setpriv --reuid=65534 --regid=65534 --clear-groups --
point $((! $?)) "trinity as nobody ran syscalls at the cards"
run_trinity root $((secs - half)) 10 -- --dangerous
point $((! $?)) "trinity as root ran syscalls at the cards"
grep -i 'taint' "$out"/trinity-*.log | sed 's/^/# /'
[ "$(cat /proc/sys/kernel/tainted)" = "$taint0" ]
point $((! $?)) "the kernel gained no taint (WARN, BUG, KASAN's bad page)"

# The cards still answer: every one reads a valid state.
ok=1
for c in 0 1 2 3; do
	case $(cat /sys/class/persocard/persocard$c/state 2>/dev/null) in
	semi-finished|ready|personalizing|personalized|blocked) ;;
	*) ok=0; echo "# persocard$c: no valid state" ;;
	esac
done
point $ok "every card reads a valid state afterwards"
rm -rf "$victims"
rmmod persocard
point $((! $?)) "persocard unloads after trinity"
read -r _ _ s1 t1 < <(grep nobody "$out/trinity.figures")
read -r _ _ s2 t2 < <(grep root "$out/trinity.figures")
echo "# trinity: $((s1 + s2)) syscalls in $((t1 + t2)) s"
[ $((s1 + s2)) -gt 0 ]
point $((! $?)) "trinity's figures: $((s1 + s2)) syscalls in $((t1 + t2)) s"
dmesg > "$out/trinity.dmesg"
dmesg -C
exit $((fails > 0))
