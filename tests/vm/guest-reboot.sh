#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Cards that outlive the guest, one boot at a time (tests/vm/reboot-check.sh
# boots twice with the same results folder). The first boot personalizes a
# card of each profile, makes a key file and saves every card into
# RESULTS/reboot; the second loads the key and the module with
# --restore RESULTS/reboot and checks each card answers as before: list's
# line (profile, state, tries, serial) and GET DATA of public elements.
# TAP in RESULTS/tap/reboot.tap, written by the second boot.
out=${1:?results folder}
pc=build/bin/persocard
dir=$out/reboot
mkdir -p "$out/tap" "$dir"

# The card's face: its list line and two public elements.
face() {
	"$pc" list
	"$pc" read -c 0 pan && "$pc" read -c 0 cardholder &&
	"$pc" read -c 1 iccid && "$pc" read -c 1 spn &&
	"$pc" read -c 2 document_number && "$pc" read -c 2 surname
}

if [[ ! -f $dir/saved ]]; then
	"$pc" load nr_cards=3 || exit 1
	echo sim > /sys/class/persocard/persocard1/profile
	echo identity > /sys/class/persocard/persocard2/profile
	n=0
	for p in payment sim identity; do
		"$pc" personalize -c $n --code 1234 "examples/$p.perso" > /dev/null ||
			echo "phase 1: personalize $p failed"
		n=$((n + 1))
	done
	face > "$dir/before.txt" 2>&1
	rm -f "$dir/image.key"
	"$pc" key new "$dir/image.key" && "$pc" key load "$dir/image.key" &&
		"$pc" save --all "$dir" > "$dir/save.txt" 2>&1 &&
		touch "$dir/saved"
	echo "phase 1: saved: $(ls "$dir")"
	exit 0
fi

n=0
tap() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
{
	echo "TAP version 13"
	"$pc" key load "$dir/image.key"
	tap $? "second boot: the key file loaded"
	"$pc" load nr_cards=3 --restore "$dir" > "$dir/restore.txt" 2>&1
	tap $? "second boot: load --restore restored every image"
	[ "$(grep -c 'restored from' "$dir/restore.txt")" -eq 3 ]
	tap $? "three cards restored"
	face > "$dir/after.txt" 2>&1
	grep -q PERSONALIZED "$dir/before.txt" && cmp -s "$dir/before.txt" "$dir/after.txt"
	tap $? "each card as before the reboot: profile, state, tries, serial, GET DATA"
	[ "$(grep -c PERSONALIZED "$dir/after.txt")" -eq 3 ]
	tap $? "three PERSONALIZED cards"
	"$pc" key unload
	"$pc" unload
	tap $? "module unloaded"
	echo "1..$n"
} > "$out/tap/reboot.tap" 2>&1
rm -f "$dir/image.key"
