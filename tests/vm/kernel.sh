#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build (once) and print the path of a cached test kernel.
#
#   tests/vm/kernel.sh FLAVOR      FLAVOR is "debug" or "bench"
#
# Prints two lines, "KSRC=<source tree>" and "KDIR=<build tree>". The build
# tree holds bzImage, Module.symvers and .config; the source tree is where
# kunit.py and checkpatch.pl live. Both sit outside the checkout, keyed by
# the config fragment, the source package's version, the compiler and this
# script, so any change to one of them builds a new kernel.
set -euo pipefail

flavor=${1:?usage: kernel.sh debug|bench}
here=$(cd "$(dirname "$0")" && pwd)
fragment=$here/$flavor.config
[ -f "$fragment" ] || { echo "kernel.sh: no fragment $fragment" >&2; exit 2; }

tarball=/usr/src/linux-source-6.12.tar.xz
[ -f "$tarball" ] || { echo "kernel.sh: $tarball missing (apt-get install linux-source-6.12)" >&2; exit 2; }

if [ -n "${XDG_CACHE_HOME:-}" ]; then
	cache=$XDG_CACHE_HOME/persocard
elif [ -n "${HOME:-}" ]; then
	cache=$HOME/.cache/persocard
else
	cache=/var/cache/persocard
fi
mkdir -p "$cache"

srcver=$(dpkg-query -W -f '${Version}' linux-source-6.12)
key=$( { cat "$fragment" "$0"; echo "$srcver"; gcc --version | head -n1; } |
	sha256sum | cut -c1-16)
ksrc=$cache/linux-source-$srcver
kdir=$cache/kernel-$flavor-$key

# One builder at a time: two kernel builds on two cores only slow each other.
exec 9>"$cache/.lock"
flock 9

if [ ! -d "$ksrc" ]; then
	echo "kernel.sh: extracting $tarball" >&2
	tmp=$(mktemp -d "$cache/.src.XXXXXX")
	tar -C "$tmp" -xJf "$tarball" --strip-components=1
	mv "$tmp" "$ksrc"
fi

if [ ! -f "$kdir/arch/x86/boot/bzImage" ]; then
	echo "kernel.sh: building the $flavor kernel in $kdir (about 12 minutes)" >&2
	start=$(date +%s)
	tmp=$cache/.build-$flavor-$key
	rm -rf "$tmp"
	mkdir -p "$tmp"
	make -s -C "$ksrc" O="$tmp" ARCH=x86_64 tinyconfig >&2
	"$ksrc/scripts/kconfig/merge_config.sh" -m -O "$tmp" \
		"$tmp/.config" "$fragment" >/dev/null
	make -s -C "$ksrc" O="$tmp" ARCH=x86_64 olddefconfig >&2

	# olddefconfig drops options whose dependencies fail, silently.
	missing=0
	while read -r line; do
		case $line in
		CONFIG_*=*)	grep -qxF "$line" "$tmp/.config" || { echo "kernel.sh: dropped: $line" >&2; missing=1; } ;;
		"# CONFIG_"*)	opt=${line#\# }; opt=${opt%% *}
				! grep -q "^$opt=" "$tmp/.config" || { echo "kernel.sh: still set: $opt" >&2; missing=1; } ;;
		esac
	done <"$fragment"
	[ "$missing" = 0 ] || exit 1

	make -s -C "$ksrc" O="$tmp" ARCH=x86_64 -j"$(nproc)" bzImage modules >&2
	mv "$tmp" "$kdir"
	echo "kernel.sh: built in $(( $(date +%s) - start )) s" >&2
fi

echo "KSRC=$ksrc"
echo "KDIR=$kdir"
