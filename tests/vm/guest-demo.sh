#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# make demo, inside the guest: load persocard and personalize a payment card.
out=${1:?results folder}
{
	echo "# modprobe persocard"
	modprobe persocard && ls -l /dev/persocard*
	echo
	echo "# perso_demo /dev/persocard0"
	build/examples/perso_demo /dev/persocard0
	echo
	echo "# grep . /sys/class/persocard/persocard0/{state,tries_left,profile,serial}"
	grep . /sys/class/persocard/persocard0/{state,tries_left,profile,serial}
} > "$out/demo.txt" 2>&1
echo done > "$out/done"
