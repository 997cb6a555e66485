#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# 4096 cards on one module, made through configfs; one of each profile
# personalized through the CLI; all removed again. TAP on stdout; the
# guest's kmemleak scan at the end of the plan covers what they left.
#
#   tests/vm/guest-many.sh KO CLI
ko=${1:?persocard.ko}
cli=${2:?persocard CLI}
nr=4096
export PERSOCARD_CODE=1234

echo "TAP version 13"
echo "1..7"
insmod "$ko" nr_cards=1
make_out=$(build/tests/many_cards make $nr 2>&1 >/tmp/many.tap)
sed -e "s/^ok 1 /ok 1 /" /tmp/many.tap
read -r _ pay sim id <<<"$(grep '^FIRST' <<<"$make_out")"
n=3
for pair in "payment:$pay" "sim:$sim" "identity:$id"; do
	profile=${pair%%:*}
	index=${pair#*:}
	if [ -n "$index" ] && [ "$index" -ge 0 ] &&
	   "$cli" personalize -c "$index" "examples/$profile.perso" >/tmp/perso.out 2>&1 &&
	   [ "$(cat /sys/class/persocard/persocard$index/state)" = personalized ]; then
		echo "ok $n - a $profile card among them personalized (persocard$index)"
	else
		echo "not ok $n - a $profile card among them personalized (persocard$index)"
		sed 's/^/# /' /tmp/perso.out
	fi
	n=$((n + 1))
done
build/tests/many_cards remove $nr | sed -e 's/^ok 1 /ok 6 /' -e 's/^not ok 1 /not ok 6 /' \
	-e 's/^ok 2 /ok 7 /' -e 's/^not ok 2 /not ok 7 /'
rmmod persocard || echo "# rmmod failed"
