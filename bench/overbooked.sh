#!/usr/bin/env bash
# bench/overbooked.sh - overbooked large days (issue 15): L and XL at 1.3x and
# 1.6x bookings, a few seeds, each planned at several time limits; per run the
# wall time, peak memory, own gap, tier-weighted jobs done, what first-come-
# first-served dispatch does, and CBC on the exported model at equal time
# (skipped, with a note, where cbc is not installed). One solver at a time.
# Writes the section "## Overbooked days" of bench/RESULTS.md.
#   bash bench/overbooked.sh [--seeds N] [--limits "1 3 10 30"] [--days "L:1.3 ..."]
#                            [--no-cbc] [--cbc-seeds N] [--out FILE]
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
B=${BAYPLAN:-$root/bayplan}
GEN=${BP_GEN:-$root/build/bench/bp-gen}
seeds=3
limits="1 3 10 30"
days="L:1.3 L:1.6 XL:1.3 XL:1.6"
cbc=1
cbc_seeds=
out=$here/RESULTS.md
while [ $# -gt 0 ]; do
	case $1 in
	--seeds) seeds=$2; shift ;;
	--limits) limits=$2; shift ;;
	--days) days=$2; shift ;;
	--no-cbc) cbc=0 ;;
	--cbc-seeds) cbc_seeds=$2; shift ;;
	--out) out=$2; shift ;;
	*) echo "usage: bench/overbooked.sh [--seeds N] [--limits \"1 3 10 30\"] [--days \"L:1.3 ...\"] [--no-cbc] [--cbc-seeds N] [--out FILE]" >&2
	   exit 64 ;;
	esac
	shift
done
[ -x "$B" ] && [ -x "$GEN" ] || { echo "bench: run make first" >&2; exit 1; }
[ -n "$cbc_seeds" ] || cbc_seeds=$seeds
command -v python3 >/dev/null || { echo "bench: needs python3 to read the JSON plans" >&2; exit 1; }
cbc_note=""
if [ $cbc = 1 ] && ! command -v cbc >/dev/null 2>&1; then
	cbc=0
	cbc_note="cbc is not installed here: the CBC columns are left empty."
	echo "bench: $cbc_note" >&2
fi
timer=""
[ -x /usr/bin/time ] && timer=/usr/bin/time
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
DATE=2026-11-24

sec=$W/section.md
{
	echo "## Overbooked days"
	echo
	echo "Recorded by \`bash bench/overbooked.sh\` (\`make bench-overbooked\`) on $(date -u '+%Y-%m-%d %H:%M') UTC."
	echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); load before: $(cut -d' ' -f1-3 /proc/loadavg)."
	echo "One solver process at a time. Days: \`bp-gen --size SIZE --overload F --seed N --date $DATE\`;"
	echo "seeds 1-$seeds; limits $limits s. *wdone*: jobs done at their tier weight (core 3, potential 2, basic 1);"
	echo "*FCFS*: first-come-first-served dispatch (arrival order, the placement that starts soonest) on the same day;"
	echo "*gap*: against bayplan's own bound; *wall*: the whole \`plan\` command; *RSS*: its peak memory."
	echo "CBC: \`cbc model.lp sec LIMIT threads 1 solve\` on the \`--write-lp\` export (the full model), its wdone read from its solution;"
	echo "seeds 1-$cbc_seeds only (CBC spends 30-60 s reading and presolving these models before its limit starts)."
	[ -n "$cbc_note" ] && echo "$cbc_note"
	echo
	echo "| day | seed | jobs | limit s | wall s | RSS MB | status | objective | bound | gap | wdone | FCFS wdone | CBC objective | CBC wdone |"
	echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
} >"$sec"

for day in $days; do
	size=${day%%:*} ov=${day##*:}
	for seed in $(seq 1 "$seeds"); do
		d=$W/$size-$ov-$seed
		"$GEN" --size "$size" --overload "$ov" --seed "$seed" --date $DATE --out "$d" 2>/dev/null ||
			{ echo "bench: gen failed for $day seed $seed" >&2; continue; }
		db=$d/bench.db
		"$B" --db "$db" --quiet init >/dev/null && "$B" --db "$db" --quiet import "$d/shop.yaml" >/dev/null ||
			{ echo "bench: import failed for $day seed $seed" >&2; continue; }
		jobs=$(sqlite3 "$db" "SELECT count(*) FROM jobs WHERE date='$DATE'")
		# The export, once per day and outside the timed runs.
		use_cbc=$cbc
		[ "$seed" -le "$cbc_seeds" ] || use_cbc=0
		if [ $use_cbc = 1 ]; then
			"$B" --db "$db" --quiet --time-limit 1 plan --date $DATE --write-lp "$d/model.lp" >/dev/null 2>&1
			sqlite3 -separator ' ' "$db" "SELECT replace(id, '-', '_'), CASE tier WHEN 'core' THEN 3 WHEN 'potential' THEN 2 ELSE 1 END FROM jobs WHERE date='$DATE'" >"$d/tiers"
		fi
		for tl in $limits; do
			t0=$(date +%s.%N)
			if [ -n "$timer" ]; then
				$timer -f '%M' -o "$d/rss" "$B" --db "$db" --time-limit "$tl" plan --date $DATE --format json >"$d/plan.json" 2>"$d/plan.err"
			else
				"$B" --db "$db" --time-limit "$tl" plan --date $DATE --format json >"$d/plan.json" 2>"$d/plan.err"
			fi
			rc=$?
			t1=$(date +%s.%N)
			wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", b - a}')
			rss="-"
			[ -s "$d/rss" ] && rss=$(awk 'END {printf "%.0f", $1 / 1024}' "$d/rss")
			row=$(python3 - "$d/plan.json" <<'PY'
import json, sys
try:
    p = json.load(open(sys.argv[1]))
    k = p["kpis"]
    print(p["status"], "%.1f" % p["objective"], "%.1f" % p["bound"], "%.2f" % (100 * p["gap"]),
          "%g" % k["weighted_done"])
except Exception:
    print("error - - - -")
PY
)
			set -- $row
			fcfs=$(sed -n 's/.*first come, first served would do \([0-9.]*\).*/\1/p' "$d/plan.err" | tail -1)
			cobj="-" cw="-"
			if [ $use_cbc = 1 ] && [ -s "$d/model.lp" ]; then
				rm -f "$d/cbc.sol"
				cout=$(timeout $((tl + 60)) cbc "$d/model.lp" sec "$tl" threads 1 solve solu "$d/cbc.sol" 2>&1)
				cobj=$(printf '%s\n' "$cout" | grep -m1 -E '^Objective value:' | awk '{printf "%.1f", $3}')
				if [ -n "$cobj" ] && [ -s "$d/cbc.sol" ]; then
					cw=$(awk 'NR == FNR {w[$1] = $2; next}
						$2 ~ /^x_/ && $3 + 0 >= 0.5 {n = $2; sub(/^x_/, "", n); sub(/_t[0-9]+_b[0-9]+_s[0-9]+$/, "", n); s += w[n]}
						END {print s + 0}' "$d/tiers" "$d/cbc.sol")
				else
					cobj="no plan"
				fi
			fi
			echo "| $size x$ov | $seed | $jobs | $tl | $wall | $rss | $1 (exit $rc) | $2 | $3 | $4 % | $5 | ${fcfs:--} | $cobj | $cw |" >>"$sec"
			echo "bench: $size x$ov seed $seed limit $tl: wall $wall s, gap $4 %, wdone $5, FCFS ${fcfs:--}, CBC $cobj ($cw)" >&2
		done
		rm -f "$d/model.lp"
	done
done
echo >>"$sec"

# Replace the section in the results file, keeping everything else.
if [ -f "$out" ]; then
	awk -v sec="$sec" '
		/^## Overbooked days/ {skip = 1; next}
		skip && /^## / {skip = 0}
		!skip && /^## Reorder replay/ && !done {while ((getline l < sec) > 0) print l; done = 1}
		!skip {print}
		END {if (!done) {print ""; while ((getline l < sec) > 0) print l}}' "$out" >"$out.tmp" && mv "$out.tmp" "$out"
else
	cp "$sec" "$out"
fi
cat "$sec"
