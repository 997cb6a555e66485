#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# In the guest: the tree `make install DESTDIR=STAGE PREFIX=/usr` made
# works. Its persocard loads the module and reads back what perso_min,
# built with pkg-config's flags alone, stored. Prints TAP.
#
#   tests/install/guest-install.sh STAGE BINDIR
stage=${1:?STAGE}
bindir=${2:?BINDIR}
export LD_LIBRARY_PATH=$stage/usr/lib
persocard=$stage/usr/bin/persocard
n=0

point() {	# point STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}

echo "TAP version 13"
echo "1..4"
"$persocard" load nr_cards=1 profile=identity
point $? "the installed persocard loads the module through libkmod"

out=$("$bindir/perso_min" 1234 document_number=X1234567 surname=SMITH \
	given_names=JOHN birth_date=$'\x85\x01\x15' expiry=$'\x31\x06\x30' \
	nationality=GBR certificate=CERTIFICATE \
	auth_key=KKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKK pin=12345678)
status=$?
echo "# perso_min: $out"
[ $status -eq 0 ] && [ "$out" = "PERSONALIZED (SW 9000)" ]
point $? "perso_min, built with pkg-config, personalizes an identity card"

[ "$("$persocard" read --format text surname)" = SMITH ]
point $? "the installed persocard reads back what perso_min stored"

"$persocard" unload
point $? "the installed persocard unloads the module"
