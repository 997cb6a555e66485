# SPDX-License-Identifier: GPL-2.0
#
# TAP for the PC/SC shell tests: ok COND-STATUS DESCRIPTION, is GOT WANT
# DESCRIPTION, then done prints the plan.
tap_n=0

tap_result() {
	tap_n=$((tap_n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $tap_n - $2"
	else
		echo "not ok $tap_n - $2"
	fi
}

# ok DESCRIPTION COMMAND...: passes if COMMAND succeeds.
ok() {
	local desc=$1
	shift
	"$@"
	tap_result $? "$desc"
}

# is GOT WANT DESCRIPTION
is() {
	[ "$1" = "$2" ]
	tap_result $? "$3"
	[ "$1" = "$2" ] || printf '#   got:  %s\n#   want: %s\n' "$1" "$2"
}

done_testing() {
	echo "1..$tap_n"
}

sysfs_card() {
	echo "/sys/class/persocard/persocard$1"
}

# The reader pcscd names for slot N of the persocard reader.
slot_reader() {
	printf 'persocard 00 %02X' "$1"
}
