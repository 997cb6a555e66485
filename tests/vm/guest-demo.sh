#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make demo, inside the guest: the bureau's day through the persocard CLI.
# Loads the module through libkmod, makes card 1 a SIM card and card 2 an
# identity card (the maker's sysfs step), personalizes one card of each
# profile from examples/, walks a wrong perso code and the re-enable in
# `persocard shell`, shows a card's ATR and a few APDUs, and prints every
# card's status.
out=${1:?results folder}
export PATH=$PWD/build/bin:$PATH
export PERSOCARD_CODE=1234

run() {	# print a command line, then run it
	echo "\$ $*"
	"$@"
	echo
}

{
	run persocard load nr_cards=3
	echo "\$ echo sim > /sys/class/persocard/persocard1/profile"
	echo sim > /sys/class/persocard/persocard1/profile
	echo "\$ echo identity > /sys/class/persocard/persocard2/profile"
	echo identity > /sys/class/persocard/persocard2/profile
	echo
	run persocard list

	run persocard personalize -c 0 examples/payment.perso
	run persocard read -c 0 pan
	run persocard read -c 0 --format text cardholder
	run persocard read -c 0 icc_keys

	echo '$ persocard shell -c 1 <<EOF    # a wrong code, then ENABLE again'
	sed 's/^/> /' examples/wrong-code.shell
	echo '> EOF'
	persocard shell -c 1 < examples/wrong-code.shell
	echo
	run persocard personalize -c 1 examples/sim.perso

	run persocard personalize -c 2 examples/identity.perso
	run persocard read -c 2 --format text surname

	# The same card as a reader sees it: its ATR, then APDUs.
	run persocard info -c 0
	# GET DATA pan, GET STATUS, and an ENABLE PERSO the card refuses.
	echo "\$ persocard apdu -c 0 '80 CA 5A 00 00' '80 F2 00 00 00' '80 E6 20 00'"
	persocard apdu -c 0 '80 CA 5A 00 00' '80 F2 00 00 00' '80 E6 20 00'
	echo

	for card in 0 1 2; do
		run persocard status -c "$card"
	done
	run persocard status -c 1 --json
	run persocard unload
} > "$out/demo.txt" 2>&1
echo done > "$out/done"
