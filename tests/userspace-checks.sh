#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Host checks of libpersocard, the CLI and the pcsc-lite reader driver, as
# TAP: the ABI surfaces, the install tree, pkg-config against it, the man
# pages.
#
#   tests/userspace-checks.sh BUILD
#
# Leaves BUILD/stage (a make install DESTDIR tree) and BUILD/stage-bin/
# perso_min (built through pkg-config) for the guest to run.
set -uo pipefail
build=${1:?BUILD folder}
top=$(cd "$(dirname "$0")/.." && pwd)
lib=$build/lib/libpersocard.so.2.0.0
stage=$build/stage
n=0
failed=0

tap() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=$((failed + 1))
		[ -s "$log" ] && sed 's/^/# /' "$log"
	fi
}

log=$(mktemp)
trap 'rm -f "$log"' EXIT
echo "TAP version 13"
echo "1..14"

readelf -d "$lib" 2>"$log" | grep -q 'SONAME.*\[libpersocard\.so\.2\]'
tap $? "libpersocard's soname is libpersocard.so.2 (opaque objects since 2)"

# The library is the only door to the kernel.
grep -rlE 'PERSOCARD_IOC_|/sys/class/persocard' "$top/userspace/cli" \
	"$top/userspace/pcsc" "$top/bench" > "$log"
[ "$(cat "$log")" = "$top/bench/floor.c" ]
tap $? "only libpersocard (and bench/floor.c, the syscall floor) issues ioctls or reads the sysfs class"

! grep -nE 'struct persocard_(status|info|tag_desc)\b' \
	"$top/userspace/include/libpersocard.h" \
	"$top/userspace/include/persocard-perso.h" > "$log"
tap $? "no uapi struct in libpersocard's API"

readelf -d "$build/pcsc/libifd-persocard.so" 2>"$log" |
	grep -q 'NEEDED.*\[libpersocard\.so\.2\]'
tap $? "the reader driver links libpersocard"

! readelf -d "$lib" | grep -q 'NEEDED.*libkmod'
tap $? "libpersocard needs no libkmod"

nm -D --defined-only "$lib" | awk '{ print $3 }' | grep -v '^persocard_' > "$log"
[ ! -s "$log" ]
tap $? "libpersocard exports persocard_* symbols only"

# pcscd resolves the IFDH* entry points by name; nothing else may leak.
driver=$build/pcsc/libifd-persocard.so
nm -D --defined-only "$driver" 2>"$log" | awk '{ print $3 }' |
	grep -v '^IFDH' >> "$log"
[ -s "$driver" ] && [ ! -s "$log" ] &&
	[ "$(nm -D --defined-only "$driver" | grep -c ' T IFDH')" -ge 9 ]
tap $? "the pcsc-lite driver exports the IFDH* entry points only"

rm -rf "$stage"
make -s -C "$top" install DESTDIR="$stage" PREFIX=/usr > "$log" 2>&1 &&
	for f in usr/bin/persocard usr/lib/libpersocard.so.2.0.0 \
		 usr/lib/libpersocard.so.2 usr/lib/libpersocard.so \
		 usr/include/libpersocard.h usr/include/persocard-perso.h \
		 usr/include/linux/persocard.h \
		 usr/lib/pkgconfig/libpersocard.pc \
		 usr/share/man/man1/persocard.1 usr/share/man/man3/libpersocard.3; do
		[ -e "$stage/$f" ] || { echo "missing $f" > "$log"; false; } || break
	done
tap $? "make install DESTDIR=... PREFIX=/usr installs the program, library, headers, .pc and man pages"

conf=$stage/etc/reader.conf.d/persocard
so=$(sed -n 's/^LIBPATH[[:space:]]*//p' "$conf" 2>"$log")
echo "LIBPATH $so" >> "$log"
[ -n "$so" ] && [ -x "$stage$so" ] &&
	grep -q '^DEVICENAME[[:space:]]*/dev/persocard0$' "$conf"
tap $? "make install puts the reader driver where its reader.conf.d entry says"

! readelf -d "$stage/usr/bin/persocard" | grep -qE 'RPATH|RUNPATH'
tap $? "the installed persocard carries no rpath"

drv=$stage$so
readelf -d "$drv" 2>"$log" | grep -q 'NEEDED.*\[libpersocard\.so\.2\]' &&
	! readelf -d "$drv" | grep -qE 'RPATH|RUNPATH'
tap $? "the installed reader driver links libpersocard, without rpath"

# A packager's view: PREFIX=/usr under DESTDIR, so /usr paths must show.
export PKG_CONFIG_SYSROOT_DIR=$stage PKG_CONFIG_PATH=$stage/usr/lib/pkgconfig
export PKG_CONFIG_ALLOW_SYSTEM_CFLAGS=1 PKG_CONFIG_ALLOW_SYSTEM_LIBS=1
flags=$(pkg-config --cflags --libs libpersocard 2>"$log")
flags=${flags% }
echo "pkg-config said: $flags" >> "$log"
[ "$flags" = "-I$stage/usr/include -L$stage/usr/lib -lpersocard" ]
tap $? "pkg-config --cflags --libs libpersocard against the installed tree"

mkdir -p "$build/stage-bin"
# shellcheck disable=SC2086 # the flags are words
gcc -std=gnu11 -Wall -Wextra -Werror -o "$build/stage-bin/perso_min" \
	"$top/tests/install/perso_min.c" $flags > "$log" 2>&1
tap $? "a ten-line program builds with pkg-config's flags alone"

for page in "$stage/usr/share/man/man1/persocard.1" \
	    "$stage/usr/share/man/man3/libpersocard.3"; do
	LC_ALL=C.UTF-8 MANROFFSEQ='' groff -man -ww -z -Tutf8 "$page" 2>&1 || echo "$page"
done > "$log"
[ ! -s "$log" ]
tap $? "the man pages format without warnings"
[ "$failed" -eq 0 ]
