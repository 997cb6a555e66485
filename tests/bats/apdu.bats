#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
#
# apdu: raw command APDUs in one session, their output, the card's answers
# to malformed ones, bad input, a card out of its reader; info's ATR; and
# personalize --pcsc without pcscd (the PC/SC path itself is tested in
# tests/pcsc, with pcscd and the IFD handler).

load helpers

setup_file() {
	load_module nr_cards=2
}

teardown_file() {
	unload_module
}

setup() {
	fresh_card 0
}

teardown() {
	# A test that took the card out puts it back, even when it failed.
	echo 1 > "$SYSFS/persocard0/present"
}

# status_hex N: what GET STATUS answers for card N, fresh: SEMI_FINISHED,
# payment, no session, 3 tries of 3, the serial.
status_hex() {
	local s
	s=$(attr "$1" serial)
	printf '0101000303%s' "${s^^}"
}

@test "apdu: GET STATUS and a tag descriptor, one line each: data, blank, SW" {
	run --separate-stderr pc apdu 80F2000000 "80 F2 01 02 00"
	assert_success
	assert_stderr_empty
	assert_equal "${#lines[@]}" 2
	assert_equal "${lines[0]}" "$(status_hex 0) 9000"
	# pan: 5A00, 5 to 10 bytes, mandatory, of 13 elements, "pan".
	assert_equal "${lines[1]}" "5A000005000A010D70616E 9000"
}

@test "apdu: a whole personalization from standard input, a chained value, one session" {
	local key=$(printf '11%.0s' {1..48}) exp=$(printf 'A5%.0s' {1..255})
	run --separate-stderr pc apdu -c 0 <<EOF
# ENABLE, VERIFY "1234"
80E62000
80 20 00 00 04 31 32 33 34
80DA0101 05 7003570100      # records
80DA5A00 08 5413330089600010  # pan
80DA5F24 03 291231
80DA9102 03 6F0184
80DA9104 03 770182
80DA9000 06 8B4F271C9A05
80DA9010 02 0303
80DA8000 30 $key
80DA8010 08 2412 34FF FFFF FFFF
# rsa_private_exp, 256 bytes: a block of 255 (CLA 90), then the last one
90DA8101 FF $exp
80DA8101 01 A5
80F2000000
EOF
	assert_success
	assert_stderr_empty
	assert_equal "${#lines[@]}" 14
	local i
	for i in {0..12}; do
		assert_equal "APDU $((i + 1)): ${lines[i]}" "APDU $((i + 1)): 9000"
	done
	# PERSONALIZING, in a session of this open file's own.
	assert_equal "${lines[13]:0:10}" 0301030303
	assert_equal "${lines[13]: -5}" " 9000"
	# The command ended, its file closed: the session and its data gone.
	assert_state 0 semi-finished
	run --separate-stderr pc status --json
	assert_equal "$(jqr '[.state, .session] | map(tostring) | join(" ")')" \
		"SEMI_FINISHED false"
}

@test "apdu: LOCK in the same session commits; GET DATA and read agree" {
	local key=$(printf '11%.0s' {1..48})
	run --separate-stderr pc apdu 80E62000 "8020000004 31323334" \
		"80DA0101 05 7003570100" "80DA5A00 08 5413330089600010" \
		"80DA5F24 03 291231" "80DA9102 03 6F0184" "80DA9104 03 770182" \
		"80DA9000 06 8B4F271C9A05" "80DA9010 02 0303" "80DA8000 30 $key" \
		"80DA8010 08 241234FFFFFFFFFF" 80F0800F 80CA5A0000 80CA800000
	assert_failure 1
	assert_equal "${lines[11]}" 9000
	assert_equal "${lines[12]}" "5413330089600010 9000"
	assert_equal "${lines[13]}" 6982
	assert_equal "${stderr_lines[*]}" \
		"persocard: apdu: APDU 14: security status not satisfied (SW 6982)"
	assert_state 0 personalized
	run --separate-stderr pc read pan
	assert_success
	assert_output 5413330089600010
}

@test "apdu: a refusal prints its SW, is reported, exit 1; the next APDUs still go" {
	run --separate-stderr pc apdu 80E62000 "80 20 00 00 04 30 30 30 30" 80F2000000
	assert_failure 1
	assert_equal "${#lines[@]}" 3
	assert_equal "${lines[0]}" 9000
	assert_equal "${lines[1]}" 63C2
	# The wrong code aborted the session and cost a try.
	local s=$(attr 0 serial)
	assert_equal "${lines[2]}" "0101000203${s^^} 9000"
	assert_prefixed
	assert_equal "${stderr_lines[*]}" \
		"persocard: apdu: APDU 2: wrong perso code (SW 63C2)"
	assert_attr 0 tries_left 2
}

@test "apdu -e: stops at the first refusal" {
	run --separate-stderr pc apdu -e 80E62100 80E62000
	assert_failure 1
	assert_output 6A86
	assert_stderr_has "incorrect parameters P1-P2 (SW 6A86)"
	assert_untouched 0
}

@test "apdu: malformed APDUs get 6A80 6E00 6D00 6A86 6884 6C0D, and change nothing" {
	run --separate-stderr pc apdu "80E62000 01 00" 00E62000 80120000 \
		80E62100 90E62000 80F2000005 "80 20 00 00 05 31 32 33" \
		"80 CA 5A 00 00 00 05"
	assert_failure 1
	assert_equal "${lines[*]}" "6A80 6E00 6D00 6A86 6884 6C0D 6700 6985"
	assert_equal "${#stderr_lines[@]}" 8
	assert_stderr_has "APDU 2: class not supported (SW 6E00)"
	assert_stderr_has "APDU 3: instruction not supported (SW 6D00)"
	assert_stderr_has "APDU 5: command chaining not supported (SW 6884)"
	assert_stderr_has "APDU 6: wrong Le (SW 6C0D)"
	assert_untouched 0
}

@test "apdu: bad input is exit 2, names the APDU, and sends nothing" {
	run --separate-stderr pc apdu 80E62000 80E6200
	assert_failure 2
	assert_output ""
	assert_equal "${stderr_lines[*]}" \
		"persocard: apdu: APDU 2: odd number of hex digits (7)"
	run --separate-stderr pc apdu 80E62000 80E6
	assert_failure 2
	assert_stderr_has "APDU 2: 2 bytes, an APDU has at least 4 (CLA INS P1 P2)"
	run --separate-stderr pc apdu 80E62000 "80 E6 2G 00"
	assert_failure 2
	assert_stderr_has "APDU 2: 'G' is not a hex digit"
	run --separate-stderr pc apdu "$(printf '80%.0s' {1..1034})"
	assert_failure 2
	assert_stderr_has "APDU 1: APDU longer than 1033 bytes"
	run --separate-stderr pc apdu < <(printf '80E62000\n\n# two\n80E6 20\n')
	assert_failure 2
	assert_stderr_has "<stdin>:4: 3 bytes, an APDU has at least 4"
	run --separate-stderr pc apdu < <(printf '# nothing\n\n')
	assert_failure 2
	assert_stderr_has "no APDU on standard input"
	run --separate-stderr pc apdu --frob 80E62000
	assert_failure 2
	assert_prefixed
	assert_untouched 0
}

@test "apdu --json: an object per APDU, data and SW in hexadecimal" {
	run --separate-stderr pc apdu --json 80F2000000 80CA5A0000
	assert_failure 1
	assert_equal "$(jqr '[length, .[0].data, .[0].sw, .[1].data, .[1].sw] | map(tostring) | join(" ")')" \
		"2 $(status_hex 0) 9000  6985"
}

@test "apdu: an unknown card, a node of another driver: exit 3" {
	run --separate-stderr pc apdu -c 7 80F2000000
	assert_failure 3
	assert_output ""
	assert_equal "${stderr_lines[*]}" \
		"persocard: apdu: /dev/persocard7: No such file or directory"
	run --separate-stderr pc apdu -d /dev/null 80F2000000
	assert_failure 3
	assert_stderr_has "/dev/null: not a persocard card"
}

@test "a card out of its reader: apdu and status exit 3, 'out of its reader'; back in, it answers" {
	echo 0 > "$SYSFS/persocard0/present"
	run --separate-stderr pc apdu 80F2000000
	assert_failure 3
	assert_output ""
	assert_equal "${stderr_lines[*]}" \
		"persocard: apdu: /dev/persocard0: the card is out of its reader (sysfs present is 0)"
	run --separate-stderr pc status
	assert_failure 3
	assert_stderr_has "out of its reader"
	echo 1 > "$SYSFS/persocard0/present"
	run --separate-stderr pc apdu 80F2000000
	assert_success
	assert_output "$(status_hex 0) 9000"
}

@test "info: the ATR, in text and --json, as sysfs shows it; LOCK changes its life cycle" {
	local atr=$(attr 0 atr)
	[[ $atr == 3b8b018057504552534f0100810[0-9a-f]* ]] || fail "sysfs atr: $atr"
	run --separate-stderr pc info --json
	assert_success
	assert_equal "$(jqr '[.atr, (.caps | index("transmit") != null), (.caps | index("presence") != null)] | map(tostring) | join(" ")')" \
		"${atr^^} true true"
	run --separate-stderr pc personalize --code 1234 "$DATA/payment.perso"
	assert_success
	atr=$(attr 0 atr)
	# Life cycle 05: operational.
	[[ ${atr:26:2} == 05 ]] || fail "sysfs atr after LOCK: $atr"
	run --separate-stderr pc info
	assert_success
	assert_line "atr:           ${atr^^}"
	assert_line --regexp '^capabilities: .* transmit presence image scp03$'
}

@test "personalize --pcsc without pcscd: exit 3, a clear message, the card untouched" {
	[[ -e /run/pcscd/pcscd.comm ]] && skip "pcscd runs here: tests/pcsc covers it"
	run --separate-stderr pc personalize --pcsc --code 1234 "$DATA/payment.perso"
	assert_failure 3
	assert_output ""
	assert_equal "${stderr_lines[*]}" \
		"persocard: personalize: cannot reach pcscd (is it running?): Service not available."
	assert_untouched 0
}

@test "personalize --pcsc, --reader: usage errors are exit 2" {
	run --separate-stderr pc personalize --reader "persocard 00 00" --code 1234 "$DATA/payment.perso"
	assert_failure 2
	assert_equal "${stderr_lines[*]}" "persocard: personalize: --reader needs --pcsc"
	run --separate-stderr pc personalize --pcsc -d /dev/persocard0 --code 1234 "$DATA/payment.perso"
	assert_failure 2
	assert_stderr_has "not -d"
	run --separate-stderr pc personalize --pcsc -c 0 --reader x --code 1234 "$DATA/payment.perso"
	assert_failure 2
	assert_stderr_has "give one card"
	run --separate-stderr pc personalize --pcsc --reader "" --code 1234 "$DATA/payment.perso"
	assert_failure 2
	assert_stderr_has "empty reader name"
	assert_untouched 0
}
