#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# cardpeek, Debian's card explorer, reads locked cards through pcscd: its
# EMV script a payment card personalized from examples/payment.perso (the
# PAN, expiry and cardholder name the data file gave, and the CPLC), its
# GSM script a SIM card from examples/sim.perso (ICCID and IMSI). Each
# saved view, less what varies from card to card (normalize), must equal
# its golden file in tests/pcsc/golden/; --update writes the views to
# $CARDPEEK_GOLDEN (default that folder) instead.
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

# normalize: the view without what differs from card to card and day to
# day: the CPLC's whole value and its fields drawn from the serial number
# and the day the card was made.
normalize() {
	awk '
	/<attr name="label">(cpcl data|IC Fabrication Date|IC Serial Number|IC Batch Identifier)<\/attr>/ { mask = 1 }
	mask && /<attr name="(val|alt)"/ { sub(/>[^<]*</, ">(varies)<") }
	mask && /<node>|<\/node>/ { mask = 0 }
	{ print }'
}

# view SCRIPT NAME: cardpeek's view of card 2, normalized, compared with
# the golden file NAME.xml (--update writes it to $CARDPEEK_GOLDEN).
view() {
	local reader
	reader="pcsc://$(slot_reader $card)"
	CARDPEEK_TIMEOUT=120 sh "$here/cardpeek-run.sh" "$1" "$tmp/$2.raw" "$reader"
	is "$?" 0 "cardpeek's $1 script ran and saved its view"
	normalize < "$tmp/$2.raw" > "$tmp/$2.xml"
	if [ "$update" = --update ]; then
		cp "$tmp/$2.xml" "${CARDPEEK_GOLDEN:-$golden}/$2.xml"
	fi
	is "$(cat "$tmp/$2.xml")" "$(cat "$golden/$2.xml")" \
	   "the view equals $golden/$2.xml"
	diff -u "$golden/$2.xml" "$tmp/$2.xml" | head -40 | sed 's/^/# /'
}

# has NAME LABEL VALUE: the view has an item LABEL whose value or
# decoded text is VALUE, as cardpeek shows it.
has() {
	grep -A6 "<attr name=\"label\">$2</attr>" "$tmp/$1.xml" |
		grep -qF ">$3<"
	tap_result $? "the view shows $2 $3"
}

ok "a payment card personalized from examples/payment.perso" personalized payment
view emv cardpeek-emv
has cardpeek-emv "Application PAN" 5413330089010434
has cardpeek-emv "Application Expiration Date" 12/31/27
has cardpeek-emv "Cardholder Name" SMITH/JOHN
has cardpeek-emv "Application Label" MASTERCARD
# The CPLC, as the card answered GET DATA 9F7F: its fabricator "PC"
has cardpeek-emv "IC Fabricator" 8:5043
grep -qF '<attr name="label">cpcl data</attr>' "$tmp/cardpeek-emv.raw"
tap_result $? "the view shows the CPLC"

ok "a SIM card personalized from examples/sim.perso" personalized sim
view "gsm (beta)" cardpeek-gsm
# EF ICCID's and EF IMSI's data, as cardpeek decodes them
grep -qF '<attr name="alt">(89)44100000123456789</attr>' "$tmp/cardpeek-gsm.xml"
tap_result $? "the view shows ICCID 8944100000123456789"
grep -qF '<attr name="alt">001010123456789</attr>' "$tmp/cardpeek-gsm.xml"
tap_result $? "the view shows IMSI 001010123456789"

done_testing
