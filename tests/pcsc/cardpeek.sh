#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# cardpeek, Debian's card explorer, reads locked cards through pcscd: its
# EMV script a payment card personalized from examples/payment.perso (the
# PAN, expiry and cardholder name the data file gave, and the CPLC), its
# GSM script a SIM card from examples/sim.perso (ICCID and IMSI). Each
# saved view must equal its golden file in tests/pcsc/golden/, where
# tests/pcsc/cardpeek.sh --update writes them.
#
#   tests/pcsc/cardpeek.sh PERSOCARD [--update]   (pcscd running; card 2 free)
here=$(dirname "$0")
. "$here/tap.bash"
persocard=${1:?the persocard command}
update=${2:-}
export PERSOCARD_CODE=1234
card=2
golden=$here/golden
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# personalized PROFILE: card 2, fresh, of PROFILE, from examples/.
personalized() {
	"$persocard" factory-reset -c $card >/dev/null &&
		echo "$1" > "$(sysfs_card $card)/profile" &&
		"$persocard" personalize -c $card "examples/$1.perso" >/dev/null
}

# view SCRIPT NAME: cardpeek's view of card 2, compared with the golden
# file NAME.xml (or written to it with --update).
view() {
	local reader
	reader="pcsc://$(slot_reader $card)"
	CARDPEEK_TIMEOUT=120 sh "$here/cardpeek-run.sh" "$1" "$tmp/$2.xml" "$reader"
	is "$?" 0 "cardpeek's $1 script ran and saved its view"
	if [ "$update" = --update ]; then
		cp "$tmp/$2.xml" "$golden/$2.xml"
	fi
	is "$(cat "$tmp/$2.xml")" "$(cat "$golden/$2.xml")" \
	   "the view equals $golden/$2.xml"
	diff -u "$golden/$2.xml" "$tmp/$2.xml" | head -40 | sed 's/^/# /'
}

# has NAME LABEL VALUE: the view has an item LABEL with that value (bytes
# or text), as cardpeek decoded it.
has() {
	grep -A4 "<attr name=\"label\">$2</attr>" "$tmp/$1.xml" | grep -q "$3"
	tap_result $? "the view shows $2 $3"
}

ok "a payment card personalized from examples/payment.perso" personalized payment
view emv cardpeek-emv
has cardpeek-emv "Application Primary Account Number (PAN)" 5413330089010434
has cardpeek-emv "Application Expiration Date" 271231
has cardpeek-emv "Cardholder Name" "SMITH/JOHN"
has cardpeek-emv "Application Label" MASTERCARD
grep -q '<attr name="label">CPLC</attr>' "$tmp/cardpeek-emv.xml"
tap_result $? "the view shows the CPLC"

ok "a SIM card personalized from examples/sim.perso" personalized sim
view "gsm (beta)" cardpeek-gsm
has cardpeek-gsm "IMSI" 001010123456789
has cardpeek-gsm "ICCID" 8944100000123456789

done_testing
