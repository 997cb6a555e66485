#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
#
# personalize FILE: whole personalizations from data files, the perso code's
# sources, wrong codes, blocked cards and values the card itself refuses.

load helpers

setup_file() {
	load_module nr_cards=4
}

teardown_file() {
	unload_module
}

# personalized N FILE: a good personalization of card N from FILE: one
# line per command, the card PERSONALIZED, every element read back.
personalized() {
	local n=$1 file=$2 tag hex name num i
	local -A name_of=() num_of=()
	local -a puts=()
	# The profile as the card reports it: tag names and numbers.
	run --separate-stderr pc profile -c "$n" --json
	assert_success
	while read -r name num; do
		name_of[$num]=$name
		num_of[$name]=$num
	done < <(jqr '.tags[] | "\(.name) \(.tag)"')
	# Each PUT line names its element, by name and number, whether the
	# file gave the tag as a name or as a number.
	while read -r tag hex; do
		if [[ $tag =~ ^(0x[0-9A-Fa-f]+|[0-9]+)$ ]]; then
			num=$((tag))
			name=${name_of[$num]}
		else
			name=$tag
			num=${num_of[$name]}
		fi
		[[ -n $name && -n $num ]] || fail "$file: $tag: not in the profile"
		puts+=("$(printf 'put: %s (0x%04X, %d bytes): OK (SW 9000), PERSONALIZING' \
			"$name" "$num" $((${#hex} / 2)))")
	done < <(perso_elements "$file")
	run --separate-stderr pc personalize -c "$n" --code 1234 "$file"
	assert_success
	assert_stderr_empty
	# ENABLE, VERIFY, a PUT per element in file order, LOCK.
	assert_equal "lines printed: ${#lines[@]}" \
		"lines printed: $((${#puts[@]} + 3))"
	assert_equal "${lines[0]}" "enable: OK (SW 9000), READY"
	assert_equal "${lines[1]}" "verify: OK (SW 9000), PERSONALIZING"
	for ((i = 0; i < ${#puts[@]}; i++)); do
		assert_equal "${lines[i + 2]}" "${puts[i]}"
	done
	assert_equal "${lines[-1]}" "lock: OK (SW 9000), PERSONALIZED"
	assert_state "$n" personalized
	assert_fresh "$n" 0
	check_readback "$n" "$file"
}

# example NAME: examples/NAME.perso on a card of profile NAME.
example() {
	local file=$EXAMPLES/$1.perso
	[[ -f $file ]] || fail "examples/$1.perso is missing"
	fresh_card 3 "$1"
	personalized 3 "$file"
}

# copy_data: a writable copy of the fixtures in $D.
copy_data() {
	D=$BATS_TEST_TMPDIR/data
	cp -r "$DATA" "$D"
}

@test "a payment card from a data file using every value syntax" {
	fresh_card 0 payment
	personalized 0 "$DATA/payment.perso"
	run --separate-stderr pc status -c 0 --json
	assert_equal "$(jqr '"\(.state) \(.session) \(.tries_left)"')" \
		"PERSONALIZED false 3"
}

@test "examples/payment.perso personalizes a payment card" {
	example payment
}

@test "examples/sim.perso personalizes a SIM card" {
	example sim
}

@test "examples/identity.perso personalizes an identity card" {
	example identity
}

@test "@FILE is relative to the data file's folder, not to the working directory" {
	fresh_card 0 payment
	copy_data
	printf 'FROM THE DATA FOLDER' > "$D/blob.bin"
	mkdir "$BATS_TEST_TMPDIR/cwd"
	printf 'FROM THE WORKING DIRECTORY' > "$BATS_TEST_TMPDIR/cwd/blob.bin"
	sed -i 's|^0x3000 .*|0x3000 @blob.bin|' "$D/payment.perso"
	cd "$BATS_TEST_TMPDIR/cwd"
	run --separate-stderr pc personalize -c 0 --code 1234 "$D/payment.perso"
	assert_success
	run --separate-stderr pc read -c 0 --format text app_data
	assert_success
	assert_output "FROM THE DATA FOLDER"
}

@test "--code-file FILE (first line, CR LF), --code-file -, FILE -" {
	fresh_card 0 payment
	fresh_card 1 payment
	fresh_card 2 sim
	printf '1234\r\nnot the code\n' > "$BATS_TEST_TMPDIR/code"
	run --separate-stderr pc personalize -c 0 --code-file "$BATS_TEST_TMPDIR/code" \
		"$DATA/payment.perso"
	assert_success
	run --separate-stderr pc personalize -c 1 --code-file - "$DATA/payment.perso" <<<1234
	assert_success
	run --separate-stderr pc personalize -c 2 --code 1234 - < "$DATA/sim.perso"
	assert_success
	assert_state 0 personalized
	assert_state 1 personalized
	assert_state 2 personalized
}

@test "PERSOCARD_CODE; --code and --code-file come before it; --code before --code-file" {
	fresh_card 0 payment
	fresh_card 1 payment
	fresh_card 2 payment
	fresh_card 3 payment
	echo 1234 > "$BATS_TEST_TMPDIR/code"
	export PERSOCARD_CODE=1234
	run --separate-stderr pc personalize -c 0 "$DATA/payment.perso" </dev/null
	assert_success
	export PERSOCARD_CODE=0000
	run --separate-stderr pc personalize -c 1 --code 1234 "$DATA/payment.perso"
	assert_success
	run --separate-stderr pc personalize -c 2 --code-file "$BATS_TEST_TMPDIR/code" \
		"$DATA/payment.perso"
	assert_success
	# With --code, a --code-file is not even read.
	run --separate-stderr pc personalize -c 3 --code 1234 \
		--code-file "$BATS_TEST_TMPDIR/no_such_file" "$DATA/payment.perso"
	assert_success
	assert_state 0 personalized
	assert_state 1 personalized
	assert_state 2 personalized
	assert_state 3 personalized
}

@test "hex: codes are raw bytes, for a maker's code that is no text" {
	fresh_card 0 payment 3 00ff7f8081
	run --separate-stderr pc personalize -c 0 --code hex:00FF7F8080 "$DATA/payment.perso"
	assert_failure 1
	assert_stderr_has "2 tries left (SW 63C2)"
	run --separate-stderr pc personalize -c 0 --code hex:00ff7f8081 "$DATA/payment.perso"
	assert_success
	assert_state 0 personalized
	assert_attr 0 tries_left 3
}

@test "no code (PERSOCARD_CODE empty), standard input no terminal: exit 2, nothing sent" {
	fresh_card 0 payment
	export PERSOCARD_CODE=
	run --separate-stderr pc personalize -c 0 "$DATA/payment.perso" </dev/null
	assert_failure 2
	assert_prefixed
	assert_output ""
	assert_untouched 0
}

@test "bad codes (odd hex digits, 33 bytes) are usage errors, never sent" {
	fresh_card 0 payment
	local code
	for code in hex:3132333 123456789012345678901234567890123; do
		run --separate-stderr pc personalize -c 0 --code "$code" "$DATA/payment.perso"
		assert_equal "code $code -> $status" "code $code -> 2"
		assert_prefixed
		assert_output ""
	done
	assert_untouched 0
}

@test "wrong code: exit 1, '2 tries left (SW 63C2)', the session ends" {
	fresh_card 0 payment
	run --separate-stderr pc personalize -c 0 --code 9999 "$DATA/payment.perso"
	assert_failure 1
	assert_equal "$stderr" "persocard: verify: wrong perso code, 2 tries left (SW 63C2)"
	assert_equal "$output" "enable: OK (SW 9000), READY"
	assert_state 0 semi-finished
	assert_attr 0 tries_left 2
	# Claim 1: ENABLE is accepted again; a right code restores the counter.
	run --separate-stderr pc personalize -c 0 --code 1234 "$DATA/payment.perso"
	assert_success
	assert_attr 0 tries_left 3
}

@test "try_limit wrong codes block the card; afterwards 6983" {
	fresh_card 0 payment 2
	run --separate-stderr pc personalize -c 0 --code 0000 "$DATA/payment.perso"
	assert_failure 1
	assert_equal "$stderr" "persocard: verify: wrong perso code, 1 try left (SW 63C1)"
	assert_attr 0 tries_left 1
	assert_state 0 semi-finished
	run --separate-stderr pc personalize -c 0 --code 0000 "$DATA/payment.perso"
	assert_failure 1
	assert_equal "$stderr" \
		"persocard: verify: wrong perso code, no tries left, card blocked (SW 63C0)"
	assert_state 0 blocked
	run --separate-stderr pc personalize -c 0 --code 1234 "$DATA/payment.perso"
	assert_failure 1
	assert_stderr_has "(SW 6983)"
	assert_state 0 blocked
	run --separate-stderr pc status --json
	assert_equal "$(jqr '"\(.state) \(.tries_left) \(.session)"')" "BLOCKED 0 false"
}

@test "a value the card refuses (pan not BCD): exit 1, 6A80, SEMI_FINISHED again" {
	fresh_card 0 payment
	copy_data
	sed -i 's/^pan .*/pan 5413330089010A34/' "$D/payment.perso"
	run --separate-stderr pc personalize -c 0 --code 1234 "$D/payment.perso"
	assert_failure 1
	assert_equal "${#stderr_lines[@]}" 1
	[[ $stderr == "persocard: put: pan: "*"(SW 6A80)" ]] || fail "stderr: $stderr"
	assert_state 0 semi-finished
	assert_fresh 0 0
	assert_attr 0 tries_left 3
	# Nothing was committed; the card personalizes again.
	run --separate-stderr pc personalize -c 0 --code 1234 "$DATA/payment.perso"
	assert_success
	assert_state 0 personalized
}

@test "an impossible date (month 13): exit 1, 6A80" {
	fresh_card 0 payment
	copy_data
	sed -i 's/^expiry .*/expiry 271331/' "$D/payment.perso"
	run --separate-stderr pc personalize -c 0 --code 1234 "$D/payment.perso"
	assert_failure 1
	[[ $stderr == "persocard: put: expiry: "*"(SW 6A80)" ]] || fail "stderr: $stderr"
	assert_state 0 semi-finished
}

@test "a PERSONALIZED card refuses a second personalization: exit 1, 6985" {
	fresh_card 0 payment
	run --separate-stderr pc personalize -c 0 --code 1234 "$DATA/payment.perso"
	assert_success
	run --separate-stderr pc personalize -c 0 --code 1234 "$DATA/payment.perso"
	assert_failure 1
	[[ $stderr == "persocard: enable: "*"(SW 6985)" ]] || fail "stderr: $stderr"
	assert_output ""
	assert_state 0 personalized
}

@test "personalize: a missing card exit 3; no FILE exit 2" {
	fresh_card 0 payment
	run --separate-stderr pc personalize -c 9 --code 1234 "$DATA/payment.perso"
	assert_failure 3
	assert_prefixed
	assert_stderr_has /dev/persocard9
	run --separate-stderr pc personalize -c 0 --code 1234
	assert_failure 2
	assert_prefixed
	assert_untouched 0
}
