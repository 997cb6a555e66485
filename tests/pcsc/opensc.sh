#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# OpenSC against a locked card of each profile: opensc-tool --atr, --name
# and --send-apdu, and opensc-explorer, end without a crash or a hang
# (its card drivers' probes are answered at once: 6A82, 6A86, 6D00,
# 6E00), and leave the card as they found it: its state, its counters
# and what its application answers.
#
#   tests/pcsc/opensc.sh PERSOCARD    (pcscd running; card 2 free)
here=$(dirname "$0")
. "$here/tap.bash"
persocard=${1:?the persocard command}
export PERSOCARD_CODE=1234
card=2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The APDUs whose answers show a card's counters, by profile: its
# application selected, then the ATC and the PIN try counter, or VERIFY
# without data (63Cx: the tries left).
probe_apdus() {
	case $1 in
	payment) echo 00A404000E325041592E5359532E444446303100 80CA9F3600 80CA9F1700 ;;
	sim) echo 00A4000C023F00 00200001 ;;
	identity) echo 00A4040C08F0504552534F4944 00200081 ;;
	esac
}

# snapshot PROFILE: the card's state, try counter and application answers.
snapshot() {
	"$persocard" status -c $card --json | jq -c '[.state, .tries_left]'
	# shellcheck disable=SC2046
	"$persocard" apdu -c $card $(probe_apdus "$1") 2>&1
}

# OpenSC's number for the card's slot.
reader=$(opensc-tool -l 2>/dev/null | awk -v s="persocard 00 0$card" \
	'index($0, s) { print $1; exit }')
ok "opensc-tool -l lists the slot of card $card (reader $reader)" test -n "$reader"

# finished RC: the tool ended by itself (no timeout, no signal).
finished() {
	[ "$1" -lt 124 ]
}

for profile in payment sim identity; do
	"$persocard" factory-reset -c $card >/dev/null &&
		echo $profile > "$(sysfs_card $card)/profile" &&
		"$persocard" personalize -c $card "examples/$profile.perso" >/dev/null
	is "$?" 0 "$profile: a card personalized from examples/$profile.perso"
	snapshot $profile > "$tmp/before"

	timeout 60 opensc-tool -r "$reader" --atr > "$tmp/atr" 2>&1
	is "$?" 0 "$profile: opensc-tool --atr"
	# The ATR of the card's last power-up, as pcscd read it then: a
	# persocard ATR (historical bytes "PERSO", profile, card number).
	atr=$(tr -d ':\n ' < "$tmp/atr" | tr A-F a-f)
	is "${atr:0:20}-${atr:22:2}" "3b8b018057504552534f-$(printf '%02x' $card)" \
	   "$profile: it prints persocard's ATR for card $card"

	timeout 60 opensc-tool -r "$reader" --name > "$tmp/name" 2>&1
	ok "$profile: opensc-tool --name ends by itself ($?)" finished $?

	timeout 60 opensc-tool -r "$reader" --send-apdu 00A4040007A0000000041010 \
		--send-apdu 00B0000000 --send-apdu 80CA9F7F00 > "$tmp/send" 2>&1
	ok "$profile: opensc-tool --send-apdu ends by itself ($?)" finished $?

	printf 'cd 3F00\ncat 2FE2\ninfo\nquit\n' |
		timeout 60 opensc-explorer -r "$reader" > "$tmp/explorer" 2>&1
	ok "$profile: opensc-explorer ends by itself ($?)" finished $?

	snapshot $profile > "$tmp/after"
	is "$(cat "$tmp/after")" "$(cat "$tmp/before")" \
	   "$profile: state, counters and answers as before OpenSC"
done

done_testing
