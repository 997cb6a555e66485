#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
#
# The value and tag syntax on shell lines, and read's output formats.
# Card 1 is personalized once for the whole file (read-only tests); card 0
# is made fresh for the tests that write.

load helpers

setup_file() {
	load_module nr_cards=2
	fresh_card 1 payment
	# The fixture without records_2, an optional public element.
	grep -v '^258 ' "$DATA/payment.perso" > "$BATS_FILE_TMPDIR/payment.perso"
	cp -r "$DATA/keys" "$BATS_FILE_TMPDIR/"
	pc personalize -c 1 --code 1234 "$BATS_FILE_TMPDIR/payment.perso" >/dev/null
}

teardown_file() {
	unload_module
}

setup() {
	[[ $(attr 1 state) == personalized ]] ||
		fail "setup_file could not personalize card 1"
}

# The mandatory PUT lines; SKIP names those a test replaces.
REST=(
	'put records 70 10 5A 08 54 13 33 00 89 01 04 34 5F 24 03 27 12 31'
	'put pan 5413330089010434'
	'put expiry 271231'
	'put select_response 6F00'
	'put gpo_response 7700'
	'put key_check_values A1B2C3'
	'put pin_try_limit 0303'
	'put icc_keys 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F202122232425262728292A2B2C2D2E2F'
	'put pin_block 241234FFFFFFFFFF'
)

# shell_perso "PUT LINE..." "READ TAG..." ["SKIP..."]: a whole
# personalization of card 0 in one shell, the given PUT lines first, the
# lines of REST for the other elements (those not named by the PUT lines
# or SKIP), then the reads: their answers are in READ.
shell_perso() {
	local -a puts reads
	local l tag skip=" ${3:-} "
	read -r -a reads <<<"$2"
	mapfile -t puts <<<"$1"
	for l in "${puts[@]}"; do
		read -r _ tag _ <<<"$l"
		skip+="$tag "
	done
	fresh_card 0 payment
	{
		printf '%s\n' enable 'verify 1234' "${puts[@]}"
		for l in "${REST[@]}"; do
			read -r _ tag _ <<<"$l"
			[[ $skip == *" $tag "* ]] || printf '%s\n' "$l"
		done
		echo lock
		for tag in "${reads[@]}"; do
			echo "read $tag"
		done
	} > "$BATS_TEST_TMPDIR/s"
	run --separate-stderr pc shell -c 0 < "$BATS_TEST_TMPDIR/s"
	assert_success
	assert_stderr_empty
	assert_equal "${lines[-${#reads[@]} - 1]}" "lock: OK (SW 9000), PERSONALIZED"
	READ=("${lines[@]: -${#reads[@]}}")
}

@test "put: hex with blanks, after hex:, in either case" {
	shell_perso 'put records hex:70 10 5a 08 54 13 33 00 89 01 04 34 5F 24 03 27 12 31
put pan 54 13 33 00 89 01 04 34
put select_response hex:6f1A  # a comment' 'records pan select_response'
	assert_equal "${READ[*]}" "70105A0854133300890104345F2403271231 5413330089010434 6F1A"
}

@test "put: tags by number, in hexadecimal with 0x or in decimal" {
	# 0x5A00 is pan, 37124 gpo_response (0x9104), 258 records_2 (0x0102).
	shell_perso 'put 0x5A00 5413330089010434
put 37124 7781
put 258 0A' 'pan gpo_response records_2' 'pan gpo_response'
	assert_equal "${READ[*]}" "5413330089010434 7781 0A"
	# The PUT lines name the elements given by number.
	assert_equal "$(printf '%s\n' "${lines[@]:2:3}")" \
"put: pan (0x5A00, 8 bytes): OK (SW 9000), PERSONALIZING
put: gpo_response (0x9104, 2 bytes): OK (SW 9000), PERSONALIZING
put: records_2 (0x0102, 1 byte): OK (SW 9000), PERSONALIZING"
}

@test "put: quoted text with every escape, and text: verbatim" {
	shell_perso 'put app_data "A\x01\"B\\C\n\tD"
put cardholder text:SMITH/JOHN "JR" # ok 
put records_2 "x y" # a comment' 'app_data cardholder records_2'
	assert_equal "${READ[0]}" 410122425C430A0944
	assert_equal "${READ[1]}" "$(texthex 'SMITH/JOHN "JR" # ok ' | tr a-f A-F)"
	assert_equal "${READ[2]}" 782079
}

@test "put: @FILE, its raw bytes" {
	printf '\x77\x00\x0a\xff\x20' > "$BATS_TEST_TMPDIR/gpo.bin"
	shell_perso "put gpo_response @$BATS_TEST_TMPDIR/gpo.bin" gpo_response
	assert_equal "${READ[0]}" 77000AFF20
}

@test "put: @FILE larger than 1024 bytes is a usage error; nothing sent" {
	fresh_card 0 identity
	printf '%s\n' enable 'verify 1234' "put portrait @$DATA/big.bin" status \
		> "$BATS_TEST_TMPDIR/s"
	run --separate-stderr pc shell -c 0 < "$BATS_TEST_TMPDIR/s"
	assert_failure 2
	assert_prefixed
	assert_equal "${lines[-1]}" "status: PERSONALIZING, tries left 3/3, session: ours"
}

@test "put: a tag number the profile lacks is sent: 6A88" {
	fresh_card 0 payment
	printf '%s\n' enable 'verify 1234' 'put 0x6F07 01' status \
		> "$BATS_TEST_TMPDIR/s"
	run --separate-stderr pc shell -c 0 < "$BATS_TEST_TMPDIR/s"
	assert_failure 1
	assert_stderr_has "(SW 6A88)"
	assert_equal "${lines[-1]}" "status: SEMI_FINISHED, tries left 3/3, session: no"
}

@test "read: upper-case hexadecimal and a newline by default" {
	pc read -c 1 pan > "$BATS_TEST_TMPDIR/out"
	assert_equal "$(tohex < "$BATS_TEST_TMPDIR/out")" "$(texthex $'5413330089010434\n')"
	run --separate-stderr pc read -c 1 --format hex key_check_values
	assert_success
	assert_output A1B2C3D4E5F6
}

@test "read --format text: the text and a newline; raw: the bytes alone" {
	pc read -c 1 --format text cardholder > "$BATS_TEST_TMPDIR/text"
	pc read -c 1 --format raw app_data > "$BATS_TEST_TMPDIR/raw"
	assert_equal "$(tohex < "$BATS_TEST_TMPDIR/text")" "$(texthex $'SMITH/JOHN\n')"
	assert_equal "$(tohex < "$BATS_TEST_TMPDIR/raw")" 410122425c430a09
}

@test "read --json: tag, name, len, hex" {
	run --separate-stderr pc read -c 1 --json pan
	assert_success
	assert_equal "$(jqr tojson)" \
		'{"tag":23040,"name":"pan","len":8,"hex":"5413330089010434"}'
}

@test "read by number: 0x5a00 and 23040 are pan" {
	local t
	for t in 0x5a00 23040; do
		run --separate-stderr pc read -c 1 --json "$t"
		assert_success
		assert_equal "$t: $(jqr '"\(.name) \(.hex)"')" "$t: pan 5413330089010434"
	done
}

@test "read of a secret element: exit 1, 6982, nothing on stdout" {
	run --separate-stderr pc read -c 1 pin_block
	assert_failure 1
	assert_output ""
	assert_equal "$stderr" \
		"persocard: read: pin_block: security status not satisfied (SW 6982)"
	run --separate-stderr pc read -c 1 --json icc_keys
	assert_failure 1
	assert_output ""
	assert_stderr_has "(SW 6982)"
}

@test "read of an element never stored, of a tag number the profile lacks: 6A88" {
	run --separate-stderr pc read -c 1 records_2
	assert_failure 1
	assert_output ""
	[[ $stderr == "persocard: read: records_2: "*"(SW 6A88)" ]] || fail "$stderr"
	run --separate-stderr pc read -c 1 0x6F07
	assert_failure 1
	assert_stderr_has "(SW 6A88)"
}
