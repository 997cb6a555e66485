#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# persocard personalize --pcsc: the same personalization over PC/SC as
# over ioctls, the same lines printed, the same data read back; a wrong
# code and a bad file over PC/SC; unload refused, naming pcscd, while
# pcscd holds the cards.
#
#   tests/pcsc/cli.sh PERSOCARD    (pcscd running; cards 2 and 3 free)
here=$(dirname "$0")
. "$here/tap.bash"
persocard=${1:?the persocard command}
export PERSOCARD_CODE=1234
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fresh_identity() {
	"$persocard" factory-reset -c "$1" >/dev/null &&
		echo identity > "$(sysfs_card "$1")/profile"
}

both_fresh() {
	fresh_identity 2 && fresh_identity 3
}
ok "cards 2 and 3 fresh, identity profile" both_fresh

"$persocard" personalize --pcsc -c 2 examples/identity.perso > "$tmp/pcsc.out" 2> "$tmp/pcsc.err"
is "$?" 0 "personalize --pcsc -c 2 examples/identity.perso succeeds"
"$persocard" personalize -c 3 examples/identity.perso > "$tmp/ioctl.out" 2> "$tmp/ioctl.err"
is "$?" 0 "personalize -c 3 (ioctls) succeeds"
is "$(cat "$tmp/pcsc.out")" "$(cat "$tmp/ioctl.out")" "both print the same lines"
is "$(cat "$tmp/pcsc.err")" "" "nothing on stderr over PC/SC"
is "$(grep -c '^put: ' "$tmp/pcsc.out")" "$(grep -cvE '^[[:space:]]*(#|$|profile )' examples/identity.perso)" \
	"a PUT line per element of the file"
is "$(cat "$(sysfs_card 2)/state")" personalized "card 2 is personalized"

tags=$("$persocard" profile -c 3 --json | jq -r '.tags[] | select(.secret | not) | .name')
for tag in $tags; do
	is "$("$persocard" read -c 2 "$tag" 2>/dev/null; echo " $?")" \
	   "$("$persocard" read -c 3 "$tag" 2>/dev/null; echo " $?")" \
	   "card 2 (PC/SC) and card 3 (ioctls) agree on $tag"
done

# A wrong code over PC/SC: the card refuses (exit 1), the session is gone.
fresh_identity 2
PERSOCARD_CODE=9999 "$persocard" personalize --pcsc -c 2 examples/identity.perso \
	> /dev/null 2> "$tmp/err"
is "$?" 1 "a wrong code over PC/SC exits 1"
is "$(cat "$tmp/err")" "persocard: verify: wrong perso code, 2 tries left (SW 63C2)" \
	"and says so as over ioctls"
is "$(cat "$(sysfs_card 2)/state") $(cat "$(sysfs_card 2)/tries_left")" "semi-finished 2" \
	"card 2 is SEMI_FINISHED with 2 tries left"

# A file the card's profile rejects: nothing is sent (exit 2); the card
# stays fresh, as no ENABLE reached it.
fresh_identity 2
"$persocard" personalize --pcsc -c 2 examples/payment.perso > /dev/null 2> "$tmp/err"
is "$?" 2 "a payment file for an identity card over PC/SC exits 2"
is "$(cat "$(sysfs_card 2)/state") $(cat "$(sysfs_card 2)/fresh")" "semi-finished 1" \
	"and leaves the card untouched"

# SCP03 over PC/SC: the same session as over ioctls at level all (R-ENC
# too, GET STATUS wrapped under the channel), the same lines; a key set
# that is not the card's spends no try.
cat > "$tmp/keys" <<KEYS
kvn 30
enc 404142434445464748494A4B4C4D4E4F
mac 505152535455565758595A5B5C5D5E5F
dek 606162636465666768696A6B6C6D6E6F
KEYS
# All three keys other: with the right Key-MAC both cryptograms would
# match, and only the first encrypted command would fail.
sed -e 's/^enc 40/enc 41/' -e 's/^mac 50/mac 51/' -e 's/^dek 60/dek 61/' "$tmp/keys" > "$tmp/other"
scp03_fresh() {
	both_fresh && "$persocard" set-keys 2 "$tmp/keys" &&
		"$persocard" set-keys 3 "$tmp/keys"
}
ok "cards 2 and 3 fresh, identity, with an SCP03 key set" scp03_fresh
"$persocard" personalize --pcsc -c 2 --scp03="$tmp/keys" --level=all \
	examples/identity.perso > "$tmp/pcsc.out" 2> "$tmp/pcsc.err"
is "$?" 0 "personalize --pcsc --scp03 --level all succeeds"
"$persocard" personalize -c 3 --scp03="$tmp/keys" --level=all \
	examples/identity.perso > "$tmp/ioctl.out" 2> "$tmp/ioctl.err"
is "$?" 0 "personalize --scp03 --level all (ioctls) succeeds"
is "$(cat "$tmp/pcsc.out")" "$(cat "$tmp/ioctl.out")" "both print the same lines over SCP03"
is "$(cat "$tmp/pcsc.err")" "" "nothing on stderr over PC/SC"
is "$(head -n 4 "$tmp/pcsc.out" | cut -d: -f1 | tr '\n' ' ')" \
	"select enable initialize-update external-authenticate " \
	"SELECT, ENABLE, INITIALIZE UPDATE, EXTERNAL AUTHENTICATE first"
is "$(tail -n 1 "$tmp/pcsc.out")" "set-status: OK (SW 9000), PERSONALIZED" \
	"SET STATUS last"
is "$(cat "$(sysfs_card 2)/state")" personalized "card 2 is personalized over SCP03"
"$persocard" factory-reset -c 2
"$persocard" personalize --pcsc -c 2 --scp03="$tmp/other" examples/identity.perso \
	> /dev/null 2> "$tmp/err"
is "$?" 1 "another key set over PC/SC exits 1"
# On a failure the message is shown whole, as "got".
is "$(grep -o "the card cryptogram does not match" "$tmp/err" || cat "$tmp/err")" \
	"the card cryptogram does not match" "and says the card cryptogram does not match"
is "$(cat "$(sysfs_card 2)/state") $(cat "$(sysfs_card 2)/tries_left")" "semi-finished 3" \
	"card 2 is SEMI_FINISHED, no try spent"
for n in 2 3; do
	"$persocard" factory-reset -c "$n" && "$persocard" set-keys "$n" none
done

# pcscd holds every card open: unload must say so, and change nothing.
"$persocard" unload > /dev/null 2> "$tmp/err"
is "$?" 3 "unload while pcscd runs exits 3"
grep -q pcscd "$tmp/err"
tap_result $? "and names pcscd"
[ -e /dev/persocard0 ]
tap_result $? "the module is still loaded"
done_testing
