# SPDX-License-Identifier: GPL-2.0
#
# Once per bats run. In the QEMU guest the root file system is the host's,
# shared over 9p without a page cache: every program started reads its
# shared libraries over 9p again, about three of the four seconds that the
# sanitized persocard takes to start there. When / is 9p, the libraries of
# persocard and of the programs the tests run are copied, once, to a tmpfs
# folder that LD_LIBRARY_PATH names first. The same files, from memory.

setup_suite() {
	local dir lib prog
	local -A seen=()

	[[ $(stat -f -c %T / 2>/dev/null) == v9fs ]] || return 0
	dir=$(mktemp -d "${TMPDIR:-/tmp}/persocard-bats-libs.XXXXXX") || return 0
	# Readable by the unprivileged user of admin.bats.
	chmod 755 "$dir"
	for prog in "${PERSOCARD:-${BASH_SOURCE[0]%/*}/../../build/bin/persocard}" \
		    bash jq timeout setpriv; do
		[[ $prog == */* ]] || prog=$(command -v "$prog") || continue
		while read -r lib; do
			[[ -n $lib && -z ${seen[$lib]:-} ]] || continue
			seen[$lib]=1
			# libpersocard stays in the build tree, found by RUNPATH.
			[[ ${lib##*/} == libpersocard.* ]] && continue
			cp -L "$lib" "$dir/" || true
		done < <(ldd "$prog" 2>/dev/null | sed -n 's/.*=> \(\/[^ ]*\) .*/\1/p')
	done
	export PERSOCARD_BATS_LIBS=$dir
	export LD_LIBRARY_PATH=$dir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
}

teardown_suite() {
	[[ -n ${PERSOCARD_BATS_LIBS:-} ]] && rm -rf "$PERSOCARD_BATS_LIBS"
	return 0
}
