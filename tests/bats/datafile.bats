#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
#
# Broken data files: personalize reads and checks the whole file before it
# sends anything, reports the first error as FILE:LINE and exits 2 with the
# card untouched (SEMI_FINISHED, still fresh: no ENABLE was sent).

load helpers

setup_file() {
	load_module nr_cards=1
}

teardown_file() {
	unload_module
}

# $F: a copy of the payment fixture, its key file named by absolute path.
setup() {
	local -a l
	fresh_card 0 payment
	F=$BATS_TEST_TMPDIR/payment.perso
	mapfile -t l < "$DATA/payment.perso"
	l=("${l[@]/#icc_keys*/icc_keys         @$DATA/keys/icc.bin}")
	printf '%s\n' "${l[@]}" > "$F"
}

# replace REGEX NEW: the first line of $F matching REGEX becomes NEW; its
# number in N.
replace() {
	local -a l
	N=$(line_of "$F" "$1") || fail "no line of $F matches $1"
	mapfile -t l < "$F"
	l[N - 1]=$2
	printf '%s\n' "${l[@]}" > "$F"
}

# append NEW: a last line; its number in N.
append() {
	local -a l
	mapfile -t l < "$F"
	printf '%s\n' "$1" >> "$F"
	N=$((${#l[@]} + 1))
}

# rejected [TEXT]: exit 2, "FILE:LINE:" (and TEXT) in the message, nothing
# printed on stdout (no command was sent), the card untouched.
rejected() {
	run --separate-stderr pc personalize -c 0 --code 1234 "$F"
	assert_failure 2
	assert_prefixed
	assert_stderr_has "$F:$N:"
	[[ -z ${1:-} ]] || assert_stderr_has "$1"
	assert_output ""
	assert_untouched 0
}

@test "the fixture itself is accepted (the tests below change one line)" {
	run --separate-stderr pc personalize -c 0 --code 1234 "$F"
	assert_success
	assert_state 0 personalized
}

@test "syntax: a tag without a value" {
	replace '^pan ' 'pan'
	rejected
}

@test "a tag the profile lacks, by name" {
	replace '^  cardholder' 'nickname "JOHNNY"'
	rejected "$F:$N: no element 'nickname' in the payment profile"
}

@test "a tag the profile lacks, by number" {
	append '0x1234 0102'
	rejected
}

@test "bad hexadecimal" {
	replace '^pan ' 'pan 5413330089010G34'
	rejected
}

@test "an odd number of hex digits" {
	replace '^pan ' 'pan 541333008901043'
	rejected
}

@test "an unterminated quote" {
	replace '^  cardholder' 'cardholder "SMITH/JOHN'
	rejected "$F:$N: cardholder: missing closing quote"
}

@test "junk after a quoted value" {
	replace '^  cardholder' 'cardholder "SMITH/JOHN" JUNK'
	rejected
}

@test "a value longer than its element's maximum" {
	replace '^  cardholder' 'cardholder "ABCDEFGHIJKLMNOPQRSTUVWXYZA"'
	rejected cardholder
}

@test "a value shorter than its element's minimum: the message of cli.rst" {
	replace '^pan ' 'pan 541333'
	rejected "$F:$N: pan: 3 bytes, must be 5 to 10"
}

@test "@FILE larger than 1024 bytes" {
	replace '^0x3000' "0x3000 @$DATA/big.bin"
	rejected
}

@test "a tag that appears twice: the message of cli.rst" {
	local first
	first=$(line_of "$F" '^pan ')
	append 'pan 5413330089010434'
	rejected "$F:$N: pan: given twice (first on line $first)"
}

@test "the same tag twice, by name and by number" {
	append '0x5A00 5413330089010434'
	rejected
}

@test "a missing @FILE" {
	replace '^icc_keys' 'icc_keys @keys/no_such_file.bin'
	rejected no_such_file.bin
}

@test "mandatory elements missing: named, no line number, exit 2, nothing sent" {
	sed -i -e '/^pin_block/d' -e '/^expiry/d' "$F"
	run --separate-stderr pc personalize -c 0 --code 1234 "$F"
	assert_failure 2
	assert_equal "$stderr" \
		"persocard: personalize: $F: missing mandatory elements: expiry (0x5F24), pin_block (0x8010)"
	assert_output ""
	assert_untouched 0
}

@test "a data file that does not exist: exit 2, the message of cli.rst" {
	F=$BATS_TEST_TMPDIR/none.perso
	run --separate-stderr pc personalize -c 0 --code 1234 "$F"
	assert_failure 2
	assert_equal "$stderr" \
		"persocard: personalize: $F: No such file or directory"
	assert_untouched 0
}

@test "a profile line for another profile" {
	replace '^profile' 'profile sim'
	rejected "$F:$N: the file is for a sim card, the card is payment"
}

@test "a payment file for a SIM card: refused at its profile line" {
	fresh_card 0 sim
	N=$(line_of "$F" '^profile')
	rejected "$F:$N: the file is for a payment card, the card is sim"
}

@test "a profile line after the elements is still checked first" {
	sed -i '/^profile/d' "$F"
	append 'profile bank'
	replace '^pan ' 'pan 5413330089010G34'
	N=$(line_of "$F" '^profile')
	rejected "$F:$N: unknown profile 'bank'"
}

@test "a profile line for another card, after the elements: checked first against the card" {
	sed -i '/^profile/d' "$F"
	append 'profile sim'
	replace '^  cardholder' 'nickname "JOHNNY"'
	N=$(line_of "$F" '^profile')
	rejected "$F:$N: the file is for a sim card, the card is payment"
}

@test "the first error is the one reported" {
	replace '^pan ' 'pan 5413330089010G34'
	local first=$N
	replace '^pin_block' 'pin_block 24123'
	N=$first
	rejected
	[[ $stderr != *"$F:$(line_of "$F" '^pin_block'):"* ]] ||
		fail "the second error was reported: $stderr"
}
