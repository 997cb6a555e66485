#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
#
# persocard shell: scripts that walk the state machine, right and wrong
# paths, -e, and sessions held by a running shell against other processes
# and against SIGKILL.

load helpers

setup_file() {
	load_module nr_cards=2
}

teardown_file() {
	unload_module
}

setup() {
	fresh_card 0 payment
	S=$BATS_TEST_TMPDIR/script
}

teardown() {
	kill_shell
}

# The PUT lines of a complete payment personalization.
PUTS=(
	'put records 70 10 5A 08 54 13 33 00 89 01 04 34 5F 24 03 27 12 31'
	'put pan 5413330089010434'
	'put expiry 271231'
	'put select_response 6F1A840E315041592E5359532E4444463031'
	'put gpo_response 770A82021980940408010100'
	'put key_check_values A1B2C3'
	'put pin_try_limit 0303'
	'put icc_keys 000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F202122232425262728292A2B2C2D2E2F'
	'put pin_block 241234FFFFFFFFFF'
)

# script LINE...: the shell script $S.
script() {
	printf '%s\n' "$@" > "$S"
}

# count TEXT: how many stdout lines are TEXT.
count() {
	local l n=0
	for l in "${lines[@]}"; do
		[[ $l == "$1" ]] && ((++n))
	done
	echo "$n"
}

@test "shell < script: a failed VERIFY, then ENABLE again and a whole personalization" {
	script enable 'verify 9999' enable verify "${PUTS[@]}" lock
	run --separate-stderr pc shell -c 0 --code 1234 < "$S"
	# The exit status is that of the last command that failed: VERIFY.
	assert_failure 1
	assert_equal "$stderr" "persocard: verify: wrong perso code, 2 tries left (SW 63C2)"
	assert_equal "${lines[0]}" "enable: OK (SW 9000), READY"
	assert_equal "${lines[1]}" "enable: OK (SW 9000), READY"
	assert_equal "${lines[2]}" "verify: OK (SW 9000), PERSONALIZING"
	assert_equal "${#lines[@]}" $((${#PUTS[@]} + 4))
	# Each PUT names its element: name, tag (module/profile.c), length.
	assert_equal "$(printf '%s\n' "${lines[@]:3:${#PUTS[@]}}")" \
"put: records (0x0101, 18 bytes): OK (SW 9000), PERSONALIZING
put: pan (0x5A00, 8 bytes): OK (SW 9000), PERSONALIZING
put: expiry (0x5F24, 3 bytes): OK (SW 9000), PERSONALIZING
put: select_response (0x9102, 18 bytes): OK (SW 9000), PERSONALIZING
put: gpo_response (0x9104, 12 bytes): OK (SW 9000), PERSONALIZING
put: key_check_values (0x9000, 3 bytes): OK (SW 9000), PERSONALIZING
put: pin_try_limit (0x9010, 2 bytes): OK (SW 9000), PERSONALIZING
put: icc_keys (0x8000, 48 bytes): OK (SW 9000), PERSONALIZING
put: pin_block (0x8010, 8 bytes): OK (SW 9000), PERSONALIZING"
	assert_equal "${lines[-1]}" "lock: OK (SW 9000), PERSONALIZED"
	assert_state 0 personalized
	assert_attr 0 tries_left 3
}

@test "shell SCRIPT: the commands from a file; read gives upper-case hex" {
	script enable 'verify 1234' "${PUTS[@]}" lock 'read key_check_values' \
		'read pan' status
	run --separate-stderr pc shell -c 0 "$S" </dev/null
	assert_success
	assert_stderr_empty
	assert_equal "${lines[-4]}" "lock: OK (SW 9000), PERSONALIZED"
	assert_equal "${lines[-3]}" A1B2C3
	assert_equal "${lines[-2]}" 5413330089010434
	assert_equal "${lines[-1]}" "status: PERSONALIZED, tries left 3/3, session: no"
	assert_state 0 personalized
}

@test "-e stops at the first command that fails" {
	script enable 'verify 9999' enable 'verify 1234' "${PUTS[@]}" lock
	run --separate-stderr pc shell -e -c 0 "$S" </dev/null
	assert_failure 1
	assert_stderr_has "(SW 63C2)"
	assert_equal "$output" "enable: OK (SW 9000), READY"
	assert_state 0 semi-finished
	assert_attr 0 tries_left 2
}

@test "an unknown command: usage error (2), the message of cli.rst; the shell goes on" {
	script frobnicate enable
	run --separate-stderr pc shell -c 0 < "$S"
	assert_failure 2
	assert_equal "$stderr" "persocard: shell: unknown command 'frobnicate' (try help)"
	assert_output "enable: OK (SW 9000), READY"
	# The session ended with the process.
	assert_state 0 semi-finished
	assert_fresh 0 0
}

@test "--errexit: an unknown command stops the shell, exit 2, nothing sent" {
	script frobnicate enable
	run --separate-stderr pc shell --errexit -c 0 < "$S"
	assert_failure 2
	assert_stderr_has frobnicate
	assert_output ""
	assert_untouched 0
}

@test "lock with mandatory elements missing names them (6A80); the session ends" {
	script enable 'verify 1234' 'put pan 5413330089010434' 'put expiry 271231' \
		lock status
	run --separate-stderr pc shell -c 0 < "$S"
	assert_failure 1
	assert_equal "$stderr" "persocard: lock: incorrect data, missing: records (0x0101), select_response (0x9102), gpo_response (0x9104), key_check_values (0x9000), pin_try_limit (0x9010), icc_keys (0x8000), pin_block (0x8010) (SW 6A80)"
	assert_equal "${lines[-1]}" "status: SEMI_FINISHED, tries left 3/3, session: no"
	assert_state 0 semi-finished
}

@test "blank lines and # comments are skipped; quit leaves" {
	script '# a comment' '' '   ' '   # indented comment' enable quit 'verify 9999'
	run --separate-stderr pc shell -c 0 < "$S"
	assert_success
	assert_stderr_empty
	assert_output "enable: OK (SW 9000), READY"
	assert_attr 0 tries_left 3
	assert_state 0 semi-finished
}

@test "verify: a hex: code, or none for PERSOCARD_CODE; reset ends the session" {
	export PERSOCARD_CODE=1234
	script enable 'verify hex:31323334' status reset enable verify
	run --separate-stderr pc shell -c 0 < "$S"
	assert_success
	assert_stderr_empty
	assert_equal "$output" "enable: OK (SW 9000), READY
verify: OK (SW 9000), PERSONALIZING
status: PERSONALIZING, tries left 3/3, session: ours
reset: OK (SW 9000), SEMI_FINISHED
enable: OK (SW 9000), READY
verify: OK (SW 9000), PERSONALIZING"
}

@test "shell SCRIPT --code-file -: the code from standard input" {
	script enable verify status
	run --separate-stderr pc shell -c 0 --code-file - "$S" <<<1234
	assert_success
	assert_equal "${lines[-1]}" "status: PERSONALIZING, tries left 3/3, session: ours"
	# Commands from standard input too: a usage error, nothing sent.
	fresh_card 0 payment
	run --separate-stderr pc shell -c 0 --code-file - < "$S"
	assert_failure 2
	assert_prefixed
	assert_output ""
	assert_untouched 0
}

@test "shell without a code: verify is a usage error; a bad PERSOCARD_CODE exits 2" {
	script enable verify status
	run --separate-stderr pc shell -c 0 < "$S"
	assert_failure 2
	assert_prefixed
	assert_equal "$output" "enable: OK (SW 9000), READY
status: READY, tries left 3/3, session: ours"
	assert_attr 0 tries_left 3
	fresh_card 0 payment
	export PERSOCARD_CODE=12
	run --separate-stderr pc shell -c 0 < "$S"
	assert_failure 2
	assert_prefixed
	assert_output ""
	assert_untouched 0
}

@test "put of a wrong length: 'put: pan: wrong length (SW 6700)'; the session ends" {
	script enable 'verify 1234' 'put pan 0102' status
	run --separate-stderr pc shell -c 0 < "$S"
	assert_failure 1
	assert_equal "$stderr" "persocard: put: pan: wrong length (SW 6700)"
	assert_equal "${lines[-1]}" "status: SEMI_FINISHED, tries left 3/3, session: no"
}

@test "put before verify: refused with 6985; the refusal ended the session" {
	script enable 'put pan 5413330089010434' 'verify 1234'
	run --separate-stderr pc shell -c 0 < "$S"
	assert_failure 1
	assert_equal "${#stderr_lines[@]}" 2
	[[ ${stderr_lines[0]} == "persocard: put: pan: "*"(SW 6985)" ]] ||
		fail "put: ${stderr_lines[0]}"
	# VERIFY in SEMI_FINISHED: refused too, and no try spent.
	[[ ${stderr_lines[1]} == "persocard: verify: "*"(SW 6985)" ]] ||
		fail "verify: ${stderr_lines[1]}"
	assert_attr 0 tries_left 3
}

@test "usage errors in a session send nothing: odd hex, unknown name, no TAG, extra argument" {
	script enable 'verify 1234' 'put pan 541333008901043' 'put imsi 0102' \
		'put' 'lock now' status
	run --separate-stderr pc shell -c 0 < "$S"
	assert_failure 2
	assert_prefixed
	assert_equal "${#stderr_lines[@]}" 4
	assert_equal "${lines[-1]}" "status: PERSONALIZING, tries left 3/3, session: ours"
}

@test "status and read in a shell on a PERSONALIZED card; a secret read is refused" {
	run --separate-stderr pc personalize -c 0 --code 1234 "$DATA/payment.perso"
	assert_success
	script status 'read 0x5A00' 'read icc_keys'
	run --separate-stderr pc shell -c 0 < "$S"
	assert_failure 1
	assert_equal "$stderr" \
		"persocard: read: icc_keys: security status not satisfied (SW 6982)"
	assert_equal "$output" "status: PERSONALIZED, tries left 3/3, session: no
5413330089010434"
}

@test "help lists the shell's commands; nothing sent" {
	run --separate-stderr pc shell -c 0 <<<help
	assert_success
	local c
	for c in enable verify put lock reset status read help quit exit; do
		assert_output --partial "$c"
	done
	assert_untouched 0
}

@test "shell: an unknown option exit 2, a missing card exit 3" {
	run --separate-stderr pc shell --bogus-option -c 0 </dev/null
	assert_failure 2
	assert_stderr_has bogus-option
	run --separate-stderr pc shell -c 9 </dev/null
	assert_failure 3
	assert_prefixed
}

@test "reset with no session running: exit 0, 'reset: OK (SW 9000), SEMI_FINISHED'" {
	run --separate-stderr pc reset -c 0
	assert_success
	assert_output "reset: OK (SW 9000), SEMI_FINISHED"
	assert_untouched 0
}

@test "SIGKILL of a shell in session: the card is SEMI_FINISHED and personalizes again" {
	start_shell 0 --code 1234
	send enable verify 'put pan 4111111111111111'
	wait_until state_is 0 personalizing ||
		fail "state $(attr 0 state), shell: $(<"$SH_ERR")"
	run --separate-stderr pc status -c 0 --json
	assert_equal "$(jqr '"\(.state) \(.session)"')" "PERSONALIZING true"
	kill -9 "$SH_PID"
	wait "$SH_PID" || true
	SH_PID=
	assert_state 0 semi-finished
	# The killed session's staged pan is gone.
	run --separate-stderr pc personalize -c 0 --code 1234 "$DATA/payment.perso"
	assert_success
	script 'read pan'
	run --separate-stderr pc shell -c 0 < "$S"
	assert_output 5413330089010434
}

@test "another process can neither reset nor take a running session (6985)" {
	fresh_card 1 payment
	start_shell 0 --code 1234
	send enable verify
	wait_until state_is 0 personalizing ||
		fail "state $(attr 0 state), shell: $(<"$SH_ERR")"
	run --separate-stderr pc reset -c 0
	assert_failure 1
	assert_output ""
	[[ $stderr == "persocard: reset: "*"(SW 6985)" ]] || fail "reset: $stderr"
	run --separate-stderr pc personalize -c 0 --code 1234 "$DATA/payment.perso"
	assert_failure 1
	[[ $stderr == "persocard: enable: "*"(SW 6985)" ]] || fail "enable: $stderr"
	assert_state 0 personalizing
	# The other card is free.
	run --separate-stderr pc personalize -c 1 --code 1234 "$DATA/payment.perso"
	assert_success
	# The session survived: the shell finishes its personalization.
	send "${PUTS[@]}" lock
	stop_shell
	assert_equal "shell exit: $SH_STATUS, stderr: $(<"$SH_ERR")" "shell exit: 0, stderr: "
	assert_state 0 personalized
}
