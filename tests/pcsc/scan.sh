#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# pcsc_scan (pcsc-tools) sees the persocard reader, a slot per card, and
# in each slot the ATR sysfs shows.
#
#   tests/pcsc/scan.sh NR_CARDS    (pcscd running)
here=$(dirname "$0")
. "$here/tap.bash"
nr=${1:?NR_CARDS}

readers=$(timeout 20 pcsc_scan -r 2>&1)
tap_result $? "pcsc_scan -r lists the readers"
echo "$readers" | sed 's/^/# /'
for ((i = 0; i < nr; i++)); do
	echo "$readers" | grep -q "^$i: $(slot_reader $i)\$"
	tap_result $? "reader $i is $(slot_reader $i)"
done
is "$(echo "$readers" | grep -c '^[0-9]*: ')" "$nr" "$nr readers, no more"

# Without ATR analysis, until it times out.
scan=$(timeout 20 pcsc_scan -n -t 3 2>&1)
echo "$scan" | sed 's/^/# /'
for ((i = 0; i < nr; i++)); do
	want=$(sed 's/../& /g; s/ $//' "$(sysfs_card $i)/atr" | tr a-f A-F)
	# The ATR line that follows this reader's name.
	got=$(echo "$scan" | awk -v r="$(slot_reader $i)" '
		index($0, r) { in_r = 1; next }
		/Reader [0-9]+:/ { in_r = 0 }
		in_r && /ATR: / { sub(/.*ATR: /, ""); atr = $0 }
		END { print atr }')
	is "$got" "$want" "pcsc_scan shows slot $i's ATR, as sysfs atr"
done
done_testing
