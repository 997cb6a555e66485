#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
#
# Cards made at runtime: through configfs directly, and through persocard
# create and remove. The guest mounts configfs at /sys/kernel/config.
# Every test removes the cards it made; nr_cards=1 leaves card 0 alone.
# Files held open use descriptors 7 and 8: bats keeps 3 for itself.

load helpers

CFS=/sys/kernel/config/persocard

setup_file() {
	load_module nr_cards=1
}

teardown_file() {
	remove_all
	pc unload
}

teardown() {
	exec 7>&- 8>&-
	remove_all
}

# remove_all: take down and remove every configfs card, quietly.
remove_all() {
	local d
	for d in "$CFS"/*/; do
		[[ -d $d ]] || continue
		echo 0 > "$d/live" 2>/dev/null || true
		rmdir "$d" 2>/dev/null || true
	done
}

# cfs_read NAME ATTR: a configfs attribute, its newline dropped.
cfs_read() {
	local v
	read -r v < "$CFS/$1/$2" || true
	printf '%s\n' "$v"
}

# cfs_write NAME ATTR VALUE: one write, as echo does it, in a run.
cfs_write() {
	run bash -c 'echo "$3" > "$1/$2"' _ "$CFS/$1" "$2" "$3"
}

# assert_refused ERRNO_TEXT: the last cfs_write failed with it.
assert_refused() {
	assert_failure
	[[ $output == *"write error: $1"* ]] ||
		fail "expected '$1', got: $output"
}

# assert_settings NAME PROFILE NVM_SIZE TRY_LIMIT LIVE
assert_settings() {
	assert_equal "$(cfs_read "$1" profile) $(cfs_read "$1" nvm_size) $(cfs_read "$1" try_limit) $(cfs_read "$1" live)" \
		"$2 $3 $4 $5"
}

# created NAME OUTPUT: the device of "persocard create"'s line "NAME DEV".
created_dev() {
	[[ $output == "$1 /dev/persocard"[0-9]* ]] ||
		fail "create printed '$output'"
	printf '%s\n' "${output#* }"
}

@test "configfs: mkdir makes a card with the module's defaults, not live" {
	[[ -d $CFS ]] || fail "$CFS is missing: configfs not mounted?"
	mkdir "$CFS/a"
	assert_settings a payment 8192 3 0
	assert_equal "[$(cfs_read a dev_name)]" "[]"
	assert_equal "$(stat -c %a "$CFS/a/perso_code")" 200
	run cat "$CFS/a/perso_code"
	assert_failure
	rmdir "$CFS/a"
	[[ ! -e $CFS/a ]] || fail "rmdir left $CFS/a"
}

@test "configfs: settings, live 1 makes the node, live 0 and rmdir remove it" {
	local dev n
	mkdir "$CFS/b"
	echo sim > "$CFS/b/profile"
	echo 4096 > "$CFS/b/nvm_size"
	echo 5 > "$CFS/b/try_limit"
	echo 0011223344 > "$CFS/b/perso_code"
	assert_settings b sim 4096 5 0
	echo 1 > "$CFS/b/live"
	dev=$(cfs_read b dev_name)
	[[ $dev == persocard[0-9]* ]] || fail "dev_name '$dev'"
	n=${dev#persocard}
	[[ $n != 0 ]] || fail "a configfs card took card 0's number"
	[[ -c /dev/$dev ]] || fail "no /dev/$dev"
	assert_attr "$n" profile sim
	assert_attr "$n" try_limit 5
	assert_attr "$n" tries_left 5
	assert_fresh "$n" 1
	run --separate-stderr pc info -c "$n" --json
	assert_success
	assert_equal "$(jqr .nvm_size)" 4096
	# The same value again: fine, nothing happens.
	echo 1 > "$CFS/b/live"
	assert_equal "$(cfs_read b dev_name)" "$dev"
	echo 0 > "$CFS/b/live"
	[[ ! -e /dev/$dev && ! -e $SYSFS/$dev ]] || fail "/dev/$dev stayed"
	assert_equal "[$(cfs_read b dev_name)]" "[]"
	# Not live: settings may change again.
	echo identity > "$CFS/b/profile"
	assert_settings b identity 4096 5 0
	rmdir "$CFS/b"
	[[ ! -e $CFS/b ]] || fail "rmdir left $CFS/b"
}

@test "configfs: cards of nr_cards are not in configfs" {
	run ls -A "$CFS"
	assert_success
	assert_output ""
	[[ -c /dev/persocard0 ]] || fail "no card 0"
}

@test "create: a card with its settings; list and status show it; remove by name" {
	local dev n
	run --separate-stderr pc create --profile sim --nvm-size 2048 --try-limit 4 --code-hex 0102030405 mine
	assert_success
	assert_stderr_empty
	dev=$(created_dev mine)
	n=${dev#/dev/persocard}
	[[ -c $dev ]] || fail "no $dev"
	assert_settings mine sim 2048 4 1
	assert_equal "$(cfs_read mine dev_name)" "persocard$n"
	run --separate-stderr pc status -c "$n" --json
	assert_success
	assert_equal "$(jqr '[.profile, .try_limit, .tries_left] | @tsv')" "sim	4	4"
	run --separate-stderr pc list
	assert_success
	assert_output --partial "$dev "
	run --separate-stderr pc remove mine
	assert_success
	assert_output ""
	assert_stderr_empty
	[[ ! -e $dev && ! -e $CFS/mine ]] || fail "the card stayed"
}

@test "create without a name: cardN; remove by number and by device" {
	local dev1 dev2
	run --separate-stderr pc create
	assert_success
	[[ $output == "card"[0-9]*" /dev/persocard"[0-9]* ]] ||
		fail "create printed '$output'"
	dev1=${output#* }
	assert_settings "${output%% *}" payment 8192 3 1
	run --separate-stderr pc create
	assert_success
	dev2=${output#* }
	[[ $dev1 != "$dev2" ]] || fail "two cards, one device $dev1"
	run --separate-stderr pc remove "${dev1#/dev/persocard}"
	assert_success
	[[ ! -e $dev1 ]] || fail "$dev1 stayed"
	run --separate-stderr pc remove "$dev2"
	assert_success
	[[ ! -e $dev2 ]] || fail "$dev2 stayed"
	run ls -A "$CFS"
	assert_output ""
}

@test "create: the code from --code and PERSOCARD_CODE; personalize the card" {
	local dev n
	run --separate-stderr pc create --profile identity --code 4321 id1
	assert_success
	dev=$(created_dev id1)
	n=${dev#/dev/persocard}
	run --separate-stderr pc personalize -c "$n" --code 1234 "$EXAMPLES/identity.perso"
	assert_failure 1
	assert_stderr_has "63C2"
	run --separate-stderr pc personalize -c "$n" --code 4321 "$EXAMPLES/identity.perso"
	assert_success
	assert_last_line_has PERSONALIZED
	assert_state "$n" personalized
	run --separate-stderr env PERSOCARD_CODE=hex:a1b2c3d4e5 "$PERSOCARD" create --profile sim sim1
	assert_success
	dev=$(created_dev sim1)
	run --separate-stderr pc personalize -d "$dev" --code hex:A1B2C3D4E5 "$EXAMPLES/sim.perso"
	assert_success
	assert_last_line_has PERSONALIZED
	run --separate-stderr pc remove id1
	assert_success
	run --separate-stderr pc remove sim1
	assert_success
}

@test "EBUSY: live 0 while a file is open; settings while live; rmdir while live" {
	local dev
	mkdir "$CFS/busy"
	echo 1 > "$CFS/busy/live"
	dev=$(cfs_read busy dev_name)
	exec 7<>"/dev/$dev"
	cfs_write busy live 0
	assert_refused "Device or resource busy"
	assert_equal "$(cfs_read busy live)" 1
	[[ -c /dev/$dev ]] || fail "/dev/$dev went"
	run rmdir "$CFS/busy"
	assert_failure
	assert_output --partial "Device or resource busy"
	cfs_write busy profile sim
	assert_refused "Device or resource busy"
	cfs_write busy nvm_size 4096
	assert_refused "Device or resource busy"
	cfs_write busy try_limit 5
	assert_refused "Device or resource busy"
	cfs_write busy perso_code 0011223344
	assert_refused "Device or resource busy"
	assert_settings busy payment 8192 3 1
	exec 7>&-
	# Closed, but live: settings and rmdir are still refused.
	cfs_write busy try_limit 5
	assert_refused "Device or resource busy"
	run rmdir "$CFS/busy"
	assert_failure
	assert_output --partial "Device or resource busy"
	[[ -d $CFS/busy ]] || fail "rmdir of a live card removed it"
	echo 0 > "$CFS/busy/live"
	[[ ! -e /dev/$dev ]] || fail "/dev/$dev stayed"
	rmdir "$CFS/busy"
}

@test "remove while a file is open: EBUSY, nothing changed; after the close, gone" {
	local dev n
	run --separate-stderr pc create --try-limit 6 held
	assert_success
	dev=$(created_dev held)
	n=${dev#/dev/persocard}
	exec 7<>"$dev"
	run --separate-stderr pc remove held
	assert_failure 3
	assert_prefixed
	assert_stderr_has "$dev is open"
	assert_stderr_has "close it first"
	[[ -c $dev && -d $CFS/held ]] || fail "the card went"
	assert_settings held payment 8192 6 1
	assert_attr "$n" try_limit 6
	# The open file still reaches its card.
	assert_attr "$n" state semi-finished
	run --separate-stderr pc remove "$n"
	assert_failure 3
	exec 7>&-
	run --separate-stderr pc remove held
	assert_success
	[[ ! -e $dev && ! -e $SYSFS/persocard$n && ! -e $CFS/held ]] ||
		fail "the card stayed after its file was closed"
}

@test "configfs: a file open across live 0 refused, then closed: live 0 succeeds" {
	local dev
	mkdir "$CFS/late"
	echo 1 > "$CFS/late/live"
	dev=$(cfs_read late dev_name)
	exec 7<>"/dev/$dev"
	exec 8<>"/dev/$dev"
	exec 7>&-
	cfs_write late live 0
	assert_refused "Device or resource busy"
	exec 8>&-
	echo 0 > "$CFS/late/live"
	[[ ! -e /dev/$dev ]] || fail "/dev/$dev stayed"
	rmdir "$CFS/late"
}

@test "configfs: bad values are EINVAL and change nothing" {
	local v
	mkdir "$CFS/bad"
	for v in bogus "" PAYMENT "sim x"; do
		cfs_write bad profile "$v"
		assert_refused "Invalid argument"
	done
	for v in 1023 65537 0 -1 abc 4k "" 99999999999999999999; do
		cfs_write bad nvm_size "$v"
		assert_refused "Invalid argument"
	done
	for v in 0 16 x -3 ""; do
		cfs_write bad try_limit "$v"
		assert_refused "Invalid argument"
	done
	# 3 bytes; odd digits; not hex; 33 bytes.
	for v in 313233 3132333 zz313233 "$(printf '%066d' 0)"; do
		cfs_write bad perso_code "$v"
		assert_refused "Invalid argument"
	done
	assert_settings bad payment 8192 3 0
	# The default code is still "1234".
	echo 1 > "$CFS/bad/live"
	run --separate-stderr pc shell -d "/dev/$(cfs_read bad dev_name)" --code 1234 <<<"enable
verify"
	assert_success
	assert_last_line_has PERSONALIZING
	echo 0 > "$CFS/bad/live"
	rmdir "$CFS/bad"
}

@test "create: bad values are exit 2 and leave no card" {
	run --separate-stderr pc create --profile bogus x1
	assert_failure 2
	assert_prefixed
	assert_stderr_has "--profile bogus"
	run --separate-stderr pc create --nvm-size 100 x2
	assert_failure 2
	assert_stderr_has "--nvm-size 100"
	run --separate-stderr pc create --nvm-size 65537 x3
	assert_failure 2
	run --separate-stderr pc create --nvm-size abc x4
	assert_failure 2
	assert_stderr_has "not a decimal number"
	run --separate-stderr pc create --try-limit 16 x5
	assert_failure 2
	run --separate-stderr pc create --try-limit 0 x6
	assert_failure 2
	run --separate-stderr pc create --code-hex 313233 x7
	assert_failure 2
	assert_stderr_has "hex digits"
	run --separate-stderr pc create --code-hex 3132333 x8
	assert_failure 2
	run --separate-stderr pc create --code-hex zz313233 x9
	assert_failure 2
	assert_stderr_has "not a hex digit"
	run --separate-stderr pc create --code 123 x10
	assert_failure 2
	run --separate-stderr pc create --code-hex 31323334 --code 1234 x11
	assert_failure 2
	run --separate-stderr pc create --bogus
	assert_failure 2
	run --separate-stderr pc create a b
	assert_failure 2
	run --separate-stderr pc create a/b
	assert_failure 2
	run --separate-stderr pc create ..
	assert_failure 2
	run ls -A "$CFS"
	assert_output ""
	run --separate-stderr pc list
	assert_equal "${#lines[@]}" 1
}

@test "create and remove: names taken or missing, cards of nr_cards, usage" {
	run --separate-stderr pc create twice
	assert_success
	run --separate-stderr pc create twice
	assert_failure 3
	assert_stderr_has "a card of that name exists"
	assert_settings twice payment 8192 3 1
	run --separate-stderr pc remove nosuch
	assert_failure 3
	assert_stderr_has "no such card"
	run --separate-stderr pc remove 0
	assert_failure 3
	assert_stderr_has "not a card made by persocard create"
	[[ -c /dev/persocard0 ]] || fail "card 0 went"
	run --separate-stderr pc remove
	assert_failure 2
	run --separate-stderr pc remove twice extra
	assert_failure 2
	run --separate-stderr pc remove twice
	assert_success
	run --separate-stderr pc remove twice
	assert_failure 3
}

@test "create and remove as an unprivileged user: exit 3, nothing changed" {
	run --separate-stderr as_nobody create nobody1
	assert_failure 3
	assert_prefixed
	[[ ! -e $CFS/nobody1 ]] || fail "an unprivileged user made a card"
	run --separate-stderr pc create mine2
	assert_success
	run --separate-stderr as_nobody remove mine2
	assert_failure 3
	[[ -d $CFS/mine2 ]] || fail "an unprivileged user removed a card"
	assert_equal "$(cfs_read mine2 live)" 1
}

@test "create and remove without the module: exit 3, configfs and the module named" {
	remove_all
	pc unload
	run --separate-stderr pc create
	assert_failure 3
	assert_prefixed
	assert_stderr_has "mount -t configfs none /sys/kernel/config"
	assert_stderr_has "module loaded"
	run --separate-stderr pc remove x
	assert_failure 3
	assert_stderr_has "mount -t configfs"
	pc load nr_cards=1
}

@test "unload with configfs cards made: removed first, or named as the reason" {
	local dev
	run --separate-stderr pc create gone1
	assert_success
	dev=$(created_dev gone1)
	run --separate-stderr pc unload
	if ((status)); then
		assert_failure 3
		assert_stderr_has "persocard remove them first"
		pc remove gone1
		pc unload
	fi
	[[ ! -e $dev ]] || fail "$dev outlived the module"
	pc load nr_cards=1
}
