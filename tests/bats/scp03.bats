#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0
#
# The GlobalPlatform path through the CLI: the maker's key sets (set-keys,
# create --scp03, auth in status and info), personalize --scp03 at several
# security levels and key lengths, and the bad inputs: a key set that is
# not the card's (no try spent), a wrong key version, malformed key files,
# bad levels, the wrong auth mode on either side.

load helpers

CFS=/sys/kernel/config/persocard

setup_file() {
	load_module nr_cards=4
}

teardown_file() {
	local d
	for d in "$CFS"/*/; do
		[[ -d $d ]] || continue
		echo 0 > "$d/live" 2>/dev/null || true
		rmdir "$d" 2>/dev/null || true
	done
	unload_module
}

# hexbytes LEN FIRST: LEN bytes FIRST, FIRST+1, ... in hex.
hexbytes() {
	local i out=
	for ((i = 0; i < $1; i++)); do
		printf -v out '%s%02X' "$out" $((($2 + i) & 0xFF))
	done
	printf '%s' "$out"
}

# keyfile PATH KVN LEN [FIRST]: a key file; ENC, MAC and DEK all differ,
# FIRST (default 0x40) changes all three.
keyfile() {
	local f=${4:-64}
	{
		echo "# test key set, AES-$(($3 * 8))"
		echo "kvn $2"
		echo "enc $(hexbytes "$3" "$f")"
		echo
		echo "mac $(hexbytes "$3" $((f + 0x20)))"
		echo "dek $(hexbytes "$3" $((f + 0x40)))"
	} > "$1"
}

# code_card N PROFILE: a fresh card of the perso code 1234, whatever key
# set an earlier test gave it (a factory reset may keep it, as it keeps the
# code).
code_card() {
	fresh_card "$1" "$2" 3 || return 1
	set_attr "$1" scp03_keys none
	assert_attr "$1" auth code
}

# scp03_card N PROFILE KEYFILE: a fresh card of PROFILE with that key set.
scp03_card() {
	code_card "$1" "$2"
	run --separate-stderr pc set-keys "$1" "$3"
	assert_success
	assert_stderr_empty
	assert_attr "$1" auth scp03
}

# scp03_personalized N FILE KEYFILE [LEVEL]: a good SCP03 session: the
# commands in order, a store-data line per STORE DATA, PERSONALIZED, the
# public elements read back and the secret ones refused.
scp03_personalized() {
	local n=$1 file=$2 keys=$3 i
	local -a args=(personalize -c "$n" --scp03="$keys")
	[[ -n ${4:-} ]] && args+=(--level="$4")
	run --separate-stderr pc "${args[@]}" "$file"
	assert_success
	assert_stderr_empty
	assert_equal "${lines[0]}" "select: OK (SW 9000), SEMI_FINISHED"
	assert_equal "${lines[1]}" "enable: OK (SW 9000), READY"
	assert_equal "${lines[2]}" "initialize-update: OK (SW 9000), READY"
	assert_equal "${lines[3]}" "external-authenticate: OK (SW 9000), PERSONALIZING"
	((${#lines[@]} >= 6)) || fail "no store-data line: $output"
	for ((i = 4; i < ${#lines[@]} - 1; i++)); do
		[[ ${lines[i]} =~ ^store-data:(\ [a-z0-9_]+\ \(0x[0-9A-F]{4},\ [0-9]+\ bytes?\))?:\ OK\ \(SW\ 9000\),\ PERSONALIZING$ ]] ||
			fail "line $i: ${lines[i]}"
	done
	assert_equal "${lines[-1]}" "set-status: OK (SW 9000), PERSONALIZED"
	assert_state "$n" personalized
	assert_fresh "$n" 0
	check_readback "$n" "$file"
}

# assert_tries N TRIES STATE: the try counter untouched or spent as said.
assert_tries() {
	assert_attr "$1" tries_left "$2"
	assert_attr "$1" state "$3"
}

@test "set-keys gives a fresh card a key set; status and info show auth; none takes it away" {
	keyfile "$BATS_TEST_TMPDIR/k" 30 16
	code_card 0 payment
	assert_attr 0 auth code
	run --separate-stderr pc status -c 0
	assert_success
	assert_line "auth:       code"
	run --separate-stderr pc set-keys 0 "$BATS_TEST_TMPDIR/k"
	assert_success
	assert_output ""
	assert_attr 0 auth scp03
	run --separate-stderr pc status -c 0 --json
	assert_success
	assert_equal "$(jqr '.auth')" scp03
	run --separate-stderr pc info -c 0 --json
	assert_success
	assert_equal "$(jqr '.auth')" scp03
	assert_equal "$(jqr '.caps | index("scp03") != null')" true
	run --separate-stderr pc info -c 0
	assert_line "auth:          scp03"
	# The keys are write-only: never read back.
	run cat "$SYSFS/persocard0/scp03_keys"
	[[ $output != *4041424344* && $output != *6061626364* ]] ||
		fail "scp03_keys reads back a key: $output"
	run --separate-stderr pc set-keys 0 none
	assert_success
	assert_attr 0 auth code
	run --separate-stderr pc status -c 0
	assert_line "auth:       code"
}

@test "set-keys: a key set from standard input; persocardN and /dev/persocardN" {
	keyfile "$BATS_TEST_TMPDIR/k" 01 24
	code_card 1 sim
	run --separate-stderr pc set-keys persocard1 - < "$BATS_TEST_TMPDIR/k"
	assert_success
	assert_attr 1 auth scp03
	run --separate-stderr pc set-keys /dev/persocard1 none
	assert_success
	assert_attr 1 auth code
}

@test "personalize --scp03, AES-128, default level cdec-rmac: a payment card" {
	keyfile "$BATS_TEST_TMPDIR/k" 30 16
	scp03_card 0 payment "$BATS_TEST_TMPDIR/k"
	scp03_personalized 0 "$DATA/payment.perso" "$BATS_TEST_TMPDIR/k"
	run --separate-stderr pc status -c 0 --json
	assert_equal "$(jqr '"\(.state) \(.session) \(.tries_left) \(.auth)"')" \
		"PERSONALIZED false 3 scp03"
}

@test "personalize --scp03 --level cmac, AES-192: a sim card" {
	keyfile "$BATS_TEST_TMPDIR/k" 31 24 16
	scp03_card 1 sim "$BATS_TEST_TMPDIR/k"
	scp03_personalized 1 "$EXAMPLES/sim.perso" "$BATS_TEST_TMPDIR/k" cmac
}

@test "personalize --scp03 --level all, AES-256: an identity card" {
	keyfile "$BATS_TEST_TMPDIR/k" 7F 32 200
	scp03_card 2 identity "$BATS_TEST_TMPDIR/k"
	scp03_personalized 2 "$EXAMPLES/identity.perso" "$BATS_TEST_TMPDIR/k" all
}

@test "personalize --scp03 --level 11 (rmac by number): a payment card" {
	keyfile "$BATS_TEST_TMPDIR/k" 30 16 1
	scp03_card 3 payment "$BATS_TEST_TMPDIR/k"
	scp03_personalized 3 "$EXAMPLES/payment.perso" "$BATS_TEST_TMPDIR/k" 11
}

@test "a key set that is not the card's: the card cryptogram fails, no try spent, three times" {
	local i
	keyfile "$BATS_TEST_TMPDIR/k" 30 16
	keyfile "$BATS_TEST_TMPDIR/other" 30 16 0x41
	scp03_card 0 payment "$BATS_TEST_TMPDIR/k"
	for i in 1 2 3 4; do
		run --separate-stderr pc personalize -c 0 \
			--scp03="$BATS_TEST_TMPDIR/other" "$DATA/payment.perso"
		assert_failure 1
		assert_prefixed
		assert_stderr_has "initialize-update: /dev/persocard0: the card cryptogram does not match: $BATS_TEST_TMPDIR/other is not this card's key set"
		assert_stderr_has "no try spent"
		refute_line --partial "external-authenticate"
		assert_tries 0 3 semi-finished
	done
	# After four wrong key sets with a try limit of 3: the right one works.
	scp03_personalized 0 "$DATA/payment.perso" "$BATS_TEST_TMPDIR/k"
}

@test "a wrong key version: INITIALIZE UPDATE answers 6A88, no try spent" {
	keyfile "$BATS_TEST_TMPDIR/k" 30 16
	keyfile "$BATS_TEST_TMPDIR/kvn" 31 16
	scp03_card 1 payment "$BATS_TEST_TMPDIR/k"
	run --separate-stderr pc personalize -c 1 --scp03="$BATS_TEST_TMPDIR/kvn" \
		"$DATA/payment.perso"
	assert_failure 1
	assert_prefixed
	assert_stderr_has "initialize-update: "
	assert_stderr_has "(SW 6A88)"
	assert_tries 1 3 semi-finished
}

@test "keys of another length than the card's: refused, no try spent" {
	keyfile "$BATS_TEST_TMPDIR/k" 30 16
	keyfile "$BATS_TEST_TMPDIR/k256" 30 32
	scp03_card 2 payment "$BATS_TEST_TMPDIR/k"
	run --separate-stderr pc personalize -c 2 --scp03="$BATS_TEST_TMPDIR/k256" \
		"$DATA/payment.perso"
	assert_failure 1
	assert_prefixed
	assert_stderr_has "initialize-update: "
	assert_tries 2 3 semi-finished
}

# malformed NAME CONTENT: a key file that must be refused with NAME's
# reason, by personalize and set-keys alike, the card untouched.
malformed() {
	local f=$BATS_TEST_TMPDIR/$1
	printf '%b' "$2" > "$f"
	run --separate-stderr pc personalize -c 3 --scp03="$f" "$DATA/payment.perso"
	assert_failure 2
	assert_prefixed
	assert_stderr_has "personalize: $f"
	refute_output --partial select
	run --separate-stderr pc set-keys 3 "$f"
	assert_failure 2
	assert_prefixed
	assert_stderr_has "set-keys: $f"
	assert_untouched 3
	assert_attr 3 auth code
}

@test "malformed key files: refused before any card is touched, with FILE:LINE" {
	local k16 k24
	k16=$(hexbytes 16 0) k24=$(hexbytes 24 0)
	code_card 3 payment
	malformed missing-dek "kvn 30\nenc $k16\nmac $k16\n"
	malformed kvn-00 "kvn 00\nenc $k16\nmac $k16\ndek $k16\n"
	assert_stderr_has "$BATS_TEST_TMPDIR/kvn-00:1:"
	malformed kvn-80 "kvn 80\nenc $k16\nmac $k16\ndek $k16\n"
	assert_stderr_has "$BATS_TEST_TMPDIR/kvn-80:1:"
	malformed twice "kvn 30\nenc $k16\nenc $k16\nmac $k16\ndek $k16\n"
	assert_stderr_has "$BATS_TEST_TMPDIR/twice:3:"
	malformed unknown-word "kvn 30\nenc $k16\nmac $k16\ndek $k16\nkey $k16\n"
	assert_stderr_has "$BATS_TEST_TMPDIR/unknown-word:5:"
	malformed bad-hex "kvn 30\nenc ${k16:0:30}ZZ\nmac $k16\ndek $k16\n"
	assert_stderr_has "$BATS_TEST_TMPDIR/bad-hex:2:"
	malformed odd-hex "kvn 30\nenc ${k16}0\nmac $k16\ndek $k16\n"
	malformed mixed-lengths "kvn 30\nenc $k16\nmac $k24\ndek $k16\n"
	malformed key-20 "kvn 30\nenc $(hexbytes 20 0)\nmac $(hexbytes 20 0)\ndek $(hexbytes 20 0)\n"
	malformed empty ""
	malformed comments-only "# nothing\n\n"
	malformed nul "kvn 30\nenc $k16\0\nmac $k16\ndek $k16\n"
}

@test "a missing or unreadable key file: exit 2, nothing sent" {
	code_card 3 payment
	run --separate-stderr pc personalize -c 3 --scp03="$BATS_TEST_TMPDIR/none.keys" \
		"$DATA/payment.perso"
	assert_failure 2
	assert_prefixed
	assert_stderr_has "$BATS_TEST_TMPDIR/none.keys: "
	assert_stderr_has "No such file or directory"
	run --separate-stderr pc set-keys 3 "$BATS_TEST_TMPDIR/none.keys"
	assert_failure 2
	assert_stderr_has "No such file or directory"
	run --separate-stderr pc personalize -c 3 --scp03= "$DATA/payment.perso"
	assert_failure 2
	assert_stderr_has "empty KEYFILE"
	assert_untouched 3
}

@test "--level: a bad value, without --scp03; --scp03 with a perso code" {
	keyfile "$BATS_TEST_TMPDIR/k" 30 16
	code_card 3 payment
	for level in none 02 0x13x "" 10 cdec-rmac-all; do
		run --separate-stderr pc personalize -c 3 --scp03="$BATS_TEST_TMPDIR/k" \
			--level="$level" "$DATA/payment.perso"
		assert_failure 2
		assert_prefixed
		assert_stderr_has "--level: '$level' is not a security level: cmac, cdec, rmac, cdec-rmac or all"
	done
	run --separate-stderr pc personalize -c 3 --level=cmac --code 1234 \
		"$DATA/payment.perso"
	assert_failure 2
	assert_stderr_has "--level needs --scp03=KEYFILE"
	run --separate-stderr pc personalize -c 3 --scp03="$BATS_TEST_TMPDIR/k" \
		--code 1234 "$DATA/payment.perso"
	assert_failure 2
	assert_stderr_has "give no perso code with it"
	run --separate-stderr pc personalize -c 3 --scp03=- - < /dev/null
	assert_failure 2
	assert_stderr_has "cannot both be standard input"
	assert_untouched 3
}

@test "--scp03 on a card of the perso code: INITIALIZE UPDATE answers 6985" {
	keyfile "$BATS_TEST_TMPDIR/k" 30 16
	code_card 3 payment
	run --separate-stderr pc personalize -c 3 --scp03="$BATS_TEST_TMPDIR/k" \
		"$DATA/payment.perso"
	assert_failure 1
	assert_prefixed
	assert_stderr_has "persocard: initialize-update: conditions of use not satisfied (SW 6985)"
	assert_stderr_has "/dev/persocard3 authenticates by perso code, not SCP03: personalize it without --scp03"
	assert_tries 3 3 semi-finished
	# The card is as good as new for its perso code.
	run --separate-stderr pc personalize -c 3 --code 1234 "$DATA/payment.perso"
	assert_success
	assert_state 3 personalized
}

@test "a perso code on an SCP03 card: VERIFY PERSO CODE answers 6985" {
	keyfile "$BATS_TEST_TMPDIR/k" 30 16
	scp03_card 2 payment "$BATS_TEST_TMPDIR/k"
	run --separate-stderr pc personalize -c 2 --code 1234 "$DATA/payment.perso"
	assert_failure 1
	assert_prefixed
	assert_line "enable: OK (SW 9000), READY"
	assert_stderr_has "persocard: verify: conditions of use not satisfied (SW 6985)"
	assert_stderr_has "/dev/persocard2 authenticates by SCP03, not a perso code: personalize it with --scp03=KEYFILE"
	assert_tries 2 3 semi-finished
}

@test "set-keys: a card that is not fresh, not root, no such card" {
	keyfile "$BATS_TEST_TMPDIR/k" 30 16
	code_card 1 payment
	run --separate-stderr pc personalize -c 1 --code 1234 "$DATA/payment.perso"
	assert_success
	run --separate-stderr pc set-keys 1 "$BATS_TEST_TMPDIR/k"
	assert_failure 1
	assert_prefixed
	assert_stderr_has "/dev/persocard1: not fresh"
	assert_attr 1 auth code
	code_card 1 payment
	# The key file on standard input: nobody may not reach the test's folder.
	run --separate-stderr timeout 20 setpriv --reuid=65534 --regid=65534 \
		--clear-groups "$PERSOCARD" set-keys 1 - < "$BATS_TEST_TMPDIR/k"
	assert_failure 3
	assert_stderr_has "(it needs root)"
	assert_attr 1 auth code
	run --separate-stderr pc set-keys 9 "$BATS_TEST_TMPDIR/k"
	assert_failure 3
	assert_stderr_has "/dev/persocard9: no such card"
	run --separate-stderr pc set-keys 1
	assert_failure 2
	run --separate-stderr pc set-keys x "$BATS_TEST_TMPDIR/k"
	assert_failure 2
	assert_stderr_has "'x' is not a card"
}

@test "create --scp03: a configfs card with a key set, personalized, removed" {
	local name dev n v
	keyfile "$BATS_TEST_TMPDIR/k" 32 32 7
	run --separate-stderr pc create --profile sim --try-limit 5 \
		--scp03="$BATS_TEST_TMPDIR/k" scp03-card
	assert_success
	read -r name dev <<<"$output"
	assert_equal "$name" scp03-card
	n=${dev#/dev/persocard}
	read -r v < "$CFS/scp03-card/auth"
	assert_equal "$v" scp03
	assert_attr "$n" auth scp03
	scp03_personalized "$n" "$EXAMPLES/sim.perso" "$BATS_TEST_TMPDIR/k" cdec
	run --separate-stderr pc remove scp03-card
	assert_success
}

@test "create --scp03: a bad key file or a perso code with it makes no card" {
	local before after
	printf 'kvn 30\n' > "$BATS_TEST_TMPDIR/bad"
	keyfile "$BATS_TEST_TMPDIR/k" 30 16
	before=$(ls "$CFS")
	run --separate-stderr pc create --scp03="$BATS_TEST_TMPDIR/bad" nocard
	assert_failure 2
	assert_prefixed
	assert_stderr_has "$BATS_TEST_TMPDIR/bad"
	run --separate-stderr pc create --scp03="$BATS_TEST_TMPDIR/k" --code-hex 31323334 nocard
	assert_failure 2
	assert_stderr_has "not both"
	after=$(ls "$CFS")
	assert_equal "$after" "$before"
}
