#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The benchmark plan, in the bench guest (tests/vm/guest-bench.sh runs
# it): every figure of make bench, one JSON line each, into
# RESULTS/figures.jsonl; the module's memory samples into RESULTS/size.txt.
# Run from the checkout, as root, with the bench kernel's persocard.ko
# under /lib/modules.
#
#   bench/guest-bench.sh RESULTS
out=${1:?results folder}
bin=build/bench
ko=/lib/modules/$(uname -r)/extra/persocard.ko
figures=$out/figures.jsonl
: > "$figures"

fail() {
	echo "bench: $*" | tee -a "$out/error.txt" >&2
	exit 1
}

note() {
	printf '{"key": "%s", "value": "%s"}\n' "$1" "$2" >> "$figures"
}

# A jiffies clock ticks every 4 ms here: every figure would be its noise.
# Sets $cs; not to be called in $(...), where fail would end a subshell.
check_clocksource() {
	cs=$(cat /sys/devices/system/clocksource/clocksource0/current_clocksource)
	case $cs in
	*jiffies*) fail "clocksource is $cs, not a fine one: boot with tsc=reliable (PERSOCARD_KARGS)" ;;
	esac
}
check_clocksource
note guest.clocksource "$cs"
note guest.cpus "$(nproc)"
note guest.kernel "$(uname -r)"
[ "$(nproc)" -ge 2 ] || fail "$(nproc) CPU: the scaling figures need 2"
# vpcd listens on every address: only the loopback may have one.
addrs=$(ip -o addr show | awk '$2 != "lo" { print $2, $4 }')
[ -z "$addrs" ] || fail "addresses besides the loopback's: $addrs"

# 4. Size: Slab + VmallocUsed + Percpu around loads of 1 and 256 cards.
# The difference of the two deltas cancels the module's own text and
# data; drop_caches first so dentries and inodes of earlier runs go.
sample() {
	sync
	echo 3 > /proc/sys/vm/drop_caches
	sleep 0.5
	awk -v rep="$1" -v what="$2" '
		/^Slab:/ { s = $2 } /^VmallocUsed:/ { v = $2 } /^Percpu:/ { p = $2 }
		END { print rep, what, s, v, p }' /proc/meminfo >> "$out/size.txt"
}
: > "$out/size.txt"
for rep in 1 2 3 4 5; do
	sample "$rep" base1
	insmod "$ko" nr_cards=1 || fail "insmod nr_cards=1"
	sample "$rep" load1
	rmmod persocard
	sample "$rep" base256
	insmod "$ko" nr_cards=256 || fail "insmod nr_cards=256"
	sample "$rep" load256
	[ "$rep" = 1 ] && note nvm_size "$(cat /sys/module/persocard/parameters/nvm_size)"
	rmmod persocard
done

# 1-3. The ioctl figures, on 64 cards.
insmod "$ko" nr_cards=64 || fail "insmod nr_cards=64"
echo "bench: floor" >&2
timeout 300 "$bin/bench-floor" /dev/persocard0 31 2000 >> "$figures" ||
	fail "bench-floor failed"
echo "bench: personalizations, by code and over SCP03" >&2
timeout 300 "$bin/bench-perso" perso bench/payment-full.perso 64 9 64 8 \
	build/bin/persocard bench/scp03.keys >> "$figures" ||
	fail "bench-perso perso failed"
echo "bench: scaling" >&2
timeout 300 "$bin/bench-perso" scale bench/payment-full.perso 64 9 100 \
	>> "$figures" || fail "bench-perso scale failed"
echo "bench: phases" >&2
timeout 300 "$bin/bench-perso" phases bench/payment-full.perso 64 9 64 \
	phases >> "$figures" || fail "bench-perso phases failed"
rmmod persocard || fail "rmmod after the ioctl figures"

# The same steps on cards of the smallest and the largest NVM: which
# step's cost follows nvm_size.
for size in 1024 65536; do
	insmod "$ko" nr_cards=64 nvm_size=$size || fail "insmod nvm_size=$size"
	timeout 300 "$bin/bench-perso" phases bench/payment-full.perso 64 9 64 \
		"phases_nvm_$size" >> "$figures" || fail "bench-perso phases ($size) failed"
	rmmod persocard || fail "rmmod after nvm_size=$size"
done

# 5. PC/SC: one pcscd with both readers, then again with the TCP_NODELAY
# shim preloaded; vicc reconnects to each.
insmod "$ko" nr_cards=1 || fail "insmod nr_cards=1"
conf=$(mktemp -d)
cat > "$conf/reader.conf" <<CONF
FRIENDLYNAME	"persocard"
DEVICENAME	/dev/persocard0
LIBPATH		$PWD/build/pcsc/libifd-persocard.so

FRIENDLYNAME	"Virtual PCD"
DEVICENAME	/dev/null:0x8C7B
LIBPATH		/usr/lib/pcsc/drivers/serial/libifdvpcd.so
CHANNELID	0x8C7B
CONF

# vicc as packaged: its module off sys.path, and "Crypto" where
# python3-pycryptodome ships "Cryptodome" (bench/vicc/Crypto.py aliases).
export PYTHONPATH=/usr/lib/python3/site-packages/virtualsmartcard:$PWD/bench/vicc
export PYTHONDONTWRITEBYTECODE=1

# SELECT MF, no FCI asked (P2 0C): vicc's ISO 7816 card answers it; a
# persocard card not yet locked refuses it (6985: no application yet).
# GET STATUS is the reverse.
select_mf=00A4000C023F00
get_status=80F200000D

# NAME PRELOAD VICC_KEY PERSOCARD_KEY: the keys under pcsc_apdu_per_s.
pcsc_run() {
	local name=$1 preload=$2 vkey=$3 pkey=$4 pcscd_pid vicc_pid i
	local n=${VICC_COUNT:-40}
	env ${preload:+LD_PRELOAD=$preload} pcscd -f -c "$conf/reader.conf" \
		> "$out/pcscd-$name.log" 2>&1 &
	pcscd_pid=$!
	# vicc gives up when nobody listens: wait for vpcd's port (8C7B).
	for i in $(seq 100); do
		grep -q ':8C7B 00000000:0000 0A' /proc/net/tcp /proc/net/tcp6 2>/dev/null && break
		sleep 0.1
	done
	/usr/bin/python3 /usr/bin/vicc -t iso7816 -H localhost -P 35963 \
		> "$out/vicc-$name.log" 2>&1 &
	vicc_pid=$!
	timeout 300 "$bin/bench-pcsc" 9 $select_mf \
		"$pkey=persocard 00 00:400" "$vkey=Virtual PCD 00 00:$n" \
		>> "$figures" || echo "bench: bench-pcsc ($name) failed" | tee -a "$out/error.txt" >&2
	timeout 120 "$bin/bench-pcsc" 3 $get_status \
		"get_status.$pkey=persocard 00 00:400" "get_status.$vkey=Virtual PCD 00 00:$n" \
		>> "$figures" || echo "bench: bench-pcsc GET STATUS ($name) failed" >&2
	kill "$vicc_pid" 2>/dev/null
	kill -TERM "$pcscd_pid"
	wait "$pcscd_pid" "$vicc_pid" 2>/dev/null
}
echo "bench: pcsc" >&2
pcsc_run plain "" vicc persocard
echo "bench: pcsc, TCP_NODELAY" >&2
pcsc_run nodelay "$PWD/$bin/nodelay.so" vicc_nodelay persocard_shim
rmmod persocard || fail "rmmod after PC/SC"
rm -rf "$conf"

check_clocksource
note guest.clocksource_end "$cs"
dmesg > "$out/dmesg.txt"
echo done > "$out/done"
