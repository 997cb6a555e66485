#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
#
# The queries (list, status, info, profile, read), the global options and
# the usage errors. The module's parameters differ from its defaults so
# that every value checked comes from the card.

load helpers

setup_file() {
	load_module nr_cards=3 nvm_size=16384 profile=identity try_limit=5
	export CARD_PROFILE=identity CARD_TRY_LIMIT=5
}

teardown_file() {
	unload_module
}

setup() {
	fresh_card 0
}

# serial N: the card's serial as the CLI prints it (16 upper-case digits).
serial() {
	local s
	s=$(attr "$1" serial)
	printf '%s' "${s^^}"
}

@test "--help: every subcommand, on stdout; --version: persocard VERSION (libpersocard VERSION)" {
	run --separate-stderr pc --help
	assert_success
	assert_stderr_empty
	local s
	for s in list status info profile read personalize shell apdu reset \
		 factory-reset load unload --json --code-file --errexit --pcsc; do
		assert_output --partial "$s"
	done
	run --separate-stderr pc --version
	assert_success
	assert_output --regexp '^persocard [0-9]+\.[0-9]+\.[0-9]+ \(libpersocard [0-9]+\.[0-9]+\.[0-9]+\)$'
}

@test "SUBCOMMAND --help: its usage, exit 0, nothing sent" {
	run --separate-stderr pc personalize --help --code 1234 "$DATA/payment.perso"
	assert_success
	assert_output --partial "persocard personalize"
	assert_untouched 0
}

@test "no subcommand, an unknown one, an unknown option: exit 2, one prefixed line" {
	run --separate-stderr pc
	assert_failure 2
	assert_output ""
	assert_prefixed
	run --separate-stderr pc frobnicate
	assert_failure 2
	assert_prefixed
	assert_equal "${#stderr_lines[@]}" 1
	assert_stderr_has "'frobnicate'"
	run --separate-stderr pc status --bogus-option
	assert_failure 2
	assert_output ""
	assert_equal "${#stderr_lines[@]}" 1
	assert_prefixed
	assert_stderr_has bogus-option
}

@test "bad card selections and stray arguments: exit 2" {
	local args
	while read -r args; do
		# shellcheck disable=SC2086
		run --separate-stderr pc status $args
		assert_equal "status $args -> $status" "status $args -> 2"
		assert_prefixed
	done <<-EOF
		-c 1x
		-c 0 -d /dev/persocard0
		stray-argument
	EOF
}

@test "list: one line per card, in index order, in the format of cli.rst" {
	fresh_card 1 payment 7
	fresh_card 2
	run --separate-stderr pc list
	assert_success
	assert_stderr_empty
	local expect
	expect=$(printf '%-16s %-9s %-14s %2u/%-2u %s\n' \
		/dev/persocard0 identity SEMI_FINISHED 5 5 "$(serial 0)" \
		/dev/persocard1 payment SEMI_FINISHED 7 7 "$(serial 1)" \
		/dev/persocard2 identity SEMI_FINISHED 5 5 "$(serial 2)")
	assert_equal "$output" "$expect"
}

@test "list --json: the status object of every card" {
	fresh_card 1 sim 7
	fresh_card 2
	run --separate-stderr pc list --json
	assert_success
	assert_equal "$(jqr 'map([.card, .device, .state, .profile, .tries_left, .try_limit, .serial, .session] | map(tostring) | join(" ")) | join("\n")')" \
		"0 /dev/persocard0 SEMI_FINISHED identity 5 5 $(serial 0) false
1 /dev/persocard1 SEMI_FINISHED sim 7 7 $(serial 1) false
2 /dev/persocard2 SEMI_FINISHED identity 5 5 $(serial 2) false"
}

@test "status: the lines of cli.rst" {
	run --separate-stderr pc status -c 0
	assert_success
	assert_stderr_empty
	assert_equal "$output" "device:     /dev/persocard0
state:      SEMI_FINISHED
profile:    identity
tries left: 5 of 5
serial:     $(serial 0)
session:    no
auth:       code"
}

@test "status --json: the object of cli.rst, its types" {
	run --separate-stderr pc status --json
	assert_success
	assert_equal "${#lines[@]}" 1
	assert_equal "$(jqr '. as $o | [keys, [keys[] as $k | $o[$k] | type]] | map(join(",")) | join(" ")')" \
		"auth,card,device,profile,serial,session,state,tries_left,try_limit string,number,string,string,string,boolean,string,number,number"
	assert_equal "$(jqr '[.card, .device, .state, .profile, .tries_left, .try_limit, .serial, .session, .auth] | map(tostring) | join(" ")')" \
		"0 /dev/persocard0 SEMI_FINISHED identity 5 5 $(serial 0) false code"
}

@test "-c, --card, -d, --device select the card; /dev/persocard is card 0" {
	local args expect
	while read -r expect args; do
		# shellcheck disable=SC2086
		run --separate-stderr pc status --json $args
		assert_success
		assert_equal "$args -> $(jqr '"\(.card) \(.serial)"')" \
			"$args -> $expect $(serial "$expect")"
	done <<-EOF
		2 --card=2
		1 --device /dev/persocard1
		0 -d /dev/persocard
	EOF
}

@test "status of a missing card, of a device that is no card: exit 3" {
	run --separate-stderr pc status -c 9
	assert_failure 3
	assert_output ""
	assert_equal "$stderr" \
		"persocard: status: /dev/persocard9: No such file or directory"
	run --separate-stderr pc status -d /dev/null
	assert_failure 3
	assert_prefixed
	assert_stderr_has /dev/null
}

@test "info --json and info: ABI, capabilities, the load's parameters, the limits" {
	run --separate-stderr pc info -c 1 --json
	assert_success
	assert_equal "$(jqr '[.abi_version, (.caps | sort | join(",")), .card, .nr_cards, .nvm_size, .max_value_len, .min_code_len, .max_code_len, .max_tags] | map(tostring) | join(" ")')" \
		"1 get_data,image,lock_missing,presence,profile,reset,scp03,transmit 1 3 16384 1024 4 32 32"
	run --separate-stderr pc info -c 2
	assert_success
	local atr=$(attr 2 atr)
	assert_equal "$output" "abi version:   1
capabilities:  profile lock_missing reset get_data transmit presence image scp03
card:          2
cards:         3
nvm size:      16384 bytes
longest value: 1024 bytes
perso code:    4 to 32 bytes
most tags:     32
atr:           ${atr^^}
auth:          code"
}

@test "profile --json: the payment profile, as the card reports it" {
	fresh_card 0 payment
	run --separate-stderr pc profile --json
	assert_success
	assert_equal "$(jqr '.profile, ([.tags[].name] | join(" ")), (.tags[] | select(.name == "pan" or .name == "icc_keys" or .name == "rsa_private_exp") | [.tag, .min_len, .max_len, .mandatory, .secret] | map(tostring) | join(" ")), ([.tags[] | select(.mandatory)] | length)')" \
		"payment
records records_2 pan expiry cardholder select_response gpo_response app_data key_check_values pin_try_limit icc_keys pin_block rsa_private_exp
23040 5 10 true false
32768 48 96 true true
33025 64 256 false true
9"
}

@test "profile --json: a SIM card" {
	fresh_card 1 sim
	run --separate-stderr pc profile -c 1 --json
	assert_success
	assert_equal "$(jqr '.profile, ([.tags[].name] | join(" ")), ([.tags[] | select(.secret) | .name] | join(" ")), (.tags[] | select(.name == "ki") | tojson)')" \
		'sim
iccid imsi spn msisdn service_table ki opc pin1 puk1
ki opc pin1 puk1
{"tag":36609,"name":"ki","min_len":16,"max_len":16,"mandatory":true,"secret":true}'
}

@test "profile --json: an identity card (the load's profile= parameter)" {
	run --separate-stderr pc profile -c 0 --json
	assert_success
	assert_equal "$(jqr '.profile, (.tags | length), ([.tags[] | select(.mandatory | not) | .name] | join(" ")), (.tags[] | select(.name == "portrait") | [.tag, .min_len, .max_len] | map(tostring) | join(" "))')" \
		"identity
11
portrait sign_key
513 1 1024"
}

@test "profile: the table of cli.rst" {
	fresh_card 0 payment
	run --separate-stderr pc profile
	assert_success
	assert_equal "${lines[0]}" "profile: payment"
	assert_regex "${lines[1]}" '^TAG +NAME +MIN +MAX +FLAGS$'
	assert_equal "${#lines[@]}" 15
	assert_line --regexp '^0x0101  records +1  255  mandatory$'
	assert_line --regexp '^0x5F20  cardholder +2   26  -$'
	assert_line --regexp '^0x8000  icc_keys +48   96  mandatory secret$'
	assert_line --regexp '^0x8101  rsa_private_exp +64  256  secret$'
}

@test "factory-reset: new serial, same profile and try limit, fresh again" {
	fresh_card 0 sim 4
	local before
	before=$(attr 0 serial)
	# Spend a try and leave the card non-fresh.
	run --separate-stderr pc shell -c 0 <<<$'enable\nverify 9999'
	assert_failure 1
	assert_fresh 0 0
	assert_attr 0 tries_left 3
	run --separate-stderr pc factory-reset -c 0
	assert_success
	assert_output ""
	assert_stderr_empty
	assert_untouched 0
	assert_attr 0 profile sim
	assert_attr 0 try_limit 4
	assert_attr 0 tries_left 4
	[[ $(attr 0 serial) != "$before" ]] || fail "serial unchanged: $before"
	run --separate-stderr pc status -c 0 --json
	assert_equal "$(jqr '"\(.serial) \(.profile) \(.tries_left) \(.try_limit)"')" \
		"$(serial 0) sim 4 4"
	run --separate-stderr pc factory-reset -c 9
	assert_failure 3
	assert_prefixed
}

@test "read on a SEMI_FINISHED card: refused with 6985, exit 1" {
	run --separate-stderr pc read surname
	assert_failure 1
	assert_output ""
	assert_prefixed
	assert_equal "${#stderr_lines[@]}" 1
	[[ $stderr == "persocard: read: surname: "*"(SW 6985)" ]] || fail "$stderr"
}

@test "read: no TAG, an unknown name, --json with --format: exit 2" {
	local args
	while read -r args; do
		# shellcheck disable=SC2086
		run --separate-stderr pc read $args
		assert_equal "read $args -> $status" "read $args -> 2"
		assert_output ""
		assert_prefixed
	done <<-EOF
		-c 0
		no_such_element
		--json --format hex surname
	EOF
}
