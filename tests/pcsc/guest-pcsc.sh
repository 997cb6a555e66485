#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The PC/SC suite, in the guest: load the module with four cards, start
# pcscd in the foreground (in the background) with a reader.conf naming
# the checkout's driver, run each test into RESULTS/tap/pcsc-*.tap, stop
# pcscd, unload the module. pcscd holds every card open: it must be gone
# before rmmod.
#
#   [PERSOCARD=CMD] tests/pcsc/guest-pcsc.sh RESULTS
#
# PERSOCARD is the persocard command the comparison uses (default
# build/bin/persocard).
out=${1:?results folder}
here=tests/pcsc
nr=4
mkdir -p "$out/tap"
ko=/lib/modules/$(uname -r)/extra

insmod "$ko/persocard.ko" nr_cards=$nr || { echo "pcsc: insmod failed" >&2; exit 1; }

conf=$(mktemp -d)/reader.conf
cat > "$conf" <<CONF
FRIENDLYNAME	"persocard"
DEVICENAME	/dev/persocard0
LIBPATH		$PWD/build/pcsc/libifd-persocard.so
CONF

# -f: no daemon, log to stdout; -i: info level, so the log shows the
# driver loading and each slot starting (never an APDU: no -a).
pcscd -f -i -c "$conf" > "$out/pcscd.log" 2>&1 &
pcscd_pid=$!

# Ready when its socket is there and the last slot is listed.
for _ in $(seq 100); do
	[ -S /run/pcscd/pcscd.comm ] &&
		timeout 5 pcsc_scan -r 2>/dev/null | grep -q "persocard 00 0$((nr - 1))" && break
	sleep 0.2
done
echo "pcsc: pcscd $pcscd_pid up: $(timeout 5 pcsc_scan -r 2>&1 | grep -c persocard) slots"

run() {
	local name=$1
	shift
	timeout 120 "$@" > "$out/tap/pcsc-$name.tap" 2> "$out/pcsc-$name.err"
	echo "pcsc: $name exited $?"
}
run scan bash $here/scan.sh $nr
run scriptor bash $here/scriptor.sh
run pyscard /usr/bin/python3 $here/pyscard_perso.py
run disconnect /usr/bin/python3 $here/disconnect.py
run malformed /usr/bin/python3 $here/malformed.py
run removal /usr/bin/python3 $here/removal.py
run compare bash $here/compare.sh "${PERSOCARD:-$PWD/build/bin/persocard}"
# EMV transactions with card 3, personalized from examples/payment.perso.
run emv /usr/bin/python3 $here/emv_card.py "${PERSOCARD:-$PWD/build/bin/persocard}"
run cli bash $here/cli.sh "${PERSOCARD:-$PWD/build/bin/persocard}"
# Card 3 made a SIM: the application after LOCK, against osmo-auc-gen.
run sim /usr/bin/python3 $here/sim_card.py "$out/pcsc-sim.txt"
# Last: it factory-resets card 3 for each of its sixteen cards.
run scp03 /usr/bin/python3 $here/scp03_perso.py
run opensc bash $here/opensc.sh "${PERSOCARD:-$PWD/build/bin/persocard}"
run cardpeek bash $here/cardpeek.sh "${PERSOCARD:-$PWD/build/bin/persocard}"
run gp-worked bash $here/gp_worked.sh /dev/persocard$((nr - 1)) "$out"

kill -TERM $pcscd_pid
wait $pcscd_pid
echo "pcsc: pcscd exited $?"
rmmod persocard
echo "pcsc: rmmod exited $?"
rm -rf "$(dirname "$conf")"
