#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
#
# key, save, restore, load --restore, power-cut, power-up, chip and
# create --page-size: what each does and how each refuses bad arguments.
# Loads the module with two cards; leaves it unloaded and no key loaded.

load helpers

CFS=/sys/kernel/config/persocard

setup_file() {
	load_module nr_cards=2
	pc key unload 2>/dev/null || true
}

teardown_file() {
	pc key unload 2>/dev/null || true
	local c
	for c in "$CFS"/*; do
		[[ -d $c ]] && pc remove "${c##*/}"
	done
	pc unload
}

setup() {
	if [[ ! -d /sys/module/persocard ]]; then
		pc load nr_cards=2 || fail "setup: persocard load nr_cards=2 failed"
	fi
	KEY=$BATS_FILE_TMPDIR/image.key
	[[ -f $KEY ]] || pc key new "$KEY" || fail "setup: key new"
	pc key load "$KEY" || fail "setup: key load"
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

# mode FILE: its permission bits, in octal.
mode() {
	stat -c %a "$1"
}

@test "key: bad arguments are usage errors" {
	run --separate-stderr pc key
	assert_failure 2
	assert_stderr_has "missing action"
	run --separate-stderr pc key open x
	assert_failure 2
	assert_stderr_has "unknown action 'open'"
	run --separate-stderr pc key new
	assert_failure 2
	assert_stderr_has "missing FILE"
	run --separate-stderr pc key load ""
	assert_failure 2
	run --separate-stderr pc key unload extra
	assert_failure 2
	assert_stderr_has "unexpected argument 'extra'"
	run --separate-stderr pc key --bogus
	assert_failure 2
	assert_prefixed
}

@test "key new: 32 random bytes, mode 0600, never over a file" {
	local k=$BATS_TEST_TMPDIR/k1 k2=$BATS_TEST_TMPDIR/k2
	run --separate-stderr pc key new "$k"
	assert_success
	assert_output ""
	assert_equal "$(mode "$k")" 600
	assert_equal "$(stat -c %s "$k")" 32
	pc key new "$k2"
	[[ $(tohex < "$k") != "$(tohex < "$k2")" ]] || fail "two keys alike"
	local before
	before=$(tohex < "$k")
	run --separate-stderr pc key new "$k"
	assert_failure 3
	assert_stderr_has "exists: a key file is never overwritten"
	assert_equal "$(tohex < "$k")" "$before"
	run --separate-stderr pc key new "$BATS_TEST_TMPDIR/none/k"
	assert_failure 3
}

@test "key load, status, unload" {
	run --separate-stderr pc key status
	assert_success
	assert_output loaded
	run --separate-stderr pc key unload
	assert_success
	run --separate-stderr pc key status
	assert_failure 1
	assert_output "not loaded"
	run --separate-stderr pc key unload
	assert_success
	assert_stderr_has "no image key was loaded"
	run --separate-stderr pc key load "$KEY"
	assert_success
	assert_stderr_empty
	run pc key status
	assert_output loaded
}

@test "key load: a file of another size is no key; a readable one is warned of" {
	head -c 20 /dev/urandom > "$BATS_TEST_TMPDIR/k20"
	run --separate-stderr pc key load "$BATS_TEST_TMPDIR/k20"
	assert_failure 2
	assert_stderr_has "must hold 16, 24 or 32 bytes"
	run --separate-stderr pc key load "$BATS_TEST_TMPDIR/missing"
	assert_failure 3
	head -c 16 /dev/urandom > "$BATS_TEST_TMPDIR/k16"
	chmod 644 "$BATS_TEST_TMPDIR/k16"
	run --separate-stderr pc key load "$BATS_TEST_TMPDIR/k16"
	assert_success
	assert_stderr_has "can be read by others"
	pc key load "$KEY"
}

@test "save, restore: bad arguments are usage errors" {
	local cmd
	for cmd in save restore; do
		run --separate-stderr pc "$cmd" 0
		assert_failure 2
		assert_stderr_has "missing FILE"
		run --separate-stderr pc "$cmd" card0 "$IMG"
		assert_failure 2
		assert_stderr_has "'card0' is not a card"
		run --separate-stderr pc "$cmd" 0 "$IMG" extra
		assert_failure 2
		assert_stderr_has "unexpected argument 'extra'"
		run --separate-stderr pc "$cmd" --all
		assert_failure 2
		assert_stderr_has "--all: missing DIR"
	done
	run --separate-stderr pc save
	assert_failure 2
	assert_stderr_has "missing CARD and FILE"
	run --separate-stderr pc restore --help
	assert_success
	assert_line --index 0 --partial "Usage: persocard restore"
}

@test "save CARD FILE, module reloaded, restore CARD FILE: the card as saved" {
	personalized 0
	local serial
	serial=$(attr 0 serial)
	run --separate-stderr pc save /dev/persocard0 "$IMG"
	assert_success
	assert_output "persocard0: saved to $IMG"
	assert_equal "$(mode "$IMG")" 600
	pc unload
	pc load nr_cards=2
	assert_state 0 semi-finished
	run --separate-stderr pc restore persocard0 "$IMG"
	assert_success
	assert_output "persocard0: restored from $IMG, PERSONALIZED"
	assert_state 0 personalized
	assert_equal "$(attr 0 serial)" "$serial"
	check_readback 0 "$EXAMPLES/payment.perso"
}

@test "restore: a bad image is refused (exit 1), the card unchanged" {
	personalized 0
	pc save 0 "$IMG"
	head -c 100 "$IMG" > "$BATS_TEST_TMPDIR/short.img"
	run --separate-stderr pc restore 0 "$BATS_TEST_TMPDIR/short.img"
	assert_failure 1
	assert_stderr_has "not a card image"
	# A byte of the ciphertext flipped: changed after sealing.
	cp "$IMG" "$BATS_TEST_TMPDIR/bad.img"
	flip_byte "$BATS_TEST_TMPDIR/bad.img" 200
	run --separate-stderr pc restore 0 "$BATS_TEST_TMPDIR/bad.img"
	assert_failure 1
	assert_stderr_has "changed after it was sealed"
	assert_state 0 personalized
	run --separate-stderr pc restore 0 "$BATS_TEST_TMPDIR/missing.img"
	assert_failure 3
	assert_prefixed
	assert_state 0 personalized
}

@test "save, restore without a key: exit 3, it says how to load one" {
	personalized 0
	pc save 0 "$IMG"
	pc key unload
	run --separate-stderr pc save 0 "$BATS_TEST_TMPDIR/x.img"
	assert_failure 3
	assert_stderr_has "no image key is loaded (persocard key load FILE)"
	[[ ! -e $BATS_TEST_TMPDIR/x.img ]] || fail "a file was left"
	run --separate-stderr pc restore 0 "$IMG"
	assert_failure 3
	assert_stderr_has "no image key is loaded"
	assert_state 0 personalized
}

@test "restore under another key: exit 1, the card unchanged" {
	personalized 0
	pc save 0 "$IMG"
	pc key new "$BATS_TEST_TMPDIR/other.key"
	pc key load "$BATS_TEST_TMPDIR/other.key"
	run --separate-stderr pc restore 0 "$IMG"
	assert_failure 1
	assert_stderr_has "the image key is wrong"
	assert_state 0 personalized
}

@test "restore another card's image onto a used card: exit 1" {
	personalized 0
	personalized 1
	pc save 1 "$IMG"
	run --separate-stderr pc restore 0 "$IMG"
	assert_failure 1
	assert_stderr_has "an image of another card"
}

@test "save, restore as nobody: exit 3" {
	personalized 0
	pc save 0 "$IMG"
	chmod 644 "$IMG"
	run --separate-stderr as_nobody save 0 "$BATS_TEST_TMPDIR/n.img"
	assert_failure 3
	assert_prefixed
	run --separate-stderr as_nobody restore 0 "$IMG"
	assert_failure 3
	assert_prefixed
	assert_state 0 personalized
}

@test "save --all, restore --all: a line per card" {
	local dir=$BATS_TEST_TMPDIR/all
	mkdir "$dir"
	personalized 0
	fresh_card 1 sim
	run --separate-stderr pc save --all "$dir"
	assert_success
	assert_line --index 0 "persocard0: saved to $dir/persocard0.img"
	assert_line --index 1 "persocard1: saved to $dir/persocard1.img"
	assert_equal "${#lines[@]}" 2
	assert_equal "$(mode "$dir/persocard1.img")" 600
	pc unload
	pc load nr_cards=2
	run --separate-stderr pc restore --all "$dir"
	assert_success
	assert_line --index 0 "persocard0: restored from $dir/persocard0.img"
	assert_line --index 1 "persocard1: restored from $dir/persocard1.img"
	assert_state 0 personalized
	assert_attr 1 profile sim
}

@test "restore --all: every file named *.img is tried, errors reported per card" {
	local dir=$BATS_TEST_TMPDIR/all
	mkdir "$dir"
	personalized 0
	pc save 0 "$dir/persocard0.img"
	echo junk > "$dir/notes.img"
	head -c 50 "$dir/persocard0.img" > "$dir/persocard1.img"
	cp "$dir/persocard0.img" "$dir/persocard9.img"
	echo keep > "$dir/README"
	run --separate-stderr pc restore --all "$dir"
	assert_failure 3
	assert_output "persocard0: restored from $dir/persocard0.img"
	assert_stderr_has "persocard1: $dir/persocard1.img: not a card image"
	assert_stderr_has "persocard9: $dir/persocard9.img: no such card"
	assert_stderr_has "$dir/notes.img: not persocardN.img"
	assert_equal "${#stderr_lines[@]}" 3
	run --separate-stderr pc restore --all "$BATS_TEST_TMPDIR/none"
	assert_failure 3
	assert_prefixed
	mkdir "$BATS_TEST_TMPDIR/empty"
	run --separate-stderr pc restore --all "$BATS_TEST_TMPDIR/empty"
	assert_success
	assert_stderr_has "no images"
	run --separate-stderr pc save --all "$BATS_TEST_TMPDIR/none"
	assert_failure 3
}

@test "load --restore DIR: the module loaded, then the images restored" {
	local dir=$BATS_TEST_TMPDIR/all serial
	mkdir "$dir"
	personalized 1
	serial=$(attr 1 serial)
	pc save 1 "$dir/persocard1.img"
	pc unload
	run --separate-stderr pc load nr_cards=2 --restore "$dir"
	assert_success
	assert_output "persocard1: restored from $dir/persocard1.img"
	assert_state 1 personalized
	assert_equal "$(attr 1 serial)" "$serial"
	pc unload
	run --separate-stderr pc load --restore
	assert_failure 2
	assert_stderr_has "needs an argument"
	[[ ! -d /sys/module/persocard ]] || fail "loaded on a usage error"
	run --separate-stderr pc load nr_cards=2 --restore "$dir" --restore "$dir"
	assert_failure 2
	run --separate-stderr pc load nr_cards=2 --restore "$BATS_TEST_TMPDIR/none"
	assert_failure 3
	[[ -d /sys/module/persocard ]] || fail "not loaded"
}

@test "power-cut, power-up, chip: bad arguments" {
	run --separate-stderr pc power-cut
	assert_failure 2
	assert_stderr_has "missing CARD"
	run --separate-stderr pc power-cut x
	assert_failure 2
	run --separate-stderr pc power-cut 0 1
	assert_failure 2
	assert_stderr_has "missing K"
	run --separate-stderr pc power-cut 0 one 2
	assert_failure 2
	assert_stderr_has "N: 'one' is not a decimal number"
	run --separate-stderr pc power-cut 0 1 2 3
	assert_failure 2
	run --separate-stderr pc power-cut 0 0 100000
	assert_failure 2
	assert_stderr_has "the module refused 0 100000"
	run --separate-stderr pc power-cut 0
	assert_output off
	run --separate-stderr pc power-cut 9 off
	assert_failure 3
	assert_stderr_has "persocard9"
	run --separate-stderr pc power-up
	assert_failure 2
	run --separate-stderr pc power-up 9
	assert_failure 3
	assert_stderr_has "no such card"
	run --separate-stderr pc chip
	assert_failure 2
	run --separate-stderr pc chip 0 1
	assert_failure 2
	run --separate-stderr pc chip 9
	assert_failure 3
	as_nobody chip 0 >/dev/null 2>&1 && fail "chip as nobody"
	true
}

@test "power-cut: arm, read, disarm" {
	run --separate-stderr pc power-cut 0 3 5
	assert_success
	run pc power-cut 0
	assert_output "3 5"
	run --separate-stderr pc power-cut persocard0 off
	assert_success
	run pc power-cut 0
	assert_output off
}

@test "a power cut fires: the card is out until power-up, then wholly before" {
	fresh_card 1 payment
	pc power-cut 1 0 0
	run --separate-stderr pc personalize -c 1 --code 1234 "$EXAMPLES/payment.perso"
	assert_failure
	assert_attr 1 present 0
	run pc chip 1
	assert_line "powered 0"
	run --separate-stderr pc power-up 1
	assert_success
	assert_output "power-up: OK (SW 9000), SEMI_FINISHED"
	assert_attr 1 present 1
	assert_state 1 semi-finished
	assert_attr 1 tries_left 3
	run pc chip 1
	assert_line "powered 1"
	run --separate-stderr pc power-up 1
	assert_success
}

@test "chip: the figures; --endurance a line per page" {
	run --separate-stderr pc chip 0
	assert_success
	assert_line --index 0 "page_size 64"
	assert_line --index 2 "unit byte"
	assert_line --index 3 "erased 0xff"
	assert_equal "${#lines[@]}" 8
	local pages=${lines[1]#pages }
	run --separate-stderr pc chip --endurance /dev/persocard0
	assert_success
	assert_equal "${#lines[@]}" $((8 + pages))
	assert_line --index 8 --regexp '^page 0 [0-9]+$'
}

@test "create --page-size: the card's pages; a bad size leaves no card" {
	run --separate-stderr pc create --page-size 128 pg
	assert_success
	read -r v < "$CFS/pg/page_size"
	assert_equal "$v" 128
	local n
	n=$(cat "$CFS/pg/dev_name")
	run pc chip "$n"
	assert_line --index 0 "page_size 128"
	run --separate-stderr pc create --page-size 100 pg2
	assert_failure 2
	assert_stderr_has "--page-size 100: the module refused it"
	[[ ! -e $CFS/pg2 ]] || fail "pg2 left behind"
	run --separate-stderr pc create --page-size x pg3
	assert_failure 2
	assert_stderr_has "is not a decimal number"
	pc remove pg
}
