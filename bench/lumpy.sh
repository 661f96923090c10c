#!/usr/bin/env bash
# bench/lumpy.sh - the reorder list on generated slow movers (bench/lumpy.c):
# bp-replay --generate over 120 days after a year of history, asked fill
# 0.90, 0.95 and 0.98, against min/max topped up daily (order cycle 0, the
# strongest rule of bench/README.md), on seed 1 and, summed up, on hold-out
# seeds 2 and 3; then bp-scale, a 10,000-SKU catalogue
# with a week of bookings, three lists (the last two beside a busy process).
# Rewrites the "## Intermittent and lumpy parts" section of bench/RESULTS.md.
#   bash bench/lumpy.sh [--quick]     (--quick: 30 days, 1,000 SKUs, prints only)
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
R=${BP_REPLAY:-$root/build/bench/bp-replay}
S=${BP_SCALE:-$root/build/bench/bp-scale}
GEN=${BP_GEN:-$root/build/bench/bp-gen}
quick=0
case ${1:-} in
--quick) quick=1 ;;
"") ;;
*) echo "usage: bench/lumpy.sh [--quick]" >&2; exit 64 ;;
esac
[ -x "$R" ] && [ -x "$S" ] && [ -x "$GEN" ] || { echo "bench: run make first" >&2; exit 1; }
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
days=120 parts=150 sku=10000 holdout="2 3"
[ $quick = 1 ] && days=30 sku=1000 holdout=2
"$GEN" --size demo --seed 57 --date 2026-11-24 --days 7 --out "$W/week" 2>/dev/null ||
	{ echo "bench: bp-gen failed" >&2; exit 1; }

{
	echo "## Intermittent and lumpy parts"
	echo
	echo "Recorded by \`bash bench/lumpy.sh\` (\`make bench-lumpy\`) on $(date -u +%Y-%m-%d)."
	echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), shared"
	echo "with other work (CPU seconds are this process's own). $parts generated parts (bench/lumpy.c,"
	echo "seed 1): a third lumpy, a third rare (48 h); a year of history, then $days days replayed;"
	echo "\`bp-replay --generate $parts --warmup 365 --days $days --cycle 0 --level L\`. How to read"
	echo "it: bench/README.md, \"Intermittent and lumpy parts\"."
	for L in 0.90 0.95 0.98; do
		echo
		echo "### Asked fill rate $L"
		echo
		"$R" --generate $parts --warmup 365 --days $days --cycle 0 --level $L >"$W/s1-$L.txt" ||
			exit 1
		awk '{ if (p ~ /^\|/ && $0 !~ /^\|/ && $0 != "") print ""; print; if (/^Shop /) print ""; p = $0 }' \
			"$W/s1-$L.txt"
	done
	echo
	echo "### Hold-out seeds"
	echo
	echo "The parts' generator seed 1 is the one the model was developed on; seeds $holdout"
	echo "draw other catalogues (\`--seed N\`), the same command otherwise. Fill per class as"
	echo "above; stock: bayplan's average stock value, and against min/max interpolated in k"
	echo "to bayplan's fill rate (the sweep); order lines: bayplan / min/max at k = z."
	echo
	echo "| seed | asked | intermittent | lumpy | all | stock | vs min/max at equal fill | order lines |"
	echo "|---|---|---|---|---|---|---|---|"
	for seed in 1 $holdout; do
		for L in 0.90 0.95 0.98; do
			f="$W/s1-$L.txt"
			if [ "$seed" != 1 ]; then
				f="$W/s$seed-$L.txt"
				"$R" --generate $parts --seed "$seed" --warmup 365 --days $days --cycle 0 \
					--level $L >"$f" || exit 1
			fi
			awk -v seed="$seed" -v lvl="$L" -f "$here/lumpy_row.awk" "$f"
		done
	done
	echo
	echo "### 10,000 SKUs"
	echo
	echo "\`bp-scale --shop WEEK --parts $sku --repeat 3 --load\`: WEEK is \`bp-gen --size demo --seed 57"
	echo "--date 2026-11-24 --days 7\` (a week of bookings), its 39 parts and $((sku - 39)) generated"
	echo "ones with 365 days of history; 30 % of the bookings carry one or two of them. The list"
	echo "for 3 days (\`bayplan reorder\`'s default), then for the whole week (\`--days 7\`)."
	echo
	echo '```'
	"$S" --shop "$W/week/shop.yaml" --parts $sku --repeat 3 --load || exit 1
	"$S" --shop "$W/week/shop.yaml" --parts $sku --repeat 1 --days 7 || exit 1
	echo '```'
} >"$W/section.md"

if [ $quick = 1 ]; then
	cat "$W/section.md"
	exit 0
fi
out=$here/RESULTS.md
awk '/^## Intermittent and lumpy parts/ {skip = 1; next} skip && /^## / {skip = 0} !skip' "$out" |
	sed -e :a -e '/^\n*$/{$d;N;ba' -e '}' >"$W/rest.md"
{ cat "$W/rest.md"; echo; cat "$W/section.md"; } >"$out"
echo "bench: recorded the intermittent and lumpy replay in $out"
