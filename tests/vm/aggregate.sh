#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Count every test point of every TAP file in a results folder and print
# the closing line "N passed, N failed". A TAP file whose plan does not
# match its points counts the missing ones as failed. Exits 1 on failure.
results=${1:?results folder}
passed=0
failed=0
for tap in "$results"/*.tap; do
	[ -e "$tap" ] || continue
	read -r p f planned < <(awk '
		/^1\.\.[0-9]+/ && !plan { plan = substr($1, 4) + 0 }
		/^ok /		{ p++ }
		/^not ok /	{ f++; print "  " FILENAME ": " $0 > "/dev/stderr" }
		END		{ print p + 0, f + 0, plan + 0 }' "$tap")
	if [ $((p + f)) -lt "$planned" ]; then
		echo "  $(basename "$tap"): $((planned - p - f)) planned tests did not run" >&2
		f=$((f + planned - p - f))
	fi
	printf '  %-16s %4d passed, %d failed\n' "$(basename "$tap" .tap)" "$p" "$f"
	passed=$((passed + p))
	failed=$((failed + f))
done
if [ $((passed + failed)) -eq 0 ]; then
	echo "aggregate: no test ran" >&2
	failed=1
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
