#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A card personalized over PC/SC (card 0 by scriptor, card 1 by pyscard)
# and one personalized over ioctls (card 3, persocard personalize with
# examples/payment.perso) hold the same public data: GET DATA of every
# public tag of the profile agrees, values and refusals alike.
#
#   tests/pcsc/compare.sh PERSOCARD    (after scriptor.sh, pyscard_perso.py)
here=$(dirname "$0")
. "$here/tap.bash"
persocard=${1:?the persocard command}
ref=3

"$persocard" factory-reset -c $ref >/dev/null
tap_result $? "factory-reset card $ref"
"$persocard" personalize -c $ref --code 1234 examples/payment.perso | sed 's/^/# /'
tap_result "${PIPESTATUS[0]}" "persocard personalize -c $ref examples/payment.perso"
is "$(cat "$(sysfs_card $ref)/state")" personalized "card $ref is personalized"

tags=$("$persocard" profile -c $ref --json | jq -r '.tags[] | select(.secret | not) | .name')
is "$(echo "$tags" | wc -l)" 10 "the payment profile has 10 public tags"

# stdout and exit status; stderr names the device, which differs.
read_tag() {
	local out
	out=$("$persocard" read -c "$1" "$2" 2>/dev/null)
	echo "$? $out"
}

for card in 0 1; do
	for tag in $tags; do
		got=$(read_tag $card "$tag")
		want=$(read_tag $ref "$tag")
		is "$got" "$want" "card $card (PC/SC) and card $ref (ioctls): $tag"
	done
done
# A tag both stored, to be sure the comparison compares values.
is "$(read_tag 0 cardholder)" "0 534D4954482F4A4F484E" "cardholder reads SMITH/JOHN"
done_testing
