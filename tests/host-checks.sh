#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Checks that need no guest, as TAP: the module builds without a warning
# (W=1) against the test kernel and Debian's 6.12 and 6.1 headers,
# checkpatch --strict, sparse and kernel-doc are clean, and the uapi header compiles
# alone, with the same layout, for -m32 and -m64.
#
#   tests/host-checks.sh KDIR KSRC
set -uo pipefail
kdir=${1:?KDIR}
ksrc=${2:?KSRC}
top=$(cd "$(dirname "$0")/.." && pwd)
log=$top/build/host-checks.log
mkdir -p "$top/build"
: > "$log"
n=0
plan=9

point() {	# point DESCRIPTION COMMAND...: ok when COMMAND prints nothing
	local desc=$1 out
	shift
	n=$((n + 1))
	out=$("$@" 2>&1)
	if [ $? -eq 0 ] && [ -z "$out" ]; then
		echo "ok $n - $desc"
	else
		echo "not ok $n - $desc"
		printf '%s\n' "$out" | head -n 30 | sed 's/^/# /'
	fi
	printf '== %s\n%s\n' "$desc" "$out" >> "$log"
}

# Build against a tree; print only what is not kbuild's progress.
kbuild() {	# kbuild KDIR [make args]
	local dir=$1
	shift
	make -s -C "$dir" M="$top" W=1 "$@" clean >/dev/null 2>&1
	make -s -C "$dir" M="$top" W=1 "$@" modules 2>&1 |
		grep -vE '^(make|  (CC|LD|MODPOST|BTF|AR))|Skipping BTF'
	local rc=${PIPESTATUS[0]}
	make -s -C "$dir" M="$top" clean >/dev/null 2>&1
	return "$rc"
}

sparse_check() {
	make -s -C "$kdir" M="$top" C=2 modules 2>&1 | grep -E 'warning|error'
	return 0
}

abi_check() {
	local bits
	for bits in 32 64; do
		gcc -m$bits -std=c99 -Wall -Wextra -Werror -pedantic \
			-I"$top/uapi" -o /dev/null "$top/tests/uapi/abi_check.c" || return 1
	done
}

# The card OS is one room: it takes commands and answers status words.
cardos_alone() {
	! grep -nE '#include +("\.\./reader/|<linux/(uaccess|fs|cdev|device|miscdevice|configfs|sysfs|file)\.h>)|copy_(to|from)_user|get_user|put_user|filp_|kernel_(read|write)' \
		"$top"/module/cardos/*.[ch]
}

headers() { ls -d /usr/src/linux-headers-"$1"*-amd64 2>/dev/null | head -n1; }

echo "TAP version 13"
echo "1..$plan"
point "builds without warnings (W=1) against the test kernel" kbuild "$kdir"
point "builds without warnings (W=1) against Debian's 6.12 headers" kbuild "$(headers 6.12)"
point "compile-tested without warnings (W=1) against Debian's 6.1 headers" kbuild "$(headers 6.1.0-)"
point "checkpatch --strict is clean on module/ and uapi/" \
	perl "$ksrc/scripts/checkpatch.pl" --no-tree --strict --quiet \
	-f "$top"/module/*.h "$top"/module/*/*.[ch] "$top"/uapi/linux/persocard.h
point "checkpatch --strict is clean on tests/kunit/" \
	perl "$ksrc/scripts/checkpatch.pl" --no-tree --strict --quiet \
	-f "$top"/tests/kunit/*.c
point "sparse (C=2) is clean" sparse_check
point "kernel-doc -Wall is clean on module/ and uapi/" \
	perl "$ksrc/scripts/kernel-doc" -none -Wall \
	"$top"/module/*.h "$top"/module/*/*.[ch] "$top"/uapi/linux/persocard.h
point "the card OS includes no reader header and touches no user memory, file or device" \
	cardos_alone
point "uapi header compiles alone, same layout with -m32 and -m64" abi_check
