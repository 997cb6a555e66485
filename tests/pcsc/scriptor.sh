#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# scriptor (pcsc-tools) personalizes card 0 over PC/SC with
# payment.scriptor; every answer is checked, then the card's state.
#
#   tests/pcsc/scriptor.sh    (pcscd running, card 0 semi-finished)
here=$(dirname "$0")
. "$here/tap.bash"
card=0
sys=$(sysfs_card $card)

is "$(cat "$sys/state")" semi-finished "card $card starts semi-finished"

out=$(scriptor -r "$(slot_reader $card)" -p T=1 "$here/payment.scriptor" 2>&1)
tap_result $? "scriptor runs payment.scriptor"
echo "$out" | sed 's/^/# /'

# Its answers, "< SW1 SW2 : meaning" or "< data SW1 SW2 : ...".
mapfile -t answers < <(echo "$out" | sed -n 's/^< \([0-9A-F ]*[0-9A-F]\).*/\1/p')
names=(ENABLE VERIFY "PUT records" "PUT records_2" "PUT pan" "PUT expiry" "PUT cardholder"
       "PUT select_response" "PUT gpo_response" "PUT key_check_values"
       "PUT pin_try_limit" "PUT icc_keys" "PUT pin_block" LOCK)
is "${#answers[@]}" 15 "scriptor got 15 answers"
for i in "${!names[@]}"; do
	is "${answers[$i]}" "90 00" "${names[$i]} answers 9000"
done

# GET STATUS: state, profile, flags, tries left, try limit, serial, 9000.
serial=$(sed 's/../& /g; s/ $//' "$sys/serial" | tr a-f A-F)
is "${answers[14]}" "04 01 00 03 03 $serial 90 00" \
	"GET STATUS: personalized payment card, no session, 3/3 tries, its serial"
is "$(cat "$sys/state")" personalized "sysfs: card $card is personalized"
done_testing
