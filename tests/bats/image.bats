#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
#
# key, save, restore, load --restore, power-cut, power-up, chip and
# create --page-size: what each does and how each refuses bad arguments.
# Every program costs seconds in the TCG guest: the tests are few and each
# walks a story. tests/maker/test_image.c checks every errno of images.
# Loads the module with two cards; leaves it unloaded and no key loaded.

load helpers

CFS=/sys/kernel/config/persocard

setup_file() {
	load_module nr_cards=2
	export KEY=$BATS_FILE_TMPDIR/image.key
	pc key new "$KEY" && pc key load "$KEY"
}

teardown_file() {
	pc key unload 2>/dev/null
	pc unload
}

setup() {
	if [[ ! -d /sys/module/persocard ]]; then
		pc load nr_cards=2 || fail "setup: persocard load nr_cards=2 failed"
	fi
	IMG=$BATS_TEST_TMPDIR/card.img
}

# personalized N: card N fresh, then personalized from payment.perso.
personalized() {
	fresh_card "$1" payment
	pc personalize -c "$1" --code 1234 "$EXAMPLES/payment.perso" >/dev/null ||
		fail "personalize -c $1"
}

# flip_byte FILE OFFSET: the byte at OFFSET, its low bit flipped.
flip_byte() {
	local b
	b=$(od -An -tu1 -j "$2" -N1 "$1")
	printf "\\x$(printf %02x $(((b ^ 1) & 255)))" |
		dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}

@test "key: new, load, status, unload; bad arguments" {
	local k=$BATS_TEST_TMPDIR/k1
	run --separate-stderr pc key
	assert_failure 2
	assert_stderr_has "missing action"
	run --separate-stderr pc key open x
	assert_failure 2
	assert_stderr_has "unknown action 'open'"
	run --separate-stderr pc key new
	assert_failure 2
	assert_stderr_has "missing FILE"
	run --separate-stderr pc key new "$k"
	assert_success
	assert_output ""
	assert_equal "$(stat -c '%a %s' "$k")" "600 32"
	run --separate-stderr pc key new "$k"
	assert_failure 3
	assert_stderr_has "exists: a key file is never overwritten"
	run --separate-stderr pc key unload
	assert_success
	run --separate-stderr pc key status
	assert_failure 1
	assert_output "not loaded"
	run --separate-stderr pc key unload
	assert_success
	assert_stderr_has "no image key was loaded"
	head -c 20 "$k" > "$BATS_TEST_TMPDIR/k20"
	run --separate-stderr pc key load "$BATS_TEST_TMPDIR/k20"
	assert_failure 2
	assert_stderr_has "must hold 16, 24 or 32 bytes"
	chmod 644 "$k"
	run --separate-stderr pc key load "$k"
	assert_success
	assert_stderr_has "can be read by others"
	run --separate-stderr pc key load "$KEY"
	assert_success
	assert_stderr_empty
	run --separate-stderr pc key status
	assert_success
	assert_output loaded
}

@test "save, restore: bad arguments are usage errors" {
	run --separate-stderr pc save
	assert_failure 2
	assert_stderr_has "missing CARD and FILE"
	run --separate-stderr pc restore 0
	assert_failure 2
	assert_stderr_has "missing FILE"
	run --separate-stderr pc save card0 "$IMG"
	assert_failure 2
	assert_stderr_has "'card0' is not a card"
	run --separate-stderr pc restore 0 "$IMG" extra
	assert_failure 2
	assert_stderr_has "unexpected argument 'extra'"
	run --separate-stderr pc save --all
	assert_failure 2
	assert_stderr_has "--all: missing DIR"
}

@test "save, reload, restore: the card as saved; bad images and keys refused" {
	local serial bad=$BATS_TEST_TMPDIR/bad.img
	personalized 0
	serial=$(attr 0 serial)
	run --separate-stderr pc save /dev/persocard0 "$IMG"
	assert_success
	assert_output "persocard0: saved to $IMG"
	assert_equal "$(stat -c %a "$IMG")" 600
	pc unload
	pc load nr_cards=2
	assert_state 0 semi-finished
	run --separate-stderr pc restore persocard0 "$IMG"
	assert_success
	assert_output "persocard0: restored from $IMG, PERSONALIZED"
	assert_equal "$(attr 0 serial)" "$serial"
	check_readback 0 "$EXAMPLES/payment.perso"

	head -c 100 "$IMG" > "$bad"
	run --separate-stderr pc restore 0 "$bad"
	assert_failure 1
	assert_stderr_has "not a card image"
	cp "$IMG" "$bad"
	flip_byte "$bad" 200
	run --separate-stderr pc restore 0 "$bad"
	assert_failure 1
	assert_stderr_has "changed after it was sealed"
	run --separate-stderr pc restore 0 "$BATS_TEST_TMPDIR/missing.img"
	assert_failure 3
	assert_prefixed

	pc key new "$BATS_TEST_TMPDIR/other.key"
	pc key load "$BATS_TEST_TMPDIR/other.key"
	run --separate-stderr pc restore 0 "$IMG"
	assert_failure 1
	assert_stderr_has "the image key is wrong"
	pc key unload
	run --separate-stderr pc save 0 "$bad"
	assert_failure 3
	assert_stderr_has "no image key is loaded (persocard key load FILE)"
	pc key load "$KEY"
	assert_state 0 personalized
	assert_equal "$(attr 0 serial)" "$serial"
}

@test "save --all, restore --all, load --restore; errors per card, nothing skipped" {
	local dir=$BATS_TEST_TMPDIR/all
	mkdir "$dir"
	personalized 0
	fresh_card 1 sim
	run --separate-stderr pc save --all "$dir"
	assert_success
	assert_line --index 0 "persocard0: saved to $dir/persocard0.img"
	assert_line --index 1 "persocard1: saved to $dir/persocard1.img"
	assert_equal "${#lines[@]}" 2
	pc unload
	run --separate-stderr pc load nr_cards=2 --restore "$dir"
	assert_success
	assert_line --index 0 "persocard0: restored from $dir/persocard0.img, PERSONALIZED"
	assert_line --index 1 "persocard1: restored from $dir/persocard1.img, SEMI_FINISHED"
	assert_state 0 personalized
	assert_attr 1 profile sim

	# persocard1's image onto used persocard0; foreign and broken files.
	cp "$dir/persocard1.img" "$dir/x"
	cp "$dir/persocard0.img" "$dir/persocard1.img"
	mv "$dir/x" "$dir/persocard0.img"
	cp "$dir/persocard1.img" "$dir/persocard9.img"
	echo junk > "$dir/notes.img"
	echo keep > "$dir/README"
	personalized 1
	run --separate-stderr pc restore --all "$dir"
	assert_failure 3
	assert_output ""
	assert_stderr_has "persocard0: $dir/persocard0.img: an image of another card"
	assert_stderr_has "persocard1: $dir/persocard1.img: an image of another card"
	assert_stderr_has "persocard9: $dir/persocard9.img: no such card"
	assert_stderr_has "$dir/notes.img: not persocardN.img"
	assert_equal "${#stderr_lines[@]}" 4
	run --separate-stderr pc restore --all "$BATS_TEST_TMPDIR/none"
	assert_failure 3
	assert_prefixed
	run --separate-stderr pc load --restore
	assert_failure 2
	assert_stderr_has "needs an argument"
}

@test "save, restore as nobody: exit 3, the card unchanged" {
	personalized 0
	pc save 0 "$IMG"
	chmod 644 "$IMG"
	run --separate-stderr as_nobody restore 0 "$IMG"
	assert_failure 3
	assert_prefixed
	run --separate-stderr as_nobody save 0 "$BATS_TEST_TMPDIR/n.img"
	assert_failure 3
	assert_state 0 personalized
}

@test "power-cut, power-up, chip: bad arguments" {
	run --separate-stderr pc power-cut
	assert_failure 2
	assert_stderr_has "missing CARD"
	run --separate-stderr pc power-cut 0 1
	assert_failure 2
	assert_stderr_has "missing K"
	run --separate-stderr pc power-cut 0 one 2
	assert_failure 2
	assert_stderr_has "N: 'one' is not a decimal number"
	run --separate-stderr pc power-cut 0 0 100000
	assert_failure 2
	assert_stderr_has "the module refused 0 100000"
	run --separate-stderr pc power-cut 9 off
	assert_failure 3
	assert_stderr_has "persocard9: no such card"
	run --separate-stderr pc power-up x
	assert_failure 2
	assert_stderr_has "'x' is not a card"
	run --separate-stderr pc chip 0 1
	assert_failure 2
	assert_stderr_has "unexpected argument '1'"
}

@test "power-cut arms and disarms; a cut holds the card out until power-up" {
	fresh_card 1 payment
	run --separate-stderr pc power-cut 1 3 5
	assert_success
	run pc power-cut 1
	assert_output "3 5"
	pc power-cut persocard1 off
	run pc power-cut 1
	assert_output off
	pc power-cut 1 0 0
	run --separate-stderr pc personalize -c 1 --code 1234 "$EXAMPLES/payment.perso"
	assert_failure 3
	assert_attr 1 present 0
	run --separate-stderr pc power-up 1
	assert_success
	assert_output "power-up: OK (SW 9000), SEMI_FINISHED"
	assert_attr 1 present 1
	assert_attr 1 tries_left 3
	run --separate-stderr pc chip --endurance 1
	assert_success
	assert_line --index 0 "page_size 64"
	assert_line --index 2 "unit byte"
	assert_line --index 3 "erased 0xff"
	assert_line --index 5 "powered 1"
	assert_line --regexp '^cuts [1-9]'
	assert_line --index 8 --regexp '^page 0 [0-9]+$'
	assert_equal "${#lines[@]}" $((8 + ${lines[1]#pages }))
}

@test "create --page-size: the card's pages; a bad size leaves no card" {
	local n
	run --separate-stderr pc create --page-size 128 pg
	assert_success
	n=${output##*/dev/persocard}
	run pc chip "$n"
	assert_line --index 0 "page_size 128"
	run --separate-stderr pc create --page-size 100 pg2
	assert_failure 2
	assert_stderr_has "--page-size 100: the module refused it"
	[[ ! -e $CFS/pg2 ]] || fail "pg2 left behind"
	pc remove pg
}
