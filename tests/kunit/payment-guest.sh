#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The payment application in a guest (tests/vm/try.sh
# tests/kunit/payment-guest.sh): the persocard_payment and persocard_emv
# KUnit suites, then the card OS's own (persocard_card, persocard_apdu,
# persocard_gp_*) for what the application changed around them, their
# KTAP to $1/kunit.dmesg and printed; then, with PAYMENT_PCSC=1 in the
# environment, the PC/SC suite (tests/pcsc/guest-pcsc.sh), its TAP
# printed.
out=${1:?results folder}
ko=/lib/modules/$(uname -r)/extra
dmesg -C
for glob in persocard_payment persocard_emv persocard_card persocard_apdu \
	    'persocard_gp_*'; do
	# No newline: the glob would not match.
	printf '%s' "$glob" > /sys/module/kunit/parameters/filter_glob
	insmod "$ko/persocard_kunit.ko"
	rmmod persocard_kunit
done
dmesg > "$out/kunit.dmesg"
cat "$out/kunit.dmesg"
[ "${PAYMENT_PCSC:-1}" = 1 ] || exit 0
dmesg -C
timeout 400 bash tests/pcsc/guest-pcsc.sh "$out" > "$out/pcsc.out" 2>&1
echo "payment: pcsc exited $?"
cat "$out/pcsc.out"
for f in "$out"/tap/pcsc-*.tap; do
	echo "== $(basename "$f")"
	grep -v '^ok' "$f"
	echo "$(grep -c '^ok' "$f") ok"
done
cat "$out"/tap/pcsc-emv.tap
cat "$out"/pcsc-emv.err
dmesg > "$out/pcsc.dmesg"
