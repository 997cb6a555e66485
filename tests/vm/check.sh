#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make check: host checks, then one guest run (KUnit, ioctl tests, leak
# scan), then one closing line "N passed, N failed" over every suite.
#
#   tests/vm/check.sh KDIR KSRC RESULTS
set -uo pipefail
kdir=${1:?KDIR}
ksrc=${2:?KSRC}
results=${3:?RESULTS}
top=$(cd "$(dirname "$0")/../.." && pwd)
vm=$top/tests/vm
start=$(date +%s)

rm -rf "$results"
mkdir -p "$results"

echo "check: host checks" >&2
"$top/tests/host-checks.sh" "$kdir" "$ksrc" > "$results/host.tap"

echo "check: host-side unit tests of the library's parsers and the maker's paths" >&2
rm -rf "$top/build/results-unit"
make -s -C "$top" WERROR=1 unit-tests >/dev/null 2>"$results/unit.err"
for tap in "$top"/build/results-unit/*.tap; do
	[ -e "$tap" ] && cp "$tap" "$results/unit-$(basename "$tap")"
done
ls "$results"/unit-*.tap >/dev/null 2>&1 ||
	printf 'TAP version 13\n1..1\nnot ok 1 - the unit tests printed nothing\n' \
		> "$results/unit.tap"
make -s -C "$top" WERROR=1 maker-host-check MAKER_TAP="$results" >/dev/null 2>"$results/maker-host.err" ||
	true
ls "$results"/maker-host-*.tap >/dev/null 2>&1 ||
	printf 'TAP version 13\n1..1\nnot ok 1 - the maker host tests printed nothing\n' \
		> "$results/maker-host.tap"

echo "check: fuzzing the APDU path, the card OS and the library's parsers briefly (libFuzzer)" >&2
"$top/tests/fuzz/check.sh" "$results" 2>"$results/fuzz.err" || true
[ -s "$results/fuzz.tap" ] ||
	printf 'TAP version 13\n1..1\nnot ok 1 - the fuzz run printed nothing\n' \
		> "$results/fuzz.tap"

echo "check: the Python SCP03 host against pySim's known answers" >&2
make -s -C "$top" scp03-vectors > "$results/scp03-vectors.tap" 2>"$results/scp03-vectors.err"
[ -s "$results/scp03-vectors.tap" ] ||
	printf 'TAP version 13\n1..1\nnot ok 1 - the SCP03 vectors printed nothing\n' \
		> "$results/scp03-vectors.tap"

echo "check: the Python EMV cryptograms against pyemv's known answers" >&2
make -s -C "$top" emv-vectors > "$results/emv-vectors.tap" 2>"$results/emv-vectors.err"
[ -s "$results/emv-vectors.tap" ] ||
	printf 'TAP version 13\n1..1\nnot ok 1 - the EMV vectors printed nothing\n' \
		> "$results/emv-vectors.tap"

echo "check: osmo-auc-gen as the tests drive it, against TS 35.208" >&2
make -s -C "$top" milenage-vectors > "$results/milenage-vectors.tap" 2>"$results/milenage-vectors.err"
[ -s "$results/milenage-vectors.tap" ] ||
	printf 'TAP version 13\n1..1\nnot ok 1 - the MILENAGE vectors printed nothing\n' \
		> "$results/milenage-vectors.tap"

echo "check: the state diagram in Documentation/ against the card OS's table" >&2
make -s -C "$top" WERROR=1 state-diagram-check > "$results/state-diagram.tap" 2>"$results/state-diagram.err"
[ -s "$results/state-diagram.tap" ] ||
	printf 'TAP version 13\n1..1\nnot ok 1 - the state diagram check printed nothing\n' \
		> "$results/state-diagram.tap"

echo "check: the power-cut sweep of personalization and its chart in Documentation/" >&2
make -s -C "$top" WERROR=1 tearing-chart-check > "$results/tearing-chart.tap" 2>"$results/tearing-chart.err"
[ -s "$results/tearing-chart.tap" ] ||
	printf 'TAP version 13\n1..1\nnot ok 1 - the tearing chart check printed nothing\n' \
		> "$results/tearing-chart.tap"

echo "check: userspace checks (install tree, pkg-config, ABI surface)" >&2
"$top/tests/userspace-checks.sh" "$top/build" > "$results/userspace.tap"

echo "check: building the modules for the test kernel" >&2
if ! make -s -C "$kdir" M="$top" modules >/dev/null; then
	echo "check: the modules do not build" >&2
	echo "0 passed, 1 failed"
	exit 1
fi

echo "check: running the guest (KUnit, ioctl, library, bats and PC/SC tests, kmemleak)" >&2
# The guest's plan takes 30 to 45 minutes under TCG, most of it the bats
# tests; the limit leaves room for a slower machine, not for a hang.
"$vm/run-vm.sh" "$kdir" check "$results/guest" 4500

# KUnit: kunit.py parses the suite's KTAP out of dmesg.
python3 "$ksrc/tools/testing/kunit/kunit.py" parse \
	--json="$results/guest/kunit.json" "$results/guest/kunit.dmesg" \
	> "$results/guest/kunit.txt" 2>&1
if [ -s "$results/guest/kunit.json" ]; then
	"$vm/kunit-to-tap.py" "$results/guest/kunit.json" > "$results/kunit.tap"
else
	printf 'TAP version 13\n1..1\nnot ok 1 - KUnit results could not be parsed\n' \
		> "$results/kunit.tap"
fi
if [ -s "$results/guest/uapi.tap" ]; then
	cp "$results/guest/uapi.tap" "$results/uapi.tap"
else
	printf 'TAP version 13\n1..1\nnot ok 1 - the ioctl tests printed nothing\n' \
		> "$results/uapi.tap"
fi
# The userspace suites: a missing or empty TAP file is a failure.
expected="bats bats-plain install many trinity stress sweep"
for t in scan scriptor pyscard disconnect malformed removal compare emv cli sim scp03 \
	 opensc cardpeek gp-worked; do
	expected+=" pcsc-$t"
done
for t in "$top"/tests/lib/*.c "$top"/tests/maker/*.c; do
	t=$(basename "$t" .c)
	expected+=" lib-$t lib-san-$t"
done
for name in $expected; do
	if [ -s "$results/guest/tap/$name.tap" ]; then
		cp "$results/guest/tap/$name.tap" "$results/$name.tap"
	else
		printf 'TAP version 13\n1..1\nnot ok 1 - %s printed nothing\n' \
			"$name" > "$results/$name.tap"
	fi
done
"$vm/check-guest-logs.sh" "$results/guest" > "$results/guest.tap"

echo "check: results in $results, $(( $(date +%s) - start )) s" >&2
"$vm/aggregate.sh" "$results"
