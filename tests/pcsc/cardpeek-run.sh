#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run one cardpeek script without a person and save the card view.
#
#   cardpeek-run.sh SCRIPT OUTPUT.xml [READER]
#
# SCRIPT is a script name as shipped in /usr/share/cardpeek ("emv",
# "gsm (beta)", "openpgp", ... with or without .lua) or a path.
# READER defaults to the first reader cardpeek lists (cardpeek -v), or
# $CARDPEEK_READER, e.g. "pcsc://Virtual PCD 00 00".
#
# cardpeek runs in console mode (-c): no X display is needed.  A private
# HOME holds a pre-made ~/.cardpeek (the first-run question otherwise
# loops forever on a closed stdin).  ui.question() always takes the first
# answer ("Yes"/"OK") and ui.readline() returns "" (the GSM script then
# skips PIN verification).  The log goes to OUTPUT.log.
# Exit status: 0 if the view was saved, 1 otherwise.
set -eu

script=${1:?usage: cardpeek-run.sh SCRIPT OUTPUT.xml [READER]}
out=${2:?usage: cardpeek-run.sh SCRIPT OUTPUT.xml [READER]}
reader=${3:-${CARDPEEK_READER:-}}
timeout=${CARDPEEK_TIMEOUT:-60}
share=/usr/share/cardpeek

home=$(mktemp -d /tmp/cardpeek-home.XXXXXX)
trap 'rm -rf "$home"' EXIT
dot=$home/.cardpeek
mkdir -p "$dot/replay"
cp -r "$share" "$dot/scripts"
# Same three files as the tarball cardpeek 0.8.4 unpacks on first run;
# "version" must not be older than the built-in one or it asks to update.
echo 1422823341 >"$dot/version"
printf 'cardpeek = {\n}\n\ndofile('"'"'scripts/lib/apdu.lua'"'"')\n' \
	>"$dot/config.lua"
printf 'require("scripts.lib.apdu")\n%s\n' \
	'dofile("scripts/lib/compatibility-with-0.7.lua")' >"$dot/cardpeekrc.lua"

case $script in
/*) path=$script ;;
*.lua) path=$dot/scripts/$script ;;
*) path=$dot/scripts/$script.lua ;;
esac
[ -f "$path" ] || { echo "cardpeek-run: no script $path" >&2; exit 1; }

if [ -z "$reader" ]; then
	reader=$(HOME=$home cardpeek -v </dev/null 2>/dev/null |
		sed -n 's/^ -> //p' | head -n 1)
fi
[ -n "$reader" ] || { echo "cardpeek-run: no reader" >&2; exit 1; }

case $out in /*) ;; *) out=$PWD/$out ;; esac
rm -f "$out"
# Lua long brackets: the paths may hold spaces and quotes.
lua="ui.question = function(q, a) return 1 end
ui.readline = function(m, l, d) return '' end
dofile([==[$path]==])
ui.save_view([==[$out]==])
os.exit(0)"

# stdin from /dev/null: if anything still prompts, cardpeek spins, so the
# timeout ends it.
HOME=$home timeout "$timeout" cardpeek -c -r "$reader" -e "$lua" \
	</dev/null 2>&1 | sed 's/cardpeek> //g' | tr -d '\033' |
	sed "s/\[[0-9;]*m//g" | head -c 4000000 >"$out.log" || true
[ -s "$out" ] || { echo "cardpeek-run: no view saved, see $out.log" >&2; exit 1; }
