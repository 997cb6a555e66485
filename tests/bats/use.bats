#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
#
# persocard use: a locked card's application. The identity card's
# authentication is checked by OpenSSL from public information only: the
# card's public key as the card gives it, and the verifier's own
# ephemeral key.

load helpers

setup_file() {
	load_module nr_cards=3 nvm_size=16384
}

teardown_file() {
	unload_module
}

# x25519_key FILE: a new X25519 private key, PEM; prints its raw 32 bytes.
x25519_key() {
	openssl genpkey -algorithm X25519 -out "$1" 2>/dev/null &&
		openssl pkey -in "$1" -outform DER | tail -c 32 | tohex
}

# x25519_pub FILE: the raw public key of a private key file, as OpenSSL
# derives it.
x25519_pub() {
	openssl pkey -in "$1" -pubout -outform DER | tail -c 32 | tohex
}

# pub_pem HEX FILE: a raw X25519 public key as a PEM SubjectPublicKeyInfo.
pub_pem() {
	{
		echo "-----BEGIN PUBLIC KEY-----"
		printf '302a300506032b656e032100%s' "$1" | xxd -r -p | base64
		echo "-----END PUBLIC KEY-----"
	} > "$2"
}

# identity_card N: an identity card with random auth and sign keys
# (their PEM files in $BATS_TEST_TMPDIR), personalized and locked.
identity_card() {
	local auth sign
	fresh_card "$1" identity
	auth=$(x25519_key "$BATS_TEST_TMPDIR/auth.pem")
	sign=$(x25519_key "$BATS_TEST_TMPDIR/sign.pem")
	sed -e "s/^auth_key .*/auth_key $auth/" "$EXAMPLES/identity.perso" \
		> "$BATS_TEST_TMPDIR/id.perso"
	echo "sign_key $sign" >> "$BATS_TEST_TMPDIR/id.perso"
	cp "$EXAMPLES/identity-cert.der" "$BATS_TEST_TMPDIR/"
	pc personalize -c "$1" --code 1234 "$BATS_TEST_TMPDIR/id.perso" >/dev/null
}

@test "use identity: the holder's data, and public keys equal to OpenSSL's" {
	identity_card 0
	run --separate-stderr pc use -c 0 --json identity
	assert_success
	assert_equal "$(jqr .document_number)" L898902C3
	assert_equal "$(jqr .surname)" ERIKSSON
	assert_equal "$(jqr .birth_date)" 690812
	assert_equal "$(jqr .auth_public_key)" \
		"$(x25519_pub "$BATS_TEST_TMPDIR/auth.pem" | tr a-f A-F)"
	assert_equal "$(jqr .sign_public_key)" \
		"$(x25519_pub "$BATS_TEST_TMPDIR/sign.pem" | tr a-f A-F)"
	assert_equal "$(jqr .certificate)" \
		"$(tohex < "$EXAMPLES/identity-cert.der" | tr a-f A-F)"
}

@test "use identity auth: the card's answer is what OpenSSL derives from the public key" {
	local pub eph answer
	identity_card 0
	pub=$(pc use -c 0 --json identity | jq -r .auth_public_key)
	pub_pem "$pub" "$BATS_TEST_TMPDIR/card.pem"
	eph=$(x25519_key "$BATS_TEST_TMPDIR/eph.pem" >/dev/null &&
		x25519_pub "$BATS_TEST_TMPDIR/eph.pem")
	run --separate-stderr pc use -c 0 --json identity auth "$eph"
	assert_success
	answer=$(jqr .response)
	assert_equal "$answer" "$(openssl pkeyutl -derive \
		-inkey "$BATS_TEST_TMPDIR/eph.pem" \
		-peerkey "$BATS_TEST_TMPDIR/card.pem" |
		sha256sum | cut -c1-64 | tr a-f A-F)"
}

@test "use identity auth --key=sign: the PIN first (6982 without it), then OpenSSL agrees" {
	local pub eph
	identity_card 0
	pub=$(pc use -c 0 --json identity | jq -r .sign_public_key)
	pub_pem "$pub" "$BATS_TEST_TMPDIR/card.pem"
	x25519_key "$BATS_TEST_TMPDIR/eph.pem" >/dev/null
	eph=$(x25519_pub "$BATS_TEST_TMPDIR/eph.pem")
	pc reset -c 0 >/dev/null
	run --separate-stderr pc use -c 0 --key=sign identity auth "$eph"
	assert_failure 1
	assert_stderr_has "6982"
	run --separate-stderr pc use -c 0 --key=sign --pin=123456 identity auth "$eph"
	assert_success
	assert_line --index 0 "verify: OK"
	assert_line --index 1 "response: $(openssl pkeyutl -derive \
		-inkey "$BATS_TEST_TMPDIR/eph.pem" \
		-peerkey "$BATS_TEST_TMPDIR/card.pem" |
		sha256sum | cut -c1-64 | tr a-f A-F)"
}

@test "use identity verify: wrong PIN 63C2, 63C1, right restores; blocked 6983" {
	identity_card 0
	run --separate-stderr pc use -c 0 identity verify 999999
	assert_failure 1
	assert_stderr_has "63C2"
	run --separate-stderr pc use -c 0 identity verify 123456
	assert_success
	assert_output "verify: OK"
	for _ in 1 2 3; do
		pc use -c 0 identity verify 000000 2>/dev/null || true
	done
	run --separate-stderr pc use -c 0 identity verify 123456
	assert_failure 1
	assert_stderr_has "6983"
}

@test "use: bad arguments exit 2 and send nothing; a card of another profile or not locked is refused" {
	identity_card 0
	run --separate-stderr pc use -c 0 identity auth 1234
	assert_failure 2
	run --separate-stderr pc use -c 0 --key=both identity auth "$(printf '%064d' 9)"
	assert_failure 2
	run --separate-stderr pc use -c 0 identity verify 12a4
	assert_failure 2
	run --separate-stderr pc use -c 0 identity frobnicate
	assert_failure 2
	run --separate-stderr pc use -c 0 payment
	assert_failure 2
	assert_stderr_has "its profile is identity, not payment"
	run --separate-stderr pc use -c 0 fortune
	assert_failure 2
	fresh_card 1 identity
	run --separate-stderr pc use -c 1 identity
	assert_failure 1
	assert_stderr_has "is SEMI_FINISHED"
	assert_untouched 1
}

@test "before LOCK the application answers 6985, and the card is as it was" {
	fresh_card 1 identity
	run --separate-stderr pc apdu -c 1 00A4020C020101 00B0000000
	assert_failure 1
	assert_line --index 0 6985
	assert_line --index 1 6985
	run --separate-stderr pc apdu -c 1 00A4040C08F0504552534F4944
	assert_line --index 0 6A82
	assert_untouched 1
}

# arqc_ref ATC DATA: the ARQC tests/pcsc/emv_ref.py (python3-cryptography)
# computes from the example card's MK-AC.
arqc_ref() {
	/usr/bin/python3 -c '
import sys
sys.path.insert(0, sys.argv[1])
import emv_ref
mk = bytes.fromhex("0123456789ABCDEFFEDCBA9876543210")
print(emv_ref.arqc(mk, int(sys.argv[2], 16), bytes.fromhex(sys.argv[3])).hex().upper())
' "$BATS_TEST_DIRNAME/../pcsc" "$1" "$2"
}

payment_card() {
	fresh_card "$1" payment
	pc personalize -c "$1" --code 1234 "$EXAMPLES/payment.perso" >/dev/null
}

@test "use payment: the PAN, expiry and cardholder the data file gave, through PPSE, GPO and the records" {
	payment_card 0
	run --separate-stderr pc use -c 0 --json payment
	assert_success
	assert_equal "$(jqr '[.aid, .label, .pan, .expiry, .cardholder, .atc, .pin_tries] | @tsv')" \
		"$(printf 'A0000000041010\tMASTERCARD\t5413330089010434\t271231\tSMITH/JOHN\t0\t3')"
}

@test "use payment ac: each ARQC is the Python reference's, the ATC one up each time" {
	local atc data
	payment_card 0
	for want in 0001 0002 0003; do
		run --separate-stderr pc use -c 0 --json --amount=1250 --un=0A0B0C0D payment ac
		assert_success
		atc=$(jqr .atc)
		assert_equal "$atc" "$want"
		assert_equal "$(jqr .cid)" 80
		data=$(jqr '.cdol1_data + .aip + .atc')
		assert_equal "$(jqr .ac)" "$(arqc_ref "$atc" "$data")"
		# The amount went in as n12 BCD: 000000001250
		assert_equal "$(jqr '.cdol1_data[0:12]')" 000000001250
	done
	run --separate-stderr pc use -c 0 --json payment
	assert_equal "$(jqr .atc)" 3
	run --separate-stderr pc use -c 0 --json payment ac aac
	assert_equal "$(jqr .cid)" 00
}

@test "use payment ac across power cuts: the ATC never repeats" {
	local seen=" " atc n
	payment_card 0
	for n in 0 1 2 3 4 5 6 7; do
		pc power-cut 0 "$n" 10 >/dev/null
		if pc use -c 0 --json payment ac >"$BATS_TEST_TMPDIR/ac" 2>/dev/null; then
			atc=$(jq -r .atc "$BATS_TEST_TMPDIR/ac")
			[[ $seen != *" $atc "* ]] || fail "ATC $atc answered twice"
			seen+="$atc "
		fi
		pc power-cut 0 off >/dev/null 2>&1 || true
		pc power-up 0 >/dev/null
	done
	run --separate-stderr pc use -c 0 --json payment ac
	assert_success
	atc=$(jqr .atc)
	[[ $seen != *" $atc "* ]] || fail "ATC $atc answered twice"
	# Every answered ATC is below the last, and none of them repeats.
	for n in $seen; do
		(( 16#$n < 16#$atc )) || fail "ATC $n not below $atc"
	done
}

@test "use payment verify: offline PIN 1234; wrong ones count down to 6983" {
	payment_card 0
	run --separate-stderr pc use -c 0 payment verify 1234
	assert_success
	run --separate-stderr pc use -c 0 payment verify 4321
	assert_failure 1
	assert_stderr_has "63C2"
	run --separate-stderr pc use -c 0 --json payment
	assert_equal "$(jqr .pin_tries)" 2
}

sim_card() {
	fresh_card "$1" sim
	pc personalize -c "$1" --code 1234 "$EXAMPLES/sim.perso" >/dev/null
}

# osmo FIELD RAND SQN: a field of Debian's osmo-auc-gen vector for the
# example card's Ki and OPc (tests/pcsc/osmo_auc.py runs the tool).
osmo() {
	/usr/bin/python3 -c '
import sys
sys.path.insert(0, sys.argv[1])
import osmo_auc
v = osmo_auc.osmo_auc_gen("465B5CE8B199B49FAA5F0A2EE238A6BC",
                          "CD63CB71954A9F4E48A5994E37A02BAF", sys.argv[3], int(sys.argv[4]))
print(v[sys.argv[2]].upper())
' "$BATS_TEST_DIRNAME/../pcsc" "$1" "$2" "$3"
}

@test "use sim: the ICCID, IMSI and SPN the data file gave; MSISDN after PIN1" {
	sim_card 0
	run --separate-stderr pc use -c 0 --json sim
	assert_success
	assert_equal "$(jqr '[.iccid, .imsi, .spn] | @tsv')" \
		"$(printf '8944100000123456789\t001010123456789\tExample Mobile')"
	assert_equal "$(jqr .msisdn)" null
	run --separate-stderr pc use -c 0 --json --pin=1234 sim
	assert_success
	assert_equal "$(jqr .msisdn)" 0791447700091032FFFFFFFFFFFF
}

@test "use sim auth: RES, CK, IK and Kc are osmo-auc-gen's; a replay gets AUTS" {
	local rand=23553CBE9637A89D218AE64DAE47BF35 autn
	sim_card 0
	autn=$(osmo AUTN "$rand" 33)
	run --separate-stderr pc use -c 0 --json --pin=1234 sim auth "$rand" "$autn"
	assert_success
	assert_equal "$(jqr .res)" "$(osmo RES "$rand" 33)"
	assert_equal "$(jqr .ck)" "$(osmo CK "$rand" 33)"
	assert_equal "$(jqr .ik)" "$(osmo IK "$rand" 33)"
	assert_equal "$(jqr .kc)" "$(osmo Kc "$rand" 33)"
	run --separate-stderr pc use -c 0 --json --pin=1234 sim auth "$rand" "$autn"
	assert_success
	assert_equal "$(jqr '.auts | length')" 28
	run --separate-stderr pc use -c 0 --pin=1234 sim auth "$rand" "$(printf '%032d' 0)"
	assert_failure 1
	assert_stderr_has "9862"
	run --separate-stderr pc use -c 0 sim auth "$rand" 0011
	assert_failure 2
}

@test "use sim: PIN1 blocked after three wrong ones, unblocked with PUK1 and a new PIN" {
	sim_card 0
	for want in 63C2 63C1 63C0; do
		run --separate-stderr pc use -c 0 sim verify 9999
		assert_failure 1
		assert_stderr_has "$want"
	done
	run --separate-stderr pc use -c 0 sim verify 1234
	assert_stderr_has "6983"
	run --separate-stderr pc use -c 0 sim unblock 87654321 4321
	assert_failure 1
	assert_stderr_has "63C9"
	run --separate-stderr pc use -c 0 sim unblock 12345678 4321
	assert_success
	run --separate-stderr pc use -c 0 sim verify 4321
	assert_success
	run --separate-stderr pc use -c 0 sim verify 1234
	assert_stderr_has "63C2"
}
