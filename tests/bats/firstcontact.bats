#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
#
# First contact, on a machine where the module is not loaded: persocard
# says so and how to load it; list says there is no card on stderr and
# exits 0; personalize checks its data file before it looks for a card.

load helpers

setup_file() {
	if [[ -d /sys/module/persocard ]]; then
		pc unload || return 1
	fi
}

@test "status without the module: not loaded, and how to load it (exit 3)" {
	run --separate-stderr pc status
	assert_failure 3
	assert_output ""
	assert_equal "$stderr" \
		"persocard: status: /dev/persocard0: the persocard module is not loaded: load it with 'persocard load' (or 'sudo modprobe persocard')"
}

@test "list without the module: nothing on stdout, why on stderr, exit 0" {
	run --separate-stderr pc list
	assert_success
	assert_output ""
	assert_equal "$stderr" \
		"persocard: list: no card: the persocard module is not loaded (load it with 'persocard load' or 'sudo modprobe persocard')"
	run --separate-stderr pc list --json
	assert_success
	assert_output "[]"
	assert_stderr_has "no card"
}

@test "personalize checks its data file before it looks for a card" {
	printf 'profile payment\npan 5413330089010G34\n' > "$BATS_TEST_TMPDIR/bad.perso"
	run --separate-stderr pc personalize --code 1234 "$BATS_TEST_TMPDIR/bad.perso"
	assert_failure 2
	assert_output ""
	assert_equal "$stderr" \
		"persocard: personalize: $BATS_TEST_TMPDIR/bad.perso:2: pan: 'G' is not a hex digit"
	run --separate-stderr pc personalize --code 1234 "$BATS_TEST_TMPDIR/none.perso"
	assert_failure 2
	assert_equal "$stderr" \
		"persocard: personalize: $BATS_TEST_TMPDIR/none.perso: No such file or directory"
	# Over PC/SC too: no pcscd is asked before the file is known good.
	run --separate-stderr pc personalize --pcsc --code 1234 "$BATS_TEST_TMPDIR/bad.perso"
	assert_failure 2
	assert_stderr_has "bad.perso:2: pan: 'G' is not a hex digit"
}

@test "personalize with a good file and no module: not loaded (exit 3)" {
	run --separate-stderr pc personalize --code 1234 "$DATA/payment.perso"
	assert_failure 3
	assert_output ""
	assert_stderr_has "the persocard module is not loaded: load it with 'persocard load'"
}
