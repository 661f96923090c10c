#!/usr/bin/env bash
# bench/replay.sh - the reorder replay (bench/replay.c, bp-replay): bayplan's
# daily reorder list against a min/max rule over the demo's demand history
# and a generated M shop's, min/max with order cycles of 3, 1 and 0 days,
# and both shops once more without the delivery fee.
# Rewrites the "## Reorder replay" section of bench/RESULTS.md and leaves
# the rest of the file alone. A few minutes on one core.
#   bash bench/replay.sh [--quick]     (--quick: 20 days, prints, records nothing)
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
R=${BP_REPLAY:-$root/build/bench/bp-replay}
GEN=${BP_GEN:-$root/build/bench/bp-gen}
quick=0
case ${1:-} in
--quick) quick=1 ;;
"") ;;
*) echo "usage: bench/replay.sh [--quick]" >&2; exit 64 ;;
esac
[ -x "$R" ] && [ -x "$GEN" ] || { echo "bench: run make first" >&2; exit 1; }
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
days=120
[ $quick = 1 ] && days=20
M_GEN="--size M --seed 3 --date 2026-11-24 --history 150"
"$GEN" $M_GEN --out "$W/m" 2>/dev/null || { echo "bench: bp-gen failed" >&2; exit 1; }

# Blank lines around the tables of filtered output, as markdown wants.
md() {
	awk '{ if (p ~ /^\|/ && $0 !~ /^\|/ && $0 != "") print ""; print; if (/^Shop /) print ""; p = $0 }'
}

# shop NAME FILE: the full tables at cycle 3, then the comparisons at 1 and 0.
shop() {
	echo "### $1"
	echo
	"$R" --shop "$2" --days $days --cycle 3 || return 1
	for c in 1 0; do
		echo
		echo "min/max with an order cycle of $c day(s):"
		echo
		"$R" --shop "$2" --days $days --cycle $c |
			grep -E '^\|(---| policy| min/max \(k = z)|^At|^The sweep' |
			awk '!/^\|---/ || !seen++' | md || return 1
	done
	echo
}

{
	echo "## Reorder replay"
	echo
	echo "Recorded by \`bash bench/replay.sh\` (\`make bench-replay\`) on $(date -u +%Y-%m-%d)."
	echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//');"
	echo "GLPK $(glpsol --version 2>/dev/null | head -1 | awk '{print $NF}'). Each day of the last $days days of history"
	echo "(after 28 days of warm-up) both policies review at the evening's close;"
	echo "\`bp-replay --shop FILE --days $days --cycle C\`. How to read it: bench/README.md."
	echo
	shop "Demo (scenarios/demo/shop.yaml)" "$root/scenarios/demo/shop.yaml" || exit 1
	shop "M shop (\`bp-gen $M_GEN\`)" "$W/m/shop.yaml" || exit 1
	echo "### Without the delivery fee (\`--fee 0\`), min/max order cycle 0"
	echo
	echo "What the fee of 15 a run still costs in stock: without it bayplan's list has no"
	echo "reason to bring a part early to save a run (and uses many more runs)."
	for f in "$root/scenarios/demo/shop.yaml" "$W/m/shop.yaml"; do
		echo
		"$R" --shop "$f" --days $days --cycle 0 --fee 0 |
			grep -E '^Shop|^\|(---| policy| bayplan| min/max \(k = z)|^At|^The sweep' |
			awk '!/^\|---/ || !seen++' | md || exit 1
	done
} >"$W/section.md"

if [ $quick = 1 ]; then
	cat "$W/section.md"
	exit 0
fi
out=$here/RESULTS.md
# Keep every other section as it is; the replay's goes at the end.
awk '/^## Reorder replay/ {skip = 1; next} skip && /^## / {skip = 0} !skip' "$out" |
	sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' >"$W/rest.md"
{ cat "$W/rest.md"; echo; cat "$W/section.md"; } >"$out"
echo "bench: recorded the reorder replay in $out"
