#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
#
# load, unload, factory-reset and what an unprivileged user may not do.
# Tests here unload and reload the module; setup() brings it back.

load helpers

setup_file() {
	load_module nr_cards=2
}

teardown_file() {
	pc unload
}

setup() {
	if [[ ! -d /sys/module/persocard ]]; then
		pc load nr_cards=2 || fail "setup: persocard load nr_cards=2 failed"
	fi
}

teardown() {
	kill_shell
	if [[ -n ${HOLDER:-} ]]; then
		kill "$HOLDER" 2>/dev/null || true
		wait "$HOLDER" 2>/dev/null || true
	fi
}

nr_cards() {
	local n=0 c
	for c in "$SYSFS"/persocard*; do
		[[ -e $c ]] && ((n++))
	done
	echo "$n"
}

loaded() {
	[[ -d /sys/module/persocard ]]
}

@test "load without parameters when loaded: fine, silent, the cards stay" {
	run --separate-stderr pc load
	assert_success
	assert_output ""
	assert_stderr_empty
	assert_equal "$(nr_cards)" 2
	run --separate-stderr pc load persocard
	assert_success
}

@test "load with parameters when loaded: an error, the cards stay" {
	run --separate-stderr pc load nr_cards=3
	assert_failure 3
	assert_prefixed
	assert_output ""
	assert_equal "$(nr_cards)" 2
}

@test "unload while a card is open: exit 3, close the cards or stop pcscd" {
	sleep 60 </dev/persocard1 3>&- &
	HOLDER=$!
	wait_until [ "$(readlink "/proc/$HOLDER/fd/0")" = /dev/persocard1 ] ||
		fail "the holder did not open /dev/persocard1"
	run --separate-stderr pc unload
	assert_failure 3
	assert_prefixed
	assert_stderr_has close
	assert_stderr_has pcscd
	assert_stderr_has "holds a card open"
	loaded || fail "the module was unloaded"
	assert_equal "$(nr_cards)" 2
	kill "$HOLDER"
	wait "$HOLDER" || true
	HOLDER=
	run --separate-stderr pc unload
	assert_success
	loaded && fail "the module is still loaded"
	true
}

@test "unload when not loaded: fine; list prints nothing; status exit 3" {
	run --separate-stderr pc unload
	assert_success
	assert_output ""
	assert_stderr_empty
	loaded && fail "the module is still loaded"
	run --separate-stderr pc unload
	assert_success
	run --separate-stderr pc list
	assert_success
	assert_output ""
	assert_stderr_has "no card"
	run --separate-stderr pc status
	assert_failure 3
	assert_equal "$stderr" \
		"persocard: status: /dev/persocard0: the persocard module is not loaded: load it with 'persocard load' (or 'sudo modprobe persocard')"
}

@test "load PATH.ko with parameters: they apply" {
	local ko
	ko=$(modinfo -n persocard) || fail "modinfo -n persocard"
	[[ $ko == *.ko ]] || fail "modinfo: $ko"
	pc unload
	run --separate-stderr pc load "$ko" nr_cards=3 profile=sim try_limit=7 nvm_size=4096
	assert_success
	assert_equal "$(nr_cards)" 3
	run --separate-stderr pc status -c 2 --json
	assert_success
	assert_equal "$(jq -c '[.profile, .try_limit, .tries_left]' <<<"$output")" \
		'["sim",7,7]'
	run --separate-stderr pc info -c 2 --json
	assert_equal "$(jq -c '[.nr_cards, .nvm_size]' <<<"$output")" '[3,4096]'
	pc unload
}

@test "load of an unknown module or a missing .ko: exit 3, named" {
	run --separate-stderr pc load no_such_module_persocard
	assert_failure 3
	assert_prefixed
	assert_stderr_has no_such_module_persocard
	run --separate-stderr pc load "$BATS_TEST_TMPDIR/none/persocard.ko"
	assert_failure 3
	assert_prefixed
}

@test "load with a parameter the module refuses: exit 3, nothing loaded" {
	pc unload
	run --separate-stderr pc load try_limit=16
	assert_failure 3
	assert_prefixed
	loaded && fail "the module is loaded"
	run --separate-stderr pc load nr_cards=0
	assert_failure 3
	loaded && fail "the module is loaded"
	true
}

@test "load and unload: bad usage is exit 2" {
	run --separate-stderr pc load --bogus-option
	assert_failure 2
	assert_prefixed
	run --separate-stderr pc load 'nr_cards=2 profile=sim'
	assert_failure 2
	assert_prefixed
	run --separate-stderr pc unload persocard extra
	assert_failure 2
	assert_prefixed
	loaded || fail "the module was unloaded"
}

@test "factory-reset ends a running session" {
	fresh_card 0
	start_shell 0 --code 1234
	send enable verify
	wait_until state_is 0 personalizing || fail "state $(attr 0 state)"
	run --separate-stderr pc factory-reset -c 0
	assert_success
	assert_untouched 0
	# The shell's own file lost its session too.
	send status
	stop_shell
	assert_equal "$(<"$SH_OUT")" "enable: OK (SW 9000), READY
verify: OK (SW 9000), PERSONALIZING
status: SEMI_FINISHED, tries left 3/3, session: no"
}

@test "factory-reset as an unprivileged user: exit 3, the card unchanged" {
	fresh_card 0
	run --separate-stderr pc shell -c 0 <<<enable
	assert_success
	local serial
	serial=$(attr 0 serial)
	run --separate-stderr as_nobody factory-reset -c 0
	assert_failure 3
	assert_prefixed
	assert_equal "$(attr 0 serial)" "$serial"
	assert_fresh 0 0
}

@test "status, list as an unprivileged user: exit 3, permission denied" {
	run --separate-stderr as_nobody status -c 0
	assert_failure 3
	assert_equal "$stderr" "persocard: status: /dev/persocard0: Permission denied"
	run --separate-stderr as_nobody list
	assert_failure 3
	assert_prefixed
	assert_stderr_has "Permission denied"
}

@test "load and unload as an unprivileged user: exit 3" {
	run --separate-stderr as_nobody unload
	assert_failure 3
	assert_prefixed
	loaded || fail "the module was unloaded"
	pc unload
	run --separate-stderr as_nobody load
	assert_failure 3
	assert_prefixed
	loaded && fail "the module was loaded"
	true
}
