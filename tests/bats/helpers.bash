# SPDX-License-Identifier: GPL-2.0
#
# Common helpers of the persocard CLI's bats suite. Every .bats file loads
# it. The suite runs as root where the module can be loaded (the QEMU
# guest), by default against build/bin/persocard:
#
#   PERSOCARD=build/san/bin/persocard bats --tap tests/bats
#
# bats sources this file again for every test, and in the TCG guest every
# program started is slow: the helpers use shell builtins where they can,
# and nothing here runs a program at load time except, once per run, the
# cat below.

bats_require_minimum_version 1.5.0

# bats-support and bats-assert. Their load.bash files run dirname once per
# source file, fifteen programs per test: source the same files from one
# copy made once per run instead.
_pc_libs=${BATS_RUN_TMPDIR:-${TMPDIR:-/tmp}}/persocard-bats-libs.bash
if [[ ! -f $_pc_libs ]]; then
	cat /usr/lib/bats/bats-support/src/output.bash \
	    /usr/lib/bats/bats-support/src/error.bash \
	    /usr/lib/bats/bats-support/src/lang.bash \
	    /usr/lib/bats/bats-assert/src/*.bash > "$_pc_libs.$$" &&
		mv -f "$_pc_libs.$$" "$_pc_libs"
fi
# shellcheck source=/dev/null
source "$_pc_libs"

PERSOCARD=${PERSOCARD:-$BATS_TEST_DIRNAME/../../build/bin/persocard}
# Absolute, so that tests may change directory.
[[ $PERSOCARD == /* ]] || PERSOCARD=$PWD/$PERSOCARD

DATA=$BATS_TEST_DIRNAME/data
EXAMPLES=$BATS_TEST_DIRNAME/../../examples
SYSFS=/sys/class/persocard

# A sanitizer report must never pass for an expected exit status. Our
# options come last and win; a log_path or detect_leaks set by the caller
# stays.
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}exitcode=86:abort_on_error=0
export UBSAN_OPTIONS=${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}exitcode=87:halt_on_error=1
unset PERSOCARD_CODE

# pc ARGS...: the CLI, bounded in time, never reading a terminal.
pc() {
	if [[ -t 0 ]]; then
		timeout 20 "$PERSOCARD" "$@" </dev/null
	else
		timeout 20 "$PERSOCARD" "$@"
	fi
}

# as_nobody ARGS...: the CLI as an unprivileged user.
as_nobody() {
	timeout 20 setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$PERSOCARD" "$@" </dev/null
}

# load_module PARAMS...: a clean module with these parameters (setup_file).
load_module() {
	# A module left loaded by an earlier run would refuse the parameters.
	if [[ -d /sys/module/persocard ]]; then
		pc unload || return 1
	fi
	pc load "$@" || {
		echo "setup_file: persocard load $* failed" >&2
		return 1
	}
}

unload_module() {
	pc unload
}

# attr N NAME: a sysfs attribute of card N.
attr() {
	local v
	read -r v < "$SYSFS/persocard$1/$2" && printf '%s\n' "$v"
}

# set_attr N NAME VALUE: the maker's settings (root, fresh card).
set_attr() {
	echo "$3" > "$SYSFS/persocard$1/$2"
}

# fresh_card N [PROFILE [TRY_LIMIT [CODE_HEX]]]: a new blank card through
# persocard factory-reset, then the maker's settings through sysfs (a
# factory reset keeps them, so a test that changed them leaves no trace).
fresh_card() {
	local n=$1 profile=${2:-${CARD_PROFILE:-payment}}
	local limit=${3:-${CARD_TRY_LIMIT:-3}} code=${4:-31323334} fresh

	pc factory-reset -c "$n" || {
		echo "fresh_card: persocard factory-reset -c $n failed" >&2
		return 1
	}
	read -r fresh < "$SYSFS/persocard$n/fresh"
	[[ $fresh == 1 ]] || {
		echo "fresh_card: card $n not fresh after factory-reset" >&2
		return 1
	}
	set_attr "$n" profile "$profile"
	set_attr "$n" try_limit "$limit"
	set_attr "$n" perso_code "$code"
}

# assert_attr N NAME VALUE: a sysfs attribute of card N.
assert_attr() {
	local v
	read -r v < "$SYSFS/persocard$1/$2"
	[[ $v == "$3" ]] ||
		fail "card $1: $2 is '$v', expected '$3'"
}

# assert_state N STATE: the card's sysfs state ("semi-finished", ...).
assert_state() {
	assert_attr "$1" state "$2"
}

# assert_fresh N 0|1
assert_fresh() {
	assert_attr "$1" fresh "$2"
}

# assert_untouched N: a rejected command line or data file sent nothing.
assert_untouched() {
	local limit
	read -r limit < "$SYSFS/persocard$1/try_limit"
	assert_attr "$1" state semi-finished
	assert_attr "$1" fresh 1
	assert_attr "$1" tries_left "$limit"
}

# assert_stderr_has TEXT: for runs made with --separate-stderr.
assert_stderr_has() {
	if [[ $stderr != *"$1"* ]]; then
		batslib_print_kv_single_or_multi 8 expected "$1" stderr "$stderr" \
			stdout "$output" |
			batslib_decorate 'stderr does not contain the text' | fail
	fi
}

# assert_stderr_empty
assert_stderr_empty() {
	[[ -z $stderr ]] || fail "stderr: $stderr"
}

# assert_prefixed: every stderr line is "persocard: ...".
assert_prefixed() {
	local line
	[[ -n $stderr ]] || fail "nothing on stderr"
	for line in "${stderr_lines[@]}"; do
		[[ $line == persocard:* ]] ||
			fail "stderr line without the 'persocard:' prefix: $line"
	done
}

# assert_last_line_has TEXT: the last line of stdout contains TEXT.
assert_last_line_has() {
	((${#lines[@]})) || fail "nothing on stdout; stderr: $stderr"
	[[ ${lines[-1]} == *"$1"* ]] ||
		fail "last line '${lines[-1]}' lacks '$1'; stderr: $stderr"
}

# wait_until CMD...: poll CMD, at most about 30 s; no fixed sleeps.
wait_until() {
	local i
	for ((i = 0; i < 300; i++)); do
		"$@" && return 0
		sleep 0.1
	done
	return 1
}

state_is() {
	local v
	read -r v < "$SYSFS/persocard$1/state"
	[[ $v == "$2" ]]
}

# jqr FILTER: jq -r on $output, one program for several fields:
# jqr '[.state, .session] | @tsv'.
jqr() {
	jq -r "$1" <<<"$output"
}

# tohex: stdin's bytes as lower-case hexadecimal (a file: NULs allowed).
tohex() {
	od -An -v -tx1 | tr -d ' \n'
}

# texthex TEXT: TEXT's bytes in hexadecimal, without a program.
texthex() {
	local LC_ALL=C s=$1 i h out=
	for ((i = 0; i < ${#s}; i++)); do
		printf -v h '%02x' "'${s:i:1}"
		out+=$h
	done
	printf '%s' "$out"
}

# normhex TEXT: blanks out, lower case.
normhex() {
	local h=${1//[[:space:]]/}
	printf '%s' "${h,,}"
}

# value_hex VALUE DIR: the bytes a data-file value stands for, in hex, as
# cli.rst defines the syntax (hex, hex:, "quoted", text:, @FILE).
value_hex() {
	local LC_ALL=C v=$1 dir=$2 s out c n i f h
	case $v in
	text:*)
		texthex "${v#text:}"
		;;
	@*)
		f=${v#@}
		[[ $f == /* ]] || f=$dir/$f
		tohex < "$f"
		;;
	\"*)
		s=${v:1} out=
		for ((i = 0; i < ${#s}; i++)); do
			c=${s:i:1}
			if [[ $c == '\' ]]; then
				n=${s:i+1:1}
				case $n in
				'\') out+=5c ;;
				'"') out+=22 ;;
				n) out+=0a ;;
				t) out+=09 ;;
				x) out+=${s:i+2:2}; i=$((i + 2)) ;;
				esac
				i=$((i + 1))
			elif [[ $c == '"' ]]; then
				break
			else
				printf -v h '%02x' "'$c"
				out+=$h
			fi
		done
		printf '%s' "${out,,}"
		;;
	*)
		v=${v%%#*}
		v=${v#hex:}
		normhex "$v"
		;;
	esac
}

# perso_elements FILE: "TAG HEX" for every element of a data file.
perso_elements() {
	local file=$1 dir=${1%/*} line tag rest
	while IFS= read -r line || [[ -n $line ]]; do
		line=${line#"${line%%[![:space:]]*}"}
		[[ -z $line || $line == \#* ]] && continue
		tag=${line%%[[:space:]]*}
		[[ $tag == profile ]] && continue
		rest=${line#"$tag"}
		rest=${rest#"${rest%%[![:space:]]*}"}
		printf '%s %s\n' "$tag" "$(value_hex "$rest" "$dir")"
	done < "$file"
}

# Secret elements of the three profiles (module/profile.c): their names,
# and their tags all lie in 0x8000-0x8FFF.
SECRET_NAMES=" icc_keys pin_block rsa_private_exp ki opc pin1 puk1 auth_key sign_key pin "

# is_secret TAG: a name, 0xHHHH or decimal.
is_secret() {
	local t=$1
	if [[ $t == 0x* ]]; then
		t=$((t))
	elif [[ $t =~ ^[0-9]+$ ]]; then
		t=$((10#$t))
	else
		[[ $SECRET_NAMES == *" $t "* ]]
		return
	fi
	((t >= 0x8000 && t <= 0x8FFF))
}

# check_readback N FILE: after a personalization from FILE, every public
# element reads back as the file's value and every secret one is refused
# with 6982. One shell reads them all: a program per element would cost
# a minute in the guest.
check_readback() {
	local n=$1 file=$2 tag hex i
	local -a reads=() want=() refused=()
	while read -r tag hex; do
		reads+=("read $tag")
		if is_secret "$tag"; then
			refused+=("$tag")
		else
			want+=("$tag $hex")
		fi
	done < <(perso_elements "$file")
	((${#want[@]} && ${#refused[@]})) ||
		fail "$file: no public or no secret element"
	run --separate-stderr pc shell -c "$n" < <(printf '%s\n' "${reads[@]}")
	assert_failure 1
	assert_equal "public elements read: ${#lines[@]}" \
		"public elements read: ${#want[@]}"
	for ((i = 0; i < ${#want[@]}; i++)); do
		assert_equal "${want[i]%% *} $(normhex "${lines[i]}")" "${want[i]}"
	done
	assert_equal "secret elements refused: ${#stderr_lines[@]}" \
		"secret elements refused: ${#refused[@]}"
	for ((i = 0; i < ${#refused[@]}; i++)); do
		[[ ${stderr_lines[i]} == "persocard: read: "*": security status not satisfied (SW 6982)" ]] ||
			fail "read of secret ${refused[i]}: ${stderr_lines[i]}"
	done
}

# line_of FILE REGEX: number of the first line matching REGEX.
line_of() {
	local n=0 line
	while IFS= read -r line; do
		((++n))
		if [[ $line =~ $2 ]]; then
			echo "$n"
			return 0
		fi
	done < "$1"
	return 1
}

# Background sessions: a "persocard shell" reading a FIFO.
#
# start_shell N ARGS...: SH_PID, SH_OUT, SH_ERR; the FIFO's writer is fd 5.
start_shell() {
	local n=$1
	shift
	SH_FIFO=$BATS_TEST_TMPDIR/shell.fifo
	SH_OUT=$BATS_TEST_TMPDIR/shell.out
	SH_ERR=$BATS_TEST_TMPDIR/shell.err
	mkfifo "$SH_FIFO"
	"$PERSOCARD" shell -c "$n" "$@" <"$SH_FIFO" >"$SH_OUT" 2>"$SH_ERR" 3>&- &
	SH_PID=$!
	exec 5>"$SH_FIFO"
}

# send LINE...: lines for the background shell, in one write.
send() {
	printf '%s\n' "$@" >&5
}

# stop_shell: end of file for the shell; its exit status in SH_STATUS.
stop_shell() {
	exec 5>&-
	SH_STATUS=0
	wait "$SH_PID" || SH_STATUS=$?
	SH_PID=
}

# For teardown: no shell may outlive its test.
kill_shell() {
	exec 5>&-
	if [[ -n ${SH_PID:-} ]]; then
		kill -9 "$SH_PID" 2>/dev/null || true
		wait "$SH_PID" 2>/dev/null || true
		SH_PID=
	fi
}
